#!/usr/bin/env python3
"""Find verbatim shared word runs between all pairs of articles (gold-labelling aid).

INDEPENDENT of retold: stdlib only, no retold import, no retold output read.

Words are `\\w+` tokens, lower-cased.  For every pair of articles this finds the
maximal runs of >= MIN_RUN (8) identical consecutive words (exact: every 8-gram
shared by both is located, and consecutive matches on the same diagonal i-j are
merged into one maximal run).

Usage
  python3 shared_spans.py [CSV] > candidates.csv      # all pairs with a shared run
      columns: a_id,b_id,shared_a,shared_b,longest,runs,cov_a,cov_b,pub_a,pub_b
      shared_a / shared_b = words of a / b covered by some shared run,
      cov_a / cov_b = those counts divided by the article's word count.
  python3 shared_spans.py --show A B [CSV]             # print the shared runs of
      one pair, longest first, with 12 words of context on both sides.

Default CSV: /work/shared/data/helsinki-summit/helsinki_articles.csv
Runs in a few seconds on this 612-article corpus.
"""

import csv
import re
import sys
from collections import defaultdict

MIN_RUN = 8
DEFAULT = "/work/shared/data/helsinki-summit/helsinki_articles.csv"
WORD = re.compile(r"\w+")


def load(path):
    csv.field_size_limit(10**9)
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def tokens(text):
    """(lower-cased words, their (start, end) char offsets)."""
    ms = list(WORD.finditer(text))
    return [m.group().lower() for m in ms], [m.span() for m in ms]


def grams(words):
    return [hash(tuple(words[i : i + MIN_RUN])) for i in range(len(words) - MIN_RUN + 1)]


def runs_between(ga, gb, wa, wb):
    """Maximal runs as (start_a, start_b, length) for two gram lists."""
    pos_b = defaultdict(list)
    for j, h in enumerate(gb):
        pos_b[h].append(j)
    starts = set()
    for i, h in enumerate(ga):
        for j in pos_b.get(h, ()):
            if wa[i : i + MIN_RUN] == wb[j : j + MIN_RUN]:  # guard against hash collisions
                starts.add((i, j))
    runs = []
    for i, j in sorted(starts):
        if (i - 1, j - 1) in starts:
            continue  # not the start of a maximal run
        n = 1
        while (i + n, j + n) in starts:
            n += 1
        runs.append((i, j, n + MIN_RUN - 1))
    return runs


def covered(runs, k, n):
    mask = bytearray(n)
    for r in runs:
        s, ln = r[k], r[2]
        mask[s : s + ln] = b"\1" * ln
    return sum(mask)


def all_pairs(rows):
    toks = [tokens(r["text"])[0] for r in rows]
    gs = [grams(w) for w in toks]
    index = defaultdict(set)
    for d, g in enumerate(gs):
        for h in g:
            index[h].add(d)
    cand = set()
    for docs in index.values():
        if len(docs) > 1:
            ds = sorted(docs)
            for x in range(len(ds)):
                for y in range(x + 1, len(ds)):
                    cand.add((ds[x], ds[y]))
    out = []
    for a, b in cand:
        runs = runs_between(gs[a], gs[b], toks[a], toks[b])
        if not runs:
            continue
        sa, sb = covered(runs, 0, len(toks[a])), covered(runs, 1, len(toks[b]))
        out.append(
            (
                rows[a]["id"],
                rows[b]["id"],
                sa,
                sb,
                max(r[2] for r in runs),
                len(runs),
                round(sa / len(toks[a]), 3),
                round(sb / len(toks[b]), 3),
                rows[a]["publisher"],
                rows[b]["publisher"],
            )
        )
    out = [
        o if int(o[0]) < int(o[1]) else (o[1], o[0], o[3], o[2], o[4], o[5], o[7], o[6], o[9], o[8])
        for o in out
    ]
    out.sort(key=lambda o: (int(o[0]), int(o[1])))
    return out


def show(rows, a_id, b_id, ctx=12):
    by = {r["id"]: r for r in rows}
    A, B = by[a_id], by[b_id]
    wa, sa = tokens(A["text"])
    wb, _sb = tokens(B["text"])
    runs = sorted(runs_between(grams(wa), grams(wb), wa, wb), key=lambda r: -r[2])
    print(
        f"{a_id} {A['publisher']} {A['scrape_time']}  |  {b_id} {B['publisher']} {B['scrape_time']}"
    )
    print(f"{len(runs)} runs, words in a: {len(wa)}, in b: {len(wb)}")
    for i, j, n in runs:
        ta = A["text"]
        lo = sa[max(0, i - ctx)][0]
        s0, s1 = sa[i][0], sa[i + n - 1][1]
        hi = sa[min(len(sa) - 1, i + n - 1 + ctx)][1]
        print(f"\n--- run of {n} words (a@{i}, b@{j})")
        print(f"{ta[lo:s0]}[[{ta[s0:s1]}]]{ta[s1:hi]}")


def main(argv):
    if argv and argv[0] == "--show":
        show(load(argv[3] if len(argv) > 3 else DEFAULT), argv[1], argv[2])
        return
    rows = load(argv[0] if argv else DEFAULT)
    w = csv.writer(sys.stdout)
    w.writerow(
        [
            "a_id",
            "b_id",
            "shared_a",
            "shared_b",
            "longest",
            "runs",
            "cov_a",
            "cov_b",
            "pub_a",
            "pub_b",
        ]
    )
    w.writerows(all_pairs(rows))


if __name__ == "__main__":
    main(sys.argv[1:])
