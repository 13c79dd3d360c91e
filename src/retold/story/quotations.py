"""The quotations ledger and the attributions ledger: what someone is reported to have said,
and the phrases that say who said it.

A quotation (``retold.clean.quotes``: between quote marks, or a block introduced as a
statement) is *cut* when cuts cover most of it, *altered* when a substantive change touches
words inside the quote marks, *kept* otherwise, and *added* when additions in B cover most of a
quotation of B. Its other side is found by the changes, not by matching again: a kept
quotation's words are those of a quotation of B with the same folded words; an altered one's
are the quotation of B holding the changes' other side.

An attribution is a reporting phrase: "according to ISNA", "reported by Fars News", a speaker
before a reporting verb ("Heydari said", "an Iranian news website reported") or after it
("said Heydari"). A copy that drops "according to ISNA" and keeps the claim makes it its own;
the ledger lists every attribution of A with its fate, and those B adds.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from retold.clean.quotes import quote_spans
from retold.records import Attribution, ChangeKind, Fate, Quotation
from retold.story.spans import ChangeMap
from retold.tokens import fold_words

__all__ = ["ATTRIBUTION", "attributions_ledger", "quotations_ledger"]

_MOSTLY = 0.5
"""Share of a quotation's characters a cut (or an addition) must cover to take all of it."""
_VERB = regex.compile(
    r"\b(?:said|says|say|told|tells|reported|reports|announced|stated|wrote|writes|tweeted"
    r"|claimed|insisted|warned|confirmed|denied|noted|explained|argued|added|quoted|cited)\b"
    r"(?![ \t]+(?:to|by)\b)"
)
_SOURCE_PHRASE = regex.compile(
    r"\b(?:according[ \t]+to|(?:reported|quoted|cited)[ \t]+by|citing)"
    r"(?:[ \t]+[\p{L}\p{N}’'\-]+){1,6}?"
    r"(?=[ \t]*(?:[,.;:!?)\n\"“”]|$)|[ \t]+(?:on|in|at|when|that|as|after|while)\b)"
)
_NAME_AFTER = regex.compile(r"(?:[ \t]+the)?(?:[ \t]+\p{Lu}[\p{L}’'\-]+){1,4}")
_SPEAKER_WORD = regex.compile(r"(?:\p{Lu}\.)+|[\p{L}\p{N}’'\-]+\)?")
_CLAUSE_WORDS = frozenset(
    "that which who whom when while as and but because if after before since then than where"
    " so".split()
)
_SPEAKER_WORDS = 4
"""At most this many words before a reporting verb name the speaker ("an Iranian news
website reported")."""
ATTRIBUTION = regex.compile(
    r"\b(?:according[ \t]+to|(?:reported|quoted|cited)[ \t]+by|citing)\b|" + _VERB.pattern
)
"""Whether a stretch of text attributes anything (``voice`` asks it of whole sentences)."""


