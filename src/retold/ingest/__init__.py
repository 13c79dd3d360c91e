"""Reading one article: a path, standard input, bytes, a string or an HTML page.

``read_document`` is the entry point; the pieces it uses are exported for callers that hold
bytes or a page already. Importing this package does not import trafilatura (only reading HTML
does).
"""

from __future__ import annotations

from retold.ingest.decode import DecodedText, decode_bytes
from retold.ingest.html import extract_html, looks_like_html
from retold.ingest.reader import DEFAULT_MAX_BYTES, read_document, read_text_document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DecodedText",
    "decode_bytes",
    "extract_html",
    "looks_like_html",
    "read_document",
    "read_text_document",
]
