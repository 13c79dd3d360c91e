"""Shared by the report tests: one headless Chromium for the session, and hostile payloads.

Playwright's sync API allows one instance per thread, so the browser lives here, once, rather
than in each test module.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
SCRIPT_PAYLOAD = "<script>window.__pwned=1</script>"
ATTRIBUTE_PAYLOAD = '"><img src=x onerror="window.__pwned=2">'
LINK_PAYLOAD = "javascript:alert(1)"
LONG_LINE = "W" * 20_000

TEXT_POINT = """element => {
    // The middle of the first line of plain text of the element (not a change, not a badge).
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (parent.closest('[data-change], .ann') || !node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const box = range.getClientRects()[0];
        return {x: box.left + Math.min(40, box.width / 2), y: box.top + box.height / 2};
    }
    return null;
}"""


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (Debian's, never a downloaded build)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: apt-get install chromium chromium-driver (CI has it)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright not installed: pip install playwright"
    )
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@dataclasses.dataclass
class Opened:
    """A page with what it logged: console errors and dialogs (both must stay empty)."""

    page: Any
    console_errors: list[str]
    dialogs: list[str]


def watch(page: Any) -> Opened:
    """Record the console errors and dialogs of ``page`` (dialogs are dismissed)."""
    opened = Opened(page, [], [])
    page.on(
        "console",
        lambda message: (
            opened.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: opened.console_errors.append(str(error)))

    def on_dialog(dialog: Any) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened
