"""Paragraphs and sentences of a text, as character spans (offsets into the text as read).

A rule-based splitter, good enough to cut news into sentences, not a linguistic tool: the
paraphrase aligner compares sentences, and the synthetic generators cut real articles into them.
"""

from __future__ import annotations

import regex

__all__ = ["split_paragraphs", "split_sentences"]

# A sentence ends at terminal punctuation (plus closing quotes or brackets) followed by space
# and an opening quote, capital or digit; abbreviations are vetoed (``_is_abbreviation``).
# Chinese and Japanese full stops end a sentence wherever they stand: these scripts put no space
# after them and have no capitals.
_SENTENCE_END = regex.compile(
    r"[.!?]+[”’\"')\]]*(?=\s+[“‘\"'(\[]?[\p{Lu}\p{N}])|[。！？]+[”’」』）]*"
)
_CJK_STOPS = frozenset("。！？")
_PARAGRAPH = regex.compile(r"[^\n]+")
_INITIALS = regex.compile(r"(?:\p{L}\.)*\p{L}")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr st jr sr gen sen rep gov lt col sgt capt cmdr adm prof inc corp co ltd vs
    no nos jan feb mar apr jun jul aug sep sept oct nov dec mt ft rev pres sec dept fig approx
    est messrs""".split()
)


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text``, trimmed: retold reads a line as a paragraph."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start, end = _trim(text, match.start(), match.end())
        if start < end:
            spans.append((start, end))
    return spans


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text[start:end]`` (one paragraph), trimmed, in order.

    A rule-based splitter: good enough to pick sentences of news text, not a linguistic tool.
    "U.S. President" and "Mr. Putin" do not end a sentence; a lone capital ("J. Smith") neither.
    """
    end = len(text) if end is None else end
    spans = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        cjk_stop = text[match.start()] in _CJK_STOPS  # no abbreviation ends in one
        if not cjk_stop and _is_abbreviation(_last_word(text, cursor, match.start())):
            continue
        spans.append(_trim(text, cursor, match.end()))
        cursor = match.end()
    spans.append(_trim(text, cursor, end))
    return [(first, last) for first, last in spans if first < last]


def _last_word(text: str, start: int, end: int) -> str:
    """The last whitespace-separated word of ``text[start:end]`` (without slicing it all)."""
    cut = max(
        text.rfind(" ", start, end), text.rfind("\n", start, end), text.rfind("\t", start, end)
    )
    return text[max(cut + 1, start) : end]


def _is_abbreviation(last: str) -> bool:
    if not last:
        return False
    last = last.lstrip("(“\"'‘").casefold()
    return last in _ABBREVIATIONS or bool(_INITIALS.fullmatch(last))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
