"""`bdp serve`: build, serve site/ on localhost, rebuild when a content file changes."""
from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

from generator.build import build
from generator.recordtypes import ALL_TYPES


def _snapshot(root: Path) -> dict[str, float]:
    stamps: dict[str, float] = {}
    for rtype in ALL_TYPES:
        folder = root / rtype.folder
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    stamps[str(path)] = path.stat().st_mtime
    return stamps


def _report(root: Path) -> None:
    report = build(root)
    for line in report.messages:
        print(line)
    for problem in report.problems:
        print(f"{problem.path}:{problem.line}: {problem.message} [{problem.rule}]")


def serve(root: Path, port: int) -> int:
    _report(root)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Strona: http://127.0.0.1:{port}/index.html (Ctrl+C kończy)")
    seen = _snapshot(root)
    try:
        while True:
            time.sleep(1)
            now = _snapshot(root)
            if now != seen:
                seen = now
                print("Zmiana w treści — przebudowuję…")
                _report(root)
    finally:
        server.shutdown()
