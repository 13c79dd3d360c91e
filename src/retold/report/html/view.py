"""The pair view as plain records: what each side shows, in which order, with which marks.

Everything that needs character offsets happens here, in Python: offsets are Python string
indices (code points), and JavaScript strings count UTF-16 units, so the browser never slices
text. The template only walks these records, and the script only reads element ids and
``data-*`` attributes. Building the view is pure (no I/O), so a corpus report can call it once
per pair.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

import regex

from retold.records import Category, Change, ChangeKind, Comparison, Document, Verdict
from retold.report.stretches import stretch_wording

__all__ = [
    "ChangeEntry",
    "DocumentCard",
    "Item",
    "PairView",
    "PassageEntry",
    "Run",
    "Side",
    "StoryLine",
    "build_pair_view",
]

_CONTEXT = 48
"""Characters of context either side of a change in the list of changes."""
_LINE_BREAKS = regex.compile(r"(\s*\n\s*)")
_SHORT = 160
"""Longest stretch of changed text quoted whole in the list (longer ones are cut in the middle)."""


class Side(StrEnum):
    """Which text a column shows; also the prefix of its element ids (``a-c3``, ``b-p0``)."""

    A = "a"
    B = "b"


ItemKind = Literal["text", "change", "marker", "stub"]


@dataclass(frozen=True, slots=True)
class Item:
    """One piece of a side's text column, in reading order.

    ``text`` items and ``change`` items carry the document's own characters (together they are
    the whole text, in order, nothing added); ``marker`` and ``stub`` items are annotations (a
    change on the other side, a notice that boilerplate is hidden) and carry none. A change's
    ``ghost`` is the other side's wording of a substitution, shown beside the real words.
    """

    kind: ItemKind
    text: str = ""
    classes: str = ""
    element_id: str | None = None
    change_ids: tuple[str, ...] = ()
    title: str = ""
    ghost: str = ""
    in_quote: bool = False
    real_first: bool = True
    """For a substitution: whether this side's words come first (A: old then new)."""
    label: str | None = None
    """The change's label (``paywall``, ``dateline``, ...), for the boilerplate stub."""


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive items under one shared passage (``passage_id``) or under none."""

    items: tuple[Item, ...]
    passage_id: str | None = None
    element_id: str | None = None
    number: int | None = None
    """1-based passage number shown at the start of the passage (first fragment only)."""


@dataclass(frozen=True, slots=True)
class DocumentCard:
    """What the header says about one article."""

    name: str
    path: str
    title: str | None
    outlet: str | None
    published: str | None
    credit: str | None
    chars: int
    share: float
    """Share of this article's content words found in the other one."""
    is_source: bool
    other: str


@dataclass(frozen=True, slots=True)
class ChangeEntry:
    """One change as the list and the script see it."""

    change_id: str
    number: int
    kind: str
    category: str
    label: str | None
    in_quote: bool
    substantive: bool
    a_target: str | None
    """Element id to scroll to on side A (the change itself or the marker standing for it);
    None only if overlapping changes left this one no character of its own."""
    b_target: str | None
    before: str
    old: str
    new: str
    after: str


@dataclass(frozen=True, slots=True)
class PassageEntry:
    """One shared passage as the script sees it: where it starts on each side."""

    passage_id: str
    a_target: str
    b_target: str
    words: int


@dataclass(frozen=True, slots=True)
class StretchEntry:
    """A stretch of A retold in B as a whole (rewritten, or an edited copy), for the list
    under the summary: where it lies on each side, and how it begins there."""

    kind: str
    label: str
    """"Rewritten", "Edited copy", "Translated"."""
    phrase: str
    """What follows "A … retold as B …": "in other words", "from de into en"."""
    similarity: float
    a_range: str
    b_range: str
    a_excerpt: str
    b_excerpt: str


