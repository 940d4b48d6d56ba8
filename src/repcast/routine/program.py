"""Training programs: one file that expands into a season of sessions, each a routine.

A program names its session templates (ordinary routines), a schedule (weeks of
sessions), progression rules that change numbers week by week or session by session, and
overrides for single sessions. Expansion works on the routine documents themselves: a rule
writes its value into the template's document, and every session is then read like any
routine file, so a number a rule produces is checked exactly as a number a user wrote.
"""

from __future__ import annotations

import copy
import math
import string
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from ..files import source_name
from ..timing import MAX_MS
from .documents import load_document
from .model import (
    CHANGES,
    ROUTINE,
    TIMED_CHANGES,
    Change,
    Routine,
    amount,
    builtin_document,
    parse_routine,
)
from .schema import Checker, Spec
from .schema import json_schema as schema_of

Every = Literal["week", "session"]
MAX_WEEKS = 104
MAX_PER_WEEK = 14
MAX_SESSIONS = 500
MAX_TEMPLATES = 20
MAX_RULES = 50
MAX_VALUES = 2_000_000  # values in all the sessions' documents together
TITLE_RULE = "{program}: week {week}, session {session}"
RESTS: tuple[Change, ...] = ("rest", "rest_after")
_TITLE_FIELDS = ("program", "week", "session", "number", "title")

TEMPLATE = {
    "name": Spec("str", "the template's name, as the schedule calls it", required=True),
    "file": Spec("str", "a routine file, relative to the program file"),
    "routine": Spec("object", "the routine itself", fields=ROUTINE),
    "builtin": Spec("bool", "the built-in routine (what repcast build builds by default)"),
}
_WEEK = Spec("list", "one week's sessions, by template name", minimum=1, item=Spec("str", "a name"))
SCHEDULE = {
    "weeks": Spec("int", "how many weeks", minimum=1, maximum=MAX_WEEKS),
    "per_week": Spec("int", "sessions a week", minimum=1, maximum=MAX_PER_WEEK),
    "rotation": Spec(
        "list",
        "the templates taken in turn through each week (default: all, in turn)",
        minimum=1,
        item=Spec("str", "a template's name"),
    ),
    "list": Spec("list", "instead of weeks and per_week: each week's sessions", item=_WEEK),
}
RULE = {
    "exercise": Spec("str", "the exercise it changes, by name (every exercise of that name)"),
    "block": Spec("str", "the block whose rounds it changes, by name"),
    "template": Spec("str", "only in this template's sessions (default: all)"),
    "field": Spec("choice", "the number it changes", required=True, choices=CHANGES),
    "every": Spec(
        "choice", "it changes every week (default) or every session", choices=get_args(Every)
    ),
    "from": Spec("amount", "its first value (default: the template's)"),
    "step": Spec("amount", "added each week (or session): 1 rep, 30s, -5s"),
    "factor": Spec("amount", "multiplied each week (or session): 1.1"),
    "values": Spec(
        "list",
        "its value in each week (or session), in order",
        minimum=1,
        item=Spec("amount", "a value"),
    ),
    "min": Spec("amount", "never below this"),
    "max": Spec("amount", "never above this (a cap: 5 sets)"),
}
DELOAD = {
    "weeks": Spec(
        "list",
        "the easy weeks: the week before's values times the factor; progress pauses",
        required=True,
        minimum=1,
        item=Spec("int", "a week", minimum=1, maximum=MAX_WEEKS),
    ),
    "factor": Spec(
        "amount", "how much of the week before's effort (default 0.7); rests stay as they were"
    ),
}
# An override may give any routine field, none of them required.
_PARTIAL = {k: replace(v, required=False) for k, v in ROUTINE.items()}
OVERRIDE = {
    "week": Spec("int", "the week", required=True, minimum=1, maximum=MAX_WEEKS),
    "session": Spec("int", "the session in that week", required=True, minimum=1),
    "routine": Spec(
        "object",
        "routine fields to change; blocks and exercises are matched by name",
        required=True,
        fields=_PARTIAL,
    ),
}
EPISODE = {
    "title": Spec(
        "str", f"each session's title, from {', '.join('{' + f + '}' for f in _TITLE_FIELDS)}"
    ),
    "season": Spec("int", "the season number in a feed (default 1)", minimum=1, maximum=1000),
}
PROGRAM = {
    "title": Spec("str", "the program's name", required=True),
    "description": Spec("str", "a sentence or two about it"),
    "sessions": Spec(
        "list",
        "the session templates",
        required=True,
        minimum=1,
        item=Spec("object", "a template", fields=TEMPLATE),
    ),
    "every_session": Spec(
        "object",
        "routine fields given to every session before the rules (a longer lead-in, a voice)",
        fields=_PARTIAL,
    ),
    "schedule": Spec("object", "which sessions, week by week", required=True, fields=SCHEDULE),
    "progression": Spec(
        "list", "rules that change numbers", item=Spec("object", "a rule", fields=RULE)
    ),
    "deload": Spec("object", "easier weeks", fields=DELOAD),
    "overrides": Spec(
        "list", "changes to single sessions", item=Spec("object", "an override", fields=OVERRIDE)
    ),
    "episode": Spec("object", "how the sessions appear as episodes", fields=EPISODE),
}


