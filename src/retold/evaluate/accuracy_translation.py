"""Section 8 of the accuracy report: translated retellings, on real translations of real news.

The SemEval-2022 Task 8 sample holds 453 articles twice: as published (id ``1484039360``,
mostly in English, some in German or Polish) and as translated into another language by the
task's organisers (id ``1484039360it``), each shown to graders in some pair. Those are
third-party translations, whole articles, of real news: a translated retelling whose truth is
the whole text. Each is compared as ``retold compare ORIGINAL TRANSLATION`` does, and scored by:

- *found*: the share of translations where retold reports a ``translated`` passage;
- *coverage*: the mean share of the translation's characters (and of the original's) inside
  translated passages (the graders saw truncated texts at times, so full coverage is not
  always reachable: a translation of the first half of an article covers half of it);
- *reported*: on the sample's cross-language pairs of two *different* articles (graded by
  people; the task pairs articles on one story, so many tell the same events), the share where
  retold reports any translated passage. Pairs graded 1-1.5 ("very similar") are counted
  apart. Some such pairs do share translated text (both outlets translated one wire story, or
  one quotes the other): 66 of them were read by hand (``bench/gold/semeval-translation``).

Every fifth translation and every fifth negative pair (``crc32`` of its id) is held out: the
thresholds of ``retold.config.TRANSLATION`` were set on the rest.
"""

from __future__ import annotations

import csv
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import regex

from retold.config import CompareConfig
from retold.evaluate.accuracy_semeval import compare_texts, semeval_rows
from retold.evaluate.markdown import not_measured, table

__all__ = [
    "TranslationPair",
    "TranslationRow",
    "TranslationScores",
    "load_translation_pairs",
    "score_translations",
    "translation_section",
]

_TRANSLATED_ID = regex.compile(r"^(\d+)([a-z]+)$")
_SAME_STORY = 1.5
"""Negative pairs graded at most this ("very similar") are two articles on one story."""


@dataclass(frozen=True, slots=True)
class TranslationPair:
    pair_id: str
    a_text: str
    """The original (a translation's) or the first article (a negative's)."""
    b_text: str
    languages: str
    """``en→it`` for a translation, ``de/en`` for a negative."""
    grade: float | None
    """The graders' "Overall" for a negative pair (1 = same story ... 4 = unrelated)."""

    @property
    def held_out(self) -> bool:
        return zlib.crc32(self.pair_id.encode()) % 5 == 0


@dataclass(frozen=True, slots=True)
class TranslationRow:
    part: str
    """``tuning`` or ``held-out``."""
    group: str
    """A language pair (``en→it``), all translations, or a kind of negative pair."""
    pairs: int
    found: float
    """Translations: share with a translated passage; negatives: the same share (reported)."""
    coverage_b: float | None = None
    coverage_a: float | None = None


def load_translation_pairs(data_dir: Path) -> tuple[list[TranslationPair], list[TranslationPair]]:
    """(original → translation pairs, cross-language pairs of different articles)."""
    texts: dict[str, tuple[str, str]] = {}
    negatives: dict[str, TranslationPair] = {}
    for row in semeval_rows(data_dir):
        first, second = row["pair_id"].split("_")
        texts.setdefault(first, (row["lang1"], row["text1"]))
        texts.setdefault(second, (row["lang2"], row["text2"]))
        if row["lang1"] != row["lang2"] and _base(first) != _base(second):
            negatives.setdefault(
                row["pair_id"],
                TranslationPair(
                    row["pair_id"],
                    row["text1"],
                    row["text2"],
                    "/".join(sorted((row["lang1"], row["lang2"]))),
                    float(row["Overall"]),
                ),
            )
    translations = []
    for article_id, (language, text) in sorted(texts.items()):
        match = _TRANSLATED_ID.match(article_id)
        if match and match[1] in texts and texts[match[1]][0] != language:
            original_language, original = texts[match[1]]
            translations.append(
                TranslationPair(article_id, original, text, f"{original_language}→{language}", None)
            )
    return translations, list(negatives.values())


def _base(article_id: str) -> str:
    match = _TRANSLATED_ID.match(article_id)
    return match[1] if match else article_id


def _translated(pair: TranslationPair, config: CompareConfig) -> tuple[float, float] | None:
    """Coverage of B and of A by translated passages (None if a text is unreadable)."""
    comparison = compare_texts(pair.a_text, pair.b_text, config)
    if comparison is None:
        return None
    a, b = comparison.a, comparison.b
    covered_a = np.zeros(len(a.text), dtype=bool)
    covered_b = np.zeros(len(b.text), dtype=bool)
    for passage in comparison.rewritten:
        if passage.kind == "translated":
            covered_a[passage.a_start : passage.a_end] = True
            covered_b[passage.b_start : passage.b_end] = True
    return _share(covered_b, b.text), _share(covered_a, a.text)


