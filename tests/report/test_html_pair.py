"""The pair view: one self-contained HTML page per comparison.

Pure-Python tests check what the file says (every character of both texts in order, every id the
script uses present, hostile data escaped); browser tests open it in headless Chromium (Debian's
package, no downloaded browser) and use it as a reader would: click a passage, step with ``j``,
hide boilerplate, and open a page built from hostile articles without anything running.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from markupsafe import escape
from typer.testing import CliRunner

import retold
from retold.cli import app
from retold.records import Comparison, Document, StorySentence
from retold.report.html import build_pair_view, render_pair_html
from retold.report.html.pair import script_json
from tests.conftest import JPOST, KAYHAN
from tests.property.test_compare_properties import pairs
from tests.report.conftest import (
    ATTRIBUTE_PAYLOAD,
    LINK_PAYLOAD,
    LONG_LINE,
    SCRIPT_PAYLOAD,
    TEXT_POINT,
    Opened,
    watch,
)

SHARED_ONE = (
    "The ministry said on Tuesday that the new bridge over the river would open in May, "
    "two years later than planned, after engineers found cracks in the eastern pillars."
)
SHARED_TWO = (
    "Local traders welcomed the news but said the delay had cost them customers, and the "
    "chamber of commerce asked the government for compensation for the lost years."
)


# ---------------------------------------------------------------------------------------------
# Fixtures: the seed pair and a hostile pair


@pytest.fixture(scope="module")
def seed() -> Comparison:
    return retold.compare(JPOST, KAYHAN)


@pytest.fixture(scope="module")
def seed_html(seed: Comparison) -> str:
    return render_pair_html(seed)


def _hostile_comparison() -> Comparison:
    """Two articles whose title, path, outlet, credit, evidence and body are all hostile.

    The bodies also carry what breaks naive offset handling: CRLF line ends (the HTML parser
    turns CR into LF), characters outside the BMP (two UTF-16 units each), a combining accent,
    markup-looking text and a 20,000-character line.
    """
    a_text = (
        f"{SCRIPT_PAYLOAD} {ATTRIBUTE_PAYLOAD}\r\n\r\n"
        f"😀 Emoji 𝒳 first: {SHARED_ONE}\r\n\r\n"
        f"Only in A: click {LINK_PAYLOAD} now &amp; <b>bold</b> ne\u0301e.\r\n\r\n"
        f"{SHARED_TWO}\r\n\r\n{LONG_LINE}\r\n"
    )
    b_text = (
        f"{ATTRIBUTE_PAYLOAD}\n\n{SHARED_ONE.replace('May', 'June')}\n\n"
        f"Only in B: {SCRIPT_PAYLOAD} and <!-- a comment --> and ]]> and </style>.\n\n"
        f"{SHARED_TWO}\n"
    )
    title = f"{SCRIPT_PAYLOAD} {ATTRIBUTE_PAYLOAD} {LINK_PAYLOAD}"
    a = Document(
        text=a_text,
        path=f"a{ATTRIBUTE_PAYLOAD}.txt",
        title=title,
        outlet=SCRIPT_PAYLOAD,
        credit=ATTRIBUTE_PAYLOAD,
    )
    b = Document(text=b_text, path=LINK_PAYLOAD, title=title, outlet=ATTRIBUTE_PAYLOAD)
    comparison = retold.compare_documents(a, b)
    assert comparison.passages, "the hostile pair must share passages to exercise the view"
    source = dataclasses.replace(
        comparison.source, evidence=(*comparison.source.evidence, SCRIPT_PAYLOAD, ATTRIBUTE_PAYLOAD)
    )
    return dataclasses.replace(comparison, source=source)


@pytest.fixture(scope="module")
def hostile() -> Comparison:
    return _hostile_comparison()


@pytest.fixture(scope="module")
def hostile_html(hostile: Comparison) -> str:
    return render_pair_html(hostile)


# ---------------------------------------------------------------------------------------------
# Reading the page back in Python


class _Page(HTMLParser):
    """Collects the text of each column (without annotations), ids, tags and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.columns: dict[str, list[str]] = {"text-a": [], "text-b": []}
        self.ids: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._stack: list[tuple[str, str | None, bool]] = []  # tag, column, annotation
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        column = self._stack[-1][1] if self._stack else None
        annotation = bool(self._stack and self._stack[-1][2])
        if attributes.get("id") in self.columns:
            column = attributes["id"]
        if "ann" in (attributes.get("class") or "").split():
            annotation = True
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag not in ("meta", "link", "br", "img", "input"):
            self._stack.append((tag, column, annotation))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
            return
        if self._stack and self._stack[-1][1] and not self._stack[-1][2]:
            self.columns[str(self._stack[-1][1])].append(data)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    return parser


