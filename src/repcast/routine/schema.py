"""Field tables and the one validator over them, for routines, show configs and phrasebooks.

A document's format is a table of ``Spec``s, one per field. ``Checker`` walks the parsed
data against it and returns the checked values, or raises an ``InputError`` naming the
file, the field path and what is wrong (with a suggestion for a misspelt field).
``json_schema`` publishes the same table, so what an editor is told is what is enforced.
Each kind of value is defined once, in ``_KINDS``: how it is checked and how it is
described.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from ..errors import InputError, quoted
from ..timing import exact_seconds, parse_duration, parse_tempo

Kind = Literal[
    "str",  # one line of text
    "strings",  # a name or a list of names
    "words",  # a mapping of text to text
    "int",
    "bool",
    "date",  # YYYY-MM-DD
    "choice",  # one of ``choices``
    "duration",  # milliseconds from 45s, 1m30s, 1:30 ...
    "tempo",  # a duration, or seconds a rep as 2-1-2
    "object",  # a mapping with ``fields``
    "named",  # an object with ``fields``, or just its name
    "list",  # of ``item``
    "per_set",  # one ``item`` for every set, or a list of them, one a set
    "url",  # http(s)
    "email",
    "uuid",
    "distance",  # a whole number and a unit: 400m, 5km, 1mi, 800yd
    "category",  # 'Category', 'Category/Sub' or an object with ``fields`` name and sub
    "amount",  # a number, or a duration that may be negative (a program's step); kept as given
]


@dataclass(frozen=True)
class Spec:
    """One field: its kind, what it is for (the JSON Schema's description) and its limits
    (``minimum`` is a length for lists and milliseconds for durations)."""

    kind: Kind
    doc: str
    required: bool = False
    minimum: int | None = None
    maximum: int | None = None
    fields: Mapping[str, Spec] | None = None
    item: Spec | None = None
    choices: tuple[str, ...] = ()


def duration(
    doc: str, *, positive: bool = False, required: bool = False, at_least: int = 0
) -> Spec:
    """A duration field; ``at_least`` milliseconds is a floor for what repeats within a
    workout (a time call, a rep), so that a tiny value cannot multiply the work."""
    return Spec("duration", doc, required=required, minimum=at_least or (1 if positive else 0))


MAX_TEXT = 1000
MAX_PER_SET = 50  # the longest list of per-set values
_TEMPO_RE = re.compile(r"\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?){1,3}")
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_URL_UNSAFE = re.compile(r"[<>\"'`{}|\\^]")
DISTANCE_UNITS = ("m", "km", "mi", "yd")
_DISTANCE_RE = re.compile(r"\s*(\d{1,6})\s*(m|km|mi|yd)\s*")


class Checker:
    """Checks the data of one document (``source``, for messages) against field tables."""

    def __init__(self, source: str):
        self.source = source

    def fail(self, path: str, reason: str) -> InputError:
        return InputError(reason, file=self.source or None, field=path or None)

    def check(self, value: Any, spec: Spec, path: str) -> Any:
        return _KINDS[spec.kind].check(self, value, spec, path)

    def obj(self, value: Any, fields: Mapping[str, Spec], path: str) -> dict[str, Any]:
        """The fields given, checked, in the document's order; a field set to null counts as
        not given. Unknown and missing required fields are errors."""
        if not isinstance(value, dict):
            raise self.fail(path, f"expected a mapping of fields, got {_type(value)}")
        out: dict[str, Any] = {}
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if key not in fields:
                near = difflib.get_close_matches(str(key), list(fields), n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                raise self.fail(where, f"unknown field{hint}")
            if item is None and not fields[key].required:
                continue
            out[key] = self.check(item, fields[key], where)
        for key, spec in fields.items():
            if spec.required and out.get(key) in (None, ""):
                where = f"{path}.{key}" if path else key
                raise self.fail(where, "is required" if key not in out else "must not be empty")
        return out

    def text(self, value: Any, path: str) -> str:
        """One line of text: whitespace collapsed, no control characters, not too long."""
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, got {_type(value)}")
        cleaned = " ".join(value.split())
        if any(ord(c) < 32 or ord(c) == 127 for c in cleaned):
            raise self.fail(path, "contains control characters")
        if len(cleaned) > MAX_TEXT:
            raise self.fail(path, f"is {len(cleaned)} characters long; keep it under {MAX_TEXT}")
        return cleaned

    def positive(self, ms: int, path: str) -> int:
        if ms <= 0:
            raise self.fail(path, "must be longer than zero")
        return ms


def _type(value: Any) -> str:
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(
        type(value), "nothing" if value is None else type(value).__name__
    )


# --- the kinds: how each is checked and described -----------------------------------------


@dataclass(frozen=True)
class _Rule:
    check: Callable[[Checker, Any, Spec, str], Any]
    schema: Callable[[Spec], dict[str, Any]]


def _list(c: Checker, value: Any, spec: Spec, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise c.fail(path, f"expected a list, got {_type(value)}")
    if spec.minimum and len(value) < spec.minimum:
        raise c.fail(path, "must not be empty")
    if spec.maximum and len(value) > spec.maximum:
        raise c.fail(path, f"has {len(value)} items; at most {spec.maximum}")
    assert spec.item is not None
    return [c.check(v, spec.item, f"{path}[{i}]") for i, v in enumerate(value)]


def _strings(c: Checker, value: Any, spec: Spec, path: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise c.fail(path, f"expected a name or a list of names, got {_type(value)}")
    return tuple(c.text(v, f"{path}[{i}]") for i, v in enumerate(items))


def _words(c: Checker, value: Any, spec: Spec, path: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise c.fail(path, f"expected a mapping of words to what to say, got {_type(value)}")
    out = {}
    for key, said in value.items():
        word, where = c.text(key, path), f"{path}.{key}"
        out[word] = c.text(said, where)
        if not word or not out[word]:
            raise c.fail(where, "must not be empty")
    return out


def _int(c: Checker, value: Any, spec: Spec, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise c.fail(path, f"expected a whole number, got {value!r}")
    if spec.minimum is not None and value < spec.minimum:
        raise c.fail(path, f"must be at least {spec.minimum}, got {quoted(value)}")
    if spec.maximum is not None and value > spec.maximum:
        raise c.fail(path, f"must be at most {spec.maximum}, got {quoted(value)}")
    return value


def _bool(c: Checker, value: Any, spec: Spec, path: str) -> bool:
    if not isinstance(value, bool):
        raise c.fail(path, f"expected true or false, got {value!r}")
    return value


def _date(c: Checker, value: Any, spec: Spec, path: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and _DATE_RE.fullmatch(value.strip()):
        with contextlib.suppress(ValueError):
            return datetime.date.fromisoformat(value.strip())
    raise c.fail(path, f"expected a date like 2026-01-05, got {value!r}")


def _choice(c: Checker, value: Any, spec: Spec, path: str) -> str:
    if value not in spec.choices:
        raise c.fail(path, f"must be one of {', '.join(spec.choices)}, got {value!r}")
    return str(value)


def _duration(c: Checker, value: Any, spec: Spec, path: str) -> int:
    try:
        ms = parse_duration(value)
    except ValueError as exc:
        raise c.fail(path, str(exc)) from exc
    return _at_least(c, ms, spec, path)


def _at_least(c: Checker, ms: int, spec: Spec, path: str) -> int:
    if not spec.minimum or ms >= spec.minimum:
        return ms
    c.positive(ms, path)  # zero is refused as such, whatever the floor
    raise c.fail(path, f"must be at least {exact_seconds(spec.minimum)}s, got {exact_seconds(ms)}s")


def _tempo(c: Checker, value: Any, spec: Spec, path: str) -> int:
    if isinstance(value, str) and _TEMPO_RE.fullmatch(value.strip()):
        try:
            ms = parse_tempo(value.strip())
        except ValueError as exc:
            raise c.fail(path, str(exc)) from exc
        return _at_least(c, c.positive(ms, path), spec, path)
    return c.positive(_duration(c, value, spec, path), path)


def _named(c: Checker, value: Any, spec: Spec, path: str) -> dict[str, Any]:
    return c.obj({"name": value} if isinstance(value, str) else value, spec.fields or {}, path)


def _url(c: Checker, value: Any, spec: Spec, path: str) -> str:
    text = value.strip() if isinstance(value, str) else ""
    try:
        parts = urlsplit(text)
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. a malformed IPv6 host
        ok = False
    if not ok or any(ch.isspace() or ord(ch) < 32 for ch in text):
        raise c.fail(path, f"expected an http(s) URL, got {quoted(value)}")
    # A URL is published in feeds and pages: characters that end an attribute or start
    # markup there, and a user name or password, have no place in it.
    if bad := sorted(set(_URL_UNSAFE.findall(text))):
        raise c.fail(path, f"must not contain {' '.join(bad)}; percent-encode them")
    if "@" in parts.netloc:
        raise c.fail(path, "must not contain a user name or password (user:pass@)")
    return text


def _email(c: Checker, value: Any, spec: Spec, path: str) -> str:
    text = c.text(value, path)
    if not _EMAIL_RE.fullmatch(text):
        raise c.fail(path, f"expected an email address, got {value!r}")
    return text


def _uuid(c: Checker, value: Any, spec: Spec, path: str) -> str:
    try:
        return str(uuid.UUID(c.text(value, path)))
    except ValueError as exc:
        raise c.fail(path, f"expected a UUID, got {value!r}") from exc


def _category(c: Checker, value: Any, spec: Spec, path: str) -> tuple[str, str | None]:
    if isinstance(value, dict):
        cat = c.obj(value, spec.fields or {}, path)
        return cat["name"], cat.get("sub")
    name, slash, sub = c.text(value, path).partition("/")
    if not name.strip() or (slash and not sub.strip()):
        raise c.fail(path, f"expected 'Category' or 'Category/Sub', got {value!r}")
    return name.strip(), sub.strip() or None


def _amount(c: Checker, value: Any, spec: Spec, path: str) -> int | float | str:
    """Checked here for its form only: whether it is a count or a time depends on the
    field it changes, which the program's expansion knows."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not abs(value) < 1e9:
            raise c.fail(path, f"{value!r} is too large")
        return value
    if isinstance(value, str):
        try:
            parse_duration(value.strip().removeprefix("-"))
        except ValueError as exc:
            raise c.fail(path, f"expected a number or a duration, got {value!r}") from exc
        return value.strip()
    raise c.fail(path, f"expected a number or a duration, got {_type(value)}")


def _distance(c: Checker, value: Any, spec: Spec, path: str) -> tuple[int, str]:
    m = _DISTANCE_RE.fullmatch(value) if isinstance(value, str) else None
    if not m or not 1 <= int(m[1]) <= 100_000:
        raise c.fail(
            path,
            f"expected a whole distance up to 100000 in m, km, mi or yd, got {quoted(value)}",
        )
    return int(m[1]), m[2]


def _per_set(c: Checker, value: Any, spec: Spec, path: str) -> Any:
    assert spec.item is not None
    if not isinstance(value, list):
        return c.check(value, spec.item, path)
    if not value:
        raise c.fail(path, "must not be empty")
    if len(value) > MAX_PER_SET:
        raise c.fail(path, f"has {len(value)} values; at most {MAX_PER_SET}, one a set")
    return tuple(c.check(v, spec.item, f"{path}[{i}]") for i, v in enumerate(value))


def _per_set_schema(spec: Spec) -> dict[str, Any]:
    assert spec.item is not None
    one = json_schema(spec.item)
    many = {"type": "array", "items": one, "minItems": 1, "maxItems": MAX_PER_SET}
    return {"anyOf": [one, many]}


_DURATIONS: list[dict[str, Any]] = [
    {"type": "number", "minimum": 0},
    {
        "type": "string",
        "pattern": r"^\s*(\d+(\.\d+)?\s*(h|m|s|ms)?\s*)+$|^(\d+:)?\d+:[0-5]?\d(\.\d+)?$",
    },
]


def _object_schema(spec: Spec) -> dict[str, Any]:
    fields = spec.fields or {}
    out: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {k: json_schema(v) for k, v in fields.items()},
    }
    required = [k for k, v in fields.items() if v.required]
    if required:
        out["required"] = required
    return out


