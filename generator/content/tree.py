"""Reading the content tree: find record files, decode them and parse YAML and front matter."""
from __future__ import annotations

import functools
import gc
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator import parallel
from generator.content.attachments import list_folder
from generator.content.hiddentext import (
    CONTROL,
    body_comment_problems,
    data_controls,
    source_controls,
    strip_comments,
)
from generator.content.records import Record, lazy_indexes
from generator.content.recordtypes import ALL_TYPES, RecordType
from generator.content.yamlload import parse_yaml, parse_yaml_fast
from generator.problems import Problem

MAX_FILE_BYTES = 1024 * 1024
_OPEN_COMMENT = "<!--"
IGNORED_NAMES = {"README.md", ".gitkeep"}


@dataclass
class Tree:
    records: list[Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    invalid: set[str] = field(default_factory=set)
    jobs: list[tuple] = field(default_factory=list)  # type: ignore[type-arg]


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
    first_end = text.find("\n")
    if text[: len(text) if first_end < 0 else first_end].strip() != "---":
        return Problem(path, 1, "", "plik praktyki musi zaczynać się linią --- i nagłówkiem YAML zamkniętym drugą linią ---", "parse.front-matter")
    if first_end >= 0:  # only the lines holding "---" are looked at, not every line of the body
        found = text.find("---", first_end + 1)
        while found >= 0:
            start = text.rfind("\n", 0, found) + 1
            end = text.find("\n", found)
            end = len(text) if end < 0 else end
            if text[start:end].strip() == "---":
                return text[first_end + 1:max(start - 1, first_end + 1)] + "\n", 1, text[end + 1:]
            found = text.find("---", end)
    return Problem(path, 1, "", "nagłówek YAML nie jest zamknięty linią ---", "parse.front-matter")


def read_record(rtype: RecordType, file: Path, rel: str, record_id: str, attachments: tuple[str, ...] = (),
                links: tuple[str, ...] = ()) -> tuple[Record | None, list[Problem]]:
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
            return None, [*problems, split]
        yaml_text, offset, body = split
        body_line = offset + yaml_text.count("\n") + 2
    if CONTROL.search(text):
        controls = source_controls(text, rel, 1, body_line if rtype.markdown else None)
        if any(p.line is not None and (not rtype.markdown or p.line < body_line) for p in controls):
            return None, problems + controls  # the YAML reader refuses them: report what and where instead
        problems += controls
    if rtype.markdown and _OPEN_COMMENT in body:
        body, comments = strip_comments(body)
        problems += body_comment_problems(rel, body_line, comments)
    fast = parse_yaml_fast(yaml_text)
    if isinstance(fast, dict):
        lines, plain = lazy_indexes(yaml_text, offset, rel)
        record = Record(rtype, record_id, rel, fast, lines, plain, body, attachments, body_line, links)
        return record, problems + _escaped_controls(yaml_text, fast, rel, record.line)
    parsed, parse_problems = parse_yaml(yaml_text, rel, offset)
    problems += parse_problems
    if parsed is None:
        return None, problems
    if not isinstance(parsed.data, dict):
        return None, [*problems, Problem(rel, 1 + offset, "", "rekord musi być zbiorem pól „nazwa: wartość”, a nie listą ani pojedynczą wartością", "parse.not-mapping")]
    record = Record(rtype, record_id, rel, parsed.data, parsed.lines, parsed.plain_scalars, body, attachments, body_line, links)
    return record, problems + _escaped_controls(yaml_text, parsed.data, rel, record.line)


def _escaped_controls(yaml_text: str, data: object, rel: str, line_of: Callable[[str], int | None]) -> list[Problem]:
    """Control characters in the parsed values. A text that reaches here has none written directly
    (read_record refused it), so only a backslash escape ("\\e") can make one: without a backslash the
    walk over every value is skipped (1.4 s of 5.3 s for 12,600 files)."""
    return data_controls(data, rel, line_of) if "\\" in yaml_text else []


def _symlink_problem(rel: str) -> Problem:
    """A link among the records: never followed (it could point at any file of the machine that builds)."""
    return Problem(rel, None, "", f"„{rel}” jest dowiązaniem symbolicznym — dowiązań nie czytamy ani nie publikujemy; "
                   "zastąp je zwykłym plikiem albo katalogiem", "attachment.symlink")


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


def _scan_practices(root: Path, rtype: RecordType, tree: Tree) -> None:
    folder = root / rtype.folder
    for entry in sorted(folder.iterdir()):
        rel = _rel(root, entry)
        if entry.name in IGNORED_NAMES or entry.name.startswith("."):
            continue
        if entry.is_symlink():
            tree.problems.append(_symlink_problem(rel))
        elif entry.is_dir():
            index = entry / "index.md"
            if index.is_symlink() or not index.is_file():
                tree.problems.append(_symlink_problem(_rel(root, index)) if index.is_symlink() else
                                     Problem(rel, None, "", "katalog praktyki musi zawierać plik index.md", "file.unexpected"))
                continue
            listing = list_folder(entry)
            _queue(tree, (rtype, index, _rel(root, index), entry.name, listing.files, listing.links))
        elif entry.suffix == ".md":
            _queue(tree, (rtype, entry, rel, entry.stem))
        else:
            tree.problems.append(Problem(rel, None, "", "w katalogu practices/ mogą być tylko pliki .md i katalogi praktyk z index.md", "file.unexpected"))


def _nested_subfolders(rtype: RecordType) -> tuple[str, ...]:
    """Names of the subfolders that nested types keep inside a record's folder (contests/<id>/entries…)."""
    prefix = rtype.folder + "/*/"
    return tuple(sorted(t.folder[len(prefix):] for t in ALL_TYPES if t.folder.startswith(prefix)))


def _check_record_folder(root: Path, rtype: RecordType, folder: Path, tree: Tree) -> bool:
    """A folder beside the records of rtype that holds nested records; its stray files are reported."""
    allowed = _nested_subfolders(rtype)
    if not allowed:
        return False
    for entry in sorted(folder.iterdir()):
        if entry.name in IGNORED_NAMES or entry.name.startswith(".") or (entry.is_dir() and entry.name in allowed):
            continue
        tree.problems.append(Problem(_rel(root, entry), None, "", f"w katalogu {_rel(root, folder)}/ mogą być tylko katalogi "
                                     f"{', '.join(allowed)}; przenieś plik do właściwego z nich", "file.unexpected"))
    return True


def _scan_yaml(root: Path, rtype: RecordType, tree: Tree, folder: Path | None = None, prefix: str = "") -> None:
    folder = folder or root / rtype.folder
    for entry in sorted(folder.iterdir()):
        rel = prefix + _rel(root, entry)
        if entry.name in IGNORED_NAMES or entry.name.startswith("."):
            continue
        if entry.is_symlink():
            tree.problems.append(_symlink_problem(rel))
        elif entry.is_file() and entry.suffix == ".yaml":
            _queue(tree, (rtype, entry, rel, entry.stem))
        elif entry.is_file() and entry.suffix == ".yml":
            tree.problems.append(Problem(rel, None, "", "rozszerzenie .yml — zmień nazwę pliku na .yaml", "file.extension"))
        elif entry.is_file() and entry.suffix == ".csv" and rtype.name == "indicator":
            continue  # indicator tables: read and checked by generator.content.tables
        elif entry.is_dir() and _check_record_folder(root, rtype, entry, tree):
            continue
        else:
            tree.problems.append(Problem(rel, None, "", f"nieoczekiwany plik w {_rel(root, folder)}/ — tu mogą być tylko rekordy .yaml", "file.unexpected"))


Job = tuple[RecordType, Path, str, str, tuple[str, ...], tuple[str, ...]]
Check = Callable[[Record], list[Problem]]


def _queue(tree: Tree, job: tuple) -> None:  # type: ignore[type-arg]
    """Remember a record file to read; reading happens afterwards, in parallel when there are many."""
    rtype, path, rel, record_id, *rest = job
    tree.jobs.append((rtype, path, rel, record_id, rest[0] if rest else (), rest[1] if len(rest) > 1 else ()))


def _read_and_check(job: Job, check: Check | None) -> tuple[Record | None, list[Problem], bool]:
    record, problems = read_record(*job)
    found = check(record) if (check and record is not None) else []
    return record, problems + found, bool(found)


def _read_chunk(jobs: list[Job], check: Check | None) -> list[tuple[Record | None, list[Problem], bool]]:
    return [_read_and_check(job, check) for job in jobs]


Cache = dict[str, tuple[tuple[bytes, tuple[str, ...]], tuple[Record | None, list[Problem], bool]]]


def _stamp(path: Path, attachments: tuple[str, ...]) -> tuple[bytes, tuple[str, ...]]:
    """What a cached reading depends on: the file's content (by hash: a checkout that only touches
    files keeps the cache) and the names of its attachments. Unreadable: an empty key, read again."""
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest(), attachments
    except OSError:
        return b"", attachments


def _read_all(tree: Tree, check: Check | None, cache: Cache | None = None) -> None:
    jobs, tree.jobs = tree.jobs, []
    if cache is None:
        _collect(tree, _read_jobs(jobs, check))
        return
    # a preview server (in memory) and generator.content.recordcache (on disk) keep what was read:
    # only files whose content changed are read again
    stamps = [_stamp(job[1], job[4] + tuple(f"->{link}" for link in job[5])) for job in jobs]
    missed = [index for index, (job, stamp) in enumerate(zip(jobs, stamps, strict=True))
              if not stamp[0] or (hit := cache.get(job[2])) is None or hit[0] != stamp]
    fresh = _read_jobs([jobs[index] for index in missed], check)
    for index, result in zip(missed, fresh, strict=True):
        cache[jobs[index][2]] = (stamps[index], result)
    for gone in set(cache) - {job[2] for job in jobs}:
        del cache[gone]
    _collect(tree, [cache[job[2]][1] for job in jobs])


def _read_jobs(jobs: list[Job], check: Check | None) -> list[tuple[Record | None, list[Problem], bool]]:
    workers = min(parallel.cores(), parallel.READ_POOL_MAX)
    if len(jobs) >= parallel.READ_POOL_FROM and workers >= parallel.READ_POOL_CORES:  # thresholds: generator/parallel.py
        size = max(100, len(jobs) // (workers * 4))
        read = functools.partial(_read_chunk, check=check)
        return parallel.flatten(parallel.pool_map(read, parallel.chunks(jobs, size), workers))
    return _read_chunk(jobs, check)


def _collect(tree: Tree, results: list[tuple[Record | None, list[Problem], bool]]) -> None:
    for record, problems, failed in results:
        tree.files += 1
        tree.problems.extend(problems)
        if record is not None:
            tree.records.append(record)
            if failed:
                tree.invalid.add(record.path)


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


def jury_label(jury_data: Path) -> str:
    """How problems name the jury's folder: the path as given (relative to the current folder when
    possible), ending with a slash; record paths are this label + <edition>/<kind>/<file>."""
    path = jury_data.resolve()
    try:
        shown = path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = path.as_posix()
    return shown.rstrip("/") + "/"


def _jury_in_public_root(root: Path, rtype: RecordType, tree: Tree) -> None:
    """The jury's records never live in the public content root: reported, not read."""
    for nested in sorted(p for p in root.glob(rtype.folder) if p.is_dir()):
        edition = nested.parent.name
        tree.problems.append(Problem(
            _rel(root, nested) + "/", None, "",
            f"dane jury ({rtype.plural.lower()}) nie mogą leżeć w publicznym repozytorium treści: każdy, kto je czyta, "
            f"zobaczyłby poufne oceny. Przenieś katalog do prywatnego repozytorium jury jako {edition}/{nested.name}/ "
            "i buduj stronę dla jury poleceniem: bdp build --profile jury --jury-data ŚCIEŻKA", "jury.public-data"))


JURY_OUTPUTS = {"build", "jury-site"}  # what the jury build writes into the jury's folder


def _stray_jury_files(jury_data: Path, tree: Tree) -> None:
    """Files in the jury's folder that are not records of an edition are reported, not ignored."""
    label = jury_label(jury_data)
    allowed = tuple(t.folder.rsplit("/", 1)[1] for t in ALL_TYPES if t.nested)
    for edition in sorted(jury_data.iterdir()):
        if edition.name in IGNORED_NAMES or edition.name.startswith(".") or edition.name in JURY_OUTPUTS:
            continue
        if not edition.is_dir():
            tree.problems.append(Problem(label + edition.name, None, "", "w katalogu danych jury mogą być tylko katalogi edycji "
                                         "konkursu (<edycja>/jury, entries, scores); przenieś plik", "file.unexpected"))
            continue
        for entry in sorted(edition.iterdir()):
            if entry.name in IGNORED_NAMES or entry.name.startswith(".") or (entry.is_dir() and entry.name in allowed):
                continue
            tree.problems.append(Problem(label + _rel(jury_data, entry), None, "", f"w katalogu {edition.name}/ mogą być tylko katalogi "
                                         f"{', '.join(sorted(allowed))}; przenieś plik do właściwego z nich", "file.unexpected"))


def load_tree(root: Path, check: Check | None = None, cache: Cache | None = None, jury_data: Path | None = None) -> Tree:
    """Read every record under root (using every core when there are many files).

    Problems of unreadable files are collected, not raised. `check` (a module-level function, so it
    can run in a worker process) adds per-record problems, e.g. the schema's; records it faults are
    listed in `tree.invalid`. The jury's private records (jurors, entries, scores) are read only from
    `jury_data` (<edition>/{jury,entries,scores}/<id>.yaml, outside the public root); found inside
    the public root they are a problem.
    """
    tree = Tree()
    _misplaced(root, tree)
    for rtype in ALL_TYPES:
        if rtype.nested:
            _jury_in_public_root(root, rtype, tree)
            if jury_data is not None:
                pattern = rtype.folder.split("/", 1)[1]  # contests/*/jury -> */jury
                for nested in sorted(p for p in jury_data.glob(pattern) if p.is_dir()):
                    if nested.is_symlink() or nested.parent.is_symlink():
                        tree.problems.append(_symlink_problem(jury_label(jury_data) + _rel(jury_data, nested if nested.is_symlink() else nested.parent)))
                        continue
                    _scan_yaml(jury_data, rtype, tree, nested, jury_label(jury_data))
            continue
        folder = root / rtype.folder
        if not folder.is_dir():
            continue
        if rtype.markdown:
            _scan_practices(root, rtype, tree)
        else:
            _scan_yaml(root, rtype, tree)
    if jury_data is not None:
        _stray_jury_files(jury_data, tree)
    with paused_gc():
        _read_all(tree, check, cache)
    return tree


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while records are made: half a million values, none of them in a
    cycle, and every collection pass walks them all (measured: 4.6 s -> 4.2 s for 12,600 files)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
