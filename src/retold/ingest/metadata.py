"""Metadata that crawled plain text carries in its own lines: date, headline, wire, outlet.

Saved pages keep their header (headline, date line, "News ID: ..."), datelines such as
"LONDON (Reuters) -" and copyright lines. These rules read them with general patterns only
(English date formats, dateline shapes, newspaper-name words), never with outlet-specific
phrases, and return None rather than guess. They scan the header region (first lines) where
they can, so that reading a file stays well under a millisecond.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import regex

__all__ = [
    "agencies",
    "datelines",
    "find_credit",
    "find_outlet",
    "find_published",
    "find_title",
    "is_agency",
]

HEADER_LINES = 40
"""Lines at the top of a text where its headline and dates are looked for."""

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?[ \t]+"
_ZONE_OFFSETS = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "est": -5,
    "edt": -4,
    "cst": -6,
    "cdt": -5,
    "mst": -7,
    "mdt": -6,
    "pst": -8,
    "pdt": -7,
    "cet": 1,
    "cest": 2,
    "bst": 1,
}
_ZONE = r"(?P<zone>utc|gmt|[ecmp][sd]t|cest|cet|bst)?(?P<offset>[+-]\d{1,2}(?::?\d{2})?)?"
_TIME = (
    r"(?:[ \t]*(?:,|-|–|—|\||@|at)?[ \t]*"
    r"(?P<hour>\d{1,2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"|\.(?P<minute>\d{2})(?=[ \t]*[ap]\.?m))"
    r"(?:[ \t]*(?P<ampm>[ap])\.?m\b\.?)?"
    rf"(?:[ \t]*\(?{_ZONE}\)?)?)?"
)
_DATE = regex.compile(
    rf"""
    (?<![\w-])
    (?:
        (?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)
        (?:[T\ ](?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d)(?:\.\d+)?)?
           (?P<zone>z)?(?P<offset>[+-]\d\d:?\d\d)?)?
      |
        {_MONTH}[ \t]+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+(?P<year>(?:19|20)\d\d){_TIME}
      |
        (?P<day>\d{{1,2}})(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?{_MONTH},?[ \t]+
        (?P<year>(?:19|20)\d\d){_TIME}
    )
    (?![\w:])
    """,
    regex.IGNORECASE | regex.VERBOSE,
)
_LABELLED_DATE = regex.compile(
    rf"""
    \b(?:
        (?P<published>(?:first[ \t]+)?publish(?:ed)?(?:[ \t]+(?:date|on|at))?
                     |pub(?:lication)?[ \t]+date|date[ \t]+published|posted(?:[ \t]+(?:on|at))?)
      | (?P<updated>(?:last[ \t]+)?(?:updated|modified)(?:[ \t]+(?:date|on|at))?)
    )
    [ \t]*[:|\-–—]?[ \t]*(?:on[ \t]+)?(?:{_WEEKDAY})?
    (?=\d|{_MONTH})
    """,
    regex.IGNORECASE | regex.VERBOSE,
)
_LABEL_STEMS = tuple(
    # Stems without their first letter find "Published", "published" and "PUBLISHED" with
    # plain str.find, several times faster than a case-insensitive scan of the whole text.
    stem
    for word in ("publish", "publication", "posted", "updated", "modified")
    for stem in (word[1:], word[1:].upper())
)
_LABEL_BEFORE = 16
"""Characters before a label stem that can still belong to the label ("Date published")."""
_LABEL_AFTER = 64
"""Characters after a label stem within which its date must start."""
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_BEFORE_YEAR = 32
"""Every date format puts its year within this many characters of the date's start."""
_DATE_AFTER_YEAR = 48
"""... and ends (time of day and zone included) within this many characters after it."""
_HEADER_MAX_CHARS = 4000
_CAPTION = regex.compile(
    r"""
    ^\W*FILE\b[ \t]*[-–—:]                                  # AP: "FILE - In this ... photo"
    | \bin[ \t]+this\b[^\n]{0,80}?\b(?:photo|image|picture|video|frame|file)\b
    | \b(?:file|handout|AP|Reuters|AFP|Getty)[ \t]+(?:photo|image|picture)\b
    | \bphoto[ \t]+(?:credit|taken|dated)\b | \((?:photo|image)[ \t]*:
    """,
    regex.IGNORECASE | regex.VERBOSE,
)
"""A photo caption: its dates are when the picture was taken, never when the article was
published (AP captions in particular: "FILE - In this March 3, 2019 file photo, ...")."""

