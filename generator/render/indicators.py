"""What the indicator data adds to the site: page sections, the charts to draw and the CSV downloads.

`plan_site` is a pure function of the model and the derived data. The charts are only described
here (`Chart`); `generator.render.charts.render_charts` draws them when the build writes files.
Every chart is followed by the same data as a table and a CSV file.
"""
from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from generator.content.records import Record
from generator.derive.indicators import (
    HIGHER,
    LOWER,
    MIN_PEERS,
    PEER_CLASSES,
    UNRATED,
    Derived,
    derive,
    position,
)
from generator.derive.model import title_of
from generator.polish import format_period, plural, sort_key
from generator.render.charts import Chart, narrow_path, number
from generator.render.csvout import to_csv
from generator.render.pages.common import esc, link, page_path, rel

if TYPE_CHECKING:
    from generator.derive.model import SiteModel

EXAMPLE_NOTICE = ('<div class="admonition warning">\n<p class="admonition-title">Dane przykładowe</p>\n\n'
                  "{what} to **dane przykładowe**: nie pochodzą z żadnego źródła i pokazują tylko, jak baza "
                  "prezentuje wskaźniki. Nie wolno ich cytować ani na ich podstawie oceniać samorządów. Napis zniknie, "
                  "gdy rekord wskaźnika wskaże prawdziwe źródło danych.\n\n</div>\n\n")
GROUP_NOTE = ("Samorząd jest porównywany tylko z samorządami tego samego rodzaju (gminy z gminami, miasta na prawach powiatu "
              "z miastami na prawach powiatu, powiaty z powiatami): ze wszystkimi takimi samorządami, z tymi z tego samego "
              "województwa i z uczestnikami tego samego projektu. Grupa projektu to wszyscy jego uczestnicy wymienieni "
              f"w źródle. Grupy mniejszej niż {MIN_PEERS} samorządów nie porównujemy: jej mediana byłaby przypadkowa.")
RANKING_LIMIT = 20
NO_VALUES = ("## Wartości\n\nBaza nie ma jeszcze wartości tego wskaźnika: dokument źródłowy opisuje wskaźnik, ale nie podaje "
             "jego wyników dla żadnego samorządu, a baza nie publikuje liczb bez źródła. Wartości można dodać jako tabelę CSV "
             "ze źródłem każdego wiersza albo zaimportować z Banku Danych Lokalnych GUS — zob. [Dla redakcji]({guide}).\n\n")
CLASS_SLUG = {"gminy": "gminy", "miasta na prawach powiatu": "miasta", "powiaty": "powiaty", "województwa": "wojewodztwa"}
KIND_LABEL = {"projekt": "grupa projektu", "rodzaj": "rodzaj samorządu", "województwo": "województwo"}


@dataclass
class IndicatorSite:
    indicator_sections: dict[str, str] = field(default_factory=dict)
    jst_sections: dict[str, str] = field(default_factory=dict)
    practice_sections: dict[str, str] = field(default_factory=dict)
    procedure_sections: dict[str, str] = field(default_factory=dict)
    charts: dict[str, Chart] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    example: set[str] = field(default_factory=set)
    derived: Derived | None = None
    planner: Any = field(default=None, repr=False, compare=False)  # kept so a preview can plan one practice again

    def replan_practices(self, model: SiteModel, practices: list[Record]) -> None:
        """After a preview's edit of these practices: their sections, charts and CSV files planned again."""
        self.planner.model = model
        for practice in practices:
            folder = f"{practice.type.url_dir}/{practice.id}/"
            self.practice_sections.pop(practice.id, None)
            self.charts = {k: v for k, v in self.charts.items() if not k.startswith(folder)}
            self.files = {k: v for k, v in self.files.items() if not k.startswith(folder)}
            self.planner.practice(practice)
        self.charts = dict(sorted(self.charts.items()))
        self.files = dict(sorted(self.files.items()))


def plain(value: Any) -> str:
    """A number for a CSV file: dot decimal, no rounding beyond 6 places."""
    if value is None or value != value:
        return ""
    if isinstance(value, float):
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text
    return str(value)


def md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines) + "\n"


