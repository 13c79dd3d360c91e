"""Benchmark the scan's second candidate path (``--rewritten``) on real rewritten copies.

The corpus: every document of the PAN 2013 text-alignment training corpus (3,230 sources and
1,827 suspicious documents: third-party, real text) as one corpus of 5,057 articles, optionally
after ``--background N`` articles of the synthetic corpus of ``bench/make_corpus.py`` (cached
in ``bench/out/corpus-N-seedS/`` as ``bench/bench_scan.py`` makes it) to see what the path costs
at scale. PAN's 4,185 listed pairs are the truth: verbatim copies (02), random and
translation-chain obfuscations (03, 04: the rewritten copies this path is for), summaries (05),
and 1,000 pairs listed as sharing nothing (01).

Both scans run as subprocesses on the same corpus, in one run: ``retold scan`` as by default,
and with ``--rewritten``. For each: wall time, seconds per stage (``manifest.json``), peak
summed RSS and PSS of the process tree, candidate pairs and pairs kept; and per PAN folder:

- *candidate recall*: the pair is a candidate (``.work/candidates.parquet``);
- *found recall*: the pair is kept with a passage or stretch overlapping a true case on both
  sides (for folder 01: the share of its pairs kept at all, which is false);
- *unlisted pairs*: pairs kept that PAN does not list (PAN's essays were written from web
  search results on shared topics, so some are real reuse; the synthetic background's
  sentences recur across articles by design, so pairs among them are expected there).

Usage:
    python bench/rewritten_scan.py [--background 0] [--shape default|news] [--workers 2]
        [--scans both|default|rewritten]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import duckdb
from bench_scan import OUT, corpus, measure

from retold.errors import RetoldError
from retold.evaluate.pan_corpus import FOLDERS, PanPair, load_pan_pairs
from retold.ingest.reader import read_document

REPO = Path(__file__).resolve().parents[1]
PAN = REPO.parent / "shared" / "data" / "pan13-text-alignment-training"


def _pan_id(kind: str, name: str) -> str:
    return f"{kind}/{name}"


def build(background: int, seed: int, workers: int, folder: Path, shape: str = "default") -> None:
    """Write ``folder/articles.jsonl``: the background articles, then PAN's documents as read
    by retold (its offsets refer to that text); documents retold refuses are left out."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as handle:
        if background:
            base = corpus(background, seed, workers, shape)
            for line in (base / "articles.jsonl").open(encoding="utf-8"):
                record = json.loads(line)
                handle.write(json.dumps({"id": record["id"], "text": record["maintext"]}) + "\n")
        for kind in ("src", "susp"):
            for path in sorted((PAN / kind).iterdir()):
                try:
                    text = read_document(str(path)).text
                except RetoldError:  # three PAN files are refused as binary: left out
                    continue
                record = {"id": _pan_id(kind, path.name), "text": text}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _overlap(span: tuple[int, int], start: int, end: int) -> bool:
    return start < span[1] and span[0] < end


def score(results: Path, pairs: list[PanPair]) -> dict[str, Any]:
    connection = duckdb.connect()
    candidates = connection.execute(
        f"""SELECT d1.doc_id, d2.doc_id
        FROM read_parquet('{results}/.work/candidates.parquet') c
        JOIN read_parquet('{results}/.work/documents.parquet') d1 ON d1.doc = c.a_doc
        JOIN read_parquet('{results}/.work/documents.parquet') d2 ON d2.doc = c.b_doc"""
    ).fetchall()
    candidate_set = {frozenset(pair) for pair in candidates}
    passages: dict[frozenset[str], list[tuple[str, int, int, int, int]]] = {}
    for a_id, b_id, a_start, a_end, b_start, b_end in connection.execute(
        f"""SELECT a_id, b_id, a_start, a_end, b_start, b_end
        FROM read_parquet('{results}/passages.parquet')"""
    ).fetchall():
        passages.setdefault(frozenset((a_id, b_id)), []).append(
            (a_id, a_start, a_end, b_start, b_end)
        )
    kept = connection.execute(
        f"SELECT a_id, b_id, relation FROM read_parquet('{results}/pairs.parquet')"
    ).fetchall()
    found = {folder: [0, 0, 0] for folder in FOLDERS}
    listed = set()
    for pair in pairs:
        source, suspicious = _pan_id("src", pair.source), _pan_id("susp", pair.suspicious)
        key = frozenset((source, suspicious))
        listed.add(key)
        hit = (
            key in passages
            if not pair.truth
            else any(
                _overlap((case.source_start, case.source_end), *_side(p, source, 0))
                and _overlap((case.suspicious_start, case.suspicious_end), *_side(p, source, 1))
                for case in pair.truth
                for p in passages.get(key, [])
            )
        )
        counts = found[pair.folder]
        counts[0] += 1
        counts[1] += key in candidate_set
        counts[2] += hit
    unlisted = [relation for a, b, relation in kept if frozenset((a, b)) not in listed]
    return {
        "recall": found,
        "candidates": len(candidate_set),
        "pairs": len(kept),
        "unlisted": len(unlisted),
        "unlisted_rewritten": sum(relation == "rewritten" for relation in unlisted),
    }


