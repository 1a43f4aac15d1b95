"""The indicator section of a practice page: the values of the indicators that name the practice in
its local governments before and after its period, beside the change of their peers' median."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from generator.content.records import Record
from generator.derive.indicators import MIN_PEERS
from generator.derive.model import title_of
from generator.polish import format_period, sort_key
from generator.render.chart_canvas import Chart
from generator.render.csvout import to_csv
from generator.render.indicator_context import Context
from generator.render.indicator_text import (
    EXAMPLE_NOTICE,
    chart_block,
    example_note,
    md_table,
    unit_of,
    with_unit,
)
from generator.render.numbers import plain, signed
from generator.render.pages.common import esc, link, page_path


def _year(value: Any) -> int | None:
    return int(value[:4]) if value else None


def practice_section(ctx: Context, practice: Record) -> None:
    """The section of one practice page (none when no indicator has values on both sides of its period)."""
    indicators = [i for i in ctx.model.referring("practice", practice.id, "indicator") if i.id in ctx.indicators]
    parts = []
    example = False
    period = practice.get("period") or {}
    start, end = _year(period.get("start")), _year(period.get("end"))
    codes = [c for c in practice.get("jst", []) if c in ctx.model.jst_by_code]
    for indicator in sorted(indicators, key=lambda r: sort_key(title_of(r))):
        own = ctx.values_of(indicator.id)
        mine = own[own["teryt"].isin(codes)]
        if mine.empty or start is None or end is None:
            continue  # no before/after without a finished period
        is_example = indicator.id in ctx.example
        section = _practice_indicator(ctx, practice, indicator, Span(own, mine, start, end), is_example)
        if section:
            example = example or is_example
            parts.append(section)
    if parts:
        intro = ("Wartości wskaźników, które wymieniają tę praktykę, w samorządach praktyki: ostatni rok przed początkiem "
                 f"okresu realizacji ({format_period(period) if period else 'okres nieznany'}) i pierwszy rok po jego końcu, obok "
                 "zmiany mediany pozostałych samorządów tego samego rodzaju w tych samych latach (gdy jest ich co najmniej "
                 f"{MIN_PEERS}). Porównanie opisuje zmiany, ale nie dowodzi, że spowodowała je praktyka.\n\n")
        notice = EXAMPLE_NOTICE.format(what="Wartości wskaźników w tej sekcji, na wykresach i w plikach CSV") if example else ""
        ctx.site.practice_sections[practice.id] = notice + intro + "".join(parts)


@dataclass
class Span:
    """One indicator's values for a practice: all of them (own), its local governments' (mine), its period in years."""

    own: Any
    mine: Any
    start: int
    end: int


def _comparison_rows(ctx: Context, page: str, indicator: Record, span: Span, med_others: Any) -> list[list[str]]:
    """A row per local government of the practice with a value on both sides of the period."""
    series_of: dict[str, dict[int, float]] = defaultdict(dict)
    mine = span.mine
    for code, year, value in zip(mine["teryt"].tolist(), mine["year"].tolist(), mine["value"].tolist(), strict=True):
        series_of[code][year] = value
    rows = []
    for code in sorted(series_of, key=lambda c: sort_key(ctx.name(c))):
        series = series_of[code]
        before = [y for y in series if y < span.start]
        after = [y for y in series if y > span.end]
        if not before or not after:
            continue  # a comparison needs a value on both sides of the period
        b, a = max(before), min(after)
        context = med_others[a] - med_others[b] if a in med_others.index and b in med_others.index else None
        rows.append([link(page, ctx.model.jst_by_code[code]), f"{with_unit(series[b], indicator)} ({b})",
                     f"{with_unit(series[a], indicator)} ({a})", signed(series[a] - series[b]), signed(context)])
    return rows


def _practice_indicator(ctx: Context, practice: Record, indicator: Record, span: Span, example: bool) -> str:
    page = page_path(practice)
    folder = f"{practice.type.url_dir}/{practice.id}"
    own, mine, start, end = span.own, span.mine, span.start, span.end
    years = sorted(int(y) for y in own["year"].unique())
    others = own[~own["teryt"].isin(mine["teryt"].unique()) & own["peer"].isin(mine["peer"].unique())]
    med_mine = mine.groupby("year")["value"].median()
    by_year = others.groupby("year")["value"]
    med_others = by_year.median()[by_year.size() >= MIN_PEERS]
    peers = ", ".join(sorted(mine["peer"].unique().tolist()))
    rows = _comparison_rows(ctx, page, indicator, span, med_others)
    if not rows:
        return ""
    count = mine["teryt"].nunique()
    label = ctx.name(mine["teryt"].iloc[0]) if count == 1 else f"mediana samorządów praktyki ({count})"
    series = [[label, [float(med_mine[y]) if y in med_mine.index else None for y in years]]]
    if not med_others.empty:
        series.append([f"mediana pozostałych: {peers} ({others['teryt'].nunique()})",
                       [float(med_others[y]) if y in med_others.index else None for y in years]])
    chart = Chart("trend", f"{indicator.get('name')} — przed praktyką i po niej", (
        f"Wykres liniowy w latach {years[0]}–{years[-1]}: {label} i mediana pozostałych samorządów tego samego rodzaju; zaznaczono okres "
        f"realizacji praktyki ({start}–{end if end else 'nadal'})."),
        {"years": years, "series": series, "band": None, "unit": unit_of(indicator), "period": [start, end]}, example)
    svg = f"{folder}/wskaznik-{indicator.id}.svg"
    ctx.site.charts[svg] = chart
    ctx.site.files[f"{folder}/wskaznik-{indicator.id}.csv"] = to_csv(
        ["year", "mediana_praktyki", "mediana_pozostalych", "uwaga"],
        ([y, plain(med_mine.get(y)), plain(med_others.get(y)), example_note(example)] for y in years))
    table = md_table(["Samorząd", "Przed okresem praktyki", "Po okresie praktyki", "Zmiana", f"Zmiana mediany pozostałych ({peers})"], rows)
    return (f"### {esc(indicator.get('name'))}\n\n" + chart_block(page, svg, chart, "Wartości przed okresem praktyki i po nim",
                                                                 table, f"{folder}/wskaznik-{indicator.id}.csv")
            + f"Więcej: {link(page, indicator)}.\n\n")
