"""Winnowing fingerprints: a few hashes per document that any long shared passage must share.

Schleimer, Wilkerson and Aiken's winnowing (SIGMOD 2003): hash every k-word shingle, slide a
window of w consecutive shingle hashes, and keep the minimum of each window (the rightmost one
on ties, so that neighbouring windows agree). Two documents that share a run of at least
``t = w + k - 1`` words share all the w shingles of at least one window, hence its minimum: they
are guaranteed to share a fingerprint. Shorter runs may or may not be found.

Everything is vectorized: shingle hashes come from ``retold.shingles`` and the window minima
from a strided view and one ``argmin``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from retold.config import FingerprintConfig
from retold.shingles import shingle_hashes

__all__ = ["Fingerprints", "fingerprint"]


@dataclass(frozen=True, slots=True, eq=False)
class Fingerprints:
    """The selected shingle hashes of one document and the token position of each."""

    hashes: npt.NDArray[np.uint64]
    positions: npt.NDArray[np.int64]


def fingerprint(
    keys: npt.NDArray[np.uint64], config: FingerprintConfig | None = None
) -> Fingerprints:
    """Winnow the token keys of one document (boilerplate already removed).

    A document with fewer shingles than a window keeps its single smallest shingle, so even
    short documents can be found when another text contains all of them.
    """
    config = config or FingerprintConfig()
    hashes = shingle_hashes(keys, config.k)
    if len(hashes) == 0:
        return Fingerprints(np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64))
    window = min(config.w, len(hashes))
    windows = sliding_window_view(hashes, window)
    # argmin on the reversed window finds the rightmost minimum (robust winnowing).
    offsets = window - 1 - np.argmin(windows[:, ::-1], axis=1)
    positions = np.unique(np.arange(len(windows)) + offsets)
    return Fingerprints(hashes[positions], positions.astype(np.int64))
