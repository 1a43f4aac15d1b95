"""Work run beside this process in a forked one: it inherits everything in memory, nothing is copied
in; only its result comes back (pickled). The build's workers and the validation's table reader use it."""
from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from typing import Any, TypeVar

T = TypeVar("T")
_work: Callable[[], Any] | None = None


def _run() -> Any:
    assert _work is not None
    return _work()


def beside(work: Callable[[], T], worth_it: bool) -> Callable[[], T]:
    """Start work() in a forked process while this one goes on; the returned function waits for its
    result. When it is not worth it (small input), on one core or without fork, work() runs here,
    when the result is asked for."""
    global _work
    if not worth_it or (os.cpu_count() or 1) < 2 or "fork" not in get_all_start_methods():
        return work
    _work = work
    pool = ProcessPoolExecutor(1, mp_context=get_context("fork"))
    future = pool.submit(_run)  # the worker is forked here and has its copy of _work
    _work = None

    def result() -> T:
        try:
            return future.result()
        finally:
            pool.shutdown()
    return result
