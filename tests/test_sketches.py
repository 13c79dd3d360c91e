"""Sentence sketches, the scan's second candidate path: rewritten sentences share a key,
unrelated ones do not, and the keys are the same in every process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from retold import sketches
from retold.align.paraphrase import sentence_spans
from retold.api import scan
from retold.candidates import find_sketch_candidates, merge_candidates
from retold.config import SketchConfig
from retold.engines.local import ScanConfig
from retold.evaluate.pan_corpus import load_pan_pairs
from retold.ingest.reader import read_document
from retold.sketches import sentence_sketches
from retold.store import schemas
from tests.conftest import JPOST, KAYHAN

SEEDS = (JPOST, KAYHAN)
ORIGINAL = (
    "The Iraqi government announced on Monday that its security forces would hold joint"
    " military exercises with Iranian troops near the southern border city of Basra."
)
REWRITTEN = (
    "Joint military exercises with Iranian troops will be held by Iraqi security forces near"
    " the southern border city of Basra, the government of Iraq announced Monday."
)
UNRELATED = (
    "Finnish brewers released a limited edition beer for the summit, with a label showing"
    " the two presidents shaking hands above a bowl of steaming reindeer stew."
)


def _shared(a: str, b: str) -> int:
    a_keys, _ = sentence_sketches(a)
    b_keys, _ = sentence_sketches(b)
    return len(set(a_keys.tolist()) & set(b_keys.tolist()))


def test_a_rewritten_sentence_shares_a_key_and_an_unrelated_one_none() -> None:
    assert _shared(ORIGINAL, REWRITTEN) > 0
    assert _shared(ORIGINAL, UNRELATED) == 0
    assert _shared(ORIGINAL, ORIGINAL) == SketchConfig().bands


def test_each_sketched_sentence_has_one_key_per_band(jpost_text: str) -> None:
    config = SketchConfig()
    keys, sentences = sentence_sketches(jpost_text, config)
    distinct = np.unique(sentences)
    assert len(keys) == config.bands * len(distinct)
    assert np.all(np.bincount(sentences)[distinct] == config.bands)
    assert distinct.max() < len(sentence_spans(jpost_text, config.max_sentence_words))


def test_keys_are_the_same_in_another_process(jpost_text: str) -> None:
    """Workers sketch documents in their own processes: the hash family must not depend on
    the process (no randomized hashing)."""
    keys, _ = sentence_sketches(jpost_text)
    script = (
        "import sys; from retold.sketches import sentence_sketches;"
        "print(sentence_sketches(sys.stdin.read())[0].sum(dtype='uint64'))"
    )
    output = subprocess.run(
        [sys.executable, "-c", script], input=jpost_text, capture_output=True, text=True, check=True
    )
    assert int(output.stdout) == int(keys.sum(dtype=np.uint64))


@given(
    st.lists(
        st.sampled_from(["army", "border", "Basra", "the", "said", "forces", "Iran"]), max_size=40
    )
)
def test_any_text_gives_aligned_arrays(words: list[str]) -> None:
    keys, sentences = sentence_sketches(" ".join(words) + ".")
    assert keys.dtype == np.uint64 and sentences.dtype == np.int32
    assert len(keys) == len(sentences)


def test_scan_with_rewritten_finds_an_obfuscated_copy(shared_data: Path, tmp_path: Path) -> None:
    """A PAN 2013 random-obfuscation case (third-party: words shuffled, replaced, dropped) as
    two articles among others: found only with ``--rewritten``, as a stretch retold in other
    words."""
    root = shared_data / "pan13-text-alignment-training"
    pair = next(p for p in load_pan_pairs(root) if p.folder == "03-random-obfuscation" and p.truth)
    case = pair.truth[0]
    source = read_document(str(root / "src" / pair.source)).text
    suspicious = read_document(str(root / "susp" / pair.suspicious)).text
    records = [
        {"id": "original", "text": source[case.source_start : case.source_end]},
        {"id": "obfuscated", "text": suspicious[case.suspicious_start : case.suspicious_end]},
        *({"id": path.name, "text": path.read_text(encoding="utf-8")} for path in SEEDS),
    ]
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    found = {}
    for name, sketching in (("default", SketchConfig()), ("rewritten", SketchConfig(enabled=True))):
        results = tmp_path / name
        scan([corpus], results, config=ScanConfig(workers=1, sketches=sketching))
        found[name] = duckdb.sql(
            f"""SELECT p.relation, s.kind FROM read_parquet('{results}/pairs.parquet') p
            JOIN read_parquet('{results}/passages.parquet') s USING (pair)
            WHERE least(p.a_id, p.b_id) = 'obfuscated' AND greatest(p.a_id, p.b_id) = 'original'"""
        ).fetchall()
    assert found["default"] == []  # no run of 40 identical words: not even a candidate
    relations = {relation for relation, _ in found["rewritten"]}
    kinds = {kind for _, kind in found["rewritten"]}
    assert relations & {"rewritten", "retelling"} and kinds & {"rewritten", "edited"}


def test_a_long_document_is_sketched_in_chunks_with_the_same_keys(
    jpost_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, sentences = sentence_sketches(jpost_text)
    monkeypatch.setattr(sketches, "_CHUNK_SENTENCES", 3)
    chunked, chunked_sentences = sentence_sketches(jpost_text)
    assert whole.tolist() == chunked.tolist()
    assert sentences.tolist() == chunked_sentences.tolist()


def _write_rows(path: Path, schema: pa.Schema, rows: list[tuple[object, ...]]) -> None:
    """A stage table as the scan writes it: ``rows`` in ``schema``'s column order."""
    records = [dict(zip(schema.names, row, strict=True)) for row in rows]
    pq.write_table(pa.Table.from_pylist(records, schema=schema), path)


