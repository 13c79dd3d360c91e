"""Whose voice a cut or added sentence is in: the writer's own, or a reported fact.

Copies drop analysis and doubt first ("It was unclear why Iraq ... needs this"), and a reader
weighs that apart from a dropped fact. A sentence is in the writer's own voice when it
attributes nothing (no reporting verb, no "according to", no quotation) and it hedges or
judges: a word of uncertainty ("unclear", "appears", "likely", "would"), a judgement ("the
real issue", "point to") or a turn of argument ("however", "even so"). Everything else cut or
added is counted as reported fact. The markers are general English, not phrases of any
outlet.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from retold.clean.quotes import quote_spans
from retold.records import Change, ChangeKind, Fate, VoiceSentence
from retold.sentences import split_sentences
from retold.story.quotations import ATTRIBUTION
from retold.story.spans import ChangeMap

__all__ = ["is_own_voice", "voice_ledger"]

_OWN_VOICE = regex.compile(
    r"\b(?:unclear|not[ \t]+clear|uncertain|appears?|appeared|seems?|seemed|seemingly"
    r"|likely|unlikely|perhaps|possibly|probably|apparently|arguably|presumably|may|might"
    r"|could|would|should|however|nevertheless|nonetheless|even[ \t]+so|indeed|clearly"
    r"|obviously|of[ \t]+course|potentially|real[ \t]+(?:issue|question|problem|story)"
    r"|points?[ \t]+to|pointing[ \t]+to|remains[ \t]+to[ \t]+be[ \t]+seen|it[ \t]+is[ \t]+"
    r"(?:worth|not[ \t]+known|hard|difficult|important))\b",
    regex.IGNORECASE,
)
_QUOTE_MARK = regex.compile(r"[\"“”„«»]")


def is_own_voice(sentence: str) -> bool:
    """True for a sentence that attributes nothing and hedges or judges."""
    if ATTRIBUTION.search(sentence) or _QUOTE_MARK.search(sentence):
        return False
    return _OWN_VOICE.search(sentence) is not None


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The sentences of ``text[start:end]`` (``retold.sentences``: abbreviations such as
    "U.S." end none), a change that starts or ends inside a sentence giving a piece of it."""
    for first, last in split_sentences(text, start, end):
        piece = text[first:last]
        if any(c.isalpha() for c in piece):
            lead = len(piece) - len(piece.lstrip())
            yield first + lead, first + len(piece.rstrip())


def voice_ledger(changes: ChangeMap) -> tuple[VoiceSentence, ...]:
    """Every sentence (or piece of one) of the content cut from A and added in B, by voice."""
    ledger: list[VoiceSentence] = []
    for side in ("a", "b"):
        text = changes.text(side)
        quotes = quote_spans(text)
        fate = Fate.CUT if side == "a" else Fate.ADDED
        for index, change in changes.unshared(side):
            start, end = _span(change, side)
            for first, last in _sentences(text, start, end):
                own = not quotes.contains(first, last) and is_own_voice(text[first:last])
                ledger.append(VoiceSentence(side, first, last, fate, own, index))
    return tuple(sorted(ledger, key=lambda s: (s.side, s.start)))


def _span(change: Change, side: str) -> tuple[int, int]:
    if change.kind is ChangeKind.OMITTED or side == "a":
        return change.a_start, change.a_end
    return change.b_start, change.b_end
