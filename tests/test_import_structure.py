"""Structures of real workout texts the importer reads: a format said in a sentence before
the list, a superset's pair on one line, abbreviations. Every text here is written for
these tests."""

from __future__ import annotations

import pytest
import yaml

from repcast.errors import InputError
from repcast.notes.importer import import_text, read_rules
from repcast.notes.notation import normalize, num, scan


def _doc(text: str) -> dict:
    return yaml.safe_load(import_text(text).yaml)


def _sets_and_reps(text: str) -> list[tuple[str, int, int | None]]:
    return [(e.name, e.sets, e.reps) for e in import_text(text).routine.exercises]


def test_a_format_said_in_a_sentence_before_the_list_is_its_block() -> None:
    text = (
        "Saturday challenge\n\n"
        "Some weeks I split this into two AMRAPs of 8 minutes each. Today it is one "
        "15 minute AMRAP. Start a timer and cycle through the list below.\n\n"
        "- 30 skips\n- 15 air squats\n- 10 push-ups\n"
    )
    blocks = _doc(text)["blocks"]
    assert len(blocks) == 1
    amrap = blocks[0]["amrap"]
    assert amrap["cap"] == "15m"
    assert [m["name"] for m in amrap["exercises"]] == ["Skips", "Air squats", "Push-ups"]


def test_an_explainer_without_a_list_is_still_no_workout() -> None:
    text = (
        "What is an AMRAP?\n\nAn AMRAP is a list of moves you repeat until the clock runs "
        "out. A 20 minute AMRAP is a common length. Most gyms write them on a board.\n"
    )
    with pytest.raises(InputError, match="no exercise found"):
        import_text(text)


def test_a_superset_pair_on_one_line() -> None:
    text = (
        "Day 1\n\nA1) Front squat 4x6-8 A2) Nordic curl 4x 4-6ea\n\n"
        "B1) DB bench press 3x10 B2) Chest supported row 3x12\n"
    )
    routine = import_text(text).routine
    assert [e.name for e in routine.exercises] == [
        "Front squat",
        "Nordic curl",
        "DB bench press",
        "Chest supported row",
    ]
    squat, nordic = _doc(text)["blocks"][0]["exercises"]
    assert (squat["reps"], nordic["reps"], nordic.get("sides")) == (8, 6, True)


def test_page_furniture_is_no_title() -> None:
    text = "Top of page\n\nLeg day\n\n- Lunges 3x10\n- Step-ups 3x12\n"
    assert _doc(text)["title"] == "Leg day"


def test_labels_before_names_are_not_part_of_them() -> None:
    text = (
        "Lunchtime circuit\n\n30 seconds exercise \u2013 15 seconds rest\n\n"
        "- Exercise 1 \u2013 Reverse lunge\n- Exercise 2 \u2013 Skater hops\n- Step 3: Plank\n"
    )
    interval = _doc(text)["blocks"][0]["tabata"]
    assert (interval["work"], interval["rest"]) == ("30s", "15s")
    assert [m["name"] for m in interval["exercises"]] == ["Reverse lunge", "Skater hops", "Plank"]


def test_an_exercise_that_would_make_a_day_of_training_is_left_out_and_said() -> None:
    text = "Bike and core\n\n- Bike 90 minutes x 20\n- Push-ups 3 x 10\n- Plank 3 x 30s\n"
    result = import_text(text, "b.txt")
    assert [e.name for e in result.routine.exercises] == ["Push-ups", "Plank"]
    (left,) = [g for g in result.guesses if g.field == "exercises"]
    assert left.describe("b.txt") == (
        "b.txt:3: exercises: Bike left out (with it, the workout would last 30.3 hours; "
        "the limit is 24)"
    )
    assert import_text(text).strict_error() is not None


def test_a_tri_set_labelled_1a_1b_with_its_numbers_on_the_next_line() -> None:
    text = (
        "Shoulders\n\n1A Landmine press\n\nSets 3 Reps 10 Rest 15sec\n\n"
        "- Keep the ribs down.\n\n1B Cable lateral raise\n\nSets: 3, Reps: 15\n\n"
        "1C Face pull\n\nSets 3 Reps 20 Rest 90sec\n"
    )
    doc = _doc(text)
    (block,) = doc["blocks"]
    assert block["rounds"] == 3
    assert [(m["name"], m["reps"]) for m in block["exercises"]] == [
        ("Landmine press", 10),
        ("Cable lateral raise", 15),
        ("Face pull", 20),
    ]


def test_sets_and_reps_said_once_for_a_list_of_bare_names() -> None:
    text = (
        "Pull session\n\nA short one today.\n\n- Rack pull\n- Pendlay row\n- Chin-up\n\n"
        "Every exercise is 4 sets, a little heavier each set. Each set is 6-8 reps.\n\n"
        "Then the finishers, always 2 sets per exercise.\n\n- Hammer curl\n- Reverse fly\n"
    )
    moves = import_text(text).routine.exercises
    assert [(e.name, e.sets) for e in moves] == [
        ("Rack pull", 4),
        ("Pendlay row", 4),
        ("Chin-up", 4),
        ("Hammer curl", 2),
        ("Reverse fly", 2),
    ]
    assert [e.reps for e in moves[:3]] == [8, 8, 8]  # the upper end of 6-8, marked guessed


def test_a_numbered_move_that_starts_with_a_verb_is_a_move_not_a_step() -> None:
    text = (
        "Park circuit\n\n"
        "1. Jumping jacks. Keep going for 45 seconds.\n"
        "2. Push ups. On your knees if you need to. Keep going for 30 seconds.\n"
        "3. Squat jumps. Land softly every time. Keep going for 40 seconds.\n"
    )
    moves = import_text(text).routine.exercises
    assert [(e.name, e.work_ms) for e in moves] == [
        ("Jumping jacks", 45_000),
        ("Push ups", 30_000),
        ("Squat jumps", 40_000),
    ]


def test_moves_run_on_one_line_between_dashes() -> None:
    text = (
        "Travel complex\n\n"
        "Bear crawl - 5 Goblet squats - Halo - Single arm swing - Rest 30s - Repeat 4 times\n"
    )
    names = [e.name for e in import_text(text).routine.exercises]
    assert names == ["Bear crawl", "Goblet squats", "Halo", "Single arm swing"]
    # a remark after a dash stays a remark
    one = import_text("Legs\n\n- Split squats 3x8 - switch legs each round\n").routine
    assert [e.name for e in one.exercises] == ["Split squats"]


def test_poses_listed_with_commas_are_each_a_move() -> None:
    text = "Evening flow\n\n- Cat cow 1 min\n- Warrior one, Triangle, Tree pose, Pigeon\n"
    names = [e.name for e in import_text(text).routine.exercises]
    assert names == ["Cat cow", "Warrior one", "Triangle", "Tree pose", "Pigeon"]


def test_a_log_with_a_line_for_each_set_gives_the_number_of_sets() -> None:
    text = (
        "Tuesday, week 3\n\nFront squat\n\n8x 40kg (warm up)\n5x 60kg\n5x 70kg\n3x 80kg\n\n"
        "Push press\n\n5 x 40 kg\n5 x 45 kg\n4 x 50 kg\n"
    )
    assert _sets_and_reps(text) == [
        ("Front squat", 4, 8),  # 3 to 8 reps: the upper end, marked as guessed
        ("Push press", 3, 5),
    ]


def test_for_time_said_in_passing_opens_no_block() -> None:
    text = (
        "Strong arms for runners\n\nIf you are not running for time, train the arms simply "
        "to move better.\n\n- Bench dips 3x10\n- Push-ups 3x12\n"
    )
    doc = _doc(text)
    assert "blocks" not in doc
    assert [m["name"] for m in doc["exercises"]] == ["Bench dips", "Push-ups"]


def test_a_scheme_for_two_moves_named_on_one_line() -> None:
    text = "Pyramid day\n\nPush-ups and squats: 1-2-3-2-1\n"
    moves = [(e.name, e.reps) for e in import_text(text).routine.exercises]
    assert moves == [
        ("Push-ups", 1),
        ("Squats", 1),
        ("Push-ups", 2),
        ("Squats", 2),
        ("Push-ups", 3),
        ("Squats", 3),
        ("Push-ups", 2),
        ("Squats", 2),
        ("Push-ups", 1),
        ("Squats", 1),
    ]


def test_a_minute_label_before_a_timed_move() -> None:
    text = "EMOM 12\nMin 1: 12 KB swings\nMin 2: 8 burpees\nMin 3: 30 s plank\n"
    moves = import_text(text).routine
    plank = _doc(text)["blocks"][0]["emom"]["exercises"][2]
    assert (plank["name"], plank["work"]) == ("Plank", "30s")
    assert moves.blocks[0].name == "EMOM"


def test_common_whiteboard_and_sheet_shorthands() -> None:
    rft = _doc("5 RFT\n400m run\n15 KB swings\n10 pull-ups\n")
    piece = rft["blocks"][0]["for_time"]
    assert piece["rounds"] == 5
    rests = import_text(
        "Back\n\nLat pulldown 4x10 (rest 90s)\nFace pulls 3x15 - 45s rest\n"
    ).routine.exercises
    assert [(e.name, e.sets, e.reps) for e in rests] == [
        ("Lat pulldown", 4, 10),
        ("Face pulls", 3, 15),
    ]
    sheet = import_text(
        "Home exercises\n\nBridges - hold 5 seconds, 10 reps, 3 times a day\n"
        "Clamshells - 15 each side, twice daily\n"
    ).routine.exercises
    assert [e.name for e in sheet] == ["Bridges", "Clamshells"]  # how often is no move
    assert (sheet[0].reps, sheet[1].reps, sheet[1].sides) == (10, 15, True)
    daily = scan("Squeezes - 20 reps, for a total of 3 sets a day")
    assert (daily.sets, daily.reps) == (None, num(20))


def test_a_day_heading_between_two_lists() -> None:
    text = "Push day\nBench press 5x5\nCable fly 3x12\n\nPull day\nDeadlift 3x5\nBarbell row 4x8\n"
    doc = _doc(text)
    assert doc["title"] == "Push day"
    assert [b["name"] for b in doc["blocks"]][-1] == "Pull day"
    names = [e.name for e in import_text(text).routine.exercises]
    assert names == ["Bench press", "Cable fly", "Deadlift", "Barbell row"]


def test_a_first_line_about_the_session_is_its_description() -> None:
    text = (
        "A 20-minute session for the living room.\n\n- 20 squats\n- 15 push-ups\nRepeat 3 times.\n"
    )
    result = import_text(text, "lounge.txt", "lounge")
    doc = yaml.safe_load(result.yaml)
    assert doc["description"] == "A 20-minute session for the living room."
    assert [e.name for e in result.routine.exercises] == ["Squats", "Push-ups"]
    assert doc["title"] == "Lounge"  # from the file, marked as guessed
    assert any(g.field == "title" for g in result.guesses)


def test_lines_of_numbers_in_other_languages_are_not_joined_as_prose() -> None:
    german = import_text(
        "Beintag\nKniebeugen 4 Sätze à 8 Wiederholungen, Pause 90 Sekunden\n"
        "Ausfallschritte 3x10 pro Seite\n"
    ).routine.exercises
    assert [(e.name, e.sets, e.reps, e.sides) for e in german] == [
        ("Kniebeugen", 4, 8, False),
        ("Ausfallschritte", 3, 10, True),
    ]
    assert german[0].rest_before(2) == 90_000
    french = import_text(
        "Séance jambes\nSquats : 4 séries de 10 répétitions, repos 1'30''\n"
        "Fentes : 3 x 12 par jambe\nGainage 45''\n"
    ).routine.exercises
    assert french[0].rest_before(2) == 90_000
    assert (french[1].reps, french[1].sides) == (12, True)
    assert french[2].work_ms == 45_000


def test_a_distance_without_a_name_takes_the_move_from_the_title() -> None:
    (row,) = import_text("Rowing, Tuesday\n\n4 x 500m, 2 min rest\n").routine.exercises
    assert (row.name, row.sets, row.rest_before(2)) == ("Row", 4, 120_000)
    # a name right above the numbers is the exercise itself
    (row,) = import_text("Row intervals\n4 x 500m, 2 min rest\n").routine.exercises
    assert (row.name, row.sets, row.distance) == ("Row intervals", 4, (500, "m"))


def test_a_hold_for_each_stretch_and_a_physio_hold() -> None:
    text = "Cool down stretches (hold each 30 s):\nHamstring stretch\nQuad stretch\n"
    moves = import_text(text).routine.exercises
    assert [(e.name, e.work_ms) for e in moves] == [
        ("Hamstring stretch", 30_000),
        ("Quad stretch", 30_000),
    ]
    (raise_,) = import_text(
        "Knee\n\nStraight leg raise: hold 5, 10 reps, 3 times a day.\n"
    ).routine.exercises
    assert raise_.name == "Straight leg raise" and raise_.reps == 10
    assert raise_.hold is not None and (raise_.hold.ms, raise_.hold.each) == (5_000, "rep")


def test_a_named_benchmark_and_rounds_said_after_a_line_of_moves() -> None:
    cindy = _doc("Cindy: AMRAP 20 min of 5 pull-ups, 10 push-ups, 15 squats\n")["blocks"][0]
    assert cindy["name"] == "Cindy" and cindy["amrap"]["cap"] == "20m"
    assert [m["reps"] for m in cindy["amrap"]["exercises"]] == [5, 10, 15]
    finisher = _doc("Finisher\n10 burpees, 20 mountain climbers, 30 jumping jacks x3 rounds\n")[
        "blocks"
    ][0]
    assert finisher["rounds"] == 3
    assert [m.get("sets") for m in finisher["exercises"]] == [None, None, None]
    emom = _doc("EMOM 10\nOdd: 12 cal row\nEven: 10 burpees\n")["blocks"][0]["emom"]
    assert emom["exercises"][0]["reps"] == 12


def test_a_workout_told_in_prose_clause_by_clause_and_in_other_languages() -> None:
    english = import_text(
        "Hotel workout\n\nI started with 50 jumping jacks to warm up. Then I did 4 sets of 12 "
        "push-ups and 4 sets of 20 squats. I finished with a 60 second plank.\n"
    ).routine.exercises
    assert [(e.name, e.sets) for e in english] == [
        ("Jumping jacks", 1),
        ("Push-ups", 4),
        ("Squats", 4),
        ("Plank", 1),
    ]
    spanish = import_text(
        "Rutina en casa sin material\n\nPara empezar, calienta cinco minutos. Después haz 3 "
        "series de 15 sentadillas. Luego 3 series de 10 flexiones. Termina con una plancha de "
        "30 segundos.\n"
    ).routine.exercises
    assert [(e.name, e.sets, e.reps, e.work_ms) for e in spanish] == [
        ("Calienta", 1, None, 300_000),  # "calienta cinco minutos": warm up five minutes
        ("Sentadillas", 3, 15, None),
        ("Flexiones", 3, 10, None),
        ("Plancha", 1, None, 30_000),
    ]


def test_rounds_said_before_or_under_a_list() -> None:
    complete = _doc(
        "Complete 3 rounds of the following:\n- 10 push-ups\n- 15 squats\n"
        "Rest 60 seconds between rounds.\n"
    )
    (block,) = complete["blocks"]
    assert (block["name"], block["rounds"], block["rest_between_rounds"]) == ("Circuit", 3, "1m")
    colon = _doc("Core\n3 sets: 10 leg raises, 20 bicycle crunches, 30s plank\n")["blocks"][0]
    assert colon["rounds"] == 3 and len(colon["exercises"]) == 3
    under = _doc("Circuit\n15 kettlebell swings\n10 goblet squats\n5 burpees\nx 3\n")["blocks"][0]
    assert under["rounds"] == 3 and len(under["exercises"]) == 3
    tabata = _doc("Tabata (8 rounds each, 20/10):\n1. Squat jumps\n2. Push-ups\n")
    assert tabata["title"] != "Tabata (8 rounds each, 20/10)"
    assert tabata["blocks"][0]["name"] == "Tabata"


def test_a_blog_with_numbers_under_each_heading_and_a_card_of_labels() -> None:
    blog = (
        "# Three moves for sleepy glutes\n\nYou sit all day. Wake them up.\n\n"
        "## 1. Glute bridge\n\nLie on your back, knees bent, and lift the hips.\n\n"
        "**Sets:** 3 | **Reps:** 15\n\n## 2. Clamshell\n\nLie on your side and open the top "
        "knee.\n\nDo 3 sets of 20 on each side.\n"
    )
    moves = import_text(blog).routine.exercises
    assert [(e.name, e.sets, e.reps, e.sides) for e in moves] == [
        ("Glute bridge", 3, 15, False),
        ("Clamshell", 3, 20, True),
    ]
    card = "Bulgarian split squat\nReps: 10 per leg\nSets: 3\n\nHip thrust\nReps: 12\nSets: 4\n"
    moves = import_text(card).routine.exercises
    assert [(e.name, e.sets, e.reps) for e in moves] == [
        ("Bulgarian split squat", 3, 10),
        ("Hip thrust", 4, 12),
    ]


