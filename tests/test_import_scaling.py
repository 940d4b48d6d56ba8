"""Hostile notes take time in proportion to their length: runs of each kind of character
and near-misses of each notation, at 1, 8, 32 and 128 kB. Time is the process's CPU time
(never the wall clock) and the margins are wide: a pattern that backtracks over what it
saw grows sixteen times for four times the text, a linear one four times."""

from __future__ import annotations

import contextlib
import itertools
import time
from collections.abc import Callable

import pytest

from repcast.errors import InputError
from repcast.notes.importer import import_text
from repcast.notes.notation import scan

SIZES = [1_000, 8_000, 32_000, 128_000]
FLOOR = 0.005  # seconds: below this, CPU time is mostly noise
GROWTH = 10.0  # four times the text may take at most this many times as long


# Runs of one kind of character, read as one line by the notation scanner.
RUNS = {
    "digits": "1",
    "arabic-indic digits": "\u0661",
    "full-width digits": "\uff11",
    "digits split by zero-width spaces": "1\u200b",
    "digits split by direction marks": "1\u200f",
    "spaces": " ",
    "letters": "a",
    "capitals": "A",
    "stars": "*",
    "underscores": "_",
    "dashes": "-",
    "colons": ":",
    "slashes": "/",
    "dots": ".",
    "open brackets": "(",
    "hashes": "#",
    "at signs": "@",
    "percent": "%",
    "emoji": "\U0001f4a5",
}

# Near-misses of the notations: almost a time, a load, a count, a rest, a hold...
NEAR = {
    "digit dash": "1-",
    "digit x": "1x",
    "digit colon": "1:",
    "digit dot": "1.",
    "digit space": "1 ",
    "digits x digits": "3x10 ",
    "seconds": "1s ",
    "minutes": "2 min ",
    "loads": "1 kg ",
    "at loads": "@ 16kg ",
    "distances": "400 m ",
    "ranges": "8-12 ",
    "per-set reps": "12/",
    "schemes": "21-15-",
    "tempo": "tempo 3-",
    "x words": "x ",
    "sets of": "sets of ",
    "rest": "rest ",
    "rest times": "rest 1s ",
    "hold": "hold ",
    "hold times": "hold 5s ",
    "every": "every ",
    "every minutes": "every 2 minutes ",
    "number words": "ten ",
    "sets of number words": "three sets of ",
    "breadcrumbs": "a / ",
    "emphasis": "*a ",
    "strong": "**a ",
    "capital words": "AB ",
    "emom": "E2MOM ",
    "rounds": "Round 1: ",
    "amrap": "AMRAP ",
    "on off": "20 on ",
    "sides": "each side ",
    "comma lists": "12, 10, ",
}

