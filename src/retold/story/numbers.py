"""The figures ledger: numbers and dates a copy changed, with both sides.

Read from the substitutions (no new matching): a substantive substitution whose figures
(digits, number words, months, weekdays; ``retold.explain.substitution.figures``) differ
between its two sides changed a value, when both sides state one or one side has digits (a
name holding "One" or "May" put for another name changes no value). A figure cut or added
along with its sentence is not a changed value; the cuts and additions say so.
"""

from __future__ import annotations

from retold.explain.substitution import figures
from retold.records import ChangeKind, FigureChange
from retold.story.spans import ChangeMap

__all__ = ["figures_ledger"]


def _states_figures(a_figures: list[str], b_figures: list[str]) -> bool:
    """A figure on both sides, or digits on one: "Air Force One" → "Cedar Alliance" and
    "Theresa May" → another name change no value."""
    if a_figures and b_figures:
        return True
    return any(c.isdigit() for word in a_figures + b_figures for c in word)


def figures_ledger(changes: ChangeMap) -> tuple[FigureChange, ...]:
    """Every substitution that changed a figure, in reading order."""
    ledger = []
    for index, change in enumerate(changes.comparison.changes):
        if change.kind is not ChangeKind.SUBSTITUTED or not change.substantive:
            continue
        a_figures, b_figures = figures(change.a_text), figures(change.b_text)
        if a_figures != b_figures and _states_figures(a_figures, b_figures):
            ledger.append(
                FigureChange(
                    index,
                    change.a_start,
                    change.a_end,
                    change.b_start,
                    change.b_end,
                    tuple(a_figures),
                    tuple(b_figures),
                )
            )
    return tuple(ledger)
