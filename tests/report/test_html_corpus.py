"""The corpus view: ``retold report`` on a small scan, read back in Python and in Chromium.

A hand-made corpus of two retold stories, a roundup that contains both (a compilation) and
unrelated articles is scanned once per module; the articles' titles, outlets, ids, URLs and
bodies carry script and attribute payloads, a ``javascript:`` URL and a 20,000-character line.
Python tests check the folder (files, escaping, the pair views agree with the scan, reruns keep
pages); browser tests open it from ``file://`` in Debian's headless Chromium, as a reader would:
sort, search, open a family, follow a link to a pair view and click a passage there.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

import duckdb
import pytest
from typer.testing import CliRunner

from retold import scan
from retold.cli import PairViewChoice, app
from retold.engines.local import ScanConfig
from retold.errors import ResultsError
from retold.report.corpus import CorpusReportStats, pair_page, write_corpus_report
from retold.report.corpus.model import (
    PAIR_VIEWS,
    FamilyMember,
    ReportDocument,
    ReportPair,
    choose_lineage,
    family_headline,
    headline_of,
    safe_href,
)
from tests.report.conftest import (
    ATTRIBUTE_PAYLOAD,
    LINK_PAYLOAD,
    LONG_LINE,
    SCRIPT_PAYLOAD,
    TEXT_POINT,
    Opened,
    watch,
)

DATA_URL = "data:text/html,<script>window.__pwned=3</script>"

_WORDS = (
    "the minister said council river bridge city people government report water money school "
    "hospital road train police court judge market farmers prices winter summer storm election "
    "party vote mayor budget plan workers union strike company factory jobs village museum "
    "festival music theatre children parents teachers students doctors nurses patients airport "
    "flight tourists hotel beach harbour ships fishing boats coast island mountain forest fire "
    "rain snow wind weather scientists study data climate energy power plant solar homes "
    "families neighbours street square church library park garden team match season coach "
    "players fans stadium record years months weeks days morning evening night local national"
).split()
_START = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


# ---------------------------------------------------------------------------------------------
# The corpus, its scan and its report (once per module)


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    def sentence() -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(12, 20))).capitalize() + "."

    return [" ".join(sentence() for _ in range(3)) for _ in range(count)]


def _article(
    doc_id: str, outlet: str, title: str, hours: float, paragraphs: list[str], url: str
) -> dict[str, str]:
    published = (_START + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "id": doc_id,
        "title": title,
        "source_domain": outlet,
        "date_publish": published,
        "url": url,
        "maintext": "\n\n".join(paragraphs),
    }


def _corpus() -> list[dict[str, str]]:
    """Two stories retold by three outlets each, a roundup holding both, and noise."""
    rng = random.Random(11)
    bridge = _paragraphs(rng, 6)
    harbour = _paragraphs(rng, 6)
    extra = _paragraphs(rng, 3)
    articles = [
        _article(
            "wire-1", "wire.example", "Bridge opening delayed", 0, bridge, "https://wire.example/b"
        ),
        _article(
            "daily-1",
            "daily.example",
            "Bridge delayed again, ministry says",
            0.75,
            [extra[0], *bridge[:5]],
            "http://daily.example/bridge?x=1&y=<2>",
        ),
        _article(
            f"id{ATTRIBUTE_PAYLOAD}",
            SCRIPT_PAYLOAD,
            f"{SCRIPT_PAYLOAD} {ATTRIBUTE_PAYLOAD}",
            2,
            [*bridge, f"Reader comment: {SCRIPT_PAYLOAD} {ATTRIBUTE_PAYLOAD}"],
            LINK_PAYLOAD,
        ),
        _article(
            "herald-2",
            "herald.example",
            "Harbour to close",
            24,
            harbour,
            "https://herald.example/h",
        ),
        _article(
            "attr-2",
            ATTRIBUTE_PAYLOAD,
            ATTRIBUTE_PAYLOAD,
            27,
            [*harbour, extra[1]],
            DATA_URL,
        ),
        _article(
            "long-2", "long.example", LONG_LINE, 30, [*harbour[1:], LONG_LINE], "ftp://long.example"
        ),
        _article(
            "roundup-3",
            "roundup.example",
            "News in brief",
            50,
            [*bridge[:4], extra[2], *harbour[:4]],
            "https://roundup.example/",
        ),
    ]
    for index in range(20):
        articles.append(
            _article(
                f"noise-{index}",
                f"outlet{index % 6}.example",
                f"Unrelated story {index}",
                index * 3.5,
                _paragraphs(rng, 4),
                f"https://outlet{index % 6}.example/{index}",
            )
        )
    return articles


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for article in _corpus():
            handle.write(json.dumps(article) + "\n")
    return path


@pytest.fixture(scope="module")
def results(corpus_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("results")
    scan([corpus_path], folder, config=ScanConfig(workers=1))
    return folder


@dataclasses.dataclass(frozen=True)
class _Report:
    folder: Path
    stats: CorpusReportStats


@pytest.fixture(scope="module")
def report(results: Path, tmp_path_factory: pytest.TempPathFactory) -> _Report:
    folder = tmp_path_factory.mktemp("report")
    return _Report(folder, write_corpus_report(results, folder, workers=1))


def _table(results: Path, name: str) -> list[dict[str, Any]]:
    path = str(results / f"{name}.parquet")
    relation = duckdb.sql(f"SELECT * FROM read_parquet('{path}')")
    assert relation is not None
    return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


def _index_data(report: _Report) -> dict[str, Any]:
    page = (report.folder / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="corpus-data">(.*?)</script>', page)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


# ---------------------------------------------------------------------------------------------
# Pure functions


def test_only_http_urls_become_links() -> None:
    assert safe_href("https://example.com/a?b=1") == "https://example.com/a?b=1"
    assert safe_href("HTTP://example.com") == "HTTP://example.com"
    for bad in (
        LINK_PAYLOAD,
        " javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        DATA_URL,
        "ftp://example.com",
        "//example.com/x",
        "/relative",
        "https://exa mple.com",
        "https://example.com/\x00",
        "http:///nohost",
        "",
        None,
    ):
        assert safe_href(bad) is None, bad


def test_headline_skips_chrome_and_short_lines() -> None:
    text = (
        "Advertisement\nJul 15 2018, 11:26 am ET\nPhoto: Jane Doe / AP\n"
        "Enter City and State or Zip Code\nFacebookEmail Twitter Google+ LinkedIn Pinterest\n"
        "Bridge to open in May\nBody."
    )
    assert headline_of(text) == "Bridge to open in May"
    prose = "The ministry said on Tuesday that the bridge would open. More follows here."
    assert headline_of(prose) == prose
    assert headline_of(LONG_LINE).endswith("…") and len(headline_of(LONG_LINE)) <= 141
    assert headline_of("") == ""


def test_family_headline_prefers_a_shared_headline() -> None:
    def document(doc: int, headline: str) -> ReportDocument:
        return ReportDocument(doc, str(doc), None, None, headline, None, None, None, True, 1)

    lead = document(0, "Get breaking news alerts")
    copies = [document(1, "Bridge to open in May"), document(2, "Bridge to open in May")]
    assert family_headline([lead, *copies], lead) == "Bridge to open in May"
    assert family_headline([lead, document(3, "Other")], lead) == "Get breaking news alerts"
    assert family_headline([lead], lead) == "Get breaking news alerts"


def test_lineage_keeps_one_explaining_pair_per_member() -> None:
    members = [FamilyMember(0, "source", 1.0), FamilyMember(1, "member", 0.9)]
    members.append(FamilyMember(2, "member", 0.8))

    def pair(number: int, a: int, b: int, source: Literal["a", "b"], b_in_a: float) -> ReportPair:
        return ReportPair(number, a, b, "retelling", source, 0.9, 0.9, b_in_a, 100)

    pairs = [pair(0, 0, 1, "a", 0.95), pair(1, 0, 2, "a", 0.6), pair(2, 1, 2, "a", 0.9)]
    # 0 is the source of every pair it is in: nothing explains it; 2 came from 1, not from 0.
    assert choose_lineage(members, pairs) == ((1, 0), (2, 2))


# ---------------------------------------------------------------------------------------------
# The report folder


def test_the_scan_has_families_and_a_compilation(results: Path) -> None:
    families = _table(results, "families")
    roles = {(row["doc_id"], row["role"]) for row in families}
    assert ("roundup-3", "compilation") in roles
    assert len({row["family_id"] for row in families}) == 2
    assert not any(row["doc_id"].startswith("noise") for row in families)


def _pairs_inside_families(results: Path) -> dict[int, dict[str, Any]]:
    """The scan's pairs whose two documents share a family, by pair number."""
    family_of: dict[str, set[int]] = {}
    for row in _table(results, "families"):
        family_of.setdefault(row["doc_id"], set()).add(row["family_id"])
    return {
        row["pair"]: row
        for row in _table(results, "pairs")
        if family_of.get(row["a_id"], set()) & family_of.get(row["b_id"], set())
    }


