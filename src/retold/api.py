"""The small typed Python API: ``compare`` two articles.

Everything here is a composition of the stages (ingest → tokens → align → explain); the command
line and the corpus scanner call these functions and nothing below them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from retold.align.passages import AlignConfig, align_keys
from retold.explain.changes import explain_alignment
from retold.explain.source import infer_source
from retold.ingest import read_document
from retold.records import Comparison, Document, Similarity
from retold.tokens import tokenize

__all__ = ["CompareConfig", "compare", "compare_documents"]


@dataclass(frozen=True, slots=True)
class CompareConfig:
    """Options of ``compare``: the alignment parameters and the input size limit."""

    align: AlignConfig = AlignConfig()
    max_bytes: int = 20_000_000


def _share(matched: int, total: int, boilerplate: int) -> float:
    content = total - boilerplate
    if content <= 0:
        return 0.0
    return round(min(1.0, matched / content), 4)


def compare_documents(
    a: Document, b: Document, *, config: CompareConfig | None = None
) -> Comparison:
    """Align two documents already read, and explain every difference."""
    config = config or CompareConfig()
    a_tokens, b_tokens = tokenize(a.text), tokenize(b.text)
    alignment = align_keys(a_tokens.keys, b_tokens.keys, config.align)
    explanation = explain_alignment(alignment, a_tokens, b_tokens)
    similarity = Similarity(
        a_in_b=_share(explanation.a_matched_words, len(a_tokens), explanation.a_boilerplate_words),
        b_in_a=_share(explanation.b_matched_words, len(b_tokens), explanation.b_boilerplate_words),
    )
    source = infer_source(
        a,
        b,
        similarity,
        a_adds=explanation.a_added_words,
        b_adds=explanation.b_added_words,
    )
    return Comparison(
        a=a,
        b=b,
        similarity=similarity,
        source=source,
        passages=explanation.passages,
        changes=explanation.changes,
    )


def compare(
    a: Document | str | os.PathLike[str],
    b: Document | str | os.PathLike[str],
    *,
    config: CompareConfig | None = None,
) -> Comparison:
    """Compare two articles: ``Document`` objects, or paths to text or HTML files (``"-"``: stdin).

    Example:
        >>> result = compare("examples/jpost.txt", "examples/kayhan.txt")  # doctest: +SKIP
        >>> result.source.verdict
        <Verdict.A: 'a'>
    """
    config = config or CompareConfig()
    a_document = a if isinstance(a, Document) else read_document(a, max_bytes=config.max_bytes)
    b_document = b if isinstance(b, Document) else read_document(b, max_bytes=config.max_bytes)
    return compare_documents(a_document, b_document, config=config)