def test_spanish_prose_with_its_numbers_in_words() -> None:
    text = (
        "Ejercicios para hacer en casa\n\nEl primer ejercicio son las sentadillas: haz tres "
        "series de quince repeticiones. El segundo son las flexiones de brazos, dos series de "
        "diez. Por último, la plancha abdominal durante treinta segundos.\n"
    )
    moves = import_text(text).routine.exercises
    assert [(e.name, e.sets, e.reps, e.work_ms) for e in moves] == [
        ("Sentadillas", 3, 15, None),
        ("Flexiones de brazos", 2, 10, None),
        ("Plancha abdominal", 1, None, 30_000),
    ]
    rest = import_text(
        "Piernas\n\n- Sentadillas: 4 series de 12, descansa 60 segundos entre series\n"
        "- Zancadas: 3 series de 10\n"
    ).routine.exercises
    assert rest[0].rest_before(2) == 60_000


def test_a_break_after_each_set_follows_each_move_done_once() -> None:
    text = (
        "Thursday circuit\n\nTake a 1 - 2 minute break after each set.\n\n"
        "Step 1: Wall push-ups\n1 set of 15\n\nStep 2: Chair squats\n1 set of 20\n\n"
        "Step 3: Step-ups\n1 set of 12\n"
    )
    moves = _doc(text)["exercises"]
    assert [m.get("rest_after") for m in moves] == ["2m", "2m", None]  # then the outro


def test_a_time_between_sets_said_in_a_sentence_is_the_rest() -> None:
    # The blocks are the sets: the rest comes after each block, not after each move.
    text = (
        "Short circuit\n\nPush hard on every move, with 40 seconds between sets.\n\n"
        "Set 1 - 30s Star jumps, 30s Skaters\n\nSet 2 - 20s Lunges, 20s Bear crawl\n\n"
        "Set 3 - 20s High knees, 20s Plank\n"
    )
    blocks = _doc(text)["blocks"]
    assert [[m.get("rest_after") for m in b["exercises"]] for b in blocks] == [
        [None, "40s"],
        [None, "40s"],
        [None, None],  # the last: the outro follows
    ]
    press = _doc("Press\n\n- Floor press 3x10, 75 seconds between sets\n")["exercises"][0]
    assert press["rest"] == "1m15s"


def test_rests_said_set_by_set_are_a_rest_for_each_set() -> None:
    text = (
        "Leg day\n\nEvery pair: Rest 1:30 after Set 1, Rest 1:00 after Set 2, "
        "Rest 0:40 after Set 3.\n\nGoblet squat 4x10\nHip thrust 4x12\n"
    )
    for move in _doc(text)["exercises"]:
        assert move["rest"] == ["1m30s", "1m", "40s"]


def test_a_rest_said_about_a_time_is_that_time() -> None:
    text = (
        "Evening rounds\n\nDo 4 rounds, resting about 2 minutes between rounds.\n\n"
        "- 3 pull-ups\n- 8 push-ups\n- 12 squats\n"
    )
    block = _doc(text)["blocks"][0]
    assert (block["rounds"], block["rest_between_rounds"]) == (4, "2m")


def test_a_question_is_no_exercise() -> None:
    text = (
        "Friday finisher\n\nWhat is an AMRAP?\n\nHow many rounds can you do in 12 minutes?\n\n"
        "- 10 burpees\n- 20 air squats\n\nWhat is a burpee? Squat, kick back, jump.\n"
    )
    (block,) = _doc(text)["blocks"]
    assert block["amrap"]["cap"] == "12m"  # "how many rounds can you do": as many as you can
    assert [m["name"] for m in block["amrap"]["exercises"]] == ["Burpees", "Air squats"]


@pytest.mark.parametrize(
    "said",
    [
        "Complete as many rounds as you can in 15 minutes.",
        "In 15 minutes, do as many rounds as possible of:",
        "15 minutes, as many rounds as possible:",
    ],
)
def test_an_amrap_said_in_words(said: str) -> None:
    (block,) = _doc(f"Garage session\n\n{said}\n\n- 5 pull-ups\n- 10 push-ups\n")["blocks"]
    assert block["amrap"]["cap"] == "15m"


def test_a_cap_said_under_the_list_is_the_list_s() -> None:
    chipper = (
        "Saturday chipper\n\nFor time:\n40 wall balls\n30 box jumps\n20 burpees\n\n"
        "Time cap: 18 minutes\n"
    )
    assert _doc(chipper)["blocks"][0]["for_time"]["cap"] == "18m"
    rounds = "Hero day\n\n5 rounds:\n- 10 thrusters\n- 15 pull-ups\n\n25 minute cap\n"
    timed = _doc(rounds)["blocks"][0]["for_time"]  # a cap makes the rounds a race
    assert (timed["cap"], timed["rounds"]) == ("25m", 5)


def test_every_three_minutes_times_five() -> None:
    block = _doc("E3MOM x 5:\n5 front squats\n5 burpees\n")["blocks"][0]
    # both moves in each of five three-minute intervals
    assert _window(block) == ("3m", 15, [("Front squats", 5), ("Burpees", 5)])


def _window(block: dict) -> tuple[str, int, list[tuple[str, int | None]]]:
    """An EMOM whose moves are all done in every interval: its interval, minutes, moves."""
    emom = block["emom"]
    assert emom["together"] is True
    moves = [(m["name"], m.get("reps")) for m in emom["exercises"]]
    return emom.get("every", "1m"), emom["minutes"], moves


def test_a_tabata_for_each_move_gives_each_its_intervals() -> None:
    text = (
        "Tabata Tuesday\n\nTabata (8 rounds of 20s on / 10s off) for each:\n"
        "1. Squats\n2. Push-ups\n3. Mountain climbers\n"
    )
    tabata = _doc(text)["blocks"][0]["tabata"]
    assert (tabata["intervals"], tabata["work"], tabata["rest"]) == (24, "20s", "10s")


def test_two_moves_apart_by_a_slash_each_with_their_numbers() -> None:
    text = "Arms\n\nSuperset: Bicep curl 3x12 / Tricep pushdown 3x12\nPull-ups / Ring rows 3x8\n"
    names = [e.name for e in import_text(text).routine.exercises]
    # (the second line: either move, one exercise, not a page's breadcrumbs)
    assert names == ["Bicep curl", "Tricep pushdown", "Pull-ups / Ring rows"]


def test_a_run_with_its_warm_up_cool_down_and_jog_recoveries() -> None:
    text = (
        "Tuesday track\n\nWarm up 12 min easy\n6 x 800m at 5k pace with 90 sec jog recovery\n"
        "Cool down 10 min\n"
    )
    doc = _doc(text)
    moves = [m for b in doc["blocks"] for m in b["exercises"]]
    assert [(m["name"], m.get("work")) for m in (moves[0], moves[2])] == [
        ("Warm up", "12m"),
        ("Cool down", "10m"),
    ]
    assert (moves[1]["sets"], moves[1]["distance"], moves[1]["rest"]) == (6, "800m", "1m30s")


def test_a_hold_repeated_is_reps_when_short_and_sets_when_a_stretch() -> None:
    text = (
        "Ankle homework\n\n1. Heel raises \u2013 10 repetitions, 3 sets, twice daily\n"
        "2. Towel scrunches: hold for 5 seconds, repeat 10 times\n"
        "3. Calf stretch: hold 30 seconds, 3 times each leg\n"
    )
    raises, scrunch, stretch = _doc(text)["exercises"]
    assert (raises["sets"], raises["reps"]) == (3, 10)
    assert (scrunch["reps"], scrunch["hold"]["for"], scrunch["hold"]["each"]) == (10, "5s", "rep")
    assert (stretch["sets"], stretch["work"], stretch["sides"]) == (3, "30s", True)


def test_a_move_s_name_over_how_to_do_it_is_no_title() -> None:
    # No title, no blank line: the first name sits under the opening paragraph.
    text = (
        "Nerves glide better when the joints around them move. Two minutes a day helps.\n"
        "Wall calf stretch\n"
        "Face a wall, hands on it, one foot back. Keep the heel down and lean in.\n"
        "Program: Hold for 2 minutes on each leg, once a day.\n\n"
        "Seated nerve glide\n"
        "Sit tall on a chair. Straighten one knee while you lift your chin, then return.\n"
        "Program: Repeat this 12 times on each side, holding for 2 seconds.\n"
    )
    stretch, glide = _doc(text)["exercises"]
    assert (stretch["name"], stretch["work"], stretch["sides"]) == ("Wall calf stretch", "2m", True)
    assert (glide["name"], glide["reps"], glide["hold"]["for"]) == ("Seated nerve glide", 12, "2s")


def test_a_time_and_a_rest_for_each_exercise_said_before_the_list() -> None:
    text = (
        "Bodyweight blast\n\nDo each exercise for 40 seconds with 20 seconds rest. "
        "Complete the circuit 3 times.\n\nJump squats\nPush-ups\nPlank\n"
    )
    block = _doc(text)["blocks"][0]
    assert block["rounds"] == 3
    squats, push_ups, _ = block["exercises"]
    assert [m["work"] for m in block["exercises"]] == ["40s"] * 3
    assert (squats["rest_after"], push_ups["rest_after"]) == ("20s", "20s")


def test_a_pose_held_for_breaths_is_timed_by_them_and_says_so() -> None:
    result = import_text(
        "Morning flow\n\nDownward dog - 6 breaths\nLow lunge - 5 breaths each side\n"
    )
    dog, lunge = yaml.safe_load(result.yaml)["exercises"]
    assert (dog["name"], dog["work"], lunge["work"], lunge["sides"]) == (
        "Downward dog",
        "30s",
        "25s",
        True,
    )
    assert {g.field for g in result.guesses} >= {"exercises[0].work", "exercises[1].work"}


def test_a_long_line_that_opens_with_a_move_and_its_numbers() -> None:
    text = (
        "Pull day\n\nDeadlift 3 sets of 5 reps at 75% of your best single, 2-3 minutes rest "
        "between sets\nBarbell row 4 sets of 8, 90 seconds rest\n"
    )
    lift, row = _doc(text)["exercises"]
    assert (lift["name"], lift["sets"], lift["reps"], lift["rest"]) == ("Deadlift", 3, 5, "3m")
    assert (row["sets"], row["rest"]) == (4, "1m30s")


def test_a_rest_line_under_a_card_rests_between_its_sets() -> None:
    text = (
        "Push day\n\nBench press\n4 sets x 6-8 reps\nRest 2 minutes\n\n"
        "Incline dumbbell press\n3 sets x 10 reps\nRest 90 seconds\n"
    )
    bench, incline = _doc(text)["exercises"]
    assert (bench["rest"], incline["rest"]) == ("2m", "1m30s")


def test_a_lift_s_reps_set_by_set_in_dashes() -> None:
    text = "Strength\n\nA. Back Squat 5-5-5-3-3-3\nB. Strict press 5x5\n"
    squat, press = _doc(text)["blocks"][0]["exercises"]
    assert (squat["name"], squat["sets"], squat["reps"]) == ("Back Squat", 6, [5, 5, 5, 3, 3, 3])
    assert (press["sets"], press["reps"]) == (5, 5)


@pytest.mark.parametrize(
    "line",
    [
        "Main set: 3 rounds of 12 squats, 10 push-ups and a 30-second plank",
        "Do 3 rounds of 12 squats, 10 push-ups and a 30-second plank, resting 1 minute "
        "between rounds.",
    ],
)
def test_rounds_of_a_list_on_one_line(line: str) -> None:
    blocks = _doc(f"This week\n\n{line}\n")["blocks"]
    (block,) = [b for b in blocks if b.get("rounds")]
    assert block["rounds"] == 3
    got = [(m["name"], m.get("reps") or m.get("work")) for m in block["exercises"]]
    assert got == [("Squats", 12), ("Push-ups", 10), ("Plank", "30s")]
    if "resting" in line:
        assert block["rest_between_rounds"] == "1m"


def test_a_giant_set_s_rounds_in_brackets_and_its_rest_line() -> None:
    text = (
        "Leg day\n\nGiant set 1 (x3):\nLeg press x 15\nLeg extension x 12\n"
        "Walking lunges x 20\nRest 2 min\n"
    )
    (block,) = _doc(text)["blocks"]
    assert (block["rounds"], block["rest_between_rounds"]) == (3, "2m")


@pytest.mark.parametrize(
    ("line", "sets", "work", "rest"),
    [
        ("10 x 1 min hard / 1 min easy", 10, "1m", "1m"),
        ("8 x 30s fast, 90s walk", 8, "30s", "1m30s"),
    ],
)
def test_the_easy_part_of_an_interval_is_its_rest(
    line: str, sets: int, work: str, rest: str
) -> None:
    (piece,) = _doc(f"Treadmill\n\n{line}\n")["exercises"]
    assert (piece["sets"], piece["work"], piece["rest"]) == (sets, work, rest)


def test_a_count_of_both_legs_is_no_part_of_the_name() -> None:
    text = "Legs\n\n- 20 walking lunges (10 each leg)\n- 15 goblet squats\n"
    lunges = _doc(text)["exercises"][0]
    assert (lunges["name"], lunges["reps"], lunges["sides"]) == ("Walking lunges", 10, True)


def test_rests_said_in_french_and_german() -> None:
    text = (
        "Séance jambes\n\nSquat : 4 \u00d7 10, récup 1'30''\n"
        "Fentes : 3 \u00d7 12 par jambe, récup 1'\n\n"
        "Intervalle\n\n3 x 1000 m, Trabpause 3 min\n"
    )
    moves = _doc(text)["exercises"]  # (the 1000s under "Intervalle" take its name)
    assert [(m["sets"], m["rest"]) for m in moves] == [(4, "1m30s"), (3, "1m"), (3, "3m")]


def test_a_log_s_load_reps_and_sets_in_one() -> None:
    squats = _doc("yesterday\n\nsquats 135x5x3\nbench 3x8\n")["exercises"][0]
    assert (squats["name"], squats["sets"], squats["reps"]) == ("Squats", 3, 5)


def test_rounds_said_under_a_list_are_of_the_whole_list() -> None:
    text = (
        "Abs\n\n1. Crunches (30 seconds)\n2. Plank (60 seconds)\n3. Leg raises (30 seconds)\n\n"
        "Rest 10 seconds between moves. Do the whole routine twice.\n\n"
        "Flow\n\nMountain pose - 3 breaths\nCobra - 5 breaths\nRepeat the flow 5 times.\n"
    )
    abs_, flow = _doc(text)["blocks"]
    assert (abs_["rounds"], flow["rounds"]) == (2, 5)
    assert all("sets" not in m and "reps" not in m for b in (abs_, flow) for m in b["exercises"])


def test_numbered_stations_are_moves_of_one_circuit() -> None:
    text = (
        "Beginner circuit\n\nStation 1: Jumping jacks - 45 sec\nStation 2: Wall sit - 45 sec\n"
        "Station 3: Push-ups - 45 sec\n15 seconds to move between stations. 3 rounds.\n"
    )
    (block,) = _doc(text)["blocks"]
    assert block["rounds"] == 3
    assert [(m["name"], m["work"]) for m in block["exercises"]] == [
        ("Jumping jacks", "45s"),
        ("Wall sit", "45s"),
        ("Push-ups", "45s"),
    ]
    assert _doc(text)["defaults"]["rest_between_exercises"] == "15s"


def test_reps_said_once_of_each_move_over_a_list_of_names() -> None:
    text = (
        "Full-body dumbbell workout\n\nPerform each exercise for 12 reps, then move straight "
        "to the next. Complete 3 rounds, resting 2 minutes after each round.\n\n"
        "Dumbbell thrusters\nRenegade rows\nGoblet squats\n"
    )
    doc = _doc(text)
    assert doc["title"] == "Full-body dumbbell workout"
    (block,) = doc["blocks"]
    assert block["rounds"] == 3
    rests = doc["defaults"]
    assert (rests["rest_between_rounds"], rests["rest_between_exercises"]) == ("2m", "0s")
    assert [m["reps"] for m in block["exercises"]] == [12, 12, 12]


def test_a_buy_in_and_a_cash_out_are_parts_of_the_day() -> None:
    text = (
        "Today's WOD\n\nBuy-in: 400m run\n\nThen, 4 rounds for time:\n15 deadlifts\n"
        "12 hang power cleans\n\nCash-out: 50 double-unders\n"
    )
    blocks = _doc(text)["blocks"]
    assert [b["name"] for b in blocks][::2] == ["Buy-in", "Cash-out"]
    assert blocks[0]["exercises"][0]["name"] == "Run"


def test_a_card_s_reps_label_over_sets_of_reps() -> None:
    text = (
        "Kettlebell four\n\nMove 1 \u2014 The Goblet Squat\nHold the bell at your chest and sit "
        "down between your heels.\nReps: 3 sets of 12\n"
    )
    squat = _doc(text)["exercises"][0]
    assert (squat["sets"], squat["reps"]) == (3, 12)


