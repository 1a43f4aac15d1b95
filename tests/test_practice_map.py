"""The map of practices (issue #15): counts per voivodeship from TERYT codes, the cartogram pages,
and in Chromium: accessible names, 0 axe violations, text of 11 px or more at 360 px, no request
to another host, every tile a link."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import axe_violations, requests_elsewhere
from conftest import PROJECT

from generator.check.validate import validate_tree
from generator.content.records import Record
from generator.derive.geography import (
    VOIVODESHIP_LIST,
    class_bounds,
    class_of,
    practice_map,
    voivodeships_of,
)
from generator.derive.model import SiteModel, build_model
from generator.render.pages import practice_map as map_pages


@pytest.fixture(scope="module")
def model() -> SiteModel:
    return build_model(validate_tree(PROJECT).records)


def test_class_bounds_cover_every_count_once() -> None:
    assert class_bounds([0, 0]) == []
    assert class_bounds([0, 1, 3]) == [(1, 1), (2, 2), (3, 3)]
    assert class_bounds([1, 10]) == [(1, 3), (4, 5), (6, 8), (9, 10)]
    assert class_bounds([108, 130, 0]) == [(108, 113), (114, 119), (120, 125), (126, 130)]
    for low in (1, 7):
        for high in range(low, 60):
            bounds = class_bounds([0, low, high])
            covered = [n for start, top in bounds for n in range(start, top + 1)]
            assert covered == list(range(low, high + 1)), (low, high)
            assert class_of(0, bounds) == 0 and class_of(high, bounds) == len(bounds) and class_of(low, bounds) == 1


def test_voivodeship_comes_from_the_teryt_code(model: SiteModel) -> None:
    practice = next(p for p in model.all("practice") if p.get("jst"))
    assert voivodeships_of(practice) == sorted({code[:2] for code in practice.get("jst")})
    fake = Record(practice.type, "x", "x.md", {"jst": ["1465011", "1412011", "0264011", "9901011"]})
    assert voivodeships_of(fake) == ["02", "14"]  # 99 is no voivodeship


def test_counts_agree_with_the_records(model: SiteModel) -> None:
    counts = practice_map(model)
    for voivodeship in VOIVODESHIP_LIST:
        expected = [p.id for p in model.all("practice") if voivodeship.code in {c[:2] for c in p.get("jst", [])}]
        assert [p.id for p in counts.practices[voivodeship.code]] == expected
    assert {p.id for p in counts.unplaced} == {p.id for p in model.all("practice") if not voivodeships_of(p)}
    sector = "pomoc społeczna"
    in_sector = practice_map(model, sector)
    assert all(sector in p.get("sectors") for items in in_sector.practices.values() for p in items)
    assert in_sector.total <= counts.total


def test_pages_number_and_links(model: SiteModel) -> None:
    pages = map_pages.render_map_pages(model)
    sectors = {p for p in pages if re.fullmatch(r"mapa/[a-z0-9-]+\.md", p)} - {"mapa/index.md"}
    assert "mapa/index.md" in pages and len(sectors) == len(map_pages.practice_sectors(model)) > 0
    assert sum(p.startswith("mapa/wojewodztwa/") for p in pages) == 16
    index = pages["mapa/index.md"]
    assert index.count("<a href=") == 16 and index.count("<title>") == 17
    counts = practice_map(model)
    for voivodeship in VOIVODESHIP_LIST:  # the table repeats the number of every tile
        assert f"| {counts.count(voivodeship.code)} | {voivodeship.code} |" in index
        assert f'<title>województwo {voivodeship.name}: {counts.count(voivodeship.code)} ' in index
    assert "\n\n" not in map_pages.svg("mapa/index.md", counts, [], "Mapa")  # one HTML block in Markdown


def test_empty_database_gets_a_map_of_zeros() -> None:
    pages = map_pages.render_map_pages(build_model([]))
    assert set(pages) == {"mapa/index.md"} | {f"mapa/wojewodztwa/{v.slug}.md" for v in VOIVODESHIP_LIST}
    assert "Na mapie jest 0 praktyk." in pages["mapa/index.md"]
    assert "Baza nie ma jeszcze praktyk" in pages["mapa/wojewodztwa/mazowieckie.md"]


MAP_PAGES = ["mapa/index", "mapa/pomoc-spoleczna", "mapa/wojewodztwa/mazowieckie", "pobierz/index"]


@pytest.mark.parametrize("name", MAP_PAGES)
def test_axe_finds_no_violations_on_map_and_download_pages(bundled_site: Path, browser, name: str) -> None:
    page = browser.new_page()
    page.goto((bundled_site / f"{name}.html").as_uri())
    assert axe_violations(page) == []
    page.close()


def test_map_pages_make_no_request_to_another_host(bundled_site: Path, browser) -> None:
    assert requests_elsewhere(browser, [bundled_site / f"{name}.html" for name in MAP_PAGES]) == []


def test_tiles_readable_at_360_px_and_lead_to_their_lists(bundled_site: Path, browser) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto((bundled_site / "mapa/pomoc-spoleczna.html").as_uri())
    tiles = page.locator(".bdp-map svg a")
    assert tiles.count() == 16
    smallest = page.evaluate("""() => { const svg = document.querySelector('.bdp-map svg');
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale)); }""")
    assert smallest >= 11, smallest
    names = [page.evaluate("(a) => a.querySelector('title').textContent", tiles.nth(i).element_handle()) for i in range(16)]
    assert all(re.fullmatch(r"województwo [a-ząćęłńóśźż-]+: \d+ praktyk[ai]?", n or "") for n in names), names
    full = next(i for i in range(16) if not names[i].endswith(": 0 praktyk"))
    tiles.nth(full).click()
    page.wait_for_load_state("load")
    assert "/mapa/wojewodztwa/" in page.url and page.url.endswith("#pomoc-spoleczna")
    assert page.locator("#pomoc-spoleczna").count() == 1
    context.close()


def test_map_is_linked_from_home_and_navigation(bundled_site: Path) -> None:
    home = (bundled_site / "index.html").read_text(encoding="utf-8")
    assert home.count('href="mapa/index.html"') >= 2  # the navigation and the text
    assert "mapa/index.html" in (bundled_site / "sitemap.xml").read_text(encoding="utf-8")
