"""Align copies through a representative: the pairs a group of near-identical copies makes are
derived from one aligned pair each, not aligned one by one.

A wire story printed by a hundred outlets makes 4,950 candidate pairs among its copies, and as
many again with every other article that shares a quote or a paragraph with it; aligning each is
quadratic in the story's printings, and tells a hundred times what one alignment tells. So,
before alignment, the candidates are read for *copies*: two documents each holding at least
``copy_share`` of the other's fingerprints. Every
document with copies elects a *representative*: of itself and its copies, the one with the most
copies (then the most fingerprints, then the lowest number). A document whose elected
representative elects itself is represented by it; the others stand for themselves. A group is
thus a star around its representative, every member a copy of it.

Then a candidate pair is *derived* instead of aligned when a pair of stand-ins is aligned
anyway: two members of one group are derived from the representative and one of them; a member
and an article outside its group from the two representatives (or the representative and the
article). Each derived pair names its *basis*, the aligned pair whose row it takes: its
containments, its shared words and shares, and its relation, which the family model then
settles for the derived pair as for any other (it reads derived pairs as edges, their basis's
passages carried into each copy through the copy's own alignment with its representative). Its
source is weighed again from its own documents (times, credits) with those containments: two
copies of one representative may have been printed hours apart, or credit different wires. A
derived pair is dropped when its basis, or the pair of a stand-in and the copy it stands for,
shares nothing that counts (no passage of prose). A derived pair has no passages
of its own in the results (``retold pair RESULTS A B`` aligns it exactly, and the corpus report
does when it shows it).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from retold.explain.source import infer_source
from retold.records import Document, Similarity, Source, Verdict

__all__ = ["BASIS_COLUMNS", "Regions", "derive_pairs", "elect_representatives", "plan_alignment"]

BASIS_COLUMNS = ("basis_a", "basis_b")
"""The candidates' plan: for a derived pair, the documents standing for its ``a_doc`` and its
``b_doc`` in its basis; null for a pair that is aligned."""

_Ints = npt.NDArray[np.int64]


def elect_representatives(
    a_docs: _Ints, b_docs: _Ints, shared: _Ints, printed: _Ints, copy_share: float
) -> _Ints:
    """Each document's representative (itself when it has none), from the candidate pairs
    ``a_docs, b_docs`` with ``shared`` fingerprints, and each document's count of fingerprints
    ``printed`` (indexed by document number)."""
    documents = len(printed)
    itself = np.arange(documents, dtype=np.int64)
    near = (
        (shared >= copy_share * printed[a_docs])
        & (shared >= copy_share * printed[b_docs])
        & (printed[a_docs] > 0)
        & (printed[b_docs] > 0)
    )
    ends = np.concatenate([a_docs[near], b_docs[near]])
    partners = np.concatenate([b_docs[near], a_docs[near]])
    copies = np.bincount(ends, minlength=documents)
    by_rank = np.lexsort((itself, -printed, -copies))  # best first
    rank = np.empty(documents, dtype=np.int64)
    rank[by_rank] = itself
    best_rank = rank.copy()
    np.minimum.at(best_rank, ends, rank[partners])
    elected = by_rank[best_rank]
    return np.where(elected[elected] == elected, elected, itself)


def plan_alignment(
    a_docs: _Ints, b_docs: _Ints, shared: _Ints, printed: _Ints, copy_share: float
) -> tuple[_Ints, _Ints]:
    """``basis_a, basis_b`` for each candidate pair (``a_docs < b_docs``, no pair twice): the
    documents standing for ``a_doc`` and ``b_doc`` in the aligned pair it is derived from, or
    -1 for a pair that is aligned itself."""
    stand_in = elect_representatives(a_docs, b_docs, shared, printed, copy_share)
    ra, rb = stand_in[a_docs], stand_in[b_docs]
    one_group = ra == rb
    # Two members of one group: from the representative (for A) and B.
    within = one_group & (a_docs != ra) & (b_docs != rb)
    # Across groups: from the two stand-ins, when they are a candidate pair (then aligned: a
    # representative stands for itself).
    documents = len(printed)
    keys = np.sort(a_docs * documents + b_docs)
    low, high = np.minimum(ra, rb), np.maximum(ra, rb)
    wanted = low * documents + high
    found = np.searchsorted(keys, wanted)
    is_candidate = keys[np.minimum(found, len(keys) - 1)] == wanted if len(keys) else one_group
    across = ~one_group & ((ra != a_docs) | (rb != b_docs)) & is_candidate
    derived = within | across
    basis_a = np.where(derived, ra, -1)
    basis_b = np.where(within, b_docs, np.where(across, rb, -1))
    return basis_a, basis_b


Spans = list[tuple[int, int]]
Regions = tuple[Spans, Spans]
"""A pair's shared passages: the spans in A and the spans in B, passage by passage."""


