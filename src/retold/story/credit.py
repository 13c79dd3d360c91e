"""The credit check: does the copy say whose text it is?

Asked only when the source verdict names a source. The copy *credits the source* when it names
the source's outlet or author, *credits the wire* when it names the wire or agency the source
itself credits (a wire copy's reporters count as the wire), *credits other* when it credits
some other outlet or agency, and is *uncredited* otherwise. A name counts where a credit is
given:

- a credit line anywhere in the copy: a dateline ("LONDON (Reuters) -"), a byline ("By ...",
  "Jill Colvin, Associated Press", or a short line naming people at the top), a line such as
  "first published by", "originally published at", "Source:", "courtesy of", a contributor
  line ("... contributed to this report", "(Reporting by ...)", "This report contains
  material from ..."), a copyright line;
- an attribution in the text ("according to AFP", "the Associated Press reported"), but not
  an interview ("told The Associated Press");
- the copy's own text (what it adds): "..., the Jerusalem Post reported".

A name in other text the copy took from the source is the source speaking, not a credit. A
wire goes by several names ("AP", "The Associated Press"); an outlet named by its web domain
("cnn.com", "washingtonpost.com", as corpora often name publishers) is also looked for by its
name part, spaces allowed ("CNN", "The Washington Post"). What the copy claims for itself is
listed too: a dateline crediting no agency ("TEHRAN (Dispatches) --") and a byline naming
someone else. Links are not seen: a page is reduced to its text before comparing, so a link
whose text names the source counts only when that text is printed.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from retold.explain.source import WIRE_NAMES, wire_name
from retold.ingest.metadata import HEADER_LINES, agencies, datelines, is_agency
from retold.records import ChangeKind, Credit, CreditEvidence, CreditVerdict, Document, Verdict
from retold.story.quotations import find_attributions
from retold.story.spans import ChangeMap

__all__ = ["check_credit", "find_author"]

_BYLINE = regex.compile(
    r"^[ \t]*(?:(?i:by|written[ \t]+by)[ \t]+)(?P<name>\p{Lu}[\p{L}.’'\-]+"
    r"(?:[ \t]+\p{Lu}[\p{L}.’'\-]+){0,3})[ \t]*(?:$|[,|•·–—-]|[ \t]and[ \t])",
    regex.MULTILINE,
)
_NAMED_CREDIT = regex.compile(
    r"(?i:(?:first|originally)[ \t]+(?:published|appeared|ran)[ \t]+(?:by|in|on|at)"
    r"|(?:this[ \t]+)?(?:article|story|report)[ \t]+(?:was[ \t]+)?(?:first[ \t]+)?"
    r"(?:published|appeared)[ \t]+(?:by|in|on)|courtesy[ \t]+of|reprinted[ \t]+(?:from|with)"
    r"|republished[ \t]+(?:from|with)|^[ \t]*source[ \t]*:|^[ \t]*via[ \t]*:?)[ \t]+"
    r"(?:the[ \t]+)?(?P<name>[^\n.,;()]{2,60})",
    regex.MULTILINE,
)
"""A line that names where the text comes from: the name after it is a credit."""
_CREDIT_LINE = regex.compile(
    r"contributed(?:[ \t]+to)?[ \t]+(?:this|the)[ \t]+(?:report|story)|contributed[ \t]+reporting"
    r"|reporting[ \t]+by|contains[ \t]+material[ \t]+from|©|\bcopyright\b",
    regex.IGNORECASE,
)
"""A contributor or copyright line: the names in it are credits, but it names no one by
itself."""
_DOMAIN = regex.compile(r"(?:www\.)?(?P<name>[a-z0-9][a-z0-9-]{2,})\.[a-z]{2,}(?:\.[a-z]{2,})?")
_WIRE_TAG = regex.compile(
    r"^[^\n()]{0,60}\((?P<credit>[^()\n]{2,30})\)[ \t]*[-–—]", regex.MULTILINE
)
"""A dateline's tag, whatever the place looks like (``datelines`` wants a plain place)."""
_PHOTO_CREDIT = regex.compile(
    r"\([^()\n]{0,80}?(?:\bPhoto\b|/[ \t]*(?:AP|AFP|Reuters|REUTERS|EPA|Getty\b))[^()\n]{0,40}\)"
    r"|\b(?:AP|AFP|Reuters|REUTERS|EPA)[ \t]+(?i:photo)\b(?:/[^\s()]+(?:[ \t][^\s()]+){0,3})?"
    r"|(?i:\b(?:photo(?:graph)?s?|images?|pictures?)(?:[ \t]+credit)?[ \t]*:)[^\n]{0,80}"
)
"""A photo's credit ("(AP Photo/Pablo Martinez Monsivais)", "(Pablo Martinez Monsivais/AP)",
"AP Photo/Evan Vucci", "Photo: Mel Evans, AP"): it credits the picture, not the text. A copy
that prints a wire's photographs over the wire's uncredited text (the Dallas Morning News'
copy of AP's Monday main bar on the Helsinki corpus) does not credit the wire."""
_HEAD_LINES = 12
"""Lines at the top of the copy where a short line naming people is a byline."""
_BODY_WORDS = 25
"""A line this long is the body: the head ends there."""
_HEAD_LINE_WORDS = 12


