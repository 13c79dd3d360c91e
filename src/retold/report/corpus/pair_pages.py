"""One pair view per file (``pairs/<pair>.html``), rendered in worker processes.

Each page is the pair view of ``retold compare`` for the two documents, rebuilt from the scan's
text store as the scan built them (``retold.store.documents``: so the page's source verdict is
the scan's). Workers open the memory-mapped text store and the documents' fields once and get
only numbers, never texts, through the pipe; each page is written under a temporary name and
renamed, so an interrupted report never leaves a half page behind.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from retold.core import compare_documents
from retold.report.corpus.model import ReportPair
from retold.report.html import render_pair_html
from retold.store.documents import read_document_fields, stored_documents
from retold.store.texts import TextStore

__all__ = ["PageTask", "page_name", "write_pair_pages"]

_BATCH = 8
_STATE: dict[str, Any] = {}


def page_name(pair: int) -> str:
    """The file name of a pair's view inside ``pairs/`` (numbers only: safe in any URL)."""
    return f"{int(pair)}.html"


@dataclass(frozen=True, slots=True)
class PageTask:
    """A pair to draw: its number and its two documents' numbers (workers read the rest)."""

    pair: int
    a: int
    b: int

    @classmethod
    def of(cls, pair: ReportPair) -> PageTask:
        return cls(pair.pair, pair.a, pair.b)


def _init_worker(work: str, folder: str) -> None:
    _STATE["texts"] = TextStore(Path(work) / "texts.arrow")
    _STATE["fields"] = read_document_fields(Path(work))
    _STATE["folder"] = Path(folder)


def _write_batch(tasks: Sequence[PageTask]) -> int:
    """Render and write a batch of pages; returns how many bytes were written."""
    folder: Path = _STATE["folder"]
    documents = stored_documents(
        _STATE["fields"], _STATE["texts"], [doc for task in tasks for doc in (task.a, task.b)]
    )
    written = 0
    for task in tasks:
        comparison = compare_documents(documents[task.a], documents[task.b])
        page = render_pair_html(comparison).encode("utf-8")
        path = folder / page_name(task.pair)
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_bytes(page)
        os.replace(temporary, path)
        written += len(page)
    return written


def _batched(tasks: Sequence[PageTask], size: int) -> Iterator[list[PageTask]]:
    iterator = iter(tasks)
    while batch := list(islice(iterator, size)):
        yield batch


def write_pair_pages(
    tasks: Sequence[PageTask],
    work: Path,
    folder: Path,
    *,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write one pair view per task into ``folder``; returns the bytes written.

    ``progress`` is called with the number of pages finished since its last call.
    """
    folder.mkdir(parents=True, exist_ok=True)
    batches = _batched(tasks, _BATCH)
    written = 0
    if workers <= 1 or len(tasks) <= _BATCH:
        _init_worker(str(work), str(folder))
        try:
            for batch in batches:
                written += _write_batch(batch)
                if progress is not None:
                    progress(len(batch))
        finally:
            _STATE.clear()
        return written
    context = multiprocessing.get_context("forkserver")
    with context.Pool(workers, _init_worker, (str(work), str(folder))) as pool:
        sizes = [len(batch) for batch in _batched(tasks, _BATCH)]
        for index, size in enumerate(pool.imap(_write_batch, batches)):
            written += size
            if progress is not None:
                progress(sizes[index])
    return written
