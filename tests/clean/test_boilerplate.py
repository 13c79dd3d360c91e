"""Boilerplate labels from general signals, on blocks taken from real news pages' chrome."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.clean.boilerplate import (
    Block,
    glued_caption_end,
    is_short_line,
    label_block,
    label_blocks,
    label_page,
    leading_dateline,
    wrapped_lines,
)
from retold.ingest import read_document
from tests.conftest import JPOST


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "We use cookies to improve your experience. You accept our cookie policy.",
            "cookie",
        ),
        ("Subscribe now for unlimited access to all our journalism.", "paywall"),
        ("Sign up for our daily newsletter", "paywall"),
        ("Trump and Putin in Helsinki. (Photo: Getty Images)", "caption"),
        ("Read more", "related"),
        ("You may also like", "related"),
        ("12 Comments", "comments"),
        ("Share this article", "share"),
        ("Advertisement", "advert"),
        ("By Jane Smith", "byline"),
        ("5 min read", "byline"),
        ("© 2018 Example Media Group. All rights reserved.", "rights"),
        ("Updated: July 16, 2018 10:31 am", "byline"),
        ("Monday 16 July 2018", "dateline"),
        ("Story ID: 123456", "dateline"),
        ("HELSINKI (Reuters) -", "dateline"),
        ("WASHINGTON —", "dateline"),
    ],
)
def test_label_block(text: str, label: str) -> None:
    assert label_block(Block(text)) == label


@pytest.mark.parametrize(
    "text",
    [
        "President Donald Trump said on Monday he would meet Vladimir Putin in Helsinki.",
        "The two leaders spoke for more than two hours, officials said, without aides present.",
        "“We need you to help us understand what happened,” the senator told reporters.",
        "Helsinki, the Finnish capital, has hosted summits between the superpowers before.",
    ],
)
def test_news_prose_is_not_boilerplate(text: str) -> None:
    assert label_block(Block(text)) is None
    assert label_blocks([Block(text, at_edge=True)]) == [None]


def test_long_paragraph_needs_more_than_one_cue() -> None:
    prose = (
        "The opposition leader urged voters to help us rebuild the economy, arguing that the "
        "government had failed to deliver on its promises over the last four years and that a "
        "change of course was overdue. Polls suggest the race remains close, with neither party "
        "holding a clear lead in the key districts."
    )
    assert label_block(Block(prose)) is None


def test_run_of_blocks_inherits_the_heading() -> None:
    blocks = [
        Block("Related Content", at_edge=True),
        Block("Putin and Trump meet in Helsinki amid protests", at_edge=True),
        Block("July 16, 2018", at_edge=True),
    ]
    assert label_blocks(blocks) == ["related", "related", "dateline"]


def test_repeated_caption_and_edge_headline() -> None:
    assert label_block(Block("Leaders shake hands at the palace", repeated=True, at_edge=True)) == (
        "repeat"
    )
    assert label_block(Block("Leaders shake hands at the palace", repeated=True)) is None
    assert label_blocks(
        [Block("Trump Plays Golf in Scotland Before Putin Summit", at_edge=True)]
    ) == ["header"]
    assert label_blocks([Block("Trump Plays Golf in Scotland Before Putin Summit")]) == [None]


@pytest.mark.parametrize(
    "caption",
    [
        "U.S. President Donald Trump waves from the car after arriving at the airport in Helsinki,"
        " Finland, Sunday, July 15, 2018. (AP Photo/Pablo Martinez Monsivais)",
        "Trump and Niinisto talk on the balcony of the official residence in Helsinki, Finland,"
        " Monday, July 16, 2018. (Martti Kainulainen/Lehtikuva via AP)",
    ],
)
def test_wire_photo_captions(caption: str) -> None:
    assert label_block(Block(caption)) == "caption"


@pytest.mark.parametrize(
    "caption",
    [
        # Helsinki 7752 (Miami Herald): 95 words, one lexicon phrase; AP's "FILE -" opening and
        # the credit in parentheses say caption at any length.
        "FILE - In this Nov. 11, 2017 file photo, U.S. President Donald Trump and Russia’s"
        " President Vladimir Putin talk during the family photo session at the APEC Summit in"
        " Danang, Vietnam. The outcome of the first summit between the unpredictable first-term"
        " American president and Russia’s steely-eyed longtime leader is anybody’s guess. With"
        " no set agenda, the summit could veer between spectacle and substance. As Donald Trump"
        " and Vladimir Putin head into their meeting, Monday, July 16, 2018 in Helsinki, here’s a"
        " look at what each president may be hoping to achieve:  (Jorge Silva/Pool Photo via AP,"
        " File) Jorge Silva AP",
        # Helsinki 6012 (omaha.com gallery): no credit, but the weekday with the full date.
        "U.S. Department of Homeland Security Secretary Kirstjen Nielsen addresses a convention"
        " of state secretaries of state Saturday, July 14, 2018, in Philadelphia. Nielsen told the"
        " gathering that there are no signs that Russia is targeting this year's midterm elections"
        ' with the same "scale or scope" it t',
        # Helsinki 2930 (bostonherald.com gallery): the toggle after a cut caption.
        "The plane carrying Russian President Vladimir Putin lands at the Helsinki airport in"
        " Vantaa, Finland. Putin arrived for his meeting with US President Donald Trump. (Ronni ..."
        " more",
        "Trump and Putin shake hands before their meeting in Helsinki, Finland July 16, 2018."
        " REUTERS/Kevin Lamarque",
        # Helsinki 9442 and 11560 (one USA Today gallery crawled twice): the European style,
        # place, country, day, month, year; no credit.
        "People gather during a demonstration calling for human rights and democracy in"
        " Helsinki, Finland, 15 July 2018. Demonstrators called on Finnish President Sauli"
        " Niinisto to stand up for human rights as President Donald Trump and Russian President"
        " Vladimir Putin have agreed to meet for summit talks on July 16, 2018 in Helsinki.",
    ],
)
def test_long_captions_are_told_by_their_shape(caption: str) -> None:
    assert label_block(Block(caption)) == "caption"


@pytest.mark.parametrize(
    "text",
    [
        "The summit opens on Monday in Helsinki, and Trump said he expected nothing more or less"
        " than a conversation.",
        "The file was sent to the committee on Monday. It said the photo had been altered.",
        "Monday, July 16, 2018 6:28",  # a time stamp is a dateline, not a caption
        # PAN 2013 source-document00198 (a list of Canada's tornadoes): place, province, date.
        "Windsor, Ontario, 17 June 1946 Canada's Deadliest Tornadoes",
        "The summit was held in Helsinki, Finland, on 16 July 2018.",
    ],
)
def test_prose_and_time_stamps_are_not_captions(text: str) -> None:
    assert label_block(Block(text)) != "caption"


def test_a_gallery_caption_is_told_by_the_credit_line_under_it() -> None:
    from retold.clean.boilerplate import label_lines

    # azcentral.com 1726 (a USA Today network gallery, read): caption, credit, caption, credit.
    lines = [
        "Fullscreen",
        "From left, first lady Melania Trump, President Donald Trump, British Prime Minister"
        " Theresa May, and her husband Philip May, watch the arrival ceremony at Blenheim Palace,",
        "Pablo Martinez Monsivais, AP",
        "US President Donald J. Trump, left, chats with Spanish Prime Minister Pedro Sanchez"
        " during a NATO Summit in Brussels, Belgium on July 11, 2018.",
        "BRENDAN SMIALOWSKI, AFP/Getty Images",
    ]
    assert label_lines([Block(line) for line in lines])[1:] == ["caption"] * 4
    # A byline under a headline names a writer, not a photographer.
    story = ["Trump meets Putin in Helsinki", "By Jill Colvin, The Associated Press"]
    assert label_lines([Block(line) for line in story])[0] is None
    # Bullets under a weekday heading stay article text (no label taken from the line above).
    agenda = ["MONDAY", "• Trump and Putin meet in Helsinki for their first summit meeting."]
    assert label_lines([Block(line) for line in agenda])[1] is None


def test_a_page_is_labelled_line_by_line() -> None:
    """The seed page read as a whole: the headline above the article is a header, the appeal
    and its bullets are one run of paywall, the article's paragraphs are content."""
    lines = read_document(JPOST).text.split("\n")
    labels = dict(zip(lines, label_page(lines, [False] * len(lines)), strict=True))
    assert labels[lines[0]] == "header"  # the headline
    assert labels["Dear Reader,"] == "paywall"
    assert labels["  • Access to our Premium Section"] == "paywall"
    assert labels["Related Content"] == "related"
    article = [line for line in lines if line.startswith("Iran and Iraq were once enemies")]
    assert article and all(labels[line] is None for line in article)


