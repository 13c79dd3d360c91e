"""Real text with a few stray control bytes is text; mostly control bytes is binary.

Fourteen files of the PAN 2013 text-alignment training corpus hold NUL bytes: twelve are
ordinary prose with a few stray ones (scraped web text), two are garbage (12-13 % control
bytes). The prose is read, each control character becomes one space (offsets unchanged, so
PAN's character offsets still line up), and the count is reported.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retold.errors import BinaryInputError
from retold.ingest import decode_bytes, read_document
from retold.report.json import comparison_to_json

PROSE_WITH_NULS = (
    "src/source-document00750.txt",
    "src/source-document00848.txt",
    "src/source-document01241.txt",
    "src/source-document02482.txt",
    "src/source-document02606.txt",
    "src/source-document02766.txt",
    "susp/suspicious-document00078.txt",
    "susp/suspicious-document00682.txt",
    "susp/suspicious-document00983.txt",
    "susp/suspicious-document01085.txt",
    "susp/suspicious-document01509.txt",
    "susp/suspicious-document01588.txt",
)
GARBAGE = ("src/source-document00575.txt", "src/source-document01077.txt")
CONTROLS = {byte for byte in range(32) if byte not in b"\t\n\r\f"}


@pytest.fixture(scope="module")
def pan(shared_data: Path) -> Path:
    return shared_data / "pan13-text-alignment-training"


@pytest.mark.parametrize("name", PROSE_WITH_NULS)
def test_prose_with_stray_nuls_is_read_with_offsets_unchanged(pan: Path, name: str) -> None:
    raw = (pan / name).read_bytes()
    assert b"\x00" in raw
    as_utf8 = raw.decode("utf-8")
    decoded = decode_bytes(raw, name=name)
    assert decoded.controls_replaced == sum(ord(char) in CONTROLS for char in as_utf8)
    assert len(decoded.text) == len(as_utf8)
    for offset, (was, now) in enumerate(zip(as_utf8, decoded.text, strict=True)):
        assert now == (" " if ord(was) in CONTROLS else was), offset


@pytest.mark.parametrize("name", GARBAGE)
def test_mostly_control_bytes_is_binary(pan: Path, name: str) -> None:
    with pytest.raises(BinaryInputError, match="binary file"):
        decode_bytes((pan / name).read_bytes(), name=name)


def test_compare_reads_a_pan_pair_with_nuls_and_says_so(pan: Path) -> None:
    suspicious = read_document(pan / "susp" / "suspicious-document00682.txt")
    assert suspicious.controls_replaced == 1
    assert "\x00" not in suspicious.text
    clean = read_document(pan / "susp" / "suspicious-document00001.txt")
    assert clean.controls_replaced == 0


def test_the_count_is_in_the_json(tmp_path: Path) -> None:
    from retold import compare

    text = "Iran and Iraq discussed joint military exercises on Monday in Baghdad, officials said."
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(text.encode() * 3)
    b.write_bytes((text.replace("Monday", "Monday\x00") + "\n").encode() * 3)
    result = comparison_to_json(compare(a, b))
    assert '"controls_replaced": 3' in result and '"controls_replaced": 0' in result


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.from_regex(r"[A-Za-z]{1,9}", fullmatch=True), min_size=40, max_size=120),
    stray=st.lists(st.sampled_from(sorted(CONTROLS)), min_size=1, max_size=2),
    data=st.data(),
)
def test_a_few_control_bytes_become_spaces_in_place(
    words: list[str], stray: list[int], data: st.DataObject
) -> None:
    text = list(" ".join(words))
    positions = data.draw(
        st.lists(
            st.integers(0, len(text) - 1), min_size=len(stray), max_size=len(stray), unique=True
        )
    )
    for position, byte in zip(positions, stray, strict=True):
        text[position] = chr(byte)
    decoded = decode_bytes("".join(text).encode(), name="prose.txt")
    assert decoded.controls_replaced == len(stray)
    assert len(decoded.text) == len(text)
    for offset, (was, now) in enumerate(zip(text, decoded.text, strict=True)):
        assert now == (" " if offset in positions else was)


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_a_bom_reads_stray_controls_as_plain_utf8_does(
    kayhan_text: str, bom: bytes, codec: str
) -> None:
    # The same stray NUL and escape in a real article, with and without a BOM: same text, same
    # count (in UTF-16/32 a NUL *byte* is half of every ASCII letter; only a NUL character counts).
    middle = len(kayhan_text) // 2
    text = kayhan_text[:middle] + "\x00" + kayhan_text[middle:] + "\x1b"
    plain = decode_bytes(text.encode("utf-8"), name="k.txt")
    with_bom = decode_bytes(bom + text.encode(codec), name="k.txt")
    assert (with_bom.text, with_bom.controls_replaced) == (plain.text, plain.controls_replaced)
    assert plain.controls_replaced == 2
    assert plain.text == kayhan_text[:middle] + " " + kayhan_text[middle:] + " "


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_mostly_controls_after_a_bom_is_binary(codec: str) -> None:
    text = "\x01\x02\x03 word " * 50  # 150 controls in 450 characters
    with pytest.raises(
        BinaryInputError,
        match=r"^x\.txt: binary file \(150 control characters in 450 characters\)$",
    ):
        decode_bytes(text.encode(codec), name="x.txt")  # Python's utf-16/32 codecs write a BOM


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
def test_five_percent_control_bytes_is_still_text_one_more_is_binary(bom: bytes) -> None:
    sentence = b"Officials said the exercises would continue into next week. "  # 61 bytes
    prose = (sentence * 17)[:950]
    at_limit = bom + prose[:500] + b"\x00" * 50 + prose[500:]  # 50 in 1,000 bytes: 5 %
    decoded = decode_bytes(at_limit, name="limit.txt")
    assert decoded.controls_replaced == 50
    assert decoded.text == (prose[:500] + b" " * 50 + prose[500:]).decode()
    over = bom + prose[:500] + b"\x00" * 51 + prose[501:]  # 51 in 1,000 bytes
    with pytest.raises(BinaryInputError, match=r"binary file \(51 control bytes in 1000 bytes\)"):
        decode_bytes(over, name="over.txt")


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèüöäßñçøåłžšđ", min_size=1, max_size=9),
        min_size=40,
        max_size=120,
    ),
    stray=st.lists(st.sampled_from(sorted(CONTROLS)), min_size=1, max_size=3),
    data=st.data(),
)
def test_control_characters_in_non_ascii_prose_keep_character_offsets(
    words: list[str], stray: list[int], data: st.DataObject
) -> None:
    # Accented letters take two UTF-8 bytes: offsets are in characters, as PAN's are.
    text = list(" ".join(words))
    positions = data.draw(
        st.lists(st.integers(0, len(text)), min_size=len(stray), max_size=len(stray), unique=True)
    )
    for position, byte in sorted(zip(positions, stray, strict=True), reverse=True):
        text.insert(position, chr(byte))
    joined = "".join(text)
    decoded = decode_bytes(joined.encode("utf-8"), name="prose.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.controls_replaced == len(stray)
    assert len(decoded.text) == len(joined)
    changed = [
        i for i, (was, now) in enumerate(zip(joined, decoded.text, strict=True)) if was != now
    ]
    assert changed == sorted(i for i, char in enumerate(joined) if ord(char) in CONTROLS)
    assert all(decoded.text[i] == " " for i in changed)
