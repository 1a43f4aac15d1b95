"""Builds under faults: two at once, a crash inside the swap, kill -9, a read-only site, a relative root."""
from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PROJECT, run_bdp

from generator.site.buildlock import LOCK_FILE
from generator.site.output import STAGING_PREFIX


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(tree: Path) -> list[str]:
    return sorted(p.name for p in tree.iterdir() if p.name.startswith(STAGING_PREFIX) or p.name in ("site.old", "site.new"))


def start_bdp(*args: str, cwd: Path = PROJECT) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture
def solo(valid_tree: Path, tmp_path: Path) -> dict[str, str]:
    """The file listing and content of a build of the fixture tree made alone."""
    import shutil

    other = tmp_path / "solo"
    shutil.copytree(valid_tree, other)
    assert run_bdp("--root", str(other), "build").returncode == 0
    return digest(other / "site")


def test_two_builds_started_together_both_succeed_and_leave_a_complete_site(valid_tree: Path, solo: dict[str, str]) -> None:
    runs = [start_bdp("--root", str(valid_tree), "build") for _ in range(2)]
    results = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    assert [code for code, _, _ in results] == [0, 0], results
    assert all("Traceback" not in err for _, _, err in results)
    assert digest(valid_tree / "site") == solo
    assert leftovers(valid_tree) == []


def test_a_second_build_waits_for_the_lock_with_a_polish_note(valid_tree: Path) -> None:
    lock = valid_tree / LOCK_FILE
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        run = start_bdp("--root", str(valid_tree), "build")
        assert run.stderr is not None
        note = run.stderr.readline()  # blocks until the build reports that it waits
        assert "czekam na zakończenie innego budowania…" in note
        time.sleep(0.5)
        assert run.poll() is None and not (valid_tree / "site").exists() and not (valid_tree / "build" / "docs").exists()
    out, err = run.communicate(timeout=600)
    assert run.returncode == 0, out + err
    assert (valid_tree / "site" / "index.html").is_file()


def test_crash_between_the_two_renames_is_repaired_by_the_next_build(valid_tree: Path, solo: dict[str, str]) -> None:
    assert run_bdp("--root", str(valid_tree), "build").returncode == 0
    (valid_tree / "site").rename(valid_tree / "site.old")  # the state a kill between the renames leaves
    (valid_tree / f"{STAGING_PREFIX}site-abc123").mkdir()  # and the killed run's staging folder
    result = run_bdp("--root", str(valid_tree), "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Przywrócono poprzednią wersję strony" in result.stdout
    assert digest(valid_tree / "site") == solo
    assert leftovers(valid_tree) == []


def test_failed_build_after_a_crash_still_restores_the_old_site(valid_tree: Path) -> None:
    assert run_bdp("--root", str(valid_tree), "build").returncode == 0
    before = digest(valid_tree / "site")
    (valid_tree / "site").rename(valid_tree / "site.old")
    practice = valid_tree / "practices" / "praktyka-testowa.md"
    practice.write_text(practice.read_text(encoding="utf-8").replace("summary:", "streszczenie:"), encoding="utf-8")
    result = run_bdp("--root", str(valid_tree), "build")
    assert result.returncode == 1
    assert digest(valid_tree / "site") == before  # site.old was put back, never deleted
    assert not (valid_tree / "site.old").exists()


def test_kill_9_during_the_build_leaves_the_previous_site(valid_tree: Path, solo: dict[str, str]) -> None:
    assert run_bdp("--root", str(valid_tree), "build").returncode == 0
    before = digest(valid_tree / "site")
    practice = valid_tree / "practices" / "praktyka-testowa.md"
    practice.write_text(practice.read_text(encoding="utf-8").replace("summary: \"", "summary: \"Zmienione. "), encoding="utf-8")
    run = start_bdp("--root", str(valid_tree), "build")
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(STAGING_PREFIX) for p in valid_tree.iterdir()):  # MkDocs has started writing
        assert run.poll() is None and time.monotonic() < deadline, run.communicate()
        time.sleep(0.01)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(timeout=60)
    assert run.returncode == -signal.SIGKILL
    assert digest(valid_tree / "site") == before
    result = run_bdp("--root", str(valid_tree), "build")  # the lock died with the process: no waiting
    assert result.returncode == 0 and "czekam" not in result.stderr
    assert "Zmienione." in (valid_tree / "site" / "praktyki" / "praktyka-testowa.html").read_text(encoding="utf-8")
    assert leftovers(valid_tree) == [] and digest(valid_tree / "site") != before


def test_relative_root_from_another_folder(valid_tree: Path) -> None:
    result = run_bdp("--root", valid_tree.name, "build", cwd=valid_tree.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (valid_tree / "site" / "index.html").is_file()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write a read-only folder; the next test covers it")
def test_read_only_site_is_a_permission_problem(valid_tree: Path) -> None:
    assert run_bdp("--root", str(valid_tree), "build").returncode == 0
    before = digest(valid_tree / "site")
    (valid_tree / "site" / "samorzady").chmod(0o555)
    try:
        result = run_bdp("--root", str(valid_tree), "build")
    finally:
        (valid_tree / "site" / "samorzady").chmod(0o755)
    assert result.returncode == 4 and "Traceback" not in result.stderr
    assert "brak uprawnień do zapisu" in result.stderr and str(valid_tree / "site" / "samorzady") in result.stderr
    assert digest(valid_tree / "site") == before and leftovers(valid_tree) == []


def test_read_only_site_as_the_system_reports_it(valid_tree: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """What a non-root user meets, for a test run as root: the system answers 'no' for one folder of site/."""
    from generator import cli

    assert cli.main(["--root", str(valid_tree), "build"]) == 0
    before = digest(valid_tree / "site")
    blocked = str(valid_tree / "site" / "samorzady")
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if str(path) == blocked else real_access(path, mode, **kw))
    capsys.readouterr()
    assert cli.main(["--root", str(valid_tree), "build", "--force"]) == 4
    err = capsys.readouterr().err
    assert f"nie można zapisać w „{blocked}”: brak uprawnień do zapisu" in err and "Traceback" not in err
    assert digest(valid_tree / "site") == before and leftovers(valid_tree) == []


def test_unwritable_target_folder_is_a_permission_problem(valid_tree: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The folder that holds site/ refuses new folders (the system's EACCES from mkdtemp)."""
    import tempfile

    from generator import cli

    def refuse(prefix: str = "", dir: str | Path | None = None, **kw: object) -> str:
        raise PermissionError(13, "Permission denied", os.path.join(str(dir), prefix + "x"))

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    assert cli.main(["--root", str(valid_tree), "build"]) == 4
    err = capsys.readouterr().err
    assert "brak uprawnień do zapisu" in err and str(valid_tree) in err and "błąd wewnętrzny" not in err
    assert not (valid_tree / "site").exists()


def test_jury_build_restores_an_interrupted_swap_too(valid_tree: Path) -> None:
    jury = valid_tree.parent / "jury"  # the jury's private folder, outside the public root
    jury.mkdir()
    command = ("--root", str(valid_tree), "build", "--profile", "jury", "--jury-data", str(jury))
    assert run_bdp(*command).returncode == 0
    before = digest(jury / "jury-site")
    (jury / "jury-site").rename(jury / "jury-site.old")
    result = run_bdp(*command)
    assert result.returncode == 0 and "Przywrócono poprzednią wersję strony" in result.stdout
    assert digest(jury / "jury-site") == before and not (jury / "jury-site.old").exists()
