"""Decide whether one archived web response is an HTML page, and get its body's bytes.

Shared by the WARC and ARC readers: both hand over the HTTP status, the content type and the
raw body as archived. Only ``200`` responses whose type is HTML (or, when no type is given,
whose bytes look like HTML) become records; everything else is a counted rejection with the
status or type in its reason. Bodies are stored as sent, so chunked transfer coding and
gzip / deflate / brotli / zstd content coding are undone here, each bounded by ``max_bytes``.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass

from retold.ingest.corpus.reasons import Reason, reason
from retold.ingest.html import looks_like_html
from retold.records import RawRecord, Rejection

__all__ = ["WebResponse", "split_content_type", "to_record"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/xhtml"})
_UNTYPED = frozenset({"", "application/octet-stream", "unk", "unknown", "no-type", "none"})
"""Types that say nothing: the body is sniffed instead."""


@dataclass(frozen=True, slots=True)
class WebResponse:
    """One archived response, as much as the archive tells about it."""

    doc_id: str
    source: str
    locator: str
    url: str | None
    body: bytes
    status: int | None
    """The HTTP status; None when the record holds no HTTP message (``dns:``, a resource)."""
    content_type: str | None
    """The raw ``Content-Type`` value (HTTP header, else the archive's own)."""
    transfer_encoding: str | None = None
    content_encoding: str | None = None


def split_content_type(value: str | None) -> tuple[str, str | None]:
    """``"Text/HTML; charset=UTF-8"`` -> ``("text/html", "UTF-8")``; ``("", None)`` if absent."""
    if not value:
        return "", None
    mime, _, parameters = value.partition(";")
    charset = None
    for parameter in parameters.split(";"):
        key, _, found = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = found.strip().strip("\"'") or None
    return mime.strip().lower(), charset


def to_record(response: WebResponse, *, max_bytes: int) -> RawRecord | Rejection:
    """A ``kind="html"`` record for an HTML page answered with 200, else a rejection."""

    def reject(cause: Reason, detail: str | None = None) -> Rejection:
        return Rejection(response.source, response.locator, reason(cause, detail), response.doc_id)

    if response.status is not None and response.status != 200:
        return reject(Reason.NOT_OK, str(response.status))
    mime, charset = split_content_type(response.content_type)
    if mime not in HTML_TYPES and mime not in _UNTYPED:
        return reject(Reason.NOT_HTML, mime)
    try:
        body = _decode_body(response, max_bytes=max_bytes)
    except _TooLargeError:
        return reject(Reason.TOO_LARGE, f"decoded body over {max_bytes:,} bytes")
    except _EncodingError as error:
        return reject(Reason.BAD_CONTENT_ENCODING, str(error))
    if mime in _UNTYPED and not looks_like_html(body):
        return reject(Reason.NOT_HTML, f"no content type; {_describe(body)}")
    if not body.strip():
        return reject(Reason.EMPTY_TEXT, "empty body")
    return RawRecord(
        doc_id=response.doc_id,
        source=response.source,
        locator=response.locator,
        payload=body,
        kind="html",
        url=response.url,
        charset=charset,
    )


class _EncodingError(Exception):
    """A body that its declared content coding does not decode."""


class _TooLargeError(Exception):
    """A body that decompresses to more than ``max_bytes``."""


def _decode_body(response: WebResponse, *, max_bytes: int) -> bytes:
    """The body with transfer and content codings undone.

    A body that is not what its headers claim (servers and crawlers get this wrong, e.g. a
    plain page labelled gzip) is kept as it is when it already looks like HTML.
    """
    body = response.body
    if "chunked" in (response.transfer_encoding or "").lower():
        body = _unchunk(body)
    coding = (response.content_encoding or "").strip().lower()
    if coding in ("", "identity", "none", "utf-8", "binary"):
        return body
    try:
        return _decompress(body, coding, max_bytes=max_bytes)
    except _TooLargeError:
        raise
    except Exception as error:  # zlib, brotli and zstd each raise their own types
        if looks_like_html(body):
            return body
        raise _EncodingError(f"{coding}: {error}") from error


def _unchunk(body: bytes) -> bytes:
    """Undo HTTP chunked transfer coding; the body as it is if it is not validly chunked."""
    pieces: list[bytes] = []
    position = 0
    while True:
        line_end = body.find(b"\n", position)
        if line_end == -1:
            return body
        size_text = body[position:line_end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            return body
        if size == 0:
            return b"".join(pieces)
        start = line_end + 1
        if start + size > len(body):
            pieces.append(body[start:])  # cut short: keep what arrived
            return b"".join(pieces)
        pieces.append(body[start : start + size])
        position = start + size
        if body.startswith(b"\r\n", position):
            position += 2
        elif body.startswith(b"\n", position):
            position += 1


def _decompress(body: bytes, coding: str, *, max_bytes: int) -> bytes:
    """Decompress one content coding, refusing output over ``max_bytes`` (zip bombs)."""
    if coding in ("gzip", "x-gzip", "deflate"):
        # wbits 47 reads gzip and zlib streams; some servers send raw deflate for "deflate".
        try:
            return _inflate(body, 47, max_bytes)
        except zlib.error:
            if coding != "deflate":
                raise
            return _inflate(body, -15, max_bytes)
    if coding in ("br", "zstd"):
        from fastwarc.stream_io import BrotliReader, ZstdReader

        reader = BrotliReader(io.BytesIO(body)) if coding == "br" else ZstdReader(io.BytesIO(body))
        data = reader.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise _TooLargeError
        return data
    raise _EncodingError(f"{coding}: not a content coding retold reads")


def _inflate(body: bytes, wbits: int, max_bytes: int) -> bytes:
    """zlib decompression with a bounded output."""
    inflater = zlib.decompressobj(wbits)
    data = inflater.decompress(body, max_bytes + 1)
    if len(data) > max_bytes:
        raise _TooLargeError
    return data


def _describe(body: bytes) -> str:
    """A few words on what an untyped, non-HTML body starts with, for the rejection."""
    if not body:
        return "empty body"
    head = body[:16]
    if b"\x00" in body[:1024]:
        return "binary body"
    return f"starts {head.decode('latin-1')!r}"
