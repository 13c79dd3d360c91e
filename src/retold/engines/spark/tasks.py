"""What Spark's executors run: the local engine's per-item functions, over Arrow batches.

Each factory returns a function for ``DataFrame.mapInArrow`` (or a grouped ``applyInArrow``)
that calls the same plain functions as the local engine (``read_corpus_file``,
``ingest_record``, ``document_fingerprints``, ``sentence_sketches``, ``align_pair``,
``families_of``) and builds rows with ``retold.engines.rows``. Nothing here imports pyspark:
the functions see only pyarrow, so they are tested and pickled like any other function.

Spark has no unsigned integers: 64-bit hashes travel as int64 with the same bits
(``_signed``), which joins and equality do not mind.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from retold.config import FingerprintConfig, SketchConfig
from retold.engines.rows import (
    ALIGNED_SCHEMAS,
    align_batch,
    document_fingerprints,
    document_row,
    families_of,
    family_firsts,
    ingest_record,
    key_rows,
    shipped_documents,
    window_rows,
)
from retold.engines.stages import ScanConfig
from retold.ingest.corpus import FieldMap
from retold.ingest.corpus.corpus_file import CorpusFile
from retold.ingest.corpus.inputs import read_corpus_file
from retold.records import CorpusDocument, Document, RawRecord, Rejection
from retold.representatives import Regions
from retold.sketches import passed_sentences, sentence_sketches, window_signatures
from retold.store import schemas
from retold.store.documents import DOCUMENT_FIELDS, read_document_fields, stored_documents
from retold.store.texts import TextStore

__all__ = [
    "ALIGNED",
    "FAMILY_ROWS",
    "FILES",
    "INGESTED",
    "KEYS",
    "KEYS_OF",
    "RAW",
    "SHIPPED_OF",
    "BatchFunction",
    "align_pairs",
    "align_shipped",
    "convert_records",
    "document_keys",
    "family_rows",
    "passage_spans",
    "read_files",
    "rejection_row",
]

_ROWS_PER_BATCH = 256

BatchFunction = Callable[[Iterable[pa.RecordBatch]], Iterator[pa.RecordBatch]]
"""What ``mapInArrow`` runs: Arrow batches in, Arrow batches out."""

INGESTED = pa.schema(
    [
        ("file", pa.int64()),
        ("record", pa.int64()),
        ("raw_id", pa.string()),
        ("raw_source", pa.string()),
        ("raw_locator", pa.string()),
        *((name, schemas.DOCUMENTS.field(name).type) for name in schemas.DOCUMENTS.names[1:]),
        ("text", pa.string()),
        ("line_hashes", pa.list_(pa.int64())),
        ("reason", pa.string()),
    ]
)
"""One row per record read: a document (``reason`` null) or a rejection (``source``,
``locator``, ``doc_id``, ``reason``); ``raw_*`` name the record as read, for the duplicate-id
check, which needs every record's id in reading order (``file``, ``record``)."""

KEYS_OF = ("doc", "outlet", "text")
"""The document columns ``document_keys`` reads."""

KEYS = pa.schema([("doc", pa.int64()), ("hash", pa.int64()), ("position", pa.int32())])
"""Fingerprints (position: a token) or sentence sketches (position: a sentence)."""

_PAIR_FIELDS = [field for field in schemas.PAIRS if field.name != "pair"]
ALIGNED = pa.schema(
    [
        *_PAIR_FIELDS,
        *(
            (f"{name}_rows", pa.list_(pa.struct(list(schema)[3:])))
            for name, schema in ALIGNED_SCHEMAS.items()
        ),
    ]
)
"""A kept pair's row (numbered later, in pair order) with its rows of each table of
``ALIGNED_SCHEMAS`` (``passages_rows``…), without their ``pair, a_id, b_id``."""

FAMILY_ROWS = pa.schema(
    [
        ("pair", pa.int64()),
        ("relation", pa.string()),
        ("doc", pa.int64()),
        ("family", pa.int64()),
        ("family_first", pa.int64()),
        ("role", pa.string()),
        ("share", pa.float64()),
    ]
)
"""The family model's output for one component: a row per pair (``pair``, final
``relation``) and a row per family member (``doc``, its family's number inside the component,
``family_first``: the family's smallest non-compilation member, which orders families
globally as the local engine numbers them)."""


def _signed(hashes: np.ndarray) -> np.ndarray:
    return hashes.astype(np.uint64, copy=False).view(np.int64)


def rejection_row(rejection: Rejection) -> dict[str, Any]:
    """The columns of ``INGESTED`` a rejection fills (the others stay null)."""
    return {
        "source": rejection.source,
        "locator": rejection.locator,
        "doc_id": rejection.doc_id,
        "reason": rejection.reason,
    }


