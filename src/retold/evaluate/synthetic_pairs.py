"""Pairs of texts with known reuse and known edits, for scoring the pairwise aligner.

``make_pair`` takes a real source text and builds a derived text from spans of it under ONE
obfuscation, recording the truth by construction: the reuse cases (PAN-style character ranges in
both texts) and every edit a reader would want reported (``omitted``, ``added``,
``substituted``, with the category retold's explainer should give it).

The derived text is written as a list of *segments*: copies of source ranges, replacements of
source ranges, omissions, insertions and whitespace separators. ``assemble`` lays them out, so
every offset is computed once, in one place, and slices back exactly. The corpus generator
(``synthetic_corpus``) plants its reuse with the same obfuscations and the same assembly.

Obfuscations (PAN names where PAN has one):

- ``verbatim``: an excerpt of 40-300 words, copied unchanged.
- ``excerpt_cuts``: an excerpt with 1-3 non-adjacent inner sentences cut (``omitted/content``).
- ``term_swaps``: an excerpt with 1-5 word-level edits: a name respelled by one vowel
  (``spelling``), a term put for another from ``TERM_PAIRS`` (``terminology``, or ``spelling``
  for a transliteration such as Kiev/Kyiv, as retold's explainer defines it), a digit changed
  (``number``).
- ``moved_paragraphs``: an excerpt whose paragraphs (or, in a one-paragraph excerpt, groups of
  sentences) are reordered; moving text is not an edit, so only the cases show it.
- ``spinning``: PAN's random obfuscation: at ``spin_rate`` per word, a word is replaced (by a
  synonym from ``SYNONYMS`` when it has one, else by a random vocabulary word), a random
  vocabulary word inserted, a word deleted, or two words swapped. Replacements and swaps are
  ``substituted/rewording``, insertions ``added/content``, deletions ``omitted/content``.
- ``boilerplate_wrap``: the whole source, wrapped in another outlet's header lines, byline,
  subscription appeal and cookie line, sometimes with an "Advertisement" line between two
  paragraphs (which splits the case in two); each line is ``added/boilerplate``.

Every excerpt obfuscation also frames the excerpt: the source text left out is ``omitted/content``
(one edit per paragraph piece) and the derived text gets 0-2 paragraphs of its own before and
after (``added/content``), real sentences that share no 5-word run with the source.

Anchors of empty ranges: an omission sits in the derived text where the next copied text starts
(or where the last one ends, at the end); an insertion sits in the source the same way.
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum, StrEnum

import regex

from retold.errors import RetoldError
from retold.evaluate.pan import Case
from retold.evaluate.sentences import SentenceBank, bank_of, split_paragraphs, split_sentences
from retold.records import Category, ChangeKind
from retold.tokens import Tokens, fold_words, tokenize

__all__ = [
    "PAIR_OBFUSCATIONS",
    "SYNONYMS",
    "TERM_PAIRS",
    "Obfuscation",
    "PairConfig",
    "ReuseCase",
    "SourceTooShortError",
    "SyntheticPair",
    "TrueEdit",
    "UnknownObfuscationError",
    "UnsuitableSourceError",
    "make_pair",
    "pick_term_edits",
    "uniform_int",
    "word_candidates",
]


class Obfuscation(StrEnum):
    """How a derived text was made from its source."""

    VERBATIM = "verbatim"
    EXCERPT_CUTS = "excerpt_cuts"
    TERM_SWAPS = "term_swaps"
    MOVED_PARAGRAPHS = "moved_paragraphs"
    SPINNING = "spinning"
    BOILERPLATE_WRAP = "boilerplate_wrap"
    FULL_COPY = "full_copy"
    """Corpus only: the whole body republished by another outlet."""


PAIR_OBFUSCATIONS = (
    Obfuscation.VERBATIM,
    Obfuscation.EXCERPT_CUTS,
    Obfuscation.TERM_SWAPS,
    Obfuscation.MOVED_PARAGRAPHS,
    Obfuscation.SPINNING,
    Obfuscation.BOILERPLATE_WRAP,
)
"""The obfuscations ``make_pair`` accepts."""


class UnknownObfuscationError(RetoldError, ValueError):
    """An obfuscation name ``make_pair`` does not know."""


class UnsuitableSourceError(RetoldError, ValueError):
    """The source text cannot carry the obfuscation asked for."""


class SourceTooShortError(UnsuitableSourceError):
    """The source text has too few sentences for the obfuscation asked for."""


@dataclass(frozen=True, slots=True)
class ReuseCase:
    """One reuse case: ``source[source_start:source_end]`` reappears (obfuscated) in the
    derived text at ``derived_start:derived_end``. End exclusive, both ranges non-empty."""

    source_start: int
    source_end: int
    derived_start: int
    derived_end: int


@dataclass(frozen=True, slots=True)
class TrueEdit:
    """One difference put in on purpose, in retold's change vocabulary.

    ``omitted``: the derived range is empty, at the anchor (see the module docstring);
    ``added``: the source range is empty; ``substituted``: both ranges hold text.
    """

    kind: ChangeKind
    category: Category
    source_start: int
    source_end: int
    derived_start: int
    derived_end: int


@dataclass(frozen=True, slots=True)
class SyntheticPair:
    """A source text, a text derived from it, and the truth about how."""

    source_text: str
    derived_text: str
    obfuscation: Obfuscation
    cases: tuple[ReuseCase, ...]
    edits: tuple[TrueEdit, ...]

    def pan_cases(self, source_doc: str = "source", derived_doc: str = "derived") -> list[Case]:
        """The cases as ``retold.evaluate.pan.Case`` records, ready for ``pan.score``."""
        return [
            Case(
                source_doc,
                c.source_start,
                c.source_end,
                derived_doc,
                c.derived_start,
                c.derived_end,
            )
            for c in self.cases
        ]


@dataclass(frozen=True, slots=True)
class PairConfig:
    """Sizes and rates of ``make_pair`` (the corpus generator uses the excerpt sizes too)."""

    excerpt_words: tuple[int, int] = (40, 300)
    """Words in an excerpt; a shorter source is taken whole."""
    background_paragraphs: tuple[int, int] = (0, 2)
    """Paragraphs of the derived text's own, before and (drawn again) after the copy."""
    background_sentences: tuple[int, int] = (1, 4)
    """Sentences in each of those paragraphs."""
    spin_rate: float = 0.15
    """Chance per word of a spinning operation (operations never touch neighbouring words)."""
    term_edits: tuple[int, int] = (2, 5)
    """Edits wanted in a ``term_swaps`` excerpt (fewer when the excerpt offers fewer)."""

    def __post_init__(self) -> None:
        for name in ("excerpt_words", "background_paragraphs", "background_sentences"):
            low, high = getattr(self, name)
            if not 0 <= low <= high:
                raise ValueError(f"{name} must be a range (low, high) with 0 <= low <= high")
        if self.excerpt_words[0] < 1 or not 1 <= self.term_edits[0] <= self.term_edits[1]:
            raise ValueError("excerpt_words and term_edits must start at 1 or more")
        if not 0 <= self.spin_rate < 1:
            raise ValueError("spin_rate must be in [0, 1)")


