"""Reuse level on real writing: retold's containment on the Clough-Stevenson short answers.

The corpus (``clough-stevenson-short-answers``): 95 short answers by students to five
questions, each written to reuse a Wikipedia article at a given level (``cut``: copied and
pasted; ``light``: copied, then lightly edited; ``heavy``: rewritten; ``non``: written from
other sources), plus the five originals (``orig``). For each answer, A = the original of its
task and B = the answer, and the score is retold's ``similarity.b_in_a``: the share of the
answer's words (boilerplate excluded) found in the original.

Measures:

- mean (and standard deviation) of the score per category;
- ROC AUC of the score for reuse (``cut``, ``light``, ``heavy``) against ``non``, by the rank
  formula (Mann-Whitney U with average ranks for ties): the chance that a random reuse answer
  scores above a random ``non`` answer, ties counting one half;
- accuracy of a threshold rule, with thresholds chosen by **leave-one-out**: each answer is
  classified by thresholds fitted on the other 94 answers, so no answer grades its own rule.
  Binary: reuse iff score ≥ t, with t maximising training accuracy. Four-way: three ordered
  thresholds for ``non`` < ``heavy`` < ``light`` < ``cut`` (the order the corpus's levels imply)
  maximising training accuracy, found exactly by dynamic programming over the sorted scores.
  A threshold sits halfway between two neighbouring training scores; among equally accurate
  rules the one giving lower levels wins (deterministic, and no tuning on the held-out answer).

Texts mix cp1252 and UTF-8, so every file is read with ``retold.ingest.read_document``.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from retold.core import compare_documents
from retold.errors import RetoldError
from retold.ingest import read_document

__all__ = [
    "CLOUGH_DIR",
    "LEVELS",
    "REUSE_LEVELS",
    "ReuseAnswer",
    "ReuseScores",
    "fit_ordinal_thresholds",
    "leave_one_out_accuracy",
    "measure_answers",
    "roc_auc",
    "score_reuse",
]

CLOUGH_DIR = Path("clough-stevenson-short-answers") / "data"
LEVELS = ("non", "heavy", "light", "cut")
"""The answer categories from least to most reuse: the order the thresholds assume."""
REUSE_LEVELS = frozenset({"heavy", "light", "cut"})

_Floats = npt.NDArray[np.float64]
_Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class ReuseAnswer:
    """One answer, its category and retold's containment scores against its original."""

    file: str
    task: str
    category: str
    b_in_a: float
    """Share of the answer in the original: the score."""
    a_in_b: float
    passages: int


@dataclass(frozen=True, slots=True)
class ReuseScores:
    """Everything measured on the corpus."""

    answers: tuple[ReuseAnswer, ...]
    means: dict[str, tuple[int, float, float]]
    """category -> (answers, mean score, standard deviation)."""
    auc: float
    """ROC AUC of reuse (cut, light, heavy) against non."""
    binary_accuracy: float
    """Leave-one-out accuracy of the reuse/non threshold rule."""
    binary_threshold: float
    """The threshold fitted on all answers (for reading; not used to score)."""
    four_way_accuracy: float
    """Leave-one-out accuracy of the non/heavy/light/cut threshold rule."""
    four_way_thresholds: tuple[float, ...]
    """The three thresholds fitted on all answers (for reading; not used to score)."""
    four_way_confusion: dict[tuple[str, str], int]
    """(true category, leave-one-out prediction) -> answers."""


def measure_answers(data_dir: Path) -> list[ReuseAnswer]:
    """Compare every answer with its task's original; raises ``FileNotFoundError`` if absent."""
    folder = data_dir / CLOUGH_DIR
    with (folder / "file_information.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    originals = {
        row["Task"]: read_document(folder / row["File"])
        for row in rows
        if row["Category"] == "orig"
    }
    answers = []
    for row in rows:
        if row["Category"] == "orig":
            continue
        answer = read_document(folder / row["File"])
        try:
            comparison = compare_documents(originals[row["Task"]], answer)
        except RetoldError:  # pragma: no cover - the texts are all readable
            answers.append(ReuseAnswer(row["File"], row["Task"], row["Category"], 0.0, 0.0, 0))
            continue
        answers.append(
            ReuseAnswer(
                row["File"],
                row["Task"],
                row["Category"],
                comparison.similarity.b_in_a,
                comparison.similarity.a_in_b,
                len(comparison.passages),
            )
        )
    return answers


