"""One run of every accuracy measure, and the report it writes (``docs/accuracy.md``).

``evaluate_accuracy`` is what ``retold eval`` and ``python -m retold.evaluate`` call: it runs

1. alignment accuracy (PAN measures) per obfuscation type on semi-synthetic pairs made from
   real article bodies (``accuracy_pairs``, ``accuracy_alignment``);
2. change-level precision, recall and F1 per kind and category on the same pairs
   (``accuracy_changes``);
3. reuse level on the Clough-Stevenson short answers (``accuracy_reuse``);
4. extraction quality on the article-extraction benchmark, retold beside trafilatura
   (``accuracy_extraction``);
9. the story ledgers and the credit check on retellings with a known story, made from the
   same article bodies (``accuracy_story``): ``STORY_PAIRS_PER_TYPE`` story pairs per pair of
   an obfuscation type, so a few seconds in the quick run;
5. with ``--full``, when the Helsinki gold is there (``bench/gold/helsinki``, labelled by
   reading): a scan of the Helsinki corpus, its families and pair relations scored against the
   gold (``accuracy_families``);

and renders the tables (``accuracy_report``). The report is generated, never edited by hand.

The quick run (the default) makes ``QUICK_PAIRS`` pairs per obfuscation type; ``full`` makes
``FULL_PAIRS``. The pairs of the quick run are the first pairs of the full run (same seed).
The Clough corpus and the extraction benchmark are always scored whole: they take seconds.
"""

from __future__ import annotations

import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from retold.errors import InputNotFoundError
from retold.evaluate.accuracy_alignment import AlignmentRow, score_alignment
from retold.evaluate.accuracy_changes import ChangeScores, score_changes
from retold.evaluate.accuracy_extraction import BENCHMARK_DIR, ExtractionScores, evaluate_extraction
from retold.evaluate.accuracy_families import (
    FamilyScores,
    SiblingScores,
    load_gold,
    read_scan,
    score_families,
    score_siblings,
)
from retold.evaluate.accuracy_pairs import (
    EXTRACTION_TRUTH,
    HELSINKI_CSV,
    build_pairs,
    load_source_articles,
    run_detector,
    sentence_bank,
)
from retold.evaluate.accuracy_pan import PanComparison, score_pan
from retold.evaluate.accuracy_reuse import CLOUGH_DIR, ReuseScores, measure_answers, score_reuse
from retold.evaluate.accuracy_semeval import SEMEVAL_DIR, SemevalRow, score_semeval
from retold.evaluate.accuracy_story import (
    CREDIT_GOLD,
    CreditGoldScores,
    StoryScores,
    build_story_pairs,
    score_credit_gold,
    score_story,
)
from retold.evaluate.accuracy_translation import TranslationScores, score_translations
from retold.evaluate.pan_corpus import PAN_DIR

__all__ = [
    "DEFAULT_DATA_DIR",
    "DEFAULT_OUTPUT",
    "DEFAULT_SEED",
    "FULL_PAIRS",
    "QUICK_PAIRS",
    "STORY_PAIRS_PER_TYPE",
    "AccuracyReport",
    "EvalConfig",
    "command_line",
    "evaluate_accuracy",
    "run_evaluation",
    "stderr_progress",
]

QUICK_PAIRS = 25
"""Pairs per obfuscation type in the default run (seconds)."""
FULL_PAIRS = 500
"""Pairs per obfuscation type with ``--full`` (about a minute on two cores)."""
STORY_PAIRS_PER_TYPE = 4
"""Story pairs (section 9) per pair of one obfuscation type: 100 in the quick run."""
DEFAULT_DATA_DIR = Path("..") / "shared" / "data"
"""The shared data, relative to the project root (where the command is meant to run)."""
DEFAULT_OUTPUT = Path("docs") / "accuracy.md"
DEFAULT_SEED = 2024
DEFAULT_GOLD_DIR = Path("bench") / "gold" / "helsinki"

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class EvalConfig:
    """What to run: where the data is, how many pairs, which seed, and how it was asked for."""

    data_dir: Path = DEFAULT_DATA_DIR
    full: bool = False
    seed: int = DEFAULT_SEED
    pairs_per_type: int | None = None
    """Overrides ``QUICK_PAIRS`` / ``FULL_PAIRS`` (tests use a handful)."""
    extraction_pages: int | None = None
    """Score only the first pages of the benchmark (sorted by key); None: all 181."""
    gold_dir: Path = DEFAULT_GOLD_DIR
    """The Helsinki gold (families and pair labels); scored with ``full`` when present."""
    command: str = "retold eval"
    """The command line to print in the report, so a reader can rerun it."""

    @property
    def pairs(self) -> int:
        if self.pairs_per_type is not None:
            return self.pairs_per_type
        return FULL_PAIRS if self.full else QUICK_PAIRS

    @property
    def story_pairs(self) -> int:
        return STORY_PAIRS_PER_TYPE * self.pairs


