"""Recognise page boilerplate in blocks of text: appeals, banners, captions, headers, menus.

Two kinds of signal, both general (no outlet, article or phrase of any particular page):

1. *Patterns* that web pages of many outlets share: subscription and donation appeals, cookie
   banners, photo credits, "Related" headings, comment prompts, share buttons, bylines, date and
   ID lines, datelines with a wire credit.
2. *Shape and position*: a short line without a sentence end at the edge of the text (a
   headline, a menu item, a credit line), a paragraph that repeats another one of the same page
   (a caption shown twice, a standfirst that restates the lead), and membership of a run of
   boilerplate (the items under "Related", the bullets of an appeal).

``label_blocks`` labels a run of consecutive blocks at once, because the run is what tells a
bullet of a subscription appeal from a bullet of an article.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from retold.clean.quotes import without_quotations
from retold.sentences import split_sentences

__all__ = [
    "Block",
    "glued_caption_end",
    "is_short_line",
    "label_block",
    "label_blocks",
    "label_lines",
    "label_page",
    "leading_dateline",
    "wrapped_lines",
]

_I = regex.IGNORECASE | regex.VERSION1


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """Phrases of one kind of boilerplate, tried only when one of the trigger words occurs.

    The trigger check is a set intersection (C speed); the phrase regex, an alternation that
    costs about half a microsecond per character, only runs on the few blocks that pass it.
    """

    label: str
    triggers: frozenset[str]
    pattern: regex.Pattern[str]
    needles: tuple[str, ...] = ()
    """Pieces of text (case-folded) one of which every match holds, when the triggers are
    common words: a line that passes the triggers ("our", "year", "help") but holds none of
    them cannot match, and the pattern is not run (most paragraphs of news prose)."""

    def hits(self, present: set[str], text: str) -> int:
        """Matches in ``text``, whose words (case-folded) are ``present``."""
        if self.triggers.isdisjoint(present):
            return 0
        if self.needles:
            folded = text.casefold()
            if not any(needle in folded for needle in self.needles):
                return 0
        return sum(1 for _ in self.pattern.finditer(text))


def _lexicon(label: str, triggers: str, *alternatives: str, needles: str = "") -> _Lexicon:
    return _Lexicon(
        label,
        frozenset(triggers.split()),
        regex.compile("|".join(alternatives), _I),
        tuple(needles.split("|")) if needles else (),
    )


# One match is enough for a short block; a long paragraph needs two (see ``label_block``).
_LEXICONS = (
    _lexicon(
        "cookie",
        "cookie cookies",
        r"\bcookies?\b.{0,60}\b(?:settings|policy|consent|accept|use|preferences)\b",
        r"\b(?:accept|manage)\b.{0,20}\bcookies?\b",
        r"^\W*cookies?\b",
    ),
    _lexicon(
        "paywall",
        "paywall subscribe subscription subscriptions subscriber subscribers premium ad ads free"
        " epaper e dear our loyal support help donate donation donations become journalism click"
        " sign newsletter newsletters already login log register unlimited month year week",
        r"\bpaywall",
        r"\bsubscri(?:be|ption|ber)",
        r"\bpremium\b",
        r"\bads?[- ]free\b",
        r"\bfree of ads\b",
        r"\be-?paper\b",
        r"\bdear readers?\b",
        r"\b(?:our|loyal) readers\b",
        r"\bsupport (?:us|our|independent|quality)\b",
        r"\bhelp us\b",
        r"\bdonat(?:e|ion)",
        r"\bbecome a (?:member|subscriber|supporter|partner)\b",
        r"[$€£]\s?\d+(?:\.\d+)?\s*(?:a|per|/)\s*(?:month|year|week)\b",
        r"\b(?:our|independent|quality) journalism\b",
        r"\bclick here\b",
        r"\bsign up\b",
        r"\bnewsletters?\b",
        r"\balready a member\b",
        r"\blog ?in\b",
        r"\bregister (?:now|for free|to)\b",
        r"\bunlimited access\b",
        needles="paywall|subscri|premium|ad-free|ad free|ads-free|ads free|free of ads|epaper"
        "|e-paper|dear reader|our readers|loyal readers|support us|support our"
        "|support independent|support quality|help us|donat|become a|$|€|£|journalism"
        "|click here|sign up|newsletter|already a member|login|log in|register now"
        "|register for free|register to|unlimited access",
    ),
    _lexicon(
        "caption",
        "photo photos image images picture pictures video videos photograph credit getty"
        " shutterstock file via",
        r"\((?:photo|image|picture|video)s?(?: credit)?\s*:",
        r"\b(?:photo|image|picture) credit\b",
        r"^\s*(?:photo|image|picture|photograph|credit)\s*:",
        r"\b(?:getty images|shutterstock|file photo)\b",
        r"\bphoto by\b",
        r"\([^()]{0,40}\bphotos?\s*/[^()]{1,80}\)",
        r"\([^()]{1,60}/[^()]{1,40}\bvia \p{Lu}[\p{L}. ]{0,25}\)",
    ),
    _lexicon(
        "byline",
        "editor staff contributed min mins minute minutes updated published posted last",
        r"\b(?:editor[- ]in[- ]chief|staff writer|contributed (?:to this )?report)",
        r"\b\d+\s+min(?:ute)?s?\s+read\b",
        r"^\W*(?:updated|published|posted|last modified)\b",
    ),
    _lexicon(
        "rights",
        "all copyright terms privacy",
        r"\ball rights reserved\b",
        r"\bcopyright\b",
        r"\bterms of (?:use|service)\b",
        r"\bprivacy policy\b",
    ),
)
# Whole short lines that are boilerplate by themselves: headings, buttons, bylines.
_SHORT_LINE_WORDS = 12
_LINE_SOURCES = (
    (
        "related",
        r"(?i)^\W*(?:(?:read (?:more|also|next)|related|see also|more)\s*:.*"
        r"|related(?: content| articles?| stories| news| coverage| posts)?|read (?:more"
        r"|also|next)|also read|more (?:from|on|stories|news)|recommended(?: for you)?|you (?:may"
        r"|might) also like|most (?:read|popular|viewed)|trending(?: now)?|see also|top stories"
        r"|latest news|editor'?s picks)\W*$",
    ),
    (
        "comments",
        r"(?i)^\W*(?:\d+\s+)?(?:comments?|leave a (?:comment|reply)|add a comment|post a comment"
        r"|join the (?:discussion|conversation)|show comments|view comments)\b.{0,20}$",
    ),
    (
        "share",
        r"(?i)^\W*(?:share(?: this(?: article| story)?)?(?: on)?|tweet|email|print|whatsapp"
        r"|facebook|twitter|linkedin|follow us(?: on)?\b.*|copy link)\W*$",
    ),
    (
        "advert",
        r"(?i)^\W*(?:advertisement|advertising|sponsored(?: content)?|promoted|ad"
        r"|story continues below(?: advertisement)?)\W*$",
    ),
    (
        "byline",
        r"^\W*(?i:by|written by|reporting by|editing by|compiled by)\s+\p{Lu}[\p{L}.'-]*"
        r"(?:\s+\p{Lu}[\p{L}.'-]*){0,3}\W*$",
    ),
    ("rights", r"^.{0,80}©.{0,80}$"),
)
_LINE_PATTERN = regex.compile(
    "|".join(f"(?P<{label}>{source})" for label, source in _LINE_SOURCES), regex.VERSION1
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# A line made only of dates, times, weekdays, IDs and "Label:" keys: a page or article header.
_META_LINE = regex.compile(
    rf"^(?:[\s,.:|/\-–—]|\d+(?:st|nd|rd|th)?|{_MONTH}|{_WEEKDAY}|[ap]\.?m\.?|gmt|utc|[+-]\d\d:?\d\d"
    r"|(?:\p{L}+\s){0,2}\p{L}+\s*:(?=\s*\d)|\b(?:id|no|nr)\b)+$",
    _I,
)
# "TEHRAN (Reuters) --", "WASHINGTON, July 2 (AP) —", "LONDON —": the dateline opening a story.
_DATELINE_OPENING = (
    r"^\s*\p{Lu}[\p{Lu}\p{M} .,'/-]{1,40}(?:,\s*[\p{L}\d .]{1,20})?\s*"
    r"(?:\([^()\n]{1,40}\))?\s*[-–—]+"
)
_DATELINE = regex.compile(_DATELINE_OPENING + r"\s*$")
_LEADING_DATELINE = regex.compile(_DATELINE_OPENING + r"(?=\s)")
# The shape of a news photo caption, decisive at any length (captions run to 80 words and more,
# too long for one lexicon phrase to label them): AP's "FILE - In this ... photo", a photo credit
# in parentheses or after the text ("(AP Photo/Evan Vucci)", "(Jorge Silva/Pool Photo via AP,
# File)", "REUTERS/Kevin Lamarque", "Markus Schreiber AP Photo"), a gallery's "... more" or
# "less" toggle after the text, and the caption's date "Monday, July 16, 2018" (wire caption
# style names the weekday with the full date; article prose says "on Monday").
_CAPTION_SHAPES = tuple(
    (tuple(needles.split("|")), regex.compile(pattern, _I | regex.VERBOSE))
    for needles, pattern in (
        ("file", r"^\W*FILE\s*[-–—]"),
        ("photo", r"\((?:AP|Reuters|AFP|EPA|Getty)?[ ]?Photo\b[^()\n]{0,80}\)"),
        ("photo", r"\b(?:AP|AFP|Reuters)[ ]Photo\W*$"),
        ("via ", r"\([^()\n]{1,80}\bvia[ ](?:AP|Reuters|AFP|Getty[ ]Images)\b[^()\n]{0,20}\)"),
        ("/", r"\([^()\n]{1,60}/(?:AP|AFP|Getty[ ]Images|Reuters|Pool|EPA)\b[^()\n]{0,30}\)"),
        ("reuters/", r"\bREUTERS/\p{Lu}"),
        (" more|) less", r"(?:\.\.\.|…)[ ]more\s*$ | \)[ ]less\s*$"),
        ("day", rf"\b{_WEEKDAY},?[ ]+{_MONTH}[ ]+\d{{1,2}},[ ]+\d{{4}}\b"),
        # The European style: "… in Helsinki, Finland, 15 July 2018." (place, country, date).
        # The date is looked for first and the place behind it: month names as needles ("may",
        # "mar") are in most paragraphs, and the pattern tried from every "in " tripled the cost
        # of telling a caption by its shape.
        (
            "",
            r"(?<=\bin[ ](?-i:\p{Lu})[\p{L}.'\-\ ]{1,30},[ ](?-i:\p{Lu})[\p{L}\ ]{1,30},[ ])"
            rf"\d{{1,2}}[ ]{_MONTH}[ ]\d{{4}}\.",
        ),
    )
)
"""Each shape with the text (case-folded) that every match of it holds: one alternation of all
of them, tried at every position of every paragraph, was 60 % of labelling a page."""


def _caption_shapes(text: str) -> Iterator[regex.Match[str]]:
    """The matches of ``_CAPTION_SHAPES`` in ``text``, shape by shape, each shape tried only
    when ``text`` holds one of its needles."""
    folded = text.casefold()
    for needles, pattern in _CAPTION_SHAPES:
        if any(needle in folded for needle in needles):
            yield from pattern.finditer(text)


def _caption_shaped(text: str) -> bool:
    return next(_caption_shapes(text), None) is not None


_GLUED_PROSE_WORDS = 40
_FILE_PHOTO = regex.compile(r"^\W*(?:FILE\s*[-–—]|In[ ]this\b[^\n]{0,80}?\bphoto\b)", _I)
"""AP's file-photo captions, "FILE - In this …" and "In this July 7, 2017, file photo, …":
their sentences after the date are the photo's context, not a paragraph glued to it."""