def _carry(spans: Spans, through: Regions) -> list[tuple[int, int] | None]:
    """Each of ``spans`` (of one text) carried into another text through the passages
    ``through`` that the two share (their spans in the first text, then in the second), in
    proportion inside each passage: where a representative's passage lies in its copy. A span
    carried in pieces is carried as the stretch from its first piece to its last; one that no
    passage covers is ``None``."""
    carried: list[tuple[int, int] | None] = []
    for start, end in spans:
        pieces = []
        for (from_start, from_end), (to_start, to_end) in zip(*through, strict=True):
            low, high = max(start, from_start), min(end, from_end)
            if low < high:
                scale = (to_end - to_start) / (from_end - from_start)
                pieces.append(
                    (
                        to_start + round((low - from_start) * scale),
                        to_start + round((high - from_start) * scale),
                    )
                )
        carried.append((min(p[0] for p in pieces), max(p[1] for p in pieces)) if pieces else None)
    return carried


def _carried(regions: Regions, a_through: Regions | None, b_through: Regions | None) -> Regions:
    """A basis's passages (spans in A's stand-in, then B's) carried into A and B through the
    passages each stand-in shares with the document it stands for (``None``: it is that
    document); a passage that lies outside those of a stand-in is left out."""
    a_spans = _carry(regions[0], a_through) if a_through is not None else list(regions[0])
    b_spans = _carry(regions[1], b_through) if b_through is not None else list(regions[1])
    kept = [(a, b) for a, b in zip(a_spans, b_spans, strict=True) if a and b]
    return [a for a, _ in kept], [b for _, b in kept]


_WHOLLY_INSIDE = 0.98
"""A derived pair's text counts as adding nothing to the other (containment evidence for the
source) when this share of it is in the other: its own added words are not known."""


def _source(a: Document, b: Document, a_in_b: float, b_in_a: float) -> Source:
    """The source verdict of a derived pair from its own documents (times, credits, outlets:
    two copies of a representative may credit different wires, or none) and the basis's
    containments."""
    return infer_source(
        a,
        b,
        Similarity(a_in_b=a_in_b, b_in_a=b_in_a),
        a_adds=0 if a_in_b >= _WHOLLY_INSIDE else 1,
        b_adds=0 if b_in_a >= _WHOLLY_INSIDE else 1,
    )