def score_reuse(answers: Sequence[ReuseAnswer]) -> ReuseScores:
    """Means per category, AUC and leave-one-out threshold accuracies (module docstring)."""
    scores = np.array([a.b_in_a for a in answers], dtype=np.float64)
    levels = np.array([LEVELS.index(a.category) for a in answers], dtype=np.int64)
    reuse = (levels > 0).astype(np.int64)
    means = {}
    for index, level in enumerate(LEVELS):
        chosen = scores[levels == index]
        if chosen.size:
            means[level] = (int(chosen.size), float(chosen.mean()), float(chosen.std()))
    four_way_predictions = _leave_one_out(scores, levels, len(LEVELS))
    confusion: dict[tuple[str, str], int] = {}
    for truth, predicted in zip(levels.tolist(), four_way_predictions.tolist(), strict=True):
        key = (LEVELS[truth], LEVELS[predicted])
        confusion[key] = confusion.get(key, 0) + 1
    return ReuseScores(
        answers=tuple(answers),
        means=means,
        auc=roc_auc(scores, reuse),
        binary_accuracy=leave_one_out_accuracy(scores, reuse, 2),
        binary_threshold=fit_ordinal_thresholds(scores, reuse, 2)[0],
        four_way_accuracy=float(np.mean(four_way_predictions == levels)),
        four_way_thresholds=tuple(fit_ordinal_thresholds(scores, levels, len(LEVELS))),
        four_way_confusion=confusion,
    )


def roc_auc(scores: _Floats, positive: _Ints) -> float:
    """ROC AUC by the rank formula: ``(R+ - n+(n+ + 1)/2) / (n+ n-)``, average ranks for ties.

    Raises ``ValueError`` when either class is empty (the AUC is undefined).
    """
    scores = np.asarray(scores, dtype=np.float64)
    is_positive = np.asarray(positive).astype(bool)
    n_positive = int(is_positive.sum())
    n_negative = int(is_positive.size - n_positive)
    if n_positive == 0 or n_negative == 0:
        raise ValueError("ROC AUC needs at least one positive and one negative")
    order = np.argsort(scores, kind="mergesort")
    sorted_scores = scores[order]
    ranks = np.empty(scores.size, dtype=np.float64)
    # Average rank (1-based) of each run of tied scores.
    _, first, counts = np.unique(sorted_scores, return_index=True, return_counts=True)
    average = first + (counts + 1) / 2.0
    ranks[order] = np.repeat(average, counts)
    rank_sum = float(ranks[is_positive].sum())
    return (rank_sum - n_positive * (n_positive + 1) / 2.0) / (n_positive * n_negative)


def fit_ordinal_thresholds(scores: _Floats, levels: _Ints, n_levels: int) -> list[float]:
    """``n_levels - 1`` ascending thresholds maximising the accuracy of ``level = #(t <= s)``.

    Exact, by dynamic programming over the distinct sorted scores: each run of equal scores
    gets one level, levels never decrease along the scores. A threshold sits halfway between
    the last score of one level and the first of the next; a level no score gets has its
    threshold at the neighbouring one's (below every score, or above every score, at the ends).
    Among equally accurate assignments the lower levels win, so the result is deterministic.
    """
    values, inverse = np.unique(np.asarray(scores, dtype=np.float64), return_inverse=True)
    counts = np.zeros((values.size, n_levels), dtype=np.int64)
    np.add.at(counts, (inverse, np.asarray(levels, dtype=np.int64)), 1)
    best = np.zeros((values.size, n_levels), dtype=np.int64)
    came_from = np.zeros((values.size, n_levels), dtype=np.int64)
    for block in range(values.size):
        for level in range(n_levels):
            if block == 0:
                best[block, level], came_from[block, level] = counts[block, level], level
                continue
            previous = best[block - 1, : level + 1]
            pick = int(np.argmax(previous))  # first maximum: the lowest level, deterministic
            best[block, level] = previous[pick] + counts[block, level]
            came_from[block, level] = pick
    assigned = np.zeros(values.size, dtype=np.int64)
    level = int(np.argmax(best[-1]))
    for block in range(values.size - 1, -1, -1):
        assigned[block] = level
        level = int(came_from[block, level]) if block > 0 else level
    low, high = float(values[0]) - 1.0, float(values[-1]) + 1.0
    thresholds = []
    for boundary in range(1, n_levels):
        above = np.flatnonzero(assigned >= boundary)
        if above.size == 0:
            thresholds.append(high)
        elif above[0] == 0:
            thresholds.append(low)
        else:
            thresholds.append(float(values[above[0] - 1] + values[above[0]]) / 2.0)
    return thresholds


def _classify(scores: _Floats, thresholds: Sequence[float]) -> _Ints:
    return np.searchsorted(np.asarray(thresholds), scores, side="right").astype(np.int64)


def _leave_one_out(scores: _Floats, levels: _Ints, n_levels: int) -> _Ints:
    predictions = np.zeros(scores.size, dtype=np.int64)
    for held_out in range(scores.size):
        keep = np.arange(scores.size) != held_out
        thresholds = fit_ordinal_thresholds(scores[keep], levels[keep], n_levels)
        predictions[held_out] = _classify(scores[held_out : held_out + 1], thresholds)[0]
    return predictions


def leave_one_out_accuracy(scores: _Floats, levels: _Ints, n_levels: int) -> float:
    """Accuracy of the threshold rule when each item is classified by the others' thresholds."""
    scores = np.asarray(scores, dtype=np.float64)
    levels = np.asarray(levels, dtype=np.int64)
    return float(np.mean(_leave_one_out(scores, levels, n_levels) == levels))
