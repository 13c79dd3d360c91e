"""CSV, TSV and Parquet: the real Helsinki-summit table, as is and with broken rows added."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from retold.ingest.corpus import FieldMap, Reason, iter_records, to_document
from retold.records import CorpusDocument, Rejection

from .conftest import HELSINKI, HELSINKI_FIELDS, causes, require, split

MEGABYTE = 1_000_000
COLUMNS = ["id", "publisher", "scrape_time", "text"]


def csv_bytes(rows: list[list[str]], delimiter: str = ",") -> bytes:
    stream = io.StringIO(newline="")
    csv.writer(stream, delimiter=delimiter).writerows(rows)
    return stream.getvalue().encode("utf-8")


def test_the_real_csv_reads_whole() -> None:
    items = list(iter_records([require(HELSINKI)], FieldMap(**HELSINKI_FIELDS)))
    records, rejections = split(items)
    assert len(records) == 612 and not rejections
    assert len({record.doc_id for record in records}) == 612
    assert records[0].locator == "2"  # the header is line 1
    assert records[0].published is not None and records[0].published.year == 2018


def test_csv_with_broken_rows(tmp_path: Path, helsinki_rows: list[dict[str, str]]) -> None:
    good = [[row[column] for column in COLUMNS] for row in helsinki_rows]
    data = csv_bytes([COLUMNS, *good[:300]])
    data += b"9001,short.example,2018-07-16,\n"  # empty text
    data += b"9002,too,many,fields,here\n"  # wrong number of fields
    data += b"\n"  # blank line: not a row
    data += b'9003,cp1252.example,2018-07-16,"Putin\x92s summit with Trump \x96 a view"\n'
    data += csv_bytes([["9004", "big.example", "2018", "word " * 400_000]])  # 2 MB
    data += csv_bytes(good[300:])
    path = tmp_path / "helsinki.csv"
    path.write_bytes(data)
    items = list(iter_records([path], FieldMap(**HELSINKI_FIELDS), max_bytes=MEGABYTE))
    records, rejections = split(items)
    assert len(items) == 612 + 4  # every row, blank line excluded
    assert len(records) == 612 + 1
    assert causes(rejections) == {
        Reason.EMPTY_TEXT: 1,
        Reason.WRONG_FIELD_COUNT: 1,
        Reason.TOO_LARGE: 1,
    }
    assert {r.reason for r in rejections} >= {"wrong number of fields (5 fields; the header has 4)"}
    legacy = next(record for record in records if record.doc_id == "9003")
    assert isinstance(legacy.payload, bytes)  # not UTF-8: decoded downstream
    document = to_document(legacy)
    assert isinstance(document, CorpusDocument)
    assert document.text == "Putin’s summit with Trump – a view"
    # Line numbers in the file, not row numbers: rows span lines when quoted text has newlines.
    wrong = next(r for r in rejections if r.reason.startswith("wrong number"))
    assert data.splitlines()[int(wrong.locator) - 1].startswith(b"9002,")


def test_tsv_reads_like_csv(tmp_path: Path, helsinki_rows: list[dict[str, str]]) -> None:
    path = tmp_path / "helsinki.tsv"
    rows = [[row[column] for column in COLUMNS] for row in helsinki_rows[:40]]
    path.write_bytes(csv_bytes([COLUMNS, *rows], delimiter="\t"))
    records, rejections = split(iter_records([path], FieldMap(**HELSINKI_FIELDS)))
    assert not rejections
    assert [r.payload for r in records] == [row[3] for row in rows]


def test_a_missing_text_column_is_one_rejection_naming_the_columns() -> None:
    (item,) = iter_records([require(HELSINKI)], FieldMap(text=("maintext", "body")))
    assert isinstance(item, Rejection) and item.locator == ""
    assert item.reason == (
        "no text field (tried maintext, body; columns found: id, publisher, scrape_time, text)"
    )


def helsinki_table(rows: list[dict[str, str]]) -> pa.Table:
    columns: dict[str, list[object]] = {column: [row[column] for row in rows] for column in COLUMNS}
    columns["id"] = [int(row["id"]) for row in rows]  # an integer id column
    return pa.table(columns)


def test_parquet_in_row_groups(tmp_path: Path, helsinki_rows: list[dict[str, str]]) -> None:
    table = helsinki_table(helsinki_rows)
    broken = pa.table(
        {
            "id": pa.array([9001, 9002, 9003], pa.int64()),
            "publisher": ["a.example", "b.example", "c.example"],
            "scrape_time": ["2018-07-16", "2018-07-16", "2018-07-16"],
            "text": [None, "  ", "x" * (2 * MEGABYTE)],
        }
    )
    path = tmp_path / "helsinki.parquet"
    pq.write_table(pa.concat_tables([table, broken]), path, row_group_size=100)
    items = list(iter_records([path], FieldMap(**HELSINKI_FIELDS), max_bytes=MEGABYTE))
    records, rejections = split(items)
    assert len(items) == 615 and len(records) == 612
    assert causes(rejections) == {Reason.EMPTY_TEXT: 2, Reason.TOO_LARGE: 1}
    assert [r.doc_id for r in records[:3]] == [row["id"] for row in helsinki_rows[:3]]
    assert [r.locator for r in rejections] == ["613", "614", "615"]
    document = to_document(records[0])
    assert isinstance(document, CorpusDocument) and document.outlet == "nytimes.com"


def test_parquet_without_the_text_column(
    tmp_path: Path, helsinki_rows: list[dict[str, str]]
) -> None:
    path = tmp_path / "no-text.parquet"
    pq.write_table(helsinki_table(helsinki_rows[:10]).drop_columns(["text"]), path)
    (item,) = iter_records([path])
    assert isinstance(item, Rejection)
    assert item.reason.startswith("no text field (tried maintext, text, content, body, article;")
    assert item.reason.endswith("columns found: id, publisher, scrape_time)")


def test_a_damaged_parquet_file_is_rejected_not_raised(
    tmp_path: Path, helsinki_rows: list[dict[str, str]]
) -> None:
    whole = tmp_path / "whole.parquet"
    pq.write_table(helsinki_table(helsinki_rows), whole, row_group_size=100)
    data = whole.read_bytes()
    cut = tmp_path / "cut.parquet"
    cut.write_bytes(data[: len(data) // 2])
    (item,) = iter_records([cut])
    assert isinstance(item, Rejection) and item.reason.startswith("unknown format (not Parquet")
    garbled = bytearray(data)
    garbled[len(data) // 2 : len(data) // 2 + 5000] = b"\xff" * 5000
    spoiled = tmp_path / "spoiled.parquet"
    spoiled.write_bytes(bytes(garbled))
    items = list(iter_records([spoiled], FieldMap(**HELSINKI_FIELDS)))
    records, rejections = split(items)
    # One damaged row group: its rows are rejected one by one, the other groups are read.
    assert len(items) == 612
    assert 0 < len(rejections) <= 200 and len(records) >= 412
    assert {r.reason.split(":")[0] for r in rejections} <= {
        f"corrupt data (row group {group}" for group in range(7)
    }
    assert [r.locator for r in items] == [str(row) for row in range(1, 613)]
