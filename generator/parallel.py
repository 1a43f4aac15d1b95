"""Every second process of bdp: the thresholds, the one pool and the one fork.

Processes are forked, so they inherit everything in memory and nothing is copied in; only results
come back (pickled). Two rules keep that safe:
- nothing forks from a process that runs other threads (a preview serves HTTP and maps links in
  threads; a fork would copy their locks in whatever state they are): `can_fork` is false there and
  the work runs in this process instead, with the same result;
- `beside` forks with os.fork and a pipe, without the helper threads of a ProcessPoolExecutor, so
  two pieces of work beside each other do not fork from a threaded process either. `pool_map`
  (a ProcessPoolExecutor) forks all its workers before its manager thread starts.

Who uses what:
- generator/build.py: the search index and open data, and the pages without the indicator layer,
  each `beside` (from BESIDE_FROM_RECORDS records);
- generator/check/validate.py: the indicator tables `beside` the records (from TABLES_BESIDE_FROM bytes);
- generator/content/tree.py: record files read by `pool_map` (from READ_POOL_FROM files, READ_POOL_CORES cores);
- generator/site/mkdocs_seam.py: pages converted by `pool_map` and the theme's templates rendered
  for every second page `beside` (from MKDOCS_PAGES_FROM pages);
- generator/site/trimcss.py: the built pages' class and id words read by `pool_map` (from MKDOCS_PAGES_FROM files);
- generator/site/zipwriter.py: `threads_in_order`, threads, not processes (zlib releases the GIL), deflate
  the entries of the archives of pobierz/; they are joined before the build goes on.
"""
from __future__ import annotations

import gc
import os
import pickle
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# records; below this a second process costs more than it saves (generator/build.py)
BESIDE_FROM_RECORDS = 2000
# bytes of indicator tables; below this reading them beside the records costs more than it saves
TABLES_BESIDE_FROM = 2 * 2**20
# record files; below this a process pool costs more than it saves (generator/content/tree.py)
READ_POOL_FROM = 600
# Workers parse in parallel, but this process must unpickle every record they send back: measured on
# 2 cores with 12,600 files, 4.7 s with two workers against 4.3 s in one process. From 4 cores on,
# the parsing split four ways outweighs it.
READ_POOL_CORES = 4
READ_POOL_MAX = 4  # workers of the record pool
# pages of a MkDocs build; below this a second process costs more than it saves (generator/site/mkdocs_seam.py)
MKDOCS_PAGES_FROM = 300


def cores() -> int:
    return os.cpu_count() or 1


# Threads that may run during a fork: the progress line's redraw (generator/progress.py) only writes
# to the terminal, which no forked child writes to (results come back through a pipe or a pool queue).
TOLERATED_THREADS = frozenset({"bdp-progress"})


def can_fork() -> bool:
    """True when this process may fork: the platform has fork and no other thread runs here."""
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and t.name not in TOLERATED_THREADS]
    return "fork" in get_all_start_methods() and threading.current_thread() is threading.main_thread() and not others


def pool_map(work: Callable[[T], R], items: Sequence[T], workers: int, chunksize: int = 1) -> list[R]:
    """[work(item) for item in items], in `workers` forked processes when this process may fork."""
    if workers < 2 or not can_fork():
        return [work(item) for item in items]
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        return list(pool.map(work, items, chunksize=chunksize))


def chunks(items: Sequence[T], size: int) -> list[Sequence[T]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def beside(work: Callable[[], T], worth_it: bool, freeze: bool = False) -> Callable[[], T]:
    """Start work() in a forked process while this one goes on; the returned function waits for its
    result (an exception raised in the child is raised again here). When it is not worth it, on one
    core, or when this process may not fork (can_fork), work() runs here, when the result is asked for.
    `freeze`: collect garbage first and keep the objects out of the child's collector, so that it
    copies fewer memory pages (worth a full collection before MkDocs' big heap, not before small work)."""
    if not worth_it or cores() < 2 or not can_fork():
        return work
    read, write = os.pipe()
    if freeze:
        gc.collect()
        gc.freeze()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child; never returns into the caller
        os.close(read)
        _child(work, write)
    if freeze:
        gc.unfreeze()
    os.close(write)

    def result() -> T:
        with os.fdopen(read, "rb") as stream:
            data = stream.read()
        _, status = os.waitpid(pid, 0)
        if not data:
            raise ChildProcessError(f"Proces pomocniczy zakończył się bez wyniku (status {status}).")
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]
    return result


def _child(work: Callable[[], Any], write: int) -> None:  # pragma: no cover - runs in the child
    status = 0
    try:
        try:
            payload = pickle.dumps((True, work()), pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:
            status = 1
            try:
                payload = pickle.dumps((False, exc), pickle.HIGHEST_PROTOCOL)
            except Exception:
                payload = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
        with os.fdopen(write, "wb") as stream:
            stream.write(payload)
    finally:
        os._exit(status)


def threads_in_order(work: Iterable[tuple[str, Callable[[], T]]], window: int) -> Iterator[tuple[str, T]]:
    """(name, job()) for every (name, job) in order, the jobs run by one thread per core at most
    `window` jobs ahead of the consumer. For work that releases the GIL (zlib); the threads are
    joined when the iteration ends, so nothing forks beside them."""
    with ThreadPoolExecutor(cores(), thread_name_prefix="bdp-thread") as pool:
        ahead: deque[tuple[str, Future[T]]] = deque()
        for name, job in work:
            ahead.append((name, pool.submit(job)))
            if len(ahead) >= window:
                done, future = ahead.popleft()
                yield done, future.result()
        while ahead:
            done, future = ahead.popleft()
            yield done, future.result()


def flatten(parts: Iterable[Iterable[T]]) -> list[T]:
    return [item for part in parts for item in part]
