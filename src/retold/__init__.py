"""retold: find news stories retold across outlets and show exactly what changed."""

from retold.api import CompareConfig, ScanResult, compare, compare_documents, scan
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

__version__ = "0.1.0"

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
    "scan",
]
