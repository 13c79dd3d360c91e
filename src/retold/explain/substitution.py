"""Classify a substitution (words of A replaced by words of B) from general signals only.

The categories, from most to least benign:

- ``cosmetic``: the same words once case, quotes, dashes, abbreviation dots, apostrophes and
  diacritics are folded ("US" / "U.S.", “ / ").
- ``number``: a figure, amount or date changed for another (digits, number words, month
  names on both sides; a figure replaced by words is rewording).
- ``spelling``: the same name or word spelled differently: similar letters, and the differences
  are vowels, doubled letters or at most one consonant in a long word (transliteration such as
  Gaddafi / Qaddafi, Kiev / Kyiv).
- ``terminology``: a short term put for another (at most four words a side, not only function
  words) where names are involved on both sides (capitalised words that do not just start a
  sentence),
  e.g. a group's name replaced by the name its opponents use; or the same swap made
  consistently, twice or more in one text (decided by the caller, which sees all changes).
- ``rewording``: anything else.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Indel, Levenshtein

from retold.records import Category
from retold.tokens import fold_words

__all__ = ["FUNCTION_WORDS", "classify_substitution", "cosmetic_label", "figures", "is_term_swap"]

_NUMBER_WORDS = frozenset(
    """zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred thousand million billion trillion dozen dozens hundreds thousands millions
    billions first third fourth fifth sixth seventh eighth ninth tenth half quarter percent
    cent""".split()
)
# Dates: only capitalised ("May", not the verb "may"; "March", not "march").
_CALENDAR_WORDS = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
_RAW_WORD = re.compile(r"\w+")
# English function words: a swap made only of these is grammar, not a change of term.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet of to in on at by for from with without into onto over
    under about after before since until while as than then that this these those there here
    it its it's he she they them their his her we us our you your i me my is are was were be
    been being has have had do does did will would can could shall should may might must not
    no which who whom whose what when where why how also very just only even still all any
    some such more most much many other another each every both either neither said says""".split()
)
_VOWELS = frozenset("aeiouyhw'")
_QUOTES = frozenset("\"'“”‘’„‟«»‹›`´")
_DASHES = frozenset("-‐‑‒–—―−")


def cosmetic_label(a_text: str, b_text: str) -> str | None:
    """Name the cosmetic difference between two spellings of the same words, or ``None``.

    Returns ``None`` when the texts differ in more than case, punctuation and typography.
    """
    if fold_words(a_text) != fold_words(b_text):
        return None
    a_marks = {c for c in a_text if not c.isalnum() and not c.isspace()}
    b_marks = {c for c in b_text if not c.isalnum() and not c.isspace()}
    changed = a_marks ^ b_marks
    if changed and changed <= _QUOTES:
        return "quotes"
    if changed and changed <= _DASHES:
        return "dashes"
    if changed == {"."}:
        return "abbreviation"
    if changed:
        return "punctuation"
    if a_text.casefold() == b_text.casefold():
        return "case"
    return "diacritics"


def figures(text: str) -> list[str]:
    """The words of ``text`` that state a figure or a date, folded."""
    return [
        word.casefold()
        for word in _RAW_WORD.findall(text)
        if any(c.isdigit() for c in word)
        or word.casefold() in _NUMBER_WORDS
        or (word[:1].isupper() and word.casefold() in _CALENDAR_WORDS)
    ]


def _names(text: str, *, sentence_start: bool) -> list[str]:
    """Capitalised words that are not just the first word of a sentence: names, terms."""
    words = _RAW_WORD.findall(text)
    if sentence_start:
        words = words[1:]
    return [word for word in words if word[:1].isupper()]


def _spelling_variant(a_word: str, b_word: str) -> bool:
    """Same word, other spelling: differences in vowels, doubling, or one consonant."""
    if a_word == b_word:
        return True
    if min(len(a_word), len(b_word)) < 4 or Indel.normalized_similarity(a_word, b_word) < 0.6:
        return False
    consonant_edits = 0
    for op in Levenshtein.editops(a_word, b_word):
        tag, i, j = op.tag, op.src_pos, op.dest_pos
        letters = set()
        if tag in ("replace", "delete"):
            letters.add(a_word[i])
        if tag in ("replace", "insert"):
            letters.add(b_word[j])
        doubled = tag == "delete" and i > 0 and a_word[i - 1] == a_word[i]
        doubled |= tag == "insert" and j > 0 and b_word[j - 1] == b_word[j]
        if not doubled and not letters <= _VOWELS:
            consonant_edits += 1
    longest = max(len(a_word), len(b_word))
    return consonant_edits == 0 or (consonant_edits == 1 and longest >= 6)


def classify_substitution(
    a_text: str, b_text: str, *, a_sentence_start: bool = False, b_sentence_start: bool = False
) -> tuple[Category, str]:
    """Category of replacing ``a_text`` by ``b_text``, and the signal that decided it.

    ``*_sentence_start`` says whether a side begins a sentence, where a capital letter is no
    sign of a name.
    """
    label = cosmetic_label(a_text, b_text)
    if label is not None:
        return Category.COSMETIC, label
    a_words, b_words = fold_words(a_text), fold_words(b_text)
    a_figures, b_figures = figures(a_text), figures(b_text)
    if a_figures and b_figures and a_figures != b_figures:
        return Category.NUMBER, "figure"
    if len(a_words) == len(b_words) and all(
        _spelling_variant(x, y) for x, y in zip(a_words, b_words, strict=True)
    ):
        return Category.SPELLING, "variant"
    if "".join(a_words) and _spelling_variant("".join(a_words), "".join(b_words)):
        return Category.SPELLING, "joined"
    names = _names(a_text, sentence_start=a_sentence_start) and _names(
        b_text, sentence_start=b_sentence_start
    )
    if names and is_term_swap(a_words, b_words):
        return Category.TERMINOLOGY, "name"
    return Category.REWORDING, "words"


def is_term_swap(a_words: list[str], b_words: list[str]) -> bool:
    """Short on both sides (at most four words), and content words replaced on both."""
    if not (0 < len(a_words) <= 4 and 0 < len(b_words) <= 4):
        return False
    a_only = set(a_words) - set(b_words)
    b_only = set(b_words) - set(a_words)
    return bool(a_only - FUNCTION_WORDS) and bool(b_only - FUNCTION_WORDS)
