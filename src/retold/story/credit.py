"""The credit check: does the copy say whose text it is?

Asked only when the source verdict names a source. The copy *credits the source* when it names
the source's outlet or author, *credits the wire* when it names the wire or agency the source
itself credits, *credits other* when it credits some other outlet or agency, and is
*uncredited* otherwise. A name counts where a credit is given:

- a credit line anywhere in the copy: a dateline ("LONDON (Reuters) -"), a byline ("By ...",
  "Jill Colvin, Associated Press"), or a line such as "first published by", "originally
  appeared in", "Source:", "courtesy of", "reprinted from";
- the copy's own text (what it adds): "..., the Jerusalem Post reported".

An outlet named by its web domain ("cnn.com", as corpora often name publishers) is also
looked for by its name part ("WASHINGTON (CNN) -").

A name in text the copy took from the source is the source speaking ("told the Jerusalem
Post"), not a credit. What the copy claims for itself is listed too: a dateline crediting no
agency ("TEHRAN (Dispatches) --") and a byline naming someone else. Links are not seen: a page
is reduced to its text before comparing, so a link whose text names the source counts only
when that text is printed.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from retold.ingest.metadata import HEADER_LINES, datelines, is_agency
from retold.records import ChangeKind, Credit, CreditEvidence, CreditVerdict, Document, Verdict
from retold.story.spans import ChangeMap

__all__ = ["check_credit", "find_author"]

_BYLINE = regex.compile(
    r"^[ \t]*(?:(?i:by|written[ \t]+by)[ \t]+)(?P<name>\p{Lu}[\p{L}.’'\-]+"
    r"(?:[ \t]+\p{Lu}[\p{L}.’'\-]+){1,3})[ \t]*(?:$|[,|•·–—-])",
    regex.MULTILINE,
)
_CREDIT_LINE = regex.compile(
    r"(?i:(?:first|originally)[ \t]+(?:published|appeared|ran)[ \t]+(?:by|in|on|at)"
    r"|(?:this[ \t]+)?(?:article|story|report)[ \t]+(?:was[ \t]+)?(?:first[ \t]+)?"
    r"(?:published|appeared)[ \t]+(?:by|in|on)|courtesy[ \t]+of|reprinted[ \t]+(?:from|with)"
    r"|republished[ \t]+(?:from|with)|^[ \t]*source[ \t]*:|^[ \t]*via[ \t]*:?)[ \t]+"
    r"(?:the[ \t]+)?(?P<name>[^\n.,;()]{2,60})",
    regex.MULTILINE,
)


_DOMAIN = regex.compile(r"(?:www\.)?(?P<name>[a-z0-9][a-z0-9-]{2,})\.[a-z]{2,}(?:\.[a-z]{2,})?")


def find_author(text: str) -> str | None:
    """The author a byline names near the top of ``text`` ("By Seth J. Frantzman"), or None;
    an agency byline ("By Reuters") names no author."""
    header_end = _line_offset(text, HEADER_LINES)
    for match in _BYLINE.finditer(text, 0, header_end):
        name = str(match.group("name")).strip()
        if not is_agency(name):
            return name
    return None


def _line_offset(text: str, lines: int) -> int:
    end = -1
    for _ in range(lines):
        end = text.find("\n", end + 1)
        if end == -1:
            return len(text)
    return end


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end == -1 else end


def _credit_lines(text: str) -> Iterator[tuple[int, int, str, str]]:
    """Lines (or line openings) that give a credit: span, where, and the name credited."""
    for start, end, credit in datelines(text):
        yield start, end, "dateline", credit
    header_end = _line_offset(text, HEADER_LINES)
    for match in _BYLINE.finditer(text, 0, header_end):
        # The whole line: "By JAMIE EHRLICH, CNN" credits CNN after the name.
        yield match.start(), _line_end(text, match.start()), "byline", match.group("name").strip()
    for match in _CREDIT_LINE.finditer(text):
        yield match.start(), match.end(), "credit line", match.group("name").strip()


def _own_spans(changes: ChangeMap, copy: str) -> list[tuple[int, int]]:
    """The copy's own text: what it adds (every category: a credit line is boilerplate)."""
    kind = ChangeKind.ADDED if copy == "b" else ChangeKind.OMITTED
    spans = []
    for change in changes.comparison.changes:
        if change.kind is kind:
            spans.append(
                (change.b_start, change.b_end) if copy == "b" else (change.a_start, change.a_end)
            )
    return spans


