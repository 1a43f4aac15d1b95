"""Watching the content root for edits: a snapshot of file stamps, the files changed between two, and
a watcher (watchdog; polling where the system cannot report changes) that groups the events of one edit.
"""
from __future__ import annotations

import contextlib
import os
import queue
import sys
from pathlib import Path

from watchdog import events
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

from generator.content.recordtypes import ALL_TYPES


def content_folders(root: Path) -> list[Path]:
    """The folders records are read from (registry/jst, practices …), existing or not."""
    return [root / folder for folder in sorted({t.folder.split("/*")[0] for t in ALL_TYPES})]


def _stamps(base: Path, top: Path) -> dict[str, tuple[int, int]]:
    """Time and size of every content file under `top` (a folder inside the content folder `base`, or
    `base` itself); hidden files (an editor's swap files) are left out, as the build leaves them out."""
    stamps: dict[str, tuple[int, int]] = {}
    if top.is_dir():
        for path in top.rglob("*"):
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(base).parts):
                info = path.stat()
                stamps[str(path)] = (info.st_mtime_ns, info.st_size)
    return stamps


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Time and size of every content file (hidden files left out)."""
    stamps: dict[str, tuple[int, int]] = {}
    for base in content_folders(root):
        stamps.update(_stamps(base, base))
    return stamps


def refresh(root: Path, seen: dict[str, tuple[int, int]], touched: set[str]) -> tuple[set[str], dict[str, tuple[int, int]]]:
    """The files among `touched` (paths the operating system reported: files or whole folders) whose
    time or size differs from `seen`, and the updated stamps. Only the touched paths are read again, so
    a file that came and went between two looks (an editor's backup) counts as no change."""
    bases = content_folders(root)
    now = dict(seen)
    for raw in sorted(touched):
        path = Path(raw)
        base = next((b for b in bases if path == b or path.is_relative_to(b)), None)
        if base is None:
            if not any(b.is_relative_to(path) for b in bases):
                continue  # outside the content (build/, site/, .git …)
            scopes = [b for b in bases if b.is_relative_to(path)]  # a parent of content folders moved or removed
        else:
            scopes = [base]
        for scope_base in scopes:
            top = path if base is not None else scope_base
            prefix = str(top) + os.sep
            for key in [k for k in now if k == str(top) or k.startswith(prefix)]:
                del now[key]
            now.update(_stamps(scope_base, top) if top.is_dir() else _one(scope_base, top))
    return changed_files(seen, now), now


def _one(base: Path, path: Path) -> dict[str, tuple[int, int]]:
    if any(part.startswith(".") for part in path.relative_to(base).parts):
        return {}
    try:
        info = path.stat()
    except OSError:
        return {}  # removed again (or never a file we can read)
    return {str(path): (info.st_mtime_ns, info.st_size)} if path.is_file() else {}



def changed_files(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    """Files added, removed or modified between two snapshots."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


# Changes reported within this many seconds of each other are one edit (an editor's save, a git checkout).
QUIET_SECONDS = 0.2
# Where the operating system cannot report changes (no inotify watches left), files are looked at this often.
POLL_SECONDS = 1.0


class ContentWatcher:
    """Tells the preview which content files changed, as the operating system reports them (watchdog:
    inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), so an idle preview does
    no work: reading the time of 12,552 files twice a second kept half a core busy (measured).

    Every content folder is watched with what is inside it; the content root and the folders above
    the content folders only for a content folder that appears, goes away or is renamed. `wait`
    returns the changed files exactly as comparing two snapshots would (see `refresh`).
    """

    def __init__(self, root: Path, seen: dict[str, tuple[int, int]]) -> None:
        self.root, self.seen = root, seen
        self.events: queue.Queue[str] = queue.Queue()
        self.handler = _Handler(self.events)
        self.observer: BaseObserver = Observer()
        self.watches: dict[Path, ObservedWatch] = {}

    def __enter__(self) -> ContentWatcher:
        try:
            self._start()
        except OSError as exc:  # e.g. the limit of inotify watches reached
            self.observer.stop()
            print(f"Uwaga: system nie pozwala obserwować plików treści ({exc.strerror or exc}); "
                  f"podgląd sprawdza je co {POLL_SECONDS:g} s.", file=sys.stderr)
            self.observer, self.watches = PollingObserver(timeout=POLL_SECONDS), {}
            self._start()
        return self

    def _start(self) -> None:
        for folder in {self.root} | {parent for base in content_folders(self.root) for parent in base.parents
                                     if parent.is_relative_to(self.root)}:
            if folder.is_dir():
                self.observer.schedule(self.handler, str(folder), recursive=False, event_filter=_EVENTS)
        self._watch_content()
        self.observer.start()

    def __exit__(self, *exc: object) -> None:
        self.observer.stop()
        self.observer.join()

    def _watch_content(self) -> set[str]:
        """Watch content folders that exist now, stop watching those that went away; the new ones."""
        new: set[str] = set()
        for base in content_folders(self.root):
            if base.is_dir() and base not in self.watches:
                self.watches[base] = self.observer.schedule(self.handler, str(base), recursive=True, event_filter=_EVENTS)
                new.add(str(base))
            elif not base.is_dir() and base in self.watches:
                with contextlib.suppress(KeyError):  # its watch may have ended with the folder
                    self.observer.unschedule(self.watches.pop(base))
        return new

    def wait(self, timeout: float = 1.0) -> set[str]:
        """Changed content files (absolute paths) once an edit is over; empty after `timeout` seconds
        without any change (the caller may then check anything else and wait again)."""
        try:
            touched = {self.events.get(timeout=timeout)}
        except queue.Empty:
            return set()
        while True:  # until the edit is over
            try:
                touched.add(self.events.get(timeout=QUIET_SECONDS))
            except queue.Empty:
                break
        touched |= self._watch_content()
        changed, self.seen = refresh(self.root, self.seen, touched)
        return changed


# What changes a file; opening and reading one (the build does it to every file) is no event.
_EVENTS: list[type[events.FileSystemEvent]] = [
    getattr(events, name) for name in (
        "FileCreatedEvent", "FileDeletedEvent", "FileModifiedEvent", "FileMovedEvent", "FileClosedEvent",
        "FileAttribEvent", "DirCreatedEvent", "DirDeletedEvent", "DirMovedEvent")
    if hasattr(events, name)]  # FileAttribEvent (a `touch`): newer watchdog; older ones report it as modified


class _Handler(events.FileSystemEventHandler):
    """Puts every path an event names (both for a move) in the queue."""

    def __init__(self, queued: queue.Queue[str]) -> None:
        self.events = queued

    def dispatch(self, event: events.FileSystemEvent) -> None:
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                self.events.put(os.fsdecode(raw))
