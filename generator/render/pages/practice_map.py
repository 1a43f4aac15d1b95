"""The map of practices (issue #15): a tile-grid cartogram of the 16 voivodeships as inline SVG, for
all practices (mapa/index.md) and per sector (mapa/<sektor>.md), the same numbers as a table, and a
list page per voivodeship (mapa/wojewodztwa/<nazwa>.md) that every tile links to. No script, no
tiles from a server: the SVG is part of the page."""
from __future__ import annotations

import html

from generator.derive.geography import (
    VOIVODESHIP_LIST,
    PracticeMap,
    Voivodeship,
    class_bounds,
    class_of,
    practice_map,
    practice_sectors,
)
from generator.derive.model import SiteModel, sector_slug
from generator.polish import heading_slug, plural, sort_key, there_are
from generator.render.pages.common import esc, link, rel

INDEX = "mapa/index.md"
VOIVODESHIP_DIR = "mapa/wojewodztwa"

# Tile grid: (row, column) of every voivodeship, north at the top, roughly where it lies.
GRID: dict[str, tuple[int, int]] = {
    "32": (0, 0), "22": (0, 1), "28": (0, 2), "20": (0, 3),
    "08": (1, 0), "30": (1, 1), "04": (1, 2), "14": (1, 3),
    "02": (2, 0), "10": (2, 1), "26": (2, 2), "06": (2, 3),
    "16": (3, 0), "24": (3, 1), "12": (3, 2), "18": (3, 3),
}
# Names too long for a tile at 11 px on a 360 px screen, shortened as Polish texts shorten them.
SHORT = {"02": "dolnośl.", "14": "mazow.", "04": "kuj.-pom.", "18": "podkarp.", "26": "świętokrz.", "28": "warm.-maz.",
         "30": "wielkopol.", "32": "zach.-pom."}
TILE_W, TILE_H, GAP = 80, 70, 4
WIDTH, HEIGHT = 4 * TILE_W + 3 * GAP, 4 * TILE_H + 3 * GAP
# Fill and text colour per class (0 = no practice); every pair has a contrast of at least 4.5:1.
COLOURS = [("#f3f5f7", "#1b1b1b"), ("#d6e6f4", "#1b1b1b"), ("#9cc5e6", "#1b1b1b"), ("#2b73b6", "#ffffff"),
           ("#0b3d75", "#ffffff")]
PRACTICES = ("praktyka", "praktyki", "praktyk")
NOTE = ("Każde pole to jedno województwo, ułożone mniej więcej tak, jak leży na mapie Polski (kartogram: "
        "wszystkie pola mają tę samą wielkość, bez granic). Liczba w polu to liczba praktyk samorządów z tego "
        "województwa; województwo wynika z kodu TERYT samorządu. Praktyka samorządów z dwóch województw "
        "liczy się w obu. Pole prowadzi do spisu praktyk województwa.")


def locative(name: str) -> str:
    """"mazowieckie" -> "mazowieckim" (every voivodeship's name is an adjective in -kie)."""
    return name[:-1] + "m" if name.endswith("ie") else name


def map_page_path(sector: str | None) -> str:
    return INDEX if sector is None else f"mapa/{sector_slug(sector)}.md"


def voivodeship_page_path(voivodeship: Voivodeship) -> str:
    return f"{VOIVODESHIP_DIR}/{voivodeship.slug}.md"


def render_map_pages(model: SiteModel) -> dict[str, str]:
    """Every page of the map: all practices, one per sector with practices, one per voivodeship."""
    sectors = practice_sectors(model)
    pages = {INDEX: render_map(model, practice_map(model), sectors)}
    for sector in sectors:
        pages[map_page_path(sector)] = render_map(model, practice_map(model, sector), sectors)
    everything = practice_map(model)
    for voivodeship in VOIVODESHIP_LIST:
        pages[voivodeship_page_path(voivodeship)] = render_voivodeship(model, everything, voivodeship)
    return pages


def render_map(model: SiteModel, counts: PracticeMap, sectors: list[str]) -> str:
    """One map page: heading, the SVG, the legend, the table, the other variants."""
    page = map_page_path(counts.sector)
    title = "Mapa praktyk" if counts.sector is None else f"Mapa praktyk: sektor {esc(counts.sector)}"
    what = "" if counts.sector is None else f" w sektorze „{esc(counts.sector)}”"
    bounds = class_bounds([counts.count(v.code) for v in VOIVODESHIP_LIST])
    lead = f"Praktyki{what} według województw. Na mapie {there_are(counts.total, *PRACTICES)}."
    if counts.unplaced:
        lead += f" Bez województwa, bo nie wskazują samorządu: {plural(len(counts.unplaced), *PRACTICES)}."
    parts = [f"# {title}\n\n{lead}\n\n{NOTE}\n\n", svg(page, counts, bounds, title), "\n\n", legend(bounds), "\n",
             variants(page, counts.sector, sectors), "## Liczby w tabeli\n\n", table(page, counts)]
    return "".join(parts)


