"""The catalogue of bad input: every case gets one line on stderr naming the file, the
field and the problem, the documented exit code, and no traceback. Faults in the engine,
the encoder and the disk are here too."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from repcast import files
from repcast.cli import cli
from repcast.routine.phrases import builtin_text

from .conftest import make_image, wait_until_encoding

GOOD = "title: T\ndefaults: {lead_in: 5s, outro: 5s}\nexercises: [{name: Plank, work: 10s}]\n"
SHOW = (
    "title: S\ndescription: D\nauthor: A\nowner: {name: A, email: a@example.org}\n"
    "base_url: https://example.org/\nstart_date: 2026-01-05\n"
)
LONG = "x" * 1200
MANY = "title: Many\nexercises:\n" + "".join(f"  - {{name: E{i}}}\n" for i in range(10_000))
DEEP = 50_000
# A few kilobytes whose aliases would make a billion values (a "billion laughs").
LAUGHS = (
    "title: T\nblocks:\n  - &b {name: B, exercises: [&e {name: E, equipment: ["
    + ",".join(["x"] * 1000)
    + "]}"
    + ", *e" * 999
    + "]}\n"
    + "  - *b\n" * 999
)
PHRASES = builtin_text("en")
HALFWAY = PHRASES.splitlines().index('halfway: "Halfway."') + 1

# (id, files to write {name: text}, arguments ({d} is the folder), exit code, stderr line)
CASES = [
    (
        "yaml syntax",
        {"r.yaml": "title: [x\n"},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: line 2, column 1: expected ',' or ']', but got '<stream end>'",
    ),
    (
        "json syntax",
        {"r.json": '{"title": }'},
        ["plan", "{d}/r.json"],
        2,
        "{d}/r.json: line 1, column 11: Expecting value",
    ),
    (
        "wrong type",
        {"r.yaml": GOOD.replace("title: T", "title: 5")},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: title: expected text, got int",
    ),
    (
        "missing title",
        {"r.yaml": GOOD.replace("title: T\n", "")},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: title: is required",
    ),
    (
        "missing name",
        {"r.yaml": GOOD.replace("name: Plank, ", "")},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: exercises[0].name: is required",
    ),
    (
        "unknown key",
        {"r.yaml": GOOD.replace("work:", "wrk:")},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: exercises[0].wrk: unknown field (did you mean 'work'?)",
    ),
    (
        "zero duration",
        {"r.yaml": GOOD.replace("10s", "0")},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: exercises[0].work: must be longer than zero",
    ),
    (
        "negative duration",
        {"r.yaml": GOOD.replace("10s}", "10s, rest: -5s}")},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: exercises[0].rest: must not be negative, got '-5s'",
    ),
    (
        "not a duration",
        {"r.yaml": GOOD.replace("10s", "soon")},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: exercises[0].work: expected a duration like 45s, 1m30s or 1:30, got 'soon'",
    ),
    (
        "30-day rest",
        {"r.yaml": GOOD.replace("10s}", "10s, rest: 720h}")},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: exercises[0].rest: '720h' is longer than 24 hours",
    ),
    ("empty file", {"r.yaml": ""}, ["plan", "{d}/r.yaml"], 2, "{d}/r.yaml: is empty"),
    (
        "empty routine",
        {"r.yaml": "title: T\nexercises: []\n"},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: exercises: must not be empty",
    ),
    (
        "empty block",
        {"r.yaml": "title: T\nblocks: [{name: B, exercises: []}]\n"},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: blocks[0].exercises: must not be empty",
    ),
    (
        "10,000 exercises",
        {"r.yaml": MANY},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: exercises: 10000 exercises in all; a routine has at most 1000",
    ),
    (
        "nested blocks",
        {"r.yaml": "title: T\nblocks: [{name: A, blocks: [{name: B}]}]\n"},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: blocks[0].blocks: unknown field",
    ),
    (
        "control character",
        {"r.yaml": GOOD.replace("Plank", '"Pl\\x07ank"')},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: exercises[0].name: contains control characters",
    ),
    (
        "very long cue",
        {"r.yaml": GOOD.replace("10s}", f"10s, cue: {LONG}}}")},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: exercises[0].cue: is 1200 characters long; keep it under 1000",
    ),
    (
        "hold without tempo",
        {"r.yaml": GOOD.replace("work: 10s", "reps: 5, hold: {what: plank, for: 5s, each: rep}")},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: exercises[0].hold.each: a hold on every rep needs a tempo",
    ),
    (
        "bad episode date",
        {"r.yaml": GOOD + "episode: {date: 2026-13-01}\n"},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: episode.date: expected a date like 2026-01-05, got '2026-13-01'",
    ),
    (
        "deeply nested YAML",
        {"r.yaml": "title: T\nexercises: " + "[" * DEEP + "]" * DEEP + "\n"},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: line 2, column 111: nested more than 100 levels deep",
    ),
    (
        "deeply nested JSON",
        {"r.json": '{"title": "T", "exercises": ' + "[" * DEEP + "]" * DEEP + "}"},
        ["plan", "{d}/r.json"],
        2,
        "{d}/r.json: line 1, column 128: nested more than 100 levels deep",
    ),
    (
        "deeply nested mappings",
        {"r.yaml": "title: T\ndefaults: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n"},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: line 2, column 407: nested more than 100 levels deep",
    ),
    (
        "duplicate key",
        {"r.yaml": GOOD.replace("work: 10s", "work: 10s, work: 20s")},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: line 3, column 38: duplicate key 'work' (first on line 3)",
    ),
    (
        "duplicate title",
        {"r.yaml": GOOD + "title: U\n"},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: line 4, column 1: duplicate key 'title' (first on line 1)",
    ),
    (
        "duplicate key in JSON",
        {"r.json": '{"title": "T",\n "exercises": [{"name": "A"}],\n "title": "U"}'},
        ["plan", "{d}/r.json"],
        2,
        "{d}/r.json: line 3, column 2: duplicate key 'title' (first on line 1)",
    ),
    (
        "huge routine",
        {"r.yaml": GOOD + "#" * 1_000_000},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: is larger than 1 MB, the limit for a routine file",
    ),
    (
        "endless routine",
        {},
        ["plan", "/dev/zero"],
        2,
        "/dev/zero: is not a regular file, so not a routine file",
    ),
    (
        "billion laughs",
        {"r.yaml": LAUGHS},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: line 3, column 2454: aliases expand to more than 100000 values",
    ),
    (
        "bad explicit tag",
        {"r.yaml": GOOD + "episode: {date: !!timestamp 2026-13-01}\n"},
        ["plan", "{d}/r.yaml"],
        2,
        "{d}/r.yaml: line 4, column 17: not a valid !!timestamp: '2026-13-01'",
    ),
    (
        "unpaired surrogate",
        {"r.yaml": GOOD.replace("Plank", '"Pl\\ud800ank"')},
        ["build", "{d}/r.yaml", "-o", "{d}/o.mp3"],
        2,
        "{d}/r.yaml: line 3, column 20: contains an unpaired surrogate '\\ud800', which is not "
        "a character",
    ),
    (
        "number of 5000 digits",
        {"r.json": '{"title": "T", "exercises": [{"name": "A", "reps": ' + "1" * 5000 + "}]}"},
        ["plan", "{d}/r.json"],
        2,
        "{d}/r.json: line 1, column 52: a number of 5000 digits",
    ),
    ("missing file", {}, ["plan", "{d}/nope.yaml"], 2, "{d}/nope.yaml: no such file"),
    (
        "directory as routine",
        {"sub/x": ""},
        ["plan", "{d}/sub"],
        2,
        "{d}/sub: is a directory, not a routine file",
    ),
    (
        "output is a directory",
        {"r.yaml": GOOD, "sub/x": ""},
        ["build", "{d}/r.yaml", "-o", "{d}/sub"],
        2,
        "{d}/sub: is a directory, not a file to write",
    ),
    (
        "output folder missing",
        {"r.yaml": GOOD},
        ["build", "{d}/r.yaml", "-o", "{d}/no/o.mp3"],
        2,
        "{d}/no/o.mp3: its folder does not exist",
    ),
    (
        "music not audio",
        {"r.yaml": GOOD, "m.mp3": "not music"},
        ["build", "{d}/r.yaml", "-o", "{d}/o.mp3", "--music", "{d}/m.mp3"],
        2,
        "{d}/m.mp3: not an audio file ffmpeg can read",
    ),
    (
        "music missing",
        {"r.yaml": GOOD},
        ["build", "{d}/r.yaml", "-o", "{d}/o.mp3", "--music", "{d}/none.mp3"],
        2,
        "{d}/none.mp3: no such file or folder",
    ),
    (
        "own sound missing",
        {"r.yaml": GOOD},
        ["build", "{d}/r.yaml", "-o", "{d}/o.mp3", "--sound", "beep={d}/none.wav"],
        2,
        "{d}/none.wav: --sound beep: no such file",
    ),
    (
        "cover not an image",
        {"r.yaml": GOOD, "c.jpg": "text"},
        ["build", "{d}/r.yaml", "-o", "{d}/o.mp3", "--cover", "{d}/c.jpg"],
        2,
        "{d}/c.jpg: is not a JPEG or PNG image",
    ),
    (
        "phrasebook missing key",
        {"p.yaml": "welcome: Hi {title}.\n"},
        ["script", "--phrases", "{d}/p.yaml"],
        2,
        None,
    ),
    (
        "phrasebook unknown placeholder",
        {"p.yaml": None},
        ["script", "--phrases", "{d}/p.yaml"],
        2,
        "{d}/p.yaml: halfway: unknown placeholder {{name}} (allowed: none)",
    ),
    (
        "phrasebook duplicate key",
        {"p.yaml": PHRASES + 'halfway: "Half done."\n'},
        ["script", "--phrases", "{d}/p.yaml"],
        2,
        f"{{d}}/p.yaml: line {PHRASES.count(chr(10)) + 1}, column 1: duplicate key 'halfway' "
        f"(first on line {HALFWAY})",
    ),
    (
        "phrasebook number as a key",
        {"p.yaml": PHRASES + "1: one\n"},
        ["script", "--phrases", "{d}/p.yaml"],
        2,
        "{d}/p.yaml: unknown phrases: 1",
    ),
    (
        "huge phrasebook",
        {"p.yaml": PHRASES + "#" * 1_000_000},
        ["script", "--phrases", "{d}/p.yaml"],
        2,
        "{d}/p.yaml: is larger than 1 MB, the limit for a phrasebook",
    ),
    (
        "huge cover",
        {"r.yaml": GOOD, "c.jpg": "x" * 10_000_001},
        ["build", "{d}/r.yaml", "-o", "{d}/o.mp3", "--cover", "{d}/c.jpg"],
        2,
        "{d}/c.jpg: is larger than 10 MB, the limit for a cover image",
    ),
    (
        "phrasebook in another language",
        {"r.yaml": GOOD, "p.yaml": "de"},
        ["script", "{d}/r.yaml", "--phrases", "{d}/p.yaml"],
        2,
        "{d}/p.yaml: language: the phrases are in German but the workout is in English; "
        "use --lang de, or start from 'repcast phrases --lang en'",
    ),
    (
        "unknown voice",
        {"r.yaml": GOOD},
        ["build", "{d}/r.yaml", "--voice", "zz-none"],
        2,
        "--voice: unknown voice 'zz-none' (see 'repcast voices')",
    ),
    (
        "rate out of range",
        {},
        ["plan", "--rate", "1000"],
        2,
        "--rate: must be at most 450, got 1000",
    ),
    ("fit impossible", {}, ["plan", "--fit", "1m"], 2, None),
    (
        "rest scale zero",
        {},
        ["plan", "--rest-scale", "0"],
        2,
        "--rest-scale: must be a factor above 0 (and at most 100), got 0.0",
    ),
    ("unknown exercise", {}, ["plan", "--rest", "Situps=20s"], 2, None),
    ("work zero", {}, ["plan", "--work", "0"], 2, "--work: must be longer than zero"),
    (
        "not an audio name",
        {"r.yaml": GOOD},
        ["build", "{d}/r.yaml", "-o", "{d}/w.txt"],
        2,
        "{d}/w.txt: .txt is not an audio format; use one of .mp3, .m4a, .ogg, .flac, .wav "
        "(or --format)",
    ),
    (
        "name and format disagree",
        {"r.yaml": GOOD},
        ["build", "{d}/r.yaml", "-o", "{d}/x.mp3", "--format", "ogg"],
        2,
        "{d}/x.mp3: the name ends in .mp3 but the format is ogg",
    ),
    (
        "sidecar path is a folder",
        {"r.yaml": GOOD, "o.chapters.json/x": ""},
        ["build", "{d}/r.yaml", "-o", "{d}/o.mp3"],
        2,
        "{d}/o.chapters.json: is a directory, not a file to write",
    ),
    (
        "loudness not a number",
        {},
        ["build", "--loudness", "loud"],
        2,
        "--loudness: expected LUFS (e.g. -16) or off, got 'loud'",
    ),
    (
        "unknown option",
        {},
        ["plan", "--bogus"],
        2,
        "No such option '--bogus'. (Did you mean one of: '--cues', '--rounds'?) "
        "(see 'repcast plan --help')",
    ),
    ("bad format", {}, ["build", "--format", "xyz"], 2, None),
    (
        "feed bad url",
        {"r/a.yaml": GOOD, "s.yaml": SHOW.replace("https://example.org/", "ftp://example.org/")},
        ["batch", "{d}/r", "--feed", "{d}/s.yaml", "--out", "{d}/out"],
        2,
        None,
    ),
    (
        "feed missing owner",
        {"r/a.yaml": GOOD, "s.yaml": SHOW.replace("owner: {name: A, email: a@example.org}\n", "")},
        ["batch", "{d}/r", "--feed", "{d}/s.yaml", "--out", "{d}/out"],
        2,
        "{d}/s.yaml: owner: is required",
    ),
    (
        "feed duplicate key",
        {"r/a.yaml": GOOD, "s.yaml": SHOW + "author: B\n"},
        ["batch", "{d}/r", "--feed", "{d}/s.yaml", "--out", "{d}/out"],
        2,
        "{d}/s.yaml: line 7, column 1: duplicate key 'author' (first on line 3)",
    ),
    (
        "feed huge",
        {"r/a.yaml": GOOD, "s.yaml": SHOW + "#" * 1_000_000},
        ["batch", "{d}/r", "--feed", "{d}/s.yaml", "--out", "{d}/out"],
        2,
        "{d}/s.yaml: is larger than 1 MB, the limit for a show config",
    ),
    (
        "feed huge cover",
        {"r/a.yaml": GOOD, "s.yaml": SHOW + "image: c.jpg\n", "c.jpg": "x" * 10_000_001},
        ["batch", "{d}/r", "--feed", "{d}/s.yaml", "--out", "{d}/out"],
        2,
        "{d}/s.yaml: image: {d}/c.jpg is larger than 10 MB, the limit for a cover image",
    ),
]


@pytest.mark.parametrize(
    ("files_", "args", "code", "line"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_is_one_line(
    tmp_path: Path, cache_dir: Path, files_: dict, args: list[str], code: int, line: str | None
) -> None:
    for name, text in files_.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:  # the built-in phrasebook with one bad placeholder
            text = builtin_text("en").replace('halfway: "Halfway."', 'halfway: "Half {name}."')
        elif text == "de":  # the German one, as it comes
            text = builtin_text("de")
        path.write_text(text)
    argv = [a.format(d=tmp_path) for a in args]
    if argv[0] in ("build", "script", "batch"):
        argv += ["--cache-dir", str(cache_dir)]
    res = CliRunner().invoke(cli, argv)
    assert res.exit_code == code, res.output
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("repcast: error: ")
    assert "Traceback" not in res.output
    if line is not None:
        assert lines[0] == "repcast: error: " + line.format(d=tmp_path)
    assert not list(tmp_path.rglob("*.part"))
    assert not (tmp_path / "o.mp3").exists()
    assert not (tmp_path / "o.vtt").exists()


@pytest.mark.parametrize(
    ("size", "mode", "why"),
    [
        ((1000, 1000), "RGB", "is 1000x1000 pixels; it must be at least 1400x1400"),
        ((1400, 1000), "RGB", "is 1400x1000 pixels; crop it to a square"),
        ((1400, 1400), "RGBA", "has an alpha channel (transparency); save it without one"),
    ],
)
def test_build_cover_is_checked_as_the_show_cover_is(
    tmp_path: Path, cache_dir: Path, size: tuple[int, int], mode: str, why: str
) -> None:
    (tmp_path / "r.yaml").write_text(GOOD)
    art = make_image(tmp_path / "c.png", size, mode)
    argv = ["build", str(tmp_path / "r.yaml"), "-o", str(tmp_path / "o.mp3"), "--cover", str(art)]
    res = CliRunner().invoke(cli, [*argv, "--cache-dir", str(cache_dir)])
    assert res.exit_code == 2, res.output
    assert res.stderr == f"repcast: error: --cover: {art} {why}\n"
    assert not (tmp_path / "o.mp3").exists()


def test_names_that_are_not_errors(tmp_path: Path) -> None:
    """Unicode, emoji and text that looks like markup are accepted (and spoken literally)."""
    doc = tmp_path / "r.yaml"
    doc.write_text(
        "title: Über 🏋️ <speak>\nexercises:\n  - {name: '[[h@l''oU]] <audio src=x/>', work: 10s}\n"
    )
    res = CliRunner().invoke(cli, ["plan", str(doc)])
    assert res.exit_code == 0, res.output
    assert "[[h@l'oU]] <audio src=x/>" in res.stdout


def test_disk_full_mid_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ENOSPC injected into the atomic writer (a fake for fault injection only)."""
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")

    def full(self: Path, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(files.OutputError) as err:
        files.atomic_write(target, b"new")
    assert str(err.value) == f"{target}: cannot write: No space left on device"
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


@pytest.mark.parametrize(
    ("env", "line"),
    [
        (
            {"REPCAST_FFMPEG": "/nonexistent/ffmpeg"},
            "repcast: error: cannot start /nonexistent/ffmpeg: No such file or directory",
        ),
        (
            {"ESPEAK_DATA_PATH": "/nonexistent"},
            "repcast: error: no espeak-ng data in /nonexistent (ESPEAK_DATA_PATH)",
        ),
        (
            {"REPCAST_ESPEAK_LIBRARY": "/nonexistent/libespeak-ng.so.1"},
            "repcast: error: cannot load espeak-ng from /nonexistent/libespeak-ng.so.1: "
            "/nonexistent/libespeak-ng.so.1: cannot open shared object file: No such file or "
            "directory",
        ),
    ],
)
def test_missing_engine_or_encoder(tmp_path: Path, env: dict[str, str], line: str) -> None:
    """A fresh process each: the engine is loaded once per process."""
    out = tmp_path / "o.mp3"
    out.write_bytes(b"previous")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "repcast",
            "build",
            "-o",
            str(out),
            "--cache-dir",
            str(tmp_path / "cache"),
        ],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [line]
    assert out.read_bytes() == b"previous"
    assert not list(tmp_path.glob("*.part"))


