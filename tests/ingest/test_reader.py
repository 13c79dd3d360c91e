"""read_document / read_text_document: every way in, and every way a user can get it wrong."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest

from retold.errors import (
    BinaryInputError,
    EmptyInputError,
    InputNotFoundError,
    InputTooLargeError,
    RetoldError,
    UndecodableInputError,
)
from retold.ingest import read_document, read_text_document

from .conftest import DATA, require


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def _one_line(error: pytest.ExceptionInfo[RetoldError], prefix: str) -> str:
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{prefix}: ")
    return message


def test_jpost_seed_file(jpost_path: Path) -> None:
    document = read_document(jpost_path)
    assert document.text == jpost_path.read_bytes().decode("utf-8")
    assert document.path == str(jpost_path)
    assert document.title is not None and document.title.startswith("Iran and Iraq: Tehran")
    assert document.published == datetime(2019, 6, 24, 20, 14)
    assert document.outlet in {"Jerusalem Post", "The Jerusalem Post"}
    assert document.credit is None
    assert (document.format, document.encoding, document.repaired) == ("text", "utf-8", False)


def test_skipped_metadata_is_not_read_from_the_text(jpost_path: Path, kayhan_text: str) -> None:
    text = jpost_path.read_text(encoding="utf-8")
    skipped = read_text_document(text, skip={"title", "published", "outlet"})
    assert (skipped.title, skipped.published, skipped.outlet) == (None, None, None)
    assert skipped.text == text
    assert read_text_document(kayhan_text).credit == "Dispatches"
    assert read_text_document(kayhan_text, skip={"credit"}).credit is None
    read = read_text_document(text)
    assert read.outlet in {"Jerusalem Post", "The Jerusalem Post"}
    assert read.published == datetime(2019, 6, 24, 20, 14)


def test_kayhan_seed_file_given_as_str(kayhan_path: Path) -> None:
    document = read_document(str(kayhan_path))
    assert document.published == datetime(2019, 6, 24, 21, 57)
    assert document.title is None
    assert document.credit == "Dispatches"
    assert document.outlet is None


def test_cp1252_file(kayhan_text: str, tmp_path: Path) -> None:
    path = tmp_path / "kayhan.txt"
    path.write_bytes(kayhan_text.encode("cp1252"))
    document = read_document(path)
    assert document.text == kayhan_text
    assert document.encoding == "cp1252"
    assert document.credit == "Dispatches"


def test_bytes_with_a_name(kayhan_text: str) -> None:
    document = read_document(data=kayhan_text.encode("utf-8"), name="kayhan.txt")
    assert document.text == kayhan_text
    assert document.path is None


def test_stdin(monkeypatch: pytest.MonkeyPatch, jpost_path: Path) -> None:
    raw = jpost_path.read_bytes()
    _stdin(monkeypatch, raw)
    document = read_document("-")
    assert document.text == raw.decode("utf-8")
    assert document.path == "-"
    assert document.published == datetime(2019, 6, 24, 20, 14)


def test_stdin_html(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraph = "The talks will resume in Geneva next week, officials from both sides said."
    _stdin(monkeypatch, f"<html><body><p>{paragraph}</p></body></html>".encode())
    document = read_document("-")
    assert document.format == "html"
    assert paragraph in document.text


def test_stdin_over_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    _stdin(monkeypatch, b"word " * 100)
    with pytest.raises(InputTooLargeError) as caught:
        read_document("-", max_bytes=64)
    assert "limit is 64 bytes" in _one_line(caught, "<stdin>")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError) as caught:
        read_document(tmp_path / "x.txt", name="x.txt")
    assert str(caught.value) == "x.txt: no such file"
    assert caught.value.exit_code == 3


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError) as caught:
        read_document(tmp_path, name="x")
    assert str(caught.value) == "x: is a directory"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Some words.", encoding="utf-8")

    def refuse(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    # Tests often run as root, for whom chmod 000 changes nothing: simulate the refusal.
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputNotFoundError) as caught:
        read_document(path, name="secret.txt")
    assert str(caught.value) == "secret.txt: permission denied"


def test_file_over_the_limit_is_refused_before_reading(
    kayhan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_read(*_args: object) -> bytes:
        raise AssertionError("an over-size file must not be read")

    monkeypatch.setattr(os, "read", no_read)
    with pytest.raises(InputTooLargeError) as caught:
        read_document(kayhan_path, name="kayhan.txt", max_bytes=1000)
    message = _one_line(caught, "kayhan.txt")
    assert f"{kayhan_path.stat().st_size:,} bytes" in message
    assert caught.value.exit_code == 4


def test_file_at_the_limit_is_read(kayhan_path: Path) -> None:
    size = kayhan_path.stat().st_size
    assert read_document(kayhan_path, max_bytes=size).text.startswith("Friday 22 November 2019")


def test_bytes_over_the_limit() -> None:
    with pytest.raises(InputTooLargeError):
        read_document(data=b"word " * 100, max_bytes=10)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_named_pipe_is_read_and_limited(tmp_path: Path, kayhan_text: str) -> None:
    raw = kayhan_text.encode("utf-8")
    for max_bytes, expect_text in ((len(raw), True), (len(raw) - 1, False)):
        pipe = tmp_path / f"pipe-{max_bytes}"
        os.mkfifo(pipe)
        writer = threading.Thread(target=_write_pipe, args=(pipe, raw))
        writer.start()
        try:
            if expect_text:
                assert read_document(pipe, max_bytes=max_bytes).text == kayhan_text
            else:
                with pytest.raises(InputTooLargeError):
                    read_document(pipe, max_bytes=max_bytes)
        finally:
            writer.join(timeout=10)


def _write_pipe(pipe: Path, raw: bytes) -> None:
    # The reader may stop at its limit and close the pipe first.
    with contextlib.suppress(BrokenPipeError), pipe.open("wb") as stream:
        stream.write(raw)


def test_gzip_file_is_binary(tmp_path: Path) -> None:
    folder = require(DATA / "article-extraction-benchmark" / "html")
    source = sorted(folder.glob("*.html.gz"))[0]
    with pytest.raises(BinaryInputError) as caught:
        read_document(source, name="page.html.gz")
    assert "control bytes in" in _one_line(caught, "page.html.gz")
    assert caught.value.exit_code == 4


def test_html_file_by_extension(tmp_path: Path, pages: dict[str, tuple[bytes, str, str]]) -> None:
    raw, _gold, url = pages[sorted(pages)[1]]
    path = tmp_path / "page.html"
    path.write_bytes(raw)
    document = read_document(path)
    assert document.format == "html"
    assert document.path == str(path)
    assert document.title is not None, url


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty.txt: empty input"),
        (b" \n\t\r\n  \n", "empty.txt: no text (empty or only whitespace)"),
        ("\ufeff\n\n".encode(), "empty.txt: no text (empty or only whitespace)"),
        (b"--- *** ...\n!!!", "empty.txt: no words in the text"),
    ],
)
def test_empty_inputs(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyInputError) as caught:
        read_document(path, name="empty.txt")
    assert str(caught.value) == message


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 8)
    with pytest.raises(UndecodableInputError) as caught:
        read_document(path)
    _one_line(caught, str(path))


def test_source_and_data_are_exclusive(jpost_path: Path) -> None:
    with pytest.raises(TypeError):
        read_document(jpost_path, data=b"text")
    with pytest.raises(TypeError):
        read_document()


def test_read_text_document_matches_the_file_reader(jpost_path: Path, jpost_text: str) -> None:
    from_text = read_text_document(jpost_text, name="jpost")
    from_file = read_document(jpost_path)
    assert from_text.text == from_file.text
    assert (from_text.title, from_text.published, from_text.outlet, from_text.credit) == (
        from_file.title,
        from_file.published,
        from_file.outlet,
        from_file.credit,
    )
    assert from_text.path is None


def test_read_text_document_repairs_mojibake() -> None:
    document = read_text_document("Bayern will neues Konzept fÃ¼r Versammlungen ausarbeiten")
    assert document.text == "Bayern will neues Konzept für Versammlungen ausarbeiten"
    assert document.repaired


def test_read_text_document_reads_html() -> None:
    paragraph = "The talks will resume in Geneva next week, officials from both sides said."
    document = read_text_document(f"<html><body><p>{paragraph}</p></body></html>")
    assert document.format == "html"
    assert paragraph in document.text


def test_read_text_document_refuses_whitespace() -> None:
    with pytest.raises(EmptyInputError) as caught:
        read_text_document("  \n ", name="a")
    assert str(caught.value) == "a: no text (empty or only whitespace)"
