"""repcast batch keeps the published show whole: everything is checked before the output
folder changes, the show is published in one step, a damaged state counts for nothing,
and a bad episode fails alone."""

from __future__ import annotations

import contextlib
import io
import json
import os
import struct
import subprocess
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
from mutagen.mp3 import MP3
from PIL import Image

from . import test_podcast
from .conftest import repcast_command
from .test_podcast import ROUTINE, SHOW

show = test_podcast.show  # the fixture: a show of three routines, and how to batch it


def _contents(folder: Path) -> dict[str, bytes]:
    """Every file in the show's folder (not the lock), by its path there."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".repcast.lock"
    }


def _consistent(out: Path) -> None:
    """Every file the feed, the pages and the state name is there, as the feed describes
    it, and no file is there that none of them names."""
    parsed = feedparser.parse(out / "feed.xml")
    assert not parsed.bozo
    state = json.loads((out / ".repcast-state.json").read_text())
    named = {".repcast-state.json", "feed.xml", *state["pages"], state["cover"]}
    for entry in parsed.entries:
        audio = out / entry.enclosures[0].href.removeprefix("https://example.org/show/")
        assert int(entry.enclosures[0].length) == audio.stat().st_size
        assert abs(int(entry.itunes_duration) - MP3(audio).info.length) < 1
    for episode in state["episodes"].values():
        named.update([episode["audio"], *episode["sidecars"].values()])
    for page in state["pages"]:
        assert (out / page).is_file()
    assert set(_contents(out)) == named


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(width: int, height: int, *extra: bytes) -> bytes:
    """A PNG that claims ``width`` x ``height`` RGB pixels and holds one row of them."""
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    pixels = _chunk(b"IDAT", zlib.compress(b"\0" + b"\0" * 3))
    return b"\x89PNG\r\n\x1a\n" + header + b"".join(extra) + pixels + _chunk(b"IEND", b"")


def _bombs() -> dict[str, bytes]:
    """Small files that would take gigabytes once decoded."""
    small = io.BytesIO()
    Image.new("RGB", (16, 16)).save(small, "JPEG")
    jpeg = small.getvalue()
    at = jpeg.index(b"\xff\xc0") + 5  # the frame header: height, then width
    huge = jpeg[:at] + struct.pack(">HH", 65000, 65000) + jpeg[at + 4 :]
    inflated = zlib.compress(b"\0" * 50_000_000, 9)
    return {
        "pixels.png": _png(50000, 50000),
        "pixels.jpg": huge,
        "text.png": _png(1400, 1400, _chunk(b"zTXt", b"note\0\0" + inflated)),
        "profile.png": _png(1400, 1400, _chunk(b"iCCP", b"icc\0\0" + inflated)),
    }


def test_a_bad_episode_fails_alone_and_a_bad_show_writes_nothing(show, tmp_path: Path) -> None:
    """Text the feed cannot carry, and a decompression bomb as an episode's image."""
    routines, out, run = show
    (routines / "3-odd.yaml").write_text(ROUTINE.format(title='"Odd \\uFFFE day"', move="Dips"))
    (routines / "bomb.png").write_bytes(_bombs()["pixels.png"])
    (routines / "4-bomb.yaml").write_text(
        ROUTINE.format(title="Bombed", move="Rows") + "episode: {image: bomb.png}\n"
    )
    res = run()
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [
        f"repcast: error: {routines / '3-odd.yaml'}: title: has the character U+FFFE, which "
        "a feed cannot carry",
        f"repcast: error: {routines / '4-bomb.yaml'}: episode.image: {routines / 'bomb.png'} "
        "claims more pixels than it may have; scale it down to 3000x3000",
    ]
    assert res.stdout.startswith("built 3, skipped 0, failed 2")
    _consistent(out)
    before = _contents(out)
    config = tmp_path / "podcast.yaml"
    for field, text in [
        ("title", SHOW.replace("title: Test Show", 'title: "Show \\uFFFF"')),
        ("copyright", SHOW + 'copyright: "2026 \\uFFFF Coach"\n'),
    ]:
        why = f"{field}: has the character U+FFFF, which a feed cannot carry"
        _refused(run, config, text, why, out, before)


