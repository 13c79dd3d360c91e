"""Align one candidate pair of a corpus with the ``compare`` core and summarize it for storage.

The comparison itself is ``retold.compare_documents``: the scanner reuses the reader's records,
the tokenizer, the aligner and the explanation unchanged. This module adds what only a corpus
needs: whether the pair counts (a passage long enough), how much of the shared text is quotation,
and the pair's provisional relation — ``retelling`` when a large share of one article's own
words (outside quotations) is found in the other, ``shared_quote`` when what they share is
mostly words inside quotation marks, ``shared_text`` otherwise. Whether a retelling is really a
``compilation`` (a live blog or roundup holding several stories) is decided later, on the graph
of all pairs (``retold.families``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import numpy.typing as npt
import regex

from retold.clean.boilerplate import (
    Block,
    glued_caption_end,
    is_short_line,
    label_lines,
    wrapped_lines,
)
from retold.clean.quotes import quote_spans
from retold.config import TRANSLATION, CompareConfig, PairConfig, ParaphraseConfig
from retold.core import compare_documents, with_changes
from retold.records import Comparison, Document, Passage, Verdict

__all__ = ["PairResult", "Relation", "align_pair"]


class Relation:
    """The closed vocabulary of pair relations (strings, as stored in Parquet)."""

    RETELLING = "retelling"
    SHARED_QUOTE = "shared_quote"
    SHARED_TEXT = "shared_text"
    COMPILATION = "compilation"
    REWRITTEN = "rewritten"
    """Retold only in other words (``scan --rewritten``). Kept apart from ``retelling``: on
    the Helsinki gold, articles on one event share sentences alike enough to read as rewritten
    (815 of the 880 pairs this would have made retellings are not), so these pairs do not
    join families."""


@dataclass(frozen=True, slots=True)
class PairResult:
    """A kept pair: the comparison and its summary."""

    comparison: Comparison
    relation: str
    quoted_share: float
    own_share: float
    """max over the two texts of the share of its words found in the other on its lines of
    prose (page chrome and captions left out), discounted by the share of the shared text that
    is quotation."""
    shared_words: int
    source: Verdict


def _quoted_share(comparison: Comparison) -> float:
    """Share of the shared characters (both sides) that lie inside quotation marks. Shared
    text quoted in either text counts as quoted in both: a post embedded as it was written
    (a tweet's lines on a roundup) is quoted by the article that cites it. Except text quoted
    in one text only as a news report's ("…," the report said; "…," AFP reported): the other
    text is that report, or a copy of it, and the quoting one a write-up of it."""
    a_quotes, b_quotes = quote_spans(comparison.a.text), quote_spans(comparison.b.text)
    inside = total = 0.0
    for passage in comparison.passages:
        a_length, b_length = passage.a_end - passage.a_start, passage.b_end - passage.b_start
        if not a_length or not b_length:
            continue
        a_quoted = a_quotes.covered(passage.a_start, passage.a_end)
        b_quoted = b_quotes.covered(passage.b_start, passage.b_end)
        if not a_quoted or not b_quoted:
            a_quoted -= a_quotes.reported(passage.a_start, passage.a_end)
            b_quoted -= b_quotes.reported(passage.b_start, passage.b_end)
        quoted = max(a_quoted / a_length, b_quoted / b_length)
        inside += quoted * (a_length + b_length)
        total += a_length + b_length
    return inside / total if total else 0.0


_SCAN_REWRITTEN = CompareConfig(
    translation=dataclasses.replace(TRANSLATION, enabled=False),
    changes=False,
    story=False,  # a scan stores changes (--changes), never a story
)
"""With ``scan --rewritten``: every pair is aligned by sentences too, as ``compare`` does
(translations across languages are not looked for in a corpus yet)."""
_SCAN_COMPARE = dataclasses.replace(_SCAN_REWRITTEN, paraphrase=ParaphraseConfig(enabled=False))
"""By default the scan keeps exact passages only: the sentence alignment costs every pair
several times the exact alignment (``retold compare`` on a pair has it). Neither explains
every change unless asked (``CompareConfig.changes``)."""
_STRETCH_KINDS = frozenset({"rewritten", "edited"})
_LINE = regex.compile(r"[^\n]+")


def _chrome_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the lines of ``text`` that are not article prose: short lines
    (headlines, menus, names) and boilerplate, each line labelled with its neighbours (a caption
    is told by the credit line under it; of a caption run into the paragraph under it, only the
    caption: ``glued_caption_end``). A short line of a paragraph wrapped over several
    lines (a plain-text file, an e-mail, PAN's essays) is prose like the paragraph."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    line_texts = [text[start:end] for start, end in lines]
    labels = label_lines([Block(line) for line in line_texts])
    if labels.count("caption") == 1:
        at = labels.index("caption")
        lines[at] = _caption_alone(*lines[at], text)
    wrapped = wrapped_lines(line_texts)
    return tuple(
        span
        for span, line, label, in_paragraph in zip(lines, line_texts, labels, wrapped, strict=True)
        if label is not None or (is_short_line(line) and not in_paragraph)
    )


def _caption_alone(start: int, end: int, text: str) -> tuple[int, int]:
    """The span of a page's one caption, without the paragraph a scraper glued it to."""
    glued = glued_caption_end(text[start:end])
    return (start, end) if glued is None else (start, start + glued)


@dataclass(frozen=True, slots=True)
class _WordIndex:
    """A text's words (``str.split``'s runs of non-space) and how many of them, up to each, lie
    on lines of prose: the word counts of any stretch in two binary searches."""

    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]
    prose_before: npt.NDArray[np.int64]
    """``prose_before[i]``: words before the ``i``-th that lie on lines of prose."""

    def words(self, start: int, end: int) -> tuple[int, int]:
        """Words of ``text[start:end]`` (a word cut by an end counts), and those of them on
        lines of prose."""
        # The arrays' own method: ``np.searchsorted`` wraps it at twice its cost for a scalar.
        first = int(self.ends.searchsorted(start, side="right"))
        last = int(self.starts.searchsorted(end, side="left"))
        if last <= first or end <= start:
            return 0, 0
        return last - first, int(self.prose_before[last] - self.prose_before[first])


