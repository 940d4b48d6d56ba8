"""Structural properties of the render (no wall-clock times here: see scripts/bench)."""

from __future__ import annotations

import tracemalloc
from types import GeneratorType

from repcast.coach.cues import make_cues
from repcast.routine.model import parse_routine
from repcast.routine.plan import make_plan
from repcast.sound.render import WINDOW, render
from repcast.sound.timeline import schedule


def _timeline(rounds: int):
    routine = parse_routine(
        {
            "title": "T",
            "blocks": [
                {
                    "name": "B",
                    "rounds": rounds,
                    "exercises": [
                        {"name": "Squats", "work": "45s", "rest_after": "15s"},
                        {"name": "Dips", "reps": 10, "tempo": "3s"},
                    ],
                }
            ],
        }
    )
    script = make_cues(make_plan(routine))
    # Stand-in clips: a tenth of a second of sound per character of text.
    clips = {
        (c.kind, t): b"\x10\x00" * (4410 * max(1, len(t)) // 10)
        for c in script.cues
        for t in (c.text, c.short)
        if t
    }
    return schedule(script, lambda kind, text: len(clips[kind, text]) // 2), clips


def _peak_while_rendering(rounds: int) -> tuple[int, int]:
    timeline, clips = _timeline(rounds)
    tracemalloc.start()
    total = 0
    for window in render(timeline, clips):
        assert len(window) <= 2 * WINDOW
        total += len(window) // 2
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert total == timeline.total  # the windows add up to the plan, sample for sample
    return peak, timeline.total


def test_render_is_streamed_in_windows() -> None:
    timeline, clips = _timeline(2)
    assert isinstance(render(timeline, clips), GeneratorType)


def test_render_memory_does_not_grow_with_length() -> None:
    short_peak, short = _peak_while_rendering(10)  # about 20 minutes
    long_peak, long = _peak_while_rendering(90)  # about 3 hours
    assert long > 8 * short
    assert long_peak < 1.2 * short_peak + 64_000
