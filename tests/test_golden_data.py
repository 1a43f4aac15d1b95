"""Generated charts (SVG), the search index and open-data files are compared byte for byte with committed goldens.

The charts: those of the small fixture tree and a fixed set of cases covering every chart kind
(wide and phone drawing, example data, a cut ranking, negative values, a band, a period, gaps in a
series, a long schedule). The search index: the data files the search page loads for the fixture
tree (the scripts beside them are copied as they are). The open data: every file under dane/ the fixture tree publishes, except
the copies of the schemas (they are schema/ itself).

Refresh them after an intended change with:  BDP_UPDATE_GOLDEN=1 make test
(or only these: BDP_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden_data.py)
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import TESTS, VALID

from generator.check.validate import validate_tree
from generator.content.schemafiles import schemas_of
from generator.derive.indicators import derive_for
from generator.derive.model import build_model
from generator.render.charts import Chart, render_charts, with_narrow
from generator.render.indicators import plan_site
from generator.render.opendata import plan_opendata
from generator.render.search.page import search_outputs

GOLDEN = TESTS / "golden-data"
LONG = "Odsetek decyzji wydanych w terminie bez odwołań i skarg do samorządowego kolegium odwoławczego"
CASES = {
    "przypadki/ranking-uciety.svg": Chart("ranking", f"{LONG} — ranking 2023: gminy", "Opis rankingu.", {
        "rows": [[f"Gmina o długiej nazwie numer {i}", float(i * 7 - 30), i == 3] for i in range(12)], "unit": "%", "gap_after": 5},
        example=True),
    "przypadki/ranking-krotki.svg": Chart("ranking", "Wydatki — ranking 2022: powiaty", "Opis.", {
        "rows": [["Powiat A", 1250000.0, False], ["Powiat B", 980000.5, False], ["Powiat C", 0.25, False]], "unit": "zł",
        "gap_after": None}),
    "przypadki/rozklad.svg": Chart("boxes", f"{LONG} — rozkład 2023", "Opis rozkładu.", {
        "groups": [["gminy", 1.0, 12.5, 20.0, 31.25, 90.0, 40], ["miasta na prawach powiatu", 5.0, 6.0, 7.0, 8.0, 9.0, 6]],
        "unit": "%"}),
    "przypadki/w-czasie.svg": Chart("trend", "Wskaźnik — zmiana w czasie", "Opis trendu.", {
        "years": list(range(2005, 2025)),
        "series": [["mediana: gminy", [float(i) for i in range(20)]], ["mediana: powiaty", [None] * 5 + [float(20 - i) for i in range(15)]]],
        "band": ["ćwiartki środkowe: gminy", [float(i) - 2 for i in range(20)], [float(i) + 3 for i in range(20)]], "unit": "pkt",
        "period": None}),
    "przypadki/przed-i-po.svg": Chart("trend", f"{LONG} — przed praktyką i po niej", "Opis porównania.", {
        "years": [2012, 2013, 2015, 2016, 2017], "series": [["Gmina Przykładowa", [3.0, None, 4.5, 5.0, 4.0]]], "band": None,
        "unit": "", "period": [2013, 2015]}, example=True),
    "przypadki/harmonogram.svg": Chart("gantt", "Procedura — harmonogram zadań", "Opis harmonogramu.", {
        "first": 2020 * 12, "last": 2024 * 12 + 11,
        "rows": [["Zadanie 1", [[2020 * 12, 2021 * 12], [2022 * 12 + 5, 2022 * 12 + 8]], 0, ""],
                 ["Krok 1.1", [[2022 * 12 + 3, 2024 * 12 + 11]], 1, "UM, NGO, Rada Seniorów"]]}),
}


def _fixture_model():  # type: ignore[no-untyped-def]
    result = validate_tree(VALID)
    assert result.ok
    return build_model(result.records, tables=result.tables)


def _charts() -> dict[str, str]:
    model = _fixture_model()
    site = plan_site(model, derive_for(model))
    charts = {f"drzewo-testowe/{path}": chart for path, chart in site.charts.items()}
    return {f"wykresy/{path}": svg for path, svg in render_charts(with_narrow({**charts, **CASES})).files.items()}


def _opendata() -> dict[str, str]:
    files, _ = plan_opendata(_fixture_model(), schemas_of(VALID), VALID)
    return {path: content if isinstance(content, str) else Path(content).read_text(encoding="utf-8")
            for path, content in files.items() if not path.startswith("dane/schematy/")}


def _search_index() -> dict[str, str]:
    files, _ = search_outputs(_fixture_model())
    return {f"szukaj/{path}": content for path, content in files.items() if isinstance(content, str)}


def _compare(made: dict[str, str], folder: str) -> None:
    root = GOLDEN / folder
    if os.environ.get("BDP_UPDATE_GOLDEN"):
        shutil.rmtree(root, ignore_errors=True)
        for rel, content in made.items():
            path = GOLDEN / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8"))
        pytest.skip("goldens refreshed")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_bytes().decode("utf-8") for p in root.rglob("*") if p.is_file()}
    assert sorted(made) == sorted(expected)
    for rel, content in made.items():
        assert content == expected[rel], f"{rel} differs from its golden (BDP_UPDATE_GOLDEN=1 to refresh)"


def test_golden_charts() -> None:
    _compare(_charts(), "wykresy")


def test_golden_opendata() -> None:
    _compare(_opendata(), "dane")


def test_golden_search_index() -> None:
    made = _search_index()
    assert made, "the fixture tree has a search index"
    _compare(made, "szukaj")


def test_charts_search_and_opendata_are_the_same_in_a_second_run() -> None:
    assert _charts() == _charts()
    assert _search_index() == _search_index()
    assert _opendata() == _opendata()
