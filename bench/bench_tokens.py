"""Time ``retold.tokens.tokenize`` against the regex tokenizer it replaced, in the same run.

Two texts: the seed article (examples/, ~7,000 characters) and 60,000 characters of real
Helsinki-summit articles (../shared/data). "old" is the former implementation, kept here
verbatim: one ``re.split`` with the oracle regex, one ``fold`` of all tokens, an xxhash per
token. It built every string at once; the new ``tokenize`` builds ``raw``, ``gaps`` and
``folded`` on first use, so it is timed both without them ("keys") and with ``raw`` and
``gaps`` read ("+strings", what ``compare`` uses).

Figures are medians of many runs; the ratio is the point (the machine is shared and noisy).

Usage: python bench/bench_tokens.py [--runs 201]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from pathlib import Path

import numpy as np
import xxhash
from timing import median_ms

from retold.tokens import fold, tokenize

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "examples" / "jpost-2019-06-24-iran-iraq-exercises.txt"
HELSINKI = REPO.parent / "shared" / "data" / "helsinki-summit" / "helsinki_articles.csv"
LONG_TEXT = 60_000

_ORACLE = re.compile(r"((?:[^\W\d_]\.){2,}|\d+(?:[.,:]\d+)+|\w+(?:['’ʼ]\w+)*)")


def old_tokenize(text: str) -> tuple[object, ...]:
    """The former ``tokenize``: regex split, whole-string fold, xxhash per token."""
    parts = _ORACLE.split(text)
    raw = parts[1::2]
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    ends_all = np.cumsum(lengths)
    starts, ends = (ends_all - lengths)[1::2], ends_all[1::2]
    folded_text = fold("\x00".join(raw))
    folded = folded_text.split("\x00") if raw else []
    encoded = folded_text.encode("utf-8", "surrogatepass").split(b"\x00") if raw else []
    keys = np.fromiter(map(xxhash.xxh3_64_intdigest, encoded), dtype=np.uint64, count=len(raw))
    return text, raw, folded, keys, starts, ends, parts[0::2]


def helsinki_text(size: int = LONG_TEXT) -> str:
    csv.field_size_limit(sys.maxsize)
    with HELSINKI.open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    return "\n\n".join(texts)[:size]


def bench(name: str, text: str, runs: int) -> None:
    old_ms = median_ms(lambda: old_tokenize(text), runs)
    new_ms = median_ms(lambda: tokenize(text), runs)
    strings_ms = median_ms(lambda: (lambda t: (t.raw, t.gaps))(tokenize(text)), runs)
    words = len(tokenize(text))
    print(
        f"{name:<22} {len(text):>7,} chars {words:>6,} words   old {old_ms:6.3f} ms   "
        f"new: keys {new_ms:6.3f} ms ({old_ms / new_ms:4.1f}x)   "
        f"+strings {strings_ms:6.3f} ms ({old_ms / strings_ms:4.1f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=201, help="timed runs per measurement")
    args = parser.parse_args()
    start = time.perf_counter()
    tokenize("x" * 2000)
    print(f"character tables built on first use in {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"medians of {args.runs} runs; old/new ratios in parentheses")
    bench("seed article", SEED.read_text(encoding="utf-8"), args.runs)
    if not HELSINKI.exists():
        print(f"skipped the 60,000-character text: {HELSINKI} not found")
        return
    bench("Helsinki articles", helsinki_text(), args.runs)


if __name__ == "__main__":
    main()
