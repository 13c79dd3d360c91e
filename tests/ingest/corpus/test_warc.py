"""WARC and ARC reading on the real sample archives, several of them deliberately broken.

For every file: each record fastwarc can enumerate (or, for ARC, each record the file holds)
comes out as exactly one record or rejection, with one more rejection for an unreadable rest;
every HTML page becomes a document with text; nothing raises.
"""

from __future__ import annotations

import bz2
from pathlib import Path

import pytest
from fastwarc.warc import ArchiveIterator

from retold.ingest.corpus import Format, Reason, detect_format, iter_records, to_document
from retold.records import CorpusDocument, RawRecord, Rejection

from .conftest import WARC_SAMPLES, causes, require, split

_NOT_ARCHIVES = {"LICENSE", "urls.txt"}
SAMPLES = (
    sorted(p for p in WARC_SAMPLES.rglob("*") if p.is_file() and p.name not in _NOT_ARCHIVES)
    if WARC_SAMPLES.is_dir()
    else []
)
_NO_DATA = pytest.param(
    None, marks=pytest.mark.skip(reason=f"shared data not found: {WARC_SAMPLES}")
)

ARC_RECORDS = {
    # Records in each ARC file, counted by hand: filedesc + one per capture.
    "example.arc": 2,
    "example.arc.gz": 2,
    "example-space-in-url.arc": 2,
    "bad.arc": 0,  # its very first header is invalid (length -1): one rejection for all of it
    "IAH-20080430204825-00000-blackbook-truncated.arc": 9,
    "IAH-20080430204825-00000-blackbook-truncated.arc.gz": 9,
}


def sample(relative: str) -> Path:
    return require(WARC_SAMPLES / relative)


def enumerate_warc(path: Path) -> tuple[int, bool]:
    """Records fastwarc enumerates without reading bodies, and whether it then failed."""
    count = 0
    with path.open("rb") as stream:
        try:
            for _ in ArchiveIterator(stream, parse_http=False, fsspec_args=False):
                count += 1
        except OSError:
            return count, True
    return count, False


def expected_items(path: Path) -> int:
    """How many items reading ``path`` must give: one per record, plus one for a broken rest."""
    if path.name in ARC_RECORDS:
        records = ARC_RECORDS[path.name]
        return records + (1 if path.name == "bad.arc" else 0)
    count, failed = enumerate_warc(path)
    return count + failed


@pytest.mark.parametrize("path", SAMPLES or [_NO_DATA], ids=lambda p: p.name if p else "none")
def test_every_record_is_accounted_for(path: Path) -> None:
    items = list(iter_records([path]))
    assert len(items) == expected_items(path)
    assert all(item.source == str(path) for item in items)
    records, _ = split(items)
    assert all(record.kind == "html" and isinstance(record.payload, bytes) for record in records)


@pytest.mark.parametrize("path", SAMPLES or [_NO_DATA], ids=lambda p: p.name if p else "none")
def test_html_pages_become_documents_with_text(path: Path) -> None:
    records, _ = split(iter_records([path]))
    for record in records:
        document = to_document(record)
        assert isinstance(document, CorpusDocument), document
        assert document.text.strip()
        assert document.doc_id == record.doc_id
        assert document.url is not None and document.outlet is not None
        assert not document.outlet.startswith("www.")


def test_the_three_compressions_give_the_same_records() -> None:
    plain, gz, lz4 = (
        list(iter_records([sample(f"resiliparse/tests/data/warcfile.warc{suffix}")]))
        for suffix in ("", ".gz", ".lz4")
    )
    assert len(plain) == 50
    for other in (gz, lz4):
        assert [(i.doc_id, type(i).__name__) for i in other] == [
            (i.doc_id, type(i).__name__) for i in plain
        ]
        assert [i.payload for i in other if isinstance(i, RawRecord)] == [
            i.payload for i in plain if isinstance(i, RawRecord)
        ]


def test_lz4_archives_are_read_not_refused() -> None:
    records, rejections = split(iter_records([sample("resiliparse/tests/data/warcfile.warc.lz4")]))
    assert len(records) == 16
    assert set(causes(rejections)) == {Reason.NOT_A_RESPONSE}


def test_a_clipped_gzip_rejects_the_cut_record() -> None:
    (item,) = iter_records([sample("resiliparse/tests/data/clipped.warc.gz")])
    assert isinstance(item, Rejection)
    assert item.reason.startswith("truncated record (74,970 of 88,038 bytes")
    assert item.doc_id == "urn:uuid:f3dfa8fa-f031-4a38-90cc-1dcee3d07bb5"


def test_a_truncated_warc_keeps_the_records_before_the_damage() -> None:
    items = list(iter_records([sample("warcio/test/data/example-trunc.warc")]))
    records, rejections = split(items)
    assert [record.url for record in records] == ["http://example.com/"]
    last = items[-1]
    assert isinstance(last, Rejection) and last.locator == "after 1197"
    assert last.reason.startswith("unreadable rest of file (")
    assert "records before it were read" in last.reason
    assert causes(rejections) == {Reason.NOT_A_RESPONSE: 2, Reason.UNREADABLE_REST: 1}


