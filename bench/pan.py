"""Score retold's passages on the PAN 2013 text-alignment training corpus, per folder.

Usage:
    python bench/pan.py [--data ../shared/data] [--limit N] [--workers 2] [--exact-only]

Prints PAN plagdet, macro precision and recall and granularity per folder and overall, for the
pairs used in tuning and, apart, for the held-out fifth (see ``retold.evaluate.pan_corpus``):
first with exact passages only (retold before rewritten passages), then with rewritten
passages but every short exact passage reported (before lone phrases), then as ``retold compare``
reports them, in one run.
"""

from __future__ import annotations

import argparse
import functools
import time
from pathlib import Path

from retold.config import AlignConfig, CompareConfig
from retold.evaluate.accuracy_pan import EXACT_ONLY
from retold.evaluate.pan_corpus import FOLDERS, PanRun, retold_detections, run_pan

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, default=None, help="First N pairs of each folder.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--exact-only", action="store_true", help="Skip the run with rewriting.")
    args = parser.parse_args()
    configs = {"exact passages only, lone phrases reported": EXACT_ONLY}
    if not args.exact_only:
        without_phrases = CompareConfig(align=AlignConfig(phrase_words=0), story=False)
        configs["with rewritten passages, lone phrases reported (before 2026-12-06)"] = (
            without_phrases
        )
        configs["as retold compare reports"] = CompareConfig(story=False)
    for title, config in configs.items():
        start = time.perf_counter()
        detector = functools.partial(retold_detections, config=config)
        run = run_pan(args.data, detector=detector, workers=args.workers, limit=args.limit)
        seconds = time.perf_counter() - start
        print(f"\n{title}: {run.pairs} pairs in {seconds:.0f} s; unread: {len(run.unread)}")
        for error in run.unread:
            print(f"  {error}")
        _table(run)


def _table(run: PanRun) -> None:
    columns = ("plagdet", "prec", "rec", "gran", "cases", "dets")
    print(f"{'folder':<28} {'part':<9} " + " ".join(f"{name:>7}" for name in columns))
    for folder in (*FOLDERS, "overall"):
        for part, table in (("tuning", run.tuning), ("held-out", run.held_out)):
            s = table[folder]
            print(
                f"{folder:<28} {part:<9} {s.plagdet:7.3f} {s.macro_precision:7.3f}"
                f" {s.macro_recall:7.3f} {s.granularity:7.3f} {s.cases:7d} {s.detections:7d}"
            )


if __name__ == "__main__":
    main()
