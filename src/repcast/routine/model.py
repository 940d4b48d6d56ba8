"""Load and validate a routine file (YAML or JSON) into frozen data types.

The field tables below are the single source of truth: the validator walks them and
``json_schema()`` publishes them, so the schema an editor sees is the one enforced here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

from ..files import source_name
from ..timing import exact_seconds
from .documents import load_document, parse_document
from .phrases import (
    DEFAULT_VOICES,
    LANGUAGES,
    MAX_SAID,
    PRONOUNCE_SPEC,
    VERBOSITY,
    Phrasebook,
    phrasebook_for,
    pronouncer,
)
from .schema import Checker, Spec, duration
from .schema import json_schema as schema_of

BUILTIN_NAME = "upper-body-for-runners"
MAX_EXERCISES = 1000
MAX_CALLS = 120
"""Time calls in one AMRAP at most: each is its own clip ("twelve minutes left")."""
"""Far more than any workout has (rounds repeat them): a longer list is refused before it is
planned."""

HoldUnit = Literal["rep", "set"]
"""A hold comes after every rep, or once after the set."""
Template = Literal["tabata", "emom", "amrap", "for_time", "ladder"]
TEMPLATES: tuple[Template, ...] = get_args(Template)
Change = Literal["reps", "sets", "rounds", "work", "hold", "rest", "rest_after"]
"""What a training program's progression may change in a session."""
CHANGES: tuple[Change, ...] = get_args(Change)
TIMED_CHANGES: tuple[Change, ...] = ("work", "hold", "rest", "rest_after")
MIN_CALLS_MS = 30_000  # time calls closer together would crowd the coach's other words


@dataclass(frozen=True)
class Voice:
    name: str = ""  # empty: the routine language's default voice
    rate: int = 165
    pitch: int = 50


@dataclass(frozen=True)
class Defaults:
    work_ms: int = 40_000
    set_time_ms: int = 45_000
    rest_between_sets_ms: int = 30_000
    rest_between_exercises_ms: int = 45_000
    rest_between_rounds_ms: int = 60_000
    countdown: int = 3
    lead_in_ms: int = 20_000
    switch_sides_ms: int = 8_000
    outro_ms: int = 12_000


@dataclass(frozen=True)
class Hold:
    what: str
    ms: int
    each: HoldUnit


@dataclass(frozen=True)
class Exercise:
    name: str
    cue: str = ""
    equipment: tuple[str, ...] = ()
    sets: int = 1
    reps: int | None = None
    work_ms: int | None = None
    tempo_ms: int | None = None
    set_time_ms: int | None = None
    hold: Hold | None = None
    sides: bool = False
    rest_ms: int | None = None
    rest_after_ms: int | None = None
    distance: tuple[int, str] | None = None  # how far, in a unit: (400, "m")
    set_reps: tuple[int, ...] = ()  # reps set by set, when they change (reps: the first)
    set_rests_ms: tuple[int, ...] = ()  # rests between sets, one by one, when they change
    time_calls_ms: int | None = None  # call the time left this often (an AMRAP's cap)
    moves: int = 1  # the exercises this stands for: an AMRAP's round holds several
    recovery: bool = False  # an activity between efforts (a walk): not a rest, not a set

    @property
    def timed(self) -> bool:
        return self.reps is None

    def reps_in(self, set_number: int) -> int | None:
        """The reps of one set (counted from 1)."""
        return self.set_reps[set_number - 1] if self.set_reps else self.reps

    def rest_before(self, set_number: int) -> int | None:
        """The rest before a set (from the second), if this exercise gives one."""
        return self.set_rests_ms[set_number - 2] if self.set_rests_ms else self.rest_ms


@dataclass(frozen=True)
class Block:
    name: str
    exercises: tuple[Exercise, ...]
    rounds: int = 1
    rest_between_rounds_ms: int | None = None
    template: Template | None = None  # its timing is what re-timing leaves alone
    every_ms: int | None = None  # an EMOM's interval
    round_reps: tuple[int, ...] = ()  # for time: each round's reps (0: the moves' own)
    together: bool = False  # an EMOM's moves all in every interval (its one piece lists them)


@dataclass(frozen=True)
class EpisodeSpec:
    number: int | None = None
    season: int | None = None
    date: datetime.date | None = None
    guid: str | None = None
    image: str | None = None  # a path relative to the routine file


