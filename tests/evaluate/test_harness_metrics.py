"""The harness's own arithmetic, on cases worked out by hand: the extraction benchmark's
shingle metric, the ROC AUC rank formula, the threshold rules, and the change-matching rule."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from retold.evaluate.accuracy_changes import match_changes
from retold.evaluate.accuracy_extraction import benchmark_metrics, page_counts, shingles
from retold.evaluate.accuracy_reuse import (
    fit_ordinal_thresholds,
    leave_one_out_accuracy,
    roc_auc,
)
from retold.evaluate.synthetic_pairs import TrueEdit
from retold.records import Category, Change, ChangeKind

# --- the article-extraction benchmark's metric -----------------------------------------------


def test_shingles_are_case_sensitive_word_four_grams() -> None:
    assert shingles("The cat sat on the mat") == {
        ("The", "cat", "sat", "on"): 1,
        ("cat", "sat", "on", "the"): 1,
        ("sat", "on", "the", "mat"): 1,
    }
    # Fewer than four tokens: one shorter shingle; no token: none.
    assert shingles("Hello, world!") == {("Hello", "world"): 1}
    assert shingles("") == {}
    assert shingles("...") == {}


def test_page_counts_identical_and_disjoint() -> None:
    text = "one two three four five six"
    assert page_counts(text, text) == (1.0, 0.0, 0.0)
    assert page_counts(text, "") == (0.0, 0.0, 1.0)
    assert page_counts("", text) == (0.0, 1.0, 0.0)
    # Case matters, as in the benchmark: nothing of "ONE two three four" matches.
    assert page_counts("one two three four", "ONE two three four") == (0.0, 0.5, 0.5)


def test_page_counts_normalise_by_all_shingles() -> None:
    # Truth has 3 shingles; the prediction has the first two and one extra: tp 2, fp 1, fn 1.
    tp, fp, fn = page_counts("a b c d e f", "a b c d e x")
    assert (tp, fp, fn) == pytest.approx((2 / 4, 1 / 4, 1 / 4))


def test_benchmark_metrics_average_over_pages_then_f1() -> None:
    perfect = (1.0, 0.0, 0.0)
    half = (0.5, 0.5, 0.0)  # precision 0.5, recall 1
    empty = (0.0, 0.0, 1.0)  # nothing extracted: no precision, recall 0
    precision, recall, f1 = benchmark_metrics([perfect, half, empty])
    assert precision == pytest.approx((1 + 0.5) / 2)  # the empty page has no precision
    assert recall == pytest.approx((1 + 1 + 0) / 3)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))


# --- ROC AUC and thresholds -------------------------------------------------------------------


def _brute_auc(scores: list[float], labels: list[int]) -> float:
    wins = 0.0
    pairs = 0
    for (s_pos, l_pos), (s_neg, l_neg) in itertools.product(
        zip(scores, labels, strict=True), repeat=2
    ):
        if l_pos == 1 and l_neg == 0:
            pairs += 1
            wins += 1.0 if s_pos > s_neg else 0.5 if s_pos == s_neg else 0.0
    return wins / pairs


def test_roc_auc_hand_cases() -> None:
    assert roc_auc(np.array([0.1, 0.2, 0.8, 0.9]), np.array([0, 0, 1, 1])) == 1.0
    assert roc_auc(np.array([0.9, 0.8, 0.2, 0.1]), np.array([0, 0, 1, 1])) == 0.0
    assert roc_auc(np.array([0.5, 0.5, 0.5, 0.5]), np.array([0, 1, 0, 1])) == 0.5
    with pytest.raises(ValueError):
        roc_auc(np.array([0.1, 0.2]), np.array([1, 1]))


def test_roc_auc_matches_pairwise_counting_with_ties() -> None:
    rng = random.Random(7)
    for _ in range(50):
        n = rng.randint(2, 30)
        scores = [rng.choice([0.0, 0.1, 0.5, 0.5, 0.9, 1.0]) for _ in range(n)]
        labels = [rng.randint(0, 1) for _ in range(n)]
        if len(set(labels)) < 2:
            continue
        assert roc_auc(np.array(scores), np.array(labels)) == pytest.approx(
            _brute_auc(scores, labels)
        )


def test_ordinal_thresholds_separate_separable_levels() -> None:
    scores = np.array([0.0, 0.05, 0.3, 0.35, 0.6, 0.62, 0.9, 1.0])
    levels = np.array([0, 0, 1, 1, 2, 2, 3, 3])
    thresholds = fit_ordinal_thresholds(scores, levels, 4)
    assert thresholds == pytest.approx([0.175, 0.475, 0.76])
    assert leave_one_out_accuracy(scores, levels, 4) == 1.0


def test_ordinal_thresholds_are_optimal_by_brute_force() -> None:
    rng = random.Random(3)
    for _ in range(30):
        n = rng.randint(3, 12)
        scores = np.array([rng.choice([0.0, 0.2, 0.4, 0.6, 0.8]) for _ in range(n)])
        levels = np.array([rng.randint(0, 2) for _ in range(n)])
        fitted = fit_ordinal_thresholds(scores, levels, 3)
        accuracy = np.mean(np.searchsorted(fitted, scores, side="right") == levels)
        candidates = [-1.0, 0.1, 0.3, 0.5, 0.7, 2.0]
        best = max(
            np.mean(np.searchsorted([low, high], scores, side="right") == levels)
            for low, high in itertools.combinations_with_replacement(candidates, 2)
        )
        assert accuracy == pytest.approx(best)


def test_leave_one_out_does_not_let_an_item_grade_itself() -> None:
    # On all data one threshold separates the levels perfectly; held out, the only level-1
    # item leaves no level-1 example to fit on, and it is classified 0: accuracy 3/4, not 1.
    scores = np.array([0.1, 0.2, 0.3, 0.9])
    levels = np.array([0, 0, 0, 1])
    assert fit_ordinal_thresholds(scores, levels, 2) == pytest.approx([0.6])
    assert leave_one_out_accuracy(scores, levels, 2) == 0.75


# --- the change-matching rule -----------------------------------------------------------------


def _edit(kind: ChangeKind, a: tuple[int, int], b: tuple[int, int]) -> TrueEdit:
    return TrueEdit(kind, Category.CONTENT, a[0], a[1], b[0], b[1])


def _change(kind: ChangeKind, a: tuple[int, int], b: tuple[int, int]) -> Change:
    return Change(kind, Category.CONTENT, a[0], a[1], b[0], b[1], "x", "y")


def test_match_needs_the_same_kind() -> None:
    edit = _edit(ChangeKind.OMITTED, (10, 20), (5, 5))
    assert match_changes([edit], [_change(ChangeKind.ADDED, (10, 10), (5, 15))]) == [None]
    assert match_changes([edit], [_change(ChangeKind.OMITTED, (10, 20), (5, 5))]) == [0]


def test_match_needs_half_of_both_spans() -> None:
    edit = _edit(ChangeKind.OMITTED, (0, 100), (0, 0))
    # Exactly half of the edit, all of the report: a match.
    assert match_changes([edit], [_change(ChangeKind.OMITTED, (0, 50), (0, 0))]) == [0]
    # Under half of the edit: a fragment, no match.
    assert match_changes([edit], [_change(ChangeKind.OMITTED, (0, 49), (0, 0))]) == [None]
    # All of the edit, but the report is more than twice as long: no match.
    assert match_changes([edit], [_change(ChangeKind.OMITTED, (0, 201), (0, 0))]) == [None]
    assert match_changes([edit], [_change(ChangeKind.OMITTED, (0, 200), (0, 0))]) == [0]


def test_substitutions_count_both_sides() -> None:
    edit = _edit(ChangeKind.SUBSTITUTED, (0, 10), (0, 10))
    # A side exact, B side off: 10 of 20 characters, half: a match.
    assert match_changes([edit], [_change(ChangeKind.SUBSTITUTED, (0, 10), (30, 40))]) == [0]
    assert match_changes([edit], [_change(ChangeKind.SUBSTITUTED, (1, 10), (30, 40))]) == [None]


def test_matching_is_one_to_one_and_prefers_larger_overlap() -> None:
    edits = [
        _edit(ChangeKind.ADDED, (0, 0), (0, 10)),
        _edit(ChangeKind.ADDED, (0, 0), (0, 12)),
    ]
    changes = [_change(ChangeKind.ADDED, (0, 0), (0, 12))]
    # The one report can match only one edit: the one it overlaps most.
    assert match_changes(edits, changes) == [None, 0]
