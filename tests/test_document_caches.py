"""Per-document caches: a document in many pairs is worked out once, and clearing the caches
changes no result."""

from __future__ import annotations

import dataclasses

from retold.core import clear_document_caches, compare_documents
from retold.ingest.reader import read_text_document
from retold.tokens import tokenize, tokenize_document


def test_a_text_is_tokenized_once_until_the_caches_are_cleared(jpost_text: str) -> None:
    first = tokenize_document(jpost_text)
    assert tokenize_document(jpost_text) is first
    clear_document_caches()
    again = tokenize_document(jpost_text)
    assert again is not first
    assert again.keys.tolist() == tokenize(jpost_text).keys.tolist()


def test_cached_and_fresh_comparisons_are_the_same(jpost_text: str, kayhan_text: str) -> None:
    a, b = read_text_document(jpost_text), read_text_document(kayhan_text)
    clear_document_caches()
    fresh = compare_documents(a, b)
    cached = compare_documents(a, b)
    # The other way round reuses both documents' cached work with the roles swapped.
    swapped = compare_documents(b, a)
    assert dataclasses.astuple(fresh) == dataclasses.astuple(cached)
    assert {(p.a_start, p.a_end) for p in fresh.passages} == {
        (p.b_start, p.b_end) for p in swapped.passages
    }
