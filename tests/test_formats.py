"""Routine shapes real workouts need: per-set reps and rests, from the file to the audio."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from repcast import build, make_cues, make_plan
from repcast.build import Settings
from repcast.errors import InputError
from repcast.notes.exporter import export_notes
from repcast.routine.model import json_schema, parse_routine
from repcast.timing import SAMPLE_RATE, ms_to_samples, parse_duration

from .conftest import ROOT, decoded

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
        ({"reps": [5, 5], "rest": ["soon"]}, "exercises[0].rest[0]", "expected a duration"),
        # The bounds of a single value hold for a list too.
        ({"reps": [5, 5], "tempo": "0.5s"}, "exercises[0].tempo", "at least 1s"),
        (
            {"reps": [5, 5], "rest": ["1m", "9999999h"]},
            "exercises[0].rest[1]",
            "longer than 24 hours",
        ),
        ({"reps": [5, 5], "recovery": True}, "exercises[0].recovery", "give it work"),
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


# --- EMOM on another interval ---------------------------------------------------------------


def emom_of(every: str, minutes: int, language: str = "en", exercises: Any = None) -> Any:
    moves = [{"name": "Burpees", "work": "20s"}, {"name": "Squats", "reps": 5, "set_time": "15s"}]
    emom = {"every": every, "minutes": minutes, "exercises": exercises or moves}
    doc = {
        "title": "Every",
        "language": language,
        "defaults": QUIET,
        "blocks": [{"name": "Engine", "emom": emom}],
    }
    return parse_routine(doc, "r.yaml")


def test_emom_every_90_seconds_plan() -> None:
    plan = make_plan(emom_of("90s", 6))  # four intervals, two moves in turn
    s = ms_to_samples
    shape = [(iv.kind, iv.start, iv.length) for iv in plan.intervals]
    assert shape == [
        ("lead-in", 0, s(6000)),
        ("work", s(6000), s(20000)),
        ("rest", s(26000), s(70000)),
        ("work", s(96000), s(15000)),
        ("rest", s(111000), s(75000)),
        ("work", s(186000), s(20000)),
        ("rest", s(206000), s(70000)),
        ("work", s(276000), s(15000)),
        ("outro", s(291000), s(4000)),
    ]
    works = [iv.start for iv in plan.intervals if iv.kind == "work"]
    assert [b - a for a, b in itertools.pairwise(works)] == [s(90_000)] * 3


@pytest.mark.parametrize(
    ("every", "minutes", "language", "said"),
    [
        ("2m", 8, "en", "Every two minutes."),
        ("90s", 6, "en", "Every ninety seconds."),
        ("1m", 4, "en", "Every minute."),
        ("3m", 6, "de", "Alle drei Minuten."),
        ("90s", 6, "de", "Alle neunzig Sekunden."),
        ("1m", 4, "de", "Jede Minute."),
        ("2m", 4, "es", "Cada dos minutos."),
        ("90s", 6, "es", "Cada noventa segundos."),
        ("1m", 4, "es", "Cada minuto."),
    ],
)
def test_emom_interval_is_said(every: str, minutes: int, language: str, said: str) -> None:
    cues = make_cues(make_plan(emom_of(every, minutes, language))).cues
    texts = [c.text for c in cues if c.role == "next"]
    assert texts[0].startswith(said), texts[0]
    assert sum(said in t for t in texts) == 1


@pytest.mark.parametrize(
    ("every", "minutes", "where", "message"),
    [
        ("5s", 4, "emom.every", "between 10s and 10m"),
        ("11m", 22, "emom.every", "between 10s and 10m"),
        ("90s", 4, "emom.minutes", "not a whole number of intervals"),
        ("3m", 3, "emom.minutes", "1 intervals cannot be shared evenly by 2"),
        ("15s", 2, "emom.exercises[0]", "less than the interval"),
    ],
)
def test_emom_every_is_checked(every: str, minutes: int, where: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        emom_of(every, minutes)
    assert where in str(info.value) and message in str(info.value)


def test_emom_every_exports_and_reads_back() -> None:
    from repcast.notes.importer import import_text

    routine = emom_of("2m", 8)
    notes = export_notes(routine)
    assert "EMOM 8 min, every 2 min.\n- Burpees: 20s\n- Squats: 5 reps in 15s\n" in notes
    back = import_text(notes, "notes.txt")
    assert back.guesses == ()
    assert back.routine.blocks[0].every_ms == 120_000
    assert make_plan(back.routine).intervals == make_plan(routine).intervals
    assert json_schema()["properties"]["blocks"]["items"]["properties"]["emom"]["properties"][
        "every"
    ]


def test_an_emom_interval_of_rest_takes_its_turn() -> None:
    """ "Min 3 - Rest": an interval of rest in the moves' turns lengthens the rest after the
    move before it in every round; the intervals still start on the clock, and the notes
    written for it read back the same."""
    from repcast.notes.importer import import_text

    moves = [{"name": "Burpees", "work": "20s"}, "Rest", {"name": "Squats", "work": "15s"}, "Rest"]
    routine = emom_of("1m", 8, exercises=moves)
    plan = make_plan(routine)
    works = [iv.start for iv in plan.intervals if iv.kind == "work"]
    s = ms_to_samples
    assert works == [s(6000 + k * 120_000) for k in range(4)]
    assert [iv.length for iv in plan.intervals if iv.kind == "rest"][:2] == [s(100_000), s(105_000)]
    notes = export_notes(routine)
    assert "EMOM 8 min.\n- Burpees: 20s\n- Rest\n- Squats: 15s\n- Rest\n" in notes
    back = import_text(notes, "notes.txt")
    assert back.guesses == ()
    assert back.routine.blocks == routine.blocks
    board = (
        "WOD\n\nEvery minute, on the minute for 12 minutes:\nMin 1 - 12 Burpees\n"
        "Min 2 - 20 Wall balls\nMin 3 - Rest\n"
    )
    emom = yaml.safe_load(import_text(board, "wod.txt").yaml)["blocks"][0]["emom"]
    assert emom["minutes"] == 12
    assert [m["name"] for m in emom["exercises"]] == ["Burpees", "Wall balls", "Rest"]


@pytest.mark.parametrize(
    ("moves", "where", "message"),
    [
        (["Rest", "Burpees"], "exercises[0]", "an interval of rest follows a move"),
        (["Burpees", "Rest"], "minutes", "3 intervals cannot be shared evenly by 2 intervals"),
    ],
)
def test_an_emom_interval_of_rest_is_checked(moves: list, where: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        emom_of("1m", 3, exercises=moves)
    assert f"emom.{where}" in str(info.value) and message in str(info.value)


# --- every move in every interval --------------------------------------------------------


def window_of(language: str = "en", **fields: Any) -> Any:
    moves = [
        {"name": "Dumbbell hops", "reps": 21},
        {"name": "Run", "distance": "200m", "work": "1m"},
        {"name": "Thrusters", "reps": 12, "cue": "Bar at the collarbones."},
        "Devil press",
    ]
    emom = {"every": "3m", "minutes": 9, "together": True, "exercises": moves, **fields}
    doc = {
        "title": "Windows",
        "language": language,
        "defaults": QUIET,
        "blocks": [
            {"name": "Engine", "emom": emom},
            {"name": "Easy", "exercises": [{"name": "Walk", "work": "1m"}]},
        ],
    }
    return parse_routine(doc, "r.yaml")


@pytest.mark.parametrize(("fields", "work_ms"), [({}, 144_000), ({"work": "2m30s"}, 150_000)])
def test_a_window_starts_on_the_clock_whatever_its_moves(fields: dict, work_ms: int) -> None:
    """Three intervals of three minutes, each holding all four moves (more than three
    minutes of guessed set times, which a block of rounds would have run past): every
    interval starts on its mark, and the next block on the mark after the last."""
    plan = make_plan(window_of(**fields))
    s = ms_to_samples
    works = [iv for iv in plan.intervals if iv.kind == "work"]
    assert [(iv.start, iv.length, iv.round) for iv in works[:3]] == [
        (s(6000 + k * 180_000), s(work_ms), k + 1) for k in range(3)
    ]
    assert works[3].start == s(6000 + 3 * 180_000)  # the walk, on the fourth mark
    rests = [iv.length for iv in plan.intervals if iv.kind == "rest"]
    assert rests == [s(180_000 - work_ms)] * 3


def test_a_window_reads_its_moves_before_each_interval() -> None:
    cues = make_cues(make_plan(window_of())).cues
    said = [c.text for c in cues if c.role in ("next", "form")]
    moves = "21 Dumbbell hops, 200m Run, 12 Thrusters, Devil press. Bar at the collarbones."
    assert said[:3] == [
        "Every three minutes. Round one of three.",
        "First up: Engine. Two minutes twenty-four seconds.",
        f"Every interval, all of these: {moves}",
    ]
    # each interval's moves in the rest before it, as a circuit names its exercises again
    assert said[3:6] == [
        "Round two of three.",
        "Next up: Engine. Two minutes twenty-four seconds.",
        moves,
    ]
    assert sum("Dumbbell hops" in t for t in said) == 3


@pytest.mark.parametrize(
    ("language", "intro"),
    [("de", "In jedem Intervall alles hier:"), ("es", "En cada intervalo, todo esto:")],
)
def test_a_window_is_said_in_other_languages(language: str, intro: str) -> None:
    cues = make_cues(make_plan(window_of(language))).cues
    assert any(c.text.startswith(intro) for c in cues if c.role == "form")


@pytest.mark.parametrize(
    ("fields", "where", "message"),
    [
        ({"work": "3m"}, "emom.work", "shorter than the interval"),
        ({"exercises": [{"name": "Rows", "sets": 2, "reps": 5}]}, "emom.exercises[0]", "one set"),
        ({"exercises": [{"name": "Lunge", "sides": True}]}, "emom.exercises[0]", "one set"),
        ({"minutes": 10}, "emom.minutes", "not a whole number of intervals"),
    ],
)
def test_a_window_is_checked(fields: dict, where: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        window_of(**fields)
    assert where in str(info.value) and message in str(info.value)


def test_a_window_exports_and_reads_back() -> None:
    from repcast.notes.importer import import_text

    routine = window_of(work="2m")
    notes = export_notes(routine)
    assert (
        "Every 3 min for 9 min, all moves each interval, 2 min on, 1 min off:\n"
        "- 21 Dumbbell hops\n- 200m Run\n- 12 Thrusters\n- Devil press\n  Equipment: none\n"
        "  Form: Bar at the collarbones.\n"
    ) in notes
    back = import_text(notes, "notes.txt")
    assert back.guesses == ()
    assert back.routine.blocks == routine.blocks
    schema = json_schema()["properties"]["blocks"]["items"]["properties"]["emom"]
    assert schema["properties"]["together"]["type"] == "boolean"


# --- for time, within a cap -----------------------------------------------------------------


def for_time_of(language: str = "en", **fields: Any) -> Any:
    piece = {"cap": "3m", "calls": "1m", "exercises": ["Thrusters", "Pull-ups"], **fields}
    doc = {
        "title": "Race",
        "language": language,
        "defaults": QUIET,
        "blocks": [{"name": "Chipper", "for_time": piece}],
    }
    return parse_routine(doc, "r.yaml")


def test_for_time_is_one_piece_as_long_as_the_cap() -> None:
    plan = make_plan(for_time_of(rounds=3))
    s = ms_to_samples
    assert [(iv.kind, iv.start, iv.length) for iv in plan.intervals] == [
        ("lead-in", 0, s(6000)),
        ("work", s(6000), s(180_000)),
        ("outro", s(186_000), s(4000)),
    ]


@pytest.mark.parametrize(
    ("language", "fields", "intro"),
    [
        ("en", {"rounds": 3}, "Three rounds for time: Thrusters, Pull-ups."),
        ("en", {}, "For time: Thrusters, Pull-ups."),
        (
            "en",
            {"reps_per_round": [21, 15, 9]},
            "Twenty-one, fifteen and nine reps for time: Thrusters, Pull-ups.",
        ),
        ("de", {"rounds": 3}, "Drei Runden auf Zeit: Thrusters, Pull-ups."),
        ("es", {"rounds": 3}, "Tres rondas por tiempo: Thrusters, Pull-ups."),
    ],
)
def test_for_time_reads_the_rounds_then_calls_the_time(
    language: str, fields: dict, intro: str
) -> None:
    cues = make_cues(make_plan(for_time_of(language, **fields))).cues
    assert intro in [c.text for c in cues if c.role == "form"]
    calls = [(c.at, c.text) for c in cues if c.role == "time-left" and c.kind == "speech"]
    s = ms_to_samples
    assert [at for at, _ in calls] == [s(6000 + 60_000), s(6000 + 120_000), s(176_000)]
    if language == "en":
        assert [t for _, t in calls] == [
            "Two minutes left.",
            "One minute left.",
            "Ten seconds left.",
        ]


@pytest.mark.parametrize(
    ("fields", "where", "message"),
    [
        ({"rounds": 2, "reps_per_round": [21, 15, 9]}, "for_time.rounds", "gives 3 rounds"),
        ({"reps_per_round": [5] * 51}, "for_time.reps_per_round", "at most 50"),
        ({"reps_per_round": []}, "for_time.reps_per_round", "must not be empty"),
        ({"rounds": 0}, "for_time.rounds", "at least 1"),
        ({"cap": "0s"}, "for_time.cap", "longer than zero"),
        # The time calls are bounded as an AMRAP's: not too close, not too many.
        ({"calls": "5s"}, "for_time.calls", "at least 10s"),
        ({"cap": "10h", "calls": "10s"}, "for_time.calls", "at most 120"),
        ({"exercises": [f"Burpee {i} " * 100 for i in range(6)]}, "for_time.exercises", "at most"),
    ],
)
def test_for_time_is_checked(fields: dict, where: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        for_time_of(**fields)
    assert where in str(info.value) and message in str(info.value)


def test_for_time_export_and_schema() -> None:
    notes = export_notes(for_time_of(reps_per_round=[21, 15, 9]))
    assert "## Chipper\n21-15-9 reps for time, cap 3 min, time called every 1 min.\n" in notes
    assert "- Thrusters\n- Pull-ups\n" in notes  # as an AMRAP round is written
    schema = json_schema()["properties"]["blocks"]["items"]
    assert {"required": ["for_time"]} in schema["oneOf"]
    assert schema["properties"]["for_time"]["properties"]["reps_per_round"]["maxItems"] == 50


# --- ladders by step --------------------------------------------------------------------------


def ladder_of(**fields: Any) -> Any:
    ladder = {"exercise": {"name": "Push-ups", "tempo": "1s"}, "rest": "2s", **fields}
    doc = {"title": "Ladder", "defaults": QUIET, "blocks": [{"name": "Up", "ladder": ladder}]}
    return parse_routine(doc, "r.yaml")


@pytest.mark.parametrize(
    ("fields", "rungs"),
    [
        ({"from": 1, "to": 3, "down": True}, [1, 2, 3, 2, 1]),
        ({"from": 2, "to": 8, "step": 3}, [2, 5, 8]),
        ({"from": 5, "to": 1, "step": 2}, [5, 3, 1]),
        ({"from": 4, "to": 4}, [4]),
        ({"reps": [3, 1]}, [3, 1]),
    ],
)
def test_ladder_rungs(fields: dict, rungs: list[int]) -> None:
    assert [e.reps for e in ladder_of(**fields).exercises] == rungs


def test_pyramid_plan_and_script() -> None:
    routine = ladder_of(**{"from": 1, "to": 3, "down": True})
    plan = make_plan(routine)
    s = ms_to_samples
    works = [(iv.start, iv.length) for iv in plan.intervals if iv.kind == "work"]
    # 1+2+3+2+1 reps at 1 s a rep, with 2 s between rungs
    assert works == [
        (s(6000), s(1000)),
        (s(9000), s(2000)),
        (s(13000), s(3000)),
        (s(18000), s(2000)),
        (s(22000), s(1000)),
    ]
    assert plan.total == s(6000 + 9000 + 4 * 2000 + 4000)
    said = [c.text for c in make_cues(plan).cues if c.role == "next"]
    assert said[2] == "Next up: Push-ups. Three reps. I'll count the reps, one every one second."


@pytest.mark.parametrize(
    ("fields", "where", "message"),
    [
        ({"from": 1, "to": 6, "step": 2}, "ladder.step", "do not reach 6"),
        ({"from": 1, "to": 6, "step": 0}, "ladder.step", "at least 1"),
        ({"from": 1}, "ladder.to", "is required"),
        ({"from": 1, "to": 40, "down": True}, "ladder", "79 rungs; at most 50"),
        ({"from": 1, "to": 3, "reps": [1, 2]}, "ladder", "not both"),
        ({}, "ladder", "give either reps"),
        ({"reps": [1] * 51}, "ladder.reps", "at most 50"),
    ],
)
def test_ladder_by_step_is_checked(fields: dict, where: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        ladder_of(**fields)
    assert where in str(info.value) and message in str(info.value)


def test_pyramid_exports_rung_by_rung_and_reads_back() -> None:
    from repcast.notes.importer import import_text

    routine = ladder_of(**{"from": 1, "to": 2, "down": True})
    notes = export_notes(routine)
    assert "- Push-ups: 2 reps, tempo 1s, rest 2s after\n" in notes
    back = import_text(notes, "notes.txt")
    assert make_plan(back.routine).intervals == make_plan(routine).intervals


# --- distance pieces ------------------------------------------------------------------------


def runs_of(language: str = "en", **run: Any) -> Any:
    exercise = {"name": "Run", "distance": "400m", "work": "1m45s", **run}
    doc = {"title": "Track", "language": language, "defaults": QUIET, "exercises": [exercise]}
    return parse_routine(doc, "r.yaml")


@pytest.mark.parametrize(
    ("language", "distance", "said"),
    [
        ("en", "400m", "First up: Run. Four hundred metres."),
        ("en", "1mi", "First up: Run. One mile."),
        ("en", "5 km", "First up: Run. Five kilometres."),
        ("de", "400m", "Als Erstes: Run. Vierhundert Meter."),
        ("de", "1mi", "Als Erstes: Run. Eine Meile."),
        ("es", "400m", "Empezamos con: Run. Cuatrocientos metros."),
        ("es", "800yd", "Empezamos con: Run. Ochocientas yardas."),
    ],
)
def test_distance_is_said_in_words(language: str, distance: str, said: str) -> None:
    cues = make_cues(make_plan(runs_of(language, distance=distance))).cues
    assert said in [c.text for c in cues if c.role == "next"]


def test_distance_plan_and_table() -> None:
    from repcast.sound.report import plan_table

    plan = make_plan(runs_of(sets=2, rest="30s"))
    s = ms_to_samples
    assert [(iv.kind, iv.start, iv.length) for iv in plan.intervals] == [
        ("lead-in", 0, s(6000)),
        ("work", s(6000), s(105_000)),
        ("rest", s(111_000), s(30_000)),
        ("work", s(141_000), s(105_000)),
        ("outro", s(246_000), s(4000)),
    ]
    assert plan.intervals[1].details == ["set 1/2", "400m"]
    assert "Run       set 1/2, 400m" in plan_table(plan)
    said = [c.text for c in make_cues(plan).cues if c.role == "next"]
    assert said == [
        "First up: Run. Two sets of four hundred metres.",
        "Last set. Four hundred metres.",
    ]


@pytest.mark.parametrize(
    ("run", "where", "message"),
    [
        ({"work": None}, "exercises[0].distance", "needs work"),
        ({"distance": "400 furlongs"}, "exercises[0].distance", "m, km, mi or yd"),
        ({"distance": "0m"}, "exercises[0].distance", "up to 100000"),
        ({"distance": "1.5km"}, "exercises[0].distance", "whole distance"),
    ],
)
def test_distance_is_checked(run: dict, where: str, message: str) -> None:
    with pytest.raises(InputError) as info:
        runs_of(**run)
    assert where in str(info.value) and message in str(info.value)


def test_distance_export_and_schema() -> None:
    assert "- Run: 400m in 1 min 45s\n" in export_notes(runs_of())
    fields = json_schema()["properties"]["exercises"]["items"]["properties"]
    assert "km" in fields["distance"]["pattern"]


WINDOWS_20S = {
    "title": "Windows",
    "defaults": QUIET,
    "blocks": [
        {
            "name": "Quick",
            "emom": {"every": "20s", "minutes": 1, "together": True, "exercises": ["Hop", "Jack"]},
        }
    ],
}
EVERY_15S_SKIPS = {"name": "Skips", "work": "5s"}
EVERY_15S = {
    "title": "Every",
    "defaults": QUIET,
    "blocks": [
        {
            "name": "Quick",
            "emom": {"every": "15s", "minutes": 1, "exercises": [EVERY_15S_SKIPS]},
        }
    ],
}

EVERY_15S_REST = {
    **EVERY_15S,
    "blocks": [
        {
            "name": "Quick",
            "emom": {"every": "15s", "minutes": 1, "exercises": [EVERY_15S_SKIPS, "Rest"]},
        }
    ],
}


@pytest.mark.parametrize(
    "make, total_ms",
    [
        pytest.param(lambda: routine_of(PYRAMID), None, id="per-set"),
        pytest.param(  # four intervals of 15 s; the outro ends it
            lambda: parse_routine(EVERY_15S, "r.yaml"), 6000 + 3 * 15_000 + 5000 + 4000, id="emom"
        ),
        pytest.param(  # two turns of a move and an interval of rest; the outro ends it
            lambda: parse_routine(EVERY_15S_REST, "r.yaml"), 6000 + 30_000 + 5000 + 4000, id="rest"
        ),
        pytest.param(
            lambda: for_time_of(rounds=2, cap="40s", calls="20s"),
            6000 + 40_000 + 4000,
            id="for-time",
        ),
        pytest.param(lambda: ladder_of(**{"from": 1, "to": 2, "down": True}), None, id="pyramid"),
        pytest.param(
            lambda: runs_of(work="20s", distance="100m"), 6000 + 20_000 + 4000, id="distance"
        ),
        pytest.param(  # three windows of 20 s, 15 s of work in each; the outro ends it
            lambda: parse_routine(WINDOWS_20S, "r.yaml"),
            6000 + 2 * 20_000 + 15_000 + 4000,
            id="window",
        ),
    ],
)
def test_build_is_as_long_as_the_plan(
    tmp_path: Path, cache_dir: Path, make: Callable[[], Any], total_ms: int | None
) -> None:
    routine = make()
    result = build(routine, tmp_path / "out.mp3", Settings(cache_dir=cache_dir))
    total = make_plan(routine).total
    if total_ms is not None:
        assert total == ms_to_samples(total_ms)
    assert result.timeline.total == total
    assert abs(len(decoded(tmp_path / "out.mp3")) - total) <= 30 * SAMPLE_RATE // 1000


@pytest.mark.parametrize(
    "make",
    [
        lambda: routine_of(PYRAMID),
        lambda: routine_of({"name": "Rows", "reps": [10, 8], "set_time": "20s", "rest": ["1m30s"]}),
        lambda: runs_of(),
        lambda: runs_of(sets=2, rest="1m", distance="1km", work="4m"),
    ],
    ids=["per-set", "per-set-rows", "distance", "distance-sets"],
)
def test_exercises_round_trip(make: Callable[[], Any]) -> None:
    from repcast.notes.importer import import_text

    routine = make()
    back = import_text(export_notes(routine), "notes.txt")
    assert back.guesses == ()
    assert back.routine.exercises == routine.exercises
    assert make_plan(back.routine).intervals == make_plan(routine).intervals


@pytest.mark.parametrize("fields", [{"rounds": 3}, {"reps_per_round": [21, 15, 9]}, {}])
def test_for_time_round_trip(fields: dict) -> None:
    from repcast.notes.importer import import_text

    routine = for_time_of(**fields)
    back = import_text(export_notes(routine), "notes.txt")
    assert back.guesses == ()
    assert back.routine.blocks == routine.blocks


# --- a program's recoveries and time calls ---------------------------------------------------


def test_recovery_and_calls_export_and_read_back() -> None:
    from repcast.notes.importer import import_text

    routine = routine_of(
        {"name": "Jog", "work": "3m", "calls": "1m"},
        {"name": "Stroll", "work": "90s", "recovery": True},
        {
            "name": "Side plank",
            "reps": 2,
            "tempo": "1s",
            "hold": {"what": "the top", "for": "40s"},
            "calls": "30s",
        },
    )
    notes = export_notes(routine)
    assert "- Jog: 3 min, time called every 1 min\n" in notes
    assert "- Stroll: 1 min 30s, as recovery\n" in notes
    back = import_text(notes, "notes.txt")
    assert back.guesses == ()
    assert back.routine.exercises == routine.exercises
    assert make_plan(back.routine).intervals == make_plan(routine).intervals


@pytest.mark.parametrize(
    "path", sorted((ROOT / "examples" / "programs").glob("*.yaml")), ids=lambda p: p.stem
)
def test_every_example_program_session_reads_back(path: Path) -> None:
    from repcast.notes.importer import import_text
    from repcast.routine.program import load_program

    for session in load_program(path).sessions:
        back = import_text(export_notes(session.routine), "notes.txt")
        assert back.guesses == (), session.file_name
        assert back.routine.blocks == session.routine.blocks, session.file_name
        assert make_plan(back.routine).intervals == make_plan(session.routine).intervals


# --- importing texts that state the new formats ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "piece", "guessed"),
    [
        (
            "Garage finisher\n\n4 rounds for time, cap 15 min:\n- 12 box step-ups\n- 8 ring rows\n",
            {
                "cap": "15m",
                "rounds": 4,
                "exercises": [
                    {"name": "Box step-ups", "reps": 12, "equipment": "a box"},
                    {"name": "Ring rows", "reps": 8},
                ],
            },
            ["blocks[0].for_time.exercises[0].equipment"],  # the box its name needs
        ),
        (
            "Cellar session\n\n15-12-9 for time (12 minute cap)\nKettlebell swings\nBurpees\n",
            {
                "cap": "12m",
                "reps_per_round": [15, 12, 9],
                "exercises": [
                    {"name": "Kettlebell swings", "equipment": "a kettlebell"},
                    {"name": "Burpees"},
                ],
            },
            ["blocks[0].for_time.exercises[0].equipment"],
        ),
        (
            "Hotel room\n\nFor time:\n- 50 air squats\n- 30 push-ups\n",
            {
                "cap": "10m",
                "exercises": [{"name": "Air squats", "reps": 50}, {"name": "Push-ups", "reps": 30}],
            },
            ["blocks[0].for_time.cap"],  # no cap in the text: a guess, and marked
        ),
    ],
)
def test_import_reads_for_time(text: str, piece: dict, guessed: list[str]) -> None:
    from repcast.notes.importer import import_text

    imported = import_text(text, "notes.txt")
    assert yaml.safe_load(imported.yaml)["blocks"][0]["for_time"] == piece
    assert [g.field for g in imported.guesses] == guessed


@pytest.mark.parametrize(
    ("text", "emom"),
    [
        ("Pull day\n\nE2MOM x 16 min:\n- 5 strict pull-ups\n", ("2m", 16, ["Strict pull-ups"])),
        (
            "Bike\n\nOn the 3 minute interval for 12 minutes:\n- 1 min hard pedalling\n",
            ("3m", 12, ["Hard pedalling"]),
        ),
    ],
)
def test_import_reads_an_emom_of_another_interval(text: str, emom: tuple) -> None:
    from repcast.notes.importer import import_text

    imported = import_text(text, "notes.txt")
    got = yaml.safe_load(imported.yaml)["blocks"][0]["emom"]
    assert (got["every"], got["minutes"], [m["name"] for m in got["exercises"]]) == emom
    assert not [g for g in imported.guesses if ".every" in g.field or ".minutes" in g.field]


@pytest.mark.parametrize(
    ("text", "every", "minutes"),
    [
        ("Legs\n\nEvery 2 minutes for 10 rounds:\n- 8 goblet squats\n- 10 lunges\n", "2m", 20),
        ("Hinge\n\n12' EOMOM\n- 5 deadlifts\n- 10 hollow rocks\n- 20 jumping jacks\n", "2m", 12),
        ("Swings\n\nEvery 2 minutes for 10 minutes: 10 kettlebell swings + 5 push-ups\n", "2m", 10),
        ("WOD\n\nOn the 5:00 x 3 Rounds:\n400m Run\n21 Wall balls\n", "5m", 15),
    ],
)
def test_import_keeps_every_move_in_every_window(text: str, every: str, minutes: int) -> None:
    """Moves under "every N minutes" are all done in each interval: the intervals start on
    the clock, the moves' own times are the athlete's, the working part a marked guess."""
    from repcast.notes.importer import import_text

    imported = import_text(text, "notes.txt")
    emom = yaml.safe_load(imported.yaml)["blocks"][0]["emom"]
    assert (emom["every"], emom["minutes"], emom["together"]) == (every, minutes, True)
    assert "blocks[0].emom.work" in {g.field for g in imported.guesses}
    starts = [iv.start for iv in make_plan(imported.routine).intervals if iv.kind == "work"]
    ms = parse_duration(every)
    assert starts[: minutes * 60_000 // ms] == [
        starts[0] + ms_to_samples(k * ms) for k in range(minutes * 60_000 // ms)
    ]


def test_import_lays_out_a_window_whose_times_are_all_given() -> None:
    """ "Every 3 minutes: 30 s sprint, 30 s plank": the text times each move, so each is
    said in turn and the rest of the interval is the rest, as written."""
    from repcast.notes.importer import import_text

    text = "Bike\n\nEvery 3 minutes for 4 rounds:\n- 30 s sprint\n- 30 s plank\n"
    imported = import_text(text, "notes.txt")
    block = yaml.safe_load(imported.yaml)["blocks"][0]
    assert (block["rounds"], block["rest_between_rounds"]) == (4, "2m")
    assert "blocks[0].rest_between_rounds" not in {g.field for g in imported.guesses}


def test_import_reads_distances_with_their_time_or_a_marked_guess() -> None:
    from repcast.notes.importer import import_text

    text = "Track night\n\n- 6 x 400m run, rest 90s\n- Row 500 m in 1:50\n- Farmer carry 30 yards\n"
    imported = import_text(text, "notes.txt")
    moves = yaml.safe_load(imported.yaml)["exercises"]
    assert [(m["name"], m.get("sets", 1), m["distance"], m["work"]) for m in moves] == [
        ("Run", 6, "400m", "2m10s"),  # 400 m at an easy 5 min 30 s a km
        ("Row", 1, "500m", "1m50s"),  # the time the text gives
        ("Farmer carry", 1, "30yd", "25s"),  # 27 m at a walk, to the nearest 5 s
    ]
    guessed = {g.field: g.why for g in imported.guesses}
    assert "exercises[1].work" not in guessed
    assert "no time for 400m" in guessed["exercises[0].work"]
    assert "no time for 30yd" in guessed["exercises[2].work"]
    # A round of moves says a distance in the move's name, as the text does.
    amrap = import_text("Yard work\n\nAMRAP 12 min:\n- 200m run\n- 10 burpees\n", "n.txt")
    piece = yaml.safe_load(amrap.yaml)["blocks"][0]["amrap"]
    assert [m["name"] for m in piece["exercises"]] == ["200m run", "Burpees"]


def test_import_reads_lists_of_reps_and_rests_split_by_commas() -> None:
    from repcast.notes.importer import import_text

    text = (
        "Hill session\n\n- 4 x 200m hill sprints with recoveries of 90, 60, 45 seconds\n"
        "- Rows 12, 10, 8 reps\n"
    )
    imported = import_text(text, "notes.txt")
    sprints, rows = yaml.safe_load(imported.yaml)["exercises"]
    assert (sprints["name"], sprints["sets"], sprints["rest"]) == (
        "Hill sprints",
        4,
        ["1m30s", "1m", "45s"],
    )
    assert (rows["name"], rows["sets"], rows["reps"]) == ("Rows", 3, [12, 10, 8])
    guessed = {g.field for g in imported.guesses}
    assert not {"exercises[0].rest", "exercises[1].reps"} & guessed
    rests = [iv.length for iv in make_plan(imported.routine).intervals if iv.reason == "sets"]
    assert rests[:3] == [ms_to_samples(ms) for ms in (90_000, 60_000, 45_000)]


def test_import_reads_ladders_and_pyramids_by_step() -> None:
    from repcast.notes.importer import import_text

    imported = import_text("Pyramid day\n\nPyramid 1-5:\n- Pull-ups\n", "notes.txt")
    ladder = yaml.safe_load(imported.yaml)["blocks"][0]["ladder"]
    assert {k: v for k, v in ladder.items() if k != "exercise"} == {
        "from": 1,
        "to": 5,
        "down": True,
    }
    # the pace a guess, and the bar the name needs
    assert ladder["exercise"] == {"name": "Pull-ups", "tempo": "3s", "equipment": "a pull-up bar"}
    guessed = {g.field for g in imported.guesses}
    assert {"blocks[0].ladder.exercise.tempo", "blocks[0].ladder.exercise.equipment"} <= guessed
    reps = [iv.reps for iv in make_plan(imported.routine).intervals if iv.kind == "work"]
    assert reps == [1, 2, 3, 4, 5, 4, 3, 2, 1]
    # Among other exercises, a ladder's rungs are its sets.
    text = "Evening\n\n- Push-up ladder 1-10, rest 20s\n- Plank 1 min\n"
    push_ups = yaml.safe_load(import_text(text, "notes.txt").yaml)["exercises"][0]
    assert (push_ups["sets"], push_ups["reps"]) == (10, list(range(1, 11)))


@pytest.mark.parametrize(
    "line",
    [
        "- Squats " + "/".join(["5"] * 60),
        "- Squats 60 x " + "/".join(["5"] * 60),
        "- Runs 80 x 400m, rest " + "/".join(["30s"] * 79),
        "Every 2 minutes for 900 rounds:\n- 5 burpees",
    ],
)
def test_import_keeps_lists_and_emoms_within_a_routines_bounds(line: str) -> None:
    """More values than a routine lists, or an EMOM past its longest: what the routine can
    hold (the range of the values, rounds of the moves), not a refusal."""
    from repcast.notes.importer import import_text

    imported = import_text(f"Long one\n\n{line}\n", "notes.txt")
    doc = yaml.safe_load(imported.yaml)
    assert "emom" not in str(doc)
    for e in doc.get("exercises") or doc["blocks"][0]["exercises"]:
        assert not isinstance(e.get("reps"), list) and not isinstance(e.get("rest"), list)


def test_import_times_rounds_with_a_rest_between_them_round_by_round() -> None:
    from repcast.notes.importer import import_text

    text = (
        "Garage\n\n4 rounds for time, rest 2 min between rounds:\n"
        "- 12 box step-ups\n- 8 ring rows\n"
    )
    block = yaml.safe_load(import_text(text, "notes.txt").yaml)["blocks"][0]
    assert "for_time" not in block
    assert (block["rounds"], block["rest_between_rounds"]) == (4, "2m")


@pytest.mark.parametrize("together", [True, False])
def test_an_emom_rests_after_its_last_interval_has_run_out(together: bool) -> None:
    """ "Rest 2 minutes." after an EMOM: the next block starts that long after the EMOM's
    last interval ends; the rounds keep their own rest; written as notes, it reads back."""
    from repcast.notes.importer import import_text

    if together:
        moves: list[dict] = [{"name": "Burpees", "reps": 5}, {"name": "Squats", "reps": 10}]
        emom = {"every": "1m", "minutes": 3, "together": True, "exercises": moves}
    else:
        emom = {"every": "1m", "minutes": 3, "exercises": [{"name": "Burpees", "work": "20s"}]}
    doc = {
        "title": "After",
        "defaults": QUIET,
        "blocks": [
            {"name": "Engine", "emom": {**emom, "rest_after": "2m"}},
            {"name": "Easy", "exercises": [{"name": "Walk", "work": "1m"}]},
        ],
    }
    routine = parse_routine(doc, "r.yaml")
    works = [iv.start for iv in make_plan(routine).intervals if iv.kind == "work"]
    assert works[:3] == [ms_to_samples(6000 + k * 60_000) for k in range(3)]
    assert works[3] == ms_to_samples(6000 + 3 * 60_000 + 120_000)  # the walk
    notes = export_notes(routine)
    assert ", rest 2 min after" in notes
    back = import_text(notes, "notes.txt")
    assert back.routine.blocks == routine.blocks


def test_import_reads_a_rest_after_an_interval_that_holds_every_move() -> None:
    from repcast.notes.importer import import_text

    text = (
        "Engine\n\nEvery 3 minutes x 4:\n- 300m row\n- 15 thrusters\n\nRest 2 minutes.\n\n"
        "AMRAP 8 min:\n- 10 swings\n"
    )
    emom = yaml.safe_load(import_text(text, "notes.txt").yaml)["blocks"][0]["emom"]
    assert (emom["together"], emom["minutes"], emom["rest_after"]) == (True, 12, "2m")


@pytest.mark.parametrize("together", [True, False])
@pytest.mark.parametrize(("every", "minutes"), [("1m", 4), ("90s", 6), ("30s", 2), ("5m", 20)])
@pytest.mark.parametrize("moves", [1, 2])
def test_every_emom_reads_back_as_written(
    together: bool, every: str, minutes: int, moves: int
) -> None:
    """An EMOM of any interval, its moves taking turns or all in every interval, with a rest
    after it: written as notes and read back, the same blocks and nothing guessed."""
    from repcast.notes.importer import import_text

    named = [{"name": "Burpees", "reps": 5, "set_time": "20s"}, {"name": "Squats", "work": "15s"}]
    emom = {
        "every": every,
        "minutes": minutes,
        "together": together,
        "exercises": named[:moves],
        "rest_after": "1m",
    }
    doc = {
        "title": "Back",
        "defaults": QUIET,
        "blocks": [
            {"name": "Engine", "emom": emom},
            {"name": "Easy", "exercises": [{"name": "Walk", "work": "1m"}]},
        ],
    }
    routine = parse_routine(doc, "r.yaml")
    back = import_text(export_notes(routine), "notes.txt")
    assert back.guesses == ()
    assert back.routine.blocks == routine.blocks
