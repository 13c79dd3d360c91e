"""The input files of a Spark scan: listed on the driver, read by the executors.

Files are numbered in the local engine's reading order (the inputs in order; a folder
recursively, sorted by name at each level, hidden entries skipped), so document numbers and
the duplicate-id check come out the same. How a file reaches the task that reads it:

- a path: the task opens it (the executors must see this machine's paths: local mode, or a
  file system shared at the same path);
- a file named by a URI: Spark's ``binaryFile`` source reads its bytes through Hadoop (the
  cluster's configuration) into the task; the driver never holds them. Spark's file sources
  pass over names they take for metadata (a name that begins with ``_`` or ends with
  ``._COPYING_``: ``_SUCCESS``), so those few are read by the driver and handed over. A file
  is read whole: one over ``spark.sql.sources.binaryFile.maxLength`` (2 GiB) is rejected;
- a path or URI that cannot be listed: a rejection, numbered like a file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa
from pyspark.sql.pandas.types import from_arrow_schema

from retold.engines.spark import tasks
from retold.engines.spark.hadoop import HadoopFile, HadoopFileSystems
from retold.ingest.corpus.inputs import iter_input_files
from retold.ingest.corpus.reasons import Reason, reason
from retold.locations import Location
from retold.records import Rejection

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["InputFile", "InputFiles", "check_inputs", "files_to_read", "list_input_files"]

_BINARY_LIMIT = "spark.sql.sources.binaryFile.maxLength"
_GLOB = re.compile(r"([\\{}\[\]*?])")
"""Characters Spark's path globbing reads as a pattern: escaped, a file name is only a name."""


InputFile = Path | HadoopFile | Rejection
"""A file to read: a path, a file of a Hadoop file system, or an input that cannot be read."""


def check_inputs(spark: SparkSession, inputs: Sequence[Location]) -> None:
    """Raise, as ``list_input_files`` would, if an input URI cannot be read: before anything
    is written (paths are checked as for the local engine)."""
    hadoop = HadoopFileSystems(spark)
    for given in inputs:
        if not isinstance(given, Path):
            hadoop.check_input(given)


def list_input_files(spark: SparkSession, inputs: Sequence[Location]) -> list[InputFile]:
    """Every file the inputs name, in reading order, or a rejection where one cannot be read.
    An input that does not exist is an ``InputNotFoundError``; a URI of a scheme no Hadoop
    file system serves, a ``UsageError``."""
    hadoop = HadoopFileSystems(spark)
    files: list[InputFile] = []
    for given in inputs:
        found = iter_input_files([given]) if isinstance(given, Path) else hadoop.input_files(given)
        files.extend(found)
    return files


@dataclass(frozen=True, slots=True)
class InputFiles:
    """What to read of every input file (``tasks.FILES`` frames), and what cannot be read."""

    frames: list[DataFrame]
    rejected: list[tuple[int, Rejection]]
    """Rejections by file number."""


def files_to_read(spark: SparkSession, files: Sequence[InputFile]) -> InputFiles:
    """Split ``files`` by how they reach the tasks (see the module's docstring)."""
    limit = int(spark.conf.get(_BINARY_LIMIT, None) or 2**31 - 1)
    hadoop = HadoopFileSystems(spark)
    frames: list[DataFrame] = []
    rejected: list[tuple[int, Rejection]] = []
    paths: list[tuple[int, str, None]] = []
    through_spark: list[tuple[int, HadoopFile]] = []
    by_driver: list[dict[str, object]] = []
    for number, file in enumerate(files):
        if isinstance(file, Rejection):
            rejected.append((number, file))
        elif isinstance(file, Path):
            paths.append((number, str(file), None))
        elif file.size > limit:
            detail = (
                f"{file.size:,} bytes; a file of a Hadoop file system is read whole, up to"
                f" {limit:,} ({_BINARY_LIMIT}): split it"
            )
            rejected.append((number, Rejection(file.name, "", reason(Reason.TOO_LARGE, detail))))
        elif not _skipped_by_spark(file.path):
            through_spark.append((number, file))
        elif isinstance(content := hadoop.read_bytes(file), Rejection):
            rejected.append((number, content))
        else:
            by_driver.append({"file": number, "name": file.name, "content": content})
    if paths:  # a task per file: its records are spread over all tasks after reading
        listing = spark.createDataFrame(paths, from_arrow_schema(tasks.FILES))
        frames.append(listing.repartition(len(paths)))
    if through_spark:
        frame, unread = _binary_files(spark, through_spark)
        frames.append(frame)
        rejected.extend(unread)
    if by_driver:
        table = pa.Table.from_pylist(by_driver, schema=tasks.FILES)
        frames.append(spark.createDataFrame(table))
    return InputFiles(frames, sorted(rejected, key=lambda numbered: numbered[0]))


def _skipped_by_spark(path: str) -> bool:
    """Whether Spark's file sources pass over this file as metadata (a slight overestimate:
    ``_key=value`` and ``_metadata`` names are read by them, and by the driver here)."""
    name = path.rpartition("/")[2]
    return name.startswith(("_", ".")) or name.endswith("._COPYING_")


def _binary_files(
    spark: SparkSession, files: list[tuple[int, HadoopFile]]
) -> tuple[DataFrame, list[tuple[int, Rejection]]]:
    """The ``tasks.FILES`` frame of these files, their bytes read by ``binaryFile``; and a
    rejection for any that Spark did not list (checked on the paths alone: no bytes read)."""
    from pyspark.sql import functions as F

    listing = F.broadcast(
        spark.createDataFrame(
            [(number, file.name, file.path) for number, file in files],
            "file long, name string, path string",
        )
    )
    paths = sorted({_GLOB.sub(r"\\\1", file.path) for _, file in files})
    contents = spark.read.format("binaryFile").load(paths)
    listed = {row.file for row in contents.select("path").join(listing, "path").collect()}
    unread = [
        (number, Rejection(file.name, "", reason(Reason.CANNOT_READ, "Spark did not list it")))
        for number, file in files
        if number not in listed
    ]
    frame = contents.select("path", "content").join(listing, "path")
    return frame.select("file", "name", "content"), unread
