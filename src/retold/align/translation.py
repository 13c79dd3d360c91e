"""Passages of A retold in B in another language: sentences matched by meaning, not words.

A translation shares names and numbers with its original and little else, so neither exact
alignment nor the shared-word seeds of ``retold.align.paraphrase`` find it. Here the sentences
of both texts are embedded by a multilingual sentence encoder (``retold.embeddings``); a
sentence pair is a seed when its cosine reaches ``min_cosine`` and each sentence is among the
other's two nearest (a translated sentence has one counterpart, a sentence on the same topic has
many near ones); passages then grow from the seeds exactly as rewritten passages do
(``grow_passages``), with the cosine of the runs' summed embeddings as their similarity.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from retold.align.paraphrase import RewrittenPassage, grow_passages, sentence_spans
from retold.config import ParaphraseConfig
from retold.embeddings import SentenceEncoder, Vectors

__all__ = ["clear_embedding_cache", "translated_passages"]

_NEAREST = 2
"""A seed's sentences are each among the other's this many nearest sentences."""


@lru_cache(maxsize=64)
def _embedded(text: str, spans: tuple[tuple[int, int], ...], encoder: SentenceEncoder) -> Vectors:
    """The sentences' vectors; cached, as one document meets many others."""
    return encoder.encode([text[start:end] for start, end in spans])


def clear_embedding_cache() -> None:
    """Forget the cached sentence vectors (``retold.core.clear_document_caches``)."""
    _embedded.cache_clear()


def _nearest(cosine: Vectors, axis: int) -> npt.NDArray[np.bool_]:
    """Where a cell is among the ``_NEAREST`` largest of its row (axis 1) or column (axis 0)."""
    count = min(_NEAREST, cosine.shape[axis])
    kth = -np.partition(-cosine, count - 1, axis=axis).take([count - 1], axis=axis)
    return cosine >= kth


def translated_passages(
    a_text: str,
    b_text: str,
    exact: Sequence[tuple[int, int, int, int]],
    config: ParaphraseConfig,
    encoder: SentenceEncoder,
) -> list[RewrittenPassage]:
    """Passages of A retold in B in another language (see the module docstring)."""
    a_spans = sentence_spans(a_text, config.max_sentence_words)
    b_spans = sentence_spans(b_text, config.max_sentence_words)
    if not a_spans or not b_spans or len(a_spans) * len(b_spans) > config.max_sentence_pairs:
        return []
    a_vectors = _embedded(a_text, a_spans, encoder)
    b_vectors = _embedded(b_text, b_spans, encoder)
    cosine = a_vectors @ b_vectors.T
    seeding = (cosine >= config.min_cosine) & _nearest(cosine, 0) & _nearest(cosine, 1)
    rows, columns = np.nonzero(seeding)
    seeds = set(zip(rows.tolist(), columns.tolist(), strict=True))
    if not seeds:
        return []

    def run_similarity(rows_a: npt.NDArray[np.int64], first_b: int, last_b: int) -> float:
        a = a_vectors[rows_a].sum(axis=0)
        b = b_vectors[first_b : last_b + 1].sum(axis=0)
        norm = float(np.linalg.norm(a) * np.linalg.norm(b))
        return float(a @ b) / norm if norm else 0.0

    return grow_passages(seeds, cosine, a_spans, b_spans, run_similarity, exact, config)
