"""Alignment accuracy: retold's passages scored as PAN detections, per obfuscation type.

What a passage is for PAN. A PAN detection is a contiguous range of the source document and a
contiguous range of the suspicious document, claimed to be the same text. A retold ``Passage``
is exactly that: ``[a_start, a_end)`` of A and ``[b_start, b_end)`` of B, with A = the source
(the original article) and B = the suspicious (derived) text. So every passage becomes one
``pan.Case`` and the truth is the generator's reuse cases; nothing is merged, split or trimmed
on the way, so retold is scored on the passages it shows its users.

Scores are PAN's macro measures over all pairs of one obfuscation type (one PAN run per type,
each pair its own document pair), and over all pairs together ("overall"), as in the PAN
2013-2014 text-alignment task.

Diagnosis. Each row also says where the lost characters are, so a shortfall has a reason:

- *missed* truth characters (1 - micro recall), split into those of cases no passage found and
  those inside found cases (a passage stopping early, or a gap inside it);
- *spurious* detected characters (1 - micro precision), split into those *between* two truth
  cases of the same side (a passage running across text that only one document has, e.g. a cut
  sentence) and those outside every case (passage ends running past the case, or a false
  passage);
- *split* cases: found by two or more passages (what granularity counts).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from retold.evaluate.accuracy_pairs import PairOutcome
from retold.evaluate.pan import Case, PanScores, score
from retold.evaluate.synthetic_pairs import PAIR_OBFUSCATIONS, SyntheticPair
from retold.records import Passage

__all__ = [
    "AlignmentDiagnosis",
    "AlignmentRow",
    "ErrorExample",
    "passage_cases",
    "score_alignment",
    "truth_cases",
]

_Mask = npt.NDArray[np.bool_]
_CONTEXT = 40
"""Characters shown on each side of a split's gap."""
_Ranges = tuple[tuple[int, int], tuple[int, int]]
"""A source range and a suspicious range."""


@dataclass(frozen=True, slots=True)
class AlignmentDiagnosis:
    """Where the characters lost by one row went (shares of the micro denominators)."""

    truth_chars: int
    """Characters of all truth cases, both documents (each counted once)."""
    missed_in_lost_cases: int
    """Truth characters of cases no passage detects."""
    missed_in_found_cases: int
    """Truth characters of detected cases that no detecting passage covers."""
    detected_chars: int
    """Characters of all passages, both documents (each counted once)."""
    spurious_between_cases: int
    """Passage characters outside the truth but between two truth cases of that document."""
    spurious_outside_cases: int
    """Passage characters outside the truth and outside the span of the truth cases."""
    split_cases: int
    """Truth cases detected by two or more passages."""


@dataclass(frozen=True, slots=True)
class ErrorExample:
    """The worst pair of a row, and its largest error, quoted."""

    pair_id: str
    source_name: str
    plagdet: float
    what: str
    """``missed in A``, ``missed in B``, ``spurious in A``, ``spurious in B`` or ``split``."""
    text: str
    """The characters concerned (shortened to 200 characters)."""


@dataclass(frozen=True, slots=True)
class AlignmentRow:
    """PAN scores of one obfuscation type (or ``overall``), with their diagnosis."""

    label: str
    pairs: int
    scores: PanScores
    diagnosis: AlignmentDiagnosis
    example: ErrorExample | None
    """The worst pair's largest error; None when every pair scores plagdet 1."""
    split_example: ErrorExample | None = None
    """The first pair with a case found as several passages: the text between two of them."""


def _doc_names(pair_id: str) -> tuple[str, str]:
    return f"{pair_id}/source", f"{pair_id}/derived"


def truth_cases(pair_id: str, pair: SyntheticPair) -> list[Case]:
    """The generator's reuse cases of one pair as PAN cases (source = A, suspicious = B)."""
    return pair.pan_cases(*_doc_names(pair_id))


