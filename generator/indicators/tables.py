"""Indicator tables (indicators/<id>.csv): read row by row and checked like every other record.

Cells are read as text with the csv module, so TERYT codes keep their leading zeros. Every problem
names the file, the row (= the line of the file; the header is row 1) and the column, with the
pointer "/<row>/<column>". Rows with a problem are left out of the data the pages are built from.
"""
from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from generator.paths import SCHEMA_DIR
from generator.problems import Problem
from generator.records import Record

TABLE_SCHEMA = "indicator-table.tableschema.json"
FOLDER = "indicators"
MAX_TABLE_BYTES = 64 * 1024 * 1024
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@lru_cache(maxsize=None)
def table_schema(schema_dir: Path = SCHEMA_DIR) -> dict[str, Any]:
    """The Frictionless Table Schema of the tables (also published in the data package)."""
    return json.loads((schema_dir / TABLE_SCHEMA).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _columns() -> tuple[list[str], list[str]]:
    fields = table_schema()["fields"]
    required = [f["name"] for f in fields if f.get("constraints", {}).get("required")]
    return required, [f["name"] for f in fields]


@dataclass
class Table:
    """The rows of one CSV file that passed the checks, column by column."""

    id: str
    path: str
    lines: list[int] = field(default_factory=list)
    teryt: list[str] = field(default_factory=list)
    indicator: list[str] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)
    note: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    columns: tuple[str, ...] = ("teryt", "indicator", "year", "value")  # the header, in the file's order

    def __len__(self) -> int:
        return len(self.lines)

    def append(self, line: int, teryt: str, indicator: str, year: int, value: float, note: str, source: str) -> None:
        self.lines.append(line)
        self.teryt.append(teryt)
        self.indicator.append(indicator)
        self.year.append(year)
        self.value.append(value)
        self.note.append(note)
        self.source.append(source)

    def keep(self, indexes: list[int]) -> "Table":
        kept = Table(self.id, self.path, columns=self.columns)
        for name in ("lines", "teryt", "indicator", "year", "value", "note", "source"):
            column = getattr(self, name)
            setattr(kept, name, [column[i] for i in indexes])
        return kept


def _problem(path: str, line: int, column: str, message: str, rule: str) -> Problem:
    return Problem(path, line, f"/{line}/{column}", f"wiersz {line}, kolumna „{column}”: {message}", rule)


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


def _teryt_problem(cell: str) -> str | None:
    if cell.isdigit() and len(cell) in (2, 4, 7) and cell.isascii():
        return None
    if cell.isdigit() and len(cell) in (1, 3, 6):
        return (f"„{cell}” nie jest kodem TERYT — ma {len(cell)} cyfr; arkusz kalkulacyjny mógł usunąć zero z początku "
                f"(powinno być „0{cell}”); zapisz kolumnę teryt jako tekst")
    return f"„{cell}” nie jest kodem TERYT: kod ma 2 cyfry (województwo), 4 (powiat) albo 7 (gmina)"


def read_table(text: str, path: str) -> tuple[Table | None, list[Problem]]:
    """Parse one table: header, cell types and required cells. References are checked later."""
    table_id = Path(path).stem
    reader = csv.reader(text.splitlines(keepends=True))
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
        problems.append(Problem(path, None, "", f"nazwa pliku „{table_id}” nie jest poprawnym identyfikatorem: tylko małe litery bez "
                                                "polskich znaków, cyfry i pojedyncze myślniki", "table.header"))
        return None, problems
    at = {name: header.index(name) for name in header}
    get_note, get_source = at.get("note"), at.get("source")
    i_teryt, i_indicator, i_year, i_value = at["teryt"], at["indicator"], at["year"], at["value"]
    codes: dict[str, str] = {}
    names: dict[str, str] = {}
    years: dict[str, int] = {}
    table = Table(table_id, path, columns=tuple(header))
    line = reader.line_num
    while True:
        start = line + 1
        try:
            row = next(reader, None)
        except csv.Error as exc:
            problems.append(Problem(path, start, f"/{start}", f"wiersz {start} nie jest poprawnym wierszem CSV ({exc})", "table.columns"))
            break
        line = reader.line_num
        if row is None:
            break
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(path, start, f"/{start}", f"wiersz {start} ma {len(row)} komórek, a nagłówek {len(header)} kolumn; "
                                                              "sprawdź przecinki (liczby dziesiętne zapisuj z kropką)", "table.columns"))
            continue
        parsed = _fast_row(row, i_teryt, i_indicator, i_year, i_value, codes, names, years)
        if parsed is None:
            found = _row_problems(row, at, path, start)
            if found:
                problems += found
                continue
            parsed = (row[i_teryt].strip(), row[i_indicator].strip(), int(row[i_year]), float(row[i_value]))
        table.append(start, *parsed, row[get_note].strip() if get_note is not None else "",
                     row[get_source].strip() if get_source is not None else "")
    return table, problems


