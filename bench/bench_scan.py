"""Benchmark ``retold scan`` against a datasketch ``MinHashLSH`` pipeline on one synthetic corpus.

For each ``--articles N`` (in one run, on the same corpus for both tools):

- the corpus: ``bench/make_corpus.py --articles N --seed S --workers W``, cached in
  ``bench/out/corpus-N-seedS/`` (written to a temporary folder and renamed when complete;
  reused when present). Its generation time is printed but is not part of any figure.
- retold: ``.venv/bin/retold scan articles.jsonl -o bench/out/scan-N-seedS/ --workers W`` as a
  subprocess (the results folder is deleted first, so nothing is resumed). Per-stage seconds
  come from the scan's ``manifest.json`` (``timings``); end to end is the subprocess's wall time
  (interpreter start, reading the JSONL and writing the results folder included).
- the peer: ``bench/minhash_peer.py`` as a subprocess: MinHash(num_perm=128) over word
  5-shingles of lowercased ``\\w+`` tokens, ``MinHashLSH(threshold=0.5, num_perm=128)``, insert
  every article, query every article; the candidate pairs are its result, and the candidates
  whose estimated Jaccard is >= 0.5 are reported as a second result. Run once with 1 process
  and once with 2 processes hashing (``--peer-workers``; LSH insert and query are one process
  in both). End to end is the subprocess's wall time, reading the JSONL included.
- scores: ``retold.evaluate.scan_accuracy.score_scan_pairs`` with t = 40 words (the scan's
  guarantee with its defaults k=12, w=29): recall over the planted pairs holding an unedited
  run of >= 40 words ("guaranteed"), recall over every planted pair with >= 40 words copied
  ("all planted"), precision (found pairs that are a source and its copy or two copies of one
  source). Recall of all planted pairs is also broken down by reuse type; "partial" is every
  type but ``full_copy`` (excerpts of 40-300 words inside longer articles).

Memory and CPU: while a subprocess runs, its process tree (the process and all its
descendants, from ``/proc``) is sampled every 0.2 s; "peak RSS (tree)" is the largest sum of the
tree's RSS (shared pages counted once per process, so it overstates), "peak PSS (tree)" the
largest sum of proportional set sizes (shared pages split between processes), "peak anon PSS
(tree)" the same for anonymous memory only (heap: what the tree holds besides file pages such as
memory-mapped texts, which the kernel can drop and reread), "largest process RSS" both the
largest single-process RSS sampled and the ``ru_maxrss`` of ``wait4`` (which misses pool
workers forked by a forkserver, since the measured process does not reap them itself).
"CPU s (tree)" sums the CPU time of every process seen in the tree (last sample of each, so
up to 0.2 s per process is missed).

Output: a Markdown report printed and written to ``bench/out/bench_scan-<timestamp>.md``, and
each size's figures to ``bench/out/bench_scan-result-N-seedS.json``; the growth table (seconds
per 1,000 articles) also lists sizes measured by earlier runs (from those JSON files), marked
with their date.

The machine is shared and has 2 cores: figures are noisy; the load average before and after
each measurement is recorded.

Usage:
    python bench/bench_scan.py --articles 10000 --articles 100000 [--skip-peer] [--workers 2]
        [--shape news]

``--shape news`` uses the news-shaped corpus (``bench/make_corpus.py --shape news``: wire
stories printed by up to 300 outlets, as real corpora are dense); its files are named
``...-seedS-news``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from retold.evaluate.scan_accuracy import score_scan_pairs
from retold.evaluate.synthetic_corpus import PlantedReuse, read_truth

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
MIN_WORDS = 40
PAGE = os.sysconf("SC_PAGE_SIZE")
TICKS = os.sysconf("SC_CLK_TCK")


# --- Measuring a process tree ----------------------------------------------------------------


@dataclass
class Measurement:
    command: list[str]
    returncode: int
    wall: float
    peak_tree_rss: int
    """Bytes: the largest sum of RSS over the process tree, sampled every 0.2 s."""
    peak_tree_pss: int
    peak_tree_anon: int
    """Bytes: the largest sum of anonymous PSS (heap, not file pages such as mapped texts)."""
    max_single_rss: int
    """Bytes: ``ru_maxrss`` of ``wait4``: the largest of the process and the descendants it
    reaped itself (pool workers started by a forkserver are not among them)."""
    peak_single_rss: int
    """Bytes: the largest RSS of any one process of the tree, sampled every 0.2 s."""
    peak_processes: int
    cpu_user: float
    cpu_system: float
    """``wait4``'s CPU times: the process and the descendants it reaped itself."""
    cpu_tree: float
    """CPU seconds of every process seen in the tree (from ``/proc``, last sample of each)."""
    load_before: str
    load_after: str
    stage_peaks: dict[str, dict[str, int]]
    """Per stage (when the caller tells which one runs): peak tree RSS, PSS, anon PSS."""


