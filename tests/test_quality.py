"""The quality gates of `make test` (issue 16): ruff with cyclomatic complexity at most 15, mypy
--strict on generator/, the import-linter layers contract, no module over 400 lines, a docstring
in every module. Each gate is zero: no file is exempt.
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MAX_LINES = 400
LINTED = ("generator", "tests", "scripts")

def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed in {BIN}; run make install-test")
    return str(path)


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=False)


def _ruff_counts(*extra: str) -> Counter[str]:
    result = _run(_tool("ruff"), "check", "--output-format", "concise", "--no-cache", *extra, *LINTED)
    assert result.returncode in (0, 1), result.stderr
    return Counter(line.split(":", 1)[0] for line in result.stdout.splitlines() if re.match(r"^\S+\.py:\d+:\d+: ", line))


def test_ruff_has_no_findings() -> None:
    assert _ruff_counts() == Counter()


def test_no_function_over_complexity_15() -> None:
    """ruff's C901 (McCabe) at max-complexity 15 (pyproject.toml)."""
    assert _ruff_counts("--select", "C901") == Counter()


def test_the_gate_catches_a_complex_function(tmp_path: Path) -> None:
    branches = "".join(f"    if x == {n}:\n        return {n}\n" for n in range(20))
    (tmp_path / "complex.py").write_text(f"def f(x: int) -> int:\n{branches}    return -1\n", encoding="utf-8")
    result = _run(_tool("ruff"), "check", "--no-cache", "--config", str(PROJECT / "pyproject.toml"), str(tmp_path / "complex.py"))
    assert result.returncode == 1 and "C901" in result.stdout


def test_imports_run_one_way() -> None:
    """The import-linter layers contract of pyproject.toml: cli → perf → authoring | preview → … →
    content → the shared helpers; no circles."""
    result = _run(_tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "1 kept, 0 broken" in result.stdout


def _module_lines() -> Counter[str]:
    return Counter({str(path.relative_to(PROJECT)): len(path.read_text(encoding="utf-8").splitlines())
                    for path in sorted((PROJECT / "generator").rglob("*.py"))})


def test_no_module_over_400_lines() -> None:
    over = {path: count for path, count in _module_lines().items() if count > MAX_LINES}
    assert over == {}


def test_every_module_parses_and_has_a_docstring() -> None:
    """A module says what it is for in its first line (the layout is read by `ls` and docstrings)."""
    missing = [str(path.relative_to(PROJECT)) for path in sorted((PROJECT / "generator").rglob("*.py"))
               if path.stat().st_size and ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None]
    assert missing == []


@pytest.mark.slow
def test_mypy_strict_has_no_errors() -> None:
    """mypy --strict over generator/ (pyproject.toml [tool.mypy]); 10–60 s, hence slow (not in make test-fast)."""
    result = _run(_tool("mypy"), "--no-incremental", "generator")
    assert result.returncode in (0, 1), result.stderr
    found = Counter(line.split(":", 1)[0] for line in result.stdout.splitlines() if re.match(r"^\S+\.py:\d+: error:", line))
    assert found == Counter() and result.returncode == 0, result.stdout[-5000:]
