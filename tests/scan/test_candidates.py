"""The candidate join: every two holders of a fingerprint, or a star around the earliest holder
when the fingerprint is frequent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from retold.candidates import find_candidates
from retold.config import CandidateConfig

DAY = datetime(2018, 7, 15, tzinfo=UTC)


def _candidates(tmp_path: Path, holders: dict[int, list[int]], published: list) -> set:
    fingerprints = pa.table(
        {
            "doc": [doc for docs in holders.values() for doc in docs],
            "hash": pa.array([hash_ for hash_, docs in holders.items() for _ in docs], pa.uint64()),
        }
    )
    pq.write_table(fingerprints, tmp_path / "fingerprints.parquet")
    documents = pa.table(
        {
            "doc": list(range(len(published))),
            "published": pa.array(published, pa.timestamp("us", "UTC")),
        }
    )
    pq.write_table(documents, tmp_path / "documents.parquet")
    output = tmp_path / "candidates.parquet"
    stats = find_candidates(
        duckdb.connect(),
        tmp_path / "fingerprints.parquet",
        tmp_path / "documents.parquet",
        output,
        CandidateConfig(max_document_frequency=3),
    )
    rows = pq.read_table(output).to_pylist()
    assert stats.candidate_pairs == len(rows)
    return {(row["a_doc"], row["b_doc"], row["shared_fingerprints"]) for row in rows}


def test_a_frequent_fingerprint_pairs_its_holders_with_the_earliest(tmp_path: Path) -> None:
    """Hash 1 is held by six documents (over the cap of 3): each is paired with document 4, the
    earliest published, not with every other; hash 2 (three holders) pairs all three."""
    published = [DAY + timedelta(hours=hours) for hours in (5, 3, 4, 6, 1, 2)]
    found = _candidates(tmp_path, {1: [0, 1, 2, 3, 4, 5], 2: [0, 1, 2]}, published)
    assert found == {
        (0, 4, 1), (1, 4, 1), (2, 4, 1), (3, 4, 1), (4, 5, 1),  # the star of hash 1
        (0, 1, 1), (0, 2, 1), (1, 2, 1),  # every pair of hash 2
    }  # fmt: skip


def test_without_dates_the_first_read_is_the_centre(tmp_path: Path) -> None:
    published = [None, None, DAY, None, None]
    found = _candidates(tmp_path, {7: [0, 1, 2, 3, 4]}, published)
    assert found == {(0, 2, 1), (1, 2, 1), (2, 3, 1), (2, 4, 1)}  # a dated document first
    found = _candidates(tmp_path, {7: [0, 1, 2, 3, 4]}, [None] * 5)
    assert found == {(0, 1, 1), (0, 2, 1), (0, 3, 1), (0, 4, 1)}
