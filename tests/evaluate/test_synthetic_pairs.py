"""``make_pair``: every recorded case and edit slices back, and together they explain every
character of both texts; each obfuscation makes the edits it claims and no others."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retold.evaluate.pan import score
from retold.evaluate.synthetic import (
    PAIR_OBFUSCATIONS,
    Obfuscation,
    PairConfig,
    ReuseCase,
    SentenceBank,
    SourceTooShortError,
    SyntheticPair,
    TrueEdit,
    UnknownObfuscationError,
    UnsuitableSourceError,
    load_sentences,
    make_pair,
)
from retold.records import Category, ChangeKind
from retold.tokens import fold_words

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
GOLD = SHARED_DATA / "article-extraction-benchmark" / "ground-truth.json"
SOURCES_TESTED = 12


@pytest.fixture(scope="module")
def bank() -> SentenceBank:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data not found at {SHARED_DATA} (CI has it; a fresh clone may not)")
    return SentenceBank.of(load_sentences(SHARED_DATA))


@pytest.fixture(scope="module")
def sources(bank: SentenceBank) -> list[str]:
    """Real English gold article bodies long enough for every obfuscation."""
    bodies = json.loads(GOLD.read_text(encoding="utf-8"))
    texts = [bodies[key]["articleBody"] for key in sorted(bodies)]
    return [text for text in texts if len(text.split()) > 150 and _english(text)][:40]


def _english(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return sum(char.isascii() for char in letters) > 0.97 * len(letters)


def _pairs(sources: list[str], bank: SentenceBank) -> Iterable[SyntheticPair]:
    for number, source in enumerate(sources[:SOURCES_TESTED]):
        for obfuscation in PAIR_OBFUSCATIONS:
            yield make_pair(source, obfuscation, random.Random(number), sentences=bank)


def _check_offsets(pair: SyntheticPair) -> None:
    """Ranges are in bounds; each edit's kind matches which of its ranges are empty."""
    source_length, derived_length = len(pair.source_text), len(pair.derived_text)
    assert pair.cases
    for case in pair.cases:
        assert 0 <= case.source_start < case.source_end <= source_length
        assert 0 <= case.derived_start < case.derived_end <= derived_length
    for edit in pair.edits:
        assert 0 <= edit.source_start <= edit.source_end <= source_length
        assert 0 <= edit.derived_start <= edit.derived_end <= derived_length
        source_text, derived_text = _texts(pair, edit)
        if edit.kind is ChangeKind.OMITTED:
            assert source_text.strip() == source_text != "" and derived_text == ""
        elif edit.kind is ChangeKind.ADDED:
            assert derived_text.strip() == derived_text != "" and source_text == ""
        else:
            assert source_text and derived_text and source_text != derived_text


def _texts(pair: SyntheticPair, edit: TrueEdit) -> tuple[str, str]:
    return (
        pair.source_text[edit.source_start : edit.source_end],
        pair.derived_text[edit.derived_start : edit.derived_end],
    )


def _uncovered(text: str, ranges: Iterable[tuple[int, int]]) -> str:
    covered = bytearray(len(text))
    for start, end in ranges:
        covered[start:end] = b"\x01" * (end - start)
    return "".join(char for char, flag in zip(text, covered, strict=True) if not flag)


def _check_accounting(pair: SyntheticPair) -> None:
    """Every character of both texts is in a case or an edit, or is whitespace."""
    derived = [(c.derived_start, c.derived_end) for c in pair.cases]
    derived += [(e.derived_start, e.derived_end) for e in pair.edits]
    source = [(c.source_start, c.source_end) for c in pair.cases]
    source += [(e.source_start, e.source_end) for e in pair.edits]
    assert _uncovered(pair.derived_text, derived).strip() == ""
    assert _uncovered(pair.source_text, source).strip() == ""


def _replay(pair: SyntheticPair, case_index: int) -> str:
    """The case's source text with the edits inside it applied: the derived text, up to
    whitespace (a deleted word takes one space with it, an inserted one brings one)."""
    case = pair.cases[case_index]
    pieces, cursor = [], case.source_start
    for edit in sorted(_edits_inside(pair, case), key=lambda e: (e.source_start, e.source_end)):
        derived = _texts(pair, edit)[1]
        pieces += [pair.source_text[cursor : edit.source_start], derived]
        cursor = max(cursor, edit.source_end)
        if edit.kind is ChangeKind.ADDED:
            pieces.append(" ")
        elif edit.kind is ChangeKind.OMITTED and pair.source_text[cursor] == " ":
            cursor += 1
    pieces.append(pair.source_text[cursor : case.source_end])
    return "".join(pieces)


