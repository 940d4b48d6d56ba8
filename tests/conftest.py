"""Shared fixtures. Tests use the real espeak-ng and a real ffmpeg; a session-wide speech
cache keeps repeated builds fast without hiding the engine (each test of the engine itself
runs uncached)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from repcast.encode import decode

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.yaml") if p.name != "podcast.yaml")


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("speech-cache")


def decoded(path: Path) -> np.ndarray:
    """The file decoded by ffmpeg to mono int16 at 44.1 kHz, as floats in [-1, 1)."""
    return np.frombuffer(decode(path), dtype="<i2").astype(np.float64) / 32768.0


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
