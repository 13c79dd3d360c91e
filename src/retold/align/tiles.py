"""Greedy string tiling over token keys: every shared run of words, each word used once.

Seeds are shared k-grams of token keys, found with sorting and ``searchsorted`` (no Python loop
over tokens). Seeds on the same diagonal that follow each other form maximal exact runs. Runs are
then taken longest first, each token of A and of B at most once (greedy string tiling, as in
JPlag and Wise's YAP3), which is what makes the alignment indifferent to moved paragraphs: a
moved paragraph is just another long run on another diagonal. A run that overlaps tiles already
placed is cut to its free parts, which go back into the queue.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from retold.config import TilingConfig
from retold.shingles import shingle_hashes

__all__ = ["Tile", "clear_kgram_cache", "find_tiles"]


@dataclass(frozen=True, slots=True)
class Tile:
    """``length`` tokens equal in both texts, from ``a`` in A and ``b`` in B."""

    a: int
    b: int
    length: int

    @property
    def a_end(self) -> int:
        return self.a + self.length

    @property
    def b_end(self) -> int:
        return self.b + self.length


@dataclass(frozen=True, slots=True)
class _KGrams:
    """One text's k-grams hashed, sorted and counted: what seeding needs of a text, whichever
    text it is compared with."""

    order: npt.NDArray[np.int64]
    """Positions grouped by k-gram (``argsort`` of the hashes; the order inside a group does
    not matter: seeds are sorted by diagonal afterwards)."""
    distinct: npt.NDArray[np.uint64]
    """The distinct k-grams, sorted."""
    first: npt.NDArray[np.int64]
    """Where each distinct k-gram's positions start in ``order``."""
    counts: npt.NDArray[np.int64]
    """How often each distinct k-gram occurs."""


@lru_cache(maxsize=1024)
def _kgrams(keys: bytes, k: int) -> _KGrams:
    """The k-grams of a text's token keys (as bytes), cached: a scan compares one text with
    many others, and hashing and sorting its k-grams for every pair was a fifth of alignment."""
    hashes = shingle_hashes(np.frombuffer(keys, dtype=np.uint64), k)
    # Not a stable sort: it took 0.62 ms of a 10,000-word text against 0.25 ms, and nothing
    # reads the order of positions inside a group. Groups are read off the one sort
    # (``np.unique`` would sort again).
    order = np.argsort(hashes)
    ordered = hashes[order]
    opens = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=opens[1:])
    first = np.flatnonzero(opens)
    counts = np.diff(np.append(first, len(ordered)))
    return _KGrams(order, ordered[first], first, counts)


def clear_kgram_cache() -> None:
    """Forget the cached k-grams (``retold.core.clear_document_caches``)."""
    _kgrams.cache_clear()


