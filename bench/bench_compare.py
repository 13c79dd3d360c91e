"""Time ``retold.compare`` against ``difflib.SequenceMatcher`` in the same run.

Two pairs:

- the seed pair (examples/), end to end: read both files, align, explain;
- a pair of ~10,000-word articles built from real Helsinki-summit articles (../shared/data):
  A is a run of distinct articles, B is A retold: paragraphs cut, moved, words swapped and new
  paragraphs added. retold reads both from files; difflib gets the same folded tokens, already
  split, and only computes its matching blocks (``autojunk=False``).

Figures are medians of several runs; the ratio is the point (the machine is shared and noisy).
retold is also timed without rewritten passages (``ParaphraseConfig(enabled=False)``), to show
what the sentence alignment costs on pairs that are not rewritten, and its aligner alone
(``align_keys``, its k-gram cache cleared every run) on the same tokens' keys: the work that
matches difflib's, since ``compare`` also explains every change and tells the story of the
retelling (names, figures, quotations, credit), which difflib does not.

Usage: python bench/bench_compare.py [--runs 21]
"""

from __future__ import annotations

import argparse
import csv
import difflib
import random
import sys
import tempfile
from pathlib import Path

from timing import median_ms

from retold import compare
from retold.align.passages import align_keys
from retold.align.tiles import clear_kgram_cache
from retold.config import CompareConfig, ParaphraseConfig
from retold.core import clear_document_caches
from retold.tokens import tokenize

EXACT_ONLY = CompareConfig(paraphrase=ParaphraseConfig(enabled=False))
"""retold before rewritten passages: the comparison without the sentence alignment."""

REPO = Path(__file__).resolve().parents[1]
SEEDS = (
    REPO / "examples" / "jpost-2019-06-24-iran-iraq-exercises.txt",
    REPO / "examples" / "kayhan-2019-06-24-iran-iraq-exercises.txt",
)
HELSINKI = REPO.parent / "shared" / "data" / "helsinki-summit" / "helsinki_articles.csv"


def long_pair(words: int = 10_000, seed: int = 7) -> tuple[str, str]:
    """A ~``words``-word article from distinct real articles, and a retelling of it."""
    rng = random.Random(seed)
    csv.field_size_limit(sys.maxsize)
    with HELSINKI.open(encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    seen: set[str] = set()
    paragraphs: list[str] = []
    for text in texts:
        for paragraph in text.split(" ### "):
            key = " ".join(paragraph.split()[:12])
            if len(paragraph.split()) >= 15 and key not in seen:
                seen.add(key)
                paragraphs.append(paragraph.strip())
    rng.shuffle(paragraphs)
    source: list[str] = []
    count = 0
    while count < words:
        paragraph = paragraphs.pop()
        source.append(paragraph)
        count += len(paragraph.split())
    retold: list[str] = []
    for paragraph in source:
        roll = rng.random()
        if roll < 0.1:
            continue  # cut
        if roll < 0.2:
            retold.append(paragraphs.pop())  # new reporting
        tokens = paragraph.split()
        for _ in range(rng.randint(0, 2)):  # word swaps
            tokens[rng.randrange(len(tokens))] = rng.choice(["officials", "Moscow", "2019", "said"])
        retold.append(" ".join(tokens))
    for _ in range(5):  # moved paragraphs
        retold.insert(rng.randrange(len(retold)), retold.pop(rng.randrange(len(retold))))
    return "\n\n".join(source), "\n\n".join(retold)


def bench_pair(name: str, path_a: Path, path_b: Path, runs: int) -> None:
    a_words = tokenize(path_a.read_text(encoding="utf-8"))
    b_words = tokenize(path_b.read_text(encoding="utf-8"))
    a_tokens, b_tokens = a_words.folded, b_words.folded

    def fresh(config: CompareConfig) -> object:  # nothing carried over from the previous run
        clear_document_caches()
        return compare(path_a, path_b, config=config)

    retold_ms = median_ms(lambda: fresh(CompareConfig()), runs)
    exact_ms = median_ms(lambda: fresh(EXACT_ONLY), runs)

    def aligner() -> object:
        clear_kgram_cache()
        return align_keys(a_words.keys, b_words.keys)

    aligner_ms = median_ms(aligner, runs)
    difflib_ms = median_ms(
        lambda: difflib.SequenceMatcher(
            None, a_tokens, b_tokens, autojunk=False
        ).get_matching_blocks(),
        max(3, runs // 4),
    )
    print(
        f"{name:<14} {len(a_tokens):>7,} / {len(b_tokens):>7,} words   "
        f"retold {retold_ms:8.2f} ms (exact passages only {exact_ms:8.2f} ms,"
        f" {retold_ms / exact_ms:4.2f}x)   difflib {difflib_ms:8.2f} ms   "
        f"difflib/retold {difflib_ms / retold_ms:6.1f}x   "
        f"aligner alone {aligner_ms:7.2f} ms, difflib/aligner {difflib_ms / aligner_ms:5.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="timed runs per measurement")
    args = parser.parse_args()
    print(f"medians of {args.runs} runs (difflib: {max(3, args.runs // 4)} runs)")
    bench_pair("seed pair", *SEEDS, args.runs)
    if not HELSINKI.exists():
        print(f"skipped the 10,000-word pair: {HELSINKI} not found")
        return
    with tempfile.TemporaryDirectory() as directory:
        a_text, b_text = long_pair()
        path_a, path_b = Path(directory, "long_a.txt"), Path(directory, "long_b.txt")
        path_a.write_text(a_text, encoding="utf-8")
        path_b.write_text(b_text, encoding="utf-8")
        bench_pair("10k-word pair", path_a, path_b, args.runs)


if __name__ == "__main__":
    main()
