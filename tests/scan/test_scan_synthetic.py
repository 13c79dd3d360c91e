"""Scan a synthetic corpus with planted reuse: recall, precision, determinism, resumption."""

from __future__ import annotations

import filecmp
import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from retold import scan
from retold.config import CandidateConfig
from retold.engines.local import ScanConfig
from retold.evaluate.scan_accuracy import score_scan_pairs
from retold.evaluate.synthetic_corpus import read_truth
from tests.conftest import JPOST, KAYHAN
from tests.scan.conftest import texts_by_id

DATA_FILES = (
    "documents.parquet",
    "pairs.parquet",
    "passages.parquet",
    "families.parquet",
    "rejected.parquet",
)


@pytest.fixture(scope="module")
def scanned(synthetic_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    results = tmp_path_factory.mktemp("scan")
    scan([synthetic_corpus / "articles.jsonl"], results, config=ScanConfig(workers=2))
    return results


@pytest.fixture(scope="module")
def all_pairs(synthetic_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same scan with every candidate pair aligned (``scan --all-pairs``)."""
    results = tmp_path_factory.mktemp("all-pairs")
    config = ScanConfig(candidates=CandidateConfig(copy_share=None), workers=2)
    scan([synthetic_corpus / "articles.jsonl"], results, config=config)
    return results


def _pairs(results: Path) -> list[tuple[str, str]]:
    path = results / "pairs.parquet"
    return duckdb.sql(f"SELECT a_id, b_id FROM read_parquet('{path}')").fetchall()


def test_planted_reuse_is_found_with_high_recall_and_precision(
    synthetic_corpus: Path, scanned: Path
) -> None:
    truth = list(read_truth(synthetic_corpus / "truth.jsonl"))
    scores = score_scan_pairs(_pairs(scanned), truth, texts_by_id(synthetic_corpus), 40)
    assert scores.guaranteed_pairs >= 50
    assert scores.guaranteed_recall >= 0.99, scores.missed
    assert scores.precision >= 0.99, scores.spurious


def test_manifest_accounts_for_every_record(scanned: Path) -> None:
    manifest = json.loads((scanned / "manifest.json").read_text(encoding="utf-8"))
    documents = manifest["documents"]
    assert documents["read"] == documents["processed"] + documents["rejected"]
    assert documents["processed"] > 0
    assert manifest["guaranteed_words"] == 40
    assert manifest["counts"]["candidates"]["frequent_fingerprints"] >= 0


def test_duckdb_views_answer_queries(scanned: Path) -> None:
    connection = duckdb.connect(str(scanned / "results.duckdb"), read_only=True)
    try:
        pairs = connection.execute("SELECT count(*) FROM pairs").fetchone()
        joined = connection.execute(
            "SELECT count(*) FROM families f JOIN documents d USING (doc_id)"
        ).fetchone()
    finally:
        connection.close()
    assert pairs is not None and pairs[0] == len(_pairs(scanned))
    assert joined is not None and joined[0] > 0


def test_same_input_twice_gives_identical_files(
    synthetic_corpus: Path, scanned: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    scan([synthetic_corpus / "articles.jsonl"], again, config=ScanConfig(workers=1))
    for name in DATA_FILES:
        assert filecmp.cmp(scanned / name, again / name, shallow=False), name
    first = json.loads((scanned / "manifest.json").read_text(encoding="utf-8"))
    second = json.loads((again / "manifest.json").read_text(encoding="utf-8"))
    for manifest in (first, second):
        for volatile in ("timings", "finished", "parameters"):
            manifest.pop(volatile)
    assert first == second


def test_changes_are_explained_only_when_asked_and_change_nothing_else(
    synthetic_corpus: Path, scanned: Path, all_pairs: Path, tmp_path: Path
) -> None:
    """Changes are told pair by pair, so with ``--changes`` every pair is aligned: the results
    are those of ``--all-pairs``."""
    assert not (scanned / "changes.parquet").exists()
    explained = tmp_path / "explained"
    scan([synthetic_corpus / "articles.jsonl"], explained, config=ScanConfig(changes=True))
    for name in DATA_FILES:
        assert filecmp.cmp(all_pairs / name, explained / name, shallow=False), name
    changes = explained / "changes.parquet"
    kinds = dict(
        duckdb.sql(f"SELECT kind, count(*) FROM read_parquet('{changes}') GROUP BY kind").fetchall()
    )
    assert kinds.get("substituted", 0) > 0 and kinds.get("added", 0) > 0
    connection = duckdb.connect(str(explained / "results.duckdb"), read_only=True)
    try:
        counted = connection.execute("SELECT count(*) FROM changes").fetchone()
    finally:
        connection.close()
    assert counted is not None and counted[0] == sum(kinds.values())
    # Rerun without --changes into the same folder: the old file (and view) must go, or its
    # pair numbers would describe another run's pairs.
    scan([synthetic_corpus / "articles.jsonl"], explained, config=ScanConfig(changes=False))
    assert not changes.exists()
    connection = duckdb.connect(str(explained / "results.duckdb"), read_only=True)
    try:
        views = {
            row[0] for row in connection.execute("SELECT view_name FROM duckdb_views()").fetchall()
        }
    finally:
        connection.close()
    assert "changes" not in views and "pairs" in views


def test_killed_scan_resumes_and_completes(
    synthetic_corpus: Path, scanned: Path, tmp_path: Path
) -> None:
    results = tmp_path / "killed"
    command = [
        sys.executable, "-m", "retold.cli", "scan",
        str(synthetic_corpus / "articles.jsonl"), "-o", str(results), "--workers", "2",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    marker = results / ".work" / "ingest.done.json"
    deadline = time.monotonic() + 120
    while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    process.kill()
    process.wait()
    assert not (results / "manifest.json").exists(), "the scan finished before it was killed"
    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    for name in DATA_FILES:
        assert filecmp.cmp(scanned / name, results / name, shallow=False), name


def test_one_input_given_as_a_string_is_one_input(tmp_path: Path) -> None:
    corpus = tmp_path / "seeds.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": path.stem, "text": path.read_text(encoding="utf-8")}) + "\n"
            for path in (JPOST, KAYHAN)
        ),
        encoding="utf-8",
    )
    result = scan(str(corpus), tmp_path / "results", config=ScanConfig(workers=1))
    assert result.manifest["documents"]["read"] == 2
    path = tmp_path / "results" / "pairs.parquet"
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{path}')").fetchall() == [(1,)]
