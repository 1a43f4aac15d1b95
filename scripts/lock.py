"""The hash-locked requirement files: regenerate them (`make lock`) or check them against pyproject.toml.

requirements/test.txt pins the runtime dependencies and the `test` extra; requirements/runtime.txt
pins the runtime dependencies only, at the same versions (it is compiled with test.txt as its
constraint). Both are universal (every platform, every Python allowed by requires-python).
requirements/pyproject.sha256 records the sha256 of the dependency declarations of pyproject.toml
they were compiled from, so a changed declaration is noticed (a separate file, so that a tool which
rewrites the lock files, such as Dependabot, leaves it alone).

    python scripts/lock.py           regenerate both files, keeping the pinned versions where they
                                     still fit (needs uv in the same environment)
    python scripts/lock.py --upgrade the same, with every package at its newest fitting version
    python scripts/lock.py --check   exit 1 with one line per mismatch, 0 when they match
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LOCKS = {"test": "requirements/test.txt", "runtime": "requirements/runtime.txt"}
DIGEST_FILE = "requirements/pyproject.sha256"
SELF = "baza-dobrych-praktyk (pyproject.toml)"


def dependency_digest(pyproject: dict[str, object]) -> str:
    """sha256 of what the lock is computed from: requires-python, dependencies, optional dependencies."""
    project = pyproject.get("project", {})
    assert isinstance(project, dict)
    declared = {key: project.get(key) for key in ("requires-python", "dependencies", "optional-dependencies")}
    return hashlib.sha256(json.dumps(declared, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def read_pyproject(project: Path) -> dict[str, object]:
    return tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass
class Pin:
    name: str
    version: str
    marker: str
    hashes: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)


PIN_LINE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)(?:\s*;\s*(.*?))?\s*\\?$")


def parse_lock(text: str) -> list[Pin]:
    """Every pin of a uv/pip-tools style requirements file, with its hashes and `# via` notes."""
    pins: list[Pin] = []
    for line in text.splitlines():
        stripped = line.strip()
        if match := PIN_LINE.match(line):
            pins.append(Pin(normalise(match.group(1)), match.group(2), match.group(3) or ""))
        elif stripped.startswith("--hash=") and pins:
            pins[-1].hashes.append(stripped.removeprefix("--hash=").rstrip(" \\"))
        elif pins and stripped.startswith("#"):
            via = stripped.lstrip("#").strip()
            via = via.removeprefix("via").strip()
            if via:
                pins[-1].via.append(via)
    return pins


def declared(pyproject: dict[str, object], kind: str) -> list[str]:
    project = pyproject.get("project", {})
    assert isinstance(project, dict)
    requirements = list(project.get("dependencies", []))
    if kind == "test":
        requirements += list(project.get("optional-dependencies", {}).get("test", []))
    return requirements


def check(project: Path = PROJECT) -> list[str]:
    """Every way the lock files disagree with pyproject.toml (one Polish sentence each)."""
    from packaging.requirements import Requirement

    pyproject = read_pyproject(project)
    digest = dependency_digest(pyproject)
    problems: list[str] = []
    pinned: dict[str, dict[tuple[str, str], Pin]] = {}
    digest_file = project / DIGEST_FILE
    recorded = digest_file.read_text(encoding="utf-8").strip() if digest_file.is_file() else None
    if recorded != digest:
        problems.append(f"{DIGEST_FILE}: pliki blokady powstały z innych zależności niż obecne w pyproject.toml; "
                        "uruchom make lock")
    for kind, relative in LOCKS.items():
        path = project / relative
        if not path.is_file():
            problems.append(f"{relative}: brak pliku; uruchom make lock")
            continue
        pins = parse_lock(path.read_text(encoding="utf-8"))
        pinned[kind] = {(p.name, p.marker): p for p in pins}
        for pin in pins:
            if not pin.hashes:
                problems.append(f"{relative}: {pin.name}=={pin.version} nie ma sumy --hash; uruchom make lock")
        requirements = {normalise(r.name): r for r in map(Requirement, declared(pyproject, kind))}
        direct = {p.name for p in pins if SELF in p.via}
        for name in sorted(direct - requirements.keys()):
            problems.append(f"{relative}: {name} jest zablokowany jako zależność projektu, "
                            "a pyproject.toml go nie wymienia; uruchom make lock")
        for name, requirement in sorted(requirements.items()):
            versions = [p.version for p in pins if p.name == name]
            if name not in direct or not versions:
                problems.append(f"{relative}: brak {name} z pyproject.toml; uruchom make lock")
            for version in versions:
                if not requirement.specifier.contains(version, prereleases=True):
                    problems.append(f"{relative}: {name}=={version} nie spełnia „{requirement}” "
                                    "z pyproject.toml; uruchom make lock")
    if "runtime" in pinned and "test" in pinned:
        # the same package at the same version; its environment marker may differ (a package the test
        # extra needs everywhere can be needed only on older Pythons by the runtime alone)
        test_versions: dict[str, set[str]] = {}
        for (name, _marker), pin in pinned["test"].items():
            test_versions.setdefault(name, set()).add(pin.version)
        for _key, pin in sorted(pinned["runtime"].items()):
            if pin.version not in test_versions.get(pin.name, set()):
                problems.append(f"{LOCKS['runtime']}: {pin.name}=={pin.version} różni się od "
                                f"{LOCKS['test']}; uruchom make lock")
    return problems


def write_whole(target: Path, text: str) -> None:
    """Write the file whole or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, target)


def compile_lock(project: Path, kind: str, *, upgrade: bool = False) -> None:
    """Run uv for one lock file; uv rewrites the file only when the resolution succeeded.

    The file's header then shows the exact uv command, which tools such as Dependabot read.
    """
    command = [sys.executable, "-m", "uv", "pip", "compile", "pyproject.toml", "--universal", "--generate-hashes"]
    command += ["--extra", "test"] if kind == "test" else ["--constraint", LOCKS["test"]]
    command += ["--upgrade"] if upgrade else []
    command += ["--quiet", "-o", LOCKS[kind]]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"uv pip compile nie powiodło się dla {LOCKS[kind]}; plik bez zmian")


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    if argv not in ([], ["--upgrade"]):
        print("Użycie: python scripts/lock.py [--check | --upgrade]", file=sys.stderr)
        return 2
    for kind in ("test", "runtime"):
        compile_lock(PROJECT, kind, upgrade=argv == ["--upgrade"])
        print(f"Zapisano {LOCKS[kind]}", file=sys.stderr)
    write_whole(PROJECT / DIGEST_FILE, dependency_digest(read_pyproject(PROJECT)) + "\n")
    print(f"Zapisano {DIGEST_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