def _signature(seed: int, agree_with: int | None = None, share: float = 0.0) -> bytes:
    """A window signature of random values; with ``agree_with``, the first ``share`` of its
    values are those of that seed's signature."""
    size = SketchConfig().signature_size
    values = np.random.default_rng(seed).integers(0, 2**32, size, dtype=np.uint32)
    if agree_with is not None:
        shared = int(share * size)
        values[:shared] = np.random.default_rng(agree_with).integers(0, 2**32, size, np.uint32)[
            :shared
        ]
    return values.astype("<u4").tobytes()


def test_sketch_candidates_need_windows_that_agree_and_merge_with_exact_ones(
    tmp_path: Path,
) -> None:
    """Sentences sharing a key make a candidate only when their window signatures agree on
    ``min_window_similarity`` of their values; a pair found by both paths appears once."""
    rows = [  # (doc, hash, sentence)
        (0, 11, 0), (0, 12, 1), (1, 11, 4), (1, 12, 5),  # docs 0 and 1: two sentences caught
        (2, 13, 0), (3, 13, 2),  # docs 2 and 3: one sentence, windows that differ
    ]  # fmt: skip
    sketched = tmp_path / "sketches.parquet"
    _write_rows(sketched, schemas.SKETCHES, rows)
    windows = tmp_path / "windows.parquet"
    signatures = [  # (doc, sentence, signature)
        (0, 0, _signature(1)), (1, 4, _signature(2, agree_with=1, share=0.3)),
        (0, 1, _signature(3)), (1, 5, _signature(4, agree_with=3, share=0.25)),
        (2, 0, _signature(5)), (3, 2, _signature(6, agree_with=5, share=0.15)),
    ]  # fmt: skip
    _write_rows(windows, schemas.SKETCH_WINDOWS, signatures)
    exact = tmp_path / "exact.parquet"
    pq.write_table(
        pa.table({"a_doc": [0, 2], "b_doc": [1, 5], "shared_fingerprints": [3, 1]}), exact
    )
    connection = duckdb.connect()
    found = tmp_path / "sketch_pairs.parquet"
    config = SketchConfig(enabled=True)
    assert find_sketch_candidates(connection, sketched, windows, found, config) == 1
    merged = tmp_path / "candidates.parquet"
    assert merge_candidates(connection, exact, found, merged) == 0
    assert pq.read_table(merged).to_pylist() == [
        {"a_doc": 0, "b_doc": 1, "shared_fingerprints": 3, "shared_sentences": 2},
        {"a_doc": 2, "b_doc": 5, "shared_fingerprints": 1, "shared_sentences": 0},
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "candidates.parquet", "exact.parquet", "sketch_pairs.parquet", "sketches.parquet",
        "windows.parquet",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("max_partners", "kept"),
    [
        (1, [(10, 11, 1), (10, 13, 1), (11, 12, 2)]),
        (None, [(10, 11, 1), (10, 12, 1), (10, 13, 1), (11, 12, 2), (11, 13, 1), (12, 13, 1)]),
    ],
)
def test_pairs_on_one_caught_sentence_are_kept_among_each_document_s_best(
    tmp_path: Path, max_partners: int | None, kept: list[tuple[int, int, int]]
) -> None:
    """A sentence four documents hold pairs all four; with ``max_partners`` a pair resting on
    that one sentence is kept only among the best partners of one of its documents (most
    caught sentences, then the windows that agree most, then the lower document number),
    and a pair with two caught sentences always."""
    rows = [  # (doc, hash, sentence)
        (10, 21, 0), (11, 21, 0), (12, 21, 0), (13, 21, 0),  # one sentence, four documents
        (11, 22, 1), (12, 22, 1),  # a second sentence only 11 and 12 share
    ]  # fmt: skip
    sketched = tmp_path / "sketches.parquet"
    _write_rows(sketched, schemas.SKETCHES, rows)
    windows = tmp_path / "windows.parquet"
    signatures = [  # windows agreeing with doc 10's on 32, 19 and 16 of 64 values
        (10, 0, _signature(1)), (11, 0, _signature(2, agree_with=1, share=0.5)),
        (12, 0, _signature(3, agree_with=1, share=0.3)),
        (13, 0, _signature(4, agree_with=1, share=0.25)),
        (11, 1, _signature(7)), (12, 1, _signature(8, agree_with=7, share=0.5)),
    ]  # fmt: skip
    _write_rows(windows, schemas.SKETCH_WINDOWS, signatures)
    found = tmp_path / "sketch_pairs.parquet"
    config = SketchConfig(enabled=True, max_partners=max_partners)
    assert find_sketch_candidates(duckdb.connect(), sketched, windows, found, config) == len(kept)
    assert [tuple(row.values()) for row in pq.read_table(found).to_pylist()] == kept


