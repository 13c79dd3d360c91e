"""``compare`` on real pages nobody here wrote: an HTML page against its gold article body."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from retold import compare
from retold.records import Category, ChangeKind


@pytest.fixture(scope="module")
def benchmark(shared_data: Path) -> tuple[Path, dict[str, dict[str, str]]]:
    root = shared_data / "article-extraction-benchmark"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return root / "html", truth


def _page_and_gold(tmp_path: Path, html_dir: Path, truth: dict, key: str) -> tuple[Path, Path]:
    page = tmp_path / f"{key}.html"
    page.write_bytes(gzip.decompress((html_dir / f"{key}.html.gz").read_bytes()))
    gold = tmp_path / f"{key}.txt"
    gold.write_text(truth[key]["articleBody"], encoding="utf-8")
    return page, gold


def test_page_and_its_gold_body_are_mostly_one_passage(tmp_path: Path, benchmark) -> None:
    html_dir, truth = benchmark
    keys = sorted(key for key in truth if len(truth[key]["articleBody"].split()) > 150)[:8]
    for key in keys:
        page, gold = _page_and_gold(tmp_path, html_dir, truth, key)
        result = compare(page, gold)
        assert result.a.format == "html" and result.b.format == "text"
        assert result.similarity.b_in_a >= 0.85, (key, result.similarity)
        for change in result.changes:
            assert result.a.text[change.a_start : change.a_end] == change.a_text
            assert result.b.text[change.b_start : change.b_end] == change.b_text
        added = [c for c in result.changes if c.kind is ChangeKind.ADDED]
        added_words = sum(len(c.b_text.split()) for c in added if c.category is Category.CONTENT)
        assert added_words <= 0.15 * len(result.b.text.split()), key
