"""The SVG chart of a plan: well-formed, to scale, escaped, and readable at any length."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest

from repcast.routine.model import builtin_routine, parse_routine
from repcast.routine.plan import KINDS, Plan, make_plan
from repcast.show.chart import PLOT_LEFT, PLOT_RIGHT, PLOT_WIDTH, plan_svg
from repcast.timing import SAMPLE_RATE

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"

QUIET = {
    "lead_in": "10s",
    "outro": "5s",
    "rest_between_sets": "15s",
    "rest_between_exercises": "20s",
    "rest_between_rounds": "40s",
    "switch_sides": "4s",
}

MIXED = {
    "title": "Mixed",
    "blocks": [
        {
            "name": "Warm-up",
            "exercises": [
                {"name": "Jumping jacks", "work": "2m"},
                {"name": "Side plank", "work": "20s", "sides": True},
                {"name": "Easy walk", "work": "30s", "recovery": True},
            ],
        },
        {
            "name": "Main",
            "rounds": 2,
            "exercises": [
                {
                    "name": "Slow push-ups",
                    "reps": 3,
                    "tempo": "3s",
                    "hold": {"what": "low plank", "for": "2s", "each": "rep"},
                },
                {"name": "Squats", "reps": 10, "sets": 2, "set_time": "90s"},
            ],
        },
    ],
}


def plan_of(doc: dict[str, Any]) -> Plan:
    return make_plan(parse_routine({"defaults": QUIET, **doc}, "r.yaml"))


def render(plan: Plan) -> ET.Element:
    return ET.fromstring(plan_svg(plan))


def interval_rects(root: ET.Element) -> list[ET.Element]:
    rects = [r for r in root.iter(f"{SVG}rect") if "iv" in r.get("class", "").split()]
    return sorted(rects, key=lambda r: int(r.attrib["data-index"]))


def tick_labels(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text") if "tick-label" in t.get("class", "")]


def pc(value: str) -> float:
    """A length across the chart: a percentage of its width."""
    assert value.endswith("%"), value
    return float(value[:-1])


def test_well_formed_svg_that_stretches_without_shrinking_its_text() -> None:
    """No viewBox: shown wider or narrower, the chart stretches across while its text
    keeps its size in pixels; everything across is a percentage of the width."""
    root = render(plan_of(MIXED))
    assert root.tag == f"{SVG}svg"
    assert "viewBox" not in root.attrib
    assert (root.attrib["width"], root.attrib["font-size"]) == ("1200", "13")
    assert float(root.attrib["height"]) > 0
    assert 0 <= PLOT_LEFT < PLOT_RIGHT <= 100
    across = [
        el.attrib[name]
        for el in root.iter()
        if el.tag in (f"{SVG}rect", f"{SVG}line", f"{SVG}svg") and el is not root
        for name in ("x", "x1", "x2")
        if name in el.attrib
    ]
    assert len(across) > 50 and all(v.endswith("%") for v in across)
    sizes = [int(t.get("font-size", "13")) for t in root.iter(f"{SVG}text")]
    assert min(sizes) >= 13


def test_colours_follow_the_scheme_and_phones_get_fewer_tick_labels() -> None:
    plan = plan_of({"title": "T", "exercises": [{"name": "A", "work": "30s", "sets": 20}]})
    root = render(plan)
    style = root.find("svg:style", NS).text
    assert "@media (prefers-color-scheme: dark)" in style
    assert "svg.repcast-chart .background { fill: #0f1620; }" in style
    assert "@container (max-width: 30rem)" in style
    assert root.attrib["class"] == "repcast-chart"
    labels = [t for t in root.iter(f"{SVG}text") if "tick-label" in t.get("class", "")]
    page = [t.text for t in labels if "minor" not in t.get("class", "")]
    phone = [t.text for t in labels if t.get("class") == "tick-label"]
    assert len(labels) == 16
    assert page == [f"{m}:00" for m in range(0, 16, 2)]
    assert phone == ["0:00", "4:00", "8:00", "12:00"]


@pytest.mark.parametrize(
    "plan", [plan_of(MIXED), make_plan(builtin_routine())], ids=["mixed", "builtin"]
)
def test_one_rect_per_interval_exactly_to_scale(plan: Plan) -> None:
    rects = interval_rects(render(plan))
    assert len(rects) == len(plan.intervals)
    scale = PLOT_WIDTH / plan.total
    for iv, rect in zip(plan.intervals, rects, strict=True):
        assert int(rect.attrib["data-index"]) == iv.index
        assert rect.attrib["class"] == f"iv {iv.kind}"
        assert pc(rect.attrib["x"]) == pytest.approx(PLOT_LEFT + iv.start * scale, abs=0.001)
        assert pc(rect.attrib["width"]) == pytest.approx(iv.length * scale, abs=0.001)
        # Every interval explains itself on hover.
        title = rect.find("svg:title", NS)
        assert title is not None and title.text
        if iv.exercise is not None and iv.kind == "work":
            assert iv.exercise.name in title.text
    last = plan.intervals[-1]
    assert pc(rects[-1].attrib["x"]) + pc(rects[-1].attrib["width"]) == pytest.approx(
        PLOT_RIGHT, abs=0.001
    ), f"the {last.kind} must end at the right edge"


def test_distinct_colours_and_a_legend_for_each_kind_present() -> None:
    plan = plan_of(MIXED)
    root = render(plan)
    fills = {r.attrib["class"].split()[1]: r.attrib["fill"] for r in interval_rects(root)}
    assert set(fills) == set(KINDS)
    assert len(set(fills.values())) == len(KINDS)
    legend = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "legend-label"]
    assert legend == list(KINDS)
    # Switching sides is not a rest: its own kind, colour and words.
    switch = next(r for r in interval_rects(root) if r.attrib["class"] == "iv switch")
    tip = switch.find("svg:title", NS).text
    assert tip == "Warm-up: switch sides: Side plank (right), 2:50.0 to 2:54.0 (0:04.0)"
    tips = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert not [t for t in tips if "rest" in t and "sides" in t]


def test_one_band_per_block_and_rects_in_their_band() -> None:
    plan = plan_of(MIXED)
    root = render(plan)
    bands = [r for r in root.iter(f"{SVG}rect") if "band" in r.get("class", "").split()]
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "block"]
    assert labels == ["Warm-up", "Main"]
    tops = [float(b.attrib["y"]) for b in bands]
    for iv, rect in zip(plan.intervals, interval_rects(root), strict=True):
        y = float(rect.attrib["y"])
        band = max(i for i, top in enumerate(tops) if top <= y)
        expected = 0 if iv.kind == "lead-in" else 1 if iv.kind == "outro" else None
        if expected is None:
            expected = ["Warm-up", "Main"].index(iv.block)
        assert band == expected, iv
    # More blocks, a taller chart.
    one = render(plan_of({"title": "T", "exercises": [{"name": "A", "work": "30s"}]}))
    assert float(one.attrib["height"]) < float(root.attrib["height"])


def test_blocks_sharing_a_name_get_their_own_bands() -> None:
    block = {"name": "Circuit", "exercises": [{"name": "A", "work": "30s"}]}
    plan = plan_of({"title": "T", "blocks": [block, block]})
    rects = interval_rects(render(plan))
    work = [float(r.attrib["y"]) for r in rects if r.attrib["class"] == "iv work"]
    assert len(work) == 2 and work[0] < work[1]


def test_names_written_on_work_rects_only_when_they_fit() -> None:
    plan = plan_of(MIXED)
    names = [t.text for t in render(plan).iter(f"{SVG}text") if t.get("class") == "name"]
    # Two minutes of jumping jacks have room; three-second reps and 20 s sides do not.
    assert "Jumping jacks" in names
    assert "Slow push-ups" not in names
    assert "Side plank" not in names


def test_text_is_escaped_and_survives_a_round_trip() -> None:
    title = 'Tom & "Jerry" <&> 💪'
    name = "Push-ups <b>&amp;</b> 'x' 🔥"
    block = "Warm <up> & go"
    plan = plan_of(
        {"title": title, "blocks": [{"name": block, "exercises": [{"name": name, "work": "5m"}]}]}
    )
    text = plan_svg(plan)
    assert "<&>" not in text and "<b>" not in text
    root = ET.fromstring(text)
    strings = [t.text or "" for t in root.iter()]
    assert any(s.startswith(title) for s in strings)
    assert name in strings  # written on its five-minute rect
    assert block in strings
    assert any(name in s for s in strings if s != name)  # and in its tooltip


def test_title_line_gives_the_total_length() -> None:
    plan = plan_of({"title": "Short", "exercises": [{"name": "A", "work": "45s"}]})
    root = render(plan)
    heading = next(t.text for t in root.iter(f"{SVG}text") if t.get("class") == "title")
    assert heading == "Short — 1:00.0"


def test_ticks_every_minute_on_a_short_plan() -> None:
    plan = plan_of({"title": "T", "exercises": [{"name": "A", "work": "30s", "sets": 20}]})
    assert plan.total == (10 + 20 * 30 + 19 * 15 + 5) * SAMPLE_RATE  # 15 minutes
    assert tick_labels(render(plan)) == [f"{m}:00" for m in range(16)]


@pytest.mark.parametrize("hours", [3, 23])
def test_long_plans_get_a_sane_number_of_ticks(hours: int) -> None:
    plan = plan_of(
        {
            "title": "Long",
            "exercises": [{"name": "A", "work": "30m", "sets": hours * 2, "rest": 0}],
        }
    )
    labels = tick_labels(render(plan))
    assert 5 <= len(labels) < 40
    assert labels[0] == "0:00"
    if hours == 3:
        assert labels[:3] == ["0:00", "10:00", "20:00"]
        assert "1:05:00" not in labels and "1:10:00" in labels and labels[-1] == "3:00:00"
    # Every label is a whole clock time, in order.
    seconds = [sum(int(p) * 60**i for i, p in enumerate(reversed(s.split(":")))) for s in labels]
    assert seconds == sorted(seconds) and seconds[-1] <= plan.total / SAMPLE_RATE


def test_five_minute_ticks_read_like_a_clock() -> None:
    plan = plan_of(
        {"title": "T", "exercises": [{"name": "A", "work": "10m", "sets": 7, "rest": 0}]}
    )
    labels = tick_labels(render(plan))
    assert labels[:3] == ["0:00", "5:00", "10:00"]
    assert "1:05:00" in labels
