"""The local engine: a scan on one machine, stage by stage, on all cores.

Each stage reads the previous stage's files and writes its own under ``RESULTS/.work/``
(atomically), then a marker with its parameters and counts. A rerun skips every stage whose
marker matches the current parameters, so a killed scan resumes where it stopped, and the same
input gives the same files. The per-item work is the plain functions of the other modules
(``to_document``, ``fingerprint``, ``align_pair``, ``build_families``); this module only decides
where data lives and how work is split between processes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from retold.candidates import (
    CandidateStats,
    find_candidates,
    find_sketch_candidates,
    merge_candidates,
    plan_candidates,
    printed_fingerprints,
)
from retold.clean.outlet_boilerplate import learn_outlet_boilerplate, read_outlet_boilerplate
from retold.config import FingerprintConfig, SketchConfig
from retold.engines.components import families_by_component
from retold.engines.fork_server import worker_context
from retold.engines.rows import (
    ALIGNED_SCHEMAS,
    DUPLICATE_DOCUMENT,
    FAMILY_PASSAGE_KINDS,
    AlignedRows,
    JoinedRegions,
    PassageRegions,
    align_batch,
    derived_pairs,
    document_fingerprints,
    document_row,
    ingest_record,
    key_rows,
    prepare_aligned_tables,
    window_rows,
)
from retold.engines.stages import ScanConfig, ScanReport, StageLog, stage_parameters
from retold.family_gaps import FamilyGaps, family_gaps, with_family_relations
from retold.ingest.corpus import iter_records
from retold.records import CorpusDocument, RawRecord, Rejection
from retold.representatives import BASIS_COLUMNS
from retold.sketches import sentence_sketches, window_signatures
from retold.store import schemas
from retold.store.documents import read_document_fields, stored_documents
from retold.store.files import ParquetSink, write_table
from retold.store.texts import TextStore, TextStoreWriter

__all__ = ["ScanConfig", "ScanReport", "document_ranges", "run_scan"]

T = TypeVar("T")
R = TypeVar("R")

_WORK = ".work"
_AHEAD = 4
"""Chunks of tasks in flight per worker: enough that no worker waits for the next one."""
_BATCH = 512
_DOCUMENT_TASKS_PER_WORKER = 4
_ALIGN_BATCH = 8192
"""Candidate rows read at a time by the align stage."""
_ALIGN_TASK_MAX = 16384
_ALIGN_TASKS_PER_WORKER = 16
_ALIGN_DOCUMENTS_PAIRS = 64
"""Pairs whose texts a worker takes from the store at a time, inside one task."""


# ---------------------------------------------------------------------------------------------
# Worker side: plain functions over batches; state set once per process by ``_init_worker``.

_STATE: dict[str, Any] = {}


def _init_worker(work: str, boilerplate: dict[str, frozenset[int]] | None) -> None:
    work_dir = Path(work)
    if (work_dir / "texts.arrow").exists():
        _STATE["texts"] = TextStore(work_dir / "texts.arrow")
    if (work_dir / "documents.parquet").exists():
        _STATE["documents"] = read_document_fields(work_dir)
    _STATE["boilerplate"] = boilerplate or {}


def _ingest_item(
    task: tuple[RawRecord | Rejection, str | None],
) -> tuple[CorpusDocument | Rejection, list[int], dict[str, Any]]:
    """A record read (``ingest_record``), with its ``documents.parquet`` row made here in the
    worker (the credit and live-file checks read the whole text); the driver numbers it. A
    record the reader already rejected passes through, so every record keeps its place."""
    item, separator = task
    if isinstance(item, Rejection):
        return item, [], {}
    outcome, hashes = ingest_record(item, separator)
    row = document_row(0, outcome) if isinstance(outcome, CorpusDocument) else {}
    return outcome, hashes, row


def _fingerprints_of(
    task: tuple[int, int, FingerprintConfig],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    start, stop, config = task
    outlets = _STATE["documents"].column("outlet").slice(start, stop - start).to_pylist()

    def prints() -> Iterator[tuple[np.ndarray, np.ndarray]]:
        for offset, text in enumerate(_STATE["texts"].range(start, stop)):
            boilerplate = _STATE["boilerplate"].get(outlets[offset], frozenset())
            yield document_fingerprints(text, boilerplate, config)

    return key_rows(range(start, stop), prints())


def _sketches_of(
    task: tuple[int, int, SketchConfig],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    start, stop, config = task
    texts = _STATE["texts"].range(start, stop)
    return key_rows(range(start, stop), (sentence_sketches(text, config) for text in texts))


def _windows_of(
    task: tuple[int, int, SketchConfig],
) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    start, stop, config = task
    texts = _STATE["texts"].range(start, stop)
    return window_rows(range(start, stop), (window_signatures(text, config) for text in texts))


def _align_batch(task: tuple[list[tuple[int, int]], ScanConfig]) -> list[AlignedRows]:
    pairs, config = task
    kept = []
    for start in range(0, len(pairs), _ALIGN_DOCUMENTS_PAIRS):
        part = pairs[start : start + _ALIGN_DOCUMENTS_PAIRS]
        docs = [doc for pair in part for doc in pair]
        documents = stored_documents(_STATE["documents"], _STATE["texts"], docs)
        kept.extend(align_batch(part, documents, config))
    return kept


def _align_task_size(pairs: int, workers: int) -> int:
    """Candidate pairs per align task: as many as load balance allows (each worker gets about
    ``_ALIGN_TASKS_PER_WORKER`` tasks), up to ``_ALIGN_TASK_MAX``.

    A text's tokens, labels and quotations are cached in the worker that met it; candidates
    come sorted by their first document, and the pairs of one text's neighbours lie close
    together, so the longer the run of candidates a worker takes, the more often it meets a
    text it has already worked out. Simulated over the 2,262,206 aligned pairs of the 1 M
    news-shaped benchmark (two workers, caches of 1,024 texts): 1,048,061 texts worked out
    with tasks of 64 pairs, 876,719 with 4,096, 808,881 with 16,384, for 773,341 distinct.
    """
    return max(
        _ALIGN_DOCUMENTS_PAIRS, min(_ALIGN_TASK_MAX, pairs // (workers * _ALIGN_TASKS_PER_WORKER))
    )


# ---------------------------------------------------------------------------------------------
# Driver side.


def _each(function: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [function(item) for item in chunk]


def _ordered_map(
    pool: ProcessPoolExecutor,
    function: Callable[[T], R],
    tasks: Iterable[T],
    *,
    chunksize: int = 1,
    ahead: int,
) -> Iterator[R]:
    """``function`` over ``tasks`` in the pool, results in order, with at most ``ahead``
    chunks of ``chunksize`` tasks in flight (tasks are read as they are needed).

    Not ``multiprocessing.Pool.imap``: its worker-handler thread waits on the result pipe as
    well as on the workers, so while results stream in (every text of an ingest comes back
    through it) that thread spins: 4.7 s of the driver's CPU in a 14 s ingest of 20,000 news
    articles on 2 cores, taken from the two workers it was feeding.
    """
    pending: deque[Future[list[R]]] = deque()
    try:
        for chunk in _batched(tasks, chunksize):
            pending.append(pool.submit(_each, function, chunk))
            if len(pending) >= ahead:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def document_ranges(total: int, workers: int) -> list[tuple[int, int]]:
    """The document ranges a per-document stage hands out as tasks: at most ``_BATCH``
    documents each, and at least ``_DOCUMENT_TASKS_PER_WORKER`` tasks per worker. In tasks of
    512, one worker fingerprinted 512 of Helsinki's 612 articles while the other did 100 and
    waited (py-spy with ``--idle``: 1.29 s against 0.12 s busy)."""
    size = max(1, min(_BATCH, -(-total // (max(1, workers) * _DOCUMENT_TASKS_PER_WORKER))))
    return [(start, min(total, start + size)) for start in range(0, total, size)]


class _Stages:
    """Runs the stages of one scan, skipping those already done with the same parameters."""

    def __init__(self, inputs: Sequence[Path], results: Path, config: ScanConfig) -> None:
        self.inputs = inputs
        self.results = results
        self.config = config
        self.work = results / _WORK
        self.work.mkdir(parents=True, exist_ok=True)
        self.report = ScanReport(results=results)
        self.log = StageLog(self.work, self.report)
        self.progress = Progress(
            TextColumn("{task.description:<22}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=False,
        )

    @contextmanager
    def _workers(
        self, boilerplate: dict[str, frozenset[int]] | None = None
    ) -> Iterator[ProcessPoolExecutor]:
        """A process pool whose workers see this scan's files (opened when the pool starts)."""
        # The fork server imports this module once and every worker of every stage is forked
        # from it ready: importing retold, numpy and pyarrow in each new worker took 0.7 s, three
        # times per scan (ingest, fingerprints, align). ``retold.api.scan`` starts it early.
        with ProcessPoolExecutor(
            self.config.workers,
            mp_context=worker_context(),
            initializer=_init_worker,
            initargs=(str(self.work), boilerplate),
        ) as pool:
            yield pool

    def _map(
        self,
        function: Callable[[T], R],
        tasks: Iterable[T],
        boilerplate: dict[str, frozenset[int]] | None = None,
        chunksize: int = 1,
    ) -> Iterator[R]:
        """Map in worker processes (order kept; ``chunksize`` tasks sent at a time), or in
        this process with one worker."""
        if self.config.workers <= 1:
            _init_worker(str(self.work), boilerplate)
            yield from map(function, tasks)
            return
        ahead = _AHEAD * self.config.workers
        with self._workers(boilerplate) as pool:
            yield from _ordered_map(pool, function, tasks, chunksize=chunksize, ahead=ahead)

    def _remove(self, name: str) -> None:
        (self.results / name).unlink(missing_ok=True)

    def _documents_count(self) -> int:
        return int(pq.ParquetFile(self.work / "documents.parquet").metadata.num_rows)

    # -- stages ------------------------------------------------------------------------------

    def ingest(self) -> dict[str, int]:
        texts = TextStoreWriter(self.work / "texts.arrow")
        documents = ParquetSink(self.work / "documents.parquet", schemas.DOCUMENTS)
        rejected = ParquetSink(self.work / "rejected.parquet", schemas.REJECTED)
        lines = ParquetSink(self.work / "lines.parquet", schemas.LINES)
        seen: set[str] = set()
        read = 0
        task = self.progress.add_task("ingest", total=None)
        records = iter_records(self.inputs, self.config.fields, max_bytes=self.config.max_bytes)
        tasks = ((item, self.config.paragraph_separator) for item in records)
        for batch in _batched(self._map(_ingest_item, tasks, chunksize=16), _BATCH):
            read += len(batch)
            self._write_ingested(batch, texts, documents, rejected, lines, seen)
            self.progress.update(task, advance=len(batch))
        texts.close()
        documents.close()
        rejected.close()
        lines.close()
        self.progress.update(task, total=read)
        return {
            "read": read,
            "processed": documents.rows,
            "rejected": rejected.rows,
            "lines": lines.rows,
        }

    def _write_ingested(
        self,
        batch: list[tuple[CorpusDocument | Rejection, list[int], dict[str, Any]]],
        texts: TextStoreWriter,
        documents: ParquetSink,
        rejected: ParquetSink,
        lines: ParquetSink,
        seen: set[str],
    ) -> None:
        """Write one batch of converted records, numbered here; a repeated id is rejected."""
        columns: dict[str, list[Any]] = {name: [] for name in schemas.DOCUMENTS.names}
        rejections: dict[str, list[Any]] = {name: [] for name in schemas.REJECTED.names}
        line_rows: dict[str, list[Any]] = {name: [] for name in schemas.LINES.names}
        batch_texts: list[str] = []
        for outcome, hashes, row in batch:
            if isinstance(outcome, CorpusDocument) and outcome.doc_id in seen:
                outcome = Rejection(
                    outcome.source, outcome.locator, DUPLICATE_DOCUMENT, outcome.doc_id
                )
            if isinstance(outcome, Rejection):
                for name in schemas.REJECTED.names:
                    rejections[name].append(getattr(outcome, name))
                continue
            seen.add(outcome.doc_id)
            doc = texts.count + len(batch_texts)
            row["doc"] = doc
            for name, value in row.items():
                columns[name].append(value)
            batch_texts.append(outcome.text)
            line_rows["doc"].extend([doc] * len(hashes))
            line_rows["outlet"].extend([outcome.outlet] * len(hashes))
            line_rows["line_hash"].extend(hashes)
        texts.write(batch_texts)
        documents.write(columns)
        rejected.write(rejections)
        lines.write(line_rows)

    def outlet_boilerplate(self, connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
        rows = learn_outlet_boilerplate(
            connection,
            self.work / "lines.parquet",
            self.work / "outlet_boilerplate.parquet",
            self.config.outlet_boilerplate,
        )
        outlets = connection.execute(
            "SELECT count(DISTINCT outlet) FROM read_parquet(?)",
            [str(self.work / "outlet_boilerplate.parquet")],
        ).fetchone()
        return {
            "boilerplate_lines": rows,
            "outlets_with_boilerplate": int(outlets[0]) if outlets else 0,
        }

    def _boilerplate(self) -> dict[str, frozenset[int]]:
        return read_outlet_boilerplate(self.work / "outlet_boilerplate.parquet")

    def _per_document(
        self,
        name: str,
        function: Callable[[tuple[int, int, Any]], tuple[np.ndarray | list[bytes], ...]],
        config: Any,
        schema: pa.Schema,
        boilerplate: dict[str, frozenset[int]] | None = None,
    ) -> int:
        """Run ``function`` over batches of documents in the workers and write its columns
        (in ``schema``'s order) to ``.work/<name>.parquet``; returns the rows written."""
        total = self._documents_count()
        sink = ParquetSink(self.work / f"{name}.parquet", schema)
        task = self.progress.add_task(name.replace("_", " "), total=total)
        ranges = document_ranges(total, self.config.workers)
        tasks = [(start, stop, config) for start, stop in ranges]
        for (start, stop, _), columns in zip(
            tasks, self._map(function, tasks, boilerplate=boilerplate), strict=True
        ):
            arrays = [
                pa.array(column, field.type) for column, field in zip(columns, schema, strict=True)
            ]
            sink.write(pa.Table.from_arrays(arrays, schema=schema))
            self.progress.update(task, advance=stop - start)
        sink.close()
        return sink.rows

    def fingerprints(self) -> dict[str, int]:
        config = self.config.fingerprints
        rows = self._per_document(
            "fingerprints",
            _fingerprints_of,
            config,
            schemas.FINGERPRINTS,
            boilerplate=self._boilerplate(),
        )
        return {"fingerprints": rows, "guaranteed_words": config.guaranteed_words}

    def sketches(self) -> dict[str, int]:
        config = self.config.sketches
        rows = self._per_document("sentence_sketches", _sketches_of, config, schemas.SKETCHES)
        windows = self._per_document("sketch_windows", _windows_of, config, schemas.SKETCH_WINDOWS)
        return {"sketch_keys": rows, "sketch_windows": windows}

    def candidates(self, connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
        sketched = self.config.sketches.enabled
        exact = self.work / ("candidates_exact.parquet" if sketched else "candidates.parquet")
        stats: CandidateStats = find_candidates(
            connection,
            self.work / "fingerprints.parquet",
            self.work / "documents.parquet",
            exact,
            self.config.candidates,
        )
        counts = asdict(stats)
        if sketched:
            sketch_pairs = self.work / "candidates_sketches.parquet"
            counts["sketch_pairs"] = find_sketch_candidates(
                connection,
                self.work / "sentence_sketches.parquet",
                self.work / "sketch_windows.parquet",
                sketch_pairs,
                self.config.sketches,
            )
            counts["sketch_only_pairs"] = merge_candidates(
                connection, exact, sketch_pairs, self.work / "candidates.parquet"
            )
            counts["candidate_pairs"] += counts["sketch_only_pairs"]
        counts["derived_pairs"] = self._plan(connection)
        return counts

    def _plan(self, connection: duckdb.DuckDBPyConnection) -> int:
        """Mark the candidate pairs derived through a representative; returns their number."""
        path = self.work / "candidates.parquet"
        printed = (
            printed_fingerprints(
                connection, self.work / "fingerprints.parquet", self._documents_count()
            )
            if self.config.copy_share is not None
            else np.zeros(0, dtype=np.int64)
        )
        planned = plan_candidates(pq.read_table(path), printed, self.config.copy_share)
        write_table(path, planned)
        return int(planned.num_rows - planned.column(BASIS_COLUMNS[0]).null_count)

    def align(self) -> dict[str, int]:
        candidates = pq.ParquetFile(self.work / "candidates.parquet")
        total = candidates.metadata.num_rows - self.report.counts["candidates"]["derived_pairs"]
        pairs = ParquetSink(self.work / "pairs_aligned.parquet", schemas.PAIRS)
        sinks = {
            name: ParquetSink(self.results / f"{name}.parquet", ALIGNED_SCHEMAS[name])
            for name in prepare_aligned_tables(self.config, self._remove)
        }

        def aligned() -> Iterator[tuple[int, int]]:
            columns = ["a_doc", "b_doc", BASIS_COLUMNS[0]]
            for batch in candidates.iter_batches(batch_size=_ALIGN_BATCH, columns=columns):
                kept = batch.filter(pc.is_null(batch.column(2)))
                a_docs, b_docs = kept.column(0).to_pylist(), kept.column(1).to_pylist()
                yield from zip(a_docs, b_docs, strict=True)

        self._align_into(aligned(), total, "align pairs", 0, pairs, sinks)
        pairs.close()
        counts = {"aligned_pairs": total, "pairs": pairs.rows}
        for name, sink in sinks.items():
            sink.close()
            counts[name] = sink.rows
        return counts

    def _align_into(
        self,
        candidates: Iterable[tuple[int, int]],
        total: int,
        description: str,
        first: int,
        pairs: ParquetSink,
        sinks: dict[str, ParquetSink],
    ) -> None:
        """Align ``candidates`` (``total`` of them) in the workers and write the kept pairs,
        numbered from ``first`` in the order of ``candidates``, to ``pairs`` and their rows
        to ``sinks`` (by table name)."""
        task = self.progress.add_task(description, total=total)
        size = _align_task_size(total, self.config.workers)
        sizes: deque[int] = deque()  # of the tasks handed out, read as their results come

        def tasks() -> Iterator[tuple[list[tuple[int, int]], ScanConfig]]:
            for batch in _batched(candidates, size):
                sizes.append(len(batch))
                yield batch, self.config

        pair_number = first
        for results in self._map(_align_batch, tasks()):
            pair_rows: dict[str, list[Any]] = {name: [] for name in schemas.PAIRS.names}
            table_rows: dict[str, dict[str, list[Any]]] = {
                name: {column: [] for column in ALIGNED_SCHEMAS[name].names} for name in sinks
            }
            for found in results:
                found.pair["pair"] = pair_number
                for column, value in found.pair.items():
                    pair_rows[column].append(value)
                for name, columns in table_rows.items():
                    for row in getattr(found, name):
                        row["pair"] = pair_number
                        for column, value in row.items():
                            columns[column].append(value)
                pair_number += 1
            pairs.write(pair_rows)
            for name, sink in sinks.items():
                sink.write(table_rows[name])
            self.progress.update(task, advance=sizes.popleft())

    def families(self) -> dict[str, int]:
        pairs = pq.read_table(self.work / "pairs_aligned.parquet")
        passages = pq.read_table(
            self.results / "passages.parquet",
            columns=["pair", "a_start", "a_end", "b_start", "b_end"],
            filters=[("kind", "in", list(FAMILY_PASSAGE_KINDS))],
        )
        documents = pq.read_table(
            self.work / "documents.parquet",
            columns=["doc_id", "outlet", "published", "live_file"],
        )
        regions = PassageRegions(passages)
        published = documents.column("published").to_pylist()
        live_files = {
            doc for doc, live in enumerate(documents.column("live_file").to_pylist()) if live
        }
        doc_ids = documents.column("doc_id").to_pylist()
        planned = pq.read_table(
            self.work / "candidates.parquet", columns=["a_doc", "b_doc", *BASIS_COLUMNS]
        )
        plan = planned.filter(pc.is_valid(planned.column(BASIS_COLUMNS[0])))
        derived, derived_regions = derived_pairs(
            plan, pairs, regions, read_document_fields(self.work)
        )
        pairs = pa.concat_tables([pairs, derived])
        members, final = families_by_component(
            pairs, JoinedRegions(regions, derived_regions), published, live_files
        )
        pairs = pairs.set_column(
            pairs.schema.get_field_index("relation"),
            pairs.schema.field("relation"),
            pa.array(final, type=pa.string()),
        )
        gaps = family_gaps(
            [m.family for m in members],
            [m.doc for m in members],
            [m.role for m in members],
            pairs.column("a").to_numpy(),
            pairs.column("b").to_numpy(),
            self.config.pairs.family_gap_pairs,
        )
        filled = self._align_family_gaps(gaps, first=pairs.num_rows)
        final.extend(filled.column("relation").to_pylist())
        pairs = pa.concat_tables([pairs, filled])
        write_table(self.results / "pairs.parquet", pairs.drop_columns(["a", "b"]))
        outlets = documents.column("outlet").to_pylist()
        table = pa.table(
            {
                "family_id": [m.family for m in members],
                "doc_id": [doc_ids[m.doc] for m in members],
                "doc": [m.doc for m in members],
                "role": [m.role for m in members],
                "outlet": [outlets[m.doc] for m in members],
                "published": [published[m.doc] for m in members],
                "share": [m.share for m in members],
            },
            schema=schemas.FAMILIES,
        )
        write_table(self.results / "families.parquet", table)
        relation_counts: dict[str, int] = {}
        for relation in final:
            relation_counts[relation] = relation_counts.get(relation, 0) + 1
        return {
            "families": len({m.family for m in members}),
            "family_members": len(members),
            "derived_pairs": derived.num_rows,
            "family_gap_pairs": len(gaps.a),
            "family_gap_pairs_kept": filled.num_rows,
            "family_gap_families_skipped": gaps.skipped_families,
            **{f"pairs_{name}": count for name, count in sorted(relation_counts.items())},
        }

    def _align_family_gaps(self, gaps: FamilyGaps, first: int) -> pa.Table:
        """The ``PAIRS`` rows (with ``a`` and ``b``) of the ``gaps`` that share a passage,
        numbered from ``first``, with the relation a pair inside a family gets; their rows of
        the aligned tables are added to those the align stage wrote."""
        if not len(gaps.a):
            return schemas.PAIRS.empty_table()
        found = ParquetSink(self.work / "pairs_family_gaps.parquet", schemas.PAIRS)
        sinks = {
            name: self._reopened(name, first)
            for name in prepare_aligned_tables(self.config, self._remove)
        }
        self._align_into(gaps.pairs(), len(gaps.a), "align family pairs", first, found, sinks)
        found.close()
        for sink in sinks.values():
            sink.close()
        return with_family_relations(pq.read_table(self.work / "pairs_family_gaps.parquet"))

    def _reopened(self, name: str, first: int) -> ParquetSink:
        """A sink that rewrites ``RESULTS/<name>.parquet`` with its rows of the pairs numbered
        below ``first`` (the align stage's: whatever an interrupted families stage added is
        dropped), ready for more."""
        path = self.results / f"{name}.parquet"
        sink = ParquetSink(path, ALIGNED_SCHEMAS[name])
        for batch in pq.ParquetFile(path).iter_batches(batch_size=ParquetSink.ROW_GROUP_ROWS):
            sink.write(pa.Table.from_batches([batch]).filter(pc.less(batch.column("pair"), first)))
        return sink


def run_scan(inputs: Sequence[Path], results: Path, config: ScanConfig) -> ScanReport:
    """Run (or resume) every stage of a scan; the final files are written by the caller."""
    stages = _Stages(inputs, results, config)
    parameters = stage_parameters(inputs, config)
    connection = duckdb.connect()
    connection.execute(f"SET memory_limit = '{config.memory_limit}'")
    connection.execute("SET temp_directory = ?", [str(stages.work / "duckdb.tmp")])
    connection.execute("SET preserve_insertion_order = true")
    bodies: dict[str, Callable[[], dict[str, int]]] = {
        "ingest": stages.ingest,
        "outlet_boilerplate": lambda: stages.outlet_boilerplate(connection),
        "fingerprints": stages.fingerprints,
        "sketches": stages.sketches,
        "candidates": lambda: stages.candidates(connection),
        "align": stages.align,
        "families": stages.families,
    }
    try:
        with stages.progress:
            for stage, values in parameters.items():
                stages.log.run(stage, values, bodies[stage])
    finally:
        connection.close()
    return stages.report
