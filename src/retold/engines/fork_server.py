"""The fork server the local engine's workers are forked from, started as soon as a scan knows
it will need workers.

The server imports the worker module (retold, numpy, pyarrow, duckdb: about a second) once,
and every worker of every stage is forked from it ready (``PRELOADED``). Started when the first
pool opens, the scan waited that second at the start of its first stage; started before the scan
imports its own engine and reads its input, the two imports run side by side on two cores.
This module is light on purpose: importing it must not cost what it saves.
"""

from __future__ import annotations

import importlib
import importlib.util
import multiprocessing
import multiprocessing.forkserver
import sys
import threading
from multiprocessing.context import ForkServerContext

__all__ = ["start_fork_server", "worker_context"]

PRELOADED = ("retold.engines.worker_preload", "pandas")
"""What the server imports. pandas is not retold's: pyarrow imports it, when it is installed, the
first time a process builds an array (to check whether the data is a pandas object), half a
second in each of a scan's six workers (three stages, two workers); imported once in the
server, every worker has it (the Helsinki scan: 9.9 -> 9.6 s). Where it is missing, the
server skips it."""


def worker_context() -> ForkServerContext:
    """The multiprocessing context of the local engine's pools (fork server, worker module
    preloaded)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOADED))
    return context


def start_fork_server() -> None:
    """Start the fork server now, without waiting for it (a no-op when it runs already), and
    import pandas in this process too, in a thread.

    The driver builds arrays as well (the text store, the stages' tables), so pyarrow imports
    pandas in it the first time, on the scan's path: half a second of the ingest stage. In a
    thread, the import runs while the driver waits for its workers (the Helsinki scan, medians
    of 7 in one run: ingest 1.06 -> 0.52 s, 6.3 -> 5.8 s end to end). Not a daemon: the process
    does not end half-way through an import.
    """
    worker_context()
    multiprocessing.forkserver.ensure_running()
    if "pandas" not in sys.modules and importlib.util.find_spec("pandas") is not None:
        threading.Thread(target=importlib.import_module, args=("pandas",)).start()
