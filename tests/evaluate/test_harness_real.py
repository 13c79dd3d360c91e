"""The evaluation harness end to end on the real data, kept small (a few pairs per type, a few
benchmark pages), plus pinned floors: a regression in retold shows up here before the full
report is rerun. The command-line entry points are checked for their clean error on a missing
data folder."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retold.cli import app
from retold.evaluate.accuracy_pairs import load_source_articles
from retold.evaluate.accuracy_report import render_markdown
from retold.evaluate.harness import (
    AccuracyReport,
    EvalConfig,
    command_line,
    evaluate_accuracy,
    run_evaluation,
)
from retold.evaluate.synthetic_pairs import PAIR_OBFUSCATIONS

PAIRS = 4
PAGES = 12


@pytest.fixture(scope="module")
def report(shared_data: Path) -> AccuracyReport:
    config = EvalConfig(data_dir=shared_data, pairs_per_type=PAIRS, extraction_pages=PAGES)
    return run_evaluation(config)


def test_source_articles_are_clean_english_prose(shared_data: Path) -> None:
    articles = load_source_articles(shared_data)
    assert len(articles) > 300
    names = {article.name.split(":")[0] for article in articles}
    assert names == {"benchmark", "helsinki"}
    for article in articles[:50]:
        for paragraph in article.text.split("\n"):
            assert len(paragraph.split()) >= 8
            assert "contributed to this report" not in paragraph


def test_every_section_is_measured(report: AccuracyReport) -> None:
    labels = [row.label for row in report.alignment]
    assert labels == [*(o.value for o in PAIR_OBFUSCATIONS), "overall"]
    assert all(row.pairs == PAIRS for row in report.alignment[:-1])
    assert report.changes.detection.truth > 0
    assert len(report.reuse.answers) == 95
    assert len(report.extraction.pages) == PAGES
    assert report.extraction.rows[0].name == "retold"
    assert report.story is not None and report.story.pairs == 4 * PAIRS


def test_floors(report: AccuracyReport) -> None:
    """Pinned floors, well under today's figures: a drop below one is a regression."""
    plagdet = {row.label: row.scores.plagdet for row in report.alignment}
    assert plagdet["verbatim"] >= 0.95
    assert plagdet["boilerplate_wrap"] >= 0.95
    assert plagdet["overall"] >= 0.85
    assert report.changes.detection.f1 is not None and report.changes.detection.f1 >= 0.85
    assert report.reuse.auc >= 0.9
    assert report.reuse.binary_accuracy >= 0.85
    means = report.reuse.means
    assert means["non"][1] < means["heavy"][1] < means["light"][1] < means["cut"][1]
    assert report.extraction.rows[0].f1 >= 0.9


def test_markdown_says_it_is_generated_and_how(report: AccuracyReport) -> None:
    markdown = render_markdown(replace(report, config=replace(report.config, command="x --y")))
    head = markdown.split("\n## ")[0]
    assert "Generated file — do not edit by hand" in head
    assert "`x --y`" in head
    assert f"{report.generated:%Y-%m-%d}" in head
    assert f"retold {report.versions['retold']}" in head
    assert f"trafilatura {report.versions['trafilatura']}" in head
    for section in (
        "## Summary",
        "## 1. Alignment",
        "## 2. Change-level",
        "## 3. Reuse level",
        "## 4. Extraction",
        "## 9. The story of a retelling",
        "### Confusion",
    ):
        assert section in markdown
    summary = markdown.split("\n## 1.")[0]
    best = report.reuse.best.accuracy
    assert f"| Clough-Stevenson 4-way, leave-one-out accuracy | ≥ 0.8 (issue 11) | {best:.3f};" in (
        summary
    )
    # Every table row has as many cells as its header.
    for block in markdown.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("| ")]
        if rows:
            widths = {row.replace("\\|", "").count("|") for row in rows}
            assert len(widths) == 1, block


def test_evaluate_accuracy_writes_what_it_returns(shared_data: Path, tmp_path: Path) -> None:
    config = EvalConfig(data_dir=shared_data, pairs_per_type=1, extraction_pages=2)
    output = tmp_path / "docs" / "accuracy.md"
    markdown = evaluate_accuracy(config, output=output)
    assert output.read_text(encoding="utf-8") == markdown


def test_command_line_names_only_options_that_differ() -> None:
    assert command_line("retold eval", EvalConfig()) == "retold eval"
    full = EvalConfig(full=True, seed=5, data_dir=Path("/data"))
    assert command_line("retold eval", full) == "retold eval --full --seed 5 --data /data"


def test_cli_eval_fails_cleanly_without_data(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", "--data", str(tmp_path / "nothing"), "-o", str(tmp_path / "a.md")]
    )
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("retold: error: the evaluation data is missing")
    assert "Traceback" not in result.output
    assert not (tmp_path / "a.md").exists()


def test_python_m_fails_cleanly_without_data(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "retold.evaluate", "--data", str(tmp_path / "nothing")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 3
    assert done.stderr.startswith("retold: error: the evaluation data is missing")
