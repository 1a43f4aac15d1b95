"""`bdp import csv`: an export from another system (SAS-like: semicolons, decimal commas, cp1250,
codes that lost their leading zero) becomes a table that passes the validator; bad rows are named by
the input file's line and column, and nothing is written."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import VALID, overlay

from generator.check.validate import validate_tree
from generator.cli import main

ARGS = ["--indicator", "wskaznik-testowy", "--source", "dokument-testowy", "--table", "z-sas",
        "--columns", "teryt=KOD_TERYT,year=ROK,value=WARTOSC,note=UWAGI"]
TABLE = "indicators/z-sas.csv"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return overlay(VALID, tmp_path / "no-case", tmp_path / "tree")


def export(tmp_path: Path, text: str, encoding: str = "cp1250") -> Path:
    path = tmp_path / "eksport.csv"
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_sas_export_becomes_a_valid_table(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = export(tmp_path, "KOD_TERYT;ROK;WARTOSC;UWAGI\n415042;2014;21,5;wartość wstępna\n"
                              "1061011;2014.0;41;\n\n3019.0;2015;\"62,25\";\n")
    assert main(["--root", str(tree), "import", "csv", str(source), *ARGS, "--encoding", "cp1250",
                 "--decimal", ",", "--pad-teryt"]) == 0
    assert (tree / TABLE).read_text(encoding="utf-8") == (
        "teryt,indicator,year,value,note,source\n"
        "0415042,wskaznik-testowy,2014,21.5,wartość wstępna,dokument-testowy\n"
        "1061011,wskaznik-testowy,2014,41,,dokument-testowy\n"
        "3019,wskaznik-testowy,2015,62.25,,dokument-testowy\n")
    assert "Zapisano indicators/z-sas.csv (3 wiersze)" in capsys.readouterr().out
    assert [p for p in validate_tree(tree).problems if p.path == TABLE] == []


def test_bad_rows_are_named_by_input_line_and_column_and_nothing_is_written(
        tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = export(tmp_path, "KOD_TERYT;ROK;WARTOSC;UWAGI\n1061011;2014;41;\n1061011;2015;dużo;\n"
                              "0415042;2030;20;\n9999999;2014;5;\n1061011;2013;40;\n415042;2015;3;\n", encoding="utf-8")
    before = files(tree)
    assert main(["--root", str(tree), "import", "csv", str(source), *ARGS, "--decimal", ","]) == 1
    err = capsys.readouterr().err
    name = str(source)
    assert f"{name}:3: kolumna „WARTOSC” (pole value): „dużo” nie jest liczbą" in err
    assert f"{name}:4: kolumna „ROK” (pole year):" in err and "[table.range]" in err
    assert f"{name}:5: kolumna „KOD_TERYT” (pole teryt):" in err and "[ref.jst]" in err
    assert f"{name}:6:" in err and "[table.duplicate]" in err  # already in wartosci-testowe.csv
    assert f"{name}:7: kolumna „KOD_TERYT” (pole teryt):" in err and "[table.type]" in err  # lost leading zero
    assert "--pad-teryt dopisze zero" in err
    assert "5 problemów w danych" in err and "Nic nie zapisano." in err and "Traceback" not in err
    assert files(tree) == before


def test_a_mapped_column_missing_from_the_header_is_a_usage_error(tree: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    source = export(tmp_path, "KOD;ROK;WARTOSC\n1061011;2014;41\n", encoding="utf-8")
    assert main(["--root", str(tree), "import", "csv", str(source), *ARGS]) == 2
    err = capsys.readouterr().err
    assert "nie ma kolumn: KOD_TERYT, UWAGI; są: KOD, ROK, WARTOSC" in err
    assert not (tree / TABLE).exists()


def test_wrong_encoding_is_explained(tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = export(tmp_path, "KOD_TERYT;ROK;WARTOSC;UWAGI\n1061011;2014;41;źródło\n")
    assert main(["--root", str(tree), "import", "csv", str(source), *ARGS]) == 1
    assert "nie jest zapisany w kodowaniu utf-8" in capsys.readouterr().err
    assert not (tree / TABLE).exists()
