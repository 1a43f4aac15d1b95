"""Phone-first layout and print (issue #14) in headless Chromium, from disk.

Every kind of page of the demo site (it has charts) and of the demo jury site, both built in a
temporary copy, plus a procedure page of the bundled content, at 360, 380 and 1280 px: no sideways
scrolling of the page, chart text at least 11 px as rendered, tap targets at least 24 px, and no axe
violations. A practice printed (print media emulation) shows no chrome, link addresses and its
charts with their data.
"""
from __future__ import annotations

import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import axe_violations
from conftest import PROJECT, run_bdp

WIDTHS = (360, 380, 1280)
PUBLIC = {
    "home": "index.html",
    "practice": "praktyki/fikcyjna-dolna-terminowe-decyzje.html",
    "local government": "samorzady/gmina-fikcyjna-dolna.html",
    "indicator": "wskazniki/decyzje-po-terminie.html",
    "indicator index": "wskazniki/index.html",
    "contest": "konkursy/przyklad-edycji-konkursu.html",
    "archive": "konkursy/archiwum.html",
    "sources": "zrodla/index.html",
    "source": "zrodla/dane-przykladowe.html",
    "search": "szukaj/index.html",
    "open data": "dane/index.html",
    "practice list": "praktyki/index.html",
    "comparison": "porownaj/index.html",
    "most reused": "praktyki/najczesciej-przenoszone.html",
}
JURY = {
    "jury home": "index.html",
    "jury ranking": "przyklad-edycji-konkursu/index.html",
    "jury entry": "przyklad-edycji-konkursu/zgloszenia/zgloszenie-01.html",
    "jury sheet": "przyklad-edycji-konkursu/karty/zgloszenie-01--juror-a.html",
    "jury gaps": "przyklad-edycji-konkursu/braki.html",
}
BUNDLED = {"procedure": "procedury/plocki-model-wspolpracy.html"}
# One page of every kind of the bundled (sourced) content: longer texts, real names and tables.
BUNDLED_KINDS = {
    "home": "index.html",
    "practice (longest)": "praktyki/grupy-wymiany-doswiadczen.html",
    "practice list": "praktyki/index.html",
    "local government": "samorzady/plock.html",
    "local government list": "samorzady/index.html",
    "indicator": "wskazniki/koszt-uslug-oswiata.html",
    "indicator index": "wskazniki/index.html",
    "contest edition": "konkursy/samorzadowy-lider-zarzadzania-2011.html",
    "contest archive": "konkursy/archiwum.html",
    "sector": "sektory/wspolpraca-z-organizacjami-pozarzadowymi.html",
    "project": "projekty/pas-program-aktywnosci-samorzadowej.html",
    "organisation": "organizacje/zmp.html",
    "source": "zrodla/mpips-model-wspolpracy.html",
    "glossary": "slowniczek/index.html",
    "search": "szukaj/index.html",
    "open data": "dane/index.html",
    "editors' guide": "dla-redakcji/przewodnik.html",
    "accessibility statement": "deklaracja-dostepnosci/index.html",
}

# The shown chart images of the page: [address, width as shown].
CHART_IMAGES = """() => [...document.querySelectorAll('img[src$=".svg"]')]
  .filter(img => img.getBoundingClientRect().width > 0).map(img => [img.src, img.getBoundingClientRect().width])"""
# One SVG drawn inline at the width the page shows it; its <text> elements measured (getBoundingClientRect
# and font size times the drawing's scale): [smallest size in px, that text].
TEXT_SIZE = """([source, width]) => {
  const svg = document.importNode(new DOMParser().parseFromString(source, 'image/svg+xml').documentElement, true);
  svg.setAttribute('width', String(width)); svg.removeAttribute('height');
  const box = document.createElement('div');
  box.style.cssText = 'position:absolute;left:0;top:0;visibility:hidden';
  box.appendChild(svg); document.body.appendChild(box);
  let smallest = [1000, ''];
  for (const t of svg.querySelectorAll('text')) {
    const size = Math.min(parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a, t.getBoundingClientRect().height);
    if (t.textContent.trim() && size < smallest[0]) smallest = [size, t.textContent];
  }
  box.remove();
  return smallest;
}"""


def chart_text(page: Any) -> list[tuple[str, float, str]]:
    """Each shown chart of the page: (file name, smallest rendered text in px, that text)."""
    out = []
    for address, width in page.evaluate(CHART_IMAGES):
        path = Path(urllib.parse.unquote(urllib.parse.urlparse(address).path))
        size, text = page.evaluate(TEXT_SIZE, [path.read_text(encoding="utf-8"), width])
        out.append((path.name, size, text))
    return out


