"""Chain tiles into passages and align the small gaps between them word by word.

Tiles that follow each other in both texts, with at most ``max_gap`` words between them on
either side, belong to one passage; the words between them are aligned with RapidFuzz's
``Indel.opcodes`` (a longest-common-subsequence alignment in C), which recovers short matches
the tiling skipped and leaves the real edits: replacements, insertions and deletions. A larger
gap ends the passage: what lies there is a cut or an addition, reported as its own change.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import Indel

from retold.align.tiles import Tile, find_tiles
from retold.config import AlignConfig

__all__ = ["AlignedPassage", "Alignment", "Edit", "align_keys"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Tokens ``a:a_end`` of A became tokens ``b:b_end`` of B inside a passage.

    One side may be empty (a deletion or an insertion), never both.
    """

    a: int
    a_end: int
    b: int
    b_end: int


@dataclass(frozen=True, slots=True)
class AlignedPassage:
    """A passage in token coordinates, with its matched runs and inner edits."""

    a: int
    a_end: int
    b: int
    b_end: int
    matches: tuple[Tile, ...]
    edits: tuple[Edit, ...]

    @property
    def words(self) -> int:
        return sum(match.length for match in self.matches)


@dataclass(frozen=True, slots=True)
class Alignment:
    """All passages of a pair, in order of A."""

    passages: tuple[AlignedPassage, ...]


def _chains(tiles: list[Tile], max_gap: int) -> list[list[Tile]]:
    """Tiles (in order of A, then B) cut into chains: runs of tiles that follow each other in
    both texts with at most ``max_gap`` words between them."""
    chains: list[list[Tile]] = []
    a_end = b_end = 0
    for tile in tiles:
        if chains and b_end <= tile.b <= b_end + max_gap and tile.a - a_end <= max_gap:
            chains[-1].append(tile)
        else:
            chains.append([tile])
        a_end, b_end = tile.a + tile.length, tile.b + tile.length
    return chains


def _merge_dense(
    chains: list[list[Tile]],
    a_keys: npt.NDArray[np.uint64],
    b_keys: npt.NDArray[np.uint64],
    config: AlignConfig,
) -> list[list[Tile]]:
    """Join neighbouring chains across a gap of densely edited but similar words."""
    merged: list[list[Tile]] = []
    for chain in chains:
        if merged:
            last, first = merged[-1][-1], chain[0]
            a_gap, b_gap = first.a - last.a_end, first.b - last.b_end
            if (
                0 <= a_gap <= config.dense_gap
                and 0 <= b_gap <= config.dense_gap
                and Indel.normalized_similarity(
                    a_keys[last.a_end : first.a].tolist(), b_keys[last.b_end : first.b].tolist()
                )
                >= config.dense_similarity
            ):
                merged[-1].extend(chain)
                continue
        merged.append(list(chain))
    return merged


def _free_window(used: bytearray, start: int, step: int, limit: int) -> int:
    """How many untiled tokens lie next to ``start`` going ``step`` (+1 or -1), up to ``limit``."""
    if step > 0:
        stop = min(len(used), start + limit)
        if start >= stop:
            return 0
        found = used.find(1, start, stop)
        return (stop if found < 0 else found) - start
    low = max(0, start - limit + 1)
    if start < low:
        return 0
    found = used.rfind(1, low, start + 1)
    return start - (low - 1 if found < 0 else found)


def _edge_matches(a_words: list[int], b_words: list[int], *, leading: bool) -> list[Tile]:
    """Short matches of two edge windows that a passage can grow into (relative offsets).

    The grown part must stay similar: it is kept from the passage up to the farthest match
    beyond which at least half of the words still match.
    """
    matches = [
        Tile(op.src_start, op.dest_start, op.src_end - op.src_start)
        for op in Indel.opcodes(a_words, b_words)
        if op.tag == "equal"
    ]
    if leading:
        matches.reverse()
    kept: list[Tile] = []
    matched = 0
    for match in matches:
        matched += match.length
        if leading:
            span = max(len(a_words) - match.a, len(b_words) - match.b)
        else:
            span = max(match.a_end, match.b_end)
        if 2 * matched < span:
            break
        kept.append(match)
    return kept


def _extend(
    chain: list[Tile],
    a_keys: npt.NDArray[np.uint64],
    b_keys: npt.NDArray[np.uint64],
    used_a: bytearray,
    used_b: bytearray,
    reach: int,
) -> list[Tile]:
    """Grow a chain over edited words at its two ends (an edited first or last word)."""
    first, last = chain[0], chain[-1]
    a_left = _free_window(used_a, first.a - 1, -1, reach)
    b_left = _free_window(used_b, first.b - 1, -1, reach)
    before = _edge_matches(
        a_keys[first.a - a_left : first.a].tolist(),
        b_keys[first.b - b_left : first.b].tolist(),
        leading=True,
    )
    a_right = _free_window(used_a, last.a_end, 1, reach)
    b_right = _free_window(used_b, last.b_end, 1, reach)
    after = _edge_matches(
        a_keys[last.a_end : last.a_end + a_right].tolist(),
        b_keys[last.b_end : last.b_end + b_right].tolist(),
        leading=False,
    )
    grown = [
        Tile(first.a - a_left + m.a, first.b - b_left + m.b, m.length) for m in reversed(before)
    ]
    grown.extend(chain)
    grown.extend(Tile(last.a_end + m.a, last.b_end + m.b, m.length) for m in after)
    for tile in grown:
        used_a[tile.a : tile.a_end] = b"\x01" * tile.length
        used_b[tile.b : tile.b_end] = b"\x01" * tile.length
    return grown


