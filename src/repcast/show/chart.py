"""The plan as a standalone SVG chart: one band per block on a shared time axis.

The chart has no viewBox: across, everything is placed in percent of its width, down and
in its text, in pixels. So it stretches to any width (a phone's, a desktop's) while its
labels stay the size they are written in, rather than shrinking with the drawing. Its
colours follow the reader's light or dark scheme, by a style sheet of its own.

Everything is built with ElementTree, so titles and exercise names (which may hold ``&``,
``<``, quotes or emoji) are escaped by the serializer rather than by hand.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from ..routine.plan import KINDS, Interval, IntervalKind, Plan
from ..timing import SAMPLE_RATE, clock, whole_clock

SVG_NS: Final = "http://www.w3.org/2000/svg"

WIDTH: Final = 1200  # pixels, when the file is shown on its own
# The plot, in percent of the width: a little room either side for the first and last
# tick labels.
PLOT_LEFT: Final = 1.5
PLOT_RIGHT: Final = 98.5
PLOT_WIDTH: Final = PLOT_RIGHT - PLOT_LEFT
# The narrowest the chart is meant to be read at (a phone), in pixels: block names are cut
# to fit it.
NARROW: Final = 340
TITLE_Y: Final = 20
BANDS_TOP: Final = 40
BLOCK_LABEL: Final = 20  # a block's name, on a line above its band
BAND_HEIGHT: Final = 30
BAND_GAP: Final = 8
BAND_INSET: Final = 4  # interval rects sit inside their band, leaving its stripe visible
ROW: Final = BLOCK_LABEL + BAND_HEIGHT + BAND_GAP
FONT: Final = 13  # pixels, whatever the chart's width
LABEL_PAD: Final = 4
LEGEND_COLUMNS: Final = 3  # three to a row fit the narrowest chart
LEGEND_ROW: Final = 22
# Tick spacings in seconds, finest first; the first that keeps ticks at or under MAX_TICKS
# wins, so a 10-minute plan ticks every minute and a 3-hour plan every 10 minutes.
TICK_STEPS: Final = (10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200)
MAX_TICKS: Final = 20
PAGE_TICKS: Final = 12  # labels that fit across a chart in a page's column
NARROW_TICKS: Final = 6  # labels that fit across the narrowest chart

COLOURS: Final[Mapping[IntervalKind, str]] = MappingProxyType(
    {
        "lead-in": "#adb5bd",
        "work": "#e8590c",
        "recovery": "#40c057",
        "hold": "#9c36b5",
        "rest": "#74c0fc",
        "switch": "#fab005",
        "outro": "#6c757d",
    }
)
BACKGROUND: Final = "#ffffff"
BAND_FILLS: Final = ("#f8f9fa", "#f1f3f5")  # alternate so neighbouring blocks stay apart
TEXT_COLOUR: Final = "#212529"
GRID_COLOUR: Final = "#dee2e6"
# The chart's own style sheet: the colours of the dark scheme (the attributes hold the
# light one, for viewers without CSS), and tick labels hidden where the chart is drawn
# narrower than on its own, so they never overlap: at most PAGE_TICKS are left where it is
# as wide as a page's column, NARROW_TICKS where it is phone-narrow. (Its width is the
# page's container, .chart, which says so; on its own, every label shows.) Scoped to the
# chart's class, since the show's pages put the chart inline, where its rules apply to the
# whole page.
STYLE: Final = """
@media (prefers-color-scheme: dark) {
  svg.repcast-chart .background { fill: #0f1620; }
  svg.repcast-chart .band { fill: #161e29; }
  svg.repcast-chart .band.alt { fill: #1c2633; }
  svg.repcast-chart text { fill: #e6edf3; }
  svg.repcast-chart text.name { fill: #ffffff; }
  svg.repcast-chart .grid { stroke: #2d3748; }
  svg.repcast-chart .axis, svg.repcast-chart .tick { stroke: #9aa5b1; }
}
@container (max-width: 56rem) {
  svg.repcast-chart .tick-label.minor { display: none; }
}
@container (max-width: 30rem) {
  svg.repcast-chart .tick-label.mid { display: none; }
}
"""


def plan_svg(plan: Plan) -> str:
    """An SVG document (text) drawing every interval of the plan to scale."""
    total = max(plan.total, 1)
    scale = PLOT_WIDTH / total  # percent of the width per sample
    names = [b.name for b in plan.routine.blocks] or [""]
    bands = _bands(plan)
    axis_y = BANDS_TOP + len(names) * ROW - BAND_GAP + 4
    legend_y = axis_y + 40
    kinds = [k for k in KINDS if k in {iv.kind for iv in plan.intervals}]
    rows = -(-len(kinds) // LEGEND_COLUMNS)
    height = legend_y + (rows - 1) * LEGEND_ROW + 20

    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "class": "repcast-chart",
            "width": str(WIDTH),
            "height": str(height),
            "font-family": "sans-serif",
            "font-size": str(FONT),
        },
    )
    heading = f"{plan.routine.title} — {clock(plan.total)}"
    ET.SubElement(svg, "title").text = heading
    ET.SubElement(svg, "style").text = STYLE
    ET.SubElement(
        svg, "rect", {"class": "background", "width": "100%", "height": "100%", "fill": BACKGROUND}
    )
    _text(svg, "8", TITLE_Y, heading, cls="title", size=16, weight="bold")

    tops = [BANDS_TOP + i * ROW + BLOCK_LABEL for i in range(len(names))]
    for i, (name, y) in enumerate(zip(names, tops, strict=True)):
        ET.SubElement(
            svg,
            "rect",
            {
                "class": "band alt" if i % 2 else "band",
                "x": _pc(PLOT_LEFT),
                "y": _n(y),
                "width": _pc(PLOT_WIDTH),
                "height": _n(BAND_HEIGHT),
                "fill": BAND_FILLS[i % 2],
            },
        )
        label = _text(svg, _pc(PLOT_LEFT), y - BLOCK_LABEL / 2, _fit(name, NARROW - 8), cls="block")
        ET.SubElement(label, "title").text = name

    # Grid lines go under the intervals so they show only through the band stripes.
    step = _tick_step(plan.total)
    ticks = range(0, plan.total // SAMPLE_RATE + 1, step)
    for t in ticks:
        at = _pc(PLOT_LEFT + t * SAMPLE_RATE * scale)
        for y in tops:
            ET.SubElement(
                svg,
                "line",
                {
                    "class": "grid",
                    "x1": at,
                    "x2": at,
                    "y1": _n(y),
                    "y2": _n(y + BAND_HEIGHT),
                    "stroke": GRID_COLOUR,
                },
            )

    for iv, band in zip(plan.intervals, bands, strict=True):
        x = PLOT_LEFT + iv.start * scale
        w = iv.length * scale
        y = tops[band] + BAND_INSET
        h = BAND_HEIGHT - 2 * BAND_INSET
        rect = ET.SubElement(
            svg,
            "rect",
            {
                "class": f"iv {iv.kind}",
                "data-index": str(iv.index),
                "x": _pc(x),
                "y": _n(y),
                "width": _pc(w),
                "height": _n(h),
                "fill": COLOURS.get(iv.kind, "#000000"),
            },
        )
        ET.SubElement(rect, "title").text = _describe(iv)
        name = iv.exercise.name if iv.exercise is not None else ""
        fits = _width(name) <= w / 100 * WIDTH - 2 * LABEL_PAD
        if iv.kind in ("work", "recovery") and name and fits:
            # Written in a box of the rect's size, which cuts it off where a narrower chart
            # makes the rect too short for it. The label must not swallow the hover, or the
            # tooltip would vanish under it.
            box = ET.SubElement(
                svg,
                "svg",
                {
                    "class": "name-box",
                    "x": _pc(x),
                    "y": _n(y),
                    "width": _pc(w),
                    "height": _n(h),
                    "overflow": "hidden",
                    "pointer-events": "none",
                },
            )
            _text(box, _n(LABEL_PAD), h / 2, name, cls="name", fill="#ffffff")

    ET.SubElement(
        svg,
        "line",
        {
            "class": "axis",
            "x1": _pc(PLOT_LEFT),
            "x2": _pc(PLOT_RIGHT),
            "y1": _n(axis_y),
            "y2": _n(axis_y),
            "stroke": TEXT_COLOUR,
        },
    )
    page = -(-len(ticks) // PAGE_TICKS)  # every page-th label shows in a page
    narrow = page * -(-len(range(0, len(ticks), page)) // NARROW_TICKS)  # on a phone
    for i, t in enumerate(ticks):
        share = t * SAMPLE_RATE / total
        at = _pc(PLOT_LEFT + t * SAMPLE_RATE * scale)
        ET.SubElement(
            svg,
            "line",
            {
                "class": "tick",
                "x1": at,
                "x2": at,
                "y1": _n(axis_y),
                "y2": _n(axis_y + 5),
                "stroke": TEXT_COLOUR,
            },
        )
        # The first and last labels keep inside the chart.
        anchor = "start" if share < 0.03 else "end" if share > 0.97 else "middle"
        cls = "tick-label minor" if i % page else "tick-label mid" if i % narrow else "tick-label"
        _text(svg, at, axis_y + 17, whole_clock(t), cls=cls, anchor=anchor)

    for i, kind in enumerate(kinds):
        row, column = divmod(i, LEGEND_COLUMNS)
        left = _pc(PLOT_LEFT + column * PLOT_WIDTH / LEGEND_COLUMNS)
        y = legend_y + row * LEGEND_ROW
        ET.SubElement(
            svg,
            "rect",
            {
                "class": f"legend {kind}",
                "x": left,
                "y": _n(y - 6),
                "width": "12",
                "height": "12",
                "fill": COLOURS[kind],
            },
        )
        # The label starts past the swatch: an SVG length cannot add percent and pixels.
        label = _text(svg, left, y, kind, cls="legend-label")
        label.set("dx", "17")

    ET.indent(svg)
    return ET.tostring(svg, encoding="unicode") + "\n"


def _bands(plan: Plan) -> list[int]:
    """The block index of each interval. Exercises are matched by identity, not name, since
    two blocks may share a name or an exercise; a rest belongs to what follows it (as the
    plan records it), the lead-in to the first block and the outro to the last."""
    owner = {id(e): bi for bi, b in enumerate(plan.routine.blocks) for e in b.exercises}
    names = [b.name for b in plan.routine.blocks]
    out: list[int] = []
    current = 0
    for iv in plan.intervals:
        if iv.kind == "outro":
            current = max(len(names) - 1, 0)
        elif iv.exercise is not None and id(iv.exercise) in owner:
            current = owner[id(iv.exercise)]
        elif iv.block in names[current:]:
            # A plan built from copies of the routine: fall back to the next block by name.
            current = names.index(iv.block, current)
        out.append(current)
    return out


def _tick_step(total: int) -> int:
    seconds = total / SAMPLE_RATE
    return next((s for s in TICK_STEPS if seconds / s <= MAX_TICKS), TICK_STEPS[-1])


def _describe(iv: Interval) -> str:
    ex = iv.exercise
    if iv.kind == "rest":
        what = f"rest between {iv.reason}" if iv.reason else "rest"
    elif ex is None:
        what = iv.kind
    else:
        what = {
            "work": ex.name,
            "recovery": f"recovery: {ex.name}",
            "hold": f"hold: {ex.hold.what if ex.hold else ex.name}",
            "switch": f"switch sides: {ex.name}",
        }[iv.kind]
        detail = iv.details
        if detail:
            what += f" ({', '.join(detail)})"
    where = f"{iv.block}: " if iv.block else ""
    return f"{where}{what}, {clock(iv.start)} to {clock(iv.end)} ({clock(iv.length)})"


def _width(text: str) -> float:
    """A rough rendered width: no font metrics are available, so wide characters (CJK,
    emoji) count double and everything else as an average sans-serif glyph."""
    units = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return units * FONT * 0.6


def _fit(text: str, room: float) -> str:
    if _width(text) <= room:
        return text
    while text and _width(text + "…") > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _text(
    parent: ET.Element,
    x: str,
    y: float,
    content: str,
    *,
    cls: str,
    anchor: str = "start",
    size: int = FONT,
    weight: str = "normal",
    fill: str = TEXT_COLOUR,
) -> ET.Element:
    attrs = {
        "class": cls,
        "x": x,
        "y": _n(y),
        "fill": fill,
        "text-anchor": anchor,
        # y is always the middle of the line, so labels centre on bands and swatches.
        "dominant-baseline": "central",
    }
    if size != FONT:
        attrs["font-size"] = str(size)
    if weight != "normal":
        attrs["font-weight"] = weight
    el = ET.SubElement(parent, "text", attrs)
    el.text = content
    return el


def _pc(v: float) -> str:
    """A share of the chart's width, in percent."""
    return _n(v) + "%"


def _n(v: float) -> str:
    """A coordinate to 3 decimals (well inside the 0.01 px the tests allow), no trailing 0s."""
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("", "-0") else s
