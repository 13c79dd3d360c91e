"""Benchmark ``retold scan --engine spark`` (local mode) against the local engine, in one run.

On one synthetic corpus (``bench_scan.corpus``: cached in ``bench/out/corpus-N-seedS[-shape]``):

- local: ``retold scan articles.jsonl -o bench/out/spark-bench-local-N --workers 2``;
- Spark: ``retold scan articles.jsonl -o bench/out/spark-bench-spark-N --engine spark
  --master local[2]`` (a new JVM: Spark's start-up is included in its wall time).

Both are subprocesses measured by ``bench_scan.measure`` (wall time; peak RSS and PSS of the
whole process tree, the JVM and Python workers included; CPU seconds of the tree). Results
folders are deleted first, so nothing is resumed. Then every result file is compared (Arrow
equality, column by column), and the figures a cluster estimate needs are taken from the
Spark run: fingerprints and candidate pairs per document, the Parquet size of each stage table
(an upper bound of what the stage shuffles, compressed), and per-stage seconds.

Output: Markdown printed and written to ``bench/out/bench_spark-<timestamp>.md``, figures to
``bench/out/bench_spark-result-N-<tag>.json``.

Usage:
    python bench/bench_spark.py [--articles 100000] [--shape news] [--seed 1] [--master local[2]]
"""

from __future__ import annotations

import argparse
import json
import shutil
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from bench_scan import OUT, _retold_executable, corpus, measure, tag

RESULT_FILES = (
    "documents.parquet",
    "rejected.parquet",
    "pairs.parquet",
    "passages.parquet",
    "families.parquet",
)


def _scan(folder: Path, results: Path, extra: list[str]) -> dict[str, Any]:
    shutil.rmtree(results, ignore_errors=True)
    log = results.with_suffix(".log")
    command = [
        *_retold_executable(), "scan", str(folder / "articles.jsonl"), "-o", str(results),
        "--workers", "2", *extra,
    ]  # fmt: skip
    print(f"run: {' '.join(command)}  (log: {log})", flush=True)
    measured = measure(command, log)
    if measured.returncode != 0:
        raise SystemExit(f"scan failed ({measured.returncode}):\n{log.read_text()[-3000:]}")
    manifest = json.loads((results / "manifest.json").read_text(encoding="utf-8"))
    print(f"run: {measured.wall:.1f} s", flush=True)
    return {
        "measurement": asdict(measured),
        "timings": manifest["timings"],
        "counts": manifest["counts"],
    }


def _differences(local: Path, spark: Path) -> list[str]:
    found = []
    for name in RESULT_FILES:
        expected, got = pq.read_table(local / name), pq.read_table(spark / name)
        differing = [c for c in expected.column_names if not expected[c].equals(got[c])]
        if expected.schema != got.schema or differing:
            found.append(f"{name}: {differing or 'schema'}")
    return found


def _stage_tables(spark: Path) -> dict[str, dict[str, int]]:
    tables = {}
    for folder in sorted((spark / ".work" / "spark").iterdir()):
        parts = list(folder.glob("*.parquet"))
        tables[folder.name] = {
            "rows": sum(pq.ParquetFile(part).metadata.num_rows for part in parts),
            "bytes": sum(part.stat().st_size for part in parts),
        }
    return tables


def _gb(value: float) -> str:
    return f"{value / 1e9:.2f} GB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--shape", default="news")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    folder = corpus(args.articles, args.seed, 2, args.shape)
    label = f"{args.articles}-{tag(args.seed, args.shape)}"
    local_results = OUT / f"spark-bench-local-{label}"
    spark_results = OUT / f"spark-bench-spark-{label}"
    local = _scan(folder, local_results, [])
    spark = _scan(folder, spark_results, ["--engine", "spark", "--master", args.master])
    differences = _differences(local_results, spark_results)
    tables = _stage_tables(spark_results)
    counts = spark["counts"]
    documents = counts["ingest"]["processed"]
    result = {
        "articles": args.articles,
        "shape": args.shape,
        "master": args.master,
        "local": local,
        "spark": spark,
        "same_results": not differences,
        "differences": differences,
        "stage_tables": tables,
        "per_document": {
            "fingerprints": counts["fingerprints"]["fingerprints"] / documents,
            "candidate_pairs": counts["candidates"]["candidate_pairs"] / documents,
            "pairs": counts["align"]["pairs"] / documents,
        },
    }
    (OUT / f"bench_spark-result-{label}.json").write_text(json.dumps(result, indent=2) + "\n")
    lm, sm = local["measurement"], spark["measurement"]
    lines = [
        f"# retold scan: Spark {args.master} vs the local engine, {args.articles:,} articles"
        f" ({args.shape} shape, seed {args.seed}), {datetime.now():%Y-%m-%d %H:%M}",
        "",
        "| engine | wall s | CPU s (tree) | peak RSS (tree) | peak PSS (tree) |",
        "|---|---|---|---|---|",
        f"| local (2 workers) | {lm['wall']:.1f} | {lm['cpu_tree']:.0f} |"
        f" {_gb(lm['peak_tree_rss'])} | {_gb(lm['peak_tree_pss'])} |",
        f"| Spark {args.master} | {sm['wall']:.1f} | {sm['cpu_tree']:.0f} |"
        f" {_gb(sm['peak_tree_rss'])} | {_gb(sm['peak_tree_pss'])} |",
        "",
        f"Spark / local wall time: **{sm['wall'] / lm['wall']:.2f}×** (goal ≤ 2×);"
        f" same results: **{'yes' if not differences else 'NO: ' + '; '.join(differences)}**"
        f" ({', '.join(RESULT_FILES)}, Arrow equality column by column).",
        "",
        "| stage | local s | Spark s |",
        "|---|---|---|",
        *(
            f"| {stage} | {local['timings'].get(stage, 0):.1f} | {seconds:.1f} |"
            for stage, seconds in spark["timings"].items()
        ),
        "",
        "Spark stage tables (Parquet, zstd/snappy as Spark writes them):",
        "",
        "| table | rows | bytes |",
        "|---|---|---|",
        *(f"| {name} | {t['rows']:,} | {t['bytes'] / 1e6:.1f} MB |" for name, t in tables.items()),
        "",
        "Per document: " + ", ".join(f"{k} {v:.2f}" for k, v in result["per_document"].items()),
        f"; load before/after: local {lm['load_before']} / {lm['load_after']},"
        f" Spark {sm['load_before']} / {sm['load_after']}.",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    (OUT / f"bench_spark-{datetime.now():%Y%m%d-%H%M%S}.md").write_text(report)


if __name__ == "__main__":
    main()