def glued_caption_end(line: str) -> int | None:
    """Where the caption ends in a line that is a photo's caption run into the paragraph under
    it, as a scraper glues a page's lead photo to the first paragraph ("… at NATO headquarters
    in Brussels on Wednesday, July 11, 2018. President Donald Trump and the first lady are
    arriving …"); ``None`` for a line that is all caption.

    The caption ends with its last caption shape when that is a credit in brackets ("… 2018.
    (AP Photo/Evan Vucci) President …"), else with the sentence where that shape (a date)
    ends; when at least 40 words follow. Callers ask it of a page's one caption only: a
    gallery's captions carry sentences of the story after their date. AP's file-photo captions
    carry their context (``_FILE_PHOTO``) and are captions whole.
    """
    if _FILE_PHOTO.match(line):
        return None
    last_end = max((match.end() for match in _caption_shapes(line)), default=0)
    if not last_end:
        return None
    end = last_end
    if not line[:last_end].endswith(")"):
        end = next((end for _, end in split_sentences(line) if end >= last_end), len(line))
    rest = line[end:].split(maxsplit=_GLUED_PROSE_WORDS)
    return end if len(rest) >= _GLUED_PROSE_WORDS else None


# A gallery's photo credit on a line of its own: "Pablo Martinez Monsivais, AP", "BRENDAN
# SMIALOWSKI, AFP/Getty Images", "Photo: Mel Evans, AP". The block just before it is a caption.
_CREDIT_LINE = regex.compile(
    r"^\W*(?!by\s)(?:(?:photo|image|picture)s?(?:\s+credit)?\s*:\s*)?"
    r"\p{Lu}[\p{L}\p{M} .'’-]{1,60},\s*"
    r"(?:[\p{L} .-]{0,30}/)?(?:AP|AFP|Getty Images|EPA(?:-EFE)?|Reuters|Pool|The Associated Press"
    r"|USA TODAY(?: Sports)?|Lehtikuva)(?:\s+(?:Photo|Images))?\W*$",
    regex.IGNORECASE,
)
_SENTENCE_END = regex.compile(r"[.!?…。！？][\"'”’»)\]」』）]*\s*[\"“‘]?\s*$")
_WORDS = regex.compile(r"[\p{L}\p{N}]+")
_ADDRESS = regex.compile(r"\b(?:you|your|we|our|us)\b", _I)
_LONG_BLOCK_WORDS = 40
_WORDS_PER_HIT = 50  # a long block needs a phrase per 50 words: a story may mention "photo"
_BULLET = regex.compile(r"^\s*[•·▪●◦‣*\-–]\s")


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (or the part of one) to label, with what its page says about it."""

    text: str
    at_edge: bool = False
    """Before the first or after the last shared passage of its text (``label_page``: the
    first or last line of the page longer than a headline)."""
    repeated: bool = False
    """Most of its words repeat, in order, elsewhere on the same page."""
    whole_line: bool = True
    """The block is a line of its own, not the end or start of a longer line."""


def label_block(block: Block) -> str | None:
    """The boilerplate label of one block on its own signals, or ``None`` when undecided.

    Phrases inside quotation marks do not count (a senator may say "help us"), and a long
    paragraph needs more than one phrase (one per 50 words).
    """
    text = block.text.strip()
    if not text:
        return None
    label = _label_text(text)
    if label is None and block.repeated and block.at_edge:
        return "repeat"
    return label


@lru_cache(maxsize=1 << 16)
def _label_text(text: str) -> str | None:
    """``label_block`` without the page context; cached, as a scan sees the same paragraph in
    every pair its article is part of."""
    words = _WORDS.findall(text.casefold())
    if len(words) <= _SHORT_LINE_WORDS:
        line = _LINE_PATTERN.match(text)
        if line is not None and line.lastgroup is not None:
            name: str = line.lastgroup
            return name
    own_words = without_quotations(text)
    present = set(_WORDS.findall(own_words.casefold())) if own_words != text else set(words)
    hits = [lexicon.label for lexicon in _LEXICONS for _ in range(lexicon.hits(present, own_words))]
    needed = max(2, len(words) // _WORDS_PER_HIT)
    if hits and (len(words) < _LONG_BLOCK_WORDS or len(hits) >= needed):
        return hits[0]
    if _META_LINE.match(text) or _DATELINE.match(text):
        return "dateline"
    if _caption_shaped(own_words):
        return "caption"
    return None


def is_short_line(text: str) -> bool:
    """A headline, a menu item, a name: few words and no sentence end. Chinese, Japanese and
    Thai write no spaces between words: there, two characters count as a word."""
    # Words are counted up to one past the limit: splitting all of a long paragraph, and
    # looking in all of it for characters that are only in East Asian text, was most of the
    # cost of telling every line of a page.
    words = len(text.split(maxsplit=_SHORT_WORDS))
    if words > _SHORT_WORDS:
        return False
    if not text.isascii():
        words += len(_UNSPACED.findall(text)) // 2
    return words <= _SHORT_WORDS and not _SENTENCE_END.search(text)


_SHORT_WORDS = 20


_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}]")


def _is_prose(text: str) -> bool:
    return len(text.split()) >= 8 and bool(_SENTENCE_END.search(text))


def _addresses_reader(text: str) -> bool:
    return len(_ADDRESS.findall(text)) >= 2


def label_lines(blocks: Sequence[Block]) -> list[str | None]:
    """Label consecutive lines each on its own signals, and a caption by the photo credit on the
    line under it (a gallery: "Pablo Martinez Monsivais, AP"). Unlike ``label_blocks``, a line
    never takes its label from the one before: right for a whole page, where a bullet list after
    a "MONDAY" heading is article text."""
    labels = [label_block(block) for block in blocks]
    for index, block in enumerate(blocks):
        if _CREDIT_LINE.match(block.text.strip()):
            labels[index] = "caption"
            if index and labels[index - 1] is None:
                labels[index - 1] = "caption"
    return labels


def label_blocks(blocks: Sequence[Block]) -> list[str | None]:
    """Label a run of consecutive blocks: each on its own, then by its neighbours.

    Captions are told by the credit under them (``label_lines``). An undecided block takes the
    label of the boilerplate before it when it cannot be article prose on its own (a short
    line, a bullet, a salutation), or when it continues an appeal (``paywall``) addressed to the
    reader ("we", "you") — an op-ed written in the first person after a page header stays
    content. At the edge of the text, a short line with no label is a header.
    """
    labels = label_lines(blocks)
    previous: str | None = None
    for index, block in enumerate(blocks):
        text = block.text.strip()
        if labels[index] is None and text:
            # A header is one short line: the paragraph under a headline is not boilerplate.
            follows_boilerplate = previous is not None and (
                previous != "header" or is_short_line(text)
            )
            continues_appeal = previous == "paywall" and _addresses_reader(text)
            if follows_boilerplate and (
                is_short_line(text)
                or _BULLET.match(text)
                or (not _is_prose(text))
                or continues_appeal
            ):
                labels[index] = previous
            elif block.at_edge and block.whole_line and is_short_line(text):
                labels[index] = "header"
        if text:
            previous = labels[index]
    return labels


def label_page(lines: Sequence[str], repeated: Sequence[bool]) -> list[str | None]:
    """Label every line of a whole page at once (``label_blocks`` over the page as one run).

    A line is at the edge of the page when it comes before the first or after the last line
    longer than a headline: the headline, byline and date lines above an article, the menus
    below it. ``repeated[i]`` says whether most of line ``i``'s words repeat elsewhere on the
    page. Scores that count a page's boilerplate read these labels, worked out once per page
    rather than once for every pair the page is part of.
    """
    wrapped = wrapped_lines(lines)
    long_lines = [
        index
        for index, line in enumerate(lines)
        if not is_short_line(line.strip()) or wrapped[index]
    ]
    first, last = (long_lines[0], long_lines[-1]) if long_lines else (len(lines), -1)
    blocks = [
        Block(line, at_edge=index < first or index > last, repeated=repeats)
        for index, (line, repeats) in enumerate(zip(lines, repeated, strict=True))
    ]
    return label_blocks(blocks)


def wrapped_lines(lines: Sequence[str]) -> list[bool]:
    """Which lines are part of a paragraph wrapped over three lines or more (a plain-text file,
    an e-mail, an embedded post): each stops mid-sentence and the next goes on in small letters.
    Each such line is short, but none is a headline. Two lines so joined are not enough: a
    headline goes on in a byline ("by Philip Bump July 16 …") the same way."""
    stripped = [line.strip() for line in lines]
    page = "\n".join(stripped)
    if not _SMALL_START.search(page) and not _OPEN_END.search(page):
        return [False] * len(lines)  # no line goes on into the next: most pages
    return _wrapped_runs(stripped)


def _wrapped_runs(stripped: Sequence[str]) -> list[bool]:
    """``wrapped_lines`` of lines already stripped, worked out line by line."""
    worded = [_has_words(line) for line in stripped]
    if _wrapped_throughout(stripped, worded):
        return [True] * len(stripped)
    joints = [
        worded[index] and worded[index + 1] and _wraps_into(stripped[index], stripped[index + 1])
        for index in range(len(stripped) - 1)
    ]
    wrapped = [False] * len(stripped)
    run_start = 0
    for index, joined in enumerate([*joints, False]):
        if not joined:
            if index - run_start >= 2:  # lines run_start..index joined by two joints or more
                wrapped[run_start : index + 1] = [True] * (index + 1 - run_start)
            run_start = index + 1
    return wrapped


def _has_words(line: str) -> bool:
    """``line`` holds ``_WRAPPED_WORDS`` words or more; a long paragraph is not split whole
    (splitting every line of a page was most of the cost of ``wrapped_lines``)."""
    return len(line.split(maxsplit=_WRAPPED_WORDS - 1)) >= _WRAPPED_WORDS


def _wrapped_throughout(lines: Sequence[str], worded: Sequence[bool]) -> bool:
    """A plain-text file wrapped at a column: at least ``_THROUGHOUT_SHARE`` of its lines of
    five words or more (``worded``) go on from the line before in small letters. Its line
    breaks fall anywhere, so the shape of a line (short, no sentence end) says nothing of
    chrome there. A web page's lines are its paragraphs: on the Helsinki corpus no page with
    ten such lines has more than a quarter of them start in small letters (an embedded post's
    wrapped lines); half of PAN 2013's suspicious documents, re-wrapped by the organisers,
    have over 60 %."""
    starts = [line[0] for line, many in zip(lines, worded, strict=True) if many]
    starts = [start for start in starts if start.isalpha()]
    small = sum(start.islower() for start in starts)
    return len(starts) >= _THROUGHOUT_LINES and small >= _THROUGHOUT_SHARE * len(starts)


def _wraps_into(line: str, following: str) -> bool:
    """``line`` (five words or more) stops mid-sentence and ``following`` (as many) goes on: in
    small letters, or after a comma or a word no sentence ends on ("… the Iraqi Army and" /
    "Special Forces, …"). Both are words, not code ("window._taboola = …" is in small letters
    too); the five words keep out chrome in small letters ("amp", "more_vert")."""
    return (
        (following[0].islower() or _open_ended(line))
        and not _SENTENCE_END.search(line)
        and not _CODE.search(line)
        and not _CODE.search(following)
    )


_WRAPPED_WORDS = 5
_THROUGHOUT_LINES = 10
_THROUGHOUT_SHARE = 0.4
_CODE = regex.compile(r"[{}=<>_|]")
_OPEN_WORDS = frozenset("a an and as at by for from in of on or that the to with".split())
_SMALL_START = regex.compile(r"\n\p{Lowercase}")
_OPEN_END = regex.compile(rf"(?:,|\b(?:{'|'.join(sorted(_OPEN_WORDS))}))\n")
"""With ``_SMALL_START``: where a line of a page (lines stripped, joined) may go on into the
next, found in C before any work line by line, which most pages then need not do. Two
searches: one alternation of both scans the page several times slower."""


def _open_ended(line: str) -> bool:
    """``line`` ends on a comma or on a word no sentence ends on; read from its end only (a
    pattern anchored at the end is tried at every position of a long paragraph)."""
    return line.endswith(",") or line.rsplit(maxsplit=1)[-1] in _OPEN_WORDS


def leading_dateline(line: str) -> int:
    """The length of the dateline opening ``line`` ("TEHRAN --", "WASHINGTON (AP) —"), or 0.

    Each copy of a story writes its own dateline before the shared text: labelled on its own
    (``label_block``), it is boilerplate, and a page labelled line by line must say so too.
    """
    found = _LEADING_DATELINE.match(line)
    return found.end() if found is not None else 0
