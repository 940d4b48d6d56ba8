"""repcast batch end to end: real builds in worker processes, a feed read by two podcast
clients, incremental rebuilds, failures that keep the last good episode."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import feedparser
import podcastparser
import pytest
from click.testing import CliRunner
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from PIL import Image

from repcast.cli import cli

from .conftest import ffmpeg_chapters, make_image

ROUTINE = """\
title: {title}
defaults: {{lead_in: 6s, outro: 6s}}
exercises:
  - name: {move}
    work: 12s
"""
SHOW = """\
title: Test Show
description: Short workouts & more.
author: Coach
owner: {name: Coach, email: coach@example.org}
base_url: https://example.org/show/
image: cover.png
start_date: 2026-01-05
"""


@pytest.fixture
def show(tmp_path: Path, cache_dir: Path):
    routines = tmp_path / "routines"
    routines.mkdir()
    for i, (title, move) in enumerate(
        [("Push day", "Push-ups"), ("Core & abs", "Plank"), ("Legs", "Squats")]
    ):
        (routines / f"{i}-{move.lower()}.yaml").write_text(ROUTINE.format(title=title, move=move))
    (tmp_path / "podcast.yaml").write_text(SHOW)
    make_image(tmp_path / "cover.png", (2000, 2000))
    out = tmp_path / "public"

    def run(*extra: str, env: dict[str, str] | None = None):
        return CliRunner().invoke(
            cli,
            [
                "batch",
                str(routines),
                "--feed",
                str(tmp_path / "podcast.yaml"),
                "--out",
                str(out),
                "--cache-dir",
                str(cache_dir),
                *extra,
            ],
            env=env,
        )

    return routines, out, run


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_feed_is_read_by_two_podcast_clients(show) -> None:
    _routines, out, run = show
    res = run()
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("built 3, skipped 0, failed 0, removed 0; ")
    assert res.stderr == ""  # no progress bar when not on a terminal
    xml = (out / "feed.xml").read_bytes()

    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    assert parsed.feed.title == "Test Show"
    assert parsed.feed.image.href == "https://example.org/show/cover.png"
    entries = {e.title: e for e in parsed.entries}
    assert set(entries) == {"Push day", "Core & abs", "Legs"}
    for e in parsed.entries:
        (link,) = e.enclosures
        local = out / link.href.removeprefix("https://example.org/show/")
        assert int(link.length) == local.stat().st_size
        assert link.type == "audio/mpeg"
        # The feed's duration against the audio itself, as a player measures it.
        assert abs(int(e.itunes_duration) - MP3(local).info.length) <= 1
        assert e.podcast_chapters["url"].endswith(".chapters.json")
        assert e.podcast_transcript["url"].endswith(".vtt")
        chapters = json.loads(
            (out / e.podcast_chapters["url"].removeprefix("https://example.org/show/")).read_text()
        )
        assert chapters["version"] == "1.2.0"
        # The same chapters, as times in the description, for apps that read only that.
        listed = [
            f"{int(c['startTime']) // 60:02d}:{int(c['startTime']) % 60:02d} {c['title']}"
            for c in chapters["chapters"]
        ]
        assert len(listed) >= 3 and e.description.splitlines()[-len(listed) :] == listed
        assert listed[0].startswith("00:00 ")
    assert [e.itunes_episode for e in parsed.entries] == ["3", "2", "1"]  # newest first

    pod = podcastparser.parse("https://example.org/show/feed.xml", io.BytesIO(xml))
    assert pod["title"] == "Test Show"
    assert len(pod["episodes"]) == 3
    for ep in pod["episodes"]:
        (enc,) = ep["enclosures"]
        local = out / enc["url"].removeprefix("https://example.org/show/")
        assert enc["file_size"] == local.stat().st_size
        assert ep["total_time"] > 20
        assert ep["guid"]
    tags = ID3(out / "episodes" / "001-push-day.mp3")
    assert str(tags["TALB"]) == "Test Show"
    assert str(tags["TRCK"]) == "1"
    # The 2000 px PNG cover goes into every episode as a 1400 px JPEG.
    (art,) = tags.getall("APIC")
    assert art.mime == "image/jpeg"
    with Image.open(io.BytesIO(art.data)) as img:
        assert (img.format, img.size) == ("JPEG", (1400, 1400))


def test_second_run_rebuilds_nothing_and_one_change_rebuilds_one(show) -> None:
    routines, out, run = show
    assert run().exit_code == 0
    feed = (out / "feed.xml").read_bytes()
    before = _mtimes(out / "episodes")
    index = (out / "index.html").stat().st_mtime_ns
    assert len([n for n in before if n.endswith(".html")]) == 3
    res = run()
    assert res.stdout.startswith("built 0, skipped 3, failed 0, removed 0; ")
    assert (out / "feed.xml").read_bytes() == feed
    assert _mtimes(out / "episodes") == before  # audio, sidecars, charts and pages
    assert (out / "index.html").stat().st_mtime_ns == index

    (routines / "1-plank.yaml").write_text(ROUTINE.format(title="Core & abs", move="Side plank"))
    res = run()
    assert res.stdout.startswith("built 1, skipped 2, failed 0, removed 0; ")
    after = _mtimes(out / "episodes")
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed and all(name.startswith("002-core-abs") for name in changed)


def test_guid_survives_a_rename_and_removal_keeps_foreign_files(show) -> None:
    routines, out, run = show
    assert run().exit_code == 0
    guids = {e.title: e.id for e in feedparser.parse(out / "feed.xml").entries}
    (routines / "0-push-ups.yaml").rename(routines / "renamed.yaml")
    assert run().exit_code == 0
    assert {e.title: e.id for e in feedparser.parse(out / "feed.xml").entries} == guids

    foreign = out / "episodes" / "my-notes.txt"
    foreign.write_text("mine")
    (routines / "2-squats.yaml").unlink()
    res = run()
    assert "removed 1" in res.stdout
    titles = {e.title for e in feedparser.parse(out / "feed.xml").entries}
    assert titles == {"Push day", "Core & abs"}
    assert not list((out / "episodes").glob("*legs*"))
    assert foreign.read_text() == "mine"


def test_a_failing_routine_keeps_its_last_good_episode(show) -> None:
    routines, out, run = show
    assert run().exit_code == 0
    good = {e.title: e.enclosures[0].href for e in feedparser.parse(out / "feed.xml").entries}
    (routines / "1-plank.yaml").write_text("title: Core & abs\nexercises: [{name: x, reps: -1}]\n")
    (routines / "2-squats.yaml").write_text(ROUTINE.format(title="Legs", move="Lunges"))
    res = run()
    assert res.exit_code == 1
    assert res.stdout.startswith("built 1, skipped 1, failed 1, removed 0; ")
    assert res.stderr.strip().splitlines() == [
        f"repcast: error: {routines / '1-plank.yaml'}: exercises[0].reps: must be at least 1,"
        " got -1"
    ]
    now = {e.title: e.enclosures[0].href for e in feedparser.parse(out / "feed.xml").entries}
    assert now == good  # the broken one is still there, as it last was


def test_bad_show_config_is_exit_2(show, tmp_path: Path) -> None:
    routines, out, run = show
    (tmp_path / "podcast.yaml").write_text(SHOW.replace("base_url", "base_ur"))
    res = run()
    assert res.exit_code == 2
    assert res.stderr.startswith(f"repcast: error: {tmp_path / 'podcast.yaml'}: base_ur: ")
    assert len(res.stderr.splitlines()) == 1
    assert not (out / "feed.xml").exists()
    shutil.rmtree(routines)


def test_two_batches_at_once_share_one_cache_safely(show, tmp_path: Path) -> None:
    """Two processes, one fresh speech cache, one output folder (they take turns) and one
    of their own each: every run succeeds and every feed is whole."""
    routines, out, _ = show
    cache = tmp_path / "fresh-cache"
    cmd = [
        sys.executable,
        "-m",
        "repcast",
        "batch",
        str(routines),
        "--feed",
        str(tmp_path / "podcast.yaml"),
        "--cache-dir",
        str(cache),
        "--out",
    ]
    procs = [
        subprocess.Popen(
            [*cmd, str(target)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for target in (out, out, tmp_path / "other")
    ]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], results
    for folder in (out, tmp_path / "other"):
        parsed = feedparser.parse(folder / "feed.xml")
        assert not parsed.bozo and len(parsed.entries) == 3
        for e in parsed.entries:
            local = folder / e.enclosures[0].href.removeprefix("https://example.org/show/")
            assert int(e.enclosures[0].length) == local.stat().st_size
    assert not list(tmp_path.rglob("*.part"))
    # The cache holds whole, verified clips: a second run reads them all back.
    res = CliRunner().invoke(
        cli, ["script", str(routines / "0-push-ups.yaml"), "--cache-dir", str(cache)]
    )
    assert res.exit_code == 0


def test_same_inputs_same_feed_and_chapters(show, tmp_path: Path, cache_dir: Path) -> None:
    """Determinism: two clean builds from the same routines and cache give the same feed
    (guids, dates, lengths, durations) and the same chapters."""
    routines, out, run = show
    assert run().exit_code == 0
    again = tmp_path / "again"
    res = CliRunner().invoke(
        cli, ["batch", str(routines), "--feed", str(tmp_path / "podcast.yaml"), "--out", str(again)]
    )
    assert res.exit_code == 0, res.output
    assert (again / "feed.xml").read_bytes() == (out / "feed.xml").read_bytes()
    for chapters in (out / "episodes").glob("*.chapters.json"):
        assert (again / "episodes" / chapters.name).read_text() == chapters.read_text()


def test_the_example_show_builds(example_show: tuple[Path, str]) -> None:
    """examples/podcast.yaml is a complete, working show for the example routines, with a
    cover drawn for it that directories accept."""
    from repcast.show import cover

    out, printed = example_show
    assert printed.startswith("built 3, skipped 0, failed 0, removed 0; ")
    # ffmpeg lists each episode's chapters in time order, as many as its chapters file.
    for mp3 in sorted((out / "episodes").glob("*.mp3")):
        listed = ffmpeg_chapters(mp3)
        published = json.loads(mp3.with_suffix(".chapters.json").read_text())["chapters"]
        assert [t for _, t in listed] == [c["title"] for c in published], mp3.name
        assert [s for s, _ in listed] == sorted(s for s, _ in listed)
    parsed = feedparser.parse(out / "feed.xml")
    assert not parsed.bozo and len(parsed.entries) == 3
    (art,) = out.glob("cover-*.jpg")
    assert parsed.feed.image.href == f"https://example.org/repcast/{art.name}"
    assert cover.problem(art) is None
    with Image.open(art) as img:
        assert (img.format, img.mode, img.size) == ("JPEG", "RGB", (3000, 3000))
    assert art.stat().st_size < 512_000  # what directories advise


def test_an_episode_with_its_own_cover(show, tmp_path: Path) -> None:
    """episode.image: checked like the show's, copied beside the episode, linked from the
    feed and the page, and embedded in that episode instead of the show's cover."""
    routines, out, run = show
    make_image(routines / "legs.jpg", (1600, 1600))
    (routines / "2-squats.yaml").write_text(
        ROUTINE.format(title="Legs", move="Squats") + "episode: {image: legs.jpg}\n"
    )
    assert run().exit_code == 0
    assert (out / "episodes" / "003-legs.jpg").read_bytes() == (routines / "legs.jpg").read_bytes()
    entries = {e.title: e for e in feedparser.parse(out / "feed.xml").entries}
    assert entries["Legs"].image.href == "https://example.org/show/episodes/003-legs.jpg"
    assert "image" not in entries["Push day"]
    assert entries["Legs"].link == "https://example.org/show/episodes/003-legs.html"
    assert 'src="003-legs.jpg"' in (out / "episodes" / "003-legs.html").read_text()
    assert 'src="../cover.png"' in (out / "episodes" / "001-push-day.html").read_text()
    with Image.open(io.BytesIO(ID3(out / "episodes" / "003-legs.mp3").getall("APIC")[0].data)) as i:
        assert i.size == (1400, 1400)

    # Too small a picture fails that episode alone, which keeps its last good build.
    make_image(routines / "legs.jpg", (800, 800))
    (routines / "2-squats.yaml").write_text(
        ROUTINE.format(title="Legs", move="Lunges") + "episode: {image: legs.jpg}\n"
    )
    res = run()
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [
        f"repcast: error: {routines / '2-squats.yaml'}: episode.image: {routines / 'legs.jpg'} "
        "is 800x800 pixels; it must be at least 1400x1400"
    ]
    assert (out / "episodes" / "003-legs.jpg").exists()

    # Without it again, the episode's copy goes.
    (routines / "2-squats.yaml").write_text(ROUTINE.format(title="Legs", move="Squats"))
    assert run().exit_code == 0
    assert not (out / "episodes" / "003-legs.jpg").exists()


