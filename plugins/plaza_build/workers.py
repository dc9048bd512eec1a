"""Worker processes: the machine has few cores, and a build is many independent pieces.

Invariant: what workers give back is exactly what running the same function on the same
pieces in this process would give, in the same order, whatever the number of workers;
a failure in a worker comes back as a ``FileFailure`` naming what it was on, with its
traceback as details, and no worker outlives the call.

Workers are forked, so they start with everything the parent has loaded and need no
pickling of the work itself; only results travel back, through a pipe per worker (never
through files in the output). Where the OS cannot fork, everything runs in the parent.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from plaza.model.problems import FileFailure, crashed

T = TypeVar("T")
R = TypeVar("R")

# Below this many pieces a fork costs more than it saves.
SMALLEST_SHARED_WORK = 64
MAX_DETAILS = 30_000  # of a traceback


def jobs(setting: object = None) -> int:
    """Worker processes: PLAZA_JOBS, else the setting, else one per core; 1 where fork
    is unavailable."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    chosen = os.environ.get("PLAZA_JOBS") or setting or os.cpu_count() or 1
    return max(1, int(chosen))  # type: ignore[call-overload]


def share_out(pieces: list[T], count: int) -> list[list[T]]:
    """Round-robin shares, so neighbouring (similar) pieces are spread evenly."""
    count = max(1, min(count, len(pieces)))  # one (empty) share when there is no work
    return [pieces[index::count] for index in range(count)]


def run_shares(work: Callable[[list[T]], R], shares: list[list[T]],
               meanwhile: Callable[[], None] | None = None) -> list[R]:
    """``work(share)`` for each share, in forked workers when there is more than one;
    the results in the order of the shares. ``meanwhile`` runs in the parent while the
    workers work."""
    if len(shares) <= 1:
        results = [work(share) for share in shares]
        if meanwhile is not None:
            meanwhile()
        return results
    context = multiprocessing.get_context("fork")
    workers, pipes = [], []
    # Everything made so far out of the collector's sight: a collection in a worker
    # would otherwise touch every object and copy the parent's memory page by page.
    frozen = gc.get_freeze_count()
    gc.freeze()
    try:
        for share in shares:
            receiving, sending = context.Pipe(duplex=False)
            worker = context.Process(target=_guarded, args=(work, share, sending))
            worker.start()
            sending.close()
            workers.append(worker)
            pipes.append(receiving)
        if meanwhile is not None:
            meanwhile()
        answers = _receive(pipes)
        for worker in workers:
            worker.join()
    finally:
        if not frozen:  # the caller's freeze is the caller's to undo
            gc.unfreeze()
        for worker in workers:
            if worker.is_alive():
                worker.kill()
                worker.join()
    for answer in answers:
        if answer[0] == "failed":
            raise FileFailure(*answer[1:])
    return [answer[1] for answer in answers]


def _receive(pipes: list[Connection]) -> list[Any]:
    """Every worker's answer, read as they come (a worker blocks until its answer is
    read, so reading them in order could wait on a full pipe)."""
    answers: dict[int, Any] = {}
    waiting = {pipe: index for index, pipe in enumerate(pipes)}
    while waiting:
        for ready in wait(list(waiting)):
            pipe = ready if isinstance(ready, Connection) else None
            assert pipe is not None
            index = waiting.pop(pipe)
            try:
                answers[index] = pickle.loads(pipe.recv_bytes())  # noqa: S301 - ours
            except EOFError:
                answers[index] = ("failed", "", "a worker process stopped unexpectedly", "")
            pipe.close()
    return [answers[index] for index in range(len(pipes))]


def _guarded(work: Callable[[list[T]], R], share: list[T], pipe: Connection) -> None:
    try:
        answer: tuple[Any, ...] = ("done", work(share))
    except BaseException as error:  # noqa: BLE001 - handed to the parent, which reports it
        details = traceback.format_exc()[-MAX_DETAILS:]
        if isinstance(error, FileFailure):
            answer = ("failed", error.path, error.message, error.details or details)
        else:
            answer = ("failed", "", crashed(error), details)
    pipe.send_bytes(pickle.dumps(answer, protocol=5))
    pipe.close()
    os._exit(0)  # no parent cleanup run twice, no traceback printed by multiprocessing


def forked_map(function: Callable[[T], R], pieces: Sequence[T], count: int) -> list[R]:
    """``[function(p) for p in pieces]``, shared out to ``count`` forked workers when the
    list is long enough to be worth it."""
    if count < 2 or len(pieces) < SMALLEST_SHARED_WORK:
        return [function(piece) for piece in pieces]
    shares = share_out(list(pieces), count)
    parts = run_shares(lambda share: [function(piece) for piece in share], shares)
    # Undo the round-robin: piece i is item i // count of share i % count.
    return [parts[index % len(parts)][index // len(parts)] for index in range(len(pieces))]
