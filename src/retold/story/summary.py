"""The story in three to six plain sentences a journalist can paste, each with its figures and
the changes behind it.

Three are always there: who retells whom (or that the source is undecided), whether the copy
credits its source (or why that was not checked), and the names it cut everywhere (or that it
kept them all). Renamings, changed figures, quotations and voice follow when there is
something to say.

Every sentence is generated from the ledgers and the credit check, never from the article's
words beyond short quotations of the changed text. The sentences follow the direction of the
retelling: when B is the source, what "A cuts" is what the ledgers list as added in B. Six
sentences at most: when more have something to say, the figures sentence goes first, then the
voice sentence (the ledgers keep everything).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from retold.records import (
    Attribution,
    Category,
    Comparison,
    Credit,
    CreditVerdict,
    Fate,
    FigureChange,
    Name,
    Quotation,
    Story,
    StorySentence,
    Verdict,
    VoiceSentence,
)
from retold.story.credit import find_author
from retold.story.names import term_context
from retold.story.spans import ChangeMap

__all__ = ["summarize"]

_LISTED_NAMES = 6
_QUOTED_CHARS = 90
_MAX_SENTENCES = 6
_DROPPED_FIRST = ("figures", "voice")


@dataclass(frozen=True, slots=True)
class _Direction:
    """Which text is the source and which the copy, and how the ledgers' fates read."""

    source: str
    copy: str
    cut: Fate
    """The fate of what the copy left out: ``cut`` when A is the source, else ``added``."""

    @classmethod
    def of(cls, comparison: Comparison) -> _Direction:
        if comparison.source.verdict is Verdict.B:
            return cls("B", "A", Fate.ADDED)
        return cls("A", "B", Fate.CUT)

    @property
    def source_side(self) -> str:
        return self.source.lower()


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _QUOTED_CHARS:
        text = text[: _QUOTED_CHARS - 1].rsplit(" ", 1)[0] + " …"
    return f"“{text}”"


def _series(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (plural or word + 's')}"


def _sorted(indices: Iterable[int | None]) -> tuple[int, ...]:
    return tuple(sorted({index for index in indices if index is not None}))


def _stretches(count: int, words: int) -> str:
    if not count:
        return "none"
    return f"{_plural(count, 'stretch', 'stretches')} ({_plural(words, 'word')})"


def _outlet(comparison: Comparison, name: str) -> str:
    document = comparison.a if name == "A" else comparison.b
    return f"{name} ({document.outlet})" if document.outlet else name


def _overview(changes: ChangeMap, way: _Direction) -> StorySentence:
    comparison = changes.comparison
    source_side = way.source_side
    cut = list(changes.unshared(source_side))
    added = list(changes.unshared("b" if source_side == "a" else "a"))
    kept = comparison.similarity.a_in_b if source_side == "a" else comparison.similarity.b_in_a
    cut_words = sum(len(c.a_text.split()) + len(c.b_text.split()) for _, c in cut)
    added_words = sum(len(c.a_text.split()) + len(c.b_text.split()) for _, c in added)
    if comparison.source.verdict not in (Verdict.A, Verdict.B):
        text = (
            f"A and B share {_plural(len(comparison.passages), 'passage')}"
            f" ({comparison.similarity.a_in_b:.0%} of A is in B,"
            f" {comparison.similarity.b_in_a:.0%} of B in A); of their own, A has"
            f" {_stretches(len(cut), cut_words)}, B {_stretches(len(added), added_words)}."
        )
        return StorySentence(text, _sorted(i for i, _ in cut + added))
    own = f"adds {_plural(added_words, 'word')} of its own" if added else "adds nothing of its own"
    text = (
        f"{way.copy} retells {_outlet(comparison, way.source)}: it keeps {kept:.0%} of"
        f" {way.source}'s text, {own}, and cuts {_plural(len(cut), 'stretch', 'stretches')} of"
        f" {way.source}'s story ({_plural(cut_words, 'word')})."
    )
    return StorySentence(text, _sorted(i for i, _ in cut + added))


def _cut_everywhere(names: Sequence[Name], way: _Direction) -> list[Name]:
    """Names and terms the source mentions and the copy never does."""
    chosen = []
    for name in names:
        if name.mentions and all(m.fate is way.cut for m in name.mentions):
            chosen.append(name)
    return chosen


