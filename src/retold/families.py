"""Story families: who retold whom, without letting hubs merge unrelated stories.

On real news, connected components of "shares a passage" chain everything into one blob: live
blogs and roundups stitch many wire stories together, everyone quotes the same speech. So:

1. Only ``retelling`` pairs can join a family; ``shared_quote`` and ``shared_text`` pairs are
   kept as labelled edges but never merge families.
2. A *compilation* is an article that contains at least two stories that do not retell each
   other: it has two or more partners mostly contained in it (each sharing at least
   ``_STORY_WORDS`` words: a shared photo caption is not a story), whose shared passages sit in
   different parts of it, and which are not themselves linked. Its containment edges become
   ``compilation`` edges: it joins every family it contains, as a ``compilation`` member, and
   never merges them. Its edges to full copies of itself stay retellings. A *live file* (AP's
   "The Latest", a live blog: ``retold.clean.live_files``) is told by its layout instead, and
   its links to other articles are compilation links, however much of them it holds (a link
   under ``_STORY_WORDS`` is an item's mention: shared text), except to a roundup made of its
   items (``_is_excerpt``), which retells it; its links to other live files stay as they are,
   or are retellings between versions of one live page (``_live_link``).
3. Every other article is attached to one partner only: the one holding the largest share of
   its words (at least half of them; ties go to the partner the source verdict names, then to
   the longer shared text), so a weak bridge between two stories cannot merge them: families
   are the trees of these attachments. An article that no one chose and that chose no one
   (less than half of it is shared with anyone, say a copy inside a page of chrome) then joins
   its strongest partner's family, if they share a story's worth of words and a third of it,
   or less when each holds a fifth of the other (a version of the story, rewritten). A version
   whose shared words are mostly quotations (so ``shared_text``, not a retelling) joins the
   family of the member it shares most with the same way (``_rewritten_versions``).
4. Copies stay together: two articles that each hold most of the other (``_COPY_SHARE`` both
   ways: the same text, with page chrome, a cut or an added line) are one family whatever their
   best partners are. Best-partner trees alone split a wire story printed by five outlets into
   two families when two pairs of copies chose each other (AP's brewery story in Helsinki).
   So are two live files that retell each other (``_live_link``): the versions of a live
   page, whose posts roll over through the day, form a chain, not a dense cluster.
5. Versions stay together: two families are merged when most pairs across them (at least
   ``_VERSION_DENSITY`` of all) are retellings. A wire story updated through the day is
   printed in several versions, each copied by several outlets; every copy of one version
   retells every other version, so the families of the versions are densely linked, while a
   weak bridge between two stories (a shared caption, one roundup) links a few pairs of them
   at most. (AP's Sunday main bar on the Helsinki corpus: three quarters of the pairs across
   its morning and evening halves are retellings, though in only half of them is one article
   mostly inside the other.) This is average-linkage clustering on retelling edges, stopped
   at a density no bridge reaches.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt

__all__ = ["FamilyMember", "PairEdge", "build_families", "find_compilations", "needs_regions"]


@dataclass(frozen=True, slots=True)
class PairEdge:
    """What the family builder needs to know about one kept pair (documents as indexes)."""

    a: int
    b: int
    relation: str
    a_in_b: float
    b_in_a: float
    shared_words: int
    source: str
    """``"a"``, ``"b"`` or ``"unknown"``."""
    a_regions: tuple[tuple[int, int], ...]
    """Character spans of the shared passages in A."""
    b_regions: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class FamilyMember:
    family: int
    doc: int
    role: str
    """``"source"`` (the earliest member), ``"member"`` or ``"compilation"``."""
    share: float
    """Share of the member's words found in the rest of its family (its strongest edge)."""


_CONTAINED = 0.5
_STORY_WORDS = 80
_ATTACH_SHARE = 0.5
_LONE_SHARE = 0.3
_COPY_SHARE = 0.8
_VERSION_DENSITY = 0.5
_VERSION_OVERLAP = 0.2


def _contains(edge: PairEdge, host: int) -> bool:
    """True when ``host``'s partner in ``edge`` is mostly inside ``host``, and not vice versa."""
    host_share, partner_share = (
        (edge.a_in_b, edge.b_in_a) if host == edge.a else (edge.b_in_a, edge.a_in_b)
    )
    return partner_share >= _CONTAINED and host_share < _CONTAINED


def needs_regions(
    retelling: npt.NDArray[np.bool_],
    shared_words: npt.NDArray[np.integer],
    a_in_b: npt.NDArray[np.floating],
    b_in_a: npt.NDArray[np.floating],
) -> npt.NDArray[np.bool_]:
    """Which edges' passage spans the model reads (whole columns at once): retellings of a
    story's worth of words where one side mostly holds the other (``_contains``), the only
    edges ``find_compilations`` looks inside. Every other edge may come without spans."""
    holds_b = (b_in_a >= _CONTAINED) & (a_in_b < _CONTAINED)
    holds_a = (a_in_b >= _CONTAINED) & (b_in_a < _CONTAINED)
    return retelling & (shared_words >= _STORY_WORDS) & (holds_a | holds_b)


