"""Routine shapes real workouts need: per-set reps and rests, from the file to the audio."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from repcast import build, make_cues, make_plan
from repcast.build import Settings
from repcast.errors import InputError
from repcast.notes.exporter import export_notes
from repcast.routine.model import json_schema, parse_routine
from repcast.timing import SAMPLE_RATE, ms_to_samples

from .conftest import decoded

QUIET = {"lead_in": "6s", "outro": "4s", "countdown": 0}
PYRAMID = {
    "name": "Push-ups",
    "reps": [3, 2, 1],
    "tempo": "1s",
    "rest": ["5s", "3s"],
}


def routine_of(*exercises: dict[str, Any]) -> Any:
    doc = {"title": "Sets", "defaults": QUIET, "exercises": list(exercises)}
    return parse_routine(doc, "r.yaml")


def test_per_set_reps_and_rests_plan() -> None:
    plan = make_plan(routine_of(PYRAMID))
    shape = [(iv.kind, iv.start, iv.length, iv.reps) for iv in plan.intervals]
    s = ms_to_samples
    assert shape == [
        ("lead-in", 0, s(6000), 0),
        ("work", s(6000), s(3000), 3),
        ("rest", s(9000), s(5000), 0),
        ("work", s(14000), s(2000), 2),
        ("rest", s(16000), s(3000), 0),
        ("work", s(19000), s(1000), 1),
        ("outro", s(20000), s(4000), 0),
    ]
    assert [iv.sets for iv in plan.intervals if iv.kind == "work"] == [3, 3, 3]


def test_a_single_rest_and_an_agreeing_sets_are_as_before() -> None:
    one = routine_of({"name": "Rows", "sets": 2, "reps": [8, 6], "rest": "7s"}).exercises[0]
    assert (one.sets, one.reps, one.set_reps, one.rest_ms, one.set_rests_ms) == (
        2,
        8,
        (8, 6),
        7000,
        (),
    )
    timed = routine_of({"name": "Plank", "sets": 3, "work": "5s", "rest": ["4s", "2s"]})
    rests = [iv.length for iv in make_plan(timed).intervals if iv.kind == "rest"]
    assert rests == [ms_to_samples(4000), ms_to_samples(2000)]


def test_per_set_reps_are_said_set_by_set() -> None:
    routine = routine_of({"name": "Squats", "reps": [12, 10, 8], "set_time": "5s", "rest": "5s"})
    said = [c.text for c in make_cues(make_plan(routine)).cues if c.role == "next"]
    assert said == [
        "First up: Squats. Three sets: twelve, ten and eight reps.",
        "Set two of three, ten reps.",
        "Last set. Eight reps.",
    ]


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [
        ("de", "Drei Sätze: zwölf, zehn und acht Wiederholungen.", "Satz zwei von drei"),
        ("es", "Tres series: doce, diez y ocho repeticiones.", "Serie dos de tres"),
    ],
)
def test_per_set_reps_in_other_languages(language: str, first: str, second: str) -> None:
    doc = {
        "title": "Sets",
        "language": language,
        "defaults": QUIET,
        "exercises": [{"name": "Squats", "reps": [12, 10, 8], "set_time": "5s"}],
    }
    said = [c.text for c in make_cues(make_plan(parse_routine(doc, "r.yaml"))).cues]
    assert any(text.endswith(first) for text in said), said
    assert any(text.startswith(second) for text in said), said


@pytest.mark.parametrize(
    ("exercise", "where", "message"),
    [
        ({"reps": [12, 10], "sets": 3}, "exercises[0].sets", "3 sets, but reps gives 2"),
        ({"reps": 5, "sets": 3, "rest": ["1m"]}, "exercises[0].rest", "need 2 rests"),
        ({"reps": []}, "exercises[0].reps", "must not be empty"),
        ({"reps": [5] * 51}, "exercises[0].reps", "at most 50"),
        ({"reps": [5, 0]}, "exercises[0].reps[1]", "at least 1"),
        ({"reps": [5, 5], "rest": ["soon"]}, "exercises[0].rest[0]", ""),
    ],
)
def test_per_set_lists_are_checked(exercise: dict, where: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        routine_of({"name": "Rows", **exercise})
    text = str(info.value)
    assert where in text and message in text and "\n" not in text


def test_schema_allows_a_number_or_a_list() -> None:
    fields = json_schema()["properties"]["exercises"]["items"]["properties"]
    reps = fields["reps"]["anyOf"]
    assert reps[0]["type"] == "integer"
    assert reps[1]["type"] == "array" and reps[1]["maxItems"] == 50
    assert fields["rest"]["anyOf"][1]["items"]["anyOf"]


def test_per_set_export() -> None:
    notes = export_notes(routine_of(PYRAMID))
    assert "- Push-ups: 3 x 3/2/1, tempo 1s, rest 5s/3s between sets\n" in notes


def test_per_set_build_is_as_long_as_the_plan(tmp_path: Path, cache_dir: Path) -> None:
    routine = routine_of(PYRAMID)
    result = build(routine, tmp_path / "sets.mp3", Settings(cache_dir=cache_dir))
    total = make_plan(routine).total
    assert result.timeline.total == total
    assert abs(len(decoded(tmp_path / "sets.mp3")) - total) <= 30 * SAMPLE_RATE // 1000
