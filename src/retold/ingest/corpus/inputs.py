"""Walk the inputs of a scan and send each file to the reader for its format.

``iter_records`` is the one entry point: it takes files and folders, recurses folders in
sorted order, picks a reader by extension (else by the first bytes), and yields every record
of every file as a ``RawRecord`` or a ``Rejection``, lazily, one file open at a time. Nothing
raises for bad data: an unreadable path, an unknown format, or a reader failing half-way are
rejections too, so that ``records + rejections`` accounts for the whole input.

``read_corpus_file`` reads one file, given as a ``CorpusFile``: a path, or bytes that were
read elsewhere (the Spark engine reads files of Hadoop file systems so), with the same result.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path, PurePosixPath

import xxhash

from retold.ingest.corpus.arc import read_arc
from retold.ingest.corpus.corpus_file import CorpusFile
from retold.ingest.corpus.fields import DEFAULT_FIELDS, FieldMap
from retold.ingest.corpus.files import read_file
from retold.ingest.corpus.jsonl import read_jsonl
from retold.ingest.corpus.reasons import Reason, reason
from retold.ingest.corpus.tables import read_csv, read_parquet
from retold.ingest.corpus.warc import read_warc
from retold.records import RawRecord, Rejection

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DUPLICATE_ID",
    "Format",
    "detect_format",
    "iter_input_files",
    "iter_records",
    "read_corpus_file",
]

DEFAULT_MAX_BYTES = 50_000_000
"""Largest record read (50 MB): far above any article or archived page."""

DUPLICATE_ID = reason(Reason.DUPLICATE_ID, "an earlier record has the same id")
"""Why a record whose id an earlier record has is rejected."""


class Format(StrEnum):
    """How a file is read."""

    FILE = "file"
    """One article per file: text or an HTML page."""
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"
    PARQUET = "parquet"
    WARC = "warc"
    ARC = "arc"


_SUFFIXES: dict[str, Format] = {
    **dict.fromkeys((".txt", ".text", ".html", ".htm", ".xhtml", ".shtml"), Format.FILE),
    **dict.fromkeys((".jsonl", ".ndjson", ".json", ".jsonlines"), Format.JSONL),
    ".csv": Format.CSV,
    **dict.fromkeys((".tsv", ".tab"), Format.TSV),
    **dict.fromkeys((".parquet", ".pq"), Format.PARQUET),
    ".warc": Format.WARC,
    ".arc": Format.ARC,
}
_COMPRESSED: dict[str, frozenset[Format]] = {
    # Which formats each compression suffix is read in (WARC through fastwarc).
    ".gz": frozenset(Format) - {Format.PARQUET},
    ".lz4": frozenset({Format.WARC}),
    ".zst": frozenset({Format.WARC}),
    ".zstd": frozenset({Format.WARC}),
}
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\x04\x22\x4d\x18", "lz4"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"PK\x03\x04", "zip"),
)
_SNIFF_BYTES = 4096


def iter_records(
    inputs: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    fields: FieldMap = DEFAULT_FIELDS,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[RawRecord | Rejection]:
    """Yield every record of every input, in order, as a ``RawRecord`` or a ``Rejection``.

    Inputs are files or folders; folders are read recursively in sorted name order, skipping
    hidden entries (names starting with "."). Formats: ``.txt``/``.html``/``.htm`` (one
    document per file), JSON Lines (``.jsonl``, ``.ndjson``, ``.json``), ``.csv``, ``.tsv``,
    ``.parquet``, ``.warc`` and ``.arc``, each optionally ``.gz`` (WARC also ``.lz4``/``.zst``);
    other files are sniffed. A single path may be given instead of a sequence.

    Doc ids, stable across runs with the same arguments:

    - the record's own id when it has one: the ``fields.id`` field (stringified) of a
      JSON/CSV/Parquet row, the ``WARC-Record-ID`` (``urn:uuid:...``) of a WARC record;
    - else derived from the file's path, as given plus the path inside a given folder
      (``corpus/2019/a.txt``), and where in the file: ``PATH:LINE`` for JSON Lines and CSV
      (line where the row starts, from 1), ``PATH:ROW`` for Parquet (from 1),
      ``PATH@OFFSET`` for WARC records without id and for ARC records, ``PATH`` for a file
      that is one document.

    A record whose id was already given to an earlier record is rejected
    (``duplicate doc_id``): ids key every later stage. The check keeps a 16-byte hash per
    record, about 100 bytes of memory each (100 MB for a million records).
    """
    if isinstance(inputs, str | os.PathLike):  # one path, not a sequence of characters
        inputs = [inputs]
    seen: set[int] = set()
    for path in iter_input_files(inputs):
        items = (
            [path]
            if isinstance(path, Rejection)
            else read_corpus_file(CorpusFile.at(path), fields, max_bytes)
        )
        for item in items:
            if isinstance(item, RawRecord):
                key = xxhash.xxh3_128_intdigest(item.doc_id.encode("utf-8", "surrogatepass"))
                if key in seen:
                    yield Rejection(item.source, item.locator, DUPLICATE_ID, item.doc_id)
                    continue
                seen.add(key)
            yield item


def iter_input_files(
    inputs: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
) -> Iterator[Path | Rejection]:
    """Every file the inputs name, in the order ``iter_records`` reads them (folders
    recursively, sorted by name, hidden entries skipped), or a rejection for a path that cannot
    be read; ``read_corpus_file`` reads each file, so files can be read apart (Spark reads each
    in its own task)."""
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    for given in inputs:
        yield from _input_files(Path(given))


def detect_format(file: CorpusFile | Path) -> Format | Rejection:
    """The reader for a file: by extension, else by its first bytes; a rejection if neither."""
    if isinstance(file, Path):
        file = CorpusFile.at(file)
    by_name = _format_from_name(PurePosixPath(file.name).name)
    if by_name is not None:
        return by_name
    return _sniff(file)


def _input_files(path: Path) -> Iterator[Path | Rejection]:
    """The files of one input: a file, or every file under a folder."""
    if path.is_dir():
        yield from _folder_files(path, visited=set())
    elif path.exists():
        yield path
    else:
        detail = "no such file or folder" if not path.is_symlink() else "broken symbolic link"
        yield Rejection(str(path), "", reason(Reason.CANNOT_READ, detail))


def _folder_files(folder: Path, *, visited: set[Path]) -> Iterator[Path | Rejection]:
    """Every file under ``folder``, sorted by name at each level; symlink loops are cut."""
    real = folder.resolve()
    if real in visited:
        return
    visited.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda entry: entry.name)
    except OSError as error:
        yield Rejection(str(folder), "", reason(Reason.CANNOT_READ, error.strerror or str(error)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _folder_files(entry, visited=visited)
        else:
            yield entry


def read_corpus_file(
    file: CorpusFile, fields: FieldMap, max_bytes: int
) -> Iterator[RawRecord | Rejection]:
    """The records of one file, with a guard that turns a reader's failure into a rejection."""
    found = detect_format(file)
    if isinstance(found, Rejection):
        yield found
        return
    last_locator: str | None = None
    try:
        for item in _reader(found, file, fields, max_bytes):
            last_locator = item.locator
            yield item
    except Exception as error:  # a reader bug must cost one file's rest, not the whole scan
        where = f"after {last_locator}" if last_locator else ""
        detail = f"{type(error).__name__}: {error}"
        yield Rejection(file.name, where, reason(Reason.UNREADABLE_REST, detail))