def test_garbled_gzip_midway_keeps_what_came_before(tmp_path: Path) -> None:
    data = bytearray(sample("resiliparse/tests/data/warcfile.warc.gz").read_bytes())
    data[50_000:50_100] = b"x" * 100
    broken = tmp_path / "garbled.warc.gz"
    broken.write_bytes(bytes(data))
    items = list(iter_records([broken]))
    whole = list(iter_records([sample("resiliparse/tests/data/warcfile.warc.gz")]))
    assert 0 < len(items) - 1 < len(whole)
    assert [i.doc_id for i in items[:-1]] == [i.doc_id for i in whole[: len(items) - 1]]
    assert isinstance(items[-1], Rejection)
    assert items[-1].reason.startswith("unreadable rest of file (Gzip decompression error")


def test_a_broken_arc_is_one_rejection() -> None:
    (item,) = iter_records([sample("warcio/test/data/bad.arc")])
    assert isinstance(item, Rejection) and item.locator == ""
    assert item.reason.startswith("unreadable rest of file (not an ARC record header at offset 0")


def test_an_arc_cut_short_rejects_its_last_record() -> None:
    items = list(iter_records([sample("warcio/test/data/example-space-in-url.arc")]))
    assert [i.reason for i in items if isinstance(i, Rejection)] == [
        "not a response (filedesc)",
        "truncated record (1,579 of 1,591 bytes; the archive ends here)",
    ]


def test_arc_and_warc_of_one_crawl_give_the_same_pages() -> None:
    folder = "ukwa/small-arcs-and-warcs/IAH-20080430204825-00000-blackbook-truncated"
    arc, arc_gz, warc = (
        split(iter_records([sample(f"{folder}{suffix}")]))[0]
        for suffix in (".arc", ".arc.gz", ".warc")
    )
    assert [r.url for r in arc] == [r.url for r in arc_gz] == [r.url for r in warc]
    assert [r.payload for r in arc] == [r.payload for r in warc]
    assert arc[0].doc_id.endswith(".arc@2379")


def test_skipped_responses_say_why() -> None:
    _, rejections = split(iter_records([sample("ukwa/small-arcs-and-warcs/IAH-urls-wget.warc.gz")]))
    reasons = {rejection.reason for rejection in rejections}
    assert {"not HTTP 200 (302)", "not HTTP 200 (301)"} <= reasons
    assert {"not HTML (image/jpeg)", "not HTML (image/png)", "not HTML (text/xml)"} <= reasons
    assert "not HTML (text/plain)" in reasons  # robots.txt, and wget's log as a resource
    _, rejections = split(iter_records([sample("warcio/test/data/post-test.warc.gz")]))
    assert causes(rejections) == {Reason.NOT_HTML: 3, Reason.NOT_A_RESPONSE: 3}
    assert "not HTML (application/json)" in {rejection.reason for rejection in rejections}


def test_target_uri_loses_the_angle_brackets_wget_adds() -> None:
    records, _ = split(
        iter_records([sample("warcio/test/data/example-wget-bad-target-uri.warc.gz")])
    )
    assert [record.url for record in records] == ["http://example.com/"]
    document = to_document(records[0])
    assert isinstance(document, CorpusDocument) and document.outlet == "example.com"


def test_crawl_time_is_not_publication_time() -> None:
    records, _ = split(iter_records([sample("warcio/test/data/example.warc.gz")]))
    document = to_document(records[0])
    assert isinstance(document, CorpusDocument)
    assert document.published is None  # WARC-Date 2017-03-06 is when it was crawled


def test_an_archive_gzipped_whole_with_an_odd_name_is_sniffed() -> None:
    path = sample("warcio/test/data/example-bad.warc.gz.bad")
    assert detect_format(path) is Format.WARC
    records, rejections = split(iter_records([path]))
    assert [record.url for record in records] == ["http://example.com?example=1"]
    assert len(rejections) == 5
    # The whole file is one gzip member: fastwarc reports one offset, made unique with "#n".
    assert len({rejection.locator for rejection in rejections}) == 5


def test_clueweb_headers_with_bare_newlines_are_parsed() -> None:
    records, _ = split(iter_records([sample("resiliparse/tests/data/clueweb-quirk.warc.gz")]))
    assert len(records) == 29
    assert {record.charset for record in records} == {"EUC-JP"}
    document = to_document(records[0])
    assert isinstance(document, CorpusDocument)
    assert "ヘッドポーター" in (document.title or "")


def test_other_compressions_are_a_clean_rejection(tmp_path: Path) -> None:
    path = tmp_path / "example.warc.bz2"
    path.write_bytes(bz2.compress(sample("warcio/test/data/example.warc").read_bytes()))
    (item,) = iter_records([path])
    assert isinstance(item, Rejection)
    assert item.reason == "unsupported compression (bzip2)"


def test_reading_twice_gives_the_same_ids_in_the_same_order() -> None:
    if not SAMPLES:
        pytest.skip(f"shared data not found: {WARC_SAMPLES}")
    first = [(i.source, i.locator, i.doc_id) for i in iter_records(SAMPLES)]
    second = [(i.source, i.locator, i.doc_id) for i in iter_records(SAMPLES)]
    assert first == second


def test_the_same_record_in_two_files_is_one_document() -> None:
    gz = sample("resiliparse/tests/data/warcfile.warc.gz")
    lz4 = sample("resiliparse/tests/data/warcfile.warc.lz4")
    records, rejections = split(iter_records([gz, lz4]))
    assert len(records) == 16
    assert causes(rejections)[Reason.DUPLICATE_ID] == 16