@dataclass(frozen=True, slots=True)
class AccuracyReport:
    """Every figure of one run, with what is needed to reproduce it."""

    config: EvalConfig
    generated: datetime
    versions: dict[str, str]
    source_articles: int
    background_sentences: int
    alignment: tuple[AlignmentRow, ...]
    changes: ChangeScores
    reuse: ReuseScores
    extraction: ExtractionScores
    families: FamilyScores | None = None
    """None when the run was not full or the gold was not found."""
    families_held_out: FamilyScores | None = None
    """The same scan scored on the held-out half of the gold's stories only."""
    siblings: SiblingScores | None = None
    """Direction where the gold knows it: copies crediting one wire drawn as its siblings."""
    pan: PanComparison | None = None
    """The PAN 2013 training corpus, exact passages only and as compare reports (full run)."""
    semeval: tuple[list[SemevalRow], int] | None = None
    """Correlation with the SemEval-2022 Task 8 grades per language, and unreadable pairs."""
    translation: TranslationScores | None = None
    """Translated retellings found in the SemEval sample's own translations (full run)."""
    story: StoryScores | None = None
    """The story ledgers and the credit check on retellings with a known story."""
    credit_gold: CreditGoldScores | None = None
    """The credit check on the Helsinki pairs labelled by reading (when the gold is there)."""
    seconds: dict[str, float] = field(default_factory=dict)