def _side(passage: tuple[str, int, int, int, int], source: str, side: int) -> tuple[int, int]:
    """The span of a stored passage in the source document (side 0) or the other (side 1)."""
    a_id, a_start, a_end, b_start, b_end = passage
    in_a = (a_id == source) == (side == 0)
    return (a_start, a_end) if in_a else (b_start, b_end)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--background", type=int, default=0, help="synthetic articles added")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--shape", default="default", help="the background's shape (bench/make_corpus.py)"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scan-option", action="append", default=[], help="passed to both")
    parser.add_argument(
        "--scans",
        choices=("both", "default", "rewritten"),
        default="both",
        help="which scans to run (one alone when the other's figures are known: at scale each"
        " takes long)",
    )
    args = parser.parse_args(argv)
    shape = "" if args.shape == "default" else f"-{args.shape}"
    folder = OUT / f"rewritten-pan-bg{args.background}{shape}"
    build(args.background, args.seed, args.workers, folder, args.shape)
    pairs = load_pan_pairs(PAN)
    retold = [str(Path(sys.executable).parent / "retold")]
    rows = []
    scans = (("default", []), ("--rewritten", ["--rewritten"]))
    for name, extra in scans:
        if args.scans != "both" and name.strip("-") != args.scans:
            continue
        results = folder / f"scan{extra[0] if extra else ''}"
        shutil.rmtree(results, ignore_errors=True)
        command = [
            *retold, "scan", str(folder / "articles.jsonl"), "-o", str(results),
            "--text-field", "text", "--workers", str(args.workers), *args.scan_option, *extra,
        ]  # fmt: skip
        log = folder / f"{name.strip('-')}.log"
        measured = measure(command, log)
        if measured.returncode != 0:
            print(f"{name}: exit {measured.returncode}, see {log}")
            return 1
        timings = json.loads((results / "manifest.json").read_text())["timings"]
        rows.append((name, measured, timings, score(results, pairs)))
    print(f"\ncorpus: {folder / 'articles.jsonl'} ({args.background:,} synthetic + PAN)")
    folders = " | ".join(f"{f[:2]} cand / found" for f in FOLDERS)
    print(
        f"| scan | wall s | peak RSS GB | peak PSS GB | candidates | pairs | unlisted"
        f" (rewritten) | {folders} |"
    )
    print("|" + " --- |" * (7 + len(FOLDERS)))
    for name, measured, _, scores in rows:
        recall = " | ".join(f"{c / n:.3f} / {h / n:.3f}" for n, c, h in scores["recall"].values())
        print(
            f"| {name} | {measured.wall:.1f} | {measured.peak_tree_rss / 1e9:.2f} |"
            f" {measured.peak_tree_pss / 1e9:.2f} | {scores['candidates']:,} |"
            f" {scores['pairs']:,} | {scores['unlisted']:,} ({scores['unlisted_rewritten']:,})"
            f" | {recall} |"
        )
    for name, _, timings, _ in rows:
        stages = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in timings.items())
        print(f"{name}: {stages}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