def chart_block(page: str, svg: str, chart: Chart, caption: str, table: str, csv_path: str) -> str:
    """The chart as an image named by its title (the wide drawing, or on a phone its narrow version:
    generator.render.charts.narrow_path; CSS shows one), its description (visible, right below: the
    text alternative is not repeated, and screen readers do not read it twice), and its data as a table
    in a disclosure (in the DOM for screen readers, opened in print, so a long page stays short) and as CSV."""
    example = " (dane przykładowe)" if chart.example else ""
    alt = html.escape(chart.title + example)
    return (f'<p class="bdp-chart"><img class="bdp-chart-wide" src="{html.escape(rel(page, svg))}" alt="{alt}">'
            f'<img class="bdp-chart-narrow" src="{html.escape(rel(page, narrow_path(svg)))}" alt="{alt}"></p>\n\n'
            f"*{esc(caption)}{example}.* {esc(chart.description)}\n\n"
            f'<details class="bdp-chart-data">\n<summary>Dane wykresu w tabeli{example}</summary>\n\n{table}\n'
            f"[Pobierz dane wykresu w pliku CSV]({rel(page, csv_path)}){example}\n\n</details>\n\n")


def unit_of(indicator: Record) -> str:
    return str(indicator.get("unit") or "")


def with_unit(value: float | None, indicator: Record) -> str:
    unit = unit_of(indicator)
    return number(value) + (f" {esc(unit)}" if unit and value is not None and value == value else "")


def signed(value: float | None) -> str:
    if value is None or value != value:
        return "—"
    return ("+" if value > 0 else "") + number(value)


def direction_words(direction: str) -> str:
    return {HIGHER: "wyższa wartość jest lepsza", LOWER: "niższa wartość jest lepsza"}.get(direction, "wskaźnik bez oceny")


