"""Retellings with a known story, for scoring the story ledgers and the credit check.

``make_story_pair`` takes a real article body and writes a copy of it as a partisan or lazy
republisher would, recording what it did:

- *names cut*: one or two names the source mentions (runs of two to four capitalised words
  inside a sentence) are chosen, and every sentence mentioning either is cut;
- *a name renamed*: another such name is replaced, at every mention, by a made-up one
  ("the Linden Council");
- *quotations*: each quotation of the sentences left (``retold.clean.quotes``; the quote
  finder itself is not what is measured here) is cut with its sentence, altered (one word
  inside the marks replaced), or kept; a kept one may lose its attribution ("…," Smith said
  → "…,"), and an attribution phrase outside quotations may be struck ("according to X");
- *a figure* in a sentence left may change ("12" → "15");
- *the credit*: the copy credits the source (a "first published by" line naming the source's
  outlet, or the source author's byline kept), credits the wire the source credits (the
  source's dateline names Reuters, the copy takes its own dateline and adds a "contributed to
  this report" line), credits another outlet ("Source: ..."), or credits nothing (its own
  dateline, or nothing at all).

The copy adds no content of its own and is published three hours later, so the source verdict
is known and the credit check runs, as on the seed pair. Everything the copy lacks is recorded
as source ranges (``removed``): a reported "every mention cut" or "attribution dropped" is
right when it lies in them. The derived text is laid out by ``synthetic_pairs.assemble``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import regex

from retold.clean.quotes import quote_spans
from retold.evaluate.synthetic_pairs import (
    MASTHEADS,
    PLACES,
    SYNONYMS,
    Layout,
    Segment,
    UnsuitableSourceError,
    assemble,
    copy,
    insert,
    omit,
    outlet_name,
    pick,
    replace,
    separate,
    uniform_int,
)
from retold.explain.substitution import figures as figure_words
from retold.ingest.metadata import agencies, find_credit
from retold.records import Category, CreditVerdict, Document, Fate

__all__ = ["StoryPair", "StoryTruth", "make_story_pair"]

_NAME = regex.compile(
    r"(?<=[a-z,;] )(?!The )(?:[A-Z][a-z]+ ){1,3}[A-Z][a-z]+(?![\w'’-]|[ \t]+[A-Z])"
)
"""The generator's own rule for a name: a whole run of two to four capitalised words after a
lower-case word (never a sentence's first word), not opening with "The" and not possessive.
Simpler than retold's, and independent of it."""
_SPEAKER = regex.compile(
    r"[ \t]+(?:[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}|he|she|they)[ \t]+(?:said|says|told)\b"
)
"""A speaker right after a quotation ("…," Smith said)."""
_CREDITS = regex.compile(
    r"^[ \t]*(?:source|via)[ \t]*:|contributed|reporting[ \t]+by|first[ \t]+published"
    r"|originally[ \t]+published|courtesy[ \t]+of|©|copyright",
    regex.IGNORECASE | regex.MULTILINE,
)
"""Lines that credit someone: an article body holding one is not used (a copy keeping it
would credit that outlet, and the truth would not know)."""
_ACCORDING = regex.compile(r",?[ \t]+according[ \t]+to[ \t][^,.;\n]{2,40}")
_QUOTED_WORD = regex.compile(r"(?<![\w'’])[a-z]{4,}(?![\w'’])")
_DIGITS = regex.compile(r"(?<![\w.,$])\d{1,3}(?![\w.,%])")
_REPORTERS = "Lena Marsh,Omar Haddad,Julia Brandt,Kenji Sato,Ruth Okafor,Pavel Novak".split(",")
_BODIES = "Council Front Authority Alliance Movement Committee".split()
_WIRE = "Reuters"
_MIN_SENTENCES = 8
_MAX_NAME_SHARE = 0.4
"""A name mentioned in more sentences than this share is not cut: too little would be left."""
_SYNONYM_OF = dict(SYNONYMS)


@dataclass(frozen=True, slots=True)
class StoryTruth:
    """What the copy did to the source; ranges are offsets into the source text."""

    cut_names: tuple[str, ...]
    renamed: tuple[tuple[str, str], ...]
    quotations: tuple[tuple[int, int, Fate], ...]
    """Every quotation of the source (marks included) and its fate: kept, cut or altered."""
    stripped: tuple[tuple[int, int], ...]
    """Attribution phrases struck from sentences that stay."""
    figures: tuple[tuple[int, int], ...]
    """Figures changed in sentences that stay."""
    removed: tuple[tuple[int, int], ...]
    """Every range of the source the copy does not have (cut, struck or replaced)."""
    credit: CreditVerdict


@dataclass(frozen=True, slots=True)
class StoryPair:
    source: Document
    copy: Document
    truth: StoryTruth


@dataclass(slots=True)
class _Plan:
    """Edits over the source, as ``(start, end, replacement)``; None cuts the range."""

    edits: list[tuple[int, int, str | None]]

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or e <= start for s, e, _ in self.edits)

    def add(self, start: int, end: int, text: str | None) -> bool:
        if not self.free(start, end):
            return False
        self.edits.append((start, end, text))
        return True


