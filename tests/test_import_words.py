"""Counts written as Italian and French words ("tre serie da dieci ripetizioni", "trois
séries de douze répétitions") and German counts ("20 mal", "30 Stück") read as the numbers
they are, and the words that only look
like numbers ("sei" for "you are", "quoi de neuf", "once more") left as words. Every text
here is written for these tests."""

from __future__ import annotations

import unicodedata

import pytest
import yaml

from repcast.notes.importer import import_text
from repcast.notes.notation import Num, scan

Move = tuple[str, int, int | None, int | None]  # name, sets, reps, work in ms


def _moves(text: str) -> list[Move]:
    return [(e.name, e.sets, e.reps, e.work_ms) for e in import_text(text).routine.exercises]


def _amounts(text: str) -> list[tuple[int, int | None, int | None]]:
    return [move[1:] for move in _moves(text)]


def _bare(text: str) -> str:
    """The text typed without accents, as on a keyboard that has none."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


ITALIAN = (
    "Gambe e core\n\n"
    "1. Squat: tre serie da dieci ripetizioni\n"
    "2. Affondi: quattro serie da ventitré\n"
    "3. Plank: trenta secondi\n"
    "4. Jumping jack: ventun secondi\n"
    "5. Corsa sul posto: due minuti\n"
    "6. Stacco: sei serie da otto\n"
    "7. Ponte glutei: un minuto e mezzo\n"
    "8. Panca: cinque serie da sei\n"
    "9. Clamshell: sei per lato\n"
)
ITALIAN_MOVES = [
    ("Squat", 3, 10, None),
    ("Affondi", 4, 23, None),
    ("Plank", 1, None, 30_000),
    ("Jumping jack", 1, None, 21_000),
    ("Corsa sul posto", 1, None, 120_000),
    ("Stacco", 6, 8, None),
    ("Ponte glutei", 1, None, 90_000),
    ("Panca", 5, 6, None),
    ("Clamshell", 1, 6, None),
]


def test_italian_counts_in_words() -> None:
    assert _moves(ITALIAN) == ITALIAN_MOVES


def test_italian_counts_typed_with_the_other_accent_or_none() -> None:
    for spelling in ("ventitrè", "ventitre"):
        assert _amounts(ITALIAN.replace("ventitré", spelling)) == [m[1:] for m in ITALIAN_MOVES]


def test_italian_rounds_and_prose() -> None:
    circuit = (
        "Circuito: quattro giri, recupero un minuto tra i giri\n\n"
        "- Squat: quindici ripetizioni\n- Plank: trenta secondi\n"
    )
    block = yaml.safe_load(import_text(circuit).yaml)["blocks"][0]
    assert (block["rounds"], block["rest_between_rounds"]) == (4, "1m")
    assert [(m["name"], m.get("reps"), m.get("work")) for m in block["exercises"]] == [
        ("Squat", 15, None),
        ("Plank", None, "30s"),
    ]
    told = (
        "Il mio allenamento\n\nOggi ho fatto tre serie da dieci squat e poi il plank per "
        "trenta secondi.\n"
    )
    assert _moves(told) == [("Squat", 3, 10, None), ("Plank", 1, None, 30_000)]


FRENCH = (
    "Renforcement\n\n"
    "1. Squats - trois séries de douze répétitions\n"
    "2. Fentes - trois séries de vingt-deux\n"
    "3. Gainage - quinze secondes\n"
    "4. Chaise - deux minutes\n"
    "5. Jumping jacks - trente et une secondes\n"
    "6. Burpees - dix fois\n"
    "7. Pompes - quatre séries de dix-sept\n"
    "8. Dips - deux séries de seize\n"
    "9. Mountain climbers - une minute et demie\n"
)
FRENCH_AMOUNTS = [
    (3, 12, None),
    (3, 22, None),
    (1, None, 15_000),
    (1, None, 120_000),
    (1, None, 31_000),
    (10, None, 40_000),  # "ten times" of a move without a count: ten sets, as in English
    (4, 17, None),
    (2, 16, None),
    (1, None, 90_000),
]


@pytest.mark.parametrize("text", [FRENCH, _bare(FRENCH)], ids=["accents", "no accents"])
def test_french_counts_in_words(text: str) -> None:
    assert _amounts(text) == FRENCH_AMOUNTS


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("vingt-deux", 22),
        ("vingt deux", 22),
        ("vingt et un", 21),
        ("vingt-et-un", 21),
        ("quarante-huit", 48),
        ("dix neuf", 19),
        ("soixante", 60),
    ],
)
def test_french_numbers_with_hyphens_or_spaces(written: str, value: int) -> None:
    assert _amounts(f"Jambes\n\n- Squats : {written} répétitions\n") == [(1, value, None)]


@pytest.mark.parametrize(
    ("written", "value"),
    [("diciassette", 17), ("trentotto", 38), ("quarantuno", 41), ("cinquantanove", 59)],
)
def test_italian_numbers_that_drop_a_vowel(written: str, value: int) -> None:
    assert _amounts(f"Gambe\n\n- Squat: {written} ripetizioni\n") == [(1, value, None)]


# Near misses: a word that is a number in one language and something else in another.


def test_the_italian_verb_sei_is_no_count() -> None:
    # "se sei per strada": if you are out on the road. Read as six, the line lost its run.
    text = "Cardio\n\n- Corsa se sei per strada: dieci minuti\n- Burpees: dieci ripetizioni\n"
    assert _moves(text) == [
        ("Corsa se sei per strada", 1, None, 600_000),
        ("Burpees", 1, 10, None),
    ]


def test_quoi_de_neuf_and_the_articles_are_no_counts() -> None:
    text = (
        "Séance\n\n- Rien de neuf : planche trente secondes\n"
        "- Rowing avec un haltère : trois séries de dix\n"
        "- Planche sur une jambe : vingt et une secondes\n"
    )
    assert _moves(text) == [
        ("Rien de neuf : planche", 1, None, 30_000),
        ("Rowing avec un haltère", 3, 10, None),
        ("Planche sur une jambe", 1, None, 21_000),
    ]


def test_english_words_that_are_numbers_elsewhere_stay_english() -> None:
    # "once" is Spanish eleven, "elf" German eleven, "Otto" Italian eight, "seize" French
    # sixteen: here they are English, and the counts are the digits beside them.
    text = (
        "Finisher\n\n- Squat 3x10\n- Then once more: lunges 2x8\n"
        "- Elf on the shelf crawl 20 seconds\n- Lunges for Otto 2x12\n"
    )
    assert _moves(text) == [
        ("Squat", 3, 10, None),
        ("Once more: lunges", 2, 8, None),
        ("Elf on the shelf crawl", 1, None, 20_000),
        ("Lunges for Otto", 2, 12, None),
    ]


def test_a_word_that_is_also_a_number_counts_before_a_unit_or_after_its_own_of() -> None:
    text = "Forza\n\n- Trazioni: due serie da otto\n- Squats : trois séries de sept\n"
    assert _amounts(text) == [(2, 8, None), (3, 7, None)]


def test_german_counts_with_mal_and_stueck() -> None:
    text = (
        "Mattenprogramm\n\nWir trainieren zwei mal pro Woche zusammen.\n\n"
        "1. Beinheben im Sitz 20 mal pro Bein\n2. Seitliche Planks 8 mal pro Seite\n"
        "3. Crunches 30 Stück\n4. Brücke 15mal\n"
    )
    assert _amounts(text) == [(1, 20, None), (1, 8, None), (1, 30, None), (1, 15, None)]
    sides = [e.sides for e in import_text(text).routine.exercises]
    assert sides == [True, True, False, False]


def test_minutes_written_with_a_prime_and_a_repeat_up_to_a_count() -> None:
    text = "Track\n\nWarmup: 10\u2032 easy\nWorkout: 6 x 400m\nCooldown: 10\u2032 easy\n"
    assert [e.work_ms for e in import_text(text).routine.exercises][::2] == [600_000, 600_000]
    feet = "Yard work\n\n- 20 x 10\u2032 sled drag\n"  # (a count of a length: feet)
    assert import_text(feet).routine.exercises[0].work_ms != 600_000
    # "up to 4 times": at most four, a range, so the routine's number is marked as guessed
    assert scan("Run through it up to 4 times").rounds == Num(4, 1, 4)
