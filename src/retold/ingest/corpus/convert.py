"""Turn one ``RawRecord`` into a ``CorpusDocument``, or say why it cannot be one.

``to_document`` is pure (no I/O, no state) and takes and returns picklable records, so a scan
can run it in a process pool. It reads a record the way ``retold compare`` reads a file, with
the same functions: ``decode_bytes`` (encoding, mojibake repair), ``extract_html``
(trafilatura, page metadata) and the text metadata rules; nothing here re-implements them.

Metadata comes, in order of trust, from the record (JSON/CSV/Parquet fields, the URL of a
WARC/ARC record), then the page (``<meta>``, JSON-LD), then the text itself. The outlet of a
record with a URL is the URL's host without ``www.``: one stable name per site, where page
site names vary ("JPost", "The Jerusalem Post | JPost.com"). ``published`` is never taken from
``WARC-Date`` or other crawl times: a page crawled late would look like the first to publish.
"""

from __future__ import annotations

from retold.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    UndecodableInputError,
)
from retold.ingest.corpus.fields import outlet_from_url
from retold.ingest.corpus.reasons import Reason, reason
from retold.ingest.decode import decode_bytes, repair_mojibake
from retold.ingest.html import declared_charset, extract_html
from retold.ingest.reader import read_document, read_text_document
from retold.records import CorpusDocument, Document, RawRecord, Rejection

__all__ = ["to_document"]

_ERROR_REASONS: tuple[tuple[type[InputError], Reason], ...] = (
    (BinaryInputError, Reason.BINARY),
    (UndecodableInputError, Reason.UNDECODABLE),
    (EmptyInputError, Reason.NO_ARTICLE_TEXT),
)


def to_document(record: RawRecord) -> CorpusDocument | Rejection:
    """Decode and extract one record: a ``CorpusDocument``, or a ``Rejection`` with the reason.

    HTML (``kind="html"``) is decoded (the container's charset, else ``<meta charset>``, is
    tried after strict UTF-8) and its article extracted by trafilatura; text is decoded, or
    taken as given when already a string, with mojibake repaired. Never raises for bad data:
    binary or undecodable bytes, a page without article text, even an unexpected extractor
    error become rejections.
    """
    label = f"{record.source}:{record.locator}" if record.locator else record.source
    outlet = record.outlet or outlet_from_url(record.url)
    try:
        document = _read(record, label, _unread_fields(record, outlet))
    except InputError as error:
        cause = next(
            (cause for kind, cause in _ERROR_REASONS if isinstance(error, kind)),
            Reason.EXTRACTION_FAILED,
        )
        return _reject(record, cause, _detail(error, label))
    except Exception as error:  # the extractor's bug must not end a scan of millions
        return _reject(record, Reason.EXTRACTION_FAILED, f"{type(error).__name__}: {error}")
    text = document.text
    if not any(char.isalnum() for char in text):
        return _reject(record, Reason.NO_ARTICLE_TEXT)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates, e.g. from a JSON "\udc80" escape
            return _reject(record, Reason.UNDECODABLE, "lone surrogate characters in the text")
    return CorpusDocument(
        doc_id=record.doc_id,
        text=text,
        source=record.source,
        locator=record.locator,
        url=record.url,
        outlet=outlet or document.outlet,
        title=record.title or document.title,
        published=record.published or document.published,
        published_from="field" if record.published else document.published_from,
    )


def _read(record: RawRecord, label: str, unread: frozenset[str]) -> Document:
    """The ``Document`` the ingest functions make of the record's payload; a string of plain
    text is not read for the metadata fields named in ``unread``."""
    payload = record.payload
    if record.kind == "html":
        if isinstance(payload, bytes):
            declared = record.charset or declared_charset(payload)
            html = decode_bytes(payload, name=label, declared=declared).text
        else:
            html = repair_mojibake(payload)
        return extract_html(html, name=label)
    if isinstance(payload, bytes):
        return read_document(data=payload, name=label, max_bytes=max(len(payload), 1))
    return read_text_document(payload, name=label, skip=unread)


def _unread_fields(record: RawRecord, outlet: str | None) -> frozenset[str]:
    """The metadata a corpus document does not take from its text: what the record gives
    (``outlet``: its own, else its URL's site; it would win), and the credit (read from the
    stored text, ``document_row``)."""
    given = {"title": record.title, "published": record.published, "outlet": outlet}
    return frozenset(["credit", *(name for name, value in given.items() if value)])


def _reject(record: RawRecord, cause: Reason, detail: str | None = None) -> Rejection:
    """A rejection of ``record``, keeping where it came from and its id."""
    return Rejection(record.source, record.locator, reason(cause, detail), record.doc_id)


def _detail(error: Exception, label: str) -> str:
    """An input error's message without the leading ``name:`` that the CLI shows.

    ``"binary file (612 control bytes in 4096 bytes)"`` loses its wrapper too: the reason
    already says ``binary content``.
    """
    detail = str(error).removeprefix(f"{label}: ")
    if detail.startswith("binary file (") and detail.endswith(")"):
        detail = detail.removeprefix("binary file (").removesuffix(")")
    return detail
