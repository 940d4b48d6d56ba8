"""The cue script of the built-in routine, against a reviewed golden copy.

To accept an intended change: REPCAST_UPDATE_GOLDEN=1 scripts/test tests/test_cues.py,
then read the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from repcast import builtin_routine, make_cues, make_plan
from repcast.routine.model import parse_routine
from repcast.timing import SAMPLE_RATE

GOLDEN = Path(__file__).parent / "golden" / "upper-body-for-runners.cues"


def _lines(script) -> str:
    return "".join(
        f"{c.at:>9} {c.kind:<6} p{c.priority} {c.anchor:<5} {c.role:<10} {c.text}\n"
        for c in script.cues
    )


def test_builtin_cue_script_matches_golden() -> None:
    got = _lines(make_cues(make_plan(builtin_routine())))
    if os.environ.get("REPCAST_UPDATE_GOLDEN"):
        GOLDEN.write_text(got)
    assert got == GOLDEN.read_text()


def _script(doc: dict):
    return make_cues(make_plan(parse_routine({"title": "T", **doc})))


def test_counted_reps_replace_the_end_countdown() -> None:
    script = _script({"exercises": [{"name": "Dips", "reps": 5, "tempo": "3s"}]})
    work = script.plan.intervals[1]
    reps = [c for c in script.cues if c.role == "rep"]
    assert [c.text for c in reps] == ["one", "two", "three", "four", "five"]
    assert [c.at - work.start for c in reps] == [
        k * 3 * SAMPLE_RATE + SAMPLE_RATE * 4 // 10 for k in range(5)
    ]
    assert not [c for c in script.cues if c.role == "countdown" and c.interval == work.index]


def test_sides_and_holds_are_called() -> None:
    script = _script(
        {
            "exercises": [
                {
                    "name": "Side plank",
                    "work": "30s",
                    "sides": True,
                    "hold": {"what": "the top", "for": "5s"},
                },
            ]
        }
    )
    texts = [c.text for c in script.cues if c.spoken]
    assert "Switch sides." in texts
    assert "Right side." in texts
    assert texts.count("Hold the top.") == 2
    assert any("Each side, left first." in t for t in texts)


def test_halfway_and_ten_seconds_only_when_long_enough() -> None:
    def roles(work):
        return [c.role for c in _script({"exercises": [{"name": "Plank", "work": work}]}).cues]

    assert "halfway" not in roles("19s") and "time-left" not in roles("19s")
    assert "halfway" in roles("20s") and "time-left" not in roles("29s")
    assert "time-left" in roles("30s")


def _summary(doc: dict) -> str:
    return next(c.text for c in _script(doc).cues if c.role == "summary")


def test_summaries_count_template_moves_and_rungs_as_exercises() -> None:
    amrap = {
        "name": "AMRAP",
        "amrap": {
            "cap": "12m",
            "exercises": [
                {"name": "Push-ups", "reps": 10},
                {"name": "Air squats", "reps": 15, "cue": "Chest up"},
                {"name": "Sit-ups", "reps": 20},
            ],
        },
    }
    script = _script({"defaults": {"lead_in": "30s", "outro": "30s"}, "blocks": [amrap]})
    summary = next(c.text for c in script.cues if c.role == "summary")
    assert summary == "Three exercises and one set in thirteen minutes. Great work."
    form = next(c.text for c in script.cues if c.role == "form")
    assert form == "As many rounds as you can: 10 Push-ups, 15 Air squats, 20 Sit-ups. Chest up."

    ladder = {"name": "Ladder", "ladder": {"exercise": "Push-ups", "reps": [2, 4, 6, 8]}}
    assert _summary({"blocks": [ladder]}).startswith("Four exercises and four sets in ")
    # Rounds repeat exercises; they do not add to them.
    tabata = {"name": "Tabata", "tabata": {"exercises": ["Burpees", "Mountain climbers"]}}
    assert _summary({"blocks": [tabata]}).startswith("Two exercises and eight sets in ")


@pytest.mark.parametrize(
    ("lang", "kit", "hold", "need", "held", "each_rep"),
    [
        (
            "en",
            ["dumbbells", "stability ball", "bench"],
            "high plank",
            "You will need dumbbells, a stability ball and a bench.",
            "Hold a high plank.",
            "Hold a high plank for five seconds on every rep.",
        ),
        (
            "de",
            ["Hanteln", "Gymnastikball", "Bank"],
            "hohe Plank",
            "Ausrüstung: Hanteln, Gymnastikball und Bank.",
            "Halten: hohe Plank.",
            "Bei jeder Wiederholung fünf Sekunden halten: hohe Plank.",
        ),
        (
            "es",
            ["mancuernas", "balón de estabilidad", "banco"],
            "plancha alta",
            "Material: mancuernas, balón de estabilidad y banco.",
            "Aguanta en plancha alta.",
            "En cada repetición, aguanta en plancha alta durante cinco segundos.",
        ),
    ],
)
def test_equipment_and_holds_are_said_as_a_person_says_them(
    lang: str, kit: list[str], hold: str, need: str, held: str, each_rep: str
) -> None:
    def said(kit: list[str], hold: str) -> list[str]:
        move = {
            "name": "Slow push-ups",
            "reps": 2,
            "tempo": "3s",
            "equipment": kit,
            "hold": {"what": hold, "for": "5s", "each": "rep"},
        }
        return [c.text for c in _script({"language": lang, "exercises": [move]}).cues]

    texts = said(kit, hold)
    assert need in texts
    assert texts.count(held) == 2
    assert any(t.endswith(each_rep) for t in texts)
    if lang == "en":  # the same, whether or not the routine writes the article
        assert said(["dumbbells", "a stability ball", "a bench"], "a high plank") == texts
