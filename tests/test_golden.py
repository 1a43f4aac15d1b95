"""Generated pages of the small fixture tree are compared with committed goldens.

Refresh them after an intended change with:  BDP_UPDATE_GOLDEN=1 make test
"""
from __future__ import annotations

import os

import pytest
from conftest import FIXTURES, TESTS, VALID

from generator.check.validate import validate_tree
from generator.content.settings import load_settings
from generator.derive.model import build_model
from generator.render.docs import render_docs

GOLDEN = TESTS / "golden"
EDIT_BASE = load_settings(FIXTURES / "publisher").publisher.edit_base  # the test configuration


def _pages() -> dict[str, str]:
    result = validate_tree(VALID)
    assert result.ok
    return render_docs(build_model(result.records, EDIT_BASE, tables=result.tables))


def test_golden_pages() -> None:
    pages = _pages()
    if os.environ.get("BDP_UPDATE_GOLDEN"):
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for rel, content in pages.items():
            path = GOLDEN / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        pytest.skip("goldens refreshed")
    expected = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(pages) == sorted(expected)
    for rel, content in pages.items():
        assert content == expected[rel], f"{rel} differs from its golden (BDP_UPDATE_GOLDEN=1 to refresh)"


def test_rendering_is_deterministic() -> None:
    assert _pages() == _pages()


def test_raw_html_and_markdown_in_fields_are_escaped() -> None:
    pages = _pages()
    practice = pages["praktyki/praktyka-testowa.md"]
    assert "konsultacje@example.gov.pl" not in practice  # e-mail never as plain text
    assert "konsultacje (małpa) example.gov.pl" in practice
    assert "wartość przykładowa" in practice  # placeholder cost labelled as such
