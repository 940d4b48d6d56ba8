"""Read the workouts people already have into a routine: a note on a phone, a whiteboard
copied into a message, a numbered program, an interval session, an article.

The text is read a line at a time. Headings and labels open blocks; lines with set, rep
and time notations are exercises; the instructions after an exercise become its form
cue; page furniture, quotes and calls to action are left out. Where the text does not give
something the routine needs, a default is filled in and recorded as a ``Guess``, and the
YAML written for the user carries a ``# guessed:`` comment on that line.
"""

from __future__ import annotations

import codecs
import html
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from .errors import InputError
from .files import read_bytes, source_name
from .plan import make_plan
from .routine import Defaults, Routine, parse_text
from .words import words_for

MAX_BYTES = 1_000_000
REP_PACE_MS = 3_000  # the time allowed per rep when the text gives none...
MIN_SET_MS = 20_000  # ...but never less than this for a set
EMOM_MAX_MS = 50_000  # an EMOM move guessed this long at most, to leave some of the minute
SUPERSET_SWITCH_MS = 10_000  # from one move of a superset to the next
NAMELESS = "Exercise"

# --- what the importer hands back ------------------------------------------------------


@dataclass(frozen=True)
class Guess:
    """A value the text did not give: where, which field, what was used and why."""

    line: int
    field: str
    value: str
    why: str

    def describe(self, source: str) -> str:
        return f"{source}:{self.line}: {self.field}: {self.value} ({self.why})"


@dataclass(frozen=True)
class Imported:
    routine: Routine
    guesses: tuple[Guess, ...]
    yaml: str

    def strict_error(self) -> InputError | None:
        """The error ``--strict`` reports when anything had to be guessed."""
        if not self.guesses:
            return None
        lines = ", ".join(str(n) for n in sorted({g.line for g in self.guesses}))
        count = len(self.guesses)
        return InputError(
            f"{count} value{'s' if count > 1 else ''} not in the text would be guessed "
            f"(line{'s' if ',' in lines else ''} {lines})",
            file=self.routine.source,
        )


def read_notes(path: Path | str) -> Imported:
    """Import a text or Markdown file (``-``: standard input)."""
    name = source_name(path)
    text = decode(read_bytes(path, "workout notes", MAX_BYTES), name)
    stem = Path(str(path)).stem if name != "<stdin>" else ""
    return import_text(text, name, stem)