def _share(covered: np.ndarray, text: str) -> float:
    """Covered share of the text's non-space characters."""
    visible = np.array([not character.isspace() for character in text], dtype=bool)
    return float((covered & visible).sum() / visible.sum()) if visible.any() else 0.0


@dataclass(frozen=True, slots=True)
class TranslationScores:
    rows: list[TranslationRow]
    read: Counter[tuple[str, bool]]
    """Negative pairs labelled by reading (``labels``): (label, whether retold reports a
    translated passage) → pairs."""


def _read_labels(labels: Path | None) -> dict[str, str]:
    if labels is None or not labels.exists():
        return {}
    with labels.open(encoding="utf-8", newline="") as handle:
        return {row["pair_id"]: row["label"] for row in csv.DictReader(handle)}


def score_translations(
    data_dir: Path, config: CompareConfig | None = None, labels: Path | None = None
) -> TranslationScores:
    """Rows per part (tuning, held-out) and language pair, and for the negatives; and the
    negatives read by hand (``labels``: ``bench/gold/semeval-translation/labels.csv``)."""
    config = config or CompareConfig(story=False)
    gold = _read_labels(labels)
    read: Counter[tuple[str, bool]] = Counter()
    translations, negatives = load_translation_pairs(data_dir)
    found: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for pair in translations:
        result = _translated(pair, config)
        if result is not None:
            part = "held-out" if pair.held_out else "tuning"
            found[(part, pair.languages)].append(result)
            found[(part, "all translations")].append(result)
    rows = []
    for (part, group), values in sorted(found.items(), key=lambda item: _order(*item[0])):
        array = np.array(values)
        rows.append(
            TranslationRow(
                part,
                group,
                len(array),
                float((array[:, 0] > 0).mean()),
                float(array[:, 0].mean()),
                float(array[:, 1].mean()),
            )
        )
    reported: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for pair in negatives:
        result = _translated(pair, config)
        if result is not None:
            part = "held-out" if pair.held_out else "tuning"
            reported[(part, "different articles")].append(result[0] > 0)
            if pair.pair_id in gold:
                read[(gold[pair.pair_id], result[0] > 0)] += 1
            if pair.grade is not None and pair.grade <= _SAME_STORY:
                reported[(part, "…of them on one story")].append(result[0] > 0)
    for (part, group), flags in sorted(reported.items(), key=lambda item: _order(*item[0])):
        rows.append(TranslationRow(part, group, len(flags), float(np.mean(flags))))
    return TranslationScores(rows, read)


def _order(part: str, group: str) -> tuple[int, int, str]:
    return (part != "tuning", group.startswith("all"), group)


_INTRO = (
    "Articles of the SemEval-2022 Task 8 sample that its organisers translated (whole"
    " articles of real news; *en→it*: published in English, translated into Italian),"
    " compared with their originals as `retold compare`"
    " does; and the sample's cross-language pairs of two different articles, where a"
    " translated passage is reported (an upper bound on false ones: two articles can share"
    " translated text, see the pairs read below). *found*: share of pairs with a translated"
    " passage;"
    " *coverage*: mean share of the translation's (and the original's) characters inside"
    " translated passages. Every fifth pair is held out from tuning."
)


_LABELS = ("translated", "boilerplate", "quote", "none")
_LABEL_NAMES = {
    "translated": "translated prose",
    "boilerplate": "translated page chrome only",
    "quote": "one translated quotation only",
    "none": "no translated text",
}


def translation_section(scores: TranslationScores | None) -> list[str]:
    heading = "## 8. Translated retellings (third-party translations)"
    if scores is None:
        return not_measured(heading, "the SemEval sample")
    return [heading, "", _INTRO, "", *_found_table(scores.rows), *_read_table(scores.read)]


def _read_table(read: Counter[tuple[str, bool]]) -> list[str]:
    if not read:
        return []
    lines = [
        "Negative pairs read by hand (`bench/gold/semeval-translation`: every pair retold"
        " flagged when the gold was made, and 50 others at random; labelled from the texts"
        " alone). Rows: what reading finds; columns: what retold reports now.",
        "",
    ]
    body = [
        (_LABEL_NAMES[label], str(read[(label, True)]), str(read[(label, False)]))
        for label in _LABELS
    ]
    return lines + table(("read", "retold: translated", "retold: nothing"), body)


def _found_table(rows: list[TranslationRow]) -> list[str]:
    body = [
        (
            row.part,
            row.group if row.coverage_b is not None else f"negatives: {row.group}",
            str(row.pairs),
            f"{row.found:.3f}" if row.coverage_b is not None else f"{row.found:.3f} reported",
            f"{row.coverage_b:.3f}" if row.coverage_b is not None else "",
            f"{row.coverage_a:.3f}" if row.coverage_a is not None else "",
        )
        for row in rows
    ]
    header = ("part", "languages", "pairs", "found", "coverage of translation", "of original")
    return table(header, body, "llrrrr")
