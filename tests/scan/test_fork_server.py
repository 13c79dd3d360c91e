"""The local engine's fork server, started before a scan imports its engine."""

from __future__ import annotations

import multiprocessing.forkserver
import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from retold._charclass import char_tables_built
from retold.engines.fork_server import start_fork_server, worker_context


def _server_pid() -> int | None:
    return multiprocessing.forkserver._forkserver._forkserver_pid  # type: ignore[attr-defined]


def test_workers_are_forked_from_the_server_started_early() -> None:
    start_fork_server()
    server = _server_pid()
    assert server is not None
    start_fork_server()  # already running: the same server, not a second one
    assert _server_pid() == server
    with ProcessPoolExecutor(2, mp_context=worker_context()) as pool:
        parents = set(pool.map(_parent, range(4)))
    assert parents == {server}


def _parent(_: int) -> int:
    return os.getppid()


def test_workers_start_with_the_tokenizer_tables_built() -> None:
    """Built once in the server (``retold.engines.worker_preload``), not again in each worker
    of each stage; the driver itself has not built them."""
    start_fork_server()
    with ProcessPoolExecutor(1, mp_context=worker_context()) as pool:
        built_in_worker = pool.submit(char_tables_built).result()
    assert built_in_worker
    script = (
        "from retold.engines.fork_server import start_fork_server\n"
        "from retold._charclass import char_tables_built\n"
        "start_fork_server()\n"
        "print(char_tables_built())\n"
    )
    done = _python(script)
    assert done.stdout.strip() == "False", done.stderr


def test_the_driver_imports_pandas_beside_the_scan() -> None:
    """pyarrow imports pandas (where installed) the first time a process builds an array; the
    driver starts that import in a thread with the fork server, and the process waits for it
    at exit rather than stop half-way through it."""
    pytest.importorskip("pandas")
    script = (
        "import sys, threading\n"
        "from retold.engines.fork_server import start_fork_server\n"
        "assert 'pandas' not in sys.modules\n"
        "start_fork_server()\n"
        "[importer] = [t for t in threading.enumerate() if t is not threading.main_thread()]\n"
        "assert not importer.daemon\n"
        "importer.join(120)\n"
        "print(sys.modules['pandas'].__name__)\n"
    )
    done = _python(script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "pandas"


def _python(script: str) -> subprocess.CompletedProcess[str]:
    """``script`` run by a fresh interpreter: nothing of this test process (its fork server,
    its imports) carried over."""
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=180
    )