# Real pairs of terms that outlets put for one another. Retold's explainer counts
# transliterations as spelling, so Kiev/Kyiv is recorded as spelling, not terminology.
TERM_PAIRS: tuple[tuple[str, str, Category], ...] = (
    ("Islamic State", "Daesh", Category.TERMINOLOGY),
    ("ISIS", "Daesh", Category.TERMINOLOGY),
    ("Burma", "Myanmar", Category.TERMINOLOGY),
    ("Israel", "the Zionist regime", Category.TERMINOLOGY),
    ("Kremlin", "Russian government", Category.TERMINOLOGY),
    ("annexed", "reunified with", Category.TERMINOLOGY),
    ("annexation", "reunification", Category.TERMINOLOGY),
    ("North Korea", "the DPRK", Category.TERMINOLOGY),
    ("Persian Gulf", "Arabian Gulf", Category.TERMINOLOGY),
    ("Turkey", "Türkiye", Category.TERMINOLOGY),
    ("Bombay", "Mumbai", Category.TERMINOLOGY),
    ("Swaziland", "Eswatini", Category.TERMINOLOGY),
    ("Czech Republic", "Czechia", Category.TERMINOLOGY),
    ("Syrian government", "Assad regime", Category.TERMINOLOGY),
    ("terrorists", "militants", Category.TERMINOLOGY),
    ("illegal immigrants", "undocumented immigrants", Category.TERMINOLOGY),
    ("Kiev", "Kyiv", Category.SPELLING),
)
"""``(term, replacement, category)``; each pair is applied in both directions."""

SYNONYMS: tuple[tuple[str, str], ...] = (
    ("said", "stated"),
    ("says", "states"),
    ("told", "informed"),
    ("meeting", "encounter"),
    ("president", "leader"),
    ("country", "nation"),
    ("countries", "nations"),
    ("big", "large"),
    ("start", "begin"),
    ("started", "began"),
    ("show", "reveal"),
    ("showed", "revealed"),
    ("help", "assist"),
    ("buy", "purchase"),
    ("need", "require"),
    ("try", "attempt"),
    ("people", "individuals"),
    ("many", "numerous"),
    ("important", "significant"),
    ("after", "following"),
    ("quickly", "rapidly"),
    ("threat", "danger"),
    ("agreement", "deal"),
    ("officials", "authorities"),
    ("government", "administration"),
    ("attack", "assault"),
    ("claimed", "alleged"),
    ("criticized", "condemned"),
    ("warned", "cautioned"),
    ("allowed", "permitted"),
    ("used", "employed"),
    ("also", "additionally"),
    ("talks", "negotiations"),
    ("summit", "meeting"),
    ("week", "days"),
)
"""Spinning's synonym table, applied in both directions; other words get a vocabulary word."""


