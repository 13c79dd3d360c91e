"""Wire copies are siblings: two outlets printing the same AP story did not copy each other."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console

from retold import Verdict, compare_documents
from retold.ingest import read_text_document
from retold.records import Document
from retold.report.terminal import render_comparison

AP_OUTCOME_COPIES = ("729", "1758")
"""The Daily Mail's and chron.com's copies of AP's summit analysis (read: both credit AP)."""


@pytest.fixture(scope="module")
def helsinki(shared_data: Path) -> dict[str, Document]:
    csv.field_size_limit(10**9)
    path = shared_data / "helsinki-summit" / "helsinki_articles.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    return {
        doc_id: replace(
            read_text_document(rows[doc_id]["text"].replace(" ### ", "\n"), name=doc_id),
            outlet=rows[doc_id]["publisher"],
        )
        for doc_id in ("729", "1758", "6", "9719")
    }


def test_two_real_ap_copies_are_siblings_of_ap(helsinki: dict[str, Document]) -> None:
    a, b = (helsinki[doc_id] for doc_id in AP_OUTCOME_COPIES)
    assert a.credit == b.credit == "AP"
    result = compare_documents(a, b)
    assert result.source.verdict is Verdict.SIBLINGS
    assert result.source.wire == "AP"
    assert result.source.evidence[0].startswith("both credit AP")
    console = Console(file=io.StringIO(), width=100, no_color=True)
    render_comparison(result, console)
    assert "Source: both from AP, siblings" in console.file.getvalue()


def test_a_wire_copy_of_the_wire_itself_keeps_its_direction(
    helsinki: dict[str, Document],
) -> None:
    a, b = (helsinki[doc_id] for doc_id in AP_OUTCOME_COPIES)
    wire_own = replace(a, outlet="The Associated Press")
    result = compare_documents(wire_own, b)
    assert result.source.verdict is not Verdict.SIBLINGS and result.source.wire is None


def test_two_real_reuters_copies_are_siblings_of_reuters(helsinki: dict[str, Document]) -> None:
    # The New York Times' "By Reuters" copy of the golf story, and Yahoo's, whose dateline
    # names two places: "TURNBERRY/GLASGOW, Scotland (Reuters) -".
    assert helsinki["6"].credit == helsinki["9719"].credit == "Reuters"
    result = compare_documents(helsinki["6"], helsinki["9719"])
    assert result.source.verdict is Verdict.SIBLINGS and result.source.wire == "Reuters"


def test_a_copy_crediting_a_wire_the_other_does_not_credit_is_not_a_sibling(
    helsinki: dict[str, Document],
) -> None:
    # Yahoo's copy of the golf story with the wire taken out of its dateline.
    yahoo = helsinki["9719"]
    uncredited_text = yahoo.text.replace("Scotland (Reuters) -", "Scotland -")
    uncredited = read_text_document(uncredited_text, name="9719")
    assert uncredited_text != yahoo.text and uncredited.credit is None
    result = compare_documents(helsinki["6"], replace(uncredited, outlet=yahoo.outlet))
    assert result.source.verdict is not Verdict.SIBLINGS
