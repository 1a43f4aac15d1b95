"""The bdp command as an editor and CI use it: exit statuses, the three report formats, paths."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import PROJECT, run_bdp


def copy_content(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for folder in ("practices", "registry", "contests", "procedures", "indicators"):
        shutil.copytree(PROJECT / folder, root / folder)
    return root


def test_bundled_content_validates() -> None:
    result = run_bdp("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nie znaleziono problemów" in result.stdout


def test_removing_a_required_field_names_file_line_and_field(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    practice = root / "practices" / "plocki-model-wspolpracy.md"
    lines = practice.read_text(encoding="utf-8").split("\n")
    practice.write_text("\n".join(l for l in lines if not l.startswith("summary:")), encoding="utf-8")
    result = run_bdp("--root", str(root), "validate")
    assert result.returncode == 1
    expected = "practices/plocki-model-wspolpracy.md:3: /summary: brak wymaganego pola „summary” (Streszczenie); dodaj je [schema.required]"
    assert expected in result.stdout.splitlines(), result.stdout


def test_github_format_is_an_annotation_per_problem(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    jst = root / "registry" / "jst" / "plock.yaml"
    jst.write_text(jst.read_text(encoding="utf-8").replace('teryt: "1462011"', "teryt: 1462011"), encoding="utf-8")
    result = run_bdp("--root", str(root), "validate", "--format", "github")
    assert result.returncode == 1
    line = next(l for l in result.stdout.splitlines() if "teryt.number" in l)
    assert line.startswith("::error file=registry/jst/plock.yaml,line=6,title=teryt.number::/teryt: kod TERYT musi być tekstem")
    assert '"1462011"' in line


def test_json_format_and_path_filter(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    (root / "registry" / "glossary" / "zle.yaml").write_text("id: zle\nterm: X\n", encoding="utf-8")
    (root / "contests" / "zly.yaml").write_text("id: zly\n", encoding="utf-8")
    everything = json.loads(run_bdp("--root", str(root), "validate", "--format", "json").stdout)
    assert {p["path"] for p in everything} == {"registry/glossary/zle.yaml", "contests/zly.yaml"}
    only = run_bdp("--root", str(root), "validate", "--format", "json", str(root / "contests"))
    assert only.returncode == 1
    assert {p["path"] for p in json.loads(only.stdout)} == {"contests/zly.yaml"}


def test_usage_errors_exit_2_in_polish(tmp_path: Path) -> None:
    wrong = run_bdp("validate", "--format", "xml")
    assert wrong.returncode == 2 and "błąd wywołania" in wrong.stderr and "Traceback" not in wrong.stderr
    missing = run_bdp("validate", str(tmp_path / "nie-ma"))
    assert missing.returncode == 2 and "nie ma pliku" in missing.stderr
    assert run_bdp("--root", str(tmp_path / "nie-ma"), "validate").returncode == 2
    assert run_bdp().returncode == 2


def test_build_of_broken_content_exits_1_without_traceback(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    (root / "practices" / "zepsuta.md").write_bytes(b"---\nid: zepsuta\ntitle: \"\xff\xfe\"\n---\n")
    result = run_bdp("--root", str(root), "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "practices/zepsuta.md:3: plik nie jest zapisany w UTF-8" in result.stdout
    assert not (root / "site").exists()
