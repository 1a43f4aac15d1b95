"""Indicator tables: validation naming file, row and column; derivations checked by hand; deterministic
charts; open data validated by frictionless (the build's own check agrees with it); a new table appears after a build; axe on the new pages."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from browser import axe_violations
from conftest import INVALID, PROJECT, VALID, overlay
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.check.validate import validate_tree
from generator.content.tables import read_table
from generator.derive.indicators import (
    HIGHER,
    LOWER,
    changes,
    composite_rows,
    overall_stats,
    peer_class,
    position,
    ranked,
    scaled,
)
from generator.render.charts import Chart, draw_svg, render_charts, with_narrow
from generator.render.numbers import number

HEADER = "teryt,indicator,year,value,note,source\n"
TABLE = "indicators/wartosci-testowe.csv"


def problems_for(tmp_path: Path, text: str, name: str = "wartosci-testowe.csv") -> list:
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    (tree / "indicators" / name).write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return validate_tree(tree).problems


@pytest.mark.parametrize(("row", "rule", "column"), [
    ("1061011,wskaznik-testowy,2013,dużo,,dokument-testowy", "table.type", "value"),
    ("1061011,wskaznik-testowy,2013,\"12,5\",,", "table.type", "value"),
    ("1061011,wskaznik-testowy,2013.5,12,,dokument-testowy", "table.type", "year"),
    ("415042,wskaznik-testowy,2013,12,,dokument-testowy", "table.type", "teryt"),
    ("1061011,wskaznik-testowy,2013,101,,dokument-testowy", "table.range", "value"),
    ("1061011,wskaznik-testowy,2011,50,,dokument-testowy", "table.range", "year"),
    ("9999999,wskaznik-testowy,2013,50,,dokument-testowy", "ref.jst", "teryt"),
    ("1061011,nie-ma-takiego,2013,50,,dokument-testowy", "ref.indicator", "indicator"),
    ("1061011,wskaznik-testowy,2013,50,,nie-ma-zrodla", "ref.source", "source"),
    ("1061011,wskaznik-testowy,2013,,,dokument-testowy", "table.required", "value"),
])
def test_bad_value_names_file_row_and_column(tmp_path: Path, row: str, rule: str, column: str) -> None:
    found = problems_for(tmp_path, HEADER + "0415042,wskaznik-testowy,2013,20,,dokument-testowy\n" + row + "\n")
    assert [(p.path, p.line, p.pointer, p.rule) for p in found] == [(TABLE, 3, f"/3/{column}", rule)]
    assert f"wiersz 3, kolumna „{column}”" in found[0].message


def test_duplicate_row_points_at_the_first_one(tmp_path: Path) -> None:
    found = problems_for(tmp_path, HEADER + "1061011,wskaznik-testowy,2013,40,,dokument-testowy\n1061011,wskaznik-testowy,2013,41,,dokument-testowy\n")
    assert [(p.line, p.pointer, p.rule) for p in found] == [(3, "/3/year", "table.duplicate")]
    assert "wiersz 2" in found[0].message
    # across files too
    found = problems_for(tmp_path / "b", "teryt,indicator,year,value,source\n1061011,wskaznik-testowy,2013,40,dokument-testowy\n", "druga.csv")
    assert {(p.path, p.rule) for p in found} == {("indicators/wartosci-testowe.csv", "table.duplicate")}


def test_teryt_keeps_leading_zero_and_spreadsheet_damage_is_explained(tmp_path: Path) -> None:
    result = validate_tree(VALID)
    assert "0415042" in result.tables[0].teryt
    found = problems_for(tmp_path, HEADER + "415042,wskaznik-testowy,2013,20,,\n")
    assert "„0415042”" in found[0].message


def test_encoding_and_header_problems_have_no_traceback(tmp_path: Path) -> None:
    assert {p.rule for p in problems_for(tmp_path, "teryt;indicator;year;value\n".encode("cp1250"))} == {"table.header"}
    assert {p.rule for p in problems_for(tmp_path / "a", "teryt,wskaźnik\n".encode("cp1250"))} == {"file.encoding"}
    assert {p.rule for p in problems_for(tmp_path / "b", b"")} == {"table.header"}
    table, found = read_table(HEADER + "1061011,wskaznik-testowy,2013,40,,\n\n", "indicators/x.csv")
    assert table is not None and len(table) == 1 and not found
    # a powiat code that looks like a year stays a code
    table, found = read_table(HEADER + "2015,a,2015,1,,\n2013,a,2015, 2 ,,\n", "indicators/x.csv")
    assert table is not None and not found and table.teryt == ["2015", "2013"] and table.year == [2015, 2015] and table.value == [1.0, 2.0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.from_regex(r"[0-9]{1,9}(\.[0-9]{1,12})?", fullmatch=True), min_size=1, max_size=400))
def test_fast_reader_reads_values_as_float_does(values: list[str]) -> None:
    """pandas' C parser (any release the project accepts) gives the value float() gives for the same text."""
    from generator.content.tables import _read_fast

    text = "teryt,indicator,year,value\n" + "".join(f"1061011,w,2013,{v}\n" for v in values)
    table = _read_fast(text, ["teryt", "indicator", "year", "value"], "x", "indicators/x.csv")
    assert table is not None and table.value == [float(v) for v in values]