_HEADLINE_MAX_WORDS = 25
_KEY_VALUE = regex.compile(r"^(?P<key>[\w .'/#-]{1,40}):[ \t]*(?P<value>.*)$")
_LETTER = regex.compile(r"\p{L}")
_NOT_HEADLINE = regex.compile(r"://|www\.|@|^by\s", regex.IGNORECASE)

_AGENCIES = (
    r"Reuters|Associated[ \t]+Press|AP|AFP|Agence[ \t]+France[- ]Presse|Bloomberg|dpa|DPA|UPI"
    r"|Xinhua|Kyodo(?:[ \t]+News)?|Yonhap|TASS|ANSA|EFE|Anadolu(?:[ \t]+Agency)?|IRNA|ANI|PTI"
    r"|IANS|PA|AAP|CNA|Agencies|agencies|Wires|wires"
)
_AGENCY = regex.compile(rf"(?:the[ \t]+)?(?:{_AGENCIES})", regex.IGNORECASE)
_AGENCY_WORD = regex.compile(rf"(?<![\w])(?:{_AGENCIES})(?![\w])")
_PLACE = r"[A-Z][\w.'’/-]+(?:[ \t]+[A-Z][\w.'’/-]+){0,3}(?:,[ \t]*[\w. ]{1,30}?)?"
_DATELINE = regex.compile(
    # "(L-R):" opens a caption listing people from left to right: a position, not a credit.
    rf"^[ \t]*(?:{_PLACE}[ \t]+)?\((?![LRC]-[LRC]\))(?P<credit>[A-Z][\w&'./ -]{{0,40}}?)\)"
    r"[ \t]*(?:--|[-–—:])",
    regex.MULTILINE,
)
_BYLINE = regex.compile(
    rf"^[ \t]*By[ \t]+(?:the[ \t]+)?(?P<credit>{_AGENCIES})(?:[ \t]+(?i:staff|reporters?))?"
    r"[ \t]*(?:$|[|,•·–—-])",
    regex.MULTILINE,
)
# A short credit line naming a wire after the writers or before the date: "By The Associated
# Press", "Jill Colvin, Associated Press", "By JONATHAN LEMIRE and VLADIMIR ISACHENKOV
# Associated Press", "The Associated Press | Sunday, July 15, 2018". Only names no article
# sentence starts with, so "Reuters, citing sources, said" stays prose.
_WIRE_FULL_NAMES = r"Associated[ \t]+Press|Agence[ \t]+France[- ]Presse|Thomson[ \t]+Reuters"
_SYNDICATORS = r"USA[ ]TODAY|Washington[ ]Post|Bloomberg"
"""Outlets that syndicate their stories as a wire does. Their names end too many lines that
credit nothing ("Trump lashes out at The Washington Post", "Michael Bloomberg", "Follow USA
TODAY", USA TODAY's photo credit "Jack Gruber, USA TODAY"), so only three shapes of credit
count: the USA TODAY network's byline with its time stamp, a byline opening with "By", and
Yahoo's provider line."""
_WRITER = r"\p{Lu}[\p{L}\p{M}.'’-]*(?:[ ]\p{Lu}[\p{L}\p{M}.'’-]*){0,3}"
_WRITERS = rf"{_WRITER}(?:(?:[ ]?,[ ]|,?[ ]and[ ]){_WRITER})*"
_CAPITALS = r"\p{Lu}[\p{Lu}\p{M}.'’-]*(?:[ ]\p{Lu}[\p{Lu}\p{M}.'’-]*){0,3}"
_CREDIT_LINES = tuple(
    regex.compile(pattern, regex.VERBOSE)
    for pattern in (
        # The writers, then the wire: its name ends the line or comes before a separator or
        # the time stamp of a USA TODAY network byline ("Jill Colvin, Associated Press
        # Published 9:21 a.m. ET July 15, 2018"), or is glued to the last writer's name by a
        # page that lost the line break ("Jari Tanner and Jan M. OlsenAssociated Press").
        rf"""^(?:(?i:by)[ ]+)?(?:[^\n]{{0,120}}?(?:,|[ ]and)?(?:[ ]+|(?<=\p{{Ll}})))?
        (?i:the[ ]+)?(?P<credit>{_WIRE_FULL_NAMES})[ ]*
        (?:$|[|•·–—-]|(?=[ ](?:Published|Updated|Posted)\b))""",
        # A syndicating outlet: the USA TODAY network's byline ("Gregory Korte and John
        # Fritze , USA TODAY Published 3:55 a.m. ET", "USA TODAY Published 4:57 a.m. CT"),
        # The Boston Globe's "By Anton Troianovski Washington Post", Yahoo's "Bloomberg•".
        # Two writers or more before a comma ("Anton Troianovski and Philip Rucker, The
        # Washington Post"): a photo credit names one photographer ("Jack Gruber, USA TODAY").
        rf"""^(?:(?:{_WRITERS}[ ]?,[ ])?(?P<credit>USA[ ]TODAY)[ ](?=Published|Updated)
        |(?i:by)[ ]+{_WRITERS}[ ](?:The[ ])?(?P<credit>{_SYNDICATORS})[ ]*$
        |{_WRITER}(?:,[ ]{_WRITER})*,?[ ]and[ ]{_WRITER}[ ]?,[ ](?:The[ ])?
        (?P<credit>{_SYNDICATORS})[ ]*$
        |(?P<credit>{_SYNDICATORS})[ ]?•[ ]*$)""",
        # A time stamp naming the wire: "Posted 5:57 am, July 16, 2018, by Associated Press ,",
        # "Posted 6:08 am, July 16, 2018, by CNN Wires" (CNN Newsource's affiliates).
        rf"""^(?:Posted|Published|Updated)\b[^\n]{{0,60}}?[ ]by[ ]+(?i:the[ ]+)?
        (?P<credit>{_WIRE_FULL_NAMES}|CNN|Reuters|AFP|AP)(?:[ ]Wires?)?[ ]*(?:$|[,|•·–—-])""",
        # AP's title byline: "By ROBERT BURNS AP National Security Writer".
        r"""^(?i:by)[ ]+[^\n]{1,80}?[ ](?P<credit>AP|Associated[ ]Press)
        (?:[ ][A-Z][\w.'’-]*){0,3}[ ](?:Writer|Correspondent|Reporter)s?$""",
        # TIME's byline, the writers in capitals then the wire after a slash: "JONATHAN
        # LEMIRE, JILL COLVIN and VLADIMIR ISACHENKOV / AP". Two writers at least, or "By":
        # a photo credit names a photographer ("Evan Vucci / AP").
        rf"""^(?:(?i:by)[ ]+{_WRITERS}|{_CAPITALS}(?:(?:,[ ]|,?[ ]and[ ]){_CAPITALS})+)
        [ ]?/[ ]?(?P<credit>AP|AFP|Reuters|{_WIRE_FULL_NAMES})[ ]*$""",
        # The tagline under the story: "Jill Colvin is an Associated Press writer."
        rf"""^[^\n]{{1,80}}?[ ](?:is|are)[ ]an?[ ](?P<credit>{_WIRE_FULL_NAMES})
        (?:[ ][\w'’-]+){{0,3}}?[ ](?:writer|reporter|correspondent)s?\.?$""",
    )
)
"""Credit lines naming a wire, each tried on a line with its runs of spaces made one (a
page's byline can hold a hundred spaces between two names)."""
_CREDIT_LINE_WORDS = 15
_PLACE_CAPITALS = 5
"""Length from which a name in capitals in a dateline's brackets reads as a place
("(HELSINKI)"), not a credit's initials ("(CNN)", "(IRNA)")."""
_WIRE_FULL_NAME = regex.compile(
    rf"Associated|Agence|Thomson|{_SYNDICATORS}|\b(?:AP|AFP|CNN|Reuters)\b"
)
"""How each wire name of ``_CREDIT_LINES`` begins: a credit line holds one of them."""
_AGENCY_OVER_DATE = regex.compile(
    rf"^[ \t]*(?:the[ \t]+)?(?P<credit>{_AGENCIES})[ \t]*\n[ \t]*"
    rf"(?:\d{{1,2}}[ \t]+)?(?i:{_MONTH})[ \t]+\d{{1,4}}\b",
    regex.MULTILINE,
)
"""A byline that is the wire's name alone, over the date line (The Boston Globe's
"AP\nJuly 15, 2018", Breitbart's "AFP\n14 Jul 2018")."""
_WIRE_COPYRIGHT = regex.compile(
    rf"(?:\bCopyright[ \t]+(?:©[ \t]*)?|©[ \t]*)(?:19|20)\d\d,?[ \t]+(?:The[ \t]+)?"
    rf"(?P<credit>{_WIRE_FULL_NAMES}|Reuters|AFP)\b"
)
"""The notice a wire's subscribers print under its copy: "Copyright 2018 The Associated Press.
All rights reserved." """
_TRAILING_CREDIT = regex.compile(rf"\((?P<credit>{_AGENCIES})\)[ \t]*\.?[ \t]*$", regex.MULTILINE)
_CAPTION_WORDS = regex.compile(
    r"\b(?:photo|picture|image|credit|illustration)|\bfile\b", regex.IGNORECASE
)
"""Words of a photo credit, glued or not ("CreditAssociated Press", The New York Times's);
"file" as a word only ("Filed 7:24 a.m.", "View profile" are a byline's)."""

