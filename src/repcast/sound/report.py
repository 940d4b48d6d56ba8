"""Text forms of a plan and a scheduled cue script: table, text, JSON and WebVTT."""

from __future__ import annotations

import json
import textwrap

from ..routine.model import TIMED_CHANGES, Change
from ..routine.plan import Plan, make_plan
from ..routine.program import Program
from ..timing import SAMPLE_RATE, clock, ms_to_samples, samples_to_ms, seconds
from .timeline import Timeline

VTT_LINE = 65


def plan_table(plan: Plan) -> str:
    rows: list[tuple[str, ...]] = [("#", "start", "length", "kind", "block", "exercise", "detail")]
    for iv in plan.intervals:
        ex = iv.exercise
        if iv.kind == "rest":
            detail = [f"between {iv.reason}"]
        else:
            detail = iv.details if ex is not None else []
        name = ex.name if ex is not None and iv.kind != "rest" else ""
        rows.append(
            (
                str(iv.index + 1),
                clock(iv.start),
                clock(iv.length),
                iv.kind,
                iv.block if name else "",
                name,
                ", ".join(detail),
            )
        )
    total = (
        f"total {clock(plan.total)} ({seconds(plan.total):.3f} s, {len(plan.intervals)} intervals)"
    )
    return _table(rows, total)


def program_table(program: Program) -> str:
    """Each session of a program: where it sits, what is new in it, and how long it lasts."""
    rows: list[tuple[str, ...]] = [("#", "week", "session", "template", "length", "new today")]
    everything = 0
    for s in program.sessions:
        length = make_plan(s.routine).total
        everything += length
        news = s.routine.place.news if s.routine.place else ()
        rows.append(
            (
                str(s.number),
                str(s.week),
                str(s.session),
                s.template,
                clock(length),
                "; ".join(f"{n.name} {n.what} {_value(n.what, n.value)}" for n in news),
            )
        )
    weeks = f"{program.weeks} week" + ("s" if program.weeks > 1 else "")
    count = f"{len(program.sessions)} sessions in {weeks}"
    total = f"{program.title}: {count}, {clock(everything)} in all"
    return _table(rows, total)


def _value(what: Change, value: int) -> str:
    return clock(ms_to_samples(value)) if what in TIMED_CHANGES else str(value)


def _table(rows: list[tuple[str, ...]], last: str) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join([*lines, last]) + "\n"


def script_text(timeline: Timeline) -> str:
    lines = [f"{timeline.script.plan.routine.title} — {clock(timeline.total)}"]
    for p in timeline.placed:
        what = p.text if p.cue.spoken else f"[{p.cue.kind}]"
        lines.append(f"{clock(p.start):>9}  {p.cue.role:<10} {what}")
    lines.extend(f"note: {a.describe()}" for a in timeline.adjustments)
    return "\n".join(lines) + "\n"


def script_json(timeline: Timeline) -> str:
    plan = timeline.script.plan
    doc = {
        "title": plan.routine.title,
        "sample_rate": SAMPLE_RATE,
        "total_samples": timeline.total,
        "total_seconds": seconds(timeline.total),
        "cues": [
            {
                "start": round(seconds(p.start), 6),
                "end": round(seconds(p.end), 6),
                "sample": p.start,
                "samples": p.length,
                "kind": p.cue.kind,
                "role": p.cue.role,
                "text": p.text,
                "interval": p.cue.interval,
            }
            for p in timeline.placed
        ],
        "adjustments": [
            {
                "start": round(seconds(a.cue.at), 6),
                "role": a.cue.role,
                "text": a.cue.text,
                "action": a.action,
                "reason": a.reason,
            }
            for a in timeline.adjustments
        ],
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _vtt_time(samples: int) -> str:
    ms = samples_to_ms(samples)
    h, rest = divmod(ms, 3600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


SPEAKER = "Coach"  # the voice's name in the captions, which podcast apps show


def script_vtt(timeline: Timeline) -> str:
    """WebVTT captions: one cue per spoken cue, exactly when it sounds, in the coach's voice
    (``<v Coach>``), with the language in the header. Each cue's identifier names its role
    and number (``countdown-12``), so a reader can tell a countdown or a rep count from
    what the coach says otherwise."""
    language = timeline.script.plan.routine.language
    out = ["WEBVTT", "Kind: captions", f"Language: {language}", ""]
    spoken = (p for p in timeline.placed if p.cue.spoken)
    for n, p in enumerate(spoken, 1):
        timing = f"{_vtt_time(p.start)} --> {_vtt_time(p.end)}"
        out += [f"{p.cue.role}-{n}", timing, *vtt_lines(p.text, f"<v {SPEAKER}>"), ""]
    return "\n".join(out)


def vtt_lines(text: str, voice: str = "") -> list[str]:
    """A cue's text as WebVTT lines: "-->" would end the cue early, so every ">" is escaped
    (with "&" and "<", which start markup) and no text can make one. Lines are wrapped
    before escaping, so no escape is cut in two; line breaks are folded into spaces, as a
    blank line would end the cue too. ``voice``, a voice tag, opens the first line."""
    lines = textwrap.wrap(" ".join(text.split()), VTT_LINE, initial_indent=" " * len(voice))
    escaped = [
        line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for line in lines
    ]
    # The voice's tag (markup, not escaped) opens the first line, in the room kept for it.
    if not escaped:
        return [voice] if voice else []
    return [voice + escaped[0].lstrip(" "), *escaped[1:]]
