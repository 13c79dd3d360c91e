"""The credit check on the seed pair's texts with a credit put in or taken out, as outlets do
it: a "first published by" line, a byline of the source's author, a wire named in the copy's
own words, a "Source:" line naming a third outlet."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from retold import Document, compare_documents
from retold.ingest import read_document
from retold.records import Comparison, CreditVerdict
from tests.conftest import JPOST, KAYHAN


@pytest.fixture(scope="module")
def source() -> Document:
    return read_document(JPOST)


@pytest.fixture(scope="module")
def copy() -> Document:
    return read_document(KAYHAN)


def _compare(source: Document, copy_text: str, folder: Path) -> Comparison:
    """The copy read as a file, so its date and dateline are read as ``retold compare`` reads
    them."""
    path = folder / "copy.txt"
    path.write_text(copy_text, encoding="utf-8")
    return compare_documents(source, read_document(path))


def _credit(comparison: Comparison) -> tuple[CreditVerdict, list[tuple[str, str, str]]]:
    assert comparison.story is not None and comparison.story.credit is not None
    credit = comparison.story.credit
    return credit.verdict, [(e.what, e.where, e.text) for e in credit.evidence]


def test_a_first_published_line_credits_the_source(
    source: Document, copy: Document, tmp_path: Path
) -> None:
    text = copy.text.replace(
        "* Comment:", "This article was first published by The Jerusalem Post.\n* Comment:"
    )
    verdict, evidence = _credit(_compare(source, text, tmp_path))
    assert verdict is CreditVerdict.CREDITS_SOURCE
    assert ("source outlet", "credit line", "Jerusalem Post") in evidence
    assert ("own dateline", "dateline", "TEHRAN (Dispatches) --") in evidence


def test_the_source_authors_byline_credits_the_source(copy: Document, tmp_path: Path) -> None:
    source_text = JPOST.read_text(encoding="utf-8").replace(
        "June 24, 2019 20:14", "By Seth J. Frantzman\nJune 24, 2019 20:14"
    )
    source = Document(
        source_text, outlet="Jerusalem Post", published=read_document(JPOST).published
    )
    text = copy.text.replace("TEHRAN (Dispatches) --", "By Seth J. Frantzman\nTEHRAN --")
    verdict, evidence = _credit(_compare(source, text, tmp_path))
    assert verdict is CreditVerdict.CREDITS_SOURCE
    assert ("source author", "byline", "Seth J. Frantzman") in evidence


def test_naming_the_wire_the_source_credits(copy: Document, tmp_path: Path) -> None:
    source_text = JPOST.read_text(encoding="utf-8").replace(
        "Iran wants to hold", "JERUSALEM (Reuters) - Iran wants to hold"
    )
    source = dataclasses.replace(read_document(JPOST), text=source_text, credit="Reuters")
    text = copy.text.replace("* Comment:", "Reuters contributed to this report.\n* Comment:")
    verdict, evidence = _credit(_compare(source, text, tmp_path))
    assert verdict is CreditVerdict.CREDITS_WIRE
    assert ("wire", "credit line", "Reuters") in evidence  # boilerplate: B adds no content


def test_a_source_line_naming_another_outlet(
    source: Document, copy: Document, tmp_path: Path
) -> None:
    text = copy.text.replace("* Comment:", "Source: Press TV\n* Comment:")
    verdict, evidence = _credit(_compare(source, text, tmp_path))
    assert verdict is CreditVerdict.CREDITS_OTHER
    assert ("other", "credit line", "Press TV") in evidence


def test_a_name_the_copy_took_from_the_source_is_no_credit(
    source: Document, copy: Document, tmp_path: Path
) -> None:
    """ "told the Jerusalem Post" in a shared sentence is the source speaking."""
    sentence = "Heydari told The Jerusalem Post that the drills would go ahead."
    source_text = source.text.replace(
        "He discussed the unbreakable", f"{sentence} He discussed the unbreakable"
    )
    text = copy.text.replace(
        "He discussed the unbreakable", f"{sentence} He discussed the unbreakable"
    )
    source = dataclasses.replace(source, text=source_text)
    verdict, _ = _credit(_compare(source, text, tmp_path))
    assert verdict is CreditVerdict.UNCREDITED


def test_no_credit_check_without_a_source(source: Document, copy: Document) -> None:
    """Without dates or outlets the source is undecided: no credit check, and the summary
    says so in neutral words."""
    comparison = compare_documents(Document(source.text), Document(copy.text))
    assert comparison.source.verdict.value == "unknown"
    assert comparison.story is not None and comparison.story.credit is None
    summary = [s.text for s in comparison.story.summary]
    assert summary[0] == (
        "A and B share 4 passages (60% of A is in B, 100% of B in A); of their own, A has 8"
        " stretches (321 words), B none."
    )
    assert summary[1] == (
        "Which text is the source is undecided, so whether the copy credits it is not checked."
    )
    assert 3 <= len(summary) <= 6
