"""Real inputs for the corpus-ingest tests, and helpers to count what came out.

The data lives beside the repository (``../shared/data``); without it these tests skip with a
clear reason instead of failing.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest

from retold.ingest.corpus import Reason, reason_key
from retold.records import RawRecord, Rejection

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
WARC_SAMPLES = DATA / "warc-samples"
HELSINKI = DATA / "helsinki-summit" / "helsinki_articles.csv"
HELSINKI_FIELDS = {"text": "text", "outlet": "publisher", "published": "scrape_time"}


def require(path: Path) -> Path:
    """Skip the test when a shared file or folder is absent (a fresh clone)."""
    if not path.exists():
        pytest.skip(f"shared data not found: {path} (tests on real data need ../shared/data)")
    return path


@pytest.fixture(scope="session")
def helsinki_rows() -> list[dict[str, str]]:
    """The 612 Helsinki-summit articles: id, publisher, scrape_time, text."""
    csv.field_size_limit(1 << 30)
    with require(HELSINKI).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def split(items: Iterable[RawRecord | Rejection]) -> tuple[list[RawRecord], list[Rejection]]:
    """Records and rejections, each in input order."""
    records: list[RawRecord] = []
    rejections: list[Rejection] = []
    for item in items:
        if isinstance(item, RawRecord):
            records.append(item)
        else:
            rejections.append(item)
    return records, rejections


def causes(rejections: Iterable[Rejection]) -> Counter[Reason]:
    """How many rejections there are of each cause."""
    return Counter(reason_key(rejection.reason) for rejection in rejections)
