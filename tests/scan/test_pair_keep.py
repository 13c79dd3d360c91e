"""Which pairs a scan keeps: shared text must be article prose, but a stretch rewritten in
other words may be re-wrapped in short lines on one side."""

from __future__ import annotations

from pathlib import Path

from retold.config import PairConfig
from retold.ingest.reader import read_document
from retold.pairs import _prose_words, align_pair

PAN = "pan13-text-alignment-training"


def test_a_rewritten_stretch_on_re_wrapped_lines_keeps_its_pair(shared_data: Path) -> None:
    # PAN 2013, random obfuscation (third-party): the suspicious text was re-wrapped, so the
    # rewritten case sits on lines that break mid-sentence and read as page chrome there.
    root = shared_data / PAN
    source = read_document(root / "src" / "source-document00468.txt")
    copy = read_document(root / "susp" / "suspicious-document00075.txt")
    kept = align_pair(source, copy, rewritten=True)
    assert kept is not None
    (stretch,) = [p for p in kept.comparison.rewritten if p.kind == "rewritten"]
    least = PairConfig().min_passage_words
    prose = (
        _prose_words(source.text, stretch.a_start, stretch.a_end),
        _prose_words(copy.text, stretch.b_start, stretch.b_end),
    )
    assert max(prose) >= least > min(prose)  # prose on one side only
    # Without rewritten passages the pair shares nothing a scan keeps.
    assert align_pair(source, copy) is None


def test_the_seed_pair_is_kept_either_way(jpost_text: str, kayhan_text: str) -> None:
    from retold.records import Document

    a, b = Document(text=jpost_text), Document(text=kayhan_text)
    for rewritten in (False, True):
        kept = align_pair(a, b, rewritten=rewritten)
        assert kept is not None and kept.relation == "retelling"


def test_a_verbatim_copy_re_wrapped_in_short_lines_is_kept(shared_data: Path) -> None:
    # PAN 2013, no obfuscation (third-party): suspicious-document00171 copies a sentence of
    # source-document02250 word for word, re-wrapped so that no line of it holds more than
    # eleven words ("the epidemic of" / "home" / "foreclosures, …"). Line by line, each is a
    # short line without a sentence end, read as page chrome, and the pair was dropped; the
    # document is wrapped throughout, so its lines are prose.
    root = shared_data / PAN
    source = read_document(root / "src" / "source-document02250.txt")
    copy = read_document(root / "susp" / "suspicious-document00171.txt")
    case_a, case_b = (519, 851), (3021, 3353)  # the organisers' offsets
    assert "\nhome\nforeclosures," in copy.text[case_b[0] : case_b[1]]
    assert _prose_words(copy.text, *case_b) == len(copy.text[case_b[0] : case_b[1]].split())
    kept = align_pair(source, copy)
    assert kept is not None
    assert any(
        p.a_start < case_a[1]
        and case_a[0] < p.a_end
        and p.b_start < case_b[1]
        and case_b[0] < p.b_end
        for p in kept.comparison.passages
    )


def test_text_quoted_in_one_article_is_a_quotation_in_both(
    helsinki_texts: dict[str, str],
) -> None:
    # Helsinki 1514 (a Google News roundup) embeds Trump's tweets as written, wrapped over
    # short lines, without marks; USA Today 11450 quotes them ("…," Trump said). Counted side
    # by side, less than half the shared text was quoted and the pair was a compilation link;
    # the gold (by hand) says shared quote.
    from retold.clean.quotes import quote_spans
    from retold.pairs import Relation
    from retold.records import Document

    roundup, article = Document(text=helsinki_texts["1514"]), Document(text=helsinki_texts["11450"])
    kept = align_pair(roundup, article)
    assert kept is not None and kept.relation == Relation.SHARED_QUOTE
    tweet = next(p for p in kept.comparison.passages if p.words >= 40)
    assert roundup.text[tweet.a_start :].startswith("President Obama thought that Crooked")
    assert quote_spans(roundup.text).covered(tweet.a_start, tweet.a_end) == 0
    length = tweet.b_end - tweet.b_start
    assert quote_spans(article.text).covered(tweet.b_start, tweet.b_end) > 0.9 * length


