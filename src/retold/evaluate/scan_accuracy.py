"""Recall and precision of a scan's pairs against the reuse planted in a synthetic corpus.

The scanner's guarantee is about *identical* runs: any run of at least ``t`` identical words
shared by two documents is found. A planted stretch with term swaps inside may hold no such run
(a swap every 15 words leaves only 15-word runs), so recall is reported twice: over the pairs
whose planted text holds an unedited run of at least ``t`` words (the guarantee's domain), and
over every planted pair with at least ``t`` words copied (edits included).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from retold.evaluate.synthetic_corpus import PlantedReuse, related_pairs

__all__ = ["PairScores", "longest_unedited_run", "score_scan_pairs"]


@dataclass(frozen=True, slots=True)
class PairScores:
    guaranteed_pairs: int
    """Planted pairs holding an unedited run of at least ``t`` words."""
    guaranteed_recall: float
    planted_pairs: int
    """Planted pairs with at least ``t`` words copied, edits included."""
    planted_recall: float
    found_pairs: int
    precision: float
    """Share of found pairs that are planted (a source and a copy, or two copies of one source)."""
    missed: tuple[tuple[str, str], ...]
    spurious: tuple[tuple[str, str], ...]


def longest_unedited_run(row: PlantedReuse, derived_text: str) -> int:
    """Words in the longest stretch of the derived copy that no edit touches."""
    cuts = sorted((edit.derived_start, edit.derived_end) for edit in row.edits)
    position, longest = row.derived_start, 0
    for start, end in [*cuts, (row.derived_end, row.derived_end)]:
        longest = max(longest, len(derived_text[position:start].split()) - 1)
        position = max(position, end)
    return (
        max(longest, 0) if cuts else len(derived_text[row.derived_start : row.derived_end].split())
    )


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def score_scan_pairs(
    found: Iterable[tuple[str, str]],
    truth: Iterable[PlantedReuse],
    derived_texts: dict[str, str],
    min_words: int,
) -> PairScores:
    """Score found pairs; ``derived_texts`` maps derived ids to their texts (for edited runs).

    Words cut at an edit boundary are not counted in the unedited run (``- 1`` per side), so
    the count never overstates what is identical.
    """
    rows = list(truth)
    found_set = {_pair(a, b) for a, b in found}
    guaranteed: set[tuple[str, str]] = set()
    planted: set[tuple[str, str]] = set()
    for row in rows:
        key = _pair(row.source_id, row.derived_id)
        if row.words >= min_words:
            planted.add(key)
        if longest_unedited_run(row, derived_texts[row.derived_id]) >= min_words:
            guaranteed.add(key)
    related = related_pairs(rows)
    spurious = sorted(found_set - related)
    return PairScores(
        guaranteed_pairs=len(guaranteed),
        guaranteed_recall=len(guaranteed & found_set) / len(guaranteed) if guaranteed else 1.0,
        planted_pairs=len(planted),
        planted_recall=len(planted & found_set) / len(planted) if planted else 1.0,
        found_pairs=len(found_set),
        precision=1.0 - len(spurious) / len(found_set) if found_set else 1.0,
        missed=tuple(sorted(guaranteed - found_set)),
        spurious=tuple(spurious),
    )
