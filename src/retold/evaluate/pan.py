"""PAN text-alignment measures: precision, recall, granularity and plagdet.

These are the measures of Potthast, Stein, Barrón-Cedeño and Rosso, "An Evaluation Framework
for Plagiarism Detection" (COLING 2010), as used by the PAN 2013-2014 text-alignment task. They
let retold's passage finder be scored against a corpus with known reuse in the same terms as the
published PAN results, so a number here can be compared with a number there.

A ``Case`` is a reuse case: a character range in a source document and one in a suspicious
(derived) document. Truth cases ``S`` and detections ``R`` are both cases, and each is read as
the set of characters it covers in the two documents. Then:

- ``r`` *detects* ``s`` iff both are for the same document pair and ``r`` overlaps ``s`` in the
  source document *and* in the suspicious document;
- ``s ⊓ r`` is ``s ∩ r`` when ``r`` detects ``s``, else the empty set;
- macro recall    ``rec(S, R)  = 1/|S| Σ_{s∈S} |⋃_{r∈R} (s ⊓ r)| / |s|``;
- macro precision ``prec(S, R) = 1/|R| Σ_{r∈R} |⋃_{s∈S} (s ⊓ r)| / |r|``;
- micro recall    ``|⋃_{(s,r)∈S×R} (s ⊓ r)| / |⋃_{s∈S} s|``;
- micro precision ``|⋃_{(s,r)∈S×R} (s ⊓ r)| / |⋃_{r∈R} r|``;
- granularity ``gran(S, R) = 1/|S_R| Σ_{s∈S_R} |R_s|``, where ``S_R`` are the cases detected by
  at least one detection and ``R_s`` the detections that detect ``s``; 1 when ``S_R`` is empty;
- ``plagdet = F1(prec, rec) / log2(1 + gran)`` on the macro measures, with ``F1(0, 0) = 0``.

Conventions, all taken from PAN's own ``pan13-text-alignment-perfmeasures.py`` so that scores
match the published ones:

- ``S`` and ``R`` are *sets*: a case listed twice counts once (PAN reads annotations into a
  ``set``), so a detector cannot inflate granularity or dilute precision with exact repeats.
- No truth and no detections: every measure is 1 (nothing to find, nothing wrongly found).
- Truth but no detections, or detections but no truth: macro and micro precision *and* recall
  are 0. Where the formula is defined (recall with ``R = ∅``, precision with ``S = ∅``) it gives
  0 anyway; where it divides by zero (precision with ``R = ∅``, recall with ``S = ∅``) PAN
  defines 0, since the run either found nothing or found only noise.
- A character belongs to a document *in a role*: the source side and the suspicious side are
  counted separately (PAN sums a source count keyed by source document and a suspicious count
  keyed by suspicious document), so ``|s|`` is always source length plus suspicious length,
  even when one article is the source of one pair and the derived text of another.

Everything is interval arithmetic over numpy arrays (sort, running maximum, sum of the
uncovered tails), never per-character sets: cost grows with the number of cases and of
detecting pairs, not with their lengths.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from retold.errors import RetoldError

__all__ = ["Case", "InvalidCaseError", "PanScores", "plagdet_score", "score"]

_Ints = npt.NDArray[np.int64]

_MAX_CELLS = 1 << 22
"""Largest case-by-detection overlap matrix built at once; bounds memory for crowded pairs."""


class InvalidCaseError(RetoldError, ValueError):
    """A case whose ranges are negative, reversed or empty."""


@dataclass(frozen=True, slots=True)
class Case:
    """One reuse case or detection: a source range and a suspicious range, end exclusive.

    Both ranges must be non-empty: an empty range overlaps nothing, and a case of no characters
    would make its own recall or precision 0/0.
    """

    source_doc: str
    source_start: int
    source_end: int
    suspicious_doc: str
    suspicious_start: int
    suspicious_end: int

    def __post_init__(self) -> None:
        if not 0 <= self.source_start < self.source_end:
            raise InvalidCaseError(
                f"source range [{self.source_start}, {self.source_end}) of "
                f"{self.source_doc!r} must satisfy 0 <= start < end"
            )
        if not 0 <= self.suspicious_start < self.suspicious_end:
            raise InvalidCaseError(
                f"suspicious range [{self.suspicious_start}, {self.suspicious_end}) of "
                f"{self.suspicious_doc!r} must satisfy 0 <= start < end"
            )

    @property
    def length(self) -> int:
        """``|s|``: characters covered in both documents together."""
        return (self.source_end - self.source_start) + (self.suspicious_end - self.suspicious_start)


@dataclass(frozen=True, slots=True)
class PanScores:
    """The PAN measures for one run, with the counts they were computed from."""

    macro_precision: float
    macro_recall: float
    micro_precision: float
    micro_recall: float
    granularity: float
    plagdet: float
    """``F1(macro_precision, macro_recall) / log2(1 + granularity)``: what PAN ranks by."""
    cases: int
    """``|S|``: distinct truth cases."""
    detections: int
    """``|R|``: distinct detections."""
    detected_cases: int
    """``|S_R|``: truth cases detected by at least one detection."""
    true_detections: int
    """Detections that detect at least one truth case."""


def plagdet_score(precision: float, recall: float, granularity: float) -> float:
    """Combine precision, recall and granularity into PAN's single ranking number.

    Granularity enters through ``log2(1 + gran)`` so that splitting one case into two
    detections costs a factor of ``log2(3)``, not a halving. F1 of two zeros is 0.
    """
    if precision + recall == 0:
        return 0.0
    f1 = 2 * precision * recall / (precision + recall)
    return f1 / math.log2(1 + granularity)


def score(truth: Sequence[Case], detections: Sequence[Case]) -> PanScores:
    """Score ``detections`` against ``truth`` with the PAN measures.

    Both may span many document pairs; a detection only ever counts for the pair it names.
    """
    truth_set = list(dict.fromkeys(truth))
    found_set = list(dict.fromkeys(detections))
    if not truth_set and not found_set:
        return PanScores(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0, 0, 0, 0)

    coder = _Coder()
    true_cols = _Columns.from_cases(truth_set, coder)
    found_cols = _Columns.from_cases(found_set, coder)
    case_index, detection_index = _detecting_pairs(true_cols, found_cols)

    # s ⊓ r for every detecting pair, one range per document.
    source_start = np.maximum(
        true_cols.source_start[case_index], found_cols.source_start[detection_index]
    )
    source_end = np.minimum(
        true_cols.source_end[case_index], found_cols.source_end[detection_index]
    )
    suspicious_start = np.maximum(
        true_cols.suspicious_start[case_index], found_cols.suspicious_start[detection_index]
    )
    suspicious_end = np.minimum(
        true_cols.suspicious_end[case_index], found_cols.suspicious_end[detection_index]
    )

    def covered_per(groups: _Ints, n_groups: int) -> _Ints:
        return _union_lengths(groups, source_start, source_end, n_groups) + _union_lengths(
            groups, suspicious_start, suspicious_end, n_groups
        )

    both_present = bool(truth_set) and bool(found_set)
    n_cases, n_found = len(truth_set), len(found_set)

    macro_recall = macro_precision = 0.0
    micro_recall = micro_precision = 0.0
    if both_present:
        macro_recall = float(np.mean(covered_per(case_index, n_cases) / true_cols.lengths()))
        macro_precision = float(
            np.mean(covered_per(detection_index, n_found) / found_cols.lengths())
        )
        detected_chars = int(
            _union_lengths(
                true_cols.source_doc[case_index], source_start, source_end, coder.size
            ).sum()
            + _union_lengths(
                true_cols.suspicious_doc[case_index],
                suspicious_start,
                suspicious_end,
                coder.size,
            ).sum()
        )
        micro_recall = detected_chars / true_cols.covered_chars(coder.size)
        micro_precision = detected_chars / found_cols.covered_chars(coder.size)

    detections_per_case = np.bincount(case_index, minlength=n_cases)
    detected = detections_per_case > 0
    detected_cases = int(detected.sum())
    granularity = float(detections_per_case[detected].mean()) if detected_cases else 1.0

    return PanScores(
        macro_precision=macro_precision,
        macro_recall=macro_recall,
        micro_precision=micro_precision,
        micro_recall=micro_recall,
        granularity=granularity,
        plagdet=plagdet_score(macro_precision, macro_recall, granularity),
        cases=n_cases,
        detections=n_found,
        detected_cases=detected_cases,
        true_detections=int(np.unique(detection_index).size),
    )


class _Coder:
    """Dense integer codes for document ids and document pairs, shared by truth and detections.

    Source and suspicious ids get separate codes so that characters are keyed by role, as in
    PAN's own counting.
    """

    __slots__ = ("_codes",)

    def __init__(self) -> None:
        self._codes: dict[Hashable, int] = {}

    def code(self, key: Hashable) -> int:
        return self._codes.setdefault(key, len(self._codes))

    @property
    def size(self) -> int:
        return len(self._codes)


@dataclass(frozen=True, slots=True)
class _Columns:
    """Cases as parallel int64 arrays, so every measure is a handful of array operations."""

    pair: _Ints
    source_doc: _Ints
    source_start: _Ints
    source_end: _Ints
    suspicious_doc: _Ints
    suspicious_start: _Ints
    suspicious_end: _Ints

    @classmethod
    def from_cases(cls, cases: Sequence[Case], coder: _Coder) -> _Columns:
        rows = [
            (
                coder.code(("pair", case.source_doc, case.suspicious_doc)),
                coder.code(("source", case.source_doc)),
                case.source_start,
                case.source_end,
                coder.code(("suspicious", case.suspicious_doc)),
                case.suspicious_start,
                case.suspicious_end,
            )
            for case in cases
        ]
        table = np.array(rows, dtype=np.int64).reshape(len(rows), 7)
        return cls(*(np.ascontiguousarray(table[:, column]) for column in range(7)))

    def lengths(self) -> _Ints:
        """``|c|`` for every case."""
        return (self.source_end - self.source_start) + (self.suspicious_end - self.suspicious_start)

    def covered_chars(self, n_docs: int) -> int:
        """``|⋃ c|``: characters covered by any of the cases, each counted once."""
        source = _union_lengths(self.source_doc, self.source_start, self.source_end, n_docs)
        suspicious = _union_lengths(
            self.suspicious_doc, self.suspicious_start, self.suspicious_end, n_docs
        )
        return int(source.sum() + suspicious.sum())


def _detecting_pairs(truth: _Columns, found: _Columns) -> tuple[_Ints, _Ints]:
    """Every (case, detection) index pair where the detection detects the case.

    Only cases and detections of the same document pair are compared, in one vectorised
    overlap matrix per pair (cut into slices when a pair is crowded).
    """
    case_parts: list[_Ints] = []
    detection_parts: list[_Ints] = []
    case_groups = _group_members(truth.pair)
    detection_groups = _group_members(found.pair)
    for pair, cases in case_groups.items():
        candidates = detection_groups.get(pair)
        if candidates is None:
            continue
        step = max(1, _MAX_CELLS // candidates.size)
        for first in range(0, cases.size, step):
            chunk = cases[first : first + step]
            hits = _overlaps(
                truth.source_start[chunk],
                truth.source_end[chunk],
                found.source_start[candidates],
                found.source_end[candidates],
            ) & _overlaps(
                truth.suspicious_start[chunk],
                truth.suspicious_end[chunk],
                found.suspicious_start[candidates],
                found.suspicious_end[candidates],
            )
            rows, columns = np.nonzero(hits)
            case_parts.append(chunk[rows])
            detection_parts.append(candidates[columns])
    if not case_parts:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy()
    return np.concatenate(case_parts), np.concatenate(detection_parts)


def _group_members(codes: _Ints) -> dict[int, _Ints]:
    """Map each code to the indices holding it."""
    if codes.size == 0:
        return {}
    order = np.argsort(codes, kind="stable")
    values, firsts = np.unique(codes[order], return_index=True)
    bounds = [*firsts.tolist(), codes.size]
    return {
        int(value): order[bounds[i] : bounds[i + 1]].astype(np.int64)
        for i, value in enumerate(values.tolist())
    }


def _overlaps(
    starts_a: _Ints, ends_a: _Ints, starts_b: _Ints, ends_b: _Ints
) -> npt.NDArray[np.bool_]:
    """Matrix of "range a overlaps range b" (half-open ranges share at least one character)."""
    return (starts_b[np.newaxis, :] < ends_a[:, np.newaxis]) & (
        starts_a[:, np.newaxis] < ends_b[np.newaxis, :]
    )


def _union_lengths(groups: _Ints, starts: _Ints, ends: _Ints, n_groups: int) -> _Ints:
    """Characters covered by each group's ranges, overlapping characters counted once.

    Ranges are sorted by (group, start); each adds only the part beyond the furthest end seen
    so far. Shifting every group by ``group * span`` lets one running maximum serve all groups:
    an earlier group's ends never reach a later group's starts.
    """
    totals = np.zeros(n_groups, dtype=np.int64)
    if starts.size == 0:
        return totals
    span = int(ends.max()) + 1
    if n_groups * span >= 2**62:
        raise OverflowError(f"{n_groups} groups of offsets up to {span} overflow int64")
    order = np.lexsort((starts, groups))
    shift = groups[order] * span
    shifted_starts = starts[order] + shift
    shifted_ends = ends[order] + shift
    reach = np.maximum.accumulate(shifted_ends)
    previous_reach = np.empty_like(reach)
    previous_reach[0] = shifted_starts[0]
    previous_reach[1:] = reach[:-1]
    added = np.maximum(shifted_ends - np.maximum(shifted_starts, previous_reach), 0)
    np.add.at(totals, groups[order], added)
    return totals
