"""Extraction quality: article-body F1 on the article-extraction benchmark, with its own metric.

The benchmark (scrapinghub/article-extraction-benchmark, 181 news pages with a hand-made gold
article body) defines its score in its ``evaluate.py``; this is a faithful re-implementation,
so a figure here can be set next to the published ones:

- tokens are the ``\\w+`` matches of the text, case kept;
- a page's shingles are its 4-token n-grams, counted with multiplicity; a text of fewer than
  four tokens has one shorter shingle, an empty text none;
- per page, over all shingles: ``tp = Σ min(true, predicted)``, ``fp = Σ max(0, predicted -
  true)``, ``fn = Σ max(0, true - predicted)``, then divided by ``tp + fp + fn`` (when not 0)
  so that long pages do not weigh more;
- page precision is 1 when ``fp = fn = 0``, 0 when ``tp = fp = 0``, else ``tp / (tp + fp)``;
  page recall likewise with ``fn``; precision is averaged over the pages with ``tp + fp > 0``
  (pages with an empty extraction do not count for it), recall over the pages with
  ``tp + fn > 0``;
- F1 is the harmonic mean of the two averages (not an average of page F1s);
- the ± figure is 1.96 standard deviations of the bootstrap distribution (1,000 resamples of
  the pages, as the benchmark does; here with a fixed seed).

Extractors, on the same pages in the same run:

- retold: ``read_document(data=<page bytes>, name="<sha>.html")`` and its ``.text`` (retold
  decodes the bytes itself). A page where retold raises (``EmptyInputError``: no article found)
  counts as an empty extraction, as the benchmark counts a ``None``.
- trafilatura: ``trafilatura.extract(html)`` with default settings, the page decoded as UTF-8
  as the benchmark's own runner does;
- trafilatura as the benchmark's runner calls it (``extractors/run_trafilatura.py``:
  ``include_comments=False``), the setting behind the published 0.958: default settings keep
  reader comments, which the gold bodies do not have, and score lower. Both are shown, and
  retold is held to the better one.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from retold.errors import RetoldError
from retold.ingest import read_document

__all__ = [
    "BENCHMARK_DIR",
    "EXTRACTORS",
    "ExtractionRow",
    "ExtractionScores",
    "Extractor",
    "PageResult",
    "benchmark_metrics",
    "evaluate_extraction",
    "page_counts",
    "retold_extract",
    "trafilatura_benchmark_extract",
    "trafilatura_extract",
]

BENCHMARK_DIR = Path("article-extraction-benchmark")
SHINGLE = 4
BOOTSTRAP = 1000

# The benchmark's own pattern and flags, with ``re`` (not ``regex``, whose \w also takes
# combining marks): IGNORECASE does not change what \w matches, tokens keep their case.
_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)

Counts = tuple[float, float, float]
"""Normalised (tp, fp, fn) of one page."""
Extractor = Callable[[str, bytes], str]
"""``(page key, page bytes) -> extracted article text`` ("" when nothing is found)."""


@dataclass(frozen=True, slots=True)
class PageResult:
    """One page: how each extractor did on it."""

    key: str
    url: str
    counts: dict[str, Counts]
    """extractor name -> normalised (tp, fp, fn)."""
    errors: dict[str, str]
    """extractor name -> the error raised, for pages counted as empty."""


@dataclass(frozen=True, slots=True)
class ExtractionRow:
    """The benchmark's figures for one extractor."""

    name: str
    version: str
    precision: float
    recall: float
    f1: float
    f1_interval: float
    """1.96 bootstrap standard deviations of F1."""
    empty_pages: int
    """Pages with an empty extraction (including those where the extractor raised)."""


@dataclass(frozen=True, slots=True)
class ExtractionScores:
    """Every extractor's row, the paired difference, and the per-page detail behind them."""

    rows: tuple[ExtractionRow, ...]
    pages: tuple[PageResult, ...]
    differences: tuple[tuple[str, float, float], ...]
    """``(other, F1 of the first extractor minus F1 of other, 1.96 bootstrap standard
    deviations of that difference)``, the same resamples for both: a paired comparison."""


def tokenize(text: str) -> list[str]:
    """The benchmark's tokens: ``\\w+`` matches, case kept."""
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The benchmark's shingles of ``text`` with their counts (see the module docstring)."""
    tokens = tokenize(text)
    found: Counter[tuple[str, ...]] = Counter()
    for index in range(max(1, len(tokens) - n + 1)):
        shingle = tuple(tokens[index : index + n])
        if shingle:
            found[shingle] += 1
    return found


