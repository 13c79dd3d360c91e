"""Where a scan reads and writes: a path of this machine, or a URI of a Hadoop file system.

A URI (``hdfs://namenode/corpus``, ``s3a://bucket/results``, ``file:///data``: a scheme of two
letters or more, a colon, a slash) is kept as the string given — ``Path`` would fold its
``//`` — and only the Spark engine reads and writes it, through the cluster's Hadoop
configuration. Everything else, and every ``os.PathLike``, is a path.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import NewType

__all__ = ["HadoopUri", "Location", "location"]

HadoopUri = NewType("HadoopUri", str)
"""A URI that the Hadoop FileSystem API opens (on the Spark engine's driver and executors)."""

Location = Path | HadoopUri

_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:/")
"""A scheme, then ``:/``. One letter is a Windows drive (``C:/``), not a scheme."""


def location(given: str | os.PathLike[str]) -> Location:
    """``given`` as a URI if it is a string that names one, else as a path."""
    if isinstance(given, str) and _URI.match(given):
        return HadoopUri(given)
    return Path(given)
