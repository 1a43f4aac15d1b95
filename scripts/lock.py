"""The hash-locked requirement files: regenerate them (`make lock`) or check them against pyproject.toml.

requirements/test.txt pins the runtime dependencies and the `test` extra; requirements/runtime.txt
pins the runtime dependencies only, at the same versions (it is compiled with test.txt as its
constraint). Both are universal (every platform, every Python allowed by requires-python) and carry
a sha256 of the dependency declarations of pyproject.toml, so a changed declaration is noticed.

    python scripts/lock.py           regenerate both files (needs uv in the same environment)
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
DIGEST_PREFIX = "# pyproject-dependencies-sha256: "
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


def parse_lock(text: str) -> tuple[str | None, list[Pin]]:
    """The recorded digest and every pin of a uv/pip-tools style requirements file."""
    digest: str | None = None
    pins: list[Pin] = []
    for line in text.splitlines():
        stripped = line.strip()
        if line.startswith(DIGEST_PREFIX):
            digest = line[len(DIGEST_PREFIX):].strip()
        elif match := PIN_LINE.match(line):
            pins.append(Pin(normalise(match.group(1)), match.group(2), match.group(3) or ""))
        elif stripped.startswith("--hash=") and pins:
            pins[-1].hashes.append(stripped.removeprefix("--hash=").rstrip(" \\"))
        elif pins and stripped.startswith("#"):
            via = stripped.lstrip("#").strip()
            via = via.removeprefix("via").strip()
            if via:
                pins[-1].via.append(via)
    return digest, pins


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
    for kind, relative in LOCKS.items():
        path = project / relative
        if not path.is_file():
            problems.append(f"{relative}: brak pliku; uruchom make lock")
            continue
        recorded, pins = parse_lock(path.read_text(encoding="utf-8"))
        pinned[kind] = {(p.name, p.marker): p for p in pins}
        if recorded != digest:
            problems.append(f"{relative}: zapisany dla innych zależności niż obecne w pyproject.toml; uruchom make lock")
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
        for key, pin in sorted(pinned["runtime"].items()):
            other = pinned["test"].get(key)
            if other is None or other.version != pin.version:
                problems.append(f"{LOCKS['runtime']}: {pin.name}=={pin.version} różni się od "
                                f"{LOCKS['test']}; uruchom make lock")
    return problems


def compile_lock(project: Path, kind: str, digest: str) -> None:
    """Run uv for one file and write it whole (with the digest line) or not at all."""
    command = [sys.executable, "-m", "uv", "pip", "compile", "pyproject.toml", "--universal", "--generate-hashes",
               "--custom-compile-command", "make lock", "--quiet"]
    if kind == "test":
        command += ["--extra", "test"]
    else:
        command += ["--constraint", LOCKS["test"]]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"uv pip compile nie powiodło się dla {LOCKS[kind]}; plik bez zmian")
    header, found, body = result.stdout.partition("\n#    make lock\n")
    if not found:
        raise SystemExit(f"uv pip compile wypisało nieoczekiwany nagłówek; {LOCKS[kind]} bez zmian")
    text = f"{header}\n#    make lock\n{DIGEST_PREFIX}{digest}\n{body}"
    target = project / LOCKS[kind]
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, target)


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        problems = check()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    if argv:
        print("Użycie: python scripts/lock.py [--check]", file=sys.stderr)
        return 2
    digest = dependency_digest(read_pyproject(PROJECT))
    for kind in ("test", "runtime"):
        compile_lock(PROJECT, kind, digest)
        print(f"Zapisano {LOCKS[kind]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
