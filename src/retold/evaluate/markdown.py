"""Markdown pieces shared by the sections of the accuracy report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["met", "not_measured", "table"]


def table(header: Sequence[str], rows: Iterable[Sequence[str]], align: str = "") -> list[str]:
    """A Markdown table; ``align`` holds ``l`` or ``r`` per column (default: first left)."""
    align = align or "l" + "r" * (len(header) - 1)
    marks = ["---:" if a == "r" else ":---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def met(ok: bool) -> str:
    """A goal's verdict, bold when missed."""
    return "yes" if ok else "**no**"


def not_measured(heading: str, needs: str) -> list[str]:
    """A section that a quick run (or a machine without the data) leaves out, saying why."""
    return [heading, "", f"Not measured in this run: it needs `--full` and {needs}.", ""]
