"""The public site shows editions, categories, laureates and criteria — and nothing else of the jury's:
every score, justification, comment, unpublished entry and juror is searched for in every built file."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, PROJECT, VALID, overlay

from generator.build import build
from generator.check.validate import validate_tree
from generator.content.records import Record
from generator.content.recordtypes import ALL_TYPES, PUBLIC_TYPES
from generator.derive.jury import number, review_all
from generator.derive.model import build_model

CONTEST = FIXTURES / "contest"
JURY = FIXTURES / "contest-jury"
DEMO = PROJECT / "demo"
DEMO_JURY = PROJECT / "demo-jury"


def _all_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file()]


def jury_strings(records: list[Record]) -> set[str]:
    """Every text a jury record holds that a reader could recognise: titles, summaries, justifications,
    comments, attachment titles, juror names, conflict notes, and every computed total as shown."""
    found: set[str] = set()
    for record in records:
        if not record.type.private:
            continue
        data = record.data
        found |= {str(data[k]) for k in ("title", "summary", "justification", "name") if data.get(k)}
        found |= {str(a["title"]) for a in data.get("attachments", []) or []}
        found |= {str(s["comment"]) for s in data.get("scores", []) or [] if s.get("comment")}
        found |= {str(c["note"]) for c in data.get("conflicts", []) or [] if c.get("note")}
    for review in review_all(records):
        for result in review.results:
            found |= {number(result.total), number(result.total).replace(",", ".")} if result.total is not None else set()
            found |= {number(s.total) for s in result.sheets if s.total not in (0, 5, 6, 7, 8, 9, 10)}
    return found


THEME_FILES = ("assets/javascripts/", "assets/stylesheets/", "assets/images/")


def assert_nothing_of_the_jury(site: Path, records: list[Record], number_dirs: tuple[str, ...] = ("",)) -> int:
    """Texts are searched in every file; totals (short numbers like 7,30) in every page and in the search
    index — the theme's minified scripts and data exports (CSV: "7,10" is step 7, 10) are full of digit pairs."""
    needles = jury_strings(records)
    texts = {n for n in needles if not re.fullmatch(r"[\d,.−]+", n)}
    # Not inside a list of numbers ("…;7,15,6;…" is the search index's encoded postings, not a total).
    numbers = [re.compile(rb"(?<![\d.,;])" + re.escape(n.encode()) + rb"(?![\d]|[,;]\d)") for n in needles - texts]
    assert len(texts) > 10 and numbers
    checked = 0
    for path in _all_files(site):
        data = path.read_bytes()
        checked += 1
        for needle in texts:
            assert needle.encode("utf-8") not in data, (path, needle)
        rel = path.relative_to(site).as_posix()
        if not rel.startswith(THEME_FILES) and (path.suffix == ".html" or rel.startswith("assets/search/")) and rel.startswith(number_dirs):
            for pattern in numbers:
                assert not pattern.search(data), (path, pattern.pattern)
    rels = [p.relative_to(site).as_posix() for p in _all_files(site)]
    assert not [r for r in rels if "/zgloszenia/" in r or "/karty/" in r or r.startswith("jury")]
    return checked


def test_private_types_never_enter_the_public_model() -> None:
    assert {t.name for t in ALL_TYPES if t.private} == {"contest_juror", "contest_entry", "contest_score"}
    assert all(not t.private for t in PUBLIC_TYPES)
    records = validate_tree(DEMO, jury_data=DEMO_JURY).records
    assert any(r.type.private for r in records)
    model = build_model(records)
    assert not any(r.type.private for items in model.records.values() for r in items)
    assert not any(record.type.private for refs in model.backlinks.values() for record, _ in refs)


def test_fixture_public_site_holds_no_jury_data(tmp_path: Path) -> None:
    tree = overlay(VALID, CONTEST, tmp_path / "tree")
    jury = shutil.copytree(JURY, tmp_path / "jury")
    report = build(tree)
    assert report.ok, report.messages
    records = validate_tree(tree, jury_data=jury).records
    needles = jury_strings(records)
    assert {"UZASADNIENIE-TAJNE-J1-E1", "KOMENTARZ-TAJNY-J1-E1", "ZGLOSZENIE-TAJNE-E4 tytuł", "NOTATKA-KONFLIKT-X3", "Juror X2", "5,77"} <= needles
    checked = assert_nothing_of_the_jury(tree / "site", records)
    assert checked > 20
    search_data = list((tree / "site" / "assets" / "search").glob("*.js"))
    assert search_data  # the search index files were among the files searched
    page = (tree / "site" / "konkursy" / "konkurs-jury-testowy.html").read_text(encoding="utf-8")
    assert "Kryteria oceny" in page and "innowacyjność" in page and "50%" in page and "Dane przykładowe" in page




