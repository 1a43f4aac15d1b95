"""Addresses judged as browsers parse them (WHATWG URL, ada-url): forms a browser reads as another
host never pass the "local images only" filter, and a built page opened in Chromium requests
nothing outside the file system or localhost."""
from __future__ import annotations

import functools
import html
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from generator.build import build
from generator.check.urls import stays_on_site
from generator.render.markup import is_relative
from generator.render.sanitize import sanitize

# Each of these is read by a browser as an address on another host (or another scheme).
BYPASSES = [
    "//evil.example/a.png", "\\\\evil.example/a.png", "/\\evil.example/a.png", "\\/evil.example/a.png",
    "/\t/evil.example/a.png", "/\n/evil.example/a.png", "/\r\n/evil.example/a.png", "\t//evil.example/a.png",
    "http:evil.example/a.png", "https:evil.example/a.png", "HTTP://evil.example/a.png", "hTTps://evil.example/a.png",
    "  //evil.example/a.png", "\x01//evil.example/a.png", "\x1f\\\\evil.example/a.png", "h\tttp://evil.example/a.png",
    "data:image/png;base64,iVBORw0KGgo=", "javascript:alert(1)", "file:///etc/passwd", "ftp://evil.example/a.png",
    "http://127.0.0.1.evil.example/a.png", "//evil.example%2f@x/a.png",
]
LOCAL = ["a.png", "obrazy/a.png", "../a.png", "./a.png", "#kotwica", "?x=1", "a%20b.png", "przyklad-z-zalacznikiem/plan.png"]


@pytest.mark.parametrize("value", BYPASSES)
def test_other_hosts_are_not_on_site(value: str) -> None:
    assert not stays_on_site(value)
    assert sanitize(f'<p><img src="{value}" alt="x"></p>') == '<p><img alt="x"></p>'


@pytest.mark.parametrize("value", [*BYPASSES[1:8], "http:evil.example/a.html"])
def test_such_links_are_not_checked_as_pages_of_the_site(value: str) -> None:
    assert not is_relative(value)


@pytest.mark.parametrize("value", LOCAL)
def test_relative_addresses_stay(value: str) -> None:
    assert stays_on_site(value)
    assert f'src="{value}"' in sanitize(f'<img src="{value}" alt="x">') or "%20" in value


def test_entities_are_decoded_before_judging() -> None:
    assert sanitize('<img src="&#92;&#92;evil.example/a.png" alt="x">') == '<img alt="x">'
    assert sanitize('<img src="http&#58;evil.example/a.png" alt="x">') == '<img alt="x">'


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def _escape_for_html(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")


def test_built_page_requests_nothing_elsewhere(valid_tree: Path, browser: Any) -> None:
    practice = valid_tree / "practices" / "praktyka-testowa.md"
    images = "".join(f'<img src="{_escape_for_html(v)}" alt="obraz {i}">\n' for i, v in enumerate(BYPASSES) if "\x01" not in v and "\x1f" not in v)
    markdown = "".join(f"![obraz md {i}]({v})\n" for i, v in enumerate(["\\\\evil.example/b.png", "http:evil.example/b.png", "//evil.example/b.png"]))
    practice.write_text(practice.read_text(encoding="utf-8") + "\n" + images + "\n" + markdown, encoding="utf-8")
    report = build(valid_tree)
    assert report.ok, report.messages
    site = valid_tree / "site"
    page_file = site / "praktyki" / "praktyka-testowa.html"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    # a request to another host is recorded above and then refused here: the test never uses the network
    context.route(re.compile(r"^(?!http://127\.0\.0\.1:)https?://"), lambda route: route.abort())
    try:
        for address in (page_file.as_uri(), f"http://127.0.0.1:{server.server_address[1]}/praktyki/praktyka-testowa.html"):
            page = context.new_page()
            page.goto(address)
            page.wait_for_load_state("load")
            assert page.locator("img[alt^='obraz']").count() > 0
            page.close()
    finally:
        context.close()
        server.shutdown()
        server.server_close()
        thread.join(5)
    assert requested, "the browser made no request at all"
    elsewhere = [url for url in requested if not url.startswith(("file://", "http://127.0.0.1:"))]
    assert elsewhere == []
    sources = [html.unescape(v) for v in re.findall(r'<img[^>]* src="([^"]*)"', page_file.read_text(encoding="utf-8"))]
    assert all(stays_on_site(v) for v in sources), sources  # "%5Cevil.example/b.png" is a path on the site
