"""Section 6 of the accuracy report: the PAN 2013 text-alignment training corpus.

Third-party data (built and labelled by the PAN organisers): retold's passages scored per
folder with PAN's measures, as exact passages only (retold before rewritten passages and lone
phrases) and as
``retold compare`` reports them, in one run; every fifth pair of each folder is held out from
tuning and scored apart (``retold.evaluate.pan_corpus``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from retold.config import AlignConfig, CompareConfig, ParaphraseConfig
from retold.evaluate.markdown import met, not_measured, table
from retold.evaluate.pan_corpus import FOLDERS, PanRun, retold_detections, run_pan

__all__ = ["EXACT_ONLY", "PAN_GOALS", "PanComparison", "pan_section", "score_pan"]

PAN_GOALS = {
    "02-no-obfuscation": 0.95,
    "03-random-obfuscation": 0.88,
    "04-translation-obfuscation": 0.88,
    "05-summary-obfuscation": 0.55,
    "overall": 0.90,
}
"""Issue 11's goals for plagdet; granularity at most ``GRANULARITY_GOAL``."""
GRANULARITY_GOAL = 1.1


EXACT_ONLY = CompareConfig(
    align=AlignConfig(phrase_words=0), paraphrase=ParaphraseConfig(enabled=False), story=False
)
"""retold before rewritten passages and lone phrases: every exact passage is reported."""


@dataclass(frozen=True, slots=True)
class PanComparison:
    exact: PanRun
    """Exact passages only, lone phrases included (``EXACT_ONLY``)."""
    reported: PanRun
    """What ``retold compare`` reports: rewritten and edited stretches, and exact passages."""


def score_pan(data_dir: Path, workers: int = 2) -> PanComparison:
    """Both runs over the whole corpus."""
    runs = []
    for config in (EXACT_ONLY, CompareConfig(story=False)):
        detector = functools.partial(retold_detections, config=config)
        runs.append(run_pan(data_dir, detector=detector, workers=workers))
    return PanComparison(*runs)


def pan_section(pan: PanComparison | None) -> list[str]:
    heading = "## 6. PAN 2013 text alignment (third-party corpus)"
    if pan is None:
        return not_measured(heading, "the PAN corpus")
    lines = [heading, ""]
    lines += [
        "The 5,185 pairs of `pan13-text-alignment-training` (organisers' truth), scored with"
        " PAN's measures. *Before*: exact passages only, every one reported; *now*: as"
        " `retold compare` reports"
        " (rewritten and edited stretches, and the exact passages outside them that are not lone"
        " phrases: under 12 words with no other shared text near them). Every fifth"
        " pair of each folder is held out from tuning. Folder 01 holds negative pairs: its"
        " column is the number of detections (false by definition).",
        "",
    ]
    header = (
        "folder",
        "part",
        "plagdet before",
        "plagdet now",
        "precision",
        "recall",
        "granularity",
        "goal",
        "met",
    )
    rows = []
    for folder in (*FOLDERS, "overall"):
        for part in ("tuning", "held-out"):
            before = getattr(pan.exact, part.replace("-", "_"))[folder]
            now = getattr(pan.reported, part.replace("-", "_"))[folder]
            if folder == "01-no-plagiarism":
                rows.append(
                    (
                        folder,
                        part,
                        f"{before.detections} detections",
                        f"{now.detections} detections",
                        "",
                        "",
                        "",
                        "≤ before",
                        met(now.detections <= before.detections),
                    )
                )
                continue
            goal = PAN_GOALS[folder]
            reached = now.plagdet >= goal and now.granularity <= GRANULARITY_GOAL
            rows.append(
                (
                    folder,
                    part,
                    f"{before.plagdet:.3f}",
                    f"**{now.plagdet:.3f}**",
                    f"{now.macro_precision:.3f}",
                    f"{now.macro_recall:.3f}",
                    f"{now.granularity:.3f}",
                    f"≥ {goal}, gran ≤ {GRANULARITY_GOAL}",
                    met(reached),
                )
            )
    lines += table(header, rows, "llrrrrrll")
    unread = pan.reported.unread
    if unread:
        lines += [f"Refused as input ({len(unread)}, their pairs count as found nothing):", ""]
        lines += [f"- {reason}" for reason in unread]
    return [*lines, ""]
