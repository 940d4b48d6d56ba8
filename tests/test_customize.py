"""Customizing a workout, end to end: re-timing, --fit, verbosity, languages and
phrasebooks, voices, music and ducking, sound kits, templates, output formats and the
chart. Real espeak-ng and ffmpeg throughout; audio is decoded and measured."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import wave
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mutagen
import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from repcast import proc
from repcast.cli import cli
from repcast.coach.cues import make_cues
from repcast.errors import InputError
from repcast.routine.model import load_routine
from repcast.routine.plan import Interval, Plan, make_plan
from repcast.routine.retime import Retiming, retime
from repcast.sound.report import plan_table
from repcast.timing import SAMPLE_RATE, clock, ms_to_samples

from .conftest import ROOT, decoded, make_audio

SR = SAMPLE_RATE
MS = SR // 1000

# Two blocks, a repeating one, file-level rests on exercises and the block, a default-work
# exercise, a reps-with-set_time one and a one-sided tempo one. 12:00; only ever planned.
RETIME = """\
title: Retime
defaults:
  lead_in: 5s
  outro: 5s
  rest_between_sets: 15s
  rest_between_exercises: 20s
  rest_between_rounds: 30s
blocks:
  - name: Warm-up
    exercises:
      - name: Jumping jacks
        work: 30s
        rest_after: 12s
      - name: Burpees
  - name: Circuit
    rounds: 2
    rest_between_rounds: 40s
    exercises:
      - name: Squats
        sets: 2
        reps: 10
        set_time: 25s
        rest: 12s
      - name: Lunges
        sets: 2
        reps: 6
        tempo: 2-1-1
        sides: true
      - name: Plank
        work: 20s
        sets: 2
"""

# The routine every audio build uses: 1:15.
SHORT = """\
title: Short session
defaults:
  lead_in: 5s
  outro: 5s
  rest_between_exercises: 15s
exercises:
  - name: Jumping jacks
    work: 30s
  - name: Squats
    reps: 10
    set_time: 20s
"""

# Room for every cue at every verbosity (no cue is dropped): 4:30, script only.
TALKY = """\
title: Talky
defaults:
  lead_in: 30s
  outro: 15s
  rest_between_sets: 25s
  rest_between_exercises: 25s
exercises:
  - name: Jumping jacks
    work: 45s
    sets: 2
    cue: Arms up, feet wide.
  - name: Squats
    sets: 2
    reps: 10
    set_time: 30s
    cue: Sit back, chest up.
"""

TEMPLATES = """\
title: Templates
defaults:
  lead_in: 5s
  outro: 5s
blocks:
  - name: Tabata
    tabata:
      exercises: [Burpees, Mountain climbers]
  - name: EMOM
    emom:
      minutes: 4
      exercises:
        - {name: Push-ups, reps: 10, tempo: 3s}
        - Kettlebell swings
  - name: AMRAP
    amrap:
      cap: 5m
      exercises:
        - {name: Pull-ups, reps: 5}
        - {name: Air squats, reps: 15}
  - name: Ladder
    ladder:
      exercise: {name: Push-ups, tempo: 2s}
      reps: [2, 4, 6, 8]
      rest: 15s
