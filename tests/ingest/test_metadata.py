"""Metadata from plain text: the seeds' header lines, and each rule on its own."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from retold.ingest.metadata import find_credit, find_outlet, find_published, find_title


def test_jpost_seed(jpost_text: str) -> None:
    assert find_published(jpost_text) == datetime(2019, 6, 24, 20, 14)
    assert find_title(jpost_text) == (
        "Iran and Iraq: Tehran envisions joint military exercises, missile defense and Mosul "
        "influence"
    )
    # "(photo credit: MORTEZA NIKOUBAZI/ REUTERS)" credits a photo, not the text.
    assert find_credit(jpost_text) is None
    assert find_outlet(jpost_text) in {"Jerusalem Post", "The Jerusalem Post"}


def test_kayhan_seed(kayhan_text: str) -> None:
    # The crawl date "Friday 22 November 2019" comes first; the labelled date wins.
    assert find_published(kayhan_text) == datetime(2019, 6, 24, 21, 57)
    assert find_title(kayhan_text) is None
    assert find_credit(kayhan_text) == "Dispatches"
    assert find_outlet(kayhan_text) is None


EAST_3 = timezone(timedelta(hours=3))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("June 24, 2019 20:14", datetime(2019, 6, 24, 20, 14)),
        ("24 June 2019 - 21:57", datetime(2019, 6, 24, 21, 57)),
        ("Jun. 24, 2019, 8:14 p.m.", datetime(2019, 6, 24, 20, 14)),
        ("Jun 24, 2019 12:05 AM", datetime(2019, 6, 24, 0, 5)),
        ("2019-06-24T20:14:00+03:00", datetime(2019, 6, 24, 20, 14, tzinfo=EAST_3)),
        ("2019-06-24T17:14:00Z", datetime(2019, 6, 24, 17, 14, tzinfo=UTC)),
        ("2019-06-24 20:14", datetime(2019, 6, 24, 20, 14)),
        ("Monday, 24 June 2019", datetime(2019, 6, 24)),
        ("24th of June, 2019 at 9:05 PM GMT+3", datetime(2019, 6, 24, 21, 5, tzinfo=EAST_3)),
        (
            "June 24, 2019 4:14 p.m. EDT",
            datetime(2019, 6, 24, 16, 14, tzinfo=timezone(-timedelta(hours=4))),
        ),
        ("SEPTEMBER 3, 2020", datetime(2020, 9, 3)),
    ],
)
def test_date_formats(line: str, expected: datetime) -> None:
    assert find_published(f"Some headline here\n{line}\nBody text.") == expected


@pytest.mark.parametrize(
    "text",
    [
        "Feb 30, 2019 is not a day",
        "In 2019 the 24 members met",
        "Call 2019-13-45 now",
        "No date at all",
        "12:30 a.m. on a day",
    ],
)
def test_no_date(text: str) -> None:
    assert find_published(text) is None


def test_labelled_publication_date_beats_header_dates() -> None:
    text = "Tuesday 25 June 2019\nHeadline\nJune 25, 2019 09:00\nBody.\nPosted on June 24, 2019"
    assert find_published(text) == datetime(2019, 6, 24)


def test_header_date_with_time_beats_first_header_date() -> None:
    text = "Friday 22 November 2019\nHeadline\nJune 24, 2019 20:14\nBody."
    assert find_published(text) == datetime(2019, 6, 24, 20, 14)


def test_updated_date_loses_to_other_dates() -> None:
    text = "Headline\nUpdated: June 25, 2019 10:00\nJune 24, 2019\nBody."
    assert find_published(text) == datetime(2019, 6, 24)
    assert find_published("Headline\nLast updated: June 25, 2019 10:00\nBody.") == datetime(
        2019, 6, 25, 10, 0
    )


def test_published_label_beats_updated_label_on_one_line() -> None:
    text = "PUBLISHED: Tue, 24 June 2019 | UPDATED: 25 June 2019 10:00"
    assert find_published(text) == datetime(2019, 6, 24)


def test_dates_below_the_header_are_ignored() -> None:
    text = "Headline\n" + "A line of body text.\n" * 60 + "July 16, 2019\n"
    assert find_published(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran and Iraq: Tehran envisions joint exercises\nBody.",
            "Iran and Iraq: Tehran envisions joint exercises",
        ),
        ("\n\n  Will the talks resume?  \nBody.", "Will the talks resume?"),
        ("News ID: 67387\nHeadline", None),
        ("Section: World\nHeadline", None),
        ("Analysis: Iran eyes joint drills\nBody.", "Analysis: Iran eyes joint drills"),
        ("Friday 22 November 2019\nHeadline", None),
        ("The minister said the talks would resume.\nMore.", None),
        ("By John Smith\nHeadline", None),
        ("12345 6789\nHeadline", None),
        ("https://example.com/news/1\nHeadline", None),
        (" ".join(["word"] * 30) + "\nMore", None),
        ("", None),
    ],
)
def test_title(text: str, expected: str | None) -> None:
    assert find_title(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Headline\nLONDON (Reuters) - Britain said on Monday", "Reuters"),
        ("WASHINGTON (AP) — The Senate voted", "AP"),
        ("NEW YORK, June 24 (Reuters) - Stocks fell", "Reuters"),
        ("TEHRAN (Dispatches) -- Iran wants", "Dispatches"),
        ("Tehran, June 24 (IRNA) - Iran said", "IRNA"),
        ("(Reuters) — The New York State Attorney General", "Reuters"),
        ("Headline\nBy Reuters\nLONDON - Britain said", "Reuters"),
        ("By Reuters Staff | June 24, 2019\nText", "Reuters"),
        ("Ministers met on Monday, officials said. (AFP)\nMore text.", "AFP"),
        ("Soldiers march in Tehran. (photo credit: A NAME/ REUTERS)\nText.", None),
        ("A caption of the scene. Photo: (AFP)\nText.", None),
        ("The Iranian Students' News Agency (ISNA) reported on Monday", None),
        ("By John Smith\nText", None),
        # Helsinki credit lines (read): New York Times, Star Tribune, TribLive, SFGate.
        (
            "Headline\nBy The Associated Press\nJuly 15, 2018\nHELSINKI — The outcome",
            "Associated Press",
        ),
        (
            "Headline\nBy   JONATHAN LEMIRE   and   VLADIMIR ISACHENKOV Associated Press\nText",
            "Associated Press",
        ),
        (
            "Headline\nThe Associated Press | Sunday, July 15, 2018, 11:30 a.m.\nText",
            "Associated Press",
        ),
        ("Headline\nGeoff Mulvihill, Associated Press\nUpdated", "Associated Press"),
        ("Trump said he told The Associated Press on Sunday that he was ready.\nMore", None),
        ("Photo: Pablo Martinez Monsivais, Associated Press\nText", None),
        # More Helsinki credit lines (read): Detroit News, WGHP (fox8.com), Chicago Tribune,
        # Charlotte Observer, SFGate, The Boston Globe, Breitbart.
        (
            "Headline\nJill Colvin, Associated Press Published 9:21 a.m. ET July 15, 2018\nText",
            "Associated Press",
        ),
        (
            "Headline\nPosted 5:57 am, July 16, 2018, by Associated Press , Updated at 06:00AM\n"
            "Text",
            "Associated Press",
        ),
        (
            "Headline\nJari Tanner and Jan M. OlsenAssociated Press\nDonald Trump",
            "Associated Press",
        ),
        ("Headline\nBy ROBERT BURNS AP National Security Writer\nJuly 14, 2018", "AP"),
        ("Text of the story.\nJill Colvin is an Associated Press writer.", "Associated Press"),
        ("Headline\nAP\nJuly 15, 2018\nGLASGOW, Scotland — President", "AP"),
        ("Headline\nAFP\n14 Jul 2018\nHelsinki", "AFP"),
        ("Headline\nPosted 6:08 am, July 16, 2018, by CNN Wires\nPresident Trump", "CNN"),
        # TIME's dateline names the place in brackets: no credit (Helsinki 2107, read).
        ("Headline\n(HELSINKI) — With rattled world capitals watching, President", None),
        ("(CNN) — The", "CNN"),
        # A roundup's item labelled with its source, a photo credit under a caption, and a
        # contribution line name a wire without crediting the text to it.
        ("Trump meets Putin\nReuters\nThe European Union and the United States are", None),
        ("A caption of the scene.\nAP\nEmail\nText", None),
        ("AP Photo/Markus Schreiber\nText", None),
        ("Text.\nAssociated Press writer Darlene Superville contributed to this report.", None),
        # TIME's byline on Yahoo (Helsinki 2107), and a wire's notice under its copy (Newsmax
        # 8808, ClickOnDetroit 10168), read; a photographer's slash credit glued to a caption
        # (The Atlantic 2060) and a photo's notice inside its caption (Fox News 8345) are not.
        (
            "Headline\nJONATHAN LEMIRE, JILL COLVIN and VLADIMIR ISACHENKOV / AP\n,\nHeadline",
            "AP",
        ),
        ("Headline\nBy Jill Colvin and Zeke Miller/AP\nText", "AP"),
        ("Headline\nEvan Vucci and Pablo Martinez Monsivais / AP\nText", None),  # photographers
        (
            "Text of the story.\n© Copyright 2018 The Associated Press. All rights reserved.",
            "Associated Press",
        ),
        ("Text.\nCopyright 2018 The Associated Press. All rights reserved.", "Associated Press"),
        ("Headline\nText.\nCopyright 2018 Reuters. Click for restrictions.", "Reuters"),
        (
            "The sun sets behind the Presidential Palace and the cathedral in Helsinki.Leonhard"
            " Foeger / Reuters\nText",
            None,
        ),
        ("Headline\nEvan Vucci / AP\nText", None),
        (
            "Trump speaks. (AP Photo/Evan Vucci, File)  (Copyright 2017 The Associated Press. All"
            " rights reserved.)\nFor all the rhetoric",
            None,
        ),
        ("Text.\nCopyright 2018 Example Herald. All rights reserved.", None),
        # Syndicating outlets credited as wires are (Helsinki, read): the USA TODAY network's
        # byline (freep.com 2971, tennessean.com 2258), The Washington Post's on The Boston
        # Globe (1070), Yahoo's provider line (11176); not a photo credit line (CNBC 594).
        (
            "Headline\nGregory Korte and John Fritze , USA TODAY Published 3:55 a.m. ET July 16,"
            " 2018 | Updated 7:22 a.m. ET July 16, 2018\nText",
            "USA TODAY",
        ),
        ("Headline\nUSA TODAY Published 4:57 a.m. CT July 16, 2018\nText", "USA TODAY"),
        (
            "The Boston Globe\nBy Anton Troianovski Washington Post\nJuly 16, 2018\nText",
            "Washington Post",
        ),
        ("Mueller Charges 12 Russians\nBloomberg•\nMueller Charges 12 Russians", "Bloomberg"),
        ("Dow futures rose.\nMichael Nagle | Bloomberg | Getty Images\nTraders work", None),
        ("Text.\nThe Washington Post reported on Sunday that the talks had failed.", None),
        (
            "Headline\nAnton Troianovski and Philip Rucker, The Washington Post\nText",
            "Washington Post",
        ),
        ("Headline\nJustin Sink, Margaret Talev and Ilya Arkhipov, Bloomberg\nText", "Bloomberg"),
        # Lines that end with a syndicator's name and credit nothing (found in review).
        ("Head\nFormer New York City Mayor Michael Bloomberg\nText.", None),
        ("Head\nRead more from Bloomberg\nText.", None),
        ("Head\nTrump lashes out at The Washington Post\nText.", None),
        ("Head\nSubscribe to USA TODAY\nText.", None),
        ("Head\nJack Gruber, USA TODAY\nText.", None),  # USA TODAY's photo credit
        # A byline's "Filed" and "profile" are no photo words; The New York Times's glued
        # photo credit "CreditAssociated Press" is one; a notice in brackets is a photo's.
        ("Head\nJill Colvin, Associated Press | Filed 7:24 a.m. ET\nText.", "Associated Press"),
        ("Head\nThe Associated Press | Profile\nText.", "Associated Press"),
        ("Briefing\nImage\nCreditAssociated Press\nGood morning.", None),
        (
            "Trump speaks.\n(Copyright 2018 The Associated Press. All rights reserved.)\nText",
            None,
        ),
    ],
)
def test_credit(text: str, expected: str | None) -> None:
    assert find_credit(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Body.\n© 2019 The Daily Example. All rights reserved.", "The Daily Example"),
        ("Body.\nCopyright 2018-2019 Acme Media Group", "Acme Media Group"),
        ("Body.\nCopyright © Example Outlet", "Example Outlet"),
        ("Body.\nSource: Xinhua\n", "Xinhua"),
        ("The Springfield Herald says. Later the Springfield Herald added.", "Springfield Herald"),
        ("The Springfield Herald says so once.", None),
        ("Click Cookie Settings. Copyright Settings are here.", None),
        ("Options (a) one (b) two (c) The Thing", None),
        ("The Postal service. The Postal workers.", None),
        ("It was said by ISNA. News of it spread. Then ISNA. News again.", None),
        ("U.S. News said so. U.S. News added.", "U.S. News"),
    ],
)
def test_outlet(text: str, expected: str | None) -> None:
    assert find_outlet(text) == expected


def test_news_agency_names_are_kept_whole() -> None:
    text = "The Islamic Republic News Agency reported. Islamic Republic News Agency added."
    assert find_outlet(text) == "Islamic Republic News Agency"


# --- photo captions are not publication dates ---------------------------------------------------

HELSINKI_CAPTIONED = ("35", "729", "1355", "1841", "2499", "2634")
"""Helsinki articles whose first paragraphs hold an AP caption dated 2017 or June 2018 (read):
"FILE - In this Nov. 11, 2017 file photo, ...", "In this July 7, 2017 file photo ..."."""


@pytest.fixture(scope="module")
def helsinki_texts(shared_data: Path) -> dict[str, str]:
    csv.field_size_limit(10**9)
    with (shared_data / "helsinki-summit" / "helsinki_articles.csv").open(encoding="utf-8") as f:
        return {row["id"]: row["text"].replace(" ### ", "\n") for row in csv.DictReader(f)}


@pytest.mark.parametrize("doc_id", HELSINKI_CAPTIONED)
def test_real_ap_captions_give_no_publication_date(
    helsinki_texts: dict[str, str], doc_id: str
) -> None:
    published = find_published(helsinki_texts[doc_id])
    # The summit coverage is from July 2018: a caption's 2017 or June 2018 date must not win.
    assert published is None or published >= datetime(2018, 7, 1), published


@pytest.mark.parametrize(
    "caption",
    [
        "FILE - In this March 3, 2019 file photo, the minister speaks in Baghdad.",
        "In this photo taken on Friday, July 7, 2017, the two leaders meet in Hamburg.",
        "Trump and Putin in Hamburg, July 7, 2017 (AP Photo/Evan Vucci)",
        "(Photo: June 12, 2018, Reuters)",
    ],
)
def test_caption_dates_give_way_to_the_dateline(caption: str) -> None:
    text = f"Leaders meet in Helsinki\n{caption}\nHELSINKI, July 16, 2018 — The summit opened."
    assert find_published(text) == datetime(2018, 7, 16)
    assert find_published(f"Leaders meet in Helsinki\n{caption}\nThe summit opened.") is None


def test_a_date_in_prose_that_mentions_a_photo_still_counts() -> None:
    text = "Photographers gathered early.\nJuly 16, 2018 10:05\nThe summit opened."
    assert find_published(text) == datetime(2018, 7, 16, 10, 5)
