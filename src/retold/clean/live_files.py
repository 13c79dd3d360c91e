"""Live files: pages made of timestamped items, as AP's "The Latest" and news sites' live blogs.

A live file holds a few paragraphs of many stories, one item after another under a bare time
("2:35 p.m.", "11:56", "40 min ago"). When it shares text with an article, it is quoting that
story in one of its items, not retelling it: on the Helsinki corpus, AP's Sunday "The Latest"
holds the first paragraphs of the Glasgow main bar (a third of its own text, half of the main
bar's), and reading that as a retelling chained the live file into the main bar's story.
The family model (``retold.families``) therefore makes a live file's links to other articles
``compilation`` links, as it does for roundups it recognises by their contents.

A page is told by its shape, not its contents: two or more lines that hold nothing but a time.
An article that mentions times in its sentences ("at 2:16 p.m. local time") has none.
"""

from __future__ import annotations

import regex

__all__ = ["is_live_file"]

_ZONES = "ET|EST|EDT|CT|CDT|PT|PDT|GMT|BST|UTC|CET|CEST|EET|EEST|MSK|local(?: time)?"
_TIME_LINE = regex.compile(
    rf"""^[ \t]*(?:
        (?:updated:?[ \t]+)?\d{{1,2}}[:.]\d{{2}}[ \t]*(?:[ap]\.?[ \t]?m\.?)?(?:[ \t]+(?:{_ZONES}))?
      | (?:\d{{1,2}}[ \t]*(?:hrs?|hours?|mins?|minutes?)[ \t]*){{1,2}}ago
    )[ \t]*$""",
    regex.IGNORECASE | regex.MULTILINE | regex.VERBOSE,
)
_LIVE_ITEMS = 2
"""Time lines that make a live file. AP's shortest copies of "The Latest" keep two items."""


def is_live_file(text: str) -> bool:
    """True when ``text`` (paragraphs on lines) has at least two lines that are a bare time.
    Line by line: a scan of the whole text tries the pattern at every position, ten times
    slower."""
    found = 0
    for line in text.split("\n"):
        if _TIME_LINE.match(line) is not None:
            found += 1
            if found >= _LIVE_ITEMS:
                return True
    return False
