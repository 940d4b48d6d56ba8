"""Numbers and durations as words a listener understands ("forty-five seconds", not "45s").

One ``Words`` per language; get it with ``words_for("de")``. ``number(n)`` gives the form
used for counting ("one", "eins", "uno"); ``number(n, gender)`` the form that stands before
a noun of that gender ("m", "f" or "n": "eine Minute", "un minuto", "veintiún segundos").
``thing(noun)`` is a thing named in a routine (equipment, what to hold) as it stands in a
sentence: English gives it its article ("a bench"); German and Spanish cannot know a
noun's gender, so their phrasebooks are worded to need none ("Material: banco").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Words:
    language: str
    cardinal: Callable[[int, str], str]  # (n, gender) → words; gender "" is the counting form
    units: Mapping[str, tuple[str, str, str]]  # hour/minute/second → (one, many, gender)
    half_second: str  # 500 ms
    with_half: Callable[[Words, int], str]  # whole seconds → "one and a half seconds"
    conjunction: Callable[[str], str]  # the word for "and" before the given item
    and_in_durations: bool = False  # "un minuto y treinta segundos"
    thing: Callable[[str], str] = str  # a named thing as it stands in a sentence

    def number(self, n: int, gender: str = "") -> str:
        """Cardinal words for 0 ≤ n < 1,000,000 (negative numbers get a minus)."""
        return self.cardinal(n, gender)

    def amount(self, n: int, unit: str) -> str:
        """``n`` of ``unit`` (hour, minute, second; m, km, mi, yd): "one minute", "eine
        Minute", "four hundred metres"."""
        one, many, gender = self.units[unit]
        return f"{self.number(n, gender)} {one if n == 1 else many}"

    def _parts(self, parts: list[str]) -> str:
        return self.join(parts) if self.and_in_durations else " ".join(parts)

    def duration(self, ms: int) -> str:
        """``90_000`` → "one minute thirty seconds"; under ten seconds keeps halves."""
        total = round(ms / 1000)
        if ms < 10_000 and ms % 1000:
            halves = round(ms / 500)
            whole, half = divmod(halves, 2)
            if half:
                return self.with_half(self, whole) if whole else self.half_second
        hours, rest = divmod(total, 3600)
        minutes, secs = divmod(rest, 60)
        parts = []
        if hours:
            parts.append(self.amount(hours, "hour"))
        if minutes:
            parts.append(self.amount(minutes, "minute"))
        if secs or not parts:
            parts.append(self.amount(secs, "second"))
        return self._parts(parts)

    def rough_duration(self, ms: int) -> str:
        """Whole minutes for long spans ("twenty-four minutes"), exact below two minutes."""
        if ms < 120_000:
            return self.duration(ms)
        minutes = round(ms / 60_000)
        hours, minutes = divmod(minutes, 60)
        parts = [self.amount(hours, "hour")] if hours else []
        if minutes:
            parts.append(self.amount(minutes, "minute"))
        return self._parts(parts)

    def join(self, items: list[str]) -> str:
        """``["a", "b", "c"]`` → "a, b and c"."""
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self.conjunction(items[-1])} " + items[-1]


# English ------------------------------------------------------------------------------

