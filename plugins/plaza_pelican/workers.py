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
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many pieces a fork costs more than it saves.
SMALLEST_SHARED_WORK = 64


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
    ``meanwhile`` runs in the parent while the workers work."""
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=work, args=(share, index))
               for index, share in enumerate(shares)]
    for worker in workers:
        worker.start()
    if meanwhile is not None:
        meanwhile()
    for worker in workers:
        worker.join()
    failed = [share for worker, share in zip(workers, shares, strict=True) if worker.exitcode]
    if failed:
        raise RuntimeError(f"a worker process failed on {failed}; see the error above")


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