class Planner:
    """Collects sections, charts and files while walking the indicators once."""

    def __init__(self, model: SiteModel, derived: Derived) -> None:
        self.model = model
        self.d = derived
        self.site = IndicatorSite(derived=derived)
        self.indicators = {r.id: r for r in model.all("indicator")}
        self.example = self._example_ids()
        self.site.example = self.example
        self.peer = self._peer_lookup()
        self.overall = {(r.indicator, r.year, r.peer): r for r in derived.overall.itertuples(index=False)}
        self.by_indicator = {str(name): part for name, part in derived.values.groupby("indicator", sort=True)}
        self.empty = derived.values.iloc[0:0]
        self._links: dict[tuple[str, str], str] = {}
        self.names = {code: str(r.get("name")) for code, r in model.jst_by_code.items()}

    def _example_ids(self) -> set[str]:
        example = {i for i, r in self.indicators.items() if r.get("example_data") is True}
        changed = True
        while changed:  # a composite of example values is example data too
            changed = False
            for record in self.indicators.values():
                parts = {c.get("indicator") for c in record.get("components", [])}
                if record.id not in example and parts & example:
                    example.add(record.id)
                    changed = True
        return example

    def _peer_lookup(self) -> dict[tuple[str, int, str, str], Any]:
        return {(r.indicator, r.year, r.kind, r.group): r for r in self.d.peers.itertuples(index=False)}

    def jst_type(self, code: str) -> str:
        jst = self.model.jst_by_code.get(code)
        return str(jst.get("type")) if jst else ""

    def name(self, code: str) -> str:
        jst = self.model.jst_by_code.get(code)
        return str(jst.get("name")) if jst else code

    # --- the indicator page -------------------------------------------------------------
    def indicator(self, indicator: Record) -> None:
        page = page_path(indicator)
        folder = f"{indicator.type.url_dir}/{indicator.id}"
        values = self.by_indicator.get(indicator.id, self.empty)
        parts = []
        example = indicator.id in self.example
        if example:
            parts.append(EXAMPLE_NOTICE.format(what="Wartości tego wskaźnika na tej stronie, na wykresach i w plikach CSV"))
        if values.empty:
            parts.append(NO_VALUES.format(guide=rel(page, "dla-redakcji/index.md")))
            self.site.indicator_sections[indicator.id] = "".join(parts)
            return
        direction = self.d.directions.get(indicator.id, UNRATED)
        years = sorted(int(y) for y in values["year"].unique())
        latest = years[-1]
        downloads = self._downloads(page, indicator.id)
        parts.append(f"Wartości są w tabelach za lata {years[0]}–{latest} ({plural(len(years), 'rok', 'lata', 'lat')}); "
                     f"{direction_words(direction)}. Wszystkie wartości ze wszystkich lat: {downloads}"
                     + (" (dane przykładowe)" if example else "") + ".\n\n")
        latest_values = values[values["year"] == latest]
        for peer in self._classes(latest_values):
            parts.append(self._ranking(indicator, page, folder, latest_values[latest_values["peer"] == peer], latest, direction,
                                       example, peer))
        parts.append(self._distribution(indicator, page, folder, latest, example))
        parts.append(self._trend(indicator, page, folder, years, example))
        self.site.indicator_sections[indicator.id] = "".join(parts)

    def _downloads(self, page: str, indicator: str) -> str:
        """Links to the open-data tables (dane/wskazniki/) that hold the values of an indicator."""
        if not hasattr(self, "_tables_of"):
            self._tables_of: dict[str, list[str]] = defaultdict(list)
            for table in sorted(self.model.tables, key=lambda t: t.id):
                for name in table.frame["indicator"].unique().tolist():
                    self._tables_of[name].append(table.id)
        files = [f"dane/wskazniki/{t}.csv" for t in self._tables_of.get(indicator, [])]
        record = self.indicators.get(indicator)
        if not files and record is not None and record.get("components"):
            files = ["dane/wskazniki/indeksy-zlozone.csv"]
        links = [f"[{esc(f.rsplit('/', 1)[1])}]({rel(page, f)})" for f in files]
        return ("plik CSV " if len(links) == 1 else "pliki CSV ") + ", ".join(links) + " w danych otwartych" if links else "dane otwarte"

    @staticmethod
    def _classes(values: Any) -> list[str]:
        """The peer classes present in values, in the order of PEER_CLASSES (unknown classes last)."""
        found = set(values["peer"].unique().tolist())
        return [c for c in PEER_CLASSES if c in found] + sorted(found - set(PEER_CLASSES))

    def _ranking(self, indicator: Record, page: str, folder: str, latest: Any, year: int, direction: str, example: bool,
                 peer: str) -> str:
        ordered = latest.sort_values(["rank", "teryt"]).reset_index(drop=True)
        values = self.by_indicator[indicator.id]
        count = len(ordered)
        slug = CLASS_SLUG.get(peer, "inne")
        heading = f"## Ranking {year}: {peer}\n\n"
        if count < MIN_PEERS:
            names = ", ".join(f"{link(page, self.model.jst_by_code[c])} ({with_unit(v, indicator)})" if c in self.model.jst_by_code
                              else esc(c) for c, v in zip(ordered["teryt"].tolist(), ordered["value"].tolist()))
            return (heading + f"Wartość w {year} r. ma {plural(count, 'samorząd', 'samorządy', 'samorządów')} tego rodzaju: {names}. "
                    f"To za mało, by tworzyć ranking (potrzeba co najmniej {MIN_PEERS}).\n\n")
        if count > RANKING_LIMIT:
            half = RANKING_LIMIT // 2
            shown = ordered.iloc[list(range(half)) + list(range(count - half, count))]
            gap = half - 1
        else:
            shown, gap = ordered, None
        earlier = values[(values["year"] < year) & values["teryt"].isin(shown["teryt"])].sort_values("year", kind="stable")
        before = {str(t): (int(y), float(v)) for t, y, v in
                  earlier.groupby("teryt")[["year", "value"]].last().reset_index().itertuples(index=False)}
        rows, chart_rows = [], []
        for index, r in enumerate(shown.itertuples(index=False)):
            jst = self.model.jst_by_code.get(r.teryt)
            change = ""
            if r.teryt in before:
                old_year, old_value = before[r.teryt]
                change = f"{signed(r.value - old_value)} (od {old_year})"
            rows.append([str(r.rank), link(page, jst) if jst else esc(r.teryt), esc(jst.get("type")) if jst else "",
                         with_unit(r.value, indicator), change or "—"])
            chart_rows.append([self.name(r.teryt), float(r.value), False])
            if gap is not None and index == gap:
                rows.append(["…", f"pominięto {plural(count - RANKING_LIMIT, 'samorząd', 'samorządy', 'samorządów')} ze środka rankingu (są w pliku CSV)", "", "", ""])
        codes = ordered["teryt"].tolist()
        self.site.files[f"{folder}/ranking-{slug}.csv"] = to_csv(
            ["rank", "teryt", "samorzad", "rodzaj", "year", "value", "uwaga"],
            zip(ordered["rank"].tolist(), codes, [self.name(c) for c in codes], [self.jst_type(c) for c in codes], [year] * count,
                [plain(v) for v in ordered["value"].tolist()], ["dane przykładowe" if example else ""] * count))
        best, worst = ordered.iloc[0], ordered.iloc[-1]
        how = "od najlepszej" if direction != UNRATED else "od największej"
        description = (f"Wykres słupkowy: {plural(count, 'samorząd', 'samorządy', 'samorządów')} w {year} r., {how} wartości"
                       + (f" (pokazano {RANKING_LIMIT // 2} pierwszych i {RANKING_LIMIT // 2} ostatnich)" if gap is not None else "")
                       + f". Pierwsze miejsce: {self.name(best.teryt)} ({number(best.value)}), ostatnie: {self.name(worst.teryt)} "
                       f"({number(worst.value)}).")
        chart = Chart("ranking", f"{indicator.get('name')} — ranking {year}: {peer}", description,
                      {"rows": chart_rows, "unit": unit_of(indicator), "gap_after": gap}, example)
        self.site.charts[f"{folder}/ranking-{slug}.svg"] = chart
        table = md_table(["Miejsce", "Samorząd", "Rodzaj", "Wartość", "Zmiana"], rows)
        return (heading + chart_block(page, f"{folder}/ranking-{slug}.svg", chart, f"Ranking {year} ({peer}), "
                + direction_words(direction), table, f"{folder}/ranking-{slug}.csv"))

    def _distribution(self, indicator: Record, page: str, folder: str, year: int, example: bool) -> str:
        peers = self.d.peers
        types = peers[(peers["indicator"] == indicator.id) & (peers["year"] == year) & (peers["kind"] == "rodzaj")]
        every = [[str(r.group), r.min, r.q1, r.median, r.q3, r.max, int(r.n)] for r in types.itertuples(index=False)]
        every.sort(key=lambda g: PEER_CLASSES.index(g[0]) if g[0] in PEER_CLASSES else len(PEER_CLASSES))
        small = [g for g in every if g[6] < MIN_PEERS]
        groups = [[g[0], *(float(v) for v in g[1:6]), g[6]] for g in every if g[6] >= MIN_PEERS]
        skipped = (" Pominięto: " + ", ".join(f"{esc(g[0])} ({plural(g[6], 'samorząd', 'samorządy', 'samorządów')})" for g in small)
                   + f" — za mało, by opisywać rozkład (potrzeba co najmniej {MIN_PEERS}).\n\n") if small else ""
        if not groups:
            return f"## Rozkład według rodzaju samorządu ({year})\n\n" + skipped.strip() + "\n\n"
        total = max(groups, key=lambda g: g[6])
        rows = [[esc(g[0]), str(g[6]), *(with_unit(v, indicator) for v in g[1:6])] for g in groups]
        self.site.files[f"{folder}/rozklad.csv"] = to_csv(["grupa", "n", "min", "q1", "mediana", "q3", "max", "year", "uwaga"],
                                                          ([g[0], g[6], *(plain(v) for v in g[1:6]), year, "dane przykładowe" if example else ""]
                                                           for g in groups))
        description = (f"Wykres skrzynkowy: rozkład wartości w {year} r. osobno dla każdego rodzaju samorządu. Najliczniejsza grupa, "
                       f"{total[0]} ({total[6]}): mediana {number(total[3])}, ćwiartki środkowe od "
                       f"{number(total[2])} do {number(total[4])}.")
        chart = Chart("boxes", f"{indicator.get('name')} — rozkład {year}", description,
                      {"groups": groups, "unit": unit_of(indicator)}, example)
        self.site.charts[f"{folder}/rozklad.svg"] = chart
        table = md_table(["Grupa", "Liczba samorządów", "Najmniej", "1. kwartyl", "Mediana", "3. kwartyl", "Najwięcej"], rows)
        return (f"## Rozkład według rodzaju samorządu ({year})\n\n" + skipped
                + chart_block(page, f"{folder}/rozklad.svg", chart, f"Rozkład w {year} r.", table, f"{folder}/rozklad.csv"))

    def _trend(self, indicator: Record, page: str, folder: str, years: list[int], example: bool) -> str:
        present = {peer for (name, _year, peer), s in self.overall.items() if name == indicator.id and s.n >= MIN_PEERS}
        peers = [c for c in PEER_CLASSES if c in present] + sorted(present - set(PEER_CLASSES))
        if not peers:
            return ""
        main = max(peers, key=lambda c: sum(int(self.overall[(indicator.id, y, c)].n) for y in years if (indicator.id, y, c) in self.overall))
        stats = [self.overall.get((indicator.id, y, main)) for y in years]
        kept = [(y, s) for y, s in zip(years, stats) if s is not None and s.n >= MIN_PEERS]
        years, stats = [y for y, _ in kept], [s for _, s in kept]
        if not years:
            return ""
        series = [[f"mediana: {c}", [float(self.overall[(indicator.id, y, c)].median) if (indicator.id, y, c) in self.overall
                                     and self.overall[(indicator.id, y, c)].n >= MIN_PEERS else None for y in years]] for c in peers]
        chart = Chart("trend", f"{indicator.get('name')} — zmiana w czasie", (
            f"Wykres liniowy: mediana w latach {years[0]}–{years[-1]} osobno dla każdego rodzaju samorządu ({', '.join(peers)}); "
            f"pas ćwiartek środkowych dla grupy „{main}” (mediana od {number(stats[0].median)} do {number(stats[-1].median)})."),
            {"years": years, "series": series,
             "band": [f"ćwiartki środkowe: {main}", [float(s.q1) for s in stats], [float(s.q3) for s in stats]],
             "unit": unit_of(indicator), "period": None}, example)
        self.site.charts[f"{folder}/w-czasie.svg"] = chart
        rows = [[str(y), str(int(s.n)), with_unit(s.q1, indicator), with_unit(s.median, indicator), with_unit(s.q3, indicator)]
                for y, s in zip(years, stats)]
        self.site.files[f"{folder}/w-czasie.csv"] = to_csv(["year", "n", "q1", "mediana", "q3", "uwaga"],
                                                           ([y, int(s.n), plain(s.q1), plain(s.median), plain(s.q3),
                                                             "dane przykładowe" if example else ""] for y, s in zip(years, stats)))
        table = md_table(["Rok", "Liczba samorządów", "1. kwartyl", "Mediana", "3. kwartyl"], rows)
        return f"## Zmiana w czasie ({main})\n\n" + chart_block(page, f"{folder}/w-czasie.svg", chart, "Mediana i ćwiartki środkowe w kolejnych latach",
                                                       table, f"{folder}/w-czasie.csv")

    # --- local-government pages ---------------------------------------------------------
    def jst_all(self) -> None:
        """The indicator section of every local-government page, built column by column.

        One row per local government and indicator (its latest value, the first and last year with
        data, the medians of its peer groups), formatted once as Markdown table rows and then cut
        into one section per local government. The values of all years are in the open data (dane/).
        """
        import numpy as np

        values = self.d.values
        if values.empty:
            return
        known = [i for i in self.indicators]
        order = {i: n for n, i in enumerate(sorted(known, key=lambda i: sort_key(title_of(self.indicators[i]))))}
        rows = self.d.changes
        rows = rows[rows["teryt"].isin(self.model.jst_by_code.keys()) & rows["indicator"].isin(order.keys())]
        rows = rows.merge(values[["teryt", "indicator", "year", "rank", "count"]], left_on=["teryt", "indicator", "last_year"],
                          right_on=["teryt", "indicator", "year"], how="left")
        rows = rows.assign(order=rows["indicator"].map(order)).sort_values(["teryt", "order"], kind="stable").reset_index(drop=True)
        if rows.empty:
            return
        groups, peers = self.d.groups, self.d.peers
        stats = ["n", "q1", "median", "q3"]

        def peer_rows(kind: str, year: str) -> Any:
            own = groups[groups["kind"] == kind][["teryt", "group", "peer"]]
            found = peers[(peers["kind"] == kind) & (peers["n"] >= MIN_PEERS)][["indicator", "year", "group", "peer", *stats]]
            found = found.rename(columns={"year": year})
            return (rows[["teryt", "indicator", year]].reset_index().merge(own, on="teryt")
                    .merge(found, on=["indicator", year, "group", "peer"]).sort_values(["index", "group"], kind="stable"))
        fmt = lru_cache(maxsize=None)(number)  # the same values recur across 2,500 pages
        median_cells = {}
        for kind in ("rodzaj", "województwo", "projekt"):
            found = peer_rows(kind, "last_year")
            texts: dict[int, list[str]] = {}
            for index, m, n in zip(found["index"].tolist(), found["median"].tolist(), found["n"].tolist()):
                texts.setdefault(index, []).append(f"{fmt(m)} (n={int(n)})")
            cells = ["—"] * len(rows)
            for index, found_texts in texts.items():
                cells[index] = "; ".join(found_texts)
            median_cells[kind] = cells
        # the first group of the type kind (a local government has one type): position and change of its median
        by_type = peer_rows("rodzaj", "last_year").drop_duplicates("index").set_index("index").reindex(range(len(rows)))
        type_first = peer_rows("rodzaj", "first_year").drop_duplicates("index").set_index("index").reindex(range(len(rows)))
        type_change = (by_type["median"] - type_first["median"]).tolist()
        directions = [self.d.directions.get(i, UNRATED) for i in rows["indicator"].tolist()]
        value, first_value = rows["last_value"].tolist(), rows["first_value"].tolist()
        year, first_year = rows["last_year"].astype(int).tolist(), rows["first_year"].astype(int).tolist()
        rank, count = rows["rank"].astype(int).tolist(), rows["count"].astype(int).tolist()
        where = [position(v, q1, med, q3, d) if n == n and n >= MIN_PEERS else "—" for v, q1, med, q3, n, d in
                 zip(value, by_type["q1"].tolist(), by_type["median"].tolist(), by_type["q3"].tolist(), by_type["n"].tolist(), directions)]
        indicator_ids = rows["indicator"].tolist()
        page_of = {code: page_path(jst) for code, jst in self.model.jst_by_code.items()}
        units = {i: (f" {esc(unit_of(r))}" if unit_of(r) else "") for i, r in self.indicators.items()}
        teryt = rows["teryt"].tolist()
        latest_lines, change_lines = [], []
        signed_memo = lru_cache(maxsize=None)(signed)
        for k, name in enumerate(indicator_ids):
            ref = self.jst_link(page_of[teryt[k]], self.indicators[name])
            v = number(value[k])
            several = year[k] != first_year[k]
            latest_lines.append(f"| {ref} | {year[k]} | {v}{units[name]} | "
                                + (f"{rank[k]} z {count[k]}" if directions[k] != UNRATED and count[k] >= MIN_PEERS else "—")
                                + f" | {median_cells['rodzaj'][k]} | {median_cells['województwo'][k]} | {median_cells['projekt'][k]} | {where[k]} |")
            history = f"{first_year[k]}: {number(first_value[k])} → {year[k]}: {v}" if several else f"{year[k]}: {v}"
            change_lines.append(f"| {ref} | {history} | " + (signed(value[k] - first_value[k]) if several else "—") + " | "
                                + (signed_memo(type_change[k]) if several else "—") + " |")
        example_rows = np.array([i in self.example for i in indicator_ids], dtype=bool)
        codes = np.array(teryt, dtype=object)
        bounds = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1], True])
        projects: dict[str, list[str]] = defaultdict(list)
        for code, kind, group in zip(groups["teryt"].tolist(), groups["kind"].tolist(), groups["group"].tolist()):
            if kind == "projekt":
                projects[code].append(group)
        for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
            code = teryt[a]
            self.site.jst_sections[code] = self._jst(self.model.jst_by_code[code], latest_lines[a:b], change_lines[a:b],
                                                     sorted(projects.get(code, [])), bool(example_rows[a:b].any()))

    def jst_link(self, page: str, indicator: Record) -> str:
        """Link from a local-government page to an indicator; the same for every such page, so made once."""
        key = (page.rsplit("/", 1)[0], indicator.id)
        if key not in self._links:
            self._links[key] = link(page, indicator, str(indicator.get("short_name") or indicator.get("name")))
        return self._links[key]

    def _jst(self, jst: Record, latest_lines: list[str], change_lines: list[str], projects: list[str], example: bool) -> str:
        page = page_path(jst)
        project_names = [title_of(p) for g in projects if (p := self.model.get("project", g))]
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

    # --- practice pages -----------------------------------------------------------------
    def practice(self, practice: Record) -> None:
        indicators = [i for i in self.model.referring("practice", practice.id, "indicator") if i.id in self.indicators]
        parts = []
        example = False
        period = practice.get("period") or {}
        start = int(period["start"][:4]) if period.get("start") else None
        end = int(period["end"][:4]) if period.get("end") else None
        codes = [c for c in practice.get("jst", []) if c in self.model.jst_by_code]
        for indicator in sorted(indicators, key=lambda r: sort_key(title_of(r))):
            own = self.by_indicator.get(indicator.id, self.empty)
            mine = own[own["teryt"].isin(codes)]
            if mine.empty:
                continue
            is_example = indicator.id in self.example
            section = self._practice_indicator(practice, indicator, own, mine, start, end, is_example)
            if section:
                example = example or is_example
                parts.append(section)
        if parts:
            intro = ("Wartości wskaźników, które wymieniają tę praktykę, w samorządach praktyki: ostatni rok przed początkiem "
                     f"okresu realizacji ({format_period(period) if period else 'okres nieznany'}) i pierwszy rok po jego końcu, obok "
                     "zmiany mediany pozostałych samorządów tego samego rodzaju w tych samych latach (gdy jest ich co najmniej "
                     f"{MIN_PEERS}). Porównanie opisuje zmiany, ale nie dowodzi, że spowodowała je praktyka.\n\n")
            notice = EXAMPLE_NOTICE.format(what="Wartości wskaźników w tej sekcji, na wykresach i w plikach CSV") if example else ""
            self.site.practice_sections[practice.id] = notice + intro + "".join(parts)

    def _practice_indicator(self, practice: Record, indicator: Record, own: Any, mine: Any, start: int | None, end: int | None,
                            example: bool) -> str:
        page = page_path(practice)
        folder = f"{practice.type.url_dir}/{practice.id}"
        if start is None or end is None:
            return ""  # no before/after without a finished period
        years = sorted(int(y) for y in own["year"].unique())
        others = own[~own["teryt"].isin(mine["teryt"].unique()) & own["peer"].isin(mine["peer"].unique())]
        med_mine = mine.groupby("year")["value"].median()
        by_year = others.groupby("year")["value"]
        med_others = by_year.median()[by_year.size() >= MIN_PEERS]
        peers = ", ".join(sorted(mine["peer"].unique().tolist()))
        rows = []
        series_of: dict[str, dict[int, float]] = defaultdict(dict)
        for code, year, value in zip(mine["teryt"].tolist(), mine["year"].tolist(), mine["value"].tolist()):
            series_of[code][year] = value
        for code in sorted(series_of, key=lambda c: sort_key(self.name(c))):
            series = series_of[code]
            before = [y for y in series if y < start]
            after = [y for y in series if y > end]
            if not before or not after:
                continue  # a comparison needs a value on both sides of the period
            b, a = max(before), min(after)
            context = med_others[a] - med_others[b] if a in med_others.index and b in med_others.index else None
            rows.append([link(page, self.model.jst_by_code[code]), f"{with_unit(series[b], indicator)} ({b})",
                         f"{with_unit(series[a], indicator)} ({a})", signed(series[a] - series[b]), signed(context)])
        if not rows:
            return ""
        count = mine["teryt"].nunique()
        label = self.name(mine["teryt"].iloc[0]) if count == 1 else f"mediana samorządów praktyki ({count})"
        series = [[label, [float(med_mine[y]) if y in med_mine.index else None for y in years]]]
        if not med_others.empty:
            series.append([f"mediana pozostałych: {peers} ({others['teryt'].nunique()})",
                           [float(med_others[y]) if y in med_others.index else None for y in years]])
        span = [start, end if end is not None else years[-1]] if start is not None else None
        chart = Chart("trend", f"{indicator.get('name')} — przed praktyką i po niej", (
            f"Wykres liniowy w latach {years[0]}–{years[-1]}: {label} i mediana pozostałych samorządów tego samego rodzaju; zaznaczono okres "
            f"realizacji praktyki" + (f" ({start}–{end if end else 'nadal'})" if start else "") + "."),
            {"years": years, "series": series, "band": None, "unit": unit_of(indicator), "period": span}, example)
        svg = f"{folder}/wskaznik-{indicator.id}.svg"
        self.site.charts[svg] = chart
        self.site.files[f"{folder}/wskaznik-{indicator.id}.csv"] = to_csv(
            ["year", "mediana_praktyki", "mediana_pozostalych", "uwaga"],
            ([y, plain(med_mine.get(y)), plain(med_others.get(y)), "dane przykładowe" if example else ""] for y in years))
        table = md_table(["Samorząd", "Przed okresem praktyki", "Po okresie praktyki", "Zmiana", f"Zmiana mediany pozostałych ({peers})"], rows)
        return (f"### {esc(indicator.get('name'))}\n\n" + chart_block(page, svg, chart, "Wartości przed okresem praktyki i po nim",
                                                                     table, f"{folder}/wskaznik-{indicator.id}.csv")
                + f"Więcej: {link(page, indicator)}.\n\n")


