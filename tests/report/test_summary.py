"""The table a scan ends with, and its note for results on a Hadoop file system."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from retold.api import ScanResult
from retold.locations import HadoopUri, Location
from retold.report.summary import render_scan_summary

_MANIFEST = {
    "counts": {},
    "documents": {"read": 3, "processed": 2, "rejected": 1},
    "guaranteed_words": 40,
}


@pytest.mark.parametrize(
    ("results", "noted"), [(HadoopUri("hdfs:///retold/2019"), True), (Path("results"), False)]
)
def test_results_on_a_hadoop_file_system_say_how_to_report_them(
    results: Location, noted: bool
) -> None:
    console = Console(record=True, width=300)
    render_scan_summary(ScanResult(results, _MANIFEST, ()), console)
    text = console.export_text()
    assert str(results) in text
    assert ("no results.duckdb" in text) is noted
    assert ("run retold report on it" in text) is noted
