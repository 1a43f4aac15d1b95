"""Reading without the internet (issue 15, item 5): the service worker in headless Chromium over HTTP
(a localhost server that the test stops, with the browser context offline too), and its absence from
a copy opened from disk; the post-build stamping (generator/site/offline.py)."""
from __future__ import annotations

import functools
import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from browser import axe_violations
from test_search_parity import node

from generator.polish import plural
from generator.site.offline import MANIFEST_FILE, WORKER_FILE, add_offline, manifest

SCRIPT = Path(__file__).resolve().parent.parent / "generator" / "assets" / "offline" / "bdp-offline.js"
READY = 30_000


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


class Server:
    """The site over HTTP on localhost until stop() (the network going away)."""

    def __init__(self, folder: Path) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def served(bundled_site: Path, tmp_path: Path) -> Iterator[tuple[Server, Path]]:
    copy = tmp_path / "site"
    shutil.copytree(bundled_site, copy)
    server = Server(copy)
    yield server, copy
    server.stop()


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    opened = browser.new_context()
    opened.requests = []
    opened.on("request", lambda r: opened.requests.append(r.url))
    yield opened
    opened.close()


def state(page: Any) -> str:
    return str(page.evaluate("document.documentElement.getAttribute('data-bdp-offline')"))


def h1(page: Any) -> str:
    return str(page.inner_text("h1")).replace("¶", "").strip()


def test_visited_and_saved_pages_load_without_network_others_get_the_offline_page(served: tuple[Server, Path], context: Any) -> None:
    server, folder = served
    page = context.new_page()
    page.goto(server.base + "praktyki/index.html")
    page.wait_for_selector("html[data-bdp-offline=zapisana]", timeout=READY)
    visited = h1(page)
    organisations = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))["sections"]["organizacje"]
    pages = [p for p in organisations if p.endswith(".html")]
    page.goto(server.base + "organizacje/index.html")
    page.click(".bdp-offline button")
    page.wait_for_selector("html[data-bdp-offline=sekcja]", timeout=READY)
    status = page.inner_text(".bdp-offline [role=status]")
    assert status == f"Zapisano do czytania bez internetu {plural(len(pages), 'stronę', 'strony', 'stron')} z tej sekcji i wyszukiwarkę."
    assert axe_violations(page) == []
    unsaved = folder / "sektory" / "index.html"
    assert unsaved.is_file()
    other = next(p for p in pages if p != "organizacje/index.html")
    expected_other = subprocess.run(["grep", "-o", "<h1[^>]*>[^<]*", str(folder / other)], capture_output=True, text=True).stdout

    server.stop()  # the network is gone: the server is down and the browser is offline
    context.set_offline(True)
    page.goto(server.base + "praktyki/index.html")
    assert h1(page) == visited
    page.goto(server.base + other)  # never opened, saved with its section
    assert h1(page) and h1(page) in expected_other
    page.goto(server.base + "szukaj/index.html?q=plock")  # the search was saved with the section
    page.wait_for_selector("#bdp-search[data-state=ready]", timeout=READY)
    assert page.eval_on_selector_all("#search-results li a", "els => els.length") > 0
    page.goto(server.base + "sektory/index.html")  # neither visited nor saved
    assert h1(page) == "Ta strona nie jest zapisana do czytania bez internetu"
    assert page.evaluate("location.pathname") == "/sektory/index.html"  # the address stays: reload works once online
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"  # styles came from the cache
    assert axe_violations(page) == []
    assert [url for url in context.requests if not url.startswith(server.base)] == []


def test_a_new_build_removes_the_older_caches(served: tuple[Server, Path], context: Any) -> None:
    server, folder = served
    page = context.new_page()
    page.goto(server.base + "index.html")
    page.wait_for_selector("html[data-bdp-offline=zapisana]", timeout=READY)
    old = page.evaluate("caches.keys()")
    build = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))["build"]
    assert old and all(build in name for name in old)
    worker = folder / WORKER_FILE
    worker.write_text(worker.read_text(encoding="utf-8").replace(build, "0123456789abcdef"), encoding="utf-8")
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.wait_for_function("caches.keys().then(k => k.length > 0 && k.every(n => n.endsWith('0123456789abcdef')))", timeout=READY)
    page.wait_for_function("caches.keys().then(k => k.length === 1)", timeout=READY)  # only the new build's pages


def test_no_worker_from_disk(bundled_site: Path, context: Any) -> None:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((bundled_site / "praktyki" / "index.html").as_uri())
    page.wait_for_load_state("load")
    assert state(page) == "niedostepne"
    assert page.query_selector(".bdp-offline") is None  # no button where it cannot work
    assert errors == []
    assert [url for url in context.requests if not url.startswith("file://")] == []


def test_worker_is_stamped_with_a_build_id_from_the_content(bundled_site: Path, tmp_path: Path) -> None:
    worker = (bundled_site / WORKER_FILE).read_text(encoding="utf-8")
    listed = json.loads((bundled_site / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert "__BDP_BUILD__" not in worker and f'var BUILD = "{listed["build"]}";' in worker
    copy = tmp_path / "site"
    shutil.copytree(bundled_site, copy)
    assert add_offline(copy) == listed["build"]  # the same files: the same id, the same bytes
    assert (copy / WORKER_FILE).read_text(encoding="utf-8") == worker
    (copy / "praktyki" / "index.html").write_text("zmiana", encoding="utf-8")
    assert add_offline(copy) != listed["build"]
    assert "offline.html" in listed["sections"][""] and "szukaj/index.html" in listed["search"]
    assert "assets/search/index.js" in listed["assets"]
    sitemap = (bundled_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "offline.html" not in sitemap and "praktyki/index.html" in sitemap


def test_manifest_groups_files_by_section() -> None:
    found = manifest(["404.html", "assets/bdp.js", "assets/javascripts/lunr/x.js", "dane/csv/a.csv",
                      "praktyki/a.html", "praktyki/a/plik.png", "sitemap.xml", "szukaj/index.html"], "b")
    assert found == {"build": "b", "assets": ["assets/bdp.js"], "search": ["szukaj/index.html"],
                     "sections": {"": ["404.html"], "praktyki": ["praktyki/a.html", "praktyki/a/plik.png"],
                                  "szukaj": ["szukaj/index.html"]}}


RUNNER = """
const API = require(process.argv[2]);
const counts = JSON.parse(require('fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify({
  plural: counts.map(n => API.plural(n, "stronę", "strony", "stron")),
  section: [API.section("http://h/p/praktyki/a.html?x#y", "http://h/p/"), API.section("http://h/p/index.html", "http://h/p/")],
}));
"""


def test_script_plural_and_section_agree_with_python(tmp_path: Path) -> None:
    counts = [*range(0, 130), 1000, 1002, 1012, 1022]
    runner = tmp_path / "runner.js"
    runner.write_text(RUNNER, encoding="utf-8")
    done = subprocess.run([node(), str(runner), str(SCRIPT)], input=json.dumps(counts), capture_output=True,
                          text=True, timeout=120, check=True)
    result = json.loads(done.stdout)
    assert result["plural"] == [plural(n, "stronę", "strony", "stron") for n in counts]
    assert result["section"] == ["praktyki", ""]