@dataclass(frozen=True, slots=True)
class StoryLine:
    """One sentence of the story panel and the ids of the changes it rests on."""

    story_id: str
    text: str
    change_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PairView:
    """Everything the pair page shows."""

    a: DocumentCard
    b: DocumentCard
    a_runs: tuple[Run, ...]
    b_runs: tuple[Run, ...]
    a_in_b: float
    b_in_a: float
    verdict: str
    confidence: float
    evidence: tuple[str, ...]
    passages: tuple[PassageEntry, ...]
    changes: tuple[ChangeEntry, ...]
    shared_words: int
    stretches: tuple[StretchEntry, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    """Changes per category, for the legend."""
    story: tuple[StoryLine, ...] = ()
    """The summary sentences, for the panel above the texts."""
    credit: str | None = None
    """The credit check's verdict ("uncredited", ...), when the source is known."""
    wire: str | None = None
    """With the verdict ``siblings``: the wire both texts took the story from."""

    @property
    def substantive(self) -> tuple[ChangeEntry, ...]:
        return tuple(entry for entry in self.changes if entry.substantive)

    def script_data(self) -> dict[str, list[dict[str, str | bool | list[str] | None]]]:
        """The only data the page script gets: ids and flags, never article text."""
        return {
            "story": [
                {"id": line.story_id, "changes": list(line.change_ids)} for line in self.story
            ],
            "passages": [
                {"id": p.passage_id, "a": p.a_target, "b": p.b_target} for p in self.passages
            ],
            "changes": [
                {
                    "id": c.change_id,
                    "a": c.a_target,
                    "b": c.b_target,
                    "listed": c.substantive,
                    "bp": c.category == Category.BOILERPLATE.value,
                }
                for c in self.changes
            ],
        }


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int = _SHORT) -> str:
    text = _squeeze(text)
    if len(text) <= limit:
        return text
    head = limit * 2 // 3
    return f"{text[:head]} … {text[-(limit - head - 3) :]}"


def _words(text: str) -> int:
    return len(text.split())


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def _change_id(index: int) -> str:
    return f"c{index}"


def _passage_id(index: int) -> str:
    return f"p{index}"


def _span(change: Change, side: Side) -> tuple[int, int]:
    if side is Side.A:
        return change.a_start, change.a_end
    return change.b_start, change.b_end


def _title(change: Change) -> str:
    what = f"{change.kind.value} · {change.category.value}"
    if change.label:
        what += f" ({change.label})"
    if change.in_quote:
        what += " · in a quotation"
    return what


def _change_classes(change: Change) -> str:
    kind = {ChangeKind.OMITTED: "omit", ChangeKind.ADDED: "add", ChangeKind.SUBSTITUTED: "sub"}
    classes = ["chg", kind[change.kind], f"cat-{change.category.value}"]
    if change.category is Category.BOILERPLATE:
        classes.append("bp")
    return " ".join(classes)


@dataclass(slots=True)
class _Marker:
    """Zero-width changes at one point of a side: where text of the other side would be."""

    position: int
    boilerplate: bool
    changes: list[tuple[int, Change]]


def _markers(changes: Sequence[Change], side: Side, spans: list[tuple[int, int]]) -> list[_Marker]:
    """Group the changes that are empty on ``side`` by position and by boilerplate-or-not.

    A point that falls strictly inside a change on the same side (it happens: an ``omitted``
    anchor at the end of the last word before a passage can land inside the punctuation of an
    ``added`` dateline) moves to the end of that change, so the change reads unbroken.
    """
    starts = [start for start, _ in spans]
    groups: dict[tuple[int, bool], _Marker] = {}
    for index, change in enumerate(changes):
        start, end = _span(change, side)
        if start != end:
            continue
        position = start
        where = bisect.bisect_left(starts, position) - 1
        while where >= 0 and spans[where][0] < position < spans[where][1]:
            position = spans[where][1]
            where = bisect.bisect_left(starts, position) - 1
        boilerplate = change.category is Category.BOILERPLATE
        key = (position, boilerplate)
        if key not in groups:
            groups[key] = _Marker(position, boilerplate, [])
        groups[key].changes.append((index, change))
    return sorted(groups.values(), key=lambda m: (m.position, m.boilerplate))


def _marker_label(marker: _Marker, side: Side) -> str:
    """``− 3 cuts · 120 words`` on B for text only in A; ``+ 1 addition · 9 words`` on A."""
    words = 0
    for _, change in marker.changes:
        words += _words(change.b_text if side is Side.A else change.a_text)
    count = len(marker.changes)
    if side is Side.B:
        noun = "boilerplate cut" if marker.boilerplate else "cut"
        sign = "−"
    else:
        noun = "boilerplate addition" if marker.boilerplate else "addition"
        sign = "+"
    return f"{sign} {_plural(count, noun)} · {_plural(words, 'word')}"


