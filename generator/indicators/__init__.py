"""Indicator tables, derived comparisons, static SVG charts and the open data published with the site."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.indicators.charts import ChartRun
    from generator.model import SiteModel


def indicator_files(model: "SiteModel", root: Path) -> tuple[dict[str, str | Path], "ChartRun"]:
    """Files the indicator pages need beside them: charts and CSV downloads (the open data under
    dane/ is generator.indicators.opendata's)."""
    from generator.indicators.charts import render_charts, with_narrow

    site = model.indicator_site
    run = render_charts(with_narrow(site.charts), root / "build" / "cache" / "charts")
    return {**site.files, **run.files}, run
