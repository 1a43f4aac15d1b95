"""Indicator tables, derived comparisons, static SVG charts and the open data published with the site."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.indicators.charts import ChartRun
    from generator.model import SiteModel


def indicator_files(model: "SiteModel", root: Path, opendata: bool = True) -> tuple[dict[str, str | Path], "ChartRun"]:
    """Files the indicator pages need beside them (charts, CSV downloads) and (unless the caller
    makes them elsewhere) the open data under dane/."""
    from generator.indicators.charts import render_charts
    from generator.indicators.opendata import plan_opendata

    site = model.indicator_site
    run = render_charts(site.charts, root / "build" / "cache" / "charts")
    published = plan_opendata(model, root)[0] if opendata else {}
    return {**site.files, **run.files, **published}, run
