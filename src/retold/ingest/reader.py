"""The one way retold reads an article: from a path, standard input, bytes or a string.

Every failure a user can cause (missing file, directory, binary, too large, empty) becomes a
``RetoldError`` with a one-line message that names the input, so the CLI never shows a
traceback. HTML goes through ``html.extract_html``; anything else is decoded text whose
metadata is read from its own lines.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable, Collection
from dataclasses import replace

from retold.errors import EmptyInputError, InputNotFoundError, InputTooLargeError
from retold.ingest.decode import decode_bytes, repair_mojibake
from retold.ingest.html import declared_charset, extract_html, looks_like_html
from retold.ingest.metadata import find_credit, find_outlet, find_published, find_title
from retold.records import Document

__all__ = ["DEFAULT_MAX_BYTES", "STDIN", "read_document", "read_text_document"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Largest input read (20 MB): far above any article, small enough to refuse a stray dump."""

STDIN = "-"
"""The ``source`` that means standard input."""

_CHUNK = 1 << 20
_STDIN_NAME = "<stdin>"
_DATA_NAME = "<bytes>"
_TEXT_NAME = "<text>"


def read_document(
    source: str | os.PathLike[str] | None = None,
    *,
    data: bytes | None = None,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read one article from a path, ``"-"`` (standard input) or ``data`` bytes.

    Only the string ``"-"`` means standard input. ``name`` is how messages refer to the input
    (default: the path as given, ``<stdin>`` or ``<bytes>``); ``Document.path`` is the path as
    given (``"-"`` for standard input, None for ``data``).

    Raises ``InputNotFoundError`` (missing, directory, unreadable), ``InputTooLargeError``
    (over ``max_bytes``), ``BinaryInputError``, ``UndecodableInputError`` or
    ``EmptyInputError`` (no words, or no article in a page).
    """
    if (source is None) == (data is None):
        raise TypeError("read_document() takes either a source or data=, not both or neither")
    path: str | None = None
    if data is not None:
        label = name or _DATA_NAME
        if len(data) > max_bytes:
            raise InputTooLargeError(_too_large(label, len(data), max_bytes))
    elif source == STDIN:
        path = STDIN  # the argument as given, as for files; messages say "<stdin>"
        label = name or _STDIN_NAME
        data = _read_stdin(label, max_bytes)
    else:
        assert source is not None
        path = os.fspath(source)
        label = name or path
        data = _read_file(path, label, max_bytes)
    return _document_from_bytes(data, name=label, path=path)


def read_text_document(
    text: str, *, name: str | None = None, skip: Collection[str] = ()
) -> Document:
    """Read one article a caller already holds as a string (HTML or plain text).

    The string is taken as decoded: only mojibake is repaired, as for files. ``skip`` names
    fields of plain text's metadata (``"title"``, ``"published"``, ``"outlet"``, ``"credit"``)
    that the caller already has or does not use: they are left ``None`` rather than read from
    the text (a scan's records usually come with a date and a publisher; reading them from the
    text was a third of the time of ingesting a news article).
    """
    label = name or _TEXT_NAME
    repaired = repair_mojibake(text)
    if looks_like_html(repaired, name):
        document = extract_html(repaired, name=label)
        return replace(document, repaired=repaired != text)
    return _text_document(
        repaired,
        name=label,
        path=None,
        encoding="utf-8",
        repaired=repaired != text,
        skip=skip,
    )


def _document_from_bytes(data: bytes, *, name: str, path: str | None) -> Document:
    """Decode and parse bytes already read (size checked)."""
    if not data:
        raise EmptyInputError(f"{name}: empty input")
    if looks_like_html(data, name):
        decoded = decode_bytes(data, name=name, declared=declared_charset(data))
        document = extract_html(decoded.text, name=name, path=path)
        return replace(
            document,
            encoding=decoded.encoding,
            repaired=decoded.repaired,
            controls_replaced=decoded.controls_replaced,
        )
    decoded = decode_bytes(data, name=name)
    document = _text_document(
        decoded.text, name=name, path=path, encoding=decoded.encoding, repaired=decoded.repaired
    )
    return replace(document, controls_replaced=decoded.controls_replaced)


def _text_document(
    text: str,
    *,
    name: str,
    path: str | None,
    encoding: str,
    repaired: bool,
    skip: Collection[str] = (),
) -> Document:
    """Build a plain-text ``Document``, refusing text without a single word; the metadata
    fields named in ``skip`` are not read."""
    if not text.strip():
        raise EmptyInputError(f"{name}: no text (empty or only whitespace)")
    if not any(char.isalnum() for char in text):
        raise EmptyInputError(f"{name}: no words in the text")
    published = None if "published" in skip else find_published(text)
    return Document(
        text=text,
        path=path,
        title=None if "title" in skip else find_title(text),
        published=published,
        published_from="text" if published is not None else None,
        outlet=None if "outlet" in skip else find_outlet(text),
        credit=None if "credit" in skip else find_credit(text),
        format="text",
        encoding=encoding,
        repaired=repaired,
    )


def _read_file(path: str, name: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` of a file, turning OS errors into one-line input errors."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as error:
        raise InputNotFoundError(f"{name}: no such file") from error
    except (IsADirectoryError, PermissionError) as error:
        if os.path.isdir(path):  # Windows refuses to open a directory
            raise InputNotFoundError(f"{name}: is a directory") from error
        raise InputNotFoundError(f"{name}: permission denied") from error
    except OSError as error:
        raise InputNotFoundError(f"{name}: cannot open ({error.strerror or error})") from error
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise InputNotFoundError(f"{name}: is a directory")
        if not stat.S_ISREG(info.st_mode):  # a pipe (<(cmd), /dev/stdin): size unknown
            data = _read_limited(lambda size: os.read(descriptor, size), max_bytes, _CHUNK)
        elif info.st_size > max_bytes:  # refused before reading
            raise InputTooLargeError(_too_large(name, info.st_size, max_bytes))
        else:  # one read of the whole file (+1 byte, in case it grew)
            first = info.st_size + 1
            data = _read_limited(lambda size: os.read(descriptor, size), max_bytes, first)
    except OSError as error:
        raise InputNotFoundError(f"{name}: cannot read ({error.strerror or error})") from error
    finally:
        os.close(descriptor)
    if len(data) > max_bytes:
        raise InputTooLargeError(_too_large(name, None, max_bytes))
    return data


def _read_stdin(name: str, max_bytes: int) -> bytes:
    """Read standard input's bytes, at most ``max_bytes`` (one more to detect the excess)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputNotFoundError(f"{name}: standard input is not available")
    try:
        data = _read_limited(stream.read, max_bytes, _CHUNK)
    except OSError as error:
        raise InputNotFoundError(f"{name}: cannot read ({error.strerror or error})") from error
    if len(data) > max_bytes:
        raise InputTooLargeError(_too_large(name, None, max_bytes))
    return data


def _read_limited(read: Callable[[int], bytes], max_bytes: int, first: int) -> bytes:
    """Read until end of input or ``max_bytes + 1`` bytes, whichever comes first.

    Reading in chunks rather than ``read(max_bytes + 1)``: that call allocates the whole
    20 MB buffer up front, which costs more than reading a whole article.
    """
    chunks: list[bytes] = []
    total = 0
    size = first
    while total <= max_bytes:
        chunk = read(min(size, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        size = _CHUNK
    return b"".join(chunks)


def _too_large(name: str, size: int | None, max_bytes: int) -> str:
    """The one-line message for an input over the limit."""
    actual = f"{size:,} bytes" if size is not None else "more"
    return f"{name}: too large ({actual}; the limit is {max_bytes:,} bytes)"
