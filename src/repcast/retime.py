"""Re-time a routine without editing it: command-line rests, work, rounds and fit-to-length.

Precedence, most specific last so it wins: the file, then --rest (every rest), then
--rest-between-sets/-exercises/-rounds, then per-exercise --rest "NAME=DUR", then
--rest-scale, then --fit. Work: the file, then --work, then --work-scale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .errors import InputError
from .plan import make_plan
from .routine import Block, Exercise, Routine
from .timing import MAX_MS, clock, ms_to_samples


@dataclass(frozen=True)
class Retiming:
    rest_ms: int | None = None
    rest_between_sets_ms: int | None = None
    rest_between_exercises_ms: int | None = None
    rest_between_rounds_ms: int | None = None
    rest_by_name: tuple[tuple[str, int], ...] = ()
    rest_scale: float | None = None
    work_ms: int | None = None
    work_scale: float | None = None
    rounds: int | None = None
    rounds_by_name: tuple[tuple[str, int], ...] = ()
    fit_ms: int | None = None
    fit_floor_ms: int = 5_000


def _scaled(ms: int | None, factor: float | None) -> int | None:
    # Work is never scaled down to nothing: a millisecond is the least there is.
    return ms if ms is None or factor is None else max(1, round(ms * factor))


def _lookup(
    items: tuple[tuple[str, int], ...], names: list[str], what: str, option: str
) -> dict[str, int]:
    known = {n.casefold(): n for n in names}
    out = {}
    for name, value in items:
        if name.casefold() not in known:
            listed = ", ".join(dict.fromkeys(names))
            raise InputError(
                f"no {what} named {name!r}; the {what}s are: {listed}",
                field=option,
            )
        out[name.casefold()] = value
    return out


def retime(routine: Routine, r: Retiming) -> Routine:
    """The routine with the command line's timings applied (see the module docstring)."""
    d = routine.defaults
    d = replace(
        d,
        rest_between_sets_ms=_first(r.rest_between_sets_ms, r.rest_ms, d.rest_between_sets_ms),
        rest_between_exercises_ms=_first(
            r.rest_between_exercises_ms, r.rest_ms, d.rest_between_exercises_ms
        ),
        rest_between_rounds_ms=_first(
            r.rest_between_rounds_ms, r.rest_ms, d.rest_between_rounds_ms
        ),
        work_ms=d.work_ms if r.work_ms is None else r.work_ms,
    )
    names = [e.name for e in routine.exercises]
    by_name = _lookup(r.rest_by_name, names, "exercise", "--rest")
    rounds_by = _lookup(r.rounds_by_name, [b.name for b in routine.blocks], "block", "--rounds")
    repeating = any(b.rounds > 1 for b in routine.blocks)

    def exercise(e: Exercise) -> Exercise:
        rest, after = e.rest_ms, e.rest_after_ms
        if r.rest_ms is not None or r.rest_between_sets_ms is not None:
            rest = None
        if r.rest_ms is not None or r.rest_between_exercises_ms is not None:
            after = None
        if e.name.casefold() in by_name:
            rest = after = by_name[e.name.casefold()]
        work = r.work_ms if r.work_ms is not None and e.timed and e.work_ms else e.work_ms
        return replace(
            e,
            rest_ms=rest,
            rest_after_ms=after,
            work_ms=_scaled(work, r.work_scale),
            set_time_ms=_scaled(e.set_time_ms, r.work_scale),
        )

    def block(b: Block) -> Block:
        if b.template:
            return b  # a Tabata, EMOM, AMRAP or ladder keeps the timing that defines it
        rounds = b.rounds
        if r.rounds is not None and (b.rounds > 1 or not repeating):
            rounds = r.rounds
        rounds = rounds_by.get(b.name.casefold(), rounds)
        between = b.rest_between_rounds_ms
        if r.rest_ms is not None or r.rest_between_rounds_ms is not None:
            between = None
        return replace(
            b,
            rounds=rounds,
            rest_between_rounds_ms=between,
            exercises=tuple(exercise(e) for e in b.exercises),
        )

    d = replace(
        d,
        work_ms=_scaled(d.work_ms, r.work_scale) or d.work_ms,
        set_time_ms=_scaled(d.set_time_ms, r.work_scale) or d.set_time_ms,  # never None
    )
    out = replace(routine, defaults=d, blocks=tuple(block(b) for b in routine.blocks))
    if r.rest_scale is not None:
        factor = r.rest_scale
        out = scale_rests(out, lambda ms: round(ms * factor))
    if r.fit_ms is not None:
        out = fit(out, r.fit_ms, r.fit_floor_ms)
    return out


def _first(*values: int | None) -> int:
    return next(v for v in values if v is not None)


def scale_rests(routine: Routine, f: Callable[[int], int]) -> Routine:
    """Apply ``f`` to every rest length in the routine, except in template blocks
    (switching sides is not a rest)."""
    d = routine.defaults

    def g(ms: int | None) -> int | None:
        return None if ms is None else f(ms)

    return replace(
        routine,
        defaults=replace(
            d,
            rest_between_sets_ms=f(d.rest_between_sets_ms),
            rest_between_exercises_ms=f(d.rest_between_exercises_ms),
            rest_between_rounds_ms=f(d.rest_between_rounds_ms),
        ),
        blocks=tuple(
            b
            if b.template
            else replace(
                b,
                rest_between_rounds_ms=g(b.rest_between_rounds_ms),
                exercises=tuple(
                    replace(e, rest_ms=g(e.rest_ms), rest_after_ms=g(e.rest_after_ms))
                    for e in b.exercises
                ),
            )
            for b in routine.blocks
        ),
    )


def fit(routine: Routine, target_ms: int, floor_ms: int) -> Routine:
    """Scale the rests (never the work) so the workout lasts ``target_ms``. A rest is never
    shortened below ``floor_ms`` (or below its own length, if it is shorter than that).
    The length is measured on the plan itself, so what cannot scale (work, switching
    sides, template blocks) is accounted for exactly."""
    target = ms_to_samples(target_ms)

    def rule(s: float) -> Callable[[int], int]:
        return lambda ms: max(round(ms * s), min(ms, floor_ms)) if ms else 0

    def total(s: float) -> int:
        try:
            return make_plan(scale_rests(routine, rule(s))).total
        except InputError:  # past the 24-hour limit: certainly long enough
            return ms_to_samples(MAX_MS) + 1

    shortest, fixed = total(0.0), make_plan(scale_rests(routine, lambda ms: 0)).total
    if shortest > target or total(2.0) == shortest:
        raise InputError(
            f"cannot fit into {clock(target)}: the shortest possible is {clock(shortest)} "
            f"(everything but the rests {clock(fixed)}, the rests at the {floor_ms / 1000:g} s "
            f"floor {clock(shortest - fixed)}), {clock(max(0, shortest - target))} too long",
            field="--fit",
        )
    lo, hi = 0.0, 1.0
    while total(hi) < target:
        hi *= 2
    for _ in range(40):  # bisection on the scale factor; the length grows with it
        mid = (lo + hi) / 2
        if total(mid) < target:
            lo = mid
        else:
            hi = mid
    return scale_rests(routine, rule(hi))
