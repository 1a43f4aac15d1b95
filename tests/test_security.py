"""Hostile content: nothing a contributor writes can run a script, load from another host or break out."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES, VALID, overlay

from generator.build import build
from generator.content.settings import load_settings
from generator.render.sanitize import sanitize

HOSTILE = FIXTURES / "hostile"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = overlay(VALID, HOSTILE, tmp_path_factory.mktemp("hostile") / "tree")
    report = build(tree)
    assert report.ok, report.messages + [str(p) for p in report.problems]
    return tree / "site"


def article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def test_sanitiser_allow_list() -> None:
    dirty = ('<p onclick="x()">a<script>b()</script><a href="javascript:c()">d</a>'
             '<img src="https://e.example/i.png"><img src="local.png" alt="x"><sub>2</sub></p>')
    clean = sanitize(dirty)
    assert "onclick" not in clean and "<script" not in clean and "javascript:" not in clean
    assert "e.example" not in clean and 'src="local.png"' in clean and "<sub>2</sub>" in clean
    assert "e.example" not in sanitize('<p><IMG SRC="https://e.example/i.png"></p>')  # the filter's trigger ignores case


class Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values += [value or "" for _, value in attrs]


class ActiveContent(HTMLParser):
    """Collects elements and attributes that could run code, load from elsewhere or restyle the page."""

    FORBIDDEN_TAGS = frozenset({"script", "iframe", "object", "embed", "form", "input", "button", "style", "link", "meta", "base", "svg", "math"})

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src") and re.match(r"(javascript|vbscript|data):", value):
                self.found.append(f"{tag}[{name}={value[:20]}]")
            if name == "src" and "//" in value:
                self.found.append(f"{tag}[src={value[:30]}]")


def test_payload_page_html_has_no_active_content(hostile_site: Path) -> None:
    body = article(hostile_site / "praktyki" / "wrogie-tresci.html")
    parser = ActiveContent()
    parser.feed(body)
    assert parser.found == []
    attributes = Attributes()
    attributes.feed(body)
    assert not [v for v in attributes.values if "evil.example" in v]  # nothing points there; text may name it
    assert "&lt;iframe src=https://evil.example/&gt;" in body  # markup typed in a YAML field is shown as text
    assert "<sub>2</sub>" in body and "<abbr" in body  # the allow-list keeps harmless markup
    assert "&lt;script&gt;to jest tylko przykład kodu&lt;/script&gt;" in body  # code stays visible as text
    assert "&lt;img src=x onerror" in body  # markup typed in a YAML field is shown as text


def test_no_page_of_the_hostile_site_has_active_content(hostile_site: Path) -> None:
    """Only pages with a contributor's Markdown body pass the sanitiser; every other page is written
    from escaped data and must be just as clean (titles, summaries, notes of the payload appear there)."""
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if "<article" not in html or page.relative_to(hostile_site).as_posix() == "szukaj/index.html":
            continue  # the search page's own form and scripts are the generator's, not data
        parser = ActiveContent()
        parser.feed(article(page))
        found = parser.found
        if page.relative_to(hostile_site).parts[0] == "mapa":  # the map's own drawing: fixed names and numbers only
            found = [f for f in found if f != "<svg>"]
        assert found == [], page


def test_payloads_do_not_run_or_call_out_in_chromium(hostile_site: Path, browser) -> None:
    pages = [hostile_site / "praktyki" / "wrogie-tresci.html", hostile_site / "praktyki" / "index.html",
             hostile_site / "index.html", hostile_site / "samorzady" / "lodz.html"]
    for page_file in pages:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        outside: list[str] = []
        page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r, outside=outside: outside.append(r.url) if not r.url.startswith("file://") else None)
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        for element in page.query_selector_all("article a, article details, article b"):
            element.hover()
        pwned = page.evaluate("window.__pwned")
        context.close()
        assert dialogs == [], (page_file, dialogs)
        assert pwned is None, (page_file, pwned)
        assert outside == [], (page_file, outside)


def test_no_email_address_as_plain_text_anywhere(valid_tree: Path) -> None:
    assert build(valid_tree).ok
    address = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    # the publisher's own contact (bdp.yaml) may only be the target of the "Zgłoś poprawkę" / "Zgłoś dobrą
    # praktykę" e-mail links (issue #14), never shown as text; no other address may appear at all
    contact = 'href="mailto:' + load_settings(valid_tree).publisher.contact_email + "?"
    for html in (valid_tree / "site").rglob("*.html"):
        if html.parent.name == "deklaracja-dostepnosci":
            continue  # the law requires the accessibility contact's e-mail (an institutional address) there
        text = html.read_text(encoding="utf-8").replace(contact, 'href="mailto:?')
        assert not address.search(text), (html, address.search(text))


def test_private_fields_never_reach_the_site(valid_tree: Path) -> None:
    practice = (valid_tree / "practices" / "praktyka-testowa.md").read_text(encoding="utf-8")
    assert "PRYWATNA-NOTATKA-REDAKCJI" in practice
    assert build(valid_tree).ok
    for path in (valid_tree / "site").rglob("*"):
        if path.is_file():
            assert b"PRYWATNA-NOTATKA-REDAKCJI" not in path.read_bytes(), path