def decode(data: bytes, source: str) -> str:
    """Text from the bytes of a notes file: UTF-8 (a byte-order mark is fine) or UTF-16 with
    its byte-order mark; anything else is refused with a reason."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif b"\x00" in data:
        raise InputError("is binary data, not text", file=source)
    else:
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text (save it as UTF-8 and try again)", file=source) from None
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or ord(c) == 127)
    if controls > max(8, len(text) // 100):
        raise InputError("is binary data, not text", file=source)
    return text


# --- notations ---------------------------------------------------------------------------

_EN = words_for("en")
_NUMBER_WORDS = {_EN.number(n): n for n in range(1, 201)}
_NUMBER_WORDS.update({k.replace("-", " "): v for k, v in list(_NUMBER_WORDS.items())})
_NUMBER_WORDS.update({"a hundred": 100, "a dozen": 12, "a couple of": 2})
_NUMBER_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
# A number word becomes digits only where it counts something: before a unit, or after
# "of", "for", "x", "to" ("three sets of ten", "for five seconds"); "one-arm rows" stays.
_UNIT_WORDS = (
    r"(?:sets?|reps?|repetitions?|times|rounds?|seconds?|secs?|minutes?|mins?|hours?|each|per"
    r"|on\b|off\b|more|x\b|intervals?|circuits?|total|moves?|exercises?|laps?)"
)
_NUM = r"\d+(?:\.\d+)?"
_SEC = r"(?:seconds?|secs?|s)"
_MIN = r"(?:minutes?|mins?)"
_UNIT = rf"(?:{_SEC}|{_MIN}|hours?|hrs?|h)"
_ONE_TIME = (
    rf"(?:\d{{1,2}}:[0-5]\d|:[0-5]\d|{_NUM}\s*{_UNIT}(?![a-z])(?:\s*\d+\s*{_SEC}(?![a-z]))?"
    rf"|\d+m\d+s(?![a-z]))"
)
_RANGE_TIME = rf"(?:{_NUM}\s*(?:-|to)\s*{_ONE_TIME}|{_ONE_TIME}\s*(?:-|to)\s*{_ONE_TIME})"
_TIME = rf"(?:{_RANGE_TIME}|{_ONE_TIME})"
_REPS = r"(?:\d+\s*(?:-|to)\s*\d+|\d+)"
_SIDE = r"(?:side|leg|arm|hand|way|direction)"
_SIDES = rf"(?:\b(?:each|per|a)\s+{_SIDE}\b|/\s*{_SIDE}\b|\be/s\b|\bES\b|\(\s*each\s*\))"
_SCOPE = (
    r"(?:sets?|exercises?|moves?|movements?|stations?|rounds?|circuits?|supersets?|blocks?"
    r"|pairs?|giant sets?)"
)
_LOAD = re.compile(
    r"\(\s*\d+(?:\.\d+)?\s*/\s*\d+(?:\.\d+)?\s*(?:kg|lbs?|#)?\s*\)"  # (24/16)
    r"|@\s*(?:rpe\s*)?\d+(?:\.\d+)?\s*%?"  # @ 70%, @RPE 8
    r"|\brpe\s*\d+(?:\.\d+)?"
    r"|\d+(?:\.\d+)?\s*(?:-\s*\d+(?:\.\d+)?\s*)?(?:#|lbs?\b|kgs?\b|kilos?\b|pounds?\b|%)"
    r"|\d+(?:\.\d+)?\s*(?:-\s*\d+\s*)?(?:km|mi|miles?|yards?|yds?|ft|feet|meters?|metres?|cals?"
    r"|calories|steps)\b"
    r"|\b(?:body ?weight|bw)\b",
    re.IGNORECASE,
)
_METERS = re.compile(r"(?<![\d:])(\d+)\s*m\b(?!\s*\d)", re.IGNORECASE)
_TIME_WORDS = re.compile(r"(?:rest|for|every|hold|cap|amrap|emom|in|recover)\s*$", re.IGNORECASE)
_HOWTO_LABEL = re.compile(
    r"^(?:do it|how to(?: do it)?|how|instructions?|technique|steps?|method|execution"
    r"|to do it)\s*:\s*",
    re.IGNORECASE,
)
_CUE_LABEL = re.compile(
    r"^(?:cues?|form(?: cue| tip)?|coaching cues?|tips?|notes?|focus)\s*:\s*", re.IGNORECASE
)
_EQUIPMENT_LABEL = re.compile(
    r"^(?:equipment|you(?:'ll| will)? need|what you(?:'ll| will)? need|gear|kit)\s*:\s*",
    re.IGNORECASE,
)
_HOWTO_VERBS = set(
    """stand start begin place put lie lay sit kneel hold keep lower raise lift press push pull
    squat step bend brace grab grip hinge get assume engage drive jump hop row curl extend
    straighten rotate twist reach bring plant slide swing tuck drop face inhale exhale breathe
    squeeze roll kick tap balance hang draw walk jog march return come pause open stretch turn
    shift tilt sink sweep hug clasp cross lean perform alternate land explode punch circle flex
    point stay spread set position from with using holding starting standing lying keeping
    sitting kneeling feet hands arms back chest elbows knees hips shoulders slowly""".split()
)
_BLOCK_WORDS = re.compile(
    r"\b(?:warm[- ]?ups?|cool[- ]?downs?|circuits?|supersets?|super sets?|giant sets?|tri-?sets?"
    r"|finishers?|main(?: set| workout| part)?|metcon|wod|strength|conditioning|accessor(?:y|ies)"
    r"|core|mobility|stretch(?:ing)?|workout|tabata|emom|e\d+mom|amrap|intervals?|part [a-z\d]"
    r"|block [a-z\d]|round \d|rounds|ladder|chipper|complex|activation|burnout|skill|primer"
    r"|hiit|cardio|recovery)\b",
    re.IGNORECASE,
)
_EXERCISE_WORDS = re.compile(
    r"\b(?:push|pull|squat|lunge|plank|row|press|curl|jump|burpee|dip|crunch|bridge|deadlift"
    r"|swing|raise|stretch|run|jog|walk|sprint|skip|rope|climber|jack|kick|twist|circle|thruster"
    r"|clean|snatch|jerk|carry|carries|sit-?up|bicycle|bird dog|crawl|chin|extension|fly|flye"
    r"|shrug|step-?up|thrust|good morning|hollow|superman|v-?up|toe|calf|calves|wall sit|hang"
    r"|bike|ski|erg|swim|slam|wall ball|pose|rotation|march|shuffle|hop|bound|skater|inchworm"
    r"|windmill|get-?up|pistol|split|kettlebell|dumbbell|barbell|band|pullover|pulldown"
    r"|pushdown|tricep|bicep|glute|hamstring|quad|mountain|high knees|butt kick|flutter"
    r"|scissor|russian|side bend|foam roll|lift|hold|bear|cat|cow|cobra|pigeon|lat|hip|neck"
    r"|arm|leg|shoulder|chest|back|ab|abs|core|boxing|shadow|punch|dead bug|good ?morning)"
    r"(?:e?s|ing|s)?\b",
    re.IGNORECASE,
)
_CHROME = re.compile(
    r"^(?:share|tweet|pin it|subscribe|sign up|log ?in|sign in|menu|home|search|advertisement"
    r"|sponsored|related(?: posts| articles| stories)?|read more|read next|more from|follow us"
    r"|comments?|leave a (?:comment|reply)|posted (?:on|in|by)|by [A-Z]|photo|image|credit"
    r"|tags?|categories|filed under|table of contents|skip to|back to top|newsletter|copyright"
    r"|©|all rights reserved|\d+ min(?:ute)? read|updated|published|print|email)\b",
    re.IGNORECASE,
)
_CALL_TO_ACTION = re.compile(
    r"\b(?:subscribe|sign up|download|click|newsletter|check out|our app|the app|free trial"
    r"|follow us|share this|buy|shop|affiliate|commission|promo|discount|coupon|sponsored"
    r"|inbox|join (?:us|now|today))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Num:
    """A count or length as the text gives it: one value, or a range and the value used."""

    value: int
    low: int
    high: int

    @property
    def ranged(self) -> bool:
        return self.low != self.high


def _num(low: int, high: int | None = None) -> _Num:
    # The rule for ranges: the upper end, so the time allowed covers the whole range.
    high = low if high is None else high
    low, high = min(low, high), max(low, high)
    return _Num(high, low, high)


def _ms(text: str) -> int:
    """Milliseconds of one time notation (normalized text)."""
    t = text.strip().lower()
    if t.startswith(":"):
        return int(t[1:]) * 1000
    clock = re.fullmatch(r"(\d{1,2}):(\d\d)", t)
    if clock:
        return (int(clock[1]) * 60 + int(clock[2])) * 1000
    compact = re.fullmatch(r"(\d+)m(\d+)s", t)
    if compact:
        return (int(compact[1]) * 60 + int(compact[2])) * 1000
    total = 0.0
    for n, unit in re.findall(rf"({_NUM})\s*({_UNIT}|m)(?![a-z])", t):
        scale = 3600 if unit[0] == "h" else 60 if unit[0] == "m" else 1
        total += float(n) * scale
    return round(total * 1000)


def _time(text: str) -> _Num:
    """A time or a range of times: ``30-45 seconds``, ``1-2 min``, ``30s``."""
    t = text.strip()
    m = re.fullmatch(rf"({_NUM})\s*(?:-|to)\s*({_ONE_TIME})", t, re.IGNORECASE)
    if m:
        high = _ms(m[2])
        unit = re.sub(rf"^{_NUM}\s*", "", m[2])
        return _num(_ms(m[1] + unit), high)
    m = re.fullmatch(rf"({_ONE_TIME})\s*(?:-|to)\s*({_ONE_TIME})", t, re.IGNORECASE)
    if m:
        return _num(_ms(m[1]), _ms(m[2]))
    return _num(_ms(t))


def _reps(text: str) -> _Num:
    parts = re.split(r"\s*(?:-|to)\s*", text.strip())
    return _num(int(parts[0]), int(parts[-1]))


def normalize(text: str) -> str:
    """The text with the spellings unified that the notations below match: dashes,
    quotes, multiplication signs, number words that count something, "a minute"."""
    t = text.replace("\u00d7", "x").replace("\u2013", "-").replace("\u2014", " - ")
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    t = t.replace("\u201d", '"').replace("\u00a0", " ").replace("\u2044", "/")
    t = re.sub(r"\b(?:a|one) minute and a half\b", "90 seconds", t, flags=re.IGNORECASE)
    t = re.sub(r"\bone and a half minutes\b", "90 seconds", t, flags=re.IGNORECASE)
    t = re.sub(r"\bhalf(?: a|-a)? minute\b", "30 seconds", t, flags=re.IGNORECASE)
    t = re.sub(r"\b(?:a|an) (minute|hour)\b", r"1 \1", t, flags=re.IGNORECASE)
    t = re.sub(r"\btwice\b", "2 times", t, flags=re.IGNORECASE)

    def number(m: re.Match[str]) -> str:
        before = t[: m.start()].rstrip().lower()
        after = t[m.end() :].lstrip(" -").lower()
        counts = re.match(_UNIT_WORDS, after) or re.search(
            r"(?:\bof|\bfor|\bx|\bto|\bdo|\bhold|\brest)$", before
        )
        # "one" alone is mostly an article ("one of the best"); keep it as a word then.
        if not counts:
            return m[0]
        return str(_NUMBER_WORDS[m[0].lower()])

    t = _NUMBER_RE.sub(number, t)
    t = re.sub(r"\b(\d+)\s*(?:-|to)\s*(\d+)-(second|minute|sec|min|rep)\b", r"\1-\2 \3", t)
    t = re.sub(r"\b(\d+)-(seconds?|minutes?|secs?|mins?|reps?|count)\b", r"\1 \2", t)
    return t


Template = Literal["", "tabata", "intervals", "emom", "every", "amrap", "superset"]


@dataclass
class _Hold:
    what: str
    ms: int
    each: str  # "rep", "set" or "" (not said)


@dataclass
class _Found:
    """What one piece of text says, in notations; ``name`` is what is left."""

    name: str = ""
    sets: int | None = None
    reps: _Num | None = None
    work: _Num | None = None
    tempo: int | None = None
    set_time: int | None = None
    sides: bool = False
    hold: _Hold | None = None
    max_reps: bool = False
    leading_count: bool = False
    rests: dict[str, _Num] = field(default_factory=dict)  # scope → length
    rounds: int | None = None
    template: Template = ""
    on: int | None = None
    off: int | None = None
    minutes: int | None = None
    window: int | None = None
    cap: int | None = None
    calls: int | None = None
    each_work: _Num | None = None
    settings: dict[str, int] = field(default_factory=dict)

    @property
    def says_amount(self) -> bool:
        return bool(self.reps or self.work or self.sets or self.max_reps or self.hold)

    @property
    def anything(self) -> bool:
        return bool(
            self.says_amount
            or self.rests
            or self.rounds
            or self.template
            or self.each_work
            or self.settings
            or self.tempo
            or self.sides
        )

    def merge(self, other: _Found) -> None:
        """Fill in what this one does not say from ``other``."""
        for key, value in vars(other).items():
            if key == "rests":
                for scope, v in value.items():
                    self.rests.setdefault(scope, v)
            elif key == "settings":
                for k, v in value.items():
                    self.settings.setdefault(k, v)
            elif key != "name" and value and not getattr(self, key):
                setattr(self, key, value)


class _Scan:
    """Take notations out of a piece of text one by one; what remains is the name."""

    def __init__(self, text: str, *, heading: bool = False):
        self.found = _Found()
        self.heading = heading
        self.kept: list[str] = []
        s = normalize(text)
        s = _LOAD.sub(self._keep, s)
        s = _METERS.sub(self._meters, s)
        self.s = s

    def _keep(self, m: re.Match[str]) -> str:
        self.kept.append(m[0].strip().replace("#", " lb").replace("  ", " "))
        return f"\x01{len(self.kept) - 1}\x01"

    def _meters(self, m: re.Match[str]) -> str:
        # "400m" is a distance; "rest 2m" or "plank 1m" are minutes.
        if int(m[1]) < 10 or _TIME_WORDS.search(m.string[: m.start()]):
            return f"{m[1]} min"
        return self._keep(m)

    def take(self, pattern: str, flags: int = re.IGNORECASE) -> re.Match[str] | None:
        m = re.search(pattern, self.s, flags)
        if m:
            self.s = self.s[: m.start()] + " \x02 " + self.s[m.end() :]
        return m

    def run(self) -> _Found:
        f = self.found
        self._settings()
        self._tempo()
        self._templates()
        self._rests()
        self._hold()
        self._rounds()
        self._amounts()
        self._sides()
        f.name = self._name()
        return f

    def _settings(self) -> None:
        for key, words in (
            ("lead_in", r"lead[- ]?in"),
            ("switch_sides", r"switch(?:ing)? sides"),
            ("outro", r"outro"),
        ):
            m = self.take(rf"\b{words}\s*:?\s*({_ONE_TIME})")
            if m:
                self.found.settings[key] = _ms(m[1])
        m = self.take(r"\bcountdown\s*:?\s*(\d+)\s*(?:s|seconds?)?\b")
        if m:
            self.found.settings["countdown"] = int(m[1])

    def _tempo(self) -> None:
        f = self.found
        m = self.take(rf"\btempo\s*:?\s*(\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?){{1,3}}|[\dx]{{4}}\b|{_ONE_TIME})")
        if m:
            t = m[1].lower()
            if re.fullmatch(r"[\dx]{4}", t):
                f.tempo = sum(1 if c == "x" else int(c) for c in t) * 1000 or 1000
            elif "-" in t:
                f.tempo = round(sum(float(p) for p in t.split("-")) * 1000)
            else:
                f.tempo = _ms(t)
            return
        m = self.take(rf"({_ONE_TIME})\s*(?:per|a|each|every)\s+rep\b")
        if m:
            f.tempo = _ms(m[1])

    def _templates(self) -> None:
        f = self.found
        if self.take(r"\btabata\b"):
            f.template = "tabata"
        m = self.take(rf"({_ONE_TIME}|\d+)\s*(?:of\s+)?(?:work|on)\b\s*[,/]?\s*(?:and\s+)?"
                      rf"({_ONE_TIME}|\d+)\s*(?:of\s+)?(?:rest|off)\b")
        if not m and (self.heading or f.template):
            m = self.take(r"(?<![\d/(])(:?\d{1,3})\s*/\s*(:?\d{1,3})(?![\d/)])")
        if m:
            f.on, f.off = (_ms(x if re.search(r"[a-z:]", x) else x + "s") for x in (m[1], m[2]))
            f.template = f.template or "intervals"
        m = self.take(r"\bevery\s+(\d+(?:\.\d+)?)?\s*(minutes?|mins?|seconds?|secs?|s)\b"
                      rf"(?:\s*(?:on the minute)?\s*(?:for|x)\s*({_ONE_TIME}|\d+)(?:\s*rounds?)?)?")
        if m:
            window = _ms(f"{m[1] or 1} {m[2]}")
            total = m[3]
            if total is not None:
                count = int(total) if total.isdigit() else _ms(total) // window
            else:
                count = None
            if window == 60_000:
                f.template, f.minutes = "emom", count
            else:
                f.template, f.window = "every", window
                f.rounds = count
        m = self.take(r"\be(\d*)mom\b\s*(?:x\s*|for\s*|in\s*)?(\d+)?\s*(?:" + _MIN + r")?")
        if m:
            if m[1] and m[1] != "1":
                f.template, f.window = "every", int(m[1]) * 60_000
                if m[2]:
                    f.rounds = int(m[2]) // int(m[1])
            else:
                f.template, f.minutes = "emom", int(m[2]) if m[2] else f.minutes
        m = self.take(rf"(\d+)\s*(?:-\s*)?{_MIN}\s*(?:emom)\b")
        if m:
            f.template, f.minutes = "emom", int(m[1])
        m = self.take(
            rf"(?:(\d+)\s*(?:-\s*)?{_MIN}\s*)?(?:\bamrap\b|as many rounds as possible)"
            rf"(?:\s*(?:in|for|of|:)?\s*({_ONE_TIME}|\d+(?!\s*(?:reps?|x)))(?:\s*{_MIN})?)?"
        )
        if m and (m[1] or m[2]):
            f.template = "amrap"
            f.cap = int(m[1]) * 60_000 if m[1] else _cap(m[2])
        elif m:
            f.max_reps = True
        m = self.take(rf"\b(?:time )?cap\s*:?\s*(?:of\s*)?({_ONE_TIME}|\d+)")
        if m:
            f.cap = _cap(m[1])
        m = self.take(rf"\b(?:call(?:s|ed)?|time (?:called|calls?))\s+every\s+({_ONE_TIME})")
        if m:
            f.calls = _ms(m[1])
        if self.take(r"\b(?:super ?sets?|giant sets?|tri-?sets?|pairs?)\b"):
            f.template = f.template or "superset"

    def _rests(self) -> None:
        f = self.found
        rest = r"(?:rest|recover|recovery|break)"
        if self.take(rf"\bno {rest}\b(?:\s+between\s+(?:each\s+)?({_SCOPE}))?"):
            f.rests.setdefault("", _num(0))
        patterns = [
            rf"\b(?:take\s+)?(?:a\s+)?{rest}(?:\s+(?:for|of))?\s*:?\s*({_TIME})(?:\s+of\s+{rest})?",
            rf"({_TIME})\s*(?:of\s+)?{rest}\b",
        ]
        for pattern in patterns:
            while m := self.take(
                pattern
                + rf"(?:\s*(between|after|per|before)\s+(?:each\s+|every\s+|the\s+|two\s+)?"
                rf"(?:next\s+)?({_SCOPE}))?"
            ):
                f.rests.setdefault(_scope(m[2], m[3]), _time(m[1]))
        # "Rest 30s between sets, 45s between exercises": the rest of such a list.
        if f.rests:
            while m := self.take(rf"({_TIME})\s*(between|after|per)\s+(?:each\s+)?({_SCOPE})"):
                f.rests.setdefault(_scope(m[2], m[3]), _time(m[1]))
        m = self.take(rf"\bwith\s+({_TIME})\s*(?:of\s+)?{rest}")
        if m:
            f.rests.setdefault("exercises", _time(m[1]))

    def _hold(self) -> None:
        f = self.found
        each = r"(?:\s+(?:after|on|at the (?:top|bottom|end) of|at the end of|in|of)\s+(?:each|every)\s+(rep|set))?"
        m = self.take(
            rf"\b(?:then\s+)?hold(?:ing)?\s+(?:(?:it|this|that)\s+)?((?:[a-z'-]+\s+){{0,5}}?)"
            rf"(?:for\s+)?({_TIME})"
            rf"(?:\s+(?:at the (?:top|bottom)|in (?:the|that) position|there))?{each}"
        )
        if m is None:
            m = self.take(rf"()({_TIME})\s*(?:iso(?:metric)?\s+)?hold\b{each}")
        if m:
            what = re.sub(r"^(?:for|in)\s+", "", m[1].strip())
            f.hold = _Hold(what or "the position", _time(m[2]).value, (m[3] or "").lower())

    def _rounds(self) -> None:
        f = self.found
        m = self.take(
            r"\b(?:repeat|do|complete|perform|go through)\s+(?:the\s+|this\s+|it\s+|all\s+|that\s+"
            r"|everything\s+|circuit\s+|whole\s+|sequence\s+|above\s+|superset\s+|thing\s+)*"
            r"(?:for\s+)?(\d+)\s*(?:x\b|times|rounds?|circuits?|sets)\b(?:\s*(?:in all|total|through))?"
        )
        m = m or self.take(r"\b(?:for\s+)?(\d+)\s*(?:sets|rounds)\s+(?:in all|total)\b")
        m = m or self.take(r"\b(?:x\s*)?(\d+)\s*(?:rounds?|circuits?)\b(?:\s*(?:of|for time|through))?")
        m = m or self.take(r"\b(\d+)\s*(?:times)\s*(?:through|in all|total)?(?!\s*(?:a|per)\s)")
        if self.heading:
            m = m or self.take(r"(?:^|\s)x\s*(\d+)\b")
            m = m or self.take(r"\b(\d+)\s*sets\b")
        if m:
            f.rounds = int(m[1])

    def _amounts(self) -> None:
        f = self.found
        reps_or_time = rf"({_TIME}|{_REPS}|max|amrap)"
        m = self.take(
            rf"(?<![\d.:/-])(\d+)\s*(?:sets?\s*)?[x*]\s*{reps_or_time}(?:\s*(?:reps?|repetitions))?\b"
        ) or self.take(
            rf"(?<![\d.:/-])(\d+)\s*sets?\s*(?:of\s*|x\s*|,\s*)?{reps_or_time}(?:\s*(?:reps?|repetitions))?\b"
        )
        if m:
            f.sets = int(m[1])
            self._amount(m[2])
        elif m := self.take(r"(?<![\d.:/-])(\d+)\s*sets?\b"):
            f.sets = int(m[1])
        if f.reps is None and f.work is None and not f.max_reps:
            m = (
                self.take(rf"(?<![\d.:/-])({_REPS})\s*(?:reps?|repetitions)\b")
                or self.take(rf"(?<![\w.:/-])x\s*({_REPS})\b(?!\s*(?:rounds?|times))")
                or self.take(rf"(?<![\d.:/-])({_REPS})(?=\s*{_SIDES})")
            )
            if m:
                f.reps = _reps(m[1])
        if self.take(r"\b(?:max(?:imum)?(?: reps?)?|to failure|as many (?:reps )?as (?:you can|possible))\b"):
            f.max_reps = True
        if f.reps is not None:
            m = self.take(rf"\b(?:in|within)\s+({_ONE_TIME})")
            if m:
                f.set_time = _ms(m[1])
        if f.work is None:
            m = self.take(rf"\b(?:each|every)\s+(?:exercise|move|movement|station)\s+(?:for\s+)?({_TIME})")
            m = m or self.take(rf"({_TIME})\s+(?:per|each|for each|on each)\s+(?:exercise|move|movement|station)\b")
            if m:
                f.each_work = _time(m[1])
            elif m := self.take(rf"(?:\bfor\s+|\bwork\s*:?\s*)?({_TIME})(?:\s+(?:of\s+)?work)?"):
                if self.heading and not f.reps and f.template != "emom":
                    f.each_work = _time(m[1])
                else:
                    f.work = _time(m[1])
        if f.reps is None and f.work is None and not f.max_reps:
            m = self.take(r"^\W*(\d+)(?:\s*(?:-|to)\s*(\d+))?\s+(?=[a-z\x01])")
            if m and not self.heading:
                f.reps, f.leading_count = _num(int(m[1]), int(m[2] or m[1])), True
            elif not self.heading:
                m = self.take(r"(?:\s[-:]\s*|\s)(\d+(?:\s*-\s*\d+)?)\s*\W*$")
                if m:
                    f.reps = _reps(m[1])

    def _amount(self, text: str) -> None:
        f = self.found
        t = text.lower()
        if t in ("max", "amrap"):
            f.max_reps = True
        elif re.fullmatch(_REPS, t):
            f.reps = _reps(t)
        else:
            f.work = _time(t)

    def _sides(self) -> None:
        if self.take(_SIDES) or self.take(r"\b(?:each|per)\s*$"):
            self.found.sides = True

    def _name(self) -> str:
        pieces = [p for p in re.split(r"\x02", self.s)]
        parts = [_trim(p) for p in pieces]
        name = next((p for p in parts if p and "\x01" not in p or _has_words(p)), "")
        kept = [p for p in parts if p and p != name and "\x01" in p and not _has_words(p)]
        name = " ".join([name, *kept]).strip()
        return re.sub(r"\x01(\d+)\x01", lambda m: self.kept[int(m[1])], name).strip()


def _has_words(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2,}", re.sub(r"\x01\d+\x01", "", text)))


_FILLER = (
    r"(?:of|for|x|and|then|with|at|@|each|per|reps?|sets?|a|an|the|do|perform|complete|"
    r"aim|try|to|accomplish|total|in|on|off|between|after|work|seconds?|secs?|minutes?|mins?|"
    r"times|rounds?|rest|:|-|,|;|\.|\+|&|/|\||=|\(|\))"
)


def _trim(text: str) -> str:
    t = re.sub(r"\s+", " ", text).strip()
    t = re.sub(r"\(\s*\)", "", t)
    prev = None
    while prev != t:
        prev = t
        t = re.sub(rf"^{_FILLER}(?:\s+|$)", "", t, flags=re.IGNORECASE).strip()
        t = re.sub(rf"(?:^|\s+){_FILLER}$", "", t, flags=re.IGNORECASE).strip()
        t = t.strip(" -:,;.+&/|=*")
    if t.count("(") != t.count(")"):
        t = t.replace("(", "").replace(")", "").strip()
    return t


def _scope(word: str | None, scope: str | None) -> str:
    if not scope:
        return "after" if word == "after" else ""
    s = scope.lower()
    if s.startswith("set"):
        return "sets"
    if s.startswith(("round", "circuit", "superset", "block", "pair", "giant")):
        return "rounds"
    return "exercises"


def _cap(text: str) -> int:
    return int(text) * 60_000 if text.isdigit() else _ms(text)


def scan(text: str, *, heading: bool = False) -> _Found:
    """Every notation in ``text``, and the name that remains."""
    return _Scan(text, heading=heading).run()


# --- lines -------------------------------------------------------------------------------

UnitKind = Literal["heading", "item", "text", "quote"]


@dataclass
class _Unit:
    line: int
    kind: UnitKind
    text: str
    level: int = 0  # Markdown heading level
    label: str = ""  # the list marker: "3", "A1", "-"
    indent: int = 0
    para: int = 0
    sub: bool = False  # an indented line under a list item

    @property
    def words(self) -> int:
        return len(self.text.split())


_ITEM = re.compile(
    r"^(\s*)(?:([-*+\u2022\u00b7\u25aa\u25ba\u25cb\u25e6\u25cf\u2713\u2714\u2192])|(\d{1,3})[.)]"
    r"|\((\d{1,3})\)|([A-Za-z]\d{0,2})[.)]|([A-H]\d{1,2}):?)\s+(?:\[[ xX]\]\s*)?(.*)$"
)


def _inline(text: str) -> str:
    t = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    t = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", t)
    t = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", t)
    t = re.sub(r"<[^>]+>", "", t)
    t = re.sub(r"(\*\*|__)(.+?)\1", r"\2", t)
    t = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", t)
    t = re.sub(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])", r"\1", t)
    t = re.sub(r"`([^`]*)`", r"\1", t)
    t = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", t)
    t = html.unescape(t)
    t = "".join(c for c in t if ord(c) >= 32 and ord(c) != 127 or c == "\t")
    return " ".join(t.split())


def units(text: str) -> list[_Unit]:
    """The text as headings, list items, lines and paragraphs (Markdown or plain)."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[_Unit] = []
    para = 0
    fenced = False
    for i, line in enumerate(raw):
        number = i + 1
        expanded = line.expandtabs(4)
        stripped = expanded.strip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
            para += 1
            continue
        if not stripped or (not fenced and re.fullmatch(r"(?:[-*_]\s*){3,}", stripped)):
            if stripped and out and out[-1].para == para and out[-1].kind == "text" and (
                stripped.startswith("-") and len(out) and _alone_in(out, para)
            ):
                out[-1].kind, out[-1].level = "heading", 2  # a setext heading
            para += 1
            continue
        if re.fullmatch(r"=+", stripped) and out and out[-1].para == para and _alone_in(out, para):
            out[-1].kind, out[-1].level = "heading", 1
            para += 1
            continue
        indent = len(expanded) - len(expanded.lstrip())
        heading = None if fenced else re.match(r"^#{1,6}(?=\s)", stripped)
        if heading:
            body = _inline(stripped.lstrip("#").strip().rstrip("#").strip())
            if body:
                para += 1
                out.append(_Unit(number, "heading", body, len(heading[0]), para=para))
                para += 1
            continue
        if not fenced and stripped.startswith(">"):
            body = _inline(stripped.lstrip("> "))
            if body:
                out.append(_Unit(number, "quote", body, para=para))
            continue
        m = None if fenced else _ITEM.match(expanded)
        if m:
            label = next(g for g in m.groups()[1:6] if g is not None)
            body = _inline(m[7])
            if body:
                out.append(_Unit(number, "item", body, label=label, indent=indent, para=para))
            continue
        body = _inline(stripped)
        if not body:
            continue
        prev = out[-1] if out and out[-1].para == para else None
        if prev is not None and prev.kind == "item" and indent > prev.indent:
            out.append(_Unit(number, "text", body, indent=indent, para=para, sub=True))
            continue
        if prev is not None and prev.kind == "text" and _continues(prev.text, body):
            prev.text = f"{prev.text} {body}"
            continue
        out.append(_Unit(number, "text", body, indent=indent, para=para))
    return out


