"""A synthetic corpus with the shape of real news: wire stories printed by dozens of outlets.

``synthetic_corpus`` plants about 0.15 reuse pairs per article: each copied source has one to
ten copies, every copy an excerpt. Real news is far denser, and a scanner benchmarked on sparse
reuse learns nothing about the pair explosion, the frequent fingerprints and the page chrome it
meets on a real feed. This generator writes the same files (``articles.jsonl``, ``truth.jsonl``,
``truth_manifest.json``) with the same background text (``synthetic_corpus``'s sentence deck
and per-use perturbation, so only planted text is shared), in the shape of news:

- Stories and their printings. A story's size ``n`` (the articles that print it: the first
  printing, copies and an update) follows a discrete power law, ``P(n) ∝ n ** -copy_exponent``
  for ``1 <= n <= max_copies``: most stories are printed once, some by 5 to 50 outlets, a few by
  100 to 300, as wire stories are. Stories printed ``wires[1]`` times or more start at a wire
  agency (one of the first ``wires[0]`` outlets); copies are printed by distinct other outlets,
  hours later.
- Copies. Each copy may cut paragraphs (drop its tail or one or two inner paragraphs), add a
  local top paragraph of its own, and restyle (a few respelled names, changed numbers or swapped
  terms: ``synthetic_pairs``' term edits).
- Updates. A story printed three times or more may get a later version from its first outlet: a
  new paragraph after the lead and changed figures; copies printed after it copy the update.
- Roundups and live files: ``roundup_rate`` of the articles hold the leads (one or two
  paragraphs) of two to six recent stories, of one event when it has enough.
- Shared quotes. Stories belong to events (about ``event_stories`` each). A story's first
  printing may quote someone (a wire story most often); the quotation (one or two real
  sentences between quote marks, ``quote_words`` words or more) is new, or one an earlier
  story of the same event printed: independent stories then share the quoted words and
  nothing else, and so do their copies.
- Page chrome. Every article carries its outlet's header lines (one or two) and footer lines
  (two or three), each a paragraph of its own: the same lines on every article of the outlet.

Truth. ``truth.jsonl`` has ``synthetic_corpus``'s rows (``read_truth`` reads them) and two
more keys. Each row is one contiguous stretch that the derived article shares with the article
that first printed it, its *home*: ``source_id`` is always the home (a story's first printing,
its update, or the story that first printed a quotation), never a copy, so ``related_pairs``
relates every two articles that print one story (they are siblings). ``type`` is
``full_copy`` (the home's whole body), ``term_swaps`` (the row holds substitutions: restyled
words or changed figures, in ``edits``), ``excerpt_cuts`` (a copy that left some of the home's
paragraphs out) or ``verbatim``. ``relation`` says why the text is shared: ``republished`` (a
copy of the story), ``updated`` (the story's update), ``roundup`` (a roundup or live file) or
``shared_quote`` (a quotation first printed by another story). ``story`` is the derived
article's story (the id of its first printing; ``null`` for roundups): the true families.
Page chrome is in no row; the manifest lists every outlet's lines.

Calibration. The target is a scan of the 612 Helsinki-summit articles (75 outlets) with
retold's defaults (``retold scan helsinki_articles.csv --text-field text --outlet-field
publisher --date-field scrape_time --paragraph-separator " ### "``, December 2026): 5,434
candidate pairs (8.9 per article) and 4,955 pairs (8.1 per article: 36 % shared_quote, 26 %
retelling, 37 % shared_text, 1.5 % compilation); 185 articles (30 %) in no pair; 91 families
holding 350 articles (57 %), the largest of 31, 16, 16, 15, 14 and 11 articles.

The knobs were tuned so that the planted pairs sharing 30 words or more (what a scan can find:
on the 10,000-article corpus below it found 86 % of them) come to that rate. On the defaults,
over seeds 1-6, such pairs average 8.6 per article at 10,000 articles, 3.0 of them across
stories through a shared quotation (Helsinki: 2.9 shared_quote pairs per article). The rate
swings with the tail's draw (6.0 to 10.6 by seed: one story printed 300 times alone makes
45,000 pairs), and grows with the corpus while the tail fills in: 6.8 at 612 articles (largest
stories 23 to 91 by seed; Helsinki's is 31), 6.9 at 2,000, 9.9 at 100,000 (seed 1). About 73 %
of the stories are printed once (37 % of the articles); the largest stories of seed 1 are 123,
74, 53 and 46 articles at 10,000 articles, 299, 257, 232, 215 and 199 at 100,000.

What a scan makes of it (seed 1, 10,000 articles, ``retold scan --workers 2`` as the scan
stood when this module was committed, after fada859): 63,429 candidate pairs and 63,417
pairs, 6.3 per article (the truth has 7.3 per article sharing 30 words or more), 36 % of them
shared_quote, 60 % retelling; 23 % of the articles in no pair (Helsinki: 30 %); 1,522 families
holding 65 % of the articles (Helsinki: 57 %), the largest of 107, 74, 53 and 47; guaranteed
recall 0.985, precision 1.0, in 3 min 14 s (align 180 s) on 2 cores.
The misses are the point of the shape: fingerprints of text printed by more than 100 articles
(``max_document_frequency``) are dropped, so the 123-printing story splits and pairs through a
quotation printed more than 100 times are lost; quotations of 30-39 words are below the
40-word guarantee.

Determinism: as in ``synthetic_corpus``, the corpus is cut into chunks of ``chunk_size``
articles, each planned and written from its own random stream, so the bytes do not depend on
the number of worker processes. Stories do not cross chunks.
"""

