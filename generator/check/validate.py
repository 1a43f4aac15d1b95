"""Validation in layers: parse, schema, cross-record rules; every problem collected."""
from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from generator import parallel
from generator.check.root import example_data_problems
from generator.check.rules import cross_problems, stale_problems
from generator.check.schemas import schema_problems
from generator.check.settings import read_settings
from generator.check.tables import check_tables
from generator.check.terc import register_problems
from generator.content import recordcache, tablecache
from generator.content.attachments import Listing, list_folder
from generator.content.records import Record
from generator.content.tables import FOLDER as TABLES_FOLDER
from generator.content.tables import Table
from generator.content.terc import load_register
from generator.content.tree import Cache, load_tree, paused_gc, read_record
from generator.paths import SCHEMA_DIR, missing_schemas, schema_dir
from generator.problems import Problem, sorted_problems


@dataclass
class Validated:
    records: list[Record]
    problems: list[Problem]
    files: int
    tables: list[Table] = field(default_factory=list)  # indicator tables, rows that passed the checks

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


STALE_AFTER_DAYS = 3 * 365


def check_schema(record: Record, schema_dir: Path = SCHEMA_DIR) -> list[Problem]:
    """Schema layer, run where the record is read (possibly in a worker process)."""
    return list(schema_problems(record, record.type, schema_dir))


def validate_tree(root: Path, today: dt.date | None = None, stale_after_days: int = STALE_AFTER_DAYS,
                  cache: Cache | None = None, jury_data: Path | None = None, keep: bool = False) -> Validated:
    """Load and check every record under root (and the jury's private records in jury_data, when
    given); `today` dates the staleness warnings. `keep`: use and update the records kept on disk
    from the last run (generator/content/recordcache.py) when no `cache` and no jury data are given.

    No cyclic garbage collection meanwhile: each pass would walk every value of every record read
    so far, and the rules make few cycles (10k corpus: cross-record rules 1.8 s -> 1.2 s of CPU)."""
    with paused_gc():
        return _validate(root, today, stale_after_days, cache, jury_data, keep)


def _validate(root: Path, today: dt.date | None, stale_after_days: int, cache: Cache | None, jury_data: Path | None,
              keep: bool) -> Validated:
    missing = missing_schemas(root)
    if missing:
        return Validated([], [Problem(f"schema/{name}", None, "", "katalog treści ma własny katalog schema/, który zastępuje "
                                      f"schematy programu w całości, ale brak w nim tego pliku; skopiuj go z {SCHEMA_DIR} "
                                      "albo usuń katalog schema/", "schema.override") for name in missing], 0)
    tables_loaded = _tables_beside(root, keep and cache is None)
    folder = schema_dir(root)
    kept: Cache | None = None
    if keep and cache is None and jury_data is None:  # the jury's confidential records never go into the public root
        key = recordcache.cache_key(folder, "check_schema")
        cache = recordcache.load(root / recordcache.FILE, key)
        kept = dict(cache)
    tree = load_tree(root, functools.partial(check_schema, schema_dir=folder), cache, jury_data)
    if kept is not None and cache is not None and (cache.keys() != kept.keys() or any(cache[k] is not kept[k] for k in cache)):
        recordcache.save(root / recordcache.FILE, key, cache)
    problems = list(tree.problems)
    valid = [record for record in tree.records if record.path not in tree.invalid]
    settings, settings_problems = read_settings(root)
    problems += cross_problems(tree.records)
    problems += example_data_problems(tree.records, settings.demo)
    if not settings.demo:  # a demo root's places are fictional: not in the register
        problems += register_problems(tree.records, load_register())
    problems += stale_problems(tree.records, today or dt.datetime.now(dt.UTC).date(), stale_after_days)
    raw_tables, table_problems = tables_loaded()
    tables, found = check_tables(raw_tables, tree.records)
    problems += table_problems + found
    problems += settings_problems
    return Validated(sorted(valid, key=lambda r: (r.type.name, r.id)), sorted_problems(problems), tree.files + len(raw_tables), tables)


def _tables_beside(root: Path, keep: bool) -> Callable[[], tuple[list[Table], list[Problem]]]:
    """Read the indicator tables in a forked process while this one reads the records (national
    tables are megabytes of CSV); the returned function waits for them. `keep`: unchanged tables
    are taken from ROOT/build/cache/ (generator/content/tablecache.py)."""
    folder = root / TABLES_FOLDER
    size = sum(p.stat().st_size for p in folder.glob("*.csv")) if folder.is_dir() else 0
    warm = keep and (root / tablecache.FILE).is_file()  # then reading them here costs less than a second process
    return parallel.beside(functools.partial(tablecache.load_tables_kept, root, keep), size >= parallel.TABLES_BESIDE_FROM and not warm)


def reread(root: Path, old: Record) -> tuple[Record | None, list[Problem]]:
    """A record read again after an edit of its file (same type and id), with its schema problems."""
    file = root / old.path
    listing = list_folder(file.parent) if old.folder_based else Listing()
    record, problems = read_record(old.type, file, old.path, old.id, listing.files, listing.links)
    if record is not None:
        problems += check_schema(record, schema_dir(root))
    return record, problems


def edited_problems(records: list[Record], edited: list[Record], today: dt.date | None = None,
                    stale_after_days: int = STALE_AFTER_DAYS) -> list[Problem]:
    """The cross-record rules for edited records, run over the records they can meet (every record
    of another type, practices of the same local governments, related practices); problems of the
    edited files only. A preview's quick check: `bdp validate` and every build run all the rules."""
    paths = {r.path for r in edited}
    codes = {c for r in edited for c in _strings(r.get("jst"))}
    related = {c for r in edited for c in _strings(r.get("related"))}
    subset = [r for r in records if r.type.name != "practice" or r.path in paths or r.id in related
              or codes.intersection(_strings(r.get("jst")))]
    found = cross_problems(subset) + list(stale_problems(edited, today or dt.datetime.now(dt.UTC).date(), stale_after_days))
    return sorted_problems([p for p in found if p.path in paths or any(path in p.message for path in paths)])


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