def test_demo_public_site_holds_no_jury_data(tmp_path: Path) -> None:
    """The demo root built as a public site, searched for everything of the demo jury's private folder."""
    tree = shutil.copytree(DEMO, tmp_path / "demo", ignore=shutil.ignore_patterns("site", "build"))
    report = build(tree)
    assert report.ok, report.messages
    records = validate_tree(DEMO, jury_data=DEMO_JURY).records
    needles = jury_strings(records)
    assert "Juror A" in needles and any(n.startswith("Uzasadnienie przykładowe") for n in needles)
    # The demo's indicators have numbers of their own: totals are looked for where the contest shows up
    # (its pages and the search index); every text is still looked for everywhere.
    assert_nothing_of_the_jury(tree / "site", records, ("konkursy/", "assets/search/", "index.html", "sektory/"))
    example = (tree / "site" / "konkursy" / "przyklad-edycji-konkursu.html").read_text(encoding="utf-8")
    assert "Dane przykładowe" in example and "zgodność z zarządzaniem strategicznym" in example and "25%" in example


def test_bundled_public_site_holds_no_example_data_and_no_jury_data(bundled_site: Path) -> None:
    """The public content: sourced facts only — no example edition, no invented indicator values."""
    assert not (PROJECT / "contests" / "przyklad-edycji-konkursu.yaml").exists()
    assert not [p for p in (PROJECT / "contests").rglob("*") if p.is_dir()]  # no jury folders at all
    files = _all_files(bundled_site)
    for path in files:
        if path.relative_to(bundled_site).as_posix().startswith(THEME_FILES):
            continue  # the theme's minified scripts hold digit runs like 2099
        data = path.read_bytes()
        for needle in (b"przyklad-edycji-konkursu", b"Przyk\xc5\x82adowa edycja", b"Juror A", b"2099"):
            assert needle not in data, (path, needle)
    rels = {p.relative_to(bundled_site).as_posix() for p in files}
    assert not [r for r in rels if r.endswith(".svg") and r.startswith(("wskazniki/", "samorzady/", "praktyki/"))]  # no charts
    assert not [r for r in rels if r.startswith("dane/wskazniki/")]  # no indicator tables: none has sourced values yet
    for page in (bundled_site / "samorzady").glob("*.html"):
        assert "Wskaźniki na tle grup porównawczych" not in page.read_text(encoding="utf-8"), page
    oswiata = (bundled_site / "wskazniki" / "koszt-uslug-oswiata.html").read_text(encoding="utf-8")
    assert "Baza nie ma jeszcze wartości tego wskaźnika" in oswiata and "brak danych" not in oswiata


def test_bundled_2011_edition_shows_its_12_laureates(bundled_site: Path) -> None:
    page_2011 = (bundled_site / "konkursy" / "samorzadowy-lider-zarzadzania-2011.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<td><a href="../samorzady/[^"]+\.html">', page_2011)) == 12
    assert "Dane przykładowe" not in page_2011 and "Kryteria oceny" not in page_2011  # the source gives no criteria
    index = (bundled_site / "konkursy" / "index.html").read_text(encoding="utf-8")
    assert "archiwum.html" in index and "przyklad-edycji" not in index and "Przykładowa edycja" not in index


def test_archive_of_laureates_by_year_type_and_sector(bundled_site: Path) -> None:
    archive = (bundled_site / "konkursy" / "archiwum.html").read_text(encoding="utf-8")
    for heading in ["Według roku", "Według rodzaju samorządu", "Według sektora", ">2011<", ">powiat<", ">miasto na prawach powiatu<", ">kultura<"]:
        assert heading in archive, heading
    assert archive.count('href="../samorzady/') >= 3 * 12
    assert "2099" not in archive and "Przykładowa" not in archive  # example editions are not results


def test_repeat_winner_is_visible_in_the_archive(tmp_path: Path) -> None:
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    edition = tree / "contests" / "konkurs-testowy-2011.yaml"
    second = edition.read_text(encoding="utf-8").replace("konkurs-testowy-2011", "konkurs-testowy-2012").replace("year: 2011", "year: 2012")
    (tree / "contests" / "konkurs-testowy-2012.yaml").write_text(second, encoding="utf-8")
    result = validate_tree(tree)
    assert result.ok
    from generator.render.pages.contest import render_contest_archive

    archive = render_contest_archive(build_model(result.records))
    repeat = archive.split("## Samorządy nagrodzone więcej niż raz")[1].split("## Według roku")[0]
    assert "[Lubicz](../samorzady/lubicz.md) — 2 nagrody" in repeat and "[Powiat pilski]" in repeat


@pytest.mark.parametrize("name", ["konkursy/archiwum", "konkursy/samorzadowy-lider-zarzadzania-2011"])
def test_axe_finds_no_violations_on_new_public_pages(bundled_site: Path, browser, name: str) -> None:
    from test_contest_jury import AXE

    page = browser.new_page()
    page.goto((bundled_site / f"{name}.html").as_uri())
    page.add_script_tag(path=str(PROJECT / "node_modules" / "axe-core" / "axe.min.js"))
    violations = page.evaluate(AXE)
    page.close()
    assert violations == []
