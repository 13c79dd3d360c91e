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


def test_the_story_reads_each_text_once_until_the_caches_are_cleared(
    jpost_text: str, kayhan_text: str
) -> None:
    """A text's credit lines and reporting phrases are read once however many stories it is
    in; the stories told from the cached readings are the same as from fresh ones."""
    from retold.story.credit import _credit_lines
    from retold.story.quotations import find_attributions

    a, b = read_text_document(jpost_text), read_text_document(kayhan_text)
    clear_document_caches()
    first = compare_documents(a, b)
    assert first.story is not None and first.story.credit is not None
    read = [cached.cache_info() for cached in (_credit_lines, find_attributions)]
    assert all(info.currsize >= 1 for info in read)
    assert compare_documents(a, b).story == first.story
    again = [cached.cache_info() for cached in (_credit_lines, find_attributions)]
    assert [info.misses for info in again] == [info.misses for info in read]
    assert all(after.hits > before.hits for before, after in zip(read, again, strict=True))
    clear_document_caches()
    assert _credit_lines.cache_info().currsize == find_attributions.cache_info().currsize == 0
    assert compare_documents(a, b).story == first.story


def test_changes_explained_afterwards_are_those_of_a_comparison_made_with_them(
    jpost_text: str, kayhan_text: str
) -> None:
    """``with_changes`` (a scan's story pairs) gives what ``compare_documents`` gives when
    asked for the changes from the start, rewritten passages and all."""
    from retold.config import CompareConfig
    from retold.core import with_changes

    a, b = read_text_document(jpost_text), read_text_document(kayhan_text)
    plain = CompareConfig(changes=False, story=False)
    without = compare_documents(a, b, config=plain)
    assert without.changes == ()
    explained = compare_documents(a, b, config=dataclasses.replace(plain, changes=True))
    assert len(explained.changes) > 20
    assert with_changes(without, plain) == explained