from __future__ import annotations

import bisect
import concurrent.futures
import json
import random
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from retold.evaluate.sentences import SentenceBank, bank_of
from retold.evaluate.synthetic_corpus import (
    CORPUS_REUSE_TYPES,
    SLUG,
    Chunk,
    CorpusConfig,
    CorpusSummary,
    Outlet,
    PlantedReuse,
    SyntheticArticle,
    article_json_line,
    corpus_manifest,
    make_outlets,
    sample_indices,
    truth_json_line,
)
from retold.evaluate.synthetic_pairs import (
    Obfuscation,
    TrueEdit,
    pick_term_edits,
    uniform_int,
    word_candidates,
)
from retold.records import Category, ChangeKind
from retold.tokens import fold_words, tokenize

__all__ = [
    "NEWS_RELATIONS",
    "NewsArticle",
    "NewsConfig",
    "NewsOutlet",
    "generate_news_corpus",
    "make_news_outlets",
    "write_news_corpus",
]

NEWS_RELATIONS = ("republished", "updated", "roundup", "shared_quote")
"""Values of a truth row's ``relation`` key (see the module docstring)."""
FORMAT_VERSION = 1
_HOUR = 3600.0
_QUOTE_MARKS = frozenset('"“”„«»')


@dataclass(frozen=True, slots=True)
class NewsConfig:
    """The news shape's knobs; ``text`` holds the background-text knobs it shares with
    ``synthetic_corpus`` (sentences and paragraphs per article, perturbation, outlets, chunks,
    dates); ``text``'s reuse knobs (type weights, excerpt sizes, pool) are not used."""

    text: CorpusConfig = field(default_factory=lambda: CorpusConfig(outlets=400))
    copy_exponent: float = 2.45
    """``P(n) ∝ n ** -copy_exponent``: the number ``n`` of articles printing a story."""
    max_copies: int = 300
    wires: tuple[int, int] = (4, 5)
    """How many wire agencies (the first outlets), and from how many printings a story starts
    at one."""
    update_rate: float = 0.3
    """Chance that a story printed three or more times gets an update."""
    copy_edits: tuple[float, float, float] = (0.4, 0.3, 0.3)
    """Chances that a copy cuts paragraphs, adds a local top paragraph, and restyles words."""
    restyle_edits: tuple[int, int] = (1, 4)
    roundup_rate: float = 0.03
    roundup_stories: tuple[int, int] = (2, 6)
    event_stories: float = 20.0
    """Mean stories per event (geometric); quotes and live files stay within an event."""
    event_hours: float = 12.0
    """An event's stories first appear within this many hours."""
    quote_rates: tuple[float, float] = (0.3, 0.9)
    """Chance that a story's first printing quotes someone; for a story printed ``wires[1]``
    times or more (the statements of the day)."""
    quote_reuse: float = 0.8
    """Chance that the quotation is one an earlier story of the event printed."""
    quote_words: int = 30
    copy_delay_hours: float = 3.0
    """Mean delay (exponential) between a story's first printing and each copy."""
    header_lines: tuple[int, int] = (1, 2)
    footer_lines: tuple[int, int] = (2, 3)

    def __post_init__(self) -> None:
        if not 1 <= self.max_copies < self.text.outlets:
            raise ValueError("max_copies must be at least 1 and below the number of outlets")
        if not 1 <= self.wires[0] < self.text.outlets or self.wires[1] < 2:
            raise ValueError("wires must be (count in [1, outlets), printings at least 2)")
        if self.copy_exponent <= 1 or self.event_stories < 1 or self.quote_words < 1:
            raise ValueError("copy_exponent must exceed 1, event_stories and quote_words >= 1")
        rates = (self.update_rate, *self.copy_edits, *self.quote_rates, self.quote_reuse)
        if not all(0 <= rate <= 1 for rate in rates):
            raise ValueError("rates must be in [0, 1]")
        if not 0 <= self.roundup_rate < 1 or self.roundup_stories[0] < 2:
            raise ValueError("roundup_rate must be in [0, 1), roundups hold 2 stories or more")


# --- Outlets and their page chrome ---------------------------------------------------------

_HEADERS = (
    "Home | News | World | Politics | Business | Sport | {name}",
    "Sign in | Subscribe | {name}",
    "{name} | Breaking news, analysis and opinion",
    "Menu | Search {domain} | Newsletters | Subscribe",
    "You are reading {name}. Subscribe for full access.",
)
_FOOTERS = (
    "Sign up for the {bare} newsletter: the day's top stories in your inbox.",
    "Follow {name} on Facebook and Twitter for the latest news.",
    "Have a news tip? Contact the {bare} newsroom at news@{domain}.",
    "Read more from {name}: Latest | Most read | Opinion | Video",
    "Advertisement. Subscribe to {name} to support our journalism.",
)
"""Each line names its outlet and holds a word ``load_sentences`` keeps out of the background
(subscri, newsletter, @, read more, advertisement), so no background sentence equals one."""