def passage_cases(pair_id: str, passages: Sequence[Passage]) -> list[Case]:
    """retold's passages of one pair as PAN detections, one per passage, unchanged.

    Passages with an empty side (none are produced by retold, but a test detector may make
    them) cannot be PAN cases and are dropped.
    """
    source, derived = _doc_names(pair_id)
    return [
        Case(source, p.a_start, p.a_end, derived, p.b_start, p.b_end)
        for p in passages
        if p.a_start < p.a_end and p.b_start < p.b_end
    ]


def score_alignment(outcomes: Sequence[PairOutcome]) -> tuple[AlignmentRow, ...]:
    """One row per obfuscation type present (in ``PAIR_OBFUSCATIONS`` order), then ``overall``."""
    rows = []
    for obfuscation in PAIR_OBFUSCATIONS:
        group = [o for o in outcomes if o.pair.obfuscation is obfuscation]
        if group:
            rows.append(_row(obfuscation.value, group))
    if outcomes:
        rows.append(_row("overall", list(outcomes)))
    return tuple(rows)


def _row(label: str, outcomes: Sequence[PairOutcome]) -> AlignmentRow:
    truth: list[Case] = []
    found: list[Case] = []
    for outcome in outcomes:
        truth += truth_cases(outcome.pair_id, outcome.pair)
        found += passage_cases(outcome.pair_id, outcome.passages)
    scores = score(truth, found)
    parts = [_PairErrors.of(outcome) for outcome in outcomes]
    diagnosis = AlignmentDiagnosis(
        truth_chars=sum(p.truth_chars for p in parts),
        missed_in_lost_cases=sum(p.missed_lost for p in parts),
        missed_in_found_cases=sum(p.missed_found for p in parts),
        detected_chars=sum(p.detected_chars for p in parts),
        spurious_between_cases=sum(p.spurious_between for p in parts),
        spurious_outside_cases=sum(p.spurious_outside for p in parts),
        split_cases=sum(p.split_cases for p in parts),
    )
    worst = min(parts, key=lambda p: (p.plagdet, p.outcome.pair_id))
    example = worst.example() if worst.plagdet < 1.0 else None
    split = next((p for p in parts if p.split_gap), None)
    split_example = None
    if split is not None:
        split_example = ErrorExample(
            split.outcome.pair_id,
            split.outcome.source_name,
            split.plagdet,
            "split",
            split.split_gap,
        )
    return AlignmentRow(label, len(outcomes), scores, diagnosis, example, split_example)


@dataclass(slots=True)
class _PairErrors:
    """Character masks of one pair: truth, detections, and what each error class holds."""

    outcome: PairOutcome
    plagdet: float
    truth_chars: int
    detected_chars: int
    missed_lost: int
    missed_found: int
    spurious_between: int
    spurious_outside: int
    split_cases: int
    missed: tuple[_Mask, _Mask]
    spurious: tuple[_Mask, _Mask]
    split_gap: str

    @classmethod
    def of(cls, outcome: PairOutcome) -> _PairErrors:
        pair = outcome.pair
        truth = truth_cases(outcome.pair_id, pair)
        found = passage_cases(outcome.pair_id, outcome.passages)
        plagdet = score(truth, found).plagdet
        lengths = (len(pair.source_text), len(pair.derived_text))
        truth_mask = _masks(lengths, [_ranges(c) for c in truth])
        found_mask = _masks(lengths, [_ranges(c) for c in found])
        detecting = [[r for r in found if _detects(r, s)] for s in truth]
        lost = _masks(
            lengths, [_ranges(s) for s, hits in zip(truth, detecting, strict=True) if not hits]
        )
        covered = _masks(lengths, [_ranges(r) for hits in detecting for r in hits])
        missed = tuple(t & ~c for t, c in zip(truth_mask, covered, strict=True))
        spurious = tuple(f & ~t for f, t in zip(found_mask, truth_mask, strict=True))
        hulls = _masks(lengths, [(_hull(truth, 0), _hull(truth, 1))])
        split = [(s, hits) for s, hits in zip(truth, detecting, strict=True) if len(hits) > 1]
        return cls(
            outcome=outcome,
            plagdet=plagdet,
            truth_chars=_count(truth_mask),
            detected_chars=_count(found_mask),
            missed_lost=_count(tuple(m & lo for m, lo in zip(missed, lost, strict=True))),
            missed_found=_count(tuple(m & ~lo for m, lo in zip(missed, lost, strict=True))),
            spurious_between=_count(tuple(s & h for s, h in zip(spurious, hulls, strict=True))),
            spurious_outside=_count(tuple(s & ~h for s, h in zip(spurious, hulls, strict=True))),
            split_cases=len(split),
            missed=(missed[0], missed[1]),
            spurious=(spurious[0], spurious[1]),
            split_gap=_split_gap(pair.source_text, pair.derived_text, split[0][1]) if split else "",
        )

    def example(self) -> ErrorExample:
        """The longest run among the missed and spurious characters (or a split's gap)."""
        texts = (self.outcome.pair.source_text, self.outcome.pair.derived_text)
        best: tuple[int, str, str] = (0, "", "")
        for what, masks in (("missed", self.missed), ("spurious", self.spurious)):
            for side, mask in enumerate(masks):
                start, end = _longest_run(mask)
                if end - start > best[0]:
                    best = (end - start, f"{what} in {'AB'[side]}", texts[side][start:end])
        if best[0] == 0 and self.split_gap:
            best = (1, "split", self.split_gap)
        return ErrorExample(
            self.outcome.pair_id,
            self.outcome.source_name,
            self.plagdet,
            best[1],
            _shorten(best[2]),
        )


