"""The rows a kept pair gives the align stage's tables, as the scan's options ask."""

from __future__ import annotations

from retold.engines.rows import align_batch
from retold.engines.stages import ScanConfig
from retold.ingest.reader import read_text_document


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
