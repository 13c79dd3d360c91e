"""Winnowing keeps its guarantee: any shared run of t = w + k - 1 words shares a fingerprint."""

from __future__ import annotations

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from retold.config import FingerprintConfig
from retold.fingerprints import fingerprint
from retold.tokens import tokenize
from tests.conftest import JPOST

CONFIG = FingerprintConfig(k=5, w=8)


def _keys(values: list[int]) -> np.ndarray:
    return np.array(values, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(1)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 10**6), min_size=0, max_size=80),
    st.lists(st.integers(0, 10**6), min_size=0, max_size=80),
    st.lists(st.integers(0, 50), min_size=CONFIG.guaranteed_words, max_size=60),
)
def test_shared_run_of_t_words_always_shares_a_fingerprint(
    before: list[int], after: list[int], shared: list[int]
) -> None:
    a = _keys([*before, *shared, 7_000_001])
    b = _keys([8_000_001, *shared, *after])
    common = set(fingerprint(a, CONFIG).hashes.tolist()) & set(
        fingerprint(b, CONFIG).hashes.tolist()
    )
    assert common


def test_density_is_about_two_per_window() -> None:
    keys = tokenize(JPOST.read_text(encoding="utf-8")).keys
    config = FingerprintConfig()
    prints = fingerprint(keys, config)
    expected = 2 * (len(keys) - config.k + 1) / (config.w + 1)  # winnowing density 2 / (w + 1)
    assert 0.6 * expected <= len(prints.hashes) <= 1.4 * expected
    assert np.all(np.diff(prints.positions) > 0)


def test_short_documents() -> None:
    assert len(fingerprint(_keys([1, 2, 3]), CONFIG).hashes) == 0
    assert len(fingerprint(_keys(list(range(6))), CONFIG).hashes) == 1


def test_guarantee_is_w_plus_k_minus_one() -> None:
    assert FingerprintConfig().guaranteed_words == 40


def _line_hash(line: str) -> int:
    """A line's hash by definition: its words, folded on their own."""
    import xxhash

    from retold.tokens import fold

    return xxhash.xxh3_64_intdigest(" ".join(fold(line).split()).encode("utf-8", "surrogatepass"))


_SEED_LINES = JPOST.read_text(encoding="utf-8").split("\n")[:40]
_ODD_LINES = ["Café CRÈME — “Straße”", "", "  spaced   out  ", "Ǆ ﬁ İstanbul ŉ", "e\u0301\u0301"]


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.sampled_from(_SEED_LINES + _ODD_LINES) | st.text(max_size=30), max_size=30),
    chosen=st.sets(st.integers(0, 29), max_size=10),
)
@example(lines=["\u00b8"], chosen=set())  # a cedilla alone folds to a space: a blank line
def test_line_hashes_and_masking_fold_each_line_as_on_its_own(
    lines: list[str], chosen: set[int]
) -> None:
    """Both fold the whole text at once; the lines learned and the lines masked must be the
    lines folded one by one. Lines learned are those with words once folded."""
    from retold.clean.outlet_boilerplate import line_hashes, masked_keys
    from retold.tokens import fold

    text = "\n".join(lines)
    pieces = text.split("\n")
    learned = sorted({_line_hash(line) for line in pieces if fold(line).split()})
    assert line_hashes(text) == learned
    boilerplate = frozenset(_line_hash(pieces[i]) for i in chosen if i < len(pieces))
    tokens = tokenize(text)
    masked_lines, position = [], 0
    for line in pieces:
        if line.split() and _line_hash(line) in boilerplate:
            masked_lines.append((position, position + len(line)))
        position += len(line) + 1
    kept = [
        key
        for key, start in zip(tokens.keys.tolist(), tokens.starts.tolist(), strict=True)
        if not any(first <= start < end for first, end in masked_lines)
    ]
    assert masked_keys(text, tokens.keys, tokens.starts, boilerplate).tolist() == kept
