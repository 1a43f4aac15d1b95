"""Indicator tables read and checked, kept between runs in ROOT/build/cache/tables.bin.

The same safeguards as the records (generator/content/recordcache.py: one key for the generator's
source and the libraries, a digest, an atomic write); per file, its content hash, its problems and
the rows that passed. A text column is kept as its distinct values and one index per row (a table
repeats a few codes and names over many rows), the numbers as their bytes: loading a kept table
costs a fraction of parsing it (50 tables, 61 MB of CSV: 1.7 s -> 0.2 s of CPU). The checks
against other records (generator/check/tables.py) run every time.
"""
from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from generator.content.recordcache import cache_key, read_kept, write_kept
from generator.content.tables import _FIELDS, Table, load_tables, table_files, table_from_bytes
from generator.paths import SCHEMA_DIR
from generator.problems import Problem

FILE = Path("build") / "cache" / "tables.bin"
_NUMBERS = {"lines": "int64", "year": "int64", "value": "float64"}


def _key() -> bytes:
    versions = ",".join(f"{name}={metadata.version(name)}" for name in ("pandas", "numpy"))
    return cache_key(SCHEMA_DIR, f"tables {versions}")


def _narrow(values: Any, limit: int) -> Any:
    """The array in the narrowest integer type that holds 0..limit (years and row indexes are small)."""
    for kind in ("uint8", "uint16", "uint32"):
        if limit <= np.iinfo(kind).max:
            return values.astype(kind)
    return values.astype("int64")


def _encode(table: Table | None, problems: list[Problem]) -> tuple[Any, ...]:
    rows: Any = None
    if table is not None:
        columns: list[tuple[Any, ...]] = []
        for name in _FIELDS:
            values = table.frame[name].to_numpy()
            if name == "value":
                columns.append((name, "float64", values.astype("float64").tobytes(), None))
            elif name in _NUMBERS:
                values = values.astype("int64")
                small = len(values) == 0 or (values.min() >= 0 and values.max() < 2**32)
                stored = _narrow(values, int(values.max()) if len(values) else 0) if small else values
                columns.append((name, stored.dtype.name, stored.tobytes(), None))
            else:
                codes, distinct = pd.factorize(values, use_na_sentinel=False)
                stored = _narrow(codes, len(distinct))
                columns.append((name, stored.dtype.name, stored.tobytes(), list(distinct)))
        rows = (table.id, table.path, table.columns, columns)
    return rows, [(p.path, p.line, p.pointer, p.message, p.rule, p.severity) for p in problems]


def _decode(kept: tuple[Any, ...]) -> tuple[Table | None, list[Problem]]:
    rows, problems = kept
    found = [Problem(*fields) for fields in problems]
    if rows is None:
        return None, found
    table_id, path, header, columns = rows
    data: dict[str, Any] = {}
    for name, dtype, values, distinct in columns:
        array = np.frombuffer(values, dtype=np.dtype(dtype))
        if distinct is None:
            data[name] = array.astype(_NUMBERS[name])
        else:
            lookup = np.empty(len(distinct), dtype=object)
            lookup[:] = distinct
            data[name] = lookup.take(array.astype("int64"))
    if list(data) != list(_FIELDS) or not all(isinstance(v, str) for v in (table_id, path)) or not isinstance(header, tuple):
        raise TypeError("not a kept table")
    return Table(table_id, path, pd.DataFrame(data), header), found


def load_tables_kept(root: Path, keep: bool = True) -> tuple[list[Table], list[Problem]]:
    """generator.content.tables.load_tables, taking unchanged files from ROOT/build/cache/tables.bin
    (and writing it again when a file changed); `keep` False: load_tables."""
    if not keep:
        return load_tables(root)
    file, key = root / FILE, _key()
    stored = read_kept(file, key)
    kept: dict[str, tuple[bytes, Any]] = stored if isinstance(stored, dict) else {}
    tables: list[Table] = []
    problems: list[Problem] = []
    entries: dict[str, tuple[bytes, Any]] = {}
    for path, rel in table_files(root):
        try:
            raw = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(rel, None, "", f"nie można odczytać pliku ({exc.strerror})", "file.unreadable"))
            continue
        digest = hashlib.blake2b(raw, digest_size=16).digest()
        table, found = _kept(kept.get(rel), digest)
        if table is None and found is None:
            table, found = table_from_bytes(raw, rel)
            entries[rel] = (digest, _encode(table, found))
        else:
            entries[rel] = kept[rel]
        problems += found or []
        if table is not None:
            tables.append(table)
    if entries != kept:
        write_kept(file, key, entries)
    return tables, problems


def _kept(entry: Any, digest: bytes) -> tuple[Table | None, list[Problem] | None]:
    """A kept reading of a file with this digest; (None, None) when there is none that decodes."""
    try:
        if entry[0] == digest:
            return _decode(entry[1])
    except Exception:
        pass
    return None, None
