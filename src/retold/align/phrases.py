"""Lone phrases: short exact passages that stand alone are a shared name, not a retelling.

Two texts on one subject share names and set phrases ("the U.S. Fish and Wildlife Service",
"in the same period last year") whether or not one retells the other. A short run is evidence
of reuse only next to other shared text; alone, it is marked ``kind="phrase"``. It stays a
passage (the word-level diff still shows it, and the similarity counts its words), but it is
not reported as reuse (``retold.evaluate.pan_corpus.reported_passages``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from retold.config import AlignConfig
from retold.records import Passage

__all__ = ["marked_phrases"]


def marked_phrases(
    passages: Sequence[Passage], stretches: Sequence[Passage], config: AlignConfig
) -> tuple[Passage, ...]:
    """``passages`` with each lone short exact one marked ``phrase``: fewer than
    ``config.phrase_words`` words, and no other passage or stretch within
    ``config.phrase_distance`` characters of it in both texts (text near it in one only is
    not one retold stretch with it)."""
    others = [*passages, *stretches]
    marked = []
    for passage in passages:
        lone = (
            passage.kind == "exact"
            and passage.words < config.phrase_words
            and not any(
                other is not passage and _near(passage, other, config.phrase_distance)
                for other in others
            )
        )
        marked.append(dataclasses.replace(passage, kind="phrase") if lone else passage)
    return tuple(marked)


def _near(one: Passage, other: Passage, distance: int) -> bool:
    """Whether ``other`` lies within ``distance`` characters of ``one`` in A and in B."""
    in_a = other.a_start - one.a_end <= distance and one.a_start - other.a_end <= distance
    in_b = other.b_start - one.b_end <= distance and one.b_start - other.b_end <= distance
    return in_a and in_b
