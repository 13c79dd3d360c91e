"""Section 8 of the accuracy report: its split and its table."""

from __future__ import annotations

from pathlib import Path

from retold.evaluate.accuracy_translation import (
    TranslationRow,
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
    text = "\n".join(translation_section(rows))
    assert "| tuning | en→it | 91 | 0.978 | 0.957 | 0.928 |" in text
    assert "| held-out | negatives: different articles | 152 | 0.013" in text
    assert "Not measured" in "\n".join(translation_section(None))
