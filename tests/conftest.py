"""Shared test helpers: fixture trees copied to a temporary folder, and the bdp command."""
from __future__ import annotations

import ast
import inspect
import shutil
import subprocess
import sys
import textwrap
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
# The calls that build a site (MkDocs included): in-process (a preview's rebuild too), or `bdp build`,
# `bdp serve` or `bdp bench` in a subprocess.
BUILD_CALLS = frozenset({"build", "build_jury", "generate", "build_site", "serve", "rebuild"})
BUILD_COMMANDS = ("build", "serve", "bench")


def _builds(function: object) -> bool:
    """True when the test's own code builds a site: calls build(…)/build_jury(…)/generate(…), or runs
    `bdp … build` (run_bdp, main, subprocess) — the `build` marker, left out of `make test-fast`."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))  # type: ignore[arg-type]
    except (OSError, TypeError, SyntaxError):
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in BUILD_CALLS:
                return True
        if isinstance(node, ast.Constant) and node.value in BUILD_COMMANDS:
            return True
    return False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, marker in MARK_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
        function = getattr(item, "function", None)
        module = getattr(item, "module", None)
        fixtures = [getattr(module, name, None) for name in getattr(item, "fixturenames", ())]
        if any(_builds(getattr(f, "__wrapped__", f)) for f in [function, *fixtures] if callable(f)):
            item.add_marker("build")
