"""Per-code-point tables and the polynomial hash behind ``retold.tokens.tokenize``.

The tokenizer classifies and folds every character of an article with numpy lookups into these
tables, instead of a regex engine or a Python call per character. The tables are built once, on
first use (about 80 ms), from the very definitions they stand for: the ``re`` classes ``\\w``
and ``\\d`` (matched as runs over a string of every code point) and the ``fold`` function of
``retold.tokens`` (applied to every character a token can hold, in a single call). A lookup thus
answers exactly what those would, on this Python's Unicode version.

A token's key is a polynomial hash of its folded form modulo 2**64 (numpy's uint64 arithmetic
wraps), finalized by a bit mixer. Polynomial hashes compose: the hash of a folded token is
assembled from the hashes of its characters' folded forms with prefix sums, with no loop per
token or per character.
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
    "CJK",
    "CJK_RANGES",
    "DIGIT",
    "DOT",
    "LETTER",
    "SEPARATOR",
    "WORD",
    "CharTables",
    "char_tables",
    "char_tables_built",
    "combine_hashes",
    "finalize",
    "string_hashes",
]

UInt64Array = npt.NDArray[np.uint64]
IntArray = npt.NDArray[np.int64]

# Class bits, one byte per code point.
WORD = 1  # ``\w``: str.isalnum() or "_"
DIGIT = 2  # ``\d``: a decimal digit, in any script
LETTER = 4  # ``[^\W\d_]``: a word character that is neither a digit nor "_"
APOSTROPHE = 8  # joins two words: Iran's, Shi’ite
SEPARATOR = 32  # joins two numbers: 1,000  3.5  20:14
DOT = 16  # ends each letter of an abbreviation: U.S., e.g.
CJK = 64  # a Han, Hiragana or Katakana character: a token by itself (no spaces between words)

CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Scripts written without spaces between words, as a regex character-class body."""

_APOSTROPHES = "'’ʼ"
_SEPARATORS = ".,:"
_UNICODE_SIZE = 0x110000

