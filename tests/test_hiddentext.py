"""Hidden text: HTML comments leave the body when it is read (so no output has them), control
characters are errors that name the field and show the character as U+001B, never raw."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_bdp

from generator.build import build
from generator.check.validate import validate_tree
from generator.content.hiddentext import strip_comments, visible

SECRET = "ukryta-notatka-redakcji-987"


@pytest.mark.parametrize(("body", "expected", "lines"), [
    ("a <!-- x --> b", "a  b", [0]),
    ("a\n<!-- jeden\ndwa -->\nb", "a\n\n\nb", [1]),
    ("<!-- 1 --> x <!-- 2 -->", " x ", [0, 0]),
    ("x\n<!-- bez końca\ny\nz", "x\n\n\n", [1]),
    ("`<!-- kod -->` i <!-- nie kod -->", "`<!-- kod -->` i ", [0]),
    ("```\n<!-- w bloku kodu -->\n```\n<!-- poza -->", "```\n<!-- w bloku kodu -->\n```\n", [3]),
    ("~~~~\n```\n<!-- w bloku -->\n~~~~", "~~~~\n```\n<!-- w bloku -->\n~~~~", []),
    ("bez komentarzy", "bez komentarzy", []),
])
def test_strip_comments(body: str, expected: str, lines: list[int]) -> None:
    stripped, found = strip_comments(body)
    assert (stripped, [line for line, _ in found]) == (expected, lines)
    assert stripped.count("\n") == body.count("\n")  # later lines keep their numbers


def _add_body(tree: Path, text: str) -> Path:
    practice = tree / "practices" / "praktyka-testowa.md"
    practice.write_text(practice.read_text(encoding="utf-8") + text, encoding="utf-8")
    return practice


def test_comment_is_not_published_anywhere(valid_tree: Path) -> None:
    _add_body(valid_tree, f"\nWidoczny akapit.\n\n<!-- {SECRET} -->\n\nDalszy <!--\n{SECRET}\n--> tekst.\n")
    report = build(valid_tree)
    assert report.ok, report.messages
    warnings = [p for p in report.problems if p.rule == "body.comment"]
    assert len(warnings) == 2 and all(p.severity == "warning" and p.path == "practices/praktyka-testowa.md" for p in warnings)
    site = valid_tree / "site"
    assert "Widoczny akapit." in (site / "praktyki" / "praktyka-testowa.html").read_text(encoding="utf-8")
    checked = 0
    for file in site.rglob("*"):
        if file.is_file() and file.suffix in (".html", ".json", ".csv", ".txt", ".js", ".xml"):
            assert SECRET not in file.read_text(encoding="utf-8", errors="replace"), file
            checked += 1
    assert checked > 20
    assert "Widoczny akapit." in (site / "dane" / "csv" / "praktyki.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(("where", "text", "pointer", "code"), [
    ("title", 'title: "Tytuł \\e[2J z ESC"\n', "/title", "U+001B (ESC)"),
    ("summary", 'summary: "dzwonek \\a"\n', "/summary", "U+0007 (BEL)"),
    ("c1", 'summary: "znak C1 \\x9b"\n', "/summary", "U+009B"),
])
def test_escaped_control_character_is_an_error_naming_the_field(valid_tree: Path, where: str, text: str, pointer: str,
                                                                code: str) -> None:
    practice = valid_tree / "practices" / "praktyka-testowa.md"
    lines = practice.read_text(encoding="utf-8").split("\n")
    key = pointer.lstrip("/") + ":"
    lines = [text.rstrip("\n") if line.startswith(key) else line for line in lines]
    practice.write_text("\n".join(lines), encoding="utf-8")
    result = run_bdp("--root", str(valid_tree), "validate")
    assert result.returncode == 1
    line = next(line for line in result.stdout.splitlines() if "[text.control]" in line)
    assert line.startswith("practices/praktyka-testowa.md:") and f" {pointer}: " in line and code in line
    assert f"„{pointer.lstrip('/')}”" in line
    raw = result.stdout + result.stderr
    assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in raw), repr(raw)


def test_raw_control_characters_in_yaml_and_body(valid_tree: Path) -> None:
    glossary = valid_tree / "registry" / "glossary" / "jst.yaml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("term: JST", "term: JST\x1b[31m"), encoding="utf-8")
    _add_body(valid_tree, "\nKoniec\x07 opisu.\n")
    result = run_bdp("--root", str(valid_tree), "validate")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    found = [line for line in result.stdout.splitlines() if "[text.control]" in line]
    assert len(found) == 2, result.stdout
    assert found[0].startswith("practices/praktyka-testowa.md:") and "opis praktyki" in found[0] and "U+0007 (BEL)" in found[0]
    assert found[1].startswith("registry/glossary/jst.yaml:2: /term:") and "„term”" in found[1] and "U+001B (ESC)" in found[1]
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_tab_and_newline_stay_allowed(valid_tree: Path) -> None:
    _add_body(valid_tree, "\nKolumna\tz tabulatorem.\n")
    assert validate_tree(valid_tree).ok


def test_pattern_message_shows_a_line_break_as_an_escape(valid_tree: Path) -> None:
    jst = valid_tree / "registry" / "jst" / "lubicz.yaml"
    jst.write_text(jst.read_text(encoding="utf-8").replace('teryt: "0415042"', 'teryt: "0415042\\n"'), encoding="utf-8")
    problem = next(p for p in validate_tree(valid_tree).problems if p.rule == "schema.pattern")
    assert "0415042[U+000A]" in problem.message and "\n" not in problem.message


def test_visible() -> None:
    assert visible("a\x1b[2Jb\n\x9b") == "a[U+001B][2Jb[U+000A][U+009B]"
    assert visible("zwykły tekst") == "zwykły tekst"


def test_template_guidance_is_removed_quietly(valid_tree: Path) -> None:
    from generator.authoring.newrecord import practice_body

    _add_body(valid_tree, practice_body({}) + "\nTreść.\n")
    result = validate_tree(valid_tree)
    assert not [p for p in result.problems if p.rule == "body.comment"]
    record = next(r for r in result.records if r.id == "praktyka-testowa")
    assert "<!--" not in record.body and "Treść." in record.body


def test_control_character_in_an_indicator_table(valid_tree: Path) -> None:
    table = valid_tree / "indicators" / "wartosci-testowe.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("2016,55.5,wartość testowa", "2016,55.5,wartość\x1b[2J testowa"),
                     encoding="utf-8")
    found = [p for p in validate_tree(valid_tree).problems if p.rule == "text.control"]
    assert [(p.path, p.line) for p in found] == [("indicators/wartosci-testowe.csv", 3)]
    assert "U+001B (ESC)" in found[0].message and "\x1b" not in found[0].message
