"""Two builds of the same tree are byte-identical, also across processes: a different hash seed
(set and dict order), a different time zone (every date in the pages is a UTC date) and no cache
carried over (each build starts from a fresh copy of the content, without build/ and site/)."""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PROJECT

DEMO = PROJECT / "demo"
# UTC+14 and UTC-12 are 26 hours apart, so at any hour their calendar dates differ: a date taken
# from the local clock shows up as a difference in every run, not only around midnight.
RUNS = (("a", "1", "Etc/GMT-14"), ("b", "2718281828", "Etc/GMT+12"))


def _manifest(site: Path) -> dict[str, str]:
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


def _build(root: Path, hash_seed: str, zone: str) -> dict[str, str]:
    shutil.copytree(DEMO, root, ignore=shutil.ignore_patterns("site", "site.*", "build", "jury-site*", "__pycache__"))
    env = {key: value for key, value in os.environ.items() if key not in ("SOURCE_DATE_EPOCH", "BDP_TODAY_EPOCH")}
    env |= {"PYTHONHASHSEED": hash_seed, "TZ": zone}
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "-q", "build"], cwd=root.parent,
                            env=env, capture_output=True, text=True, timeout=900, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return _manifest(root / "site")


@pytest.mark.slow
def test_demo_site_is_byte_identical_across_processes_seeds_and_time_zones(tmp_path: Path) -> None:
    first, second = (_build(tmp_path / name, seed, zone) for name, seed, zone in RUNS)
    assert len(first) > 100
    differing = sorted(path for path in first.keys() | second.keys() if first.get(path) != second.get(path))
    assert differing == []


def test_the_time_zones_give_different_local_dates() -> None:
    """The premise of the test above: the two zones never share a calendar date."""
    script = "import datetime; print(datetime.date.today())"
    days = {subprocess.run([sys.executable, "-c", script], env={**os.environ, "TZ": zone}, capture_output=True,
                           text=True, check=True).stdout for _, _, zone in RUNS}
    assert len(days) == 2
