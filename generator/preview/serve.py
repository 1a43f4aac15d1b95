"""`bdp serve`: a preview that rebuilds only what an edit affects.

An edit of practice files (the common case: thousands of them), organisations or sources takes the quick path: the edited
files are read and checked again (schema, and the cross-record rules that concern them), the pages,
charts, search documents and open data the edit can change are generated again
(generator/preview/incremental.py), and MkDocs builds only the pages whose text changed, with the
configuration, navigation and theme kept from the last build. The search index is rebuilt from
every document each time, so it is always complete — unlike `mkdocs build --dirty` with a search
plugin.

Anything else (a new, removed or renamed file, another kind of record, an error in the edit) takes
the full path: every record validated (those unchanged since the last reading are kept in memory,
keyed by a hash of the file's content), the generator rewrites only pages whose text changed, and MkDocs
renders in "dirty" mode only those pages.
"""
from __future__ import annotations

import functools
import http.server
import threading
import time
from pathlib import Path

from generator.build import Generated, generate
from generator.check.validate import edited_problems, reread
from generator.content.settings import load_settings
from generator.content.tree import Cache
from generator.preview.incremental import (
    QUICK_TYPES,
    LinkMap,
    Update,
    affected_pages,
    replace_records,
    update_exports,
    update_pages,
)
from generator.preview.watch import (
    ContentWatcher,
    snapshot,
)
from generator.problems import Problem
from generator.site.mkdocs_seam import build_site, rebuild_pages
from generator.site.output import write_files
from generator.site.pages import KeptSite, MkDocsResult

# Above this many record pages to render again, the quick path (one process) is slower than the full one
# (measured at 10,000 practices: an organisation named by 540 practices 3.1 s, a source cited by every
# record 67 s against 60 s for the full path).
QUICK_PAGES_LIMIT = 2000

def _line(problem: Problem) -> str:
    return f"{problem.path}:{problem.line}: {problem.message} [{problem.rule}]"


class Preview:
    """Rebuilds the preview site of one content tree; keeps what it can between rebuilds."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.docs = root / "build" / "preview-docs"
        self.site = root / "build" / "preview-site"
        self.cache: Cache = {}
        self.built_once = False
        self.generated: Generated | None = None
        self.links: LinkMap | None = None
        self.kept: KeptSite | None = None
        self.quick_used = False  # whether the last rebuild took the quick path
        self._mapping: threading.Thread | None = None
        self.pages_shown_after = 0.0  # seconds until its pages were written (search and open data follow)
        self.version = 0  # grows when rebuilt pages are in place: open pages reload (see PreviewHandler)

    def rebuild(self, changed: set[str] | None = None) -> tuple[bool, float, list[str]]:
        """Rebuild after the files in `changed` (absolute paths) changed; None: anything may have."""
        started = time.perf_counter()
        quick = self._quick(changed) if changed else None
        self.quick_used = quick is not None
        if quick is not None:
            return quick[0], time.perf_counter() - started, quick[1]
        ok, lines = self._full()
        return ok, time.perf_counter() - started, lines

    def output_lost(self) -> bool:
        """Whether the preview's output was removed under it (e.g. `rm -rf build/`) after a build."""
        return self.built_once and not ((self.site / "index.html").is_file() and self.docs.is_dir())

    def rebuild_lost(self) -> tuple[bool, float, list[str]] | None:
        """A full rebuild from scratch when the output was removed; None when it is in place.
        Nothing kept from the removed output is trusted: the next MkDocs run is a clean one."""
        if not self.output_lost():
            return None
        self.built_once = False
        self.generated, self.links, self.kept = None, None, None
        ok, seconds, lines = self.rebuild()
        return ok, seconds, [f"Katalog podglądu {self.site} został usunięty — zbudowano go od nowa.", *lines]

    def _full(self) -> tuple[bool, list[str]]:
        if self._mapping is not None:
            self._mapping.join()
        report = generate(self.root, self.docs, self.cache, keep=True)
        lines = [_line(p) for p in report.problems]
        self.generated, self.links, self.kept = None, None, None
        if not report.ok:
            return False, [*lines, "Podgląd nie został zmieniony: popraw błędy."]
        result = build_site(self.docs, self.site, epoch=report.epoch, dirty=self.built_once, keep=True,
                            publisher=load_settings(self.root).publisher, root=self.root)
        self.built_once = self.built_once or result.ok
        if result.ok:
            self.version += 1
            self.generated, self.kept = report.generated, result.state
            # the map of links between pages, for the first edit, while the editor looks at the preview
            self._mapping = threading.Thread(target=self._map_links, args=(report.generated,), daemon=True)
            self._mapping.start()
        return result.ok, lines + report.messages + result.warnings + ([result.error] if result.error else [])

    def _quick(self, changed: set[str]) -> tuple[bool, list[str]] | None:
        """The quick path for edited records of QUICK_TYPES; None when the change needs the full path."""
        started = time.perf_counter()
        if self.generated is None or self.kept is None:
            return None
        by_path = {r.path: r for r in self.generated.records}
        rels = [Path(p).relative_to(self.root).as_posix() for p in sorted(changed) if Path(p).is_relative_to(self.root)]
        if len(rels) != len(changed) or not all(by_path.get(rel) is not None and by_path[rel].type.name in QUICK_TYPES for rel in rels):
            return None
        edits, problems = [], []
        for rel in rels:
            new, found = reread(self.root, by_path[rel])
            problems += found
            if new is None:
                return None
            edits.append((by_path[rel], new))
        replaced = {id(old): new for old, new in edits}
        records = [replaced.get(id(r), r) for r in self.generated.records]
        problems += edited_problems(records, [new for _, new in edits])
        if any(p.severity == "error" for p in problems):
            return None  # the full path reports every error and keeps the preview as it was
        if self._mapping is not None:
            self._mapping.join()
        if self.links is None:
            self.links = LinkMap.of(self.generated.pages)
        reach, _ = affected_pages(replace_records(self.generated.model, edits), edits, self.links)
        if len(reach) > QUICK_PAGES_LIMIT:
            return None  # e.g. a source every record cites: the full path renders on both cores
        known = set(self.generated.files)
        first = update_pages(self.generated, edits, self.root, self.links)
        if {r for r in first.changed if r.endswith(".md")} - known or any(r.endswith(".md") for r in first.removed):
            return None  # a sector page appeared or went away: MkDocs needs its whole file list again
        shown = self._publish(first, known)
        self.pages_shown_after = time.perf_counter() - started
        self.version += shown.ok
        second = update_exports(self.generated, edits, self.root, self.links)
        if {r for r in second.changed if r.endswith(".md")} - known:
            return None  # a map page of a sector new to the map: MkDocs needs its whole file list again
        result = self._publish(second, known) if shown.ok else shown
        lines = [_line(p) for p in problems]
        if not result.ok:
            self.generated, self.links, self.kept = None, None, None  # the next rebuild is a full one
            return False, lines + result.warnings + ([result.error] if result.error else [])
        pages = {r for update in (first, second) for r in update.changed if r.endswith(".md")}
        return True, [*lines, f"Szybka przebudowa: zmienione rekordy {len(edits)}, przebudowane strony {len(pages)} " f"(widoczne po {self.pages_shown_after:.1f} s), wyszukiwarka i dane otwarte uzupełnione."]

    def _map_links(self, generated: Generated) -> None:
        self.links = LinkMap.of(generated.pages)

    def _write(self, update: Update) -> None:
        """The update's files into the docs tree; files MkDocs would only copy go to the site too."""
        write_files(self.docs, update.changed, existing=set())
        write_files(self.site, {rel: self.docs / rel for rel in update.changed if not rel.endswith(".md")}, existing=set())
        for rel in update.removed:
            for base in (self.docs, self.site):
                (base / rel).unlink(missing_ok=True)

    def _publish(self, update: Update, known: set[str]) -> MkDocsResult:
        assert self.kept is not None
        self._write(update)
        pages = sorted(r for r in update.changed if r.endswith(".md"))
        return rebuild_pages(self.kept, pages, added=sorted(set(update.changed) - known - set(pages)), removed=sorted(update.removed))