def _reader(
    found: Format, file: CorpusFile, fields: FieldMap, max_bytes: int
) -> Iterator[RawRecord | Rejection]:
    """Dispatch to the reader of ``found``."""
    match found:
        case Format.FILE:
            yield read_file(file, max_bytes=max_bytes)
        case Format.JSONL:
            yield from read_jsonl(file, fields=fields, max_bytes=max_bytes)
        case Format.CSV:
            yield from read_csv(file, fields=fields, max_bytes=max_bytes)
        case Format.TSV:
            yield from read_csv(file, fields=fields, max_bytes=max_bytes, delimiter="\t")
        case Format.PARQUET:
            yield from read_parquet(file, fields=fields, max_bytes=max_bytes)
        case Format.WARC:
            yield from read_warc(file, max_bytes=max_bytes)
        case Format.ARC:
            yield from read_arc(file, max_bytes=max_bytes)


def _format_from_name(filename: str) -> Format | None:
    """The format an extension names (``a.warc.gz`` -> WARC), or None."""
    stem, suffix = os.path.splitext(filename.lower())
    if suffix in _COMPRESSED:
        inner = _SUFFIXES.get(os.path.splitext(stem)[1])
        return inner if inner in _COMPRESSED[suffix] else None
    return _SUFFIXES.get(suffix)


def _sniff(file: CorpusFile) -> Format | Rejection:
    """Guess an unknown file's format from its first bytes (decompressed if need be)."""
    source = file.name
    try:
        with file.open() as stream:
            head = stream.read(_SNIFF_BYTES)
    except OSError as error:
        return Rejection(source, "", reason(Reason.CANNOT_READ, error.strerror or str(error)))
    if not head:
        return Format.FILE  # an empty file: read as one (empty) document, and rejected so
    if head.startswith(b"PAR1"):
        return Format.PARQUET
    compression = next((name for magic, name in _MAGIC if head.startswith(magic)), None)
    if compression is not None:
        inner = _peek(file, head, compression)
        if inner is None:
            return Rejection(source, "", reason(Reason.UNSUPPORTED_COMPRESSION, compression))
        head = inner
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"WARC/"):
        return Format.WARC
    if compression in (None, "gzip"):
        if text.startswith(b"filedesc://"):
            return Format.ARC
        if text.startswith(b"{"):
            return Format.JSONL
        if b"\x00" not in head:
            return Format.FILE
    if compression not in (None, "gzip"):
        detail = f"{compression} is read for WARC files only"
        return Rejection(source, "", reason(Reason.UNSUPPORTED_COMPRESSION, detail))
    suffix = PurePosixPath(file.name).suffix or "no extension"
    detail = f"binary, {suffix}; expected text, HTML, JSON Lines, CSV, Parquet, WARC or ARC"
    return Rejection(source, "", reason(Reason.UNKNOWN_FORMAT, detail))


def _peek(file: CorpusFile, head: bytes, compression: str) -> bytes | None:
    """The first decompressed bytes of a compressed file; None if it cannot be read."""
    try:
        if compression == "gzip":
            return zlib.decompressobj(31).decompress(head, _SNIFF_BYTES)
        if compression in ("zstd", "lz4"):
            from fastwarc.stream_io import Lz4Reader, ZstdReader

            reader = ZstdReader if compression == "zstd" else Lz4Reader
            with file.open() as stream:
                return bytes(reader(stream).read(_SNIFF_BYTES))
    except Exception:  # a broken stream: the format stays unknown
        return None
    return None