def page_counts(true: str, predicted: str) -> Counts:
    """Normalised (tp, fp, fn) of one page, as the benchmark's ``string_shingle_matching``."""
    true_shingles, predicted_shingles = shingles(true), shingles(predicted)
    tp = fp = fn = 0.0
    for key in true_shingles.keys() | predicted_shingles.keys():
        true_count, predicted_count = true_shingles[key], predicted_shingles[key]
        tp += min(true_count, predicted_count)
        fp += max(0, predicted_count - true_count)
        fn += max(0, true_count - predicted_count)
    total = tp + fp + fn
    if total > 0:
        return tp / total, fp / total, fn / total
    return tp, fp, fn


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def benchmark_metrics(counts: Sequence[Counts]) -> tuple[float, float, float]:
    """(precision, recall, F1) over pages, as the benchmark's ``metrics_from_tp_fp_fns``."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def retold_extract(key: str, page: bytes) -> str:
    """retold's article text of a page; "" when retold finds none (it raises)."""
    return read_document(data=page, name=f"{key}.html").text


def trafilatura_extract(key: str, page: bytes) -> str:
    """trafilatura's default extraction, the page decoded as UTF-8 as the benchmark does."""
    import trafilatura

    return trafilatura.extract(page.decode("utf-8")) or ""


def trafilatura_benchmark_extract(key: str, page: bytes) -> str:
    """trafilatura as the benchmark's runner calls it: default settings but no comments."""
    import trafilatura

    return trafilatura.extract(page.decode("utf-8"), include_comments=False) or ""


def _version(package: str) -> str:
    from importlib.metadata import version

    return version(package)


EXTRACTORS: dict[str, tuple[Extractor, str]] = {
    "retold": (retold_extract, "retold"),
    "trafilatura (default)": (trafilatura_extract, "trafilatura"),
    "trafilatura (benchmark runner)": (trafilatura_benchmark_extract, "trafilatura"),
}
"""name -> (extractor, the distribution whose version is reported)."""


def evaluate_extraction(
    data_dir: Path,
    *,
    limit: int | None = None,
    extractors: dict[str, tuple[Extractor, str]] | None = None,
    seed: int = 0,
) -> ExtractionScores:
    """Run every extractor on the benchmark's pages (the first ``limit`` keys in sorted order,
    or all) and score them with the benchmark's metric. Raises ``FileNotFoundError`` when the
    benchmark is absent."""
    extractors = extractors or EXTRACTORS
    folder = data_dir / BENCHMARK_DIR
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[:limit] if limit is not None else sorted(truth)
    pages = []
    for key in keys:
        page = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        counts: dict[str, Counts] = {}
        errors: dict[str, str] = {}
        for name, (extract, _) in extractors.items():
            try:
                text = extract(key, page)
            except RetoldError as error:
                text = ""
                errors[name] = f"{type(error).__name__}: {error}"
            counts[name] = page_counts(truth[key].get("articleBody") or "", text)
        pages.append(PageResult(key, truth[key].get("url", ""), counts, errors))
    names = list(extractors)
    rng = random.Random(seed)
    samples = [[rng.randrange(len(pages)) for _ in pages] for _ in range(BOOTSTRAP)]
    rows = []
    f1_samples: dict[str, list[float]] = {}
    for name, (_, distribution) in extractors.items():
        page_counts_ = [page.counts[name] for page in pages]
        precision, recall, f1 = benchmark_metrics(page_counts_)
        f1_samples[name] = [
            benchmark_metrics([page_counts_[i] for i in sample])[2] for sample in samples
        ]
        rows.append(
            ExtractionRow(
                name=name,
                version=_version(distribution),
                precision=precision,
                recall=recall,
                f1=f1,
                f1_interval=1.96 * statistics.stdev(f1_samples[name]),
                empty_pages=sum(1 for c in page_counts_ if c[0] + c[1] == 0),
            )
        )
    differences = []
    for row in rows[1:]:
        paired = [
            first - other
            for first, other in zip(f1_samples[names[0]], f1_samples[row.name], strict=True)
        ]
        differences.append((row.name, rows[0].f1 - row.f1, 1.96 * statistics.stdev(paired)))
    return ExtractionScores(rows=tuple(rows), pages=tuple(pages), differences=tuple(differences))