def _marker_item(marker: _Marker, side: Side, element_id: str) -> Item:
    classes = ["mark", "omit" if side is Side.B else "add"]
    classes.append("cat-boilerplate bp" if marker.boilerplate else "cat-content")
    label = _marker_label(marker, side)
    titles = sorted({_title(change) for _, change in marker.changes})
    return Item(
        kind="marker",
        classes=" ".join(classes),
        element_id=element_id,
        change_ids=tuple(_change_id(index) for index, _ in marker.changes),
        title="\n".join([label, *titles]),
        text=label,
    )


def _change_item(change: Change, index: int, piece: str, side: Side, first: bool) -> Item:
    """A fragment of a change's own text; the first fragment carries the id and annotations."""
    ghost = ""
    if change.kind is ChangeKind.SUBSTITUTED and first:
        ghost = change.b_text if side is Side.A else change.a_text
    return Item(
        kind="change",
        text=piece,
        classes=_change_classes(change),
        element_id=f"{side.value}-{_change_id(index)}" if first else None,
        change_ids=(_change_id(index),),
        title=_title(change),
        ghost=ghost,
        in_quote=change.in_quote and first and change.substantive,
        real_first=side is Side.A,
        label=change.label,
    )


def _innermost(active: dict[int, int]) -> int | None:
    """Of the intervals covering a point (index → start), the one that starts last."""
    if not active:
        return None
    return max(active, key=lambda index: (active[index], index))


def _side_items(
    comparison: Comparison, side: Side
) -> tuple[list[tuple[Item, int | None]], dict[int, str]]:
    """The items of one side with the passage index each belongs to, and change targets.

    A sweep over the boundaries of passages and changes: between two boundaries the text has one
    passage (or none) and one change (or none); a change split by an overlapping interval keeps
    its id on the first fragment and ``data-change`` on every fragment.
    """
    document = comparison.a if side is Side.A else comparison.b
    text = document.text
    length = len(text)
    prefix = side.value

    def clamp(value: int) -> int:
        return max(0, min(length, value))

    passage_spans = [
        (
            clamp(p.a_start if side is Side.A else p.b_start),
            clamp(p.a_end if side is Side.A else p.b_end),
        )
        for p in comparison.passages
    ]
    change_spans: dict[int, tuple[int, int]] = {}
    for index, change in enumerate(comparison.changes):
        start, end = (clamp(value) for value in _span(change, side))
        if start < end:
            change_spans[index] = (start, end)
    sorted_spans = sorted(change_spans.values())
    markers = _markers(comparison.changes, side, sorted_spans)

    events: dict[int, list[tuple[str, int, bool]]] = {}
    for index, (start, end) in enumerate(passage_spans):
        if start < end:
            events.setdefault(start, []).append(("passage", index, True))
            events.setdefault(end, []).append(("passage", index, False))
    for index, (start, end) in change_spans.items():
        events.setdefault(start, []).append(("change", index, True))
        events.setdefault(end, []).append(("change", index, False))
    markers_at: dict[int, list[_Marker]] = {}
    for marker in markers:
        position = clamp(marker.position)
        markers_at.setdefault(position, []).append(marker)
        events.setdefault(position, [])
    boundaries = sorted({0, length, *events})

    targets: dict[int, str] = {}
    items: list[tuple[Item, int | None]] = []
    active_passages: dict[int, int] = {}
    active_changes: dict[int, int] = {}
    opened: set[int] = set()
    marker_count = 0
    for position, following in zip(boundaries, [*boundaries[1:], None], strict=True):
        # Ends first, then markers, then starts: a marker on a passage's edge stays outside it.
        for kind, index, starting in events.get(position, []):
            if not starting:
                (active_passages if kind == "passage" else active_changes).pop(index, None)
        for marker in markers_at.get(position, []):
            marker_id = f"{prefix}-m{marker_count}"
            marker_count += 1
            for index, _ in marker.changes:
                targets[index] = marker_id
            items.append((_marker_item(marker, side, marker_id), _innermost(active_passages)))
        for kind, index, starting in events.get(position, []):
            if starting:
                if kind == "passage":
                    active_passages[index] = passage_spans[index][0]
                else:
                    active_changes[index] = change_spans[index][0]
        if following is None or following <= position:
            continue
        piece = text[position:following]
        passage = _innermost(active_passages)
        change_index = _innermost(active_changes)
        if change_index is None:
            items.extend((item, passage) for item in _plain_items(piece, passage is not None))
            continue
        first = change_index not in opened
        opened.add(change_index)
        if first:
            targets[change_index] = f"{prefix}-{_change_id(change_index)}"
        item = _change_item(comparison.changes[change_index], change_index, piece, side, first)
        items.append((item, passage))
    return items, targets


