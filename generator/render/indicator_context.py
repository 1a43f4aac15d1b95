"""What the indicator sections are built from and into: the derived data with lookups made once
(`Context`) and the sections, charts and CSV files collected (`IndicatorSite`)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from generator.content.records import Record
from generator.derive.indicator_views import overall_index
from generator.derive.indicators import Derived
from generator.derive.model import SiteModel
from generator.render.chart_canvas import Chart
from generator.render.pages.common import link


@dataclass
class IndicatorSite:
    """Everything the indicator data adds to the site: Markdown sections per page, charts and CSV files by path."""

    indicator_sections: dict[str, str] = field(default_factory=dict)
    jst_sections: dict[str, str] = field(default_factory=dict)
    practice_sections: dict[str, str] = field(default_factory=dict)
    procedure_sections: dict[str, str] = field(default_factory=dict)
    charts: dict[str, Chart] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    example: set[str] = field(default_factory=set)
    derived: Derived | None = None
    # The comparison's indicator cells per TERYT code (render/pages/compare.py), made once per layer: an
    # edit of a practice changes none of them, so a preview does not compute them again.
    compare_cells: dict[str, dict[str, list[list[Any]]]] | None = None


class Context:
    """The model and the derived data, with the lookups every section needs made once."""

    def __init__(self, model: SiteModel, derived: Derived, site: IndicatorSite) -> None:
        self.model = model
        self.d = derived
        self.site = site
        self.indicators = {r.id: r for r in model.all("indicator")}
        self.example = set(derived.example)
        self.overall = overall_index(derived)
        self.by_indicator: dict[str, pd.DataFrame] = {str(name): part for name, part in derived.values.groupby("indicator", sort=True)}
        self.empty = derived.values.iloc[0:0]
        self._links: dict[tuple[str, str], str] = {}
        self._tables_of: dict[str, list[str]] | None = None

    def jst_type(self, code: str) -> str:
        jst = self.model.jst_by_code.get(code)
        return str(jst.get("type")) if jst else ""

    def name(self, code: str) -> str:
        jst = self.model.jst_by_code.get(code)
        return str(jst.get("name")) if jst else code

    def tables_of(self, indicator: str) -> list[str]:
        """The ids of the indicator tables that hold values of an indicator."""
        if self._tables_of is None:
            self._tables_of = defaultdict(list)
            for table in sorted(self.model.tables, key=lambda t: t.id):
                for name in table.frame["indicator"].unique().tolist():
                    self._tables_of[name].append(table.id)
        return self._tables_of.get(indicator, [])

    def jst_link(self, page: str, indicator: Record) -> str:
        """Link from a local-government page to an indicator; the same for every such page, so made once."""
        key = (page.rsplit("/", 1)[0], indicator.id)
        if key not in self._links:
            self._links[key] = link(page, indicator, str(indicator.get("short_name") or indicator.get("name")))
        return self._links[key]

    def values_of(self, indicator: str) -> Any:
        return self.by_indicator.get(indicator, self.empty)