def _list_schema(spec: Spec) -> dict[str, Any]:
    assert spec.item is not None
    out: dict[str, Any] = {"type": "array", "items": json_schema(spec.item)}
    if spec.minimum:
        out["minItems"] = spec.minimum
    if spec.maximum:
        out["maxItems"] = spec.maximum
    return out


def _number_schema(spec: Spec) -> dict[str, Any]:
    limits = {"minimum": spec.minimum, "maximum": spec.maximum}
    return {"type": "integer", **{k: v for k, v in limits.items() if v is not None}}


def _string(**extra: str) -> Callable[[Spec], dict[str, Any]]:
    return lambda spec: {"type": "string", **extra}


def _string_or_object(spec: Spec) -> dict[str, Any]:
    return {
        "anyOf": [{"type": "string"}, json_schema(Spec("object", spec.doc, fields=spec.fields))]
    }


_KINDS: dict[Kind, _Rule] = {
    "str": _Rule(lambda c, v, s, p: c.text(v, p), _string()),
    "strings": _Rule(
        _strings,
        lambda s: {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
    ),
    "words": _Rule(
        _words, lambda s: {"type": "object", "additionalProperties": {"type": "string"}}
    ),
    "int": _Rule(_int, _number_schema),
    "bool": _Rule(_bool, lambda s: {"type": "boolean"}),
    "date": _Rule(_date, _string(format="date")),
    "choice": _Rule(_choice, lambda s: {"enum": list(s.choices)}),
    "duration": _Rule(_duration, lambda s: {"anyOf": list(_DURATIONS)}),
    "tempo": _Rule(
        _tempo,
        lambda s: {"anyOf": [*_DURATIONS, {"type": "string", "pattern": f"^{_TEMPO_RE.pattern}$"}]},
    ),
    "object": _Rule(lambda c, v, s, p: c.obj(v, s.fields or {}, p), _object_schema),
    "named": _Rule(_named, _string_or_object),
    "list": _Rule(_list, _list_schema),
    "per_set": _Rule(_per_set, _per_set_schema),
    "url": _Rule(_url, _string(format="uri")),
    "email": _Rule(_email, _string(format="email")),
    "uuid": _Rule(_uuid, _string(format="uuid")),
    "category": _Rule(_category, _string_or_object),
    "amount": _Rule(
        _amount,
        lambda s: {"anyOf": [{"type": "number"}, {"type": "string"}]},
    ),
    "distance": _Rule(_distance, _string(pattern=f"^{_DISTANCE_RE.pattern}$")),
}


def json_schema(spec: Spec) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a field, with its description."""
    return {**_KINDS[spec.kind].schema(spec), "description": spec.doc}
