"""Semi-synthetic pairs from real article bodies, and retold's findings on each.

The alignment and change scores both need the same thing: pairs whose truth is known by
construction (``synthetic_pairs.make_pair``) made from *real* news text, and retold's passages
and changes on every pair. This module builds both once, so the two scorers read one run.

Source texts. Real article bodies from two places in ``../shared/data``: the gold article
bodies of the article-extraction benchmark, and the Helsinki-summit articles. English only
(pages in German, Russian, ... would pit the generator's English sentences against a foreign
source, which no outlet does), 150-3,000 words.

Only paragraphs that are unambiguously article prose are kept (``article_paragraphs``): at
least 8 words, ending like a sentence, no page-furniture words ("contributed to this report",
"Reporting by", "Sign up", "subscription", "Image credit", "©", links, handles, ...), each
paragraph once. The reason is the truth, not retold: the generator records every source
paragraph left out of an excerpt as ``omitted/content``, but the real texts keep bylines,
credits, newsletter appeals and headings (the scraped Helsinki texts more than the gold
bodies), and a correct ``boilerplate`` label on one of those would count as an error.

Wire copies repeat across outlets; texts with the same first 30 folded words are kept once.

Determinism. Pair ``i`` of obfuscation ``t`` draws its source and its edits from
``random.Random(f"{seed}/{t}/{i}")`` (string seeds are hashed with SHA-512, stable across
Python versions and runs), so the first ``n`` pairs of a type are the same whatever ``n``:
the CI run is a prefix of the full run.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from retold.config import CompareConfig
from retold.core import compare_documents
from retold.errors import RetoldError
from retold.evaluate.sentences import (
    EXTRACTION_TRUTH,
    HELSINKI_CSV,
    SentenceBank,
    load_sentences,
)
from retold.evaluate.synthetic_pairs import (
    PAIR_OBFUSCATIONS,
    Obfuscation,
    SyntheticPair,
    UnsuitableSourceError,
    make_pair,
)
from retold.records import Change, Document, Passage
from retold.tokens import fold_words

__all__ = [
    "EXTRACTION_TRUTH",
    "HELSINKI_CSV",
    "Detector",
    "PairOutcome",
    "SourceArticle",
    "article_paragraphs",
    "build_pairs",
    "load_source_articles",
    "retold_detector",
    "run_detector",
    "sentence_bank",
]

MIN_SOURCE_WORDS = 150
"""Shorter bodies are left out: an excerpt of 40-300 words needs room around it."""
MAX_SOURCE_WORDS = 3000
"""Longer bodies are left out: a few live blogs would dominate the character counts."""

_ENGLISH_MARKERS = frozenset("the of and to in a is was that for on with".split())
_MIN_ENGLISH_SHARE = 0.12
"""Share of the 12 commonest English words among all words; English news runs at 0.2-0.3."""
_SENTENCE_LIKE = regex.compile(r"[.!?][”’\"')\]]*$")
_FURNITURE = regex.compile(
    r"^(?:by |related|q: |a: )|contributed to this report|reporting by|editing by|writing by"
    r"|sign up|subscri|newsletter|image credit|\bphoto|getty images|copyright|©"
    r"|all rights reserved|click here|follow us|read more|advertisement|disclaimer"
    r"|https?:|www\.|@|\(reuters\)|\bap\b",
    regex.IGNORECASE,
)
_MIN_PARAGRAPH_WORDS = 8


@dataclass(frozen=True, slots=True)
class SourceArticle:
    """One real article body used as the source of synthetic pairs."""

    name: str
    """Where it came from: ``benchmark:<sha>`` or ``helsinki:<id>``."""
    text: str


@dataclass(frozen=True, slots=True)
class PairOutcome:
    """One synthetic pair with the detector's findings on it (A = source, B = derived)."""

    pair_id: str
    source_name: str
    pair: SyntheticPair
    passages: tuple[Passage, ...]
    changes: tuple[Change, ...]


Detector = Callable[[SyntheticPair], tuple[tuple[Passage, ...], tuple[Change, ...]]]
"""Anything that finds passages and changes in a pair; retold's is ``retold_detector``.

The scorers take findings from any detector, so the tests can feed deliberately wrong ones.
"""