def _pages(folder: Path) -> set[int]:
    return {int(path.stem) for path in (folder / "pairs").glob("*.html")}


def test_each_family_member_gets_the_view_of_where_it_came_from(
    results: Path, report: _Report
) -> None:
    """By default a member's pages are the pairs it likely came from: every member that is not
    the named source of all its pairs has one, and there are no more pages than members."""
    inside = _pairs_inside_families(results)
    pages = _pages(report.folder)
    assert pages and pages <= inside.keys()
    members = [row["doc_id"] for row in _table(results, "families")]
    assert len(pages) <= len(members) < len(inside)  # fewer pages than pairs in families
    for doc in members:
        could = [p for p, row in inside.items() if doc in (row["a_id"], row["b_id"])]
        explained = [p for p in could if inside[p]["source"] != doc]
        if explained:
            assert set(explained) & pages, doc
    assert report.stats.pair_pages == len(pages) == report.stats.pages_written
    assert report.stats.families == 2
    assert (report.folder / "index.html").stat().st_size < 100_000
    assert (report.folder / "pairs.html").exists()
    # The index knows which pairs have a view; the rest say how to make one.
    data = _index_data(report)
    assert {pair["pair"] for pair in data["pairs"] if pair["page"]} == pages
    assert data["summary"]["results"] == str(results)


