"""The indicator section of every local-government page: its latest values among its peer groups
and the change between its first and last year, built column by column for all pages at once."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from generator.content.records import Record
from generator.derive.indicators import MIN_PEERS, UNRATED, position
from generator.derive.model import title_of
from generator.polish import sort_key
from generator.render.indicator_context import Context
from generator.render.indicator_text import EXAMPLE_NOTICE, GROUP_NOTE, md_table, unit_of
from generator.render.numbers import number, signed
from generator.render.pages.common import esc, page_path, rel

STATS = ["n", "q1", "median", "q3"]


def jst_sections(ctx: Context) -> None:
    """The indicator section of every local-government page, built column by column.

    One row per local government and indicator (its latest value, the first and last year with
    data, the medians of its peer groups), formatted once as Markdown table rows and then cut
    into one section per local government. The values of all years are in the open data (dane/).
    """
    rows = _rows(ctx)
    if rows is None:
        return
    latest_lines, change_lines = _lines(ctx, rows)
    teryt = rows["teryt"].tolist()
    example_rows = np.array([i in ctx.example for i in rows["indicator"].tolist()], dtype=bool)
    codes = np.array(teryt, dtype=object)
    bounds = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1], True])
    projects: dict[str, list[str]] = defaultdict(list)
    groups = ctx.d.groups
    for code, kind, group in zip(groups["teryt"].tolist(), groups["kind"].tolist(), groups["group"].tolist(), strict=True):
        if kind == "projekt":
            projects[code].append(group)
    for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        code = teryt[a]
        ctx.site.jst_sections[code] = _jst(ctx, ctx.model.jst_by_code[code], latest_lines[a:b], change_lines[a:b],
                                           sorted(projects.get(code, [])), bool(example_rows[a:b].any()))


def _rows(ctx: Context) -> pd.DataFrame | None:
    """One row per local government and indicator: first and last value, rank in the last year; None when there are none."""
    values = ctx.d.values
    if values.empty:
        return None
    order = {i: n for n, i in enumerate(sorted(ctx.indicators, key=lambda i: sort_key(title_of(ctx.indicators[i]))))}
    rows = ctx.d.changes
    rows = rows[rows["teryt"].isin(ctx.model.jst_by_code.keys()) & rows["indicator"].isin(order.keys())]
    rows = rows.merge(values[["teryt", "indicator", "year", "rank", "count"]], left_on=["teryt", "indicator", "last_year"],
                      right_on=["teryt", "indicator", "year"], how="left")
    rows = rows.assign(order=rows["indicator"].map(order)).sort_values(["teryt", "order"], kind="stable").reset_index(drop=True)
    return None if rows.empty else rows


def _peer_rows(ctx: Context, rows: pd.DataFrame, kind: str, year: str) -> pd.DataFrame:
    """The statistics of the peer groups of one kind of each row's local government in the row's `year` column."""
    groups, peers = ctx.d.groups, ctx.d.peers
    own = groups[groups["kind"] == kind][["teryt", "group", "peer"]]
    found = peers[(peers["kind"] == kind) & (peers["n"] >= MIN_PEERS)][["indicator", "year", "group", "peer", *STATS]]
    found = found.rename(columns={"year": year})
    return (rows[["teryt", "indicator", year]].reset_index().merge(own, on="teryt")
            .merge(found, on=["indicator", year, "group", "peer"]).sort_values(["index", "group"], kind="stable"))


def _median_cells(ctx: Context, rows: pd.DataFrame, fmt: Any) -> dict[str, list[str]]:
    """Per kind of peer group, each row's cell: the medians of its groups with their sizes, or "—"."""
    cells_of = {}
    for kind in ("rodzaj", "województwo", "projekt"):
        found = _peer_rows(ctx, rows, kind, "last_year")
        texts: dict[int, list[str]] = {}
        for index, m, n in zip(found["index"].tolist(), found["median"].tolist(), found["n"].tolist(), strict=True):
            texts.setdefault(index, []).append(f"{fmt(m)} (n={int(n)})")
        cells = ["—"] * len(rows)
        for index, found_texts in texts.items():
            cells[index] = "; ".join(found_texts)
        cells_of[kind] = cells
    return cells_of


@dataclass
class _Columns:
    """The columns of the rows as lists (formatting runs over 2,500 pages × indicators)."""

    indicator: list[str]
    teryt: list[str]
    value: list[float]
    first_value: list[float]
    year: list[int]
    first_year: list[int]
    rank: list[int]
    count: list[int]
    directions: list[str]
    where: list[str]
    type_change: list[float]


