"""Reading the content tree: find record files, decode them and parse YAML and front matter."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.problems import Problem
from generator.records import Record
from generator.recordtypes import ALL_TYPES, RecordType
from generator.yamlload import parse_yaml

MAX_FILE_BYTES = 1024 * 1024
IGNORED_NAMES = {"README.md", ".gitkeep"}


@dataclass
class Tree:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 only, no NUL bytes; a BOM is dropped with a warning."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(path, None, "", f"plik ma {len(raw) // 1024} KiB, a rekord może mieć najwyżej {MAX_FILE_BYTES // 1024} KiB; duże dokumenty dołącz jako załączniki", "file.too-large")]
    if b"\x00" in raw:
        return None, [Problem(path, None, "", "plik zawiera bajty zerowe — to plik binarny, a nie tekst rekordu", "file.binary")]
    problems: list[Problem] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        problems.append(Problem(path, 1, "", "plik zaczyna się znacznikiem BOM; zapisz go jako UTF-8 bez BOM", "file.bom", "warning"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = " (wygląda na kodowanie Windows-1250)" if _looks_like_cp1250(raw) else ""
        return None, [Problem(path, line, "", f"plik nie jest zapisany w UTF-8{hint}; zapisz go ponownie jako UTF-8", "file.encoding")]
    return text.replace("\r\n", "\n").replace("\r", "\n"), problems


def _looks_like_cp1250(raw: bytes) -> bool:
    polish_cp1250 = set(b"\xb9\xea\xb3\xf1\xf3\x9c\x9f\xbf\xa5\xca\xa3\xd1\xd3\x8c\x8f\xaf\xe6\xc6")
    return any(b in polish_cp1250 for b in raw)


def split_front_matter(text: str, path: str) -> tuple[str, int, str] | Problem:
    """Return (front matter, line of its first line, body) of a Markdown record."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return Problem(path, 1, "", "plik praktyki musi zaczynać się linią --- i nagłówkiem YAML zamkniętym drugą linią ---", "parse.front-matter")
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "\n".join(lines[1:index]) + "\n", 1, "\n".join(lines[index + 1:])
    return Problem(path, 1, "", "nagłówek YAML nie jest zamknięty linią ---", "parse.front-matter")


def read_record(rtype: RecordType, file: Path, rel: str, record_id: str, attachments: tuple[str, ...] = ()) -> tuple[Record | None, list[Problem]]:
    """Read one record file into a Record, or return the problems that prevent it."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return None, [Problem(rel, None, "", f"nie można odczytać pliku ({exc.strerror})", "file.unreadable")]
    text, problems = decode(raw, rel)
    if text is None:
        return None, problems
    body = ""
    body_line = 0
    yaml_text, offset = text, 0
    if rtype.markdown:
        split = split_front_matter(text, rel)
        if isinstance(split, Problem):
            return None, problems + [split]
        yaml_text, offset, body = split
        body_line = offset + yaml_text.count("\n") + 2
    parsed, parse_problems = parse_yaml(yaml_text, rel, offset)
    problems += parse_problems
    if parsed is None:
        return None, problems
    if not isinstance(parsed.data, dict):
        return None, problems + [Problem(rel, 1 + offset, "", "rekord musi być zbiorem pól „nazwa: wartość”, a nie listą ani pojedynczą wartością", "parse.not-mapping")]
    record = Record(rtype, record_id, rel, parsed.data, parsed.lines, parsed.plain_scalars, body, attachments, body_line)
    return record, problems


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _scan_practices(root: Path, rtype: RecordType, tree: Tree) -> None:
    folder = root / rtype.folder
    for entry in sorted(folder.iterdir()):
        rel = _rel(root, entry)
        if entry.name in IGNORED_NAMES or entry.name.startswith("."):
            continue
        if entry.is_dir():
            index = entry / "index.md"
            if not index.is_file():
                tree.problems.append(Problem(rel, None, "", "katalog praktyki musi zawierać plik index.md", "file.unexpected"))
                continue
            attachments = tuple(sorted(p.relative_to(entry).as_posix() for p in entry.rglob("*") if p.is_file() and p != index))
            _add(tree, *read_record(rtype, index, _rel(root, index), entry.name, attachments))
        elif entry.suffix == ".md":
            _add(tree, *read_record(rtype, entry, rel, entry.stem))
        else:
            tree.problems.append(Problem(rel, None, "", "w katalogu practices/ mogą być tylko pliki .md i katalogi praktyk z index.md", "file.unexpected"))


def _scan_yaml(root: Path, rtype: RecordType, tree: Tree) -> None:
    folder = root / rtype.folder
    for entry in sorted(folder.iterdir()):
        rel = _rel(root, entry)
        if entry.name in IGNORED_NAMES or entry.name.startswith("."):
            continue
        if entry.is_file() and entry.suffix == ".yaml":
            _add(tree, *read_record(rtype, entry, rel, entry.stem))
        elif entry.is_file() and entry.suffix == ".yml":
            tree.problems.append(Problem(rel, None, "", "rozszerzenie .yml — zmień nazwę pliku na .yaml", "file.extension"))
        else:
            tree.problems.append(Problem(rel, None, "", f"nieoczekiwany plik w {rtype.folder}/ — tu mogą być tylko rekordy .yaml", "file.unexpected"))


def _add(tree: Tree, record: Record | None, problems: list[Problem]) -> None:
    tree.files += 1
    tree.problems.extend(problems)
    if record is not None:
        tree.records.append(record)


MISPLACED_FOLDERS = {
    "praktyki": "practices", "konkursy": "contests", "procedury": "procedures", "wskazniki": "indicators",
    "rejestr": "registry", "samorzady": "registry/jst", "organizacje": "registry/organisations",
    "projekty": "registry/projects", "zrodla": "registry/sources", "slowniczek": "registry/glossary",
}


def _misplaced(root: Path, tree: Tree) -> None:
    """Records put where the build does not look are reported, not silently ignored."""
    for name, right in MISPLACED_FOLDERS.items():
        folder = root / name
        if folder.is_dir() and any(p.suffix in (".md", ".yaml", ".yml") for p in folder.rglob("*")):
            tree.problems.append(Problem(f"{name}/", None, "", f"katalog {name}/ nie jest czytany — rekordy tego rodzaju należą do {right}/; przenieś je tam", "file.location"))
    registry = root / "registry"
    known = {t.folder.split("/", 1)[1] for t in ALL_TYPES if t.folder.startswith("registry/")}
    if registry.is_dir():
        for entry in sorted(registry.iterdir()):
            if entry.name in IGNORED_NAMES or entry.name.startswith(".") or (entry.is_dir() and entry.name in known):
                continue
            tree.problems.append(Problem(_rel(root, entry), None, "", f"w registry/ mogą być tylko katalogi {', '.join(sorted(known))}; przenieś plik do właściwego z nich", "file.location"))


def load_tree(root: Path) -> Tree:
    """Read every record under root; problems of unreadable files are collected, not raised."""
    tree = Tree()
    _misplaced(root, tree)
    for rtype in ALL_TYPES:
        folder = root / rtype.folder
        if not folder.is_dir():
            continue
        if rtype.markdown:
            _scan_practices(root, rtype, tree)
        else:
            _scan_yaml(root, rtype, tree)
    return tree