def test_a_row_that_names_its_columns() -> None:
    text = (
        "Core card\n\nExercise: Plank | Time: 30 seconds | Sets: 3\n"
        "Exercise: Dead bug | Reps: 10 | Sets: 3\n"
    )
    plank, bug = _doc(text)["exercises"]
    assert (plank["name"], plank["sets"], plank["work"]) == ("Plank", 3, "30s")
    assert (bug["name"], bug["sets"], bug["reps"]) == ("Dead bug", 3, 10)


def test_counted_moves_apart_by_slashes_and_told_in_a_sentence() -> None:
    text = "Bootcamp\n\nRound 1 - 10 burpees / 15 squats / 20 lunges\n"
    assert [e.name for e in import_text(text).routine.exercises] == ["Burpees", "Squats", "Lunges"]
    told = (
        "Quickie\n\nStart with 10 push-ups, then do 20 squats and finish with a 1-minute plank. "
        "Repeat three times.\n"
    )
    (block,) = _doc(told)["blocks"]
    got = [(m["name"], m.get("reps") or m.get("work")) for m in block["exercises"]]
    assert (block["rounds"], got) == (3, [("Push-ups", 10), ("Squats", 20), ("Plank", "1m")])


def test_a_move_named_before_a_colon_then_how_to_do_it() -> None:
    text = (
        "Lower body day\n\n**Goblet squat:** Hold a dumbbell at your chest and squat deep. "
        "Do 3 sets of 10.\n\n**Walking lunge:** Step long and keep your torso upright. "
        "2 sets of 12 per leg.\n"
    )
    squat, lunge = _doc(text)["exercises"]
    assert (squat["name"], squat["sets"], squat["reps"]) == ("Goblet squat", 3, 10)
    assert (lunge["name"], lunge["sets"], lunge["reps"], lunge["sides"]) == (
        "Walking lunge",
        2,
        12,
        True,
    )
    assert squat["cue"].startswith("Hold a dumbbell")


def test_a_title_with_what_it_says_of_the_list_in_brackets() -> None:
    text = (
        "Stretching routine (hold each stretch 30 seconds, 2 times per side)\n\n"
        "- Hamstring stretch\n- Quad stretch\n"
    )
    doc = _doc(text)
    assert doc["title"] == "Stretching routine"
    assert [(m["sets"], m["work"], m["sides"]) for m in doc["exercises"]] == [(2, "30s", True)] * 2


def test_moves_joined_by_plus_under_an_emom_share_each_minute() -> None:
    for text in (
        "EMOM 10: 5 pull-ups + 10 push-ups\n",
        "Chipper Tuesday\n\nEMOM 10:\n5 pull-ups + 10 push-ups\n",
    ):
        (block,) = _doc(text)["blocks"]
        # both moves and the rest of the minute, ten times
        assert _window(block) == ("1m", 10, [("Pull-ups", 5), ("Push-ups", 10)])
    # taking turns, one move a minute, stays an EMOM
    turns = _doc("EMOM 12:\nOdd: 12 kettlebell swings\nEven: 10 burpees\n")["blocks"][0]
    assert turns["emom"]["minutes"] == 12


def test_a_class_recap_s_score_is_no_part_of_the_workout() -> None:
    text = (
        "Saturday's class recap\n\nStation work (3 rounds):\n- Kettlebell swings x 20\n"
        "- Box jumps x 10\n- Battle ropes 30 sec\n\nTop score was 9 rounds + 4. Next class: "
        "Tuesday 6 pm.\n"
    )
    ropes = _doc(text)["blocks"][0]["exercises"][-1]
    assert (ropes["name"], ropes["work"], "reps" in ropes) == ("Battle ropes", "30s", False)


def test_rests_and_holds_in_the_shorthand_of_other_languages() -> None:
    text = (
        "Oberkörper\n\nBankdrücken 4 x 8, 2 Min. Pause\nRudern 3 x 12\n\n"
        'Gambe\n\nSquat 4x10, recupero 90"\n\nReha\n\nSleeper stretch: hold 30 s x 3 each side\n'
    )
    bench, _, squat, stretch = [m for b in _doc(text)["blocks"] for m in b["exercises"]]
    assert (bench["name"], bench["rest"], "cue" in bench) == ("Bankdrücken", "2m", False)
    assert squat["rest"] == "1m30s"
    assert (stretch["sets"], stretch["work"], stretch["sides"]) == (3, "30s", True)


def test_a_magazine_circuit_told_under_each_move() -> None:
    text = (
        "Band circuit\n\nGo straight from one move to the next. At the end, rest for 60 seconds, "
        "then go through the whole list twice more from the top.\n\n"
        "Split squat\n\nBack foot on a bench, sink down and stand up again for 10 reps. "
        "When those are done, change legs and repeat.\n\n"
        "Glute bridge\n\nLift your hips, hold for a second, then lower. Do 15 reps.\n"
    )
    (block,) = _doc(text)["blocks"]
    squat, bridge = block["exercises"]
    assert block["rounds"] == 3  # twice more: three times in all
    assert (squat["reps"], squat["sides"]) == (10, True)
    assert (bridge["reps"], bridge["hold"]["for"]) == (15, "1s")


def test_a_list_numbered_with_dashes() -> None:
    text = (
        "Circuito addominali\n\n1 - Sit up 1 set da 20 ripetizioni\n"
        "2 - Rotazioni del busto con bastone sulle spalle 1 set da 20 ripetizioni\n"
        "3 - Crunch a libretto 1 set da 20 ripetizioni\n"
    )
    names = [m["name"] for m in _doc(text)["exercises"]]
    assert names == ["Sit up", "Rotazioni del busto con bastone sulle spalle", "Crunch a libretto"]


def test_a_group_item_s_sets_and_reps_over_the_items_under_it() -> None:
    text = (
        "## Heavy\n\n- *Main*: **3 Sets X 8 Reps** (3 Sets X 6-12 Reps)\n"
        "    - Incline Cable Fly - Push - Isolated - Chest\n"
        "    - Front Squat - Push - Compound - Quads - **5 Sets x 5 Reps**\n"
        "- *Extra*: **2 Sets X 12 Reps**\n"
        "    - Rope Hammer Curls - Pull - Isolated - Forearms\n"
    )
    blocks = _doc(text)["blocks"]
    got = [(m["name"][:11], m["sets"], m["reps"]) for b in blocks for m in b["exercises"]]
    # (the tags are no moves of their own; a line's own numbers win)
    assert got == [("Incline Cab", 3, 8), ("Front Squat", 5, 5), ("Rope Hammer", 2, 12)]


def test_hold_and_repeat_labels_under_a_move() -> None:
    text = (
        "Knee sheet\n- Quad squeeze\n- How to do it: Lie flat and press the knee down.\n"
        "- Hold: Keep the squeeze for 5-10 seconds.\n- Repeat: Repeat 10 times.\n"
        "- Heel slide\n- Hold: Stay bent for 5 seconds.\n"
        "- Repeat: Slide back down. Repeat 10 times on each leg.\n"
    )
    squeeze, slide = _doc(text)["exercises"]
    assert (squeeze["reps"], squeeze["hold"]["for"], squeeze["hold"]["each"]) == (10, "10s", "rep")
    assert (slide["reps"], slide["hold"]["for"], slide["sides"]) == (10, "5s", True)


def test_counted_moves_one_after_another_every_five_minutes() -> None:
    text = (
        "Tuesday\n\n4 rds\nEvery 5 Minutes complete: 20 Front Squats (145/105) 15 Kettlebell "
        "Swings (70/53) 10 Hang Power Cleans\n"
    )
    (block,) = _doc(text)["blocks"]
    every, minutes, moves = _window(block)  # all three in each five minutes, four times
    assert (every, minutes) == ("5m", 20)
    assert [(name[:12], reps) for name, reps in moves] == [
        ("Front Squats", 20),  # (a load in brackets stays in the name)
        ("Kettlebell S", 15),
        ("Hang Power C", 10),
    ]


def test_gym_shorthands_of_round_nine() -> None:
    text = (
        "Arms\n\nBarbell curl: 12, 10, 8, 6\n\n1a. Leg extension 3 x 15\n1b. Leg curl 3 x 15\n"
        "Rest 90 sec after each superset\n"
    )
    curl, pair = _doc(text)["blocks"]
    assert (curl["exercises"][0]["sets"], curl["exercises"][0]["reps"]) == (4, [12, 10, 8, 6])
    assert (pair["rounds"], pair["rest_between_rounds"]) == (3, "1m30s")
    circuit = (
        "Abs\n\nPlank: 60 sec\nCrunches: 25\nRussian twists: 20 (10 each side)\nRepeat circuit 3x\n"
    )
    (block,) = _doc(circuit)["blocks"]
    assert block["rounds"] == 3
    assert block["exercises"][-1]["name"] == "Russian twists"
    run = "Run club\n\n6 x 3 min at 10k pace with 90 s jog between\n"
    assert _doc(run)["exercises"][0]["rest"] == "1m30s"


def test_a_class_told_in_prose_with_its_recoveries() -> None:
    text = (
        "Thursday class\n\n"
        "We warmed up with five minutes of easy jogging around the hall. Then the main part: "
        "45 seconds of squat jumps, 15 seconds to recover, then 45 seconds of mountain "
        "climbers and another 15 seconds off. After that came walking lunges for 45 seconds "
        "and a plank for 45 seconds.\n"
    )
    doc = _doc(text)
    moves = doc.get("exercises") or [e for b in doc["blocks"] for e in b["exercises"]]
    assert [(m["name"], m["work"], m.get("rest_after")) for m in moves] == [
        ("Easy jogging", "5m", None),
        ("Squat jumps", "45s", "15s"),  # ("to recover", "off": rests, not moves)
        ("Mountain climbers", "45s", "15s"),
        ("Walking lunges", "45s", None),
        ("Plank", "45s", None),
    ]


def test_counted_moves_between_blank_lines_in_a_narrow_column() -> None:
    text = (
        "Circuits are the oldest trick in the\nbook. A plain session could be\n\n"
        "20 Press Ups, followed by\n\n25 Sit Ups, then\n\n12 Tuck Jumps\n\n"
        "the three of them making one set. The set\n"
        "could then be repeated four times with a three minute\nrest between each one.\n"
    )
    (block,) = _doc(text)["blocks"]
    assert [(m["name"], m["reps"]) for m in block["exercises"]] == [
        ("Press Ups", 20),
        ("Sit Ups", 25),
        ("Tuck Jumps", 12),
    ]
    assert (block["rounds"], _doc(text)["defaults"]["rest_between_rounds"]) == (4, "3m")


def test_a_flow_s_numbered_steps_are_its_poses() -> None:
    text = (
        "Evening wind-down\n\n"
        "1. Stand tall in mountain pose, arms by your sides.\n"
        "2. Reach up and fold forward, letting the head hang.\n"
        "3. Step back into a plank and hold it for three breaths.\n"
        "4. Lower down and press up into cobra.\n"
        "5. Sit back on your heels and rest in child's pose.\n"
    )
    names = [m["name"] for m in _doc(text)["exercises"]]
    assert names == ["Mountain pose", "Reach up", "Plank", "Cobra", "Child's pose"]
    steps = "Bridge\n\n1. Lie on your back with knees bent.\n2. Lift the hips.\n3. Lower slowly.\n"
    assert [m["name"] for m in _doc(steps)["exercises"]] == ["Bridge"]  # one move's steps


def test_a_comma_inside_a_move_s_brackets_does_not_split_the_line() -> None:
    text = (
        "Intervals\n\n30 seconds on, 15 seconds off, 6 rounds of each exercise.\n\n"
        "- Box jumps (the higher the box, the harder; step down each time)\n"
        "- Push-ups (knees down if you need to, chest to the floor)\n"
    )
    moves = _doc(text)["blocks"][0]["tabata"]["exercises"]
    assert [m["name"] for m in moves] == ["Box jumps", "Push-ups"]
    assert moves[0]["cue"].startswith("The higher the box, the harder")


def test_a_sentence_about_the_moves_by_their_place_is_no_warm_up() -> None:
    text = (
        "Friday intervals\n\n"
        "Start with 6 rounds of exercise #1 (work 30 seconds, rest 15 seconds). Then move on "
        "to exercise #2 and so on.\n\n- Jump squats\n- Mountain climbers\n- Plank jacks\n"
    )
    (block,) = _doc(text)["blocks"]  # (no "Warm-up" block made of the sentence)
    assert block["name"] == "Workout"
    moves = [m["name"] for m in block["exercises"]]
    assert moves == ["Jump squats", "Mountain climbers", "Plank jacks"]


def test_another_way_to_do_a_move_is_no_move_of_its_own() -> None:
    text = (
        "Park session\n\n"
        "- Gear: a mat, a bench and a timer.\n\n"
        "Push Ups\n\nHands under the shoulders, body in one line.\n\n"
        "Easier: Push Ups from a bench\n\n"
        "Step Ups\n\nOne foot on the bench, drive up through the heel.\n\n"
        "Or split squats\n\n"
        "Do each move for 40 seconds, 3 rounds.\n"
    )
    doc = _doc(text)
    moves = doc.get("exercises") or [e for b in doc["blocks"] for e in b["exercises"]]
    assert [m["name"] for m in moves] == ["Push Ups", "Step Ups"]


def test_a_move_s_name_over_a_paragraph_on_how_to_do_it() -> None:
    text = (
        "Bench and bodyweight\n\nIncline Push Ups\n\nHands on the bench, body straight as a "
        "plank.\n\nStep Ups\n\nOne foot on the bench, drive up through the heel.\n\n"
        "Do each move for 40 seconds, 3 rounds.\n"
    )
    (block,) = _doc(text)["blocks"]
    assert [(m["name"], m["work"]) for m in block["exercises"]] == [
        ("Incline Push Ups", "40s"),
        ("Step Ups", "40s"),
    ]
    assert block["rounds"] == 3


def test_a_recovery_line_is_a_rest_or_nothing_never_a_move() -> None:
    text = (
        "Track\n\n4 x 800m at 5K pace\nRecovery: 400m easy jog between each interval\n"
        "3 x 400m faster\nRecovery: 90 s walk\n"
    )
    first, second = _doc(text)["exercises"]
    assert (first["distance"], first["sets"], "rest" in first) == ("800m", 4, False)
    assert (second["distance"], second["sets"], second["rest"]) == ("400m", 3, "1m30s")


def test_a_movement_pattern_gives_way_to_the_move_in_its_brackets() -> None:
    text = (
        "Session A\n\n1. Horizontal push (Incline Push-Up or DB Press) - 3x10\n"
        "2. Vertical pull (Lat Pulldown or Band Chin-Up) - 3x8\n"
        "3. Carry/Core (Suitcase Carry or Side Plank) - 2 sets\n"
    )
    names = [m["name"] for m in _doc(text)["exercises"]]
    assert names == [
        "Incline Push-Up or DB Press",
        "Lat Pulldown or Band Chin-Up",
        "Suitcase Carry or Side Plank",
    ]


def test_a_list_of_the_moves_then_a_section_for_each_gives_each_move_once() -> None:
    text = (
        "Wind-down flow\n\nFlow from one pose to the next.\n\n"
        "Mountain Pose\n\nHalf Lift\n\nLow Lunge\n\n"
        "Mountain Pose\n\nStand tall, feet together. Stay for 5 breaths.\n\n"
        "Half Lift\n\nHands on the shins, back long. Stay for 3 breaths.\n\n"
        "Low Lunge\n\nBack knee down, hips forward. Stay for 5 breaths, then switch sides.\n"
    )
    moves = _doc(text)["exercises"]
    assert [m["name"] for m in moves] == ["Mountain Pose", "Half Lift", "Low Lunge"]
    assert all("cue" in m for m in moves)
    captioned = "Legs\n\nLeg press 3 sets 10 reps\n\nleg press\n\nLeg curl 3 sets 12 reps\n"
    assert [m["name"] for m in _doc(captioned)["exercises"]] == ["Leg press", "Leg curl"]


def test_a_move_over_bullets_of_how_to_ending_in_its_dose() -> None:
    text = (
        "Band work for the shoulder\n\nExternal Rotations\n\n"
        "- Tie one end of a band to a door handle at waist height.\n"
        "- Keep the elbow bent and tucked against your side.\n"
        "- Do it for two sets of twelve repetitions.\n\n"
        "Wall Slides\n\n- Slide your forearms up the wall and back down.\n"
        "- Work through three sets of eight repetitions.\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"], m["sets"], m["reps"]) for m in moves] == [
        ("External Rotations", 2, 12),
        ("Wall Slides", 3, 8),
    ]


def test_every_clock_time_for_a_length_is_a_window_of_moves() -> None:
    text = (
        "Kettlebell day\n\nEvery 2:00 for 16 minutes\n5 Swings\n5 Goblet Squats\n5 Push Presses\n"
    )
    (block,) = _doc(text)["blocks"]
    every, minutes, moves = _window(block)
    assert (every, minutes, [reps for _, reps in moves]) == ("2m", 16, [5, 5, 5])


