"""The rows of a scan's tables, made from the stages' plain results: one place for every engine.

The local engine and the Spark engine differ in where rows live and how work is split, never in
what a row says: both build a document's row, a pair's rows and the family model's edges here,
so their tables are the same row for row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from retold.clean.live_files import is_live_file
from retold.clean.outlet_boilerplate import line_hashes, masked_keys
from retold.config import FingerprintConfig
from retold.engines.stages import ScanConfig
from retold.families import FamilyMember, PairEdge, build_families, needs_regions
from retold.fingerprints import fingerprint
from retold.ingest.corpus import to_document
from retold.ingest.metadata import find_credit
from retold.pairs import PairResult, Relation, align_pair
from retold.records import (
    Comparison,
    CorpusDocument,
    Document,
    Fate,
    RawRecord,
    Rejection,
    Verdict,
)
from retold.representatives import Regions, derive_pairs
from retold.sketches import signature_bytes
from retold.store import schemas
from retold.store.documents import stored_document, stored_documents
from retold.tokens import tokenize

__all__ = [
    "ALIGNED_SCHEMAS",
    "DUPLICATE_DOCUMENT",
    "FAMILY_PASSAGE_KINDS",
    "AlignedRows",
    "JoinedRegions",
    "PassageRegions",
    "align_batch",
    "derived_pairs",
    "document_fingerprints",
    "document_row",
    "families_of",
    "family_firsts",
    "ingest_record",
    "key_rows",
    "prepare_aligned_tables",
    "shipped_documents",
    "window_rows",
]

DUPLICATE_DOCUMENT = "duplicate id"
"""Why a document is rejected whose id an earlier document of the scan has (the records'
ids were checked when read, ``DUPLICATE_ID``; this is the converted documents')."""


def ingest_record(
    record: RawRecord, separator: str | None
) -> tuple[CorpusDocument | Rejection, list[int]]:
    """Read one record into a document, with the hashes of its lines for boilerplate learning.

    The paragraph marker, if any, becomes a line break first, so offsets and lines refer to the
    text that is stored.
    """
    outcome = to_document(record)
    if isinstance(outcome, Rejection):
        return outcome, []
    if separator:
        outcome = replace(outcome, text=outcome.text.replace(separator, "\n"))
    return outcome, line_hashes(outcome.text)


def document_fingerprints(
    text: str, boilerplate: frozenset[int], config: FingerprintConfig
) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    """A document's fingerprints and their token positions, its outlet's boilerplate lines
    (their hashes) left out."""
    tokens = tokenize(text)
    found = fingerprint(masked_keys(text, tokens.keys, tokens.starts, boilerplate), config)
    return found.hashes, found.positions


def key_rows(
    docs: Iterable[int], per_document: Iterable[tuple[np.ndarray, np.ndarray]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each document's keys (fingerprints, sentence sketches) and their positions (a token, a
    sentence) as the columns ``doc, hash, position`` of one batch; an empty batch gives empty
    columns of the same types."""
    numbers = [np.zeros(0, dtype=np.int64)]
    hashes = [np.zeros(0, dtype=np.uint64)]
    positions = [np.zeros(0, dtype=np.int32)]
    for doc, (keys, where) in zip(docs, per_document, strict=True):
        numbers.append(np.full(len(keys), doc, dtype=np.int64))
        hashes.append(keys)
        positions.append(where.astype(np.int32, copy=False))
    return np.concatenate(numbers), np.concatenate(hashes), np.concatenate(positions)


def window_rows(
    docs: Iterable[int], per_document: Iterable[tuple[np.ndarray, np.ndarray]]
) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    """Each document's sentence window signatures (``retold.sketches.window_signatures``) as
    the columns ``doc, sentence, signature`` of one batch."""
    numbers = [np.zeros(0, dtype=np.int64)]
    sentences = [np.zeros(0, dtype=np.int32)]
    signatures: list[bytes] = []
    for doc, (where, values) in zip(docs, per_document, strict=True):
        numbers.append(np.full(len(where), doc, dtype=np.int64))
        sentences.append(where.astype(np.int32, copy=False))
        signatures.extend(signature_bytes(values))
    return np.concatenate(numbers), np.concatenate(sentences), signatures


def _utc(moment: datetime | None) -> datetime | None:
    """Store every time in UTC; a time without zone is stored as if UTC (and flagged)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def document_row(doc: int, document: CorpusDocument) -> dict[str, Any]:
    """The ``documents.parquet`` row of a document numbered ``doc``."""
    row: dict[str, Any] = {"doc": doc}
    for name in ("doc_id", "outlet", "url", "title"):
        row[name] = getattr(document, name)
    row["published"] = _utc(document.published)
    row["published_zone_known"] = (
        document.published is not None and document.published.tzinfo is not None
    )
    row["published_from"] = document.published_from
    row["chars"] = len(document.text)
    row["source"] = document.source
    row["locator"] = document.locator
    row["live_file"] = is_live_file(document.text)
    row["credit"] = find_credit(document.text)
    return row


def shipped_documents(table: pa.Table) -> dict[int, Document]:
    """The documents of a table of ``doc``, ``DOCUMENT_FIELDS`` and ``text`` rows, by number
    (the Spark engine ships them to the alignment tasks when no text store is shared)."""
    return {row["doc"]: stored_document(row, row["text"]) for row in table.to_pylist()}


def align_batch(
    pairs: Sequence[tuple[int, int]], documents: Mapping[int, Document], config: ScanConfig
) -> list[AlignedRows]:
    """Align a batch of candidate pairs (document numbers) as a scan with ``config`` does, and
    return the rows of those that count, numbered 0: each engine numbers them in candidate
    order. ``documents`` has each document of the batch by number. Rows, not comparisons: a
    comparison holds both texts, and sending them back from a worker for every pair cost more
    than the rows."""
    kept = []
    for a, b in pairs:
        result = align_pair(
            documents[a],
            documents[b],
            config.pairs,
            rewritten=config.sketches.enabled,
            changes=config.changes,
            story=config.story,
        )
        if result is not None:
            a_id, b_id = documents[a].path or "", documents[b].path or ""
            kept.append(aligned_rows(0, a, b, a_id, b_id, result, changes=config.changes))
    return kept


ALIGNED_SCHEMAS = {
    "passages": schemas.PASSAGES,
    "changes": schemas.CHANGES,
    "stories": schemas.STORIES,
    "story_names": schemas.STORY_NAMES,
}
"""The result tables of the align stage besides the pairs, by name (``RESULTS/<name>.parquet``)."""


def prepare_aligned_tables(config: ScanConfig, remove: Callable[[str], object]) -> list[str]:
    """The tables of ``ALIGNED_SCHEMAS`` a scan with ``config`` writes; the files of the others
    (``<name>.parquet``: a previous scan's, with other options, would be stale) are removed
    from the results folder with ``remove``."""
    wanted = {
        "passages": True,
        "changes": config.changes,
        "stories": config.story,
        "story_names": config.story,
    }
    for name in ALIGNED_SCHEMAS:
        if not wanted[name]:
            remove(f"{name}.parquet")
    return [name for name in ALIGNED_SCHEMAS if wanted[name]]


@dataclass(frozen=True, slots=True)
class AlignedRows:
    """A kept pair's rows in each table the align stage writes."""

    pair: dict[str, Any]
    passages: list[dict[str, Any]]
    changes: list[dict[str, Any]]
    stories: list[dict[str, Any]]
    """At most one: the pair's story (``scan --story``), if it was told."""
    story_names: list[dict[str, Any]]


def aligned_rows(
    pair: int, a: int, b: int, a_id: str, b_id: str, result: PairResult, *, changes: bool
) -> AlignedRows:
    """A kept pair's rows of ``pairs``, ``passages``, ``changes``, ``stories`` and
    ``story_names``; ``changes`` rows only when the scan keeps them (``scan --changes``).

    A scan that tells stories explains every change of a story's pair without keeping them:
    making their rows (and sending them from the worker to be dropped) was a tenth of its
    align stage (py-spy, Helsinki ``--story``)."""
    comparison = result.comparison
    pair_row = {
        "pair": pair,
        "a": a,
        "b": b,
        "a_id": a_id,
        "b_id": b_id,
        "relation": result.relation,
        "a_in_b": comparison.similarity.a_in_b,
        "b_in_a": comparison.similarity.b_in_a,
        "source": {"a": a_id, "b": b_id}.get(result.source.value),
        "source_confidence": comparison.source.confidence,
        "wire": comparison.source.wire,
        "shared_words": result.shared_words,
        "passages": len(comparison.passages),
        "quoted_share": result.quoted_share,
        "own_share": result.own_share,
        "derived_from": None,
    }
    keys = {"pair": pair, "a_id": a_id, "b_id": b_id}
    passages = [
        {**keys, **{name: getattr(passage, name) for name in schemas.PASSAGES.names[3:]}}
        for passage in (*comparison.passages, *comparison.rewritten)
    ]
    change_rows = []
    for change in comparison.changes if changes else ():
        row = dict(keys)
        for name in schemas.CHANGES.names[3:]:
            value = getattr(change, name)
            row[name] = getattr(value, "value", value)
        change_rows.append(row)
    stories, names = _story_rows(keys, comparison)
    return AlignedRows(pair_row, passages, change_rows, stories, names)


def _story_rows(
    keys: dict[str, Any], comparison: Comparison
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The ``stories`` row and ``story_names`` rows of a told story, read from the source to
    the copy (the ledgers read from A to B: when B is the source, what the copy cut is what
    they call added)."""
    story = comparison.story
    if story is None or comparison.source.verdict not in (Verdict.A, Verdict.B):
        return [], []
    source_side = comparison.source.verdict.value
    cut = Fate.CUT if source_side == "a" else Fate.ADDED
    added = Fate.ADDED if source_side == "a" else Fate.CUT
    ids = {"a": keys["a_id"], "b": keys["b_id"]}
    credit = story.credit
    evidence = [asdict(item) for item in credit.evidence] if credit else []
    names = []
    for name in story.names:
        fates = [mention.fate for mention in name.mentions]
        names.append(
            {
                **keys,
                "name": name.name,
                "kind": name.kind,
                "source_mentions": sum(1 for m in name.mentions if m.side == source_side),
                "kept": fates.count(Fate.KEPT),
                "cut": fates.count(cut),
                "renamed": fates.count(Fate.RENAMED),
                "added": fates.count(added),
                "renamed_to": " | ".join(name.renamed_to) or None,
                "every_mention_cut": bool(fates) and all(fate is cut for fate in fates),
            }
        )
    row = {
        **keys,
        "source_id": ids[source_side],
        "copy_id": ids["b" if source_side == "a" else "a"],
        "credit": credit.verdict.value if credit else None,
        "credit_evidence": json.dumps(evidence, ensure_ascii=False),
        "names_cut_everywhere": sum(1 for n in names if n["every_mention_cut"]),
        "names_renamed": sum(1 for n in names if n["renamed"]),
        "quotations_cut": sum(1 for q in story.quotations if q.fate is cut),
        "quotations_altered": sum(1 for q in story.quotations if q.fate is Fate.ALTERED),
        "attributions_cut": sum(1 for item in story.attributions if item.fate is cut),
        "figures_changed": len(story.figures),
        "own_voice_cut": sum(1 for s in story.sentences if s.fate is cut and s.own_voice),
        "summary": " ".join(sentence.text for sentence in story.summary),
    }
    return [row], names


FAMILY_PASSAGE_KINDS = ("exact", "spun", "phrase")
"""The passages the family model reads. Stretches (``--rewritten``) span what their exact
passages already hold, and a summary spans all of A."""


def _family_edges(pairs: pa.Table, regions: Mapping[int, Regions]) -> list[PairEdge]:
    """The family model's edges from ``pairs`` (``PAIRS`` columns) and each pair's passage
    spans (A, B), read only for the edges whose spans the model reads (``needs_regions``)."""
    # The family model reads text retold only in other words as shared text: it joins no
    # family (see ``Relation.REWRITTEN``), but inside one it is the story's.
    relations = [
        Relation.SHARED_TEXT if relation == Relation.REWRITTEN else relation
        for relation in _strings(pairs.column("relation"))
    ]
    source = pairs.column("source")
    sides = pc.if_else(
        pc.fill_null(pc.equal(source, pairs.column("a_id")), False),
        "a",
        pc.if_else(pc.fill_null(pc.equal(source, pairs.column("b_id")), False), "b", "unknown"),
    )
    a_in_b, b_in_a, shared_words = (
        pairs.column(name).to_numpy(zero_copy_only=False)
        for name in ("a_in_b", "b_in_a", "shared_words")
    )
    wanted = needs_regions(
        np.array([relation == Relation.RETELLING for relation in relations], dtype=bool),
        shared_words,
        a_in_b,
        b_in_a,
    )
    none: Regions = ([], [])
    numbers = pairs.column("pair").to_pylist()
    return [
        PairEdge(
            a=a,
            b=b,
            relation=relation,
            a_in_b=a_share,
            b_in_a=b_share,
            shared_words=words,
            source=side,
            a_regions=tuple(spans[0]),
            b_regions=tuple(spans[1]),
        )
        for a, b, relation, a_share, b_share, words, side, spans in zip(
            pairs.column("a").to_pylist(),
            pairs.column("b").to_pylist(),
            relations,
            a_in_b.tolist(),
            b_in_a.tolist(),
            shared_words.tolist(),
            _strings(sides),
            (
                regions.get(pair, none) if want else none
                for pair, want in zip(numbers, wanted.tolist(), strict=True)
            ),
            strict=True,
        )
    ]


def _strings(column: pa.ChunkedArray | pa.Array) -> list[str]:
    """A column of few distinct strings as a list holding one object per distinct value (a
    plain ``to_pylist`` makes a string object per row)."""
    encoded = pc.dictionary_encode(column)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    names = encoded.dictionary.to_pylist()
    return [names[index] for index in encoded.indices.to_pylist()]


def _final_relations(pairs: pa.Table, relations: Mapping[tuple[int, int], str]) -> list[str]:
    """Each pair's relation after the family model (a rewritten pair stays ``rewritten``
    unless the model made it a retelling or a compilation)."""
    return [
        Relation.REWRITTEN
        if relation == Relation.REWRITTEN and relations[(a, b)] == Relation.SHARED_TEXT
        else relations[(a, b)]
        for a, b, relation in zip(
            pairs.column("a").to_pylist(),
            pairs.column("b").to_pylist(),
            _strings(pairs.column("relation")),
            strict=True,
        )
    ]


def families_of(
    pairs: pa.Table,
    regions: Mapping[int, Regions],
    published: Mapping[int, datetime | None] | Sequence[datetime | None],
    live_files: Collection[int] = frozenset(),
) -> tuple[list[FamilyMember], list[str]]:
    """The family model over these pairs (``PAIRS`` columns): the families' members, and each
    pair's final relation (in the order of ``pairs``)."""
    members, relations = build_families(_family_edges(pairs, regions), published, live_files)
    return members, _final_relations(pairs, relations)


def family_firsts(members: Iterable[FamilyMember]) -> dict[int, int]:
    """Each family's smallest non-compilation member: what names a family when the model runs
    on parts of a corpus (a component, a chunk of components) and orders the families when
    they are numbered for the whole corpus, as one run over all pairs numbers them."""
    first: dict[int, int] = {}
    for member in members:
        if member.role != "compilation":
            first[member.family] = min(first.get(member.family, member.doc), member.doc)
    return first


class PassageRegions(Mapping[int, Regions]):
    """Each pair's passage spans (A, B) from a table of ``pair, a_start, a_end, b_start,
    b_end`` rows, looked up in sorted columns (no Python object per passage until asked)."""

    def __init__(self, passages: pa.Table) -> None:
        columns = [
            passages.column(name).to_numpy(zero_copy_only=False).astype(np.int64)
            for name in ("pair", "a_start", "a_end", "b_start", "b_end")
        ]
        order = np.argsort(columns[0], kind="stable")
        self.pairs, *self.spans = (column[order] for column in columns)

    def __getitem__(self, pair: int) -> Regions:
        low = int(np.searchsorted(self.pairs, pair, side="left"))
        high = int(np.searchsorted(self.pairs, pair, side="right"))
        if low == high:
            raise KeyError(pair)
        a_start, a_end, b_start, b_end = (column[low:high].tolist() for column in self.spans)
        return list(zip(a_start, a_end, strict=True)), list(zip(b_start, b_end, strict=True))

    def __iter__(self) -> Iterator[int]:
        return iter(np.unique(self.pairs).tolist())

    def __len__(self) -> int:
        return len(np.unique(self.pairs))


class JoinedRegions(Mapping[int, Regions]):
    """The passage spans of the pairs of several mappings (aligned pairs, derived pairs), each
    pair in one of them."""

    def __init__(self, *parts: Mapping[int, Regions]) -> None:
        self.parts = parts

    def __getitem__(self, pair: int) -> Regions:
        for part in self.parts:
            if pair in part:
                return part[pair]
        raise KeyError(pair)

    def __iter__(self) -> Iterator[int]:
        for part in self.parts:
            yield from part

    def __len__(self) -> int:
        return sum(len(part) for part in self.parts)


def derived_pairs(
    plan: pa.Table,
    pairs: pa.Table,
    regions: Mapping[int, Regions],
    fields: pa.Table,
) -> tuple[pa.Table, Mapping[int, Regions]]:
    """The rows and passage spans of the pairs ``plan`` derives through a representative
    (``retold.representatives.derive_pairs``), their documents read from ``fields`` (the
    ``DOCUMENT_FIELDS`` of every document, by number) without their texts."""
    docs = (*plan.column("a_doc").to_pylist(), *plan.column("b_doc").to_pylist())
    return derive_pairs(plan, pairs, regions, stored_documents(fields, None, docs))