@dataclass(frozen=True, slots=True)
class NewsOutlet:
    """An outlet (``synthetic_corpus``'s name, domain and line) with its page chrome."""

    outlet: Outlet
    header: tuple[str, ...]
    footer: tuple[str, ...]
    wire: bool


def make_news_outlets(seed: int, config: NewsConfig) -> list[NewsOutlet]:
    """``make_outlets``' outlets, the first ``wires`` of them agencies, each with header lines
    and footer lines (its ``make_outlets`` line last) that every one of its articles carries."""
    rng = random.Random(f"retold-news:{seed}:outlets")
    outlets = make_outlets(seed, config.text.outlets)
    return [
        NewsOutlet(
            outlet,
            _lines(rng, _HEADERS, outlet, uniform_int(rng, *config.header_lines)),
            (
                *_lines(rng, _FOOTERS, outlet, uniform_int(rng, *config.footer_lines) - 1),
                outlet.boilerplate,
            ),
            number < config.wires[0],
        )
        for number, outlet in enumerate(outlets)
    ]


def _lines(
    rng: random.Random, templates: Sequence[str], outlet: Outlet, count: int
) -> tuple[str, ...]:
    picks = sample_indices(rng, len(templates), min(count, len(templates)))
    bare = outlet.name.removeprefix("The ")
    return tuple(
        templates[pick].format(name=outlet.name, bare=bare, domain=outlet.domain) for pick in picks
    )


# --- Text with provenance ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Edit:
    """A substitution inside a piece: ``text[start:end]`` of the piece replaced
    ``home[home_start:home_end]``."""

    start: int
    end: int
    home_start: int
    home_end: int
    category: Category


@dataclass(frozen=True, slots=True)
class _Piece:
    """A run of article text and where it was first printed.

    ``home`` is ``""`` for text the article writes itself (it becomes the article's own id once
    the article is laid out), else the id of the article that first printed it, at
    ``home_start``; the piece equals the home's text there except for ``edits``. ``words`` are
    the home text's words (edits change spellings, rarely the count).
    """

    text: str
    words: int
    home: str = ""
    home_start: int = 0
    edits: tuple[_Edit, ...] = ()

    def home_offset(self, position: int) -> int:
        """Where ``position`` of this piece (outside any edit) is in the home's text."""
        shift = sum(
            (edit.home_end - edit.home_start) - (edit.end - edit.start)
            for edit in self.edits
            if edit.end <= position
        )
        return self.home_start + position + shift

    def edited(self, picks: Sequence[tuple[int, int, str, Category]]) -> _Piece:
        """The piece with ``picks`` (sorted ``(start, end, replacement, category)`` in its
        text, clear of its earlier edits) substituted, every edit's ranges kept exact."""
        parts: list[str] = []
        edits: list[_Edit] = []
        cursor = delta = 0
        for start, end, replacement, category in picks:
            parts += (self.text[cursor:start], replacement)
            home = (self.home_offset(start), self.home_offset(end))
            edits.append(_Edit(start + delta, start + delta + len(replacement), *home, category))
            delta += len(replacement) - (end - start)
            cursor = end
        parts.append(self.text[cursor:])
        for old in self.edits:
            moved = sum(len(r) - (e - s) for s, e, r, _ in picks if e <= old.start)
            edits.append(replace(old, start=old.start + moved, end=old.end + moved))
        edits.sort(key=lambda edit: edit.start)
        return replace(self, text="".join(parts), edits=tuple(edits))

    def clear_of_edits(self, start: int, end: int) -> bool:
        return all(end <= edit.start or edit.end <= start for edit in self.edits)


_Paragraph = tuple[_Piece, ...]


@dataclass(frozen=True, slots=True)
class _Home:
    """An article that others copy from: a story's first printing or its update."""

    doc_id: str
    story: int
    title: str
    text: str
    body: tuple[int, int]
    paragraphs: tuple[_Paragraph, ...]
    """The body, each piece stamped with its home."""


@dataclass(frozen=True, slots=True)
class NewsArticle:
    """One article, its kind (``original``, ``update``, ``copy``, ``roundup``), the id of its
    story's first printing (``None`` for roundups) and one relation per truth row."""

    article: SyntheticArticle
    kind: str
    story: str | None
    relations: tuple[str, ...]
    story_size: int = 0
    """On a story's first printing: how many articles print the story."""


# --- The plan of a chunk -------------------------------------------------------------------


@dataclass(slots=True)
class _Story:
    """A story of the plan, and once printed, its versions (first printing, then update)."""

    number: int
    event: int
    size: int
    outlet: int
    has_update: bool
    versions: list[_Home] = field(default_factory=list)
    """Copies and roundups print the latest."""


@dataclass(frozen=True, slots=True, order=True)
class _Slot:
    """One article to write: when, what, by which outlet (``order`` breaks ties)."""

    time: float
    order: int
    kind: str
    story: int
    outlet: int


