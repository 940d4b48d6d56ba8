"""Training for the importer's small models (scripts/train-names, scripts/train-lines):
logistic regression by plain stochastic gradient descent in a fixed order, so the same
data give the same file."""

from __future__ import annotations

import math
import random
from collections import Counter

Model = tuple[float, dict[str, float]]


def fit(
    rows: list[tuple[list[str], int]],
    *,
    epochs: int,
    rate: float,
    l2: float,
    keep: float,
    seen: int = 1,
) -> Model:
    """Bias and weights for rows of (features, 0 or 1); weights under ``keep`` are left out,
    and features in fewer than ``seen`` rows are not learned (a word met once says more
    about its text than about lines of its kind)."""
    if seen > 1:
        counts = Counter(f for fs, _ in rows for f in set(fs))
        rows = [([f for f in fs if counts[f] >= seen], y) for fs, y in rows]
    pos = sum(y for _, y in rows)
    # Each class weighs the same in all: the negatives far outnumber the positives.
    weight = {1: len(rows) / (2 * pos), 0: len(rows) / (2 * (len(rows) - pos))}
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    bias, w = 0.0, dict[str, float]()
    for epoch in range(epochs):
        step = rate / (1 + epoch / 10)
        for i in order:
            fs, y = rows[i]
            z = bias + sum(w.get(f, 0.0) for f in fs)
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = (p - y) * weight[y]
            bias -= step * g
            for f in fs:
                old = w.get(f, 0.0)
                w[f] = old - step * (g + l2 * old)
    return bias, {f: round(v, 3) for f, v in sorted(w.items()) if abs(v) >= keep}