@cache
def _space_table() -> npt.NDArray[np.bool_]:
    """``str.isspace`` of every code point (all such characters lie below U+3001)."""
    table = np.zeros(0x110000, dtype=bool)
    table[[code for code in range(0x3001) if chr(code).isspace()]] = True
    return table


@lru_cache(maxsize=1024)
def _word_index(text: str) -> _WordIndex:
    """Cached: a scan meets each text in every pair of it. Words never cross a line break, so
    each word is prose or chrome as a whole (``_chrome_spans``)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    in_word = np.zeros(len(codes) + 2, dtype=np.int8)
    in_word[1:-1] = ~_space_table()[codes]
    edges = np.diff(in_word)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    chrome = np.zeros(len(starts), dtype=bool)
    for chrome_start, chrome_end in _chrome_spans(text):
        first = np.searchsorted(ends, chrome_start, "right")
        chrome[first : np.searchsorted(starts, chrome_end)] = True
    prose_before = np.zeros(len(starts) + 1, dtype=np.int64)
    np.cumsum(~chrome, out=prose_before[1:])
    return _WordIndex(starts, ends, prose_before)


def _prose_words(text: str, start: int, end: int) -> int:
    """Words of ``text[start:end]`` on lines that read as article prose, not page chrome.

    Sister sites share their chrome ("Enter City and State or Zip Code", menus, widgets) and
    galleries share their captions: a passage made of such lines links two pages, not two
    stories.
    """
    return _word_index(text).words(start, end)[1]


def _prose_share(text: str, spans: list[tuple[int, int]]) -> float:
    """Share of the words of ``spans`` (a text's shared passages) on lines of prose."""
    index = _word_index(text)
    counted = [index.words(start, end) for start, end in spans]
    words = sum(total for total, _ in counted)
    return sum(prose for _, prose in counted) / words if words else 0.0


def _retold_share(text: str, spans: list[tuple[int, int]]) -> float:
    """Share of a text's prose words that lie inside ``spans`` (stretches retold as wholes)."""
    prose = _prose_words(text, 0, len(text))
    return sum(_prose_words(text, start, end) for start, end in spans) / prose if prose else 0.0


def _prose_in_both(a: Document, b: Document, passage: Passage, config: PairConfig) -> bool:
    """An exact passage, or a copy with edits, counts when it is article prose in both texts,
    not page chrome."""
    return (
        _prose_words(a.text, passage.a_start, passage.a_end) >= config.min_passage_words
        and _prose_words(b.text, passage.b_start, passage.b_end) >= config.min_passage_words
    )


def _prose_in_one(a: Document, b: Document, stretch: Passage, config: PairConfig) -> bool:
    """A stretch rewritten in other words counts when it is prose in one text and as long in
    the other: its sentences were matched one by one by their words, which chrome shared by two
    pages is not, and a rewriting may be re-wrapped in short lines (a plain-text feed, a post).
    An edited copy is mostly exact passages, and is judged as they are."""
    a_words = len(a.text[stretch.a_start : stretch.a_end].split())
    b_words = len(b.text[stretch.b_start : stretch.b_end].split())
    least = config.min_passage_words
    return min(a_words, b_words) >= least and (
        _prose_words(a.text, stretch.a_start, stretch.a_end) >= least
        or _prose_words(b.text, stretch.b_start, stretch.b_end) >= least
    )


def align_pair(
    a: Document,
    b: Document,
    config: PairConfig | None = None,
    *,
    rewritten: bool = False,
    changes: bool = False,
    story: bool = False,
) -> PairResult | None:
    """Compare two corpus documents; ``None`` when they share no passage long enough that is
    prose in both (a caption repeating a story's lede links a gallery to the story, not a
    story to a story).

    With ``rewritten``, stretches retold in other words (``Comparison.rewritten``) count as
    shared passages too, by the prose words they span. With ``changes``, every change is
    explained (``Comparison.changes``); without, there are none. With ``story``, a pair that
    retells (or shares text outside quotations, which the family model may call a retelling)
    and whose source is known gets the story of its retelling (``Comparison.story``: the
    credit check, the names cut or renamed; the changes are explained for it).
    """
    config = config or PairConfig()
    compare_config = _SCAN_REWRITTEN if rewritten else _SCAN_COMPARE
    if changes:
        compare_config = dataclasses.replace(compare_config, changes=True)
    comparison = compare_documents(a, b, config=compare_config)
    passages = comparison.passages
    stretches = [p for p in comparison.rewritten if p.kind in _STRETCH_KINDS]
    if not any(
        (p.words >= config.min_passage_words or p.kind == "edited")
        and _prose_in_both(a, b, p, config)
        for p in (*passages, *stretches)
    ) and not any(p.kind == "rewritten" and _prose_in_one(a, b, p, config) for p in stretches):
        return None
    quoted = _quoted_share(comparison)
    similarity = comparison.similarity
    # Each side's share counts only its own prose: a gallery whose captions repeat an article's
    # lede holds that lede, but in captions, not as a story of its own.
    a_own = similarity.a_in_b * _prose_share(a.text, [(p.a_start, p.a_end) for p in passages])
    b_own = similarity.b_in_a * _prose_share(b.text, [(p.b_start, p.b_end) for p in passages])
    own_share = max(a_own, b_own) * (1.0 - quoted)
    retold_share = own_share
    if stretches:  # retold in other words: the share of each side's prose inside the stretches
        a_retold = _retold_share(a.text, [(p.a_start, p.a_end) for p in stretches])
        b_retold = _retold_share(b.text, [(p.b_start, p.b_end) for p in stretches])
        retold_share = max(own_share, max(a_retold, b_retold) * (1.0 - quoted))
    shared_words = sum(p.words for p in passages)
    if quoted >= config.quote_share:
        relation = Relation.SHARED_QUOTE
    elif own_share >= config.retelling_share and shared_words >= config.retelling_words:
        relation = Relation.RETELLING
    elif stretches and retold_share >= config.retelling_share:
        relation = Relation.REWRITTEN
    else:
        relation = Relation.SHARED_TEXT
    if (
        story
        and relation in (Relation.RETELLING, Relation.SHARED_TEXT)
        and comparison.source.verdict in (Verdict.A, Verdict.B)
    ):
        from retold.story import tell_story  # only scans that ask for stories load it

        if not changes:  # the story reads the changes
            comparison = with_changes(comparison, compare_config)
        comparison = dataclasses.replace(comparison, story=tell_story(comparison))
    return PairResult(
        comparison=comparison,
        relation=relation,
        quoted_share=round(quoted, 4),
        own_share=round(retold_share, 4),
        shared_words=shared_words,
        source=comparison.source.verdict,
    )
