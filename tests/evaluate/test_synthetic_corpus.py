"""The synthetic corpus: deterministic bytes, exact truth, and no shared text but the planted.

The corpus here is small (1,500 articles in three chunks, 40 outlets) but built exactly as a
million-article one: each sentence is used several times, so unperturbed background text would
show up at once as shared runs between unrelated articles.
"""

from __future__ import annotations

import itertools
import json
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import numpy as np
import pyarrow.json as pa_json
import pytest

from retold.evaluate.synthetic import (
    ARTICLE_SCHEMA,
    CORPUS_REUSE_TYPES,
    TRUTH_SCHEMA,
    CorpusConfig,
    Obfuscation,
    PlantedReuse,
    SentenceBank,
    SyntheticArticle,
    generate_corpus,
    load_sentences,
    read_truth,
    related_pairs,
    write_corpus,
)
from retold.records import ChangeKind
from retold.tokens import tokenize

SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
CONFIG = CorpusConfig(outlets=40, chunk_size=500)
ARTICLES = 1500
SEED = 7
FILES = ("articles.jsonl", "truth.jsonl", "truth_manifest.json")


@pytest.fixture(scope="module")
def bank() -> SentenceBank:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data not found at {SHARED_DATA} (CI has it; a fresh clone may not)")
    return SentenceBank.of(load_sentences(SHARED_DATA))


@pytest.fixture(scope="module")
def articles(bank: SentenceBank) -> list[SyntheticArticle]:
    return list(generate_corpus(bank, n_articles=ARTICLES, seed=SEED, config=CONFIG))


@pytest.fixture(scope="module")
def truth(articles: list[SyntheticArticle]) -> list[PlantedReuse]:
    return [row for article in articles for row in article.planted]


