"""Indicator pages (definition, ranking, distribution, change over time), their index and the open-data page."""
from __future__ import annotations

from typing import Any

from generator.content.licences import ATTRIBUTION, CONTENT, QUOTATIONS
from generator.content.records import Record
from generator.derive.model import SiteModel
from generator.polish import plural
from generator.render.indicators import indicator_site
from generator.render.numbers import number
from generator.render.pages.common import (
    bullet_list,
    edit_footer,
    esc,
    facts_table,
    join,
    link,
    notice,
    page_path,
    record_list,
    rel,
    section,
    sector_link,
    sources_section,
)

COMPOSITE_METHOD = ("Każdą składową przelicza się w danym roku na skalę 0–100 (100 — najlepszy samorząd, 0 — najsłabszy, "
                    "z uwzględnieniem kierunku składowej), a indeks to średnia ważona tych wartości. Indeks ma wartość tylko tam, "
                    "gdzie samorząd ma wszystkie składowe w tym samym roku.")


def _years(indicator: Record) -> str:
    years = indicator.get("years") or {}
    if not years:
        return ""
    return f"{years['start']}–{years['end']}" if years.get("end") else f"od {years['start']}"


def _range(indicator: Record) -> str:
    bounds = indicator.get("range") or {}
    parts = []
    if "minimum" in bounds:
        parts.append(f"od {number(bounds['minimum'])}")
    if "maximum" in bounds:
        parts.append(f"do {number(bounds['maximum'])}")
    return " ".join(parts)


def _components(page: str, model: SiteModel, indicator: Record) -> str:
    items = []
    for component in indicator.get("components", []):
        record = model.get("indicator", component["indicator"])
        text = link(page, record) if record else esc(component["indicator"])
        items.append(f"{text} — waga {number(float(component.get('weight', 1)))}")
    return (bullet_list(items) + "\n" + COMPOSITE_METHOD + "\n") if items else ""


def render_indicator(model: SiteModel, indicator: Record) -> str:
    page = page_path(indicator)
    rows = [("Skrót", esc(indicator.get("short_name", ""))), ("Jednostka", esc(indicator.get("unit", ""))),
            ("Kierunek", esc(indicator.get("direction", ""))), ("Lata", _years(indicator)), ("Dozwolony zakres", _range(indicator)),
            ("Sektory", join(sector_link(page, s) for s in indicator.get("sectors", [])))]
    practices = [p for pid in indicator.get("practices", []) if (p := model.get("practice", pid))]
    example_note = (notice("note", "Elementy przykładowe definicji", esc(indicator.get("example_note")))
                    if indicator.get("example_note") else "")
    return "".join([
        f"# {esc(indicator.get('name'))}\n\n", facts_table(rows), "\n",
        f"{esc(indicator.get('description'))}\n\n", example_note,
        section("Metoda", f"{esc(indicator.get('method'))}\n" if indicator.get("method") else ""),
        section("Składowe indeksu", _components(page, model, indicator)),
        indicator_site(model).indicator_sections.get(indicator.id, ""),
        section("Praktyki stosujące wskaźnik", record_list(page, practices)),
        sources_section(page, model, indicator), edit_footer(model, indicator),
    ])