def month_index(value: str | None) -> int | None:
    """'2014-02' -> a month number (year * 12 + month - 1); a bare year is its January."""
    if not value:
        return None
    year, _, month = value.partition("-")
    return int(year) * 12 + (int(month[:2]) - 1 if month else 0)


def month_name(index: int, genitive: bool = False) -> str:
    from generator.polish import MONTHS, MONTHS_GENITIVE

    return f"{(MONTHS_GENITIVE if genitive else MONTHS)[index % 12]} {index // 12}"


def plan_procedure(site: IndicatorSite, procedure: Record) -> None:
    """Timeline of the tasks and steps over months, and the matrix of who is responsible for what."""
    page = page_path(procedure)
    folder = f"{procedure.type.url_dir}/{procedure.id}"
    tasks = procedure.get("tasks", [])
    rows, csv_rows, table = [], [], []
    months: list[int] = []
    for task in tasks:
        spans = [(month_index(p["start"]), month_index(p.get("end") or p["start"])) for p in task.get("periods", []) if p.get("start")]
        spans = [(a, b) for a, b in spans if a is not None and b is not None]
        months += [m for span in spans for m in span]
        rows.append([f"Zadanie {task['number']}", [list(s) for s in spans], 0, ""])
        dated = [s for s in task["steps"] if s.get("start")]
        table.append([f"Zadanie {task['number']}. {esc(task['title'])}",
                      "; ".join(f"{month_name(a)} – {month_name(b)}" for a, b in spans) or "brak terminu w źródle",
                      f"{len(dated)} z {len(task['steps'])}"])
        for step in task["steps"]:
            a, b = month_index(step.get("start")), month_index(step.get("end") or step.get("start"))
            csv_rows.append([task["number"], step["number"], step["title"], step.get("start", ""), step.get("end", step.get("start", "")),
                             " ".join(step.get("responsible", []))])
            if a is not None and b is not None:
                months += [a, b]
    if not months:
        return
    first, last = min(months), max(months)
    chart = Chart("gantt", f"{procedure.get('title')} — harmonogram zadań", (
        f"Wykres Gantta: {plural(len(tasks), 'zadanie', 'zadania', 'zadań')} na osi miesięcy od {month_name(first, True)} do {month_name(last, True)}; "
        "każdy pasek to okres realizacji zadania podany w źródle."), {"first": first, "last": last, "rows": rows})
    site.charts[f"{folder}/harmonogram.svg"] = chart
    site.files[f"{folder}/harmonogram.csv"] = to_csv(["zadanie", "krok", "tytul", "poczatek", "koniec", "odpowiedzialni"], csv_rows)
    parts = ["## Harmonogram\n\n", chart_block(page, f"{folder}/harmonogram.svg", chart, "Okresy realizacji zadań",
                                               md_table(["Zadanie", "Okres realizacji", "Kroki z terminem"], table), f"{folder}/harmonogram.csv")]
    for task in tasks:
        steps = [s for s in task["steps"] if s.get("start")]
        if not steps:
            continue
        step_rows = [[f"Krok {s['number']}", [[month_index(s["start"]), month_index(s.get("end") or s["start"])]], 1,
                      ", ".join(s.get("responsible", []))] for s in steps]
        path = f"{folder}/harmonogram-zadanie-{task['number']}.svg"
        site.charts[path] = Chart("gantt", f"Zadanie {task['number']} — kroki w czasie", (
            f"Wykres Gantta: {plural(len(steps), 'krok', 'kroki', 'kroków')} zadania {task['number']} z terminami ze źródła; przy pasku "
            "skróty partnerów odpowiedzialnych za krok."), {"first": first, "last": last, "rows": step_rows})
        site.files[path[:-4] + ".csv"] = to_csv(["krok", "tytul", "poczatek", "koniec", "odpowiedzialni"],
                                                ([s["number"], s["title"], s["start"], s.get("end", s["start"]), " ".join(s.get("responsible", []))]
                                                 for s in steps))
        step_table = md_table(["Krok", "Od", "Do", "Odpowiedzialni"],
                              [[f"{s['number']}. {esc(s['title'])}", month_name(month_index(s['start']) or 0),
                                month_name(month_index(s.get('end') or s['start']) or 0), ", ".join(s.get("responsible", [])) or "nie wskazano"]
                               for s in steps])
        parts.append(f"### Zadanie {task['number']} — kroki w czasie\n\n"
                     + chart_block(page, path, site.charts[path], f"Kroki zadania {task['number']}", step_table, path[:-4] + ".csv"))
    parts.append(_responsibility(procedure))
    site.procedure_sections[procedure.id] = "".join(parts)


