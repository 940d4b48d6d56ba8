"""Workout notations as people write them: sets and reps, times, holds, rests, rounds,
interval formats, loads. ``scan`` takes every notation out of a piece of text and says
what it found; what is left is a name."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Literal

from ..coach.words import words_for
from ..routine.schema import MAX_PER_SET
from ..timing import MAX_MS, parse_duration

_EN = words_for("en")
_NUMBER_WORDS = {_EN.number(n): n for n in range(1, 201)}
_NUMBER_WORDS.update({k.replace("-", " "): v for k, v in list(_NUMBER_WORDS.items())})
_NUMBER_WORDS.update({"a hundred": 100, "a dozen": 12, "a couple of": 2})
_IT_ONES = (
    "zero uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici "
    "quattordici quindici sedici diciassette diciotto diciannove"
).split()
_IT_TENS = "_ _ venti trenta quaranta cinquanta sessanta".split()
_FR_ONES = (
    "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize"
).split()
_FR_TENS = "_ _ vingt trente quarante cinquante soixante".split()


def _italian(n: int) -> list[str]:
    """Italian 2 ≤ n < 70 as written, with the forms before a noun ("ventun secondi") and
    the grave accent many type for the acute ("ventitrè")."""
    if n < 20:
        return [_IT_ONES[n]]
    tens, ones = divmod(n, 10)
    # The tens lose their last vowel before uno and otto: "ventuno", "trentotto".
    word = _IT_TENS[tens][:-1] if ones in (1, 8) else _IT_TENS[tens]
    if ones == 1:
        return [word + "uno", word + "un"]
    if ones == 3:
        return [word + "tré", word + "trè"]
    return [word + (_IT_ONES[ones] if ones else "")]


def _french(n: int) -> list[str]:
    """French 2 ≤ n < 70 as written, with the feminine one ("vingt et une secondes")."""
    if n < 17:
        return [_FR_ONES[n]]
    if n < 20:
        return [f"dix-{_FR_ONES[n - 10]}"]
    tens, ones = divmod(n, 10)
    if ones == 1:
        return [f"{_FR_TENS[tens]} et un", f"{_FR_TENS[tens]} et une"]
    return [f"{_FR_TENS[tens]}-{_FR_ONES[ones]}" if ones else _FR_TENS[tens]]


def _spellings(word: str) -> set[str]:
    """A number word as people type it: with its accents or without ("ventitre",
    "dieciseis"), its hyphens as spaces and its spaces as hyphens ("vingt-et-un")."""
    bare = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return {v for w in (word, bare) for v in (w, w.replace("-", " "), w.replace(" ", "-"))}


# Spanish, German, Italian and French counts too ("tres series de quince repeticiones",
# "tre serie da dieci", "trois séries de douze"); from two, since their one is also their
# article ("una plancha", "ein Satz", "un giro", "une série").
for _n in range(2, 61):
    for _word in (
        words_for("es").number(_n),
        words_for("de").number(_n),
        *_italian(_n),
        *_french(_n),
    ):
        _NUMBER_WORDS.update(dict.fromkeys(_spellings(_word), _n))
_NUMBER_RE = re.compile(
    # The look-ahead for a first letter spares trying every word where none can start.
    r"\b(?=["
    + "".join(sorted({w[0] for w in _NUMBER_WORDS}))
    + "])("
    + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
# A number word becomes digits only where it counts something: before a unit, or after
# "of", "for", "x", "to" ("three sets of ten", "for five seconds"); "one-arm rows" stays.
_UNIT_WORDS = (
    r"(?:sets?|reps?|repetitions?|times|rounds?|seconds?|secs?|minutes?|mins?|hours?|each|per"
    r"|on\b|off\b|more|x\b|intervals?|circuits?|total|moves?|exercises?|laps?)"
)
# Number words that are other words too: "sei" (you are), "due", "seize", "once" and "elf"
# (English), "neuf" (new: "quoi de neuf"), "sept" (September), "otto" and "venti" (a name, a
# cup). They count only before a unit proper ("sei serie", "sei per lato"; not "sei per la
# prima volta", "due each month", "elf on the shelf", "once more") or after their own
# language's "of" ("tre serie da sei", "tres series de once"), never after an English word
# ("rest due to", "thanks to Otto").
_AMBIGUOUS = {
    **dict.fromkeys(("sei", "due", "otto", "venti"), "da"),
    **dict.fromkeys(("sept", "seize", "once"), "de"),
    **dict.fromkeys(("neuf", "elf"), ""),
}
_COUNTED = re.compile(
    r"(?:sets?|reps?|repetitions?|times|rounds?|seconds?|secs?|minutes?|mins?|hours?|x"
    r"|intervals?|circuits?|laps?|(?:each|per) (?:side|leg|arm))\b"
)
# Every number starts where its run of digits starts ("(?<![\d.])"), so a pattern tried
# at each place of a long run of digits fails there at once: the search stays linear.
_D = r"(?<![\d.])"
_NUM = rf"{_D}\d+(?:\.\d+)?"
_SEC = r"(?:seconds?|secs?|s)"
_MIN = r"(?:minutes?|mins?)"
_UNIT = rf"(?:{_SEC}|{_MIN}|hours?|hrs?|h)"
_ONE_TIME = (
    rf"(?:{_D}\d{{1,2}}:[0-5]\d|{_D}:[0-5]\d|{_NUM}\s*{_UNIT}(?![a-z])"
    rf"(?:\s*\d+\s*{_SEC}(?![a-z]))?|{_D}\d+m\d+s(?![a-z]))"
)
_RANGE_TIME = rf"(?:{_NUM}\s*(?:-|to)\s*{_ONE_TIME}|{_ONE_TIME}\s*(?:-|to)\s*{_ONE_TIME})"
TIME = rf"(?:{_RANGE_TIME}|{_ONE_TIME})"
_REPS = rf"{_D}(?:\d+\s*(?:-|to)\s*\d+|\d+)"
_TIME_OR = rf"({TIME})"
_SIDE = r"(?:side|leg|arm|hand|way|direction)"
_SIDES = (
    rf"(?:\b(?:each|per|a)\s+{_SIDE}\b|/\s*{_SIDE}\b|\be/s\b|\bES\b|\(\s*each\s*\)"
    r"|\bon both (?:sides|legs)\b)"
)
_SCOPE = (
    r"(?:sets?|exercises?|moves?|movements?|stations?|rounds?|circuits?|supersets?|blocks?"
    r"|pairs?|giant sets?)"
)
_LOAD = re.compile(
    r"\(\s*\d+(?:\.\d+)?\s*/\s*\d+(?:\.\d+)?\s*(?:kg|lbs?|#)?\s*\)"  # (24/16)
    # @ 70%, @ 16kg, @RPE 8, @ 1/2 BW; not "4@6-10", a count of sets the text may define
    # (not "@ 2:00", a swim's send-off: a time)
    r"|@\s*(?:rpe\s*)?\d+(?:\.\d+)?(?:\s*/\s*\d+)?(?![\d.:])(?!\s*-\s*\d)"
    r"\s*(?:%|kgs?\b|lbs?\b|#|kilos?\b|pounds?\b)?"
    r"|\brpe\s*\d+(?:\.\d+)?"
    r"|(?<![\d.])\d+(?:\.\d+)?\s*(?:-\s*\d+(?:\.\d+)?\s*)?(?:#|lbs?\b|kgs?\b|kilos?\b|pounds?\b|%)"
    r"|(?<![\d.])\d+(?:\.\d+)?\s*(?:-\s*\d+\s*)?(?:km|mi|miles?|yards?|yds?|ft|feet|meters?|metres?"
    r"|cals?"
    r"|calories|steps)\b"
    r"|\b(?:body ?weight|bw)\b",
    re.IGNORECASE,
)
_LEAST_LOAD = 40  # "40x5" is a load and its reps; no text asks for 40 sets
# "6 x 800m @ 5k pace", "at threshold effort": how fast, for the cue (not a load, no distance)
_PACE = re.compile(
    r"(?:@|\bat)\s*(\d{1,2}\s*km?|\d{1,2}\s*miles?|mile|marathon|half[- ]marathon|threshold|tempo"
    r"|race|goal|steady|interval)\s+(pace|effort|speed)\b",
    re.IGNORECASE,
)
_METERS = re.compile(r"(?<![\d:])(\d+)\s*m\b(?!\s*\d)", re.IGNORECASE)
# "400 run", "500 row": a hundred or more before a run or a row counts metres, not reps
_BARE_METRES = re.compile(r"(?<![\d.:/])(\d{3,5})(?=\s+(?:run|row|jog|sprint|swim)\b)", re.I)
# A swim's distance before its stroke, in lengths of a pool: "8 x 50 kick", "200 pull",
# "4 x 100 (:20 swim" (the unit is the pool's, read as metres)
_SWIM_METRES = re.compile(
    r"(?<![\d.:/])(\d{2,4})(?=\s+(?:rest\s+:\d{2}\s+)?(?:swim|kick|pull|drill|free(?:style)?"
    r"|back(?:stroke)?|breast(?:stroke)?|fly|im|choice|scull)(?![-\w]))",
    re.IGNORECASE,
)
_TIME_WORDS = re.compile(r"(?:rest|for|every|hold|cap|amrap|emom|in|recover)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Num:
    """A count or length as the text gives it: one value, or a range and the value used."""

    value: int
    low: int
    high: int

    @property
    def ranged(self) -> bool:
        return self.low != self.high


def num(low: int, high: int | None = None) -> Num:
    # The rule for ranges: the upper end, so the time allowed covers the whole range.
    high = low if high is None else high
    low, high = min(low, high), max(low, high)
    return Num(high, low, high)


def to_ms(text: str) -> int:
    """Milliseconds of one time notation as people write it ("45 seconds", "1 min 30 sec",
    ":30"), read by the routine format's own duration parser."""
    t = re.sub(r"hours?|hrs?", "h", text.strip().lower())
    t = re.sub(rf"{_MIN}(?![a-z])", "m", t)
    t = re.sub(rf"{_SEC}(?![a-z])", "s", t)
    try:
        return parse_duration(("0" if t.startswith(":") else "") + t.replace(" ", ""))
    except ValueError:
        return MAX_MS + 1  # longer than a routine may be: the routine's check says so


