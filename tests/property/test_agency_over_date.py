"""The credit reader looks for a wire's name over the date line only at the lines' starts
(``retold.ingest.metadata._agency_over_date``): it must find what ``search`` finds, on texts
made of the pieces the pattern reads, run together or split over lines in any order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from retold.ingest import metadata

PIECES = [
    "AP",
    "the AP",
    "The Associated Press",
    "Associated Press",
    "Reuters",
    "AFP",
    "agencies",
    "HELSINKI (AP) —",
    "July 15, 2018",
    "15 Jul 2018",
    "jul 16",
    "Trump met Putin.",
    "—",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    ",",
]


def _span(match: object) -> tuple[int, int] | None:
    return None if match is None else match.span()  # type: ignore[attr-defined]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_line_starts_find_what_search_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = _span(metadata._AGENCY_OVER_DATE.search(text))
    assert _span(metadata._agency_over_date(text)) == expected


def test_the_first_of_two_and_none() -> None:
    """A wire's name over the date ("AP" then "July 15"), the first found; none in prose."""
    text = "Trump met Putin.\nAP\nJuly 15, 2018\nAP\n16 Jul 2018 more"
    assert _span(metadata._agency_over_date(text)) == (17, 27)
    assert metadata._agency_over_date("AP sources said on July 15, 2018.\n") is None