# Links in navigation and footers and every button or summary shown: those smaller than 24 px each way.
SMALL_TARGETS = """() => [...document.querySelectorAll('nav a, .md-footer a, button, summary, input[type=search]')]
  .filter(el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && (r.width < 24 || r.height < 24); })
  .map(el => `${el.tagName} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40)}" ${Math.round(el.getBoundingClientRect().width)}×${Math.round(el.getBoundingClientRect().height)}`)"""

# Elements wider than the viewport that make the page scroll (for a readable failure message).
OVERFLOW = """() => ({width: document.documentElement.scrollWidth,
  culprits: [...document.querySelectorAll('body *')].filter(el => el.getBoundingClientRect().right > innerWidth + 1
      && !el.closest('.md-typeset__scrollwrap, .md-sidebar, .md-nav, .bdp-visually-hidden'))
    .slice(0, 5).map(el => `${el.tagName}.${el.className}`)})"""


# The publisher settings of the tests (a real, non-placeholder site_url: https://bdp.test/).
TEST_PUBLISHER = PROJECT / "tests" / "fixtures" / "publisher" / "bdp.yaml"


def _build(tmp: Path, *args: str) -> None:
    result = run_bdp("--root", str(tmp / "demo"), "build", *args)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("layout")
    shutil.copytree(PROJECT / "demo", tmp / "demo", ignore=shutil.ignore_patterns("site", "build"))
    shutil.copytree(PROJECT / "demo-jury", tmp / "demo-jury", ignore=shutil.ignore_patterns("jury-site"))
    settings = tmp / "demo" / "bdp.yaml"  # a real site_url: canonical links, absolute addresses in print
    settings.write_text(settings.read_text(encoding="utf-8") + TEST_PUBLISHER.read_text(encoding="utf-8"), encoding="utf-8")
    _build(tmp)
    _build(tmp, "--profile", "jury", "--jury-data", str(tmp / "demo-jury"))
    return {"public": tmp / "demo" / "site", "jury": tmp / "demo-jury" / "jury-site"}


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


def _open(page: Any, path: Path, width: int) -> None:
    assert path.is_file(), path
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(path.as_uri())
    page.wait_for_load_state("load")


CASES = [(kind, "public", path) for kind, path in PUBLIC.items()] + [(kind, "jury", path) for kind, path in JURY.items()]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("kind", "site", "path"), CASES, ids=[c[0] for c in CASES])
def test_page_fits_the_screen(page: Any, sites: dict[str, Path], kind: str, site: str, path: str, width: int) -> None:
    _open(page, sites[site] / path, width)
    _fits(page, kind, width)


def _fits(page: Any, where: str, width: int) -> None:
    overflow = page.evaluate(OVERFLOW)
    assert overflow["width"] <= width, f"{where} at {width} px is {overflow['width']} px wide: {overflow['culprits']}"
    assert page.evaluate(SMALL_TARGETS) == [], f"{where} at {width} px"
    assert page.evaluate(UNNAMED_SCROLLERS) == [], f"{where} at {width} px"
    assert axe_violations(page) == [], f"{where} at {width} px"


# Boxes that scroll sideways but have no name or cannot be reached by keyboard (bdp.js names them).
UNNAMED_SCROLLERS = """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
  .filter(b => b.scrollWidth > b.clientWidth + 1 && !(b.getAttribute('role') === 'region' && b.getAttribute('aria-label') && b.tabIndex === 0))
  .map(b => b.textContent.trim().slice(0, 40))"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(BUNDLED_KINDS))
def test_bundled_page_fits_the_screen(page: Any, bundled_site: Path, kind: str, width: int) -> None:
    _open(page, bundled_site / BUNDLED_KINDS[kind], width)
    _fits(page, kind, width)
    if width == 360:
        assert [c for c in chart_text(page) if c[1] < 11] == [], kind


@pytest.mark.parametrize("width", WIDTHS)
def test_bundled_procedure_fits_the_screen(page: Any, bundled_site: Path, width: int) -> None:
    _open(page, bundled_site / BUNDLED["procedure"], width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    charts = chart_text(page)
    assert charts, "the procedure page has a schedule chart"
    assert [c for c in charts if c[1] < 11] == [], f"chart text under 11 px at {width} px"
    assert axe_violations(page) == []


def test_a_wide_table_scrolls_in_its_own_named_region(page: Any, bundled_site: Path) -> None:
    _open(page, bundled_site / BUNDLED_KINDS["contest archive"], 360)
    regions = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
        .filter(b => b.scrollWidth > b.clientWidth + 1).map(b => [b.getAttribute('role'), b.getAttribute('aria-label'), b.tabIndex])""")
    assert len(regions) >= 2, "the archive's tables of laureates are wider than a phone"
    assert all(role == "region" and label.startswith("Tabela przewijana w poziomie") and tab == 0 for role, label, tab in regions)
    assert len({label for _, label, _ in regions}) == len(regions), "each region has its own name"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["practice", "indicator"])