_NAME = (
    r"(?P<name>(?!All\b)(?:The[ \t]+)?[A-Z][\w&.'’-]*"
    r"(?:[ \t]+(?!All\b|Rights\b|Reserved\b)[A-Z&][\w&.'’-]*){0,5})"
)
_YEARS = r"(?:19|20)\d\d(?:[ \t]*[-–][ \t]*(?:19|20)\d\d)?,?[ \t]*"
_COPYRIGHT = regex.compile(
    # "(c)" only before a year: "(a) ... (b) ... (c) The ..." is a list, not a copyright.
    rf"(?:(?:\bCopyright[ \t]*)?©[ \t]*(?:{_YEARS})?|\bCopyright[ \t]+(?:\([cC]\)[ \t]*)?{_YEARS}"
    rf"|\([cC]\)[ \t]*{_YEARS}){_NAME}"
)
_SOURCE = regex.compile(rf"^[ \t]*Source:[ \t]*{_NAME}[ \t]*\.?[ \t]*$", regex.MULTILINE)
_NEWS_WORDS = (
    "Post",
    "Times",
    "News",
    "Herald",
    "Journal",
    "Tribune",
    "Gazette",
    "Daily",
    "Press",
    "Telegraph",
    "Guardian",
    "Chronicle",
    "Observer",
    "Star",
    "Mail",
    "Express",
    "Independent",
    "Review",
    "Monitor",
    "Wire",
    "Standard",
    "Mirror",
    "Globe",
    "Courier",
    "Inquirer",
    "Register",
    "Bulletin",
)
_NEWS_WORD = re.compile("|".join(_NEWS_WORDS))
_AGENCY_SUFFIX = " Agency"
_COPYRIGHT_MARKERS = ("©", "opyright", "OPYRIGHT", "(c)", "(C)")
_WORDS_BEFORE = regex.compile(r"(?:(?<![\w&'’.-])(?:(?:[A-Z]\.)+|[A-Z][\w&'’-]*)[ \t]+){1,3}\Z")
"""Up to three capitalised words right before a newspaper word; a word ending a sentence
("... said ISNA. News of ...") breaks the chain, an initialism ("U.S. News") does not."""
_ARTICLES = frozenset({"The", "A", "An"})
_MIN_NAME_REPEATS = 2


