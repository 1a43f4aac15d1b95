"""Publisher settings (bdp.yaml, section publisher) and licences: validated with file:line, placeholders
marked on pages and refused by the publication build; every built page names the content licence."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, PROJECT, VALID, overlay, run_bdp

from generator.build import build
from generator.check.settings import placeholder_problems, read_settings
from generator.content.licences import CONTENT
from generator.content.settings import is_placeholder, load_settings

TEST_CONFIG = FIXTURES / "publisher"  # the clearly marked test configuration (.test addresses)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture tree with the test configuration, built as the Pages workflow builds (publish=True)."""
    tree = overlay(VALID, TEST_CONFIG, tmp_path_factory.mktemp("published") / "tree")
    report = build(tree, publish=True)
    assert report.ok, report.messages + [str(p) for p in report.problems]
    return tree / "site"


@pytest.mark.parametrize("value, expected", [
    ("https://example.org/", True), ("dostepnosc@example.org", True), ("https://git.example.org/repo", True),
    ("https://bdp.example.com/x", True), ("redakcja@example.net", True), ("https://site.invalid/", True),
    ("https://bdp.test/", False), ("https://myexample.org/", False), ("https://example.org.pl/", False),
    ("kontakt@urzad.gov.pl", False),
])
def test_placeholder_addresses_are_the_reserved_example_domains(value: str, expected: bool) -> None:
    assert is_placeholder(value) is expected


def test_bundled_settings_are_placeholders_and_read_into_one_section() -> None:
    settings, problems = read_settings(PROJECT)
    assert problems == []
    assert settings.demo is False
    publisher = settings.publisher
    assert publisher.accessibility.email == "dostepnosc@example.org"
    assert publisher.edit_base == "https://git.example.org/baza-dobrych-praktyk/edit/main/"
    assert {pointer for pointer, _ in publisher.placeholders()} == {
        "/publisher/site_url", "/publisher/contact_email", "/publisher/repository", "/publisher/issue_form",
        "/publisher/accessibility/email"}
    assert load_settings(TEST_CONFIG).publisher.placeholders() == []


def test_settings_errors_name_file_line_field_and_fix(tmp_path: Path) -> None:
    (tmp_path / "bdp.yaml").write_text(
        "demo: false\npublisher:\n  name: Wydawca\n  site_url: strona-bez-adresu\n  contact_email: redakcja@bdp.test\n"
        "  repozytorium: https://repozytorium.bdp.test/\n  accessibility:\n    contact_person: Zespół\n"
        "    email: dostepnosc@bdp.test\n    phone: brak\n", encoding="utf-8")
    settings, problems = read_settings(tmp_path)
    assert settings.publisher.site_url == "https://bdp.example.org/"  # nothing taken from a file with errors
    found = {(p.path, p.line, p.pointer, p.rule) for p in problems}
    assert ("bdp.yaml", 4, "/publisher/site_url", "schema.pattern") in found
    assert ("bdp.yaml", 6, "/publisher/repozytorium", "schema.additionalProperties") in found
    assert ("bdp.yaml", 2, "/publisher/repository", "schema.required") in found
    messages = " ".join(p.message for p in problems)
    assert "nie jest adresem internetowym" in messages and "czy chodziło o „repository”" in messages