def test_a_swim_set_in_pool_lengths_with_its_rests() -> None:
    text = "Pool, Tuesday\n\n4 x 100 (:20 Swim, easy\n8 x 50 (:15 Kick\n3 x 200 pull, 30 sec rest\n"
    moves = _doc(text)["exercises"]
    assert [(m["name"], m["sets"], m["distance"], m["rest"]) for m in moves] == [
        ("Swim", 4, "100m", "20s"),
        ("Kick", 8, "50m", "15s"),
        ("Pull", 3, "200m", "30s"),
    ]
    assert [m["name"] for m in _doc("Pulls\n\n3 x 10 pull-ups\n")["exercises"]] == ["Pull-ups"]


def test_a_gym_post_s_rounds_with_sides_an_effort_and_the_rest_last() -> None:
    text = (
        "Thursday\n\n7 rounds of:\n\n5 Pendlay row @ 70% of your best\n"
        "3L, 3R Kettlebell push press @ as heavy as you can manage each round\n1 minute rest\n"
    )
    (block,) = _doc(text)["blocks"]
    row, press = block["exercises"]
    assert (block["rounds"], block["rest_between_rounds"]) == (7, "1m")
    assert row["name"] == "Pendlay row @ 70% of your best"  # (a load or intensity stays)
    assert (press["name"], press["reps"], press["sides"]) == ("Kettlebell push press", 3, True)
    assert press["cue"].startswith("As heavy as you can manage")


def test_a_warm_up_s_time_over_its_list_and_sets_said_of_each() -> None:
    text = (
        "Tuesday\n\nWarm-up (6 minutes)\n- Arm circles\n- Leg swings\n- Jumping jacks\n\n"
        "Main workout\nDo 3 sets of 12 of each:\n- Dumbbell bench press\n- Seated row\n\n"
        "Walking lunges 3x20 steps\n"
    )
    warm, main = _doc(text)["blocks"][:2]
    assert [(m["name"], m["work"]) for m in warm["exercises"]] == [
        ("Arm circles", "2m"),  # (six minutes for three moves, shared: a guess, so marked)
        ("Leg swings", "2m"),
        ("Jumping jacks", "2m"),
    ]
    assert [(m["sets"], m["reps"]) for m in main["exercises"][:2]] == [(3, 12), (3, 12)]
    lunges = main["exercises"][-1]
    assert (lunges["name"], lunges["sets"], lunges["reps"]) == ("Walking lunges", 3, 20)
    assert "shared evenly" in import_text(text).yaml


def test_a_split_s_day_labels_sets_to_failure_and_lettered_pairs() -> None:
    split = (
        "Day 1: Chest & Triceps\nBench Press 4 x 10\nTricep Dips 3 x failure\n\n"
        "Day 2: Back & Biceps\nDeadlift 5 x 5\n"
    )
    doc = _doc(split)
    moves = [m for b in doc["blocks"] for m in b["exercises"]]
    assert [m["name"] for m in moves] == ["Bench Press", "Tricep Dips", "Deadlift"]
    assert (moves[1]["sets"], "reps" in moves[1]) == (3, False)  # (each set as many as you can)
    assert doc["blocks"][-1]["name"] == "Day 2: Back & Biceps"
    pairs = "Upper\n\nSuperset 1: A) Bench press 3x10 B) Bent-over row 3x10\n"
    (block,) = _doc(pairs)["blocks"]
    assert block["rounds"] == 3
    assert [(m["name"], m["reps"]) for m in block["exercises"]] == [
        ("Bench press", 10),
        ("Bent-over row", 10),
    ]


def test_a_cardio_machine_s_table_of_minutes() -> None:
    text = (
        "Bike intervals\n\nSet the levels to suit you.\n\nMinute Level RPM\n"
        "0-2 4 80\n2-3 9 95\n3-4:30 5 85\n4:30-5 12 100\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"], m["work"], m.get("rest_after")) for m in moves] == [
        ("Bike", "2m", "0s"),
        ("Bike", "1m", "0s"),
        ("Bike", "1m30s", "0s"),
        ("Bike", "30s", None),  # (the outro follows the last)
    ]
    assert moves[1]["cue"] == "At level 9, rpm 95."
    assert "rows of a table of minutes follow each other" in import_text(text).yaml


def test_stretches_named_over_bullets_of_how_to_hold_them() -> None:
    text = (
        "Five stretches for desk days\n\nA few minutes a day loosens you up.\n\n"
        "Standing Quad Stretch\n\n  • Stand tall and hold one foot behind you.\n"
        "  • Keep the knees together and the hips forward.\n"
        "  • Hold for 30 seconds and repeat on the other leg.\n\n"
        "Seated Spinal Twist\n\n  • Sit tall and turn toward the back of the chair.\n"
        "  • Hold for 20 seconds, then switch sides.\n\n"
        "Stretching after a run\n\n- Calf stretch 30s\n- Hip flexor stretch 30s\n"
    )
    blocks = _doc(text)["blocks"]
    moves = [(m["name"], m["work"], m.get("sides")) for b in blocks for m in b["exercises"]]
    assert moves == [
        ("Standing Quad Stretch", "30s", True),
        ("Seated Spinal Twist", "20s", True),
        ("Calf stretch", "30s", None),  # (under "Stretching ...": a part of the workout)
        ("Hip flexor stretch", "30s", None),
    ]
    assert blocks[-1]["name"] == "Stretching after a run"


def test_a_card_s_labelled_sets_reps_and_three_digit_tempo() -> None:
    text = (
        "Session C\n\n1A Dumbbell Reverse Lunge\n\n"
        "Sets: 2-3 Reps: 10 (each side) Tempo: 311 Rest: 60 Seconds\n\n"
        "Step back long and sink until the back knee hovers.\n"
    )
    (block,) = _doc(text)["blocks"]  # ("1A": the first of a pair, whose sets are rounds)
    (move,) = block["exercises"]
    assert (block["rounds"], move["reps"], move["sides"], move["tempo"]) == (3, 10, True, "5s")
    assert move["rest_after"] == "1m"


def test_a_number_before_a_move_named_again_below_is_its_place() -> None:
    text = (
        "Chair moves\n\n1 Shoulder Rolls\n\nShoulder Rolls\n\n"
        "  1. Sit tall and roll both shoulders back.\n  2. Repeat 10 times.\n\n"
        "2 Seated March\n\nSeated March\n\n  1. March your knees up and down for 1 minute.\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"], m.get("reps"), m.get("work")) for m in moves] == [
        ("Shoulder Rolls", 10, None),
        ("Seated March", None, "1m"),
    ]


def test_timed_moves_alone_between_blank_lines() -> None:
    text = (
        "Core after a run\n\nTen minutes for the middle.\n\nPlank 1 minute\n\n"
        "Bicycle 30 seconds\n\nHollow hold 45 seconds\n\nUnder 10 minutes in all.\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"], m["work"]) for m in moves] == [
        ("Plank", "1m"),
        ("Bicycle", "30s"),
        ("Hollow hold", "45s"),
    ]


def test_a_partner_wod_s_partner_labels_are_no_blocks() -> None:
    text = "Team day\n\n3 Rounds\nPartner 1: 15 Box Jumps\nPartner 2: 12 Wall Balls\nRest 90s\n"
    (block,) = _doc(text)["blocks"]
    assert block["rounds"] == 3
    assert [(m["name"], m["reps"]) for m in block["exercises"]] == [
        ("Box Jumps", 15),
        ("Wall Balls", 12),
    ]


def test_prose_that_goes_on_to_the_next_move_after_a_list() -> None:
    text = (
        "Legs\n\n- Back squat 4x6\n\nThen do 3 sets of 12 walking lunges, resting a minute. "
        "Sigue con prensa en máquina, 4 series por 10 repeticiones.\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"], m["sets"], m["reps"]) for m in moves] == [
        ("Back squat", 4, 6),
        ("Walking lunges", 3, 12),
        ("Prensa en máquina", 4, 10),
    ]


def test_a_time_said_of_each_over_bare_lines_then_rest_and_rounds() -> None:
    text = (
        "Cardio blast\n\n30 seconds each:\njumping jacks\nhigh knees\nskaters\n\n"
        "Rest 1 minute. Repeat 3 times.\n"
    )
    (block,) = _doc(text)["blocks"]
    assert (block["rounds"], block["rest_between_rounds"]) == (3, "1m")
    assert [(m["name"], m["work"]) for m in block["exercises"]] == [
        ("Jumping jacks", "30s"),
        ("High knees", "30s"),
        ("Skaters", "30s"),
    ]


def test_a_finisher_s_pyramid_then_sets_of_a_list() -> None:
    text = (
        "Pull day finisher\nPyramid: 1-2-3-2-1 chin-ups, rest as needed\n"
        "Then 3 sets: 10 dips, 15 squats, 20 crunches\n"
    )
    first, circuit = _doc(text)["blocks"]
    (chins,) = first["exercises"]
    assert (chins["name"], chins["sets"], chins["reps"]) == ("Chin-ups", 5, [1, 2, 3, 2, 1])
    assert circuit["rounds"] == 3
    assert [(m["name"], m["reps"]) for m in circuit["exercises"]] == [
        ("Dips", 10),
        ("Squats", 15),
        ("Crunches", 20),
    ]


def test_a_blog_s_numbered_headings_with_sets_reps_labels() -> None:
    text = (
        "# Three moves for your back\n\n## 1. Bent-Over Row\n"
        "How to: Hinge at the hips and row the dumbbells to your ribs.\n"
        "**Sets/reps:** 3 x 10-12\n\n## 2. Bird Dog\n"
        "How to: On all fours, reach out the opposite arm and leg.\n"
        "**Sets & Reps:** 3 x 10 per side\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"], m["sets"], m["reps"], m.get("sides")) for m in moves] == [
        ("Bent-Over Row", 3, 12, None),
        ("Bird Dog", 3, 10, True),
    ]


def test_numbered_moves_in_lower_case_under_an_interval_format() -> None:
    text = (
        "HIIT Tuesday!!\n\n40 sec work / 20 sec rest\nx3 rounds\n\n"
        "1) squat jumps\n2) push ups\n3) high knees\n"
    )
    (block,) = _doc(text)["blocks"]
    moves = block["tabata"]["exercises"]  # (40 s on, 20 s off: intervals)
    assert [m["name"] for m in moves] == ["Squat jumps", "Push ups", "High knees"]


def test_a_physio_sheet_s_repeats_under_each_move() -> None:
    text = (
        "Home exercise programme - Lower back\n\n1. Knee rolls\n"
        "Lie on your back with knees bent and roll them side to side.\n"
        "Repeat 10 times each side.\n\n2. Pelvic tilts\n"
        "Flatten your back into the floor. Hold for 5 seconds.\nRepeat 8 times.\n"
    )
    doc = _doc(text)
    assert doc["title"] == "Home exercise programme - Lower back"
    rolls, tilts = doc["exercises"]
    assert (rolls["reps"], rolls["sides"]) == (10, True)
    assert (tilts["reps"], tilts["hold"]["for"]) == (8, "5s")
    assert "rounds" not in doc


def test_a_timer_format_and_a_rest_in_between_rounds_said_in_prose() -> None:
    text = (
        "Five-move burner\n\nSet your timer for 40/20 and work through these moves. That's one "
        "round; do four rounds with a minute off in between.\n\n"
        "Kettlebell swings\nGoblet squats\nReverse lunges\n"
    )
    (block,) = _doc(text)["blocks"]
    assert (block["rounds"], block["rest_between_rounds"]) == (4, "1m")
    assert [(m["work"], m["rest_after"]) for m in block["exercises"]] == [("40s", "20s")] * 3
    score = "Saturday\n\n- 50 burpees for time\n\nMy best time is 4:10.\n"
    assert [e.name for e in import_text(score).routine.exercises] == ["Burpees"]


def test_a_row_told_in_a_sentence_and_readers_comments_below() -> None:
    text = (
        "Rowing intervals\n\nToday's row was simple but brutal: 5 x 500m with 2 minutes rest "
        "between each piece.\n\nComments\nJo: 1:52, 1:54, 1:55 - died on the last one!\n"
        "Sam: rowed 4 x 500 as I ran out of time.\n"
    )
    (row,) = _doc(text)["exercises"]
    assert (row["name"], row["sets"], row["distance"], row["rest"]) == ("Row", 5, "500m", "2m")


def test_a_rep_scheme_heading_over_timed_moves_and_intervals_for_a_length() -> None:
    named = (
        "90-60-30\n\nThree rounds: 90 seconds of rowing, 60 seconds of wall balls, 30 seconds of "
        "burpees. Rest 2 minutes between rounds.\n"
    )
    (block,) = _doc(named)["blocks"]
    assert [(m["name"], m["work"]) for m in block["exercises"]] == [
        ("Rowing", "1m30s"),
        ("Wall balls", "1m"),
        ("Burpees", "30s"),
    ]
    timed = (
        "Thirty-thirty\n\n30 seconds on, 30 seconds off, for 24 minutes. Rotate through:\n"
        "1. Thrusters\n2. Burpees\n3. Box jumps\n4. Rowing\n"
    )
    (block,) = _doc(timed)["blocks"]
    assert (block["tabata"]["intervals"], block["tabata"]["work"]) == (24, "30s")
    ladder = "Ladder day\n\nLadder up from 1 to 10 reps:\n- Kettlebell swings\n"
    (block,) = _doc(ladder)["blocks"]
    assert block["ladder"]["exercise"]["name"] == "Kettlebell swings"


def test_a_line_that_opens_the_next_part_closes_a_tabata() -> None:
    text = (
        "Monday\n\nThen, 1 Tabata interval (:20 sec. work/ :10 sec. rest x 8) of:\n\nBurpee\n\n"
        "And then, immediately:\n\nBroad jumps\n\n(Ex. Burpees done: 48. Broad jumps done: 48).\n\n"
        'And finally, "Time under tension":\n\nSuperman hold 2 minutes\n'
    )
    blocks = _doc(text)["blocks"]
    assert [m["name"] for m in blocks[0]["tabata"]["exercises"]] == ["Burpee"]
    assert [b["name"] for b in blocks[1:]] == ["Workout", "Time under tension"]
    assert blocks[2]["exercises"][0]["work"] == "2m"


def test_what_to_keep_doing_after_a_name_is_no_part_of_it() -> None:
    text = (
        "Charity HIIT\n\n- Sit to stand - repeat for 20 secs, 10 secs rest\n"
        "- Star jumps - keep going for 20 secs, 10 secs rest\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"], m["work"]) for m in moves] == [
        ("Sit to stand", "20s"),
        ("Star jumps", "20s"),
    ]


def test_a_round_given_to_one_drill_is_that_drill_for_a_round() -> None:
    text = (
        "Bag session\n\nHow it works:\n- 4 rounds\n- 2 minutes per round\n"
        "- 30 seconds rest in between each round\n\n"
        "Round 1. Straight Punches\nOnly straight shots, moving around the bag.\n"
        "Round 2: Switch Stance\nTurn the other way round and throw everything.\n"
        "Round 3 - Hooks Off the Jab\nStart with the jab, finish with a hook.\n"
        "Round 4. Empty the Tank\nAnything you have left, until the bell.\n"
    )
    (block,) = _doc(text)["blocks"]
    assert "rounds" not in block
    assert [(m["name"], m["work"], m.get("rest_after")) for m in block["exercises"]] == [
        ("Straight Punches", "2m", "30s"),
        ("Switch Stance", "2m", "30s"),
        ("Hooks Off the Jab", "2m", "30s"),
        ("Empty the Tank", "2m", None),
    ]
    assert block["exercises"][0]["cue"] == "Only straight shots, moving around the bag."


def test_a_table_reads_without_its_rule_and_a_logs_rows_of_one_move_are_its_sets() -> None:
    plain = (
        "Niveau 2\n\nExercice | S\u00e9ries | R\u00e9p\u00e9titions |\n"
        'Squat complet | 4 | 12 |\nRester accroupi | 3 | Tenir 20" |\n'
    )
    assert [
        (m["name"], m["sets"], m.get("reps"), m.get("work")) for m in _doc(plain)["exercises"]
    ] == [
        ("Squat complet", 4, 12, None),
        ("Rester accroupi", 3, None, "20s"),
    ]
    logged = (
        "| workout | exercise_title | set_index | set_type | weight_kg | reps |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
        "| Day A | Front squat | 1 | warm-up | 40 | 5 |\n"
        "| Day A | Front squat | 2 | working | 60 | 5 |\n"
        "| Day A | Front squat | 3 | working | 70 | 5 |\n"
        "| Day A | Pull-up | 1 | working | - | 8 |\n"
        "| Day A | Pull-up | 2 | working | - | 6 |\n"
    )
    assert [(m["name"], m["sets"], m["reps"]) for m in _doc(logged)["exercises"]] == [
        ("Front squat", 3, 5),
        ("Pull-up", 2, [8, 6]),
    ]