def test_table_cases_exist_for_every_table_rule() -> None:
    assert {"table.type", "table.range", "table.duplicate", "table.header", "table.required", "table.columns",
            "table.source", "ref.indicator"} <= {p.name for p in INVALID.iterdir()}


# --- derivations against hand computations -------------------------------------------------------------

FRAME = pd.DataFrame({"teryt": ["a", "b", "c", "d", "a", "b"], "indicator": ["x"] * 4 + ["x"] * 2,
                      "year": [2020, 2020, 2020, 2020, 2021, 2021], "value": [10.0, 20.0, 20.0, 40.0, 12.0, 18.0]})


GMINY = dict.fromkeys("abcd", "gminy")


def test_ranking_respects_direction_and_ties() -> None:
    higher = ranked(FRAME, {"x": HIGHER}, GMINY)
    assert higher[higher.year == 2020].set_index("teryt")["rank"].to_dict() == {"d": 1, "b": 2, "c": 2, "a": 4}
    lower = ranked(FRAME, {"x": LOWER}, GMINY)
    assert lower[lower.year == 2020].set_index("teryt")["rank"].to_dict() == {"a": 1, "b": 2, "c": 2, "d": 4}
    assert set(lower[lower.year == 2021]["count"]) == {2}


def test_ranking_never_mixes_gminas_with_powiats() -> None:
    classes = {"a": "gminy", "b": "powiaty", "c": "gminy", "d": "powiaty"}
    found = ranked(FRAME, {"x": HIGHER}, classes)
    in_2020 = found[found.year == 2020].set_index("teryt")
    assert in_2020["rank"].to_dict() == {"c": 1, "a": 2, "d": 1, "b": 2}  # c 20 > a 10 among gminas; d 40 > b 20 among powiats
    assert set(in_2020["count"]) == {2} and in_2020["peer"].to_dict() == classes
    assert peer_class("gmina wiejska") == peer_class("gmina miejska") == "gminy" and peer_class("powiat") == "powiaty"


def test_quartiles_are_linear_interpolation() -> None:
    stats = overall_stats(ranked(FRAME, {"x": HIGHER}, GMINY)).set_index("year")
    # 10, 20, 20, 40: positions 0.75 and 2.25 -> 17.5 and 25.0; median 20
    assert stats.loc[2020, ["n", "min", "q1", "median", "q3", "max"]].tolist() == [4, 10.0, 17.5, 20.0, 25.0, 40.0]


def test_changes_and_position() -> None:
    found = changes(FRAME).set_index("teryt")
    assert found.loc["a", "change"] == 2.0 and found.loc["a", "change_pct"] == pytest.approx(20.0)
    assert found.loc["c", "first_year"] == found.loc["c", "last_year"] == 2020
    assert position(40, 17.5, 20, 25, HIGHER) == "w najlepszej ćwiartce"
    assert position(10, 17.5, 20, 25, LOWER) == "w najlepszej ćwiartce"
    assert position(21, 17.5, 20, 25, HIGHER) == "lepiej niż mediana"
    assert position(10, 17.5, 20, 25, HIGHER) == "w najsłabszej ćwiartce"