def test_the_paragraph_under_a_headline_is_not_a_header(helsinki_texts: dict[str, str]) -> None:
    """Helsinki 586 is a column whose whole text is one paragraph ending without a full stop,
    under three short lines ("Opinion", "Opinion", "More"): the lines are headers, the
    paragraph is the page's content (labelling it as the header above made the page all
    boilerplate)."""
    lines = helsinki_texts["586"].split("\n")
    labels = label_page(lines, [False] * len(lines))
    assert labels[:3] == ["header", "header", "header"]
    assert labels[3] is None and len(lines[3].split()) > 100


def test_leading_datelines() -> None:
    assert leading_dateline("TEHRAN -- Iran and Iraq") == len("TEHRAN --")
    assert leading_dateline("WASHINGTON (AP) — President Trump") == len("WASHINGTON (AP) —")
    assert leading_dateline("HELSINKI, Finland (CNN) - Trump") == len("HELSINKI, Finland (CNN) -")
    assert leading_dateline("Trump and Putin - a summit") == 0
    assert leading_dateline("The U.S. president said") == 0


def test_a_paragraph_wrapped_over_short_lines_is_not_a_header(shared_data: Path) -> None:
    """Clough-Stevenson answer g0pB_taskd is plain text wrapped at about 70 characters: its
    first lines are short and end no sentence, but they go on in small letters, so they are
    the answer's prose, not a headline above it. Chrome in small letters ("amp") stays short."""
    answer = shared_data / "clough-stevenson-short-answers" / "data" / "g0pB_taskd.txt"
    lines = read_document(answer).text.split("\n")
    assert lines[0] == "Bayes' theorem relates the conditional and marginal probabilities of"
    assert label_page(lines, [False] * len(lines))[:5] == [None] * 5
    chrome = ["Trump meets Putin", "amp", "Helsinki summit", "A long paragraph of prose " * 5]
    assert label_page(chrome, [False] * 4)[:3] == ["header", "header", "header"]