def _plan(
    rng: random.Random, config: NewsConfig, count: int, sizes: Sequence[float]
) -> tuple[list[_Story], list[_Slot]]:
    """Stories and roundups filling ``count`` articles, and every article's slot in time."""
    span = count * config.text.seconds_per_article
    roundups = sum(rng.random() < config.roundup_rate for _ in range(count))
    slots = [
        _Slot(rng.random() * span, index, "roundup", -1, int(rng.random() * config.text.outlets))
        for index in range(roundups)
    ]
    stories: list[_Story] = []
    budget = count - roundups
    event, event_left, event_time = -1, 0, 0.0
    while budget > 0:
        if event_left <= 0:
            event, event_left = event + 1, _geometric(rng, config.event_stories)
            event_time = rng.random() * span
        event_left -= 1
        size = min(bisect.bisect_right(sizes, rng.random()) + 1, budget, config.max_copies)
        budget -= size
        story = _story(rng, config, len(stories), event, size)
        stories.append(story)
        start = event_time + rng.random() * config.event_hours * _HOUR
        slots += _story_slots(rng, config, story, start, len(slots))
    return stories, sorted(slots)


def _story(rng: random.Random, config: NewsConfig, number: int, event: int, size: int) -> _Story:
    if size >= config.wires[1]:
        outlet = int(rng.random() * config.wires[0])
    else:
        outlet = int(rng.random() * config.text.outlets)
    has_update = size >= 3 and rng.random() < config.update_rate
    return _Story(number, event, size, outlet, has_update)


def _story_slots(
    rng: random.Random, config: NewsConfig, story: _Story, start: float, order: int
) -> list[_Slot]:
    slots = [_Slot(start, order, "original", story.number, story.outlet)]
    if story.has_update:
        later = start + (1 + 5 * rng.random()) * _HOUR
        slots.append(_Slot(later, order + 1, "update", story.number, story.outlet))
    copies = story.size - len(slots)
    others = sample_indices(rng, config.text.outlets - 1, copies)
    for number, other in enumerate(others):
        delay = rng.expovariate(1.0) * config.copy_delay_hours * _HOUR + 60.0
        outlet = other + (other >= story.outlet)
        slots.append(_Slot(start + delay, order + 2 + number, "copy", story.number, outlet))
    return slots


def _size_table(config: NewsConfig) -> list[float]:
    """Cumulative probabilities of story sizes ``1 .. max_copies``."""
    weights = [size**-config.copy_exponent for size in range(1, config.max_copies + 1)]
    total, running, table = sum(weights), 0.0, []
    for weight in weights:
        running += weight
        table.append(running / total)
    return table


def _geometric(rng: random.Random, mean: float) -> int:
    count = 1
    while rng.random() > 1 / mean:
        count += 1
    return count


# --- Writing a chunk -----------------------------------------------------------------------


