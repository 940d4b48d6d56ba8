"""Turn a Plan into the CueScript: what the coach says and which tones sound, and when.

Times here are the earliest start of each cue. Tones, countdown numbers, rep counts and
time calls are anchored ("at"): they must start exactly there. Announcements flow
("after"): each starts once whatever precedes it has finished. The scheduler decides what
fits. The wording comes from the routine's phrasebook, numbers from its language's words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NoReturn

from ..errors import InputError, quoted
from ..routine.model import Change, News
from ..routine.phrases import MAX_SAID, Phrasebook, phrasebook_for
from ..routine.plan import Interval, Plan, RestReason
from ..timing import SAMPLE_RATE, clock, ms_to_samples, samples_to_ms
from .words import Words, words_for

ToneKind = Literal["beep", "final"]
CueKind = Literal["speech", "count", ToneKind]
SPEECH_KINDS: tuple[CueKind, ...] = ("speech", "count")
TONE_KINDS: tuple[ToneKind, ...] = ("beep", "final")
Anchor = Literal["at", "after"]
"""A cue starts exactly at its time, or after whatever precedes it has finished."""
Role = Literal[
    "welcome",
    "length",
    "equipment",
    "next",
    "form",
    "rest",
    "recovery",
    "switch",
    "hold",
    "complete",
    "summary",
    "countdown",
    "rep",
    "go",
    "stop",
    "halfway",
    "time-left",
    "time-done",
    "encourage",
    "program",
]
"""What a cue is for; the same names appear in scripts and notes."""
ClipKey = tuple[CueKind, str]
"""A clip of sound: the cue's kind and the text it says (a tone's is its kind)."""

# Priorities: lower is more important. 0 is never dropped for a longer cue.
FIXED, ANNOUNCE, NEXT, TIME, DETAIL, EXTRA = range(6)

SECOND = SAMPLE_RATE
COUNT_DELAY = SAMPLE_RATE // 10  # a countdown number follows its tick by 0.1 s
REP_DELAY = SAMPLE_RATE * 4 // 10  # rep counts clear the start tone
HALFWAY_MIN = 20 * SECOND
TEN_LEFT_MIN = 30 * SECOND
ENCOURAGE_MIN = 40 * SECOND
SPOKEN_NEWS: tuple[Change, ...] = ("work", "reps", "sets", "rounds")


@dataclass(frozen=True)
class Cue:
    at: int  # samples
    kind: CueKind
    text: str  # the words, or the tone's name
    priority: int
    anchor: Anchor
    role: Role
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
    def __init__(self, plan: Plan, pb: Phrasebook, verbosity: str):
        self.plan = plan
        self.pb = pb
        self.w: Words = words_for(pb.language)
        self.minimal = verbosity == "minimal"
        self.full = verbosity == "full"
        self.cues: list[Cue] = []
        # Blocks of one piece as long as a cap, which the time calls count down.
        capped = ("amrap", "for_time")
        self.capped = {i for i, b in enumerate(plan.routine.blocks) if b.template in capped}

    def add(
        self, iv: Interval, at: int, kind: CueKind, text: str, priority: int, role: Role
    ) -> None:
        self.cues.append(Cue(at, kind, text, priority, "at", role, iv.index))

    def say(self, iv: Interval, priority: int, role: Role, *parts: str, short: str = "") -> None:
        text = " ".join(_sentence(p) for p in parts if p)
        if len(text) > MAX_SAID:
            raise InputError(
                f"would say {len(text)} characters at once, more than the {MAX_SAID} a cue "
                f"may say: {quoted(text)}",
                file=self.plan.routine.source,
                field=f"{role} cue at {clock(iv.start)}",
            )
        self.cues.append(Cue(iv.start, "speech", text, priority, "after", role, iv.index, short))

    def write(self) -> tuple[Cue, ...]:
        ivs = self.plan.intervals
        for iv in ivs:
            nxt = ivs[iv.index + 1] if iv.index + 1 < len(ivs) else None
            if iv.index:
                role: Role = "stop" if iv.kind in ("rest", "switch", "outro") else "go"
                self.add(iv, iv.start, "final", "final", FIXED, role)
            match iv.kind:
                case "lead-in":
                    self._lead_in(iv, nxt)
                case "work":
                    self._work(iv, nxt)
                case "recovery":
                    self._recovery(iv, nxt)
                case "hold":
                    self._hold(iv, nxt)
                case "rest":
                    self._rest(iv, nxt)
                case "switch":
                    self._switch(iv, nxt)
                case "outro":
                    self._outro(iv, nxt)
                case _:
                    _unknown(iv.kind)
            if nxt is not None and not iv.reps:
                self.countdown(iv)
        return tuple(sorted(self.cues, key=lambda c: c.at))

    def countdown(self, iv: Interval) -> None:
        for k in range(self.plan.routine.defaults.countdown, 0, -1):
            tick = iv.end - k * SECOND
            if tick >= iv.start + SECOND // 2:
                self.add(iv, tick, "beep", "beep", FIXED, "countdown")
                self.add(iv, tick + COUNT_DELAY, "count", self.w.number(k), FIXED, "countdown")

    def time_calls(self, iv: Interval) -> None:
        if self.minimal:
            return
        every = iv.exercise.time_calls_ms if iv.exercise and iv.kind != "switch" else None
        if every:
            for at, role, text in self._calls(iv, ms_to_samples(every)):
                self.add(iv, at, "speech", text, TIME, role)
        elif iv.length >= HALFWAY_MIN:
            mid = iv.start + iv.length // 2
            self.add(iv, mid, "speech", self.pb.say("halfway"), TIME, "halfway")
        if iv.length >= TEN_LEFT_MIN:
            left = iv.end - 10 * SECOND
            self.add(iv, left, "speech", self.pb.say("ten_seconds"), TIME, "time-left")
        if self.full and iv.length >= ENCOURAGE_MIN:
            # Deterministic variety: the interval's index picks the phrase.
            options = self.pb.texts["encouragement"].split("|")
            text = options[iv.index % len(options)]
            self.add(iv, iv.start + iv.length // 4, "speech", text, DETAIL, "encourage")

    def _calls(self, iv: Interval, step: int) -> list[tuple[int, Role, str]]:
        """The time called every ``step``: an AMRAP or a for-time piece counts its cap
        down ("eight minutes left"); other work says the time done in its first half
        ("five minutes done") and the time left in its second. Clear of the start, and of
        the last ten seconds, which belong to "ten seconds left" and the countdown."""
        capped = iv.block_index in self.capped
        calls: list[tuple[int, Role, str]] = []
        for left in range(step, iv.length - 5 * SECOND, step):
            if left > 10 * SECOND and (capped or 2 * left <= iv.length):
                words = self.w.duration(samples_to_ms(left))
                text = _sentence(self.pb.say("time_left", duration=words))
                calls.append((iv.end - left, "time-left", text))
        if not capped:
            lefts = [at for at, _, _ in calls]
            for done in range(step, (iv.length + 1) // 2, step):
                at = iv.start + done
                if all(abs(at - other) >= 5 * SECOND for other in lefts):
                    words = self.w.duration(samples_to_ms(done))
                    text = _sentence(self.pb.say("time_done", duration=words))
                    calls.append((at, "time-done", text))
        return calls

    def _lead_in(self, iv: Interval, nxt: Interval | None) -> None:
        r = self.plan.routine
        pb = self.pb
        place = r.place
        self.say(
            iv, ANNOUNCE, "welcome", pb.say("welcome", title=place.program if place else r.title)
        )
        if place:
            n = self.w.number
            self.say(
                iv,
                ANNOUNCE,
                "program",
                pb.say("program_place", week=n(place.week), session=n(place.session)),
            )
            # The efforts that changed; a changed rest is said when the rest comes, and
            # "Plank, twenty seconds" would not say whether the hold or the work grew.
            news = [x for x in place.news if x.what in SPOKEN_NEWS]
            if news and not self.minimal:
                changes = self.w.join([f"{x.name}, {self._amount(x)}" for x in news])
                self.say(iv, NEXT, "program", pb.say("new_today", changes=changes))
        if not self.minimal:
            total = self.w.rough_duration(samples_to_ms(self.plan.total))
            self.say(iv, TIME, "length", pb.say("length", duration=total))
            kit = [self.w.thing(item) for item in r.equipment]
            text = (
                pb.say("equipment", equipment=self.w.join(kit)) if kit else pb.say("no_equipment")
            )
            self.say(iv, EXTRA, "equipment", text)
        if nxt is not None:
            self.announce(iv, nxt, "lead-in")

    def _amount(self, news: News) -> str:
        """A program's new number as said: "ninety seconds", "three rounds"."""
        if news.what == "work":
            return self.w.duration(news.value)
        return self.pb.count(news.what, news.value, self.w.number(news.value))

    def _rest(self, iv: Interval, nxt: Interval | None) -> None:
        pb = self.pb
        if self.minimal:
            self.say(iv, ANNOUNCE, "rest", pb.say("rest_short"))
        else:
            length = self.w.duration(samples_to_ms(iv.length))
            self.say(
                iv, ANNOUNCE, "rest", pb.say("rest", duration=length), short=pb.say("rest_short")
            )
        if nxt is not None:
            self.announce(iv, nxt, iv.reason)

    def _switch(self, iv: Interval, nxt: Interval | None) -> None:
        self.say(iv, ANNOUNCE, "switch", self.pb.say("switch_sides"))
        if nxt is not None:
            self.announce(iv, nxt, "sides")

    def _work(self, iv: Interval, nxt: Interval | None) -> None:
        prev = self.plan.intervals[iv.index - 1]
        if iv.set_start and prev.kind in ("work", "recovery", "hold"):
            # Back-to-back sets with no rest: name the exercise after the start tone.
            self.say(iv, ANNOUNCE, "next", iv.exercise.name if iv.exercise else "")
        if iv.reps:
            first = iv.rep or 1
            for k in range(iv.reps):
                at = iv.start + k * iv.tempo + REP_DELAY
                self.add(iv, at, "count", self.w.number(first + k), FIXED, "rep")
        else:
            self.time_calls(iv)

    def _recovery(self, iv: Interval, nxt: Interval | None) -> None:
        """Said as it starts, by name and length ("Walk, ninety seconds"): it is an activity,
        so never "Rest", and it was not announced before (there is rarely a rest to do it)."""
        name = iv.exercise.name if iv.exercise else ""
        length = self.w.duration(samples_to_ms(iv.length))
        text = name if self.minimal else self.pb.say("recovery", name=name, duration=length)
        self.say(iv, ANNOUNCE, "recovery", text, short=name)
        self.time_calls(iv)

    def _hold(self, iv: Interval, nxt: Interval | None) -> None:
        what = self.w.thing(iv.exercise.hold.what) if iv.exercise and iv.exercise.hold else ""
        short = self.pb.say("hold_short")
        if self.minimal:
            self.say(iv, ANNOUNCE, "hold", short)
        else:
            self.say(iv, ANNOUNCE, "hold", self.pb.say("hold", what=what), short=short)
        self.time_calls(iv)

    def _outro(self, iv: Interval, nxt: Interval | None) -> None:
        self.say(iv, ANNOUNCE, "complete", self.pb.say("complete"))
        place = self.plan.routine.place
        if place and place.last:
            self.say(
                iv, ANNOUNCE, "program", self.pb.say("program_complete", program=place.program)
            )
        if self.minimal:
            return
        ivs = self.plan.intervals
        sets = sum(1 for i in ivs if i.set_start and i.side != "right" and i.kind != "recovery")
        # Each exercise as the routine lists it, once however many rounds: a ladder's
        # rungs one by one, an AMRAP's moves one by one. A recovery is no exercise.
        exercises = sum(e.moves for e in self.plan.routine.exercises if not e.recovery)
        summary = self.pb.say(
            "summary",
            exercises=self.pb.count("exercises", exercises, self.w.number(exercises)),
            sets=self.pb.count("sets", sets, self.w.number(sets)),
            duration=self.w.rough_duration(samples_to_ms(self.plan.total)),
        )
        self.say(iv, TIME, "summary", summary)

    def _piece(self, w: Interval) -> str:
        """What a timed piece is: "As many rounds as you can:", "Three rounds for time:"."""
        block = self.plan.routine.blocks[w.block_index]
        if block.template == "amrap":
            return self.pb.say("amrap")
        if block.together:
            return self.pb.say("window")
        if block.template != "for_time":
            return ""
        rounds = block.round_reps
        if any(rounds):
            reps = self.w.join([self.w.number(r) for r in rounds])
            return self.pb.count("for_time_reps", rounds[-1], reps)
        return self.pb.count("for_time", len(rounds), self.w.number(len(rounds)))

    def _every(self, ms: int) -> str:
        """ "Every minute", "every two minutes", "every ninety seconds"."""
        if ms % 60_000:
            return self.pb.count("every", 2, self.w.amount(ms // 1000, "second"))
        return self.pb.count("every", ms // 60_000, self.w.duration(ms))

    def announce(
        self, iv: Interval, w: Interval, reason: RestReason | Literal["lead-in"] | None
    ) -> None:
        """What comes next, said during the rest (or lead-in) before it."""
        pb = self.pb
        ex = w.exercise
        if ex is None or (ex.recovery and reason != "lead-in"):
            return
        n = self.w.number
        header = []
        if (
            reason in ("lead-in", "blocks")
            and len(self.plan.routine.blocks) > 1
            and (w.block != ex.name)
        ):
            header.append(pb.say("block", block=w.block))
        block = self.plan.routine.blocks[w.block_index]
        if block.every_ms and w.round == 1 and w.set == 1 and reason in ("lead-in", "blocks"):
            header.append(self._every(block.every_ms))
        if w.rounds > 1 and reason in ("lead-in", "blocks", "rounds"):
            header.append(pb.say("round", round=n(w.round), rounds=n(w.rounds)))
        if header:
            # Its own clip: "Round seven of nine" differs every round, the rest repeats, so
            # the repeating part is synthesized and kept once.
            self.say(iv, TIME, "next", *header)
        work = (
            self.w.amount(*ex.distance)  # "four hundred metres"
            if ex.distance
            else self.w.duration(ex.work_ms or samples_to_ms(w.length))
        )
        set_reps = ex.reps_in(w.set) or 0
        reps = pb.count("reps", set_reps, n(set_reps))
        if w.side == "right":
            self.say(iv, NEXT, "next", pb.say("right_side"))
            return
        if w.set == 1:
            name = pb.say("first_up" if reason == "lead-in" else "next_up", name=ex.name)
            if self.minimal:
                self.say(iv, NEXT, "next", name)
                return
            if ex.set_reps:
                # "Three sets: twelve, ten and eight reps."
                each = self.w.join([n(r) for r in ex.set_reps])
                listed = pb.count("reps", ex.set_reps[-1], each)
                amount = pb.say("sets_of_rep_list", sets=n(ex.sets), reps=listed)
            elif ex.sets > 1:
                key = "sets_of_time" if ex.timed else "sets_of_reps"
                amount = pb.say(key, sets=n(ex.sets), work=work, reps=reps)
            else:
                key = "one_set_of_time" if ex.timed else "one_set_of_reps"
                amount = pb.say(key, work=work, reps=reps)
            extra = []
            if ex.sides:
                extra.append(pb.say("each_side"))
            if ex.tempo_ms:
                extra.append(pb.say("tempo", tempo=self.w.duration(ex.tempo_ms)))
            if ex.hold:
                key = "hold_each_rep" if ex.hold.each == "rep" else "hold_each_set"
                what = self.w.thing(ex.hold.what)
                extra.append(pb.say(key, what=what, hold=self.w.duration(ex.hold.ms)))
            self.say(iv, NEXT, "next", name, amount, *extra, short=name)
        elif w.set == w.sets:
            key = "one_set_of_time" if ex.timed else "one_set_of_reps"
            amount = _sentence(pb.say(key, work=work, reps=reps))
            self.say(iv, NEXT, "next", pb.say("last_set"), "" if self.minimal else amount)
        else:
            key = "set_of_time" if ex.timed else "set_of_reps"
            self.say(
                iv,
                NEXT,
                "next",
                pb.say(key, set=n(w.set), sets=n(w.sets), work=work, reps=reps),
            )
        # (an interval that holds every move lists them again each round, as a circuit names
        # each exercise again: the list is what to do now)
        first = w.set == 1 and (w.round == 1 or block.together) and not self.minimal
        if ex.cue and (self.full or first):
            # An AMRAP's or a for-time piece's cue lists its round; say what it is first.
            self.say(iv, DETAIL, "form", self._piece(w) if w.round == 1 else "", ex.cue)


def _unknown(kind: NoReturn) -> NoReturn:
    """mypy proves this unreachable: every kind of interval is handled above it."""
    raise AssertionError(kind)


def make_cues(plan: Plan) -> CueScript:
    """The cue script, in the routine's language, phrasebook and verbosity."""
    routine = plan.routine
    pb = routine.phrasebook or phrasebook_for(routine.language)
    return CueScript(plan, _Writer(plan, pb, routine.verbosity).write())