def _overlaps(first: tuple[tuple[int, int], ...], second: tuple[tuple[int, int], ...]) -> bool:
    return any(a < d and c < b for a, b in first for c, d in second)


def find_compilations(edges: Sequence[PairEdge]) -> set[int]:
    """Documents that contain two or more unrelated stories (see the module docstring)."""
    linked = {(e.a, e.b) for e in edges} | {(e.b, e.a) for e in edges}
    contained: dict[int, list[tuple[int, tuple[tuple[int, int], ...]]]] = defaultdict(list)
    for edge in edges:
        if edge.relation != "retelling" or edge.shared_words < _STORY_WORDS:
            continue
        if _contains(edge, edge.a):
            contained[edge.a].append((edge.b, edge.a_regions))
        if _contains(edge, edge.b):
            contained[edge.b].append((edge.a, edge.b_regions))
    compilations = set()
    for host, parts in contained.items():
        for index, (first, first_regions) in enumerate(parts):
            if any(
                (first, second) not in linked and not _overlaps(first_regions, second_regions)
                for second, second_regions in parts[index + 1 :]
            ):
                compilations.add(host)
                break
    return compilations


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        root = self.parent.setdefault(item, item)
        while root != self.parent[root]:
            root = self.parent[root]
        while item != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _own_share(edge: PairEdge, doc: int) -> float:
    return edge.a_in_b if doc == edge.a else edge.b_in_a


def _source_side(edge: PairEdge, doc: int) -> bool:
    """True when the pair names ``doc``'s partner as the source."""
    return (edge.source == "b" and doc == edge.a) or (edge.source == "a" and doc == edge.b)


def _versions(edge: PairEdge) -> bool:
    """True when each article of ``edge`` holds ``_VERSION_OVERLAP`` of the other: two versions
    of one story, rewritten in between (CNBC's intelligence-assessment preview of the evening
    and its morning rewrite on the Helsinki corpus share a quarter of one and two fifths of the
    other), where a long article quoting a short item holds all of it but little of itself."""
    return min(edge.a_in_b, edge.b_in_a) >= _VERSION_OVERLAP


def _strongest_partners(
    edges: Sequence[PairEdge], relations: dict[tuple[int, int], str]
) -> dict[int, int]:
    """For every article in a retelling, the partner it shares most words with: a story's worth
    of words (``_STORY_WORDS``) and at least ``_LONE_SHARE`` of the article, or less when the
    two are versions of one story (``_versions``)."""
    strongest: dict[int, tuple[int, int]] = {}
    for edge in edges:
        if relations[(edge.a, edge.b)] != "retelling" or edge.shared_words < _STORY_WORDS:
            continue
        for doc, partner in ((edge.a, edge.b), (edge.b, edge.a)):
            if _own_share(edge, doc) < _LONE_SHARE and not _versions(edge):
                continue  # a long article quoting a short item (a tweet) is not its retelling
            if doc not in strongest or (edge.shared_words, -partner) > strongest[doc]:
                strongest[doc] = (edge.shared_words, -partner)
    return {doc: -negative for doc, (_, negative) in strongest.items()}


def _rewritten_versions(
    edges: Sequence[PairEdge],
    relations: dict[tuple[int, int], str],
    attached: Collection[int],
    excluded: Collection[int],
) -> dict[int, int]:
    """For every article in no family (and not in ``excluded``), the family member it shares
    most words with as ``shared_text``, when the two are versions of one story: a story's worth
    of words, each holding ``_VERSION_OVERLAP`` of the other. A version rewritten so far that
    most of what it keeps is quotation is not a retelling by its own shares (Newsmax's rewrite
    of Reuters' summit preview on the Helsinki corpus: 343 words, 42 % and 45 % of the two, a
    third of them quoted), yet it is the story. Only into a family: two lone articles that
    share text (the same photo gallery on two sites) do not make one."""
    strongest: dict[int, tuple[int, int]] = {}
    for edge in edges:
        if (
            relations[(edge.a, edge.b)] != "shared_text"
            or edge.shared_words < _STORY_WORDS
            or not _versions(edge)
        ):
            continue
        for doc, partner in ((edge.a, edge.b), (edge.b, edge.a)):
            if doc in attached or doc in excluded or partner not in attached:
                continue
            if doc not in strongest or (edge.shared_words, -partner) > strongest[doc]:
                strongest[doc] = (edge.shared_words, -partner)
    return {doc: -negative for doc, (_, negative) in strongest.items()}


