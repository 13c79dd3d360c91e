"""A synthetic news corpus made of real sentences, with every planted reuse known exactly.

For the corpus scanner's recall and precision tests and benchmarks (10 k to 1 M articles).
Articles are written one at a time and streamed; only a bounded pool of recent articles that
later articles will copy is kept.

Background text. Real sentences are reused across up to a million articles, so each use is
perturbed: along an article's word stream (words as ``retold.tokens.tokenize`` cuts them),
every ``perturb_every``-th word from a random offset is replaced by a vocabulary word drawn
uniformly, never the word itself. Any ``r`` consecutive words of an article's own text then
hold a replaced word, and two unrelated articles share a run of ``L >= r`` words only if
``L // r`` replacement draws coincide with the other article's word by chance (about ``1/V``
each, for a vocabulary of ``V`` words): runs of up to ``r - 1`` words are common; runs of
``r`` to ``2r - 1`` words need one coincidence (with ``r = 5``, about 500 unrelated pairs
shared 8 or 9 words in 20,000 articles: over a million in a million articles, as pairs grow
with the square); runs of ``2r`` or more need two (none in 20,000 articles; some tens,
estimated, in a million).
Sentences are dealt from a shuffled deck, so each is used equally often. Sampling real
paragraphs with replacement instead gave millions of spurious pairs (see
``../shared/data/README.md``).

Outlets. A few hundred synthetic outlets; each appends its own fixed line (a subscription
appeal, copyright or newsletter line) to most of its articles, as the last paragraph. That line
is the only text unrelated articles share on purpose: a per-outlet boilerplate learner should
find and strip it.

Planted reuse. About ``reuse_rate`` of the articles derive from an earlier article of the same
chunk, by one of ``verbatim``, ``excerpt_cuts``, ``term_swaps``, ``moved_paragraphs`` (the
obfuscations of ``synthetic_pairs``, set inside the derived article's own text) or
``full_copy``. A source is copied by 1-10 articles (half of them once), like wire copy. The
truth has one row per contiguous copied stretch, with exact character ranges.

Determinism. The corpus is cut into chunks of ``chunk_size`` articles, each with its own random
stream (seeded by ``seed`` and the chunk number) and its own pool of sources: the bytes written
depend only on the sentences, the seed and the configuration, never on the number of worker
processes, and a shorter corpus is a prefix of a longer one.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import itertools
import json
import random
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pyarrow as pa
import regex

from retold.evaluate.sentences import SentenceBank, bank_of
from retold.evaluate.synthetic_pairs import (
    MASTHEADS,
    OBFUSCATE,
    PLACES,
    Assembled,
    Layout,
    Obfuscation,
    ObfuscationContext,
    PairConfig,
    TrueEdit,
    UnsuitableSourceError,
    assemble,
    uniform_int,
)
from retold.records import Category, ChangeKind

__all__ = [
    "ARTICLE_SCHEMA",
    "CORPUS_REUSE_TYPES",
    "SLUG",
    "TRUTH_SCHEMA",
    "Chunk",
    "CorpusConfig",
    "CorpusSummary",
    "Outlet",
    "PlantedReuse",
    "SyntheticArticle",
    "article_json_line",
    "corpus_manifest",
    "generate_corpus",
    "make_outlets",
    "read_truth",
    "related_pairs",
    "sample_indices",
    "truth_json_line",
    "write_corpus",
]

CORPUS_REUSE_TYPES = (
    Obfuscation.VERBATIM,
    Obfuscation.EXCERPT_CUTS,
    Obfuscation.TERM_SWAPS,
    Obfuscation.MOVED_PARAGRAPHS,
    Obfuscation.FULL_COPY,
)
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class CorpusConfig:
    """Every knob of the corpus generator besides the article count, seed and reuse rate."""

    perturb_every: int = 5
    """``r``: one word in every ``r`` of background text is replaced."""
    sentences_per_article: tuple[int, int] = (8, 40)
    """Also for derived articles, own and copied sentences together (own: at least 3)."""
    paragraphs_per_article: tuple[int, int] = (3, 10)
    title_words: tuple[int, int] = (5, 11)
    outlets: int = 300
    boilerplate_rate: tuple[float, float] = (0.7, 0.95)
    """Each outlet appends its line to this share of its articles (drawn per outlet)."""
    type_weights: tuple[tuple[Obfuscation, float], ...] = (
        (Obfuscation.VERBATIM, 0.30),
        (Obfuscation.EXCERPT_CUTS, 0.20),
        (Obfuscation.TERM_SWAPS, 0.20),
        (Obfuscation.MOVED_PARAGRAPHS, 0.15),
        (Obfuscation.FULL_COPY, 0.15),
    )
    excerpt_words: tuple[int, int] = (40, 300)
    max_copies: int = 10
    """A source is copied ``k`` times, ``P(k) = 2**-k`` for ``k < max_copies``."""
    pool_size: int = 2000
    """Sources waiting to be copied; when full, a random one makes room."""
    chunk_size: int = 10_000
    start: datetime = datetime(2018, 1, 1)
    seconds_per_article: int = 30
    """Article ``i`` is published in ``[i, i + 1) * seconds_per_article`` after ``start``."""

    def __post_init__(self) -> None:
        if self.perturb_every < 2:
            raise ValueError("perturb_every must be at least 2")
        if self.sentences_per_article[0] < 3 or self.paragraphs_per_article[0] < 1:
            raise ValueError("articles need at least 3 sentences and 1 paragraph")
        if self.outlets < 2 or self.chunk_size < 1 or self.pool_size < 1:
            raise ValueError("outlets must be at least 2, chunk_size and pool_size at least 1")
        for kind, weight in self.type_weights:
            if kind not in CORPUS_REUSE_TYPES or weight < 0:
                raise ValueError(f"bad reuse type weight: {kind!r} = {weight}")


@dataclass(frozen=True, slots=True)
class Outlet:
    """A synthetic outlet and the line it signs its articles with."""

    name: str
    domain: str
    boilerplate: str
    boilerplate_rate: float


@dataclass(frozen=True, slots=True)
class PlantedReuse:
    """One contiguous copied stretch: ``source[source_start:source_end]`` (maintext of
    ``source_id``) reappears at ``derived_start:derived_end`` of ``derived_id``.

    The two slices are identical except for ``edits`` (``term_swaps`` only), whose offsets are
    also into the two maintexts.
    """

    source_id: str
    derived_id: str
    type: Obfuscation
    source_start: int
    source_end: int
    derived_start: int
    derived_end: int
    words: int
    """Words of the source stretch."""
    edits: tuple[TrueEdit, ...] = ()


@dataclass(frozen=True, slots=True)
class SyntheticArticle:
    """One article; ``doc_id`` … ``source_domain`` are written to ``articles.jsonl``.

    ``boilerplate_start`` (where the outlet's line begins in ``maintext``, or ``None``) and
    ``planted`` (the truth rows of which this article is the derived side) are truth: they go to
    ``truth.jsonl`` and the manifest, never to the articles.
    """

    doc_id: str
    title: str
    maintext: str
    date_publish: datetime
    url: str
    source_domain: str
    boilerplate_start: int | None = None
    planted: tuple[PlantedReuse, ...] = ()


@dataclass(frozen=True, slots=True)
class CorpusSummary:
    """What ``write_corpus`` wrote and how long it took."""

    out_dir: Path
    articles: int
    derived_articles: int
    truth_rows: int
    rows_by_type: dict[str, int]
    seconds: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else float("inf")


ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("title", pa.string()),
        ("maintext", pa.string()),
        ("date_publish", pa.string()),
        ("url", pa.string()),
        ("source_domain", pa.string()),
    ]
)
"""``articles.jsonl`` as Arrow (``date_publish`` an ISO string, as news-please writes it)."""

_EDIT_TYPE = pa.struct(
    [
        ("kind", pa.string()),
        ("category", pa.string()),
        ("source_start", pa.int64()),
        ("source_end", pa.int64()),
        ("derived_start", pa.int64()),
        ("derived_end", pa.int64()),
    ]
)
TRUTH_SCHEMA = pa.schema(
    [
        ("source_id", pa.string()),
        ("derived_id", pa.string()),
        ("type", pa.string()),
        ("source_start", pa.int64()),
        ("source_end", pa.int64()),
        ("derived_start", pa.int64()),
        ("derived_end", pa.int64()),
        ("words", pa.int64()),
        ("edits", pa.list_(_EDIT_TYPE)),
    ]
)
"""``truth.jsonl`` as Arrow."""


# --- Outlets ----------------------------------------------------------------------------------

_OUTLET_LINES = (
    "Subscribe to {name} for unlimited access to all our stories.",
    "© {year} {name}. All rights reserved. This material may not be published, broadcast,"
    " rewritten or redistributed.",
    "Sign up for our newsletter to get the day's top stories from {name} in your inbox.",
    "Copyright {year} {name}. Click here to request permission to reprint this article.",
    "Got a news tip? Email our newsroom at tips@{domain}.",
    "Follow @{handle} on Twitter and Facebook for the latest news.",
    "Support local journalism: subscribe to {name} today.",
)
"""Each holds a word ``sentences.load_sentences`` keeps out of the background (subscri,
newsletter, copyright, ©, @, click here, all rights reserved): an article carries its outlet's
line exactly when its maintext ends with ``"\\n\\n"`` and the line."""
_TOP_LEVEL_DOMAINS = (".com", ".com", ".com", ".net", ".org", ".co.uk", ".news", ".com.au")


def make_outlets(seed: int, count: int, rate: tuple[float, float] = (0.7, 0.95)) -> list[Outlet]:
    """``count`` distinct outlets, each with its own boilerplate line and how often it uses it."""
    rng = random.Random(f"retold-synthetic:{seed}:outlets")
    names: dict[str, str] = {}
    combinations = len(PLACES) * len(MASTHEADS)
    if count > combinations:
        raise ValueError(f"at most {combinations} outlets can be named")
    while len(names) < count:
        place = PLACES[int(rng.random() * len(PLACES))]
        masthead = MASTHEADS[int(rng.random() * len(MASTHEADS))]
        article = "The " if rng.random() < 0.5 else ""
        names.setdefault(f"{place}{masthead}", f"{article}{place} {masthead}")
    return [_outlet(name, handle, rng, rate) for handle, name in names.items()]


def _outlet(name: str, handle: str, rng: random.Random, rate: tuple[float, float]) -> Outlet:
    domain = handle.lower() + _TOP_LEVEL_DOMAINS[int(rng.random() * len(_TOP_LEVEL_DOMAINS))]
    template = _OUTLET_LINES[int(rng.random() * len(_OUTLET_LINES))]
    line = template.format(name=name, year=2018, domain=domain, handle=handle)
    return Outlet(name, domain, line, round(rate[0] + rng.random() * (rate[1] - rate[0]), 3))


# --- Generation -------------------------------------------------------------------------------


def generate_corpus(
    sentences: Sequence[str] | SentenceBank,
    *,
    n_articles: int,
    seed: int,
    reuse_rate: float = 0.1,
    config: CorpusConfig | None = None,
) -> Iterator[SyntheticArticle]:
    """Stream ``n_articles`` synthetic articles; derived ones carry their truth in ``planted``."""
    config = config or CorpusConfig()
    _check(n_articles, reuse_rate)
    bank = bank_of(sentences)
    outlets = make_outlets(seed, config.outlets, config.boilerplate_rate)
    for first in range(0, n_articles, config.chunk_size):
        count = min(config.chunk_size, n_articles - first)
        yield from Chunk.start(bank, outlets, config, seed, reuse_rate, first).articles(count)


def _check(n_articles: int, reuse_rate: float) -> None:
    if n_articles < 0:
        raise ValueError("n_articles must not be negative")
    if not 0 <= reuse_rate < 1:
        raise ValueError("reuse_rate must be in [0, 1)")


@dataclass(slots=True)
class _Source:
    """An article in the pool, waiting for ``copies`` more articles to copy it."""

    doc_id: str
    title: str
    outlet: int
    layout: Layout
    copies: int


@dataclass(slots=True)
class Chunk:
    """Generator state for one chunk: its random stream, sentence deck and source pool."""

    bank: SentenceBank
    outlets: Sequence[Outlet]
    config: CorpusConfig
    reuse_rate: float
    rng: random.Random
    next_index: int
    pair_config: PairConfig
    source_chance: float
    type_cumulative: list[tuple[float, Obfuscation]]
    titled_vocabulary: tuple[str, ...]
    deck: list[int] = field(default_factory=list)
    deck_position: int = 0
    pool: list[_Source] = field(default_factory=list)

    @classmethod
    def start(
        cls,
        bank: SentenceBank,
        outlets: Sequence[Outlet],
        config: CorpusConfig,
        seed: int,
        reuse_rate: float,
        first: int,
    ) -> Chunk:
        rng = random.Random(f"retold-synthetic:{seed}:chunk:{first // config.chunk_size}")
        expected_copies = _expected_copies(config.max_copies)
        source_chance = min(1.0, reuse_rate / ((1 - reuse_rate) * expected_copies))
        total = sum(weight for _, weight in config.type_weights)
        cumulative = [
            (running / total, kind)
            for running, (kind, _) in zip(
                itertools.accumulate(w for _, w in config.type_weights),
                config.type_weights,
                strict=True,
            )
        ]
        pair_config = PairConfig(excerpt_words=config.excerpt_words)
        deck = list(range(len(bank)))
        return cls(
            bank,
            outlets,
            config,
            reuse_rate,
            rng,
            first,
            pair_config,
            source_chance,
            cumulative,
            tuple(word.capitalize() for word in bank.vocabulary),
            deck,
            len(deck),
        )

    def articles(self, count: int) -> Iterator[SyntheticArticle]:
        for _ in range(count):
            yield self._article()
            self.next_index += 1

    # -- one article --

    def _article(self) -> SyntheticArticle:
        index = self.next_index
        rng = self.rng
        if self.pool and rng.random() < self.reuse_rate:
            return self._derived(index, self._take_source())
        return self._original(index)

    def _original(self, index: int) -> SyntheticArticle:
        config, rng = self.config, self.rng
        outlet = int(rng.random() * len(self.outlets))
        count = uniform_int(rng, *config.sentences_per_article)
        paragraphs = uniform_int(
            rng, config.paragraphs_per_article[0], min(config.paragraphs_per_article[1], count)
        )
        sentences, separators = self._body(count, paragraphs)
        pieces = self._perturbed(sentences, separators)
        article = self._finish(index, outlet, self._title(), "".join(pieces))
        if rng.random() < self.source_chance:
            layout = self._layout(pieces, sentences, separators)
            self._add_source(_Source(article.doc_id, article.title, outlet, layout, self._copies()))
        return article

    def _derived(self, index: int, source: _Source) -> SyntheticArticle:
        rng = self.rng
        outlet = int(rng.random() * (len(self.outlets) - 1))
        outlet += outlet >= source.outlet
        kind = self._reuse_type()
        context = ObfuscationContext(source.layout, rng, self.bank, self.pair_config)
        try:
            excerpt = assemble(source.layout.text, OBFUSCATE[kind](context).segments)
        except UnsuitableSourceError:  # term_swaps in an excerpt with nothing to change
            kind = Obfuscation.VERBATIM
            excerpt = assemble(source.layout.text, OBFUSCATE[kind](context).segments)
        if kind is Obfuscation.FULL_COPY:
            title, text, offset = source.title, excerpt.text, 0
        else:
            title = self._title()
            text, offset = self._around(excerpt, source.layout)
        article = self._finish(index, outlet, title, text)
        planted = _planted(source, article.doc_id, kind, excerpt, offset)
        return _with_planted(article, planted)

    def _around(self, excerpt: Assembled, source: Layout) -> tuple[str, int]:
        """The derived article's own text with the excerpt set at a paragraph break; own and
        copied sentences and paragraphs together stay within the configured ranges."""
        rng, config = self.rng, self.config
        copied = sum(
            1
            for start, end in source.sentences
            if any(case.source_start <= start and end <= case.source_end for case in excerpt.cases)
        )
        count = max(3, uniform_int(rng, *config.sentences_per_article) - copied)
        low, high = config.paragraphs_per_article
        copied_paragraphs = excerpt.text.count("\n\n") + 1
        fewest = min(count, max(1, low - copied_paragraphs))
        most = min(count, max(fewest, high - copied_paragraphs))
        sentences, separators = self._body(count, uniform_int(rng, fewest, most))
        paragraphs = "".join(self._perturbed(sentences, separators)).split("\n\n")
        at = int(rng.random() * (len(paragraphs) + 1))
        before = "\n\n".join(paragraphs[:at])
        offset = len(before) + 2 if at else 0
        return "\n\n".join([*paragraphs[:at], excerpt.text, *paragraphs[at:]]), offset

    def _finish(self, index: int, outlet_index: int, title: str, body: str) -> SyntheticArticle:
        """Add the outlet's line (most of the time), the date, the id and the URL."""
        config, outlet = self.config, self.outlets[outlet_index]
        boilerplate_start = None
        if self.rng.random() < outlet.boilerplate_rate:
            boilerplate_start = len(body) + 2
            body = f"{body}\n\n{outlet.boilerplate}"
        seconds = (index + self.rng.random()) * config.seconds_per_article
        published = config.start + timedelta(seconds=int(seconds))
        slug = SLUG.sub("-", title.lower()).strip("-")[:60].rstrip("-")
        url = f"https://{outlet.domain}/{published:%Y/%m/%d}/{slug}-{index}"
        return SyntheticArticle(
            f"syn-{index:08d}", title, body, published, url, outlet.domain, boilerplate_start
        )

    # -- text --

    def _body(self, count: int, paragraphs: int) -> tuple[list[int], list[str]]:
        """``count`` sentences dealt from the deck, and the separator before each of them."""
        breaks = set(sample_indices(self.rng, count - 1, paragraphs - 1))
        sentences = [self._next_sentence() for _ in range(count)]
        separators = ["", *("\n\n" if k in breaks else " " for k in range(count - 1))]
        return sentences, separators

    def _title(self) -> str:
        """A perturbed fragment of a sentence, capitalised, without punctuation at its ends."""
        sentence = self._next_sentence()
        keep = min(len(self.bank.folded[sentence]), uniform_int(self.rng, *self.config.title_words))
        pieces = self._perturbed([sentence], [""])
        fragment: str = _TITLE_EDGES.sub("", "".join(pieces[: 2 * keep]))
        return fragment[:1].upper() + fragment[1:]

    def _perturbed(self, sentences: list[int], separators: list[str]) -> list[str]:
        """The text's pieces, gaps at even and words at odd positions, every ``r``-th word
        (from a random offset) replaced by a vocabulary word.

        The hot loop of the generator, so the whole text is one list and the replacements one
        extended-slice assignment. A draw that hits the word it would replace takes the next
        vocabulary word instead.
        """
        bank = self.bank
        pieces: list[str] = []
        codes: list[int] = []
        tail = ""
        for sentence, separator in zip(sentences, separators, strict=True):
            parts = bank.parts[sentence]
            pieces.append(tail + separator + parts[0])
            pieces += parts[1:-1]
            tail = parts[-1]
            codes += bank.codes[sentence]
        pieces.append(tail)
        step = self.config.perturb_every
        phase = int(self.rng.random() * step)
        vocabulary, titled = bank.vocabulary, self.titled_vocabulary
        size, draw = len(vocabulary), self.rng.random
        targets = codes[phase::step]
        picks = [int(draw() * size) for _ in targets]
        pieces[2 * phase + 1 :: 2 * step] = [
            (titled if code & 1 else vocabulary)[pick if pick != code >> 1 else (pick + 1) % size]
            for pick, code in zip(picks, targets, strict=True)
        ]
        return pieces

    def _layout(self, pieces: list[str], sentences: list[int], separators: list[str]) -> Layout:
        """Where the sentences and paragraphs of ``"".join(pieces)`` are, from lengths alone."""
        ends = list(itertools.accumulate(map(len, pieces)))
        spans: list[tuple[int, int]] = []
        paragraph_of: list[int] = []
        lead, previous_tail = 0, 0
        for sentence, separator in zip(sentences, separators, strict=True):
            parts = self.bank.parts[sentence]
            start = (ends[lead - 1] if lead else 0) + previous_tail + len(separator)
            lead += len(parts) - 1
            previous_tail = len(parts[-1])
            spans.append((start, ends[lead - 1] + previous_tail))
            paragraph_of.append(paragraph_of[-1] + (separator == "\n\n") if paragraph_of else 0)
        paragraphs = [
            (spans[paragraph_of.index(number)][0], spans[_last(paragraph_of, number)][1])
            for number in range(paragraph_of[-1] + 1)
        ]
        words = tuple(len(self.bank.folded[sentence]) for sentence in sentences)
        text = "".join(pieces)
        return Layout(text, tuple(paragraphs), tuple(spans), tuple(paragraph_of), words)

    def _next_sentence(self) -> int:
        """Sentences are dealt from a shuffled deck, so every sentence is used equally often."""
        if self.deck_position >= len(self.deck):
            _shuffle(self.rng, self.deck)
            self.deck_position = 0
        self.deck_position += 1
        return self.deck[self.deck_position - 1]

    # -- the pool of sources --

    def _add_source(self, source: _Source) -> None:
        if len(self.pool) < self.config.pool_size:
            self.pool.append(source)
        else:
            self.pool[int(self.rng.random() * len(self.pool))] = source

    def _take_source(self) -> _Source:
        position = int(self.rng.random() * len(self.pool))
        source = self.pool[position]
        source.copies -= 1
        if source.copies <= 0:
            self.pool[position] = self.pool[-1]
            self.pool.pop()
        return source

    def _copies(self) -> int:
        copies = 1
        while copies < self.config.max_copies and self.rng.random() < 0.5:
            copies += 1
        return copies

    def _reuse_type(self) -> Obfuscation:
        draw = self.rng.random()
        for threshold, kind in self.type_cumulative:
            if draw < threshold:
                return kind
        return self.type_cumulative[-1][1]


SLUG = regex.compile(r"[^a-z0-9]+")
_TITLE_EDGES = regex.compile(r"^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$")


def _expected_copies(max_copies: int) -> float:
    return sum(k * 0.5**k for k in range(1, max_copies)) + max_copies * 0.5 ** (max_copies - 1)


def sample_indices(rng: random.Random, population: int, count: int) -> list[int]:
    pool = list(range(population))
    for index in range(count):
        pick = index + int(rng.random() * (population - index))
        pool[index], pool[pick] = pool[pick], pool[index]
    return pool[:count]


def _shuffle(rng: random.Random, items: list[int]) -> None:
    for index in range(len(items) - 1, 0, -1):
        pick = int(rng.random() * (index + 1))
        items[index], items[pick] = items[pick], items[index]


def _last(items: list[int], value: int) -> int:
    return len(items) - 1 - items[::-1].index(value)


def _planted(
    source: _Source, derived_id: str, kind: Obfuscation, excerpt: Assembled, offset: int
) -> tuple[PlantedReuse, ...]:
    rows = []
    for case in excerpt.cases:
        edits = tuple(
            TrueEdit(
                edit.kind,
                edit.category,
                edit.source_start,
                edit.source_end,
                edit.derived_start + offset,
                edit.derived_end + offset,
            )
            for edit in excerpt.edits
            if edit.kind is ChangeKind.SUBSTITUTED
            and case.derived_start <= edit.derived_start < case.derived_end
        )
        words = sum(
            count
            for (start, end), count in zip(
                source.layout.sentences, source.layout.words, strict=True
            )
            if case.source_start <= start and end <= case.source_end
        )
        rows.append(
            PlantedReuse(
                source.doc_id,
                derived_id,
                kind,
                case.source_start,
                case.source_end,
                case.derived_start + offset,
                case.derived_end + offset,
                words,
                edits,
            )
        )
    return tuple(rows)


def _with_planted(article: SyntheticArticle, planted: tuple[PlantedReuse, ...]) -> SyntheticArticle:
    return SyntheticArticle(
        article.doc_id,
        article.title,
        article.maintext,
        article.date_publish,
        article.url,
        article.source_domain,
        article.boilerplate_start,
        planted,
    )


# --- Writing ----------------------------------------------------------------------------------


def related_pairs(truth: Iterable[PlantedReuse]) -> set[tuple[str, str]]:
    """Article pairs (ids sorted) that may legitimately share text: a source and an article
    derived from it, and two articles derived from the same source (their excerpts may overlap).

    A precision test counts a found pair outside this set (and outside shared outlet
    boilerplate) as spurious.
    """
    pairs: set[tuple[str, str]] = set()
    derived_by_source: dict[str, set[str]] = {}
    for row in truth:
        pairs.add(_ordered(row.source_id, row.derived_id))
        derived_by_source.setdefault(row.source_id, set()).add(row.derived_id)
    for derived in derived_by_source.values():
        pairs.update(_ordered(a, b) for a, b in itertools.combinations(sorted(derived), 2))
    return pairs


def read_truth(path: Path) -> Iterator[PlantedReuse]:
    """The rows of a ``truth.jsonl`` written by ``write_corpus``, as records."""
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            edits = tuple(
                TrueEdit(
                    ChangeKind(edit["kind"]),
                    Category(edit["category"]),
                    edit["source_start"],
                    edit["source_end"],
                    edit["derived_start"],
                    edit["derived_end"],
                )
                for edit in row["edits"]
            )
            yield PlantedReuse(
                row["source_id"],
                row["derived_id"],
                Obfuscation(row["type"]),
                row["source_start"],
                row["source_end"],
                row["derived_start"],
                row["derived_end"],
                row["words"],
                edits,
            )


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def write_corpus(
    out_dir: Path,
    sentences: Sequence[str] | SentenceBank,
    *,
    n_articles: int,
    seed: int,
    reuse_rate: float = 0.1,
    config: CorpusConfig | None = None,
    workers: int = 1,
) -> CorpusSummary:
    """Write ``articles.jsonl``, ``truth.jsonl`` and ``truth_manifest.json`` into ``out_dir``.

    Chunks are generated by ``workers`` processes and written in order, so the files are the
    same bytes for any ``workers``. With one worker articles are written as they are made;
    with more, up to ``workers + 1`` serialized chunks wait in memory.
    """
    started = time.perf_counter()
    config = config or CorpusConfig()
    _check(n_articles, reuse_rate)
    bank = bank_of(sentences)
    outlets = make_outlets(seed, config.outlets, config.boilerplate_rate)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    task = _ChunkTask(bank, outlets, config, seed, reuse_rate)
    jobs = [
        (first, min(config.chunk_size, n_articles - first))
        for first in range(0, n_articles, config.chunk_size)
    ]
    counts: Counter[str] = Counter()
    with (
        (out_dir / "articles.jsonl").open("w", encoding="utf-8", newline="\n") as articles,
        (out_dir / "truth.jsonl").open("w", encoding="utf-8", newline="\n") as truth,
    ):
        if workers <= 1 or len(jobs) <= 1:
            for first, count in jobs:
                for article_line, truth_lines in _serialized(task.chunk(first, count), counts):
                    articles.write(article_line)
                    truth.write(truth_lines)
        else:
            for chunk in _parallel_chunks(task, jobs, workers):
                articles.write(chunk.articles)
                truth.write(chunk.truth)
                counts.update(chunk.counts)
    manifest = corpus_manifest(bank, outlets, config, n_articles, seed, reuse_rate, counts)
    (out_dir / "truth_manifest.json").write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    rows = {kind.value: counts[f"rows:{kind.value}"] for kind in CORPUS_REUSE_TYPES}
    return CorpusSummary(
        out_dir,
        n_articles,
        counts["derived"],
        sum(rows.values()),
        rows,
        time.perf_counter() - started,
    )


@dataclass(frozen=True, slots=True)
class _ChunkTask:
    """Everything needed to generate any chunk; sent to each worker process once."""

    bank: SentenceBank
    outlets: Sequence[Outlet]
    config: CorpusConfig
    seed: int
    reuse_rate: float

    def chunk(self, first: int, count: int) -> Iterator[SyntheticArticle]:
        start = Chunk.start(self.bank, self.outlets, self.config, self.seed, self.reuse_rate, first)
        return start.articles(count)


@dataclass(frozen=True, slots=True)
class _ChunkOutput:
    """One chunk serialized by a worker, with its tallies."""

    articles: str
    truth: str
    counts: Counter[str]


def _serialized(
    articles: Iterable[SyntheticArticle], counts: Counter[str]
) -> Iterator[tuple[str, str]]:
    """Each article's JSON line and its truth lines, tallying what was planted."""
    for article in articles:
        if article.planted:
            counts["derived"] += 1
            counts[f"articles:{article.planted[0].type.value}"] += 1
            for row in article.planted:
                counts[f"rows:{row.type.value}"] += 1
        if article.boilerplate_start is not None:
            counts["with_boilerplate"] += 1
        yield article_json_line(article), "".join(map(truth_json_line, article.planted))


def _parallel_chunks(
    task: _ChunkTask, jobs: list[tuple[int, int]], workers: int
) -> Iterator[_ChunkOutput]:
    """Chunks from ``workers`` processes, in order, at most ``workers + 1`` held at once."""
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, initializer=_set_worker_task, initargs=(task,)
    ) as executor:
        pending: list[concurrent.futures.Future[_ChunkOutput]] = []
        for first, count in jobs:
            pending.append(executor.submit(_worker_chunk, first, count))
            if len(pending) > workers:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()


