"""Turn a token alignment into the changes a reader cares about, with character offsets.

Three sources of changes:

1. Inside matched words: the same words written differently (case, abbreviation dots, quote
   marks, dashes): ``substituted`` / ``cosmetic``. Differences in whitespace alone are ignored.
2. The edits inside a passage: a replacement is ``substituted`` and classified; a lone
   deletion or insertion is ``omitted`` or ``added``.
3. Everything outside the passages, cut into paragraphs: ``omitted`` (only in A) or ``added``
   (only in B), each labelled ``boilerplate`` or ``content`` by ``retold.clean.boilerplate``
   from its own words, its shape, its position and its neighbours.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import regex

from retold.align.passages import AlignedPassage, Alignment, Edit
from retold.align.tiles import Tile
from retold.clean.boilerplate import Block, label_block, label_blocks, label_page, leading_dateline
from retold.clean.quotes import QuoteSpans, quote_spans
from retold.explain.substitution import classify_substitution, cosmetic_label, is_term_swap
from retold.records import Category, Change, ChangeKind, Passage
from retold.shingles import shingle_hashes
from retold.tokens import Tokens, fold_words

__all__ = ["Explanation", "clear_side_cache", "explain_alignment"]

_CLOSERS = regex.compile(r"[\s.,;:!?…)\]}”’\"'»>\-–—]*")
_OPENERS = regex.compile(r"[\s(\[{“‘\"'«„•*·\-–—]*$")
_LINE_BREAK = regex.compile(r"\n")
_REPEAT_NGRAM = 4
_TRANSPOSITION_REACH = 3
_DENSE_REACH = 100
_REPEATED_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Explanation:
    """Passages and changes in character offsets, and the word counts behind the scores."""

    passages: tuple[Passage, ...]
    changes: tuple[Change, ...]
    """Every change, or none when they were not asked for (``changes=False``)."""
    swaps: tuple[int, ...]
    """For each passage, its substitutions of one or two words (a word moved a few words away
    counted as one): what tells a spun passage, counted even when the changes are not
    explained."""
    a_matched_words: int
    b_matched_words: int
    a_boilerplate_words: int
    """Words of A outside the passages on lines of page boilerplate, each line labelled once
    for the whole page (``retold.clean.boilerplate.label_page``). The changes label their own
    words (a dateline opening a passage's line is boilerplate there), but a score must not
    depend on which other text the page is compared with, and labelling every pair's leftovers
    was most of a scan's alignment time."""
    b_boilerplate_words: int
    a_added_words: int
    """Words of A outside the passages on lines of content: what A has of its own."""
    b_added_words: int


@dataclass(slots=True)
class _Side:
    """One text seen from the explanation: tokens, squeezed gaps, quotes, repeats."""

    tokens: Tokens
    quotes: QuoteSpans
    repeated_before: npt.NDArray[np.int64]
    """``repeated_before[i]``: how many of the n-grams starting before token ``i`` repeat."""
    line: npt.NDArray[np.int64]
    """The line number of each token."""
    boilerplate: npt.NDArray[np.bool_]
    """Whether each token is on a line of page boilerplate (``label_page``): what the scores
    leave out of a text's words, worked out once per text and not for every pair of it."""
    blocks: dict[tuple[int, int, bool], tuple[tuple[int, int], Block]] = field(default_factory=dict)
    """``block``'s answers: a scan meets the same paragraphs of a text in every pair of it."""

    @classmethod
    def of(cls, tokens: Tokens) -> _Side:
        return _side_of(tokens)

    def span(self, first: int, end: int) -> tuple[int, int]:
        """Character span of tokens ``first:end`` (non-empty)."""
        return int(self.tokens.starts[first]), int(self.tokens.ends[end - 1])

    def anchor(self, index: int) -> int:
        """Character position of the boundary before token ``index``."""
        if index <= 0:
            return 0
        return int(self.tokens.ends[index - 1])

    def block_span(self, first: int, end: int) -> tuple[int, int]:
        """Span of tokens ``first:end`` with the punctuation that clings to them."""
        start, stop = self.span(first, end)
        before = self.tokens.gaps[first].rsplit("\n", 1)[-1]
        opener = _OPENERS.search(before)
        if opener is not None:
            start -= len(opener.group().lstrip())
        after = self.tokens.gaps[end].split("\n", 1)[0]
        closer = _CLOSERS.match(after)
        if closer is not None:
            stop += len(closer.group().rstrip())
        return start, stop

    def block(self, first: int, end: int, at_edge: bool) -> tuple[tuple[int, int], Block]:
        """The span of tokens ``first:end`` (``block_span``) and the block to label there."""
        key = (first, end, at_edge)
        found = self.blocks.get(key)
        if found is None:
            start, stop = self.block_span(first, end)
            block = Block(
                text=self.tokens.text[start:stop],
                at_edge=at_edge,
                repeated=self.is_repeated(first, end),
                whole_line=_whole_line(self.tokens.text, start, stop),
            )
            found = self.blocks[key] = ((start, stop), block)
        return found

    def run(
        self, start: int, end: int, at_edge: bool
    ) -> tuple[tuple[tuple[int, int], str | None], ...]:
        """Tokens ``start:end`` outside every passage, cut into paragraphs: each one's span and
        boilerplate label (``None`` for content)."""
        ranges = _paragraph_blocks(self, start, end)
        blocks = [self.block(first, stop, at_edge) for first, stop in ranges]
        labels = _labels(tuple(block for _, block in blocks))
        return tuple((span, label) for (span, _), label in zip(blocks, labels, strict=True))

    def is_repeated(self, first: int, end: int) -> bool:
        return _is_repeated(self.repeated_before, first, end)

    def unshared_words(self, covered: list[tuple[int, int]]) -> tuple[int, int]:
        """Words outside the token ranges ``covered`` (the passages): on lines of boilerplate,
        and the rest."""
        outside = np.ones(len(self.tokens), dtype=bool)
        for first, end in covered:
            outside[first:end] = False
        boilerplate = int(np.count_nonzero(outside & self.boilerplate))
        return boilerplate, int(np.count_nonzero(outside)) - boilerplate

    def in_quote(self, start: int, end: int) -> bool:
        return start < end and self.quotes.contains(start, end)


@lru_cache(maxsize=1024)
def _side_of(tokens: Tokens) -> _Side:
    """One text's side, cached by its tokens (``tokenize_document`` hands the same tokens to
    every pair of a document)."""
    repeated = _repeated_ngrams(tokens.keys)
    repeated_before = np.concatenate(([0], np.cumsum(repeated, dtype=np.int64)))
    breaks = np.array([m.start() for m in _LINE_BREAK.finditer(tokens.text)], dtype=np.int64)
    line = np.searchsorted(breaks, tokens.starts).astype(np.int64)
    boilerplate = _token_boilerplate(tokens, breaks, line, repeated_before)
    return _Side(tokens, quote_spans(tokens.text), repeated_before, line, boilerplate)


def _is_repeated(repeated_before: npt.NDArray[np.int64], first: int, end: int) -> bool:
    """Most of the n-grams of tokens ``first:end`` occur twice in the text."""
    last = min(max(first, end - _REPEAT_NGRAM + 1), len(repeated_before) - 1)
    if last <= first:
        return False
    repeated = int(repeated_before[last] - repeated_before[first])
    return repeated >= _REPEATED_SHARE * (last - first)


def _token_boilerplate(
    tokens: Tokens,
    breaks: npt.NDArray[np.int64],
    line: npt.NDArray[np.int64],
    repeated_before: npt.NDArray[np.int64],
) -> npt.NDArray[np.bool_]:
    """Each token's line (``breaks``: the positions of the line breaks) labelled as page
    boilerplate or not (``label_page``)."""
    if len(tokens) == 0:
        return np.zeros(0, dtype=bool)
    numbers, firsts = np.unique(line, return_index=True)
    ends = np.append(firsts[1:], len(line))
    line_starts = np.concatenate(([0], breaks + 1))[numbers].tolist()
    line_ends = np.append(breaks, len(tokens.text))[numbers].tolist()
    texts = [tokens.text[start:end] for start, end in zip(line_starts, line_ends, strict=True)]
    repeated = [
        _is_repeated(repeated_before, first, end)
        for first, end in zip(firsts.tolist(), ends.tolist(), strict=True)
    ]
    labels = label_page(texts, repeated)
    # A paragraph the page prints twice (a standfirst restating the lead) is left out like
    # boilerplate: one copy is usually the one shared, the other is no addition of the page's.
    boilerplate = [
        label is not None or twice for label, twice in zip(labels, repeated, strict=True)
    ]
    flags = np.repeat(boilerplate, ends - firsts)
    for start, text in zip(line_starts, texts, strict=True):
        dateline = leading_dateline(text)
        if dateline:
            first, end = np.searchsorted(tokens.starts, [start, start + dateline])
            flags[first:end] = True
    return flags


def clear_side_cache() -> None:
    """Forget the cached sides (``retold.core.clear_document_caches``)."""
    _side_of.cache_clear()
    _labels.cache_clear()


def _squeezed(gap: str) -> str:
    """A gap without its whitespace: line breaks and double spaces are not changes."""
    return "".join(gap.split())


def _repeated_ngrams(keys: npt.NDArray[np.uint64]) -> npt.NDArray[np.bool_]:
    """For each position, whether the word n-gram starting there occurs twice in the text."""
    hashes = shingle_hashes(keys, _REPEAT_NGRAM)
    if len(hashes) == 0:
        return np.zeros(0, dtype=bool)
    _, inverse, counts = np.unique(hashes, return_inverse=True, return_counts=True)
    return np.asarray(counts[inverse] > 1)


def _change(
    kind: ChangeKind,
    category: Category,
    a: _Side,
    a_span: tuple[int, int],
    b: _Side,
    b_span: tuple[int, int],
    label: str | None,
) -> Change:
    return Change(
        kind=kind,
        category=category,
        a_start=a_span[0],
        a_end=a_span[1],
        b_start=b_span[0],
        b_end=b_span[1],
        a_text=a.tokens.text[a_span[0] : a_span[1]],
        b_text=b.tokens.text[b_span[0] : b_span[1]],
        in_quote=a.in_quote(*a_span) or b.in_quote(*b_span),
        label=label,
    )


def _trimmed_difference(a_gap: str, b_gap: str) -> tuple[int, int, int, int]:
    """Offsets, within two gaps, of the part that differs (common ends and spaces trimmed)."""
    prefix = 0
    while prefix < min(len(a_gap), len(b_gap)) and a_gap[prefix] == b_gap[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < min(len(a_gap), len(b_gap)) - prefix
        and a_gap[len(a_gap) - 1 - suffix] == b_gap[len(b_gap) - 1 - suffix]
    ):
        suffix += 1
    a_part, b_part = a_gap[prefix : len(a_gap) - suffix], b_gap[prefix : len(b_gap) - suffix]
    # A part of spaces only ("\n\n" against "\n“") trims to an empty span where it starts.
    a_end, b_end = prefix + len(a_part.rstrip()), prefix + len(b_part.rstrip())
    a_start = min(prefix + len(a_part) - len(a_part.lstrip()), a_end)
    b_start = min(prefix + len(b_part) - len(b_part.lstrip()), b_end)
    return a_start, a_end, b_start, b_end


def _cosmetic_spans(match: Tile, a: _Side, b: _Side) -> Iterator[tuple[int, int, int, int]]:
    """Character spans where matched words are written differently, in order."""
    a_tokens, b_tokens = a.tokens, b.tokens
    same_words = a_tokens.raw[match.a : match.a_end] == b_tokens.raw[match.b : match.b_end]
    same_gaps = a_tokens.gaps[match.a + 1 : match.a_end] == b_tokens.gaps[match.b + 1 : match.b_end]
    if same_words and same_gaps:
        return
    for offset in range(match.length):
        i, j = match.a + offset, match.b + offset
        a_gap, b_gap = a_tokens.gaps[i], b_tokens.gaps[j]
        if offset > 0 and a_gap != b_gap and _squeezed(a_gap) != _squeezed(b_gap):
            a1, a2, b1, b2 = _trimmed_difference(a_gap, b_gap)
            a_base, b_base = int(a_tokens.ends[i - 1]), int(b_tokens.ends[j - 1])
            yield a_base + a1, a_base + a2, b_base + b1, b_base + b2
        if a_tokens.raw[i] != b_tokens.raw[j]:
            yield (
                int(a_tokens.starts[i]),
                int(a_tokens.ends[i]),
                int(b_tokens.starts[j]),
                int(b_tokens.ends[j]),
            )


def _cosmetic_changes(passage: AlignedPassage, a: _Side, b: _Side) -> list[Change]:
    """Cosmetic differences, neighbours separated by nothing but spaces merged into one."""
    merged: list[list[int]] = []
    for match in passage.matches:
        for span in _cosmetic_spans(match, a, b):
            if merged:
                last = merged[-1]
                a_between = a.tokens.text[last[1] : span[0]]
                b_between = b.tokens.text[last[3] : span[2]]
                if not a_between.strip() and not b_between.strip():
                    last[1], last[3] = span[1], span[3]
                    continue
            merged.append(list(span))
    changes = []
    for a1, a2, b1, b2 in merged:
        label = cosmetic_label(a.tokens.text[a1:a2], b.tokens.text[b1:b2]) or "punctuation"
        changes.append(
            _change(ChangeKind.SUBSTITUTED, Category.COSMETIC, a, (a1, a2), b, (b1, b2), label)
        )
    return changes


def _transpositions(edits: tuple[Edit, ...], a: _Side, b: _Side) -> list[tuple[Edit, bool]]:
    """The edits of a passage, a word moved a few words away merged into one edit.

    The word alignment has no transposition: "and wind" → "wind and" comes out as "wind"
    deleted and "wind" inserted next to it. Such a pair (the same words, at most
    ``_TRANSPOSITION_REACH`` words apart) becomes one edit over both, flagged ``True``.
    """
    merged: list[tuple[Edit, bool]] = []
    for edit in edits:
        if merged and not merged[-1][1]:
            previous = merged[-1][0]
            if _moved_word(previous, edit, a, b):
                combined = Edit(previous.a, edit.a_end, previous.b, edit.b_end)
                merged[-1] = (combined, True)
                continue
        merged.append((edit, False))
    return merged


def _moved_word(first: Edit, second: Edit, a: _Side, b: _Side) -> bool:
    deletion, insertion = (first, second) if first.a < first.a_end else (second, first)
    if not (
        deletion.a < deletion.a_end
        and deletion.b == deletion.b_end
        and insertion.a == insertion.a_end
        and insertion.b < insertion.b_end
    ):
        return False
    close = second.a - first.a_end <= _TRANSPOSITION_REACH
    close &= second.b - first.b_end <= _TRANSPOSITION_REACH
    return close and (
        a.tokens.keys[deletion.a : deletion.a_end].tobytes()
        == b.tokens.keys[insertion.b : insertion.b_end].tobytes()
    )


def _edit_changes(passage: AlignedPassage, a: _Side, b: _Side) -> list[Change]:
    """Changes for the edits inside a passage: substitutions, small cuts and additions."""
    changes = []
    for edit, moved in _transpositions(passage.edits, a, b):
        label: str | None
        if edit.a < edit.a_end and edit.b < edit.b_end:
            a_span, b_span = a.span(edit.a, edit.a_end), b.span(edit.b, edit.b_end)
            if moved:
                category, label = Category.REWORDING, "order"
            else:
                category, label = classify_substitution(
                    a.tokens.text[a_span[0] : a_span[1]],
                    b.tokens.text[b_span[0] : b_span[1]],
                    a_sentence_start=_starts_sentence(a.tokens.text, a_span[0]),
                    b_sentence_start=_starts_sentence(b.tokens.text, b_span[0]),
                )
            kind = ChangeKind.SUBSTITUTED
        elif edit.a < edit.a_end:
            a_span, b_span = a.block_span(edit.a, edit.a_end), (b.anchor(edit.b),) * 2
            kind, category, label = _inner_category(ChangeKind.OMITTED, a, a_span)
        else:
            a_span, b_span = (a.anchor(edit.a),) * 2, b.block_span(edit.b, edit.b_end)
            kind, category, label = _inner_category(ChangeKind.ADDED, b, b_span)
        changes.append(_change(kind, category, a, a_span, b, b_span, label))
    return changes


def _small_swaps(passage: AlignedPassage, a: _Side, b: _Side) -> int:
    """The substitutions of one or two words on each side inside a passage (a spinner's)."""
    swaps = 0
    for edit, _ in _transpositions(passage.edits, a, b):
        if edit.a < edit.a_end and edit.b < edit.b_end:
            a_start, a_end = a.span(edit.a, edit.a_end)
            b_start, b_end = b.span(edit.b, edit.b_end)
            a_words = len(a.tokens.text[a_start:a_end].split())
            b_words = len(b.tokens.text[b_start:b_end].split())
            swaps += a_words <= 2 and b_words <= 2
    return swaps


def _inner_category(
    kind: ChangeKind, side: _Side, span: tuple[int, int]
) -> tuple[ChangeKind, Category, str | None]:
    """A cut or addition inside a passage is content unless it is a line of its own that reads
    as boilerplate ("Story continues below advertisement"): furniture does not sit in the middle
    of a shared sentence, so a lone date or number there is content."""
    text = side.tokens.text
    if not _whole_line(text, *span):
        return kind, Category.CONTENT, None
    return _unshared_category(kind, label_block(Block(text[span[0] : span[1]])))


def _whole_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    after = text[end:] if line_end < 0 else text[end:line_end]
    return not text[line_start:start].strip() and not after.strip()


def _starts_sentence(text: str, start: int) -> bool:
    """True when the text before ``start`` ends a sentence or a paragraph (or is empty)."""
    before = text[max(0, start - 200) : start].rstrip(" \t\"'“”‘’(")
    return not before or before[-1] in ".!?:\n"


def _refine_terms(changes: list[Change]) -> list[Change]:
    """Terminology judged in context, where one swap alone cannot tell.

    A short swap made the same way twice or more is terminology (a consistent choice of term);
    a name swap amid dense rewriting (two more edits within ``_DENSE_REACH`` characters) is part
    of the rewording, not a choice of term.
    """

    def key(change: Change) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return tuple(fold_words(change.a_text)), tuple(fold_words(change.b_text))

    reworded = {id(c): key(c) for c in changes if c.category is Category.REWORDING}
    counts = Counter(k for k in reworded.values() if is_term_swap(list(k[0]), list(k[1])))
    substantive = [
        c for c in changes if c.category not in (Category.BOILERPLATE, Category.COSMETIC)
    ]
    a_edits = sorted(c.a_start for c in substantive)
    b_edits = sorted(c.b_start for c in substantive)

    def near(edits: list[int], start: int, end: int) -> int:
        return bisect.bisect_right(edits, end + _DENSE_REACH) - bisect.bisect_left(
            edits, start - _DENSE_REACH
        )

    def dense(change: Change) -> bool:
        # Counted on both texts and the larger taken, so that compare(b, a) mirrors compare(a, b).
        around = max(
            near(a_edits, change.a_start, change.a_end), near(b_edits, change.b_start, change.b_end)
        )
        return around - 1 >= 2

    refined = []
    for change in changes:
        if change.category is Category.REWORDING and counts.get(reworded[id(change)], 0) >= 2:
            change = replace(change, category=Category.TERMINOLOGY, label="consistent")
        elif change.category is Category.TERMINOLOGY and change.label == "name" and dense(change):
            change = replace(change, category=Category.REWORDING, label="dense")
        refined.append(change)
    return refined


def _unshared_category(
    kind: ChangeKind, boilerplate: str | None
) -> tuple[ChangeKind, Category, str | None]:
    if boilerplate is None:
        return kind, Category.CONTENT, None
    return kind, Category.BOILERPLATE, boilerplate


def _paragraph_blocks(side: _Side, first: int, end: int) -> list[tuple[int, int]]:
    """Token ranges of ``first:end`` cut at line breaks."""
    cuts = (np.flatnonzero(np.diff(side.line[first:end])) + first + 1).tolist()
    bounds = [first, *cuts, end]
    return list(itertools.pairwise(bounds))


def _uncovered_ranges(length: int, covered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    ranges = []
    position = 0
    for start, end in sorted(covered):
        if start > position:
            ranges.append((position, start))
        position = max(position, end)
    if position < length:
        ranges.append((position, length))
    return ranges


@dataclass(frozen=True, slots=True)
class _Unshared:
    """A block of words of one text outside every passage: where, what, and where the other
    text would have it."""

    span: tuple[int, int]
    category: Category
    label: str | None
    anchor: int


def _unshared_change(kind: ChangeKind, this: _Side, other: _Side, block: _Unshared) -> Change:
    """The change for a block of words of ``this`` outside every passage."""
    anchor = (block.anchor, block.anchor)
    if kind is ChangeKind.OMITTED:
        return _change(kind, block.category, this, block.span, other, anchor, block.label)
    return _change(kind, block.category, other, anchor, this, block.span, block.label)


@lru_cache(maxsize=1 << 14)
def _labels(blocks: tuple[Block, ...]) -> tuple[str | None, ...]:
    """``label_blocks``, cached: a text's run of paragraphs outside the passages is often the
    same in every pair of it (its page chrome, its own lede). A tuple: callers share it."""
    return tuple(label_blocks(blocks))


def _unshared_blocks(
    kind: ChangeKind,
    this: _Side,
    other: _Side,
    passages: list[tuple[int, int, int, int]],
) -> list[_Unshared]:
    """The blocks of words of ``this`` outside every passage, each labelled.

    ``passages`` holds (this_first, this_end, other_first, other_end) token ranges; a block is
    anchored in ``other`` after the passage that precedes it in ``this``.
    """
    passages = sorted(passages)
    covered = [(p[0], p[1]) for p in passages]
    results: list[_Unshared] = []
    first_passage = passages[0][0] if passages else len(this.tokens)
    last_passage = passages[-1][1] if passages else 0
    for start, end in _uncovered_ranges(len(this.tokens), covered):
        preceding = [p for p in passages if p[1] <= start]
        if preceding:
            anchor = other.anchor(preceding[-1][3])
        elif passages:
            anchor = other.anchor(passages[0][2])
        else:
            anchor = 0
        at_edge = end <= first_passage or start >= last_passage
        for span, block_label in this.run(start, end, at_edge):
            _, category, label = _unshared_category(kind, block_label)
            results.append(_Unshared(span, category, label, anchor))
    return results


def explain_alignment(
    alignment: Alignment, a_tokens: Tokens, b_tokens: Tokens, *, changes: bool = True
) -> Explanation:
    """All passages and changes of an aligned pair, in reading order of A.

    With ``changes=False`` only what the scores need is worked out (the passages, their
    substitutions, and the words outside them by category): a corpus scan explains its pairs
    on demand (``retold report``), not all of them up front.
    """
    a, b = _Side.of(a_tokens), _Side.of(b_tokens)
    passages = []
    found: list[Change] = []
    for passage in alignment.passages:
        a_start, a_end = a.span(passage.a, passage.a_end)
        b_start, b_end = b.span(passage.b, passage.b_end)
        passages.append(Passage(a_start, a_end, b_start, b_end, passage.words))
        if changes:
            found.extend(_cosmetic_changes(passage, a, b))
            found.extend(_edit_changes(passage, a, b))
    ranges = [(p.a, p.a_end, p.b, p.b_end) for p in alignment.passages]
    reversed_ranges = [(r[2], r[3], r[0], r[1]) for r in ranges]
    if changes:
        for block in _unshared_blocks(ChangeKind.OMITTED, a, b, ranges):
            found.append(_unshared_change(ChangeKind.OMITTED, a, b, block))
        for block in _unshared_blocks(ChangeKind.ADDED, b, a, reversed_ranges):
            found.append(_unshared_change(ChangeKind.ADDED, b, a, block))
        found = _refine_terms(found)
        found.sort(key=lambda c: (c.a_start, c.b_start, c.a_end, c.b_end, c.kind))
    a_boilerplate, a_added = a.unshared_words([(r[0], r[1]) for r in ranges])
    b_boilerplate, b_added = b.unshared_words([(r[0], r[1]) for r in reversed_ranges])
    return Explanation(
        passages=tuple(passages),
        changes=tuple(found),
        swaps=tuple(_small_swaps(passage, a, b) for passage in alignment.passages),
        a_matched_words=sum(p.words for p in alignment.passages),
        b_matched_words=sum(p.words for p in alignment.passages),
        a_boilerplate_words=a_boilerplate,
        b_boilerplate_words=b_boilerplate,
        a_added_words=a_added,
        b_added_words=b_added,
    )