def test_composite_is_weighted_mean_of_rescaled_components() -> None:
    from generator.content.records import Record
    from generator.content.recordtypes import INDICATOR

    frame = pd.DataFrame({"teryt": ["a", "b", "a", "b"], "indicator": ["p", "p", "q", "q"], "year": [2020] * 4,
                          "value": [0.0, 10.0, 5.0, 1.0]})
    assert scaled(frame[frame.indicator == "q"], LOWER).tolist() == [0.0, 100.0]
    index = Record(INDICATOR, "idx", "indicators/idx.yaml", {"components": [{"indicator": "p"}, {"indicator": "q", "weight": 3}]})
    rows = composite_rows(frame, index, {"p": HIGHER, "q": LOWER}).set_index("teryt")["value"].to_dict()
    # a: p=0, q(lower better, 5 is worst)=0 -> 0; b: p=100, q=100 -> 100
    assert rows == {"a": 0.0, "b": 100.0}


def test_practice_comparison_takes_the_years_around_the_period_and_peers_of_the_same_class() -> None:
    from generator.derive.indicator_views import Change, comparison

    # the practice's gmina "p" (2010-2012) and six other gminas "o0".."o5"; one powiat "w" never counts
    rows = [("p", 2009, 10.0), ("p", 2011, 11.0), ("p", 2013, 15.0), ("p", 2014, 16.0), ("w", 2009, 99.0), ("w", 2013, 0.0)]
    rows += [(f"o{i}", year, float(i + (year - 2009))) for i in range(6) for year in (2009, 2013)]
    frame = pd.DataFrame(rows, columns=["teryt", "year", "value"]).assign(
        indicator="x", peer=lambda f: f["teryt"].map(lambda t: "powiaty" if t == "w" else "gminy"))
    found = comparison(frame, ["p"], 2010, 2012)
    assert found is not None and found.teryt == ["p"] and found.peers == ["gminy"] and found.others_count == 6
    # others: 0..5 in 2009 (median 2.5), 4..9 in 2013 (median 6.5); the powiat is left out
    assert found.others == {2009: 2.5, 2013: 6.5}
    assert found.changes == [Change("p", 2009, 10.0, 2013, 15.0, 4.0)]
    assert found.own == {2009: 10.0, 2011: 11.0, 2013: 15.0, 2014: 16.0} and found.years == [2009, 2011, 2013, 2014]
    assert comparison(frame, ["nikt"], 2010, 2012) is None
    assert comparison(frame, ["p"], 2008, 2012).changes == []  # no value before the period


def test_trend_and_distribution_keep_only_groups_of_five_or_more() -> None:
    from generator.derive.indicator_views import distribution, overall_index, trend
    from generator.derive.indicators import derive

    derived = derive([], [], [], [])
    values = pd.DataFrame({"teryt": [f"{i:07d}" for i in range(7)] * 2, "indicator": "x", "year": [2020] * 7 + [2021] * 7,
                           "value": [float(v) for v in range(14)], "peer": ["gminy"] * 5 + ["powiaty"] * 2 + ["gminy"] * 7})
    derived.overall = overall_stats(values)
    found = trend(overall_index(derived), "x", [2020, 2021])
    assert found is not None and found.main == "gminy" and found.peers == ["gminy"] and found.years == [2020, 2021]
    assert found.medians == {"gminy": [2.0, 10.0]} and [s.n for s in found.band] == [5, 7]
    assert trend(overall_index(derived), "y", [2020]) is None
    derived.peers = pd.DataFrame([["x", 2020, "rodzaj", "powiaty", "powiaty", 2, 5.0, 5.25, 5.5, 5.75, 6.0],
                                  ["x", 2020, "rodzaj", "gminy", "gminy", 5, 0.0, 1.0, 2.0, 3.0, 4.0]],
                                 columns=["indicator", "year", "kind", "group", "peer", "n", "min", "q1", "median", "q3", "max"])
    shown = distribution(derived, "x", 2020)
    assert [g.chart_row() for g in shown.groups] == [["gminy", 0.0, 1.0, 2.0, 3.0, 4.0, 5]]
    assert [g.label for g in shown.small] == ["powiaty"]


