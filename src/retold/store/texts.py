"""The text store of a scan: every document's text, by document index, memory-mapped.

An uncompressed Arrow IPC file whose row ``i`` is document ``i``. Workers map it and take the
texts they need (``take`` is one vectorized call per batch), so texts never pass through a
pipe twice and the corpus never has to fit in memory: the operating system pages it.

Each read copies the texts out and then drops the mapped pages from the process
(``MADV_DONTNEED``; they stay in the page cache, shared): otherwise every worker that reads
its pairs' texts from all over the store ends up with most of the store resident in its own
page tables, and the RSS that users' monitors and cgroup limits add up counts the corpus once
per worker (a 4.0 GB store at a million news articles: 11.6 GB summed RSS in the align stage,
3.2 GB of it the workers' own memory).
"""

from __future__ import annotations

import bisect
import mmap
import os
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa

__all__ = ["TextStore", "TextStoreWriter"]

_SCHEMA = pa.schema([("text", pa.large_string())])


class TextStoreWriter:
    """Append texts in document-index order; ``close`` publishes the file atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._temporary = path.with_name(path.name + ".tmp")
        self._sink = pa.OSFile(str(self._temporary), "wb")
        self._writer = pa.ipc.new_file(self._sink, _SCHEMA)
        self.count = 0

    def write(self, texts: Sequence[str]) -> None:
        if texts:
            self._writer.write_batch(pa.record_batch([pa.array(texts, pa.large_string())], _SCHEMA))
            self.count += len(texts)

    def close(self) -> None:
        self._writer.close()
        self._sink.close()
        os.replace(self._temporary, self.path)


class TextStore:
    """Read access to a text store written by ``TextStoreWriter``."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        source = pa.BufferReader(pa.py_buffer(self._map))
        self._column = pa.ipc.open_file(source).read_all().column("text")
        self._chunk_starts = [0]
        for chunk in self._column.chunks:
            self._chunk_starts.append(self._chunk_starts[-1] + len(chunk))

    def __len__(self) -> int:
        return len(self._column)

    def take(self, indexes: Sequence[int]) -> list[str]:
        """The texts of these documents, each read from its own chunk of the mapped file.

        ``ChunkedArray.take`` concatenates the chunks it touches — the whole 4 GB column of a
        million-article scan, for every batch of pairs — so a text is located by its chunk.
        """
        texts = []
        for index in indexes:
            chunk = bisect.bisect_right(self._chunk_starts, index) - 1
            texts.append(self._column.chunk(chunk)[index - self._chunk_starts[chunk]].as_py())
        self._release()
        return texts

    def range(self, start: int, stop: int) -> list[str]:
        texts: list[str] = self._column.slice(start, stop - start).to_pylist()
        self._release()
        return texts

    def _release(self) -> None:
        """Drop the pages just read from this process (the texts were copied out). Reading
        them again costs a page fault from the page cache: about 9 microseconds a text read
        at random from a million-article store, against a millisecond to align a pair."""
        if _DONT_NEED is not None:
            self._map.madvise(_DONT_NEED)


_DONT_NEED: int | None = getattr(mmap, "MADV_DONTNEED", None)
"""Missing where the platform has no ``madvise`` (Windows): pages then stay mapped."""
