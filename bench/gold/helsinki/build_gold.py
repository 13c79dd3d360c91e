#!/usr/bin/env python3
"""Assemble stories.csv and pairs.csv from the hand-made labels (gold bookkeeping).

INDEPENDENT of retold: stdlib only, imports only shared_spans.py (this folder).

Inputs (all hand-edited, in this folder):
  stories_src.txt      story_id | member | id:version ... | note   (one line per story or part)
  compilations.txt     doc_id | story_id | note            (role=compilation rows)
  caption_only.txt     doc ids whose text is only photo captions / page chrome
  pair_overrides.csv   a_id,b_id,label,version,note        (decisions taken by reading)
  candidates.csv       output of shared_spans.py (all pairs with a shared run >= 8 words)
Everything not in stories_src/caption_only becomes a one-article story (<publisher>-<id>).

Pair labels:
  * both members of one story            -> retelling; version=1 if their version tags differ
  * one is a compilation of the other's story -> compilation
  * otherwise decided from the shared spans: every run is classed as caption / chrome /
    quote (inside quotation marks, a tweet or a transcript) / body.  Body text shared
    between different stories is never labelled automatically: such pairs must have a
    line in pair_overrides.csv (the script lists the missing ones and exits non-zero).
    Pairs with quote runs -> shared_quote, else none.
  * pair_overrides.csv always wins.
"""

import collections
import csv
import os
import re
import sys

import shared_spans as S

HERE = os.path.dirname(os.path.abspath(__file__))


def P(n):
    return os.path.join(HERE, n)


TRANSCRIPTS = {"5489"}
KNOWN_QUOTES = re.compile(
    r"(no matter how well I do at the Summit|great city of Moscow as retribution|"
    r"NEVER been worse thanks to|"
    r"Crooked Hillary was going to win|Received many calls from leaders of NATO|"
    r"news media is indeed the enemy of the people|Heading to Helsinki, Finland|"
    r"Great World Cup\. Question for President Trump|Deep State\?)",
    re.I,
)  # NBC 'Meet the Press' transcript: shared text is speech
NONVERSION = {
    "excerpt",
    "rw",
    "nmx",
    "dmrw",
    "cnncom",
    "cnnap",
    "video",
}  # tags that are not text versions


