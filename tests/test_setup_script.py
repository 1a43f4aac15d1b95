"""scripts/setup-test-tools.sh: what it installs, and the one Polish line where it cannot install.

Each test gives the script a PATH of its own (fake apt-get, sudo, id, npm, chromium, java, node
that only log their arguments), so nothing is installed or removed on this machine.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SCRIPT = PROJECT / "scripts" / "setup-test-tools.sh"
BASH = shutil.which("bash") or "/bin/bash"
NPM_CI = "npm ci --ignore-scripts --no-audit --no-fund"
EVERYTHING = "apt-get install -y --no-install-recommends chromium default-jre-headless nodejs npm"


def tool(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text(f"#!{BASH}\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def log_call(log: Path, name: str) -> str:
    return f'echo "{name} $*" >> {log}'


class Machine:
    """A repository copy with the script, and a bin folder that is the script's whole PATH."""

    def __init__(self, tmp_path: Path, *, uid: int = 0) -> None:
        self.repo = tmp_path / "repo"
        (self.repo / "scripts").mkdir(parents=True)
        shutil.copy2(SCRIPT, self.repo / "scripts" / SCRIPT.name)
        (self.repo / "package.json").write_text("{}\n", encoding="utf-8")
        (self.repo / "package-lock.json").write_text("{}\n", encoding="utf-8")
        self.bin = tmp_path / "bin"
        self.bin.mkdir()
        self.log = tmp_path / "calls.log"
        self.log.touch()
        tool(self.bin, "id", f'[ "$1" = -u ] && echo {uid}')
        for name in ("touch", "env"):
            os.symlink(shutil.which(name) or f"/usr/bin/{name}", self.bin / name)
        tool(self.bin, "npm", log_call(self.log, "npm") + f"\n/bin/mkdir -p {self.repo}/node_modules")

    def present(self, *names: str) -> None:
        for name in names:
            tool(self.bin, name, log_call(self.log, name))

    def apt(self, *, fails: bool = False, installs: bool = True) -> None:
        created = "".join(f'\n  printf "#!{BASH}\\nexit 0\\n" > {self.bin}/{n}; /bin/chmod +x {self.bin}/{n}'
                          for n in ("chromium", "java", "node", "npm") if installs and n != "npm")
        tool(self.bin, "apt-get", f'echo "DEBIAN_FRONTEND=$DEBIAN_FRONTEND apt-get $*" >> {self.log}\n'
                                  f'{"exit 100" if fails else ""}\n'
                                  f'if [ "$1" = install ]; then :{created}\nfi')

    def sudo(self, *, passwordless: bool = True) -> None:
        tool(self.bin, "sudo", f'[ "$1" = -n ] && exit {0 if passwordless else 1}\n'
                               + log_call(self.log, "sudo") + '\nexec "$@"')

    def node_modules_current(self) -> None:
        (self.repo / "node_modules").mkdir()
        marker = self.repo / "node_modules" / ".installed"
        marker.touch()
        later = (self.repo / "package-lock.json").stat().st_mtime + 10
        os.utime(marker, (later, later))

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([BASH, str(self.repo / "scripts" / SCRIPT.name), *args], env={"PATH": str(self.bin)},
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, check=False)

    def calls(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").splitlines()


def test_dry_run_on_a_bare_debian_as_root_lists_every_package_and_runs_nothing(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    machine.apt()
    result = machine.run("--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["apt-get update", EVERYTHING, NPM_CI]
    assert machine.calls() == []


def test_dry_run_with_everything_in_place_plans_nothing(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    machine.apt()
    machine.present("chromium", "java", "node")
    machine.node_modules_current()
    result = machine.run("--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Narzędzia do testów są na miejscu; nic do zainstalowania."]


def test_a_changed_package_lock_plans_npm_ci_only(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    machine.present("chromium-browser", "java", "node")
    machine.node_modules_current()
    (machine.repo / "package-lock.json").touch()
    later = (machine.repo / "node_modules" / ".installed").stat().st_mtime + 10
    os.utime(machine.repo / "package-lock.json", (later, later))
    assert machine.run("--dry-run").stdout.splitlines() == [NPM_CI]


def test_without_apt_it_stops_at_once_with_one_polish_line_for_apt_brew_and_winget(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    for args in ((), ("--dry-run",)):
        result = machine.run(*args)
        assert result.returncode == 1
        assert result.stdout == "" and machine.calls() == []
        lines = result.stderr.splitlines()
        assert len(lines) == 1, lines
        line = lines[0]
        assert line.startswith("Brakuje narzędzi potrzebnych w testach: Chromium, Java, Node.js z npm.")
        assert "sudo apt-get install chromium default-jre-headless nodejs npm" in line
        assert "brew install --cask chromium && brew install openjdk && brew install node" in line
        assert ("winget install Hibbiki.Chromium; winget install EclipseAdoptium.Temurin.21.JRE; "
                "winget install OpenJS.NodeJS.LTS") in line


def test_the_macos_java_stub_counts_as_missing_and_only_what_is_missing_is_named(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    machine.present("chromium", "node")
    tool(machine.bin, "java", "exit 1")  # like /usr/bin/java on a Mac without a runtime
    result = machine.run()
    assert result.returncode == 1
    line = result.stderr.strip()
    assert line.startswith("Brakuje narzędzi potrzebnych w testach: Java.")
    assert "sudo apt-get install default-jre-headless;" in line and "brew install openjdk;" in line
    assert line.endswith("Windows: winget install EclipseAdoptium.Temurin.21.JRE.")
    assert "chromium" not in line.lower() and "node" not in line.lower()


def test_not_root_and_no_sudo_is_refused_even_with_apt(tmp_path: Path) -> None:
    machine = Machine(tmp_path, uid=1000)
    machine.apt()
    result = machine.run()
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1
    assert machine.calls() == []


def test_sudo_that_would_ask_for_a_password_without_a_terminal_is_refused(tmp_path: Path) -> None:
    machine = Machine(tmp_path, uid=1000)
    machine.apt()
    machine.sudo(passwordless=False)
    result = machine.run()
    assert result.returncode == 1 and result.stderr.startswith("Brakuje narzędzi")
    assert machine.calls() == []


def test_install_as_root_updates_once_then_installs_non_interactively(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    machine.apt()
    result = machine.run()
    assert result.returncode == 0, result.stderr
    assert machine.calls() == [
        "DEBIAN_FRONTEND=noninteractive apt-get update -qq",
        "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium default-jre-headless nodejs npm",
        "npm ci --ignore-scripts --no-audit --no-fund",
    ]
    assert (machine.repo / "node_modules" / ".installed").is_file()
    second = machine.run()
    assert second.returncode == 0 and len(machine.calls()) == 3  # nothing left to do


def test_install_with_passwordless_sudo(tmp_path: Path) -> None:
    machine = Machine(tmp_path, uid=1000)
    machine.apt()
    machine.sudo()
    assert machine.run("--dry-run").stdout.splitlines()[:2] == ["sudo apt-get update", "sudo " + EVERYTHING]
    result = machine.run()
    assert result.returncode == 0, result.stderr
    assert machine.calls()[:2] == ["sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq",
                                   "DEBIAN_FRONTEND=noninteractive apt-get update -qq"]


def test_a_failing_apt_get_stops_with_a_polish_line_and_no_npm(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    machine.apt(fails=True)
    result = machine.run()
    assert result.returncode == 1
    assert "przez apt-get nie powiodła się" in result.stderr
    assert [c for c in machine.calls() if c.startswith("npm")] == []


def test_packages_that_leave_a_tool_off_the_path_are_reported(tmp_path: Path) -> None:
    machine = Machine(tmp_path)
    machine.apt(installs=False)
    result = machine.run()
    assert result.returncode == 1
    assert "Po instalacji nadal brakuje: Chromium (chromium), Java (default-jre-headless)" in result.stderr


@pytest.mark.parametrize("args", [("--force",), ("--dry-run", "extra")])
def test_wrong_usage_exits_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    machine = Machine(tmp_path)
    result = machine.run(*args)
    assert result.returncode == 2 and "--dry-run" in result.stderr
    assert machine.calls() == []


def test_make_test_and_ci_use_the_script() -> None:
    makefile = (PROJECT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/setup-test-tools.sh" in recipe
    assert "scripts/setup-test-tools.sh" in (PROJECT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(("python", "expected"), [
    ('if [ "$1" = -m ]; then mkdir -p .venv/bin; exit 1; fi; exec python3 "$@"',
     "Nie udało się utworzyć środowiska .venv; w Debianie i Ubuntu zainstaluj moduł venv: sudo apt-get install python3-venv"),
    ('echo "Python 3.9.2"; exit 1',
     "Potrzebny jest Python 3.11 lub nowszy, a ./python to Python 3.9.2; wskaż nowszy, np. make PYTHON=python3.12 site"),
])
def test_make_names_what_python_lacks_and_leaves_no_half_made_venv(tmp_path: Path, python: str, expected: str) -> None:
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(PROJECT / name, tmp_path / name)
    shutil.copytree(PROJECT / "requirements", tmp_path / "requirements")
    tool(tmp_path, "python", python)
    result = subprocess.run(["make", "-s", "PYTHON=./python", "install"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode != 0
    assert expected in result.stderr
    assert not (tmp_path / ".venv").exists()
