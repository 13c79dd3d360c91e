"""A file of a corpus, for a reader: a path of this machine, or bytes read elsewhere.

Readers take a ``CorpusFile`` rather than a path so that a file Python cannot open — one that
Spark read from a Hadoop file system (``hdfs://``, ``s3a://``) and handed over as bytes — is
read by the same code, record for record, as a file on disk. Either way the file is known by
its ``name``, which the ids derived from it are made of.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from retold.ingest.corpus.streams import BUFFER

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["CorpusFile"]


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """One input file: its name, and its bytes or where to read them."""

    name: str
    """The file as the scan names it: the path as given (plus the path inside a given folder)
    or the URI. Documents' ``source`` and the ids derived from the file start with it."""
    content: Path | bytes
    """A path to open, or the whole file's bytes."""

    @classmethod
    def at(cls, path: Path) -> CorpusFile:
        """The file at ``path`` of this machine, named by the path as given."""
        return cls(path.as_posix(), path)

    def size(self) -> int:
        """The file's size in bytes. Raises ``OSError`` when it cannot be read."""
        if isinstance(self.content, Path):
            return self.content.stat().st_size
        return len(self.content)

    def open(self) -> io.BufferedReader:
        """A buffered, seekable stream of the file's bytes (which can ``peek``). Raises
        ``OSError`` when the file cannot be opened."""
        if isinstance(self.content, Path):
            return io.BufferedReader(io.FileIO(self.content, "rb"), buffer_size=BUFFER)
        return io.BufferedReader(io.BytesIO(self.content))

    def for_arrow(self) -> str | pa.NativeFile:
        """The file as pyarrow reads it fastest: its path, or a buffer over its bytes."""
        if isinstance(self.content, Path):
            return str(self.content)
        import pyarrow as pa  # heavy: imported only when a Parquet file is read

        return pa.BufferReader(self.content)