# Whole texts: many lines of one kind.
LINES = {
    "exercise lines": "- squats 3x10\n",
    "headings": "WARM-UP\n",
    "markdown headings": "## Legs\n",
    "rest lines": "Rest 60s\n",
    "block lines": "Round 1: complete 3 times\n",
    "prose": "Stand tall and keep your back straight, then lower yourself slowly and\n",
    "emoji bullets": "\U0001f4a5 20 squats\n",
    "table rows": "| Squat | 3 | 10 |\n",
    # shapes read since round 9, each also a list of moves too long for a day at 32 kB
    "named rows": "Exercise: Plank | Time: 30 seconds | Sets: 3\n",
    "group items": "- Main - 3 Sets X 8 Reps\n    - Fly - Push - Chest\n",
    "names then how": "Goblet squat: Hold it. Do 3 sets of 10.\n",
    "dash items": "1 - Sit up 1 set da 20\n",
    "told sequences": "squats 10 and then do 1 ",
    "rests by set": "Rest 1:00 after Set 1, ",
    "questions": "How many rounds can you do in 12 minutes? ",
    "breaths": "Cobra 5 breaths, ",
    "one long line of formats": "E3MOM x ",
    "one long comma list": "12, 10, ",
    # shapes read since round 10
    "german counts": "Crunches 20 mal pro Bein, 15mal ",
    "flow steps": "1. Step back into a plank and hold it.\n",
    "names then sections": "Low Lunge\n\nStay for 5 breaths.\n\n",
    "recovery lines": "3 x 400m\nRecovery: 90 s walk\n",
    "brackets with commas": "- Box jumps (the higher, the harder; step down)\n",
    "other ways": "Push Ups\n\nEasier: Push Ups from a bench\n\n",
    "pointing back": "- Keep the elbow tucked in at your side.\n- Do it for 2 sets of 10 reps.\n",
    "patterns": "1. Horizontal push (Push-Up or DB Press) - 3x10\n",
    "told with recoveries": "45 seconds of squat jumps, 15 seconds to recover, then ",
    "every clock times": "Every 2:00 for 20 minutes ",
    "swim sets": "4 x 100 (:20 Swim 200 pull ",
    "sides and efforts": "3L, 3R Kettlebell push press @ as heavy as you can\n1 minute rest\n",
    "shared warm-ups": "Warm-up (5 minutes)\n- Arm circles\n",
    "sets of each": "Do 3 sets of 12 of each:\n- Row\n",
    "day labels": "Day 2: Back & Biceps\nDips 3 x failure\n",
    "lettered pairs": "Superset 1: A) Bench press 3x10 B) Row 3x10 ",
    "tables of minutes": "Minute Speed Incline\n0-1 4 0\n",
    "moves over how-to bullets": "Standing Quad Stretch\n\n- Hold for 30 seconds and relax.\n\n",
    "labelled cards": "Sets: 2-3 Reps: 10 Tempo: 311 Rest: 60 Seconds ",
    "timed moves alone": "Plank 1 minute\n\n",
    "numbered names": "2 Shoulder Squeeze\n\nShoulder Squeeze\n\n",
    "prose going on": "- Squat 4x6\nThen do 3 sets of 12 walking lunges. ",
    "each over bare lines": "30 seconds each:\njumping jacks\nRest 1 minute. Repeat 3 times.\n",
    "pyramids then sets": "Pyramid: 1-2-1 chin-ups, rest\nThen 3 sets: 10 dips, 15 squats\n",
    "sets/reps labels": "## 1. Row\n**Sets/reps:** 3 x 10-12\n",
    "numbered lower case": "1) squat jumps\n",
    "repeats under a move": "1. Knee rolls\nRoll them side to side.\nRepeat 10 times each side.\n",
    "timer formats": "Set your timer for 40/20. Do 4 rounds with a minute off in between. ",
    "comments below": "Today's row was brutal: 5 x 500m.\n\nComments\nJo: 1:52\n",
    "schemes over times": "90-60-30\nThree rounds: 90 seconds of rowing, 60 seconds of burpees\n",
    "intervals for a length": "30 seconds on, 30 seconds off, for 24 minutes.\n1. Thrusters\n",
    "ladders in words": "Ladder up from 1 to 10 reps:\n- Swings\n",
    "primes and up to": "Warmup: 10\u2032 easy, 31 x 10\u2032 toss, repeat up to 4 times\n",
    "next parts": "And then, immediately:\n(Ex. Burpees done: 48.)\n",
    "tables without rules": "Exercice | S\u00e9ries | R\u00e9p\u00e9titions |\nSquat | 4 | 15 |\n",
    "a log's set rows": "| exercise_title | reps |\n|---|---|\n| Squats | 8 |\n| Squats | 8 |\n",
    "moves named again": "For time:\u2022 Wall ball\u2022 Row\n\nMoves\n\n- Wall ball\n- Row\n",
    "trisets and holds": "3 Trisets: 12 Dips, :20 hollow hold, 8-rep warmup, 4x6\n",
    "multiplied parts": "Jog: 5min jog; 3min run, 2min jog \u2013 x5; ",
    "circuit lines then sections": "- Circuit one: frog pump, lunge\n\nFrog pump\n\nDo 20.\n\n",
    "loads and reps": "Press 170x1, 160x4,4,4, ",
    "sets of a time": "Step 1: Knees\n1 two-minute set\nAdvanced option: Do 3 three-minute sets.\n",
    "paces and recoveries": "6 x 800m @ 5k pace w/ 400m jog recovery, 2 min jog between\n",
    "keycaps": "1\ufe0f\u20e3 Jump squats\n",
    "emoms told": "Every minute on the minute for 8 minutes, do 4 pull-ups and 8 push-ups. ",
    "foreign scopes": "- 30 secondes de gainage\n45 Sekunden Pause zwischen den Runden\n",
    "each with a rest": "Do each exercise for 30 seconds, with 10 seconds of rest in between.\n",
    "moves then where": "- Step-ups onto a chair\n",
    "pairs on a line": "Curls 3x10 superset w/ dips 3x10\n",
    "repeats under moves": "1. Bridging\nOn your back, lift.\nHold for 5 s. Repeat 10 times.\n",
    "complex formats": "Complex (5 rounds, rest 90s)\n5 swings\n",
    "greetings": "Hi everyone,\nSee you Saturday,\n",
    "named rounds": "Burner x3 rounds\n- 20 jumps\nAbs: 3 rounds of 15 crunches, 10 dips\n",
    "chippers": "Chipper (30 min cap)\n50 wall balls\n",
    "alternating": "Then alternate 60 seconds of jogging and 90 seconds of walking for 20 min. ",
    "timed parts": "10 min warm-up\n",
    "week labels": "Week 1-2: 3 sets of 5 negative pull-ups\n",
    "cheers": "Tabata Tuesday!\n",
    "caps in prose": "With a partner, complete:\n80 cal row\n\nSplit reps. 30 min time cap.\n",
    "round drills": "How it works:\n- 3 minutes per round\nRound 1. Jab Only\nOnly jabs.\n",
    # shapes read since round 13
    "runs of times": "6 min, 5, min, 4 min, 3 min and 2 min all hard with 90s recovery between\n",
    "one long run of times": "6 min, 5 min, 4 min, ",
    "swim pieces": "Swim, kick, pull.\n10\u00d750 on 1:10 (drill*)\n500 pull with 10 sec rest\n",
    "totals": "Total: 4300\n",
    "poses told": "Next, come into Square pose. Stay for two minutes on each side. ",
    "magazine moves": '"Triple" Leg Extension\n\nDo: 3 sets; 15, 12, 10 reps per leg\n\n',
    # shapes read since round 14
    "sets a line each": "Calf raise\nSet 1 - 20 reps\nSet 2 - ",
    "a set at a time": "Curl One Set of 10 at 55 lbs, One Set of Eight at 65 lbs, ",
    "program cards": "Front squat\n\n6 sets of 6, 4, 3, reps\nFront Squat Front Squat\nNote: Rest ",
    "windows on the clock": "On the 5:00 x 2 Rounds:\n21 Hops\n",
    "a minute of each": "As Many Reps As Possible in 1 minute x 4 rounds\n\nPushups\n\n",
    "scoped rests": "rest between sets y reps under 60 seconds and between exercises under ",
    "fields after reps": "Squat 4 x 3, 4 0 1 0, 150 sek., ",
    "tempo codes": "Pull-ups @21X0 (30X0) ",
    "chevrons": "Bench\n> R\u00e9p\u00e9tez l'exercice 5 fois de chaque c\u00f4t\u00e9.\n",
    "letters and repeats": "L: Jump squats\nRepeat exercises 1-",
    "supersets in rounds": "Superset: x3 (a)\n- Step-ups x10\nLeg press 3x12 (90s)\n",
    "counts then a sentence": "Squat 3x10. Keep your rest between sets under 60 seconds.\n",
    # shapes read since round 15
    "loads after a name": "40 KB swings Rx 35# (20 lbs) @ rx 5 lb\n",
    "a block's number": "Block 1 - 3 rounds\nA1. Row, 5 reps\nExercise 1 - 2 ",
    "moves by number": "Exercise 1\n\u00b0Lie on your back.\n",
    "a day split by a bar": "Monday | Back\n1. Pull-ups 5x5.\n",
    "every move each interval": "Every 3 minutes x 4:\n- 10 burpees\n- 5 thrusters\nRest 2 min.\n",
    "all moves each minute": "EMOM 12, all moves each minute, rest 1 min after: 5 pull-ups + ",
    "chains": "10 hops => 25 m sprint => Neck Rolls/ Arm Circles/ Burpees- Go easy ",
    "notes of each": "- Volume\n  + 3 sets per exercise\n  + 8-12 reps / set\nTarget Reps = 5\n",
    "the same count twice": "Swing: 16kg - 25/25\nPress: 1/1, 2/2, 10x T2B, 20 bridges, x2, ",
    "tables run together": "MOVE / SETS / REPS / REST TIME\nGoblet squat / 3 / 10 / 45 secs / ",
    "a move before a colon": "40 sec Jump Squats/Rest 20 seconds: Stand tall. ",
    "days and listed moves": "Monday\n\nWalk 5 min, then 5 min brisk.\n\n1. Tue\n"
    "The moves are step ups, star jumps and superman. ",
    "an emom's rest turns": "EMOM 40 min:\nMin 1 - 15/12 cal row\nMin 2 - Rest\n- Rest\n",
    "a box's strength": "Strength: Squat\n  - 3 x 3 at 85% of your 1 Rep Max\n    - Rest 2 min\n"
    "EMOM (Every Minute on the Minute) 15\n  - 10 Pull Ups (scale to 20 ring rows)\nRepeat.\n",
    "a table a cell to a line": "Exercise\nSets\nReps\nBench press\n3\n8-10\n",
    "a ride's efforts": "Warm Up:\n- 5 minutes @ 140 Watts\n- 30 seconds at 95% FTP @ 95rpm\n",
    "parts opened by then": "Then, 2 sets of this:\n- Squats x 20\n",
    "lone dashes": "-\nKniebeuge\n-\n",
    "a move explained": "  2. Chest expansion: A slumped chest hurts. Stand tall. Hold 5 s.\n",
}