def span(text: str) -> Num:
    """A time or a range of times: ``30-45 seconds``, ``1-2 min``, ``30s``."""
    t = text.strip()
    m = re.fullmatch(rf"({_NUM})\s*(?:-|to)\s*({_ONE_TIME})", t, re.IGNORECASE)
    if m:
        high = to_ms(m[2])
        unit = re.sub(rf"^{_NUM}\s*", "", m[2])
        return num(to_ms(m[1] + unit), high)
    m = re.fullmatch(rf"({_ONE_TIME})\s*(?:-|to)\s*({_ONE_TIME})", t, re.IGNORECASE)
    if m:
        return num(to_ms(m[1]), to_ms(m[2]))
    return num(to_ms(t))


def _reps(text: str) -> Num:
    parts = re.split(r"\s*(?:-|to)\s*", text.strip())
    return num(int(parts[0]), int(parts[-1]))


_COUNT_FIRST = re.compile(
    r"(\d{1,3})x\s+(?=[^\W\d_])(?!(?:a|per|pro|each|every|rounds?|sets?|times?|weekly|daily"
    r"|week|day|month|the|this|these|it|through|circuit|more)\b)",
    re.IGNORECASE,
)
# "20 bridges": a count before the name (not a number of the name: "45 degree lunges")
_COUNT_BEFORE = re.compile(
    r"(\d{1,3})\s+(?=[^\W\d_])(?!(?:arms?|legs?|hands?|degrees?|points?|inch(?:es)?|feet"
    r"|foot|way|count|second|minute)\b)",
    re.IGNORECASE,
)


def normalize(text: str) -> str:
    """The text with the spellings unified that the notations below match: dashes,
    quotes, multiplication signs, number words that count something, "a minute", digits
    of any script as ASCII digits."""
    t = text if text.isascii() else _ascii_digits(text)
    t = t.replace("\u00d7", "x").replace("\u2013", "-").replace("\u2014", " - ")
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    # Primes: "10\u2032 easy" is ten minutes ("31 x 10\u2032 toss", a count of a length, is not)
    t = re.sub(r"(?<![x\d]\s)(?<![x\d])\b(\d{1,3})\u2032(?!\u2032)", r"\1'", t).replace(
        "\u2033", "''"
    )
    t = t.replace("\u201d", '"').replace("\u00a0", " ").replace("\u2044", "/")
    t = re.sub(r"[ \t]{2,}", " ", t)  # (one space, so a list's look-behinds see its commas)
    t = re.sub(r"\b(?:a|one) minute and a half\b", "90 seconds", t, flags=re.IGNORECASE)
    t = re.sub(r"\bone and a half minutes\b", "90 seconds", t, flags=re.IGNORECASE)
    t = re.sub(r"\bhalf(?: a|-a)? minute\b", "30 seconds", t, flags=re.IGNORECASE)
    t = re.sub(r"\b(?:a|an)(?: full)? (minute|hour|second)\b", r"1 \1", t, flags=re.IGNORECASE)
    t = re.sub(r"\btwice\b", "2 times", t, flags=re.IGNORECASE)
    # "run through it up to 4 times": as often as you like, at most 4 (a range, so a guess)
    t = re.sub(r"\bup to (\d{1,2}) times\b", r"1-\1 times", t, flags=re.IGNORECASE)
    # "un minuto", "une minute": a one that counts, unlike the one that is an article
    t = re.sub(
        r"\b(?:un|une) minut[oe]( (?:e mezzo|et demie|y medio))?\b",
        lambda m: "90 seconds" if m[1] else "1 minute",
        t,
        flags=re.IGNORECASE,
    )
    # "20 mal", "15mal", "55 Stück": a count of reps (not "zwei mal pro Woche": how often)
    t = re.sub(
        r"(?<![\d.])(\d{1,3})\s?(?:mal|st(?:ü|ue)ck|stk\.?)(?![\w])"
        r"(?!\s+(?:pro|die|in der|am|im)\s+(?:woche|tag|monat))",
        r"\1 reps",
        t,
        flags=re.IGNORECASE,
    )
    # "4-minutersintervaller", "30-sekundersintervall": a time joined to what it times
    t = re.sub(
        r"\b(\d+)-(minut|sekund)ers(?=[a-z\u00e4\u00f6\u00e5])",
        lambda m: f"{m[1]} {'minutes' if m[2].lower() == 'minut' else 'seconds'} ",
        t,
        flags=re.I,
    )
    t = _FOREIGN_RE.sub(lambda m: _FOREIGN[m[0].lower()], t)
    # "3 sets / exercise", "6-15 reps / set": a count of each, as "per" says
    t = re.sub(
        r"(?<=\d)(\s*)(?:(reps?)\s*/\s*sets?|(sets|reps)\s*/\s*(?:exercises?|[üu]bung(?:en)?))\b",
        lambda m: f"{m[1]}{m[2]} per set" if m[2] else f"{m[1]}{m[3]} per exercise",
        t,
        flags=re.IGNORECASE,
    )
    t = re.sub(r"\b(seconds|minutes)\s+(?:de|di|d')\s*(?=[a-z])", r"\1 of ", t)  # "30 secondes de"
    # Minutes and seconds written with primes: 1'30'' (or 1'30"), 45'', 2'
    t = re.sub(r"\b(\d{1,2})'\s?(\d{2})(?:''|\")", r"\1:\2", t)
    t = re.sub(r"\b(\d{1,3})''", r"\1 seconds", t)  # (not 24": a box's height in inches)
    t = re.sub(r"\b(\d{1,3})'(?![\w'])", r"\1 minutes", t)
    t = re.sub(r"\b(rest\s*:?\s*)(\d{1,3})\"", r"\1\2 seconds", t, flags=re.I)  # rest 90"
    t = re.sub(r"\(\s*(:[0-5]\d)(?=\s)", r"rest \1", t)  # a swim's "4 x 100 (:20 ..." rest
    t = re.sub(r"\b(\d{1,3})\s*[LR]\s*[,/&]\s*\1\s*[LR]\b", r"\1 each side", t)  # "3L, 3R"
    t = re.sub(r"(?<![\d.])(\d{1,3})\s*steps\b", r"\1 reps", t, flags=re.I)  # 3x20 steps
    t = re.sub(
        r"\b(ladder)\s+(?:up\s+)?from\s+(\d{1,3})\s+to\s+(\d{1,3})\b", r"\1 \2-\3", t, flags=re.I
    )
    t = re.sub(r"(?<=\d)(\s*(?:min|sec|sek))\.(?=\s+[a-z])", r"\1", t, flags=re.I)  # "2 Min. Pause"
    t = re.sub(r"\b(\d+)\s*rft\b", r"\1 rounds for time", t, flags=re.IGNORECASE)
    t = re.sub(r"\b(\d+)\s*rds?\b", r"\1 rounds", t, flags=re.IGNORECASE)  # "4 rds"
    t = re.sub(r"\bw/\s*", "with ", t, flags=re.IGNORECASE)
    # "Run .3 miles": a distance with no 0 before its point
    t = re.sub(r"(?<![\w.])\.(\d)(?=\s*(?:mi|miles?|km|k)\b)", r"0.\1", t, flags=re.I)
    # "4-minutersintervaller", "30-sekundersintervall": a time joined to what it times
    # "EMOM (Every Minute on the Minute) 15", "AMRAP (as many rounds as possible) 12": the
    # acronym spelled out, then its number; "85% of your 1 Rep Max" is a load, no count
    t = re.sub(r"\b(e\d?mom|amrap)\s*\((?:every|as many)\b[^()]{0,50}\)", r"\1", t, flags=re.I)
    t = re.sub(r"\b(?:1|one)[\s-]*rep(?:etition)?[\s-]*max(?:imum)?\b", "1RM", t, flags=re.I)
    t = re.sub(r"\b(\d+)\s*cals?\b(?=\s+[a-z])", r"\1 calorie", t, flags=re.I)  # "12 cal row"
    # "hold 5, 10 reps": a physio's hold is counted in seconds
    t = re.sub(
        r"\b(hold(?:\s+for)?\s+)(\d{1,3})(?=\s*(?:[,;]|\.(?!\d)|and\b|$))",
        r"\1\2 seconds",
        t,
        flags=re.IGNORECASE,
    )
    # How often to train is no part of one session: "3 times a day", "twice daily", "3 sets
    # a day"
    t = re.sub(
        r"\b(?:\d+\s*(?:x|times|sets)\s*(?:(?:a|per|each)\s*(?:day|week)|daily|weekly)|daily"
        r"|weekly)\b",
        "",
        t,
        flags=re.IGNORECASE,
    )
    # "Sets/reps: 3 x 10-12", "Sets & Reps: 3x12": a label over the whole notation
    t = re.sub(
        r"\b(?:sets?\s*(?:/|&|and|x)\s*reps?|reps?\s*(?:/|&|and)\s*sets?)\s*:\s*",
        "",
        t,
        flags=re.IGNORECASE,
    )
    # "Sets: 2-3 Reps: 10": both labelled, the second right after the first's number
    t = re.sub(
        r"\b(sets|rounds)\s*:\s*(\d+(?:\s*-\s*\d+)?)\s+(reps)\s*:\s*(\d+(?:\s*-\s*\d+)?)\b",
        r"\2 \1 \4 \3",
        t,
        flags=re.IGNORECASE,
    )
    # "Sets 3 Reps 12", "Sets: 4 | Reps: 8-10": a label before its number, as tables say it
    t = re.sub(
        # (not "Reps: 3 sets of 12", nor "Rest between sets: 90 sec": a time, of a rest, nor
        # "y repeticiones: 1-2 minutos")
        r"(?<!\d)(?<!\d\s)(?<!between\s)(?<!after\s)\b(sets|reps|rounds)\s*[:=]?\s*"
        r"(\d+(?:\s*-\s*\d+)?)\b(?!\s*(?:x\b|(?:sets?|reps?|rounds?)\s*(?:of|x)\b))"
        r"(?!\s*-\s*\d)(?!\s*(?:minutes?|mins?|seconds?|secs?|s\b|'))",
        r"\2 \1",
        t,
        flags=re.IGNORECASE,
    )
    # No count or time in a workout has seven digits: a longer run is not a number.
    t = re.sub(r"\d{7,}", "", t)

    def number(m: re.Match[str]) -> str:
        # A few words either side decide; looking further would make the pass quadratic.
        before = t[max(0, m.start() - 40) : m.start()].rstrip().lower()
        after = t[m.end() : m.end() + 40].lstrip(" -").lower()
        word = m[0].lower()
        if word in _AMBIGUOUS:
            own = _AMBIGUOUS[word]
            counts = _COUNTED.match(after) or (own and re.search(rf"\b{own}$", before))
        else:
            counts = re.match(_UNIT_WORDS, after) or re.search(
                r"(?:\bof|\bde|\bda|\bdi|\bfor|\bx|\bto|\bdo|\bhold|\brest)$", before
            )
        # "one" alone is mostly an article ("one of the best"); keep it as a word then.
        if not counts:
            return m[0]
        return str(_NUMBER_WORDS[word])

    t = _NUMBER_RE.sub(number, t)
    # (after the number words: "tre serie da dieci squat")
    t = re.sub(r"(\d\s*sets)\s+(?:da|de|von|zu)\s+(?=\d)", r"\1 of ", t, flags=re.IGNORECASE)
    # "from 5 to 10 times", "da 5 a 10 volte", "de 8 à 12", "5 bis 10": a range
    t = re.sub(
        r"\b(?:(?:from|da|de|von)\s+(\d+)\s+(?:to|a|à|al|bis|até)|(\d+)\s+(?:bis|à|até))\s+(\d+)\b",
        lambda m: f"{m[1] or m[2]}-{m[3]}",
        t,
        flags=re.IGNORECASE,
    )
    t = re.sub(r"\b(\d+)\s*(?:-|to)\s*(\d+)-(second|minute|sec|min|rep)\b", r"\1-\2 \3", t)
    t = re.sub(r"\b(\d+)-(seconds?|minutes?|secs?|mins?|reps?|count)\b", r"\1 \2", t)
    return t