"""


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def ok(*args: object):
    res = run(*args)
    assert res.exit_code == 0, res.output
    return res


def usage_error(*args: object) -> str:
    """Exit 2 with exactly one line on stderr and nothing on stdout; that line."""
    res = run(*args)
    assert res.exit_code == 2, res.output
    assert res.stdout == ""
    assert res.stderr.endswith("\n") and res.stderr.count("\n") == 1, res.stderr
    return res.stderr


def write(tmp_path: Path, text: str, name: str = "routine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def script(path: Path, cache_dir: Path, *args: object) -> dict:
    return json.loads(
        ok("script", path, "--format", "json", "--cache-dir", cache_dir, *args).stdout
    )


def spoken(doc: dict, role: str | None = None) -> list[str]:
    return [
        c["text"]
        for c in doc["cues"]
        if c["kind"] == "speech" and (role is None or c["role"] == role)
    ]


def sec(s: float) -> int:
    return round(s * SR)


# --- 1. re-timing ---------------------------------------------------------------------------


def planned(path: Path, *cli_args: str, **retiming: Any) -> Plan:
    """The library's plan for ``Retiming(**retiming)``, checked to be exactly what
    ``repcast plan`` prints for the same options."""
    plan = make_plan(retime(load_routine(path), Retiming(**retiming)))
    assert ok("plan", path, *cli_args).stdout == plan_table(plan)
    return plan


def rests(plan: Plan) -> list[tuple[str, str, int]]:
    """(reason, the exercise it follows, length in samples) for every rest, and for every
    switch of sides (reason "sides": not a rest, but the rest options must leave it be)."""
    out = []
    for iv in plan.intervals:
        if iv.kind in ("rest", "switch"):
            before = plan.intervals[iv.index - 1].exercise
            assert before is not None
            out.append((iv.reason or "sides", before.name, iv.length))
    return out


def works(plan: Plan) -> list[tuple[str, int]]:
    return [
        (iv.exercise.name, iv.length) for iv in plan.intervals if iv.exercise and iv.kind == "work"
    ]


ROUND_RESTS = [
    ("sets", "Squats", sec(12)),  # the exercise's rest
    ("exercises", "Squats", sec(20)),
    ("sides", "Lunges", sec(8)),
    ("sets", "Lunges", sec(15)),
    ("sides", "Lunges", sec(8)),
    ("exercises", "Lunges", sec(20)),
    ("sets", "Plank", sec(15)),
]
BASELINE_RESTS = [
    ("exercises", "Jumping jacks", sec(12)),  # the exercise's rest_after
    ("blocks", "Burpees", sec(20)),
    *ROUND_RESTS,
    ("rounds", "Plank", sec(40)),  # the block's rest_between_rounds
    *ROUND_RESTS,
]


def expected(rule: Callable[[str, str, int], int]) -> list[tuple[str, str, int]]:
    """The baseline rests with ``rule(reason, exercise, length)`` applied (sides stay)."""
    return [(r, name, n if r == "sides" else rule(r, name, n)) for r, name, n in BASELINE_RESTS]


def test_baseline_rests_come_from_the_file(tmp_path: Path) -> None:
    plan = planned(write(tmp_path, RETIME))
    assert rests(plan) == BASELINE_RESTS
    assert plan.total == sec(720)


def test_rest_sets_every_rest_and_beats_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, RETIME)
    plan = planned(path, "--rest", "10s", rest_ms=10_000)
    assert rests(plan) == expected(lambda r, name, n: sec(10))


def test_specific_rest_options_beat_general_ones(tmp_path: Path) -> None:
    path = write(tmp_path, RETIME)
    plan = planned(
        path,
        "--rest",
        "10s",
        "--rest-between-sets",
        "7s",
        rest_ms=10_000,
        rest_between_sets_ms=7000,
    )
    assert rests(plan) == expected(lambda r, name, n: sec(7 if r == "sets" else 10))

    # Per exercise, case-insensitively: that exercise's set rests and the rest after it.
    plan = planned(
        path,
        *("--rest", "10s", "--rest-between-sets", "7s", "--rest", "sQUATS=3s"),
        rest_ms=10_000,
        rest_between_sets_ms=7000,
        rest_by_name=(("sQUATS", 3000),),
    )
    want = expected(lambda r, name, n: sec(3 if name == "Squats" else 7 if r == "sets" else 10))
    assert rests(plan) == want
    assert sum(1 for r in want if r[2] == sec(3)) == 4


def test_each_cli_rest_option_beats_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, RETIME)
    plan = planned(path, "--rest-between-sets", "7s", rest_between_sets_ms=7000)
    assert rests(plan) == expected(lambda r, name, n: sec(7) if r == "sets" else n)
    plan = planned(path, "--rest-between-exercises", "9s", rest_between_exercises_ms=9000)
    assert rests(plan) == expected(lambda r, name, n: sec(9) if r in ("exercises", "blocks") else n)
    plan = planned(path, "--rest-between-rounds", "25s", rest_between_rounds_ms=25_000)
    assert rests(plan) == expected(lambda r, name, n: sec(25) if r == "rounds" else n)
    plan = planned(path, "--rest", "Plank=4s", rest_by_name=(("Plank", 4000),))
    # Plank is last in a repeating block: its sets use it, between rounds the round rest does.
    assert rests(plan) == expected(
        lambda r, name, n: sec(4) if r == "sets" and name == "Plank" else n
    )


def test_rest_scale_multiplies_after_the_other_options(tmp_path: Path) -> None:
    path = write(tmp_path, RETIME)
    plan = planned(path, "--rest-scale", "2", rest_scale=2.0)
    assert rests(plan) == expected(lambda r, name, n: 2 * n)
    plan = planned(path, "--rest", "10s", "--rest-scale", "1.5", rest_ms=10_000, rest_scale=1.5)
    assert rests(plan) == expected(lambda r, name, n: sec(15))
    assert works(plan) == works(planned(path))


def test_work_sets_timed_work_only(tmp_path: Path) -> None:
    path = write(tmp_path, RETIME)
    before = works(planned(path))
    plan = planned(path, "--work", "45s", work_ms=45_000)
    timed = {"Jumping jacks", "Burpees", "Plank"}
    assert works(plan) == [(name, sec(45) if name in timed else n) for name, n in before]
    assert dict(works(plan)) == {
        "Jumping jacks": sec(45),
        "Burpees": sec(45),
        "Squats": sec(25),  # reps with a set time: unchanged
        "Lunges": sec(24),  # six reps at four seconds: unchanged
        "Plank": sec(45),
    }
    assert rests(plan) == BASELINE_RESTS


def test_work_scale_multiplies_timed_work_and_set_times(tmp_path: Path) -> None:
    path = write(tmp_path, RETIME)
    plan = planned(path, "--work-scale", "1.5", work_scale=1.5)
    assert dict(works(plan)) == {
        "Jumping jacks": sec(45),
        "Burpees": sec(60),  # the default 40 s
        "Squats": sec(37.5),
        "Lunges": sec(24),  # counted on a tempo: unchanged
        "Plank": sec(30),
    }
    assert rests(plan) == BASELINE_RESTS


def rounds_of(plan: Plan) -> dict[str, int]:
    """Block → rounds, checked against the rounds its work intervals actually run through."""
    seen: dict[str, set[tuple[int, int]]] = {}
    for iv in plan.intervals:
        if iv.kind == "work":
            seen.setdefault(iv.block, set()).add((iv.round, iv.rounds))
    out = {}
    for block, pairs in seen.items():
        (n,) = {rounds for _, rounds in pairs}
        assert {k for k, _ in pairs} == set(range(1, n + 1))
        out[block] = n
    return out


def test_rounds_changes_repeating_blocks_or_a_named_one(tmp_path: Path) -> None:
    path = write(tmp_path, RETIME)
    assert rounds_of(planned(path)) == {"Warm-up": 1, "Circuit": 2}
    plan = planned(path, "--rounds", "3", rounds=3)
    assert rounds_of(plan) == {"Warm-up": 1, "Circuit": 3}
    assert sum(1 for iv in plan.intervals if iv.block == "Circuit" and iv.kind == "work") == 3 * 8
    plan = planned(path, "--rounds", "warm-UP=2", rounds_by_name=(("warm-UP", 2),))
    assert rounds_of(plan) == {"Warm-up": 2, "Circuit": 2}
    plan = planned(
        path, "--rounds", "3", "--rounds", "Circuit=4", rounds=3, rounds_by_name=(("Circuit", 4),)
    )
    assert rounds_of(plan) == {"Warm-up": 1, "Circuit": 4}


def test_retime_errors_are_one_line_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path, RETIME)
    assert usage_error("plan", path, "--rest", "Lunge=5s") == (
        "repcast: error: --rest: no exercise named 'Lunge'; the exercises are: "
        "Jumping jacks, Burpees, Squats, Lunges, Plank\n"
    )
    assert usage_error("plan", path, "--rounds", "Finisher=2") == (
        "repcast: error: --rounds: no block named 'Finisher'; the blocks are: Warm-up, Circuit\n"
    )
    assert usage_error("plan", path, "--rest=-5s") == (
        "repcast: error: --rest: must not be negative, got '-5s'\n"
    )
    assert usage_error("plan", path, "--rest", "Squats=-5s") == (
        "repcast: error: --rest: must not be negative, got '-5s'\n"
    )
    assert usage_error("plan", path, "--rest-between-sets=-1s") == (
        "repcast: error: --rest-between-sets: must not be negative, got '-1s'\n"
    )
    assert usage_error("plan", path, "--rest-scale", "0") == (
        "repcast: error: --rest-scale: must be a factor above 0 (and at most 100), got 0.0\n"
    )
    with pytest.raises(InputError, match="no exercise named 'nope'"):
        retime(load_routine(path), Retiming(rest_by_name=(("nope", 1000),)))


# --- 2. --fit -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "target_s", "floor_s"),
    [("10m", 600, 5), ("9m30s", 570, 5), ("11:00", 660, 10), ("15m", 900, 5), ("25m", 1500, 5)],
)
def test_fit_hits_the_target_and_keeps_work_and_floor(
    tmp_path: Path, target: str, target_s: int, floor_s: int
) -> None:
    path = write(tmp_path, RETIME)
    base = planned(path)  # 12:00
    plan = planned(
        path,
        *("--fit", target, "--fit-floor", f"{floor_s}s"),
        fit_ms=target_s * 1000,
        fit_floor_ms=floor_s * 1000,
    )
    assert plan.total == sec(target_s)  # to the sample
    assert works(plan) == works(base)
    assert [iv.kind for iv in plan.intervals] == [iv.kind for iv in base.intervals]
    shorter = target_s < 720
    for (reason, name, n), (r0, name0, n0) in zip(rests(plan), rests(base), strict=True):
        assert (reason, name) == (r0, name0)
        if reason == "sides":
            assert n == n0  # switching sides is not a rest
        else:
            assert n >= min(n0, sec(floor_s)), (reason, name, n, n0)
            assert n <= n0 if shorter else n >= n0
    if target == "9m30s":  # tight: the 12 s rests would scale below the floor
        assert min(n for r, _, n in rests(plan) if r != "sides") == sec(5)


def test_fit_impossible_target_is_one_line_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path, RETIME)
    line = usage_error("plan", path, "--fit", "5m")
    assert line.startswith("repcast: error: --fit: cannot fit into 5:00.0: ")
    assert "the shortest possible is 9:09.0" in line
    line = usage_error("plan", path, "--fit", "10m", "--fit-floor", "20s")
    assert line.startswith("repcast: error: --fit: cannot fit into 10:00.0: ")


def test_fit_build_decodes_to_the_target(tmp_path: Path, cache_dir: Path) -> None:
    path = write(tmp_path, SHORT)
    out = tmp_path / "fit.wav"
    res = ok("build", path, "--fit", "1m40s", "-o", out, "--cache-dir", cache_dir)
    assert res.stdout.splitlines()[0] == f"{out}  1:40.0"
    assert len(decoded(out)) == sec(100)


@pytest.mark.parametrize(
    ("args", "total"),
    [
        (("--fit", "18m", "--fit-floor", "10s"), "total 18:00.0 (1080.000 s, 91 intervals)"),
        (("--fit", "25m13.777s"), "total 25:13.8 (1513.777 s, 91 intervals)"),
    ],
)
def test_fit_lands_on_the_sample(args: tuple[str, ...], total: str) -> None:
    assert ok("plan", *args).stdout.splitlines()[-1] == total


def test_fit_lands_as_near_as_the_rests_allow(tmp_path: Path) -> None:
    # Two rests of one length: the workout grows in steps of two milliseconds.
    path = write(tmp_path, "title: T\nexercises: [{name: A, work: 30s, sets: 3}]\n")
    assert (
        ok("plan", path, "--fit", "3m1s")
        .stdout.splitlines()[-1]
        .startswith("total 3:01.0 (181.000 s,")
    )
    plan = planned(path, "--fit", "3m1.001s", fit_ms=181_001)
    assert plan.total == ms_to_samples(181_000)  # a millisecond short, not one over
    assert [iv.length for iv in plan.intervals if iv.kind == "rest"] == [ms_to_samples(29_500)] * 2


# --- 3. verbosity ---------------------------------------------------------------------------


def test_minimal_cues(tmp_path: Path, cache_dir: Path) -> None:
    doc = script(write(tmp_path, TALKY), cache_dir, "--cues", "minimal")
    roles = {c["role"] for c in doc["cues"]}
    assert roles.isdisjoint({"form", "halfway", "time-left", "encourage", "length", "summary"})
    assert spoken(doc, "rest") == ["Rest."] * 3
    assert spoken(doc, "next")[0] == "First up: Jumping jacks."
    assert {"welcome", "rest", "next", "complete", "countdown", "go", "stop"} <= roles
    assert doc["adjustments"] == []


def test_full_cues(tmp_path: Path, cache_dir: Path) -> None:
    path = write(tmp_path, TALKY)
    doc = script(path, cache_dir, "--cues", "full")
    assert doc["adjustments"] == []
    plan = make_plan(load_routine(path))
    starts = [iv for iv in plan.intervals if iv.kind == "work" and iv.set_start]
    assert len(starts) == 4
    forms = [(c["interval"], c["text"]) for c in doc["cues"] if c["role"] == "form"]
    # A form cue in the rest (or lead-in) before every set.
    assert forms == [(iv.index - 1, iv.exercise.cue) for iv in starts if iv.exercise]
    options = "Keep it up.|Nice and steady.|Breathe, and keep your form.|You've got this."
    encouraged = {c["interval"]: c for c in doc["cues"] if c["role"] == "encourage"}
    long_work = {
        iv.index: iv for iv in plan.intervals if iv.kind == "work" and iv.length >= sec(40)
    }
    assert len(long_work) == 2
    assert set(encouraged) == set(long_work)
    for index, cue in encouraged.items():
        assert cue["text"] in options.split("|")
        assert cue["sample"] == long_work[index].start + long_work[index].length // 4


def test_standard_is_the_default_and_the_file_can_choose(tmp_path: Path, cache_dir: Path) -> None:
    path = write(tmp_path, TALKY)
    default = script(path, cache_dir)
    assert default == script(path, cache_dir, "--cues", "standard")
    forms = spoken(default, "form")
    assert forms == ["Arms up, feet wide.", "Sit back, chest up."]  # first sets only
    assert "encourage" not in {c["role"] for c in default["cues"]}
    assert spoken(default, "rest")[0] == "Rest, twenty-five seconds."
    assert spoken(default, "halfway")

    chosen = write(
        tmp_path, TALKY.replace("title: Talky\n", "title: Talky\ncues: minimal\n"), "m.yaml"
    )
    assert script(chosen, cache_dir) == script(path, cache_dir, "--cues", "minimal")
    assert script(chosen, cache_dir, "--cues", "full") == script(path, cache_dir, "--cues", "full")


# --- 4. languages and phrasebooks -----------------------------------------------------------

LANGUAGE_PHRASES = {
    "de": {
        "welcome": "Willkommen bei Talky.",
        "next": "Als Erstes: Jumping jacks.",
        "halfway": "Halbzeit.",
        "time-left": "Noch zehn Sekunden.",
        "rest": "Pause, fünfundzwanzig Sekunden.",
        "complete": "Training geschafft.",
        "numbers": ("drei", "zwei", "eins"),
    },
    "es": {
        "welcome": "Te damos la bienvenida a Talky.",
        "next": "Empezamos con: Jumping jacks.",
        "halfway": "Vas por la mitad.",
        "time-left": "Quedan diez segundos.",
        "rest": "Descansa, veinticinco segundos.",
        "complete": "Entrenamiento completado.",
        "numbers": ("tres", "dos", "uno"),
    },
}


@pytest.mark.parametrize("lang", ["de", "es"])
def test_language_option_and_field(tmp_path: Path, cache_dir: Path, lang: str) -> None:
    path = write(tmp_path, TALKY)
    doc = script(path, cache_dir, "--lang", lang)
    want = LANGUAGE_PHRASES[lang]
    assert spoken(doc, "welcome") == [want["welcome"]]
    assert spoken(doc, "next")[0].startswith(want["next"])
    assert want["halfway"] in spoken(doc, "halfway")
    assert want["time-left"] in spoken(doc, "time-left")
    assert spoken(doc, "rest")[0] == want["rest"]
    assert spoken(doc, "complete") == [want["complete"]]
    counts = [c["text"] for c in doc["cues"] if c["kind"] == "count"]
    assert counts[:3] == list(want["numbers"])
    assert set(counts) == set(want["numbers"])
    assert not any("Rest" in t or "Halfway" in t for t in spoken(doc))

    field = write(
        tmp_path, TALKY.replace("title: Talky\n", f"title: Talky\nlanguage: {lang}\n"), "l.yaml"
    )
    assert script(field, cache_dir) == doc


def test_phrases_prints_the_builtin_phrasebook() -> None:
    for lang in ("en", "de", "es"):
        out = ok("phrases", "--lang", lang).stdout
        assert out == (ROOT / f"src/repcast/data/phrases-{lang}.yaml").read_text("utf-8")
    assert yaml.safe_load(ok("phrases", "--lang", "de").stdout)["halfway"] == "Halbzeit."
    assert ok("phrases").stdout == ok("phrases", "--lang", "en").stdout


def edited_phrasebook(tmp_path: Path, old: str, new: str, lang: str = "en") -> Path:
    text = ok("phrases", "--lang", lang).stdout
    assert text.count(old) == 1
    return write(tmp_path, text.replace(old, new), f"phrases-{lang}.yaml")


def test_own_phrasebook_changes_what_is_said(tmp_path: Path, cache_dir: Path) -> None:
    path = write(tmp_path, TALKY)
    book = edited_phrasebook(tmp_path, 'halfway: "Halfway."', 'halfway: "Half way there, champ."')
    before = script(path, cache_dir)
    after = script(path, cache_dir, "--phrases", book)
    assert spoken(before, "halfway") == ["Halfway."] * 4
    assert spoken(after, "halfway") == ["Half way there, champ."] * 4
    assert "Halfway." not in spoken(after)
    halfway = next(c for c in after["cues"] if c["role"] == "halfway")
    assert halfway["samples"] > next(c for c in before["cues"] if c["role"] == "halfway")["samples"]

    de = edited_phrasebook(
        tmp_path, 'halfway: "Halbzeit."', 'halfway: "Die Hälfte ist geschafft."', "de"
    )
    german = script(path, cache_dir, "--lang", "de", "--phrases", de)
    assert spoken(german, "halfway") == ["Die Hälfte ist geschafft."] * 4
    assert spoken(german, "rest")[0] == "Pause, fünfundzwanzig Sekunden."


def test_bad_phrasebooks_are_one_line_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path, TALKY)
    book = edited_phrasebook(tmp_path, 'halfway: "Halfway."\n', "")
    assert usage_error("plan", path, "--phrases", book) == (
        f"repcast: error: {book}: missing phrases: halfway\n"
    )
    book = edited_phrasebook(
        tmp_path, 'halfway: "Halfway."\n', 'halfway: "Halfway."\ncheer: "Go!"\n'
    )
    assert usage_error("plan", path, "--phrases", book) == (
        f"repcast: error: {book}: unknown phrases: cheer\n"
    )
    book = edited_phrasebook(tmp_path, 'rest: "Rest, {duration}."', 'rest: "Rest for {seconds}."')
    assert usage_error("script", path, "--phrases", book) == (
        f"repcast: error: {book}: rest: unknown placeholder {{seconds}} (allowed: {{duration}})\n"
    )


def test_a_phrasebook_speaks_the_workouts_language(tmp_path: Path, cache_dir: Path) -> None:
    path = write(tmp_path, TALKY)
    german = edited_phrasebook(tmp_path, 'halfway: "Halbzeit."', 'halfway: "Halb."', "de")
    assert usage_error("script", path, "--phrases", german, "--cache-dir", cache_dir) == (
        f"repcast: error: {german}: language: the phrases are in German but the workout is "
        "in English; use --lang de, or start from 'repcast phrases --lang en'\n"
    )
    doc = script(path, cache_dir, "--lang", "de", "--phrases", german)
    assert "Halb." in spoken(doc, "halfway")
    assert "Sekunden" in spoken(doc, "rest")[0]
    unnamed = edited_phrasebook(tmp_path, "language: de\n", "", "de")
    assert usage_error("plan", path, "--lang", "de", "--phrases", unnamed) == (
        f"repcast: error: {unnamed}: language: missing; add 'language: de' if the phrases "
        "are in German\n"
    )


@pytest.mark.parametrize("placeholder", ["{n}", "{}"])
def test_counting_placeholder_in_a_plain_phrase_is_rejected(
    tmp_path: Path, cache_dir: Path, placeholder: str
) -> None:
    path = write(tmp_path, TALKY)
    book = edited_phrasebook(tmp_path, 'halfway: "Halfway."', f'halfway: "Halfway {placeholder}."')
    line = usage_error("script", path, "--phrases", book, "--cache-dir", cache_dir)
    assert line.startswith(f"repcast: error: {book}: halfway: ")


TIGHT = """\
title: Tight
defaults: {lead_in: 5s, outro: 5s}
exercises:
  - name: Squats
    work: 20s
    cue: Squat down low, hands reaching forward, and drive back up through the heels.
