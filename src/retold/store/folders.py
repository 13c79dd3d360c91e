"""A results folder as the scan engines use it, wherever it is.

The driver of a scan writes its files with Python (pyarrow, json, DuckDB), which reaches only
this machine's file system; Spark writes its stage tables by URI, on any file system. A
``ResultsFolder`` joins the two: ``local`` is where the driver writes a file, ``publish``
makes it final at the results location, ``fetch`` gives a local copy of one written before (a
resumed scan). ``LocalFolder`` is the folder itself: writing is publishing. The Spark engine's
``HadoopFolder`` stages the driver's files and uploads them.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Protocol

import pyarrow.parquet as pq

from retold.errors import ResultsError
from retold.locations import Location

__all__ = ["LocalFolder", "ResultsFolder", "fetched"]


class ResultsFolder(Protocol):
    """A results folder; ``relative`` names are POSIX paths inside it (``.work/spark/pairs``)."""

    @property
    def location(self) -> Location:
        """The folder as given."""
        ...

    @property
    def local(self) -> Path:
        """Where the driver writes (and reads) the folder's files on this machine."""
        ...

    @property
    def on_this_machine(self) -> bool:
        """Whether ``local`` is the folder itself: its absolute paths stay valid (the views of
        ``results.duckdb`` name them), and Spark's executors share them in local mode."""
        ...

    def uri(self, relative: str) -> str:
        """The URI Spark reads and writes ``relative`` at."""
        ...

    def publish(self, relative: str) -> None:
        """The file ``local / relative`` is whole: make it the folder's (atomically)."""
        ...

    def fetch(self, relative: str) -> Path | None:
        """A local copy of the folder's file ``relative``; None if it has none."""
        ...

    def remove(self, relative: str) -> None:
        """Remove the file or folder ``relative``, if there is one."""
        ...

    def replace(self, source: str, target: str) -> None:
        """Rename ``source`` to ``target``, replacing what ``target`` held."""
        ...

    def rows(self, relative: str) -> int:
        """The rows of the Parquet table (a folder of parts) ``relative``."""
        ...


class LocalFolder:
    """A results folder of this machine (on a cluster, one every executor sees at this path)."""

    on_this_machine = True

    def __init__(self, root: Path) -> None:
        self.location = root
        self.local = root.absolute()
        try:
            self.local.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ResultsError(
                f"{root}: cannot write the results folder ({error.strerror or error})"
            ) from None

    def uri(self, relative: str) -> str:
        return (self.local / relative).as_uri()

    def publish(self, relative: str) -> None:
        """Nothing to do: the file is already in the folder."""

    def fetch(self, relative: str) -> Path | None:
        path = self.local / relative
        return path if path.exists() else None

    def remove(self, relative: str) -> None:
        path = self.local / relative
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)

    def replace(self, source: str, target: str) -> None:
        self.remove(target)
        os.replace(self.local / source, self.local / target)

    def rows(self, relative: str) -> int:
        """Read from the parts' footers: no data is read."""
        parts = (self.local / relative).glob("*.parquet")
        return sum(pq.ParquetFile(part).metadata.num_rows for part in parts)


def fetched(folder: ResultsFolder, relative: str) -> Path:
    """A local copy of a file that an earlier stage of the scan wrote in ``folder``."""
    path = folder.fetch(relative)
    if path is None:
        raise ResultsError(f"{folder.location}: {relative} is missing (rerun the scan)")
    return path