# The notation's words in the languages notes come in (Italian, German, Spanish, French,
# Portuguese, Dutch), read as their English words.
_FOREIGN = {
    **dict.fromkeys("serie séries sätze satz series".split(), "sets"),
    **dict.fromkeys(
        "ripetizioni ripetizione wiederholungen wdh repeticiones répétitions repetições"
        " herhalingen repetitioner repetisjoner gentagelser".split(),
        "reps",
    ),
    **dict.fromkeys(
        "riposo recupero pause pausa descanso descansa descansar repos récupération récup"
        " satzpause trabpause gehpause rustpauze rust vila hvile".split(),
        "rest",
    ),
    **dict.fromkeys(
        ["zwischen den", "entre les", "entre las", "entre los", "tra le", "tra i"], "between the"
    ),
    **dict.fromkeys(
        ["zwischen jeder", "entre chaque", "entre cada", "tra ogni", "mellan varje", "mellom hver"],
        "between each",
    ),
    **dict.fromkeys("entre zwischen tra mellan mellom".split(), "between"),
    **dict.fromkeys(
        "secondi sekunden sek segundos secondes seconden sekunder sekunders".split(), "seconds"
    ),
    **dict.fromkeys(
        "minuti minuten minutos minuter minuters minut minuts minutter minutt".split(), "minutes"
    ),
    **dict.fromkeys("runden giri rondas tours rondes varv runder".split(), "rounds"),
    **dict.fromkeys("jogg joggen".split(), "jog"),
    **dict.fromkeys("lätt lett".split(), "easy"),
    **dict.fromkeys("mal".split(), "x"),
    **dict.fromkeys(
        [
            "veces",
            "volte",
            "fois",
            "mal durchführen",
            "mal ausführen",
            "mal wiederholen",
            "keer",
            "maal",
            "gånger",
            "ganger",
        ],
        "times",
    ),
    **dict.fromkeys("repite repetir ripeti répète répétez wiederhole herhaal".split(), "repeat"),
    **dict.fromkeys(
        "mantieni mantenere tieni mantén mantener mantenga sostén aguanta maintenez maintiens"
        " maintenir tenez tiens gardez-la gardez-le halte halten mantenha segure houd"
        " vasthouden".split(),
        "hold",
    ),
    **dict.fromkeys(["resta così", "resta in posizione", "rimani in posizione"], "hold"),
    **dict.fromkeys(
        [
            *("pro seite", "par côté", "por lado", "per lato", "de cada lado", "de chaque côté"),
            *("en cada lado", "con cada lado", "en cada pierna", "por cada lado", "per ogni lato"),
            *("auch mit dem anderen bein", "auch mit dem anderen arm", "auf jeder seite"),
            *("per kant", "aan elke kant", "aan beide kanten", "per sida", "hver side"),
        ],
        "each side",
    ),
    **dict.fromkeys(
        ["pro bein", "par jambe", "por pierna", "per gamba", "pour chaque jambe"], "each leg"
    ),
}
_FOREIGN_RE = re.compile(
    r"\b(?:" + "|".join(sorted(_FOREIGN, key=len, reverse=True)) + r")\b", re.I
)
# A rest as a line may open with it before the text is normalized ("Récup 1'30",
# "Satzpause 2 min"): the English words and every word read as one
_REST_WORDS = r"rest(?:ing|s)?|recover(?:ing)?|recovery|breaks?"
REST = (
    rf"(?:{_REST_WORDS}|"
    + "|".join(sorted((w for w, v in _FOREIGN.items() if v == "rest"), key=len, reverse=True))
    + ")"
)


def _ascii_digits(text: str) -> str:
    """Digits of any script ("\u0663", "\uff13") as ASCII digits, without the invisible
    format characters (zero-width spaces, direction marks) that may split a number."""
    t = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return re.sub(r"\d", lambda m: str(unicodedata.decimal(m[0])), t)


Template = Literal[
    "", "tabata", "intervals", "emom", "every", "amrap", "for_time", "ladder", "superset"
]
Each = Literal["", "rep", "set"]  # "": the text does not say
Scope = Literal["", "sets", "exercises", "rounds", "after", "line"]
"""What a rest is between: "" (not said), "after" an exercise, or a "Rest" "line" below it."""


@dataclass
class Hold:
    what: str
    time: Num
    each: Each


@dataclass
class Found:
    """What one piece of text says, in notations; ``name`` is what is left of it."""

    name: str = ""
    notes: list[str] = field(default_factory=list)  # "(hands on the bench)": for the cue
    sets: Num | None = None
    reps: Num | None = None
    work: Num | None = None
    tempo: int | None = None
    set_time: int | None = None
    sides: bool = False
    hold: Hold | None = None
    max_reps: bool = False
    rests: dict[Scope, Num] = field(default_factory=dict)
    rounds: Num | None = None
    scheme: list[int] = field(default_factory=list)  # reps that change by round: 21-15-9
    set_reps: list[int] = field(default_factory=list)  # reps that change by set: 3 x 12/10/8
    set_rests: list[int] = field(default_factory=list)  # rests that change: rest 1 min/45s
    distance: str = ""  # "400m in 1 min 45s": how far, in that time
    distance_said: str = ""  # "400 metres": the distance as the name still says it
    for_time: bool = False  # "3 rounds for time, cap 20 min"
    recovery: bool = False  # "Walk: 90s, as recovery": an easy activity, not a rest
    ladder: tuple[int, int, int, bool] | None = None  # from, to, step, down: "pyramid 1-6-1"
    template: Template = ""
    on: int | None = None
    off: int | None = None
    minutes: int | None = None
    window: int | None = None
    cap: int | None = None
    calls: int | None = None
    each_work: Num | None = None  # "each exercise for 30 seconds"
    breaths: int | None = None  # "hold for 5 breaths": a time the text counts in breaths
    each_round: bool = False  # the rounds are of each exercise in turn ("8 rounds of each")
    together: bool = False  # "all moves each interval": an EMOM's interval holds every move
    settings: dict[str, int] = field(default_factory=dict)
    bare: bool = False  # the reps are a number at the end and nothing more

    @property
    def says_amount(self) -> bool:
        return bool(
            self.reps or self.work or self.sets or self.max_reps or self.hold or self.breaths
        )

    @property
    def anything(self) -> bool:
        return bool(
            self.says_amount
            or self.rests
            or self.rounds
            or self.scheme
            or self.for_time
            or self.ladder
            or self.template
            or self.each_work
            or self.settings
            or self.tempo
            or self.sides
        )

    def copy(self) -> Found:
        return replace(
            self,
            notes=list(self.notes),
            rests=dict(self.rests),
            scheme=list(self.scheme),
            set_reps=list(self.set_reps),
            set_rests=list(self.set_rests),
            settings=dict(self.settings),
        )

    def merge(self, other: Found) -> None:
        """Fill in what this one does not say from ``other``."""
        for key, value in vars(other).items():
            if key in ("rests", "settings"):
                for k, v in value.items():
                    getattr(self, key).setdefault(k, v)
            elif key not in ("name", "notes") and value and not getattr(self, key):
                setattr(self, key, value)


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # The scanner's patterns, compiled once: the few dozen of them are looked up thousands
    # of times in a long text, and re's own cache costs more per look-up.
    return re.compile(pattern, re.IGNORECASE)


# "Pull-ups @21X0", "(30X0)": a tempo code with an explosive phase (not 21 x 0)
# ("Tempo 20X0" is read with its label)
_TEMPO_CODE = re.compile(
    r"(?:@\s*|(?<=\())(\d{2}x\d)\b|(?<!tempo\s)(?<!tempo:\s)\b(\d{2}x0)\b", re.IGNORECASE
)


