"""How a per-document stage cuts the corpus into tasks for its workers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from retold.engines.local import document_ranges


def test_a_small_corpus_gives_every_worker_several_tasks() -> None:
    # Helsinki's 612 articles on 2 workers: in tasks of 512 one worker did 512 and one 100.
    ranges = document_ranges(612, 2)
    assert len(ranges) >= 8
    assert max(stop - start for start, stop in ranges) <= 77


def test_a_large_corpus_keeps_tasks_of_512() -> None:
    ranges = document_ranges(1_000_000, 2)
    assert {stop - start for start, stop in ranges[:-1]} == {512}


@given(st.integers(0, 100_000), st.integers(1, 64))
def test_the_ranges_cover_every_document_once_in_order(total: int, workers: int) -> None:
    ranges = document_ranges(total, workers)
    assert [n for start, stop in ranges for n in range(start, stop)] == list(range(total))
    assert all(0 < stop - start <= 512 for start, stop in ranges)