_NUMBER = frozenset("0123456789.-+eE")


def _fast_row(row: list[str], i_teryt: int, i_indicator: int, i_year: int, i_value: int, codes: dict[str, str],
              names: dict[str, str], years: dict[str, int]) -> tuple[str, str, int, float] | None:
    """(teryt, indicator, year, value) of a well-formed row, or None to look at it closely.

    Most rows of a large table are fine: this checks them with a few string operations and
    caches the identifiers and years it has already accepted.
    """
    teryt, indicator, year, value = row[i_teryt], row[i_indicator], row[i_year], row[i_value]
    if teryt not in codes:  # separate caches: a powiat code (2015) looks like a year
        if not (teryt.isascii() and teryt.isdigit() and len(teryt) in (2, 4, 7)):
            return None
        codes[teryt] = teryt
    if indicator not in names:
        if not _ID.match(indicator):
            return None
        names[indicator] = indicator
    number = years.get(year)
    if number is None:
        if not (year.isascii() and year.isdigit() and 1990 <= int(year) <= 2100):
            return None
        number = years[year] = int(year)
    if not value or not _NUMBER.issuperset(value) or value[0] in "eE.+" and value[0] != ".":
        return None
    try:
        parsed = float(value)
    except ValueError:
        return None
    if not math.isfinite(parsed) or not re.fullmatch(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", value):
        return None
    return codes[teryt], names[indicator], number, parsed


def _row_problems(row: list[str], at: dict[str, int], path: str, line: int) -> list[Problem]:
    problems = []
    required, _ = _columns()
    for name in required:
        if not row[at[name]].strip():
            problems.append(_problem(path, line, name, "komórka jest pusta, a ta kolumna jest wymagana "
                                                       "(brak danych oznacza się pominięciem całego wiersza)", "table.required"))
    if problems:
        return problems
    teryt = row[at["teryt"]].strip()
    wrong = _teryt_problem(teryt)
    if wrong:
        problems.append(_problem(path, line, "teryt", wrong, "table.type"))
    if not _ID.match(row[at["indicator"]].strip()):
        problems.append(_problem(path, line, "indicator", f"„{row[at['indicator']]}” nie jest identyfikatorem wskaźnika: małe litery "
                                                          "bez polskich znaków, cyfry i myślniki", "table.type"))
    year = row[at["year"]].strip()
    if not (year.isascii() and year.isdigit()):
        problems.append(_problem(path, line, "year", f"„{year}” nie jest rokiem: podaj liczbę całkowitą, np. 2012", "table.type"))
    elif not 1990 <= int(year) <= 2100:
        problems.append(_problem(path, line, "year", f"rok {year} jest poza zakresem 1990–2100", "table.range"))
    value = row[at["value"]].strip()
    problems += _value_problems(value, path, line)
    source = at.get("source")
    if source is not None and row[source].strip() and not _ID.match(row[source].strip()):
        problems.append(_problem(path, line, "source", f"„{row[source]}” nie jest identyfikatorem źródła z registry/sources", "table.type"))
    return problems


def _value_problems(value: str, path: str, line: int) -> list[Problem]:
    try:
        number = float(value)
    except ValueError:
        hint = f"; liczby dziesiętne zapisuj z kropką: „{value.replace(',', '.')}”" if re.fullmatch(r"-?\d+,\d+", value) else ""
        hint = hint or ("; wpisz samą liczbę, bez spacji i jednostki" if re.search(r"\d", value) else "")
        return [_problem(path, line, "value", f"„{value}” nie jest liczbą{hint}", "table.type")]
    if not math.isfinite(number) or not re.fullmatch(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", value):
        return [_problem(path, line, "value", f"„{value}” nie jest liczbą zapisaną cyframi (np. 12.5)", "table.type")]
    return []


def load_tables(root: Path) -> tuple[list[Table], list[Problem]]:
    """Read every indicators/*.csv under root."""
    folder = root / FOLDER
    tables: list[Table] = []
    problems: list[Problem] = []
    if not folder.is_dir():
        return tables, problems
    for file in sorted(folder.glob("*.csv")):
        rel = file.relative_to(root).as_posix()
        try:
            raw = file.read_bytes()
        except OSError as exc:
            problems.append(Problem(rel, None, "", f"nie można odczytać pliku ({exc.strerror})", "file.unreadable"))
            continue
        text, found = _decode(raw, rel)
        problems += found
        if text is None:
            continue
        table, found = read_table(text, rel)
        problems += found
        if table is not None:
            tables.append(table)
    return tables, problems


@dataclass(frozen=True)
class Limits:
    """What a table row may hold for one indicator, from its definition."""

    minimum: float | None
    maximum: float | None
    first_year: int | None
    last_year: int | None
    example: bool
    composite: bool


def _limits(indicator: Record) -> Limits:
    bounds = indicator.get("range") if isinstance(indicator.get("range"), dict) else {}
    years = indicator.get("years") if isinstance(indicator.get("years"), dict) else {}

    def number(value: Any) -> Any:
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    return Limits(number(bounds.get("minimum")), number(bounds.get("maximum")), number(years.get("start")),
                  number(years.get("end")), indicator.get("example_data") is True, bool(indicator.get("components")))


def check_tables(tables: Iterable[Table], records: list[Record]) -> tuple[list[Table], list[Problem]]:
    """Cross-record checks of the rows: known TERYT, indicator and source, ranges, years, duplicates."""
    codes: dict[str, str] = {}
    for record in records:
        if record.type.name == "jst":
            # as typed, even if YAML read it as a number (the schema reports that once, in the jst record)
            code = record.get("teryt") if isinstance(record.get("teryt"), str) else record.plain_scalars.get("/teryt")
            if code:
                codes[code] = code
    limits = {r.id: _limits(r) for r in records if r.type.name == "indicator"}
    sources = {r.id for r in records if r.type.name == "source"}
    seen: dict[tuple[str, str, int], tuple[str, int]] = {}
    checked: list[Table] = []
    problems: list[Problem] = []
    for table in tables:
        keep: list[int] = []
        path = table.path
        for index in range(len(table)):
            line, indicator, year, value = table.lines[index], table.indicator[index], table.year[index], table.value[index]
            found = []
            code = codes.get(table.teryt[index])
            if code is None:
                found.append(_problem(path, line, "teryt", f"nieznany kod TERYT „{table.teryt[index]}” — nie ma takiego samorządu "
                                                           "w registry/jst/; sprawdź kod albo dodaj rekord", "ref.jst"))
            else:
                table.teryt[index] = code  # one string object per code for the whole data set
            limit = limits.get(indicator)
            if limit is None:
                found.append(_problem(path, line, "indicator", f"nieznany wskaźnik „{indicator}” — nie ma pliku indicators/{indicator}.yaml",
                                      "ref.indicator"))
            else:
                found += _limit_problems(limit, path, line, indicator, year, value)
                source = table.source[index]
                if source and source not in sources:
                    found.append(_problem(path, line, "source", f"nieznane źródło „{source}” — nie ma takiego rekordu w registry/sources/",
                                          "ref.source"))
                elif not source and not limit.example:
                    found.append(_problem(path, line, "source", f"brak źródła wartości: wskaźnik „{indicator}” nie ma w definicji "
                                                                "example_data: true, więc każdy wiersz musi wskazywać źródło", "table.source"))
            key = (table.teryt[index], indicator, year)
            if key in seen:
                first_path, first_line = seen[key]
                found.append(_problem(path, line, "year", f"powtórzony wiersz: wartość wskaźnika „{indicator}” dla {key[0]} za {year} r. "
                                                          f"jest już w {first_path}, wiersz {first_line}", "table.duplicate"))
            else:
                seen[key] = (path, line)
            if found:
                problems += found
            else:
                keep.append(index)
        checked.append(table if len(keep) == len(table) else table.keep(keep))
    return checked, problems


def _limit_problems(limit: Limits, path: str, line: int, indicator: str, year: int, value: float) -> list[Problem]:
    found = []
    if limit.composite:
        found.append(_problem(path, line, "indicator", f"„{indicator}” jest indeksem złożonym: jego wartości wylicza się ze składowych, "
                                                       "nie wpisuje do tabeli", "table.composite"))
    if limit.minimum is not None and value < limit.minimum or limit.maximum is not None and value > limit.maximum:
        low = "" if limit.minimum is None else f"od {_plain(limit.minimum)} "
        high = "" if limit.maximum is None else f"do {_plain(limit.maximum)}"
        found.append(_problem(path, line, "value", f"wartość {_plain(value)} jest poza dozwolonym zakresem wskaźnika „{indicator}” "
                                                   f"({low}{high})".replace(" )", ")"), "table.range"))
    if limit.first_year is not None and year < limit.first_year or limit.last_year is not None and year > limit.last_year:
        span = f"{limit.first_year}–{limit.last_year}" if limit.last_year is not None else f"od {limit.first_year}"
        found.append(_problem(path, line, "year", f"rok {year} jest poza latami wskaźnika „{indicator}” ({span}); popraw rok albo "
                                                  "pole years w definicji", "table.range"))
    return found


def _plain(number: float) -> str:
    return f"{number:g}" if abs(number) < 1e15 else repr(number)