def find_author(text: str) -> str | None:
    """The author a byline names near the top of ``text`` ("By Seth J. Frantzman"), or None;
    an agency byline ("By Reuters") names no author."""
    for match in _BYLINE.finditer(text, 0, _line_offset(text, HEADER_LINES)):
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


@lru_cache(maxsize=256)
def _credit_lines(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """Where a text gives credit: span, where, and the name credited ("" when the line names
    no one by itself). Cached (``clear_credit_cache``): a scan that tells stories checks a
    copy's credit in every pair it is the copy of, and reading the text was a twentieth of
    telling a story (py-spy, Helsinki ``--story``)."""
    return tuple(_find_credit_lines(text))


@lru_cache(maxsize=256)
def _photo_credits(text: str) -> tuple[tuple[int, int], ...]:
    """The spans of a text's photo credits (``_PHOTO_CREDIT``), cached as ``_credit_lines`` is:
    a copy is checked in every pair it is the copy of."""
    return tuple(match.span() for match in _PHOTO_CREDIT.finditer(text))


def clear_credit_cache() -> None:
    """Forget the texts read (``retold.story.clear_story_caches``)."""
    _credit_lines.cache_clear()
    _photo_credits.cache_clear()


def _find_credit_lines(text: str) -> Iterator[tuple[int, int, str, str]]:
    for start, end, credit in datelines(text):
        yield start, end, "dateline", credit
    for match in _BYLINE.finditer(text, 0, _line_offset(text, HEADER_LINES)):
        # The whole line: "By JAMIE EHRLICH, CNN" credits CNN after the name.
        yield match.start(), _line_end(text, match.start()), "byline", match.group("name").strip()
    for start, end in _head_lines(text):
        yield start, end, "byline", ""
    for match in _NAMED_CREDIT.finditer(text):
        yield match.start(), match.end(), "credit line", match.group("name").strip()
    for match in _CREDIT_LINE.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        yield start, _line_end(text, match.start()), "credit line", ""


def _head_lines(text: str) -> Iterator[tuple[int, int]]:
    """Short lines at the top, before the first line of body text: bylines that do not start
    with "By" ("JONATHAN LEMIRE, JILL COLVIN and VLADIMIR ISACHENKOV")."""
    start = 0
    for _ in range(_HEAD_LINES):
        end = _line_end(text, start)
        words = len(text[start:end].split())
        if words >= _BODY_WORDS:
            return
        if 0 < words <= _HEAD_LINE_WORDS:
            yield start, end
        if end >= len(text):
            return
        start = end + 1


def _own_spans(changes: ChangeMap, copy: str) -> list[tuple[int, int]]:
    """The copy's own text: what it adds (every category: a credit line is boilerplate)."""
    kind = ChangeKind.ADDED if copy == "b" else ChangeKind.OMITTED
    return [
        (change.b_start, change.b_end) if copy == "b" else (change.a_start, change.a_end)
        for change in changes.comparison.changes
        if change.kind is kind
    ]


def _pattern(words: str, *, spaced: bool = False) -> regex.Pattern[str]:
    """A name as a whole word; an abbreviation in capitals ("AP", "CNN") in capitals only.
    ``spaced``: a run of letters that may be written with spaces ("washingtonpost" for "The
    Washington Post")."""
    if spaced:
        body = r"[ \t]?".join(regex.escape(letter) for letter in words)
    else:
        body = r"[ \t]+".join(regex.escape(w) for w in words.split() if w.casefold() != "the")
    flags = 0 if words.isupper() and len(words) <= 5 else regex.IGNORECASE
    return regex.compile(rf"(?<![\w]){body}(?![\w])", flags)


def _outlet_patterns(outlet: str | None) -> list[regex.Pattern[str]]:
    """The names an outlet goes by: as given, and for a web domain its name part, spaces
    allowed ("CNN" in "WASHINGTON (CNN) -", "The Washington Post" for washingtonpost.com)."""
    if not outlet:
        return []
    patterns = [_pattern(outlet)]
    domain = _DOMAIN.fullmatch(outlet.strip().casefold())
    if domain:
        patterns.append(_pattern(domain.group("name"), spaced=True))
    return patterns


def _wire_patterns(wire: str) -> list[regex.Pattern[str]]:
    """Every spelling of a wire ("AP", "Associated Press", "The Associated Press")."""
    spellings = {wire} | {s for s, name in WIRE_NAMES.items() if name == wire}
    return [_pattern(s.upper() if s == wire.casefold() else s) for s in spellings]


def _source_wire(source: Document) -> str | None:
    """The wire the source credits: its dateline's or byline's credit, else the first agency
    named in a dateline-like tag ("TURNBERRY/GLASGOW, Scotland (Reuters) -") or in one of its
    credit lines ("By MATTHEW LEE, AP Diplomatic Writer", "Justin Sink and Ilya Arkhipov,
    Bloomberg")."""
    if source.credit and is_agency(source.credit):
        return wire_name(source.credit)
    text = source.text
    for tag in _WIRE_TAG.finditer(text, 0, _line_offset(text, HEADER_LINES)):
        if is_agency(tag.group("credit")):
            return wire_name(tag.group("credit"))
    spans = sorted((start, end) for start, end, _, _ in _credit_lines(text))
    for start, end in spans:
        for agency in agencies(text, start, end):
            return wire_name(agency)
    return None


def check_credit(changes: ChangeMap) -> Credit | None:
    """The credit check of the copy against the source; None unless the verdict is A or B."""
    comparison = changes.comparison
    verdict = comparison.source.verdict
    if verdict not in (Verdict.A, Verdict.B):
        return None
    copy = "b" if verdict is Verdict.A else "a"
    source: Document = comparison.a if verdict is Verdict.A else comparison.b
    text = changes.text(copy)
    lines = _credit_lines(text)
    regions = [(start, end, where) for start, end, where, _ in lines]
    regions += [(start, end, "text") for start, end in find_attributions(text)]
    # A span the copy adds is read as text unless a credit line or an attribution holds it.
    # The spans the copy adds never hold one another (each is one change), so only those are
    # looked in: looking in the growing list as well was quadratic in the changes.
    held = [(start, end) for start, end, _ in regions]
    for start, end in _own_spans(changes, copy):
        if not any(s <= start and end <= e for s, e in held):
            regions.append((start, end, "text"))
    wire = _source_wire(source)
    targets = [("source outlet", p) for p in _outlet_patterns(source.outlet)]
    author = find_author(source.text)
    if author:  # a wire copy's reporter is the wire's
        targets.append(("wire" if wire else "source author", _pattern(author)))
    if wire:
        targets += [("wire", p) for p in _wire_patterns(wire)]
    photos = _photo_credits(text)
    evidence: list[CreditEvidence] = []
    for what, pattern in targets:
        for start, end, where in regions:
            for match in pattern.finditer(text, start, end):
                first, last = match.span()
                if where == "text" and any(s <= first and last <= e for s, e in photos):
                    continue
                evidence.append(CreditEvidence(what, where, copy, first, last, text[first:last]))
    named = {e.text.casefold() for e in evidence}
    for start, end, where, credit in lines:
        if not credit or credit.casefold() in named:
            continue
        if any(start <= e.start < end for e in evidence):
            continue
        span_start = text.find(credit, start, end)
        span = (span_start, span_start + len(credit)) if span_start >= 0 else (start, end)
        if where == "credit line" or is_agency(credit):
            what = "other"
        else:
            what = f"own {where}"
            span = (start, end)
        evidence.append(CreditEvidence(what, where, copy, *span, text[span[0] : span[1]]))
    # One finding per name and span, the most specific place kept (a dateline in added text).
    unique: dict[tuple[str, int, int], CreditEvidence] = {}
    for item in sorted(evidence, key=lambda e: e.where == "text"):
        unique.setdefault((item.what, item.start, item.end), item)
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