def _plain_items(text: str, in_passage: bool) -> list[Item]:
    """Unmarked text; inside a passage, line breaks get their own untinted item.

    The passage tint is drawn per line box, so a paragraph break inside a passage would
    otherwise show as a small coloured stub on the empty line.
    """
    if not in_passage or "\n" not in text:
        return [Item(kind="text", text=text)]
    items = []
    for piece in _LINE_BREAKS.split(text):
        if not piece:
            continue
        is_break = "\n" in piece and not piece.strip()
        items.append(Item(kind="text", text=piece, classes="nl" if is_break else ""))
    return items


def _is_boilerplate(item: Item) -> bool:
    return item.kind in ("change", "marker") and "bp" in item.classes.split()


def _is_whitespace(item: Item) -> bool:
    return item.kind == "text" and not item.text.strip()


def _split_trailing_separator(text: str) -> tuple[str, str]:
    """Split the blank space after a hidden boilerplate block: (hidden part, visible part).

    The visible part keeps at most one blank line, so a collapsed block reads like one
    paragraph break, not a hole.
    """
    cut = text.rfind("\n")
    if cut == -1:
        return text, ""
    second = text.rfind("\n", 0, cut)
    cut = second if second != -1 else cut
    return text[:cut], text[cut:]


def _with_boilerplate_blocks(
    items: list[tuple[Item, int | None]],
) -> list[tuple[Item, int | None]]:
    """Mark the blank space inside boilerplate blocks, and put a stub before each block.

    When the reader hides boilerplate, a block of consecutive boilerplate paragraphs collapses to
    its stub ("⋯ 17 boilerplate paragraphs hidden") instead of leaving a column of blank lines.
    The blank space is still in the page (hidden by CSS), so every character stays.
    """
    result: list[tuple[Item, int | None]] = []
    count = len(items)
    index = 0
    while index < count:
        item, passage = items[index]
        if not _is_boilerplate(item):
            result.append((item, passage))
            index += 1
            continue
        block: list[tuple[Item, int | None]] = []
        end = index
        while end < count:
            candidate, candidate_passage = items[end]
            if _is_boilerplate(candidate):
                block.append((candidate, candidate_passage))
                end += 1
                continue
            if not _is_whitespace(candidate):
                break
            end += 1
            inside = end == count or _is_boilerplate(items[end][0])
            hidden, visible = (
                (candidate.text, "") if inside else _split_trailing_separator(candidate.text)
            )
            if hidden:
                block.append((Item(kind="text", text=hidden, classes="bp-ws"), candidate_passage))
            if visible:
                block.append((Item(kind="text", text=visible), candidate_passage))
            if not inside:
                break
        labels: Counter[str] = Counter()
        paragraphs = 0
        for member, _ in block:
            if member.kind == "change" and member.element_id is not None:
                paragraphs += 1
                labels[member.label or "other"] += 1
        if paragraphs:
            kinds = ", ".join(f"{label} {n}" for label, n in labels.most_common(4))
            stub = Item(
                kind="stub",
                classes="stub",
                text=f"⋯ {_plural(paragraphs, 'boilerplate paragraph')} hidden ({kinds})",
            )
            result.append((stub, passage))
        result.extend(block)
        index = end
    return result


def _runs(items: Iterable[tuple[Item, int | None]], side: Side) -> tuple[Run, ...]:
    """Group items by passage; the first fragment of a passage carries its id and number."""
    runs: list[Run] = []
    current: list[Item] = []
    current_passage: int | None = None
    seen: set[int] = set()

    def close() -> None:
        if not current:
            return
        if current_passage is None:
            runs.append(Run(items=tuple(current)))
        else:
            first = current_passage not in seen
            seen.add(current_passage)
            runs.append(
                Run(
                    items=tuple(current),
                    passage_id=_passage_id(current_passage),
                    element_id=f"{side.value}-{_passage_id(current_passage)}" if first else None,
                    number=current_passage + 1 if first else None,
                )
            )

    for item, passage in items:
        if passage != current_passage and current:
            close()
            current = []
        current_passage = passage
        current.append(item)
    close()
    return tuple(runs)


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = _squeeze(text[max(0, start - _CONTEXT * 3) : start])
    after = _squeeze(text[end : end + _CONTEXT * 3])
    if text[max(0, start - 1) : start].isspace():
        before += " "
    if text[end : end + 1].isspace():
        after = " " + after
    before = before[-_CONTEXT:]
    after = after[:_CONTEXT]
    return before, after


