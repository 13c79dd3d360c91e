"""One pair view per file (``pairs/<pair>.html``), rendered in worker processes.

Each page is the pair view of ``retold compare`` for the two documents, rebuilt from the scan's
text store with the same ``Document`` fields the scan aligned them with (so the page's source
verdict is the scan's). Workers open the memory-mapped text store once and get only numbers and
metadata, never texts, through the pipe; each page is written under a temporary name and renamed,
so an interrupted report never leaves a half page behind.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from retold.core import compare_documents
from retold.records import Document
from retold.report.corpus.model import ReportDocument, ReportPair
from retold.report.html import render_pair_html
from retold.store.texts import TextStore

__all__ = ["PageTask", "page_name", "write_pair_pages"]

_BATCH = 8
_STATE: dict[str, Any] = {}


def page_name(pair: int) -> str:
    """The file name of a pair's view inside ``pairs/`` (numbers only: safe in any URL)."""
    return f"{int(pair)}.html"


@dataclass(frozen=True, slots=True)
class _Meta:
    """What a worker needs to rebuild one document besides its text (picklable, small)."""

    doc: int
    doc_id: str
    title: str | None
    outlet: str | None
    published: datetime | None

    @classmethod
    def of(cls, document: ReportDocument) -> _Meta:
        published = document.published
        if published is not None and not document.zone_known:
            # As the scan does: stored as UTC, but compared as a naive time when no zone was given.
            published = published.replace(tzinfo=None)
        return cls(document.doc, document.doc_id, document.title, document.outlet, published)


@dataclass(frozen=True, slots=True)
class PageTask:
    pair: int
    a: _Meta
    b: _Meta

    @classmethod
    def of(cls, pair: ReportPair, documents: dict[int, ReportDocument]) -> PageTask:
        return cls(pair.pair, _Meta.of(documents[pair.a]), _Meta.of(documents[pair.b]))


def _document(meta: _Meta, text: str) -> Document:
    return Document(
        text=text,
        path=meta.doc_id,
        title=meta.title,
        published=meta.published,
        outlet=meta.outlet,
    )


def _init_worker(texts: str, folder: str) -> None:
    _STATE["texts"] = TextStore(Path(texts))
    _STATE["folder"] = Path(folder)


def _write_batch(tasks: Sequence[PageTask]) -> int:
    """Render and write a batch of pages; returns how many bytes were written."""
    store: TextStore = _STATE["texts"]
    folder: Path = _STATE["folder"]
    needed = sorted({meta.doc for task in tasks for meta in (task.a, task.b)})
    texts = dict(zip(needed, store.take(needed), strict=True))
    written = 0
    for task in tasks:
        comparison = compare_documents(
            _document(task.a, texts[task.a.doc]), _document(task.b, texts[task.b.doc])
        )
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
    texts: Path,
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
        _init_worker(str(texts), str(folder))
        try:
            for batch in batches:
                written += _write_batch(batch)
                if progress is not None:
                    progress(len(batch))
        finally:
            _STATE.clear()
        return written
    context = multiprocessing.get_context("forkserver")
    with context.Pool(workers, _init_worker, (str(texts), str(folder))) as pool:
        sizes = [len(batch) for batch in _batched(tasks, _BATCH)]
        for index, size in enumerate(pool.imap(_write_batch, batches)):
            written += size
            if progress is not None:
                progress(sizes[index])
    return written