def _term_table() -> tuple[regex.Pattern[str], dict[str, tuple[str, Category]]]:
    table: dict[str, tuple[str, Category]] = {}
    for term, replacement, category in TERM_PAIRS:
        table.setdefault(term, (replacement, category))
        table.setdefault(replacement, (term, category))
    alternatives = sorted(table, key=len, reverse=True)
    pattern = regex.compile(r"(?<!\w)(?:" + "|".join(map(regex.escape, alternatives)) + r")(?!\w)")
    return pattern, table


_TERM_PATTERN, _TERMS = _term_table()
_SYNONYM_OF = {a: b for a, b in SYNONYMS} | {b: a for a, b in SYNONYMS}
_VOWELS = "aeiou"
_SENTENCE_BREAK = regex.compile(r"[.!?:;]")
_DIGIT = regex.compile(r"\d")


# --- Layout of a source text ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Layout:
    """A text cut into paragraphs and sentences (character spans), with words per sentence.

    Shared with the corpus generator, which builds it while writing an article instead of
    re-splitting; not part of the public API.
    """

    text: str
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    paragraph_of: tuple[int, ...]
    """Index into ``paragraphs`` of each sentence."""
    words: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Layout:
        paragraphs = tuple(split_paragraphs(text))
        sentences: list[tuple[int, int]] = []
        paragraph_of: list[int] = []
        for number, (start, end) in enumerate(paragraphs):
            spans = split_sentences(text, start, end)
            sentences += spans
            paragraph_of += [number] * len(spans)
        words = tuple(len(fold_words(text[start:end])) for start, end in sentences)
        return cls(text, paragraphs, tuple(sentences), tuple(paragraph_of), words)


# --- Segments and their assembly --------------------------------------------------------------


class Op(Enum):
    """What a segment of the derived text does with the source."""

    COPY = "copy"
    REPLACE = "replace"
    OMIT = "omit"
    INSERT = "insert"
    SEPARATE = "separate"
    """Whitespace between pieces: part of no case and of no edit."""


@dataclass(frozen=True, slots=True)
class Segment:
    """One step of writing the derived text; ``case`` groups the steps of one reuse case."""

    op: Op
    source_start: int = 0
    source_end: int = 0
    text: str = ""
    category: Category = Category.CONTENT
    case: int = -1


def copy(start: int, end: int, case: int) -> Segment:
    return Segment(Op.COPY, start, end, case=case)


def replace(start: int, end: int, text: str, category: Category, case: int) -> Segment:
    return Segment(Op.REPLACE, start, end, text, category, case)


def omit(start: int, end: int, case: int = -1) -> Segment:
    return Segment(Op.OMIT, start, end, case=case)


def insert(text: str, category: Category, case: int = -1) -> Segment:
    return Segment(Op.INSERT, text=text, category=category, case=case)


def separate(text: str) -> Segment:
    if text.strip():
        raise ValueError(f"a separator must be whitespace, got {text!r}")
    return Segment(Op.SEPARATE, text=text)


@dataclass(frozen=True, slots=True)
class Assembled:
    """The derived text laid out from segments, with its cases and edits."""

    text: str
    cases: tuple[ReuseCase, ...]
    edits: tuple[TrueEdit, ...]


_ALIGNED = (Op.COPY, Op.REPLACE)
_EDIT_KIND = {
    Op.REPLACE: ChangeKind.SUBSTITUTED,
    Op.OMIT: ChangeKind.OMITTED,
    Op.INSERT: ChangeKind.ADDED,
}


def assemble(source_text: str, segments: Sequence[Segment]) -> Assembled:
    """Write the derived text and compute every case and edit range from ``segments``."""
    pieces = [
        source_text[s.source_start : s.source_end] if s.op is Op.COPY else s.text for s in segments
    ]
    starts = []
    position = 0
    for piece in pieces:
        starts.append(position)
        position += len(piece)
    anchors = _anchors(segments, starts, pieces)
    edits = [
        _edit(segment, start, len(piece), anchor)
        for segment, start, piece, anchor in zip(segments, starts, pieces, anchors, strict=True)
        if segment.op in _EDIT_KIND
    ]
    return Assembled("".join(pieces), _cases(segments, starts, pieces), tuple(edits))


def _anchors(
    segments: Sequence[Segment], starts: list[int], pieces: list[str]
) -> list[tuple[int, int]]:
    """(source, derived) anchor of each segment: the start of the next aligned segment, else
    the end of the last one (else 0, when nothing is aligned)."""
    anchors = [(0, 0)] * len(segments)
    following: tuple[int, int] | None = None
    for index in range(len(segments) - 1, -1, -1):
        segment = segments[index]
        if segment.op in _ALIGNED:
            following = (segment.source_start, starts[index])
        if following is not None:
            anchors[index] = following
    last = max((i for i, s in enumerate(segments) if s.op in _ALIGNED), default=-1)
    if last >= 0:
        end = (segments[last].source_end, starts[last] + len(pieces[last]))
        anchors[last + 1 :] = [end] * (len(segments) - last - 1)
    return anchors


