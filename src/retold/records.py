"""Plain records that flow through every stage of retold.

Everything here is a frozen, slotted dataclass or an ``Enum``: stages are functions over these
records, so the local engine, a Spark engine and the tests all see the same shapes. Character
offsets always point into ``Document.text``, the text as read (decoded, mojibake repaired,
nothing else changed), so every finding can be shown in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

__all__ = [
    "Attribution",
    "Category",
    "Change",
    "ChangeKind",
    "Comparison",
    "CorpusDocument",
    "Credit",
    "CreditEvidence",
    "CreditVerdict",
    "Document",
    "Fate",
    "FigureChange",
    "Mention",
    "Name",
    "Passage",
    "Quotation",
    "RawRecord",
    "Rejection",
    "Similarity",
    "Source",
    "Story",
    "StorySentence",
    "Verdict",
    "VoiceSentence",
]


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from a file, stdin, an HTML page or a corpus record.

    ``text`` is the reference for every offset. For HTML it is the article body extracted by
    trafilatura (the page itself is not kept); for text input it is the decoded file.
    """

    text: str
    path: str | None = None
    title: str | None = None
    published: datetime | None = None
    published_from: str | None = None
    """Where ``published`` was read: ``"field"`` (the corpus record's own date field),
    ``"meta"`` (the page's ``<meta>`` or JSON-LD), ``"page"`` (trafilatura's date, guessed from
    the page's metadata or body), ``"text"`` (a date line in the text); None without a date."""
    outlet: str | None = None
    credit: str | None = None
    """A wire or agency credited in the text, e.g. "Reuters" from "LONDON (Reuters) -"."""
    format: str = "text"
    """``"text"`` or ``"html"``: how the input was read."""
    encoding: str = "utf-8"
    """The encoding the bytes were decoded with (``"utf-8"``, ``"cp1252"``, ...)."""
    repaired: bool = False
    """True when mojibake was repaired with ftfy after decoding."""
    controls_replaced: int = 0
    """Stray control characters (a NUL in scraped text, ...) replaced by spaces when read."""


class ChangeKind(StrEnum):
    """What happened to a piece of text between A and B."""

    OMITTED = "omitted"
    """In A, not in B."""
    ADDED = "added"
    """In B, not in A."""
    SUBSTITUTED = "substituted"
    """Words of A replaced by other words in B, inside a shared passage."""


class Category(StrEnum):
    """Why a change matters (or does not)."""

    CONTENT = "content"
    BOILERPLATE = "boilerplate"
    COSMETIC = "cosmetic"
    SPELLING = "spelling"
    NUMBER = "number"
    TERMINOLOGY = "terminology"
    REWORDING = "rewording"


