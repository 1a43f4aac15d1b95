"""What every chart shares: the `Chart` description, colours, SVG text helpers and the two canvases
(the wide drawing and the phone one).

Every output is the same bytes for the same input: coordinates rounded to 2 decimals, no date,
text kept as text. Colours have at least 4.5:1 contrast with white, and every series also differs
by line style, marker, hatching or a text label, so nothing is told by colour alone.
"""
from __future__ import annotations

import math
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from generator.render.numbers import number

INK = "#1a1a1a"        # text: 17.4:1 on white
PRIMARY = "#1f4e79"    # dark blue: 8.9:1
ACCENT = "#8a3b00"     # dark orange-brown: 7.6:1
GREY = "#595959"       # 7.0:1
BAND = "#c9d6e3"       # light fill, always outlined in PRIMARY and named in the legend
EXAMPLE_MARK = "DANE PRZYKŁADOWE — nie pochodzą ze źródła"
MONTHS_SHORT = ["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"]

# The wide drawing is shown at its own size from a 720 px screen up, where the content column of the
# theme is 688 px (at 1280 px too): never scaled down, so its 11 px text stays 11 px (issue #14).
WIDTH = 680
TITLE_LINE = 18     # the line height of a wide chart's title (14 px bold)
FONT = 'font-family="DejaVu Sans, Verdana, Arial, sans-serif"'
CHAR = 6.8          # average width of a 12 px character, for laying out labels
PATTERNS = (f'<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            f'<rect width="6" height="6" fill="white"/><line x1="0" y1="0" x2="0" y2="6" stroke="{PRIMARY}" stroke-width="2"/></pattern>'
            f'<pattern id="dots" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="{BAND}"/>'
            f'<circle cx="3" cy="3" r="0.9" fill="{PRIMARY}"/></pattern>'
            f'<pattern id="period" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            f'<rect width="8" height="8" fill="#f0f0f0"/><line x1="0" y1="0" x2="0" y2="8" stroke="#b3b3b3" stroke-width="1"/></pattern></defs>')

# The phone layout: drawn NARROW user units wide and shown at that size (never scaled down on a
# 360 px screen, where the content column is about 328 px), so every text is at least MIN_TEXT px
# high as rendered. Labels sit above their bars; legends and long titles are stacked in lines.
NARROW = 320
MIN_TEXT = 11
NARROW_SUFFIX = "-telefon.svg"

Scale = Callable[[float], float]


@dataclass(frozen=True)
class Chart:
    """What to draw. `data` depends on `kind` (see the chart_* modules); numbers are plain floats."""

    kind: str
    title: str
    description: str
    data: dict[str, Any] = field(default_factory=dict)
    example: bool = False
    narrow: bool = False    # the phone layout (NARROW px wide, labels above bars, no text under 11 px)


def narrow_path(path: str) -> str:
    """Where the phone version of the chart at `path` (…/name.svg) is written."""
    return path[:-4] + NARROW_SUFFIX


def coord(value: float) -> str:
    """A coordinate: at most 2 decimals, no trailing zeros (stable text for stable bytes)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def text(x: float, y: float, content: str, anchor: str = "start", size: int = 12, weight: str = "normal", fill: str = INK,
         baseline: str = "middle") -> str:
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return (f'<text x="{coord(x)}" y="{coord(y)}" font-size="{size}" text-anchor="{anchor}" dominant-baseline="{baseline}" '
            f'fill="{fill}"{bold}>{escape(content)}</text>')


def ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low–high."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    found = []
    value = first
    while value <= high + step * 1e-9:
        found.append(round(value, 10))
        value += step
    if found[-1] < high:
        found.append(round(value, 10))
    return found


def titled(chart: Chart) -> str:
    return chart.title + (" (dane przykładowe)" if chart.example else "")


def document(chart: Chart, width: int, height: float, parts: list[str]) -> str:
    """The SVG file: role="img" with <title> and <desc> for screen readers, the patterns, a white ground."""
    return (f'<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="bdp-title bdp-desc" width="{width}" '
            f'height="{coord(height)}" viewBox="0 0 {width} {coord(height)}" {FONT}>\n'
            f'<title id="bdp-title">{escape(titled(chart))}</title>\n<desc id="bdp-desc">{escape(chart.description)}</desc>\n'
            f'{PATTERNS}\n<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(parts) + "\n</svg>\n")


class Canvas:
    """A wide chart of a known height under its title. A title too long for one line is wrapped; the
    drawing under it is then moved down by the extra lines (one translated group), so the chart
    kinds lay out their rows and axes as if the title had one line."""

    def __init__(self, height: float, chart: Chart) -> None:
        self.height = height
        self.chart = chart
        lines = wrap(titled(chart), 15, WIDTH - 20)   # 14 px bold: wider than the average 0.6 em
        self.title = [text(10, 20 + TITLE_LINE * index, line, size=14, weight="bold") for index, line in enumerate(lines)]
        self.shift = TITLE_LINE * (len(lines) - 1)
        self.parts: list[str] = []

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    def svg(self) -> str:
        if self.chart.example:
            self.parts.append(text(10, self.height - 10, EXAMPLE_MARK, size=11, weight="bold", fill=ACCENT))
        if not self.shift:
            return document(self.chart, WIDTH, self.height, self.title + self.parts)
        body = [f'<g transform="translate(0 {self.shift})">', *self.parts, "</g>"]
        return document(self.chart, WIDTH, self.height + self.shift, self.title + body)


def wrap(content: str, size: int, width: float = NARROW - 20) -> list[str]:
    """Lines of `content` that fit `width` at font `size` (average character 0.6 em; DejaVu Sans is wide)."""
    return textwrap.wrap(content, max(8, int(width / (size * 0.6)))) or [""]


def one_line(content: str, size: int) -> str:
    """A bar's label on one line; a longer one is cut with an ellipsis (the table under the chart has it whole)."""
    lines = wrap(content, size)
    return lines[0] + ("…" if len(lines) > 1 else "")


class NarrowCanvas:
    """A phone chart: the title wrapped over as many lines as it needs; `y` is the next free line."""

    def __init__(self, chart: Chart) -> None:
        self.chart = chart
        self.parts: list[str] = []
        self.y = 8.0
        for line in wrap(titled(chart), 14):   # 13 px bold: wider than the average 0.6 em
            self.y += 17
            self.parts.append(text(10, self.y - 8, line, size=13, weight="bold"))
        self.y += 10

    def add(self, *parts: str) -> None:
        self.parts.extend(parts)

    def lines(self, content: str, size: int = MIN_TEXT, x: float = 10, fill: str = INK, weight: str = "normal") -> None:
        for line in wrap(content, size, NARROW - x - 10):
            self.add(text(x, self.y + size * 0.6, line, size=size, fill=fill, weight=weight))
            self.y += size + 4

    def svg(self) -> str:
        if self.chart.example:
            self.y += 6
            self.lines(EXAMPLE_MARK, weight="bold", fill=ACCENT)
        return document(self.chart, NARROW, self.y + 8, self.parts)


def x_axis(canvas: Canvas, left: float, right: float, top: float, bottom: float, low: float, high: float, unit: str) -> Scale:
    """Vertical grid lines with value labels under the plot; returns the value -> x function."""
    found = ticks(low, high)
    low, high = min(low, found[0]), max(high, found[-1])

    def x(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)
    for tick in found:
        canvas.add(f'<line x1="{coord(x(tick))}" y1="{coord(top)}" x2="{coord(x(tick))}" y2="{coord(bottom)}" stroke="#dddddd" stroke-width="1"/>',
                   text(x(tick), bottom + 12, number(tick), anchor="middle", size=11))
    canvas.add(f'<line x1="{coord(left)}" y1="{coord(bottom)}" x2="{coord(right)}" y2="{coord(bottom)}" stroke="{GREY}" stroke-width="1"/>')
    if unit:
        lines = wrap(unit, MIN_TEXT, WIDTH - left - 10)
        canvas.add(*(text(left, bottom + 30 + 14 * index, line, size=MIN_TEXT) for index, line in enumerate(lines)))
        canvas.height += 14 * (len(lines) - 1)
    return x


def narrow_x_axis(canvas: NarrowCanvas, left: float, right: float, top: float, bottom: float, low: float, high: float) -> Scale:
    """Three or four value ticks under the plot (room for 11 px labels); returns the value -> x function."""
    found = ticks(low, high, 3)
    low, high = min(low, found[0]), max(high, found[-1])

    def x(value: float) -> float:
        return left + (value - low) / (high - low) * (right - left)
    for index, tick in enumerate(found):
        anchor = "start" if index == 0 else "end" if index == len(found) - 1 else "middle"
        canvas.add(f'<line x1="{coord(x(tick))}" y1="{coord(top)}" x2="{coord(x(tick))}" y2="{coord(bottom)}" stroke="#dddddd" stroke-width="1"/>',
                   text(x(tick), bottom + 12, number(tick), anchor=anchor, size=MIN_TEXT))
    canvas.add(f'<line x1="{coord(left)}" y1="{coord(bottom)}" x2="{coord(right)}" y2="{coord(bottom)}" stroke="{GREY}" stroke-width="1"/>')
    canvas.y = bottom + 24
    return x


def label_width(labels: list[str]) -> float:
    return min(300.0, 16 + CHAR * max((len(label) for label in labels), default=4))


def rows_layout(chart: Chart, labels: list[str], row_h: int) -> tuple[Canvas, int, int, float]:
    """A chart with one row per label: (canvas, top, bottom, left edge of the plot)."""
    top = 40
    bottom = top + row_h * len(labels)
    return Canvas(bottom + 48 + (20 if chart.example else 0), chart), top, bottom, label_width(labels)
