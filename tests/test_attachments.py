"""Practice attachments: only listed, regular files of allowed types inside the record's folder are
published; links are errors, unlisted files warnings, and active types (HTML, SVG, Markdown) refused."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import run_bdp

import generator.check.rules as rules
from generator.build import build
from generator.check.validate import validate_tree
from generator.content.attachments import ACTIVE_TYPES, ALLOWED_TYPES, list_folder
from generator.content.tree import jury_label

PRACTICE = Path("practices") / "przyklad-z-zalacznikiem"
SECRET = "tajna-ocena-jurora-12345"


def _list_documents(tree: Path, *names: str) -> None:
    """List extra files in the practice's documents (as an attacker's pull request would)."""
    index = tree / PRACTICE / "index.md"
    extra = "".join(f'  - title: "Plik {n}"\n    file: {n}\n' for n in names)
    index.write_text(index.read_text(encoding="utf-8").replace("    file: regulamin.txt\n", "    file: regulamin.txt\n" + extra),
                     encoding="utf-8")


def _hostile_folder(tree: Path) -> None:
    """An unlisted file, a link to /etc/passwd, a link to another file of the repository, a linked folder."""
    folder = tree / PRACTICE
    private = tree / "prywatne"
    private.mkdir(parents=True)
    (private / "README.md").write_text(f"uzasadnienie: {SECRET}\n", encoding="utf-8")  # not read as a record
    outside = tree.parent / "outside"
    outside.mkdir()
    (outside / "tajne.txt").write_text(SECRET, encoding="utf-8")
    (folder / "notatki.txt").write_text("notatki redakcji\n", encoding="utf-8")
    os.symlink("/etc/passwd", folder / "passwd.txt")
    os.symlink("../../prywatne/README.md", folder / "ocena.txt")
    os.symlink(outside, folder / "katalog")


def test_listing_does_not_follow_links(tmp_path: Path, valid_tree: Path) -> None:
    _hostile_folder(valid_tree)
    listing = list_folder(valid_tree / PRACTICE)
    assert listing.files == ("notatki.txt", "regulamin.txt")
    assert listing.links == ("katalog", "ocena.txt", "passwd.txt")


def test_validation_names_every_link_and_warns_about_unlisted_files(valid_tree: Path) -> None:
    _hostile_folder(valid_tree)
    _list_documents(valid_tree, "passwd.txt")
    found = {(p.path, p.rule, p.severity) for p in validate_tree(valid_tree).problems if p.rule.startswith("attachment.")}
    folder = PRACTICE.as_posix()
    assert found == {
        (f"{folder}/passwd.txt", "attachment.symlink", "error"),
        (f"{folder}/ocena.txt", "attachment.symlink", "error"),
        (f"{folder}/katalog", "attachment.symlink", "error"),
        (f"{folder}/notatki.txt", "attachment.unlisted", "warning"),
    }


def test_build_with_links_fails_and_publishes_nothing(valid_tree: Path) -> None:
    _hostile_folder(valid_tree)
    result = run_bdp("--root", str(valid_tree), "build")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "[attachment.symlink]" in result.stdout and "Traceback" not in result.stderr
    assert not (valid_tree / "site").exists()


def test_publishing_refuses_links_even_without_validation(valid_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Defence in depth: with the attachment rules switched off, the build still copies only the
    listed regular file; the links, the linked folder and the unlisted file stay out of site/."""
    _hostile_folder(valid_tree)
    _list_documents(valid_tree, "passwd.txt", "ocena.txt", "notatki.svg")
    (valid_tree / PRACTICE / "notatki.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    monkeypatch.setattr(rules, "CROSS_RULES", tuple(r for r in rules.CROSS_RULES if r.__name__ != "attachment_problems"))
    report = build(valid_tree)
    assert report.ok, report.messages
    site = valid_tree / "site"
    folder = site / "praktyki" / "przyklad-z-zalacznikiem"
    published = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert "regulamin.txt" in published
    assert not set(published) & {"passwd.txt", "ocena.txt", "notatki.txt", "notatki.svg", "katalog/tajne.txt"}, published
    assert not (folder / "katalog").exists()
    for file in site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".txt", ".json", ".csv", ".yaml"):
            text = file.read_text(encoding="utf-8", errors="replace")
            assert SECRET not in text and "root:x:0:0" not in text, file


