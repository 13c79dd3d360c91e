"""Invariants of ``compare`` on texts built from real sentences, checked with hypothesis.

- every reported offset slices back to the reported text;
- a text compared with itself is one passage and no change (texts long enough to hold a
  passage: every sentence drawn has at least ``min_passage_words`` words);
- ``compare(a, b)`` is the mirror image of ``compare(b, a)``.
"""

from __future__ import annotations

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retold import Comparison, Document, compare_documents
from retold.config import AlignConfig
from retold.records import Change, ChangeKind, Verdict
from retold.tokens import tokenize
from tests.conftest import JPOST

_SENTENCE = regex.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")
SENTENCES = sorted(
    {
        sentence.strip()
        for paragraph in JPOST.read_text(encoding="utf-8").split("\n")
        for sentence in _SENTENCE.split(paragraph)
        if len(tokenize(sentence)) >= AlignConfig().min_passage_words
    }
)
WORDS = sorted({word for sentence in SENTENCES for word in sentence.split()})


@st.composite
def article(draw: st.DrawFn) -> str:
    chosen = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=12, unique=True))
    breaks = draw(
        st.lists(st.sampled_from(["\n\n", " ", "\n"]), min_size=len(chosen), max_size=len(chosen))
    )
    return "".join(sentence + gap for sentence, gap in zip(chosen, breaks, strict=True)).strip()


@st.composite
def derived(draw: st.DrawFn, source: str) -> str:
    """A retelling of ``source``: sentences cut, moved, reworded, added, recased."""
    sentences = _SENTENCE.split(source.replace("\n", " "))
    operations = draw(st.lists(st.integers(0, 4), max_size=6))
    for operation in operations:
        index = draw(st.integers(0, max(0, len(sentences) - 1)))
        if operation == 0 and len(sentences) > 1:
            del sentences[index]
        elif operation == 1:
            sentences.insert(draw(st.integers(0, len(sentences))), sentences.pop(index))
        elif operation == 2:
            words = sentences[index].split()
            position = draw(st.integers(0, len(words) - 1))
            words[position] = draw(st.sampled_from(WORDS))
            sentences[index] = " ".join(words)
        elif operation == 3:
            sentences.insert(index, draw(st.sampled_from(SENTENCES)))
        else:
            sentences[index] = sentences[index].upper()
    return "\n".join(sentences)


@st.composite
def pairs(draw: st.DrawFn) -> tuple[str, str]:
    source = draw(article())
    return source, draw(derived(source))


def _compare(a: str, b: str) -> Comparison:
    return compare_documents(Document(a, path="a"), Document(b, path="b"))


def _mirrored(change: Change) -> tuple:
    kind = {ChangeKind.OMITTED: ChangeKind.ADDED, ChangeKind.ADDED: ChangeKind.OMITTED}.get(
        change.kind, change.kind
    )
    return (
        kind,
        change.category,
        change.label,
        change.in_quote,
        change.b_start,
        change.b_end,
        change.a_start,
        change.a_end,
        change.b_text,
        change.a_text,
    )


def _key(change: Change) -> tuple:
    return (
        change.kind,
        change.category,
        change.label,
        change.in_quote,
        change.a_start,
        change.a_end,
        change.b_start,
        change.b_end,
        change.a_text,
        change.b_text,
    )


PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(pairs())
def test_offsets_slice_back_to_the_reported_text(pair: tuple[str, str]) -> None:
    a, b = pair
    comparison = _compare(a, b)
    for change in comparison.changes:
        assert a[change.a_start : change.a_end] == change.a_text
        assert b[change.b_start : change.b_end] == change.b_text
        assert change.a_text or change.b_text
        if change.kind is ChangeKind.OMITTED:
            assert change.b_start == change.b_end and change.a_text.strip()
        if change.kind is ChangeKind.ADDED:
            assert change.a_start == change.a_end and change.b_text.strip()
    for passage in comparison.passages:
        assert 0 <= passage.a_start < passage.a_end <= len(a)
        assert 0 <= passage.b_start < passage.b_end <= len(b)
    assert 0.0 <= comparison.similarity.a_in_b <= 1.0
    assert 0.0 <= comparison.similarity.b_in_a <= 1.0


@PROPERTY_SETTINGS
@given(article())
def test_a_text_compared_with_itself_is_one_passage_and_no_change(text: str) -> None:
    comparison = _compare(text, text)
    assert len(comparison.passages) == 1
    passage = comparison.passages[0]
    assert (passage.a_start, passage.b_start) == (passage.a_start, passage.a_start)
    assert passage.a_end == passage.b_end
    assert comparison.changes == ()
    assert comparison.similarity.a_in_b == comparison.similarity.b_in_a == 1.0
    assert comparison.source.verdict is Verdict.UNKNOWN


@PROPERTY_SETTINGS
@given(pairs())
def test_compare_mirrors(pair: tuple[str, str]) -> None:
    a, b = pair
    forward, backward = _compare(a, b), _compare(b, a)
    assert forward.similarity.a_in_b == backward.similarity.b_in_a
    assert forward.similarity.b_in_a == backward.similarity.a_in_b
    flipped = {Verdict.A: Verdict.B, Verdict.B: Verdict.A, Verdict.UNKNOWN: Verdict.UNKNOWN}
    assert backward.source.verdict is flipped[forward.source.verdict]
    assert backward.source.confidence == forward.source.confidence
    assert sorted(
        (p.b_start, p.b_end, p.a_start, p.a_end, p.words) for p in forward.passages
    ) == sorted((p.a_start, p.a_end, p.b_start, p.b_end, p.words) for p in backward.passages)
    assert sorted(map(_mirrored, forward.changes)) == sorted(map(_key, backward.changes))