def test_two_crawls_of_a_gallery_share_captions_not_a_story(
    helsinki_texts: dict[str, str],
) -> None:
    # Helsinki 9442 and 11560: one USA Today gallery crawled twice, its text a caption
    # ("… in Helsinki, Finland, 15 July 2018.") shown three times among share buttons. The
    # gold (by hand) puts caption-only pages in no story, even identical copies.
    from retold.records import Document

    first, second = Document(text=helsinki_texts["9442"]), Document(text=helsinki_texts["11560"])
    assert first.text == second.text
    assert align_pair(first, second) is None


def test_a_caption_glued_to_the_first_paragraph_leaves_the_paragraph_prose(
    helsinki_texts: dict[str, str],
) -> None:
    # Helsinki 5175 (Yahoo's copy of USA TODAY's live-stream page) has its lead photo's caption
    # run into the first paragraph: "… at NATO headquarters in Brussels on Wednesday, July 11,
    # 2018. President Donald Trump and the first lady are arriving …" (114 words on one line).
    # The caption's date made the whole line a caption, so the copy shared no prose with USA
    # TODAY's page (285) and the story split in two; the gold (by hand) says retelling.
    from retold.pairs import Relation
    from retold.records import Document

    page, copy = Document(text=helsinki_texts["285"]), Document(text=helsinki_texts["5175"])
    kept = align_pair(page, copy)
    assert kept is not None and kept.relation == Relation.RETELLING
    arriving = copy.text.index("President Donald Trump and the first lady are arriving")
    glued = copy.text.rindex("\n", 0, arriving) + 1
    assert _prose_words(copy.text, glued, arriving) == 0  # the caption stays chrome
    assert _prose_words(copy.text, arriving, len(copy.text)) >= 80  # the page's last line


def test_a_gallery_caption_with_story_sentences_stays_a_caption(
    helsinki_texts: dict[str, str],
) -> None:
    # Helsinki 10117, a chron.com gallery of AP photographs: 39 captions, each with sentences of
    # AP's story after its date ("… Saturday, July 14, 2018, in Philadelphia. Nielsen told the
    # gathering …"). The gold puts the page in no story: they are not glued paragraphs.
    from retold.records import Document

    gallery = Document(text=helsinki_texts["10117"])
    told = gallery.text.index("Nielsen told the gathering")
    assert _prose_words(gallery.text, told, gallery.text.index("\n", told)) == 0
    assert align_pair(gallery, Document(text=helsinki_texts["5799"])) is None


def test_a_write_up_quoting_a_wire_report_retells_it(helsinki_texts: dict[str, str]) -> None:
    # Helsinki 5000 (oneindia on Yahoo) writes up AFP's "Tight security ahead of Trump-Putin
    # meeting" (11989): "According to AFP, …" and 44 words of AFP's text in quotation marks,
    # "… earlier this week," the report said. Quoted in one text only, as a report's words: the
    # gold (by hand) says retelling; it was a shared quote, and the story split in two.
    from retold.pairs import Relation
    from retold.records import Document

    write_up, report = Document(text=helsinki_texts["5000"]), Document(text=helsinki_texts["11989"])
    kept = align_pair(write_up, report)
    assert kept is not None and kept.relation == Relation.RETELLING and kept.quoted_share < 0.1


def test_two_articles_quoting_one_report_share_a_quote() -> None:
    # The same report's words quoted by both: neither is the report, as two articles quoting
    # a speaker are not each other's source.
    from retold.pairs import Relation
    from retold.records import Document

    quote = (
        '"Thousands of police officers, coastguards and rescue workers who were on vacation have'
        " been asked to return, with demonstrators expected to loudly protest the US-Russian"
        " presidential meeting, although on a smaller scale than the huge anti-Trump"
        ' demonstrations in London earlier this week," the report said.'
    )
    first = Document(text="Helsinki is ready for the summit on Monday. " + quote)
    second = Document(text=quote + " Finland's president will host both leaders at his palace.")
    kept = align_pair(first, second)
    assert kept is not None and kept.relation == Relation.SHARED_QUOTE
