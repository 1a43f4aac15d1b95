"""Contests honest about time and about sectors: status and deadlines as of their source, in the past
tense; the archive lists a laureate under a sector only when the source gives it."""
from __future__ import annotations

import re

import pytest
from conftest import PROJECT

from generator.check.validate import validate_tree
from generator.derive.model import build_model
from generator.render.pages.contest import (
    as_of_phrase,
    render_contest,
    render_contest_archive,
    render_contest_index,
    status_text,
)


@pytest.fixture(scope="module")
def model():
    result = validate_tree(PROJECT)
    assert result.ok
    return build_model(result.records)


@pytest.mark.parametrize("status, deadline, as_of, expected", [
    ("nabór otwarty", "2012-06-15", "2012", "Według źródła z 2012 r. nabór trwał do 15 czerwca 2012 r."),
    ("nabór otwarty", None, "2012-05", "Według źródła z maja 2012 r. trwał nabór zgłoszeń."),
    ("wyniki ogłoszone", None, "2012-03-01", "Według źródła z 1 marca 2012 r. wyniki były ogłoszone."),
    ("zapowiedziana", None, None, "Według niedatowanego źródła edycja była zapowiedziana."),
    ("ocena", "2099-05-31", None, "Według niedatowanego źródła trwała ocena zgłoszeń."),
])
def test_status_is_stated_as_of_its_source(status: str, deadline: str | None, as_of: str | None, expected: str) -> None:
    assert status_text(status, deadline, as_of) == expected


def test_as_of_phrase() -> None:
    assert as_of_phrase("2012") == "według źródła z 2012 r."
    assert as_of_phrase("2012-12-31") == "według źródła z 31 grudnia 2012 r."


def test_no_past_edition_reads_as_open(model) -> None:
    index = render_contest_index(model)
    assert "nabór otwarty" not in index
    assert "| Według źródła z 2012 r. nabór trwał do 15 czerwca 2012 r. |" in index
    edition = render_contest(model, model.get("contest", "samorzadowy-lider-zarzadzania-2012"))
    assert "nabór otwarty" not in edition
    assert "| Stan według źródła | Według źródła z 2012 r. nabór trwał do 15 czerwca 2012 r. |" in edition


def test_archive_implies_no_sector_the_source_does_not_give(model) -> None:
    archive = render_contest_archive(model)
    by_sector = archive[archive.index("## Według sektora"):]
    sections = dict(re.findall(r"### (.+?)\n\n(.*?)(?=\n### |\Z)", by_sector, re.S))
    edition = model.get("contest", "samorzadowy-lider-zarzadzania-2011")
    laureates = [model.jst_by_code[x["jst"]].get("name") for x in edition.get("laureates")]
    assert len(laureates) == 12
    for sector in edition.get("sectors"):  # the edition's theme, not each laureate's sector
        assert sector not in sections, sector
    unknown = sections["Sektor niepodany w źródle"]
    assert all(unknown.count(f"[{name}]") == 1 for name in laureates)  # each listed once, not once per sector
    assert "temat edycji" in unknown


def test_archive_lists_a_laureate_under_its_awarded_practice_sector() -> None:
    from conftest import VALID

    result = validate_tree(VALID)
    archive = render_contest_archive(build_model(result.records))
    by_sector = archive[archive.index("## Według sektora"):]
    sections = dict(re.findall(r"### (.+?)\n\n(.*?)(?=\n### |\Z)", by_sector, re.S))
    assert "pomoc społeczna" in sections  # the sector of the awarded practice przyklad-z-zalacznikiem
    assert "(2011)" in sections["pomoc społeczna"]
