"""The model that tells the lines holding a workout's exercises from the rest, and what the
importer does with it. Every text here is written for these tests."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

from repcast.notes import roles
from repcast.notes.importer import import_text, read_rules

ROOT = Path(__file__).resolve().parent.parent
CIRCUIT = (
    "Ten minute circuit\n\nOne minute each, no rest.\n\n1. Squat to press\n"
    "Hold the dumbbells at your shoulders.\n2. Plank\n"
    "Hold steady on your forearms, abs tight, for the whole minute.\n3. Skaters\n"
)


def _rules(text: str) -> list[str]:
    return [e.name for b in read_rules(text).blocks for e in b.exercises]


def test_a_line_that_reads_as_an_instruction_is_left_out() -> None:
    # The rules take "abs tight, for the whole minute" for a timed move; its line does not
    # read as a workout's line.
    assert "Abs tight" in _rules(CIRCUIT)
    moves = import_text(CIRCUIT).routine.exercises
    assert [e.name for e in moves] == ["Squat to press", "Plank", "Skaters"]


def test_the_lines_of_a_list_of_moves_read_as_exercises() -> None:
    text = "Leg day\n\nBack squat 5x5\nRomanian deadlift 3x8\nWalking lunges 3x12\n"
    reader = read_rules(text)
    likely = roles.scores(reader.units, {1, 3, 4, 5})
    assert [likely[line] >= 0.5 for line in (3, 4, 5)] == [True, True, True]
    assert likely[1] < likely[3]


def test_when_every_line_reads_as_none_the_rules_reading_stands() -> None:
    # An explainer's example is all the rules find; leaving it out would refuse the text,
    # and a refusal loses a workout whose shape the model does not know.
    text = "For example, if you do 15 sit-ups without stopping, you have done one set of 15.\n"
    reader = read_rules(text)
    every = {u.line for u in reader.units}
    assert max(roles.scores(reader.units, every).values()) < roles.DROP
    assert [e.name for e in import_text(text).routine.exercises] == _rules(text)


def test_the_shipped_model_is_what_training_makes_from_the_development_texts() -> None:
    # The labels come from what the rules read: a change to the rules asks for the model
    # to be trained again (scripts/train-lines), and this says so.
    script = runpy.run_path(str(ROOT / "scripts" / "train-lines"), run_name="training")
    files = sorted((script["CORPUS"] / "dev").glob("*.truth.yaml"))
    bias, weights = script["train"](files)
    shipped = json.loads((ROOT / "src" / "repcast" / "data" / "line-roles.json").read_text())
    assert (round(bias, 3), weights) == (shipped["bias"], shipped["weights"])
