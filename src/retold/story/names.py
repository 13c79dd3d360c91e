"""The names ledger: every proper name of either text, and what became of each mention.

Names are found by a general rule, not a list: runs of capitalised words and acronyms
("Badr Organization", "Hadi al-Amiri", "IRGC", "U.S."), joined by the lower-case particles
names carry ("Bank of England", "al-Amiri"), a possessive ending the run ("Iran's"). A
capital letter at the start of a sentence is no sign of a name, so a run opening a sentence
loses leading words that are function words or that the texts also write in lower case, and a
single word there counts only when the texts also capitalise it inside a sentence. Names are
grouped by their folded form (case, dots, diacritics and typography folded: "US", "U.S."; an
all-capitals "ALIREZA SABAHIFAR" and "Alireza Sabahifar").

Beside names, the *terms* a source repeats and the copy drops everywhere ("rocket attack",
"rocket attacks"): two content words in a row, mentioned at least twice in A, every mention
cut and none left in B. Such a phrase is what a reader means by "every mention of the attack
was cut".

A mention is kept when no substantive change touches it, cut when a cut does (or a rewording
whose other side holds no name), renamed when a substitution puts a name for it, added when an
addition in B holds it. Mentions in boilerplate (a paywall appeal, a caption) and in a
dateline ("LONDON (Reuters) -": a credit, which the credit check reads) are not part of the
story and are left out. No spaCy or other model is used: the rule needs none, and nothing
is downloaded.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import regex

from retold.explain.substitution import FUNCTION_WORDS
from retold.ingest.metadata import datelines
from retold.records import ChangeKind, Fate, Mention, Name
from retold.story.spans import ChangeMap
from retold.tokens import fold

__all__ = ["NameSpan", "clear_names_cache", "find_names", "names_ledger", "term_context"]

_NAME_WORD = (
    r"(?:\p{Lu}\.){2,}|(?:\p{Ll}{1,3}-)?\p{Lu}[\p{L}\p{M}\p{N}]*(?:['’\-][\p{L}\p{M}\p{N}]+)*"
)
_PARTICLES = frozenset("of for de del der van von bin ibn da di du la le".split())
"""Lower-case words inside a name ("Bank of England", "Ludwig van Beethoven")."""
_PARTICLE = rf"\b(?:{'|'.join(sorted(_PARTICLES))})\b"
_RUN = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}'’.\-])(?:{_NAME_WORD})"
    rf"(?:(?:[ \t]+|['’][ \t]+)(?:{_PARTICLE}[ \t]+)*(?:{_NAME_WORD}))*"
)
"""A run of capitalised words, with the particles and plural possessives between them: found
in one pass of the C matcher, so that Python sees runs, not every word."""
_RUN_WORD = regex.compile(rf"{_NAME_WORD}|{_PARTICLE}")
_LOWER_WORD = regex.compile(r"(?<![\p{L}\p{N}'’\-])\p{Ll}[\p{Ll}\p{M}]*")
_CALENDAR = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
_POSSESSIVES = ("'s", "’s")
_OPENING_MARKS = " \t\"'“”‘’([«»*•-"
_SENTENCE_ENDS = ".!?:;\n"
_TERM_WORD = regex.compile(r"\p{Ll}{3,}")
_MIN_TERM_MENTIONS = 2
_CONTEXT_WORDS = 5
"""Words after a term's first mention quoted to say which one it is ("rocket attack near US
forces in Mosul")."""
_CONTEXT = regex.compile(rf"(?:[ \t]+[\p{{L}}\p{{N}}’'\-]+){{0,{_CONTEXT_WORDS}}}")


@dataclass(frozen=True, slots=True)
class NameSpan:
    """One run of name words in a text: where, as written, and its folded key."""

    start: int
    end: int
    text: str
    key: str
    article: bool
    """Preceded by "the"."""


@dataclass(frozen=True, slots=True)
class _Word:
    start: int
    end: int
    text: str
    sentence_start: bool
    ends_run: bool
    """A possessive ("Iran's") or a capitalised head of a hyphened word ("US-led")."""


