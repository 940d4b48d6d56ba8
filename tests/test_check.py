"""repcast check: the published folder read as the directories read it, on the example show
as the batch wrote it and on copies of it spoilt one way at a time."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from repcast.cli import cli

from .conftest import make_image


def check(folder: Path) -> Result:
    return CliRunner().invoke(cli, ["check", str(folder)])


@pytest.fixture
def copy(example_show: tuple[Path, str], tmp_path: Path) -> Path:
    """The example show's folder, copied so a test may spoil it."""
    out, _ = example_show
    return Path(shutil.copytree(out, tmp_path / "public"))


def edit_feed(folder: Path, pattern: str, replacement: str, count: int = 1) -> None:
    feed = folder / "feed.xml"
    text, n = re.subn(pattern, replacement, feed.read_text("utf-8"), count=count)
    assert n == count, pattern
    feed.write_text(text, "utf-8")


def test_the_example_show_passes(example_show: tuple[Path, str]) -> None:
    out, printed = example_show
    res = check(out)
    assert res.exit_code == 0, res.output
    ok = "ok: 3 episodes; nothing a directory would refuse or warn about\n"
    assert res.stdout == ok
    assert printed.endswith(ok)  # the batch ran it too


def test_three_faults_three_lines_and_exit_1(copy: Path) -> None:
    """A wrong enclosure length, a missing chapters file and a 1000 px cover: each one
    line naming the file and what is wrong, and exit status 1."""
    edit_feed(copy, r'length="(\d+)"', 'length="12345"')
    chapters = sorted((copy / "episodes").glob("*.chapters.json"))[0]
    chapters.unlink()
    (art,) = copy.glob("cover-*.jpg")
    make_image(art, (1000, 1000), fmt="JPEG")
    res = check(copy)
    assert res.exit_code == 1, res.output
    lines = res.stdout.splitlines()
    assert len(lines) == 3, lines
    assert lines[0] == (
        f"refused: itunes:image: {art.resolve()} is 1000x1000 pixels; it must be at least"
        " 1400x1400 (Apple Podcasts, Spotify)"
    )
    newest = sorted((copy / "episodes").glob("*.mp3"))[-1]
    assert lines[1] == (
        f"refused: {newest.name}: the enclosure length is 12345, the file has"
        f" {newest.stat().st_size} bytes (Apple Podcasts, Spotify, Podcast Index)"
    )
    audio = chapters.name.replace(".chapters.json", ".mp3")
    assert lines[2] == (
        f"refused: {audio}: the chapters file https://example.org/repcast/episodes/"
        f"{chapters.name} is missing (Podcast Index)"
    )


@pytest.mark.parametrize(
    ("pattern", "replacement", "count", "line"),
    [
        (
            'type="audio/mpeg"',
            'type="audio/x-m4a"',
            1,
            "refused: 003-tabata-jump-squats.mp3: the enclosure type is 'audio/x-m4a' but the"
            " file is MP3 (Apple Podcasts, Spotify, Podcast Index)",
        ),
        (
            r"<itunes:duration>\d+</itunes:duration>",
            "<itunes:duration>100</itunes:duration>",
            1,
            "warning: 003-tabata-jump-squats.mp3: itunes:duration says 100 s, the audio lasts"
            " 620.0 s (Apple Podcasts, Spotify, Podcast Index)",
        ),
        (
            'itunes:category text="Health &amp; Fitness"',
            'itunes:category text="Workouts"',
            1,
            "refused: itunes:category: 'Workouts' is not an Apple Podcasts category"
            " (Apple Podcasts)",
        ),
        (
            "<itunes:explicit>false</itunes:explicit>",
            "",
            1,
            "refused: itunes:explicit: must be true or false, not '' (Apple Podcasts)",
        ),
    ],
    ids=["type", "duration", "category", "explicit"],
)
def test_one_fault_one_line(
    copy: Path, pattern: str, replacement: str, count: int, line: str
) -> None:
    edit_feed(copy, pattern, replacement, count)
    res = check(copy)
    lines = res.stdout.splitlines()
    assert lines == [line], lines
    assert res.exit_code == (1 if line.startswith("refused") else 0)


def test_two_episodes_with_one_guid(copy: Path) -> None:
    feed = copy / "feed.xml"
    text = feed.read_text("utf-8")
    first, second = re.findall(r"<guid isPermaLink=\"false\">([^<]*)</guid>", text)[:2]
    feed.write_text(text.replace(second, first), "utf-8")
    res = check(copy)
    assert res.exit_code == 1
    assert res.stdout == (
        "refused: 002-tempo-strength.mp3: the same guid as 003-tabata-jump-squats.mp3"
        " (Apple Podcasts, Spotify, Podcast Index)\n"
    )


def test_a_guid_that_changed_since_it_was_published_is_a_warning(copy: Path) -> None:
    edit_feed(
        copy, r"<guid isPermaLink=\"false\">[^<]*</guid>", '<guid isPermaLink="false">new</guid>'
    )
    res = check(copy)
    assert res.exit_code == 0
    assert res.stdout == (
        "warning: 003-tabata-jump-squats.mp3: guid new is not the one published for it:"
        " apps list it as new (Apple Podcasts, Spotify, Podcast Index)\n"
    )


def test_links_out_of_the_folder_are_not_followed(copy: Path) -> None:
    edit_feed(
        copy,
        r'url="https://example.org/repcast/episodes/([^"]*)\.vtt"',
        r'url="https://example.org/repcast/../../etc/\1.vtt"',
    )
    res = check(copy)
    assert res.exit_code == 0 and res.stdout.startswith("ok: "), res.output


@pytest.mark.parametrize(
    ("make", "line"),
    [
        (lambda d: d / "none", "repcast: error: {d}/none: is not a folder"),
        (
            lambda d: d,
            "repcast: error: {d}: has no feed.xml; give the folder repcast batch wrote",
        ),
    ],
    ids=["missing", "no feed"],
)
def test_not_a_show_is_exit_2(tmp_path: Path, make, line: str) -> None:
    res = check(make(tmp_path))
    assert res.exit_code == 2
    assert res.stderr == line.format(d=tmp_path) + "\n"


def test_a_feed_that_is_not_xml_is_refused(copy: Path) -> None:
    (copy / "feed.xml").write_text('<!DOCTYPE x [<!ENTITY a "aaaa">]><rss><channel>&a;')
    res = check(copy)
    assert res.exit_code == 1
    (line,) = res.stdout.splitlines()
    assert line.startswith("refused: feed.xml: is not well-formed XML: ")


def test_durations_read_as_apple_writes_them_and_nothing_else() -> None:
    from repcast.show.check import _seconds

    assert [_seconds(d) for d in ("620", "10:20", "1:00:20")] == [620, 620, 3620]
    # Not lengths, however they are spelt; a 5000-digit number is refused, not converted.
    assert [_seconds(d) for d in ("", "soon", "1:2:3:4", "-5", "9" * 5000)] == [None] * 5
