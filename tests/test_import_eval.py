"""The import scorer (scripts/import-eval) on small cases of our own with known answers:
names matched loosely but in order, values compared the way the truth files mean them,
every kind of imported block read back, and the figures it reports."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
_spec = importlib.util.spec_from_file_location("import_eval", SCRIPTS / "import_eval.py")
assert _spec and _spec.loader
ev = importlib.util.module_from_spec(_spec)
sys.modules["import_eval"] = ev  # dataclasses look their module up by name
_spec.loader.exec_module(ev)


def test_names_match_loosely() -> None:
    assert ev.similarity("Push-ups", "pushups") == 1.0
    assert ev.similarity("Bench Presses", "bench press") == 1.0
    assert ev.similarity("Goblet squat", "Goblet squat 4x12 16kg") >= ev.MATCH
    assert ev.similarity("Plank", "Side lunge") == 0.0
    # a load the importer keeps in the name is no word of it
    assert ev.similarity("Thruster", "Thruster 95/65 lb") == 1.0
    assert ev.similarity("Goblet squat", "Goblet squat @ 16kg") == 1.0
    assert ev.similarity("Thruster", "Thruster 95/65") < 1.0  # (no unit: maybe no load)


def test_alignment_is_one_to_one_and_keeps_order() -> None:
    truth = ["Squat", "Row", "Plank"]
    # Row comes before Squat in what was written: only one of the two can be kept in order.
    assert ev.align(truth, ["Row", "Squat", "Plank"]) in ([(0, 1), (2, 2)], [(1, 0), (2, 2)])
    # Two imported squats, one truth squat: one pair only.
    assert ev.align(["Squat"], ["Squat", "Squat"]) == [(0, 0)]
    assert ev.align(["Squat", "Squat"], ["Back squat", "Squat"]) == [(0, 0), (1, 1)]


@pytest.mark.parametrize(
    ("key", "truth", "got", "same"),
    [
        ("reps", 12, 12, True),
        ("reps", [8, 10], 10, True),  # a range is met by one number inside it
        ("reps", [8, 10], 12, False),
        ("reps", {"per_set": [12, 10, 8]}, [12, 10, 8], True),
        ("reps", {"per_set": [12, 10, 8]}, 12, False),
        ("reps", {"per_set": [10, 10, 10]}, 10, True),
        ("rest", "90s", "1m30s", True),
        ("rest", [50, 60], "55s", True),
        ("rest", {"per_set": ["90s", "60s"]}, ["1m30s", "1m"], True),
        ("distance", "1km", "1000m", True),
        ("distance", "1 mile", "1609m", True),
        ("distance", "400m", None, False),
        ("sides", True, None, False),
        ("block", "circuit", "tabata", True),
        ("block", "emom", "amrap", False),
    ],
)
def test_values_compare_as_the_truth_means_them(key: str, truth: Any, got: Any, same: bool) -> None:
    assert ev.equal(key, truth, got) is same


# An imported document of each kind of block, as the importer writes them, with the paths
# of the values it marked as guessed.
DOC = yaml.safe_load(
    """
title: Test
defaults:
  rest_between_sets: 30s
blocks:
  - name: Strength
    exercises:
      - {name: Goblet squat, sets: 4, reps: 12, set_time: 36s}
      - {name: Romanian deadlift, sets: 3, reps: 10, set_time: 30s, rest: 1m30s}
      - {name: Plank, work: 45s}
  - name: Finisher
    tabata:
      exercises: [Burpees, Mountain climbers]
      intervals: 8
      work: 20s
      rest: 10s
  - name: Clock
    emom:
      every: 2m
      minutes: 12
      exercises:
        - {name: Power clean, reps: 3}
  - name: Burn
    amrap:
      cap: 10m
      exercises:
        - {name: Wall balls, reps: 15}
        - Plank 30 s
  - name: Climb
    ladder:
      exercise: Push-ups
      from: 1
      to: 3
      down: true
"""
)
GUESSED = {
    "defaults.rest_between_sets",
    "blocks[0].exercises[0].set_time",
    "blocks[0].exercises[1].set_time",
    "blocks[0].exercises[1].reps",
}
TRUTH = yaml.safe_load(
    """
exercises:
  - {name: Goblet squats, sets: 4, reps: 12}
  - {name: Romanian deadlift, sets: 3, reps: [8, 10], rest: 90s}
  - {name: Plank, work: 60s}
  - {name: Burpees, block: tabata, work: 20s, rest: 10s, rounds: 4}
  - {name: Mountain climbers, block: tabata, intervals: 8}
  - {name: Power cleans, reps: 3, every: 2m, minutes: 12, rounds: 6}
  - {name: Wall ball, reps: 15, cap: 10m, block: amrap}
  - {name: Plank, work: 30s, cap: 10m}
  - {name: Push-up, reps: {per_set: [1, 2, 3, 2, 1]}, block: ladder}
  - {name: Cool-down walk, work: 5m}
