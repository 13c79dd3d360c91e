"""Passages that were rewritten: sentences of A and B aligned by the words they share in any order.

Exact alignment (``retold.align.passages``) needs runs of four words in order. A rewritten
passage — words shuffled, replaced by synonyms, sentences condensed, run through a translation
chain — keeps most of its content words but few runs, so it comes out as many small passages or
none. This stage works on sentences instead, after the method that won PAN 2014's text
alignment (Sanchez-Perez, Sidorov and Gelbukh, "A Winning Approach to Text Alignment for Text
Reuse Detection at PAN 2014"):

1. *Sentences* of both texts (``retold.sentences``; a "sentence" of more than
   ``max_sentence_words`` is cut in pieces), as bags of content words: lower-cased, English
   stop words dropped, each word cut to its first ``stem_length`` letters (a stemmer for any
   language that puts inflections at the end).
2. *Seeds*: sentence pairs whose tf-isf cosine and Dice coefficient both reach the thresholds
   (isf: inverse frequency among the sentences of the two texts, so a word both texts repeat
   everywhere weighs little), unless an exact passage contradicts them (a sentence inside an
   exact passage pairs only with that passage's other side). Sentences touched by a long exact
   passage are seeds whatever their similarity.
3. *Extension*: seeds at most ``max_gap`` sentences apart in A form a cluster, which is split
   where its seeds are far apart in B, and again in A, until stable. A cluster loses its weak
   ends (edge sentences with no seed of ``edge_cosine`` and no exact match) and is a candidate
   from its first to its last sentence on each side; it is kept when the two sides, as wholes,
   are similar (``min_passage_similarity``), long enough (``min_chars``, or ``short_min_chars``
   when at least ``short_similarity`` alike) and dense in seeds, else re-clustered
   with a smaller gap. Seeds left over are tried as a *summary*: far apart in A, close in B.
4. *Filtering and joining*: where two passages overlap, the more similar one wins; then the
   pieces (rewritten or exact) at most ``join_chars`` apart in B are one stretch. A stretch
   much shorter in B than in A that draws on most of A sums A up as a whole and spans all of
   it; one mostly made of exact passages (``exact_share``) is an edited copy and ends where
   they end (or where their edge sentences end, when the rest of those sentences is reworded).
5. *Tightening*: a rewritten stretch's edges move in past the words at either end that the
   other side does not use (a sentence is coarse: a list of lines, or a run-on sentence that
   turns to another subject, is one "sentence"), never into an exact passage.

Exact passages inside a stretch are kept as they are (they are where the word-level diff shows
what changed); the stretch says how similar the whole is.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import regex

from retold.config import ParaphraseConfig
from retold.sentences import split_sentences

__all__ = [
    "RewrittenPassage",
    "RunSimilarity",
    "SentenceWords",
    "grow_passages",
    "rewritten_passages",
    "sentence_spans",
    "sentence_words",
]

_WORD = regex.compile(r"[\p{L}\p{N}]+")
_BLANK_LINE = regex.compile(r"\n[ \t\xa0]*\n")
"""Sentences run across single line breaks (re-wrapped text), not across blank lines (a line
of no-break spaces is blank too)."""
_STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves said says say""".split()
)