def _edits_inside(pair: SyntheticPair, case: ReuseCase) -> list[TrueEdit]:
    """Substitutions within the case, and omissions or additions strictly inside it (those of
    the frame only touch its edges)."""
    inside = []
    for edit in pair.edits:
        if edit.kind is ChangeKind.SUBSTITUTED:
            within = case.derived_start <= edit.derived_start < case.derived_end
        else:
            within = case.derived_start < edit.derived_start <= edit.derived_end < case.derived_end
        if within:
            inside.append(edit)
    return inside


def _normal(text: str) -> str:
    return " ".join(text.split())


def test_every_offset_slices_back_and_every_character_is_explained(
    sources: list[str], bank: SentenceBank
) -> None:
    for pair in _pairs(sources, bank):
        _check_offsets(pair)
        _check_accounting(pair)


def test_cases_copy_the_source_exactly_or_as_edited(sources: list[str], bank: SentenceBank) -> None:
    exact = {
        Obfuscation.VERBATIM,
        Obfuscation.EXCERPT_CUTS,
        Obfuscation.MOVED_PARAGRAPHS,
        Obfuscation.BOILERPLATE_WRAP,
    }
    for pair in _pairs(sources, bank):
        for index, case in enumerate(pair.cases):
            derived = pair.derived_text[case.derived_start : case.derived_end]
            if pair.obfuscation in exact:
                assert pair.source_text[case.source_start : case.source_end] == derived
            else:
                assert _normal(_replay(pair, index)) == _normal(derived)


def test_term_swaps_replay_exactly(sources: list[str], bank: SentenceBank) -> None:
    for number, source in enumerate(sources[:SOURCES_TESTED]):
        pair = make_pair(source, "term_swaps", random.Random(number), sentences=bank)
        (case,) = pair.cases
        edits = [e for e in pair.edits if e.kind is ChangeKind.SUBSTITUTED]
        rebuilt, cursor = [], case.source_start
        for edit in edits:
            rebuilt += [source[cursor : edit.source_start], _texts(pair, edit)[1]]
            cursor = edit.source_end
        rebuilt.append(source[cursor : case.source_end])
        assert "".join(rebuilt) == pair.derived_text[case.derived_start : case.derived_end]


def _kinds(pair: SyntheticPair) -> set[tuple[ChangeKind, Category]]:
    return {(edit.kind, edit.category) for edit in pair.edits}


FRAME = {(ChangeKind.OMITTED, Category.CONTENT), (ChangeKind.ADDED, Category.CONTENT)}


def test_each_obfuscation_makes_its_own_edits(sources: list[str], bank: SentenceBank) -> None:
    for pair in _pairs(sources, bank):
        kinds = _kinds(pair)
        inner = [e for e in pair.edits if _inside_cases(pair, e)]
        match pair.obfuscation:
            case Obfuscation.VERBATIM:
                assert kinds <= FRAME and len(pair.cases) == 1
            case Obfuscation.EXCERPT_CUTS:
                assert kinds <= FRAME and 2 <= len(pair.cases) <= 4
                assert len(inner) == len(pair.cases) - 1
            case Obfuscation.TERM_SWAPS:
                swaps = kinds - FRAME
                assert swaps and all(kind is ChangeKind.SUBSTITUTED for kind, _ in swaps)
                assert {category for _, category in swaps} <= {
                    Category.SPELLING,
                    Category.TERMINOLOGY,
                    Category.NUMBER,
                }
            case Obfuscation.MOVED_PARAGRAPHS:
                assert kinds <= FRAME and len(pair.cases) >= 2
                assert _case_order_changed(pair)
            case Obfuscation.SPINNING:
                assert inner and len(pair.cases) == 1
                assert {(e.kind, e.category) for e in inner} <= FRAME | {
                    (ChangeKind.SUBSTITUTED, Category.REWORDING)
                }
            case Obfuscation.BOILERPLATE_WRAP:
                assert kinds == {(ChangeKind.ADDED, Category.BOILERPLATE)}
                assert len(pair.edits) >= 4 and 1 <= len(pair.cases) <= 2