VERSION_PATH = "/__bdp/wersja"
# Added to every page the preview serves (never to the built site): the page reloads itself once the
# preview has rebuilt after an edit.
# The page knows the build it was served from ({version}), so an edit made before its first poll counts too.
RELOAD_SCRIPT = ('<script>(function(){var shown="{version}";setInterval(function(){fetch("' + VERSION_PATH + '",{cache:"no-store"})'
                 '.then(function(r){return r.text();}).then(function(v){if(v!==shown){shown=v;location.reload();}})'
                 '.catch(function(){});},1000);})();</script>')


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the preview site; pages get RELOAD_SCRIPT, VERSION_PATH answers the build number."""

    preview: Preview

    def do_GET(self) -> None:
        if self.path.split("?")[0] == VERSION_PATH:
            self._send(str(self.preview.version).encode(), "text/plain; charset=utf-8")
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            page = path.read_text(encoding="utf-8")
            at = page.rfind("</body>")
            script = RELOAD_SCRIPT.replace("{version}", str(self.preview.version))
            page = page[:at] + script + page[at:] if at >= 0 else page + script
            self._send(page.encode("utf-8"), "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows the rebuilds, not every request


def start_server(preview: Preview, port: int) -> http.server.ThreadingHTTPServer:
    """The preview's web server on 127.0.0.1, serving in a background thread."""
    handler = type("Handler", (PreviewHandler,), {"preview": preview})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(preview.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def serve(root: Path, port: int) -> int:
    root = root.resolve()  # the paths the operating system reports are absolute
    preview = Preview(root)
    ok, seconds, lines = preview.rebuild()
    print("\n".join(lines))
    print(f"Zbudowano podgląd w {seconds:.1f} s.")
    server = start_server(preview, port)
    print(f"Podgląd: http://127.0.0.1:{port}/index.html (Ctrl+C kończy; strona odświeża się sama po każdej przebudowie)")
    try:
        with ContentWatcher(root, snapshot(root)) as watcher:
            while True:
                changed = watcher.wait()  # at most a second: then build/ is checked as well
                lost = preview.rebuild_lost()
                if lost is not None:
                    print("\n".join(lost[2]))
                    print(f"Przebudowano podgląd w {lost[1]:.1f} s." if lost[0] else "Przebudowa nieudana.")
                if changed:
                    ok, seconds, lines = preview.rebuild(changed)
                    print("\n".join(lines))
                    print(f"Przebudowano po zmianie w {seconds:.1f} s." if ok else "Przebudowa nieudana.")
    except KeyboardInterrupt:
        print("Zakończono podgląd.")
    finally:
        server.shutdown()
    return 0
