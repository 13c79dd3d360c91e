"""decode_bytes: encodings, binary detection and mojibake repair, on real text."""

from __future__ import annotations

import codecs
import itertools
from pathlib import Path

import ftfy
import ftfy.badness
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.errors import BinaryInputError, UndecodableInputError
from retold.ingest import decode
from retold.ingest.decode import decode_bytes, repair_mojibake

from .conftest import DATA, require, semeval_texts


def test_utf8_seed_is_returned_exactly(jpost_path: Path) -> None:
    raw = jpost_path.read_bytes()
    decoded = decode_bytes(raw, name="jpost.txt")
    assert decoded.text == raw.decode("utf-8")
    assert (decoded.encoding, decoded.repaired) == ("utf-8", False)
    # The curly quotes and the no-break space of the crawl are kept as they are.
    assert "Hussein’s" in decoded.text
    assert "Iranian\xa0 officer" in decoded.text


def test_utf8_fast_path_calls_no_detector_and_no_full_badness_scan(
    jpost_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def forbidden(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the UTF-8 path must not call this")

    monkeypatch.setattr("charset_normalizer.from_bytes", forbidden)
    monkeypatch.setattr(ftfy.badness, "is_bad", forbidden)
    monkeypatch.setattr(ftfy, "fix_encoding", forbidden)
    raw = jpost_path.read_bytes()
    assert decode_bytes(raw, name="jpost.txt").text == raw.decode("utf-8")


def test_utf8_bom_is_stripped(kayhan_text: str) -> None:
    decoded = decode_bytes(codecs.BOM_UTF8 + kayhan_text.encode("utf-8"), name="k.txt")
    assert decoded.text == kayhan_text
    assert decoded.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(kayhan_text: str, codec: str) -> None:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    decoded = decode_bytes(bom + kayhan_text.encode(codec), name="k.txt")
    assert decoded.text == kayhan_text
    assert decoded.encoding == "utf-16"


def test_utf16_without_bom_is_binary(kayhan_text: str) -> None:
    with pytest.raises(BinaryInputError):
        decode_bytes(kayhan_text.encode("utf-16-le"), name="k.txt")


def test_cp1252_file_made_from_a_seed(kayhan_text: str, tmp_path: Path) -> None:
    path = tmp_path / "kayhan-cp1252.txt"
    path.write_bytes(kayhan_text.encode("cp1252"))
    decoded = decode_bytes(path.read_bytes(), name=path.name)
    assert decoded.text == kayhan_text
    assert (decoded.encoding, decoded.repaired) == ("cp1252", False)


def test_latin1_file_made_from_real_german_text(tmp_path: Path) -> None:
    text = next(
        t for t in semeval_texts() if "ü" in t and "ß" in t and t.isprintable() and _latin1(t)
    )
    path = tmp_path / "german-latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    decoded = decode_bytes(path.read_bytes(), name=path.name)
    assert decoded.text == text
    # latin-1 and cp1252 agree on these bytes; the detector's tie goes to cp1252.
    assert decoded.encoding == "cp1252"


def test_real_cp1252_answers_decode_with_curly_quotes() -> None:
    folder = require(DATA / "clough-stevenson-short-answers" / "data")
    legacy = []
    for path in sorted(folder.glob("*.txt")):
        raw = path.read_bytes()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            legacy.append((path.name, raw))
    assert len(legacy) >= 10
    for name, raw in legacy:
        decoded = decode_bytes(raw, name=name)
        assert decoded.encoding == "cp1252", name
        assert decoded.text == raw.decode("cp1252"), name
        assert not any("\x80" <= char <= "\x9f" for char in decoded.text), name


def test_cyrillic_cp1251_is_detected() -> None:
    text = next(t for t in semeval_texts() if sum("а" <= c <= "я" for c in t) > 200)
    decoded = decode_bytes(text.encode("cp1251", errors="ignore"), name="ru.txt")
    assert decoded.encoding == "cp1251"
    assert decoded.text == text.encode("cp1251", errors="ignore").decode("cp1251")


def test_english_with_one_cp1252_apostrophe_is_not_read_as_cjk() -> None:
    decoded = decode_bytes(b"It\x92s here.", name="short.txt")
    assert decoded.text == "It’s here."


def test_semeval_mojibake_is_repaired_and_line_breaks_kept() -> None:
    broken = [t for t in semeval_texts() if "Ã" in t and ftfy.badness.is_bad(t)]
    assert len(broken) >= 8
    for text in broken:
        decoded = decode_bytes(text.encode("utf-8"), name="semeval.txt")
        assert decoded.repaired
        assert decoded.text.count("Ã") < text.count("Ã")
        assert decoded.text.count("\n") == text.count("\n")
    german = next(t for t in broken if "fÃ¼r Versammlungen" in t)
    assert "für Versammlungen" in decode_bytes(german.encode("utf-8"), name="de.txt").text


def test_semeval_c1_quotes_become_curly_quotes() -> None:
    text = next(t for t in semeval_texts() if "\x93correctivo\x94" in t)
    decoded = decode_bytes(text.encode("utf-8"), name="es.txt")
    assert "“correctivo”" in decoded.text
    assert decoded.repaired


def test_clean_semeval_texts_are_untouched() -> None:
    clean = [
        t
        for t in semeval_texts()
        if "“" in t and "\n" in t and not ftfy.badness.is_bad(t) and "\x00" not in t
    ]
    assert len(clean) >= 50
    for text in clean:
        decoded = decode_bytes(text.encode("utf-8"), name="clean.txt")
        assert decoded.text == text
        assert not decoded.repaired


def test_only_broken_lines_are_repaired(jpost_text: str) -> None:
    clean_lines = jpost_text.split("\n")[:4]
    broken = "Bayern will neues Konzept fÃ¼r Versammlungen ausarbeiten"
    text = "\r\n".join([*clean_lines[:2], broken, *clean_lines[2:]])
    repaired = repair_mojibake(text)
    assert repaired.split("\r\n") == [
        *clean_lines[:2],
        "Bayern will neues Konzept für Versammlungen ausarbeiten",
        *clean_lines[2:],
    ]


def test_gzip_bytes_are_binary() -> None:
    folder = require(DATA / "article-extraction-benchmark" / "html")
    raw = next(iter(sorted(folder.glob("*.gz")))).read_bytes()
    assert raw[:2] == b"\x1f\x8b"
    with pytest.raises(BinaryInputError) as caught:
        decode_bytes(raw, name="page.html.gz")
    controls = sum(byte < 32 and byte not in b"\t\n\r\f" for byte in raw)
    assert controls > 0.05 * len(raw)  # compressed bytes: about 11 % control bytes
    message = str(caught.value)
    assert message == f"page.html.gz: binary file ({controls} control bytes in {len(raw)} bytes)"


def test_many_control_bytes_are_binary() -> None:
    data = bytes(range(1, 9)) * 20 + b"some text"
    with pytest.raises(BinaryInputError, match=r"^ctl\.bin: binary file \(160 control bytes"):
        decode_bytes(data, name="ctl.bin")


def test_a_few_control_bytes_are_text(kayhan_text: str) -> None:
    text = "\x1b[1m" + kayhan_text  # one terminal escape in a long text
    decoded = decode_bytes(text.encode("utf-8"), name="k.txt")
    assert decoded.text == " [1m" + kayhan_text
    assert decoded.controls_replaced == 1


def test_high_garbage_is_undecodable() -> None:
    data = bytes(range(0x80, 0x100)) * 4  # no encoding makes text of this
    with pytest.raises(UndecodableInputError, match=r"^junk\.txt: not text"):
        decode_bytes(data, name="junk.txt")


def test_declared_encoding_is_used_when_utf8_fails() -> None:
    data = "Çağrı Şahin’in açıklaması".encode("cp1254")
    assert decode_bytes(data, name="tr.html", declared="windows-1254").text == (
        "Çağrı Şahin’in açıklaması"
    )
    # A page declaring latin-1 is read as windows-1252, as browsers do.
    assert decode_bytes(b"It\x92s", name="p.html", declared="iso-8859-1").encoding == "cp1252"


def test_safe_typography_never_matches_ftfy_badness_alone() -> None:
    # The fast path skips texts whose only non-ASCII characters are these: check with the
    # installed ftfy that no string of them (with ASCII around) is "bad".
    alphabet = decode._SAFE_NON_ASCII + "aZ .1\n$!"
    for length in (1, 2, 3):
        for chars in itertools.product(alphabet, repeat=length):
            assert not ftfy.badness.is_bad("".join(chars)), chars


_ASCII = st.sampled_from(list("abcdefZ .,;12\n\t"))
_SPECIAL = st.sampled_from(
    list(decode._SAFE_NON_ASCII)
    + list("ÃÂâ€œ™¦©®¤¢£¥§¨ªÅÆÇÐØÙßàéöüŸŠž\x80\x93\x9d\ufffd│▀√ГВЂўΒΓΞΟβā×²")
)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(_ASCII, _ASCII, _SPECIAL), max_size=80).map("".join))
def test_fast_badness_agrees_with_ftfy(text: str) -> None:
    # Mostly ASCII with scattered specials: windows both merge and stand apart.
    assert bool(decode._bad_positions(text)) == ftfy.badness.is_bad(text)


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        st.characters(
            exclude_categories=["Cs"],
            exclude_characters="".join(map(chr, decode._CONTROL_BYTES)),
        ),
        max_size=200,
    )
)
def test_clean_text_round_trips_exactly(text: str) -> None:
    if ftfy.badness.is_bad(text):
        return
    decoded = decode_bytes(text.encode("utf-8"), name="t.txt")
    assert decoded.text == text
    assert not decoded.repaired


def _latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True
