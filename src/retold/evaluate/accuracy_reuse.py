"""Reuse level on real writing: retold's comparison output on the Clough-Stevenson short answers.

The corpus (``clough-stevenson-short-answers``): 95 short answers by students to five
questions, each written to reuse a Wikipedia article at a given level (``cut``: copied and
pasted; ``light``: copied, then lightly edited; ``heavy``: rewritten; ``non``: written from
other sources), plus the five originals (``orig``). For each answer, A = the original of its
task and B = the answer, and everything measured comes from ``compare_documents(A, B)``.

Features of one answer (``ReuseFeatures``), all from retold's own output, shares of the
answer's words unless said otherwise:

- ``exact``: ``similarity.b_in_a``, the share (boilerplate excluded) found in the original;
- ``covered``: inside an exact passage or a rewritten/edited one (``Comparison.rewritten``);
- ``rewritten``: inside a rewritten/edited passage and no exact passage, what only the
  sentence-level paraphrase stage found;
- ``longest``: inside the longest exact passage (a copy keeps long runs);
- ``fragmentation``: exact passages per 100 answer words (a rewrite leaves several short ones,
  a copy a few long ones; a passage may hold small edits, so swapped words do not split it);
- ``similarity``: mean similarity of the rewritten/edited passages, 0 when there are none;
- ``edits``: word substitutions inside exact passages (``ChangeKind.SUBSTITUTED``, not
  ``Category.COSMETIC``) per 100 answer words: a light edit swaps words inside copied runs, a
  cut-and-paste does not. A cosmetic substitution (punctuation, case, a bullet's "*") is not a
  changed word: a pasted answer whose list lost its markup is still pasted.

Measures:

- mean (and standard deviation) of ``exact`` per category, and the mean of every feature;
- ROC AUC of each feature, as a single score, for reuse (``cut``, ``light``, ``heavy``) against
  ``non``, by the rank formula (Mann-Whitney U with average ranks for ties): the chance that a
  random reuse answer scores above a random ``non`` answer, ties counting one half;
- accuracy of a threshold rule on ``exact``, with thresholds chosen by **leave-one-out**: each
  answer is classified by thresholds fitted on the other 94 answers, so no answer grades its
  own rule. Binary: reuse iff score ≥ t, with t maximising training accuracy. Four-way: three
  ordered thresholds for ``non`` < ``heavy`` < ``light`` < ``cut`` (the order the corpus's levels
  imply) maximising training accuracy, found exactly by dynamic programming over the sorted
  scores. A threshold sits halfway between two neighbouring training scores; among equally
  accurate rules the one giving lower levels wins (deterministic, no tuning on the held-out
  answer);
- four-way leave-one-out accuracy of each of the ``FEATURE_SETS``, all reported, so that the
  reader can weigh picking the best of seven: ordinal thresholds on one score, or a
  multinomial logistic regression (``fit_logistic``) whose standardisation and weights are
  fitted on the other 94 answers only. Its L2 penalty is fixed at 1 (scikit-learn's default
  ``C=1``), not tuned. The first five sets were declared before any was scored; ``edits`` and
  the two sets using it were added after those five had been scored (best 0.726, light
  answers mostly taken for cut) and after reading the per-answer changes, so their figures
  carry that selection. ``edits`` counted cosmetic substitutions too until the misclassified
  answers were read (a ``cut`` answer, one exact passage of all its 301 words, had 2.98
  "edits": its punctuation and list bullets); counting word substitutions only, as the feature
  was defined, raised the seven-feature set from 0.779 to 0.800, a figure that carries this
  reading as well.

Known limits: two ``cut`` answers copy parts of a Wikipedia article outside the task's original
(one on information retrieval, one on later sections of PageRank's) and one ``heavy`` answer
shares nothing that retold finds. Every feature of these three is 0, as for 33 of the 38
``non`` answers, so any score computed from the features ties them with those 33: its
reuse-vs-non AUC is at most ``1 - 3 × 33 / 2 / (57 × 38) ≈ 0.977`` on this corpus (measured
with retold at the commit that added the features; the paraphrase stage may find more later).

Texts mix cp1252 and UTF-8, so every file is read with ``retold.ingest.read_document``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from retold.config import CompareConfig
from retold.core import compare_documents
from retold.errors import RetoldError
from retold.ingest import read_document
from retold.records import Category, ChangeKind, Comparison, Passage
from retold.tokens import tokenize

__all__ = [
    "AUC_GOAL",
    "CLOUGH_DIR",
    "FEATURE_NAMES",
    "FEATURE_SETS",
    "FOUR_WAY_GOAL",
    "LEVELS",
    "REUSE_LEVELS",
    "FeatureSet",
    "FeatureSetScore",
    "LogisticModel",
    "ReuseAnswer",
    "ReuseFeatures",
    "ReuseScores",
    "auc_ceiling",
    "fit_logistic",
    "fit_ordinal_thresholds",
    "leave_one_out",
    "leave_one_out_accuracy",
    "measure_answers",
    "reuse_features",
    "roc_auc",
    "score_reuse",
]

CLOUGH_DIR = Path("clough-stevenson-short-answers") / "data"
LEVELS = ("non", "heavy", "light", "cut")
"""The answer categories from least to most reuse: the order the thresholds assume."""
REUSE_LEVELS = frozenset({"heavy", "light", "cut"})
FOUR_WAY_GOAL = 0.80
"""Issue 11: four-way leave-one-out accuracy to reach (the corpus's authors report 0.6-0.8)."""
AUC_GOAL = 0.98
"""Issue 11: ROC AUC of reuse against non to reach."""

_Floats = npt.NDArray[np.float64]
_Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class ReuseFeatures:
    """What retold's comparison says about one answer (module docstring: what each means)."""

    exact: float
    covered: float
    rewritten: float
    longest: float
    fragmentation: float
    similarity: float
    edits: float


FEATURE_NAMES = tuple(field.name for field in fields(ReuseFeatures))
"""The features in ``ReuseFeatures`` order: the columns of every feature table."""


@dataclass(frozen=True, slots=True)
class ReuseAnswer:
    """One answer, its category and retold's comparison of it with its original."""

    file: str
    task: str
    category: str
    b_in_a: float
    """Share of the answer in the original: the single score of the threshold rules."""
    a_in_b: float
    passages: int
    features: ReuseFeatures


@dataclass(frozen=True, slots=True)
class FeatureSet:
    """Features and the model that classifies answers from them."""

    name: str
    features: tuple[str, ...]
    model: str
    """``thresholds`` (one feature, ordinal thresholds) or ``logistic`` (``fit_logistic``)."""
    added_later: bool = False
    """Declared after the first sets had been scored (module docstring)."""


FEATURE_SETS = (
    FeatureSet("exact containment (the earlier rule)", ("exact",), "thresholds"),
    FeatureSet("containment with rewritten passages", ("covered",), "thresholds"),
    FeatureSet("both containments", ("exact", "covered"), "logistic"),
    FeatureSet(
        "containments and passage shape",
        ("exact", "covered", "longest", "fragmentation"),
        "logistic",
    ),
    FeatureSet("the six features above", FEATURE_NAMES[:6], "logistic"),
    FeatureSet("containments and edits", ("exact", "covered", "edits"), "logistic", True),
    FeatureSet("all seven features", FEATURE_NAMES, "logistic", True),
)
"""Every feature set tried, in the order they were declared; the report shows every one."""


@dataclass(frozen=True, slots=True)
class FeatureSetScore:
    """One feature set's four-way leave-one-out result."""

    feature_set: FeatureSet
    accuracy: float
    confusion: dict[tuple[str, str], int]
    """(true category, leave-one-out prediction) -> answers."""


@dataclass(frozen=True, slots=True)
class ReuseScores:
    """Everything measured on the corpus."""

    answers: tuple[ReuseAnswer, ...]
    means: dict[str, tuple[int, float, float]]
    """category -> (answers, mean score, standard deviation)."""
    feature_means: dict[str, ReuseFeatures]
    """category -> the mean of each feature."""
    auc: float
    """ROC AUC of reuse (cut, light, heavy) against non, score ``b_in_a``."""
    feature_auc: dict[str, float]
    """feature -> ROC AUC of reuse against non with that feature as the score."""
    binary_accuracy: float
    """Leave-one-out accuracy of the reuse/non threshold rule."""
    binary_threshold: float
    """The threshold fitted on all answers (for reading; not used to score)."""
    four_way_accuracy: float
    """Leave-one-out accuracy of the non/heavy/light/cut threshold rule on ``b_in_a``."""
    four_way_thresholds: tuple[float, ...]
    """The three thresholds fitted on all answers (for reading; not used to score)."""
    four_way_confusion: dict[tuple[str, str], int]
    """(true category, leave-one-out prediction) -> answers, for ``b_in_a``'s thresholds."""
    feature_sets: tuple[FeatureSetScore, ...]
    """Every one of ``FEATURE_SETS``, in order."""

    @property
    def best(self) -> FeatureSetScore:
        """The most accurate feature set (the earlier one on a tie)."""
        return max(self.feature_sets, key=lambda score: score.accuracy)

    @property
    def best_feature(self) -> str:
        """The feature with the highest AUC as a single score (the earlier one on a tie)."""
        return max(self.feature_auc, key=lambda name: self.feature_auc[name])


# --- Measuring -----------------------------------------------------------------------------------


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
        identity = (row["File"], row["Task"], row["Category"])
        try:
            comparison = compare_documents(
                originals[row["Task"]], answer, config=CompareConfig(story=False)
            )
        except RetoldError:  # pragma: no cover - the texts are all readable
            answers.append(ReuseAnswer(*identity, 0.0, 0.0, 0, ReuseFeatures(0, 0, 0, 0, 0, 0, 0)))
            continue
        answers.append(
            ReuseAnswer(
                *identity,
                comparison.similarity.b_in_a,
                comparison.similarity.a_in_b,
                len(comparison.passages),
                reuse_features(comparison),
            )
        )
    return answers


def reuse_features(comparison: Comparison) -> ReuseFeatures:
    """The features of B (the answer) against A (its original); module docstring for each.

    Words are retold's tokens of B; a word is inside a passage when it starts in the passage's
    B range. An empty answer has every feature 0.
    """
    starts = np.asarray(tokenize(comparison.b.text).starts, dtype=np.int64)
    if starts.size == 0:
        return ReuseFeatures(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)

    def inside(passages: Sequence[Passage]) -> npt.NDArray[np.bool_]:
        mask = np.zeros(starts.size, dtype=bool)
        for passage in passages:
            mask |= (starts >= passage.b_start) & (starts < passage.b_end)
        return mask

    exact = inside(comparison.passages)
    rewritten = inside(comparison.rewritten)
    longest = max((int(inside([p]).sum()) for p in comparison.passages), default=0)
    similarities = [p.similarity for p in comparison.rewritten if p.similarity is not None]
    edits = sum(
        1
        for change in comparison.changes
        if change.kind is ChangeKind.SUBSTITUTED and change.category is not Category.COSMETIC
    )
    return ReuseFeatures(
        exact=comparison.similarity.b_in_a,
        covered=float(np.mean(exact | rewritten)),
        rewritten=float(np.mean(rewritten & ~exact)),
        longest=longest / starts.size,
        fragmentation=100.0 * len(comparison.passages) / starts.size,
        similarity=float(np.mean(similarities)) if similarities else 0.0,
        edits=100.0 * edits / starts.size,
    )


# --- Scoring -------------------------------------------------------------------------------------


def score_reuse(answers: Sequence[ReuseAnswer]) -> ReuseScores:
    """Means per category, AUCs and leave-one-out accuracies (module docstring)."""
    scores = np.array([a.b_in_a for a in answers], dtype=np.float64)
    table = np.array([astuple(a.features) for a in answers], dtype=np.float64).reshape(
        len(answers), len(FEATURE_NAMES)
    )
    levels = np.array([LEVELS.index(a.category) for a in answers], dtype=np.int64)
    reuse = (levels > 0).astype(np.int64)
    four_way = _threshold_predictions(scores, levels, len(LEVELS))
    means = {}
    feature_means = {}
    for index, level in enumerate(LEVELS):
        chosen = levels == index
        if chosen.any():
            picked = scores[chosen]
            means[level] = (int(picked.size), float(picked.mean()), float(picked.std()))
            feature_means[level] = ReuseFeatures(*map(float, table[chosen].mean(axis=0)))
    return ReuseScores(
        answers=tuple(answers),
        means=means,
        feature_means=feature_means,
        auc=roc_auc(scores, reuse),
        feature_auc={
            name: roc_auc(table[:, column], reuse) for column, name in enumerate(FEATURE_NAMES)
        },
        binary_accuracy=leave_one_out_accuracy(scores, reuse, 2),
        binary_threshold=fit_ordinal_thresholds(scores, reuse, 2)[0],
        four_way_accuracy=float(np.mean(four_way == levels)),
        four_way_thresholds=tuple(fit_ordinal_thresholds(scores, levels, len(LEVELS))),
        four_way_confusion=_confusion(levels, four_way),
        feature_sets=tuple(
            _score_feature_set(feature_set, table, levels) for feature_set in FEATURE_SETS
        ),
    )


def _score_feature_set(feature_set: FeatureSet, table: _Floats, levels: _Ints) -> FeatureSetScore:
    columns = [FEATURE_NAMES.index(name) for name in feature_set.features]
    if feature_set.model == "thresholds":
        (column,) = columns
        predictions = _threshold_predictions(table[:, column], levels, len(LEVELS))
    else:
        predictions = leave_one_out(
            table[:, columns],
            levels,
            lambda x, y: fit_logistic(x, y, len(LEVELS)),
            lambda model, x: model.predict(x),
        )
    return FeatureSetScore(
        feature_set, float(np.mean(predictions == levels)), _confusion(levels, predictions)
    )


def _confusion(levels: _Ints, predictions: _Ints) -> dict[tuple[str, str], int]:
    confusion: dict[tuple[str, str], int] = {}
    for truth, predicted in zip(levels.tolist(), predictions.tolist(), strict=True):
        key = (LEVELS[truth], LEVELS[predicted])
        confusion[key] = confusion.get(key, 0) + 1
    return confusion


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


def auc_ceiling(answers: Sequence[ReuseAnswer]) -> float:
    """The highest reuse-vs-non ROC AUC any score computed from the comparisons can reach.

    An answer whose comparison with its original is empty (no exact and no rewritten passage:
    ``covered`` is 0) gives every such score the same value, so a reuse answer with an empty
    comparison ties at best with each non answer that has one too (half a correct ordering
    each), and everything else is ordered perfectly.
    """
    empty_reuse = sum(1 for a in answers if a.category in REUSE_LEVELS and a.features.covered == 0)
    empty_non = sum(1 for a in answers if a.category == "non" and a.features.covered == 0)
    reuse = sum(1 for a in answers if a.category in REUSE_LEVELS)
    non = len(answers) - reuse
    if reuse == 0 or non == 0:
        raise ValueError("ROC AUC needs at least one positive and one negative")
    return 1.0 - empty_reuse * empty_non / (2.0 * reuse * non)


# --- Leave-one-out -------------------------------------------------------------------------------


def leave_one_out(
    x: npt.NDArray[Any],
    levels: _Ints,
    fit: Callable[[npt.NDArray[Any], _Ints], Any],
    predict: Callable[[Any, npt.NDArray[Any]], _Ints],
) -> _Ints:
    """Each item's prediction by a model fitted on every other item (rows of ``x``).

    ``fit(x_train, levels_train)`` returns a model, ``predict(model, x_rows)`` its levels. The
    held-out row is never passed to ``fit``: everything fitted (weights, thresholds, means for
    standardising) comes from the others, so no item grades its own rule.
    """
    x = np.asarray(x)
    levels = np.asarray(levels, dtype=np.int64)
    predictions = np.zeros(len(x), dtype=np.int64)
    for held_out in range(len(x)):
        keep = np.arange(len(x)) != held_out
        model = fit(x[keep], levels[keep])
        predictions[held_out] = predict(model, x[held_out : held_out + 1])[0]
    return predictions


def _threshold_predictions(scores: _Floats, levels: _Ints, n_levels: int) -> _Ints:
    return leave_one_out(
        np.asarray(scores, dtype=np.float64),
        levels,
        lambda x, y: fit_ordinal_thresholds(x, y, n_levels),
        _classify,
    )


def leave_one_out_accuracy(scores: _Floats, levels: _Ints, n_levels: int) -> float:
    """Accuracy of the threshold rule when each item is classified by the others' thresholds."""
    levels = np.asarray(levels, dtype=np.int64)
    return float(np.mean(_threshold_predictions(scores, levels, n_levels) == levels))


# --- Ordinal thresholds --------------------------------------------------------------------------


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


def _classify(thresholds: Sequence[float], scores: _Floats) -> _Ints:
    return np.searchsorted(np.asarray(thresholds), scores, side="right").astype(np.int64)


# --- Multinomial logistic regression -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LogisticModel:
    """A fitted multinomial logistic regression on standardised features."""

    mean: _Floats
    """Per feature: the training mean, subtracted before scaling."""
    scale: _Floats
    """Per feature: the training standard deviation (1 where it is 0), divided by."""
    weights: _Floats
    """(1 + features) × levels: the intercepts in row 0."""

    def probabilities(self, x: _Floats) -> _Floats:
        """Each row's probability of each level."""
        return _softmax(_design(x, self.mean, self.scale) @ self.weights)

    def predict(self, x: _Floats) -> _Ints:
        """Each row's most probable level (the lower level on a tie)."""
        levels: _Ints = np.argmax(self.probabilities(x), axis=1).astype(np.int64)
        return levels


_INTERCEPT_PENALTY = 1e-6
"""Softmax is unchanged when every level's intercept moves by the same amount; this tiny
penalty picks the one solution (intercepts summing to zero) and keeps Newton's system regular."""


def fit_logistic(
    x: _Floats, levels: _Ints, n_levels: int, *, penalty: float = 1.0
) -> LogisticModel:
    """Multinomial logistic regression minimising log-loss + ``penalty``/2 × the squared weights.

    Features are standardised by the training rows' mean and standard deviation, so one penalty
    means the same for every feature. The objective is strictly convex; Newton's method with
    step halving finds its minimum to machine precision in a few steps, deterministically. A
    level with no training row gets no weight towards it and is (almost) never predicted.
    """
    x = np.asarray(x, dtype=np.float64).reshape(len(levels), -1)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    design = _design(x, mean, scale)
    targets = np.eye(n_levels)[np.asarray(levels, dtype=np.int64)]
    ridge = np.full(design.shape[1], penalty)
    ridge[0] = _INTERCEPT_PENALTY
    ridge_flat = np.repeat(ridge, n_levels)

    def objective(weights: _Floats) -> float:
        logits = design @ weights
        top = logits.max(axis=1, keepdims=True)
        log_norm = top[:, 0] + np.log(np.exp(logits - top).sum(axis=1))
        loss = float(np.sum(log_norm - np.sum(targets * logits, axis=1)))
        return loss + 0.5 * float(np.sum(ridge[:, None] * weights**2))

    weights = np.zeros((design.shape[1], n_levels))
    current = objective(weights)
    for _ in range(_NEWTON_STEPS):
        probabilities = _softmax(design @ weights)
        gradient = design.T @ (probabilities - targets) + ridge[:, None] * weights
        # Hessian over (feature, level) pairs: sum_i x_ij x_il (diag(p_i) - p_i p_i^T)_km.
        curvature = np.einsum("ik,km->ikm", probabilities, np.eye(n_levels)) - np.einsum(
            "ik,im->ikm", probabilities, probabilities
        )
        hessian = np.einsum("ij,il,ikm->jklm", design, design, curvature).reshape(
            gradient.size, gradient.size
        ) + np.diag(ridge_flat)
        step = np.linalg.solve(hessian, gradient.ravel()).reshape(weights.shape)
        size = 1.0
        while objective(weights - size * step) > current and size > 1e-10:
            size /= 2.0
        weights = weights - size * step
        previous, current = current, objective(weights)
        if previous - current <= 1e-12 * max(1.0, abs(current)):
            break
    return LogisticModel(mean, scale, weights)


_NEWTON_STEPS = 100
"""More than enough: a handful of steps converge on the corpus's 94 training answers."""


def _design(x: _Floats, mean: _Floats, scale: _Floats) -> _Floats:
    """Standardised features with a leading column of ones (the intercept)."""
    z = (np.asarray(x, dtype=np.float64).reshape(-1, mean.size) - mean) / scale
    return np.hstack([np.ones((z.shape[0], 1)), z])


def _softmax(logits: _Floats) -> _Floats:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    probabilities: _Floats = shifted / shifted.sum(axis=1, keepdims=True)
    return probabilities
