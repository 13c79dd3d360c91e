"""Scoring retold's findings against corpora with known reuse.

``pan`` holds the PAN text-alignment measures (precision, recall, granularity, plagdet), so
results can be compared with published plagiarism-detection numbers.
"""

from __future__ import annotations

from retold.evaluate.pan import Case, InvalidCaseError, PanScores, plagdet_score, score

__all__ = ["Case", "InvalidCaseError", "PanScores", "plagdet_score", "score"]
