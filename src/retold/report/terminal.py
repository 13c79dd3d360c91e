"""The terminal report: who, the story in a few sentences, how much is shared, who is the
source, then what changed.

Article text is never parsed as rich markup (it is appended as plain ``Text``), so brackets in a
headline cannot restyle or hide anything.
"""

from __future__ import annotations

from collections import Counter

from rich.console import Console, Group
from rich.text import Text

from retold.records import Category, Change, ChangeKind, Comparison, Document, Passage, Story
from retold.report.stretches import stretch_wording

__all__ = ["render_comparison"]

_STYLE = {
    Category.CONTENT: "bold red",
    Category.BOILERPLATE: "dim",
    Category.COSMETIC: "dim cyan",
    Category.SPELLING: "yellow",
    Category.NUMBER: "bold magenta",
    Category.TERMINOLOGY: "bold yellow",
    Category.REWORDING: "yellow",
}
_SUMMARIZED = (Category.BOILERPLATE, Category.COSMETIC)


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int) -> str:
    text = _squeeze(text)
    if len(text) <= limit:
        return text
    head = limit * 3 // 4
    return f"{text[:head]} … {text[-(limit - head - 3) :]}"


def _document_line(name: str, document: Document) -> Text:
    line = Text(f" {name}  ", style="bold")
    line.append(document.path or "(text)", style="cyan")
    details = [
        f"“{_shorten(document.title, 70)}”" if document.title else "no title",
        document.outlet or "outlet unknown",
    ]
    if document.credit:
        details.append(f"credits {document.credit}")
    details.append(
        document.published.isoformat(" ", "minutes") if document.published else "date unknown"
    )
    details.append(f"{len(document.text):,} chars")
    line.append("  " + " · ".join(details))
    return line


def _context(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    before = _squeeze(text[max(0, start - width * 2) : start])[-width:]
    after = _squeeze(text[end : end + width * 2])[:width]
    return before, after


def _change_line(number: int, change: Change, comparison: Comparison, width: int) -> Text:
    line = Text(f"{number:>4}. ", style="bold")
    line.append(f"{change.kind.value} {change.category.value}", style=_STYLE[change.category])
    if change.in_quote:
        line.append(" (in a quotation)", style="italic")
    line.append("\n      ")
    if change.kind is ChangeKind.ADDED:
        before, after = _context(comparison.b.text, change.b_start, change.b_end, width)
        line.append(f"…{before} ", style="dim")
        line.append(_shorten(change.b_text, 240), style="green")
    else:
        before, after = _context(comparison.a.text, change.a_start, change.a_end, width)
        line.append(f"…{before} ", style="dim")
        if change.kind is ChangeKind.OMITTED:
            line.append(_shorten(change.a_text, 240), style="red strike")
        else:
            line.append(_shorten(change.a_text, 120), style="red strike")
            line.append(" → ")
            line.append(_shorten(change.b_text, 120), style="green")
    line.append(f" {after}…", style="dim")
    return line


def _summary(changes: list[Change], category: Category) -> Text | None:
    chosen = [c for c in changes if c.category is category]
    if not chosen:
        return None
    by_side = Counter(c.kind.value for c in chosen)
    labels = Counter(c.label or "other" for c in chosen)
    sides = ", ".join(f"{count} {kind}" for kind, count in sorted(by_side.items()))
    kinds = ", ".join(f"{label} {count}" for label, count in labels.most_common())
    return Text(f" {category.value.capitalize()}: {sides} ({kinds})", style="dim")


def _stretch_line(passage: Passage, languages: tuple[str | None, str | None] | None) -> Text:
    label, phrase = stretch_wording(passage.kind, languages)
    return Text(
        f" {label}: A {passage.a_start:,}–{passage.a_end:,} retold as B"
        f" {passage.b_start:,}–{passage.b_end:,} {phrase}"
        f" (similarity {passage.similarity or 0.0:.2f})",
        style="bold",
    )


def _story_lines(story: Story, numbers: dict[int, int]) -> list[Text]:
    """The summary first: each sentence, then the numbers of the listed changes behind it."""
    lines = [Text(" Story", style="bold")]
    for sentence in story.summary:
        line = Text("   • ")
        line.append(sentence.text)
        shown = [numbers[i] for i in sentence.changes if i in numbers]
        if shown:
            line.append(f"  [{_ranges(shown)}]", style="dim")
        lines.append(line)
    lines.append(Text(""))
    return lines


def _ranges(numbers: list[int]) -> str:
    """ "changes 2–4, 7" from [2, 3, 4, 7]."""
    parts: list[str] = []
    start = previous = numbers[0]
    for number in [*numbers[1:], None]:
        if number is not None and number == previous + 1:
            previous = number
            continue
        parts.append(f"{start}–{previous}" if previous > start else str(start))
        if number is not None:
            start = previous = number
    return ("change " if len(numbers) == 1 else "changes ") + ", ".join(parts)


def render_comparison(
    comparison: Comparison, console: Console, *, show_all: bool = False, context: int = 40
) -> None:
    """Print the report; ``show_all`` also lists boilerplate and cosmetic changes one by one."""
    similarity, source = comparison.similarity, comparison.source
    words = sum(p.words for p in comparison.passages)
    changes = list(comparison.changes)
    shown = [c for c in changes if show_all or c.category not in _SUMMARIZED]
    numbers = {id(c): number for number, c in enumerate(shown, start=1)}
    story = (
        _story_lines(
            comparison.story, {i: numbers[id(c)] for i, c in enumerate(changes) if id(c) in numbers}
        )
        if comparison.story is not None and comparison.story.summary
        else []
    )
    header = [
        _document_line("A", comparison.a),
        _document_line("B", comparison.b),
        Text(""),
        *story,
        Text(
            f" Shared: {similarity.a_in_b:.0%} of A is in B, {similarity.b_in_a:.0%} of B is in A"
            f" ({len(comparison.passages)} passages, {words:,} words)",
            style="bold",
        ),
        *(_stretch_line(p, comparison.languages) for p in comparison.rewritten),
        *(
            [Text(f" Spun: {spun} passage(s) with words swapped one by one", style="bold")]
            if (spun := sum(p.kind == "spun" for p in comparison.passages))
            else []
        ),
        *(
            [
                Text(
                    f" Lone phrases: {lone} short shared run(s) far from other shared text"
                    " (names, set phrases), not counted as reuse",
                    style="dim",
                )
            ]
            if (lone := sum(p.kind == "phrase" for p in comparison.passages))
            else []
        ),
        Text(
            f" Source: both from {source.wire}, siblings (confidence {source.confidence:.2f})"
            if source.wire
            else f" Source: {source.verdict.value.upper()} (confidence {source.confidence:.2f})",
            style="bold green" if source.verdict.value != "unknown" else "bold",
        ),
        *(Text(f"   • {item}") for item in source.evidence),
        Text(""),
    ]
    lines = [_change_line(i, c, comparison, context) for i, c in enumerate(shown, start=1)]
    title = Text(" Changes in reading order" + ("" if show_all else " (substantive)"), style="bold")
    summaries = [s for s in (_summary(changes, cat) for cat in _SUMMARIZED) if s is not None]
    if summaries and not show_all:
        summaries.append(Text(" (--all lists them one by one)", style="dim"))
    console.print(Group(*header, title, *lines, Text(""), *summaries))
