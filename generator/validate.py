"""Validation in layers: parse, schema, cross-record rules; every problem collected."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.indicators.tables import Table, check_tables, load_tables
from generator.problems import Problem, sorted_problems
from generator.records import Record
from generator.rules import cross_problems, stale_problems
from generator.schemas import schema_problems
from generator.tree import Cache, load_tree


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


def check_schema(record: Record) -> list[Problem]:
    """Schema layer, run where the record is read (possibly in a worker process)."""
    return list(schema_problems(record, record.type))


def validate_tree(root: Path, today: dt.date | None = None, stale_after_days: int = STALE_AFTER_DAYS,
                  cache: Cache | None = None) -> Validated:
    """Load and check every record under root; `today` dates the staleness warnings."""
    tree = load_tree(root, check_schema, cache)
    problems = list(tree.problems)
    valid = [record for record in tree.records if record.path not in tree.invalid]
    problems += cross_problems(tree.records)
    problems += stale_problems(tree.records, today or dt.date.today(), stale_after_days)
    raw_tables, table_problems = load_tables(root)
    tables, found = check_tables(raw_tables, tree.records)
    problems += table_problems + found
    return Validated(sorted(valid, key=lambda r: (r.type.name, r.id)), sorted_problems(problems), tree.files + len(raw_tables), tables)
