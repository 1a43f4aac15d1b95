"""Write the demo content root (demo/) and the demo jury data (demo-jury/): FICTIONAL places only.

The public content root holds sourced facts only. Every feature that needs numbers or a jury
(indicator rankings, peer-group comparisons, composite indices, before/after sections of a
practice, the contest jury's review) is shown on this demo root instead: plainly fictional local
governments (Przykładowo, Fikcyjnów, Gmina Makietowa…) with codes in powiat numbers no real unit
uses (50–59, 90–99), example indicator values drawn from a seeded random generator, and the
example contest edition (demo/contests/, kept by hand) with its jurors, entries and score sheets in
demo-jury/ (the stand-in for a jury's private repository).

    .venv/bin/python scripts/demo_content.py      # rewrites demo/ and demo-jury/ (deterministic)
    .venv/bin/bdp --root demo build                # the demo site in demo/site
    .venv/bin/bdp --root demo build --profile jury --jury-data demo-jury
"""
from __future__ import annotations

import csv
import os
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo"
JURY = ROOT / "demo-jury"
SOURCE = [{"source": "dane-przykladowe"}]
VERIFIED = "2026-12-02"

# (id, name, type, voivodeship, code): no real unit has powiat number 50–59 or 90–99.
JST = [
    ("przykladowo", "Przykładowo", "miasto na prawach powiatu", "mazowieckie", "1491011"),
    ("fikcyjnow", "Fikcyjnów", "miasto na prawach powiatu", "mazowieckie", "1492011"),
    ("makietowo", "Makietowo", "miasto na prawach powiatu", "lubelskie", "0691011"),
    ("demonstracyjno", "Demonstracyjno", "miasto na prawach powiatu", "pomorskie", "2291011"),
    ("wzorcowice", "Wzorcowice", "miasto na prawach powiatu", "wielkopolskie", "3091011"),
    ("prototypowo", "Prototypowo", "miasto na prawach powiatu", "wielkopolskie", "3092011"),
    ("powiat-przykladowski", "Powiat przykładowski", "powiat", "mazowieckie", "1450"),
    ("powiat-fikcyjnowski", "Powiat fikcyjnowski", "powiat", "mazowieckie", "1451"),
    ("powiat-makietowy", "Powiat makietowy", "powiat", "lubelskie", "0650"),
    ("powiat-demonstracyjny", "Powiat demonstracyjny", "powiat", "pomorskie", "2250"),
    ("powiat-wzorcowy", "Powiat wzorcowy", "powiat", "wielkopolskie", "3050"),
    ("gmina-przykladowa-wies", "Gmina Przykładowa Wieś", "gmina wiejska", "mazowieckie", "1450012"),
    ("gmina-fikcyjna-dolna", "Gmina Fikcyjna Dolna", "gmina wiejska", "mazowieckie", "1451012"),
    ("gmina-fikcyjna-gorna", "Gmina Fikcyjna Górna", "gmina wiejska", "mazowieckie", "1451022"),
    ("gmina-makietowa", "Gmina Makietowa", "gmina miejsko-wiejska", "lubelskie", "0650013"),
    ("gmina-demonstracyjna", "Gmina Demonstracyjna", "gmina miejsko-wiejska", "pomorskie", "2250013"),
    ("gmina-wzorcowa", "Gmina Wzorcowa", "gmina miejska", "wielkopolskie", "3050011"),
    ("gmina-probna", "Gmina Próbna", "gmina wiejska", "wielkopolskie", "3050022"),
]
CODE = {j[0]: j[4] for j in JST}
KIND = {j[4]: j[2] for j in JST}