def make_story_pair(text: str, rng: random.Random) -> StoryPair:
    """A source document made from ``text`` and a retelling of it, with the truth.

    Raises ``UnsuitableSourceError`` when the text has too few sentences, no name to cut, or
    credits someone already (the truth of the credit is the generator's own lines).
    """
    if len(Layout.of(text).sentences) < _MIN_SENTENCES:
        raise UnsuitableSourceError("too few sentences for a story pair")
    if next(agencies(text), None) is not None or _CREDITS.search(text):
        raise UnsuitableSourceError("the text credits an agency or an outlet already")
    credit = CreditVerdict(pick(rng, [verdict.value for verdict in CreditVerdict]))
    outlet, author = outlet_name(rng), pick(rng, _REPORTERS)
    frame = _frame(credit, outlet, author, rng)
    source_text = frame.source_header + text
    layout = Layout.of(source_text)
    plan = _Plan([])
    body = len(frame.source_header)
    cut_names = _cut_names(layout, plan, rng, body)
    renamed = _rename(layout, plan, rng, set(cut_names), body)
    stripped = _quotations(source_text, plan, rng)
    changed_figures = _figures(layout, plan, rng)
    quotations = _quotation_fates(source_text, plan)
    derived = assemble(source_text, _segments(source_text, plan, frame)).text
    published = datetime(2019, 6, 24, 12, 0, tzinfo=UTC) + timedelta(days=uniform_int(rng, 0, 900))
    source = Document(
        source_text,
        outlet=outlet.removeprefix("The "),
        credit=find_credit(source_text),
        published=published,
        published_from="field",
    )
    copy_document = Document(
        derived,
        credit=find_credit(derived),
        published=published + timedelta(hours=3),
        published_from="field",
    )
    removed = sorted((s, e) for s, e, _ in plan.edits)
    if frame.source_header and not frame.header_kept:
        removed.insert(0, (0, len(frame.source_header)))
    truth = StoryTruth(
        cut_names, renamed, quotations, stripped, changed_figures, tuple(removed), credit
    )
    return StoryPair(source, copy_document, truth)


@dataclass(frozen=True, slots=True)
class _Frame:
    """The lines around the story: the source's opening, and the copy's own opening and
    closing lines, which say (or hide) where its text is from."""

    source_header: str
    header_kept: bool
    """The copy keeps the source's opening (the source author's byline)."""
    copy_header: str
    copy_footer: str


def _frame(credit: CreditVerdict, outlet: str, author: str, rng: random.Random) -> _Frame:
    byline = f"By {author}\n\n"
    source_header = byline if rng.random() < 0.5 else ""
    own_dateline = f"{pick(rng, PLACES).upper()} (Dispatches) -- "
    if credit is CreditVerdict.CREDITS_SOURCE:
        if rng.random() < 0.5:
            return _Frame(byline, True, "", "")
        return _Frame(source_header, False, "", f"This article was first published by {outlet}.")
    if credit is CreditVerdict.CREDITS_WIRE:
        wire_dateline = f"{pick(rng, PLACES).upper()} ({_WIRE}) - "
        return _Frame(wire_dateline, False, own_dateline, f"{_WIRE} contributed to this report.")
    if credit is CreditVerdict.CREDITS_OTHER:
        other = f"{pick(rng, PLACES)} {pick(rng, MASTHEADS)}"
        return _Frame(source_header, False, "", f"Source: {other}")
    return _Frame(source_header, False, own_dateline if rng.random() < 0.6 else "", "")


def _sentences_with(layout: Layout, name: str) -> list[int]:
    return [
        index
        for index, (start, end) in enumerate(layout.sentences)
        if name in layout.text[start:end]
    ]


def _candidate_names(layout: Layout, body: int) -> list[str]:
    """Names of the body (the source's byline, before ``body``, is not the story)."""
    return sorted({match.group() for match in _NAME.finditer(layout.text, body)})


def _cut_names(layout: Layout, plan: _Plan, rng: random.Random, body: int) -> tuple[str, ...]:
    """Choose one or two names and cut every sentence that mentions them."""
    candidates = [
        name
        for name in _candidate_names(layout, body)
        if 0 < len(_sentences_with(layout, name)) <= _MAX_NAME_SHARE * len(layout.sentences)
    ]
    if not candidates:
        raise UnsuitableSourceError("no name to cut")
    rng.shuffle(candidates)
    wanted = uniform_int(rng, 1, 2)
    chosen: list[str] = []
    for name in candidates:
        if len(chosen) == wanted:
            break
        if any(name in other or other in name for other in chosen):
            continue
        chosen.append(name)
        for index in _sentences_with(layout, name):
            start, end = layout.sentences[index]
            if plan.free(start, end):
                plan.add(start, _after_space(layout.text, end), None)
    return tuple(chosen)