@dataclass(frozen=True)
class Rule:
    change: Change
    exercise: str | None
    block: str | None
    template: str | None
    every: Every
    start: Any
    step: Any
    factor: Any
    values: tuple[Any, ...]
    low: Any
    high: Any
    path: str


@dataclass(frozen=True)
class Session:
    """One expanded session: where it sits, its routine document and the routine."""

    number: int
    week: int
    session: int
    template: str
    document: dict[str, Any]
    routine: Routine

    @property
    def file_name(self) -> str:
        return f"{self.number:03d}-week-{self.week:02d}-session-{self.session}.yaml"

    @property
    def text(self) -> bytes:
        """The session as a routine file."""
        return yaml.safe_dump(self.document, sort_keys=False, allow_unicode=True).encode("utf-8")


@dataclass(frozen=True)
class Program:
    title: str
    sessions: tuple[Session, ...]
    source: str

    @property
    def weeks(self) -> int:
        return self.sessions[-1].week


def load_program(path: Path | str) -> Program:
    """Read and expand a program file; every problem is one ``InputError`` naming the file,
    and the session, where it lies in one."""
    return parse_program(load_document(path, "a program file"), source_name(path), Path(path))


def parse_program(data: Any, source: str, path: Path | None = None) -> Program:
    c = Checker(source)
    doc = c.obj(data, PROGRAM, "")
    folder = path.parent if path else Path()
    templates = _templates(c, data["sessions"], doc["sessions"], folder)
    schedule = _schedule(c, doc["schedule"], list(templates))
    total = sum(len(w) for w in schedule)
    every = data["every_session"] if "every_session" in doc else {}  # null: not given
    size = max(_size(t) for t in templates.values()) + _size(every)
    if size * total > MAX_VALUES:
        raise c.fail("sessions", f"{total} sessions of templates this large are too much to expand")
    rules = [_rule(c, r, f"progression[{i}]") for i, r in enumerate(doc.get("progression", []))]
    if len(rules) > MAX_RULES:
        raise c.fail("progression", f"at most {MAX_RULES} rules")
    deload = doc.get("deload", {})
    easy = set(deload.get("weeks", ()))
    if easy and max(easy) > len(schedule):
        raise c.fail("deload.weeks", f"the program has {len(schedule)} weeks")
    factor = _number(c, deload.get("factor", 0.7), "deload.factor")
    if not 0 < factor <= 1:
        raise c.fail("deload.factor", f"an easy week is 0 to 1 of the week before, got {factor}")
    overrides = {}
    for i, o in enumerate(doc.get("overrides", [])):
        where = f"overrides[{i}]"
        if o["week"] > len(schedule) or o["session"] > len(schedule[o["week"] - 1]):
            raise c.fail(where, f"there is no session {o['session']} in week {o['week']}")
        if (o["week"], o["session"]) in overrides:
            raise c.fail(where, f"week {o['week']}, session {o['session']} is overridden twice")
        overrides[(o["week"], o["session"])] = data["overrides"][i]["routine"]
    rule_title = doc.get("episode", {}).get("title", TITLE_RULE)
    _check_title(c, rule_title)
    for rule in rules:
        _check_target(c, rule, templates, len(schedule), total)

    sessions: list[Session] = []
    previous: dict[int, Any] = {}  # rule index -> its last value
    steps = 0  # sessions so far outside deload weeks
    for w, week in enumerate(schedule, 1):
        for s, name in enumerate(week, 1):
            number = len(sessions) + 1
            where = f"{source} (week {w}, session {s})"
            base = _merged(templates[name], every)
            document = copy.deepcopy(base)  # the rules write into the session's own copy
            news = []
            progress = sum(1 for x in range(1, w) if x not in easy)  # weeks of progress
            for k, rule in enumerate(rules):
                if rule.template not in (None, name):
                    continue
                index = (steps if rule.every == "session" else progress) - (w in easy)
                value = _value(c, rule, max(index, 0), w, number, base)
                if w in easy and not rule.values and rule.change not in RESTS:
                    value = _scaled(rule, value, factor)  # less effort; the rests as before
                value = _capped(c, rule, value)
                _apply(c, rule, document, value)
                if k in previous and previous[k] != value:
                    target = rule.exercise or rule.block
                    news.append(
                        {"name": target, "field": rule.change, "value": _written(rule, value)}
                    )
                previous[k] = value
            if (w, s) in overrides:
                document = copy.deepcopy(_merged(document, overrides[(w, s)]))
            document["title"] = rule_title.format(
                program=doc["title"], week=w, session=s, number=number, title=document["title"]
            )
            document["program"] = {
                "title": doc["title"],
                "week": w,
                "weeks": len(schedule),
                "session": s,
                "number": number,
                "total": total,
                **({"new": news} if news else {}),
            }
            # Numbered in program order; a template's own number, date or guid would be
            # every session's. Its cover art stays.
            own = document.get("episode")
            image = own.get("image") if isinstance(own, dict) else None
            document["episode"] = {
                "number": number,
                "season": doc.get("episode", {}).get("season", 1),
                **({"image": image} if image is not None else {}),
            }
            sessions.append(Session(number, w, s, name, document, parse_routine(document, where)))
            steps += w not in easy
    return Program(doc["title"], tuple(sessions), source)


