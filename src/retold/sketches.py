"""Sentence sketches: keys that two rewritten sentences share with high probability.

Winnowing fingerprints (``retold.fingerprints``) find every pair of documents sharing a run of
40 identical words; a rewritten copy may share none. Rewritten sentences keep most of their
content words, in another order and form, so here each sentence is the *set* of its content
words (stemmed, stop words dropped: the words ``retold.align.paraphrase`` compares) and gets a
MinHash sketch cut in ``bands`` bands of ``rows`` values (locality-sensitive hashing, Broder
1997; Indyk and Motwani 1998). Two sentences whose word sets have Jaccard similarity ``J``
share at least one band key with probability ``1 - (1 - J**rows) ** bands``: with the defaults
(3 rows, 30 bands) 0.9995 at J = 0.6, 0.98 at 0.5, 0.86 at 0.4, 0.56 at 0.3, 0.21 at 0.2.

So loose a net catches many sentences that only share a few words, so each catch is checked:
a *window signature* per sentence (the MinHash of the words of the sentence and its
neighbours, ``window`` on each side: the element-wise minimum of their sketches) estimates how
alike the two windows are, as the share of equal values. A rewritten passage is alike around
the caught sentence too; a stock sentence two unrelated pages share, or two articles on one
topic, seldom are. A document pair is a candidate when one caught sentence pair passes
(``min_window_similarity``).

Everything is vectorized per document: term hashes (xxhash), one multiply-xor hash family over
all terms at once, the per-sentence minimum by ``np.minimum.reduceat``, and the band keys by
mixing each band's values.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import xxhash

from retold.align.paraphrase import sentence_words
from retold.config import SketchConfig

__all__ = [
    "CAUGHT_SENTENCES",
    "passed_sentences",
    "sentence_sketches",
    "signature_bytes",
    "signature_matches",
    "window_signatures",
]

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


def _sentence_minima(
    text: str, config: SketchConfig
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.uint64], int]:
    """The sentences with content words, their distinct word counts, their MinHash values
    (``rows * bands`` per sentence) and the number of sentences of ``text``."""
    words = sentence_words(text, config.stem_length, config.max_sentence_words)
    empty = np.zeros(0, dtype=np.int64)
    if not words.terms:
        return empty, empty, np.zeros((0, config.rows * config.bands), np.uint64), len(words.spans)
    hashes = np.fromiter(
        (xxhash.xxh64_intdigest(term.encode(), _SEED) for term in words.terms),
        dtype=np.uint64,
        count=len(words.terms),
    )
    # Each sentence's distinct words, sorted by sentence (np.unique sorts rows first).
    cells = np.unique(np.stack([words.rows.astype(np.uint64), hashes], axis=1), axis=0)
    rows, hashes = cells[:, 0].astype(np.int64), cells[:, 1]
    sentences, starts, counts = np.unique(rows, return_index=True, return_counts=True)
    multipliers, offsets = _family(config.rows * config.bands)
    minima = _minima(hashes, starts, multipliers, offsets)
    return sentences, counts, minima, len(words.spans)


def sentence_sketches(
    text: str, config: SketchConfig | None = None
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int32]]:
    """Band keys of the sentences of ``text`` with at least ``min_words`` distinct content
    words, and the sentence each key belongs to (``bands`` keys per sentence)."""
    config = config or SketchConfig()
    sentences, counts, minima, _ = _sentence_minima(text, config)
    keep = counts >= config.min_words
    if not keep.any():
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int32)
    bands = minima[keep].reshape(int(keep.sum()), config.bands, config.rows)
    keys = np.arange(config.bands, dtype=np.uint64)[None, :] + np.uint64(_SEED)
    with np.errstate(over="ignore"):
        for row in range(config.rows):
            keys = (keys * _MIX) ^ bands[:, :, row]
    sentence_of_key = np.repeat(sentences[keep].astype(np.int32), config.bands)
    return keys.reshape(-1), sentence_of_key


def window_signatures(
    text: str, config: SketchConfig | None = None
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.uint32]]:
    """For each sentence that has band keys (``sentence_sketches``), the window signature:
    the first ``signature_size`` MinHash values of the words of the sentences ``window``
    before it to ``window`` after it (the element-wise minimum of theirs), their high 32 bits
    (which keep the order: the window's value is still the minimum of its sentences')."""
    config = config or SketchConfig()
    sentences, counts, minima, total = _sentence_minima(text, config)
    keep = counts >= config.min_words
    if not keep.any():
        return np.zeros(0, dtype=np.int32), np.zeros((0, config.signature_size), np.uint32)
    every = np.full((total, config.signature_size), np.iinfo(np.uint64).max, dtype=np.uint64)
    every[sentences] = minima[:, : config.signature_size]
    window = every.copy()
    for step in range(1, config.window + 1):
        np.minimum(window[step:], every[:-step], out=window[step:])
        np.minimum(window[:-step], every[step:], out=window[:-step])
    chosen = sentences[keep]
    return chosen.astype(np.int32), (window[chosen] >> np.uint64(32)).astype(np.uint32)


def signature_bytes(signatures: npt.NDArray[np.uint32]) -> list[bytes]:
    """Window signatures as stored: one little-endian byte string per sentence."""
    return [row.tobytes() for row in signatures.astype("<u4", copy=False)]


def signature_matches(first: pa.Array, second: pa.Array, size: int) -> npt.NDArray[np.int64]:
    """How many of the ``size`` values of two columns of stored window signatures are equal,
    row by row (the share estimates the Jaccard similarity of the two windows' words)."""
    equal = _signature_matrix(first, size) == _signature_matrix(second, size)
    return np.asarray(np.count_nonzero(equal, axis=1), dtype=np.int64)


def _signature_matrix(column: pa.Array, size: int) -> npt.NDArray[np.uint32]:
    values = column.cast(pa.large_binary())
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int64)[
        values.offset : values.offset + len(values) + 1
    ]
    if len(values) == 0:
        return np.zeros((0, size), dtype=np.uint32)
    if np.any(np.diff(offsets) != 4 * size):
        raise ValueError(f"window signatures must hold {size} values each")
    data = np.frombuffer(values.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
    return data.view("<u4").reshape(len(values), size)


CAUGHT_SENTENCES = pa.schema(
    [
        ("a_doc", pa.int64()),
        ("a_sentence", pa.int32()),
        ("b_doc", pa.int64()),
        ("b_sentence", pa.int32()),
        ("matches", pa.int32()),
    ]
)
"""Sentence pairs that share a sketch key and pass the window check, with how many of their
window-signature values are equal."""


def passed_sentences(batch: pa.RecordBatch, config: SketchConfig) -> pa.RecordBatch:
    """The rows of ``batch`` (caught sentence pairs with ``a_signature`` and ``b_signature``)
    whose windows agree on at least ``config.min_matches`` values, as ``CAUGHT_SENTENCES``
    (``matches``: how many agree)."""
    matches = signature_matches(
        batch.column("a_signature"), batch.column("b_signature"), config.signature_size
    )
    keep = matches >= config.min_matches
    mask = pa.array(keep)
    columns = {
        "matches": pa.array(matches[keep]),
        **{name: batch.column(name).filter(mask) for name in CAUGHT_SENTENCES.names[:4]},
    }
    return pa.RecordBatch.from_arrays(
        [columns[field.name].cast(field.type) for field in CAUGHT_SENTENCES],
        schema=CAUGHT_SENTENCES,
    )
