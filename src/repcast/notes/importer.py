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
import functools
import html
import itertools
import json
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from enum import IntEnum
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError, TooLong
from ..files import read_bytes, source_name
from ..routine.model import (
    EMOM_MAX_MINUTES,
    EVERY_MS,
    MIN_CALLS_MS,
    REST_INTERVAL,
    Defaults,
    Routine,
    parse_routine,
    window_work,
)
from ..routine.plan import longest_exercise, make_plan
from ..routine.schema import MAX_PER_SET
from ..timing import exact_seconds, parse_duration
from . import names, roles
from .notation import (
    REST,
    TIME,
    Each,
    Found,
    Hold,
    Num,
    Scan,
    Scope,
    has_words,
    kit_named,
    normalize,
    num,
    repeated,
    scan,
    span,
    trim,
)

MAX_BYTES = 128_000  # four long articles; reading takes a few seconds at most
MAX_NAME_WORDS = 8  # a move's name run together with others is no longer than this
MAX_LEFT_OUT = 3  # exercises whose numbers would make a day of training, left out as misread
BREATH_MS = 5_000  # a slow breath in a held pose, in for 2 or 3 s and out for as long
REP_PACE_MS = 3_000  # the time allowed per rep when the text gives none...
MIN_SET_MS = 20_000  # ...but never less than this for a set
EMOM_MAX_MS = 50_000  # an EMOM move guessed this long at most, to leave some of the minute
SUPERSET_SWITCH_MS = 10_000  # from one move of a superset to the next
MIN_INTERVAL_MS = 10_000  # the shortest work interval a format said over blocks is read as
NAMELESS = "Exercise"
MAX_CUE = 400  # characters of a form cue: a few sentences, said while the move starts
MAX_PARAGRAPH = 4_000  # characters of wrapped prose joined into one paragraph

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
    except UnicodeDecodeError as exc:
        raise InputError("is not UTF-8 text (save it as UTF-8 and try again)", file=source) from exc
    controls = sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or ord(c) == 127)
    if controls > max(8, len(text) // 100):
        raise InputError("is binary data, not text", file=source)
    return text


# --- the words that tell what a line is ------------------------------------------------

_HOWTO_LABEL = re.compile(
    r"^(?:do it|how to(?: do it)?|how|instructions?|technique|steps?|method|execution"
    r"|to do it|start(?:ing)? position|übung|ausgangsstellung|ausgangsposition|ausführung"
    r"|position de départ|exécution|posición inicial|ejecución|posizione di partenza"
    r"|esecuzione|posição inicial|execução)\s*:\s*",
    re.IGNORECASE,
)

_CUE_LABEL = re.compile(
    r"^(?:cues?|form(?: cue| tip)?|coaching cues?|tips?|notes?|focus)\s*:\s*", re.IGNORECASE
)

# Another way to do the move above it, not a move of its own: "Easier: push-ups from the
# knees", "Or jumping jacks", "-Scale: box squats"
_ALTERNATIVE = re.compile(
    r"^(?:or\s+(?=[a-z])|(?:easier|harder|scaled?|scaling|modifi(?:ed|cation)|regression"
    r"|alternatives?|advanced option|beginner option|progression option)\s*[:\-\u2013]\s*)",
    re.IGNORECASE,
)
_TITLE_ASIDE = re.compile(r"([A-Za-z][^()\d]{1,60}?)\s*\(([^()]{3,200})\)")
# A move's name, a colon, then how to do it
# "Goblet squat: Hold ...", "Hip thrust \u2013 Sit on the floor ...": a name, how to do it
_NAMED_HOWTO = re.compile(
    r"(?P<name>[A-Za-z][^:.!?\d\u2013\u2014]{1,40}?)(?::|\s+[-\u2013\u2014])\s+(?P<rest>\S.*)$"
)
# "Program: hold for 2 minutes on each leg": the numbers of the exercise above it
_DOSE_LABEL = re.compile(
    r"^(?:(?:suggested|recommended|your|target)\s+)?(?:program(?:me)?|prescription|dosage|dose"
    r"|sets and reps|reps and sets|volume|how (?:much|many|long)|(hold)|repeats?"
    r"|(repetitions|reps)|do|perform)\s*[:=]\s*",
    re.IGNORECASE,
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
    stack lock wrap anchor loop interlace relax toes heels arch
    sitting kneeling feet hands arms back chest elbows knees hips shoulders slowly""".split()
    # and as sheets in other languages begin their steps: "Empieza tumbado", "Piega le
    # ginocchia", "Allongez-vous", "Legen Sie sich", "Deite-se"
    + """empieza comienza túmbate acuéstate siéntate ponte coloca colócate mantén mantenga
    sostén sube baja dobla flexiona estira levanta gira apoya repite suelta lleva acerca
    abre inclina respira coge tira sujétate vuelve separa junta
    sdraiati siediti mettiti solleva abbassa piega stendi mantieni ruota ripeti porta appoggia
    inspira espira torna tieni alza spingi rilassa
    allongez-vous asseyez-vous placez levez baissez pliez tendez maintenez gardez tournez
    répétez ramenez posez inspirez expirez revenez écartez relâchez
    legen stellen setzen heben senken beugen strecken halten drehen ziehen spannen atmen
    deite sente levante dobre estique mantenha segure repita gire apoie comece fique
    lig zit sta adem span trek houd knijp herhaal doe til buig strek draai duw breng plaats
    zet""".split()
)

_BLOCK_WORDS = re.compile(
    r"\b(?:warm[- ]?ups?|cool[- ]?downs?|circuits?|supersets?|super sets?|giant sets?|tri-?sets?"
    r"|finishers?|main(?: set| workout| part)?|metcon|wod|strength|conditioning|accessor(?:y|ies)"
    r"|core|mobility|stretch(?:ing)?|workout|tabata|emom|e\d+mom|amrap|intervals?|part [a-z\d]"
    r"|block [a-z\d]|round \d|rounds|ladder|chipper|complex|activation|burnout|skill|primer"
    r"|hiit|cardio|recovery|assistance|buy[- ]?in|cash[- ]?out)\b",
    re.IGNORECASE,
)

_LOADED = re.compile(r"@|\brx\b|\b\d+(?:[.,]\d+)?\s*(?:lbs?|kgs?|#|pood)\b", re.I)
# A move known by its number alone: "Exercise 3", "Station 2", "Ejercicio 1", "Übung 4"
_NUMBERED_MOVE = re.compile(
    r"(?:station|exercise|move|movement|übung|ejercicio|esercizio|exercice|exercício|oefening)"
    r"\s*#?\d{1,2}",
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
    r"^(?:top of (?:the )?page|back to top|share|tweet|pin it|subscribe|sign up|log ?in|sign in"
    r"|menu|home(?=\W*$)|search|advertisement"  # (not "Home exercise programme")
    r"|sponsored|related(?: posts| articles| stories)?|read more|read next|more from|follow us"
    r"|comments?|leave a (?:comment|reply)|posted (?:on|in|by)|by [A-Z][a-z]+|photo|image|credit"
    r"|tags?|categories|filed under|table of contents|skip to|back to top|newsletter|copyright"
    r"|©|all rights reserved|\d+ min(?:ute)? read|updated|published|print|email"
    r"|(?:estimated )?reading time|tiempo (?:estimado )?de lectura|temps de lecture|lesezeit"
    r"|tempo di lettura|leestijd)\b",
    re.IGNORECASE,
)
# A letter's greeting and sign-off: "Hi everyone,", "See you Saturday,", "Cheers!"
_GREETING = re.compile(
    r"(?:(?:hi|hey|hello|dear|greetings)(?: [a-z]+){0,3}|see you\b[^.!?]{0,30}|cheers)\W*",
    re.IGNORECASE,
)

# A page's table of contents: the list under it names the sections below, not moves
_CONTENTS = re.compile(
    r"(?:table of contents|contents|in this (?:article|post|guide)|on this page"
    r"|tabla de contenidos?|contenidos?|índice|table des matières|sommaire"
    r"|inhaltsverzeichnis|inhalt|indice|sommario|inhoud(?:sopgave)?)\W*",
    re.IGNORECASE,
)

# What a page has after its article: readers' comments, related posts
_TAIL = re.compile(
    r"(?:\d+\s+)?(?:comments?|responses?|replies|leave a (?:comment|reply)"
    r"|related(?: posts| articles| stories)?|read (?:more|next)|more from\b.*)\W*",
    re.IGNORECASE,
)
_AFTERMATH = re.compile(
    r"^(?:why\b|how (?:it went|hard|did|to scale)|what (?:it trains|to expect)|benchmarks?\b"
    r"|scal(?:ing|ed|e it|ing options)\b|scores?\b|results?\b|(?:my|our|your) (?:reps|results"
    r"|times|scores?|splits|numbers)\b|strategy\b|think about|(?:the )?plan\b|notes?\b"
    r"|coach(?:'s|es|ing)? (?:notes?|tips?)|tips?\b|options?\b|penalt(?:y|ies)\b|ratings?\b"
    r"|stimulus\b|modifications?\b|comments?\b|faq\b|(?:the )?(?:goal|idea|point)\b"
    r"|examples?\b|history\b|story\b|intended|targets?\b|post (?:times|results))",
    re.IGNORECASE,
)

_DATE = re.compile(r"(?<![\d-])(?:[0-3]?\d[-/.]){2}(?:\d{4}|\d{2})(?![\d-])")
# A day of the week alone, in the languages the notation is read in, perhaps with its date
# or hour after it ("Mon (7:30)", "Tuesday 29/11/16", "Mittwoch:"): it heads that day.
_WEEKDAY = re.compile(
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|venerd[iì]|sabato|domenica"
    r"|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
    r"|segunda|ter[cç]a|quarta|quinta|sexta)(?:-feira)?\.?"
    r"(?:,?\s+(?:\(\d{1,2}[:.]\d\d\)|[\d/.\-]{1,10}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}"
    r"|[A-Za-z]{3,9}\s+\d{1,2}(?:st|nd|rd|th)?))?\s*:?",
    re.IGNORECASE,
)
_VARIATION = (
    r"(?:advanced|easier|harder|beginners?|intermediate|scaled?|modified|regression|progression"
    r"|alternative)(?: (?:option|version|variation))?\s*:"
)
_RESULT = r"/\s*500\s*m\b|\b\d+:\d\d\s*(?:pace|split)\b|\bsplits?\s*(?:of|:)?\s*\d"
# A result told after the workout: "Top score was 9 rounds + 4", "my time: 12:30"
_SCORED = re.compile(
    r"\b(?:(?:top|best|high|my|our|your)\s+(?:score|time|result)s?\b|scored|finished in"
    r"|p\.?r\.?\b)",  # ("your time", not "your timer")
    re.IGNORECASE,
)
_PROSE_START = re.compile(
    r"(?:the|you|your|we|i|my|when|if|so|it|this|that|there|these|those|as|once|after|before"
    r"|beginners?|everyone|each|every|most|several)\b",
    re.IGNORECASE,
)
# "What is an AMRAP?", "How long should you rest?": a question asks, it prescribes nothing
_QUESTION = re.compile(
    r"(?:what|why|how|when|where|who|which|is|are|can|could|should|do|does|did|will|would)"
    r"\b[^?]*\?\s*$",
    re.IGNORECASE,
)
_ENTRY = r"[^:.!?]{2,40}:\s*\d"  # a name, a colon, a number: "pin pull: 6 set da 2 rep"
_GENERIC = re.compile(
    r"(?:\d+ |(?:per|each|every|a) )?(?:exercises?|moves?|movements?|stations?|rounds?|sets?"
    r"|intervals?|stretches|poses)",
    re.I,
)
_PAIRING = re.compile(
    r"(?:then\s+)?(?:super ?set(?:ted)?|paired|alternat(?:e|ed|ing))\s+with\W*", re.IGNORECASE
)
_NONE = re.compile(r"none|nothing|no equipment|-", re.IGNORECASE)
_INTRO = re.compile(r"\b(?:session|workout|routine|class|wod)\b", re.IGNORECASE)
_FOR_ALL = re.compile(
    r"\s(?:for|in|on) (?:all|every|each|both)(?: (?:\d+|of the|the|two|three|four))?"
    r"(?: (?:moves|exercises|movements|of them|rounds|sets))?\W*$",
    re.IGNORECASE,
)
# "Sit-thru is easy to find online": a name, then a verb that explains it.
_EXPLAINS = re.compile(
    r"^[\w'/-]+(?: [\w'/-]+){0,4}? (?:is|are|was|were|should|can|could|will|means|refers)\b",
    re.IGNORECASE,
)

# "Round 1. Jab Only", "Round 4: Body work", "Station 2 - Heavy bag": what a round is spent on
_ROUND_DRILL = re.compile(
    r"(?:round|station)\s*#?\d{1,2}\s*(?:[.:)]|\s[-\u2013\u2014])\s*(?P<name>[A-Za-z][^:]{1,60})",
    re.IGNORECASE,
)

_NUMBERED_BLOCK = re.compile(
    r"(?:round|set|circuit|block|part|station|superset|series)\s*"
    r"(?:#?\d{1,2}|(?:one|two|three|four|five|six)\b)",  # "Circuit one: ..."
    re.IGNORECASE,
)

# Muscle groups: a line of them alone ("Back", "Shoulders", "Calves Exercises") heads a group.
_GROUP_WORDS = set(
    """back chest shoulder shoulders arm arms bicep biceps tricep triceps leg legs glute glutes
    hamstring hamstrings quad quads quadriceps calf calves abs ab core trap traps lat lats
    forearm forearms neck hip hips oblique obliques upper lower full body and exercises
    exercise workout moves day""".split()
)

_CALL_TO_ACTION = re.compile(
    r"\b(?:subscribe|sign up|download|click|newsletter|check out|our app|the app|free trial"
    r"|follow us|share this|buy|shop|affiliate|commission|promo|discount|coupon|sponsored"
    r"|inbox|join (?:us|now|today))\b",
    re.IGNORECASE,
)


# --- lines -------------------------------------------------------------------------------

UnitKind = Literal["heading", "item", "text", "quote"]


@dataclass
class _Unit:
    line: int
    kind: UnitKind
    text: str
    level: int = 0  # Markdown heading level; 0 for a plain line read as a heading
    label: str = ""  # the list marker: "3", "A1", "-"
    indent: int = 0
    para: int = 0
    sub: bool = False  # an indented line under a list item

    @property
    def words(self) -> int:
        return len(self.text.split())


_ITEM = re.compile(
    r"^(\s*)(?:([-*+\u2022\u00b7\u25aa\u25ba\u25cb\u25e6\u25cf\u2713\u2714\u2192])"
    r"|(\d{1,3})(?:[.)]|\s+[-\u2013\u2014](?=\s+[A-Za-z]))"  # "1.", "2)", "3 - Sit up ..."
    r"|\((\d{1,3})\)|([A-Za-z]\d{0,2}(?=[.)])|[A-Z](?=:))[.):]|([A-H]\d{1,2}|\d{1,2}[A-Fa-f])[:.)]?)\s+"
    r"(?:\[[ xX]\]\s*)?(.*)$"
)


# The caption of the picture above run into the next item's number: "Bridge6. Biceps Curl"
# (words only: "Squat 3x10. Keep ..." is no caption)
_GLUED_CAPTION = re.compile(r"(\s*)([A-Za-z][A-Za-z' -]{0,40}?[a-z])(\d{1,2}\.\s+[A-Z])")
# A decimal comma in a time: "1,5 minuters", "2,5 min"
_DECIMAL_TIME = re.compile(r"(?<![\d,.])(\d),(\d)(?=\s*(?:minut|sekund|min\b))", re.IGNORECASE)
# A dash or a degree sign as a bullet, tight against a capital: "-Squats", "°Lie on your back"
_TIGHT_DASH = re.compile(r"^(\s*)[-\u00b0](?=[^\W\d_a-z][a-z])")
_KEYCAP = re.compile(r"^(\s*)(\d{1,2})\ufe0f?\u20e3\s*")  # a keycap emoji numbering a list
_ALTERNATE = re.compile(
    r"\balternat\w*\b.{0,120}?\bfor\s+(?:a\s+total\s+of\s+|about\s+|around\s+)?(\d{1,3})\s*"
    r"min(?:ute)?s?\b",
    re.IGNORECASE,
)
_REPEAT_LIST = re.compile(
    r"\brepeat\s+(?:this|these|that|them|all|the (?:circuit|sequence|list|whole thing))\b", re.I
)
_REPEAT_RANGE = re.compile(
    r"(?:and\s+)?repeat\s+(?:(?:the\s+)?(?:exercises|moves|steps|items|numbers)\s+)?#?(\d{1,2})"
    r"\s*(?:-|to|through)\s*#?(\d{1,2})(?:\s+(?:again|once more)|\s+(\d{1,2})\s*(?:times|x))?\W*",
    re.IGNORECASE,
)
# "Repeat.", "Repeat the circuit once more.", "Repeat with increased intensity." after a
# list, no count: all of it once more (not "Repeat on the other side")
_AGAIN = re.compile(
    r"\W*(?:then\s+)?repeat(?:\s+(?:the|this|that|it|all|everything|whole|entire|circuit"
    r"|sequence|above|list|round|workout|thing|once|again|more|one|time))*"
    r"(?:\s+with\s+[^\d]{0,60})?\W*",
    re.IGNORECASE,
)
_REPEAT = re.compile(r"\W*(?:and\s+)?(?:repeat|do (?:it|this|that))\b", re.IGNORECASE)
_LETTERED = re.compile(r"(?:^|\s+)[A-H]\d{0,2}\)\s+")  # "A) Bench press 3x10 B) Row 3x10"
# "Curls 3x10 superset with dips 3x10": a pair on one line
_INLINE_PAIR = re.compile(r"\s+(?:super ?set(?:ted)?|paired)\s+(?:with\s+|w/\s*)", re.IGNORECASE)
_INNER_BULLET = re.compile(r"(?<=\S)\s*(?=[\u2022\u25aa\u25cf]\s*[A-Za-z\d])")
_ARROWS = re.compile(r" ?(?:=>|->|\u2192) ?")  # (a unit's spaces are single)
_SLASHED = re.compile(r"(?<=[^\W\d_])/\s+(?=[A-Z])")
_PAIRED = re.compile(r"\s+([A-H]\d{1,2})[.)]\s+")
_UNSAID = {"So", "Sk", "Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me"}


def _inline(text: str) -> str:
    """A line without its Markdown and HTML markup: links keep their text, images go."""
    t = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    t = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", t)
    t = re.sub(r"\[([^\]]+)\]\[[^\]]*\]", r"\1", t)
    t = re.sub(r"<[^>]+>", "", t)
    # Emphasis spans a few words at most: bounded, an unclosed "*" costs no rescan to the end.
    t = re.sub(r"(\*\*|__)(.{1,200}?)\1", r"\2", t)
    t = re.sub(r"(?<![\w*])\*(?!\s)(.{1,200}?)(?<!\s)\*(?![\w*])", r"\1", t)
    t = re.sub(r"(?<![\w_])_(?!\s)(.{1,200}?)(?<!\s)_(?![\w_])", r"\1", t)
    t = re.sub(r"`([^`]*)`", r"\1", t)
    # "High Knee Sprints- Run on the spot": a dash typed against the name parts it from the
    # description, as " - " does (not "Push-ups": no space after it)
    t = re.sub(r"(?<=[^\W\d_]|\))-\s+(?=[A-Z])", " - ", t)
    t = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", html.unescape(t))
    # Emoji and other pictures (the coach would read them out), control characters.
    t = "".join(c for c in t if unicodedata.category(c) not in _UNSAID)
    return " ".join(t.split())


def units(text: str) -> list[_Unit]:
    """The text as headings, list items, lines and paragraphs (Markdown or plain).
    Wrapped prose is joined; an indented line under a list item stays its own unit."""
    out: list[_Unit] = []
    para = 0
    fenced = False
    # "for time of:• Thruster 95/65#• Pull-ups": a list whose line breaks were lost in a
    # copy, each bullet an item again
    # ("1,5 minuters": a decimal comma in a time, read before the numbers of a list, "8, 2
    # min", are run together)
    text = _DECIMAL_TIME.sub(r"\1.\2", text)
    lines = [
        # ("-Begin with 2 minutes of rope": a dash typed without its space is a bullet too)
        _TIGHT_DASH.sub(r"\1- ", _KEYCAP.sub(r"\1\2. ", part.replace("\U0001f51f", "10\u20e3")))
        for line in text.splitlines()
        for part in (_INNER_BULLET.split(line) if _INNER_BULLET.search(line) else [line])
    ]
    lines = _stacked_tables(_slash_tables(_lone_markers(lines)))
    columns: list[str] = []  # the roles of a table's columns, while in a table
    rows: list[list[str]] = []  # the cells of the table's rows of the move last named
    spaced: list[str] = []  # the same for a table with its columns apart by spaces
    clock: list[str] = []  # the columns after the time of a table of minutes ("Speed Incline")
    machine = _MACHINE.search(text)  # what such a table's rows are done on ("Treadmill")
    moving = _capital(machine[0].lower()) if machine else "Effort"
    for number, line in enumerate(lines, 1):
        expanded = line.expandtabs(4)
        stripped = expanded.strip()
        if stripped.startswith(("```", "~~~")):
            fenced, para = not fenced, para + 1
            continue
        if not fenced and stripped.count("|") >= 2:
            following = lines[number] if number < len(lines) else ""
            cells = _cells(stripped)
            if _TABLE_RULE.fullmatch(following.strip()) or (not columns and _header(cells)):
                columns, rows = [_column(c) for c in cells], []
            elif columns and not _TABLE_RULE.fullmatch(stripped):
                at = columns.index("name") if "name" in columns else 0
                # "| Squats | 1 | 80 | 8 |" then "| Squats | 2 | 90 | 6 |": a log's row a set
                # (up to a bound, so that a long run of one name costs no quadratic time)
                same = (
                    rows and len(rows) < _SET_ROWS and cells[at : at + 1] == rows[-1][at : at + 1]
                )
                group = [*rows, cells] if same else [cells]
                row = _table_rows(columns, group)
                if row and same:
                    out[-1].text = row
                elif row:
                    out.append(_Unit(number, "item", row, label="|", para=para))
                rows = group if row else []
            elif all(keyed := [re.fullmatch(r"([^:]{1,20}):\s*(.+)", c) for c in _cells(stripped)]):
                # "Exercise: Plank | Time: 30 seconds | Sets: 3": a row that names its columns
                pairs = [k for k in keyed if k is not None]
                row = _table_row([_column(k[1]) for k in pairs], [k[2] for k in pairs])
                if row:
                    out.append(_Unit(number, "item", row, label="|", para=para))
            continue
        columns = []
        if not fenced and _CLOCK_HEADER.fullmatch(stripped):
            clock = [c.lower() for c in stripped.split()[1:]]  # "Minute Speed Incline"
            continue
        if clock and (timed := _CLOCK_ROW.fullmatch(stripped)):
            # "7:30-9 4 0": from 7:30 to 9 minutes, at speed 4 and incline 0
            ms = _clock_ms(timed[2]) - _clock_ms(timed[1])
            if ms > 0:
                said = ", ".join(f"{c} {v}" for c, v in zip(clock, timed[3].split(), strict=False))
                item = f"{moving}: {_dur(ms)}. At {said}."
                out.append(_Unit(number, "item", item, label="clock", para=para))
                continue
        clock = []
        if not fenced and stripped and (roles := _spaced_header(stripped)):
            spaced = roles  # "Exercise Sets Reps": the lines below are its rows
            continue
        if spaced and (row := _spaced_row(spaced, stripped)):
            out.append(_Unit(number, "item", row, label="|", para=para))
            continue
        spaced = []
        last = out[-1] if out and out[-1].para == para else None
        alone = last is not None and last.kind == "text" and _first_of_para(out, last)
        if not fenced and re.fullmatch(r"=+|-{2,}", stripped) and alone:
            assert last is not None
            last.kind, last.level = "heading", 1 if stripped[0] == "=" else 2  # setext
            para += 1
            continue
        # (a rule: "---", "* * *", "———————", "═════")
        rule = re.fullmatch(r"(?:[-*_\u2013\u2014\u2015\u2500\u2501\u2550]\s*){3,}", stripped)
        if not stripped or (not fenced and rule):
            para += 1
            continue
        indent = len(expanded) - len(expanded.lstrip())
        heading = None if fenced else re.match(r"#{1,6}(?=\s)", stripped)
        if heading:
            body = _inline(stripped.strip("#").strip())
            if body:
                out.append(_Unit(number, "heading", body, len(heading[0]), para=para + 1))
            para += 2
            continue
        if not fenced and stripped.startswith(">"):
            body = _inline(stripped.lstrip("> "))
            if body:
                out.append(_Unit(number, "quote", body, para=para))
            continue
        glued = _GLUED_CAPTION.match(expanded)
        if (
            glued
            and out
            and out[-1].kind == "item"
            and out[-1].text.lower().startswith(glued[2].lower())
        ):
            expanded = glued[1] + expanded[glued.start(3) :]  # "Bridge6. Biceps Curl: ..."
        m = None if fenced else _ITEM.match(expanded)
        if m is None and unicodedata.category(stripped[0]) == "So" and re.search(r"\d", stripped):
            m = _ITEM.match(
                f"{expanded[:indent]}- {stripped.lstrip(stripped[0])}"
            )  # "💥 20 squats"
        if m:
            label = next(g for g in m.groups()[1:6] if g is not None)
            # "A1) Squat 4x8 A2) Hip extension 4x10": a superset's pair on one line
            parts = _PAIRED.split(m[7]) if re.fullmatch(r"[A-H]\d{1,2}", label) else [m[7]]
            for i in range(0, len(parts), 2):
                body = _inline(parts[i])
                if body:
                    out.append(_Unit(number, "item", body, label=label, indent=indent, para=para))
                label = parts[i + 1] if i + 1 < len(parts) else label
            continue
        body = _inline(stripped)
        if not body:
            continue
        body = re.sub(r"^[\"\u201c]([^\"\u201d]{1,40})[\"\u201d]$", r"\1", body)  # "Fran"
        if last is not None and last.kind == "item" and indent > last.indent:
            out.append(_Unit(number, "text", body, indent=indent, para=para, sub=True))
        elif last is not None and last.kind == "text" and _continues(last.text, body):
            last.text = f"{last.text} {body}"
        else:
            out.append(_Unit(number, "text", body, indent=indent, para=para))
    return out


_TABLE_RULE = re.compile(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?")
# A column's role by the words of its header (English, French, Spanish, German, Italian);
# notes first: "exercise_notes" is about the move, not its name.
_COLUMNS = {
    "notes": r"notes?|cues?|tips?|form|how|remarques?|notas?|hinweise?",
    "name": r"exercises?|movement|move|name|lift|activity|drill|exercices?|ejercicios?"
    r"|übung(?:en)?|esercizio|esercizi|mouvements?",
    "sets": r"sets?|rounds?|séries?|series|sätze|satz|serie",
    "reps": r"reps?|repetitions|count|répétitions|repeticiones|wiederholungen|ripetizioni|wdh",
    # (rest before time: "Rest time" is the rest)
    "rest": r"rest|recovery|break|repos|récupération|descanso|pause|recupero",
    "time": r"time|duration|work|length|hold|temps|durée|tiempo|duración|zeit|dauer|durata",
    "tempo": r"tempo",
    "load": r"weight|load|kg|lbs?|poids|peso|gewicht|charge|carga",
}
# "Interval jog: 5min ...": a label before a line of numbers
_LABEL_FIRST = re.compile(r"^[A-Za-z][^:\d]{1,40}:\s+(?=\d)")
_TIMES_AFTER = re.compile(r"\s+[-\u2013\u2014]\s*x\s*(\d{1,2})\s*$", re.IGNORECASE)  # "... - x5"
_INDEXED = 60  # the most moves a list that names them again is looked up in
_SET_ROWS = 30  # the most rows of one move read as its sets
# Columns a log keeps for itself: the set's number or kind, when it started
_BOOKKEEPING = re.compile(r"\b(?:index|type|id|start|end|date|rpe)\b")


def _lone_markers(lines: list[str]) -> list[str]:
    """A list copied from a page with each marker on a line of its own ("-" then "Camina 3-4
    días por semana"): the marker goes onto the line it stands for (the line it stood on is
    left blank, so that every line keeps its number)."""
    out = list(lines)
    for i in range(len(out) - 1):
        marker = _LONE_MARKER.fullmatch(out[i])
        if marker and out[i + 1].strip() and not _LONE_MARKER.fullmatch(out[i + 1]):
            out[i], out[i + 1] = "", f"{marker[1]}- {out[i + 1].strip()}"
    return out


_LONE_MARKER = re.compile(r"(\s*)[-\u2022*]\s*")


def _slash_tables(lines: list[str]) -> list[str]:
    """A table whose cells a copy has run together with " / " ("EXERCISES / SETS / REPS /
    REST TIME", then "1A) Push-up / 3 / 8 / 30 secs"): the same table with bars, so that it
    is read as one (its rows end at the first line without a slash)."""
    out: list[str] = []
    width = 0  # the header's cells, while in such a table
    for line in lines:
        cells = line.strip().split(" / ")
        # (a row may leave its last cells empty; prose with one slash is no row)
        if width and len(cells) >= max(2, width - 2):
            out.append("| " + " | ".join(cells) + " |")
            continue
        width = len(cells) if len(cells) > 2 and "|" not in line and _header(cells) else 0
        out.append("| " + " | ".join(cells) + " |" if width else line)
    return out


def _stacked_tables(lines: list[str]) -> list[str]:
    """A table copied a cell to a line ("Exercise", "Sets", "Reps", then "Bench press", "3",
    "8-10", ...): each row as the line that says the same, on its first cell's line (the
    other lines left blank, so that every line keeps its number)."""
    out = list(lines)
    i = 0
    while i < len(out):
        k = 0  # the header's cells, one a line (a table has a few columns)
        while i + k < len(out) and k < 8 and len(out[i + k].split()) <= 3 and _column(out[i + k]):
            k += 1
        heads = [h.strip() for h in out[i : i + k]]
        if k < 2 or not _header(heads):
            i += max(1, k)
            continue
        columns, at = [_column(h) for h in heads], i + k
        while at + k <= len(out):
            cells = [c.strip() for c in out[at : at + k]]
            if not _stacked_row(columns, cells):
                break
            out[at : at + k] = [_table_row(columns, cells), *[""] * (k - 1)]
            at += k
        if at > i + k:
            out[i : i + k] = [""] * k
        i = at
    return out


def _stacked_row(columns: list[str], cells: list[str]) -> bool:
    """Whether lines are the cells of a row under such a header: a name first, and where a
    column counts, a short cell with a number in it."""
    counted = [c for c, role in zip(cells, columns, strict=True) if role in ("sets", "reps")]
    return (
        bool(cells[0])
        and not re.fullmatch(r"[\d\s.,:-]+", cells[0])
        and all(len(c) <= 12 and re.search(r"\d", c) for c in counted)
    )


def _cells(row: str) -> list[str]:
    return [_inline(c) for c in row.strip().strip("|").split("|")]


def _column(header: str) -> str:
    h = _inline(header).lower().replace("_", " ")
    if _BOOKKEEPING.search(h) and not re.search(rf"\b(?:{_COLUMNS['name']})\b", h):
        return ""
    return next((role for role, words in _COLUMNS.items() if re.search(rf"\b(?:{words})\b", h)), "")


def _header(cells: list[str]) -> bool:
    """Whether a row with no rule under it names the columns ("Exercice | Séries |
    Répétitions |"): a column of names and one of numbers, and no number in it."""
    roles = [_column(c) for c in cells]
    numbers = {"sets", "reps", "time"}
    return "name" in roles and bool(numbers & set(roles)) and not re.search(r"\d", "".join(cells))


def _table_rows(columns: list[str], rows: list[list[str]]) -> str:
    """The rows of one move in a table as one line: a log's row a set ("Squats | 80 | 8",
    "Squats | 90 | 6") is the move's sets."""
    if len(rows) == 1:
        return _table_row(columns, rows[0])
    merged = []
    for i, role in enumerate(columns):
        said = [r[i] for r in rows if i < len(r)]
        if role == "sets":
            merged.append(str(len(rows)))
        elif role in ("reps", "time") and all(re.fullmatch(r"\d+", v) for v in said):
            merged.append(said[0] if len(set(said)) == 1 else "/".join(said))
        elif role in ("name", "rest", "tempo"):
            merged.append(said[0] if said else "")
        else:
            merged.append("")  # (a load, a note that changes from set to set)
    if "sets" not in columns:
        columns, merged = [*columns, "sets"], [*merged, str(len(rows))]
    return _table_row(columns, merged)


def _table_row(columns: list[str], cells: list[str]) -> str:
    """A row of a table with a header ("| Bench press | 4 | 8-10 | 90 sec |") as the line
    that says the same ("Bench press: 4 x 8-10, rest 90 sec")."""
    row = dict(zip(columns, cells, strict=False))
    name = row.get("name") or (cells[0] if "name" not in columns else "")
    if not name:
        return ""
    seconds = lambda v: f"{v}s" if re.fullmatch(r"\d+", v) else v  # noqa: E731
    amount = row.get("reps") or seconds(row.get("time", ""))
    # "Tenir 30\"" in the reps column: a hold of 30 seconds
    amount = re.sub(r"^(?:hold|tenir|mantener|halten|tenere)\s+", "", amount, flags=re.I)
    amount = re.sub(r"^(\d{1,3})\s*(?:\"|''|\u201d)$", r"\1 s", amount)
    if re.search(r"failure|max|amrap", amount, re.I):
        amount = "max"
    sets = row.get("sets", "")
    spec = f"{sets} x {amount}" if sets and amount else f"{sets} sets" if sets else amount
    if row.get("reps") and row.get("time"):
        spec += f" in {seconds(row['time'])}"
    load = f" ({row['load']})" if row.get("load") else ""
    parts = [spec, *(f"{k} {seconds(row[k])}" for k in ("tempo", "rest") if row.get(k))]
    note = row.get("notes", "")
    said = scan(note) if note else Found()
    # ("3 sec negative" in the notes is how to do each rep, not a move of 3 s: labelled so;
    # "3 rounds", "5 sets" there still count)
    how = said.work and not (said.sets or said.reps or said.rounds)
    note = f". Note: {note}" if how else f". {note}" if note else ""
    return f"{name}{load}: " + ", ".join(p for p in parts if p) + note


# The columns of a table written with spaces, by the words of its header, in their order.
_SPACED_COLUMNS = {
    "sets": r"\bsets\b",
    "reps": r"\breps?\b|\brepetitions\b",
    "time": r"\btime\b|\bduration\b",
    "rest": r"\brest\b|\brecovery\b",
    "": r"%(?:\s*of\s*1\s*rm)?|\b1\s*rm\b|\bweight\b|\bload\b",  # loads: read past
}
_NUMBER_CELL = re.compile(
    r"\d+(?:[.:]\d+)?(?:\s*-\s*\d+)?(?:\s*(?:secs?|seconds?|mins?|minutes?|s|m)\b)?"
)


def _spaced_header(line: str) -> list[str]:
    """The roles of the columns of "Exercise Sets Reps Rest" ([] if it is no such header)."""
    if not re.match(r"(?:exercises?|movements?|moves?|lifts?|drills?)\b", line, re.I):
        return []
    if len(line.split()) > 12 or "|" in line or re.search(r"[.,!?;]", line):
        return []  # (not "Lift your hips, then lower. Do 15 reps.": a sentence)
    found = [
        (m.start(), role)
        for role, words in _SPACED_COLUMNS.items()
        for m in re.finditer(words, line, re.I)
    ]
    roles = [role for _, role in sorted(found)]
    return roles if any(r in ("sets", "reps", "time") for r in roles) else []


def _spaced_row(roles: list[str], line: str) -> str:
    """A row under such a header ("Barbell Rows 5 5", "Squats Basic 3 10 75 60 secs") as the
    line that says the same; "" when it is no row."""
    first = re.search(r"(?<![\w.])\d", line)
    if first is None or not has_words(line[: first.start()]):
        return ""
    cells = [m[0] for m in _NUMBER_CELL.finditer(line, first.start())]
    if len(cells) != len(roles):
        return ""
    return _table_row(["name", *roles], [line[: first.start()].strip(" -:"), *cells])


# A cardio machine's table of minutes: "Minute Speed Incline" over rows "0-1 4 0", "7:30-9 4 0"
_CLOCK_HEADER = re.compile(
    r"(?:minutes?|mins?|time)(?:\s+(?:speed|incline|level|resistance|pace|effort|rpm|gear"
    r"|watts|rate|mph|km/h|%)){1,4}",
    re.IGNORECASE,
)
_CLOCK_ROW = re.compile(r"(\d{1,3}(?::[0-5]\d)?)\s*[-\u2013]\s*(\d{1,3}(?::[0-5]\d)?)\s+(.{1,80})")
_MACHINE = re.compile(
    r"\b(?:treadmill|exercise bike|bike|rower|rowing machine|elliptical|stair ?climber|ski ?erg)\b",
    re.IGNORECASE,
)


def _clock_ms(said: str) -> int:
    """ "7:30" -> 7 min 30 s, "9" -> 9 min: a point on a table of minutes."""
    minutes, _, seconds = said.partition(":")
    return (int(minutes) * 60 + int(seconds or 0)) * 1000


def _first_of_para(out: list[_Unit], unit: _Unit) -> bool:
    return len(out) < 2 or out[-2].para != unit.para


def _continues(prev: str, line: str) -> bool:
    """Whether ``line`` is the wrapped rest of the prose line before it (a line that opens
    with a block's number, "Set 2 - ...", never is)."""
    if _NUMBERED_BLOCK.match(line) or re.match(_ENTRY, line):
        return False  # "Set 2 - ...", "pin pull: 6 sets of 2": an entry of its own
    # A paragraph grows to a few thousand characters at most, so joining stays linear.
    if not (len(prev) <= MAX_PARAGRAPH and re.fullmatch(r"[a-z,]", prev[-1:])):
        return False
    if len(prev) < 50:  # a narrow column: only a line that cannot start a sentence goes on
        return len(prev) >= 25 and line[:1].islower() and not re.search(r"\d", prev)
    # Two lines of numbers, the second starting a name: a list of moves, not prose
    # ("Kniebeugen 4 Sätze à 8 Wiederholungen, Pause 90 Sekunden" / "Ausfallschritte 3x10").
    last = prev[prev.rfind("\n") + 1 :][-120:]
    if line[:1].isdigit() and scan(last).says_amount and scan(line).anything:
        return False  # "3 each side push press @ as heavy as you can" / "1 minute rest"
    return not (line[:1].isupper() and scan(last).says_amount and scan(line).says_amount)


def _is_chrome(text: str) -> bool:
    """Navigation, bylines, sharing and the like."""
    if (_CHROME.match(text) and len(text.split()) <= 8) or _GREETING.fullmatch(text):
        return True
    if _CONTENTS.fullmatch(text):
        return True
    # Breadcrumbs: "Home / Fitness / Strength", judged part by part.
    # (not "Pull-ups / Ring rows 3x8" or "10 burpees / 15 squats": a crumb counts nothing;
    # not two parts but from the home page: "Monday | Back" heads a day, "Row / Bike" a move)
    parts = re.split(r"\s[/>\u00bb|]\s", text)
    crumbs = (len(parts) > 2 or (len(parts) == 2 and bool(_CHROME.match(parts[0])))) and all(
        re.fullmatch(r"[\w' &-]+", p.strip()) for p in parts
    )
    return crumbs and not re.search(r"\d\s*[a-z]", text, re.I)


# '"Triple" Leg Extension': a nickname in quotes opens a name, not a quote
_NICKNAME = re.compile(r"[\"\u201c][^\"\u201d.!?]{1,25}[\"\u201d]\s+[A-Za-z][^.!?]{0,50}")


def _is_quote(text: str) -> bool:
    t = text.strip()
    return (t[:1] in '"\u201c' and not _NICKNAME.fullmatch(t)) or bool(
        re.search(r"[,.!?][\"\u201d]\s*(?:says|said|explains|adds|notes)\b", t)
    )


# After a dot, unless the word before it is cut short: "2 Min. Pause", "30 sec. rest", "ca. 5"
_NOT_CUT = r"(?<!\b[Mm]in\.)(?<!\b[Ss]e[ck]\.)(?<!\bca\.)(?<!\bapprox\.)"


def _sentences(text: str) -> list[str]:
    parts = re.split(rf"{_NOT_CUT}(?<=[.!?])[\"\u201d]?\s+(?=[\"\u201c]?[A-Z0-9])", text.strip())
    return [p.strip() for p in parts if p.strip()]


_WHERE_FIRST = re.compile(r"^(?:on|from|with|in|at)\b[^,.]{0,40},\s*", re.IGNORECASE)


def _howto(text: str) -> bool:
    """Whether the text starts the way instructions do ("Stand with...", "Keep...")."""
    # ("On hands and knees, arch your back": where to be, then what to do)
    text = _WHERE_FIRST.sub("", text)
    first = re.sub(r"^[^A-Za-z]+", "", text).split(" ", 1)[0].lower().strip(",.:;")
    return first in _HOWTO_VERBS and not _CALL_TO_ACTION.search(text)


def _block_only(text: str) -> bool:
    """Whether a heading is nothing but a block's name ("Warm-up", "The circuit"; not
    "Workout A" or "Leg day", which are titles)."""
    if re.search(r"\b(?:workout|wod|session|day|week|program|plan)\b", text, re.I):
        return bool(re.match(r"main (?:workout|session)\W*$", text, re.I))
    rest = trim(_BLOCK_WORDS.sub(" ", scan(text, heading=True).name or ""))
    return not has_words(rest)


_ONE_REP = re.compile(r"^(?:that'?s|that is|this is|it'?s) (?:one|1|a) (?:rep|repetition)\b", re.I)
_NOT_CUE = re.compile(
    r"^(?:repeat|aim|try|go for|to (?:mix|make|add)|for an? (?:added|extra|harder)|why\b"
    r"|(?:do|perform|complete) (?:\d+|this|it))",
    re.IGNORECASE,
)
_LABELLED = re.compile(
    r"^(?P<head>[^:]{2,40}?)\s*(?::|\s[-\u2013\u2014]\s)\s*(?P<rest>\S.*)$"
    r"|^(?P<part>warm[- ]?up|cool[- ]?down|finisher)\s+(?P<body>\S.*)$",
    re.IGNORECASE,
)
# What a count of rounds is said of when it is of the whole list, not of its last move
_WHOLE = re.compile(
    r"\b(?:whole|entire|all|circuit|routine|workout|flow|sequence|series|list|everything"
    r"|above|session|(?:the|this|that) set|the lot|them all)\b",
    re.IGNORECASE,
)
# "... and a 30-second plank", "... and finish with a 1-minute plank" (not "between 8 and
# 12 reps", not "bring it to the rack and do 2 squats" where nothing was counted before)
_AND_NEXT = re.compile(
    r"(?<![\d\s])\s+and\s+(?:then\s+)?"
    r"(?:(?:do|finish|end|follow|start|add)\s+(?:(?:up|off)\s+)?(?:with\s+)?)?(?:an?\s+)?(?=\d)",
    re.IGNORECASE,
)
# The telling words before a count in a sentence of moves: "then do 20 squats"
_TOLD_COUNT = re.compile(
    r"^(?:(?:and|then|next|finally)\s+)*(?:(?:do|perform|complete|add|finish with|end with"
    r"|start with)\s+)?(?=\d)",
    re.IGNORECASE,
)
# A program's tags after a move's name: its kind, not another move
_TAG = re.compile(
    r"\W*(?:push|pull|push/pull|legs?|isolated|isolation|compound|staple|primary|secondary"
    r"|accessory|optional|main)\W*",
    re.IGNORECASE,
)
# Instructions that do a move again on the other side
_OTHER_SIDE = re.compile(
    r"\b(?:change|switch|swap) (?:legs|sides|arms|hands)\b|\bother (?:side|leg|arm|foot|hand)\b",
    re.I,
)
# The easy part of an interval, its recovery: "1 min hard / 1 min easy", "90s walk"
_EASY = re.compile(r"(?:easy|slow|jog(?:ging)?|walk(?:ing)?|recovery|off)", re.IGNORECASE)
# "3 rounds of 12 squats, 10 push-ups, ...": the rounds of the list that follows
_ROUNDS_OF = re.compile(
    r"(?:(?:do|complete|perform)\s+)?(\d{1,2})\s*(?:rounds?|circuits?|times|sets)\s+(?:of|through)"
    r"\s*:?\s*(?=\d)(?!\d+\s*(?:exercises?|moves?|movements?|stations?)\b)",  # (their number)
    re.IGNORECASE,
)
# How hard a piece goes, said where a move's name could be: "10 min easy"
_EFFORT = re.compile(
    r"(?:at (?:an? )?)?(?:very )?(?:easy|light|gentle|steady|slow|moderate|relaxed|brisk"
    r"|comfortable|conversational)(?: pace| effort| running| jogging)?",
    re.IGNORECASE,
)
# How hard a run's or a ride's piece goes, all its name may be: "7 min tempo", "2 min hard"
_PACE = re.compile(
    r"(?:at (?:an? )?)?(?:very |really )?(?:hard|fast|tempo|threshold|all[- ]out|strong|max"
    r"|sprint|race pace|\d{1,2}k (?:pace|effort)|marathon pace|half marathon pace)"
    r"(?: pace| effort| running| riding)?",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    r"(?:(?:(?:with )?a partner|in (?:teams|pairs) of)\s+)?"  # "With a partner, complete:"
    r"(?:(?:complete|do|perform)"  # "Every 5 Minutes complete:"
    r"|(?:(?:complete|do|perform)\s+)?(?:of\s+)?(?:the\s+)?(?:following|each|these|this|below))",
    re.I,
)
# The words an AMRAP, an EMOM or a for-time piece is said with (a superset of what the
# notation reads as one of them: "emom", "e2mom", "every minute", "on the 2 minute interval",
# "as many rounds", "for time", "5 rft").
_FORMAT_SAID = re.compile(
    r"amrap|many rounds|mom\b|every|on the|for time|rft|tantas rondas|autant de tours"
    r"|so viele runden|maggior numero",
    re.I,
)
_FORMAT_FIRST = re.compile(
    r"(?:\d+\s*-?\s*(?:min(?:ute)?s?\s+)?)?(?:amrap|emom|e\d+mom|tabata|for time)\b"
    r"|\d+\s+rounds?\s+for\s+time\b",
    re.I,
)
_OPENER = re.compile(
    r"^(?P<how>start|begin|warm up|finish|end|cool down)\s+(?:with|by doing)\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
# A sentence about the list's moves by their place, not a move: "8 rounds of exercise #1",
# "each move", "the next exercise".
_REFERENCE = re.compile(
    r"\b(?:exercise|move|movement|station)\s*#\s*\d{1,2}\b"
    r"|\b(?:each|every|the first|the next|the last)\s+(?:exercise|move|movement|station)\b",
    re.IGNORECASE,
)
_WEEK_LABEL = re.compile(
    r"(?:week|wk|day|phase|stage|level)\s*\d{1,2}(?:\s*[-\u2013+]\s*\d{1,2}|\+)?\s*:\s*", re.I
)
_TURN = r"(?:odd|even|min(?:ute)?\s*\d+(?:\s*-\s*\d+)?)"  # "Min 3", "Odd": a minute's turn
_MINUTE_LABEL = re.compile(
    rf"^(?:{_TURN}|(?:step|exercise|move|movement|station|drill)\s*\d{{1,2}})"
    r"\s*[:.)\-\u2013\u2014]\s*",
    re.I,
)  # "Min 3:", "Odd:", "Step 2: Push-ups", "Exercise 1 - Lunge": labels, not names
_MINUTE_TURN = re.compile(rf"{_TURN}\s*[:.)\-\u2013\u2014]", re.I)


def _cue(text: str) -> str:
    """The sentences of instructions that say how to do the exercise, up to a length; not
    the counts, not the variations, not the selling."""
    chosen: list[str] = []
    for sentence in _sentences(re.sub(r"(?<!\s)\s*\([^()]*\)", "", text)):
        plain = normalize(sentence)
        f = scan(sentence)
        if _NOT_CUE.search(plain) or _ONE_REP.search(plain) or _CALL_TO_ACTION.search(plain):
            continue
        if _is_quote(sentence) or f.sets or f.reps or f.rounds or f.max_reps:
            continue
        if (f.work or f.hold) and not re.search(r"[A-Za-z]{2,}", re.sub(_POINTING, "", f.name)):
            continue  # "Hold for 20 seconds.", "Stay in this position for 30 seconds."
        if chosen and len(" ".join([*chosen, sentence])) > MAX_CUE:
            break
        chosen.append(sentence)
    cue = " ".join(chosen)
    return cue if len(cue) <= MAX_CUE else cue[:MAX_CUE].rsplit(" ", 1)[0] + "..."


def _capital(text: str) -> str:
    t = text.strip()
    return t[:1].upper() + t[1:]


# "Roll over for 30 seconds of flutter kicks": what to do, then the move after its time
_FOR_TIME_OF = re.compile(rf"\bfor\s+{TIME}\s+of\s+(?P<move>[A-Za-z][\w' -]{{1,40}}?)\W*$", re.I)
_CAPS_NAME = re.compile(
    r"(?P<name>[A-Z][A-Z'/&-]+(?: [A-Z][A-Z'/&-]*){0,5}) (?P<rest>[A-Z][a-z].*)"
)
_OF_EACH = re.compile(
    r"\b(?:every|each|per|all)\s+(?:exercises?|moves?|movements?|sets?|lifts?|stretch(?:es)?"
    r"|poses?|positions?)\b|\b(?:of|for)\s+each\b(?=\W*$)",  # ("3 sets of 12 of each:")
    re.I,
)
# Words that point back at the move above instead of naming one: "Do it for 2 sets of 10"
_POINTS_BACK = re.compile(
    r"(?:(?:do|repeat|perform|complete|work)\s+)?(?:it|this|that|these|them|this one|each one"
    r"|both|the (?:move|exercise|stretch)|this (?:move|exercise|stretch)|through)"
    r"(?:\s+(?:again|through|for))?",
    re.IGNORECASE,
)
# Words a time said alone opens with when it is a goal or a result, not a move
_NOT_NAMED = re.compile(r"(?:under|over|about|around|within|at|in|by|target|goal|total)\b", re.I)
_DAY_LABEL = re.compile(
    r"(?:week|day|session|workout|phase)\s+\w{1,3}\s*[:\-\u2013\u2014]\s*[A-Za-z][^\d]{0,60}",
    re.IGNORECASE,
)
# A movement pattern a program names where a move goes, the move in brackets after it
_PATTERN = re.compile(
    r"(?:(?:horizontal|vertical|upper|lower)(?:[- ]body)?\s+(?:push|pull|press)"
    r"|(?:squat|hinge|lunge|push|pull|press|carry|gait|rotation)\s+(?:pattern|movement)"
    r"|hinge|carry(?:\s*/\s*core)?|core|accessory|main lift|single[- ]leg)",
    re.IGNORECASE,
)
_ASIDE = re.compile(r"\s*\(([^()]{1,200})\)")
_LOAD = re.compile(r"[\d.,/ -]{1,20}(?:kg|kgs|lbs?|#|pood|%)?", re.IGNORECASE)


def _aside(name: str) -> tuple[str, list[str]]:
    """A name without what brackets add to it when that is a remark, not part of the name:
    "Row (each partner rows 4 times)", "Russian twists (how-to in my core post)"; a load
    ("Thrusters (95/65 lb)") and a word or two ("Pulldowns (dropsets)") stay. A movement
    pattern gives way to the move in its brackets: "Horizontal pull (Seated Row or DB Row)"."""
    pattern = re.fullmatch(r"([^()]{2,40}?)\s*\(([^()\d]{3,80})\)", name)
    if pattern and _PATTERN.fullmatch(pattern[1]) and has_words(pattern[2]):
        return pattern[2].strip(), [pattern[1]]
    remarks = [
        m[1]
        for m in _ASIDE.finditer(name)
        if (len(m[1].split()) >= 3 or re.search(r"\d", m[1])) and not _LOAD.fullmatch(m[1])
    ]
    if not remarks:
        return name, []
    kept = _ASIDE.sub(lambda m: "" if m[1] in remarks else m[0], name).strip()
    return (kept, remarks) if has_words(kept) else (name, [])


def _sentence(text: str) -> str:
    t = _capital(text)
    return t if t.endswith((".", "!", "?")) else t + "."


# --- reading the structure ---------------------------------------------------------------


class CueSource(IntEnum):
    """Where a cue came from; a better source replaces a cue from a lesser one."""

    NONE = 0
    REMARK = 1  # a line or remark after the exercise
    INSTRUCTIONS = 2  # "Do it:", "How to:"
    LABEL = 3  # "Form:", "Cue:": the author's own cue, kept whole


@dataclass
class _Ex:
    name: str
    line: int
    found: Found
    named: bool = True
    cue: str = ""
    source: CueSource = CueSource.NONE
    equipment: list[str] = field(default_factory=list)
    para: int = -1  # the paragraph of its line; -1 for a heading: the paragraphs below are its
    steps: list[str] = field(default_factory=list)  # numbered instructions under it
    described: str = ""  # its instructions, where a name can come from when it has none
    no_kit: bool = False  # the text says it needs no equipment
    listed: bool = False  # a short name with its numbers in a list: kept, however it reads
    gone: bool = False  # a name in a list of the moves that sections below then describe
    clocked: bool = False  # a row of a table of minutes: the next row starts where it ends
    rows: list[int] = field(default_factory=list)  # reps of sets logged a line each
    bare: bool = False  # named with no numbers of its own (those said of a list may be given)
    resting: bool = False  # an EMOM's interval of rest in its turn ("Min 4 - Rest")


@dataclass
class _Block:
    name: str
    line: int
    found: Found = field(default_factory=Found)
    exercises: list[_Ex] = field(default_factory=list)
    implicit: bool = False  # the exercises before any block heading
    rest_line: Num | None = None  # a "Rest" line after its last exercise
    group: bool = False  # a muscle group's exercises: what is said after it is said of all
    parent: Found | None = None  # what a heading with no exercises said over this block
    pairing: Literal["", "open", "closed"] = ""  # a "superset with" pair: waiting, complete
    announced: bool = False  # opened by a sentence of prose ("this one is a 20 minute AMRAP")
    together: bool = False  # an interval's moves all done in each interval ("5 pull-ups + 10")
    shared: Num | None = None  # "Warm-up (5 minutes)" over a list: the time of all its moves
    drills: bool = False  # "Round 1. Jab Only", "Round 2. Body Work": a drill a round


class _Reader:
    """Walks the units once, keeping the block and exercise that text refers to."""

    def __init__(self, text: str, *, lenient: bool = False):
        self.lenient = lenient  # a second reading: results and variations may be the workout
        self.units = _laddered(_defined(units(text)))
        # The first heading of the highest level in the text may be its title.
        self.top = min((u.level for u in self.units if u.kind == "heading"), default=1)
        self.title: tuple[str, int] | None = None
        self.description = ""
        self.blocks: list[_Block] = []
        self.block: _Block | None = None
        self.ex: _Ex | None = None
        self.general = Found()  # what is said for the whole workout
        self.general_line = 0
        self.kit: list[str] | None = None  # "Equipment: a bench" said before any exercise
        self.skipping = False  # under a heading that is neither a block nor an exercise
        self.heads: dict[int, bool] = {}  # unit index -> whether it is a plain heading
        self.at = {id(u): i for i, u in enumerate(self.units)}  # a unit's index
        self.flows: dict[int, str] = {}  # unit index of a numbered step -> the pose it names
        self.first: dict[tuple[str, ...], tuple[_Ex, _Block | None]] = {}  # a name's first move
        self.each = Found()  # sets and reps said of every exercise of the list to come
        self.each_line = 0  # the line that said them
        # a swim's text, whose lines give bare distances ("600 warm-up", "10x50 on 1:10")
        self.swim = len(_SWIM_WORDS.findall(" ".join(u.text for u in self.units[:60]))) >= 3
        self.pieces: dict[tuple[int, str], Found | None] = {}  # a swim's pieces, read once

    def read(self) -> None:
        if self.units and self.units[0].words <= 12:
            self._scheme(self.units[0].text)  # (a first line that is not the title: a question)
        for i, u in enumerate(self.units):
            if u.kind == "quote" and self.ex is not None and _REPEAT.match(normalize(u.text)):
                # "> Répétez l'exercice 5 fois de chaque côté.": a chevron, not a quotation
                self._merge_prose(self.ex, scan(u.text))
                continue
            if u.kind == "quote" or _is_chrome(u.text):
                if u.kind == "heading" or _TAIL.fullmatch(u.text) or _CONTENTS.fullmatch(u.text):
                    self.skipping, self.ex = True, None  # ("Comments": readers' lines below)
                continue
            if self._aftermath(u):
                self.skipping, self.ex = True, None
                continue
            if self._rest_interval(u):
                continue
            if self.ex is not None and u.kind != "heading" and _ALTERNATIVE.match(u.text):
                continue
            if re.fullmatch(r"\((?:e\.g\.|ex\.|for example|i\.e\.)[^()]*\)\W*", u.text, re.I):
                continue  # "(Ex. Burpees done in the Tabata: 48. Broad jumps done: 48)."
            if (note := _CUE_LABEL.match(u.text)) and re.match(
                rf"{REST}\b", u.text[note.end() :], re.I
            ):
                u.text = u.text[note.end() :]  # "Note: Rest 2-3 min. between sets.": a rest
            if _doubled(u.text):
                continue  # "Leg Press Leg Press": a picture's caption under its alt text
            if _TOTAL.fullmatch(u.text):
                continue  # "Total: 4300", "Total time: 45 minutes": the sum, not a piece
            if _then_part(u):
                # "And then, immediately:", "And finally, "Time under tension":": a new part
                name = _THEN.sub("", u.text).strip(" :\"'") or "Workout"
                said = scan(name, heading=True)
                # "Then 2 rounds:", "Then, 2 sets of this:": a block of rounds
                these = r"\b(?:this|these|that|them|it|the following|the below)\b"
                if said.rounds and not has_words(re.sub(these, "", said.name, flags=re.I)):
                    u.text = f"{name}:"
                    self._heading(u, i)
                else:
                    self._block_spec(Found(name=name), name, u.line)
                continue
            if _PAIRING.fullmatch(u.text) and not self.skipping:
                self._pair(u)
                continue
            pair = _INLINE_PAIR.split(u.text)
            if len(pair) == 2 and not self.skipping and all(scan(p).says_amount for p in pair):
                # (said as the labelled pair it is, and read the way that one is)
                u.text = f"Superset: A) {pair[0]} B) {pair[1]}"
                if (m := _LABELLED.match(u.text)) and self._labelled(u, m):
                    continue
            swum = self._swum(u)
            if swum is not None and not self.skipping:
                # (a swim's "Swim" or "Pull" with its distance is a piece however it reads)
                ex = _Ex(_capital(swum.name), u.line, swum, para=u.para, listed=True)
                self._set_cue(ex, "; ".join(swum.notes), CueSource.REMARK)
                self._add(ex)
            elif self.ex is not None and _SET_LINE.match(u.text) and _set_row(u.text):
                self._line(u, u.text)  # "Set 2 - 8 reps @ 65%" under its move: not a heading
            elif self.ex is not None and not self.ex.found.says_amount and _bare_dose(u.text):
                said = scan(u.text)
                self._merge_prose(self.ex, said)  # "3 sets of 8-12 reps" under its move
                if heavy := _INTENSITY.search(said.name):  # ("3 x 3 at 85% of your 1RM")
                    self._set_cue(self.ex, _sentence(heavy[0].strip()), CueSource.REMARK)
            elif u.kind == "heading" or self._plain_heading(u, i):
                self._heading(u, i)
            elif (
                self.skipping
                or (u.kind == "item" and self._over_items(u, i))
                or _is_quote(u.text)
                or ((m := _LABELLED.match(u.text)) and self._labelled(u, m))
                or (u.kind == "item" and (m := _CAPS_NAME.fullmatch(u.text)) and self._caps(u, m))
                or (u.kind == "item" and self._named_howto(u))
                or self._dose(u)
            ):
                continue
            elif pose := self._pose(u, i):
                self._flow_step(u, pose)
            elif _is_step(u):
                self._step(u)
            elif u.kind == "item" and (_EQUIPMENT_LABEL.match(u.text) or _CUE_LABEL.match(u.text)):
                self._about(u)  # "- Gear: dumbbells; a mat", "- Tip: ..."
            elif (u.kind == "item" or re.match(r"[\u2013\u2014]\s", u.text)) and self._dose_under(
                replace(u, text=u.text.lstrip("\u2013\u2014 "))
            ):
                continue  # "- Spannung 5 Sekunden halten", "- 5 mal durchführen" (or en dashes)
            elif u.kind == "item" and self._howto_under(u):
                self._about(u)  # "- Hold for 30 seconds, then repeat on the other leg."
            elif u.kind == "item":
                self._line(u, u.text, item=True)
            elif u.sub and self.ex is not None:
                self._about(u)
            else:
                if self._after_items(u, i):
                    self._implicit()  # "Leg press 4x12" after a labelled list: not in it
                self._text(u)
        for b in self.blocks:
            b.exercises = [e for e in b.exercises if not e.gone]
            # (an interval of rest is one of an EMOM's turns, after a move)
            turns = b.found.template == "emom" and not (b.together or b.found.together)
            while b.exercises and b.exercises[0].resting:
                b.exercises.pop(0)
            if not turns:
                b.exercises = [e for e in b.exercises if not e.resting]

    def _rest_interval(self, u: _Unit) -> bool:
        """ "Min 4 - Rest", "- Rest" in the list of an EMOM whose moves take turns: an
        interval of rest in its turn."""
        b = self.block
        if b is None or b.found.template != "emom" or b.together or not b.exercises:
            return False
        if not re.fullmatch(rf"{REST}\W*", _MINUTE_LABEL.sub("", u.text), re.I):
            return False
        b.exercises.append(_Ex("Rest", u.line, Found(), para=u.para, listed=True, resting=True))
        self.ex = None
        return True

    def _after_items(self, u: _Unit, i: int) -> bool:
        """Whether a line that names a move with its numbers follows the bulleted list of a
        block of rounds ("Superset: x3", "- Step-ups x10", "- Pulse squats x15"): a move
        after the rounds, not one more in them."""
        block = self.block
        if not i or self.units[i - 1].kind != "item" or block is None or not block.exercises:
            return False
        if _count(block.found.rounds) < 2 or block.found.template not in ("", "superset"):
            return False
        f = scan(u.text)
        return bool(f.says_amount and has_words(f.name) and names.is_move(f.name))

    def _over_items(self, u: _Unit, i: int) -> bool:
        """ "- Triggers - 3 Sets X 8 Reps" over items indented under it: a group whose
        sets and reps are those of each item that gives none."""
        below = self.units[i + 1 : i + 2]
        if not below or below[0].kind != "item" or below[0].indent <= u.indent:
            return False
        f = scan(re.split(r"\s*\(", u.text, maxsplit=1)[0])  # (not the range in brackets)
        if not (f.sets and f.reps) or re.match(rf"\W*{REST}\b", below[0].text, re.I):
            return False  # ("3 x 3" over "Rest at least 2 minutes between sets": its rest)
        name = trim(re.sub(r"[-\u2013\u2014:]+\s*$", "", f.name)) or "Circuit"
        self._block_spec(Found(name=name), name, u.line)
        self.each = Found(sets=f.sets, reps=f.reps)
        return True

    def _dose(self, u: _Unit) -> bool:
        """ "Program: hold for 2 minutes on each leg", "- Hold: Keep the squeeze for 5-10
        seconds.", "- Repeat: Repeat 10 times.": the numbers of the exercise above it."""
        dose = _DOSE_LABEL.match(u.text)
        if dose is None or self.ex is None:
            return False
        body = u.text[dose.end() :]
        held = dose[1] and not self.ex.found.hold and re.search(TIME, normalize(body))
        if held:  # (its time is the hold's, not the exercise's)
            self.ex.found.hold = Hold("the position", span(held[0]), "")
            return True
        if dose[2] and re.fullmatch(r"\d{1,3}(?:\s*-\s*\d{1,3})?", body.strip()):
            body += " reps"  # "Target Repetitions = 5"
        for sentence in _sentences(body):
            self._merge_prose(self.ex, scan(sentence))
        return True

    def _caps(self, u: _Unit, m: re.Match[str]) -> bool:
        """ "3. CHAIR STANDS Cross your arms and stand up 10 times.": a name in capitals,
        then how to do it."""
        name = m["name"]
        said = len(m["rest"].split()) >= 3 and re.search(r"[.!]", m["rest"])
        letters = sum(c.isalpha() for c in name)
        # not "SL Hip Extension 4x10" or "DB Row": an abbreviation opens a name in capitals
        if not said or letters < 4 or _BLOCK_WORDS.search(name) or scan(name).anything:
            return False
        self._told_move(u, name.lower(), m["rest"])
        return True

    def _told_move(self, u: _Unit, name: str, how: str) -> None:
        """A move named on its line, then how to do it (the cue, and any numbers in it)."""
        self._add(_Ex(_capital(name), u.line, Found(), para=u.para))
        self._about(replace(u, text=how))

    def _named_howto(self, u: _Unit) -> bool:
        """ "Goblet squat: Hold a dumbbell at your chest and squat deep. Do 3 sets of 10.",
        "1) Flat bench press: Lie back on a flat bench ...": a move, then how to do it."""
        card = _NAMED_HOWTO.match(u.text)
        # (after "Superset with", whatever the description starts with: "Dumbbell row: Most
        # people do these off a bench, ...")
        paired = self.block is not None and self.block.pairing == "open"
        # ("4. Shoulder Press: Same as in the Saturday workout. 15 reps.": a numbered item,
        # its count alone in its last sentence, none before)
        said = _sentences(card["rest"]) if card and u.label.isdigit() else []
        counted = len(said) > 1 and _bare_count(said[-1]) and not scan(said[0]).anything
        # ("2. Chest expansion: A slumped chest loads the shoulders. ... Stand tall with ...":
        # why, then how, in a list item of its own)
        why = _sentences(card["rest"])[1:4] if card and u.kind == "item" else []
        explained = len(why) >= 2 and any(map(_howto, why))
        told = card and (_howto(card["rest"]) or paired or counted or explained)
        # (a name the model doubts, told how and counted: "5. Bridge: Lie on your back ...")
        # (or one it does not take for prose, explained and told how: "Chest expansion")
        sure = card and (
            names.is_move(card["name"])
            or (counted and _howto(card["rest"]))
            or (explained and names.score(card["name"]) >= names.PROSE)
        )
        if not (card and told and sure):
            return False
        if re.search(r"\s[-\u2013\u2014]\s", card["rest"]):
            return False  # "Front Squat - Push - Compound - 5 Sets x 5 Reps": fields, no how-to
        self._told_move(u, card["name"], card["rest"])
        return True

    def leave_out(self, name: str, why: str) -> Guess | None:
        """Take the first exercise called ``name`` out of the workout, and say so; not the
        last one left ("squats 999x999" is refused for what it says)."""
        if sum(len(b.exercises) for b in self.blocks) < 2:
            return None
        for b in self.blocks:
            for ex in b.exercises:
                if ex.name[:200] == name:
                    b.exercises.remove(ex)
                    return Guess(ex.line, "exercises", f"{name} left out", f"with it, {why}")
        return None  # a name the writer gave (a nameless exercise)

    def _aftermath(self, u: _Unit) -> bool:
        """A label after the workout that opens what is about it, not in it: the scores,
        benchmarks, scaling, how it went, the plan, the notes ("Benchmark Times", "How it
        went for me:", "Why It Is Hard"). What follows it up to the next block is left out."""
        if self.lenient or not self.blocks or u.words > 8 or u.kind == "item":
            return False
        if _DOSE_LABEL.match(u.text):  # "Target Repetitions = 5": the move's numbers
            return False
        return bool(_AFTERMATH.match(u.text)) and not re.search(r"[.!]$", u.text)

    @property
    def started(self) -> bool:
        return bool(self.title or self.blocks or self.ex)

    def _plain_heading(self, u: _Unit, i: int) -> bool:
        """A line of its own that names what follows: "Warm-up", "WARM-UP", "Circuit:",
        "Renegade Rows With Push-Ups". Asked again for the section above it, so kept."""
        if i not in self.heads:
            self.heads[i] = self._is_plain_heading(u, i)
        return self.heads[i]

    def _is_plain_heading(self, u: _Unit, i: int) -> bool:
        t = u.text
        labelled = (bare := _MINUTE_LABEL.sub("", t)) != t
        if labelled and _MINUTE_TURN.match(t):
            return False  # "Min 1 - 15/12 Echo bike calories": a minute's turn, not a heading
        if labelled and scan(bare).says_amount:
            t = bare  # "Min 3: 30 s plank" is a move with its numbers, not a heading
        # ("A. Every 90s for 15 minutes:", "B. 2 Rounds:": a whiteboard's lettered parts)
        part = u.kind == "item" and bool(re.fullmatch(r"[A-H]", u.label)) and t.endswith(":")
        part = part or (u.kind == "item" and bool(_WEEKDAY.fullmatch(t)))  # "1. Mon" over its run
        if (u.kind != "text" and not part) or u.sub or u.words > 10 or len(t) > 80:
            return False
        if _is_quote(t) or _CUE_LABEL.match(t) or _HOWTO_LABEL.match(t):
            return False
        links = _SLASHED.split(t)
        # "Neck Rolls/ Shoulder Rolls/ Arm Circles": the moves, most of them read so, no heading
        # (but "Chest/ Shoulders/ Triceps" heads its day)
        if len(links) > 2 and 2 * sum(map(names.is_move, links)) >= len(links):
            return False
        if self._swum(u) is not None:
            return False  # "600 warm-up": a swim's piece
        quoted = t[:1] in "\"'(" and not _NICKNAME.fullmatch(t)
        if _EQUIPMENT_LABEL.match(t) or t[:1].islower() or quoted or _FOR_ALL.search(t):
            return False
        # (a text's first line may cheer: "Tabata Tuesday!")
        if re.search(r"[.?,;]\"?$", t) or (t.endswith("!") and (i > 0 or u.words > 5)):
            return False
        if re.match(r"(?:repeat|do|complete|go through)\b", t, re.I) and not t.endswith(":"):
            return False  # "Repeat circuit 3x" says what to do with the list above it
        alone = all(x.para != u.para for x in self.units[i + 1 : i + 2]) and (
            i == 0 or self.units[i - 1].para != u.para
        )
        f = scan(t.rstrip(":"), heading=True)
        counted = scan(t)  # "20 Press Ups" alone between blank lines: a move, counted
        if f.rests and not has_words(f.name):
            return False
        if counted.each_work and not _BLOCK_WORDS.search(t):
            return False  # "30 seconds of each exercise, as hard as you can": a statement
        # A whiteboard's "WARM-UP" or "EMOM 10" need no blank line below them.
        label = (
            _group(t)
            or t.endswith(":")
            or bool(f.template)
            or _block_only(t)
            or (t.isupper() and u.words <= 5)
            or bool(re.fullmatch(r"(?:week|day|session|workout|phase|part)\s+\w{1,3}", t, re.I))
            # "Day 2: Back & Biceps", "Week 3 - Upper": a day and what it trains
            or bool(_DAY_LABEL.fullmatch(t))
            or bool(_ROUND_DRILL.fullmatch(t))
            or bool(re.fullmatch(r"[A-Za-z]+(?: [A-Za-z]+)? day:?", t, re.I))  # "Pull day"
            or bool(_NUMBERED_MOVE.fullmatch(t.rstrip(":")))  # "Exercise 2" over its steps
        )
        # "10 min warm-up", "5 min cool down" alone: the part is a timed move, not a heading
        if counted.work and re.fullmatch(
            r"(?:warm|cool)[- ]?(?:up|down)", counted.name.strip(), re.I
        ):
            return False
        # "Leg burner x3 rounds" over its bullets: a block
        after_unit = self.units[i + 1] if i + 1 < len(self.units) else None
        moves_below = after_unit is not None and after_unit.kind == "item"
        rounds_said = f.rounds and has_words(f.name) and re.search(r"\brounds?\b", t, re.I)
        if moves_below and rounds_said and after_unit and scan(after_unit.text).says_amount:
            return True
        if not (alone or label):
            return False
        # "Plank 3 x 30s" on its own line is an exercise, "3 rounds:" a block.
        says = f.says_amount or (f.rounds and counted.says_amount)
        after = after_unit.text if after_unit is not None else ""
        numbered = names.words(after) == names.words(counted.name)  # "2 Squeeze" / "Squeeze"
        if counted.reps and not (counted.bare or label or numbered) and _a_move(counted.name):
            return False
        # "Bicycle 30 seconds" alone, after the first line: a timed move (not "Under 38
        # minutes", "Target: 1:39")
        short = 0 < len(counted.name.split()) <= 4 and not _BLOCK_WORDS.search(counted.name)
        aside = ":" in counted.name or _NOT_NAMED.match(counted.name)
        if counted.work and short and i > 0 and not (aside or names.is_prose(counted.name)):
            return False
        if counted.work and _PACE.fullmatch(counted.name.strip(" ,")):
            return False  # "6 min hard, 90s recovery": a run's piece, done at that effort
        # ("Calf stretch 30s x 3" names a move that a block word is part of)
        block = _BLOCK_WORDS.search(f.name) and not names.is_move(f.name)
        return not (says and not f.template and not block)

    def _card(self, u: _Unit) -> bool:
        """Whether a line is a move's name with its numbers on the lines below it, each a
        number and its label ("Bulgarian split squat" / "Reps: 10-12" / "Sets: 3"), or how
        to do it ("Calf stretch" / "Stand facing a wall. ...")."""
        i = self.at[id(u)]
        below = self.units[i + 1 : i + 2]
        if not below or below[0].para != u.para or not names.is_move(u.text):
            return False
        f = scan(below[0].text)
        numbers = bool(f.sets or f.reps or f.work) and not has_words(f.name)
        return numbers or _howto(below[0].text)

    def _swum(self, u: _Unit) -> Found | None:
        """The swim's piece on a line of a swim's text, or None."""
        if not self.swim or u.kind not in ("text", "item"):
            return None
        key = (u.line, u.text)
        if key not in self.pieces:
            self.pieces[key] = _swim_piece(u.text)
        return self.pieces[key]

    def _titled(self, title: str, line: int) -> None:
        self.title = (title, line)
        self._scheme(title)

    def _scheme(self, title: str) -> None:
        """The sets and reps a title gives every move of the list ("Adding a day? (5x5
        split)", "Full body 3x10") that gives none of its own."""
        scheme = re.search(r"\b(\d{1,2})\s*[x\u00d7]\s*(\d{1,2})\b(?!\s*[x\u00d7])", title)
        if scheme and 1 < int(scheme[1]) <= 10 and not self.each.sets:
            self.each = Found(sets=num(int(scheme[1])), reps=num(int(scheme[2])))

    def _title(self) -> str:
        return self.title[0] if self.title else ""

    def _heading(self, u: _Unit, i: int) -> None:
        text = re.sub(
            r"^(?:(?:\d{1,2}|[A-Za-z]\d?)[.)]|\d{1,2}\s*[-\u2013\u2014])\s+",
            "",
            u.text.rstrip(":").strip(),
        )  # "3. Plank", "B) Rows", "1 - SQUATS"
        text = _MINUTE_LABEL.sub("", text) or text
        section = self._section(i)
        if drill := _ROUND_DRILL.fullmatch(text):
            said = scan(drill["name"])
            if not (said.says_amount or said.template or said.rounds or _lists(section)):
                self._drill(_capital(drill["name"].strip()), u.line)
                return
        m = _LABELLED.match(text)
        if m and self._labelled(u, m):
            return
        f = scan(text, heading=True)
        if self._capped(f):
            return
        if _scoped(f) and not (f.says_amount or f.template or f.rounds or names.is_move(f.name)):
            self._general(f, u.line)  # "Tiempo de descanso entre series: 1-2 minutos"
            return
        if not _lists(section) and _set_by_set(f):
            self._add(_Ex(_capital(f.name), u.line, f))
            return
        first = not self.started and u.level <= self.top
        plain = not (f.template or f.says_amount or f.scheme or f.rounds or _block_only(text))
        # "WOD 12/4", "4-2-16 - Back Day": a whiteboard's or a log's first line names the day.
        dated = bool(_DATE.search(text)) and has_words(f.name)
        day = re.search(
            r"\b(?:wod|workout|session|day|class|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
            text,
            re.I,
        )
        plain = plain or dated or bool(day and has_words(f.name))
        # "Garage tabata" alone on the first line names the session
        # (not "Tabata (8 rounds each):" or "Complete 3 rounds of the following:": a block)
        sized = f.rounds or f.on or f.minutes or f.cap or f.window or u.text.endswith(":")
        plain = plain or (
            u.level == 0 and not f.says_amount and not sized and not _block_only(text)
        )
        # A plain line over the steps of one exercise names the exercise, even first.
        # A magazine's move: its name, then "Do: 3 sets; 15, 12, 10 reps", "Start:", "Move:".
        # A program's move: its name, then "6 sets of 6, 4, 3, 3, 4, 6 reps" alone below it.
        dosed = bool(
            section
            and (_DOSE_LABEL.match(section[0].text) or _bare_dose(section[0].text))
            and names.is_move(text)
        )
        # "Exercise 2" over sentences of how to do it: the move has no other name
        numbered = bool(
            _NUMBERED_MOVE.fullmatch(text)
            and section
            and 2 * sum(x.words >= 4 for x in section) >= len(section)  # sentences, not names
        )
        steps = (
            dosed
            or numbered
            or (
                u.level == 0
                and _EXERCISE_WORDS.search(text)
                # (or how to do it, from the first line under it: "Stand facing a wall. ...")
                and (
                    any(map(_is_step, section))
                    or bool(
                        section
                        and section[0].kind == "text"
                        and _howto(section[0].text)
                        # ("Knee lifts (for strength)"; not "Full-body dumbbell workout")
                        and names.is_move(_ASIDE.sub("", text) or text)
                    )
                )
            )
        )
        if first and (u.level == 1 or plain) and not steps:
            self._titled(_capital(text), u.line)
            return
        if self._named_again(section):
            self.skipping, self.ex = True, None  # "Movements" over "- Thruster", "- Pull-Up"
            return
        self.skipping = False
        logged = len(section) >= 2 and all(_set_row(x.text) for x in section)
        if steps or (logged and has_words(f.name) and not f.template):
            # ("Back squat" over "10x 45kg (warm up)", "5x 60kg", ...: a log of its sets)
            self._add(_Ex(_capital(f.name or text), u.line, f))
        elif (
            f.template
            or f.rounds
            or f.scheme
            or (f.each_work and section)  # "30 seconds each:" over the moves
            or _lists(section)
            or _formats(section)
            or _WEEKDAY.fullmatch(text)
            or (bool(section) and self._swum(section[0]) is not None)
            # ("Standing Quad Stretch" over how to do it names a move, "Stretching" a part)
            or (
                _BLOCK_WORDS.search(text)
                and not (u.level == 0 and not u.text.endswith(":") and _one_move(text, section))
            )
        ):
            self._block_spec(f, text, u.line)
            if _group(text) and self.block is not None:
                self.block.group = True
        elif (
            f.says_amount
            or _instructions(section)
            or (not section and (_EXERCISE_WORDS.search(text) or names.is_move(text)))
            # "Step Ups" over a paragraph on how ("One foot on the bench, ...")
            or (section[:1] and section[0].kind == "text" and names.is_move(f.name or text))
            # "Fire hydrant" over how to do it, named in the list above
            or tuple(names.words(f.name or text)) in self.first
        ):
            self._add(_Ex(_capital(f.name or text), u.line, f))
        else:
            self.skipping, self.ex = True, None

    def _named_again(self, section: list[_Unit]) -> bool:
        """Whether a section only names again, with no numbers, moves the workout above
        already holds: an index of its movements, not more of them."""
        if not section or not self.blocks or any(u.kind != "item" for u in section):
            return False
        key = lambda name: "".join(names.words(name)).rstrip("s")  # noqa: E731
        # (the first moves only: a workout is short, and a long text costs no quadratic time)
        moves = (e for b in self.blocks for e in b.exercises)
        seen = [key(e.name) for e in itertools.islice(moves, _INDEXED)]
        for u in section:
            f = scan(u.text)
            said = key(f.name)  # ("Thruster" for "Thruster 95/65 lb")
            if f.anything or not said or not any(k.startswith(said) for k in seen):
                return False
        return True

    def _drill(self, name: str, line: int) -> None:
        """ "Round 3. Hooks Off the Jab" over how to throw them: one round is one drill, as
        long as a round ("3 minutes per round") and resting as long as between rounds."""
        block = self.block
        if block is None or not block.drills:
            said = block.found if block is not None else self.general
            each = said.each_work or self.general.each_work
            rest = said.rests.get("rounds") or self.general.rests.get("rounds")
            if block is not None and not block.exercises:
                self.blocks.remove(block)  # ("10 rounds, 3 minutes per round": said of these)
            f = Found(each_work=each, rests={"exercises": rest} if rest else {})
            block = _Block("Rounds", line, f, drills=True)
            self.blocks.append(block)
            self.block = block
        # (named by the round, however it reads: "Empty the Tank" is a drill here)
        self.ex = _Ex(name, line, Found(), para=-1)
        block.exercises.append(self.ex)

    def _section(self, i: int) -> list[_Unit]:
        """The units under the heading at ``i``, up to the next heading."""
        out = []
        for j in range(i + 1, len(self.units)):
            u = self.units[j]
            # (nor past "Then, 2 sets of this:", which opens a part: a text of many would
            # otherwise read to its end from each of them)
            if u.kind == "heading" or _then_part(u) or self._plain_heading(u, j):
                break
            if u.kind != "quote" and not _is_chrome(u.text) and not _is_quote(u.text):
                out.append(u)
        return out

    def _labelled(self, u: _Unit, m: re.Match[str]) -> bool:
        """ "Warm-up: 5 min jog", "15 min AMRAP: 10 push-ups, 15 squats", "Finisher - bike
        sprints 20 seconds on, 40 off x 6": a block, and what is in it."""
        head, rest = (m["head"], m["rest"]) if m["head"] else (m["part"], m["body"])
        if not rest.strip():
            return False  # "Exercise 2" alone: a heading over how to do it
        if _NUMBERED_MOVE.fullmatch(head.strip()) or re.fullmatch(
            r"(?:partner|athlete|person)\s*#?\d{1,2}", head.strip(), re.I
        ):
            # "Station 2: Wall sit - 45 sec", "Partner 1: 16 DB Thrusters": one move of the
            # list, not a block of its own
            return self._line(u, rest, item=True)
        if re.fullmatch(rf"{REST}s?", head.strip(), re.I):
            # "Recovery: 400m easy jog between each interval": a rest, or nothing that can
            # be timed; never a move
            said = scan(rest)
            if said.work and not (said.rests or said.distance):  # "Recovery: 90 s walk"
                said.rests[""] = said.work
            self._rest_line(said, u.line)
            return True
        f = scan(head, heading=True)
        numbered = bool(_NUMBERED_BLOCK.fullmatch(head))  # "Round 1: ...", "Set 2 - ..."
        if counted := re.fullmatch(
            r"(?:(?:then|and|next|finally|finish with)\s+)?(\d{1,2})\s*"
            r"(?:sets?|rounds?|rds?|x|times)",
            head.strip(),
            re.I,
        ):
            f = Found(rounds=num(int(counted[1])))  # "3 sets: 10 leg raises, 20 crunches"
        # "Cindy: AMRAP 20 min of ...": a named workout whose format opens what follows
        named = has_words(head) and bool(_FORMAT_FIRST.match(rest))
        block = _block_only(head) and _BLOCK_WORDS.search(head)
        # ("Abs finisher: 3 rounds of 15 crunches, 10 leg raises": a part, named)
        rounds_of = has_words(head) and bool(
            _ROUNDS_OF.match(rest) and re.match(r"\D*\d{1,2}\s*(?:rounds?|circuits?)\b", rest, re.I)
        )  # (not "Squat: 4 sets of 8": a move and its sets)
        if not (f.template or numbered or block or named or counted or rounds_of):
            return False
        spec = Scan(rest, heading=True)
        spec.templates()
        if spec.found.template:
            spec.rounds()
            f.merge(spec.found)
            rest = spec.leftover()
        elif of := _ROUNDS_OF.match(rest):  # "Main set: 3 rounds of 12 squats, 10 push-ups"
            f.rounds, rest = num(int(of[1])), rest[of.end() :]
        elif times := re.fullmatch(r"x\s*(\d{1,2})\s*(?:\([^()]*\))?", rest.strip(), re.I):
            f.rounds, rest = num(int(times[1])), ""  # "Superset: x3 (from a friend)"
        else:  # "Round 1: Complete 3 times": the scope of the block, nothing more
            scope = Scan(rest)
            scope.rounds()
            # "do 3 sets of each exercise and its recovery before moving on" says no more
            if scope.found.rounds and (scope.found.each_round or not has_words(scope.leftover())):
                f.rounds, f.each_round, rest = scope.found.rounds, scope.found.each_round, ""
        if numbered:
            f.name = head
        self._block_spec(f, head, u.line)
        said = scan(rest)
        at = self.at[id(u)] + 1
        # (the items below, not the next of a list it is one of: "- Warm-up: 5 min" over
        # "- 2 rounds: ...")
        listed = at < len(self.units) and self.units[at].kind == "item"
        listed = listed and (u.kind != "item" or self.units[at].indent > u.indent)
        if re.match(r"warm|cool", head, re.I) and said.work and listed and not has_words(said.name):
            # "Warm-up (5 minutes)" over "- Arm circles", "- Leg swings": their time together
            assert self.block is not None
            self.block.shared = said.work
        elif (
            re.match(r"warm|cool", head, re.I)
            and said.says_amount
            and (not has_words(said.name) or _EFFORT.fullmatch(said.name.strip()))
        ):
            # "Warm up 10 min easy", "Cool down: 10 min": the part is the exercise
            part = _Ex(_capital(head), u.line, said, para=u.para)
            self._add(part)
            if has_words(said.name):
                self._set_cue(part, _sentence(said.name), CueSource.REMARK)
            if self.block is not None:
                self.block.pairing = "closed"  # what follows is the workout, not the part
        elif has_words(rest):
            before = len(self.block.exercises) if self.block is not None else 0
            self._line(u, rest, listing=True)
            opened = self.block
            grew = opened is not None and len(opened.exercises) > before
            # "Warm up: 15 min easy + 4 strides", "Superset: A) Curl 3x10 B) Dips 3x10": all
            # of it; the next line is no part of it
            whole = re.match(r"warm|cool", head, re.I) or (
                f.template == "superset" and len(_LETTERED.split(rest)) > 2
            )
            if grew and opened is not None and whole:
                opened.pairing, self.ex = "closed", None
            # ("2 rounds: 1km run, 750m row, 2 min rest": the rest that ends each round)
            if grew and opened is not None and _count(opened.found.rounds) > 1:
                last = opened.exercises[-1].found.rests
                if "" in last and "rounds" not in opened.found.rests:
                    opened.found.rests["rounds"] = last.pop("")
        return True

    def _block_spec(self, f: Found, text: str, line: int) -> None:
        """A block heading, or what a line says about the block just opened ("## Finisher"
        then "AMRAP 15 min")."""
        # "Complete 3 rounds of the following:", "Tabata (8 rounds each):": no name of its own
        vague = _VAGUE.fullmatch(re.sub(r"[\W\d_]+", " ", f.name).strip())
        named = has_words(f.name) and not vague
        block = self.block
        if block is not None and not block.exercises and not block.implicit and not named:
            block.found.merge(f)
            return
        name = f.name if named else _template_name(f) or ("Workout" if vague else text)
        if not named and re.fullmatch(r"\d{1,2}", f.name) and _template_name(f):
            name = f"{name} {f.name}"  # "Tabata 2"
        moves = _run_together(f.name) if f.scheme or f.template else []
        if moves:  # "21-15-9 Reps for Time Thrusters (135/95 lb) Burpees Pull-Ups"
            name = _template_name(f) or "Workout"
        block = _Block(_capital(name), line, f)
        parent = self.block
        said: Found | None = None  # what a format said once over the blocks below says
        if parent is not None and not parent.exercises and not parent.implicit:
            # "MAIN SESSION / 20 seconds of each exercise / Circuit 1 ...": said of all below
            said = block.parent = parent.found
            each = said.each_work
            # not "20 minute HIIT workout": the length of the whole, not of each move
            f.each_work = f.each_work or (each if each and each.value <= 300_000 else None)
            for scope, rest in said.rests.items():
                f.rests.setdefault(scope, rest)
            if f.template == "superset" and not f.rounds:
                f.rounds = said.rounds  # "Block 1 - 3 rounds" over "A1.", "A2.", "A3."
        elif parent is not None and parent.parent is not None:
            said = block.parent = parent.parent
            f.each_work = f.each_work or said.each_work
        # "45 seconds of work, 15 seconds rest" over "Round 1", "Round 2": theirs (not "a
        # strict 3 on 1 off": days, not seconds)
        intervals = said is not None and said.template == "intervals" and not f.template
        if intervals and said is not None and (said.on or 0) >= MIN_INTERVAL_MS:
            f.template, f.on, f.off = "intervals", said.on, said.off
        self.blocks.append(block)
        self.block, self.ex = block, None
        for move in moves:
            said = scan(move)  # ("do 5 pull-ups and 10 push-ups": each with its count)
            counted = said.says_amount and has_words(said.name)
            self._add(
                _Ex(_capital(said.name if counted else move), line, said if counted else Found())
            )
        if moves and f.template == "emom":
            block.together = True  # all of them in every interval

    def _text(self, u: _Unit) -> None:
        t = u.text
        m = _OPENER.match(t)
        if m and scan(m["rest"]).says_amount and not _REFERENCE.search(m["rest"]):
            # "Start with 5 minutes of easy jogging", "Finish with two minutes of walking"
            warm = m["how"].lower().startswith(("start", "begin", "warm"))
            name = "Warm-up" if warm else "Cool-down"
            if self.block is None or self.block.name != name or self.block.exercises:
                self._block_spec(Found(name=name), name, u.line)
            self._line(u, _capital(m["rest"]), listing=True)
            return
        if _EQUIPMENT_LABEL.match(t) or _CUE_LABEL.match(t) or _HOWTO_LABEL.match(t):
            self._about(u)
            return
        if self._named_howto(u) or self._dose(u):
            return
        aside = _TITLE_ASIDE.fullmatch(t)
        if aside and not self.started and scan(aside[2]).anything:
            # "Stretching routine (hold each stretch 30 seconds, 2 times per side)": the
            # title, and what it says of the list below
            self.title = (_capital(aside[1]), u.line)
            self._prose(replace(u, text=aside[2]))
            return
        f = scan(t)
        first = not self.started and u.words <= 12 and not f.anything and has_words(t)
        # "AMRAP Workouts", "Tabata sessions": a kind of workout as the title, no numbers
        said = f.reps or f.work or f.sets or f.hold or f.rounds or f.cap or f.minutes or f.on
        kind = bool(f.template or f.max_reps) and not said and u.words <= 6
        kind = kind and bool(
            re.search(r"\b(?:workouts?|sessions?|routines?|class(?:es)?)\b", t, re.I)
        )
        first = first or (not self.started and kind)
        if first and not self._card(u):
            self._titled(_capital(t.rstrip(".:")), u.line)
            return
        if _AGAIN.fullmatch(normalize(t)):
            self._prose(u)  # "Repeat." under a list: all of it once more
            return
        if any(map(_listed, _sentences(t))):
            self._prose(u)  # "The stations this week were; step ups, star jumps and superman."
            return
        if not self.description and not self.blocks and not self.ex:
            one = len(_sentences(t)) == 1 and len(t) <= 240
            # "Quick 25-minute session, no gym needed.": the length of the whole session,
            # after a title or as the text's first line (the title then from the file).
            about = _INTRO.search(t) and not (f.sets or f.reps or f.rounds or f.template)
            listed = _EXERCISE_WORDS.search(t) and u.words <= 6 and not t.endswith(".")
            said = about or (self.title and not f.anything)
            if one and said and not listed and not _CALL_TO_ACTION.search(t):
                self.description = t
                return
        rest = re.match(rf"{REST}\b", t, re.I)
        short = u.words <= 14 or bool(f.template or rest or _dashed(t))
        entry = re.match(_ENTRY, t)  # "Squat: 14 sets, ..." however long it goes on
        # "Deadlift 3 sets of 5 reps at 70% of 1RM, 2-3 minutes rest between sets": a move
        # and its numbers first, however much follows
        # ("Squats - 3 sets of 10 reps. Sink as deep as you can.": the first sentence's)
        opening = _sentences(t)[0] if t else t
        lead = scan(re.split(r"[,;(]", _set_at_a_time(opening), maxsplit=1)[0])
        named = lead.says_amount and 0 < len(lead.name.split()) <= 5 and names.is_move(lead.name)
        named = named or bool(_ROUNDS_OF.match(t))  # "Do 3 rounds of 12 squats, 10 push-ups"
        one = len(_sentences(t)) == 1
        # "I do 3 sets of 10 of each.": said of the list, not a move of its own
        told = bool(_PROSE_START.match(t) and _OF_EACH.search(normalize(t)))
        # ("When you are ready, lie back in savasana for five minutes.": a pose in prose)
        told = told or (u.words >= 6 and t.endswith(".") and bool(_NAMED_POSE.search(t)))
        if _scoped(f) and has_words(f.name) and not f.says_amount and not names.is_move(f.name):
            self._prose(u)  # "Keep your rest between sets under 75 seconds.": for all of them
            return
        # ("Do 1 pull-up, 2 push-ups and 3 squats; that is one round.": said of the list)
        headed = named and bool(
            re.match(r"[A-Za-z][^.:\u2013\u2014-]{1,40}\s[-\u2013\u2014:]\s*\d", t)
        )
        if not told and (entry or headed or (one and (short or named))) and self._line(u, t):
            return
        # "40 sec Jump Squats/Rest 20 seconds: Set your feet ... Walk back.": the move and its
        # numbers before the colon, how to do it after
        head, colon, howto = t.partition(": ")
        before = scan(head) if colon and not told and len(head) <= 60 else Found()
        if before.says_amount and names.is_move(before.name) and self._line(u, head):
            self._about(replace(u, text=howto))
            return
        ex = self.ex
        # (under a round's drill, what to do in it however it starts: "Only straight shots")
        drill = self.block is not None and self.block.drills
        if (
            ex is not None
            and not ex.cue
            and (_howto(t) or drill)
            and (ex.para < 0 or ex.para == u.para)
        ):
            self._about(u)
            return
        self._prose(u)

    def _prose(self, u: _Unit) -> None:
        """A paragraph: what it says about the numbers of the exercise it follows, the rests
        and rounds of its block or workout, and "two minutes of easy walking"."""
        if _CALL_TO_ACTION.search(u.text) and not re.search(r"\d", u.text):
            return
        for sentence in _sentences(u.text):
            plain = normalize(sentence)
            if _is_quote(sentence) or _ONE_REP.search(plain) or _SCORED.search(plain):
                continue
            # ("Some days the clock comes first ("AMRAP 14")": a format named, not set)
            sentence = _MENTIONED.sub(" ", sentence)
            if listed := _listed(sentence):
                for name in listed:
                    self._add(_Ex(name, u.line, Found(), para=u.para))
                continue
            f = scan(sentence)
            # ("Sigue con prensa en máquina" after moves read from lines; a text told only in
            # prose is read so on a second reading, all of its sentences)
            if f.rests and re.match(rf"\W*{REST}\b", sentence, re.I) and not has_words(f.name):
                self._rest_line(f, u.line)  # "Rest 1 minute. Repeat 3 times."
                continue
            pose = _NAMED_POSE.search(sentence)
            if pose and not (f.rests or re.match(r"\W*(?:rest|between)\b", plain, re.I)):
                # "Next, come into Square pose. ... Stay for two to three minutes on each
                # side.": a flow told in prose, a pose a sentence and its numbers after it
                name = _capital(pose[0])
                if self.ex is None or names.words(self.ex.name) != names.words(name):
                    self._add(
                        _Ex(name, u.line, Found(), para=u.para, source=CueSource.INSTRUCTIONS)
                    )
            # ("Monday" over "Walk 5 minutes at a moderate pace, then 5 minutes at a brisk
            # pace.": a day's session told in prose)
            day = self.block is not None and bool(_WEEKDAY.fullmatch(self.block.name))
            told = self.lenient or day or (self.ex is not None and _GOES_ON.match(sentence))
            moves = _told(sentence) if told and re.search(r"\d", plain) else []
            if not self.lenient:  # among lines read as exercises, only what names a move
                mine = names.words(self.ex.name) if self.ex is not None else []
                moves = [m for m in moves if _a_move(m.name) and names.words(m.name) != mine]
            if moves:
                # "alternate 60 seconds of jogging and 90 seconds of walking for a total of 20
                # minutes": as many turns of them as fit
                total = _ALTERNATE.search(plain)
                timed = [m.work.value for m in moves if m.work]
                turns = int(total[1]) * 60_000 // sum(timed) if total and timed else 0
                alternating = bool(turns) and len(timed) == len(moves) > 1
                # "Row 400 metres, then 20 swings and 10 leg raises, three times through":
                # the rounds of all of them
                rounds = f.rounds if len(moves) > 1 and not any(m.sets for m in moves) else None
                if alternating:
                    # (one straight after the other: that is what alternating is)
                    back_to_back: dict[Scope, Num] = {"exercises": num(0), "rounds": num(0)}
                    spec = Found(rounds=num(turns), rests=back_to_back)
                    self._block_spec(spec, "Intervals", u.line)
                elif rounds and _count(rounds) > 1:
                    self._block_spec(Found(rounds=rounds), "Circuit", u.line)
                for move in moves:  # "Sigue con prensa en máquina, 4 series por 8"
                    self._add(_Ex(_capital(move.name), u.line, move, para=u.para))
                if alternating or (rounds and _count(rounds) > 1):
                    self._implicit()  # (what follows is done once)
                continue
            if self.ex is None and self._announced(sentence, u.line):
                continue
            if self._capped(f):  # "Split reps as needed. 35 min time cap."
                continue
            each = _OF_EACH.search(plain)
            if each and f.rounds and not (f.sets or f.reps or f.template or f.each_round):
                f = replace(f, sets=f.rounds, rounds=None)  # "each stretch ... 2 times": its sets
            if each and (f.sets or f.reps) and not f.template:
                self._of_each(f, u.line, moves=not re.search(r"sets?$", each[0], re.I))
                self._general(f, u.line)  # (and its rests: "then move straight to the next")
                continue
            block = self.block
            if (
                _AGAIN.fullmatch(plain)
                and self.ex is not None
                and block is not None
                and len(block.exercises) > 1
                and not block.found.rounds
            ):
                block.found.rounds = num(2)  # "Repeat with increased intensity.": once more
                continue
            if self.ex is not None:
                # ("Do the whole routine twice", "Repeat the flow 5 times": not of the last move)
                alone = not (has_words(f.name) or f.says_amount)  # "3 rounds." under a list
                many = self.block is not None and len(self.block.exercises) > 1
                whole = f.rounds and (_WHOLE.search(plain) or (alone and many))
                if whole and "" in f.rests:  # "... three times with a rest between each one"
                    f.rests.setdefault("rounds", f.rests.pop(""))
                said = replace(f, rounds=None) if whole else f
                # ("Bench press ... Superset with ... Row ... I go for 4 sets of 10 to 12
                # reps.": said of the pair)
                pair = (
                    self.block if self.block and self.block.found.template == "superset" else None
                )
                for ex in pair.exercises if pair and pair.pairing == "closed" else [self.ex]:
                    self._merge_prose(ex, said)
                if not whole and f.rounds and _REPEAT.match(plain):
                    f = replace(f, rounds=None)  # "Repeat 10 times." under a move: its own
            elif self.block is not None and not self.block.exercises:
                m = re.search(
                    rf"({TIME})\s+of\s+(?!(?:each|every|all|work|rest)\b)"
                    r"([a-z][a-z' -]+?)\s*(?:[.,;]|$)",
                    plain,
                    re.I,
                )
                if m:
                    self._add(_Ex(_capital(m[2]), u.line, Found(work=span(m[1]))))
                    continue
            if self.ex is None:
                self._format(f, u.line)
            self._general(f, u.line)

    def _of_each(self, f: Found, line: int, *, moves: bool) -> None:
        """ "Every exercise is 5 sets", "Each set is 8-12 reps" after a list of bare names: of
        each of them; before one ("3 sets per exercise"): of each exercise that follows."""
        done = self.block.exercises if self.block is not None else []
        for key in ("sets", "reps"):
            value = getattr(f, key)
            if not value:
                continue
            run = list(itertools.takewhile(functools.partial(_open, key=key), reversed(done)))
            for ex in run:
                setattr(ex.found, key, value)
            # (a count of reps alone is often a ladder's, but not one said of each move:
            # "Perform each exercise for 12 reps")
            # ("6-15 reps per set" on the line after "3 sets per exercise": of each move too;
            # said further on, it starts afresh)
            if not run and (key == "sets" or ((moves or self.each.sets) and value.value > 1)):
                was = self.each if line - self.each_line == 1 else Found()
                self.each = Found(
                    sets=f.sets or was.sets, reps=f.reps or was.reps, sides=f.sides or was.sides
                )
                self.each_line = line

    def _announced(self, sentence: str, line: int) -> bool:
        """A sentence before the list that gives its format and length ("So this one is a
        20 minute AMRAP.", "Complete these for time, 15 minute cap."): the list's block. A
        later such sentence before the list replaces it ("some days I do three AMRAPs of
        10 minutes ... this one is a 20 minute AMRAP")."""
        if not _FORMAT_SAID.search(sentence):
            return False  # most prose names no format: no second reading of every sentence
        whole = scan(sentence, heading=True)
        # (its length, or for time its cap or rounds: "doing it for time" alone is not one)
        sized = {"amrap": whole.cap, "emom": whole.minutes, "for_time": whole.cap or whole.rounds}
        if not sized.get(whole.template):
            return False
        block = self.block
        if block is not None and block.announced and not block.exercises:
            self.blocks.remove(block)
            self.block = None
        self._block_spec(replace(whole, name=""), _template_name(whole), line)
        assert self.block is not None
        self.block.announced = True
        return True

    def _format(self, f: Found, line: int) -> bool:
        """A sentence before the exercises that states their format ("3 rounds of 5
        exercises, 30 seconds each, 15 seconds break"): for the exercises below it."""
        if f.on and f.off and not _EXERCISE_WORDS.search(f.name):
            # "20 seconds of work followed by 10 seconds of rest": intervals of what follows
            self._block_spec(replace(f, name=""), _template_name(f), line)
            return True
        work = f.work or f.each_work  # ("for 45 seconds each", "each exercise for 45 s")
        said = [bool(f.rounds), bool(work and work.value <= 600_000), "" in f.rests]
        if _EXERCISE_WORDS.search(f.name) or sum(said) < 2:
            return False  # one number alone ("a session lasts 20 minutes") is no format
        if self.block is None:
            self._implicit()
        assert self.block is not None
        target = self.block.found
        target.rounds = target.rounds or f.rounds
        target.each_work = target.each_work or f.work or f.each_work
        if "" in f.rests:  # a rest said with no scope, before the moves: after each of them
            # (or, said with rounds and no time of work, between the rounds: "5 rounds, rest
            # 90s" over a complex)
            scope: Scope = "rounds" if f.rounds and not work else "exercises"
            target.rests.setdefault(scope, f.rests[""])
        return True

    def _general(self, f: Found, line: int) -> None:
        """Rests with a scope, rounds and settings apply to the block they are in, or to the
        whole workout."""
        block = self.block
        own = block is not None and not block.implicit and not block.group
        target = block.found if own and block is not None else self.general
        for scope, value in f.rests.items():
            if scope in ("sets", "exercises", "rounds"):
                # (a rest between sets said in a block with no sets of its own, after blocks
                # with them, as after "HIIT - 15 minutes" closing the list: said of them all)
                here = block.exercises if block is not None else []
                setless = not any(_count(e.found.sets) > 1 for e in here)
                earlier = any(
                    _count(e.found.sets) > 1
                    for b in self.blocks
                    if b is not block
                    for e in b.exercises
                )
                whole = scope == "sets" and setless and earlier
                there = self.general if whole else target
                there.rests.setdefault(scope, value)
                if there is self.general:
                    self.general_line = self.general_line or line
        target.set_rests = target.set_rests or f.set_rests  # "All: rest 1:00 after set 1, ..."
        for key, ms in f.settings.items():
            self.general.settings.setdefault(key, ms)
            self.general_line = self.general_line or line
        if f.each_work and not target.each_work:
            target.each_work = f.each_work
            self.general_line = self.general_line or line
        if f.rounds and not f.says_amount:
            if self.block is None:
                self._implicit()
            assert self.block is not None
            self.block.found.rounds = self.block.found.rounds or f.rounds
        if f.for_time and self.block is not None:
            self.block.found.merge(f)  # "3 rounds for time, cap 20 min": the block's

    def _any_here(self) -> bool:
        """Whether the current block has exercises already (so "3 rounds" is about them)."""
        return self.block is not None and bool(self.block.exercises)

    def _implicit(self) -> None:
        block = _Block("Workout", 0, implicit=True)
        self.blocks.append(block)
        self.block = block

    def _line(self, u: _Unit, text: str, *, item: bool = False, listing: bool = False) -> bool:
        """A line that may hold one exercise, several ("10 push-ups, 15 squats"), a rest or
        something said about the block. Returns whether it was one of these."""
        text = _MINUTE_LABEL.sub("", text)
        if (week := _WEEK_LABEL.match(text)) and has_words(scan(text[week.end() :]).name):
            text = text[week.end() :]  # "Week 3-4: 3 sets of 3 band-assisted pull-ups"
        if (row := _set_row(text)) and self.ex is not None:
            self.ex.rows.append(row.value)  # a set the log writes on a line of its own
            rows, f = self.ex.rows, self.ex.found
            f.sets, f.reps = num(len(rows)), num(min(rows), max(rows))
            # "Set 1 - 10 reps", "Set 2 - 8 reps": each set's reps, as prescribed (a log's
            # "6x 155lbs" under ramping loads is a result, its range all that is meant)
            f.set_reps = []
            if _SET_LINE.match(text) and len(set(rows)) > 1 and len(rows) <= MAX_PER_SET:
                f.set_reps, f.reps = rows[:], num(max(rows))
            return True
        if self._multiplied(u, text):
            return True
        # "Goblet squat 3x10. Chest up." (not "4 x 8, 2 Min. Pause")
        m = re.search(rf"(?<!\d)\.{_NOT_CUT}\s+(?=[A-Z])", text)
        spec, after = (text[: m.start()], text[m.end() :]) if m else (text.rstrip("."), "")
        block = self.block
        times = re.fullmatch(r"(?:x\s*(\d{1,2})|(\d{1,2})\s*x)(?:\s*rounds?)?", spec.strip(), re.I)
        if times and block is not None and block.exercises and not block.found.rounds:
            block.found.rounds = num(int(times[1] or times[2]))  # "x 3" under the list
            return True
        # "Repeat exercises 1-8": the whole list so far once more (or as often as said), up
        # to its last number (a move the list names may have been missed)
        again = _REPEAT_RANGE.fullmatch(spec)
        if (
            again
            and block is not None
            and not block.found.rounds
            and int(again[1]) == 1
            and int(again[2]) >= len(block.exercises) > 1
        ):
            block.found.rounds = num(int(again[3] or 2))
            self._implicit()  # (the moves after it are done once)
            self.ex = None
            return True
        if re.fullmatch(r"(?:and )?repeat\W*", spec, re.I):
            return True  # "Repeat" closing a list: the rounds are said elsewhere
        if (
            _REPEAT_LIST.search(spec)
            and (whole_list := scan(spec)).rounds
            and block is not None
            and len(block.exercises) > 1
            and not block.found.rounds
        ):
            block.found.rounds = whole_list.rounds  # "- Jump back up and repeat this 4 more times."
            return True
        own = scan(spec)  # ("1 minute rest" on its own line, as "Rest 1 minute" is)
        if re.match(rf"{REST}\b", spec, re.I) or (
            "" in own.rests
            # (not "Do each exercise for 30 seconds, with 10 seconds of rest in between")
            and not (
                has_words(own.name)
                or own.says_amount
                or own.rounds
                or own.template
                or own.each_work
            )
        ):
            self._rest_line(own, u.line)
            return True
        of = _ROUNDS_OF.match(spec)
        if of and re.search(r"[,;+&]|\band\b", spec[of.end() :]):
            # "3 rounds of 12 squats, 10 push-ups and a plank": a block of its own
            self._block_spec(Found(rounds=num(int(of[1]))), "Circuit", u.line)
            spec = spec[of.end() :]
        spec = _set_at_a_time(spec)
        spec = _LOGGED_SETS.sub(lambda m: re.sub(r",\s+", ",", m[0]), spec)  # one list
        # "recoveries of 90, 60, 30 seconds", "12, 10, 8 reps": one list, not parts
        spec = _NUMBER_LIST.sub(lambda m: re.sub(r",\s+", ",", m[0]), spec)
        spec = re.sub(r"(\d/\d{1,2}),\s+(?=\d{1,2}/\d)", r"\1,", spec)  # "1/1, 2/2": a side each
        spec = re.sub(r",\s+(?=x\s?\d{1,2}\b)", " ", spec, flags=re.I)  # "20 bridges, x2": its sets
        found = []
        part_of: dict[int, str] = {}
        dashed = _dashed(spec)
        # ("12 squats, 10 push-ups and a 30-second plank"; not "between 8 and 12 reps")
        spec = re.sub(r"\b(\d{1,3})\s*([LR])\s*,\s*\1\s*([LR])\b", r"\1\2/\1\3", spec)  # 3L, 3R
        spec = re.sub(
            r"^(?:pyramid|ladder)\s*:\s*(?=\d)", "", spec, flags=re.I
        )  # "Pyramid: 1-2-1 ..."
        # (not at a comma inside brackets: "Step-ups (the taller the step, the harder)")
        bracketed = re.sub(
            r"\([^()]{0,300}\)", lambda m: m[0].replace(",", "\x03").replace(";", "\x04"), spec
        )
        parts = dashed or [
            p.replace("\x03", ",").replace("\x04", ";")
            # ("145x5/ Close-grip Bench 3x5": a log's next lift after a slash)
            for p in re.split(r"\s*[;,]\s+|\s+[+&]\s+|(?<=\d)/\s+(?=[A-Z])", bracketed)
        ]
        # "10 hops => 25 m sprint => 25 m back pedal", "Neck Rolls/ Shoulder Rolls/ Arm
        # Circles": a chain of moves (one arrow may explain, "Toes out → inner calves",
        # and one slash offer a choice)
        if len(parts) == 1 and "(" not in spec:  # (not inside brackets: "Flow (Neck/ Hip/ ...)")
            for chain in (_ARROWS, _SLASHED):
                links = chain.split(spec)
                # (not loads: "Bench: 60kg -> 62.5kg -> 65kg")
                if len(links) > 2 and all(has_words(scan(link).name) for link in links):
                    parts = links
                    break
        lettered = _LETTERED.split(spec)
        if not dashed and len(lettered) > 2:  # "Superset 1: A) Bench press 3x10 B) Row 3x10"
            parts = [p for p in lettered if p.strip()]
        if not dashed:
            parts = [p for part in parts for p in _and_next(part)]
            # "20 Front Squats (145/105) 15 Kettlebell Swings (70/53) 10 Cleans": counted
            # moves one after the other, a count before each name
            parts = [p for part in parts for p in _counted_run(part)]
        paired = re.split(r"\s+/\s+", spec)
        moves = [scan(p) for p in paired]
        if len(paired) > 1 and all(
            m.says_amount and has_words(m.name) and not _EASY.fullmatch(m.name.strip())
            for m in moves
        ):
            parts = paired  # "Curl 3x12 / Pushdown 3x12": two moves, not one and a remark
        for at, part in enumerate(parts):
            if at:  # "10 push-ups, then do 20 squats": the count and its move
                part = _TOLD_COUNT.sub("", part)
            # "Split squats - switch legs each round": after a dash, words without numbers
            # are a remark for the cue.
            head, *rest = re.split(r"\s+-\s+(?=[A-Za-z])", part)
            remarks = [r for r in rest if not scan(r).anything]
            f = scan(" - ".join([head, *(r for r in rest if r not in remarks)]))
            f.notes[:0] = remarks
            of = _FOR_TIME_OF.search(part)
            if of and f.work and names.score(of["move"]) > names.score(f.name):
                f.name = of["move"]  # "Drop down for 30 seconds of push-ups": the move
            if part.strip():
                found.append(f)
                part_of[id(f)] = part
        if not found:
            return False
        last = found[-1]
        if (
            len(found) > 2
            and last.says_amount
            and not has_words(re.sub(r"\beach\b", "", last.name, flags=re.I))
            and re.search(r"\beach\W*$", part_of[id(last)], re.I)
            and all(has_words(f.name) and not f.says_amount for f in found[:-1])
        ):
            # "bicep, tricep, OHP, 2\u00d710 each": the numbers of every move in the list
            for f in found[:-1]:
                f.merge(replace(last, name="", sides=False, notes=[]))
            found.pop()
        first = found[0]
        if len(found) == 1 or not any(x.says_amount or x.scheme for x in found[1:]):
            _set_by_set(first)  # ("1-2-3-4-5-4-3-2-1 pull-ups, rest as needed")
        if (first.scheme or first.template) and _run_together(first.name):
            self._block_spec(scan(spec, heading=True), spec, u.line)
            return True
        ex, whole = self.ex, scan(spec)
        counts = whole.sets or whole.reps or whole.work
        # ("Do it for two sets of ten repetitions" under the move: "it" is the move above)
        unnamed = not has_words(whole.name) or bool(_POINTS_BACK.fullmatch(whole.name.strip()))
        if unnamed and counts and not whole.template and ex is not None:
            mine = ex.found
            bare = not (mine.sets or mine.reps or mine.work or mine.hold)
            # a card: the name, then "Reps: 10-12", "Sets: 3", "Rest: 90 seconds" below it
            near = ex.para < 0 or ex.para == u.para
            adds = (whole.sets and not mine.sets) or (
                (whole.reps or whole.work) and not (mine.reps or mine.work)
            )
            # (not "6 x 800m" under "Warm up 12 min": a piece of its own)
            if bare or (near and adds and not whole.distance):
                # "1A Overhead press" / "Sets 3 Reps 12 Tempo 2010 Rest 10sec": its numbers
                mine.merge(whole)
                return True
        if not has_words(whole.name) and whole.distance and not whole.template:
            # "4 x 500m, 2 min rest" under "Row intervals": a piece of the move named above
            where = " ".join(x for x in (self.block.name if self.block else "", self._title()))
            move = _MOVE_BY_DISTANCE.search(where)
            piece = _Ex(_capital(move[0].lower()) if move else whole.distance, u.line, whole)
            self._add(piece)
            if whole.notes:  # "@ 5k pace", "w/ 400m jog recovery"
                self._set_cue(piece, _sentence("; ".join(whole.notes)), CueSource.REMARK)
            return True
        ex = self.ex
        again = _REPEAT.match(spec)
        # "Repeat 10 times each side." under its move's description (not after a list of
        # moves: "- 10 burpees / - 20 squats / Repeat 3 times", the rounds of them all)
        described = self.units[max(self.at[id(u)] - 1, 0)].line != (ex.line if ex else -1)
        of_all = _WHOLE.search(spec) or re.search(r"\brounds?\b", spec, re.I)
        if again and ex is not None and ex.para == u.para and described and not of_all:
            self._merge_prose(ex, scan(spec))
            return True
        generic = _GENERIC.fullmatch(first.name)  # "2 rounds of 3 exercises, 40 s work..."
        if not has_words(first.name) or generic or (scan(spec).each_work and not listing):
            return self._statement(spec, first, u.line)  # "20 seconds of each exercise"
        if self._remark(spec, first):
            return True
        words = len(first.name.split())
        # (under "AMRAP 12 minutes", "Tabata:" a bare line is a move unless it reads as prose)
        formatted = self.block is not None and bool(self.block.found.template)
        # (not a sentence: "Go carefully, the wipers can strain your back.")
        formatted = formatted and not (text.rstrip().endswith(".") and len(text.split()) > 4)
        likely = (
            _a_move(first.name) or (formatted and not names.is_prose(first.name))
        ) and words <= 6
        if words > 12 or not (first.says_amount or listing or item or likely):
            return False
        if first.bare and not (item or listing or likely):
            return False  # "Week 1", "Day 2"
        if not (item or listing) and (_PROSE_START.match(spec) or _QUESTION.match(text)):
            return False  # "The faster you finish, the longer you rest": prose
        # A name alone on its line, its numbers on the next ("Band Shrugs" / "3 x 10").
        # ("Standing pulldowns" starts like "Stand tall" does: the model tells them apart.)
        howto = _howto(spec) and not names.is_move(first.name)
        named = likely and not howto and not re.search(r"[.!?]$", spec)
        if not (item or listing or first.says_amount or self.block is not None or named):
            return False
        if re.fullmatch(r"[A-H]\d{1,2}", u.label) and text is u.text:
            self._superset(u.label[0].upper(), u.line)
        elif re.fullmatch(r"\d{1,2}[A-Fa-f]", u.label) and text is u.text:
            self._superset(u.label[:-1], u.line)  # "1A", "1b", "1C": the tri-set 1
        made: list[tuple[_Ex, list[str]]] = []
        for f in found:
            before = made[-1][0].found if made else None
            if before and _count(before.sets) > 1 and f.work and _EASY.fullmatch(f.name.strip()):
                before.rests.setdefault("sets", f.work)  # "8 x 30s fast, 90s walk": its rest
                continue
            aside = re.match(_NOT_A_MOVE, part_of[id(f)], re.I)  # "- Rest 30s -", "Repeat"
            starts = (
                f.says_amount
                or listing
                or (dashed and not aside)
                or (_EXERCISE_WORDS.search(f.name) and not _howto(f.name))
            )
            if has_words(f.name) and (not made or starts):
                if _PATTERN.fullmatch(f.name.strip()) and f.notes and has_words(f.notes[0]):
                    # "Horizontal push (Push-Up or DB Bench)": the move in the brackets
                    f.name, f.notes = f.notes[0], [f.name, *f.notes[1:]]
                name, remarks = _aside(f.name)
                ex = _Ex(_capital(name), u.line, f, para=u.para)
                # "- Thread the needle: 40s each side": named as an entry, as notes exported
                # "- 400m at 5k pace", "10 thrusters": a count then a name, as moves are listed
                part = part_of[id(f)]
                ex.listed = (
                    bool(dashed and not aside)
                    or (item and _move_first(name))
                    or bool(
                        f.says_amount
                        and (
                            ((item or listing) and re.match(_ENTRY, part))
                            or (part[:1].isdigit() and len(name.split()) <= 6)
                            # "3 - Rotazioni del busto ... 1 set da 20": a list's full prescription
                            or (
                                item
                                and bool(f.sets and (f.reps or f.work))
                                and not re.search(r"[.!?\"]", name)
                            )
                        )
                    )
                )
                ex.clocked = u.label == "clock"
                made.append((ex, [*remarks, *f.notes]))
                self._add(made[-1][0])
            else:
                # "Dumbbell rows, slow and controlled": a remark about the exercise before.
                mine = made[-1][0].found
                if "rounds" in f.rests and self.block is not None and len(made) > 1:
                    # "..., resting 1 minute between rounds": the block's
                    self.block.found.rests.setdefault("rounds", f.rests.pop("rounds"))
                if f.rounds and mine.hold and not (f.sets or f.reps or f.work):
                    repeated(mine, f.rounds)  # "Scrunch: hold 5 s, repeat 10 times"
                    f = replace(f, rounds=None)
                # "Squat 4 x 3, 4 0 1 0, 150 sek.": a time alone in a field after the reps is
                # the rest after each set, as a program's columns give it
                alone = not (f.reps or f.sets or f.hold or has_words(f.name))
                if f.work and alone and mine.reps and not mine.work:
                    mine.rests.setdefault("line", f.work)
                    if _count(mine.sets) > 1:
                        mine.rests.setdefault("sets", f.work)
                    f = replace(f, work=None)
                mine.merge(f)
                made[-1][1].extend([f.name, *f.notes] if has_words(f.name) else f.notes)
        block = self.block
        if len(made) > 1 and block is not None and re.search(r"\s[+&]\s", spec):
            block.together = block.found.template in ("emom", "every")
        said = [x for x in _sentences(after) if not self._statement(x, scan(x), u.line)]
        for sentence in said:  # "Skipping Rope. Keep going for 1 minute.": its numbers
            self._merge_prose(made[-1][0], scan(sentence))
        after = " ".join(said)
        last = made[-1][0].found
        block = self.block
        # "10 burpees, 20 climbers, 30 jacks x3 rounds": the rounds of all of them
        rounds = len(made) > 1 and last.sets and re.search(r"\brounds?\b", spec, re.I)
        alone = block is not None and block.exercises == [ex for ex, _ in made]
        if rounds and alone and block is not None and not block.found.rounds:
            block.found.rounds, last.sets = last.sets, None
        for i, (ex, notes) in enumerate(made):
            tail = [after] if i == len(made) - 1 and after else []
            cue = " ".join([*(_sentence(n) for n in notes), *tail]).strip()
            self._set_cue(ex, cue, CueSource.REMARK)
        return True

    def _multiplied(self, u: _Unit, text: str) -> bool:
        """ "Interval jog: 5min warm up jog; 3min hard run, 2min easy jog - x5; 5min warm
        down jog": parts apart by semicolons, a part that ends "- x5" its moves' rounds."""
        groups = re.split(r"\s*;\s+", _LABEL_FIRST.sub("", text.rstrip(" .;")))
        said = [_TIMES_AFTER.search(g) for g in groups]
        if len(groups) < 2 or not any(said):
            return False
        for group, times in zip(groups, said, strict=True):
            if times:
                self._block_spec(Found(rounds=num(int(times[1]))), "Rounds", u.line)
            elif self.block is not None and self.block.found.rounds:
                self._implicit()  # the part after the rounds goes on once
            self._line(u, group[: times.start()] if times else group, item=True)
        if said[-1]:
            self._implicit()
        return True

    def _remark(self, spec: str, first: Found) -> bool:
        """A line about the exercises, not one of them: equipment for all of them
        ("Resistance band for all 3 moves"), an explanation ("Sit-thru is easy to find
        online, but...") or a penalty after the workout. Equipment is kept."""
        done = any(b.exercises for b in self.blocks)
        if done and re.match(r"(?:penalt(?:y|ies)|note|nb|tip)\b", spec, re.IGNORECASE):
            return True
        variation = re.match(_VARIATION, spec, re.I) or re.search(_RESULT, spec, re.I)
        if variation and not self.lenient:
            return True  # "Easier: push-ups from the knees", "124m 2:49/500m pace"
        if first.sets or first.reps or first.work or first.hold:
            return False
        if m := _FOR_ALL.search(spec):
            if self.block is not None and has_words(spec[: m.start()]):
                for ex in self.block.exercises:
                    ex.equipment.append(trim(spec[: m.start()]))
            return True
        return done and bool(_AFTERMATH.match(spec) or _EXPLAINS.match(spec))

    def _statement(self, spec: str, first: Found, line: int) -> bool:
        """A line without a name: about the block ("3 rounds", "Tabata, 20s on, 10s off")
        or the workout ("30 seconds per exercise")."""
        whole = scan(spec, heading=True)
        plain = normalize(spec)
        each = _OF_EACH.search(plain)
        said = scan(_OF_EACH.sub(" ", plain))
        if each and (said.sets or said.reps) and not (said.template or has_words(said.name)):
            # "- 3 sets per exercise", "- 6-15 reps / set" in the notes over the lists (and
            # "- Volume" over them is their label, no move)
            label = self.ex
            here = self.block.exercises if self.block else []
            # (the last one of its block, so no search; a bare move above it stays a move)
            if (
                label is not None
                and label.bare
                and line - label.line == 1
                and here[-1:] == [label]
                and not names.is_move(label.name)
            ):
                here.pop()
                self.ex = None
            self._of_each(said, line, moves=not re.search(r"sets?$", each[0], re.I))
            return True
        # "As Many Reps As Possible in 1 minute x 4 rounds" over the moves: a minute of each
        timed = whole.rounds and whole.work and not (whole.reps or whole.sets or whole.template)
        if timed and not has_words(whole.name) and not self._any_here():
            self._block_spec(replace(whole, work=None, each_work=whole.work), spec, line)
            return True
        if self.ex is None and self._format(scan(spec), line):
            self._general(scan(spec), line)
            return True
        # "Do as many rounds as you can in 15 minutes." under the list: the list's AMRAP
        block = self.block
        told = re.match(r"(?:do|complete|perform|go for)\b\s*", whole.name, re.I)
        if (
            whole.template == "amrap"
            and whole.cap
            and told
            and not has_words(whole.name[told.end() :])
            and block is not None
            and block.exercises
            and not block.found.template
        ):
            block.found.template, block.found.cap = "amrap", whole.cap
            return True
        # "3 rounds", "3 Sets of:" (sets and nothing else: of the list below)
        counts = first.reps or first.work or first.max_reps or first.hold
        opens = whole.template or whole.scheme or (whole.rounds and not counts)
        if opens and not (whole.rounds and self._any_here() and not whole.template):
            self._block_spec(whole, spec, line)
            return True
        if self._capped(whole):
            return True
        general = scan(spec)
        if general.rests or general.settings or general.each_work or general.rounds:
            self._general(general, line)
            return True
        return False

    def _capped(self, f: Found) -> bool:
        """ "Time cap: 20 minutes" under the list: the list is done for time, within it."""
        block = self.block
        if not f.cap or f.template or has_words(f.name) or block is None:
            return False
        if not block.exercises or block.found.cap:
            return False
        if block.found.template in ("", "for_time"):
            block.found.for_time, block.found.template = True, "for_time"
        block.found.cap = f.cap
        return True

    def _superset(self, letter: str, line: int) -> None:
        """A1/A2 labels pair exercises into a superset block of their own."""
        name = f"Superset {letter}"
        if self.block is None or self.block.name != name:
            self._block_spec(Found(name=name, template="superset"), name, line)

    def _rest_line(self, f: Found, line: int) -> None:
        if not f.rests:
            return
        ex, block = self.ex, self.block
        # "Note: Rest 2-3 min. between sets." under a move's own heading: that move's
        card = ex is not None and ex.para < 0 and block is not None and block.exercises[-1:] == [ex]
        if card and ex is not None and set(f.rests) == {"sets"}:
            ex.found.rests["sets"] = f.rests["sets"]
            return
        if _scoped(f):
            self._general(f, line)
            return
        value = next(iter(f.rests.values()))
        if ex is None or block is None:
            return
        last = block.exercises and block.exercises[-1] is ex
        if last and (_count(block.found.rounds) > 1 or block.found.template):
            block.rest_line = value
        else:
            ex.found.rests["line"] = value
            if _count(ex.found.sets) > 1:  # "4 sets x 6-8 reps" / "Rest 2 minutes": between them
                ex.found.rests.setdefault("sets", value)

    def _pair(self, u: _Unit) -> None:
        """ "superset with" between two exercises: the one above and the one below make a
        superset block of their own."""
        ex, block = self.ex, self.block
        if ex is None or block is None or not block.exercises or block.exercises[-1] is not ex:
            return
        if block.pairing != "closed":
            block.exercises.remove(ex)
            if not block.exercises:
                self.blocks.remove(block)
            block = _Block("Superset", u.line, Found(template="superset"))
            block.exercises.append(ex)
            self.blocks.append(block)
            self.block = block
        block.pairing = "open"

    def _add(self, ex: _Ex) -> None:
        # ("30 seconds at 95% FTP @ 95rpm": a piece of a ride named by how hard it goes)
        ex.listed = ex.listed or bool(ex.found.work and _only_target(ex.name))
        if effort := re.fullmatch(r"(.+?)\s+@\s+([^\d@]{3,})", ex.name):
            # "Push press @ as heavy as you can manage": how hard, not a load: to the cue
            ex.name = effort[1]
            self._set_cue(ex, _sentence(effort[2]), CueSource.REMARK)
        ex.bare = not (ex.found.anything or ex.found.distance)
        if not (ex.found.sets or ex.found.reps or ex.found.work):
            ex.found.sets, ex.found.reps = self.each.sets, self.each.reps
            ex.found.sides = ex.found.sides or self.each.sides
        if _NOT_NAMED.fullmatch(ex.name.rstrip(" .!")):
            return  # "Under 10 minutes in all.": a goal, no move
        piece = _MOVE_BY_DISTANCE.search(ex.name)
        if ex.found.distance and piece and names.is_prose(ex.name):
            ex.name = _capital(piece[0].lower())  # "Today's row was brutal: 5 x 500m": a row
        # (what follows "@", "Rx" or a load says how heavy: "KB swings Rx 35 lb (20 lbs)" is
        # judged as "KB swings")
        judged = _LOADED.split(ex.name, maxsplit=1)[0].rstrip() or ex.name
        judging = ex.named and not _NUMBERED_MOVE.fullmatch(judged)  # ("Exercise 2" is a name)
        if judging and not (self.lenient or ex.listed) and names.is_prose(judged):
            return  # "Lie on your back", "The faster you finish": prose where a name could be
        # (a name with its own numbers may read oddly and still be a move: "Thread the needle")
        unsure = not ex.found.says_amount or "%" in ex.name
        never = unsure and names.is_never(judged) and not _EXERCISE_WORDS.search(ex.name)
        if judging and never and not (ex.listed and _only_target(ex.name)):
            return
        if self.block is None or self.block.pairing == "closed":
            self._implicit()  # after a superset of two: the exercises go on
        assert self.block is not None
        if self.block.pairing == "open":
            self.block.pairing = "closed"
        if ex.listed and ex.found.work and _only_target(ex.name):
            # "5 minutes @ 140 Watts" under "Warm Up": its part names the piece of a ride
            head = self.block.name  # (not "Three ramp efforts": a count is no name)
            short = not self.block.implicit and 0 < len(head.split()) <= 3
            if short and has_words(head) and not re.search(r"\d", normalize(head)):
                ex.name = f"{head} {'' if ex.name.startswith('@') else 'at '}{ex.name}"
        f = ex.found
        if f.rounds and not f.sets:
            f.sets, f.rounds = f.rounds, None  # "3 rounds" on an exercise's line: its sets
        block = self.block
        if block is not None and block.rest_line is not None and block.exercises:
            # A "Rest" line was not after the block's last exercise after all: it rests the
            # exercise above it
            block.exercises[-1].found.rests.setdefault("line", block.rest_line)
            block.rest_line = None
        last = self.ex
        same = (  # (the same words and numbers: "Exercise 2" is not "Exercise 1" again)
            last is not None
            and names.words(last.name) == names.words(ex.name)
            and re.findall(r"\d+", last.name) == re.findall(r"\d+", ex.name)
        )
        plain = block is None or not block.found.template  # (an AMRAP may list a move twice)
        if same and plain and last is not None and last.found.says_amount and ex.bare:
            return  # "Leg press 3 sets 6 reps" and a picture's caption "leg press" below it
        if same and last is not None and _empty(last):
            self.block.exercises.remove(last)  # a heading, then its name again above its steps
        self._listed_before(ex)
        self.block.exercises.append(ex)
        self.ex = ex

    def _listed_before(self, ex: _Ex) -> None:
        """A list of the moves' names alone, then a section for each: the list was what
        the sections hold (its names leave as their sections come). Each name is looked up
        once, so a long text costs no second pass over what was read."""
        key = tuple(names.words(ex.name))
        first = self.first.setdefault(key, (ex, self.block))
        e, b = first
        if e is ex or b is None or b.found.template or b.found.each_work or self.general.each_work:
            return
        if e.bare and not (e.cue or e.steps or e.gone):
            e.gone = True
            del self.first[key]

    def _merge_prose(self, ex: _Ex, f: Found) -> None:
        """Prose about an exercise gives its counts, times and hold, never more."""
        mine = ex.found
        if f.hold and not mine.hold:
            # A hold in the description of a rep ("do a push-up, then hold...") is in every rep.
            each: Each = f.hold.each or ("rep" if ex.source >= CueSource.INSTRUCTIONS else "")
            mine.hold = Hold(f.hold.what, f.hold.time, each)
        if f.sides and (f.reps or f.work or f.hold or f.rounds):  # not "a dumbbell in each hand"
            mine.sides = True
        for key in ("sets", "reps", "tempo"):
            if key == "reps" and mine.work:
                continue  # a timed move counts no reps ("Battle ropes 30 sec. ... 9 rounds + 4")
            if getattr(f, key) and not getattr(mine, key):
                setattr(mine, key, getattr(f, key))
                if key == "reps" and f.set_reps and not mine.set_reps:
                    mine.set_reps = f.set_reps  # "Do: 3 sets; 15, 12, 10 reps"
        if f.rounds and not (mine.sets or f.sets or f.reps):
            # "10 push-ups. Repeat 3-5 times", "Hold 20 s, four times": its sets; of a move
            # with no count yet ("Step sideways and back. Repeat 10 times"): its reps.
            if mine.hold and not (mine.reps or mine.work or f.work):
                repeated(mine, f.rounds)  # "Hold 5 seconds. Repeat 10 times."
            elif mine.reps or mine.work or mine.hold or mine.breaths or f.work or f.hold:
                mine.sets = f.rounds
            else:
                mine.reps = f.rounds
        if f.work and not (mine.work or mine.reps or f.reps):
            mine.work = f.work
        mine.breaths = mine.breaths or f.breaths

    def _dose_under(self, u: _Unit) -> bool:
        """A bullet under a move's own card that has no numbers yet, giving them and naming
        no move: "- Hold the tension 5 seconds", "- 5 times; also with the other leg". (Not
        "- 40 seconds each" in the paragraph of a list of bare names: said of them all.)"""
        ex = self.ex
        if ex is None or ex.found.reps or ex.found.sets or ex.found.work:
            return False
        if ex.para >= 0 and u.para <= ex.para:
            return False
        if re.search(r"\s[-\u2013\u2014:]\s", u.text) or _howto(u.text):
            return False  # "- Soleus - 45 s per leg": a name, then its numbers; a how-to
        f = scan(u.text)
        said = f.hold or f.rounds or f.reps or f.sets or f.work or f.sides
        if not said or len(f.name.split()) > 2 or names.is_move(f.name):
            return False
        if re.match(r"\d+\s+[A-Z]", u.text):
            return False  # "- 1 Bird dogs": a count, then a move's name
        self._merge_prose(ex, f)
        return True

    def _howto_under(self, u: _Unit) -> bool:
        """A bullet that is a sentence of how to do the move named above it."""
        ex = self.ex
        sentence = u.words >= 4 and u.text.endswith(".") and _howto(u.text)
        # (a hold said in a step before it leaves the count to say: "Lift the leg and hold
        # it up for 5 seconds." then "Lower and repeat 5-10 times on each side.")
        dosed = ex is not None and bool(ex.found.sets or ex.found.reps or ex.found.work)
        return sentence and ex is not None and ex.para < 0 and not dosed

    def _about(self, u: _Unit) -> None:
        """A line about the exercise before it: equipment, a form cue, instructions."""
        t = u.text
        m = _EQUIPMENT_LABEL.match(t)
        if m:
            items = re.split(r"\s*,\s*|\s+and\s+", t[m.end() :].rstrip("."))
            kit = [i for i in items if i and not _NONE.fullmatch(i)]
            if self.ex is not None:
                self.ex.equipment += kit
                self.ex.no_kit = not self.ex.equipment
            elif self.kit is None:  # the workout's, said before its exercises
                self.kit = kit
            return
        howto = _HOWTO_LABEL.match(t)
        if howto and (self.ex is None or self.ex.source >= CueSource.INSTRUCTIONS):
            count = sum(len(b.exercises) for b in self.blocks) + 1
            self._add(_Ex(f"{NAMELESS} {count}", u.line, Found(), named=False))
        ex = self.ex
        if ex is None:
            return
        label = _CUE_LABEL.match(t)
        if label:
            self._set_cue(ex, _capital(t[label.end() :]), CueSource.LABEL)
            return
        body = t[howto.end() :] if howto else t
        if _OTHER_SIDE.search(body):  # "When those are done, change legs and repeat."
            ex.found.sides = True
        if howto or not ex.named:
            ex.described = f"{ex.described} {body}".strip()[:MAX_PARAGRAPH]
        self._set_cue(ex, _cue(body), CueSource.INSTRUCTIONS if howto else CueSource.REMARK)
        for sentence in _sentences(body):
            if not _ONE_REP.search(normalize(sentence)):
                self._merge_prose(ex, scan(sentence))

    def _step(self, u: _Unit) -> None:
        """A numbered instruction ("1. Stand tall.", "4. Hold for 30 seconds."): part of the
        exercise above it; a new list of steps with no name above it is an exercise of its
        own."""
        ex = self.ex
        if ex is None or (u.label == "1" and ex.steps):
            count = sum(len(b.exercises) for b in self.blocks) + 1
            ex = _Ex(f"{NAMELESS} {count}", u.line, Found(), named=False)
            self._add(ex)
        ex.steps.append(_sentence(u.text))
        ex.described = " ".join(ex.steps)
        self._set_cue(ex, _cue(ex.described), CueSource.INSTRUCTIONS)
        ex.cue = _cue(ex.described)  # the steps so far, each new one added
        self._step_numbers(ex, u.text)

    def _step_numbers(self, ex: _Ex, text: str) -> None:
        """What a step says of its move's numbers and sides ("Hold for 30 seconds, then
        switch sides")."""
        if _OTHER_SIDE.search(text):
            ex.found.sides = True
        for sentence in _sentences(text):
            self._merge_prose(ex, scan(sentence))

    def _pose(self, u: _Unit, i: int) -> str:
        """In a flow (numbered steps most of which move into a pose of their own: "Walk the
        feet back into downward facing dog"), the step's pose, or its first clause when it
        names none ("Fold forward from the hips"); "" for the steps of one exercise."""
        if u.kind != "item" or not u.label.isdigit():
            return ""
        if i not in self.flows:  # the numbered items from here on, judged once
            run = [i]
            for j in range(i + 1, len(self.units)):
                x = self.units[j]
                if x.kind != "item" or not x.label.isdigit() or x.para != u.para:
                    break
                run.append(j)
            said = [_POSE.search(self.units[j].text) for j in run]
            flow = sum(m is not None for m in said) >= max(3, (len(run) + 1) // 2)
            for j, m in zip(run, said, strict=True):
                first = re.split(r"[,.;]| and ", self.units[j].text, maxsplit=1)[0]
                short = first if len(first.split()) <= 6 else ""
                self.flows[j] = (m[1] if m else short) if flow else ""
        return self.flows[i]

    def _flow_step(self, u: _Unit, pose: str) -> None:
        """A step of a flow: its pose, how to get into it as the cue."""
        ex = _Ex(_capital(pose), u.line, Found(), cue=_cue(u.text))
        ex.source = CueSource.INSTRUCTIONS
        self._add(ex)
        self._step_numbers(ex, u.text)

    def _set_cue(self, ex: _Ex, cue: str, source: CueSource) -> None:
        if not cue:
            return
        if source > ex.source:
            ex.cue, ex.source = cue, source
        elif source == ex.source == CueSource.LABEL:
            ex.cue = f"{ex.cue} {cue}"


_SET_NAMED = re.compile(r"(?:set|round|circuit)\s*\d{1,2}", re.IGNORECASE)


_COUNTED = r"\d{1,3}\s+(?!(?:sets?|reps?|rounds?|times|x|min|sec|s|m|kg|lbs?)\b)[A-Za-z]"
_COUNT_THEN_NAME = re.compile(rf"(?:(?<=\))|(?<=[a-z]))\s+(?={_COUNTED})", re.IGNORECASE)


def _then_part(u: _Unit) -> bool:
    """ "And then, immediately:", "Then, 2 sets of this:": a line that opens the next part."""
    return bool(_THEN.match(u.text)) and u.text.endswith(":") and u.words <= 8


def _counted_run(part: str) -> list[str]:
    """Counted moves written one after the other with nothing between them, split before
    each count; a part that does not start with a count stays whole."""
    if not re.match(_COUNTED, part, re.IGNORECASE):
        return [part]
    # (not inside brackets: "10 Strict pull-ups (scale to 20 ring rows)" is one move)
    pieces, start, depth, at = [], 0, 0, 0
    for m in _COUNT_THEN_NAME.finditer(part):
        depth += part.count("(", at, m.start()) - part.count(")", at, m.start())
        at = m.start()
        if depth <= 0:
            pieces.append(part[start : m.start()])
            start = m.end()
    pieces.append(part[start:])
    return pieces if len(pieces) > 1 else [part]


def _and_next(part: str) -> list[str]:
    """ "12 squats and a 30-second plank": a sequence of counted moves goes on after "and"
    where something was counted before it."""
    out, start, at = [], 0, 0
    # (each "and" is followed by a count, so a failed look for one before it is the first)
    while m := _AND_NEXT.search(part, at):
        if re.search(r"\d", part[start : m.start()]):
            out.append(part[start : m.start()])
            start = m.end()
        at = m.end()
    return [*out, part[start:]]


def _set_by_set(f: Found) -> bool:
    """ "Back squat 5-5-5-3-3-3": one move's reps set by set, not a scheme of rounds."""
    if not f.scheme or f.for_time or len(f.scheme) > MAX_PER_SET:
        return False
    if not has_words(f.name) or _run_together(f.name) or not names.is_move(f.name):
        return False
    f.set_reps, f.scheme = f.scheme, []
    f.sets, f.reps = num(len(f.set_reps)), num(max(f.set_reps))
    return True


def _told(sentence: str) -> list[Found]:
    """The moves a sentence of prose tells ("then I did 3 sets of 10 push-ups with a short
    rest and 4 sets of 20 squats", "después haz 3 series de 15 sentadillas"): in each of its
    clauses that gives numbers, the words that name a move, without the words around them
    that tell the story."""
    out: list[Found] = []
    before = ""  # a clause with a name and no numbers: "the first one is squats: ..."
    for clause in _CLAUSES.split(sentence):
        spec = Scan(clause)
        f = spec.run()
        if not f.says_amount and (digit := re.search(r"\d", clause)):
            spec = Scan(clause[digit.start() :])  # "I started with 50 jumping jacks"
            f = spec.run()
            if f.distance and not f.says_amount:  # "Row 400 metres": the move before it
                spec = Scan(clause)
                f = spec.run()
        if not (f.says_amount or f.distance):
            if out and f.rests and not has_words(spec.leftover()):
                for scope, rest in f.rests.items():  # ", 15 seconds to recover, then ..."
                    out[-1].rests.setdefault(scope, rest)
            before = _told_name(clause) if has_words(clause) else ""
            continue
        if name := _told_name(spec.leftover()) or before:
            f.name = name
            out.append(f)
        before = ""
    return out


def _told_name(text: str) -> str:
    """The words of a clause that name its move: the first piece (between commas and
    words such as "with", "that", "to") that reads as a move once the telling words around
    it are gone, else a word alone that the model does not take for prose, or a few it has
    never seen ("plancha abdominal")."""
    pieces = re.split(
        r",\s*|\s+(?:with|which|that|for|at|in|on|and|to|as|while|before|after|around)\b", text
    )
    unknown = ""
    for piece in pieces:
        words = piece.split()
        while words and words[0].lower().strip(".,") in _TELLING:
            words.pop(0)  # "I did", "then", "haz", "alla fine di"
        while words and words[-1].lower().strip(".,") in _TELLING:
            words.pop()  # "una plancha de (30 segundos)"
        name = " ".join(words)
        if not has_words(name) or len(words) > 4:
            continue
        score = names.score(name)
        if _EXERCISE_WORDS.search(name) or score >= names.MOVE:
            return name
        foreign = len(words) <= 3 and names.unknown(name)
        if not unknown and (
            foreign or (len(words) == 1 and len(name) > 4 and score >= names.PROSE)
        ):
            unknown = name  # ("sentadillas": a move in a language the model barely knows)
    return unknown


# A line that opens the next part of the workout: "And then, immediately:", "Finally,"
_THEN = re.compile(
    r"\W*(?:and\s+)?(?:then|next|finally|after that|afterwards|to finish)\b[\s,]*"
    r"(?:(?:immediately|straight away|right away)\b[\s,]*)?",
    re.IGNORECASE,
)
# A sentence of prose that goes on to a move of its own: "Then do 3 sets of 10 lunges",
# "Sigue con prensa en máquina, 4 series por 10 repeticiones", "Para cerrar, ..."
_GOES_ON = re.compile(
    r"\W*(?:start|begin|continue|follow|then|next|after that|finish|end|empieza|comienza|sigue"
    r"|contin[uú]a|primero|despu[eé]s|luego|para (?:cerrar|terminar)|termina|dann|danach"
    r"|anschlie(?:ß|ss)end|poi|quindi|infine|puis|ensuite|enfin)\b",
    re.IGNORECASE,
)
# Where a sentence of prose goes on to the next move: a comma, "and", "then", and their
# words in the languages the notation is read in.
_CLAUSES = re.compile(
    r"[,;:]\s*|\s+(?:and then|and|then|poi|luego|después|y|e|und|dann|puis|et)\s+", re.I
)
# Words that tell the story around a move: who did it, when, how it starts.
_TELLING = set(
    """i we you then next after finally did do does done doing started start finished finish
    warmed cooled
    also just my our a an the some with of to it is are first second third last exercise
    move ejercicio esercizio übung
    haz hice hago haga realiza realice termina terminé empieza empecé una un unos unas la el
    los las con de del son es primer primero segundo tercer último por durante sigue sigo
    continúa continua comienza cerrar terminar
    para empezar después luego fai ho fatto poi alla fine di da il lo le gli
    mach mache machte dann ein eine einen der die das mit
    fais faites puis un une le la les des avec de du""".split()
)


def _a_move(name: str) -> bool:
    """The words name a move: a word moves are named by, or the model says so."""
    return bool(_EXERCISE_WORDS.search(name)) or names.is_move(name)


def _run_together(name: str) -> list[str]:
    """The moves of a line that names several ("Push-ups and squats") or runs their names
    together ("Thrusters (135/95 lb) Burpees Pull-Ups", cut before each capital that
    follows a whole move); [] unless all are moves."""
    said = re.split(r"\s*,\s*(?:and\s+)?|\s+(?:and|&|\+)\s+", name)
    if len(said) > 1 and all(map(_a_move, said)):
        return said  # "Push-ups and squats: 1-2-3-4-5-4-3-2-1"
    chunks: list[list[str]] = [[]]
    for word in name.split():
        if len(chunks[-1]) > MAX_NAME_WORDS:
            return []  # (no move's name runs on so long; and each look stays short)
        if chunks[-1] and word[:1].isupper() and _EXERCISE_WORDS.search(" ".join(chunks[-1])):
            chunks.append([])
        chunks[-1].append(word)
    moves = [" ".join(c) for c in chunks]
    # (not "Back Squat": a muscle group alone is no move)
    apart = all(_EXERCISE_WORDS.search(m) and not _group(m) for m in moves)
    return moves if len(moves) > 1 and apart else []


_WHERE = re.compile(
    r"\s+(?:onto|on|with|against|using|holding|in|at|off|to|from|into|over|under|behind)\s+", re.I
)


def _move_first(name: str) -> bool:
    """Whether a list's item opens with a move and goes on to where or with what ("Step-ups
    onto a chair", "Triceps dips on a chair"), however the rest reads."""
    head = _WHERE.split(name, maxsplit=1)[0]
    # (not "Dip at the knees to drive the bar": one word, as an instruction's verb)
    named = len(head.split()) > 1 or head.lower().endswith("s")
    return head != name and named and bool(_EXERCISE_WORDS.match(head)) and names.is_move(head)


def _group(text: str) -> bool:
    """Whether a line names muscle groups and nothing else ("Back", "Calves Exercises")."""
    words = re.split(r"[\s,&/+-]+", text.lower().rstrip(":"))
    return 0 < len(words) <= 4 and all(w in _GROUP_WORDS for w in words if w)


# "150x3, 170x3, 195x14" (or with the sign): a log's sets, a load and its reps each
_LOGGED_SETS = re.compile(
    r"(?<![\d.])\d{2,4}(?:\.\d)?\s*[x\u00d7]\s*\d{1,2}(?:,\d{1,2}\b(?!\s*[x\u00d7]))*"
    r"(?:,\s+\d{2,4}(?:\.\d)?\s*[x\u00d7]\s*\d{1,2}(?:,\d{1,2}\b(?!\s*[x\u00d7]))*)+",
    re.IGNORECASE,
)
# A sentence that names the moves in a row: "The stations this week were; step ups, star
# jumps and superman.", "The moves are push-ups, squats and lunges.", "Los ejercicios son: ..."
_LISTED = re.compile(
    r"\W*(?:(?:the|our|today'?s|this week'?s|los|las|les|die|gli|le)\s+)?(?:[\w']+\s+)?"
    r"(?:exercises?|moves?|movements?|stations?|drills?|poses?|stretches?|ejercicios|exercices"
    r"|\u00fcbungen|esercizi)\b[^.:;!?]{0,30}?\s(?:are|were|include[ds]?|will be|son|sont|sind"
    r"|sono)\s*[:;,-]?\s*(?P<moves>[^.!?]+)[.!]?$",
    re.IGNORECASE,
)


def _listed(sentence: str) -> list[str]:
    """The moves a sentence names in a row, each with no numbers of its own (the format said
    around them gives them theirs); none unless most of them read as moves."""
    m = _LISTED.match(sentence)
    if not m or re.search(r"\d", m["moves"]):
        return []
    parts = [p.strip() for p in re.split(r",|\s(?:and|&|y|et|und|e)\s", m["moves"])]
    parts = [p for p in parts if p]
    if len(parts) < 2 or any(len(p.split()) > 4 or not has_words(p) for p in parts):
        return []
    if 2 * sum(map(_a_move, parts)) < len(parts):
        return []
    return [_capital(p) for p in parts]


# A short notation quoted inside a sentence ("AMRAP 14", "5 rounds for time"): named as an
# example, not the workout's (a quoted name with no number stays)
_MENTIONED = re.compile(
    r"\(?[\"\u201c](?=[^\"\u201c\u201d]{0,30}\d)[^\"\u201c\u201d]{1,30}[\"\u201d]\)?"
)
_NUMBER_LIST = re.compile(
    # (from a list's first number only: tried at each, a long list would be read again and
    # again)
    r"(?<![\d.])(?<!,)(?<!,\s)\d{1,4}(?:,\s+\d{1,4})+(?:,?\s+and\s+\d{1,4})?\s*"
    r"(?:seconds?|secs?|s|minutes?|mins?|reps?|repetitions)\b"
    r"|(?<=:)\s*\d{1,3}(?:,\s+\d{1,3}){2,}\s*$",  # "Barbell curl: 12, 10, 8, 6"
    re.IGNORECASE,
)
_BUSY = ("work", "set_time", "tempo")  # the fields that give a set's time


def _emom_unit(every: int, moves: int) -> int:
    """The fewest minutes in which ``moves`` moves, one an interval, each come round a
    whole number of times."""
    return math.lcm(every * moves, 60_000) // 60_000


def _emom_every(f: Found, moves: int) -> bool:
    """Whether "every 2 minutes" is an EMOM of that interval: one the routine takes, its
    minutes (where the text gives them) whole turns of the moves."""
    if f.window is None or not EVERY_MS[0] <= f.window <= EVERY_MS[1]:
        return False
    unit = _emom_unit(f.window, moves)
    if f.rounds is None:
        return unit <= 60
    total = f.rounds.value * f.window
    return (
        not f.rounds.ranged and total % (unit * 60_000) == 0 and total <= EMOM_MAX_MINUTES * 60_000
    )


def _holds_every_move(f: Found, moves: list[_Ex]) -> bool:
    """Whether "every 5 minutes" over several moves is best kept as an interval that holds
    them all: its moves one set each, and the time of at least one of them not given (the
    text's own times lay the interval out as they are)."""
    if f.window is None or not EVERY_MS[0] <= f.window <= EVERY_MS[1]:
        return False
    if len(moves) < (1 if f.together else 2):
        return False
    total = (f.rounds.value if f.rounds else 1) * f.window
    return (
        not (f.rounds and f.rounds.ranged)
        and total % 60_000 == 0
        and total <= EMOM_MAX_MINUTES * 60_000
        and all(_count(e.found.sets) <= 1 and not e.found.hold for e in moves)
        and any(not (e.found.work or e.found.set_time or e.found.tempo) for e in moves)
    )


def _template_name(f: Found) -> str:
    names = {
        "tabata": "Tabata",
        "emom": "EMOM",
        "amrap": "AMRAP",
        "for_time": "For time",
        "ladder": "Ladder",
        "superset": "Superset",
    }
    if f.scheme:
        return "-".join(map(str, f.scheme))
    if f.template in ("intervals", "every"):
        return "Intervals"
    return names.get(f.template, "Circuit" if f.rounds else "")


def _lists(section: list[_Unit]) -> bool:
    """Whether a heading's section lists exercises (so the heading names a block)."""
    for u in section:
        if _is_step(u):
            continue
        if u.kind == "item" or (u.kind == "text" and u.words <= 14):
            f = scan(re.split(r"(?<!\d)\.\s", u.text)[0])
            sentence = u.words >= 5 and u.text.endswith(".")
            if sentence and (not f.says_amount or _howto(u.text)):
                continue  # "- Fix one end of a band at waist height.", "- Hold for 30 s.": how
            if (
                has_words(f.name)
                and not _POINTS_BACK.fullmatch(f.name.strip())
                and (f.says_amount or (u.kind == "item" and _EXERCISE_WORDS.search(f.name)))
            ):
                return True
    # "## Beine" over "- Kniebeuge", "- Beinpresse": a list of bare names only (its sub-items
    # aside), each in words the name model reads as a move or does not know (another
    # language), two at least
    items = [u for u in section if u.kind == "item"]
    top = [u for u in items if u.indent == items[0].indent]
    return (
        len(top) >= 2
        and section[0].kind == "item"
        and all(
            len(u.text.split()) <= 4
            and not re.search(r"[\d:;,.!?]", u.text)
            and (names.is_move(u.text) or names.unknown(u.text))
            for u in top
        )
    )


def _formats(section: list[_Unit]) -> bool:
    """Whether a heading's section only says how the workout runs ("How it works:" over
    "- 10 rounds", "- 3 minutes per round", "- 1 minute rest between rounds")."""
    said = [scan(u.text) for u in section]
    return bool(said) and all(
        (f.rounds or f.each_work or f.rests or (f.on and f.off))
        and not (f.says_amount or f.distance)
        and (not has_words(f.name) or _GENERIC.fullmatch(f.name.strip()))
        for f in said
    )


_NOT_A_MOVE = rf"(?:{REST}|repeat)\b"


def _dashed(line: str) -> list[str]:
    """The parts of a line of moves run together between dashes ("Inchworm out - 3 Right
    arm cleans - Military press - Rest 30s") or commas ("Chair, Eagle, W3, Crescent twist,
    Triangle"), or nothing when most parts are not moves."""
    for sep, words in ((r"\s+[-\u2013\u2014]\s+", 8), (r"\s*,\s+(?:and\s+)?", 3)):
        parts = re.split(sep, line)
        # (not "Incline fly - Push - Isolated - Chest": a name and its tags)
        moves = [
            p
            for p in parts
            if not re.match(_NOT_A_MOVE, p, re.I) and not _group(p) and not _TAG.fullmatch(p)
        ]
        if len(moves) < 3 or any(len(p.split()) > words for p in moves):
            continue
        # the list is itself a sign of moves: half of them reading as names will do
        if 2 * sum(names.score(scan(p).name) >= 0.5 for p in moves) >= len(moves):
            return parts
    return []


# "Set 2 - 8 reps @ 65%": a set the text numbers, on a line of its own
_SET_LINE = re.compile(r"set\s*\d{1,2}\s*(?:[-\u2013\u2014:.)]|(?=\d))\s*", re.IGNORECASE)


def _set_row(line: str) -> Num | None:
    """The reps of a line that logs one set: reps and a load, nothing named ("10x 45lbs/
    20.4kg (warm up)", "5 x 60 kg", "3 @ 100kg"), or a set by its number ("Set 1 - 10 reps",
    "Set 3: 6 @ 70%")."""
    numbered = _SET_LINE.match(line)
    if numbered:
        line = line[numbered.end() :]
    f = scan(line)
    count = f.reps or f.sets  # "10x 45lbs" reads as ten sets of nothing: ten reps
    if not count or (f.reps and f.sets) or f.work:
        return None
    if not numbered and not re.search(r"\d\s*(?:kg|kgs|lbs?|#)(?![a-z])", line, re.I):
        return None
    rest = re.sub(r"\([^()]*\)|\S*\d\S*|\b(?:kg|kgs|lbs?|at)\b|[@/#x]", " ", f.name, flags=re.I)
    return None if has_words(rest) else count


def _scoped(f: Found) -> bool:
    """Whether a piece of text says a rest between sets, exercises or rounds."""
    return any(scope in f.rests for scope in ("sets", "exercises", "rounds"))


def _set_at_a_time(line: str) -> str:
    """ "One Set of 10 at 55 lbs, One Set of Eight at 65 lbs": one move's sets, not parts of
    a list at its commas."""
    return re.sub(r",\s+(?=(?:one|1)\s+set\s+of\b)", " and ", line, flags=re.I)


def _bare_count(sentence: str) -> bool:
    """Whether a sentence is a count and nothing more: "15 reps.", "30 seconds each side."."""
    f = scan(sentence)
    return f.says_amount and not re.search(r"\w{3,}", _ASIDE.sub("", f.name))


def _doubled(line: str) -> bool:
    """Whether a line is one name said twice over ("Romanian Deadlift Romanian Deadlift")."""
    words = line.split()
    half = len(words) // 2
    return 2 <= half <= 8 and 2 * half == len(words) and words[:half] == words[half:]


def _only_target(name: str) -> bool:
    """Whether a name is nothing but how hard to go ("@ 140 Watts", "95% FTP @ 95rpm",
    "Zone 2", "RPE 7")."""
    return bool(re.search(r"\d", name)) and not has_words(_TARGETS.sub(" ", name))


_TARGETS = re.compile(
    r"@|\bat\b|\d{1,4}(?:[.,]\d)?\s*(?:%|watts?\b|w\b|rpm\b|bpm\b|spm\b)"
    r"|\b(?:ftp|zone\s*\d|z[1-7]|rpe\s*\d{1,2}|of|max|hr|mhr|cadence)\b",
    re.IGNORECASE,
)


def _bare_dose(line: str) -> bool:
    """Whether a line gives sets and reps (or a time) and nothing else: "3 sets of 8-12
    reps", "6 sets of 6, 4, 3, 3, 4, 6, reps (pyramid)"."""
    f = scan(line)
    # ("3 x 3 at 85% of your 1RM": how heavy is no name)
    name = _INTENSITY.sub("", _ASIDE.sub("", f.name))
    # (not "Sets: 2-3 Reps: 12 Tempo: 311 Rest: 60 Seconds": fields, read as such)
    return bool(f.sets and (f.reps or f.work)) and not (
        f.template or f.rounds or f.rests or ":" in line or re.search(r"\w", name)
    )


# How heavy, all a set's name may be: "at 85% of your 1RM", "@ 80%", "@ RPE 8"
_INTENSITY = re.compile(
    r"(?:@|\bat\b)?\s*(?:\d{1,3}(?:[.,]\d)?\s*%(?:\s*(?:of\s+)?(?:your\s+|the\s+)?"
    r"(?:1RM|max|training max))?|rpe\s*\d{1,2}(?:[.,]\d)?)",
    re.IGNORECASE,
)


def _open(ex: _Ex, *, key: str) -> bool:
    """Whether an exercise's sets (or reps) are still to be said: none of its own."""
    f = ex.found
    return not (f.work or getattr(f, key) or (key == "reps" and f.max_reps))


def _empty(ex: _Ex) -> bool:
    """Whether an exercise is a heading's name and nothing else yet."""
    return ex.para < 0 and not (ex.found.anything or ex.cue or ex.steps)


# "4@6-10 means 4 sets of 6 to 10 reps": a text that defines its own notation.
_DEFINES = re.compile(
    r"(?<!\d)(\d+)\s*@\s*\d+(?:\s*-\s*\d+)?\s+(?:means|=|is|stands for)\s+\1\s+sets?\s+of\b",
    re.I,
)
_SETS_AT = re.compile(r"(?<![\w.@])(\d+)\s*@\s*(\d+(?:\s*-\s*\d+)?)(?![\d%\w])")


def _defined(found: list[_Unit]) -> list[_Unit]:
    """The units with a notation the text defines read as it says ("Squat 4@10-15": 4 sets
    of 10 to 15), without the line that defines it (an explanation, not an exercise)."""
    if not any(_DEFINES.search(u.text) for u in found):
        return found
    out = [u for u in found if not _DEFINES.search(u.text)]
    for u in out:
        u.text = _SETS_AT.sub(r"\1 x \2", u.text)
    return out


# "6 min, 5 min, 4 min, 3 min and 2 min all hard with 90s recovery between each": a run's
# pieces of falling (or rising) length, said on one line
_TIME_UNIT = r"min(?:ute)?s?|secs?|seconds?"
# (each token read one way only: a number ends where its digits do, "s" is no word's end)
_TIME_RUN = re.compile(
    rf"(?P<times>(?:\d{{1,3}}(?!\d)|{_TIME_UNIT}|(?<![a-z])s\b|'|and|then"
    r"|[,\s/\u2013-])+)(?P<rest>[A-Za-z].*)?$",
    re.IGNORECASE,
)
_TIME_TOKEN = re.compile(rf"(\d{{1,3}})|({_TIME_UNIT}|s\b|')", re.IGNORECASE)
_BETWEEN = re.compile(
    rf"(?:with\s+)?(?P<time>\d{{1,3}}(?!\d)(?:\s*(?:{_TIME_UNIT}|s|'))?)\s+"
    r"(?:of\s+)?(?:easy\s+)?(?:recovery|rest|jog|walk)(?:\s+(?:jog|walk))?\s+between(?:\s+each)?\.?$",
    re.IGNORECASE,
)
_RUN_MOST = 20  # pieces on one line: a ladder, not a log


def _time_run(text: str) -> list[str]:
    """The pieces of a run of times on one line, each as a line of its own ("6 min hard,
    90s recovery"); nothing when the line is not such a run."""
    m = _TIME_RUN.match(text)
    if m is None or re.search(r"\b(?:rounds?|sets?|reps?|times)\b", text, re.I):
        return []
    numbers: list[str] = []
    said_units: list[str] = []  # a unit serves the numbers before it that have none
    for token in _TIME_TOKEN.finditer(m["times"]):
        if token[1]:
            if len(numbers) == _RUN_MOST:
                return []
            numbers.append(token[1])
        else:
            unit = "min" if token[2] == "'" else token[2]
            said_units += [unit] * (len(numbers) - len(said_units))
    if len(numbers) < 3 or len(said_units) < len(numbers):
        return []
    rest = m["rest"] or ""
    between = _BETWEEN.search(rest)
    what = re.sub(r"^(?:all|each|at|@)\s+", "", rest[: between.start()] if between else rest)
    if len(what.split()) > 5 or not what.strip(" ,."):
        return []
    what = what.strip(" ,.")
    out = [f"{n} {x} {what}" for n, x in zip(numbers, said_units, strict=True)]
    if between:
        out[:-1] = [f"{x}, {between['time']} recovery" for x in out[:-1]]
    return out


# A swim's lines give bare distances: "600 warm-up", "10x50 on 1:10 (drill)", "200 kick"
_SWIM_WORDS = re.compile(
    r"\b(?:swim\w*|pool|freestyle|free|backstroke|breaststroke|kick|pull buoy|laps?|strokes?)\b",
    re.IGNORECASE,
)
_SWUM = re.compile(
    r"(?:(?P<sets>\d{1,2})\s*[x\u00d7*]\s*)?(?P<far>\d{2,4})(?![\d.,:'\u2032\"]|\s*(?:[a-z]*\d"
    r"|m\b|y\b|yds?\b|yards?\b|met(?:er|re)s?\b|k\b|km\b|x\b|\u00d7))"
    r"\s*(?P<send>(?:on|@)\s*\d{0,2}:\d\d)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)

_SWUM_NAME = re.compile(
    r"(?:swim|pull|kick|free(?:style)?|back(?:stroke)?|breast(?:stroke)?|fly|butterfly|im\b"
    r"|drills?|warm|cool|easy|choice|build|sprint|fast|smooth|scull|descend|negative|stroke"
    r"|recovery|loosen|(?:\w+ )?(?:warm|cool)[- ]?(?:up|down))",
    re.IGNORECASE,
)


def _swim_piece(text: str) -> Found | None:
    """A swim's line read as its piece ("10x50 on 1:10 (drill)": 10 sets of 50 m, each
    leaving every 1:10; "600 warm-up"; "3x100 pull with 10 sec rest"), or None."""
    m = _SWUM.fullmatch(text)
    if m is None or int(m["far"]) % 25 or (m["sets"] and int(m["sets"]) < 2):
        return None
    rest = m["rest"]
    notes = re.findall(r"\(([^()]*)\)", rest)
    said = re.sub(r"\([^()]*\)", " ", rest)
    said = normalize(said)
    rested = re.search(rf"[,;]?\s*(?:with\s+)?({TIME})\s+(?:rest|recovery)\b", said, re.I)
    name = (said[: rested.start()] + said[rested.end() :] if rested else said).strip(" ,;:-")
    if (name and not _SWUM_NAME.match(name)) or re.search(r"\d", name):
        return None  # "50 push-ups" on the deck; "4 x 100 (:20 Swim": the line's own reading
    drill = notes[0].strip(" *") if notes and not re.search(r"\d", notes[0]) else ""
    send = re.sub(r"^(?:on|@)\s*0?", "", m["send"] or "").replace(" ", "")
    return Found(
        name=name or drill or "Swim",
        notes=[n.strip() for n in notes],
        distance=f"{m['far']}m",
        sets=num(int(m["sets"])) if m["sets"] else None,
        work=span(send) if send else None,
        rests={"": span(rested[1])} if rested else {},
    )


def _laddered(found: list[_Unit]) -> list[_Unit]:
    """The units with each run of times on one line read as its pieces, one unit each."""
    out = []
    for u in found:
        pieces = _time_run(u.text) if u.kind in ("text", "item") else []
        out += [replace(u, text=p) for p in pieces] or [u]
    return out


def _is_step(u: _Unit) -> bool:
    """Whether a list item is a step of instructions ("Stand tall.", "Cross the sore leg
    behind the other one.", a step's wrapped rest), not an exercise ("Press 3x5")."""
    if u.kind != "item" or not re.fullmatch(r"\d{1,2}", u.label):
        return False
    t = u.text
    if t[:1].islower():  # a step's wrapped rest, or "2) push ups": a move's name in lower case
        short = len(t.split()) <= 5 and not t.endswith(".")
        return not (short and (names.is_move(t) or (_a_move(t) and not _howto(t))))
    if not (t.endswith(".") or len(t.split()) >= 4):
        return False  # "1. Squat jumps" is a list of exercises
    first = t.split(" ", 1)[0].lower().strip(",.:;")
    if not (_howto(t) or first in _STEP_VERBS):
        return False
    said = _sentences(t)
    if len(said) > 1 and len(said[0].split()) <= 6 and names.is_move(said[0].rstrip(".")):
        return False  # "Push ups. If they are hard, start on your knees.": a name, then how
    if re.match(
        r"repeat (?:the|this|that|it all|all|everything)\b(?! (?:stretch|exercise|move))", t, re.I
    ):
        return False  # "Repeat this circuit 2-3 times": about the block
    f = scan(_sentences(t)[0])
    named = has_words(f.name) and len(f.name.split()) <= 4
    # "Stay in this position for 30 seconds" is a step; "Press 3x5" an exercise.
    return not (f.says_amount and named and not re.search(_POINTING, f.name, re.I))


_POINTING = r"\b(?:this|that|these|your|the|it|position)\b"
# A step of a flow names the pose it moves into: "into a low lunge", "for Pigeon Pose".
_POSE = re.compile(
    r"\b(?:into|in|for|to)\s+(?:(?:a|an|the)\s+)?((?:[\w'-]+\s+){0,3}?"
    r"(?:pose|position|dog|lunge|fold|twist|bridge|plank|warrior(?:\s+(?:i{1,3}|[123]))?"
    r"|cobra|tree|triangle|chair))\b",
    re.IGNORECASE,
)


# What the pieces add up to, not a piece: "Total: 4300", "Total time: 45 minutes"
_TOTAL = re.compile(
    r"(?:total|in total|totals?\s+(?:distance|time|volume|yardage|meters|metres))\s*[:=-]?\s*"
    rf"[\d.,:]+\s*(?:(?:k?m|mi|miles?|yds?|yards?|met(?:er|re)s?|{_TIME_UNIT}|hours?|hrs?)\b\.?)?"
    r"(?:\s*\([^()]*\))?",
    re.IGNORECASE,
)
# A pose named in a sentence: "come into Square pose", "rest in shavasana"
_NAMED_POSE = re.compile(r"\b(?:[A-Z][\w'\u2019-]*\s+){1,3}[Pp]ose\b|\b[A-Za-z]{2,}asana\b")


_STEP_VERBS = set(
    "repeat change switch relax stop help come do try let allow use make feel avoid go move"
    " don't".split()
)


def _one_move(name: str, section: list[_Unit]) -> bool:
    """A name a model takes for a move's, over how to do it ("Standing Quad Stretch" over
    "- Stand up straight ...", "- Hold for 30 seconds")."""
    return bool(section) and names.is_move(name) and _instructions(section)


def _instructions(section: list[_Unit]) -> bool:
    """Whether a heading's section describes how to do one exercise."""
    return any(
        _is_step(u)
        or (
            u.kind in ("text", "item")
            and (
                _HOWTO_LABEL.match(u.text)
                or _CUE_LABEL.match(u.text)
                or _howto(u.text)
                or scan(u.text).says_amount
            )
        )
        for u in section
    )


# --- from what was read to a routine document --------------------------------------------


def _dur(ms: int) -> str:
    """A duration as the routine format writes it: ``45s``, ``1m30s``, ``1.5s``."""
    if ms % 1000:
        return f"{exact_seconds(ms)}s"
    h, rest = divmod(ms // 1000, 3600)
    m, s = divmod(rest, 60)
    return "".join(f"{v}{u}" for v, u in ((h, "h"), (m, "m"), (s, "s")) if v) or "0s"


# Some moves take longer a rep than others; the first that fits is used, else 3 s a rep.
_PACES = (
    (r"burpee.*push|push.*burpee", 6_000, "a burpee with a push-up"),
    (r"burpee|thruster|clean and|get-?up|man ?maker|devil", 5_000, "a whole-body move"),
    (
        r"jumping jack|\bjacks?\b|high knees|butt kick|skip|climber|jump rope|flutter",
        1_500,
        "a quick move",
    ),
)


# The time a metre takes, by the kind of move (an easy pace: the text gave none).
_MOVE_BY_DISTANCE = re.compile(r"\b(?:run|row|bike|ski|swim|jog|sprint|walk)", re.I)
_DISTANCE_PACES = (
    (r"\brow|\bski|\berg\b", 240, "rowing, 2 min per 500 m"),
    (r"\bbike|\bcycl|\bride\b", 120, "cycling, 2 min per km"),
    (
        r"\bswim|\bfree(?:style)?\b|\bIM\b|\bbreast|\bbackstroke|\bpull buoy",
        1_200,
        "swimming, 2 min per 100 m",
    ),
    (r"carry|walk|lunge|crawl|sled|drag|farmer|bear", 1_000, "a carry or walk, 1 s a metre"),
)
RUN_PACE_MS = 330  # a metre at an easy run: 5 min 30 s per km
MAX_DISTANCE_MS = 3 * 3_600_000


def _distance_ms(name: str, far: str, where: str = "") -> tuple[int, str]:
    """The time to cover a distance ("400m"), rounded to 5 s, and how it was judged: by the
    move's name, else by ``where`` it is (the block's and the workout's names)."""
    value = far.rstrip("kmiyd")
    metres = int(value) * {"m": 1.0, "km": 1000.0, "mi": 1609.344, "yd": 0.9144}[far[len(value) :]]
    per, what = next(
        (
            (ms, w)
            for said in (name, where)
            for pattern, ms, w in _DISTANCE_PACES
            if re.search(pattern, said, re.I)
        ),
        (RUN_PACE_MS, "an easy run, 5 min 30 s per km"),
    )
    ms = max(10_000, min(MAX_DISTANCE_MS, round(metres * per / 5_000) * 5_000))
    return ms, what


def _pace(text: str) -> tuple[int, str]:
    """The time a rep of the move takes, and what kind of move it is (" for ..." or "")."""
    t = text.lower()
    for pattern, ms, what in _PACES:
        if re.search(pattern, t):
            return ms, f" for {what}"
    return REP_PACE_MS, ""


def _set_ms(reps: int) -> int:
    return max(MIN_SET_MS, reps * REP_PACE_MS)


def _count(n: Num | None) -> int:
    """Sets or rounds: one unless the text says more."""
    return n.value if n else 1


def _at_most(limit: int) -> Any:
    return lambda v: min(v, limit)


_NO_NAME = "the text gives this exercise no name"
SPOKEN_CHARS_PER_S = 13  # the coach's speech, a little slower than it is, to be safe
COUNTDOWN_MS = 5_000  # the 3-2-1 before the first exercise and the pauses between cues
# What the coach says before the first exercise besides its name and cue, at its longest.
_LEAD_IN_TALK = "This workout takes about forty minutes. You'll need " + "x" * 50 + ". First up:"
# What the coach says of an interval that holds every move, besides the moves, at its longest.
_ROUND_TALK = "Every three minutes. Round one of twelve. Every interval, all of these:"

# Moves told by what their description does, most specific first: each word must be in it.
_DESCRIBED_MOVES = (
    ("Burpee", ("squat", "plank", "jump")),
    ("Mountain climber", ("plank", "knee", "chest")),
    ("Jumping jack", ("jump", "feet", "overhead", "together")),
    ("Forward fold", ("fold", "forward")),
    ("Glute bridge", ("back", "knees", "hips", "lift")),
    ("Push-up", ("plank", "lower", "chest")),
    ("Lunge", ("step", "knee", "lower")),
    ("Squat", ("squat",)),
    ("Plank", ("plank",)),
)


def _move_described(text: str) -> str:
    """The move a description describes, by the words it has to use ("" if none fits)."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    stems = {w[:-1] if w.endswith("s") else w for w in words} | words
    return next((name for name, need in _DESCRIBED_MOVES if stems.issuperset(need)), "")


class _Writer:
    """Turns what was read into a routine document, filling gaps and noting each guess."""

    def __init__(self, reader: _Reader, source: str, stem: str):
        self.r = reader
        self.source = source
        self.stem = stem
        self.comments: dict[str, str] = {}
        self.guesses: list[Guess] = []
        self.d = Defaults()
        self.uses: dict[str, int] = {}  # default rests some exercise relies on → its line
        self.kit_left = list(reader.kit or [])  # the workout's equipment, for its first move
        self.lines: dict[str, int] = {"defaults": reader.general_line}  # field path → line

    def guess(self, path: str, value: Any, line: int, why: str) -> Any:
        self.comments[path] = f"guessed: {why}"
        self.guesses.append(Guess(line, path, _yaml_value(value), why))
        return value

    def value(self, path: str, n: Num, line: int, show: Any = int) -> Any:
        """A number from the text; a range is a guess with both ends in the comment."""
        if not n.ranged:
            return show(n.value)
        why = f"the text gives {show(n.low)} to {show(n.high)}; the upper end is used"
        return self.guess(path, show(n.value), line, why)

    def document(self) -> dict[str, Any]:
        r = self.r
        blocks = [b for b in r.blocks if b.exercises]
        if not blocks:
            raise InputError("no exercise found in the text", file=self.source)
        out: dict[str, Any] = {}
        if r.title:
            out["title"] = r.title[0][:200]
            self.lines["title"] = r.title[1]
        else:
            title = _capital(re.sub(r"[-_]+", " ", self.stem).strip()) or "Imported workout"
            out["title"] = self.guess("title", title, 1, "the text gives no title")
        if r.description:
            out["description"] = r.description
        defaults: dict[str, Any] = {}
        out["defaults"] = defaults
        only = blocks[0]
        single = len(blocks) == 1 and only.implicit and not only.found.template
        single = single and _count(only.found.rounds) == 1 and not only.found.scheme
        docs = [
            self.block(b, "" if single else f"blocks[{i}]", i == len(blocks) - 1)
            for i, b in enumerate(blocks)
        ]
        if single:
            out["exercises"] = docs[0]["exercises"]
        else:
            out["blocks"] = docs
        g = r.general
        for scope in ("sets", "exercises", "rounds"):
            key = f"rest_between_{scope}"
            if scope in g.rests:
                defaults[key] = self.value(f"defaults.{key}", g.rests[scope], r.general_line, _dur)
            elif key in self.uses:
                ms = getattr(self.d, key + "_ms")
                why = f"the text gives no rest between {scope}"
                defaults[key] = self.guess(f"defaults.{key}", _dur(ms), self.uses[key], why)
        for key, value in g.settings.items():
            defaults[key] = value if key == "countdown" else _dur(value)
        if "lead_in" not in defaults:
            self.lead_in(out, docs[0], defaults)
        if not defaults:
            del out["defaults"]
        return out

    def lead_in(self, out: dict[str, Any], block: dict[str, Any], defaults: dict[str, Any]) -> None:
        """A lead-in long enough for the welcome, the first exercise and its cue to be said
        before it starts (else the build would drop the cue to make room)."""
        kinds = ("tabata", "emom", "amrap", "for_time", "ladder")
        template = next((block[k] for k in kinds if k in block), block)
        first = template["exercise"] if "exercise" in template else template["exercises"][0]
        said = f"Welcome to {out['title']}. {_LEAD_IN_TALK}"
        if template.get("together"):
            # One piece: the coach reads the whole round, and the moves' cues after it.
            moves = [m if isinstance(m, dict) else {"name": m} for m in template["exercises"]]
            round_ = ", ".join(f"{m.get('reps', '')} {m['name']}" for m in moves)
            cues = " ".join(m.get("cue", "") for m in moves)
            said += f" {block['name']}. {_ROUND_TALK} {round_}. {cues}"
        elif isinstance(first, dict) and first.get("cue"):
            said += f" {first['name']}. {first['cue']}"
        else:
            return
        ms = len(said) * 1000 // SPOKEN_CHARS_PER_S + COUNTDOWN_MS
        if ms > self.d.lead_in_ms:
            lead_in = _dur(math.ceil(ms / 5_000) * 5_000)
            why = "time to say the welcome and the first exercise with its cue before it starts"
            defaults["lead_in"] = self.guess("defaults.lead_in", lead_in, 1, why)

    def name(self, e: _Ex, path: str) -> str:
        self.lines[path.rsplit(".", 1)[0]] = e.line
        if e.named:
            return e.name[:200]
        move = _move_described(e.described)
        if move:
            why = f"the text gives this exercise no name; its description is of a {move.lower()}"
            return self.guess(path, move, e.line, why)
        return self.guess(path, e.name, e.line, _NO_NAME)

    def line_of(self, path: str | None) -> int:
        """The line of the text that a field of the document came from (0: none)."""
        # The path's own prefixes, longest first ("blocks[0].exercises[1].reps", ...,
        # "blocks"): a finite list, so the lookup ends whatever the path is.
        ends = [m.end() for m in re.finditer(r"[^.\[]+|\[\d+\]", path or "")]
        for end in reversed(ends):
            at = (path or "")[:end].rstrip(".")
            if at in self.lines:
                return self.lines[at]
        return 0

    def block(self, b: _Block, path: str, last: bool) -> dict[str, Any]:
        self.lines[path] = b.line or b.exercises[0].line
        out: dict[str, Any] = {"name": b.name[:200]}
        f = b.found
        if (b.together or f.together) and f.template == "emom" and f.minutes:
            # "EMOM 10: 5 pull-ups + 10 push-ups": both moves in every minute, the rest of
            # the minute to recover
            window = f.window or 60_000  # ("Every 90s for 3 min, all moves each interval")
            rounds = num(f.minutes * 60_000 // window) if f.minutes * 60_000 % window == 0 else None
            f = replace(f, template="every", window=window, rounds=rounds, minutes=None)
        kind = f.template
        between = b.rest_line or f.rests.get("rounds") or f.rests.get("")
        if between is None and _count(f.rounds) > 1 and b.exercises:
            # "Rest 1 minute. Repeat 3 times." after the list: the rest between the rounds
            between = b.exercises[-1].found.rests.get("line")
        if kind in ("tabata", "intervals") and not (
            kind == "intervals" and between is not None and between.value != f.off
        ):
            out["tabata"] = self.intervals(b, f"{path}.tabata")
            return out
        # "Every 3 minutes x 4:" over moves: each of them in every interval. Moves that take
        # turns are said so ("EMOM", "minute 1:", "odd minutes").
        # ("Every 1 min for 3 min, all moves each interval:" holds its moves, however many)
        one = len(b.exercises) == 1 and not f.together
        rotating = kind == "every" and one and _emom_every(f, len(b.exercises))
        if kind == "emom" or rotating:
            out["emom"] = self.emom(b, f"{path}.emom")
            return out
        if kind == "every" and _holds_every_move(f, b.exercises):
            out["emom"] = self.emom(b, f"{path}.emom", together=True)
            return out
        if kind == "amrap":
            out["amrap"] = self.amrap(b, f"{path}.amrap", last)
            return out
        # Rounds for time with a rest between them are timed round by round: plain rounds.
        if f.for_time and not (f.rounds and (b.rest_line or "rounds" in f.rests)):
            out["for_time"] = self.for_time(b, f"{path}.for_time", last)
            return out
        if len(b.exercises) == 1 and (rungs := f.ladder or b.exercises[0].found.ladder):
            out["ladder"] = self.ladder(b, f"{path}.ladder", rungs)
            return out
        rounds = f.rounds
        exercises = b.exercises
        if f.each_round:  # "3 sets of each exercise": each one's sets, not rounds of all
            exercises = [
                e if e.found.sets else replace(e, found=replace(e.found, sets=rounds))
                for e in exercises
            ]
            rounds = None
        if kind == "superset" and rounds is None:
            counts = {_count(e.found.sets) for e in exercises}
            if len(counts) == 1 and counts.pop() > 1:
                # A superset's sets are rounds: one set of each move, in turn.
                rounds = exercises[0].found.sets
                exercises = [replace(e, found=replace(e.found, sets=None)) for e in exercises]
        # 21-15-9: every exercise at 21 reps, then at 15, then at 9 (not "90-60-30" over moves
        # that have their own numbers: "90 seconds of rowing, 60 seconds of wall balls")
        if f.scheme and not any(e.found.work or e.found.reps for e in exercises):
            exercises = [
                replace(e, found=replace(e.found, reps=num(reps)))
                for reps in f.scheme
                for e in exercises
            ]
        if kind == "intervals":  # "40 on, 20 off" with a rest of its own between rounds
            exercises = [
                replace(
                    e,
                    found=replace(
                        e.found, work=num(f.on or 20_000), rests={"after": num(f.off or 10_000)}
                    ),
                )
                for e in exercises
            ]
        if rounds is not None and rounds.value > 1:
            out["rounds"] = self.value(f"{path}.rounds", rounds, b.line, _at_most(100))
        prefix = f"{path}.exercises" if path else "exercises"
        items = [
            self.exercise(e, f"{prefix}[{i}]", b, i == len(exercises) - 1, last)
            for i, e in enumerate(exercises)
        ]
        if f.window:  # every N minutes: what the window leaves after the work is rest
            gap = _dur(max(0, f.window - sum(self.busy(x) for x in items)))
            for i, x in enumerate(items[:-1]):
                why = "the moves of a window follow each other"
                x["rest_after"] = self.guess(f"{prefix}[{i}].rest_after", "0s", b.line, why)
            timed = (f"{prefix}[{i}].{k}" for i in range(len(items)) for k in _BUSY)
            if any(at in self.comments for at in timed):  # the rest comes of guessed times
                why = f"what the {_spoken(f.window)} window leaves after the moves' guessed times"
                gap = self.guess(f"{prefix}[{len(items) - 1}].rest_after", gap, b.line, why)
                if "rounds" in out:
                    self.guess(f"{path}.rest_between_rounds", gap, b.line, why)
            items[-1]["rest_after"] = gap
            if "rounds" in out:
                out["rest_between_rounds"] = gap
        elif "rounds" in out and between is not None:
            out["rest_between_rounds"] = self.value(
                f"{path}.rest_between_rounds", between, b.line, _dur
            )
        elif "rounds" in out and "rounds" not in self.r.general.rests:
            self.uses.setdefault("rest_between_rounds", b.line or exercises[0].line)
        out["exercises"] = items
        return out

    def busy(self, x: dict[str, Any]) -> int:
        if "work" in x:
            one = parse_duration(x["work"])
        elif "tempo" in x:
            one = parse_duration(x["tempo"]) * x["reps"]
        else:
            one = parse_duration(x["set_time"])
        return one * x.get("sets", 1)

    def exercise(
        self, e: _Ex, path: str, b: _Block, last_in_block: bool, last: bool
    ) -> dict[str, Any]:
        f = e.found
        out: dict[str, Any] = {"name": self.name(e, f"{path}.name")}
        if f.sets and f.sets.value > 1:
            out["sets"] = self.value(f"{path}.sets", f.sets, e.line, _at_most(100))
        hold = f.hold
        if hold and not f.reps and not f.work and hold.each != "set":
            # The exercise is the hold: "Plank: hold 45 seconds".
            out["work"] = self.value(f"{path}.work", hold.time, e.line, _dur)
            hold = None
        elif f.reps and not f.max_reps:
            out["reps"] = min(self.value(f"{path}.reps", f.reps, e.line), 500)
            self.rep_time(out, e, hold, path, e.line)
        elif f.work:
            out["work"] = self.value(f"{path}.work", f.work, e.line, _dur)
        elif f.breaths:
            why = f"the text counts {f.breaths} breaths; {BREATH_MS // 1000} s a breath"
            out["work"] = self.guess(f"{path}.work", _dur(f.breaths * BREATH_MS), e.line, why)
        elif f.distance:  # its time is its own, not a time said for each exercise
            # (the move's name, else what the block and the workout are called: "Swim
            # workout" over "Main set: 8 x 50 free")
            ms, pace = _distance_ms(e.name, f.distance, f"{b.name} {self.r._title()}")
            why = f"the text gives no time for {f.distance}; {pace}"
            out["work"] = self.guess(f"{path}.work", _dur(ms), e.line, why)
        elif each := b.found.each_work or self.r.general.each_work:
            out["work"] = _dur(each.value)
        elif b.shared:
            n = len(b.exercises)
            total = _dur(b.shared.value)
            why = f"the text gives {total} for the {n} moves of {b.name}; shared evenly"
            ms = max(b.shared.value // n // 1000, 1) * 1000
            out["work"] = self.guess(f"{path}.work", _dur(ms), e.line, why)
        else:
            why = (
                "as many reps as possible, timed"
                if f.max_reps
                else "the text gives no reps or time"
            )
            out["work"] = self.guess(f"{path}.work", _dur(self.d.work_ms), e.line, why)
        if f.sides:
            out["sides"] = True
        if f.recovery and "work" in out:
            out["recovery"] = True
        if hold:
            per = "rep" if hold.each == "rep" and "tempo" in out else "set"
            time = self.value(f"{path}.hold.for", hold.time, e.line, _dur)
            out["hold"] = {"what": hold.what[:100], "for": time, "each": per}
        if f.calls and f.calls >= MIN_CALLS_MS and ("work" in out or "hold" in out):
            out["calls"] = _dur(f.calls)  # "time called every 1 min"
        self.rests(out, e, path, b, last_in_block, last)
        if f.distance and "work" in out:
            out["distance"] = f.distance
            bare = trim(out["name"].replace(f.distance_said, " ")) if f.distance_said else ""
            if has_words(bare):  # "400m run": the distance is said apart from the name
                out["name"] = _capital(bare)
        if len(f.set_reps) == out.get("sets"):
            out["reps"] = f.set_reps
        self.kit(out, e, path)
        if e.cue:
            out["cue"] = e.cue[:1000]
        return out

    def kit(self, out: dict[str, Any], e: _Ex, path: str) -> None:
        """The equipment the text names for the exercise, or its name needs (a guess). What
        the text names for the whole workout goes with its first exercise (the coach says
        it all before the workout) and leaves nothing to guess."""
        given = list(dict.fromkeys([*self.kit_left, *e.equipment]))
        self.kit_left = []
        if given:
            out["equipment"] = [x[:100] for x in given]
        elif self.r.kit is None and not e.no_kit and (kit := kit_named(f"{e.name} {e.described}")):
            why = f"the exercise's name or description needs {kit}"
            out["equipment"] = self.guess(f"{path}.equipment", kit, e.line, why)

    def rep_time(
        self, out: dict[str, Any], e: _Ex, hold: Hold | None, path: str, line: int
    ) -> None:
        """How long a set of reps lasts: the tempo or time the text gives, or a guess."""
        f = e.found
        pace, move = _pace(f"{e.name} {e.described}")
        if f.tempo:
            out["tempo"] = _dur(f.tempo)
        elif hold and hold.each == "rep":
            why = f"a hold on every rep needs a time per rep; {pace / 1000:g} s a rep{move}"
            out["tempo"] = self.guess(f"{path}.tempo", _dur(pace), line, why)
        elif f.set_time:
            out["set_time"] = _dur(f.set_time)
        else:
            why = (
                f"the text gives no time for a set of {out['reps']}; "
                f"{pace / 1000:g} s a rep{move}, at least 20 s"
            )
            ms = max(MIN_SET_MS, out["reps"] * pace)
            out["set_time"] = self.guess(f"{path}.set_time", _dur(ms), line, why)

    def rests(
        self, out: dict[str, Any], e: _Ex, path: str, b: _Block, last_in_block: bool, last: bool
    ) -> None:
        f, g = e.found, self.r.general
        sets = _count(f.sets)
        plain = f.rests.get("")
        if sets > 1:
            between = f.rests.get("sets") or plain or b.found.rests.get("sets")
            listed = f.set_rests or b.found.set_rests or g.set_rests
            if len(listed) == sets - 1:
                out["rest"] = [_dur(ms) for ms in listed]  # "rest 1 min/45s"
            elif between is not None:
                out["rest"] = self.value(f"{path}.rest", between, e.line, _dur)
            elif "sets" not in g.rests:
                self.uses.setdefault("rest_between_sets", e.line)
        # "3 x 10, rest 60s" rests after the last set too; a "Rest" line below says so outright.
        after = f.rests.get("line") or f.rests.get("after") or f.rests.get("exercises") or plain
        each_set = f.rests.get("sets") or b.found.rests.get("sets") or g.rests.get("sets")
        once = sets <= 1 and _count(b.found.rounds) <= 1 and not b.found.template
        once = once and "exercises" not in b.found.rests and "exercises" not in g.rests
        once = once and not (last_in_block and last)  # the outro follows the last
        # a rest after each set, of moves done once: after each one, or where the blocks
        # are the sets ("Set 2 - 30s jog, 15s squats"), after each block
        once = once and (last_in_block or not _SET_NAMED.fullmatch(b.name))
        if after is None and once and each_set is not None:
            after = each_set
        if after is not None:
            out["rest_after"] = self.value(f"{path}.rest_after", after, e.line, _dur)
        elif last_in_block and last:
            return  # the outro follows
        elif e.clocked:
            why = "the rows of a table of minutes follow each other"
            out["rest_after"] = self.guess(f"{path}.rest_after", "0s", e.line, why)
        elif "exercises" in b.found.rests and not (last_in_block and not last):
            out["rest_after"] = self.value(
                f"{path}.rest_after", b.found.rests["exercises"], e.line, _dur
            )
        elif b.found.template == "superset" and not last_in_block:
            why = "a superset goes straight on to its next exercise"
            out["rest_after"] = self.guess(
                f"{path}.rest_after", _dur(SUPERSET_SWITCH_MS), e.line, why
            )
        elif "exercises" not in g.rests and not (
            last_in_block and _count(b.found.rounds) > 1 and last
        ):
            self.uses.setdefault("rest_between_exercises", e.line)

    def moves(self, b: _Block, path: str, *, timed: bool) -> list[Any]:
        """The exercises of a template: names, with their reps where they count, and the
        equipment they need (a round's "Equipment:" line says it for all of them)."""
        out: list[Any] = []
        said = any(e.equipment or e.no_kit for e in b.exercises)
        for i, e in enumerate(b.exercises):
            f = e.found
            move: dict[str, Any] = {"name": self.name(e, f"{path}[{i}].name")}
            if not timed and f.reps:
                move["reps"] = self.value(f"{path}[{i}].reps", f.reps, e.line)
            elif not timed and f.work:
                move["name"] = f"{move['name']} {_spoken(f.work.value)}"
            elif (
                not timed
                and f.distance
                and f.distance.rstrip("kmiyd") not in move["name"]
                and not (f.distance_said and f.distance_said in move["name"])  # "Run 0.3 miles"
            ):
                move["name"] = f"{f.distance} {move['name']}"  # "400m Run": a round's move
            if e.equipment or not said:
                self.kit(move, e, f"{path}[{i}]")
            if e.cue:
                move["cue"] = e.cue[:1000]
            out.append(move)
        return out

    def intervals(self, b: _Block, path: str) -> dict[str, Any]:
        """Tabata, "40 seconds on, 20 off", 30/30: the tabata template."""
        f = b.found
        n = len(b.exercises)
        works = {e.found.work.value for e in b.exercises if e.found.work}
        work = f.on or (works.pop() if len(works) == 1 else 20_000)
        rest = f.off or (f.rests.get("rounds") or f.rests.get("") or num(10_000)).value
        # A Tabata counts its intervals; other intervals count rounds of all the exercises.
        tabata = f.template == "tabata"
        intervals = (f.rounds.value if f.rounds else 8) if tabata else _count(f.rounds) * n
        if f.each_round and f.rounds:  # "eight rounds of each exercise"
            intervals = f.rounds.value * n
        if f.minutes and not f.rounds:  # "30 on, 30 off for 24 minutes": as many as fit
            intervals = max(f.minutes * 60_000 // (work + rest), 1)
        out: dict[str, Any] = {"exercises": self.moves(b, f"{path}.exercises", timed=True)}
        if f.rounds and f.rounds.ranged:
            low = f.rounds.low if tabata else f.rounds.low * n
            why = f"the text gives {low} to {intervals} intervals; the upper end is used"
            out["intervals"] = self.guess(f"{path}.intervals", intervals, b.line, why)
        elif intervals % n:
            fixed = n * math.ceil(intervals / n)
            why = f"{intervals} intervals cannot be shared by {n} exercises; rounded up"
            out["intervals"] = self.guess(f"{path}.intervals", fixed, b.line, why)
        elif f.template == "intervals" and not (f.rounds or f.minutes):
            why = "the text gives no number of rounds; one round"
            out["intervals"] = self.guess(f"{path}.intervals", intervals, b.line, why)
        else:
            out["intervals"] = intervals
        out["work"] = _dur(work)
        out["rest"] = _dur(rest)
        after = b.rest_line or f.rests.get("after") or b.exercises[-1].found.rests.get("after")
        if after is not None:
            out["rest_after"] = self.value(f"{path}.rest_after", after, b.line, _dur)
        return out

    def emom(self, b: _Block, path: str, together: bool = False) -> dict[str, Any]:
        """Moves one an interval, in turn; or ``together``, all of them in every interval,
        the athlete's pace inside it (their times are not guessed: the interval is what the
        audio keeps)."""
        f = b.found
        n = 1 if together else len(b.exercises)
        out: dict[str, Any] = {}
        every = f.window or 60_000
        if every != 60_000:
            out["every"] = _dur(every)  # "E2MOM", "every 2 minutes", "EMOM 20 min, every 2 min"
        minutes = f.minutes
        if minutes is None and f.window and f.rounds:  # "every 2 minutes for 10 rounds"
            minutes = f.rounds.value * every // 60_000
        elif minutes is None and together:
            minutes = every // 60_000  # no count: one interval, as the text lists it once
        unit = _emom_unit(every, n)  # the minutes that hold whole turns of the moves
        if minutes is None:
            out["minutes"] = self.guess(
                f"{path}.minutes",
                unit * math.ceil((10 if n == 1 else n * 5) / unit),
                b.line,
                "the text gives no number of minutes",
            )
        elif minutes % unit:
            why = f"{minutes} minutes cannot be shared by {n} exercises; rounded up"
            out["minutes"] = self.guess(
                f"{path}.minutes", unit * math.ceil(minutes / unit), b.line, why
            )
        else:
            out["minutes"] = minutes
        if together:
            out["together"] = True
            if f.on and f.on < every:  # "Every 5 min for 20 min, 4 min on, 1 min off:"
                out["work"] = _dur(f.on)
            else:
                why = f"the text gives no time for the moves; the {_spoken(every)} interval less"
                why += " a fifth"
                out["work"] = self.guess(f"{path}.work", _dur(window_work(every)), b.line, why)
            out["exercises"] = self.moves(b, f"{path}.exercises", timed=False)
            self.rest_after(out, b, path)
            return out
        longest = every - 1000
        items: list[dict[str, Any]] = []
        for i, e in enumerate(b.exercises):
            if e.resting:
                items.append({"name": REST_INTERVAL.capitalize()})
                continue
            ef, at = e.found, f"{path}.exercises[{i}]"
            move: dict[str, Any] = {"name": self.name(e, f"{at}.name")}
            if ef.reps:
                move["reps"] = self.value(f"{at}.reps", ef.reps, e.line)
                if ef.tempo:
                    move["tempo"] = _dur(ef.tempo)
                elif ef.set_time:
                    move["set_time"] = _dur(min(ef.set_time, longest))
                else:
                    ms = min(_set_ms(move["reps"]), EMOM_MAX_MS)
                    why = f"the text gives no time for {move['reps']} reps; 3 s a rep, 20 to 50 s"
                    move["set_time"] = self.guess(f"{at}.set_time", _dur(ms), e.line, why)
            elif ef.work:
                move["work"] = _dur(min(ef.work.value, longest))
            else:
                move["work"] = self.guess(
                    f"{at}.work", "40s", e.line, "the text gives no reps or time"
                )
            self.kit(move, e, at)
            if e.cue:
                move["cue"] = e.cue[:1000]
            items.append(move)
        out["exercises"] = items
        self.rest_after(out, b, path)
        return out

    def rest_after(self, out: dict[str, Any], b: _Block, path: str) -> bool:
        """ "Rest 2 minutes." after a template's list, or ", rest 2 min after" in its
        heading: the rest once it has run out. Whether the text says one."""
        after = b.rest_line or b.found.rests.get("after")
        if after is not None:
            out["rest_after"] = self.value(f"{path}.rest_after", after, b.line, _dur)
        return after is not None

    def ladder(self, b: _Block, path: str, rungs: tuple[int, int, int, bool]) -> dict[str, Any]:
        """ "Push-up ladder 1-10", "pyramid 1-6-1": one exercise, its reps rung by rung,
        counted at a pace (a rung's time grows with its reps)."""
        (e,) = b.exercises
        f, low, high, step, down = e.found, *rungs
        move: dict[str, Any] = {"name": self.name(e, f"{path}.exercise.name")}
        if f.tempo:
            move["tempo"] = _dur(f.tempo)
        else:
            pace, what = _pace(f"{e.name} {e.described}")
            why = f"the text gives no time per rep; {pace / 1000:g} s a rep{what}"
            move["tempo"] = self.guess(f"{path}.exercise.tempo", _dur(pace), e.line, why)
        self.kit(move, e, f"{path}.exercise")
        if e.cue:
            move["cue"] = e.cue[:1000]
        out: dict[str, Any] = {"exercise": move, "from": low, "to": high}
        if step != 1:
            out["step"] = step
        if down:
            out["down"] = True
        rest = f.rests.get("sets") or f.rests.get("") or b.found.rests.get("sets")
        if rest is not None:
            out["rest"] = self.value(f"{path}.rest", rest, e.line, _dur)
        elif "sets" not in self.r.general.rests:
            self.uses.setdefault("rest_between_sets", e.line)
        return out

    def for_time(self, b: _Block, path: str, last: bool) -> dict[str, Any]:
        """Rounds (or a rep scheme, 21-15-9) for time: one piece as long as the cap."""
        f = b.found
        out = self.amrap(b, path, last)
        if f.scheme:
            out["reps_per_round"] = f.scheme[:50]
            for move in out["exercises"]:
                if isinstance(move, dict):
                    move.pop("reps", None)  # the scheme gives them
        elif f.rounds is not None and f.rounds.value > 1:
            out["rounds"] = self.value(f"{path}.rounds", f.rounds, b.line, _at_most(100))
        return out

    def amrap(self, b: _Block, path: str, last: bool) -> dict[str, Any]:
        f = b.found
        out: dict[str, Any] = {}
        if f.cap:
            out["cap"] = _dur(f.cap)
        else:
            out["cap"] = self.guess(f"{path}.cap", "10m", b.line, "the text gives no time cap")
        out["exercises"] = self.moves(b, f"{path}.exercises", timed=False)
        if f.calls:
            out["calls"] = _dur(f.calls)
        said = self.rest_after(out, b, path)
        if not (said or last or "exercises" in self.r.general.rests):
            self.uses.setdefault("rest_between_exercises", b.line)
        return out


def _spoken(ms: int) -> str:
    return f"{ms // 60_000} min" if ms % 60_000 == 0 else f"{ms // 1000} s"


# --- YAML with comments ------------------------------------------------------------------


# What YAML takes raw inside a scalar (its printable characters, less the line breaks).
_RAW = r"\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff"
_PLAIN = re.compile(rf"[A-Za-z0-9][{_RAW}]*")
_NUMBER_LIKE = re.compile(r"[\d.eE+_-]+|0[xo][\da-fA-F]+|\d{4}-\d\d-\d\d.*")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def _yaml_value(value: Any) -> str:
    """A scalar as YAML: plain where that reads back as the same text, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain = _PLAIN.fullmatch(text) and not _NUMBER_LIKE.fullmatch(text)
    plain = plain and not re.search(r"[\"#:]", text)
    plain = plain and text.lower() not in _YAML_WORDS and not text.endswith(" ")
    if plain:
        return text
    # JSON's quoting is YAML's, except for characters YAML will not take raw (it joins no
    # surrogate pairs, so characters beyond the BMP stay raw).
    return re.sub(
        rf"[^{_RAW}]",
        lambda m: f"\\u{ord(m[0]):04x}",
        json.dumps(text, ensure_ascii=False),
    )


def to_yaml(doc: dict[str, Any], comments: dict[str, str], header: str = "") -> str:
    """The document as YAML, with ``comments`` (by field path) at the end of their lines."""
    out = [f"# {line}" for line in header.splitlines()]

    def emit(text: str, path: str) -> None:
        comment = comments.get(path)
        out.append(text + (f"  # {comment}" if comment else ""))

    def mapping(m: dict[str, Any], indent: int, path: str, lead: str = "") -> None:
        for i, (key, value) in enumerate(m.items()):
            at = f"{path}.{key}" if path else key
            start = (lead if i == 0 and lead else " " * indent) + f"{key}:"
            if isinstance(value, dict):
                emit(start, at)
                mapping(value, indent + 2, at)
            elif isinstance(value, list):
                emit(start, at)
                for j, item in enumerate(value):
                    if isinstance(item, dict):
                        mapping(item, indent + 4, f"{at}[{j}]", " " * (indent + 2) + "- ")
                    else:
                        emit(" " * (indent + 2) + f"- {_yaml_value(item)}", f"{at}[{j}]")
            else:
                emit(f"{start} {_yaml_value(value)}", at)

    mapping(doc, 0, "")
    return "\n".join(out) + "\n"


# --- the whole import --------------------------------------------------------------------


_LONG_NUMBER = re.compile(r"\d{101,}")


def read_rules(text: str) -> _Reader:
    """The text as the rules read it, before the line model has its say."""
    reader = _Reader(text)
    reader.read()
    if not any(b.exercises for b in reader.blocks):
        # A log of results only ("124m 2:49/500m pace"), a workout told in prose: rather
        # its lines than nothing.
        reader = _Reader(text, lenient=True)
        reader.read()
    return reader


def _sift(reader: _Reader) -> None:
    """Leave out the exercises on lines the line model reads as none of the workout (the
    instructions under a stretch, a muscle group, an explainer's example): on texts the
    rules were not fitted to, most of what they wrongly take comes from such lines."""
    taken = {e.line for b in reader.blocks for e in b.exercises}
    likely = roles.scores(reader.units, taken)
    items = {u.line for u in reader.units if u.kind == "item"}

    def kept(e: _Ex, b: _Block) -> bool:
        return (
            likely.get(e.line, 1.0) >= roles.DROP
            or names.score(e.name) >= roles.NAMED
            # what the rules keep however it reads: a short name with its numbers in a list
            # (as exports write them), sets of reps or of a time ("haz tres series de quince
            # repeticiones"), a name drawn from a move's description, a name in
            # words the model never saw; and in a log of results, a line named by numbers
            # (":40  150m  2:13/500m pace": the numbers are the point)
            or e.listed
            or (bool(b.found.template) and e.line in items)  # "- Burpees" under "AMRAP 12 min"
            or (e.found.sets is not None and (e.found.reps is not None or e.found.work is not None))
            or not e.named
            or names.unknown(e.name)
            or (reader.lenient and any(c.isdigit() for c in e.name))
            # "Cool down: one minute of walking, then stretch.": the label makes it a part
            # of the workout, however the rest of the line reads.
            or (e.line == b.line and bool(_BLOCK_WORDS.search(b.name)))
        )

    sifted = [[e for e in b.exercises if kept(e, b)] for b in reader.blocks]
    # Every line read as none: the rules' reading stands (a refusal would lose a workout the
    # model does not know the shape of).
    if any(sifted):
        for b, exercises in zip(reader.blocks, sifted, strict=True):
            b.exercises = exercises


def import_text(text: str, source: str = "<notes>", stem: str = "") -> Imported:
    """Read workout notes into a routine, the YAML for it, and every guess made. ``stem``
    (the file's name without extension) titles a text that has no title."""
    if long := _LONG_NUMBER.search(text):
        # Python converts at most 4300 digits, and no count or time needs a hundred.
        line = text.count("\n", 0, long.start()) + 1
        raise InputError(f"a number of {len(long.group())} digits", file=f"{source}:{line}")
    reader = read_rules(text)
    _sift(reader)
    left_out: list[Guess] = []
    while True:  # ends: each turn leaves out an exercise, or returns, or raises
        writer = _Writer(reader, source, stem)
        doc = writer.document()
        try:
            # The document itself, not its YAML read back: reading YAML is most of the time
            # a long text takes (the tests show the YAML reads back as the same routine).
            routine = parse_routine(doc, source)
            make_plan(routine)  # the checks a build makes too (a workout over 24 hours, say)
            break
        except TooLong as exc:
            # "24 minutes of high intensity work ... repeat 8 rounds": no text means a day
            # of training; the exercise that takes longest is the misread one.
            # A few misread numbers at most: a text whose many moves add up to more than a
            # day is too long as it is (and each turn reads the whole routine again).
            gone = (
                None
                if len(left_out) >= MAX_LEFT_OUT
                else reader.leave_out(longest_exercise(routine), exc.reason)
            )
            if gone is None:
                raise InputError(exc.reason, file=source) from exc
            left_out.append(gone)
        except InputError as exc:
            # A value the text gives that no routine can have ("plank 0s"): name its line.
            line = writer.line_of(exc.field)
            raise InputError(
                exc.reason, file=f"{source}:{line}" if line else source, field=exc.field
            ) from exc
    origin = "standard input" if source == "<stdin>" else Path(source).name
    header = f"Imported from {origin} by repcast import."
    if writer.guesses or left_out:
        header += '\nLines marked "guessed" were not in the text: check them.'
    written = to_yaml(doc, writer.comments, header)
    guesses = sorted([*writer.guesses, *left_out], key=lambda g: g.line)
    return Imported(routine, tuple(guesses), written)
