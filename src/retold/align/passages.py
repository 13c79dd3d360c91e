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

from retold.align.tiles import Tile, TilingConfig, find_tiles

__all__ = ["AlignConfig", "AlignedPassage", "Alignment", "Edit", "align_keys"]


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Parameters of the alignment (token counts)."""

    tiling: TilingConfig = TilingConfig()
    max_gap: int = 8
    """Most words on either side between two tiles of one passage."""
    min_passage_words: int = 6
    """Passages with fewer matched words are dropped as chance matches."""


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
    chains: list[list[Tile]] = []
    for tile in sorted(tiles, key=lambda t: (t.a, t.b)):
        if chains:
            last = chains[-1][-1]
            if last.b_end <= tile.b <= last.b_end + max_gap and tile.a - last.a_end <= max_gap:
                chains[-1].append(tile)
                continue
        chains.append([tile])
    return chains


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
    matches: list[Tile] = []
    edits: list[Edit] = []
    edit_start: tuple[int, int] | None = None
    for tag, i1, i2, j1, _ in Indel.opcodes(a_keys[a:a_end].tolist(), b_keys[b:b_end].tolist()):
        if tag == "equal":
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
    tiles = find_tiles(a_keys, b_keys, config.tiling)
    # Chance matches between two passages break a chain; drop short chains and chain again.
    for _ in range(2):
        chains = _chains(tiles, config.max_gap)
        long_chains = [
            chain
            for chain in chains
            if sum(tile.length for tile in chain) >= config.min_passage_words
        ]
        tiles = [tile for chain in long_chains for tile in chain]
        if len(long_chains) == len(chains):
            break
    passages = tuple(_passage(chain, a_keys, b_keys) for chain in _chains(tiles, config.max_gap))
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