_EN_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _en(n: int, gender: str = "") -> str:
    if n < 0:
        return "minus " + _en(-n)
    if n < 20:
        return _EN_ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _EN_TENS[tens] + (f"-{_EN_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_EN_ONES[hundreds]} hundred" + (f" and {_en(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    sep = " and " if 0 < rest < 100 else " "
    return f"{_en(thousands)} thousand" + (f"{sep}{_en(rest)}" if rest else "")


# Words that already determine a noun: it gets no article of ours.
_EN_DETERMINERS = frozenset(
    "a an the my your his her its our their this that these those some any each every no "
    "both one two three four five six seven eight nine ten".split()
)
_EN_UNCOUNTABLE = frozenset({"chalk", "space", "tape", "water"})
_EN_LETTERS_AN = frozenset("AEFHILMNORSX")  # letters whose name starts with a vowel: "an L-sit"


def _en_thing(noun: str) -> str:
    """``noun`` with "a" or "an", unless it is plural (its last word ends in s), one of a
    few uncountable nouns, or already starts with a determiner, a possessive or a number."""
    words = noun.split()
    if not words:
        return noun
    first, last = words[0], words[-1].lower()
    if (
        first.lower() in _EN_DETERMINERS
        or first[0].isdigit()
        or first.lower().endswith(("'s", "\u2019s"))
        or (last.endswith("s") and not last.endswith(("ss", "us", "is")))
        or last in _EN_UNCOUNTABLE
    ):
        return noun
    head = first.split("-")[0]
    if head.isupper() and len(head) <= 4:  # letters said one by one: "an L-sit", "a TRX"
        vowel = head[0] in _EN_LETTERS_AN
    else:
        low = first.lower()
        vowel = low[0] in "aeiou" and not low.startswith(("uni", "use", "usu", "uti", "eu", "one"))
    return f"{'an' if vowel else 'a'} {noun}"


# German -------------------------------------------------------------------------------

_DE_ONES = (
    "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn "
    "vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn"
).split()
_DE_TENS = "_ _ zwanzig dreißig vierzig fünfzig sechzig siebzig achtzig neunzig".split()


def _de_stem(n: int) -> str:
    """Words for 1 ≤ n < 1000 as they stand inside a compound: "ein", "hundertein"."""
    if n == 1:
        return "ein"
    if n < 20:
        return _DE_ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (f"{_de_stem(ones)}und" if ones else "") + _DE_TENS[tens]
    hundreds, rest = divmod(n, 100)
    head = "hundert" if hundreds == 1 else f"{_DE_ONES[hundreds]}hundert"
    return head + (_de_stem(rest) if rest else "")


def _de_tail(n: int) -> str:
    """A compound's last part: a final one is "eins" ("hunderteins", "tausendeins")."""
    return _de_stem(n) + ("s" if n % 100 == 1 else "") if n else ""


def _de(n: int, gender: str = "") -> str:
    if n < 0:
        return "minus " + _de(-n)
    if n == 1:
        return {"f": "eine", "m": "ein", "n": "ein"}.get(gender, "eins")
    if n == 0:
        return "null"
    thousands, rest = divmod(n, 1000)
    head = "" if not thousands else "tausend" if thousands == 1 else _de_stem(thousands) + "tausend"
    return head + _de_tail(rest)


# Spanish ------------------------------------------------------------------------------

_ES_ONES = (
    "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce "
    "quince dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés "
    "veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve"
).split()
_ES_TENS = "_ _ _ treinta cuarenta cincuenta sesenta setenta ochenta noventa".split()
_ES_HUNDREDS = (
    "_ ciento doscientos trescientos cuatrocientos quinientos seiscientos setecientos "
    "ochocientos novecientos"
).split()


def _es_gender(word: str, gender: str) -> str:
    """Counting "uno" becomes "un"/"una" before a noun; "-cientos" agrees with it too."""
    if gender == "f":
        word = word.replace("cientos", "cientas")
    if word.endswith("uno") and gender in ("m", "f", "n"):
        ending = "una" if gender == "f" else "ún" if word.endswith("veintiuno") else "un"
        return word[:-3] + ending
    return word


def _es_below_1000(n: int) -> str:
    if n < 30:
        return _ES_ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _ES_TENS[tens] + (f" y {_ES_ONES[ones]}" if ones else "")
    if n == 100:
        return "cien"
    hundreds, rest = divmod(n, 100)
    return _ES_HUNDREDS[hundreds] + (f" {_es_below_1000(rest)}" if rest else "")


def _es(n: int, gender: str = "") -> str:
    if n < 0:
        return "menos " + _es(-n, gender)
    thousands, rest = divmod(n, 1000)
    if not thousands:
        return _es_gender(_es_below_1000(rest), gender)
    # "mil", "veintiún mil", "doscientas mil (personas)"
    head = "" if thousands == 1 else _es(thousands, "f" if gender == "f" else "m") + " "
    return head + "mil" + (f" {_es(rest, gender)}" if rest else "")


def _es_and(following: str) -> str:
    """ "y", but "e" before an /i/ sound: "pesas e hilo", not before "hielo"."""
    low = following.lower()
    if low.startswith(("i", "í", "hi", "hí")) and not low.startswith(("hie", "hia")):
        return "e"
    return "y"


# --------------------------------------------------------------------------------------

_WORDS = MappingProxyType(
    {
        "en": Words(
            "en",
            _en,
            MappingProxyType(
                {
                    "hour": ("hour", "hours", ""),
                    "minute": ("minute", "minutes", ""),
                    "second": ("second", "seconds", ""),
                    "m": ("metre", "metres", ""),
                    "km": ("kilometre", "kilometres", ""),
                    "mi": ("mile", "miles", ""),
                    "yd": ("yard", "yards", ""),
                }
            ),
            "half a second",
            lambda w, k: f"{w.number(k)} and a half seconds",
            lambda _: "and",
            thing=_en_thing,
        ),
        "de": Words(
            "de",
            _de,
            MappingProxyType(
                {
                    "hour": ("Stunde", "Stunden", "f"),
                    "minute": ("Minute", "Minuten", "f"),
                    "second": ("Sekunde", "Sekunden", "f"),
                    "m": ("Meter", "Meter", "m"),
                    "km": ("Kilometer", "Kilometer", "m"),
                    "mi": ("Meile", "Meilen", "f"),
                    "yd": ("Yard", "Yards", "n"),
                }
            ),
            "eine halbe Sekunde",
            lambda w, k: f"{w.number(k, 'n')}einhalb Sekunden",  # "eineinhalb", "zweieinhalb"
            lambda _: "und",
        ),
        "es": Words(
            "es",
            _es,
            MappingProxyType(
                {
                    "hour": ("hora", "horas", "f"),
                    "minute": ("minuto", "minutos", "m"),
                    "second": ("segundo", "segundos", "m"),
                    "m": ("metro", "metros", "m"),
                    "km": ("kilómetro", "kilómetros", "m"),
                    "mi": ("milla", "millas", "f"),
                    "yd": ("yarda", "yardas", "f"),
                }
            ),
            "medio segundo",
            lambda w, k: f"{w.amount(k, 'second')} y medio",  # "un segundo y medio"
            _es_and,
            and_in_durations=True,
        ),
    }
)


def words_for(language: str) -> Words:
    """The words for ``language`` ("en", "de" or "es"); KeyError for any other."""
    try:
        return _WORDS[language]
    except KeyError as exc:
        raise KeyError(f"no number words for language {language!r}") from exc
