"""Hashes of word n-grams (shingles), computed over token keys with numpy.

One function serves the aligner's seeds, the scanner's fingerprints and the detection of
paragraphs that repeat inside a page: all need "the same n words here and there" as one 64-bit
number per position, without a Python loop over positions.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["shingle_hashes"]

_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


def shingle_hashes(keys: npt.NDArray[np.uint64], size: int) -> npt.NDArray[np.uint64]:
    """Hash of the ``size`` keys starting at each position (``len(keys) - size + 1`` values).

    Multiply-xor over the window, with uint64 wraparound; deterministic across processes
    because the token keys are (xxhash).
    """
    count = len(keys) - size + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    hashes = keys[:count].copy()
    for offset in range(1, size):
        hashes *= _MULTIPLIER
        hashes ^= keys[offset : offset + count]
    return hashes
