"""The text store gives back every text as written, however it is read and read again."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from retold.store.texts import TextStore, TextStoreWriter

_TEXT = st.text(st.characters(codec="utf-8"), max_size=300)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(_TEXT, max_size=8), min_size=1, max_size=6),
    st.randoms(use_true_random=False),
)
def test_texts_come_back_as_written_after_their_pages_are_dropped(
    batches: list[list[str]], rng: random.Random
) -> None:
    """Written in batches (each a chunk of the file), read by ``take`` in any order and by
    ``range`` across chunk borders, twice: each read drops the mapped pages it used, and the
    next read must fault them back in unchanged."""
    texts = [text for batch in batches for text in batch]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "texts.arrow"
        writer = TextStoreWriter(path)
        for batch in batches:
            writer.write(batch)
        writer.close()
        store = TextStore(path)
        assert len(store) == len(texts)
        for _ in range(2):
            order = list(range(len(texts)))
            rng.shuffle(order)
            assert store.take(order) == [texts[index] for index in order]
            if texts:
                start = rng.randrange(len(texts))
                stop = rng.randrange(start, len(texts) + 1)
                assert store.range(start, stop) == texts[start:stop]