"""


def test_notes_cut_at_a_word_and_reach_stderr_with_captions(
    tmp_path: Path, cache_dir: Path
) -> None:
    path = write(tmp_path, TIGHT)
    doc = script(path, cache_dir)
    form = next(a for a in doc["adjustments"] if a["role"] == "form")
    assert form["action"] == "dropped"
    text = ok("script", path, "--cache-dir", cache_dir).stdout
    notes = [line for line in text.splitlines() if line.startswith("note: ")]
    assert len(notes) == len(doc["adjustments"])
    assert (
        f"note: dropped form cue at {clock(round(form['start'] * SR))} "
        "('Squat down low, hands reaching forward…'): "
    ) in notes[[a["role"] for a in doc["adjustments"]].index("form")]

    vtt = run("script", path, "--format", "vtt", "--cache-dir", cache_dir)
    assert vtt.exit_code == 0
    assert vtt.stdout.startswith("WEBVTT\n") and "note" not in vtt.stdout
    assert vtt.stderr.splitlines() == [n.replace("note: ", "repcast: note: ") for n in notes]


# --- 5. voice -------------------------------------------------------------------------------


def test_rate_changes_speech_length_and_voice_is_checked(tmp_path: Path, cache_dir: Path) -> None:
    path = write(tmp_path, TALKY)
    fast = script(path, cache_dir, "--rate", "250")
    slow = script(path, cache_dir, "--rate", "120")
    assert fast["adjustments"] == slow["adjustments"] == []
    assert spoken(fast) == spoken(slow)

    def lengths(doc: dict) -> list[int]:
        return [c["samples"] for c in doc["cues"] if c["kind"] == "speech"]

    assert all(f < s for f, s in zip(lengths(fast), lengths(slow), strict=True))
    assert sum(lengths(fast)) < 0.7 * sum(lengths(slow))

    default, german = script(path, cache_dir), script(path, cache_dir, "--voice", "de")
    assert spoken(german) == spoken(default)  # the voice changes, not the language
    assert lengths(german) != lengths(default)
    assert usage_error("script", path, "--voice", "zz-none", "--cache-dir", cache_dir) == (
        "repcast: error: --voice: unknown voice 'zz-none' (see 'repcast voices')\n"
    )
    assert usage_error("plan", path, "--voice", "zz-none") == (
        "repcast: error: --voice: unknown voice 'zz-none' (see 'repcast voices')\n"
    )
    assert usage_error("say", "Hi", "--voice", "zz-none", "-o", tmp_path / "x.wav") == (
        "repcast: error: --voice: unknown voice 'zz-none' (see 'repcast voices')\n"
    )
    assert not (tmp_path / "x.wav").exists()


def test_say_writes_a_wav(tmp_path: Path) -> None:
    out = tmp_path / "clip.wav"
    res = ok("say", "Hello there", "-o", out)
    assert res.stdout == f"{out}\n"
    with wave.open(str(out)) as w:
        assert w.getnchannels() == 1
        assert w.getsampwidth() == 2
        assert w.getframerate() == SR  # the clip as a build places it
        frames = w.readframes(w.getnframes())
        assert w.getnframes() / w.getframerate() > 0.5
    assert np.abs(np.frombuffer(frames, dtype="<i2")).max() > 3000


@pytest.mark.parametrize(("ext", "kind"), [("mp3", "MP3"), ("m4a", "MP4"), ("ogg", "OggOpus")])
def test_say_writes_the_format_its_name_asks_for(tmp_path: Path, ext: str, kind: str) -> None:
    out = tmp_path / f"hello.{ext}"
    ok("say", "Hello there", "-o", out)
    assert type(mutagen.File(out)).__name__ == kind
    assert 0.5 < len(decoded(out)) / SR < 3


def test_say_keeps_to_the_output_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    routine = write(tmp_path, TALKY)
    before = routine.read_bytes()
    assert usage_error("say", "Hi", "-o", routine) == (
        f"repcast: error: {routine}: .yaml is not an audio format; use one of .mp3, .m4a, "
        ".ogg, .flac, .wav (or --format)\n"
    )
    assert routine.read_bytes() == before
    for text in ("", "  \t "):
        assert usage_error("say", text, "-o", tmp_path / "empty.wav") == (
            "repcast: error: TEXT: is empty; give the words to say\n"
        )
    assert not (tmp_path / "empty.wav").exists()
    monkeypatch.chdir(tmp_path)
    assert ok("say", "Hi", "--format", "flac").stdout == "say.flac\n"
    assert type(mutagen.File(tmp_path / "say.flac")).__name__ == "FLAC"
    flac = tmp_path / "hello.flac"
    assert usage_error("say", "Hi", "-o", flac, "--format", "wav") == (
        f"repcast: error: {flac}: the name ends in .flac but the format is wav\n"
    )


# --- 6. music and ducking -------------------------------------------------------------------


def band_db(x: np.ndarray, hz: float, width: float = 10.0) -> float:
    """Mean power in ``hz ± width`` of the (windowed) segment, in dB."""
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x)))) ** 2
    freqs = np.fft.rfftfreq(len(x), 1 / SR)
    return 10 * float(np.log10(spectrum[np.abs(freqs - hz) <= width].sum() / len(x) + 1e-30))


def dominant_hz(x: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / SR)[np.argmax(spectrum)])


def test_music_is_ducked_under_speech(tmp_path: Path, cache_dir: Path) -> None:
    path = write(tmp_path, SHORT)
    tune = make_audio(tmp_path / "tune.flac", "sine=frequency=5000:duration=30")  # loops
    mixed, plain = tmp_path / "mixed.wav", tmp_path / "plain.wav"
    ok("build", path, "--music", tune, "-o", mixed, "--cache-dir", cache_dir)
    ok("build", path, "-o", plain, "--cache-dir", cache_dir)
    x = decoded(mixed)
    doc = script(path, cache_dir)
    assert len(x) == doc["total_samples"]
    # The same build without music is sample-identical speech: the difference is the music.
    music_only = x - decoded(plain)
    checked = []
    for prev, cue in itertools.pairwise(doc["cues"]):
        start = cue["sample"]
        # Speech with at least 2.5 s of quiet before it, away from the 3 s fades.
        if cue["kind"] != "speech" or start - (prev["sample"] + prev["samples"]) < sec(2.5):
            continue
        if not sec(4) < start < doc["total_samples"] - sec(5):
            continue
        n = min(cue["samples"], sec(0.5))
        during = slice(start + 10 * MS, start + 10 * MS + n)
        quiet = slice(start - SR, start - SR + n)
        assert abs(dominant_hz(x[quiet]) - 5000) < 20, cue  # the music is playing
        drop = band_db(music_only[quiet], 5000) - band_db(music_only[during], 5000)
        assert 13 <= drop <= 17, (cue, drop)  # ducked by its 15 dB
        if cue["role"] == "halfway":  # little 5 kHz in "Halfway": it shows in the mix too
            assert band_db(x[during], 5000) <= band_db(x[quiet], 5000) - 10, cue
        checked.append(cue["role"])
    assert checked == ["halfway", "time-left", "halfway"]


def test_bad_music_fails_before_any_audio(tmp_path: Path, cache_dir: Path) -> None:
    path = write(tmp_path, SHORT)
    notes = tmp_path / "notes.mp3"
    notes.write_text("these are not sounds\n")
    out = tmp_path / "out.mp3"
    assert usage_error("build", path, "--music", notes, "-o", out, "--cache-dir", cache_dir) == (
        f"repcast: error: {notes}: not an audio file ffmpeg can read\n"
    )
    missing = tmp_path / "missing.mp3"
    assert usage_error("build", path, "--music", missing, "-o", out, "--cache-dir", cache_dir) == (
        f"repcast: error: {missing}: no such file or folder\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.mp3", "routine.yaml"]


# --- 7. sounds ------------------------------------------------------------------------------


def final_tones(tmp_path: Path, cache_dir: Path, name: str, *args: object) -> list[float]:
    """The dominant frequency at the onset of every final cue of a SHORT build."""
    path = write(tmp_path, SHORT)
    out = tmp_path / f"{name}.wav"
    ok("build", path, "-o", out, "--cache-dir", cache_dir, *args)
    x = decoded(out)
    doc = script(path, cache_dir, *args)
    finals = [c for c in doc["cues"] if c["kind"] == "final"]
    assert len(finals) == 4
    return [dominant_hz(x[c["sample"] + 5 * MS : c["sample"] + 65 * MS]) for c in finals]


def test_sound_kits_change_the_final_tone(tmp_path: Path, cache_dir: Path) -> None:
    beeps = final_tones(tmp_path, cache_dir, "beeps")
    bell = final_tones(tmp_path, cache_dir, "bell", "--sounds", "bell")
    assert all(abs(f - 1320) < 40 for f in beeps), beeps
    assert all(abs(f - 784) < 40 for f in bell), bell


def test_own_final_sound(tmp_path: Path, cache_dir: Path) -> None:
    tone = make_audio(tmp_path / "ding.wav", "sine=frequency=1000:duration=0.2")
    found = final_tones(tmp_path, cache_dir, "own", "--sound", f"final={tone}")
    assert all(abs(f - 1000) < 40 for f in found), found
    doc = script(write(tmp_path, SHORT), cache_dir, "--sound", f"final={tone}")
    for cue in (c for c in doc["cues"] if c["kind"] == "final"):
        assert abs(cue["samples"] - sec(0.2)) <= MS  # 200 ms, not the kit's 350 ms


def test_long_beep_is_rejected(tmp_path: Path, cache_dir: Path) -> None:
    path = write(tmp_path, SHORT)
    tone = make_audio(tmp_path / "long.wav", "sine=frequency=1000:duration=0.2")
    out = tmp_path / "out.mp3"
    assert usage_error(
        "build", path, "--sound", f"beep={tone}", "-o", out, "--cache-dir", cache_dir
    ) == (f"repcast: error: {tone}: --sound beep: is longer than 90 ms; a beep must be short\n")
    assert not out.exists()


# --- 8. templates ---------------------------------------------------------------------------


def block_work(plan: Plan, block: str) -> list[Interval]:
    return [iv for iv in plan.intervals if iv.kind == "work" and iv.block == block]


def test_tabata_and_emom(tmp_path: Path) -> None:
    plan = planned(write(tmp_path, TEMPLATES))
    tabata = block_work(plan, "Tabata")
    assert len(tabata) == 8
    assert {iv.length for iv in tabata} == {sec(20)}
    assert [iv.exercise.name for iv in tabata if iv.exercise] == [
        "Burpees",
        "Mountain climbers",
    ] * 4
    between = plan.intervals[tabata[0].index : tabata[-1].index + 1]
    gaps = [iv for iv in between if iv.kind == "rest"]
    assert len(gaps) == 7 and {iv.length for iv in gaps} == {sec(10)}
    assert len(between) == 15

    emom = block_work(plan, "EMOM")
    assert len(emom) == 4
    first = emom[0].start
    assert [iv.start - first for iv in emom] == [k * 60 * SR for k in range(4)]
    assert [iv.length for iv in emom] == [sec(30), sec(40)] * 2
    after = plan.intervals[emom[-1].index + 1]
    assert after.kind == "rest" and after.end - emom[-1].start == 60 * SR


def test_amrap_is_one_capped_interval_with_time_calls(tmp_path: Path, cache_dir: Path) -> None:
    plan = planned(write(tmp_path, TEMPLATES))
    (amrap,) = block_work(plan, "AMRAP")
    assert amrap.length == 5 * 60 * SR
    assert amrap.exercise is not None and amrap.exercise.time_calls_ms == 60_000

    only = (
        "title: Cap\ndefaults: {lead_in: 30s, outro: 10s}\nblocks:\n  - name: AMRAP\n"
        "    amrap:\n      cap: 5m\n      exercises: [{name: Pull-ups, reps: 5}, Air squats]\n"
    )
    path = write(tmp_path, only, "amrap.yaml")
    (iv,) = block_work(make_plan(load_routine(path)), "AMRAP")
    doc = script(path, cache_dir)
    calls = [(c["sample"], c["text"]) for c in doc["cues"] if c["role"] == "time-left"]
    assert calls == [
        (iv.end - 4 * 60 * SR, "Four minutes left."),
        (iv.end - 3 * 60 * SR, "Three minutes left."),
        (iv.end - 2 * 60 * SR, "Two minutes left."),
        (iv.end - 60 * SR, "One minute left."),
        (iv.end - 10 * SR, "Ten seconds left."),
    ]
    assert "halfway" not in {c["role"] for c in doc["cues"]}
    assert "As many rounds as you can: 5 Pull-ups, Air squats." in spoken(doc, "form")
    # The library's cue script has them too, at the same samples.
    lib = make_cues(make_plan(load_routine(path))).cues
    assert [c.at for c in lib if c.role == "time-left"] == [s for s, _ in calls]


def test_ladder_has_one_interval_per_rung(tmp_path: Path) -> None:
    plan = planned(write(tmp_path, TEMPLATES))
    rungs = block_work(plan, "Ladder")
    assert [iv.reps for iv in rungs] == [2, 4, 6, 8]
    assert [iv.exercise.reps for iv in rungs if iv.exercise] == [2, 4, 6, 8]
    assert [iv.length for iv in rungs] == [sec(2 * n) for n in (2, 4, 6, 8)]
    gaps = [iv for iv in plan.intervals[rungs[0].index : rungs[-1].index] if iv.kind == "rest"]
    assert [iv.length for iv in gaps] == [sec(15)] * 3


def test_ladder_rest_defaults_to_rest_between_sets(tmp_path: Path) -> None:
    text = (
        "title: Ladder\nblocks:\n  - name: Ladder\n    ladder:\n"
        "      exercise: {name: Push-ups, tempo: 2s}\n      reps: [2, 4]\n"
    )
    plan = planned(write(tmp_path, text))
    (gap,) = [iv for iv in plan.intervals if iv.kind == "rest"]
    assert gap.length == sec(30)


# --- 9. output formats ----------------------------------------------------------------------


def title_tag(path: Path) -> str:
    f = mutagen.File(path, easy=True)
    assert f is not None, path
    if "TIT2" in (f.tags or {}):
        return str(f.tags["TIT2"])
    return f["title"][0]


@pytest.mark.parametrize(
    ("name", "args", "kind"),
    [
        ("out.mp3", (), "MP3"),
        ("out.m4a", (), "MP4"),
        ("out.mp4", (), "MP4"),
        ("out.ogg", (), "OggOpus"),
        ("out.opus", (), "OggOpus"),
        ("out.flac", (), "FLAC"),
        ("out.wav", (), "WAVE"),
        ("no-extension", ("--format", "flac"), "FLAC"),
    ],
)
def test_output_formats(
    tmp_path: Path, cache_dir: Path, name: str, args: tuple[str, ...], kind: str
) -> None:
    path = write(tmp_path, SHORT)
    out = tmp_path / name
    res = ok("build", path, "-o", out, "--cache-dir", cache_dir, *args)
    assert res.stdout.splitlines()[0] == f"{out}  1:15.0"
    total = make_plan(load_routine(path)).total
    assert abs(len(decoded(out)) - total) <= 30 * MS
    assert type(mutagen.File(out)).__name__ == kind
    assert title_tag(out) == "Short session"
    assert not list(tmp_path.glob(".*.part"))  # the temporary file was renamed
    assert stream_rate(out) == readme_rates()[kind]


def stream_rate(path: Path) -> int:
    """The sample rate of the file's audio stream, as ffmpeg reads it."""
    res = subprocess.run(
        [proc.ffmpeg(), "-hide_banner", "-i", str(path), "-f", "null", "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(re.search(r"Audio: .*?(\d+) Hz", res.stderr).group(1))


def readme_rates() -> dict[str, int]:
    """The sample rate the manual's format table gives, by the file type mutagen names."""
    kinds = {"mp3": "MP3", "m4a": "MP4", "ogg": "OggOpus", "flac": "FLAC", "wav": "WAVE"}
    page = (ROOT / "docs" / "coaching.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)`[^|]*\|[^|]*\|[^|]*\| ([\d.]+) kHz", page, re.M)
    assert sorted(fmt for fmt, _ in rows) == sorted(kinds), rows
    return {kinds[fmt]: round(float(khz) * 1000) for fmt, khz in rows}


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("out", "has no extension; name the format, e.g. out.mp3 (or give --format)"),
        ("out.aac", ".aac is raw AAC, without tags or an index; use .m4a for AAC audio"),
    ],
)
def test_output_names_that_say_no_format(tmp_path: Path, name: str, line: str) -> None:
    path = write(tmp_path, SHORT)
    out = tmp_path / name
    assert usage_error("build", path, "-o", out) == f"repcast: error: {out}: {line}\n"
    assert usage_error("say", "Hi", "-o", out) == f"repcast: error: {out}: {line}\n"
    assert list(tmp_path.iterdir()) == [path]


