"""The search page in headless Chromium, from disk (file://) and over HTTP, on the bundled content."""
from __future__ import annotations

import functools
import re
import threading
import urllib.parse
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT

from generator.check.validate import validate_tree
from generator.derive.model import SiteModel, build_model

# query typed without Polish letters or in another form -> pages that must be listed
EXPECTED = {
    "plock": ["praktyki/plocki-model-wspolpracy.html", "samorzady/plock.html", "procedury/plocki-model-wspolpracy.html"],
    "odpady": ["praktyki/grupy-wymiany-doswiadczen.html", "praktyki/ograniczanie-decyzji-po-terminie-sko.html"],
    "odpadami": ["konkursy/samorzadowy-lider-zarzadzania-2012.html"],
    "konsultacje": ["praktyki/procedura-konsultacji-spolecznych-plock.html", "praktyki/plocki-model-wspolpracy.html"],
    "konsultacji spolecznych": ["praktyki/procedura-konsultacji-spolecznych-plock.html"],
    "wspolpraca": ["praktyki/plocki-model-wspolpracy.html", "praktyki/model-wspolpracy-administracji-i-ngo.html",
                   "wskazniki/indeks-jakosci-wspolpracy.html"],
    "organizacje pozarzadowe": ["praktyki/model-wspolpracy-administracji-i-ngo.html", "praktyki/mapa-aktywnosci-ngo.html"],
    "strategia": ["praktyki/warsztaty-zarzadzania-strategicznego.html"],
    "kwazar": [],
}


@pytest.fixture(scope="session")
def site(bundled_site: Path) -> Path:
    return bundled_site


@pytest.fixture(scope="module")
def model() -> SiteModel:
    return build_model(validate_tree(PROJECT).records)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def http_site(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    opened = context.new_page()
    opened.requests = []  # type: ignore[attr-defined]
    opened.errors = []  # type: ignore[attr-defined]
    opened.on("request", lambda r: opened.requests.append(r.url))
    opened.on("pageerror", lambda e: opened.errors.append(str(e)))
    yield opened
    context.close()


def open_search(page: Any, base: str, query: str = "") -> None:
    page.goto(f"{base}/szukaj/index.html{query}")
    if not query:
        page.focus("#bdp-q")  # the index loads when the visitor starts to search
    page.wait_for_selector("#bdp-search[data-state=ready][data-body=ready]", timeout=30_000)


def listed(page: Any) -> list[str]:
    hrefs = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.href)")
    return [re.sub(r"^.*?/site/|^http://127\.0\.0\.1:\d+/", "", h) for h in hrefs]


def count(page: Any) -> int:
    return int(page.get_attribute("#bdp-search", "data-count"))


@pytest.mark.parametrize("query", sorted(EXPECTED))
def test_queries_without_polish_letters_find_the_pages_from_disk(page: Any, site: Path, query: str) -> None:
    open_search(page, site.as_uri(), "?q=" + urllib.parse.quote(query))
    found = listed(page)
    for expected in EXPECTED[query]:
        assert expected in found, (query, expected, found)
    if query == "kwazar":
        assert found == [] and "Nic nie znaleziono" in page.text_content("#bdp-status")
    elif query == "plock":
        assert found[0] == "samorzady/plock.html", found  # the page of the place it names first
    else:
        assert found and found[0].startswith("praktyki/"), found  # practices first
    for href in found:
        assert (site / href).is_file(), href
    assert {u.split(":")[0] for u in page.requests} == {"file"}
    assert page.errors == []


def test_search_loads_the_index_only_when_asked(page: Any, site: Path) -> None:
    page.goto(f"{site.as_uri()}/szukaj/index.html")
    page.wait_for_load_state("load")
    assert not any("index.js" in u for u in page.requests)
    assert page.get_attribute("#bdp-search", "data-state") == "idle"
    page.requests.clear()
    page.goto(f"{site.as_uri()}/praktyki/plocki-model-wspolpracy.html")
    assert page.requests and not any(u.endswith(".js") and "assets/search" in u for u in page.requests)
    page.goto(f"{site.as_uri()}/szukaj/index.html")
    page.focus("#bdp-q")
    page.wait_for_selector("#bdp-search[data-state=ready]")
    assert any(u.endswith("assets/search/index.js") for u in page.requests)


