"""Indicator tables (indicators/<id>.csv): read row by row and each row checked on its own (types,
required cells); the checks against other records (known TERYT, indicator, source, ranges,
duplicates) are generator.check.tables'.

Cells are read as text with the csv module, so TERYT codes keep their leading zeros. Every problem
names the file, the row (= the line of the file; the header is row 1) and the column, with the
pointer "/<row>/<column>". Rows with a problem are left out of the data the pages are built from.
"""
from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from generator.content.hiddentext import CONTROL, escape
from generator.content.table_cells import (
    TERYT,
    VALUE,
    YEAR,
    columns_problem,
    matches,
    matches_each,
    may_need_strip,
    table_problem,
    teryt_problem,
)
from generator.content.tree import paused_gc
from generator.paths import SCHEMA_DIR
from generator.problems import Problem

TABLE_SCHEMA = "indicator-table.tableschema.json"
FOLDER = "indicators"
MAX_TABLE_BYTES = 64 * 1024 * 1024
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@cache
def table_schema(schema_dir: Path = SCHEMA_DIR) -> dict[str, Any]:
    """The Frictionless Table Schema of the tables (also published in the data package)."""
    schema: dict[str, Any] = json.loads((schema_dir / TABLE_SCHEMA).read_text(encoding="utf-8"))
    return schema


@cache
def _columns() -> tuple[list[str], list[str]]:
    fields = table_schema()["fields"]
    required = [f["name"] for f in fields if f.get("constraints", {}).get("required")]
    return required, [f["name"] for f in fields]


_FIELDS = ("lines", "teryt", "indicator", "year", "value", "note", "source")


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame({"lines": pd.Series(dtype="int64"), "teryt": pd.Series(dtype=object), "indicator": pd.Series(dtype=object),
                         "year": pd.Series(dtype="int64"), "value": pd.Series(dtype="float64"), "note": pd.Series(dtype=object),
                         "source": pd.Series(dtype=object)})


@dataclass
class Table:
    """The rows of one CSV file that passed the checks, as one pandas frame (columns `_FIELDS`).

    The columns are also available as lists (`table.teryt`, `table.year`, ...) for small callers.
    """

    id: str
    path: str
    frame: pd.DataFrame = field(default_factory=_empty_frame)
    columns: tuple[str, ...] = ("teryt", "indicator", "year", "value")  # the header, in the file's order

    def __len__(self) -> int:
        return len(self.frame)

    def __getattr__(self, name: str) -> Any:
        if name in _FIELDS:
            return self.frame[name].tolist()
        raise AttributeError(name)

    def keep(self, mask: Any) -> Table:
        return Table(self.id, self.path, self.frame[mask].reset_index(drop=True), self.columns)


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    if len(raw) > MAX_TABLE_BYTES:
        return None, [Problem(path, None, "", f"tabela ma {len(raw) // (1024 * 1024)} MiB, a może mieć najwyżej "
                                              f"{MAX_TABLE_BYTES // (1024 * 1024)} MiB; podziel ją na kilka plików", "file.too-large")]
    if b"\x00" in raw:
        return None, [Problem(path, None, "", "plik zawiera bajty zerowe — to plik binarny, a nie tabela CSV", "file.binary")]
    problems = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        problems.append(Problem(path, 1, "", "plik zaczyna się znacznikiem BOM; zapisz go jako UTF-8 bez BOM", "file.bom", "warning"))
    try:
        return raw.decode("utf-8"), problems
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, "", "tabela nie jest zapisana w UTF-8 (arkusz kalkulacyjny mógł zapisać ją w Windows-1250); "
                                              "zapisz ją jako „CSV UTF-8”", "file.encoding")]


def _control_problems(text: str, path: str) -> list[Problem]:
    """Control characters (ESC, BEL, C1…) in a table: one error per line, the character as U+001B."""
    if not CONTROL.search(text):
        return []
    return [Problem(path, number, "", f"wiersz {number} zawiera niedozwolony znak sterujący {escape(found.group())}; usuń go",
                    "text.control")
            for number, line in enumerate(text.split("\n"), start=1) if (found := CONTROL.search(line.rstrip("\r")))]


