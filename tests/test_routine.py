"""Loading and validating routine files, and the JSON Schema published from the same tables."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from repcast.errors import InputError
from repcast.routine.model import (
    ROUTINE,
    Defaults,
    Exercise,
    Hold,
    Routine,
    Voice,
    builtin_routine,
    json_schema,
    load_routine,
    parse_routine,
    parse_text,
)
from repcast.routine.schema import Spec

MINIMAL_YAML = "title: Quick\nexercises:\n  - name: Squats\n    work: 30s\n"
MINIMAL = {"title": "Quick", "exercises": [{"name": "Squats", "work": "30s"}]}


def error_of(text: str, source: str = "r.yaml", *, json_only: bool = False) -> str:
    with pytest.raises(InputError) as info:
        parse_text(text, source, json_only=json_only)
    assert info.value.exit_code == 2
    return str(info.value)


def ex(**fields: Any) -> str:
    """A one-exercise YAML routine with the given exercise fields (flow style)."""
    body = ", ".join(f"{k}: {v}" for k, v in fields.items())
    return f"title: T\nexercises: [{{{body}}}]\n"


# --- loading --------------------------------------------------------------------------


def test_load_yaml(tmp_path: Path) -> None:
    path = tmp_path / "quick.yaml"
    path.write_text(MINIMAL_YAML, encoding="utf-8")
    r = load_routine(path)
    assert r.title == "Quick"
    assert r.source == str(path)
    assert [b.name for b in r.blocks] == ["Workout"]
    assert r.exercises == (Exercise(name="Squats", work_ms=30_000),)
    assert r.defaults == Defaults()
    assert r.voice == Voice()


def test_load_json(tmp_path: Path) -> None:
    path = tmp_path / "quick.json"
    path.write_text(json.dumps(MINIMAL), encoding="utf-8")
    assert load_routine(path) == parse_routine(MINIMAL, str(path))


def test_yml_suffix_and_json_inside_yaml(tmp_path: Path) -> None:
    path = tmp_path / "quick.yml"
    path.write_text(json.dumps(MINIMAL), encoding="utf-8")
    assert load_routine(path).exercises[0].work_ms == 30_000


def test_full_routine_fields() -> None:
    r = parse_routine(
        {
            "title": "  Full   routine ",
            "description": "All\nthe fields.",
            "voice": {"name": "en-gb", "rate": 150, "pitch": 40},
            "defaults": {
                "work": "50s",
                "set_time": "1m",
                "rest_between_sets": 20,
                "rest_between_exercises": "0:40",
                "rest_between_rounds": "90s",
                "countdown": 5,
                "lead_in": "15s",
                "switch_sides": "3s",
                "outro": "10s",
            },
            "blocks": [
                {
                    "name": "Main",
                    "rounds": 3,
                    "rest_between_rounds": "2m",
                    "exercises": [
                        {
                            "name": "Lunges",
                            "cue": "Knee over toes.",
                            "equipment": "Dumbbells",
                            "sets": 2,
                            "reps": 12,
                            "tempo": "2-1-2",
                            "hold": {"what": "low lunge", "for": "2s", "each": "rep"},
                            "sides": True,
                            "rest": "15s",
                            "rest_after": 0,
                        },
                        {"name": "Rows", "reps": 10, "set_time": "40s", "equipment": ["a", "b"]},
                    ],
                }
            ],
        },
        "full.yaml",
    )
    assert r.title == "Full routine"
    assert r.description == "All the fields."
    assert r.voice == Voice("en-gb", 150, 40)
    assert r.defaults == Defaults(50_000, 60_000, 20_000, 40_000, 90_000, 5, 15_000, 3_000, 10_000)
    (block,) = r.blocks
    assert (block.name, block.rounds, block.rest_between_rounds_ms) == ("Main", 3, 120_000)
    lunges, rows = block.exercises
    assert lunges == Exercise(
        name="Lunges",
        cue="Knee over toes.",
        equipment=("Dumbbells",),
        sets=2,
        reps=12,
        tempo_ms=5_000,
        hold=Hold("low lunge", 2_000, "rep"),
        sides=True,
        rest_ms=15_000,
        rest_after_ms=0,
    )
    assert not lunges.timed
    assert rows.set_time_ms == 40_000
    assert rows.equipment == ("a", "b")
    assert r.equipment == ("Dumbbells", "a", "b")


def test_work_defaults_when_neither_work_nor_reps() -> None:
    r = parse_text("title: T\ndefaults: {work: 50s}\nexercises: [{name: A}, {name: B}]\n", "r")
    assert [(e.timed, e.work_ms, e.reps) for e in r.exercises] == [(True, None, None)] * 2
    assert r.defaults.work_ms == 50_000


def test_null_optional_fields_are_defaults() -> None:
    r = parse_text(ex(name="A", work="10s", cue="null", rest="~") + "description:\n", "r.yaml")
    assert r.description == ""
    assert r.exercises[0] == Exercise(name="A", work_ms=10_000)


def test_builtin_routine() -> None:
    r = builtin_routine()
    assert isinstance(r, Routine)
    assert r.title == "Upper body for runners"
    assert [e.name for e in r.exercises] == [
        "Burpees",
        "Renegade rows with push-ups",
        "Overhead press to lat pulldown",
        "Push-ups on a stability ball",
        "Bench dips",
        "Benjamin's burpees",
    ]
    assert r.exercises[2].tempo_ms == 4_000
    assert r.exercises[5].hold == Hold("high plank", 5_000, "rep")
    assert r.source.startswith("<built-in")


@pytest.mark.parametrize(
    "name",
    ["Pompes à la française", "💪 Push-ups 💪", "腕立て伏せ", "Ωmega curls", "Zürich\u00a0squats"],
)
def test_unicode_names_are_accepted(name: str) -> None:
    r = parse_routine({"title": name, "exercises": [{"name": name, "reps": 5}]})
    assert r.title == " ".join(name.split())
    assert r.exercises[0].name == " ".join(name.split())


def test_unicode_in_json_file(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json.dumps({**MINIMAL, "title": "Étirements 🧘"}), encoding="utf-8")
    assert load_routine(path).title == "Étirements 🧘"


def test_yaml_sexagesimal_durations_mean_minutes_and_seconds() -> None:
    # YAML 1.1 reads an unquoted 1:30 as the number 90; it must still mean 90 seconds.
    r = parse_text(ex(name="A", work="1:30", rest="1:02:03"), "r.yaml")
    assert (r.exercises[0].work_ms, r.exercises[0].rest_ms) == (90_000, 3_723_000)


def test_text_exactly_1000_characters_is_accepted() -> None:
    assert len(parse_routine({**MINIMAL, "title": "a" * 1000}).title) == 1000


# --- the catalogue of bad input -------------------------------------------------------

BLOCKS2 = (
    "title: T\nblocks:\n"
    "  - name: Warm-up\n    exercises: [{name: A, work: 10s}]\n"
    "  - name: Main\n    exercises: [{name: B, %s}]\n"
)

BAD = [
    # syntax
    (
        "title: [unclosed\nexercises: []\n",
        "r.yaml: line 2, column 10: expected ',' or ']', but got ':'",
    ),
    ("title: x\n  bad: indent\n", "r.yaml: line 2, column 6: mapping values are not allowed here"),
    (
        "title: x\nexercises:\n- name: a\n\twork: 3\n",
        "r.yaml: line 4, column 1: found character '\\t' that cannot start any token",
    ),
    (MINIMAL_YAML + "---\ntitle: y\n", "r.yaml: line 5, column 1: but found another document"),
    ("title: &a x\nexercises: *b\n", "r.yaml: line 2, column 12: found undefined alias 'b'"),
    (
        "title: !!python/object:os.system x\n",
        "r.yaml: line 1, column 8: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object:os.system'",
    ),
    # document shape
    ("", "r.yaml: is empty"),
    ("   \n\n", "r.yaml: is empty"),
    ("# only a comment\n", "r.yaml: is empty"),
    ("- a\n- b\n", "r.yaml: expected a mapping of fields, got a list"),
    ("just text\n", "r.yaml: expected a mapping of fields, got text"),
    # required and exclusive fields
    ("exercises: [{name: A, work: 3}]\n", "r.yaml: title: is required"),
    ("title: ''\nexercises: [{name: A, work: 3}]\n", "r.yaml: title: must not be empty"),
    ("title: '  '\nexercises: [{name: A, work: 3}]\n", "r.yaml: title: must not be empty"),
    ("title: T\n", "r.yaml: blocks: give either blocks or exercises (exactly one of them)"),
    (
        "title: T\nexercises: [{name: A, work: 3}]\nblocks: [{name: B, exercises: [{name: A, "
        "work: 3}]}]\n",
        "r.yaml: blocks: give either blocks or exercises (exactly one of them)",
    ),
    ("title: T\nexercises: [{work: 3}]\n", "r.yaml: exercises[0].name: is required"),
    (ex(name="null", work=3), "r.yaml: exercises[0].name: expected text, got nothing"),
    (
        "title: T\nblocks: [{exercises: [{name: A, work: 3}]}]\n",
        "r.yaml: blocks[0].name: is required",
    ),
    (
        "title: T\nblocks: [{name: B}]\n",
        "r.yaml: blocks[0]: give exactly one of exercises, tabata, emom, amrap, for_time, ladder",
    ),
    ("title: T\nexercises: []\n", "r.yaml: exercises: must not be empty"),
    ("title: T\nblocks: []\n", "r.yaml: blocks: must not be empty"),
    (
        "title: T\nblocks: [{name: B, exercises: []}]\n",
        "r.yaml: blocks[0].exercises: must not be empty",
    ),
    (
        ex(name="A", work=3, reps=3),
        "r.yaml: exercises[0]: give either work (a timed exercise) or reps, not both",
    ),
    (
        BLOCKS2 % "work: 20s, reps: 2",
        "r.yaml: blocks[1].exercises[0]: give either work (a timed exercise) or reps, not both",
    ),
    (ex(name="A", work=3, tempo="2s"), "r.yaml: exercises[0].tempo: a tempo needs reps"),
    (
        ex(name="A", work=3, set_time="30s"),
        "r.yaml: exercises[0].set_time: set_time is for reps without a tempo",
    ),
    (
        ex(name="A", reps=3, tempo="2s", set_time="30s"),
        "r.yaml: exercises[0].set_time: set_time is for reps without a tempo",
    ),
    (ex(name="A", work=3, hold="{what: plank}"), "r.yaml: exercises[0].hold.for: is required"),
    (ex(name="A", work=3, hold="{for: 3s}"), "r.yaml: exercises[0].hold.what: is required"),
    (
        ex(name="A", reps=5, hold="{what: plank, for: 3s, each: rep}"),
        "r.yaml: exercises[0].hold.each: a hold on every rep needs a tempo",
    ),
    (
        ex(name="A", work="30s", hold="{what: plank, for: 3s, each: rep}"),
        "r.yaml: exercises[0].hold.each: a hold on every rep needs a tempo",
    ),
    (
        ex(name="A", reps=5, tempo="2s", hold="{what: plank, for: 3s, each: often}"),
        "r.yaml: exercises[0].hold.each: must be one of rep, set, got 'often'",
    ),
    # unknown keys
    (
        ex(name="A", work=3, repz=3),
        "r.yaml: exercises[0].repz: unknown field (did you mean 'reps'?)",
    ),
    (ex(name="A", work=3, xyzzy=3), "r.yaml: exercises[0].xyzzy: unknown field"),
    (
        "titel: T\nexercises: [{name: A, work: 3}]\n",
        "r.yaml: titel: unknown field (did you mean 'title'?)",
    ),
    (
        "title: T\nvoice: {pich: 20}\nexercises: [{name: A, work: 3}]\n",
        "r.yaml: voice.pich: unknown field (did you mean 'pitch'?)",
    ),
    (
        "title: T\ndefaults: {rest_between_set: 5s}\nexercises: [{name: A, work: 3}]\n",
        "r.yaml: defaults.rest_between_set: unknown field (did you mean 'rest_between_sets'?)",
    ),
    (
        "title: T\nblocks: [{name: B, round: 2, exercises: [{name: A, work: 3}]}]\n",
        "r.yaml: blocks[0].round: unknown field (did you mean 'rounds'?)",
    ),
    ("1: x\ntitle: T\nexercises: [{name: A, work: 3}]\n", "r.yaml: 1: unknown field"),
    # wrong types
    ("title: 3\nexercises: [{name: A, work: 3}]\n", "r.yaml: title: expected text, got int"),
    ("title: [T]\nexercises: [{name: A, work: 3}]\n", "r.yaml: title: expected text, got a list"),
    (
        "title: T\nexercises: {name: A, work: 3}\n",
        "r.yaml: exercises: expected a list, got a mapping",
    ),
    ("title: T\nexercises: [A]\n", "r.yaml: exercises[0]: expected a mapping of fields, got text"),
    (
        "title: T\ndefaults: []\nexercises: [{name: A, work: 3}]\n",
        "r.yaml: defaults: expected a mapping of fields, got a list",
    ),
    (
        BLOCKS2 % "reps: 3.5",
        "r.yaml: blocks[1].exercises[0].reps: expected a whole number, got 3.5",
    ),
    (
        BLOCKS2 % "reps: '8'",
        "r.yaml: blocks[1].exercises[0].reps: expected a whole number, got '8'",
    ),
    (
        BLOCKS2 % "reps: true",
        "r.yaml: blocks[1].exercises[0].reps: expected a whole number, got True",
    ),
    (BLOCKS2 % "reps: 0", "r.yaml: blocks[1].exercises[0].reps: must be at least 1, got 0"),
    (BLOCKS2 % "reps: 501", "r.yaml: blocks[1].exercises[0].reps: must be at most 500, got 501"),
    (ex(name="A", work=3, sets=0), "r.yaml: exercises[0].sets: must be at least 1, got 0"),
    (
        ex(name="A", work=3, sides="'yes'"),
        "r.yaml: exercises[0].sides: expected true or false, got 'yes'",
    ),
    (
        ex(name="A", work=3, equipment=3),
        "r.yaml: exercises[0].equipment: expected a name or a list of names, got int",
    ),
    (
        ex(name="A", work=3, equipment="[a, 3]"),
        "r.yaml: exercises[0].equipment[1]: expected text, got int",
    ),
    (
        "title: T\nvoice: {rate: 20}\nexercises: [{name: A, work: 3}]\n",
        "r.yaml: voice.rate: must be at least 80, got 20",
    ),
    (
        "title: T\ndefaults: {countdown: 11}\nexercises: [{name: A, work: 3}]\n",
        "r.yaml: defaults.countdown: must be at most 10, got 11",
    ),
    # durations
    (ex(name="A", work=0), "r.yaml: exercises[0].work: must be longer than zero"),
    (ex(name="A", work="0s"), "r.yaml: exercises[0].work: must be longer than zero"),
    (ex(name="A", work="-30s"), "r.yaml: exercises[0].work: must not be negative, got '-30s'"),
    (ex(name="A", work=-30), "r.yaml: exercises[0].work: must not be negative, got -30"),
    (
        ex(name="A", work="abc"),
        "r.yaml: exercises[0].work: expected a duration like 45s, 1m30s or 1:30, got 'abc'",
    ),
    (
        ex(name="A", work="true"),
        "r.yaml: exercises[0].work: expected a duration like 45s or 1:30, got True",
    ),
    (
        ex(name="A", work=".nan"),
        "r.yaml: exercises[0].work: expected a duration like 45s or 1:30, got nan",
    ),
    (ex(name="A", work="720h"), "r.yaml: exercises[0].work: '720h' is longer than 24 hours"),
    (ex(name="A", work=2592000), "r.yaml: exercises[0].work: 2592000 is longer than 24 hours"),
    (
        ex(name="A", work="30d"),
        "r.yaml: exercises[0].work: expected a duration like 45s, 1m30s or 1:30, got '30d'",
    ),
    (ex(name="A", reps=5, tempo=0), "r.yaml: exercises[0].tempo: must be longer than zero"),
    (ex(name="A", reps=5, tempo="0-0"), "r.yaml: exercises[0].tempo: must be longer than zero"),
    (
        ex(name="A", reps=5, tempo="2-1-2-1-1"),
        "r.yaml: exercises[0].tempo: expected a duration like 45s, 1m30s or 1:30, got '2-1-2-1-1'",
    ),
    (
        ex(name="A", reps=5, hold="{what: plank, for: 0}"),
        "r.yaml: exercises[0].hold.for: must be longer than zero",
    ),
    (
        "title: T\ndefaults: {rest_between_sets: -3}\nexercises: [{name: A, work: 3}]\n",
        "r.yaml: defaults.rest_between_sets: must not be negative, got -3",
    ),
    (
        "title: T\ndefaults: {lead_in: 0}\nexercises: [{name: A, work: 3}]\n",
        "r.yaml: defaults.lead_in: must be longer than zero",
    ),
    (
        "title: T\nblocks: [{name: B, rest_between_rounds: 25h,"
        " exercises: [{name: A, work: 3}]}]\n",
        "r.yaml: blocks[0].rest_between_rounds: '25h' is longer than 24 hours",
    ),
    # text content
    (
        'title: "a\\ab"\nexercises: [{name: A, work: 3}]\n',
        "r.yaml: title: contains control characters",
    ),
    (
        'title: "a\\0b"\nexercises: [{name: A, work: 3}]\n',
        "r.yaml: title: contains control characters",
    ),
    (
        ex(name="A", work=3, cue='"bad \\e[31m colour"'),
        "r.yaml: exercises[0].cue: contains control characters",
    ),
    (
        "title: " + "a" * 1001 + "\nexercises: [{name: A, work: 3}]\n",
        "r.yaml: title: is 1001 characters long; keep it under 1000",
    ),
    (
        ex(name="A", work=3, cue="w" * 600 + " " + "w" * 600),
        "r.yaml: exercises[0].cue: is 1201 characters long; keep it under 1000",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_yaml(text: str, message: str) -> None:
    assert error_of(text) == message


BAD_JSON = [
    ('{"title": "x",}',
     "r.json: line 1, column 15: Expecting property name enclosed in double quotes"),
    ('{"title": "x"\n"exercises": []}', "r.json: line 2, column 1: Expecting ',' delimiter"),
    ("{'title': 'x'}",
     "r.json: line 1, column 2: Expecting property name enclosed in double quotes"),
    ('{"title": "a\tb"}', "r.json: line 1, column 13: Invalid control character at"),
    ("[]", "r.json: expected a mapping of fields, got a list"),
    ('{"title": "T", "exercises": [{"name": "A", "work": NaN}]}',
     "r.json: exercises[0].work: expected a duration like 45s or 1:30, got nan"),
    ('{"title": "T", "exercises": [{"name": "A", "reps": 5.0}]}',
     "r.json: exercises[0].reps: expected a whole number, got 5.0"),
    ('{"title": "T", "exercises": [{"name": "A", "work": 30, "sides": 1}]}',
     "r.json: exercises[0].sides: expected true or false, got 1"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "message"), BAD_JSON)
def test_bad_json(text: str, message: str) -> None:
    assert error_of(text, "r.json", json_only=True) == message


def test_every_message_is_one_line() -> None:
    for text, _ in BAD:
        assert "\n" not in error_of(text)


def test_raw_control_character_in_yaml_is_one_line() -> None:
    message = error_of('title: "a\x07b"\nexercises: [{name: A, work: 3}]\n')
    assert message == "r.yaml: line 1, column 10: contains control characters"


def test_empty_json_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_routine(path)
    assert str(info.value) == f"{path}: is empty"


def test_empty_yaml_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_routine(path)
    assert str(info.value) == f"{path}: is empty"


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    with pytest.raises(InputError) as info:
        load_routine(path)
    assert str(info.value) == f"{path}: no such file"
    assert info.value.file == str(path)


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_routine(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a directory, not a routine file"


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: Échauffement\nexercises: [{name: A, work: 3}]\n".encode("latin-1"))
    with pytest.raises(InputError) as info:
        load_routine(path)
    assert str(info.value) == f"{path}: is not UTF-8 text"


def test_bad_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"title": "T", "exercises": [{"name": "A", "work": 3, "reps": 3}]}')
    with pytest.raises(InputError) as info:
        load_routine(path)
    assert str(info.value) == (
        f"{path}: exercises[0]: give either work (a timed exercise) or reps, not both"
    )
    assert (info.value.file, info.value.field) == (str(path), "exercises[0]")


def test_utf8_bom_yaml_file(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL_YAML.encode())
    assert load_routine(path).title == "Quick"


def test_utf8_bom_json_file(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(MINIMAL).encode())
    assert load_routine(path).title == "Quick"


# --- JSON Schema ----------------------------------------------------------------------


def _walk(
    table: Mapping[str, Spec], schema: dict[str, Any], path: str
) -> list[tuple[str, Spec, dict]]:
    """(path, field spec, schema node) for every field of every table, recursively."""
    out = []
    assert schema["type"] == "object", path
    assert schema["additionalProperties"] is False, path
    assert set(schema["properties"]) == set(table), path
    for key, spec in table.items():
        node = schema["properties"][key]
        out.append((f"{path}{key}", spec, node))
        if spec.kind == "object":
            out += _walk(spec.fields or {}, node, f"{path}{key}.")
        elif spec.kind == "named":  # a name, or a whole exercise
            out += _walk(spec.fields or {}, node["anyOf"][1], f"{path}{key}.")
        elif spec.kind == "list" and spec.item is not None and spec.item.kind == "object":
            assert node["type"] == "array"
            out += _walk(spec.item.fields or {}, node["items"], f"{path}{key}[].")
        elif spec.kind == "list" and spec.item is not None and spec.item.kind == "named":
            out += _walk(spec.item.fields or {}, node["items"]["anyOf"][1], f"{path}{key}[].")
    return out


def test_schema_is_json() -> None:
    schema = json_schema()
    assert json.loads(json.dumps(schema)) == schema
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["title"]
    assert schema["oneOf"] == [{"required": ["blocks"]}, {"required": ["exercises"]}]


def test_every_field_is_in_the_schema_with_a_description() -> None:
    fields = _walk(ROUTINE, json_schema(), "")
    paths = {p for p, _, _ in fields}
    # Spot-check that the walk really went all the way down.
    assert {"title", "voice.rate", "defaults.countdown", "blocks[].exercises[].hold.each"} <= paths
    assert {"blocks[].tabata.exercises[].hold.for", "blocks[].ladder.exercise.tempo"} <= paths
    for path, spec, node in fields:
        assert node.get("description") == spec.doc, path
        assert spec.doc.strip(), path


def test_schema_limits_match_the_tables() -> None:
    for path, spec, node in _walk(ROUTINE, json_schema(), ""):
        if spec.kind == "int":
            assert node["type"] == "integer", path
            assert node.get("minimum") == spec.minimum, path
            assert node.get("maximum") == spec.maximum, path
        if spec.kind == "choice":
            assert node["enum"] == list(spec.choices), path
        if spec.kind == "list":
            assert node.get("minItems") == spec.minimum, path


def test_schema_required_fields_match_the_validator() -> None:
    schema = json_schema()
    exercise = schema["properties"]["exercises"]["items"]
    assert exercise["required"] == ["name"]
    assert sorted(exercise["properties"]["hold"]["required"]) == ["for", "what"]
    block = schema["properties"]["blocks"]["items"]
    assert block["required"] == ["name"]
    assert block["oneOf"] == [
        {"required": [k]} for k in ("exercises", "tabata", "emom", "amrap", "for_time", "ladder")
    ]


def _patterns(field: str) -> list[str]:
    node = json_schema()["properties"]["exercises"]["items"]["properties"][field]
    return [a["pattern"] for a in node["anyOf"] if a.get("type") == "string"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("work", "45s"),
        ("work", "1m30s"),
        ("work", "1:30"),
        ("work", "1:02:03"),
        ("work", "500ms"),
        ("work", "1.5s"),
        ("tempo", "3s"),
        ("tempo", "2-1-2"),
        ("tempo", "1.5-0.5"),
        ("work", "1:30.5"),
    ],
)
def test_schema_pattern_accepts_what_the_validator_accepts(field: str, value: str) -> None:
    exercise = {"name": "A", field: value, **({"reps": 3} if field == "tempo" else {})}
    parse_routine({"title": "T", "exercises": [exercise]})
    assert any(re.search(p, value) for p in _patterns(field))
