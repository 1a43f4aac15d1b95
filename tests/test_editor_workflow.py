"""Editors' workflow: the issue form and its conversion, the generated guide, workflows, warnings."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT, VALID, overlay, run_bdp
from test_cli import copy_content

from generator.authoring.guidefiles import check_guide_files
from generator.authoring.issueform import parse_body
from generator.build import build
from generator.check.catalog import RULES
from generator.check.validate import validate_tree
from generator.content.schemas import load_schemas

BIN = Path(sys.executable).parent
SAMPLE = """### Tytuł praktyki

„Mapa potrzeb mieszkańców” w Płocku i powiecie leżajskim

### Streszczenie

Samorządy zbierają potrzeby mieszkańców na wspólnej mapie i omawiają je na spotkaniach.

### Samorządy

Płock, Powiat leżajski, 1808022

### Sektory

partycypacja i konsultacje społeczne, współpraca z organizacjami pozarządowymi

### Początek realizacji

2014-02

### Koniec realizacji

_No response_

### Rezultaty

- 4 spotkania z mieszkańcami
- mapa potrzeb opublikowana w internecie

### Jak przenieść praktykę

_No response_

### Opis praktyki

## Na czym polega

Mieszkańcy zgłaszają potrzeby na mapie.

### Źródło informacji

Uchwała Rady Miasta Płocka (przykład)

### Adres źródła

_No response_

### Kontakt (stanowisko lub komórka)

