"""The scan's count of prose words in a span, checked with hypothesis against its definition.

``retold.pairs._prose_words`` counts, with each text's chrome lines worked out once, the words
of ``text[start:end]`` (as ``str.split`` cuts them, a word cut by an edge included) that are
not on a line of page chrome (a boilerplate line, or a short line that is not part of a
paragraph wrapped over several lines). The definition is spelled
out here the slow way, line by line, and both must agree on any text and any span.
"""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from retold.clean.boilerplate import (
    Block,
    glued_caption_end,
    is_short_line,
    label_lines,
    wrapped_lines,
)
from retold.pairs import _prose_words, _word_index
from tests.conftest import JPOST

LINES = [line for line in JPOST.read_text(encoding="utf-8").split("\n") if line.strip()][:80]
GLUED_CAPTION = "Trump arrives in Helsinki, Finland, on Sunday, July 15, 2018. " + " ".join(
    LINES[:3]
)
"""A photo's caption run into the paragraph under it (``glued_caption_end``)."""
WRAPPED = textwrap.wrap(" ".join(sorted(LINES, key=len)[-3:]), 60)
"""The seed's three longest paragraphs wrapped at 60 characters, as a plain-text file is."""


def _by_definition(text: str, start: int, end: int) -> int:
    """Words of the span on each non-empty line, the lines labelled together as a page (a
    caption is told by the credit line under it), chrome lines left out; of a page's one
    caption run into a paragraph, the paragraph is prose."""
    lines, position = [], 0
    for line in text.split("\n"):
        if line:
            lines.append((position, line))
        position += len(line) + 1
    labels = label_lines([Block(line) for _, line in lines])
    wrapped = wrapped_lines([line for _, line in lines])
    words = 0
    for (line_start, line), label, in_paragraph in zip(lines, labels, wrapped, strict=True):
        overlap = text[max(start, line_start) : min(end, line_start + len(line))]
        if overlap and label is None and (in_paragraph or not is_short_line(line)):
            words += len(overlap.split())
        glued = glued_caption_end(line) if labels.count("caption") == 1 else None
        if label == "caption" and glued is not None:
            words += len(
                text[max(start, line_start + glued) : min(end, line_start + len(line))].split()
            )
    return words


@st.composite
def texts_and_spans(draw: st.DrawFn) -> tuple[str, int, int]:
    lines = draw(
        st.lists(st.sampled_from([*LINES, GLUED_CAPTION, "", "  ", "Advertisement"]), max_size=12)
    )
    first = draw(st.integers(0, len(WRAPPED)))
    at = draw(st.integers(0, len(lines)))
    lines[at:at] = WRAPPED[first : draw(st.integers(first, len(WRAPPED)))]
    text = "\n".join(lines)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


@settings(max_examples=300, deadline=None)
@given(texts_and_spans())
def test_prose_words_match_their_definition(case: tuple[str, int, int]) -> None:
    text, start, end = case
    assert _prose_words(text, start, end) == _by_definition(text, start, end)


@st.composite
def any_text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    """Any text, with every kind of space character among the others (no-break, ideographic,
    line separators, the C0 separators)."""
    spaces = "".join(chr(code) for code in range(0x3001) if chr(code).isspace())
    text = draw(st.text(st.one_of(st.sampled_from(spaces), st.characters()), max_size=200))
    start = draw(st.integers(0, len(text)))
    return text, start, draw(st.integers(start, len(text)))


@settings(max_examples=500, deadline=None)
@given(any_text_and_span())
def test_words_of_a_span_are_those_str_split_cuts(case: tuple[str, int, int]) -> None:
    """The per-text word index counts, for any span, the words ``str.split`` finds in it."""
    text, start, end = case
    words, prose = _word_index(text).words(start, end)
    assert words == len(text[start:end].split())
    assert 0 <= prose <= words


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([*LINES, *WRAPPED, "", "Advertisement"]),
            st.text(st.sampled_from(" \t\xa0,aAé.—the and"), max_size=30),
        ),
        max_size=16,
    )
)
def test_the_search_before_wrapped_lines_skips_no_wrapped_line(lines: list[str]) -> None:
    """``wrapped_lines`` first searches the whole page for a line that may go on into the next
    and answers "none" when there is none; line by line, the answer must be the same."""
    from retold.clean.boilerplate import _wrapped_runs

    assert wrapped_lines(lines) == _wrapped_runs([line.strip() for line in lines])
