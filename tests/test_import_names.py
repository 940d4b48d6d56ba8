"""The model that tells a move's name from prose, and what the importer does with it.
Every text here is written for these tests."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

from repcast.notes import names
from repcast.notes.importer import import_text

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "phrase",
    ["Bulgarian split squat", "Landmine press", "Pallof press", "Sled push", "Tandem walk"],
)
def test_names_of_moves_read_as_names(phrase: str) -> None:
    assert names.is_move(phrase)
    assert not names.is_prose(phrase)


@pytest.mark.parametrize(
    "phrase",
    [
        "Keep every breath slow",
        "The quicker you finish",
        "Lie on your back and relax",
        "When you are done",
        "Watch the video",
        "Session 1",
    ],
)
def test_prose_reads_as_prose(phrase: str) -> None:
    assert names.is_prose(phrase)


def _moves(text: str) -> list[tuple[str, int | None, object]]:
    return [(e.name, e.sets, e.reps) for e in import_text(text).routine.exercises]


def test_prose_where_a_name_could_be_is_no_exercise() -> None:
    log = (
        "Back and biceps\n\nBarbell row 4 x 8\nUsually 4 or 5 sets on a good day\n"
        "Hammer curl 3 x 12\nI treat myself to number 6 when I feel strong\n"
    )
    assert _moves(log) == [("Barbell row", 4, 8), ("Hammer curl", 3, 12)]
    flow = "Morning flow\n\nCat cow 1 min\nKeep every breath slow 30 seconds\nChild's pose 1 min\n"
    assert [m[0] for m in _moves(flow)] == ["Cat cow", "Child's pose"]


def test_a_line_that_cannot_be_a_name_is_no_exercise_even_listed() -> None:
    for prose in ("~40% of the top weight", "Not a test", "A rehearsal, not a race"):
        assert names.is_never(prose), prose
    for move in ("Goblet squat", "Plancha abdominal", "Skaters"):
        assert not names.is_never(move), move
    # A name that reads oddly but comes with its own numbers stays.
    odd = "Stretches\n\n- Cat cow 40s\n- Stir the pot 3 x 10\n- Thread the needle: 40s each side\n"
    assert [m[0] for m in _moves(odd)] == ["Cat cow", "Stir the pot", "Thread the needle"]


def test_a_name_that_starts_like_an_instruction_above_its_numbers() -> None:
    text = (
        "Pull day, 3 March\n\nSlept badly but the session went fine. Short and heavy today."
        "\n\nKeep going.\n\nStanding pulldowns\n3 x 12\nChest supported rows\n3 x 10\n"
    )
    assert _moves(text) == [("Standing pulldowns", 3, 12), ("Chest supported rows", 3, 10)]


def test_a_name_in_capitals_then_how_to_do_it() -> None:
    sheet = (
        "HOME BALANCE SHEET\n"
        "1. TANDEM WALK Walk ten steps heel to toe along a hallway, then turn. Repeat 4 times.\n"
        "2. SIT TO STAND Fold your arms and rise from a firm chair 8 times. Sit down slowly.\n"
    )
    moves = import_text(sheet).routine.exercises
    assert [(e.name, e.reps) for e in moves] == [("Tandem walk", 4), ("Sit to stand", 8)]
    assert moves[0].cue.startswith("Walk ten steps heel to toe")


def test_repeat_of_a_move_without_a_count_is_its_reps_and_of_a_hold_its_sets() -> None:
    text = (
        "Ankle care\n\n1. SIDE STEPS Step to the side and back. Repeat 12 times.\n"
        "2. HEEL STAND Rise onto your heels and hold for 10 seconds. Repeat 3 times.\n"
    )
    moves = import_text(text).routine.exercises
    assert (moves[0].sets, moves[0].reps) == (1, 12)
    assert moves[1].sets == 3 and moves[1].reps is None


def test_a_remark_in_brackets_goes_to_the_cue_and_a_load_stays() -> None:
    text = (
        "Core circuit\n\n40 seconds each, 3 rounds.\n\n- Squat jumps\n"
        "- Russian twists (the how-to is in my 10 best core moves post)\n"
        "- Thrusters (95/65 lb)\n"
    )
    moves = import_text(text).routine.exercises
    assert [e.name for e in moves] == ["Squat jumps", "Russian twists", "Thrusters (95/65 lb)"]
    assert moves[1].cue == "The how-to is in my 10 best core moves post."


def test_a_log_of_results_only_is_still_read() -> None:
    # Every line reads as a result, none as a name: rather its lines than a refusal.
    log = "Erg log\n\n:40  150m  2:13/500m pace\n:40  155m  2:09/500m pace\n"
    assert len(import_text(log).routine.exercises) == 2


@pytest.mark.parametrize("file", ["move-names.json", "line-roles.json"])
def test_the_shipped_models_are_small_and_plain(file: str) -> None:
    path = ROOT / "src" / "repcast" / "data" / file
    data = json.loads(path.read_text())
    assert set(data) == {"bias", "weights"}
    assert path.stat().st_size < 300_000
    assert all(isinstance(v, float) for v in data["weights"].values())


def test_training_gives_the_same_model_from_the_same_data() -> None:
    script = runpy.run_path(str(ROOT / "scripts" / "train-names"), run_name="training")
    samples = [
        ("Goblet squat", 1),
        ("Kettlebell swing", 1),
        ("Push-up", 1),
        ("Keep your back flat", 0),
        ("Breathe out as you rise", 0),
        ("Lower slowly to the floor", 0),
    ]
    first, second = script["train"](samples), script["train"](list(samples))
    assert first == second
    bias, weights = first
    z = bias + sum(weights.get(f, 0.0) for f in names.features("Kettlebell swing"))
    assert z > 0