@dataclass(frozen=True)
class News:
    """What a program session changes from the one before: "Run", "work", 90 000 ms."""

    name: str
    what: Change
    value: int  # milliseconds for times, else a count


@dataclass(frozen=True)
class Place:
    """Where a session sits in its training program, so the coach can say so."""

    program: str
    week: int
    weeks: int
    session: int  # in its week
    number: int  # in the program
    total: int
    news: tuple[News, ...] = ()

    @property
    def last(self) -> bool:
        return self.number == self.total


@dataclass(frozen=True)
class Routine:
    title: str
    blocks: tuple[Block, ...]
    description: str = ""
    voice: Voice = field(default_factory=Voice)
    defaults: Defaults = field(default_factory=Defaults)
    language: str = "en"
    verbosity: str = "standard"
    episode: EpisodeSpec = field(default_factory=EpisodeSpec)
    phrasebook: Phrasebook | None = None  # a user's phrasebook; None: the built-in one
    pronounce: Mapping[str, str] = field(default_factory=dict)  # written -> spoken
    place: Place | None = None  # a session of a training program
    source: str = "<routine>"

    @property
    def speaking_voice(self) -> Voice:
        """The voice to synthesize with: the routine's, or its language's default."""
        if self.voice.name:
            return self.voice
        return replace(self.voice, name=DEFAULT_VOICES[self.language])

    @property
    def spoken(self) -> Callable[[str], str]:
        """What the engine is given for a written phrase: the phrasebook's pronunciations,
        then the routine's own (which win)."""
        book = self.phrasebook or phrasebook_for(self.language)
        return pronouncer({**book.pronounce, **self.pronounce}, self.source)

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        return tuple(e for b in self.blocks for e in b.exercises)

    @property
    def equipment(self) -> tuple[str, ...]:
        """Each thing once, whatever its case, as first written: German nouns keep their
        capitals, and so do names like TRX."""
        seen: dict[str, str] = {}
        for exercise in self.exercises:
            for item in exercise.equipment:
                seen.setdefault(item.strip().casefold(), item.strip())
        return tuple(seen.values())


# --- field tables ---------------------------------------------------------------------