def _entry(
    index: int,
    number: int,
    change: Change,
    comparison: Comparison,
    targets: tuple[str | None, str | None],
) -> ChangeEntry:
    if change.kind is ChangeKind.ADDED:
        before, after = _context(comparison.b.text, change.b_start, change.b_end)
    else:
        before, after = _context(comparison.a.text, change.a_start, change.a_end)
    return ChangeEntry(
        change_id=_change_id(index),
        number=number,
        kind=change.kind.value,
        category=change.category.value,
        label=change.label,
        in_quote=change.in_quote,
        substantive=change.substantive,
        a_target=targets[0],
        b_target=targets[1],
        before=before,
        old=_shorten(change.a_text),
        new=_shorten(change.b_text),
        after=after,
    )


def _card(name: str, document: Document, share: float, is_source: bool, other: str) -> DocumentCard:
    return DocumentCard(
        name=name,
        path=document.path or "(text)",
        title=document.title,
        outlet=document.outlet,
        published=document.published.isoformat(" ", "minutes") if document.published else None,
        credit=document.credit,
        chars=len(document.text),
        share=share,
        is_source=is_source,
        other=other,
    )


def build_pair_view(comparison: Comparison) -> PairView:
    """Lay out one comparison for the page: both texts cut into marked runs, the change list."""
    a_items, a_targets = _side_items(comparison, Side.A)
    b_items, b_targets = _side_items(comparison, Side.B)
    a_runs = _runs(_with_boilerplate_blocks(a_items), Side.A)
    b_runs = _runs(_with_boilerplate_blocks(b_items), Side.B)
    passages = tuple(
        PassageEntry(
            passage_id=_passage_id(index),
            a_target=f"a-{_passage_id(index)}",
            b_target=f"b-{_passage_id(index)}",
            words=passage.words,
        )
        for index, passage in enumerate(comparison.passages)
        if passage.a_start < passage.a_end and passage.b_start < passage.b_end
    )
    entries = []
    substantive_number = 0
    for index, change in enumerate(comparison.changes):
        if change.substantive:
            substantive_number += 1
        targets = (a_targets.get(index), b_targets.get(index))
        number = substantive_number if change.substantive else 0
        entries.append(_entry(index, number, change, comparison, targets))
    verdict = comparison.source.verdict
    return PairView(
        a=_card("A", comparison.a, comparison.similarity.a_in_b, verdict is Verdict.A, "B"),
        b=_card("B", comparison.b, comparison.similarity.b_in_a, verdict is Verdict.B, "A"),
        a_runs=a_runs,
        b_runs=b_runs,
        a_in_b=comparison.similarity.a_in_b,
        b_in_a=comparison.similarity.b_in_a,
        verdict=verdict.value,
        wire=comparison.source.wire,
        confidence=comparison.source.confidence,
        evidence=comparison.source.evidence,
        passages=passages,
        changes=tuple(entries),
        shared_words=sum(p.words for p in comparison.passages),
        stretches=tuple(
            StretchEntry(
                p.kind,
                *stretch_wording(p.kind, comparison.languages),
                similarity=p.similarity or 0.0,
                a_range=f"{p.a_start:,}–{p.a_end:,}",
                b_range=f"{p.b_start:,}–{p.b_end:,}",
                a_excerpt=_shorten(comparison.a.text[p.a_start : p.a_end]),
                b_excerpt=_shorten(comparison.b.text[p.b_start : p.b_end]),
            )
            for p in comparison.rewritten
        ),
        counts=dict(Counter(change.category.value for change in comparison.changes)),
        story=tuple(
            StoryLine(f"s{number}", sentence.text, tuple(_change_id(i) for i in sentence.changes))
            for number, sentence in enumerate(comparison.story.summary if comparison.story else ())
        ),
        credit=(
            comparison.story.credit.verdict.value
            if comparison.story and comparison.story.credit
            else None
        ),
    )