def _templates(
    c: Checker, raw: list[Any], checked: list[dict[str, Any]], folder: Path
) -> dict[str, dict[str, Any]]:
    if len(checked) > MAX_TEMPLATES:
        raise c.fail("sessions", f"at most {MAX_TEMPLATES} templates")
    out: dict[str, dict[str, Any]] = {}
    for i, t in enumerate(checked):
        where = f"sessions[{i}]"
        if len({"file", "routine", "builtin"} & set(t)) != 1 or t.get("builtin") is False:
            raise c.fail(where, "give one of file, routine or builtin: true")
        if t["name"] in out:
            raise c.fail(f"{where}.name", f"{t['name']!r} is used twice")
        if "builtin" in t:
            document = builtin_document()
        elif "file" in t:
            document = load_document(folder / t["file"], "a routine file")
            parse_routine(document, source_name(folder / t["file"]))  # its own errors first
        else:
            document = raw[i]["routine"]
            parse_routine(document, f"{c.source} ({where}.routine)")
        if not isinstance(document, dict) or "program" in document:
            raise c.fail(where, "a template is a routine, not a program session")
        out[t["name"]] = document
    return out


def _schedule(c: Checker, s: dict[str, Any], names: list[str]) -> list[list[str]]:
    if ("list" in s) == ("weeks" in s):
        raise c.fail("schedule", "give either weeks (with per_week) or list")
    if "list" in s:
        if {"per_week", "rotation"} & set(s):
            raise c.fail("schedule", "a list gives each week's sessions itself")
        weeks = s["list"]
        if len(weeks) > MAX_WEEKS:
            raise c.fail("schedule.list", f"at most {MAX_WEEKS} weeks")
        for i, week in enumerate(weeks):
            if len(week) > MAX_PER_WEEK:
                raise c.fail(f"schedule.list[{i}]", f"at most {MAX_PER_WEEK} sessions a week")
        where = "schedule.list"
    else:
        rotation = s.get("rotation", names)
        per_week = s.get("per_week", len(rotation))
        if per_week > MAX_PER_WEEK:
            raise c.fail("schedule.per_week", f"at most {MAX_PER_WEEK} sessions a week")
        weeks = [
            [rotation[(w * per_week + k) % len(rotation)] for k in range(per_week)]
            for w in range(s["weeks"])
        ]
        where = "schedule.rotation"
    for name in {n for week in weeks for n in week}:
        if name not in names:
            raise c.fail(
                where, f"no session template named {name!r}; there are: {', '.join(names)}"
            )
    if sum(len(w) for w in weeks) > MAX_SESSIONS:
        raise c.fail("schedule", f"at most {MAX_SESSIONS} sessions in all")
    return weeks


