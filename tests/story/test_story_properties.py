"""Every offset of the story slices back to its text, on pairs built from real sentences
(the same strategies as ``tests/property``): names, quotations, attributions, figures,
sentences and credit evidence all point at what they claim."""

from __future__ import annotations

from datetime import datetime

from hypothesis import HealthCheck, given, settings

import retold
from retold import Comparison, Document, compare_documents
from retold.clean.quotes import quote_spans
from retold.records import Fate
from retold.story.quotations import ATTRIBUTION
from tests.conftest import JPOST, KAYHAN
from tests.property.test_compare_properties import pairs


def _text(comparison: Comparison, side: str) -> str:
    return comparison.a.text if side == "a" else comparison.b.text


def _check(comparison: Comparison) -> None:
    story = comparison.story
    assert story is not None
    changes = comparison.changes
    for name in story.names:
        assert name.mentions
        for mention in name.mentions:
            text = _text(comparison, mention.side)
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start : mention.end].strip() == text[mention.start : mention.end]
            assert (mention.change is None) == (mention.fate is Fate.KEPT)
    for quotation in story.quotations:
        for side, start, end in (
            ("a", quotation.a_start, quotation.a_end),
            ("b", quotation.b_start, quotation.b_end),
        ):
            if start is not None and end is not None:
                assert (start, end) in quote_spans(_text(comparison, side)).spans()
    for attribution in story.attributions:
        piece = _text(comparison, attribution.side)[attribution.start : attribution.end]
        assert ATTRIBUTION.search(piece)
    for figure in story.figures:
        change = changes[figure.change]
        assert (figure.a_start, figure.a_end, figure.b_start, figure.b_end) == (
            change.a_start,
            change.a_end,
            change.b_start,
            change.b_end,
        )
    for sentence in story.sentences:
        change = changes[sentence.change]
        span = (
            (change.a_start, change.a_end)
            if sentence.side == "a"
            else (change.b_start, change.b_end)
        )
        assert span[0] <= sentence.start < sentence.end <= span[1]
    if story.credit is not None:
        for evidence in story.credit.evidence:
            assert _text(comparison, evidence.side)[evidence.start : evidence.end] == evidence.text
    for line in story.summary:
        assert line.text and all(0 <= i < len(changes) for i in line.changes)


_DAY_ONE, _DAY_TWO = datetime(2019, 6, 24, 20, 14), datetime(2019, 6, 25, 21, 57)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
def test_every_story_offset_slices_back(pair: tuple[str, str]) -> None:
    """A is a day older than B and names its outlet, so the source is known and the credit
    check runs whenever the texts point the same way."""
    a, b = pair
    a_document = Document(a, path="a", published=_DAY_ONE, outlet="Jerusalem Post")
    b_document = Document(b, path="b", published=_DAY_TWO, credit="Dispatches")
    _check(compare_documents(a_document, b_document))


def test_the_seed_story_slices_back() -> None:
    _check(retold.compare(JPOST, KAYHAN))
