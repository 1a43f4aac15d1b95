"""The trend chart: values over the years as lines with markers, an optional band (middle quartiles)
and an optional shaded period (when a practice ran)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from generator.render.chart_canvas import (
    ACCENT,
    GREY,
    MIN_TEXT,
    NARROW,
    PRIMARY,
    WIDTH,
    Canvas,
    Chart,
    NarrowCanvas,
    Scale,
    coord,
    text,
    ticks,
)
from generator.render.numbers import number

STYLES = [(PRIMARY, "", "circle"), (ACCENT, "8 4", "square"), (GREY, "8 3 2 3", "triangle"), ("#3b6e22", "2 3", "diamond")]


@dataclass(frozen=True)
class Plot:
    """Where the plot area of a trend chart lies and how its labels are set."""

    top: float
    bottom: float
    left: int
    right: int
    tick_count: int     # value ticks wanted on the vertical axis
    tick_gap: int       # between a value label and the axis
    year_gap: int       # between the axis and a year label
    year_step: int      # every year_step-th year is labelled


def marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "circle":
        return f'<circle cx="{coord(x)}" cy="{coord(y)}" r="4" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{coord(x - 4)}" y="{coord(y - 4)}" width="8" height="8" fill="{colour}"/>'
    if shape == "triangle":
        return f'<path d="M{coord(x)} {coord(y - 5)}L{coord(x + 5)} {coord(y + 4)}L{coord(x - 5)} {coord(y + 4)}Z" fill="{colour}"/>'
    return f'<path d="M{coord(x)} {coord(y - 5)}L{coord(x + 5)} {coord(y)}L{coord(x)} {coord(y + 5)}L{coord(x - 5)} {coord(y)}Z" fill="{colour}"/>'


def plot(canvas: Canvas | NarrowCanvas, chart: Chart, area: Plot) -> tuple[Scale, Scale]:
    """The scales of a trend chart (wide or narrow) and what lies under its lines: the period band,
    the value grid with its labels, the year labels and the two axes; returns (year -> x, value -> y)."""
    years, band, period = chart.data["years"], chart.data.get("band"), chart.data.get("period")
    numbers = [v for _, values in chart.data["series"] for v in values if v is not None] + (list(band[1] + band[2]) if band else [])
    low, high = min(numbers, default=0.0), max(numbers, default=1.0)
    pad = (high - low) * 0.05 or 1.0
    found = ticks(low - pad, high + pad, area.tick_count)
    low, high = found[0], found[-1]
    first, last = min(years, default=0) - 0.5, max(years, default=1) + 0.5
    top, bottom, left, right = area.top, area.bottom, area.left, area.right

    def x(year: float) -> float:
        return left + (year - first) / (last - first) * (right - left)

    def y(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)
    if period:
        canvas.add(f'<rect x="{coord(x(period[0] - 0.5))}" y="{coord(top)}" width="{coord(x(period[1] + 0.5) - x(period[0] - 0.5))}" '
                   f'height="{coord(bottom - top)}" fill="url(#period)" stroke="{GREY}" stroke-width="0.5"/>')
    for tick in found:
        canvas.add(f'<line x1="{left}" y1="{coord(y(tick))}" x2="{right}" y2="{coord(y(tick))}" stroke="#dddddd" stroke-width="1"/>',
                   text(left - area.tick_gap, y(tick), number(tick), anchor="end", size=MIN_TEXT))
    for year in years[::area.year_step]:
        canvas.add(text(x(year), bottom + area.year_gap, str(year), anchor="middle", size=MIN_TEXT))
    canvas.add(f'<line x1="{left}" y1="{coord(bottom)}" x2="{right}" y2="{coord(bottom)}" stroke="{GREY}" stroke-width="1"/>',
               f'<line x1="{left}" y1="{coord(top)}" x2="{left}" y2="{coord(bottom)}" stroke="{GREY}" stroke-width="1"/>')
    return x, y


def lines(canvas: Canvas | NarrowCanvas, chart: Chart, x: Scale, y: Scale) -> list[tuple[str, str]]:
    """The band, the series' lines and markers of a trend chart (wide or narrow); returns the legend
    entries (label, sample drawing) for the caller to lay out."""
    years, band = chart.data["years"], chart.data.get("band")
    legend: list[tuple[str, str]] = []
    if band:
        points = [(x(yr), y(v)) for yr, v in zip(years, band[2], strict=True)] + [(x(yr), y(v)) for yr, v in reversed(list(zip(years, band[1], strict=True)))]
        canvas.add('<path d="M' + "L".join(f"{coord(a)} {coord(b)}" for a, b in points) + f'Z" fill="url(#dots)" stroke="{PRIMARY}" '
                   'stroke-width="0.5"/>')
        legend.append((band[0], f'<rect width="22" height="12" fill="url(#dots)" stroke="{PRIMARY}" stroke-width="0.5"/>'))
    for index, (label, values) in enumerate(chart.data["series"]):
        colour, dash, shape = STYLES[index % len(STYLES)]
        points = [(x(yr), y(v)) for yr, v in zip(years, values, strict=True) if v is not None]
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        if len(points) > 1:
            canvas.add('<path d="M' + "L".join(f"{coord(a)} {coord(b)}" for a, b in points) + f'" fill="none" stroke="{colour}" '
                       f'stroke-width="2"{dashes}/>')
        canvas.add(*(marker(shape, a, b, colour) for a, b in points))
        legend.append((label, f'<line x1="0" y1="6" x2="22" y2="6" stroke="{colour}" stroke-width="2"{dashes}/>' + marker(shape, 11, 6, colour)))
    if chart.data.get("period"):
        legend.append(("okres realizacji praktyki", f'<rect width="22" height="12" fill="url(#period)" stroke="{GREY}" stroke-width="0.5"/>'))
    return legend


def _entries(chart: Chart) -> int:
    return len(chart.data["series"]) + bool(chart.data.get("band")) + bool(chart.data.get("period"))


def _year_step(years: list[Any], width: float, room: float) -> int:
    """Every how many years a label fits: a year label is about 30 px wide at 11 px, `room` with its gap."""
    return max(1, math.ceil(room / (width / max(len(years), 1))))


def trend(chart: Chart) -> str:
    """data: years; series [[label, [values or None]]]; band [label, [q1], [q3]] or None; unit; period [start, end] or None."""
    left, right = 70, WIDTH - 20
    area = Plot(50, 290, left, right, tick_count=5, tick_gap=6, year_gap=14,
                year_step=_year_step(chart.data["years"], right - left, 34))
    canvas = Canvas(area.bottom + 40 + 20 * _entries(chart) + (20 if chart.example else 0), chart)
    x, y = plot(canvas, chart, area)
    if chart.data.get("unit"):
        canvas.add(text(area.left, area.top - 12, chart.data["unit"], size=11))
    for index, (label, sample) in enumerate(lines(canvas, chart, x, y)):
        top_y = area.bottom + 30 + 20 * index
        canvas.add(f'<g transform="translate({area.left} {coord(top_y)})">{sample}</g>', text(area.left + 30, top_y + 6, label, size=11))
    return canvas.svg()


def trend_narrow(chart: Chart) -> str:
    """The phone layout: the unit above the plot, fewer value ticks, the legend stacked under it."""
    canvas = NarrowCanvas(chart)
    if chart.data.get("unit"):
        canvas.lines(chart.data["unit"])
    top = canvas.y + 6
    left, right = 50, NARROW - 12
    area = Plot(top, top + 190, left, right, tick_count=4, tick_gap=4, year_gap=12,
                year_step=_year_step(chart.data["years"], right - left, 34))
    x, y = plot(canvas, chart, area)
    legend = lines(canvas, chart, x, y)
    canvas.y = area.bottom + 28
    for label, sample in legend:
        canvas.add(f'<g transform="translate(10 {coord(canvas.y)})">{sample}</g>')
        canvas.lines(label, x=40)
        canvas.y += 4
    return canvas.svg()