def _column_text(page: str, side: str) -> str:
    return "".join(_parse(page).columns[f"text-{side}"])


def _script_data(page: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" id="retold-data">(.*?)</script>', page, re.S
    )
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


# ---------------------------------------------------------------------------------------------
# Pure Python


def test_both_texts_are_kept_character_for_character(seed: Comparison, seed_html: str) -> None:
    assert _column_text(seed_html, "a") == seed.a.text
    assert _column_text(seed_html, "b") == seed.b.text


def test_hostile_texts_are_kept_character_for_character(
    hostile: Comparison, hostile_html: str
) -> None:
    # html.parser keeps CR as written (&#13;); the browser test checks the DOM as well.
    assert _column_text(hostile_html, "a") == hostile.a.text
    assert _column_text(hostile_html, "b") == hostile.b.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs())
@example(  # a blank line against a line break and an opening quote: once an inverted span
    (
        "ALIREZA SABAHIFAR, an Iranian\xa0 officer in charge of air defenses, met with the Iraqi"
        " Deputy Commander of the Army Tariq Abbas Ibrahim on Sunday.\n\nThe Iranian Students’"
        " News Agency (ISNA) reported on Monday that Iran Land Forces Commander Koumars Heydari"
        " suggested joint exercises in a meeting with Iraqi Deputy Commander of the Army"
        " Maj.-Gen.\n\nAs one of our loyal readers, we ask you to be our partner.",
        "ALIREZA SABAHIFAR, an Iranian\xa0 officer in charge of air defenses, met with the Iraqi"
        " Deputy Commander of the Army Tariq Abbas Ibrahim on Sunday.\n“The ground forces are at"
        " the highest level of combat readiness and are ready to transfer experiences in the field"
        " to the Iraqi army,”\nAs one of our loyal readers, we ask you to be our partner.",
    )
)
def test_any_pair_keeps_its_texts_and_ids(pair: tuple[str, str]) -> None:
    a, b = pair
    comparison = retold.compare_documents(Document(a, path="a"), Document(b, path="b"))
    page = render_pair_html(comparison)
    assert _column_text(page, "a") == a
    assert _column_text(page, "b") == b
    _assert_ids_exist(comparison, page)


def test_every_id_the_script_uses_exists(seed: Comparison, seed_html: str) -> None:
    _assert_ids_exist(seed, seed_html)


def _assert_ids_exist(comparison: Comparison, page: str) -> None:
    parsed = _parse(page)
    ids = parsed.ids
    assert len(ids) == len(set(ids)), "element ids must be unique"
    data = _script_data(page)
    assert [c["id"] for c in data["changes"]] == [f"c{i}" for i in range(len(comparison.changes))]
    assert len(data["passages"]) == len(comparison.passages)
    for record in [*data["changes"], *data["passages"]]:
        for side in ("a", "b"):
            assert record[side] in ids, (record, side)
    for change in data["changes"]:
        assert f"li-{change['id']}" in ids
    # The script looks these up by id.
    script = parsed.scripts[-1]
    for element_id in re.findall(r'getElementById\("([^"]+)"\)', script):
        assert element_id in ids, element_id
    # Every data-change / data-changes / data-passage value names a known change or passage.
    known = {c["id"] for c in data["changes"]} | {p["id"] for p in data["passages"]}
    for _, attributes in parsed.tags:
        for name in ("data-change", "data-passage"):
            if attributes.get(name) is not None:
                assert attributes[name] in known
        for value in (attributes.get("data-changes") or "").split():
            assert value in known