def _ranges(case: Case) -> _Ranges:
    return (case.source_start, case.source_end), (case.suspicious_start, case.suspicious_end)


def _detects(detection: Case, case: Case) -> bool:
    return (
        detection.source_start < case.source_end
        and case.source_start < detection.source_end
        and detection.suspicious_start < case.suspicious_end
        and case.suspicious_start < detection.suspicious_end
    )


def _hull(cases: Sequence[Case], side: int) -> tuple[int, int]:
    """The span from the first truth case's start to the last one's end, on one side."""
    if not cases:
        return (0, 0)
    ranges = [_ranges(c)[side] for c in cases]
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


def _masks(lengths: tuple[int, int], ranges: Sequence[_Ranges]) -> tuple[_Mask, _Mask]:
    """Boolean masks of the two texts: the characters any of ``ranges`` covers, per side."""
    masks = (np.zeros(lengths[0], dtype=bool), np.zeros(lengths[1], dtype=bool))
    for both in ranges:
        for mask, (start, end) in zip(masks, both, strict=True):
            mask[start:end] = True
    return masks


def _count(masks: tuple[_Mask, ...]) -> int:
    return int(sum(int(mask.sum()) for mask in masks))


def _longest_run(mask: _Mask) -> tuple[int, int]:
    """``[start, end)`` of the longest run of True in ``mask``; ``(0, 0)`` when there is none."""
    if not mask.any():
        return 0, 0
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    starts, ends = edges[0::2], edges[1::2]
    best = int(np.argmax(ends - starts))
    return int(starts[best]), int(ends[best])


def _split_gap(source: str, derived: str, detections: Sequence[Case]) -> str:
    """Both texts around the gap between the first two passages that split one case."""
    ordered = sorted(detections, key=lambda r: r.suspicious_start)
    first, second = ordered[0], ordered[1]

    def around(text: str, start: int, end: int) -> str:
        end = max(start, end)
        before, after = text[max(0, start - _CONTEXT) : start], text[end : end + _CONTEXT]
        return f"{before} ‖ {text[start:end]} ‖ {after}"

    return (
        f"A: {around(source, first.source_end, second.source_start)} / "
        f"B: {around(derived, first.suspicious_end, second.suspicious_start)}"
    )


def _shorten(text: str, limit: int = 200) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    half = (limit - 3) // 2
    return f"{flat[:half]} … {flat[-half:]}"
