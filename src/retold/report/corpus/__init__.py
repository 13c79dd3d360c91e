"""The corpus view: a self-contained folder to browse a scan's story families.

``write_corpus_report(results, out)`` writes ``out/index.html`` (families sortable and
searchable, each with a timeline and a who-copied-whom graph; the outlet × outlet reuse matrix),
``out/pairs.html`` (every pair with a view) and ``out/pairs/<pair>.html`` (the pair view of
``retold compare``). Nothing is fetched: it opens from ``file://``, offline.
"""

from __future__ import annotations

from retold.report.corpus.folder import CorpusReportStats, pair_page, write_corpus_report

__all__ = ["CorpusReportStats", "pair_page", "write_corpus_report"]