def _header_problems(header: list[str], path: str) -> list[Problem]:
    required, allowed = _columns()
    problems = []
    seen: set[str] = set()
    for index, name in enumerate(header, start=1):
        if name in seen:
            problems.append(Problem(path, 1, f"/1/{name}", f"wiersz 1 (nagłówek): kolumna „{name}” powtarza się", "table.header"))
        elif name not in allowed:
            problems.append(Problem(path, 1, f"/1/{name or index}", f"wiersz 1 (nagłówek): nieznana kolumna „{name}” (kolumna {index}); "
                                                                    f"dozwolone: {', '.join(allowed)}", "table.header"))
        seen.add(name)
    for name in required:
        if name not in header:
            problems.append(Problem(path, 1, f"/1/{name}", f"wiersz 1 (nagłówek): brak wymaganej kolumny „{name}”; nagłówek musi "
                                                           f"zawierać kolumny {', '.join(required)}", "table.header"))
    return problems


def _split(text: str, path: str, width: int, problems: list[Problem]) -> tuple[list[int], list[list[str]]]:
    """The data rows (after the header) and their line numbers; malformed and blank rows are reported or skipped.

    A file without quotes or carriage returns (the usual case) is split with str.split, which gives
    exactly what the csv module would; anything else goes through the csv module row by row.
    """
    if '"' not in text and "\r" not in text:
        body = text.split("\n")[1:]
        if body and body[-1] == "":
            body.pop()
        rows = [line.split(",") for line in body]
        if all(len(row) == width for row in rows):
            return list(range(2, len(rows) + 2)), rows
        lines, kept = [], []
        for number, row in enumerate(rows, start=2):
            if len(row) == width:
                lines.append(number)
                kept.append(row)
            elif any(c.strip() for c in row):
                problems.append(columns_problem(path, number, len(row), width))
        return lines, kept
    reader = csv.reader(text.splitlines(keepends=True))
    next(reader, None)
    lines, kept = [], []
    line = reader.line_num
    while True:
        start = line + 1
        try:
            found = next(reader, None)
        except csv.Error as exc:
            problems.append(Problem(path, start, f"/{start}", f"wiersz {start} nie jest poprawnym wierszem CSV ({exc})", "table.columns"))
            break
        line = reader.line_num
        if found is None:
            break
        row = found
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) != width:
            problems.append(columns_problem(path, start, len(row), width))
            continue
        lines.append(start)
        kept.append(row)
    return lines, kept


# Values must be read as float() reads them. pandas 3.1 does it in every mode and deprecates the choice;
# older releases do it only with "round_trip".
_FLOAT_PRECISION: Literal["round_trip"] | None = (None if tuple(int(n) for n in pd.__version__.split(".")[:2]) >= (3, 1)
                                                   else "round_trip")


def _read_fast(text: str, header: list[str], table_id: str, path: str) -> Table | None:
    """A table with no problem at all, read by pandas' C parser; None when anything is unusual.

    Only plain files qualify (no quotes, blank lines, carriage returns, signs or underscores), and only when
    every cell passes (a code, name or note with white space around it does not); otherwise the caller
    reads the file row by row and names each problem. Numbers with white space around them are read
    as str.strip() and float() would read them.
    """
    if '"' in text or "\n\n" in text or "+" in text or "_" in text or "\r" in text or text.startswith("\n"):
        return None
    types: dict[str, Any] = {name: object for name in header if name not in ("year", "value")}
    types |= {"year": "int64", "value": "float64"}
    try:
        cells = pd.read_csv(io.StringIO(text), names=header, header=0, dtype=types,
                            keep_default_na=False, na_filter=False, engine="c", skip_blank_lines=False, float_precision=_FLOAT_PRECISION)
    except (ValueError, pd.errors.ParserError):
        return None
    if len(cells) != text.count("\n", 0, len(text) - 1):  # one row per line after the header
        return None
    if text.count(",") != (len(header) - 1) * (len(cells) + 1):  # a row with fewer cells (one with more raised an error)
        return None
    for name in header:  # codes and names are checked below; notes must not need str.strip() either
        if name in ("note",) and any(cell != cell.strip() for cell in pd.unique(cells[name].to_numpy())):
            return None
    values, years = cells["value"].to_numpy(), cells["year"].to_numpy()
    if not np.isfinite(values).all() or ((years < 1990) | (years > 2100)).any():
        return None
    if not (matches(cells["teryt"], TERYT).all() and matches(cells["indicator"], _ID.pattern.strip("^$")).all()):
        return None
    if "source" in cells and not ((cells["source"] == "").to_numpy() | matches(cells["source"], _ID.pattern.strip("^$"))).all():
        return None
    if (cells["teryt"] == "").any():
        return None
    empty = np.full(len(cells), "", dtype=object)
    frame = pd.DataFrame({"lines": np.arange(2, len(cells) + 2, dtype="int64"), "teryt": cells["teryt"].to_numpy(),
                          "indicator": cells["indicator"].to_numpy(), "year": years.astype("int64"), "value": values.astype("float64"),
                          "note": cells["note"].to_numpy() if "note" in cells else empty,
                          "source": cells["source"].to_numpy() if "source" in cells else empty})
    return Table(table_id, path, frame, tuple(header))


