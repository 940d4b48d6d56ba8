"""The one validator: every kind of value is checked and described in one place, and the
same table validates routines, show configs and phrasebooks."""

from __future__ import annotations

from typing import get_args

import pytest

from repcast.errors import InputError
from repcast.routine.schema import Checker, Kind, Spec, json_schema


def test_every_kind_is_checked_and_described() -> None:
    for kind in get_args(Kind):
        spec = Spec(
            kind, "a field", fields={"name": Spec("str", "its name")}, item=Spec("int", "n")
        )
        assert json_schema(spec)["description"] == "a field"
        # A kind without its rule would raise KeyError instead.
        with pytest.raises(InputError):
            Checker("f").check(object(), spec, "x")


@pytest.mark.parametrize(
    ("kind", "value", "checked"),
    [
        ("str", "  two   words ", "two words"),
        ("strings", "bench", ("bench",)),
        ("words", {"HIIT": "hit"}, {"HIIT": "hit"}),
        ("int", 3, 3),
        ("bool", False, False),
        ("duration", "1m30s", 90_000),
        ("tempo", "2-1-2", 5_000),
        ("named", "Plank", {"name": "Plank"}),
        ("url", " https://example.org/x ", "https://example.org/x"),
        ("email", "a@example.org", "a@example.org"),
        ("uuid", "EAD4C236-BF58-58C6-A2C6-A6B28D128CB6", "ead4c236-bf58-58c6-a2c6-a6b28d128cb6"),
        ("category", "Sports/Fitness", ("Sports", "Fitness")),
        ("category", {"name": "Sports"}, ("Sports", None)),
    ],
)
def test_kinds_check_their_values(kind: Kind, value: object, checked: object) -> None:
    fields = {"name": Spec("str", "a name", required=True), "sub": Spec("str", "a sub")}
    assert Checker("f").check(value, Spec(kind, "x", fields=fields), "x") == checked


@pytest.mark.parametrize(
    ("kind", "value", "message"),
    [
        ("words", {"HIIT": " "}, "f: x.HIIT: must not be empty"),
        ("words", ["HIIT"], "f: x: expected a mapping of words to what to say, got a list"),
        ("tempo", "0-0", "f: x: must be longer than zero"),
        ("url", "ftp://example.org/", "f: x: expected an http(s) URL, got 'ftp://example.org/'"),
        ("category", "Sports/", "f: x: expected 'Category' or 'Category/Sub', got 'Sports/'"),
    ],
)
def test_kinds_name_what_is_wrong(kind: Kind, value: object, message: str) -> None:
    with pytest.raises(InputError) as info:
        Checker("f").check(value, Spec(kind, "x"), "x")
    assert str(info.value) == message
