"""Word tokens with character offsets, and the folded keys used to match them.

Tokenizing is the one step that touches every character, so for an article it runs in numpy
over the text's code points: characters are classified and folded by table lookups
(``retold._charclass``), token boundaries come from the edges of runs of word characters, and
each token's key is a 64-bit polynomial hash of its folded form, assembled with prefix sums. No
Python code runs per token or per character: a 60,000-character article takes about half a
millisecond, against 4.5 ms for the regex split this replaced. Short texts (a sentence, a
headline) still go through that regex, which is faster below about 1,500 characters; both ways
give the same tokens and the same keys. The tables take about 80 ms to build, once per process,
and save about 0.07 µs a character: a process goes on with the regex until it has tokenized a
million characters, so that ``retold compare`` of two articles never builds them and a scan
builds them after its first few hundred articles.

Matching compares *keys*, equal exactly when the folded forms are (up to a 64-bit hash
collision), so that "U.S." matches "US", "Iran’s" matches "Iran's" and "Café" matches "cafe".
The raw tokens and the text between them (``gaps``) stay available to report those differences
as cosmetic; for an article they are built on first use, since aligning needs only the keys.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import numpy.typing as npt
import regex

from retold import _charclass as cc

__all__ = ["Tokens", "fold", "fold_words", "tokenize"]

IntArray = npt.NDArray[np.int64]

# The tokenization rule, as a regex with one capture group (``split`` returns gap, token, gap,
# ..., gap). ``tokenize`` computes the same tokens in numpy for long texts and uses the regex
# for short ones, like ``fold_words``.
# Order matters: a Han, Hiragana or Katakana character is a token by itself (Chinese and Japanese
# do not space their words: one character is the unit that can match), dotted abbreviations
# (U.S., e.g.) and numbers with separators (1,000  3.5  20:14) are tried before plain words,
# and words keep inner apostrophes (Shi'ite, Iran’s). Its ``\w``
# (``re``'s, which leaves out combining marks) only splits words of decomposed or Indic text into
# more tokens, the same way in both texts.
_W = rf"[^\W{cc.CJK_RANGES}]"  # a word character of a script that spaces its words
_TOKEN = re.compile(
    # A character of those blocks that is no word character (the middle dot "・", a code point
    # not yet assigned) is no token, as in the character tables of ``_tokenize_long``.
    rf"((?=\w)[{cc.CJK_RANGES}]|(?:[^\W\d_{cc.CJK_RANGES}]\.){{2,}}|\d+(?:[.,:]\d+)+"
    rf"|{_W}+(?:['’ʼ]{_W}+)*)"
)
_COMBINING = regex.compile(r"\p{M}+")
_SEPARATOR = "\x00"
# Below this many characters, ``_TOKEN`` and a few string operations beat the ~100 numpy calls
# of ``_tokenize_long``, each of which costs about a microsecond whatever the size of the text.
_SHORT_TEXT = 1500
_TABLES_PAY_OFF = 1_000_000
"""Characters tokenized with the regex after which the numpy tables are worth building."""
_regex_characters = 0
"""Characters this process has tokenized with the regex so far."""

# What covers the end of a run of word characters: a dotted abbreviation, a number with
# separators (the run all digits), or a word (possibly with apostrophes).
_ABBREVIATION, _NUMBER, _WORD = 0, 1, 2
_JOINERS = cc.APOSTROPHE | cc.SEPARATOR | cc.DOT


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
    stripped: str = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return stripped


def fold_words(text: str) -> list[str]:
    """The folded words of a short text, tokenized exactly as ``tokenize`` does."""
    words = _TOKEN.findall(text)
    return fold(_SEPARATOR.join(words)).split(_SEPARATOR) if words else []


@dataclass(frozen=True, eq=False)
class Tokens:
    """The words of one text: keys and character offsets, and on demand their strings.

    ``gaps[i]`` is the text before token ``i`` and ``gaps[-1]`` the text after the last token,
    so ``gaps[0] + raw[0] + gaps[1] + ... + raw[-1] + gaps[-1] == text``, and token ``i`` is
    ``text[starts[i]:ends[i]]``. ``keys[i]`` is a 64-bit hash of ``folded[i]`` (``_string_keys``),
    the same in every process. ``raw``, ``gaps`` and ``folded`` are built on first access:
    aligning needs only the keys.
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
    if "\x00" in text:  # the first code point the text lacks (a surrogate in absurd cases)
        marker = int(np.flatnonzero(np.bincount(code_points, minlength=0x110000) == 0)[0])
    cuts = np.empty(2 * len(starts) + 2, dtype=np.int64)
    cuts[0], cuts[1:-1:2], cuts[2:-1:2], cuts[-1] = 0, starts, ends, len(code_points)
    pieces = len(cuts) - 1
    marked = np.full(len(code_points) + pieces - 1, marker, dtype=np.uint32)
    shift = np.repeat(np.arange(pieces), np.diff(cuts))  # markers before each character
    marked[np.arange(len(code_points)) + shift] = code_points
    return marked.tobytes().decode("utf-32-le", "surrogatepass").split(chr(marker))


