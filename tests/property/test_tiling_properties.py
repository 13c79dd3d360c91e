"""Greedy string tiling checked against its textbook definition, on random word sequences.

``find_tiles`` seeds with sorted k-gram arrays and keeps a queue of runs; the definition it must
agree with is the plain one (Wise's greedy string tiling): over and over, take the longest run
of equal words that are free in both texts (ties: first in A, then in B), mark it, and stop when
the longest is shorter than ``k``.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.align.tiles import find_tiles
from retold.config import TilingConfig


def textbook_tiles(a: list[int], b: list[int], k: int) -> list[tuple[int, int, int]]:
    used_a, used_b = [False] * len(a), [False] * len(b)
    tiles = []
    while True:
        best = (0, 0, 0)  # (length, -a, -b): longest, then first in A, then in B
        for i in range(len(a)):
            for j in range(len(b)):
                length = 0
                while (
                    i + length < len(a)
                    and j + length < len(b)
                    and a[i + length] == b[j + length]
                    and not used_a[i + length]
                    and not used_b[j + length]
                ):
                    length += 1
                best = max(best, (length, -i, -j))
        length, i, j = best[0], -best[1], -best[2]
        if length < k:
            return tiles
        for offset in range(length):
            used_a[i + offset] = used_b[j + offset] = True
        tiles.append((i, j, length))


words = st.lists(st.integers(min_value=1, max_value=4), max_size=40)


@settings(max_examples=300, deadline=None)
@given(a=words, b=words, k=st.integers(min_value=1, max_value=4))
def test_tiles_are_the_textbook_greedy_tiling(a: list[int], b: list[int], k: int) -> None:
    # No seed is too frequent to use: the textbook tiling has no such limit.
    config = TilingConfig(min_length=k, max_occurrences=len(a) + len(b) + 1)
    found = find_tiles(np.array(a, dtype=np.uint64), np.array(b, dtype=np.uint64), config)
    assert [(t.a, t.b, t.length) for t in found] == textbook_tiles(a, b, k)