def test_a_cover_is_decoded_whole_before_it_replaces_the_old_one(show, tmp_path: Path) -> None:
    _routines, out, run = show
    assert run().exit_code == 0
    before = _contents(out)
    config, cover = tmp_path / "podcast.yaml", tmp_path / "cover.png"
    cover.write_bytes(cover.read_bytes()[: cover.stat().st_size // 2])
    why = f"image: {cover} is a damaged PNG file; export it again"
    _refused(run, config, SHOW, why, out, before)
    bomb = "claims more pixels than it may have; scale it down to 3000x3000"
    damaged = "is a damaged PNG file; export it again"
    for (name, data), says in zip(_bombs().items(), [bomb, bomb, damaged, damaged], strict=True):
        (tmp_path / name).write_bytes(data)
        text = SHOW.replace("cover.png", name)
        _refused(run, config, text, f"image: {tmp_path / name} {says}", out, before)


def test_a_drawn_cover_damaged_since_is_drawn_again(show, tmp_path: Path) -> None:
    _routines, out, run = show
    (tmp_path / "podcast.yaml").write_text(SHOW.replace("image: cover.png\n", ""))
    assert run().exit_code == 0
    (drawn,) = out.glob("cover-*.jpg")
    good = drawn.read_bytes()
    drawn.write_bytes(_bombs()["pixels.jpg"])
    res = run()
    assert res.exit_code == 0 and res.stdout.startswith("built 0, skipped 3, failed 0")
    assert drawn.read_bytes() == good
    _consistent(out)


def _refused(
    run: Callable[[], Any], config: Path, text: str, why: str, out: Path, before: object
) -> None:
    """The show config ``text`` is refused with one line, and the show stays as it was."""
    config.write_text(text)
    res = run()
    assert res.exit_code == 2
    assert res.stderr == f"repcast: error: {config}: {why}\n"
    assert _contents(out) == before


def test_a_fifo_is_never_read(show, tmp_path: Path, cache_dir: Path) -> None:
    """As the cover or as the state it is refused at once, before anything is built."""
    routines, out, _run = show
    cover = tmp_path / "cover.png"
    cover.rename(tmp_path / "good.png")
    os.mkfifo(cover)
    command = repcast_command(
        *("batch", str(routines), "--feed", str(tmp_path / "podcast.yaml")),
        *("--out", str(out), "--cache-dir", str(cache_dir)),
    )
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == (
        f"repcast: error: {tmp_path / 'podcast.yaml'}: image: {cover} is not a regular file\n"
    )
    assert not out.exists()
    cover.unlink()
    (tmp_path / "good.png").rename(cover)
    out.mkdir()
    state = out / ".repcast-state.json"
    os.mkfifo(state)
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == (
        f"repcast: error: {state}: is not a regular file, so not a batch's state\n"
    )
    assert state.is_fifo()
    assert sorted(p.name for p in out.iterdir()) == [".repcast-state.json", ".repcast.lock"]


@pytest.mark.parametrize(
    ("field", "value", "built"),
    [
        ("seconds", "NaN", 3),  # not JSON at all: the state counts as empty
        ("seconds", "Infinity", 3),
        ("seconds", "1e999", 1),  # read as infinity
        ("seconds", "1e300", 1),
        ("bytes", "-5", 1),
        ("number", "1" + "0" * 30, 1),
        ("title", '"Push\\u0007day"', 1),
        ("title", '"Push \\ufffe day"', 1),
        ("description", '"\\uffff"', 1),
    ],
)
def test_a_damaged_state_is_never_published(show, field: str, value: str, built: int) -> None:
    _routines, out, run = show
    assert run().exit_code == 0
    state = out / ".repcast-state.json"
    doc = json.loads(state.read_text())
    push = next(e for e in doc["episodes"].values() if e["title"] == "Push day")
    push[field] = "DAMAGE"
    state.write_text(json.dumps(doc).replace('"DAMAGE"', value))
    res = run()
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith(f"built {built}, skipped {3 - built}, failed 0, removed 0; ")
    _consistent(out)


def test_a_failure_while_publishing_changes_nothing(show) -> None:
    routines, out, run = show
    (routines / "2-squats.yaml").rename(routines.parent / "later.yaml")
    assert run().exit_code == 0
    before = _contents(out)
    (routines.parent / "later.yaml").rename(routines / "2-squats.yaml")
    # The new episode's page cannot be written (a folder stands in its place): its audio
    # is built, but nothing is published.
    (out / "episodes" / "003-legs.html").mkdir()
    res = run()
    assert res.exit_code == 2
    assert res.stderr == (
        f"repcast: error: {out / 'episodes' / '003-legs.html'}: is a directory, not a file to "
        "write\n"
    )
    assert _contents(out) == before
    published = ["cover.png", "episodes", "feed.xml", "index.html", "player.js", "style.css"]
    assert sorted(p.name for p in out.iterdir()) == [
        ".repcast-state.json",
        ".repcast.lock",
        *published,
    ]
    (out / "episodes" / "003-legs.html").rmdir()
    assert run().stdout.startswith("built 1, skipped 2, failed 0")
    _consistent(out)


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _until(what: Callable[[], Any], seconds: float = 120) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := what():
            return found
        time.sleep(0.05)
    pytest.fail("waited in vain")


def test_workers_die_with_the_batch_and_publish_nothing(show, tmp_path: Path) -> None:
    """The batch's process killed alone (SIGKILL: nothing of it runs) mid-build."""
    routines, out, run = show
    command = repcast_command(
        *("batch", str(routines), "--feed", str(tmp_path / "podcast.yaml")),
        *("--out", str(out), "--cache-dir", str(tmp_path / "cold"), "--jobs", "2"),
    )
    batch = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _until(lambda: list(out.rglob("*.part")))  # an episode is being written
        workers = _children(batch.pid)
    finally:
        batch.kill()
        batch.wait()
    assert len(workers) >= 2
    _until(lambda: not any(_running(w) for w in workers))
    assert not list(out.rglob("*.mp3")) and not (out / "feed.xml").exists()
    # The next batch clears what the killed one left, and builds the show whole.
    assert run().stdout.startswith("built 3, skipped 0, failed 0")
    _consistent(out)
    assert not list(out.glob(".repcast-build-*"))


FULL_DISK = """
set -e
mount -t tmpfs -o size=64m tmpfs "$OUT"
"$@" >/dev/null
mv "$LATER" "$ROUTINES/"
python3 -c 'import os, sys; s = os.statvfs(sys.argv[1])
open(sys.argv[1] + "/filler", "wb").write(bytes(s.f_bavail * s.f_frsize - int(sys.argv[2])))
' "$OUT" "$ROOM"
cp -a "$OUT" "$BEFORE"
set +e
"$@" >"$LOG.out" 2>"$LOG.err"
echo $? >"$LOG.rc"
cp -a "$OUT" "$AFTER"
"""


def test_a_full_disk_while_publishing_changes_nothing(
    show, tmp_path: Path, cache_dir: Path
) -> None:
    """On a disk with room for a new episode's files and not for its pages too, neither
    the feed, the pages nor the state change, and the episode's files are not left."""
    routines, out, run = show
    assert run().exit_code == 0  # to learn the sizes of the episode's files
    room = sum(-(-p.stat().st_size // 4096) * 4096 for p in (out / "episodes").glob("003-*"))
    room -= -(-(out / "episodes" / "003-legs.html").stat().st_size // 4096) * 4096
    later = tmp_path / "later.yaml"
    (routines / "2-squats.yaml").rename(later)
    disk = tmp_path / "disk"
    disk.mkdir()
    log = tmp_path / "log"
    command = repcast_command(
        *("batch", str(routines), "--feed", str(tmp_path / "podcast.yaml"), "--out", str(disk)),
        *("--cache-dir", str(cache_dir)),
    )
    env = {
        **os.environ,
        **{"OUT": str(disk), "LATER": str(later), "ROUTINES": str(routines), "LOG": str(log)},
        **{"ROOM": str(room), "BEFORE": str(tmp_path / "before")},
        "AFTER": str(tmp_path / "after"),
    }
    # A disk of its own: a tmpfs in a mount namespace of the test's own.
    subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", FULL_DISK, "sh", *command],
        env=env,
        check=True,
        timeout=600,
    )
    assert Path(f"{log}.rc").read_text() == "1\n"
    assert Path(f"{log}.out").read_text() == ""
    error = Path(f"{log}.err").read_text()
    assert error.startswith(f"repcast: error: {disk}/") and error.count("\n") == 1, error
    assert error.endswith(": cannot write: No space left on device\n")
    assert _contents(tmp_path / "after") == _contents(tmp_path / "before")
    assert not list((tmp_path / "after").glob(".repcast-build-*"))
