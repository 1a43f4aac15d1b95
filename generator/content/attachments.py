"""What a practice folder may publish: the one decision, used by validation, the build and the preview.

A file of `practices/<id>/` is published only when all of these hold:

- the record lists it in `documents` (`file:`), so an editor chose to publish it;
- it is a regular file, not a symbolic link (nor inside a linked folder): the folder is listed with
  `os.scandir` without following links, so a link to `/etc/passwd`, `/proc/self/environ` or a jury
  score sheet is never read;
- its real path lies inside the record's real folder;
- its type is on the allow-list below: documents and images a browser shows as data. Types a browser
  would run as a page of the site's own origin (HTML, XHTML, SVG, XML, Markdown, which MkDocs would
  turn into a page) are refused in validation with a hint to convert them.
"""
from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.content.records import Record
from generator.problems import Problem

# Office documents, PDF, plain text and raster images: what offices publish, and nothing a browser
# executes (an Office file or PDF opens in a viewer, an image is decoded as pixels).
ALLOWED_TYPES: dict[str, str] = {
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
# Types that would run as a page of the site (scripts in the site's origin), with what to convert them to.
ACTIVE_TYPES: dict[str, str] = {
    ".html": "stronę HTML zapisz jako PDF", ".htm": "stronę HTML zapisz jako PDF",
    ".xhtml": "stronę XHTML zapisz jako PDF", ".shtml": "stronę HTML zapisz jako PDF",
    ".svg": "rysunek SVG zapisz jako PNG", ".svgz": "rysunek SVG zapisz jako PNG",
    ".xml": "dokument XML zapisz jako PDF albo CSV", ".xsl": "plik XSL zapisz jako PDF",
    ".md": "tekst Markdown przenieś do opisu praktyki w index.md albo zapisz jako PDF",
    ".js": "skryptów nie publikujemy; usuń plik", ".mjs": "skryptów nie publikujemy; usuń plik",
}


@dataclass(frozen=True)
class Listing:
    """The entries of a practice folder, read without following links (index.md excluded)."""

    files: tuple[str, ...] = ()   # regular files, paths relative to the folder
    links: tuple[str, ...] = ()   # symbolic links (to files or folders) and special files: never read


def list_folder(folder: Path, skip: str = "index.md") -> Listing:
    """Walk a practice folder with lstat semantics: a linked folder is reported, not entered."""
    files: list[str] = []
    links: list[str] = []

    def walk(current: Path, prefix: str) -> None:
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            name = prefix + entry.name
            if entry.is_symlink():
                links.append(name)
            elif entry.is_dir(follow_symlinks=False):
                walk(Path(entry.path), name + "/")
            elif entry.is_file(follow_symlinks=False):
                if name != skip:
                    files.append(name)
            else:
                links.append(name)  # a FIFO or device: nothing to publish, and reading it could block

    walk(folder, "")
    return Listing(tuple(files), tuple(links))


def extension(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


def listed_files(record: Record) -> list[tuple[str, str]]:
    """(pointer, file name) of every attachment the record lists in `documents`."""
    out = []
    for index, doc in enumerate(record.get("documents") or []):
        if isinstance(doc, dict) and isinstance(doc.get("file"), str):
            out.append((f"/documents/{index}/file", doc["file"]))
    return out


def _inside(folder: Path, file: Path) -> bool:
    try:
        info = os.lstat(file)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    real_folder = os.path.realpath(folder)
    real = os.path.realpath(file)
    return os.path.commonpath([real_folder, real]) == real_folder and real != real_folder


def may_publish(record: Record, name: str) -> bool:
    """From the record alone: a listed regular file of an allowed type (pages link only to these)."""
    return (record.type.name == "practice" and record.folder_based and name in record.attachments
            and name not in record.links and extension(name) in ALLOWED_TYPES)


def publishable(record: Record, root: Path) -> dict[str, Path]:
    """The attachments a practice may publish, keyed by their path in the site: listed, regular,
    inside the record's folder, of an allowed type. Everything else stays unpublished."""
    if record.type.name != "practice" or not record.folder_based:
        return {}
    folder = (root / record.path).parent
    if os.path.islink(folder):
        return {}
    files: dict[str, Path] = {}
    for _, name in listed_files(record):
        if may_publish(record, name) and _inside(folder, folder / name):
            files[f"{record.type.url_dir}/{record.id}/{name}"] = folder / name
    return dict(sorted(files.items()))


def attachment_problems(records: list[Record]) -> Iterator[Problem]:
    """Listed attachments that are missing, linked or of a refused type (errors); links anywhere in a
    practice folder (errors); files nobody listed (warnings: they are not published)."""
    allowed = ", ".join(sorted(ext.lstrip(".") for ext in ALLOWED_TYPES))
    for record in (r for r in records if r.type.name == "practice"):
        folder = record.path.rsplit("/", 1)[0]
        listed = set()
        for pointer, name in listed_files(record):
            listed.add(name)
            ext = extension(name)
            if not record.folder_based:
                yield Problem(record.path, record.line(pointer), pointer,
                              f"załącznik „{name}” wymaga katalogu praktyki: przenieś plik do practices/{record.id}/index.md i dołóż tam załącznik",
                              "ref.attachment")
            elif name in record.links:
                continue  # reported below with every link of the folder
            elif name not in record.attachments:
                yield Problem(record.path, record.line(pointer), pointer,
                              f"nie ma załącznika „{name}” w katalogu practices/{record.id}/", "ref.attachment")
            elif ext in ACTIVE_TYPES:
                yield Problem(record.path, record.line(pointer), pointer,
                              f"załącznika „{name}” nie można opublikować: przeglądarka otworzyłaby go jako część serwisu "
                              f"(mógłby uruchomić skrypt); {ACTIVE_TYPES[ext]} i wskaż nowy plik", "attachment.type")
            elif ext not in ALLOWED_TYPES:
                yield Problem(record.path, record.line(pointer), pointer,
                              f"załącznik „{name}” ma niedozwolony typ; dozwolone: {allowed}; zapisz dokument w jednym z nich",
                              "attachment.type")
        for link in record.links:
            yield Problem(f"{folder}/{link}", None, "",
                          f"„{link}” w katalogu practices/{record.id}/ jest dowiązaniem symbolicznym (albo plikiem specjalnym) — "
                          "dowiązań nie publikujemy; zastąp je zwykłym plikiem albo usuń", "attachment.symlink")
        for name in record.attachments:
            if name not in listed:
                yield Problem(f"{folder}/{name}", None, "",
                              f"plik „{name}” nie jest wymieniony w polu documents praktyki, więc nie zostanie opublikowany; "
                              "dopisz go do documents albo usuń z katalogu", "attachment.unlisted", "warning")