def test_chart_text_is_readable_on_a_phone_and_a_laptop(page: Any, sites: dict[str, Path], path: str, width: int) -> None:
    """Every text of every chart shown is at least 11 px as rendered: the phone drawing at 360 and 380 px,
    the wide one at 1280 px (drawn no wider than the content column, so it is never scaled down)."""
    _open(page, sites["public"] / PUBLIC[path], width)
    charts = chart_text(page)
    assert charts, f"the demo {path} page has charts"
    if width < 720:
        assert all("-telefon.svg" in c[0] for c in charts), "a phone shows the narrow drawings"
    else:
        assert all("-telefon.svg" not in c[0] for c in charts), "a laptop shows the wide drawings"
    assert [c for c in charts if c[1] < 11] == [], f"chart text under 11 px at {width} px"


def test_chart_data_is_in_a_closed_disclosure(page: Any, sites: dict[str, Path]) -> None:
    _open(page, sites["public"] / PUBLIC["indicator"], 380)
    state = page.evaluate("""() => [...document.querySelectorAll('details.bdp-chart-data')].map(d => ({
        open: d.open, table: !!d.querySelector('table'), csv: !!d.querySelector('a[href$=".csv"]'),
        shown: d.querySelector('table').checkVisibility(),
        chart: !!d.previousElementSibling && !!d.closest('article').querySelector('.bdp-chart')}))""")
    assert state and all(s["table"] and s["csv"] and s["chart"] and not s["open"] and not s["shown"] for s in state)
    page.locator("details.bdp-chart-data summary").first.click()
    assert page.evaluate("document.querySelector('details.bdp-chart-data table').checkVisibility()")
    assert page.evaluate("document.documentElement.scrollWidth") <= 380


# Every word of every cell of the page's tables: the words whose boxes lie on more than one line (cut inside).
WORDS_CUT = """() => {
  const cut = [];
  for (const cell of document.querySelectorAll('.md-typeset table td, .md-typeset table th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) cut.push(m[0]);
      }
    }
  }
  return cut;
}"""


