"""PAN text-alignment measures on toy cases worked out by hand, plus properties.

Unless a test says otherwise, every case is for the document pair ("src", "susp"); ``_case(a, b,
c, d)`` is source range [a, b) and suspicious range [c, d). ``|x|`` counts characters in both
documents, so a case of 100 + 100 characters has ``|s| = 200``.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.evaluate import Case, InvalidCaseError, PanScores, plagdet_score, score


def _case(
    source_start: int,
    source_end: int,
    suspicious_start: int,
    suspicious_end: int,
    *,
    source_doc: str = "src",
    suspicious_doc: str = "susp",
) -> Case:
    return Case(
        source_doc, source_start, source_end, suspicious_doc, suspicious_start, suspicious_end
    )


def _assert_scores(
    scores: PanScores,
    *,
    precision: float,
    recall: float,
    granularity: float,
    plagdet: float,
    micro_precision: float | None = None,
    micro_recall: float | None = None,
) -> None:
    assert scores.macro_precision == pytest.approx(precision)
    assert scores.macro_recall == pytest.approx(recall)
    assert scores.granularity == pytest.approx(granularity)
    assert scores.plagdet == pytest.approx(plagdet)
    assert scores.micro_precision == pytest.approx(
        precision if micro_precision is None else micro_precision
    )
    assert scores.micro_recall == pytest.approx(recall if micro_recall is None else micro_recall)


CASE = _case(0, 100, 0, 100)  # |s| = 200


# --- hand-checked toy cases -----------------------------------------------------------------


def test_perfect_detection_scores_one_everywhere() -> None:
    # r = s: s ⊓ r = s, so recall = precision = 200/200; one detection per case; F1 = 1.
    scores = score([CASE], [CASE])
    _assert_scores(scores, precision=1, recall=1, granularity=1, plagdet=1)
    assert (scores.cases, scores.detections, scores.detected_cases, scores.true_detections) == (
        1,
        1,
        1,
        1,
    )


def test_detection_covering_half_a_case_has_recall_one_half() -> None:
    # r = [0,50) x [0,50): s ⊓ r = 50 + 50 = 100 chars of |s| = 200 -> recall 0.5.
    # All of r's 100 chars lie in s -> precision 1. F1 = 2*1*0.5/1.5 = 2/3; log2(1+1) = 1.
    scores = score([CASE], [_case(0, 50, 0, 50)])
    _assert_scores(scores, precision=1, recall=0.5, granularity=1, plagdet=2 / 3)


def test_detection_twice_as_long_has_precision_one_half() -> None:
    # r = [0,200) x [0,200), |r| = 400; s ⊓ r = s = 200 chars -> precision 200/400 = 0.5,
    # recall 1. F1 = 2/3, granularity 1 -> plagdet 2/3.
    scores = score([CASE], [_case(0, 200, 0, 200)])
    _assert_scores(scores, precision=0.5, recall=1, granularity=1, plagdet=2 / 3)


def test_case_split_into_two_detections_has_granularity_two() -> None:
    # r1 = first half, r2 = second half: together they cover s (recall 1), each lies inside s
    # (precision 1), but s is detected twice: gran = 2, plagdet = 1 / log2(3) ≈ 0.6309.
    halves = [_case(0, 50, 0, 50), _case(50, 100, 50, 100)]
    scores = score([CASE], halves)
    _assert_scores(scores, precision=1, recall=1, granularity=2, plagdet=1 / math.log2(3))
    assert scores.plagdet == pytest.approx(0.6309297535714575)


def test_uneven_split_divides_f1_by_log2_of_three() -> None:
    # r1 = [0,50)x[0,50) lies in s: precision 1. r2 = [50,150)x[50,150): 50 + 50 of its 200
    # chars in s: precision 0.5. Macro precision (1 + 0.5)/2 = 0.75; recall 1.
    # F1 = 2*0.75*1/1.75 = 6/7; gran 2 -> plagdet = (6/7) / log2(3) ≈ 0.5408.
    # Micro precision: detected 200 chars of |r1 ∪ r2| = 150 + 150 = 300 -> 2/3.
    scores = score([CASE], [_case(0, 50, 0, 50), _case(50, 150, 50, 150)])
    _assert_scores(
        scores,
        precision=0.75,
        recall=1,
        granularity=2,
        plagdet=(6 / 7) / math.log2(3),
        micro_precision=2 / 3,
    )


def test_overlap_in_the_source_only_is_not_a_detection() -> None:
    # r matches s exactly in the source but sits at [500,600) in the suspicious document:
    # r does not detect s, so s ⊓ r = ∅ even though s ∩ r has 100 source characters.
    scores = score([CASE], [_case(0, 100, 500, 600)])
    _assert_scores(scores, precision=0, recall=0, granularity=1, plagdet=0)
    assert scores.detected_cases == 0
    assert scores.true_detections == 0


def test_overlap_in_the_suspicious_document_only_is_not_a_detection() -> None:
    scores = score([CASE], [_case(500, 600, 0, 100)])
    _assert_scores(scores, precision=0, recall=0, granularity=1, plagdet=0)


def test_touching_ranges_do_not_overlap() -> None:
    # Ranges are half-open: [100,200) shares no character with [0,100).
    scores = score([CASE], [_case(100, 200, 100, 200)])
    assert scores.detected_cases == 0
    # ...but one shared character in each document is enough: [99,100) x [99,100).
    scores = score([CASE], [_case(99, 100, 99, 100)])
    assert scores.detected_cases == 1
    assert scores.macro_recall == pytest.approx(2 / 200)


def test_detections_in_another_document_pair_do_not_count() -> None:
    # Same offsets, but r names suspicious document "other": a different pair.
    elsewhere = _case(0, 100, 0, 100, suspicious_doc="other")
    _assert_scores(score([CASE], [elsewhere]), precision=0, recall=0, granularity=1, plagdet=0)


def test_each_detection_counts_only_for_its_own_pair() -> None:
    # s1 = (src, susp), s2 = (src, other), same offsets; r = s1 detects s1 only.
    # Macro recall = (1 + 0)/2 = 0.5; precision 1; F1 = 2/3; plagdet 2/3.
    # Micro recall counts characters per document and role: both cases share source chars
    # src[0,100), so |s1 ∪ s2| = 100 (src) + 100 (susp) + 100 (other) = 300, and r finds
    # 200 of them -> 2/3.
    s2 = _case(0, 100, 0, 100, suspicious_doc="other")
    scores = score([CASE, s2], [CASE])
    _assert_scores(
        scores, precision=1, recall=0.5, granularity=1, plagdet=2 / 3, micro_recall=2 / 3
    )


def test_overlapping_detections_do_not_double_count() -> None:
    # r1 = [0,60)x[0,60) and r2 = [40,100)x[40,100) overlap on [40,60) in both documents.
    # ⋃(s ⊓ r) = s, so recall is 200/200 = 1, not (120 + 120)/200. Both lie in s:
    # precision 1. Micro: |r1 ∪ r2| = 100 + 100 = 200 -> precision 1. gran = 2.
    scores = score([CASE], [_case(0, 60, 0, 60), _case(40, 100, 40, 100)])
    _assert_scores(scores, precision=1, recall=1, granularity=2, plagdet=1 / math.log2(3))


def test_overlapping_truth_cases_count_once_in_micro_recall() -> None:
    # s1 = [0,100)x[0,100), s2 = [50,150)x[50,150); r = s1 detects both.
    # Macro recall: s1 1, s2 (50 + 50)/200 = 0.5 -> 0.75. Micro: |s1 ∪ s2| = 150 + 150 = 300,
    # detected chars = s1 = 200 -> 2/3. Precision: r's 200 chars all lie in s1 -> 1.
    s2 = _case(50, 150, 50, 150)
    scores = score([CASE, s2], [CASE])
    _assert_scores(
        scores, precision=1, recall=0.75, granularity=1, plagdet=2 * 0.75 / 1.75, micro_recall=2 / 3
    )


def test_repeated_detection_counts_once() -> None:
    # R is a set: listing r twice is the same run as listing it once (granularity stays 1).
    assert score([CASE], [CASE, CASE]) == score([CASE], [CASE])


def test_lengths_do_not_matter_for_speed() -> None:
    # A case of two billion characters: interval arithmetic never touches the characters.
    huge = _case(0, 10**9, 0, 10**9)
    first_half = _case(0, 5 * 10**8, 0, 5 * 10**8)
    started = time.perf_counter()
    scores = score([huge], [first_half])
    assert time.perf_counter() - started < 1.0
    assert scores.macro_recall == pytest.approx(0.5)


# --- the examples of PAN's own perfmeasures unit tests (external annotations only) ----------

PAN_ANN1 = _case(0, 100, 0, 100)
PAN_ANN3 = _case(100, 200, 100, 200)
PAN_ANN4 = _case(0, 200, 0, 200)
PAN_ANN5 = _case(0, 1, 0, 1)
PAN_ANN6 = _case(99, 100, 99, 100)
PAN_ANN7 = _case(0, 100, 0, 100, source_doc="src2", suspicious_doc="susp2")
PAN_ANN9 = _case(50, 150, 50, 150, source_doc="src2", suspicious_doc="susp2")
PAN_ANN10 = _case(25, 100, 25, 100, source_doc="src2", suspicious_doc="susp2")


@pytest.mark.parametrize(
    ("truth", "detections", "recall"),
    [
        ([PAN_ANN1], [PAN_ANN1], 1.0),
        ([PAN_ANN1], [PAN_ANN3], 0.0),  # touching, not overlapping
        ([PAN_ANN1], [PAN_ANN4], 1.0),
        ([PAN_ANN1], [PAN_ANN4, PAN_ANN7], 1.0),
        ([PAN_ANN1], [PAN_ANN7, PAN_ANN9], 0.0),  # other document pair
        ([PAN_ANN7], [PAN_ANN9], 0.5),  # [50,100) twice: 100/200
        ([PAN_ANN7], [PAN_ANN10], 0.75),  # [25,100) twice: 150/200
        ([PAN_ANN7], [PAN_ANN9, PAN_ANN10], 0.75),  # union is still [25,100)
        ([PAN_ANN1, PAN_ANN7], [PAN_ANN1], 0.5),
    ],
)
def test_macro_recall_matches_pan_reference_examples(
    truth: list[Case], detections: list[Case], recall: float
) -> None:
    assert score(truth, detections).macro_recall == pytest.approx(recall)


@pytest.mark.parametrize(
    ("truth", "detections", "precision"),
    [
        ([PAN_ANN1], [PAN_ANN1], 1.0),
        ([PAN_ANN1, PAN_ANN7], [PAN_ANN1], 1.0),
        ([PAN_ANN1], [PAN_ANN4], 0.5),  # 200 of 400
        ([PAN_ANN7], [PAN_ANN10], 1.0),
        ([PAN_ANN7], [PAN_ANN9, PAN_ANN10], 0.75),  # (100/200 + 150/150) / 2
        ([PAN_ANN1], [PAN_ANN3, PAN_ANN4], 0.25),  # (0 + 200/400) / 2
    ],
)
def test_macro_precision_matches_pan_reference_examples(
    truth: list[Case], detections: list[Case], precision: float
) -> None:
    assert score(truth, detections).macro_precision == pytest.approx(precision)


@pytest.mark.parametrize(
    ("truth", "detections", "granularity"),
    [
        ([], [], 1.0),
        ([PAN_ANN1], [PAN_ANN3], 1.0),  # nothing detected
        ([PAN_ANN1], [PAN_ANN5, PAN_ANN3], 1.0),
        ([PAN_ANN1], [PAN_ANN5, PAN_ANN3, PAN_ANN4], 2.0),
        ([PAN_ANN1, PAN_ANN3], [PAN_ANN5, PAN_ANN4], 1.5),  # ann1 by 2, ann3 by 1
        ([PAN_ANN1], [PAN_ANN5, PAN_ANN6], 2.0),  # first and last character
    ],
)
def test_granularity_matches_pan_reference_examples(
    truth: list[Case], detections: list[Case], granularity: float
) -> None:
    assert score(truth, detections).granularity == pytest.approx(granularity)


@pytest.mark.parametrize(
    ("precision", "recall", "granularity", "expected"),
    [
        (0.0, 0.0, 1.0, 0.0),
        (1.0, 0.0, 1.0, 0.0),
        (1.0, 1.0, 1.0, 1.0),
        (1.0, 0.5, 1.0, 2 / 3),
        (1.0, 1.0, 2.0, 0.63092975),  # 1 / log2(3)
        (0.75, 0.25, 2.0, 0.23659865),  # (2*0.75*0.25/1.0) / log2(3)
    ],
)
def test_plagdet_score_matches_pan_reference_examples(
    precision: float, recall: float, granularity: float, expected: float
) -> None:
    assert plagdet_score(precision, recall, granularity) == pytest.approx(expected)


# --- empty sets: PAN's conventions ----------------------------------------------------------


def test_no_truth_and_no_detections_is_a_perfect_run() -> None:
    scores = score([], [])
    _assert_scores(scores, precision=1, recall=1, granularity=1, plagdet=1)
    assert scores.cases == scores.detections == 0


def test_no_detections_scores_zero_precision_and_recall() -> None:
    scores = score([CASE], [])
    _assert_scores(scores, precision=0, recall=0, granularity=1, plagdet=0)


def test_detections_without_truth_score_zero_precision_and_recall() -> None:
    scores = score([], [CASE])
    _assert_scores(scores, precision=0, recall=0, granularity=1, plagdet=0)


@pytest.mark.parametrize(
    "ranges",
    [(5, 5, 0, 10), (0, 10, 7, 7), (10, 5, 0, 10), (-1, 5, 0, 10), (0, 10, 3, 2)],
)
def test_empty_reversed_or_negative_ranges_are_rejected(ranges: tuple[int, int, int, int]) -> None:
    with pytest.raises(InvalidCaseError):
        _case(*ranges)
    with pytest.raises(ValueError):
        _case(*ranges)


# --- a real detector against a random one -------------------------------------------------


def _corpus(rng: np.random.Generator) -> list[Case]:
    """Three disjoint cases of 300-800 characters in each of 40 pairs of 20,000-char docs."""
    cases = []
    for pair in range(40):
        for slot in range(3):
            length = int(rng.integers(300, 800))
            source_start = int(rng.integers(0, 20_000 - length))
            suspicious_start = slot * 6_000 + int(rng.integers(0, 5_000))
            cases.append(
                Case(
                    f"source-{pair}",
                    source_start,
                    source_start + length,
                    f"suspicious-{pair}",
                    suspicious_start,
                    suspicious_start + length,
                )
            )
    return cases


def test_random_spans_score_far_below_a_real_detector() -> None:
    rng = np.random.default_rng(2010)
    truth = _corpus(rng)
    # A good detector: right places, boundaries off by up to 20 characters.
    good = []
    for case in truth:
        shift = rng.integers(-20, 21, size=4)
        good.append(
            replace(
                case,
                source_start=max(0, case.source_start + int(shift[0])),
                source_end=case.source_end + int(shift[1]),
                suspicious_start=max(0, case.suspicious_start + int(shift[2])),
                suspicious_end=case.suspicious_end + int(shift[3]),
            )
        )
    # A wrong detector: the right documents and lengths, random places.
    wrong = []
    for case in truth:
        length = case.source_end - case.source_start
        source_start = int(rng.integers(0, 20_000 - length))
        suspicious_start = int(rng.integers(0, 20_000 - length))
        wrong.append(
            replace(
                case,
                source_start=source_start,
                source_end=source_start + length,
                suspicious_start=suspicious_start,
                suspicious_end=suspicious_start + length,
            )
        )
    good_scores, wrong_scores = score(truth, good), score(truth, wrong)
    assert good_scores.plagdet > 0.9
    assert wrong_scores.plagdet < 0.1
    assert good_scores.plagdet - wrong_scores.plagdet > 0.8


# --- properties -------------------------------------------------------------------------


def _chars(case: Case) -> set[tuple[str, str, int]]:
    """The case as a literal character set, keyed by role and document."""
    return {("source", case.source_doc, i) for i in range(case.source_start, case.source_end)} | {
        ("suspicious", case.suspicious_doc, i)
        for i in range(case.suspicious_start, case.suspicious_end)
    }


def _detects(detection: Case, case: Case) -> bool:
    return (
        detection.source_doc == case.source_doc
        and detection.suspicious_doc == case.suspicious_doc
        and detection.source_start < case.source_end
        and case.source_start < detection.source_end
        and detection.suspicious_start < case.suspicious_end
        and case.suspicious_start < detection.suspicious_end
    )


def _reference_scores(truth: list[Case], detections: list[Case]) -> tuple[float, ...]:
    """The paper's formulas, literally, over per-character sets (slow; for small inputs)."""
    cases, found = list(dict.fromkeys(truth)), list(dict.fromkeys(detections))
    if not cases and not found:
        return (1.0, 1.0, 1.0, 1.0, 1.0)
    if not cases or not found:
        return (0.0, 0.0, 0.0, 0.0, 1.0)

    def meet(case: Case, detection: Case) -> set[tuple[str, str, int]]:
        return _chars(case) & _chars(detection) if _detects(detection, case) else set()

    macro_recall = sum(
        len(set().union(*(meet(s, r) for r in found))) / len(_chars(s)) for s in cases
    ) / len(cases)
    macro_precision = sum(
        len(set().union(*(meet(s, r) for s in cases))) / len(_chars(r)) for r in found
    ) / len(found)
    detected = len(set().union(*(meet(s, r) for s in cases for r in found)))
    micro_recall = detected / len(set().union(*(_chars(s) for s in cases)))
    micro_precision = detected / len(set().union(*(_chars(r) for r in found)))
    per_case = [sum(_detects(r, s) for r in found) for s in cases]
    hit = [n for n in per_case if n > 0]
    granularity = sum(hit) / len(hit) if hit else 1.0
    return (macro_precision, macro_recall, micro_precision, micro_recall, granularity)


