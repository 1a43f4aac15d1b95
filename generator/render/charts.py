"""Static SVG charts written as SVG text at build time: no JavaScript, no fonts or files from the network.

A chart is described by a `Chart` (plain, picklable data); `draw_svg` turns it into the same bytes
every time (coordinates rounded to 2 decimals, no date, text kept as text); a chart takes about a
millisecond, so a national build draws hundreds of them in well under a second. Each SVG has
role="img" and carries <title> and <desc> for
screen readers; the pages put the same data beside it as a table with a CSV download. Colours have
at least 4.5:1 contrast with white, and every series also differs by line style, marker, hatching
or a text label, so nothing is told by colour alone.

`render_charts` draws only what is not in the cache (build/cache/charts, keyed by a hash of the
chart's data and this module's code).
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import textwrap
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

CACHE_VERSION = "2"
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # a change to the drawing code redraws every chart
INK = "#1a1a1a"        # text: 17.4:1 on white
PRIMARY = "#1f4e79"    # dark blue: 8.9:1
ACCENT = "#8a3b00"     # dark orange-brown: 7.6:1
GREY = "#595959"       # 7.0:1
BAND = "#c9d6e3"       # light fill, always outlined in PRIMARY and named in the legend
EXAMPLE_MARK = "DANE PRZYKŁADOWE — nie pochodzą ze źródła"
MONTHS_SHORT = ["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"]


@dataclass(frozen=True)
class Chart:
    """What to draw. `data` depends on `kind` (see the draw functions); numbers are plain floats."""

    kind: str
    title: str
    description: str
    data: dict[str, Any] = field(default_factory=dict)
    example: bool = False
    narrow: bool = False    # the phone layout (NARROW px wide, labels above bars, no text under 11 px)

    def key(self) -> str:
        payload = json.dumps([CACHE_VERSION, _CODE, asdict(self)], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def number(value: float | None, decimals: int | None = None) -> str:
    """Polish number: decimal comma, non-breaking space between thousands, at most 2 decimals."""
    if value is None or value != value:
        return "—"
    if decimals is None:
        decimals = 0 if abs(value) >= 1000 else 1 if abs(value) >= 10 else 2
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.replace(",", "\u00a0").replace(".", ",")
    return "0" if text in ("-0", "") else text


# --- drawing: plain SVG text --------------------------------------------------------------------------

WIDTH = 720
FONT = 'font-family="DejaVu Sans, Verdana, Arial, sans-serif"'
CHAR = 6.8          # average width of a 12 px character, for laying out labels
PATTERNS = (f'<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            f'<rect width="6" height="6" fill="white"/><line x1="0" y1="0" x2="0" y2="6" stroke="{PRIMARY}" stroke-width="2"/></pattern>'
            f'<pattern id="dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{BAND}"/>'
            f'<circle cx="3" cy="3" r="0.9" fill="{PRIMARY}"/></pattern>'
            f'<pattern id="period" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            f'<rect width="8" height="8" fill="#f0f0f0"/><line x1="0" y1="0" x2="0" y2="8" stroke="#b3b3b3" stroke-width="1"/></pattern></defs>')


def _f(value: float) -> str:
    """A coordinate: at most 2 decimals, no trailing zeros (stable text for stable bytes)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _text(x: float, y: float, text: str, anchor: str = "start", size: int = 12, weight: str = "normal", fill: str = INK,
          baseline: str = "middle") -> str:
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return (f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}" text-anchor="{anchor}" dominant-baseline="{baseline}" '
            f'fill="{fill}"{bold}>{escape(text)}</text>')


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low–high."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(value, 10))
    return ticks