def test_wrapped_lines_are_paragraphs_not_headlines(jpost_text: str) -> None:
    """A paragraph wrapped over three lines or more among a page's paragraphs is prose; a
    headline going on in a byline (Helsinki's ZeroHedge pages) and script code in small
    letters are not."""
    import textwrap

    paragraphs = [line for line in jpost_text.split("\n") if len(line.split()) > 25]
    longest = max(paragraphs, key=len)
    wrapped = textwrap.wrap(longest, 100)
    others = [paragraph for paragraph in paragraphs if paragraph != longest][:10]
    page = ["Iran and Iraq hold joint exercises", *others, *wrapped, "Share this"]
    assert len(others) == 10 and len(wrapped) > 5
    found = wrapped_lines(page)
    assert found[:11] == [False] * 11 and found[-1] is False
    # Every line of the paragraph but a last one of a few words (a sentence end: prose anyway).
    assert all(found[11:-2]) and (found[-2] or len(wrapped[-1].split()) < 5)
    # The same paragraph alone is a text wrapped throughout: every line of it is prose.
    assert all(wrapped_lines(["Iran and Iraq hold joint exercises", *textwrap.wrap(longest, 30)]))
    byline = [
        "Why the Media is Desperate to Reclaim its “Gatekeeper” Status for News",
        "by TDB - Jul 15, 2018 2:37 pm",
        "Authored by Caitlin Johnstone via Medium.com,",
    ]
    assert wrapped_lines(byline) == [False] * 3
    code = [
        "window._taboola = window._taboola || [];  _taboola.push({ mode: 'thumbnails-c',",
        "container: 'taboola-interstitial-gallery-thumbnails-5', placement: 'gallery'",
        "target_type: 'mix' }); and so on for every slide of the gallery",
    ]
    assert wrapped_lines(code) == [False] * 3


def test_a_text_wrapped_throughout_is_all_paragraph(shared_data: Path) -> None:
    """PAN 2013's suspicious-document00636 was re-wrapped by the organisers at no fixed width:
    504 of its 560 lines are short and end no sentence ("very-time on", "data before they"),
    and many break before a capital, so no run of joined lines covers them; most of its longer
    lines go on in small letters, so the whole text is one wrapped flow."""
    pan = shared_data / "pan13-text-alignment-training" / "susp"
    lines = read_document(pan / "suspicious-document00636.txt").text.split("\n")
    assert sum(is_short_line(line) for line in lines) > 0.8 * len(lines)
    assert all(wrapped_lines(lines))


