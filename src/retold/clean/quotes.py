"""Where a text quotes someone: spans between an opening and a closing double quote mark.

Copy editors change reporting around a quotation far more freely than the quotation itself, so a
change inside quote marks is flagged: it may alter what someone is reported to have said. Any
double quote mark opens and the next one in the same paragraph closes, which also covers the
mixed straight/curly pairs that hasty re-typing leaves behind ("watch”).

A quotation that runs over several paragraphs follows the news convention: each paragraph of it
opens with a quote mark, and only the last one closes. A paragraph whose last quote mark is left
open, followed by a paragraph that opens with a quote mark, is quoted to its end.

Some feeds type a double quote as two single ones (‘‘…’’, Helsinki's Boston Globe copies):
each such pair is read as one mark.

Block quotations carry no marks once a page is reduced to text, so two shapes of them are read
from the lines around: an embedded post (the paragraph above an attribution line "— Donald J.
Trump (@realDonaldTrump) July 16, 2018"), and a statement introduced by a colon ("The White
House said in a statement:" — the next paragraph, when it does not open a quotation itself).

A quotation attributed to a news report ("…," the report said; "…," AFP reported; "…,"
according to Reuters) quotes the report's own text, not someone's words: ``QuoteSpans.reported``
tells it, so that a write-up quoting a wire story is not taken for an article quoting the same
speaker as the story.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

import regex

__all__ = ["QuoteSpans", "without_quotations"]

_MARKS = '"“”„«»'
_QUOTED = regex.compile(rf"[{_MARKS}][^{_MARKS}\n]{{1,3000}}[{_MARKS}]")
_MARK = regex.compile(rf"[{_MARKS}]")
_OPENS_PARAGRAPH = regex.compile(rf"\n[ \t]*[{_MARKS}]")
_POST_ATTRIBUTION = regex.compile(
    r"^[ \t]*[—–-]+[ \t]*[^\n]{1,80}\(@\w{1,30}\)[^\n]{0,40}$", regex.MULTILINE
)
_INTRODUCES_STATEMENT = regex.compile(
    rf"(?:\b(?:said|says|wrote|writes|tweeted|posted|added|declared)\b[^\n{_MARKS}]{{0,60}}"
    rf"|\b(?:statement|letter|tweet|post)[ \t]+(?:said|says|read|reads)[ \t]*):[ \t]*\n",
    regex.IGNORECASE,
)
_LINE_ENDS_WITH_COLON = regex.compile(r":[ \t]*\n")
_NEWS_REPORT = (
    r"(?:the[ ]|a[ ])?(?:report|article|story|dispatch|news[ ]agency|newspaper|wire[ ]service"
    r"|AFP|AP|Reuters|(?:the[ ])?Associated[ ]Press|Agence[ ]France-Presse)"
)
"""A news report, or its publisher. Not "the agency", which in most news is a government's
(the FBI, an environment agency)."""
_REPORTS = r"(?:said|says|reported|reports|wrote|writes|added|adds|noted|notes|stated)"
_REPORT_SAID = regex.compile(
    rf"[ \t]*,?[ \t]*(?:according[ ]to[ ]{_NEWS_REPORT}(?![\w'’])|{_NEWS_REPORT}[ ]{_REPORTS}\b)",
    regex.IGNORECASE,
)
"""What follows a quotation of a news report: "…," the report said; "…," AFP reported; "…,"
according to Reuters (not "according to Reuters' sources", whose words they are)."""


def without_quotations(text: str) -> str:
    """The text with every quotation blanked out: what the writer says in their own voice."""
    blanked: str = _QUOTED.sub(" ", _with_double_marks(text))
    return blanked


def _with_double_marks(text: str) -> str:
    """``text`` with each pair of single quote marks typed for a double one (‘‘ ’’) made one
    double mark and a space, so that every offset still points to the same character."""
    if "‘‘" not in text and "’’" not in text:
        return text
    return text.replace("‘‘", " “").replace("’’", "” ")


@lru_cache(maxsize=1024)
def quote_spans(text: str) -> QuoteSpans:
    """``QuoteSpans(text)``, cached: a document in many pairs is read for quotes once."""
    return QuoteSpans(text)


class QuoteSpans:
    """The quoted stretches of one text, for fast "is this offset inside a quote?" questions."""

    __slots__ = ("_ends", "_reported_ends", "_reported_starts", "_starts")

    def __init__(self, text: str) -> None:
        text = _with_double_marks(text)
        quoted = [match.span() for match in _QUOTED.finditer(text)]
        reported = [(start, end) for start, end in quoted if _REPORT_SAID.match(text, end)]
        self._reported_starts = [start for start, _ in reported]
        self._reported_ends = [end for _, end in reported]
        found = quoted + _run_ons(text)
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found + _blocks(text)):  # a block may hold quotes of its own
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def spans(self) -> tuple[tuple[int, int], ...]:
        """The quoted stretches, in order, marks included (merged where they overlap)."""
        return tuple(zip(self._starts, self._ends, strict=True))

    def contains(self, start: int, end: int) -> bool:
        """True when ``start:end`` overlaps the inside of a quotation."""
        index = bisect.bisect_right(self._starts, start) - 1
        if index >= 0 and start < self._ends[index]:
            return True
        following = index + 1
        return following < len(self._starts) and self._starts[following] < end

    def covered(self, start: int, end: int) -> int:
        """How many characters of ``start:end`` lie inside quotations."""
        return _covered(self._starts, self._ends, start, end)

    def reported(self, start: int, end: int) -> int:
        """How many characters of ``start:end`` lie inside quotations of a news report ("…,"
        the report said)."""
        return _covered(self._reported_starts, self._reported_ends, start, end)


def _covered(starts: list[int], ends: list[int], start: int, end: int) -> int:
    """Characters of ``start:end`` inside the sorted, disjoint spans ``starts``/``ends``."""
    total = 0
    index = max(0, bisect.bisect_right(starts, start) - 1)
    while index < len(starts) and starts[index] < end:
        total += max(0, min(end, ends[index]) - max(start, starts[index]))
        index += 1
    return total


def _run_ons(text: str) -> list[tuple[int, int]]:
    """Spans from a paragraph's unclosed last quote mark to the paragraph's end, where the next
    paragraph opens with a quote mark (a quotation running on)."""
    spans = []
    for following in _OPENS_PARAGRAPH.finditer(text):
        end = following.start()
        start = text.rfind("\n", 0, end) + 1
        marks = [match.start() for match in _MARK.finditer(text, start, end)]
        paired = sum(1 for _ in _QUOTED.finditer(text, start, end))
        if len(marks) > 2 * paired:  # a mark left open: the last one
            spans.append((marks[-1], end))
    return spans


def _blocks(text: str) -> list[tuple[int, int]]:
    """The paragraph above each embedded post's attribution line, and the paragraph after each
    line that introduces a statement with a colon. Each shape is looked for only in a text that
    holds its mark (a handle, a colon ending a line): most texts hold neither, and the search
    for them was a tenth of working out a text's sides for alignment."""
    posts = _posts(text) if "(@" in text else []
    statements = _statements(text) if _LINE_ENDS_WITH_COLON.search(text) else []
    return posts + statements


def _posts(text: str) -> list[tuple[int, int]]:
    spans = []
    for attribution in _POST_ATTRIBUTION.finditer(text):
        end = attribution.start() - 1
        if end > 0:
            spans.append((text.rfind("\n", 0, end) + 1, end))
    return spans


def _statements(text: str) -> list[tuple[int, int]]:
    spans = []
    for introduction in _INTRODUCES_STATEMENT.finditer(text):
        start = introduction.end()
        if start < len(text) and text[start] not in _MARKS:
            end = text.find("\n", start)
            spans.append((start, len(text) if end < 0 else end))
    return spans
