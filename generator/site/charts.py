"""A KPI's chart, drawn at build time as a static SVG with matplotlib.

What a chart holds is decided by `report` (a `Chart` of ready words and
numbers); here it is drawn: the measurements as a line with every value
printed by its point (nothing to hover over), the baseline and the target as
level lines, the pace line to `due`, and the pace in words above the plot,
coloured as it is (behind pace: red).

The SVG is made to be safe and the same every time:

- text stays text (`svg.fonttype: none`), so Chinese is drawn by the reader's
  own fonts; the font list names the CJK families Debian's fonts-noto-cjk
  and the common systems provide, then `sans-serif`. matplotlib measures the
  text with the first of them installed on the building machine;
- no script, no link, no reference to anything outside the file: the DTD,
  the RDF metadata and the `xlink` namespace are dropped (`href="#id"`, as
  SVG 2 writes it), so the only URL left is the SVG namespace;
- the same chart gives the same bytes: no date, a fixed hash salt for ids.

No pyplot: a `Figure` of its own per chart, so nothing is global but the
rcParams, set only for the drawing (`rc_context`). matplotlib is imported
when the first chart is drawn.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree

from generator.site.time import number_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
FONT_FAMILY = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', 'PingFang SC', 'Hiragino Sans GB', "
    "'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif"
)
_MEASURED_WITH = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei", "DejaVu Sans")
TONES = {  # the pace's colour: the actual line, its points and the caption
    "behind": "#c62828",
    "ahead": "#2e7d32",
    "on-pace": "#1565c0",
    "none": "#37474f",
}
BASELINE_COLOR, TARGET_COLOR, PACE_COLOR = "#757575", "#2e7d32", "#ef6c00"
_SIZE = (7.2, 3.6)  # inches: 518 × 259 pt, read at 100 % on a laptop and scaled down on a phone
_CLOSE = 1 / 22  # points nearer than this share of the x axis put their labels apart


@dataclass(frozen=True, slots=True)
class Plotted:
    day: date
    value: float
    label: str  # the value as printed by its point


@dataclass(frozen=True, slots=True)
class Level:
    value: float
    label: str  # in the legend, with its number: 基线 18 %


@dataclass(frozen=True, slots=True)
class Chart:
    """Everything one chart shows, in the plan's language."""

    title: str
    caption: str  # the pace in words: flagged by words, not by colour alone
    label: str  # both, as the SVG's <title>
    tone: str  # a key of TONES
    actual_label: str
    points: tuple[Plotted, ...]
    baseline: Level
    target: Level
    pace: tuple[Plotted, Plotted] | None  # from its start to the target on due
    pace_label: str
    span: tuple[date, date]  # the x axis
    ticks: tuple[tuple[date, str], ...]  # month starts and their labels
    description: str  # every figure in words: the SVG's <desc>


@lru_cache(maxsize=256)  # the preview redraws only the charts whose KPI changed
def draw(chart: Chart) -> bytes:
    """The chart as SVG bytes."""
    # matplotlib takes a second to import: only a build that draws a chart pays it (not --public, not check)
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": "community-plan",
        "font.family": list(_fonts()),
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#9e9e9e",
        "xtick.color": "#616161",
        "ytick.color": "#616161",
        "axes.unicode_minus": False,  # U+2212 is missing from some CJK fonts
    }
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        # no CJK font on the building machine: measured with DejaVu, still drawn by the reader's fonts
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        figure = Figure(figsize=_SIZE)
        FigureCanvasSVG(figure)
        _plot(figure, chart)
        out = io.BytesIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return _clean(out.getvalue(), chart)