def _cpu(work: Callable[[], object]) -> float:
    start = time.process_time()
    with contextlib.suppress(InputError):
        work()
    return time.process_time() - start


def _growth(times: list[float]) -> list[float]:
    """How much longer each four times the text took. The first, smallest size only warms
    up (first calls, caches): its CPU time is too small to divide by."""
    return [b / max(a, FLOOR) for a, b in itertools.pairwise(times[1:])]


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


@pytest.mark.parametrize("unit", [*RUNS.values(), *NEAR.values()], ids=[*RUNS, *NEAR])
def test_a_line_of_one_shape_scans_in_linear_time(unit: str) -> None:
    times = [_cpu(lambda n=n: scan("Squats " + _repeat(unit, n))) for n in SIZES]
    assert all(g < GROWTH for g in _growth(times)), times


@pytest.mark.parametrize("unit", list(LINES.values()), ids=list(LINES))
def test_a_text_of_one_shape_imports_in_linear_time(unit: str) -> None:
    times = [_cpu(lambda n=n: import_text(_repeat(unit, n))) for n in SIZES]
    assert all(g < GROWTH for g in _growth(times)), times


@pytest.mark.parametrize("unit", ["1", "x ", "a / ", "*a ", "ten ", "1:"])
def test_a_long_line_imports_in_linear_time(unit: str) -> None:
    """The whole importer over one long line (a title, a heading, a paragraph's tests)."""
    times = [_cpu(lambda n=n: import_text("\U0001f4a5 " + _repeat(unit, n))) for n in SIZES]
    assert all(g < GROWTH for g in _growth(times)), times
