"""Word tokens with character offsets, and the folded keys used to match them.

Tokenizing is the one step that touches every character, so it runs in numpy over the text's
code points: characters are classified and folded by table lookups (``retold._charclass``),
token boundaries come from the edges of word-character runs, and each token's key is a 64-bit
polynomial hash of its folded form assembled with prefix sums. No Python code runs per token
or per character; a 60,000-character article takes well under a millisecond.

Matching compares *keys*, equal exactly when the folded forms are (up to a 64-bit hash
collision), so that "U.S." matches "US", "Iran’s" matches "Iran's" and "Café" matches "cafe",
while the raw tokens and the text between them (``gaps``) stay available, built on first use,
to report those differences as cosmetic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt
import regex

from retold import _charclass as cc

__all__ = ["Tokens", "fold", "fold_words", "tokenize"]

IntArray = npt.NDArray[np.int64]

# The tokenization rule, as a regex; ``tokenize`` computes the same tokens in numpy, and
# ``fold_words`` (for short strings, where a regex beats numpy's per-call overhead) uses it as is.
# Order matters: dotted abbreviations (U.S., e.g.) and numbers with separators (1,000  3.5  20:14)
# are tried before plain words, and words keep inner apostrophes (Shi'ite, Iran’s). Its ``\w``
# (``re``'s, which leaves out combining marks) only splits words of decomposed or Indic text into
# more tokens, the same way in both texts.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\d+(?:[.,:]\d+)+|\w+(?:['’ʼ]\w+)*")
_COMBINING = regex.compile(r"\p{M}+")
_SEPARATOR = "\x00"

# What covers the end of a run of word characters: a dotted abbreviation, a number with
# separators (the run all digits), or a word (possibly with apostrophes).
_ABBREVIATION, _NUMBER, _WORD = 0, 1, 2


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


@dataclass(frozen=True, eq=False)
class Tokens:
    """The words of one text: keys and character offsets, and on demand their strings.

    ``gaps[i]`` is the text before token ``i`` and ``gaps[-1]`` the text after the last token,
    so ``gaps[0] + raw[0] + gaps[1] + ... + raw[-1] + gaps[-1] == text``. ``raw``, ``gaps`` and
    ``folded`` are built on first access: aligning needs only the keys.
    """

    text: str
    keys: npt.NDArray[np.uint64]
    starts: IntArray
    ends: IntArray

    def __len__(self) -> int:
        return len(self.starts)

    @cached_property
    def _pieces(self) -> list[str]:
        """gap, token, gap, ..., token, gap: the text split at every token boundary."""
        return _split_at(self.text, self.starts, self.ends)

    @cached_property
    def raw(self) -> list[str]:
        return self._pieces[1::2]

    @cached_property
    def gaps(self) -> list[str]:
        return self._pieces[0::2]

    @cached_property
    def folded(self) -> list[str]:
        if not len(self):
            return []
        return fold(_SEPARATOR.join(self.raw)).split(_SEPARATOR)


def _code_points(text: str) -> npt.NDArray[np.uint32]:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _split_at(text: str, starts: IntArray, ends: IntArray) -> list[str]:
    """``text`` cut at ``starts`` and ``ends``, with one ``str.split``.

    A code point absent from the text is inserted at every boundary (NUL unless the text has
    one), then the text is decoded once and split on it.
    """
    code_points = _code_points(text)
    marker = 0
    if "\x00" in text:
        marker = int(np.flatnonzero(np.bincount(code_points, minlength=0xD800) == 0)[0])
    boundaries = np.empty(2 * len(starts), dtype=np.int64)
    boundaries[0::2] = starts
    boundaries[1::2] = ends
    marked = np.insert(code_points, boundaries, marker)
    return marked.tobytes().decode("utf-32-le", "surrogatepass").split(chr(marker))


def _next(values: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """``values`` shifted one run back: ``result[i] == values[i + 1]``, False for the last."""
    shifted = np.zeros_like(values)
    shifted[:-1] = values[1:]
    return shifted


def _resolve_chains(table: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Apply the transitions ``state[i] = table[i, state[i - 1]]`` along the whole sequence.

    Row 0 and every row not joined to its predecessor are constant. The composition of
    consecutive rows is associative, so it is scanned by doubling (Hillis-Steele): after step
    ``k`` each row holds the composition of the ``2**k`` rows ending at it, and stops as soon as
    every row is constant: one or two steps on news text, ``log2(runs)`` at worst.
    """
    step = 1
    while True:
        moving = np.flatnonzero((table[:, 0] != table[:, 1]) | (table[:, 1] != table[:, 2]))
        if not len(moving):
            return table[:, 0]
        table[moving] = np.take_along_axis(table[moving], table[moving - step], axis=1)
        step *= 2


