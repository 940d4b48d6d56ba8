"""Turn a Routine into a Plan: back-to-back intervals at exact integer sample offsets."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, get_args

from ..errors import InputError, TooLong
from ..timing import MAX_MS, ms_to_samples
from .model import Block, Exercise, Routine

MAX_INTERVALS = 50_000
"""What 24 hours of the shortest sets and holds (1 s each) come near: rounds times sets times
exercises is refused past it while the plan is laid out, not after."""

# "switch" is the pause between the left and right side of a set: not a rest (the rest
# options leave it alone), and the coach says "Switch sides", not "Rest". "recovery" is an
# easy activity between efforts (a walk between runs): neither a rest nor a set.
IntervalKind = Literal["lead-in", "work", "recovery", "hold", "rest", "switch", "outro"]
KINDS: tuple[IntervalKind, ...] = get_args(IntervalKind)
RestReason = Literal["sets", "sides", "exercises", "rounds", "blocks"]
"""What changes between two pieces of work (a change of sides makes a switch, not a rest)."""
Side = Literal["left", "right"]


@dataclass(frozen=True)
class Interval:
    index: int
    kind: IntervalKind
    start: int  # samples
    length: int  # samples
    block: str = ""
    block_index: int = 0
    exercise: Exercise | None = None
    round: int = 0
    rounds: int = 0
    set: int = 0
    sets: int = 0
    side: Side | None = None  # for one-sided exercises
    rep: int = 0  # for per-rep work and holds: which rep
    reps: int = 0  # reps counted aloud in this interval
    tempo: int = 0  # samples per counted rep
    reason: RestReason | None = None  # for a rest
    set_start: bool = False  # the first interval of a set (a "go")
    set_end: bool = False  # the last interval of a set (a "stop")

    @property
    def end(self) -> int:
        return self.start + self.length

    @property
    def details(self) -> list[str]:
        """Where this work or hold sits: "set 2/3", "round 1/2", "left", "10 reps"..."""
        out = []
        if self.sets > 1:
            out.append(f"set {self.set}/{self.sets}")
        if self.exercise and self.exercise.distance and self.kind == "work":
            out.append("".join(map(str, self.exercise.distance)))
        if self.rounds > 1:
            out.append(f"round {self.round}/{self.rounds}")
        if self.side:
            out.append(self.side)
        if self.rep:
            out.append(f"rep {self.rep}")
        elif self.reps:
            out.append(f"{self.reps} rep" + ("s" if self.reps > 1 else ""))
        return out


@dataclass(frozen=True)
class Plan:
    routine: Routine
    intervals: tuple[Interval, ...]

    @property
    def total(self) -> int:
        return self.intervals[-1].end


@dataclass(frozen=True)
class _Set:
    """One performance of a set (one side): its pieces before timing."""

    block: Block
    block_index: int
    exercise: Exercise
    exercise_index: int
    round: int
    set: int
    side: Side | None


def _performances(routine: Routine) -> Iterator[_Set]:
    for bi, block in enumerate(routine.blocks):
        for rnd in range(1, block.rounds + 1):
            for ei, ex in enumerate(block.exercises):
                sides: tuple[Side | None, ...] = get_args(Side) if ex.sides else (None,)
                for s in range(1, ex.sets + 1):
                    for side in sides:
                        yield _Set(block, bi, ex, ei, rnd, s, side)


def _rest_between(prev: _Set, nxt: _Set, routine: Routine) -> tuple[RestReason, int]:
    d = routine.defaults
    ex = prev.exercise
    if nxt.block_index != prev.block_index:
        return "blocks", _pick(ex.rest_after_ms, d.rest_between_exercises_ms)
    if nxt.round != prev.round:
        return "rounds", _pick(prev.block.rest_between_rounds_ms, d.rest_between_rounds_ms)
    if nxt.exercise_index != prev.exercise_index:
        return "exercises", _pick(ex.rest_after_ms, d.rest_between_exercises_ms)
    if nxt.set == prev.set:
        return "sides", d.switch_sides_ms
    return "sets", _pick(ex.rest_before(nxt.set), d.rest_between_sets_ms)


def _pick(specific: int | None, general: int) -> int:
    return general if specific is None else specific


def _pieces(p: _Set, routine: Routine) -> list[tuple[IntervalKind, int, dict]]:
    """(kind, milliseconds, fields) for the work and holds of one set."""
    ex = p.exercise
    hold = ex.hold
    if ex.tempo_ms and hold and hold.each == "rep":
        out: list[tuple[IntervalKind, int, dict]] = []
        for rep in range(1, (ex.reps_in(p.set) or 0) + 1):
            out.append(("work", ex.tempo_ms, {"rep": rep, "reps": 1, "tempo": ex.tempo_ms}))
            out.append(("hold", hold.ms, {"rep": rep}))
        return out
    if ex.tempo_ms:
        reps = ex.reps_in(p.set) or 0
        work: list[tuple[IntervalKind, int, dict]] = [
            ("work", reps * ex.tempo_ms, {"reps": reps, "tempo": ex.tempo_ms})
        ]
    elif ex.timed:
        work = [("recovery" if ex.recovery else "work", ex.work_ms or routine.defaults.work_ms, {})]
    else:
        work = [("work", ex.set_time_ms or routine.defaults.set_time_ms, {})]
    if hold:
        work.append(("hold", hold.ms, {}))
    return work


def make_plan(routine: Routine) -> Plan:
    """Lay the routine out in time. Boundaries are computed from cumulative milliseconds so
    rounding never accumulates, however long the workout."""
    raw: list[tuple[IntervalKind, int, dict]] = [("lead-in", routine.defaults.lead_in_ms, {})]
    prev: _Set | None = None
    for perf in _performances(routine):
        if len(raw) > MAX_INTERVALS:
            raise InputError(
                f"the workout would have more than {MAX_INTERVALS} intervals (sets, holds "
                "and rests)",
                file=routine.source,
            )
        if prev is not None:
            reason, ms = _rest_between(prev, perf, routine)
            if ms and reason == "sides":
                raw.append(("switch", ms, _where(perf)))
            elif ms:
                raw.append(("rest", ms, {"reason": reason, **_where(perf)}))
        pieces = _pieces(perf, routine)
        for i, (kind, ms, extra) in enumerate(pieces):
            fields = {**_where(perf), **extra, "set_start": i == 0, "set_end": i == len(pieces) - 1}
            if extra.get("tempo"):
                fields["tempo"] = ms_to_samples(extra["tempo"])
            raw.append((kind, ms, fields))
        prev = perf
    raw.append(("outro", routine.defaults.outro_ms, {}))

    total_ms = sum(ms for _, ms, _ in raw)
    if total_ms > MAX_MS:
        hours = total_ms / 3600_000
        raise TooLong(
            f"the workout would last {hours:.1f} hours; the limit is 24", file=routine.source
        )
    intervals: list[Interval] = []
    elapsed = 0
    for kind, ms, fields in raw:
        start = ms_to_samples(elapsed)
        elapsed += ms
        intervals.append(
            Interval(
                index=len(intervals),
                kind=kind,
                start=start,
                length=ms_to_samples(elapsed) - start,
                **fields,
            )
        )
    return Plan(routine=routine, intervals=tuple(intervals))


def longest_exercise(routine: Routine) -> str:
    """The name of the exercise whose sets take the most time in all (sets counted up to
    the interval limit): the first suspect when a routine read from a text is too long."""
    spent: dict[str, int] = {}
    for count, perf in enumerate(_performances(routine)):
        if count > MAX_INTERVALS:
            break
        name = perf.exercise.name
        spent[name] = spent.get(name, 0) + sum(ms for _, ms, _ in _pieces(perf, routine))
    return max(spent, key=lambda name: spent[name])


def _where(p: _Set) -> dict:
    return {
        "block": p.block.name,
        "block_index": p.block_index,
        "exercise": p.exercise,
        "round": p.round,
        "rounds": p.block.rounds,
        "set": p.set,
        "sets": p.exercise.sets,
        "side": p.side,
    }
