"""The whole ingest on a mixed collection: every record read ends up processed or rejected.

``records read`` is counted here independently of the readers (lines, CSV rows, Parquet
footers, fastwarc's enumeration), then ``documents + rejections`` from both stages must equal
it, and a second run must give the same ids in the same order.
"""

from __future__ import annotations

import csv
import gzip
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from retold.ingest.corpus import FieldMap, Format, detect_format, iter_records, to_document
from retold.ingest.corpus.corpus_file import CorpusFile
from retold.ingest.corpus.inputs import DEFAULT_MAX_BYTES, read_corpus_file
from retold.records import CorpusDocument, RawRecord, Rejection

from .conftest import HELSINKI_FIELDS, WARC_SAMPLES, require
from .test_warc import enumerate_warc

WARCS = [
    "warcio/test/data/example-trunc.warc",
    "dolma/tests/data/warc/sample-0001.warc.gz",
    "ukwa/small-arcs-and-warcs/IAH-urls-wget.warc.gz",
]


@pytest.fixture
def collection(tmp_path: Path, helsinki_rows: list[dict[str, str]]) -> tuple[Path, int]:
    """A folder of every format with some breakage, and how many records it holds."""
    root = tmp_path / "collection"
    (root / "archives").mkdir(parents=True)
    read = 0
    lines = [json.dumps(row) for row in helsinki_rows[:200]]
    lines[10:10] = ["{broken", '{"id": "x", "text": ""}', '{"id": "6", "text": "dup id"}']
    (root / "a.jsonl").write_text("\n".join(lines) + "\n")
    read += len(lines)
    with (root / "b.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "publisher", "scrape_time", "text"])
        for row in helsinki_rows[200:400]:
            writer.writerow([row["id"], row["publisher"], row["scrape_time"], row["text"]])
        writer.writerow(["only", "three", "fields"])
    read += 201
    table = pa.table({key: [row[key] for row in helsinki_rows[400:]] for key in helsinki_rows[0]})
    pq.write_table(table, root / "c.parquet", row_group_size=50)
    read += pq.ParquetFile(root / "c.parquet").metadata.num_rows
    for relative in WARCS:
        source = require(WARC_SAMPLES / relative)
        shutil.copy(source, root / "archives" / source.name)
        count, failed = enumerate_warc(source)
        read += count + failed
    shutil.copy(require(WARC_SAMPLES / "warcio/test/data/example.arc.gz"), root / "archives")
    read += 2
    (root / "d.txt").write_text("Summit\n\nThe leaders met in Helsinki.\n")
    (root / "e.txt").write_bytes(b"\x00binary\x00")
    read += 2
    return root, read


def test_every_record_read_is_processed_or_rejected(collection: tuple[Path, int]) -> None:
    root, read = collection
    fields = FieldMap(**HELSINKI_FIELDS)
    documents: list[CorpusDocument] = []
    rejected: list[Rejection] = []
    for item in iter_records([root], fields):
        result = to_document(item) if isinstance(item, RawRecord) else item
        if isinstance(result, CorpusDocument):
            documents.append(result)
        else:
            rejected.append(result)
    assert len(documents) + len(rejected) == read
    assert len(documents) == 612 + 1 + 1 + 15 + 2 + 1  # table rows, WARC/ARC pages, text file
    assert len({document.doc_id for document in documents}) == len(documents)


def test_the_same_inputs_give_the_same_ids_in_the_same_order(collection: tuple[Path, int]) -> None:
    root, _ = collection
    fields = FieldMap(**HELSINKI_FIELDS)
    first = [(item.doc_id, item.source, item.locator) for item in iter_records([root], fields)]
    second = [(item.doc_id, item.source, item.locator) for item in iter_records([root], fields)]
    assert first == second


def test_a_file_read_from_its_bytes_gives_the_records_read_from_its_path(
    collection: tuple[Path, int],
) -> None:
    """The Spark engine hands over a file of a Hadoop file system as its bytes: every format,
    sniffed ones too, must read the same from bytes as from the path."""
    root, _ = collection
    shutil.copy(require(WARC_SAMPLES / "warcio/test/data/example.warc"), root / "warc-dump")
    (root / "rows-dump").write_bytes(gzip.compress(b'{"text": "One."}\n{"text": "Two."}\n'))
    fields = FieldMap(**HELSINKI_FIELDS)
    files = sorted(path for path in root.rglob("*") if path.is_file())
    assert len(files) == 11
    for path in files:
        from_path = read_corpus_file(CorpusFile.at(path), fields, DEFAULT_MAX_BYTES)
        as_bytes = CorpusFile(path.as_posix(), path.read_bytes())
        assert list(read_corpus_file(as_bytes, fields, DEFAULT_MAX_BYTES)) == list(from_path)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.warc.gz", Format.WARC),
        ("A.WARC", Format.WARC),
        ("a.warc.lz4", Format.WARC),
        ("a.arc.gz", Format.ARC),
        ("a.jsonl.gz", Format.JSONL),
        ("a.ndjson", Format.JSONL),
        ("a.json", Format.JSONL),
        ("a.csv.gz", Format.CSV),
        ("a.tsv", Format.TSV),
        ("a.parquet", Format.PARQUET),
        ("a.htm", Format.FILE),
        ("a.html.gz", Format.FILE),
    ],
)
def test_formats_by_extension(tmp_path: Path, name: str, expected: Format) -> None:
    assert detect_format(tmp_path / name) is expected  # by name: the file need not exist


def test_formats_by_content(tmp_path: Path) -> None:
    warc = require(WARC_SAMPLES / "warcio/test/data/example.warc")
    cases = {
        "warc-dump": warc.read_bytes(),
        "arc-dump": require(WARC_SAMPLES / "warcio/test/data/example.arc").read_bytes(),
        "rows.data": b'{"text": "One."}\n{"text": "Two."}\n',
        "rows.data.gz": gzip.compress(b'{"text": "One."}\n'),
        "article": b"Plain words.\n",
        "page.data.gz": gzip.compress(b"<html><body><p>Hi</p></body></html>"),
    }
    expected = [Format.WARC, Format.ARC, Format.JSONL, Format.JSONL, Format.FILE, Format.FILE]
    for (name, data), format_ in zip(cases.items(), expected, strict=True):
        path = tmp_path / name
        path.write_bytes(data)
        assert detect_format(path) is format_, name
    records = [i for i in iter_records([tmp_path / "rows.data.gz"]) if isinstance(i, RawRecord)]
    assert [r.payload for r in records] == ["One."]


def test_a_reader_failing_midway_costs_only_the_rest_of_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collections.abc import Iterator

    from retold.ingest.corpus import inputs

    def failing(file: CorpusFile, **_: object) -> Iterator[RawRecord | Rejection]:
        yield RawRecord(f"{file.name}:1", file.name, "1", "Some text.", "text")
        raise MemoryError("out of memory in a reader")

    monkeypatch.setattr(inputs, "read_jsonl", failing)
    (tmp_path / "a.jsonl").write_text("{}\n")
    (tmp_path / "b.txt").write_text("Other text.\n")
    items = list(iter_records([tmp_path]))
    assert [type(item).__name__ for item in items] == ["RawRecord", "Rejection", "RawRecord"]
    assert isinstance(items[1], Rejection) and items[1].locator == "after 1"
    assert items[1].reason == "unreadable rest of file (MemoryError: out of memory in a reader)"


def test_symlink_loops_end_and_a_single_path_is_one_input(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text("Text.\n")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    items = list(iter_records(root))
    assert [item.doc_id for item in items] == [f"{root.as_posix()}/sub/a.txt"]