def _inside_cases(pair: SyntheticPair, edit: TrueEdit) -> bool:
    first, last = pair.cases[0], pair.cases[-1]
    return first.derived_start < edit.derived_start < last.derived_end or (
        edit.kind is ChangeKind.SUBSTITUTED
    )


def _case_order_changed(pair: SyntheticPair) -> bool:
    starts = [case.source_start for case in pair.cases]
    return starts != sorted(starts)


def test_same_seed_same_pair(sources: list[str], bank: SentenceBank) -> None:
    for obfuscation in PAIR_OBFUSCATIONS:
        first = make_pair(sources[0], obfuscation, random.Random(5), sentences=bank)
        second = make_pair(sources[0], obfuscation, random.Random(5), sentences=bank)
        assert first == second


def test_background_shares_no_five_words_with_the_source(
    sources: list[str], bank: SentenceBank
) -> None:
    for pair in _pairs(sources, bank):
        words = fold_words(pair.source_text)
        grams = {tuple(words[i : i + 5]) for i in range(len(words) - 4)}
        for edit in pair.edits:
            if edit.kind is ChangeKind.ADDED and edit.category is Category.CONTENT:
                added = fold_words(_texts(pair, edit)[1])
                if pair.obfuscation is not Obfuscation.SPINNING:
                    assert all(tuple(added[i : i + 5]) not in grams for i in range(len(added)))


def test_term_swaps_use_the_term_table(bank: SentenceBank) -> None:
    source = (
        "Fighters loyal to the Islamic State attacked a convoy near the border in 2014, officials"
        " said. The government in Kiev condemned the assault and promised a full inquiry."
    )
    config = PairConfig(term_edits=(5, 5), background_paragraphs=(0, 0))
    seen: set[tuple[str, Category]] = set()
    for seed in range(20):
        pair = make_pair(source, "term_swaps", random.Random(seed), sentences=bank, config=config)
        seen |= {
            (_texts(pair, edit)[1], edit.category)
            for edit in pair.edits
            if edit.kind is ChangeKind.SUBSTITUTED
        }
    assert ("Daesh", Category.TERMINOLOGY) in seen
    assert ("Kyiv", Category.SPELLING) in seen
    assert any(category is Category.NUMBER for _, category in seen)


def test_pan_cases_score_perfectly_against_themselves(
    sources: list[str], bank: SentenceBank
) -> None:
    pair = make_pair(sources[1], "excerpt_cuts", random.Random(2), sentences=bank)
    scores = score(pair.pan_cases(), pair.pan_cases())
    assert scores.plagdet == 1.0 and scores.cases == len(pair.cases)


def test_bad_requests_raise_clear_errors(bank: SentenceBank) -> None:
    rng = random.Random(0)
    with pytest.raises(UnknownObfuscationError, match="verbatim"):
        make_pair("Some text here.", "paraphrase", rng, sentences=bank)
    with pytest.raises(UnknownObfuscationError, match="corpus"):
        make_pair("Some text here.", "full_copy", rng, sentences=bank)
    with pytest.raises(SourceTooShortError):
        make_pair("  \n ", "verbatim", rng, sentences=bank)
    with pytest.raises(SourceTooShortError, match="3 sentences"):
        make_pair("One sentence. And another one.", "excerpt_cuts", rng, sentences=bank)
    with pytest.raises(UnsuitableSourceError, match="no name, number"):
        make_pair("어제 서울에서 회의가 열렸다.", "term_swaps", rng, sentences=bank)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    obfuscation=st.sampled_from(PAIR_OBFUSCATIONS),
    source_number=st.integers(0, 39),
)
def test_property_offsets_and_accounting(
    sources: list[str], bank: SentenceBank, seed: int, obfuscation: Obfuscation, source_number: int
) -> None:
    source = sources[source_number % len(sources)]
    pair = make_pair(source, obfuscation, random.Random(seed), sentences=bank)
    _check_offsets(pair)
    _check_accounting(pair)