@pytest.mark.parametrize("path", ["jury ranking", "jury entry", "jury gaps"])
def test_jury_tables_fit_a_laptop_and_keep_words_whole(page: Any, sites: dict[str, Path], path: str) -> None:
    _open(page, sites["jury"] / JURY[path], 1280)
    words = page.evaluate("""() => [...document.querySelectorAll('.md-typeset table td')].reduce((n, td) => n + td.textContent.split(/\\s+/).length, 0)""")
    assert words > 10
    assert page.evaluate(WORDS_CUT) == []
    scrolling = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
        .filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.textContent.trim().slice(0, 40))""")
    assert scrolling == [], "on a laptop the jury's tables fit the page"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset td')).overflowWrap") != "anywhere"


def test_jury_ranking_keeps_words_whole_on_a_phone(page: Any, sites: dict[str, Path]) -> None:
    _open(page, sites["jury"] / JURY["jury ranking"], 360)
    assert page.evaluate(WORDS_CUT) == []
    # the check sees a word cut in the middle: cells squeezed with word-break: break-all
    page.add_style_tag(content=".md-typeset table:not([class]) { table-layout: fixed !important; width: 300px !important; } "
                               ".md-typeset td { word-break: break-all !important; min-width: 0 !important; }")
    assert page.evaluate(WORDS_CUT) != []


# In print: which parts show, and what is printed after each kind of link of the content.
PRINTED = """() => {
  const visible = sel => [...document.querySelectorAll(sel)].some(el => el.getBoundingClientRect().height > 0);
  const after = link => link ? [link.getAttribute('href'), getComputedStyle(link, '::after').content] : ['', ''];
  const links = [...document.querySelectorAll('.md-content a[href]:not(.headerlink)')].filter(a => a.checkVisibility());
  return {search: visible('.bdp-header-search'), header: visible('.md-header'), nav: visible('.md-sidebar, .md-tabs'),
          footer: visible('.md-footer'), contribute: visible('.bdp-contribute'),
          site: after(links.find(a => /^[^:#]+\\.html(#.*)?$/.test(a.getAttribute('href')))),
          other: after(links.find(a => a.getAttribute('href').startsWith('https://'))),
          tables: [...document.querySelectorAll('details.bdp-chart-data table')].map(t => t.checkVisibility()),
          wide: [...document.querySelectorAll('.bdp-chart-wide')].map(i => i.getBoundingClientRect().height),
          narrow: [...document.querySelectorAll('.bdp-chart-narrow')].map(i => i.getBoundingClientRect().height)};
}"""


def test_practice_prints_cleanly(page: Any, sites: dict[str, Path]) -> None:
    path = sites["public"] / PUBLIC["practice"]
    _open(page, path, 1280)
    assert page.locator(".bdp-contribute").first.is_visible(), "on screen the practice offers a correction"
    page.emulate_media(media="print")
    shown = page.evaluate(PRINTED)
    assert not (shown["search"] or shown["header"] or shown["nav"] or shown["footer"] or shown["contribute"]), shown
    # a real site_url (https://bdp.test/): a link within the site prints as the published page's absolute address
    href, after = shown["site"]
    expected = urllib.parse.urljoin("https://bdp.test/" + PUBLIC["practice"], href)
    assert href and not href.startswith("http") and f"({expected})" in after, shown["site"]
    href, after = shown["other"]
    assert href and f"({href})" in after
    assert shown["tables"] and all(shown["tables"]), "chart data printed"
    assert all(h > 0 for h in shown["wide"]) and all(h == 0 for h in shown["narrow"])
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert path.is_file()


def test_printout_without_a_site_address_shows_links_as_written(page: Any, bundled_site: Path) -> None:
    _open(page, bundled_site / BUNDLED_KINDS["practice (longest)"], 1280)
    page.emulate_media(media="print")
    shown = page.evaluate(PRINTED)
    href, after = shown["site"]  # bdp.yaml has the placeholder https://bdp.example.org/: no canonical link
    assert href and f"({href})" in after and "example.org" not in after
    assert not (shown["search"] or shown["header"] or shown["nav"] or shown["footer"] or shown["contribute"])


# --- the phone drawings themselves (no browser) ---------------------------------------------------------

PHONE_CHARTS = {
    "ranking": {"rows": [[f"Gmina o bardzo długiej nazwie numer {i}", float(i) - 3, i == 2] for i in range(12)], "unit": "zł",
                "gap_after": 9},
    "boxes": {"groups": [["gminy wiejskie", 1.0, 2.0, 3.0, 4.0, 90000.0, 40], ["powiaty", 5.0, 6.0, 7.0, 8.0, 9.0, 6]], "unit": "zł"},
    "trend": {"years": list(range(2005, 2025)), "series": [["mediana: gminy miejsko-wiejskie", [float(i) for i in range(20)]],
                                                           ["Gmina Przykładowa", [None] * 5 + [float(i) for i in range(15)]]],
              "band": ["ćwiartki środkowe", [0.0] * 20, [30.0] * 20], "unit": "% wydanych decyzji", "period": [2010, 2012]},
    "gantt": {"first": 2020 * 12, "last": 2024 * 12 + 11, "rows": [["Zadanie 1", [[2020 * 12, 2021 * 12]], 0, "UM, NGO"],
                                                                    ["Krok 1.1", [[2022 * 12 + 3, 2024 * 12 + 11]], 1, ""]]},
}


@pytest.mark.parametrize("kind", sorted(PHONE_CHARTS))
def test_phone_drawing_has_no_small_text(kind: str) -> None:
    import re

    from generator.render.charts import MIN_TEXT, NARROW, Chart, draw_svg, narrow_path, with_narrow

    chart = Chart(kind, "Bardzo długi tytuł wykresu, który na telefonie musi zająć kilka wierszy, a nie zmaleć", "Opis.",
                  PHONE_CHARTS[kind], example=True)
    svg = draw_svg(Chart(kind, chart.title, chart.description, chart.data, chart.example, narrow=True))
    assert f'viewBox="0 0 {NARROW} ' in svg and f'width="{NARROW}"' in svg
    sizes = [int(size) for size in re.findall(r'<text [^>]*font-size="(\d+)"', svg)]
    assert sizes and min(sizes) >= MIN_TEXT
    xs = [float(x) for x in re.findall(r'<text x="(-?[\d.]+)"', svg)]
    assert min(xs) >= 0 and max(xs) <= NARROW
    assert svg.count('font-weight="bold"') >= 2, "the title is wrapped over lines"
    assert "DANE PRZYKŁADOWE" in svg
    assert draw_svg(chart) != svg
    assert list(with_narrow({"a/b.svg": chart})) == ["a/b-telefon.svg", "a/b.svg"] == sorted(["a/b.svg", narrow_path("a/b.svg")])
