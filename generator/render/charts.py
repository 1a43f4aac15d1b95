"""Static SVG charts: pure functions from a `Chart` (plain data) to SVG text. No JavaScript, no fonts
or files from the network, no cache: a chart takes about a millisecond, so a national build draws
hundreds of them in well under a second.

Each chart is drawn twice: the wide drawing and, beside it (`narrow_path`), the phone one; the pages
show one or the other by screen width and put the same data beside them as a table with a CSV file.
The drawing of each kind lives in its own module (chart_ranking, chart_boxes, chart_trend,
chart_gantt); what they share in chart_canvas.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.render.chart_boxes import boxes, boxes_narrow
from generator.render.chart_canvas import MIN_TEXT, NARROW, NARROW_SUFFIX, WIDTH, Chart, narrow_path
from generator.render.chart_gantt import gantt, gantt_narrow
from generator.render.chart_ranking import ranking, ranking_narrow
from generator.render.chart_trend import trend, trend_narrow

__all__ = ["MIN_TEXT", "NARROW", "NARROW_SUFFIX", "WIDTH", "Chart", "ChartRun", "draw_svg", "narrow_path", "render_charts",
           "with_narrow"]

DRAW: dict[str, Callable[[Chart], str]] = {"ranking": ranking, "boxes": boxes, "trend": trend, "gantt": gantt}
DRAW_NARROW: dict[str, Callable[[Chart], str]] = {"ranking": ranking_narrow, "boxes": boxes_narrow, "trend": trend_narrow,
                                                  "gantt": gantt_narrow}


def draw_svg(chart: Chart) -> str:
    """The chart as SVG text: the same bytes for the same chart."""
    return (DRAW_NARROW if chart.narrow else DRAW)[chart.kind](chart)


def with_narrow(charts: dict[str, Chart]) -> dict[str, Chart]:
    """Every chart and, beside it, its phone version (the pages show one or the other by screen width)."""
    out: dict[str, Chart] = {}
    for path, chart in charts.items():
        out[path] = chart
        out[narrow_path(path)] = replace(chart, narrow=True)
    return dict(sorted(out.items()))


@dataclass
class ChartRun:
    files: dict[str, str]       # path in the docs tree -> SVG text, in path order
    seconds: dict[str, float]   # CPU time of each chart
    wall: float = 0.0


def render_charts(charts: dict[str, Chart]) -> ChartRun:
    """Draw every chart; the files to write and how long each took (for `bdp build --timings` and the benchmark)."""
    started = time.perf_counter()
    files: dict[str, str] = {}
    seconds: dict[str, float] = {}
    for path, chart in sorted(charts.items()):
        begun = time.process_time()
        files[path] = draw_svg(chart)
        seconds[path] = time.process_time() - begun
    return ChartRun(files, seconds, time.perf_counter() - started)
