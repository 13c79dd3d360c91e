"""Quotation spans: within a paragraph, and running on over paragraphs as news prints them."""

from __future__ import annotations

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


def test_two_single_marks_typed_for_a_double_one(helsinki_texts: dict[str, str]) -> None:
    # Helsinki 12125 (read) quotes Trump's tweets between doubled single marks: ‘‘…’’.
    text = helsinki_texts["12125"]
    start = text.index("‘‘President Obama thought")
    end = text.index("’’", start) + 2
    assert QuoteSpans(text).covered(start, end) >= end - start - 2  # the marks' halves aside
    # Offsets stay those of the text read; apostrophes and single quotes open nothing.
    assert spans("It’s ‘‘fine,’’ he said, and the pupils’ ‘best’ work.") == ["‘fine,’"]


def test_an_unclosed_mark_before_plain_prose_is_not_a_quotation() -> None:
    assert spans('A stray " mark in one paragraph.\nThe next one is plain prose.') == []


def test_a_real_three_paragraph_quotation_is_quoted_throughout(
    helsinki_texts: dict[str, str],
) -> None:
    # Sun-Times 1820 (read): Laura Daly's statement runs over three paragraphs, the first two
    # left open as the convention wants.
    text = helsinki_texts["1820"]
    start = text.index('"It started out because women')
    end = text.index("solidarity", start)
    quotes = QuoteSpans(text)
    inside = quotes.covered(start, end)
    breaks = text.count("\n", start, end)
    assert inside >= (end - start) - breaks - 2  # all but the line breaks between paragraphs


def test_an_embedded_post_is_quoted_by_its_attribution_line(helsinki_texts: dict[str, str]) -> None:
    # zerohedge.com 11844 (read): Trump's tweet printed without marks, then the embed's
    # attribution line "— Donald J. Trump (@realDonaldTrump) July 16, 2018".
    text = helsinki_texts["11844"]
    start = text.index("President Obama thought that Crooked Hillary")
    end = text.index("\n", start)
    assert QuoteSpans(text).covered(start, end) == end - start
    attribution = text.index("— Donald J. Trump (@realDonaldTrump)", end)
    assert QuoteSpans(text).covered(attribution, attribution + 20) == 0


def test_a_statement_introduced_by_a_colon_is_quoted(helsinki_texts: dict[str, str]) -> None:
    # Wrestling site 5190 (read): "McGregor wrote in full:" and his post, without marks.
    text = helsinki_texts["5190"]
    start = text.index("Today I was invited to the World Cup final")
    end = text.index("\n", start)
    assert QuoteSpans(text).covered(start, end) == end - start
    # The line that introduces it is the writer's own.
    introduction = text.index("McGregor wrote in full:")
    assert QuoteSpans(text).covered(introduction, introduction + 20) == 0


@pytest.mark.parametrize(
    "text",
    [
        "GOOD READS:\nImmigrant kids held in shelters, by Michael E. Miller.",
        "Netanyahu presents what he says is Iran's secret “atomic archive”:\nFans in Paris cheer.",
        "Here are some of the signs:\nA man holds a sign.",
    ],
)
def test_a_colon_without_a_speaker_opens_no_quotation(text: str) -> None:
    following = text.index("\n") + 1
    assert QuoteSpans(text).covered(following, len(text)) == 0


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ('"Thousands were asked to return," the report said.', True),
        ("“No evidence,” Reuters reported on Friday.", True),
        ('"Trump-Putin going 1-on-1," the Associated Press wrote Monday.', True),
        ('"Quiet week," according to AFP.', True),
        ('"We will talk," the president said.', False),
        ('"We will talk," Putin told the agency.', False),  # the agency is not the speaker
        ('"A report," he said of the paper.', False),
        ('"We acted," the agency said in a statement.', False),  # the FBI, an EPA
        ('"We acted," according to the agency\'s spokesman.', False),
        ('"We acted," according to Reuters\' sources.', False),
    ],
)
def test_a_quotation_attributed_to_a_news_report(text: str, reported: bool) -> None:
    quotes = QuoteSpans(text)
    end = text.rindex(next(mark for mark in '"”' if mark in text[1:])) + 1
    assert quotes.covered(0, end) == end
    assert quotes.reported(0, end) == (end if reported else 0)
