"""Quotation spans: within a paragraph, and running on over paragraphs as news prints them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from retold.clean.quotes import QuoteSpans


def spans(text: str) -> list[str]:
    quotes = QuoteSpans(text)
    return [text[start:end] for start, end in zip(quotes._starts, quotes._ends, strict=True)]


def test_pairs_within_a_paragraph_with_mixed_marks() -> None:
    text = 'He said "no" and then “watch". A stray " mark\nends nothing.'
    assert spans(text) == ['"no"', '“watch"']


def test_a_quotation_running_on_over_paragraphs() -> None:
    text = (
        'Daly said: "It started out because women marched.\n'
        '"And thinking about it, it was right," she said.\n'
        "Nothing quoted here."
    )
    assert spans(text) == [
        '"It started out because women marched.',
        '"And thinking about it, it was right,"',
    ]
    quotes = QuoteSpans(text)
    assert quotes.covered(0, len(text)) == sum(map(len, spans(text)))


def test_an_unclosed_mark_before_plain_prose_is_not_a_quotation() -> None:
    assert spans('A stray " mark in one paragraph.\nThe next one is plain prose.') == []


@pytest.fixture(scope="module")
def helsinki(shared_data: Path) -> dict[str, str]:
    csv.field_size_limit(10**9)
    path = shared_data / "helsinki-summit" / "helsinki_articles.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row["text"].replace(" ### ", "\n") for row in csv.DictReader(handle)}


def test_a_real_three_paragraph_quotation_is_quoted_throughout(helsinki: dict[str, str]) -> None:
    # Sun-Times 1820 (read): Laura Daly's statement runs over three paragraphs, the first two
    # left open as the convention wants.
    text = helsinki["1820"]
    start = text.index('"It started out because women')
    end = text.index("solidarity", start)
    quotes = QuoteSpans(text)
    inside = quotes.covered(start, end)
    breaks = text.count("\n", start, end)
    assert inside >= (end - start) - breaks - 2  # all but the line breaks between paragraphs
