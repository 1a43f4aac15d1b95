"""`bdp new`: answers on standard input give a commented record that validates at once."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_bdp

from generator.build import build
from generator.check.validate import validate_tree

ANSWERS = {
    "practice": ("practices/nowa-praktyka-w-lubiczu.md",
                 ["„Nowa praktyka” w Lubiczu", "Lubicz prowadzi konsultacje z mieszkańcami.", "0415042, 1061011",
                  "pomoc społeczna, kultura", "2020-01", "", "dokument-testowy", "Rozdział 2"]),
    "jst": ("registry/jst/torun.yaml", ["Toruń", "miasto na prawach powiatu", "kujawsko-pomorskie", "", "0463011", "tak", "dokument-testowy"]),
    "organisation": ("registry/organisations/zpp.yaml", ["Związek Powiatów Polskich", "ZPP", "ogólnopolskie zrzeszenie samorządów", "dokument-testowy"]),
    "project": ("registry/projects/nowy-projekt.yaml", ["Nowy projekt", "2012", "2013", "zwiazek-testowy", "dokument-testowy"]),
    "source": ("registry/sources/nowy-dokument.yaml", ["Nowy dokument", "dokument źródłowy", "Opis dokumentu."]),
    "glossary": ("registry/glossary/gwd.yaml", ["GWD", "Grupy Wymiany Doświadczeń.", "dokument-testowy"]),
    "contest": ("contests/samorzadowy-lider-zarzadzania-2012.yaml", ["2012", "usługi techniczne", "zwiazek-testowy", "dokument-testowy"]),
    "procedure": ("procedures/nowa-procedura.yaml", ["Nowa procedura", "GMT", "Gmina Testowa", "Pierwsze zadanie", "Pierwszy krok", "dokument-testowy"]),
    "indicator": ("indicators/nowy-wskaznik.yaml", ["Nowy wskaźnik", "Mierzy coś ważnego.", "kultura", "dokument-testowy"]),
}


@pytest.mark.parametrize("type_name", sorted(ANSWERS))
def test_new_record_from_stdin_validates(type_name: str, valid_tree: Path) -> None:
    rel, answers = ANSWERS[type_name]
    result = run_bdp("--root", str(valid_tree), "new", type_name, stdin="\n".join(answers) + "\n")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Zapisano {rel}" in result.stdout
    text = (valid_tree / rel).read_text(encoding="utf-8")
    assert "# yaml-language-server: $schema=" in text and "(wymagane)" in text
    check = validate_tree(valid_tree)
    assert [p for p in check.problems if p.severity == "error"] == [], check.problems
    # the only reminders are the practice's description headings still to be filled in
    assert {p.rule for p in check.problems} <= {"body.empty-section"}
    assert any(r.path == rel for r in check.records)


def test_new_practice_gets_a_page(valid_tree: Path) -> None:
    _rel, answers = ANSWERS["practice"]
    assert run_bdp("--root", str(valid_tree), "new", "practice", stdin="\n".join(answers) + "\n").returncode == 0
    assert build(valid_tree).ok
    page = (valid_tree / "site" / "praktyki" / "nowa-praktyka-w-lubiczu.html").read_text(encoding="utf-8")
    assert "„Nowa praktyka” w Lubiczu" in page and "Lubicz prowadzi konsultacje" in page


def test_bad_answers_write_nothing(valid_tree: Path) -> None:
    answers = ["„Zła praktyka”", "Opis.", "1462012", "odpady", "", "", "dokument-testowy", ""]
    result = run_bdp("--root", str(valid_tree), "new", "practice", stdin="\n".join(answers) + "\n")
    assert result.returncode == 1
    assert "nieznany kod TERYT „1462012”" in result.stderr and "„odpady” nie jest dozwoloną wartością" in result.stderr
    assert not (valid_tree / "practices" / "zla-praktyka.md").exists()


def test_missing_answers_write_nothing(valid_tree: Path) -> None:
    result = run_bdp("--root", str(valid_tree), "new", "glossary", stdin="")
    assert result.returncode == 1 and "Nic nie zapisano" in result.stderr


def test_existing_id_is_refused(valid_tree: Path) -> None:
    result = run_bdp("--root", str(valid_tree), "new", "glossary", stdin="JST\nDefinicja.\ndokument-testowy\n")
    assert result.returncode == 1 and "już istnieje" in result.stderr