VOICE = {
    "name": Spec(
        "str",
        "an espeak-ng voice (language code, identifier or name), a Piper voice (any "
        "unambiguous part of its name) or a path to a Piper .onnx model",
    ),
    "rate": Spec("int", "speaking rate in words per minute", minimum=80, maximum=450),
    "pitch": Spec("int", "voice pitch, 0 to 100 (50 is normal)", minimum=0, maximum=100),
}
DEFAULTS = {
    "work": duration("length of a timed exercise that gives neither work nor reps", positive=True),
    "set_time": duration("time allowed for a set of reps without a tempo", positive=True),
    "rest_between_sets": duration("rest between two sets of one exercise"),
    "rest_between_exercises": duration("rest between two exercises, and between blocks"),
    "rest_between_rounds": duration("rest between two rounds of a block"),
    "countdown": Spec(
        "int", "seconds counted down before every start and stop", minimum=0, maximum=10
    ),
    "lead_in": duration("time before the first exercise, for the introduction", positive=True),
    "switch_sides": duration("pause to change sides on a one-sided exercise", positive=True),
    "outro": duration("time after the last exercise, for the summary", positive=True),
}
HOLD = {
    "what": Spec("str", "what to hold, e.g. 'high plank'", required=True),
    "for": duration("how long to hold (at least 1s)", required=True, at_least=1000),
    "each": Spec(
        "choice",
        "hold after every rep (needs a tempo) or once per set",
        choices=get_args(HoldUnit),
    ),
}
EXERCISE = {
    "name": Spec("str", "exercise name, spoken as written", required=True),
    "cue": Spec("str", "form cue spoken before the exercise"),
    "equipment": Spec("strings", "equipment needed (a name or a list)"),
    "work": duration("time per set for a timed exercise (default: defaults.work)", positive=True),
    "sets": Spec("int", "number of sets", minimum=1, maximum=100),
    "reps": Spec(
        "per_set",
        "reps per set (instead of work), or a list of them, one a set: [12, 10, 8]",
        item=Spec("int", "reps of a set", minimum=1, maximum=500),
    ),
    "tempo": Spec(
        "tempo",
        "time per rep, e.g. 3s or 2-1-2 (at least 1s); the coach counts reps aloud",
        minimum=1000,
    ),
    "set_time": duration("time allowed per set of reps when there is no tempo", positive=True),
    "distance": Spec("distance", "how far, with work the time to cover it: 400m, 5km, 1mi, 800yd"),
    "hold": Spec("object", "a hold inside each rep or set", fields=HOLD),
    "sides": Spec("bool", "one-sided: each set is done left, then right"),
    "rest": Spec(
        "per_set",
        "rest between sets of this exercise, or a list of them, one between each two sets",
        item=duration("rest between two sets"),
    ),
    "rest_after": duration("rest after this exercise"),
    "recovery": Spec(
        "bool",
        "an easy activity between efforts (a walk between runs): announced by its name, "
        "never as a rest, and not counted as a set",
    ),
    "calls": duration(
        "call the time left this often during its timed work or hold (at least 30s), "
        "e.g. 1m: 'four minutes left'",
        positive=True,
    ),
}
AN_EXERCISE = Spec("object", "an exercise", fields=EXERCISE)
MOVE = Spec("named", "an exercise, or just its name", fields=EXERCISE)
TABATA = {
    "exercises": Spec("list", "exercises, taken in turn", required=True, minimum=1, item=MOVE),
    "intervals": Spec("int", "work intervals in all (default 8)", minimum=1, maximum=100),
    "work": duration("work per interval (default 20s)", positive=True),
    "rest": duration("rest after each interval (default 10s)", positive=True),
    "rest_after": duration("rest after the last interval, before what follows (default: rest)"),
}
EMOM_MAX_MINUTES = 180
REST_INTERVAL = "rest"  # an EMOM's move of that name alone is an interval of rest ("Min 4 - Rest")
EMOM = {
    "minutes": Spec(
        "int",
        "how many minutes in all (whole intervals)",
        required=True,
        minimum=1,
        maximum=EMOM_MAX_MINUTES,
    ),
    "every": duration("the interval, 10s to 10m (default 1m): every 2m, every 90s", positive=True),
    "exercises": Spec(
        "list",
        "exercises, one per interval in turn; `Rest` alone for an interval of rest after a move",
        required=True,
        minimum=1,
        item=MOVE,
    ),
    "work": duration(
        "working part of each interval for timed or untimed-rep exercises (default 40s,"
        " or with together the interval less a fifth of it, 5s to 1m); the rest of the"
        " interval is rest",
        positive=True,
    ),
    "together": Spec(
        "bool",
        "every exercise in every interval, one after another, and what the interval leaves"
        " to recover (default: one exercise an interval, in turn)",
    ),
    "rest_after": duration(
        "rest after the last interval has run out, before what follows (default: none)"
    ),
}
EVERY_MS = (10_000, 600_000)  # the shortest and longest EMOM interval
AMRAP = {
    "cap": duration("the time cap", positive=True, required=True),
    "exercises": Spec(
        "list", "the round, repeated as often as possible", required=True, minimum=1, item=MOVE
    ),
    # A call takes a few seconds to say: more often, they would only crowd each other out.
    "calls": duration(
        "how often the coach calls the time left (default 1m, or more for a cap over two "
        "hours; at least 10s, at most 120 calls)",
        at_least=10_000,
    ),
    "rest_after": duration(
        "rest after the time cap, before what follows (default: defaults.rest_between_exercises)"
    ),
}
FOR_TIME = {
    "cap": duration("the time cap", positive=True, required=True),
    "rounds": Spec("int", "rounds to finish (default 1)", minimum=1, maximum=100),
    "reps_per_round": Spec(
        "list",
        "reps of every move in each round, e.g. [21, 15, 9] (as many rounds)",
        minimum=1,
        maximum=50,
        item=Spec("int", "reps of a round", minimum=1, maximum=500),
    ),
    "exercises": Spec("list", "the moves of a round", required=True, minimum=1, item=MOVE),
    "calls": AMRAP["calls"],
    "rest_after": duration(
        "rest after the time cap, before what follows (default: defaults.rest_between_exercises)"
    ),
}
MAX_RUNGS = 50
LADDER = {
    "exercise": Spec(
        "named", "the exercise climbing the ladder (with reps)", required=True, fields=EXERCISE
    ),
    "reps": Spec(
        "list",
        "reps of each rung, e.g. [2, 4, 6, 8] (or give from and to)",
        minimum=1,
        maximum=MAX_RUNGS,
        item=Spec("int", "reps of a rung", minimum=1, maximum=500),
    ),
    "from": Spec("int", "reps of the first rung (with to)", minimum=1, maximum=500),
    "to": Spec("int", "reps of the top (or bottom) rung", minimum=1, maximum=500),
    "step": Spec("int", "reps added (or taken) each rung (default 1)", minimum=1, maximum=500),
    "down": Spec("bool", "come back down to from: 1-6-1 (a pyramid)"),
    "rest": duration("rest between rungs (default: defaults.rest_between_sets)"),
}
EPISODE = {
    "number": Spec(
        "int",
        "episode number (default: by file name, after the numbered ones)",
        minimum=1,
        maximum=100000,
    ),
    "season": Spec("int", "season number", minimum=1, maximum=1000),
    "date": Spec("date", "publication date, YYYY-MM-DD (default: from the show's start_date)"),
    "guid": Spec("str", "a fixed identifier for the feed (default: derived from the title)"),
    "image": Spec("str", "the episode's own cover art: a .jpg/.png beside the routine"),
}
NEWS = {
    "name": Spec("str", "the exercise or block that changed", required=True),
    "field": Spec("choice", "what changed", required=True, choices=CHANGES),
    "value": Spec("amount", "its new value: a count, or a duration", required=True),
}
PLACE = {
    "title": Spec("str", "the program's title", required=True),
    "week": Spec("int", "the week of this session", required=True, minimum=1, maximum=1000),
    "weeks": Spec("int", "weeks in the program", required=True, minimum=1, maximum=1000),
    "session": Spec("int", "the session in its week", required=True, minimum=1, maximum=100),
    "number": Spec("int", "the session in the program", required=True, minimum=1, maximum=10000),
    "total": Spec("int", "sessions in the program", required=True, minimum=1, maximum=10000),
    "new": Spec("list", "what is new today", item=Spec("object", "a change", fields=NEWS)),
}
BLOCK = {
    "name": Spec("str", "block name, e.g. Warm-up", required=True),
    "rounds": Spec(
        "int", "how many times the block's exercises are repeated", minimum=1, maximum=100
    ),
    "rest_between_rounds": duration("rest between rounds of this block"),
    "exercises": Spec(
        "list",
        "the block's exercises",
        minimum=1,
        item=AN_EXERCISE,
    ),
    "tabata": Spec(
        "object", "instead of exercises: Tabata intervals (8 x 20s work / 10s rest)", fields=TABATA
    ),
    "emom": Spec("object", "instead of exercises: every minute on the minute", fields=EMOM),
    "amrap": Spec(
        "object", "instead of exercises: as many rounds as possible in a time cap", fields=AMRAP
    ),
    "for_time": Spec(
        "object", "instead of exercises: rounds for time, within a time cap", fields=FOR_TIME
    ),
    "ladder": Spec(
        "object", "instead of exercises: one exercise with rising (or falling) reps", fields=LADDER
    ),
}
ROUTINE = {
    "title": Spec("str", "title of the workout", required=True),
    "description": Spec("str", "a sentence or two about the workout"),
    "language": Spec("choice", "language of the coach's phrases and numbers", choices=LANGUAGES),
    "cues": Spec("choice", "how much the coach says", choices=VERBOSITY),
    "episode": Spec("object", "podcast episode details, for repcast batch", fields=EPISODE),
    "voice": Spec("object", "the coach's voice", fields=VOICE),
    "pronounce": PRONOUNCE_SPEC,
    "program": Spec(
        "object",
        "where this session sits in a training program (written by repcast program)",
        fields=PLACE,
    ),
    "defaults": Spec(
        "object", "timings used where an exercise or block does not say", fields=DEFAULTS
    ),
    "blocks": Spec(
        "list",
        "blocks in order (warm-up, main circuit, cool-down)",
        minimum=1,
        item=Spec("object", "a block", fields=BLOCK),
    ),
    "exercises": Spec(
        "list",
        "shorthand for a single block",
        minimum=1,
        item=AN_EXERCISE,
    ),
}


