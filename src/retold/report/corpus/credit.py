"""The corpus report's credit page (``scan --story``): who credits whom, and what copies cut.

Two tables, read from the views of ``results.duckdb`` over ``stories.parquet`` and
``story_names.parquet`` (made afresh over the folder's own files: ``results.duckdb`` names
them by absolute path, so a moved or copied folder, or one a Spark scan wrote on a Hadoop file
system, has none or stale ones): per copying outlet, how its retellings credit their source; and per
(source outlet, copying outlet), the names and terms cut or renamed in at least half of the
copies whose source mentions them. The page is rendered on the server by the autoescaped
template (every value from the corpus is escaped); its script only shares the other pages'
helpers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from retold.store.results import create_views

__all__ = ["CreditTables", "load_credit"]

_ROWS = 500
"""Rows shown per table (the whole tables are in ``results.duckdb``)."""


@dataclass(frozen=True, slots=True)
class CreditTables:
    by_outlet: list[dict[str, Any]]
    cuts: list[dict[str, Any]]


def load_credit(results: Path) -> CreditTables | None:
    """The two tables of a scan with stories, or None for a scan without."""
    if not (results / "stories.parquet").exists():
        return None
    connection = duckdb.connect()
    try:
        create_views(connection, results)
        tables = []
        for view in ("credit_by_outlet", "systematic_cuts"):
            cursor = connection.execute(f"SELECT * FROM {view} LIMIT {_ROWS}")
            names = [column[0] for column in cursor.description]
            tables.append([dict(zip(names, row, strict=True)) for row in cursor.fetchall()])
    finally:
        connection.close()
    return CreditTables(by_outlet=tables[0], cuts=tables[1])
