"""End to end on decoded audio: build real MP3s and check where every sound landed."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from repcast import build, builtin_routine, load_routine
from repcast.build import Settings
from repcast.routine.model import with_voice
from repcast.timing import SAMPLE_RATE

from .conftest import EXAMPLES, decoded, ffmpeg_chapters

MS = SAMPLE_RATE // 1000
# The built-in routine in the espeak-ng voice and in the Piper voice: every timing check
# holds for any voice.
ROUTINES = ["built-in", "built-in@joe", *(p.name for p in EXAMPLES)]
TONE_HZ = {"beep": 880, "final": 1320}  # the default "beeps" kit


@pytest.fixture(scope="module", params=ROUTINES)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, cache_dir: Path
):
    name, _, voice = request.param.partition("@")
    routine = (
        builtin_routine()
        if name == "built-in"
        else load_routine(next(p for p in EXAMPLES if p.name == name))
    )
    if voice:
        routine = with_voice(routine, voice=voice)
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


def _ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) as ffmpeg's ebur128 filter measures."""
    import re
    import subprocess

    from repcast import proc

    err = subprocess.run(
        [
            proc.ffmpeg(),
            "-hide_banner",
            "-nostats",
            "-i",
            str(path),
            "-af",
            "ebur128=peak=true:framelog=quiet",
            "-f",
            "null",
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    summary = err[err.rindex("Summary:") :]
    loudness = float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+) dBFS", summary).group(1))
    return loudness, peak


def test_podcast_loudness(built) -> None:
    _, _, out, _ = built
    loudness, peak = _ebur128(out)
    assert abs(loudness - -16.0) <= 1.0, loudness
    assert peak <= -1.0, peak


def test_chapters_in_time_order_for_every_reader(built) -> None:
    """ffmpeg lists the chapters in time order, all of them; the one top-level table of
    contents lists every chapter in that order, so a player reading only it sees them all."""
    from mutagen.id3 import CTOCFlags

    from repcast.sound.chapters import chapters

    _, timeline, out, _ = built
    expected = chapters(timeline)
    listed = ffmpeg_chapters(out)
    assert [t for _, t in listed] == [c.title for c in expected]
    # ffmpeg takes the encoder's delay (1105 samples, 25 ms) off every chapter after 0:00.
    for (start, _), chapter in zip(listed, expected, strict=True):
        assert abs(start * 1000 - chapter.start_ms) <= 26, (start, chapter)
    tags = ID3(out)
    in_file = tags.getall("CHAP")  # mutagen keeps the file's order
    assert [f.start_time for f in in_file] == sorted(f.start_time for f in in_file)
    tops = [f for f in tags.getall("CTOC") if f.flags & CTOCFlags.TOP_LEVEL]
    assert len(tops) == 1 and tops[0].flags & CTOCFlags.ORDERED
    by_id = {f.element_id: f for f in in_file}
    titles = [str(by_id[i].sub_frames["TIT2"]) for i in tops[0].child_element_ids]
    assert titles == [c.title for c in expected]


def test_chapters_read_back_match_the_cue_script(built) -> None:
    from mutagen.id3 import ID3

    _, timeline, out, _ = built
    frames = sorted(ID3(out).getall("CHAP"), key=lambda f: f.start_time)
    next_cues = [p.start for p in timeline.placed if p.cue.role == "next"]
    assert len(frames) >= 3
    assert frames[0].start_time == 0
    assert str(frames[0].sub_frames["TIT2"]) == "Introduction"
    script_times = {round(s * 1000 / SAMPLE_RATE) for s in next_cues}
    script_times |= {
        round(p.start * 1000 / SAMPLE_RATE) for p in timeline.placed if p.cue.role == "go"
    }
    for frame in frames[1:-1]:  # every exercise starts on a cue of the script
        assert min(abs(frame.start_time - t) for t in script_times) <= 30, frame
    assert frames[-1].start_time == round(
        timeline.script.plan.intervals[-1].start * 1000 / SAMPLE_RATE
    )
    for a, b in itertools.pairwise(frames):
        assert a.end_time == b.start_time


def test_m4a_chapters_in_time_order(tmp_path: Path, cache_dir: Path) -> None:
    """An M4A carries the same chapters, in time order, for ffmpeg and for mutagen (the
    Nero list iTunes-style players read), and keeps them through its tags."""
    from mutagen.mp4 import MP4

    routine = load_routine(next(p for p in EXAMPLES if p.name == "strength-tempo.yaml"))
    out = tmp_path / "workout.m4a"
    result = build(routine, out, Settings(cache_dir=cache_dir))
    titles = [c.title for c in result.chapters]
    assert len(titles) > 3
    assert [t for _, t in ffmpeg_chapters(out)] == titles
    tagged = MP4(out)
    assert tagged.tags is not None and tagged.tags["\xa9nam"] == [routine.title]
    assert tagged.chapters is not None
    assert [c.title for c in tagged.chapters] == titles
    for read, chapter in zip(tagged.chapters, result.chapters, strict=True):
        assert abs(read.start * 1000 - chapter.start_ms) <= 1
