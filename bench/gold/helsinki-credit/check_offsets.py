#!/usr/bin/env python3
"""Check credit.csv against the corpus, independently of build_credit.py and of retold.

Re-reads credit.csv and the Helsinki CSV (stdlib only) and asserts that
  * every evidence / own / source-credit item slices back to its quoted text,
    in the text with " ### " replaced by "\\n" (the copy's text for `evidence` and
    `own_dateline_or_byline`, the source's text for `source_credit_evidence`);
  * columns, verdict values, kinds and the doubtful flag are well formed;
  * doc ids exist, outlets match the corpus's `publisher`, pair numbers run 1..N;
  * `uncredited` rows name neither the source outlet nor a wire in their evidence
    (only a `generic_wire` item is allowed), other verdicts have evidence;
  * every pair is labelled `retelling` in ../helsinki/pairs.csv (when present).

Usage:  python3 check_offsets.py [CREDIT_CSV] [CORPUS_CSV]
"""

import csv
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CREDIT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "credit.csv")
CORPUS = (
    sys.argv[2] if len(sys.argv) > 2 else "/work/shared/data/helsinki-summit/helsinki_articles.csv"
)
PAIRS = os.path.join(HERE, "..", "helsinki", "pairs.csv")

COLUMNS = [
    "pair_no",
    "source_doc_id",
    "copy_doc_id",
    "source_outlet",
    "copy_outlet",
    "source_wire",
    "verdict",
    "evidence",
    "own_dateline_or_byline",
    "doubtful",
    "note",
    "source_credit_evidence",
]
VERDICTS = {"credits source", "credits wire", "credits other", "uncredited"}
EV_KINDS = {
    "dateline",
    "byline",
    "author",
    "contributor_line",
    "copyright",
    "originally_published",
    "provider_label",
    "source_link",
    "in_text",
    "generic_wire",
}
OWN_KINDS = {"dateline_untagged", "own_byline"}
SRC_KINDS = EV_KINDS | {"own_byline", "own_dateline", "masthead"}


def main():
    csv.field_size_limit(10**9)
    with open(CORPUS, newline="", encoding="utf-8") as f:
        corpus = {r["id"]: r for r in csv.DictReader(f)}
    with open(CREDIT, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == COLUMNS, reader.fieldnames
        rows = list(reader)

    retelling = None
    if os.path.exists(PAIRS):
        with open(PAIRS, newline="", encoding="utf-8") as f:
            retelling = {
                frozenset((r["a_id"], r["b_id"]))
                for r in csv.DictReader(f)
                if r["label"] == "retelling"
            }

    n_items = 0

    def check_items(items, text, kinds, where):
        nonlocal n_items
        assert isinstance(items, list), where
        for it in items:
            a, b, s, k = it["start"], it["end"], it["text"], it["kind"]
            assert isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(text), (
                where,
                it,
            )
            assert text[a:b] == s, f"{where}: text[{a}:{b}] = {text[a:b]!r} != {s!r}"
            assert k in kinds, (where, k)
            n_items += 1

    seen = set()
    for i, r in enumerate(rows, 1):
        where = f"pair {r['pair_no']}"
        assert r["pair_no"] == str(i), where
        s_id, c_id = r["source_doc_id"], r["copy_doc_id"]
        assert s_id in corpus and c_id in corpus and s_id != c_id, where
        assert frozenset((s_id, c_id)) not in seen, where
        seen.add(frozenset((s_id, c_id)))
        assert r["source_outlet"] == corpus[s_id]["publisher"], where
        assert r["copy_outlet"] == corpus[c_id]["publisher"], where
        assert r["verdict"] in VERDICTS, where
        assert r["doubtful"] in ("True", "False"), where
        assert r["note"].strip(), where
        if retelling is not None:
            assert frozenset((s_id, c_id)) in retelling, (
                f"{where}: not a retelling pair in the helsinki gold"
            )

        s_text = corpus[s_id]["text"].replace(" ### ", "\n")
        c_text = corpus[c_id]["text"].replace(" ### ", "\n")

        ev = json.loads(r["evidence"])
        check_items(ev, c_text, EV_KINDS, where + " evidence")
        if r["verdict"] == "uncredited":
            assert all(e["kind"] == "generic_wire" for e in ev), where
        else:
            assert any(e["kind"] != "generic_wire" for e in ev), where

        if r["own_dateline_or_byline"]:
            own = json.loads(r["own_dateline_or_byline"])
            assert set(own) == {"claims_own", "items"} and isinstance(own["claims_own"], bool), (
                where
            )
            check_items(own["items"], c_text, OWN_KINDS, where + " own")

        check_items(json.loads(r["source_credit_evidence"]), s_text, SRC_KINDS, where + " source")
        if r["source_wire"]:
            assert r["source_credit_evidence"] != "[]", where

    print(f"OK: {len(rows)} pairs, {n_items} evidence items slice back to their text")


if __name__ == "__main__":
    main()
