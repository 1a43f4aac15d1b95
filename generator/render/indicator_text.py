"""Wording and small Markdown pieces shared by the indicator sections of every page kind."""
from __future__ import annotations

import html

from generator.content.records import Record
from generator.derive.indicators import HIGHER, LOWER, MIN_PEERS
from generator.render.chart_canvas import Chart, narrow_path
from generator.render.numbers import number
from generator.render.pages.common import esc, rel

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
EXAMPLE_CSV = "dane przykładowe"  # the "uwaga" column of a CSV file with example values


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


def direction_words(direction: str) -> str:
    return {HIGHER: "wyższa wartość jest lepsza", LOWER: "niższa wartość jest lepsza"}.get(direction, "wskaźnik bez oceny")


def example_note(example: bool) -> str:
    return EXAMPLE_CSV if example else ""
