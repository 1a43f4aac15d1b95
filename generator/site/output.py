"""Writing: the generated docs tree (only changed files) and the atomic swap of the built site."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path


def _listing(target: Path) -> set[str]:
    found: set[str] = set()
    for folder, _, names in os.walk(target):
        base = Path(folder).relative_to(target).as_posix()
        found.update(name if base == "." else f"{base}/{name}" for name in names)
    return found


def listing(target: Path) -> set[str]:
    """Every file under target (relative paths); target is created if missing."""
    target.mkdir(parents=True, exist_ok=True)
    return _listing(target)


def write_files(target: Path, files: Mapping[str, str | Path] | Iterable[tuple[str, str | Path]],
                existing: set[str]) -> tuple[int, set[str]]:
    """Write files that differ from what target holds (`existing`: its listing); return (written,
    the paths of all files). `files` may be an iterator of (path, content): each file is written
    as it comes, so a caller can render and write one page at a time."""
    made: set[str] = set()
    written = 0
    paths: set[str] = set()
    for rel, content in (files.items() if isinstance(files, Mapping) else files):
        paths.add(rel)
        path = os.path.join(target, rel)
        data = content.read_bytes() if isinstance(content, Path) else content.encode("utf-8")
        if rel in existing:
            with open(path, "rb") as handle:
                if handle.read() == data:
                    continue
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        with open(path, "wb") as handle:
            handle.write(data)
        written += 1
    return written, paths


def remove_others(target: Path, existing: set[str], keep: set[str]) -> int:
    """Remove the files of `existing` not in `keep`, and folders left empty; return how many files."""
    stale = sorted(existing - keep)
    for rel in stale:
        os.unlink(os.path.join(target, rel))
    if stale:
        for folder, _, _ in os.walk(target, topdown=False):  # bottom-up: emptied folders go too
            if Path(folder) != target and not os.listdir(folder):
                os.rmdir(folder)
    return len(stale)


def write_tree(target: Path, files: Mapping[str, str | Path] | Iterable[tuple[str, str | Path]]) -> tuple[int, int]:
    """Make target hold exactly these files (text, or a Path to copy); return (written, removed).

    Unchanged files are not rewritten, so their modification time stays (MkDocs' dirty preview
    build relies on it). Files are written in place: this is the intermediate docs tree, not the
    published site (that one is swapped in whole, see swap_in); one listing at the start replaces
    a stat, a temporary file and a rename per file (11 s of a 10,000-practice build).
    """
    existing = listing(target)
    written, paths = write_files(target, files, existing)
    return written, remove_others(target, existing, paths)


STAGING_PREFIX = ".bdp-staging-"  # per-run staging folders beside the target: .bdp-staging-<site>-<random>


def old_path(site: Path) -> Path:
    """Where the previous site waits while the new one is renamed into place."""
    return site.with_name(site.name + ".old")


def new_staging(site: Path) -> Path:
    """A fresh, uniquely named folder beside site for one run's MkDocs output (same filesystem, so
    the swap is a rename). Raises PermissionError when the folder beside site is not writable."""
    import tempfile

    site.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{site.name}-", dir=site.parent))


def recover(site: Path) -> list[str]:
    """Repair what an interrupted build left beside site; call it holding the build lock.

    A swap killed between its two renames leaves site.old and no site: site.old is the last complete
    site, so it is renamed back. Staging folders of killed runs (and the fixed site.new of older
    versions) are removed. site.old is never deleted while site is missing. Returns Polish notes."""
    notes: list[str] = []
    old = old_path(site)
    if not site.exists() and old.is_dir():
        os.replace(old, site)
        notes.append(f"Przywrócono poprzednią wersję strony z {old} (poprzednie budowanie przerwano w trakcie podmiany).")
    elif site.exists() and old.exists():
        shutil.rmtree(old)
    leftovers = [*sorted(site.parent.glob(f"{STAGING_PREFIX}{site.name}-*")), site.with_name(site.name + ".new")]
    for folder in (f for f in leftovers if f.is_dir() and not f.is_symlink()):
        shutil.rmtree(folder)
        notes.append(f"Usunięto pozostałość przerwanego budowania: {folder}.")
    return notes


def unwritable(site: Path) -> Path | None:
    """The first folder of site (or its parent) this process may not change, or None.

    Checked before the swap, so a read-only site is reported while it is still untouched."""
    if not os.access(site.parent, os.W_OK | os.X_OK):
        return site.parent
    if site.is_dir():
        for folder, _, _ in os.walk(site):
            if not os.access(folder, os.W_OK | os.X_OK):
                return Path(folder)
    return None


def swap_in(new_site: Path, site: Path) -> None:
    """Replace site with new_site; the old site stays until the new one is in place.

    Callers hold the build lock (generator/site/buildlock.py), so one swap runs at a time. A kill between
    the two renames leaves site.old and no site; recover() restores it at the next start. A folder
    that cannot be changed raises PermissionError before anything is renamed."""
    old = old_path(site)
    blocked = unwritable(site)
    if blocked is not None:
        raise PermissionError(13, "brak uprawnień do zapisu", str(blocked))
    if old.exists():
        if not site.exists():  # the only complete site is site.old: put it back first
            os.replace(old, site)
        else:
            shutil.rmtree(old)
    if site.exists():
        os.replace(site, old)
    os.replace(new_site, site)
    if old.exists():
        shutil.rmtree(old)
