"""The news-shaped synthetic corpus: heavy-tailed printings, exact truth, findable copies.

One 2,000-article corpus (generated once, in about half a second) serves the shape and truth
tests; a 200-article corpus with small stories and few outlets is written and scanned.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import duckdb
import pytest

from retold import scan
from retold.engines.local import ScanConfig
from retold.evaluate.scan_accuracy import score_scan_pairs
from retold.evaluate.synthetic import (
    CorpusConfig,
    Obfuscation,
    PlantedReuse,
    SentenceBank,
    load_sentences,
    read_truth,
    related_pairs,
)
from retold.evaluate.synthetic_news import (
    NEWS_RELATIONS,
    NewsArticle,
    NewsConfig,
    generate_news_corpus,
    make_news_outlets,
    write_news_corpus,
)

SEED = 1
FILES = ("articles.jsonl", "truth.jsonl", "truth_manifest.json")
SMALL = NewsConfig(
    text=CorpusConfig(
        outlets=30, chunk_size=100, sentences_per_article=(6, 14), paragraphs_per_article=(3, 6)
    ),
    max_copies=12,
    wires=(2, 5),
)
"""Stories of at most 12 printings in 30 outlets: every outlet prints several articles, so a
scan can learn its chrome, and a scan of 200 articles takes a second or two."""


@pytest.fixture(scope="module")
def bank(shared_data: Path) -> SentenceBank:
    return SentenceBank.of(load_sentences(shared_data))


@pytest.fixture(scope="module")
def news(bank: SentenceBank) -> list[NewsArticle]:
    return list(generate_news_corpus(bank, n_articles=2000, seed=SEED))


@pytest.fixture(scope="module")
def texts(news: list[NewsArticle]) -> dict[str, str]:
    return {item.article.doc_id: item.article.maintext for item in news}


def _rows(news: list[NewsArticle]) -> list[tuple[PlantedReuse, str, NewsArticle]]:
    return [
        (row, relation, item)
        for item in news
        for row, relation in zip(item.article.planted, item.relations, strict=True)
    ]


def _edited(source: str, row: PlantedReuse, derived: str) -> str:
    """The source stretch with the row's edits applied (taken from the derived text)."""
    pieces, cursor = [], row.source_start
    for edit in sorted(row.edits, key=lambda edit: edit.source_start):
        pieces += (
            source[cursor : edit.source_start],
            derived[edit.derived_start : edit.derived_end],
        )
        cursor = edit.source_end
    pieces.append(source[cursor : row.source_end])
    return "".join(pieces)


def test_story_printings_are_heavy_tailed(news: list[NewsArticle]) -> None:
    sizes = sorted((item.story_size for item in news if item.story_size), reverse=True)
    assert sum(sizes) + sum(item.kind == "roundup" for item in news) == len(news)
    once = sum(size == 1 for size in sizes) / len(sizes)
    assert once > 0.6, "most stories are printed once"
    assert sum(5 <= size <= 50 for size in sizes) >= 20, "some are printed by 5-50 outlets"
    assert sizes[0] >= 50, "and a wire story by many more"
    # A power law, not a geometric law: the share of stories printed k times or more falls
    # slowly; under P(k) = 2**-k (the default shape's copies) 10+ printings would be 0.2 %.
    assert sum(size >= 10 for size in sizes) / len(sizes) > 0.02


def test_pairs_per_article_near_helsinki(news: list[NewsArticle]) -> None:
    """Helsinki's scan finds 8.1 pairs per article; a 2,000-article corpus of this seed
    plants a few fewer (its wire stories have not reached 300 printings)."""
    rows = [row for row, _, _ in _rows(news)]
    per_article = len(related_pairs(rows)) / len(news)
    assert 4 <= per_article <= 15
    quoted = [row for row, relation, _ in _rows(news) if relation != "shared_quote"]
    quote_only = len(related_pairs(rows) - related_pairs(quoted)) / len(news)
    assert quote_only > 0.5, "independent stories share quotations"


def test_truth_rows_slice_back_to_shared_text(
    news: list[NewsArticle], texts: dict[str, str]
) -> None:
    kinds = {item.article.doc_id: item.kind for item in news}
    dates = {item.article.doc_id: item.article.date_publish for item in news}
    rows = _rows(news)
    assert {relation for _, relation, _ in rows} == set(NEWS_RELATIONS)
    assert {row.type for row, _, _ in rows} == {
        Obfuscation.VERBATIM,
        Obfuscation.EXCERPT_CUTS,
        Obfuscation.TERM_SWAPS,
        Obfuscation.FULL_COPY,
    }
    for row, relation, item in rows:
        source, derived = texts[row.source_id], texts[row.derived_id]
        assert derived[row.derived_start : row.derived_end] == _edited(source, row, derived)
        assert row.words >= 1 and row.source_end > row.source_start
        assert kinds[row.source_id] in ("original", "update"), "a home is never a copy"
        assert bool(row.edits) == (row.type is Obfuscation.TERM_SWAPS)
        if relation in ("republished", "updated"):
            assert dates[row.source_id] <= dates[row.derived_id]
            assert item.story is not None