def find_published(text: str) -> datetime | None:
    """The publication date and time stated in the text, or None.

    In order: a date labelled as published/posted anywhere; the first date with a time of day
    in the header region; the first date there; a date labelled as updated. Dates on a photo
    caption's line are never taken. A date without a time becomes midnight; the time zone is
    kept when the text gives one.
    """
    published, updated = _labelled_dates(text)
    if published:
        return published[0][1]
    updated_at = {start for start, _ in updated}
    first_dated: datetime | None = None
    for date in _dates(text, 0, len(_header(text))):
        parsed = _to_datetime(date)
        if parsed is None or date.start() in updated_at or _in_caption(text, date.start()):
            continue
        if date.group("hour") is not None:
            return parsed
        first_dated = first_dated or parsed
    if first_dated is not None:
        return first_dated
    return updated[0][1] if updated else None


def find_title(text: str) -> str | None:
    """The first non-empty line when it looks like a headline, else None.

    A headline has at most 25 words and letters, does not end with a full stop, and is not a
    date, a key-value line ("News ID: 67387"), a byline or an address.
    """
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        line = text[start:end].strip()
        if line:
            return line if _is_headline(line) else None
        start = end + 1
    return None


def find_credit(text: str) -> str | None:
    """The wire or agency the text credits, or None.

    Looks for a dateline opening a paragraph ("LONDON (Reuters) -", "TEHRAN (X) --"), then a
    byline naming an agency ("By Reuters"), then a short credit line naming a wire
    (``_CREDIT_LINES``: "Jill Colvin, Associated Press", "By ROBERT BURNS AP National
    Security Writer", "Jill Colvin is an Associated Press writer."), then an agency's name on
    a line of its own over the date, then an agency in brackets ending a paragraph ("(AFP)"),
    then a wire's copyright notice ("Copyright 2018 The Associated Press"). Photo credits
    ("(photo credit: ... REUTERS)", "Evan Vucci / AP", "Michael Nagle | Bloomberg | Getty
    Images") do not count.
    """
    for _, _, credit in datelines(text):
        return credit
    byline = _BYLINE.search(text)
    if byline is not None:
        return " ".join(byline.group("credit").split())
    for line in _credit_lines(text):
        if len(line.group().split()) <= _CREDIT_LINE_WORDS and not _CAPTION_WORDS.search(
            line.string  # the whole line: "Michael Nagle | Bloomberg | Getty Images"
        ):
            return " ".join(line.group("credit").split())
    over_date = _agency_over_date(text)
    if over_date is not None:
        return " ".join(over_date.group("credit").split())
    for trailing in _TRAILING_CREDIT.finditer(text):
        if not _after_caption_words(text, trailing.start()):
            return " ".join(trailing.group("credit").split())
    if "opyright" in text or "©" in text:
        for notice in _WIRE_COPYRIGHT.finditer(text):
            # A photo's notice: in its caption's line, or in brackets ("(Copyright 2017 The
            # Associated Press. All rights reserved.)" under a Fox News caption).
            line_start = text.rfind("\n", 0, notice.start()) + 1
            bracketed = text[line_start : notice.start()].rstrip().endswith("(")
            if not bracketed and not _after_caption_words(text, notice.start()):
                return " ".join(notice.group("credit").split())
    return None