def test_polish_numbers() -> None:
    assert number(1234.5) == "1\u00a0234" and number(12.345) == "12,3" and number(0.125) == "0,12" and number(-0.0) == "0"


# --- charts ---------------------------------------------------------------------------------------------

CHART = Chart("ranking", "Test $x$ & <b>", "Opis wykresu.", {"rows": [["Łódź", 5.0, False], ["Lubicz", 3.5, True]], "unit": "pkt",
                                                               "gap_after": None}, example=True)


def test_chart_is_deterministic_accessible_and_offline() -> None:
    first = draw_svg(CHART)
    second = draw_svg(Chart(**{**CHART.__dict__}))
    assert first == second
    assert '<title id="bdp-title">Test $x$ &amp; &lt;b&gt; (dane przykładowe)</title>' in first
    assert '<desc id="bdp-desc">Opis wykresu.</desc>' in first
    assert "DANE PRZYKŁADOWE" in first and "<script" not in first
    assert "href=\"http" not in first and "url(http" not in first


def test_charts_are_drawn_as_text_without_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No disk cache: render_charts returns SVG text for every chart and its phone version, and touches no file."""
    monkeypatch.chdir(tmp_path)
    charts = {"a.svg": CHART, "b.svg": Chart("boxes", "Rozkład", "Opis.", {"groups": [["x", 1.0, 2.0, 3.0, 4.0, 5.0, 3]], "unit": ""})}
    run = render_charts(with_narrow(charts))
    assert list(run.files) == ["a-telefon.svg", "a.svg", "b-telefon.svg", "b.svg"] == sorted(run.seconds)
    assert all(isinstance(svg, str) and svg.startswith("<?xml") for svg in run.files.values())
    assert run.files["a.svg"] == draw_svg(CHART) and run.files["a-telefon.svg"] != run.files["a.svg"]
    assert list(tmp_path.iterdir()) == []


# --- build: pages, open data, a new table dropped in ---------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = overlay(VALID, tmp_path_factory.mktemp("none"), tmp_path_factory.mktemp("ind") / "tree")
    (tree / "indicators" / "nowy-wskaznik.yaml").write_text(
        "id: nowy-wskaznik\nname: \"Nowy wskaźnik\"\ndescription: \"Dodany w teście.\"\nunit: zł\ndirection: niższa lepsza\n"
        "sectors:\n  - kultura\nsources:\n  - source: dokument-testowy\n", encoding="utf-8")
    (tree / "indicators" / "nowa-tabela.csv").write_text(
        "teryt,indicator,year,value,source\n1061011,nowy-wskaznik,2020,10,dokument-testowy\n0415042,nowy-wskaznik,2020,7.5,dokument-testowy\n"
        "3019,nowy-wskaznik,2020,12,dokument-testowy\n1061011,nowy-wskaznik,2021,9,dokument-testowy\n", encoding="utf-8")
    report = build(tree)
    assert report.ok, report.messages + [str(p) for p in report.problems]
    return tree


def test_new_table_appears_and_too_few_peers_are_not_ranked(built: Path) -> None:
    """Three units of three kinds: no class has 5 units, so no ranking, distribution or trend is drawn."""
    site = built / "site"
    page = (site / "wskazniki" / "nowy-wskaznik.html").read_text(encoding="utf-8")
    assert "Ranking 2021: miasta na prawach powiatu" in page and "za mało, by tworzyć ranking" in page
    assert not list((site / "wskazniki" / "nowy-wskaznik").glob("*.svg")) if (site / "wskazniki" / "nowy-wskaznik").exists() else True
    assert "admonition-title\">Dane przykładowe" not in page  # real (sourced) values carry no example notice
    assert 'href="../dane/wskazniki/nowa-tabela.csv"' in page  # every year: the open-data copy of the table
    jst = (site / "samorzady" / "lodz.html").read_text(encoding="utf-8")
    assert "Wskaźniki na tle grup porównawczych" in jst and "nowy-wskaznik.html" in jst
    assert " z 1 |" not in jst and "1 z 1" not in jst  # a rank among one unit is not a comparison
    assert 'href="../dane/index.html"' in jst  # every year: the open data
    assert (site / "dane" / "wskazniki" / "nowa-tabela.csv").read_text(encoding="utf-8").count("\n") == 5


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo content root (fictional places, example values) built once."""
    tree = shutil.copytree(PROJECT / "demo", tmp_path_factory.mktemp("demo") / "demo",
                           ignore=shutil.ignore_patterns("site", "build"))
    report = build(tree)
    assert report.ok, report.messages + [str(p) for p in report.problems]
    return tree / "site"