def parse_routine(data: Any, source: str = "<routine>") -> Routine:
    """Validate an already-parsed document and build the Routine."""
    c = Checker(source)
    doc = c.obj(data, ROUTINE, "")
    if ("blocks" in doc) == ("exercises" in doc):
        raise c.fail("blocks", "give either blocks or exercises (exactly one of them)")
    if "blocks" in doc:
        blocks = tuple(_block(c, b, f"blocks[{i}]", doc) for i, b in enumerate(doc["blocks"]))
    else:
        only = {"name": "Workout", "exercises": doc["exercises"]}
        blocks = (_block(c, only, "", doc),)
    count = sum(len(b.exercises) for b in blocks)
    if count > MAX_EXERCISES:
        raise c.fail(
            "blocks" if "blocks" in doc else "exercises",
            f"{count} exercises in all; a routine has at most {MAX_EXERCISES}",
        )
    voice = doc.get("voice", {})
    d = doc.get("defaults", {})
    base = Defaults()
    defaults = (
        Defaults(
            **{f"{k}_ms" if k != "countdown" else k: v for k, v in d.items()},
        )
        if d
        else base
    )
    return Routine(
        title=doc["title"],
        description=doc.get("description", ""),
        voice=Voice(**{k: voice[k] for k in voice}),
        defaults=defaults,
        blocks=blocks,
        language=doc.get("language", "en"),
        verbosity=doc.get("cues", "standard"),
        episode=EpisodeSpec(**doc.get("episode", {})),
        pronounce=doc.get("pronounce", {}),
        place=_place(c, doc["program"]) if "program" in doc else None,
        source=source,
    )


