"""`bdp serve`: a preview that rebuilds only what an edit affects.

The records read are kept in memory (keyed by file time and size), the generator rewrites only
pages whose text changed (write_tree keeps the others untouched), and MkDocs renders in "dirty"
mode only those pages. The search index and every list page are generated files like any other,
so they are always complete — unlike `mkdocs build --dirty` with a search plugin.
"""
from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

from generator.build import generate
from generator.mkdocs_run import build_site
from generator.recordtypes import ALL_TYPES
from generator.tree import Cache


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    stamps: dict[str, tuple[int, int]] = {}
    for folder in sorted({t.folder.split("/*")[0] for t in ALL_TYPES}):
        base = root / folder
        if base.is_dir():
            for path in base.rglob("*"):
                if path.is_file():
                    info = path.stat()
                    stamps[str(path)] = (info.st_mtime_ns, info.st_size)
    return stamps


class Preview:
    """Rebuilds the preview site of one content tree; keeps what it can between rebuilds."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.docs = root / "build" / "preview-docs"
        self.site = root / "build" / "preview-site"
        self.cache: Cache = {}
        self.built_once = False

    def rebuild(self) -> tuple[bool, float, list[str]]:
        started = time.perf_counter()
        report = generate(self.root, self.docs, self.cache)
        lines = [f"{p.path}:{p.line}: {p.message} [{p.rule}]" for p in report.problems]
        if not report.ok:
            return False, time.perf_counter() - started, lines + ["Podgląd nie został zmieniony: popraw błędy."]
        result = build_site(self.docs, self.site, epoch=report.epoch, dirty=self.built_once)
        self.built_once = self.built_once or result.ok
        return result.ok, time.perf_counter() - started, lines + report.messages + result.warnings + ([result.error] if result.error else [])


def serve(root: Path, port: int) -> int:
    preview = Preview(root)
    ok, seconds, lines = preview.rebuild()
    print("\n".join(lines))
    print(f"Zbudowano podgląd w {seconds:.1f} s.")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(preview.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"Podgląd: http://127.0.0.1:{port}/index.html (Ctrl+C kończy)")
    seen = snapshot(root)
    try:
        while True:
            time.sleep(0.5)
            now = snapshot(root)
            if now != seen:
                seen = now
                ok, seconds, lines = preview.rebuild()
                print("\n".join(lines))
                print(f"Przebudowano po zmianie w {seconds:.1f} s." if ok else "Przebudowa nieudana.")
    finally:
        server.shutdown()
    return 0