def _agency_over_date(text: str) -> regex.Match[str] | None:
    """``_AGENCY_OVER_DATE.search(text)``, the pattern tried at the lines' starts only.

    ``search`` tried it at every character (15 ns each): 61 of the 135 µs of reading a
    news-shaped benchmark article's credit, 12 µs this way (70 and 29 µs for a Helsinki page).
    The other patterns anchored at a line's start fail faster at a character than a call per
    line costs, and are left to ``search``."""
    start = 0
    while True:
        match = _AGENCY_OVER_DATE.match(text, start)
        if match is not None:
            return match
        line_end = text.find("\n", start)
        if line_end < 0:
            return None
        start = line_end + 1


def _after_caption_words(text: str, position: int) -> bool:
    """Whether the line holding ``position`` names a photo before it ("(AP Photo/Evan Vucci)
    (AFP)"): what follows is the picture's credit, not the text's."""
    line_start = text.rfind("\n", 0, position) + 1
    return _CAPTION_WORDS.search(text, line_start, position) is not None


def _credit_lines(text: str) -> Iterator[regex.Match[str]]:
    """The matches of ``_CREDIT_LINES`` on the lines of ``text`` (spaces made one), tried only
    on the lines that name a wire: the patterns try 120 positions on every line, a third of a
    millisecond per article."""
    tried = -1
    for name in _WIRE_FULL_NAME.finditer(text):
        line_start = text.rfind("\n", 0, name.start()) + 1
        if line_start != tried:
            tried = line_start
            line_end = text.find("\n", line_start)
            line = " ".join(text[line_start : len(text) if line_end < 0 else line_end].split())
            for pattern in _CREDIT_LINES:
                found = pattern.match(line)
                if found is not None:
                    yield found
                    break


