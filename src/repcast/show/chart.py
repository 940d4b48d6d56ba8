"""The plan as a standalone SVG chart: one band per block on a shared time axis.

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

WIDTH: Final = 1200
PLOT_LEFT: Final = 180  # room on the left for block names
PLOT_RIGHT: Final = 1180
PLOT_WIDTH: Final = PLOT_RIGHT - PLOT_LEFT
TITLE_Y: Final = 24
BANDS_TOP: Final = 48
BAND_HEIGHT: Final = 36
BAND_GAP: Final = 6
BAND_INSET: Final = 4  # interval rects sit inside their band, leaving its stripe visible
FONT: Final = 12
LABEL_PAD: Final = 4
# Tick spacings in seconds, finest first; the first that keeps ticks at or under MAX_TICKS
# wins, so a 10-minute plan ticks every minute and a 3-hour plan every 10 minutes.
TICK_STEPS: Final = (10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200)
MAX_TICKS: Final = 20

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
BAND_FILLS: Final = ("#f8f9fa", "#f1f3f5")  # alternate so neighbouring blocks stay apart
TEXT_COLOUR: Final = "#212529"
GRID_COLOUR: Final = "#dee2e6"


def plan_svg(plan: Plan) -> str:
    """An SVG document (text) drawing every interval of the plan to scale."""
    total = max(plan.total, 1)
    scale = PLOT_WIDTH / total  # pixels per sample
    names = [b.name for b in plan.routine.blocks] or [""]
    bands = _bands(plan)
    axis_y = BANDS_TOP + len(names) * (BAND_HEIGHT + BAND_GAP)
    legend_y = axis_y + 44
    height = legend_y + 24

    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {WIDTH} {height}",
            "width": str(WIDTH),
            "height": str(height),
            "font-family": "sans-serif",
            "font-size": str(FONT),
        },
    )
    heading = f"{plan.routine.title} — {clock(plan.total)}"
    ET.SubElement(svg, "title").text = heading
    ET.SubElement(svg, "rect", width="100%", height="100%", fill="#ffffff")
    _text(svg, 12, TITLE_Y, heading, cls="title", size=16, weight="bold")

    for i, name in enumerate(names):
        y = BANDS_TOP + i * (BAND_HEIGHT + BAND_GAP)
        ET.SubElement(
            svg,
            "rect",
            {
                "class": "band",
                "x": _n(PLOT_LEFT),
                "y": _n(y),
                "width": _n(PLOT_WIDTH),
                "height": _n(BAND_HEIGHT),
                "fill": BAND_FILLS[i % 2],
            },
        )
        label = _text(
            svg,
            PLOT_LEFT - 8,
            y + BAND_HEIGHT / 2,
            _fit(name, PLOT_LEFT - 16),
            cls="block",
            anchor="end",
        )
        ET.SubElement(label, "title").text = name

    # Grid lines go under the intervals so they show only through the band stripes.
    step = _tick_step(plan.total)
    ticks = range(0, plan.total // SAMPLE_RATE + 1, step)
    for t in ticks:
        x = PLOT_LEFT + t * SAMPLE_RATE * scale
        ET.SubElement(
            svg,
            "line",
            {
                "class": "grid",
                "x1": _n(x),
                "x2": _n(x),
                "y1": _n(BANDS_TOP),
                "y2": _n(axis_y),
                "stroke": GRID_COLOUR,
            },
        )

    for iv, band in zip(plan.intervals, bands, strict=True):
        x = PLOT_LEFT + iv.start * scale
        w = iv.length * scale
        y = BANDS_TOP + band * (BAND_HEIGHT + BAND_GAP) + BAND_INSET
        h = BAND_HEIGHT - 2 * BAND_INSET
        rect = ET.SubElement(
            svg,
            "rect",
            {
                "class": f"iv {iv.kind}",
                "data-index": str(iv.index),
                "x": _n(x),
                "y": _n(y),
                "width": _n(w),
                "height": _n(h),
                "fill": COLOURS.get(iv.kind, "#000000"),
            },
        )
        ET.SubElement(rect, "title").text = _describe(iv)
        if iv.kind in ("work", "recovery") and iv.exercise is not None:
            name = iv.exercise.name
            if _width(name) <= w - 2 * LABEL_PAD:
                # The label must not swallow the hover, or the tooltip would vanish under it.
                _text(svg, x + LABEL_PAD, y + h / 2, name, cls="name", fill="#ffffff", events=False)

    ET.SubElement(
        svg,
        "line",
        {
            "class": "axis",
            "x1": _n(PLOT_LEFT),
            "x2": _n(PLOT_RIGHT),
            "y1": _n(axis_y),
            "y2": _n(axis_y),
            "stroke": TEXT_COLOUR,
        },
    )
    for t in ticks:
        x = PLOT_LEFT + t * SAMPLE_RATE * scale
        ET.SubElement(
            svg,
            "line",
            {
                "class": "tick",
                "x1": _n(x),
                "x2": _n(x),
                "y1": _n(axis_y),
                "y2": _n(axis_y + 5),
                "stroke": TEXT_COLOUR,
            },
        )
        _text(svg, x, axis_y + 16, whole_clock(t), cls="tick-label", anchor="middle")

    x = PLOT_LEFT
    present = {iv.kind for iv in plan.intervals}
    for kind in (k for k in KINDS if k in present):
        ET.SubElement(
            svg,
            "rect",
            {
                "class": f"legend {kind}",
                "x": _n(x),
                "y": _n(legend_y - 6),
                "width": "12",
                "height": "12",
                "fill": COLOURS[kind],
            },
        )
        _text(svg, x + 17, legend_y, kind, cls="legend-label")
        x += 30 + _width(kind)

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
    x: float,
    y: float,
    content: str,
    *,
    cls: str,
    anchor: str = "start",
    size: int = FONT,
    weight: str = "normal",
    fill: str = TEXT_COLOUR,
    events: bool = True,
) -> ET.Element:
    attrs = {
        "class": cls,
        "x": _n(x),
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
    if not events:
        attrs["pointer-events"] = "none"
    el = ET.SubElement(parent, "text", attrs)
    el.text = content
    return el


def _n(v: float) -> str:
    """A coordinate to 3 decimals (well inside the 0.01 px the tests allow), no trailing 0s."""
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s in ("", "-0") else s
