"""What the corpus view shows, read from a scan's results folder into plain records.

The scan's files are joined in DuckDB (out of core), and only what the page needs comes back to
Python: the documents of the families (and of the listed pairs), the pairs inside a family, and
the outlet × outlet counts already aggregated. Everything after loading is pure: choosing which
links draw the "who copied whom" graph and picking a headline for an untitled article are plain
functions over these records, tested without a browser.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import duckdb
import regex

from retold.clean.boilerplate import Block, is_short_line, label_block
from retold.clean.outlet_boilerplate import line_hashes
from retold.errors import ResultsError
from retold.report.corpus.credit import CreditTables, load_credit
from retold.store.texts import TextStore

__all__ = [
    "PAIR_VIEWS",
    "CorpusModel",
    "Family",
    "FamilyMember",
    "PairViews",
    "ReportDocument",
    "ReportPair",
    "ReuseMatrix",
    "choose_lineage",
    "family_headline",
    "headline_of",
    "load_corpus",
    "safe_href",
]

PairViews = Literal["lineage", "family", "all"]
"""Which pairs get a pair view. ``lineage``: for each family member, the pair that says where
its text most likely came from (the graph's arrows, the "likely came from" links): one page
per member, so the report grows with the corpus, not with the square of its family sizes (a
wire story printed 164 times is 13,366 pairs). ``family``: every pair inside a family.
``all``: every pair of the scan."""
PAIR_VIEWS: tuple[PairViews, ...] = ("lineage", "family", "all")

MATRIX_OUTLETS = 30
"""Outlets in the reuse matrix: the most involved ones; more would not fit a screen."""
_HEADLINE_CHARS = 140
_HEADLINE_MIN_WORDS = 4
_HEADLINE_LINES = 12
_WORD = regex.compile(r"\p{L}{3,}")
"""A word of a headline; "Jul 15 2018, 11:26 am ET" has one, a headline has at least three."""
_WEB_CHROME = regex.compile(
    r"\b(?:please|enter (?:city|your)|zip code|sign(?:ed)? (?:up|in)|log in|subscribe|newsletter"
    r"|news alerts|commenting)\b"
    r"|\b(?:facebook|twitter|linkedin|pinterest|whatsapp|email)\b"
    r".*\b(?:facebook|twitter|linkedin|pinterest|whatsapp|email)\b",
    regex.IGNORECASE,
)
"""Page furniture the boilerplate lexicon leaves to the page's shape: forms, alerts, share bars."""
_TEXT_BATCH = 512
"""Texts read at once from the text store when looking for headlines."""
_FAMILY_RELATIONS = ("retelling", "compilation")

Side = Literal["a", "b"]


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """One article as the corpus view lists it."""

    doc: int
    """The scan's document index (row of the text store)."""
    doc_id: str
    outlet: str | None
    title: str | None
    headline: str
    """The title, or else the first line of the text that reads like one (may be empty)."""
    url: str | None
    href: str | None
    """``url`` when it is an http(s) address, the only kind the page makes a link of."""
    published: datetime | None
    """Publication time in UTC, as the scan stored it."""
    zone_known: bool
    """False when the input gave no time zone (the scan then compares the times as naive)."""
    chars: int


@dataclass(frozen=True, slots=True)
class ReportPair:
    """One pair of the scan, documents by index, direction as a side."""

    pair: int
    a: int
    b: int
    relation: str
    source: Side | None
    """Which side the scan names as the likely source; None when undecided."""
    source_confidence: float
    a_in_b: float
    b_in_a: float
    shared_words: int
    wire: str | None = None
    """The agency both articles credit, when they are siblings of a wire story (no source)."""


@dataclass(frozen=True, slots=True)
class FamilyMember:
    doc: int
    role: str
    """``source`` (earliest member), ``member`` or ``compilation``."""
    share: float


@dataclass(frozen=True, slots=True)
class Family:
    """A story family with the numbers the families table sorts by."""

    family_id: int
    members: tuple[FamilyMember, ...]
    pairs: tuple[int, ...]
    """Every scanned pair whose two documents are both in the family (pair numbers)."""
    lineage: tuple[tuple[int, int], ...]
    """``(doc, pair)``: the pair that explains each member, drawn as "who copied whom" (see
    ``choose_lineage``)."""
    outlets: int
    earliest: datetime | None
    latest: datetime | None
    lead: int
    """The family's earliest document (its ``source`` member)."""
    headline: str
    """What names the family: the headline most members share (see ``family_headline``)."""


@dataclass(frozen=True, slots=True)
class ReuseMatrix:
    """Retelling pairs with a likely source, counted from the source's outlet to the copier's.

    ``outlets`` are the most involved outlets (rows and columns in the same order, so the
    diagonal is an outlet retelling itself); ``sources`` and ``copies`` are each outlet's totals
    over all outlets, including those not shown.
    """

    outlets: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]
    sources: tuple[int, ...]
    copies: tuple[int, ...]
    pairs: int
    """Directed retelling pairs counted, over all outlets."""
    all_outlets: int


