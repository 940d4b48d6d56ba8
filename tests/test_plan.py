"""Laying a routine out in time, and where the cue script anchors its tones."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repcast.coach.cues import make_cues
from repcast.errors import InputError
from repcast.routine.model import Routine, builtin_routine, parse_routine
from repcast.routine.plan import KINDS, Interval, Plan, make_plan
from repcast.sound.report import plan_table
from repcast.timing import MAX_MS, SAMPLE_RATE, ms_to_samples

S = SAMPLE_RATE

QUIET = {
    "lead_in": "10s",
    "outro": "5s",
    "rest_between_sets": "15s",
    "rest_between_exercises": "20s",
    "rest_between_rounds": "40s",
    "switch_sides": "4s",
    "set_time": "30s",
    "work": "25s",
}


def plan_of(doc: dict[str, Any], **defaults: Any) -> Plan:
    return make_plan(parse_routine({"defaults": {**QUIET, **defaults}, **doc}, "r.yaml"))


def shape(plan: Plan) -> list[tuple]:
    """kind, length in samples, and what identifies the interval: the rest reason, or the
    exercise with its set/side/rep and the set_start/set_end flags."""
    out: list[tuple] = []
    for iv in plan.intervals:
        if iv.kind == "rest":
            out.append(("rest", iv.length, iv.reason))
        elif iv.exercise is None:
            out.append((iv.kind, iv.length))
        else:
            flags = ("start" if iv.set_start else "") + ("/end" if iv.set_end else "")
            where = [iv.exercise.name, f"r{iv.round}", f"s{iv.set}"]
            where += [iv.side] if iv.side else []
            where += [f"rep{iv.rep}"] if iv.rep else []
            out.append((iv.kind, iv.length, " ".join(where), flags))
    return out


def assert_contiguous(plan: Plan) -> None:
    ivs = plan.intervals
    assert ivs[0].start == 0
    assert [iv.index for iv in ivs] == list(range(len(ivs)))
    for a, b in itertools.pairwise(ivs):
        assert b.start == a.end
    assert all(iv.length > 0 for iv in ivs)
    assert all(iv.kind in KINDS for iv in ivs)
    assert plan.total == ivs[-1].end == sum(iv.length for iv in ivs)


# --- hand-made routines ---------------------------------------------------------------


def test_timed_sets_and_exercises() -> None:
    plan = plan_of(
        {
            "title": "T",
            "exercises": [{"name": "A", "work": "30s", "sets": 2}, {"name": "B", "work": 40}],
        }
    )
    assert shape(plan) == [
        ("lead-in", 10 * S),
        ("work", 30 * S, "A r1 s1", "start/end"),
        ("rest", 15 * S, "sets"),
        ("work", 30 * S, "A r1 s2", "start/end"),
        ("rest", 20 * S, "exercises"),
        ("work", 40 * S, "B r1 s1", "start/end"),
        ("outro", 5 * S),
    ]
    assert [iv.start for iv in plan.intervals] == [s * S for s in (0, 10, 40, 55, 85, 105, 145)]
    assert plan.total == 150 * S
    assert_contiguous(plan)


def test_defaults_fill_in_set_time_and_work() -> None:
    plan = plan_of(
        {"title": "T", "exercises": [{"name": "A", "reps": 8}, {"name": "B", "reps": 8}]},
        set_time="33s",
    )
    assert [iv.length for iv in plan.intervals if iv.kind == "work"] == [33 * S, 33 * S]
    plan = make_plan(
        parse_routine({"title": "T", "defaults": {"work": "50s"}, "exercises": [{"name": "A"}]})
    )
    assert plan.intervals[1].length == 50 * S


def test_blocks_rounds_reps_and_tempo() -> None:
    plan = plan_of(
        {
            "title": "T",
            "blocks": [
                {"name": "Warm-up", "exercises": [{"name": "a", "work": "10s"}]},
                {
                    "name": "Main",
                    "rounds": 2,
                    "rest_between_rounds": "50s",
                    "exercises": [
                        {"name": "b", "reps": 5, "tempo": "2s", "rest_after": "7s"},
                        {"name": "c", "reps": 8},
                    ],
                },
            ],
        }
    )
    assert shape(plan) == [
        ("lead-in", 10 * S),
        ("work", 10 * S, "a r1 s1", "start/end"),
        ("rest", 20 * S, "blocks"),
        ("work", 10 * S, "b r1 s1", "start/end"),
        ("rest", 7 * S, "exercises"),
        ("work", 30 * S, "c r1 s1", "start/end"),
        ("rest", 50 * S, "rounds"),
        ("work", 10 * S, "b r2 s1", "start/end"),
        ("rest", 7 * S, "exercises"),
        ("work", 30 * S, "c r2 s1", "start/end"),
        ("outro", 5 * S),
    ]
    ivs = plan.intervals
    assert [(iv.block, iv.rounds) for iv in ivs[1:3]] == [("Warm-up", 1), ("Main", 2)]
    # A rest carries the place of what follows it.
    assert (ivs[2].block, ivs[2].exercise.name, ivs[6].round) == ("Main", "b", 2)
    # Tempo work counts its reps; the tempo is in samples.
    assert (ivs[3].reps, ivs[3].tempo, ivs[3].rep) == (5, 2 * S, 0)
    assert (ivs[5].reps, ivs[5].tempo) == (0, 0)
    assert_contiguous(plan)


def test_rest_between_blocks_uses_the_last_exercises_rest_after() -> None:
    plan = plan_of(
        {
            "title": "T",
            "blocks": [
                {"name": "A", "exercises": [{"name": "a", "work": "10s", "rest_after": "3s"}]},
                {"name": "B", "exercises": [{"name": "b", "work": "10s"}]},
            ],
        }
    )
    assert shape(plan)[2] == ("rest", 3 * S, "blocks")


def test_per_exercise_rest_overrides_defaults() -> None:
    plan = plan_of(
        {
            "title": "T",
            "exercises": [
                {"name": "A", "work": "10s", "sets": 3, "rest": "12s", "rest_after": "9s"},
                {"name": "B", "work": "10s", "sets": 2},
            ],
        }
    )
    rests = [(iv.length, iv.reason) for iv in plan.intervals if iv.kind == "rest"]
    assert rests == [(12 * S, "sets"), (12 * S, "sets"), (9 * S, "exercises"), (15 * S, "sets")]


def test_zero_rests_make_no_rest_intervals() -> None:
    plan = plan_of(
        {
            "title": "T",
            "blocks": [
                {
                    "name": "A",
                    "rounds": 2,
                    "exercises": [
                        {"name": "a", "work": "10s", "sets": 2},
                        {"name": "b", "reps": 3, "tempo": "1s", "sets": 2, "rest": "5s"},
                    ],
                },
                {"name": "B", "exercises": [{"name": "c", "work": "10s", "rest": "0s"}]},
            ],
        },
        rest_between_sets=0,
        rest_between_exercises="0s",
        rest_between_rounds="0:00",
    )
    kinds = [(iv.kind, iv.length) for iv in plan.intervals]
    assert kinds == [
        ("lead-in", 10 * S),
        *[("work", 10 * S), ("work", 10 * S), ("work", 3 * S), ("rest", 5 * S), ("work", 3 * S)]
        * 2,
        ("work", 10 * S),
        ("outro", 5 * S),
    ]
    assert_contiguous(plan)


def test_sides_give_left_switch_right() -> None:
    plan = plan_of(
        {
            "title": "T",
            "exercises": [
                {
                    "name": "Lunge",
                    "reps": 6,
                    "sets": 2,
                    "sides": True,
                    "rest": 0,
                    "hold": {"what": "low lunge", "for": "5s"},
                }
            ],
        }
    )
    assert shape(plan) == [
        ("lead-in", 10 * S),
        ("work", 30 * S, "Lunge r1 s1 left", "start"),
        ("hold", 5 * S, "Lunge r1 s1 left", "/end"),
        ("switch", 4 * S, "Lunge r1 s1 right", ""),
        ("work", 30 * S, "Lunge r1 s1 right", "start"),
        ("hold", 5 * S, "Lunge r1 s1 right", "/end"),
        ("work", 30 * S, "Lunge r1 s2 left", "start"),
        ("hold", 5 * S, "Lunge r1 s2 left", "/end"),
        ("switch", 4 * S, "Lunge r1 s2 right", ""),
        ("work", 30 * S, "Lunge r1 s2 right", "start"),
        ("hold", 5 * S, "Lunge r1 s2 right", "/end"),
        ("outro", 5 * S),
    ]
    assert plan.intervals[3].side == "right"  # the switch leads into the right side
    assert plan_table(plan).splitlines()[4].split()[3:] == [
        "switch",
        "Workout",
        "Lunge",
        "set",
        "1/2,",
        "right",
    ]


def test_hold_each_rep_gives_work_hold_pairs() -> None:
    plan = plan_of(
        {
            "title": "T",
            "exercises": [
                {
                    "name": "Burpee",
                    "reps": 3,
                    "tempo": "4s",
                    "hold": {"what": "plank", "for": "2s", "each": "rep"},
                }
            ],
        }
    )
    assert shape(plan) == [
        ("lead-in", 10 * S),
        ("work", 4 * S, "Burpee r1 s1 rep1", "start"),
        ("hold", 2 * S, "Burpee r1 s1 rep1", ""),
        ("work", 4 * S, "Burpee r1 s1 rep2", ""),
        ("hold", 2 * S, "Burpee r1 s1 rep2", ""),
        ("work", 4 * S, "Burpee r1 s1 rep3", ""),
        ("hold", 2 * S, "Burpee r1 s1 rep3", "/end"),
        ("outro", 5 * S),
    ]
    work = [iv for iv in plan.intervals if iv.kind == "work"]
    assert {(iv.reps, iv.tempo) for iv in work} == {(1, 4 * S)}


def test_tempo_parts_add_up() -> None:
    plan = plan_of({"title": "T", "exercises": [{"name": "P", "reps": 4, "tempo": "2-1-2"}]})
    assert (plan.intervals[1].length, plan.intervals[1].tempo) == (20 * S, 5 * S)


def test_boundaries_come_from_cumulative_milliseconds() -> None:
    # 333 ms is 14685.3 samples: rounding each interval on its own would drift.
    plan = plan_of(
        {"title": "T", "exercises": [{"name": "A", "work": "333ms", "sets": 3}]},
        lead_in="333ms",
        outro="333ms",
        rest_between_sets="333ms",
    )
    assert [iv.start for iv in plan.intervals] == [ms_to_samples(333 * k) for k in range(7)]
    assert {iv.length for iv in plan.intervals} == {14_685, 14_686}
    assert plan.total == ms_to_samples(7 * 333)


def test_builtin_plan() -> None:
    plan = make_plan(builtin_routine())
    assert_contiguous(plan)
    assert plan.intervals[0].kind == "lead-in"
    assert plan.intervals[-1].kind == "outro"
    assert plan.intervals[0].length == 25 * S


def test_exactly_24_hours_is_allowed() -> None:
    # 20 s lead-in + 12 s outro (the defaults) + the work.
    r = parse_routine({"title": "T", "exercises": [{"name": "A", "work": "23:59:28"}]})
    assert make_plan(r).total == ms_to_samples(MAX_MS)


@pytest.mark.parametrize(
    ("works", "hours"),
    [(["23:59:28.001"], "24.0"), (["23h", "2h"], "25.0"), (["12h", "12h", "12h"], "36.0")],
)
def test_more_than_24_hours_is_an_input_error(works: list[str], hours: str) -> None:
    exercises = [{"name": f"E{i}", "work": w} for i, w in enumerate(works)]
    r = parse_routine({"title": "T", "exercises": exercises}, "long.yaml")
    with pytest.raises(InputError) as info:
        make_plan(r)
    assert info.value.exit_code == 2
    assert str(info.value) == f"long.yaml: the workout would last {hours} hours; the limit is 24"


# --- properties -----------------------------------------------------------------------


def _duration(ms: int, form: int) -> object:
    if form == 0:
        return ms / 1000
    if form == 1:
        return f"{ms}ms"
    return f"{ms // 60_000}:{ms % 60_000 / 1000:06.3f}"


def durations(lo: int = 1, hi: int = 90_000) -> st.SearchStrategy[object]:
    """A duration in milliseconds, written in one of several forms."""
    return st.builds(_duration, st.integers(lo, hi), st.integers(0, 2))


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _exercise(kind: str, base: dict, hold: dict | None) -> dict:
    ex = {k: v for k, v in base.items() if v is not None}
    if kind in ("timed", "default"):
        for key in ("reps", "tempo", "set_time", *(["work"] if kind == "default" else [])):
            ex.pop(key, None)
    else:
        ex.pop("work", None)
        if kind == "tempo":
            ex.pop("set_time", None)
        else:
            ex.pop("tempo", None)
    if hold is not None:
        if hold.get("each") == "rep" and kind != "tempo":
            hold = {**hold, "each": "set"}
        ex["hold"] = hold
    return ex


EXERCISES = st.builds(
    _exercise,
    st.sampled_from(["timed", "default", "reps", "tempo"]),
    st.fixed_dictionaries(
        {
            "name": st.sampled_from(["Squats", "Push-ups", "Rows", "Burpees 💥"]),
            "work": durations(),
            "reps": st.integers(1, 6),
            "tempo": st.one_of(durations(1000, 8000), st.sampled_from(["2-1-2", "1.5-0.5"])),
            "set_time": optional(durations()),
            "sets": st.integers(1, 3),
            "sides": st.booleans(),
            "rest": optional(durations(0, 30_000)),
            "rest_after": optional(durations(0, 30_000)),
        }
    ),
    optional(
        st.fixed_dictionaries(
            {"what": st.just("plank"), "for": durations(1000, 10_000)},
            optional={"each": st.sampled_from(["rep", "set"])},
        )
    ),
)

BLOCKS = st.fixed_dictionaries(
    {
        "name": st.sampled_from(["Warm-up", "Main", "Cool-down"]),
        "exercises": st.lists(EXERCISES, min_size=1, max_size=3),
    },
    optional={"rounds": st.integers(1, 3), "rest_between_rounds": durations(0, 60_000)},
)

DEFAULTS = st.fixed_dictionaries(
    {},
    optional={
        "work": durations(),
        "set_time": durations(),
        "rest_between_sets": durations(0, 60_000),
        "rest_between_exercises": durations(0, 60_000),
        "rest_between_rounds": durations(0, 60_000),
        "countdown": st.integers(0, 5),
        "lead_in": durations(),
        "switch_sides": durations(1, 10_000),
        "outro": durations(),
    },
)

ROUTINES = st.one_of(
    st.fixed_dictionaries(
        {"title": st.just("Generated"), "blocks": st.lists(BLOCKS, min_size=1, max_size=3)},
        optional={"defaults": DEFAULTS},
    ),
    st.fixed_dictionaries(
        {"title": st.just("Generated"), "exercises": st.lists(EXERCISES, min_size=1, max_size=3)},
        optional={"defaults": DEFAULTS},
    ),
)


def _set_ms(e: Any, r: Routine) -> int:
    d = r.defaults
    hold = e.hold.ms if e.hold else 0
    if e.tempo_ms and e.hold and e.hold.each == "rep":
        return e.reps * (e.tempo_ms + hold)
    if e.tempo_ms:
        return e.reps * e.tempo_ms + hold
    if e.timed:
        return (e.work_ms or d.work_ms) + hold
    return (e.set_time_ms or d.set_time_ms) + hold


def expected_ms(r: Routine) -> int:
    """The whole workout in milliseconds, counted block by block (not interval by interval)."""
    d = r.defaults

    def pick(specific: int | None, general: int) -> int:
        return general if specific is None else specific

    total = d.lead_in_ms + d.outro_ms
    for i, b in enumerate(r.blocks):
        one_round = 0
        for j, e in enumerate(b.exercises):
            sides = 2 if e.sides else 1
            one_round += e.sets * sides * _set_ms(e, r)
            one_round += e.sets * (sides - 1) * d.switch_sides_ms
            one_round += (e.sets - 1) * pick(e.rest_ms, d.rest_between_sets_ms)
            if j < len(b.exercises) - 1:
                one_round += pick(e.rest_after_ms, d.rest_between_exercises_ms)
        total += b.rounds * one_round
        total += (b.rounds - 1) * pick(b.rest_between_rounds_ms, d.rest_between_rounds_ms)
        if i < len(r.blocks) - 1:
            total += pick(b.exercises[-1].rest_after_ms, d.rest_between_exercises_ms)
    return total


PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(ROUTINES)
def test_intervals_are_contiguous_and_add_up(doc: dict) -> None:
    routine = parse_routine(doc, "gen.yaml")
    plan = make_plan(routine)
    assert_contiguous(plan)
    assert plan.total == ms_to_samples(expected_ms(routine))
    assert plan.intervals[0].kind == "lead-in"
    assert plan.intervals[-1].kind == "outro"
    assert all(iv.kind != "rest" or iv.reason for iv in plan.intervals)
    sets = [iv for iv in plan.intervals if iv.set_start]
    assert len(sets) == sum(
        b.rounds * e.sets * (2 if e.sides else 1) for b in routine.blocks for e in b.exercises
    )
    assert sum(iv.set_end for iv in plan.intervals) == len(sets)


def _boundaries(plan: Plan) -> set[int]:
    return {iv.start for iv in plan.intervals} | {plan.total}


@PROPERTY
@given(ROUTINES)
def test_countdowns_end_on_interval_boundaries(doc: dict) -> None:
    plan = make_plan(parse_routine(doc, "gen.yaml"))
    cues = make_cues(plan).cues
    countdown = plan.routine.defaults.countdown
    boundaries = _boundaries(plan)
    ticks: dict[int, list[int]] = {}
    for c in cues:
        if c.kind == "beep" and c.role == "countdown":
            iv: Interval = plan.intervals[c.interval]
            assert iv.start <= c.at < iv.end
            ticks.setdefault(c.interval, []).append(c.at)
    for index, ats in ticks.items():
        iv = plan.intervals[index]
        assert iv.end in boundaries and iv.end != plan.total
        # Whole seconds apart, the last exactly one second before the boundary.
        assert max(ats) == iv.end - SAMPLE_RATE
        assert sorted(iv.end - a for a in ats) == [k * SAMPLE_RATE for k in range(1, len(ats) + 1)]
        assert len(ats) <= countdown
    finals = [c for c in cues if c.kind == "final"]
    assert all(c.at == plan.intervals[c.interval].start for c in finals)
    assert sorted(c.interval for c in finals) == list(range(1, len(plan.intervals)))
    assert {c.at for c in finals} <= boundaries


@PROPERTY
@given(ROUTINES)
def test_cues_are_sorted_and_inside_the_workout(doc: dict) -> None:
    plan = make_plan(parse_routine(doc, "gen.yaml"))
    ats = [c.at for c in make_cues(plan).cues]
    assert ats == sorted(ats)
    assert all(0 <= at < plan.total for at in ats)