def _boundaries(classes: npt.NDArray[np.uint8]) -> tuple[IntArray, IntArray]:
    """Token starts and ends from the class bits of each character of a text.

    Tokens are made of runs of word characters (``\\w+``). A run may be joined to the next by a
    single character between them, depending on what covers its end, exactly as ``_TOKEN`` scans:

    - an abbreviation: a run of one letter and a following dot start one if the next run is also
      one letter followed by a dot (``U.S.``: two or more letters, each dot included);
    - a number: a run of digits and a ``.,:`` start one if the next run starts with a digit; it
      goes on while the runs are all digits (``1,000,000``). A run that goes on with other word
      characters ends the number after its digits and starts a new token (``3.5km``);
    - a word: otherwise; an apostrophe joins it to the next run (``Shi’ite``, ``Iran's``).

    Whether a run is joined to the previous one thus depends on the run before it, and so on
    (``x'1,000``: the "1" belongs to ``x'1``, so ``000`` is a token of its own): the joins are a
    chain of three-state transitions, resolved for all runs at once by ``_resolve_chains``.
    """
    size = len(classes)
    word = np.zeros(size + 2, dtype=bool)
    word[1:-1] = (classes & cc.WORD) != 0
    edges = np.flatnonzero(word[1:] != word[:-1])
    run_starts, run_ends = edges[0::2], edges[1::2]
    if not len(run_starts):
        return run_starts, run_ends
    classes = np.append(classes, np.uint8(0))  # the class "after" a run ending the text
    first, after = classes[run_starts], classes[run_ends]
    lengths = run_ends - run_starts

    digit_count = np.zeros(size + 1, dtype=np.int64)
    np.cumsum((classes[:-1] & cc.DIGIT) != 0, out=digit_count[1:])
    digits = digit_count[run_ends] - digit_count[run_starts]
    all_digits = digits == lengths
    starts_digit = (first & cc.DIGIT) != 0
    single_letter = (lengths == 1) & ((first & cc.LETTER) != 0)

    # The single character between run i - 1 and run i, if that is all there is between them.
    joint = np.zeros(len(run_starts), dtype=np.uint8)
    one_char = np.flatnonzero(run_starts[1:] - run_ends[:-1] == 1) + 1
    joint[one_char] = after[one_char - 1]

    # Whether run i continues a token that covers the end of run i - 1, by the token's kind.
    goes_on_abbreviation = ((joint & cc.DOT) != 0) & single_letter & ((after & cc.DOT) != 0)
    goes_on_number = ((joint & cc.SEPARATOR) != 0) & starts_digit
    goes_on_word = (joint & cc.APOSTROPHE) != 0

    # The kind of a token starting at run i, and what covers the end of a run that a number
    # went on into: the number if all digits, else the token after the number's digits.
    fresh = np.full(len(run_starts), _WORD, dtype=np.uint8)
    fresh[all_digits & _next(goes_on_number)] = _NUMBER
    fresh[single_letter & _next(goes_on_abbreviation)] = _ABBREVIATION
    last_letter = (classes[run_ends - 1] & cc.LETTER) != 0
    letter_after_digits = (lengths >= 2) & (digits == lengths - 1) & last_letter
    after_number = np.where(all_digits, _NUMBER, _WORD).astype(np.uint8)
    after_number[letter_after_digits & _next(goes_on_abbreviation)] = _ABBREVIATION

    table = np.empty((len(run_starts), 3), dtype=np.uint8)
    table[:, _ABBREVIATION] = np.where(goes_on_abbreviation, _ABBREVIATION, fresh)
    table[:, _NUMBER] = np.where(goes_on_number, after_number, fresh)
    table[:, _WORD] = np.where(goes_on_word, _WORD, fresh)
    covering = _resolve_chains(table)

    before = np.full(len(run_starts), 255, dtype=np.uint8)
    before[1:] = covering[:-1]
    joined = (
        (goes_on_abbreviation & (before == _ABBREVIATION))
        | (goes_on_number & (before == _NUMBER))
        | (goes_on_word & (before == _WORD))
    )
    last = ~_next(joined)
    starts = run_starts[~joined]
    ends = run_ends[last] + (covering[last] == _ABBREVIATION)  # the abbreviation's final dot
    split = goes_on_number & (before == _NUMBER) & ~all_digits
    if split.any():  # a number ends inside the run (3.5km): one more boundary, after its digits
        non_digits_before = np.arange(size + 1) - digit_count
        within = non_digits_before[run_starts[split]]
        cuts = np.searchsorted(non_digits_before, within, side="right") - 1
        starts = np.sort(np.concatenate([starts, cuts]))
        ends = np.sort(np.concatenate([ends, cuts]))
    return starts, ends


def _keys(
    code_points: npt.NDArray[np.uint32], starts: IntArray, ends: IntArray
) -> npt.NDArray[np.uint64]:
    """The key of each token: the hash of its folded form, from its characters' folded forms."""
    tables = cc.char_tables(fold)
    boundary = np.zeros(len(code_points) + 1, dtype=np.int8)
    boundary[starts] = 1
    boundary[ends] -= 1
    inside = np.cumsum(boundary[:-1], dtype=np.int8).view(np.bool_)
    chars = code_points[inside]
    hashes, lengths = cc.combine_hashes(
        tables.fold_hashes[chars], tables.fold_lengths[chars], ends - starts
    )
    return cc.finalize(hashes, lengths)


def tokenize(text: str) -> Tokens:
    """Split ``text`` into word tokens with offsets into ``text`` itself.

    The tokens are those ``_TOKEN`` finds; see ``_boundaries`` for the rule.
    """
    code_points = _code_points(text)
    classes = cc.char_tables(fold).classes[code_points]
    starts, ends = _boundaries(classes)
    return Tokens(text=text, keys=_keys(code_points, starts, ends), starts=starts, ends=ends)
