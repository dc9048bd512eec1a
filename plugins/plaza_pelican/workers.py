"""Worker processes: the machine has few cores, and a build is many independent pieces.

Workers are forked, so they start with everything the parent has loaded and need no
pickling of the work itself; only results travel back, through files in a private
temporary folder. Where the OS cannot fork, everything runs in the parent.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import tempfile
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from plaza.problems import FileFailure, crashed

T = TypeVar("T")
R = TypeVar("R")

# Below this many pieces a fork costs more than it saves.
SMALLEST_SHARED_WORK = 64
MAX_DETAILS = 30_000  # of a traceback sent back through a pipe, which must not fill


def jobs(settings: dict[str, Any]) -> int:
    """Worker processes: PLAZA_JOBS, else one per core; 1 where fork is unavailable."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, int(os.environ.get("PLAZA_JOBS") or settings.get("PLAZA_JOBS") or
                      os.cpu_count() or 1))


def share_out(pieces: list[T], count: int) -> list[list[T]]:
    """Round-robin shares, so neighbouring (similar) pieces are spread evenly."""
    count = max(1, min(count, len(pieces)))  # one (empty) share when there is no work
    return [pieces[index::count] for index in range(count)]


def run_forked(work: Callable[[list[T], int], None], shares: list[list[T]],
               meanwhile: Callable[[], None] | None = None) -> None:
    """``work(share, index)`` in one forked process per share; fails if any did.
    ``meanwhile`` runs in the parent while the workers work.

    A worker's failure comes back as a ``FileFailure`` naming the file it was on (with
    its traceback as details), never as a traceback printed by the worker; if the parent
    is interrupted (the build's time limit), the workers are stopped too."""
    context = multiprocessing.get_context("fork")
    failures = context.SimpleQueue()
    workers = [context.Process(target=_guarded, args=(work, share, index, failures))
               for index, share in enumerate(shares)]
    for worker in workers:
        worker.start()
    try:
        if meanwhile is not None:
            meanwhile()
        for worker in workers:
            worker.join()
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.kill()
                worker.join()
    if any(worker.exitcode for worker in workers):
        path, message, details = (failures.get() if not failures.empty() else
                                  ("", "a worker process stopped unexpectedly", ""))
        raise FileFailure(path, message, details)


def _guarded(work: Callable[[list[T], int], None], share: list[T], index: int,
             failures: Any) -> None:
    try:
        work(share, index)
    except BaseException as error:  # noqa: BLE001 - handed to the parent, which reports it
        details = traceback.format_exc()[-MAX_DETAILS:]
        if isinstance(error, FileFailure):
            failures.put((error.path, error.message, error.details or details))
        else:
            failures.put(("", crashed(error), details))
        os._exit(1)  # no traceback printed by multiprocessing, no parent cleanup run twice


def mapper(count: int) -> Callable[[Callable[[T], R], Sequence[T]], list[R]]:
    """A ``map`` that shares long lists out to ``count`` forked workers, in order."""

    def forked_map(function: Callable[[T], R], pieces: Sequence[T]) -> list[R]:
        if count < 2 or len(pieces) < SMALLEST_SHARED_WORK:
            return [function(piece) for piece in pieces]
        folder = tempfile.mkdtemp(prefix="plaza-work-")
        try:
            def work(share: list[T], index: int) -> None:
                with open(os.path.join(folder, f"{index}.pickle"), "wb") as handle:
                    pickle.dump([function(piece) for piece in share], handle, protocol=5)

            shares = share_out(list(pieces), count)
            run_forked(work, shares)
            parts = []
            for index in range(len(shares)):
                with open(os.path.join(folder, f"{index}.pickle"), "rb") as handle:
                    parts.append(pickle.load(handle))  # noqa: S301 - our own workers
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        # Undo the round-robin: piece i is item i // count of share i % count.
        return [parts[index % len(parts)][index // len(parts)] for index in range(len(pieces))]

    return forked_map