INDICATORS = {  # id: (name, unit, direction, years, base, yearly growth, for powiats)
    "koszt-uslug-oswiata": ("Koszt usług: oświata (przykład)", "zł na mieszkańca", "bez oceny", (2010, 2014), 1400, 0.04, True),
    "koszt-uslug-pomoc-spoleczna": ("Koszt usług: pomoc społeczna (przykład)", "zł na mieszkańca", "bez oceny", (2010, 2014), 420, 0.05, True),
    "koszt-uslug-kultura": ("Koszt usług: kultura (przykład)", "zł na mieszkańca", "bez oceny", (2010, 2014), 160, 0.03, False),
    "decyzje-po-terminie": ("Decyzje wydane po terminie (przykład)", "% wydanych decyzji", "niższa lepsza", (2010, 2014), 6, -0.05, True),
    "ocena-uslug-przez-mieszkancow": ("Ocena usług przez mieszkańców (przykład)", "% mieszkańców oceniających usługi dobrze",
                                      "wyższa lepsza", (2010, 2014), 58, 0.02, True),
    "wymiar-finansowy": ("Wymiar finansowy współpracy (przykład)", "pkt (0–100)", "wyższa lepsza", (2008, 2011), 55, 0.02, True),
    "wymiar-pozafinansowy": ("Wymiar pozafinansowy współpracy (przykład)", "pkt (0–100)", "wyższa lepsza", (2008, 2011), 50, 0.03, True),
}
SECTORS = {"koszt-uslug-oswiata": "oświata", "koszt-uslug-pomoc-spoleczna": "pomoc społeczna", "koszt-uslug-kultura": "kultura",
           "decyzje-po-terminie": "sprawność administracji",
           "ocena-uslug-przez-mieszkancow": "monitorowanie jakości usług publicznych",
           "wymiar-finansowy": "współpraca z organizacjami pozarządowymi",
           "wymiar-pozafinansowy": "współpraca z organizacjami pozarządowymi"}

PRACTICES = [
    ("przykladowo-punkt-obslugi-swiadczen", "Jeden punkt obsługi świadczeń społecznych (Przykładowo — przykład)",
     "przykladowo", "pomoc społeczna", ("2012-01", "2012-12"), ["koszt-uslug-pomoc-spoleczna", "ocena-uslug-przez-mieszkancow"],
     "Fikcyjne miasto Przykładowo połączyło obsługę świadczeń społecznych w jednym punkcie. Praktyka jest zmyślona: "
     "pokazuje, jak strona praktyki zestawia wskaźniki samorządu przed okresem praktyki i po nim."),
    ("fikcyjna-dolna-terminowe-decyzje", "Terminowe decyzje administracyjne (Gmina Fikcyjna Dolna — przykład)",
     "gmina-fikcyjna-dolna", "sprawność administracji", ("2011-06", "2012-06"), ["decyzje-po-terminie"],
     "Fikcyjna gmina wprowadziła kontrolę terminów spraw. Praktyka jest zmyślona: pokazuje sekcję „przed i po” dla wskaźnika, "
     "w którym niższa wartość jest lepsza."),
    ("powiat-makietowy-forum-organizacji", "Forum organizacji pozarządowych (Powiat makietowy — przykład)",
     "powiat-makietowy", "współpraca z organizacjami pozarządowymi", ("2009-01", "2009-12"), ["wymiar-pozafinansowy", "indeks-wspolpracy"],
     "Fikcyjny powiat prowadzi forum organizacji pozarządowych. Praktyka jest zmyślona: pokazuje indeks złożony na stronie praktyki."),
]


def dump(path: Path, data: dict, schema: str, comment: str = "DANE PRZYKŁADOWE — miejsca i liczby są zmyślone.") -> None:
    relative = os.path.relpath(ROOT / "schema" / f"{schema}.schema.json", path.parent)
    head = f"# yaml-language-server: $schema={relative}\n# {comment}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")


def write_registry() -> None:
    dump(DEMO / "registry/sources/dane-przykladowe.yaml", {
        "id": "dane-przykladowe", "title": "Dane przykładowe (zmyślone) do pokazania funkcji bazy", "kind": "dane przykładowe",
        "description": "Wszystkie samorządy, praktyki, wartości wskaźników i edycja konkursu w tym katalogu są zmyślone "
                       "(scripts/demo_content.py). Nie opisują żadnego prawdziwego miejsca."}, "source")
    for jid, name, kind, voivodeship, code in JST:
        dump(DEMO / f"registry/jst/{jid}.yaml", {"id": jid, "name": name, "type": kind, "voivodeship": voivodeship, "teryt": code,
                                                 "teryt_verified": True, "sources": SOURCE}, "jst")
    dump(DEMO / "registry/organisations/stowarzyszenie-przykladowe.yaml", {
        "id": "stowarzyszenie-przykladowe", "name": "Stowarzyszenie Przykładowe (fikcyjne)", "kind": "organizacja pozarządowa",
        "sources": SOURCE}, "organisation")
    dump(DEMO / "registry/projects/projekt-przykladowy.yaml", {
        "id": "projekt-przykladowy", "title": "Projekt przykładowy: porównania kosztów usług (fikcyjny)",
        "summary": "Zmyślony projekt, którego uczestnicy tworzą grupę porównawczą.",
        "period": {"start": "2010", "end": "2014"}, "leader": "stowarzyszenie-przykladowe",
        "participants": sorted(CODE[j] for j in ("przykladowo", "fikcyjnow", "makietowo", "demonstracyjno", "wzorcowice",
                                                 "gmina-fikcyjna-dolna", "gmina-makietowa", "powiat-makietowy")),
        "sources": SOURCE}, "project")


