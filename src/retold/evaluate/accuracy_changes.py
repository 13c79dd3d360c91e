"""Change-level accuracy: was every true edit reported, with the right kind and category?

The truth is the generator's edits (``TrueEdit``: a cut passage, an added paragraph, a term
swap, a changed number, a respelled name, a boilerplate line, ...), each with a kind and the
category retold should give it. retold's answer is its ``Change`` list for the pair.

Matching rule (one true edit ↔ at most one reported change, and back):

- the *sides* of a kind: ``omitted`` → A (the source), ``added`` → B (the derived text),
  ``substituted`` → A and B;
- ``overlap(t, r)`` = characters of the true edit ``t`` and the reported change ``r`` in common,
  summed over the sides of their kind; ``size(x)`` = characters of ``x`` on those sides;
- ``t`` and ``r`` *match* iff they have the same kind and ``overlap ≥ 50 % of size(t)`` and
  ``overlap ≥ 50 % of size(r)``: the report holds most of the edit and is mostly the edit, so
  one change spanning two edits, or a fragment of an edit, does not count;
- matching is one to one, greedy by largest overlap (then truth order, then report order).

Scores (every count is over all pairs):

- per *kind* (detection, category ignored): precision = matched / reported of that kind,
  recall = matched / true edits of that kind;
- per *category*: a match counts for category ``c`` only when the true edit and the report are
  both ``c``; precision = such matches / reports of category ``c`` (including unmatched ones),
  recall = such matches / true edits of category ``c``;
- *overall*: the same micro counts over all kinds (detection) and with kind and category both
  required (exact);
- the confusion table counts matches by (true category, reported category), true edits with no
  match (``missed``) and reports with no match (``not in truth``).

Diagnosis, so that a shortfall comes with a reason. Each missed edit gets one cause, checked in
this order: no report overlaps it (``MISS_NO_REPORT``); it lies outside every passage retold
found (``MISS_OUTSIDE``: an edit on the first or last words of a copied stretch, or in a
stretch too dense to align); the overlapping reports are an omitted and an added report of the
same words (``MISS_SWAP``: two words swapped, reported as a deletion and an insertion); they
are of another kind (``MISS_OTHER_KIND``); or of the right kind but too wide or too narrow to
match (``MISS_SPAN``). Each report with a wrong category, or with no true edit, gets a shape:
for substitutions, one word or several on each side and whether digits are on both, one or
neither side; for unshared text, its boilerplate label and whether it has under 8 words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from retold.evaluate.accuracy_pairs import PairOutcome
from retold.evaluate.synthetic_pairs import PAIR_OBFUSCATIONS, TrueEdit
from retold.records import Category, Change, ChangeKind

__all__ = [
    "MATCH_SHARE",
    "MISSED",
    "MISS_NO_REPORT",
    "MISS_OTHER_KIND",
    "MISS_OUTSIDE",
    "MISS_SPAN",
    "MISS_SWAP",
    "NOT_IN_TRUTH",
    "ChangeExample",
    "ChangeScores",
    "ObfuscationChangeRow",
    "PrfRow",
    "match_changes",
    "score_changes",
]

MATCH_SHARE = 0.5
"""Share of each of the two spans the overlap must reach (see the module docstring)."""
MISSED = "missed"
"""Confusion column of true edits no report matches."""
NOT_IN_TRUTH = "not in truth"
"""Confusion row of reports no true edit matches."""
_EXAMPLES_PER_CELL = 3
MISS_NO_REPORT = "no report overlaps it"
MISS_OUTSIDE = "outside every passage"
MISS_SWAP = "swapped words reported as omitted + added"
MISS_OTHER_KIND = "reported as another kind"
MISS_SPAN = "reported with a span too wide or too narrow"
_FRAGMENT_WORDS = 8
_WORD = regex.compile(r"\w+")
_DIGIT = regex.compile(r"\d")


@dataclass(frozen=True, slots=True)
class PrfRow:
    """Precision, recall and F1 of one kind, category or total; None where undefined (0/0)."""

    label: str
    truth: int
    reported: int
    matched: int

    @property
    def precision(self) -> float | None:
        return self.matched / self.reported if self.reported else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.truth if self.truth else None

    @property
    def f1(self) -> float | None:
        """0 when nothing matched (even if nothing was reported); None only with no truth and
        no report, or with reports but no truth (recall undefined)."""
        if self.truth == 0:
            return None
        if self.matched == 0:
            return 0.0
        return 2 * self.matched / (self.truth + self.reported)


@dataclass(frozen=True, slots=True)
class ChangeExample:
    """One error, quoted: a true edit and what retold reported for it (or a stray report)."""

    pair_id: str
    truth: str
    """``kind/category`` of the true edit, or ``not in truth``."""
    reported: str
    """``kind/category`` of the matched report, or ``missed``."""
    a_text: str
    """The true edit's text in A (for a stray report: the report's)."""
    b_text: str
    reported_texts: tuple[str, str] | None = None
    """For a wrong category: the matched report's A and B texts."""
    reported_label: str | None = None
    """The report's ``label`` (boilerplate type, substitution signal), if any."""
    overlapping: tuple[tuple[str, str, str], ...] = ()
    """For a missed edit: ``(kind/category, a_text, b_text)`` of the reports overlapping it."""


