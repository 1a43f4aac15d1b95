"""The hash-locked requirement files match pyproject.toml; after a dependency change, `make lock`."""
from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("lock", PROJECT / "scripts" / "lock.py")
assert spec and spec.loader
lock = importlib.util.module_from_spec(spec)
sys.modules["lock"] = lock
spec.loader.exec_module(lock)


def test_lock_files_match_pyproject() -> None:
    problems = lock.check(PROJECT)
    assert problems == [], "Pliki blokady nie pasują do pyproject.toml — uruchom `make lock`:\n" + "\n".join(problems)


def test_every_pin_is_exact_and_hashed() -> None:
    for relative in lock.LOCKS.values():
        text = (PROJECT / relative).read_text(encoding="utf-8")
        pins = lock.parse_lock(text)
        assert len(pins) > 20, relative
        assert all(p.hashes and all(h.startswith("sha256:") for h in p.hashes) for p in pins), relative
        requirement_lines = [line for line in text.splitlines() if line and line[0] not in "# "]
        assert len(requirement_lines) == len(pins), relative  # every requirement line is an exact pin


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copy2(PROJECT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(PROJECT / "requirements", tmp_path / "requirements")
    assert lock.check(tmp_path) == []
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_new_dependency_is_noticed(copy: Path) -> None:
    edit(copy / "pyproject.toml", 'dependencies = [\n', 'dependencies = [\n  "watchfiles>=1",\n')
    problems = lock.check(copy)
    assert any(p.startswith("requirements/pyproject.sha256: pliki blokady powstały z innych") for p in problems)
    assert "requirements/runtime.txt: brak watchfiles z pyproject.toml; uruchom make lock" in problems


def test_a_dropped_dependency_is_noticed(copy: Path) -> None:
    pins = lock.parse_lock((copy / "requirements" / "runtime.txt").read_text(encoding="utf-8"))
    direct = sorted(p.name for p in pins if lock.SELF in p.via)
    name = direct[0]
    text = (copy / "pyproject.toml").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if lock.normalise(line.strip().strip('",')).startswith(name))
    edit(copy / "pyproject.toml", line + "\n", "")
    problems = lock.check(copy)
    assert any(f"{name} jest zablokowany jako zależność projektu" in p for p in problems), problems


def test_a_pin_outside_the_declared_range_is_noticed(copy: Path) -> None:
    edit(copy / "pyproject.toml", '"PyYAML>=6.0.1,<7"', '"PyYAML>=99"')
    problems = lock.check(copy)
    assert any(p.startswith("requirements/runtime.txt: pyyaml==") and "nie spełnia „PyYAML>=99”" in p for p in problems)


def test_a_hand_edited_pin_is_noticed(copy: Path) -> None:
    runtime = copy / "requirements" / "runtime.txt"
    pins = lock.parse_lock(runtime.read_text(encoding="utf-8"))
    pin = next(p for p in pins if p.name == "pyyaml")
    edit(runtime, f"pyyaml=={pin.version}", "pyyaml==6.0.0")
    problems = lock.check(copy)
    assert "requirements/runtime.txt: pyyaml==6.0.0 różni się od requirements/test.txt; uruchom make lock" in problems
    assert any("pyyaml==6.0.0 nie spełnia" in p for p in problems)


def test_a_missing_hash_is_noticed(copy: Path) -> None:
    test_lock = copy / "requirements" / "test.txt"
    text = test_lock.read_text(encoding="utf-8")
    pins = lock.parse_lock(text)
    pin = pins[0]
    start = text.index(f"{pin.name}=={pin.version}")
    end = text.index("\n", text.index(pin.hashes[-1]))
    test_lock.write_text(text[:start] + f"{pin.name}=={pin.version}" + text[end:], encoding="utf-8")
    assert f"requirements/test.txt: {pin.name}=={pin.version} nie ma sumy --hash; uruchom make lock" in lock.check(copy)


def test_the_digest_covers_the_test_extra_and_requires_python(copy: Path) -> None:
    before = lock.dependency_digest(lock.read_pyproject(copy))
    edit(copy / "pyproject.toml", 'requires-python = ">=3.11"', 'requires-python = ">=3.12"')
    after_python = lock.dependency_digest(lock.read_pyproject(copy))
    edit(copy / "pyproject.toml", 'test = [\n', 'test = [\n  "coverage",\n')
    after_extra = lock.dependency_digest(lock.read_pyproject(copy))
    assert len({before, after_python, after_extra}) == 3


def test_make_and_ci_install_from_the_lock_files() -> None:
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet --require-hashes -r $(RUNTIME_LOCK)" in makefile
    assert "pip install --quiet --require-hashes -r $(TEST_LOCK)" in makefile
    assert "pip install --quiet --no-deps -e ." in makefile
    assert "RUNTIME_LOCK := requirements/runtime.txt" in makefile and "TEST_LOCK := requirements/test.txt" in makefile
    assert "\nlock:" in makefile and "scripts/lock.py" in makefile
    test_recipe = makefile.split("$(TEST_STAMP): ", 1)[1].split("\n\n", 1)[0]
    assert "scripts/lock.py --check" in test_recipe  # `make test` stops early on a stale lock
    assert "-e '.[test]'" not in makefile  # nothing unpinned