def _alone_in(out: list[_Unit], para: int) -> bool:
    return sum(1 for u in out if u.para == para) == 1


def _continues(prev: str, line: str) -> bool:
    """Whether ``line`` is the wrapped rest of the prose line before it."""
    if prev.endswith(":"):
        return False
    if line[:1].islower() and not re.match(r"^\d|^[a-z]\d", line):
        return True
    return len(prev) >= 50 and not re.search(r"[.!?]\"?$", prev)


# --- reading the structure ---------------------------------------------------------------


@dataclass
class _Ex:
    name: str
    line: int
    found: _Found
    named: bool = True
    cue: str = ""
    cue_line: int = 0
    howto: bool = False  # its cue came from "Do it:"-style instructions
    equipment: list[str] = field(default_factory=list)


@dataclass
class _Block:
    name: str
    line: int
    found: _Found = field(default_factory=_Found)
    exercises: list[_Ex] = field(default_factory=list)
    implicit: bool = False  # no heading: the exercises before the first block heading
    rest_line: _Num | None = None  # a "Rest" line after the last exercise


class _Reader:
    def __init__(self, text: str, source: str, stem: str):
        self.source = source
        self.stem = stem
        self.units = units(text)
        self.title: tuple[str, int] | None = None
        self.description = ""
        self.blocks: list[_Block] = []
        self.block: _Block | None = None
        self.ex: _Ex | None = None
        self.general = _Found()  # what is said for the whole workout
        self.general_line = 0

    # - the walk -

    def read(self) -> None:
        us = self.units
        i = 0
        while i < len(us):
            u = us[i]
            i += 1
            if u.kind == "quote" or _is_chrome(u.text):
                continue
            if u.kind == "heading" or self._plain_heading(u, us, i):
                self._heading(u, us, i)
            elif u.kind == "item":
                self._line(u, item=True)
            elif u.sub and self.ex is not None:
                self._about(u)
            elif _is_quote(u.text):
                continue
            else:
                self._text(u, us, i)

    def _plain_heading(self, u: _Unit, us: list[_Unit], i: int) -> bool:
        if u.kind != "text" or u.sub or u.words > 10 or len(u.text) > 80:
            return False
        t = u.text
        if _is_quote(t) or _CUE_LABEL.match(t) or _HOWTO_LABEL.match(t):
            return False
        if _EQUIPMENT_LABEL.match(t):
            return False
        alone = not any(x.para == u.para and x is not u for x in us)
        label = t.endswith(":")
        if not (alone or label):
            return False
        if re.search(r"[.!?,;]\"?$", t) or t[:1].islower() or t[:1] in "\"'(":
            return False
        head = t[:-1] if label else t
        f = scan(head, heading=True)
        if f.rests and not f.name:
            return False
        if f.says_amount and not f.template and not _BLOCK_WORDS.search(head):
            return False  # "Plank 3 x 30s" on its own is an exercise
        return True

    def _heading(self, u: _Unit, us: list[_Unit], i: int) -> None:
        text = u.text.rstrip(":").strip()
        head, _, rest = text.partition(":")
        if rest.strip() and (_BLOCK_WORDS.search(head) or scan(head, heading=True).template):
            # "Tabata: jump squats" or "15 min AMRAP: 10 push-ups, 15 squats"
            self._open_block(head, u)
            self._line(_Unit(u.line, "text", rest.strip(), para=u.para), item=True, listing=True)
            return
        text = re.sub(r"^(?:\d{1,2}|[A-Za-z]\d?)[.)]\s+", "", text)  # "1. Burpees"
        f = scan(text, heading=True)
        section = self._section(us, i)
        if self.title is None and not self.blocks and self.ex is None and u.level <= 1:
            if u.level == 1 or not (f.template or f.says_amount or _BLOCK_WORDS.search(text)):
                self.title = (text, u.line)
                return
        if f.template or f.rounds or _BLOCK_WORDS.search(text) or _has_lines(section):
            self._open_block(text, u)
        elif _has_howto(section) or f.says_amount or (
            not section and _EXERCISE_WORDS.search(text)
        ):
            self._add(_Ex(f.name or text, u.line, scan(text)), u.line)
        else:
            self.ex = None  # a heading over something else: what follows is not its cue

    def _section(self, us: list[_Unit], i: int) -> list[_Unit]:
        out = []
        for u in us[i:]:
            if u.kind == "heading" or (u.kind == "text" and self._plain_heading(u, us, us.index(u) + 1)):
                break
            if u.kind != "quote" and not _is_chrome(u.text):
                out.append(u)
        return out

    def _open_block(self, text: str, u: _Unit) -> None:
        f = scan(text, heading=True)
        name = f.name or _template_name(f) or text
        block = _Block(_capital(name), u.line, f)
        self.blocks.append(block)
        self.block, self.ex = block, None

    def _text(self, u: _Unit, us: list[_Unit], i: int) -> None:
        t = u.text
        m = _EQUIPMENT_LABEL.match(t)
        if m:
            if self.ex is not None:
                self.ex.equipment += [e for e in re.split(r"\s*,\s*|\s+and\s+", t[m.end() :].rstrip(".")) if e]
            return
        if _CUE_LABEL.match(t) or _HOWTO_LABEL.match(t):
            self._about(u)
            return
        if self.title is None and not self.blocks and self.ex is None and u.words <= 12:
            f = scan(t)
            if not f.anything:
                self.title = (t.rstrip(".:"), u.line)
                return
        if self.title and self.title[1] < u.line and not self.description and not self._any():
            if _sentences(t) and len(_sentences(t)) == 1 and len(t) <= 240 and not _CALL_TO_ACTION.search(t):
                self.description = t
                return
        if u.words <= 14 and not re.search(r"[.!?]\"?$", t) or re.match(r"^\s*(?:rest|recover)\b", t, re.IGNORECASE):
            if self._line(u, item=False):
                return
        if self.ex is not None and not self.ex.cue and _howto_sentence(t):
            self._about(u)
            return
        self._prose(u)

    def _any(self) -> bool:
        return bool(self.ex or any(b.exercises for b in self.blocks))

    def _prose(self, u: _Unit) -> None:
        """A paragraph of prose: only what it says about the numbers counts."""
        if _CALL_TO_ACTION.search(u.text) and not re.search(r"\d", u.text):
            return
        for sentence in _sentences(u.text):
            if _is_quote(sentence) or _ONE_REP.search(normalize(sentence)):
                continue
            f = scan(sentence)
            if self.ex is not None:
                self._merge_into(self.ex, f, u.line, prose=True)
            self._general(f, u.line)

    def _general(self, f: _Found, line: int) -> None:
        """Rests with a scope, rounds and settings said anywhere apply to the block or the
        whole workout."""
        target = self.block.found if self.block is not None else self.general
        for scope, value in f.rests.items():
            if scope in ("sets", "exercises", "rounds"):
                target.rests.setdefault(scope, value)
                self.general_line = self.general_line or line
        for key, value in f.settings.items():
            self.general.settings.setdefault(key, value)
        if f.each_work and not target.each_work:
            target.each_work = f.each_work
        if f.rounds and not f.says_amount and not target.rounds:
            if self.block is None:
                self._implicit()
            assert self.block is not None
            self.block.found.rounds = f.rounds

    def _implicit(self) -> None:
        block = _Block("Workout", 0, implicit=True)
        self.blocks.append(block)
        self.block = block

    def _line(self, u: _Unit, *, item: bool, listing: bool = False) -> bool:
        """A line that may hold one exercise, several ("10 push-ups, 15 squats"), a rest or
        something said about the block. Returns whether it was one of these."""
        text = u.text
        spec, _, after = _split_sentence(text)
        parts = [p for p in re.split(r"\s*[;,]\s+|\s+\+\s+|\s+&\s+|\s*,\s*(?=\d)", spec) if p.strip()]
        found = [scan(p) for p in parts]
        if not found:
            return False
        if re.match(r"^\s*(?:rest|recover|recovery|break)\b", text, re.IGNORECASE) or (
            not found[0].name and found[0].rests and not found[0].says_amount
        ):
            self._rest_line(found, u)
            return True
        first = found[0]
        if not first.name:
            if first.rounds or first.rests or first.settings or first.each_work or first.template:
                for f in found:
                    self._general(f, u.line)
                return True
            return False
        if not item and not listing and not first.says_amount:
            if not (self.block is not None and _EXERCISE_WORDS.search(first.name) and len(first.name.split()) <= 5):
                return False
        if len(first.name.split()) > 12:
            return False
        if not (first.says_amount or listing or item or _EXERCISE_WORDS.search(first.name)):
            return False
        if re.match(r"^[A-H]\d{1,2}$", u.label or "") and self.block is not None:
            self._superset(u.label[0].upper(), u)
        current: _Ex | None = None
        extra: list[str] = []
        for f in found:
            if f.name and (current is None or f.says_amount or listing or _EXERCISE_WORDS.search(f.name) and not _HOWTO_VERBS & {f.name.split()[0].lower()}):
                current = _Ex(_capital(f.name), u.line, f)
                self._add(current, u.line)
            elif current is not None:
                if f.name:
                    extra.append(f.name)
                self._merge_into(current, f, u.line)
        if current is not None:
            cue = " ".join(filter(None, [_sentence_case(", ".join(extra)), after])).strip()
            if cue:
                self._set_cue(current, cue, u.line, howto=False)
        return True

    def _superset(self, letter: str, u: _Unit) -> None:
        """A1/A2 labels pair exercises into a superset block of their own."""
        name = f"Superset {letter}"
        if self.block is not None and self.block.name == name:
            return
        block = _Block(name, u.line, _Found(template="superset"))
        self.blocks.append(block)
        self.block, self.ex = block, None

    def _rest_line(self, found: list[_Found], u: _Unit) -> None:
        f = found[0]
        for other in found[1:]:
            f.merge(other)
        if not f.rests:
            f.rests[""] = _num(0) if re.search(r"\bno rest\b", u.text, re.IGNORECASE) else None  # type: ignore[assignment]
            if f.rests[""] is None:
                del f.rests[""]
                return
        scoped = {k: v for k, v in f.rests.items() if k in ("sets", "exercises", "rounds")}
        if scoped:
            self._general(f, u.line)
            return
        value = next(iter(f.rests.values()))
        block = self.block
        if self.ex is not None and block is not None and self.ex in block.exercises:
            if block.exercises[-1] is self.ex and (block.found.rounds or 0) > 1:
                block.rest_line = value
            elif block.exercises[-1] is self.ex and block.found.template:
                block.rest_line = value
            else:
                self.ex.found.rests.setdefault("after", value)
                self.ex.found.rests["line"] = value
        elif self.ex is not None:
            self.ex.found.rests.setdefault("after", value)

    def _add(self, ex: _Ex, line: int) -> None:
        if self.block is None:
            self._implicit()
        assert self.block is not None
        if not ex.found.leading_count and ex.found.rounds and not ex.found.sets:
            ex.found.sets, ex.found.rounds = ex.found.rounds, None  # "3 rounds" on a line: sets
        self.block.exercises.append(ex)
        self.ex = ex

    def _merge_into(self, ex: _Ex, f: _Found, line: int, *, prose: bool = False) -> None:
        if prose:
            # Prose is read for counts, holds and times of this exercise only.
            if f.hold and not ex.found.hold:
                ex.found.hold = _Hold(f.hold.what, f.hold.ms, f.hold.each or ("rep" if ex.howto else ""))
            if not (f.reps or f.work):
                f.sides = False  # "a dumbbell in each hand" says nothing about sides
            for key in ("sets", "reps", "sides", "tempo"):
                if getattr(f, key) and not getattr(ex.found, key):
                    setattr(ex.found, key, getattr(f, key))
            if f.work and not ex.found.work and not ex.found.reps and not f.reps:
                ex.found.work = f.work
            if f.rounds and not ex.found.sets and not self.block_has_many():
                ex.found.sets = f.rounds
            return
        ex.found.merge(f)

    def block_has_many(self) -> bool:
        return self.block is not None and len(self.block.exercises) > 1 and not self.block.implicit

    def _about(self, u: _Unit) -> None:
        """Instructions about the exercise: its form cue, and any numbers they give."""
        t = u.text
        howto = _HOWTO_LABEL.match(t)
        label = howto or _CUE_LABEL.match(t)
        body = t[label.end() :] if label else t
        if howto and (self.ex is None or self.ex.howto):
            count = sum(len(b.exercises) for b in self.blocks) + 1
            self._add(_Ex(f"{NAMELESS} {count}", u.line, _Found(), named=False), u.line)
        ex = self.ex
        if ex is None:
            return
        if _EQUIPMENT_LABEL.match(body):
            return
        if label and not howto:
            self._set_cue(ex, body, u.line, howto=False, whole=True)
            return
        if not ex.cue or (howto and not ex.howto):
            cue = _cue(body)
            if cue:
                self._set_cue(ex, cue, u.line, howto=bool(howto), replace=bool(howto))
        if howto:
            ex.howto = True
        for sentence in _sentences(body):
            if not _ONE_REP.search(normalize(sentence)):
                self._merge_into(ex, scan(sentence), u.line, prose=True)

    def _set_cue(
        self, ex: _Ex, cue: str, line: int, *, howto: bool, whole: bool = False, replace: bool = False
    ) -> None:
        if ex.cue and not replace:
            if whole:
                ex.cue = f"{ex.cue} {cue}"
            return
        ex.cue = cue if whole else _cue(cue) or cue
        ex.cue_line = line
        ex.howto = ex.howto or howto


