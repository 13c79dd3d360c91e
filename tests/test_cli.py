"""The command line: one-line errors with documented exit codes, never a traceback."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from retold.cli import app
from tests.conftest import JPOST, KAYHAN, assert_clean_error

runner = CliRunner()


def _run(*args: str, stdin: bytes | None = None) -> Result:
    return runner.invoke(app, list(args), input=stdin)


def test_missing_file(tmp_path: Path) -> None:
    assert_clean_error(_run("compare", str(tmp_path / "nope.txt"), str(KAYHAN)), 3, "nope.txt")


def test_directory(tmp_path: Path) -> None:
    assert_clean_error(_run("compare", str(tmp_path), str(KAYHAN)), 3, str(tmp_path.name))


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "page.txt"
    binary.write_bytes(gzip.compress(JPOST.read_bytes()))
    assert_clean_error(_run("compare", str(JPOST), str(binary)), 4, "page.txt")


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n ", encoding="utf-8")
    assert_clean_error(_run("compare", str(empty), str(KAYHAN)), 4, "empty.txt")


def test_file_over_the_size_limit() -> None:
    assert_clean_error(
        _run("compare", str(JPOST), str(KAYHAN), "--max-bytes", "1000"), 4, "too large"
    )


def test_texts_with_nothing_in_common(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(
        "Helsinki hosted the summit on a warm Monday, and the streets were full of protesters "
        "carrying banners about press freedom and human rights.",
        encoding="utf-8",
    )
    assert_clean_error(_run("compare", str(JPOST), str(other)), 5, "share no passage")


def test_both_on_stdin_is_a_usage_error() -> None:
    result = _run("compare", "-", "-", stdin=b"text")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_stdin_and_json_output_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = _run(
        "compare", str(JPOST), "-", "--format", "json", "-o", str(out), stdin=KAYHAN.read_bytes()
    )
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["source"]["verdict"] == "a"
    assert report["b"]["path"] == "-"


def test_version() -> None:
    result = _run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("retold ")


@pytest.mark.parametrize("flag", ["--all"])
def test_all_lists_boilerplate_one_by_one(flag: str) -> None:
    result = _run("compare", str(JPOST), str(KAYHAN), flag)
    assert result.exit_code == 0
    assert "Cookie Settings" in result.stdout


def test_spark_options_need_the_spark_engine(tmp_path: Path) -> None:
    result = _run("scan", str(KAYHAN), "-o", str(tmp_path / "r"), "--master", "local[2]")
    assert_clean_error(result, 2, "--engine spark")


def test_a_spark_setting_must_be_key_equals_value(tmp_path: Path) -> None:
    result = _run(
        "scan", str(KAYHAN), "-o", str(tmp_path / "r"), "--engine", "spark", "--spark-conf", "x"
    )
    assert_clean_error(result, 2, "KEY=VALUE")


@pytest.mark.parametrize("uri_at", ["input", "results"])
def test_a_hadoop_uri_needs_the_spark_engine(tmp_path: Path, uri_at: str) -> None:
    uri = "hdfs://namenode/corpus"
    given = (uri, str(tmp_path / "r")) if uri_at == "input" else (str(KAYHAN), uri)
    result = _run("scan", given[0], "-o", given[1])
    assert_clean_error(result, 2, "use --engine spark")


def test_a_results_folder_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = _run("scan", str(KAYHAN), "-o", str(blocker / "results"))
    assert_clean_error(result, 3, "cannot write the results folder")


def test_weak_partners_needs_rewritten(tmp_path: Path) -> None:
    result = _run("scan", str(KAYHAN), "-o", str(tmp_path / "r"), "--weak-partners", "3")
    assert_clean_error(result, 2, "--rewritten")


@pytest.mark.parametrize(("given", "stored"), [([], 8), (["--weak-partners", "0"], None)])
def test_weak_partners_reach_the_scan(tmp_path: Path, given: list[str], stored: int | None) -> None:
    results = tmp_path / "r"
    result = _run("scan", str(JPOST), str(KAYHAN), "-o", str(results), "--rewritten", *given)
    assert result.exit_code == 0, result.output
    manifest = json.loads((results / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["sketches"]["max_partners"] == stored
    assert manifest["counts"]["align"]["pairs"] == 1  # the seed pair is found either way


@pytest.mark.parametrize(("given", "stored"), [([], 4), (["--family-gaps", "0"], 0)])
def test_family_gaps_reach_the_scan(tmp_path: Path, given: list[str], stored: int) -> None:
    results = tmp_path / "r"
    result = _run("scan", str(JPOST), str(KAYHAN), "-o", str(results), *given)
    assert result.exit_code == 0, result.output
    manifest = json.loads((results / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["pairs"]["family_gap_pairs"] == stored
    assert manifest["counts"]["families"]["family_gap_pairs"] == 0  # one family of two, paired


def test_family_gaps_cannot_be_negative(tmp_path: Path) -> None:
    result = _run("scan", str(KAYHAN), "-o", str(tmp_path / "r"), "--family-gaps", "-1")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
