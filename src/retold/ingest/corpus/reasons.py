"""Why a corpus record was rejected: a closed vocabulary, with details in parentheses.

Every ``Rejection.reason`` starts with one of these phrases, optionally followed by `` (detail)``,
e.g. ``"not HTML (image/png)"``. Counting rejections by ``reason_key`` groups them by cause, while
the detail keeps what a user needs to find or fix the record.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Reason", "reason", "reason_key"]


class Reason(StrEnum):
    """The cause of a rejection; the first words of ``Rejection.reason``."""

    CANNOT_READ = "cannot read"
    """The input path is missing, unreadable, or a directory could not be listed."""
    UNKNOWN_FORMAT = "unknown format"
    """Neither the extension nor the first bytes say which reader to use."""
    UNSUPPORTED_COMPRESSION = "unsupported compression"
    """Compressed with something this reader cannot decompress (bzip2, xz, ...)."""
    UNREADABLE_REST = "unreadable rest of file"
    """A corrupt or truncated file: everything from this point on could not be read."""
    CORRUPT_DATA = "corrupt data"
    """A record known to exist whose bytes cannot be read (a Parquet row in a damaged row
    group); unlike ``UNREADABLE_REST``, reading goes on after it."""
    TOO_LARGE = "too large"
    """Over ``max_bytes``."""
    EMPTY_TEXT = "empty text"
    """The record's text (field, file or page body) is empty or only whitespace."""
    NOT_JSON = "not JSON"
    NOT_AN_OBJECT = "not a JSON object"
    NO_TEXT_FIELD = "no text field"
    """None of the text field names is in the record (the first one per file lists the keys)."""
    TEXT_NOT_STRING = "text field is not a string"
    WRONG_FIELD_COUNT = "wrong number of fields"
    MALFORMED_CSV = "malformed CSV"
    NOT_A_RESPONSE = "not a response"
    """An archive record that is no page: request, metadata, warcinfo, revisit, ARC header."""
    NOT_OK = "not HTTP 200"
    NOT_HTML = "not HTML"
    TRUNCATED_RECORD = "truncated record"
    """The archive ends inside this record."""
    BAD_CONTENT_ENCODING = "undecodable content encoding"
    DUPLICATE_ID = "duplicate doc_id"
    BINARY = "binary content"
    UNDECODABLE = "undecodable bytes"
    NO_ARTICLE_TEXT = "no article text"
    """Decoded fine, but no words (text) or no article body found (HTML)."""
    EXTRACTION_FAILED = "extraction failed"
    """An unexpected error while extracting; a bug to report, never a crash of the scan."""


def reason(cause: Reason, detail: str | None = None) -> str:
    """The ``Rejection.reason`` text: the cause, then the detail in parentheses if any."""
    return f"{cause} ({detail})" if detail else str(cause)


def reason_key(text: str) -> Reason:
    """The ``Reason`` a ``Rejection.reason`` starts with (for counting rejections by cause)."""
    return Reason(text.split(" (", 1)[0])
