"""The indicator page's data sections: a ranking per class of local government, the distribution by
class and the change over time, each a chart with its table and CSV file."""
from __future__ import annotations

from typing import Any

from generator.content.records import Record
from generator.derive.indicator_views import distribution, trend
from generator.derive.indicators import MIN_PEERS, PEER_CLASSES, UNRATED
from generator.polish import plural
from generator.render.chart_canvas import Chart
from generator.render.csvout import to_csv
from generator.render.indicator_context import Context
from generator.render.indicator_text import (
    CLASS_SLUG,
    EXAMPLE_NOTICE,
    NO_VALUES,
    RANKING_LIMIT,
    chart_block,
    direction_words,
    example_note,
    md_table,
    unit_of,
    with_unit,
)
from generator.render.numbers import number, plain, signed
from generator.render.pages.common import esc, link, page_path, rel


def indicator_section(ctx: Context, indicator: Record) -> None:
    """The data part of an indicator's page (rankings, distribution, trend), or why there is none."""
    page = page_path(indicator)
    values = ctx.values_of(indicator.id)
    parts = []
    example = indicator.id in ctx.example
    if example:
        parts.append(EXAMPLE_NOTICE.format(what="Wartości tego wskaźnika na tej stronie, na wykresach i w plikach CSV"))
    if values.empty:
        parts.append(NO_VALUES.format(guide=rel(page, "dla-redakcji/index.md")))
        ctx.site.indicator_sections[indicator.id] = "".join(parts)
        return
    direction = ctx.d.directions.get(indicator.id, UNRATED)
    years = sorted(int(y) for y in values["year"].unique())
    latest = years[-1]
    parts.append(f"Wartości są w tabelach za lata {years[0]}–{latest} ({plural(len(years), 'rok', 'lata', 'lat')}); "
                 f"{direction_words(direction)}. Wszystkie wartości ze wszystkich lat: {_downloads(ctx, page, indicator.id)}"
                 + (" (dane przykładowe)" if example else "") + ".\n\n")
    latest_values = values[values["year"] == latest]
    for peer in _classes(latest_values):
        parts.append(_ranking(ctx, indicator, latest_values[latest_values["peer"] == peer], latest, peer))
    parts.append(_distribution(ctx, indicator, latest))
    parts.append(_trend(ctx, indicator, years))
    ctx.site.indicator_sections[indicator.id] = "".join(parts)


def _downloads(ctx: Context, page: str, indicator: str) -> str:
    """Links to the open-data tables (dane/wskazniki/) that hold the values of an indicator."""
    files = [f"dane/wskazniki/{t}.csv" for t in ctx.tables_of(indicator)]
    record = ctx.indicators.get(indicator)
    if not files and record is not None and record.get("components"):
        files = ["dane/wskazniki/indeksy-zlozone.csv"]
    links = [f"[{esc(f.rsplit('/', 1)[1])}]({rel(page, f)})" for f in files]
    return ("plik CSV " if len(links) == 1 else "pliki CSV ") + ", ".join(links) + " w danych otwartych" if links else "dane otwarte"


def _classes(values: Any) -> list[str]:
    """The peer classes present in values, in the order of PEER_CLASSES (unknown classes last)."""
    found = set(values["peer"].unique().tolist())
    return [c for c in PEER_CLASSES if c in found] + sorted(found - set(PEER_CLASSES))


def _too_few(ctx: Context, indicator: Record, page: str, ordered: Any, year: int) -> str:
    names = ", ".join(f"{link(page, ctx.model.jst_by_code[c])} ({with_unit(v, indicator)})" if c in ctx.model.jst_by_code
                      else esc(c) for c, v in zip(ordered["teryt"].tolist(), ordered["value"].tolist(), strict=True))
    count = len(ordered)
    return (f"Wartość w {year} r. ma {plural(count, 'samorząd', 'samorządy', 'samorządów')} tego rodzaju: {names}. "
            f"To za mało, by tworzyć ranking (potrzeba co najmniej {MIN_PEERS}).\n\n")


def _shown(ordered: Any) -> tuple[Any, int | None]:
    """The rows a ranking shows: all, or the first and last RANKING_LIMIT / 2 (and the index after which the gap lies)."""
    count = len(ordered)
    if count <= RANKING_LIMIT:
        return ordered, None
    half = RANKING_LIMIT // 2
    return ordered.iloc[list(range(half)) + list(range(count - half, count))], half - 1