def test_bullets_run_onto_one_line_are_items_and_an_index_of_moves_adds_none() -> None:
    text = (
        "Couplet\n\n15-12-9 reps for time of:\u2022 Wall ball 20/14 lb\u2022 Ring rows\n\n"
        "Scaling\n\nLighter ball, higher rings.\n\nMovements\n\n- Wall ball\n- Ring rows\n"
    )
    (block,) = _doc(text)["blocks"]
    assert [m["name"] for m in block["for_time"]["exercises"]] == [
        "Wall ball 20/14 lb",
        "Ring rows",
    ]
    assert block["for_time"]["reps_per_round"] == [15, 12, 9]


def test_a_count_of_trisets_is_their_rounds_and_a_warm_up_set_is_no_working_set() -> None:
    text = (
        "Push day\n\nOverhead Press: 8-rep warmup, 4x6\n"
        "3 Trisets: 12 Dips, :20 hollow hold, diamond push-ups x 10\n"
    )
    first, trio = _doc(text)["blocks"]
    (press,) = first["exercises"]
    assert (press["sets"], press["reps"]) == (4, 6)
    assert "warm-up set of 8" in press["cue"]
    assert trio["rounds"] == 3
    assert [m["name"] for m in trio["exercises"]] == ["Dips", "Hollow hold", "Diamond push-ups"]


def test_parts_apart_by_semicolons_with_a_multiplier_are_rounds_of_their_moves() -> None:
    text = (
        "Week 2\n\nHill session: 10min easy jog; 90sec hill run, 60sec walk down \u2013 x6; "
        "8min cool down jog\n"
    )
    before, rounds, after = _doc(text)["blocks"]
    assert [(m["name"], m["work"]) for m in before["exercises"]] == [("Easy jog", "10m")]
    assert rounds["rounds"] == 6
    assert [(m["name"], m["work"]) for m in rounds["exercises"]] == [
        ("Hill run", "1m30s"),
        ("Walk down", "1m"),
    ]
    assert [(m["name"], m["work"]) for m in after["exercises"]] == [("Cool down jog", "8m")]


def test_moves_named_in_a_circuit_line_then_a_section_each_are_each_found_once() -> None:
    text = (
        "Glute session\n\nThe plan\n\n"
        "- Circuit one: curtsy lunge, frog pump\n- Circuit two: donkey kick, side plank\n\n"
        "Curtsy lunge\n\nStep one leg behind and across, then stand. Do 10 reps on each side.\n\n"
        "Frog pump\n\nSoles together, drive the hips up. Do 20 reps.\n\n"
        "Donkey kick\n\nOn all fours, press one heel to the ceiling. Do 12 reps on each side.\n\n"
        "Side plank\n\nStack the feet and lift the hips. Hold for 30 seconds.\n"
    )
    doc = _doc(text)
    moves = [m for b in doc.get("blocks", [doc]) for m in b["exercises"]]
    assert [(m["name"], m.get("reps")) for m in moves] == [
        ("Curtsy lunge", 10),
        ("Frog pump", 20),
        ("Donkey kick", 12),
        ("Side plank", None),
    ]


def test_a_load_no_count_of_sets_reaches_is_a_load_and_then_the_reps() -> None:
    text = "Week log\n\nPress 150x3\nFront squat 185x4,4,4\nPull-ups 3x8\n"
    moves = _doc(text)["exercises"]
    assert [(m["name"], m.get("sets"), m["reps"]) for m in moves] == [
        ("Press", None, 3),
        ("Front squat", 3, 4),
        ("Pull-ups", 3, 8),
    ]
    assert "150" in moves[0]["cue"]


def test_rounds_written_rds_open_a_block_of_counted_moves() -> None:
    text = "Strength\n\n3rds: 8 deadlift (135/95lb) 1 rope climb\n"
    (block,) = _doc(text)["blocks"]
    assert block["rounds"] == 3
    assert [(m["name"], m["reps"]) for m in block["exercises"]] == [
        ("Deadlift (135/95lb)", 8),
        ("Rope climb", 1),
    ]


def test_how_to_that_counts_its_own_reps_and_sides_gives_them() -> None:
    text = (
        "Back care\n\n1. Knee Rolls\n\nLie on your back and let both knees fall to one side, "
        "then the other. Do 12 rotations each way.\n\n2. Standing Balance\n\nStand on one foot "
        "by a counter. Hold for 20 seconds and repeat on both sides.\n"
    )
    rolls, balance = _doc(text)["exercises"]
    assert (rolls["name"], rolls["reps"], rolls.get("sides")) == ("Knee Rolls", 12, True)
    assert (balance["name"], balance.get("sides")) == ("Standing Balance", True)


def test_sets_of_a_time_and_an_advanced_option_left_aside() -> None:
    text = (
        "Home circuit\n\nStep 1: High Knees\n1 two-minute set\n\n"
        "Advanced option: Do 3 three-minute sets.\n\nStep 2: Lunges\n2 sets of 12\n"
    )
    knees, lunges = _doc(text)["exercises"]
    assert (knees["name"], knees.get("sets", 1), knees["work"]) == ("High Knees", 1, "2m")
    assert (lunges["name"], lunges["sets"], lunges["reps"]) == ("Lunges", 2, 12)


def test_a_track_session_keeps_its_pieces_apart_from_the_warm_up_and_their_pace_in_the_cue() -> (
    None
):
    text = (
        "Thursday track\n\nWarm up: 12 min easy + 4 strides\n"
        "5 x 1000m @ 10k pace w/ 400m jog recovery\nCool down: 10 min easy\n"
    )
    warm, main, _ = _doc(text)["blocks"]
    assert [m["name"] for m in warm["exercises"]] == ["Easy", "Strides"]
    (piece,) = main["exercises"]
    assert (piece["sets"], piece["distance"]) == (5, "1000m")
    assert "10k pace" in piece["cue"] and "400m" in piece["cue"]
    assert "pace" not in piece["name"]


def test_keycap_numbers_number_a_list() -> None:
    text = (
        "Burner\n45s work / 15s rest\n2 rounds\n1\ufe0f\u20e3 Jump squats\n2\ufe0f\u20e3 Push ups\n"
    )
    (block,) = _doc(text)["blocks"]
    assert [m["name"] for m in block["tabata"]["exercises"]] == ["Jump squats", "Push ups"]


def test_an_emom_told_in_a_sentence_does_all_its_counted_moves_each_minute() -> None:
    text = "Every minute on the minute for 8 minutes, do 4 pull-ups and 8 push-ups.\n"
    (block,) = _doc(text)["blocks"]
    assert _window(block) == ("1m", 8, [("Pull-ups", 4), ("Push-ups", 8)])


def test_rests_between_the_rounds_and_a_time_of_a_move_in_german_and_french() -> None:
    german = (
        "Ganzkörper\n\n3 Runden:\n- 12 Kniebeugen\n- 20 Sekunden Plank\n"
        "45 Sekunden Pause zwischen den Runden\n"
    )
    (block,) = _doc(german)["blocks"]
    assert (block["rounds"], block["rest_between_rounds"]) == (3, "45s")
    french = "Gainage (2 tours)\n- 40 secondes de gainage\nRécupération 1 min entre chaque tour\n"
    (block,) = _doc(french)["blocks"]
    assert [(m["name"], m["work"]) for m in block["exercises"]] == [("Gainage", "40s")]
    assert block["rest_between_rounds"] == "1m"


def test_a_time_for_each_move_and_a_rest_said_in_one_sentence_over_a_numbered_list() -> None:
    text = (
        "The quick circuit\n\nDo each exercise for 40 seconds, with 15 seconds of rest in "
        "between.\n\n1. Squat jumps\n2. Step-ups onto a bench\n3. Plank\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"], m["work"]) for m in moves] == [
        ("Squat jumps", "40s"),
        ("Step-ups onto a bench", "40s"),
        ("Plank", "40s"),
    ]
    assert [m.get("rest_after") for m in moves[:2]] == ["15s", "15s"]


def test_a_superset_said_on_one_line_pairs_its_two_moves_and_ends_there() -> None:
    text = (
        "Push\n\nCable flyes 3x12 superset w/ push-ups 3x15\n"
        "Superset: A) Curl 3x10 B) Dips 3x10\nLateral raises 3x15\n"
    )
    first, second, after = _doc(text)["blocks"]
    assert first["rounds"] == 3
    assert [(m["name"], m["reps"]) for m in first["exercises"]] == [
        ("Cable flyes", 12),
        ("Push-ups", 15),
    ]
    assert [m["name"] for m in second["exercises"]] == ["Curl", "Dips"]
    assert [(m["name"], m["sets"]) for m in after["exercises"]] == [("Lateral raises", 3)]


def test_a_sheets_repeat_under_a_move_is_its_own_and_where_to_be_opens_its_how_to() -> None:
    text = (
        "Back care sheet\n\n1. Bridging\nLie on your back with your knees bent.\n"
        "Hold for 5 seconds. Repeat 10 times.\n\n2. Cat stretch\n"
        "On hands and knees, arch your back up and then let it sag.\nRepeat 8 times.\n"
    )
    doc = _doc(text)
    assert "blocks" not in doc  # (no rounds: each "Repeat" is its move's reps)
    bridging, cat = doc["exercises"]
    assert (bridging["reps"], cat["reps"]) == (10, 8)
    assert cat["cue"].startswith("On hands and knees")


def test_rounds_and_a_rest_said_over_a_complex_rest_between_the_rounds() -> None:
    text = "Kettlebell complex (5 rounds, rest 90s)\n5 swings\n5 cleans (each arm)\n"
    (block,) = _doc(text)["blocks"]
    assert (block["rounds"], block["rest_between_rounds"]) == (5, "1m30s")
    assert all("rest_after" not in m for m in block["exercises"])


def test_a_newsletters_greeting_is_no_title_and_a_swims_pieces_take_a_swimmers_time() -> None:
    letter = (
        "Hi everyone,\n\nWORKOUT OF THE WEEK\n\n"
        "4 rounds for time:\n- 12 box jumps\n- 9 push-ups\n\nSee you Saturday,\nCoach Jo\n"
    )
    assert _doc(letter)["title"] == "WORKOUT OF THE WEEK"
    swim = "Swim session\n\nMain set: 6 x 100 free\n"
    (block,) = _doc(swim)["blocks"]
    (piece,) = block["exercises"]
    assert (piece["sets"], piece["distance"], piece["work"]) == (6, "100m", "2m")


def test_a_position_named_by_its_angles_is_no_interval() -> None:
    text = "Daily hips\n\n90/90 hip switches x 8\nThoracic rotations x 6 each side\n"
    moves = _doc(text)["exercises"]
    assert [(m["name"], m["reps"]) for m in moves] == [
        ("90/90 hip switches", 8),
        ("Thoracic rotations", 6),
    ]


def test_a_chipper_is_done_for_time_within_its_cap() -> None:
    text = "Saturday\n\nChipper (25 min cap)\n40 wall balls\n30 box jumps\n20 burpees\n"
    (block,) = _doc(text)["blocks"]
    assert block["name"] == "Chipper"
    assert block["for_time"]["cap"] == "25m"
    assert [m["reps"] for m in block["for_time"]["exercises"]] == [40, 30, 20]


def test_a_named_part_with_its_rounds_over_bullets_or_on_its_line_is_a_block() -> None:
    bullets = "Leg burner x3 rounds\n\u2022 20 jump squats\n\u2022 30 sec wall sit\n"
    (block,) = _doc(bullets)["blocks"]
    assert (block["name"], block["rounds"]) == ("Leg burner", 3)
    assert [m["name"] for m in block["exercises"]] == ["Jump squats", "Wall sit"]
    line = (
        "Core day\n\nAbs finisher: 3 rounds of 15 crunches, 10 leg raises and a 45 second plank\n"
    )
    (block,) = _doc(line)["blocks"]
    assert (block["name"], block["rounds"]) == ("Abs finisher", 3)
    assert [m["name"] for m in block["exercises"]] == ["Crunches", "Leg raises", "Plank"]


def test_alternating_for_a_total_time_is_as_many_turns_as_fit_and_a_timed_warm_up_line_a_move() -> (
    None
):
    prose = (
        "Week 2\n\nBrisk five-minute warmup walk. Then alternate 90 seconds of jogging and "
        "2 minutes of walking for a total of 21 minutes.\n"
    )
    _, turns = _doc(prose)["blocks"]
    assert (turns["rounds"], turns["rest_between_rounds"]) == (6, "0s")
    assert [(m["name"], m["work"]) for m in turns["exercises"]] == [
        ("Jogging", "1m30s"),
        ("Walking", "2m"),
    ]
    bike = "Bike intervals\n\n10 min warm-up\n4 x 4 min hard / 2 min easy\n8 min cool-down\n"
    moves = _doc(bike)["exercises"]
    assert [(m["name"], m["work"]) for m in moves] == [
        ("Warm-up", "10m"),
        ("Hard", "4m"),
        ("Cool-down", "8m"),
    ]


def test_a_weeks_label_before_a_move_is_no_name() -> None:
    text = "Dip progression\n\nWeek 1-2: 3 sets of 6 bench dips\nWeek 3+: 3 sets of 5 bar dips\n"
    moves = _doc(text)["exercises"]
    assert [(m["name"], m["sets"], m["reps"]) for m in moves] == [
        ("Bench dips", 3, 6),
        ("Bar dips", 3, 5),
    ]


def test_a_first_line_that_names_the_day_with_a_cheer_is_the_title() -> None:
    text = "Tabata Tuesday!\n\n8 rounds of 20 sec on/10 sec off for each move.\n\n1. Squat jumps\n"
    doc = _doc(text)
    assert doc["title"] == "Tabata Tuesday!"
    assert doc["blocks"][0]["tabata"]["work"] == "20s"


def test_a_partner_wod_with_its_cap_said_in_a_paragraph_after_it() -> None:
    text = (
        "Saturday Partner WOD\n\nWith a partner, complete:\n80 cal row\n60 wall balls\n\n"
        "Split reps as needed. 30 min time cap.\n"
    )
    (block,) = _doc(text)["blocks"]
    assert block["name"] == "Workout"
    assert block["for_time"]["cap"] == "30m"
    assert [m["reps"] for m in block["for_time"]["exercises"]] == [80, 60]


def test_numbered_moves_each_named_then_told_and_sets_said_of_each_after() -> None:
    text = (
        "Chest day\n\n1) Flat bench press: Lie back on a flat bench and press the bar up over "
        "your chest.\n\n2) Incline dumbbell press: Set the bench on an incline and press the "
        "weights up.\n\nI do 3 sets of 10 of each.\n"
    )
    assert _sets_and_reps(text) == [
        ("Flat bench press", 3, 10),
        ("Incline dumbbell press", 3, 10),
    ]
    first = import_text(text).routine.exercises[0]
    assert first.cue == "Lie back on a flat bench and press the bar up over your chest."


def test_the_move_after_superset_with_however_its_description_starts() -> None:
    text = (
        "Back and chest\n\n1) Incline press: Set the bench on an incline and press up.\n\n"
        "Superset with\n\nOne-arm row: Most people brace on a bench; I use the rack. Pull the "
        "elbow high.\n\nI do 3 sets of 10.\n"
    )
    (block,) = _doc(text)["blocks"]
    assert [m["name"] for m in block["exercises"]] == ["Incline press", "One-arm row"]


def test_what_to_do_for_a_time_of_a_move_and_repeat_this_more_times() -> None:
    text = (
        "Rope circuit\n\n-Begin with 2 minutes of jump rope\n"
        "-Drop down for 30 seconds of push-ups\n-Roll over for 30 seconds of flutter kicks\n"
        "-Jump back up and repeat this 4 more times.\n"
    )
    (block,) = _doc(text)["blocks"]
    assert block["rounds"] == 5
    assert [(m["name"], m["work"]) for m in block["exercises"]] == [
        ("Jump rope", "2m"),
        ("Push-ups", "30s"),
        ("Flutter kicks", "30s"),
    ]


def test_bare_lines_under_a_format_are_its_moves_unless_they_read_as_prose() -> None:
    text = (
        "Thursday\n\nAMRAP 12 minutes\n\nFloor wipers\nTuck jumps\nHollow rocks\n"
        "Go carefully, the wipers can strain your back.\n"
    )
    (block,) = _doc(text)["blocks"]
    assert [m["name"] for m in block["amrap"]["exercises"]] == [
        "Floor wipers",
        "Tuck jumps",
        "Hollow rocks",
    ]


def test_dashed_items_of_a_name_then_how_to_under_a_format_said_once() -> None:
    text = (
        "Hotel room circuit\n\nDo the moves below as a circuit, 10 reps of each exercise. "
        "Repeat the circuit 3 times.\n"
        "- Reverse lunge \u2013 step one foot back and lower the knee, then drive up.\n"
        "- Glute bridge \u2013 Lie on your back, knees bent, and lift the hips.\n"
        "- Bear crawl - Crawl forward on hands and feet, knees just off the floor.\n"
    )
    (block,) = _doc(text)["blocks"]
    assert block["rounds"] == 3
    assert [(m["name"], m["reps"]) for m in block["exercises"]] == [
        ("Reverse lunge", 10),
        ("Glute bridge", 10),
        ("Bear crawl", 10),
    ]


