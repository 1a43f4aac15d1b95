"""The ranking chart: one horizontal bar per local government, best first."""
from __future__ import annotations

from generator.render.chart_canvas import (
    GREY,
    MIN_TEXT,
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
from generator.render.numbers import number


def _range(values: list[float]) -> tuple[float, float]:
    """Bars start at zero: the value range widened to include it."""
    return min(0.0, min(values, default=0.0)), max(0.0, max(values, default=0.0)) or 1.0


def ranking(chart: Chart) -> str:
    """data: rows [[label, value, highlighted]], best first; unit; gap_after (index) when rows are cut."""
    rows = chart.data["rows"]
    row_h = 22
    canvas, top, bottom, left = rows_layout(chart, [r[0] for r in rows], row_h)
    low, high = _range([r[1] for r in rows])
    x = x_axis(canvas, left, WIDTH - 70, top, bottom, low, high, chart.data.get("unit", ""))
    zero = x(0.0)
    for index, (label, value, highlighted) in enumerate(rows):
        y = top + index * row_h
        start, end = sorted((zero, x(value)))
        fill = "url(#hatch)" if highlighted else PRIMARY
        canvas.add(text(left - 6, y + row_h / 2, label, anchor="end"),
                   f'<rect x="{coord(start)}" y="{coord(y + 3)}" width="{coord(max(end - start, 0.5))}" height="{row_h - 6}" fill="{fill}" '
                   f'stroke="{PRIMARY}" stroke-width="1"/>',
                   text(end + 4, y + row_h / 2, number(value), size=11))
        if chart.data.get("gap_after") == index:
            canvas.add(f'<line x1="10" y1="{coord(y + row_h)}" x2="{WIDTH - 10}" y2="{coord(y + row_h)}" stroke="{GREY}" stroke-width="1.5" '
                       'stroke-dasharray="2 3"/>')
    return canvas.svg()


def ranking_narrow(chart: Chart) -> str:
    """The phone layout: each label above its bar."""
    rows = chart.data["rows"]
    canvas = NarrowCanvas(chart)
    row_h, top = 36, canvas.y
    bottom = top + row_h * len(rows)
    low, high = _range([r[1] for r in rows])
    x = narrow_x_axis(canvas, 10, NARROW - 56, top, bottom, low, high)
    zero = x(0.0)
    for index, (label, value, highlighted) in enumerate(rows):
        y = top + index * row_h
        start, end = sorted((zero, x(value)))
        fill = "url(#hatch)" if highlighted else PRIMARY
        canvas.add(text(10, y + 9, one_line(label, 12), size=12, weight="bold" if highlighted else "normal"),
                   f'<rect x="{coord(start)}" y="{coord(y + 18)}" width="{coord(max(end - start, 0.5))}" height="14" fill="{fill}" '
                   f'stroke="{PRIMARY}" stroke-width="1"/>',
                   text(max(end, zero) + 4, y + 25, number(value), size=MIN_TEXT))
        if chart.data.get("gap_after") == index:
            canvas.add(f'<line x1="10" y1="{coord(y + row_h - 1)}" x2="{NARROW - 10}" y2="{coord(y + row_h - 1)}" stroke="{GREY}" '
                       'stroke-width="1.5" stroke-dasharray="2 3"/>')
    if chart.data.get("unit"):
        canvas.lines(chart.data["unit"])
    return canvas.svg()