def test_a_marker_never_splits_a_change(seed: Comparison, seed_html: str) -> None:
    """B's 18 boilerplate cuts are anchored at offset 92, inside the added dateline
    "TEHRAN (Dispatches) --" (74-96): the marker moves to its end instead of splitting it."""
    dateline = next(i for i, c in enumerate(seed.changes) if c.b_text == "TEHRAN (Dispatches) --")
    fragments = [a for _, a in _parse(seed_html).tags if a.get("data-change") == f"c{dateline}"]
    assert len(fragments) == 2  # the B fragment and the list entry
    view = build_pair_view(seed)
    items = [item for run in view.b_runs for item in run.items]
    position = next(i for i, item in enumerate(items) if item.text == "TEHRAN (Dispatches) --")
    assert items[position + 1].kind == "marker" and "bp" in items[position + 1].classes


def test_substantive_changes_are_listed_in_reading_order(seed: Comparison) -> None:
    view = build_pair_view(seed)
    numbers = [entry.number for entry in view.substantive]
    assert numbers == list(range(1, len(numbers) + 1))
    categories = {entry.category for entry in view.substantive}
    assert categories.isdisjoint({"boilerplate", "cosmetic"})
    spelling = next(entry for entry in view.substantive if entry.category == "spelling")
    assert (spelling.old, spelling.new) == ("Koumars", "Kiumars")


def test_hostile_data_is_escaped(hostile_html: str) -> None:
    parsed = _parse(hostile_html)
    # Only our two script elements, and the raw payloads never appear as markup.
    assert [tag for tag, _ in parsed.tags].count("script") == 2
    assert [tag for tag, _ in parsed.tags].count("img") == 0
    assert SCRIPT_PAYLOAD not in hostile_html
    assert "<img" not in hostile_html
    assert "<!-- a comment" not in hostile_html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in hostile_html
    for tag, attributes in parsed.tags:
        for name, value in attributes.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "formaction"):
                assert value == "data:,", (tag, name, value)
    # The JSON island cannot close its element.
    data_match = re.search(r'id="retold-data">(.*?)</script>', hostile_html, re.S)
    assert data_match is not None and "<" not in data_match.group(1)


def test_the_story_panel_lists_the_summary(seed: Comparison, seed_html: str) -> None:
    assert seed.story is not None
    parsed = _parse(seed_html)
    story = _script_data(seed_html)["story"]
    assert [line["id"] for line in story] == [f"s{i}" for i in range(len(seed.story.summary))]
    for line, sentence in zip(story, seed.story.summary, strict=True):
        assert f"story-{line['id']}" in parsed.ids
        assert line["changes"] == [f"c{i}" for i in sentence.changes]
        assert str(escape(sentence.text)) in seed_html
    assert 'class="credit credit-uncredited">uncredited<' in seed_html


def test_a_hostile_story_is_escaped(hostile: Comparison) -> None:
    assert hostile.story is not None
    sentence = StorySentence(f"{SCRIPT_PAYLOAD} {ATTRIBUTE_PAYLOAD}", (0,))
    page = render_pair_html(
        dataclasses.replace(hostile, story=dataclasses.replace(hostile.story, summary=(sentence,)))
    )
    parsed = _parse(page)
    assert [tag for tag, _ in parsed.tags].count("script") == 2
    assert [tag for tag, _ in parsed.tags].count("img") == 0
    assert SCRIPT_PAYLOAD not in page and "<img" not in page


def test_script_json_cannot_close_its_element() -> None:
    hostile = {"x": "</script><!-- & <script>", "y": "\u2028"}
    text = str(script_json(hostile))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == hostile


def test_csp_names_the_inline_script(seed_html: str) -> None:
    parsed = _parse(seed_html)
    csp = next(
        str(attributes["content"])
        for tag, attributes in parsed.tags
        if tag == "meta" and attributes.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1]
    digest = hashlib.sha256(parsed.scripts[-1].encode("utf-8")).digest()
    assert f"'sha256-{base64.b64encode(digest).decode()}'" in csp
    # Nothing to fetch: no external URL in any attribute, no CSS import or url().
    for _, attributes in parsed.tags:
        for name in ("href", "src", "action"):
            assert attributes.get(name) in (None, "data:,")
    assert "@import" not in seed_html and "url(" not in seed_html