def test_typing_updates_results_status_and_address(page: Any, site: Path) -> None:
    open_search(page, site.as_uri())
    page.fill("#bdp-q", "plock")
    assert "praktyki/plocki-model-wspolpracy.html" in listed(page)
    page.wait_for_function("location.search === '?q=plock'")  # written a moment after the last key
    status = page.text_content("#bdp-status")
    assert re.fullmatch(r"Znaleziono \d+ wynik(i|ów)?\.", status), status
    assert page.get_attribute("#bdp-status", "aria-live") == "polite"
    page.check("input[name=typ][value='samorząd']")
    assert "samorzady/plock.html" in listed(page) and all(h.startswith("samorzady/") for h in listed(page))
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(page.evaluate("location.href")).query) == {
        "q": ["plock"], "typ": ["samorząd"]}
    page.select_option("#bdp-sort", "tytul")
    assert "sortuj=tytul" in page.evaluate("location.search")


def _years(period: dict | None) -> set[str]:
    if not period:
        return set()
    start, end = int(period["start"][:4]), int((period.get("end") or period["start"])[:4])
    return {str(y) for y in range(start, end + 1)}


def _facet_counts(page: Any, key: str) -> dict[str, int]:
    rows = page.eval_on_selector_all(
        f"input[name='{key}']",
        "els => els.filter(e => !e.closest('.bdp-facet__value').hidden).map(e => [e.value, e.nextElementSibling.textContent])")
    return {value: int(re.search(r"\((\d+)\)", text).group(1)) for value, text in rows}


def test_facets_narrow_with_counts_computed_from_the_records(page: Any, site: Path, model: SiteModel) -> None:
    practices = model.all("practice")

    def voivodeships(r: Any) -> set[str]:
        return {model.jst_by_code[c].get("voivodeship") for c in r.get("jst", [])}

    open_search(page, site.as_uri(), "?typ=praktyka")
    assert count(page) == len(practices)
    sectors = _facet_counts(page, "sektor")
    assert sectors == {s: sum(s in r.get("sectors", []) for r in practices) for s in model.sectors()
                       if any(s in r.get("sectors", []) for r in practices)}
    assert _facet_counts(page, "wojewodztwo") == {
        v: n for v in {v for r in practices for v in voivodeships(r)} if (n := sum(v in voivodeships(r) for r in practices))}
    # two facets combined, and a facet with two values (either value)
    open_search(page, site.as_uri(), "?typ=praktyka&wojewodztwo=mazowieckie&rok=2014")
    expected = [r for r in practices if "mazowieckie" in voivodeships(r) and "2014" in _years(r.get("period"))]
    assert count(page) == len(expected) > 0
    assert sorted(listed(page)) == sorted(f"praktyki/{r.id}.html" for r in expected)
    open_search(page, site.as_uri(), "?typ=praktyka&wojewodztwo=mazowieckie&wojewodztwo=lubelskie")
    either = [r for r in practices if voivodeships(r) & {"mazowieckie", "lubelskie"}]
    assert count(page) == len(either) > len(expected) - 1
    # with a text query: the year counts are those of the matching practices
    open_search(page, site.as_uri(), "?q=plock&typ=praktyka")
    matching = {h.removeprefix("praktyki/").removesuffix(".html") for h in listed(page)}
    assert matching and len(matching) < len(practices)
    years = _facet_counts(page, "rok")
    assert years == {y: n for y in {y for r in practices for y in _years(r.get("period"))}
                     if (n := sum(y in _years(r.get("period")) for r in practices if r.id in matching))}
    # clicking a facet value narrows to exactly its count
    year, n = sorted(years.items())[0]
    page.check(f"input[name=rok][value='{year}']")
    assert count(page) == n