@lru_cache(maxsize=256)
def find_attributions(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the reporting phrases in ``text``, in order. Cached (``clear_attributions_cache``):
    a scan that tells stories reads a text's attributions in every pair of it."""
    spans = [match.span() for match in _SOURCE_PHRASE.finditer(text)]
    for verb in _VERB.finditer(text):
        if any(s <= verb.start() < e for s, e in spans):
            continue
        first = _speaker_start(text, max(0, verb.start() - 80), verb.start())
        if first < verb.start():
            spans.append((first, verb.end()))
            continue
        after = _NAME_AFTER.match(text, verb.end())
        if after is not None:
            spans.append((verb.start(), after.end()))
    return tuple(sorted(spans))


def clear_attributions_cache() -> None:
    """Forget the texts read (``retold.story.clear_story_caches``)."""
    find_attributions.cache_clear()


def _speaker_start(text: str, floor: int, verb: int) -> int:
    """Where the speaker before a reporting verb begins: up to ``_SPEAKER_WORDS`` words back,
    stopped by punctuation, a quote mark or a word that opens a clause; ``verb`` if none."""
    first = verb
    words = list(_SPEAKER_WORD.finditer(text, floor, verb))
    for word in reversed(words[-_SPEAKER_WORDS:]):
        if text[word.end() : first].strip() or word.group().casefold() in _CLAUSE_WORDS:
            break
        first = word.start()
    return first


def _covered(changes: ChangeMap, side: str, kind: ChangeKind, start: int, end: int) -> int:
    total = 0
    for index in changes.substantive(side, start, end):
        change = changes.change(index)
        if change.kind is kind:
            span = (change.a_start, change.a_end) if side == "a" else (change.b_start, change.b_end)
            total += max(0, min(end, span[1]) - max(start, span[0]))
    return total


def _story_quotes(changes: ChangeMap, side: str) -> list[tuple[int, int]]:
    return [
        (start, end)
        for start, end in quote_spans(changes.text(side)).spans()
        if not changes.in_boilerplate(side, start, end)
    ]


def _inside_marks(changes: ChangeMap, start: int, end: int) -> tuple[int, ...]:
    """The substantive changes that touch a word inside a quotation of A: a cut of '" Trump
    said' that takes the closing mark along leaves the quoted words alone."""
    text = changes.text("a")
    touching = []
    for index in changes.substantive("a", start, end):
        change = changes.change(index)
        inner = text[max(start, change.a_start) : min(end, change.a_end)]
        if any(c.isalnum() for c in inner) or change.a_start == change.a_end:
            touching.append(index)
    return tuple(touching)


def quotations_ledger(changes: ChangeMap) -> tuple[Quotation, ...]:
    """Every quotation of A with its fate, then the quotations B adds."""
    a_text, b_text = changes.text("a"), changes.text("b")
    b_quotes = _story_quotes(changes, "b")
    b_words = [tuple(fold_words(b_text[s:e])) for s, e in b_quotes]
    used: set[int] = set()
    ledger: list[Quotation] = []
    for start, end in _story_quotes(changes, "a"):
        touching = _inside_marks(changes, start, end)
        if _covered(changes, "a", ChangeKind.OMITTED, start, end) >= _MOSTLY * (end - start):
            ledger.append(Quotation(Fate.CUT, start, end, None, None, touching))
            continue
        if touching:
            anchors = {changes.change(i).b_start for i in touching}
            match = next(
                (i for i, (s, e) in enumerate(b_quotes) if any(s <= x <= e for x in anchors)),
                None,
            )
            fate = Fate.ALTERED
        else:
            words = tuple(fold_words(a_text[start:end]))
            match = next(
                (i for i, found in enumerate(b_words) if found == words and i not in used), None
            )
            fate = Fate.KEPT
        if match is not None:
            used.add(match)
        b_start, b_end = b_quotes[match] if match is not None else (None, None)
        ledger.append(Quotation(fate, start, end, b_start, b_end, touching))
    for index, (start, end) in enumerate(b_quotes):
        if index in used:
            continue
        if _covered(changes, "b", ChangeKind.ADDED, start, end) >= _MOSTLY * (end - start):
            touching = tuple(changes.substantive("b", start, end))
            ledger.append(Quotation(Fate.ADDED, None, None, start, end, touching))
    return tuple(ledger)


def attributions_ledger(changes: ChangeMap) -> tuple[Attribution, ...]:
    """Every attribution of A with its fate (cut when a substantive change takes it and the
    other side of that change attributes nothing), then the attributions B adds."""
    ledger: list[Attribution] = []
    for side in ("a", "b"):
        text, other = changes.text(side), changes.text("b" if side == "a" else "a")
        for start, end in find_attributions(text):
            if changes.in_boilerplate(side, start, end):
                continue
            fate, index = Fate.KEPT, None
            for found in changes.substantive(side, start, end):
                change = changes.change(found)
                span = (
                    (change.b_start, change.b_end)
                    if side == "a"
                    else (change.a_start, change.a_end)
                )
                if not ATTRIBUTION.search(other, *span):
                    fate, index = (Fate.CUT if side == "a" else Fate.ADDED), found
                    break
            if side == "a" or fate is Fate.ADDED:
                ledger.append(Attribution(side, start, end, fate, index))
    return tuple(ledger)
