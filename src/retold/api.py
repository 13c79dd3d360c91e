"""The small typed Python API: ``compare`` two articles, ``scan`` a corpus, ``compare_pair``
of a scan's results.

Everything here is a composition of the stages (ingest → tokens → align → explain); the command
line and the corpus scanner call these functions and nothing below them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from retold.config import CompareConfig
from retold.core import compare_documents
from retold.errors import InputNotFoundError, UsageError
from retold.ingest import read_document
from retold.locations import Location, location
from retold.records import Comparison, Document

if TYPE_CHECKING:
    from retold.engines.spark.session import SparkOptions
    from retold.engines.stages import ScanConfig, ScanReport
    from retold.store.folders import ResultsFolder

__all__ = [
    "CompareConfig",
    "ScanResult",
    "compare",
    "compare_documents",
    "compare_pair",
    "scan",
]


def compare(
    a: Document | str | os.PathLike[str],
    b: Document | str | os.PathLike[str],
    *,
    config: CompareConfig | None = None,
) -> Comparison:
    """Compare two articles: ``Document`` objects, or paths to text or HTML files (``"-"``: stdin).

    Example:
        >>> result = compare("examples/jpost.txt", "examples/kayhan.txt")  # doctest: +SKIP
        >>> result.source.verdict
        <Verdict.A: 'a'>
    """
    config = config or CompareConfig()
    a_document = a if isinstance(a, Document) else read_document(a, max_bytes=config.max_bytes)
    b_document = b if isinstance(b, Document) else read_document(b, max_bytes=config.max_bytes)
    return compare_documents(a_document, b_document, config=config)


def compare_pair(
    results: str | os.PathLike[str],
    a: str,
    b: str,
    *,
    config: CompareConfig | None = None,
) -> Comparison:
    """Compare two documents of a scan's results folder, named by their ids (``doc_id``).

    The documents are rebuilt from the scan's text store as the scan aligned them (same
    metadata, same credit), so the verdict is the scan's; the comparison is ``compare``'s in
    full (every change explained, stretches retold in other words, the story), which the scan
    itself works out only when asked. Any two documents can be compared, not only kept pairs.
    """
    from retold.report.corpus.model import check_results
    from retold.store.documents import read_document_fields, stored_documents
    from retold.store.texts import TextStore

    folder = Path(results)
    check_results(folder)
    fields = read_document_fields(folder / ".work")
    number = {doc_id: doc for doc, doc_id in enumerate(fields.column("doc_id").to_pylist())}
    for doc_id in (a, b):
        if doc_id not in number:
            raise InputNotFoundError(
                f"{folder}: no document with id {doc_id!r} (ids are documents.parquet's doc_id)"
            )
    texts = TextStore(folder / ".work" / "texts.arrow")
    documents = stored_documents(fields, texts, [number[a], number[b]])
    return compare_documents(documents[number[a]], documents[number[b]], config=config)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """Where a scan's results are, and its manifest (counts, parameters, rejections)."""

    results: Location
    manifest: dict[str, Any]
    largest_families: tuple[dict[str, Any], ...]


def _largest_families(families: Path, limit: int) -> tuple[dict[str, Any], ...]:
    import duckdb

    path = str(families.resolve()).replace("'", "''")
    relation = duckdb.sql(
        f"""
        SELECT family_id, count(*) AS members, count(DISTINCT outlet) AS outlets,
               min(published) AS earliest,
               arg_min(doc_id, coalesce(published, TIMESTAMPTZ '9999-12-31')) AS first_doc
        FROM read_parquet('{path}') GROUP BY family_id
        ORDER BY members DESC, family_id LIMIT {int(limit)}
        """
    )
    rows = relation.fetchall() if relation is not None else []  # None only for statements
    names = ("family_id", "members", "outlets", "earliest", "first_doc")
    return tuple(dict(zip(names, row, strict=True)) for row in rows)


def scan(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    results: str | os.PathLike[str],
    *,
    config: ScanConfig | None = None,
    engine: Literal["local", "spark"] = "local",
    spark: SparkOptions | None = None,
) -> ScanResult:
    """Find every retold story in ``inputs`` (files, folders, URIs; one or several); write
    the results folder (see the README).

    ``engine="spark"`` runs the same stages on Spark (``pip install 'retold[spark]'``): the
    active session, or one made from ``spark`` (master, settings); the results are the local
    engine's, row for row. With it, inputs and ``results`` may also be URIs of any Hadoop file
    system the cluster is configured for (``hdfs://…``, ``s3a://…``; see docs/spark.md). Reruns
    resume: stages already finished with the same parameters (and engine) are skipped.
    """
    workers = config.workers if config is not None else os.cpu_count() or 1  # ScanConfig's
    if engine == "local" and workers > 1:
        from retold.engines.fork_server import start_fork_server

        start_fork_server()  # its imports run while this process imports the engine
    from retold.engines.stages import ScanConfig as _ScanConfig

    config = config or _ScanConfig()
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]  # one input, not a sequence of its characters
    locations = [location(given) for given in inputs]
    results_location = location(results)
    uris = [given for given in (*locations, results_location) if not isinstance(given, Path)]
    if uris and engine != "spark":
        raise UsageError(
            f"{uris[0]}: a URI of a Hadoop file system; the local engine reads and writes"
            " paths of this machine only: use --engine spark (engine='spark')"
        )
    for given in locations:
        if isinstance(given, Path) and not given.exists():
            raise InputNotFoundError(f"{given}: no such file or directory")
    if engine == "spark":
        from retold.engines.spark.session import SparkOptions as _SparkOptions
        from retold.engines.spark.session import spark_session

        session = spark_session(spark or _SparkOptions())  # one clear error if pyspark is missing
        from retold.engines.spark.engine import run_spark_scan  # imports pyspark
        from retold.engines.spark.folders import results_folder
        from retold.engines.spark.inputs import check_inputs

        check_inputs(session, locations)
        with results_folder(session, results_location) as folder:
            report = run_spark_scan(session, locations, folder, config)
            return _published(folder, locations, config, report, engine)
    from retold.engines.local import run_scan
    from retold.store.folders import LocalFolder

    folder = LocalFolder(Path(results))
    report = run_scan([Path(given) for given in locations], folder.local, config)
    return _published(folder, locations, config, report, engine)


def _published(
    folder: ResultsFolder,
    inputs: Sequence[Location],
    config: ScanConfig,
    report: ScanReport,
    engine: str,
) -> ScanResult:
    """Publish a finished scan's last files (the manifest last) and say what it found."""
    from retold.store.folders import fetched
    from retold.store.results import publish_results

    manifest = publish_results(
        folder, [str(given) for given in inputs], config, report.counts, report.timings, engine
    )
    families = fetched(folder, "families.parquet")
    return ScanResult(folder.location, manifest, _largest_families(families, 10))
