"""Checks of the built bundled site: links and anchors, HTML validity (Nu Html Checker),
accessibility (axe-core in Chromium), the accessibility declaration, and no request to another host."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import axe_violations, requests_elsewhere
from conftest import PROJECT

NODE_MODULES = PROJECT / "node_modules"
# One page of every kind the site has.
PAGE_KINDS = ["index", "praktyki/index", "praktyki/plocki-model-wspolpracy", "samorzady/index", "samorzady/komorniki",
              "sektory/index", "sektory/pomoc-spoleczna", "projekty/index", "projekty/zmp-doskonalenie-zarzadzania",
              "organizacje/index", "organizacje/zmp", "konkursy/index", "konkursy/samorzadowy-lider-zarzadzania-2011",
              "procedury/index", "procedury/plocki-model-wspolpracy", "wskazniki/index", "wskazniki/indeks-jakosci-wspolpracy",
              "slowniczek/index", "zrodla/index", "zrodla/terc-gus", "deklaracja-dostepnosci/index",
              "dane/index", "wskazniki/koszt-uslug-oswiata"]
# Errors the Nu checker reports in Material for MkDocs' own base template (hidden checkbox toggles),
# not in anything this project writes; they cannot be changed without copying the theme's template.
THEME_MARKUP = [
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.", 'for="__'),
]
A11Y_IDS = ["a11y-wstep", "a11y-podmiot", "a11y-url", "a11y-data-publikacja", "a11y-data-aktualizacja", "a11y-status",
            "a11y-ocena", "a11y-data-sporzadzenie", "a11y-data-przeglad", "a11y-kontakt", "a11y-osoba", "a11y-email",
            "a11y-telefon", "a11y-procedura", "a11y-aplikacje", "a11y-architektura"]


@pytest.fixture(scope="session")
def site(bundled_site: Path) -> Path:
    return bundled_site


class Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")


def parse(page: Path) -> Anchors:
    parser = Anchors()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    parsed = {p: parse(p) for p in site.rglob("*.html") if p.name != "404.html"}
    broken = []
    for page, anchors in parsed.items():
        for href in anchors.links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith("//"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)} -> {href} (brak kotwicy)")
    assert not broken, broken
    assert len(parsed) > 100


@pytest.mark.browser  # Java and vnu-jar
def test_html_is_valid_per_nu_checker(site: Path) -> None:
    java = shutil.which("java")
    jar = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert java, "Java is not installed: make test installs default-jre-headless (scripts/setup-test-tools.sh)"
    assert jar.is_file(), "vnu-jar is not installed: run `npm ci` (make test does)"
    result = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html", str(site)],
                            capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    ours = [m for m in messages if not any(m["message"].startswith(text) and marker in m.get("extract", "")
                                           for text, marker in THEME_MARKUP)]
    assert not ours, [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in ours[:20]]
    assert len(list(site.rglob("*.html"))) > 100


@pytest.mark.parametrize("name", PAGE_KINDS)
def test_axe_finds_no_violations(site: Path, browser, name: str) -> None:
    page = browser.new_page()
    page.goto((site / f"{name}.html").as_uri())
    violations = axe_violations(page)
    page.close()
    assert violations == []


def test_pages_work_from_disk_without_requests_to_other_hosts(site: Path, browser) -> None:
    assert requests_elsewhere(browser, [site / f"{name}.html" for name in PAGE_KINDS]) == []


def test_skip_link_and_declaration_link_on_every_page(site: Path) -> None:
    for page in (p for p in site.rglob("*.html") if p.name != "404.html"):
        html = page.read_text(encoding="utf-8")
        assert 'class="md-skip"' in html, page
        own = page.parent.name == "deklaracja-dostepnosci"
        assert re.search(r'href="[./]*deklaracja-dostepnosci/index\.html"', html) or (own and 'href="index.html"' in html), page


def test_accessibility_declaration_has_required_elements(site: Path) -> None:
    html = (site / "deklaracja-dostepnosci" / "index.html").read_text(encoding="utf-8")
    for element_id in A11Y_IDS:
        assert html.count(f'id="{element_id}"') == 1, element_id
    for element_id in ["a11y-data-publikacja", "a11y-data-aktualizacja", "a11y-data-sporzadzenie", "a11y-data-przeglad"]:
        assert re.search(rf'<time id="{element_id}" datetime="\d{{4}}-\d{{2}}-\d{{2}}">', html), element_id
    assert "dane kontaktowe powyżej są przykładowe" in html  # example contact data is labelled as such