def test_demo_ranks_each_kind_of_local_government_separately(demo_site: Path) -> None:
    page = (demo_site / "wskazniki" / "koszt-uslug-oswiata.html").read_text(encoding="utf-8")
    assert "dane przykładowe" in page.lower()
    for kind, slug in (("gminy", "gminy"), ("miasta na prawach powiatu", "miasta"), ("powiaty", "powiaty")):
        assert f"Ranking 2014: {kind}" in page and (demo_site / "wskazniki" / "koszt-uslug-oswiata" / f"ranking-{slug}.svg").is_file()
        ranking = (demo_site / "wskazniki" / "koszt-uslug-oswiata" / f"ranking-{slug}.csv").read_text(encoding="utf-8").splitlines()
        kinds = {line.split(",")[3] for line in ranking[1:]}
        assert kinds <= {"gmina miejska", "gmina wiejska", "gmina miejsko-wiejska"} if slug == "gminy" else kinds == {
            "miasto na prawach powiatu" if slug == "miasta" else "powiat"}
    culture = (demo_site / "wskazniki" / "koszt-uslug-kultura.html").read_text(encoding="utf-8")
    assert "Ranking 2014: powiaty" not in culture  # the table has no powiat values of culture costs
    gmina = (demo_site / "samorzady" / "gmina-makietowa.html").read_text(encoding="utf-8")
    assert " z 7</td>" in gmina and " z 18</td>" not in gmina  # ranked among the 7 gminas, never among all 18 units


def test_demo_practice_compares_before_and_after_with_peers_of_its_kind(demo_site: Path) -> None:
    page = (demo_site / "praktyki" / "przykladowo-punkt-obslugi-swiadczen.html").read_text(encoding="utf-8")
    assert "Zmiana mediany pozostałych (miasta na prawach powiatu)" in page and "brak danych" not in page
    row = page[page.index("Zmiana mediany pozostałych (miasta"):]
    row = row[row.index("<tbody>"):row.index("</tbody>")]
    assert "(2011)" in row and "(2013)" in row and row.count("—") == 0  # 5 other cities: the context median is shown


def test_open_data_package_is_valid_for_frictionless(built: Path) -> None:
    from frictionless import validate

    data = built / "site" / "dane"
    report = validate(str(data / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "message"])[:10]
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    names = {r["name"] for r in descriptor["resources"]}
    assert {"praktyki", "samorzady", "wskazniki", "tabela-wartosci-testowe", "tabela-nowa-tabela"} <= names
    practices = json.loads((data / "json" / "praktyki.json").read_text(encoding="utf-8"))
    text = json.dumps(practices, ensure_ascii=False)
    assert "editor_notes" not in text and "@example.gov.pl" not in text  # private field and e-mail never published
    assert (data / "schematy" / "indicator-table.tableschema.json").is_file()


def test_frictionless_catches_an_unknown_teryt_in_the_published_package(built: Path, tmp_path: Path) -> None:
    from frictionless import validate

    copy = shutil.copytree(built / "site" / "dane", tmp_path / "dane")
    with (copy / "wskazniki" / "nowa-tabela.csv").open("a", encoding="utf-8") as handle:
        handle.write("9999999,nowy-wskaznik,2021,1\n")
    assert not validate(str(copy / "datapackage.json")).valid


def _keyed(descriptor: dict) -> dict:
    """The first table resource with foreign keys (an indicator table)."""
    return next(r for r in descriptor["resources"] if r.get("schema", {}).get("foreignKeys"))


