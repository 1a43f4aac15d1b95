"""Pure functions of the BDL import: unit ids to TERYT codes, API values to table rows, the report.

A BDL unit id has 12 digits: [0] level-0 digit, [1] macroregion, [2:4] voivodeship, [4] region,
[5:7] subregion, [7:9] powiat, [9:11] gmina, [11] gmina type (TERC digit). The TERYT (TERC) code
as this repository writes it is [2:4] for a voivodeship, [2:4]+[7:9] for a powiat and
[2:4]+[7:12] for a gmina; a city with powiat rights (powiat number 61 and above) is always
written as its 7-digit gmina code. Checked against published pairs: 011212161011 → 1261011
(Kraków), 071412865011 → 1465011 (Warszawa), 051011661011 and 051011661000 for Łódź (1061011),
011200000000 → 12 (małopolskie); Warsaw's districts (071412865028 Bemowo …) carry type digit 8.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from generator.content.teryt import CITY_POWIAT_FROM, GMINA_KINDS, NOT_SELF_GOVERNING

LEVELS = {"wojewodztwo": 2, "powiat": 5, "gmina": 6}
VALUE_ATTRIBUTE = 1  # attrId of a plainly published value ("wartość")
SKIPPED_ATTRIBUTES = (0,)  # attrId 0: val 0 where nothing is published (e.g. Warsaw's districts)


class MappingError(Exception):
    """The API's data cannot be turned into table rows (Polish message)."""


@dataclass(frozen=True)
class Unit:
    """Where a BDL unit goes: its TERYT code, or why it has none."""

    teryt: str | None
    reason: str = ""


def unit_teryt(unit_id: str) -> Unit:
    """The TERYT code of a BDL unit id, or the reason it is not a local government."""
    if len(unit_id) != 12 or not unit_id.isdigit():
        raise MappingError(f"identyfikator jednostki BDL „{unit_id}” nie ma 12 cyfr")
    voivodeship, powiat, gmina, kind = unit_id[2:4], unit_id[7:9], unit_id[9:11], unit_id[11]
    if voivodeship == "00":
        return Unit(None, "kraj albo makroregion, nie samorząd")
    if unit_id[4:] == "00000000":
        return Unit(voivodeship)
    if powiat == "00":
        return Unit(None, "region albo podregion statystyczny, nie samorząd")
    if gmina == "00" and kind == "0":
        if int(powiat) >= CITY_POWIAT_FROM:
            return Unit(f"{voivodeship}{powiat}011")  # the city with powiat rights, written as its gmina
        return Unit(voivodeship + powiat)
    if kind in GMINA_KINDS:
        return Unit(voivodeship + powiat + gmina + kind)
    return Unit(None, NOT_SELF_GOVERNING.get(kind, f"jednostka o cyfrze rodzaju {kind}, nie samorząd"))


@dataclass(frozen=True)
class Attribute:
    id: int
    name: str
    symbol: str
    description: str

    def note(self) -> str:
        text = self.description.strip() or self.name.strip() or self.symbol.strip()
        return f"GUS: {text}" if text else f"GUS: atrybut {self.id}"


def attributes_from(results: list[Any]) -> dict[int, Attribute]:
    """The attribute dictionary from the /attributes results."""
    found: dict[int, Attribute] = {}
    for item in results:
        if isinstance(item, dict) and isinstance(item.get("id"), int):
            found[item["id"]] = Attribute(item["id"], str(item.get("name") or ""), str(item.get("symbol") or ""),
                                          str(item.get("description") or ""))
    return found


@dataclass(frozen=True)
class Row:
    teryt: str
    year: int
    value: float
    note: str


@dataclass
class Outcome:
    """Rows for registered local governments and everything left out, by name and count."""

    rows: list[Row] = field(default_factory=list)
    units: int = 0
    values: int = 0
    unregistered: dict[str, tuple[str, int]] = field(default_factory=dict)  # teryt → (name, values)
    not_self_governing: dict[str, tuple[str, str]] = field(default_factory=dict)  # unit id → (name, reason)
    missing: list[tuple[str, int]] = field(default_factory=list)  # (name, year) with no value
    skipped_attributes: Counter[int] = field(default_factory=Counter)
    noted: Counter[int] = field(default_factory=Counter)
    merged: int = 0  # a city with powiat rights read at both levels with the same value


def _year(raw: Any, unit: str) -> int:
    try:
        year = int(str(raw))
    except ValueError:
        raise MappingError(f"rok „{raw}” jednostki {unit} nie jest liczbą") from None
    if not 1990 <= year <= 2100:
        raise MappingError(f"rok {year} jednostki {unit} jest poza zakresem 1990–2100")
    return year


def _number(raw: Any) -> float | None:
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)) and math.isfinite(raw):
        return float(raw)
    return None


