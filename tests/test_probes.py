"""Probes: hostile inputs of every kind that expands, overflows, is published or is
written to, each run as a user would. Whatever the input, a command ends with exit 0, or
with exit 2 and one line on stderr; never a traceback, never a write outside the test's
own folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from repcast.cli import cli

from .conftest import make_image

D400 = "9" * 400
D5000 = "9" * 5000
GOOD = "title: T\ndefaults: {lead_in: 5s, outro: 5s}\nexercises: [{name: Plank, work: 10s}]\n"
SHOW = (
    "title: S\ndescription: D\nauthor: A\nowner: {name: A, email: a@example.org}\n"
    "base_url: https://example.org/\n"
)


Probe = tuple[str, dict[str, str], list[str], int]


def plan(name: str, body: str, code: int = 2, *more: str) -> Probe:
    """``repcast plan`` of a routine with ``body`` after its title."""
    return name, {"r.yaml": f"title: T\n{body}\n"}, ["plan", "{d}/r.yaml", *more], code


def phrases(name: str, welcome: str) -> Probe:
    """``repcast plan --phrases`` with the welcome phrase replaced."""
    return name, {"p.yaml": "@phrases:" + welcome}, ["plan", "--phrases", "{d}/p.yaml"], 2


def batch(name: str, show: str, *routines: str) -> Probe:
    """``repcast batch`` of a show config and ``routines``."""
    files = {"s.yaml": show, **{f"r{i}.yaml": text for i, text in enumerate(routines)}}
    return name, files, ["batch", "{d}", *BATCH], 2


def build(name: str, files: dict[str, str], cover: str) -> Probe:
    """``repcast build`` with cover art."""
    return name, {"r.yaml": GOOD, **files}, ["build", "{d}/r.yaml", *BUILD, "{d}/" + cover], 2


BATCH = ["--feed", "{d}/s.yaml", "--out", "{d}/out"]
BUILD = ["-o", "{d}/o.mp3", "--cover"]
ONE = "exercises: [{name: P, work: %s}]"
PNG = "\x89PNG\r\n\x1a\n" + "x" * 100

PROBES: list[Probe] = [
    plan("infinite work", ONE % ".inf"),
    plan("minus infinity", ONE % "-.inf"),
    plan("not a number", ONE % ".nan"),
    plan("tagged float", ONE % "!!float 1e400"),
    plan("1e306 seconds", ONE % "1.0e+306"),
    plan("400 digits", ONE % D400),
    plan("5000-digit hours", ONE % f"'{D5000}:00:00'"),
    plan("zeros before one", ONE % f"'{'0' * 5000}1s'", 0),
    plan("a minute of 60 s", ONE % "'1:60'"),
    plan("huge tempo", f"exercises: [{{name: P, reps: 5, tempo: '{D400}-1'}}]"),
    plan("tempo of 1 ms", "exercises: [{name: P, reps: 500, sets: 100, tempo: 1ms}]"),
    plan("calls every 1 ms", "blocks: [{name: B, amrap: {cap: 10m, calls: 1ms, exercises: [P]}}]"),
    plan("a 23-hour cap", "blocks: [{name: B, amrap: {cap: 23h, exercises: [P]}}]", 0),
    plan("regex as a word", "pronounce: {'a.*b(': x}\n" + ONE.replace("P", "a.*b(") % "9s", 0),
    plan("chart to a folder", ONE % "9s", 2, "--chart", "{d}"),
    plan("chart as an mp3", ONE % "9s", 2, "--chart", "{d}/c.mp3"),
    plan("1 MB of scalars", "exercises: [" + "a, " * 330_000 + "a]"),
    plan("20,000 exercises", "exercises:\n" + "  - {name: P}\n" * 20_000),
    ("JSON 1e400", {"r.json": '{"title": "T", "exercises": [{"name": "P", "work": 1e400}]}'},
     ["plan", "{d}/r.json"], 2),
    ("JSON -1e306", {"r.json": '{"title": "T", "exercises": [{"name": "P", "work": -1e306}]}'},
     ["plan", "{d}/r.json"], 2),
    ("--work 400 digits", {}, ["plan", "--work", D400], 2),
    ("--rest 1e306", {}, ["plan", "--rest", "1e306"], 2),
    ("--fit-floor huge", {}, ["plan", "--fit", "20m", "--fit-floor", D400 + "h"], 2),
    ("--rounds 5000 digits", {}, ["plan", "--rounds", D5000], 2),
    ("--rounds superscript", {}, ["plan", "--rounds", "\u00b2"], 2),
    phrases("phrase with a width", "{title:>200000000}"),
    phrases("phrase with a nested spec", "{title:{title}}"),
    phrases("phrase with an attribute", "{title.__class__}"),
    phrases("phrase with a positional", "{}"),
    phrases("phrase unbalanced", "{title"),
    phrases("phrase of 140 titles", "{title} " * 140),
    ("empty say", {}, ["say", "", "-o", "{d}/s.wav"], 2),
    ("long say", {}, ["say", "x " * 3000, "-o", "{d}/s.wav"], 2),
    ("an arrow in a caption", {"r.yaml": GOOD.replace("Plank", "'a --> b <c> &amp;'")},
     ["script", "{d}/r.yaml", "--format", "vtt"], 0),
    ("chart over its routine", {"r.svg": GOOD}, ["plan", "{d}/r.svg", "--chart", "{d}/r.svg"], 2),
    ("chart to a dangling link", {"@link": "c.svg:gone.svg", "r.yaml": GOOD},
     ["plan", "{d}/r.yaml", "--chart", "{d}/c.svg"], 0),
    ("chart to a pipe", {"@fifo": "c.svg", "r.yaml": GOOD},
     ["plan", "{d}/r.yaml", "--chart", "{d}/c.svg"], 2),
    ("export over its routine", {"r.txt": GOOD}, ["export", "{d}/r.txt", "-o", "{d}/r.txt"], 2),
    ("export into no folder", {"r.yaml": GOOD}, ["export", "{d}/r.yaml", "-o", "{d}/no/n.txt"], 2),
    ("import over its notes", {"n.yaml": "# T\n- Squats: 3 x 10\n"},
     ["import", "{d}/n.yaml", "-o", "{d}/n.yaml"], 2),
    ("import 5000-digit reps", {"n.txt": f"# T\n- Rows: 3 x {D5000}"}, ["import", "{d}/n.txt"], 2),
    ("import 5000-digit time", {"n.txt": f"# T\n- Plank: {D5000}:00"}, ["import", "{d}/n.txt"], 2),
    build("cover not decodable", {"c.png": PNG}, "c.png"),
    build("cover truncated", {"@cut": "c.jpg"}, "c.jpg"),
    batch("base_url with quotes", SHOW.replace("org/", "org/\\\"'<x>")),
    batch("base_url with a password", SHOW.replace("https://", "https://u:p@")),
    batch("base_url broken IPv6", SHOW.replace("example.org/", "[::1/")),
    batch("category of another list", SHOW + "category: Fitness/Yoga\n"),
    batch("every billion days", SHOW + "start_date: 2026-01-05\nevery_days: 1000000000\n"),
    batch("the last day", SHOW + "start_date: 9999-12-31\n", GOOD, GOOD.replace("T", "U")),
]  # fmt: skip


def lay_out(folder: Path, files: dict[str, str], book: str) -> None:
    """Write the probe's files; special names make a pipe, a link, a damaged image, or a
    phrasebook with its welcome phrase replaced ("@phrases:TEXT")."""
    for name, text in files.items():
        if name == "@fifo":
            os.mkfifo(folder / text)
        elif name == "@link":
            link, target = text.split(":")
            (folder / link).symlink_to(folder / target)
        elif name == "@cut":
            whole = make_image(folder / "whole.jpg").read_bytes()
            (folder / text).write_bytes(whole[: len(whole) // 2])
        elif text.startswith("@phrases:"):
            welcome = text.removeprefix("@phrases:").replace('"', '\\"')
            book = book.replace('welcome: "Welcome to {title}."', f'welcome: "{welcome}"')
            (folder / name).write_text(book, encoding="utf-8")
        else:
            (folder / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "args", "code"), [p[1:] for p in PROBES], ids=[p[0] for p in PROBES]
)
def test_probe(
    tmp_path: Path, cache_dir: Path, files: dict[str, str], args: list[str], code: int
) -> None:
    runner = CliRunner()
    book = runner.invoke(cli, ["phrases"]).stdout
    assert 'welcome: "Welcome to {title}."' in book
    lay_out(tmp_path, files, book)
    before = sorted(p.name for p in tmp_path.iterdir())
    argv = [a.replace("{d}", str(tmp_path)) for a in args]
    if argv[0] in ("build", "script", "batch"):
        argv += ["--cache-dir", str(cache_dir)]
    res = runner.invoke(cli, argv)
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exc_info
    assert res.exit_code == code, res.output
    assert "Traceback" not in res.output
    if code == 2:
        lines = res.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("repcast: error: "), res.stderr
        assert len(lines[0]) < 400  # a huge value is never repeated in full
        # Nothing written (batch takes its lock in the output folder first).
        assert sorted(p.name for p in tmp_path.iterdir() if p.name != "out") == before
        assert not (tmp_path / "out" / "feed.xml").exists()
