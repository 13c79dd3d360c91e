"""Lone phrases: a short shared run with nothing shared near it is a name, not reuse."""

from __future__ import annotations

from pathlib import Path

from retold.align.phrases import marked_phrases
from retold.config import AlignConfig, CompareConfig
from retold.core import compare_documents
from retold.evaluate.pan_corpus import PAN_DIR, reported_passages
from retold.ingest.reader import read_document
from retold.records import Passage


def _pan_pair(shared_data: Path, suspicious: str, source: str) -> tuple[object, object]:
    root = shared_data / PAN_DIR
    return read_document(root / "src" / source), read_document(root / "susp" / suspicious)


def test_a_shared_agency_name_alone_is_a_phrase_and_not_reported(shared_data: Path) -> None:
    # A pair of PAN 2013's summary folder whose truth marks no reuse: the two news texts share
    # only the name of a US agency.
    source, suspicious = _pan_pair(
        shared_data, "suspicious-document00064.txt", "source-document02335.txt"
    )
    comparison = compare_documents(source, suspicious, config=CompareConfig(story=False))
    phrases = [p for p in comparison.passages if p.kind == "phrase"]
    assert [source.text[p.a_start : p.a_end] for p in phrases] == [
        "the National Severe Storms Forecast Center"
    ]
    assert all(p not in reported_passages(comparison) for p in phrases)
    # The phrase still counts in what the texts share, as any matched words do.
    assert comparison.similarity.a_in_b > 0


def test_short_runs_beside_other_shared_text_stay_passages(shared_data: Path) -> None:
    # A verbatim PAN case: every exact passage of the copy lies next to others.
    source, suspicious = _pan_pair(
        shared_data, "suspicious-document00005.txt", "source-document01090.txt"
    )
    comparison = compare_documents(source, suspicious, config=CompareConfig(story=False))
    long_ones = [p for p in comparison.passages if p.words >= 12]
    assert long_ones and all(p.kind != "phrase" for p in long_ones)
    for passage in comparison.passages:
        if passage.kind == "phrase":
            assert passage.words < 12
            assert not any(
                other is not passage
                and abs(other.a_start - passage.a_start) < 300
                and abs(other.b_start - passage.b_start) < 300
                for other in comparison.passages
            )


def test_near_in_one_text_only_is_still_alone() -> None:
    short = Passage(100, 140, 5_000, 5_040, words=6)
    near_in_a_only = Passage(150, 900, 9_000, 9_750, words=120)
    near_in_both = Passage(150, 900, 5_050, 5_800, words=120)
    config = AlignConfig()
    alone = marked_phrases([short, near_in_a_only], (), config)
    assert [p.kind for p in alone] == ["phrase", "exact"]
    beside = marked_phrases([short, near_in_both], (), config)
    assert [p.kind for p in beside] == ["exact", "exact"]
    # A rewritten stretch around it counts as shared text near it.
    stretch = Passage(0, 2_000, 4_000, 6_000, words=6, kind="rewritten", similarity=0.6)
    assert marked_phrases([short], (stretch,), config)[0].kind == "exact"
    # phrase_words=0 turns the marking off.
    assert marked_phrases([short], (), AlignConfig(phrase_words=0))[0].kind == "exact"