Biuro Rady Miasta
"""


def test_parse_body_treats_no_response_as_empty() -> None:
    answers = parse_body(SAMPLE)
    assert answers["period_end"] == "" and answers["transferability"] == "" and answers["period_start"] == "2014-02"
    assert answers["description"].startswith("## Na czym polega")


def test_issue_body_becomes_a_valid_record_with_a_page(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    (tmp_path / "body.md").write_text(SAMPLE, encoding="utf-8")
    result = run_bdp("--root", str(root), "from-issue", "--body-file", str(tmp_path / "body.md"), "--issue", "41", "--write")
    assert result.returncode == 0, result.stderr
    practice = root / "practices" / "mapa-potrzeb-mieszkancow-w-plocku-i-powiecie-lezajskim.md"
    text = practice.read_text(encoding="utf-8")
    assert '"1462011"' in text and '"1808"' in text and '"1808022"' in text
    assert (root / "registry" / "sources" / "zgloszenie-41.yaml").is_file()
    check = validate_tree(root)
    assert [p for p in check.problems if p.severity == "error"] == []


def test_broken_issue_body_gives_clear_errors_and_no_files(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    broken = (SAMPLE.replace("Płock, Powiat leżajski, 1808022", "Gdańsk, Płock")
              .replace("2014-02", "2014-13")
              .replace("partycypacja i konsultacje społeczne, współpraca", "odpady, współpraca"))
    (tmp_path / "body.md").write_text(broken, encoding="utf-8")
    result = run_bdp("--root", str(root), "from-issue", "--body-file", str(tmp_path / "body.md"), "--issue", "42",
                     "--write", "--comment-file", str(tmp_path / "comment.md"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Samorządy: nie znaleziono „Gdańsk” w rejestrze" in result.stderr
    assert "Początek realizacji:" in result.stderr and "Sektory: „odpady” nie jest dozwoloną wartością" in result.stderr
    assert "Popraw zgłoszenie" in (tmp_path / "comment.md").read_text(encoding="utf-8")
    assert not (root / "registry" / "sources" / "zgloszenie-42.yaml").exists()


def test_event_file_with_shell_metacharacters_is_inert(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    body = SAMPLE.replace("„Mapa potrzeb mieszkańców” w Płocku i powiecie leżajskim", "„Mapa” $(touch /tmp/bdp-pwned) `id`")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"issue": {"number": 43, "body": body}}), encoding="utf-8")
    result = run_bdp("--root", str(root), "from-issue", "--event", str(event), "--write")
    assert result.returncode == 0, result.stderr
    assert not Path("/tmp/bdp-pwned").exists()


def test_required_fields_missing_in_a_private_repository_form(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    body = SAMPLE.replace("Samorządy zbierają potrzeby mieszkańców na wspólnej mapie i omawiają je na spotkaniach.", "_No response_")
    (tmp_path / "body.md").write_text(body, encoding="utf-8")
    result = run_bdp("--root", str(root), "from-issue", "--body-file", str(tmp_path / "body.md"))
    assert result.returncode == 1 and "Streszczenie: to pole jest wymagane." in result.stderr


def test_generated_guide_and_issue_form_are_current() -> None:
    assert check_guide_files() == []


def test_guide_lists_every_schema_field_and_rule() -> None:
    guide = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for name, schema in load_schemas().items():
        for key in schema.get("properties", {}):
            assert f"`{key}`" in guide, (name, key)
    for rule in RULES:
        assert f"`{rule}`" in guide, rule


def test_issue_form_fields_match_the_practice_schema() -> None:
    form = (PROJECT / ".github" / "ISSUE_TEMPLATE" / "zglos-dobra-praktyke.yml").read_text(encoding="utf-8")
    sectors = load_schemas()["defs.schema.json"]["$defs"]["sector"]["enum"]
    assert all(f'"{s}"' in form for s in sectors)
    assert "id: title" in form and "id: summary" in form and "id: jst" in form


@pytest.mark.parametrize("path", sorted((PROJECT / ".github" / "workflows").glob("*.yml")), ids=lambda p: p.name)
def test_workflow_is_valid_and_uses_pinned_actions(path: Path) -> None:
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = path.read_text(encoding="utf-8")
    for uses in [line.split("uses:")[1].strip() for line in text.splitlines() if "uses:" in line]:
        assert __import__("re").match(r"([\w.-]+/[\w.-]+@[0-9a-f]{40}( #.*)?|\$/\.github/workflows/[\w.-]+\.yml)$", uses), uses
    assert "pull_request_target" not in text and "${{ github.event.issue.body" not in text
    assert "permissions: {}" in text


def test_issue_form_is_valid() -> None:
    form = PROJECT / ".github" / "ISSUE_TEMPLATE" / "zglos-dobra-praktyke.yml"
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", str(form)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", str(PROJECT / ".github" / "workflows")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def test_workflows_run_the_makefile_commands() -> None:
    text = (PROJECT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    assert "make validate-github" in text and "bash .ci/run" in text and "make site" in text
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert "validate-github:" in makefile and "bdp validate --format github" in makefile


def test_duplicate_practice_is_a_warning_naming_the_other(tmp_path: Path) -> None:
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    original = (tree / "practices" / "praktyka-testowa.md").read_text(encoding="utf-8")
    (tree / "practices" / "praktyka-testowa-kopia.md").write_text(
        original.replace("id: praktyka-testowa", "id: praktyka-testowa-kopia").replace("w Łodzi", "w Lodzi"), encoding="utf-8")
    problems = validate_tree(tree).problems
    duplicates = [p for p in problems if p.rule == "duplicate.practice"]
    assert len(duplicates) == 1 and duplicates[0].severity == "warning"
    assert duplicates[0].path == "practices/praktyka-testowa.md" or "praktyka-testowa.md" in duplicates[0].message


def test_stale_practice_is_reported_and_marked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    monkeypatch.setenv("BDP_TODAY_EPOCH", "1861920000")  # 2029-01-01
    report = build(tree)
    assert report.ok
    stale = [p for p in report.problems if p.rule == "stale.practice"]
    assert {p.path for p in stale} == {"practices/przyklad-z-zalacznikiem/index.md"}  # verified 2025-01-31
    page = (tree / "site" / "praktyki" / "przyklad-z-zalacznikiem.html").read_text(encoding="utf-8")
    assert "Opis może być nieaktualny" in page
    editors = (tree / "site" / "dla-redakcji" / "index.html").read_text(encoding="utf-8")
    assert "przyklad-z-zalacznikiem.html" in editors
    fresh = (tree / "site" / "praktyki" / "praktyka-testowa.html").read_text(encoding="utf-8")
    assert "Opis może być nieaktualny" not in fresh


def test_unfilled_template_section_is_a_warning(tmp_path: Path) -> None:
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    practice = tree / "practices" / "praktyka-testowa.md"
    practice.write_text(practice.read_text(encoding="utf-8") + "\n## Rezultaty\n\n<!-- uzupełnij -->\n", encoding="utf-8")
    warnings = [p for p in validate_tree(tree).problems if p.rule == "body.empty-section"]
    assert len(warnings) == 1 and warnings[0].line is not None and warnings[0].severity == "warning"
    assert practice.read_text(encoding="utf-8").split("\n")[warnings[0].line - 1] == "## Rezultaty"


def test_github_format_output_for_a_broken_record(tmp_path: Path) -> None:
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    jst = tree / "registry" / "jst" / "lubicz.yaml"
    jst.write_text(jst.read_text(encoding="utf-8").replace('teryt: "0415042"', "teryt: 0415042").replace("gmina wiejska", "gmina wiejka"), encoding="utf-8")
    result = run_bdp("--root", str(tree), "validate", "--format", "github")
    lines = [x for x in result.stdout.splitlines() if x.startswith("::")]
    assert result.returncode == 1 and len(lines) == 2
    assert all(x.startswith("::error file=registry/jst/lubicz.yaml,line=") for x in lines)
    shutil.rmtree(tree)
