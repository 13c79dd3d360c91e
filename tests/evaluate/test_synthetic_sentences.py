"""The real sentences behind the synthetic data: splitting, loading, and the sentence bank."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from retold.evaluate.synthetic import (
    SentenceBank,
    SentenceDataMissingError,
    load_sentences,
    split_paragraphs,
    split_sentences,
)
from retold.tokens import fold_words

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data not found at {SHARED_DATA} (CI has it; a fresh clone may not)")
    return load_sentences(SHARED_DATA)


def test_split_sentences_keeps_abbreviations_and_slices_back() -> None:
    text = 'U.S. President Donald Trump met Mr. Putin in Helsinki. "It went well," he said! Why?'
    spans = split_sentences(text)
    assert [text[start:end] for start, end in spans] == [
        "U.S. President Donald Trump met Mr. Putin in Helsinki.",
        '"It went well," he said!',
        "Why?",
    ]


def test_split_sentences_inside_a_paragraph_of_a_longer_text() -> None:
    text = "First line here.\n\n  Second one. Third one.  \nLast"
    paragraphs = split_paragraphs(text)
    assert [text[start:end] for start, end in paragraphs] == [
        "First line here.",
        "Second one. Third one.",
        "Last",
    ]
    start, end = paragraphs[1]
    assert [text[a:b] for a, b in split_sentences(text, start, end)] == [
        "Second one.",
        "Third one.",
    ]


def test_missing_data_raises_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SentenceDataMissingError, match="helsinki"):
        load_sentences(tmp_path)


def test_sentences_are_real_distinct_and_of_the_right_length(sentences: list[str]) -> None:
    assert len(sentences) > 10_000
    keys = [" ".join(fold_words(sentence)) for sentence in sentences]
    assert len(set(keys)) == len(keys)
    assert all(8 <= len(key.split()) <= 60 for key in keys)
    assert all(sentence == sentence.strip() and "\n" not in sentence for sentence in sentences)
    assert not any("Subscribe" in sentence or "cookie" in sentence for sentence in sentences)


def test_loading_is_deterministic_cached_and_returns_a_fresh_list(sentences: list[str]) -> None:
    started = time.perf_counter()
    again = load_sentences(SHARED_DATA)
    assert time.perf_counter() - started < 0.5
    assert again == sentences
    again.clear()
    assert load_sentences(SHARED_DATA) == sentences


def test_bank_parts_join_back_and_vocabulary_is_plain(sentences: list[str]) -> None:
    bank = SentenceBank.of(sentences)
    assert len(bank) > 0.99 * len(sentences)
    for index in range(0, len(bank), 97):
        parts = bank.parts[index]
        assert "".join(parts) == bank.sentences[index]
        assert len(parts) == 2 * len(bank.folded[index]) + 1
        assert len(bank.codes[index]) == len(bank.folded[index])
        for word, code in zip(parts[1::2], bank.codes[index], strict=True):
            assert code & 1 == word[0].isupper()
            if code >> 1 < len(bank.vocabulary):
                assert bank.vocabulary[code >> 1] == word.casefold()
    assert list(bank.vocabulary) == sorted(set(bank.vocabulary))
    assert all(word.isalpha() and word.islower() for word in bank.vocabulary)


def test_bank_leaves_out_sentences_whose_words_touch() -> None:
    bank = SentenceBank.of(["The U.S.A was here and there.", "A plain sentence with words."])
    assert bank.sentences == ("A plain sentence with words.",)


def test_chinese_full_stops_end_sentences_even_after_one_character() -> None:
    from retold.sentences import split_sentences as split

    text = "是。他说了很多话！Mr. Smith went to Helsinki. He met Putin."
    assert [text[a:b] for a, b in split(text)] == [
        "是。",
        "他说了很多话！",
        "Mr. Smith went to Helsinki.",
        "He met Putin.",
    ]
