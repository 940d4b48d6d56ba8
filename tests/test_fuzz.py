"""Hypothesis throws routine documents, valid and not, at the loader and the planner: they
may only ever raise the project's own error, and every valid plan keeps its invariants.

The normal suite runs a few hundred cases; ``scripts/fuzz`` runs 10,000."""

from __future__ import annotations

import contextlib
import itertools
import math
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from repcast.coach.cues import make_cues
from repcast.errors import RepcastError
from repcast.routine.model import (
    BLOCK,
    DEFAULTS,
    EXERCISE,
    HOLD,
    ROUTINE,
    VOICE,
    parse_routine,
    parse_text,
)
from repcast.routine.plan import make_plan
from repcast.sound.timeline import schedule
from repcast.timing import ms_to_samples

EXAMPLES = int(os.environ.get("REPCAST_FUZZ_EXAMPLES", "300"))
KEYS = sorted(
    {
        *ROUTINE,
        *BLOCK,
        *EXERCISE,
        *HOLD,
        *DEFAULTS,
        *VOICE,
        "tabata",
        "emom",
        "together",
        "every",
        "amrap",
        "ladder",
        "intervals",
        "minutes",
        "cap",
        "calls",
        "number",
        "date",
    }
)

durations = st.sampled_from(
    ["45s", "1m30s", "1:30", "10", 5, 0.5, "0", "-3s", "2-1-2", "90m", "25h", "x", "", "1:75"]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 50),
    durations,
    st.text(max_size=12),
    st.floats(allow_nan=True, allow_infinity=True),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), inner, max_size=6),
    ),
    max_leaves=30,
)


def exercise() -> st.SearchStrategy[dict]:
    timed = st.fixed_dictionaries(
        {"name": st.text(min_size=1, max_size=8), "work": st.integers(1, 90)},
        optional={"sets": st.integers(1, 4), "rest": st.integers(0, 60), "sides": st.booleans()},
    )
    reps = st.fixed_dictionaries(
        {"name": st.text(min_size=1, max_size=8), "reps": st.integers(1, 12)},
        optional={"tempo": st.integers(1, 5), "sets": st.integers(1, 3)},
    )
    return st.one_of(timed, reps)


valid = st.fixed_dictionaries(
    {
        "title": st.text(min_size=1, max_size=20),
        "blocks": st.lists(
            st.fixed_dictionaries(
                {
                    "name": st.text(min_size=1, max_size=8),
                    "exercises": st.lists(exercise(), min_size=1, max_size=4),
                },
                optional={"rounds": st.integers(1, 3), "rest_between_rounds": st.integers(0, 60)},
            ),
            min_size=1,
            max_size=3,
        ),
    },
    optional={
        "defaults": st.fixed_dictionaries(
            {},
            optional={
                "countdown": st.integers(0, 5),
                "lead_in": st.integers(1, 30),
                "rest_between_sets": st.integers(0, 60),
                "rest_between_exercises": st.integers(0, 60),
            },
        )
    },
)

fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def _check_plan(doc: object) -> None:
    try:
        routine = parse_routine(doc, "fuzz.yaml")
        plan = make_plan(routine)
    except RepcastError:
        return
    intervals = plan.intervals
    assert intervals[0].start == 0
    for a, b in itertools.pairwise(intervals):
        assert a.end == b.start and a.length > 0
    script = make_cues(plan)
    # A stand-in clip length (a tenth of a second per character) is enough to exercise
    # the scheduler's invariants without the speech engine.
    timeline = schedule(script, lambda kind, text: 4410 * max(1, len(text)) // 10)
    for a, b in zip(timeline.placed, timeline.placed[1:], strict=False):
        assert a.end <= b.start
    assert not timeline.placed or timeline.placed[-1].end <= plan.total


@fuzz
@given(values)
def test_any_document_raises_only_our_error(doc: object) -> None:
    _check_plan(doc)


@fuzz
@given(valid)
def test_valid_documents_keep_the_plan_invariants(doc: dict) -> None:
    _check_plan(doc)


@fuzz
@given(st.text(max_size=200))
def test_any_text_raises_only_our_error(text: str) -> None:
    with contextlib.suppress(RepcastError):
        parse_text(text, "fuzz.yaml")


one_set = st.fixed_dictionaries(
    {"name": st.sampled_from(["Hops", "Thrusters", "Row", "Burpees"])},
    optional={"reps": st.integers(1, 50), "work": st.integers(1, 400), "tempo": st.integers(1, 5)},
).filter(lambda m: not ("reps" in m and "work" in m) and ("tempo" not in m or "reps" in m))


@fuzz
@given(
    st.sampled_from([15, 20, 30, 60, 90, 120, 180, 300]),
    st.integers(1, 8),
    st.lists(one_set, min_size=1, max_size=6),
    st.booleans(),
)
def test_every_interval_that_holds_every_move_starts_on_its_mark(
    every: int, turns: int, moves: list[dict], work_given: bool
) -> None:
    """However many moves and whatever their own times (longer than the interval, even),
    each interval of an EMOM that holds every move starts a whole number of intervals
    after the first."""
    # the fewest intervals that make whole minutes, ``turns`` times
    minutes = turns * (60 // math.gcd(60, every)) * every // 60
    emom = {"every": f"{every}s", "minutes": minutes, "together": True, "exercises": moves}
    if work_given:
        emom["work"] = f"{every // 2}s"
    doc = {"title": "T", "defaults": {"lead_in": 7}, "blocks": [{"name": "W", "emom": emom}]}
    plan = make_plan(parse_routine(doc, "fuzz.yaml"))
    starts = [iv.start for iv in plan.intervals if iv.kind == "work"]
    assert len(starts) == minutes * 60 // every
    assert starts == [ms_to_samples(7000 + k * every * 1000) for k in range(len(starts))]
