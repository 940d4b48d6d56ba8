"""Render a Timeline to PCM, one window at a time, so memory stays flat with length."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..coach.cues import ClipKey
from ..timing import SAMPLE_RATE, WIDTH
from .timeline import Timeline

WINDOW = SAMPLE_RATE * 10


def windows(timeline: Timeline) -> int:
    return -(-timeline.total // WINDOW)


def render(timeline: Timeline, clips: Mapping[ClipKey, bytes]) -> Iterator[bytes]:
    """Yield mono 16-bit PCM windows; their concatenation is exactly ``timeline.total``
    samples. Placed clips never overlap, so each is copied into place sample-exactly."""
    placed = timeline.placed
    total = timeline.total
    first = 0
    for w0 in range(0, total, WINDOW):
        w1 = min(total, w0 + WINDOW)
        buf = bytearray((w1 - w0) * WIDTH)
        while first < len(placed) and placed[first].end <= w0:
            first += 1
        k = first
        while k < len(placed) and placed[k].start < w1:
            p = placed[k]
            data = clips[p.cue.kind, p.text]
            a, b = max(p.start, w0), min(p.end, w1)
            buf[(a - w0) * WIDTH : (b - w0) * WIDTH] = data[
                (a - p.start) * WIDTH : (b - p.start) * WIDTH
            ]
            k += 1
        yield bytes(buf)
