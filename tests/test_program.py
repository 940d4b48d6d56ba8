"""Training programs: one file expanded into a season of sessions, as a table, routine files
and (test_program_batch.py) a podcast season."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from repcast.cli import cli
from repcast.errors import InputError
from repcast.routine.model import load_routine
from repcast.routine.plan import make_plan
from repcast.routine.program import load_program, parse_program
from repcast.timing import ms_to_samples

SHORT = Path(__file__).parent / "fixtures" / "programs" / "walk-jog-short.yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), prog_name="repcast", env={"REPCAST_DEBUG": None})


def exercise(routine_doc: dict, name: str) -> dict:
    return next(e for b in routine_doc["blocks"] for e in b["exercises"] if e["name"] == name)


def program_doc(**changes: object) -> dict:
    doc = yaml.safe_load(SHORT.read_text())
    doc.update(changes)
    return doc


def test_a_program_expands_week_by_week_with_steps_caps_lists_and_overrides() -> None:
    program = load_program(SHORT)
    assert [(s.number, s.week, s.session) for s in program.sessions] == [
        (1, 1, 1), (2, 1, 2), (3, 2, 1), (4, 2, 2), (5, 3, 1), (6, 3, 2)
    ]  # fmt: skip
    jog = [exercise(s.document, "Jog")["work"] for s in program.sessions]
    assert jog == ["4s", "4s", "6s", "6s", "7s", "7s"]  # +2s a week, capped at 7s
    rounds = [s.routine.blocks[1].rounds for s in program.sessions]
    assert rounds == [3, 3, 2, 2, 2, 2]
    walks = [s.routine.blocks[1].exercises[1].work_ms for s in program.sessions]
    assert walks == [4000] * 5 + [3000]  # the override of the last session
    titles = [s.routine.title for s in program.sessions]
    assert titles[2] == "Little steps: week 2, session 1"
    # What is new is said against the session before.
    news = [[(n.name, n.what, n.value) for n in s.routine.place.news] for s in program.sessions]
    assert news[0] == [] and news[1] == []
    assert news[2] == [("Jog", "work", 6000), ("Intervals", "rounds", 2)]
    assert news[4] == [("Jog", "work", 7000)]
    assert program.sessions[-1].routine.place.last
    # The session's length follows its numbers: lead-in 6 + walk 5 + rounds x (jog + walk) + 6.
    for s in program.sessions:
        r = s.routine
        jog_ms, walk_ms = r.blocks[1].exercises[0].work_ms, r.blocks[1].exercises[1].work_ms
        expected = 6000 + 5000 + r.blocks[1].rounds * (jog_ms + walk_ms) + 6000
        assert make_plan(r).total == ms_to_samples(expected)


def test_factor_every_session_and_deload_weeks() -> None:
    doc = program_doc(
        progression=[{"exercise": "Jog", "field": "work", "every": "session", "factor": 1.5}],
        deload={"weeks": [2], "factor": 0.5},
    )
    program = parse_program(doc, "p.yaml")
    jog = [s.routine.blocks[1].exercises[0].work_ms for s in program.sessions]
    # Sessions 1, 2 progress; week 2 is easy (half the last value, progress paused); then on.
    assert jog == [4000, 6000, 3000, 3000, 9000, 14000]


def test_a_rule_that_makes_a_bad_number_is_named_with_its_session() -> None:
    doc = program_doc(progression=[{"exercise": "Jog", "field": "work", "step": "-2s"}])
    with pytest.raises(InputError) as err:
        parse_program(doc, "p.yaml")
    message = str(err.value)
    assert "p.yaml (week 3, session 1)" in message
    assert "blocks[1].exercises[0].work" in message  # 4s - 2s - 2s is no time at all


def test_a_count_must_be_whole() -> None:
    doc = program_doc(
        progression=[{"block": "Intervals", "field": "rounds", "values": [3, 2.5, 2]}]
    )
    with pytest.raises(InputError, match=r"progression\[0\]\.values\[1\].*whole number"):
        parse_program(doc, "p.yaml")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"schedule": {"weeks": 104, "per_week": 14}}, "at most 500 sessions"),
        (
            {"schedule": {"weeks": 2, "rotation": ["jog", "swim"]}},
            "no session template named 'swim'",
        ),
        (
            {"progression": [{"exercise": "Swim", "field": "work", "step": "1s"}]},
            "no exercise named 'Swim'",
        ),
        (
            {"progression": [{"block": "Intervals", "field": "rounds", "values": [1, 2]}]},
            "one value a week: 3, got 2",
        ),
        (
            {"progression": [{"exercise": "Jog", "field": "work", "step": 1, "factor": 2}]},
            "exactly one of step, factor, values",
        ),
        ({"overrides": [{"week": 4, "session": 1, "routine": {}}]}, "no session 1 in week 4"),
        ({"episode": {"title": "{program} {day}"}}, "bad placeholder"),
        ({"episode": {"title": "{week:>999999999}"}}, "bad placeholder"),
        ({"episode": {"title": "{program!r}"}}, "bad placeholder"),
        ({"deload": {"weeks": [2], "factor": 3}}, "0 to 1"),
        (
            {
                "progression": [
                    {"exercise": "Jog", "field": "work", "every": "session", "factor": 1000}
                ]
            },
            "grows beyond any workout",
        ),
        (
            {"overrides": [{"week": 1, "session": 1, "routine": {}}] * 2},
            "overridden twice",
        ),
        ({"schedule": {"weeks": 200, "per_week": 1}}, "at most 104"),
    ],
)
def test_bad_programs_fail_with_one_line(change: dict, message: str) -> None:
    # Each is refused before any session is built; the message names the field.
    with pytest.raises(InputError, match=message):
        parse_program(program_doc(**change), "p.yaml")


def test_program_plan_and_routine_files(tmp_path: Path) -> None:
    result = run("program", str(SHORT), "--plan")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["#", "week", "session", "template", "length", "new", "today"]
    assert len(lines) == 1 + 6 + 1
    assert "Jog work 0:06.0; Intervals rounds 2" in lines[3]
    assert lines[-1].startswith("Little steps: 6 sessions in 3 weeks")

    out = tmp_path / "sessions"
    result = run("program", str(SHORT), "-o", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(out.iterdir())
    assert [f.name for f in files][:2] == [
        "001-week-01-session-1.yaml",
        "002-week-01-session-2.yaml",
    ]
    program = load_program(SHORT)
    for path, session in zip(files, program.sessions, strict=True):
        routine = load_routine(path)  # each loads on its own, and plans the same
        assert make_plan(routine).total == make_plan(session.routine).total
        assert routine.place == session.routine.place
        assert run("plan", str(path)).exit_code == 0


def test_a_bad_program_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(SHORT.read_text().replace("step: 2s", "step: -3s"))
    result = run("program", str(bad), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert "bad.yaml (week 3, session 1)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_program_schema() -> None:
    result = run("schema", "--program")
    schema = json.loads(result.stdout)
    assert schema["required"] == ["title", "sessions", "schedule"]
    rule = schema["properties"]["progression"]["items"]["properties"]
    assert rule["field"]["enum"] == ["reps", "sets", "rounds", "work", "hold", "rest", "rest_after"]
    # A template's inline routine is described by the routine format itself.
    template = schema["properties"]["sessions"]["items"]["properties"]["routine"]
    assert "blocks" in template["properties"]


# --- recovery intervals, time calls, and where the listener is ---------------------------

RUN_WALK = """
title: Run walk
defaults: {lead_in: 20s, outro: 20s, rest_between_exercises: 0s, rest_between_rounds: 0s}
blocks:
  - name: Intervals
    rounds: 2
    exercises:
      - {name: Run, work: 60s}
      - {name: Walk, work: 90s, recovery: true}