class Verdict(StrEnum):
    """Which of the two texts is the likely source."""

    A = "a"
    B = "b"
    SIBLINGS = "siblings"
    """Both credit the same wire or agency: each took it from there, not from the other."""
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Passage:
    """A stretch of text shared by A and B (possibly with small edits inside)."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int
    """Words of A matched one-to-one (case, punctuation and typography folded) in B."""
    kind: str = "exact"
    """``exact``: found by shared runs of words; ``spun``: an exact passage whose words were
    swapped one by one, densely (a spinner's synonyms); ``phrase``: a short exact passage with
    no other shared text near it, a shared name or set phrase rather than reuse
    (``retold.align.phrases``). A stretch of A retold in B as one
    whole, found by aligning sentences (``retold.align.paraphrase``) and holding the exact
    passages inside it: ``rewritten`` in other words, ``edited`` when exact passages cover
    most of it (a copy with cuts and additions), or ``translated`` into another language
    (``retold.align.translation``)."""
    similarity: float | None = None
    """For a rewritten passage: tf-isf cosine of its two sides' content words; for a translated
    one, the cosine of their sentence embeddings."""


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between A and B, with offsets into both texts.

    For ``omitted`` changes ``b_start == b_end`` marks where the text would have been in B, and
    vice versa for ``added``. ``a_text == a.text[a_start:a_end]`` always holds.
    """

    kind: ChangeKind
    category: Category
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_text: str
    b_text: str
    in_quote: bool = False
    label: str | None = None
    """A finer reason: the boilerplate type (``paywall``, ``cookie``, ``caption``, ...) or the
    signal behind a substitution category."""

    @property
    def substantive(self) -> bool:
        """Neither boilerplate nor cosmetic: a change to what the text says, which a reader
        should look at by default."""
        return self.category not in (Category.BOILERPLATE, Category.COSMETIC)


@dataclass(frozen=True, slots=True)
class Similarity:
    """Share of each text's content words (boilerplate excluded) found in the other."""

    a_in_b: float
    b_in_a: float


@dataclass(frozen=True, slots=True)
class Source:
    """The source verdict, how sure it is, and the evidence behind it, in words."""

    verdict: Verdict
    confidence: float
    evidence: tuple[str, ...]
    wire: str | None = None
    """With ``Verdict.SIBLINGS``: the wire both texts credit (``"AP"``, ``"Reuters"``)."""


class Fate(StrEnum):
    """What became of one item of a story (a mention, a quotation, an attribution, a sentence)
    between the source and the copy."""

    KEPT = "kept"
    CUT = "cut"
    """In the source, not in the copy."""
    ADDED = "added"
    """In the copy, not in the source."""
    RENAMED = "renamed"
    """A name put for another name (``Islamic State`` → ``Daesh``)."""
    ALTERED = "altered"
    """A quotation whose words were changed inside the quote marks."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a name in A or B: ``side`` is ``"a"`` or ``"b"``, offsets into that text,
    ``change`` the index in ``Comparison.changes`` that cut, added or renamed it."""

    side: str
    start: int
    end: int
    fate: Fate
    change: int | None = None


@dataclass(frozen=True, slots=True)
class Name:
    """A proper name (or, ``kind="term"``, a phrase the source repeats) and all its mentions."""

    name: str
    """As first written (in A when A mentions it), with its acronym in brackets when the texts
    use both ("Islamic Revolutionary Guard Corps (IRGC)")."""
    kind: str
    """``name`` (a capitalised run or an acronym) or ``term`` (a repeated lower-case phrase)."""
    mentions: tuple[Mention, ...]
    renamed_to: tuple[str, ...] = ()
    """What B says instead, for renamed mentions."""
    article: bool = False
    """Written after "the" most of the time ("the Fatah Alliance")."""

    def count(self, fate: Fate) -> int:
        return sum(1 for mention in self.mentions if mention.fate is fate)

    @property
    def every_mention_cut(self) -> bool:
        """The headline case: the source mentions it, and every mention was cut."""
        return bool(self.mentions) and all(m.fate is Fate.CUT for m in self.mentions)


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation of A or B and its fate (offsets span the quote marks); a side the quotation
    is not on has ``None`` offsets. ``changes`` are the changes that cut, altered or added it."""

    fate: Fate
    a_start: int | None
    a_end: int | None
    b_start: int | None
    b_end: int | None
    changes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Attribution:
    """A phrase that says where a statement comes from ("according to ISNA", "Heydari said"),
    on ``side`` at ``start:end``, kept, cut (with what it attributed) or added."""

    side: str
    start: int
    end: int
    fate: Fate
    change: int | None = None


@dataclass(frozen=True, slots=True)
class FigureChange:
    """A number or date changed between A and B: the figures on each side of one change."""

    change: int
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    a_figures: tuple[str, ...]
    b_figures: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class VoiceSentence:
    """A sentence cut from A or added in B, told apart by voice: ``own_voice`` when it carries
    no attribution and reads as the writer's analysis or hedging ("It was unclear why ..."),
    else a reported fact."""

    side: str
    start: int
    end: int
    fate: Fate
    own_voice: bool
    change: int


class CreditVerdict(StrEnum):
    """Whether the copy says where its text comes from."""

    CREDITS_SOURCE = "credits source"
    """It names the source's outlet or author."""
    CREDITS_WIRE = "credits wire"
    """It names the wire or agency the source credits."""
    CREDITS_OTHER = "credits other"
    """It credits another outlet or agency."""
    UNCREDITED = "uncredited"


@dataclass(frozen=True, slots=True)
class CreditEvidence:
    """One finding of the credit check, at ``start:end`` in the text of ``side``.

    ``what``: ``source outlet``, ``source author``, ``wire``, ``other`` (what the copy names)
    or ``own dateline``, ``own byline`` (what it claims for itself). ``where``: ``dateline``,
    ``byline``, ``credit line`` ("first published by", "Source:") or ``text``.
    """

    what: str
    where: str
    side: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Credit:
    """The credit check of a copy (``copy``: ``"a"`` or ``"b"``) against its source."""

    verdict: CreditVerdict
    copy: str
    evidence: tuple[CreditEvidence, ...]


@dataclass(frozen=True, slots=True)
class StorySentence:
    """One sentence of the summary and the changes it rests on (indices into
    ``Comparison.changes``)."""

    text: str
    changes: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Story:
    """What the edits did to the story, read from the changes (``retold.story``)."""

    names: tuple[Name, ...]
    quotations: tuple[Quotation, ...]
    attributions: tuple[Attribution, ...]
    figures: tuple[FigureChange, ...]
    sentences: tuple[VoiceSentence, ...]
    credit: Credit | None
    """None unless the source verdict names a source (A or B)."""
    summary: tuple[StorySentence, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    """The full result of comparing two documents."""

    a: Document
    b: Document
    similarity: Similarity
    source: Source
    passages: tuple[Passage, ...]
    changes: tuple[Change, ...]
    rewritten: tuple[Passage, ...] = ()
    """Stretches retold as wholes (``kind`` ``rewritten``, ``edited`` or ``translated``); the
    exact passages inside them stay in ``passages``, where the word-level diff shows what it
    can."""
    languages: tuple[str | None, str | None] | None = None
    """ISO 639-1 codes of A's and B's languages (None where a text is too short to tell), or
    None when they were not identified: texts sharing most of their words verbatim are in one
    language (``CompareConfig.translation_below``)."""
    story: Story | None = None
    """The story of the retelling (ledgers, credit check, summary); None when the changes were
    not explained (``CompareConfig.changes``) or not asked for (``CompareConfig.story``)."""


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record of a corpus as read from its file, before any HTML extraction or decoding.

    Readers only split files into records (cheap, sequential); turning a record into a
    ``CorpusDocument`` (decoding, trafilatura) is a pure function that can run in worker
    processes.
    """

    doc_id: str
    source: str
    """The file the record came from."""
    locator: str
    """Where in the file: a line or row number, a WARC record offset, or "" for a whole file."""
    payload: bytes | str
    kind: str
    """``"html"`` or ``"text"``: how the payload is to be read."""
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: datetime | None = None
    charset: str | None = None
    """A charset declared by the container (HTTP header), if any."""


@dataclass(frozen=True, slots=True)
class CorpusDocument:
    """One article of a corpus, ready for fingerprinting and alignment."""

    doc_id: str
    text: str
    source: str
    locator: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: datetime | None = None
    published_from: str | None = None
    """As ``Document.published_from``."""


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input record that could not be used, and why (it is reported, never dropped)."""

    source: str
    locator: str
    reason: str
    doc_id: str | None = None