def _run_words(text: str, run: regex.Match[str]) -> Iterator[list[_Word]]:
    """The words of a run, cut where a possessive or a hyphened common word ends a name."""
    words: list[_Word] = []
    for match in _RUN_WORD.finditer(text, run.start(), run.end()):
        word, start = match.group(), match.start()
        ends_run = word.endswith(_POSSESSIVES)
        if ends_run:
            word = word[:-2]
        parts = word.split("-")
        if len(parts) > 1 and parts[0][:1].isupper() and not all(p[:1].isupper() for p in parts):
            # "US-led": the name is the capitalised head; the rest is an ordinary word.
            word = "-".join(parts[: next(i for i, p in enumerate(parts) if not p[:1].isupper())])
            ends_run = True
        first = not words and _opens_sentence(text, start)
        words.append(_Word(start, start + len(word), word, first, ends_run))
        if ends_run:
            yield words
            words = []
    if words:
        yield words


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence or a line (quote marks and brackets
    before it aside)."""
    before = text[max(0, start - 40) : start].rstrip(_OPENING_MARKS)
    return not before or before[-1] in _SENTENCE_ENDS


def _common(word: _Word, lower: Counter[str], inner_capitals: Counter[str]) -> bool:
    """A capitalised word that is an ordinary word: a function word, or written in lower case
    in the texts more often than capitalised inside a sentence."""
    folded = word.text.casefold()
    if folded in FUNCTION_WORDS:
        return True
    return lower[folded] > inner_capitals[folded]


@dataclass(frozen=True, slots=True)
class _TextWords:
    """What ``find_names`` reads of one text, whatever it is compared with: its runs of
    capitalised words, and how often it writes each word in small letters and capitalised
    inside a sentence."""

    runs: tuple[tuple[_Word, ...], ...]
    lower: Counter[str]
    inner_capitals: Counter[str]
    names: tuple[NameSpan | None, ...]
    """The name of each run that does not open a sentence (None for the others, and where a
    run holds no name): only a sentence's first words are judged by how both texts write
    them, so these are the same whatever the text is compared with."""
    opening: tuple[int, ...]
    """The runs that open a sentence, named pair by pair."""


@lru_cache(maxsize=256)
def _text_words(text: str) -> _TextWords:
    """``_TextWords`` of a text, cached: a scan that tells stories (``scan --story``) reads a
    wire story's text once for every copy of it, and reading it was half of the names ledger;
    naming its runs again for every pair was a tenth of telling a story (cProfile, 267 Helsinki
    stories)."""
    runs = tuple(tuple(words) for run in _RUN.finditer(text) for words in _run_words(text, run))
    inner_capitals = Counter(
        word.text.casefold() for words in runs for word in words if not word.sentence_start
    )
    opening = tuple(index for index, run in enumerate(runs) if run[0].sentence_start)
    unused: Counter[str] = Counter()  # runs that open no sentence never read the counts
    names = tuple(
        None if run[0].sentence_start else _name(text, list(run), unused, unused) for run in runs
    )
    return _TextWords(runs, Counter(_LOWER_WORD.findall(text)), inner_capitals, names, opening)


def clear_names_cache() -> None:
    """Forget the texts read (``retold.story.clear_story_caches``)."""
    _text_words.cache_clear()
    _text_terms.cache_clear()


def find_names(texts: tuple[str, ...]) -> list[list[NameSpan]]:
    """The name runs of each text, judged with the word frequencies of all of them."""
    read = [_text_words(text) for text in texts]
    lower: Counter[str] = Counter()
    inner_capitals: Counter[str] = Counter()
    for words in read:
        lower.update(words.lower)
        inner_capitals.update(words.inner_capitals)
    found = []
    for text, words in zip(texts, read, strict=True):
        names = list(words.names)
        for index in words.opening:
            names[index] = _name(text, list(words.runs[index]), lower, inner_capitals)
        found.append([name for name in names if name is not None])
    return found


def _name(
    text: str, run: list[_Word], lower: Counter[str], inner_capitals: Counter[str]
) -> NameSpan | None:
    """The name a run of capitalised words holds, once particles at its ends, words that only
    open a sentence and dates are taken off; None when nothing is left."""
    while run and run[-1].text in _PARTICLES:
        run.pop()
    if run and run[0].sentence_start:
        while run and (_common(run[0], lower, inner_capitals) or run[0].text in _PARTICLES):
            run.pop(0)
        if (
            len(run) == 1
            and not _acronym(run[0].text)
            and inner_capitals[run[0].text.casefold()] == 0
        ):
            return None
    while run and (
        run[0].text in _PARTICLES
        or (run[0].text.casefold() in FUNCTION_WORDS and not _acronym(run[0].text))
    ):
        run.pop(0)
    if not run or (len(run) == 1 and run[0].text.casefold() in _CALENDAR):
        return None  # a date, which the figures ledger reads, is not a name
    start, end = run[0].start, run[-1].end
    key = " ".join(fold(text[start:end]).replace("-", " ").split())
    if not key or key.isdigit():
        return None
    article = text[max(0, start - 4) : start].casefold().endswith("the ")
    return NameSpan(start, end, text[start:end], key, article)


def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True, slots=True)
class _Runs:
    """The name runs of B by position (they do not overlap, so starts and ends both ascend):
    whether a stretch of B holds a name is one bisection."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, spans: list[NameSpan]) -> _Runs:
        return cls(tuple(s.start for s in spans), tuple(s.end for s in spans))

    def hold_name(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.ends, start)
        return index < len(self.starts) and self.starts[index] < end


