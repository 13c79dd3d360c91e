"""Read one news page: recognise HTML, extract the article body and its metadata.

The body comes from trafilatura, the best-scoring open extractor on the article-extraction
benchmark. trafilatura and lxml take a few hundred milliseconds to import, so they are imported
inside the functions that need them: reading a plain-text file never pays for them.

trafilatura's date is day-only; pages usually carry the full timestamp (with its time zone) in
``<meta>`` tags or JSON-LD, which are read here from the same parsed tree.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import PurePath
from typing import TYPE_CHECKING

from retold.errors import EmptyInputError
from retold.ingest.metadata import find_credit, find_published, find_title
from retold.records import Document

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from trafilatura.settings import Document as Extraction

__all__ = ["declared_charset", "extract_html", "looks_like_html"]

_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_SNIFF_CHARS = 1024
_STRONG_MARKERS = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_PARAGRAPH_MARKER = re.compile(r"<p[\s>]", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)

_NO_TEXT = "no article text found in the page"

_DATE_META_KEYS = (
    # Most specific first: the article's own publication time, then generic page dates.
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "date",
)
_DATE_META_RANK = {key: rank for rank, key in enumerate(_DATE_META_KEYS)}
_JSON_LD_RANK = _DATE_META_RANK["datepublished"]
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")


def looks_like_html(data: bytes | str, name: str | None = None) -> bool:
    """Whether the input is an HTML page: by extension, else by its first kilobyte.

    The input must start with markup (after a BOM and white space) and hold ``<!doctype html>``,
    ``<html>``, ``<head>``, ``<body>`` or ``<p>`` in its first kilobyte; crawled text that
    merely mentions a tag is still read as text.
    """
    if name is not None and PurePath(name).suffix.lower() in _HTML_SUFFIXES:
        return True
    head = data[:_SNIFF_CHARS]
    if isinstance(head, bytes):
        head = head.decode("latin-1")  # ASCII markers survive any ASCII-compatible encoding
    if not head.lstrip("\ufeff\xef\xbb\xbf \t\r\n").startswith("<"):
        return False
    return bool(_STRONG_MARKERS.search(head) or _PARAGRAPH_MARKER.search(head))


def declared_charset(data: bytes) -> str | None:
    """The encoding a page declares in ``<meta charset>`` or ``http-equiv`` (first 4 KB)."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


_SHORT_TEXT = 600


def extract_html(html: str, *, name: str, path: str | None = None) -> Document:
    """Extract the article of one HTML page into a ``Document`` (``format="html"``).

    ``text`` is trafilatura's article body with one ``\\n`` between paragraphs; ``title``,
    ``outlet`` (site name, else host name) and ``published`` come from the page's metadata,
    ``credit`` from a wire dateline in the body. Raises ``EmptyInputError`` when the page has no
    article text; malformed HTML never raises anything else.
    """
    from trafilatura.utils import load_html

    if not _STRONG_MARKERS.search(html[:_SNIFF_CHARS]):
        # trafilatura rejects a bare fragment ("<p>..</p>") as "not valid HTML".
        html = f"<html><body>{html}</body></html>"
    try:
        tree = load_html(html)
    except Exception:  # lxml raises several unrelated types on malformed input
        tree = None
    if tree is None:
        raise EmptyInputError(f"{name}: {_NO_TEXT}")
    meta_date = _published_from_tree(tree)  # read before trafilatura prunes the tree
    # Precision first (fewer boilerplate lines, better F1 on the benchmark); on a truncated or
    # odd page it can find nothing, where the balanced default still finds the article.
    # A very short precise text may be a reprint notice kept instead of the article: then the
    # balanced extraction wins if it is much longer (seen on a Barron's page of the benchmark).
    extracted = _bare_extraction(tree, favor_precision=True)
    if extracted is None or len(extracted.text or "") < _SHORT_TEXT:
        balanced = _bare_extraction(
            html,
            favor_precision=False,  # a fresh tree: trafilatura pruned the first one
        )
        if balanced is not None and (
            extracted is None or len(balanced.text or "") > 4 * len(extracted.text or "")
        ):
            extracted = balanced
    if extracted is None:
        raise EmptyInputError(f"{name}: {_NO_TEXT}")
    text = extracted.text or ""
    published, published_from = _choose_published(meta_date, extracted.date, text)
    return Document(
        text=text,
        path=path,
        title=extracted.title or find_title(text),
        published=published,
        published_from=published_from,
        outlet=_outlet(extracted.sitename, extracted.hostname),
        credit=find_credit(text),
        format="html",
    )