def test_sigkill_mid_encode_then_the_next_run_cleans_up(tmp_path: Path, cache_dir: Path) -> None:
    routine = tmp_path / "long.yaml"
    routine.write_text("title: Long\nexercises: [{name: Plank, work: 20m, sets: 6}]\n")
    out = tmp_path / "long.mp3"
    out.write_bytes(b"previous good build")
    cmd = [
        sys.executable,
        "-m",
        "repcast",
        "build",
        str(routine),
        "-o",
        str(out),
        "--cache-dir",
        str(cache_dir),
        "--no-sidecars",
    ]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    wait_until_encoding(tmp_path, "long.mp3")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert out.read_bytes() == b"previous good build"
    time.sleep(0.5)  # the orphaned encoder sees the end of its input and exits
    short = tmp_path / "short.yaml"
    short.write_text(GOOD)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "repcast",
            "build",
            str(short),
            "-o",
            str(out),
            "--cache-dir",
            str(cache_dir),
            "--no-sidecars",
        ],
        check=True,
        capture_output=True,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.mp3", "long.yaml", "short.yaml"]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("CON", "workout-con.mp3"),
        ("../../etc/passwd", "etc-passwd.mp3"),
        ("🏋️", "workout.mp3"),
        ("Über Übungen: 3 \u00d7 10", "uber-ubungen-3-10.mp3"),
        ("a" * 300, "a" * 80 + ".mp3"),
    ],
)
def test_file_names_from_titles_are_safe(title: str, name: str) -> None:
    from repcast.build import output_name
    from repcast.routine.model import parse_routine

    routine = parse_routine({"title": title, "exercises": [{"name": "x"}]})
    assert output_name(routine) == name
