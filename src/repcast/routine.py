"""Load and validate a routine file (YAML or JSON) into frozen data types.

The field tables below are the single source of truth: the validator walks them and
``json_schema()`` publishes them, so the schema an editor sees is the one enforced here.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import InputError
from .files import load_yaml, read_text
from .phrases import DEFAULT_VOICES, LANGUAGES, VERBOSITY, Phrasebook, phrasebook_for, pronouncer
from .timing import parse_duration

BUILTIN_NAME = "upper-body-for-runners"


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
    each: str  # "rep" or "set"


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
    time_calls_ms: int | None = None  # call the time left this often (an AMRAP's cap)

    @property
    def timed(self) -> bool:
        return self.reps is None


@dataclass(frozen=True)
class Block:
    name: str
    exercises: tuple[Exercise, ...]
    rounds: int = 1
    rest_between_rounds_ms: int | None = None
    template: str = ""  # tabata, emom, amrap or ladder: timing re-timing leaves alone


@dataclass(frozen=True)
class EpisodeSpec:
    number: int | None = None
    season: int | None = None
    date: datetime.date | None = None
    guid: str | None = None
    image: str | None = None  # a path relative to the routine file


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
        return pronouncer({**book.pronounce, **self.pronounce})

    @property
    def exercises(self) -> tuple[Exercise, ...]:
        return tuple(e for b in self.blocks for e in b.exercises)

    @property
    def equipment(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for exercise in self.exercises:
            for item in exercise.equipment:
                seen.setdefault(item.strip().lower(), None)
        return tuple(seen)


# --- field tables ---------------------------------------------------------------------


@dataclass(frozen=True)
class F:
    kind: str  # str, int, bool, duration, tempo, strings, words, choice, object, list
    doc: str
    required: bool = False
    minimum: int | None = None
    maximum: int | None = None
    fields: dict[str, F] | None = None
    item: F | None = None
    choices: tuple[str, ...] = ()


def _d(doc: str, *, positive: bool = False, required: bool = False) -> F:
    return F("duration", doc, required=required, minimum=1 if positive else 0)


VOICE = {
    "name": F(
        "str",
        "an espeak-ng voice (language code, identifier or name), a Piper voice (any "
        "unambiguous part of its name) or a path to a Piper .onnx model",
    ),
    "rate": F("int", "speaking rate in words per minute", minimum=80, maximum=450),
    "pitch": F("int", "voice pitch, 0 to 100 (50 is normal)", minimum=0, maximum=100),
}
DEFAULTS = {
    "work": _d("length of a timed exercise that gives neither work nor reps", positive=True),
    "set_time": _d("time allowed for a set of reps without a tempo", positive=True),
    "rest_between_sets": _d("rest between two sets of one exercise"),
    "rest_between_exercises": _d("rest between two exercises, and between blocks"),
    "rest_between_rounds": _d("rest between two rounds of a block"),
    "countdown": F(
        "int", "seconds counted down before every start and stop", minimum=0, maximum=10
    ),
    "lead_in": _d("time before the first exercise, for the introduction", positive=True),
    "switch_sides": _d("pause to change sides on a one-sided exercise", positive=True),
    "outro": _d("time after the last exercise, for the summary", positive=True),
}
HOLD = {
    "what": F("str", "what to hold, e.g. 'high plank'", required=True),
    "for": _d("how long to hold", positive=True, required=True),
    "each": F(
        "choice", "hold after every rep (needs a tempo) or once per set", choices=("rep", "set")
    ),
}
EXERCISE = {
    "name": F("str", "exercise name, spoken as written", required=True),
    "cue": F("str", "form cue spoken before the exercise"),
    "equipment": F("strings", "equipment needed (a name or a list)"),
    "work": _d("time per set for a timed exercise (default: defaults.work)", positive=True),
    "sets": F("int", "number of sets", minimum=1, maximum=100),
    "reps": F("int", "reps per set (instead of work)", minimum=1, maximum=500),
    "tempo": F("tempo", "time per rep, e.g. 3s or 2-1-2; the coach counts reps aloud"),
    "set_time": _d("time allowed per set of reps when there is no tempo", positive=True),
    "hold": F("object", "a hold inside each rep or set", fields=HOLD),
    "sides": F("bool", "one-sided: each set is done left, then right"),
    "rest": _d("rest between sets of this exercise"),
    "rest_after": _d("rest after this exercise"),
}
MOVE = F("move", "an exercise, or just its name")
MOVES = F("list", "exercises", required=True, minimum=1, item=MOVE)
TABATA = {
    "exercises": F("list", "exercises, taken in turn", required=True, minimum=1, item=MOVE),
    "intervals": F("int", "work intervals in all (default 8)", minimum=1, maximum=100),
    "work": _d("work per interval (default 20s)", positive=True),
    "rest": _d("rest after each interval (default 10s)", positive=True),
}
EMOM = {
    "minutes": F("int", "how many minutes", required=True, minimum=1, maximum=180),
    "exercises": F(
        "list", "exercises, one per minute in turn", required=True, minimum=1, item=MOVE
    ),
    "work": _d(
        "working part of each minute for timed or untimed-rep exercises (default 40s);"
        " the rest of the minute is rest",
        positive=True,
    ),
}
AMRAP = {
    "cap": _d("the time cap", positive=True, required=True),
    "exercises": F(
        "list", "the round, repeated as often as possible", required=True, minimum=1, item=MOVE
    ),
    "calls": _d("how often the coach calls the time left (default 1m)", positive=True),
}
LADDER = {
    "exercise": F("move", "the exercise climbing the ladder (with reps)", required=True),
    "reps": F(
        "list",
        "reps of each rung, e.g. [2, 4, 6, 8]",
        required=True,
        minimum=1,
        item=F("int", "reps of a rung", minimum=1, maximum=500),
    ),
    "rest": _d("rest between rungs (default: defaults.rest_between_sets)"),
}
TEMPLATES = ("tabata", "emom", "amrap", "ladder")
EPISODE = {
    "number": F(
        "int",
        "episode number (default: by file name, after the numbered ones)",
        minimum=1,
        maximum=100000,
    ),
    "season": F("int", "season number", minimum=1, maximum=1000),
    "date": F("date", "publication date, YYYY-MM-DD (default: from the show's start_date)"),
    "guid": F("str", "a fixed identifier for the feed (default: derived from the title)"),
    "image": F("str", "the episode's own cover art: a .jpg/.png beside the routine"),
}
BLOCK = {
    "name": F("str", "block name, e.g. Warm-up", required=True),
    "rounds": F("int", "how many times the block's exercises are repeated", minimum=1, maximum=100),
    "rest_between_rounds": _d("rest between rounds of this block"),
    "exercises": F(
        "list", "the block's exercises", minimum=1, item=F("object", "an exercise", fields=EXERCISE)
    ),
    "tabata": F(
        "object", "instead of exercises: Tabata intervals (8 x 20s work / 10s rest)", fields=TABATA
    ),
    "emom": F("object", "instead of exercises: every minute on the minute", fields=EMOM),
    "amrap": F(
        "object", "instead of exercises: as many rounds as possible in a time cap", fields=AMRAP
    ),
    "ladder": F(
        "object", "instead of exercises: one exercise with rising (or falling) reps", fields=LADDER
    ),
}
ROUTINE = {
    "title": F("str", "title of the workout", required=True),
    "description": F("str", "a sentence or two about the workout"),
    "language": F("choice", "language of the coach's phrases and numbers", choices=LANGUAGES),
    "cues": F("choice", "how much the coach says", choices=VERBOSITY),
    "episode": F("object", "podcast episode details, for repcast batch", fields=EPISODE),
    "voice": F("object", "the coach's voice", fields=VOICE),
    "pronounce": F(
        "words",
        "how to say words the voice gets wrong: written word or phrase -> what to say "
        "(whole words, any case; transcripts keep the written words)",
    ),
    "defaults": F(
        "object", "timings used where an exercise or block does not say", fields=DEFAULTS
    ),
    "blocks": F(
        "list",
        "blocks in order (warm-up, main circuit, cool-down)",
        minimum=1,
        item=F("object", "a block", fields=BLOCK),
    ),
    "exercises": F(
        "list",
        "shorthand for a single block",
        minimum=1,
        item=F("object", "an exercise", fields=EXERCISE),
    ),
}

_TEMPO_RE = re.compile(r"\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?){1,3}")


class _Checker:
    def __init__(self, source: str):
        self.source = source

    def fail(self, path: str, reason: str) -> InputError:
        return InputError(reason, file=self.source or None, field=path or None)

    def check(self, value: Any, spec: F, path: str) -> Any:
        kind = spec.kind
        if kind == "object":
            return self.obj(value, spec.fields or {}, path)
        if kind == "list":
            if not isinstance(value, list):
                raise self.fail(path, f"expected a list, got {_type(value)}")
            if spec.minimum and len(value) < spec.minimum:
                raise self.fail(path, "must not be empty")
            assert spec.item is not None
            return [self.check(v, spec.item, f"{path}[{i}]") for i, v in enumerate(value)]
        if kind == "move":
            return self.obj({"name": value} if isinstance(value, str) else value, EXERCISE, path)
        if kind == "str":
            return self.text(value, path)
        if kind == "strings":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list):
                raise self.fail(path, f"expected a name or a list of names, got {_type(value)}")
            return tuple(self.text(v, f"{path}[{i}]") for i, v in enumerate(items))
        if kind == "words":
            if not isinstance(value, dict):
                raise self.fail(
                    path, f"expected a mapping of words to what to say, got {_type(value)}"
                )
            return {self.text(k, path): self.text(v, f"{path}.{k}") for k, v in value.items()}
        if kind == "bool":
            if not isinstance(value, bool):
                raise self.fail(path, f"expected true or false, got {value!r}")
            return value
        if kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                raise self.fail(path, f"expected a whole number, got {value!r}")
            if spec.minimum is not None and value < spec.minimum:
                raise self.fail(path, f"must be at least {spec.minimum}, got {value}")
            if spec.maximum is not None and value > spec.maximum:
                raise self.fail(path, f"must be at most {spec.maximum}, got {value}")
            return value
        if kind == "date":
            if isinstance(value, datetime.date):
                return value
            if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                with contextlib.suppress(ValueError):
                    return datetime.date.fromisoformat(value.strip())
            raise self.fail(path, f"expected a date like 2026-01-05, got {value!r}")
        if kind == "choice":
            if value not in spec.choices:
                raise self.fail(path, f"must be one of {', '.join(spec.choices)}, got {value!r}")
            return value
        if kind == "tempo" and isinstance(value, str) and _TEMPO_RE.fullmatch(value.strip()):
            ms = round(sum(float(p) for p in value.strip().split("-")) * 1000)
            return self.positive(ms, path)
        try:
            ms = parse_duration(value)
        except ValueError as exc:
            raise self.fail(path, str(exc)) from None
        if (spec.minimum and ms < spec.minimum) or kind == "tempo":
            return self.positive(ms, path)
        return ms

    def positive(self, ms: int, path: str) -> int:
        if ms <= 0:
            raise self.fail(path, "must be longer than zero")
        return ms

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, got {_type(value)}")
        cleaned = " ".join(value.split())
        if any(ord(c) < 32 or ord(c) == 127 for c in cleaned):
            raise self.fail(path, "contains control characters")
        if len(cleaned) > 1000:
            raise self.fail(path, f"is {len(cleaned)} characters long; keep it under 1000")
        return cleaned

    def obj(self, value: Any, fields: dict[str, F], path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a mapping of fields, got {_type(value)}")
        out: dict[str, Any] = {}
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if key not in fields:
                near = difflib.get_close_matches(str(key), list(fields), n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                raise self.fail(where, f"unknown field{hint}")
            if item is None and not fields[key].required:
                continue
            out[key] = self.check(item, fields[key], where)
        for key, spec in fields.items():
            if spec.required and out.get(key) in (None, ""):
                where = f"{path}.{key}" if path else key
                raise self.fail(where, "is required" if key not in out else "must not be empty")
        return out


def _type(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), "nothing" if value is None else type(value).__name__
    )


def parse_routine(data: Any, source: str = "<routine>") -> Routine:
    """Validate an already-parsed document and build the Routine."""
    c = _Checker(source)
    doc = c.obj(data, ROUTINE, "")
    if ("blocks" in doc) == ("exercises" in doc):
        raise c.fail("blocks", "give either blocks or exercises (exactly one of them)")
    if "blocks" in doc:
        blocks = tuple(_block(c, b, f"blocks[{i}]", doc) for i, b in enumerate(doc["blocks"]))
    else:
        only = {"name": "Workout", "exercises": doc["exercises"]}
        blocks = (_block(c, only, "", doc),)
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
        source=source,
    )


def _block(c: _Checker, b: dict[str, Any], path: str, doc: dict[str, Any]) -> Block:
    """A block, with any template expanded into plain exercises and rounds."""
    kinds = [k for k in ("exercises", *TEMPLATES) if k in b]
    if len(kinds) != 1:
        raise c.fail(path, f"give exactly one of exercises, {', '.join(TEMPLATES)}")
    kind = kinds[0]
    at = f"{path}.{kind}" if path else kind
    if kind == "exercises":
        exercises = tuple(_exercise(c, e, f"{at}[{i}]") for i, e in enumerate(b["exercises"]))
        return Block(b["name"], exercises, b.get("rounds", 1), b.get("rest_between_rounds"))
    if "rounds" in b or "rest_between_rounds" in b:
        raise c.fail(path, f"a {kind} block sets its own rounds and rests")
    t = b[kind]
    moves = [_exercise(c, e, f"{at}.exercises[{i}]") for i, e in enumerate(t.get("exercises", []))]
    if kind == "tabata":
        work, rest, n = t.get("work", 20_000), t.get("rest", 10_000), t.get("intervals", 8)
        if n % len(moves):
            raise c.fail(
                f"{at}.intervals",
                f"{n} intervals cannot be shared evenly by {len(moves)} exercises",
            )
        for i, m in enumerate(moves):
            if not m.timed or m.sets != 1:
                raise c.fail(f"{at}.exercises[{i}]", "Tabata exercises are timed single sets")
        timed = tuple(replace(m, work_ms=work, rest_after_ms=rest) for m in moves)
        return Block(b["name"], timed, n // len(moves), rest, kind)
    if kind == "emom":
        minutes, default_work = t["minutes"], t.get("work", 40_000)
        if minutes % len(moves):
            raise c.fail(
                f"{at}.minutes",
                f"{minutes} minutes cannot be shared evenly by {len(moves)} exercises",
            )
        out = []
        for i, m in enumerate(moves):
            m = _emom_work(m, default_work)
            busy = (m.reps or 0) * (m.tempo_ms or 0) or m.set_time_ms or m.work_ms or 0
            if m.sets != 1 or m.hold or m.sides or busy >= 60_000:
                raise c.fail(
                    f"{at}.exercises[{i}]",
                    "an EMOM exercise must be one set that takes less than a minute",
                )
            out.append(replace(m, rest_after_ms=60_000 - busy))
        return Block(b["name"], tuple(out), minutes // len(moves), out[-1].rest_after_ms, kind)
    if kind == "amrap":
        parts = [f"{m.reps} {m.name}" if m.reps else m.name for m in moves]
        cue = "; ".join(filter(None, [", ".join(parts), *(m.cue for m in moves)]))
        kit = tuple(dict.fromkeys(e for m in moves for e in m.equipment))
        amrap = Exercise(
            name=b["name"],
            cue=cue,
            equipment=kit,
            work_ms=t["cap"],
            time_calls_ms=t.get("calls", 60_000),
        )
        return Block(b["name"], (amrap,), template=kind)
    if {"work", "reps", "sets"} & set(t["exercise"]):
        raise c.fail(f"{at}.exercise", "a ladder sets the reps; leave out work, reps and sets")
    base = _exercise(c, {**t["exercise"], "reps": t["reps"][0]}, f"{at}.exercise")
    rest = t.get(
        "rest", doc.get("defaults", {}).get("rest_between_sets", Defaults.rest_between_sets_ms)
    )
    rungs = tuple(replace(base, reps=r, rest_after_ms=rest) for r in t["reps"])
    return Block(b["name"], rungs, template=kind)


def _emom_work(m: Exercise, work: int) -> Exercise:
    if m.timed:
        return replace(m, work_ms=m.work_ms or work)
    if m.tempo_ms:
        return m
    return replace(m, set_time_ms=m.set_time_ms or work)


def _exercise(c: _Checker, e: dict[str, Any], path: str) -> Exercise:
    if "work" in e and "reps" in e:
        raise c.fail(path, "give either work (a timed exercise) or reps, not both")
    if "tempo" in e and "reps" not in e:
        raise c.fail(f"{path}.tempo", "a tempo needs reps")
    if "set_time" in e and ("reps" not in e or "tempo" in e):
        raise c.fail(f"{path}.set_time", "set_time is for reps without a tempo")
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
        sets=e.get("sets", 1),
        reps=e.get("reps"),
        work_ms=e.get("work"),
        tempo_ms=e.get("tempo"),
        set_time_ms=e.get("set_time"),
        hold=hold,
        sides=e.get("sides", False),
        rest_ms=e.get("rest"),
        rest_after_ms=e.get("rest_after"),
    )


def load_routine(path: str | Path) -> Routine:
    """Read a YAML or JSON routine file; every problem is an ``InputError`` naming the file."""
    path = Path(path)
    text = read_text(path, "a routine file")
    return parse_text(text, str(path), json_only=path.suffix.lower() == ".json")


def parse_text(text: str, source: str, *, json_only: bool = False) -> Routine:
    if not text.strip():
        raise InputError("is empty", file=source)
    if json_only:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"line {exc.lineno}, column {exc.colno}: {exc.msg}", file=source
            ) from None
    else:
        data = load_yaml(text, source)
    if data is None:
        raise InputError("is empty", file=source)
    return parse_routine(data, source)


def with_voice(routine: Routine, **changes: Any) -> Routine:
    """The routine with voice fields replaced, validated as the file's would be."""
    checker = _Checker("")
    checked = {}
    for option, value in changes.items():
        if value is None:
            continue
        key = "name" if option == "voice" else option
        checked[key] = checker.check(value, VOICE[key], f"--{option}")
    return replace(routine, voice=replace(routine.voice, **checked))


