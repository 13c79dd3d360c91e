"""The comparison core: two documents in memory → passages, changes, similarity, source, story.

This is the one place where the stages meet for a pair (tokens → align → explain → source →
story).
``retold.api`` re-exports it for users, and the corpus scanner (``retold.pairs``) calls it for
every candidate pair, so both layers sit above it and nothing here imports either of them.
"""

from __future__ import annotations

import dataclasses

from retold.align.paraphrase import (
    RewrittenPassage,
    rewritten_passages,
    sentence_spans,
    sentence_words,
)
from retold.align.passages import align_keys
from retold.align.phrases import marked_phrases
from retold.align.tiles import clear_kgram_cache
from retold.align.translation import clear_embedding_cache, translated_passages
from retold.clean.quotes import quote_spans
from retold.config import AlignConfig, CompareConfig
from retold.embeddings import default_encoder
from retold.explain.changes import Explanation, clear_side_cache, explain_alignment
from retold.explain.source import infer_source
from retold.language import detect_language
from retold.records import Comparison, Document, Passage, Similarity
from retold.tokens import Tokens, tokenize_document

__all__ = ["clear_document_caches", "compare_documents", "with_changes"]


def _share(matched: int, total: int, boilerplate: int) -> float:
    content = total - boilerplate
    if content <= 0:
        return 0.0
    return round(min(1.0, matched / content), 4)


def clear_document_caches() -> None:
    """Forget what was worked out per document (tokens, k-grams, sentences, quotations,
    explanation sides): for benchmarks that time a first comparison, and long-running callers
    that want the memory back. Each cache holds at most about a thousand documents."""
    for cached in (tokenize_document, quote_spans, sentence_spans, sentence_words, detect_language):
        cached.cache_clear()
    clear_side_cache()
    clear_kgram_cache()
    clear_embedding_cache()
    from retold.story import clear_story_caches  # the story package loads when asked for

    clear_story_caches()


def compare_documents(
    a: Document, b: Document, *, config: CompareConfig | None = None
) -> Comparison:
    """Align two documents already read, and explain every difference."""
    config = config or CompareConfig()
    a_tokens, b_tokens = tokenize_document(a.text), tokenize_document(b.text)
    explanation = _explanation(a_tokens, b_tokens, config.align, changes=config.changes)
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
    languages = None
    if max(similarity.a_in_b, similarity.b_in_a) < config.translation_below and (
        config.translation.enabled
    ):
        languages = (detect_language(a.text), detect_language(b.text))
    translated = languages is not None and None not in languages and languages[0] != languages[1]
    passages = _marked_spun(explanation.passages, explanation.swaps, config.spun_density)
    rewritten = _rewritten(a, b, explanation.passages, config, translated=translated)
    comparison = Comparison(
        a=a,
        b=b,
        similarity=similarity,
        source=source,
        passages=marked_phrases(passages, rewritten, config.align),
        changes=explanation.changes,
        rewritten=rewritten,
        languages=languages,
    )
    if config.changes and config.story:
        from retold.story import tell_story  # a corpus scan, which asks for no story, skips it

        comparison = dataclasses.replace(comparison, story=tell_story(comparison))
    return comparison


def with_changes(comparison: Comparison, config: CompareConfig) -> Comparison:
    """``comparison``, made by ``compare_documents`` with ``config`` but without its changes,
    with every change explained: what ``changes=True`` would have given. Only the exact
    alignment is made again; the rest (similarity, source, rewritten passages, languages) does
    not depend on the changes, and the sentence alignment of rewritten passages is the costly
    part of a comparison."""
    a_tokens = tokenize_document(comparison.a.text)
    b_tokens = tokenize_document(comparison.b.text)
    explanation = _explanation(a_tokens, b_tokens, config.align, changes=True)
    return dataclasses.replace(comparison, changes=explanation.changes)


def _explanation(
    a_tokens: Tokens, b_tokens: Tokens, config: AlignConfig, *, changes: bool
) -> Explanation:
    return explain_alignment(
        align_keys(a_tokens.keys, b_tokens.keys, config), a_tokens, b_tokens, changes=changes
    )


def _marked_spun(
    passages: tuple[Passage, ...], swaps: tuple[int, ...], density: float
) -> tuple[Passage, ...]:
    """Passages whose words were swapped one by one (``kind="spun"``): at least ``density``
    one- or two-word substitutions (``swaps``, one count per passage) per word of the passage,
    as a spinner replaces words with synonyms. A copy-editor's changes are a few per paragraph.
    Curly quotes and dashes are not swaps (counted as such, they made 1,167 passages of the
    Helsinki wire copies "spun")."""
    marked = []
    for passage, swapped in zip(passages, swaps, strict=True):
        spun = passage.words and swapped >= density * passage.words
        spun = spun and swapped >= _MIN_SPUN_SWAPS
        marked.append(dataclasses.replace(passage, kind="spun") if spun else passage)
    return tuple(marked)


_MIN_SPUN_SWAPS = 5
"""A short passage with a swapped word or two is edited, not spun."""


def _rewritten(
    a: Document,
    b: Document,
    exact: tuple[Passage, ...],
    config: CompareConfig,
    *,
    translated: bool,
) -> tuple[Passage, ...]:
    """Rewritten (or, across languages, translated) passages as ``Passage`` records; ``words``
    counts the exact words inside."""
    spans = [(p.a_start, p.a_end, p.b_start, p.b_end) for p in exact]
    stage = config.translation
    found_passages: list[RewrittenPassage] = []
    if translated:
        found_passages = translated_passages(a.text, b.text, spans, stage, default_encoder())
    # A language identifier errs now and then (English read as Nigerian Pidgin): where no
    # translation is found, rewritten passages are still looked for.
    translated = bool(found_passages)
    if not translated and config.paraphrase.enabled:
        stage = config.paraphrase
        found_passages = rewritten_passages(a.text, b.text, spans, stage)
    found = []
    for passage in found_passages:
        inside = sum(
            p.words
            for p in exact
            if passage.a_start <= p.a_start
            and p.a_end <= passage.a_end
            and passage.b_start <= p.b_start
            and p.b_end <= passage.b_end
        )
        found.append(
            Passage(
                passage.a_start,
                passage.a_end,
                passage.b_start,
                passage.b_end,
                inside,
                kind=_kind(passage.exact_share, stage.exact_share, translated=translated),
                similarity=passage.similarity,
            )
        )
    return tuple(found)


def _kind(exact_share: float, edited_from: float, *, translated: bool) -> str:
    """``edited`` when exact passages make up most of a stretch, else how it was retold."""
    if exact_share >= edited_from:
        return "edited"
    return "translated" if translated else "rewritten"
