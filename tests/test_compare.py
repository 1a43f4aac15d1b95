"""Side by side (issue #15, item 2): the comparison page of the demo site in Chromium, from disk.

2–4 local governments or practices from the address (?jst=…, ?praktyki=…), chosen with the
"Porównaj" button of their pages (kept in localStorage) or from the page's list; 380 and 1280 px,
no axe violations, no request to another host, a text without JavaScript.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import axe_violations
from conftest import PROJECT, run_bdp
from test_reuse import model_of
from test_search_parity import node

from generator.polish import plural
from generator.render.pages.compare import SCRIPT, compare_data, data_script, pick_block

DEMO_JST = ["1451012", "1451022", "3050011", "2250013"]  # Fikcyjna Dolna, Fikcyjna Górna, Wzorcowa, Demonstracyjna


@pytest.fixture(scope="module")
def demo_model() -> Any:
    return model_of(PROJECT / "demo")


def test_data_has_fields_peer_values_and_reuse(demo_model: Any) -> None:
    data = compare_data(demo_model)
    jst = {item["id"]: item for item in data["jst"]["items"]}
    dolna = jst["1451012"]["cells"]
    assert dolna["rodzaj"] == [["gmina wiejska"]] and dolna["teryt"] == [["1451012"]]
    assert dolna["praktyki"][0] == ["1 praktyka"]
    assert dolna["praktyki"][1] == [["Terminowe decyzje administracyjne (Gmina Fikcyjna Dolna — przykład)",
                                     "praktyki/fikcyjna-dolna-terminowe-decyzje.html"]]
    lines = [line[0] for line in dolna["w:decyzje-po-terminie"]]
    assert lines[0].endswith("(2014)") and lines[1].startswith("miejsce ") and " wśród gmin" in lines[1]
    assert lines[2].startswith("mediana gmin: ") and lines[-1] == "dane przykładowe"
    rows = dict(data["jst"]["rows"])
    assert rows["w:decyzje-po-terminie"] and rows["rodzaj"] == "Rodzaj"
    practices = {item["id"]: item for item in data["praktyki"]["items"]}
    assert practices["fikcyjna-dolna-terminowe-decyzje"]["cells"]["zainspirowala"][0] == ["3 samorządy"]
    assert practices["wzorcowa-terminowe-decyzje"]["cells"]["wzorowano"] == [[
        ["Terminowe decyzje administracyjne (Gmina Fikcyjna Dolna — przykład)", "praktyki/fikcyjna-dolna-terminowe-decyzje.html"], " — 2014"]]
    assert data["max"] == 4


def test_data_script_is_deterministic_and_plain(demo_model: Any) -> None:
    script = data_script(demo_model)
    assert script == data_script(demo_model)
    assert script.startswith("window.BDP_COMPARE={") and script.endswith("};\n")
    json.loads(script.removeprefix("window.BDP_COMPARE=").removesuffix(";\n"))


def test_pick_block_escapes_and_links_relative() -> None:
    block = pick_block("praktyki/x.md", "praktyki", 'a"b')
    assert 'data-id="a&quot;b"' in block and 'data-compare="../porownaj/index.html"' in block
    assert "<script" not in block and " hidden>" in block  # the script comes with every page (mkdocs.yml)


def test_plural_in_the_script_agrees_with_python(tmp_path: Path) -> None:
    runner = tmp_path / "runner.js"
    runner.write_text("const C = require(process.argv[2]); const n = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
                      "process.stdout.write(JSON.stringify(n.map(k => C.plural(k, 'samorząd', 'samorządy', 'samorządów'))));\n",
                      encoding="utf-8")
    counts = [*range(0, 130), 1002, 1012, 1022]
    done = subprocess.run([node(), str(runner), str(PROJECT / "generator" / SCRIPT)], input=json.dumps(counts),
                          capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout) == [plural(n, "samorząd", "samorządy", "samorządów") for n in counts]


# --- in Chromium ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = shutil.copytree(PROJECT / "demo", tmp_path_factory.mktemp("compare") / "demo", ignore=shutil.ignore_patterns("site", "build"))
    result = run_bdp("--root", str(tree), "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return tree / "site"


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    opened = browser.new_context()
    outside: list[str] = []
    opened.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file://") else None)
    yield opened
    assert outside == [], "requests to another host"
    opened.close()


def _open(context: Any, site: Path, path: str, query: str = "", width: int = 1280) -> Any:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto((site / path).as_uri() + query)
    page.wait_for_load_state("load")
    return page


def _columns(page: Any) -> list[str]:
    return page.eval_on_selector_all(".bdp-compare__grid thead th a", "els => els.map(e => e.textContent)")


def _row(page: Any, label: str) -> list[str]:
    return page.evaluate("""(label) => { for (const tr of document.querySelectorAll('.bdp-compare__grid tbody tr'))
        if (tr.querySelector('th').textContent === label) return [...tr.querySelectorAll('td')].map(td => td.textContent);
        return null; }""", label)


@pytest.mark.parametrize("width", (380, 1280))
def test_four_local_governments_from_the_address(context: Any, site: Path, width: int) -> None:
    page = _open(context, site, "porownaj/index.html", "?jst=" + ",".join(DEMO_JST), width)
    assert _columns(page) == ["Gmina Fikcyjna Dolna", "Gmina Fikcyjna Górna", "Gmina Wzorcowa", "Gmina Demonstracyjna"]
    assert _row(page, "Rodzaj") == ["gmina wiejska", "gmina wiejska", "gmina miejska", "gmina miejsko-wiejska"]
    assert _row(page, "Praktyki wzorowane na innych")[0] == "brak"
    decisions = _row(page, "Decyzje wydane po terminie (przykład)")
    assert all("wśród gmin" in cell and "mediana gmin" in cell for cell in decisions), decisions
    assert page.locator(".bdp-compare__status").text_content() == "Porównanie: 4 samorządy (więcej nie można dodać)."
    assert page.locator("#bdp-compare-add").is_disabled()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # the table scrolls in its own box
    assert page.is_visible(".bdp-compare__nojs") is False
    assert axe_violations(page) == []


def test_practices_side_by_side(context: Any, site: Path) -> None:
    page = _open(context, site, "porownaj/index.html", "?praktyki=fikcyjna-dolna-terminowe-decyzje,wzorcowa-terminowe-decyzje")
    assert page.is_checked("input[value=praktyki]")
    assert _row(page, "Zainspirowała")[0].startswith("3 samorządy")
    assert _row(page, "Wzorowano na") == ["brak", "Terminowe decyzje administracyjne (Gmina Fikcyjna Dolna — przykład) — 2014"]
    assert _row(page, "Sektory") == ["sprawność administracji", "sprawność administracji"]
    assert axe_violations(page) == []


def test_buttons_on_pages_build_a_shareable_selection(context: Any, site: Path) -> None:
    first = _open(context, site, "samorzady/gmina-fikcyjna-dolna.html", width=380)
    button = first.get_by_role("button", name="Porównaj")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert first.locator(".bdp-compare-pick__status").text_content() == "W porównaniu: 1 samorząd (najwyżej 4)."
    assert axe_violations(first) == []
    second = _open(context, site, "samorzady/gmina-wzorcowa.html")
    second.get_by_role("button", name="Porównaj").click()
    go = second.locator(".bdp-compare-pick__go")
    assert go.text_content() == "Pokaż porównanie" and go.get_attribute("href") == "../porownaj/index.html?jst=1451012,3050011"
    go.click()
    second.wait_for_load_state("load")
    assert _columns(second) == ["Gmina Fikcyjna Dolna", "Gmina Wzorcowa"]
    second.get_by_role("button", name="Usuń z porównania: Gmina Fikcyjna Dolna").click()
    assert _columns(second) == ["Gmina Wzorcowa"]
    assert second.url.endswith("porownaj/index.html?jst=3050011")
    assert second.locator(".bdp-compare__status").text_content() == "Wybrano 1 samorząd. Wybierz co najmniej 2, najwyżej 4."
    assert second.evaluate("localStorage.getItem('bdp-porownaj-jst')") == '["3050011"]'
    again = _open(context, site, "samorzady/gmina-fikcyjna-dolna.html")  # the removal reached the button too
    assert again.get_by_role("button", name="Porównaj").get_attribute("aria-pressed") == "false"


def test_add_from_the_list_up_to_four_and_switch_kind(context: Any, site: Path) -> None:
    page = _open(context, site, "porownaj/index.html", "?jst=1451012")
    for code in DEMO_JST[1:]:
        page.select_option("#bdp-compare-add", code)
        page.get_by_role("button", name="Dodaj").click()
    assert page.url.endswith("?jst=" + ",".join(DEMO_JST))
    assert page.locator("#bdp-compare-add").is_disabled()
    page.check("input[value=praktyki]")
    assert page.locator("label[for=bdp-compare-add]").text_content() == "Dodaj praktykę do porównania"
    assert page.locator(".bdp-compare__status").text_content().startswith("Wybrano 0 praktyk.")


def test_unknown_ids_are_dropped_and_a_shared_link_sets_the_selection(context: Any, site: Path) -> None:
    page = _open(context, site, "porownaj/index.html", "?jst=9999999,1451022,1451022,<b>")
    assert _columns(page) == ["Gmina Fikcyjna Górna"]
    assert page.evaluate("localStorage.getItem('bdp-porownaj-jst')") == '["1451022"]'


def test_without_javascript_the_page_says_what_to_do(browser: Any, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "porownaj" / "index.html").as_uri() + "?jst=1451012,1451022")
    assert "Porównanie działa z włączonym JavaScriptem" in page.locator(".bdp-compare__nojs").text_content()
    other = context.new_page()
    other.goto((site / "samorzady" / "gmina-wzorcowa.html").as_uri())
    assert other.locator(".bdp-compare-pick").is_hidden()  # no button that would do nothing
    context.close()