@pytest.mark.parametrize("second", ["B. 2 Rounds:", "Then 2 rounds:"])
def test_a_whiteboards_lettered_parts_each_a_block(second: str) -> None:
    text = (
        "Monday\n\nA. Every 90s for 15 minutes:\n\n1 Power clean\n\n"
        f"{second}\n\n2 min Max Rep Sit-ups\n2 min Max Rep Push-ups\n4 min Rest\n"
    )
    first, then = _doc(text)["blocks"]
    assert (first["emom"]["every"], first["emom"]["minutes"]) == ("1m30s", 15)
    assert [m["name"] for m in first["emom"]["exercises"]] == ["Power clean"]
    assert (then["rounds"], then["rest_between_rounds"]) == (2, "4m")
    assert [(m["name"], m["work"]) for m in then["exercises"]] == [
        ("Sit-ups", "2m"),
        ("Push-ups", "2m"),
    ]


def test_a_plan_in_bullets_with_its_rests_on_a_bullet_of_their_own() -> None:
    text = "Erg plan\n\n- 6 x 500m intervals\n- 2\u2032 rests\n- Breaks of 30s are too short\n"
    (row,) = _doc(text)["exercises"]
    assert (row["sets"], row["distance"], row["rest"]) == (6, "500m", "2m")


def test_a_comma_list_of_moves_ending_in_numbers_of_each() -> None:
    text = (
        "Gym\n\nAccessory \u2013 bicep curls, tricep pushdowns, leg press, 2\u00d710 each\n"
        "Crunches, leg lifts, clamshells, 2x20 each\n"
    )
    assert _sets_and_reps(text) == [
        ("Bicep curls", 2, 10),
        ("Tricep pushdowns", 2, 10),
        ("Leg press", 2, 10),
        ("Crunches", 2, 20),
        ("Leg lifts", 2, 20),
        ("Clamshells", 2, 20),
    ]


def test_a_magazines_moves_each_a_heading_over_do_start_and_move() -> None:
    text = (
        "Most people stop at two sets of curls and call it a day; this page asks a little"
        " more of your legs than that, and it is worth it.\n\n"
        "Split Squat\n\nDo: 3 sets; 12, 10, 8 reps per leg\n\n"
        "Start: Stand with one foot on a bench behind you.\n\n"
        "Move: Sink until the front thigh is level, then push back up.\n\n"
        '"Burnout" Leg Press\n\nDo: 2 sets; 20 reps\n\nStart: Sit in the machine.\n'
    )
    doc = _doc(text)
    assert doc["title"] != "Split Squat"
    split, press = doc["exercises"]
    assert (split["name"], split["sets"], split["reps"], split["sides"]) == (
        "Split Squat",
        3,
        [12, 10, 8],
        True,
    )
    assert (press["name"], press["sets"], press["reps"]) == ('"Burnout" Leg Press', 2, 20)


def test_a_run_of_times_on_one_line_is_one_piece_each() -> None:
    text = (
        "Club run\n\n6 x 60m strides\n\n7 min tempo\n\n"
        "5 min, 4, min, 3 min and 2 min all hard with 90s recovery between each\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"], m.get("work"), m.get("rest_after")) for m in moves[1:]] == [
        ("Tempo", "7m", None),
        ("Hard", "5m", "1m30s"),
        ("Hard", "4m", "1m30s"),
        ("Hard", "3m", "1m30s"),
        ("Hard", "2m", None),
    ]


def test_a_flow_told_in_prose_a_pose_a_sentence() -> None:
    text = (
        "Evening hips\n\nSettle on your mat and breathe for a while before you begin.\n\n"
        "Next, come into Lizard pose. Stay for three minutes on each side.\n\n"
        "Then find a Frog pose variation and hold it for four to five minutes. Between"
        " sides, rest for a minute in Child's pose.\n\n"
        "When you are ready, lie back in savasana for five minutes.\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"], m.get("work"), bool(m.get("sides"))) for m in moves] == [
        ("Lizard pose", "3m", True),
        ("Frog pose", "5m", False),
        ("Savasana", "5m", False),
    ]


def test_a_swims_bare_distances_are_its_pieces() -> None:
    text = (
        "Saturday pool set\n\nA short swim for the lane, with a little kick and pull.\n\n"
        "Main:\n400 warm-up (easy, mix strokes)\n8\u00d750 on 1:05 (Sculling*)\n"
        "300 pull (breathe every 3)\n4\u00d7100 kick with 15 sec rest\n"
        "200 swim\n100 cool-down\nTotal: 1900\n"
    )
    moves = _doc(text)["blocks"][0]["exercises"]
    got = [(m["name"], m.get("sets", 1), m["distance"], m.get("rest")) for m in moves]
    assert got == [
        ("Warm-up", 1, "400m", None),
        ("Sculling", 8, "50m", None),
        ("Pull", 1, "300m", None),
        ("Kick", 4, "100m", "15s"),
        ("Swim", 1, "200m", None),
        ("Cool-down", 1, "100m", None),
    ]
    assert moves[1]["work"] == "1m5s"  # each 50 leaves on 1:05


def test_a_number_on_the_deck_of_a_swim_is_no_distance() -> None:
    text = "Pool and deck\n\nSwim, kick, pull: a pool day.\n\n200 swim\n50 push-ups\n"
    moves = _doc(text)["exercises"]
    assert [(m["name"], m.get("distance"), m.get("reps")) for m in moves] == [
        ("Swim", "200m", None),
        ("Push-ups", None, 50),
    ]


@pytest.mark.parametrize("first", ["Full body workout 3x8", "Should I add a day? (3x8 split)"])
def test_a_title_gives_its_sets_and_reps_to_every_bare_move(first: str) -> None:
    text = f"{first}\n\nMonday - Legs\nSquats, Lunges, Calf raises 4x12\n"
    assert _sets_and_reps(text) == [("Squats", 3, 8), ("Lunges", 3, 8), ("Calf raises", 4, 12)]


def test_numbers_said_after_a_superset_with_pair_are_the_pairs() -> None:
    text = (
        "Push and pull\n\n1) Flat bench press: Lie back on a flat bench and press the bar up.\n\n"
        "Superset with\n\nWide grip lat pulldown: Sit at the station and pull the bar down.\n\n"
        "I go for 4 sets of 10 to 12 reps (not counting warm-up sets).\n"
    )
    (block,) = _doc(text)["blocks"]
    assert block["rounds"] == 4
    assert [(m["name"], m["reps"]) for m in block["exercises"]] == [
        ("Flat bench press", 12),
        ("Wide grip lat pulldown", 12),
    ]


def test_a_programs_card_a_move_over_its_sets_a_doubled_caption_and_its_own_rest() -> None:
    text = (
        "Day 9: Back\n\nPull hard today.\n\n"
        "Rack pull\n\n5 sets of 8, 6, 4, 4, 6, reps (pyramid)\nRack Pull Rack Pull\n"
        "Note: Rest 2 min. between sets.\n\n"
        "Chest-supported row\n\n3 sets of 10 reps\nSeal Row Seal Row\n\n"
        "Giant set:\n\nPullover\n\n3 sets of 12 reps\n\nFace pull\n\n3 sets of 15 reps\n"
        "Note: Rest 20 sec. between exercises, 90 sec. between giant sets.\n"
    )
    doc = _doc(text)
    first, second = doc["blocks"][0]["exercises"]
    assert (first["name"], first["sets"], first["reps"]) == ("Rack pull", 5, [8, 6, 4, 4, 6])
    assert first["rest"] == "2m"
    assert (second["name"], second["sets"], second["reps"]) == ("Chest-supported row", 3, 10)
    giant = doc["blocks"][1]
    assert [m["name"] for m in giant["exercises"]] == ["Pullover", "Face pull"]
    assert giant["exercises"][0]["rest_after"] == "20s"  # said, not a superset's guess


def test_sets_numbered_a_line_each_under_their_move() -> None:
    text = "Calves\n\nCalf raise\nSet 1 - 20 reps\nSet 2 - 15 reps\nSet 3 - 12 reps @ 40kg\n"
    (move,) = _doc(text)["exercises"]
    assert (move["name"], move["sets"], move["reps"]) == ("Calf raise", 3, [20, 15, 12])


def test_a_set_at_a_time_on_one_line_and_an_emom_on_the_minute_for_a_time() -> None:
    text = (
        "Arms\n\nHammer curl One Set of 12 at 20 lbs, One Set of Ten at 25 lbs, "
        "One Set of Eight at 30 lbs\n"
    )
    (move,) = _doc(text)["exercises"]
    assert (move["name"], move["sets"], move["reps"]) == ("Hammer curl", 3, [12, 10, 8])
    emom = _doc("Squats\n\nEvery minute, on the minute, for 6 minutes:\nFront squat x 3\n")
    assert emom["blocks"][0]["emom"]["minutes"] == 6


def test_a_minute_of_each_for_rounds_said_over_bare_names() -> None:
    text = (
        "AMRAP Workouts\n\nA quick one between chores.\n\n"
        "As Many Reps As Possible in 1 minute x 3 rounds\n\nLunges\n\nSit-ups\n\nJumping jacks\n"
    )
    doc = _doc(text)
    assert doc["title"] == "AMRAP Workouts"
    (block,) = doc["blocks"]
    assert block["rounds"] == 3
    assert [(m["name"], m["work"]) for m in block["exercises"]] == [
        ("Lunges", "1m"),
        ("Sit-ups", "1m"),
        ("Jumping jacks", "1m"),
    ]


def test_every_five_minutes_written_as_on_the_clock_mark() -> None:
    text = "Conditioning\n\nOn the 4:00 x 3 Rounds:\n15 Wall Balls\n10 Box Jumps\n"
    (block,) = _doc(text)["blocks"]
    # three intervals of four minutes, each holding both moves
    assert _window(block) == ("4m", 12, [("Wall Balls", 15), ("Box Jumps", 10)])


def test_a_moves_line_with_how_to_after_and_rests_said_scope_first() -> None:
    text = (
        "Leg day\n\nThe routine:\n"
        "Goblet Squats - 3 sets of 12 reps. Sit deep between your knees. Chest up.\n"
        "Walking Lunges - 3 sets of 20 reps.\n"
        "Keep your rest between sets under 75 seconds and between exercises under 2 minutes.\n"
    )
    doc = _doc(text)
    moves = doc["exercises"] if "exercises" in doc else doc["blocks"][0]["exercises"]
    assert [(m["name"], m["sets"], m["reps"]) for m in moves] == [
        ("Goblet Squats", 3, 12),
        ("Walking Lunges", 3, 20),
    ]
    assert moves[0]["cue"].startswith("Sit deep")
    assert [m["rest"] for m in moves] == ["1m15s", "1m15s"]  # (said of the block)
    assert moves[0]["rest_after"] == "2m"


@pytest.mark.parametrize(
    "said",
    ["Rest between sets: 90 sec", "rest between sets 90 seconds", "Rest between sets - 1:30"],
)
def test_a_rest_named_by_its_scope_before_its_time_is_no_count_of_sets(said: str) -> None:
    doc = _doc(f"Push\n\nBench press 4x8\nRow 4x8\n{said}\n")
    assert doc["defaults"]["rest_between_sets"] == "1m30s"
    assert [m["sets"] for m in doc["exercises"]] == [4, 4]


def test_a_time_alone_in_a_field_after_the_reps_is_the_rest() -> None:
    text = (
        "Dzien A\n1. Martwy ciag 4 \u00d7 5, 3 0 1 0, 180 sek.\n"
        "2. Wioslowanie 3 \u00d7 10, 2 0 1 0, 90 sek.\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["sets"], m["reps"], m["rest"]) for m in moves] == [(4, 5, "3m"), (3, 10, "1m30s")]


@pytest.mark.parametrize(
    "said",
    [
        "Mantieni la posizione per 5 secondi, poi rilassati; ripeti da 8 a 12 volte.",
        "Hold the position for 5 seconds, then relax; repeat from 8 to 12 times.",
    ],
)
def test_a_hold_and_a_range_of_repeats_in_italian_and_english(said: str) -> None:
    (move,) = _doc(f"Scrivania\n\n1. Apri il petto\n\n{said}\n")["exercises"]
    assert (move["reps"], move["hold"]["for"]) == (12, "5s")  # (the top of the range)


def test_as_many_sets_as_you_can_said_under_the_list_makes_it_an_amrap() -> None:
    text = (
        "Rope day\n\n20 reps single jumps\n\n20 reps high knees\n\n"
        "Do as many sets as you can in 12 minutes.\n\nA word on ropes and how long to buy one.\n"
    )
    (block,) = _doc(text)["blocks"]
    assert block["amrap"]["cap"] == "12m"
    assert [m["name"] for m in block["amrap"]["exercises"]] == ["Single jumps", "High knees"]


def test_numbered_moves_counted_last_a_glued_caption_and_repeat_exercises_one_to_n() -> None:
    text = (
        "Day two\n\n1. Squat: Plain squat to a chair. 20 reps.\n\n"
        "2. Glute Bridge: Lie on your back, knees bent, and lift your hips. 15 reps.\n\n"
        "Glute Bridge3. Wall Push-up: Same as on day one. 12 reps.\n\n"
        "4. Repeat exercises 1-3\n\n5. Front Plank: Same as on day one. 3 reps.\n"
    )
    first, second = _doc(text)["blocks"]
    assert first["rounds"] == 2
    assert [(m["name"], m["reps"]) for m in first["exercises"]] == [
        ("Squat", 20),
        ("Glute Bridge", 15),
        ("Wall Push-up", 12),
    ]
    assert [(m["name"], m["reps"]) for m in second["exercises"]] == [("Front Plank", 3)]


def test_a_move_whose_counts_end_in_a_number_is_no_caption_run_into_a_number() -> None:
    text = (
        "Legs\n\nGoblet squat 3x10. Keep your back flat.\n"
        "Goblet squat 3x10. Keep your chest up.\nCalf raise 3x15. Go slowly.\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"], m["sets"], m["reps"]) for m in moves] == [
        ("Goblet squat", 3, 10),
        ("Goblet squat", 3, 10),
        ("Calf raise", 3, 15),
    ]


def test_a_format_said_once_over_rounds_of_lettered_moves() -> None:
    text = (
        "Park bootcamp\n\n40 seconds of work, 20 seconds rest\n\n"
        "Round 1\n\nP: Push-ups\n\nA: Air squats\n\n"
        "Round 2:\n\nR: Reverse lunges\n\nK: Knee tucks\n"
    )
    blocks = _doc(text)["blocks"]
    assert [b["name"] for b in blocks] == ["Round 1", "Round 2"]
    for block in blocks:
        assert (block["tabata"]["work"], block["tabata"]["rest"]) == ("40s", "20s")
    assert [m["name"] for b in blocks for m in b["tabata"]["exercises"]] == [
        "Push-ups",
        "Air squats",
        "Reverse lunges",
        "Knee tucks",
    ]


def test_a_tempo_code_with_an_explosive_phase_is_no_count_and_a_dash_rule_no_move() -> None:
    rule = "\u2014" * 7
    text = (
        f"Week 2\n{rule}\nA. Weighted chin-ups (@31X0)\n4 sets of 5 reps\n{rule}\n"
        "B. Front squat 3x6 (20X0)\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"], m["sets"], m["reps"], m["tempo"]) for m in moves] == [
        ("Weighted chin-ups", 4, 5, "4s"),
        ("Front squat", 3, 6, "2s"),
    ]


def test_a_chevron_under_a_move_gives_its_repeats_in_french() -> None:
    text = (
        "Sur une chaise\n1. Levez les genoux\nAssis, le dos droit, montez un genou puis l'autre. "
        "Tenez la position 5 secondes.\n"
        "> R\u00e9p\u00e9tez l'exercice 8 fois de chaque c\u00f4t\u00e9.\n"
    )
    (move,) = _doc(text)["exercises"]
    assert (move["reps"], move["hold"]["for"], move["sides"]) == (8, "5s", True)


def test_a_superset_label_with_its_rounds_as_x3() -> None:
    text = (
        "Glutes\nHip thrust 4x12\nSuperset: x3 (from a friend)\n- Step-ups x10 each\n"
        "- Pulse squats x15\nLeg press 3x12\n"
    )
    blocks = _doc(text)["blocks"]
    pair = next(b for b in blocks if b.get("rounds") == 3)
    assert [m["name"] for m in pair["exercises"]] == ["Step-ups", "Pulse squats"]


