"""The pairs inside a family that no candidate path proposed, aligned once the families are made.

A candidate pair needs a shared fingerprint (a run of 40 identical words guarantees one) or,
with ``scan --rewritten``, a shared sentence sketch. Versions of one wire story rewritten
through the day can share only shorter runs: on the Helsinki corpus SFGate's fifth version of
AP's Sunday main bar shares 64 to 113 words with the first versions, in runs of 14 to 19, and
no fingerprint. The family model joins them all the same, through the versions in between;
but the two were never aligned, so the scan could not say what they share, and a pair of one
story read as no pair at all (16 of the 136 retellings of the Helsinki gold the scan missed).

So once the families are made, every two members of a family (compilation memberships aside)
that are not yet a pair are aligned like any candidate; those that share a passage are kept,
with the relation a pair inside a family gets (``family_relation``). The families do not
change: the family model has already placed both articles. A family with more such gaps than
``PairConfig.family_gap_pairs`` per member is left as it is (counted): its members were
joined by chains, not by a story they all tell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from retold.pairs import Relation

__all__ = ["FamilyGaps", "family_gaps", "family_relation", "with_family_relations"]


@dataclass(frozen=True, slots=True)
class FamilyGaps:
    """The pairs to align (``a < b``, sorted) and the families left out for having too many."""

    a: npt.NDArray[np.int64]
    b: npt.NDArray[np.int64]
    skipped_families: int

    def pairs(self) -> list[tuple[int, int]]:
        return list(zip(self.a.tolist(), self.b.tolist(), strict=True))


def family_gaps(
    families: Sequence[int],
    docs: Sequence[int],
    roles: Sequence[str],
    paired_a: npt.NDArray[np.integer],
    paired_b: npt.NDArray[np.integer],
    per_member: int,
) -> FamilyGaps:
    """The pairs of members of one family (role ``source`` or ``member``; ``families``,
    ``docs`` and ``roles`` are the columns of the members) that are not among the pairs
    ``paired_a[i]``–``paired_b[i]`` (either order), for every family with at most
    ``per_member`` such gaps per member; ``per_member`` 0 gives none."""
    empty = np.zeros(0, dtype=np.int64)
    if per_member <= 0:
        return FamilyGaps(empty, empty, 0)
    family = np.asarray(families, dtype=np.int64)
    doc = np.asarray(docs, dtype=np.int64)
    kept = np.asarray([role != "compilation" for role in roles], dtype=bool)
    family, doc = family[kept], doc[kept]
    order = np.lexsort((doc, family))
    family, doc = family[order], doc[order]
    largest = (doc.max(initial=-1), np.max(paired_a, initial=-1), np.max(paired_b, initial=-1))
    width = int(max(largest)) + 1  # a pair's code: low * width + high
    low = np.minimum(paired_a, paired_b).astype(np.int64)
    high = np.maximum(paired_a, paired_b).astype(np.int64)
    paired = np.unique(low * width + high)
    starts = np.flatnonzero(np.r_[True, family[1:] != family[:-1]]) if len(family) else empty
    ends = np.r_[starts[1:], len(family)].astype(np.int64) if len(family) else empty
    found_a: list[npt.NDArray[np.int64]] = []
    found_b: list[npt.NDArray[np.int64]] = []
    skipped = 0
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        members = doc[start:end]
        first, second = np.triu_indices(len(members), k=1)
        a, b = members[first], members[second]
        missing = ~_among(a * width + b, paired)
        if not missing.any():
            continue
        if int(missing.sum()) > per_member * len(members):
            skipped += 1
            continue
        found_a.append(a[missing])
        found_b.append(b[missing])
    if not found_a:
        return FamilyGaps(empty, empty, skipped)
    a, b = np.concatenate(found_a), np.concatenate(found_b)
    order = np.lexsort((b, a))
    return FamilyGaps(a[order], b[order], skipped)


def _among(
    codes: npt.NDArray[np.int64], sorted_codes: npt.NDArray[np.int64]
) -> npt.NDArray[np.bool_]:
    """Which ``codes`` are in ``sorted_codes`` (sorted, unique). Not ``np.isin``: over codes
    as wide as these (documents squared) it built a lookup table per call, 194 s for the 3,052
    families of a 20,000-article news-shaped corpus."""
    at = np.minimum(np.searchsorted(sorted_codes, codes), len(sorted_codes) - 1)
    return sorted_codes[at] == codes if len(sorted_codes) else np.zeros(len(codes), dtype=bool)


def family_relation(relation: str) -> str:
    """The relation of an aligned pair whose two articles one family holds: text shared outside
    quotations is the story's own there (``retold.families``: a retelling), the rest stays."""
    return Relation.RETELLING if relation == Relation.SHARED_TEXT else relation


def with_family_relations(pairs: pa.Table) -> pa.Table:
    """``pairs`` (``PAIRS`` rows of aligned gaps) with the relation each gets as a pair inside
    a family (``family_relation``): what both engines store."""
    relations = [family_relation(r) for r in pairs.column("relation").to_pylist()]
    index = pairs.schema.get_field_index("relation")
    return pairs.set_column(index, "relation", pa.array(relations, type=pa.string()))
