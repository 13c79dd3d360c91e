"""Write a synthetic corpus with planted reuse and print how long it took.

Example:
    python bench/make_corpus.py --articles 100000 --seed 1 --out /tmp/corpus-100k --workers 2
    python bench/make_corpus.py --shape news --articles 10000 --out /tmp/news-10k --workers 2

``--shape default`` is ``retold.evaluate.synthetic_corpus``'s sparse planted reuse (about 0.15
pairs per article); ``--shape news`` is ``retold.evaluate.synthetic_news``: wire stories printed
by up to 300 outlets, updates, roundups, shared quotes and page chrome (about 9 pairs per
article, as a scan of the Helsinki articles finds). The corpus (``articles.jsonl``,
``truth.jsonl``, ``truth_manifest.json``) is the same bytes for any ``--workers``; it takes about
4 KB per article on disk.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from retold.evaluate.synthetic import CorpusConfig, SentenceBank, load_sentences, write_corpus
from retold.evaluate.synthetic_news import NEWS_RELATIONS, NewsConfig, write_news_corpus

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--shape", choices=("default", "news"), default="default")
    parser.add_argument(
        "--reuse-rate", type=float, default=0.1, help="share of derived articles (default shape)"
    )
    parser.add_argument("--workers", type=int, default=1, help="generating processes")
    parser.add_argument("--chunk-size", type=int, default=CorpusConfig().chunk_size)
    parser.add_argument("--shared-data", type=Path, default=SHARED_DATA)
    arguments = parser.parse_args(argv)
    if arguments.articles < 0 or arguments.workers < 1 or arguments.chunk_size < 1:
        parser.error("--articles must be >= 0, --workers and --chunk-size >= 1")
    if not 0 <= arguments.reuse_rate < 1:
        parser.error("--reuse-rate must be in [0, 1)")
    return arguments


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    started = time.perf_counter()
    bank = SentenceBank.of(load_sentences(arguments.shared_data))
    loaded = time.perf_counter() - started
    print(f"sentences: {len(bank):,} ({len(bank.vocabulary):,} vocabulary words) in {loaded:.2f} s")
    if arguments.shape == "news":
        text = NewsConfig().text
        summary = write_news_corpus(
            arguments.out,
            bank,
            n_articles=arguments.articles,
            seed=arguments.seed,
            config=NewsConfig(text=replace(text, chunk_size=arguments.chunk_size)),
            workers=arguments.workers,
        )
    else:
        summary = write_corpus(
            arguments.out,
            bank,
            n_articles=arguments.articles,
            seed=arguments.seed,
            reuse_rate=arguments.reuse_rate,
            config=CorpusConfig(chunk_size=arguments.chunk_size),
            workers=arguments.workers,
        )
    size = sum(path.stat().st_size for path in arguments.out.iterdir() if path.is_file())
    print(
        f"articles: {summary.articles:,} in {summary.seconds:.1f} s"
        f" ({summary.articles_per_second:,.0f} articles/s, {arguments.workers} worker(s))"
    )
    print(f"derived articles: {summary.derived_articles:,}; truth rows: {summary.truth_rows:,}")
    for kind, rows in summary.rows_by_type.items():
        print(f"  {kind:>16}: {rows:,} rows")
    if arguments.shape == "news":
        _print_news(arguments.out)
    print(f"written: {size / 1e6:,.1f} MB in {arguments.out}")
    return 0


def _print_news(out: Path) -> None:
    """The news shape's own tallies, from the manifest: relations, kinds, the largest stories."""
    counts = json.loads((out / "truth_manifest.json").read_text(encoding="utf-8"))["counts"]
    for relation in NEWS_RELATIONS:
        print(f"  {relation:>16}: {counts['truth_rows_by_relation'][relation]:,} rows")
    kinds = ", ".join(f"{kind} {n:,}" for kind, n in counts["articles_by_kind"].items())
    print(f"articles by kind: {kinds}")
    sizes = sorted(
        (int(size) for size, n in counts["stories_by_size"].items() for _ in range(n)),
        reverse=True,
    )
    once = sum(size == 1 for size in sizes)
    print(f"stories: {len(sizes):,} ({once:,} printed once); largest: {sizes[:10]}")


if __name__ == "__main__":
    sys.exit(main())