@dataclass(slots=True)
class _NewsChunk:
    """One chunk's state: its plan, its stories' homes, the events' quotations, and the
    background-text writer of ``synthetic_corpus`` (its sentence deck and perturbation)."""

    config: NewsConfig
    outlets: Sequence[NewsOutlet]
    rng: random.Random
    writer: Chunk
    first: int
    stories: list[_Story]
    slots: list[_Slot]
    homes: dict[str, _Home] = field(default_factory=dict)
    written: list[int] = field(default_factory=list)
    """Stories whose first printing is out, in order."""
    by_event: dict[int, list[int]] = field(default_factory=dict)
    quotes: dict[int, list[_Piece]] = field(default_factory=dict)

    @classmethod
    def start(
        cls,
        bank: SentenceBank,
        outlets: Sequence[NewsOutlet],
        config: NewsConfig,
        seed: int,
        first: int,
        count: int,
    ) -> _NewsChunk:
        rng = random.Random(f"retold-news:{seed}:chunk:{first // config.text.chunk_size}")
        plain = [outlet.outlet for outlet in outlets]
        writer = Chunk.start(bank, plain, config.text, seed, 0.0, first)
        writer.rng = rng  # one stream for the plan and the text
        stories, slots = _plan(rng, config, count, _size_table(config))
        return cls(config, outlets, rng, writer, first, stories, slots)

    def articles(self) -> Iterator[NewsArticle]:
        for index, slot in enumerate(self.slots):
            yield self._article(self.first + index, slot)

    def _article(self, index: int, slot: _Slot) -> NewsArticle:
        if slot.kind == "roundup":
            return self._roundup(index, slot)
        story = self.stories[slot.story]
        if slot.kind == "original":
            return self._original(index, slot, story)
        if slot.kind == "update":
            return self._update(index, slot, story)
        return self._copy(index, slot, story)

    # -- the four kinds of article --

    def _original(self, index: int, slot: _Slot, story: _Story) -> NewsArticle:
        paragraphs = self._own_paragraphs()
        wire = story.size >= self.config.wires[1]
        quote = self._quotation(story.event, wire)
        at = uniform_int(self.rng, 1, len(paragraphs))
        if quote:
            paragraphs.insert(at, quote[0])
        laid = self._lay_out(index, slot, self.writer._title(), paragraphs)
        home = laid.home(story.number)
        story.versions.append(home)
        self.homes[home.doc_id] = home
        self.written.append(story.number)
        self.by_event.setdefault(story.event, []).append(story.number)
        if quote:
            stamped = home.paragraphs[at][quote[1]]
            if stamped.home == home.doc_id:  # printed here first: later stories may reuse it
                self.quotes.setdefault(story.event, []).append(stamped)
        return self._news(laid, "original", story, story_size=story.size)

    def _update(self, index: int, slot: _Slot, story: _Story) -> NewsArticle:
        root = story.versions[0]
        paragraphs = [tuple(self._figures_changed(p)) for p in root.paragraphs]
        paragraphs.insert(min(1, len(paragraphs)), self._own_paragraphs(1, (1, 3))[0])
        title = f"UPDATE 1-{root.title}"
        laid = self._lay_out(index, slot, title, paragraphs)
        update = laid.home(story.number)
        story.versions.append(update)
        self.homes[update.doc_id] = update
        return self._news(laid, "update", story)

    def _copy(self, index: int, slot: _Slot, story: _Story) -> NewsArticle:
        version = story.versions[-1]
        paragraphs = list(version.paragraphs)
        config, rng = self.config, self.rng
        cutting, local_top, restyling = config.copy_edits
        cut = len(paragraphs) >= 3 and rng.random() < cutting
        if cut:
            paragraphs = _cut(rng, paragraphs)
        if rng.random() < restyling:
            paragraphs = self._restyled(paragraphs)
        if rng.random() < local_top:
            paragraphs.insert(0, self._own_paragraphs(1, (1, 2))[0])
        laid = self._lay_out(index, slot, version.title, paragraphs, cut=cut)
        return self._news(laid, "copy", story)

    def _roundup(self, index: int, slot: _Slot) -> NewsArticle:
        chosen = self._roundup_stories()
        if not chosen:  # nothing printed yet to round up: an unrelated article of its own
            laid = self._lay_out(index, slot, self.writer._title(), self._own_paragraphs())
            return self._news(laid, "roundup", None)
        paragraphs = self._own_paragraphs(1, (1, 2))
        for number in chosen:
            story = self.stories[number]
            paragraphs += story.versions[-1].paragraphs[: uniform_int(self.rng, 1, 2)]
        prefix = ("Live updates: ", "What we know: ", "Briefing: ")[int(self.rng.random() * 3)]
        laid = self._lay_out(index, slot, prefix + self.writer._title(), paragraphs)
        return self._news(laid, "roundup", None)

    def _roundup_stories(self) -> list[int]:
        """Two to six printed stories: of one event when it has two or more, else recent."""
        if len(self.written) < 2:
            return []
        anchor = self.stories[self.written[int(self.rng.random() * len(self.written))]]
        pool = self.by_event[anchor.event]
        if len(pool) < 2:
            pool = self.written[-50:]
        count = min(len(pool), uniform_int(self.rng, *self.config.roundup_stories))
        return [pool[pick] for pick in sample_indices(self.rng, len(pool), count)]

    # -- text --

    def _own_paragraphs(
        self, count: int | None = None, sentences: tuple[int, int] | None = None
    ) -> list[_Paragraph]:
        """Background paragraphs: ``count`` of them with ``sentences`` each, or (by default)
        a whole article's worth, perturbed in one pass as ``synthetic_corpus`` does."""
        rng, text = self.rng, self.config.text
        if count is None:
            total = uniform_int(rng, *text.sentences_per_article)
            count = uniform_int(
                rng, text.paragraphs_per_article[0], min(text.paragraphs_per_article[1], total)
            )
        else:
            total = max(count, sum(uniform_int(rng, *(sentences or (1, 3))) for _ in range(count)))
        numbers, separators = self.writer._body(total, count)
        joined = "".join(self.writer._perturbed(numbers, separators))
        words = [0]
        for number, separator in zip(numbers, separators, strict=True):
            if separator == "\n\n":
                words.append(0)
            words[-1] += len(self.writer.bank.folded[number])
        return [
            (_Piece(paragraph, count_),)
            for paragraph, count_ in zip(joined.split("\n\n"), words, strict=True)
        ]

    def _quotation(self, event: int, wire: bool) -> tuple[_Paragraph, int] | None:
        """A quotation paragraph and the quote's place in it, or ``None``: an attribution of
        the story's own and the quoted words, new or first printed by an earlier story of the
        event."""
        rng, config = self.rng, self.config
        if rng.random() >= config.quote_rates[wire]:
            return None
        known = self.quotes.get(event, [])
        if known and rng.random() < config.quote_reuse:
            quoted = known[int(rng.random() * len(known))]
        else:
            quoted = self._new_quote()
        speaker = _SPEAKERS[int(rng.random() * len(_SPEAKERS))]
        if rng.random() < 0.5:
            lead = f"{speaker[:1].upper()}{speaker[1:]} said: "
            return (_Piece(lead, len(fold_words(lead))), quoted), 1
        tail = f" {speaker} said."
        return (quoted, _Piece(tail, len(fold_words(tail)))), 0

    def _new_quote(self) -> _Piece:
        """One or two background sentences without quote marks of their own, 20 words or
        more, between curly quote marks."""
        bank = self.writer.bank
        chosen: list[int] = []
        words = 0
        for _ in range(200):
            if words >= self.config.quote_words:
                break
            number = self.writer._next_sentence()
            if not _QUOTE_MARKS.intersection(bank.sentences[number]):
                chosen.append(number)
                words += len(bank.folded[number])
        text = "".join(self.writer._perturbed(chosen, ["", *[" "] * (len(chosen) - 1)]))
        return _Piece(f"“{text}”", words)

    def _figures_changed(self, paragraph: _Paragraph) -> Iterator[_Piece]:
        """The paragraph with about a third of its numbers changed (an update's figures)."""
        for piece in paragraph:
            tokens = tokenize(piece.text)
            _, numbers, _ = word_candidates(tokens, 0, self.rng)
            picks = [
                edit
                for edit in numbers
                if self.rng.random() < 0.35 and piece.clear_of_edits(edit[0], edit[1])
            ]
            yield piece.edited(picks) if picks else piece

    def _restyled(self, paragraphs: list[_Paragraph]) -> list[_Paragraph]:
        """One or two paragraphs with a few words respelled, renumbered or swapped."""
        out = list(paragraphs)
        for at in sample_indices(self.rng, len(out), min(len(out), uniform_int(self.rng, 1, 2))):
            pieces = list(out[at])
            which = int(self.rng.random() * len(pieces))
            piece = pieces[which]
            wanted = uniform_int(self.rng, *self.config.restyle_edits)
            picks = pick_term_edits(piece.text, 0, len(piece.text), self.rng, wanted)
            picks = [pick for pick in picks if piece.clear_of_edits(pick[0], pick[1])]
            pieces[which] = piece.edited(picks) if picks else piece
            out[at] = tuple(pieces)
        return out

    # -- layout and truth --

    def _lay_out(
        self,
        index: int,
        slot: _Slot,
        title: str,
        paragraphs: Sequence[_Paragraph],
        cut: bool = False,
    ) -> _Laid:
        outlet = self.outlets[slot.outlet]
        seconds = self.first * self.config.text.seconds_per_article + slot.time
        published = self.config.text.start + timedelta(seconds=int(seconds))
        slug = SLUG.sub("-", title.lower()).strip("-")[:60].rstrip("-")
        domain = outlet.outlet.domain
        url = f"https://{domain}/{published:%Y/%m/%d}/{slug}-{index}"
        return _Laid.of(f"news-{index:08d}", title, published, url, domain, outlet, paragraphs, cut)

    def _news(
        self, laid: _Laid, kind: str, story: _Story | None, story_size: int = 0
    ) -> NewsArticle:
        story_id = story.versions[0].doc_id if story else None
        rows = laid.rows(self.homes, kind)
        relations = tuple(_relation(kind, self.homes[row.source_id].story, story) for row in rows)
        article = replace(laid.article, planted=rows)
        return NewsArticle(article, kind, story_id, relations, story_size)