def _read_header(text: str, path: str, table_id: str) -> tuple[list[str] | None, list[Problem]]:
    """The column names of the first row (None, with the problems, when the header or the file name is wrong)."""
    first = text.split("\n", 1)[0]
    reader = csv.reader(text.splitlines(keepends=True)[:1] if '"' in first or "\r" in first else [first])
    try:
        header = next(reader, None)
    except csv.Error as exc:
        return None, [Problem(path, 1, "", f"nagłówek nie jest poprawnym wierszem CSV ({exc})", "table.header")]
    if not header or not any(h.strip() for h in header):
        return None, [Problem(path, 1, "", "tabela jest pusta; pierwszy wiersz musi być nagłówkiem teryt,indicator,year,value", "table.header")]
    header = [h.strip() for h in header]
    problems = _header_problems(header, path)
    if problems:
        return None, problems
    if not _ID.match(table_id):
        return None, [Problem(path, None, "", f"nazwa pliku „{table_id}” nie jest poprawnym identyfikatorem: tylko małe litery bez "
                                              "polskich znaków, cyfry i pojedyncze myślniki", "table.header")]
    return header, []


def read_table(text: str, path: str) -> tuple[Table | None, list[Problem]]:
    """Parse one table: header, cell types and required cells. References are checked later.

    The cells are checked column by column with pandas; only the rows that fail a check are looked
    at one by one, to name every problem in them.
    """
    table_id = Path(path).stem
    header, problems = _read_header(text, path, table_id)
    if header is None:
        return None, problems
    at = {name: header.index(name) for name in header}
    fast = _read_fast(text, header, table_id, path)
    if fast is not None:
        return fast, problems
    lines, rows = _split(text, path, len(header), problems)
    if not rows:
        return Table(table_id, path, columns=tuple(header)), problems
    cells = pd.DataFrame({name: np.array(column, dtype=object) for name, column in zip(header, zip(*rows, strict=True), strict=True)})
    if may_need_strip(text):
        for name in header:
            cells[name] = cells[name].str.strip()
    empty = (cells[header[0]] == "").to_numpy()
    blank = empty.copy()
    if empty.any():
        for name in header[1:]:
            blank &= (cells[name] == "").to_numpy()
    if blank.any():  # a row of empty cells is skipped, like an empty line
        keep = ~blank
        cells = cells[keep].reset_index(drop=True)
        lines = [n for n, k in zip(lines, keep, strict=True) if k]
    teryt, indicator, year, value = cells["teryt"], cells["indicator"], cells["year"], cells["value"]
    good = matches(teryt, TERYT) & matches(indicator, _ID.pattern.strip("^$"))
    known_years = {cell: int(cell) for cell in pd.unique(year.to_numpy()) if re.fullmatch(YEAR, cell) and 1990 <= int(cell) <= 2100}
    years = year.map(known_years).fillna(0).to_numpy(dtype="int64")
    good &= year.isin(known_years.keys()).to_numpy()
    value_ok = matches_each(value, VALUE)
    numbers = np.full(len(cells), np.nan)
    numbers[value_ok] = value[value_ok].to_numpy(dtype=object).astype("float64")
    good &= value_ok & np.isfinite(numbers)
    if "source" in at:
        good &= ((cells["source"] == "").to_numpy() | matches(cells["source"], _ID.pattern.strip("^$")))
    if not good.all():
        for index in np.flatnonzero(~good):
            row = [str(cells.iat[int(index), i]) for i in range(len(header))]
            found = _row_problems(row, at, path, lines[index])
            if found:
                problems += found
                continue
            good[index] = True  # a check above was stricter than the row-by-row one: take the row as it is
            years[index], numbers[index] = int(row[at["year"]]), float(row[at["value"]])
    frame = pd.DataFrame({
        "lines": np.asarray(lines, dtype="int64")[good], "teryt": teryt[good].to_numpy(), "indicator": indicator[good].to_numpy(),
        "year": years[good], "value": numbers[good],
        "note": cells["note"][good].to_numpy() if "note" in at else np.full(int(good.sum()), "", dtype=object),
        "source": cells["source"][good].to_numpy() if "source" in at else np.full(int(good.sum()), "", dtype=object)})
    return Table(table_id, path, frame, tuple(header)), problems