def _earlier(ctx: Context, indicator: Record, shown: Any, year: int) -> dict[str, tuple[int, float]]:
    """The latest earlier value (year, value) of each local government shown."""
    values = ctx.by_indicator[indicator.id]
    earlier = values[(values["year"] < year) & values["teryt"].isin(shown["teryt"])].sort_values("year", kind="stable")
    return {str(t): (int(y), float(v)) for t, y, v in
            earlier.groupby("teryt")[["year", "value"]].last().reset_index().itertuples(index=False)}


def _ranking_rows(ctx: Context, indicator: Record, page: str, shown: Any, gap: int | None, year: int,
                  count: int) -> tuple[list[list[str]], list[list[Any]]]:
    before = _earlier(ctx, indicator, shown, year)
    rows, chart_rows = [], []
    for index, r in enumerate(shown.itertuples(index=False)):
        jst = ctx.model.jst_by_code.get(r.teryt)
        change = ""
        if r.teryt in before:
            old_year, old_value = before[r.teryt]
            change = f"{signed(r.value - old_value)} (od {old_year})"
        rows.append([str(r.rank), link(page, jst) if jst else esc(r.teryt), esc(jst.get("type")) if jst else "",
                     with_unit(r.value, indicator), change or "—"])
        chart_rows.append([ctx.name(r.teryt), float(r.value), False])
        if gap is not None and index == gap:
            rows.append(["…", f"pominięto {plural(count - RANKING_LIMIT, 'samorząd', 'samorządy', 'samorządów')} ze środka rankingu (są w pliku CSV)", "", "", ""])
    return rows, chart_rows


def _ranking(ctx: Context, indicator: Record, latest: Any, year: int, peer: str) -> str:
    page = page_path(indicator)
    folder = f"{indicator.type.url_dir}/{indicator.id}"
    direction = ctx.d.directions.get(indicator.id, UNRATED)
    example = indicator.id in ctx.example
    ordered = latest.sort_values(["rank", "teryt"]).reset_index(drop=True)
    count = len(ordered)
    slug = CLASS_SLUG.get(peer, "inne")
    heading = f"## Ranking {year}: {peer}\n\n"
    if count < MIN_PEERS:
        return heading + _too_few(ctx, indicator, page, ordered, year)
    shown, gap = _shown(ordered)
    rows, chart_rows = _ranking_rows(ctx, indicator, page, shown, gap, year, count)
    codes = ordered["teryt"].tolist()
    ctx.site.files[f"{folder}/ranking-{slug}.csv"] = to_csv(
        ["rank", "teryt", "samorzad", "rodzaj", "year", "value", "uwaga"],
        zip(ordered["rank"].tolist(), codes, [ctx.name(c) for c in codes], [ctx.jst_type(c) for c in codes], [year] * count,
            [plain(v) for v in ordered["value"].tolist()], [example_note(example)] * count, strict=True))
    best, worst = ordered.iloc[0], ordered.iloc[-1]
    how = "od najlepszej" if direction != UNRATED else "od największej"
    description = (f"Wykres słupkowy: {plural(count, 'samorząd', 'samorządy', 'samorządów')} w {year} r., {how} wartości"
                   + (f" (pokazano {RANKING_LIMIT // 2} pierwszych i {RANKING_LIMIT // 2} ostatnich)" if gap is not None else "")
                   + f". Pierwsze miejsce: {ctx.name(best.teryt)} ({number(best.value)}), ostatnie: {ctx.name(worst.teryt)} "
                   f"({number(worst.value)}).")
    chart = Chart("ranking", f"{indicator.get('name')} — ranking {year}: {peer}", description,
                  {"rows": chart_rows, "unit": unit_of(indicator), "gap_after": gap}, example)
    ctx.site.charts[f"{folder}/ranking-{slug}.svg"] = chart
    table = md_table(["Miejsce", "Samorząd", "Rodzaj", "Wartość", "Zmiana"], rows)
    return (heading + chart_block(page, f"{folder}/ranking-{slug}.svg", chart, f"Ranking {year} ({peer}), "
            + direction_words(direction), table, f"{folder}/ranking-{slug}.csv"))


