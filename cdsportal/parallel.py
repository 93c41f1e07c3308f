"""Run a function over index ranges in forked worker processes, or in the
background.

The work (``task``) and its inputs are set before the workers are forked, so
nothing big is pickled on the way in; only results come back. Small jobs run
in-process.
"""

from __future__ import annotations

import os
import pickle
from typing import Callable, TypeVar

R = TypeVar("R")
_TASK: Callable[[int, int], R] | None = None


def _run(bounds: tuple[int, int]):
    assert _TASK is not None
    return _TASK(*bounds)


def workers() -> int:
    """How many processes to use (``CDSPORTAL_JOBS`` overrides the CPU count)."""
    return max(1, int(os.environ.get("CDSPORTAL_JOBS", os.cpu_count() or 1)))


def _forking() -> bool:
    """Whether work goes to forked processes (more than one worker, and fork exists)."""
    return workers() > 1 and hasattr(os, "fork")


def map_ranges(task: Callable[[int, int], R], total: int, *, min_parallel: int = 400,
               chunks_per_worker: int = 4) -> list[R]:
    """``task(start, stop)`` over ``range(total)`` split in chunks; results in order."""
    global _TASK
    jobs = workers()
    if not _forking() or total < min_parallel:
        return [task(0, total)] if total else []
    size = max(1, -(-total // (jobs * chunks_per_worker)))
    bounds = [(start, min(total, start + size)) for start in range(0, total, size)]
    _TASK = task
    try:
        import multiprocessing  # loaded when workers are needed (not for a small rebuild)
        from concurrent.futures import ProcessPoolExecutor
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, bounds))
    finally:
        _TASK = None


def in_background(work: Callable[[], R]) -> Callable[[], R]:
    """Start ``work`` in a forked process; returns a function that waits for it
    and gives its result (pickled back through a pipe).

    Should the process fail, the work is done again in this one when the
    result is asked for, so that its error is reported here; with one worker,
    it is only done then.
    """
    if not _forking():
        return work
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, never return into the caller's code
        os.close(read_end)
        code = 1
        try:
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL))
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)

    def result() -> R:
        with os.fdopen(read_end, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        return pickle.loads(data) if status == 0 and data else work()
    return result
