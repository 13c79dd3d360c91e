"""Shared fixtures: the bundled seed pair and the real data in ../shared (skipped when absent)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import Result

if TYPE_CHECKING:
    from retold.engines.stages import ScanConfig

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
SHARED = REPO.parent / "shared"
JPOST = EXAMPLES / "jpost-2019-06-24-iran-iraq-exercises.txt"
KAYHAN = EXAMPLES / "kayhan-2019-06-24-iran-iraq-exercises.txt"


def assert_clean_error(result: Result, code: int, fragment: str) -> None:
    """A command line run that failed as documented: ``code``, one line naming ``fragment``."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    message = result.stderr.strip()
    assert message.startswith("retold: error:") and "\n" not in message
    assert fragment in message


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that need it skip on a user's fresh clone without it."""
    path = SHARED / "data"
    if not path.is_dir():
        pytest.skip(f"real data not found at {path} (CI has it; a fresh clone may not)")
    return path


@pytest.fixture(scope="session")
def helsinki_texts(shared_data: Path) -> dict[str, str]:
    """The Helsinki corpus's texts by id, paragraphs on lines (as the scan reads them)."""
    csv.field_size_limit(10**9)
    path = shared_data / "helsinki-summit" / "helsinki_articles.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row["text"].replace(" ### ", "\n") for row in csv.DictReader(handle)}


@pytest.fixture(scope="session")
def jpost_text() -> str:
    return JPOST.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def kayhan_text() -> str:
    return KAYHAN.read_text(encoding="utf-8")


def helsinki_config() -> ScanConfig:
    """The scan of ``helsinki_results``."""
    from retold.engines.local import ScanConfig
    from retold.ingest.corpus import FieldMap

    return ScanConfig(
        fields=FieldMap(text="text", outlet="publisher", published="scrape_time"),
        paragraph_separator=" ### ",
        story=True,
        workers=2,
    )


@pytest.fixture(scope="session")
def helsinki_results(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scan of the 612 Helsinki articles (as the README runs it, with ``--story``), once per
    session: the scan tests read its families, pairs and stories, the report tests draw it."""
    from retold import scan

    results = tmp_path_factory.mktemp("helsinki")
    result = scan(
        [shared_data / "helsinki-summit" / "helsinki_articles.csv"],
        results,
        config=helsinki_config(),
    )
    assert result.manifest["documents"]["read"] == 612
    assert result.manifest["documents"]["processed"] == 612
    return results