def test_a_line_of_chinese_is_not_a_short_line(shared_data: Path) -> None:
    """SemEval pair 1484054675zh: the Chinese side's first line holds three sentences with
    few spaces between them and no final stop. Counted by spaces it was a headline, and a page
    of such lines was all boilerplate (its translation then went unlooked-for)."""
    from retold.evaluate.accuracy_translation import load_translation_pairs

    translations, _ = load_translation_pairs(shared_data)
    chinese = next(pair.b_text for pair in translations if pair.pair_id == "1484054675zh")
    line = chinese.strip().split("\n")[0]
    assert len(line.split()) <= 20 and not line.endswith("。")
    assert not is_short_line(line)
    assert is_short_line("特朗普会见普京")  # a headline of seven characters is still short


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["word", "中文", "日本語", "ไทย", "end.", " ", "\u3000", "“quoted”", "—"]),
        max_size=40,
    ).map(" ".join)
)
def test_a_short_line_is_counted_as_defined(line: str) -> None:
    """``is_short_line`` stops counting words one past the limit; the answer is the one of
    counting them all (spaced words, plus one per two characters of unspaced scripts)."""
    from retold.clean.boilerplate import _SENTENCE_END, _UNSPACED

    words = len(line.split()) + len(_UNSPACED.findall(line)) // 2
    assert is_short_line(line) == (words <= 20 and not _SENTENCE_END.search(line))


GLUED = (
    # Helsinki 5175 (Yahoo's copy of a USA TODAY page, read): the lead photo's caption run into
    # the first paragraph.
    "President Donald Trump attends a meeting of the North Atlantic Council during a summit of"
    " heads of state and government at NATO headquarters in Brussels on Wednesday, July 11,"
    " 2018. President Donald Trump and the first lady are arriving at the airport in Helsinki on"
    " Sunday ahead of the Trump's first summit with Russian President Vladimir Putin. The Trumps"
    " are expected to land around 9:30 p.m. local time, and will stay in Helsinki overnight"
    " before the summit on Monday, where Trump is expected to discuss nuclear arms and Russia's"
    " involvement in the 2016 election."
)


def test_a_caption_glued_to_a_paragraph_ends_with_its_date() -> None:
    assert label_block(Block(GLUED)) == "caption"
    end = glued_caption_end(GLUED)
    assert end is not None and GLUED[:end].endswith("on Wednesday, July 11, 2018.")


def test_a_glued_caption_ends_with_its_credit_in_brackets() -> None:
    # AP's credit after the caption's full stop: the sentence after it is the paragraph's.
    credited = GLUED.replace(
        "2018. President", "2018. (AP Photo/Pablo Martinez Monsivais) President"
    )
    end = glued_caption_end(credited)
    assert end is not None and credited[:end].endswith("(AP Photo/Pablo Martinez Monsivais)")


@pytest.mark.parametrize(
    "caption",
    [
        # A caption with a sentence of context after its date (Helsinki 6012, above): too short
        # to be a paragraph of its own.
        "U.S. Department of Homeland Security Secretary Kirstjen Nielsen addresses a convention"
        " of state secretaries of state Saturday, July 14, 2018, in Philadelphia. Nielsen told the"
        " gathering that there are no signs that Russia is targeting this year's midterm"
        " elections.",
        # The credit at the end: everything before it is the caption.
        GLUED + " (AP Photo/Evan Vucci)",
        # AP's "FILE -" captions carry their context (startribune.com 13940, read).
        "FILE - In this Nov. 11, 2017, file photo, U.S. President Donald Trump, right, and"
        " Russia's President Vladimir Putin talk during the family photo session at the APEC"
        " Summit in Danang. Trump's persistence in pursuing a bromance with Putin has highlighted"
        " a growing disconnect within his administration over Russia policy. While Trump speaks"
        " fondly of Putin and a desire for better relations with Moscow, the rest of the"
        " executive branch remains highly critical and deeply suspicious of the Russian"
        " president and Kremlin intentions.",
        "In this Friday, July 7, 2017, file photo, U.S. President Donald Trump meets Russian"
        " President Vladimir Putin at the G20 Summit in Hamburg. Trump said Sunday that he goes"
        " into the meeting with low expectations, and that nothing bad is going to come out of"
        " it, and maybe some good will come out, in an interview taped at his golf resort in"
        " Scotland.",
    ],
)
def test_a_caption_with_its_context_is_all_caption(caption: str) -> None:
    assert label_block(Block(caption)) == "caption"
    assert glued_caption_end(caption) is None
