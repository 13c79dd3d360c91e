"""Score a scan's story families and pair relations against a gold standard made by reading.

The gold (``bench/gold/helsinki``, see its GOLD.md) gives, for every article, the story it tells
(``stories.csv``: ``member`` or ``singleton``; ``compilation`` rows for roundups holding a story)
and, for every pair that shares text or tells the same story, a relation (``pairs.csv``:
``retelling`` / ``shared_quote`` / ``compilation`` / ``none``).

Measures:

- pair precision and recall per relation. A pair retold did not keep counts as ``none`` on
  retold's side; a kept pair the gold does not list counts as ``none`` on the gold's side (the
  gold lists every pair sharing a run of eight words);
- families as a clustering of the articles (compilation memberships left out; an article in no
  family is a cluster of its own): B-cubed precision, recall and F1 (Bagga and Baldwin 1998),
  and the adjusted Rand index (Hubert and Arabie 1985);
- gold stories split across several families (of all stories, and of the ``largest`` ones),
  and families that mix articles of two or more gold stories;
- retelling recall by the longest run of words the two texts share, as the gold's notes count
  it ("[shared 56/56 words, longest 34]"; none when they share no run of eight words): the gold
  calls every two versions of one story a retelling, whatever they share, and a text-reuse
  tool can only find what the texts hold.

``Gold.held_out`` keeps the half of the stories that tuning does not look at (chosen by a hash
of the story id, so it never changes): the family model's thresholds are set on the other
half, and the held-out figures are reported beside the whole.
"""

from __future__ import annotations

import csv
import math
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "FamilyScores",
    "Gold",
    "RecallByRun",
    "RelationScore",
    "SiblingScores",
    "load_gold",
    "read_scan",
    "score_families",
    "score_siblings",
]

RELATIONS = ("retelling", "shared_quote", "compilation")
RUN_THRESHOLDS = (8, 20)
"""Shared runs (words) from which retelling recall is also given (``FamilyScores.by_run``)."""
_LONGEST = re.compile(r"longest (\d+)\]")


@dataclass(frozen=True, slots=True)
class Gold:
    story_of: dict[str, str]
    """Article → the story it tells (members and singletons; compilations left out)."""
    pairs: dict[tuple[str, str], str]
    """(a, b) with a < b as numbers → relation."""
    longest: dict[tuple[str, str], int] = field(default_factory=dict)
    """(a, b) → the longest run of words they share, as the gold's note counts it (0 when it
    says they share no run of eight words)."""

    def held_out(self) -> Gold:
        """The gold restricted to the held-out half of the stories (and the pairs inside it)."""
        kept = {doc: story for doc, story in self.story_of.items() if _is_held_out(story)}
        pairs = {pair: label for pair, label in self.pairs.items() if all(d in kept for d in pair)}
        return Gold(
            kept, pairs, {pair: self.longest[pair] for pair in pairs if pair in self.longest}
        )


def _is_held_out(story: str) -> bool:
    return zlib.crc32(story.encode("utf-8")) % 2 == 1


@dataclass(frozen=True, slots=True)
class RelationScore:
    relation: str
    predicted: int
    gold: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


@dataclass(frozen=True, slots=True)
class RecallByRun:
    """Retelling recall over the gold retellings whose texts share a run of ``words`` or more."""

    words: int
    found: int
    gold: int

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0


@dataclass(frozen=True, slots=True)
class FamilyScores:
    relations: tuple[RelationScore, ...]
    bcubed_precision: float
    bcubed_recall: float
    adjusted_rand: float
    stories: int
    split_stories: tuple[str, ...]
    split_largest: tuple[str, ...]
    largest: int
    mixed_families: tuple[tuple[str, ...], ...]
    """For each family holding two or more gold stories, those stories."""
    by_run: tuple[RecallByRun, ...] = ()
    """Retelling recall from each of ``RUN_THRESHOLDS`` (gold pairs with a known run only)."""

    @property
    def bcubed_f1(self) -> float:
        p, r = self.bcubed_precision, self.bcubed_recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if (int(a), a) <= (int(b), b) else (b, a)


