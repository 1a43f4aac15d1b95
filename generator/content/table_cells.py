"""The cells of an indicator table: the patterns a cell must match, checked over whole columns at
once, and the wording of a problem in a cell or a row."""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd

from generator.problems import Problem


def table_problem(path: str, line: int, column: str, message: str, rule: str) -> Problem:
    """A problem of one cell: the file, the row (line) and the column named."""
    return Problem(path, line, f"/{line}/{column}", f"wiersz {line}, kolumna „{column}”: {message}", rule)


def teryt_problem(cell: str) -> str | None:
    if cell.isdigit() and len(cell) in (2, 4, 7) and cell.isascii():
        return None
    if cell.isdigit() and len(cell) in (1, 3, 6):
        return (f"„{cell}” nie jest kodem TERYT — ma {len(cell)} cyfr; arkusz kalkulacyjny mógł usunąć zero z początku "
                f"(powinno być „0{cell}”); zapisz kolumnę teryt jako tekst")
    return f"„{cell}” nie jest kodem TERYT: kod ma 2 cyfry (województwo), 4 (powiat) albo 7 (gmina)"


def columns_problem(path: str, line: int, cells: int, width: int) -> Problem:
    return Problem(path, line, f"/{line}", f"wiersz {line} ma {cells} komórek, a nagłówek {width} kolumn; "
                                           "sprawdź przecinki (liczby dziesiętne zapisuj z kropką)", "table.columns")


TERYT = r"[0-9]{2}|[0-9]{4}|[0-9]{7}"
YEAR = r"[0-9]{4}"
VALUE = r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def may_need_strip(text: str) -> bool:
    """False when no cell can start or end with white space (then no cell needs str.strip)."""
    if '"' in text or "\t" in text or text.startswith(" "):
        return True
    if ", " in text or " ," in text or "\n " in text or " \n" in text or text.endswith(" "):
        return True
    return OTHER_SPACE.search(text) is not None


# what str.strip() removes besides the space and the line break (\r, \v, \f, no-break space...)
OTHER_SPACE = re.compile("[\t\r\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


@lru_cache(maxsize=1 << 16)
def _fullmatch(pattern: str, cell: str) -> bool:
    """Codes and names repeat in every table: each distinct one is checked once per build."""
    return re.fullmatch(pattern, cell) is not None


def matches(column: pd.Series, pattern: str) -> np.ndarray:
    """Which cells match the pattern, checking each distinct value once (codes and names repeat a lot)."""
    accepted = [cell for cell in pd.unique(column.to_numpy()) if _fullmatch(pattern, cell)]
    return column.isin(accepted).to_numpy()


def matches_each(column: pd.Series, pattern: str) -> np.ndarray:
    """Which cells match the pattern, with one regular-expression scan over all of them joined by new lines."""
    cells = column.tolist()
    ok = np.ones(len(cells), dtype=bool)
    joined = "\n".join(cells)
    if joined.count("\n") != len(cells) - 1:  # a quoted cell with a line break
        return np.array([re.fullmatch(pattern, cell) is not None for cell in cells], dtype=bool)
    starts = np.cumsum([0] + [len(cell) + 1 for cell in cells[:-1]])
    for match in re.finditer(f"^(?!(?:{pattern})$).*$", joined, re.MULTILINE):
        ok[np.searchsorted(starts, match.start(), side="right") - 1] = False
    return ok