class _Canvas:
    def __init__(self, height: float, chart: Chart) -> None:
        self.height = height
        self.chart = chart
        self.parts: list[str] = []
        title = chart.title + (" (dane przykładowe)" if chart.example else "")
        self.parts.append(_text(10, 20, title, size=14, weight="bold"))

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    def svg(self) -> str:
        chart = self.chart
        title = chart.title + (" (dane przykładowe)" if chart.example else "")
        if chart.example:
            self.parts.append(_text(10, self.height - 10, EXAMPLE_MARK, size=11, weight="bold", fill=ACCENT))
        return (f'<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
                f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="bdp-title bdp-desc" width="{WIDTH}" '
                f'height="{_f(self.height)}" viewBox="0 0 {WIDTH} {_f(self.height)}" {FONT}>\n'
                f'<title id="bdp-title">{escape(title)}</title>\n<desc id="bdp-desc">{escape(chart.description)}</desc>\n'
                f'{PATTERNS}\n<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(self.parts) + "\n</svg>\n")


def _x_axis(canvas: _Canvas, left: float, right: float, top: float, bottom: float, low: float, high: float, unit: str) -> Any:
    """Vertical grid lines with value labels under the plot; returns the value -> x function."""
    ticks = _ticks(low, high)
    low, high = min(low, ticks[0]), max(high, ticks[-1])

    def x(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)
    for tick in ticks:
        canvas.add(f'<line x1="{_f(x(tick))}" y1="{_f(top)}" x2="{_f(x(tick))}" y2="{_f(bottom)}" stroke="#dddddd" stroke-width="1"/>',
                   _text(x(tick), bottom + 12, number(tick), anchor="middle", size=11))
    canvas.add(f'<line x1="{_f(left)}" y1="{_f(bottom)}" x2="{_f(right)}" y2="{_f(bottom)}" stroke="{GREY}" stroke-width="1"/>')
    if unit:
        canvas.add(_text(left, bottom + 30, unit, size=11))
    return x


def _label_width(labels: list[str]) -> float:
    return min(300.0, 16 + CHAR * max((len(label) for label in labels), default=4))


def _rows_layout(chart: Chart, labels: list[str], row_h: int) -> tuple[_Canvas, int, int, float]:
    """A chart with one row per label: (canvas, top, bottom, left edge of the plot)."""
    top = 40
    bottom = top + row_h * len(labels)
    return _Canvas(bottom + 48 + (20 if chart.example else 0), chart), top, bottom, _label_width(labels)


def _ranking(chart: Chart) -> str:
    """data: rows [[label, value, highlighted]], best first; unit; gap_after (index) when rows are cut."""
    rows = chart.data["rows"]
    row_h = 22
    canvas, top, bottom, left = _rows_layout(chart, [r[0] for r in rows], row_h)
    values = [r[1] for r in rows]
    low, high = min(0.0, min(values, default=0.0)), max(0.0, max(values, default=0.0)) or 1.0
    x = _x_axis(canvas, left, WIDTH - 70, top, bottom, low, high, chart.data.get("unit", ""))
    zero = x(0.0)
    for index, (label, value, highlighted) in enumerate(rows):
        y = top + index * row_h
        start, end = sorted((zero, x(value)))
        fill = "url(#hatch)" if highlighted else PRIMARY
        canvas.add(_text(left - 6, y + row_h / 2, label, anchor="end"),
                   f'<rect x="{_f(start)}" y="{_f(y + 3)}" width="{_f(max(end - start, 0.5))}" height="{row_h - 6}" fill="{fill}" '
                   f'stroke="{PRIMARY}" stroke-width="1"/>',
                   _text(end + 4, y + row_h / 2, number(value), size=11))
        if chart.data.get("gap_after") == index:
            canvas.add(f'<line x1="10" y1="{_f(y + row_h)}" x2="{WIDTH - 10}" y2="{_f(y + row_h)}" stroke="{GREY}" stroke-width="1.5" '
                       'stroke-dasharray="2 3"/>')
    return canvas.svg()


def _boxes(chart: Chart) -> str:
    """data: groups [[label, min, q1, median, q3, max, n]]; unit."""
    groups = chart.data["groups"]
    row_h = 32
    labels = [f"{g[0]} (n={g[6]})" for g in groups]
    canvas, top, bottom, left = _rows_layout(chart, labels, row_h)
    low = min((g[1] for g in groups), default=0.0)
    high = max((g[5] for g in groups), default=1.0)
    unit = chart.data.get("unit", "")
    x = _x_axis(canvas, left, WIDTH - 20, top, bottom, low, high if high > low else low + 1,
                (unit + " — " if unit else "") + "skrzynka: ćwiartki środkowe, gruba kreska: mediana, wąsy: min.–maks.")
    for index, (label, g) in enumerate(zip(labels, groups)):
        y = top + index * row_h + row_h / 2
        canvas.add(_text(left - 6, y, label, anchor="end"),
                   f'<line x1="{_f(x(g[1]))}" y1="{_f(y)}" x2="{_f(x(g[5]))}" y2="{_f(y)}" stroke="{GREY}" stroke-width="1.5"/>',
                   *(f'<line x1="{_f(x(v))}" y1="{_f(y - 6)}" x2="{_f(x(v))}" y2="{_f(y + 6)}" stroke="{GREY}" stroke-width="1.5"/>'
                     for v in (g[1], g[5])),
                   f'<rect x="{_f(x(g[2]))}" y="{_f(y - 10)}" width="{_f(max(x(g[4]) - x(g[2]), 1))}" height="20" fill="{BAND}" '
                   f'stroke="{PRIMARY}" stroke-width="1.5"/>',
                   f'<line x1="{_f(x(g[3]))}" y1="{_f(y - 10)}" x2="{_f(x(g[3]))}" y2="{_f(y + 10)}" stroke="{ACCENT}" stroke-width="3.5"/>')
    return canvas.svg()


STYLES = [(PRIMARY, "", "circle"), (ACCENT, "8 4", "square"), (GREY, "8 3 2 3", "triangle"), ("#3b6e22", "2 3", "diamond")]


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "circle":
        return f'<circle cx="{_f(x)}" cy="{_f(y)}" r="4" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{_f(x - 4)}" y="{_f(y - 4)}" width="8" height="8" fill="{colour}"/>'
    if shape == "triangle":
        return f'<path d="M{_f(x)} {_f(y - 5)}L{_f(x + 5)} {_f(y + 4)}L{_f(x - 5)} {_f(y + 4)}Z" fill="{colour}"/>'
    return f'<path d="M{_f(x)} {_f(y - 5)}L{_f(x + 5)} {_f(y)}L{_f(x)} {_f(y + 5)}L{_f(x - 5)} {_f(y)}Z" fill="{colour}"/>'


def _trend_lines(canvas: Any, years: list[int], series: list[Any], band: Any, period: bool,
                 x: Callable[[float], float], y: Callable[[float], float]) -> list[tuple[str, str]]:
    """The band, the series' lines and markers of a trend chart (wide or narrow); returns the legend
    entries (label, sample drawing) for the caller to lay out."""
    legend: list[tuple[str, str]] = []
    if band:
        points = [(x(yr), y(v)) for yr, v in zip(years, band[2])] + [(x(yr), y(v)) for yr, v in reversed(list(zip(years, band[1])))]
        canvas.add('<path d="M' + "L".join(f"{_f(a)} {_f(b)}" for a, b in points) + f'Z" fill="url(#dots)" stroke="{PRIMARY}" '
                   'stroke-width="0.5"/>')
        legend.append((band[0], f'<rect width="22" height="12" fill="url(#dots)" stroke="{PRIMARY}" stroke-width="0.5"/>'))
    for index, (label, values) in enumerate(series):
        colour, dash, shape = STYLES[index % len(STYLES)]
        points = [(x(yr), y(v)) for yr, v in zip(years, values) if v is not None]
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        if len(points) > 1:
            canvas.add('<path d="M' + "L".join(f"{_f(a)} {_f(b)}" for a, b in points) + f'" fill="none" stroke="{colour}" '
                       f'stroke-width="2"{dashes}/>')
        canvas.add(*(_marker(shape, a, b, colour) for a, b in points))
        legend.append((label, f'<line x1="0" y1="6" x2="22" y2="6" stroke="{colour}" stroke-width="2"{dashes}/>' + _marker(shape, 11, 6, colour)))
    if period:
        legend.append(("okres realizacji praktyki", f'<rect width="22" height="12" fill="url(#period)" stroke="{GREY}" stroke-width="0.5"/>'))
    return legend


def _trend(chart: Chart) -> str:
    """data: years; series [[label, [values or None]]]; band [label, [q1], [q3]] or None; unit; period [start, end] or None."""
    years = chart.data["years"]
    band = chart.data.get("band")
    period = chart.data.get("period")
    series = chart.data["series"]
    top, bottom, left, right = 50, 290, 70, WIDTH - 20
    entries = len(series) + bool(band) + bool(period)
    canvas = _Canvas(bottom + 40 + 20 * entries + (20 if chart.example else 0), chart)
    numbers = [v for _, values in series for v in values if v is not None] + ([v for v in band[1] + band[2]] if band else [])
    low, high = min(numbers, default=0.0), max(numbers, default=1.0)
    pad = (high - low) * 0.05 or 1.0
    ticks = _ticks(low - pad, high + pad)
    low, high = ticks[0], ticks[-1]
    first, last = min(years, default=0) - 0.5, max(years, default=1) + 0.5

    def x(year: float) -> float:
        return left + (year - first) / (last - first) * (right - left)

    def y(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)
    if period:
        canvas.add(f'<rect x="{_f(x(period[0] - 0.5))}" y="{top}" width="{_f(x(period[1] + 0.5) - x(period[0] - 0.5))}" '
                   f'height="{bottom - top}" fill="url(#period)" stroke="{GREY}" stroke-width="0.5"/>')
    for tick in ticks:
        canvas.add(f'<line x1="{left}" y1="{_f(y(tick))}" x2="{right}" y2="{_f(y(tick))}" stroke="#dddddd" stroke-width="1"/>',
                   _text(left - 6, y(tick), number(tick), anchor="end", size=11))
    for year in years:
        canvas.add(_text(x(year), bottom + 14, str(year), anchor="middle", size=11))
    canvas.add(f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="{GREY}" stroke-width="1"/>',
               f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="{GREY}" stroke-width="1"/>')
    if chart.data.get("unit"):
        canvas.add(_text(left, top - 12, chart.data["unit"], size=11))
    legend = _trend_lines(canvas, years, series, band, bool(period), x, y)
    for index, (label, sample) in enumerate(legend):
        top_y = bottom + 30 + 20 * index
        canvas.add(f'<g transform="translate({left} {top_y})">{sample}</g>', _text(left + 30, top_y + 6, label, size=11))
    return canvas.svg()


def _gantt(chart: Chart) -> str:
    """data: first (month index = year*12 + month-1), last; rows [[label, [[start, end]...], level, note]]."""
    rows = chart.data["rows"]
    first, last = chart.data["first"], chart.data["last"]
    row_h, top = 24, 40
    bottom = top + row_h * len(rows)
    canvas = _Canvas(bottom + 50 + (20 if chart.example else 0), chart)
    left = _label_width([r[0] for r in rows])
    months = list(range(first, last + 1))
    span = len(months) + 2
    notes = max((len(r[3]) for r in rows), default=0) * 6.2
    right = WIDTH - 10 - min(notes, 200)

    def x(month: float) -> float:
        return left + (month - first) / span * (right - left)
    step = 1 if len(months) <= 18 else 2 if len(months) <= 36 else 3 if len(months) <= 54 else 6
    for month in months[::step]:
        canvas.add(f'<line x1="{_f(x(month + 0.5))}" y1="{top}" x2="{_f(x(month + 0.5))}" y2="{_f(bottom)}" stroke="#dddddd" stroke-width="1"/>',
                   _text(x(month + 0.5), bottom + 12, MONTHS_SHORT[month % 12], anchor="middle", size=10),
                   _text(x(month + 0.5), bottom + 25, str(month // 12), anchor="middle", size=10))
    canvas.add(f'<line x1="{_f(left)}" y1="{_f(bottom)}" x2="{_f(right)}" y2="{_f(bottom)}" stroke="{GREY}" stroke-width="1"/>')
    for index, (label, spans, level, note) in enumerate(rows):
        y = top + index * row_h
        canvas.add(_text(left - 6, y + row_h / 2, label, anchor="end"))
        fill = PRIMARY if level == 0 else "url(#hatch)"
        end = None
        for start, stop in spans:
            canvas.add(f'<rect x="{_f(x(start))}" y="{_f(y + 4)}" width="{_f(x(stop + 1) - x(start))}" height="{row_h - 8}" fill="{fill}" '
                       f'stroke="{PRIMARY}" stroke-width="1"/>')
            end = max(end or 0, x(stop + 1))
        if note and end is not None:
            canvas.add(_text(end + 4, y + row_h / 2, note, size=10))
    return canvas.svg()


DRAW = {"ranking": _ranking, "boxes": _boxes, "trend": _trend, "gantt": _gantt}


# --- the phone layout ---------------------------------------------------------------------------------
# Drawn NARROW user units wide and shown at that size (never scaled down on a 360 px screen, where the
# content column is about 328 px), so every text is at least MIN_TEXT px high as rendered. Labels sit
# above their bars instead of beside them; legends and long titles are stacked in lines.

NARROW = 320
MIN_TEXT = 11
NARROW_SUFFIX = "-telefon.svg"


def narrow_path(path: str) -> str:
    """Where the phone version of the chart at `path` (…/name.svg) is written."""
    return path[:-4] + NARROW_SUFFIX


def with_narrow(charts: dict[str, Chart]) -> dict[str, Chart]:
    """Every chart and, beside it, its phone version (the pages show one or the other by screen width)."""
    out: dict[str, Chart] = {}
    for path, chart in charts.items():
        out[path] = chart
        out[narrow_path(path)] = replace(chart, narrow=True)
    return dict(sorted(out.items()))


def _wrap(text: str, size: int, width: float = NARROW - 20) -> list[str]:
    """Lines of `text` that fit `width` at font `size` (average character 0.6 em; DejaVu Sans is wide)."""
    return textwrap.wrap(text, max(8, int(width / (size * 0.6)))) or [""]


def _one_line(text: str, size: int) -> str:
    """A bar's label on one line; a longer one is cut with an ellipsis (the table under the chart has it whole)."""
    lines = _wrap(text, size)
    return lines[0] + ("…" if len(lines) > 1 else "")


class _NarrowCanvas:
    """A phone chart: the title wrapped over as many lines as it needs; `y` is the next free line."""

    def __init__(self, chart: Chart) -> None:
        self.chart = chart
        self.parts: list[str] = []
        self.title = chart.title + (" (dane przykładowe)" if chart.example else "")
        self.y = 8.0
        for line in _wrap(self.title, 13):
            self.y += 17
            self.parts.append(_text(10, self.y - 8, line, size=13, weight="bold"))
        self.y += 10

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    def lines(self, text: str, size: int = MIN_TEXT, x: float = 10, fill: str = INK, weight: str = "normal") -> None:
        for line in _wrap(text, size, NARROW - x - 10):
            self.add(_text(x, self.y + size * 0.6, line, size=size, fill=fill, weight=weight))
            self.y += size + 4

    def svg(self) -> str:
        if self.chart.example:
            self.y += 6
            self.lines(EXAMPLE_MARK, weight="bold", fill=ACCENT)
        height = self.y + 8
        return (f'<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
                f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="bdp-title bdp-desc" width="{NARROW}" '
                f'height="{_f(height)}" viewBox="0 0 {NARROW} {_f(height)}" {FONT}>\n'
                f'<title id="bdp-title">{escape(self.title)}</title>\n<desc id="bdp-desc">{escape(self.chart.description)}</desc>\n'
                f'{PATTERNS}\n<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(self.parts) + "\n</svg>\n")


def _narrow_x_axis(canvas: _NarrowCanvas, left: float, right: float, top: float, bottom: float, low: float, high: float) -> Any:
    """Three or four value ticks under the plot (room for 11 px labels); returns the value -> x function."""
    ticks = _ticks(low, high, 3)
    low, high = min(low, ticks[0]), max(high, ticks[-1])

    def x(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)
    for index, tick in enumerate(ticks):
        anchor = "start" if index == 0 else "end" if index == len(ticks) - 1 else "middle"
        canvas.add(f'<line x1="{_f(x(tick))}" y1="{_f(top)}" x2="{_f(x(tick))}" y2="{_f(bottom)}" stroke="#dddddd" stroke-width="1"/>',
                   _text(x(tick), bottom + 12, number(tick), anchor=anchor, size=MIN_TEXT))
    canvas.add(f'<line x1="{_f(left)}" y1="{_f(bottom)}" x2="{_f(right)}" y2="{_f(bottom)}" stroke="{GREY}" stroke-width="1"/>')
    canvas.y = bottom + 24
    return x


def _ranking_narrow(chart: Chart) -> str:
    rows = chart.data["rows"]
    canvas = _NarrowCanvas(chart)
    row_h, top = 36, canvas.y
    bottom = top + row_h * len(rows)
    values = [r[1] for r in rows]
    low, high = min(0.0, min(values, default=0.0)), max(0.0, max(values, default=0.0)) or 1.0
    x = _narrow_x_axis(canvas, 10, NARROW - 56, top, bottom, low, high)
    zero = x(0.0)
    for index, (label, value, highlighted) in enumerate(rows):
        y = top + index * row_h
        start, end = sorted((zero, x(value)))
        fill = "url(#hatch)" if highlighted else PRIMARY
        canvas.add(_text(10, y + 9, _one_line(label, 12), size=12, weight="bold" if highlighted else "normal"),
                   f'<rect x="{_f(start)}" y="{_f(y + 18)}" width="{_f(max(end - start, 0.5))}" height="14" fill="{fill}" '
                   f'stroke="{PRIMARY}" stroke-width="1"/>',
                   _text(max(end, zero) + 4, y + 25, number(value), size=MIN_TEXT))
        if chart.data.get("gap_after") == index:
            canvas.add(f'<line x1="10" y1="{_f(y + row_h - 1)}" x2="{NARROW - 10}" y2="{_f(y + row_h - 1)}" stroke="{GREY}" '
                       'stroke-width="1.5" stroke-dasharray="2 3"/>')
    if chart.data.get("unit"):
        canvas.lines(chart.data["unit"])
    return canvas.svg()


def _boxes_narrow(chart: Chart) -> str:
    groups = chart.data["groups"]
    canvas = _NarrowCanvas(chart)
    row_h, top = 44, canvas.y
    bottom = top + row_h * len(groups)
    low = min((g[1] for g in groups), default=0.0)
    high = max((g[5] for g in groups), default=1.0)
    x = _narrow_x_axis(canvas, 14, NARROW - 14, top, bottom, low, high if high > low else low + 1)
    for index, g in enumerate(groups):
        y = top + index * row_h
        mid = y + 30
        canvas.add(_text(10, y + 9, _one_line(f"{g[0]} (n={g[6]})", 12), size=12),
                   f'<line x1="{_f(x(g[1]))}" y1="{_f(mid)}" x2="{_f(x(g[5]))}" y2="{_f(mid)}" stroke="{GREY}" stroke-width="1.5"/>',
                   *(f'<line x1="{_f(x(v))}" y1="{_f(mid - 6)}" x2="{_f(x(v))}" y2="{_f(mid + 6)}" stroke="{GREY}" stroke-width="1.5"/>'
                     for v in (g[1], g[5])),
                   f'<rect x="{_f(x(g[2]))}" y="{_f(mid - 9)}" width="{_f(max(x(g[4]) - x(g[2]), 1))}" height="18" fill="{BAND}" '
                   f'stroke="{PRIMARY}" stroke-width="1.5"/>',
                   f'<line x1="{_f(x(g[3]))}" y1="{_f(mid - 9)}" x2="{_f(x(g[3]))}" y2="{_f(mid + 9)}" stroke="{ACCENT}" stroke-width="3.5"/>')
    unit = chart.data.get("unit", "")
    canvas.lines((unit + " — " if unit else "") + "skrzynka: ćwiartki środkowe, gruba kreska: mediana, wąsy: min.–maks.")
    return canvas.svg()


def _trend_narrow(chart: Chart) -> str:
    years = chart.data["years"]
    band = chart.data.get("band")
    period = chart.data.get("period")
    series = chart.data["series"]
    canvas = _NarrowCanvas(chart)
    if chart.data.get("unit"):
        canvas.lines(chart.data["unit"])
    top = canvas.y + 6
    bottom, left, right = top + 190, 50, NARROW - 12
    numbers = [v for _, values in series for v in values if v is not None] + ([v for v in band[1] + band[2]] if band else [])
    low, high = min(numbers, default=0.0), max(numbers, default=1.0)
    pad = (high - low) * 0.05 or 1.0
    ticks = _ticks(low - pad, high + pad, 4)
    low, high = ticks[0], ticks[-1]
    first, last = min(years, default=0) - 0.5, max(years, default=1) + 0.5

    def x(year: float) -> float:
        return left + (year - first) / (last - first) * (right - left)

    def y(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)
    if period:
        canvas.add(f'<rect x="{_f(x(period[0] - 0.5))}" y="{_f(top)}" width="{_f(x(period[1] + 0.5) - x(period[0] - 0.5))}" '
                   f'height="{_f(bottom - top)}" fill="url(#period)" stroke="{GREY}" stroke-width="0.5"/>')
    for tick in ticks:
        canvas.add(f'<line x1="{left}" y1="{_f(y(tick))}" x2="{right}" y2="{_f(y(tick))}" stroke="#dddddd" stroke-width="1"/>',
                   _text(left - 4, y(tick), number(tick), anchor="end", size=MIN_TEXT))
    step = max(1, math.ceil(34 / ((right - left) / max(len(years), 1))))   # a year label is about 30 px wide at 11 px
    for year in years[::step]:
        canvas.add(_text(x(year), bottom + 12, str(year), anchor="middle", size=MIN_TEXT))
    canvas.add(f'<line x1="{left}" y1="{_f(bottom)}" x2="{right}" y2="{_f(bottom)}" stroke="{GREY}" stroke-width="1"/>',
               f'<line x1="{left}" y1="{_f(top)}" x2="{left}" y2="{_f(bottom)}" stroke="{GREY}" stroke-width="1"/>')
    legend = _trend_lines(canvas, years, series, band, bool(period), x, y)
    canvas.y = bottom + 28
    for label, sample in legend:
        canvas.add(f'<g transform="translate(10 {_f(canvas.y)})">{sample}</g>')
        canvas.lines(label, x=40)
        canvas.y += 4
    return canvas.svg()


def _gantt_narrow(chart: Chart) -> str:
    rows = chart.data["rows"]
    first, last = chart.data["first"], chart.data["last"]
    canvas = _NarrowCanvas(chart)
    row_h, top = 36, canvas.y
    bottom = top + row_h * len(rows)
    left, right = 10, NARROW - 10
    months = list(range(first, last + 1))
    span = len(months) + 1

    def x(month: float) -> float:
        return left + (month - first) / span * (right - left)
    step = next(s for s in (1, 2, 3, 6, 12, 24, 48) if (right - left) / span * s >= 30)   # a label is about 24 px wide at 11 px
    for month in months[::step]:
        canvas.add(f'<line x1="{_f(x(month + 0.5))}" y1="{_f(top)}" x2="{_f(x(month + 0.5))}" y2="{_f(bottom)}" stroke="#dddddd" stroke-width="1"/>',
                   _text(x(month + 0.5), bottom + 12, MONTHS_SHORT[month % 12], anchor="middle", size=MIN_TEXT),
                   _text(x(month + 0.5), bottom + 26, str(month // 12), anchor="middle", size=MIN_TEXT))
    canvas.add(f'<line x1="{_f(left)}" y1="{_f(bottom)}" x2="{_f(right)}" y2="{_f(bottom)}" stroke="{GREY}" stroke-width="1"/>')
    for index, (label, spans, level, note) in enumerate(rows):
        y = top + index * row_h
        canvas.add(_text(10, y + 9, _one_line(label + (f" — {note}" if note else ""), 12), size=12))
        fill = PRIMARY if level == 0 else "url(#hatch)"
        for start, stop in spans:
            canvas.add(f'<rect x="{_f(x(start))}" y="{_f(y + 18)}" width="{_f(x(stop + 1) - x(start))}" height="14" fill="{fill}" '
                       f'stroke="{PRIMARY}" stroke-width="1"/>')
    canvas.y = bottom + 38
    return canvas.svg()


DRAW_NARROW = {"ranking": _ranking_narrow, "boxes": _boxes_narrow, "trend": _trend_narrow, "gantt": _gantt_narrow}


def draw_svg(chart: Chart) -> tuple[str, float]:
    """The chart as SVG text, and the CPU seconds it took."""
    started = time.process_time()
    svg = (DRAW_NARROW if chart.narrow else DRAW)[chart.kind](chart)
    return svg, time.process_time() - started


@dataclass
class ChartRun:
    files: dict[str, str | Path]
    seconds: dict[str, float]   # CPU time of each chart drawn in this run (cached ones are absent)
    cached: int = 0
    wall: float = 0.0


def render_charts(charts: dict[str, Chart], cache_dir: Path | None = None, workers: int | None = None) -> ChartRun:
    """Draw every chart not in the cache; return the files to write (path in the docs tree -> SVG)."""
    started = time.perf_counter()
    files: dict[str, str | Path] = {}
    missing: dict[str, Chart] = {}
    keys: dict[str, str] = {}
    for path, chart in charts.items():
        key = chart.key()
        keys[path] = key
        cached = cache_dir / f"{key}.svg" if cache_dir else None
        if cached is not None and cached.is_file():
            files[path] = cached
        else:
            missing[path] = chart
    run = ChartRun(files, {}, cached=len(charts) - len(missing))
    items = sorted(missing.items())
    drawn = [draw_svg(c) for _, c in items]  # about a millisecond each: no worker processes (`workers` is kept for callers)
    for (path, _), (svg, seconds) in zip(items, drawn):
        run.seconds[path] = seconds
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)
            target = cache_dir / f"{keys[path]}.svg"
            tmp = target.with_name(target.name + f".{os.getpid()}.tmp")
            tmp.write_text(svg, encoding="utf-8")
            os.replace(tmp, target)
            files[path] = target
        else:
            files[path] = svg
    run.files = dict(sorted(files.items()))
    run.wall = time.perf_counter() - started
    return run
