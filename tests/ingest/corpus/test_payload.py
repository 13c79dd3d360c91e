"""What an archived response must be to become a record, on small WARCs written here.

The real samples cover the common cases; these cover the headers that lie: missing content
types, bodies labelled gzip that are not, chunked bodies, oversized records, repeated ids.
"""

from __future__ import annotations

import gzip
from pathlib import Path

from retold.ingest.corpus import iter_records, to_document
from retold.records import CorpusDocument, RawRecord, Rejection

from .conftest import split

PAGE = (
    b"<!doctype html><html><head><title>Summit</title></head><body><article>"
    + (b"<p>Leaders met in Helsinki on Monday for talks that lasted two hours.</p>" * 5)
    + b"</article></body></html>"
)


def warc_record(
    body: bytes,
    *,
    headers: str = "Content-Type: text/html\r\n",
    status: str = "200 OK",
    record_id: str = "<urn:uuid:1>",
    url: str = "https://www.Example.com/news/1",
    kind: str = "response",
) -> bytes:
    """One WARC record holding an HTTP response (or, for a resource, ``body`` itself)."""
    if kind == "response":
        block = f"HTTP/1.1 {status}\r\n{headers}\r\n".encode() + body
        content_type = "application/http; msgtype=response"
    else:
        block = body
        content_type = headers.partition(":")[2].strip()
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: {record_id}\r\n"
        f"WARC-Date: 2020-01-01T00:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def read(
    tmp_path: Path, *records: bytes, max_bytes: int = 50_000_000
) -> list[RawRecord | Rejection]:
    path = tmp_path / "test.warc"
    path.write_bytes(b"".join(records))
    return list(iter_records([path], max_bytes=max_bytes))


def test_a_page_becomes_a_record_and_a_document(tmp_path: Path) -> None:
    (record,) = read(tmp_path, warc_record(PAGE))
    assert isinstance(record, RawRecord)
    assert record.doc_id == "urn:uuid:1" and record.payload == PAGE
    document = to_document(record)
    assert isinstance(document, CorpusDocument)
    assert document.outlet == "example.com"
    assert document.title == "Summit"
    assert "Leaders met in Helsinki" in document.text


def test_an_untyped_body_is_sniffed(tmp_path: Path) -> None:
    page, binary = read(
        tmp_path,
        warc_record(PAGE, headers=""),
        warc_record(b"\x89PNG\r\n\x1a\n\x00\x00", headers="", record_id="<urn:uuid:2>"),
    )
    assert isinstance(page, RawRecord)
    assert isinstance(binary, Rejection)
    assert binary.reason == "not HTML (no content type; binary body)"


def test_content_and_transfer_codings_are_undone(tmp_path: Path) -> None:
    chunked = b"".join(
        f"{len(piece):x}\r\n".encode() + piece + b"\r\n" for piece in (PAGE[:100], PAGE[100:])
    )
    items = read(
        tmp_path,
        warc_record(
            gzip.compress(PAGE), headers="Content-Type: text/html\r\nContent-Encoding: gzip\r\n"
        ),
        warc_record(
            chunked + b"0\r\n\r\n",
            headers="Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
            record_id="<urn:uuid:2>",
        ),
    )
    assert [item.payload for item in items if isinstance(item, RawRecord)] == [PAGE, PAGE]


def test_a_false_gzip_label_keeps_an_html_body_and_rejects_the_rest(tmp_path: Path) -> None:
    lying, broken = read(
        tmp_path,
        warc_record(PAGE, headers="Content-Type: text/html\r\nContent-Encoding: gzip\r\n"),
        warc_record(
            b"\x00\x01 not a page",
            headers="Content-Type: text/html\r\nContent-Encoding: gzip\r\n",
            record_id="<urn:uuid:2>",
        ),
    )
    assert isinstance(lying, RawRecord) and lying.payload == PAGE
    assert isinstance(broken, Rejection)
    assert broken.reason.startswith("undecodable content encoding (gzip: ")


def test_a_gzip_bomb_is_too_large(tmp_path: Path) -> None:
    bomb = gzip.compress(b"<html><body>" + b" " * 5_000_000)
    (item,) = read(
        tmp_path,
        warc_record(bomb, headers="Content-Type: text/html\r\nContent-Encoding: gzip\r\n"),
        max_bytes=1_000_000,
    )
    assert isinstance(item, Rejection)
    assert item.reason == "too large (decoded body over 1,000,000 bytes)"


def test_an_oversized_record_is_rejected_unread(tmp_path: Path) -> None:
    big, small = read(
        tmp_path,
        warc_record(PAGE * 100),
        warc_record(PAGE, record_id="<urn:uuid:2>"),
        max_bytes=len(PAGE) * 10,
    )
    assert isinstance(big, Rejection) and big.reason.startswith("too large (")
    assert isinstance(small, RawRecord)


def test_status_type_and_record_kind_decide(tmp_path: Path) -> None:
    items = read(
        tmp_path,
        warc_record(PAGE, status="404 Not Found"),
        warc_record(b"{}", headers="Content-Type: application/json\r\n", record_id="<urn:uuid:2>"),
        warc_record(PAGE, kind="resource", record_id="<urn:uuid:3>"),
        warc_record(b"a=1", kind="request", headers="Content-Type: x", record_id="<urn:uuid:4>"),
        warc_record(b"", record_id="<urn:uuid:5>"),
    )
    assert [getattr(item, "reason", "record") for item in items] == [
        "not HTTP 200 (404)",
        "not HTML (application/json)",
        "record",
        "not a response (request)",
        "empty text (empty body)",
    ]


def test_a_repeated_record_id_is_rejected_the_second_time(tmp_path: Path) -> None:
    first, second = read(tmp_path, warc_record(PAGE), warc_record(PAGE))
    assert isinstance(first, RawRecord)
    assert isinstance(second, Rejection)
    assert second.reason.startswith("duplicate doc_id (")
    assert second.doc_id == "urn:uuid:1"


def test_a_record_without_id_is_named_by_file_and_offset(tmp_path: Path) -> None:
    without_id = warc_record(PAGE).replace(b"WARC-Record-ID: <urn:uuid:1>\r\n", b"")
    records, _ = split(read(tmp_path, warc_record(PAGE), without_id))
    assert records[1].doc_id == f"{(tmp_path / 'test.warc').as_posix()}@{len(warc_record(PAGE))}"
