"""Turn the bytes of one input into text, exactly as written.

Every offset retold reports points into the text produced here, so this module changes as little
as it can: it strips a byte-order mark, picks an encoding and repairs mojibake (UTF-8 read as
cp1252, ...) only where ftfy is confident there is some. Newlines, quotes, dashes and Unicode
normalisation are left alone.

Most inputs are clean UTF-8, so that path is kept to a strict ``bytes.decode`` plus a mojibake
check limited to the non-ASCII stretches of the text; the encoding detector is imported and run
only when UTF-8 fails.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

from retold.errors import BinaryInputError, UndecodableInputError

if TYPE_CHECKING:
    from charset_normalizer.models import CharsetMatch

__all__ = ["DecodedText", "decode_bytes", "repair_mojibake"]


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text decoded from bytes, with how it was obtained (copied into ``Document``)."""

    text: str
    encoding: str
    """Python codec name, e.g. ``"utf-8"``, ``"utf-8-sig"`` (BOM stripped), ``"cp1252"``."""
    repaired: bool
    """True when ftfy repaired mojibake after decoding."""
    controls_replaced: int = 0
    """Stray control characters (NUL and other C0 controls but tab and line breaks) that were
    each replaced by one space: offsets are unchanged, and the text reads as text."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 control bytes that never occur in text; tab, newlines and form feed do.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_MAX_CONTROL_SHARE = 0.05
"""Above this share of control bytes the input is binary; below it they are stray bytes in a
text and each becomes a space. Uniformly random or compressed bytes hold 27/256, about 11 %.
Measured on the PAN 2013 text-alignment training corpus (5,057 scraped web texts): the 12
prose files with stray NULs hold 0.005-0.45 % (source-document02606: 19 in 4,238 bytes), the
423 others with stray controls (mostly 0x19 for a dropped ’) at most 1.3 %, while the two
garbage files hold 12.2 % and 13.2 % (source-document01077, 00575) and one Hindi text with its
high bits stripped, unreadable either way, 9.9 % (source-document00027). 5 % sits in the
empty gap between 1.3 % and 9.9 %, with room on both sides."""

_C1_CHARS = re.compile("[\x80-\x9f]")
_MAX_C1_SHARE = 0.01
"""latin-1 maps unused bytes to C1 controls; more than a stray few means it is not latin-1."""

_HIGH_BYTES = bytes(range(128, 256))
_MIN_HIGH_SHARE_FOR_NON_LATIN = 0.10
"""CJK, Cyrillic, Greek, Arabic, Hebrew or Thai text is mostly bytes >= 0x80; below this share
only Latin code pages are tried, so that an English text with one cp1252 apostrophe is not read
as Shift-JIS (the detector alone does that on short inputs)."""

_LATIN_CODEPAGES = (
    # cp1252 first: the most common legacy encoding, and the tie-breaker between code pages that
    # decode the bytes equally well.
    "cp1252",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1254",
    "iso8859_9",
    "cp1257",
    "iso8859_13",
    "cp1258",
)
_OTHER_CODEPAGES = (
    "cp1251",
    "koi8_r",
    "koi8_u",
    "iso8859_5",
    "cp1253",
    "iso8859_7",
    "cp1255",
    "iso8859_8",
    "cp1256",
    "iso8859_6",
    "cp874",
    "tis_620",
    "gb18030",
    "big5",
    "cp932",
    "shift_jis",
    "euc_jp",
    "iso2022_jp",
    "cp949",
    "euc_kr",
)
"""Encodings a news text is plausibly in; DOS and Mac code pages are left out because the
detector picks them for cp1252 text with curly quotes (cp775 reads ``’`` as ``Æ``)."""

_PREFERENCE = {name: rank for rank, name in enumerate(_LATIN_CODEPAGES + _OTHER_CODEPAGES)}

_DECLARED_ALIASES = {
    # As browsers do (WHATWG Encoding Standard): these labels mean windows-1252 on the web.
    "latin-1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
}

_BADNESS_REACH = 8
"""Every match of ftfy's badness pattern is at most 7 characters long, so it lies within this
many characters of any character it contains."""

_SAFE_NON_ASCII = "’‘“”–—…•\xa0″′™°©®«»·"
"""Typography of clean text that ftfy's badness pattern never matches without some other
non-ASCII character (checked by brute force in the tests): texts whose only non-ASCII characters
are these cannot be bad, and windows are searched only around the other ones."""
_ASCII_BYTES = bytes(range(128))
_SUSPECT_RUN = re.compile(f"[^\x00-\x7f{_SAFE_NON_ASCII}]+")


def decode_bytes(data: bytes, *, name: str, declared: str | None = None) -> DecodedText:
    """Decode one input's bytes to text, repairing mojibake only where ftfy finds some.

    ``declared`` is an encoding named by the container (an HTML ``<meta charset>``); it is
    tried after strict UTF-8, since pages often declare one encoding and send UTF-8.

    Raises ``BinaryInputError`` when over 5 % of the bytes are control bytes, and
    ``UndecodableInputError`` when no sensible encoding yields plausible text. Fewer control
    characters are each replaced by a space (counted in ``controls_replaced``).
    """
    text, encoding = _decode(data, name=name, declared=declared)
    text, replaced = _CONTROL_CHARS.subn(" ", text)
    repaired_text = repair_mojibake(text)
    return DecodedText(
        text=repaired_text,
        encoding=encoding,
        repaired=repaired_text != text,
        controls_replaced=replaced,
    )


def repair_mojibake(text: str) -> str:
    """Return ``text`` with mojibake repaired line by line, or ``text`` itself when clean.

    Only the lines that ftfy's badness heuristic flags go through ``ftfy.fix_encoding`` (never
    ``fix_text``): curly quotes, dashes and line breaks everywhere else stay exactly as they are,
    and a clean line next to a broken one is not touched.
    """
    bad_positions = _bad_positions(text)
    if not bad_positions:
        return text
    pieces: list[str] = []
    done = 0
    for position in bad_positions:
        if position < done:
            continue
        line_start = text.rfind("\n", 0, position) + 1
        line_end = text.find("\n", position)
        if line_end == -1:
            line_end = len(text)
        pieces.append(text[done:line_start])
        pieces.append(_ftfy().fix_encoding(text[line_start:line_end]))
        done = line_end
    pieces.append(text[done:])
    return "".join(pieces)


def _bad_positions(text: str) -> list[int]:
    """Offsets of ftfy badness matches (first non-space character), found cheaply.

    Non-empty exactly when ``ftfy.badness.is_bad(text)`` is True, at a fraction of the cost
    (the full pattern takes about 1 ms on a 7 KB article): texts whose non-ASCII characters are
    all common typography are clean, and otherwise only windows around the other non-ASCII
    characters are searched.
    """
    positions: list[int] = []
    # Dropping the ASCII bytes of the UTF-8 form leaves the non-ASCII characters, in C speed.
    non_ascii = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    if all(char in _SAFE_NON_ASCII for char in non_ascii.decode("utf-8", "surrogatepass")):
        return positions
    pattern = _badness_pattern()
    if pattern is None:  # a future ftfy without the pattern: its public check, per line
        line_start = 0
        for line in text.split("\n"):
            if _ftfy().badness.is_bad(line):
                positions.append(line_start)
            line_start += len(line) + 1
        return positions
    window_start = window_end = -1
    for run in _SUSPECT_RUN.finditer(text):
        start = max(0, run.start() - _BADNESS_REACH)
        end = min(len(text), run.end() + _BADNESS_REACH)
        if start <= window_end:
            window_end = end
            continue
        if window_end >= 0:
            _search_window(pattern, text, window_start, window_end, positions)
        window_start, window_end = start, end
    if window_end >= 0:
        _search_window(pattern, text, window_start, window_end, positions)
    return positions


def _search_window(
    pattern: re.Pattern[str], text: str, start: int, end: int, positions: list[int]
) -> None:
    """Append the start of each badness match in ``text[start:end]`` to ``positions``."""
    # pos/endpos, not slicing: "^" then still means the start of the whole text. A match may
    # begin with the newline before the broken line: record its first non-space character.
    for match in pattern.finditer(text, start, end):
        found = match.group()
        positions.append(match.start() + len(found) - len(found.lstrip()))


@cache
def _ftfy() -> ModuleType:
    """ftfy, imported on first need (about 30 ms): clean texts never need it."""
    import ftfy
    import ftfy.badness

    return ftfy


@cache
def _badness_pattern() -> re.Pattern[str] | None:
    pattern: re.Pattern[str] | None = getattr(_ftfy().badness, "BADNESS_RE", None)
    return pattern


def _decode(data: bytes, *, name: str, declared: str | None) -> tuple[str, str]:
    """Pick the encoding and decode; see ``decode_bytes``."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, codec, name=name), codec
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        _reject_binary(body, name=name)
        try:
            return body.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            data = body  # a BOM on a file later edited in another encoding
    else:
        _reject_binary(data, name=name)
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if declared is not None:
        decoded = _decode_declared(data, declared)
        if decoded is not None:
            return decoded
    detected = _detect(data)
    if detected is not None:
        return detected
    for codec in ("cp1252", "latin-1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, codec
    raise UndecodableInputError(f"{name}: not text in UTF-8 or any encoding retold recognises")


def _decode_with_bom(data: bytes, codec: str, *, name: str) -> str:
    """Decode UTF-16/32 announced by a BOM (the codec strips it), then check for binary.

    The share is counted in characters, not bytes: a NUL byte is half of every ASCII character
    in UTF-16, so only a NUL *character* is a control here, as in UTF-8 text.
    """
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise UndecodableInputError(
            f"{name}: invalid {codec.upper()} at byte {error.start} (after a {codec} BOM)"
        ) from error
    controls = len(_CONTROL_CHARS.findall(text))
    if controls and controls > _MAX_CONTROL_SHARE * len(text):
        raise BinaryInputError(
            f"{name}: binary file ({controls} control characters in {len(text)} characters)"
        )
    return text


def _reject_binary(data: bytes, *, name: str) -> None:
    """Raise ``BinaryInputError`` when control bytes (NUL included) are over 5 % of the data."""
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls and controls > _MAX_CONTROL_SHARE * len(data):
        raise BinaryInputError(
            f"{name}: binary file ({controls} control bytes in {len(data)} bytes)"
        )


def _decode_declared(data: bytes, declared: str) -> tuple[str, str] | None:
    """Decode with a declared encoding if Python knows it and the bytes fit it strictly."""
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None
    codec = _DECLARED_ALIASES.get(codec, codec)
    if codec.startswith(("utf-16", "utf-32", "utf-7")):  # a page without a BOM lies about these
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return (text, codec) if _plausible(text) else None


def _detect(data: bytes) -> tuple[str, str] | None:
    """Ask charset_normalizer, restricted to sensible encodings; None when it finds none."""
    from charset_normalizer import from_bytes  # only needed off the UTF-8 path

    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    candidates = list(_LATIN_CODEPAGES)
    if high >= _MIN_HIGH_SHARE_FOR_NON_LATIN * len(data):
        candidates += _OTHER_CODEPAGES
    matches = list(from_bytes(data, cp_isolation=candidates))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if _score(m) == _score(best)]
    # Code pages the detector cannot tell apart (same scores, or the same decoded text) are
    # settled by _PREFERENCE, i.e. in favour of cp1252.
    codec = min(
        (name for match in tied for name in match.could_be_from_charset if name in _PREFERENCE),
        key=_PREFERENCE.__getitem__,
        default=best.encoding,
    )
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        codec = best.encoding
        text = str(best)
    return text, codecs.lookup(codec).name


def _score(match: CharsetMatch) -> tuple[float, float]:
    """Detector scores rounded so that near-equal candidates tie."""
    return round(match.chaos, 3), round(match.coherence, 3)


def _plausible(text: str) -> bool:
    """False when a single-byte decoding left more than a stray C1 control character."""
    return len(_C1_CHARS.findall(text)) <= _MAX_C1_SHARE * len(text)
