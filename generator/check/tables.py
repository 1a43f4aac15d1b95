"""Cross-record checks of the indicator table rows: known TERYT, indicator and source, the indicator's
range and years, no row twice. Pure: the tables are read (and checked on their own) by
generator.content.tables."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from generator.content.records import Record
from generator.content.table_cells import table_problem as _problem
from generator.content.tables import Table
from generator.problems import Problem


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
    """Cross-record checks of the rows: known TERYT, indicator and source, ranges, years, duplicates.

    Every check runs on whole columns; the rows that fail one are then looked at one by one to
    name all their problems, with the same messages as a row-by-row check.
    """
    tables = list(tables)
    codes: set[str] = set()
    for record in records:
        if record.type.name == "jst":
            # as typed, even if YAML read it as a number (the schema reports that once, in the jst record)
            code = record.get("teryt") if isinstance(record.get("teryt"), str) else record.plain_scalars.get("/teryt")
            if code:
                codes.add(code)
    limits = {r.id: _limits(r) for r in records if r.type.name == "indicator"}
    sources = {r.id for r in records if r.type.name == "source"}
    if not tables:
        return [], []
    sizes = [len(t) for t in tables]
    frame = pd.concat([t.frame for t in tables], ignore_index=True)
    if frame.empty:
        return tables, []
    indicator = frame["indicator"]
    value, year, source = frame["value"], frame["year"], frame["source"]
    known = indicator.isin(limits.keys())

    def limit_of(name: str) -> pd.Series:
        return indicator.map({i: (np.nan if getattr(lim, name) is None else float(getattr(lim, name))) for i, lim in limits.items()})
    bad = ~frame["teryt"].isin(codes) | ~known
    bad |= indicator.map({i: lim.composite for i, lim in limits.items()}).eq(True)
    bad |= (value < limit_of("minimum")) | (value > limit_of("maximum"))
    bad |= (year < limit_of("first_year")) | (year > limit_of("last_year"))
    example = indicator.map({i: lim.example for i, lim in limits.items()}).eq(True)
    has_source = source != ""
    bad |= known & ((has_source & ~source.isin(sources)) | (~has_source & ~example))
    keys = ["teryt", "indicator", "year"]
    repeated = frame.duplicated(keys, keep="first")
    bad |= repeated
    problems: list[Problem] = []
    if bad.any():
        owner = np.repeat(np.arange(len(tables)), sizes)
        first: dict[tuple[str, str, int], tuple[str, int]] = {}
        if repeated.any():
            wanted = frame[repeated][keys].drop_duplicates()
            firsts = frame[~repeated].reset_index().merge(wanted, on=keys)
            first = {(t, i, int(y)): (tables[owner[n]].path, int(line)) for t, i, y, n, line in
                     zip(firsts["teryt"], firsts["indicator"], firsts["year"], firsts["index"], firsts["lines"], strict=True)}
        for n in map(int, np.flatnonzero(bad.to_numpy())):
            row = frame.iloc[n]
            problems += _cross_problems(tables[owner[n]].path, int(row["lines"]), row["teryt"], row["indicator"], int(row["year"]),
                                        float(row["value"]), row["source"], codes, limits, sources,
                                        first.get((row["teryt"], row["indicator"], int(row["year"]))) if repeated.iat[n] else None)
    keep = ~bad.to_numpy()
    checked, offset = [], 0
    for table, size in zip(tables, sizes, strict=True):
        mask = keep[offset:offset + size]
        offset += size
        checked.append(table if mask.all() else table.keep(mask))
    return checked, problems


def _cross_problems(path: str, line: int, teryt: str, indicator: str, year: int, value: float, source: str, codes: set[str],
                    limits: dict[str, Limits], sources: set[str], first: tuple[str, int] | None) -> list[Problem]:
    found = []
    if teryt not in codes:
        found.append(_problem(path, line, "teryt", f"nieznany kod TERYT „{teryt}” — nie ma takiego samorządu "
                                                   "w registry/jst/; sprawdź kod albo dodaj rekord", "ref.jst"))
    limit = limits.get(indicator)
    if limit is None:
        found.append(_problem(path, line, "indicator", f"nieznany wskaźnik „{indicator}” — nie ma pliku indicators/{indicator}.yaml",
                              "ref.indicator"))
    else:
        found += _limit_problems(limit, path, line, indicator, year, value)
        if source and source not in sources:
            found.append(_problem(path, line, "source", f"nieznane źródło „{source}” — nie ma takiego rekordu w registry/sources/",
                                  "ref.source"))
        elif not source and not limit.example:
            found.append(_problem(path, line, "source", f"brak źródła wartości: wskaźnik „{indicator}” nie ma w definicji "
                                                        "example_data: true, więc każdy wiersz musi wskazywać źródło", "table.source"))
    if first is not None:
        found.append(_problem(path, line, "year", f"powtórzony wiersz: wartość wskaźnika „{indicator}” dla {teryt} za {year} r. "
                                                  f"jest już w {first[0]}, wiersz {first[1]}", "table.duplicate"))
    return found


def _limit_problems(limit: Limits, path: str, line: int, indicator: str, year: int, value: float) -> list[Problem]:
    found = []
    if limit.composite:
        found.append(_problem(path, line, "indicator", f"„{indicator}” jest indeksem złożonym: jego wartości wylicza się ze składowych, "
                                                       "nie wpisuje do tabeli", "table.composite"))
    if (limit.minimum is not None and value < limit.minimum) or (limit.maximum is not None and value > limit.maximum):
        low = "" if limit.minimum is None else f"od {_plain(limit.minimum)} "
        high = "" if limit.maximum is None else f"do {_plain(limit.maximum)}"
        found.append(_problem(path, line, "value", f"wartość {_plain(value)} jest poza dozwolonym zakresem wskaźnika „{indicator}” "
                                                   f"({low}{high})".replace(" )", ")"), "table.range"))
    if (limit.first_year is not None and year < limit.first_year) or (limit.last_year is not None and year > limit.last_year):
        span = f"{limit.first_year}–{limit.last_year}" if limit.last_year is not None else f"od {limit.first_year}"
        found.append(_problem(path, line, "year", f"rok {year} jest poza latami wskaźnika „{indicator}” ({span}); popraw rok albo "
                                                  "pole years w definicji", "table.range"))
    return found


def _plain(number: float) -> str:
    return f"{number:g}" if abs(number) < 1e15 else repr(number)
