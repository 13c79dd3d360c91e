"""A Spark scan's results folder on a Hadoop file system (``hdfs://``, ``s3a://``…).

Spark writes its stage tables there by URI. What the driver writes with Python (the final
Parquet files, the text store, the stage markers, the manifest) is written in a local staging
folder first, then uploaded whole under a temporary name and renamed into place: a file of
the results folder is whole or absent, as on a local disk, and a stage's marker is uploaded
after its files, so a killed scan resumes from what the folder holds. A resumed scan fetches
back the markers and the files it reads again. The staging folder goes when the scan ends.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from retold.engines.spark.hadoop import HadoopFileSystems
from retold.locations import HadoopUri, Location
from retold.store.folders import LocalFolder, ResultsFolder

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["HadoopFolder", "results_folder"]


class HadoopFolder:
    """A results folder on a Hadoop file system, with a local staging folder for the driver."""

    on_this_machine = False

    def __init__(self, spark: SparkSession, location: HadoopUri, staging: Path) -> None:
        self.location = location
        self.local = staging
        self._spark = spark
        self._hadoop = HadoopFileSystems(spark)
        self._root = location.rstrip("/")
        self._hadoop.check_writable(self._root)

    def uri(self, relative: str) -> str:
        return f"{self._root}/{relative}"

    def publish(self, relative: str) -> None:
        target = self.uri(relative)
        temporary = f"{target}.tmp"
        self._hadoop.upload(self.local / relative, temporary)
        self._hadoop.delete(target)
        self._hadoop.rename(temporary, target)

    def fetch(self, relative: str) -> Path | None:
        path = self.local / relative
        if path.exists():
            return path
        if not self._hadoop.exists(self.uri(relative)):
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        self._hadoop.download(self.uri(relative), path)
        return path

    def remove(self, relative: str) -> None:
        (self.local / relative).unlink(missing_ok=True)
        self._hadoop.delete(self.uri(relative))

    def replace(self, source: str, target: str) -> None:
        self._hadoop.delete(self.uri(target))
        self._hadoop.rename(self.uri(source), self.uri(target))

    def rows(self, relative: str) -> int:
        """Counted by Spark (one small job: Parquet counts rows from its footers)."""
        return self._spark.read.parquet(self.uri(relative)).count()


@contextmanager
def results_folder(spark: SparkSession, location: Location) -> Iterator[ResultsFolder]:
    """The results folder ``location``: a ``LocalFolder`` for a path, a ``HadoopFolder`` for a
    URI (with a staging folder that goes when the block ends, whatever happened)."""
    if isinstance(location, Path):
        yield LocalFolder(location)
        return
    with tempfile.TemporaryDirectory(prefix="retold-staging-") as staging:
        yield HadoopFolder(spark, location, Path(staging))
