"""Read tables of articles: CSV / TSV row by row, Parquet batch by batch.

A table has one header for the whole file, so the ``FieldMap`` is resolved once: a file
without any of the text columns is one rejection that lists the columns it has (its rows are
not read). CSV is read with the ``csv`` module as text decoded UTF-8 with ``surrogateescape``:
a row with bytes that are not UTF-8 keeps them, and its text goes on as bytes to
``decode_bytes``, which finds the encoding; nothing is lost and nothing raises. Parquet is read
in batches of only the mapped columns, so memory stays at one batch however large the file;
a damaged row group rejects its own rows (the footer says how many) and the next one is read.
"""

from __future__ import annotations

import csv
import io
import sys
import zlib
from collections.abc import Iterator

from retold.ingest.corpus.corpus_file import CorpusFile
from retold.ingest.corpus.fields import (
    ROLES,
    Columns,
    FieldMap,
    Role,
    build_record,
    resolve_columns,
)
from retold.ingest.corpus.reasons import Reason, reason
from retold.ingest.corpus.streams import open_stream
from retold.records import RawRecord, Rejection

__all__ = ["read_csv", "read_parquet"]

_PARQUET_BATCH = 1024
_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)
"""csv refuses fields over 128 KB by default; articles are longer. The limit is global to the
process, so it is only ever raised; ``max_bytes`` then rejects large texts per row."""


def read_csv(
    file: CorpusFile, *, fields: FieldMap, max_bytes: int, delimiter: str = ","
) -> Iterator[RawRecord | Rejection]:
    """Yield one ``RawRecord`` or ``Rejection`` per data row of a CSV (or TSV) file.

    The first row is the header. ``doc_id`` is the id column's value, else ``NAME:LINE``, the
    line where the row starts (the header is line 1; quoted newlines make rows span lines).
    Blank lines are not rows.
    """
    try:
        raw, binary = open_stream(file)
    except OSError as error:
        yield Rejection(file.name, "", reason(Reason.CANNOT_READ, error.strerror or str(error)))
        return
    if csv.field_size_limit() < _FIELD_LIMIT:
        csv.field_size_limit(_FIELD_LIMIT)
    with raw:
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")
        rows = csv.reader(text, delimiter=delimiter)
        yield from _rows(rows, name=file.name, fields=fields, max_bytes=max_bytes)


def _rows(
    rows: Iterator[list[str]], *, name: str, fields: FieldMap, max_bytes: int
) -> Iterator[RawRecord | Rejection]:
    """The records of an open CSV reader (``rows.line_num`` gives positions)."""
    try:
        header = next(rows, None)
    except (csv.Error, OSError, EOFError, zlib.error) as error:
        yield Rejection(name, "1", reason(Reason.MALFORMED_CSV, f"header: {error}"))
        return
    if header is None:
        yield Rejection(name, "", reason(Reason.EMPTY_TEXT, "empty file, no header"))
        return
    columns = resolve_columns(fields, header)
    if isinstance(columns, str):
        yield Rejection(name, "", columns)
        return
    index = _indexes(columns, header)
    previous = line_num(rows)
    while True:
        start = previous + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            previous = line_num(rows)
            yield Rejection(name, str(start), reason(Reason.MALFORMED_CSV, str(error)))
            continue
        except (OSError, EOFError, zlib.error) as error:
            detail = f"cannot decompress after line {previous}: {error}"
            yield Rejection(name, f"after {previous}", reason(Reason.UNREADABLE_REST, detail))
            return
        previous = line_num(rows)
        if not row:
            continue
        locator = str(start)
        if len(row) != len(header):
            detail = f"{len(row)} fields; the header has {len(header)}"
            yield Rejection(name, locator, reason(Reason.WRONG_FIELD_COUNT, detail))
            continue
        values: dict[Role, object] = {
            role: _cell(row[position], role) for role, position in index.items()
        }
        yield build_record(
            values,
            source=name,
            locator=locator,
            default_id=f"{name}:{start}",
            max_bytes=max_bytes,
        )


def read_parquet(
    file: CorpusFile, *, fields: FieldMap, max_bytes: int
) -> Iterator[RawRecord | Rejection]:
    """Yield one ``RawRecord`` or ``Rejection`` per row of a Parquet file.

    ``doc_id`` is the id column's value, else ``NAME:ROW`` (rows count from 1, like lines).
    Only the mapped columns are read, one batch of rows at a time.
    """
    import pyarrow as pa  # heavy: imported only when a Parquet file is read
    import pyarrow.parquet as pq

    name = file.name
    try:
        table = pq.ParquetFile(file.for_arrow())
    except OSError as error:
        yield Rejection(name, "", reason(Reason.CANNOT_READ, error.strerror or str(error)))
        return
    except pa.ArrowException as error:
        yield Rejection(name, "", reason(Reason.UNKNOWN_FORMAT, f"not Parquet: {error}"))
        return
    with table:
        columns = resolve_columns(fields, table.schema_arrow.names)
        if isinstance(columns, str):
            yield Rejection(name, "", columns)
            return
        wanted = columns.names()
        roles = _roles(columns)
        row = 0
        for group in range(table.num_row_groups):
            end = row + table.metadata.row_group(group).num_rows
            batches = table.iter_batches(
                batch_size=_PARQUET_BATCH, row_groups=[group], columns=wanted
            )
            try:
                for batch in batches:
                    cells = dict(
                        zip(wanted, (column.to_pylist() for column in batch.columns), strict=True)
                    )
                    for offset in range(batch.num_rows):
                        row += 1
                        values: dict[Role, object] = {
                            role: cells[column][offset] for role, column in roles.items()
                        }
                        yield build_record(
                            values,
                            source=name,
                            locator=str(row),
                            default_id=f"{name}:{row}",
                            max_bytes=max_bytes,
                        )
            except (OSError, pa.ArrowException) as error:
                # The row group's rows are known from the footer: each unread one is rejected,
                # and the next row group is read as usual.
                detail = f"row group {group}: {error}"
                while row < end:
                    row += 1
                    yield Rejection(name, str(row), reason(Reason.CORRUPT_DATA, detail))


def line_num(rows: Iterator[list[str]]) -> int:
    """The number of physical lines the csv reader has consumed so far."""
    return int(getattr(rows, "line_num", 0))


def _roles(columns: Columns) -> dict[Role, str]:
    """Role -> chosen column, for the roles that have one."""
    chosen = {role: getattr(columns, role) for role in ROLES}
    return {role: column for role, column in chosen.items() if column is not None}


def _indexes(columns: Columns, header: list[str]) -> dict[Role, int]:
    """Role -> position in the header of its chosen column (first one if repeated)."""
    return {role: header.index(column) for role, column in _roles(columns).items()}


def _cell(value: str, role: Role) -> str | bytes:
    """A CSV cell; text that held non-UTF-8 bytes goes on as those bytes, to be decoded."""
    if role == "text" and not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "surrogateescape")
    return value
