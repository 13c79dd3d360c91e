"""Write a synthetic corpus with planted reuse and print how long it took.

Example:
    python bench/make_corpus.py --articles 100000 --seed 1 --out /tmp/corpus-100k --workers 2

The corpus (``articles.jsonl``, ``truth.jsonl``, ``truth_manifest.json``) is the same bytes for
any ``--workers``; it takes about 4 KB per article on disk.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from retold.evaluate.synthetic import CorpusConfig, SentenceBank, load_sentences, write_corpus

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--reuse-rate", type=float, default=0.1, help="share of derived articles")
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
    print(f"written: {size / 1e6:,.1f} MB in {arguments.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
