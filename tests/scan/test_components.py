"""The family model run a chunk of components at a time gives what one run over all pairs gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.engines.components import connected_components, families_by_component
from retold.engines.rows import FAMILY_PASSAGE_KINDS, PassageRegions, families_of


def _components_by_union_find(edges: list[tuple[int, int]], documents: int) -> list[int]:
    parent = list(range(documents))

    def find(item: int) -> int:
        while parent[item] != item:
            item = parent[item]
        return item

    for a, b in edges:
        first, second = find(a), find(b)
        parent[max(first, second)] = min(first, second)
    return [min(d for d in range(documents) if find(d) == find(doc)) for doc in range(documents)]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 40).flatmap(lambda n: st.tuples(st.just(n), _edges(n))))
def test_components_are_named_by_their_smallest_document(
    graph: tuple[int, list[tuple[int, int]]],
) -> None:
    documents, edges = graph
    a = np.array([edge[0] for edge in edges], dtype=np.int64)
    b = np.array([edge[1] for edge in edges], dtype=np.int64)
    labels = connected_components(a, b, documents)
    assert labels.tolist() == _components_by_union_find(edges, documents)


def _edges(documents: int) -> st.SearchStrategy[list[tuple[int, int]]]:
    doc = st.integers(0, documents - 1)
    return st.lists(st.tuples(doc, doc), max_size=3 * documents)


def test_chunks_of_components_model_the_helsinki_pairs_as_one_run(
    helsinki_results: Path,
) -> None:
    """On the Helsinki scan's aligned pairs (wire copies, live files, roundups, shared quotes
    between stories), chunks of a few dozen pairs give the same families, numbered the same,
    and the same final relation for every pair as one run over all of them."""
    work = helsinki_results / ".work"
    pairs = pq.read_table(work / "pairs_aligned.parquet")
    passages = pq.read_table(
        helsinki_results / "passages.parquet",
        columns=["pair", "a_start", "a_end", "b_start", "b_end"],
        filters=[("kind", "in", list(FAMILY_PASSAGE_KINDS))],
    )
    documents = pq.read_table(work / "documents.parquet", columns=["published", "live_file"])
    published = documents.column("published").to_pylist()
    live = {doc for doc, flag in enumerate(documents.column("live_file").to_pylist()) if flag}
    regions = PassageRegions(passages)
    whole = families_of(pairs, regions, published, live)
    chunked = families_by_component(pairs, regions, published, live, chunk_edges=40)
    assert len({member.family for member in whole[0]}) > 50
    assert chunked == whole
    changed = sum(
        1
        for old, new in zip(pairs.column("relation").to_pylist(), whole[1], strict=True)
        if old != new
    )
    assert changed > 0  # the model did change relations (compilations, retellings in a family)
