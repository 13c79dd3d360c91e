"""A scan's inputs and results: URIs of Hadoop file systems told from paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from retold.locations import location


@pytest.mark.parametrize(
    "given", ["hdfs://namenode:8020/corpus", "s3a://bucket/key", "file:///data", "viewfs://t/x/"]
)
def test_a_uri_is_kept_as_given(given: str) -> None:
    found = location(given)
    assert not isinstance(found, Path) and found == given


@pytest.mark.parametrize("given", ["corpus/", "/data/a.jsonl", "C:/data", "a:b.jsonl"])
def test_anything_else_is_a_path(given: str) -> None:
    assert location(given) == Path(given)


def test_a_path_object_is_a_path_whatever_it_reads() -> None:
    assert location(Path("hdfs:/x")) == Path("hdfs:/x")
