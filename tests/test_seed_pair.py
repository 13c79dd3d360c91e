"""The reference case: the Jerusalem Post article and the Tehran item built from it.

Every expectation here is one the issue names; the rules that produce them are general (no rule
in retold names these outlets or phrases).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from retold.cli import app
from tests.conftest import JPOST, KAYHAN

# Sentences of the Post's body that the Tehran item cut (see ../shared/seeds/README.md).
CUT_PASSAGES = [
    "because of the rise of Shi’ite political parties and allies of Tehran",
    "Iraq’s second largest party, the Fatah Alliance, is run by Badr Organization head",
    "However, Iraq has also said it does not want to be in the middle of the current",
    "and a rocket attack near US forces in Mosul on June 18",
    "It was unclear why Iraq, which has been fighting ISIS for years, needs this from",
    "However, the real issue is closer work of the two militaries.",
    "The US wants to continue supporting the Iraqi Army and Special Forces",
    "The US also views Iran’s IRGC as a terrorist group",
]
POST_BOILERPLATE = [
    "As you can imagine, more people are reading The Jerusalem Post",
    "(photo credit: MORTEZA NIKOUBAZI/ REUTERS)",
    "Related Content",
    "Cookie Settings",
    "Join Jerusalem Post Premium Plus now",
]
TEHRAN_BOILERPLATE = ["News ID: 67387", "Publish Date: 24 June 2019 - 21:57", "Comment:"]


@pytest.fixture(scope="module")
def report() -> dict:
    result = CliRunner().invoke(app, ["compare", str(JPOST), str(KAYHAN), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _covering(changes: list[dict], side: str, phrase: str, text: str) -> list[dict]:
    start = text.index(phrase)
    end = start + len(phrase)
    return [c for c in changes if c[f"{side}_start"] <= start and end <= c[f"{side}_end"]]


def test_schema_and_metadata(report: dict) -> None:
    assert report["schema"] == "retold.comparison/1"
    assert report["a"]["published"].startswith("2019-06-24T20:14")
    assert report["b"]["published"].startswith("2019-06-24T21:57")
    assert report["a"]["title"].startswith("Iran and Iraq: Tehran envisions")
    assert report["b"]["credit"] == "Dispatches"


def test_post_is_the_source(report: dict) -> None:
    assert report["source"]["verdict"] == "a"
    assert report["source"]["confidence"] >= 0.9
    assert any("Dispatches" in item for item in report["source"]["evidence"])


def test_similarity_is_asymmetric(report: dict) -> None:
    assert report["similarity"]["b_in_a"] >= 0.95
    assert 0.5 <= report["similarity"]["a_in_b"] <= 0.75


@pytest.mark.parametrize("phrase", CUT_PASSAGES)
def test_cut_passages_are_omitted_content(report: dict, jpost_text: str, phrase: str) -> None:
    covering = _covering(report["changes"], "a", phrase, jpost_text)
    assert [(c["kind"], c["category"]) for c in covering] == [("omitted", "content")]


@pytest.mark.parametrize("phrase", POST_BOILERPLATE)
def test_post_page_furniture_is_boilerplate(report: dict, jpost_text: str, phrase: str) -> None:
    covering = _covering(report["changes"], "a", phrase, jpost_text)
    assert [(c["kind"], c["category"]) for c in covering] == [("omitted", "boilerplate")]


@pytest.mark.parametrize("phrase", TEHRAN_BOILERPLATE)
def test_tehran_page_header_is_boilerplate(report: dict, kayhan_text: str, phrase: str) -> None:
    covering = _covering(report["changes"], "b", phrase, kayhan_text)
    assert [(c["kind"], c["category"]) for c in covering] == [("added", "boilerplate")]


@pytest.mark.parametrize(
    ("a_text", "b_text", "category"),
    [
        ("Islamic State", "Daesh", "terminology"),
        ("Koumars", "Kiumars", "spelling"),
        ("US", "U.S.", "cosmetic"),
        ("“", '"', "cosmetic"),
        ("ALIREZA SABAHIFAR", "Alireza Sabahifar", "cosmetic"),
    ],
)
def test_substitutions(report: dict, a_text: str, b_text: str, category: str) -> None:
    found = [
        c
        for c in report["changes"]
        if c["kind"] == "substituted" and c["a_text"] == a_text and c["b_text"] == b_text
    ]
    assert found, f"{a_text!r} -> {b_text!r} not reported"
    assert {c["category"] for c in found} == {category}


def test_no_added_content_longer_than_a_dateline(report: dict) -> None:
    added = [c for c in report["changes"] if c["kind"] == "added" and c["category"] == "content"]
    assert all(len(c["b_text"].split()) <= 4 for c in added), added


def test_offsets_slice_back(report: dict, jpost_text: str, kayhan_text: str) -> None:
    for change in report["changes"]:
        assert jpost_text[change["a_start"] : change["a_end"]] == change["a_text"]
        assert kayhan_text[change["b_start"] : change["b_end"]] == change["b_text"]
    for passage in report["passages"]:
        assert passage["a_start"] < passage["a_end"] and passage["b_start"] < passage["b_end"]


def test_terminal_report_names_the_verdict_and_changes() -> None:
    result = CliRunner().invoke(app, ["compare", str(JPOST), str(KAYHAN)])
    assert result.exit_code == 0, result.output
    assert "Source: A" in result.stdout
    assert "Daesh" in result.stdout and "Kiumars" in result.stdout
    assert "Boilerplate:" in result.stdout
    assert "Cookie Settings" not in result.stdout


def test_dates_read_from_the_text_weigh_less_and_say_so() -> None:
    from retold import compare

    result = compare(JPOST, KAYHAN)
    assert (result.a.published_from, result.b.published_from) == ("text", "text")
    timing = next(item for item in result.source.evidence if "published" in item)
    assert timing.endswith("(time zones not given; dates read from the article text)")
