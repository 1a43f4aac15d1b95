"""The Gantt chart: periods of a procedure's tasks (or of one task's steps) on an axis of months."""
from __future__ import annotations

from generator.render.chart_canvas import (
    GREY,
    MIN_TEXT,
    MONTHS_SHORT,
    NARROW,
    PRIMARY,
    WIDTH,
    Canvas,
    Chart,
    NarrowCanvas,
    coord,
    label_width,
    one_line,
    text,
)


def _month_step(width: float, span: int) -> int:
    """Every how many months a label fits (month over year, about 24 px wide at 11 px): at least 30 px apart."""
    return next(s for s in (1, 2, 3, 6, 12, 24, 48) if width / span * s >= 30)


def _label_x(x: float, left: float, right: float) -> float:
    """A month label centred on its month, but kept inside the plot (a year is about 28 px wide at 11 px)."""
    return min(max(x, left + 14), right - 14)


def gantt(chart: Chart) -> str:
    """data: first (month index = year*12 + month-1), last; rows [[label, [[start, end]...], level, note]]."""
    rows = chart.data["rows"]
    first, last = chart.data["first"], chart.data["last"]
    row_h, top = 24, 40
    bottom = top + row_h * len(rows)
    canvas = Canvas(bottom + 50 + (20 if chart.example else 0), chart)
    left = label_width([r[0] for r in rows])
    months = list(range(first, last + 1))
    span = len(months) + 2
    notes = max((len(r[3]) for r in rows), default=0) * 6.8   # 11 px text
    right = WIDTH - 10 - min(notes, 200)

    def x(month: float) -> float:
        return float(left + (month - first) / span * (right - left))
    for month in months[::_month_step(right - left, span)]:
        canvas.add(f'<line x1="{coord(x(month + 0.5))}" y1="{top}" x2="{coord(x(month + 0.5))}" y2="{coord(bottom)}" stroke="#dddddd" stroke-width="1"/>',
                   text(_label_x(x(month + 0.5), left, right), bottom + 12, MONTHS_SHORT[month % 12], anchor="middle", size=MIN_TEXT),
                   text(_label_x(x(month + 0.5), left, right), bottom + 26, str(month // 12), anchor="middle", size=MIN_TEXT))
    canvas.add(f'<line x1="{coord(left)}" y1="{coord(bottom)}" x2="{coord(right)}" y2="{coord(bottom)}" stroke="{GREY}" stroke-width="1"/>')
    for index, (label, spans, level, note) in enumerate(rows):
        y = top + index * row_h
        canvas.add(text(left - 6, y + row_h / 2, label, anchor="end"))
        fill = PRIMARY if level == 0 else "url(#hatch)"
        end = None
        for start, stop in spans:
            canvas.add(f'<rect x="{coord(x(start))}" y="{coord(y + 4)}" width="{coord(x(stop + 1) - x(start))}" height="{row_h - 8}" fill="{fill}" '
                       f'stroke="{PRIMARY}" stroke-width="1"/>')
            end = max(end or 0, x(stop + 1))
        if note and end is not None:
            canvas.add(text(end + 4, y + row_h / 2, note, size=MIN_TEXT))
    return canvas.svg()


def gantt_narrow(chart: Chart) -> str:
    """The phone layout: each row's label (and note) above its bars, fewer month labels."""
    rows = chart.data["rows"]
    first, last = chart.data["first"], chart.data["last"]
    canvas = NarrowCanvas(chart)
    row_h, top = 36, canvas.y
    bottom = top + row_h * len(rows)
    left, right = 10, NARROW - 10
    months = list(range(first, last + 1))
    span = len(months) + 1

    def x(month: float) -> float:
        return float(left + (month - first) / span * (right - left))
    for month in months[::_month_step(right - left, span)]:
        canvas.add(f'<line x1="{coord(x(month + 0.5))}" y1="{coord(top)}" x2="{coord(x(month + 0.5))}" y2="{coord(bottom)}" stroke="#dddddd" stroke-width="1"/>',
                   text(_label_x(x(month + 0.5), left, right), bottom + 12, MONTHS_SHORT[month % 12], anchor="middle", size=MIN_TEXT),
                   text(_label_x(x(month + 0.5), left, right), bottom + 26, str(month // 12), anchor="middle", size=MIN_TEXT))
    canvas.add(f'<line x1="{coord(left)}" y1="{coord(bottom)}" x2="{coord(right)}" y2="{coord(bottom)}" stroke="{GREY}" stroke-width="1"/>')
    for index, (label, spans, level, note) in enumerate(rows):
        y = top + index * row_h
        canvas.add(text(10, y + 9, one_line(label + (f" — {note}" if note else ""), 12), size=12))
        fill = PRIMARY if level == 0 else "url(#hatch)"
        for start, stop in spans:
            canvas.add(f'<rect x="{coord(x(start))}" y="{coord(y + 18)}" width="{coord(x(stop + 1) - x(start))}" height="14" fill="{fill}" '
                       f'stroke="{PRIMARY}" stroke-width="1"/>')
    canvas.y = bottom + 38
    return canvas.svg()