def _row_problems(row: list[str], at: dict[str, int], path: str, line: int) -> list[Problem]:
    problems = []
    required, _ = _columns()
    for name in required:
        if not row[at[name]].strip():
            problems.append(table_problem(path, line, name, "komórka jest pusta, a ta kolumna jest wymagana "
                                                       "(brak danych oznacza się pominięciem całego wiersza)", "table.required"))
    if problems:
        return problems
    teryt = row[at["teryt"]].strip()
    wrong = teryt_problem(teryt)
    if wrong:
        problems.append(table_problem(path, line, "teryt", wrong, "table.type"))
    if not _ID.match(row[at["indicator"]].strip()):
        problems.append(table_problem(path, line, "indicator", f"„{row[at['indicator']]}” nie jest identyfikatorem wskaźnika: małe litery "
                                                          "bez polskich znaków, cyfry i myślniki", "table.type"))
    year = row[at["year"]].strip()
    if not (year.isascii() and year.isdigit()):
        problems.append(table_problem(path, line, "year", f"„{year}” nie jest rokiem: podaj liczbę całkowitą, np. 2012", "table.type"))
    elif not 1990 <= int(year) <= 2100:
        problems.append(table_problem(path, line, "year", f"rok {year} jest poza zakresem 1990–2100", "table.range"))
    value = row[at["value"]].strip()
    problems += _value_problems(value, path, line)
    source = at.get("source")
    if source is not None and row[source].strip() and not _ID.match(row[source].strip()):
        problems.append(table_problem(path, line, "source", f"„{row[source]}” nie jest identyfikatorem źródła z registry/sources", "table.type"))
    return problems


def _value_problems(value: str, path: str, line: int) -> list[Problem]:
    try:
        number = float(value)
    except ValueError:
        hint = f"; liczby dziesiętne zapisuj z kropką: „{value.replace(',', '.')}”" if re.fullmatch(r"-?\d+,\d+", value) else ""
        hint = hint or ("; wpisz samą liczbę, bez spacji i jednostki" if re.search(r"\d", value) else "")
        return [table_problem(path, line, "value", f"„{value}” nie jest liczbą{hint}", "table.type")]
    if not math.isfinite(number) or not re.fullmatch(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", value):
        return [table_problem(path, line, "value", f"„{value}” nie jest liczbą zapisaną cyframi (np. 12.5)", "table.type")]
    return []




def table_files(root: Path) -> list[tuple[Path, str]]:
    """(file, path relative to root) of every indicators/*.csv, in reading order; links are never
    read (generator.content.tree reports them, attachment.symlink, with the other files of indicators/)."""
    folder = root / FOLDER
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    return [(file, file.relative_to(root).as_posix()) for file in files if not file.is_symlink()]


def table_from_bytes(raw: bytes, rel: str) -> tuple[Table | None, list[Problem]]:
    """One table file's rows that pass, and its problems."""
    text, problems = _decode(raw, rel)
    if text is None:
        return None, problems
    problems += _control_problems(text, rel)
    with paused_gc():
        table, found = read_table(text, rel)
    return table, problems + found


def load_tables(root: Path) -> tuple[list[Table], list[Problem]]:
    """Read every indicators/*.csv under root."""
    tables: list[Table] = []
    problems: list[Problem] = []
    for file, rel in table_files(root):
        try:
            raw = file.read_bytes()
        except OSError as exc:
            problems.append(Problem(rel, None, "", f"nie można odczytać pliku ({exc.strerror})", "file.unreadable"))
            continue
        table, found = table_from_bytes(raw, rel)
        problems += found
        if table is not None:
            tables.append(table)
    return tables, problems
