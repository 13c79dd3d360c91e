"""A scan's documents as alignment saw them, rebuilt from its results folder.

The scan aligns every pair with ``Document`` records made from the stored fields and the text
store. The report's pair pages and ``retold pair`` must make the very same records, or a page
would tell another story than the scan stored: the wire credit read from the text is what
makes two copies of an AP story siblings, and without it the clocks decide who copied whom.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from retold.ingest.metadata import find_credit
from retold.records import Document
from retold.store.texts import TextStore

__all__ = [
    "DOCUMENT_FIELDS",
    "read_document_fields",
    "stored_document",
    "stored_documents",
]

DOCUMENT_FIELDS = (
    "doc_id",
    "outlet",
    "title",
    "published",
    "published_zone_known",
    "published_from",
    "url",
    "credit",
)
"""The columns of ``documents.parquet`` that alignment needs besides the text."""


def read_document_fields(work: Path) -> pa.Table:
    """``DOCUMENT_FIELDS`` of every document of a scan, by document number (``RESULTS/.work``).

    A scan made before ``credit`` was stored lacks the column: it is read from each text then.

    The columns come back as one chunk each: ``Table.take`` on a column of many chunks (one
    per row group) concatenates them for every call, 26 ms for a batch of 128 rows of a
    million documents against 0.8 ms, which was a sixth of the align stage at that size.
    """
    stored = pq.read_schema(work / "documents.parquet").names
    table = pq.read_table(
        work / "documents.parquet", columns=[n for n in DOCUMENT_FIELDS if n in stored]
    )
    return table.combine_chunks()


def stored_document(fields: Mapping[str, Any], text: str) -> Document:
    """The ``Document`` that alignment compares, from a document's stored fields and text.

    The credit was read from the text at ingest (``find_credit``, as compare reads it: wire
    siblings need it); reading it again for every batch of pairs was a tenth of a scan's
    alignment time.
    """
    published = fields["published"]
    if published is not None and not fields["published_zone_known"]:
        published = published.replace(tzinfo=None)  # stored as UTC, but the zone was not given
    return Document(
        text=text,
        path=fields["doc_id"],
        title=fields["title"],
        published=published,
        published_from=fields["published_from"],
        outlet=fields["outlet"],
        credit=fields["credit"] if "credit" in fields else find_credit(text),
    )


def stored_documents(
    fields: pa.Table, texts: TextStore | None, docs: Iterable[int]
) -> dict[int, Document]:
    """The documents numbered ``docs``: each text read once (one vectorized ``take``). Without
    ``texts``, the documents without their texts (``text`` empty): what a source verdict
    weighs (times, outlets, credits) for a pair that is derived, not aligned."""
    needed = sorted(set(docs))
    rows = fields.take(pa.array(needed, pa.int64())).to_pylist()
    bodies = texts.take(needed) if texts is not None else [""] * len(needed)
    return {
        doc: stored_document(row, text) for doc, row, text in zip(needed, rows, bodies, strict=True)
    }
