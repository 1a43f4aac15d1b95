"""Temporal coverage of the open-data sets (issue 15, item 6): the years each published dataset covers,
read from the records (period, years, year) and the indicator tables, for the DCAT-AP metadata
(generator/render/dcat.py). Pure: no I/O."""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from generator.content.recordtypes import ALL_TYPES
from generator.derive.model import SiteModel

Years = tuple[int, int]
_YEAR = re.compile(r"^(\d{4})")


def _year(value: Any) -> int | None:
    """2014 from 2014, "2014", "2014-02" or "2014-02-01"; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1000 <= value <= 9999 else None
    match = _YEAR.match(value) if isinstance(value, str) else None
    return int(match.group(1)) if match else None


def record_years(data: dict[str, Any]) -> list[int]:
    """The years a record speaks of: its period (start, end), its years (start, end), its year."""
    found = [_year(data.get("year"))]
    for key in ("period", "years"):
        span = data.get(key)
        if isinstance(span, dict):
            found += [_year(span.get("start")), _year(span.get("end"))]
    return [year for year in found if year is not None]


def span(years: Iterable[int]) -> Years | None:
    """(first, last) of the years, or None when there are none."""
    listed = sorted(years)
    return (listed[0], listed[-1]) if listed else None


def dataset_years(model: SiteModel) -> dict[str, Years]:
    """Per dataset key (a record type's url_dir, `wskazniki/<table id>` for an indicator table), the
    years it covers; a dataset whose records name no year is left out (it has no temporal coverage)."""
    coverage: dict[str, Years] = {}
    for rtype in ALL_TYPES:
        if getattr(rtype, "private", False) or rtype.name not in model.records:
            continue
        found = span(year for record in model.all(rtype.name) for year in record_years(record.data))
        if found:
            coverage[rtype.url_dir] = found
    for table in model.tables:
        found = span(int(year) for year in table.year)
        if found:
            coverage[f"wskazniki/{table.id}"] = found
    return coverage