def render_indicator_index(model: SiteModel) -> str:
    page = "wskazniki/index.md"
    site = indicator_site(model)
    with_data = set(site.derived.values["indicator"].unique()) if site.derived is not None else set()
    indicators = model.all("indicator")
    columns = [("Jednostka", "unit"), ("Kierunek", "direction")]
    shown = [(label, key) for label, key in columns if any(i.get(key) for i in indicators)]
    header = ["Wskaźnik", *(label for label, _ in shown)] + (["Dane"] if with_data else [])
    rows = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for indicator in indicators:
        cells = [f"**{link(page, indicator)}** — {esc(indicator.get('description'))}",
                 *(esc(indicator.get(key, '')) or "—" for _, key in shown)]
        if with_data:
            cells.append(("dane przykładowe" if indicator.id in site.example else "tak") if indicator.id in with_data else "—")
        rows.append("| " + " | ".join(cells) + " |")
    notice = ("Część wskaźników ma na razie tylko **dane przykładowe** — nie pochodzą ze źródła i każda strona, wykres i tabela "
              "z nimi mówi to wprost.\n\n") if site.example else ""
    if not with_data and indicators:
        notice += ("Baza nie ma jeszcze wartości żadnego z tych wskaźników: dokumenty źródłowe je opisują, ale nie podają wyników, "
                   "a baza nie publikuje liczb bez źródła. Wartości można dodać jako tabelę CSV ze źródłem każdego wiersza albo "
                   f"zaimportować z Banku Danych Lokalnych GUS — zob. [Dla redakcji]({rel(page, 'dla-redakcji/index.md')}).\n\n")
    return ("# Wskaźniki\n\nWskaźniki i indeksy opisane w dokumentach źródłowych. Gdy baza ma ich wartości (ze źródłem), strona "
            "wskaźnika pokazuje rankingi i rozkłady osobno dla każdego rodzaju samorządu, zmiany w czasie i porównania samorządów "
            "z ich grupami; wszystkie wartości są też do pobrania jako [dane otwarte](../dane/index.md).\n\n"
            + notice + ("\n".join(rows) + "\n" if indicators else "Brak rekordów.\n"))


def render_opendata(model: SiteModel, listing: list[Any]) -> str:
    """The open-data page: every published file with what it holds (listing: opendata.Published items)."""
    licence = f"[{CONTENT.short}]({CONTENT.url})"
    rows = ["| Plik | Zawartość | Licencja |", "| --- | --- | --- |"]
    for item in listing:
        path, title, description = item.path, item.title, item.description
        rows.append(f"| [{esc(path.removeprefix('dane/'))}]({path.removeprefix('dane/')}) | **{esc(title)}** — {esc(description)} | {licence} |")
    example = indicator_site(model).example
    notice = (f"Tabele wskaźników zawierają **dane przykładowe** ({plural(len(example), 'wskaźnik oznaczony jako przykładowy', 'wskaźniki oznaczone jako przykładowe', 'wskaźników oznaczonych jako przykładowe')}): "
              "nie pochodzą ze źródła; w plikach CSV stron mają kolumnę „uwaga” z tym napisem.\n\n") if example else ""
    return ("# Dane otwarte\n\nWszystkie rekordy bazy są dostępne do pobrania w formatach JSON i CSV (UTF-8), razem z tabelami "
            "wskaźników, schematami JSON i opisem całości w formacie [Frictionless Data Package](https://specs.frictionlessdata.io/data-package/) "
            "(`datapackage.json`). Pola prywatne (np. notatki redakcji) i adresy e-mail nie są publikowane.\n\n"
            f"## Licencja\n\nDane są udostępnione na licencji [{CONTENT.title} ({CONTENT.short})]({CONTENT.url}): "
            "można je kopiować, zmieniać i rozpowszechniać w dowolnym celu, także komercyjnym, podając źródło — "
            f"„{ATTRIBUTION}” — i informację o zmianach. {QUOTATIONS} Kod programu, który buduje stronę, "
            "jest udostępniony na licencji MIT.\n\n## Pliki\n\n" + notice + "\n".join(rows) + "\n\n"
            f"Plik opisu pakietu: [datapackage.json](datapackage.json) — licencja {licence}.\n\n"
            "## Metadane DCAT-AP\n\nOpis katalogu, zbiorów danych i plików w profilu DCAT-AP (na nim opiera się DCAT-AP-PL, "
            "profil, z którego korzysta portal dane.gov.pl) — do automatycznego pobierania przez katalogi danych: "
            "[dcat.jsonld](dcat.jsonld) (JSON-LD) i [dcat.ttl](dcat.ttl) (Turtle). Każdy zbiór ma licencję, formaty plików, "
            "zasięg terytorialny (Polska) i — gdy rekordy podają lata — zasięg czasowy.\n")