@pytest.mark.parametrize("line", ["Curl femorale: 3x8 x 30kg (1')", "Curl femorale 3x8 (60s)"])
def test_a_time_in_brackets_after_counted_sets_is_their_rest(line: str) -> None:
    (move,) = _doc(f"Gambe\n{line}\n")["exercises"]
    assert (move["sets"], move["reps"], move["rest"]) == (3, 8, "1m")
    assert "work" not in move


def test_a_rest_said_after_the_list_in_spanish_is_for_all_its_sets() -> None:
    text = (
        "Rutina\n\n  \u2022 Dominadas \u2013 4\u00d78-12\n  \u2022 Flexiones \u2013 4\u00d710-20\n"
        "  \u2022 HIIT \u2013 15 minutos\n\n"
        "Tiempo de descanso entre series y repeticiones: 1-2 minutos\n"
    )
    assert _doc(text)["defaults"]["rest_between_sets"] == "2m"


def test_a_logs_loads_and_reps_a_set_each_then_the_next_lift_after_a_slash() -> None:
    text = (
        "Training log\n\nMonday- Press 150x1, 140x3,3,3, 130x5/ Close-grip Bench 185 3x5\n\n"
        "  \u2022 Arnold Press\n    \u2022 60\u00d712, 70\u00d712, 80\u00d710\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"], m["sets"]) for m in moves] == [
        ("Monday - Press", 5),
        ("Close-grip Bench 185", 3),
        ("Arnold Press", 3),
    ]


def test_a_german_sheets_exercise_labels_and_its_numbers_on_dashed_lines() -> None:
    text = (
        "Knie\n\n\u00dcbung 1: R\u00fcckenlage \u201eFerse schieben\u201c\n\n"
        "Ausgangsstellung:\nAuf dem R\u00fccken liegen, ein Bein aufgestellt.\n\n"
        "\u00dcbung:\nDie Ferse langsam zum Ges\u00e4\u00df ziehen und wieder strecken.\n\n"
        "\u2013 Spannung 5 Sekunden halten\n"
        "\u2013 8 mal durchf\u00fchren; auch mit dem anderen Bein\n"
    )
    (move,) = _doc(text)["exercises"]
    assert move["name"].startswith("R\u00fcckenlage")
    assert (move["reps"], move["hold"]["for"], move["sides"]) == (8, "5s", True)


def test_a_format_quoted_as_an_example_in_the_prose_is_not_the_workouts() -> None:
    text = (
        'Chipper day\n\nSome days the clock comes first ("AMRAP 14"), some days the task. '
        "Today is a chipper: go through the list once.\n\n"
        "30 cal Row\n30 Wall Balls\n30 Push Ups\n"
    )
    doc = _doc(text)
    assert "blocks" not in doc  # (no AMRAP of 14 minutes)
    assert [m["reps"] for m in doc["exercises"]] == [30, 30, 30]


def test_a_send_off_read_badly_is_never_a_time_of_nothing() -> None:
    text = "Swim\n\nWarm Up\n200 Free\n200 Kick\n\n5 x 100 Kick Set @ 2:00\nThis one hurt.\n"
    moves = [m for b in _doc(text)["blocks"] for m in b["exercises"]]
    kick = moves[-1]  # five 100s, each leaving on 2:00
    assert (kick["name"], kick["sets"], kick["distance"], kick["work"]) == ("Kick", 5, "100m", "2m")


def test_a_day_heading_split_by_a_bar_is_no_breadcrumb() -> None:
    """ "Monday | Back and arms" heads a day's list (two parts, not from a home page);
    "Home / Plans / Strength" is the page's path and is left out."""
    text = (
        "Home / Plans / Strength\n\nFour weeks of work\n\nA word on the plan first.\n\n"
        "Monday | Back and arms\n\n  1. Pull-ups 4 x 6-8.\n  2. Dips 3 x 10.\n\n"
        "Tuesday | Legs\n\n  1. Pistol squats 5 x 5.\n"
    )
    doc = _doc(text)
    assert [b["name"] for b in doc["blocks"]] == ["Monday | Back and arms", "Tuesday | Legs"]
    moves = [(m["name"], m["sets"]) for b in doc["blocks"] for m in b["exercises"]]
    assert moves == [("Pull-ups", 4), ("Dips", 3), ("Pistol squats", 5)]


def test_a_move_known_by_its_number_over_its_steps() -> None:
    """A physio sheet's "Exercise 1" over how to do it ("°" or "-" bullets): the move is
    named so, the numbers of its steps are its own, and "Exercise 2" is no caption of it."""
    text = (
        "Knee care\n\nA few words before we start.\n\nExercise 1\n°Lie on your back.\n"
        "°Raise the straight leg and hold it up for 5 seconds.\n"
        "°Lower it and repeat 8-10 times on each side.\n\n"
        "Exercise 2\n- Lie on your back.\n- Pull one knee to your chest.\n"
        "- Hold for 20 seconds.\n- Let go and repeat 4 times on each side.\n"
    )
    first, second = _doc(text)["exercises"]
    assert (first["name"], first["reps"], first["hold"]["for"], first["sides"]) == (
        "Exercise 1",
        10,
        "5s",
        True,
    )
    assert (second["name"], second["sets"], second["work"], second["sides"]) == (
        "Exercise 2",
        4,
        "20s",
        True,
    )


def test_a_move_is_judged_by_its_name_not_its_load() -> None:
    """ "40 KB swings Rx 35# (20 lbs)": what follows "Rx" or a load says how heavy; the
    name left is a move's, though the whole reads oddly."""
    text = (
        "Today's WOD:\n40 KB swings Rx 35# (20 lbs)\n40 double unders (120 singles)\n"
        "20 hang power snatches Rx 55# (35 lbs)\n10 toes to bar\n"
    )
    moves = _doc(text)["exercises"]
    assert [(m["name"][:19], m["reps"]) for m in moves] == [
        ("KB swings Rx 35 lb ", 40),
        ("Double unders", 40),
        ("Hang power snatches", 20),
        ("Toes to bar", 10),
    ]


def test_a_block_s_number_then_its_rounds_over_labelled_moves() -> None:
    """ "Block 1 - 3 rounds" is block one of three rounds (not one to three rounds), and
    its "A1.", "A2." moves are done in those rounds."""
    text = (
        "Week 3\n\nBlock 1 - 3 rounds\n\nA1. Negative pull-up, 5 reps\nA2. Ring row, 8 reps\n\n"
        "Block 2 - 2 rounds\n\nB1. Dead hang, 30 sec\nB2. Scap pull, 10 reps\n"
    )
    first, second = _doc(text)["blocks"]
    assert (first["rounds"], [m["name"] for m in first["exercises"]]) == (
        3,
        ["Negative pull-up", "Ring row"],
    )
    assert (second["rounds"], [m["name"] for m in second["exercises"]]) == (
        2,
        ["Dead hang", "Scap pull"],
    )


def test_steps_in_other_languages_are_the_move_s_own() -> None:
    """Steps that begin as sheets in other languages begin them ("Empieza tumbado",
    "Mantenga durante 30 segundos") are how to do the move above, and their numbers its."""
    text = (
        "Rodillas\n\nUnas palabras antes.\n\nEjercicio 2\n°Empieza tumbado boca arriba.\n"
        "°Acerca una rodilla al pecho.\n°Mantenga durante 30 segundos.\n"
        "°Suelta y repite 5 veces en cada lado.\n"
    )
    (move,) = _doc(text)["exercises"]
    assert (move["name"], move["sets"], move["work"], move["sides"]) == (
        "Ejercicio 2",
        5,
        "30s",
        True,
    )


def test_moves_told_in_one_sentence_with_their_rounds() -> None:
    """ "Row 400 metres, then 20 kettlebell swings and 10 hanging leg raises, three times
    through": the moves of the sentence (the row by its distance) in rounds of all of them."""
    text = (
        "Our coach gave the group a short one this week. Row 400 metres, then 20 kettlebell "
        "swings and 10 hanging leg raises, three times through as fast as you can.\n"
    )
    (block,) = _doc(text)["blocks"]
    assert block["rounds"] == 3
    moves = [(m["name"], m.get("reps"), m.get("distance")) for m in block["exercises"]]
    assert moves == [
        ("Row", None, "400m"),
        ("Kettlebell swings", 20, None),
        ("Hanging leg raises", 10, None),
    ]


def test_a_time_of_day_is_no_time_of_work() -> None:
    """A log's "5:11:46 AM  30 x 10" (when the set was logged) and "Class at 6:30pm" are
    times of day: no set lasts them, and no move is named after them."""
    text = (
        "Chest day\n\nIncline press\n5:11:46 AM  30 x 10\n5:14:02 AM  35 x 8\n\n"
        "Cable fly\n5:20:15 AM  15 x 12\n\nClass at 6:30pm tomorrow.\n"
    )
    moves = _doc(text)["exercises"]
    assert [m["name"] for m in moves] == ["Incline press", "Cable fly"]
    assert not any("work" in m for m in moves)


def test_a_sheet_in_dutch() -> None:
    """A Dutch sheet's moves over how to do them ("Lig op je rug ...") and its counts in
    words ("Doe deze oefening 10 maal", "Houd 5 seconden vast", "per kant")."""
    text = (
        "Oefeningen voor je rug\n\nBrug\n\nLig op je rug met je knieën gebogen. Til je "
        "heupen op. Doe deze oefening 10 maal.\n\nZijplank\n\nLig op je zij. Houd 20 "
        "seconden vast, per kant. Herhaal 3 keer.\n"
    )
    bridge, plank = _doc(text)["exercises"]
    assert (bridge["name"], bridge["reps"]) == ("Brug", 10)
    assert (plank["name"], plank["sets"], plank["work"], plank["sides"]) == (
        "Zijplank",
        3,
        "20s",
        True,
    )


def test_a_dash_typed_against_the_name_parts_it_from_the_description() -> None:
    """ "Jump Lunges- Switch legs in the air." is the move and how to do it, as
    "Jump Lunges - Switch ..." is; "Push-ups" keeps its hyphen."""
    text = (
        "Garden circuit\n\nExercise 1: Jump Lunges- Switch legs in the air, land softly.\n\n"
        "Exercise 2: Push-ups- Keep your body in one line.\n"
    )
    lunges, push = import_text(text).routine.exercises
    assert (lunges.name, push.name) == ("Jump Lunges", "Push-ups")
    assert "Switch legs in the air" in lunges.cue


def test_moves_chained_by_arrows_or_listed_with_slashes() -> None:
    """ "8 box jumps => 20 m shuttle run => 20 m walk" and "Wrist Circles/ Hip Circles/ Leg
    Swings" are moves one after the other; one arrow explains ("Toes in -> outer calves")
    and one slash offers a choice, and neither splits."""
    text = (
        "Field day\n\nWarm-up\n\nWrist Circles/ Hip Circles/ Leg Swings\n\n"
        "Main\n\n8 box jumps => 20 m shuttle run => 20 m walk\n\n"
        "Calf raises x12, toes in -> outer calves\n"
    )
    names = [e.name for e in import_text(text).routine.exercises]
    assert names == [
        "Wrist Circles",
        "Hip Circles",
        "Leg Swings",
        "Box jumps",
        "Shuttle run",
        "Walk",
        "Calf raises",
    ]


def test_a_target_count_under_the_move_is_its_reps_not_an_aftermath() -> None:
    """A physio sheet's "Target Repetitions = 8" under each move gives its reps; it does
    not open notes after the workout (the moves below it are still read)."""
    text = (
        "Shoulder sheet\n\nExercise 1 - Shoulder Rolls\nSit tall and roll both shoulders "
        "back slowly.\nTarget Repetitions = 8\n\nExercise 2 - Wall Slides\nStand with your "
        "back to a wall and slide your arms up.\nTarget Repetitions = 10\n"
    )
    assert _sets_and_reps(text) == [("Shoulder Rolls", 1, 8), ("Wall Slides", 1, 10)]


def test_sets_and_reps_of_each_said_in_notes_over_the_lists() -> None:
    """ "- 3 sets per exercise" and "- 8-12 reps / set" in the notes over the day lists are
    the sets and reps of every move below that gives none (German "3 Sätze / Übung" too),
    not a block of their own."""
    text = (
        "Plan\n\n- Volume\n    + 3 sets per exercise\n    + 8-12 reps / set\n\n"
        "## Legs\n\n- Hack squat\n- Leg press\n- Calf raise 5x20\n"
    )
    assert _sets_and_reps(text) == [
        ("Hack squat", 3, 12),
        ("Leg press", 3, 12),
        ("Calf raise", 5, 20),
    ]
    assert normalize("4 Sätze / Übung, 6-15 Wiederholungen / Satz") == (
        "4 sets per exercise, 6-15 reps per set"
    )


def test_a_rating_out_of_ten_or_reps_a_side_are_no_intervals() -> None:
    """A physio sheet's "Stop if pain goes above 3/10" over its moves is a rating, a log's
    "16kg - 5/5" is reps a side, and "Tabata 20/10" is still work and rest: only the last
    makes intervals."""
    sheet = "Back sheet\n\nStop if pain goes above 3/10\n\nBridge\n3 sets of 8 reps\n"
    assert "tabata" not in import_text(sheet).yaml and "intervals" not in import_text(sheet).yaml
    assert _sets_and_reps(sheet) == [("Bridge", 3, 8)]
    five = scan("Clean and press: 16kg - 5/5")
    assert (five.reps.value if five.reps else None, five.sides, five.on) == (5, True, None)
    assert scan("Tabata 16kg 20/10", heading=True).on == 20_000  # (no pair after a load)
    assert scan("Bike sprints 15/15 x 10").sides is False  # said to be intervals
    assert scan("Week 1/1").reps is None
    log = "Bells\n\nSwing: 16kg - 25/25\n\nPress: 24kg - 1/1, 2/2\n"
    assert "intervals" not in import_text(log).yaml
    swing, press = _doc(log)["exercises"]
    assert (swing["reps"], swing["sides"]) == (25, True)
    assert (press["sets"], press["reps"], press["sides"]) == (2, [1, 2], True)
    (block,) = _doc("Finisher\n\nTabata 20/10\n- Burpees\n- Squats\n")["blocks"]
    assert (block["tabata"]["work"], block["tabata"]["rest"]) == ("20s", "10s")


def test_work_and_then_rest_said_in_a_sentence() -> None:
    """ "three minutes of work and then one minute of rest" is work and rest, as "40
    seconds of work, then 20 seconds of rest" is."""
    said = scan("Every round is three minutes of work and then one minute of rest.")
    assert (said.on, said.off) == (180_000, 60_000)


def test_a_count_before_the_name_is_its_reps() -> None:
    """A whiteboard's "10x toes to bar" is ten reps (and "3x Pull-ups 6-8 reps" three sets
    of them); "2x a week" and "3x Tabata" say how often, not a count of a move."""
    assert _sets_and_reps("Board\n\n- 10x toes to bar\n- 3x Pull-ups 6-8 reps\n") == [
        ("Toes to bar", 1, 10),
        ("Pull-ups", 3, 8),
    ]
    assert scan("3x the circuit").reps is None
    assert scan("2x through").reps is None


def test_a_table_whose_cells_a_copy_ran_together_with_slashes() -> None:
    """ "MOVE / SETS / REPS / REST TIME / NOTES" over "Goblet squat / 3 / 10 / 45 secs /
    3 sec negative" is a table: its "Rest time" the rest, and a time in its notes how to do
    the reps (no move of 3 s)."""
    text = (
        "Lower day\n\nMOVE / SETS / REPS / REST TIME / NOTES\n"
        "Goblet squat / 3 / 10 / 45 secs / 3 sec negative\nGlute bridge / 2 / 15 / 30 secs\n"
        "\nStretch as you like.\n"
    )
    squat, bridge = _doc(text)["exercises"]
    assert "work" not in squat  # (no move of 3 s)
    assert (squat["name"], squat["sets"], squat["reps"], squat["rest"]) == (
        "Goblet squat",
        3,
        10,
        "45s",
    )
    assert "3 sec negative" in squat["cue"]
    assert (bridge["name"], bridge["sets"], bridge["reps"], bridge["rest"]) == (
        "Glute bridge",
        2,
        15,
        "30s",
    )


def test_a_count_before_the_name_and_times_after_it() -> None:
    """ "20 bridges on ball, x2" is two sets of 20 (the comma does not part them); "30
    oblique crunches (15 per side)" and "Push-ups x10" keep their readings."""
    text = "Home\n\n- 20 bridges on ball, x2\n- 12 squats x3\n- Push-ups x10\n"
    assert _sets_and_reps(text) == [
        ("Bridges on ball", 2, 20),
        ("Squats", 3, 12),
        ("Push-ups", 1, 10),
    ]
    sided = scan("30 oblique crunches (15 per side)")
    assert (sided.sets, sided.reps.value if sided.reps else None, sided.sides) == (None, 15, True)


