"""A training program published as a podcast season: real builds, a feed read by two
podcast clients, pages grouped by week, and rebuilds of only the sessions a change reaches."""

from __future__ import annotations

import io
import re
from pathlib import Path

import feedparser
import podcastparser
import pytest
from click.testing import CliRunner

from repcast.cli import cli
from repcast.routine.plan import make_plan
from repcast.routine.program import load_program
from repcast.timing import SAMPLE_RATE

from .conftest import decoded

SHORT = Path(__file__).parent / "fixtures" / "programs" / "walk-jog-short.yaml"
SHOW = """\
title: Little steps, the podcast
description: A short run/walk season.
author: Coach
owner: {name: Coach, email: coach@example.org}
base_url: https://example.org/steps/
start_date: 2026-03-02
every_days: 2
"""
BASE = "https://example.org/steps/"


@pytest.fixture
def season(tmp_path: Path, cache_dir: Path):
    program = tmp_path / "little-steps.yaml"
    program.write_text(SHORT.read_text())
    (tmp_path / "show.yaml").write_text(SHOW)
    out = tmp_path / "public"

    def run():
        return CliRunner().invoke(
            cli,
            [
                "batch",
                str(program),
                "--feed",
                str(tmp_path / "show.yaml"),
                "--out",
                str(out),
                "--cache-dir",
                str(cache_dir),
                "--jobs",
                "2",
            ],
        )

    return program, out, run


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.mp3")}


def test_a_program_is_published_as_a_season(season) -> None:
    program_file, out, run = season
    res = run()
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("built 6, skipped 0, failed 0, removed 0; ")
    program = load_program(program_file)
    xml = (out / "feed.xml").read_bytes()

    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    assert parsed.feed.itunes_type == "serial"
    entries = sorted(parsed.entries, key=lambda e: int(e.itunes_episode))
    assert [e.title for e in entries] == [s.routine.title for s in program.sessions]
    assert entries[3].title == "Little steps: week 2, session 2"
    assert [int(e.itunes_episode) for e in entries] == [1, 2, 3, 4, 5, 6]
    assert {e.itunes_season for e in entries} == {"1"}
    # podcast:season and podcast:episode, read straight from the items.
    seasons = re.findall(rb'<podcast:season name="([^"]+)">(\d+)</podcast:season>', xml)
    assert seasons == [(b"Little steps", b"1")] * 6
    numbers = re.findall(rb"<podcast:episode>(\d+)</podcast:episode>", xml)
    assert sorted(int(n) for n in numbers) == [1, 2, 3, 4, 5, 6]
    dates = [e.published_parsed[:3] for e in entries]
    assert dates == sorted(dates)  # program order is date order

    for entry, session in zip(entries, program.sessions, strict=True):
        (link,) = entry.enclosures
        audio = out / link.href.removeprefix(BASE)
        # The decoded episode lasts what its plan says.
        total = make_plan(session.routine).total
        assert abs(len(decoded(audio)) - total) <= 30 * SAMPLE_RATE // 1000
        transcript = (out / entry.podcast_transcript["url"].removeprefix(BASE)).read_text()
        assert "Rest" not in transcript  # the walks are walks
        assert f"Week {['one', 'two', 'three'][session.week - 1]}, session" in transcript

    pod = podcastparser.parse(BASE + "feed.xml", io.BytesIO(xml))
    assert pod["type"] == "serial"
    by_number = sorted(pod["episodes"], key=lambda e: e["number"])
    assert [e["number"] for e in by_number] == [1, 2, 3, 4, 5, 6]
    assert [e["title"] for e in by_number] == [s.routine.title for s in program.sessions]

    index = (out / "index.html").read_text()
    headings = re.findall(r'<h3 id="week-(\d)">Week \d</h3>', index)
    assert headings == ["1", "2", "3"]
    titles = re.findall(r"<h4><a [^>]+>([^<]+)</a></h4>", index)
    assert titles == [s.routine.title for s in program.sessions]  # oldest first
    week_two = index.split('id="week-2"')[1].split("</section>")[0]
    assert week_two.count("<li>") == 2


def test_a_changed_rule_rebuilds_only_the_sessions_it_reaches(season) -> None:
    program_file, out, run = season
    assert run().exit_code == 0
    before = _mtimes(out / "episodes")
    assert len(before) == 6
    res = run()
    assert res.stdout.startswith("built 0, skipped 6, ")
    # Week 3's rounds go from 2 to 3: its two sessions change, and nothing before them.
    program_file.write_text(
        program_file.read_text().replace("values: [3, 2, 2]", "values: [3, 2, 3]")
    )
    res = run()
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("built 2, skipped 4, failed 0, removed 0; ")
    after = _mtimes(out / "episodes")
    changed = sorted(n for n in after if after[n] != before.get(n))
    assert [n[:3] for n in changed] == ["005", "006"]
    feed = feedparser.parse(out / "feed.xml")
    assert len(feed.entries) == 6


def test_a_bad_program_publishes_nothing(season) -> None:
    program_file, out, run = season
    program_file.write_text(SHORT.read_text().replace("per_week: 2", "per_week: 0"))
    res = run()
    assert res.exit_code == 2
    assert "little-steps.yaml: schedule.per_week: must be at least 1" in res.stderr
    assert not out.exists()


def test_a_state_written_before_programs_still_loads() -> None:
    from repcast.show.batch import EpisodeState

    old = {
        "number": 1,
        "date": "2026-01-05",
        "guid": "g",
        "title": "Push day",
        "description": "",
        "language": "en",
        "season": None,
        "key": "k",
        "audio": "episodes/001-push-day.mp3",
        "sidecars": {
            "transcript": "episodes/001-push-day.vtt",
            "chapters": "episodes/001-push-day.chapters.json",
            "script": "episodes/001-push-day.txt",
        },
        "routine": "push.yaml",
        "bytes": 10,
        "seconds": 1.5,
    }
    entry = EpisodeState.from_json(old)
    assert entry is not None and entry.week is None and entry.season_name is None
