"""Word tokens with character offsets, and the folded keys used to match them.

Tokenizing is the one step that touches every character, so it runs as a handful of whole-string
operations in C (one regex split, one ``casefold``, one ``translate``) instead of a Python loop
per token. Matching compares *keys*: a 64-bit xxhash of each token's folded form, so that
"U.S." matches "US", "Iran’s" matches "Iran's" and "Café" matches "cafe", while the raw tokens
and the text between them (``gaps``) stay available to report those differences as cosmetic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import regex
import xxhash

__all__ = ["Tokens", "fold", "fold_words", "tokenize"]

# One capture group, so that ``split`` returns gap, token, gap, token, ..., gap.
# Order matters: dotted abbreviations (U.S., e.g.) and numbers with separators (1,000  3.5  20:14)
# are tried before plain words, and words keep inner apostrophes (Shi'ite, Iran’s).
# The standard ``re`` engine runs this split 1.7x faster than ``regex`` (measured on a
# 60,000-character article); its ``\w`` leaves out combining marks, which only splits words
# of decomposed or Indic text into more tokens, the same way in both texts.
_TOKEN = re.compile(r"((?:[^\W\d_]\.){2,}|\d+(?:[.,:]\d+)+|\w+(?:['’ʼ]\w+)*)")
_COMBINING = regex.compile(r"\p{M}+")
_SEPARATOR = "\x00"


def fold(text: str) -> str:
    """Fold case, apostrophes, abbreviation dots and diacritics: the form tokens match on."""
    # Chained ``replace`` calls: ``str.translate`` with a dict is several times slower here.
    folded = (
        text.casefold()
        .replace("’", "'")
        .replace("‘", "'")
        .replace("ʼ", "'")
        .replace("`", "'")
        .replace(".", "")
    )
    if folded.isascii():
        return folded
    return _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


def fold_words(text: str) -> list[str]:
    """The folded words of a short text, tokenized exactly as ``tokenize`` does."""
    return [fold(word) for word in _TOKEN.findall(text)]


@dataclass(frozen=True, slots=True, eq=False)
class Tokens:
    """The words of one text: surface forms, folded forms, keys and character offsets.

    ``gaps[i]`` is the text before token ``i`` and ``gaps[-1]`` the text after the last token,
    so ``gaps[0] + raw[0] + gaps[1] + ... + raw[-1] + gaps[-1] == text``.
    """

    text: str
    raw: list[str]
    folded: list[str]
    keys: npt.NDArray[np.uint64]
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]
    gaps: list[str]

    def __len__(self) -> int:
        return len(self.raw)


def tokenize(text: str) -> Tokens:
    """Split ``text`` into word tokens with offsets into ``text`` itself."""
    parts = _TOKEN.split(text)
    raw = parts[1::2]
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    ends_all = np.cumsum(lengths)
    starts = (ends_all - lengths)[1::2]
    ends = ends_all[1::2]
    folded_text = fold(_SEPARATOR.join(raw))
    folded = folded_text.split(_SEPARATOR) if raw else []
    encoded = folded_text.encode("utf-8", "surrogatepass").split(_SEPARATOR.encode()) if raw else []
    keys = np.fromiter(map(xxhash.xxh3_64_intdigest, encoded), dtype=np.uint64, count=len(raw))
    return Tokens(
        text=text,
        raw=raw,
        folded=folded,
        keys=keys,
        starts=starts,
        ends=ends,
        gaps=parts[0::2],
    )