def test_a_move_and_its_numbers_before_a_colon_then_how_to_do_it() -> None:
    """ "40 sec Jump Squats/Rest 20 seconds: Stand tall, ... Land softly." is the move with
    its work and rest, and the sentences after the colon are its cue (their numbers none of
    its own)."""
    text = (
        "Day two\n\n"
        "40 sec Jump Squats/Rest 20 seconds: Stand with your feet apart and sink into a squat. "
        "Jump as high as you can and land softly. Effort 7-9 out of 10.\n"
        "40 sec Mountain climbers/Rest 20 seconds: Start in a plank and drive your knees in "
        "turn. Keep your hips low.\n"
    )
    jumps, climbers = _doc(text)["exercises"]
    assert (jumps["name"], jumps["work"], jumps["rest_after"]) == ("Jump Squats", "40s", "20s")
    assert "land softly" in jumps["cue"]
    assert (climbers["name"], climbers["work"]) == ("Mountain climbers", "40s")
    assert "reps" not in jumps


def test_bare_names_in_another_language_listed_under_a_heading() -> None:
    """ "## Beine" over "- Kniebeuge", "- Beinpresse" lists moves (it had been refused as no
    exercise found): bare names the name model does not know, in a list of nothing else."""
    text = "Plan\n\n## Beine\n\n- Kniebeuge\n- Beinpresse\n- Wadenheben\n"
    assert [e.name for e in import_text(text).routine.exercises] == [
        "Kniebeuge",
        "Beinpresse",
        "Wadenheben",
    ]


def test_a_pages_table_of_contents_and_reading_time_are_no_moves() -> None:
    """ "Tabla de contenidos" over the names of the page's sections, and "Tiempo estimado de
    lectura: 8-10 minutos", are the page's, not the workout's."""
    text = (
        "Rutina en casa\n\nTiempo estimado de lectura: 8-10 minutos\n\nTabla de contenidos\n\n"
        "  1. ¿Para quién es?\n  2. Principios básicos\n  3. Calentamiento rápido (5 min)\n"
        "  4. Rutina\n  5. Errores comunes\n\nPrincipios básicos\n\n"
        "  \u2022 Constancia: tres días por semana.\n\nRutina\n\n"
        "- Sentadilla 3x12\n- Flexiones 3x10\n"
    )
    assert _sets_and_reps(text) == [("Sentadilla", 3, 12), ("Flexiones", 3, 10)]


def test_new_readings_leave_what_they_do_not_mean_alone() -> None:
    """What the rules above must not take: a bare list before "3 sets per exercise" keeps
    every move; "Chest/ Shoulders/ Triceps" heads its day; loads chained by arrows and
    slashes inside brackets are one move; a number of the name ("45 degree lunges x10") and
    reps said after it ("20 bridges, 10 reps x2") are not swapped; "Reps / Sets / Rest" is
    a header; reps said of each for one day are not carried to another; prose with one
    slash ends a table run together with slashes."""
    assert _sets_and_reps("Circuit\n\nPush-ups\nSquats\nLunges\n\n3 sets per exercise\n") == [
        ("Push-ups", 3, None),
        ("Squats", 3, None),
        ("Lunges", 3, None),
    ]
    (block,) = _doc("Monday\n\nChest/ Shoulders/ Triceps\n\n- Bench press 3x10\n- Dips 3x12\n")[
        "blocks"
    ]
    assert block["name"] == "Chest/ Shoulders/ Triceps"
    day = (
        "Day\n\n- Mobility flow (Neck/ Shoulder/ Hip circles) 5 min\n"
        "- Bench: 60kg -> 65kg -> 70kg\n"
    )
    assert len(import_text(day).routine.exercises) == 2
    lunges, bridges = scan("45 degree lunges x10"), scan("20 bridges on ball, 10 reps x2")
    assert (lunges.name, lunges.reps.value if lunges.reps else None) == ("45 degree lunges", 10)
    assert bridges.reps is not None and bridges.reps.value == 10
    assert normalize("Reps / Sets / Rest") == "Reps / Sets / Rest"
    days = (
        "Plan\n\n## Day 1\n\n3 sets per exercise\n8-12 reps / set\n\n- Squat\n\n"
        "## Day 2\n\n5 sets per exercise\n\n- Row\n"
    )
    assert _sets_and_reps(days) == [("Squat", 3, 12), ("Row", 5, None)]
    table = (
        "Legs\n\nMOVE / SETS / REPS / REST TIME\nGoblet squat / 3 / 10 / 45 secs\n"
        "Rest 2 min / 3 min for the big lifts\n"
    )
    read = [e.name for e in import_text(table).routine.exercises]
    assert read[:1] == ["Goblet squat"]
    assert "Rest 2 min" not in read


def test_a_day_of_the_week_heads_its_session_and_names_no_move() -> None:
    """ "Monday" over "Walk 5 minutes at a moderate pace, then 5 minutes briskly." heads that
    day's session told in prose (it had been the name of a move of 5 minutes), and so does
    "2. Tue" in a numbered week; a move named after a day of its own is no day."""
    plan = (
        "Walking plan\n\nWeek 1\n\nSunday\n\nJog easy for 30 minutes.\n\n"
        "Monday\n\nWalk 5 minutes at a moderate pace, then 5 minutes briskly.\n\n"
        "Martes:\n\nCorre 20 minutos suave.\n"
    )
    # (the rules' reading: whether a line of prose is kept is the line model's to say)
    read = read_rules(plan).blocks
    assert [b.name for b in read] == ["Sunday", "Monday", "Martes"]
    assert [[(e.name, e.found.work) for e in b.exercises] for b in read][:2] == [
        [("Jog easy", num(1_800_000))],
        [("Walk", num(300_000)), ("Briskly", num(300_000))],
    ]
    week = "10K plan\n\n  1. Mon\n\n    Rest\n\n  2. Tue\n\n    1. Easy run 40 minutes\n"
    assert [e.name for e in import_text(week).routine.exercises] == ["Easy run"]
    assert _sets_and_reps("Legs\n\n- Sunday squat 5x5\n- Lunges 3x10\n") == [
        ("Sunday squat", 5, 5),
        ("Lunges", 3, 10),
    ]


def test_moves_named_in_a_row_in_a_sentence() -> None:
    """ "The stations this week were; step ups, star jumps, ... and superman." names the
    moves, and the format said before them gives their numbers (they had been lost, or the
    sentence taken for the routine's description); a sentence of other words is no list."""
    text = (
        "Circuits\n\nAt each station we kept moving for 45 seconds, then had a 20 second rest "
        "before the next one.\n\nThe stations this week were; step ups, star jumps, bunny hops "
        "and superman.\n"
    )
    doc = _doc(text)
    (block,) = doc["blocks"]
    assert [e["name"] for e in block["exercises"]] == [
        "Step ups",
        "Star jumps",
        "Bunny hops",
        "Superman",
    ]
    assert {e["work"] for e in block["exercises"]} == {"45s"}
    assert [e.get("rest_after") for e in block["exercises"]] == ["20s", "20s", "20s", None]
    plain = "Legs\n\nThe best moments were sunshine, coffee and good friends.\n\n- Squat 3x5\n"
    assert _sets_and_reps(plain) == [("Squat", 3, 5)]


def test_a_numbered_move_explained_before_it_is_told_how() -> None:
    """ "2. Chest expansion: A slumped chest loads the shoulders. ... Stand tall ... Repeat
    20 times." is a move named before its colon, though its first sentence says why, not
    how; a tip so written is none."""
    text = (
        "Shoulder exercises\n\n"
        "  1. Before you start: check with your therapist. Stop if it hurts. Go slowly.\n"
        "  2. Chest expansion: A slumped chest loads the shoulders. Stand tall with your arms "
        "at your sides. Hold the position for 10 seconds, then relax. Repeat 20 times.\n"
        "  3. Shoulder blade squeeze: This one builds the muscles around the blade. Stand tall "
        "and draw the blades together. Repeat 10 times.\n"
    )
    read = import_text(text).routine.exercises
    assert [(e.name, e.reps) for e in read] == [
        ("Chest expansion", 20),
        ("Shoulder blade squeeze", 10),
    ]


def test_a_rest_between_sets_said_with_a_verb_in_between() -> None:
    """ "I kept my rests between sets to about 90 seconds", "My rest between sets was 2
    minutes": the rest between sets (they had been read as a time of work)."""
    kept = scan("I kept my rests between sets to about 90 seconds on average.")
    was = scan("My rest between sets was 2 minutes.")
    assert [(f.rests["sets"].value, f.work) for f in (kept, was)] == [
        (90_000, None),
        (120_000, None),
    ]


def test_then_rounds_of_this_over_a_list() -> None:
    """ "Then, 2 sets of this:" over a list: two rounds of the moves below (it had been a
    block named so, done once)."""
    text = (
        "Session\n\n2 sets:\n\n  - Squats x 20\n  - Rows x 10\n\n"
        "Then, 2 sets of this:\n\n  - Box squats x 50\n  - Ball jackknives x 20\n"
    )
    blocks = _doc(text)["blocks"]
    assert [(b.get("rounds"), [e["name"] for e in b["exercises"]]) for b in blocks] == [
        (2, ["Squats", "Rows"]),
        (2, ["Box squats", "Ball jackknives"]),
    ]


def test_a_days_list_of_a_warm_up_then_rounds_on_one_line() -> None:
    """ "- Warm-up: 5 min" as one item of a day's list is a timed warm-up (the item after it
    is no part of it), and "- 2 rounds: 1km run, 750m row, 2 min rest" rests 2 minutes
    after each round (the rest had been the last move's)."""
    text = (
        "Day 3\n\n- Warm-up: 5 min\n- 2 rounds: 1km run, 750m row, 20 sandbag lunges, "
        "2 min rest\n- Cool down: 5 min\n"
    )
    blocks = _doc(text)["blocks"]
    assert [(e["name"], e.get("work")) for e in blocks[0]["exercises"]] == [("Warm-up", "5m")]
    assert (blocks[1]["rounds"], blocks[1]["rest_between_rounds"]) == (2, "2m")
    assert [e["name"] for e in blocks[1]["exercises"]] == ["Run", "Row", "Sandbag lunges"]
    assert "rest_after" not in blocks[1]["exercises"][-1]


@pytest.mark.parametrize(
    "said",
    [
        "With a limit of 15 minutes, do as many rounds as you can of the following:",
        "Com um limite de 15 minutos, faz tantas rondas quanto conseguir:",
        "En 15 minutos, haz tantas rondas como puedas:",
    ],
)
def test_an_amrap_said_in_a_sentence_with_its_limit(said: str) -> None:
    """An AMRAP said in words, in English, Portuguese or Spanish, with a time limit before
    it: an AMRAP of that cap over the list below (it had been a list done once)."""
    (block,) = _doc(f"Home\n\n{said}\n\n1. 10 push-ups\n2. 15 sit-ups\n")["blocks"]
    assert block["amrap"]["cap"] == "15m"
    assert [e["name"] for e in block["amrap"]["exercises"]] == ["Push-ups", "Sit-ups"]


@pytest.mark.parametrize(
    ("said", "rounds"),
    [
        ("Repeat with increased intensity.", 2),
        ("Repeat.", 2),
        ("Repeat the circuit once more.", 2),
        ("Repeat on the other side.", None),
    ],
)
def test_repeat_with_no_count_under_a_list_is_once_more(said: str, rounds: int | None) -> None:
    """ "Repeat with increased intensity." under a list of moves: all of it once more (it had
    been read as nothing); "Repeat on the other side." is no round."""
    text = f"Warm up:\n\n  \u2022 Jumping Jacks\n  \u2022 Body Squats\n\n{said}\n\n"
    text += "Then:\n\n- Run 5 min\n"
    assert _doc(text)["blocks"][0].get("rounds") == rounds


def test_a_box_days_strength_and_emom_as_a_coach_posts_them() -> None:
    """ "Strength: Back Squat" over "3 x 3 at 85% of your 1 Rep Max" and its rest below it:
    the squat's sets, reps, rest and load (the bullet had opened a block of its own); "EMOM
    (Every Minute on the Minute) 15" is 15 minutes; "(scale to 20 ring rows)" is no move."""
    text = (
        "WOD\n\nStrength: Back Squat\n\n  \u2022 3 x 3 at 85% of your 1 Rep Max\n"
        "    \u2022 Rest at least 2 minutes between sets\n\n"
        "MetCon: EMOM (Every Minute on the Minute) 15\n\n"
        "  \u2022 10 Strict Pull Ups (scale to 20 ring rows)\n  \u2022 20 Air Squats\n"
        "  \u2022 20 Push Ups\n"
    )
    strength, metcon = _doc(text)["blocks"]
    (squat,) = strength["exercises"]
    assert (squat["name"], squat["sets"], squat["reps"], squat["rest"]) == (
        "Back Squat",
        3,
        3,
        "2m",
    )
    assert "85%" in squat["cue"]
    assert metcon["emom"]["minutes"] == 15
    assert [e["name"] for e in metcon["emom"]["exercises"]] == [
        "Strict Pull Ups",
        "Air Squats",
        "Push Ups",
    ]


def test_a_list_copied_with_each_dash_on_a_line_of_its_own() -> None:
    """ "-" alone on a line, then the item's words on the next (a page's list copied): a list
    item (bare names under a heading had been read as lines of prose, and refused)."""
    text = "Plan\n\n## Beine\n\n-\nKniebeuge\n-\nBeinpresse\n-\nWadenheben\n"
    assert [e.name for e in import_text(text).routine.exercises] == [
        "Kniebeuge",
        "Beinpresse",
        "Wadenheben",
    ]


def test_swedish_and_norwegian_times_and_a_decimal_comma() -> None:
    """ "3 x 3-minutersintervaller med 1,5 minuters lätt jogg mellan varje intervall": three
    sets of three minutes, 90 s of easy jogging between them (the Scandinavian words and
    the decimal comma had been read as nothing); "8, 2 Min." is no decimal."""
    text = "Intervaller\n\n- 3 x 3-minutersintervaller med 1,5 minuters lätt jogg "
    text += "mellan varje intervall.\n"
    (run,) = import_text(text).routine.exercises
    assert (run.sets, run.work_ms, run.rest_ms) == (3, 180_000, 90_000)
    assert scan("hvile 2 minutter").rests[""] == num(120_000)
    bench = import_text("Brust\n\nBankdrücken 4 x 8, 2 Min. Pause\n").routine.exercises[0]
    assert (bench.reps, bench.rest_ms) == (8, 120_000)  # (no decimal comma: a list's comma)


def test_an_amrap_inside_the_minutes_with_runs_of_tenths_of_a_mile() -> None:
    """ "Go through the circuit below AMRAP (as many rounds as possible) inside the
    30-minutes:" is a 30-minute AMRAP (it had been a list done once), and "Run .3 miles"
    runs 0.3 miles, said once in its name."""
    text = (
        "30 Minutes to Win It\n\nGo through the circuit below AMRAP (as many rounds as "
        "possible) inside the 30-minutes:\n\n1. Run .3 miles\n\n2. 15 Burpees\n"
    )
    (block,) = _doc(text)["blocks"]
    assert block["amrap"]["cap"] == "30m"
    assert [e["name"] for e in block["amrap"]["exercises"]] == ["Run 0.3 miles", "Burpees"]
    assert scan("Run .3 miles").distance == "483m"


def test_a_table_copied_a_cell_to_a_line() -> None:
    """ "Exercise", "Sets", "Reps" on lines of their own, then each row's cells the same way:
    the table's rows as moves with their sets and reps (each cell had been a line of its
    own, most of them lost); a list of short lines that merely name columns is no table."""
    text = (
        "Push day\n\nExercise\nSets\nReps\nRest\nBench press\n3\n8-10\n90s\n"
        "Shoulder press\n4\n6\n60s\n\nThat is all for today.\n"
    )
    read = import_text(text).routine.exercises
    assert [(e.name, e.sets, e.reps, e.rest_ms) for e in read] == [
        ("Bench press", 3, 10, 90_000),
        ("Shoulder press", 4, 6, 60_000),
    ]
    assert _sets_and_reps("Legs\n\nSets\nReps\n\n- Squat 5x5\n") == [("Squat", 5, 5)]


def test_pieces_of_a_ride_named_by_how_hard_they_go() -> None:
    """ "5 minutes @ 140 Watts" under "Warm Up" is a five-minute piece of the warm-up, and
    "30 seconds at 95% FTP @ 95rpm" one of 30 s at that effort (they had been names of
    nothing, or left out)."""
    text = (
        "Turbo\n\nWarm Up:\n\n  \u2022 5 minutes @ 140 Watts\n  \u2022 4 minutes @ 200 Watts\n\n"
        "Ramp efforts:\n  \u2022 30 seconds at 95% FTP @ 95rpm\n"
        "  \u2022 30 seconds at 105% FTP @ 105rpm\n"
    )
    read = import_text(text).routine.exercises
    assert [(e.name, e.work_ms) for e in read] == [
        ("Warm Up @ 140Watts", 300_000),
        ("Warm Up @ 200Watts", 240_000),
        ("Ramp efforts at 95% FTP @ 95rpm", 30_000),
        ("Ramp efforts at 105% FTP @ 105rpm", 30_000),
    ]