def _template_name(f: _Found) -> str:
    return {
        "tabata": "Tabata",
        "intervals": "Intervals",
        "emom": "EMOM",
        "every": "Intervals",
        "amrap": "AMRAP",
        "superset": "Superset",
    }.get(f.template, "Circuit" if f.rounds else "")


def _has_lines(section: list[_Unit]) -> bool:
    """Whether a heading's section lists exercises (so the heading names a block)."""
    for u in section:
        if u.kind == "item" or (u.kind == "text" and u.words <= 14):
            f = scan(u.text.partition(". ")[0])
            if f.name and (f.says_amount or (u.kind == "item" and _EXERCISE_WORDS.search(f.name))):
                return True
    return False


def _has_howto(section: list[_Unit]) -> bool:
    return any(
        u.kind == "text" and (_HOWTO_LABEL.match(u.text) or _CUE_LABEL.match(u.text) or _howto_sentence(u.text) or scan(u.text).says_amount)
        for u in section
        if not _is_quote(u.text)
    )


def _howto_sentence(text: str) -> bool:
    first = re.sub(r"^[^A-Za-z]+", "", text).split(" ", 1)[0].lower().strip(",.:;")
    return first in _HOWTO_VERBS and not _CALL_TO_ACTION.search(text)


def _is_chrome(text: str) -> bool:
    if _CHROME.match(text) and len(text.split()) <= 8:
        return True
    # A breadcrumb: "Fitness / Strength Training", "Home > Workouts"
    return bool(re.fullmatch(r"[\w' &-]+(?:\s+[/>\u00bb|]\s+[\w' &-]+)+", text))