def _gap_alignment(
    a_keys: npt.NDArray[np.uint64],
    b_keys: npt.NDArray[np.uint64],
    a: int,
    a_end: int,
    b: int,
    b_end: int,
) -> tuple[list[Tile], list[Edit]]:
    """Align the words between two tiles: short matches and the edits around them."""
    if a == a_end or b == b_end:
        return [], [Edit(a, a_end, b, b_end)]
    if a_end - a == 1 and b_end - b == 1:  # one word for another, the commonest gap
        if a_keys[a] == b_keys[b]:
            return [Tile(a, b, 1)], []
        return [], [Edit(a, a_end, b, b_end)]
    matches: list[Tile] = []
    edits: list[Edit] = []
    edit_start: tuple[int, int] | None = None
    for op in Indel.opcodes(a_keys[a:a_end].tolist(), b_keys[b:b_end].tolist()):
        i1, i2, j1 = op.src_start, op.src_end, op.dest_start
        if op.tag == "equal":
            if edit_start is not None:
                edits.append(Edit(edit_start[0], a + i1, edit_start[1], b + j1))
                edit_start = None
            matches.append(Tile(a + i1, b + j1, i2 - i1))
        elif edit_start is None:
            edit_start = (a + i1, b + j1)
    if edit_start is not None:
        edits.append(Edit(edit_start[0], a_end, edit_start[1], b_end))
    return matches, edits


def _passage(
    chain: list[Tile], a_keys: npt.NDArray[np.uint64], b_keys: npt.NDArray[np.uint64]
) -> AlignedPassage:
    matches: list[Tile] = [chain[0]]
    edits: list[Edit] = []
    for previous, tile in itertools.pairwise(chain):
        if previous.a_end != tile.a or previous.b_end != tile.b:
            gap_matches, gap_edits = _gap_alignment(
                a_keys, b_keys, previous.a_end, tile.a, previous.b_end, tile.b
            )
            matches.extend(gap_matches)
            edits.extend(gap_edits)
        matches.append(tile)
    return AlignedPassage(
        a=chain[0].a,
        a_end=chain[-1].a_end,
        b=chain[0].b,
        b_end=chain[-1].b_end,
        matches=tuple(matches),
        edits=tuple(edits),
    )


def align_keys(
    a_keys: npt.NDArray[np.uint64],
    b_keys: npt.NDArray[np.uint64],
    config: AlignConfig | None = None,
) -> Alignment:
    """Find every passage shared by two token-key sequences, moved paragraphs included.

    The work is done in a canonical order of the two texts and mirrored back, so that
    ``align_keys(b, a)`` is exactly the mirror of ``align_keys(a, b)``, tie-breaks included.
    """
    config = config or AlignConfig()
    if b_keys.tobytes() < a_keys.tobytes():
        return mirror(align_keys(b_keys, a_keys, config))
    tiles = sorted(find_tiles(a_keys, b_keys, config.tiling), key=lambda t: (t.a, t.b))

    def chain(tiles: list[Tile]) -> list[list[Tile]]:
        return _merge_dense(_chains(tiles, config.max_gap), a_keys, b_keys, config)

    # Chance matches between two passages break a chain; drop short chains and chain again.
    for _ in range(3):
        chains = chain(tiles)
        long_chains = [c for c in chains if sum(t.length for t in c) >= config.min_passage_words]
        tiles = [tile for c in long_chains for tile in c]
        if len(long_chains) == len(chains):
            break
    used_a, used_b = bytearray(len(a_keys)), bytearray(len(b_keys))
    for tile in tiles:
        used_a[tile.a : tile.a_end] = b"\x01" * tile.length
        used_b[tile.b : tile.b_end] = b"\x01" * tile.length
    chains = [_extend(c, a_keys, b_keys, used_a, used_b, config.max_gap) for c in chain(tiles)]
    passages = tuple(_passage(c, a_keys, b_keys) for c in chains)
    return Alignment(passages=tuple(p for p in passages if p.words >= config.min_passage_words))


def mirror(alignment: Alignment) -> Alignment:
    """The same alignment seen from the other text: A and B swap roles."""
    passages = [
        AlignedPassage(
            a=p.b,
            a_end=p.b_end,
            b=p.a,
            b_end=p.a_end,
            matches=tuple(Tile(m.b, m.a, m.length) for m in p.matches),
            edits=tuple(Edit(e.b, e.b_end, e.a, e.a_end) for e in p.edits),
        )
        for p in alignment.passages
    ]
    return Alignment(passages=tuple(sorted(passages, key=lambda p: (p.a, p.b))))
