"""The public face of a scan's results: the documents table, the DuckDB views, the manifest.

Written last, after every stage: ``manifest.json`` is the final file, so a results folder with a
manifest is complete, and one without it is an interrupted scan (rerun it to finish). On a
Hadoop file system as on a local disk (``ResultsFolder.publish``).
"""

from __future__ import annotations

import platform
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq

from retold.store.files import atomic_path, write_json, write_table
from retold.store.folders import ResultsFolder, fetched

__all__ = ["create_views", "publish_results"]

_VIEWS = ("documents", "pairs", "passages", "changes", "families", "stories", "story_names")

_STORY_VIEWS = {
    "credit_by_outlet": """
        SELECT d.outlet AS copy_outlet, count(*) AS retellings,
               count(*) FILTER (WHERE s.credit = 'credits source') AS credits_source,
               count(*) FILTER (WHERE s.credit = 'credits wire') AS credits_wire,
               count(*) FILTER (WHERE s.credit = 'credits other') AS credits_other,
               count(*) FILTER (WHERE s.credit = 'uncredited') AS uncredited,
               round(count(*) FILTER (WHERE s.credit IN ('credits source', 'credits wire'))
                     / count(*), 3) AS credited_share
        FROM stories s JOIN pairs p USING (pair)
        JOIN documents d ON d.doc_id = s.copy_id
        JOIN documents src ON src.doc_id = s.source_id
        WHERE p.relation = 'retelling' AND s.credit IS NOT NULL
          AND src.outlet IS DISTINCT FROM d.outlet
        GROUP BY d.outlet ORDER BY retellings DESC, copy_outlet
    """,
    "systematic_cuts": """
        WITH told AS (
            SELECT s.pair, src.outlet AS source_outlet, cp.outlet AS copy_outlet
            FROM stories s JOIN pairs p USING (pair)
            JOIN documents src ON src.doc_id = s.source_id
            JOIN documents cp ON cp.doc_id = s.copy_id
            WHERE p.relation = 'retelling' AND src.outlet IS DISTINCT FROM cp.outlet
        )
        SELECT t.source_outlet, t.copy_outlet, n.name, n.kind,
               count(*) AS copies_mentioning,
               count(*) FILTER (WHERE n.every_mention_cut) AS cut_everywhere,
               count(*) FILTER (WHERE n.renamed > 0) AS renamed,
               string_agg(DISTINCT n.renamed_to, ' | ') AS renamed_to
        FROM told t JOIN story_names n USING (pair)
        WHERE n.source_mentions > 0
        GROUP BY ALL
        HAVING count(*) >= 2 AND (
            2 * count(*) FILTER (WHERE n.every_mention_cut) >= count(*)
            OR 2 * count(*) FILTER (WHERE n.renamed > 0) >= count(*))
        ORDER BY
            count(*) FILTER (WHERE n.every_mention_cut) + count(*) FILTER (WHERE n.renamed > 0)
                DESC,
            count(*) DESC, n.name
    """,
}
"""Views over ``scan --story``'s tables: how often each outlet's retellings credit their
source (or its wire), and per (source outlet, copying outlet) the names and terms cut or
renamed in at least half of the copies whose source mentions them (two copies at least).
An outlet's versions of its own article are not copies: both views leave them out."""


def _versions() -> dict[str, str]:
    packages = (
        "retold",
        "rapidfuzz",
        "trafilatura",
        "fastwarc",
        "pyarrow",
        "duckdb",
        "numpy",
        "pyspark",
    )
    found = {"python": platform.python_version()}
    for package in packages:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            continue
    return found


def create_views(connection: duckdb.DuckDBPyConnection, results: Path) -> None:
    """One view per Parquet file of ``results`` (absolute paths), and the story views."""
    for name in _VIEWS:
        if not (results / f"{name}.parquet").exists():
            continue  # changes.parquet is written only when asked for
        path = str((results / f"{name}.parquet").resolve()).replace("'", "''")
        connection.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
    if (results / "stories.parquet").exists():
        for name, query in _STORY_VIEWS.items():
            connection.execute(f"CREATE VIEW {name} AS {query}")


def _write_database(results: Path) -> None:
    """A DuckDB file of ``create_views``: open it from anywhere, as long as the folder stays."""
    with atomic_path(results / "results.duckdb") as temporary:
        connection = duckdb.connect(str(temporary))
        try:
            create_views(connection, results)
        finally:
            connection.close()


def publish_results(
    folder: ResultsFolder,
    inputs: list[str],
    config: Any,
    counts: dict[str, dict[str, int]],
    timings: dict[str, float],
    engine: str = "local",
) -> dict[str, Any]:
    """Write ``documents.parquet``, ``rejected.parquet``, ``results.duckdb``, ``manifest.json``.

    ``results.duckdb`` is written only in a folder on this machine: its views name the Parquet
    files by absolute path, which a folder on a Hadoop file system does not have (``retold
    report`` makes the views itself, wherever the folder was copied)."""
    documents = pq.read_table(fetched(folder, ".work/documents.parquet"))
    write_table(
        folder.local / "documents.parquet",
        documents.select(
            [
                "doc_id",
                "outlet",
                "url",
                "title",
                "published",
                "published_from",
                "chars",
                "source",
                "live_file",
                "credit",
            ]
        ),
    )
    folder.publish("documents.parquet")
    rejected = pq.read_table(fetched(folder, ".work/rejected.parquet"))
    write_table(folder.local / "rejected.parquet", rejected)
    folder.publish("rejected.parquet")
    if folder.on_this_machine:
        _write_database(folder.local)
    ingest = counts.get("ingest", {})
    manifest = {
        "schema": "retold.scan/1",
        "inputs": inputs,
        "engine": engine,
        "parameters": asdict(config),
        "guaranteed_words": counts.get("fingerprints", {}).get("guaranteed_words"),
        "counts": counts,
        "documents": {
            "read": ingest.get("read", 0),
            "processed": ingest.get("processed", 0),
            "rejected": ingest.get("rejected", 0),
        },
        "rejected": rejected.to_pylist(),
        "versions": _versions(),
        "platform": {"system": platform.system(), "python": sys.version.split()[0]},
        "timings": timings,
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    write_json(folder.local / "manifest.json", manifest)
    folder.publish("manifest.json")
    return manifest
