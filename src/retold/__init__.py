"""retold: find news stories retold across outlets and show exactly what changed.

The public names are loaded on first use (PEP 562), so that ``import retold`` and
``retold --help`` do not pay for numpy, the aligner and the readers until they are needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "CompareConfig": "retold.config",
    "ScanResult": "retold.api",
    "compare": "retold.api",
    "compare_pair": "retold.api",
    "compare_documents": "retold.core",
    "scan": "retold.api",
    "RetoldError": "retold.errors",
    "Category": "retold.records",
    "Change": "retold.records",
    "ChangeKind": "retold.records",
    "Comparison": "retold.records",
    "Document": "retold.records",
    "Passage": "retold.records",
    "Similarity": "retold.records",
    "Source": "retold.records",
    "Verdict": "retold.records",
}

__all__ = [
    "Category",
    "Change",
    "ChangeKind",
    "CompareConfig",
    "Comparison",
    "Document",
    "Passage",
    "RetoldError",
    "ScanResult",
    "Similarity",
    "Source",
    "Verdict",
    "__version__",
    "compare",
    "compare_documents",
    "compare_pair",
    "scan",
]

if TYPE_CHECKING:
    from retold.api import ScanResult, compare, compare_pair, scan
    from retold.config import CompareConfig
    from retold.core import compare_documents
    from retold.errors import RetoldError
    from retold.records import (
        Category,
        Change,
        ChangeKind,
        Comparison,
        Document,
        Passage,
        Similarity,
        Source,
        Verdict,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'retold' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