def test_a_hand_made_index_stops_the_batch_before_any_work(show) -> None:
    _routines, out, run = show
    out.mkdir()
    (out / "index.html").write_text("<h1>My own site</h1>")
    res = run()
    assert res.exit_code == 2
    assert res.stderr.startswith(f"repcast: error: {out / 'index.html'}: is not one of RepCast")
    assert (out / "index.html").read_text() == "<h1>My own site</h1>"
    assert not (out / "feed.xml").exists() and not list(out.rglob("*.mp3"))


def test_a_cover_directories_refuse_is_exit_2(show, tmp_path: Path) -> None:
    _routines, out, run = show
    make_image(tmp_path / "cover.png", (2000, 1500))
    res = run()
    assert res.exit_code == 2
    assert res.stderr == (
        f"repcast: error: {tmp_path / 'podcast.yaml'}: image: {tmp_path / 'cover.png'} is "
        "2000x1500 pixels; crop it to a square\n"
    )
    assert not out.exists()


def test_two_routines_with_one_title_are_one_failure(show) -> None:
    routines, out, run = show
    (routines / "9-copy.yaml").write_text(ROUTINE.format(title="Legs", move="Lunges"))
    res = run()
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [
        f"repcast: error: {routines / '9-copy.yaml'}: title: has the same title as "
        "2-squats.yaml; give one of them an episode.guid"
    ]
    assert len(feedparser.parse(out / "feed.xml").entries) == 3


