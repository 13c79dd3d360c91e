"""Scan the Helsinki-summit corpus (612 real articles, 75 outlets) and check families by hand.

Every expectation below was checked by reading the articles (ids are the corpus's own):

- AP's analysis "The outcome of the first summit between the unpredictable first-term American
  president and Russia's steely-eyed longtime leader…", republished verbatim by eight outlets;
- AP's "US official: Russia using social media to divide Americans" (Philadelphia, July 14),
  republished by the Washington Times and the Daily Mail;
- Reuters' "Trump plays golf in Scotland before Putin summit", on Yahoo and in the New York
  Times ("By Reuters").

And what must stay apart: those three stories; AP's different story from Glasgow ("Trump says
'nothing bad … maybe some good'"); an NJ.com explainer on recalling New Jersey officials that
shares only the site's weather-widget chrome with Advance Local's other sites; an SFGate travel
piece about the Ferry Building.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from retold import scan
from retold.engines.local import ScanConfig
from retold.ingest.corpus import FieldMap

AP_OUTCOME = {"729", "1758", "3371", "6936", "8811", "10828", "11043", "11491"}
AP_SOCIAL_MEDIA = {"2549", "10852"}
REUTERS_GOLF = {"6", "9719"}
AP_BREWERY = {"7396", "11269", "13613", "11762", "14088"}
"""AP's "Finnish brewery creates quirky beer for Trump-Putin summit": Miami Herald twice,
Charlotte Observer, Yahoo, Newsmax (read; bench/gold/helsinki labels them one story)."""
AP_NOTHING_BAD = "1841"
NJ_RECALL_EXPLAINER = "8380"
SFGATE_FERRY_BUILDING = "7922"


@pytest.fixture(scope="module")
def families(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[int]]:
    """doc_id → the families it is a full member of (compilations excluded)."""
    results = tmp_path_factory.mktemp("helsinki")
    config = ScanConfig(
        fields=FieldMap(text="text", outlet="publisher", published="scrape_time"),
        paragraph_separator=" ### ",
        workers=2,
    )
    result = scan(
        [shared_data / "helsinki-summit" / "helsinki_articles.csv"], results, config=config
    )
    assert result.manifest["documents"]["read"] == 612
    assert result.manifest["documents"]["processed"] == 612
    path = results / "families.parquet"
    rows = duckdb.sql(
        f"SELECT doc_id, family_id FROM read_parquet('{path}') WHERE role != 'compilation'"
    ).fetchall()
    membership: dict[str, set[int]] = defaultdict(set)
    for doc_id, family in rows:
        membership[doc_id].add(family)
    return membership


def _family(families: dict[str, set[int]], ids: set[str]) -> int:
    found = {family for doc_id in ids for family in families.get(doc_id, set())}
    assert len(found) == 1, {doc_id: families.get(doc_id) for doc_id in ids}
    assert all(families.get(doc_id) for doc_id in ids)
    return found.pop()


def test_wire_copies_form_one_family_each(families: dict[str, set[int]]) -> None:
    wire_stories = (AP_OUTCOME, AP_SOCIAL_MEDIA, REUTERS_GOLF, AP_BREWERY)
    stories = [_family(families, story) for story in wire_stories]
    assert len(set(stories)) == len(wire_stories)


def test_unrelated_articles_stay_out(families: dict[str, set[int]]) -> None:
    outcome = _family(families, AP_OUTCOME)
    assert outcome not in families.get(AP_NOTHING_BAD, set())
    for unrelated in (NJ_RECALL_EXPLAINER, SFGATE_FERRY_BUILDING):
        assert not families.get(unrelated, set()) & {
            outcome,
            _family(families, AP_SOCIAL_MEDIA),
            _family(families, REUTERS_GOLF),
        }
