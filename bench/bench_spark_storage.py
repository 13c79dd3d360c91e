"""What results on a Hadoop file system cost the Spark engine: the shipped texts against the store.

On the tests' 5,000-article synthetic corpus (``write_corpus``, seed 11, as
``tests/scan/test_spark_engine.py`` makes it; cached in ``bench/out/storage-corpus-N``), one
Spark session (``--master``, default ``local[2]``) scans three ways, ``--rounds`` times each,
interleaved (after a warm-up scan that is not counted):

- ``local``: inputs and results are paths: alignment reads the memory-mapped text store;
- ``hadoop-results``: results on ``viewfs://`` (Hadoop's ViewFileSystem over a local folder,
  which Python cannot open): the driver's files are staged and uploaded, and each batch of
  pairs is shipped its documents' texts (a cogroup) instead of reading the store;
- ``hadoop-both``: inputs too, read through Spark's ``binaryFile`` source.

Every results folder is deleted first (nothing resumed). Per-stage seconds are the manifests'
``timings``; every result table must equal the local engine's (the URI standing for the path).
The texts shipped to the alignment tasks are counted from ``.work/spark/align_batches`` (each
distinct batch and document once), against the texts of the documents in pairs and against
joining both texts to every pair; ``--estimate RESULTS`` computes the same for the candidates of
any earlier Spark scan (the 100,000-article one of ``bench_spark.py``). The viewfs mounts are on
this machine's disk: network I/O to a real HDFS or S3 is not measured.

Usage:
    python bench/bench_spark_storage.py [--articles 5000] [--rounds 2] [--master local[2]]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import time
from datetime import datetime
from pathlib import Path

import pyarrow.parquet as pq
from bench_scan import OUT

from retold import scan
from retold.engines.spark.engine import PAIRS_PER_TASK
from retold.engines.spark.session import SparkOptions, spark_session
from retold.engines.stages import ScanConfig
from retold.evaluate.synthetic import load_sentences, write_corpus

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
TABLES = ("documents", "rejected", "pairs", "passages", "families")
WAYS = ("local", "hadoop-results", "hadoop-both")


def _corpus(articles: int) -> Path:
    folder = OUT / f"storage-corpus-{articles}"
    if not (folder / "articles.jsonl").exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_corpus(folder, load_sentences(SHARED), n_articles=articles, seed=11)
    return folder


def _same(local: Path, other: Path, corpus_uri: str, corpus: Path) -> bool:
    for name in TABLES:
        expected = pq.read_table(local / f"{name}.parquet")
        found = pq.read_table(other / f"{name}.parquet").to_pylist()
        renamed = [
            {k: v.replace(corpus_uri, str(corpus), 1) if isinstance(v, str) else v
             for k, v in row.items()}
            for row in found
        ]  # fmt: skip
        if renamed != expected.to_pylist():
            return False
    return True


def _volumes(batches: list[tuple[int, int, int]], chars: list[int]) -> dict[str, int]:
    """Characters of text behind ``(batch, a_doc, b_doc)`` pairs: each text once (what any
    alignment reads), once per batch that needs it (shipped here), once per pair side (what
    joining both texts to every pair would ship)."""
    docs = {doc for _, a, b in batches for doc in (a, b)}
    shipped = {(batch, doc) for batch, a, b in batches for doc in (a, b)}
    return {
        "corpus": sum(chars),
        "in_pairs": sum(chars[doc] for doc in docs),
        "shipped": sum(chars[doc] for _, doc in shipped),
        "per_pair": sum(chars[a] + chars[b] for _, a, b in batches),
    }


def _shipped(results: Path) -> dict[str, int]:
    """``_volumes`` of a scan with results on a Hadoop file system (its batches as aligned)."""
    table = pq.read_table(results / ".work" / "spark" / "align_batches")
    columns = (table.column(name).to_pylist() for name in ("batch", "a_doc", "b_doc"))
    batches = list(zip(*columns, strict=True))
    chars = pq.read_table(results / ".work" / "documents.parquet", columns=["chars"])
    return _volumes(batches, chars.column("chars").to_pylist())


def _estimated(results: Path, cores: int) -> dict[str, int]:
    """``_volumes`` for any Spark scan's candidates, batched as the engine batches them (about
    ``PAIRS_PER_TASK`` pairs, at least 4 batches per core) but in equal contiguous ranges of
    ``(a_doc, b_doc)`` order: Spark's range partitioning draws its bounds from a sample."""
    table = pq.read_table(results / ".work" / "spark" / "candidates", columns=["a_doc", "b_doc"])
    pairs = sorted(zip(table.column(0).to_pylist(), table.column(1).to_pylist(), strict=True))
    parts = max(cores * 4, len(pairs) // PAIRS_PER_TASK)
    size = -(-len(pairs) // parts)
    batches = [(n // size, a, b) for n, (a, b) in enumerate(pairs)]
    chars = pq.read_table(results / ".work" / "spark" / "documents", columns=["doc", "chars"])
    by_doc = dict(zip(chars.column(0).to_pylist(), chars.column(1).to_pylist(), strict=True))
    return _volumes(batches, [by_doc[doc] for doc in range(len(by_doc))])


def _ratios(volumes: dict[str, int]) -> str:
    base = volumes["in_pairs"]
    return (
        f"{volumes['shipped']:,} characters shipped, {volumes['shipped'] / base:.2f}× the texts"
        f" of the documents in pairs ({base:,}; the corpus: {volumes['corpus']:,}); joining"
        f" both texts to every pair would ship {volumes['per_pair'] / base:.2f}×"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument(
        "--estimate",
        type=Path,
        help="only estimate the texts shipped for an existing Spark results folder (e.g."
        " bench_spark.py's 100,000-article one), batched as the engine would",
    )
    args = parser.parse_args()
    if args.estimate:
        print(_ratios(_estimated(args.estimate, cores=2)))
        return
    corpus = _corpus(args.articles)
    options = SparkOptions(master=args.master, conf=(("spark.sql.shuffle.partitions", "8"),))
    spark = spark_session(options)
    conf = spark._jsc.hadoopConfiguration()
    work = OUT / "storage-runs"
    shutil.rmtree(work, ignore_errors=True)
    (work / "remote").mkdir(parents=True)
    conf.set("fs.viewfs.mounttable.bench.link./corpus", corpus.as_uri())
    conf.set("fs.viewfs.mounttable.bench.link./remote", (work / "remote").as_uri())
    corpus_uri = "viewfs://bench/corpus"
    inputs = {
        "local": str(corpus / "articles.jsonl"),
        "hadoop-results": str(corpus / "articles.jsonl"),
        "hadoop-both": f"{corpus_uri}/articles.jsonl",
    }
    config = ScanConfig(workers=2)
    timings: dict[str, list[dict[str, float]]] = {way: [] for way in WAYS}
    walls: dict[str, list[float]] = {way: [] for way in WAYS}
    loads = []
    scan([inputs["local"]], work / "warm-up", config=config, engine="spark", spark=options)
    for round_ in range(args.rounds):
        for way in WAYS:
            local_folder = work / f"{way}-{round_}"
            remote_folder = work / "remote" / f"{way}-{round_}"
            shutil.rmtree(local_folder, ignore_errors=True)
            results = (
                str(local_folder) if way == "local" else f"viewfs://bench/remote/{way}-{round_}"
            )
            loads.append(Path("/proc/loadavg").read_text().split()[0])
            started = time.perf_counter()
            found = scan([inputs[way]], results, config=config, engine="spark", spark=options)
            walls[way].append(time.perf_counter() - started)
            timings[way].append(found.manifest["timings"])
            if way != "local":
                assert _same(work / "local-0", remote_folder, corpus_uri, corpus), way
    volumes = _shipped(work / "remote" / "hadoop-results-0")
    stages = list(timings["local"][0])
    lines = [
        f"# Spark {args.master}: results on a Hadoop file system, {args.articles:,} articles"
        f" (tests' corpus), median of {args.rounds}, {datetime.now():%Y-%m-%d %H:%M}",
        "",
        "| stage | " + " | ".join(WAYS) + " |",
        "|---|" + "---|" * len(WAYS),
        *(
            f"| {stage} | "
            + " | ".join(f"{statistics.median(t[stage] for t in timings[w]):.1f}" for w in WAYS)
            + " |"
            for stage in stages
        ),
        "| scan (wall, publish included) | "
        + " | ".join(f"{statistics.median(walls[w]):.1f}" for w in WAYS)
        + " |",
        "",
        "Same tables as the local-path scan: yes (all rounds). Texts to alignment:"
        f" {_ratios(volumes)}. Load average at each scan's start: {', '.join(loads)}"
        " (2 cores).",
    ]
    report = "\n".join(lines) + "\n"
    print(report)
    (OUT / f"bench_spark_storage-{datetime.now():%Y%m%d-%H%M%S}.md").write_text(report)
    (OUT / f"bench_spark_storage-result-{args.articles}.json").write_text(
        json.dumps({"timings": timings, "walls": walls, "texts": volumes}) + "\n"
    )


if __name__ == "__main__":
    main()