def _place(c: Checker, p: dict[str, Any]) -> Place:
    if not p["week"] <= p["weeks"] or not p["number"] <= p["total"]:
        raise c.fail("program", "the week and number must lie within the program")
    news = []
    for i, n in enumerate(p.get("new", [])):
        news.append(
            News(n["name"], n["field"], amount(c, n["value"], n["field"], f"program.new[{i}]"))
        )
    return Place(
        p["title"], p["week"], p["weeks"], p["session"], p["number"], p["total"], tuple(news)
    )


def amount(c: Checker, value: int | float | str, what: Change, path: str) -> int:
    """A progression's value as a routine holds it: milliseconds for a time (a bare number
    is seconds, as everywhere in a routine), else a whole count."""
    if what in TIMED_CHANGES:
        return c.check(value, duration("a time"), path)
    if isinstance(value, int):
        return value
    raise c.fail(path, f"expected a whole number of {what}, got {value!r}")


def _block(c: Checker, b: dict[str, Any], path: str, doc: dict[str, Any]) -> Block:
    """A block, with any template expanded into plain exercises and rounds."""
    given = [k for k in ("exercises", *TEMPLATES) if k in b]
    if len(given) != 1:
        raise c.fail(path, f"give exactly one of exercises, {', '.join(TEMPLATES)}")
    at = f"{path}.{given[0]}" if path else given[0]
    if "exercises" in b:
        exercises = tuple(_exercise(c, e, f"{at}[{i}]") for i, e in enumerate(b["exercises"]))
        return Block(b["name"], exercises, b.get("rounds", 1), b.get("rest_between_rounds"))
    if "rounds" in b or "rest_between_rounds" in b:
        raise c.fail(path, f"a {given[0]} block sets its own rounds and rests")
    template = next(t for t in TEMPLATES if t in b)
    t = b[template]
    moves = [_exercise(c, e, f"{at}.exercises[{i}]") for i, e in enumerate(t.get("exercises", []))]
    return _EXPAND[template](c, b["name"], t, moves, at, doc)


