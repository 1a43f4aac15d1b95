"""Writing: the generated docs tree (only changed files) and the atomic swap of the built site."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def write_tree(target: Path, files: dict[str, str | Path]) -> tuple[int, int]:
    """Make target hold exactly these files (text, or a Path to copy); return (written, removed).

    Unchanged files are not rewritten, so their modification time stays.
    """
    target.mkdir(parents=True, exist_ok=True)
    written = 0
    for rel, content in files.items():
        path = target / rel
        data = content.read_bytes() if isinstance(content, Path) else content.encode("utf-8")
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        written += 1
    removed = 0
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in files:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written, removed


def swap_in(new_site: Path, site: Path) -> None:
    """Replace site with new_site; the old site stays until the new one is in place."""
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        os.replace(site, old)
    os.replace(new_site, site)
    if old.exists():
        shutil.rmtree(old)
