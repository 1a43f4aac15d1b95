"""Reuse tracking (issue #15, item 3): rules, both directions on the pages, the list, search facet, open data."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import PROJECT, VALID

from generator.check.reuse import reuse_problems
from generator.check.validate import validate_tree
from generator.content.schemafiles import schemas_of
from generator.derive.model import SiteModel, build_model
from generator.derive.reuse import reuse_index
from generator.render.docs import render_docs
from generator.render.opendata import plan_opendata
from generator.render.pages.reuse import PAGE, inspired
from generator.render.search.index import ADAPTED, REUSED, search_docs

DEMO = PROJECT / "demo"


def model_of(root: Path) -> SiteModel:
    validated = validate_tree(root)
    assert validated.ok, [f"{p.path}:{p.line} {p.message}" for p in validated.problems]
    return build_model(validated.records, tables=validated.tables)


@pytest.fixture(scope="module")
def demo() -> SiteModel:
    return model_of(DEMO)


@pytest.fixture(scope="module")
def demo_pages(demo: SiteModel) -> dict[str, str]:
    return render_docs(demo)


def test_inspired_agrees_with_the_count() -> None:
    assert [inspired(n) for n in (1, 3, 5, 12, 22)] == [
        "Zainspirowała 1 samorząd", "Zainspirowała 3 samorządy", "Zainspirowała 5 samorządów",
        "Zainspirowała 12 samorządów", "Zainspirowała 22 samorządy"]


def test_index_both_ways(demo: SiteModel) -> None:
    index = reuse_index(demo)
    assert index.jst_count("fikcyjna-dolna-terminowe-decyzje") == 3
    assert [a.adopter.id for a in index.by_source["fikcyjna-dolna-terminowe-decyzje"]] == [
        "fikcyjna-gorna-terminowe-decyzje", "wzorcowa-terminowe-decyzje", "demonstracyjno-terminowe-decyzje"]  # by year
    assert [a.source.id for a in index.by_adopter["makietowo-forum-organizacji"]] == ["powiat-makietowy-forum-organizacji"]
    assert [(r.id, n) for r, n in index.most_reused()] == [
        ("fikcyjna-dolna-terminowe-decyzje", 3), ("powiat-makietowy-forum-organizacji", 1)]


def test_practice_pages_show_reuse_both_ways(demo_pages: dict[str, str]) -> None:
    source = demo_pages["praktyki/fikcyjna-dolna-terminowe-decyzje.md"]
    assert "## Przeniesienia do innych samorządów" in source and "Zainspirowała 3 samorządy do wdrożenia" in source
    assert "[Gmina Wzorcowa](../samorzady/gmina-wzorcowa.md) (2014): [Kontrola terminów spraw" in source
    single = demo_pages["praktyki/powiat-makietowy-forum-organizacji.md"]
    assert "Zainspirowała 1 samorząd do wdrożenia" in single
    adopter = demo_pages["praktyki/wzorcowa-terminowe-decyzje.md"]
    assert "## Wzorowano na" in adopter
    assert "przeniósł [Gmina Wzorcowa](../samorzady/gmina-wzorcowa.md) w 2014 r. — Rejestr terminów" in adopter
    plain = demo_pages["praktyki/przykladowo-punkt-obslugi-swiadczen.md"]
    assert "Wzorowano na" not in plain and "Zainspirowała" not in plain


def test_most_reused_list(demo_pages: dict[str, str]) -> None:
    page = demo_pages[PAGE]
    assert "W bazie są 2 praktyki przeniesione do innych samorządów." in page
    first, second = page.index("fikcyjna-dolna-terminowe-decyzje.md"), page.index("powiat-makietowy-forum-organizacji.md")
    assert first < second
    assert "| 3 |" in page and "| 1 |" in page


def test_bundled_content_has_no_reuse_and_says_so() -> None:
    model = model_of(PROJECT)
    assert reuse_index(model).adoptions == ()
    page = render_docs(model)[PAGE]
    assert "W bazie nie ma jeszcze zapisanych przeniesień praktyk" in page
    files, _ = plan_opendata(model, schemas_of(PROJECT), PROJECT)
    assert files["dane/csv/przeniesienia.csv"] == "source_practice,adopting_practice,adopting_jst,year,note\n"


def test_open_data_table_and_its_schema(demo: SiteModel) -> None:
    files, listing = plan_opendata(demo, schemas_of(DEMO), DEMO)
    rows = list(csv.DictReader(io.StringIO(str(files["dane/csv/przeniesienia.csv"]))))
    assert len(rows) == 4
    assert rows[0] == {"source_practice": "fikcyjna-dolna-terminowe-decyzje", "adopting_practice": "demonstracyjno-terminowe-decyzje",
                       "adopting_jst": "2291011", "year": "2015", "note": "Dodano comiesięczny raport dla prezydenta miasta."}
    assert [r["adopting_practice"] for r in rows] == [  # id order: friendly to diff
        "demonstracyjno-terminowe-decyzje", "fikcyjna-gorna-terminowe-decyzje", "wzorcowa-terminowe-decyzje", "makietowo-forum-organizacji"]
    package = json.loads(str(files["dane/datapackage.json"]))
    resource = next(r for r in package["resources"] if r["name"] == "przeniesienia")
    assert [f["name"] for f in resource["schema"]["fields"]] == list(rows[0])
    schema = json.loads(str(files["dane/schematy/przeniesienia.tableschema.json"]))
    assert schema["fields"] == resource["schema"]["fields"]
    assert "Przeniesienia praktyk (CSV)" in [item.title for item in listing]


def test_search_facet(demo: SiteModel) -> None:
    facets = {d.url: d.facets["przeniesienie"] for d in search_docs(demo)}
    assert facets["praktyki/fikcyjna-dolna-terminowe-decyzje.html"] == (REUSED,)
    assert facets["praktyki/wzorcowa-terminowe-decyzje.html"] == (ADAPTED,)
    assert facets["praktyki/przykladowo-punkt-obslugi-swiadczen.html"] == ()
    assert facets["samorzady/gmina-wzorcowa.html"] == ()


def _tree_with(tmp_path: Path, practices: dict[str, str]) -> Path:
    tree = shutil.copytree(VALID, tmp_path / "tree")
    for name, adapted in practices.items():
        (tree / "practices" / f"{name}.md").write_text(
            f'---\nid: {name}\ntitle: "Praktyka {name}"\nsummary: "Praktyka testowa {name}."\njst:\n  - "0415042"\n'
            f'sectors:\n  - pomoc społeczna\nperiod:\n  start: "2015-01"\nadapted_from:\n{adapted}'
            'sources:\n  - source: dokument-testowy\nlast_verified: "2025-01-31"\n---\n\nOpis.\n', encoding="utf-8")
    return tree


def _entry(practice: str, year: int) -> str:
    return f'  - practice: {practice}\n    jst: "0415042"\n    year: {year}\n'


def test_a_cycle_of_three_is_reported_once_with_its_chain(tmp_path: Path) -> None:
    tree = _tree_with(tmp_path, {"aaa": _entry("bbb", 2016), "bbb": _entry("ccc", 2017), "ccc": _entry("aaa", 2018)})
    problems = [p for p in validate_tree(tree).problems if p.severity == "error"]
    assert [(p.rule, p.path, p.pointer) for p in problems] == [("reuse.cycle", "practices/aaa.md", "/adapted_from/0/practice")]
    assert "aaa → bbb → ccc → aaa" in problems[0].message
    assert problems[0].line == 12  # the line of "- practice: bbb"


def test_boundary_years_are_accepted(tmp_path: Path) -> None:
    # the source practice-testowa started in 2014-02; this practice was last verified in 2025
    tree = _tree_with(tmp_path, {"od-poczatku": _entry("praktyka-testowa", 2014), "do-sprawdzenia": _entry("praktyka-testowa", 2025)})
    assert [p for p in validate_tree(tree).problems if p.severity == "error"] == []
    assert list(reuse_problems([])) == []


def test_year_messages_name_the_bound(tmp_path: Path) -> None:
    tree = _tree_with(tmp_path, {"za-wczesnie": _entry("praktyka-testowa", 2013), "za-pozno": _entry("praktyka-testowa", 2026)})
    messages = sorted(p.message for p in validate_tree(tree).problems if p.rule == "reuse.year")
    assert len(messages) == 2
    assert "wcześniejszy niż początek praktyki wzorcowej „praktyka-testowa” (2014)" in messages[0]
    assert "późniejszy niż ostatnie sprawdzenie tej praktyki (2025-01-31)" in messages[1]
