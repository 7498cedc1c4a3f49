"""Work on the second core: results and errors come back as if run here."""

from __future__ import annotations

import os
import threading
import time

import pytest

from generator.build import parallel


def test_the_result_comes_back_from_another_process() -> None:
    with parallel.started(lambda: (os.getpid(), b"x" * 5_000_000)) as pending:
        pid, data = pending.result()
    assert pid != os.getpid() and len(data) == 5_000_000


def test_an_error_in_the_work_is_raised_here() -> None:
    def fails() -> None:
        raise ValueError("bad plan value")

    with parallel.started(fails) as pending, pytest.raises(ValueError, match="bad plan value"):
        pending.result()


def test_a_process_that_dies_is_reported_not_waited_for() -> None:
    with parallel.started(lambda: os._exit(3)) as pending, pytest.raises(RuntimeError, match="exit code 3"):
        pending.result()


def test_with_another_thread_running_the_work_runs_here() -> None:
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # as the preview's HTTP server
    server.start()
    try:
        with parallel.started(os.getpid) as pending:
            assert pending.result() == os.getpid()
    finally:
        stop.set()
        server.join()


def test_work_left_behind_by_a_failure_is_stopped() -> None:
    started = time.monotonic()
    with pytest.raises(KeyError), parallel.started(lambda: time.sleep(60)) as pending:
        raise KeyError("the site build failed")
    assert pending._process is not None and not pending._process.is_alive()
    assert time.monotonic() - started < 30


def test_a_result_asked_twice_is_the_same_and_the_work_runs_once() -> None:
    """The build asks for the week's history twice (its page, its feed): read once."""
    runs: list[int] = []

    def work() -> int:
        runs.append(1)
        return os.getpid()

    with parallel.started(work) as pending:
        first, second = pending.result(), pending.result()
    assert first == second
    with parallel.started(work, worth_a_process=False) as here:
        assert here.result() == here.result() == os.getpid()
    assert runs == [1]  # here: once (the forked run counted in its own process)
