"""The box plot: the distribution of values in each peer group (quartiles, median, min–max)."""
from __future__ import annotations

from typing import Any

from generator.render.chart_canvas import (
    ACCENT,
    BAND,
    GREY,
    NARROW,
    PRIMARY,
    WIDTH,
    Chart,
    NarrowCanvas,
    coord,
    narrow_x_axis,
    one_line,
    rows_layout,
    text,
    x_axis,
)

LEGEND = "skrzynka: ćwiartki środkowe, gruba kreska: mediana, wąsy: min.–maks."


def _range(groups: list[Any]) -> tuple[float, float]:
    low = min((g[1] for g in groups), default=0.0)
    high = max((g[5] for g in groups), default=1.0)
    return low, high if high > low else low + 1


def _legend(unit: str) -> str:
    return (unit + " — " if unit else "") + LEGEND


def boxes(chart: Chart) -> str:
    """data: groups [[label, min, q1, median, q3, max, n]]; unit."""
    groups = chart.data["groups"]
    row_h = 32
    labels = [f"{g[0]} (n={g[6]})" for g in groups]
    canvas, top, bottom, left = rows_layout(chart, labels, row_h)
    x = x_axis(canvas, left, WIDTH - 20, top, bottom, *_range(groups), _legend(chart.data.get("unit", "")))
    for index, (label, g) in enumerate(zip(labels, groups, strict=True)):
        y = top + index * row_h + row_h / 2
        canvas.add(text(left - 6, y, label, anchor="end"),
                   f'<line x1="{coord(x(g[1]))}" y1="{coord(y)}" x2="{coord(x(g[5]))}" y2="{coord(y)}" stroke="{GREY}" stroke-width="1.5"/>',
                   *(f'<line x1="{coord(x(v))}" y1="{coord(y - 6)}" x2="{coord(x(v))}" y2="{coord(y + 6)}" stroke="{GREY}" stroke-width="1.5"/>'
                     for v in (g[1], g[5])),
                   f'<rect x="{coord(x(g[2]))}" y="{coord(y - 10)}" width="{coord(max(x(g[4]) - x(g[2]), 1))}" height="20" fill="{BAND}" '
                   f'stroke="{PRIMARY}" stroke-width="1.5"/>',
                   f'<line x1="{coord(x(g[3]))}" y1="{coord(y - 10)}" x2="{coord(x(g[3]))}" y2="{coord(y + 10)}" stroke="{ACCENT}" stroke-width="3.5"/>')
    return canvas.svg()


def boxes_narrow(chart: Chart) -> str:
    """The phone layout: each group's label above its box."""
    groups = chart.data["groups"]
    canvas = NarrowCanvas(chart)
    row_h, top = 44, canvas.y
    bottom = top + row_h * len(groups)
    x = narrow_x_axis(canvas, 14, NARROW - 14, top, bottom, *_range(groups))
    for index, g in enumerate(groups):
        y = top + index * row_h
        mid = y + 30
        canvas.add(text(10, y + 9, one_line(f"{g[0]} (n={g[6]})", 12), size=12),
                   f'<line x1="{coord(x(g[1]))}" y1="{coord(mid)}" x2="{coord(x(g[5]))}" y2="{coord(mid)}" stroke="{GREY}" stroke-width="1.5"/>',
                   *(f'<line x1="{coord(x(v))}" y1="{coord(mid - 6)}" x2="{coord(x(v))}" y2="{coord(mid + 6)}" stroke="{GREY}" stroke-width="1.5"/>'
                     for v in (g[1], g[5])),
                   f'<rect x="{coord(x(g[2]))}" y="{coord(mid - 9)}" width="{coord(max(x(g[4]) - x(g[2]), 1))}" height="18" fill="{BAND}" '
                   f'stroke="{PRIMARY}" stroke-width="1.5"/>',
                   f'<line x1="{coord(x(g[3]))}" y1="{coord(mid - 9)}" x2="{coord(x(g[3]))}" y2="{coord(mid + 9)}" stroke="{ACCENT}" stroke-width="3.5"/>')
    canvas.lines(_legend(chart.data.get("unit", "")))
    return canvas.svg()