def test_output_folder_may_be_the_routines_folder(show, tmp_path: Path, cache_dir: Path) -> None:
    routines, _, _ = show
    args = [
        "batch",
        str(routines),
        "--feed",
        str(tmp_path / "podcast.yaml"),
        "--out",
        str(routines),
        "--cache-dir",
        str(cache_dir),
    ]
    assert CliRunner().invoke(cli, args).stdout.startswith("built 3, skipped 0, failed 0")
    assert CliRunner().invoke(cli, args).stdout.startswith("built 0, skipped 3, failed 0")


def test_a_failed_build_names_its_routine_and_keeps_the_old_episode(show) -> None:
    routines, out, run = show
    assert run().exit_code == 0
    before = {e.id for e in feedparser.parse(out / "feed.xml").entries}
    (routines / "2-squats.yaml").write_text(ROUTINE.format(title="Leg day", move="Squats"))
    res = run(env={"REPCAST_FFMPEG": "/bin/false"})
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [
        f"repcast: error: {routines / '2-squats.yaml'}: false failed (exit 1)"
    ]
    assert {e.id for e in feedparser.parse(out / "feed.xml").entries} == before
    assert (out / "episodes" / "003-legs.mp3").exists()


def test_a_damaged_state_file_costs_rebuilds_and_deletes_nothing_it_did_not_write(
    show, tmp_path: Path
) -> None:
    routines, out, run = show
    assert run().exit_code == 0
    state = out / ".repcast-state.json"
    doc = json.loads(state.read_text())
    by_title = {e["title"]: e for e in doc["episodes"].values()}
    victim = tmp_path / "victim.txt"
    victim.write_text("not ours")
    by_title["Legs"]["audio"] = "../../victim.txt"  # a state edited to point elsewhere
    by_title["Push day"]["number"] = "one"
    state.write_text(json.dumps(doc))
    (routines / "2-squats.yaml").unlink()
    res = run()
    assert res.exit_code == 0, res.output
    # Push day is numbered afresh; the Legs entry is not trusted, so its files are left.
    assert res.stdout.startswith("built 1, skipped 1, failed 0, removed 0; ")
    assert victim.read_text() == "not ours"
    assert (out / "episodes" / "003-legs.mp3").exists()
    titles = {e.title for e in feedparser.parse(out / "feed.xml").entries}
    assert titles == {"Push day", "Core & abs"}

    for damage in ("[" * 100_000 + "]" * 100_000, '{"episodes": [1, 2]}', "{", "null"):
        state.write_text(damage)
        res = run()
        assert res.exit_code == 0, res.output
        assert res.stdout.startswith("built 2, skipped 0, failed 0, removed 0; ")


def test_debug_shows_why_an_episode_failed(show, tmp_path: Path, cache_dir: Path) -> None:
    routines, out, _run = show
    done = subprocess.run(
        [
            *(sys.executable, "-m", "repcast", "--debug", "batch", str(routines)),
            *("--feed", str(tmp_path / "podcast.yaml"), "--out", str(out)),
            *("--cache-dir", str(cache_dir), "--jobs", "1"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "REPCAST_FFMPEG": "/bin/false"},
    )
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("repcast: error: ")]
    assert len(errors) == 3
    # Each failure's traceback: as the worker process that built it saw it, and here.
    assert done.stderr.count("repcast.batch: ") == 3
    assert done.stderr.count("concurrent.futures.process._RemoteTraceback") == 3
    assert done.stderr.count("repcast.errors.ToolError: false failed (exit 1)") == 6
