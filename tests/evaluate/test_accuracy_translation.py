"""Section 8 of the accuracy report: its split and its table."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from retold.evaluate.accuracy_translation import (
    TranslationRow,
    TranslationScores,
    load_translation_pairs,
    translation_section,
)


def test_about_a_fifth_of_the_pairs_is_held_out(shared_data: Path) -> None:
    translations, negatives = load_translation_pairs(shared_data)
    for pairs in (translations, negatives):
        share = sum(pair.held_out for pair in pairs) / len(pairs)
        assert 0.15 < share < 0.25
    # A translation is never also a negative: negatives pair two different articles.
    assert not {p.pair_id for p in translations} & {p.pair_id for p in negatives}


def test_the_table_says_what_each_row_counts() -> None:
    rows = [
        TranslationRow("tuning", "en→it", 91, 0.978, 0.957, 0.928),
        TranslationRow("held-out", "different articles", 152, 0.013),
    ]
    read = Counter({("translated", True): 6, ("none", True): 4, ("none", False): 42})
    text = "\n".join(translation_section(TranslationScores(rows, read)))
    assert "| tuning | en→it | 91 | 0.978 | 0.957 | 0.928 |" in text
    assert "| held-out | negatives: different articles | 152 | 0.013" in text
    assert "| translated prose | 6 | 0 |" in text and "| no translated text | 4 | 42 |" in text
    assert "Not measured" in "\n".join(translation_section(None))