def read_lines(name):
    with open(P(name), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


def load_labels(rows):
    members = collections.defaultdict(dict)  # story -> {doc: version}
    notes = {}
    for line in read_lines("stories_src.txt"):
        sid, _role, mem, note = [x.strip() for x in line.split("|")]
        notes.setdefault(sid, note)
        for tok in mem.split():
            d, v = tok.split(":")
            members[sid][d] = v
    comps = collections.defaultdict(dict)  # story -> {doc: note}
    for line in read_lines("compilations.txt"):
        d, sid, note = [x.strip() for x in line.split("|")]
        comps[sid][d] = note
    caption = set()
    for line in read_lines("caption_only.txt"):
        caption.update(line.split("#")[0].split())
    assigned = {d for m in members.values() for d in m}
    for r in rows:
        d = r["id"]
        if d in assigned:
            continue
        pub = re.sub(r"[^a-z0-9]+", "", r["publisher"].split(".")[0].split("/")[0].lower())
        sid = ("caption-" if d in caption else "") + f"{pub}-{d}"
        members[sid][d] = "v1"
        notes[sid] = (
            "caption/gallery page only: no story text" if d in caption else "single article"
        )
    return members, comps, notes, caption


CAPTION = re.compile(
    r"(AP Photo|via AP|Getty|Lehtikuva|Photo:|\(Photo|Photo by|REUTERS/|/Reuters|Reuters/|"
    r"/AP\b|AFP PHOTO| less$|\.\.\. more$|^FILE -|In this .{0,60}photo|file photo|"
    r"(Sunday|Monday|Saturday|Friday),? (July|June) \d+,? 2018|, 15 July 2018|Credit:|pictured)"
)
CHROME = re.compile(
    r"(subscri|newsletter|sign up|sign me up|facebook|twitter|conversation guidelines|"
    r"weather|winds |"
    r"copyright|rights reserved|may not be published|©|enter city|click|read more|related|"
    r"more$|tap here|"
    r"notifications|e-mail|email|share|advertisement|cookie|privacy|accuweather|login|log in|"
    r"digital access|watch live|live stream|video)",
    re.I,
)
TWEET_SIG = re.compile(r"\(@\w+\)\s*(July|June) \d+, 2018")


def para_at(text, pos):
    s = text.rfind(" ### ", 0, pos)
    e = text.find(" ### ", pos)
    return text[(s + 5 if s >= 0 else 0) : (e if e >= 0 else len(text))], (s + 5 if s >= 0 else 0)


def quote_mask(text):
    """Per character: 1 inside quotation marks (straight, curly, single) or an embedded tweet."""
    mask = bytearray(len(text))
    pos = 0
    for para in text.split(" ### "):
        n = len(para)
        dq = sq = False
        for k, ch in enumerate(para):
            prev = para[k - 1] if k else " "
            nxt = para[k + 1] if k + 1 < n else " "
            if ch == "\u201c":
                dq = True
            elif ch == "\u201d":
                dq = False
            elif ch == '"' or (ch == "'" and nxt == "'") or (ch == "'" and prev == "'"):
                if ch == '"' or nxt == "'":
                    dq = not dq
            elif ch in "\u2018'" and (prev.isspace() or prev in '(\u201c"') and nxt.isalnum():
                sq = True
            elif ch in "\u2019'" and sq and not nxt.isalnum() and not prev.isspace():
                sq = False
            if dq or sq:
                mask[pos + k] = 1
        m = TWEET_SIG.search(para)
        if m:  # tweet text embedded with its signature line
            for k in range(m.start()):
                mask[pos + k] = 1
        pos += n + 5
    # a paragraph followed by a tweet signature paragraph is the tweet text
    paras = text.split(" ### ")
    pos = 0
    for idx, para in enumerate(paras):
        if (
            idx + 1 < len(paras)
            and TWEET_SIG.search(paras[idx + 1][:120])
            and paras[idx + 1].lstrip().startswith(("—", "-"))
        ):
            for k in range(len(para)):
                mask[pos + k] = 1
        pos += len(para) + 5
    return mask


_QM = {}


def quoted_share(doc, text, start, end):
    if doc not in _QM:
        _QM[doc] = quote_mask(text)
    m = _QM[doc][start:end]
    return sum(m) / max(1, len(m))


AGGREGATORS = {"yahoo.com/news", "news.google.com", "centurylink.net/news"}
FAMILY = {
    "tennessean.com": "usatoday",
    "indystar.com": "usatoday",
    "azcentral.com": "usatoday",
    "delawareonline.com": "usatoday",
    "freep.com": "usatoday",
    "detroitnews.com": "usatoday",
    "usatoday.com": "usatoday",
    "bbc.co.uk": "bbc",
    "bbc.com": "bbc",
    "zerohedge.com": "zh",
    "beforeitsnews.com": "zh",
}
_PM = {}


def para_mask(doc, text):
    """Per character: 'c' caption paragraph, 'h' chrome paragraph, 'b' other."""
    if doc not in _PM:
        m = bytearray(len(text))
        pos = 0
        prev = ""
        for para in text.split(" ### "):
            p = para.strip()
            if CAPTION.search(p) or re.search(r"\| AFP|/ AFP|AFP/", p):
                k = ord("c")
            elif (
                (CHROME.search(p) and len(p.split()) < 60)
                or re.search(
                    r"Recommended Video|Now Playing|JUST WATCHED|MUST WATCH|"
                    r"Interpretation of the news|"
                    r"taboola|CancelSend|^by [A-Za-z ]+ - Jul \d+, 2018",
                    p,
                )
                or re.search(r"Now Playing|Recommended Video", prev)
            ):
                k = ord("h")
            else:
                k = ord("b")
            for x in range(pos, min(len(text), pos + len(para))):
                m[x] = k
            pos += len(para) + 5
            prev = p
        _PM[doc] = m
    return _PM[doc]


def classify_runs(ra, rb, runs):
    """Words of body / quote / caption / chrome / same-outlet shared, counted on side a."""
    _wa, sa = S.tokens(ra["text"])
    _wb, sb = S.tokens(rb["text"])
    fa = FAMILY.get(ra["publisher"], ra["publisher"])
    fb = FAMILY.get(rb["publisher"], rb["publisher"])
    same_outlet = fa == fb and ra["publisher"] not in AGGREGATORS
    ma, mb = para_mask(ra["id"], ra["text"]), para_mask(rb["id"], rb["text"])
    out = collections.Counter()
    longest_body = 0
    for i, j, n in runs:
        a0, a1 = sa[i][0], sa[i + n - 1][1]
        b0, b1 = sb[j][0], sb[j + n - 1][1]
        ca = ma[a0:a1]
        cb = mb[b0:b1]
        cap = max(ca.count(ord("c")) / len(ca), cb.count(ord("c")) / len(cb))
        chr_ = max(ca.count(ord("h")) / len(ca), cb.count(ord("h")) / len(cb))
        qa = quoted_share(ra["id"], ra["text"], a0, a1)
        qb = quoted_share(rb["id"], rb["text"], b0, b1)
        if cap >= 0.5:
            k = "caption"
        elif (
            ra["id"] in TRANSCRIPTS
            or rb["id"] in TRANSCRIPTS
            or max(qa, qb) >= 0.6
            or KNOWN_QUOTES.search(ra["text"][max(0, a0 - 40) : a1 + 40])
        ):
            k = "quote"
        elif chr_ >= 0.5:
            k = "chrome"
        elif same_outlet:
            k = "same-outlet"
        else:
            k = "body"
            longest_body = max(longest_body, n)
        out[k] += n
    return out, longest_body


def vnorm(v):
    """Text-version tag; suffixes mark a cut-down/rewrite/composite of that version."""
    if v in NONVERSION:
        return ""
    m = re.match(r"^(v\d+)(s|sf|video|nmx|dm|bg)$", v)
    return m.group(1) if m else v


def main():
    rows = S.load(S.DEFAULT)
    by = {r["id"]: r for r in rows}
    members, comps, notes, caption = load_labels(rows)
    doc_stories = collections.defaultdict(set)
    for sid, m in members.items():
        for d in m:
            doc_stories[d].add(sid)
    doc_comp = collections.defaultdict(set)
    for sid, m in comps.items():
        for d in m:
            doc_comp[d].add(sid)

    overrides = {}
    if os.path.exists(P("pair_overrides.csv")):
        with open(P("pair_overrides.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                a, b = sorted((r["a_id"], r["b_id"]), key=int)
                overrides[(a, b)] = (r["label"], r["version"], r["note"])

    rules = []
    for line in read_lines("storypair_rules.txt"):
        parts = [x.strip() for x in line.split("|")]
        if ">" in parts[0]:
            x, y = [t.strip() for t in parts[0].split(">")]
            rules.append((x, y, True, parts[1], parts[2], parts[3]))
        else:
            rules.append((parts[0], parts[1], False, parts[2], parts[3], parts[4]))

    def rule_for(a, b):
        for x, y, directed, lab, ver, note in rules:
            for p, q in ((a, b), (b, a)):
                sp, sq = doc_stories[p], doc_stories[q]
                if x in sp and (y == "*" or y in sq) and not (directed and x in sq):
                    return lab, ver, note, (p if directed else None), (q if directed else None)
        return None

    cand = {}
    with open(P("candidates.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            cand[(r["a_id"], r["b_id"])] = r
    pairs = set(cand)
    for m in members.values():
        ds = sorted(m, key=int)
        pairs.update((ds[x], ds[y]) for x in range(len(ds)) for y in range(x + 1, len(ds)))

    toks = {}

    def grams(d):
        if d not in toks:
            w, _ = S.tokens(by[d]["text"])
            toks[d] = (w, S.grams(w))
        return toks[d]

    out, review = [], []
    for a, b in sorted(pairs, key=lambda p: (int(p[0]), int(p[1]))):
        common = doc_stories[a] & doc_stories[b]
        c = cand.get((a, b))
        stat = (
            f"shared {c['shared_a']}/{c['shared_b']} words, longest {c['longest']}"
            if c
            else "no shared run >= 8"
        )
        if (a, b) in overrides:
            lab, ver, note = overrides[(a, b)]
            out.append((a, b, lab, ver, f"{note} [{stat}]"))
            continue
        if common and a not in caption and b not in caption:
            sid = sorted(common)[0]
            va, vb = vnorm(members[sid][a]), vnorm(members[sid][b])
            ver = "1" if (va and vb and va != vb) else "0"
            out.append(
                (
                    a,
                    b,
                    "retelling",
                    ver,
                    f"same story {sid} ({members[sid][a]} / {members[sid][b]}) [{stat}]",
                )
            )
            continue
        cs = [s for s in doc_comp[a] if s in doc_stories[b]] + [
            s for s in doc_comp[b] if s in doc_stories[a]
        ]
        if cs:
            out.append((a, b, "compilation", "0", f"compilation holds story {cs[0]} [{stat}]"))
            continue
        wa, ga = grams(a)
        wb, gb = grams(b)
        runs = S.runs_between(ga, gb, wa, wb)
        kinds, lbody = classify_runs(by[a], by[b], runs)
        shared_text = kinds["body"] + kinds["same-outlet"]
        rule = (
            rule_for(a, b)
            if (
                shared_text >= 20
                and (lbody >= 12 or kinds["same-outlet"] >= 20)
                and a not in caption
                and b not in caption
            )
            else None
        )
        if rule:
            lab, ver, note, cdoc, other = rule
            if lab == "none" and kinds["quote"] >= kinds["body"] and kinds["quote"] >= 8:
                lab, note = "shared_quote", "mostly quoted speech/tweets; " + note
            if cdoc and lab == "compilation":
                for s2 in sorted(doc_stories[other]):
                    comps[s2].setdefault(cdoc, note)
            out.append((a, b, lab, ver, f"{note} [{stat}]"))
            continue
        if lbody >= 20 and kinds["body"] >= 30 and a not in caption and b not in caption:
            review.append(
                (a, b, dict(kinds), lbody, sorted(doc_stories[a])[0], sorted(doc_stories[b])[0])
            )
            out.append(
                (a, b, "REVIEW", "0", f"body {kinds['body']} quote {kinds['quote']} [{stat}]")
            )
            continue
        if kinds["quote"] >= 8:
            lab, why = "shared_quote", "quoted speech/tweets/statements"
        else:
            lab, why = "none", "captions/chrome/short or background phrases only"
        parts = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
        out.append((a, b, lab, "0", f"{why}: {parts} [{stat}]"))

    with open(P("pairs.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["a_id", "b_id", "label", "version", "note"])
        w.writerows(o for o in out if o[2] != "REVIEW")

    # stories.csv
    wire = load_wire(by)
    checked = set(read_lines("checked.txt")) if os.path.exists(P("checked.txt")) else set()
    with open(P("stories.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "story_id", "role", "wire", "note", "version", "checked"])
        recs = []
        for sid, m in members.items():
            for d, v in m.items():
                role = "member" if len(m) > 1 else "singleton"
                recs.append(
                    (
                        d,
                        sid,
                        role,
                        wire.get(d, ""),
                        notes[sid],
                        v,
                        "full" if d in checked else "lede",
                    )
                )
        for sid, m in comps.items():
            for d, note in m.items():
                recs.append((d, sid, "compilation", wire.get(d, ""), note, "", "full"))
        recs.sort(key=lambda r: (int(r[0]), r[2] != "member", r[1]))
        w.writerows(recs)

    if review:
        with open(P("review_needed.txt"), "w", encoding="utf-8") as f:
            for r in review:
                f.write(" ".join(map(str, r)) + "\n")
        print(
            f"{len(review)} cross-story pairs share body text and have no override "
            f"(see review_needed.txt)",
            file=sys.stderr,
        )
    elif os.path.exists(P("review_needed.txt")):
        os.remove(P("review_needed.txt"))
    lab = collections.Counter(o[2] for o in out)
    print(dict(lab), file=sys.stderr)


def load_wire(by):
    """Agency/outlet credit as printed in the text (dateline, byline, copyright, 'contributed'
    line); photo credits are ignored.  wire_overrides.txt wins."""
    photo = re.compile(
        r"(Photo|via AP|/ ?AP\b|AP ?/|File\)|Getty|told The Associated Press|"
        r"interview with the Associated Press|Media: Associated Press)",
        re.I,
    )
    agencies = [
        (
            "AP",
            re.compile(r"\(AP\)\s*(—|–|-|--)|AP National Security Writer"),
            re.compile(r"Associated Press|^AP$|, AP$|/ AP$"),
        ),
        ("Reuters", re.compile(r"\(Reuters\)|By Reuters|Thomson/Reuters"), re.compile(r"Reuters")),
        ("AFP", re.compile(r"\(AFP\)"), re.compile(r"Agence France-Presse|^AFP$")),
        (
            "CNN",
            re.compile(r"\(CNN\)|CNN Wires?|CNN NewSource|Cable News Network"),
            re.compile(r", CNN\b|From CNN's"),
        ),
        ("Bloomberg", re.compile(r"\(Bloomberg\)|Bloomberg News"), re.compile(r"Bloomberg")),
        ("Washington Post", re.compile(r"The Washington Post$"), re.compile(r"Washington Post")),
        ("USA TODAY", re.compile(r", USA TODAY\b"), re.compile(r"USA TODAY")),
    ]
    wire = {}
    for d, r in by.items():
        found = []
        paras = [re.sub(r"\s+", " ", p).strip() for p in r["text"].split(" ### ")]
        for name, strong, byline in agencies:
            hit = any(strong.search(p[:200]) for p in paras)
            if not hit:
                hit = any(
                    len(p) <= 160
                    and byline.search(p)
                    and not photo.search(p)
                    and "contributed to this report" not in p
                    for p in paras
                )
            if name == "Reuters" and hit and not any(strong.search(p[:200]) for p in paras):
                # a bare 'Reuters' line next to a picture is a photo credit, not a byline
                hit = any(
                    re.search(r"(By|Reporting by|Editing by).{0,80}Reuters|Reuters\) -", p)
                    for p in paras
                )
            if hit:
                found.append(name)
        contrib = [p for p in paras if re.search(r"contributed to this report", p) and len(p) < 250]
        if (
            contrib
            and re.search(r"and (The )?Associated Press contributed", contrib[0])
            and "AP" not in found
        ):
            found = [*found, "own+AP"]
        wire[d] = "+".join(found)
    if os.path.exists(P("wire_overrides.txt")):
        for line in read_lines("wire_overrides.txt"):
            d, w = [x.strip() for x in line.split("|")[:2]]
            wire[d] = w
    return wire


if __name__ == "__main__":
    main()
