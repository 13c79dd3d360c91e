"""The families stage's passage spans: read from sorted columns, joined, carried when asked."""

from __future__ import annotations

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.engines.rows import JoinedRegions, PassageRegions

_SPAN = st.tuples(st.integers(0, 500), st.integers(1, 100))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), _SPAN, _SPAN), max_size=60))
def test_passage_regions_hold_each_pairs_passages_in_order(
    rows: list[tuple[int, tuple[int, int], tuple[int, int]]],
) -> None:
    """Whatever the order of the rows, a pair's spans come back in the order its passages were
    written, A's and B's side by side, and a pair with no passage is not there."""
    table = pa.table(
        {
            "pair": [pair for pair, _, _ in rows],
            "a_start": [a[0] for _, a, _ in rows],
            "a_end": [a[0] + a[1] for _, a, _ in rows],
            "b_start": [b[0] for _, _, b in rows],
            "b_end": [b[0] + b[1] for _, _, b in rows],
        }
    )
    expected: dict[int, tuple[list[tuple[int, int]], list[tuple[int, int]]]] = {}
    for pair, (a_start, a_length), (b_start, b_length) in rows:
        a_spans, b_spans = expected.setdefault(pair, ([], []))
        a_spans.append((a_start, a_start + a_length))
        b_spans.append((b_start, b_start + b_length))
    regions = PassageRegions(table)
    assert dict(regions) == expected
    assert len(regions) == len(expected)
    assert regions.get(31, None) is None
    later = {100 + pair: spans for pair, spans in expected.items()}
    joined = JoinedRegions(regions, later)
    assert dict(joined) == expected | later
    assert joined.get(99) is None
