"""Side by side (porownaj/): 2–4 local governments or 2–4 practices in columns.

The page is a shell filled in the browser by assets/compare/bdp-compare.js (every page loads it:
mkdocs.yml, extra_javascript) from a data file it adds as a <script src> (fetch does not work from a
copy opened from disk); every text in the data is plain text, put in with textContent. No page has
a script of its own in its content.
"""
from __future__ import annotations

import html
import json
from typing import Any

from generator.content.records import Record
from generator.derive.compare import PeerValue, peer_values
from generator.derive.model import SiteModel, title_of
from generator.derive.reuse import reuse_index
from generator.polish import format_date, format_money, format_period, plural
from generator.render.indicators import indicator_site
from generator.render.numbers import number
from generator.render.pages.common import page_path, rel

PAGE = "porownaj/index.md"
DATA = "porownaj/dane.js"
SCRIPT = "assets/compare/bdp-compare.js"
MAX_ITEMS = 4
# The peer classes of generator/derive/indicators.py in the genitive: "miejsce 3 z 20 wśród gmin".
AMONG = {"gminy": "gmin", "miasta na prawach powiatu": "miast na prawach powiatu", "powiaty": "powiatów", "województwa": "województw"}

Cell = list[list[Any]]  # lines; a line: plain texts and [text, link relative to the site root]


def _url(record: Record) -> str:
    return page_path(record).removesuffix(".md") + ".html"


def _ref(record: Record) -> list[str]:
    return [title_of(record), _url(record)]


def _jst_ref(model: SiteModel, code: str) -> Any:
    jst = model.jst_by_code.get(code)
    return _ref(jst) if jst else code


def _peer_lines(item: PeerValue, unit: str, example: bool) -> Cell:
    """The value, its year and its place among the peer class, one fact a line."""
    among = AMONG.get(item.peer, item.peer)
    lines = [f"{number(item.value)}{' ' + unit if unit else ''} ({item.year})"]
    if item.rank is not None:
        lines.append(f"miejsce {item.rank} z {item.count} wśród {among}")
    if item.median is not None:
        lines += [f"mediana {among}: {number(item.median)}", item.where]
    else:
        lines.append(f"za mało {among} do porównania")
    return [[line] for line in lines + (["dane przykładowe"] if example else [])]


def _awards_by(model: SiteModel, key: str) -> dict[str, Cell]:
    """The awards cell of every local government (key "jst_code") or practice (key "practice"), in one pass."""
    cells: dict[str, Cell] = {}
    for award in model.awards():
        owner = getattr(award, key)
        if owner:
            cells.setdefault(owner, []).append([f"{award.award} — ", _ref(award.contest)])
    return cells


def _indicator_cells(model: SiteModel) -> dict[str, dict[str, Cell]]:
    """Per TERYT code, the cell of each indicator: computed once per indicator layer and kept on it."""
    site = indicator_site(model)
    if site.compare_cells is None:
        peers = peer_values(site.derived) if site.derived is not None else {}
        units = {i.id: str(i.get("unit") or "") for i in model.all("indicator")}
        site.compare_cells = {code: {"w:" + item.indicator: _peer_lines(item, units.get(item.indicator, ""), item.indicator in site.example)
                                     for item in values} for code, values in peers.items()}
    return site.compare_cells


def _jst_item(model: SiteModel, jst: Record, indicators: dict[str, Cell], adopted: list[Any],
              awards: dict[str, Cell]) -> dict[str, Any]:
    code = str(jst.get("teryt"))
    practices = model.referring("jst", code, "practice")
    cells: dict[str, Cell] = {
        "rodzaj": [[str(jst.get("type"))]], "wojewodztwo": [[str(jst.get("voivodeship"))]],
        "powiat": [[str(jst.get("powiat"))]] if jst.get("powiat") else [], "teryt": [[code]],
        "praktyki": [[plural(len(practices), "praktyka", "praktyki", "praktyk")]] + [[_ref(p)] for p in practices] if practices else [],
        "nagrody": awards.get(code, []),
        "przeniesienia": [[_ref(a.source), f" ({a.year})"] for a in adopted],
        **indicators,
    }
    return {"id": code, "name": title_of(jst), "url": _url(jst), "cells": {k: v for k, v in cells.items() if v}}


