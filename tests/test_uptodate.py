"""A build with nothing changed keeps the site; any change of input, of the site or --force builds."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import run_bdp

from generator.site.uptodate import STATE_FILE

KEPT = "Nic się nie zmieniło od ostatniego budowania"


def build(root: Path, *extra: str) -> str:
    result = run_bdp("--root", str(root), "build", *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_a_second_build_with_nothing_changed_keeps_the_site(valid_tree: Path) -> None:
    assert KEPT not in build(valid_tree)
    index = valid_tree / "site" / "index.html"
    stamp = index.stat().st_mtime_ns
    second = build(valid_tree)
    assert KEPT in second and "Czasy: uptodate" in second
    assert index.stat().st_mtime_ns == stamp
    assert json.loads((valid_tree / STATE_FILE).read_text(encoding="utf-8"))["format"] == 1


def test_an_edited_record_is_built(valid_tree: Path) -> None:
    build(valid_tree)
    practice = sorted((valid_tree / "practices").glob("*.md"))[0]
    practice.write_text(practice.read_text(encoding="utf-8").replace('title: "', 'title: "Zmieniony ', 1), encoding="utf-8")
    out = build(valid_tree)
    assert KEPT not in out and "Zbudowano stronę" in out
    assert any("Zmieniony" in p.read_text(encoding="utf-8") for p in (valid_tree / "site" / "praktyki").glob("*.html"))


def test_a_site_changed_by_hand_is_built_again(valid_tree: Path) -> None:
    build(valid_tree)
    index = valid_tree / "site" / "index.html"
    original = index.read_bytes()
    index.write_bytes(b"zepsute")
    assert KEPT not in build(valid_tree)
    assert index.read_bytes() == original


def test_force_builds_and_a_failed_build_forgets_the_key(valid_tree: Path) -> None:
    build(valid_tree)
    assert KEPT not in build(valid_tree, "--force")
    practice = sorted((valid_tree / "practices").glob("*.md"))[0]
    good = practice.read_text(encoding="utf-8")
    practice.write_text(good.replace("title:", "tytul:", 1), encoding="utf-8")
    assert run_bdp("--root", str(valid_tree), "build").returncode == 1
    practice.write_text(good, encoding="utf-8")  # back to the inputs of the last good build
    assert KEPT not in build(valid_tree)  # the failed build removed the key: built again


def test_another_environment_is_another_build(valid_tree: Path) -> None:
    build(valid_tree)
    import os
    import subprocess
    import sys

    env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(valid_tree), "build"],
                            capture_output=True, text=True, env=env, cwd=Path(__file__).parent.parent)
    assert result.returncode == 0 and KEPT not in result.stdout
