"""Read ARC files (``.arc``, ``.arc.gz``), the Internet Archive's format before WARC.

fastwarc reads only WARC, so this is a small reader of its own. An ARC file is a sequence of
records, each one header line ``URL IP DATE MIME LENGTH`` (version 1; version 2 adds five
fields before the length) followed by LENGTH bytes: the first record (``filedesc://``)
describes the file, the others hold a full HTTP response. Compressed ARCs gzip each record
separately; Python's gzip reads the members as one stream.

Every record gives one item: HTML pages become ``RawRecord`` (via ``payload``), the rest
``Rejection``. A header line that cannot be parsed, or a file that ends inside a record, ends
the reading with one rejection for the rest of the file.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from retold.ingest.corpus.corpus_file import CorpusFile
from retold.ingest.corpus.payload import WebResponse, to_record
from retold.ingest.corpus.reasons import Reason, reason
from retold.ingest.corpus.streams import GZIP_MAGIC
from retold.records import RawRecord, Rejection

__all__ = ["read_arc"]

_MAX_HEADER_LINE = 64 * 1024
_MAX_HTTP_HEADER = 64 * 1024
_SKIP_CHUNK = 1 << 20
_DATE = re.compile(r"^\d{8,20}$")
_STATUS_LINE = re.compile(rb"^HTTP/\d(?:\.\d)?\s+(\d{3})")


_Stream = io.BufferedIOBase
"""A readable binary stream: a buffered file, or a GzipFile around one."""


@dataclass(frozen=True, slots=True)
class _Header:
    """One parsed ARC record header line."""

    url: str
    mime: str
    length: int


def read_arc(file: CorpusFile, *, max_bytes: int) -> Iterator[RawRecord | Rejection]:
    """Yield one ``RawRecord`` or ``Rejection`` per record of an ARC file.

    ARC records have no ids: ``doc_id`` is ``NAME@OFFSET``, with the record's offset in the
    decompressed file as locator (gzip member offsets are not visible through Python's gzip).
    """
    try:
        raw = file.open()
        compressed = raw.peek(2)[:2] == GZIP_MAGIC
    except OSError as error:
        yield Rejection(file.name, "", reason(Reason.CANNOT_READ, error.strerror or str(error)))
        return
    with raw:
        stream: _Stream = gzip.GzipFile(fileobj=raw) if compressed else raw
        yield from _records(stream, name=file.name, max_bytes=max_bytes)


def _records(stream: _Stream, *, name: str, max_bytes: int) -> Iterator[RawRecord | Rejection]:
    """The records of an open (decompressed) ARC stream."""
    offset = 0
    version = 1
    last: int | None = None

    def rest(detail: str) -> Rejection:
        where = "" if last is None else f"after {last}"
        more = "; records before it were read" if last is not None else ""
        return Rejection(name, where, reason(Reason.UNREADABLE_REST, f"{detail}{more}"))

    while True:
        start = offset
        try:
            line = stream.readline(_MAX_HEADER_LINE)
        except (OSError, EOFError, zlib.error) as error:
            yield rest(f"cannot decompress at offset {start}: {error}")
            return
        if not line:
            return
        offset += len(line)
        if not line.strip():
            continue  # the newline that ends each record
        header = _parse_header(line, version)
        if header is None:
            shown = line[:80].decode("latin-1").rstrip()
            yield rest(f"not an ARC record header at offset {start}: {shown!r}")
            return
        locator = str(start)
        doc_id = f"{name}@{locator}"
        if header.length > max_bytes:
            try:
                skipped = _skip(stream, header.length)
            except (OSError, EOFError, zlib.error) as error:
                yield rest(f"cannot decompress at offset {start}: {error}")
                return
            offset += skipped
            detail = f"{header.length:,} bytes; the limit is {max_bytes:,}"
            yield Rejection(name, locator, reason(Reason.TOO_LARGE, detail), doc_id)
            if skipped < header.length:
                return
            last = start
            continue
        try:
            block = stream.read(header.length)
        except (OSError, EOFError, zlib.error) as error:
            yield rest(f"cannot decompress at offset {start}: {error}")
            return
        offset += len(block)
        last = start
        if len(block) < header.length:
            detail = f"{len(block):,} of {header.length:,} bytes; the archive ends here"
            yield Rejection(name, locator, reason(Reason.TRUNCATED_RECORD, detail), doc_id)
            return
        if header.url.startswith("filedesc:"):
            version = _version(block, default=version)
            yield Rejection(name, locator, reason(Reason.NOT_A_RESPONSE, "filedesc"), doc_id)
            continue
        yield to_record(_response(header, block, doc_id, name, locator), max_bytes=max_bytes)


def _parse_header(line: bytes, version: int) -> _Header | None:
    """``URL IP DATE MIME LENGTH`` (v1) or the ten-field v2 line; None if it is neither.

    URLs may contain spaces, so fields are counted from the end.
    """
    fields = line.decode("latin-1").rstrip("\r\n").split(" ")
    tail = 9 if version == 2 and len(fields) >= 10 else 4
    if len(fields) < tail + 1:
        return None
    url = " ".join(fields[:-tail])
    date = fields[-tail + 1]
    mime = fields[-tail + 2]
    try:
        length = int(fields[-1])
    except ValueError:
        return None
    if length < 0 or not url or not _DATE.match(date):
        return None
    return _Header(url=url, mime=mime, length=length)


def _version(block: bytes, *, default: int) -> int:
    """The ARC version the ``filedesc`` record states on its second line ("1 0 ...")."""
    first_line = block.split(b"\n", 1)[0].split()
    return 2 if first_line[:1] == [b"2"] else 1 if first_line[:1] == [b"1"] else default


def _response(header: _Header, block: bytes, doc_id: str, source: str, locator: str) -> WebResponse:
    """Split an ARC block into its HTTP status, headers and body (non-HTTP: no status)."""
    status_line = _STATUS_LINE.match(block)
    if status_line is None:  # dns:, ftp:, or a crawler that stored the body alone
        return WebResponse(doc_id, source, locator, header.url, block, None, header.mime)
    end, separator = _header_end(block)
    if end == -1:
        end, separator = len(block), 0
    headers: dict[str, str] = {}
    for raw_line in block[:end].splitlines()[1:]:
        key, colon, value = raw_line.decode("latin-1").partition(":")
        if colon:
            headers.setdefault(key.strip().lower(), value.strip())
    return WebResponse(
        doc_id=doc_id,
        source=source,
        locator=locator,
        url=header.url,
        body=block[end + separator :],
        status=int(status_line.group(1)),
        content_type=headers.get("content-type") or header.mime,
        transfer_encoding=headers.get("transfer-encoding"),
        content_encoding=headers.get("content-encoding"),
    )


def _header_end(block: bytes) -> tuple[int, int]:
    """Where the HTTP header ends (index, separator length): the first blank line."""
    head = block[:_MAX_HTTP_HEADER]
    found = [(i, len(sep)) for sep in (b"\r\n\r\n", b"\n\n") if (i := head.find(sep)) != -1]
    return min(found) if found else (-1, 0)


def _skip(stream: _Stream, length: int) -> int:
    """Read past ``length`` bytes without keeping them; how many there were."""
    skipped = 0
    while skipped < length:
        chunk = stream.read(min(_SKIP_CHUNK, length - skipped))
        if not chunk:
            break
        skipped += len(chunk)
    return skipped
