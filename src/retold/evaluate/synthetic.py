"""Synthetic evaluation data built from real sentences, with the truth recorded by construction.

One import for the two users:

- the corpus scanner's recall and precision tests and benchmarks: ``generate_corpus`` streams
  articles (news-please fields) and ``write_corpus`` writes ``articles.jsonl``, ``truth.jsonl``
  and ``truth_manifest.json`` (see ``synthetic_corpus``);
- the accuracy harness of the pairwise aligner: ``make_pair`` derives a text from a source by
  one obfuscation and records the reuse cases and every edit (see ``synthetic_pairs``).

Both draw on ``load_sentences``: deduplicated real news sentences from ``../shared/data``.

Example:
    >>> from pathlib import Path
    >>> import random
    >>> bank = SentenceBank.of(load_sentences(Path("../shared/data")))  # doctest: +SKIP
    >>> pair = make_pair(text, "term_swaps", random.Random(1), sentences=bank)  # doctest: +SKIP
    >>> write_corpus(Path("corpus"), bank, n_articles=10_000, seed=1)  # doctest: +SKIP
"""

from __future__ import annotations

from retold.evaluate.sentences import (
    SentenceBank,
    SentenceDataMissingError,
    load_sentences,
    split_paragraphs,
    split_sentences,
)
from retold.evaluate.synthetic_corpus import (
    ARTICLE_SCHEMA,
    CORPUS_REUSE_TYPES,
    TRUTH_SCHEMA,
    CorpusConfig,
    CorpusSummary,
    Outlet,
    PlantedReuse,
    SyntheticArticle,
    corpus_manifest,
    generate_corpus,
    make_outlets,
    read_truth,
    related_pairs,
    write_corpus,
)
from retold.evaluate.synthetic_pairs import (
    PAIR_OBFUSCATIONS,
    SYNONYMS,
    TERM_PAIRS,
    Obfuscation,
    PairConfig,
    ReuseCase,
    SourceTooShortError,
    SyntheticPair,
    TrueEdit,
    UnknownObfuscationError,
    UnsuitableSourceError,
    make_pair,
)

__all__ = [
    "ARTICLE_SCHEMA",
    "CORPUS_REUSE_TYPES",
    "PAIR_OBFUSCATIONS",
    "SYNONYMS",
    "TERM_PAIRS",
    "TRUTH_SCHEMA",
    "CorpusConfig",
    "CorpusSummary",
    "Obfuscation",
    "Outlet",
    "PairConfig",
    "PlantedReuse",
    "ReuseCase",
    "SentenceBank",
    "SentenceDataMissingError",
    "SourceTooShortError",
    "SyntheticArticle",
    "SyntheticPair",
    "TrueEdit",
    "UnknownObfuscationError",
    "UnsuitableSourceError",
    "corpus_manifest",
    "generate_corpus",
    "load_sentences",
    "make_outlets",
    "make_pair",
    "read_truth",
    "related_pairs",
    "split_paragraphs",
    "split_sentences",
    "write_corpus",
]