def _responsibility(procedure: Record) -> str:
    codes = [p["code"] for p in procedure.get("partners", [])]
    rows = []
    for task in procedure.get("tasks", []):
        steps: dict[str, int] = defaultdict(int)
        meetings: dict[str, int] = defaultdict(int)
        unassigned = 0
        for step in task["steps"]:
            for code in step.get("responsible", []):
                steps[code] += 1
            if not step.get("responsible"):
                unassigned += 1
            for meeting in step.get("meetings", []):
                for code in meeting.get("responsible", []):
                    meetings[code] += meeting.get("count", 1)

        def cell(code: str) -> str:
            parts = []
            if steps[code]:
                parts.append(plural(steps[code], "krok", "kroki", "kroków"))
            if meetings[code]:
                parts.append(plural(meetings[code], "spotkanie", "spotkania", "spotkań"))
            return ", ".join(parts) or "—"
        rows.append([f"Zadanie {task['number']}", *(cell(c) for c in codes), str(unassigned) if unassigned else "—"])
    return ("## Kto za co odpowiada\n\nMacierz odpowiedzialności: liczba kroków (i spotkań), za które odpowiada partner w każdym "
            "zadaniu, według źródła. „—” oznacza brak kroków tego partnera.\n\n"
            + md_table(["Zadanie", *codes, "Kroki bez wskazanego partnera"], rows) + "\n")


def plan_site(model: SiteModel, tables: list[Any]) -> IndicatorSite:
    """Everything indicator data adds to the site, computed once per build."""
    derived = derive(tables, model.all("indicator"), model.all("jst"), model.all("project"))
    planner = Planner(model, derived)
    for indicator in model.all("indicator"):
        planner.indicator(indicator)
    planner.jst_all()
    for practice in model.all("practice"):
        planner.practice(practice)
    for procedure in model.all("procedure"):
        plan_procedure(planner.site, procedure)
    site = planner.site
    site.planner = planner
    site.charts = dict(sorted(site.charts.items()))
    site.files = dict(sorted(site.files.items()))
    return site
