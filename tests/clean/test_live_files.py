"""Live files are told by their layout: lines that hold nothing but a time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retold.clean.live_files import is_live_file


@pytest.mark.parametrize(
    ("doc_id", "what"),
    [
        ("7887", 'AP "The Latest" on CenturyLink: "2:35 p.m.", "2:20 p.m." items'),
        ("6695", 'AP "The Latest" on chron.com, fourteen items'),
        ("375", 'CNN\'s live page: "9 min ago", "19 min ago" items'),
        ("6816", 'the Daily Mail\'s live blog: "11:56", "11:35" items'),
    ],
)
def test_live_files_on_real_pages(helsinki_texts: dict[str, str], doc_id: str, what: str) -> None:
    assert is_live_file(helsinki_texts[doc_id]), what


@pytest.mark.parametrize(
    ("doc_id", "what"),
    [
        ("1579", "AP's Glasgow main bar (Bangor Daily News), with ___ separators"),
        ("3966", 'ClickOnDetroit: "Posted: 7:37 AM, July 16, 2018" and a stream time in prose'),
        ("10828", "AP's analysis of what Trump and Putin hope to achieve"),
    ],
)
def test_articles_are_not_live_files(
    helsinki_texts: dict[str, str], doc_id: str, what: str
) -> None:
    assert not is_live_file(helsinki_texts[doc_id]), what


def test_a_time_inside_a_sentence_is_not_an_item() -> None:
    text = "Reporters were ushered out at 2:16 p.m. local time.\nThe meeting began at 1:10 p.m."
    assert not is_live_file(text)
    assert is_live_file("Intro\n2:16 p.m.\nFirst item.\n1:10 p.m. ET\nSecond item.")
    assert is_live_file("1 hr 8 min ago\nItem.\n48 min ago\nItem.")


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="\r\n0123456789"))))
def test_text_without_digits_is_never_a_live_file(lines: list[str]) -> None:
    assert not is_live_file("\n".join(lines))