def test_unlisted_file_is_a_warning_and_not_published(valid_tree: Path) -> None:
    (valid_tree / PRACTICE / "notatki.txt").write_text("notatki redakcji\n", encoding="utf-8")
    (valid_tree / PRACTICE / "szkic.md").write_text("# Szkic\n\n[zepsuty](nie-ma.md)\n", encoding="utf-8")  # would break MkDocs
    (valid_tree / PRACTICE / ".DS_Store").write_bytes(b"\x00\x01")
    report = build(valid_tree)
    assert report.ok, report.messages
    unlisted = sorted(p.path for p in report.problems if p.rule.startswith("attachment."))
    assert unlisted == [f"{PRACTICE.as_posix()}/{n}" for n in (".DS_Store", "notatki.txt", "szkic.md")]
    folder = valid_tree / "site" / "praktyki" / "przyklad-z-zalacznikiem"
    assert sorted(p.name for p in folder.iterdir()) == ["regulamin.txt"]


@pytest.mark.parametrize("name", ["strona.html", "strona.HTM", "rysunek.svg", "opis.md", "dane.xhtml", "program.exe"])
def test_active_and_unknown_types_are_refused_by_validate(valid_tree: Path, name: str) -> None:
    (valid_tree / PRACTICE / name).write_text("<script>alert(1)</script>\n", encoding="utf-8")
    _list_documents(valid_tree, name)
    result = run_bdp("--root", str(valid_tree), "validate")
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "[attachment.type]" in line)
    assert line.startswith(f"{PRACTICE.as_posix()}/index.md:") and name in line
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        assert "PDF" in line
    if name.endswith(".svg"):
        assert "PNG" in line


def test_markdown_attachment_is_caught_before_mkdocs(valid_tree: Path) -> None:
    """A .md attachment used to pass validation and break MkDocs with an English message."""
    (valid_tree / PRACTICE / "opis.md").write_text("# Opis\n", encoding="utf-8")
    _list_documents(valid_tree, "opis.md")
    result = run_bdp("--root", str(valid_tree), "build")
    assert result.returncode == 1 and "[attachment.type]" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr and "Traceback" not in result.stderr
    assert not (valid_tree / "site").exists()


def test_allow_list_and_refused_types_do_not_overlap() -> None:
    assert not set(ALLOWED_TYPES) & set(ACTIVE_TYPES)
    assert {".html", ".htm", ".svg", ".xhtml", ".md"} <= set(ACTIVE_TYPES)


def test_symlinked_record_file_and_practice_folder_are_errors(valid_tree: Path, tmp_path: Path) -> None:
    outside = tmp_path / "gdzies"
    (outside / "praktyka").mkdir(parents=True)
    (outside / "praktyka" / "index.md").write_text("---\nid: praktyka\n---\n", encoding="utf-8")
    os.symlink(outside / "praktyka", valid_tree / "practices" / "praktyka")
    os.symlink("/etc/passwd", valid_tree / "registry" / "glossary" / "haslo.yaml")
    found = {(p.path, p.rule) for p in validate_tree(valid_tree).problems}
    assert ("practices/praktyka", "attachment.symlink") in found
    assert ("registry/glossary/haslo.yaml", "attachment.symlink") in found
    assert not any(p.rule.startswith("parse.") for p in validate_tree(valid_tree).problems)


def test_symlinked_indicator_table_is_not_read(valid_tree: Path) -> None:
    os.symlink("/etc/passwd", valid_tree / "indicators" / "hasla.csv")
    problems = validate_tree(valid_tree).problems
    assert [(p.path, p.rule) for p in problems if p.severity == "error"] == [("indicators/hasla.csv", "attachment.symlink")]
    assert not any("root:" in p.message for p in problems)


def test_symlinked_nested_record_folder_is_not_read(valid_tree: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "gdzie-indziej"
    elsewhere.mkdir()
    (elsewhere / "juror.yaml").write_text("id: juror\n", encoding="utf-8")
    jury = tmp_path / "jury"
    (jury / "konkurs-testowy-2011").mkdir(parents=True)
    os.symlink(elsewhere, jury / "konkurs-testowy-2011" / "jury")
    problems = validate_tree(valid_tree, jury_data=jury).problems
    label = jury_label(jury)
    assert [(p.path, p.rule) for p in problems if p.severity == "error"] == [(f"{label}konkurs-testowy-2011/jury", "attachment.symlink")]
