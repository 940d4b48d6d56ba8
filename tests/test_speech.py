"""The speech engine, for real: no clip empty, truncated, lost or swapped; voices checked."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from repcast.errors import InputError
from repcast.routine import Voice
from repcast.speech import _SILENCE, SpeechCache, _trim, engine, synthesize

PHRASES = [
    "three",
    "Rest, thirty seconds.",
    "Next up: Bench dips. Three sets of ten reps.",
    "Halfway.",
    "Hands on the bench behind you, knees bent at ninety degrees, feet flat. "
    "Lower until the elbows point back, then press up smoothly.",
    "Switch sides, and go again.",
    "Workout complete.",
    "Ten seconds left.",
]
# espeak-ng is not sample-reproducible (we measured up to 0.4 % between calls in one
# process), and clips are trimmed in 5 ms blocks.
TOLERANCE = 0.025


def _close(a: float, b: float) -> bool:
    return abs(a - b) < max(TOLERANCE, 0.01 * max(a, b))


def _seconds(clip) -> float:
    return clip.frames / clip.rate


def test_batch_matches_isolated_synthesis() -> None:
    """Synthesize all phrases in one engine, then each alone in a fresh process: every clip
    exists, is non-empty, and has the length of its own phrase (not a neighbour's)."""
    batch = dict(synthesize(PHRASES, Voice(), None))
    assert list(batch) == list(dict.fromkeys(PHRASES))
    code = (
        "import json, sys\n"
        "from repcast.speech import engine\n"
        "from repcast.routine import Voice\n"
        "e = engine()\n"
        "print(json.dumps([e.speak(t, Voice()).frames / e.rate for t in json.load(sys.stdin)]))"
    )
    alone = []
    for phrase in PHRASES:  # one process per phrase: no state shared with the batch
        out = subprocess.run(
            [sys.executable, "-c", code],
            input=json.dumps([phrase]),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        alone.append(json.loads(out)[0])
    for phrase, seconds in zip(PHRASES, alone, strict=True):
        clip = batch[phrase]
        assert clip.frames > 0
        assert _close(_seconds(clip), seconds), (phrase, _seconds(clip), seconds)
    # The phrases differ in length by far more than the tolerance, so a swap would show.
    ordered = sorted(alone)
    assert not any(_close(a, b) for a, b in itertools.pairwise(ordered))


def test_trimming_keeps_every_audible_sample() -> None:
    """Trimming removes only silence: the clip is a contiguous part of espeak's output and
    nothing outside it is audible. (espeak ends some sounds abruptly; a fade at render time
    keeps that from clicking.)"""
    import numpy as np

    for text in ("Push-ups on a stability ball, ten reps.", "three", "Rest."):
        raw = engine().synth(text, Voice())
        clip = _trim(raw, engine().rate)
        at = raw.find(clip)
        assert at >= 0 and at % 2 == 0
        x = np.abs(np.frombuffer(raw, dtype="<i2").astype(int))
        outside = np.concatenate([x[: at // 2], x[(at + len(clip)) // 2 :]])
        assert outside.size == 0 or outside.max() <= _SILENCE


def test_rate_and_pitch_change_the_sound() -> None:
    slow = engine().speak("Keep your elbows tucked.", Voice(rate=110))
    fast = engine().speak("Keep your elbows tucked.", Voice(rate=300))
    assert _seconds(slow) > 1.8 * _seconds(fast)
    low = engine().speak("Halfway.", Voice(pitch=10))
    high = engine().speak("Halfway.", Voice(pitch=90))
    assert low.pcm != high.pcm


def test_markup_is_read_literally() -> None:
    plain = engine().speak("hello", Voice())
    marked = engine().speak("<audio src='beep.wav'/> [[h@l'oU]] hello", Voice())
    assert _seconds(marked) > 3 * _seconds(plain)


@pytest.mark.parametrize("name", ["en-us", "English (America)", "gmw/en-US", "EN-US", "de"])
def test_voice_names_resolve(name: str) -> None:
    assert engine().resolve(Voice(name=name)).identifier


def test_unknown_voice_is_an_error_not_ignored() -> None:
    with pytest.raises(InputError) as err:
        engine().speak("hello", Voice(name="no-such-voice"))
    assert str(err.value) == "voice.name: unknown voice 'no-such-voice' (see 'repcast voices')"


def test_cache_key_covers_everything_that_changes_the_sound(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path, engine())
    base = cache.key("Go.", Voice())
    variants = [
        cache.key("Go!", Voice()),
        cache.key("Go.", Voice(rate=200)),
        cache.key("Go.", Voice(pitch=60)),
        cache.key("Go.", Voice(name="en-gb")),
    ]
    assert len({base, *variants}) == 5
    assert cache.key("Go.", Voice()) == base  # stable, not per-process hash()


def test_cache_hit_and_corrupt_entry_rebuilt(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path, engine())
    first, hit = cache.get("Switch sides.", Voice())
    assert not hit
    again, hit = cache.get("Switch sides.", Voice())
    assert hit and again.pcm == first.pcm
    (entry,) = tmp_path.rglob("*.pcm")
    assert not list(tmp_path.rglob("*.part"))
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])  # truncated
    rebuilt, hit = cache.get("Switch sides.", Voice())
    assert not hit
    assert _close(_seconds(rebuilt), _seconds(first))
    data = bytearray(entry.read_bytes())
    data[-100] ^= 0xFF  # a flipped byte
    entry.write_bytes(bytes(data))
    assert cache.get("Switch sides.", Voice())[1] is False
