"""Smaller faults: a preview whose build/ was deleted, personal e-mail addresses without consent."""
from __future__ import annotations

import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import INVALID, VALID, overlay

from generator.check.privacy import looks_personal
from generator.check.validate import validate_tree
from generator.preview.serve import Preview, start_server


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # localhost only
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_preview_notices_that_build_was_deleted_and_rebuilds(valid_tree: Path) -> None:
    preview = Preview(valid_tree)
    ok, _, lines = preview.rebuild()
    assert ok, lines
    assert preview.rebuild_lost() is None  # nothing lost, nothing done
    server = start_server(preview, 0)
    try:
        index = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        assert status_of(index) == 200
        shutil.rmtree(valid_tree / "build")
        assert status_of(index) == 404 and preview.output_lost()
        lost = preview.rebuild_lost()
        assert lost is not None and lost[0], lost
        assert "został usunięty — zbudowano go od nowa" in lost[2][0]
        assert status_of(index) == 200
        assert (preview.site / "praktyki" / "praktyka-testowa.html").is_file()
        assert preview.rebuild_lost() is None
    finally:
        server.shutdown()


@pytest.mark.parametrize("address", ["jan.kowalski@lodz.example.pl", "j.kowalski@example.gov.pl", "anna.nowak-kowalska@um.example.pl",
                                     "Zofia_Wiśniewska@example.pl", "ANNA.NOWAK@EXAMPLE.PL"])
def test_personal_addresses(address: str) -> None:
    assert looks_personal(address)


@pytest.mark.parametrize("address", ["sekretariat@lodz.example.pl", "urzad@example.gov.pl", "info@example.pl", "ngo@example.gov.pl",
                                     "wydzial.rozwoju@example.pl", "um.lodz@example.pl", "promocja.miasta@example.pl",
                                     "biuro-rady@example.pl", "sekretariat2@example.pl", "ops.2024@example.pl", "jkowalski@example.pl"])
def test_office_addresses(address: str) -> None:
    assert not looks_personal(address)


def test_personal_address_without_consent_is_an_error_with_a_fix(tmp_path: Path) -> None:
    tree = overlay(VALID, INVALID / "privacy.email", tmp_path / "tree")
    problems = [p for p in validate_tree(tree).problems if p.rule == "privacy.email"]
    assert [(p.path, p.line, p.pointer, p.severity) for p in problems] == [("practices/praktyka-testowa.md", 11, "/contact/email", "error")]
    assert "anna.nowak@lodz.example.pl" in problems[0].message and "person_consent: true" in problems[0].message


def test_personal_address_with_consent_is_accepted(tmp_path: Path) -> None:
    tree = overlay(VALID, INVALID / "privacy.email", tmp_path / "tree")
    practice = tree / "practices" / "praktyka-testowa.md"
    practice.write_text(practice.read_text(encoding="utf-8").replace(
        '  email: "anna.nowak@lodz.example.pl"\n',
        '  email: "anna.nowak@lodz.example.pl"\n  person_consent: true\n  consent_reference: "BDP/ZGODA/2026/001"\n'), encoding="utf-8")
    assert [p for p in validate_tree(tree).problems if p.severity == "error"] == []