@pytest.fixture(scope="module")
def written(bank: SentenceBank, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out_dir = tmp_path_factory.mktemp("corpus")
    write_corpus(out_dir, bank, n_articles=ARTICLES, seed=SEED, config=CONFIG)
    return out_dir


def _bytes(out_dir: Path) -> list[bytes]:
    return [(out_dir / name).read_bytes() for name in FILES]


def test_same_seed_same_bytes_for_any_worker_count(
    bank: SentenceBank, written: Path, tmp_path: Path
) -> None:
    write_corpus(tmp_path / "again", bank, n_articles=ARTICLES, seed=SEED, config=CONFIG)
    assert _bytes(tmp_path / "again") == _bytes(written)
    write_corpus(
        tmp_path / "parallel", bank, n_articles=ARTICLES, seed=SEED, config=CONFIG, workers=2
    )
    assert _bytes(tmp_path / "parallel") == _bytes(written)
    write_corpus(tmp_path / "other", bank, n_articles=ARTICLES, seed=SEED + 1, config=CONFIG)
    assert _bytes(tmp_path / "other")[0] != _bytes(written)[0]


def test_a_shorter_corpus_is_a_prefix(bank: SentenceBank, articles: list[SyntheticArticle]) -> None:
    shorter = list(generate_corpus(bank, n_articles=700, seed=SEED, config=CONFIG))
    assert shorter == articles[:700]


def test_written_files_match_the_generated_articles(
    written: Path, articles: list[SyntheticArticle], truth: list[PlantedReuse]
) -> None:
    lines = (written / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert [list(row) for row in rows[:1]] == [
        ["id", "title", "maintext", "date_publish", "url", "source_domain"]
    ]
    assert [row["id"] for row in rows] == [article.doc_id for article in articles]
    assert [row["maintext"] for row in rows] == [article.maintext for article in articles]
    assert list(read_truth(written / "truth.jsonl")) == truth


def test_arrow_schemas_read_the_files(written: Path) -> None:
    options = pa_json.ParseOptions(explicit_schema=ARTICLE_SCHEMA)
    table = pa_json.read_json(written / "articles.jsonl", parse_options=options)
    assert table.num_rows == ARTICLES and table.schema == ARTICLE_SCHEMA
    options = pa_json.ParseOptions(explicit_schema=TRUTH_SCHEMA)
    table = pa_json.read_json(written / "truth.jsonl", parse_options=options)
    assert table.schema == TRUTH_SCHEMA and table.num_rows > 0


def test_truth_slices_back_to_the_copied_text(
    articles: list[SyntheticArticle], truth: list[PlantedReuse]
) -> None:
    by_id = {article.doc_id: article for article in articles}
    for row in truth:
        source, derived = by_id[row.source_id].maintext, by_id[row.derived_id].maintext
        copied = derived[row.derived_start : row.derived_end]
        assert row.words >= 8 and copied.strip() == copied != ""
        if row.type is not Obfuscation.TERM_SWAPS:
            assert source[row.source_start : row.source_end] == copied
            assert not row.edits
            continue
        pieces, cursor = [], row.source_start
        for edit in row.edits:
            assert edit.kind is ChangeKind.SUBSTITUTED
            assert (
                source[edit.source_start : edit.source_end]
                != derived[edit.derived_start : edit.derived_end]
            )
            pieces += [
                source[cursor : edit.source_start],
                derived[edit.derived_start : edit.derived_end],
            ]
            cursor = edit.source_end
        pieces.append(source[cursor : row.source_end])
        assert "".join(pieces) == copied


def test_every_reuse_type_is_planted_and_sources_are_copied_several_times(
    articles: list[SyntheticArticle], truth: list[PlantedReuse]
) -> None:
    assert {row.type for row in truth} == set(CORPUS_REUSE_TYPES)
    derived = sum(1 for article in articles if article.planted)
    assert 0.05 * ARTICLES < derived < 0.12 * ARTICLES
    copies = Counter({(row.source_id, row.derived_id) for row in truth})
    per_source = Counter(source for source, _ in copies)
    assert max(per_source.values()) >= 3
    cuts = Counter(row.derived_id for row in truth if row.type is Obfuscation.EXCERPT_CUTS)
    assert min(cuts.values()) >= 2  # one row per stretch between cuts


def test_derived_articles_are_published_after_their_sources(
    articles: list[SyntheticArticle], truth: list[PlantedReuse]
) -> None:
    published = {article.doc_id: article.date_publish for article in articles}
    assert all(published[row.source_id] < published[row.derived_id] for row in truth)
    dates = [article.date_publish for article in articles]
    assert dates == sorted(dates)


def test_articles_look_like_news_please_records(articles: list[SyntheticArticle]) -> None:
    for article in articles:
        paragraphs = article.maintext.split("\n\n")
        assert len(paragraphs) >= 2 and all(p.strip() == p != "" for p in paragraphs)
        assert article.title[0].isupper() or article.title[0].isdigit()
        assert article.url.startswith(f"https://{article.source_domain}/")
        assert datetime.fromisoformat(article.date_publish.isoformat()) == article.date_publish
    originals = [article for article in articles if not article.planted]
    paragraph_counts = [
        len(a.maintext.split("\n\n")) - (a.boilerplate_start is not None) for a in originals
    ]
    assert min(paragraph_counts) >= 3 and max(paragraph_counts) <= 10


def test_each_outlet_signs_most_articles_with_its_own_line(
    written: Path, articles: list[SyntheticArticle]
) -> None:
    manifest = json.loads((written / "truth_manifest.json").read_text(encoding="utf-8"))
    lines = {outlet["domain"]: outlet["boilerplate"] for outlet in manifest["outlets"]}
    assert len(lines) == CONFIG.outlets
    signed = 0
    for article in articles:
        line = lines[article.source_domain]
        ends_with_line = article.maintext.endswith("\n\n" + line)
        assert ends_with_line == (article.boilerplate_start is not None)
        if ends_with_line:
            assert article.maintext[article.boilerplate_start :] == line
            signed += 1
        assert sum(other in article.maintext for other in lines.values()) == ends_with_line
    assert 0.6 * ARTICLES < signed < 0.98 * ARTICLES
    assert manifest["boilerplate_policy"]["articles_with_boilerplate"] == signed


def test_manifest_records_parameters_policy_and_counts(
    written: Path, truth: list[PlantedReuse]
) -> None:
    manifest = json.loads((written / "truth_manifest.json").read_text(encoding="utf-8"))
    assert manifest["seed"] == SEED and manifest["n_articles"] == ARTICLES
    assert manifest["config"]["chunk_size"] == CONFIG.chunk_size
    policy = manifest["background_policy"]
    assert policy["perturb_every"] == CONFIG.perturb_every
    assert policy["max_shared_run_with_one_coincidence"] == 2 * CONFIG.perturb_every - 1
    rows = Counter(row.type.value for row in truth)
    assert manifest["counts"]["truth_rows_by_type"] == {
        k.value: rows[k.value] for k in CORPUS_REUSE_TYPES
    }


def _shared_ngram_pairs(articles: list[SyntheticArticle], length: int) -> set[tuple[str, str]]:
    """Pairs of articles sharing a run of ``length`` words (outlet lines left out), found with
    64-bit rolling hashes of folded words."""
    hashes, owners = [], []
    for number, article in enumerate(articles):
        end = article.boilerplate_start if article.boilerplate_start is not None else None
        keys = tokenize(article.maintext[:end]).keys
        if len(keys) < length:
            continue
        windows = np.zeros(len(keys) - length + 1, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for offset in range(length):
                windows = windows * np.uint64(1099511628211) + keys[offset : offset + len(windows)]
        unique = np.unique(windows)
        hashes.append(unique)
        owners.append(np.full(len(unique), number))
    flat, owner = np.concatenate(hashes), np.concatenate(owners)
    order = np.argsort(flat, kind="stable")
    flat, owner = flat[order], owner[order]
    run_starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
    run_ends = np.r_[run_starts[1:], len(flat)]
    pairs: set[tuple[str, str]] = set()
    for start, end in zip(run_starts, run_ends, strict=True):
        ids = sorted({articles[number].doc_id for number in owner[start:end]})
        pairs.update(itertools.combinations(ids, 2))
    return pairs


def test_unrelated_articles_share_no_long_runs(
    articles: list[SyntheticArticle], truth: list[PlantedReuse]
) -> None:
    length = 2 * CONFIG.perturb_every  # needs two chance coincidences (see the manifest)
    shared = _shared_ngram_pairs(articles, length)
    related = related_pairs(truth)
    assert shared - related == set()
    # The check has teeth: every planted pair with a long unedited stretch is found.
    long_rows = {
        (min(r.source_id, r.derived_id), max(r.source_id, r.derived_id))
        for r in truth
        if r.words >= 2 * length and r.type is not Obfuscation.TERM_SWAPS
    }
    assert long_rows <= shared


def test_without_perturbation_background_would_be_shared(bank: SentenceBank) -> None:
    """The guard above matters: with a replacement only every 1000 words, sentences repeat."""
    config = CorpusConfig(outlets=40, chunk_size=500, perturb_every=1000)
    articles = list(
        generate_corpus(bank, n_articles=1000, seed=SEED, reuse_rate=0.0, config=config)
    )
    assert len(_shared_ngram_pairs(articles, 12)) > 100


def test_a_small_corpus_generates_quickly(bank: SentenceBank, tmp_path: Path) -> None:
    started = time.perf_counter()
    summary = write_corpus(tmp_path, bank, n_articles=300, seed=1)
    assert summary.articles == 300 and summary.derived_articles > 0
    assert time.perf_counter() - started < 5.0


def test_related_pairs_include_siblings() -> None:
    rows = [
        PlantedReuse("s", "d1", Obfuscation.VERBATIM, 0, 10, 0, 10, 2),
        PlantedReuse("s", "d2", Obfuscation.FULL_COPY, 0, 10, 5, 15, 2),
    ]
    assert related_pairs(rows) == {("d1", "s"), ("d2", "s"), ("d1", "d2")}


def test_bad_parameters_are_refused(bank: SentenceBank) -> None:
    with pytest.raises(ValueError, match="reuse_rate"):
        next(generate_corpus(bank, n_articles=1, seed=1, reuse_rate=1.0))
    with pytest.raises(ValueError, match="perturb_every"):
        CorpusConfig(perturb_every=1)