def _bare_extraction(page: HtmlElement | str, *, favor_precision: bool) -> Extraction | None:
    """trafilatura's extraction with metadata, or None when it finds nothing or fails."""
    import trafilatura

    try:
        extraction = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            output_format="python",
            include_comments=False,
            favor_precision=favor_precision,
        )
    except Exception:  # trafilatura has no error contract; broken pages must not traceback
        return None
    if extraction is None or isinstance(extraction, dict):  # dict only with as_dict=True
        return None
    return extraction if any(char.isalnum() for char in extraction.text or "") else None


def _outlet(sitename: str | None, hostname: str | None) -> str | None:
    """The site name, unless it is only an address ("https://www.x.com"); else the host name."""
    if sitename and "://" not in sitename and not sitename.startswith("www."):
        return sitename
    if hostname:
        return hostname
    if sitename:
        return sitename.split("://")[-1].removeprefix("www.").strip("/") or None
    return None


def _choose_published(
    meta_date: str | None, day: str | None, text: str
) -> tuple[datetime | None, str | None]:
    """A metadata timestamp with a time of day, else trafilatura's day, else any date found in
    the text; with where it came from: ``"meta"`` (our reading of ``<meta>``/JSON-LD),
    ``"page"`` (trafilatura's guess, from metadata or the body) or ``"text"``."""
    if meta_date is not None and _HAS_TIME.search(meta_date):
        parsed = _parse_timestamp(meta_date)
        if parsed is not None:
            return parsed, "meta"
    for value, origin in ((day, "page"), (meta_date, "meta")):
        parsed = _parse_timestamp(value or "")
        if parsed is not None:
            return parsed, origin
    found = find_published(text)
    return found, "text" if found is not None else None


def _published_from_tree(tree: HtmlElement) -> str | None:
    """The best-ranked publication timestamp in ``<meta>``, ``<time>`` or JSON-LD, as written.

    A value with a time of day beats one without; among those, the rank of its key decides.
    """
    candidates: list[tuple[bool, int, str]] = []
    try:
        for element in tree.iter("meta"):
            key = (
                element.get("property") or element.get("name") or element.get("itemprop") or ""
            ).lower()
            value = (element.get("content") or "").strip()
            if key in _DATE_META_RANK and _parse_timestamp(value) is not None:
                candidates.append((not _HAS_TIME.search(value), _DATE_META_RANK[key], value))
        for element in tree.iter("time"):
            value = (element.get("datetime") or "").strip()
            marked = (element.get("itemprop") or "").lower() == "datepublished"
            dated = _parse_timestamp(value) is not None
            if dated and (marked or element.get("pubdate") is not None):
                candidates.append((not _HAS_TIME.search(value), _JSON_LD_RANK, value))
        for element in tree.iter("script"):
            if (element.get("type") or "").lower() == "application/ld+json":
                value = next(_json_ld_dates(element.text or ""), "")
                if _parse_timestamp(value) is not None:
                    candidates.append((not _HAS_TIME.search(value), _JSON_LD_RANK, value))
    except (ValueError, TypeError):  # odd trees from broken pages: metadata is optional
        return None
    if not candidates:
        return None
    return min(candidates)[2]


def _json_ld_dates(script: str) -> Iterator[str]:
    """Every ``datePublished`` string in one JSON-LD script, depth first; nothing if broken."""
    try:
        data: object = json.loads(script)
    except (ValueError, RecursionError):
        return
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str):
                yield value.strip()
            stack.extend(reversed(list(item.values())))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _parse_timestamp(value: str) -> datetime | None:
    """Parse an ISO 8601, RFC 2822 or English written date; None when it is none of these."""
    if not value:
        return None
    iso = value.replace("Z", "+00:00") if value.endswith("Z") else value
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        pass
    return find_published(value)
