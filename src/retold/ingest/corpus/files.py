"""Read one article per file: ``.txt``, ``.html``, ``.htm`` (also gzipped, ``.html.gz``).

Only the bytes are read here, with the size checked before reading; decoding and extraction
happen in ``convert.to_document``, in a worker. Whether the bytes are a page is decided as
``retold compare`` decides it (``looks_like_html``: extension, else the first kilobyte), so a
file reads the same in a corpus as on its own.
"""

from __future__ import annotations

import gzip
import zlib

from retold.ingest.corpus.corpus_file import CorpusFile
from retold.ingest.corpus.reasons import Reason, reason
from retold.ingest.corpus.streams import GZIP_MAGIC
from retold.ingest.html import looks_like_html
from retold.records import RawRecord, Rejection

__all__ = ["read_file"]


def read_file(file: CorpusFile, *, max_bytes: int) -> RawRecord | Rejection:
    """The whole file as one ``RawRecord`` (``doc_id`` is the file's name, locator ``""``).

    Rejected when it cannot be read, is over ``max_bytes`` (before or after gunzipping) or
    holds only whitespace; binary and undecodable bytes are found when decoding.
    """
    name = file.name

    def reject(cause: Reason, detail: str | None = None) -> Rejection:
        return Rejection(name, "", reason(cause, detail), name)

    try:
        size = file.size()
        if size > max_bytes:
            return reject(Reason.TOO_LARGE, f"{size:,} bytes; the limit is {max_bytes:,}")
        with file.open() as stream:
            data = stream.read(max_bytes + 1)
        if data.startswith(GZIP_MAGIC):
            data = _gunzip(data, max_bytes)
    except _TooLargeError:
        return reject(Reason.TOO_LARGE, f"over {max_bytes:,} bytes when decompressed")
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        return reject(Reason.UNREADABLE_REST, f"broken gzip: {error}")
    except OSError as error:
        return reject(Reason.CANNOT_READ, error.strerror or str(error))
    if len(data) > max_bytes:  # the file grew after stat
        return reject(Reason.TOO_LARGE, f"over {max_bytes:,} bytes")
    if not data.strip():
        return reject(Reason.EMPTY_TEXT, "empty file" if not data else "only whitespace")
    label = name.removesuffix(".gz")
    return RawRecord(
        doc_id=name,
        source=name,
        locator="",
        payload=data,
        kind="html" if looks_like_html(data, label) else "text",
    )


class _TooLargeError(Exception):
    """A gzipped file that decompresses to more than ``max_bytes``."""


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress a whole gzip file (all members), refusing output over ``max_bytes``."""
    pieces: list[bytes] = []
    total = 0
    while data:
        inflater = zlib.decompressobj(31)
        piece = inflater.decompress(data, max_bytes + 1 - total)
        total += len(piece)
        pieces.append(piece)
        if total > max_bytes:
            raise _TooLargeError
        if not inflater.eof:
            if inflater.unconsumed_tail:  # stopped by the size bound
                raise _TooLargeError
            raise EOFError("the file ends inside the compressed data")
        data = inflater.unused_data.lstrip(b"\x00")
    return b"".join(pieces)
