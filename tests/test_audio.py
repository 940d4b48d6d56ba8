"""End to end on decoded audio: build real MP3s and check where every sound landed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from repcast import build, builtin_routine, load_routine
from repcast.build import Settings
from repcast.timing import SAMPLE_RATE

from .conftest import EXAMPLES, decoded

MS = SAMPLE_RATE // 1000
ROUTINES = ["built-in", *(p.name for p in EXAMPLES)]
TONE_HZ = {"beep": 880, "final": 1320}  # the default "beeps" kit


@pytest.fixture(scope="module", params=ROUTINES)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, cache_dir: Path
):
    name = request.param
    routine = (
        builtin_routine()
        if name == "built-in"
        else load_routine(next(p for p in EXAMPLES if p.name == name))
    )
    out = tmp_path_factory.mktemp("build") / "workout.mp3"
    result = build(routine, out, Settings(cache_dir=cache_dir))
    return routine, result.timeline, out, decoded(out)


def test_mp3_format_and_tags(built) -> None:
    routine, timeline, out, _ = built
    info = MP3(out).info
    assert info.sample_rate == 44100
    assert info.channels == 1
    tags = ID3(out)
    assert str(tags["TIT2"]) == routine.title
    assert abs(info.length - timeline.total / SAMPLE_RATE) < 0.05


def test_decoded_length_equals_plan(built) -> None:
    _, timeline, _, x = built
    assert abs(len(x) - timeline.total) <= 30 * MS, (len(x), timeline.total)


def _onset(x: np.ndarray, planned: int, not_before: int) -> int:
    lo = max(planned - 10 * MS, not_before)
    window = np.abs(x[lo : planned + 20 * MS])
    loud = np.flatnonzero(window > 0.05)
    assert loud.size, f"no tone near sample {planned}"
    return lo + int(loud[0])


def _dominant_hz(x: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    return float(np.fft.rfftfreq(len(x), 1 / SAMPLE_RATE)[np.argmax(spectrum)])


def test_tones_land_on_planned_samples(built) -> None:
    _, timeline, _, x = built
    placed = timeline.placed
    tones = [(i, p) for i, p in enumerate(placed) if not p.cue.spoken]
    assert tones
    worst = 0
    for i, p in tones:
        prev_end = placed[i - 1].end + 5 * MS if i else 0
        onset = _onset(x, p.start, prev_end)
        worst = max(worst, abs(onset - p.start))
        assert abs(onset - p.start) <= 10 * MS, (p.cue, onset - p.start)
        freq = TONE_HZ[p.cue.kind]
        assert abs(_dominant_hz(x[onset : onset + 60 * MS]) - freq) < 40, p.cue
    assert worst <= 10 * MS


def test_finals_sit_on_interval_boundaries(built) -> None:
    _, timeline, _, _ = built
    starts = {iv.start for iv in timeline.script.plan.intervals[1:]}
    finals = [p.start for p in timeline.placed if p.cue.kind == "final"]
    assert set(finals) == starts


def test_speech_where_the_script_says_and_silence_elsewhere(built) -> None:
    _, timeline, _, x = built
    covered = np.zeros(len(x), dtype=bool)
    for p in timeline.placed:
        covered[max(0, p.start - 15 * MS) : p.end + 30 * MS] = True
        if p.cue.spoken:
            rms = float(np.sqrt(np.mean(x[p.start : p.end] ** 2)))
            assert rms > 0.02, (p.text, rms)
    quiet = np.abs(x[~covered])
    assert quiet.size > len(x) // 3  # rests are mostly silence
    assert float(quiet.max()) < 0.004, float(quiet.max())


def test_no_two_clips_overlap(built) -> None:
    _, timeline, _, _ = built
    for a, b in zip(timeline.placed, timeline.placed[1:], strict=False):
        assert a.end <= b.start, (a.cue, b.cue)
    assert timeline.placed[-1].end <= timeline.total
