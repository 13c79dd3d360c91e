"""The credit check on real retellings of the Helsinki corpus, read by hand first.

CNN's stories were republished the same morning by its affiliates' sites (news4jax.com,
clickondetroit.com, click2houston.com), which open with "By JAMIE EHRLICH, CNN" (or another
CNN writer) and keep CNN's dateline "WASHINGTON (CNN) -": they credit their source. The
corpus names publishers by web domain ("cnn.com"), so the check looks for "CNN" too.
"""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest

from retold import Document, compare_documents
from retold.ingest.metadata import find_credit
from retold.records import CreditVerdict


def _documents(shared_data: Path, ids: set[str]) -> dict[str, Document]:
    csv.field_size_limit(1 << 30)
    path = shared_data / "helsinki-summit" / "helsinki_articles.csv"
    found = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["id"] in ids:
                text = row["text"].replace(" ### ", "\n")
                found[row["id"]] = Document(
                    text,
                    path=row["id"],
                    outlet=row["publisher"],
                    credit=find_credit(text),
                    published=datetime.fromisoformat(row["scrape_time"]),
                    published_from="field",
                )
    return found


@pytest.mark.parametrize(
    ("source", "copy", "writer"),
    [("645", "2833", "JAMIE EHRLICH"), ("645", "3999", "JAMIE EHRLICH")],
)
def test_cnn_affiliates_credit_cnn(shared_data: Path, source: str, copy: str, writer: str) -> None:
    documents = _documents(shared_data, {source, copy})
    comparison = compare_documents(documents[source], documents[copy])
    assert comparison.source.verdict.value == "a"
    assert comparison.story is not None and comparison.story.credit is not None
    credit = comparison.story.credit
    assert credit.verdict is CreditVerdict.CREDITS_SOURCE
    byline = next(e for e in credit.evidence if e.where == "byline")
    assert (byline.what, byline.text) == ("source outlet", "CNN")
    line_start = documents[copy].text.rfind("\n", 0, byline.start) + 1
    assert documents[copy].text[line_start : byline.end] == f"By {writer}, CNN"
    assert len({(e.what, e.start) for e in credit.evidence}) == len(credit.evidence)


def test_the_hand_labelled_pairs(shared_data: Path) -> None:
    """The 30 pairs of bench/gold/helsinki-credit (labelled by reading, outside retold), the
    gold's source given: 28 right today; the two misses are Yahoo's supplier labels ("Star
    Tribune•"), which the gold itself calls doubtful. Floor: 26."""
    from retold.evaluate.accuracy_story import CREDIT_GOLD, score_credit_gold
    from tests.conftest import REPO

    scores = score_credit_gold(shared_data, REPO / "bench" / "gold" / CREDIT_GOLD)
    assert scores.pairs == 30
    assert scores.right >= 26, scores.misses
    assert {pair for pair, _, _ in scores.misses} <= {"14", "22", "12", "29", "30", "9"}
