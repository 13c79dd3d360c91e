"""Candidate pairs: documents that share at least one winnowing fingerprint.

The inverted-index join (fingerprint → documents → pairs with counts) runs in DuckDB over
Parquet, out of core: DuckDB spills to disk under a memory limit, so a million documents never
have to fit in Python dicts. Fingerprints held by more than ``max_document_frequency``
documents are dropped before the join (a phrase that everyone prints links nothing
specific, and would make the join quadratic); how many were dropped is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from retold.config import CandidateConfig

__all__ = ["CandidateStats", "find_candidates"]


@dataclass(frozen=True, slots=True)
class CandidateStats:
    fingerprints: int
    distinct_fingerprints: int
    dropped_frequent_fingerprints: int
    """Distinct fingerprints above the document-frequency cap, dropped before the join."""
    dropped_frequent_postings: int
    candidate_pairs: int


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def find_candidates(
    connection: duckdb.DuckDBPyConnection,
    fingerprints: Path,
    output: Path,
    config: CandidateConfig | None = None,
) -> CandidateStats:
    """Write ``output`` (Parquet: ``a_doc, b_doc, shared_fingerprints``, ``a_doc < b_doc``).

    ``fingerprints`` is a Parquet file (or glob) with columns ``doc`` (int) and ``hash``.
    """
    config = config or CandidateConfig()
    source = f"read_parquet('{_sql_path(fingerprints)}')"
    connection.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE postings AS
        SELECT DISTINCT hash, doc FROM {source};
        CREATE OR REPLACE TEMP TABLE frequencies AS
        SELECT hash, count(*) AS documents FROM postings GROUP BY hash;
        """
    )
    totals = connection.execute(
        f"""
        SELECT
            (SELECT count(*) FROM {source}),
            count(*),
            count(*) FILTER (WHERE documents > {config.max_document_frequency}),
            coalesce(sum(documents) FILTER (WHERE documents > {config.max_document_frequency}), 0)
        FROM frequencies
        """
    ).fetchone()
    assert totals is not None
    connection.execute(
        f"""
        COPY (
            WITH usable AS (
                SELECT p.hash, p.doc
                FROM postings p JOIN frequencies f USING (hash)
                WHERE f.documents BETWEEN 2 AND {config.max_document_frequency}
            )
            SELECT a.doc AS a_doc, b.doc AS b_doc, count(*) AS shared_fingerprints
            FROM usable a JOIN usable b ON a.hash = b.hash AND a.doc < b.doc
            GROUP BY a.doc, b.doc
            HAVING count(*) >= {config.min_shared_fingerprints}
            ORDER BY a_doc, b_doc
        ) TO '{_sql_path(output)}' (FORMAT parquet)
        """
    )
    pairs = connection.execute(
        f"SELECT count(*) FROM read_parquet('{_sql_path(output)}')"
    ).fetchone()
    assert pairs is not None
    connection.execute("DROP TABLE postings; DROP TABLE frequencies;")
    return CandidateStats(
        fingerprints=int(totals[0]),
        distinct_fingerprints=int(totals[1]),
        dropped_frequent_fingerprints=int(totals[2]),
        dropped_frequent_postings=int(totals[3]),
        candidate_pairs=int(pairs[0]),
    )
