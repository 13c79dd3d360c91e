"""Read a whole collection of news pages as a stream of records, for ``retold scan``.

Two steps, so that the cheap one runs in the main process and the costly one in workers:

1. ``iter_records(inputs, fields)`` splits files into ``RawRecord`` items (bytes or text, with
   the metadata the container gives), one at a time, never holding a corpus in memory.
   Folders, text and HTML files, JSON Lines, CSV/TSV, Parquet, WARC and ARC are read.
2. ``to_document(record)`` decodes and extracts one record into a ``CorpusDocument``; it is
   pure and picklable, for a process pool.

Every input record ends up as exactly one ``RawRecord`` or one ``Rejection`` from step 1, and
every ``RawRecord`` as one ``CorpusDocument`` or one ``Rejection`` from step 2: nothing is
dropped silently and nothing raises for bad data. ``reason_key`` groups rejections by cause.

Importing this package imports neither trafilatura nor pyarrow; they load on first use.
"""

from __future__ import annotations

from retold.ingest.corpus.convert import to_document
from retold.ingest.corpus.fields import DEFAULT_FIELDS, FieldMap
from retold.ingest.corpus.inputs import DEFAULT_MAX_BYTES, Format, detect_format, iter_records
from retold.ingest.corpus.reasons import Reason, reason_key

__all__ = [
    "DEFAULT_FIELDS",
    "DEFAULT_MAX_BYTES",
    "FieldMap",
    "Format",
    "Reason",
    "detect_format",
    "iter_records",
    "reason_key",
    "to_document",
]