def _distribution(ctx: Context, indicator: Record, year: int) -> str:
    page = page_path(indicator)
    folder = f"{indicator.type.url_dir}/{indicator.id}"
    example = indicator.id in ctx.example
    found = distribution(ctx.d, indicator.id, year)
    groups = [g.chart_row() for g in found.groups]
    skipped = (" Pominięto: " + ", ".join(f"{esc(g.label)} ({plural(g.stats.n, 'samorząd', 'samorządy', 'samorządów')})" for g in found.small)
               + f" — za mało, by opisywać rozkład (potrzeba co najmniej {MIN_PEERS}).\n\n") if found.small else ""
    if not groups:
        return f"## Rozkład według rodzaju samorządu ({year})\n\n" + skipped.strip() + "\n\n"
    total = max(groups, key=lambda g: g[6])
    rows = [[esc(g[0]), str(g[6]), *(with_unit(v, indicator) for v in g[1:6])] for g in groups]
    ctx.site.files[f"{folder}/rozklad.csv"] = to_csv(["grupa", "n", "min", "q1", "mediana", "q3", "max", "year", "uwaga"],
                                                     ([g[0], g[6], *(plain(v) for v in g[1:6]), year, example_note(example)]
                                                      for g in groups))
    description = (f"Wykres skrzynkowy: rozkład wartości w {year} r. osobno dla każdego rodzaju samorządu. Najliczniejsza grupa, "
                   f"{total[0]} ({total[6]}): mediana {number(total[3])}, ćwiartki środkowe od "
                   f"{number(total[2])} do {number(total[4])}.")
    chart = Chart("boxes", f"{indicator.get('name')} — rozkład {year}", description,
                  {"groups": groups, "unit": unit_of(indicator)}, example)
    ctx.site.charts[f"{folder}/rozklad.svg"] = chart
    table = md_table(["Grupa", "Liczba samorządów", "Najmniej", "1. kwartyl", "Mediana", "3. kwartyl", "Najwięcej"], rows)
    return (f"## Rozkład według rodzaju samorządu ({year})\n\n" + skipped
            + chart_block(page, f"{folder}/rozklad.svg", chart, f"Rozkład w {year} r.", table, f"{folder}/rozklad.csv"))


def _trend(ctx: Context, indicator: Record, years: list[int]) -> str:
    page = page_path(indicator)
    folder = f"{indicator.type.url_dir}/{indicator.id}"
    example = indicator.id in ctx.example
    found = trend(ctx.overall, indicator.id, years)
    if found is None:
        return ""
    years, stats, main = found.years, found.band, found.main
    series = [[f"mediana: {c}", found.medians[c]] for c in found.peers]
    chart = Chart("trend", f"{indicator.get('name')} — zmiana w czasie", (
        f"Wykres liniowy: mediana w latach {years[0]}–{years[-1]} osobno dla każdego rodzaju samorządu ({', '.join(found.peers)}); "
        f"pas ćwiartek środkowych dla grupy „{main}” (mediana od {number(stats[0].median)} do {number(stats[-1].median)})."),
        {"years": years, "series": series,
         "band": [f"ćwiartki środkowe: {main}", [s.q1 for s in stats], [s.q3 for s in stats]],
         "unit": unit_of(indicator), "period": None}, example)
    ctx.site.charts[f"{folder}/w-czasie.svg"] = chart
    rows = [[str(y), str(s.n), with_unit(s.q1, indicator), with_unit(s.median, indicator), with_unit(s.q3, indicator)]
            for y, s in zip(years, stats, strict=True)]
    ctx.site.files[f"{folder}/w-czasie.csv"] = to_csv(["year", "n", "q1", "mediana", "q3", "uwaga"],
                                                      ([y, s.n, plain(s.q1), plain(s.median), plain(s.q3),
                                                        example_note(example)] for y, s in zip(years, stats, strict=True)))
    table = md_table(["Rok", "Liczba samorządów", "1. kwartyl", "Mediana", "3. kwartyl"], rows)
    return f"## Zmiana w czasie ({main})\n\n" + chart_block(page, f"{folder}/w-czasie.svg", chart, "Mediana i ćwiartki środkowe w kolejnych latach",
                                                            table, f"{folder}/w-czasie.csv")