def test_family_views_page_every_pair_inside_a_family(results: Path, tmp_path: Path) -> None:
    stats = write_corpus_report(results, tmp_path / "r", pair_views="family", workers=1)
    assert _pages(tmp_path / "r") == _pairs_inside_families(results).keys()
    assert stats.pair_pages == stats.pages_written
    with pytest.raises(ValueError, match="pair_views must be one of lineage, family, all"):
        unknown: Any = "some"
        write_corpus_report(results, tmp_path / "r", pair_views=unknown, workers=1)


def test_pair_views_agree_with_the_scan(results: Path, report: _Report) -> None:
    """Every aligned pair's page tells the scan's verdict (a derived pair's page aligns the pair
    itself, where the scan took its representative's verdict)."""
    for row in _table(results, "pairs"):
        path = pair_page(report.folder, row["pair"])
        if not path.exists() or row["derived_from"] is not None:
            continue
        page = path.read_text(encoding="utf-8")
        side = "unknown"
        if row["source"] is not None:
            side = "a" if row["source"] == row["a_id"] else "b"
        assert f'class="verdict verdict-{side}"' in page, row


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_script and tag != "script"

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


@pytest.mark.parametrize("name", ["index.html", "pairs.html"])
def test_pages_are_escaped_and_locked_down(report: _Report, name: str) -> None:
    page = (report.folder / name).read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    names = [tag for tag, _ in parser.tags]
    assert names.count("script") == 2 and "img" not in names
    for payload in (SCRIPT_PAYLOAD, ATTRIBUTE_PAYLOAD, "<script>window.__pwned=3"):
        assert payload not in page
    for tag, attributes in parser.tags:
        for attribute, value in attributes.items():
            assert not attribute.startswith("on"), (tag, attribute)
            if attribute in ("src", "action", "formaction"):
                raise AssertionError((tag, attribute, value))
            if attribute == "href":
                assert value in ("index.html", "pairs.html", "data:,"), value
    # The data island cannot end its element and reads back the hostile strings unchanged.
    island = re.search(r'id="corpus-data">(.*?)</script>', page, re.S)
    assert island is not None and "<" not in island.group(1) and "&" not in island.group(1)
    data = json.loads(island.group(1))
    outlets = {doc["outlet"] for doc in data["docs"]}
    assert {SCRIPT_PAYLOAD, ATTRIBUTE_PAYLOAD} <= outlets
    by_url = {doc["url"]: doc["href"] for doc in data["docs"]}
    assert by_url[LINK_PAYLOAD] is None and by_url[DATA_URL] is None
    assert by_url["https://wire.example/b"] == "https://wire.example/b"
    # Nothing from the network; the one inline script is named by its hash.
    csp = next(
        str(a["content"])
        for t, a in parser.tags
        if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1]
    digest = base64.b64encode(hashlib.sha256(parser.scripts[-1].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert "@import" not in page


def test_rerun_keeps_pages_and_wider_views_add_the_rest(results: Path, tmp_path: Path) -> None:
    first = write_corpus_report(results, tmp_path / "r", workers=1)
    again = write_corpus_report(results, tmp_path / "r", workers=1)
    assert again.pages_written == 0 and again.pages_reused == first.pair_pages
    inside = len(_pairs_inside_families(results))
    family = write_corpus_report(results, tmp_path / "r", pair_views="family", workers=1)
    assert family.pages_written == inside - first.pair_pages
    everything = write_corpus_report(results, tmp_path / "r", pair_views="all", workers=1)
    total = len(_table(results, "pairs"))
    assert everything.pair_pages == total
    assert everything.pages_written == total - inside
    assert len(list((tmp_path / "r" / "pairs").glob("*.html"))) == total
    # Back to the default: the views written stay, and the index links every one of them.
    back = write_corpus_report(results, tmp_path / "r", workers=1)
    assert back.pages_written == 0 and back.pair_pages == total
    data = _index_data(_Report(tmp_path / "r", back))
    assert all(pair["page"] for pair in data["pairs"])


def test_a_report_folder_reused_for_another_scan_drops_old_pages(
    results: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r"
    (out / "pairs").mkdir(parents=True)
    (out / "pairs" / "999999.html").write_text("stale", encoding="utf-8")
    (out / "pairs" / "notes.txt").write_text("mine", encoding="utf-8")
    write_corpus_report(results, out, workers=1)
    assert not (out / "pairs" / "999999.html").exists()
    assert (out / "pairs" / "notes.txt").exists()  # not a file the report writes: kept


def test_errors_are_one_line_with_exit_code_3(results: Path, tmp_path: Path) -> None:
    with pytest.raises(ResultsError, match="no such results folder"):
        write_corpus_report(tmp_path / "missing", tmp_path / "out")
    unfinished = tmp_path / "unfinished"
    unfinished.mkdir()
    with pytest.raises(ResultsError, match="unfinished"):
        write_corpus_report(unfinished, tmp_path / "out")
    runner = CliRunner()
    result = runner.invoke(app, ["report", str(unfinished), "-o", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1 and "manifest.json" in result.stderr
    result = runner.invoke(
        app, ["report", str(results), "-o", str(tmp_path / "cli"), "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "2 families" in result.stdout and (tmp_path / "cli" / "index.html").exists()


def test_the_command_line_chooses_the_pair_views(results: Path, tmp_path: Path) -> None:
    # The command line's choices are the API's (cli.py keeps its own enum so that it does not
    # import the report, and DuckDB, at start).
    assert [choice.value for choice in PairViewChoice] == list(PAIR_VIEWS)
    runner = CliRunner()
    family = tmp_path / "family"
    arguments = ["report", str(results), "--workers", "1", "-o"]
    done = runner.invoke(app, [*arguments, str(family), "--pair-views", "family"])
    assert done.exit_code == 0, done.output
    assert _pages(family) == _pairs_inside_families(results).keys()
    # The option it replaced still works, and says what to write instead.
    everything = tmp_path / "all"
    done = runner.invoke(app, [*arguments, str(everything), "--all-pairs"])
    assert done.exit_code == 0, done.output
    assert "--all-pairs is now --pair-views all" in done.stderr
    assert len(_pages(everything)) == len(_table(results, "pairs"))
    wrong = runner.invoke(app, [*arguments, str(tmp_path / "x"), "--pair-views", "some"])
    assert wrong.exit_code == 2 and "lineage" in wrong.output


# ---------------------------------------------------------------------------------------------
# In a real browser


@pytest.fixture
def corpus_page(browser: Any, report: _Report) -> Iterator[Opened]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, reduced_motion="reduce")
    opened = watch(context.new_page())
    opened.page.goto((report.folder / "index.html").as_uri())
    opened.page.wait_for_selector("html[data-rendered]")
    yield opened
    assert opened.console_errors == []
    assert opened.dialogs == []
    context.close()


def _family_ids(page: Any) -> list[int]:
    ids: list[str] = page.eval_on_selector_all(
        "#family-rows tr.family", "rows => rows.map(r => r.getAttribute('data-family'))"
    )
    return [int(value) for value in ids]


def _column(page: Any, index: int) -> list[str]:
    values: list[str] = page.eval_on_selector_all(
        f"#family-rows tr.family td:nth-child({index})", "cells => cells.map(c => c.innerText)"
    )
    return values


def test_families_are_listed_sorted_and_searchable(corpus_page: Opened, report: _Report) -> None:
    page = corpus_page.page
    data = _index_data(report)
    assert sorted(_family_ids(page)) == sorted(f["id"] for f in data["families"])
    sizes = [int(value) for value in _column(page, 3)]
    assert sizes == sorted(sizes, reverse=True)  # largest first by default
    page.locator('th .sort[data-sort="size"]').click()
    assert [int(value) for value in _column(page, 3)] == sorted(sizes)
    assert page.locator('th .sort[data-sort="size"]').get_attribute("aria-sort") == "ascending"
    page.locator('th .sort[data-sort="first"]').click()
    firsts = _column(page, 5)
    assert firsts == sorted(firsts)
    # Search over titles and outlets: the harbour story's outlets, then nothing.
    page.locator("#search").fill("herald.example")
    assert len(_family_ids(page)) == 1
    assert "1 of 2 families" in page.locator("#shown").inner_text()
    page.locator("#search").fill("no such words anywhere")
    assert _family_ids(page) == [] and page.locator("#no-family").is_visible()
    page.locator("#search").fill("")
    assert len(_family_ids(page)) == 2


def test_a_family_opens_with_timeline_graph_and_pair_links(
    corpus_page: Opened, report: _Report
) -> None:
    page = corpus_page.page
    family = _family_ids(page)[0]
    page.locator(f"#family-{family} .story-button").click()
    detail = page.locator(f"#family-detail-{family}")
    assert detail.is_visible()
    assert detail.locator(".timeline svg g[data-doc]").count() >= 3
    assert detail.locator(".graph svg circle.node").count() >= 3
    edges = detail.locator(".graph svg a.link")
    assert edges.count() >= 2
    for href in edges.evaluate_all("links => links.map(l => l.getAttribute('href'))"):
        assert re.fullmatch(r"pairs/\d+\.html", href), href
        assert (report.folder / href).exists()
    assert page.evaluate("() => location.hash") == f"#family-{family}"
    # The members table links each retelling to its pair view; open one and use it.
    link = detail.locator(".members a.open-pair").first
    href = link.get_attribute("href")
    assert href is not None and re.fullmatch(r"pairs/\d+\.html", href)
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    page.wait_for_selector("html.js")  # the pair view's script has run
    point = page.locator("#a-p0").evaluate(TEXT_POINT)  # near the top of pane A
    assert point is not None
    page.mouse.click(point["x"], point["y"])
    assert "is-active" in (page.locator("#b-p0").get_attribute("class") or "")
    page.go_back()
    page.wait_for_selector("html[data-rendered]")
    assert page.locator(f"#family-detail-{family}").is_visible()  # reopened from the address


def test_pairs_without_a_view_say_how_to_make_one(corpus_page: Opened, report: _Report) -> None:
    """The graph's other links and the family's pair table link only pairs with a view; the
    others are marked and name the command that makes their view."""
    page = corpus_page.page
    data = _index_data(report)
    unpaged = [pair for pair in data["pairs"] if not pair["page"]]
    assert unpaged  # the default writes one view per member, fewer than the family's pairs
    for family in _family_ids(page):
        page.locator(f"#family-{family} .story-button").click()
        detail = page.locator(f"#family-detail-{family}")
        toggle = detail.locator(".graph button.toggle")
        if toggle.count():
            toggle.click()
        for href in detail.locator("a[href^='pairs/']").evaluate_all(
            "links => links.map(l => l.getAttribute('href'))"
        ):
            assert (report.folder / href).exists(), href
    hints = page.locator(".links .open-pair.no-page")
    assert hints.count() == len(unpaged)
    assert page.locator(".graph svg g.link.no-page").count() == len(unpaged)
    docs = data["docs"]
    hint = hints.first.get_attribute("title") or ""
    results = data["summary"]["results"]
    commands = [
        f"retold pair '{results}' '{docs[pair['a']]['id']}' '{docs[pair['b']]['id']}' -f html"
        for pair in unpaged
    ]
    assert any(command in hint for command in commands), hint
    assert "--pair-views family" in hint


def test_the_matrix_filters_families(corpus_page: Opened) -> None:
    page = corpus_page.page
    cells = page.locator("#matrix rect.filled")
    assert cells.count() >= 1
    cells.first.click()
    assert page.locator("#filter-chip").is_visible()
    assert 1 <= len(_family_ids(page)) <= 2
    page.locator("#clear-filter").click()
    assert page.locator("#filter-chip").is_hidden() and len(_family_ids(page)) == 2


def test_hostile_data_stays_text(corpus_page: Opened, report: _Report) -> None:
    page = corpus_page.page
    for family in _family_ids(page):
        page.locator(f"#family-{family} .story-button").click()
    page.wait_for_timeout(200)  # let any injected handler (there must be none) fire
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    text = page.locator("#families").inner_text()
    for payload in (SCRIPT_PAYLOAD, ATTRIBUTE_PAYLOAD, LINK_PAYLOAD, DATA_URL):
        assert payload in text, payload
    # Only pair views, the two pages and http(s) URLs are links; outside links never leak.
    for href, rel in page.eval_on_selector_all(
        "a[href]", "links => links.map(l => [l.getAttribute('href'), l.getAttribute('rel')])"
    ):
        if href.startswith("http"):
            assert re.match(r"https?://", href) and rel == "noopener noreferrer", href
        else:
            assert re.fullmatch(r"pairs/\d+\.html|index\.html|pairs\.html", href), href
    assert page.locator('a[href^="javascript"], a[href^="data"]').count() == 0
    # The 20,000-character title is cut, and nothing widens the page.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 1400
    # Hovering the hostile article's dot and link runs nothing either.
    page.locator(".graph svg circle.node").last.hover()
    page.locator("#search").fill(SCRIPT_PAYLOAD)
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert len(_family_ids(page)) == 1


def test_the_pair_list_opens_every_pair(browser: Any, report: _Report) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = watch(context.new_page())
    page = opened.page
    try:
        page.goto((report.folder / "pairs.html").as_uri())
        page.wait_for_selector("html[data-rendered]")
        rows = page.locator("#pair-rows tr")
        assert rows.count() == report.stats.pair_pages
        page.locator("#relation").select_option("compilation")
        assert 1 <= rows.count() < report.stats.pair_pages
        page.locator("#relation").select_option("")
        page.locator("#search").fill(ATTRIBUTE_PAYLOAD)
        assert rows.count() >= 1 and ATTRIBUTE_PAYLOAD in rows.first.inner_text()
        rows.first.locator("a.open-pair").click()
        page.wait_for_selector("#pane-a")
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert opened.console_errors == [] and opened.dialogs == []
    finally:
        context.close()
