"""The performance tools: a deterministic, valid synthetic corpus; an incremental preview; the benchmark."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import run_bdp

from generator.build import build
from generator.check.validate import validate_tree
from generator.perf.synth import SynthOptions, write_tree
from generator.preview.serve import VERSION_PATH, Preview, start_server
from generator.preview.watch import changed_files, snapshot
from generator.site.offline import MANIFEST_FILE, WORKER_FILE

SMALL = SynthOptions(practices=40, jst=60, indicators=2, years=3, seed=7)


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synthetic_tree_is_deterministic_and_valid(tmp_path: Path) -> None:
    counts = write_tree(tmp_path / "a", SMALL)
    write_tree(tmp_path / "b", SMALL)
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    result = validate_tree(tmp_path / "a")
    assert [p for p in result.problems if p.severity == "error"] == []
    kinds = {r.type.name for r in result.records}
    assert {"practice", "jst", "project", "organisation", "contest", "procedure", "indicator"} <= kinds
    assert counts["practices"] == 40 and counts["indicator_rows"] == 2 * counts["jst"] * 3
    assert sum(1 for r in result.records if r.type.name == "practice") == 40


def test_a_tree_with_fewer_local_governments_than_laureates_is_valid(tmp_path: Path) -> None:
    """Two local governments: fewer than the 12 laureates of an edition and than 3 per practice."""
    write_tree(tmp_path / "small", SynthOptions(practices=6, jst=2, indicators=1, years=2))
    assert [p for p in validate_tree(tmp_path / "small").problems if p.severity == "error"] == []


def test_synth_command_refuses_an_existing_folder(tmp_path: Path) -> None:
    result = run_bdp("synth", "--practices", "5", "--out", str(tmp_path))
    assert result.returncode == 2 and "już istnieje" in result.stderr


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def assert_same_as_full_build(preview: Preview, site: Path) -> None:
    """The preview's site equals, file for file, a full build of the edited tree."""
    report = build(preview.root, site)
    assert report.ok, report.messages
    quick, full = _files(preview.site), _files(site)
    for name in (WORKER_FILE, MANIFEST_FILE):  # the service worker is the published site's, not the preview's
        full.pop(name)
    # The archives of pobierz/ are made by a full build only (generator/site/downloads.py); a preview's
    # download page says so instead of giving sizes and sums.
    made_by_build = {"pobierz/baza-dobrych-praktyk.zip", "pobierz/dane-otwarte.zip", "pobierz/index.html"}
    assert "powstaje przy pełnym budowaniu" in quick.pop("pobierz/index.html").decode("utf-8")
    full = {name: data for name, data in full.items() if name not in made_by_build}
    assert sorted(quick) == sorted(full)
    # The stylesheets are trimmed to what the site's pages use by a full build only (generator/site/trimcss.py).
    trimmed = {name for name in full if name.endswith(".css")}
    assert all(len(full[name]) <= len(quick[name]) for name in trimmed)
    assert [name for name in full if name not in trimmed and quick[name] != full[name]] == []


