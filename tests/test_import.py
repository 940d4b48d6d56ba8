"""Importing workout notes: each notation, texts of different styles (written for these
tests under fixtures/import/), the seed article when it is present, guesses, bad input,
export and the round trip, and the commands."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from repcast.exporter import export_notes
from repcast.importer import Imported, import_text, read_notes, scan
from repcast.plan import Plan, make_plan
from repcast.routine import Defaults, builtin_routine, load_routine

from .conftest import EXAMPLES

FIXTURES = Path(__file__).parent / "fixtures" / "import"
SEED = Path("/work/shared/seed/upper-body-exercises-for-runners.txt")


def _d(value: Any) -> str:
    return str(value)


def brief(e: dict[str, Any] | str) -> str:
    """An exercise of the imported YAML in one line: "Dips: 3 x 10, rest 1m30s"."""
    if isinstance(e, str):
        return e
    count = e.get("reps", e.get("work", ""))
    amount = f"{e['sets']} x {count}" if "sets" in e else str(count)
    parts = [f"{e['name']}: {amount}".rstrip(": ")]
    if e.get("sides"):
        parts.append("each side")
    for key in ("tempo", "set_time", "rest", "rest_after"):
        if key in e:
            parts.append(f"{key} {e[key]}")
    if "hold" in e:
        h = e["hold"]
        parts.append(f"hold {h['what']} {h['for']}/{h['each']}")
    return ", ".join(parts)


def brief_routine(doc: dict[str, Any]) -> list[str]:
    """Every block and exercise of an imported document, one line each."""
    blocks = doc.get("blocks") or [{"name": "", "exercises": doc["exercises"]}]
    out = []
    for b in blocks:
        kind = next((k for k in ("tabata", "emom", "amrap") if k in b), "")
        t = b.get(kind, {})
        head = f"[{b['name']}]" if b["name"] else "[]"
        if kind == "tabata":
            head += f" tabata {t['intervals']} x {t['work']}/{t['rest']}"
        elif kind == "emom":
            head += f" emom {t['minutes']}"
        elif kind == "amrap":
            head += f" amrap {t['cap']}"
        if "rest_after" in t:
            head += f", after {t['rest_after']}"
        if "rounds" in b:
            head += f" {b['rounds']} rounds"
        if "rest_between_rounds" in b:
            head += f", between {b['rest_between_rounds']}"
        out.append(head)
        out += [brief(e) for e in t.get("exercises", b.get("exercises", []))]
    return out


# --- the notations, one at a time ------------------------------------------------------


def said(text: str, *, heading: bool = False) -> dict[str, Any]:
    """What ``scan`` reads in a piece of text, as plain values (ranges as [low, high])."""
    f = scan(text, heading=heading)
    out: dict[str, Any] = {"name": f.name} if f.name else {}
    for key in ("sets", "tempo", "set_time", "rounds", "on", "off", "minutes", "window", "cap"):
        if getattr(f, key):
            out[key] = getattr(f, key)
    for key in ("reps", "work", "each_work"):
        n = getattr(f, key)
        if n:
            out[key] = [n.low, n.high] if n.ranged else n.value
    if f.sides:
        out["sides"] = True
    if f.max_reps:
        out["max"] = True
    if f.hold:
        out["hold"] = (f.hold.what, f.hold.time.value, f.hold.each)
    if f.rests:
        out["rests"] = {k: v.value for k, v in f.rests.items()}
    if f.template:
        out["template"] = f.template
    return out


NOTATIONS = [
    ("Bench dips 3x10", {"name": "Bench dips", "sets": 3, "reps": 10}),
    ("Bench dips 3 x 10", {"name": "Bench dips", "sets": 3, "reps": 10}),
    ("Bench dips 3 \u00d7 10", {"name": "Bench dips", "sets": 3, "reps": 10}),
    ("Squats: 3 sets of 10 reps", {"name": "Squats", "sets": 3, "reps": 10}),
    ("three sets of ten", {"sets": 3, "reps": 10}),
    ("Aim for four sets of eight.", {"sets": 4, "reps": 8}),
    ("Rows 4 sets x 8", {"name": "Rows", "sets": 4, "reps": 8}),
    ("Cable flyes x12", {"name": "Cable flyes", "reps": 12}),
    ("Push-ups, 10 reps", {"name": "Push-ups", "reps": 10}),
    ("10 push-ups", {"name": "push-ups", "reps": 10}),
    ("Pull-ups - 6", {"name": "Pull-ups", "reps": 6}),
    ("Incline press 3 x 8-12", {"name": "Incline press", "sets": 3, "reps": [8, 12]}),
    ("Curls 8 to 12 reps", {"name": "Curls", "reps": [8, 12]}),
    ("Lunges 10 each side", {"name": "Lunges", "reps": 10, "sides": True}),
    ("Step-ups 15 per leg", {"name": "Step-ups", "reps": 15, "sides": True}),
    ("Split squats 3x8/leg", {"name": "Split squats", "sets": 3, "reps": 8, "sides": True}),
    ("Plank 30s", {"name": "Plank", "work": 30_000}),
    ("Plank 30 sec", {"name": "Plank", "work": 30_000}),
    ("Wall sit for 45 seconds", {"name": "Wall sit", "work": 45_000}),
    ("Jump rope 1 min", {"name": "Jump rope", "work": 60_000}),
    ("Jump rope 1:30", {"name": "Jump rope", "work": 90_000}),
    ("Jump rope :30", {"name": "Jump rope", "work": 30_000}),
    ("Bike 1m30s", {"name": "Bike", "work": 90_000}),
    ("Row for a minute and a half", {"name": "Row", "work": 90_000}),
    ("Skip for half a minute", {"name": "Skip", "work": 30_000}),
    ("Hollow hold 30-45 seconds", {"name": "Hollow hold", "hold": ("the position", 45_000, "")}),
    ("Plank: hold for 45 seconds", {"name": "Plank", "hold": ("the position", 45_000, "")}),
    ("Side plank 2 x 30 s each side", {"name": "Side plank", "sets": 2, "work": 30_000, "sides": True}),
    ("Push-ups 3x10, tempo 3-1-1", {"name": "Push-ups", "sets": 3, "reps": 10, "tempo": 5000}),
    ("Squats 5x5 tempo 3010", {"name": "Squats", "sets": 5, "reps": 5, "tempo": 4000}),
    ("Burpees 10 reps in 45 seconds", {"name": "Burpees", "reps": 10, "set_time": 45_000}),
    (
        "and then hold a high plank for five seconds",
        {"hold": ("a high plank", 5000, "")},
    ),
    ("Glute bridge 3x12, hold 2s at the top of each rep", {
        "name": "Glute bridge", "sets": 3, "reps": 12, "hold": ("the position", 2000, "rep")
    }),
    ("Push-ups 3 x 8, then a 30-second plank hold", {
        "name": "Push-ups", "sets": 3, "reps": 8, "hold": ("plank", 30_000, "")
    }),
    ("Dips 3 x max", {"name": "Dips", "sets": 3, "max": True}),
    ("Dips 3x10, rest 60s", {"name": "Dips", "sets": 3, "reps": 10, "rests": {"": 60_000}}),
    ("Dips 3x10, 90 sec rest", {"name": "Dips", "sets": 3, "reps": 10, "rests": {"": 90_000}}),
    ("Rest 60 seconds between sets", {"rests": {"sets": 60_000}}),
    ("rest 1-2 minutes between exercises", {"rests": {"exercises": 120_000}}),
    ("Take a full minute of rest between rounds.", {"rests": {"rounds": 60_000}}),
    ("Rest 30s after each set", {"rests": {"sets": 30_000}}),
    ("Rest 2 min after each superset", {"rests": {"rounds": 120_000}}),
    ("no rest", {"rests": {"": 0}}),
    ("Repeat 3 times", {"rounds": 3}),
    ("Repeat the circuit three times.", {"rounds": 3}),
    ("3 rounds", {"rounds": 3}),
    ("for 4 sets total", {"rounds": 4}),
    ("Tabata", {"template": "tabata"}),
    ("Tabata: 8 rounds", {"template": "tabata", "rounds": 8}),
    ("20 seconds on, 10 off", {"template": "intervals", "on": 20_000, "off": 10_000}),
    ("40 seconds of work, 20 seconds of rest", {
        "template": "intervals", "on": 40_000, "off": 20_000
    }),
    ("EMOM 12", {"template": "emom", "minutes": 12}),
    ("12 min EMOM", {"template": "emom", "minutes": 12}),
    ("Every minute on the minute for 10 minutes", {"template": "emom", "minutes": 10}),
    ("Every 2 minutes for 20 minutes", {"template": "every", "window": 120_000, "rounds": 10}),
    ("E3MOM x 15", {"template": "every", "window": 180_000, "rounds": 5}),
    ("15 min AMRAP", {"template": "amrap", "cap": 900_000}),
    ("AMRAP in 20 minutes", {"template": "amrap", "cap": 1_200_000}),
    ("As many rounds as possible in 12 minutes", {"template": "amrap", "cap": 720_000}),
    ("Superset", {"template": "superset"}),
    ("Kettlebell swings (24/16) x 15", {"name": "Kettlebell swings (24/16)", "reps": 15}),
    ("DB row 50-70# 3x10", {"name": "DB row 50-70 lb", "sets": 3, "reps": 10}),
    ("Goblet squat 20 kg 3 x 8", {"name": "Goblet squat 20 kg", "sets": 3, "reps": 8}),
    ("Deadlift 5x5 @ 80%", {"name": "Deadlift @ 80%", "sets": 5, "reps": 5}),
    ("Run 400m", {"name": "Run 400m"}),
    ("Farmer carry 3 x 40 m", {"name": "Farmer carry 40 m", "sets": 3}),
    ("Twelve reps", {"reps": 12}),
    ("One-arm rows 3x8", {"name": "One-arm rows", "sets": 3, "reps": 8}),
    ("Lead-in 25s, switch sides 10s, outro 15s.", {}),
]


@pytest.mark.parametrize(("text", "expected"), NOTATIONS, ids=[t for t, _ in NOTATIONS])
def test_notation(text: str, expected: dict[str, Any]) -> None:
    assert said(text) == expected


HEADINGS = [
    ("Circuit x3", {"name": "Circuit", "rounds": 3}),
    ("Circuit: 30s each", {"name": "Circuit", "each_work": 30_000}),
    ("Superset - 4 sets", {"template": "superset", "rounds": 4}),
    ("30/30 circuit", {"name": "circuit", "template": "intervals", "on": 30_000, "off": 30_000}),
    (":40/:20 x 3", {"template": "intervals", "on": 40_000, "off": 20_000, "rounds": 3}),
    ("Tabata (8 rounds)", {"template": "tabata", "rounds": 8}),
]


@pytest.mark.parametrize(("text", "expected"), HEADINGS, ids=[t for t, _ in HEADINGS])
def test_heading_notation(text: str, expected: dict[str, Any]) -> None:
    """A heading or a line about a block reads "x3" and "4 sets" as rounds, "30s each" as
    every exercise's time and "30/30" as work and rest."""
    assert said(text, heading=True) == expected


def test_settings() -> None:
    assert scan("Lead-in 25s, switch sides 10s, outro 15s, countdown 5.").settings == {
        "lead_in": 25_000, "switch_sides": 10_000, "outro": 15_000, "countdown": 5
    }
