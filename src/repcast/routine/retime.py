"""Re-time a routine without editing it: command-line rests, work, rounds and fit-to-length.

Precedence, most specific last so it wins: the file, then --rest (every rest), then
--rest-between-sets/-exercises/-rounds, then per-exercise --rest "NAME=DUR", then
--rest-scale, then --fit. Work: the file, then --work, then --work-scale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ..errors import InputError
from ..timing import MAX_MS, clock, ms_to_samples, samples_to_ms
from .model import Block, Exercise, Routine
from .plan import make_plan


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
        out = scale_rests(out, lambda _, ms: round(ms * factor))
    if r.fit_ms is not None:
        out = fit(out, r.fit_ms, r.fit_floor_ms)
    return out


def _first(*values: int | None) -> int:
    return next(v for v in values if v is not None)


RestKey = tuple[object, ...]
"""Where a rest length is set: ("defaults", field), (block,) for its rounds, or
(block, exercise, "rest" | "rest_after")."""
RestRule = Callable[[RestKey, int], int]


def scale_rests(routine: Routine, f: RestRule) -> Routine:
    """Apply ``f(key, ms)`` to every rest length in the routine, except in template blocks
    (switching sides is not a rest)."""
    d = routine.defaults

    def g(key: RestKey, ms: int | None) -> int | None:
        return None if ms is None else f(key, ms)

    return replace(
        routine,
        defaults=replace(
            d,
            **{
                name: f(("defaults", name), getattr(d, name))
                for name in (
                    "rest_between_sets_ms",
                    "rest_between_exercises_ms",
                    "rest_between_rounds_ms",
                )
            },
        ),
        blocks=tuple(
            b
            if b.template
            else replace(
                b,
                rest_between_rounds_ms=g((bi,), b.rest_between_rounds_ms),
                exercises=tuple(
                    replace(
                        e,
                        rest_ms=g((bi, ei, "rest"), e.rest_ms),
                        rest_after_ms=g((bi, ei, "rest_after"), e.rest_after_ms),
                    )
                    for ei, e in enumerate(b.exercises)
                ),
            )
            for bi, b in enumerate(routine.blocks)
        ),
    )


def fit(routine: Routine, target_ms: int, floor_ms: int) -> Routine:
    """Scale the rests (never the work) so the workout lasts ``target_ms``. A rest is never
    shortened below ``floor_ms`` (or below its own length, if it is shorter than that).
    The length is measured on the plan itself, so what cannot scale (work, switching
    sides, template blocks) is accounted for exactly."""
    target = ms_to_samples(target_ms)

    def rule(s: float) -> RestRule:
        return lambda _, ms: max(round(ms * s), min(ms, floor_ms)) if ms else 0

    def total(s: float) -> int:
        try:
            return make_plan(scale_rests(routine, rule(s))).total
        except InputError:  # past the 24-hour limit: certainly long enough
            return ms_to_samples(MAX_MS) + 1

    shortest, fixed = total(0.0), make_plan(scale_rests(routine, lambda _, ms: 0)).total
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
    if total(hi) == target:
        return scale_rests(routine, rule(hi))
    return _land(routine, rule(lo), target_ms)


def _land(routine: Routine, rule: RestRule, target_ms: int) -> Routine:
    """``rule``'s rests lengthened by whole milliseconds so that the workout lasts
    ``target_ms``, or as near as the rests allow (the nearest shorter on a tie). Rounding
    each scaled rest to the millisecond leaves the scaled workout a little short; one more
    millisecond on a rest adds as many as that rest occurs."""
    lengths: dict[RestKey, int] = {}
    scale_rests(routine, lambda key, ms: lengths.setdefault(key, rule(key, ms)))

    def length_ms(extra: dict[RestKey, int]) -> int:
        plan = make_plan(scale_rests(routine, lambda k, ms: rule(k, ms) + extra.get(k, 0)))
        return samples_to_ms(plan.total)

    start = length_ms({})
    steps = {k: length_ms({k: 1}) - start for k, ms in lengths.items() if ms > 0}
    steps = {k: n for k, n in steps.items() if n > 0}
    need = target_ms - start
    # ways[v]: the fewest added milliseconds, by rest, that lengthen the workout by v.
    ways: dict[int, dict[RestKey, int]] = {0: {}}
    for v in range(1, need + max(steps.values(), default=0) + 1):
        for key, n in steps.items():
            prev = ways.get(v - n)
            if prev is not None and (v not in ways or sum(prev.values()) < sum(ways[v].values())):
                ways[v] = {**prev, key: prev.get(key, 0) + 1}
    extra = ways[min(ways, key=lambda v: (abs(v - need), v))]
    return scale_rests(routine, lambda k, ms: rule(k, ms) + extra.get(k, 0))