def _practice_item(model: SiteModel, practice: Record, awards: dict[str, Cell]) -> dict[str, Any]:
    index = reuse_index(model)
    costs = practice.get("costs")
    cells: dict[str, Cell] = {
        "samorzady": [[_jst_ref(model, c)] for c in practice.get("jst", [])],
        "sektory": [[s] for s in practice.get("sectors", [])],
        "okres": [[format_period(practice.get("period"))]] if practice.get("period") else [],
        "koszty": [[f"{format_money(costs['amount_pln'])} ({costs['kind']})" + ("; wartość przykładowa" if costs.get("placeholder") else "")]] if costs else [],
        "finansowanie": [[f] for f in practice.get("funding", [])],
        "projekty": [[_ref(p)] for pid in practice.get("projects", []) if (p := model.get("project", pid))],
        "rezultaty": [[r] for r in practice.get("results", [])],
        "nagrody": awards.get(practice.id, []),
        "wzorowano": [[_ref(a.source), f" — {a.year}"] for a in index.by_adopter.get(practice.id, ())],
        "zainspirowala": ([[plural(index.jst_count(practice.id), "samorząd", "samorządy", "samorządów")]]
                          + [[_jst_ref(model, a.jst_code), f" ({a.year})"] for a in index.by_source[practice.id]]
                          if practice.id in index.by_source else []),
        "sprawdzono": [[format_date(practice.get("last_verified"))]],
    }
    return {"id": practice.id, "name": title_of(practice), "url": _url(practice), "cells": {k: v for k, v in cells.items() if v}}


JST_ROWS = [["rodzaj", "Rodzaj"], ["wojewodztwo", "Województwo"], ["powiat", "Powiat"], ["teryt", "Kod TERYT"],
            ["praktyki", "Praktyki w bazie"], ["nagrody", "Nagrody w konkursach"], ["przeniesienia", "Praktyki wzorowane na innych"]]
PRACTICE_ROWS = [["samorzady", "Samorządy"], ["sektory", "Sektory"], ["okres", "Okres realizacji"], ["koszty", "Koszty"],
                 ["finansowanie", "Finansowanie"], ["projekty", "Projekty"], ["rezultaty", "Rezultaty"], ["nagrody", "Nagrody i wyróżnienia"],
                 ["wzorowano", "Wzorowano na"], ["zainspirowala", "Zainspirowała"], ["sprawdzono", "Ostatnio sprawdzono"]]


def compare_data(model: SiteModel) -> dict[str, Any]:
    """Everything the comparison shows, keyed by kind (the address parameter: jst, praktyki)."""
    cells = _indicator_cells(model)
    indicators = sorted({key.removeprefix("w:") for values in cells.values() for key in values})
    named = [[f"w:{i}", str(r.get("short_name") or r.get("name")) if (r := model.get("indicator", i)) else i] for i in indicators]
    adopted: dict[str, list[Any]] = {}
    for adoption in reuse_index(model).adoptions:
        adopted.setdefault(adoption.jst_code, []).append(adoption)
    jst_awards, practice_awards = _awards_by(model, "jst_code"), _awards_by(model, "practice")
    return {
        "max": MAX_ITEMS,
        "jst": {"label": "Samorządy", "rows": JST_ROWS + named,
                "items": [_jst_item(model, j, cells.get(code, {}), adopted.get(code, []), jst_awards)
                          for j in model.all("jst") if (code := str(j.get("teryt")))]},
        "praktyki": {"label": "Praktyki", "rows": PRACTICE_ROWS,
                     "items": [_practice_item(model, p, practice_awards) for p in model.all("practice")]},
    }


def data_script(model: SiteModel) -> str:
    payload = json.dumps(compare_data(model), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.BDP_COMPARE={payload};\n"


def pick_block(page: str, kind: str, key: str) -> str:
    """The "Porównaj" button of a local-government or practice page: made and shown by the script only."""
    return (f'<div class="bdp-compare-pick" data-kind="{kind}" data-id="{html.escape(key, quote=True)}" '
            f'data-compare="{html.escape(rel(page, "porownaj/index.html"), quote=True)}" hidden></div>\n\n')


def render_compare_page(model: SiteModel) -> str:
    page = PAGE
    return (
        "# Porównanie\n\n"
        f"Porównaj obok siebie od 2 do {MAX_ITEMS} samorządów albo od 2 do {MAX_ITEMS} praktyk: cechy z rejestru, wskaźniki na tle "
        "samorządów tego samego rodzaju, praktyki i nagrody. Wybór jest zapisany w adresie strony, więc porównanie można przesłać "
        "innym osobom. Samorządy i praktyki dodaje się przyciskiem „Porównaj” na ich stronach albo z listy poniżej.\n\n"
        f'<div id="bdp-compare" class="bdp-compare" data-root="../" data-data="{rel(page, DATA)}">\n'
        '<p class="bdp-compare__nojs">Porównanie działa z włączonym JavaScriptem. Bez niego porównaj dane na stronach '
        f'<a href="{rel(page, "samorzady/index.md")}">samorządów</a> i <a href="{rel(page, "praktyki/index.md")}">praktyk</a> '
        f'albo pobierz <a href="{rel(page, "dane/index.md")}">dane otwarte</a>.</p>\n'
        "</div>\n"
    )
