"""Progress of the long steps of `bdp build` on stderr, so a long build is never silent.

Every step writes one line: its name when it starts, its count and time when it ends
("Sprawdzanie rekordów… 170 plików (0,66 s)"). On a terminal the line is also redrawn while the
step runs: a bar when the step's size is known (MkDocs: pages written of pages generated), else
the time so far. `bdp --quiet` passes no stream: nothing is written.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TextIO

BAR_WIDTH = 24
REDRAW_EVERY = 0.25  # seconds


def seconds(value: float) -> str:
    """A duration as written in Polish: decimal comma, "0,66 s"."""
    return f"{value:.2f}".replace(".", ",") + " s"


def bar(done: int, total: int, elapsed: float, width: int = BAR_WIDTH) -> str:
    """The live part of a terminal line: "[#######-----] 75/149 3 s", or only the time without a total."""
    if total <= 0:
        return f"{int(elapsed)} s"
    done = max(0, min(done, total))
    filled = width * done // total
    return f"[{'#' * filled}{'-' * (width - filled)}] {done}/{total} {int(elapsed)} s"


class Progress:
    """Writes the steps to `stream` (None: silent). Not thread-safe: one step at a time."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.live = bool(stream is not None and getattr(stream, "isatty", lambda: False)())
        self._label = ""
        self._started = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, label: str, total: int = 0, counter: Callable[[], int] | None = None) -> None:
        self._label, self._started = label, time.perf_counter()
        if self.stream is None:
            return
        if not self.live:
            self._write(f"{label}… ")
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._redraw, args=(label, total, counter), daemon=True,
                                        name="bdp-progress")  # generator/parallel.py may fork beside it
        self._thread.start()

    def finish(self, detail: str) -> None:
        label, self._label = self._label, ""
        if self.stream is None:
            return
        elapsed = seconds(time.perf_counter() - self._started)
        if not self.live:
            self._write(f"{detail} ({elapsed})\n")
            return
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._write(f"\r\033[K{label}… {detail} ({elapsed})\n")

    def abort(self) -> None:
        """Ends the line of a step that an exception cut short, so the error message starts on its own line."""
        if self._label and self.stream is not None:
            self.finish("przerwane")

    def _redraw(self, label: str, total: int, counter: Callable[[], int] | None) -> None:
        while not self._stop.wait(REDRAW_EVERY):
            try:
                done = counter() if counter else 0
            except OSError:  # the folder being counted was just swapped in
                done = 0
            self._write(f"\r\033[K{label}… {bar(done, total if counter else 0, time.perf_counter() - self._started)}")

    def _write(self, text: str) -> None:
        assert self.stream is not None
        self.stream.write(text)
        self.stream.flush()


SILENT = Progress(None)
