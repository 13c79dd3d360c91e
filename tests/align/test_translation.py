"""Translated retellings: real translations of real news (the SemEval-2022 Task 8 sample holds
articles both as published and as its organisers translated them) found as ``translated``
stretches, and articles on other stories left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from retold.api import compare
from retold.core import compare_documents
from retold.evaluate.accuracy_translation import TranslationPair, load_translation_pairs
from retold.ingest.reader import read_text_document
from retold.language import detect_language
from retold.records import Comparison
from retold.report.html.pair import render_pair_html
from retold.report.json import comparison_to_json
from retold.report.terminal import render_comparison


@pytest.fixture(scope="module")
def translations(shared_data: Path) -> dict[str, TranslationPair]:
    pairs, _ = load_translation_pairs(shared_data)
    return {pair.pair_id: pair for pair in pairs}


def _compare(a_text: str, b_text: str) -> Comparison:
    return compare_documents(read_text_document(a_text), read_text_document(b_text))


def _covered(comparison: Comparison) -> float:
    """Share of B's characters inside translated stretches."""
    inside = sum(p.b_end - p.b_start for p in comparison.rewritten if p.kind == "translated")
    return inside / len(comparison.b.text)


def test_the_sample_holds_hundreds_of_translations_of_its_own_articles(
    shared_data: Path,
) -> None:
    translations, negatives = load_translation_pairs(shared_data)
    assert len(translations) == 453
    assert {pair.languages for pair in translations} >= {"en→it", "en→zh", "de→fr", "pl→en"}
    assert len(negatives) > 600
    assert all(pair.grade is not None for pair in negatives)


@pytest.mark.parametrize(
    ("pair_id", "languages"),
    [
        ("1484180228it", ("en", "it")),  # a shooting in San Diego's City Heights
        ("1484037032zh", ("en", "zh")),
        ("1542888207es", ("en", "es")),
    ],
)
def test_a_translated_article_is_one_translated_stretch(
    translations: dict[str, TranslationPair], pair_id: str, languages: tuple[str, str]
) -> None:
    pair = translations[pair_id]
    comparison = _compare(pair.a_text, pair.b_text)
    assert comparison.languages == languages
    assert comparison.similarity.b_in_a < 0.2  # almost no word in common
    assert [p.kind for p in comparison.rewritten] == ["translated"]
    assert _covered(comparison) > 0.8
    stretch = comparison.rewritten[0]
    assert stretch.similarity is not None and stretch.similarity >= 0.72


def test_an_article_on_another_story_in_another_language_is_not_a_translation(
    translations: dict[str, TranslationPair],
) -> None:
    # The Italian translation of the City Heights shooting against the English original of
    # a Chinese-translated article: two stories, two languages.
    italian = translations["1484180228it"].b_text
    other = translations["1484037032zh"].a_text
    comparison = _compare(other, italian)
    assert comparison.languages == ("en", "it")
    assert comparison.rewritten == ()


@pytest.fixture
def translated_files(translations: dict[str, TranslationPair], tmp_path: Path) -> tuple[Path, Path]:
    """The City Heights shooting as published and in Italian, as files (the Italian one ends
    in markup that every report must escape)."""
    pair = translations["1484180228it"]
    a, b = tmp_path / "original.txt", tmp_path / "tradotto.txt"
    a.write_text(pair.a_text, encoding="utf-8")
    b.write_text(pair.b_text + "\n<script>alert(1)</script>\n", encoding="utf-8")
    return a, b


def test_the_translated_stretch_reaches_every_report(translated_files: tuple[Path, Path]) -> None:
    comparison = compare(*translated_files)
    data = json.loads(comparison_to_json(comparison))
    assert data["languages"] == {"a": "en", "b": "it"}
    assert data["rewritten"][0]["kind"] == "translated"
    console = Console(record=True, width=200)
    render_comparison(comparison, console)
    terminal = console.export_text()
    assert "Translated: A" in terminal and "from en into it" in terminal
    html = render_pair_html(comparison)
    assert "<b>Translated</b>" in html and "from en into it" in html
    assert "<script>alert(1)</script>" not in html


def test_texts_sharing_most_words_are_not_sent_to_language_identification(
    jpost_text: str, kayhan_text: str
) -> None:
    comparison = _compare(jpost_text, kayhan_text)
    assert comparison.languages is None
    assert [p.kind for p in comparison.rewritten] == ["edited"]


def test_language_of_real_articles_and_of_too_little_text(
    translations: dict[str, TranslationPair], jpost_text: str
) -> None:
    assert detect_language(jpost_text) == "en"
    assert detect_language(translations["1484037032zh"].b_text) == "zh"
    assert detect_language(translations["1542888207es"].b_text) == "es"
    assert detect_language("Trump, Putin") is None


def test_the_command_line_reports_a_translation_instead_of_nothing_in_common(
    translated_files: tuple[Path, Path],
) -> None:
    from typer.testing import CliRunner

    from retold.cli import app

    a, b = translated_files
    result = CliRunner().invoke(app, ["compare", str(a), str(b), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [p["kind"] for p in data["rewritten"]] == ["translated"]