@dataclass(frozen=True, slots=True)
class CorpusModel:
    """Everything the report pages show."""

    inputs: tuple[str, ...]
    finished: str | None
    documents_scanned: int
    relations: dict[str, int]
    """Pairs of the scan by relation."""
    documents: dict[int, ReportDocument]
    """The documents the pages mention, by scan index."""
    pairs: dict[int, ReportPair]
    """The pairs the pages mention (those in families; all of them with ``pair_views="all"``)."""
    families: tuple[Family, ...]
    matrix: ReuseMatrix
    paged: tuple[int, ...]
    """The pairs that get a pair view, in ascending order (``PairViews``)."""
    credit: CreditTables | None = None
    """The credit page's tables, for a scan with stories (``scan --story``)."""
    results: str = ""
    """The results folder as given: a pair without a view names it in ``retold pair``."""


# ---------------------------------------------------------------------------------------------
# Pure helpers


def safe_href(url: str | None) -> str | None:
    """``url`` if a browser may follow it as a link (http or https, no whitespace), else None.

    Anything else (``javascript:``, ``data:``, relative paths, garbage) is shown as text only.
    """
    if not url or any(character.isspace() or ord(character) < 32 for character in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def headline_of(text: str, boilerplate: frozenset[int] = frozenset()) -> str:
    """The line of ``text`` that most likely is its headline, cut to a readable length.

    Scraped corpora often have no title field, but the headline is usually among the first
    lines, after page chrome. Of the first few lines, those the outlet prints under many
    articles (``boilerplate``, hashes as learned by the scan), those the boilerplate lexicon
    recognises (captions, appeals, datelines), form and share-bar furniture ("Enter City and
    State or Zip Code") and those under four words or three real words
    (a date, "Advertisement") are skipped; the first remaining line shaped like a headline
    (short, no sentence end) wins, else the first remaining line, else the first line.
    """
    first = ""
    prose = ""
    for raw in text.split("\n")[:_HEADLINE_LINES]:
        line = " ".join(raw.split())
        if not line:
            continue
        first = first or line
        if len(line.split()) < _HEADLINE_MIN_WORDS or len(_WORD.findall(line)) < 3:
            continue
        if boilerplate and set(line_hashes(line)) <= boilerplate:
            continue
        if label_block(Block(line)) is not None or _WEB_CHROME.search(line):
            continue
        if is_short_line(line):
            return _cut(line)
        prose = prose or line
    return _cut(prose or first)


def family_headline(documents: Sequence[ReportDocument], lead: ReportDocument) -> str:
    """The headline two or more of a family's articles share, else the earliest article's.

    Retellings usually copy the headline too, while a line of page chrome mistaken for a
    headline belongs to one outlet (or one network) only; the earliest article's headline wins
    ties. A wire story split over several families keeps its headline in each of them.
    """
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    lead_key = lead.headline.casefold()
    if lead_key:
        counts[lead_key] = 0  # first in the counter: it wins ties
        spelled[lead_key] = lead.headline
    for document in documents:
        key = document.headline.casefold()
        if key:
            counts[key] += 1
            spelled.setdefault(key, document.headline)
    if not counts:
        return ""
    best = max(counts, key=lambda key: counts[key])
    return spelled[best] if counts[best] >= 2 or not lead_key else lead.headline


def _cut(line: str) -> str:
    if len(line) <= _HEADLINE_CHARS:
        return line
    cut = line[:_HEADLINE_CHARS].rsplit(" ", 1)[0]
    if len(cut) < _HEADLINE_CHARS // 2:  # one enormous word: cut inside it
        cut = line[:_HEADLINE_CHARS]
    return cut.rstrip(" ,;:-–—") + "…"


def choose_lineage(
    members: Iterable[FamilyMember], pairs: Sequence[ReportPair]
) -> tuple[tuple[int, int], ...]:
    """For each member, the pair that says where its text most likely came from: ``(doc, pair)``.

    A family of n articles can hold n(n-1)/2 pairs, most of them "both copied the same wire
    story"; drawn all at once that is a hairball. Each member keeps the one pair, among those
    where it is not the named source, that best explains it: retellings before compilation
    links (kept only for compilations and the stories they contain) and other shared text; a
    partner named as the source, or a sibling crediting the same wire, before an undecided one;
    then the largest share of the member found in the partner, the confidence and the shared
    words. The result reads as "who copied whom": at most one incoming link per article; the
    family's earliest source usually has none.
    """
    chosen: dict[int, tuple[tuple[Any, ...], int]] = {}
    for pair in pairs:
        for doc, side in ((pair.a, "a"), (pair.b, "b")):
            if pair.source == side:
                continue  # doc is this pair's source: the pair does not explain where doc came from
            own_share = pair.a_in_b if side == "a" else pair.b_in_a
            rank = (
                pair.relation == "retelling",
                pair.relation in _FAMILY_RELATIONS,
                pair.source is not None or pair.wire is not None,
                round(own_share, 2),
                pair.source_confidence,
                pair.shared_words,
                -pair.pair,
            )
            if doc not in chosen or rank > chosen[doc][0]:
                chosen[doc] = (rank, pair.pair)
    return tuple((m.doc, chosen[m.doc][1]) for m in members if m.doc in chosen)


# ---------------------------------------------------------------------------------------------
# Loading


def _quote(path: Path) -> str:
    return "'" + str(path.resolve()).replace("'", "''") + "'"


def check_results(results: Path) -> dict[str, Any]:
    """The manifest of a finished scan, or a one-line ``ResultsError`` saying what is wrong."""
    if not results.exists():
        raise ResultsError(f"{results}: no such results folder (run retold scan first)")
    if not results.is_dir():
        raise ResultsError(f"{results}: not a folder (give the folder retold scan wrote)")
    manifest_path = results / "manifest.json"
    if not manifest_path.exists():
        raise ResultsError(
            f"{results}: no manifest.json, the scan is unfinished (rerun retold scan to finish it)"
        )
    try:
        manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ResultsError(f"{manifest_path}: unreadable manifest ({error})") from None
    if not str(manifest.get("schema", "")).startswith("retold.scan/"):
        raise ResultsError(f"{manifest_path}: not the manifest of a retold scan")
    needed = (
        "pairs.parquet",
        "families.parquet",
        ".work/documents.parquet",
        ".work/texts.arrow",
    )
    for name in needed:
        if not (results / name).exists():
            raise ResultsError(f"{results}: {name} is missing (rerun retold scan to rebuild it)")
    return manifest


def _rows(connection: duckdb.DuckDBPyConnection, query: str) -> list[tuple[Any, ...]]:
    return connection.execute(query).fetchall()


def _boilerplate(
    connection: duckdb.DuckDBPyConnection, results: Path, outlets: set[str]
) -> dict[str, frozenset[int]]:
    """The lines each outlet repeats, as learned by the scan (empty if the file is absent).

    Lines shared across many families are not added: a wire story's headline and body are
    often spread over several families, so "found in many families" does not mean chrome.
    """
    path = results / ".work" / "outlet_boilerplate.parquet"
    if not path.exists() or not outlets:
        return {}
    found: dict[str, set[int]] = defaultdict(set)
    for outlet, line_hash in _rows(
        connection, f"SELECT outlet, line_hash FROM read_parquet({_quote(path)})"
    ):
        if outlet in outlets:
            found[outlet].add(int(line_hash))
    return {outlet: frozenset(hashes) for outlet, hashes in found.items()}


def _load_documents(
    connection: duckdb.DuckDBPyConnection, results: Path, wanted: str
) -> dict[int, ReportDocument]:
    """The documents whose index is in the ``wanted`` table, headlines read from their texts."""
    rows = _rows(
        connection,
        f"""
        SELECT d.doc, d.doc_id, d.outlet, d.title, d.url, d.published,
               coalesce(d.published_zone_known, true), d.chars
        FROM read_parquet({_quote(results / ".work" / "documents.parquet")}) d
        JOIN {wanted} w ON w.doc = d.doc
        ORDER BY d.doc
        """,
    )
    untitled = [row[0] for row in rows if not (row[3] or "").strip()]
    boilerplate = _boilerplate(connection, results, {row[2] for row in rows if row[2]})
    outlet_of = {row[0]: row[2] for row in rows}
    headlines: dict[int, str] = {}
    if untitled:
        store = TextStore(results / ".work" / "texts.arrow")
        for start in range(0, len(untitled), _TEXT_BATCH):
            batch = untitled[start : start + _TEXT_BATCH]
            for doc, text in zip(batch, store.take(batch), strict=True):
                skipped = boilerplate.get(outlet_of[doc] or "", frozenset())
                headlines[doc] = headline_of(text or "", skipped)
    documents = {}
    for doc, doc_id, outlet, title, url, published, zone_known, chars in rows:
        title = title.strip() if title and title.strip() else None
        documents[doc] = ReportDocument(
            doc=doc,
            doc_id=doc_id,
            outlet=outlet,
            title=title,
            headline=_cut(" ".join(title.split())) if title else headlines.get(doc, ""),
            url=url,
            href=safe_href(url),
            published=published,
            zone_known=bool(zone_known),
            chars=int(chars or 0),
        )
    return documents


def _load_matrix(connection: duckdb.DuckDBPyConnection) -> ReuseMatrix:
    edges = _rows(
        connection,
        """
        SELECT coalesce(CASE WHEN p.source = p.a_id THEN da.outlet ELSE db.outlet END, '')
                   AS from_outlet,
               coalesce(CASE WHEN p.source = p.a_id THEN db.outlet ELSE da.outlet END, '')
                   AS to_outlet,
               count(*) AS pairs
        FROM pairs p
        JOIN docs da ON da.doc_id = p.a_id
        JOIN docs db ON db.doc_id = p.b_id
        WHERE p.relation = 'retelling' AND p.source IS NOT NULL
        GROUP BY ALL
        """,
    )
    sources: dict[str, int] = defaultdict(int)
    copies: dict[str, int] = defaultdict(int)
    for from_outlet, to_outlet, count in edges:
        sources[from_outlet] += count
        copies[to_outlet] += count
    everyone = set(sources) | set(copies)
    ranked = sorted(everyone, key=lambda o: (-(sources[o] + copies[o]), o))[:MATRIX_OUTLETS]
    position = {outlet: index for index, outlet in enumerate(ranked)}
    counts = [[0] * len(ranked) for _ in ranked]
    for from_outlet, to_outlet, count in edges:
        if from_outlet in position and to_outlet in position:
            counts[position[from_outlet]][position[to_outlet]] += count
    return ReuseMatrix(
        outlets=tuple(ranked),
        counts=tuple(tuple(row) for row in counts),
        sources=tuple(sources[o] for o in ranked),
        copies=tuple(copies[o] for o in ranked),
        pairs=sum(count for _, _, count in edges),
        all_outlets=len(everyone),
    )


def load_corpus(results: Path, *, pair_views: PairViews = "lineage") -> CorpusModel:
    """Read a finished scan's results into the records the report pages are built from.

    ``pair_views`` chooses the pairs that get a page (``PairViews``); with ``all`` every pair
    of the scan is loaded, else the pairs inside families.
    """
    if pair_views not in PAIR_VIEWS:
        raise ValueError(f"pair_views must be one of {', '.join(PAIR_VIEWS)}, not {pair_views!r}")
    all_pairs = pair_views == "all"
    manifest = check_results(results)
    connection = duckdb.connect()
    try:
        work = results / ".work"
        connection.execute(
            "CREATE TEMP VIEW docs AS SELECT doc, doc_id, outlet FROM read_parquet("
            f"{_quote(work / 'documents.parquet')})"
        )
        pairs_path = _quote(results / "pairs.parquet")
        columns = {row[0] for row in _rows(connection, f"DESCRIBE SELECT * FROM {pairs_path}")}
        # Scans before the wire column name no wire: their siblings read as undecided pairs.
        wire = "" if "wire" in columns else ", CAST(NULL AS VARCHAR) AS wire"
        connection.execute(f"CREATE TEMP VIEW pairs AS SELECT *{wire} FROM {pairs_path}")
        connection.execute(
            "CREATE TEMP VIEW families AS SELECT family_id, doc_id, role, share FROM read_parquet("
            f"{_quote(results / 'families.parquet')})"
        )
        # Pairs with both documents in one family, once per family they are in.
        connection.execute(
            """
            CREATE TEMP TABLE family_pairs AS
            SELECT fa.family_id, p.pair
            FROM pairs p
            JOIN families fa ON fa.doc_id = p.a_id
            JOIN families fb ON fb.doc_id = p.b_id AND fb.family_id = fa.family_id
            """
        )
        listed = "pairs" if all_pairs else "(SELECT DISTINCT pair FROM family_pairs)"
        connection.execute(
            f"""
            CREATE TEMP TABLE listed AS
            SELECT p.pair, da.doc AS a, db.doc AS b, p.relation,
                   CASE WHEN p.source IS NULL THEN NULL
                        WHEN p.source = p.a_id THEN 'a' ELSE 'b' END AS source,
                   coalesce(p.source_confidence, 0.5), p.a_in_b, p.b_in_a, p.shared_words,
                   p.wire
            FROM pairs p
            JOIN docs da ON da.doc_id = p.a_id
            JOIN docs db ON db.doc_id = p.b_id
            WHERE p.pair IN (SELECT pair FROM {listed})
            """
        )
        connection.execute(
            """
            CREATE TEMP TABLE wanted AS
            SELECT d.doc FROM docs d JOIN families f USING (doc_id)
            UNION SELECT a FROM listed UNION SELECT b FROM listed
            """
        )
        documents = _load_documents(connection, results, "wanted")
        pairs = {
            row[0]: ReportPair(
                pair=row[0],
                a=row[1],
                b=row[2],
                relation=row[3],
                source=row[4],
                source_confidence=float(row[5]),
                a_in_b=float(row[6]),
                b_in_a=float(row[7]),
                shared_words=int(row[8]),
                wire=row[9],
            )
            for row in _rows(connection, "SELECT * FROM listed ORDER BY pair")
        }
        members: dict[int, list[FamilyMember]] = defaultdict(list)
        for family_id, doc, role, share in _rows(
            connection,
            "SELECT f.family_id, d.doc, f.role, f.share FROM families f "
            "JOIN docs d USING (doc_id) ORDER BY f.family_id, d.doc",
        ):
            members[family_id].append(FamilyMember(doc, role, float(share or 0.0)))
        in_family: dict[int, list[int]] = defaultdict(list)
        for family_id, pair in _rows(
            connection, "SELECT family_id, pair FROM family_pairs ORDER BY family_id, pair"
        ):
            in_family[family_id].append(pair)
        matrix = _load_matrix(connection)
        relations = dict(
            _rows(connection, "SELECT relation, count(*) FROM pairs GROUP BY 1 ORDER BY 1")
        )
    finally:
        connection.close()
    families = tuple(
        _family(family_id, tuple(found), tuple(in_family[family_id]), documents, pairs)
        for family_id, found in sorted(members.items())
    )
    scanned = manifest.get("documents", {}).get("processed", len(documents))
    return CorpusModel(
        inputs=tuple(str(path) for path in manifest.get("inputs", [])),
        finished=manifest.get("finished"),
        documents_scanned=int(scanned),
        relations={str(k): int(v) for k, v in relations.items()},
        documents=documents,
        pairs=pairs,
        families=families,
        matrix=matrix,
        paged=_paged(pair_views, pairs, families),
        credit=load_credit(results),
        results=str(results),
    )


def _paged(
    pair_views: PairViews, pairs: dict[int, ReportPair], families: tuple[Family, ...]
) -> tuple[int, ...]:
    if pair_views == "lineage":
        return tuple(sorted({pair for family in families for _, pair in family.lineage}))
    return tuple(sorted(pairs))


def _family(
    family_id: int,
    members: tuple[FamilyMember, ...],
    pair_ids: tuple[int, ...],
    documents: dict[int, ReportDocument],
    pairs: dict[int, ReportPair],
) -> Family:
    dated = [published for m in members if (published := documents[m.doc].published) is not None]
    outlets = {documents[m.doc].outlet for m in members}
    lead = next((m.doc for m in members if m.role == "source"), members[0].doc)
    return Family(
        family_id=family_id,
        members=members,
        pairs=pair_ids,
        lineage=choose_lineage(members, [pairs[p] for p in pair_ids]),
        outlets=len(outlets),
        earliest=min(dated) if dated else None,
        latest=max(dated) if dated else None,
        lead=lead,
        headline=family_headline([documents[m.doc] for m in members], documents[lead]),
    )
