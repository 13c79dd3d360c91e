"""Greedy string tiling: every shared run found once, moved blocks included."""

from __future__ import annotations

import numpy as np

from retold.align.passages import align_keys
from retold.align.tiles import Tile, find_tiles
from retold.config import AlignConfig, TilingConfig


def keys(words: str) -> np.ndarray:
    vocabulary: dict[str, int] = {}
    return np.array(
        [vocabulary.setdefault(w, len(vocabulary) + 1) for w in words.split()], dtype=np.uint64
    )


def shared_keys(a: str, b: str) -> tuple[np.ndarray, np.ndarray]:
    vocabulary: dict[str, int] = {}
    encode = lambda text: np.array(  # noqa: E731
        [vocabulary.setdefault(w, len(vocabulary) + 1) for w in text.split()], dtype=np.uint64
    )
    return encode(a), encode(b)


def test_identical_sequences_are_one_tile() -> None:
    a = keys("a b c d e f g h")
    assert find_tiles(a, a.copy()) == [Tile(0, 0, 8)]


def test_moved_block_is_found_on_its_own_diagonal() -> None:
    a, b = shared_keys(
        "p1 p2 p3 p4 p5 q1 q2 q3 q4 q5 r1 r2 r3 r4 r5",
        "r1 r2 r3 r4 r5 p1 p2 p3 p4 p5 q1 q2 q3 q4 q5",
    )
    tiles = sorted(find_tiles(a, b), key=lambda t: t.a)
    assert tiles == [Tile(0, 5, 10), Tile(10, 0, 5)]


def test_each_token_is_used_once_when_text_repeats() -> None:
    # B contains A's sentence twice; only one copy can be tiled with it.
    a, b = shared_keys("x1 x2 x3 x4 x5", "x1 x2 x3 x4 x5 y x1 x2 x3 x4 x5")
    tiles = find_tiles(a, b)
    assert tiles == [Tile(0, 0, 5)]


def test_runs_shorter_than_the_seed_are_not_tiles() -> None:
    a, b = shared_keys("a b c z z z", "a b c y y y")
    assert find_tiles(a, b, TilingConfig(min_length=4)) == []


def test_overlapping_run_is_cut_to_its_free_part() -> None:
    # The long run takes "c d e f g h"; the other run "a b c d" keeps only what is left free.
    a, b = shared_keys("a b c d e f g h", "c d e f g h k a b c d")
    tiles = sorted(find_tiles(a, b, TilingConfig(min_length=2)), key=lambda t: t.a)
    assert tiles == [Tile(0, 7, 2), Tile(2, 0, 6)]


def test_frequent_seeds_are_skipped() -> None:
    a = keys(" ".join(["w x y z"] * 40))
    tiles = find_tiles(a, a.copy(), TilingConfig(min_length=4, max_occurrences=32))
    assert tiles == []


def test_passage_spans_small_edits_and_splits_at_large_gaps() -> None:
    a, b = shared_keys(
        "s1 s2 s3 s4 s5 s6 old s7 s8 s9 s10 s11 "
        + " ".join(f"cut{i}" for i in range(20))
        + " t1 t2 t3 t4 t5 t6",
        "s1 s2 s3 s4 s5 s6 new s7 s8 s9 s10 s11 t1 t2 t3 t4 t5 t6",
    )
    alignment = align_keys(a, b, AlignConfig())
    assert [(p.a, p.a_end, p.b, p.b_end) for p in alignment.passages] == [
        (0, 12, 0, 12),
        (32, 38, 12, 18),
    ]
    first = alignment.passages[0]
    assert [(e.a, e.a_end, e.b, e.b_end) for e in first.edits] == [(6, 7, 6, 7)]
    assert first.words == 11


def test_short_chance_matches_are_dropped() -> None:
    a, b = shared_keys(
        "one of the most a1 a2 a3 a4 a5 a6 a7", "one of the most b1 b2 b3 b4 b5 b6 b7"
    )
    assert align_keys(a, b, AlignConfig()).passages == ()


def test_alignment_is_mirror_symmetric() -> None:
    a, b = shared_keys("a b c d e f g h i j", "e f g h i j a b c d")
    forward = align_keys(a, b)
    backward = align_keys(b, a)
    assert sorted((p.a, p.b, p.words) for p in forward.passages) == sorted(
        (p.b, p.a, p.words) for p in backward.passages
    )