_SPEAKERS = (
    "the president",
    "the prime minister",
    "a government spokesman",
    "the foreign minister",
    "a senior official",
    "the ambassador",
    "the mayor",
    "the party leader",
    "a senator",
    "the chief executive",
)


def _relation(kind: str, home_story: int, story: _Story | None) -> str:
    if kind == "roundup" or story is None:
        return "roundup"
    if home_story != story.number:
        return "shared_quote"
    return "updated" if kind == "update" else "republished"


def _cut(rng: random.Random, paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """A copy's cut: its tail dropped (half the time), or one or two inner paragraphs."""
    if rng.random() < 0.5:
        return paragraphs[: uniform_int(rng, max(1, len(paragraphs) // 2), len(paragraphs) - 1)]
    inner = len(paragraphs) - 1
    dropped = {
        1 + pick for pick in sample_indices(rng, inner, min(inner - 1, uniform_int(rng, 1, 2)))
    }
    return [p for number, p in enumerate(paragraphs) if number not in dropped]


@dataclass(frozen=True, slots=True)
class _Laid:
    """An article laid out: its text, and where each body piece landed."""

    article: SyntheticArticle
    body: tuple[int, int]
    placed: tuple[tuple[int, _Piece], ...]
    paragraph_sizes: tuple[int, ...]
    cut: bool

    @classmethod
    def of(
        cls,
        doc_id: str,
        title: str,
        published: datetime,
        url: str,
        domain: str,
        outlet: NewsOutlet,
        paragraphs: Sequence[_Paragraph],
        cut: bool,
    ) -> _Laid:
        header = "".join(f"{line}\n\n" for line in outlet.header)
        position = len(header)
        parts = [header]
        placed: list[tuple[int, _Piece]] = []
        for number, paragraph in enumerate(paragraphs):
            if number:
                parts.append("\n\n")
                position += 2
            for piece in paragraph:
                placed.append((position, piece))
                parts.append(piece.text)
                position += len(piece.text)
        parts += [f"\n\n{line}" for line in outlet.footer]
        text = "".join(parts)
        article = SyntheticArticle(doc_id, title, text, published, url, domain)
        sizes = tuple(len(paragraph) for paragraph in paragraphs)
        return cls(article, (len(header), position), tuple(placed), sizes, cut)

    def home(self, story: int) -> _Home:
        """This article as a home: its own pieces stamped with its id and offsets."""
        doc_id = self.article.doc_id
        stamped = [
            replace(piece, home=doc_id, home_start=at) if not piece.home else piece
            for at, piece in self.placed
        ]
        paragraphs: list[_Paragraph] = []
        for size in self.paragraph_sizes:
            paragraphs.append(tuple(stamped[:size]))
            stamped = stamped[size:]
        a = self.article
        return _Home(doc_id, story, a.title, a.maintext, self.body, tuple(paragraphs))

    def rows(self, homes: dict[str, _Home], kind: str) -> tuple[PlantedReuse, ...]:
        """One truth row per run of copied pieces that is contiguous in their home."""
        groups: list[list[tuple[int, _Piece]]] = []
        text = self.article.maintext
        for at, piece in self.placed:
            if not piece.home:
                continue
            if groups and _continues(groups[-1][-1], (at, piece), text, homes):
                groups[-1].append((at, piece))
            else:
                groups.append([(at, piece)])
        return tuple(self._row(group, homes[group[0][1].home], kind) for group in groups)

    def _row(self, group: list[tuple[int, _Piece]], home: _Home, kind: str) -> PlantedReuse:
        (first_at, first), (last_at, last) = group[0], group[-1]
        source = (first.home_start, last.home_offset(len(last.text)))
        edits = tuple(
            TrueEdit(
                ChangeKind.SUBSTITUTED,
                edit.category,
                edit.home_start,
                edit.home_end,
                at + edit.start,
                at + edit.end,
            )
            for at, piece in group
            for edit in piece.edits
        )
        if edits:
            reuse = Obfuscation.TERM_SWAPS
        elif source == home.body:
            reuse = Obfuscation.FULL_COPY
        elif self.cut and kind == "copy":
            reuse = Obfuscation.EXCERPT_CUTS
        else:
            reuse = Obfuscation.VERBATIM
        return PlantedReuse(
            home.doc_id,
            self.article.doc_id,
            reuse,
            *source,
            first_at,
            last_at + len(last.text),
            sum(piece.words for _, piece in group),
            edits,
        )


def _continues(
    previous: tuple[int, _Piece], following: tuple[int, _Piece], text: str, homes: dict[str, _Home]
) -> bool:
    """Whether ``following`` comes right after ``previous`` in their common home too."""
    (before_at, before), (at, piece) = previous, following
    if before.home != piece.home:
        return False
    home_end = before.home_offset(len(before.text))
    gap = text[before_at + len(before.text) : at]
    return (
        piece.home_start >= home_end and homes[piece.home].text[home_end : piece.home_start] == gap
    )


# --- The corpus ----------------------------------------------------------------------------


def generate_news_corpus(
    sentences: Sequence[str] | SentenceBank,
    *,
    n_articles: int,
    seed: int,
    config: NewsConfig | None = None,
) -> Iterator[NewsArticle]:
    """Stream ``n_articles`` news-shaped articles, chunk by chunk, each chunk in time order."""
    task = _NewsTask.of(sentences, seed, config or NewsConfig(), n_articles)
    for first, count in task.jobs(n_articles):
        yield from task.chunk(first, count)


@dataclass(frozen=True, slots=True)
class _NewsTask:
    """Everything needed to write any chunk; sent to each worker process once."""

    bank: SentenceBank
    outlets: Sequence[NewsOutlet]
    config: NewsConfig
    seed: int

    @classmethod
    def of(
        cls, sentences: Sequence[str] | SentenceBank, seed: int, config: NewsConfig, n: int
    ) -> _NewsTask:
        if n < 0:
            raise ValueError("n_articles must not be negative")
        return cls(bank_of(sentences), make_news_outlets(seed, config), config, seed)

    def jobs(self, n_articles: int) -> list[tuple[int, int]]:
        size = self.config.text.chunk_size
        return [(first, min(size, n_articles - first)) for first in range(0, n_articles, size)]

    def chunk(self, first: int, count: int) -> Iterator[NewsArticle]:
        return _NewsChunk.start(
            self.bank, self.outlets, self.config, self.seed, first, count
        ).articles()

    def serialized(self, job: tuple[int, int]) -> tuple[str, str, Counter[str]]:
        """One chunk's ``articles.jsonl`` and ``truth.jsonl`` text, and its tallies."""
        counts: Counter[str] = Counter()
        articles: list[str] = []
        truth: list[str] = []
        for news in self.chunk(*job):
            _tally(news, counts)
            articles.append(article_json_line(news.article))
            truth += map(_news_truth_line, news.article.planted, news.relations, _repeat(news))
        return "".join(articles), "".join(truth), counts


def _repeat(news: NewsArticle) -> Iterator[str | None]:
    while True:
        yield news.story


def _news_truth_line(row: PlantedReuse, relation: str, story: str | None) -> str:
    """``synthetic_corpus``'s truth line with the ``relation`` and ``story`` keys added."""
    extra = json.dumps({"relation": relation, "story": story})
    return f"{truth_json_line(row)[:-2]}, {extra[1:]}\n"


def _tally(news: NewsArticle, counts: Counter[str]) -> None:
    counts[f"kind:{news.kind}"] += 1
    if news.article.planted:
        counts["derived"] += 1
    for row, relation in zip(news.article.planted, news.relations, strict=True):
        counts[f"rows:{row.type.value}"] += 1
        counts[f"relation:{relation}"] += 1
    if news.story_size:
        counts[f"story_size:{news.story_size}"] += 1


_WORKER_TASK: list[_NewsTask] = []


def _set_worker_task(task: _NewsTask) -> None:
    _WORKER_TASK[:] = [task]


def _worker_chunk(job: tuple[int, int]) -> tuple[str, str, Counter[str]]:
    return _WORKER_TASK[0].serialized(job)


def _chunks(
    task: _NewsTask, jobs: list[tuple[int, int]], workers: int
) -> Iterator[tuple[str, str, Counter[str]]]:
    """Serialized chunks in order, from ``workers`` processes when there are several."""
    if workers <= 1 or len(jobs) <= 1:
        yield from map(task.serialized, jobs)
        return
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, initializer=_set_worker_task, initargs=(task,)
    ) as executor:
        yield from executor.map(_worker_chunk, jobs)


def write_news_corpus(
    out_dir: Path,
    sentences: Sequence[str] | SentenceBank,
    *,
    n_articles: int,
    seed: int,
    config: NewsConfig | None = None,
    workers: int = 1,
) -> CorpusSummary:
    """Write ``articles.jsonl``, ``truth.jsonl`` and ``truth_manifest.json`` into ``out_dir``:
    the same bytes for any ``workers``."""
    started = time.perf_counter()
    config = config or NewsConfig()
    task = _NewsTask.of(sentences, seed, config, n_articles)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    with (
        (out_dir / "articles.jsonl").open("w", encoding="utf-8", newline="\n") as articles,
        (out_dir / "truth.jsonl").open("w", encoding="utf-8", newline="\n") as truth,
    ):
        for article_text, truth_text, chunk_counts in _chunks(task, task.jobs(n_articles), workers):
            articles.write(article_text)
            truth.write(truth_text)
            counts.update(chunk_counts)
    manifest = news_manifest(task, n_articles, counts)
    text = json.dumps(manifest, indent=2, ensure_ascii=False)
    (out_dir / "truth_manifest.json").write_text(f"{text}\n", encoding="utf-8")
    by_type, seconds = _rows_by_type(counts), time.perf_counter() - started
    return CorpusSummary(
        out_dir, n_articles, counts["derived"], sum(by_type.values()), by_type, seconds
    )


def _rows_by_type(counts: Counter[str]) -> dict[str, int]:
    return {kind.value: counts[f"rows:{kind.value}"] for kind in CORPUS_REUSE_TYPES}


# --- Manifest ------------------------------------------------------------------------------


def news_manifest(task: _NewsTask, n_articles: int, counts: Counter[str]) -> dict[str, object]:
    """``synthetic_corpus``'s manifest (sentences, background policy) with the news shape's
    parameters, truth policy, outlets and counts in place of its reuse and boilerplate parts."""
    config = task.config
    base = corpus_manifest(
        task.bank,
        [o.outlet for o in task.outlets],
        config.text,
        n_articles,
        task.seed,
        0.0,
        Counter(),
    )
    settings = asdict(config)
    settings["text"] = base["config"]
    sizes = Counter(
        {int(k.split(":")[1]): v for k, v in counts.items() if k.startswith("story_size:")}
    )
    return {
        "generator": "retold.evaluate.synthetic_news",
        "format_version": FORMAT_VERSION,
        "shape": "news",
        "seed": task.seed,
        "n_articles": n_articles,
        "config": settings,
        "sentences": base["sentences"],
        "background_policy": base["background_policy"],
        "chrome_policy": _CHROME_POLICY,
        "reuse_policy": _REUSE_POLICY,
        "outlets": [
            {**asdict(o.outlet), "header": list(o.header), "footer": list(o.footer), "wire": o.wire}
            for o in task.outlets
        ],
        "counts": {
            "articles": n_articles,
            "articles_by_kind": {
                k: counts[f"kind:{k}"] for k in ("original", "update", "copy", "roundup")
            },
            "derived_articles": counts["derived"],
            "truth_rows_by_type": _rows_by_type(counts),
            "truth_rows_by_relation": {r: counts[f"relation:{r}"] for r in NEWS_RELATIONS},
            "stories": sum(sizes.values()),
            "stories_by_size": {str(size): sizes[size] for size in sorted(sizes)},
        },
    }


_CHROME_POLICY = {
    "method": "every article of an outlet begins with the outlet's header lines and ends with"
    " its footer lines (outlets[].header, outlets[].footer), each line a paragraph of its own"
    " ('\\n\\n' between paragraphs): the same lines on every article of the outlet",
    "truth": "chrome is in no truth row; two articles of one outlet share its chrome and"
    " nothing else unless a row relates them",
    "background": "each line names its outlet and holds a word that load_sentences keeps out of"
    " the background sentences",
}
_REUSE_POLICY = {
    "types": [
        kind.value for kind in CORPUS_REUSE_TYPES if kind is not Obfuscation.MOVED_PARAGRAPHS
    ],
    "truth_rows": "one row per contiguous stretch an article shares with the article that"
    " first printed it (its home, source_id: a story's first printing, its update, or the story"
    " that first printed a quotation; never a copy); source[source_start:source_end] =="
    " derived[derived_start:derived_end] except for the row's edits (substitutions, offsets into"
    " both maintexts)",
    "type": "full_copy: the home's whole body; term_swaps: the row holds edits (restyled words,"
    " an update's changed figures); excerpt_cuts: a copy that left some of the home's"
    " paragraphs out; verbatim: any other stretch",
    "relation": "extra key: republished (a copy of the story), updated (the story's update),"
    " roundup (a roundup or live file holding the leads of several stories), shared_quote (a"
    " quotation first printed by another story of the same event)",
    "story": "extra key: the derived article's story, as the id of its first printing (null"
    " for roundups); the articles of one story are a true family",
    "siblings": "every article printing a story has rows pointing at the story's first"
    " printing, so related_pairs() relates every two of them",
    "dates": "a copy or update is published after its story's first printing",
}