def _merge_dense_families(
    union: _UnionFind,
    edges: Sequence[PairEdge],
    relations: dict[tuple[int, int], str],
    members: set[int],
) -> None:
    """Merge families that are versions of one story, most linked first, until none are.

    Two families are versions when, averaged over all pairs of their members (a pair with no
    shared text counts as zero), either at least ``_VERSION_DENSITY`` of the pairs are
    retellings, or the symmetric overlap (the share of the *larger* article found in the
    other) reaches ``_VERSION_OVERLAP``. The second catches a
    wire story rewritten through the day, whose morning and evening versions share a third of
    their text in every pair, none mostly inside another (see the module docstring).
    """
    linking: list[tuple[int, int, float, float]] = []
    for edge in edges:
        relation = relations[(edge.a, edge.b)]
        if relation not in ("retelling", "shared_text"):
            continue
        if edge.a not in members or edge.b not in members:
            continue
        retold = relation == "retelling"
        linking.append((edge.a, edge.b, float(retold), min(edge.a_in_b, edge.b_in_a)))
    while True:
        sizes: dict[int, int] = defaultdict(int)
        for doc in members:
            sizes[union.find(doc)] += 1
        links: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0.0, 0.0])
        for a, b, retellings, overlap in linking:
            first, second = sorted((union.find(a), union.find(b)))
            if first != second:
                sums = links[(first, second)]
                sums[0] += retellings
                sums[1] += overlap
        scored = []
        for (first, second), (retellings, overlap) in links.items():
            pairs = sizes[first] * sizes[second]
            density, mean_overlap = retellings / pairs, overlap / pairs
            if density >= _VERSION_DENSITY or mean_overlap >= _VERSION_OVERLAP:
                scored.append((max(density, mean_overlap / _VERSION_OVERLAP), first, second))
        merged: set[int] = set()
        for _, first, second in sorted(scored, reverse=True):
            if first in merged or second in merged:
                continue  # its links change with the merge: next round
            union.union(first, second)
            merged |= {first, second}
        if not merged:
            return


def _live_link(edge: PairEdge, live_files: Collection[int]) -> str | None:
    """What ``edge`` becomes when a live file (``retold.clean.live_files``) is on it and the
    pair shares text outside quotations, or ``None`` when it stays as it is.

    With one live file: ``compilation`` when the live file holds a story's worth of words of
    the other in its items, ``shared_text`` when less (an item mentions it); a full copy of the
    live file stays as it is. With two: ``retelling`` when they share a story's worth of words
    and each a fifth of itself (``_VERSION_OVERLAP``), the versions of one live page through
    the day (CNN's of 16 July on the Helsinki corpus share 160 to 400 words, a fifth to a
    third of each, while its posts roll over); two live files of different stories share an
    item or two (an aggregator's page and AP's Latest: a tenth of either at most)."""
    if edge.relation not in ("retelling", "shared_text"):
        return None
    if edge.a in live_files and edge.b in live_files:
        versions = (
            edge.shared_words >= _STORY_WORDS and min(edge.a_in_b, edge.b_in_a) >= _VERSION_OVERLAP
        )
        return "retelling" if versions and edge.relation == "shared_text" else None
    if edge.a not in live_files and edge.b not in live_files:
        return None
    if min(edge.a_in_b, edge.b_in_a) >= _COPY_SHARE:
        return None
    return "compilation" if edge.shared_words >= _STORY_WORDS else "shared_text"


def _is_excerpt(edge: PairEdge, live_files: Collection[int], roundups: Collection[int]) -> bool:
    """True when the article on ``edge`` that is not a live file is a roundup of its own
    (``find_compilations``) mostly inside the live file: a page made of the live file's items
    (the Daily Mail's page of AP's Latest items of 15 July on the Helsinki corpus) retells the
    live file, where a single story a live file holds is a story of its own."""
    other = edge.b if edge.a in live_files else edge.a
    return other in roundups and _own_share(edge, other) >= _CONTAINED


