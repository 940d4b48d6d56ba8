"""Whether a line of a workout text holds one of its exercises, judged from the line's own
words and the shapes of its numbers and from the lines around it.

The reader's rules find exercises; on texts they were not fitted to, a third of what they
find is no exercise at all (an instruction under a stretch, a muscle group, an explainer's
example). This model leaves out an exercise whose line reads clearly as none of the
workout. It is a logistic regression trained by ``scripts/train-lines`` on the development
part of the import corpus (which of the reader's lines the truth files name), and ships as
``data/line-roles.json``: no download, the same answer every time.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import cache
from itertools import pairwise
from typing import Protocol

from . import names

# Below this a line holds no exercise, unless what the rules read on it is named as surely as
# NAMED says (a physio sheet's "HEEL STAND Rise onto your heels and hold ..." reads as an
# instruction). Both were set at first sight: trained on the development texts numbered up
# to 113, applied to the reader as it was before it saw texts 114 to 177.
DROP = 0.1
NAMED = 0.75
_SHAPES = (
    ("sets_reps", re.compile(r"\d\s*[x\u00d7*]\s*\d", re.I)),
    ("x_count", re.compile(r"(?:^|\s)[x\u00d7]\s*\d", re.I)),
    ("count_x", re.compile(r"\d\s*[x\u00d7](?:\s|$)", re.I)),
    ("range", re.compile(r"\d\s*[-\u2013]\s*\d")),
    ("clock", re.compile(r"\d:\d\d")),
    ("seconds", re.compile(r"\d\s*(?:s|secs?|seconds?|\"|'')(?![a-z])", re.I)),
    ("minutes", re.compile(r"\d\s*(?:m|mins?|minutes?|')(?![a-z])", re.I)),
    ("reps", re.compile(r"\d\s*(?:reps?|repetitions?)\b", re.I)),
    ("sets", re.compile(r"\d\s*(?:sets?|rounds?)\b", re.I)),
    ("load", re.compile(r"\d\s*(?:kgs?|lbs?|#|pood)(?![a-z])", re.I)),
    ("distance", re.compile(r"\d\s*(?:km|mi|miles?|meters?|metres?|yds?)\b", re.I)),
    ("at", re.compile(r"@")),
    ("percent", re.compile(r"\d\s*%")),
    ("count_first", re.compile(r"^\d+\s+[^\W\d_]")),
    ("slash", re.compile(r"\d/\d")),
    ("year", re.compile(r"\b(?:19|20)\d\d\b")),
)
_CONTEXT = ("shape=", "kind=", "end=", "n=", "label=", "digit")  # what a neighbour lends


class Line(Protocol):
    """A unit of the text as the reader splits it (read only here)."""

    @property
    def line(self) -> int: ...
    @property
    def kind(self) -> str: ...  # heading, item, text, quote
    @property
    def text(self) -> str: ...
    @property
    def label(self) -> str: ...  # the list marker
    @property
    def level(self) -> int: ...
    @property
    def para(self) -> int: ...
    @property
    def sub(self) -> bool: ...


def _own(u: Line) -> list[str]:
    text = u.text
    ws = names.words(text)
    out = [f"w={w}" for w in ws]
    out += [f"b={a}_{b}" for a, b in pairwise(ws)]
    if ws:
        out += [f"f={ws[0]}", f"l={ws[-1]}"]
    n = len(text.split())
    out += [f"n={n if n <= 12 else 20 if n <= 25 else 40}", f"kind={u.kind}"]
    if u.label:
        out.append(
            "label="
            + ("digit" if u.label.isdigit() else "letter" if u.label[0].isalpha() else "bullet")
        )
    if u.sub:
        out.append("sub")
    if u.level:
        out.append(f"level={u.level}")
    end = text.rstrip()[-1:]
    if end == ":":
        out.append("end=colon")
    elif end in (".", "!", "?"):
        out.append("end=stop")
    if any(c.isdigit() for c in text):
        out.append("digit")
    out += [f"shape={key}" for key, pattern in _SHAPES if pattern.search(text)]
    if n:
        capitals = sum(1 for w in text.split() if w[:1].isupper())
        out.append(f"caps={round(4 * capitals / n)}")
    return out


def features(lines: Sequence[Line], i: int) -> list[str]:
    """The line's own features, where it stands in the text, and the shape of the lines
    before and after it (a blank line between counts)."""
    u = lines[i]
    out = _own(u)
    out.append(f"at={5 * i // len(lines)}")
    for step, side in ((-1, "before"), (1, "after")):
        j = i + step
        if not 0 <= j < len(lines):
            out.append(f"{side}=none")
            continue
        if lines[j].para != u.para:
            out.append(f"{side}=gap")
        out += [f"{side}:{f}" for f in _own(lines[j]) if f.startswith(_CONTEXT)]
    return out


@cache
def _model() -> tuple[float, dict[str, float]]:
    return names.load("line-roles.json")


def scores(lines: Sequence[Line], wanted: Collection[int]) -> dict[int, float]:
    """The likelihood that each wanted line number holds an exercise (judged by the first
    unit on it). A line in words the model never saw for the most part (another language)
    is not judged."""
    model = _model()
    out: dict[int, float] = {}
    for i, u in enumerate(lines):
        if u.line not in wanted or u.line in out:
            continue
        long = [w for w in names.words(u.text) if len(w) > 3]
        if 2 * sum(f"w={w}" not in model[1] for w in long) > len(long):
            continue
        out[u.line] = names.probability(model, features(lines, i))
    return out
