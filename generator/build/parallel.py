"""One piece of work beside another, on a second core.

MkDocs renders the pages on one core; the calendars and feeds need nothing
of it, so they are rendered meanwhile in a forked process that hands back
its result. Forking copies the plan as it is in memory (it is never pickled);
only the finished outputs travel back. Where forking is not safe (another
thread is running, as in the preview's server, or the platform has no fork)
the work simply runs in this process when its result is asked for.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# Below this many entry pages a second MkDocs run costs more than it saves.
SPLIT_FROM = 200


@dataclass(frozen=True, slots=True)
class Cores:
    """What one build does on the second core, decided once (`decide`)."""

    files_beside_site: bool  # calendars, feeds and schema rendered while the site builds
    split_entry_pages: bool  # half of the entry pages rendered on the other core
    two_mkdocs_runs: bool  # half of the entry pages built by a second MkDocs run
    history_beside_pages: bool = False  # the plan's past read from git (and checked) while pages render


def decide(entry_pages: int, preview: bool) -> Cores:
    """The preview renders on one core: its page cache must see every page,
    and its next builds (dirty ones) redo a page or two."""
    fork = can_fork()
    return Cores(
        files_beside_site=fork,
        split_entry_pages=fork and not preview,
        two_mkdocs_runs=fork and not preview and entry_pages >= SPLIT_FROM,
        history_beside_pages=fork and not preview,
    )


class Pending(Generic[T]):
    """The result of work started by `started`; `result()` waits for it."""

    def __init__(self, work: Callable[[], T], worth_a_process: bool = True) -> None:
        self._work = work
        self._done = False
        self._value: T
        self._process: multiprocessing.process.BaseProcess | None = None
        if worth_a_process and can_fork():
            context = multiprocessing.get_context("fork")
            self._reader, writer = context.Pipe(duplex=False)
            self._process = context.Process(target=_send, args=(work, writer), daemon=True)
            self._process.start()
            writer.close()

    def result(self) -> T:
        """The work's result; asked again, the same result (the work runs once)."""
        if not self._done:
            self._value = self._take()
            self._done = True
        return self._value

    def _take(self) -> T:
        if self._process is None:
            return self._work()
        try:
            succeeded, value = self._reader.recv()
        except EOFError:
            self._process.join()
            raise RuntimeError(f"the background build stopped (exit code {self._process.exitcode})") from None
        self._process.join()
        if succeeded:
            return value
        raise value

    def stop(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()


@contextmanager
def started(work: Callable[[], T], worth_a_process: bool = True) -> Iterator[Pending[T]]:
    """Starts `work` on another core; it is stopped if the block is left before its result is taken."""
    pending = Pending(work, worth_a_process)
    try:
        yield pending
    finally:
        pending.stop()


def can_fork() -> bool:
    """Whether work can go to another process here (else it runs in this one)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _send(work: Callable[[], T], writer: multiprocessing.connection.Connection) -> None:
    try:
        outcome: tuple[bool, object] = (True, work())
    except BaseException as error:  # handed to the parent, which raises it
        outcome = (False, error)
    try:
        writer.send(outcome)
    except Exception as error:  # an exception that cannot be pickled
        writer.send((False, RuntimeError(f"{type(error).__name__}: {outcome[1]!r}")))
    finally:
        writer.close()
