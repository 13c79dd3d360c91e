"""Candidate pairs: documents that share at least one winnowing fingerprint (and, for
rewritten copies, a checked sentence sketch).

The inverted-index join (fingerprint → documents → pairs with counts) runs in DuckDB over
Parquet, out of core: DuckDB spills to disk under a memory limit, so a million documents never
have to fit in Python dicts. A fingerprint held by more than ``max_document_frequency``
documents would make the join quadratic (a wire story printed by 300 outlets: 44,850 pairs for
each of its fingerprints), so it pairs each of its holders with one of them only, the earliest
published (then the first read): a *star*, not a clique. The story's copies are then pairs of
its earliest printing, and copies of one another through it (``retold.representatives``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from retold.config import CandidateConfig, SketchConfig
from retold.representatives import BASIS_COLUMNS, plan_alignment
from retold.sketches import CAUGHT_SENTENCES, passed_sentences
from retold.store.files import ParquetSink

__all__ = [
    "CandidateStats",
    "find_candidates",
    "find_sketch_candidates",
    "merge_candidates",
    "plan_candidates",
    "printed_fingerprints",
    "sketch_pairs_query",
]


@dataclass(frozen=True, slots=True)
class CandidateStats:
    fingerprints: int
    distinct_fingerprints: int
    frequent_fingerprints: int
    """Distinct fingerprints above the document-frequency cap: each pairs its holders with its
    earliest holder only."""
    frequent_postings: int
    candidate_pairs: int


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _rows(connection: duckdb.DuckDBPyConnection, path: Path, where: str = "TRUE") -> int:
    """Rows of a Parquet file (those matching ``where``)."""
    found = connection.execute(
        f"SELECT count(*) FROM read_parquet('{_sql_path(path)}') WHERE {where}"
    ).fetchone()
    assert found is not None
    return int(found[0])


def find_candidates(
    connection: duckdb.DuckDBPyConnection,
    fingerprints: Path,
    documents: Path,
    output: Path,
    config: CandidateConfig | None = None,
) -> CandidateStats:
    """Write ``output`` (Parquet: ``a_doc, b_doc, shared_fingerprints``, ``a_doc < b_doc``).

    ``fingerprints`` is a Parquet file (or glob) with columns ``doc`` (int) and ``hash``;
    ``documents`` has ``doc`` and ``published`` (which holder of a frequent fingerprint is the
    earliest).
    """
    config = config or CandidateConfig()
    limit = config.max_document_frequency
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
            count(*) FILTER (WHERE documents > {limit}),
            coalesce(sum(documents) FILTER (WHERE documents > {limit}), 0)
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
                WHERE f.documents BETWEEN 2 AND {limit}
            ),
            frequent AS (
                SELECT p.hash, p.doc, row_number() OVER (
                    PARTITION BY p.hash
                    ORDER BY d.published IS NULL, d.published, p.doc
                ) AS rank
                FROM postings p JOIN frequencies f USING (hash)
                JOIN read_parquet('{_sql_path(documents)}') d USING (doc)
                WHERE f.documents > {limit}
            ),
            shared AS (
                SELECT a.doc AS a_doc, b.doc AS b_doc
                FROM usable a JOIN usable b ON a.hash = b.hash AND a.doc < b.doc
                UNION ALL
                SELECT least(c.doc, h.doc), greatest(c.doc, h.doc)
                FROM frequent c JOIN frequent h ON c.hash = h.hash AND c.rank = 1 AND h.rank > 1
            )
            SELECT a_doc, b_doc, count(*) AS shared_fingerprints
            FROM shared
            GROUP BY a_doc, b_doc
            HAVING count(*) >= {config.min_shared_fingerprints}
            ORDER BY a_doc, b_doc
        ) TO '{_sql_path(output)}' (FORMAT parquet)
        """
    )
    connection.execute("DROP TABLE postings; DROP TABLE frequencies;")
    return CandidateStats(
        fingerprints=int(totals[0]),
        distinct_fingerprints=int(totals[1]),
        frequent_fingerprints=int(totals[2]),
        frequent_postings=int(totals[3]),
        candidate_pairs=_rows(connection, output),
    )


def find_sketch_candidates(
    connection: duckdb.DuckDBPyConnection,
    sketches: Path,
    windows: Path,
    output: Path,
    config: SketchConfig,
) -> int:
    """Write ``output`` (Parquet: ``a_doc, b_doc, shared_sentences``, ``a_doc < b_doc``): the
    pairs with a sentence of A and one of B that share a sentence-sketch key and whose window
    signatures agree (``retold.sketches``; ``shared_sentences``: how many sentences of each
    side passed, the fewer). Keys held by more than ``max_document_frequency`` documents are
    dropped first, and pairs resting on one sentence pair are capped per document
    (``sketch_pairs_query``). Returns the number of pairs."""
    passed = output.with_name(output.stem + "_sentences.parquet")
    sink = ParquetSink(passed, CAUGHT_SENTENCES)
    # A cursor of its own: the reader streams, and the connection may hold an open result.
    caught = connection.cursor().sql(caught_sentences_query(sketches, windows, config))
    with caught.to_arrow_reader(batch_size=_BATCH_ROWS) as reader:
        for batch in reader:
            sink.write(pa.Table.from_batches([passed_sentences(batch, config)]))
    sink.close()
    connection.execute(
        f"""
        COPY ({sketch_pairs_query(f"read_parquet('{_sql_path(passed)}')", config)}
              ORDER BY a_doc, b_doc)
        TO '{_sql_path(output)}' (FORMAT parquet)
        """
    )
    passed.unlink()
    return _rows(connection, output)


