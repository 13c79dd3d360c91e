"""Score the families and pair relations of one or more Helsinki scans against the gold.

Usage:
    retold scan ../shared/data/helsinki-summit/helsinki_articles.csv -o RESULTS \\
        --text-field text --outlet-field publisher --date-field scrape_time \\
        --paragraph-separator " ### "
    python bench/score_families.py RESULTS [RESULTS ...] [--gold bench/gold/helsinki]

Several results folders (say, before and after a change to the family model) are printed side
by side, scored on the same gold in the same run: on all stories, then on the held-out half
(``Gold.held_out``) that tuning must not look at.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from retold.evaluate.accuracy_families import (
    FamilyScores,
    load_gold,
    read_scan,
    score_families,
    score_siblings,
)

GOLD = Path(__file__).resolve().parent / "gold" / "helsinki"


def rows(scores: FamilyScores) -> dict[str, str]:
    table = {}
    for relation in scores.relations:
        table[f"{relation.relation} precision"] = (
            f"{relation.precision:.3f} ({relation.correct}/{relation.predicted})"
        )
        table[f"{relation.relation} recall"] = (
            f"{relation.recall:.3f} ({relation.correct}/{relation.gold})"
        )
        if relation.relation == "retelling":
            for run in scores.by_run:
                table[f"  sharing a run of {run.words}+ words"] = (
                    f"{run.recall:.3f} ({run.found}/{run.gold})"
                )
    table["B-cubed precision"] = f"{scores.bcubed_precision:.3f}"
    table["B-cubed recall"] = f"{scores.bcubed_recall:.3f}"
    table["B-cubed F1"] = f"{scores.bcubed_f1:.3f}"
    table["adjusted Rand index"] = f"{scores.adjusted_rand:.3f}"
    table[f"split stories (of the {scores.largest} largest)"] = str(len(scores.split_largest))
    table[f"split stories (of all {scores.stories})"] = str(len(scores.split_stories))
    table["families mixing gold stories"] = str(len(scores.mixed_families))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path, nargs="+")
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--details", action="store_true", help="List split and mixed stories.")
    args = parser.parse_args()
    gold = load_gold(args.gold)
    scans = [read_scan(results) for results in args.results]
    scored = [score_families(gold, *scan) for scan in scans]
    held_out = [score_families(gold.held_out(), *scan) for scan in scans]
    for title, table_scores in (("all stories", scored), ("held-out half", held_out)):
        tables = [rows(scores) for scores in table_scores]
        width = max(len(name) for name in tables[0])
        print(f"{title:<{width}}  " + "  ".join(f"{r!s:>24}" for r in args.results))
        for name in tables[0]:
            print(f"{name:<{width}}  " + "  ".join(f"{t[name]:>24}" for t in tables))
        print()
    print("copies crediting one wire (gold): siblings / drawn as copied from each other")
    for results in args.results:
        found = score_siblings(args.gold, results)
        kept = score_siblings(args.gold, results, held_out=True)
        print(
            f"  {results}: {found.siblings}/{found.pairs} siblings, {found.directed} directed;"
            f" held-out half {kept.siblings}/{kept.pairs}, {kept.directed} directed"
        )
    if args.details:
        for results, scores in zip(args.results, scored, strict=True):
            print(f"{results}: split {', '.join(scores.split_largest) or '-'}")
            for stories in scores.mixed_families:
                print(f"  mixed: {' + '.join(stories)}")


if __name__ == "__main__":
    main()