def _tabata(
    c: Checker, name: str, t: dict[str, Any], moves: list[Exercise], at: str, doc: dict[str, Any]
) -> Block:
    work, rest, n = t.get("work", 20_000), t.get("rest", 10_000), t.get("intervals", 8)
    if n % len(moves):
        raise c.fail(
            f"{at}.intervals", f"{n} intervals cannot be shared evenly by {len(moves)} exercises"
        )
    for i, m in enumerate(moves):
        if not m.timed or m.sets != 1:
            raise c.fail(f"{at}.exercises[{i}]", "Tabata exercises are timed single sets")
    timed = [replace(m, work_ms=work, rest_after_ms=rest) for m in moves]
    timed[-1] = replace(timed[-1], rest_after_ms=t.get("rest_after", rest))
    return Block(name, tuple(timed), n // len(moves), rest, "tabata")


def _emom(
    c: Checker, name: str, t: dict[str, Any], moves: list[Exercise], at: str, doc: dict[str, Any]
) -> Block:
    minutes, default_work, every = t["minutes"], t.get("work", 40_000), t.get("every", 60_000)
    if not EVERY_MS[0] <= every <= EVERY_MS[1]:
        raise c.fail(f"{at}.every", "must be between 10s and 10m")
    intervals, part = divmod(minutes * 60_000, every)
    if part:
        raise c.fail(f"{at}.minutes", f"{minutes} minutes are not a whole number of intervals")
    # ("Min 4 - Rest": a whole interval of rest, which lengthens the rest after the move
    # before it in every round)
    resting = list(map(rest_interval, t["exercises"]))
    if t.get("together") and any(resting):
        raise c.fail(f"{at}.exercises[{resting.index(True)}]", "every interval holds every move")
    if t.get("together"):
        return _window(c, name, t, moves, at, intervals)
    if resting[0] or all(resting):
        raise c.fail(f"{at}.exercises[0]", "an interval of rest follows a move: put a move first")
    if intervals % len(moves):
        raise c.fail(
            f"{at}.minutes",
            f"{intervals} intervals cannot be shared evenly by {len(moves)} "
            + ("intervals a round" if any(resting) else "exercises"),
        )
    out: list[Exercise] = []
    for i, m in enumerate(moves):
        if resting[i]:
            out[-1] = replace(out[-1], rest_after_ms=(out[-1].rest_after_ms or 0) + every)
            continue
        m = _emom_work(m, default_work)
        busy = (m.reps or 0) * (m.tempo_ms or 0) or m.set_time_ms or m.work_ms or 0
        if m.sets != 1 or m.hold or m.sides or busy >= every:
            raise c.fail(
                f"{at}.exercises[{i}]",
                "an EMOM exercise must be one set that takes less than the interval",
            )
        out.append(replace(m, rest_after_ms=every - busy))
    left = out[-1].rest_after_ms  # what the last interval leaves, between rounds
    if "rest_after" in t:
        out[-1] = replace(out[-1], rest_after_ms=(left or 0) + t["rest_after"])
    return Block(name, tuple(out), intervals // len(moves), left, "emom", every)


def rest_interval(entry: Any) -> bool:
    """Whether an EMOM's entry is an interval of rest: a move named "Rest" and nothing else."""
    return (
        isinstance(entry, dict)
        and set(entry) == {"name"}
        and (str(entry["name"]).lower() == REST_INTERVAL)
    )


def window_work(every: int) -> int:
    """The working part of an interval that holds every move, when no one says: the
    interval less a fifth of it to recover, in whole seconds, at least 5 s, at most a
    minute."""
    return every - min(60_000, max(5_000, every // 5 // 1000 * 1000))


def _window(
    c: Checker, name: str, t: dict[str, Any], moves: list[Exercise], at: str, intervals: int
) -> Block:
    """Every move in every interval ("Every 5:00 x 4: 400 m run, 15 wall balls"): one timed
    piece an interval whose cue lists the moves, then what the interval leaves. The athlete
    sets the pace inside it; the intervals start on the clock whatever the pace."""
    every = t.get("every", 60_000)
    work = t.get("work", window_work(every))
    if work >= every:
        raise c.fail(f"{at}.work", "must be shorter than the interval")
    for i, m in enumerate(moves):
        if m.sets != 1 or m.hold or m.sides:
            raise c.fail(f"{at}.exercises[{i}]", "each exercise of an interval is one set")
    after = every - work + t.get("rest_after", 0)
    piece = _timed_piece(c, name, {"cap": work, "rest_after": after}, moves, at)
    return Block(name, (piece,), intervals, every - work, "emom", every, together=True)


def _amrap(
    c: Checker, name: str, t: dict[str, Any], moves: list[Exercise], at: str, doc: dict[str, Any]
) -> Block:
    return Block(name, (_timed_piece(c, name, t, moves, at),), template="amrap")


def _for_time(
    c: Checker, name: str, t: dict[str, Any], moves: list[Exercise], at: str, doc: dict[str, Any]
) -> Block:
    """Like an AMRAP, one timed piece as long as the cap; the coach reads the rounds."""
    scheme = tuple(t.get("reps_per_round", ()))
    if scheme and t.get("rounds", len(scheme)) != len(scheme):
        raise c.fail(f"{at}.rounds", f"reps_per_round gives {len(scheme)} rounds")
    if scheme and any(m.reps for m in moves):
        raise c.fail(f"{at}.exercises", "reps_per_round sets the reps; leave them out")
    piece = _timed_piece(c, name, t, moves, at)
    return Block(
        name, (piece,), template="for_time", round_reps=scheme or (0,) * t.get("rounds", 1)
    )


def _timed_piece(
    c: Checker, name: str, t: dict[str, Any], moves: list[Exercise], at: str
) -> Exercise:
    """One exercise as long as the cap whose cue lists the round; the time is called."""
    parts = [_with_amount(m) for m in moves]
    said = dict.fromkeys([", ".join(parts), *(m.cue for m in moves)])  # each cue once
    cue = " ".join(_full_stop(s) for s in said if s)
    if len(cue) > MAX_SAID:
        raise c.fail(
            f"{at}.exercises",
            f"the round's names and cues come to {len(cue)} characters; one cue says at most "
            f"{MAX_SAID}",
        )
    cap, calls = t["cap"], t.get("calls")
    if calls is None:
        # A minute apart, or as many whole minutes as keep a long cap to MAX_CALLS calls.
        calls = max(1, -(-cap // (MAX_CALLS * 60_000))) * 60_000
    elif cap // calls > MAX_CALLS:
        least = exact_seconds(-(-cap // MAX_CALLS))
        raise c.fail(
            f"{at}.calls",
            f"{cap // calls} calls in the cap; at most {MAX_CALLS}: call every {least}s or less "
            "often",
        )
    kit = tuple(dict.fromkeys(e for m in moves for e in m.equipment))
    return Exercise(
        name=name,
        cue=cue,
        equipment=kit,
        work_ms=cap,
        time_calls_ms=calls,
        rest_after_ms=t.get("rest_after"),
        moves=len(moves),
    )


def _with_amount(m: Exercise) -> str:
    """A move of a round as the coach reads it: "21 Hops", "200m Run", "Devil press"."""
    if m.reps:
        return f"{m.reps} {m.name}"
    if m.distance:
        return f"{m.distance[0]}{m.distance[1]} {m.name}"
    return m.name


def _ladder(
    c: Checker, name: str, t: dict[str, Any], moves: list[Exercise], at: str, doc: dict[str, Any]
) -> Block:
    if {"work", "reps", "sets"} & set(t["exercise"]):
        raise c.fail(f"{at}.exercise", "a ladder sets the reps; leave out work, reps and sets")
    reps = _rungs(c, t, at)
    base = _exercise(c, {**t["exercise"], "reps": reps[0]}, f"{at}.exercise")
    rest = t.get(
        "rest", doc.get("defaults", {}).get("rest_between_sets", Defaults.rest_between_sets_ms)
    )
    rungs = tuple(replace(base, reps=r, rest_after_ms=rest) for r in reps)
    return Block(name, rungs, template="ladder")


def _rungs(c: Checker, t: dict[str, Any], at: str) -> list[int]:
    """The explicit rungs, or from, to, step and down: 1, 2, ... 6, 5, ... 1."""
    by_step = [k for k in ("from", "to", "step", "down") if k in t]
    if ("reps" in t) == bool(by_step):
        raise c.fail(at, "give either reps (the rungs) or from and to, not both")
    if "reps" in t:
        return list(t["reps"])
    if "from" not in t or "to" not in t:
        raise c.fail(f"{at}.{'to' if 'from' in t else 'from'}", "is required with from/to")
    first, last, step = t["from"], t["to"], t.get("step", 1)
    if (last - first) % step:
        raise c.fail(f"{at}.step", f"steps of {step} from {first} do not reach {last}")
    way = list(range(first, last + 1, step) if last >= first else range(first, last - 1, -step))
    rungs = way + way[-2::-1] if t.get("down") else way
    if len(rungs) > MAX_RUNGS:
        raise c.fail(at, f"gives {len(rungs)} rungs; at most {MAX_RUNGS}")
    return rungs


# How each template becomes plain exercises and rounds.
_EXPAND: dict[
    Template,
    Callable[[Checker, str, dict[str, Any], list[Exercise], str, dict[str, Any]], Block],
] = {
    "tabata": _tabata,
    "emom": _emom,
    "amrap": _amrap,
    "for_time": _for_time,
    "ladder": _ladder,
}


def _full_stop(sentence: str) -> str:
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."


def _emom_work(m: Exercise, work: int) -> Exercise:
    if m.timed:
        return replace(m, work_ms=m.work_ms or work)
    if m.tempo_ms:
        return m
    return replace(m, set_time_ms=m.set_time_ms or work)


def _exercise(c: Checker, e: dict[str, Any], path: str) -> Exercise:
    if "work" in e and "reps" in e:
        raise c.fail(path, "give either work (a timed exercise) or reps, not both")
    if "tempo" in e and "reps" not in e:
        raise c.fail(f"{path}.tempo", "a tempo needs reps")
    if "set_time" in e and ("reps" not in e or "tempo" in e):
        raise c.fail(f"{path}.set_time", "set_time is for reps without a tempo")
    if "calls" in e and e["calls"] < MIN_CALLS_MS:
        raise c.fail(f"{path}.calls", "call the time at most every 30s")
    if "calls" in e and "work" not in e and "hold" not in e:
        raise c.fail(f"{path}.calls", "time calls are for timed work or a hold")
    if e.get("recovery") and "reps" in e:
        raise c.fail(f"{path}.recovery", "a recovery is timed: give it work, not reps")
    reps, rest = e.get("reps"), e.get("rest")
    sets = e.get("sets", len(reps) if isinstance(reps, tuple) else 1)
    if isinstance(reps, tuple) and sets != len(reps):
        raise c.fail(f"{path}.sets", f"{sets} sets, but reps gives {len(reps)}")
    if isinstance(rest, tuple) and len(rest) != sets - 1:
        need = f"{sets} sets need {sets - 1} rests between them, not {len(rest)}"
        raise c.fail(f"{path}.rest", need)
    # A list of one is the single value it holds: one way to write each routine.
    if isinstance(reps, tuple) and len(reps) == 1:
        reps = reps[0]
    if isinstance(rest, tuple) and len(rest) == 1:
        rest = rest[0]
    if "distance" in e and "work" not in e:
        raise c.fail(f"{path}.distance", "a distance needs work, the time to cover it")
    hold = None
    if "hold" in e:
        h = e["hold"]
        hold = Hold(what=h["what"], ms=h["for"], each=h.get("each", "set"))
        if hold.each == "rep" and "tempo" not in e:
            raise c.fail(f"{path}.hold.each", "a hold on every rep needs a tempo")
    return Exercise(
        name=e["name"],
        cue=e.get("cue", ""),
        equipment=e.get("equipment", ()),
        sets=sets,
        reps=reps[0] if isinstance(reps, tuple) else reps,
        set_reps=reps if isinstance(reps, tuple) else (),
        work_ms=e.get("work"),
        distance=e.get("distance"),
        tempo_ms=e.get("tempo"),
        set_time_ms=e.get("set_time"),
        hold=hold,
        sides=e.get("sides", False),
        rest_ms=None if isinstance(rest, tuple) else rest,
        set_rests_ms=rest if isinstance(rest, tuple) else (),
        rest_after_ms=e.get("rest_after"),
        time_calls_ms=e.get("calls"),
        recovery=e.get("recovery", False),
    )


def load_routine(path: str | Path) -> Routine:
    """Read a YAML or JSON routine file (``-``: standard input, as YAML); every problem is an
    ``InputError`` naming the file."""
    return parse_routine(load_document(path, "a routine file"), source_name(path))


def parse_text(text: str, source: str, *, json_only: bool = False) -> Routine:
    return parse_routine(parse_document(text, source, json_only=json_only), source)


def with_voice(routine: Routine, **changes: Any) -> Routine:
    """The routine with voice fields replaced, validated as the file's would be."""
    checker = Checker("")
    checked = {}
    for option, value in changes.items():
        if value is None:
            continue
        key = "name" if option == "voice" else option
        checked[key] = checker.check(value, VOICE[key], f"--{option}")
    return replace(routine, voice=replace(routine.voice, **checked))


BUILTIN_SOURCE = f"<built-in {BUILTIN_NAME}>"


def builtin_document() -> Any:
    """The built-in routine's document, as its file holds it."""
    text = resources.files("repcast").joinpath(f"data/{BUILTIN_NAME}.yaml").read_text("utf-8")
    return parse_document(text, BUILTIN_SOURCE)


def builtin_routine() -> Routine:
    """The built-in "Upper body for runners" routine shipped inside the package."""
    return parse_routine(builtin_document(), BUILTIN_SOURCE)


# --- JSON Schema ----------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the routine format (the tables above), for editors."""
    schema = schema_of(Spec("object", "A RepCast workout routine", fields=ROUTINE))
    schema["oneOf"] = [{"required": ["blocks"]}, {"required": ["exercises"]}]
    block = schema["properties"]["blocks"]["items"]
    block["oneOf"] = [{"required": [k]} for k in ("exercises", *TEMPLATES)]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "RepCast routine",
        **schema,
    }
