"""Numbers, durations and phrasebooks in every language RepCast speaks."""

from __future__ import annotations

import string
from importlib import resources

import pytest

from repcast.coach.words import words_for
from repcast.routine.model import Voice
from repcast.routine.phrases import LANGUAGES, phrasebook_for
from repcast.voice.speech import speak, speaker

NUMBERS = {
    0: ("zero", "null", "cero"),
    1: ("one", "eins", "uno"),
    7: ("seven", "sieben", "siete"),
    16: ("sixteen", "sechzehn", "dieciséis"),
    21: ("twenty-one", "einundzwanzig", "veintiuno"),
    30: ("thirty", "dreißig", "treinta"),
    45: ("forty-five", "fünfundvierzig", "cuarenta y cinco"),
    99: ("ninety-nine", "neunundneunzig", "noventa y nueve"),
    100: ("one hundred", "hundert", "cien"),
    101: ("one hundred and one", "hunderteins", "ciento uno"),
    121: ("one hundred and twenty-one", "hunderteinundzwanzig", "ciento veintiuno"),
    1000: ("one thousand", "tausend", "mil"),
    1999: (
        "one thousand nine hundred and ninety-nine",
        "tausendneunhundertneunundneunzig",
        "mil novecientos noventa y nueve",
    ),
}

DURATIONS = {
    500: ("half a second", "eine halbe Sekunde", "medio segundo"),
    1_500: ("one and a half seconds", "eineinhalb Sekunden", "un segundo y medio"),
    30_000: ("thirty seconds", "dreißig Sekunden", "treinta segundos"),
    45_000: ("forty-five seconds", "fünfundvierzig Sekunden", "cuarenta y cinco segundos"),
    60_000: ("one minute", "eine Minute", "un minuto"),
    90_000: (
        "one minute thirty seconds",
        "eine Minute dreißig Sekunden",
        "un minuto y treinta segundos",
    ),
    3_660_000: ("one hour one minute", "eine Stunde eine Minute", "una hora y un minuto"),
}

ORDER = ("en", "de", "es")


def _cases(table: dict[int, tuple[str, str, str]]) -> list[tuple[str, int, str]]:
    return [(lang, n, said[i]) for n, said in table.items() for i, lang in enumerate(ORDER)]


@pytest.mark.parametrize(("lang", "n", "said"), _cases(NUMBERS))
def test_number(lang: str, n: int, said: str) -> None:
    assert words_for(lang).number(n) == said


@pytest.mark.parametrize(("lang", "ms", "said"), _cases(DURATIONS))
def test_duration(lang: str, ms: int, said: str) -> None:
    assert words_for(lang).duration(ms) == said


def test_numbers_before_nouns_agree() -> None:
    de, es = words_for("de"), words_for("es")
    assert [de.number(1, g) for g in ("", "f", "m")] == ["eins", "eine", "ein"]
    assert de.number(21, "f") == "einundzwanzig"
    assert de.number(101_000) == "hunderteintausend"
    assert [es.number(1, g) for g in ("", "f", "m")] == ["uno", "una", "un"]
    assert [es.number(21, g) for g in ("", "f", "m")] == ["veintiuno", "veintiuna", "veintiún"]
    assert es.number(31, "m") == "treinta y un"
    assert es.number(201, "f") == "doscientas una"
    assert es.number(21_000) == "veintiún mil"
    assert es.duration(21_000) == "veintiún segundos"
    assert es.rough_duration(81 * 60_000) == "una hora y veintiún minutos"


def test_rough_duration_and_join() -> None:
    en, de, es = (words_for(lang) for lang in ORDER)
    assert en.rough_duration(24 * 60_000) == "twenty-four minutes"
    assert de.rough_duration(24 * 60_000 + 20_000) == "vierundzwanzig Minuten"
    assert es.rough_duration(24 * 60_000) == "veinticuatro minutos"
    assert de.rough_duration(90_000) == "eine Minute dreißig Sekunden"
    assert en.join(["dumbbells", "a bench", "a ball"]) == "dumbbells, a bench and a ball"
    assert de.join(["Hanteln", "eine Bank"]) == "Hanteln und eine Bank"
    assert es.join(["mancuernas", "un banco", "una pelota"]) == "mancuernas, un banco y una pelota"
    assert es.join(["mancuernas", "hilo"]) == "mancuernas e hilo"
    assert [w.join([]) for w in (en, de, es)] == ["", "", ""]
    assert de.join(["Matte"]) == "Matte"


def test_unknown_language() -> None:
    with pytest.raises(KeyError):
        words_for("fr")


@pytest.mark.parametrize(
    ("noun", "spoken"),
    [
        ("stability ball", "a stability ball"),
        ("bench", "a bench"),
        ("high plank", "a high plank"),
        ("exercise mat", "an exercise mat"),
        ("unit", "a unit"),
        ("L-sit", "an L-sit"),
        ("TRX", "a TRX"),
        # Plurals and a few uncountable nouns take none.
        ("dumbbells", "dumbbells"),
        ("resistance bands", "resistance bands"),
        ("chalk", "chalk"),
        ("glass", "a glass"),
        # Written with an article, a possessive or a number: left as written.
        ("a bench", "a bench"),
        ("an exercise mat", "an exercise mat"),
        ("the deep lunge", "the deep lunge"),
        ("your mat", "your mat"),
        ("child's pose", "child's pose"),
        ("two kettlebells", "two kettlebells"),
        ("2 dumbbells", "2 dumbbells"),
    ],
)
def test_english_things_get_their_article(noun: str, spoken: str) -> None:
    assert words_for("en").thing(noun) == spoken


def test_german_and_spanish_things_stay_as_written() -> None:
    for lang in ("de", "es"):
        assert words_for(lang).thing("hohe Plank") == "hohe Plank"


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_phrasebooks_match_english() -> None:
    data = resources.files("repcast").joinpath("data")
    found = sorted(p.name for p in data.iterdir() if p.name.startswith("phrases-"))
    assert found == sorted(f"phrases-{lang}.yaml" for lang in LANGUAGES)
    en = phrasebook_for("en").texts
    for lang in LANGUAGES:
        book = phrasebook_for(lang).texts
        assert sorted(book) == sorted(en), lang
        for key, template in en.items():
            text = book[key]
            assert isinstance(text, str) and text.strip(), (lang, key)
            assert _placeholders(text) == _placeholders(template), (lang, key)
            # Counted phrases keep "singular|plural"; the singular may spell out its own
            # "one" ("eine Übung"), but the plural needs the number.
            if key in ("reps", "exercises", "sets"):
                assert text.count("|") == 1, (lang, key)
                assert "{n}" in text.split("|")[1], (lang, key)


@pytest.mark.parametrize(
    ("voice", "text"),
    [
        ("de", "Pause, eine Minute dreißig Sekunden. Als Nächstes: einundzwanzig Liegestütze."),
        ("es", "Descansa, un minuto y treinta segundos. A continuación: veintiuna flexiones."),
    ],
)
def test_espeak_speaks_the_language(voice: str, text: str) -> None:
    clip = speak(speaker(Voice(name=voice)), text)
    seconds = clip.frames / clip.rate
    assert clip.pcm
    # About 15 characters a second at the default rate; far longer would mean spelling.
    assert 0.03 * len(text) < seconds < 0.15 * len(text), seconds
