"""Write the corpus report folder: ``index.html``, ``pairs.html`` and one page per pair.

The folder is self-contained and works from ``file://``: the two list pages carry their data
inline, and every pair view is its own file under ``pairs/`` (rendered here, once, not into one
giant page). A marker file names the scan the pages were made from, so rerunning the report on
the same results only renders the pair views still missing (say, after asking for
``--pair-views family``), and a report folder reused for another scan drops its old pair views
first.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from retold import __version__
from retold.report.corpus.model import PairViews, check_results, load_corpus
from retold.report.corpus.page import PAIRS_FOLDER, render_credit, render_index, render_pairs
from retold.report.corpus.pair_pages import PageTask, page_name, write_pair_pages
from retold.store.files import atomic_path

__all__ = ["CorpusReportStats", "write_corpus_report"]

_MARKER = ".retold-report.json"
_PAGE = re.compile(r"^(\d+)\.html$")
_TEMPORARY = re.compile(r"^\d+\.html\.tmp$")


@dataclass(frozen=True, slots=True)
class CorpusReportStats:
    """What ``write_corpus_report`` wrote."""

    index: Path
    """The page to open."""
    families: int
    documents: int
    """Documents listed in the families."""
    pairs: int
    """Pairs in the scan."""
    pair_pages: int
    """Pairs that have a pair view in the folder."""
    pages_written: int
    pages_reused: int
    """Pair views kept from an earlier run on the same results."""
    index_bytes: int
    seconds: float


def _identity(results: Path) -> dict[str, str]:
    """What the pair views depend on: the scan (its manifest) and the renderer's version."""
    manifest = (results / "manifest.json").read_bytes()
    return {
        "results": str(results.resolve()),
        "manifest_sha256": hashlib.sha256(manifest).hexdigest(),
        "retold": __version__,
    }


def _existing_pages(out: Path, identity: dict[str, str]) -> set[int]:
    """Pair views already written for these results; stale ones (another scan) are deleted."""
    folder = out / PAIRS_FOLDER
    marker = out / _MARKER
    same = False
    if marker.exists():
        try:
            same = json.loads(marker.read_text(encoding="utf-8")) == identity
        except (OSError, ValueError):
            same = False
    found: set[int] = set()
    if folder.is_dir():
        for entry in os.scandir(folder):
            match = _PAGE.match(entry.name)
            if match and same:
                found.add(int(match.group(1)))
            elif match or _TEMPORARY.match(entry.name):
                os.unlink(entry.path)  # only files this report writes: <number>.html(.tmp)
    return found


def _write_text(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    with atomic_path(path) as temporary:
        temporary.write_bytes(data)
    return len(data)


def write_corpus_report(
    results: Path,
    out: Path,
    *,
    pair_views: PairViews = "lineage",
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CorpusReportStats:
    """Write the corpus view of a finished scan into ``out`` (created if needed).

    Pair views are written for the pairs ``pair_views`` names (``PairViews``: by default one
    per family member, the pair its text most likely came from; ``family``: every pair inside
    a family; ``all``: every pair); views kept from an earlier run on the same results stay
    and are linked. Pairs without a view say how to get one. ``progress`` is called
    as ``progress(done, total)`` while pair views are rendered. Raises ``ResultsError`` when
    ``results`` is not a finished scan.

    Example: ``write_corpus_report(Path("results"), Path("report"))``, then open
    ``report/index.html``.
    """
    started = time.perf_counter()
    results = Path(results)
    out = Path(out)
    check_results(results)
    model = load_corpus(results, pair_views=pair_views)
    out.mkdir(parents=True, exist_ok=True)
    identity = _identity(results)
    existing = _existing_pages(out, identity)
    paged = set(model.paged)
    kept = existing & model.pairs.keys()
    # Written before the pages: every page is complete when it appears (renamed into place), so
    # an interrupted run leaves pages that the next run on the same results can keep.
    _write_text(out / _MARKER, json.dumps(identity, indent=2) + "\n")
    tasks = [PageTask.of(model.pairs[pair]) for pair in model.paged if pair not in existing]
    done = 0
    total = len(tasks)
    if progress is not None:
        progress(0, total)

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total)

    write_pair_pages(
        tasks,
        results / ".work",
        out / PAIRS_FOLDER,
        workers=workers or os.cpu_count() or 1,
        progress=advance,
    )
    model = dataclasses.replace(model, paged=tuple(sorted(paged | kept)))
    _write_text(out / "pairs.html", render_pairs(model))
    if model.credit is not None:
        _write_text(out / "credit.html", render_credit(model))
    else:  # a previous report of a scan with stories
        (out / "credit.html").unlink(missing_ok=True)
    index_bytes = _write_text(out / "index.html", render_index(model))
    return CorpusReportStats(
        index=out / "index.html",
        families=len(model.families),
        documents=len({m.doc for family in model.families for m in family.members}),
        pairs=sum(model.relations.values()),
        pair_pages=len(paged | existing),
        pages_written=total,
        pages_reused=len(paged & existing),
        index_bytes=index_bytes,
        seconds=round(time.perf_counter() - started, 3),
    )


def pair_page(out: Path, pair: int) -> Path:
    """Where the pair view of ``pair`` is in a report folder."""
    return out / PAIRS_FOLDER / page_name(pair)