def test_cli_writes_the_page(tmp_path: Path) -> None:
    runner = CliRunner()
    output = tmp_path / "pair.html"
    result = runner.invoke(
        app, ["compare", str(JPOST), str(KAYHAN), "--format", "html", "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    page = output.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    result = runner.invoke(app, ["compare", str(JPOST), str(KAYHAN), "-f", "html"])
    assert result.exit_code == 0
    assert result.stdout == page


# ---------------------------------------------------------------------------------------------
# In a real browser


def _open(browser: Any, page_html: str, path: Path) -> Opened:
    path.write_text(page_html, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1400, "height": 900}, reduced_motion="reduce")
    opened = watch(context.new_page())
    page = opened.page
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return opened


@pytest.fixture
def seed_page(browser: Any, seed_html: str, tmp_path: Path) -> Iterator[Opened]:
    opened = _open(browser, seed_html, tmp_path / "pair.html")
    yield opened
    assert opened.console_errors == []
    opened.page.context.close()


_IN_PANE = """element => {
    const pane = element.closest('.pane').getBoundingClientRect();
    const head = element.closest('.pane').querySelector('.pane-head').getBoundingClientRect();
    const box = element.getClientRects()[0];
    return box.top >= head.bottom - 1 && box.top < pane.bottom && box.bottom > head.bottom;
}"""


_BELOW_PANE_HEAD = """element => {
    // Scroll the element's first line just below its pane's sticky head (a passage taller
    // than the pane, scrolled "into view", can sit with its first line under the head).
    const pane = element.closest('.pane');
    const head = pane.querySelector('.pane-head').getBoundingClientRect();
    pane.scrollTop += element.getClientRects()[0].top - head.bottom - 12;
}"""


def test_clicking_a_passage_highlights_and_scrolls_to_its_counterpart(
    seed_page: Opened, seed: Comparison
) -> None:
    page = seed_page.page
    last = f"p{len(seed.passages) - 1}"
    page.locator(f"#a-{last}").scroll_into_view_if_needed()
    counterpart = page.locator(f"#b-{last}")
    assert not counterpart.evaluate(_IN_PANE), "B should start scrolled away from the passage"
    point = page.locator(f"#a-{last}").evaluate(TEXT_POINT)
    assert point is not None
    page.mouse.click(point["x"], point["y"])
    assert "is-active" in (counterpart.get_attribute("class") or "")
    assert "is-active" in (page.locator(f"#a-{last}").get_attribute("class") or "")
    page.wait_for_function(f"id => ({_IN_PANE})(document.getElementById(id))", arg=f"b-{last}")
    # Hovering another passage links it on both sides.
    first = page.locator("#a-p0")
    first.evaluate(_BELOW_PANE_HEAD)
    point = first.evaluate(TEXT_POINT)
    page.mouse.move(point["x"], point["y"])
    assert "is-linked" in (page.locator("#b-p0").get_attribute("class") or "")


def test_j_and_k_move_the_current_change(seed_page: Opened, seed: Comparison) -> None:
    page = seed_page.page
    listed = [c for c in build_pair_view(seed).script_data()["changes"] if c["listed"]]
    assert len(listed) >= 3

    def current() -> list[str]:
        marked: list[str] = page.eval_on_selector_all(
            ".pane .is-current",
            "els => els.map(e => e.getAttribute('data-change') || e.getAttribute('data-changes'))",
        )
        return marked

    assert current() == []
    page.keyboard.press("j")
    page.keyboard.press("j")
    second = listed[1]
    marked = current()
    assert marked and all(second["id"] in ids.split() for ids in marked)
    for side in ("a", "b"):
        element = page.locator(f"#{second[side]}")
        assert "is-current" in (element.get_attribute("class") or "")
        assert element.evaluate(_IN_PANE), f"current change not in view on side {side}"
    assert "is-current" in (page.locator(f"#li-{second['id']}").get_attribute("class") or "")
    assert page.locator("#nav-status").inner_text() == f"2 / {len(listed)}"
    page.keyboard.press("k")
    assert all(listed[0]["id"] in ids.split() for ids in current())
    page.keyboard.press("n")
    page.keyboard.press("n")
    assert page.locator("#nav-status").inner_text() == f"3 / {len(listed)}"
    # Clicking an entry in the list jumps there too.
    page.locator(f"#li-{listed[-1]['id']} button").click()
    assert page.locator("#nav-status").inner_text() == f"{len(listed)} / {len(listed)}"


def test_clicking_a_story_sentence_outlines_its_changes(
    seed_page: Opened, seed: Comparison
) -> None:
    assert seed.story is not None
    page = seed_page.page
    names = next(i for i, s in enumerate(seed.story.summary) if s.text.startswith("Every mention"))
    ids = [f"c{i}" for i in seed.story.summary[names].changes]
    page.locator(f"#story-s{names}").click()
    assert "is-chosen" in (page.locator(f"#story-s{names}").get_attribute("class") or "")
    outlined = page.evaluate(
        "() => [...document.querySelectorAll('.pane .in-story')]"
        ".map(e => e.getAttribute('data-change') || e.getAttribute('data-changes'))"
    )
    assert {i for found in outlined for i in found.split()} >= set(ids)
    listed = [c.change_id for c in build_pair_view(seed).changes if c.substantive]
    assert page.locator("#nav-status").inner_text().startswith(f"{listed.index(ids[0]) + 1} /")
    # A second click on the same sentence clears the outline.
    page.locator(f"#story-s{names}").click()
    assert page.evaluate("() => document.querySelectorAll('.in-story').length") == 0


def test_the_boilerplate_toggle_hides_boilerplate(seed_page: Opened) -> None:
    page = seed_page.page
    boilerplate = page.locator("#text-a .chg.bp").first
    assert boilerplate.is_visible()
    visible_count = (
        "() => [...document.querySelectorAll('.pane .bp')]"
        ".filter(e => e.getClientRects().length).length"
    )
    assert page.evaluate(visible_count) > 0
    page.locator("#toggle-boilerplate").click()
    assert boilerplate.is_hidden()
    assert page.evaluate(visible_count) == 0
    assert page.locator("#toggle-boilerplate").get_attribute("aria-pressed") == "true"
    stub = page.locator("#text-a .stub").first
    assert stub.is_visible() and "boilerplate" in stub.inner_text()
    # Content stays: the first shared passage is still shown.
    assert page.locator("#a-p0").is_visible()
    stub.click()
    assert boilerplate.is_visible()


def test_hostile_articles_stay_text(
    browser: Any, hostile: Comparison, hostile_html: str, tmp_path: Path
) -> None:
    opened = _open(browser, hostile_html, tmp_path / "hostile.html")
    page = opened.page
    try:
        page.wait_for_timeout(200)  # let any injected handler (there must be none) fire
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert opened.dialogs == []
        assert opened.console_errors == []
        assert page.locator("img").count() == 0
        assert page.locator("a").count() == 0
        header = page.locator(".top").inner_text()
        for payload in (SCRIPT_PAYLOAD, ATTRIBUTE_PAYLOAD, LINK_PAYLOAD):
            assert payload in header
        assert page.get_by_text(LINK_PAYLOAD, exact=False).first.is_visible()
        # The DOM holds exactly the documents' characters (CR, astral characters included).
        column_text = """id => {
            const copy = document.getElementById(id).cloneNode(true);
            copy.querySelectorAll('.ann').forEach(e => e.remove());
            return copy.textContent;
        }"""
        assert page.evaluate(column_text, "text-a") == hostile.a.text
        assert page.evaluate(column_text, "text-b") == hostile.b.text
        # The 20,000-character line wraps inside its column instead of widening the page.
        overflow = (
            "id => { const e = document.getElementById(id); return e.scrollWidth - e.clientWidth; }"
        )
        assert page.evaluate(overflow, "pane-a") <= 1
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 1400
        page.keyboard.press("j")
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert opened.console_errors == []
    finally:
        page.context.close()


def test_stretches_are_listed_and_their_excerpts_escaped(
    seed_html: str, hostile: Comparison
) -> None:
    import dataclasses

    from retold.records import Passage

    # The seed pair: the Tehran item is one edited copy of the Post's text.
    assert '<p class="stretch stretch-edited"><b>Edited copy</b>: A ' in seed_html
    # A stretch over hostile text shows it as text, never as markup.
    stretch = Passage(
        0, len(hostile.a.text), 0, len(hostile.b.text), 0, kind="rewritten", similarity=0.5
    )
    page = render_pair_html(dataclasses.replace(hostile, rewritten=(stretch,)))
    assert '<p class="stretch stretch-rewritten"><b>Rewritten</b>' in page
    assert SCRIPT_PAYLOAD not in page and "<img" not in page
    assert [tag for tag, _ in _parse(page).tags].count("script") == 2