@st.composite
def _cases(draw: st.DrawFn) -> Case:
    """Small cases over two source and two suspicious documents, so overlaps are common."""
    source_start = draw(st.integers(0, 60))
    suspicious_start = draw(st.integers(0, 60))
    return Case(
        draw(st.sampled_from(["s1", "s2"])),
        source_start,
        source_start + draw(st.integers(1, 30)),
        draw(st.sampled_from(["d1", "d2"])),
        suspicious_start,
        suspicious_start + draw(st.integers(1, 30)),
    )


@st.composite
def _disjoint_cases(draw: st.DrawFn) -> list[Case]:
    """Cases laid end to end in each suspicious document, as in a PAN corpus."""
    cursor = {"d1": 0, "d2": 0, "d3": 0}
    cases = []
    for _ in range(draw(st.integers(0, 12))):
        suspicious_doc = draw(st.sampled_from(sorted(cursor)))
        suspicious_start = cursor[suspicious_doc] + draw(st.integers(0, 50))
        suspicious_end = suspicious_start + draw(st.integers(1, 5_000))
        cursor[suspicious_doc] = suspicious_end
        source_start = draw(st.integers(0, 10_000))
        cases.append(
            Case(
                draw(st.sampled_from(["s1", "s2"])),
                source_start,
                source_start + draw(st.integers(1, 5_000)),
                suspicious_doc,
                suspicious_start,
                suspicious_end,
            )
        )
    return cases


