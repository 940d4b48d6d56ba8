"""Schedule the cue script: every clip at an integer sample offset, no two overlapping.

Anchored cues (tones, countdowns, rep counts, time calls) are placed first, most important
first, exactly on their sample. Then each run of flowing speech in an interval is laid out
in order around them, and must finish within its interval. A run that does not fit loses
its least important cue (shortened if it has a short form, else dropped) until it fits;
every such change is recorded so the build can say which cue and why.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..coach.cues import Cue, CueKind, CueScript
from ..timing import SAMPLE_RATE, clock

SPEECH_GAP = SAMPLE_RATE // 5  # a breath between two spoken cues
TONE_GAP = SAMPLE_RATE // 20  # after a tone, speech may start sooner
GUARD = SAMPLE_RATE // 50  # keep clear of the next placed cue

ClipLength = Callable[[CueKind, str], int]
"""``length(kind, text)``: how many samples that clip lasts."""


@dataclass(frozen=True)
class Placed:
    cue: Cue
    start: int
    length: int
    text: str  # the wording used (the cue's short form when shortened)

    @property
    def end(self) -> int:
        return self.start + self.length


@dataclass(frozen=True)
class Adjustment:
    cue: Cue
    action: Literal["shortened", "dropped"]
    reason: str

    def describe(self) -> str:
        return (
            f"{self.action} {self.cue.role} cue at {clock(self.cue.at)} "
            f"({excerpt(self.cue.text)!r}): {self.reason}"
        )


def excerpt(text: str, limit: int = 40) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if text[limit - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]  # the last word would be cut: leave it out
    return head.rstrip(" ,;:.") + "…"


@dataclass(frozen=True)
class Timeline:
    script: CueScript
    placed: tuple[Placed, ...]  # in time order
    adjustments: tuple[Adjustment, ...]

    @property
    def total(self) -> int:
        return self.script.plan.total


class _Track:
    """Placed clips kept sorted by start; they never overlap, so ends are sorted too."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.items: list[Placed] = []

    def neighbours(self, start: int) -> tuple[Placed | None, Placed | None]:
        i = bisect.bisect_right(self.starts, start)
        return (self.items[i - 1] if i else None, self.items[i] if i < len(self.items) else None)

    def fits(self, start: int, end: int) -> bool:
        prev, nxt = self.neighbours(start)
        return (prev is None or prev.end <= start) and (nxt is None or end + GUARD <= nxt.start)

    def add(self, p: Placed) -> None:
        i = bisect.bisect_right(self.starts, p.start)
        self.starts.insert(i, p.start)
        self.items.insert(i, p)


def schedule(script: CueScript, length: ClipLength) -> Timeline:
    total = script.plan.total
    track = _Track()
    adjustments: list[Adjustment] = []

    anchored = [c for c in script.cues if c.anchor == "at"]
    for cue in sorted(anchored, key=lambda c: c.priority):
        for text in filter(None, (cue.text, cue.short)):
            size = length(cue.kind, text)
            if cue.at + size <= total and track.fits(cue.at, cue.at + size):
                track.add(Placed(cue, cue.at, size, text))
                if text != cue.text:
                    adjustments.append(Adjustment(cue, "shortened", "the full form overlapped"))
                break
        else:
            prev, nxt = track.neighbours(cue.at)
            other = prev if prev is not None and prev.end > cue.at else nxt
            why = (
                f"would overlap the {other.cue.role} cue at {clock(other.start)}"
                if other
                else "runs past the end of the workout"
            )
            adjustments.append(Adjustment(cue, "dropped", why))

    flowing = [c for c in script.cues if c.anchor == "after"]
    for index, run in itertools.groupby(flowing, key=lambda c: c.interval):
        limit = script.plan.intervals[index].end
        adjustments += _flow(list(run), limit, track, length)

    adjustments.sort(key=lambda a: a.cue.at)
    return Timeline(script, tuple(track.items), tuple(adjustments))


def _flow(run: list[Cue], limit: int, track: _Track, length: ClipLength) -> list[Adjustment]:
    """Lay out one run of flowing cues, trimming the least important until it fits."""
    texts = [c.text for c in run]
    changes: list[Adjustment] = []
    while True:
        layout = _layout(run, texts, limit, track, length)
        if layout is not None:
            for p in layout:
                track.add(p)
            return changes
        # Least important first; among equals, the later one.
        k = max((i for i, t in enumerate(texts) if t), key=lambda i: (run[i].priority, i))
        cue = run[k]
        why = f"no room before {clock(limit)}, the end of its interval"
        if cue.short and texts[k] != cue.short:
            texts[k] = cue.short
            changes.append(Adjustment(cue, "shortened", why))
        else:
            texts[k] = ""
            changes = [c for c in changes if c.cue is not cue]
            changes.append(Adjustment(cue, "dropped", why))


def _layout(
    run: list[Cue], texts: list[str], limit: int, track: _Track, length: ClipLength
) -> list[Placed] | None:
    out: list[Placed] = []
    cursor = run[0].at
    prev, _ = track.neighbours(cursor)
    if prev is not None and prev.end > cursor - SPEECH_GAP:
        cursor = prev.end + (SPEECH_GAP if prev.cue.spoken else TONE_GAP)
    for cue, text in zip(run, texts, strict=True):
        if not text:
            continue
        size = length(cue.kind, text)
        start = max(cursor, cue.at)
        while True:
            if start + size > limit:
                return None
            before, after = track.neighbours(start)
            if before is not None and before.end > start:
                start = before.end + (SPEECH_GAP if before.cue.spoken else TONE_GAP)
            elif after is not None and start + size + GUARD > after.start:
                start = after.end + (SPEECH_GAP if after.cue.spoken else TONE_GAP)
            else:
                break
        out.append(Placed(cue, start, size, text))
        cursor = start + size + SPEECH_GAP
    return out
