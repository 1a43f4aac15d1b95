"""One build at a time per content root: an advisory lock (fcntl.flock) on build/.bdp.lock.

The generated docs trees (build/docs, build/jury-docs), the staging folders and the swap of site/
and jury-site/ are shared state of a content root, so `bdp build` holds this lock from validation to
the swap. A second build waits for the first to finish (it does not fail): both then succeed, one
after the other. The kernel releases the lock when its process ends, also after kill -9, so a
crashed build never leaves a stale lock behind.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = Path("build") / ".bdp.lock"
WAITING = "czekam na zakończenie innego budowania…"
_held: dict[str, int] = {}  # lock files this process holds, with nesting depth (the CLI and build() both take it)


@contextmanager
def build_lock(root: Path, on_wait: Callable[[str], None] = lambda message: None) -> Iterator[None]:
    """Hold the content root's build lock; on_wait gets a Polish note when another build holds it.
    Re-entrant within one process (a nested call while the lock is held returns at once)."""
    path = (root / LOCK_FILE).resolve()
    key = str(path)
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait(f"{WAITING} (blokada {path})")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        _held[key] = 1
        yield
    finally:
        _held.pop(key, None)
        os.close(descriptor)  # closing releases the lock
