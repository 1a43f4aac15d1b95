"""`bdp import bdl`: values of one variable of the GUS Local Data Bank (BDL) for the local governments
of registry/jst, written as an indicator table, its definition and its source record.

Exit status: 0 written; 1 nothing written because of the data (no values for registered local
governments, conflicting or unexplained values, the indicator already has rows in another table,
files could not be written); 2 invalid call
(options, files already present without --overwrite); 3 the API could not be read (network,
HTTP error, rate limit still hit after the retries, incomplete or malformed answer).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import urllib.parse
from collections import Counter
from pathlib import Path
from typing import Any

from generator.authoring.importers.bdl_api import DEFAULT_API, LIMITS_PAGE, ApiError, Client
from generator.authoring.importers.bdl_map import (
    LEVELS,
    SKIPPED_ATTRIBUTES,
    MappingError,
    Outcome,
    attributes_from,
    counted_names,
    csv_text,
    grouped_missing,
    map_results,
    variable_name,
)
from generator.authoring.importers.files import (
    WriteError,
    existing,
    fail,
    registry_names,
    tables_with,
    write_all,
    yaml_record,
)
from generator.paths import SCHEMA_DIR
from generator.polish import plural

HELP = "pobierz wartości zmiennej z Banku Danych Lokalnych GUS (API BDL) jako wskaźnik z tabelą i źródłem"
KEY_VARIABLE = "BDL_API_KEY"
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMAS = SCHEMA_DIR
LEVEL_NAMES = {"gmina": "gminy", "powiat": "powiaty", "wojewodztwo": "województwa"}
LEVEL_GENITIVE = {"gmina": "gmin", "powiat": "powiatów", "wojewodztwo": "województw"}
TERMS = ("Dane statystyki publicznej z Banku Danych Lokalnych GUS; wykorzystując je, należy podać źródło "
         "(Główny Urząd Statystyczny, Bank Danych Lokalnych). Zasady i limity API BDL: " + LIMITS_PAGE + ".")

EXIT_NETWORK = 5  # the API could not be read (network, HTTP, rate limit); see README "Kody wyjścia"


def _choices(key: str) -> list[str]:
    if key == "sector":
        defs = json.loads((SCHEMAS / "defs.schema.json").read_text(encoding="utf-8"))
        return list(defs["$defs"]["sector"]["enum"])
    schema = json.loads((SCHEMAS / "indicator.schema.json").read_text(encoding="utf-8"))
    return list(schema["properties"]["direction"]["enum"])


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Pobiera wartości jednej zmiennej BDL dla gmin, powiatów lub województw, zamienia identyfikatory jednostek BDL "
        "na kody TERYT z registry/jst i zapisuje indicators/<tabela>.csv, indicators/<wskaźnik>.yaml oraz "
        "registry/sources/<źródło>.yaml. Jednostki spoza rejestru są wymienione z nazwy i policzone. Pliki powstają "
        "dopiero po pobraniu i sprawdzeniu wszystkiego. Kod wyjścia: 0 zapisano, 1 dane nie pozwalają zapisać, "
        "2 błędne wywołanie, 5 błąd sieci lub API.")
    parser.add_argument("--variable", type=int, required=True, metavar="ID", help="numer zmiennej BDL, np. 72305")
    parser.add_argument("--level", action="append", choices=sorted(LEVELS), metavar="POZIOM",
                        help="gmina, powiat albo wojewodztwo; można podać kilka razy (domyślnie gmina)")
    parser.add_argument("--year", action="append", default=[], metavar="ROK",
                        help="rok albo zakres lat, np. 2023 lub 2015-2023; można podać kilka razy (domyślnie wszystkie lata)")
    parser.add_argument("--sector", action="append", required=True, choices=_choices("sector"), metavar="SEKTOR",
                        help="sektor wskaźnika ze słownika schematu (np. „zarządzanie strategiczne”); można podać kilka razy")
    parser.add_argument("--indicator", metavar="ID", help="identyfikator wskaźnika (domyślnie gus-bdl-<zmienna>)")
    parser.add_argument("--table", metavar="NAZWA", help="nazwa pliku tabeli bez .csv (domyślnie identyfikator wskaźnika)")
    parser.add_argument("--source", metavar="ID", help="identyfikator rekordu źródła (domyślnie gus-bdl-<zmienna>)")
    parser.add_argument("--name", metavar="TEKST", help="nazwa wskaźnika (domyślnie nazwa tematu i wymiarów zmiennej z BDL)")
    parser.add_argument("--direction", choices=_choices("direction"), default="bez oceny",
                        help="kierunek oceny wskaźnika (domyślnie „bez oceny”)")
    parser.add_argument("--api-url", default=DEFAULT_API, metavar="ADRES", help=f"adres API BDL (domyślnie {DEFAULT_API})")
    parser.add_argument("--api-key", default=None, metavar="KLUCZ",
                        help=f"klucz API wysyłany w nagłówku X-ClientId (domyślnie ze zmiennej środowiskowej {KEY_VARIABLE})")
    parser.add_argument("--page-size", type=int, default=100, metavar="N", help="rekordów na stronę (1–100, domyślnie 100)")
    parser.add_argument("--retries", type=int, default=5, metavar="N",
                        help="ile razy ponowić zapytanie po HTTP 429 lub 502–504 (domyślnie 5)")
    parser.add_argument("--max-wait", type=float, default=120.0, metavar="SEKUNDY",
                        help="najdłuższe czekanie przed ponowieniem, także gdy Retry-After każe czekać dłużej (domyślnie 120)")
    parser.add_argument("--min-interval", type=float, default=0.25, metavar="SEKUNDY",
                        help="najkrótszy odstęp między zapytaniami (domyślnie 0,25 s, czyli do 4 zapytań na sekundę)")
    parser.add_argument("--overwrite", action="store_true", help="zastąp istniejące pliki wskaźnika, tabeli i źródła")


def _years(specs: list[str]) -> list[int] | str:
    years: set[int] = set()
    for spec in specs:
        match = re.fullmatch(r"\s*(\d{4})\s*(?:-\s*(\d{4})\s*)?", spec)
        if not match:
            return f"rok „{spec}” nie jest rokiem ani zakresem lat; podaj np. 2023 albo 2015-2023"
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if first > last or first < 1995 or last > 2100:
            return f"zakres lat „{spec}” jest błędny; BDL ma dane od 1995 r., pierwszy rok nie może być późniejszy od ostatniego"
        years.update(range(first, last + 1))
    return sorted(years)


def _fail(message: str, status: int) -> int:
    return fail("bdl", message, status)


def _option_error(args: argparse.Namespace, ids: tuple[tuple[str, str], ...]) -> str | None:
    """The first wrong option of the command line (exit status 2), or None."""
    for option, value in ids:
        if not ID.match(value) or len(value) > 80:
            return (f"{option} „{value}”: identyfikator to małe litery bez polskich znaków, cyfry i pojedyncze "
                    "myślniki (do 80 znaków), np. gus-bdl-72305")
    years = _years(args.year)
    if isinstance(years, str):
        return years
    if not 1 <= args.page_size <= 100:
        return "--page-size musi mieścić się w zakresie 1–100 (tyle pozwala API BDL)"
    if args.retries < 0 or args.max_wait < 0 or args.min_interval < 0:
        return "--retries, --max-wait i --min-interval nie mogą być ujemne"
    api = urllib.parse.urlsplit(args.api_url)
    if api.scheme not in ("http", "https") or not api.netloc:
        return f"--api-url „{args.api_url}” nie jest adresem http:// ani https://; domyślnie {DEFAULT_API}"
    return None


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    var = args.variable
    indicator = args.indicator or f"gus-bdl-{var}"
    table = args.table or indicator
    source = args.source or f"gus-bdl-{var}"
    wrong = _option_error(args, (("--indicator", indicator), ("--table", table), ("--source", source)))
    if wrong is not None:
        return _fail(wrong, 2)
    years = _years(args.year)
    assert not isinstance(years, str)  # _option_error returned its message
    levels = sorted(set(args.level or ["gmina"]), key=lambda name: -LEVELS[name])  # gmina, powiat, voivodeship
    paths = {"table": f"indicators/{table}.csv", "indicator": f"indicators/{indicator}.yaml",
             "source": f"registry/sources/{source}.yaml"}
    if not (root / "registry" / "jst").is_dir():
        return _fail(f"w katalogu treści „{root}” nie ma registry/jst; podaj katalog bazy opcją bdp --root", 2)
    present = existing(root, dict.fromkeys(paths.values(), ""))
    if present and not args.overwrite:
        return _fail("pliki już istnieją: " + ", ".join(present) + "; podaj inne identyfikatory "
                     "(--indicator, --table, --source) albo --overwrite, by je zastąpić", 2)
    registry = registry_names(root)
    if not registry:
        return _fail("registry/jst nie zawiera żadnego samorządu z kodem TERYT; nie ma do czego przypisać wartości", 1)
    elsewhere = tables_with(root, indicator, besides=paths["table"])
    if elsewhere:
        return _fail(f"wskaźnik {indicator} ma już wartości w {', '.join(elsewhere)}; te same wiersze w dwóch tabelach "
                     "to błąd table.duplicate — usuń je tam albo podaj inny --indicator", 1)

    client = Client(base=args.api_url, key=args.api_key or os.environ.get(KEY_VARIABLE) or None,
                    retries=args.retries, max_wait=args.max_wait, interval=args.min_interval)
    today = dt.date.today()
    try:
        variable = client.get(client.url(f"variables/{var}", []))
        if not isinstance(variable, dict):
            raise ApiError(f"opis zmiennej {var} z API BDL nie jest obiektem JSON")
        subject = _subject_name(client, variable)
        attributes = attributes_from([r for page in client.pages(client.url("attributes", [("page-size", "100")]))
                                      for r in page["results"]])
        results: list[Any] = []
        pages = 0
        data_urls = []
        for level in levels:
            params = [("unit-level", str(LEVELS[level]))] + [("year", str(y)) for y in years]
            data_urls.append(client.url(f"data/by-variable/{var}", params))
            for page in client.pages(client.url(f"data/by-variable/{var}", [*params, ("page-size", str(args.page_size))])):
                pages += 1
                results += page["results"]
    except ApiError as exc:
        return _fail(str(exc), EXIT_NETWORK)
    try:
        outcome = map_results(results, registry, attributes, SKIPPED_ATTRIBUTES)
    except MappingError as exc:
        return _fail(str(exc), 1)
    _report_left_out(outcome, attributes)
    if not outcome.rows:
        return _fail(f"API BDL nie podało żadnej wartości zmiennej {var} dla samorządów z registry/jst "
                     f"({plural(outcome.units, 'jednostka', 'jednostki', 'jednostek')} w odpowiedzi)", 1)
    name = args.name or variable_name(variable, subject) or f"Zmienna BDL {var}"
    unit = str(variable.get("measureUnitName") or "").strip()
    files = {
        paths["table"]: csv_text(outcome.rows, indicator, source),
        paths["indicator"]: yaml_record("../schema/indicator.schema.json",
                                        _indicator(indicator, name, unit, var, levels, outcome, args, source)),
        paths["source"]: yaml_record("../../schema/source.schema.json",
                                     _source(source, name, unit, var, levels, data_urls, today)),
    }
    try:
        write_all(root, files)
    except WriteError as exc:
        return _fail(str(exc), 1)
    _report_written(outcome, files, paths, pages, client)
    return 0


def _subject_name(client: Client, variable: dict[str, Any]) -> str:
    subject_id = variable.get("subjectId")
    if not isinstance(subject_id, str) or not subject_id:
        return ""
    subject = client.get(client.url(f"subjects/{subject_id}", []))
    return str(subject.get("name") or "") if isinstance(subject, dict) else ""


def _indicator(indicator: str, name: str, unit: str, var: int, levels: list[str], outcome: Outcome,
               args: argparse.Namespace, source: str) -> dict[str, Any]:
    years = [row.year for row in outcome.rows]
    scope = ", ".join(LEVEL_NAMES[level] for level in levels)
    whom = " i ".join(LEVEL_GENITIVE[level] for level in levels)
    data: dict[str, Any] = {
        "id": indicator,
        "name": name,
        "description": f"{name}. Zmienna nr {var} Banku Danych Lokalnych GUS" + (f", jednostka miary: {unit}" if unit else "")
                       + f"; dane dla {whom}.",
        "method": f"Wartości przepisane bez zmian z API Banku Danych Lokalnych GUS (zmienna {var}, poziomy: {scope}); "
                  "uwagi GUS do wartości (atrybuty) są w kolumnie note tabeli.",
    }
    if unit:
        data["unit"] = unit
    data["direction"] = args.direction
    data["years"] = {"start": min(years), "end": max(years)}
    data["sectors"] = list(dict.fromkeys(args.sector))
    data["sources"] = [{"source": source, "locator": f"zmienna {var}"}]
    return data


def _source(source: str, name: str, unit: str, var: int, levels: list[str], urls: list[str], today: dt.date) -> dict[str, Any]:
    scope = ", ".join(LEVEL_NAMES[level] for level in levels)
    addresses = "; ".join(urls)
    return {
        "id": source,
        "title": f"Bank Danych Lokalnych GUS — zmienna {var}: {name}",
        "kind": "rejestr urzędowy",
        "url": urls[0],
        "publisher": "Główny Urząd Statystyczny",
        "description": f"Zmienna nr {var} Banku Danych Lokalnych: {name}"
                       + (f"; jednostka miary: {unit}" if unit else "")
                       + f". Poziomy: {scope}. Pobrano {today.isoformat()} przez API BDL ({addresses}) poleceniem "
                       f"bdp import bdl. {TERMS}",
    }


def _report_left_out(outcome: Outcome, attributes: dict[int, Any]) -> None:
    if outcome.unregistered:
        count = len(outcome.unregistered)
        values = sum(n for _, n in outcome.unregistered.values())
        print(f"Uwaga: pominięto {plural(count, 'jednostkę', 'jednostki', 'jednostek')} spoza registry/jst "
              f"({plural(values, 'wartość', 'wartości', 'wartości')}): {counted_names(outcome.unregistered)}. "
              "Dodaj je do registry/jst, jeśli mają być w bazie, i powtórz import.")
    if outcome.not_self_governing:
        entries = sorted(outcome.not_self_governing.values())
        by_reason = Counter(reason for _, reason in entries)
        reasons = "; ".join(f"{reason}: {count}" for reason, count in sorted(by_reason.items()))
        listed = ", ".join(f"{name} ({reason})" for name, reason in entries[:20])
        more = f" i {len(entries) - 20} innych" if len(entries) > 20 else ""
        which = "która nie jest samorządem" if len(entries) == 1 else "które nie są samorządami"
        print(f"Uwaga: pominięto {plural(len(entries), 'jednostkę', 'jednostki', 'jednostek')}, {which} "
              f"({reasons}): {listed}{more}.")
    if outcome.missing:
        print(f"Uwaga: brak wartości ({plural(len(outcome.missing), 'rok', 'lata', 'lat')} jednostek z rejestru): "
              f"{grouped_missing(outcome.missing)}.")
    for attr, count in sorted(outcome.skipped_attributes.items()):
        print(f"Uwaga: pominięto {plural(count, 'wartość', 'wartości', 'wartości')} z atrybutem GUS {attr} "
              "(wartość nieopublikowana, np. dzielnice Warszawy).")
    for attr, count in sorted(outcome.noted.items()):
        print(f"{plural(count, 'wartość ma', 'wartości mają', 'wartości ma')} uwagę „{attributes[attr].note()}” "
              f"(atrybut GUS {attr}) w kolumnie note.")


def _report_written(outcome: Outcome, files: dict[str, str], paths: dict[str, str], pages: int, client: Client) -> None:
    rows = len(outcome.rows)
    print(f"Pobrano {plural(pages, 'stronę', 'strony', 'stron')} danych "
          f"({plural(outcome.units, 'jednostka', 'jednostki', 'jednostek')}, "
          f"{plural(client.requests, 'zapytanie', 'zapytania', 'zapytań')} do API"
          + (f", {plural(len(client.waits), 'ponowienie', 'ponowienia', 'ponowień')} po limicie zapytań" if client.waits else "")
          + ").")
    if outcome.merged:
        print(f"{plural(outcome.merged, 'wartość miasta', 'wartości miast', 'wartości miast')} na prawach powiatu "
              "z poziomu gmin i powiatów była taka sama — zapisano raz.")
    print(f"Zapisano {paths['table']} ({plural(rows, 'wiersz', 'wiersze', 'wierszy')}), {paths['indicator']} i {paths['source']}.")
    print("Sprawdź wynik: bdp validate")
