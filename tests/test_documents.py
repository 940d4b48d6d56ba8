"""The one reader of YAML and JSON documents: its limits sit exactly where docs/routines.md says,
and what YAML legitimately allows (merge keys, aliases, escapes) still reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from repcast.errors import InputError
from repcast.routine.documents import (
    MAX_ALIASED,
    MAX_BYTES,
    MAX_DEPTH,
    load_document,
    parse_document,
)


def error_of(text: str, *, json_only: bool = False) -> str:
    with pytest.raises(InputError) as info:
        parse_document(text, "d", json_only=json_only)
    assert info.value.exit_code == 2
    return str(info.value)


@pytest.mark.parametrize("json_only", [False, True])
def test_nesting_up_to_the_limit_reads(json_only: bool) -> None:
    deepest = "[" * MAX_DEPTH + "1" + "]" * MAX_DEPTH
    data = parse_document(deepest, "d", json_only=json_only)
    for _ in range(MAX_DEPTH):
        (data,) = data
    assert data == 1
    too_deep = "[" + deepest + "]"
    assert error_of(too_deep, json_only=json_only) == (
        f"d: line 1, column {MAX_DEPTH + 1}: nested more than {MAX_DEPTH} levels deep"
    )


def test_merge_keys_may_be_overridden() -> None:
    text = "base: &b {work: 10s, rest: 5s}\nmove: {<<: *b, work: 20s}\n"
    assert parse_document(text, "d")["move"] == {"work": "20s", "rest": "5s"}


def test_keys_that_differ_in_type_are_different_keys() -> None:
    assert parse_document("1: a\n'1': b\n", "d") == {1: "a", "1": "b"}


def test_the_same_key_in_two_mappings_is_fine() -> None:
    assert parse_document('[{"a": 1}, {"a": 2}]', "d", json_only=True) == [{"a": 1}, {"a": 2}]
    assert parse_document("- {a: 1}\n- {a: 2}\n", "d") == [{"a": 1}, {"a": 2}]


def test_an_escaped_key_is_the_same_key() -> None:
    assert error_of('{"a": 1,\n"\\u0061": 2}', json_only=True) == (
        "d: line 2, column 1: duplicate key 'a' (first on line 1)"
    )


def test_aliases_up_to_the_limit_read() -> None:
    def aliased(uses: int) -> str:
        # The anchored list is 1000 values (itself and 999 items); each alias adds them again.
        items = ", ".join(["x"] * 999)
        return f"a: &a [{items}]\nb: [{', '.join(['*a'] * uses)}]\n"

    uses = MAX_ALIASED // 1000
    data = parse_document(aliased(uses), "d")
    assert len(data["b"]) == uses and data["b"][0] is data["a"]
    assert error_of(aliased(uses + 1)).endswith(f"aliases expand to more than {MAX_ALIASED} values")


def test_surrogate_pairs_are_characters() -> None:
    data = parse_document('{"t": "\\ud83c\\udfcb"}', "d", json_only=True)
    assert data == {"t": "\U0001f3cb"}
    assert parse_document('t: "\\U0001F3CB"\n', "d") == data


def test_a_file_of_exactly_the_limit_reads(tmp_path: Path) -> None:
    head = "title: T\n"
    path = tmp_path / "r.yaml"
    path.write_text(head + "#" * (MAX_BYTES - len(head) - 1) + "\n")
    assert load_document(path, "a routine file") == {"title": "T"}
    path.write_text(head + "#" * (MAX_BYTES - len(head)) + "\n")
    with pytest.raises(InputError, match="is larger than 1 MB, the limit for a routine file"):
        load_document(path, "a routine file")


def test_json_by_its_suffix_yaml_otherwise(tmp_path: Path) -> None:
    # Valid YAML but not JSON: a .json file is held to JSON.
    for name in ("r.json", "r.JSON", "r.yaml", "r.txt"):
        (tmp_path / name).write_text("{title: T}")
    assert load_document(tmp_path / "r.yaml", "x") == {"title": "T"}
    assert load_document(tmp_path / "r.txt", "x") == {"title": "T"}
    for name in ("r.json", "r.JSON"):
        with pytest.raises(InputError, match="Expecting property name"):
            load_document(tmp_path / name, "x")