def _rule(c: Checker, r: dict[str, Any], path: str) -> Rule:
    given = [k for k in ("step", "factor", "values") if k in r]
    if len(given) != 1:
        raise c.fail(path, "give exactly one of step, factor, values")
    change = r["field"]
    if (change == "rounds") != ("block" in r) or (change != "rounds") != ("exercise" in r):
        raise c.fail(path, "rounds change a block (give block); the rest an exercise")
    rule = Rule(
        change,
        r.get("exercise"),
        r.get("block"),
        r.get("template"),
        r.get("every", "week"),
        r.get("from"),
        r.get("step"),
        r.get("factor"),
        tuple(r.get("values", ())),
        r.get("min"),
        r.get("max"),
        path,
    )
    for key, value in (
        ("from", rule.start),
        ("step", rule.step),
        ("min", rule.low),
        ("max", rule.high),
    ):
        if value is not None:
            _signed(c, rule, value, f"{path}.{key}")
    for i, value in enumerate(rule.values):
        _signed(c, rule, value, f"{path}.values[{i}]")
    if rule.factor is not None and _number(c, rule.factor, f"{path}.factor") <= 0:
        raise c.fail(f"{path}.factor", "must be more than zero")
    return rule


def _signed(c: Checker, rule: Rule, value: Any, path: str) -> int:
    """A rule's number as milliseconds or a count; a step may be negative."""
    text = value.strip() if isinstance(value, str) else value
    negative = isinstance(text, str) and text.startswith("-")
    magnitude = text[1:] if negative else text
    if isinstance(magnitude, (int, float)) and magnitude < 0:
        negative, magnitude = True, -magnitude
    n = amount(c, magnitude, rule.change, path)
    return -n if negative else n


