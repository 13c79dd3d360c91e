"""What every engine shares about a scan's stages: the parameters, the report, the markers.

A stage writes its files atomically, then a marker (``.work/<stage>.done.json``) with a digest
of its parameters and its counts. A rerun skips every stage whose marker matches the current
parameters, so a killed scan resumes where it stopped, on either engine. Each stage's
parameters include those of the stages before it, so changing one reruns it and all after it.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from retold.clean.outlet_boilerplate import OutletBoilerplateConfig
from retold.config import CandidateConfig, FingerprintConfig, PairConfig, SketchConfig
from retold.ingest.corpus import FieldMap
from retold.locations import Location
from retold.store import schemas
from retold.store.files import write_json

__all__ = ["ScanConfig", "ScanReport", "StageLog", "stage_parameters"]


@dataclass(frozen=True, slots=True)
class ScanConfig:
    """Every parameter of a scan (each stage's own config, and how to run it)."""

    fields: FieldMap = field(default_factory=FieldMap)
    fingerprints: FingerprintConfig = field(default_factory=FingerprintConfig)
    candidates: CandidateConfig = field(default_factory=CandidateConfig)
    changes: bool = False
    """Explain every change of every pair into ``changes.parquet`` (``scan --changes``);
    without, the report explains a pair when it shows it."""
    story: bool = False
    """Tell the story of every retelling whose source is known (``scan --story``): the credit
    check and the names cut or renamed, into ``stories.parquet`` and ``story_names.parquet``."""
    sketches: SketchConfig = field(default_factory=SketchConfig)
    """The second candidate path, for rewritten copies; with it, every pair is also aligned
    by sentences and its rewritten stretches are stored."""
    outlet_boilerplate: OutletBoilerplateConfig = field(default_factory=OutletBoilerplateConfig)
    pairs: PairConfig = field(default_factory=PairConfig)
    max_bytes: int = 50_000_000
    paragraph_separator: str | None = None
    """A marker that stands for a paragraph break in the input texts (e.g. " ### "): it is
    replaced by a line break when read, so paragraphs can be told apart."""
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    memory_limit: str = "4GB"

    @property
    def copy_share(self) -> float | None:
        """``CandidateConfig.copy_share``, or ``None`` (every pair aligned) when changes or
        stories are asked for: they are told pair by pair, from each pair's own alignment."""
        return None if self.changes or self.story else self.candidates.copy_share


@dataclass(slots=True)
class ScanReport:
    """What a scan did: counts per stage, parameters, rejections, timings."""

    results: Location
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    largest_families: list[dict[str, Any]] = field(default_factory=list)


def stage_parameters(inputs: Sequence[Location], config: ScanConfig) -> dict[str, dict[str, Any]]:
    """Each stage's parameters, by stage name, in the order the stages run."""
    base = {
        # Files written by an earlier retold whose tables had other columns are not reused.
        "layout": _digest([str(getattr(schemas, name)) for name in schemas.__all__]),
        # The same files, however a path names them; a URI as given (what ids are made of).
        "inputs": [str(path.resolve()) if isinstance(path, Path) else path for path in inputs],
        "fields": asdict(config.fields),
        "max_bytes": config.max_bytes,
        "paragraph_separator": config.paragraph_separator,
    }
    learned = {**base, "outlet_boilerplate": asdict(config.outlet_boilerplate)}
    printed = {**learned, "fingerprints": asdict(config.fingerprints)}
    paired = {
        **printed,
        "candidates": {**asdict(config.candidates), "copy_share": config.copy_share},
        "sketches": asdict(config.sketches),
    }
    aligned = {
        **paired,
        "pairs": asdict(config.pairs),
        "changes": config.changes,
        "story": config.story,
    }
    stages = {
        "ingest": base,
        "outlet_boilerplate": learned,
        "fingerprints": printed,
        "sketches": {**learned, "sketches": asdict(config.sketches)},
        "candidates": paired,
        "align": aligned,
        "families": aligned,
    }
    if not config.sketches.enabled:
        del stages["sketches"]
    return stages


def _digest(parameters: Any) -> str:
    text = json.dumps(parameters, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class StageLog:
    """Runs stages, skipping those whose marker in ``work`` matches their parameters."""

    def __init__(self, work: Path, report: ScanReport) -> None:
        self.work = work
        self.report = report

    def _marker(self, stage: str) -> Path:
        return self.work / f"{stage}.done.json"

    def _saved(self, stage: str, parameters: Any) -> dict[str, Any] | None:
        marker = self._marker(stage)
        if not marker.exists():
            return None
        saved: dict[str, Any] = json.loads(marker.read_text(encoding="utf-8"))
        return saved if saved.get("parameters") == _digest(parameters) else None

    def run(self, stage: str, parameters: Any, body: Callable[[], dict[str, int]]) -> None:
        """Run ``body`` (which writes the stage's files and returns its counts) unless the
        stage is done with these parameters; record counts and timings in the report."""
        saved = self._saved(stage, parameters)
        if saved is not None:
            self.report.skipped.append(stage)
            self.report.timings[stage] = float(saved.get("seconds", 0.0))
            self.report.counts[stage] = dict(saved["counts"])
            return
        started = time.perf_counter()
        counts = body()
        seconds = round(time.perf_counter() - started, 3)
        write_json(
            self._marker(stage),
            {"parameters": _digest(parameters), "counts": counts, "seconds": seconds},
        )
        self.report.timings[stage] = seconds
        self.report.counts[stage] = counts
