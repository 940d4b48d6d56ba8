"""The example programs: each plans, writes routine files that load, and builds; the daily
challenge is short enough to publish whole; the nine-week run/walk plan is checked session
by session and two of its sessions are built."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from repcast.build import Settings, build
from repcast.cli import cli
from repcast.coach.cues import make_cues
from repcast.routine.model import load_routine
from repcast.routine.plan import make_plan
from repcast.routine.program import load_program
from repcast.timing import SAMPLE_RATE, ms_to_samples

from .conftest import ROOT, decoded

PROGRAMS = ROOT / "examples" / "programs"
RUN_WALK = PROGRAMS / "run-walk-9-weeks.yaml"
MS = SAMPLE_RATE // 1000


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="repcast", env={"REPCAST_DEBUG": None})


@pytest.mark.parametrize("path", sorted(PROGRAMS.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_example_plans_and_writes_routines_that_load(path: Path, tmp_path: Path) -> None:
    program = load_program(path)
    res = run("program", str(path), "--plan")
    assert res.exit_code == 0, res.output
    assert len(res.stdout.splitlines()) == len(program.sessions) + 2
    res = run("program", str(path), "-o", str(tmp_path))
    assert res.exit_code == 0, res.output
    files = sorted(tmp_path.glob("*.yaml"))
    assert len(files) == len(program.sessions)
    for file, session in zip(files, program.sessions, strict=True):
        routine = load_routine(file)
        assert routine.title == session.routine.title
        assert make_plan(routine).total == make_plan(session.routine).total


def test_the_run_walk_plan_grows_from_one_minute_to_thirty() -> None:
    program = load_program(RUN_WALK)
    assert len(program.sessions) == 27
    assert [(s.week, s.session) for s in program.sessions][::3] == [(w, 1) for w in range(1, 10)]
    runs = []
    for s in program.sessions:
        plan = make_plan(s.routine)
        kinds = [iv.kind for iv in plan.intervals]
        assert "rest" not in kinds  # walking is never resting
        # Five minutes of walking at either end.
        assert kinds[1] == kinds[-2] == "recovery"
        assert plan.intervals[1].length == plan.intervals[-2].length == ms_to_samples(300_000)
        runs += [iv.length for iv in plan.intervals if iv.kind == "work"][:1]
        cues = make_cues(plan).cues
        assert not [c for c in cues if c.role == "rest" or "rest" in c.text.lower()]
    assert runs[0] == ms_to_samples(60_000) and runs[-1] == ms_to_samples(30 * 60_000)
    assert runs == sorted(runs)
    last = make_cues(make_plan(program.sessions[-1].routine)).cues
    assert any("program is complete" in c.text for c in last)


@pytest.mark.parametrize(
    ("path", "number"),
    [(RUN_WALK, 1), (RUN_WALK, 25), (PROGRAMS / "strength-8-weeks.yaml", 7)],
    ids=["run-walk-first", "run-walk-thirty-minutes", "strength-easy-week"],
)
def test_sessions_build_to_their_plan(
    path: Path, number: int, tmp_path: Path, cache_dir: Path
) -> None:
    session = load_program(path).sessions[number - 1]
    out = tmp_path / "session.mp3"
    result = build(session.routine, out, Settings(cache_dir=cache_dir))
    plan = result.timeline.script.plan
    assert abs(len(decoded(out)) - plan.total) <= 30 * MS
    assert result.timeline.adjustments == ()  # every cue fits where it was planned
    calls = [p for p in result.timeline.placed if p.cue.role in ("time-left", "time-done")]
    assert all(p.start == p.cue.at for p in calls)
    assert len([p for p in calls if p.cue.role == "time-done"]) >= (path == RUN_WALK)
    if path == RUN_WALK:  # the walks are chapters of their own, where they start
        titles = [c.title for c in result.chapters]
        assert titles[1] == "Brisk walk" and titles[-2] == "Easy walk"
        walk = next(c for c in result.chapters if c.title.startswith("Walk"))
        assert walk.start == next(
            iv.start for iv in plan.intervals if iv.block == "Intervals" and iv.kind == "recovery"
        )
    ticks = [p for p in result.timeline.placed if p.cue.role == "countdown"]
    assert all(c.end <= t.start or t.end <= c.start for c in calls for t in ticks)


def test_the_daily_challenge_is_published_as_a_season(tmp_path: Path, cache_dir: Path) -> None:
    (tmp_path / "show.yaml").write_text(
        "title: Daily challenge\ndescription: One a day.\nauthor: Coach\n"
        "owner: {name: Coach, email: coach@example.org}\n"
        "base_url: https://example.org/daily/\nstart_date: 2026-05-04\nevery_days: 1\n"
    )
    out = tmp_path / "public"
    challenge = PROGRAMS / "plank-squat-7-days.yaml"
    res = run(
        "batch", str(challenge), "--feed", str(tmp_path / "show.yaml"), "--out", str(out),
        "--cache-dir", str(cache_dir),
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("built 7, skipped 0, failed 0, removed 0; ")
    feed = feedparser.parse(out / "feed.xml")
    assert feed.feed.itunes_type == "serial"
    titles = {int(e.itunes_episode): e.title for e in feed.entries}
    assert titles[3] == "Challenge day 3: squats and plank"