def load_source_articles(data_dir: Path) -> list[SourceArticle]:
    """The real article bodies pairs are made from, in a fixed order (see the module docstring).

    Raises ``FileNotFoundError`` when either data file is missing.
    """
    articles: list[SourceArticle] = []
    truth = json.loads((data_dir / EXTRACTION_TRUTH).read_text(encoding="utf-8"))
    for key in sorted(truth):
        paragraphs = article_paragraphs(truth[key]["articleBody"].split("\n"))
        articles.append(SourceArticle(f"benchmark:{key[:12]}", "\n".join(paragraphs)))
    csv.field_size_limit(1 << 30)
    with (data_dir / HELSINKI_CSV).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            paragraphs = article_paragraphs(row["text"].split(" ### "))
            articles.append(SourceArticle(f"helsinki:{row['id']}", "\n".join(paragraphs)))
    kept: list[SourceArticle] = []
    seen: set[tuple[str, ...]] = set()
    for article in articles:
        words = fold_words(article.text)
        if not MIN_SOURCE_WORDS <= len(words) <= MAX_SOURCE_WORDS or not _is_english(words):
            continue
        key = tuple(words[:30])
        if key not in seen:
            seen.add(key)
            kept.append(article)
    return kept


def article_paragraphs(paragraphs: Sequence[str]) -> list[str]:
    """The paragraphs that are unambiguously article prose, each once (see module docstring)."""
    kept: dict[str, None] = {}
    for paragraph in paragraphs:
        text = " ".join(paragraph.split())
        if (
            len(text.split()) >= _MIN_PARAGRAPH_WORDS
            and _SENTENCE_LIKE.search(text)
            and not _FURNITURE.search(text)
        ):
            kept.setdefault(text, None)
    return list(kept)


def _is_english(words: Sequence[str]) -> bool:
    return sum(word in _ENGLISH_MARKERS for word in words) >= _MIN_ENGLISH_SHARE * len(words)


def build_pairs(
    articles: Sequence[SourceArticle],
    sentences: SentenceBank,
    *,
    per_type: int,
    seed: int,
    obfuscations: Sequence[Obfuscation] = PAIR_OBFUSCATIONS,
) -> list[tuple[str, str, SyntheticPair]]:
    """``per_type`` pairs of every obfuscation, as ``(pair_id, source_name, pair)``.

    A source unsuitable for an obfuscation (``UnsuitableSourceError``: too short, or nothing
    to swap) is replaced by the next draw of the same random stream, so every type gets
    exactly ``per_type`` pairs.
    """
    if not articles:
        raise ValueError("no source articles to build pairs from")
    pairs: list[tuple[str, str, SyntheticPair]] = []
    for obfuscation in obfuscations:
        for index in range(per_type):
            rng = random.Random(f"{seed}/{obfuscation.value}/{index}")
            for _attempt in range(20):
                article = articles[int(rng.random() * len(articles))]
                try:
                    pair = make_pair(article.text, obfuscation, rng, sentences=sentences)
                except UnsuitableSourceError:
                    continue
                pairs.append((f"{obfuscation.value}-{index:04d}", article.name, pair))
                break
            else:  # pragma: no cover - only with a pool of one-sentence articles
                raise ValueError(f"no source article suits {obfuscation.value}")
    return pairs


def retold_detector(pair: SyntheticPair) -> tuple[tuple[Passage, ...], tuple[Change, ...]]:
    """retold's passages and changes for a pair, A = the source, B = the derived text.

    The texts are wrapped in ``Document`` records as they are: reading them through
    ``read_text_document`` would repair mojibake and could move offsets away from the truth's.
    """
    comparison = compare_documents(
        Document(pair.source_text), Document(pair.derived_text), config=CompareConfig(story=False)
    )
    return comparison.passages, comparison.changes


def run_detector(
    pairs: Sequence[tuple[str, str, SyntheticPair]], detector: Detector = retold_detector
) -> list[PairOutcome]:
    """Run ``detector`` on every pair. A ``RetoldError`` counts as finding nothing."""
    outcomes = []
    for pair_id, source_name, pair in pairs:
        try:
            passages, changes = detector(pair)
        except RetoldError:
            passages, changes = (), ()
        outcomes.append(PairOutcome(pair_id, source_name, pair, passages, changes))
    return outcomes


def sentence_bank(data_dir: Path) -> SentenceBank:
    """The background sentences and vocabulary of the generator, from the same real data."""
    return SentenceBank.of(load_sentences(data_dir))
