"""Opening corpus files as byte streams, gzip or not, decided by the bytes and not the name."""

from __future__ import annotations

import gzip
import io
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from retold.ingest.corpus.corpus_file import CorpusFile

__all__ = ["BUFFER", "GZIP_MAGIC", "open_stream"]

GZIP_MAGIC = b"\x1f\x8b"
BUFFER = 1 << 20


def open_stream(file: CorpusFile) -> tuple[io.BufferedReader, BinaryIO]:
    """The open file, and a stream of its bytes (decompressed when the file is gzip).

    Close the first to release the file. Raises ``OSError`` when the file cannot be read.
    """
    raw = file.open()
    try:
        compressed = raw.peek(2)[:2] == GZIP_MAGIC
    except OSError:
        raw.close()
        raise
    stream: BinaryIO = gzip.GzipFile(fileobj=raw) if compressed else raw  # type: ignore[assignment]
    return raw, stream