def builtin_routine() -> Routine:
    """The built-in "Upper body for runners" routine shipped inside the package."""
    text = resources.files("repcast").joinpath(f"data/{BUILTIN_NAME}.yaml").read_text("utf-8")
    return parse_text(text, f"<built-in {BUILTIN_NAME}>")


# --- JSON Schema ----------------------------------------------------------------------

_DURATION = {
    "anyOf": [
        {"type": "number", "minimum": 0},
        {
            "type": "string",
            "pattern": r"^\s*(\d+(\.\d+)?\s*(h|m|s|ms)?\s*)+$|^(\d+:)?\d+:[0-5]?\d(\.\d+)?$",
        },
    ]
}


def _schema(spec: F) -> dict[str, Any]:
    out: dict[str, Any]
    if spec.kind == "object":
        fields = spec.fields or {}
        out = {
            "type": "object",
            "additionalProperties": False,
            "properties": {k: _schema(v) for k, v in fields.items()},
        }
        required = [k for k, v in fields.items() if v.required]
        if required:
            out["required"] = required
    elif spec.kind == "list":
        assert spec.item is not None
        out = {"type": "array", "items": _schema(spec.item)}
        if spec.minimum:
            out["minItems"] = spec.minimum
    elif spec.kind == "duration":
        out = {"anyOf": list(_DURATION["anyOf"])}
    elif spec.kind == "tempo":
        tempo = {"type": "string", "pattern": f"^{_TEMPO_RE.pattern}$"}
        out = {"anyOf": [*_DURATION["anyOf"], tempo]}
    elif spec.kind == "move":
        out = {"anyOf": [{"type": "string"}, _schema(F("object", spec.doc, fields=EXERCISE))]}
    elif spec.kind == "strings":
        out = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    elif spec.kind == "choice":
        out = {"enum": list(spec.choices)}
    elif spec.kind == "date":
        out = {"type": "string", "format": "date"}
    elif spec.kind == "words":
        out = {"type": "object", "additionalProperties": {"type": "string"}}
    else:
        out = {"type": {"str": "string", "int": "integer", "bool": "boolean"}[spec.kind]}
        if spec.minimum is not None:
            out["minimum"] = spec.minimum
        if spec.maximum is not None:
            out["maximum"] = spec.maximum
    out["description"] = spec.doc
    return out


def json_schema() -> dict[str, Any]:
    schema = _schema(F("object", "A RepCast workout routine", fields=ROUTINE))
    schema["oneOf"] = [{"required": ["blocks"]}, {"required": ["exercises"]}]
    block = schema["properties"]["blocks"]["items"]
    block["oneOf"] = [{"required": [k]} for k in ("exercises", *TEMPLATES)]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "RepCast routine",
        **schema,
    }
