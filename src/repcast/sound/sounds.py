"""Cue sounds: the countdown tick ("beep") and the tone on every boundary ("final").

Three kits are synthesized here (nothing is downloaded): plain beeps, a bell and a
whistle. ``scripts/make-sounds`` writes them to ``audio/`` to listen to or start from. A
user's own file for either sound replaces the kit's.
"""

from __future__ import annotations

import array
import math
import random
from collections.abc import Callable, Mapping
from pathlib import Path

from .. import audio, proc
from ..coach.cues import TONE_KINDS, ToneKind
from ..errors import InputError, ToolError
from ..timing import SAMPLE_RATE, WIDTH, ms_to_samples

# A tick must end before its spoken number starts, 0.1 s later; a final tone before the
# first rep is counted, 0.4 s later.
MAX_MS: dict[ToneKind, int] = {"beep": 90, "final": 350}
PEAK = 10 ** (audio.TONE_DBFS / 20) * 32767


def _render(ms: int, wave) -> bytes:  # type: ignore[no-untyped-def]
    """Samples from ``wave(t) -> -1..1``, with short fades so nothing clicks."""
    n = ms_to_samples(ms)
    fade_in, fade_out = SAMPLE_RATE // 250, min(n // 3, SAMPLE_RATE // 25)
    out = array.array("h", bytes(WIDTH * n))
    for i in range(n):
        g = min(1.0, i / fade_in, (n - i) / fade_out)
        out[i] = int(PEAK * g * wave(i / SAMPLE_RATE))
    return out.tobytes()


def _beep(freq: float):  # type: ignore[no-untyped-def]
    return lambda t: math.sin(2 * math.pi * freq * t)


def _bell(freq: float, decay: float):  # type: ignore[no-untyped-def]
    # Inharmonic partials, each dying away at its own rate, as a struck bell's do.
    partials = ((1.0, 1.0), (2.76, 0.5), (5.4, 0.25), (8.93, 0.12))

    def wave(t: float) -> float:
        s = sum(
            a * math.exp(-t * decay * r) * math.sin(2 * math.pi * freq * r * t) for r, a in partials
        )
        return s / 1.87

    return wave


def _whistle(freq: float):  # type: ignore[no-untyped-def]
    # A pea whistle: a high tone warbling fast, with a little breath noise.
    noise = random.Random(7)

    def wave(t: float) -> float:
        wobble = 0.03 * math.sin(2 * math.pi * 28 * t)
        tone = math.sin(2 * math.pi * freq * t + wobble * freq / 28)
        return 0.9 * tone + 0.1 * (noise.random() * 2 - 1)

    return wave


KITS: dict[str, dict[ToneKind, tuple[int, Callable[[float], float]]]] = {
    "beeps": {"beep": (90, _beep(880)), "final": (350, _beep(1320))},
    "bell": {"beep": (90, _bell(1568, 30)), "final": (350, _bell(784, 8))},
    "whistle": {"beep": (90, _whistle(2500)), "final": (350, _whistle(2900))},
}


def kit(name: str) -> dict[ToneKind, bytes]:
    if name not in KITS:
        raise InputError(
            f"unknown sound kit {name!r}; choose one of {', '.join(KITS)}", field="--sounds"
        )
    return {kind: _render(ms, wave) for kind, (ms, wave) in KITS[name].items()}


def load_file(kind: ToneKind, path: Path) -> bytes:
    """A user's sound, decoded by ffmpeg to mono 16-bit PCM and peak-levelled like ours."""
    if not Path(path).is_file():
        why = "is not a file" if Path(path).exists() else "no such file"
        raise InputError(why, file=str(path), field=f"--sound {kind}")
    try:
        pcm = proc.run(proc.decode_args(path, seconds=MAX_MS[kind] / 1000 + 0.001))
    except ToolError as exc:
        raise InputError(
            "not an audio file ffmpeg can read", file=str(path), field=f"--sound {kind}"
        ) from exc
    if audio.peak(pcm) == 0:
        raise InputError("is silent", file=str(path), field=f"--sound {kind}")
    if len(pcm) // WIDTH > ms_to_samples(MAX_MS[kind]):
        raise InputError(
            f"is longer than {MAX_MS[kind]} ms; a {kind} must be short",
            file=str(path),
            field=f"--sound {kind}",
        )
    return audio.level(pcm, audio.TONE_DBFS)


def sounds(name: str = "beeps", files: Mapping[str, Path] | None = None) -> dict[ToneKind, bytes]:
    chosen = kit(name)
    files = files or {}
    for kind in files:
        if kind not in TONE_KINDS:
            raise InputError(
                f"unknown sound {kind!r}; choose {' or '.join(TONE_KINDS)}", field="--sound"
            )
    for tone in TONE_KINDS:
        if tone in files:
            chosen[tone] = load_file(tone, files[tone])
    return chosen