# The base is odd, so its powers never vanish modulo 2**64. The other constants: an odd
# multiplier for the length, and those of MurmurHash3's 64-bit finalizer, a bijection that
# spreads every input bit over the whole key, so callers may use any of its bits.
_BASE = np.uint64(0xD6E8FEB86659FD93)
_LENGTH_MIX = np.uint64(0x9FB21C651E98DF25)
_FMIX_1 = np.uint64(0xFF51AFD7ED558CCD)
_FMIX_2 = np.uint64(0xC4CEB9FE1A85EC53)
_SHIFT = np.uint64(33)
_powers: UInt64Array = np.ones(1, dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class CharTables:
    """Lookup tables indexed by code point.

    ``classes``: the class bits of every code point. ``fold_lengths``/``fold_hashes``: length
    and hash of ``fold(chr(cp))`` for word characters, 0 for anything else (their last entry is
    always 0, for lookups clipped to the table). ``joint_lengths``/``joint_hashes``: the same for
    the punctuation that may stand inside a token (apostrophes and ``.,:``).
    """

    classes: npt.NDArray[np.uint8]
    fold_lengths: IntArray
    fold_hashes: UInt64Array
    joint_lengths: IntArray
    joint_hashes: UInt64Array


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _decode(code_points: npt.NDArray[np.int64] | npt.NDArray[np.uint32]) -> str:
    return code_points.astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")


def _mark_runs(classes: npt.NDArray[np.uint8], bit: int, pattern: str, chars: IntArray) -> None:
    """Set ``bit`` on those of ``chars`` (code points, ascending) that ``pattern`` matches.

    The matches are maximal runs (``\\w+``): a few hundred over the whole of Unicode.
    """
    delta = np.zeros(len(chars) + 1, dtype=np.int8)
    spans = np.array([match.span() for match in re.finditer(pattern, _decode(chars))])
    if len(spans):
        delta[spans[:, 0]] = 1
        delta[spans[:, 1]] -= 1
    inside = np.cumsum(delta[:-1], dtype=np.int8).astype(bool)
    classes[chars[inside]] |= bit


def _build_classes() -> npt.NDArray[np.uint8]:
    classes = np.zeros(_UNICODE_SIZE, dtype=np.uint8)
    _mark_runs(classes, WORD, r"\w+", np.arange(_UNICODE_SIZE))
    words = np.flatnonzero(classes & WORD)
    _mark_runs(classes, DIGIT, r"\d+", words)
    classes[words[(classes[words] & DIGIT == 0) & (words != ord("_"))]] |= LETTER
    # Joining characters are never word characters: "ʼ" (U+02BC) is a letter, which ``\w+``
    # takes before the regex can see it as an apostrophe.
    for low, high in ((0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
        cjk = np.arange(low, high + 1)
        classes[cjk[(classes[cjk] & WORD) != 0]] |= CJK
    for chars, bit in ((_APOSTROPHES, APOSTROPHE), (_SEPARATORS, SEPARATOR), (".", DOT)):
        for char in chars:
            if not classes[ord(char)] & WORD:
                classes[ord(char)] |= bit
    return classes


def _build_fold(
    fold: Callable[[str], str], chars: IntArray, size: int
) -> tuple[IntArray, UInt64Array]:
    """Tables of length and hash of ``fold(chr(c))`` for ``chars``, 0 elsewhere below ``size``.

    The characters are folded as one string with NUL between them: ``fold`` works character by
    character (case folding has no context, and the combining marks whose order NFKD fixes are
    all removed), and NUL folds to itself and stops any reordering.
    """
    joined = np.zeros(2 * len(chars) - 1, dtype=np.int64)
    joined[0::2] = chars
    folded = _code_points(fold(_decode(joined)))
    breaks = np.flatnonzero(folded == 0)
    if len(breaks) != len(chars) - 1:
        raise AssertionError("fold() must keep NUL, and map no other character to NUL")
    lengths = np.zeros(size, dtype=np.int64)
    hashes = np.zeros(size, dtype=np.uint64)
    lengths[chars] = np.diff(breaks, prepend=-1, append=len(folded)) - 1
    hashes[chars] = string_hashes(folded[folded != 0], lengths[chars])
    return lengths, hashes


@cache
def char_tables(fold: Callable[[str], str]) -> CharTables:
    """The tables for ``fold``, built on the first call and kept."""
    classes = _build_classes()
    words = np.flatnonzero(classes & WORD)
    joints = np.flatnonzero(classes & (APOSTROPHE | SEPARATOR))
    fold_lengths, fold_hashes = _build_fold(fold, words, int(words[-1]) + 2)
    joint_lengths, joint_hashes = _build_fold(fold, joints, int(joints[-1]) + 2)
    return CharTables(classes, fold_lengths, fold_hashes, joint_lengths, joint_hashes)


def char_tables_built() -> bool:
    """Whether ``char_tables`` has already been called in this process."""
    return char_tables.cache_info().currsize > 0


def _powers_of_base(count: int) -> UInt64Array:
    """``BASE**0 .. BASE**(count - 1)`` modulo 2**64 (at least), cached and grown by doubling."""
    global _powers
    if len(_powers) < count:
        factors = np.full(max(count, 2 * len(_powers)), _BASE, dtype=np.uint64)
        factors[0] = 1
        _powers = np.cumprod(factors, dtype=np.uint64)
    return _powers


def string_hashes(code_points: npt.NDArray[np.uint32], lengths: IntArray) -> UInt64Array:
    """Polynomial hash of each string, the strings being ``lengths`` long and concatenated in
    ``code_points``: ``sum(code_points[j] * BASE**(code points after j in its string))``."""
    ends = np.cumsum(lengths)
    exponents = np.repeat(ends, lengths)
    exponents -= np.arange(1, len(code_points) + 1)
    sums = np.zeros(len(code_points) + 1, dtype=np.uint64)
    if len(code_points):
        powers = _powers_of_base(int(lengths.max()) + 1)
        np.cumsum(code_points * np.take(powers, exponents), out=sums[1:])
    hashes: UInt64Array = sums[ends] - sums[ends - lengths]
    return hashes


def combine_hashes(
    hashes: UInt64Array, lengths: IntArray, counts: IntArray
) -> tuple[UInt64Array, IntArray]:
    """Hash and length of each group of consecutive pieces; group ``g`` has ``counts[g] > 0``.

    Piece ``j`` stands for a string of ``lengths[j]`` code points whose hash is ``hashes[j]``;
    a group's hash is that of the concatenation of its pieces (``string_hashes`` of it),
    ``sum(hashes[j] * BASE**(code points after piece j in its group))``, computed with prefix
    sums whatever the sizes of the groups.
    """
    bounds = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=bounds[1:])
    ends = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=ends[1:])
    group_lengths = np.diff(ends[bounds])
    sums = np.zeros(len(hashes) + 1, dtype=np.uint64)
    if len(hashes):
        # The exponent of piece j is the length of the pieces after it in its group: a prefix
        # sum of steps, down by each piece's length and up by a group's length at its start.
        steps = -lengths
        steps[bounds[:-1]] += group_lengths
        exponents = np.cumsum(steps)
        powers = _powers_of_base(int(group_lengths.max()) + 1)
        np.cumsum(hashes * np.take(powers, exponents), out=sums[1:])
    return sums[bounds[1:]] - sums[bounds[:-1]], group_lengths


def finalize(hashes: UInt64Array, lengths: IntArray) -> UInt64Array:
    """Keys from polynomial hashes: the length mixed in, then MurmurHash3's finalizer."""
    keys = hashes + lengths.astype(np.uint64) * _LENGTH_MIX
    keys ^= keys >> _SHIFT
    keys *= _FMIX_1
    keys ^= keys >> _SHIFT
    keys *= _FMIX_2
    keys ^= keys >> _SHIFT
    return keys
