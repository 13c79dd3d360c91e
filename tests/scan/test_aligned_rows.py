"""The rows a kept pair gives the align stage's tables, as the scan's options ask."""

from __future__ import annotations

from retold.engines.rows import align_batch
from retold.engines.stages import ScanConfig
from retold.ingest.reader import read_text_document
from retold.records import Document


def test_a_story_scan_keeps_the_story_not_every_change(jpost_text: str, kayhan_text: str) -> None:
    """``--story`` explains every change of the seed pair to tell its story, but keeps the
    changes' rows only with ``--changes``: the same story and passages either way."""
    documents = {0: read_text_document(jpost_text), 1: read_text_document(kayhan_text)}
    [story_only] = align_batch([(0, 1)], documents, ScanConfig(story=True))
    [with_changes] = align_batch([(0, 1)], documents, ScanConfig(story=True, changes=True))
    assert story_only.changes == []
    assert len(with_changes.changes) > 20  # the six cut passages, "Daesh", the added lines…
    assert {row["kind"] for row in with_changes.changes} >= {"omitted", "added"}
    assert story_only.stories == with_changes.stories and len(story_only.stories) == 1
    assert story_only.story_names == with_changes.story_names
    assert story_only.passages == with_changes.passages
    assert story_only.pair == with_changes.pair


def test_a_story_scan_explains_only_the_pairs_it_tells(helsinki_texts: dict[str, str]) -> None:
    """Changes are explained for the story's sake: a pair with no story (shared quotations,
    wire siblings whose source is neither) is compared without them, and gives what a scan
    without ``--story`` gives; the seed pair above is told, with its changes."""
    from retold.pairs import Relation, align_pair
    from retold.records import Verdict

    def pair(a: str, b: str) -> tuple[Document, Document]:
        return read_text_document(helsinki_texts[a]), read_text_document(helsinki_texts[b])

    quoted = align_pair(*pair("4604", "5489"), story=True)
    siblings = align_pair(*pair("4720", "7752"), story=True)
    assert quoted is not None and quoted.relation == Relation.SHARED_QUOTE
    assert siblings is not None and siblings.relation == Relation.RETELLING
    assert siblings.source is Verdict.SIBLINGS
    for told, ids in ((quoted, ("4604", "5489")), (siblings, ("4720", "7752"))):
        assert told.comparison.story is None and told.comparison.changes == ()
        assert told == align_pair(*pair(*ids))