@dataclass(frozen=True, slots=True)
class ObfuscationChangeRow:
    """How the edits of one obfuscation type fared."""

    label: str
    pairs: int
    truth: int
    detected: int
    """True edits matched by a report of the same kind."""
    right_category: int
    """... of which the report has the true category too."""
    reported: int
    unmatched_reports: int


@dataclass(frozen=True, slots=True)
class ChangeScores:
    """Everything the change-level evaluation measured."""

    kinds: tuple[PrfRow, ...]
    categories: tuple[PrfRow, ...]
    detection: PrfRow
    """All kinds together, category ignored."""
    exact: PrfRow
    """All kinds together, kind and category both right."""
    confusion: dict[tuple[str, str], int]
    """``(true category or NOT_IN_TRUTH, reported category or MISSED) -> count``."""
    by_obfuscation: tuple[ObfuscationChangeRow, ...]
    missed_but_overlapped: dict[str, int]
    """true category -> missed edits that some report (of another kind, or too wide or too
    narrow to match) overlaps: found, but not reported as the edit it is."""
    missed_causes: dict[tuple[str, str], int]
    """(true category, ``MISS_*`` cause) -> missed edits (see the module docstring)."""
    wrong_shapes: dict[tuple[str, str, str], int]
    """(true category or ``NOT_IN_TRUTH``, reported category, shape) -> reports whose category
    is wrong (or that match no edit), by shape (see the module docstring)."""
    examples: dict[tuple[str, str], tuple[ChangeExample, ...]]
    """Up to three examples per off-diagonal (``kind/category``, ``kind/category``) cell."""


_SIDES: dict[ChangeKind, tuple[bool, bool]] = {
    ChangeKind.OMITTED: (True, False),
    ChangeKind.ADDED: (False, True),
    ChangeKind.SUBSTITUTED: (True, True),
}


def _edit_ranges(edit: TrueEdit) -> tuple[tuple[int, int], tuple[int, int]]:
    return (edit.source_start, edit.source_end), (edit.derived_start, edit.derived_end)


def _change_ranges(change: Change) -> tuple[tuple[int, int], tuple[int, int]]:
    return (change.a_start, change.a_end), (change.b_start, change.b_end)


def _size(kind: ChangeKind, ranges: tuple[tuple[int, int], tuple[int, int]]) -> int:
    return sum(end - start for use, (start, end) in zip(_SIDES[kind], ranges, strict=True) if use)


def _overlap(
    kind: ChangeKind,
    first: tuple[tuple[int, int], tuple[int, int]],
    second: tuple[tuple[int, int], tuple[int, int]],
) -> int:
    total = 0
    for use, (a_start, a_end), (b_start, b_end) in zip(_SIDES[kind], first, second, strict=True):
        if use:
            total += max(0, min(a_end, b_end) - max(a_start, b_start))
    return total