def build_families(
    edges: Sequence[PairEdge],
    published: Mapping[int, datetime | None] | Sequence[datetime | None],
    live_files: Collection[int] = frozenset(),
) -> tuple[list[FamilyMember], dict[tuple[int, int], str]]:
    """Families of the documents, and the final relation of every edge (by ``(a, b)``).

    ``published`` gives each document's publication time (``None`` when unknown), by index
    (a mapping needs only the documents of ``edges``: the model is run per component).
    ``live_files`` are the documents laid out as live files: their links to other articles
    are compilation links (rule 2; shared text when under a story's worth of words), their
    links to each other are retellings when they are versions of one live page
    (``_live_link``), and stay as they are otherwise.
    Families are numbered from 0 in order of their earliest member's index; documents in no
    retelling are in no family.
    """
    live_links = {
        (edge.a, edge.b): link for edge in edges if (link := _live_link(edge, live_files))
    }
    roundups = find_compilations(edges)
    excerpts = {
        (edge.a, edge.b)
        for edge in edges
        if live_links.get((edge.a, edge.b)) == "compilation"
        and _is_excerpt(edge, live_files, roundups)
    }
    compilations = roundups | {
        a if a in live_files else b
        for (a, b), link in live_links.items()
        if link == "compilation" and (a, b) not in excerpts
    }
    relations = {}
    best: dict[int, tuple[tuple[float, bool, int, int], int]] = {}
    for edge in edges:
        relation = live_links.get((edge.a, edge.b), edge.relation)
        both_live = edge.a in live_files and edge.b in live_files
        if (edge.a, edge.b) in excerpts:
            relation = "retelling"
        elif (
            relation == "retelling"
            and not both_live
            and any(host in compilations and _contains(edge, host) for host in (edge.a, edge.b))
        ):
            relation = "compilation"
        relations[(edge.a, edge.b)] = relation
        if relation != "retelling":
            continue
        for doc, partner in ((edge.a, edge.b), (edge.b, edge.a)):
            own = _own_share(edge, doc)
            if own < _ATTACH_SHARE:
                continue
            rank = (round(own, 2), _source_side(edge, doc), edge.shared_words, -partner)
            if doc not in best or rank > best[doc][0]:
                best[doc] = (rank, partner)
    union = _UnionFind()
    for doc, (_, partner) in sorted(best.items()):
        union.union(doc, partner)
    for edge in edges:
        if relations[(edge.a, edge.b)] == "retelling" and (
            min(edge.a_in_b, edge.b_in_a) >= _COPY_SHARE
            or (edge.a in live_files and edge.b in live_files)
        ):
            union.union(edge.a, edge.b)
    # An article left alone (say, a copy buried in a page of chrome, so that less than half of
    # it is shared) joins the family of its strongest partner: alone, it cannot bridge two.
    chosen = set(best) | {partner for _, partner in best.values()}
    for doc, partner in sorted(_strongest_partners(edges, relations).items()):
        if doc not in chosen:
            union.union(doc, partner)
            best[doc] = ((0.0, False, 0, 0), partner)
    attached = set(best) | {partner for _, partner in best.values()}
    _merge_dense_families(union, edges, relations, attached)
    # Joined after the merges: one link of shared text must not thin a family's links to its
    # other versions below the density that merges them.
    excluded = compilations | set(live_files)
    for doc, partner in sorted(_rewritten_versions(edges, relations, attached, excluded).items()):
        union.union(doc, partner)
        best[doc] = ((0.0, False, 0, 0), partner)
    attached = set(best) | {partner for _, partner in best.values()}
    # Inside one family, text shared outside quotations is the story's own: two versions of a
    # wire story that share a fifth of their text are retellings of each other, not strangers.
    for edge in edges:
        if (
            relations[(edge.a, edge.b)] == "shared_text"
            and edge.a in attached
            and edge.b in attached
            and union.find(edge.a) == union.find(edge.b)
        ):
            relations[(edge.a, edge.b)] = "retelling"
    # A story found only inside a compilation still makes a family of its own.
    contained_only = {
        doc
        for (a, b), relation in relations.items()
        if relation == "compilation"
        for doc in (a, b)
        if doc not in compilations and doc not in best
    }
    groups: dict[int, list[int]] = defaultdict(list)
    for doc in sorted(attached | contained_only):
        groups[union.find(doc)].append(doc)
    share: dict[int, float] = defaultdict(float)
    for edge in edges:
        if relations[(edge.a, edge.b)] in ("retelling", "compilation"):
            share[edge.a] = max(share[edge.a], edge.a_in_b)
            share[edge.b] = max(share[edge.b], edge.b_in_a)
    family_of = {}
    members: list[FamilyMember] = []
    for family, root in enumerate(sorted(groups, key=lambda r: min(groups[r]))):
        docs = groups[root]
        earliest = min(docs, key=lambda d: (published[d] is None, published[d] or datetime.min, d))
        for doc in docs:
            family_of[doc] = family
            role = "source" if doc == earliest else "member"
            members.append(FamilyMember(family, doc, role, round(share[doc], 4)))
    contained_by: dict[int, set[int]] = defaultdict(set)  # host → the stories it holds
    for (a, b), relation in relations.items():
        if relation == "compilation":
            contained_by[a].add(b)
            contained_by[b].add(a)
    for host in sorted(compilations):
        home = family_of.get(host)  # a roundup that is itself a member holds its own story
        joined = sorted({family_of[p] for p in contained_by[host] if p in family_of} - {home})
        members.extend(FamilyMember(f, host, "compilation", round(share[host], 4)) for f in joined)
    members.sort(key=lambda m: (m.family, m.doc))
    return members, relations