def _tile(page: str, counts: PracticeMap, voivodeship: Voivodeship, bounds: list[tuple[int, int]], sector: str | None) -> str:
    row, column = GRID[voivodeship.code]
    x, y = column * (TILE_W + GAP), row * (TILE_H + GAP)
    count = counts.count(voivodeship.code)
    fill, ink = COLOURS[class_of(count, bounds)]
    target = rel(page, voivodeship_page_path(voivodeship))
    if sector is not None and count:
        target += "#" + heading_slug(sector)
    name = f"województwo {voivodeship.name}: {plural(count, *PRACTICES)}"
    dashed = ' stroke-dasharray="4 3"' if count == 0 else ""
    label = html.escape(SHORT.get(voivodeship.code, voivodeship.name))
    return (f'<a href="{html.escape(target)}"><title>{html.escape(name)}</title>'
            f'<rect x="{x}" y="{y}" width="{TILE_W}" height="{TILE_H}" rx="4" fill="{fill}" stroke="#4a5560"{dashed}/>'
            f'<text x="{x + TILE_W // 2}" y="{y + 22}" text-anchor="middle" font-size="12" fill="{ink}" aria-hidden="true">{label}</text>'
            f'<text x="{x + TILE_W // 2}" y="{y + 54}" text-anchor="middle" font-size="24" font-weight="bold" fill="{ink}" '
            f'aria-hidden="true">{count}</text></a>')


def svg(page: str, counts: PracticeMap, bounds: list[tuple[int, int]], title: str) -> str:
    """The cartogram as one line of inline SVG (a blank line would end the HTML block in Markdown)."""
    slug = "mapa-" + (sector_slug(counts.sector) if counts.sector else "wszystkie")
    tiles = "".join(_tile(page, counts, v, bounds, counts.sector) for v in sorted(VOIVODESHIP_LIST, key=lambda v: GRID[v.code]))
    label = html.escape(f"{title}: liczba praktyk w 16 województwach; każde pole prowadzi do spisu praktyk województwa")
    return (f'<figure class="bdp-map"><svg id="{slug}" viewBox="-2 -2 {WIDTH + 4} {HEIGHT + 4}" role="group" aria-label="{label}" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{label}</title>{tiles}</svg></figure>')


def _swatch(index: int) -> str:
    """A legend's sample of a class colour, drawn like the tiles (no style attribute: pages carry none)."""
    dashed = ' stroke-dasharray="3 2"' if index == 0 else ""
    return (f'<svg class="bdp-map__swatch" viewBox="0 0 20 20" aria-hidden="true"><rect x="1" y="1" width="18" height="18" rx="2" '
            f'fill="{COLOURS[index][0]}" stroke="#4a5560" stroke-width="1.5"{dashed}/></svg>')


def legend(bounds: list[tuple[int, int]]) -> str:
    """The colour classes as a list; every tile also shows its number, so colour is never the only cue."""
    items = [(0, "brak praktyk (pole z przerywaną ramką)")]
    items += [(index, f"{low}" if low == top else f"{low}–{top}") for index, (low, top) in enumerate(bounds, start=1)]
    rows = "".join(f'<li>{_swatch(i)}{html.escape(text)}</li>' for i, text in items)
    return f'<div class="bdp-map__legend"><p>Legenda: liczba praktyk w województwie (jest też wypisana w każdym polu)</p><ul>{rows}</ul></div>\n'


def variants(page: str, current: str | None, sectors: list[str]) -> str:
    """Links to the map of every sector (and back to all practices)."""
    if not sectors:
        return ""
    entries = [("Wszystkie praktyki", INDEX, current is None)] + [(s, map_page_path(s), s == current) for s in sectors]
    lines = "".join(f"- **{esc(text)}** (ta mapa)\n" if chosen else f"- [{esc(text)}]({rel(page, target)})\n"
                    for text, target, chosen in entries)
    return "## Mapa według sektora\n\n" + lines + "\n"


def table(page: str, counts: PracticeMap) -> str:
    rows = "".join(f"| [{esc(v.name)}]({rel(page, voivodeship_page_path(v))}) | {counts.count(v.code)} | {esc(v.code)} |\n"
                   for v in sorted(VOIVODESHIP_LIST, key=lambda v: sort_key(v.name)))
    return "| Województwo | Praktyki | Kod TERYT |\n| --- | ---: | --- |\n" + rows


def render_voivodeship(model: SiteModel, counts: PracticeMap, voivodeship: Voivodeship) -> str:
    """The practices of one voivodeship, by sector (the anchors the sector maps link to)."""
    page = voivodeship_page_path(voivodeship)
    practices = counts.practices.get(voivodeship.code, [])
    parts = [f"# Praktyki: województwo {esc(voivodeship.name)}\n\n",
             f"W województwie {esc(locative(voivodeship.name))} (kod TERYT {voivodeship.code}): "
             f"{plural(len(practices), *PRACTICES)} z udziałem samorządu z tego województwa. "
             f"[Wróć do mapy]({rel(page, INDEX)}).\n\n"]
    if not practices:
        parts.append("Baza nie ma jeszcze praktyk samorządów z tego województwa.\n")
        return "".join(parts)
    parts.append("## Wszystkie praktyki\n\n" + "".join(f"- {link(page, p)}\n" for p in practices) + "\n")
    for sector in practice_sectors(model):
        chosen = [p for p in practices if sector in p.get("sectors", [])]
        if chosen:
            parts.append(f"## {esc(sector)}\n\n" + "".join(f"- {link(page, p)}\n" for p in chosen) + "\n")
    return "".join(parts)
