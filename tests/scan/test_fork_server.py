"""The local engine's fork server, started before a scan imports its engine."""

from __future__ import annotations

import multiprocessing.forkserver
import os
from concurrent.futures import ProcessPoolExecutor

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