def datelines(text: str) -> Iterator[tuple[int, int, str]]:
    """Every dateline opening a paragraph ("TEHRAN (Dispatches) --"): its span and credit.

    A word of five capitals or more in brackets with no place before it is a place unless it
    names an agency: TIME's dateline "(HELSINKI) — With rattled world capitals…" credits no
    one, "(AP) —", "(CNN) —" and "(XINHUA) —" do."""
    for match in _DATELINE.finditer(text):
        credit = str(match.group("credit")).strip()
        if (
            len(credit) >= _PLACE_CAPITALS
            and credit.isupper()
            and match.group().lstrip().startswith("(")
            and not is_agency(credit)
        ):
            continue
        yield match.start(), match.end(), credit


def agencies(text: str, start: int = 0, end: int | None = None) -> Iterator[str]:
    """The news agencies and wires named in ``text[start:end]``, as written, in order."""
    for match in _AGENCY_WORD.finditer(text, start, len(text) if end is None else end):
        yield " ".join(match.group().split())


def is_agency(name: str) -> bool:
    """Whether ``name`` is a news agency or wire ("Reuters", "Associated Press", "IRNA")."""
    return _AGENCY.fullmatch(" ".join(name.split())) is not None


def find_outlet(text: str) -> str | None:
    """The publisher the text names, or None.

    A copyright line ("© 2019 Name"), else a "Source: Name" line, else the capitalised name
    ending in a newspaper word (Post, Times, News, ...) that the text repeats most, at least
    twice ("The Jerusalem Post ... Jerusalem Post Group" gives "Jerusalem Post").
    """
    for pattern, markers in ((_COPYRIGHT, _COPYRIGHT_MARKERS), (_SOURCE, ("Source:",))):
        if not any(marker in text for marker in markers):
            continue
        match = pattern.search(text)
        if match is not None:
            name = str(match.group("name")).rstrip(".,")
            if len(name) > 1:
                return name
    names: Counter[str] = Counter()
    for start, news_word in _news_words(text):
        before = _WORDS_BEFORE.search(text, max(0, start - 80), start)
        if before is None:
            continue
        words = before.group().split()
        for first in range(len(words)):
            if not _ARTICLES.issuperset(words[first:]):
                names[" ".join([*words[first:], news_word])] += 1
    if not names:
        return None
    name, count = max(names.items(), key=lambda item: (item[1], len(item[0])))
    return name if count >= _MIN_NAME_REPEATS else None


