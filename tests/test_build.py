"""A real, strict MkDocs build: pages, links and anchors, offline use, and a site never half-replaced."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from generator.build import build

EXTERNAL = re.compile(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(?:https?:)?//', re.I)


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_fixture_builds_strictly(valid_tree: Path) -> None:
    report = build(valid_tree)
    assert report.ok, report.messages
    site = valid_tree / "site"
    page = (site / "praktyki" / "praktyka-testowa.html").read_text(encoding="utf-8")
    assert 'id="lodz-i-okolice"' in page  # Polish anchor, not "odz-i-okolice"
    assert "alert(1)" not in page and "konsultowali" in page  # the script is gone, the text stays
    assert (site / "praktyki" / "przyklad-z-zalacznikiem" / "regulamin.txt").is_file()
    assert (site / "samorzady" / "index.html").is_file() and (site / "slowniczek" / "index.html").is_file()
    assert not (valid_tree / "site.new").exists()


def test_site_works_from_disk_without_other_hosts(valid_tree: Path) -> None:
    assert build(valid_tree).ok
    for html in (p for p in (valid_tree / "site").rglob("*.html") if p.name != "404.html"):  # 404 is for servers
        text = html.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), f"{html} loads something from another host"
        for target in re.findall(r'href="([^"#:]+\.html)(?:#[^"]*)?"', text):
            assert (html.parent / target).resolve().is_file(), f"{html}: broken link {target}"
        assert 'href="./"' not in text and not re.search(r'href="[^":]*/"', text), f"{html}: a link to a folder fails from file://"


def test_invalid_content_leaves_previous_site_untouched(valid_tree: Path) -> None:
    assert build(valid_tree).ok
    before = tree_digest(valid_tree / "site")
    practice = valid_tree / "practices" / "praktyka-testowa.md"
    practice.write_text(practice.read_text(encoding="utf-8").replace("summary:", "streszczenie:"), encoding="utf-8")
    report = build(valid_tree)
    assert not report.ok
    assert {p.rule for p in report.problems} == {"schema.required", "schema.additionalProperties"}
    assert tree_digest(valid_tree / "site") == before


def test_mkdocs_warning_fails_the_build_and_keeps_the_site(valid_tree: Path) -> None:
    assert build(valid_tree).ok
    before = tree_digest(valid_tree / "site")
    practice = valid_tree / "practices" / "praktyka-testowa.md"
    practice.write_text(practice.read_text(encoding="utf-8") + "\n[zły odnośnik](nie-ma-takiej-strony.md)\n", encoding="utf-8")
    report = build(valid_tree)
    assert not report.ok
    assert any("nie-ma-takiej-strony.md" in m for m in report.messages)
    assert tree_digest(valid_tree / "site") == before
    assert not (valid_tree / "site.new").exists()


def test_two_builds_are_identical(valid_tree: Path, tmp_path: Path) -> None:
    assert build(valid_tree).ok
    first = tree_digest(valid_tree / "site")
    assert build(valid_tree, tmp_path / "second").ok
    assert tree_digest(tmp_path / "second") == first


def test_navigation_rendered_once_per_folder_gives_the_same_site(valid_tree: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.build import generate
    from generator.site.mkdocs_seam import NAV_TEMPLATE, Options, build_site

    report = generate(valid_tree, tmp_path / "docs")
    assert report.ok
    cached = build_site(tmp_path / "docs", tmp_path / "cached", epoch=report.epoch, keep=True)
    assert cached.ok and cached.state is not None
    assert hasattr(cached.state.env.get_template(NAV_TEMPLATE).root_render_func, "__wrapped__")  # the cache was on
    plain = build_site(tmp_path / "docs", tmp_path / "plain", epoch=report.epoch, keep=True, options=Options(nav_cache=False))
    assert plain.ok and plain.state is not None
    assert not hasattr(plain.state.env.get_template(NAV_TEMPLATE).root_render_func, "__wrapped__")
    assert tree_digest(tmp_path / "cached") == tree_digest(tmp_path / "plain")


def test_generation_on_both_cores_writes_what_one_process_writes(valid_tree: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import parallel
    from generator.build import generate

    monkeypatch.setattr(parallel, "BESIDE_FROM_RECORDS", 1)  # the forked workers, as for a national tree
    parallel = generate(valid_tree, tmp_path / "parallel")
    single = generate(valid_tree, tmp_path / "single", keep=True)  # a preview's: all in this process
    assert parallel.ok and single.ok and parallel.pages == single.pages > 20
    assert tree_digest(tmp_path / "parallel") == tree_digest(tmp_path / "single")


def test_reading_in_worker_processes_finds_what_one_process_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import INVALID, VALID, overlay

    import generator.check.validate as validate
    from generator import parallel

    root = overlay(VALID, INVALID / "ref.practice", tmp_path / "tree")  # a tree with an error, so problems are compared too
    single = validate.validate_tree(root)
    monkeypatch.setattr(parallel, "READ_POOL_FROM", 1)
    monkeypatch.setattr(parallel, "READ_POOL_CORES", 1)  # the record pool, as on a machine with 4 cores
    monkeypatch.setattr(parallel, "TABLES_BESIDE_FROM", 0)  # the tables' own process, as for national tables
    parallel = validate.validate_tree(root)
    assert not single.ok and [p.rule for p in single.problems if p.severity == "error"]
    assert parallel.problems == single.problems
    assert [(r.path, r.data, r.body) for r in parallel.records] == [(r.path, r.data, r.body) for r in single.records]
    assert [t.id for t in parallel.tables] == [t.id for t in single.tables] and parallel.tables


def _h1(page: Path) -> str:
    match = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", page.read_text(encoding="utf-8"), re.S)
    assert match, page
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_bundled_site_has_the_pages_the_seeds_call_for(bundled_site: Path) -> None:
    titles = {_h1(p) for p in (bundled_site / "praktyki").glob("*.html") if p.name != "index.html"}
    for name in ["Płocki Model Współpracy", "Program Aktywności Samorządowej", "Grupy Wymiany Doświadczeń",
                 "Warsztaty Zarządzania Strategicznego", "Indeks Jakości Współpracy",
                 "Model współpracy administracji publicznej i organizacji pozarządowych"]:
        assert any(f"„{name}”" in t for t in titles), name
    assert len(titles) >= 12
    contests = {_h1(p) for p in (bundled_site / "konkursy").glob("*.html") if p.name != "index.html"}
    assert {"Samorządowy Lider Zarządzania 2010", "Samorządowy Lider Zarządzania 2011",
            "Samorządowy Lider Zarządzania 2012"} <= contests
    page_2011 = (bundled_site / "konkursy" / "samorzadowy-lider-zarzadzania-2011.html").read_text(encoding="utf-8")
    laureate_rows = re.findall(r'<td><a href="../samorzady/[^"]+\.html">', page_2011)
    assert len(laureate_rows) == 12
    procedure = (bundled_site / "procedury" / "plocki-model-wspolpracy.html").read_text(encoding="utf-8")
    assert all(f"Zadanie {n}." in procedure for n in range(1, 9))
    for index in ["index", "praktyki/index", "samorzady/index", "sektory/index", "projekty/index",
                  "organizacje/index", "konkursy/index", "procedury/index", "slowniczek/index", "zrodla/index"]:
        assert (bundled_site / f"{index}.html").is_file(), index


def test_bundled_registry_order_is_polish(bundled_site: Path) -> None:
    page = (bundled_site / "samorzady" / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="[^"]+">Województwo ([^<]+)<', page)
    assert headings.index("łódzkie") == headings.index("lubelskie") + 1
    assert headings[-1] == "zachodniopomorskie" and headings.index("śląskie") < headings.index("świętokrzyskie")


def test_broken_anchor_fails_the_build(valid_tree: Path) -> None:
    """MkDocs lets broken anchors pass by default; mkdocs.yml sets validation.anchors to warn."""
    practice = valid_tree / "practices" / "praktyka-testowa.md"
    practice.write_text(practice.read_text(encoding="utf-8") + "\n[sekcja](#nie-ma-takiej-sekcji)\n", encoding="utf-8")
    report = build(valid_tree)
    assert not report.ok
    assert any("nie-ma-takiej-sekcji" in m for m in report.messages)
    assert not (valid_tree / "site").exists()
