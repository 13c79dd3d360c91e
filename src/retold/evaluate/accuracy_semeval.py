"""Section 7 of the accuracy report: retold's similarity against SemEval-2022 Task 8 grades.

The sample (``semeval2022-task8-sample``, 2 x 1,283 real multilingual news pairs, 62 in both
files, graded by people: 1 = very similar ... 4 = not similar) asks whether two articles tell
the same story, a wider question than retold's "did one retell the other". Each pair is
compared as ``retold compare`` does (texts read as given, mojibake repaired), and three
similarities are correlated (Pearson) with minus the "Overall" grade, so that higher is better:
exact containment (the larger of the two shares), the share of the shorter text inside retold's
stretches (rewritten or edited), and their maximum. The task's winning system reached 0.818 on
the official test set (not this sample), over all language pairs.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retold.config import CompareConfig
from retold.core import compare_documents
from retold.errors import RetoldError
from retold.evaluate.markdown import not_measured, table
from retold.ingest.reader import read_text_document
from retold.records import Comparison

__all__ = [
    "SEMEVAL_DIR",
    "SEMEVAL_FILES",
    "SemevalRow",
    "compare_texts",
    "score_semeval",
    "semeval_rows",
    "semeval_section",
]

SEMEVAL_DIR = Path("semeval2022-task8-sample") / "data"
SEMEVAL_FILES = ("training_set.csv", "testing_set.csv")
WINNER = 0.818
_MIN_PAIRS = 30


@dataclass(frozen=True, slots=True)
class SemevalRow:
    languages: str
    """One language code for pairs in one language, ``cross-language``, or ``all``."""
    pairs: int
    exact: float
    stretches: float
    either: float


_NO_STORY = CompareConfig(story=False)
"""What these sections measure needs no story (``retold.story``), which costs a third more."""


def compare_texts(text1: str, text2: str, config: CompareConfig | None = None) -> Comparison | None:
    """The two texts compared as ``retold compare`` reads them (mojibake repaired), or None
    when either is refused."""
    try:
        a, b = read_text_document(text1), read_text_document(text2)
    except RetoldError:
        return None
    return compare_documents(a, b, config=config or _NO_STORY)


def _similarities(text1: str, text2: str) -> tuple[float, float] | None:
    """Exact containment and stretch coverage of the shorter text; None if unreadable."""
    comparison = compare_texts(text1, text2)
    if comparison is None:
        return None
    a, b = comparison.a, comparison.b
    exact = max(comparison.similarity.a_in_b, comparison.similarity.b_in_a)
    short_is_a = len(a.text) <= len(b.text)
    covered = np.zeros(len(a.text) if short_is_a else len(b.text), dtype=bool)
    for stretch in comparison.rewritten:
        if short_is_a:
            covered[stretch.a_start : stretch.a_end] = True
        else:
            covered[stretch.b_start : stretch.b_end] = True
    return exact, float(covered.mean()) if len(covered) else 0.0


def _pearson(score: np.ndarray, grade: np.ndarray) -> float:
    return float(np.corrcoef(score, grade)[0, 1]) if score.std() > 0 else float("nan")


def semeval_rows(data_dir: Path) -> Iterator[dict[str, str]]:
    """The sample's pairs as CSV rows, each pair once (62 pair ids are in both files)."""
    csv.field_size_limit(1 << 30)
    seen: set[str] = set()
    for name in SEMEVAL_FILES:
        with (data_dir / SEMEVAL_DIR / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["pair_id"] not in seen:
                    seen.add(row["pair_id"])
                    yield row


def score_semeval(
    data_dir: Path, languages: Collection[str] | None = None
) -> tuple[list[SemevalRow], int]:
    """Rows per language (at least 30 pairs), cross-language and all; and unreadable pairs.

    ``languages``: only the pairs whose key (a language code, or ``cross-language``) is one of
    these; ``all`` then means all of those (cross-language pairs take most of the time: each
    is aligned through sentence embeddings).
    """
    found: dict[str, list[tuple[float, float, float]]] = defaultdict(list)
    unreadable = 0
    for row in semeval_rows(data_dir):
        key = row["lang1"] if row["lang1"] == row["lang2"] else "cross-language"
        if languages is not None and key not in languages:
            continue
        scores = _similarities(row["text1"], row["text2"])
        if scores is None:
            unreadable += 1
            continue
        for group in (key, "all"):
            found[group].append((*scores, -float(row["Overall"])))
    rows = []
    for key in sorted(found, key=lambda k: (k == "all", -len(found[k]), k)):
        values = np.array(found[key])
        if len(values) < _MIN_PAIRS:
            continue
        exact, stretches, grade = values[:, 0], values[:, 1], values[:, 2]
        rows.append(
            SemevalRow(
                key,
                len(values),
                _pearson(exact, grade),
                _pearson(stretches, grade),
                _pearson(np.maximum(exact, stretches), grade),
            )
        )
    return rows, unreadable


def _r(value: float) -> str:
    """A correlation, or a dash where retold gave every pair the same score (no stretch)."""
    return "—" if math.isnan(value) else f"{value:.3f}"


def semeval_section(result: tuple[list[SemevalRow], int] | None) -> list[str]:
    heading = "## 7. Same story? SemEval-2022 Task 8 grades (third-party)"
    if result is None:
        return not_measured(heading, "the SemEval sample")
    lines = [heading, ""]
    rows, unreadable = result
    lines += [
        'Pearson r between retold\'s similarity and minus the human "Overall" grade of'
        " 2,432 real news pairs (1 = same story … 4 = unrelated), per language; the task's"
        f" winning system reached {WINNER} on the official test set. retold measures retelling"
        " (shared, rewritten and, across languages, translated text), not topical closeness:"
        f" two articles on one story need share no sentence. Unreadable pairs: {unreadable}.",
        "",
    ]
    body = [
        (row.languages, str(row.pairs), _r(row.exact), _r(row.stretches), _r(row.either))
        for row in rows
    ]
    lines += table(("languages", "pairs", "exact containment", "stretch coverage", "max"), body)
    return lines
