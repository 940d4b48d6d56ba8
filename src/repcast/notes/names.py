"""Whether a phrase reads as the name of a move ("Band rear delt rows", "Slump slider") or
as a piece of prose that only sits where a name could ("Lie on your back", "The faster
you finish", "Session 1").

The reader's rules find where a name would be; this small model judges what is there.
It is a logistic regression over the phrase's words, word pairs, first and last word and
length, trained by ``scripts/train-names`` on the names of a public-domain exercise
list against the sentences of its instructions, and on the development part of the
import corpus. It ships as ``data/move-names.json``: no download, the same answer every
time, a few microseconds a phrase.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from importlib import resources
from itertools import pairwise

MAX_WORDS = 12  # a phrase is judged by its first words: longer ones are prose anyway
# Set by cross-validation on the development texts (scripts/train-names --folds 4): lower
# keeps more prose, higher starts to drop names that read like instructions.
PROSE = 0.2
MOVE = 0.85
# Below this even a listed line is no move ("~50% of the working weight", "Not a fight"): on
# the development texts added after training, every phrase under it was prose.
NEVER = 0.1
_WORD = re.compile(r"[^\W\d_]+")


def words(phrase: str) -> list[str]:
    """The phrase's words, lower case, a plural s dropped ("Squats" is "squat")."""
    out = []
    for w in _WORD.findall(phrase.lower())[:MAX_WORDS]:
        if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        out.append(w)
    return out


def features(phrase: str) -> list[str]:
    """What the model weighs: the words, each pair in order, the first and last word, the
    number of words, and whether the phrase ends a sentence or holds digits."""
    ws = words(phrase)
    out = [f"w={w}" for w in ws]
    out += [f"b={a}_{b}" for a, b in pairwise(ws)]
    if ws:
        out += [f"f={ws[0]}", f"l={ws[-1]}"]
    out.append(f"n={min(len(ws), 8)}")
    stripped = phrase.rstrip()
    if stripped.endswith((".", "!", "?")):
        out.append("end=stop")
    if any(c.isdigit() for c in phrase):
        out.append("digit")
    return out


def load(file: str) -> tuple[float, dict[str, float]]:
    """A logistic model shipped in the package's data: its bias and feature weights."""
    data = json.loads(resources.files("repcast").joinpath(f"data/{file}").read_text())
    return float(data["bias"]), {k: float(v) for k, v in data["weights"].items()}


def probability(model: tuple[float, dict[str, float]], features: list[str]) -> float:
    bias, weights = model
    z = bias + sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def _model() -> tuple[float, dict[str, float]]:
    return load("move-names.json")


def score(phrase: str) -> float:
    """How likely the phrase is a move's name, from 0 to 1."""
    return probability(_model(), features(phrase))


def unknown(phrase: str) -> bool:
    """Most of the phrase's longer words were never seen in training and none of its words
    reads as prose (a move named in another language, "plancha abdominal", not "possibly
    can"): the model's score then says little."""
    _, weights = _model()
    ws = words(phrase)
    if any(weights.get(f"w={w}", 0.0) < -0.35 for w in ws):
        return False
    long = [w for w in ws if len(w) > 3]
    return bool(long) and 2 * sum(f"w={w}" not in weights for w in long) >= len(long)


def is_move(phrase: str) -> bool:
    """The phrase reads as a move's name, clearly enough to keep a line the rules would
    leave out ("Standing pulldowns" alone above "3 x 12")."""
    return score(phrase) >= MOVE


def is_never(phrase: str) -> bool:
    """The phrase cannot be a move's name, wherever it stands: a list item, a line of a
    workout told in prose."""
    return score(phrase) < NEVER and not unknown(phrase)


def is_prose(phrase: str) -> bool:
    """The phrase is almost surely not a move's name: only then may the reader drop
    something its rules took for an exercise."""
    return score(phrase) < PROSE
