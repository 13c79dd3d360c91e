"""The ``retold.comparison/1`` JSON document: a stable, documented shape for other programs.

The schema is described in the README; fields are only ever added, never renamed.
"""

from __future__ import annotations

import json
from typing import Any

from retold.records import Change, Comparison, Document, Passage

__all__ = ["SCHEMA", "comparison_to_dict", "comparison_to_json"]

SCHEMA = "retold.comparison/1"


def _document(document: Document) -> dict[str, Any]:
    return {
        "path": document.path,
        "title": document.title,
        "published": document.published.isoformat() if document.published else None,
        "published_from": document.published_from,
        "outlet": document.outlet,
        "credit": document.credit,
        "chars": len(document.text),
        "format": document.format,
        "encoding": document.encoding,
        "repaired": document.repaired,
        "controls_replaced": document.controls_replaced,
    }


def _passage(passage: Passage) -> dict[str, Any]:
    return {
        "a_start": passage.a_start,
        "a_end": passage.a_end,
        "b_start": passage.b_start,
        "b_end": passage.b_end,
        "words": passage.words,
        "kind": passage.kind,
        "similarity": passage.similarity,
    }


def _change(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind.value,
        "category": change.category.value,
        "label": change.label,
        "in_quote": change.in_quote,
        "a_start": change.a_start,
        "a_end": change.a_end,
        "b_start": change.b_start,
        "b_end": change.b_end,
        "a_text": change.a_text,
        "b_text": change.b_text,
    }


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """The comparison as plain JSON-ready data."""
    return {
        "schema": SCHEMA,
        "a": _document(comparison.a),
        "b": _document(comparison.b),
        "similarity": {
            "a_in_b": comparison.similarity.a_in_b,
            "b_in_a": comparison.similarity.b_in_a,
        },
        "source": {
            "verdict": comparison.source.verdict.value,
            "confidence": comparison.source.confidence,
            "evidence": list(comparison.source.evidence),
            "wire": comparison.source.wire,
        },
        "passages": [_passage(p) for p in comparison.passages],
        "rewritten": [_passage(p) for p in comparison.rewritten],
        "languages": (
            {"a": comparison.languages[0], "b": comparison.languages[1]}
            if comparison.languages
            else None
        ),
        "changes": [_change(c) for c in comparison.changes],
    }


def comparison_to_json(comparison: Comparison, *, indent: int | None = 2) -> str:
    """The comparison as a JSON string (UTF-8 text, not ASCII-escaped)."""
    return json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=indent)
