"""Per-code-point tables and the polynomial hash behind ``retold.tokens.tokenize``.

The tokenizer classifies and folds every character of an article with numpy fancy indexing
into these tables, instead of a regex engine or a Python call per character. The tables are
built once, on first use (about 50 ms), from the very definitions they stand for: the ``re``
classes ``\\w`` and ``\\d`` (found as runs over a string of every code point) and the
``fold`` function of ``retold.tokens`` (applied to every character a token can hold, in one
call). So a lookup answers exactly what those would, on this Python's Unicode version.

Keys are 64-bit polynomial hashes modulo 2**64 (numpy's uint64 arithmetic wraps), which can be
combined piece by piece: the hash of a folded token is assembled from the hashes of its
characters' folded forms with prefix sums, without a loop per token or per character.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

__all__ = [
    "APOSTROPHE",
    "DIGIT",
    "DOT",
    "LETTER",
    "SEPARATOR",
    "WORD",
    "CharTables",
    "char_tables",
    "combine_hashes",
    "finalize",
]

UInt64Array = npt.NDArray[np.uint64]
IntArray = npt.NDArray[np.int64]

# Class bits, one byte per code point.
WORD = 1  # ``\w``: str.isalnum() or "_"
DIGIT = 2  # ``\d``: a decimal digit in any script
LETTER = 4  # ``[^\W\d_]``: a word character that is neither a digit nor "_"
APOSTROPHE = 8  # may join two words: Iran's, Shi’ite
DOT = 16  # ends each letter of U.S., e.g.
SEPARATOR = 32  # may join two digit runs: 1,000  3.5  20:14

_APOSTROPHES = "'’ʼ"
_SEPARATORS = ".,:"
_UNICODE_SIZE = 0x110000

# An odd base: powers of it never vanish modulo 2**64. The other two are the mixing constants of
# MurmurHash3's 64-bit finalizer, a bijection that spreads every input bit over the output, so
# that callers may use any bits of a key (shingle hashes multiply and xor them).
_BASE = np.uint64(0xD6E8FEB86659FD93)
_LENGTH_MIX = np.uint64(0x9FB21C651E98DF25)
_FMIX_1 = np.uint64(0xFF51AFD7ED558CCD)
_FMIX_2 = np.uint64(0xC4CEB9FE1A85EC53)
_powers: UInt64Array = np.ones(1, dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class CharTables:
    """``classes[cp]``: class bits of any code point. ``fold_lengths[cp]`` and
    ``fold_hashes[cp]``: length and hash of ``fold(chr(cp))`` for the characters a token can hold
    (word characters, apostrophes and ``.,:``), indexed up to the largest of them."""

    classes: npt.NDArray[np.uint8]
    fold_lengths: IntArray
    fold_hashes: UInt64Array


def _decode(code_points: npt.NDArray[np.uint32]) -> str:
    return code_points.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")


def _mark_runs(
    classes: npt.NDArray[np.uint8], bit: int, pattern: str, text: str, offsets: IntArray
) -> None:
    """Set ``bit`` on the code points ``pattern`` matches; ``text[k]`` is code point ``offsets[k]``.

    The matches are maximal runs (``\\w+``): a few hundred over the whole of Unicode.
    """
    delta = np.zeros(len(text) + 1, dtype=np.int8)
    spans = np.array([match.span() for match in re.finditer(pattern, text)], dtype=np.int64)
    if len(spans):
        delta[spans[:, 0]] = 1
        delta[spans[:, 1]] -= 1
    inside = np.cumsum(delta[:-1], dtype=np.int8).astype(bool)
    classes[offsets[inside]] |= bit


def _build_classes() -> npt.NDArray[np.uint8]:
    every = np.arange(_UNICODE_SIZE, dtype=np.int64)
    classes = np.zeros(_UNICODE_SIZE, dtype=np.uint8)
    _mark_runs(classes, WORD, r"\w+", _decode(every.astype(np.uint32)), every)
    words = np.flatnonzero(classes & WORD)
    _mark_runs(classes, DIGIT, r"\d+", _decode(words.astype(np.uint32)), words)
    letters = words[(classes[words] & DIGIT == 0) & (words != ord("_"))]
    classes[letters] |= LETTER
    for char in _APOSTROPHES:
        classes[ord(char)] |= APOSTROPHE
    for char in _SEPARATORS:
        classes[ord(char)] |= SEPARATOR
    classes[ord(".")] |= DOT
    return classes


def _build_fold(fold: Callable[[str], str], chars: IntArray) -> tuple[IntArray, UInt64Array]:
    """Length and hash of ``fold(chr(c))`` for each of ``chars``, with one call to ``fold``.

    The characters are folded as one string with NUL between them: ``fold`` works character by
    character (case folding has no context, and the combining marks that NFKD reorders are all
    removed), and NUL folds to itself and stops any reordering.
    """
    joined = np.zeros(2 * len(chars) - 1, dtype=np.uint32)
    joined[0::2] = chars
    folded = _code_points(fold(_decode(joined)))
    breaks = np.flatnonzero(folded == 0)
    if len(breaks) != len(chars) - 1:
        raise AssertionError("fold() must map NUL to itself and no character to NUL")
    lengths = np.diff(breaks, prepend=-1, append=len(folded)) - 1
    letters = folded[folded != 0].astype(np.uint64)
    hashes, _ = combine_hashes(letters, np.ones(len(letters), dtype=np.int64), lengths)
    return lengths, hashes


@cache
def char_tables(fold: Callable[[str], str]) -> CharTables:
    """The tables for ``fold``, built on the first call and kept."""
    classes = _build_classes()
    chars = np.flatnonzero(classes & (WORD | APOSTROPHE | SEPARATOR))
    lengths, hashes = _build_fold(fold, chars)
    size = int(chars[-1]) + 1
    fold_lengths = np.zeros(size, dtype=np.int64)
    fold_hashes = np.zeros(size, dtype=np.uint64)
    fold_lengths[chars] = lengths
    fold_hashes[chars] = hashes
    return CharTables(classes, fold_lengths, fold_hashes)


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _powers_of_base(count: int) -> UInt64Array:
    """``BASE**0 .. BASE**(count - 1)`` modulo 2**64 (at least), cached and grown by doubling."""
    global _powers
    if len(_powers) < count:
        factors = np.full(max(count, 2 * len(_powers)), _BASE, dtype=np.uint64)
        factors[0] = 1
        _powers = np.cumprod(factors, dtype=np.uint64)
    return _powers


def combine_hashes(
    hashes: UInt64Array, lengths: IntArray, counts: IntArray
) -> tuple[UInt64Array, IntArray]:
    """Hash and length of each group of consecutive pieces; group ``g`` has ``counts[g]`` pieces.

    Piece ``j`` stands for a string of ``lengths[j]`` code points whose polynomial hash is
    ``hashes[j]``; a group's hash is that of the concatenation of its pieces,
    ``sum(hashes[j] * BASE**(code points after piece j in the group))``, computed with one
    ``repeat`` and two prefix sums whatever the sizes of the groups (empty ones hash to 0).
    """
    bounds = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=bounds[1:])
    ends = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=ends[1:])
    group_ends = ends[bounds]
    exponents = np.repeat(group_ends[1:], counts) - ends[1:]
    sums = np.zeros(len(hashes) + 1, dtype=np.uint64)
    if len(hashes):
        terms = hashes * _powers_of_base(int(exponents.max()) + 1)[exponents]
        np.cumsum(terms, out=sums[1:])
    return sums[bounds[1:]] - sums[bounds[:-1]], np.diff(group_ends)


def finalize(hashes: UInt64Array, lengths: IntArray) -> UInt64Array:
    """Keys from polynomial hashes: the length mixed in, then MurmurHash3's finalizer."""
    keys = hashes + lengths.astype(np.uint64) * _LENGTH_MIX
    keys ^= keys >> np.uint64(33)
    keys *= _FMIX_1
    keys ^= keys >> np.uint64(33)
    keys *= _FMIX_2
    keys ^= keys >> np.uint64(33)
    return keys