_SMALL_SETS = st.lists(_cases(), max_size=6)


@given(_SMALL_SETS, _SMALL_SETS)
def test_scores_stay_in_range(truth: list[Case], detections: list[Case]) -> None:
    scores = score(truth, detections)
    for value in (
        scores.macro_precision,
        scores.macro_recall,
        scores.micro_precision,
        scores.micro_recall,
        scores.plagdet,
    ):
        assert 0.0 <= value <= 1.0
    assert 1.0 <= scores.granularity <= max(1, scores.detections)
    assert scores.detected_cases <= scores.cases
    assert scores.true_detections <= scores.detections


@settings(max_examples=200)
@given(_SMALL_SETS, _SMALL_SETS)
def test_interval_arithmetic_matches_the_formulas_over_character_sets(
    truth: list[Case], detections: list[Case]
) -> None:
    scores = score(truth, detections)
    got = (
        scores.macro_precision,
        scores.macro_recall,
        scores.micro_precision,
        scores.micro_recall,
        scores.granularity,
    )
    assert got == pytest.approx(_reference_scores(truth, detections))


@given(_SMALL_SETS, _SMALL_SETS)
def test_precision_is_recall_with_the_roles_swapped(
    truth: list[Case], detections: list[Case]
) -> None:
    forward, backward = score(truth, detections), score(detections, truth)
    assert forward.macro_precision == pytest.approx(backward.macro_recall)
    assert forward.micro_precision == pytest.approx(backward.micro_recall)


