"""Time ``retold scan`` end to end on the Helsinki corpus, this checkout and others in one run.

Usage:
    python bench/helsinki_scan.py [--runs 3] [--workers 2] [--other SRC ...]

Each run scans ``../shared/data/helsinki-summit/helsinki_articles.csv`` (612 real articles, 8.9
candidate pairs per article: the density of real news) into a fresh temporary folder, as a
subprocess: interpreter start, ingest and the results folder are part of the wall time. The
trees (this checkout's ``src`` first, then each ``--other`` source folder, say a worktree of an
earlier commit, given as ``PYTHONPATH``) take turns run by run, so a machine that slows down
part way through slows all of them alike. Printed per tree: the median wall time, the median
seconds of each stage (the scan's ``manifest.json``), and the candidate pairs aligned per
second of one core (align seconds times workers).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "data" / "helsinki-summit" / "helsinki_articles.csv"
SCAN_OPTIONS = [
    *"--text-field text --outlet-field publisher --date-field scrape_time".split(),
    "--paragraph-separator",
    " ### ",
]


def scan_once(source: Path, workers: int) -> tuple[float, dict[str, float], int]:
    """Wall seconds, stage seconds and candidate pairs of one scan with the code in ``source``."""
    with tempfile.TemporaryDirectory() as folder:
        results = Path(folder) / "results"
        command = [sys.executable, "-c", "from retold.cli import main; main()", "scan"]
        command += [str(CORPUS), "-o", str(results), "--workers", str(workers), *SCAN_OPTIONS]
        environment = {**os.environ, "PYTHONPATH": str(source)}
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=environment)
        wall = time.perf_counter() - start
        manifest = json.loads((results / "manifest.json").read_text(encoding="utf-8"))
    return wall, manifest["timings"], manifest["counts"]["candidates"]["candidate_pairs"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--other", type=Path, nargs="*", default=[], help="Other src folders.")
    args = parser.parse_args()
    trees = [HERE.parent / "src", *(path.resolve() for path in args.other)]
    runs: dict[Path, list[tuple[float, dict[str, float], int]]] = {tree: [] for tree in trees}
    for _ in range(args.runs):
        for tree in trees:
            runs[tree].append(scan_once(tree, args.workers))
    for tree, measured in runs.items():
        wall = statistics.median(run[0] for run in measured)
        stages = {
            stage: statistics.median(run[1][stage] for run in measured) for stage in measured[0][1]
        }
        pairs = measured[0][2]
        per_core = pairs / (stages["align"] * args.workers)
        print(f"{tree}: {wall:.1f} s end to end (median of {args.runs})")
        print("  " + ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in stages.items()))
        print(f"  {pairs} candidate pairs, {per_core:.0f} aligned per second per core")


if __name__ == "__main__":
    main()
