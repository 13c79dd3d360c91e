"""A small synthetic corpus with planted reuse, generated once per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retold.evaluate.synthetic import load_sentences, write_corpus

CORPUS_ARTICLES = 1500


@pytest.fixture(scope="session")
def synthetic_corpus(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, load_sentences(shared_data), n_articles=CORPUS_ARTICLES, seed=7)
    return folder


def texts_by_id(corpus: Path) -> dict[str, str]:
    with (corpus / "articles.jsonl").open(encoding="utf-8") as handle:
        return {row["id"]: row["maintext"] for row in map(json.loads, handle)}
