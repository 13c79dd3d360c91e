"""JSON Lines made from the real Helsinki-summit articles, with broken lines mixed in."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.ingest.corpus import FieldMap, Reason, iter_records, to_document
from retold.records import CorpusDocument, RawRecord, Rejection

from .conftest import HELSINKI_FIELDS, causes, split

MEGABYTE = 1_000_000


def write_jsonl(path: Path, rows: list[dict[str, str]], broken: list[bytes]) -> int:
    """The articles one per line, a broken line after every 100th; the lines written."""
    lines: list[bytes] = []
    for number, row in enumerate(rows, 1):
        lines.append(json.dumps(row, ensure_ascii=False).encode())
        if number % 100 == 0 and broken:
            lines.append(broken.pop(0))
    lines.extend(broken)
    data = b"\n".join(lines) + b"\n"
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return len(lines)


BROKEN = [
    b'{"id": "x1", "text": "cut off',  # not JSON
    b'["a", "list"]',  # not an object
    b'{"id": "x2", "headline": "no text here"}',  # no text field: lists the keys
    b'{"id": "x3", "body_html": null}',  # again: refers back to the first
    b'{"id": "x4", "text": "   "}',  # empty text
    b"\x00\x01\x02\xff\xfe binary",  # binary bytes
    b"",  # a blank line: not a record
    b'{"id": "x5", "text": "' + b"a" * 2 * MEGABYTE + b'"}',  # over max_bytes
]


def test_helsinki_jsonl_with_broken_lines(
    tmp_path: Path, helsinki_rows: list[dict[str, str]]
) -> None:
    path = tmp_path / "helsinki.jsonl"
    lines = write_jsonl(path, helsinki_rows, list(BROKEN))
    items = list(iter_records([path], FieldMap(**HELSINKI_FIELDS), max_bytes=MEGABYTE))
    records, rejections = split(items)
    assert len(items) == lines - 1  # every line but the blank one
    assert len(records) == 612
    assert causes(rejections) == {
        Reason.NOT_JSON: 2,
        Reason.NOT_AN_OBJECT: 1,
        Reason.NO_TEXT_FIELD: 2,
        Reason.EMPTY_TEXT: 1,
        Reason.TOO_LARGE: 1,
    }
    missing = [r for r in rejections if r.reason.startswith("no text field")]
    assert missing[0].reason == "no text field (tried text; keys found: id, headline)"
    assert missing[1].reason == f"no text field (as on line {missing[0].locator})"
    too_large = next(r for r in rejections if r.reason.startswith("too large"))
    assert too_large.reason.startswith("too large (line of 2,000,0")
    assert records[0].doc_id == helsinki_rows[0]["id"]
    assert records[0].outlet == "nytimes.com"
    assert records[0].published is not None and records[0].published.utcoffset() is not None


def test_gzipped_jsonl_reads_the_same(tmp_path: Path, helsinki_rows: list[dict[str, str]]) -> None:
    plain, packed = tmp_path / "a.jsonl", tmp_path / "a.jsonl.gz"
    write_jsonl(plain, helsinki_rows[:50], [])
    write_jsonl(packed, helsinki_rows[:50], [])
    fields = FieldMap(**HELSINKI_FIELDS)
    plain_records, _ = split(iter_records([plain], fields))
    packed_records, _ = split(iter_records([packed], fields))
    assert [r.payload for r in plain_records] == [r.payload for r in packed_records]
    assert len(plain_records) == 50


def test_default_fields_find_text_and_outlet_but_not_crawl_time(
    tmp_path: Path, helsinki_rows: list[dict[str, str]]
) -> None:
    path = tmp_path / "a.ndjson"
    write_jsonl(path, helsinki_rows[:20], [])
    records, rejections = split(iter_records([path]))
    assert not rejections and len(records) == 20
    assert {r.published for r in records} == {None}  # scrape_time is when it was fetched
    assert records[0].outlet == "nytimes.com"


def test_a_wrong_text_field_is_explained_once_per_file(
    tmp_path: Path, helsinki_rows: list[dict[str, str]]
) -> None:
    path = tmp_path / "a.jsonl"
    write_jsonl(path, helsinki_rows[:30], [])
    records, items = split(iter_records([path], FieldMap(text="maintext")))
    assert not records and len(items) == 30
    assert items[0].reason == (
        "no text field (tried maintext; keys found: id, publisher, scrape_time, text)"
    )
    assert {item.reason for item in items[1:]} == {"no text field (as on line 1)"}


def test_lines_without_id_get_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"maintext": "One."}\n\n{"maintext": "Two.", "id": 7}\n{"maintext": "Three."}\n'
    )
    ids = [item.doc_id for item in iter_records([path])]
    assert ids == [f"{path.as_posix()}:1", "7", f"{path.as_posix()}:4"]


def test_a_json_array_file_is_one_clear_rejection(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[\n  {"text": "One."},\n  {"text": "Two."}\n]\n')
    (item,) = iter_records([path])
    assert isinstance(item, Rejection)
    assert item.reason.startswith("unknown format (a JSON array, not JSON Lines")


def test_news_please_fields_and_bom(tmp_path: Path) -> None:
    row = {
        "maintext": "LONDON (Reuters) - Talks ended.",
        "title": "Talks end",
        "url": "https://WWW.Reuters.com/world/1",
        "date_publish": "2018-07-16 12:30:00",
        "source_domain": "www.reuters.com",
    }
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(row).encode() + b"\n")
    (record,) = iter_records([path])
    assert isinstance(record, RawRecord)
    assert record.outlet == "reuters.com" and record.title == "Talks end"
    assert record.published is not None and record.published.hour == 12
    document = to_document(record)
    assert isinstance(document, CorpusDocument) and document.text == row["maintext"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.binary(max_size=40), max_size=20))
def test_any_bytes_give_one_item_per_line_and_never_raise(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes]
) -> None:
    folder = tmp_path_factory.mktemp("jsonl")
    path = folder / "fuzz.jsonl"
    # A valid first line: the file is JSON Lines (not gzip, not an array) whatever follows.
    body = [b'{"text": "First."}', *(line.replace(b"\n", b" ") for line in lines)]
    path.write_bytes(b"\n".join(body))
    items = list(iter_records([path], max_bytes=30))
    assert len(items) == sum(1 for line in body if line.strip())