# "all moves each interval", "every move each minute": what an EMOM's interval holds
_ALL_EACH = re.compile(
    r"\b(?:all (?:the )?(?:moves|exercises)|every (?:move|exercise)|all of (?:them|these))"
    r" (?:in )?(?:each|every) (?:interval|minute)\b",
    re.IGNORECASE,
)
# A time of day: "6:30pm", "5:11:46 AM", "7:15 a.m."
_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d\d(?::\d\d)?\s*[ap]\.?\s?m\b\.?", re.IGNORECASE)
# A part's own number before a dash, then what it holds: "Block 1 - 3 rounds", "Day 2 - 5 x 5"
_NUMBERED_PART = re.compile(
    r"\b((?:block|circuit|part|round|superset|tri-?set|giant set|station|section|phase|stage"
    r"|level|workout|day|week)\s+\d{1,2})\s+[-\u2013\u2014]\s+(?=\d)",
    re.IGNORECASE,
)


class Scan:
    """Takes notations out of a piece of text one kind at a time; what remains is the
    name. Loads and distances are kept aside so that no count is read from them."""

    def __init__(self, text: str, *, heading: bool = False):
        self.found = Found()
        self.heading = heading
        self.between = False  # a rest said "in between", of nothing named after it
        self.kept: list[str] = []
        # "... x2" (its sets, when a count comes before the name and x2 gave the reps)
        times = re.search(r"(?<![\w.])x\s?(\d{1,2})\b", text, re.I)
        self.times = int(times[1]) if times else 0
        s = _NUMBERED_PART.sub(r"\1: ", normalize(text))  # ("Block 1 - 3 rounds": no range)
        s = _CLOCK_TIME.sub(" \x02 ", s)  # ("at 6:30pm", "5:11:46 AM": when, not how long)
        if _ALL_EACH.search(s):
            self.found.together = True
            s = _ALL_EACH.sub(" ", s)
        s = _TEMPO_CODE.sub(self._tempo_code, s)  # (before loads: "@21X0" is no load of 21)
        if _A_DISTANCE.search(s):  # (a piece named by its distance: its pace is no name)
            s = _PACE.sub(self._pace, s)
        s = _LOAD.sub(self._keep, s)
        s = _METERS.sub(self._meters, s)
        s = _BARE_METRES.sub(lambda m: self._keep(m, f"{m[1]}m"), s)
        s = _SWIM_METRES.sub(
            lambda m: self._keep(m, f"{m[1]}m") if int(m[1]) % 25 == 0 else m[0], s
        )
        s = re.sub(r"\(([^()\d\x01]*)\)", self._note, s)
        self.s = s

    def _tempo_code(self, m: re.Match[str]) -> str:
        self.found.tempo = max(1, sum(int(c) for c in m[1] or m[2] if c.isdigit())) * 1000
        return " \x02 "

    def _pace(self, m: re.Match[str]) -> str:
        self.found.notes.append(f"at {m[1]} {m[2]}")
        return " \x02 "

    def _keep(self, m: re.Match[str], text: str = "") -> str:
        self.kept.append(text or re.sub(r"\s*#", " lb", m[0].strip()))
        return f"\x01{len(self.kept) - 1}\x01"

    def _meters(self, m: re.Match[str]) -> str:
        # "400m" is a distance; "rest 2m" and "plank 1m" are minutes.
        if int(m[1]) < 10 or _TIME_WORDS.search(m.string[max(0, m.start() - 40) : m.start()]):
            return f"{m[1]} min"
        return self._keep(m)

    def _note(self, m: re.Match[str]) -> str:
        if len(m[1].split()) >= 3 and not re.search(_SIDES, m[0], re.I):
            self.found.notes.append(m[1].strip())
            return " \x02 "
        return m[0]

    def take(self, pattern: str) -> re.Match[str] | None:
        m = _compiled(pattern).search(self.s)
        if m:
            self.cut(m)
        return m

    def cut(self, m: re.Match[str]) -> None:
        """Take out a match found in the text as it stands."""
        self.s = self.s[: m.start()] + " \x02 " + self.s[m.end() :]

    def take_all(self, pattern: str) -> list[re.Match[str]]:
        """Every match of ``pattern``, taken in one pass (not one search per match)."""
        found: list[re.Match[str]] = []

        def cut(m: re.Match[str]) -> str:
            found.append(m)
            return " \x02 "

        self.s = _compiled(pattern).sub(cut, self.s)
        return found

    def run(self) -> Found:
        self.settings()
        self.tempo()
        self.templates()
        self.rests()
        self.hold()
        self.rounds()
        if m := self.take(
            r"(?:\b(?:hold\s+)?(?:for\s+)?)?(?<![\d.])(\d{1,2})\s*(?:(?:deep|slow|full|long)\s+)?"
            r"breaths?\b"
        ):
            self.found.breaths = int(m[1])  # "Downward dog - 5 breaths"
        bracket = "(" in self.s and _compiled(rf"\(\s*({_ONE_TIME})\s*\)").search(self.s)
        self.amounts()
        f = self.found
        sets = f.sets.value if f.sets else 1
        if bracket and f.reps and sets > 1 and f.work == span(bracket[1]) and not f.rests:
            # "Leg curl: 3x8 x 30kg (1')", "Squat 3x10 (90s)": counted sets can have no time
            # of their own, so the time in brackets is the rest between them
            f.rests["sets"], f.work = f.work, None
        self.distance()
        # "10 each" is a side at a time; "60 seconds each" is each set.
        # ("6-10ea": "ea" is each side, written on to the number)
        if self.take(_SIDES) or (self.found.reps and self.take(r"\b(?:each|per|ea\.?)\s*$")):
            self.found.sides = True
        f = self.found
        f.name = self.leftover(name=True)
        # "10x T2B", "5x burpee broad jump": a count before the name, its reps; "3x Bench
        # press 8-10 reps": its sets (not "2x a week", "3x Tabata")
        counted = _COUNT_FIRST.match(f.name)
        if counted and not (f.sets or f.work or f.distance or f.template):
            if f.reps is None:
                f.reps = num(int(counted[1]))
            else:
                f.sets = num(int(counted[1]))
            f.name = f.name[counted.end() :]
        # "20 bridges on ball x2": the count before the name its reps, the one after its sets
        # (not a number of the name: "45 degree lunges x10", "1 arm rows x12")
        first = _COUNT_BEFORE.match(f.name)
        if (
            first
            and f.reps
            and f.reps.value == self.times
            and not (f.sets or f.work or f.distance or f.sides or f.template)
        ):
            f.sets, f.reps = f.reps, num(int(first[1]))
            f.name = f.name[first.end() :]
        for key in ("sets", "reps"):  # ("3 x 0" counts nothing: no count at all)
            if (n := getattr(f, key)) is not None and n.high == 0:
                setattr(f, key, None)
        # "20 walking lunges (10 each leg)", "Russian twists: 20 (10 each side)": both sides
        both = re.match(r"(\d{1,3})\s+(?=[a-z])", f.name, re.I) or re.search(
            r"\s*:?\s*(\d{1,3})\s*$", f.name
        )
        if both and f.sides and f.reps and int(both[1]) == 2 * f.reps.value:
            f.name = (f.name[: both.start()] + f.name[both.end() :]).strip()
        if f.hold and not f.hold.each and f.reps and f.hold.time.value <= SHORT_HOLD_MS:
            # "hold 5, 10 reps": a short hold said with the reps is held in each of them
            f.hold = replace(f.hold, each="rep")
        if not self.heading and f.rounds and not (f.sets or f.reps or f.work):
            repeated(f, f.rounds)
        if f.ladder and not has_words(re.sub(r"\breps?\b", "", f.name, flags=re.I)):
            f.template = f.template or "ladder"  # "Pyramid 1-6-1:", "Ladder 1-10 reps:"
            f.name = ""
        if self.between and f.rounds and "" in f.rests:  # "four rounds, a minute off in between"
            f.rests.setdefault("rounds", f.rests.pop(""))
        if f.template == "intervals" and f.on and f.work and not (f.rounds or f.minutes):
            # "30 seconds on, 30 seconds off, for 24 minutes": intervals for that long
            whole, left = divmod(f.work.value, 60_000)
            if whole and not left:
                f.minutes, f.work = whole, None
        return f

    def settings(self) -> None:
        for key, words in (
            ("lead_in", r"lead[- ]?in"),
            ("switch_sides", r"switch(?:ing)? sides"),
            ("outro", r"outro"),
        ):
            m = self.take(rf"\b{words}\s*:?\s*(?:of\s+)?({_ONE_TIME})")
            if m:
                self.found.settings[key] = to_ms(m[1])
        m = self.take(r"\bcountdown\s*:?\s*(?:of\s+)?(\d+)\s*(?:s|seconds?)?\b")
        if m:
            self.found.settings["countdown"] = int(m[1])

    def tempo(self) -> None:
        f = self.found
        m = self.take(
            rf"\btempo\s*:?\s*(\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?){{1,3}}\b|[\dx]{{3,4}}\b|{_ONE_TIME})"
        )
        if m:
            t = m[1].lower()
            if re.fullmatch(r"[\dx]{3,4}", t):  # 3010, 311: seconds down, pause, up(, pause)
                f.tempo = max(1, sum(1 if c == "x" else int(c) for c in t)) * 1000
            elif "-" in t:
                f.tempo = round(sum(float(p) for p in t.split("-")) * 1000)
            else:
                f.tempo = to_ms(t)
        elif m := self.take(rf"({_ONE_TIME})\s*(?:per|a|each|every)\s+rep\b"):
            f.tempo = to_ms(m[1])

    def templates(self) -> None:
        """Tabata, on/off intervals, EMOM, "every 2 minutes", AMRAP, supersets."""
        f = self.found
        # "3 rounds for time", "21-15-9 for time, cap 12 min"; "(for time)" after a name
        if self.take(r"\bfor time\b") or re.search(r"\bchipper\b", self.s, re.I):
            f.for_time, f.template = True, f.template or "for_time"  # (a chipper is for time)
        if self.take(r"\btabata\b"):
            f.template = "tabata"
        amount = rf"({_ONE_TIME}|{_D}\d+)"
        m = self.take(
            rf"{amount}\s*(?:of\s+)?(?:work|on|exercise|effort)\b\s*(?:[,/\u2013\u2014-]\s*)?"
            rf"(?:and\s+(?:then\s+)?|with\s+|followed by\s+|then\s+)?{amount}\s*"
            r"(?:of\s+)?(?:rest|off|recovery)\b"
        )
        # ("Swing: 16kg - 25/25" is 25 a side at that load, and a load read before this
        # stands as \x01n\x01)
        a_side = re.search(r"(?:kg|lbs?|#|\x01)\s*(?:[-:]\s*)?(\d{1,3})/\1(?!\d)", self.s, re.I)
        if not m and (self.heading or f.template) and not a_side:
            # 30/30, :40/:20 (not "90/90 hip switches": a position's name; not "pain above
            # 3/10": a rating; not "5/5": reps a side, no one works for 5 s)
            m = self.take(
                r"(?<![\d/(])(:\d{1,3}|\d{2,3})\s*/\s*(:?\d{1,3})(?![\d/)])"
                r"(?!\s+(?:hips?|stretch|switch(?:es)?|breathing|position|sit|rotations?)\b)"
            )
        if not m:  # "Work 40/20", "40/20 intervals": in a sentence, said to be intervals
            m = self.take(
                r"\b(?:work|intervals?|format|go|timer(?:\s+(?:for|to|at))?)\s*:?\s*(:?\d{1,3})\s*/\s*"
                r"(:?\d{1,3})(?![\d/)])"
            ) or self.take(
                r"(?<![\d/(])(:?\d{1,3})\s*/\s*(:?\d{1,3})\s+(?:intervals?|on\s*/\s*off)\b"
            )
        if m:
            f.on, f.off = (
                to_ms(x if re.search(r"[a-z:]", x, re.I) else x + "s") for x in m.groups()
            )
            f.template = f.template or "intervals"
        if m := self.take(rf"\b(?:calls?|time called|time calls?)\s+every\s+({_ONE_TIME})"):
            f.calls = to_ms(m[1])
        then = rf"(?:\s*,?\s*(?:for|x)\s*{amount}(?:\s*rounds?)?)?"  # ", for 5 minutes"
        m = (
            self.take(
                rf"\bevery\s+({_NUM}|other)?\s*({_MIN}|{_SEC})\b(?:\s*,?\s*on the minute)?{then}"
            )
            or self.take(
                rf"\bon the\s+({_NUM})\s*(?:-\s*)?({_MIN}|{_SEC})\s+(?:interval|mark)s?\b{then}"
            )
            or self.take(rf"\b(?:every|on the)\s+({_D}\d{{1,2}}:[0-5]\d|{_D}:[0-5]\d)(){then}")
        )  # "Every 2:00", "On the 5:00 x 2 Rounds"
        if m:
            count_of = {None: "1", "other": "2"}  # "every other minute": every two
            said = f"{count_of.get(m[1] and m[1].lower(), m[1])} {m[2]}"
            window = to_ms(said.strip())
            count = None if m[3] is None else int(m[3]) if m[3].isdigit() else to_ms(m[3]) // window
            if window == 60_000:
                f.template, f.minutes = "emom", count
            else:
                f.template, f.window = "every", window
                f.rounds = None if count is None else num(count)
        # "20 min EMOM", "14' E2MOM", "EMOM x 12", "E3MOM for 15 minutes"; EOMOM: every other
        m = self.take(rf"{_D}(\d+)\s*(?:-\s*)?(?:{_MIN}|['\u2032])\s*,?\s*e(\d*|o)mom\b")
        total, each, times = (m[1], m[2], False) if m else (None, "", False)
        if not m and (
            m := self.take(rf"\be(\d*|o)mom\b\s*(?:(x\s*)|for\s*|in\s*)?(\d+)?\s*({_MIN}|rounds?)?")
        ):
            total, each = m[3], m[1]
            # "E3MOM x 5": five rounds of three minutes, where "E3MOM 15 min" is 15 minutes
            times = bool(m[2] and not (m[4] or "").lower().startswith("min")) or bool(
                m[4] and m[4].lower().startswith("round")
            )
        if m:
            every = 2 if each.lower() == "o" else int(each or 1) or 1
            if every > 1:
                f.template, f.window = "every", every * 60_000
                f.rounds = num(int(total) // (1 if times else every)) if total else None
            else:
                f.template, f.minutes = "emom", int(total) if total else f.minutes
        # "as many rounds as you can", "how many rounds can you do": an AMRAP said in words
        many = (
            r"(?:\bamrap\b|as many (?:rounds|sets|circuits) (?:and reps )?as (?:possible|you can)"
            r"|how many rounds (?:can you|you can)(?: do| complete| get| manage)?"
            # ("tantas rondas como puedas", "autant de tours que possible", "so viele Runden
            # wie möglich", "il maggior numero di giri possibile")
            r"|tantas rounds (?:quanto|como) (?:conseguir|consigas|puedas|possível|posible)"
            r"|autant de rounds que possible|so viele rounds wie m\u00f6glich"
            r"|(?:il )?maggior numero di rounds possibile)"
        )
        m = self.take(  # "In 10 minutes, do as many rounds as possible"
            rf"\b(?:in|within|en|em|dans|entro)\s+()({_ONE_TIME})\s*,?\s*"
            rf"(?:(?:do|complete|get|haz|faz|fa[ie]s|mach|fai)\s+)?{many}"
        ) or self.take(
            rf"(?:{_D}(\d+)\s*(?:-\s*)?{_MIN}\s*,?\s*)?{many}"
            rf"(?:\s*(?:in|within|inside|for|of|:)?\s*(?:the\s+)?"
            rf"({_ONE_TIME}|\d+(?!\s*(?:reps?|x)))(?:\s*{_MIN})?)?"
        )
        if m and (m[1] or m[2]):
            f.template = "amrap"
            f.cap = int(m[1]) * 60_000 if m[1] else _cap(m[2])
        if cap := self.take(
            rf"\b(?:(?:time )?cap|(?:time )?limit|limite)\s*:?\s*(?:of\s*|de\s*)?({_ONE_TIME}|\d+)"
        ) or self.take(
            rf"({_ONE_TIME}|{_D}\d+(?=\s*-?\s*{_MIN}))\s*-?\s*(?:{_MIN}\s*)?(?:time\s*)?cap\b"
        ):  # "cap 20 min", "20-minute cap"
            f.cap = _cap(cap[1])
        if m and not f.cap:
            f.max_reps = True  # "3 x AMRAP": as many reps as possible in each set
        elif m:
            f.template = "amrap"  # "AMRAP, time cap 12"
        # "4 Trisets: ...", "3 Supersets:": the pair or trio gone through that many times
        if (
            grouped := self.take(rf"^\W*{_D}(\d{{1,2}})\s+(?:super ?sets|giant sets|tri-?sets)\b")
        ) and not f.rounds:
            f.rounds = num(int(grouped[1]))
            f.template = f.template or "superset"
        if self.take(
            r"(?<!each )(?<!every )(?<!between )\b(?:super ?sets?|giant sets?|tri-?sets?)\b"
        ):
            f.template = f.template or "superset"
        self.ladder()

    def ladder(self) -> None:
        """ "Ladder 1-10", "pyramid 1-6-1", "1 to 10 ladder, up by 2", "ladder 2-12 and back";
        left in the text when it is no ladder a routine can climb."""
        rungs = rf"{_D}(\d{{1,3}})\s*(?:-|to)\s*(\d{{1,3}})(?:\s*(?:-|to)\s*(\d{{1,3}}))?(?![\d-])"
        step = r"(?:\s*,?\s*(?:up |down )?(?:by|in steps of|steps? of)\s*(\d{1,3}))?"
        back = r"(\s*(?:and|then) back(?: down| up)?)?"
        word = r"\b(ladder|pyramid)s?\b"
        m = _compiled(rf"{word}\s*:?\s*(?:of\s*)?(?:reps?\s*)?{rungs}{step}{back}").search(self.s)
        if m:
            kind, first, top, third, by, again = m.groups()
        elif m := _compiled(rf"{rungs}\s*(?:reps?\s*)?{word}{step}{back}").search(self.s):
            first, top, third, kind, by, again = m.groups()
        else:
            return
        low, high, by = int(first), int(top), int(by or 1)
        down = bool(third or again or kind.lower() == "pyramid")
        count = abs(high - low) // by + 1
        if (
            low == high
            or (third and int(third) != low)  # "1-3-5": a scheme, not a way up and back
            or min(low, high) < 1
            or max(low, high) > 500
            or abs(high - low) % by
            or (2 * count - 1 if down else count) > 50
        ):
            return
        self.s = self.s[: m.start()] + " \x02 " + self.s[m.end() :]
        f = self.found
        f.ladder = (low, high, by, down)
        # Among other exercises, its rungs are its sets.
        way = list(range(low, high + 1, by) if high > low else range(low, high - 1, -by))
        f.set_reps = way + way[-2::-1] if down else way
        f.sets, f.reps = num(len(f.set_reps)), num(max(f.set_reps))

    def rests(self) -> None:
        f = self.found
        f.recovery = bool(self.take(r"\bas (?:an? )?recovery\b"))
        rest = f"(?:{_REST_WORDS})"  # (other languages' words are normalized by now)
        scope = (
            rf"(?:\s*(?:in\s+)?(between|after|per|before)(?:\s+(?:each|every|the|two|all))?"
            rf"(?:\s+(?:next\s+)?({_SCOPE}))?)?"
        )
        # "rest 1:00/0:45/0:30", "rest 1 min/45s between sets": a rest for each set, or
        # where the sets do not match them, one rest: the longest
        listed = rf"{_ONE_TIME}(?:\s*/\s*{_ONE_TIME})+"
        by_set = rf"\b{rest}\s*:?\s*({_ONE_TIME})\s+after\s+sets?\s*(\d{{1,2}})\b"
        if m := self.take(rf"\b{rest}\s*:?\s*({listed})(?![\d/])(?:\s+between sets\b)?"):
            f.set_rests = [to_ms(t) for t in re.split(r"\s*/\s*", m[1])]
        # "recoveries of 90, 60, 30, 15 seconds": numbers in a list, the unit once at its end
        elif m := self.take(
            rf"\b(?:rests?|recover(?:y|ies)|breaks?)\s*(?:of\s*)?:?\s*"
            rf"({_D}\d{{1,4}}(?:\s*,\s*\d{{1,4}})+(?:\s*,?\s*and\s*\d{{1,4}})?)\s*({_SEC}|{_MIN})\b"
        ):
            unit = m[2]
            f.set_rests = [to_ms(f"{n} {unit}") for n in re.findall(r"\d+", m[1])]
        # "Rest 1:00 after Set 1, Rest 0:45 after Set 2": a rest for each set, said set by set
        elif len(_compiled(by_set).findall(self.s)) > 1:
            said = sorted(self.take_all(by_set), key=lambda m: int(m[2]))
            f.set_rests = [to_ms(m[1]) for m in said]
        if f.set_rests:
            f.rests.setdefault("sets", num(min(f.set_rests), max(f.set_rests)))
            if len(f.set_rests) > MAX_PER_SET:  # more than a routine lists: the range alone
                f.set_rests = []
        # "10 x 1 min hard / 1 min easy", "30s fast, 30s slow": the easy part rests each set
        if m := self.take(
            rf"(?<=[a-z])\s*(?:/|then|followed by)\s*({_ONE_TIME})\s*"
            r"(?:easy|slow|jog(?:ging)?|walk(?:ing)?|recovery|off)\b"
        ):
            f.rests.setdefault("sets", span(m[1]))
        if self.take(
            r"\b(?:move|go|moving|going)\s+(?:straight|directly|immediately|right)\s+(?:on\s+)?"
            r"(?:to|into)\s+the\s+next\b|\bback[- ]to[- ]back\b"
        ):
            f.rests.setdefault("exercises", num(0))  # "then move straight to the next"
        if self.take(rf"\bno {rest}\b(?:\s+between\s+(?:each\s+)?{_SCOPE})?"):
            f.rests.setdefault("", num(0))
        about = r"(?:(?:about|around|roughly|approx(?:imately|\.)?|at least|up to|~)\s*)?"
        patterns = (
            rf"\b(?:take\s+)?(?:a\s+)?{rest}(?:\s+(?:for|of))?\s*:?\s*{about}({TIME})"
            rf"(?:\s+of\s+{rest})?",
            # (not "3x15 - 45s rest": the 15 is the reps, the rest is 45 s)
            # ("2 min jog recovery", "90 s walking rest": a recovery on the move is the rest)
            rf"(?<![\dx.])(?<!x\s)({TIME})\s*(?:of\s+)?(?:(?:easy|slow|light|active)\s+)?"
            rf"(?:(?:jog(?:ging)?|walk(?:ing)?)\s+)?(?:(?:to|for)\s+)?(?:{rest}|off)\b",
        )
        # "Rest between sets: 90 sec", "keep your rest between sets under 60 seconds and
        # between exercises under 3 minutes", "I kept my rests between sets to about 90
        # seconds": the scope first, then the time
        scoped = (
            rf"(between|after)\s+(?:each\s+|every\s+|the\s+)?({_SCOPE})"
            rf"(?:\s+(?:and|y|et|und|e)\s+(?:reps?|{_SCOPE}))?\s*[:=-]?\s*"
            rf"(?:(?:should be|is|are|was|were|of|at|to|under|below|no more than|less than|up to"
            rf"|at most)\s+)?{about}({TIME})"
        )
        for m in self.take_all(rf"\b{rest}s?\s+{scoped}(?:\s*,?\s*and\s+{scoped})?"):
            f.rests.setdefault(_scope(m[1], m[2]), span(m[3]))
            if m[4]:
                f.rests.setdefault(_scope(m[4], m[5]), span(m[6]))
        for m in self.take_all(
            rf"\b(after|between)\s+(?:each|every|the)\s+({_SCOPE})\s*,?\s*(?:take\s+)?(?:a\s+)?"
            rf"{rest}(?:\s+(?:for|of))?\s*:?\s*({TIME})"
        ):
            f.rests.setdefault(_scope(m[1], m[2]), span(m[3]))
        for pattern in patterns:
            for m in self.take_all(pattern + scope):
                f.rests.setdefault(_scope(m[2], m[3]), span(m[1]))
                self.between = self.between or bool(re.search(r"\bin\s+between\s*$", m[0]))
        # "with 45 seconds between sets": a time between sets or moves is a rest
        for m in self.take_all(
            rf"({TIME})\s+(?:to\s+(?:move|change|switch|transition)\s+)?between\s+"
            rf"(?:each\s+|every\s+|the\s+)?({_SCOPE})"
        ):
            f.rests.setdefault(_scope("between", m[2]), span(m[1]))
        if f.rests:  # "Rest 30s between sets, 45s between exercises": the rest of the list
            for m in self.take_all(rf"({TIME})\s*(between|after|per)\s+(?:each\s+)?({_SCOPE})"):
                f.rests.setdefault(_scope(m[2], m[3]), span(m[1]))
        if with_rest := self.take(rf"\bwith\s+({TIME})\s*(?:of\s+)?{rest}"):
            f.rests.setdefault("exercises", span(with_rest[1]))
        # "6 x 3 min at 10k pace with 90 s jog between": the jog rests each repeat
        if jog := self.take(
            rf"\b(?:with\s+)?({TIME})\s*(?:of\s+)?(?:(?:easy|slow)\s+)?(?:jog(?:ging)?|walk(?:ing)?)"
            rf"(?:\s+{rest})?\s+between\b(?:\s+(?:each|every|the))?(?:\s+{_SCOPE})?"
        ):
            f.rests.setdefault("sets", span(jog[1]))
        # "6 x 800m w/ 400m jog recovery", "8 x 400m, 200m walk": a recovery run or walked
        # for a distance has no time to keep; what it is goes to the cue
        if far := self.take(
            r"(?:\bwith\s+|,\s*)(?:an?\s+)?\x01(\d+)\x01\s*(?:of\s+)?(?:(?:easy|slow)\s+)?"
            rf"(jog(?:ging)?|walk(?:ing)?|float|{rest})(?:\s+(?:{rest}|between(?:\s+\w+)?))?"
        ):
            self.found.notes.append(f"{far[2]} {self.kept[int(far[1])]} to recover")

    def hold(self) -> None:
        f = self.found
        per = (
            r"(?:\s+(?:after|on|at the (?:top|bottom|end) of|at the end of|in|of)"
            r"\s+(?:each|every)\s+(rep|set))?"
        )
        m = self.take(
            rf"\b(?:then\s+)?hold(?:ing)?\s+(?:(?:it|this|that)\s+)?((?:[a-z'-]+\s+){{0,5}}?)"
            rf"(?:for\s+)?({TIME})"
            rf"(?:\s+(?:at the (?:top|bottom)|in (?:the|that) position|there))?{per}"
        ) or self.take(rf"({TIME})\s+((?:[a-z'-]+\s+){{0,3}}?)(?:iso(?:metric)?\s+)?hold\b{per}")
        if m:
            # (the second pattern starts with the time: "30 s hold", ":20 hollow hold")
            alone = m[0][:1].isdigit() or m[0][:1] == ":"
            time, what = (m[1], m[2]) if alone else (m[2], m[1])
            what = re.sub(r"^(?:for|in)\s+|\s+(?:per|für|pour|por|durante)$", "", what.strip())
            each: Each = "rep" if m[3] and m[3].lower() == "rep" else "set" if m[3] else ""
            if re.match(r"(?:each|every)\b", what, re.I):
                f.each_work = span(time)  # "hold each stretch for 30 seconds": their time
            elif alone and what and not has_words(self.s.replace("\x02", "")):
                # ":20 hollow hold" alone: the hold is the move, timed
                f.work = span(time)
                self.s = self.s.replace("\x02", f"{what} hold \x02", 1)
            else:
                f.hold = Hold(what or "the position", span(time), each)
            # "hold 30 s x 3": three holds, each a set
            if times := self.take(r"\x02\s*[x*]\s*(\d{1,2})\b(?!\s*(?:reps?|x\b))"):
                f.sets = num(int(times[1]))
            before = self.s[: self.s.index("\x02")]
            if (
                not what
                and m[0].lower().startswith("hold")
                and re.search(r"[a-z]\s*$", before, re.I)
            ):
                # "Hollow hold 30s", "Plank: hold 45 seconds": the hold is the exercise.
                self.s = self.s.replace("\x02", "hold \x02", 1)

    def rounds(self) -> None:
        f = self.found
        if m := self.take(r"\b(\d+(?:\s*-\s*\d+){2,})\s*(?:reps?)?\b(?:\s*for time)?"):
            scheme = [int(n) for n in re.split(r"\s*-\s*", m[1])]  # 21-15-9
            if len(set(scheme)) == 1 and not self.heading:  # "10-10-10-10-10": sets of 10
                f.sets, f.reps = num(len(scheme)), num(scheme[0])
            else:
                f.scheme = scheme
            return
        n = r"(\d+(?:\s*(?:-|to)\s*\d+)?)"
        if m := self.take(
            rf"\b(?:for\s+)?{n}\s*(?:rounds?|sets|intervals?)\s+(?:of|for|on|per)\s+each\s+"
            r"(?:exercise|move|movement|station)s?\b"
        ):
            f.rounds, f.each_round = _reps(m[1]), True  # "eight rounds of each exercise"
            return
        if m := self.take(
            r"\brepeat\b[^.\d]{0,30}?\b(\d+)\s+more\s+times?\b|\b(\d+)\s+times\s+more\b"
        ):
            # "repeat 5 more times": six in all; "go through it twice more"
            f.rounds = num(int(m[1] or m[2]) + 1)
            return
        count = rf"(?:for\s+)?{n}\s*(?:x\b|times|rounds?|circuits?|sets|intervals?)\b"
        m = (
            self.take(
                r"\b(?:repeat|do|complete|perform|go through)\s+(?:(?:the|this|it|all|that"
                r"|everything|circuit|whole|sequence|above|superset|thing)\s+)*"
                + count
                + r"(?!\s*(?:of\s+)?\d)"  # not "do 3 sets of 20": the sets of one move
                + r"(?:\s*(?:in all|total|through))?"
            )
            or self.take(rf"\b(?:for\s+)?{n}\s*(?:sets|rounds)\s+(?:in all|total)\b")
            or self.take(
                rf"\b(?:x\s*)?{n}\s*(?:rounds?|circuits?|intervals?)\b(?:\s*(?:of|through))?"
            )
            # (not "3 times a day", "twice per week"; "2 times per side" is the count)
            or self.take(
                rf"\b{n}\s*times\b(?:\s*(?:through|in all|total))?"
                rf"(?!\s*(?:a|per)\s+(?!{_SIDE}))"
            )
        )
        if self.heading:
            m = m or self.take(rf"(?:^|[\s(])x\s*{n}\b") or self.take(rf"\b{n}\s*sets\b")
        if m:
            f.rounds = _reps(m[1])
        # "Tabata (8 rounds of 20s on / 10s off) for each:": the intervals of each move
        if m and f.template in ("tabata", "intervals"):
            moves = r"(?:\s+(?:exercise|move|movement|station)s?)?"
            f.each_round = bool(
                self.take(rf"\b(?:for|of)\s+(?:each|every){moves}\b")
                or self.take(r"\bper\s+(?:exercise|move|movement|station)\b")
            )

    def distance(self) -> None:
        """ "400m run", "Row 500 m": a distance, where it is the only one and no reps are
        counted (the time to cover it is the work, if the text gives one)."""
        f = self.found
        if f.distance or f.reps or f.max_reps:
            return
        kept = [(m, distance(self.kept[int(m[1])])) for m in re.finditer(r"\x01(\d+)\x01", self.s)]
        far = [(m, d) for m, d in kept if d]
        if len(far) == 1:  # kept in the name, which a round of moves says as it is
            ((m, f.distance),) = far
            f.distance_said = self.kept[int(m[1])]

    def amounts(self) -> None:
        f = self.found
        timed = re.search(rf"\x01(\d+)\x01\s+in\s+(?={_ONE_TIME})", self.s)
        far = distance(self.kept[int(timed[1])]) if timed else ""
        if timed and far:  # the distance aside, the time is the work
            f.distance = far
            self.s = self.s[: timed.start()] + self.s[timed.end() :]
        amount = rf"({TIME}|{_REPS}|max|amrap|failure)"
        reps_word = r"(?:\s*(?:reps?|repetitions))?(?:\b|(?=ea\b))"
        start = r"(?<![\d.:/-])"
        # "1 two-minute set", "Do 3 three-minute sets": sets of a time
        if m := self.take(rf"{start}(\d{{1,2}})\s+({_ONE_TIME})\s*-?\s*sets?\b"):
            f.sets, f.work = num(int(m[1])), span(m[2])
        n = r"(\d+(?:\s*(?:-|to)\s*\d+)?)"
        # "3 x 12/10/8", "12/10/8", "3 sets of 12, 10 and 8 reps": reps for each set; where
        # the sets given do not match them, one number: the range of them
        listed = r"(\d{1,3}(?:\s*/\s*\d{1,3})+)(?![\d/])(?:\s*(?:reps?|repetitions)\b)?"
        # (from a list's first number only: tried at each number, a long list is quadratic)
        commas = (
            r"(?<!,)(?<!,\s)(\d{1,3}(?:\s*,\s*\d{1,3})+(?:\s*,?\s*and\s*\d{1,3})?)\s*,?\s*"
            r"(?:reps?|repetitions)\b"  # ("6, 4, 3, 3, 4, 6, reps": a stray comma)
        )
        # "One Set of 10 at 55 lbs, One Set of Eight at 65 lbs, ...": a set at a time
        one = r"\b1\s+set\s+of\s+\d{1,3}(?:\s+reps?)?(?:\s+(?:at|@)\s+(?:\x01\d+\x01|\d{1,4}))?"
        if m := self.take(rf"{one}(?:\s*,\s*(?:and\s+)?{one}|\s+and\s+{one})*"):
            reps = [int(r) for r in re.findall(r"\bof\s+(\d+)", m[0])][:MAX_PER_SET]
            f.sets, f.reps = num(len(reps)), num(max(reps))
            f.set_reps = reps if len(set(reps)) > 1 else []
            if loads := [self.kept[int(k)] for k in re.findall(r"\x01(\d+)\x01", m[0])]:
                f.notes.append(f"at {', '.join(loads)}")  # (the loads, for the cue)
        # "Bench Press: 10-rep warmup, 5x5": the warm-up set is said, the sets are the rest
        if m := self.take(r"\b(\d{1,2})[- ]?reps?\s+warm[- ]?up(?:\s+set)?\b"):
            f.notes.append(f"a warm-up set of {m[1]}")
        # "squats 135x5x3" in a log: the load, then reps, then sets
        if m := self.take(rf"{start}(\d{{2,4}}(?:\.\d)?)\s*x\s*(\d{{1,2}})\s*x\s*(\d{{1,2}})\b"):
            f.reps, f.sets = num(int(m[2])), num(int(m[3]))
            f.notes.append(f"load {m[1]}")
        # "150x3, 170x3, 195x14": a log's sets, a load and its reps each (the reps a range:
        # what was done, as the loads went up)
        # ("Press 170x1, 160x4,4,4, 145x5": five sets)
        pair = r"(\d{2,4}(?:\.\d)?)\s*x\s*\d{1,2}(?:,\d{1,2}\b(?!\s*x))*"
        m = _compiled(rf"{start}{pair}(?:\s*,\s*{pair}){{1,19}}(?![\d.x])").search(self.s)
        if m and float(m[1]) >= _LEAST_LOAD:
            self.cut(m)
            said = re.findall(r"([\d.]+)\s*x\s*(\d+(?:,\d+\b(?!\s*x))*)", m[0], re.I)
            reps = [int(r) for _, done in said for r in done.split(",")]
            f.sets, f.reps = num(len(reps)), num(min(reps), max(reps))
            f.notes.append("loads " + ", ".join(load for load, _ in said))
        # "Press 170x1", "160x4,4,4": a load no count of sets reaches, then the reps of each set
        loaded = (
            rf"{start}(\d{{2,4}}(?:\.\d)?)\s*x\s*(\d{{1,2}}(?:,\d{{1,2}}){{0,19}})"
            rf"(?![\d.,:]|\s*(?:{_UNIT}|m|x)\b)"
        )
        if (m := _compiled(loaded).search(self.s)) and float(m[1]) >= _LEAST_LOAD:
            self.cut(m)
            said = [int(r) for r in m[2].split(",")]
            f.reps = num(min(said), max(said))
            f.sets = num(len(said)) if len(said) > 1 else None
            f.notes.append(f"load {m[1]}")
        # "Windmill: 16kg - 5/5", "Clean & press: 1/1, 2/2": the same count for the left and
        # the right, a set each pair (unequal pairs are men's and women's, "20/16 cal")
        # (not "Bike 15/15 x 10": intervals, said so; not "Week 1/1", "Day 2/2")
        sided = _compiled(
            r"(?<![x*]\s)(?<![\d/:.x*])\d{1,2}/\d{1,2}(?:\s*,\s*\d{1,2}/\d{1,2}){0,19}"
            r"(?![\d/])(?!\s*[x*]\s?\d)"
        )
        m = sided.search(self.s)
        pairs = [p.split("/") for p in re.findall(r"\d+/\d+", m[0])] if m else []
        dated = m and re.search(
            r"\b(?:week|wk|day|tag|semana|d[ií]a)\W*$", self.s[: m.start()], re.I
        )
        # ("Hip 90/90 transitions" names a position)
        if m and not (self.heading or dated) and all(a == b and 0 < int(a) <= 50 for a, b in pairs):
            self.cut(m)
            reps = [int(a) for a, _ in pairs]
            f.reps, f.sides = num(max(reps)), True
            if len(reps) > 1:
                f.sets = num(len(reps))
                f.set_reps = reps if len(set(reps)) > 1 else []
        if (
            m := self.take(rf"{start}(\d+)\s*(?:sets?\s*)?[x*]\s*{listed}")
            or self.take(rf"(){start}(?=\d+\s*/\s*\d+\s*/){listed}")
            or self.take(rf"(?:{start}(\d+)\s*(?:sets?\s*)?(?:[x*]|of)\s*)?{start}{commas}")
            # "Barbell curl: 12, 10, 8, 6": three or more after a colon end the line
            or self.take(r"()(?<=:)\s*(\d{1,3}(?:\s*,\s*\d{1,3}){2,})\s*$")
        ):
            reps = [int(r) for r in re.findall(r"\d+", m[2])]
            sets = int(m[1]) if m[1] else len(reps)
            f.sets, f.reps = num(sets), num(min(reps), max(reps))
            if sets == len(reps) <= MAX_PER_SET:
                f.set_reps, f.reps = reps, num(max(reps))
        m = (
            self.take(rf"{start}{n}\s*(?:sets?\s*)?[x*]\s*{amount}{reps_word}")
            or self.take(rf"{start}{n}\s*sets?\s*(?:of\s*|x\s*|,\s*)?{amount}{reps_word}")
            or self.take(rf"(){_TIME_OR}\s*[x*]\s*(\d+)\b(?!\s*(?:reps?|{_UNIT}))")
        )
        if m and m[1]:
            f.sets = _reps(m[1])
            self.amount(m[2])
        elif m:  # "30 seconds x 3"
            f.sets, f.work = _reps(m[3]), span(m[2])
        elif m := self.take(rf"{start}{n}\s*(?:sets?\b|x\s*(?=\x01))"):
            f.sets = _reps(m[1])
        if f.reps is None and f.work is None and not f.max_reps:
            m = (
                self.take(rf"{start}({_REPS})\s*(?:(?!{_UNIT}\b)[a-z]+\s+)?(?:reps?|repetitions)\b")
                or self.take(
                    rf"(?<![\w.:/-])x\s*({_REPS})(?:\b|(?=ea\b))"
                    rf"(?!\s*(?:rounds?|times|{_UNIT}(?![a-z])))"
                )
                or self.take(rf"{start}({_REPS})(?=\s*(?:{_SIDES}|(?:each|per)\s*$))")
            )
            if m:
                f.reps = _reps(m[1])
        if self.take(
            r"\b(?:max(?:imum)?(?: reps?)?|to failure|as many (?:reps )?as (?:you can|possible))\b"
        ):
            f.max_reps = True
            # "As Many Reps As Possible in 1 minute x 4 rounds": each move for that minute
            if (
                f.reps is None
                and f.work is None
                and (m := self.take(rf"\b(?:in|within)\s+({_ONE_TIME})"))
            ):
                f.work = span(m[1])
        self.take(r"\b(?:to|as a)\s+(?:warm[- ]?up|cool[- ]?down|finish)\b")
        if f.reps is not None and (m := self.take(rf"\b(?:in|within)\s+({_ONE_TIME})")):
            f.set_time = to_ms(m[1])
        if f.work is None:
            each = r"(?:exercise|move|movement|station)"
            m = self.take(rf"\b(?:each|every)\s+{each}\s+(?:for\s+)?({TIME})") or self.take(
                rf"({TIME})\s+(?:per|each|for each|on each|of each|at each)\s+(?:{each}|round)\b"
            )  # ("3 minutes per round": a round of one drill, a boxer's or a class's)
            if self.heading:  # "Circuit: 30s each"
                m = m or self.take(rf"({TIME})\s+each\b(?!\s+(?:side|leg|arm|way))")
            if m:
                f.each_work = span(m[1])
            elif m := self.take(
                rf"(?:\bfor\s+|\bwork\s*:?\s*)?({TIME})(?:\s+(?:of\s+)?work|\s+of(?=\s+[a-z]))?"
            ):
                if self.heading and not f.reps and f.template != "emom":
                    f.each_work = span(m[1])  # "Circuit: 30s each" and the like
                else:
                    f.work = span(m[1])
        if f.reps is None and f.work is None and not f.max_reps and not self.heading:
            # "10 push-ups", "Do 15 rotations each way"
            m = self.take(
                r"^\W*(?:(?:do|perform|complete)\s+)?(\d+)(?:\s*(?:-|to)\s*(\d+))?\s+(?=[a-z\x01])"
            )
            # "Shoulder rolls (10 shoulder rolls)"
            m = m or self.take(r"\(\s*(\d+)()\s+[a-z][a-z' -]{0,40}\)")
            if m:
                f.reps = num(int(m[1]), int(m[2] or m[1]))
            elif m := self.take(r"(?:\s[-:]\s*|\s)(\d+(?:\s*-\s*\d+)?)\s*\W*$"):
                f.reps, f.bare = _reps(m[1]), True  # "Pull-ups - 6", or "Week 1"?

    def amount(self, text: str) -> None:
        f = self.found
        t = text.lower()
        if t in ("max", "amrap", "failure"):  # ("3 x failure": three sets, each to failure)
            f.max_reps = True
        elif re.fullmatch(_REPS, t):
            f.reps = _reps(t)
        else:
            f.work = span(t)

    def leftover(self, *, name: bool = False) -> str:
        """What was not taken, with the loads put back: the name (the first piece with
        words, and the loads), or the whole rest as a list."""
        restore = lambda t: re.sub(r"\x01(\d+)\x01", lambda m: self.kept[int(m[1])], t)  # noqa: E731
        parts = [trim(p, _LINKS if self.heading else _FILLER) for p in self.s.split("\x02")]
        if not name:
            return restore(", ".join(p for p in parts if p))
        first = next((p for p in parts if has_words(p)), next((p for p in parts if p), ""))
        loads = [p for p in parts if p and p != first and not has_words(p) and "\x01" in p]
        return restore(" ".join([first, *loads]).strip())


_DISTANCE = re.compile(
    r"(\d{1,6}(?:\.\d{1,3})?)\s*(m|meters?|metres?|km|kilometers?|kilometres?|mi|miles?"
    r"|yds?|yards?)",
    re.IGNORECASE,
)
_A_DISTANCE = re.compile(rf"(?<![\d.]){_DISTANCE.pattern}\b", re.IGNORECASE)  # (not "3 min")
# A unit as a routine writes it, and its length in metres.
_DISTANCE_UNITS = {"m": ("m", 1.0), "k": ("km", 1000.0), "i": ("mi", 1609.344), "y": ("yd", 0.9144)}


def distance(text: str) -> str:
    """A distance as a routine gives it ("400m", "5km", "1mi"), or "" if ``text`` is
    none; a fraction of a unit in whole metres ("1.5 km": "1500m")."""
    m = _DISTANCE.fullmatch(text.strip())
    if not m:
        return ""
    word = m[2].lower()
    unit, metres = _DISTANCE_UNITS["i" if word.startswith("mi") else word[0]]
    value = float(m[1])
    if not value.is_integer():
        value, unit = round(value * metres), "m"
    return f"{int(value)}{unit}" if 1 <= value <= 100_000 else ""


def has_words(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2,}", re.sub(r"\x01\d+\x01", "", text)))


_FILLER = (
    r"(?:of|for|x|and|then|with|at|@|each|per|reps?|sets?|do|perform|complete|take|"
    r"(?:finish|start|begin|end|warm up|cool down) with|followed by|"
    r"aim|try|to|accomplish|total|in|on|off|between|after|work|seconds?|secs?|minutes?|mins?|"
    r"after that|came|comes|next(?: up)?|another|"  # ("after that came lunges", "and another")
    r"repeat|keep going|continue|"  # ("Sit to stand - repeat for 20 secs")
    r"times|rounds?|rest|:|-|,|;|\.|\+|&|/|\||=|\(|\))"
)


_LINKS = r"(?:of|for|x|and|then|with|at|@|:|-|,|;|\.|\+|&|/|\||=|\(|\))"


def trim(text: str, filler: str = _FILLER) -> str:
    """A name without the little words the notations around it left behind (a heading
    keeps more of its words: "Main set" is a name). Works on words, from both ends, so a
    run of little words costs one step each."""
    t = re.sub(r"\(\s*\)", "", " ".join(text.split()))
    words = t.split()
    ends = filler if filler == _LINKS else rf"(?:{filler}|a|an|the)"
    head, tail = re.compile(filler, re.I), re.compile(ends, re.I)
    i, j = 0, len(words)
    changed = True
    while changed and i < j:  # each pass drops a word or some punctuation, or stops
        changed = False
        for n in (3, 2, 1):  # "warm up with", "followed by", "of"
            if j - i >= n and head.fullmatch(" ".join(words[i : i + n])):
                i, changed = i + n, True
                break
        for n in (3, 2, 1):
            if j - i >= n and tail.fullmatch(" ".join(words[j - n : j])):
                j, changed = j - n, True
                break
        if i < j:
            first = words[i].lstrip(_PUNCT)
            if first != words[i]:
                words[i], changed = first, True
            last = words[j - 1].rstrip(_PUNCT)
            if last != words[j - 1]:
                words[j - 1], changed = last, True
            i += not words[i]
            j -= i < j and not words[j - 1]
    t = " ".join(w for w in words[i:j] if w)
    if t.count("(") != t.count(")"):
        t = t.replace("(", "").replace(")", "").strip()
    return t


_PUNCT = "-:,;.+&/|=*"


SHORT_HOLD_MS = 10_000  # a hold shorter than this is held in each rep, not done as a set


def repeated(f: Found, times: Num) -> None:
    """ "Hold for 5 seconds, repeat 10 times": a short hold repeated is 10 reps with the
    hold in each; a stretch held 10 seconds or more, 3 times, is 3 sets of it."""
    if f.hold and not (f.reps or f.work):
        held = f.hold.time
        # ("hold 5-10 seconds, repeat 10 times"; a ten-second hold done five times or more
        # is a physio's rep, done three times a stretch's set)
        if held.low < SHORT_HOLD_MS or (held.high == SHORT_HOLD_MS and times.low >= 5):
            f.reps, f.hold = times, replace(f.hold, each="rep")
        else:
            f.sets = times
        f.rounds = None


def _scope(word: str | None, scope: str | None) -> Scope:
    if not scope:
        return "after" if word == "after" else ""
    s = scope.lower()
    if s.startswith("set"):
        return "sets"
    if s.startswith(("round", "circuit", "superset", "block", "pair", "giant")):
        return "rounds"
    return "exercises"


def _cap(text: str) -> int:
    return int(text) * 60_000 if text.isdigit() else to_ms(text)


# Equipment an exercise's name or description names, first match first.
_KIT = tuple(
    (re.compile(pattern, re.IGNORECASE), thing)
    for pattern, thing in (
        (r"\bdumb-?bells?\b|\bdbs?\b", "dumbbells"),
        (r"\bkettle-?bells?\b|\bkbs?\b", "a kettlebell"),
        (r"\bbar-?bells?\b", "a barbell"),
        (r"\b(?:stability|swiss|exercise) balls?\b", "a stability ball"),
        (r"\b(?:medicine|med|wall|slam) ?balls?\b", "a medicine ball"),
        (r"\bbench\b", "a bench"),
        (r"\bbands?\b", "a resistance band"),
        (r"\bbox\b", "a box"),
        (r"\b(?:pull|chin)-? ?ups?\b", "a pull-up bar"),
        (r"\b(?:jump|skipping) ?ropes?\b|\bdouble[- ]unders?\b", "a jump rope"),
        (r"\brower\b|\browing machine\b|\berg\b", "a rowing machine"),
        (r"\bsandbags?\b", "a sandbag"),
        (r"\btrx\b", "a suspension trainer"),
        (r"\bchair\b", "a chair"),
        (r"\btowel\b", "a towel"),
        (r"\bcables?\b", "a cable machine"),
    )
)


def kit_named(text: str) -> str:
    """The equipment a move's name or description names ("" when it names none)."""
    return next((thing for pattern, thing in _KIT if pattern.search(text)), "")


def scan(text: str, *, heading: bool = False) -> Found:
    """Every notation in ``text``, and the name that remains. A heading reads "x3" and
    "3 sets" as rounds and "30s" as the time of each exercise."""
    return _scanned(text, heading).copy()


@functools.lru_cache(maxsize=2048)
def _scanned(text: str, heading: bool) -> Found:
    # The reader asks about the same line more than once (is it a heading, what does its
    # section list): read once, handed out as copies since callers fill them in.
    return Scan(text, heading=heading).run()
