"""Validation in layers: parse, schema, cross-record rules; every problem collected."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.problems import Problem, sorted_problems
from generator.records import Record
from generator.rules import cross_problems, stale_problems
from generator.schemas import schema_problems
from generator.tree import load_tree


@dataclass
class Validated:
    records: list[Record]
    problems: list[Problem]
    files: int

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


STALE_AFTER_DAYS = 3 * 365


def validate_tree(root: Path, today: dt.date | None = None, stale_after_days: int = STALE_AFTER_DAYS) -> Validated:
    """Load and check every record under root; `today` dates the staleness warnings."""
    tree = load_tree(root)
    problems = list(tree.problems)
    valid: list[Record] = []
    for record in tree.records:
        found = list(schema_problems(record, record.type))
        problems += found
        if not found:
            valid.append(record)
    problems += cross_problems(tree.records)
    problems += stale_problems(tree.records, today or dt.date.today(), stale_after_days)
    return Validated(sorted(valid, key=lambda r: (r.type.name, r.id)), sorted_problems(problems), tree.files)
