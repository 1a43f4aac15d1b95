"""Every folder in fixtures/invalid/<rule-id>/ breaks the valid tree in one way: exactly that rule fires."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import INVALID, VALID, overlay, run_bdp

from generator.check.validate import validate_tree

CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def test_valid_fixture_has_no_problems() -> None:
    result = validate_tree(VALID)
    assert result.problems == []
    assert len(result.records) == 12


def test_there_is_a_case_for_every_rule_family() -> None:
    families = {c.split(".")[0] for c in CASES}
    assert {"parse", "file", "schema", "teryt", "id", "ref", "period"} <= families
    assert len(CASES) >= 40


def case_tree(case: str, tmp_path: Path) -> tuple[Path, Path | None]:
    """The valid tree with the case's files over it; a case's jury-data/ folder is the jury's private
    folder, kept apart from the public root as in a real contest (bdp … --jury-data)."""
    source = INVALID / case
    public = tmp_path / "case"
    shutil.copytree(source, public, ignore=lambda folder, names: ["jury-data"] if Path(folder) == source else [])
    jury = source / "jury-data"
    return overlay(VALID, public, tmp_path / "tree"), (shutil.copytree(jury, tmp_path / "jury") if jury.is_dir() else None)


@pytest.mark.parametrize("case", CASES)
def test_case_produces_exactly_its_rule(case: str, tmp_path: Path) -> None:
    tree, jury = case_tree(case, tmp_path)
    result = validate_tree(tree, jury_data=jury)
    rules = {p.rule for p in result.problems if p.severity == "error"}
    if not rules:  # a warning rule's case (e.g. teryt.name): no error, and exactly its warning
        rules = {p.rule for p in result.problems}
    assert rules == {case}, [f"{p.path}:{p.line} {p.message} [{p.rule}]" for p in result.problems]
    for problem in result.problems:
        assert problem.path and (jury is not None or not problem.path.startswith("/")), problem
        assert problem.message and "Traceback" not in problem.message


@pytest.mark.parametrize("case", ["parse.yaml", "teryt.number", "schema.required", "ref.jst", "file.binary"])
def test_cli_exits_1_with_polish_message_and_no_traceback(case: str, tmp_path: Path) -> None:
    tree = overlay(VALID, INVALID / case, tmp_path / "tree")
    result = run_bdp("--root", str(tree), "validate")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"[{case}]" in result.stdout
    assert "Błędy:" in result.stdout


def test_oversized_file_is_refused_without_reading_it_as_yaml(tmp_path: Path) -> None:
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    (tree / "registry" / "glossary" / "ogromny.yaml").write_bytes(b"id: ogromny\nterm: " + b"x" * (50 * 1024 * 1024) + b"\n")
    result = run_bdp("--root", str(tree), "validate")
    assert result.returncode == 1 and "[file.too-large]" in result.stdout and "Traceback" not in result.stderr


def test_empty_files(tmp_path: Path) -> None:
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    (tree / "practices" / "pusta.md").write_bytes(b"")
    (tree / "registry" / "glossary" / "pusty.yaml").write_bytes(b"")
    rules = {(p.path, p.rule) for p in validate_tree(tree).problems}
    assert rules == {("practices/pusta.md", "parse.front-matter"), ("registry/glossary/pusty.yaml", "parse.empty")}


def test_crlf_and_bom_are_normalised_not_rejected(tmp_path: Path) -> None:
    """Windows editors save CRLF and a BOM; both are harmless bytes, so they are accepted (BOM with a warning)."""
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    jst = tree / "registry" / "jst" / "lubicz.yaml"
    jst.write_bytes(b"\xef\xbb\xbf" + jst.read_bytes().replace(b"\n", b"\r\n"))
    practice = tree / "practices" / "praktyka-testowa.md"
    practice.write_bytes(practice.read_bytes().replace(b"\n", b"\r\n"))
    result = validate_tree(tree)
    assert result.ok
    assert [(p.path, p.rule, p.severity) for p in result.problems] == [("registry/jst/lubicz.yaml", "file.bom", "warning")]
    lubicz = next(r for r in result.records if r.id == "lubicz")
    assert lubicz.line("/teryt") == 6 and lubicz.get("teryt") == "0415042"