def _in_caption(text: str, position: int) -> bool:
    """Whether the line holding ``position`` is a photo caption."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return _CAPTION.search(text, start, len(text) if end == -1 else end) is not None


def _header(text: str) -> str:
    """The first ``HEADER_LINES`` lines of ``text``, at most ``_HEADER_MAX_CHARS`` of it."""
    end = -1
    for _ in range(HEADER_LINES):
        end = text.find("\n", end + 1)
        if end == -1:
            end = len(text)
            break
    return text[: min(end, _HEADER_MAX_CHARS)]


def _labelled_dates(
    text: str,
) -> tuple[list[tuple[int, datetime]], list[tuple[int, datetime]]]:
    """Dates after a "published"/"posted" label and after an "updated" label, in text order.

    Each item is (start of the date, date). Label stems are found with str.find, and the label
    pattern runs only in a small window around each.
    """
    windows = sorted(
        {
            (max(0, found - _LABEL_BEFORE), found + _LABEL_AFTER)
            for stem in _LABEL_STEMS
            for found in _find_all(text, stem)
        }
    )
    published: list[tuple[int, datetime]] = []
    updated: list[tuple[int, datetime]] = []
    seen: set[int] = set()
    for start, end in windows:
        for label in _LABELLED_DATE.finditer(text, start, end):
            date = _DATE.match(text, label.end())
            parsed = _to_datetime(date) if date is not None else None
            if date is None or parsed is None or date.start() in seen:
                continue
            seen.add(date.start())
            found = published if label.group("published") is not None else updated
            found.append((date.start(), parsed))
    published.sort(key=lambda item: item[0])
    updated.sort(key=lambda item: item[0])
    return published, updated


def _dates(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    """Date matches in ``text[start:end]`` in order, searched only around four-digit years."""
    last_end = start
    for year in _YEAR.finditer(text, start, end):
        if year.start() < last_end:
            continue
        window_start = max(last_end, year.start() - _DATE_BEFORE_YEAR)
        window_end = min(len(text), year.end() + _DATE_AFTER_YEAR)
        date = _DATE.search(text, window_start, window_end)
        if date is not None and date.start() <= year.start():
            last_end = date.end()
            yield date


def _find_all(text: str, needle: str) -> Iterator[int]:
    """Every offset of ``needle`` in ``text``."""
    found = text.find(needle)
    while found != -1:
        yield found
        found = text.find(needle, found + 1)


def _news_words(text: str) -> Iterator[tuple[int, str]]:
    """Newspaper words standing as whole words, "News Agency" and "Press Agency" joined."""
    for match in _NEWS_WORD.finditer(text):
        start, end = match.span()
        if (start and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue
        word = match.group()
        if word in ("News", "Press") and text.startswith(_AGENCY_SUFFIX, end):
            word += _AGENCY_SUFFIX
        yield start, word


def _is_headline(line: str) -> bool:
    """See ``find_title``."""
    words = line.split()
    if len(words) > _HEADLINE_MAX_WORDS or line.endswith("."):
        return False
    if _NOT_HEADLINE.search(line):
        return False
    letters = len(_LETTER.findall(line))
    if letters < 2 or letters < 0.5 * len(line.replace(" ", "")):
        return False
    date = _DATE.search(line)
    if date is not None and len(line) - len(date.group()) < 0.5 * len(line):
        return False
    key_value = _KEY_VALUE.match(line)
    if key_value is None or len(key_value.group("key").split()) > 3:
        return True
    # "News ID: 67387", "Section: World" are fields; "Analysis: Iran eyes joint drills" is not.
    value = key_value.group("value").split()
    return not (len(value) <= 1 or (len(value) <= 3 and any(c.isdigit() for c in line)))


def _to_datetime(date: regex.Match[str]) -> datetime | None:
    """A ``datetime`` from a ``_DATE`` match; None when the fields are not a real date."""
    groups = date.groupdict()
    month = groups["mnum"] or _MONTHS.get((groups["month"] or "")[:3].lower())
    hour = int(groups["hour"] or 0)
    ampm = (groups["ampm"] or "").lower()
    if ampm and 1 <= hour <= 12:  # "20:14 pm" is a 24-hour time with a stray suffix
        hour = hour % 12 + (12 if ampm == "p" else 0)
    try:
        return datetime(
            int(groups["year"]),
            int(month or 0),
            int(groups["day"]),
            hour,
            int(groups["minute"] or 0),
            int(groups["second"] or 0),
            tzinfo=_zone(groups["zone"], groups["offset"]),
        )
    except ValueError:
        return None


def _zone(name: str | None, offset: str | None) -> timezone | None:
    """The time zone of a zone name and/or numeric offset ("+03:00", "UTC+3"); None if none."""
    if name is None and offset is None:
        return None
    hours = _ZONE_OFFSETS.get((name or "utc").lower(), 0)
    minutes = 0
    if offset is not None:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        if len(digits) <= 2:
            hours += sign * int(digits)
        else:
            hours += sign * int(digits[:-2])
            minutes = sign * int(digits[-2:])
    try:
        return timezone(timedelta(hours=hours, minutes=minutes))
    except ValueError:
        return None