def _display(name: Name, changes: ChangeMap) -> str:
    if name.kind == "term":
        first = name.mentions[0]
        return "the " + term_context(changes.text(first.side), first)
    return f"the {name.name}" if name.article else name.name


def _names_sentence(names: Sequence[Name], changes: ChangeMap, way: _Direction) -> StorySentence:
    gone = _cut_everywhere(names, way)
    proper = [n for n in gone if n.kind == "name"]
    terms = [n for n in gone if n.kind == "term"]
    if not gone:
        return StorySentence(f"{way.copy} keeps a mention of every name {way.source} uses.", ())
    ranked = sorted(proper, key=lambda n: (-len(n.mentions), n.mentions[0].start))
    listed = sorted(ranked[:_LISTED_NAMES], key=lambda n: n.mentions[0].start)
    parts = [_display(n, changes) for n in listed]
    mentions = sum(len(n.mentions) for n in proper)
    text = ""
    if proper:
        more = len(proper) - len(listed)
        if more:
            parts.append(_plural(more, "other name"))
        text = (
            f"Every mention of {_series(parts)} is cut "
            f"({_plural(len(proper), 'name')}, {_plural(mentions, 'mention')} in all)"
        )
    if terms:
        shown = _series([f"{_display(t, changes)} ({len(t.mentions)})" for t in terms[:3]])
        text = (
            f"{text}, as is every mention of {shown}"
            if text
            else f"Every mention of {shown} is cut"
        )
    return StorySentence(text + ".", _sorted(m.change for n in gone for m in n.mentions))


def _renamed_sentence(
    names: Sequence[Name], changes: ChangeMap, way: _Direction
) -> StorySentence | None:
    """The names the copy put for the source's, each pair once, source's name first."""
    indices = _sorted(m.change for n in names for m in n.mentions if m.fate is Fate.RENAMED)
    if not indices:
        return None
    pairs: Counter[tuple[str, str, bool]] = Counter()
    for index in indices:
        change = changes.change(index)
        a_text, b_text = " ".join(change.a_text.split()), " ".join(change.b_text.split())
        old, new = (a_text, b_text) if way.source == "A" else (b_text, a_text)
        pairs[(old, new, change.category is Category.SPELLING)] += 1
    parts = [
        f"{_quote(old)} {'is respelled' if spelling else 'becomes'} {_quote(new)}"
        + (f" ({_plural(count, 'time')})" if count > 1 else "")
        for (old, new, spelling), count in pairs.items()
    ]
    return StorySentence("Names changed: " + _series(parts) + ".", indices)


def _figures_sentence(figures: Sequence[FigureChange]) -> StorySentence | None:
    if not figures:
        return None
    parts = [
        f"{_quote(' '.join(f.a_figures) or '—')} → {_quote(' '.join(f.b_figures) or '—')}"
        for f in figures[:4]
    ]
    more = f" and {len(figures) - 4} more" if len(figures) > 4 else ""
    text = f"{_plural(len(figures), 'figure')} changed: {', '.join(parts)}{more}."
    return StorySentence(text[0].upper() + text[1:], _sorted(f.change for f in figures))


def _quotations_sentence(
    quotations: Sequence[Quotation],
    attributions: Sequence[Attribution],
    changes: ChangeMap,
    way: _Direction,
) -> StorySentence | None:
    source_quotes = [
        q for q in quotations if (q.a_start if way.source == "A" else q.b_start) is not None
    ]
    added_fate = Fate.ADDED if way.cut is Fate.CUT else Fate.CUT
    counts = {fate: sum(1 for q in quotations if q.fate is fate) for fate in Fate}
    cut_quotes, added_quotes = counts[way.cut], counts[added_fate]
    dropped = [a for a in attributions if a.fate is way.cut]
    gained = [a for a in attributions if a.fate is added_fate]
    if not source_quotes and not dropped and not gained and not added_quotes:
        return None
    parts = []
    if source_quotes:
        kept = counts[Fate.KEPT]
        clause = f"Of {way.source}'s {_plural(len(source_quotes), 'quotation')}, {kept} "
        clause += "is" if kept == 1 else "are"
        clause += " kept word for word"
        if counts[Fate.ALTERED]:
            clause += f", {counts[Fate.ALTERED]} altered inside the quote marks"
        if cut_quotes:
            clause += f", {cut_quotes} cut"
        parts.append(clause)
    if added_quotes:
        parts.append(f"{way.copy} adds {_plural(added_quotes, 'quotation')}")
    if dropped:
        parts.append(
            f"{_plural(len(dropped), 'attribution')} "
            f"{'is' if len(dropped) == 1 else 'are'} dropped ("
            + ", ".join(_quote(changes.text(a.side)[a.start : a.end]) for a in dropped[:3])
            + (", …" if len(dropped) > 3 else "")
            + ")"
        )
    if gained:
        parts.append(f"{_plural(len(gained), 'attribution')} added")
    pointers: list[int | None] = [
        i for q in quotations if q.fate is not Fate.KEPT for i in q.changes
    ]
    pointers += [a.change for a in dropped + gained]
    return StorySentence("; ".join(parts) + ".", _sorted(pointers))


