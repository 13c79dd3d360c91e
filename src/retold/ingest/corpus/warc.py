"""Read WARC files (``.warc``, ``.warc.gz``, ``.warc.lz4``, ``.warc.zst``) record by record.

fastwarc does the reading; this module only decides what each record is. Every WARC record
gives exactly one item: an HTML page (``response`` with HTTP 200, or a ``text/html``
``resource``) becomes a ``RawRecord``; a request, metadata, warcinfo, revisit, non-HTML or
non-200 record becomes a ``Rejection`` saying which. When the file turns out corrupt or
truncated, the records before the damage are kept and one rejection stands for the rest.

How fastwarc is driven, and why:

- WARC headers are parsed strictly, so that damage raises instead of fastwarc silently
  skipping to the next ``WARC/`` line (its quirks mode does that, and records vanish
  uncounted); HTTP headers are parsed leniently (quirks mode), since old crawls (ClueWeb09)
  end header lines with a bare ``\\n``.
- A Python file object is passed rather than the path: fastwarc then detects gzip, lz4 and
  zstd from the bytes, where with a path it trusts the extension.
- Bodies are read raw (``auto_decode="none"``) and decoded in ``payload``: a body labelled
  gzip that is not would otherwise end the whole file with a decompression error.
- A body shorter than its declared length is a truncated record: fastwarc does not raise.
"""

from __future__ import annotations

from collections.abc import Iterator

from fastwarc.warc import ArchiveIterator, WarcRecord, WarcRecordType

from retold.ingest.corpus.corpus_file import CorpusFile
from retold.ingest.corpus.payload import WebResponse, to_record
from retold.ingest.corpus.reasons import Reason, reason
from retold.records import RawRecord, Rejection

__all__ = ["read_warc"]

_PAGE_TYPES = (WarcRecordType.response, WarcRecordType.resource)


def read_warc(file: CorpusFile, *, max_bytes: int) -> Iterator[RawRecord | Rejection]:
    """Yield one ``RawRecord`` or ``Rejection`` per record of a WARC file.

    ``doc_id`` is the ``WARC-Record-ID`` without its angle brackets
    (``urn:uuid:...``), else ``NAME@OFFSET``; the locator is the record's offset in the file
    as fastwarc reports it (compressed offset of its gzip member), with ``#2``, ``#3`` ...
    appended when several records share one offset (a file gzipped as a whole).
    """
    name = file.name
    try:
        stream = file.open()
    except OSError as error:
        yield Rejection(name, "", reason(Reason.CANNOT_READ, error.strerror or str(error)))
        return
    with stream:
        records = iter(
            ArchiveIterator(
                stream,
                parse_http=False,
                auto_decode="none",
                fsspec_args=False,
            )
        )
        last_offset: int | None = None
        repeats = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except Exception as error:  # OSError (bad header, bad gzip); nothing after is read
                where = "" if last_offset is None else f"after {last_offset}"
                detail = f"{error}; records before it were read" if where else str(error)
                yield Rejection(name, where, reason(Reason.UNREADABLE_REST, detail))
                return
            offset = record.stream_pos
            repeats = repeats + 1 if offset == last_offset else 1
            last_offset = offset
            locator = str(offset) if repeats == 1 else f"{offset}#{repeats}"
            yield _convert(record, name=name, locator=locator, max_bytes=max_bytes)


def _convert(
    record: WarcRecord, *, name: str, locator: str, max_bytes: int
) -> RawRecord | Rejection:
    """One WARC record as a page record or a rejection."""
    record_id = (record.record_id or "").strip().strip("<>")
    doc_id = record_id or f"{name}@{locator}"

    def reject(cause: Reason, detail: str | None = None) -> Rejection:
        return Rejection(name, locator, reason(cause, detail), doc_id)

    record_type = record.record_type
    if record_type not in _PAGE_TYPES:
        return reject(Reason.NOT_A_RESPONSE, str(record_type))
    warc_type = record.headers.get("Content-Type")
    status: int | None = None
    content_type = warc_type
    transfer_encoding = content_encoding = None
    is_http = record_type == WarcRecordType.response and (warc_type or "").lower().startswith(
        "application/http"
    )
    if is_http:
        try:
            record.parse_http(auto_decode="none", quirks_mode=True)
        except Exception as error:  # fastwarc raises OSError; a damaged block must not escape
            return reject(Reason.NOT_OK, f"unreadable HTTP headers: {error}")
        headers = record.http_headers
        status = headers.status_code
        if status is None:
            return reject(Reason.NOT_OK, "no HTTP status line")
        # Common Crawl names the type it detected; it helps when the server sent none.
        content_type = headers.get("Content-Type") or record.headers.get(
            "WARC-Identified-Payload-Type"
        )
        transfer_encoding = headers.get("Transfer-Encoding")
        content_encoding = headers.get("Content-Encoding")
    if status not in (None, 200):  # decided before the body is read
        return reject(Reason.NOT_OK, str(status))
    expected = record.content_length
    if expected > max_bytes:
        return reject(Reason.TOO_LARGE, f"{expected:,} bytes; the limit is {max_bytes:,}")
    try:
        body = record.reader.read()
    except Exception as error:  # a damaged record; the iterator reports what follows
        return reject(Reason.TRUNCATED_RECORD, f"cannot read the record: {error}")
    if len(body) < expected:
        detail = f"{len(body):,} of {expected:,} bytes; the archive ends or breaks here"
        return reject(Reason.TRUNCATED_RECORD, detail)
    response = WebResponse(
        doc_id=doc_id,
        source=name,
        locator=locator,
        url=_target_uri(record),
        body=body,
        status=status,
        content_type=content_type,
        transfer_encoding=transfer_encoding,
        content_encoding=content_encoding,
    )
    return to_record(response, max_bytes=max_bytes)


def _target_uri(record: WarcRecord) -> str | None:
    """``WARC-Target-URI``, without the angle brackets some writers (wget) put around it."""
    uri = (record.headers.get("WARC-Target-URI") or "").strip().strip("<>").strip()
    return uri or None