def _ingested_row(item: RawRecord | Rejection, separator: str | None) -> dict[str, Any]:
    if isinstance(item, Rejection):
        return rejection_row(item)
    outcome, hashes = ingest_record(item, separator)
    row = {"raw_id": item.doc_id, "raw_source": item.source, "raw_locator": item.locator}
    if isinstance(outcome, CorpusDocument):
        row |= document_row(0, outcome)
        del row["doc"]  # numbered later, in reading order
        row["text"] = outcome.text
        row["line_hashes"] = _signed(np.asarray(hashes, dtype=np.uint64)).tolist()
    else:
        row |= rejection_row(outcome)
    return row


FILES = pa.schema([("file", pa.int64()), ("name", pa.string()), ("content", pa.binary())])
"""Input files to read, numbered in reading order: ``content`` holds a file's bytes (read by
Spark from a Hadoop file system), or is null: ``name`` is then a path the executors open."""

RAW = pa.schema([("file", pa.int64()), ("record", pa.int64()), ("item", pa.binary())])
"""A record as read (a pickled ``RawRecord`` or ``Rejection``), by where it was read."""


def read_files(fields: FieldMap, max_bytes: int) -> BatchFunction:
    """``FILES`` batches → ``RAW`` rows: every record of every file, in order.

    Reading only splits a file into records (sequential, cheap); converting them (decoding,
    HTML extraction) is ``convert_records``, after the records are spread over all tasks: a
    corpus in one big file is converted on every core, not in the one task that reads it.
    """

    def read(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            for file, name, content in zip(
                *(batch.column(column).to_pylist() for column in FILES.names), strict=True
            ):
                found = CorpusFile.at(Path(name)) if content is None else CorpusFile(name, content)
                rows: list[dict[str, Any]] = []
                for record, item in enumerate(read_corpus_file(found, fields, max_bytes)):
                    rows.append({"file": file, "record": record, "item": pickle.dumps(item)})
                    if len(rows) == _ROWS_PER_BATCH:
                        yield pa.RecordBatch.from_pylist(rows, schema=RAW)
                        rows = []
                if rows:
                    yield pa.RecordBatch.from_pylist(rows, schema=RAW)

    return read


def convert_records(separator: str | None) -> BatchFunction:
    """``RAW`` batches → ``INGESTED`` rows: each record read into a document or a rejection.
    (The records are this scan's own, pickled by ``read_files``.)"""

    def convert(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            rows = [
                {"file": file, "record": record, **_ingested_row(pickle.loads(item), separator)}
                for file, record, item in zip(
                    *(batch.column(name).to_pylist() for name in RAW.names), strict=True
                )
            ]
            yield pa.RecordBatch.from_pylist(rows, schema=INGESTED)

    return convert


def document_keys(
    config: FingerprintConfig | SketchConfig,
    boilerplate: Mapping[str, frozenset[int]] | None = None,
) -> BatchFunction:
    """Batches of ``doc, outlet, text`` → ``KEYS`` rows: fingerprints (a ``FingerprintConfig``,
    the outlets' boilerplate lines left out) or sentence sketches (a ``SketchConfig``)."""

    def keys_of(text: str, outlet: str | None) -> tuple[np.ndarray, np.ndarray]:
        if isinstance(config, SketchConfig):
            return sentence_sketches(text, config)
        learned = (
            (boilerplate or {}).get(outlet, frozenset()) if outlet is not None else frozenset()
        )
        return document_fingerprints(text, learned, config)

    def keys(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            docs, outlets, texts = (batch.column(name).to_pylist() for name in KEYS_OF)
            found = (keys_of(text, outlet) for outlet, text in zip(outlets, texts, strict=True))
            numbers, hashes, positions = key_rows(docs, found)
            yield pa.RecordBatch.from_arrays(
                [pa.array(numbers), pa.array(_signed(hashes)), pa.array(positions)], schema=KEYS
            )

    return keys


def document_windows(config: SketchConfig) -> BatchFunction:
    """Batches of ``doc, outlet, text`` → ``SKETCH_WINDOWS`` rows (``window_signatures``)."""

    def windows(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            docs, texts = batch.column("doc").to_pylist(), batch.column("text").to_pylist()
            columns = window_rows(docs, (window_signatures(text, config) for text in texts))
            yield pa.RecordBatch.from_arrays(
                [
                    pa.array(column, field.type)
                    for column, field in zip(columns, schemas.SKETCH_WINDOWS, strict=True)
                ],
                schema=schemas.SKETCH_WINDOWS,
            )

    return windows


def checked_sentences(config: SketchConfig) -> BatchFunction:
    """Batches of caught sentence pairs with both window signatures → the pairs whose windows
    agree (``CAUGHT_SENTENCES``), as the local engine keeps them."""

    def checked(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            yield passed_sentences(batch, config)

    return checked


_OPEN: dict[str, tuple[pa.Table, TextStore]] = {}
"""Each Python worker opens a scan's documents and text store once (memory-mapped)."""


def _opened(work: str) -> tuple[pa.Table, TextStore]:
    if work not in _OPEN:
        documents = read_document_fields(Path(work))
        _OPEN[work] = (documents, TextStore(Path(work) / "texts.arrow"))
    return _OPEN[work]


def _aligned(
    pairs: list[tuple[int, int]], documents: Mapping[int, Document], config: ScanConfig
) -> pa.RecordBatch:
    """``ALIGNED`` rows of the pairs that count among ``pairs``."""
    rows = []
    for found in align_batch(pairs, documents, config):
        pair_row = dict(found.pair)
        del pair_row["pair"]  # numbered later, in pair order
        for name in ALIGNED_SCHEMAS:
            pair_row[f"{name}_rows"] = [_without_keys(r) for r in getattr(found, name)]
        rows.append(pair_row)
    return pa.RecordBatch.from_pylist(rows, schema=ALIGNED)


def _pairs(table: pa.Table | pa.RecordBatch) -> list[tuple[int, int]]:
    return list(
        zip(table.column("a_doc").to_pylist(), table.column("b_doc").to_pylist(), strict=True)
    )


def align_pairs(work: str, config: ScanConfig) -> BatchFunction:
    """Batches of ``a_doc, b_doc`` → ``ALIGNED`` rows of the kept pairs.

    Texts are read from the scan's text store (``work``: its ``.work`` folder, on a file
    system every executor sees), as the local engine's workers read them, instead of being
    joined to every pair: a document in a thousand pairs would be shuffled a thousand times.
    """

    def align(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        documents, texts = _opened(work)
        for batch in batches:
            pairs = _pairs(batch)
            docs = [doc for pair in pairs for doc in pair]
            yield _aligned(pairs, stored_documents(documents, texts, docs), config)

    return align


SHIPPED_OF = ("doc", *DOCUMENT_FIELDS, "text")
"""The document columns ``align_shipped`` reads."""


def align_shipped(config: ScanConfig) -> Callable[[pa.Table, pa.Table], pa.Table]:
    """One batch of candidate pairs (``a_doc, b_doc``) and its documents (``SHIPPED_OF``, each
    once) → ``ALIGNED`` rows of the kept pairs: alignment where no text store is shared."""

    def align(pairs: pa.Table, documents: pa.Table) -> pa.Table:
        ordered = pairs.sort_by([("a_doc", "ascending"), ("b_doc", "ascending")])
        batch = _aligned(_pairs(ordered), shipped_documents(documents), config)
        return pa.Table.from_batches([batch], schema=ALIGNED)

    return align


def _without_keys(row: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in row.items() if name not in ("pair", "a_id", "b_id")}


def passage_spans(row: Mapping[str, Any]) -> Regions:
    """A pair's passage spans in A, then in B, from its ``regions`` (structs of ``a_start``,
    ``a_end``, ``b_start``, ``b_end``, in passage order; none when null)."""
    regions = row["regions"] or []
    return [(r["a_start"], r["a_end"]) for r in regions], [
        (r["b_start"], r["b_end"]) for r in regions
    ]


def family_rows(table: pa.Table) -> pa.Table:
    """One connected component's pairs (``pairs_aligned`` columns, ``regions``: the exact
    passages' spans, ``a_published``/``b_published``, ``a_live_file``/``b_live_file``) →
    ``FAMILY_ROWS``."""
    table = table.sort_by("pair")
    pairs = table.to_pylist()
    regions = {row["pair"]: passage_spans(row) for row in pairs}
    published = {row["a"]: row["a_published"] for row in pairs} | {
        row["b"]: row["b_published"] for row in pairs
    }
    live_files = {row["a"] for row in pairs if row["a_live_file"]} | {
        row["b"] for row in pairs if row["b_live_file"]
    }
    members, relations = families_of(table, regions, published, live_files)
    first = family_firsts(members)
    rows: list[dict[str, Any]] = [
        {"pair": row["pair"], "relation": relation}
        for row, relation in zip(pairs, relations, strict=True)
    ]
    rows.extend(
        {
            "doc": member.doc,
            "family": member.family,
            "family_first": first[member.family],
            "role": member.role,
            "share": member.share,
        }
        for member in members
    )
    return pa.Table.from_pylist(rows, schema=FAMILY_ROWS)
