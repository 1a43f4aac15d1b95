"""The preview's quick update after a practice edit gives exactly the files of a full generation."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PROJECT

from generator.build import Generated, generate
from generator.check.validate import edited_problems, reread
from generator.preview.incremental import LinkMap, links_of, update_records
from generator.render.pages.common import page_path

CONTENT = ("practices", "registry", "contests", "procedures", "indicators")

# (record file, text replaced, replacement): each edit reaches other pages in another way
EDITS = {
    "title of a practice a procedure and a contest name": (
        "practices/plocki-model-wspolpracy.md", 'title: "„Płocki Model Współpracy”', 'title: "Zmieniony „Płocki Model Współpracy”'),
    "period of a practice with indicator sections": (
        "practices/ograniczanie-decyzji-po-terminie-sko.md", 'start: "2011-06"', 'start: "2009-06"'),
    "local governments, sectors and related practices": (
        "practices/badania-opinii-mieszkancow.md",
        '  - "1808022"\nsectors:\n  - monitorowanie jakości usług publicznych\n',
        'sectors:\n'),
    "body only": ("practices/spotkania-radar.md", "## Na czym polega", "## Na czym polega ta praktyka"),
    "related practices": ("practices/badania-opinii-mieszkancow.md", "  - spotkania-radar\n", ""),
    "name of an organisation (practice partners, contests, projects)": (
        "registry/organisations/zmp.yaml", 'name: "Związek Miast Polskich"', 'name: "Związek Miast Polskich (nazwa zmieniona)"'),
    "title of a source (cited by every kind of record)": (
        "registry/sources/mpips-model-wspolpracy.yaml", 'title: "Projekt „Model', 'title: "Zmieniony projekt „Model'),
}


def _copy_content(target: Path) -> Path:
    for name in CONTENT:
        shutil.copytree(PROJECT / name, target / name)
    return target


def _generated(root: Path, docs: Path) -> Generated:
    report = generate(root, docs, keep=True)
    assert report.ok, report.problems
    assert report.generated is not None
    return report.generated


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_quick_update_equals_full_generation(tmp_path: Path, edit: str) -> None:
    root = _copy_content(tmp_path / "tree")
    generated = _generated(root, tmp_path / "docs")
    links = LinkMap.of(generated.pages)
    before = dict(generated.files)
    name, old_text, new_text = EDITS[edit]
    _edit(root, name, old_text, new_text)
    old = next(r for r in generated.records if r.path == name)
    new, problems = reread(root, old)
    assert new is not None and not [p for p in problems if p.severity == "error"]
    records = [new if r is old else r for r in generated.records]
    assert not [p for p in edited_problems(records, [new]) if p.severity == "error"]

    update = update_records(generated, [(old, new)], root, links)

    full = _generated(root, tmp_path / "docs-full")
    assert sorted(generated.files) == sorted(full.files)
    differing = [path for path in full.files if generated.files[path] != full.files[path]]
    assert differing == []
    assert page_path(new) in update.changed
    assert set(update.changed) == {p for p in full.files if before.get(p) != full.files[p]}
    assert generated.search == full.search


def test_quick_check_reports_a_broken_reference_in_the_edited_file(tmp_path: Path) -> None:
    root = _copy_content(tmp_path / "tree")
    generated = _generated(root, tmp_path / "docs")
    _edit(root, "practices/spotkania-radar.md", "related:\n", "related:\n  - praktyka-ktorej-nie-ma\n")
    old = next(r for r in generated.records if r.path == "practices/spotkania-radar.md")
    new, _problems = reread(root, old)
    assert new is not None
    records = [new if r is old else r for r in generated.records]
    found = edited_problems(records, [new])
    assert [(p.path, p.rule) for p in found if p.severity == "error"] == [("practices/spotkania-radar.md", "ref.practice")]


def test_links_of_resolves_relative_markdown_and_html_links() -> None:
    text = "[a](../samorzady/plock.md) [b](inna.md#rezultaty) <a href=\"../sektory/x.md\">c</a> [d](https://example.org/e.md)"
    assert links_of("praktyki/p.md", text) == {"samorzady/plock.md", "praktyki/inna.md", "sektory/x.md"}