_NO_RUNS = _Runs((), ())


def _fate(
    changes: ChangeMap, side: str, start: int, end: int, names_in_b: _Runs
) -> tuple[Fate, int | None, str | None]:
    """A mention's fate, the change behind it and, when renamed, the name B puts for it."""
    for index in changes.substantive(side, start, end):
        change = changes.change(index)
        if change.kind is ChangeKind.ADDED:
            return Fate.ADDED, index, None
        if change.kind is ChangeKind.OMITTED:
            return Fate.CUT, index, None
        if names_in_b.hold_name(change.b_start, change.b_end):
            target = changes.text("b")[change.b_start : change.b_end] if side == "a" else None
            return Fate.RENAMED, index, target
        return (Fate.CUT if side == "a" else Fate.ADDED), index, None
    return Fate.KEPT, None, None


def names_ledger(changes: ChangeMap) -> tuple[Name, ...]:
    """Every name of the story (boilerplate left out), and the terms cut everywhere, ordered by
    first mention (A before B)."""
    a_names, b_names = find_names((changes.text("a"), changes.text("b")))
    b_runs = _Runs.of(b_names)
    mentions: dict[str, list[Mention]] = defaultdict(list)
    written: dict[str, str] = {}
    articles: dict[str, list[bool]] = defaultdict(list)
    renamed: dict[str, list[str]] = defaultdict(list)
    for side, spans in (("a", a_names), ("b", b_names)):
        credits = [(start, end) for start, end, _ in datelines(changes.text(side))]
        for span in spans:
            if changes.in_boilerplate(side, span.start, span.end) or any(
                start <= span.start < end for start, end in credits
            ):
                continue
            fate, index, target = _fate(changes, side, span.start, span.end, b_runs)
            if side == "b" and fate is Fate.KEPT:
                continue  # B's side of a kept mention: A's mention stands for it
            mentions[span.key].append(Mention(side, span.start, span.end, fate, index))
            written.setdefault(span.key, span.text)
            articles[span.key].append(span.article)
            if target is not None and target not in renamed[span.key]:
                renamed[span.key].append(target)
    _merge_acronyms(mentions, written)
    names = [
        Name(
            name=written[key],
            kind="name",
            mentions=tuple(found),
            renamed_to=tuple(renamed[key]),
            article=sum(articles[key]) * 2 > len(articles[key]),
        )
        for key, found in mentions.items()
    ]
    names.extend(_cut_terms(changes))
    return tuple(sorted(names, key=_first_mention))


def _merge_acronyms(mentions: dict[str, list[Mention]], written: dict[str, str]) -> None:
    """File an acronym's mentions under the name it abbreviates, when the texts spell that name
    out ("IRGC" under "Islamic Revolutionary Guard Corps", shown as "... (IRGC)")."""
    by_initials: dict[str, str] = {}
    for key, text in written.items():
        words = [w for w in text.replace("-", " ").split() if w.casefold() not in _PARTICLES]
        if len(words) >= 2 and all(w[:1].isupper() for w in words):
            by_initials.setdefault("".join(w[0] for w in words).casefold(), key)
    for key, text in list(written.items()):
        full = by_initials.get(key)
        if full is None or not _acronym(text) or key not in mentions:
            continue
        mentions[full] = sorted(
            mentions[full] + mentions.pop(key), key=lambda m: (m.side != "a", m.start)
        )
        written[full] = f"{written[full]} ({text})"
        del written[key]


