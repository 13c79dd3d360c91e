"""Real English news sentences, the raw material of retold's synthetic corpora and pairs.

Synthetic text made of invented words would let a finder match on oddities no real article has;
text made of real paragraphs sampled with replacement makes unrelated articles share whole
paragraphs. So the generators take *sentences* of real news (the Helsinki-summit articles and
the gold bodies of the article-extraction benchmark), deduplicated, and perturb each use.

``split_paragraphs`` and ``split_sentences`` return character spans instead of strings, so the
pair generator can cut a real article into sentences and still know where every piece came from.
``SentenceBank`` holds the sentences pre-split into words and gaps, and a vocabulary of plain
words, so that each use costs one list copy and one join.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import regex

from retold.errors import InputError
from retold.sentences import split_paragraphs, split_sentences
from retold.tokens import fold_words, tokenize

__all__ = [
    "EXTRACTION_TRUTH",
    "HELSINKI_CSV",
    "SentenceBank",
    "SentenceDataMissingError",
    "bank_of",
    "load_sentences",
    "split_paragraphs",
    "split_sentences",
]

HELSINKI_CSV = Path("helsinki-summit") / "helsinki_articles.csv"
EXTRACTION_TRUTH = Path("article-extraction-benchmark") / "ground-truth.json"
MIN_WORDS = 8
MAX_WORDS = 60

_ENDS_SENTENCE = regex.compile(r"[.!?][”’\"')\]]*$")
# Page furniture that survives in scraped article text; such sentences would plant boilerplate
# in the background text, where the truth says there is none.
_FURNITURE = regex.compile(
    r"cookie|subscri|newsletter|sign up|all rights reserved|click here|advertisement"
    r"|getty images|ap photo|\bphoto\b|©|copyright|follow us|read more|\bfile\b"
    r"|…|\.\.\.|https?:|www\.|@",
    regex.IGNORECASE,
)
_PLAIN_WORD = regex.compile(r"[a-z]{3,12}")
# The benchmark's gold bodies include German, Russian, ... articles; the generators are English.
_ENGLISH_MARKERS = frozenset("the of and to is was that for on with".split())
_FOREIGN_LETTER = regex.compile(r"(?=\p{L})[^a-zA-Z]")


class SentenceDataMissingError(InputError, FileNotFoundError):
    """The real data (``../shared/data``) is not where it was looked for."""


def load_sentences(shared_data_dir: Path) -> list[str]:
    """Deduplicated real news sentences of 8-60 words from ``shared_data_dir``, in a fixed order.

    Order: the Helsinki articles in file order, then the extraction benchmark's gold bodies by
    key; the first occurrence of each sentence wins (wire copies repeat sentences many times).
    Sentences are compared on their folded words, so "U.S." and "US" versions count as one.
    The result is cached per directory; each call returns a fresh list.
    """
    return list(_load_sentences(Path(shared_data_dir).resolve()))


@functools.lru_cache(maxsize=4)
def _load_sentences(shared_data_dir: Path) -> tuple[str, ...]:
    seen: set[str] = set()
    kept: list[str] = []
    for paragraph in _paragraphs(shared_data_dir):
        for start, end in split_sentences(paragraph):
            sentence = paragraph[start:end]
            words = fold_words(sentence)
            if not MIN_WORDS <= len(words) <= MAX_WORDS or not _is_clean(sentence, words):
                continue
            key = " ".join(words)
            if key not in seen:
                seen.add(key)
                kept.append(sentence)
    return tuple(kept)


def _is_clean(sentence: str, words: list[str]) -> bool:
    """A full English sentence of article text: ends like one, carries no page furniture."""
    return (
        len(_FOREIGN_LETTER.findall(sentence)) <= 2
        and not _ENGLISH_MARKERS.isdisjoint(words)
        and _ENDS_SENTENCE.search(sentence) is not None
        and not _FURNITURE.search(sentence)
    )


def _paragraphs(shared_data_dir: Path) -> Iterator[str]:
    helsinki = shared_data_dir / HELSINKI_CSV
    extraction = shared_data_dir / EXTRACTION_TRUTH
    for path in (helsinki, extraction):
        if not path.is_file():
            raise SentenceDataMissingError(f"real data file not found: {path}")
    csv.field_size_limit(1 << 30)
    with helsinki.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield from row["text"].split(" ### ")
    bodies = json.loads(extraction.read_text(encoding="utf-8"))
    for key in sorted(bodies):
        yield from bodies[key]["articleBody"].split("\n")


@dataclass(frozen=True, slots=True, eq=False)
class SentenceBank:
    """Sentences split once into words and gaps, and the plain words to draw replacements from.

    ``parts[i]`` is ``[gap0, word0, gap1, word1, ..., gapN]`` for sentence ``i`` (words as
    ``retold.tokens.tokenize`` cuts them), so perturbing a use is list work, never tokenizing.
    ``folded[i]`` holds the folded words, to make sure a replacement really differs from the
    word it replaces. Sentences whose words touch (an empty gap between
    two words) are left out: replacing one of those words could change how the text tokenizes.
    ``vocabulary`` is every distinct lower-case word of 3-12 letters, sorted. ``codes[i][k]``
    serves the corpus generator's hot loop: twice the vocabulary index of folded word ``k``
    (``len(vocabulary)`` when it is no vocabulary word), plus one when the word is capitalised,
    so that its replacement can be too.
    """

    sentences: tuple[str, ...]
    parts: tuple[tuple[str, ...], ...]
    folded: tuple[tuple[str, ...], ...]
    vocabulary: tuple[str, ...]
    codes: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, sentences: Sequence[str]) -> SentenceBank:
        kept, parts, folded = _split_words(list(dict.fromkeys(sentences)))
        words = {word for pieces in parts for word in pieces[1::2] if _PLAIN_WORD.fullmatch(word)}
        if not kept or not words:
            raise ValueError("a sentence bank needs sentences with plain lower-case words")
        vocabulary = tuple(sorted(words))
        index = {word: number for number, word in enumerate(vocabulary)}
        missing = len(vocabulary)
        codes = tuple(
            tuple(
                2 * index.get(word, missing) + raw[0].isupper()
                for word, raw in zip(words_of, pieces[1::2], strict=True)
            )
            for words_of, pieces in zip(folded, parts, strict=True)
        )
        return cls(tuple(kept), tuple(parts), tuple(folded), vocabulary, codes)

    def __len__(self) -> int:
        return len(self.sentences)


def _split_words(
    sentences: list[str],
) -> tuple[list[str], list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Kept sentences with their interleaved gaps and words, and their folded words.

    One ``tokenize`` call over all sentences (a newline between two is always a gap) instead of
    one per sentence: several times faster.
    """
    sentences = [sentence for sentence in sentences if "\n" not in sentence]
    tokens = tokenize("\n".join(sentences))
    bounds = np.cumsum([len(sentence) + 1 for sentence in sentences])
    ends = np.searchsorted(tokens.starts, bounds).tolist()
    kept: list[str] = []
    parts: list[tuple[str, ...]] = []
    folded: list[tuple[str, ...]] = []
    end = 0
    for sentence, next_end in zip(sentences, ends, strict=True):
        start, end = end, next_end
        gaps = tokens.gaps[start : end + 1]
        if start == end or "" in gaps[1:-1]:
            continue
        gaps[0] = gaps[0].rpartition("\n")[2]
        gaps[-1] = gaps[-1].partition("\n")[0]
        interleaved = [gaps[0]]
        for word, gap in zip(tokens.raw[start:end], gaps[1:], strict=True):
            interleaved += (word, gap)
        kept.append(sentence)
        parts.append(tuple(interleaved))
        folded.append(tuple(tokens.folded[start:end]))
    return kept, parts, folded


def bank_of(sentences: Sequence[str] | SentenceBank) -> SentenceBank:
    """``sentences`` as a bank; plain sequences are converted once and cached by content."""
    if isinstance(sentences, SentenceBank):
        return sentences
    return _cached_bank(tuple(sentences))


@functools.lru_cache(maxsize=4)
def _cached_bank(sentences: tuple[str, ...]) -> SentenceBank:
    return SentenceBank.of(sentences)