def test_shared_quotes_join_otherwise_unrelated_stories(
    news: list[NewsArticle], texts: dict[str, str]
) -> None:
    story_of = {item.article.doc_id: item.story for item in news}
    quotes = [(row, item) for row, relation, item in _rows(news) if relation == "shared_quote"]
    assert len(quotes) >= 50
    for row, item in quotes:
        quoted = texts[row.derived_id][row.derived_start : row.derived_end]
        assert (
            quoted.startswith("“")
            and quoted.endswith("”")
            and row.words >= NewsConfig().quote_words
        )
        assert story_of[row.source_id] != item.story


def test_roundups_hold_several_stories(news: list[NewsArticle]) -> None:
    roundups = [item for item in news if item.kind == "roundup" and item.article.planted]
    assert roundups
    homes = [{row.source_id for row in item.article.planted} for item in roundups]
    assert all(len(sources) >= 2 for sources in homes)


def test_every_article_carries_its_outlets_chrome(news: list[NewsArticle]) -> None:
    outlets = {item.outlet.domain: item for item in make_news_outlets(SEED, NewsConfig())}
    by_outlet: Counter[str] = Counter()
    for item in news:
        outlet = outlets[item.article.source_domain]
        paragraphs = item.article.maintext.split("\n\n")
        assert tuple(paragraphs[: len(outlet.header)]) == outlet.header
        assert tuple(paragraphs[-len(outlet.footer) :]) == outlet.footer
        by_outlet[outlet.outlet.domain] += 1
        for row in item.article.planted:  # truth rows never cover chrome
            assert row.derived_start >= sum(len(line) + 2 for line in outlet.header)
    assert max(by_outlet.values()) >= 5
    assert sum(outlet.wire for outlet in outlets.values()) == NewsConfig().wires[0]


def test_same_seed_same_bytes_for_any_workers(bank: SentenceBank, tmp_path: Path) -> None:
    folders = {"one": 1, "again": 1, "two": 2}
    for name, workers in folders.items():
        write_news_corpus(
            tmp_path / name, bank, n_articles=300, seed=SEED, config=SMALL, workers=workers
        )
    for name in FILES:
        first = (tmp_path / "one" / name).read_bytes()
        assert (
            first
            == (tmp_path / "again" / name).read_bytes()
            == (tmp_path / "two" / name).read_bytes()
        )
    other = tmp_path / "other"
    write_news_corpus(other, bank, n_articles=300, seed=SEED + 1, config=SMALL)
    assert (other / "articles.jsonl").read_bytes() != (
        tmp_path / "one" / "articles.jsonl"
    ).read_bytes()


def test_written_truth_reads_back_with_its_extra_keys(bank: SentenceBank, tmp_path: Path) -> None:
    summary = write_news_corpus(tmp_path, bank, n_articles=300, seed=SEED, config=SMALL)
    rows = list(read_truth(tmp_path / "truth.jsonl"))
    assert len(rows) == summary.truth_rows > 0
    raw = [json.loads(line) for line in (tmp_path / "truth.jsonl").open(encoding="utf-8")]
    assert {row["relation"] for row in raw} <= set(NEWS_RELATIONS)
    manifest = json.loads((tmp_path / "truth_manifest.json").read_text(encoding="utf-8"))
    counts = manifest["counts"]
    assert sum(counts["truth_rows_by_relation"].values()) == len(rows)
    assert sum(counts["articles_by_kind"].values()) == 300
    assert manifest["generator"] == "retold.evaluate.synthetic_news"


def test_scan_finds_the_planted_copies(bank: SentenceBank, tmp_path: Path) -> None:
    corpus, results = tmp_path / "corpus", tmp_path / "results"
    write_news_corpus(corpus, bank, n_articles=200, seed=3, config=SMALL)
    scan([corpus / "articles.jsonl"], results, config=ScanConfig(workers=1))
    truth = list(read_truth(corpus / "truth.jsonl"))
    articles = [json.loads(line) for line in (corpus / "articles.jsonl").open(encoding="utf-8")]
    texts = {row["id"]: row["maintext"] for row in articles}
    found = duckdb.sql(
        f"SELECT a_id, b_id FROM read_parquet('{results / 'pairs.parquet'}')"
    ).fetchall()
    scores = score_scan_pairs(found, truth, texts, 40)
    assert scores.guaranteed_pairs >= 50
    assert scores.guaranteed_recall >= 0.95, scores.missed
    # What the scan relates beyond the truth is the chrome of outlets too small for the
    # boilerplate learner (fewer than five articles): two articles of one outlet.
    outlet = {row["id"]: row["source_domain"] for row in articles}
    assert all(outlet[a] == outlet[b] for a, b in scores.spurious), scores.spurious
    families: defaultdict[str | None, set[str]] = defaultdict(set)
    for row in truth:
        families[row.source_id].add(row.derived_id)
    assert max(len(members) for members in families.values()) >= 5
