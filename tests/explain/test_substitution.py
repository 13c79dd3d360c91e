"""Substitution categories on general examples (none taken from the seed pair)."""

from __future__ import annotations

import pytest

from retold.explain.substitution import classify_substitution, cosmetic_label
from retold.records import Category


@pytest.mark.parametrize(
    ("a", "b", "category"),
    [
        ("UK", "U.K.", Category.COSMETIC),
        ("Beyoncé", "Beyonce", Category.COSMETIC),
        ("“fake news”", '"fake news"', Category.COSMETIC),
        ("2010–2014", "2010-2014", Category.COSMETIC),
        ("NATO", "Nato", Category.COSMETIC),
        ("12 Russian", "13 Russian", Category.NUMBER),
        ("five soldiers", "six soldiers", Category.NUMBER),
        ("on Monday", "on Tuesday", Category.NUMBER),
        ("$1.5 billion", "$2 billion", Category.NUMBER),
        ("Gaddafi", "Qaddafi", Category.SPELLING),
        ("Kiev", "Kyiv", Category.SPELLING),
        ("Mohammed", "Muhammad", Category.SPELLING),
        ("Al Qaeda", "al-Qaida", Category.SPELLING),
        ("Burma", "Myanmar", Category.TERMINOLOGY),
        ("militants", "terrorists", Category.REWORDING),
        ("in May", "in June", Category.NUMBER),
        ("may decide", "might decide", Category.REWORDING),
        ("Iran", "Iraq", Category.TERMINOLOGY),
        ("the Kremlin", "Moscow", Category.TERMINOLOGY),
        ("said", "claimed", Category.REWORDING),
        ("the", "a", Category.REWORDING),
        (
            "officials said they were concerned about the talks",
            "the talks worried the administration, according to people familiar",
            Category.REWORDING,
        ),
    ],
)
def test_category(a: str, b: str, category: Category) -> None:
    assert classify_substitution(a, b)[0] is category
    assert classify_substitution(b, a)[0] is category


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [
        ("“", '"', "quotes"),
        ("U.S.", "US", "abbreviation"),
        ("—", "-", "dashes"),
        ("BREXIT", "Brexit", "case"),
        ("Zürich", "Zurich", "diacritics"),
        ("Hello,", "Hello;", "punctuation"),
    ],
)
def test_cosmetic_labels(a: str, b: str, label: str) -> None:
    assert cosmetic_label(a, b) == label


def test_different_words_are_not_cosmetic() -> None:
    assert cosmetic_label("Iran", "Iraq") is None


def test_sentence_initial_capital_is_not_a_name() -> None:
    assert (
        classify_substitution(
            "Officials", "Diplomats", a_sentence_start=True, b_sentence_start=True
        )[0]
        is Category.REWORDING
    )
    assert classify_substitution("Officials", "Diplomats")[0] is Category.TERMINOLOGY


def test_a_swap_made_consistently_is_terminology() -> None:
    from retold import Document, compare_documents

    a = (
        "The militants attacked the convoy near the border on Monday, officials said. "
        "Residents said the militants had warned them for weeks before the attack began."
    )
    b = a.replace("militants", "terrorists")
    changes = compare_documents(Document(a), Document(b)).changes
    assert [(c.a_text, c.category.value, c.label) for c in changes] == [
        ("militants", "terminology", "consistent"),
        ("militants", "terminology", "consistent"),
    ]