def derive_pairs(
    derived: pa.Table,
    pairs: pa.Table,
    regions: Mapping[int, Regions],
    documents: Mapping[int, Document],
) -> tuple[pa.Table, Mapping[int, Regions]]:
    """The rows of the derived pairs (``derived``: ``a_doc, b_doc, basis_a, basis_b``) whose
    basis is among the kept ``pairs`` (``PAIRS`` rows numbered from 0, with ``a``, ``b``),
    numbered on after them in the order of ``derived``, and their passages' spans: the basis's,
    carried from a stand-in into the document it stands for through the pair of the two
    (carried when asked: the family model reads the spans of few pairs, and a corpus has
    millions). ``documents`` has every document of ``derived`` by number (its text is not
    read). Everything but each pair's source verdict is done on whole columns."""
    a_docs, b_docs, basis_a, basis_b = (
        derived.column(name).to_numpy(zero_copy_only=False).astype(np.int64)
        for name in ("a_doc", "b_doc", *BASIS_COLUMNS)
    )
    find = _PairIndex(pairs)
    basis = find(basis_a, basis_b)
    a_link = np.where(basis_a != a_docs, find(basis_a, a_docs), _ITSELF)
    b_link = np.where(basis_b != b_docs, find(basis_b, b_docs), _ITSELF)
    # Dropped: the basis, or a stand-in's pair with its copy, shares nothing that counts.
    kept = (basis >= 0) & (a_link != _ABSENT) & (b_link != _ABSENT)
    a_docs, b_docs, basis_a, basis_b = a_docs[kept], b_docs[kept], basis_a[kept], basis_b[kept]
    basis, a_link, b_link = basis[kept], a_link[kept], b_link[kept]
    flipped = basis_a > basis_b  # the basis row is (B's stand-in, A's stand-in)
    basis_a_in_b = pairs.column("a_in_b").to_numpy(zero_copy_only=False)[basis]
    basis_b_in_a = pairs.column("b_in_a").to_numpy(zero_copy_only=False)[basis]
    a_in_b = np.where(flipped, basis_b_in_a, basis_a_in_b)
    b_in_a = np.where(flipped, basis_a_in_b, basis_b_in_a)
    a_ids, b_ids, sources, confidences, wires = [], [], [], [], []
    for a, b, a_share, b_share in zip(
        a_docs.tolist(), b_docs.tolist(), a_in_b.tolist(), b_in_a.tolist(), strict=True
    ):
        a_document, b_document = documents[a], documents[b]
        source = _source(a_document, b_document, a_share, b_share)
        a_ids.append(a_document.path)
        b_ids.append(b_document.path)
        sources.append({Verdict.A: a_document.path, Verdict.B: b_document.path}.get(source.verdict))
        confidences.append(source.confidence)
        wires.append(source.wire)
    numbers = np.arange(len(pairs), len(pairs) + len(basis), dtype=np.int64)
    pair_numbers = pairs.column("pair").to_numpy(zero_copy_only=False)
    replaced = {
        "pair": numbers,
        "a": a_docs,
        "b": b_docs,
        "a_id": a_ids,
        "b_id": b_ids,
        "a_in_b": a_in_b,
        "b_in_a": b_in_a,
        "source": sources,
        "source_confidence": confidences,
        "wire": wires,
        "passages": np.zeros(len(basis), dtype=np.int64),
        "derived_from": pair_numbers[basis],
    }
    rows = pairs.take(pa.array(basis, type=pa.int64()))
    for name, values in replaced.items():
        field = rows.schema.field(name)
        rows = rows.set_column(
            rows.schema.get_field_index(name), field, pa.array(values, type=field.type)
        )

    def link(stand_in: _Ints, document: _Ints, row: _Ints) -> list[tuple[int, bool] | None]:
        return [
            None if r == _ITSELF else (int(pair_numbers[r]), bool(s > d))
            for s, d, r in zip(stand_in.tolist(), document.tolist(), row.tolist(), strict=True)
        ]

    spans = _CarriedRegions(
        regions,
        first=len(pairs),
        bases=list(zip(pair_numbers[basis].tolist(), flipped.tolist(), strict=True)),
        a_links=link(basis_a, a_docs, a_link),
        b_links=link(basis_b, b_docs, b_link),
    )
    return rows, spans


_ABSENT = -1
"""``_PairIndex``: no such pair."""
_ITSELF = -2
"""A link that is not needed: the document stands for itself."""


class _PairIndex:
    """Finds pairs' rows by their two documents (in either order), whole columns at a time."""

    def __init__(self, pairs: pa.Table) -> None:
        a = pairs.column("a").to_numpy(zero_copy_only=False).astype(np.int64)
        b = pairs.column("b").to_numpy(zero_copy_only=False).astype(np.int64)
        self.width = int(max(a.max(initial=0), b.max(initial=0))) + 1
        keys = a * self.width + b
        self.order = np.argsort(keys, kind="stable")
        self.keys = keys[self.order]

    def __call__(self, first: _Ints, second: _Ints) -> _Ints:
        """The row of each pair ``(first, second)``, or ``_ABSENT``."""
        low, high = np.minimum(first, second), np.maximum(first, second)
        inside = high < self.width
        wanted = low * self.width + high
        if not len(self.keys):
            return np.full(len(wanted), _ABSENT, dtype=np.int64)
        found = np.minimum(np.searchsorted(self.keys, wanted), len(self.keys) - 1)
        hit = inside & (self.keys[found] == wanted)
        return np.where(hit, self.order[found], _ABSENT)


class _CarriedRegions(Mapping[int, Regions]):
    """The derived pairs' passage spans by pair number, carried when asked (``_carried``)."""

    def __init__(
        self,
        regions: Mapping[int, Regions],
        first: int,
        bases: list[tuple[int, bool]],
        a_links: list[tuple[int, bool] | None],
        b_links: list[tuple[int, bool] | None],
    ) -> None:
        self.regions = regions
        self.first = first
        self.bases = bases
        self.a_links = a_links
        self.b_links = b_links

    def _spans(self, pair: int, flipped: bool) -> Regions:
        a_spans, b_spans = self.regions.get(pair, ([], []))
        return (b_spans, a_spans) if flipped else (a_spans, b_spans)

    def __getitem__(self, number: int) -> Regions:
        index = number - self.first
        if not 0 <= index < len(self.bases):
            raise KeyError(number)
        links = (self.a_links[index], self.b_links[index])
        a_through, b_through = (None if x is None else self._spans(*x) for x in links)
        return _carried(self._spans(*self.bases[index]), a_through, b_through)

    def __iter__(self) -> Iterator[int]:
        return iter(range(self.first, self.first + len(self.bases)))

    def __len__(self) -> int:
        return len(self.bases)