def test_preview_rebuilds_only_what_changed_and_keeps_search_complete(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    write_tree(root, SMALL)
    preview = Preview(root)
    ok, _, lines = preview.rebuild()
    assert ok, lines
    before_edit = snapshot(root)
    practice = root / "practices" / "praktyka-00003.md"
    practice.write_text(practice.read_text(encoding="utf-8").replace('title: "', 'title: "Zmieniony tytuł ', 1), encoding="utf-8")
    (root / "practices" / ".praktyka-00003.md.swp").write_text("plik wymiany edytora", encoding="utf-8")  # ignored, as by the build
    untouched = preview.site / "praktyki" / "praktyka-00020.html"
    before = untouched.stat().st_mtime_ns
    ok, _, lines = preview.rebuild(changed_files(before_edit, snapshot(root)))
    assert ok, lines
    assert preview.quick_used, lines
    assert "Zmieniony tytuł" in (preview.site / "praktyki" / "praktyka-00003.html").read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == before  # not rendered again
    search_text = "".join(p.read_text(encoding="utf-8") for p in (preview.site / "assets" / "search").glob("*.js"))
    for n in range(40):
        assert f"praktyka-{n:05d}" in search_text  # the index stays complete after a partial rebuild
    assert "Zmieniony tytu" in search_text

    assert_same_as_full_build(preview, tmp_path / "full-site")


def test_preview_takes_the_full_path_for_an_error_and_keeps_the_site(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    write_tree(root, SMALL)
    preview = Preview(root)
    assert preview.rebuild()[0]
    page = preview.site / "praktyki" / "praktyka-00003.html"
    shown = page.read_bytes()
    before_edit = snapshot(root)
    practice = root / "practices" / "praktyka-00003.md"
    practice.write_text(practice.read_text(encoding="utf-8").replace("sectors:\n", "related:\n  - praktyka-ktorej-nie-ma\nsectors:\n", 1), encoding="utf-8")
    ok, _, lines = preview.rebuild(changed_files(before_edit, snapshot(root)))
    assert not ok and not preview.quick_used
    assert any("praktyka-ktorej-nie-ma" in line and "[ref.practice]" in line for line in lines), lines
    assert page.read_bytes() == shown


def test_bench_prints_the_figures(tmp_path: Path) -> None:
    result = run_bdp("bench", "--sizes", "20", "--jst", "40", "--indicators", "1")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout[: result.stdout.index("\n]") + 2])
    for key in ["validate_s", "generate_s", "mkdocs_s", "total_wall_s", "peak_memory_mb", "site_mb",
                "search_index_gz_mb", "pages_per_s", "markdown_floor_s", "ratio_to_floor", "preview_first_s",
                "preview_edit_page_shown_s", "preview_edit_complete_s", "validate_alone_s", "validate_warm_s", "unchanged_rebuild_s",
                "one_practice_edited_build_s", "preview_edit_jst_s", "preview_edit_table_s", "stock_material_s",
                "stock_material_rebuild_s", "stock_material_peak_mb", "ratio_to_stock"]:
        assert key in rows[0]
    assert rows[0]["stock_material_s"] > 0 and rows[0]["stock_material_peak_mb"] > 0
    assert rows[0]["validate_alone_s"] > 0 and rows[0]["validate_warm_s"] > 0
    assert "| pełne budowanie od zera |" in result.stdout and "| BDP / Material |" in result.stdout
    assert rows[0]["pages"] > 20 and rows[0]["markdown_floor_s"] > 0
    assert 0 < rows[0]["preview_edit_page_shown_s"] <= rows[0]["preview_edit_complete_s"] < rows[0]["preview_first_s"]


def test_an_open_preview_page_reloads_itself_after_an_edit(tmp_path: Path, browser: object) -> None:
    root = tmp_path / "tree"
    write_tree(root, SMALL)
    preview = Preview(root)
    assert preview.rebuild()[0]
    server = start_server(preview, 0)
    try:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/praktyki/praktyka-00003.html")
        assert "Tytuł po zmianie" not in page.inner_text("h1")
        before = snapshot(root)
        practice = root / "practices" / "praktyka-00003.md"
        practice.write_text(practice.read_text(encoding="utf-8").replace('title: "', 'title: "Tytuł po zmianie ', 1), encoding="utf-8")
        ok, _, lines = preview.rebuild(changed_files(before, snapshot(root)))
        assert ok and preview.quick_used, lines
        page.wait_for_function("document.querySelector('h1').innerText.includes('Tytuł po zmianie')", timeout=10_000)
        page.close()
    finally:
        server.shutdown()
    built = (preview.site / "praktyki" / "praktyka-00003.html").read_text(encoding="utf-8")
    assert VERSION_PATH not in built  # the reload script is the preview server's, never in the site


def test_quick_path_after_a_full_rebuild_gives_the_full_builds_site(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    write_tree(root, SMALL)
    preview = Preview(root)
    assert preview.rebuild()[0]
    before = snapshot(root)
    jst = sorted((root / "registry" / "jst").glob("*.yaml"))[0]
    jst.write_text(jst.read_text(encoding="utf-8").replace('name: "', 'name: "Nowa nazwa ', 1), encoding="utf-8")
    ok, _, lines = preview.rebuild(changed_files(before, snapshot(root)))
    assert ok and not preview.quick_used, lines  # another kind of record: the full path (MkDocs "dirty")
    before = snapshot(root)
    practice = root / "practices" / "praktyka-00007.md"
    practice.write_text(practice.read_text(encoding="utf-8").replace('title: "', 'title: "Po pełnej przebudowie ', 1), encoding="utf-8")
    ok, _, lines = preview.rebuild(changed_files(before, snapshot(root)))
    assert ok and preview.quick_used, lines
    assert_same_as_full_build(preview, tmp_path / "full-site")


def test_an_edit_reaching_too_many_pages_takes_the_full_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.preview.serve

    root = tmp_path / "tree"
    write_tree(root, SMALL)
    preview = Preview(root)
    assert preview.rebuild()[0]
    monkeypatch.setattr(generator.preview.serve, "QUICK_PAGES_LIMIT", 0)
    before = snapshot(root)
    practice = root / "practices" / "praktyka-00003.md"
    practice.write_text(practice.read_text(encoding="utf-8").replace('title: "', 'title: "Daleko sięgająca zmiana ', 1), encoding="utf-8")
    ok, _, lines = preview.rebuild(changed_files(before, snapshot(root)))
    assert ok and not preview.quick_used, lines
    assert "Daleko sięgająca zmiana" in (preview.site / "praktyki" / "praktyka-00003.html").read_text(encoding="utf-8")


def test_preview_cache_is_keyed_by_content(tmp_path: Path) -> None:
    import os

    from generator.check.validate import validate_tree
    from generator.content.tree import Cache

    root = tmp_path / "tree"
    write_tree(root, SMALL)
    cache: Cache = {}
    first = {r.path: r for r in validate_tree(root, cache=cache).records}
    touched, edited = root / "practices" / "praktyka-00001.md", root / "practices" / "praktyka-00002.md"
    os.utime(touched, (1, 1))  # a checkout that rewrites a file unchanged
    edited.write_text(edited.read_text(encoding="utf-8").replace('title: "', 'title: "Nowy ', 1), encoding="utf-8")
    second = {r.path: r for r in validate_tree(root, cache=cache).records}
    assert second["practices/praktyka-00001.md"] is first["practices/praktyka-00001.md"]  # not read again
    assert second["practices/praktyka-00002.md"] is not first["practices/praktyka-00002.md"]
    assert second["practices/praktyka-00002.md"].get("title").startswith("Nowy ")
