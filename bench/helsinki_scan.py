"""Time ``retold scan`` end to end on the Helsinki corpus, this checkout and others in one run.

Usage:
    python bench/helsinki_scan.py [--runs 3] [--workers 2] [--other SRC ...] [--corpus FILE]

Each run scans ``../shared/data/helsinki-summit/helsinki_articles.csv`` (612 real articles, 8.9
candidate pairs per article: the density of real news) into a fresh temporary folder, as a
subprocess: interpreter start, ingest and the results folder are part of the wall time. The
trees (this checkout's ``src`` first, then each ``--other`` source folder, say a worktree of an
earlier commit, given as ``PYTHONPATH``) take turns run by run, so a machine that slows down
part way through slows all of them alike. Printed per tree: the median wall time, the median
seconds of each stage (the scan's ``manifest.json``), the candidate pairs aligned per second of
one core (align seconds times workers), and the peak summed RSS and PSS of the scan's process
tree (sampled from ``/proc`` by ``bench_scan.measure``).

``--corpus`` times another corpus the same way, read with the scan's default fields (say the
first 20,000 lines of a ``bench/make_corpus.py --shape news`` corpus, whose per-text work the
Helsinki texts, few and short, hardly show).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench_scan import measure

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "data" / "helsinki-summit" / "helsinki_articles.csv"
SCAN_OPTIONS = [
    *"--text-field text --outlet-field publisher --date-field scrape_time".split(),
    "--paragraph-separator",
    " ### ",
]


@dataclass(frozen=True)
class Run:
    wall: float
    stages: dict[str, float]
    pairs: int
    peak_rss: int
    """Bytes: the largest sum of RSS over the scan's process tree (``bench_scan.measure``)."""
    peak_pss: int


def scan_once(
    source: Path, workers: int, corpus: Path = CORPUS, options: list[str] = SCAN_OPTIONS
) -> Run:
    """One scan with the code in ``source``, its process tree sampled every 0.2 s."""
    with tempfile.TemporaryDirectory() as folder:
        results = Path(folder) / "results"
        command = ["env", f"PYTHONPATH={source}", sys.executable, "-c"]
        command += ["from retold.cli import main; main()", "scan", str(corpus), "-o", str(results)]
        command += ["--workers", str(workers), *options]
        log = Path(folder) / "scan.log"
        measured = measure(command, log)
        if measured.returncode != 0:
            raise SystemExit(f"scan with {source} failed:\n{log.read_text(errors='replace')}")
        manifest = json.loads((results / "manifest.json").read_text(encoding="utf-8"))
    return Run(
        measured.wall,
        manifest["timings"],
        manifest["counts"]["candidates"]["candidate_pairs"],
        measured.peak_tree_rss,
        measured.peak_tree_pss,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--other", type=Path, nargs="*", default=[], help="Other src folders.")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="Default: Helsinki.")
    args = parser.parse_args()
    trees = [HERE.parent / "src", *(path.resolve() for path in args.other)]
    helsinki = args.corpus == CORPUS
    corpus, options = (CORPUS, SCAN_OPTIONS) if helsinki else (args.corpus.resolve(), [])
    runs: dict[Path, list[Run]] = {tree: [] for tree in trees}
    for _ in range(args.runs):
        for tree in trees:
            runs[tree].append(scan_once(tree, args.workers, corpus, options))
    for tree, measured in runs.items():
        wall = statistics.median(run.wall for run in measured)
        stages = {
            stage: statistics.median(run.stages[stage] for run in measured)
            for stage in measured[0].stages
        }
        pairs = measured[0].pairs
        per_core = pairs / (stages["align"] * args.workers)
        rss = statistics.median(run.peak_rss for run in measured) / 2**20
        pss = statistics.median(run.peak_pss for run in measured) / 2**20
        print(f"{tree}: {wall:.1f} s end to end (median of {args.runs})")
        print("  " + ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in stages.items()))
        print(f"  {pairs} candidate pairs, {per_core:.0f} aligned per second per core")
        print(f"  peak memory of the process tree: RSS {rss:.0f} MiB summed, PSS {pss:.0f} MiB")


if __name__ == "__main__":
    main()
