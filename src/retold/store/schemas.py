"""Arrow schemas of the scan's result files: one place that names every column.

Documents are numbered (``doc``, an int) inside a scan for fast joins; every result file also
carries the stable string ids (``doc_id``, ``a_id``, ``b_id``) users refer to.
"""

from __future__ import annotations

import pyarrow as pa

__all__ = [
    "CHANGES",
    "DOCUMENTS",
    "FAMILIES",
    "FINGERPRINTS",
    "LINES",
    "PAIRS",
    "PASSAGES",
    "REJECTED",
    "SKETCHES",
    "SKETCH_WINDOWS",
    "STORIES",
    "STORY_NAMES",
]

_TIME = pa.timestamp("us", tz="UTC")

DOCUMENTS = pa.schema(
    [
        ("doc", pa.int64()),
        ("doc_id", pa.string()),
        ("outlet", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("published", _TIME),
        ("published_zone_known", pa.bool_()),
        ("published_from", pa.string()),
        ("chars", pa.int64()),
        ("source", pa.string()),
        ("locator", pa.string()),
        ("live_file", pa.bool_()),  # laid out as timestamped items (retold.clean.live_files)
        ("credit", pa.string()),  # the wire or agency the text credits (find_credit)
    ]
)
REJECTED = pa.schema(
    [
        ("source", pa.string()),
        ("locator", pa.string()),
        ("doc_id", pa.string()),
        ("reason", pa.string()),
    ]
)
LINES = pa.schema([("doc", pa.int64()), ("outlet", pa.string()), ("line_hash", pa.uint64())])
SKETCHES = pa.schema(
    [
        ("doc", pa.int64()),
        ("hash", pa.uint64()),
        ("sentence", pa.int32()),
    ]
)
SKETCH_WINDOWS = pa.schema(
    [
        ("doc", pa.int64()),
        ("sentence", pa.int32()),
        ("signature", pa.binary()),
    ]
)
"""A window signature per sketched sentence (``retold.sketches.window_signatures``)."""
FINGERPRINTS = pa.schema([("doc", pa.int64()), ("hash", pa.uint64()), ("position", pa.int32())])
PAIRS = pa.schema(
    [
        ("pair", pa.int64()),
        ("a", pa.int64()),
        ("b", pa.int64()),
        ("a_id", pa.string()),
        ("b_id", pa.string()),
        ("relation", pa.string()),
        ("a_in_b", pa.float64()),
        ("b_in_a", pa.float64()),
        ("source", pa.string()),
        ("source_confidence", pa.float64()),
        ("wire", pa.string()),
        ("shared_words", pa.int64()),
        ("passages", pa.int64()),
        ("quoted_share", pa.float64()),
        ("own_share", pa.float64()),
        ("derived_from", pa.int64()),
    ]
)
PASSAGES = pa.schema(
    [
        ("pair", pa.int64()),
        ("a_id", pa.string()),
        ("b_id", pa.string()),
        ("a_start", pa.int64()),
        ("a_end", pa.int64()),
        ("b_start", pa.int64()),
        ("b_end", pa.int64()),
        ("words", pa.int64()),
        ("kind", pa.string()),
        ("similarity", pa.float64()),
    ]
)
CHANGES = pa.schema(
    [
        ("pair", pa.int64()),
        ("a_id", pa.string()),
        ("b_id", pa.string()),
        ("kind", pa.string()),
        ("category", pa.string()),
        ("label", pa.string()),
        ("in_quote", pa.bool_()),
        ("a_start", pa.int64()),
        ("a_end", pa.int64()),
        ("b_start", pa.int64()),
        ("b_end", pa.int64()),
        ("a_text", pa.string()),
        ("b_text", pa.string()),
    ]
)
FAMILIES = pa.schema(
    [
        ("family_id", pa.int64()),
        ("doc_id", pa.string()),
        ("doc", pa.int64()),
        ("role", pa.string()),
        ("outlet", pa.string()),
        ("published", _TIME),
        ("share", pa.float64()),
    ]
)
STORIES = pa.schema(
    [
        ("pair", pa.int64()),
        ("a_id", pa.string()),
        ("b_id", pa.string()),
        ("source_id", pa.string()),
        ("copy_id", pa.string()),
        ("credit", pa.string()),
        ("credit_evidence", pa.string()),
        ("names_cut_everywhere", pa.int64()),
        ("names_renamed", pa.int64()),
        ("quotations_cut", pa.int64()),
        ("quotations_altered", pa.int64()),
        ("attributions_cut", pa.int64()),
        ("figures_changed", pa.int64()),
        ("own_voice_cut", pa.int64()),
        ("summary", pa.string()),
    ]
)
"""``scan --story``: one row per pair whose story was told (retellings with a known source)."""
STORY_NAMES = pa.schema(
    [
        ("pair", pa.int64()),
        ("a_id", pa.string()),
        ("b_id", pa.string()),
        ("name", pa.string()),
        ("kind", pa.string()),
        ("source_mentions", pa.int64()),
        ("kept", pa.int64()),
        ("cut", pa.int64()),
        ("renamed", pa.int64()),
        ("added", pa.int64()),
        ("renamed_to", pa.string()),
        ("every_mention_cut", pa.bool_()),
    ]
)
"""``scan --story``: every name (or repeated term) of a told story and what became of it."""
