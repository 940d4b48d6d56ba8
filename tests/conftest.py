"""Shared fixtures. Tests use the real espeak-ng, Piper and ffmpeg; a session-wide speech
cache keeps repeated builds fast without hiding the engine (each test of the engine itself
runs uncached). No test reads or writes the user's own cache, data or config: every folder
RepCast would use is pointed at a temporary one for the whole run."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from repcast.sound.encode import decode

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.yaml") if p.name != "podcast.yaml")


@pytest.fixture(scope="session", autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every cache, data and config folder RepCast (or a library it uses) would touch, in a
    temporary home; subprocesses inherit it through the environment. (test_speech.py checks
    that every folder RepCast resolves lies inside it.)"""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as mp:
        for name in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            mp.setenv(name, str(home / name.lower()))
        mp.setenv("REPCAST_CACHE_DIR", str(home / "speech-cache"))
        mp.setenv("REPCAST_VOICES_DIR", str(home / "voices"))
        yield home


@pytest.fixture(scope="session")
def cache_dir(isolated_home: Path) -> Path:
    return Path(os.environ["REPCAST_CACHE_DIR"])


def repcast_command(*args: str) -> list[str]:
    """``python -m repcast ARGS`` as a terminal starts it, with Ctrl-C's default action: the
    test process was seen, now and then, to hold SIGINT ignored for a moment, which a child
    would inherit (and a program started with SIGINT ignored rightly keeps ignoring it)."""
    start = (
        "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "sys.argv[0] = 'repcast'; runpy.run_module('repcast', run_name='__main__')"
    )
    return [sys.executable, "-c", start, *args]


def decoded(path: Path) -> np.ndarray:
    """The file decoded by ffmpeg to mono int16 at 44.1 kHz, as floats in [-1, 1)."""
    return np.frombuffer(decode(path), dtype="<i2").astype(np.float64) / 32768.0


def ffmpeg_chapters(path: Path) -> list[tuple[float, str]]:
    """The chapters as ffmpeg lists them (the order players built on it show them in):
    start in seconds and title, read from its ffmetadata output."""
    from repcast import proc

    text = proc.run(proc.ffmpeg_command("-i", str(path), "-f", "ffmetadata", "-")).decode()
    out: list[tuple[float, str]] = []
    for section in text.split("[CHAPTER]")[1:]:
        fields = dict(line.split("=", 1) for line in section.splitlines() if "=" in line)
        num, den = fields["TIMEBASE"].split("/")
        out.append((int(fields["START"]) * int(num) / int(den), fields["title"]))
    return out


def wait_until_encoding(folder: Path, name: str) -> None:
    """Block until a build's temporary output for ``name`` holds some encoded audio."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        parts = list(folder.glob(f".{name}.*.part"))
        if parts and parts[0].stat().st_size > 100_000:
            return
        time.sleep(0.02)
    pytest.fail("the build never started writing")


def make_audio(
    path: Path, source: str = "anoisesrc=d=5:a=0.5", channels: int | None = None
) -> Path:
    """An audio file from an ffmpeg lavfi source, its format chosen by the extension."""
    from repcast import proc

    layout = ["-ac", str(channels)] if channels else []
    proc.run(proc.ffmpeg_command("-y", "-f", "lavfi", "-i", source, *layout, str(path)))
    return path


@pytest.fixture(scope="session")
def example_show(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> tuple[Path, str]:
    """The example show (the routines in examples/ with examples/podcast.yaml), built once
    per run: its output folder and what the batch printed. Tests only read it."""
    from click.testing import CliRunner

    from repcast.cli import cli

    out = tmp_path_factory.mktemp("example-show") / "public"
    examples = ROOT / "examples"
    args = ["batch", str(examples), "--feed", str(examples / "podcast.yaml"), "--out", str(out)]
    res = CliRunner().invoke(cli, [*args, "--cache-dir", str(cache_dir)])
    assert res.exit_code == 0, res.output
    return out, res.stdout


def make_image(
    path: Path, size: tuple[int, int] = (1400, 1400), mode: str = "RGB", fmt: str | None = None
) -> Path:
    """A plain image file for cover art tests; the format from the extension unless given."""
    from PIL import Image

    Image.new(mode, size).save(path, fmt)
    return path


SCREENSHOTS: list[Path] = []  # saved by the browser tests, listed at the end of the run


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SCREENSHOTS:
        terminalreporter.write_sep("-", "screenshots of the show's pages")
        for path in SCREENSHOTS:
            terminalreporter.write_line(str(path))
