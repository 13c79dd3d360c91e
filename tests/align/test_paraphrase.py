"""Rewritten passages: sentences aligned by their content words, on real rewritten text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.align.paraphrase import rewritten_passages
from retold.config import CompareConfig, ParaphraseConfig
from retold.core import compare_documents
from retold.evaluate.pan import score
from retold.evaluate.pan_corpus import PAN_DIR, PanPair, load_pan_pairs, retold_detections
from retold.ingest.reader import read_document

EXACT_ONLY = CompareConfig(paraphrase=ParaphraseConfig(enabled=False))


@pytest.fixture(scope="module")
def pan(shared_data: Path) -> Path:
    return shared_data / PAN_DIR


def _pan_pair(pan: Path, folder: str, suspicious: str, source: str) -> PanPair:
    return next(
        p
        for p in load_pan_pairs(pan)
        if p.folder == folder and (p.suspicious, p.source) == (suspicious, source)
    )


@pytest.mark.parametrize(
    ("suspicious", "source"),
    # PAN 2013 random obfuscation (third-party truth): exact alignment finds each case in
    # three or four pieces.
    [
        ("suspicious-document00042.txt", "source-document03185.txt"),
        ("suspicious-document00061.txt", "source-document02725.txt"),
        ("suspicious-document00075.txt", "source-document02441.txt"),
    ],
)
def test_a_randomly_obfuscated_passage_is_found_whole(
    pan: Path, suspicious: str, source: str
) -> None:
    pair = _pan_pair(pan, "03-random-obfuscation", suspicious, source)
    found, _ = retold_detections(pan, pair)
    exact, _ = retold_detections(pan, pair, EXACT_ONLY)
    assert score(list(pair.truth), exact).granularity >= 3
    scores = score(list(pair.truth), found)
    assert scores.granularity == 1.0
    assert scores.macro_recall > 0.9 and scores.macro_precision > 0.9


def test_a_summary_spans_the_whole_source(pan: Path) -> None:
    # PAN summaries condense a whole source document into a paragraph of the suspicious one.
    pair = next(
        p
        for p in load_pan_pairs(pan)
        if p.folder == "05-summary-obfuscation" and p.suspicious == "suspicious-document00054.txt"
    )
    found, _ = retold_detections(pan, pair)
    truth = pair.truth[0]
    assert any(
        d.source_start == truth.source_start
        and d.suspicious_start <= truth.suspicious_start + 300
        and d.suspicious_end >= truth.suspicious_end - 50
        for d in found
    )


def test_unrelated_texts_have_no_rewritten_passage(jpost_text: str) -> None:
    other = (
        "The city council approved a new budget for road repairs on Tuesday. Residents had "
        "complained about potholes for years, and the mayor promised faster work. The plan "
        "adds two crews and a new asphalt plant near the river. Work starts in the spring."
    )
    assert rewritten_passages(jpost_text, other) == []


def test_shuffled_and_reworded_sentences_are_one_passage(jpost_text: str) -> None:
    # A paragraph appended to the Jerusalem Post article, retold with its sentences reordered
    # and partly reworded. The sentence that keeps no content word ("described the talks as a
    # new chapter in defense relations" / "called the meetings a fresh chapter in the defense
    # ties") is beyond word overlap: it is left out, and the passage is the other three.
    source = (
        "Iran and Iraq are planning joint military exercises, according to Iranian media. "
        "The report said Iran's armed forces chief met Iraqi officials in Baghdad this week. "
        "The two countries discussed border security and cooperation against terrorism. "
        "Officials described the talks as a new chapter in defense relations between them."
    )
    rewritten = (
        "Officials called the meetings a fresh chapter in the defense ties between the two. "
        "Iraq and Iran plan joint military drills, Iranian media reported. "
        "Border security and cooperation against terror were discussed by both countries. "
        "Iran's chief of armed forces met Iraqi officials in Baghdad this week, the report said."
    )
    found = rewritten_passages(source, rewritten)
    assert len(found) == 1
    assert (found[0].a_start, found[0].b_start, found[0].b_end) == (0, 83, len(rewritten))
    # Inside a long article on the same subject, the paragraph is still what is found.
    in_article = rewritten_passages(jpost_text + "\n\n" + source, rewritten)
    assert in_article and all(p.a_start >= len(jpost_text) for p in in_article)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from("iran iraq military drills baghdad border talks the of . \n".split(" ")),
        max_size=80,
    )
)
def test_passages_always_lie_inside_both_texts(words: list[str]) -> None:
    text = " ".join(words)
    other = text[::-1]
    for passage in rewritten_passages(text, other) + rewritten_passages(text, text):
        assert 0 <= passage.a_start < passage.a_end <= len(text)
        assert 0 <= passage.b_start < passage.b_end <= len(text)
        assert 0.0 <= passage.similarity <= 1.0 + 1e-6


def test_the_seed_pair_is_one_edited_copy_in_compare_and_json() -> None:
    import json

    from retold.api import compare
    from retold.report.json import comparison_to_json
    from tests.conftest import JPOST, KAYHAN

    comparison = compare(JPOST, KAYHAN)
    # The Tehran item is the Post's text with passages cut: one stretch, mostly exact.
    assert [p.kind for p in comparison.rewritten] == ["edited"]
    stretch = comparison.rewritten[0]
    assert stretch.b_start <= 100 and stretch.b_end >= len(comparison.b.text) - 100
    data = json.loads(comparison_to_json(comparison))
    assert data["rewritten"][0]["kind"] == "edited"
    assert {p["kind"] for p in data["passages"]} == {"exact"}


def test_an_edited_copy_takes_in_its_rewritten_last_sentence(shared_data: Path) -> None:
    # PAN 2013, random obfuscation: the copy keeps a spun run of Qdoba's court case, and its
    # last sentence ("Called's, really the culinary ones, have gravitated towards the breast
    # in american years.") is the source's last one rewritten; the organisers' case ends there.
    root = shared_data / "pan13-text-alignment-training"
    source = read_document(root / "src" / "source-document03227.txt")
    copy = read_document(root / "susp" / "suspicious-document00129.txt")
    comparison = compare_documents(source, copy, config=CompareConfig(story=False))
    (edited,) = [p for p in comparison.rewritten if p.kind == "edited"]
    assert (
        source.text[edited.a_end - 30 : edited.a_end]
        == "grilled chicken breast in recent years."[-30:]
    )
    assert copy.text[edited.b_start : edited.b_end].rstrip().endswith("breast in american years.")
    # Exact passages alone stop earlier, inside the sentence before.
    assert max(p.a_end for p in comparison.passages) < edited.a_end - 100


def test_a_rewritten_passage_ends_where_the_shared_words_end(pan: Path) -> None:
    # PAN 2013, no obfuscation: a paragraph copied into a page whose next "sentence" is a run
    # of JavaScript with no full stop. Grown from sentences, the passage took the script in;
    # the organisers' case ends with the paragraph.
    pair = _pan_pair(
        pan, "02-no-obfuscation", "suspicious-document00111.txt", "source-document02062.txt"
    )
    found, _ = retold_detections(pan, pair)
    scores = score(list(pair.truth), found)
    assert scores.macro_precision > 0.99 and scores.macro_recall > 0.99
    copy = read_document(pan / "susp" / pair.suspicious).text
    (detection,) = found
    assert "oView" not in copy[detection.suspicious_start : detection.suspicious_end]
    assert copy[detection.suspicious_end - 1] == "."


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.sampled_from("iran iraq military drills baghdad talks".split()), max_size=40),
    st.lists(st.sampled_from("weather recipe football garden".split()), max_size=20),
)
def test_tightened_passages_keep_their_exact_passages(shared: list[str], noise: list[str]) -> None:
    # Edges move in only past words the other side lacks, never into an exact passage.
    core = " ".join(shared)
    a_text = f"{' '.join(noise)} {core}. Unrelated closing words here."
    b_text = f"Other opening words. {core} {' '.join(reversed(noise))}."
    start_a, start_b = a_text.index(core), b_text.index(core)
    exact = [(start_a, start_a + len(core), start_b, start_b + len(core))] if core else []
    for passage in rewritten_passages(a_text, b_text, exact):
        assert 0 <= passage.a_start < passage.a_end <= len(a_text)
        assert 0 <= passage.b_start < passage.b_end <= len(b_text)
        for a0, a1, b0, b1 in exact:
            if passage.a_start <= a1 and a0 <= passage.a_end:
                assert passage.a_start <= a0 and a1 <= passage.a_end
            if passage.b_start <= b1 and b0 <= passage.b_end:
                assert passage.b_start <= b0 and b1 <= passage.b_end


def test_a_shuffled_passage_takes_in_its_moved_edge_sentence(pan: Path) -> None:
    # PAN 2013, random obfuscation: the copy puts the source's last sentence ("Finally, labor
    # practices, fair trade, and transparency ...") first, reworded ("Finally, labor,
    # basketry, and clearness ..."), a pair just under the seed thresholds. Lying against the
    # passage in both texts, it is the passage's own, and the organisers' case includes it.
    pair = _pan_pair(
        pan, "03-random-obfuscation", "suspicious-document00129.txt", "source-document00179.txt"
    )
    found, _ = retold_detections(pan, pair)
    (truth,) = [t for t in pair.truth if t.source_start == 5369]
    (detection,) = [d for d in found if d.source_start < truth.source_end < d.source_end + 100]
    assert detection.source_end == truth.source_end
    assert detection.suspicious_start == truth.suspicious_start


def test_an_edited_copy_takes_in_its_reworded_first_words(pan: Path) -> None:
    # PAN 2013, random obfuscation: the copy's first sentence opens "Your slope may here be
    # able without provide you with cheque books", the source's "Your bank may also be able to
    # provide you with large sized cheque books". Exact runs start at "be able"; the words
    # before them in the same sentence are that sentence reworded, and the organisers' case
    # starts with them.
    pair = _pan_pair(
        pan, "03-random-obfuscation", "suspicious-document00804.txt", "source-document00143.txt"
    )
    source = read_document(pan / "src" / pair.source).text
    copy = read_document(pan / "susp" / pair.suspicious).text
    found, _ = retold_detections(pan, pair)
    (truth,) = [t for t in pair.truth if source[t.source_start :].startswith("Your bank may")]
    (detection,) = [d for d in found if d.source_start < truth.source_end <= d.source_end + 50]
    assert source[detection.source_start :].startswith("Your bank may also be able")
    assert copy[detection.suspicious_start :].startswith("Your slope may here be able")
    assert (detection.source_start, detection.suspicious_start) == (
        truth.source_start,
        truth.suspicious_start,
    )


def test_a_copy_keeps_its_edge_where_the_sentence_goes_on_with_other_words() -> None:
    # The copied run starts mid-sentence on both sides and the words before it are unrelated
    # (a copy placed in the middle of another text): the edited copy starts where the copy
    # starts, and ends at its last sentence's end.
    kept = (
        "the council voted on Tuesday to close the old stone bridge over the river for good, "
        "citing cracks found by engineers in the spring. Traffic will move to the new crossing "
        "downstream, which opened last year after a decade of planning and delays. Shops near "
        "the old bridge say they expect to lose customers once the crossing closes to cars."
    )
    reworded = (
        "the council voted on Tuesday to close the old stone bridge over the river for good, "
        "citing cracks found by engineers in the spring. Traffic will move to the new crossing "
        "downstream, which opened a year ago after a decade of planning and delays. Shops near "
        "the old bridge say they expect to lose customers once the crossing closes to cars."
    )
    a_text = f"Markets in Asia closed higher. Forecasters in Lisbon promised sunshine as {kept}"
    b_text = f"Our reporter was there. Football supporters sang loudly outside when {reworded}"
    first = kept[: kept.index("which opened") + len("which opened")]
    last = kept[kept.index("after a decade") :]
    exact = [
        (
            a_text.index(run),
            a_text.index(run) + len(run),
            b_text.index(run),
            b_text.index(run) + len(run),
        )
        for run in (first, last)
    ]
    (passage,) = rewritten_passages(a_text, b_text, exact)
    assert passage.exact_share >= ParaphraseConfig().exact_share
    assert (passage.a_start, passage.b_start) == (exact[0][0], exact[0][2])
    assert passage.a_end == len(a_text) and passage.b_end == len(b_text)


def test_a_short_passage_rewritten_word_by_word_is_found(pan: Path) -> None:
    # PAN 2013, random obfuscation: a 189-character case ("Already has a anamorphosis you need
    # to interviewer. If you are taking public instrumentality have your route. ...") made from
    # 327 characters of a page of interview advice, shuffled across its three sentences.
    # Shorter than min_chars in B, but alike as a whole (similarity >= short_similarity).
    pair = _pan_pair(
        pan, "03-random-obfuscation", "suspicious-document01160.txt", "source-document00569.txt"
    )
    (truth,) = pair.truth
    assert truth.suspicious_end - truth.suspicious_start < ParaphraseConfig().min_chars + 40
    found, _ = retold_detections(pan, pair)
    scores = score([truth], found)
    assert scores.macro_recall > 0.9 and scores.macro_precision > 0.9
    without = CompareConfig(story=False, paraphrase=ParaphraseConfig(short_similarity=2.0))
    assert score([truth], retold_detections(pan, pair, without)[0]).macro_recall < 0.3
