"""What importers share: the registry of local governments, YAML records, all-or-nothing writing."""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml


class WriteError(Exception):
    """Files could not be written (Polish message); nothing was left half-written."""


def registry_names(root: Path) -> dict[str, str]:
    """TERYT code → name of every local government in registry/jst (files that do not parse are
    left to `bdp validate`)."""
    names: dict[str, str] = {}
    for path in sorted((root / "registry" / "jst").glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict) and isinstance(data.get("teryt"), str):
            names[data["teryt"]] = str(data.get("name") or data["teryt"])
    return names


class _Dumper(yaml.SafeDumper):
    """The repository's YAML style: list items indented under their key, texts in double quotes."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    plain = value.replace("-", "").replace(" ", "").isalnum() and value.isascii()
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if plain else '"')


_Dumper.add_representer(str, _text)


def tables_with(root: Path, indicator: str, besides: str) -> list[str]:
    """The indicator tables under root, other than `besides`, that hold rows of `indicator`."""
    import csv

    found: list[str] = []
    for path in sorted((root / "indicators").glob("*.csv")):
        rel = path.relative_to(root).as_posix()
        if rel == besides:
            continue
        try:
            with path.open(encoding="utf-8", newline="") as handle:
                rows = csv.DictReader(handle)
                if any(row.get("indicator", "").strip() == indicator for row in rows):
                    found.append(rel)
        except (OSError, UnicodeDecodeError, csv.Error):
            continue  # an unreadable table is bdp validate's to report
    return found


def yaml_record(schema: str, data: dict[str, Any]) -> str:
    """A record as the repository writes it: the schema comment, then the fields in order."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000, default_flow_style=False)
    return f"# yaml-language-server: $schema={schema}\n{body}"


def existing(root: Path, files: dict[str, str]) -> list[str]:
    return [rel for rel in sorted(files) if (root / rel).exists()]


def write_all(root: Path, files: dict[str, str]) -> None:
    """Write every file or none: each goes to a temporary file beside its target first, and the
    targets are replaced (os.replace) only once all temporary files are complete."""
    staged: list[tuple[str, Path]] = []
    try:
        for rel, text in sorted(files.items()):
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((rel, Path(temp)))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
    except OSError as exc:
        for _, staged_path in staged:
            staged_path.unlink(missing_ok=True)
        raise WriteError(f"nie można zapisać plików w {root} ({exc.strerror or exc}); nic nie zapisano") from None
    for rel, staged_path in staged:
        os.replace(staged_path, root / rel)


def fail(command: str, message: str, status: int) -> int:
    """Print an importer's Polish error on stderr (and, unless it was a usage error, that nothing was
    written); return the exit status."""
    print(f"bdp import {command}: {message}", file=sys.stderr)
    if status != 2:
        print("Nic nie zapisano.", file=sys.stderr)
    return status