def _after_space(text: str, end: int) -> int:
    """``end`` moved over the spaces after a sentence (not over a line break)."""
    while end < len(text) and text[end] in " \t":
        end += 1
    return end


def _rename(
    layout: Layout, plan: _Plan, rng: random.Random, cut: set[str], body: int
) -> tuple[tuple[str, str], ...]:
    """Put a made-up name for another name, at every mention outside the cuts."""
    text = layout.text
    candidates = [
        name
        for name in _candidate_names(layout, body)
        if not any(name in other or other in name for other in cut)
    ]
    rng.shuffle(candidates)
    for name in candidates:
        spans = [(m.start(), m.end()) for m in regex.finditer(regex.escape(name), text, body)]
        spans = [s for s in spans if plan.free(*s)]
        if not spans:
            continue
        new = f"{pick(rng, PLACES)} {pick(rng, _BODIES)}"
        for start, end in spans:
            plan.add(start, end, new)
        return ((name, new),)
    return ()


def _quotations(text: str, plan: _Plan, rng: random.Random) -> tuple[tuple[int, int], ...]:
    """Cut (with its line), alter (one word inside the marks) or keep each quotation not yet
    touched; strike the speaker after some kept ones, and some "according to" phrases."""
    stripped: list[tuple[int, int]] = []
    for start, end in quote_spans(text).spans():
        if not plan.free(start, end):
            continue
        draw = rng.random()
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        if draw < 0.3 and plan.add(line_start, len(text) if line_end < 0 else line_end, None):
            continue
        words = [w for w in _QUOTED_WORD.finditer(text, start, end) if not figure_words(w.group())]
        if draw < 0.6 and words:
            word = words[int(rng.random() * len(words))]
            plan.add(word.start(), word.end(), _SYNONYM_OF.get(word.group(), word.group()[::-1]))
            continue
        speaker = _SPEAKER.match(text, end)
        if speaker is not None and rng.random() < 0.5:
            span = speaker.span()
            if plan.add(span[0], span[1], ""):
                stripped.append(span)
    quoted = quote_spans(text)
    for phrase in _ACCORDING.finditer(text):
        span = phrase.span()
        if rng.random() < 0.5 and not quoted.contains(*span) and plan.add(span[0], span[1], ""):
            stripped.append(span)
    return tuple(stripped)


def _quotation_fates(text: str, plan: _Plan) -> tuple[tuple[int, int, Fate], ...]:
    """Each quotation's fate, read from every edit of the plan (a cut for a name, a renamed
    name or a changed figure inside the marks count as much as the edits meant for it): cut
    when cuts take most of it, altered when an edit changes a word inside its marks."""
    fates = []
    for start, end in quote_spans(text).spans():
        cut = sum(max(0, min(end, e) - max(start, s)) for s, e, new in plan.edits if new is None)
        inside = [
            text[max(start, s) : min(end, e)] for s, e, _ in plan.edits if s < end and start < e
        ]
        if cut * 2 >= end - start:
            fates.append((start, end, Fate.CUT))
        elif any(any(c.isalnum() for c in piece) for piece in inside):
            fates.append((start, end, Fate.ALTERED))
        else:
            fates.append((start, end, Fate.KEPT))
    return tuple(fates)


def _figures(layout: Layout, plan: _Plan, rng: random.Random) -> tuple[tuple[int, int], ...]:
    """Change one figure of a sentence left, when there is one."""
    found = [m for m in _DIGITS.finditer(layout.text) if plan.free(m.start(), m.end())]
    if not found or rng.random() < 0.4:
        return ()
    figure = found[int(rng.random() * len(found))]
    value = int(figure.group())
    plan.add(figure.start(), figure.end(), str(value + uniform_int(rng, 1, 9)))
    return ((figure.start(), figure.end()),)


def _segments(text: str, plan: _Plan, frame: _Frame) -> list[Segment]:
    """The copy as segments: its own opening, the source with the plan's edits, its own
    closing line."""
    header_end = len(frame.source_header)
    segments: list[Segment] = []
    if frame.header_kept:
        position = 0
    else:
        if header_end:
            segments.append(omit(0, header_end))
        if frame.copy_header:
            segments.append(insert(frame.copy_header, Category.BOILERPLATE))
        position = header_end
    for start, end, replacement in sorted(plan.edits):
        if start > position:
            segments.append(copy(position, start, 0))
        if replacement is None:
            segments.append(omit(start, end))
        else:
            segments.append(replace(start, end, replacement, Category.CONTENT, 0))
        position = end
    if position < len(text):
        segments.append(copy(position, len(text), 0))
    if frame.copy_footer:
        segments += [separate("\n\n"), insert(frame.copy_footer, Category.BOILERPLATE)]
    return segments
