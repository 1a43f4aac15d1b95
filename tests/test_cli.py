"""The bdp command as an editor and CI use it: exit statuses, the three report formats, paths."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
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
    practice.write_text("\n".join(x for x in lines if not x.startswith("summary:")), encoding="utf-8")
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
    line = next(x for x in result.stdout.splitlines() if "teryt.number" in x)
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


# --- CLI conventions (issue #17): version, Polish argparse, global options, exit codes, progress, JSON ---

ENGLISH = ("usage:", "positional arguments", "options:", "show this help", "show program's", "invalid choice",
           "choose from", "the following arguments", "unrecognized arguments", "expected one argument",
           "invalid int value", "error:")


def test_version_comes_from_the_package_metadata() -> None:
    from importlib.metadata import version

    result = run_bdp("--version")
    assert result.returncode == 0
    assert result.stdout == f"bdp {version('baza-dobrych-praktyk')}\n"


@pytest.mark.parametrize("args, status, polish", [
    (("--help",), 0, "użycie: bdp"),
    (("build", "--help"), 0, "pokaż tę pomoc i zakończ"),
    (("validate", "--help"), 0, "Kody wyjścia:\n  0 — bez błędów\n  1 — błędy w treści\n  2 — błędne wywołanie\n"
                                "  3 — błąd wewnętrzny programu"),
    (("validate", "--format", "xml"), 2, "niedozwolona wartość 'xml'"),
    (("bulid",), 2, "czy chodziło o „build”?"),
    (("synth",), 2, "brak wymaganych argumentów: --practices, --out"),
    (("validate", "--nope"), 2, "nieznane argumenty: --nope"),
    (("serve", "--port", "osiem"), 2, "'osiem' nie jest liczbą całkowitą"),
    (("build", "--root"), 2, "argument --root: podaj jego wartość"),
])
def test_help_and_usage_errors_are_polish_only(args: tuple[str, ...], status: int, polish: str) -> None:
    result = run_bdp(*args)
    output = result.stdout + result.stderr
    assert result.returncode == status, output
    assert polish in output
    assert not [phrase for phrase in ENGLISH if phrase in output.lower()], output
    assert "Traceback" not in output


def test_an_unknown_english_message_passes_through_unchanged() -> None:
    from generator.cli import polish_error

    assert polish_error("something new in argparse") == "something new in argparse"
    assert polish_error("argument --x: invalid float value: 'a'") == "argument --x: 'a' nie jest liczbą"


def test_global_options_before_or_after_the_command_and_relative_root(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    before = run_bdp("--root", str(root), "validate")
    after = run_bdp("validate", "--root", str(root))
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout
    (root / "contests" / "zly.yaml").write_text("id: zly\n", encoding="utf-8")
    elsewhere = tmp_path / "inny-katalog"
    elsewhere.mkdir()
    relative = run_bdp("validate", "--root", "../repo", cwd=elsewhere)
    assert relative.returncode == 1
    assert "contests/zly.yaml" in relative.stdout
    assert relative.stderr.startswith("Sprawdzanie rekordów… ") and " plików (" in relative.stderr
    quiet = run_bdp("-q", "validate", "--root", "../repo", "--format", "json", cwd=elsewhere)
    assert quiet.returncode == 1 and quiet.stderr == ""
    assert {p["path"] for p in json.loads(quiet.stdout)} == {"contests/zly.yaml"}


def test_build_from_another_folder_with_progress_and_quiet(tmp_path: Path) -> None:
    from conftest import VALID

    shutil.copytree(VALID, tmp_path / "tree")
    elsewhere = tmp_path / "inny-katalog"
    elsewhere.mkdir()
    loud = run_bdp("build", "--root", "../tree", cwd=elsewhere)
    assert loud.returncode == 0, loud.stdout + loud.stderr
    assert (tmp_path / "tree" / "site" / "index.html").is_file()
    steps = loud.stderr.splitlines()
    assert steps[0].startswith("Sprawdzanie rekordów… 13 plików (")
    assert re.match(r"Generowanie stron… \d+ (strona|strony|stron) \(", steps[1]), steps[1]  # the count agrees with its noun
    assert steps[2].startswith("MkDocs… ")
    assert "Sprawdzanie" not in loud.stdout
    quiet = run_bdp("--root", "../tree", "build", "--quiet", "--force", cwd=elsewhere)
    assert quiet.returncode == 0 and quiet.stderr == ""
    assert "Zbudowano stronę" in quiet.stdout
    unchanged = run_bdp("--root", "../tree", "build", "--quiet", cwd=elsewhere)
    assert unchanged.returncode == 0 and "jest aktualna" in unchanged.stdout


def test_build_format_json_summary(tmp_path: Path) -> None:
    from conftest import VALID

    shutil.copytree(VALID, tmp_path / "tree")
    good = run_bdp("build", "--root", str(tmp_path / "tree"), "--format", "json", "-q")
    summary_ = json.loads(good.stdout)
    assert good.returncode == 0 and summary_["ok"] is True and summary_["exit_status"] == 0
    assert summary_["records"] == 12 and summary_["pages"] > 12 and summary_["errors"] == 0
    assert {"validate", "generate", "mkdocs"} <= set(summary_["timings"])
    assert all(isinstance(v, float) and v >= 0 for v in summary_["timings"].values())
    assert any(m.startswith("Zbudowano stronę") for m in summary_["messages"])
    (tmp_path / "tree" / "contests" / "zly.yaml").write_text("id: zly\n", encoding="utf-8")
    bad = run_bdp("build", "--root", str(tmp_path / "tree"), "--format", "json", "-q")
    summary_ = json.loads(bad.stdout)
    assert bad.returncode == 1 and summary_["ok"] is False and summary_["exit_status"] == 1
    assert summary_["errors"] >= 1 and {p["path"] for p in summary_["problems"]} == {"contests/zly.yaml"}
    assert "mkdocs" not in summary_["timings"]


def test_an_internal_error_exits_3_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import VALID

    import generator.build
    from generator.cli import EXIT_INTERNAL, main

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(generator.build, "build", broken)
    monkeypatch.delenv("BDP_DEBUG", raising=False)
    assert main(["--root", str(VALID), "build", "-q"]) == EXIT_INTERNAL == 3
    err = capsys.readouterr().err
    assert "błąd wewnętrzny programu" in err and "ZeroDivisionError" in err and "Traceback" not in err


def test_progress_lines_and_terminal_bar() -> None:
    import io
    import time

    from generator.progress import Progress, bar

    assert bar(0, 148, 0.2, width=10) == "[----------] 0/148 0 s"
    assert bar(74, 148, 3.7, width=10) == "[#####-----] 74/148 3 s"
    assert bar(500, 148, 1, width=4) == "[####] 148/148 1 s"
    assert bar(3, 0, 12.9) == "12 s"
    plain = io.StringIO()
    steps = Progress(plain)
    steps.start("Sprawdzanie rekordów")
    steps.finish("170 plików")
    assert plain.getvalue().startswith("Sprawdzanie rekordów… 170 plików (0,")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    live = Progress(screen)
    live.start("MkDocs", 4, lambda: 2)
    time.sleep(0.6)
    live.finish("4 strony")
    text = screen.getvalue()
    assert "\r\033[KMkDocs… [############------------] 2/4 0 s" in text
    assert text.endswith(" s)\n") and "\r\033[KMkDocs… 4 strony (0," in text
    quiet = Progress(None)
    quiet.start("MkDocs", 4, lambda: 2)
    quiet.finish("4 strony")
    assert quiet._thread is None