def test_a_window_signature_is_the_minimum_over_the_sentence_and_its_neighbours(
    jpost_text: str,
) -> None:
    config = SketchConfig(window=1)
    sentences, windows = sketches.window_signatures(jpost_text, config)
    alone, singles = sketches.window_signatures(jpost_text, SketchConfig(window=0))
    assert sentences.tolist() == alone.tolist()
    _, key_sentences = sentence_sketches(jpost_text, config)
    assert sorted(set(key_sentences.tolist())) == sentences.tolist()
    assert windows.dtype == np.uint32 and windows.shape == (len(sentences), config.signature_size)
    assert np.all(windows <= singles)  # a window holds its sentence's words and more
    # Where three sketched sentences follow each other, the middle window is their minimum.
    position = {s: i for i, s in enumerate(sentences.tolist())}
    middle = next(s for s in position if s - 1 in position and s + 1 in position)
    expected = np.minimum.reduce([singles[position[middle + d]] for d in (-1, 0, 1)])
    assert windows[position[middle]].tolist() == expected.tolist()


def test_a_rewritten_sentence_s_window_agrees_and_an_unrelated_one_does_not() -> None:
    config = SketchConfig()
    context = "Officials in Baghdad said the drills would last three days near the border."
    _, original = sketches.window_signatures(f"{ORIGINAL} {context}", config)
    _, rewritten = sketches.window_signatures(f"{REWRITTEN} {context}", config)
    _, unrelated = sketches.window_signatures(f"{UNRELATED} {context}", config)

    def share(a: np.ndarray, b: np.ndarray) -> float:
        return float((a[0] == b[0]).mean())

    assert share(original, rewritten) >= config.min_window_similarity
    assert share(original, unrelated) < share(original, rewritten)
