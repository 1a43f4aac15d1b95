"""Shared test helpers: fixture trees copied to a temporary folder, and the bdp command."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from browser import browser  # noqa: F401 - shared fixture

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
PROJECT = TESTS.parent


def overlay(base: Path, case: Path, target: Path) -> Path:
    """Copy base to target, then the case's files over it."""
    shutil.copytree(base, target)
    for path in sorted(case.rglob("*")):
        if path.is_file():
            dest = target / path.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)
    return target


@pytest.fixture
def valid_tree(tmp_path: Path) -> Path:
    return overlay(VALID, tmp_path / "empty-case", tmp_path / "tree")


def run_bdp(*args: str, cwd: Path | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run the real command in a subprocess, as an editor or CI would."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd or PROJECT, input=stdin,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled content built once per test session (read-only for the tests that use it)."""
    from generator.build import build

    site = tmp_path_factory.mktemp("bundled") / "site"
    report = build(PROJECT, site)
    assert report.ok, report.messages + [str(p) for p in report.problems]
    return site


# Markers by fixture, so the fast subset (`make test-unit`, the CI matrix) needs no marking by hand.
MARK_BY_FIXTURE = {"browser": "browser", "bundled_site": "slow"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, marker in MARK_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
