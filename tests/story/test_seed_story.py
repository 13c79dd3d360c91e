"""The story of the seed pair, as issue 14 asks for it: read from the texts by hand first.

What the texts say (examples/): the Jerusalem Post article (A) mentions the Fatah Alliance, the
Badr Organization and Hadi al-Amiri once each, in one sentence the Tehran item (B) leaves out;
a rocket attack near US forces in Mosul twice ("a rocket attack near US forces in Mosul on
June 18", "The recent rocket attacks in Mosul ..."), both in cut passages; "the war against
Islamic State" becomes "the war against Daesh". B opens with "TEHRAN (Dispatches) --" and names
neither the Jerusalem Post nor any author.
"""

from __future__ import annotations

import io
import itertools
import json

import pytest

import retold
from retold.records import Comparison, CreditVerdict, Fate, Name
from retold.report.json import comparison_to_dict
from retold.story.names import find_names
from tests.conftest import JPOST, KAYHAN


@pytest.fixture(scope="module")
def seed() -> Comparison:
    return retold.compare(JPOST, KAYHAN)


def _name(comparison: Comparison, name: str) -> Name:
    assert comparison.story is not None
    return next(n for n in comparison.story.names if n.name.startswith(name))


@pytest.mark.parametrize(
    "name", ["Fatah Alliance", "Badr Organization", "Hadi al-Amiri", "rocket attack"]
)
def test_every_mention_is_cut(seed: Comparison, name: str) -> None:
    found = _name(seed, name)
    assert found.every_mention_cut
    assert all(m.side == "a" and m.change is not None for m in found.mentions)
    assert all(name in seed.a.text[m.start : m.end] for m in found.mentions)


def test_the_rocket_attack_is_the_one_near_us_forces_in_mosul(seed: Comparison) -> None:
    attack = _name(seed, "rocket attack")
    assert attack.kind == "term"
    assert len(attack.mentions) == 2
    first = attack.mentions[0]
    assert seed.a.text[first.start :].startswith("rocket attack near US forces in Mosul")
    assert "rocket attack" not in seed.b.text


def test_islamic_state_is_renamed_daesh(seed: Comparison) -> None:
    islamic_state = _name(seed, "Islamic State")
    assert [m.fate for m in islamic_state.mentions] == [Fate.RENAMED]
    assert islamic_state.renamed_to == ("Daesh",)


def test_kept_names_are_kept(seed: Comparison) -> None:
    for name in ("Saddam Hussein", "Morteza Ebadi", "Heydari"):
        assert {m.fate for m in _name(seed, name).mentions} == {Fate.KEPT}
    # Boilerplate is not the story: the Post's paywall names its CEO and the Jerusalem Report.
    assert not any("Hasin" in n.name or "Jerusalem" in n.name for n in seed.story.names)


def test_the_copy_is_uncredited_under_its_own_dateline(seed: Comparison) -> None:
    credit = seed.story.credit
    assert credit is not None
    assert credit.verdict is CreditVerdict.UNCREDITED
    assert credit.copy == "b"
    (claim,) = credit.evidence
    assert (claim.what, claim.where, claim.text) == (
        "own dateline",
        "dateline",
        "TEHRAN (Dispatches) --",
    )
    assert seed.b.text[claim.start : claim.end] == claim.text


def test_quotations_are_kept_and_attributions_dropped(seed: Comparison) -> None:
    story = seed.story
    assert [q.fate for q in story.quotations] == [Fate.KEPT] * 4
    dropped = [seed.a.text[a.start : a.end] for a in story.attributions if a.fate is Fate.CUT]
    assert "according to ISNA" in dropped
    assert any(text.startswith("reported by Fars News") for text in dropped)
    assert not story.figures  # no number or date changed its value


def test_the_writers_doubts_are_counted_apart(seed: Comparison) -> None:
    own = [seed.a.text[s.start : s.end] for s in seed.story.sentences if s.own_voice]
    facts = [seed.a.text[s.start : s.end] for s in seed.story.sentences if not s.own_voice]
    assert any(text.startswith("It was unclear why Iraq") for text in own)
    assert any(text.startswith("The meeting was reported by Fars News") for text in facts)