def _first_mention(name: Name) -> tuple[int, int]:
    first = name.mentions[0]
    return (0 if first.side == "a" else 1), first.start


def _term_mentions(text: str) -> Iterator[tuple[str, int, int]]:
    """Pairs of adjacent lower-case content words in ``text``, keyed by their stems (plural
    "s" cut)."""
    previous: regex.Match[str] | None = None
    for match in _TERM_WORD.finditer(text):
        word = match.group()
        if word in FUNCTION_WORDS:
            previous = None
            continue
        if previous is not None and text[previous.end() : match.start()] == " ":
            key = f"{_stem(previous.group())} {_stem(word)}"
            yield key, previous.start(), match.end()
        previous = match


@dataclass(frozen=True, slots=True)
class _Terms:
    """Every term mention of a text (``_term_mentions``), in the order of the text."""

    keys: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]


@lru_cache(maxsize=256)
def _text_terms(text: str) -> _Terms:
    """``_Terms`` of a text, cached as ``_text_words`` is: walking the text word by word for
    the changes of every pair of it was a sixth of the names ledger in a scan."""
    mentions = list(_term_mentions(text))
    keys, starts, ends = zip(*mentions, strict=True) if mentions else ((), (), ())
    return _Terms(tuple(keys), tuple(starts), tuple(ends))


def _stem(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _occurrences(text: str, key: str) -> Iterator[tuple[int, int]]:
    """Where a term's key is written in ``text``, singular or plural ("rocket attack",
    "rocket attacks", "rockets attack"), found with ``str.find``: a long text is not walked
    word by word for each term."""
    first, second = key.split()
    for form in (f"{first} {second}", f"{first}s {second}"):
        position = text.find(form)
        while position >= 0:
            end = position + len(form)
            end += text.startswith("s", end)
            before = text[position - 1] if position else " "
            after = text[end] if end < len(text) else " "
            if not before.isalpha() and not after.isalpha():
                yield position, end
            position = text.find(form, position + 1)


def _cut_terms(changes: ChangeMap) -> list[Name]:
    """Terms one text mentions at least twice and the other never: every mention of A's cut,
    or every mention of B's added (what a copy cut when B is the source).

    Candidates come from the cut (or added) content only; each is then looked for in both
    whole texts with ``str.find``.
    """
    terms = []
    for side, other, fate in (("a", "b", Fate.CUT), ("b", "a", Fate.ADDED)):
        text = changes.text(side)
        found = _text_terms(text)
        counts: Counter[str] = Counter()
        for _, change in changes.unshared(side):
            start, end = (
                (change.a_start, change.a_end) if side == "a" else (change.b_start, change.b_end)
            )
            # The mentions inside the change: both ends ascend, as the mentions follow the text.
            low, high = (
                bisect.bisect_left(found.starts, start),
                bisect.bisect_right(found.ends, end),
            )
            counts.update(found.keys[low:high])
        for key, count in counts.items():
            if count < _MIN_TERM_MENTIONS or next(_occurrences(changes.text(other), key), None):
                continue
            mentions = []
            for start, end in sorted(_occurrences(text, key)):
                if changes.in_boilerplate(side, start, end):
                    continue
                mention_fate, index, _ = _fate(changes, side, start, end, _NO_RUNS)
                mentions.append(Mention(side, start, end, mention_fate, index))
            if len(mentions) >= _MIN_TERM_MENTIONS and all(m.fate is fate for m in mentions):
                first = mentions[0]
                terms.append(Name(text[first.start : first.end], "term", tuple(mentions)))
    return terms


def term_context(text: str, mention: Mention) -> str:
    """A term's mention with the words after it up to the clause's end, at most
    ``_CONTEXT_WORDS``: which attack, which deal."""
    tail = _CONTEXT.match(text, mention.end)
    return text[mention.start : mention.end] + (tail.group() if tail else "")