# --- 10. chart ------------------------------------------------------------------------------


def test_plan_chart_is_svg(tmp_path: Path) -> None:
    path = write(tmp_path, RETIME)
    svg = tmp_path / "out.svg"
    res = ok("plan", path, "--chart", svg, "--rest", "10s")
    plan = make_plan(retime(load_routine(path), Retiming(rest_ms=10_000)))
    assert res.stdout == plan_table(plan)
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    assert res.stdout.splitlines()[-1].startswith(f"total {clock(plan.total)} ")
    assert root.find(f"{ns}title").text == f"Retime — {clock(plan.total)}"
    ivs = [r for r in root.iter(f"{ns}rect") if r.get("class", "").startswith("iv ")]
    assert [int(r.get("data-index")) for r in ivs] == [iv.index for iv in plan.intervals]
    assert [r.get("class") for r in ivs] == [f"iv {iv.kind}" for iv in plan.intervals]


def test_rest_option_sets_the_silence_between_tones_in_the_audio(
    tmp_path: Path, cache_dir: Path
) -> None:
    """--rest, checked on decoded audio: the tone that ends a set and the tone that starts
    the next sound exactly the rest apart."""
    routine = tmp_path / "r.yaml"
    routine.write_text(
        "title: T\ndefaults: {lead_in: 5s, outro: 5s}\n"
        "exercises: [{name: Plank, work: 10s, sets: 3}]\n"
    )
    out = tmp_path / "r.mp3"
    args = [str(routine), "--rest", "13s", "--cache-dir", str(cache_dir)]
    res = CliRunner().invoke(cli, ["build", *args, "-o", str(out), "--no-sidecars"])
    assert res.exit_code == 0, res.output
    script = json.loads(CliRunner().invoke(cli, ["script", *args, "--format", "json"]).stdout)
    finals = [(c["role"], c["sample"]) for c in script["cues"] if c["kind"] == "final"]
    stops = [s for role, s in finals if role == "stop"][:2]  # the third stop ends the workout
    gos = [s for role, s in finals if role == "go"][1:]
    assert len(stops) == len(gos) == 2
    x = decoded(out)
    ms = SAMPLE_RATE // 1000
    for stop, go in zip(stops, gos, strict=True):
        assert go - stop == 13 * SAMPLE_RATE
        for at in (stop, go):  # a 1320 Hz tone begins on each, within a few milliseconds
            before = np.abs(x[at - 20 * ms : at - 2 * ms]).max()
            piece = x[at : at + 60 * ms]
            peak_hz = np.fft.rfftfreq(len(piece), 1 / SAMPLE_RATE)[
                np.argmax(np.abs(np.fft.rfft(piece * np.hanning(len(piece)))))
            ]
            assert abs(peak_hz - 1320) < 40 and np.abs(piece).max() > 5 * before