def _edit(segment: Segment, start: int, length: int, anchor: tuple[int, int]) -> TrueEdit:
    kind = _EDIT_KIND[segment.op]
    source_anchor, derived_anchor = anchor
    if kind is ChangeKind.ADDED:
        return TrueEdit(kind, segment.category, source_anchor, source_anchor, start, start + length)
    if kind is ChangeKind.OMITTED:
        return TrueEdit(
            kind,
            segment.category,
            segment.source_start,
            segment.source_end,
            derived_anchor,
            derived_anchor,
        )
    return TrueEdit(
        kind, segment.category, segment.source_start, segment.source_end, start, start + length
    )


def _cases(
    segments: Sequence[Segment], starts: list[int], pieces: list[str]
) -> tuple[ReuseCase, ...]:
    bounds: dict[int, list[int]] = {}
    for segment, start, piece in zip(segments, starts, pieces, strict=True):
        if segment.case < 0 or segment.op is Op.OMIT:
            continue
        end = start + len(piece)
        found = bounds.setdefault(segment.case, [1 << 62, -1, start, end])
        if segment.op in _ALIGNED:
            found[0] = min(found[0], segment.source_start)
            found[1] = max(found[1], segment.source_end)
        found[2], found[3] = min(found[2], start), max(found[3], end)
    cases = [ReuseCase(*found) for found in bounds.values() if found[1] >= 0]
    return tuple(sorted(cases, key=lambda case: case.derived_start))


# --- Choosing an excerpt ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The segments of an obfuscated excerpt and the source range it was taken from."""

    segments: tuple[Segment, ...]
    source_start: int
    source_end: int


def choose_sentences(
    layout: Layout, rng: random.Random, words: tuple[int, int], min_sentences: int = 1
) -> tuple[int, int]:
    """A run ``[first, end)`` of sentences holding about ``words`` words (uniform in range).

    The run stops before it would pass the upper bound, grows backwards when the text ends
    first, and always holds ``min_sentences`` (or the whole text, when that is shorter).
    """
    count = len(layout.sentences)
    if count <= min_sentences:
        return 0, count
    low, high = words
    target = low + int(rng.random() * (high - low + 1))
    first = int(rng.random() * count)
    end, total = first, 0
    while end < count and total < target and total + layout.words[end] <= high:
        total += layout.words[end]
        end += 1
    while end < count and end - first < 1:
        total += layout.words[end]
        end += 1
    while first > 0 and total < low:
        first -= 1
        total += layout.words[first]
    while end - first < min_sentences:
        if end < count:
            end += 1
        else:
            first -= 1
    return first, end


def _span(layout: Layout, first: int, end: int) -> tuple[int, int]:
    return layout.sentences[first][0], layout.sentences[end - 1][1]


def uniform_int(rng: random.Random, low: int, high: int) -> int:
    """Uniform in ``[low, high]`` from ``rng.random()`` alone, stable across Python versions."""
    return low + int(rng.random() * (high - low + 1))


def _sample_sorted(rng: random.Random, population: int, count: int) -> list[int]:
    """``count`` distinct numbers of ``range(population)``, sorted (partial Fisher-Yates)."""
    pool = list(range(population))
    for index in range(count):
        pick = index + int(rng.random() * (population - index))
        pool[index], pool[pick] = pool[pick], pool[index]
    return sorted(pool[:count])


# --- Obfuscations -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ObfuscationContext:
    """What every obfuscation may draw on."""

    layout: Layout
    rng: random.Random
    bank: SentenceBank
    config: PairConfig = field(default_factory=PairConfig)


def verbatim(context: ObfuscationContext) -> Excerpt:
    layout = context.layout
    start, end = _span(layout, *choose_sentences(layout, context.rng, context.config.excerpt_words))
    return Excerpt((copy(start, end, 0),), start, end)


def full_copy(context: ObfuscationContext) -> Excerpt:
    start, end = _span(context.layout, 0, len(context.layout.sentences))
    return Excerpt((copy(start, end, 0),), start, end)


