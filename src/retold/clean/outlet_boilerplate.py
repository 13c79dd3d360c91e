"""Learn the lines an outlet prints under many of its articles, and mask them.

A subscription appeal, a sign-off or a disclaimer that one outlet repeats would otherwise make
every pair of its articles look related. Each line of each document is reduced to a hash of its
folded words; DuckDB counts, per outlet, in how many documents each line occurs. A line is the
outlet's boilerplate when it occurs in at least ``min_documents`` of its documents and in at
least ``min_share`` of them — a share, so that the same wire paragraph in three versions of
one story at a big outlet is not mistaken for a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow.parquet as pq
import xxhash

from retold.tokens import fold

__all__ = [
    "OutletBoilerplateConfig",
    "learn_outlet_boilerplate",
    "line_hashes",
    "masked_keys",
    "read_outlet_boilerplate",
]


@dataclass(frozen=True, slots=True)
class OutletBoilerplateConfig:
    min_documents: int = 5
    min_share: float = 0.2


def _line_hashes_in_order(text: str) -> list[int]:
    """The hash of every line of ``text`` (blank ones too), in order: its words, folded.

    Folding works character by character and keeps line breaks, so folding the whole text once
    and splitting it gives the lines of ``text.split("\n")``, folded; folding each line apart
    was most of masking a text.
    """
    return [
        xxhash.xxh3_64_intdigest(" ".join(line.split()).encode("utf-8", "surrogatepass"))
        for line in fold(text).split("\n")
    ]


_BLANK = xxhash.xxh3_64_intdigest(b"")


def line_hashes(text: str) -> list[int]:
    """Distinct hashes of the non-blank lines of a text (for learning)."""
    return sorted(set(_line_hashes_in_order(text)) - {_BLANK})


def masked_keys(
    text: str,
    keys: npt.NDArray[np.uint64],
    starts: npt.NDArray[np.int64],
    boilerplate: frozenset[int],
) -> npt.NDArray[np.uint64]:
    """Token keys of ``text`` without the tokens that lie on the outlet's boilerplate lines."""
    if not boilerplate:
        return keys
    spans = []
    position = 0
    for line, line_hash in zip(text.split("\n"), _line_hashes_in_order(text), strict=True):
        if line_hash in boilerplate:
            spans.append((position, position + len(line)))
        position += len(line) + 1
    if not spans:
        return keys
    bounds = np.array(spans, dtype=np.int64)
    index = np.searchsorted(bounds[:, 0], starts, side="right") - 1
    inside = (index >= 0) & (starts < bounds[np.maximum(index, 0), 1])
    kept: npt.NDArray[np.uint64] = keys[~inside]
    return kept


def learn_outlet_boilerplate(
    connection: duckdb.DuckDBPyConnection,
    lines: Path,
    output: Path,
    config: OutletBoilerplateConfig | None = None,
) -> int:
    """From ``lines`` (Parquet: ``doc, outlet, line_hash``) write the outlets' boilerplate lines.

    ``output`` gets ``outlet, line_hash, documents, outlet_documents``; returns its row count.
    """
    config = config or OutletBoilerplateConfig()
    source = "read_parquet('" + str(lines).replace("'", "''") + "')"
    target = str(output).replace("'", "''")
    connection.execute(
        f"""
        COPY (
            WITH outlet_sizes AS (
                SELECT outlet, count(DISTINCT doc) AS outlet_documents
                FROM {source} WHERE outlet IS NOT NULL GROUP BY outlet
            ),
            counts AS (
                SELECT outlet, line_hash, count(DISTINCT doc) AS documents
                FROM {source} WHERE outlet IS NOT NULL GROUP BY outlet, line_hash
            )
            SELECT c.outlet, c.line_hash, c.documents, s.outlet_documents
            FROM counts c JOIN outlet_sizes s USING (outlet)
            WHERE c.documents >= {config.min_documents}
              AND c.documents >= {config.min_share} * s.outlet_documents
            ORDER BY c.outlet, c.line_hash
        ) TO '{target}' (FORMAT parquet)
        """
    )
    row = connection.execute(f"SELECT count(*) FROM read_parquet('{target}')").fetchone()
    return int(row[0]) if row else 0


def read_outlet_boilerplate(path: Path) -> dict[str, frozenset[int]]:
    """The line hashes learned per outlet, from the file ``learn_outlet_boilerplate`` wrote."""
    table = pq.read_table(path, columns=["outlet", "line_hash"])
    learned: dict[str, set[int]] = {}
    for outlet, line_hash in zip(
        table.column("outlet").to_pylist(), table.column("line_hash").to_pylist(), strict=True
    ):
        learned.setdefault(outlet, set()).add(line_hash)
    return {outlet: frozenset(hashes) for outlet, hashes in learned.items()}
