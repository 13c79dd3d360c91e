"""The family model run component by component, so that a corpus's pairs are never all Python
objects at once.

The family model (``retold.families``) holds a Python edge for every pair it reads and several
dicts keyed by pairs: at a million news-shaped articles (about 6.9 million pairs) that was
11 GB, nearly all of the scan's peak memory. Its rules only ever look along edges, so each
connected component can be modelled on its own, as the Spark engine already does: the local
engine finds the components over whole numpy columns, models a chunk of whole components at a
time, and renumbers the families as one run over all pairs would have numbered them.

Components are made without the shared quotes, as in the Spark engine: a shared quote is never
attached, merged or upgraded by the model, and on one event's coverage everyone quotes the same
speech, so those edges would chain the coverage into one component. A shared quote between two
documents of one component is still read by the model (two stories a roundup holds are not
separate if linked at all); one between components keeps its relation.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from datetime import datetime

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from retold.engines.rows import families_of, family_firsts
from retold.families import FamilyMember
from retold.pairs import Relation
from retold.representatives import Regions

__all__ = ["connected_components", "families_by_component"]

CHUNK_EDGES = 200_000
"""Pairs modelled at once, in whole components (a component larger than this is one chunk):
about 0.3 GB of Python objects."""


def connected_components(
    a: npt.NDArray[np.int64], b: npt.NDArray[np.int64], documents: int
) -> npt.NDArray[np.int64]:
    """Each document's component, named by its smallest document, for the edges ``a[i]–b[i]``
    among ``documents`` documents (a document on no edge is its own component).

    Label propagation with pointer jumping: every document takes the smallest label among its
    edges' ends, then the label of its label; labels only decrease and stay inside a
    component, so the fixed point names each component by its smallest document. Rounds grow
    with the logarithm of a component's diameter, each a few numpy passes over the edges.
    """
    labels = np.arange(documents, dtype=np.int64)
    while True:
        lowest = np.minimum(labels[a], labels[b])
        updated = labels.copy()
        np.minimum.at(updated, a, lowest)
        np.minimum.at(updated, b, lowest)
        updated = updated[updated]
        if np.array_equal(updated, labels):
            return labels
        labels = updated


def _chunks(components: npt.NDArray[np.int64], limit: int) -> list[npt.NDArray[np.int64]]:
    """Row numbers of the pairs grouped by component (``components``: each pair's, or -1 when it
    lies in none), in chunks of whole components of at most ``limit`` pairs (or one larger
    component); inside a chunk, rows keep their order."""
    rows = np.flatnonzero(components >= 0)
    order = rows[np.argsort(components[rows], kind="stable")]
    if not len(order):
        return []
    ordered = components[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], len(order)]
    chunks: list[npt.NDArray[np.int64]] = []
    first = 0
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        if end - first > limit and start > first:
            chunks.append(np.sort(order[first:start]))
            first = start
    chunks.append(np.sort(order[first:]))
    return chunks


def families_by_component(
    pairs: pa.Table,
    regions: Mapping[int, Regions],
    published: Sequence[datetime | None],
    live_files: Collection[int] = frozenset(),
    *,
    chunk_edges: int = CHUNK_EDGES,
) -> tuple[list[FamilyMember], list[str]]:
    """``families_of`` over all ``pairs`` (``PAIRS`` columns with ``a`` and ``b``), with the
    same result, modelled a chunk of components at a time: the members (families numbered
    from 0 in order of their smallest non-compilation member, sorted by family and document)
    and each pair's final relation, in the order of ``pairs``."""
    relation = pairs.column("relation")
    a = pairs.column("a").to_numpy().astype(np.int64, copy=False)
    b = pairs.column("b").to_numpy().astype(np.int64, copy=False)
    quote = pc.fill_null(pc.equal(relation, Relation.SHARED_QUOTE), False).to_numpy()
    documents = len(published)
    labels = connected_components(a[~quote], b[~quote], documents)
    component = labels[a]
    component[labels[b] != component] = -1  # a shared quote between two components
    final = np.array(relation.to_pylist(), dtype=object)
    members: list[FamilyMember] = []
    for rows in _chunks(component, chunk_edges):
        found, relations = families_of(pairs.take(rows), regions, published, live_files)
        final[rows] = relations
        # Numbers inside a chunk are its own; each family is made unique by its first member.
        first = family_firsts(found)
        members.extend(replace(member, family=first[member.family]) for member in found)
    number = {doc: index for index, doc in enumerate(sorted({m.family for m in members}))}
    numbered = [replace(member, family=number[member.family]) for member in members]
    numbered.sort(key=lambda m: (m.family, m.doc))
    return numbered, final.tolist()