def _processes() -> dict[int, tuple[int, int, float]]:
    """Every process: pid -> (parent pid, start time in ticks, CPU seconds so far)."""
    found: dict[int, tuple[int, int, float]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        cpu = (int(fields[11]) + int(fields[12])) / TICKS
        found[int(entry.name)] = (int(fields[1]), int(fields[19]), cpu)
    return found


def _tree(root: int, processes: dict[int, tuple[int, int, float]]) -> list[int]:
    children: dict[int, list[int]] = defaultdict(list)
    for pid, (parent, _, _) in processes.items():
        children[parent].append(pid)
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def _memory(pid: int) -> tuple[int, int, int]:
    """RSS, PSS and anonymous PSS of one process, in bytes (zeros once it is gone)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            rss = int(handle.read().split()[1]) * PAGE
        pss = anon = 0
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    pss = int(line.split()[1]) * 1024
                elif line.startswith(b"Pss_Anon:"):
                    anon = int(line.split()[1]) * 1024
                    break
        return rss, pss, anon
    except (OSError, ValueError, IndexError):
        return 0, 0, 0


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def measure(
    command: list[str],
    log: Path,
    stage: Callable[[], str] | None = None,
    interval: float = 0.2,
) -> Measurement:
    """Run ``command`` (stdout and stderr to ``log``), sampling its process tree's memory;
    ``stage()`` names the stage running at each sample (for per-stage peaks)."""
    load_before = _load()
    peaks = {"rss": 0, "pss": 0, "anon": 0, "processes": 0, "single": 0}
    stage_peaks: dict[str, dict[str, int]] = {}
    cpu: dict[tuple[int, int], float] = {}
    stop = threading.Event()
    with log.open("wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, cwd=REPO)

        def sample() -> None:
            while not stop.is_set():
                processes = _processes()
                pids = _tree(process.pid, processes)
                for pid in pids:
                    if pid in processes:
                        _, start, seconds = processes[pid]
                        cpu[(pid, start)] = max(cpu.get((pid, start), 0.0), seconds)
                sizes = [_memory(pid) for pid in pids]
                totals = {
                    "rss": sum(size[0] for size in sizes),
                    "pss": sum(size[1] for size in sizes),
                    "anon": sum(size[2] for size in sizes),
                }
                peaks["single"] = max([peaks["single"], *(size[0] for size in sizes)])
                peaks["processes"] = max(peaks["processes"], len(pids))
                for name, value in totals.items():
                    peaks[name] = max(peaks[name], value)
                if stage is not None:
                    current = stage_peaks.setdefault(stage(), {"rss": 0, "pss": 0, "anon": 0})
                    for name, value in totals.items():
                        current[name] = max(current[name], value)
                stop.wait(interval)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        stop.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    return Measurement(
        command=command,
        returncode=process.returncode,
        wall=wall,
        peak_tree_rss=peaks["rss"],
        peak_tree_pss=peaks["pss"],
        peak_tree_anon=peaks["anon"],
        max_single_rss=usage.ru_maxrss * 1024,
        peak_single_rss=peaks["single"],
        cpu_tree=max(sum(cpu.values()), usage.ru_utime + usage.ru_stime),
        peak_processes=peaks["processes"],
        cpu_user=usage.ru_utime,
        cpu_system=usage.ru_stime,
        load_before=load_before,
        load_after=_load(),
        stage_peaks=stage_peaks,
    )


# --- Corpus ----------------------------------------------------------------------------------


def tag(seed: int, shape: str) -> str:
    """How files of one seed and shape are named (the default shape keeps its old names)."""
    return f"seed{seed}" if shape == "default" else f"seed{seed}-{shape}"


def corpus(articles: int, seed: int, workers: int, shape: str = "default") -> Path:
    folder = OUT / f"corpus-{articles}-{tag(seed, shape)}"
    if (folder / "truth_manifest.json").exists():
        print(f"corpus: reusing {folder}", flush=True)
        return folder
    partial = OUT / f"corpus-{articles}-{tag(seed, shape)}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    command = [
        sys.executable, str(REPO / "bench" / "make_corpus.py"), "--articles", str(articles),
        "--seed", str(seed), "--out", str(partial), "--workers", str(workers), "--shape", shape,
    ]  # fmt: skip
    print(f"corpus: generating {articles:,} articles: {' '.join(command)}", flush=True)
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=REPO)
    partial.rename(folder)
    print(f"corpus: {time.perf_counter() - started:.0f} s (not part of any figure)", flush=True)
    return folder


@dataclass
class Truth:
    rows: list[PlantedReuse]
    derived_texts: dict[str, str]
    pair_types: dict[tuple[str, str], frozenset[str]]
    """Planted pairs (>= MIN_WORDS copied) and the reuse types of their rows."""


def load_truth(folder: Path) -> Truth:
    rows = list(read_truth(folder / "truth.jsonl"))
    derived = {row.derived_id for row in rows}
    texts: dict[str, str] = {}
    with (folder / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] in derived:
                texts[record["id"]] = record["maintext"]
    types: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        if row.words >= MIN_WORDS:
            a, b = sorted((row.source_id, row.derived_id))
            types[(a, b)].add(row.type.value)
    return Truth(rows, texts, {pair: frozenset(kinds) for pair, kinds in types.items()})


def score(found: list[tuple[str, str]], truth: Truth) -> dict[str, Any]:
    scores = score_scan_pairs(found, truth.rows, truth.derived_texts, MIN_WORDS)
    found_set = {(a, b) if a <= b else (b, a) for a, b in found}
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair, kinds in truth.pair_types.items():
        hit = pair in found_set
        groups = {"partial" if "full_copy" not in kinds else "full_copy_pairs", *kinds}
        for group in groups:
            by_type[group][0] += hit
            by_type[group][1] += 1
    return {
        "guaranteed_pairs": scores.guaranteed_pairs,
        "guaranteed_recall": scores.guaranteed_recall,
        "planted_pairs": scores.planted_pairs,
        "planted_recall": scores.planted_recall,
        "found_pairs": scores.found_pairs,
        "precision": scores.precision,
        "spurious": len(scores.spurious),
        "missed_guaranteed": len(scores.missed),
        "missed_examples": [list(pair) for pair in scores.missed[:5]],
        "recall_by_type": {
            name: {"found": hit, "pairs": total, "recall": hit / total if total else 1.0}
            for name, (hit, total) in sorted(by_type.items())
        },
    }


# --- The two tools ---------------------------------------------------------------------------


def source_digest() -> str:
    """SHA-256 (first 12 hex digits) of retold's Python sources: which code was measured."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "src" / "retold").rglob("*.py")):
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _retold_executable() -> list[str]:
    script = REPO / ".venv" / "bin" / "retold"
    return [str(script)] if script.exists() else [sys.executable, "-m", "retold.cli"]


def run_retold(
    folder: Path, articles: int, label: str, workers: int, truth: Truth
) -> dict[str, Any]:
    results = OUT / f"scan-{articles}-{label}"
    shutil.rmtree(results, ignore_errors=True)
    log = OUT / f"scan-{articles}-{label}.log"
    command = [
        *_retold_executable(), "scan", str(folder / "articles.jsonl"), "-o", str(results),
        "--workers", str(workers),
    ]  # fmt: skip
    print(f"retold: {' '.join(command)}  (log: {log})", flush=True)

    def after() -> str:
        """The stage whose marker was written last ("" before the first): the sample belongs
        to the stage after it (named once the manifest gives the order)."""
        markers = list((results / ".work").glob("*.done.json"))
        if not markers:
            return ""
        newest = max(markers, key=lambda path: path.stat().st_mtime_ns)
        return newest.name.removesuffix(".done.json")

    digest_before = source_digest()
    measured = measure(command, log, after)
    digest_after = source_digest()
    if measured.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise SystemExit(f"retold scan failed ({measured.returncode}):\n{tail}")
    manifest = json.loads((results / "manifest.json").read_text(encoding="utf-8"))
    order = list(manifest.get("timings", {}))
    following = dict(zip(["", *order], [*order, "publish"], strict=True))
    measured.stage_peaks = {
        following.get(name, f"after {name}"): peak for name, peak in measured.stage_peaks.items()
    }
    pairs = pq.read_table(results / "pairs.parquet", columns=["a_id", "b_id"])
    found = list(zip(pairs.column(0).to_pylist(), pairs.column(1).to_pylist(), strict=True))
    print(f"retold: {measured.wall:.1f} s, scoring {len(found):,} pairs", flush=True)
    return {
        "tool": f"retold ({workers} workers)",
        "kind": "retold",
        "workers": workers,
        "timings": manifest.get("timings", {}),
        "counts": manifest.get("counts", {}),
        "measurement": asdict(measured),
        "results": str(results),
        "source_digest": digest_before,
        "source_changed_during_run": digest_after != digest_before,
        "scores": {"pairs": score(found, truth)},
    }


def run_peer(folder: Path, articles: int, label: str, workers: int, truth: Truth) -> dict[str, Any]:
    out = OUT / f"peer-{articles}-{label}-w{workers}"
    shutil.rmtree(out, ignore_errors=True)
    log = OUT / f"peer-{articles}-{label}-w{workers}.log"
    command = [
        sys.executable, str(REPO / "bench" / "minhash_peer.py"), str(folder / "articles.jsonl"),
        "--out", str(out), "--workers", str(workers),
    ]  # fmt: skip
    print(f"peer: {' '.join(command)}  (log: {log})", flush=True)
    measured = measure(command, log)
    if measured.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise SystemExit(f"MinHashLSH peer failed ({measured.returncode}):\n{tail}")
    report = json.loads((out / "timings.json").read_text(encoding="utf-8"))
    table = pq.read_table(out / "pairs.parquet")
    a, b = table.column("a_id").to_pylist(), table.column("b_id").to_pylist()
    jaccard = table.column("jaccard").to_pylist()
    candidates = list(zip(a, b, strict=True))
    verified = [pair for pair, j in zip(candidates, jaccard, strict=True) if j >= 0.5]
    print(f"peer: {measured.wall:.1f} s, scoring {len(candidates):,} pairs", flush=True)
    name = f"{workers} process" + ("es" if workers > 1 else "")
    return {
        "tool": f"MinHashLSH ({name})",
        "kind": "peer",
        "workers": workers,
        "timings": report["timings"],
        "counts": report["counts"],
        "lsh": report["lsh"],
        "measurement": asdict(measured),
        "results": str(out),
        "scores": {"candidates": score(candidates, truth), "verified": score(verified, truth)},
    }


# --- Report ----------------------------------------------------------------------------------


def _gb(value: int) -> str:
    return f"{value / 1e9:.2f} GB"


def _rate(articles: int, seconds: float) -> str:
    return f"{articles / seconds:,.0f}" if seconds > 0 else "–"


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %"


def main_table(size_results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| size | tool | stage | docs/s | wall s | peak RSS (tree) | recall (guaranteed) |"
        " recall (all planted) | precision |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for entry in size_results:
        n = entry["articles"]
        for run in entry["runs"]:
            for stage in run["timings"]:
                seconds = run["timings"].get(stage)
                if seconds is None:
                    continue
                lines.append(
                    f"| {n:,} | {run['tool']} | {stage} | {_rate(n, seconds)} | {seconds:.1f} |"
                    " | | | |"
                )
            measured = run["measurement"]
            for label, key in (
                [("end to end", "pairs")]
                if run["kind"] == "retold"
                else [("end to end (LSH candidates)", "candidates"),
                      ("end to end (verified J ≥ 0.5)", "verified")]
            ):  # fmt: skip
                scores = run["scores"][key]
                lines.append(
                    f"| {n:,} | {run['tool']} | **{label}** | **{_rate(n, measured['wall'])}** |"
                    f" {measured['wall']:.1f} | {_gb(measured['peak_tree_rss'])} |"
                    f" {_pct(scores['guaranteed_recall'])} | {_pct(scores['planted_recall'])} |"
                    f" {_pct(scores['precision'])} |"
                )
    return lines


def detail_table(size_results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| size | tool | wall s | CPU s (tree) | CPU / wall | docs per CPU s | peak RSS (tree) |"
        " peak PSS (tree) | peak anon PSS (tree) | largest process RSS (sampled / ru_maxrss) |"
        " processes | load before → after |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for entry in size_results:
        for run in entry["runs"]:
            m = run["measurement"]
            cpu = m["cpu_tree"]
            lines.append(
                f"| {entry['articles']:,} | {run['tool']} | {m['wall']:.1f} | {cpu:.1f} |"
                f" {cpu / m['wall']:.2f} | {_rate(entry['articles'], cpu)} |"
                f" {_gb(m['peak_tree_rss'])} | {_gb(m['peak_tree_pss'])} |"
                f" {_gb(m.get('peak_tree_anon', 0))} |"
                f" {_gb(m['peak_single_rss'])} / {_gb(m['max_single_rss'])} |"
                f" {m['peak_processes']} |"
                f" {m['load_before']} → {m['load_after']} |"
            )
    return lines


def stage_memory_table(size_results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| size | tool | stage | wall s | peak RSS (tree) | peak PSS (tree) |"
        " peak anon PSS (tree) |",
        "|---:|---|---|---:|---:|---:|---:|",
    ]
    for entry in size_results:
        for run in entry["runs"]:
            peaks = run["measurement"].get("stage_peaks") or {}
            for stage, peak in peaks.items():
                seconds = run["timings"].get(stage)
                lines.append(
                    f"| {entry['articles']:,} | {run['tool']} | {stage} |"
                    f" {'' if seconds is None else f'{seconds:.1f}'} | {_gb(peak['rss'])} |"
                    f" {_gb(peak['pss'])} | {_gb(peak['anon'])} |"
                )
    return lines


def recall_table(size_results: list[dict[str, Any]]) -> list[str]:
    groups = ("partial", "verbatim", "excerpt_cuts", "term_swaps", "moved_paragraphs",
              "full_copy")  # fmt: skip
    lines = [
        "| size | tool | result | found pairs | " + " | ".join(groups) + " |",
        "|---:|---|---|---:|" + "---:|" * len(groups),
    ]
    for entry in size_results:
        for run in entry["runs"]:
            for key, scores in run["scores"].items():
                cells = []
                for group in groups:
                    row = scores["recall_by_type"].get(group)
                    cells.append(
                        f"{_pct(row['recall'])} ({row['found']:,}/{row['pairs']:,})" if row else "–"
                    )
                lines.append(
                    f"| {entry['articles']:,} | {run['tool']} | {key} |"
                    f" {scores['found_pairs']:,} | " + " | ".join(cells) + " |"
                )
    return lines


def ratio_lines(size_results: list[dict[str, Any]]) -> list[str]:
    lines = []
    for entry in size_results:
        runs = entry["runs"]
        retold = next((run for run in runs if run["kind"] == "retold"), None)
        if retold is None:
            continue
        for peer in (run for run in runs if run["kind"] == "peer"):
            ratio = peer["measurement"]["wall"] / retold["measurement"]["wall"]
            ours = retold["scores"]["pairs"]["recall_by_type"].get("partial", {}).get("recall")
            theirs = peer["scores"]["candidates"]["recall_by_type"].get("partial", {})
            lines.append(
                f"- {entry['articles']:,} articles: retold / {peer['tool']} end-to-end throughput"
                f" = **{ratio:.2f}×** (goal ≥ 3×); recall of partial reuse"
                f" {_pct(ours or 0)} vs {_pct(theirs.get('recall', 0))} (LSH candidates)"
            )
        for note in entry.get("notes", []):
            lines.append(f"- {entry['articles']:,} articles: {note}")
        lines.append(
            f"- {entry['articles']:,} articles: retold source digest"
            f" {retold.get('source_digest', '?')}"
            + (
                " (**the sources changed while the scan ran**: the figures may mix versions)"
                if retold.get("source_changed_during_run")
                else " (unchanged during the scan)"
            )
        )
    return lines


def growth_table(size_results: list[dict[str, Any]], label: str) -> list[str]:
    by_size: dict[int, dict[str, Any]] = {}
    for path in sorted(OUT.glob(f"bench_scan-result-*-{label}.json")):
        saved = json.loads(path.read_text(encoding="utf-8"))
        by_size[saved["articles"]] = saved
    for entry in size_results:
        by_size[entry["articles"]] = entry
    sizes = sorted(by_size)
    stages: list[str] = []
    for n in sizes:
        for run in by_size[n]["runs"]:
            if run["kind"] == "retold":
                stages += [stage for stage in run["timings"] if stage not in stages]
    columns = [*stages, "end to end"]
    lines = [
        "Seconds per 1,000 articles (retold; growth factor vs the previous size in brackets,"
        " 1.00 = linear):",
        "",
        "| size | measured (retold source) | " + " | ".join(columns) + " | peak RSS (tree) |",
        "|---:|---|" + "---:|" * (len(columns) + 1),
    ]
    previous: dict[str, float] = {}
    for n in sizes:
        entry = by_size[n]
        retold = next((run for run in entry["runs"] if run["kind"] == "retold"), None)
        if retold is None:
            continue
        cells = []
        for column in columns:
            if column == "end to end":
                seconds = retold["measurement"]["wall"]
            elif column in retold["timings"]:
                seconds = retold["timings"][column]
            else:
                cells.append("–")
                previous.pop(column, None)
                continue
            per_k = 1000 * seconds / n
            growth = f" ({per_k / previous[column]:.2f})" if previous.get(column) else ""
            cells.append(f"{per_k:.3f}{growth}")
            previous[column] = per_k
        lines.append(
            f"| {n:,} | {entry['timestamp']} ({retold.get('source_digest', '?')}) | "
            + " | ".join(cells)
            + f" | {_gb(retold['measurement']['peak_tree_rss'])} |"
        )  # fmt: skip
    peer_rows = []
    for n in sizes:
        for run in by_size[n]["runs"]:
            if run["kind"] == "peer":
                wall = run["measurement"]["wall"]
                peer_rows.append(f"| {n:,} | {run['tool']} | {1000 * wall / n:.3f} |")
    if peer_rows:
        lines += ["", "| size | peer | end-to-end s per 1,000 |", "|---:|---|---:|", *peer_rows]
    return lines


def _peer_estimate(articles: int, workers: int, label: str) -> float | None:
    """End-to-end seconds at ``articles``, scaled linearly from the largest smaller saved run."""
    best: tuple[int, float] | None = None
    for path in OUT.glob(f"bench_scan-result-*-{label}.json"):
        saved = json.loads(path.read_text(encoding="utf-8"))
        for run in saved["runs"]:
            if run["kind"] == "peer" and run["workers"] == workers:
                n = saved["articles"]
                if n < articles and (best is None or n > best[0]):
                    best = (n, run["measurement"]["wall"])
    return best[1] * articles / best[0] if best else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, action="append", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shape", choices=("default", "news"), default="default")
    parser.add_argument("--workers", type=int, default=2, help="retold and corpus workers")
    parser.add_argument("--skip-peer", action="store_true")
    parser.add_argument(
        "--peer-workers", type=int, action="append", help="MinHash processes (default: 1 and 2)"
    )
    parser.add_argument(
        "--peer-budget-minutes",
        type=float,
        default=30.0,
        help="skip a peer run whose time, extrapolated from a smaller saved run, exceeds this",
    )
    arguments = parser.parse_args(argv)
    peer_workers = arguments.peer_workers or [1, 2]
    label = tag(arguments.seed, arguments.shape)
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    size_results = []
    for articles in arguments.articles:
        folder = corpus(articles, arguments.seed, arguments.workers, arguments.shape)
        started = time.perf_counter()
        truth = load_truth(folder)
        print(
            f"truth: {len(truth.rows):,} rows, {len(truth.pair_types):,} planted pairs"
            f" (read in {time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        entry: dict[str, Any] = {
            "articles": articles,
            "seed": arguments.seed,
            "timestamp": stamp,
            "runs": [],
            "notes": [],
        }
        saved = OUT / f"bench_scan-result-{articles}-{label}.json"

        def save(entry: dict[str, Any] = entry, saved: Path = saved) -> None:
            """Written after every run, so a killed benchmark keeps what it measured."""
            saved.write_text(json.dumps(entry, indent=2) + "\n", encoding="utf-8")

        entry["runs"].append(run_retold(folder, articles, label, arguments.workers, truth))
        save()
        if arguments.skip_peer:
            entry["notes"].append("peer skipped (--skip-peer)")
        else:
            for workers in peer_workers:
                estimate = _peer_estimate(articles, workers, label)
                if estimate is not None and estimate > 60 * arguments.peer_budget_minutes:
                    entry["notes"].append(
                        f"MinHashLSH with {workers} process(es) skipped: extrapolated"
                        f" {estimate / 60:.0f} min > {arguments.peer_budget_minutes:.0f} min"
                    )
                    continue
                entry["runs"].append(run_peer(folder, articles, label, workers, truth))
                save()
        save()
        size_results.append(entry)
        del truth

    cores = os.cpu_count()
    report = [
        f"# retold scan benchmark ({stamp})",
        "",
        f"Machine: {cores} cores, shared (figures noisy; each measured once). Corpus:"
        f" bench/make_corpus.py --shape {arguments.shape}, seed {arguments.seed}. retold:"
        f" `scan --workers {arguments.workers}`, defaults (k=12, w=29, t=40). Peer: datasketch"
        " MinHashLSH (128 permutations, threshold 0.5), word 5-shingles of lowercased `\\w+`"
        " tokens;"
        " LSH insert and query in one process, MinHash hashing in 1 or 2 processes.",
        "Peak RSS (tree) = largest sum of RSS over the process tree, sampled every 0.2 s"
        " (shared pages counted once per process). Recall and precision from"
        " `retold.evaluate.scan_accuracy.score_scan_pairs`, t = 40 words.",
        "",
        *main_table(size_results),
        "",
        "## Ratios",
        "",
        *ratio_lines(size_results),
        "",
        "## Memory and CPU",
        "",
        *detail_table(size_results),
        "",
        'Per stage (retold; "publish" is after the last stage: writing the results folder):',
        "",
        *stage_memory_table(size_results),
        "",
        "## Recall of planted pairs (≥ 40 words copied) by reuse type",
        "",
        *recall_table(size_results),
        "",
        "## Growth",
        "",
        *growth_table(size_results, label),
        "",
    ]
    text = "\n".join(report)
    print(text)
    path = OUT / f"bench_scan-{stamp}.md"
    path.write_text(text, encoding="utf-8")
    print(f"written: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
