"""Real inputs for the ingest tests: the seed articles and the shared data sets.

The data lives beside the repository (``../shared``); a fresh clone without it skips these
tests with a clear reason instead of failing.
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"
JPOST = "jpost-2019-06-24-iran-iraq-exercises.txt"
KAYHAN = "kayhan-2019-06-24-iran-iraq-exercises.txt"


def require(path: Path) -> Path:
    """Skip the test when a shared file or folder is absent."""
    if not path.exists():
        pytest.skip(f"shared data not found: {path} (tests on real data need ../shared)")
    return path


@pytest.fixture
def jpost_path() -> Path:
    return require(SEEDS / JPOST)


@pytest.fixture
def kayhan_path() -> Path:
    return require(SEEDS / KAYHAN)


@pytest.fixture
def jpost_text(jpost_path: Path) -> str:
    return jpost_path.read_bytes().decode("utf-8")


@pytest.fixture
def kayhan_text(kayhan_path: Path) -> str:
    return kayhan_path.read_bytes().decode("utf-8")


def semeval_texts() -> Iterator[str]:
    """Every article text of the SemEval 2022 task 8 sample, as stored (UTF-8 CSV)."""
    folder = require(DATA / "semeval2022-task8-sample" / "data")
    csv.field_size_limit(1 << 30)
    for name in ("training_set.csv", "testing_set.csv"):
        with (folder / name).open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream):
                yield row["text1"]
                yield row["text2"]


def benchmark_pages() -> dict[str, tuple[bytes, str, str]]:
    """Article-extraction benchmark: sha -> (gzipped page's bytes, gold body, url)."""
    folder = require(DATA / "article-extraction-benchmark")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return {
        sha: (
            gzip.decompress((folder / "html" / f"{sha}.html.gz").read_bytes()),
            entry["articleBody"],
            entry["url"],
        )
        for sha, entry in truth.items()
    }


@pytest.fixture(scope="session")
def pages() -> dict[str, tuple[bytes, str, str]]:
    return benchmark_pages()
