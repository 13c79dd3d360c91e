"""Run retold's passage finder on the PAN 2013 text-alignment training corpus and score it.

The corpus (``../shared/data/pan13-text-alignment-training``, third-party: built and labelled by
the PAN organisers) holds 5,185 pairs of a source and a suspicious document in five folders:
negatives, verbatim copies, random obfuscation, translation chains and summaries. Each folder
lists its pairs in a ``pairs`` file and gives the truth of each pair in an XML file; offsets are
characters of the UTF-8 text. retold compares every pair as ``retold compare SOURCE SUSPICIOUS``
does and reports its passages as detections; ``retold.evaluate.pan`` scores them per folder and
overall with PAN's measures.

Every fifth pair of each folder (the 5th, 10th, … line of its ``pairs`` file) is *held out*:
scored apart, and never looked at while tuning.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from retold.config import CompareConfig
from retold.evaluate.pan import Case, PanScores, score
from retold.records import Comparison, Document, Passage

__all__ = [
    "FOLDERS",
    "PanPair",
    "PanRun",
    "load_pan_pairs",
    "retold_detections",
    "run_pan",
]

PAN_DIR = "pan13-text-alignment-training"
FOLDERS = (
    "01-no-plagiarism",
    "02-no-obfuscation",
    "03-random-obfuscation",
    "04-translation-obfuscation",
    "05-summary-obfuscation",
)
HELD_OUT_EVERY = 5


@dataclass(frozen=True, slots=True)
class PanPair:
    folder: str
    source: str
    """File name in ``src/``."""
    suspicious: str
    """File name in ``susp/``."""
    truth: tuple[Case, ...]
    held_out: bool


@dataclass(frozen=True, slots=True)
class PanRun:
    """Scores per folder and overall, for the pairs used in tuning and for the held-out fifth."""

    tuning: dict[str, PanScores]
    held_out: dict[str, PanScores]
    pairs: int
    unread: tuple[str, ...]
    """Documents retold refused to read (each with its reason); their pairs have no detection."""


def _truth(xml_path: Path, source: str, suspicious: str) -> tuple[Case, ...]:
    cases = []
    for feature in ET.parse(xml_path).getroot().iter("feature"):
        if feature.get("name") != "plagiarism":
            continue
        this, length = int(feature.get("this_offset", 0)), int(feature.get("this_length", 0))
        start, size = int(feature.get("source_offset", 0)), int(feature.get("source_length", 0))
        if length and size:
            cases.append(Case(source, start, start + size, suspicious, this, this + length))
    return tuple(cases)


def load_pan_pairs(root: Path) -> list[PanPair]:
    """Every pair of the corpus at ``root`` with its truth, in the order of the ``pairs`` files."""
    pairs = []
    for folder in FOLDERS:
        listing = (root / folder / "pairs").read_text(encoding="utf-8").split("\n")
        for index, line in enumerate(row for row in listing if row.strip()):
            suspicious, source = line.split()
            xml = root / folder / f"{suspicious[:-4]}-{source[:-4]}.xml"
            truth = _truth(xml, source, suspicious) if xml.exists() else ()
            held_out = index % HELD_OUT_EVERY == HELD_OUT_EVERY - 1
            pairs.append(PanPair(folder, source, suspicious, truth, held_out))
    return pairs


@lru_cache(maxsize=4096)
def _read(path: str) -> object:
    """The document retold reads from ``path``, or the error message it gives instead."""
    from retold.errors import InputError
    from retold.ingest.reader import read_document

    try:
        return read_document(path)
    except InputError as error:
        return str(error)


def retold_detections(
    root: Path, pair: PanPair, config: CompareConfig | None = None
) -> tuple[list[Case], list[str]]:
    """The passages ``retold compare`` reports for one pair, as PAN detections (and read
    errors)."""
    from retold.core import compare_documents

    source = _read(str(root / "src" / pair.source))
    suspicious = _read(str(root / "susp" / pair.suspicious))
    errors = [item for item in (source, suspicious) if isinstance(item, str)]
    if errors:
        return [], errors
    assert isinstance(source, Document) and isinstance(suspicious, Document)
    comparison = compare_documents(source, suspicious, config=config or CompareConfig(story=False))
    return [
        Case(pair.source, p.a_start, p.a_end, pair.suspicious, p.b_start, p.b_end)
        for p in reported_passages(comparison)
        if p.a_end > p.a_start and p.b_end > p.b_start
    ], []


def reported_passages(comparison: Comparison) -> list[Passage]:
    """What retold reports as reuse: each stretch retold as a whole (rewritten or edited), and
    each exact passage outside them that is not a lone phrase."""
    wholes = comparison.rewritten
    outside = [
        p
        for p in comparison.passages
        if p.kind != "phrase"
        and not any(
            w.a_start <= p.a_start
            and p.a_end <= w.a_end
            and w.b_start <= p.b_start
            and p.b_end <= w.b_end
            for w in wholes
        )
    ]
    return sorted([*wholes, *outside], key=lambda p: (p.b_start, p.a_start))


Detector = Callable[[Path, PanPair], tuple[list[Case], list[str]]]


def _detect_chunk(
    args: tuple[Path, Sequence[PanPair], Detector],
) -> list[tuple[list[Case], list[str]]]:
    root, chunk, detector = args
    return [detector(root, pair) for pair in chunk]


def _chunks(pairs: Sequence[PanPair], size: int) -> Iterator[Sequence[PanPair]]:
    for start in range(0, len(pairs), size):
        yield pairs[start : start + size]


def run_pan(
    data_dir: Path,
    *,
    detector: Detector = retold_detections,
    workers: int = 2,
    limit: int | None = None,
) -> PanRun:
    """Detect and score every pair (or the first ``limit`` of each folder)."""
    root = data_dir / PAN_DIR
    pairs = load_pan_pairs(root)
    if limit is not None:
        taken: Counter[str] = Counter()
        selected = []
        for pair in pairs:
            if taken[pair.folder] < limit:
                taken[pair.folder] += 1
                selected.append(pair)
        pairs = selected
    tasks = [(root, chunk, detector) for chunk in _chunks(pairs, 50)]
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            results = [found for chunk in pool.map(_detect_chunk, tasks) for found in chunk]
    else:
        results = [found for task in tasks for found in _detect_chunk(task)]
    unread = sorted({error for _, errors in results for error in errors})
    tuning: dict[str, PanScores] = {}
    held_out: dict[str, PanScores] = {}
    for held, table in ((False, tuning), (True, held_out)):
        chosen = [(p, r) for p, r in zip(pairs, results, strict=True) if p.held_out == held]
        for folder in (*FOLDERS, "overall"):
            in_folder = [(p, r) for p, r in chosen if folder in ("overall", p.folder)]
            truth = [case for p, _ in in_folder for case in p.truth]
            found = [case for _, (cases, _) in in_folder for case in cases]
            table[folder] = score(truth, found)
    return PanRun(tuning, held_out, len(pairs), tuple(unread))