def _next(values: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """``values`` shifted one place back: ``result[i] == values[i + 1]``, False for the last."""
    shifted = np.zeros_like(values)
    shifted[:-1] = values[1:]
    return shifted


def _runs(mask: npt.NDArray[np.bool_]) -> tuple[IntArray, IntArray]:
    """Starts and ends of the runs of True in ``mask``."""
    padded = np.zeros(len(mask) + 2, dtype=bool)
    padded[1:-1] = mask
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return edges[0::2], edges[1::2]


def _resolve_chains(table: npt.NDArray[np.uint8]) -> npt.NDArray[np.uint8]:
    """Apply the transitions ``state[i] = table[i, state[i - 1]]`` along the whole sequence.

    Row 0 and every row not joined to its predecessor are constant. Composing consecutive rows
    is associative, so the sequence is scanned by doubling (Hillis-Steele): after the step with
    offset ``step`` each row holds the composition of the ``2 * step`` rows ending at it. It
    stops when every row is constant: after one or two steps on news text, ``log2(rows)`` at
    worst, however long a chain of joined runs is.
    """
    step = 1
    while True:
        moving = np.flatnonzero((table[:, 0] != table[:, 1]) | (table[:, 1] != table[:, 2]))
        if not len(moving):
            return table[:, 0]
        rows = table[moving]
        previous = table[moving - step]
        table[moving] = rows[np.arange(len(moving))[:, None], previous]
        step *= 2


def _boundaries(classes: npt.NDArray[np.uint8]) -> tuple[IntArray, IntArray, IntArray]:
    """Token starts and ends, and the positions of punctuation inside tokens: the words of
    ``_word_boundaries``, and each CJK character as a token of its own."""
    starts, ends, inner = _word_boundaries(classes)
    cjk = np.flatnonzero((classes[:-1] & cc.CJK) != 0)
    if len(cjk):  # tokens never overlap: starts and ends sort independently
        starts = np.sort(np.concatenate([starts, cjk]))
        ends = np.sort(np.concatenate([ends, cjk + 1]))
    return starts, ends, inner


def _word_boundaries(classes: npt.NDArray[np.uint8]) -> tuple[IntArray, IntArray, IntArray]:
    """Token starts and ends of the words, and the positions of punctuation inside tokens.

    ``classes`` holds the class bits of each character of the text and one more 0. Tokens are
    made of runs of word characters (``\\w+``); a run may be joined to the next by the single
    character between them, depending on what covers its end, exactly as ``_TOKEN`` scans:

    - an abbreviation: a run of one letter and a following dot start one if the next run is
      also one letter followed by a dot (``U.S.``: two or more letters, each dot included);
    - a number: a run of digits and one of ``.,:`` start one if the next run starts with a
      digit; it goes on while the runs are all digits (``1,000,000``). If a run goes on with
      other word characters, the number ends after its digits and a new token starts (``3.5km``);
    - a word: anything else; an apostrophe joins it to the next run (``Shi’ite``, ``Iran's``).

    Whether a run is joined to the previous one thus depends on the run before that, and so on
    (in ``x'1,000`` the "1" belongs to ``x'1``, so ``000`` is a token of its own): the joins are
    a chain of three-state transitions, resolved for all runs at once by ``_resolve_chains``.
    Only runs next to a possible joint take part; every other run is a token by itself.
    """
    word = np.zeros(len(classes) + 1, dtype=bool)  # word[p + 1]: whether character p is one
    # A CJK character is a token of its own, added at the end: it is never part of a run.
    word[1:-1] = (classes[:-1] & (cc.WORD | cc.CJK)) == cc.WORD
    edges = np.flatnonzero(word[1:] != word[:-1])
    run_starts, run_ends = edges[0::2], edges[1::2]
    # Joints: a character that may join two runs, right between two of them (sparse).
    joints = np.flatnonzero(((classes[:-1] & _JOINERS) != 0) & word[:-2] & word[2:])
    if not len(joints):
        return run_starts, run_ends, np.zeros(0, dtype=np.int64)
    following = np.searchsorted(run_starts, joints + 1)  # the run each joint precedes
    involved = np.union1d(following - 1, following)
    joint = np.zeros(len(involved), dtype=np.uint8)  # the character joining run i - 1 to run i
    joint[np.searchsorted(involved, following)] = classes[joints]

    # From here on, only the runs involved: a run with a joint comes right after its predecessor.
    starts, ends = run_starts[involved], run_ends[involved]
    after = classes[ends]
    lengths, first = ends - starts, classes[starts]
    starts_digit = (first & cc.DIGIT) != 0
    leading_digits = np.zeros(len(starts), dtype=np.int64)
    if starts_digit.any():
        digit_starts, digit_ends = _runs((classes[:-1] & cc.DIGIT) != 0)
        with_digit = starts[starts_digit]
        leading_digits[starts_digit] = (
            digit_ends[np.searchsorted(digit_starts, with_digit)] - with_digit
        )
    all_digits = starts_digit & (leading_digits == lengths)
    letter_after_digits = (
        starts_digit & (leading_digits == lengths - 1) & ((classes[ends - 1] & cc.LETTER) != 0)
    )
    single_letter = (lengths == 1) & ((first & cc.LETTER) != 0)

    # Whether run i goes on with the token covering the end of run i - 1, by that token's kind.
    goes_on_abbreviation = ((joint & cc.DOT) != 0) & single_letter & ((after & cc.DOT) != 0)
    goes_on_number = ((joint & cc.SEPARATOR) != 0) & starts_digit
    goes_on_word = (joint & cc.APOSTROPHE) != 0

    # The kind of a token starting at run i; and what covers the end of a run that a number goes
    # on into: the number if the run is all digits, else the token after the number's digits.
    fresh = np.full(len(starts), _WORD, dtype=np.uint8)
    fresh[all_digits & _next(goes_on_number)] = _NUMBER
    fresh[single_letter & _next(goes_on_abbreviation)] = _ABBREVIATION
    after_number = np.where(all_digits, _NUMBER, _WORD).astype(np.uint8)
    after_number[letter_after_digits & _next(goes_on_abbreviation)] = _ABBREVIATION

    table = np.empty((len(starts), 3), dtype=np.uint8)
    table[:, _ABBREVIATION] = np.where(goes_on_abbreviation, _ABBREVIATION, fresh)
    table[:, _NUMBER] = np.where(goes_on_number, after_number, fresh)
    table[:, _WORD] = np.where(goes_on_word, _WORD, fresh)
    covering = _resolve_chains(table)

    before = np.full(len(starts), 255, dtype=np.uint8)
    before[1:] = covering[:-1]
    joined = (
        (goes_on_abbreviation & (before == _ABBREVIATION))
        | (goes_on_number & (before == _NUMBER))
        | (goes_on_word & (before == _WORD))
    )
    final_dot = ~_next(joined) & (covering == _ABBREVIATION)  # an abbreviation ends here
    cut = goes_on_number & (before == _NUMBER) & ~all_digits  # a number ends inside (3.5km)
    inner = np.concatenate([starts[joined] - 1, ends[final_dot]])

    if final_dot.any():
        run_ends = run_ends.copy()
        run_ends[involved[final_dot]] += 1  # the abbreviation's final dot
    joined_runs = involved[joined]
    token_starts = np.delete(run_starts, joined_runs)
    token_ends = np.delete(run_ends, joined_runs - 1)
    if cut.any():
        cuts = starts[cut] + leading_digits[cut]
        token_starts = np.sort(np.concatenate([token_starts, cuts]))
        token_ends = np.sort(np.concatenate([token_ends, cuts]))
    return token_starts, token_ends, inner


def _keys(
    positions: npt.NDArray[np.intp], starts: IntArray, ends: IntArray, inner: IntArray
) -> npt.NDArray[np.uint64]:
    """The key of each token, from the folded forms of its characters (``positions``: the text's
    code points as indices).

    Token ``k`` is hashed together with the gap after it, up to the next token: a gap holds no
    word character, and the tables give 0 for everything else but the punctuation at ``inner``.
    """
    if not len(starts):
        return np.zeros(0, dtype=np.uint64)
    tables = cc.char_tables(fold)
    chars = positions[starts[0] :]
    lengths = np.take(tables.fold_lengths, chars, mode="clip")
    hashes = np.take(tables.fold_hashes, chars, mode="clip")
    if len(inner):
        punctuation = positions[inner]
        lengths[inner - starts[0]] = np.take(tables.joint_lengths, punctuation, mode="clip")
        hashes[inner - starts[0]] = np.take(tables.joint_hashes, punctuation, mode="clip")
    owned = np.diff(starts, append=len(positions))
    token_hashes, token_lengths = cc.combine_hashes(hashes, lengths, owned)
    return cc.finalize(token_hashes, token_lengths)


def tokenize(text: str) -> Tokens:
    """Split ``text`` into word tokens with offsets into ``text`` itself.

    The tokens are those ``_TOKEN`` finds (``_boundaries`` tells how numpy finds them); each
    key is ``_string_keys`` of the token's folded form, whichever way it was computed.
    """
    global _regex_characters
    if len(text) < _SHORT_TEXT or (
        not cc.char_tables_built() and _regex_characters + len(text) < _TABLES_PAY_OFF
    ):
        _regex_characters += len(text)
        return _tokenize_short(text)
    return _tokenize_long(text)


@lru_cache(maxsize=1024)
def tokenize_document(text: str) -> Tokens:
    """``tokenize``, cached: in a corpus one document is in many pairs, and each reuses its
    tokens (and what is cached on them) instead of cutting the text again."""
    return tokenize(text)


def _string_keys(folded: list[str]) -> npt.NDArray[np.uint64]:
    """The keys of folded tokens, by definition; ``_keys`` computes the same from the text."""
    lengths = np.fromiter(map(len, folded), dtype=np.int64, count=len(folded))
    return cc.finalize(cc.string_hashes(_code_points("".join(folded)), lengths), lengths)


def _tokenize_short(text: str) -> Tokens:
    """``tokenize`` with the regex, and every string built at once."""
    pieces = _TOKEN.split(text)
    raw = pieces[1::2]
    folded = fold(_SEPARATOR.join(raw)).split(_SEPARATOR) if raw else []
    ends = np.cumsum(np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces)))
    starts, ends = ends[0:-1:2], ends[1::2]
    tokens = Tokens(text=text, keys=_string_keys(folded), starts=starts, ends=ends)
    tokens.__dict__.update(_pieces=pieces, raw=raw, gaps=pieces[0::2], folded=folded)
    return tokens


def _tokenize_long(text: str) -> Tokens:
    """``tokenize`` in numpy; the strings are built if asked for."""
    positions = _code_points(text).astype(np.intp)
    classes = np.zeros(len(positions) + 1, dtype=np.uint8)
    np.take(cc.char_tables(fold).classes, positions, out=classes[:-1])
    starts, ends, inner = _boundaries(classes)
    return Tokens(text=text, keys=_keys(positions, starts, ends, inner), starts=starts, ends=ends)