_WORKER_TASK: list[_ChunkTask] = []


def _set_worker_task(task: _ChunkTask) -> None:
    _WORKER_TASK[:] = [task]


def _worker_chunk(first: int, count: int) -> _ChunkOutput:
    counts: Counter[str] = Counter()
    lines = list(_serialized(_WORKER_TASK[0].chunk(first, count), counts))
    articles = "".join(article for article, _ in lines)
    return _ChunkOutput(articles, "".join(truth for _, truth in lines), counts)


def article_json_line(article: SyntheticArticle) -> str:
    row = {
        "id": article.doc_id,
        "title": article.title,
        "maintext": article.maintext,
        "date_publish": article.date_publish.isoformat(),
        "url": article.url,
        "source_domain": article.source_domain,
    }
    return json.dumps(row, ensure_ascii=False) + "\n"


def truth_json_line(row: PlantedReuse) -> str:
    record = {
        "source_id": row.source_id,
        "derived_id": row.derived_id,
        "type": row.type.value,
        "source_start": row.source_start,
        "source_end": row.source_end,
        "derived_start": row.derived_start,
        "derived_end": row.derived_end,
        "words": row.words,
        "edits": [
            {
                "kind": edit.kind.value,
                "category": edit.category.value,
                "source_start": edit.source_start,
                "source_end": edit.source_end,
                "derived_start": edit.derived_start,
                "derived_end": edit.derived_end,
            }
            for edit in row.edits
        ],
    }
    return json.dumps(record, ensure_ascii=False) + "\n"