def write_indicators(rng: random.Random) -> None:
    for iid, (name, unit, direction, years, *_rest) in INDICATORS.items():
        dump(DEMO / f"indicators/{iid}.yaml", {
            "id": iid, "name": name, "description": f"Wskaźnik przykładowy: {name[:1].lower()}{name[1:]}.",
            "method": "Wartości są zmyślone (scripts/demo_content.py).", "unit": unit, "direction": direction,
            "range": {"minimum": 0, **({"maximum": 100} if unit.startswith(("%", "pkt")) else {})},
            "years": {"start": years[0], "end": years[1]}, "example_data": True,
            "example_note": "Cały wskaźnik jest przykładem.", "sectors": [SECTORS[iid]],
            "practices": sorted(p[0] for p in PRACTICES if iid in p[5]), "sources": SOURCE}, "indicator")
    dump(DEMO / "indicators/indeks-wspolpracy.yaml", {
        "id": "indeks-wspolpracy", "name": "Indeks współpracy (przykład)", "short_name": "IWP",
        "description": "Przykładowy indeks złożony z dwóch wymiarów.", "method": "Średnia ważona składowych przeliczonych na 0–100.",
        "unit": "pkt (0–100)", "direction": "wyższa lepsza", "range": {"minimum": 0, "maximum": 100},
        "components": [{"indicator": "wymiar-finansowy"}, {"indicator": "wymiar-pozafinansowy"}], "example_data": True,
        "example_note": "Cały wskaźnik jest przykładem.", "sectors": ["współpraca z organizacjami pozarządowymi"],
        "practices": ["powiat-makietowy-forum-organizacji"], "sources": SOURCE}, "indicator")
    rows: dict[str, list[tuple[str, str, int, float]]] = {"koszty-uslug": [], "sprawnosc-i-opinie": [], "wymiary-wspolpracy": []}
    for iid, (_name, _unit, _direction, years, base, growth, powiats) in INDICATORS.items():
        table = "koszty-uslug" if iid.startswith("koszt") else "wymiary-wspolpracy" if iid.startswith("wymiar") else "sprawnosc-i-opinie"
        for code in sorted(KIND):
            if KIND[code] == "powiat" and not powiats:
                continue
            level = base * rng.uniform(0.7, 1.3) * (0.6 if KIND[code] == "powiat" and iid.startswith("koszt") else 1)
            for year in range(years[0], years[1] + 1):
                value = level * (1 + growth) ** (year - years[0]) * rng.uniform(0.96, 1.04)
                rows[table].append((code, iid, year, min(value, 99.0) if _unit.startswith(("%", "pkt")) else value))
    for table, found in rows.items():
        path = DEMO / "indicators" / f"{table}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["teryt", "indicator", "year", "value", "note"])
            for code, iid, year, value in sorted(found, key=lambda r: (r[1], r[0], r[2])):
                writer.writerow([code, iid, year, f"{value:.1f}", "dane przykładowe"])


def write_practices() -> None:
    for pid, title, jid, sector, (start, end), _indicators, text in PRACTICES:
        data = {"id": pid, "title": title, "summary": text.split(". ")[0] + ".", "jst": [CODE[jid]], "sectors": [sector],
                "period": {"start": start, "end": end}, "sources": SOURCE, "last_verified": VERIFIED}
        head = "---\n# yaml-language-server: $schema=../../schema/practice.schema.json\n# DANE PRZYKŁADOWE — praktyka zmyślona.\n"
        body = f"\n## Na czym polega\n\n{text}\n"
        (DEMO / "practices").mkdir(parents=True, exist_ok=True)
        (DEMO / "practices" / f"{pid}.md").write_text(
            head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120) + "---\n" + body, encoding="utf-8")


def main() -> None:
    for generated in ("registry", "indicators", "practices"):  # contests/ and demo-jury/ are kept by hand
        shutil.rmtree(DEMO / generated, ignore_errors=True)
    DEMO.mkdir(exist_ok=True)
    (DEMO / "bdp.yaml").write_text("# The demo content root: fictional places and example data only (scripts/demo_content.py).\n"
                                   "demo: true\n", encoding="utf-8")
    write_registry()
    write_indicators(random.Random(2026))
    write_practices()


if __name__ == "__main__":
    sys.exit(main())
