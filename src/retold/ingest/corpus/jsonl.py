"""Read JSON Lines (``.jsonl``, ``.ndjson``, ``.json``, optionally gzipped) one line at a time.

Each non-blank line is one record: a JSON object whose fields a ``FieldMap`` names. Lines are
read as bytes with a length limit, so a line over ``max_bytes`` (or a file with no newlines) is
skipped without being held in memory, and bytes that are not UTF-8 reject one line, not the
file. Blank lines are not records and are passed over; line numbers count them all, so that
a locator is the line an editor shows.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from retold.ingest.corpus.corpus_file import CorpusFile
from retold.ingest.corpus.fields import ROLES, FieldMap, build_record, missing_text_field, pick
from retold.ingest.corpus.reasons import Reason, reason
from retold.ingest.corpus.streams import open_stream
from retold.records import RawRecord, Rejection

__all__ = ["read_jsonl"]

_BOM = b"\xef\xbb\xbf"
_SKIP_CHUNK = 1 << 20
_Stream = BinaryIO
"""A readable binary stream: a buffered file, or a GzipFile around one."""


def read_jsonl(
    file: CorpusFile, *, fields: FieldMap, max_bytes: int
) -> Iterator[RawRecord | Rejection]:
    """Yield one ``RawRecord`` or ``Rejection`` per non-blank line of a JSON Lines file.

    ``doc_id`` is the record's id field, else ``NAME:LINE`` (lines count from 1). The first
    line without any text field in a file lists the keys it has; later ones refer back to it.
    """
    try:
        raw, stream = open_stream(file)
    except OSError as error:
        yield Rejection(file.name, "", reason(Reason.CANNOT_READ, error.strerror or str(error)))
        return
    with raw:
        yield from _lines(stream, name=file.name, fields=fields, max_bytes=max_bytes)


def _lines(
    stream: _Stream, *, name: str, fields: FieldMap, max_bytes: int
) -> Iterator[RawRecord | Rejection]:
    """The records of an open, decompressed JSON Lines stream."""
    first_missing: int | None = None
    number = 0
    while True:
        try:
            line = stream.readline(max_bytes + 1)
        except (OSError, EOFError, zlib.error) as error:
            detail = f"cannot decompress after line {number}: {error}"
            yield Rejection(name, f"after {number}", reason(Reason.UNREADABLE_REST, detail))
            return
        if not line:
            return
        number += 1
        locator = str(number)
        if len(line) > max_bytes and not line.endswith(b"\n"):
            try:
                size = len(line) + _skip_line(stream)
            except (OSError, EOFError, zlib.error) as error:
                detail = f"cannot decompress in line {number}: {error}"
                yield Rejection(name, locator, reason(Reason.UNREADABLE_REST, detail))
                return
            detail = f"line of {size:,} bytes; the limit is {max_bytes:,}"
            yield Rejection(name, locator, reason(Reason.TOO_LARGE, detail))
            continue
        if number == 1 and line.startswith(_BOM):
            line = line[len(_BOM) :]
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (ValueError, RecursionError) as error:  # JSONDecodeError, UnicodeDecodeError
            if number == 1 and line.lstrip().startswith(b"["):
                detail = "a JSON array, not JSON Lines: write one object per line"
                yield Rejection(name, "", reason(Reason.UNKNOWN_FORMAT, detail))
                return
            yield Rejection(name, locator, reason(Reason.NOT_JSON, _short(error)))
            continue
        if not isinstance(row, dict):
            yield Rejection(name, locator, reason(Reason.NOT_AN_OBJECT, type(row).__name__))
            continue
        if not any(key in row for key in fields.candidates("text")):
            if first_missing is None:
                first_missing = number
                cause = missing_text_field(fields, list(row))
            else:
                cause = reason(Reason.NO_TEXT_FIELD, f"as on line {first_missing}")
            yield Rejection(name, locator, cause)
            continue
        values = {role: pick(row, fields, role) for role in ROLES}
        yield build_record(
            values,
            source=name,
            locator=locator,
            default_id=f"{name}:{number}",
            max_bytes=max_bytes,
        )


def _skip_line(stream: _Stream) -> int:
    """Read to the end of an over-long line without keeping it; the bytes skipped."""
    skipped = 0
    while True:
        chunk = stream.readline(_SKIP_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _short(error: Exception, limit: int = 120) -> str:
    """An exception's message, cut to one short line for a rejection."""
    text = " ".join(str(error).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