def load_gold(folder: Path) -> Gold:
    story_of: dict[str, str] = {}
    with (folder / "stories.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["role"] in ("member", "singleton"):
                story_of[row["doc_id"]] = row["story_id"]
    pairs: dict[tuple[str, str], str] = {}
    longest: dict[tuple[str, str], int] = {}
    with (folder / "pairs.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = _key(row["a_id"], row["b_id"])
            pairs[key] = row["label"]
            run = _LONGEST.search(row["note"])
            if run is not None or "no shared run" in row["note"]:
                longest[key] = int(run.group(1)) if run is not None else 0
    return Gold(story_of, pairs, longest)


def _bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    """Mean over items of the precision and recall of each item's cluster."""
    by_predicted: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item in gold:
        by_predicted[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, truth = by_predicted[predicted[item]], by_gold[gold[item]]
        overlap = len(mine & truth)
        precision += overlap / len(mine)
        recall += overlap / len(truth)
    return precision / len(gold), recall / len(gold)


def _adjusted_rand(predicted: dict[str, str], gold: dict[str, str]) -> float:
    def pairs(count: int) -> float:
        return count * (count - 1) / 2

    cells = Counter((predicted[item], gold[item]) for item in gold)
    rows = Counter(predicted[item] for item in gold)
    columns = Counter(gold[item] for item in gold)
    index = sum(pairs(n) for n in cells.values())
    row_sum = sum(pairs(n) for n in rows.values())
    column_sum = sum(pairs(n) for n in columns.values())
    expected = row_sum * column_sum / pairs(len(gold)) if len(gold) > 1 else 0.0
    maximum = (row_sum + column_sum) / 2
    if math.isclose(maximum, expected):
        return 1.0
    return (index - expected) / (maximum - expected)


def score_families(
    gold: Gold,
    families: dict[str, str],
    relations: dict[tuple[str, str], str],
    *,
    largest: int = 40,
) -> FamilyScores:
    """Score ``families`` (article → family id, compilation memberships left out) and the kept
    pairs' ``relations`` against ``gold``."""
    relation_scores = []
    for relation in RELATIONS:
        predicted = {
            pair
            for pair, found in relations.items()
            if found == relation and all(doc in gold.story_of for doc in pair)
        }
        truth = {pair for pair, label in gold.pairs.items() if label == relation}
        relation_scores.append(
            RelationScore(relation, len(predicted), len(truth), len(predicted & truth))
        )
    clusters = {doc: families.get(doc, f"alone:{doc}") for doc in gold.story_of}
    precision, recall = _bcubed(clusters, gold.story_of)
    members: dict[str, set[str]] = defaultdict(set)
    for doc, story in gold.story_of.items():
        members[story].add(doc)
    stories = [story for story, docs in members.items() if len(docs) > 1]
    stories.sort(key=lambda story: (-len(members[story]), story))
    split = tuple(s for s in stories if len({clusters[d] for d in members[s]}) > 1)
    top = set(stories[:largest])
    held: dict[str, set[str]] = defaultdict(set)
    for doc, family in clusters.items():
        held[family].add(gold.story_of[doc])
    mixed = tuple(tuple(sorted(s)) for _, s in sorted(held.items()) if len(s) > 1)
    retellings = [pair for pair, label in gold.pairs.items() if label == "retelling"]
    by_run = []
    for words in RUN_THRESHOLDS:
        sharing = [pair for pair in retellings if gold.longest.get(pair, -1) >= words]
        found = sum(1 for pair in sharing if relations.get(pair) == "retelling")
        by_run.append(RecallByRun(words, found, len(sharing)))
    return FamilyScores(
        relations=tuple(relation_scores),
        bcubed_precision=precision,
        bcubed_recall=recall,
        adjusted_rand=_adjusted_rand(clusters, gold.story_of),
        stories=len(stories),
        split_stories=split,
        split_largest=tuple(s for s in split if s in top),
        largest=min(largest, len(stories)),
        mixed_families=mixed,
        by_run=tuple(by_run),
    )


def read_scan(results: Path) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Families (compilation memberships left out) and pair relations of a results folder."""
    import pyarrow.parquet as pq

    families = pq.read_table(results / "families.parquet").to_pylist()
    family_of = {
        row["doc_id"]: str(row["family_id"]) for row in families if row["role"] != "compilation"
    }
    pairs = pq.read_table(results / "pairs.parquet", columns=["a_id", "b_id", "relation"])
    relations = {_key(row["a_id"], row["b_id"]): row["relation"] for row in pairs.to_pylist()}
    return family_of, relations


@dataclass(frozen=True, slots=True)
class SiblingScores:
    """Direction where the gold knows it: two copies of one story that both credit the same
    wire (gold ``wire`` column: a single agency) took it from the wire, not from each other."""

    pairs: int
    """Gold retelling pairs, both members crediting one wire, that the scan kept."""
    siblings: int
    """... that the scan stores as siblings of that wire (no source, ``wire`` set)."""
    directed: int
    """... that the scan draws as copied one from the other (a wrong arrow)."""


def score_siblings(gold_folder: Path, results: Path, *, held_out: bool = False) -> SiblingScores:
    """``held_out``: only the pairs of the held-out half of the stories."""
    import pyarrow.parquet as pq

    wire_of: dict[str, str] = {}
    with (gold_folder / "stories.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["role"] == "member" and row["wire"] and "+" not in row["wire"]:
                wire_of[row["doc_id"]] = row["wire"]
    gold = load_gold(gold_folder).held_out() if held_out else load_gold(gold_folder)
    path = results / "pairs.parquet"
    # Scans older than the wire column stored siblings as pairs without a source.
    columns = [c for c in ("a_id", "b_id", "source", "wire") if c in pq.read_schema(path).names]
    pairs = siblings = directed = 0
    for row in pq.read_table(path, columns=columns).to_pylist():
        a, b = row["a_id"], row["b_id"]
        if gold.pairs.get(_key(a, b)) != "retelling" or a not in wire_of:
            continue
        if wire_of.get(b) != wire_of[a] or gold.story_of.get(a) != gold.story_of.get(b):
            continue
        pairs += 1
        wire = row.get("wire", wire_of[a])
        siblings += row["source"] is None and wire == wire_of[a]
        directed += row["source"] is not None
    return SiblingScores(pairs, siblings, directed)
