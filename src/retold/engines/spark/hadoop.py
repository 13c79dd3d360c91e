"""The driver's hands on Hadoop file systems, through the JVM Spark runs in (py4j).

Python cannot open ``hdfs://`` or ``s3a://``; Spark's JVM can, with the cluster's own Hadoop
configuration (``spark.hadoop.*`` settings, ``core-site.xml``), whatever the scheme: HDFS, S3A,
ABFS, GCS, ``viewfs://``, ``file://``. Everything here runs on the driver: listing the input
files, reading the few that Spark's file sources skip, and moving the results folder's files
(``HadoopFolder``). Executors reach files only through Spark's data sources.

A Java failure becomes one line: a scheme that no file system serves is a ``UsageError``, a
file system whose connector is not on the classpath an ``EngineUnavailableError``, anything
else the error the caller names, with the Java message's first line.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from py4j.protocol import Py4JJavaError
from pyspark.errors.exceptions.captured import CapturedException

from retold.errors import (
    EngineUnavailableError,
    InputNotFoundError,
    ResultsError,
    RetoldError,
    UsageError,
)
from retold.ingest.corpus.reasons import Reason, reason
from retold.locations import HadoopUri
from retold.records import Rejection

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["HadoopFile", "HadoopFileSystems"]


@dataclass(frozen=True, slots=True)
class HadoopFile:
    """An input file on a Hadoop file system."""

    name: str
    """The URI as given, plus the path inside a given folder: what ids derived from the file
    are made of, as for a local path."""
    path: str
    """The qualified path, as Spark's ``binaryFile`` source writes it in its ``path`` column."""
    size: int


_JAVA_FAILURES = (Py4JJavaError, CapturedException)
"""How a Java exception reaches Python: as itself, or converted by PySpark (for the classes
it knows, ``IllegalArgumentException``…)."""


def _chain(failure: Py4JJavaError | CapturedException) -> list[tuple[str, str]]:
    """Class name and message's first line of a Java failure and of each of its causes."""
    if isinstance(failure, CapturedException):
        lines = str(failure).strip().splitlines()
        return [(type(failure).__name__, lines[0] if lines else "")]
    chain = []
    exception = failure.java_exception
    while exception is not None:
        message = str(exception.getMessage() or "").strip().splitlines()
        chain.append((exception.getClass().getName(), message[0] if message else ""))
        exception = exception.getCause()
    return chain


def _described(
    uri: str, failure: Py4JJavaError | CapturedException
) -> tuple[type[RetoldError] | None, str]:
    """What a Java failure on ``uri`` says, in a line; with the error it always is, if any."""
    chain = _chain(failure)
    scheme = uri.partition(":")[0]
    for name, message in chain:
        if name == "org.apache.hadoop.fs.UnsupportedFileSystemException":
            return UsageError, (
                f"no Hadoop file system serves the scheme {scheme!r} here; give one the cluster"
                f" reads (hdfs://, s3a://, file://…) or set spark.hadoop.fs.{scheme}.impl"
                " (see docs/spark.md)"
            )
        if name == "java.lang.ClassNotFoundException":
            return EngineUnavailableError, (
                f"the Hadoop file system of {scheme!r} is not on Spark's classpath ({message});"
                " its connector jar is the cluster's to install (hadoop-aws for s3a://)"
            )
        if name == "java.io.FileNotFoundException":
            return None, "no such file or folder"
    name, message = chain[0]
    return None, f"{name.rpartition('.')[2]}: {message}"