def _columns(ctx: Context, rows: pd.DataFrame) -> _Columns:
    # the first group of the type kind (a local government has one type): position and change of its median
    by_type = _peer_rows(ctx, rows, "rodzaj", "last_year").drop_duplicates("index").set_index("index").reindex(range(len(rows)))
    type_first = _peer_rows(ctx, rows, "rodzaj", "first_year").drop_duplicates("index").set_index("index").reindex(range(len(rows)))
    directions = [ctx.d.directions.get(i, UNRATED) for i in rows["indicator"].tolist()]
    value = rows["last_value"].tolist()
    where = [position(v, q1, med, q3, d) if n == n and n >= MIN_PEERS else "—" for v, q1, med, q3, n, d in
             zip(value, by_type["q1"].tolist(), by_type["median"].tolist(), by_type["q3"].tolist(), by_type["n"].tolist(), directions, strict=True)]
    return _Columns(rows["indicator"].tolist(), rows["teryt"].tolist(), value, rows["first_value"].tolist(),
                    rows["last_year"].astype(int).tolist(), rows["first_year"].astype(int).tolist(),
                    rows["rank"].astype(int).tolist(), rows["count"].astype(int).tolist(), directions, where,
                    (by_type["median"] - type_first["median"]).tolist())


def _lines(ctx: Context, rows: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The Markdown rows of the two tables (latest value among peers; change), one per row."""
    fmt = lru_cache(maxsize=None)(number)  # the same values recur across 2,500 pages
    median_cells = _median_cells(ctx, rows, fmt)
    c = _columns(ctx, rows)
    page_of = {code: page_path(jst) for code, jst in ctx.model.jst_by_code.items()}
    units = {i: (f" {esc(unit_of(r))}" if unit_of(r) else "") for i, r in ctx.indicators.items()}
    latest_lines, change_lines = [], []
    signed_memo = lru_cache(maxsize=None)(signed)
    for k, name in enumerate(c.indicator):
        ref = ctx.jst_link(page_of[c.teryt[k]], ctx.indicators[name])
        v = number(c.value[k])
        several = c.year[k] != c.first_year[k]
        latest_lines.append(f"| {ref} | {c.year[k]} | {v}{units[name]} | "
                            + (f"{c.rank[k]} z {c.count[k]}" if c.directions[k] != UNRATED and c.count[k] >= MIN_PEERS else "—")
                            + f" | {median_cells['rodzaj'][k]} | {median_cells['województwo'][k]} | {median_cells['projekt'][k]} | {c.where[k]} |")
        history = f"{c.first_year[k]}: {number(c.first_value[k])} → {c.year[k]}: {v}" if several else f"{c.year[k]}: {v}"
        change_lines.append(f"| {ref} | {history} | " + (signed(c.value[k] - c.first_value[k]) if several else "—") + " | "
                            + (signed_memo(c.type_change[k]) if several else "—") + " |")
    return latest_lines, change_lines


def _jst(ctx: Context, jst: Record, latest_lines: list[str], change_lines: list[str], projects: list[str], example: bool) -> str:
    page = page_path(jst)
    project_names = [title_of(p) for g in projects if (p := ctx.model.get("project", g))]
    intro = (f"{GROUP_NOTE} Rodzaj: {esc(jst.get('type'))}; województwo: {esc(jst.get('voivodeship'))}"
             + (f"; projekty: {esc(', '.join(project_names))}" if project_names else "; samorząd nie jest uczestnikiem projektu z listą uczestników")
             + ". Mediany i położenie dotyczą ostatniego roku, w którym samorząd ma wartość; położenie (ćwiartka) — wśród samorządów "
             "tego samego rodzaju, z uwzględnieniem kierunku wskaźnika.\n\n")
    parts = [EXAMPLE_NOTICE.format(what="Wartości wskaźników w tej sekcji i w danych otwartych") if example else "", intro,
             "*Tabela: ostatnia wartość na tle median grup porównawczych" + (" (dane przykładowe)" if example else "") + ".*\n\n",
             md_table(["Wskaźnik", "Rok", "Wartość", "Miejsce wśród samorządów tego rodzaju", "Mediana: rodzaj", "Mediana: województwo", "Mediana: grupa projektu",
                       "Położenie wśród samorządów tego rodzaju"], []), "\n".join(latest_lines), "\n\n",
             "*Tabela: wartość w pierwszym i ostatnim roku z danymi i zmiana między nimi, obok zmiany mediany samorządów tego samego rodzaju "
             "w tych samych latach (wartości ze wszystkich lat są w danych otwartych)"
             + (" (dane przykładowe)" if example else "") + ".*\n\n",
             md_table(["Wskaźnik", "Pierwszy i ostatni rok", "Zmiana", "Zmiana mediany rodzaju"], []), "\n".join(change_lines), "\n\n",
             f"Wartości samorządu ze wszystkich lat są w tabelach wskaźników w [danych otwartych]({rel(page, 'dane/index.md')}) "
             "(pliki CSV, kolumna teryt: " + esc(jst.get("teryt")) + ")" + (" (dane przykładowe)" if example else "") + ".\n"]
    return "".join(parts)
