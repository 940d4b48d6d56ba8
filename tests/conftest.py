"""Shared fixtures. Tests use the real espeak-ng and a real ffmpeg; a session-wide speech
cache keeps repeated builds fast without hiding the engine (each test of the engine itself
runs uncached)."""

from __future__ import annotations

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
