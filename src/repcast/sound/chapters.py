"""Chapters: one per exercise (grouped by block), read off the scheduled timeline, so each
starts exactly where the coach starts announcing that exercise."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..timing import SAMPLE_RATE, samples_to_ms
from .timeline import Timeline


@dataclass(frozen=True)
class Chapter:
    title: str
    start: int  # samples
    end: int
    block: str  # "" for the introduction and the ending

    @property
    def start_ms(self) -> int:
        return samples_to_ms(self.start)

    @property
    def end_ms(self) -> int:
        return samples_to_ms(self.end)


def chapters(
    timeline: Timeline, intro: str = "Introduction", outro: str = "Workout complete"
) -> tuple[Chapter, ...]:
    """Introduction, then each exercise and recovery (every round of it), then the ending.
    An exercise's chapter starts at its "next up" announcement, or at its start tone if
    that was dropped."""
    ivs = timeline.script.plan.intervals
    announced: dict[int, int] = {}
    go: dict[int, int] = {}
    for p in timeline.placed:
        if p.cue.role == "next":
            announced.setdefault(p.cue.interval, p.start)
        elif p.cue.role == "go":
            go.setdefault(p.cue.interval, p.start)
    starts: list[tuple[int, str, str]] = []
    for iv in ivs:
        ex = iv.exercise
        if ex is None or iv.kind not in ("work", "recovery") or not iv.set_start or iv.set != 1:
            continue
        if iv.side == "right":
            continue
        # What a rest (or the lead-in) announces is what follows it; a "next" cue in work
        # names that work itself (back-to-back sets), so it opens no following chapter.
        before = ivs[iv.index - 1].kind in ("lead-in", "rest", "switch")
        start = announced.get(iv.index - 1) if before else None
        start = go.get(iv.index, iv.start) if start is None else start
        title = ex.name if iv.rounds == 1 else f"{ex.name} ({iv.round}/{iv.rounds})"
        starts.append((start, title, iv.block))
    outro_start = ivs[-1].start
    marks = [(0, intro, ""), *starts, (outro_start, outro, "")]
    marks = [m for i, m in enumerate(marks) if i == 0 or m[0] > marks[i - 1][0]]
    ends = [m[0] for m in marks[1:]] + [timeline.total]
    return tuple(Chapter(t, s, e, b) for (s, t, b), e in zip(marks, ends, strict=True))


def chapters_json(items: tuple[Chapter, ...]) -> str:
    """Podcasting 2.0 JSON chapters, version 1.2.0."""
    doc = {
        "version": "1.2.0",
        "chapters": [
            {
                "startTime": round(c.start / SAMPLE_RATE, 3),
                "endTime": round(c.end / SAMPLE_RATE, 3),
                "title": c.title,
            }
            for c in items
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def ffmetadata(items: tuple[Chapter, ...]) -> str:
    """The chapters as an ffmpeg metadata file, for the muxers that store them in the
    stream (M4A: a chapter track and a Nero chapter list), in time order."""
    lines = [";FFMETADATA1"]
    for c in items:
        # Special characters in a value are escaped with a backslash (ffmpeg-formats(1)).
        title = re.sub(r"([=;#\\\n])", r"\\\1", c.title)
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={c.start_ms}", f"END={c.end_ms}"]
        lines.append(f"title={title}")
    return "\n".join(lines) + "\n"
