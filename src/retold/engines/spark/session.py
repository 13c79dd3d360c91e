"""A Spark session for a scan: the user's master and settings over retold's defaults.

Defaults that matter for correct, quiet results: times in UTC (stored times are UTC, and
executors must read them back unchanged), Arrow batches small enough for whole articles, no
console progress bars. In local mode the executors' Python is this Python (``PYSPARK_PYTHON``,
unless set: they must import the same retold), and the driver may collect the results it
writes (``maxResultSize`` 0).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from retold.errors import EngineUnavailableError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

__all__ = ["SparkOptions", "spark_session"]


@dataclass(frozen=True, slots=True)
class SparkOptions:
    """Where the Spark engine runs."""

    master: str | None = None
    """``local[2]``, ``yarn``, ``spark://host:7077``…; None: the master spark-submit gave,
    else ``local[*]``."""
    conf: tuple[tuple[str, str], ...] = ()
    """Spark settings (``--spark-conf k=v``), over retold's defaults."""


_DEFAULTS = {
    "spark.app.name": "retold scan",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.execution.arrow.maxRecordsPerBatch": "256",
    "spark.ui.showConsoleProgress": "false",
    "spark.ui.enabled": "false",
    "spark.driver.maxResultSize": "0",
}
_LOCAL_DEFAULTS = {"spark.driver.memory": "4g"}


def spark_session(options: SparkOptions) -> SparkSession:
    """The active session if there is one (a notebook, spark-submit), else a new one."""
    try:
        from pyspark import SparkConf
        from pyspark.sql import SparkSession
    except ImportError:
        raise EngineUnavailableError(
            "the Spark engine needs pyspark: pip install 'retold[spark]' (and Java 17)"
        ) from None
    active = SparkSession.getActiveSession()
    if active is not None and options.master is None:
        return active
    master = options.master or SparkConf().get("spark.master", "local[*]")
    local = master.startswith("local")
    if local:  # PySpark starts its workers with $PYSPARK_PYTHON (default: python3 on PATH)
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    settings = {**_DEFAULTS, **(_LOCAL_DEFAULTS if local else {})}
    settings.update(dict(options.conf))
    builder = SparkSession.builder.master(master)
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as error:  # the JVM failed to start: no Java, a bad setting
        raise EngineUnavailableError(f"Spark did not start: {error}") from None
    session.sparkContext.setLogLevel("ERROR")
    return session