def match_changes(
    edits: Sequence[TrueEdit], changes: Sequence[Change], *, share: float = MATCH_SHARE
) -> list[int | None]:
    """For each true edit, the index of the report it matches (rule: module docstring)."""
    candidates: list[tuple[int, int, int]] = []
    for edit_index, edit in enumerate(edits):
        edit_ranges = _edit_ranges(edit)
        edit_size = _size(edit.kind, edit_ranges)
        for change_index, change in enumerate(changes):
            if change.kind is not edit.kind:
                continue
            change_ranges = _change_ranges(change)
            overlap = _overlap(edit.kind, edit_ranges, change_ranges)
            if (
                overlap > 0
                and overlap >= share * edit_size
                and overlap >= share * _size(change.kind, change_ranges)
            ):
                candidates.append((-overlap, edit_index, change_index))
    matches: list[int | None] = [None] * len(edits)
    taken: set[int] = set()
    for _, edit_index, change_index in sorted(candidates):
        if matches[edit_index] is None and change_index not in taken:
            matches[edit_index] = change_index
            taken.add(change_index)
    return matches


def score_changes(outcomes: Sequence[PairOutcome]) -> ChangeScores:
    """Match every pair's true edits to its reports and count (see the module docstring)."""
    truth_kinds: Counter[str] = Counter()
    reported_kinds: Counter[str] = Counter()
    matched_kinds: Counter[str] = Counter()
    truth_categories: Counter[str] = Counter()
    reported_categories: Counter[str] = Counter()
    matched_categories: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    overlapped: Counter[str] = Counter()
    causes: Counter[tuple[str, str]] = Counter()
    shapes: Counter[tuple[str, str, str]] = Counter()
    examples: dict[tuple[str, str], list[ChangeExample]] = {}
    per_type: dict[str, list[int]] = {}

    for outcome in outcomes:
        pair, changes = outcome.pair, outcome.changes
        matches = match_changes(pair.edits, changes)
        counts = per_type.setdefault(outcome.pair.obfuscation.value, [0, 0, 0, 0, 0, 0])
        counts[0] += 1
        counts[1] += len(pair.edits)
        counts[4] += len(changes)
        for change in changes:
            reported_kinds[change.kind.value] += 1
            reported_categories[change.category.value] += 1
        for edit, match in zip(pair.edits, matches, strict=True):
            truth_kinds[edit.kind.value] += 1
            truth_categories[edit.category.value] += 1
            if match is None:
                confusion[edit.category.value, MISSED] += 1
                example = _missed_example(outcome, edit)
                overlapped[edit.category.value] += bool(example.overlapping)
                causes[edit.category.value, _miss_cause(outcome, edit)] += 1
                _keep(examples, example)
                continue
            change = changes[match]
            matched_kinds[edit.kind.value] += 1
            counts[2] += 1
            confusion[edit.category.value, change.category.value] += 1
            if change.category is edit.category:
                matched_categories[edit.category.value] += 1
                counts[3] += 1
            else:
                shapes[edit.category.value, change.category.value, _shape(change)] += 1
                _keep(examples, _example(outcome, edit, change))
        used = {match for match in matches if match is not None}
        for index, change in enumerate(changes):
            if index not in used:
                counts[5] += 1
                confusion[NOT_IN_TRUTH, change.category.value] += 1
                shapes[NOT_IN_TRUTH, change.category.value, _shape(change)] += 1
                _keep(examples, _stray_example(outcome, change))

    kinds = tuple(
        PrfRow(kind.value, truth_kinds[kind], reported_kinds[kind], matched_kinds[kind])
        for kind in ChangeKind
    )
    categories = tuple(
        PrfRow(
            category.value,
            truth_categories[category],
            reported_categories[category],
            matched_categories[category],
        )
        for category in Category
        if truth_categories[category] or reported_categories[category]
    )
    total_truth, total_reported = sum(truth_kinds.values()), sum(reported_kinds.values())
    by_type = tuple(
        ObfuscationChangeRow(obfuscation.value, *per_type[obfuscation.value])
        for obfuscation in PAIR_OBFUSCATIONS
        if obfuscation.value in per_type
    )
    return ChangeScores(
        kinds=kinds,
        categories=categories,
        detection=PrfRow(
            "all (kind only)", total_truth, total_reported, sum(matched_kinds.values())
        ),
        exact=PrfRow(
            "all (kind and category)",
            total_truth,
            total_reported,
            sum(matched_categories.values()),
        ),
        confusion=dict(confusion),
        by_obfuscation=by_type,
        missed_but_overlapped=dict(overlapped),
        missed_causes=dict(causes),
        wrong_shapes=dict(shapes),
        examples={cell: tuple(found) for cell, found in examples.items()},
    )


