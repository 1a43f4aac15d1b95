"""The one CSV writer of the site's files (open data, rankings, indicator tables, schedules).

A spreadsheet treats a cell that begins with `=`, `+`, `-` or `@` (also a tab or carriage return,
which some programs skip before one of them) as a formula, so a title like `=HYPERLINK(…)` in a
record would run when someone opens the open data. As OWASP recommends, such a text cell gets a
leading apostrophe: spreadsheets show it as text, and the apostrophe tells a reader it was added.
Numbers stay numbers: `-3.5` and `+2` are written unchanged.
"""
from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
# A cheap look over a whole file for a cell that may need the apostrophe: one starting with = @ tab CR,
# or with a sign not followed by a whole number (-3.5 in a value column does not count). Conservative:
# a hit only means the file is parsed and checked cell by cell.
_RISKY_CELL = re.compile(r'(?:^|,)"?(?:[=@\t\r]|[+-](?!(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:,|\r?$)))', re.MULTILINE)


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run: text that starts like a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def to_csv(header: list[str], rows: Iterable[Iterable[Any]]) -> str:
    """CSV text (comma, "\\n" line ends, minimal quoting) with every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def safe_copy(path: Path) -> Path | str:
    """A CSV file to publish as it is: the file itself when no cell can start a formula (the common
    case, no rewriting of large tables), otherwise its rows written again through to_csv."""
    text = path.read_text(encoding="utf-8-sig")
    if not _RISKY_CELL.search(text):
        return path
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not any(safe_cell(cell) is not cell for row in rows for cell in row):
        return path
    return to_csv(rows[0], rows[1:]) if rows else path