BROKEN_DESCRIPTORS = {
    "package name with a space": lambda d: d.__setitem__("name", "Baza Dobrych"),
    "title not text": lambda d: d.__setitem__("title", 1),
    "licences not a list": lambda d: d.__setitem__("licenses", {"name": "CC-BY-4.0"}),
    "licence without name and path": lambda d: d.__setitem__("licenses", [{}]),
    "resource not an object": lambda d: d["resources"].append("praktyki.csv"),
    "resource without name": lambda d: d["resources"][0].pop("name"),
    "resource name in capitals": lambda d: d["resources"][0].__setitem__("name", "Praktyki"),
    "resource names repeated": lambda d: d["resources"][1].__setitem__("name", d["resources"][0]["name"]),
    "resource without path": lambda d: d["resources"][0].pop("path"),
    "absolute path": lambda d: d["resources"][0].__setitem__("path", "/etc/passwd"),
    "path out of the package": lambda d: d["resources"][0].__setitem__("path", "../poza.csv"),
    "encoding not text": lambda d: d["resources"][0].__setitem__("encoding", 8),
    "field without name": lambda d: _keyed(d)["schema"]["fields"][0].pop("name"),
    "field names repeated": lambda d: _keyed(d)["schema"]["fields"].append(dict(_keyed(d)["schema"]["fields"][0])),
    "constraint of a wrong type": lambda d: _keyed(d)["schema"]["fields"][0].__setitem__("constraints", {"required": "tak"}),
    "missing values not text": lambda d: _keyed(d)["schema"].__setitem__("missingValues", [0]),
    "primary key naming no field": lambda d: _keyed(d)["schema"].__setitem__("primaryKey", ["brak"]),
    "foreign key naming no field": lambda d: _keyed(d)["schema"]["foreignKeys"][0].__setitem__("fields", ["brak"]),
}


def test_build_check_of_the_descriptor_accepts_what_frictionless_accepts(built: Path) -> None:
    from frictionless import Package

    from generator.check.descriptor import descriptor_problems

    descriptor = json.loads((built / "site" / "dane" / "datapackage.json").read_text(encoding="utf-8"))
    assert list(Package.metadata_validate(descriptor)) == [] and descriptor_problems(descriptor) == []


@pytest.mark.parametrize("case", sorted(BROKEN_DESCRIPTORS))
def test_build_check_of_the_descriptor_rejects_what_frictionless_rejects(built: Path, case: str) -> None:
    from frictionless import Package

    from generator.check.descriptor import descriptor_problems

    descriptor = json.loads((built / "site" / "dane" / "datapackage.json").read_text(encoding="utf-8"))
    BROKEN_DESCRIPTORS[case](descriptor)
    assert [error.message for error in Package.metadata_validate(descriptor)] != []
    assert descriptor_problems(descriptor) != []


def test_build_check_names_a_foreign_key_to_a_missing_resource(built: Path) -> None:
    """A reference frictionless finds only when it reads the data: caught before anything is written."""
    from generator.check.descriptor import descriptor_problems

    descriptor = json.loads((built / "site" / "dane" / "datapackage.json").read_text(encoding="utf-8"))
    _keyed(descriptor)["schema"]["foreignKeys"][0]["reference"]["resource"] = "gminy"
    assert [p for p in descriptor_problems(descriptor) if "nie ma zasobu „gminy”" in p]


def test_datapackage_refuses_a_resource_outside_the_package() -> None:
    from generator.render.opendata import Published, datapackage

    listing = [Published("dane/x.csv", "x", "x", {"name": "x", "path": "../x.csv", "type": "table"})]
    with pytest.raises(ValueError, match="wychodzi poza katalog pakietu"):
        datapackage(listing)


@pytest.mark.parametrize("name", ["wskazniki/nowy-wskaznik", "samorzady/lodz", "praktyki/praktyka-testowa",
                                  "procedury/procedura-testowa", "dane/index"])
def test_axe_finds_no_violations_on_indicator_pages(built: Path, browser, name: str) -> None:
    context = browser.new_context()
    outside: list[str] = []
    context.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file://") else None)
    page = context.new_page()
    page.goto((built / "site" / f"{name}.html").as_uri())
    page.wait_for_load_state("load")
    broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
    violations = axe_violations(page)
    context.close()
    assert violations == [] and broken == [] and outside == []
