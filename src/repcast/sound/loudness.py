"""Loudness: make the track hit a target integrated loudness (EBU R128 / ITU BS.1770, as
podcasts ask: -16 LUFS) with its true peak under a ceiling, without a second pass over the
audio.

The track is nothing but placed clips and silence, so its loudness can be computed from
the clips: each unique clip is K-weighted once (in the frequency domain), the squares are
summed into the 100 ms sub-blocks of the track where the clip sits, and the standard
gating runs over the 400 ms blocks. Gains then apply per clip. A clip whose true peak
would pass the ceiling gets less gain than the rest, and the others make up for it.
Background music is not measured: it is levelled relative to the cues.
"""

from __future__ import annotations

import functools

import numpy as np

from ..coach.cues import ClipKey
from ..timing import SAMPLE_RATE
from .timeline import Timeline

SUB = SAMPLE_RATE // 10  # 100 ms: blocks of 400 ms overlap by 75 %
GRAIN = SAMPLE_RATE // 100  # clip energies are kept per 10 ms
CEILING_DBTP = -2.0  # leaves room for the peaks an MP3 encoder adds
_OVERSAMPLE = 4

# The BS.1770 K-weighting filter (a high shelf, then a high pass) as published at 48 kHz;
# its magnitude response is evaluated at the frequencies of our sample rate.
_SHELF = (
    (1.53512485958697, -2.69169618940638, 1.19839281085285),
    (1.0, -1.69065929318241, 0.73248077421585),
)
_HIGHPASS = ((1.0, -2.0, 1.0), (1.0, -1.99004745483398, 0.99007225036621))


@functools.cache
def _k_response(n: int) -> np.ndarray:
    z = np.exp(-1j * 2 * np.pi * np.fft.rfftfreq(n, 1 / SAMPLE_RATE) / 48000)
    out = np.ones_like(z)
    for b, a in (_SHELF, _HIGHPASS):
        out *= (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)
    return np.abs(out)


def _analyse(pcm: bytes) -> tuple[np.ndarray, float]:
    """Cumulative K-weighted energy of a clip (for sums over any span) and its true peak."""
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64) / 32768.0
    # Zero-padded to a power of two: an FFT of a prime length is a hundred times slower,
    # and the padding keeps the filter's ringing from wrapping around onto the start.
    n = 1 << max(len(x) + SUB, 1).bit_length()
    spectrum = np.fft.rfft(x, n)
    weighted = np.fft.irfft(spectrum * _k_response(n), n)[: len(x)]
    # Kept per 10 ms, not per sample: a cumulative sum of every sample of every clip would
    # cost more memory than the audio itself, and sub-blocks are 100 ms.
    squares = weighted * weighted
    tail = (-len(squares)) % GRAIN
    squares = np.concatenate((squares, np.zeros(tail))).reshape(-1, GRAIN).sum(axis=1)
    return np.concatenate(([0.0], np.cumsum(squares))), true_peak_db(x)


@functools.cache
def _phases() -> np.ndarray:
    """A 4x interpolating low-pass (windowed sinc, 12 taps a phase), split into phases."""
    taps = np.arange(-24, 24) + 0.5
    h = np.sinc(taps / _OVERSAMPLE) * np.hanning(len(taps) + 2)[1:-1]
    return h.reshape(-1, _OVERSAMPLE).T * (_OVERSAMPLE / h.sum())


def true_peak_db(x: np.ndarray) -> float:
    """The peak between samples too, from the signal upsampled 4x, in dBTP."""
    peak = max((float(np.max(np.abs(np.convolve(x, p)))) for p in _phases()), default=0.0)
    return 20 * np.log10(max(peak, 1e-9))


def _integrated(sub_energy: np.ndarray) -> float:
    """Gated integrated loudness (LUFS) from the energies of consecutive 100 ms sub-blocks."""
    if len(sub_energy) < 4:
        return float("-inf")
    blocks = np.convolve(sub_energy, np.ones(4), "valid") / (4 * SUB)
    with np.errstate(divide="ignore"):
        level = -0.691 + 10 * np.log10(blocks)
    gated = blocks[level > -70]
    if not gated.size:
        return float("-inf")
    relative = -0.691 + 10 * np.log10(gated.mean()) - 10
    final = blocks[(level > -70) & (level > relative)]
    return float(-0.691 + 10 * np.log10(final.mean()))


def normalize(
    timeline: Timeline,
    clips: dict[ClipKey, bytes],
    target: float,
    ceiling: float = CEILING_DBTP,
) -> float:
    """Level the clips of the bank, in place, so the track reaches ``target`` LUFS; return
    the loudness it will have (it differs from ``target`` only when the peak ceiling leaves
    no room). Lossy encoders at low bitrates shave a little off (measured: 0.5 LU for MP3 at
    96 kbps, none for AAC or Opus)."""
    used = sorted({(p.cue.kind, p.text) for p in timeline.placed})
    stats = {key: _analyse(clips[key]) for key in used}
    subs = -(-timeline.total // SUB)
    index = {key: i for i, key in enumerate(used)}
    # Per placed clip, its energy in each sub-block it touches (computed once; gains scale).
    spans = []
    for p in timeline.placed:
        energy = stats[p.cue.kind, p.text][0]
        k0, k1 = p.start // SUB, (p.end - 1) // SUB + 1
        edges = np.clip(np.arange(k0, k1 + 1) * SUB - p.start, 0, p.length)
        edges = (edges + GRAIN // 2) // GRAIN
        spans.append((index[p.cue.kind, p.text], k0, np.diff(energy[edges])))
    peaks = np.array([stats[key][1] for key in used])

    def loudness(gain_db: float) -> tuple[float, np.ndarray]:
        gains = np.minimum(gain_db, ceiling - peaks)
        power = 10 ** (gains / 10)
        sub = np.zeros(subs)
        for i, k0, part in spans:
            sub[k0 : k0 + len(part)] += part * power[i]
        return _integrated(sub), gains

    gain = 0.0
    level, gains = loudness(gain)
    for _ in range(8):  # the gain that reaches the target; converges in a step or two
        if not np.isfinite(level) or abs(level - target) < 0.05:
            break
        gain += target - level
        level, gains = loudness(gain)
    # In place, one clip at a time, so the bank never exists twice. Kinds that share a clip
    # (a number said as a count and as speech) share its levelled copy too; every original
    # is alive while it is looked up, so its id cannot have been reused.
    done: dict[int, bytes] = {}
    for key, g in zip(used, gains, strict=True):
        original = clips[key]
        if id(original) not in done:
            done[id(original)] = _scale(original, float(g))
        clips[key] = done[id(original)]
    return level


def _scale(pcm: bytes, gain_db: float) -> bytes:
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64) * 10 ** (gain_db / 20)
    return np.clip(np.rint(x), -32768, 32767).astype("<i2").tobytes()
