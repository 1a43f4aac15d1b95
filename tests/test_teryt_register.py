"""TERYT codes checked against the shipped TERC register (rules teryt.register, teryt.name) and `bdp import terc`."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, INVALID, PROJECT, VALID, overlay, run_bdp

from generator.authoring.importers.terc import TercFileError, parse_terc
from generator.check.validate import validate_tree
from generator.content import teryt
from generator.content.terc import DATA, load_register, read_register

SAMPLE_CSV = FIXTURES / "terc" / "TERC_Urzedowy_probka.csv"
SAMPLE_XML = FIXTURES / "terc" / "TERC_Urzedowy_probka.xml"


def _copy_register(target: Path) -> Path:
    target.mkdir()
    for name in ("terc.csv", "terc.json"):
        shutil.copyfile(DATA / name, target / name)
    return target


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_shipped_register_is_the_whole_country_with_its_date() -> None:
    register = load_register()
    voivodeships = {u.code: u.name.lower() for u in register.units.values() if len(u.code) == 2}
    assert voivodeships == teryt.VOIVODESHIPS
    assert register.meta.stan_na == max(u.stan_na for u in register.units.values())
    assert register.meta.units == len(register.units)
    assert register.meta.file.startswith("TERC_Urzedowy_")
    # every gmina's powiat and every powiat's voivodeship is in the register
    assert all(u.code[:4] in register.units for u in register.units.values() if len(u.code) == 7)
    assert all(u.code[:2] in register.units for u in register.units.values() if len(u.code) == 4)


def test_register_kinds_in_the_words_of_the_jst_schema() -> None:
    register = load_register()
    assert register.jst_kind("0415042") == "gmina wiejska"
    assert register.jst_kind("1462011") == "miasto na prawach powiatu"
    assert register.jst_kind("1462") == "miasto na prawach powiatu"
    assert register.jst_kind("1419") == "powiat"
    assert register.jst_kind("14") == "województwo"
    assert register.jst_kind("0663021") is None


def test_unknown_code_exits_1_with_file_line_and_suggestions(tmp_path: Path) -> None:
    tree = overlay(VALID, INVALID / "teryt.register", tmp_path / "tree")
    result = run_bdp("--root", str(tree), "validate")
    assert result.returncode == 1, result.stdout + result.stderr
    line = next(x for x in result.stdout.splitlines() if "[teryt.register]" in x)
    assert line.startswith("registry/jst/lublin-bledny-kod.yaml:5: /teryt: kodu TERYT „0663021” nie ma w rejestrze TERC")
    assert "Lublin (0663011) — miasto na prawach powiatu, woj. lubelskie" in line
    assert "Traceback" not in result.stderr


def test_uncertain_record_with_unknown_code_is_still_an_error(tmp_path: Path) -> None:
    tree = overlay(VALID, INVALID / "teryt.register", tmp_path / "tree")
    record = tree / "registry" / "jst" / "lublin-bledny-kod.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("teryt_verified: true", "teryt_verified: false"), encoding="utf-8")
    problems = [p for p in validate_tree(tree).problems if p.rule == "teryt.register"]
    assert [p.severity for p in problems] == ["error"]
    assert "teryt_verified: false" in problems[0].message


def test_name_differing_from_the_register_is_a_warning_naming_both(tmp_path: Path) -> None:
    tree = overlay(VALID, INVALID / "teryt.name", tmp_path / "tree")
    result = validate_tree(tree)
    assert [(p.path, p.line, p.rule, p.severity) for p in result.problems] == [
        ("registry/jst/lubicz.yaml", 2, "teryt.name", "warning")]
    assert "„Lubcza”" in result.problems[0].message and "„Lubicz”" in result.problems[0].message
    assert run_bdp("--root", str(tree), "validate").returncode == 0


def test_prefix_and_qualifier_are_not_a_name_difference(tmp_path: Path) -> None:
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    record = tree / "registry" / "jst" / "lubicz.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace('name: "Lubicz"', 'name: "Gmina Lubicz (powiat toruński)"'), encoding="utf-8")
    assert validate_tree(tree).problems == []


def test_demo_root_is_not_checked_against_the_register(tmp_path: Path) -> None:
    tree = overlay(VALID, INVALID / "teryt.register", tmp_path / "tree")
    (tree / "bdp.yaml").write_text("demo: true\n", encoding="utf-8")
    assert not [p for p in validate_tree(tree).problems if p.rule.startswith("teryt.")]


def test_bundled_content_is_in_the_register() -> None:
    flagged = [p for p in validate_tree(PROJECT).problems if p.rule in ("teryt.register", "teryt.name")]
    assert flagged == []


def test_nearest_units_by_name() -> None:
    register = load_register()
    assert [u.code for u in register.nearest("Lubicz", 7)][:1] == ["0415042"]
    assert "1419" in [u.code for u in register.nearest("Powiat płocki", 4)]
    assert register.nearest("Qwxyzzz", 7) == []


@pytest.mark.parametrize("sample", [SAMPLE_CSV, SAMPLE_XML], ids=["csv", "xml"])
def test_import_replaces_the_register_and_reports_changes(sample: Path, tmp_path: Path) -> None:
    folder = _copy_register(tmp_path / "register")
    before = read_register(folder)
    result = run_bdp("import", "terc", str(sample), "--register", str(folder))
    assert result.returncode == 0, result.stderr
    after = read_register(folder)
    assert len(after.units) == 21 and after.units["0415042"].name == "Lubicz"
    assert after.meta.file == sample.name and after.meta.stan_na == "2025-01-01" and after.meta.units == 21
    removed = len(before.units) - 21
    assert f"Dodano: 0, usunięto: {removed}, zmieniono nazwę: 0" in result.stdout
    assert "21 jednostek" in result.stdout


def test_import_reads_windows_1250_and_counts_renames(tmp_path: Path) -> None:
    folder = tmp_path / "register"
    first = run_bdp("import", "terc", str(SAMPLE_CSV), "--register", str(folder))
    assert first.returncode == 0, first.stderr
    text = SAMPLE_CSV.read_bytes().decode("utf-8-sig")  # the official CRLF line ends kept
    changed = text.replace("04;15;03;2;Czernikowo;gmina wiejska;2025-01-01\r\n", "").replace(";Chełmża;gmina wiejska;", ";Chełmża Nowa;gmina wiejska;")
    assert changed != text
    sample = tmp_path / "TERC_Urzedowy_cp1250.csv"
    sample.write_bytes(changed.encode("cp1250"))
    result = run_bdp("import", "terc", str(sample), "--register", str(folder))
    assert result.returncode == 0, result.stderr
    assert "Dodano: 0, usunięto: 1, zmieniono nazwę: 1" in result.stdout
    assert "0415022: „Chełmża” → „Chełmża Nowa”" in result.stdout
    assert read_register(folder).units["0415022"].name == "Chełmża Nowa"


@pytest.mark.parametrize("content, message", [
    (b"teryt,indicator,year,value\n0415042,x,2020,1\n", "to nie jest plik TERC"),
    ("WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n04;;;;KUJAWSKO-POMORSKIE;województwo;2025-01-01\n".encode(), "brak 15 z 16 województw"),
    (b"<teryt><catalog><row><WOJ>02</WOJ></row>", "błąd składni XML"),
    (b"PK\x03\x04\x00\x00binary", "bajty zerowe"),
], ids=["other-csv", "partial", "broken-xml", "zip"])
def test_wrong_file_gives_polish_error_and_leaves_register_untouched(content: bytes, message: str, tmp_path: Path) -> None:
    folder = _copy_register(tmp_path / "register")
    before = _files(folder)
    wrong = tmp_path / "TERC_zly.csv"
    wrong.write_bytes(content)
    result = run_bdp("import", "terc", str(wrong), "--register", str(folder))
    assert result.returncode == 1
    assert message in result.stderr and "Rejestr nie został zmieniony." in result.stderr
    assert "Traceback" not in result.stderr
    assert _files(folder) == before


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run_bdp("import", "terc", str(tmp_path / "brak.csv"), "--register", str(tmp_path / "r"))
    assert result.returncode == 2 and "nie można odczytać pliku" in result.stderr
    assert not (tmp_path / "r").exists()


def test_bad_row_names_the_line() -> None:
    text = SAMPLE_CSV.read_text(encoding="utf-8-sig").replace("04;15;04;2;Lubicz", "04;15;4;2;Lubicz")
    with pytest.raises(TercFileError, match=r"^probka\.csv:8: kody WOJ, POW i GMI mają po dwie cyfry"):
        parse_terc(text.encode(), "probka.csv")


def test_new_jst_with_a_code_not_in_the_register_is_not_written(valid_tree: Path) -> None:
    answers = ["Toruń", "miasto na prawach powiatu", "kujawsko-pomorskie", "", "0463021", "tak", "dokument-testowy"]
    result = run_bdp("--root", str(valid_tree), "new", "jst", stdin="\n".join(answers) + "\n")
    assert result.returncode == 1
    assert "kodu TERYT „0463021” nie ma w rejestrze TERC" in result.stderr and "Toruń (0463011)" in result.stderr
    assert not (valid_tree / "registry" / "jst" / "torun.yaml").exists()


def test_type_is_checked_against_the_kind_in_the_register() -> None:
    """The register, not only the code's digits, decides the kind: here a (made-up) register where
    powiat 0415 is a city with powiat rights makes „gmina miejska” 0415011 a „miasto na prawach powiatu”."""
    from generator.check.terc import register_problems
    from generator.content.records import Record
    from generator.content.recordtypes import BY_NAME
    from generator.content.terc import Register, RegisterMeta, Unit

    units = {c: Unit(c, n, k, "2025-01-01") for c, n, k in [
        ("04", "KUJAWSKO-POMORSKIE", "województwo"), ("0415", "Przykładowo", "miasto na prawach powiatu"),
        ("0415011", "Przykładowo", "gmina miejska")]}
    register = Register(units, RegisterMeta("2025-01-01", "TERC_Urzedowy_test.csv", "https://example.org"))
    record = Record(BY_NAME["jst"], "przykladowo", "registry/jst/przykladowo.yaml",
                    {"id": "przykladowo", "name": "Przykładowo", "type": "gmina miejska", "teryt": "0415011"})
    problems = list(register_problems([record], register))
    assert [(p.rule, p.pointer) for p in problems] == [("teryt.type-mismatch", "/type")]
    assert "„miasto na prawach powiatu”" in problems[0].message and "„gmina miejska”" in problems[0].message
    record.data["type"] = "miasto na prawach powiatu"
    assert list(register_problems([record], register)) == []