def _is_quote(text: str) -> bool:
    t = text.strip()
    return t[:1] in "\"\u201c" or bool(
        re.search(r"[,.!?][\"\u201d]\s*(?:says|said|explains|adds|notes)\b", t)
    )


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?])[\"\u201d]?\s+(?=[\"\u201c]?[A-Z0-9])", text.strip())
    return [p.strip() for p in parts if p.strip()]


def _split_sentence(text: str) -> tuple[str, str, str]:
    """An exercise line's first sentence (the notations), and the rest (a cue)."""
    m = re.search(r"(?<!\d)\.\s+(?=[A-Z])|\s+[-\u2013]\s+(?=[A-Z][a-z]+\s+[a-z])", text)
    if not m:
        return text.rstrip("."), "", ""
    return text[: m.start()], "", text[m.end() :].strip()


_ONE_REP = re.compile(r"^(?:that'?s|that is|this is|it'?s) (?:one|1|a) (?:rep|repetition)\b", re.I)
_NOT_CUE = re.compile(
    r"^(?:that'?s|that is|this is) (?:one|1) rep|^repeat\b|^(?:aim|try|go) for\b|^to (?:mix|make)"
    r"|^for an? (?:added|extra)|^(?:do|perform|complete) (?:\d+|this)",
    re.IGNORECASE,
)