"""
)


def test_each_kind_of_block_is_scored() -> None:
    result = ev.score_import(DOC, GUESSED, TRUTH)
    s = result.score
    assert (s.truth, s.written, s.found) == (10, 9, 9)
    # Everything matches but the plank's 45 s against 60 s; the walk was never written.
    assert s.right == 8
    assert (s.values, s.values_right) == (23, 22)
    # Filled in and marked: both set times, and the rest between sets that the goblet
    # squat and the ladder take from the guessed default. Filled in unmarked: the
    # tabata's work and rest, which the truth gives for the burpees but not the climbers.
    assert (s.filled_guessed, s.filled_unmarked) == (4, 2), result.detail
    assert "missing  Cool-down walk" in "\n".join(result.detail)
    assert s.rates()["recall"] == 0.9
    assert s.rates()["precision"] == 1.0


def test_a_wrongly_named_exercise_is_written_but_not_found() -> None:
    doc = {"title": "T", "exercises": [{"name": "Exercise", "sets": 3, "reps": 10}]}
    truth = {"exercises": [{"name": "Squats", "sets": 3, "reps": 10}]}
    s = ev.score_import(doc, {"exercises[0].name"}, truth).score
    assert (s.truth, s.written, s.found, s.right) == (1, 1, 0, 0)
    assert s.rates()["precision"] == 0.0


def test_a_superset_s_own_sets_are_its_block_s_rounds() -> None:
    # "A1 Goblet squat 4x8, A2 Ring row 4x10, rest 90 s": one set of each in turn, 4 times
    pair = {
        "rounds": 4,
        "rest_between_rounds": "90s",
        "exercises": [{"name": "Goblet squat", "reps": 8}, {"name": "Ring row", "reps": 10}],
    }
    truth = {
        "exercises": [
            {"name": "Goblet squat", "sets": 4, "reps": 8},
            {"name": "Ring row", "sets": 4, "reps": 10, "rest": "90s"},
        ]
    }
    s = ev.score_import({"title": "T", "blocks": [pair]}, set(), truth).score
    assert (s.right, s.filled_unmarked) == (2, 0)
    # Not when the rounds differ from the sets the text gave
    s = ev.score_import({"title": "T", "blocks": [{**pair, "rounds": 3}]}, set(), truth).score
    assert s.right == 0
    # and not when the truth gives the rounds itself (a circuit said of a list)
    truth["exercises"][0] = {"name": "Goblet squat", "reps": 8, "rounds": 4, "sets": 2}
    s = ev.score_import({"title": "T", "blocks": [pair]}, set(), truth).score
    assert s.right == 1


def test_the_last_move_of_a_round_rests_as_long_as_the_rest_between_rounds() -> None:
    # "3 rounds: 10 squats, 30 s rest, 10 curls, 30 s rest, repeat"
    block = {
        "rounds": 3,
        "rest_between_rounds": "30s",
        "exercises": [
            {"name": "Squats", "reps": 10, "rest_after": "30s"},
            {"name": "Curls", "reps": 10},
        ],
    }
    truth = {
        "exercises": [
            {"name": "Squats", "reps": 10, "rounds": 3, "rest": "30s"},
            {"name": "Curls", "reps": 10, "rounds": 3, "rest": "30s"},
        ]
    }
    assert ev.score_import({"title": "T", "blocks": [block]}, set(), truth).score.right == 2
    # a rest said for the first move only is not the last move's
    block["exercises"] = [block["exercises"][1], block["exercises"][0]]
    truth["exercises"] = [truth["exercises"][1], truth["exercises"][0]]
    assert ev.score_import({"title": "T", "blocks": [block]}, set(), truth).score.right == 1


def test_a_move_done_once_rests_as_long_as_the_rest_between_exercises() -> None:
    # "Rest 20-30 seconds between each exercise." over a list of moves done once
    moves = [{"name": "Lunge", "reps": 10}, {"name": "Dip", "reps": 10, "rest_after": "1m"}]
    doc = {"title": "T", "defaults": {"rest_between_exercises": "30s"}, "exercises": moves}
    truth = {"exercises": [{"name": "Lunge", "reps": 10, "rest": ["20s", "30s"]}]}
    truth["exercises"].append({"name": "Dip", "reps": 10, "rest": "30s"})
    result = ev.score_import(doc, set(), truth)
    assert result.score.right == 1  # the dip's own rest is a minute
    # and written once for all, it is no value filled in for a move whose truth has none
    truth = {"exercises": [{"name": "Lunge", "reps": 10}]}
    assert ev.score_import(doc, set(), truth).score.filled_unmarked == 0


def test_a_tempo_read_from_the_text_is_no_value_filled_in() -> None:
    doc = {"title": "T", "exercises": [{"name": "Squat", "reps": 10, "tempo": "4s"}]}
    truth = {"exercises": [{"name": "Squat", "reps": 10}]}
    s = ev.score_import(doc, set(), truth).score
    assert (s.right, s.filled_unmarked, s.filled_guessed) == (1, 0, 0)
    s = ev.score_import(doc, {"exercises[0].tempo"}, truth).score
    assert (s.filled_unmarked, s.filled_guessed) == (0, 1)


def test_a_template_move_named_by_its_distance_gives_the_distance() -> None:
    amrap = {
        "cap": "20m",
        "exercises": ["400m Run", {"name": "Air squats", "reps": 30}, "Row 1 km"],
    }
    doc = {"title": "T", "blocks": [{"name": "AMRAP", "amrap": amrap}]}
    truth = {
        "exercises": [
            {"name": "Run", "distance": "400m", "block": "amrap", "cap": "20m"},
            {"name": "Air squats", "reps": 30, "block": "amrap", "cap": "20m"},
            {"name": "Row", "distance": "1000m", "block": "amrap", "cap": "20m"},
        ]
    }
    s = ev.score_import(doc, set(), truth).score
    assert (s.found, s.right) == (3, 3)


def test_a_text_without_a_workout_that_is_imported_counts_as_accepted() -> None:
    doc = {"title": "T", "exercises": [{"name": "Rest between sets", "work": "3m"}]}
    result = ev.score_import(doc, set(), {"no_workout": True})
    assert (result.status, result.score.accepted, result.score.written) == ("accepted", 1, 1)


def _corpus(root: Path, texts: dict[str, tuple[str, dict[str, Any]]]) -> None:
    (root / "dev").mkdir(parents=True)
    for name, (text, truth) in texts.items():
        (root / "dev" / f"{name}.txt").write_text(text, encoding="utf-8")
        (root / "dev" / f"{name}.truth.yaml").write_text(yaml.safe_dump(truth), encoding="utf-8")


def test_the_command_reports_refusals_and_totals(tmp_path: Path) -> None:
    _corpus(
        tmp_path,
        {
            "01-legs": (
                "Leg day\n\nSquats 3 x 10\nLunges 3 x 12\n",
                {
                    "exercises": [
                        {"name": "Squats", "sets": 3, "reps": 10},
                        {"name": "Lunges", "sets": 3, "reps": 12},
                    ]
                },
            ),
            "02-nothing": ("Thanks for reading, see you next week.\n", {"no_workout": True}),
            "03-refused": ("Thanks for reading.\n", {"exercises": [{"name": "Squats"}]}),
        },
    )
    run = subprocess.run(
        [sys.executable, str(SCRIPTS / "import-eval"), "--corpus", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    out = json.loads(run.stdout)
    total = out["total"]
    assert (total["texts"], total["truth"], total["found"], total["right"]) == (3, 3, 2, 2)
    assert (total["refused"], total["accepted"], total["errors"]) == (1, 0, 0)
    assert [t["status"] for t in out["texts"]] == ["ok", "no-workout", "refused"]
    assert total["recall"] == 0.667
    # Counts and rates side by side, none hiding another.
    assert (total["values"], total["values_right"], total["values_right_rate"]) == (4, 4, 1.0)

    # Naming texts scores just those.
    run = subprocess.run(
        [sys.executable, str(SCRIPTS / "import-eval"), "--corpus", str(tmp_path), "--json", "legs"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert [t["name"] for t in json.loads(run.stdout)["texts"]] == ["dev/01-legs.txt"]


def test_an_emom_s_rounds_count_its_intervals_when_every_move_is_in_each() -> None:
    # "Every 5:00 x 2: 21 hops, 12 thrusters": both moves in both intervals
    emom = {"every": "5m", "minutes": 10, "exercises": [{"name": "Hops", "reps": 21}, "Thrusters"]}
    truth = {
        "exercises": [
            {"name": "Hops", "reps": 21, "block": "emom", "every": "5m", "rounds": 2},
            {"name": "Thrusters", "block": "emom", "every": "5m", "rounds": 2},
        ]
    }
    together = {"title": "T", "blocks": [{"name": "W", "emom": {**emom, "together": True}}]}
    assert ev.score_import(together, set(), truth).score.right == 2
    # taking turns, each move comes round once
    turns = {"title": "T", "blocks": [{"name": "W", "emom": emom}]}
    assert ev.score_import(turns, set(), truth).score.right == 0