def _miss_cause(outcome: PairOutcome, edit: TrueEdit) -> str:
    """Why a true edit matched no report (the order of checks: module docstring)."""
    ranges = _edit_ranges(edit)
    overlapping = [
        change
        for change in outcome.changes
        if _overlap(edit.kind, ranges, _change_ranges(change)) > 0
    ]
    if not overlapping:
        return MISS_NO_REPORT
    (a_start, a_end), (b_start, b_end) = ranges
    inside = any(
        (a_start < p.a_end and p.a_start < a_end) or (b_start < p.b_end and p.b_start < b_end)
        for p in outcome.passages
    )
    if not inside:
        return MISS_OUTSIDE
    kinds = {change.kind for change in overlapping}
    if edit.kind not in kinds:
        removed = {_fold(c.a_text) for c in overlapping if c.kind is ChangeKind.OMITTED}
        inserted = {_fold(c.b_text) for c in overlapping if c.kind is ChangeKind.ADDED}
        return MISS_SWAP if removed & inserted else MISS_OTHER_KIND
    return MISS_SPAN


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _shape(change: Change) -> str:
    """How a mislabelled or stray report looks (see the module docstring)."""
    if change.kind is ChangeKind.SUBSTITUTED:
        words = (len(_WORD.findall(change.a_text)), len(_WORD.findall(change.b_text)))
        size = "one word each side" if words == (1, 1) else "several words"
        digits = sum(bool(_DIGIT.search(text)) for text in (change.a_text, change.b_text))
        return f"{size}, {('no digits', 'digits on one side', 'digits on both sides')[digits]}"
    text = change.a_text or change.b_text
    length = "short" if len(_WORD.findall(text)) < _FRAGMENT_WORDS else "long"
    return f"{change.label or 'no label'}, {length}"


def _keep(examples: dict[tuple[str, str], list[ChangeExample]], example: ChangeExample) -> None:
    cell = examples.setdefault((example.truth, example.reported), [])
    if len(cell) < _EXAMPLES_PER_CELL:
        cell.append(example)


def _label(kind: ChangeKind, category: Category) -> str:
    return f"{kind.value}/{category.value}"


def _edit_texts(outcome: PairOutcome, edit: TrueEdit) -> tuple[str, str]:
    pair = outcome.pair
    return (
        pair.source_text[edit.source_start : edit.source_end],
        pair.derived_text[edit.derived_start : edit.derived_end],
    )


def _example(outcome: PairOutcome, edit: TrueEdit, change: Change) -> ChangeExample:
    a_text, b_text = _edit_texts(outcome, edit)
    return ChangeExample(
        outcome.pair_id,
        _label(edit.kind, edit.category),
        _label(change.kind, change.category),
        a_text,
        b_text,
        reported_texts=(change.a_text, change.b_text),
        reported_label=change.label,
    )


def _missed_example(outcome: PairOutcome, edit: TrueEdit) -> ChangeExample:
    a_text, b_text = _edit_texts(outcome, edit)
    ranges = _edit_ranges(edit)
    covering = tuple(
        (_label(change.kind, change.category), change.a_text, change.b_text)
        for change in outcome.changes
        if _overlap(edit.kind, ranges, _change_ranges(change)) > 0
    )
    return ChangeExample(
        outcome.pair_id,
        _label(edit.kind, edit.category),
        MISSED,
        a_text,
        b_text,
        overlapping=covering,
    )


def _stray_example(outcome: PairOutcome, change: Change) -> ChangeExample:
    return ChangeExample(
        outcome.pair_id,
        NOT_IN_TRUTH,
        _label(change.kind, change.category),
        change.a_text,
        change.b_text,
        reported_label=change.label,
    )