_Floats = npt.NDArray[np.float32]
_Spans = Sequence[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class RewrittenPassage:
    """A stretch of A retold in B in other words, as character spans, and how alike they are."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    similarity: float
    """tf-isf cosine of the two spans' content words: 1 for the same words in any order."""
    exact_share: float = 0.0
    """Share of the B side covered by exact passages."""


@dataclass(frozen=True, slots=True)
class SentenceWords:
    """The sentences of a text and the content words of each (what the stage compares)."""

    spans: list[tuple[int, int]]
    terms: list[str]
    """The content words of all sentences, stemmed, in order."""
    rows: npt.NDArray[np.int64]
    """For each term, the sentence it is in."""


@lru_cache(maxsize=256)
def sentence_spans(text: str, max_words: int) -> tuple[tuple[int, int], ...]:
    """Spans of the sentences of ``text``, a sentence of more than ``max_words`` cut in pieces;
    cached, as a document meets many others (in a corpus, or the sources of one suspicious
    text)."""
    spans: list[tuple[int, int]] = []
    cuts = [0, *(m.end() for m in _BLANK_LINE.finditer(text)), len(text)]
    for block_start, block_end in itertools.pairwise(cuts):
        for start, end in split_sentences(text, block_start, block_end):
            spans.extend(_cut_long(text, start, end, max_words))
    return tuple(spans)


@lru_cache(maxsize=256)
def sentence_words(text: str, stem_length: int, max_words: int) -> SentenceWords:
    """Sentences of ``text`` and their content words."""
    spans = list(sentence_spans(text, max_words))
    terms: list[str] = []
    counts = []
    for start, end in spans:
        found = [
            word[:stem_length]
            for word in _WORD.findall(text[start:end].casefold())
            if len(word) > 1 and word not in _STOP_WORDS
        ]
        terms.extend(found)
        counts.append(len(found))
    rows = np.repeat(np.arange(len(spans), dtype=np.int64), counts)
    return SentenceWords(spans, terms, rows)


def _cut_long(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """A "sentence" of more than ``limit`` words (a list, text without punctuation) in pieces."""
    if text.count(" ", start, end) < limit:
        return [(start, end)]
    matches = list(_WORD.finditer(text, start, end))
    if len(matches) <= limit:
        return [(start, end)]
    pieces = []
    for first in range(0, len(matches), limit):
        chunk = matches[first : first + limit]
        pieces.append((chunk[0].start() if first else start, chunk[-1].end()))
    pieces[-1] = (pieces[-1][0], end)
    return pieces


@dataclass(frozen=True, slots=True)
class _Vectors:
    """The sentences of A and B as tf-isf vectors (L2-normalised), kept two ways: dense over
    the words both texts use (all a dot product between A and B needs), and sparse over all
    words (for the norm of a run of sentences)."""

    shared_a: _Floats
    shared_b: _Floats
    present_a: _Floats
    """1 where a sentence of A holds a shared word."""
    present_b: _Floats
    sizes_a: _Floats
    """Distinct words of each sentence of A, shared or not (for Dice)."""
    sizes_b: _Floats
    rows: npt.NDArray[np.int64]
    """Sparse entries: sentence (A first, then B), word, normalised weight."""
    terms: npt.NDArray[np.int64]
    weights: _Floats
    split: int
    """Number of sentences of A."""

    def run_similarity(self, rows_a: npt.NDArray[np.int64], first_b: int, last_b: int) -> float:
        """Cosine of the summed vectors of sentences ``rows_a`` of A and ``first_b..last_b``
        of B: how alike two runs of sentences are as wholes."""
        a = self.shared_a[rows_a].sum(axis=0)
        b = self.shared_b[first_b : last_b + 1].sum(axis=0)
        in_b = (self.rows >= self.split + first_b) & (self.rows <= self.split + last_b)
        norm = math.sqrt(self._run_norm(np.isin(self.rows, rows_a)) * self._run_norm(in_b))
        return float(a @ b) / norm if norm else 0.0

    def _run_norm(self, chosen: npt.NDArray[np.bool_]) -> float:
        summed = np.bincount(self.terms[chosen], weights=self.weights[chosen])
        return float(summed @ summed)


def _vectors(a: SentenceWords, b: SentenceWords) -> _Vectors:
    """tf-isf vectors of the sentences of A and B (isf over the sentences of both texts)."""
    vocabulary: dict[str, int] = {}
    ids = np.fromiter(
        (vocabulary.setdefault(term, len(vocabulary)) for term in (*a.terms, *b.terms)),
        dtype=np.int64,
        count=len(a.terms) + len(b.terms),
    )
    size = max(len(vocabulary), 1)
    split = len(a.spans)
    total = split + len(b.spans)
    keys = np.concatenate([a.rows, b.rows + split]) * size + ids
    cells, counts = np.unique(keys, return_counts=True)
    rows, terms = cells // size, cells % size
    isf = np.log(total / np.maximum(np.bincount(terms, minlength=size), 1))
    raw = counts * isf[terms]
    norms = np.sqrt(np.bincount(rows, weights=raw * raw, minlength=total))
    weights = raw / np.where(norms > 0, norms, 1.0)[rows]
    in_both = (np.bincount(terms[rows < split], minlength=size) > 0) & (
        np.bincount(terms[rows >= split], minlength=size) > 0
    )
    column = np.cumsum(in_both) - 1
    keep = in_both[terms]
    dense = np.zeros((total, max(int(in_both.sum()), 1)), dtype=np.float32)
    dense[rows[keep], column[terms[keep]]] = weights[keep]
    present = (dense > 0).astype(np.float32)
    sizes = np.bincount(rows, minlength=total).astype(np.float32)
    return _Vectors(
        dense[:split],
        dense[split:],
        present[:split],
        present[split:],
        sizes[:split],
        sizes[split:],
        rows,
        terms,
        weights.astype(np.float32),
        split,
    )


def _split(seeds: list[tuple[int, int]], side: int, gap: int) -> list[list[tuple[int, int]]]:
    """Cut seeds, ordered along one text, where more than ``gap`` sentences lie between two."""
    ordered = sorted(seeds, key=lambda seed: (seed[side], seed[1 - side]))
    parts = [[ordered[0]]]
    for seed in ordered[1:]:
        if seed[side] - parts[-1][-1][side] > gap + 1:
            parts.append([])
        parts[-1].append(seed)
    return parts


def _clusters(seeds: list[tuple[int, int]], gap_a: int, gap_b: int) -> list[list[tuple[int, int]]]:
    """Clusters of seeds tight in both texts: split along A, then along B, until neither cuts."""
    pending, stable = [seeds], []
    while pending:
        next_round = []
        for cluster in pending:
            along_a = _split(cluster, 0, gap_a)
            for part in along_a:
                along_b = _split(part, 1, gap_b)
                if len(along_a) == 1 and len(along_b) == 1:
                    stable.append(part)
                else:
                    next_round.extend(along_b)
        pending = next_round
    return stable


def _span(spans: _Spans, first: int, last: int) -> tuple[int, int]:
    return spans[first][0], spans[last][1]


def rewritten_passages(
    a_text: str,
    b_text: str,
    exact: Sequence[tuple[int, int, int, int]] = (),
    config: ParaphraseConfig | None = None,
) -> list[RewrittenPassage]:
    """Passages of A retold in B in other words (see the module docstring).

    ``exact`` holds the exact passages as character spans ``(a_start, a_end, b_start, b_end)``;
    their sentences are seeds whatever their similarity.
    """
    config = config or ParaphraseConfig()
    a = sentence_words(a_text, config.stem_length, config.max_sentence_words)
    b = sentence_words(b_text, config.stem_length, config.max_sentence_words)
    if not a.spans or not b.spans or len(a.spans) * len(b.spans) > config.max_sentence_pairs:
        return []
    vectors = _vectors(a, b)
    cosine = vectors.shared_a @ vectors.shared_b.T
    rows, columns = np.nonzero(cosine >= config.min_cosine)  # Dice only where cosine passes
    shared = np.einsum("ij,ij->i", vectors.present_a[rows], vectors.present_b[columns])
    dice = 2.0 * shared / np.maximum(vectors.sizes_a[rows] + vectors.sizes_b[columns], 1.0)
    keep = (dice >= config.min_dice) & _allowed_by_exact(a.spans, b.spans, exact)[rows, columns]
    seeds = set(zip(rows[keep].tolist(), columns[keep].tolist(), strict=True))
    long_exact = [
        p for p in exact if len(a_text[p[0] : p[1]].split()) >= config.min_exact_seed_words
    ]
    seeds |= _exact_seeds(a.spans, b.spans, long_exact, cosine)
    if not seeds:
        return []
    grown = grow_passages(seeds, cosine, a.spans, b.spans, vectors.run_similarity, exact, config)
    whole_a = (a.spans[0][0], a.spans[-1][1])
    return [
        _sentence_edged(p, a_text, b_text, a.spans, b.spans, config)
        if _is_edited(p, config)
        else _tightened(p, a_text, b_text, exact, whole_a, config)
        for p in grown
    ]


def _sentence_edged(
    passage: RewrittenPassage,
    a_text: str,
    b_text: str,
    a_spans: _Spans,
    b_spans: _Spans,
    config: ParaphraseConfig,
) -> RewrittenPassage:
    """An edited copy taken out to the edges of its first and last sentences where the rest of
    those sentences is the same words reworded.

    A copier who edits a sentence in the middle of a copied stretch leaves its ends as runs of
    four words or more; one who edits the first or last sentence leaves a piece of it before the
    first exact run (or after the last). When the two pieces share content words (Dice of their
    stems at least ``edge_fragment_dice``, or neither holds more than ``edge_fragment_words``
    content words) they are that sentence reworded, and the copy starts (or ends) with it. A
    copy that starts in the middle of a sentence of other text meets unrelated words there and
    keeps its edge.
    """
    a_starts, a_ends = _bounds(a_spans)
    b_starts, b_ends = _bounds(b_spans)
    a_start, a_end, b_start, b_end = passage.a_start, passage.a_end, passage.b_start, passage.b_end
    first_a = int(np.searchsorted(a_ends, a_start, side="right"))
    first_b = int(np.searchsorted(b_ends, b_start, side="right"))
    if first_a < len(a_spans) and first_b < len(b_spans):
        head_a, head_b = int(a_starts[first_a]), int(b_starts[first_b])
        if _reworded(a_text, (head_a, a_start), b_text, (head_b, b_start), config):
            a_start, b_start = min(head_a, a_start), min(head_b, b_start)
    last_a = int(np.searchsorted(a_starts, a_end, side="left")) - 1
    last_b = int(np.searchsorted(b_starts, b_end, side="left")) - 1
    if last_a >= 0 and last_b >= 0:
        tail_a, tail_b = int(a_ends[last_a]), int(b_ends[last_b])
        if _reworded(a_text, (a_end, tail_a), b_text, (b_end, tail_b), config):
            a_end, b_end = max(tail_a, a_end), max(tail_b, b_end)
    return dataclasses.replace(passage, a_start=a_start, a_end=a_end, b_start=b_start, b_end=b_end)


def _reworded(
    a_text: str,
    a_piece: tuple[int, int],
    b_text: str,
    b_piece: tuple[int, int],
    config: ParaphraseConfig,
) -> bool:
    """Whether two pieces of sentence left outside a copy are one piece reworded (see
    ``_sentence_edged``); a piece that runs backwards is empty."""
    if a_piece[1] <= a_piece[0] and b_piece[1] <= b_piece[0]:
        return False
    stems_a = {stem for *_, stem in _content_words(a_text, *a_piece, config.stem_length)}
    stems_b = {stem for *_, stem in _content_words(b_text, *b_piece, config.stem_length)}
    if max(len(stems_a), len(stems_b)) <= config.edge_fragment_words:
        return True
    if not stems_a or not stems_b:
        return False
    dice = 2 * len(stems_a & stems_b) / (len(stems_a) + len(stems_b))
    return dice >= config.edge_fragment_dice


def _tightened(
    passage: RewrittenPassage,
    a_text: str,
    b_text: str,
    exact: Sequence[tuple[int, int, int, int]],
    whole_a: tuple[int, int],
    config: ParaphraseConfig,
) -> RewrittenPassage:
    """A rewritten passage without the words at its edges that the other side does not use.

    Sentences are coarse: a line list without punctuation, or a long sentence whose second half
    is about something else, is one "sentence", and a passage grown from sentences takes all of
    it. The edges move in to where the evidence starts: the longest run at each end whose
    content words are mostly absent from the other side (each absent word counts 1, each
    present one ``edge_evidence_weight``) is cut off, but never into an exact passage inside
    it (that would leave the passage a piece outside). A summary of A as a whole keeps all of A.
    """
    a_words = _content_words(a_text, passage.a_start, passage.a_end, config.stem_length)
    b_words = _content_words(b_text, passage.b_start, passage.b_end, config.stem_length)
    shared = {stem for _, _, stem in a_words} & {stem for _, _, stem in b_words}
    inside = [
        e
        for e in exact
        if passage.a_start <= e[0]
        and e[1] <= passage.a_end
        and passage.b_start <= e[2]
        and e[3] <= passage.b_end
    ]
    a_start, a_end = passage.a_start, passage.a_end
    if (a_start, a_end) != whole_a:
        a_start, a_end = _evidence_bounds(
            a_text, a_words, shared, config.edge_evidence_weight, a_start, a_end
        )
    b_start, b_end = _evidence_bounds(
        b_text, b_words, shared, config.edge_evidence_weight, passage.b_start, passage.b_end
    )
    if inside:
        a_start = min(a_start, *(e[0] for e in inside))
        a_end = max(a_end, *(e[1] for e in inside))
        b_start = min(b_start, *(e[2] for e in inside))
        b_end = max(b_end, *(e[3] for e in inside))
    return dataclasses.replace(passage, a_start=a_start, a_end=a_end, b_start=b_start, b_end=b_end)


def _content_words(text: str, start: int, end: int, stem_length: int) -> list[tuple[int, int, str]]:
    """Start, end and stem of each content word of ``text[start:end]``."""
    found = []
    for match in _WORD.finditer(text, start, end):
        word = match.group().casefold()
        if len(word) > 1 and word not in _STOP_WORDS:
            found.append((match.start(), match.end(), word[:stem_length]))
    return found


def _evidence_bounds(
    text: str,
    words: list[tuple[int, int, str]],
    shared: set[str],
    weight: float,
    start: int,
    end: int,
) -> tuple[int, int]:
    """``start`` and ``end`` moved in past the edge runs of mostly unshared words (keeping
    the punctuation that opens or closes the words kept)."""
    if not words:
        return start, end
    absent = np.array([-weight if stem in shared else 1.0 for _, _, stem in words])
    head = np.cumsum(absent)
    tail = np.cumsum(absent[::-1])
    cut_head = int(np.argmax(head)) + 1 if head.max() > 0 else 0
    cut_tail = int(np.argmax(tail)) + 1 if tail.max() > 0 else 0
    if cut_head + cut_tail >= len(words):
        return start, end
    if cut_head:
        first = words[cut_head][0]
        while first > start and _is_punctuation(text[first - 1]):
            first -= 1
        start = first
    if cut_tail:
        last = words[len(words) - 1 - cut_tail][1]
        while last < end and _is_punctuation(text[last]):
            last += 1
        end = last
    return start, end


def _is_punctuation(character: str) -> bool:
    return not (character.isspace() or character.isalnum())


RunSimilarity = Callable[[npt.NDArray[np.int64], int, int], float]
"""How alike sentences ``rows_a`` of A and ``first_b..last_b`` of B are as wholes."""


def grow_passages(
    seeds: set[tuple[int, int]],
    cosine: _Floats,
    a_spans: _Spans,
    b_spans: _Spans,
    run_similarity: RunSimilarity,
    exact: Sequence[tuple[int, int, int, int]],
    config: ParaphraseConfig,
) -> list[RewrittenPassage]:
    """Passages grown from seed sentence pairs (steps 3 and 4 of the module docstring), whatever
    made the seeds: shared words here, sentence embeddings for translations.

    ``cosine`` holds how alike each sentence pair is; pairs at ``edge_cosine`` or above may
    stand at a passage's edge.
    """
    strong = cosine >= config.edge_cosine
    strong |= _touching(a_spans, [(p[0], p[1]) for p in exact])[:, None]
    strong |= _touching(b_spans, [(p[2], p[3]) for p in exact])[None, :]
    found: list[RewrittenPassage] = []
    for gap in range(config.max_gap, -1, -1):
        kept: list[tuple[RewrittenPassage | None, list[tuple[int, int]]]] = []
        rest: list[tuple[RewrittenPassage | None, list[tuple[int, int]]]] = []
        for cluster in _clusters(sorted(seeds), gap, gap):
            passage = _passage(_trimmed(cluster, strong), a_spans, b_spans, run_similarity, config)
            (kept if passage is not None else rest).append((passage, cluster))
        found.extend(passage for passage, _ in kept if passage is not None)
        seeds = {seed for _, cluster in rest for seed in cluster}
        if not seeds:
            break
    # A summary condenses a long stretch of A into a few sentences of B: its seeds lie far
    # apart in A and close together in B.
    for cluster in _clusters(sorted(seeds), config.summary_gap, config.max_gap) if seeds else []:
        passage = _passage(cluster, a_spans, b_spans, run_similarity, config, summary=True)
        if passage is not None:
            found.append(passage)
    whole_a = (a_spans[0][0], a_spans[-1][1])
    joined = _joined(_without_overlaps(found), exact, whole_a, config)
    return [
        _grown(p, cosine, a_spans, b_spans, config.extend_cosine, _EDGE_REWRITTEN)
        if _is_edited(p, config)
        else _grown(p, cosine, a_spans, b_spans, config.absorb_cosine, _ANY_ORDER)
        for p in joined
    ]


def _covered(spans: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> npt.NDArray[np.int64]:
    """For each span, the index of the first range covering half of it or more, else -1."""
    starts, ends = _bounds(spans)
    lows = np.array([low for low, _ in ranges])[None, :]
    highs = np.array([high for _, high in ranges])[None, :]
    overlap = np.minimum(ends[:, None], highs) - np.maximum(starts[:, None], lows)
    covering = 2 * overlap >= (ends - starts)[:, None]
    return np.where(covering.any(axis=1), covering.argmax(axis=1), -1)


def _bounds(spans: _Spans) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    both = np.array(spans, dtype=np.int64).reshape(-1, 2)
    return both[:, 0], both[:, 1]


def _allowed_by_exact(
    a_spans: list[tuple[int, int]],
    b_spans: list[tuple[int, int]],
    exact: Sequence[tuple[int, int, int, int]],
) -> npt.NDArray[np.bool_]:
    """Sentence pairs the exact alignment does not contradict: a sentence mostly inside an exact
    passage can only pair with a sentence touching that passage's other side (the exact match
    already says where its text came from)."""
    allowed = np.ones((len(a_spans), len(b_spans)), dtype=bool)
    if not exact:
        return allowed
    a_owner = _covered(a_spans, [(p[0], p[1]) for p in exact])
    b_owner = _covered(b_spans, [(p[2], p[3]) for p in exact])
    a_starts, a_ends = _bounds(a_spans)
    b_starts, b_ends = _bounds(b_spans)
    for number, (a_start, a_end, b_start, b_end) in enumerate(exact):
        touches_b = (b_starts < b_end) & (b_ends > b_start)
        touches_a = (a_starts < a_end) & (a_ends > a_start)
        allowed[a_owner == number] &= touches_b
        allowed[:, b_owner == number] &= touches_a[:, None]
    return allowed


def _touching(spans: _Spans, ranges: list[tuple[int, int]]) -> npt.NDArray[np.bool_]:
    """For each span, whether any of ``ranges`` overlaps it."""
    starts, ends = _bounds(spans)
    touched = np.zeros(len(spans), dtype=bool)
    for low, high in ranges:
        touched |= (starts < high) & (ends > low)
    return touched


def _trimmed(
    cluster: list[tuple[int, int]], strong: npt.NDArray[np.bool_]
) -> list[tuple[int, int]]:
    """The cluster without its weak ends: at either end, in either text, the sentences whose
    seeds are all weak (below ``edge_cosine``, and touching no exact passage) are dropped. A
    rewritten passage is rewritten to its edges; a neighbouring sentence on the same topic
    only resembles it."""
    seeds = np.array(cluster, dtype=np.int64).reshape(-1, 2)
    good = strong[seeds[:, 0], seeds[:, 1]]
    changed = True
    while changed and len(seeds):
        changed = False
        for side in (0, 1):
            for edge in (seeds[:, side].min(), seeds[:, side].max()):
                at_edge = seeds[:, side] == edge
                if not at_edge.all() and not good[at_edge].any():
                    seeds, good = seeds[~at_edge], good[~at_edge]
                    changed = True
                    break
            if changed:
                break
    return [(int(i), int(j)) for i, j in seeds]


def _exact_seeds(
    a_spans: list[tuple[int, int]],
    b_spans: list[tuple[int, int]],
    exact: Sequence[tuple[int, int, int, int]],
    cosine: _Floats,
) -> set[tuple[int, int]]:
    """For each sentence of A an exact passage touches, the most similar sentence of B it
    touches too."""
    a_starts, a_ends = _bounds(a_spans)
    b_starts, b_ends = _bounds(b_spans)
    seeds: set[tuple[int, int]] = set()
    for a_start, a_end, b_start, b_end in exact:
        in_a = np.nonzero((a_starts < a_end) & (a_ends > a_start))[0]
        in_b = np.nonzero((b_starts < b_end) & (b_ends > b_start))[0]
        if len(in_a) and len(in_b):
            best = in_b[np.argmax(cosine[np.ix_(in_a, in_b)], axis=1)]
            seeds.update((int(i), int(j)) for i, j in zip(in_a, best, strict=True))
    return seeds


def _passage(
    cluster: list[tuple[int, int]],
    a_spans: _Spans,
    b_spans: _Spans,
    run_similarity: RunSimilarity,
    config: ParaphraseConfig,
    *,
    summary: bool = False,
) -> RewrittenPassage | None:
    if not cluster:
        return None
    first_a, last_a = min(s[0] for s in cluster), max(s[0] for s in cluster)
    first_b, last_b = min(s[1] for s in cluster), max(s[1] for s in cluster)
    # A summary is compared with the sentences of A it draws on, not with all it spans.
    rows_a = np.array(
        sorted({s[0] for s in cluster}) if summary else range(first_a, last_a + 1), dtype=np.int64
    )
    similarity = run_similarity(rows_a, first_b, last_b)
    a_start, a_end = _span(a_spans, first_a, last_a)
    b_start, b_end = _span(b_spans, first_b, last_b)
    shortest = min(a_end - a_start, b_end - b_start)
    long_enough = (
        shortest >= config.min_chars
        or (shortest >= config.short_min_chars and similarity >= config.short_similarity)
    ) and min(last_a - first_a, last_b - first_b) + 1 >= config.min_sentences
    dense_a = len({s[0] for s in cluster}) / (last_a - first_a + 1)
    dense_b = len({s[1] for s in cluster}) / (last_b - first_b + 1)
    if similarity < config.min_passage_similarity or not long_enough:
        return None
    if dense_b < config.min_seed_density:
        return None
    if summary:
        if (b_end - b_start) > config.summary_ratio * (a_end - a_start):
            return None
    elif dense_a < config.min_seed_density:
        return None
    return RewrittenPassage(a_start, a_end, b_start, b_end, round(similarity, 4))


def _without_overlaps(passages: list[RewrittenPassage]) -> list[RewrittenPassage]:
    """Where passages overlap in A or in B, keep the more similar (then the longer)."""
    ranked = sorted(
        passages,
        key=lambda p: (-p.similarity, -(p.a_end - p.a_start + p.b_end - p.b_start), p.a_start),
    )
    kept: list[RewrittenPassage] = []
    for passage in ranked:
        if not any(
            (passage.a_start < other.a_end and other.a_start < passage.a_end)
            or (passage.b_start < other.b_end and other.b_start < passage.b_end)
            for other in kept
        ):
            kept.append(passage)
    return sorted(kept, key=lambda p: (p.a_start, p.b_start))


def _joined(
    passages: list[RewrittenPassage],
    exact: Sequence[tuple[int, int, int, int]],
    whole_a: tuple[int, int],
    config: ParaphraseConfig,
) -> list[RewrittenPassage]:
    """Rewritten passages joined with the passages (rewritten or exact) next to them in B.

    Pieces at most ``join_chars`` apart in B are one retold stretch, one passage, however many
    pieces of A it draws on. A joined passage much shorter in B than in A that draws on most of
    A is a summary of A as a whole, and spans all of A. Each passage records how much of its B
    side the exact passages cover: mostly exact, it is a copy with edits rather than a
    rewriting, and ends where its exact passages end (not at the edges of their sentences).
    """
    items = [(p, True) for p in passages]
    items += [(RewrittenPassage(*span, similarity=1.0), False) for span in exact]
    items.sort(key=lambda item: (item[0].b_start, item[0].b_end))
    runs: list[list[tuple[RewrittenPassage, bool]]] = []
    for item in items:
        if runs and item[0].b_start - max(p.b_end for p, _ in runs[-1]) <= config.join_chars:
            runs[-1].append(item)
        else:
            runs.append([item])
    joined = []
    for run in runs:
        if not any(rewritten for _, rewritten in run):
            continue  # exact passages alone stay exact passages
        passage = _merge([p for p, _ in run])
        a_length, b_length = passage.a_end - passage.a_start, passage.b_end - passage.b_start
        copies = [p for p, rewritten in run if not rewritten]
        copied = sum(p.b_end - p.b_start for p in copies)
        if b_length <= config.summary_ratio * a_length and a_length >= config.summary_of_whole * (
            whole_a[1] - whole_a[0]
        ):
            passage = _merge([passage], whole_a)
        share = round(copied / b_length, 4)
        if share >= config.exact_share:  # an edited copy ends where its copied text ends
            passage = dataclasses.replace(_merge(copies), similarity=passage.similarity)
        joined.append(dataclasses.replace(passage, exact_share=share))
    return joined


def _is_edited(passage: RewrittenPassage, config: ParaphraseConfig) -> bool:
    return passage.exact_share >= config.exact_share


_EDGE_REWRITTEN = ((-1, -1), (1, 1))
"""An edited copy grows over the sentence pairs just before and after it that are clearly one
sentence rewritten (``extend_cosine``): the copier may rewrite the first or last sentence of
what was taken, but a neighbour that only shares the topic stays out."""
_ANY_ORDER = ((-1, -1), (1, 1), (-1, 1), (1, -1))
"""A rewritten passage grows over a sentence next to it in A and one next to it in B, in either
order, that are alike (``absorb_cosine``): a rewriter who shuffles sentences moves the edge
ones too, and a sentence pair just under the seed thresholds is still the passage's own when
it lies right against it in both texts."""


def _grown(
    passage: RewrittenPassage,
    cosine: _Floats,
    a_spans: _Spans,
    b_spans: _Spans,
    threshold: float,
    directions: tuple[tuple[int, int], ...],
) -> RewrittenPassage:
    """``passage`` grown, one sentence pair at a time, over the pairs next to it (before: -1,
    after: 1, in A and in B) whose cosine reaches ``threshold``."""
    a_starts, a_ends = _bounds(a_spans)
    b_starts, b_ends = _bounds(b_spans)
    a_start, a_end, b_start, b_end = passage.a_start, passage.a_end, passage.b_start, passage.b_end
    grew = True
    while grew:
        grew = False
        neighbours = {
            (-1, "a"): int(np.searchsorted(a_ends, a_start, side="right")) - 1,
            (1, "a"): int(np.searchsorted(a_starts, a_end, side="left")),
            (-1, "b"): int(np.searchsorted(b_ends, b_start, side="right")) - 1,
            (1, "b"): int(np.searchsorted(b_starts, b_end, side="left")),
        }
        for step_a, step_b in directions:
            i, j = neighbours[step_a, "a"], neighbours[step_b, "b"]
            if not (0 <= i < len(a_spans) and 0 <= j < len(b_spans)):
                continue
            if cosine[i, j] < threshold:
                continue
            a_start, a_end = min(a_start, int(a_starts[i])), max(a_end, int(a_ends[i]))
            b_start, b_end = min(b_start, int(b_starts[j])), max(b_end, int(b_ends[j]))
            grew = True
            break
    return dataclasses.replace(passage, a_start=a_start, a_end=a_end, b_start=b_start, b_end=b_end)


def _merge(
    members: list[RewrittenPassage], a_span: tuple[int, int] | None = None
) -> RewrittenPassage:
    """One passage over ``members`` (its A span ``a_span`` if given), similarity weighted by
    length in B."""
    a_start, a_end = a_span or (min(p.a_start for p in members), max(p.a_end for p in members))
    sizes = [p.b_end - p.b_start for p in members]
    similarity = sum(p.similarity * n for p, n in zip(members, sizes, strict=True)) / sum(sizes)
    return RewrittenPassage(
        a_start,
        a_end,
        min(p.b_start for p in members),
        max(p.b_end for p in members),
        round(similarity, 4),
    )
