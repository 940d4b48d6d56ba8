"""Write a routine as plain-text notes: readable by a person, and read back by
``repcast import`` to the same plan.

Templates were expanded when the routine was read, so a Tabata, EMOM or AMRAP block is
written from its expanded exercises, in the notation a coach would use for it.
"""

from __future__ import annotations

from dataclasses import replace

from ..routine.model import Block, Defaults, Exercise, Routine
from ..timing import exact_seconds
from .notation import kit_named


def duration(ms: int) -> str:
    """``45s``, ``2 min``, ``1 min 30s``, ``1.5s``: what people write, and what the
    importer reads."""
    if ms % 1000:
        return f"{exact_seconds(ms)}s"
    minutes, seconds = divmod(ms // 1000, 60)
    if not minutes:
        return f"{seconds}s"
    return f"{minutes} min" + (f" {seconds}s" if seconds else "")


def export_notes(routine: Routine) -> str:
    """The routine as notes in Markdown-flavoured plain text."""
    d = routine.defaults
    out = [f"# {routine.title}", ""]
    if routine.description:
        out += [routine.description, ""]
    out.append(
        f"Rest {duration(d.rest_between_sets_ms)} between sets, "
        f"{duration(d.rest_between_exercises_ms)} between exercises, "
        f"{duration(d.rest_between_rounds_ms)} between rounds."
    )
    base = Defaults()
    timing = [
        f"{label} {duration(getattr(d, key))}"
        for label, key in (
            ("Lead-in", "lead_in_ms"),
            ("switch sides", "switch_sides_ms"),
            ("outro", "outro_ms"),
        )
        # The lead-in always: reading notes back, a long first cue would lengthen it.
        if getattr(d, key) != getattr(base, key) or key == "lead_in_ms"
    ]
    if d.countdown != base.countdown:
        timing.append(f"countdown {d.countdown}")
    if timing:
        out.append(_capital(", ".join(timing)) + ".")
    out.append("")
    blocks = routine.blocks
    headed = not (len(blocks) == 1 and blocks[0].name == "Workout" and _plain(blocks[0]))
    for block in blocks:
        if headed:
            out.append(f"## {block.name}")
        out += _block(block, d)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _plain(block: Block) -> bool:
    return not block.template and block.rounds == 1


def _block(b: Block, d: Defaults) -> list[str]:
    if b.template == "tabata":
        first, last = b.exercises[0], b.exercises[-1]
        assert first.work_ms is not None and b.rest_between_rounds_ms is not None
        spec = (
            f"Tabata, {b.rounds * len(b.exercises)} intervals, {duration(first.work_ms)} on, "
            f"{duration(b.rest_between_rounds_ms)} off"
        )
        if last.rest_after_ms != b.rest_between_rounds_ms and last.rest_after_ms is not None:
            spec += f", rest {duration(last.rest_after_ms)} after"
        return [spec + ".", *(_move(e, "") for e in b.exercises)]
    if b.together:
        (e,) = b.exercises
        every = b.every_ms or 60_000
        assert e.work_ms is not None
        spec = (
            f"Every {_every(every)} for {b.rounds * every // 60_000} min, all moves each"
            f" interval, {duration(e.work_ms)} on, {duration(every - e.work_ms)} off{_after(b)}:"
        )
        moves, about = _round(e)
        return [spec, *(f"- {m}" for m in moves), *about]
    if b.template == "emom":
        every = b.every_ms or 60_000
        # A move's rest of a whole interval or more holds intervals of rest ("- Rest"): what
        # is left of its own interval is always less than one.
        rests = [e.rest_after_ms or 0 for e in b.exercises[:-1]]
        resting = [ms // every for ms in [*rests, b.rest_between_rounds_ms or 0]]
        spec = f"EMOM {b.rounds * (len(b.exercises) + sum(resting)) * every // 60_000} min"
        spec += "" if every == 60_000 else f", every {_every(every)}"
        lines = [spec + _after(b) + "."]
        for e, n in zip(b.exercises, resting, strict=True):
            lines += [_move(e, _amount(e, d)), *["- Rest"] * n]
        return lines
    if b.template in ("amrap", "for_time"):
        (e,) = b.exercises
        assert e.work_ms is not None
        spec = f"AMRAP {duration(e.work_ms)}"
        if b.template == "for_time":
            rounds = b.round_reps
            scheme = "-".join(map(str, rounds)) + " reps " if any(rounds) else ""
            scheme += f"{len(rounds)} rounds " if len(rounds) > 1 and not any(rounds) else ""
            spec = _capital(f"{scheme}for time, cap {duration(e.work_ms)}")
        if e.time_calls_ms:
            spec += f", time called every {duration(e.time_calls_ms)}"
        if e.rest_after_ms is not None:
            spec += f", rest {duration(e.rest_after_ms)} after"
        moves, about = _round(e)
        return [spec + ".", *(f"- {m}" for m in moves), *about]
    out = []
    if b.rounds > 1:
        spec = f"{b.rounds} rounds"
        if b.rest_between_rounds_ms is not None:
            spec += f", rest {duration(b.rest_between_rounds_ms)} between rounds"
        out.append(spec + ".")
    return out + [_exercise(e, d) for e in b.exercises]


def _every(ms: int) -> str:
    """An interval as one number, as EMOMs are written: "every 2 min", "every 90s"."""
    return duration(ms) if ms % 60_000 == 0 else f"{ms // 1000}s"


def _after(b: Block) -> str:
    """An EMOM's rest after its last interval has run out, beyond what that interval left."""
    extra = (b.exercises[-1].rest_after_ms or 0) - (b.rest_between_rounds_ms or 0)
    return f", rest {duration(extra)} after" if extra > 0 else ""


def _round(piece: Exercise) -> tuple[list[str], list[str]]:
    """A timed piece's moves, and the lines said about them (its cue is the round, "21
    Hops, 12 Thrusters.", then the moves' cues)."""
    moves, _, cue = piece.cue.partition(". ")
    # The round's equipment, said once under its last move, stands for all of them.
    about = _about(replace(piece, name=moves, cue=cue))
    return [m for m in moves.removesuffix(".").split(", ") if m], about


def _amount(e: Exercise, d: Defaults) -> str:
    """Sets and reps or times, always with the time they take: notes read back give the
    same plan whatever defaults the reader assumes."""
    sides = " each side" if e.sides else ""
    if e.timed:
        work = duration(e.work_ms or d.work_ms)
        if e.distance:
            work = "{}{} in {}".format(*e.distance, work)
        return (f"{e.sets} x {work}" if e.sets > 1 else work) + sides
    reps = "/".join(str(r) for r in e.set_reps) if e.set_reps else str(e.reps)
    text = (f"{e.sets} x {reps}" if e.sets > 1 else f"{reps} reps") + sides
    if e.tempo_ms:
        return f"{text}, tempo {duration(e.tempo_ms)}"
    return f"{text} in {duration(e.set_time_ms or d.set_time_ms)}"


def _move(e: Exercise, amount: str) -> str:
    lines = [f"- {e.name}" + (f": {amount}" if amount else "")]
    lines += _about(e)
    return "\n".join(lines)


def _exercise(e: Exercise, d: Defaults) -> str:
    details = []
    if e.recovery:
        details.append("as recovery")
    if e.time_calls_ms:
        details.append(f"time called every {duration(e.time_calls_ms)}")
    if e.hold:
        details.append(
            f"then hold {e.hold.what} for {duration(e.hold.ms)} after each {e.hold.each}"
        )
    if e.set_rests_ms:
        rests = "/".join(duration(ms) for ms in e.set_rests_ms)
        details.append(f"rest {rests} between sets")
    elif e.rest_ms is not None:
        details.append(f"rest {duration(e.rest_ms)} between sets")
    if e.rest_after_ms is not None:
        details.append(f"rest {duration(e.rest_after_ms)} after")
    return _move(e, ", ".join([_amount(e, d), *details]))


def _about(e: Exercise) -> list[str]:
    lines = []
    if e.equipment:
        lines.append(f"  Equipment: {', '.join(e.equipment)}")
    elif kit_named(f"{e.name} {e.cue}"):
        lines.append("  Equipment: none")  # else reading it back would guess some
    if e.cue:
        lines.append(f"  Form: {e.cue}")
    return lines


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
