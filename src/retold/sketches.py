"""Sentence sketches: keys that two rewritten sentences share with high probability.

Winnowing fingerprints (``retold.fingerprints``) find every pair of documents sharing a run of
40 identical words; a rewritten copy may share none. Rewritten sentences keep most of their
content words, in another order and form, so here each sentence is the *set* of its content
words (stemmed, stop words dropped: the words ``retold.align.paraphrase`` compares) and gets a
MinHash sketch cut in ``bands`` bands of ``rows`` values (locality-sensitive hashing, Broder
1997; Indyk and Motwani 1998). Two sentences whose word sets have Jaccard similarity ``J``
share at least one band key with probability ``1 - (1 - J**rows) ** bands``: with the defaults
(5 rows, 30 bands) 0.999 at J = 0.8, 0.90 at 0.6, 0.62 at 0.5, 0.27 at 0.4, 0.01 at 0.2. A
document pair is a candidate when ``min_sentences`` sentences of one share a key with the other:
a rewritten passage of five sentences at J = 0.5 is found with probability 0.93, and two
articles on one story, whose sentences share a few words here and there, seldom are.

Everything is vectorized per document: term hashes (xxhash), one multiply-xor hash family over
all terms at once, the per-sentence minimum by ``np.minimum.reduceat``, and the band keys by
mixing each band's values.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import xxhash

from retold.align.paraphrase import sentence_words
from retold.config import SketchConfig

__all__ = ["sentence_sketches"]

_SEED = 0x5EED
_MIX = np.uint64(0x9E3779B97F4A7C15)
"""Fibonacci hashing's multiplier: mixes a band's values into one key."""


def _family(size: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
    """``size`` hash functions ``x -> (a * x) ^ c`` (odd ``a``, mod 2**64), the same in every
    process: the keys of two documents must be comparable."""
    rng = np.random.default_rng(_SEED)
    multipliers = rng.integers(1, 2**63, size=size, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    offsets = rng.integers(0, 2**63, size=size, dtype=np.uint64)
    return multipliers, offsets


_CHUNK_SENTENCES = 512
"""Sentences hashed at once: memory stays ``O(chunk words x hash functions)`` for a document
of any size (the scan accepts documents of tens of megabytes)."""


def _minima(
    hashes: npt.NDArray[np.uint64],
    starts: npt.NDArray[np.int64],
    multipliers: npt.NDArray[np.uint64],
    offsets: npt.NDArray[np.uint64],
) -> npt.NDArray[np.uint64]:
    """Each sentence's minimum of every hash function over its words (``starts``: where each
    sentence's words begin in ``hashes``)."""
    bounds = [*starts.tolist(), len(hashes)]
    chunks = []
    for first in range(0, len(starts), _CHUNK_SENTENCES):
        last = min(first + _CHUNK_SENTENCES, len(starts))
        low, high = bounds[first], bounds[last]
        with np.errstate(over="ignore"):
            values = (hashes[low:high, None] * multipliers[None, :]) ^ offsets[None, :]
        chunks.append(np.minimum.reduceat(values, starts[first:last] - low, axis=0))
    return np.concatenate(chunks)


def sentence_sketches(
    text: str, config: SketchConfig | None = None
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int32]]:
    """Band keys of the sentences of ``text`` with at least ``min_words`` distinct content
    words, and the sentence each key belongs to (``bands`` keys per sentence)."""
    config = config or SketchConfig()
    words = sentence_words(text, config.stem_length, config.max_sentence_words)
    if not words.terms:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int32)
    hashes = np.fromiter(
        (xxhash.xxh64_intdigest(term.encode(), _SEED) for term in words.terms),
        dtype=np.uint64,
        count=len(words.terms),
    )
    # Each sentence's distinct words, sorted by sentence (np.unique sorts rows first).
    cells = np.unique(np.stack([words.rows.astype(np.uint64), hashes], axis=1), axis=0)
    rows, hashes = cells[:, 0].astype(np.int64), cells[:, 1]
    sentences, starts, counts = np.unique(rows, return_index=True, return_counts=True)
    keep = counts >= config.min_words
    if not keep.any():
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int32)
    multipliers, offsets = _family(config.rows * config.bands)
    minima = _minima(hashes, starts, multipliers, offsets)[keep]
    bands = minima.reshape(len(minima), config.bands, config.rows)
    keys = np.arange(config.bands, dtype=np.uint64)[None, :] + np.uint64(_SEED)
    with np.errstate(over="ignore"):
        for row in range(config.rows):
            keys = (keys * _MIX) ^ bands[:, :, row]
    sentence_of_key = np.repeat(sentences[keep].astype(np.int32), config.bands)
    return keys.reshape(-1), sentence_of_key