def _number(c: Checker, value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise c.fail(path, f"expected a number like 0.7, got {value!r}")
    return float(value)


def _check_title(c: Checker, rule: str) -> None:
    """Plain placeholders only: a format spec ({week:>999999999}) could ask for any length."""
    allowed = ", ".join("{" + f + "}" for f in _TITLE_FIELDS)
    try:
        parts = list(string.Formatter().parse(rule))
    except ValueError as exc:
        raise c.fail("episode.title", f"bad placeholder: {exc}; use {allowed}") from None
    for _, name, spec, conversion in parts:
        if name is not None and (name not in _TITLE_FIELDS or spec or conversion):
            raise c.fail("episode.title", f"bad placeholder {{{name}}}; use {allowed}")


def _check_target(
    c: Checker, rule: Rule, templates: dict[str, dict[str, Any]], weeks: int, total: int
) -> None:
    names = [rule.template] if rule.template else list(templates)
    if rule.template and rule.template not in templates:
        raise c.fail(f"{rule.path}.template", f"no session template named {rule.template!r}")
    if not any(_targets(rule, templates[n]) for n in names):
        what = f"block named {rule.block!r}" if rule.block else f"exercise named {rule.exercise!r}"
        raise c.fail(rule.path, f"no {what} in the sessions (templates are matched by name)")
    if rule.values:
        need = weeks if rule.every == "week" else total
        if len(rule.values) != need:
            raise c.fail(
                f"{rule.path}.values",
                f"give one value a {rule.every}: {need}, got {len(rule.values)}",
            )


def _targets(rule: Rule, document: dict[str, Any]) -> list[dict[str, Any]]:
    """The mappings in a routine document that the rule changes: blocks, or exercises."""
    blocks = document.get("blocks")
    if not isinstance(blocks, list):
        blocks = [{"exercises": document.get("exercises", [])}]
    if rule.block is not None:
        return [b for b in blocks if isinstance(b, dict) and b.get("name") == rule.block]
    return [
        e
        for b in blocks
        if isinstance(b, dict) and isinstance(b.get("exercises"), list)
        for e in b["exercises"]
        if isinstance(e, dict) and e.get("name") == rule.exercise
    ]


_KEYS: dict[Change, str] = {"hold": "hold"}  # every other field is the routine's key


def _value(
    c: Checker, rule: Rule, index: int, week: int, number: int, document: dict[str, Any]
) -> int:
    if rule.values:
        k = week - 1 if rule.every == "week" else number - 1
        return _signed(c, rule, rule.values[k], f"{rule.path}.values[{k}]")
    if rule.start is not None:
        start = _signed(c, rule, rule.start, f"{rule.path}.from")
    else:
        start = _current(c, rule, document)
    if rule.step is not None:
        return start + index * _signed(c, rule, rule.step, f"{rule.path}.step")
    try:
        value = start * _number(c, rule.factor, f"{rule.path}.factor") ** index
    except OverflowError:
        value = math.inf
    if not abs(value) <= MAX_MS:  # far past any workout (or past what a float holds)
        if rule.high is None or value < 0:
            raise c.fail(f"{rule.path}.factor", "grows beyond any workout; give a max")
        return _signed(c, rule, rule.high, f"{rule.path}.max")
    return _rounded(rule, value)


def _current(c: Checker, rule: Rule, document: dict[str, Any]) -> int:
    """The template's own value, where the rule gives no ``from``."""
    target = _targets(rule, document)[0]
    raw = target.get("hold", {}).get("for") if rule.change == "hold" else target.get(rule.change)
    if raw is None:
        if rule.change in ("sets", "rounds"):
            return 1
        raise c.fail(
            f"{rule.path}.from", f"the template gives no {rule.change} to start from; give from"
        )
    return amount(c, raw, rule.change, rule.path)


def _rounded(rule: Rule, value: float) -> int:
    """Counts whole; times to the whole second, as people plan them."""
    if rule.change in TIMED_CHANGES:
        return round(value / 1000) * 1000
    return round(value)


def _scaled(rule: Rule, value: int, factor: float) -> int:
    return _rounded(rule, value * factor)


def _capped(c: Checker, rule: Rule, value: int) -> int:
    if rule.low is not None:
        value = max(value, _signed(c, rule, rule.low, f"{rule.path}.min"))
    if rule.high is not None:
        value = min(value, _signed(c, rule, rule.high, f"{rule.path}.max"))
    return value


def _apply(c: Checker, rule: Rule, document: dict[str, Any], value: int) -> None:
    """Write the value into every target, as a routine file would give it."""
    written = _written(rule, value)
    for target in _targets(rule, document):
        if rule.change == "hold":
            if not isinstance(target.get("hold"), dict):
                raise c.fail(rule.path, f"{rule.exercise!r} has no hold to change")
            target["hold"]["for"] = written
        elif rule.change == "work" and "reps" in target:
            raise c.fail(rule.path, f"{rule.exercise!r} counts reps; change its reps")
        else:
            target[rule.change] = written


def _written(rule: Rule, value: int) -> int | str:
    return _duration_text(value) if rule.change in TIMED_CHANGES else value


def _duration_text(ms: int) -> str:
    """A time as a routine file writes it: 90s, 2m, 1m30s (negative stays negative, so the
    routine's own check names it)."""
    sign, ms = ("-" if ms < 0 else ""), abs(ms)
    if ms % 1000:
        return f"{sign}{ms}ms"
    minutes, seconds = divmod(ms // 1000, 60)
    if minutes and seconds:
        return f"{sign}{minutes}m{seconds}s"
    return f"{sign}{minutes}m" if minutes else f"{sign}{seconds}s"


def _merged(base: Any, change: Any) -> Any:
    """``change`` laid over ``base``: mappings field by field, and lists of named items
    (blocks, exercises) item by item by name; anything else is replaced."""
    if isinstance(base, dict) and isinstance(change, dict):
        out = dict(base)
        for key, value in change.items():
            out[key] = _merged(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(change, list) and all(_named(x) for x in change):
        out_list = list(base)
        for item in change:
            at = next(
                (i for i, x in enumerate(out_list) if _named(x) and x["name"] == item["name"]), None
            )
            if at is None:
                out_list.append(item)
            else:
                out_list[at] = _merged(out_list[at], item)
        return out_list
    return change


def _size(document: Any) -> int:
    """How many values a document holds (its nesting is bounded when it is read)."""
    if isinstance(document, dict):
        return 1 + sum(_size(v) for v in document.values())
    if isinstance(document, list):
        return 1 + sum(_size(v) for v in document)
    return 1


def _named(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("name"), str)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the program format, for editors."""
    schema = schema_of(Spec("object", "A RepCast training program", fields=PROGRAM))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "RepCast training program",
        **schema,
    }
