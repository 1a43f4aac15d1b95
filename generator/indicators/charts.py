"""Static SVG charts drawn with matplotlib at build time: no JavaScript, no fonts or files from the network.

A chart is described by a `Chart` (plain, picklable data); `draw_svg` turns it into the same bytes
every time (fixed hash salt, no date, text kept as text). Each SVG carries <title> and <desc> for
screen readers; the pages put the same data beside it as a table with a CSV download. Colours have
at least 4.5:1 contrast with white, and every series also differs by line style, marker, hatching
or a text label, so nothing is told by colour alone.

`render_charts` draws only what is not in the cache (build/cache/charts, keyed by a hash of the
chart's data, this module's code and the matplotlib version), using every CPU core for larger batches.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

CACHE_VERSION = "1"
_CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # a change to the drawing code redraws every chart
INK = "#1a1a1a"        # text: 17.4:1 on white
PRIMARY = "#1f4e79"    # dark blue: 8.9:1
ACCENT = "#8a3b00"     # dark orange-brown: 7.6:1
GREY = "#595959"       # 7.0:1
BAND = "#c9d6e3"       # light fill, always outlined in PRIMARY and named in the legend
EXAMPLE_MARK = "DANE PRZYKŁADOWE — nie pochodzą ze źródła"
MONTHS_SHORT = ["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"]
RC = {
    "svg.hashsalt": "bdp-charts", "svg.fonttype": "none", "svg.image_inline": True,
    "font.family": "DejaVu Sans", "font.size": 9, "text.color": INK, "axes.labelcolor": INK,
    "xtick.color": INK, "ytick.color": INK, "axes.edgecolor": GREY, "axes.titlesize": 11,
    "axes.titleweight": "bold", "axes.titlelocation": "left", "text.parse_math": False,
}


@dataclass(frozen=True)
class Chart:
    """What to draw. `data` depends on `kind` (see the draw functions); numbers are plain floats."""

    kind: str
    title: str
    description: str
    data: dict[str, Any] = field(default_factory=dict)
    example: bool = False

    def key(self) -> str:
        import matplotlib

        payload = json.dumps([CACHE_VERSION, _CODE, matplotlib.__version__, asdict(self)], ensure_ascii=False, sort_keys=True)
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


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height))


def _margins(fig: Any, labels: list[str] | None = None, right: float = 0.3, bottom: float = 0.55, top: float = 0.45) -> None:
    """Fixed margins in inches (the left one from the longest label): no tight_layout, which draws the figure twice."""
    width, height = fig.get_size_inches()
    left = 0.6 if labels is None else 0.25 + 0.068 * max((len(label) for label in labels), default=4)
    bottom += 0.2  # room for the example-data mark under the axis label
    fig.subplots_adjust(left=min(left / width, 0.6), right=1 - right / width, bottom=bottom / height, top=1 - top / height)


def _finish(fig: Any, ax: Any, chart: Chart) -> None:
    ax.set_title(chart.title + (" (dane przykładowe)" if chart.example else ""), loc="left", wrap=True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if chart.example:
        fig.text(0.01, 0.01, EXAMPLE_MARK, ha="left", va="bottom", fontsize=8, color=ACCENT, fontweight="bold")


def _ranking(chart: Chart) -> Any:
    """data: rows [[label, value, highlighted]], best first; unit; gap_after (index) when rows are cut."""
    rows = chart.data["rows"]
    fig = _figure(7.5, 1.3 + 0.26 * len(rows))
    ax = fig.add_subplot()
    labels = [r[0] for r in rows][::-1]
    values = [r[1] for r in rows][::-1]
    bars = ax.barh(range(len(rows)), values, color=PRIMARY, edgecolor=PRIMARY, height=0.7)
    for bar, row in zip(bars, rows[::-1]):
        if row[2]:
            bar.set_facecolor("white")
            bar.set_hatch("////")
    ax.set_yticks(range(len(rows)), labels)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    ax.set_axisbelow(True)
    if chart.data.get("gap_after") is not None:
        y = len(rows) - chart.data["gap_after"] - 1.5
        ax.axhline(y, color=GREY, linestyle=":", linewidth=1)
    ax.set_xlabel(chart.data.get("unit", ""))
    ax.set_xlim(min(0, min(values, default=0)) * 1.05, max(0, max(values, default=0)) * 1.05 or 1)
    _finish(fig, ax, chart)
    _margins(fig, labels)
    return fig


def _boxes(chart: Chart) -> Any:
    """data: groups [[label, min, q1, median, q3, max, n]]; unit."""
    groups = chart.data["groups"]
    fig = _figure(7.5, 1.4 + 0.45 * len(groups))
    ax = fig.add_subplot()
    stats = [{"label": f"{g[0]} (n={g[6]})", "whislo": g[1], "q1": g[2], "med": g[3], "q3": g[4], "whishi": g[5], "fliers": []}
             for g in groups][::-1]
    ax.bxp(stats, orientation="horizontal", showfliers=False, patch_artist=True,
           boxprops={"facecolor": BAND, "edgecolor": PRIMARY}, medianprops={"color": ACCENT, "linewidth": 2.5},
           whiskerprops={"color": GREY}, capprops={"color": GREY})
    ax.set_xlabel(chart.data.get("unit", "") + " — skrzynka: ćwiartki środkowe, gruba kreska: mediana, wąsy: min.–maks.")
    _finish(fig, ax, chart)
    _margins(fig, [s["label"] for s in stats])
    return fig


STYLES = [(PRIMARY, "-", "o"), (ACCENT, "--", "s"), (GREY, "-.", "^"), ("#3b6e22", ":", "D")]


def _trend(chart: Chart) -> Any:
    """data: years; series [[label, [values or None]]]; band [label, [q1], [q3]] or None; unit; period [start, end] or None."""
    years = chart.data["years"]
    entries = len(chart.data["series"]) + bool(chart.data.get("band")) + bool(chart.data.get("period"))
    legend_height = 0.2 * entries + 0.2
    fig = _figure(7.5, 3.4 + legend_height)
    ax = fig.add_subplot()
    band = chart.data.get("band")
    if band:
        ax.fill_between(years, band[1], band[2], facecolor=BAND, edgecolor=PRIMARY, linewidth=0.5, hatch="..", label=band[0])
    for index, (label, values) in enumerate(chart.data["series"]):
        colour, style, marker = STYLES[index % len(STYLES)]
        points = [(y, v) for y, v in zip(years, values) if v is not None]
        ax.plot([p[0] for p in points], [p[1] for p in points], color=colour, linestyle=style, marker=marker, linewidth=2, label=label)
    period = chart.data.get("period")
    if period:
        ax.axvspan(period[0] - 0.5, period[1] + 0.5, facecolor="#e6e6e6", edgecolor=GREY, hatch="//", linewidth=0.5,
                   label="okres realizacji praktyki", zorder=0)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel(chart.data.get("unit", ""))
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.1), frameon=False, fontsize=8)
    ax.grid(axis="y", color="#dddddd", linewidth=0.5)
    _finish(fig, ax, chart)
    _margins(fig, bottom=0.55 + legend_height)
    return fig


def _gantt(chart: Chart) -> Any:
    """data: first (month index = year*12 + month-1), last; rows [[label, [[start, end]...], level, note]]."""
    rows = chart.data["rows"]
    first, last = chart.data["first"], chart.data["last"]
    fig = _figure(7.5, 1.3 + 0.3 * len(rows))
    ax = fig.add_subplot()
    for y, (label, spans, level, note) in enumerate(rows):
        bars = [(start - first, end - start + 1) for start, end in spans]
        colour = PRIMARY if level == 0 else "white"
        ax.broken_barh(bars, (y - 0.35, 0.7), facecolors=colour, edgecolor=PRIMARY, hatch=None if level == 0 else "///")
        if note and bars:
            end = max(s + w for s, w in bars)
            ax.text(end + 0.1, y, note, va="center", fontsize=8)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.invert_yaxis()
    months = list(range(first, last + 1))
    step = 1 if len(months) <= 18 else 2
    ax.set_xticks([m - first + 0.5 for m in months[::step]],
                  [f"{MONTHS_SHORT[m % 12]}\n{m // 12}" for m in months[::step]])
    ax.set_xlim(0, len(months) + 2)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    _finish(fig, ax, chart)
    _margins(fig, [r[0] for r in rows], bottom=0.7)
    return fig


DRAW = {"ranking": _ranking, "boxes": _boxes, "trend": _trend, "gantt": _gantt}


def _accessible(svg: str, chart: Chart) -> str:
    """Name the drawing for assistive technology: role, <title> and <desc> as the first children."""
    start = svg.index("<svg")
    end = svg.index(">", start)
    title = chart.title + (" (dane przykładowe)" if chart.example else "")
    head = svg[:end].replace("<svg ", '<svg role="img" aria-labelledby="bdp-title bdp-desc" ', 1)
    return (head + ">\n" + f'<title id="bdp-title">{escape(title)}</title>\n<desc id="bdp-desc">{escape(chart.description)}</desc>'
            + svg[end + 1:])


def draw_svg(chart: Chart) -> tuple[str, float]:
    """The chart as SVG text, and the CPU seconds it took (not wall time, which other processes stretch)."""
    import matplotlib

    started = time.process_time()
    with matplotlib.rc_context(RC):
        fig = DRAW[chart.kind](chart)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = _accessible(buffer.getvalue(), chart)
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
    workers = workers or os.cpu_count() or 1
    items = sorted(missing.items())
    if len(items) >= 8 and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            drawn = list(pool.map(draw_svg, [c for _, c in items], chunksize=max(1, len(items) // (workers * 4))))
    else:
        drawn = [draw_svg(c) for _, c in items]
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
