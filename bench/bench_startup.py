"""Time retold's start-up as whole processes, against ``python -c pass`` in the same run.

People run ``retold compare`` in shell loops over thousands of pairs, so what counts is the
wall time of the whole process: interpreter start, imports, the work, exit. Each command runs
``--runs`` times after one warm-up run, interleaved (one run of each command per round) so
that a noisy neighbour slows all of them alike; the figures are medians.

Commands, for each retold installation given with ``--venv`` (default: the one running this):
``python -c pass`` (the floor), ``python -c "import retold"``, ``retold --help``, and
``retold compare`` of the seed pair with its terminal report.

Usage: python bench/bench_startup.py [--runs 21] [--venv .venv --venv /tmp/old-venv]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = (
    REPO / "examples" / "jpost-2019-06-24-iran-iraq-exercises.txt",
    REPO / "examples" / "kayhan-2019-06-24-iran-iraq-exercises.txt",
)
GOALS_MS = {"retold --help": 250.0, "retold compare (seed pair)": 400.0}


def commands(venv: Path) -> dict[str, list[str]]:
    python, retold = str(venv / "bin" / "python"), str(venv / "bin" / "retold")
    return {
        "python -c pass": [python, "-c", "pass"],
        "import retold": [python, "-c", "import retold"],
        "retold --help": [retold, "--help"],
        "retold compare (seed pair)": [retold, "compare", *map(str, SEEDS)],
    }


def run_once(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(table: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Median milliseconds per command; rounds interleave the commands."""
    for argv in table.values():
        run_once(argv)  # warm the page cache
    timings: dict[str, list[float]] = {name: [] for name in table}
    for _ in range(runs):
        for name, argv in table.items():
            timings[name].append(run_once(argv))
    return {name: statistics.median(values) * 1000 for name, values in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument(
        "--venv",
        type=Path,
        action="append",
        help="a virtual environment with retold installed (repeatable)",
    )
    args = parser.parse_args()
    venvs = args.venv or [Path(sys.prefix)]
    for venv in venvs:
        version = subprocess.run(
            [str(venv / "bin" / "retold"), "--version"], capture_output=True, text=True
        ).stdout.strip()
        medians = measure(commands(venv), args.runs)
        floor = medians["python -c pass"]
        print(f"\n{venv} ({version}), medians of {args.runs} runs")
        print(f"{'command':<30} {'ms':>8} {'minus python':>13}  goal")
        for name, ms in medians.items():
            goal = GOALS_MS.get(name)
            verdict = "" if goal is None else f"< {goal:.0f} ms: {'yes' if ms < goal else 'NO'}"
            print(f"{name:<30} {ms:8.1f} {ms - floor:13.1f}  {verdict}")


if __name__ == "__main__":
    main()
