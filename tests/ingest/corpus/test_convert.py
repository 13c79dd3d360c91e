"""``to_document``: pure, picklable, and the metadata precedence record > page > text."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

import pytest

from retold.ingest.corpus import convert as convert_module
from retold.ingest.corpus import iter_records, to_document
from retold.records import CorpusDocument, RawRecord, Rejection

from .conftest import HELSINKI, HELSINKI_FIELDS, require

PAGE = (
    b"<!doctype html><html><head><title>Page title</title>"
    b'<meta property="og:site_name" content="The Daily Example">'
    b'<meta property="article:published_time" content="2018-07-16T09:00:00+00:00">'
    b"</head><body><article>"
    + b"<p>The summit opened with a handshake and closed with a press conference.</p>" * 4
    + b"</article></body></html>"
)


def record(
    payload: bytes | str,
    kind: str = "html",
    *,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
    published: datetime | None = None,
    charset: str | None = None,
) -> RawRecord:
    return RawRecord(
        doc_id="doc-1",
        source="corpus.warc",
        locator="42",
        payload=payload,
        kind=kind,
        url=url,
        outlet=outlet,
        title=title,
        published=published,
        charset=charset,
    )


def test_page_metadata_fills_what_the_record_lacks() -> None:
    document = to_document(record(PAGE))
    assert isinstance(document, CorpusDocument)
    assert document.title == "Page title"
    assert document.outlet == "The Daily Example"  # no URL: the page's site name
    assert document.published == datetime.fromisoformat("2018-07-16T09:00:00+00:00")
    assert (document.doc_id, document.source, document.locator) == ("doc-1", "corpus.warc", "42")


def test_record_fields_win_and_the_url_host_names_the_outlet() -> None:
    published = datetime(2018, 7, 15, 8, 0)
    document = to_document(
        record(
            PAGE, url="https://WWW.Example.co.uk/a?b=1", title="Field title", published=published
        )
    )
    assert isinstance(document, CorpusDocument)
    assert document.outlet == "example.co.uk"
    assert document.title == "Field title"
    assert document.published == published
    named = to_document(record(PAGE, url="https://www.example.co.uk/a", outlet="Reuters"))
    assert isinstance(named, CorpusDocument) and named.outlet == "Reuters"


def test_the_http_charset_decodes_the_page() -> None:
    page = PAGE.replace(b"handshake", "poign\xe9e de main".encode("cp1252"))
    document = to_document(record(page, charset="windows-1252"))
    assert isinstance(document, CorpusDocument)
    assert "poignée de main" in document.text


def test_text_records_get_text_metadata_and_mojibake_repaired() -> None:
    text = "Summit ends\n\nHELSINKI (Reuters) - Itâ€™s over, the leaders said on July 16, 2018.\n"
    document = to_document(record(text, kind="text"))
    assert isinstance(document, CorpusDocument)
    assert "It’s over" in document.text
    assert document.title == "Summit ends"
    assert document.published is not None and document.published.day == 16


def test_text_records_fields_win_over_the_text(jpost_text: str) -> None:
    """The seed's own date line (June 24, 2019 20:14) and publisher lose to the record's."""
    published = datetime(2019, 6, 25, 6, 0)
    document = to_document(
        record(jpost_text, kind="text", outlet="jpost.com", title="Field", published=published)
    )
    assert isinstance(document, CorpusDocument)
    assert (document.outlet, document.title, document.published) == (
        "jpost.com",
        "Field",
        published,
    )
    assert document.published_from == "field"
    from_text = to_document(record(jpost_text, kind="text"))
    assert isinstance(from_text, CorpusDocument)
    assert from_text.outlet in {"Jerusalem Post", "The Jerusalem Post"}
    assert from_text.published == datetime(2019, 6, 24, 20, 14)
    assert from_text.published_from == "text"


def test_html_text_in_a_field_is_extracted() -> None:
    document = to_document(record(PAGE.decode(), kind="html"))
    assert isinstance(document, CorpusDocument)
    assert "<p>" not in document.text and "handshake" in document.text


@pytest.mark.parametrize(
    ("payload", "kind", "expected"),
    [
        (b"\x00\x01\x02\x03" * 20, "text", "binary content (80 control bytes in 80 bytes)"),
        (b"<html><body><script>var a = 1;</script></body></html>", "html", "no article text"),
        ("  ...  --- !!! ", "text", "no article text"),
        ("Lone \udc80 surrogate from a JSON escape", "text", "undecodable bytes"),
    ],
)
def test_bad_payloads_are_rejections(payload: bytes | str, kind: str, expected: str) -> None:
    result = to_document(record(payload, kind=kind))
    assert isinstance(result, Rejection)
    assert result.reason.startswith(expected)
    assert (result.doc_id, result.source, result.locator) == ("doc-1", "corpus.warc", "42")


def test_an_extractor_crash_is_a_rejection(monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(html: str, *, name: str, path: str | None = None) -> None:
        raise RuntimeError("lxml fell over")

    monkeypatch.setattr(convert_module, "extract_html", crash)
    result = to_document(record(PAGE))
    assert isinstance(result, Rejection)
    assert result.reason == "extraction failed (RuntimeError: lxml fell over)"


def test_records_and_results_pickle_and_run_in_a_process_pool() -> None:
    from retold.ingest.corpus import FieldMap

    records = [
        item
        for item in iter_records([require(HELSINKI)], FieldMap(**HELSINKI_FIELDS))
        if isinstance(item, RawRecord)
    ][:40]
    records.append(record(PAGE))
    assert pickle.loads(pickle.dumps(records)) == records
    local = [to_document(r) for r in records]
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = list(pool.map(to_document, records, chunksize=8))
    assert pooled == local
    assert all(isinstance(result, CorpusDocument) for result in pooled)


def test_conversion_is_deterministic(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(PAGE)
    (raw,) = iter_records([path])
    assert isinstance(raw, RawRecord)
    assert to_document(raw) == to_document(raw)
