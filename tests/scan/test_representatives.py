"""Copies aligned through a representative: the plan, the derived rows, and a news-shaped scan
with and without it."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold import scan
from retold.config import CandidateConfig
from retold.engines.local import ScanConfig
from retold.evaluate.synthetic import load_sentences
from retold.evaluate.synthetic_news import write_news_corpus
from retold.records import Document
from retold.representatives import derive_pairs, elect_representatives, plan_alignment
from retold.store import schemas


def _arrays(pairs: dict[tuple[int, int], int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ordered = sorted(pairs)
    return (
        np.array([a for a, _ in ordered], dtype=np.int64),
        np.array([b for _, b in ordered], dtype=np.int64),
        np.array([pairs[pair] for pair in ordered], dtype=np.int64),
    )


def test_a_group_of_copies_is_aligned_through_its_representative() -> None:
    """Five copies of one text (0-4) and an article quoting it (5): the copies elect 0 (most
    copies, then most fingerprints, then the lowest number); 0 is aligned with each copy and
    with 5, and the other ten pairs are derived."""
    copies = {(a, b): 100 for a, b in itertools.combinations(range(5), 2)}
    quoting = {(a, 5): 30 for a in range(5)}
    a, b, shared = _arrays(copies | quoting)
    printed = np.array([100, 100, 100, 100, 100, 200], dtype=np.int64)
    assert elect_representatives(a, b, shared, printed, 0.9).tolist() == [0, 0, 0, 0, 0, 5]
    basis_a, basis_b = plan_alignment(a, b, shared, printed, 0.9)
    plan = {
        (int(x), int(y)): (int(p), int(q))
        for x, y, p, q in zip(a, b, basis_a, basis_b, strict=True)
    }
    aligned = sorted(pair for pair, basis in plan.items() if basis == (-1, -1))
    assert aligned == [(0, 1), (0, 2), (0, 3), (0, 4), (0, 5)]
    assert plan[(1, 2)] == (0, 2)  # 0 stands for 1
    assert plan[(3, 5)] == (0, 5)  # 0 stands for 3
    assert sum(basis != (-1, -1) for basis in plan.values()) == 10


@st.composite
def _candidate_graphs(draw: st.DrawFn) -> tuple[dict[tuple[int, int], int], np.ndarray]:
    documents = draw(st.integers(2, 12))
    printed = np.array(draw(st.lists(st.integers(0, 50), min_size=documents, max_size=documents)))
    every = list(itertools.combinations(range(documents), 2))
    chosen = draw(st.lists(st.sampled_from(every), unique=True, max_size=len(every)))
    pairs = {
        (a, b): draw(st.integers(1, max(1, int(min(printed[a], printed[b]))))) for a, b in chosen
    }
    return pairs, printed.astype(np.int64)


@settings(max_examples=300, deadline=None)
@given(_candidate_graphs(), st.sampled_from([0.5, 0.9, 1.0]))
def test_every_derived_pair_rests_on_aligned_pairs(
    graph: tuple[dict[tuple[int, int], int], np.ndarray], share: float
) -> None:
    """A derived pair's basis is an aligned candidate pair, and so is the pair of each stand-in
    with the document it stands for (its passages carry the basis's into that document)."""
    pairs, printed = graph
    if not pairs:
        return
    a, b, shared = _arrays(pairs)
    basis_a, basis_b = plan_alignment(a, b, shared, printed, share)
    aligned = {(int(x), int(y)) for x, y, p in zip(a, b, basis_a, strict=True) if p < 0}
    for x, y, p, q in zip(a, b, basis_a, basis_b, strict=True):
        if p < 0:
            assert q < 0
            continue
        assert (min(p, q), max(p, q)) in aligned
        assert (int(p), int(q)) != (int(x), int(y))
        for document, stand_in in ((x, p), (y, q)):
            assert (
                document == stand_in
                or (min(document, stand_in), max(document, stand_in)) in aligned
            )


def test_derived_rows_take_the_basis_row_and_carry_its_passages() -> None:
    """Pair (1, 2) derived from (0, 2), 0 standing for 1: the basis's relation and shares, its
    source mapped onto 1, and its passage in 0 carried into 1, which prints 0's text 10
    characters later."""
    basis = {
        "pair": 0, "a": 0, "b": 2, "a_id": "zero", "b_id": "two", "relation": "retelling",
        "a_in_b": 0.5, "b_in_a": 0.9, "source": "zero", "source_confidence": 0.8, "wire": None,
        "shared_words": 120, "passages": 1, "quoted_share": 0.0, "own_share": 0.5,
        "derived_from": None,
    }  # fmt: skip
    copy = {**basis, "pair": 1, "b": 1, "b_id": "one", "a_in_b": 1.0, "b_in_a": 1.0}
    regions = {0: ([(100, 400)], [(0, 300)]), 1: ([(0, 1000)], [(10, 1010)])}
    plan = pa.table({"a_doc": [1], "b_doc": [2], "basis_a": [0], "basis_b": [2]})
    day = datetime(2018, 7, 15, tzinfo=UTC)
    documents = {
        1: Document("", path="one", published=day, outlet="Daily"),
        2: Document("", path="two", published=day + timedelta(hours=5), outlet="Post"),
    }
    aligned = pa.Table.from_pylist([basis, copy], schema=schemas.PAIRS)
    rows, spans = derive_pairs(plan, aligned, regions, documents)
    (row,) = rows.to_pylist()
    assert (row["pair"], row["a_id"], row["b_id"], row["derived_from"]) == (2, "one", "two", 0)
    assert (row["relation"], row["a_in_b"], row["b_in_a"]) == ("retelling", 0.5, 0.9)
    assert row["source"] == "one" and row["passages"] == 0  # five hours earlier
    assert spans[2] == ([(110, 410)], [(0, 300)])
    # Two copies crediting AP are siblings of the wire, whatever the basis said.
    documents = {n: replace(d, credit="The Associated Press") for n, d in documents.items()}
    rows, _ = derive_pairs(plan, aligned, regions, documents)
    (row,) = rows.to_pylist()
    assert (row["source"], row["wire"]) == (None, "AP")


@pytest.fixture(scope="module")
def news(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("news")
    write_news_corpus(folder, load_sentences(shared_data), n_articles=800, seed=3)
    return folder


def _scan(news: Path, results: Path, copy_share: float | None) -> pa.Table:
    config = ScanConfig(candidates=CandidateConfig(copy_share=copy_share), workers=2)
    scan([news / "articles.jsonl"], results, config=config)
    return pq.read_table(results / "pairs.parquet")


def _families(results: Path) -> dict[str, frozenset[str]]:
    rows = pq.read_table(results / "families.parquet").to_pylist()
    members: dict[int, set[str]] = defaultdict(set)
    for row in rows:
        if row["role"] != "compilation":
            members[row["family_id"]].add(row["doc_id"])
    return {doc: frozenset(group) for group in members.values() for doc in group}


def test_a_news_shaped_scan_derives_copies_and_finds_what_aligning_all_finds(
    news: Path, tmp_path: Path
) -> None:
    derived_scan = _scan(news, tmp_path / "derived", 0.9)
    full_scan = _scan(news, tmp_path / "all", None)
    derived = derived_scan.filter(pa.compute.is_valid(derived_scan.column("derived_from")))
    assert derived.num_rows > 0.3 * derived_scan.num_rows  # copies are a large share
    # A derived pair rests on an aligned pair, and has no passages of its own.
    aligned_numbers = set(
        derived_scan.filter(pa.compute.is_null(derived_scan.column("derived_from")))
        .column("pair")
        .to_pylist()
    )
    assert set(derived.column("derived_from").to_pylist()) <= aligned_numbers
    passages = pq.read_table(tmp_path / "derived" / "passages.parquet", columns=["pair"])
    assert not set(passages.column("pair").to_pylist()) & set(derived.column("pair").to_pylist())
    # The same pairs, nearly all with the same relation, and the same families.
    found = {
        (a, b): relation
        for a, b, relation in zip(
            *(derived_scan.column(n).to_pylist() for n in ("a_id", "b_id", "relation")), strict=True
        )
    }
    truth = {
        (a, b): relation
        for a, b, relation in zip(
            *(full_scan.column(n).to_pylist() for n in ("a_id", "b_id", "relation")), strict=True
        )
    }
    assert len(found.keys() ^ truth.keys()) <= 0.01 * len(truth)
    same = sum(found[pair] == truth[pair] for pair in found.keys() & truth.keys())
    assert same >= 0.98 * len(truth)
    mine, theirs = _families(tmp_path / "derived"), _families(tmp_path / "all")
    assert sum(mine.get(doc) == group for doc, group in theirs.items()) >= 0.98 * len(theirs)
