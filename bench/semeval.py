"""Print retold's correlation with the SemEval-2022 Task 8 grades (section 7 of the report).

Usage:
    python bench/semeval.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from retold.evaluate.accuracy_semeval import score_semeval

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    rows, unreadable = score_semeval(args.data)
    print(f"unreadable pairs: {unreadable}; Pearson r with minus the Overall grade")
    print(f"{'languages':<16} {'pairs':>6} {'exact':>7} {'stretch':>8} {'max':>7}")
    for row in rows:
        print(
            f"{row.languages:<16} {row.pairs:>6} {row.exact:>7.3f} {row.stretches:>8.3f}"
            f" {row.either:>7.3f}"
        )


if __name__ == "__main__":
    main()