class HadoopFileSystems:
    """The Hadoop file systems of a Spark session, as its configuration defines them."""

    def __init__(self, spark: SparkSession) -> None:
        self._jvm: Any = spark._jvm  # py4j: the JVM the driver runs
        self._conf = spark._jsc.hadoopConfiguration()

    @contextmanager
    def _java(self, uri: str, error: type[RetoldError], failed: str = "") -> Iterator[None]:
        """Turn a Java failure about ``uri`` into one line (``failed``: what could not be done):
        ``error``, unless it is always a usage error (no file system for the scheme) or a
        missing part (no connector)."""
        try:
            yield
        except _JAVA_FAILURES as failure:
            always, detail = _described(uri, failure)
            said = f"{failed} ({detail})" if failed and always is None else detail
            raise (always or error)(f"{uri}: {said}") from None

    def _resolve(self, uri: str, error: type[RetoldError]) -> tuple[Any, Any]:
        """The file system serving ``uri`` and its Hadoop ``Path``."""
        with self._java(uri, error):
            path = self._jvm.org.apache.hadoop.fs.Path(uri)
            return path.getFileSystem(self._conf), path

    # -- inputs ------------------------------------------------------------------------------

    def check_input(self, uri: HadoopUri) -> tuple[Any, Any]:
        """The file system of the input ``uri`` and its status; an ``InputNotFoundError`` if
        it does not exist (a ``UsageError`` if no file system serves its scheme)."""
        system, path = self._resolve(uri, InputNotFoundError)
        with self._java(uri, InputNotFoundError):
            return system, system.getFileStatus(path)

    def input_files(self, uri: HadoopUri) -> Iterator[HadoopFile | Rejection]:
        """Every file ``uri`` names, in the order the local engine reads a folder (sorted by
        name at each level, hidden entries skipped), or a rejection for a folder that cannot
        be listed. An input that does not exist is an ``InputNotFoundError``."""
        system, status = self.check_input(uri)
        if not status.isDirectory():
            yield HadoopFile(uri, status.getPath().toString(), status.getLen())
            return
        yield from self._folder_files(system, status.getPath(), uri.rstrip("/"))

    def _folder_files(
        self, system: Any, folder: Any, name: str
    ) -> Iterator[HadoopFile | Rejection]:
        try:
            entries = sorted(system.listStatus(folder), key=lambda entry: entry.getPath().getName())
        except _JAVA_FAILURES as failure:
            detail = _described(name, failure)[1]
            yield Rejection(name, "", reason(Reason.CANNOT_READ, detail))
            return
        for entry in entries:
            entry_name = entry.getPath().getName()
            if entry_name.startswith("."):
                continue
            child = f"{name}/{entry_name}"
            if entry.isDirectory():
                yield from self._folder_files(system, entry.getPath(), child)
            else:
                yield HadoopFile(child, entry.getPath().toString(), entry.getLen())

    def read_bytes(self, file: HadoopFile) -> bytes | Rejection:
        """A whole file's bytes, through the driver (for the few files executors cannot get)."""
        try:
            path = self._jvm.org.apache.hadoop.fs.Path(file.path)
            stream = path.getFileSystem(self._conf).open(path)
            try:
                return bytes(self._jvm.org.apache.commons.io.IOUtils.toByteArray(stream))
            finally:
                stream.close()
        except _JAVA_FAILURES as failure:
            detail = _described(file.name, failure)[1]
            return Rejection(file.name, "", reason(Reason.CANNOT_READ, detail))

    # -- the results folder ------------------------------------------------------------------

    # A results folder's failures are ``ResultsError``s: it cannot be written, or read back.

    def check_writable(self, uri: str) -> None:
        """Make the folder ``uri`` (and its parents), and write and remove a file in it."""
        system, path = self._resolve(uri, ResultsError)
        probe = self._jvm.org.apache.hadoop.fs.Path(path, ".retold-write-check")
        with self._java(uri, ResultsError, "cannot write the results folder"):
            if not system.mkdirs(path):
                raise ResultsError(f"{uri}: cannot write the results folder (mkdirs failed)")
            system.create(probe, True).close()
            system.delete(probe, False)

    def exists(self, uri: str) -> bool:
        system, path = self._resolve(uri, ResultsError)
        with self._java(uri, ResultsError):
            return bool(system.exists(path))

    def upload(self, local: Path, uri: str) -> None:
        """Copy the local file ``local`` to ``uri`` (replaced if it exists)."""
        system, path = self._resolve(uri, ResultsError)
        with self._java(uri, ResultsError):
            source = self._jvm.org.apache.hadoop.fs.Path(local.absolute().as_uri())
            system.copyFromLocalFile(False, True, source, path)

    def download(self, uri: str, local: Path) -> None:
        """Copy ``uri`` to the local file ``local`` (no checksum file beside it)."""
        system, path = self._resolve(uri, ResultsError)
        with self._java(uri, ResultsError):
            target = self._jvm.org.apache.hadoop.fs.Path(local.absolute().as_uri())
            system.copyToLocalFile(False, path, target, True)

    def delete(self, uri: str) -> None:
        """Remove the file or folder ``uri`` if there is one."""
        system, path = self._resolve(uri, ResultsError)
        with self._java(uri, ResultsError):
            system.delete(path, True)

    def rename(self, source: str, target: str) -> None:
        """Rename ``source`` to ``target``, which must not exist."""
        system, path = self._resolve(source, ResultsError)
        with self._java(source, ResultsError):
            if not system.rename(path, self._jvm.org.apache.hadoop.fs.Path(target)):
                raise ResultsError(f"{source}: cannot rename it to {target}")
