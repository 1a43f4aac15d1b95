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


def _build(tmp: Path, *args: str) -> None:
    result = run_bdp("--root", str(tmp / "demo"), "build", *args)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("layout")
    shutil.copytree(PROJECT / "demo", tmp / "demo", ignore=shutil.ignore_patterns("site", "build"))
    shutil.copytree(PROJECT / "demo-jury", tmp / "demo-jury", ignore=shutil.ignore_patterns("jury-site"))
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
    overflow = page.evaluate(OVERFLOW)
    assert overflow["width"] <= width, f"{kind} at {width} px is {overflow['width']} px wide: {overflow['culprits']}"
    assert page.evaluate(SMALL_TARGETS) == [], f"{kind} at {width} px"
    assert axe_violations(page) == [], f"{kind} at {width} px"


@pytest.mark.parametrize("width", WIDTHS)
def test_bundled_procedure_fits_the_screen(page: Any, bundled_site: Path, width: int) -> None:
    _open(page, bundled_site / BUNDLED["procedure"], width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    charts = chart_text(page)
    assert charts, "the procedure page has a schedule chart"
    if width == 360:
        assert [c for c in charts if c[1] < 11] == []
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["practice", "indicator"])
def test_chart_text_is_readable_on_a_phone(page: Any, sites: dict[str, Path], path: str) -> None:
    _open(page, sites["public"] / PUBLIC[path], 360)
    charts = chart_text(page)
    assert charts, f"the demo {path} page has charts"
    assert all("-telefon.svg" in c[0] for c in charts), "a phone shows the narrow drawings"
    assert [c for c in charts if c[1] < 11] == []
    _open(page, sites["public"] / PUBLIC[path], 1280)
    assert all("-telefon.svg" not in c[0] for c in chart_text(page)), "a laptop shows the wide drawings"


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


def test_jury_ranking_titles_are_not_cut_into_syllables(page: Any, sites: dict[str, Path]) -> None:
    _open(page, sites["jury"] / JURY["jury ranking"], 1280)
    # no cell of the ranking is narrower than a short word; text breaks only between words
    narrow = page.evaluate("""() => [...document.querySelectorAll('.md-typeset table td')]
        .filter(td => td.textContent.trim().length > 12 && td.getBoundingClientRect().width < 90)
        .map(td => td.textContent.trim().slice(0, 30))""")
    assert narrow == []
    assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset td')).overflowWrap") != "anywhere"


def test_practice_prints_cleanly(page: Any, sites: dict[str, Path]) -> None:
    _open(page, sites["public"] / PUBLIC["practice"], 1280)
    page.emulate_media(media="print")
    shown = page.evaluate("""() => {
      const visible = sel => [...document.querySelectorAll(sel)].some(el => el.getBoundingClientRect().height > 0);
      const link = [...document.querySelectorAll('.md-content a[href^="http"], .md-content a[href$=".html"]')][0];
      return {search: visible('.bdp-header-search'), header: visible('.md-header'), nav: visible('.md-sidebar, .md-tabs'),
              footer: visible('.md-footer'), after: link ? getComputedStyle(link, '::after').content : '',
              href: link ? link.getAttribute('href') : '',
              tables: [...document.querySelectorAll('details.bdp-chart-data table')].map(t => t.checkVisibility()),
              wide: [...document.querySelectorAll('.bdp-chart-wide')].map(i => i.getBoundingClientRect().height),
              narrow: [...document.querySelectorAll('.bdp-chart-narrow')].map(i => i.getBoundingClientRect().height)};
    }""")
    assert not (shown["search"] or shown["header"] or shown["nav"] or shown["footer"]), shown
    assert shown["href"] and shown["href"] in shown["after"]
    assert shown["tables"] and all(shown["tables"]), "chart data printed"
    assert all(h > 0 for h in shown["wide"]) and all(h == 0 for h in shown["narrow"])
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


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
    svg, _ = draw_svg(Chart(kind, chart.title, chart.description, chart.data, chart.example, narrow=True))
    assert f'viewBox="0 0 {NARROW} ' in svg and f'width="{NARROW}"' in svg
    sizes = [int(size) for size in re.findall(r'<text [^>]*font-size="(\d+)"', svg)]
    assert sizes and min(sizes) >= MIN_TEXT
    xs = [float(x) for x in re.findall(r'<text x="(-?[\d.]+)"', svg)]
    assert min(xs) >= 0 and max(xs) <= NARROW
    assert svg.count('font-weight="bold"') >= 2, "the title is wrapped over lines"
    assert "DANE PRZYKŁADOWE" in svg
    assert draw_svg(chart)[0] != svg
    assert list(with_narrow({"a/b.svg": chart})) == ["a/b-telefon.svg", "a/b.svg"] == sorted(["a/b.svg", narrow_path("a/b.svg")])
