"""Variants of the seed pair: the aligner and the categories must generalize beyond it.

Each test edits the Tehran item (B) in one way a real copy editor might, then checks that the
comparison with the Post (A) reports exactly that edit, with the right kind and category, and
that everything the unedited pair already showed stays as it was.
"""

from __future__ import annotations

import pytest

from retold import Comparison, Document, compare, compare_documents
from retold.records import Category, ChangeKind
from tests.conftest import JPOST, KAYHAN

MOVED = "New electricity agreements were signed between Iraq and Iran in February"
RAIL = "Rail lines between the two countries would be constructed, oil infrastructure connected"


def _compare(jpost: str, kayhan: str) -> Comparison:
    return compare_documents(Document(jpost, path="jpost"), Document(kayhan, path="kayhan"))


def _content_changes(comparison: Comparison) -> set[tuple[ChangeKind, str]]:
    return {
        (c.kind, " ".join(c.a_text.split()) or " ".join(c.b_text.split()))
        for c in comparison.changes
        if c.category is Category.CONTENT
    }


@pytest.fixture(scope="module")
def baseline(jpost_text: str, kayhan_text: str) -> Comparison:
    return _compare(jpost_text, kayhan_text)


def test_moved_paragraph_is_still_shared(
    jpost_text: str, kayhan_text: str, baseline: Comparison
) -> None:
    lines = kayhan_text.split("\n")
    paragraph = next(line for line in lines if line.startswith(MOVED))
    lines.remove(paragraph)
    lines.insert(len(lines) - 2, paragraph)
    moved = "\n".join(lines)
    comparison = _compare(jpost_text, moved)
    start = moved.index(MOVED)
    assert any(p.b_start <= start < p.b_end for p in comparison.passages)
    assert _content_changes(comparison) == _content_changes(baseline)
    assert comparison.similarity.b_in_a == pytest.approx(baseline.similarity.b_in_a, abs=0.01)
    assert len(comparison.passages) >= len(baseline.passages) + 1


def test_cut_sentence_is_omitted_content(
    jpost_text: str, kayhan_text: str, baseline: Comparison
) -> None:
    sentence_start = kayhan_text.index(RAIL)
    sentence_end = kayhan_text.index("said.", sentence_start) + len("said.")
    cut = kayhan_text[:sentence_start] + kayhan_text[sentence_end:]
    comparison = _compare(jpost_text, cut)
    new = _content_changes(comparison) - _content_changes(baseline)
    assert len(new) == 1
    kind, text = new.pop()
    assert kind is ChangeKind.OMITTED and RAIL in text


@pytest.mark.parametrize(
    ("old", "new", "category"),
    [
        ("22 agreements", "24 agreements", Category.NUMBER),
        ("$4 billion", "$6 billion", Category.NUMBER),
        ("in February", "in March", Category.NUMBER),
        ("Rouhani", "Rowhani", Category.SPELLING),
        ("Heydari said", "Heidari said", Category.SPELLING),
        ("Kurdistan Regional Government", "Kurdish authorities", Category.TERMINOLOGY),
        (
            "Photos posted online showed",
            "Pictures shared on social media suggested",
            Category.REWORDING,
        ),
        ("Iranian diplomat", "IRANIAN DIPLOMAT", Category.COSMETIC),
    ],
)
def test_single_edit_is_reported_with_its_category(
    jpost_text: str, kayhan_text: str, baseline: Comparison, old: str, new: str, category: Category
) -> None:
    assert old in kayhan_text
    position = kayhan_text.index(old)
    edited = kayhan_text[:position] + new + kayhan_text[position + len(old) :]
    comparison = _compare(jpost_text, edited)
    before = {(c.a_start, c.a_end) for c in baseline.changes}
    fresh = [c for c in comparison.changes if (c.a_start, c.a_end) not in before]
    assert len(fresh) == 1, fresh
    change = fresh[0]
    assert change.kind is ChangeKind.SUBSTITUTED
    assert change.category is category
    first_changed_word = next(
        (x for x, y in zip(old.split(), new.split(), strict=False) if x != y), old.split()[0]
    )
    assert first_changed_word.strip("$") in change.a_text
    assert edited[change.b_start : change.b_end] == change.b_text
    assert change.b_start >= position and change.b_end <= position + len(new)


def test_edits_inside_a_quotation_are_flagged(jpost_text: str, kayhan_text: str) -> None:
    old = "highest level of combat readiness"
    edited = kayhan_text.replace(old, "highest level of military readiness")
    comparison = _compare(jpost_text, edited)
    change = next(c for c in comparison.changes if c.b_text == "military")
    assert change.kind is ChangeKind.SUBSTITUTED and change.in_quote
    assert next(c for c in comparison.changes if c.a_text == "Koumars").in_quote is False


def test_reversed_roles_make_b_the_source() -> None:
    comparison = compare(KAYHAN, JPOST)
    assert comparison.source.verdict.value == "b"
    omitted = [c for c in comparison.changes if c.kind is ChangeKind.OMITTED]
    assert all(c.category is not Category.CONTENT or len(c.a_text.split()) <= 4 for c in omitted)