def _voice_sentence(
    sentences: Sequence[VoiceSentence], changes: ChangeMap, way: _Direction
) -> StorySentence | None:
    cut = [s for s in sentences if s.fate is way.cut]
    own = [s for s in cut if s.own_voice]
    if not own:
        return None
    first = own[0]
    example = _quote(changes.text(first.side)[first.start : first.end])
    text = (
        f"Of the {_plural(len(cut), 'sentence')} cut, {len(own)} "
        f"{'is' if len(own) == 1 else 'are'} the writer's own analysis or doubt (such as "
        f"{example}), {len(cut) - len(own)} reported fact."
    )
    return StorySentence(text, _sorted(s.change for s in own))


def _credit_sentence(credit: Credit | None, changes: ChangeMap, way: _Direction) -> StorySentence:
    comparison = changes.comparison
    if credit is None:
        wire = comparison.source.wire
        if wire:
            return StorySentence(f"Both credit {wire}: each took the story from {wire}.", ())
        return StorySentence(
            "Which text is the source is undecided, so whether the copy credits it is not checked.",
            (),
        )
    source = comparison.a if way.source == "A" else comparison.b
    copy_side = credit.copy
    pointers = _sorted(
        i
        for evidence in credit.evidence
        for i in changes.touching(copy_side, evidence.start, evidence.end)
    )
    claims = [e for e in credit.evidence if e.what.startswith("own ")]
    claim = ""
    if claims:
        claim = (
            f", and presents the text under its own {claims[0].what[4:]} {_quote(claims[0].text)}"
        )
    if credit.verdict is CreditVerdict.UNCREDITED:
        outlet = source.outlet or f"{way.source}'s outlet"
        author = find_author(source.text)
        who = f"the {outlet} nor {author}" if author else f"the {outlet} nor an author"
        if source.outlet and source.outlet.casefold().startswith("the "):
            who = who[4:]
        text = f"{way.copy} does not credit its source: it names neither {who}{claim}."
    else:
        named = next(
            e
            for e in credit.evidence
            if e.what in ("source outlet", "source author", "wire", "other")
        )
        where = "in its text" if named.where == "text" else f"in its {named.where}"
        what = {
            CreditVerdict.CREDITS_SOURCE: f"credits its source, naming {_quote(named.text)}",
            CreditVerdict.CREDITS_WIRE: (
                f"credits the wire {way.source} credits, {_quote(named.text)}"
            ),
            CreditVerdict.CREDITS_OTHER: (
                f"credits {_quote(named.text)}, not {source.outlet or way.source}"
            ),
        }[credit.verdict]
        text = f"{way.copy} {what} {where}{claim}."
    return StorySentence(text, pointers)


def summarize(ledgers: Story, changes: ChangeMap) -> tuple[StorySentence, ...]:
    """The summary sentences, in reading order: who retells whom, whether it says so, then
    names, renamings, figures, quotations and voice (see the module docstring for which go
    when there are more than six)."""
    way = _Direction.of(changes.comparison)
    candidates = {
        "overview": _overview(changes, way),
        "credit": _credit_sentence(ledgers.credit, changes, way),
        "names": _names_sentence(ledgers.names, changes, way),
        "renamed": _renamed_sentence(ledgers.names, changes, way),
        "figures": _figures_sentence(ledgers.figures),
        "quotations": _quotations_sentence(ledgers.quotations, ledgers.attributions, changes, way),
        "voice": _voice_sentence(ledgers.sentences, changes, way),
    }
    present = {key: s for key, s in candidates.items() if s is not None}
    for key in _DROPPED_FIRST:
        if len(present) > _MAX_SENTENCES:
            present.pop(key, None)
    return tuple(present.values())