def map_results(results: list[Any], registry: dict[str, str], attributes: dict[int, Attribute],
                skip: tuple[int, ...] = SKIPPED_ATTRIBUTES) -> Outcome:
    """Turn by-variable results into rows. Units outside `registry` (TERYT → name) are counted,
    not dropped silently; missing values and flagged values are counted too. Conflicting values
    for the same code and year raise MappingError."""
    out = Outcome()
    chosen: dict[tuple[str, int], tuple[Row, str]] = {}
    unknown: set[int] = set()
    for result in results:
        if not isinstance(result, dict) or not isinstance(result.get("id"), str) or not isinstance(result.get("values", []), list):
            raise MappingError("wynik API BDL bez identyfikatora jednostki („id”) albo listy wartości („values”)")
        unit_id, name = result["id"], str(result.get("name") or result["id"])
        out.units += 1
        unit = unit_teryt(unit_id)
        values = result.get("values", [])
        if unit.teryt is None:
            out.not_self_governing[unit_id] = (name, unit.reason)
            continue
        if unit.teryt not in registry:
            known = out.unregistered.get(unit.teryt, (name, 0))
            out.unregistered[unit.teryt] = (known[0], known[1] + len(values))
            continue
        for item in values:
            if not isinstance(item, dict):
                raise MappingError(f"wartość jednostki {name} ({unit_id}) nie jest obiektem z polami year, val, attrId")
            year = _year(item.get("year"), f"{name} ({unit_id})")
            attr = item.get("attrId", VALUE_ATTRIBUTE)
            value = _number(item.get("val"))
            if isinstance(attr, int) and attr in skip:
                out.skipped_attributes[attr] += 1
                continue
            if value is None:
                out.missing.append((name, year))
                continue
            if not isinstance(attr, int) or (attr != VALUE_ATTRIBUTE and attr not in attributes):
                unknown.add(attr if isinstance(attr, int) else -1)
                continue
            note = "" if attr == VALUE_ATTRIBUTE else attributes[attr].note()
            if attr != VALUE_ATTRIBUTE:
                out.noted[attr] += 1
            out.values += 1
            row = Row(unit.teryt, year, value, note)
            earlier = chosen.get((unit.teryt, year))
            if earlier is not None:
                if earlier[0].value != value:
                    raise MappingError(f"dla {registry[unit.teryt]} ({unit.teryt}) w roku {year} API BDL podaje dwie różne wartości: "
                                       f"{_plain(earlier[0].value)} ({earlier[1]}) i {_plain(value)} ({unit_id}); "
                                       "importuj poziomy gmin i powiatów osobno, jako różne wskaźniki (--level)")
                out.merged += 1
                continue
            chosen[(unit.teryt, year)] = (row, unit_id)
    if unknown:
        listed = ", ".join(str(a) for a in sorted(unknown))
        raise MappingError(f"API BDL oznaczyło wartości atrybutem spoza listy atrybutów (/attributes): {listed}; "
                           "nie wiadomo, co oznaczają, więc nic nie zapisano")
    out.rows = sorted((row for row, _ in chosen.values()), key=lambda r: (r.teryt, r.year))
    return out


def _plain(number: float) -> str:
    """A number as the tables write it: no exponent, no trailing .0."""
    if number.is_integer():
        return str(int(number))
    text = repr(number)
    if "e" in text or "E" in text:
        text = f"{number:.15f}".rstrip("0").rstrip(".")
    return text


def csv_text(rows: list[Row], indicator: str, source: str) -> str:
    """The tidy table in the repository's format (schema/indicator-table.tableschema.json)."""
    lines = ["teryt,indicator,year,value,note,source"]
    for row in rows:
        note = row.note
        if any(c in note for c in ',"\n\r'):
            note = '"' + note.replace('"', '""') + '"'
        lines.append(f"{row.teryt},{indicator},{row.year},{_plain(row.value)},{note},{source}")
    return "\n".join(lines) + "\n"


def variable_name(variable: dict[str, Any], subject: str) -> str:
    """A readable variable name: the subject's name and the variable's dimensions n1…n5."""
    parts = [str(variable[f"n{i}"]).strip() for i in range(1, 6) if variable.get(f"n{i}")]
    head = subject.strip()
    return " — ".join([head, ", ".join(parts)] if head and parts else [head or ", ".join(parts)])


def counted_names(entries: dict[str, tuple[str, int]], limit: int = 20) -> str:
    """'Kraków (1261011, 3 wartości), …' — the first `limit` by name, then how many more."""
    from generator.polish import plural, sort_key

    items = sorted(entries.items(), key=lambda kv: sort_key(kv[1][0]))
    text = ", ".join(f"{name} ({code}, {plural(n, 'wartość', 'wartości', 'wartości')})" for code, (name, n) in items[:limit])
    rest = len(items) - limit
    return text + (f" i {plural(rest, 'inna', 'inne', 'innych')}" if rest > 0 else "")


def grouped_missing(missing: list[tuple[str, int]], limit: int = 20) -> str:
    by_name: dict[str, list[int]] = defaultdict(list)
    for name, year in missing:
        by_name[name].append(year)
    from generator.polish import sort_key

    names = sorted(by_name, key=sort_key)
    text = ", ".join(f"{n} ({', '.join(str(y) for y in sorted(by_name[n]))})" for n in names[:limit])
    return text + (f" i {len(names) - limit} innych" if len(names) > limit else "")
