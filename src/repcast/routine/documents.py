"""The one reader of the user's YAML and JSON documents: routines, show configs and
phrasebooks. Whatever the file holds, the result is plain data or one ``InputError``
naming the file (and the line and column, where there is one).

Limits, documented in docs/routines.md (Fields): a file of at most ``MAX_BYTES``, nested at most
``MAX_DEPTH`` levels deep, YAML aliases that add at most ``MAX_ALIASED`` values, and at most
``MAX_VALUES`` values (keys, values and collections, as written) in all, refused from the
parser's events before anything is built from them. A key
given twice in one mapping is an error (a parser would silently keep the last value).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import InputError, quoted
from ..files import read_text, source_name

MAX_BYTES = 1_000_000
MAX_DEPTH = 100
MAX_ALIASED = 100_000
MAX_VALUES = 50_000

_MERGE = "tag:yaml.org,2002:merge"
# Escapes (\ud800) can make these; they are no characters, and no output can encode them.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def load_document(path: Path | str, what: str) -> Any:
    """The data in a file (``-``: standard input, as YAML): a ``.json`` file is read as
    JSON, anything else as YAML. ``what`` the file should be goes into messages ("a routine
    file")."""
    text = read_text(path, what, limit=MAX_BYTES)
    json_only = Path(path).suffix.lower() == ".json"
    return parse_document(text, source_name(path), json_only=json_only)


def parse_document(text: str, source: str, *, json_only: bool = False) -> Any:
    if not text.strip():
        raise InputError("is empty", file=source)
    data = load_json(text, source) if json_only else load_yaml(text, source)
    if data is None:
        raise InputError("is empty", file=source)
    return data


def _where(text: str, pos: int) -> tuple[int, int]:
    """Line and column (from 1) of a character offset."""
    return text.count("\n", 0, pos) + 1, pos - text.rfind("\n", 0, pos)


def _at(text: str, pos: int, reason: str, source: str) -> InputError:
    line, column = _where(text, pos)
    return InputError(f"line {line}, column {column}: {reason}", file=source)


def _surrogate(char: str) -> str:
    return f"contains an unpaired surrogate {char!r}, which is not a character"


# --- YAML --------------------------------------------------------------------------------


# libyaml's parser (PyYAML's C loader) where it is installed: some five times faster than the
# pure-Python one, so a 1 MB file is read or refused at once. The limits are the same.
_FAST: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Limit(ComposerError):
    """One of the limits above, in its own words whichever parser found it."""


def _check_limits(text: str, parser: type[Any]) -> None:
    """Refuse nesting deeper than MAX_DEPTH, more than MAX_VALUES values, aliases that add
    more than MAX_ALIASED values and unpaired surrogates, from the parser's events: before
    any node is composed (the C composer recurses without Python's own limit) and in one
    pass, however the aliases nest."""
    aliased = 0
    sizes: dict[str, int] = {}  # anchor: the values its node holds, aliases expanded
    open_: list[list[Any]] = []  # per open collection: its anchor, the values so far

    def add(anchor: str | None, size: int) -> None:
        if anchor is not None:
            sizes[anchor] = size
        if open_:
            open_[-1][1] += size

    for written, event in enumerate(yaml.parse(text, Loader=parser)):
        mark: Any = event.start_mark  # libyaml's marks, or PyYAML's
        if written > MAX_VALUES:  # each value is one event, and a collection two
            raise _Limit(None, None, f"holds more than {MAX_VALUES} values", mark)
        if isinstance(event, yaml.CollectionStartEvent):
            if len(open_) == MAX_DEPTH:
                raise _Limit(None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
            open_.append([event.anchor, 0])
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, count = open_.pop()
            add(anchor, 1 + count)
        elif isinstance(event, yaml.ScalarEvent):
            if bad := _SURROGATE.search(event.value):
                raise _Limit(None, None, _surrogate(bad.group()), mark)
            add(event.anchor, 1)
        elif isinstance(event, yaml.AliasEvent):
            size = sizes.get(event.anchor or "", 1)
            aliased += size
            if aliased > MAX_ALIASED:
                raise _Limit(None, None, f"aliases expand to more than {MAX_ALIASED} values", mark)
            add(None, size)


class _Constructor(yaml.constructor.SafeConstructor):
    """Safe YAML with a duplicate key refused. Dates are left as text: the field that wants a
    date checks it, with a message naming the field (PyYAML's own parse of 2026-13-01 fails
    with no location)."""

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except Exception as exc:
            # An explicit tag on a value that is not one (!!int 0xZZ, !!timestamp 2026-13-01).
            kind = "!!" + node.tag.rsplit(":", 1)[-1]
            raise ConstructorError(
                None, None, f"not a valid {kind}: {quoted(node.value)}", node.start_mark
            ) from exc

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE:
                continue  # keys merged in with << may be overridden: that is their purpose
            key = self.construct_object(key_node)
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise ConstructorError(
                    None,
                    None,
                    f"duplicate key {quoted(key)} (first on line {first})",
                    key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep)


class _Loader(_Constructor, _FAST):  # type: ignore[misc, valid-type]
    """The loader: libyaml's parser where it is installed, else PyYAML's own."""


class _PyLoader(_Constructor, yaml.SafeLoader):  # type: ignore[misc]
    """The pure-Python loader, whose messages name what was expected and found."""


for _loader in (_Loader, _PyLoader):
    _loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in found if tag != "tag:yaml.org,2002:timestamp"]
        for first, found in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def load_yaml(text: str, source: str) -> Any:
    """Parse YAML from the user; any problem is an InputError with its line and column."""
    try:
        try:
            _check_limits(text, _FAST)
            return yaml.load(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            if _FAST is yaml.SafeLoader or exc.problem_mark is None or isinstance(exc, _Limit):
                raise
            # libyaml's messages say less ("found undefined alias", not which), and it has
            # its own depth limit: the text up to the line in error is read again in Python,
            # which raises the error in PyYAML's words, at its place.
            end = text.find("\n", exc.problem_mark.index) if exc.problem_mark.index else -1
            _check_limits(text[: end if end >= 0 else None], yaml.SafeLoader)
            yaml.load(text[: end if end >= 0 else None], Loader=_PyLoader)
            raise
    except yaml.reader.ReaderError as exc:
        raise _at(text, _offset(text, exc), "contains control characters", source) from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise InputError(f"{where}{exc.problem or 'invalid YAML'}", file=source) from exc
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", file=source) from exc
    except ValueError as exc:  # an int tag of thousands of digits: Python's own limit
        raise InputError("holds a number too long to read", file=source) from exc


def _offset(text: str, exc: yaml.reader.ReaderError) -> int:
    """Where in ``text`` a reader error is: libyaml counts the bytes of UTF-8."""
    if _FAST is yaml.SafeLoader:
        return exc.position
    return len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))


