"""The pairs of one family that no candidate path proposed (``retold.family_gaps``)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from retold.family_gaps import family_gaps, family_relation


def _gaps(members, paired, per_member=4):
    families, docs, roles = zip(*members, strict=True) if members else ((), (), ())
    a = np.array([pair[0] for pair in paired], dtype=np.int64)
    b = np.array([pair[1] for pair in paired], dtype=np.int64)
    return family_gaps(families, docs, roles, a, b, per_member)


def test_the_members_not_yet_paired_are_listed_once_lowest_first() -> None:
    members = [(0, 5, "source"), (0, 2, "member"), (0, 9, "member"), (1, 3, "source")]
    members += [(1, 4, "member"), (1, 2, "compilation")]
    # 2–5 is paired in the other order; 3–4 is paired; a compilation member is never a gap.
    found = _gaps(members, [(5, 2), (3, 4)])
    assert found.pairs() == [(2, 9), (5, 9)]
    assert found.skipped_families == 0


def test_a_family_with_more_gaps_than_allowed_per_member_is_left_as_it_is() -> None:
    chain = [(0, doc, "member") for doc in range(6)]  # 15 pairs, 5 of them paired: 10 gaps
    links = [(doc, doc + 1) for doc in range(5)]
    assert len(_gaps(chain, links, per_member=2).pairs()) == 10  # 10 <= 2 * 6
    left = _gaps(chain, links, per_member=1)  # 10 > 1 * 6
    assert left.pairs() == [] and left.skipped_families == 1
    assert _gaps(chain, links, per_member=0).pairs() == []


def test_no_members_no_gaps() -> None:
    assert _gaps([], []).pairs() == []


@given(
    st.lists(st.tuples(st.integers(0, 4), st.integers(0, 30)), max_size=40),
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=60),
)
def test_every_gap_is_an_unpaired_pair_of_one_family(members, paired) -> None:
    family_of = {}
    for family, doc in members:  # a document is a full member of one family
        family_of.setdefault(doc, family)
    rows = [(family, doc, "member") for doc, family in family_of.items()]
    found = _gaps(rows, paired, per_member=100)
    done = {frozenset(pair) for pair in paired}
    expected = {
        (a, b)
        for a in family_of
        for b in family_of
        if a < b and family_of[a] == family_of[b] and frozenset((a, b)) not in done
    }
    assert found.pairs() == sorted(expected)


def test_shared_text_inside_a_family_is_a_retelling_and_the_rest_stays() -> None:
    assert family_relation("shared_text") == "retelling"
    for relation in ("retelling", "shared_quote", "rewritten", "compilation"):
        assert family_relation(relation) == relation
