"""Turn a Plan into the CueScript: what the coach says and which tones sound, and when.

Times here are the earliest start of each cue. Tones, countdown numbers and rep counts are
anchored ("at"): they must start exactly there. Announcements flow ("after"): each starts
once whatever precedes it has finished. The scheduler decides what fits.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import words
from .phrases import Phrasebook, builtin_phrasebook
from .plan import Interval, Plan
from .timing import SAMPLE_RATE

SPEECH_KINDS = ("speech", "count")
TONE_KINDS = ("beep", "final")

# Priorities: lower is more important. 0 is never dropped for a longer cue.
FIXED, ANNOUNCE, NEXT, TIME, DETAIL, EXTRA = range(6)

SECOND = SAMPLE_RATE
COUNT_DELAY = SAMPLE_RATE // 10  # a countdown number follows its tick by 0.1 s
REP_DELAY = SAMPLE_RATE * 4 // 10  # rep counts clear the start tone
HALFWAY_MIN = 20 * SECOND
TEN_LEFT_MIN = 30 * SECOND


@dataclass(frozen=True)
class Cue:
    at: int  # samples
    kind: str  # speech, count, beep or final
    text: str  # the words, or the tone's name
    priority: int
    anchor: str  # "at" (exactly then) or "after" (as soon as the previous cue is done)
    role: str  # what the cue is for: welcome, next, form, rest, countdown, rep, go, ...
    interval: int
    short: str = ""  # a shorter wording to use when the full one does not fit

    @property
    def spoken(self) -> bool:
        return self.kind in SPEECH_KINDS


@dataclass(frozen=True)
class CueScript:
    plan: Plan
    cues: tuple[Cue, ...]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Writer:
    def __init__(self, plan: Plan, pb: Phrasebook):
        self.plan = plan
        self.pb = pb
        self.cues: list[Cue] = []

    def add(
        self,
        iv: Interval,
        at: int,
        kind: str,
        text: str,
        priority: int,
        role: str,
        *,
        anchor: str = "at",
        short: str = "",
    ) -> None:
        self.cues.append(Cue(at, kind, text, priority, anchor, role, iv.index, short))

    def say(self, iv: Interval, priority: int, role: str, *parts: str, short: str = "") -> None:
        text = " ".join(_sentence(p) for p in parts if p)
        self.add(iv, iv.start, "speech", text, priority, role, anchor="after", short=short)

    def ms(self, samples: int) -> int:
        return round(samples * 1000 / SAMPLE_RATE)

    def write(self) -> tuple[Cue, ...]:
        ivs = self.plan.intervals
        for iv in ivs:
            nxt = ivs[iv.index + 1] if iv.index + 1 < len(ivs) else None
            if iv.index:
                self.add(
                    iv,
                    iv.start,
                    "final",
                    "final",
                    FIXED,
                    "stop" if iv.kind in ("rest", "outro") else "go",
                )
            getattr(self, "_" + iv.kind.replace("-", "_"))(iv, nxt)
            if nxt is not None and not iv.reps:
                self.countdown(iv)
        return tuple(sorted(self.cues, key=lambda c: c.at))

    def countdown(self, iv: Interval) -> None:
        for k in range(self.plan.routine.defaults.countdown, 0, -1):
            tick = iv.end - k * SECOND
            if tick >= iv.start + SECOND // 2:
                self.add(iv, tick, "beep", "beep", FIXED, "countdown")
                self.add(iv, tick + COUNT_DELAY, "count", words.number(k), FIXED, "countdown")

    def time_calls(self, iv: Interval) -> None:
        if iv.length >= HALFWAY_MIN:
            self.add(
                iv, iv.start + iv.length // 2, "speech", self.pb.say("halfway"), TIME, "halfway"
            )
        if iv.length >= TEN_LEFT_MIN:
            self.add(
                iv, iv.end - 10 * SECOND, "speech", self.pb.say("ten_seconds"), TIME, "time-left"
            )

    def _lead_in(self, iv: Interval, nxt: Interval | None) -> None:
        r = self.plan.routine
        pb = self.pb
        self.say(iv, ANNOUNCE, "welcome", pb.say("welcome", title=r.title))
        total = self.ms(self.plan.total)
        self.say(iv, TIME, "length", pb.say("length", duration=words.rough_duration(total)))
        kit = r.equipment
        self.say(
            iv,
            EXTRA,
            "equipment",
            pb.say("equipment", equipment=words.join(list(kit))) if kit else pb.say("no_equipment"),
        )
        if nxt is not None:
            self.announce(iv, nxt, "lead-in")

    def _rest(self, iv: Interval, nxt: Interval | None) -> None:
        pb = self.pb
        if iv.reason == "sides":
            self.say(iv, ANNOUNCE, "switch", pb.say("switch_sides"))
        else:
            self.say(
                iv,
                ANNOUNCE,
                "rest",
                pb.say("rest", duration=words.duration(self.ms(iv.length))),
                short=pb.say("rest_short"),
            )
        if nxt is not None:
            self.announce(iv, nxt, iv.reason)

    def _work(self, iv: Interval, nxt: Interval | None) -> None:
        prev = self.plan.intervals[iv.index - 1]
        if iv.set_start and prev.kind in ("work", "hold"):
            # Back-to-back sets with no rest: name the exercise after the start tone.
            self.say(iv, ANNOUNCE, "next", iv.exercise.name if iv.exercise else "")
        if iv.reps:
            first = iv.rep or 1
            for k in range(iv.reps):
                self.add(
                    iv,
                    iv.start + k * iv.tempo + REP_DELAY,
                    "count",
                    words.number(first + k),
                    FIXED,
                    "rep",
                )
        else:
            self.time_calls(iv)

    def _hold(self, iv: Interval, nxt: Interval | None) -> None:
        what = iv.exercise.hold.what if iv.exercise and iv.exercise.hold else ""
        self.say(
            iv, ANNOUNCE, "hold", self.pb.say("hold", what=what), short=self.pb.say("hold_short")
        )
        self.time_calls(iv)

    def _outro(self, iv: Interval, nxt: Interval | None) -> None:
        ivs = self.plan.intervals
        sets = sum(1 for i in ivs if i.set_start and i.side != "right")
        exercises = len(self.plan.routine.exercises)
        self.say(iv, ANNOUNCE, "complete", self.pb.say("complete"))
        self.say(
            iv,
            TIME,
            "summary",
            self.pb.say(
                "summary",
                exercises=self.pb.count("exercises", exercises, words.number(exercises)),
                sets=self.pb.count("sets", sets, words.number(sets)),
                duration=words.rough_duration(self.ms(self.plan.total)),
            ),
        )

    def announce(self, iv: Interval, w: Interval, reason: str) -> None:
        """What comes next, said during the rest (or lead-in) before it."""
        pb = self.pb
        ex = w.exercise
        if ex is None:
            return
        n = words.number
        header = []
        if reason in ("lead-in", "blocks") and len(self.plan.routine.blocks) > 1:
            header.append(pb.say("block", block=w.block))
        if w.rounds > 1 and reason in ("lead-in", "blocks", "rounds"):
            header.append(pb.say("round", round=n(w.round), rounds=n(w.rounds)))
        work = words.duration(ex.work_ms or self.ms(w.length))
        reps = pb.count("reps", ex.reps or 0, n(ex.reps or 0))
        if w.side == "right":
            self.say(iv, NEXT, "next", pb.say("right_side"))
            return
        if w.set == 1:
            key = "first_up" if reason == "lead-in" else "next_up"
            name = pb.say(key, name=ex.name)
            amount = (
                pb.say(
                    "sets_of_time" if ex.timed else "sets_of_reps",
                    sets=n(ex.sets),
                    work=work,
                    reps=reps,
                )
                if ex.sets > 1
                else pb.say(
                    "one_set_of_time" if ex.timed else "one_set_of_reps", work=work, reps=reps
                )
            )
            extra = []
            if ex.sides:
                extra.append(pb.say("each_side"))
            if ex.tempo_ms:
                extra.append(pb.say("tempo", tempo=words.duration(ex.tempo_ms)))
            if ex.hold:
                key = "hold_each_rep" if ex.hold.each == "rep" else "hold_each_set"
                extra.append(pb.say(key, what=ex.hold.what, hold=words.duration(ex.hold.ms)))
            self.say(
                iv, NEXT, "next", *header, name, amount, *extra, short=" ".join([*header, name])
            )
            if ex.cue and w.round == 1:
                self.say(iv, DETAIL, "form", ex.cue)
            return
        if w.set == w.sets:
            amount = (
                pb.say("last_set")
                + " "
                + _sentence(
                    pb.say(
                        "one_set_of_time" if ex.timed else "one_set_of_reps", work=work, reps=reps
                    )
                )
            )
        else:
            amount = pb.say(
                "set_of_time" if ex.timed else "set_of_reps",
                set=n(w.set),
                sets=n(w.sets),
                work=work,
                reps=reps,
            )
        self.say(iv, NEXT, "next", *header, amount)


def make_cues(plan: Plan, phrases: Phrasebook | None = None) -> CueScript:
    return CueScript(plan, _Writer(plan, phrases or builtin_phrasebook()).write())
