"""The peer of ``bench_scan.py``: a datasketch ``MinHashLSH`` near-duplicate pipeline.

Reads the same ``articles.jsonl`` as ``retold scan`` and writes the article pairs it finds:

1. ``minhash``: read each JSON line, lowercase the ``maintext``, cut it into word tokens
   (``\\w+``, Unicode), make word 5-shingles (tokens joined by one space, UTF-8) and hash them
   into ``MinHash(num_perm=128)`` (datasketch defaults otherwise: seed 1, SHA-1 32-bit hash,
   ``update_batch``). With ``--workers N > 1`` the lines are hashed by N processes (chunks of
   ``--chunk`` lines, read and sent by the main process, results kept in order).
2. ``lsh_insert``: insert every document into ``MinHashLSH(threshold=0.5, num_perm=128)``
   (datasketch picks b bands of r rows; in-memory storage), keyed by its line number.
3. ``lsh_query``: query every document; every other key it returns makes a candidate pair.
   Those candidates are the pipeline's result.
4. ``verify``: keep the candidates whose MinHash-estimated Jaccard similarity is >= 0.5
   (the share of the 128 slots that agree); reported as a second result.

Output: ``--out DIR`` gets ``pairs.parquet`` (``a_id, b_id, jaccard``: every candidate, with
its estimated Jaccard) and ``timings.json`` (seconds per stage, counts, the LSH's b and r).

Usage: python bench/minhash_peer.py articles.jsonl --out DIR [--workers 1]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import numpy as np

NUM_PERM = 128
THRESHOLD = 0.5
SHINGLE = 5
_WORDS = re.compile(r"\w+")


def shingles(text: str) -> list[bytes]:
    """Word 5-shingles of lowercased ``\\w+`` tokens (a text under 5 words: one shingle)."""
    words = _WORDS.findall(text.lower())
    if len(words) < SHINGLE:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - 4)]


def minhash_lines(lines: list[str]) -> tuple[list[str], np.ndarray]:
    """Ids and MinHash signatures (one row of 128 uint32 per line)."""
    from datasketch import MinHash

    ids: list[str] = []
    signatures = np.empty((len(lines), NUM_PERM), dtype=np.uint32)
    for row, line in enumerate(lines):
        record = json.loads(line)
        ids.append(str(record["id"]))
        minhash = MinHash(num_perm=NUM_PERM)
        minhash.update_batch(shingles(record.get("maintext") or ""))
        signatures[row] = minhash.hashvalues
    return ids, signatures


def _chunks(path: Path, size: int) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as handle:
        while chunk := list(islice(handle, size)):
            yield chunk


def signatures_of(path: Path, workers: int, chunk: int) -> tuple[list[str], np.ndarray]:
    ids: list[str] = []
    parts: list[np.ndarray] = []
    if workers <= 1:
        results: Iterator[tuple[list[str], np.ndarray]] = map(minhash_lines, _chunks(path, chunk))
        for chunk_ids, signatures in results:
            ids.extend(chunk_ids)
            parts.append(signatures)
    else:
        import multiprocessing

        with multiprocessing.get_context("forkserver").Pool(workers) as pool:
            for chunk_ids, signatures in pool.imap(minhash_lines, _chunks(path, chunk)):
                ids.extend(chunk_ids)
                parts.append(signatures)
    matrix = np.concatenate(parts) if parts else np.zeros((0, NUM_PERM), dtype=np.uint32)
    return ids, matrix


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=1, help="MinHash processes")
    parser.add_argument("--chunk", type=int, default=1000, help="lines per task")
    arguments = parser.parse_args(argv)

    import pyarrow as pa
    import pyarrow.parquet as pq
    from datasketch import LeanMinHash, MinHashLSH

    timings: dict[str, float] = {}
    started = time.perf_counter()
    ids, matrix = signatures_of(arguments.articles, arguments.workers, arguments.chunk)
    timings["minhash"] = time.perf_counter() - started

    started = time.perf_counter()
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    lean = [LeanMinHash(seed=1, hashvalues=row, scheme="affine32") for row in matrix]
    for key, minhash in enumerate(lean):
        lsh.insert(key, minhash)
    timings["lsh_insert"] = time.perf_counter() - started

    started = time.perf_counter()
    left: list[int] = []
    right: list[int] = []
    for key, minhash in enumerate(lean):
        for other in lsh.query(minhash):
            if other > key:
                left.append(key)
                right.append(other)
    timings["lsh_query"] = time.perf_counter() - started

    started = time.perf_counter()
    a = np.asarray(left, dtype=np.int64)
    b = np.asarray(right, dtype=np.int64)
    jaccard = np.empty(len(a), dtype=np.float32)
    for start in range(0, len(a), 100_000):
        stop = start + 100_000
        agree = matrix[a[start:stop]] == matrix[b[start:stop]]
        jaccard[start:stop] = agree.mean(axis=1)
    verified = int((jaccard >= THRESHOLD).sum())
    timings["verify"] = time.perf_counter() - started

    started = time.perf_counter()
    arguments.out.mkdir(parents=True, exist_ok=True)
    id_array = pa.array(ids, pa.string())
    table = pa.table(
        {
            "a_id": id_array.take(pa.array(a)),
            "b_id": id_array.take(pa.array(b)),
            "jaccard": pa.array(jaccard),
        }
    )
    pq.write_table(table, arguments.out / "pairs.parquet")
    timings["write"] = time.perf_counter() - started
    report = {
        "timings": {name: round(seconds, 3) for name, seconds in timings.items()},
        "counts": {"documents": len(ids), "candidate_pairs": len(a), "verified_pairs": verified},
        "lsh": {"b": lsh.b, "r": lsh.r, "threshold": THRESHOLD, "num_perm": NUM_PERM},
        "workers": arguments.workers,
        "shingles": "word 5-shingles of lowercased \\w+ tokens of maintext",
    }
    (arguments.out / "timings.json").write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