def test_validate_reports_settings_problems_with_exit_1(tmp_path: Path) -> None:
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    (tree / "bdp.yaml").write_text("demo: false\npublisher: tak\n", encoding="utf-8")
    result = run_bdp("--root", str(tree), "validate")
    assert result.returncode == 1, result.stdout
    assert "bdp.yaml:2: /publisher: oczekiwano: zbiór pól" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_publication_build_refuses_placeholders_in_polish_with_exit_1(tmp_path: Path) -> None:
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    (tree / "bdp.yaml").write_text((PROJECT / "bdp.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_bdp("--root", str(tree), "build", "--publish")
    assert result.returncode == 1
    assert "bdp.yaml:18: /publisher/accessibility/email: „dostepnosc@example.org” to wartość przykładowa" in result.stdout
    assert "[settings.placeholder]" in result.stdout and "Budowanie do publikacji przerwane" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    assert not (tree / "site").exists() and not (tree / "build").exists()  # nothing half-written


def test_a_root_without_settings_cannot_be_published(tmp_path: Path) -> None:
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    problems = placeholder_problems(tree)
    assert len(problems) == 5 and all(p.path == "bdp.yaml" and p.rule == "settings.placeholder" for p in problems)
    assert "pole nie jest ustawione" in problems[0].message


def test_publication_build_uses_the_settings(published: Path) -> None:
    declaration = (published / "deklaracja-dostepnosci" / "index.html").read_text(encoding="utf-8")
    assert 'href="mailto:dostepnosc@bdp.test"' in declaration and "Wydawca testowy (konfiguracja testów)" in declaration
    assert "przykładow" not in declaration  # no placeholder, so nothing is marked
    page = (published / "praktyki" / "praktyka-testowa.html").read_text(encoding="utf-8")
    assert 'href="https://repozytorium.bdp.test/baza/edit/main/practices/praktyka-testowa.md"' in page
    assert "adres przykładowy" not in page
    assert '<link rel="canonical" href="https://bdp.test/praktyki/praktyka-testowa.html">' in page  # site_url


def test_placeholders_are_marked_where_they_appear(tmp_path: Path) -> None:
    tree = overlay(VALID, tmp_path / "none", tmp_path / "tree")
    (tree / "bdp.yaml").write_text((PROJECT / "bdp.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    report = build(tree)
    assert report.ok, report.messages
    assert any("wartości przykładowe" in m for m in report.messages)
    site = tree / "site"
    page = (site / "praktyki" / "praktyka-testowa.html").read_text(encoding="utf-8")
    assert re.search(r'git\.example\.org/baza-dobrych-praktyk/edit/main/practices/praktyka-testowa\.md">edytuj plik w repozytorium \(dla redaktorów\)</a> '
                     r"\(adres przykładowy", page)
    assert "Zgłoś dobrą praktykę</a> (adres przykładowy)" in page
    declaration = (site / "deklaracja-dostepnosci" / "index.html").read_text(encoding="utf-8")
    assert declaration.count("(adres przykładowy)") == 3  # accessibility e-mail, editors' e-mail, issue form (footer)
    assert "rel=\"canonical\"" not in page  # a placeholder site_url is not given to MkDocs


def test_every_page_names_the_content_licence(published: Path) -> None:
    pages = list(published.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('class="md-copyright"'):]
        assert f"({CONTENT.short})" in footer and f'href="{CONTENT.url}" rel="license"' in footer, page
        assert "kod programu: licencja MIT" in footer, page


def test_open_data_names_its_licence_in_the_package_and_beside_every_download(published: Path) -> None:
    package = json.loads((published / "dane" / "datapackage.json").read_text(encoding="utf-8"))
    assert [licence["name"] for licence in package["licenses"]] == ["CC-BY-4.0"]
    html = (published / "dane" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)[1:]
    downloads = [row for row in rows if re.search(r'href="[^"#]+\.(json|csv)"', row)]
    assert len(downloads) > 10
    assert all(CONTENT.short in row for row in downloads), [r for r in downloads if CONTENT.short not in r][:1]
    assert "licencji repozytorium" not in html


def test_licence_files_are_the_official_texts() -> None:
    assert (PROJECT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")
    cc = (PROJECT / "LICENSES" / "CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert cc.startswith("Creative Commons Attribution 4.0 International")
    assert "Section 1 – Definitions." in cc and "Section 8 – Interpretation." in cc
    assert (PROJECT / "LICENSES" / "MIT.txt").read_text(encoding="utf-8") == (PROJECT / "LICENSE").read_text(encoding="utf-8")
    assert 'SPDX-License-Identifier = "CC-BY-4.0"' in (PROJECT / "REUSE.toml").read_text(encoding="utf-8")


def test_publish_applies_only_to_the_public_site() -> None:
    result = run_bdp("build", "--publish", "--profile", "jury")
    assert result.returncode == 2 and "--publish dotyczy tylko strony publicznej" in result.stderr