# --- JSON --------------------------------------------------------------------------------

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')
_MAX_DIGITS = 100


class _TooLong(ValueError):
    def __init__(self, number: str):
        self.number = number


def _number(text: str) -> int:
    # Python refuses to convert more than 4300 digits (with an unhelpful message), and no
    # field wants anywhere near this many.
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise _TooLong(text)
    return int(text)


def load_json(text: str, source: str) -> Any:
    """Parse JSON from the user; any problem is an InputError with its line and column."""
    too_deep = False
    try:
        data = json.loads(text, parse_int=_number)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {exc.lineno}, column {exc.colno}: {exc.msg}", file=source) from exc
    except _TooLong as exc:
        why = f"a number of {len(exc.number)} digits"
        raise _at(text, text.find(exc.number), why, source) from exc
    except RecursionError:
        too_deep = True  # the scan below says where
    _check_json(text, source)
    if too_deep:
        raise InputError(f"nested more than {MAX_DEPTH} levels deep", file=source)
    return data


def _check_json(text: str, source: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, a key given twice in one object and unpaired
    surrogates, naming the place. ``text`` is JSON that parsed (or was too deep to)."""
    objects: list[dict[str, int] | None] = []  # per open bracket: keys seen, None in arrays
    last = None
    for token in _JSON_TOKEN.finditer(text):
        kind = token.group()
        if kind in ("{", "["):
            if len(objects) == MAX_DEPTH:
                raise _at(text, token.start(), f"nested more than {MAX_DEPTH} levels deep", source)
            objects.append({} if kind == "{" else None)
        elif kind in ("}", "]"):
            if objects:
                objects.pop()
        elif kind == ":" and last is not None and objects and objects[-1] is not None:
            key = json.loads(last.group())
            if key in objects[-1]:
                first, _ = _where(text, objects[-1][key])
                why = f"duplicate key {quoted(key)} (first on line {first})"
                raise _at(text, last.start(), why, source)
            objects[-1][key] = last.start()
        elif "\\u" in kind and (bad := _SURROGATE.search(json.loads(kind))):
            raise _at(text, token.start(), _surrogate(bad.group()), source)
        last = token if kind.startswith('"') else None