def _cue(text: str) -> str:
    """The first sentence or two of instructions that say how to do the exercise."""
    t = re.sub(r"\s*\([^)]*\)", "", text)
    chosen: list[str] = []
    for sentence in _sentences(t):
        f = scan(sentence)
        if _NOT_CUE.search(normalize(sentence)) or _CALL_TO_ACTION.search(sentence) or _is_quote(sentence):
            continue
        if f.sets or f.reps or f.rounds or f.max_reps:
            continue
        chosen.append(sentence)
        if len(chosen) == 2 or len(" ".join(chosen)) > 160:
            break
    cue = " ".join(chosen)
    if len(cue) > 400:
        cue = cue[:400].rsplit(" ", 1)[0] + "..."
    return cue


def _capital(text: str) -> str:
    t = text.strip()
    return t[:1].upper() + t[1:]


def _sentence_case(text: str) -> str:
    t = _capital(text)
    return t + "." if t and not t.endswith((".", "!", "?")) else t


# --- from what was read to a routine document --------------------------------------------


class _Doc:
    """The routine document being written, with the comments for its lines and the
    guesses behind them."""

    def __init__(self) -> None:
        self.comments: dict[str, str] = {}
        self.guesses: list[Guess] = []

    def guess(self, path: str, value: Any, line: int, why: str, shown: str | None = None) -> Any:
        shown = _yaml_value(value) if shown is None else shown
        self.comments[path] = f"guessed: {why}"
        self.guesses.append(Guess(line, path, shown, why))
        return value

    def note(self, path: str, text: str) -> None:
        self.comments[path] = text


