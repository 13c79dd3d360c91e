"""The local engine's in-order map over a process pool: results in task order, tasks read as
they are needed, a failing task's error raised to the caller."""

from __future__ import annotations

import math
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import pytest

from retold.engines.local import _ordered_map


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    with ProcessPoolExecutor(2) as executor:
        yield executor


@pytest.mark.parametrize("chunksize", [1, 3, 16])
def test_results_come_in_task_order(pool: ProcessPoolExecutor, chunksize: int) -> None:
    tasks = [-n for n in range(101)]
    found = list(_ordered_map(pool, abs, tasks, chunksize=chunksize, ahead=2))
    assert found == list(range(101))


def test_tasks_are_read_only_as_far_as_the_chunks_in_flight(pool: ProcessPoolExecutor) -> None:
    read: list[int] = []

    def tasks() -> Iterator[int]:
        for n in range(1_000):
            read.append(n)
            yield n

    results = _ordered_map(pool, abs, tasks(), chunksize=4, ahead=3)
    assert next(results) == 0
    assert len(read) <= 3 * 4 + 4  # the chunks in flight, and the one being filled
    assert list(results) == list(range(1, 1_000))
    assert len(read) == 1_000


def test_a_failing_task_raises_its_error(pool: ProcessPoolExecutor) -> None:
    results = _ordered_map(pool, math.sqrt, [4.0, 9.0, -1.0, 16.0], chunksize=1, ahead=2)
    assert next(results) == 2.0
    assert next(results) == 3.0
    with pytest.raises(ValueError, match="math domain error"):
        next(results)