"""


def test_a_recovery_is_an_activity_not_a_rest_nor_a_set() -> None:
    from repcast.coach.cues import make_cues
    from repcast.routine.model import parse_text

    plan = make_plan(parse_text(RUN_WALK, "rw.yaml"))
    kinds = [iv.kind for iv in plan.intervals]
    assert kinds == ["lead-in", "work", "recovery", "work", "recovery", "outro"]
    cues = make_cues(plan).cues
    said = [c.text for c in cues if c.spoken]
    assert not any("rest" in t.lower() for t in said)
    assert not any(c.role == "rest" for c in cues)
    walks = [c for c in cues if c.role == "recovery"]
    assert [c.text for c in walks] == ["Walk, one minute thirty seconds."] * 2
    assert [c.at for c in walks] == [iv.start for iv in plan.intervals if iv.kind == "recovery"]
    runs = [c.text for c in cues if c.role == "next" and c.interval in (3,)]
    assert runs == ["Run"]  # back to running, by name, after the start tone
    summary = next(c.text for c in cues if c.role == "summary")
    assert summary.startswith("One exercise and two sets")  # the walks count as neither


def test_a_recovery_is_drawn_in_its_own_colour() -> None:
    from repcast.routine.model import parse_text
    from repcast.show.chart import COLOURS, plan_svg

    svg = plan_svg(make_plan(parse_text(RUN_WALK, "rw.yaml")))
    assert svg.count('class="iv recovery"') == 2
    assert COLOURS["recovery"] in svg and "recovery: Walk" in svg


def test_a_recovery_counts_no_reps() -> None:
    from repcast.routine.model import parse_text

    with pytest.raises(InputError, match=r"recovery.*work, not reps"):
        parse_text("title: x\nexercises:\n  - {name: Walk, reps: 5, recovery: true}\n", "x.yaml")


@pytest.mark.parametrize(
    ("lang", "done", "left"),
    [
        ("en", "One minute done.", "One minute left."),
        ("de", "Eine Minute geschafft.", "Noch eine Minute."),
        ("es", "Llevas un minuto.", "Quedan un minuto."),
    ],
)
def test_time_calls_land_where_planned_clear_of_the_countdown(
    lang: str, done: str, left: str, cache_dir: Path
) -> None:
    from repcast.build import Settings, prepare
    from repcast.routine.model import parse_text

    text = f"title: Long run\nlanguage: {lang}\n" + (
        "defaults: {lead_in: 10s, outro: 10s}\n"
        "exercises:\n  - {name: Run, work: 5m, calls: 1m}\n"
        "  - {name: Plank, work: 10s, hold: {what: plank, for: 2m30s}, calls: 30s}\n"
    )
    timeline = prepare(parse_text(text, "run.yaml"), Settings(cache_dir=cache_dir)).timeline
    run = timeline.script.plan.intervals[1]
    calls = [p for p in timeline.placed if p.cue.role in ("time-left", "time-done")]
    in_run = [p for p in calls if p.cue.interval == run.index]
    minute = ms_to_samples(60_000)
    # Done at 1 and 2 minutes, left at 2 and 1 minutes (and ten seconds): where planned.
    assert next((p.start - run.start, p.text) for p in in_run if p.cue.role == "time-done") == (
        minute,
        done,
    )
    assert sorted(p.start - run.start for p in in_run) == [
        minute, 2 * minute, 3 * minute, 4 * minute, run.length - ms_to_samples(10_000)
    ]  # fmt: skip
    assert any(p.text == left for p in in_run)
    assert all(p.start == p.cue.at for p in calls)  # anchored: never moved
    countdowns = [p for p in timeline.placed if p.cue.role == "countdown"]
    for call in calls:
        assert all(call.end <= c.start or c.end <= call.start for c in countdowns)
    hold = next(iv for iv in timeline.script.plan.intervals if iv.kind == "hold")
    assert [p.start - hold.start for p in calls if p.cue.interval == hold.index][:2] == [
        ms_to_samples(30_000),
        ms_to_samples(60_000),
    ]


def test_minimal_cues_make_no_time_calls() -> None:
    from repcast.coach.cues import make_cues
    from repcast.routine.model import parse_text

    text = "title: x\ncues: minimal\nexercises:\n  - {name: Run, work: 5m, calls: 1m}\n"
    cues = make_cues(make_plan(parse_text(text, "x.yaml"))).cues
    assert not [c for c in cues if c.role in ("time-left", "time-done")]


def test_the_coach_says_where_the_listener_is_in_the_program() -> None:
    from repcast.coach.cues import make_cues

    program = load_program(SHORT)
    said = [
        [
            (c.role, c.text)
            for c in make_cues(make_plan(s.routine)).cues
            if c.role in ("welcome", "program")
        ]
        for s in program.sessions
    ]
    assert said[0] == [
        ("welcome", "Welcome to Little steps."),
        ("program", "Week one, session one."),
    ]
    assert ("program", "New today: Jog, six seconds and Intervals, two rounds.") in said[2]
    assert not any("complete" in t for _, t in said[4])
    assert said[5][-1] == (
        "program",
        "That was the last session of Little steps. The program is complete!",
    )
    german = dataclasses.replace(program.sessions[2].routine, language="de")
    texts = [c.text for c in make_cues(make_plan(german)).cues]
    assert "Woche zwei, Einheit eins." in texts
    assert "Neu heute: Jog, sechs Sekunden und Intervals, zwei Runden." in texts


def test_every_session_fields_the_builtin_template_and_easy_weeks_keep_their_rests() -> None:
    doc = {
        "title": "Built in",
        "sessions": [{"name": "upper", "builtin": True}],
        "every_session": {"defaults": {"lead_in": "40s"}, "cues": "full"},
        "schedule": {"weeks": 3, "per_week": 1},
        "progression": [
            {"exercise": "Bench dips", "field": "reps", "step": 2},
            {"exercise": "Burpees", "field": "rest", "step": "-5s"},
        ],
        "deload": {"weeks": [2], "factor": 0.5},
    }
    sessions = parse_program(doc, "b.yaml").sessions
    assert {s.routine.defaults.lead_in_ms for s in sessions} == {40_000}
    assert {s.routine.verbosity for s in sessions} == {"full"}
    dips = [next(e for e in s.routine.exercises if e.name == "Bench dips") for s in sessions]
    burpees = [next(e for e in s.routine.exercises if e.name == "Burpees") for s in sessions]
    assert [e.reps for e in dips] == [10, 5, 12]  # half the effort in the easy week
    assert [e.rest_ms for e in burpees] == [20_000, 20_000, 15_000]  # rests never shrink there


def test_a_runaway_factor_stops_at_its_cap() -> None:
    doc = program_doc(
        progression=[
            {"exercise": "Jog", "field": "work", "every": "session", "factor": 1e8, "max": "9s"}
        ]
    )
    jog = [s.routine.blocks[1].exercises[0].work_ms for s in parse_program(doc, "p.yaml").sessions]
    assert jog == [4000] + [9000] * 5


def test_expansion_is_bounded_by_the_size_of_what_it_copies() -> None:
    big = {"title": "Big", "exercises": [{"name": f"Move {i}", "work": "10s"} for i in range(5000)]}
    doc = {
        "title": "Too much",
        "sessions": [{"name": "big", "routine": big}],
        "schedule": {"weeks": 100, "per_week": 5},
    }
    # Whichever bound it meets first: the size of what is copied, or a routine's exercises.
    with pytest.raises(InputError, match=r"too much to expand|a routine has at most 1000"):
        parse_program(doc, "p.yaml")


def test_sessions_are_numbered_in_program_order_whatever_the_template_says() -> None:
    doc = program_doc()
    doc["sessions"][0]["routine"]["episode"] = {"number": 7, "guid": "same", "date": "2026-01-01"}
    sessions = parse_program(doc, "p.yaml").sessions
    assert [s.routine.episode.number for s in sessions] == [1, 2, 3, 4, 5, 6]
    assert {s.routine.episode.guid for s in sessions} == {None}


def test_what_is_new_says_the_efforts_and_leaves_changed_rests_to_the_rest() -> None:
    from repcast.coach.cues import make_cues

    doc = program_doc(
        progression=[
            {"exercise": "Jog", "field": "rest_after", "from": "0s", "step": "2s"},
            {"exercise": "Jog", "field": "work", "step": "1s"},
        ]
    )
    week_two = parse_program(doc, "p.yaml").sessions[2].routine
    assert [n.what for n in week_two.place.news] == ["rest_after", "work"]
    said = [c.text for c in make_cues(make_plan(week_two)).cues if c.role == "program"]
    assert "New today: Jog, five seconds." in said


def test_null_fields_count_as_not_given() -> None:
    doc = program_doc(every_session=None, overrides=None, deload=None)
    assert len(parse_program(doc, "p.yaml").sessions) == 6
