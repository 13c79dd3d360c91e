"""Spun copies: a passage whose words were swapped one by one is marked ``spun``."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from retold.core import compare_documents
from retold.evaluate.accuracy_pairs import load_source_articles
from retold.evaluate.sentences import bank_of, load_sentences
from retold.evaluate.synthetic_pairs import make_pair
from retold.ingest.reader import read_text_document


def test_spinning_is_told_from_copy_editing(shared_data: Path) -> None:
    # Semi-synthetic pairs from real article bodies: "spinning" applies PAN's random
    # obfuscation word by word (swaps for synonyms, shuffles, insertions, deletions); the
    # others copy, cut, move paragraphs or change a few terms.
    bank = bank_of(load_sentences(shared_data))
    articles = load_source_articles(shared_data)[:20]
    spun: Counter[str] = Counter()
    for kind in ("spinning", "verbatim", "excerpt_cuts", "moved_paragraphs", "term_swaps"):
        for number, article in enumerate(articles):
            pair = make_pair(article.text, kind, random.Random(number), sentences=bank)
            comparison = compare_documents(
                read_text_document(pair.source_text), read_text_document(pair.derived_text)
            )
            spun[kind] += any(p.kind == "spun" for p in comparison.passages)
    assert spun["spinning"] >= 12  # of 20 (20 of 30 when measured)
    assert spun["verbatim"] == spun["excerpt_cuts"] == spun["moved_paragraphs"] == 0
    assert spun["term_swaps"] <= 2
