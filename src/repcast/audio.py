"""Clip preparation with pydub: resampling, levels, fades and the cue tones.

Everything leaves here as mono 16-bit PCM bytes at SAMPLE_RATE, ready to be placed at an
exact sample offset (pydub positions are milliseconds, too coarse for placement).
"""

from __future__ import annotations

import functools
import io
import warnings
import wave
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .files import atomic_write
from .timing import SAMPLE_RATE, WIDTH

with warnings.catch_warnings():
    # Deprecated in the standard library on 3.11 and 3.12, the audioop-lts package on 3.13+:
    # pydub uses it the same way.
    warnings.simplefilter("ignore", DeprecationWarning)
    import audioop

if TYPE_CHECKING:
    from pydub import AudioSegment

SPEECH_PEAK_DBFS = -3.0
TONE_DBFS = -8.0


def peak(pcm: bytes) -> int:
    return audioop.max(pcm, WIDTH) if pcm else 0


@functools.cache
def _pydub() -> Any:
    # Imported on first use: commands that make no audio start faster without it.
    with warnings.catch_warnings():
        # pydub warns about a missing ffmpeg at import time and, on 3.12+, about its own
        # regexes; we never let pydub call ffmpeg, so neither concerns a user.
        warnings.simplefilter("ignore")
        import pydub
    return pydub


def segment(pcm: bytes, rate: int = SAMPLE_RATE) -> AudioSegment:
    return _pydub().AudioSegment(data=pcm, sample_width=WIDTH, frame_rate=rate, channels=1)


def resample(pcm: bytes, rate: int) -> bytes:
    """Mono 16-bit PCM from ``rate`` to SAMPLE_RATE with soxr's high-quality filter: pydub's
    linear interpolation leaves mirror images of the speech band about 34 dB down at 12-20
    kHz, an audible fizz; soxr keeps them well over 100 dB down."""
    if rate == SAMPLE_RATE:
        return pcm
    import numpy as np
    import soxr

    x = np.frombuffer(pcm, dtype="<i2")
    return soxr.resample(x, rate, SAMPLE_RATE, quality="HQ").astype("<i2").tobytes()


def prepare_speech(pcm: bytes, rate: int) -> bytes:
    return level(resample(pcm, rate), SPEECH_PEAK_DBFS)


def level(pcm: bytes, peak_dbfs: float) -> bytes:
    seg = segment(pcm)
    return seg.apply_gain(peak_dbfs - seg.max_dBFS).fade_in(3).fade_out(8).raw_data


def write_wav(path: Path, pcm: bytes, rate: int) -> None:
    """Mono 16-bit PCM as a WAV file, written atomically."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(WIDTH)
        w.setframerate(rate)
        w.writeframes(pcm)
    atomic_write(path, buf.getvalue())