_BATCH_ROWS = 200_000


def sketch_pairs_query(passed: str, config: SketchConfig) -> str:
    """The document pairs of the caught sentence pairs in ``passed`` (a table of
    ``CAUGHT_SENTENCES``) with ``shared_sentences``, those resting on one sentence pair kept
    only among the ``max_partners`` best of one of their documents (``SketchConfig``)."""
    pairs = f"""
        SELECT a_doc, b_doc,
               least(count(DISTINCT a_sentence), count(DISTINCT b_sentence))
                   AS shared_sentences,
               max(matches) AS best_matches
        FROM {passed}
        GROUP BY a_doc, b_doc"""
    if config.max_partners is None:
        return f"SELECT a_doc, b_doc, shared_sentences FROM ({pairs})"
    return f"""
        WITH pairs AS ({pairs}),
        sides AS (
            SELECT a_doc AS doc, b_doc AS other, a_doc, b_doc, shared_sentences, best_matches
            FROM pairs
            UNION ALL
            SELECT b_doc, a_doc, a_doc, b_doc, shared_sentences, best_matches FROM pairs
        ),
        ranked AS (
            SELECT a_doc, b_doc, shared_sentences,
                   row_number() OVER (
                       PARTITION BY doc ORDER BY shared_sentences DESC, best_matches DESC, other
                   ) AS partner_rank
            FROM sides
        )
        SELECT a_doc, b_doc, any_value(shared_sentences) AS shared_sentences
        FROM ranked
        GROUP BY a_doc, b_doc
        HAVING any_value(shared_sentences) >= 2 OR min(partner_rank) <= {config.max_partners}"""


def caught_sentences_query(sketches: Path, windows: Path, config: SketchConfig) -> str:
    """The sentence pairs that share a usable sketch key, once each, with both window
    signatures."""
    source = f"read_parquet('{_sql_path(sketches)}')"
    signatures = f"read_parquet('{_sql_path(windows)}')"
    return f"""
        WITH usable AS (
            SELECT hash, doc, sentence FROM {source}
            WHERE hash IN (
                SELECT hash FROM {source} GROUP BY hash
                HAVING count(DISTINCT doc) BETWEEN 2 AND {config.max_document_frequency}
            )
        ),
        caught AS (
            SELECT DISTINCT a.doc AS a_doc, a.sentence AS a_sentence,
                   b.doc AS b_doc, b.sentence AS b_sentence
            FROM usable a JOIN usable b ON a.hash = b.hash AND a.doc < b.doc
        )
        SELECT c.a_doc, c.a_sentence, c.b_doc, c.b_sentence,
               wa.signature AS a_signature, wb.signature AS b_signature
        FROM caught c
        JOIN {signatures} wa ON wa.doc = c.a_doc AND wa.sentence = c.a_sentence
        JOIN {signatures} wb ON wb.doc = c.b_doc AND wb.sentence = c.b_sentence
    """


def merge_candidates(
    connection: duckdb.DuckDBPyConnection, exact: Path, sketched: Path, output: Path
) -> int:
    """Write ``output``: the pairs of both paths once each, in order, with ``shared_fingerprints``
    and ``shared_sentences`` (0 where a path did not find the pair). Returns the pairs found by
    the sketches alone."""
    connection.execute(
        f"""
        COPY (
            SELECT coalesce(e.a_doc, s.a_doc) AS a_doc, coalesce(e.b_doc, s.b_doc) AS b_doc,
                   coalesce(e.shared_fingerprints, 0) AS shared_fingerprints,
                   coalesce(s.shared_sentences, 0) AS shared_sentences
            FROM read_parquet('{_sql_path(exact)}') e
            FULL OUTER JOIN read_parquet('{_sql_path(sketched)}') s
                ON e.a_doc = s.a_doc AND e.b_doc = s.b_doc
            ORDER BY a_doc, b_doc
        ) TO '{_sql_path(output)}' (FORMAT parquet)
        """
    )
    return _rows(connection, output, "shared_fingerprints = 0")


def printed_fingerprints(
    connection: duckdb.DuckDBPyConnection, fingerprints: Path, documents: int
) -> np.ndarray:
    """Each document's count of distinct fingerprints, indexed by document number."""
    counts = connection.execute(
        f"""
        SELECT doc, count(DISTINCT hash) AS printed
        FROM read_parquet('{_sql_path(fingerprints)}') GROUP BY doc
        """
    ).fetchnumpy()
    printed = np.zeros(documents, dtype=np.int64)
    printed[counts["doc"].astype(np.int64)] = counts["printed"]
    return printed


def plan_candidates(
    candidates: pa.Table, printed: np.ndarray, copy_share: float | None
) -> pa.Table:
    """``candidates`` with the plan's ``basis_a, basis_b`` (``retold.representatives``): null
    for the pairs to align, every pair aligned when ``copy_share`` is ``None``."""
    rows = candidates.num_rows
    if copy_share is None or rows == 0:
        basis = [np.full(rows, -1, dtype=np.int64)] * 2
    else:
        a_docs, b_docs, shared = (
            candidates.column(name).to_numpy().astype(np.int64)
            for name in ("a_doc", "b_doc", "shared_fingerprints")
        )
        basis = list(plan_alignment(a_docs, b_docs, shared, printed, copy_share))
    for name, values in zip(BASIS_COLUMNS, basis, strict=True):
        candidates = candidates.append_column(name, pa.array(values, pa.int64(), mask=values < 0))
    return candidates