def _dur(ms: int) -> str:
    if ms % 1000:
        return f"{ms / 1000:g}s"
    s = ms // 1000
    h, rest = divmod(s, 3600)
    m, sec = divmod(rest, 60)
    return "".join(f"{v}{u}" for v, u in ((h, "h"), (m, "m"), (sec, "s")) if v) or "0s"


def _set_ms(reps: int) -> int:
    return max(MIN_SET_MS, reps * REP_PACE_MS)


class _Writer:
    def __init__(self, reader: _Reader):
        self.r = reader
        self.doc = _Doc()
        self.d = Defaults()
        self.uses: dict[str, int] = {}  # default rests that some exercise relies on → line

    def document(self) -> dict[str, Any]:
        r = self.r
        out: dict[str, Any] = {}
        if r.title:
            out["title"] = r.title[0][:200]
        else:
            title = _capital(re.sub(r"[-_]+", " ", r.stem).strip()) or "Imported workout"
            out["title"] = self.doc.guess("title", title, 1, "the text gives no title")
        if r.description:
            out["description"] = r.description
        blocks = [b for b in r.blocks if b.exercises]
        if not blocks:
            raise InputError("no exercise found in the text", file=r.source)
        g = r.general
        settings = {k: _dur(v) if k != "countdown" else v for k, v in g.settings.items()}
        defaults: dict[str, Any] = {}
        out["defaults"] = defaults
        single = len(blocks) == 1 and blocks[0].implicit and not blocks[0].found.template
        docs = []
        for bi, block in enumerate(blocks):
            path = "" if single else f"blocks[{bi}]"
            docs.append(self.block(block, path, bi == len(blocks) - 1))
        if single:
            out["exercises"] = docs[0]["exercises"]
        else:
            out["blocks"] = docs
        for key, scope, why in (
            ("rest_between_sets", "sets", "the text gives no rest between sets"),
            ("rest_between_exercises", "exercises", "the text gives no rest between exercises"),
            ("rest_between_rounds", "rounds", "the text gives no rest between rounds"),
        ):
            given = g.rests.get(scope)
            if given is not None:
                defaults[key] = self.value(f"defaults.{key}", given, r.general_line, _dur)
            elif key in self.uses:
                ms = getattr(self.d, key + "_ms")
                defaults[key] = self.doc.guess(f"defaults.{key}", _dur(ms), self.uses[key], why)
        if g.each_work:
            defaults["work"] = self.value("defaults.work", g.each_work, r.general_line, _dur)
        defaults.update(settings)
        if not defaults:
            del out["defaults"]
        return out

    def value(self, path: str, n: _Num, line: int, show: Any = str) -> Any:
        if n.ranged:
            lo, hi = show(n.low), show(n.high)
            return self.doc.guess(path, show(n.value), line, f"the text gives {lo} to {hi}; the upper end is used")
        return show(n.value)

    def block(self, b: _Block, path: str, last: bool) -> dict[str, Any]:
        f = b.found
        out: dict[str, Any] = {"name": b.name[:200]}
        kind = f.template
        if kind in ("tabata", "intervals"):
            return self.intervals(b, out, path)
        if kind == "emom":
            return self.emom(b, out, path)
        if kind == "amrap":
            return self.amrap(b, out, path)
        rounds = f.rounds or 1
        exercises = b.exercises
        superset = kind == "superset"
        if superset and rounds == 1:
            counts = {e.found.sets for e in exercises}
            if len(counts) == 1 and (n := counts.pop()) and n > 1:
                rounds = n  # a superset's sets are rounds: one set of each move, in turn
                for e in exercises:
                    e.found.sets = None
        if rounds > 1:
            out["rounds"] = rounds
        between = b.rest_line or f.rests.get("rounds") or f.rests.get("")
        window = f.window if kind == "every" else None
        items = []
        for i, e in enumerate(exercises):
            at = f"{path}.exercises[{i}]" if path else f"exercises[{i}]"
            items.append(self.exercise(e, at, b, i, last))
        if window:
            busy = sum(self.busy(x) for x in items)
            gap = max(0, window - busy)
            for x in items[:-1]:
                x.setdefault("rest_after", "0s")
            items[-1]["rest_after"] = _dur(gap)
            if rounds > 1:
                out["rest_between_rounds"] = _dur(gap)
        elif rounds > 1:
            if between is not None:
                out["rest_between_rounds"] = self.value(f"{path}.rest_between_rounds", between, b.line, _dur)
            else:
                self.uses.setdefault("rest_between_rounds", b.line or exercises[0].line)
        out["exercises"] = items
        return out

    def busy(self, x: dict[str, Any]) -> int:
        sets = x.get("sets", 1)
        if "work" in x:
            one = _ms(x["work"])
        elif "tempo" in x:
            one = _ms(x["tempo"]) * x["reps"]
        else:
            one = _ms(x.get("set_time", _dur(self.d.set_time_ms)))
        return one * sets

    def exercise(self, e: _Ex, path: str, b: _Block, index: int, last_block: bool) -> dict[str, Any]:
        f = e.found
        out: dict[str, Any] = {}
        out["name"] = e.name[:200] if e.named else self.doc.guess(
            f"{path}.name", e.name, e.line, "the text gives this exercise no name"
        )
        if f.sets and f.sets > 1:
            out["sets"] = min(f.sets, 100)
        work = f.work or b.found.each_work or self.r.general.each_work
        if f.reps and not f.max_reps:
            reps = self.value(f"{path}.reps", f.reps, e.line)
            out["reps"] = min(int(reps), 500)
        elif work:
            if work is f.work:
                out["work"] = self.value(f"{path}.work", work, e.line, _dur)
            else:
                out["work"] = _dur(work.value)
        else:
            why = "the text says as many reps as possible; timed" if f.max_reps else "the text gives no reps or time"
            out["work"] = self.doc.guess(f"{path}.work", _dur(self.d.work_ms), e.line, why)
        hold = f.hold
        if hold and "work" in out and not f.reps and hold.each != "set" and not f.work:
            # The exercise is the hold: "Plank: hold 45 seconds".
            out["work"] = _dur(hold.ms)
            out.pop("work", None) if False else None
            self.doc.comments.pop(f"{path}.work", None)
            self.doc.guesses = [g for g in self.doc.guesses if g.field != f"{path}.work"]
            hold = None
        if f.tempo and "reps" in out:
            out["tempo"] = _dur(f.tempo)
        elif "reps" in out and hold and hold.each == "rep":
            out["tempo"] = self.doc.guess(f"{path}.tempo", _dur(REP_PACE_MS), e.line,
                                          "a hold on every rep needs a time per rep; 3 s a rep")
        elif "reps" in out:
            if f.set_time:
                out["set_time"] = _dur(f.set_time)
            else:
                ms = _set_ms(out["reps"])
                out["set_time"] = self.doc.guess(
                    f"{path}.set_time", _dur(ms), e.line,
                    f"the text gives no time for a set of {out['reps']}; 3 s a rep, at least 20 s",
                )
        if f.sides:
            out["sides"] = True
        if hold and "work" not in out or hold and hold.each == "set":
            assert hold is not None
            each = hold.each if hold.each in ("rep", "set") else "set"
            if each == "rep" and "tempo" not in out:
                each = "set"
            out["hold"] = {"what": hold.what[:100], "for": _dur(hold.ms), "each": each}
        elif hold and "work" in out:
            out["hold"] = {"what": hold.what[:100], "for": _dur(hold.ms), "each": "set"}
        rests = f.rests
        own = rests.get("sets") or (rests.get("") if (f.sets or 1) > 1 else None)
        after = rests.get("after") or rests.get("exercises") or (rests.get("") if (f.sets or 1) == 1 else None)
        if rests.get("") and (f.sets or 1) > 1 and "after" not in rests and "exercises" not in rests:
            after = rests[""]  # "3x10, rest 60s": between the sets and after the last
        if "line" in rests:
            after = rests["line"]
        if (f.sets or 1) > 1:
            if own is not None:
                out["rest"] = self.value(f"{path}.rest", own, e.line, _dur)
            elif b.found.rests.get("sets") is not None:
                out["rest"] = self.value(f"{path}.rest", b.found.rests["sets"], e.line, _dur)
            elif self.r.general.rests.get("sets") is None:
                self.uses.setdefault("rest_between_sets", e.line)
        last_in_block = index == len(b.exercises) - 1
        if after is not None:
            out["rest_after"] = self.value(f"{path}.rest_after", after, e.line, _dur)
        elif b.found.template == "superset" and not last_in_block and b.found.rests.get("exercises") is None:
            out["rest_after"] = self.doc.guess(
                f"{path}.rest_after", _dur(SUPERSET_SWITCH_MS), e.line,
                "a superset moves straight on to its next exercise",
            )
        elif b.found.rests.get("exercises") is not None and not (last_in_block and last_block):
            out["rest_after"] = self.value(f"{path}.rest_after", b.found.rests["exercises"], e.line, _dur)
        elif not (last_in_block and last_block) and not (b.found.window and True):
            moves_on = not last_in_block or (b.found.rounds or 1) > 1 or not last_block
            if moves_on and self.r.general.rests.get("exercises") is None and not (
                last_in_block and (b.found.rounds or 1) > 1 and last_block
            ):
                self.uses.setdefault("rest_between_exercises", e.line)
        if e.equipment:
            out["equipment"] = [x[:100] for x in e.equipment]
        if e.cue:
            out["cue"] = e.cue[:1000]
        return out

    def moves(self, b: _Block, path: str, *, timed: bool) -> list[Any]:
        out: list[Any] = []
        for i, e in enumerate(b.exercises):
            f = e.found
            name = e.name if e.named else self.doc.guess(
                f"{path}[{i}]" if not e.cue else f"{path}[{i}].name", e.name, e.line,
                "the text gives this exercise no name",
            )
            move: dict[str, Any] = {"name": name}
            if not timed and f.reps:
                move["reps"] = self.value(f"{path}[{i}].reps", f.reps, e.line)
            elif not timed and f.work and b.found.template == "amrap":
                move["name"] = f"{name} {_spoken(f.work.value)}"
            if e.cue:
                move["cue"] = e.cue[:1000]
            out.append(move if len(move) > 1 else move["name"])
        return out

    def intervals(self, b: _Block, out: dict[str, Any], path: str) -> dict[str, Any]:
        f = b.found
        n = len(b.exercises)
        tabata: dict[str, Any] = {"exercises": self.moves(b, f"{path}.tabata.exercises", timed=True)}
        if f.template == "tabata":
            intervals = f.rounds or 8
            work, rest = f.on or 20_000, f.off or 10_000
        else:
            intervals = (f.rounds or 1) * n
            work = f.on or 20_000
            rest = f.off or 10_000
        if intervals % n:
            fixed = n * math.ceil(intervals / n)
            tabata["intervals"] = self.doc.guess(
                f"{path}.tabata.intervals", fixed, b.line,
                f"{intervals} intervals cannot be shared by {n} exercises; rounded up",
            )
        else:
            tabata["intervals"] = intervals
            if f.template != "tabata" and not f.rounds and n > 0:
                self.doc.guess(f"{path}.tabata.intervals", intervals, b.line,
                               "the text gives no number of rounds; one round")
        tabata["work"] = _dur(work)
        tabata["rest"] = _dur(rest)
        out["tabata"] = tabata
        return out

    def emom(self, b: _Block, out: dict[str, Any], path: str) -> dict[str, Any]:
        f = b.found
        n = len(b.exercises)
        at = f"{path}.emom"
        emom: dict[str, Any] = {}
        minutes = f.minutes
        if minutes is None:
            minutes = emom["minutes"] = self.doc.guess(f"{at}.minutes", 10 if n <= 1 else n * 5, b.line,
                                                       "the text gives no number of minutes")
        elif minutes % n:
            minutes = emom["minutes"] = self.doc.guess(
                f"{at}.minutes", n * math.ceil(minutes / n), b.line,
                f"{minutes} minutes cannot be shared by {n} exercises; rounded up",
            )
        else:
            emom["minutes"] = minutes
        items = []
        for i, e in enumerate(b.exercises):
            ef = e.found
            name = e.name if e.named else self.doc.guess(f"{at}.exercises[{i}].name", e.name, e.line,
                                                         "the text gives this exercise no name")
            move: dict[str, Any] = {"name": name}
            if ef.reps:
                move["reps"] = self.value(f"{at}.exercises[{i}].reps", ef.reps, e.line)
                if ef.tempo:
                    move["tempo"] = _dur(ef.tempo)
                elif ef.set_time:
                    move["set_time"] = _dur(min(ef.set_time, 59_000))
                else:
                    ms = min(_set_ms(move["reps"]), EMOM_MAX_MS)
                    move["set_time"] = self.doc.guess(
                        f"{at}.exercises[{i}].set_time", _dur(ms), e.line,
                        f"the text gives no time for {move['reps']} reps; 3 s a rep, 20 to 50 s",
                    )
            else:
                ms = ef.work.value if ef.work else None
                if ms is None:
                    move["work"] = self.doc.guess(f"{at}.exercises[{i}].work", "40s", e.line,
                                                  "the text gives no reps or time")
                else:
                    move["work"] = _dur(min(ms, 59_000))
            if e.cue:
                move["cue"] = e.cue[:1000]
            items.append(move)
        emom["exercises"] = items
        out["emom"] = emom
        return out

    def amrap(self, b: _Block, out: dict[str, Any], path: str) -> dict[str, Any]:
        f = b.found
        amrap: dict[str, Any] = {}
        amrap["cap"] = _dur(f.cap) if f.cap else self.doc.guess(
            f"{path}.amrap.cap", "10m", b.line, "the text gives no time cap"
        )
        amrap["exercises"] = self.moves(b, f"{path}.amrap.exercises", timed=False)
        if f.calls:
            amrap["calls"] = _dur(f.calls)
        if b.rest_line is not None:
            amrap["rest_after"] = self.value(f"{path}.amrap.rest_after", b.rest_line, b.line, _dur)
        else:
            self.uses.setdefault("rest_between_exercises", b.line)
        out["amrap"] = amrap
        return out


