"""CSV formula injection: every CSV file the site publishes goes through one writer that makes a
text cell starting like a formula (=, +, -, @, tab, CR) harmless; numbers stay numbers."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator.build import build
from generator.render.csvout import FORMULA_START, safe_cell, safe_copy, to_csv


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
    ("+48 123 456 789", "'+48 123 456 789"), ("-2+3", "'-2+3"), ("-", "'-"), ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"), ("\r=1+1", "'\r=1+1"),
    ("-3.5", "-3.5"), ("+2", "+2"), ("-1e-3", "-1e-3"), ("-.5", "-.5"), ("1462011", "1462011"),
    ("Płock", "Płock"), ("", ""), (" =1", " =1"), (-3.5, -3.5), (None, None), (7, 7),
])
def test_safe_cell(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


def test_to_csv_round_trip() -> None:
    text = to_csv(["=naglowek", "value"], [["=1+1", -3.5], ["zwykły, z przecinkiem", "-4"], ["@x", "+1"]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["'=naglowek", "value"], ["'=1+1", "-3.5"], ["zwykły, z przecinkiem", "-4"], ["'@x", "+1"]]


def test_safe_copy_keeps_clean_files_and_rewrites_risky_ones(tmp_path: Path) -> None:
    clean = tmp_path / "czysta.csv"
    clean.write_text("teryt,indicator,year,value\n1061011,w,2013,-40\n", encoding="utf-8")
    assert safe_copy(clean) == clean
    signed = tmp_path / "znaki.csv"
    signed.write_text("teryt,indicator,year,value,note\n1061011,w,2013,-4.5e3,x\n1061011,w,2014,+2,-\n", encoding="utf-8")
    assert "'-" in str(safe_copy(signed))  # a lone "-" is text that starts like a formula
    risky = tmp_path / "groźna.csv"
    risky.write_text('teryt,indicator,year,value,note\n1061011,w,2013,-40,"=1+1"\n', encoding="utf-8")
    copied = safe_copy(risky)
    assert isinstance(copied, str)
    assert list(csv.reader(io.StringIO(copied)))[1] == ["1061011", "w", "2013", "-40", "'=1+1"]


def _risky_cells(site: Path) -> list[tuple[str, str]]:
    found = []
    for file in sorted(site.rglob("*.csv")):
        for row in csv.reader(io.StringIO(file.read_text(encoding="utf-8"))):
            found += [(file.relative_to(site).as_posix(), cell) for cell in row if safe_cell(cell) != cell]
    return found


def test_no_published_csv_cell_starts_a_formula(valid_tree: Path) -> None:
    practice = valid_tree / "practices" / "praktyka-testowa.md"
    text = practice.read_text(encoding="utf-8")
    title = next(line for line in text.split("\n") if line.startswith("title:"))
    practice.write_text(text.replace(title, 'title: "=HYPERLINK(""http://evil.example"",""kliknij"")"'.replace('""', '\\"')),
                        encoding="utf-8")
    jst = valid_tree / "registry" / "jst" / "lubicz.yaml"
    jst.write_text(jst.read_text(encoding="utf-8").replace('name: "Lubicz"', 'name: "@SUM(1+1)*cmd|\' /C calc\'!A0"'), encoding="utf-8")
    table = valid_tree / "indicators" / "wartosci-testowe.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("2013,40,wartość testowa", "2013,40,=1+1"), encoding="utf-8")
    report = build(valid_tree)
    assert report.ok, report.messages + [str(p) for p in report.problems if p.severity == "error"]
    site = valid_tree / "site"
    assert _risky_cells(site) == []
    practices = (site / "dane" / "csv" / "praktyki.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in practices
    assert "'@SUM(1+1)" in (site / "dane" / "csv" / "samorzady.csv").read_text(encoding="utf-8")
    copy = (site / "dane" / "wskazniki" / "wartosci-testowe.csv").read_text(encoding="utf-8")
    assert ",'=1+1," in copy and "1061011,wskaznik-testowy,2016,55.5" in copy
    assert all(ch in FORMULA_START for ch in "=+-@")