def excerpt_cuts(context: ObfuscationContext) -> Excerpt:
    layout, rng = context.layout, context.rng
    if len(layout.sentences) < 3:
        raise SourceTooShortError("excerpt_cuts needs a source of at least 3 sentences")
    first, end = choose_sentences(layout, rng, context.config.excerpt_words, min_sentences=3)
    inner = end - first - 2
    cut_count = uniform_int(rng, 1, min(3, (inner + 1) // 2))
    picks = _sample_sorted(rng, inner - cut_count + 1, cut_count)
    cuts = {first + 1 + pick + order for order, pick in enumerate(picks)}
    segments: list[Segment] = []
    case = 0
    run_start = first
    for index in range(first, end + 1):
        if index < end and index not in cuts:
            continue
        if run_start < index:
            segments.append(copy(*_span(layout, run_start, index), case))
        if index == end:
            break
        segments.append(omit(*layout.sentences[index]))
        gap = layout.text[layout.sentences[index - 1][1] : layout.sentences[index + 1][0]]
        segments.append(separate("\n\n" if "\n" in gap else " "))
        case += 1
        run_start = index + 1
    return Excerpt(tuple(segments), *_span(layout, first, end))


def moved_paragraphs(context: ObfuscationContext) -> Excerpt:
    layout, rng = context.layout, context.rng
    if len(layout.sentences) < 2:
        raise SourceTooShortError("moved_paragraphs needs a source of at least 2 sentences")
    first, end = choose_sentences(layout, rng, context.config.excerpt_words, min_sentences=2)
    units = _units(layout, rng, first, end)
    moved = int(rng.random() * len(units))
    target = int(rng.random() * (len(units) - 1))
    target += target >= moved
    order = [unit for index, unit in enumerate(units) if index != moved]
    order.insert(target, units[moved])
    return Excerpt(tuple(_copy_units(layout.text, order)), *_span(layout, first, end))


def _units(layout: Layout, rng: random.Random, first: int, end: int) -> list[tuple[int, int]]:
    """The excerpt's paragraphs as sentence runs; with one paragraph, 2-4 runs of sentences."""
    breaks = [
        index
        for index in range(first + 1, end)
        if layout.paragraph_of[index] != layout.paragraph_of[index - 1]
    ]
    if not breaks:
        count = uniform_int(rng, 2, min(4, end - first))
        breaks = [first + 1 + pick for pick in _sample_sorted(rng, end - first - 1, count - 1)]
    bounds = [first, *breaks, end]
    return [_span(layout, a, b) for a, b in itertools.pairwise(bounds)]


def _copy_units(text: str, order: list[tuple[int, int]]) -> list[Segment]:
    """Copy units in ``order``; units still next to each other in source order stay one case."""
    segments = [copy(*order[0], 0)]
    case = 0
    for (_, previous_end), (start, end) in itertools.pairwise(order):
        if previous_end <= start and not text[previous_end:start].strip():
            last = segments.pop()
            segments.append(copy(last.source_start, end, case))
            continue
        case += 1
        segments += [separate("\n\n"), copy(start, end, case)]
    return segments


def term_swaps(context: ObfuscationContext) -> Excerpt:
    layout, rng = context.layout, context.rng
    start, end = _span(layout, *choose_sentences(layout, rng, context.config.excerpt_words))
    low, high = context.config.term_edits
    edits = pick_term_edits(layout.text, start, end, rng, uniform_int(rng, low, high))
    if not edits:
        raise UnsuitableSourceError("term_swaps found no name, number, term or word to change")
    segments: list[Segment] = []
    cursor = start
    for edit_start, edit_end, text, category in edits:
        if cursor < edit_start:
            segments.append(copy(cursor, edit_start, 0))
        segments.append(replace(edit_start, edit_end, text, category, 0))
        cursor = edit_end
    if cursor < end:
        segments.append(copy(cursor, end, 0))
    return Excerpt(tuple(segments), start, end)


_TermEdit = tuple[int, int, str, Category]


def pick_term_edits(
    text: str, start: int, end: int, rng: random.Random, wanted: int
) -> list[_TermEdit]:
    """Up to ``wanted`` edits, at least one word apart, mixing terms, names and numbers."""
    tokens = tokenize(text[start:end])
    token_starts = [int(offset) + start for offset in tokens.starts]
    names, numbers, plain = word_candidates(tokens, start, rng)
    candidates = [_term_candidates(text, start, end), names, numbers]
    if not any(candidates):
        candidates = [plain]  # a typo in a common word: still an edit of the spelling kind
    chosen: list[tuple[int, int, _TermEdit]] = []
    for pool in candidates:
        _shuffle(rng, pool)
    # Round-robin over the kinds, so one excerpt mixes spelling, terminology and numbers.
    while len(chosen) < wanted and any(candidates):
        for pool in candidates:
            while pool and len(chosen) < wanted:
                edit = pool.pop()
                first, last = _token_range(token_starts, edit[0], edit[1])
                if all(
                    last + 1 < other_first or other_last + 1 < first
                    for other_first, other_last, _ in chosen
                ):
                    chosen.append((first, last, edit))
                    break
    return sorted(edit for _, _, edit in chosen)


def _token_range(token_starts: list[int], start: int, end: int) -> tuple[int, int]:
    """Indices ``[first, last]`` of the tokens that the characters ``[start, end)`` touch."""
    first = bisect.bisect_right(token_starts, start) - 1
    last = bisect.bisect_left(token_starts, end) - 1
    return first, last


def _term_candidates(text: str, start: int, end: int) -> list[_TermEdit]:
    found = []
    for match in _TERM_PATTERN.finditer(text, start, end):
        replacement, category = _TERMS[match.group()]
        found.append((match.start(), match.end(), replacement, category))
    return found


def word_candidates(
    tokens: Tokens, start: int, rng: random.Random
) -> tuple[list[_TermEdit], list[_TermEdit], list[_TermEdit]]:
    """Respellable names (capitalised, not sentence-initial), changeable numbers, and
    respellable plain words (the fallback when an excerpt has neither)."""
    names: list[_TermEdit] = []
    numbers: list[_TermEdit] = []
    plain: list[_TermEdit] = []
    for index, word in enumerate(tokens.raw):
        first = int(tokens.starts[index]) + start
        last = first + len(word)
        if _DIGIT.search(word):
            numbers.append((first, last, _changed_number(word, rng), Category.NUMBER))
        elif len(word) < 5 or not word.isalpha() or not any(c in _VOWELS for c in word[1:]):
            continue
        elif word[0].isupper() and index > 0 and not _SENTENCE_BREAK.search(tokens.gaps[index]):
            names.append((first, last, _respelled(word, rng), Category.SPELLING))
        elif word.islower():
            plain.append((first, last, _respelled(word, rng), Category.SPELLING))
    return names, numbers, plain


def _respelled(word: str, rng: random.Random) -> str:
    """``word`` with one inner vowel changed to another vowel (Putin → Putan)."""
    positions = [index for index in range(1, len(word)) if word[index] in _VOWELS]
    position = positions[int(rng.random() * len(positions))]
    others = _VOWELS.replace(word[position], "")
    vowel = others[int(rng.random() * len(others))]
    return word[:position] + vowel + word[position + 1 :]


def _changed_number(word: str, rng: random.Random) -> str:
    """``word`` with one digit changed, most often the last; never a new leading zero."""
    positions = [index for index, char in enumerate(word) if char.isdigit()]
    position = (
        positions[-1] if rng.random() < 0.7 else positions[int(rng.random() * len(positions))]
    )
    old = word[position]
    digits = "123456789" if position == positions[0] and len(positions) > 1 else "0123456789"
    digits = digits.replace(old, "")
    return word[:position] + digits[int(rng.random() * len(digits))] + word[position + 1 :]


def _shuffle(rng: random.Random, items: list[_TermEdit]) -> None:
    for index in range(len(items) - 1, 0, -1):
        pick = int(rng.random() * (index + 1))
        items[index], items[pick] = items[pick], items[index]


def spinning(context: ObfuscationContext) -> Excerpt:
    layout, rng = context.layout, context.rng
    start, end = _span(layout, *choose_sentences(layout, rng, context.config.excerpt_words))
    spinner = _Spinner(layout.text, start, rng, context.bank.vocabulary)
    return Excerpt(tuple(spinner.spin(end, context.config.spin_rate)), start, end)


@dataclass(slots=True)
class _Spinner:
    """Walks the words of an excerpt and emits segments with random local rewrites."""

    text: str
    start: int
    rng: random.Random
    vocabulary: tuple[str, ...]
    segments: list[Segment] = field(default_factory=list)

    def spin(self, end: int, rate: float) -> list[Segment]:
        tokens = tokenize(self.text[self.start : end])
        words = tokens.raw
        spans = [
            (int(a) + self.start, int(b) + self.start)
            for a, b in zip(tokens.starts, tokens.ends, strict=True)
        ]
        cursor = self.start
        index = 1  # the first and last words stay, so the case keeps its ends
        while index < len(words) - 1:
            if self.rng.random() >= rate:
                index += 1
                continue
            done = self._operate(words, spans, tokens.gaps, index, cursor)
            if done is None:
                index += 1
                continue
            cursor, index = done
        if cursor < end:
            self.segments.append(copy(cursor, end, 0))
        return self.segments

    def _operate(
        self,
        words: list[str],
        spans: list[tuple[int, int]],
        gaps: list[str],
        index: int,
        cursor: int,
    ) -> tuple[int, int] | None:
        """Apply one random operation at word ``index``; return (new cursor, next index)."""
        word_start, word_end = spans[index]
        choice = self.rng.random()
        plain = words[index].isalpha()
        if choice < 0.4 and plain:
            self._flush(cursor, word_start)
            new = self._replacement(words[index])
            self.segments.append(replace(word_start, word_end, new, Category.REWORDING, 0))
            return word_end, index + 2
        if choice < 0.6 and gaps[index].endswith(" "):
            self._flush(cursor, word_start)
            self.segments += [insert(self._vocabulary_word(""), Category.CONTENT, 0), separate(" ")]
            return word_start, index + 2
        if choice < 0.8 and gaps[index + 1] == " ":
            self._flush(cursor, word_start)
            self.segments.append(omit(word_start, word_end, 0))
            return spans[index + 1][0], index + 2
        if (
            plain
            and words[index + 1].isalpha()
            and gaps[index + 1] == " "
            and index + 2 < len(words)
        ):
            if words[index].casefold() == words[index + 1].casefold():
                return None
            self._flush(cursor, word_start)
            swapped = f"{words[index + 1]} {words[index]}"
            self.segments.append(
                replace(word_start, spans[index + 1][1], swapped, Category.REWORDING, 0)
            )
            return spans[index + 1][1], index + 3
        return None

    def _flush(self, cursor: int, until: int) -> None:
        if cursor < until:
            self.segments.append(copy(cursor, until, 0))

    def _replacement(self, word: str) -> str:
        synonym = _SYNONYM_OF.get(word.casefold())
        new = synonym if synonym is not None else self._vocabulary_word(word.casefold())
        return new[0].upper() + new[1:] if word[0].isupper() else new

    def _vocabulary_word(self, avoid: str) -> str:
        while True:
            word = self.vocabulary[int(self.rng.random() * len(self.vocabulary))]
            if word != avoid:
                return word


# --- Boilerplate --------------------------------------------------------------------------------

PLACES = (
    "Ashford Bayside Bellmont Brookfield Carlton Cedar Clearwater Crestview Dover Eastport"
    " Fairview Glenwood Granite Greenville Harbor Highland Kingston Lakeside Linden Maple"
    " Marston Meadow Midland Millbrook Newport Northfield Oakridge Pinecrest Portland Ridgeway"
    " Riverside Rockport Salem Shelby Silverton Springfield Stanton Summit Valley Westbrook"
    " Weston Willow Windham Woodbury"
).split()
MASTHEADS = (
    "Times Herald Gazette Post Courier Tribune Chronicle Ledger Observer Journal Dispatch Review"
    " Sentinel Examiner Record Star Bulletin Monitor Telegraph Register Globe Press Reporter"
    " Beacon Standard Express"
).split()
_HEADERS = (
    "Home | News | World | Politics | Business | Opinion",
    "{weekday}, {date} | Today's paper | Sign in",
    "Advertisement",
    "Breaking News",
    "World News",
)
_BYLINES = (
    "By {reporter}, {name}",
    "By {reporter} | Published {date}",
    "{reporter}, Staff Writer",
    "Reporting by {reporter}; editing by {editor}",
)
_APPEALS = (
    "Subscribe to {name} for unlimited access to our journalism.",
    "Support independent journalism: become a member of {name} from just $1 a week.",
    "Sign up for our newsletter to get the day's top stories from {name} in your inbox.",
    "You have read all your free articles this month. Subscribe now to keep reading.",
)
_COOKIES = (
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "This site uses cookies. Manage your cookie settings or accept all cookies to continue.",
    "By using this website, you agree to our use of cookies and our privacy policy.",
)
_MIDDLES = ("Advertisement", "READ MORE: {headline}", "Story continues below advertisement")
_REPORTERS = "Anna Keller,James Porter,Maria Lopez,David Chen,Sarah Novak,Tom Becker".split(",")
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_MONTHS = (
    "January February March April May June July August September October November December".split()
)


def pick(rng: random.Random, items: Sequence[str]) -> str:
    return items[int(rng.random() * len(items))]


def outlet_name(rng: random.Random) -> str:
    return f"The {pick(rng, PLACES)} {pick(rng, MASTHEADS)}"


def boilerplate_wrap(context: ObfuscationContext) -> Excerpt:
    layout, rng = context.layout, context.rng
    start, end = _span(layout, 0, len(layout.sentences))
    fill = _filler(rng, context.bank)
    header = [pick(rng, _HEADERS).format(**fill) for _ in range(uniform_int(rng, 1, 2))]
    header.append(pick(rng, _BYLINES).format(**fill))
    segments: list[Segment] = []
    for line in header:
        segments += [insert(line, Category.BOILERPLATE), separate("\n")]
    segments[-1] = separate("\n\n")
    segments += _body_with_middle(layout, rng, fill, start, end)
    footer = [pick(rng, _APPEALS).format(**fill), pick(rng, _COOKIES)]
    for line in footer:
        segments += [separate("\n\n"), insert(line, Category.BOILERPLATE)]
    return Excerpt(tuple(segments), start, end)


def _body_with_middle(
    layout: Layout, rng: random.Random, fill: dict[str, str], start: int, end: int
) -> list[Segment]:
    """The whole body, split by one boilerplate line at a paragraph break half the time."""
    if len(layout.paragraphs) < 2 or rng.random() < 0.5:
        return [copy(start, end, 0)]
    split = 1 + int(rng.random() * (len(layout.paragraphs) - 1))
    first_end, second_start = layout.paragraphs[split - 1][1], layout.paragraphs[split][0]
    line = pick(rng, _MIDDLES).format(**fill)
    return [
        copy(start, first_end, 0),
        separate("\n\n"),
        insert(line, Category.BOILERPLATE),
        separate("\n\n"),
        copy(second_start, end, 1),
    ]


def _filler(rng: random.Random, bank: SentenceBank) -> dict[str, str]:
    """Values for the boilerplate templates: an outlet, people, a date, a headline."""
    day, month = uniform_int(rng, 1, 28), pick(rng, _MONTHS)
    headline = " ".join(pick(rng, bank.vocabulary) for _ in range(5)).capitalize()
    return {
        "name": outlet_name(rng),
        "reporter": pick(rng, _REPORTERS),
        "editor": pick(rng, _REPORTERS),
        "weekday": pick(rng, _WEEKDAYS),
        "date": f"{day} {month} 2018",
        "headline": headline,
    }


OBFUSCATE: dict[Obfuscation, Callable[[ObfuscationContext], Excerpt]] = {
    Obfuscation.VERBATIM: verbatim,
    Obfuscation.EXCERPT_CUTS: excerpt_cuts,
    Obfuscation.TERM_SWAPS: term_swaps,
    Obfuscation.MOVED_PARAGRAPHS: moved_paragraphs,
    Obfuscation.SPINNING: spinning,
    Obfuscation.BOILERPLATE_WRAP: boilerplate_wrap,
    Obfuscation.FULL_COPY: full_copy,
}
"""Each obfuscation as a function of its context; shared with the corpus generator."""


# --- Pairs ------------------------------------------------------------------------------------


def make_pair(
    source_text: str,
    obfuscation: str,
    rng: random.Random,
    *,
    sentences: Sequence[str] | SentenceBank,
    config: PairConfig | None = None,
) -> SyntheticPair:
    """Derive a text from ``source_text`` by one obfuscation and record the truth.

    ``sentences`` supplies the derived text's own paragraphs and spinning's vocabulary; pass a
    ``SentenceBank`` when making many pairs (a plain list is converted, and cached, each call).
    Raises ``UnknownObfuscationError`` for a name outside ``PAIR_OBFUSCATIONS``,
    ``SourceTooShortError`` when the source has no sentence (or too few for the obfuscation),
    and ``UnsuitableSourceError`` when ``term_swaps`` finds nothing to change (a text not in
    English, say).
    """
    kind = _obfuscation(obfuscation)
    layout = Layout.of(source_text)
    if not layout.sentences:
        raise SourceTooShortError("the source text has no words")
    bank = bank_of(sentences)
    context = ObfuscationContext(layout, rng, bank, config or PairConfig())
    excerpt = OBFUSCATE[kind](context)
    segments = excerpt.segments
    if kind is not Obfuscation.BOILERPLATE_WRAP:
        segments = _framed(context, excerpt)
    assembled = assemble(source_text, segments)
    return SyntheticPair(source_text, assembled.text, kind, assembled.cases, assembled.edits)


def _obfuscation(name: str) -> Obfuscation:
    try:
        kind = Obfuscation(name)
    except ValueError as error:
        raise UnknownObfuscationError(
            f"unknown obfuscation {name!r}; expected one of {', '.join(PAIR_OBFUSCATIONS)}"
        ) from error
    if kind not in PAIR_OBFUSCATIONS:
        raise UnknownObfuscationError(f"{name!r} is a corpus reuse type, not a pair obfuscation")
    return kind


def _framed(context: ObfuscationContext, excerpt: Excerpt) -> tuple[Segment, ...]:
    """The excerpt between the derived text's own paragraphs, with the source left out omitted."""
    layout = context.layout
    avoid = _five_grams(fold_words(layout.text))
    lead = _background(context, avoid)
    tail = _background(context, avoid)
    segments: list[Segment] = []
    for paragraph in lead:
        segments += [insert(paragraph, Category.CONTENT), separate("\n\n")]
    segments += omitted_pieces(layout, 0, excerpt.source_start)
    segments += excerpt.segments
    segments += omitted_pieces(layout, excerpt.source_end, len(layout.text))
    for paragraph in tail:
        segments += [separate("\n\n"), insert(paragraph, Category.CONTENT)]
    return tuple(segments)


def omitted_pieces(layout: Layout, start: int, end: int) -> list[Segment]:
    """``omitted/content`` segments for ``[start, end)``, one per paragraph piece, trimmed."""
    pieces = []
    for paragraph_start, paragraph_end in layout.paragraphs:
        first, last = max(start, paragraph_start), min(end, paragraph_end)
        text = layout.text[first:last] if first < last else ""
        if text.strip():
            first += len(text) - len(text.lstrip())
            last -= len(text) - len(text.rstrip())
            pieces.append(omit(first, last))
    return pieces


def _background(context: ObfuscationContext, avoid: set[tuple[str, ...]]) -> list[str]:
    """Paragraphs of real sentences sharing no 5-word run with the source."""
    rng, bank, config = context.rng, context.bank, context.config
    paragraphs = []
    for _ in range(uniform_int(rng, *config.background_paragraphs)):
        chosen: list[str] = []
        for _ in range(uniform_int(rng, *config.background_sentences)):
            sentence = _unrelated_sentence(rng, bank, avoid)
            if sentence is not None:
                chosen.append(sentence)
        if chosen:
            paragraphs.append(" ".join(chosen))
    return paragraphs


def _unrelated_sentence(
    rng: random.Random, bank: SentenceBank, avoid: set[tuple[str, ...]]
) -> str | None:
    for _ in range(50):
        index = int(rng.random() * len(bank))
        grams = _five_grams(list(bank.folded[index]))
        if avoid.isdisjoint(grams):
            avoid |= grams
            return bank.sentences[index]
    return None


def _five_grams(words: Sequence[str]) -> set[tuple[str, ...]]:
    return {tuple(words[index : index + 5]) for index in range(len(words) - 4)}