# --- Manifest ---------------------------------------------------------------------------------


def corpus_manifest(
    bank: SentenceBank,
    outlets: Sequence[Outlet],
    config: CorpusConfig,
    n_articles: int,
    seed: int,
    reuse_rate: float,
    counts: Counter[str],
) -> dict[str, object]:
    """The parameters, the policies the truth relies on, and what was written (no timings:
    the manifest is part of the deterministic output)."""
    step = config.perturb_every
    vocabulary = len(bank.vocabulary)
    settings = asdict(config)
    settings["start"] = config.start.isoformat()
    settings["type_weights"] = {kind.value: weight for kind, weight in config.type_weights}
    return {
        "generator": "retold.evaluate.synthetic_corpus",
        "format_version": FORMAT_VERSION,
        "seed": seed,
        "n_articles": n_articles,
        "reuse_rate": reuse_rate,
        "config": settings,
        "sentences": {
            "count": len(bank),
            "sha256": hashlib.sha256("\n".join(bank.sentences).encode("utf-8")).hexdigest(),
            "vocabulary": vocabulary,
            "origin": "real news sentences (8-60 words, deduplicated): ../shared/data"
            " helsinki-summit and article-extraction-benchmark gold bodies",
        },
        "background_policy": {
            "method": "every sentence use is perturbed: along each article's maintext word"
            f" stream, every {step}th word (words as retold.tokens.tokenize cuts them), from a"
            f" random offset in [0, {step}), is replaced by a word drawn uniformly from a"
            f" vocabulary of {vocabulary} lower-case words, never by the same word (case"
            " folded); titles are perturbed the same way on their own. Sentences are dealt"
            " from a shuffled deck per chunk, so each is used about equally often",
            "perturb_every": step,
            "max_shared_run_without_coincidence": step - 1,
            "max_shared_run_with_one_coincidence": 2 * step - 1,
            "guarantee": f"any {step} consecutive words of an article's own text hold a replaced"
            " word, so two unrelated articles share a run of L words only if L // "
            f"{step} replacement draws coincide by chance with the other article's word"
            f" (about 1/{vocabulary} each); a run of {2 * step} or more words needs two"
            " coincidences. Exceptions: outlet boilerplate lines (below), and the seam where a"
            " planted copy meets its derived article's own text, where the spacing between"
            f" replaced words can reach {2 * step - 2} words on one side only",
        },
        "boilerplate_policy": {
            "method": "each outlet appends one fixed line of its own as the last paragraph"
            " (after a blank line) of a share of its articles (boilerplate_rate); a derived"
            " article carries its own outlet's line, never its source's",
            "detect": "an article carries its outlet's line exactly when its maintext ends with"
            " '\\n\\n' + line; background sentences never contain these lines",
            "shared_across_outlets": "lines come from a few templates, so outlets of one"
            " template also share the template's words (e.g. 'All rights reserved. This"
            " material may not be published, broadcast, rewritten or redistributed.')",
            "articles_with_boilerplate": counts["with_boilerplate"],
        },
        "reuse_policy": {
            "types": [kind.value for kind in CORPUS_REUSE_TYPES],
            "truth_rows": "one row per contiguous copied stretch; source[source_start:"
            "source_end] == derived[derived_start:derived_end] except for term_swaps, where"
            " applying the row's edits (substitutions, offsets into both maintexts) to the"
            " source slice gives the derived slice",
            "dates": "a derived article is published after its source",
            "siblings": "articles derived from one source may share text with each other;"
            " see related_pairs()",
            "sources": "a source is copied by 1 to max_copies articles of its chunk",
        },
        "outlets": [asdict(outlet) for outlet in outlets],
        "counts": {
            "articles": n_articles,
            "derived_articles": counts["derived"],
            "derived_articles_by_type": {
                kind.value: counts[f"articles:{kind.value}"] for kind in CORPUS_REUSE_TYPES
            },
            "truth_rows_by_type": {
                kind.value: counts[f"rows:{kind.value}"] for kind in CORPUS_REUSE_TYPES
            },
        },
    }