def _versions() -> dict[str, str]:
    found = {}
    for package in ("retold", "trafilatura", "numpy", "rapidfuzz"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:  # pragma: no cover - all are dependencies
            found[package] = "not installed"
    found["python"] = platform.python_version()
    return found


def _check_data(data_dir: Path) -> None:
    """Fail early, with one message naming every missing file, before minutes of work."""
    needed = [
        data_dir / EXTRACTION_TRUTH,
        data_dir / HELSINKI_CSV,
        data_dir / CLOUGH_DIR / "file_information.csv",
        data_dir / BENCHMARK_DIR / "html",
    ]
    missing = [str(path) for path in needed if not path.exists()]
    if missing:
        raise InputNotFoundError(
            "the evaluation data is missing: " + ", ".join(missing) + " (give --data DIR)"
        )


def run_evaluation(config: EvalConfig, *, progress: Progress | None = None) -> AccuracyReport:
    """Run all four evaluations and return their figures (nothing is written)."""
    say = progress or (lambda message: None)
    _check_data(config.data_dir)
    seconds: dict[str, float] = {}

    start = time.perf_counter()
    say(f"building {config.pairs} pairs per obfuscation type from real articles")
    articles = load_source_articles(config.data_dir)
    bank = sentence_bank(config.data_dir)
    pairs = build_pairs(articles, bank, per_type=config.pairs, seed=config.seed)
    say(f"aligning {len(pairs)} pairs")
    outcomes = run_detector(pairs)
    alignment = score_alignment(outcomes)
    changes = score_changes(outcomes)
    seconds["pairs"] = time.perf_counter() - start

    start = time.perf_counter()
    say(f"telling the story of {config.story_pairs} retellings with a known story")
    story = score_story(build_story_pairs(articles, count=config.story_pairs, seed=config.seed))
    credit_gold = None
    if (config.gold_dir.parent / CREDIT_GOLD).exists():
        credit_gold = score_credit_gold(config.data_dir, config.gold_dir.parent / CREDIT_GOLD)
    seconds["story"] = time.perf_counter() - start

    start = time.perf_counter()
    say("comparing the Clough-Stevenson answers with their originals")
    reuse = score_reuse(measure_answers(config.data_dir))
    seconds["reuse"] = time.perf_counter() - start

    start = time.perf_counter()
    say("extracting the article-extraction benchmark pages (retold and trafilatura)")
    extraction = evaluate_extraction(
        config.data_dir, limit=config.extraction_pages, seed=config.seed
    )
    seconds["extraction"] = time.perf_counter() - start

    pan = None
    if config.full and (config.data_dir / PAN_DIR).is_dir():
        start = time.perf_counter()
        say("aligning the 5,185 pairs of the PAN 2013 training corpus (twice: before and now)")
        pan = score_pan(config.data_dir)
        seconds["pan"] = time.perf_counter() - start

    semeval = translation = None
    if config.full and (config.data_dir / SEMEVAL_DIR).is_dir():
        start = time.perf_counter()
        say("comparing the 2,432 SemEval-2022 Task 8 pairs")
        semeval = score_semeval(config.data_dir)
        seconds["semeval"] = time.perf_counter() - start
        start = time.perf_counter()
        say("comparing the SemEval sample's translations with their originals")
        labels = config.gold_dir.parent / "semeval-translation" / "labels.csv"
        translation = score_translations(config.data_dir, labels=labels)
        seconds["translation"] = time.perf_counter() - start

    families = families_held_out = siblings = None
    if config.full and (config.gold_dir / "stories.csv").exists():
        start = time.perf_counter()
        say("scanning the Helsinki corpus and scoring its families against the gold")
        families, families_held_out, siblings = _score_helsinki(config)
        seconds["families"] = time.perf_counter() - start

    return AccuracyReport(
        config=config,
        generated=datetime.now(UTC),
        versions=_versions(),
        source_articles=len(articles),
        background_sentences=len(bank),
        alignment=alignment,
        changes=changes,
        reuse=reuse,
        extraction=extraction,
        families=families,
        families_held_out=families_held_out,
        siblings=siblings,
        pan=pan,
        semeval=semeval,
        translation=translation,
        story=story,
        credit_gold=credit_gold,
        seconds=seconds,
    )


def _score_helsinki(config: EvalConfig) -> tuple[FamilyScores, FamilyScores, SiblingScores]:
    """Scan the Helsinki corpus as its tests and README do, and score it against the gold (all
    stories, then the held-out half)."""
    import tempfile

    from retold.api import scan
    from retold.engines.local import ScanConfig
    from retold.ingest.corpus import FieldMap

    scan_config = ScanConfig(
        fields=FieldMap(text="text", outlet="publisher", published="scrape_time"),
        paragraph_separator=" ### ",
    )
    with tempfile.TemporaryDirectory(prefix="retold-eval-") as folder:
        scan([config.data_dir / HELSINKI_CSV], Path(folder), config=scan_config)
        found = read_scan(Path(folder))
        siblings = score_siblings(config.gold_dir, Path(folder))
    gold = load_gold(config.gold_dir)
    return score_families(gold, *found), score_families(gold.held_out(), *found), siblings


def evaluate_accuracy(
    config: EvalConfig, *, output: Path | None = DEFAULT_OUTPUT, progress: Progress | None = None
) -> str:
    """Run everything, write the Markdown report to ``output`` (unless None), return it."""
    from retold.evaluate.accuracy_report import render_markdown

    report = run_evaluation(config, progress=progress)
    markdown = render_markdown(report)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(markdown, encoding="utf-8")
    return markdown


def command_line(program: str, config: EvalConfig) -> str:
    """The command that reruns ``config``: ``program`` and the options that differ from the
    defaults, for the report's header."""
    parts = [program]
    if config.full:
        parts.append("--full")
    if config.seed != DEFAULT_SEED:
        parts.append(f"--seed {config.seed}")
    if config.data_dir != DEFAULT_DATA_DIR:
        parts.append(f"--data {config.data_dir}")
    return " ".join(parts)


def stderr_progress(message: str) -> None:
    """Progress lines for a long run, on stderr so stdout holds only the tables."""
    sys.stderr.write(f"retold eval: {message}\n")
    sys.stderr.flush()
