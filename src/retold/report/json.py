"""The ``retold.comparison/1`` JSON document: a stable, documented shape for other programs.

The schema is described in the README; fields are only ever added, never renamed.
"""

from __future__ import annotations

import json
from typing import Any

from retold.records import Change, Comparison, Document, Fate, Name, Passage, Story

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


def _name(name: Name) -> dict[str, Any]:
    return {
        "name": name.name,
        "kind": name.kind,
        "article": name.article,
        **{
            fate.value: name.count(fate) for fate in (Fate.KEPT, Fate.CUT, Fate.ADDED, Fate.RENAMED)
        },
        "every_mention_cut": name.every_mention_cut,
        "renamed_to": list(name.renamed_to),
        "mentions": [
            {
                "side": m.side,
                "start": m.start,
                "end": m.end,
                "fate": m.fate.value,
                "change": m.change,
            }
            for m in name.mentions
        ],
    }


def _story(story: Story, comparison: Comparison) -> dict[str, Any]:
    texts = {"a": comparison.a.text, "b": comparison.b.text}
    credit = story.credit
    return {
        "summary": [{"text": s.text, "changes": list(s.changes)} for s in story.summary],
        "names": [_name(name) for name in story.names],
        "quotations": [
            {
                "fate": q.fate.value,
                "a_start": q.a_start,
                "a_end": q.a_end,
                "b_start": q.b_start,
                "b_end": q.b_end,
                "changes": list(q.changes),
            }
            for q in story.quotations
        ],
        "attributions": [
            {
                "side": a.side,
                "start": a.start,
                "end": a.end,
                "text": texts[a.side][a.start : a.end],
                "fate": a.fate.value,
                "change": a.change,
            }
            for a in story.attributions
        ],
        "figures": [
            {
                "change": f.change,
                "a_start": f.a_start,
                "a_end": f.a_end,
                "b_start": f.b_start,
                "b_end": f.b_end,
                "a_figures": list(f.a_figures),
                "b_figures": list(f.b_figures),
            }
            for f in story.figures
        ],
        "sentences": [
            {
                "side": s.side,
                "start": s.start,
                "end": s.end,
                "fate": s.fate.value,
                "own_voice": s.own_voice,
                "change": s.change,
            }
            for s in story.sentences
        ],
        "credit": (
            {
                "verdict": credit.verdict.value,
                "copy": credit.copy,
                "evidence": [
                    {
                        "what": e.what,
                        "where": e.where,
                        "side": e.side,
                        "start": e.start,
                        "end": e.end,
                        "text": e.text,
                    }
                    for e in credit.evidence
                ],
            }
            if credit is not None
            else None
        ),
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
        "story": _story(comparison.story, comparison) if comparison.story is not None else None,
    }


def comparison_to_json(comparison: Comparison, *, indent: int | None = 2) -> str:
    """The comparison as a JSON string (UTF-8 text, not ASCII-escaped)."""
    return json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=indent)
