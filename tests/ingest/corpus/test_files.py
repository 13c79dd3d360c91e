"""A folder of article files: text, HTML, gzipped pages, and the files that go wrong."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from retold.ingest.corpus import Reason, iter_records, to_document
from retold.records import CorpusDocument, RawRecord, Rejection

from .conftest import causes, split

ARTICLE = (
    "Leaders meet in Helsinki\n\n"
    "HELSINKI (Reuters) - U.S. President Donald Trump and Russian President Vladimir Putin met "
    "for more than two hours on Monday.\n"
)
PAGE = (
    "<!doctype html><html><head><title>Helsinki talks</title>"
    '<meta property="article:published_time" content="2018-07-16T12:00:00+03:00">'
    "</head><body><article>"
    + "<p>The two leaders spoke alone, with only interpreters present, for two hours.</p>" * 4
    + "</article></body></html>"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "b-sub" / "deeper").mkdir(parents=True)
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "b-sub" / "page.html").write_text(PAGE, encoding="utf-8")
    (root / "b-sub" / "deeper" / "old.htm").write_bytes(
        PAGE.replace("two", "t\xe9o").encode("cp1252")
    )
    (root / "b-sub" / "zipped.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (root / "c-empty.txt").write_bytes(b"")
    (root / "d-binary.txt").write_bytes(b"GIF89a\x00\x01\x02" * 50)
    (root / "e-no-extension").write_text(ARTICLE, encoding="utf-8")
    (root / "f-image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (root / ".hidden.txt").write_text(ARTICLE, encoding="utf-8")
    return root


def test_a_folder_is_read_in_sorted_order_with_path_ids(folder: Path) -> None:
    items = list(iter_records([folder]))
    root = folder.as_posix()
    assert [item.doc_id for item in items] == [
        f"{root}/a.txt",
        f"{root}/b-sub/deeper/old.htm",
        f"{root}/b-sub/page.html",
        f"{root}/b-sub/zipped.html.gz",
        f"{root}/c-empty.txt",
        f"{root}/d-binary.txt",
        f"{root}/e-no-extension",
        None,  # the PNG: rejected before it is a record
    ]
    assert all(item.locator == "" for item in items)


def test_every_file_becomes_a_document_or_a_reason(folder: Path) -> None:
    records, rejections = split(iter_records([folder]))
    assert [r.kind for r in records] == ["text", "html", "html", "html", "text", "text"]
    results = [to_document(record) for record in records]
    documents = [r for r in results if isinstance(r, CorpusDocument)]
    rejections += [r for r in results if isinstance(r, Rejection)]
    assert len(documents) + len(rejections) == 8  # the files, hidden one excluded
    assert causes(rejections) == {
        Reason.EMPTY_TEXT: 1,
        Reason.BINARY: 1,
        Reason.UNKNOWN_FORMAT: 1,
    }
    binary = next(r for r in rejections if r.reason.startswith("binary"))
    assert binary.reason == "binary content (150 control bytes in 450 bytes)"
    png = next(r for r in rejections if r.reason.startswith("unknown format"))
    assert png.reason.startswith("unknown format (binary, .png;")
    text, old, page, zipped, _ = documents
    assert text.title == "Leaders meet in Helsinki"
    assert page.title == "Helsinki talks" and page.published is not None
    assert page.published.utcoffset() is not None
    assert "téo leaders" in old.text  # cp1252 decoded
    assert zipped.text == page.text


def test_inputs_can_mix_files_and_folders_and_name_missing_ones(folder: Path) -> None:
    missing = folder / "nope.txt"
    items = list(iter_records([folder / "a.txt", missing, folder / "b-sub"]))
    assert isinstance(items[1], Rejection)
    assert items[1].reason == "cannot read (no such file or folder)"
    assert items[1].source == str(missing)
    assert items[0].doc_id == (folder / "a.txt").as_posix()
    assert len(items) == 1 + 1 + 3


def test_a_file_over_the_limit_is_not_read(folder: Path) -> None:
    (item,) = iter_records([folder / "b-sub" / "page.html"], max_bytes=100)
    assert isinstance(item, Rejection) and item.reason.startswith("too large (")
    (item,) = iter_records([folder / "b-sub" / "zipped.html.gz"], max_bytes=300)
    assert isinstance(item, Rejection)
    assert item.reason == "too large (over 300 bytes when decompressed)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_a_rejection(folder: Path) -> None:
    locked = folder / "a.txt"
    locked.chmod(0)
    try:
        (item,) = iter_records([locked])
    finally:
        locked.chmod(0o644)
    assert isinstance(item, Rejection) and item.reason == "cannot read (Permission denied)"


def test_the_same_file_twice_is_a_duplicate(folder: Path) -> None:
    first, second = iter_records([folder / "a.txt", folder / "a.txt"])
    assert isinstance(first, RawRecord)
    assert isinstance(second, Rejection) and second.reason.startswith("duplicate doc_id")
