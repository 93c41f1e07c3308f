"""Run a function over index ranges in forked worker processes, or in the
background.

The work (``task``) and its inputs are set before the workers are forked, so
nothing big is pickled on the way in; only results come back. Small jobs run
in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, TypeVar

R = TypeVar("R")
_TASK: Callable[[int, int], R] | None = None


def _run(bounds: tuple[int, int]):
    assert _TASK is not None
    return _TASK(*bounds)


def workers() -> int:
    """How many processes to use (``CDSPORTAL_JOBS`` overrides the CPU count)."""
    return max(1, int(os.environ.get("CDSPORTAL_JOBS", os.cpu_count() or 1)))


def map_ranges(task: Callable[[int, int], R], total: int, *, min_parallel: int = 400,
               chunks_per_worker: int = 4) -> list[R]:
    """``task(start, stop)`` over ``range(total)`` split in chunks; results in order."""
    global _TASK
    jobs = workers()
    if jobs == 1 or total < min_parallel or "fork" not in multiprocessing.get_all_start_methods():
        return [task(0, total)] if total else []
    size = max(1, -(-total // (jobs * chunks_per_worker)))
    bounds = [(start, min(total, start + size)) for start in range(0, total, size)]
    _TASK = task
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_run, bounds))
    finally:
        _TASK = None


def in_background(work: Callable[[], object]) -> Callable[[], None]:
    """Start ``work`` in a forked process; returns a function that waits for it.

    For work that leaves files the main process needs later and would make
    itself (reporting any error) if they are not there: a failure here only
    costs the time. With one worker, nothing is started.
    """
    if workers() == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return lambda: None
    pid = os.fork()
    if pid == 0:  # the child: do the work, never return into the caller's code
        code = 1
        try:
            work()
            code = 0
        finally:
            os._exit(code)
    return lambda: os.waitpid(pid, 0) and None
