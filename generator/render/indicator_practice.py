"""The indicator section of a practice page: the values of the indicators that name the practice in
its local governments before and after its period, beside the change of their peers' median
(derived by generator.derive.indicator_views.comparison)."""
from __future__ import annotations

from typing import Any

from generator.content.records import Record
from generator.derive.indicator_views import Change, Comparison, comparison
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
        if start is None or end is None:
            continue  # no before/after without a finished period
        found = comparison(ctx.values_of(indicator.id), codes, start, end)
        if found is None or not found.changes:
            continue
        is_example = indicator.id in ctx.example
        example = example or is_example
        parts.append(_practice_indicator(ctx, practice, indicator, found, start, end, is_example))
    if parts:
        intro = ("Wartości wskaźników, które wymieniają tę praktykę, w samorządach praktyki: ostatni rok przed początkiem "
                 f"okresu realizacji ({format_period(period) if period else 'okres nieznany'}) i pierwszy rok po jego końcu, obok "
                 "zmiany mediany pozostałych samorządów tego samego rodzaju w tych samych latach (gdy jest ich co najmniej "
                 f"{MIN_PEERS}). Porównanie opisuje zmiany, ale nie dowodzi, że spowodowała je praktyka.\n\n")
        notice = EXAMPLE_NOTICE.format(what="Wartości wskaźników w tej sekcji, na wykresach i w plikach CSV") if example else ""
        ctx.site.practice_sections[practice.id] = notice + intro + "".join(parts)


def _row(ctx: Context, page: str, indicator: Record, change: Change) -> list[str]:
    return [link(page, ctx.model.jst_by_code[change.teryt]), f"{with_unit(change.before, indicator)} ({change.before_year})",
            f"{with_unit(change.after, indicator)} ({change.after_year})", signed(change.after - change.before), signed(change.context)]


def _practice_indicator(ctx: Context, practice: Record, indicator: Record, found: Comparison, start: int, end: int,
                        example: bool) -> str:
    page = page_path(practice)
    folder = f"{practice.type.url_dir}/{practice.id}"
    years = found.years
    peers = ", ".join(found.peers)
    changes = sorted(found.changes, key=lambda c: sort_key(ctx.name(c.teryt)))
    rows = [_row(ctx, page, indicator, change) for change in changes]
    count = len(found.teryt)
    label = ctx.name(found.teryt[0]) if count == 1 else f"mediana samorządów praktyki ({count})"
    series: list[list[Any]] = [[label, [found.own.get(y) for y in years]]]
    if found.others:
        series.append([f"mediana pozostałych: {peers} ({found.others_count})", [found.others.get(y) for y in years]])
    chart = Chart("trend", f"{indicator.get('name')} — przed praktyką i po niej", (
        f"Wykres liniowy w latach {years[0]}–{years[-1]}: {label} i mediana pozostałych samorządów tego samego rodzaju; zaznaczono okres "
        f"realizacji praktyki ({start}–{end if end else 'nadal'})."),
        {"years": years, "series": series, "band": None, "unit": unit_of(indicator), "period": [start, end]}, example)
    svg = f"{folder}/wskaznik-{indicator.id}.svg"
    ctx.site.charts[svg] = chart
    ctx.site.files[f"{folder}/wskaznik-{indicator.id}.csv"] = to_csv(
        ["year", "mediana_praktyki", "mediana_pozostalych", "uwaga"],
        ([y, plain(found.own.get(y)), plain(found.others.get(y)), example_note(example)] for y in years))
    table = md_table(["Samorząd", "Przed okresem praktyki", "Po okresie praktyki", "Zmiana", f"Zmiana mediany pozostałych ({peers})"], rows)
    return (f"### {esc(indicator.get('name'))}\n\n" + chart_block(page, svg, chart, "Wartości przed okresem praktyki i po nim",
                                                                 table, f"{folder}/wskaznik-{indicator.id}.csv")
            + f"Więcej: {link(page, indicator)}.\n\n")