def _outlet_names(outlet: str | None) -> list[str]:
    """The names an outlet goes by: as given, and for a web domain ("cnn.com", as corpora
    often name the publisher) its name part ("CNN" in "WASHINGTON (CNN) -")."""
    if not outlet:
        return []
    domain = _DOMAIN.fullmatch(outlet.strip().casefold())
    return [outlet, domain.group("name")] if domain else [outlet]


def _name_pattern(name: str) -> regex.Pattern[str]:
    words = [regex.escape(word) for word in name.split() if word.casefold() != "the"]
    return regex.compile(r"(?<!\w)" + r"[ \t]+".join(words) + r"(?!\w)", regex.IGNORECASE)


def _mentions(
    text: str, name: str, regions: list[tuple[int, int, str]]
) -> Iterator[tuple[int, int, str]]:
    pattern = _name_pattern(name)
    for start, end, where in regions:
        for match in pattern.finditer(text, start, end):
            yield match.start(), match.end(), where


def check_credit(changes: ChangeMap) -> Credit | None:
    """The credit check of the copy against the source; None unless the verdict is A or B."""
    comparison = changes.comparison
    verdict = comparison.source.verdict
    if verdict not in (Verdict.A, Verdict.B):
        return None
    copy = "b" if verdict is Verdict.A else "a"
    source: Document = comparison.a if verdict is Verdict.A else comparison.b
    text = changes.text(copy)
    lines = list(_credit_lines(text))
    regions = [(start, end, where) for start, end, where, _ in lines]
    for start, end in _own_spans(changes, copy):
        if not any(s <= start and end <= e for s, e, _ in regions):
            regions.append((start, end, "text"))
    evidence: list[CreditEvidence] = []

    def note(what: str, found: Iterator[tuple[int, int, str]]) -> None:
        for start, end, where in found:
            line_where = next((w for s, e, w in regions if s <= start < e and w != "text"), where)
            evidence.append(CreditEvidence(what, line_where, copy, start, end, text[start:end]))

    targets: list[tuple[str, str | None]] = [
        ("source outlet", name) for name in _outlet_names(source.outlet)
    ]
    targets.append(("source author", find_author(source.text)))
    wire = source.credit if source.credit and is_agency(source.credit) else None
    targets.append(("wire", wire))
    for what, name in targets:
        if name:
            note(what, _mentions(text, name, regions))
    named = {e.text.casefold() for e in evidence}
    for start, end, where, credit in lines:
        if credit.casefold() in named or any(start <= e.start < end for e in evidence):
            continue
        span_start = text.find(credit, start, end)
        span = (span_start, span_start + len(credit)) if span_start >= 0 else (start, end)
        if where == "credit line" or is_agency(credit):
            what = "other"
        else:
            what = f"own {where}"
            span = (start, end)
        evidence.append(CreditEvidence(what, where, copy, *span, text[span[0] : span[1]]))
    # A name in two overlapping regions (a dateline inside the copy's own text) is one finding.
    unique = {
        (e.what, e.start, e.end): e for e in sorted(evidence, key=lambda e: e.where == "text")
    }
    found = sorted(unique.values(), key=lambda e: e.start)
    return Credit(_verdict(found), copy, tuple(found))


def _verdict(evidence: list[CreditEvidence]) -> CreditVerdict:
    found = {e.what for e in evidence}
    if found & {"source outlet", "source author"}:
        return CreditVerdict.CREDITS_SOURCE
    if "wire" in found:
        return CreditVerdict.CREDITS_WIRE
    if "other" in found:
        return CreditVerdict.CREDITS_OTHER
    return CreditVerdict.UNCREDITED