def _plot(figure: Figure, chart: Chart) -> None:
    from matplotlib import dates as mdates
    from matplotlib.ticker import FuncFormatter

    axes = figure.add_subplot()
    color = TONES.get(chart.tone, TONES["none"])
    first, last = (mdates.date2num(d) for d in chart.span)
    axes.axhline(chart.baseline.value, color=BASELINE_COLOR, linestyle="--", linewidth=1, gid="baseline",
                 label=chart.baseline.label)
    axes.axhline(chart.target.value, color=TARGET_COLOR, linestyle="--", linewidth=1, gid="target",
                 label=chart.target.label)
    if chart.pace is not None:
        start, end = chart.pace
        axes.plot([mdates.date2num(start.day), mdates.date2num(end.day)], [start.value, end.value],
                  color=PACE_COLOR, linestyle=":", linewidth=1.6, gid="pace", label=chart.pace_label)
    if chart.points:
        xs = [mdates.date2num(p.day) for p in chart.points]
        ys = [p.value for p in chart.points]
        axes.plot(xs, ys, color=color, marker="o", markersize=4.5, linewidth=1.8, gid="actual",
                  label=chart.actual_label, zorder=3)
        close = (last - first) * _CLOSE
        for i, (x, point) in enumerate(zip(xs, chart.points)):
            before = i > 0 and x - xs[i - 1] < close
            after = i + 1 < len(xs) and xs[i + 1] - x < close
            # a label between two near points would cover the other's: each leans away
            align, dx = ("right", -3) if after and not before else ("left", 3) if before else ("center", 0)
            axes.annotate(point.label, (x, point.value), xytext=(dx, 6), textcoords="offset points",
                          ha=align, va="bottom", fontsize=8.5, color="#212121", gid=f"point-{i}", zorder=4)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: number_text(value)))
    low, high = _value_range(chart)
    axes.set_ylim(low, high)
    axes.set_xlim(first, last)
    axes.set_xticks([mdates.date2num(d) for d, _ in chart.ticks], [text for _, text in chart.ticks])
    axes.grid(axis="y", color="#eeeeee", linewidth=0.8)
    axes.set_axisbelow(True)
    figure.text(0.012, 0.955, chart.title, fontsize=11, fontweight="bold", color="#212121", va="top", gid="title")
    figure.text(0.012, 0.875, chart.caption, fontsize=9.5, color=color, va="top", gid="caption")
    handles = {line.get_gid(): line for line in axes.get_lines()}
    shown = [handles[gid] for gid in ("actual", "baseline", "target", "pace") if gid in handles]
    axes.legend(handles=shown, loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=4, frameon=False,
                fontsize=8.5, handlelength=2.4)
    figure.subplots_adjust(left=0.1, right=0.94, top=0.78, bottom=0.24)  # room for the last month's label


def _value_range(chart: Chart) -> tuple[float, float]:
    """Room for every value, the lines, and the labels printed above the points."""
    values = [chart.baseline.value, chart.target.value, *(p.value for p in chart.points)]
    if chart.pace is not None:
        values += [p.value for p in chart.pace]
    low, high = min(values), max(values)
    pad = (high - low) * 0.12 or abs(high) * 0.1 or 1.0
    return low - pad, high + pad * 1.6


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, ...]:
    """The families matplotlib measures with: the CJK ones installed here, then DejaVu (matplotlib's own)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return tuple(name for name in _MEASURED_WITH if name in installed) or ("DejaVu Sans",)


def _clean(data: bytes, chart: Chart) -> bytes:
    """matplotlib's SVG, with nothing that points outside it and the reader's font list."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True)
    root = etree.fromstring(data, parser)
    for metadata in root.findall(f"{{{SVG_NS}}}metadata"):
        root.remove(metadata)
    for element in root.iter():
        href = element.attrib.pop(_XLINK_HREF, None)
        if href is not None:
            if not href.startswith("#"):
                raise ValueError(f"a chart refers outside itself: {href}")
            element.set("href", href)
        style = element.get("style")
        if style and "font-family" in style:
            element.set("style", re.sub(r"font-family: [^;]+", f"font-family: {FONT_FAMILY}", style))
    etree.cleanup_namespaces(root)
    title = etree.Element(f"{{{SVG_NS}}}title")
    title.text = chart.label
    desc = etree.Element(f"{{{SVG_NS}}}desc")
    desc.text = chart.description
    root.insert(0, desc)
    root.insert(0, title)
    root.set("role", "img")
    body = etree.tostring(root, encoding="utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"