def _spoken(ms: int) -> str:
    return f"{ms // 60_000} min" if ms % 60_000 == 0 else f"{ms // 1000} s"


# --- YAML with comments ------------------------------------------------------------------


def _yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    try:
        plain = yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain = False
    if plain and "#" not in text and not text.startswith(("'", '"', "!", "&", "*", "%", "@", "`")):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_yaml(doc: dict[str, Any], comments: dict[str, str], header: str = "") -> str:
    """The document as YAML, with ``comments`` (by field path) at the end of their lines."""
    out = [f"# {line}" if line else "#" for line in header.splitlines()]

    def line(indent: int, text: str, path: str) -> None:
        comment = comments.get(path)
        out.append(" " * indent + text + (f"  # {comment}" if comment else ""))

    def mapping(m: dict[str, Any], indent: int, path: str, first: str = "") -> None:
        for i, (key, value) in enumerate(m.items()):
            at = f"{path}.{key}" if path else key
            lead = first if i == 0 and first else " " * indent
            if isinstance(value, dict):
                line(0, f"{lead}{key}:", at)
                mapping(value, indent + 2, at)
            elif isinstance(value, list):
                line(0, f"{lead}{key}:", at)
                sequence(value, indent + 2, at)
            else:
                line(0, f"{lead}{key}: {_yaml_value(value)}", at)

    def sequence(items: list[Any], indent: int, path: str) -> None:
        for i, value in enumerate(items):
            at = f"{path}[{i}]"
            if isinstance(value, dict):
                mapping(value, indent + 2, at, first=" " * indent + "- ")
            else:
                line(indent, f"- {_yaml_value(value)}", at)

    mapping(doc, 0, "")
    return "\n".join(out) + "\n"


# --- the whole import --------------------------------------------------------------------


def import_text(text: str, source: str = "<notes>", stem: str = "") -> Imported:
    """Read workout notes into a routine, the YAML for it, and every guess made."""
    reader = _Reader(text, source, stem)
    reader.read()
    writer = _Writer(reader)
    doc = writer.document()
    header = (
        f"Imported from {Path(source).name if source != '<stdin>' else 'standard input'}"
        " by repcast import.\nLines marked \"guessed\" were not in the text: check them."
        if writer.doc.guesses
        else f"Imported from {Path(source).name if source != '<stdin>' else 'standard input'} by repcast import."
    )
    text_out = to_yaml(doc, writer.doc.comments, header)
    routine = parse_text(text_out, source)
    make_plan(routine)  # the same checks a build makes (a workout over 24 hours, say)
    guesses = sorted(writer.doc.guesses, key=lambda g: (g.line, g.field))
    return Imported(routine, tuple(guesses), text_out)


def iter_guess_lines(imported: Imported, source: str) -> Iterator[str]:
    for g in imported.guesses:
        yield g.describe(source)
