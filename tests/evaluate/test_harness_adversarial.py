"""The harness can't grade itself generously.

Deliberately wrong detectors must lose what they get wrong, and a perfect oracle must score 1:

- alignment: the oracle (the truth cases as passages) scores plagdet 1 on every type; passages
  shifted, split, swollen to the whole text, random, or named for another pair score less, by
  the amount the PAN formulas predict;
- changes: the oracle (every true edit reported with its kind and category) scores F1 1 on
  every category; a classifier that gives every edit a wrong category scores 0 on every
  category while still finding every edit; wrong kinds, fragments and stray reports cost what
  the matching rule says they cost.

The pairs are made from the bundled Jerusalem Post example (its prose paragraphs), with a few
invented background sentences: no shared data needed.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import replace

import pytest

from retold.evaluate.accuracy_alignment import passage_cases, score_alignment, truth_cases
from retold.evaluate.accuracy_changes import ChangeScores, score_changes
from retold.evaluate.accuracy_pairs import PairOutcome, article_paragraphs, run_detector
from retold.evaluate.pan import score
from retold.evaluate.synthetic_pairs import PAIR_OBFUSCATIONS, SyntheticPair, TrueEdit, make_pair
from retold.records import Category, Change, ChangeKind, Passage
from tests.conftest import JPOST

BACKGROUND = [
    "The city council voted on Tuesday to extend the opening hours of the public library.",
    "Local farmers said the late spring frost had damaged much of this year's apple harvest.",
    "A new bridge over the river is expected to open to traffic before the end of next year.",
    "The museum will show a collection of early photographs of the harbour from next month.",
    "Schools in the region will receive additional funding for science teachers, officials said.",
    "The football club announced that its stadium would be renovated over the summer break.",
    "Heavy rain caused flooding in several villages and closed a number of roads overnight.",
    "The company reported higher profits for the third quarter on strong sales of its tablets.",
    "Volunteers planted more than two thousand trees along the old railway line on Saturday.",
    "A survey found that most residents would welcome more cycle lanes in the town centre.",
    "The hospital said it had hired forty new nurses to cope with the rising number of patients.",
    "Organisers expect more than ten thousand visitors at the annual music festival this year.",
]
PER_TYPE = 3


@pytest.fixture(scope="module")
def pairs() -> list[tuple[str, str, SyntheticPair]]:
    paragraphs = article_paragraphs(JPOST.read_text(encoding="utf-8").splitlines())
    source = "\n".join(paragraphs)
    made = []
    for obfuscation in PAIR_OBFUSCATIONS:
        for index in range(PER_TYPE):
            rng = random.Random(f"adversarial/{obfuscation.value}/{index}")
            pair = make_pair(source, obfuscation, rng, sentences=BACKGROUND)
            made.append((f"{obfuscation.value}-{index}", "jpost", pair))
    return made


Passages = Callable[[SyntheticPair], tuple[Passage, ...]]


def _run(
    pairs: Sequence[tuple[str, str, SyntheticPair]],
    passages: Passages = lambda pair: _oracle_passages(pair),
    changes: Callable[[SyntheticPair], tuple[Change, ...]] = lambda pair: _oracle_changes(pair),
) -> list[PairOutcome]:
    return run_detector(pairs, lambda pair: (passages(pair), changes(pair)))


def _oracle_passages(pair: SyntheticPair) -> tuple[Passage, ...]:
    return tuple(
        Passage(c.source_start, c.source_end, c.derived_start, c.derived_end, 1) for c in pair.cases
    )


def _as_change(pair: SyntheticPair, edit: TrueEdit, **changes: object) -> Change:
    change = Change(
        edit.kind,
        edit.category,
        edit.source_start,
        edit.source_end,
        edit.derived_start,
        edit.derived_end,
        pair.source_text[edit.source_start : edit.source_end],
        pair.derived_text[edit.derived_start : edit.derived_end],
    )
    return replace(change, **changes)  # type: ignore[arg-type]


def _oracle_changes(pair: SyntheticPair) -> tuple[Change, ...]:
    return tuple(_as_change(pair, edit) for edit in pair.edits)


def _plagdets(outcomes: Sequence[PairOutcome]) -> dict[str, float]:
    return {row.label: row.scores.plagdet for row in score_alignment(outcomes)}


# --- alignment ----------------------------------------------------------------------------------


def test_every_type_has_cases_and_edits(pairs: list[tuple[str, str, SyntheticPair]]) -> None:
    for _, _, pair in pairs:
        assert pair.cases
    assert {pair.obfuscation for _, _, pair in pairs} == set(PAIR_OBFUSCATIONS)


def test_oracle_detector_scores_one(pairs: list[tuple[str, str, SyntheticPair]]) -> None:
    for row in score_alignment(_run(pairs)):
        assert row.scores.plagdet == 1.0, row.label
        assert row.scores.granularity == 1.0
        assert row.example is None
        assert row.diagnosis.missed_in_found_cases == row.diagnosis.spurious_outside_cases == 0


def test_shifted_passages_lose_what_they_miss(pairs: list[tuple[str, str, SyntheticPair]]) -> None:
    def shifted(pair: SyntheticPair) -> tuple[Passage, ...]:
        # Each B range moved forward by half its length: half of B is missed, and as much is
        # claimed that is not reuse. The A range is right.
        return tuple(
            Passage(
                p.a_start,
                p.a_end,
                p.b_start + (p.b_end - p.b_start) // 2,
                p.b_end + (p.b_end - p.b_start) // 2,
                1,
            )
            for p in _oracle_passages(pair)
        )

    overall = next(row for row in score_alignment(_run(pairs, shifted)) if row.label == "overall")
    # Recall and precision per case: (|A| + |B| / 2) / (|A| + |B|) = 3/4 (a little less or more
    # where the shifted range meets a neighbouring case or the end of the text).
    assert overall.scores.macro_recall == pytest.approx(0.75, abs=0.03)
    assert overall.scores.macro_precision < 0.9
    assert overall.scores.plagdet < 0.85
    assert overall.diagnosis.missed_in_found_cases > 0


def test_split_passages_cost_granularity(pairs: list[tuple[str, str, SyntheticPair]]) -> None:
    def thirds(pair: SyntheticPair) -> tuple[Passage, ...]:
        split = []
        for p in _oracle_passages(pair):
            a_cut = [p.a_start + (p.a_end - p.a_start) * k // 3 for k in range(4)]
            b_cut = [p.b_start + (p.b_end - p.b_start) * k // 3 for k in range(4)]
            split += [Passage(a_cut[k], a_cut[k + 1], b_cut[k], b_cut[k + 1], 1) for k in range(3)]
        return tuple(split)

    for label, plagdet in _plagdets(_run(pairs, thirds)).items():
        # Every character right, each case found three times: 1 / log2(1 + 3) = 0.5.
        assert plagdet == pytest.approx(0.5), label


def test_one_passage_over_both_whole_texts_loses_precision(
    pairs: list[tuple[str, str, SyntheticPair]],
) -> None:
    def everything(pair: SyntheticPair) -> tuple[Passage, ...]:
        return (Passage(0, len(pair.source_text), 0, len(pair.derived_text), 1),)

    rows = {row.label: row for row in score_alignment(_run(pairs, everything))}
    assert rows["overall"].scores.macro_recall == 1.0
    assert rows["overall"].scores.macro_precision < 0.75
    # Excerpts leave most of the source out: precision (and plagdet) fall far.
    assert rows["excerpt_cuts"].scores.plagdet < 0.7
    assert rows["overall"].diagnosis.spurious_outside_cases > 0


def test_random_passages_score_near_zero(pairs: list[tuple[str, str, SyntheticPair]]) -> None:
    rng = random.Random(11)

    def noise(pair: SyntheticPair) -> tuple[Passage, ...]:
        found = []
        for _ in range(5):
            a = rng.randrange(len(pair.source_text) - 40)
            b = rng.randrange(len(pair.derived_text) - 40)
            found.append(Passage(a, a + 40, b, b + 40, 1))
        return tuple(found)

    assert _plagdets(_run(pairs, noise))["overall"] < 0.3


def test_passages_named_for_another_pair_never_count(
    pairs: list[tuple[str, str, SyntheticPair]],
) -> None:
    for (pair_id, _, pair), (other_id, _, _) in zip(pairs, [*pairs[1:], pairs[0]], strict=True):
        # The right ranges, but claimed for another pair's documents: PAN counts a detection
        # only for the document pair it names, and the harness names each pair apart.
        scores = score(truth_cases(pair_id, pair), passage_cases(other_id, _oracle_passages(pair)))
        assert scores.plagdet == 0.0
        assert scores.detected_cases == 0


def test_passages_of_the_wrong_pair_score_low(pairs: list[tuple[str, str, SyntheticPair]]) -> None:
    # Each pair gets the oracle passages of a pair of another obfuscation: right-looking
    # ranges, wrong texts. Only chance overlaps of the offsets can score.
    others = {
        pair_id: pairs[(index + PER_TYPE) % len(pairs)][2]
        for index, (pair_id, _, _) in enumerate(pairs)
    }
    outcomes = [
        PairOutcome(pair_id, name, pair, _oracle_passages(others[pair_id]), ())
        for pair_id, name, pair in pairs
    ]
    assert _plagdets(outcomes)["overall"] < 0.5


def test_retold_lies_between_the_wrong_detectors_and_the_oracle(
    pairs: list[tuple[str, str, SyntheticPair]],
) -> None:
    plagdets = _plagdets(run_detector(pairs))
    assert 0.5 < plagdets["overall"] <= 1.0
    assert plagdets["verbatim"] > 0.9


# --- changes ------------------------------------------------------------------------------------


def _categories(scores: ChangeScores) -> dict[str, float | None]:
    return {row.label: row.f1 for row in scores.categories if row.truth}


def test_oracle_classifier_scores_one(pairs: list[tuple[str, str, SyntheticPair]]) -> None:
    scores = score_changes(_run(pairs))
    assert set(_categories(scores).values()) == {1.0}
    assert {row.f1 for row in scores.kinds if row.truth} == {1.0}
    assert scores.exact.f1 == scores.detection.f1 == 1.0
    assert not scores.examples
    # The truth holds the categories the generator claims to make.
    assert {"content", "boilerplate", "rewording"} <= set(_categories(scores))


def test_wrong_categories_score_zero_but_edits_are_still_found(
    pairs: list[tuple[str, str, SyntheticPair]],
) -> None:
    categories = list(Category)

    def wrong(pair: SyntheticPair) -> tuple[Change, ...]:
        # Every edit reported with the next category in the list: never the right one.
        return tuple(
            _as_change(pair, edit, category=categories[(categories.index(edit.category) + 1) % 7])
            for edit in pair.edits
        )

    scores = score_changes(_run(pairs, changes=wrong))
    assert set(_categories(scores).values()) == {0.0}
    assert scores.exact.matched == 0
    assert scores.detection.f1 == 1.0  # found, every one, with the right kind
    off_diagonal = sum(n for (t, r), n in scores.confusion.items() if t != r)
    assert off_diagonal == scores.detection.truth


def test_wrong_kinds_are_not_found(pairs: list[tuple[str, str, SyntheticPair]]) -> None:
    swap = {
        ChangeKind.OMITTED: ChangeKind.ADDED,
        ChangeKind.ADDED: ChangeKind.OMITTED,
        ChangeKind.SUBSTITUTED: ChangeKind.OMITTED,
    }

    def wrong(pair: SyntheticPair) -> tuple[Change, ...]:
        return tuple(_as_change(pair, edit, kind=swap[edit.kind]) for edit in pair.edits)

    scores = score_changes(_run(pairs, changes=wrong))
    assert scores.detection.matched == 0
    assert set(_categories(scores).values()) == {0.0}


def test_fragments_of_edits_do_not_count(pairs: list[tuple[str, str, SyntheticPair]]) -> None:
    def thirds(pair: SyntheticPair) -> tuple[Change, ...]:
        found = []
        for edit in pair.edits:
            a_cut = [
                edit.source_start + (edit.source_end - edit.source_start) * k // 3 for k in range(4)
            ]
            b_cut = [
                edit.derived_start + (edit.derived_end - edit.derived_start) * k // 3
                for k in range(4)
            ]
            for k in range(3):
                found.append(
                    _as_change(
                        pair,
                        edit,
                        a_start=a_cut[k],
                        a_end=a_cut[k + 1],
                        b_start=b_cut[k],
                        b_end=b_cut[k + 1],
                    )
                )
        return tuple(found)

    scores = score_changes(_run(pairs, changes=thirds))
    # A third of an edit is under half of it: only edits too short to cut into three
    # non-empty thirds (a one- or two-letter word) can still match.
    assert scores.detection.recall is not None and scores.detection.recall < 0.1
    assert scores.detection.precision is not None and scores.detection.precision < 0.05


def test_stray_reports_cost_precision_only(pairs: list[tuple[str, str, SyntheticPair]]) -> None:
    def doubled(pair: SyntheticPair) -> tuple[Change, ...]:
        extra = tuple(
            Change(ChangeKind.ADDED, Category.CONTENT, 0, 0, 0, 1, "", pair.derived_text[:1])
            for _ in pair.edits
        )
        return _oracle_changes(pair) + extra

    scores = score_changes(_run(pairs, changes=doubled))
    assert scores.detection.recall == 1.0
    assert scores.detection.precision == pytest.approx(0.5, abs=0.01)