def _seed_pairs(
    a: _KGrams, b: _KGrams, max_occurrences: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """All (i, j) with equal k-grams, skipping k-grams too frequent in either text (in no
    particular order).

    Matched distinct k-gram against distinct k-gram: sorted needles keep the binary search in
    cache (searching A's k-grams position by position took 0.9 ms for a 10,000-word pair,
    most of seeding). A k-gram found ``m`` times in A and ``n`` in B gives ``m * n`` seeds."""
    if len(b.distinct) == 0 or len(a.distinct) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    found = np.minimum(np.searchsorted(b.distinct, a.distinct), len(b.distinct) - 1)
    shared = (b.distinct[found] == a.distinct) & (a.counts <= max_occurrences)
    shared &= b.counts[found] <= max_occurrences
    a_groups = np.flatnonzero(shared)
    b_groups = found[a_groups]
    a_counts, b_counts = a.counts[a_groups], b.counts[b_groups]
    seeds = a_counts * b_counts
    group = np.repeat(np.arange(len(a_groups), dtype=np.int64), seeds)
    group_starts = np.repeat(np.cumsum(seeds) - seeds, seeds)
    within = np.arange(int(seeds.sum()), dtype=np.int64) - group_starts
    per_b = b_counts[group]
    in_a = within // per_b
    a_index = a.order[a.first[a_groups][group] + in_a].astype(np.int64)
    b_index = b.order[b.first[b_groups][group] + within - in_a * per_b].astype(np.int64)
    return a_index, b_index


def _maximal_runs(
    a_index: npt.NDArray[np.int64], b_index: npt.NDArray[np.int64], k: int
) -> list[tuple[int, int, int]]:
    """Group seeds (in any order) into maximal runs along diagonals: (-length, a, b), longest
    first, then in order of A and of B.

    Seeds are sorted by one integer key, diagonal then position in A (``np.lexsort`` over the
    two took 0.76 ms for the 8,700 seeds of a 10,000-word pair, the key's sort 0.12 ms)."""
    if len(a_index) == 0:
        return []
    span = int(a_index.max()) + 1
    key = (b_index - a_index + span) * span + a_index  # diagonal shifted to be positive
    key.sort()
    a_sorted = key % span
    diagonal = key // span - span
    breaks = np.flatnonzero((np.diff(diagonal) != 0) | (np.diff(a_sorted) != 1)) + 1
    run_starts = np.concatenate(([0], breaks))
    run_seeds = np.diff(np.concatenate((run_starts, [len(a_sorted)])))
    starts_a = a_sorted[run_starts]
    starts_b = starts_a + diagonal[run_starts]
    lengths = run_seeds + (k - 1)
    by_length = np.lexsort((starts_b, starts_a, -lengths))
    return list(
        zip(
            (-lengths[by_length]).tolist(),
            starts_a[by_length].tolist(),
            starts_b[by_length].tolist(),
            strict=True,
        )
    )


def _free_parts(
    run: tuple[int, int, int], used_a: bytearray, used_b: bytearray, min_length: int
) -> list[tuple[int, int, int]]:
    """The stretches of a run whose tokens are free in both texts, at least ``min_length`` long."""
    a, b, length = run
    free = (np.frombuffer(used_a, dtype=np.uint8, count=length, offset=a) == 0) & (
        np.frombuffer(used_b, dtype=np.uint8, count=length, offset=b) == 0
    )
    edges = np.diff(np.concatenate(([0], free.view(np.int8), [0])))
    part_starts = np.flatnonzero(edges == 1)
    part_ends = np.flatnonzero(edges == -1)
    return [
        (a + start, b + start, end - start)
        for start, end in zip(part_starts.tolist(), part_ends.tolist(), strict=True)
        if end - start >= min_length
    ]


def find_tiles(
    a_keys: npt.NDArray[np.uint64],
    b_keys: npt.NDArray[np.uint64],
    config: TilingConfig | None = None,
) -> list[Tile]:
    """Tile A and B with shared runs of at least ``config.min_length`` tokens, longest first.

    Ties are broken by position in A, then in B, so the result is deterministic.
    """
    config = config or TilingConfig()
    k = config.min_length
    if len(a_keys) < k or len(b_keys) < k:
        return []
    a_index, b_index = _seed_pairs(
        _kgrams(a_keys.tobytes(), k), _kgrams(b_keys.tobytes(), k), config.max_occurrences
    )
    # Runs come longest first; the free parts of a run cut by tiles wait in a heap, and the
    # next run is whichever of the two comes first (a heap of every run: about 0.3 ms more of
    # the 1.3 ms this loop takes for a 10,000-word pair).
    runs = _maximal_runs(a_index, b_index, k)
    runs.reverse()
    parts: list[tuple[int, int, int]] = []
    used_a = bytearray(len(a_keys))
    used_b = bytearray(len(b_keys))
    tiles: list[Tile] = []
    while runs or parts:
        if parts and (not runs or parts[0] < runs[-1]):
            negative_length, a, b = heapq.heappop(parts)
        else:
            negative_length, a, b = runs.pop()
        length = -negative_length
        if used_a.find(1, a, a + length) < 0 and used_b.find(1, b, b + length) < 0:
            used_a[a : a + length] = b"\x01" * length
            used_b[b : b + length] = b"\x01" * length
            tiles.append(Tile(a, b, length))
            continue
        if used_a.find(0, a, a + length) < 0 or used_b.find(0, b, b + length) < 0:
            continue  # already tiled on one side: nothing of it can be placed
        for part_a, part_b, part_length in _free_parts((a, b, length), used_a, used_b, k):
            heapq.heappush(parts, (-part_length, part_a, part_b))
    return tiles