@given(_disjoint_cases(), st.randoms(use_true_random=False))
def test_perfect_detection_of_random_cases_scores_one(
    truth: list[Case], rng: random.Random
) -> None:
    detections = list(truth)
    rng.shuffle(detections)
    scores = score(truth, detections)
    _assert_scores(scores, precision=1, recall=1, granularity=1, plagdet=1)


@given(
    _SMALL_SETS,
    st.lists(_cases(), min_size=1, max_size=6),
    st.integers(0, 5),
    st.tuples(*(st.floats(0, 1) for _ in range(4))),
)
def test_shrinking_a_detection_never_raises_recall(
    truth: list[Case],
    detections: list[Case],
    which: int,
    cuts: tuple[float, float, float, float],
) -> None:
    index = which % len(detections)
    detection = detections[index]

    def shrink(start: int, end: int, left: float, right: float) -> tuple[int, int]:
        # Keep at least one character: [start + a, end - b) with a + b < end - start.
        room = end - start - 1
        cut_left = int(room * left)
        cut_right = int((room - cut_left) * right)
        return start + cut_left, end - cut_right

    source_start, source_end = shrink(
        detection.source_start, detection.source_end, cuts[0], cuts[1]
    )
    suspicious_start, suspicious_end = shrink(
        detection.suspicious_start, detection.suspicious_end, cuts[2], cuts[3]
    )
    shrunk = replace(
        detection,
        source_start=source_start,
        source_end=source_end,
        suspicious_start=suspicious_start,
        suspicious_end=suspicious_end,
    )
    before = score(truth, detections)
    after = score(truth, [*detections[:index], shrunk, *detections[index + 1 :]])
    assert after.macro_recall <= before.macro_recall + 1e-12
    assert after.micro_recall <= before.micro_recall + 1e-12


@given(_SMALL_SETS, _SMALL_SETS, _cases())
def test_adding_a_detection_never_lowers_recall(
    truth: list[Case], detections: list[Case], extra: Case
) -> None:
    before = score(truth, detections)
    after = score(truth, [*detections, extra])
    if detections:
        assert after.macro_recall >= before.macro_recall - 1e-12
        assert after.micro_recall >= before.micro_recall - 1e-12