def test_award_and_project_facets(page: Any, site: Path, model: SiteModel) -> None:
    open_search(page, site.as_uri(), "?nagroda=laureat&typ=edycja+konkursu")
    with_laureates = [c for c in model.all("contest") if any(lau["award"] == "laureat" for lau in c.get("laureates", []))]
    assert count(page) == len(with_laureates) > 0
    project = model.all("project")[0]
    name = project.get("short_name") or project.get("title")
    open_search(page, site.as_uri(), "?typ=praktyka&projekt=" + urllib.parse.quote(name))
    assert count(page) == sum(project.id in r.get("projects", []) for r in model.all("practice")) > 0


def test_everything_works_by_keyboard(page: Any, site: Path) -> None:
    open_search(page, site.as_uri())
    page.focus("#bdp-q")
    page.keyboard.type("konsultacji")
    assert "praktyki/procedura-konsultacji-spolecznych-plock.html" in listed(page)
    before = count(page)
    page.keyboard.press("Tab")  # the search button
    page.keyboard.press("Tab")  # the sort
    assert page.evaluate("document.activeElement.id") == "bdp-sort"
    page.keyboard.press("Tab")  # results come first, then the filters
    assert page.evaluate("document.activeElement.closest('#search-results') !== null")
    for _ in range(60):  # Tab on through the results to the first facet value
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "checkbox"
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
    assert count(page) <= before
    for _ in range(80):  # and back to the query field
        if page.evaluate("document.activeElement.id") == "bdp-q":
            break
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "bdp-q"
    page.keyboard.press("Enter")  # submitting keeps the page and the results
    assert page.evaluate("location.pathname").endswith("/szukaj/index.html") and count(page) > 0


def test_over_http_the_same_results_and_no_other_host(page: Any, http_site: str) -> None:
    open_search(page, http_site, "?q=wspolpraca")
    found = listed(page)
    for expected in EXPECTED["wspolpraca"]:
        assert expected in found
    assert all(u.startswith(http_site) for u in page.requests), page.requests
    page.click("#search-results li a >> nth=0")
    page.wait_for_load_state("load")
    assert page.evaluate("location.pathname").startswith("/praktyki/")


def test_without_javascript_the_page_offers_the_index_pages(browser: Any, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site.as_uri()}/szukaj/index.html?q=plock")
    hrefs = page.eval_on_selector_all("article a", "els => els.map(e => e.getAttribute('href'))")
    for index in ("praktyki", "samorzady", "sektory", "projekty", "konkursy", "procedury", "wskazniki"):
        assert f"../{index}/index.html" in hrefs
    assert page.is_visible("#bdp-q") and page.is_visible("text=Szukaj w bazie")
    context.close()


def test_header_form_partial_leads_to_the_search_page() -> None:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(PROJECT / "site_overrides"), autoescape=True)
    env.filters["url"] = lambda value: "../" + value
    html = env.get_template("partials/bdp-search-form.html").render()
    assert 'action="../szukaj/index.html"' in html and 'role="search"' in html
    assert re.search(r'<label for="bdp-header-q"[^>]*>Szukaj w bazie</label>', html)
    assert 'id="bdp-header-q"' in html and 'name="q"' in html


def test_header_form_from_a_page_opens_the_search_with_the_query(page: Any, site: Path) -> None:
    # the form as the header include renders it on a practice page (one folder deep)
    page.goto(f"{site.as_uri()}/praktyki/plocki-model-wspolpracy.html")
    page.evaluate("""() => document.body.insertAdjacentHTML('afterbegin',
        '<form id="h" role="search" action="../szukaj/index.html"><input id="hq" name="q"></form>')""")
    page.fill("#hq", "Plock")
    page.press("#hq", "Enter")
    page.wait_for_selector("#bdp-search[data-state=ready]")
    assert "praktyki/plocki-model-wspolpracy.html" in listed(page)
