"""Which change covers a stretch of A or B: the one lookup every ledger is built on.

The ledgers find no new matches: a mention, a quotation or a phrase is kept when no change
touches it, and otherwise takes its fate from the change that does. Changes on one side do not
overlap (the alignment cuts each text into passages and the stretches between them), so a
bisection over their starts finds the covering ones.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from retold.records import Category, Change, ChangeKind, Comparison

__all__ = ["ChangeMap"]


@dataclass(frozen=True, slots=True)
class _SideSpans:
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    indices: tuple[int, ...]

    def overlapping(self, start: int, end: int) -> Iterator[int]:
        """Indices of the changes whose span overlaps ``start:end`` (an empty span at ``start``
        overlaps a change that contains it)."""
        position = bisect.bisect_right(self.starts, max(start, end - 1)) - 1
        found = []
        while position >= 0 and self.ends[position] > start:
            found.append(self.indices[position])
            position -= 1
        yield from reversed(found)


def _side_spans(changes: tuple[Change, ...], side: str) -> _SideSpans:
    spans = sorted(
        (change.a_start, change.a_end, index)
        if side == "a"
        else (change.b_start, change.b_end, index)
        for index, change in enumerate(changes)
        if (change.a_start < change.a_end if side == "a" else change.b_start < change.b_end)
    )
    return _SideSpans(
        tuple(s[0] for s in spans), tuple(s[1] for s in spans), tuple(s[2] for s in spans)
    )


@dataclass(frozen=True, slots=True)
class ChangeMap:
    """The changes of one comparison, looked up by position on either side."""

    comparison: Comparison
    _a: _SideSpans
    _b: _SideSpans

    @classmethod
    def of(cls, comparison: Comparison) -> ChangeMap:
        changes = comparison.changes
        return cls(comparison, _side_spans(changes, "a"), _side_spans(changes, "b"))

    def text(self, side: str) -> str:
        return self.comparison.a.text if side == "a" else self.comparison.b.text

    def change(self, index: int) -> Change:
        return self.comparison.changes[index]

    def touching(self, side: str, start: int, end: int) -> list[int]:
        """The changes with text on ``side`` overlapping ``start:end``, in reading order."""
        return list((self._a if side == "a" else self._b).overlapping(start, end))

    def substantive(self, side: str, start: int, end: int) -> list[int]:
        """As ``touching``, substantive changes only."""
        return [i for i in self.touching(side, start, end) if self.change(i).substantive]

    def in_boilerplate(self, side: str, start: int, end: int) -> bool:
        """Whether ``start:end`` lies in text labelled boilerplate (a paywall appeal, a caption):
        page furniture, not the story."""
        return any(
            self.change(i).category is Category.BOILERPLATE for i in self.touching(side, start, end)
        )

    def unshared(self, side: str) -> Iterator[tuple[int, Change]]:
        """The content cut from A (``side="a"``) or added in B (``"b"``), with indices."""
        kind = ChangeKind.OMITTED if side == "a" else ChangeKind.ADDED
        for index, change in enumerate(self.comparison.changes):
            if change.kind is kind and change.category is Category.CONTENT:
                yield index, change
