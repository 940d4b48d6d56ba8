"""The espeak-ng engine, for real: no clip empty, truncated, lost or swapped; voices checked;
a clip's samples depend only on what is in its cache key."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

from repcast.errors import InputError
from repcast.routine.model import Voice
from repcast.voice.espeak import espeak
from repcast.voice.speech import _SILENCE, SpeechCache, _trim, speak, speaker, synthesize

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
# Clips are trimmed in 5 ms blocks.
TOLERANCE = 0.025


def _close(a: float, b: float) -> bool:
    return abs(a - b) < max(TOLERANCE, 0.01 * max(a, b))


def _seconds(clip) -> float:
    return clip.frames / clip.rate


def test_batch_matches_isolated_synthesis() -> None:
    """Synthesize all phrases in one engine, then each alone in a fresh process: every clip
    exists, is non-empty, and has the length of its own phrase (not a neighbour's)."""
    batch = dict(synthesize(PHRASES, speaker(Voice()), None))
    assert list(batch) == list(dict.fromkeys(PHRASES))
    code = (
        "import json, sys\n"
        "from repcast.voice.speech import speak, speaker\n"
        "from repcast.routine.model import Voice\n"
        "who = speaker(Voice())\n"
        "print(json.dumps([speak(who, t).frames / who.rate for t in json.load(sys.stdin)]))"
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
        raw = speaker(Voice()).synth(text)
        clip = _trim(raw, espeak().rate)
        at = raw.find(clip)
        assert at >= 0 and at % 2 == 0
        x = np.abs(np.frombuffer(raw, dtype="<i2").astype(int))
        outside = np.concatenate([x[: at // 2], x[(at + len(clip)) // 2 :]])
        assert outside.size == 0 or outside.max() <= _SILENCE


def test_rate_and_pitch_change_the_sound() -> None:
    slow = speak(speaker(Voice(rate=110)), "Keep your elbows tucked.")
    fast = speak(speaker(Voice(rate=300)), "Keep your elbows tucked.")
    assert _seconds(slow) > 1.8 * _seconds(fast)
    low = speak(speaker(Voice(pitch=10)), "Halfway.")
    high = speak(speaker(Voice(pitch=90)), "Halfway.")
    assert low.pcm != high.pcm


def test_markup_is_read_literally() -> None:
    who = speaker(Voice())
    plain = speak(who, "hello")
    marked = speak(who, "<audio src='beep.wav'/> [[h@l'oU]] hello")
    assert _seconds(marked) > 3 * _seconds(plain)


@pytest.mark.parametrize("name", ["en-us", "English (America)", "gmw/en-US", "EN-US", "de"])
def test_voice_names_resolve(name: str) -> None:
    assert speaker(Voice(name=name)).info.engine == "espeak"


def test_unknown_voice_is_an_error_not_ignored() -> None:
    with pytest.raises(InputError) as err:
        speaker(Voice(name="no-such-voice"))
    assert str(err.value) == "voice.name: unknown voice 'no-such-voice' (see 'repcast voices')"


@pytest.mark.parametrize("voice", ["en-us", "joe"])
def test_a_clip_does_not_depend_on_what_was_said_before(voice: str) -> None:
    """The same text after different predecessors, and in a fresh process, gives the very
    same samples: espeak-ng carries pitch flutter and wave phase from one utterance to the
    next, so every clip starts from a fresh engine; Piper's model draws new noise on every
    call, so RepCast seeds it by what is said."""
    who = speaker(Voice(name=voice))
    first = who.synth("four")
    for before in ("No equipment needed.", "sss fff shh", "Ten seconds left. " * 5, "four"):
        who.synth(before)
        assert who.synth("four") == first, before
    code = (
        "import sys\n"
        "from repcast.voice.speech import speaker\n"
        "from repcast.routine.model import Voice\n"
        f"sys.stdout.buffer.write(speaker(Voice(name={voice!r})).synth('four'))"
    )
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout
    assert fresh == first
    # Other settings are another sound (for Piper, other noise too).
    assert speaker(Voice(name=voice, rate=150)).synth("four") != first


def test_cache_key_covers_everything_that_changes_the_sound(tmp_path: Path) -> None:
    def key(text: str, voice: Voice) -> str:
        return SpeechCache(tmp_path, speaker(voice)).key(text)

    base = key("Go.", Voice())
    variants = [
        key("Go!", Voice()),
        key("Go.", Voice(rate=200)),
        key("Go.", Voice(pitch=60)),
        key("Go.", Voice(name="en-gb")),
    ]
    assert len({base, *variants}) == 5
    assert key("Go.", Voice()) == base  # stable, not per-process hash()


def test_cache_hit_and_corrupt_entry_rebuilt(tmp_path: Path) -> None:
    cache = SpeechCache(tmp_path, speaker(Voice()))
    first, hit = cache.get("Switch sides.")
    assert not hit
    again, hit = cache.get("Switch sides.")
    assert hit and again.pcm == first.pcm
    (entry,) = tmp_path.rglob("*.pcm")
    assert not list(tmp_path.rglob("*.part"))
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])  # truncated
    rebuilt, hit = cache.get("Switch sides.")
    assert not hit
    assert _close(_seconds(rebuilt), _seconds(first))
    data = bytearray(entry.read_bytes())
    data[-100] ^= 0xFF  # a flipped byte
    entry.write_bytes(bytes(data))
    assert cache.get("Switch sides.")[1] is False


FOLDERS = (
    "import platformdirs\n"
    "from repcast.voice.neural import models_dir\n"
    "from repcast.voice.speech import default_cache_dir\n"
    "from repcast.voice.voices import voices_dir\n"
    "for d in (default_cache_dir(), voices_dir(), models_dir(),\n"
    "          *(f('repcast') for f in (platformdirs.user_cache_dir,\n"
    "             platformdirs.user_data_dir, platformdirs.user_config_dir))):\n"
    "    print(d)\n"
)


def test_tests_never_touch_the_users_folders(isolated_home: Path) -> None:
    """Every folder RepCast would read or write, in this process and in a child, is inside
    the test run's temporary home: the user's cache and voices stay as they were."""
    out = subprocess.run(
        [sys.executable, "-c", FOLDERS], capture_output=True, text=True, check=True
    ).stdout
    folders = out.split("\n")[:-1]
    assert len(folders) == 6
    assert all(Path(f).is_relative_to(isolated_home) for f in folders), folders