def test_the_summary_says_it_in_plain_sentences(seed: Comparison) -> None:
    summary = [sentence.text for sentence in seed.story.summary]
    assert 3 <= len(summary) <= 6
    text = " ".join(summary)
    names = next(s for s in summary if s.startswith("Every mention of"))
    for name in ("the Fatah Alliance", "Badr Organization", "Hadi al-Amiri"):
        assert name in names
    assert "the rocket attack near US forces in Mosul" in names
    assert "“Islamic State” becomes “Daesh”" in text
    assert summary[1] == (
        "B does not credit its source: it names neither the Jerusalem Post nor an author, and "
        "presents the text under its own dateline “TEHRAN (Dispatches) --”."
    )
    for sentence in seed.story.summary:
        assert all(0 <= i < len(seed.changes) for i in sentence.changes)


def test_the_json_carries_the_story(seed: Comparison) -> None:
    story = json.loads(json.dumps(comparison_to_dict(seed)))["story"]
    assert story["credit"]["verdict"] == "uncredited"
    fatah = next(n for n in story["names"] if n["name"] == "Fatah Alliance")
    assert (fatah["cut"], fatah["kept"], fatah["every_mention_cut"]) == (1, 0, True)
    assert [s["text"] for s in story["summary"]] == [s.text for s in seed.story.summary]


def test_the_terminal_report_opens_with_the_story(seed: Comparison) -> None:
    from rich.console import Console

    from retold.report.terminal import render_comparison

    console = Console(file=io.StringIO(), width=500, no_color=True)
    render_comparison(seed, console)
    lines = console.file.getvalue().splitlines()
    assert lines[3] == " Story"
    assert lines[4].startswith("   • B retells A (Jerusalem Post)")
    assert any("Every mention of" in line and "[changes" in line for line in lines[4:11])


def test_the_story_follows_the_source_when_b_is_the_source() -> None:
    """compare(Tehran item, Post): the ledgers read A as the source side (the Post's names are
    "added" in B), the summary follows the verdict."""
    mirrored = retold.compare(KAYHAN, JPOST)
    assert mirrored.source.verdict.value == "b"
    summary = [sentence.text for sentence in mirrored.story.summary]
    assert summary[0].startswith("A retells B (Jerusalem Post)")
    assert summary[1].startswith("A does not credit its source")
    assert "the Fatah Alliance" in summary[2] and "the rocket attack near US forces" in summary[2]
    assert "“Islamic State” becomes “Daesh”" in summary[3]
    fatah = _name(mirrored, "Fatah Alliance")
    assert [(m.side, m.fate) for m in fatah.mentions] == [("b", Fate.ADDED)]


def test_a_text_read_for_one_pair_names_the_same_in_the_next(seed: Comparison) -> None:
    # find_names keeps each text's runs of capitals for the next pair of it (a scan meets a
    # wire story once per copy); judging one pair must not change them for another: a text
    # paired with a third and then with its partner again names exactly what it named first.
    first = find_names((seed.a.text, seed.b.text))
    find_names((seed.a.text, KAYHAN.read_text(encoding="utf-8")[:400]))
    find_names((seed.b.text, seed.a.text))
    assert find_names((seed.a.text, seed.b.text)) == first
    assert "Hadi al-Amiri" in {span.text for span in first[0]}


def test_names_read_once_per_text_are_those_of_judging_every_run(
    helsinki_texts: dict[str, str],
) -> None:
    # A run that opens no sentence is named once per text; a run that opens one is judged pair
    # by pair, by how both texts write its first words. Either way the names are those of
    # judging every run with both texts' counts.
    from collections import Counter

    from retold.story.names import _name, _text_words, clear_names_cache

    ids = ["729", "1758", "3371", "6936", "2835", "3350"]
    for a, b in itertools.pairwise(ids):
        texts = (helsinki_texts[a], helsinki_texts[b])
        clear_names_cache()
        read = [_text_words(text) for text in texts]
        lower = Counter(read[0].lower) + Counter(read[1].lower)
        inner = Counter(read[0].inner_capitals) + Counter(read[1].inner_capitals)
        judged = [
            [n for run in words.runs if (n := _name(text, list(run), lower, inner)) is not None]
            for text, words in zip(texts, read, strict=True)
        ]
        assert find_names(texts) == judged
        assert read[0].opening and len(read[0].opening) < len(read[0].runs)
