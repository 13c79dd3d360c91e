"""Which fields of a JSON, CSV or Parquet record hold the id, text and metadata.

One ``FieldMap`` serves every tabular format (as datatrove's reader adapter does): it names, per
role, the field or the fallback fields to look for. The defaults read news-please output
(``maintext``, ``date_publish``, ``source_domain``) and the usual alternatives. A file whose
records have none of the text fields is not skipped silently: the rejection names the fields
that were tried and the keys that were found.

Values are turned into ``RawRecord`` fields here, once, for all three formats: ids are
stringified, dates parsed, outlets that are domain names normalised.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal
from urllib.parse import urlsplit

from retold.ingest.corpus.reasons import Reason, reason
from retold.ingest.html import looks_like_html
from retold.ingest.metadata import find_published
from retold.records import RawRecord, Rejection

__all__ = [
    "DEFAULT_FIELDS",
    "ROLES",
    "Columns",
    "FieldMap",
    "Role",
    "build_record",
    "missing_text_field",
    "outlet_from_url",
    "parse_published",
    "resolve_columns",
]

Role = Literal["id", "text", "title", "url", "published", "outlet"]
ROLES: tuple[Role, ...] = ("id", "text", "title", "url", "published", "outlet")

Names = str | tuple[str, ...]
"""One field name (only that field is read) or names tried in order (the first present wins)."""


@dataclass(frozen=True, slots=True)
class FieldMap:
    """Names of the record fields that hold each part of a document.

    Give a string to read exactly that field, a tuple to try several in order, ``()`` to never
    read the role (``id=()`` always derives ids from the file and line). Only ``text`` is
    required; a record without an ``id`` gets one derived from where it was read.

    ``published`` does not fall back to crawl times (``scrape_time``, ``date_download``): the
    time a page was fetched says nothing about who published first. Map it explicitly, e.g.
    ``FieldMap(published="scrape_time")``, when a collection has nothing better.
    """

    id: Names = ("id",)
    text: Names = ("maintext", "text", "content", "body", "article")
    title: Names = ("title",)
    url: Names = ("url",)
    published: Names = ("date_publish", "published", "date")
    outlet: Names = ("source_domain", "publisher", "outlet", "domain")

    def candidates(self, role: Role) -> tuple[str, ...]:
        """The field names tried for ``role``, in order."""
        names: Names = getattr(self, role)
        return (names,) if isinstance(names, str) else tuple(names)


DEFAULT_FIELDS = FieldMap()
"""The news-please style mapping, used when a caller gives none."""


@dataclass(frozen=True, slots=True)
class Columns:
    """The one column chosen per role in a file with a fixed header (CSV, Parquet)."""

    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None

    def names(self) -> list[str]:
        """The distinct columns to read, text first (Parquet reads only these)."""
        chosen = [self.text, self.id, self.title, self.url, self.published, self.outlet]
        return list(dict.fromkeys(name for name in chosen if name is not None))


def resolve_columns(fields: FieldMap, columns: Sequence[str]) -> Columns | str:
    """Pick each role's column from a file's header; the rejection reason if text has none."""
    present = set(columns)

    def first(role: Role) -> str | None:
        return next((name for name in fields.candidates(role) if name in present), None)

    text = first("text")
    if text is None:
        return missing_text_field(fields, columns, kind="columns")
    return Columns(
        text=text,
        id=first("id"),
        title=first("title"),
        url=first("url"),
        published=first("published"),
        outlet=first("outlet"),
    )


def missing_text_field(
    fields: FieldMap, keys: Sequence[str], *, kind: str = "keys", limit: int = 20
) -> str:
    """The reason for a record or file without a text field: what was tried, what was found."""
    tried = ", ".join(fields.candidates("text")) or "none"
    shown = ", ".join(str(key) for key in list(keys)[:limit]) or "none"
    more = f", ... ({len(keys)} in all)" if len(keys) > limit else ""
    return reason(Reason.NO_TEXT_FIELD, f"tried {tried}; {kind} found: {shown}{more}")


def pick(row: Mapping[str, object], fields: FieldMap, role: Role) -> object:
    """The value of the first of ``role``'s fields that the row has and is not null."""
    for name in fields.candidates(role):
        value = row.get(name)
        if value is not None:
            return value
    return None


def build_record(
    values: Mapping[Role, object],
    *,
    source: str,
    locator: str,
    default_id: str,
    max_bytes: int,
) -> RawRecord | Rejection:
    """Turn one row's values (by role) into a ``RawRecord``, or reject it.

    The text must be a non-blank string (or bytes, decoded later) of at most ``max_bytes``
    bytes. HTML in the text field (a stored page) is marked ``kind="html"`` so that it goes
    through trafilatura like a crawled page.
    """
    doc_id = _id_value(values.get("id")) or default_id
    text = values.get("text")
    if text is None:
        return Rejection(source, locator, reason(Reason.EMPTY_TEXT, "null"), doc_id)
    if not isinstance(text, str | bytes):
        detail = type(text).__name__
        return Rejection(source, locator, reason(Reason.TEXT_NOT_STRING, detail), doc_id)
    if not text.strip():
        return Rejection(source, locator, str(Reason.EMPTY_TEXT), doc_id)
    size = _size(text, max_bytes)
    if size > max_bytes:
        detail = f"{size:,} bytes; the limit is {max_bytes:,}"
        return Rejection(source, locator, reason(Reason.TOO_LARGE, detail), doc_id)
    url = _string(values.get("url"))
    return RawRecord(
        doc_id=doc_id,
        source=source,
        locator=locator,
        payload=text,
        kind="html" if looks_like_html(text) else "text",
        url=url,
        outlet=normalise_outlet(_string(values.get("outlet"))),
        title=_string(values.get("title")),
        published=parse_published(values.get("published")),
    )


def parse_published(value: object) -> datetime | None:
    """A publication time from a field: a datetime, ISO 8601 or written date, or epoch seconds.

    Anything unparseable is None rather than a rejection: metadata is optional.
    """
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if abs(value) > 1e11 else value  # milliseconds, as JavaScript
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    text = _string(value)
    if text is None:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return find_published(text)


_DOMAIN = re.compile(r"(?i)^(?:www\d?\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}$")


def normalise_outlet(value: str | None) -> str | None:
    """An outlet as given, except that a domain name is lowercased and loses ``www.``.

    ``nytimes.com``, ``WWW.NYTimes.com`` and a URL host all become ``nytimes.com``, so one outlet
    has one name across formats; a name such as "Reuters" is kept as written.
    """
    if value is None:
        return None
    if "://" in value:
        return outlet_from_url(value)
    if _DOMAIN.match(value):
        return value.lower().removeprefix("www.")
    return value


def outlet_from_url(url: str | None) -> str | None:
    """The host of a URL, lowercased and without ``www.``; None for hostless URLs (dns:...)."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _id_value(value: object) -> str | None:
    """A record's own id as a string (``12.0`` read from a float column becomes ``"12"``)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _string(value)


def _string(value: object) -> str | None:
    """A metadata value as clean text: stripped, None when blank, never a lone surrogate."""
    if value is None:
        return None
    text = (value if isinstance(value, str) else str(value)).strip()
    if not text:
        return None
    if not text.isascii():
        text = text.encode("utf-8", "replace").decode("utf-8")  # Arrow refuses lone surrogates
    return text


def _size(text: str | bytes, max_bytes: int) -> int:
    """Byte size of the text in UTF-8, encoding only when the length alone cannot decide."""
    if isinstance(text, bytes) or len(text) * 4 <= max_bytes or len(text) > max_bytes:
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))
