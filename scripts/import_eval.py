"""Score ``repcast import`` against hand-made truth: the evaluation corpus in
tests/import-corpus (its README describes the truth files and every metric).

Each text is imported with the library; the exercises written are aligned to the truth in
order (one to one, order kept, by name); then each exercise the truth lists is found or
not, right or not (every number the truth gives equals what was imported), and each value
written that the truth does not give is counted as filled in, marked as guessed or not.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from repcast.errors import InputError
from repcast.notes.importer import import_text
from repcast.routine.model import rest_interval
from repcast.timing import parse_duration

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "import-corpus"
PARTS = ("dev", "held-out")
MATCH = 0.5  # a name is found when the token overlap (Dice) reaches this
# Fields a truth exercise may give, and which of them are compared as numbers.
DURATIONS = ("work", "hold", "rest", "rest_rounds", "every", "cap")
RANGED = ("sets", "reps", "work", "hold", "rest", "rest_rounds", "distance", "rounds")  # [lo, hi]
FIELDS = (
    "sets",
    "reps",
    "reps_per_round",
    "work",
    "hold",
    "sides",
    "rest",
    "rest_rounds",
    "distance",
    "rounds",
    "every",
    "cap",
    "minutes",
    "intervals",
    "block",
)
# Fields that say the same thing of a template: giving one covers the other.
SAME = {"rounds": ("minutes", "intervals"), "minutes": ("rounds",), "intervals": ("rounds",)}
_FILLER = {"a", "an", "the", "of", "with", "and", "to", "on", "each", "x"}
_UNITS = {
    "m": 1.0,
    "meter": 1.0,
    "metre": 1.0,
    "km": 1000.0,
    "k": 1000.0,
    "mi": 1609.344,
    "mile": 1609.344,
    "yd": 0.9144,
    "yard": 0.9144,
}
_LOAD = re.compile(
    r"(?:@\s*)?\d+(?:[.,]\d+)?(?:\s*/\s*\d+(?:[.,]\d+)?)*\s*(?:kgs?|lbs?|#|pood)(?![a-z])", re.I
)
_TIMED_MOVE = re.compile(r"^(.*\S)\s+(\d+)\s*(s|min)$")
_DISTANCE_MOVE = re.compile(
    r"^(?P<before>[A-Za-z][^\d]*?)?\s*(?P<far>\d{1,5}(?:\.\d+)?)\s*"
    r"(?P<unit>m|km|mi|meters?|metres?|miles?)\b\s*(?P<after>[A-Za-z].*)?$"
)


# --- names -------------------------------------------------------------------------------


def tokens(name: str) -> list[str]:
    """A name's words, compared loosely: case, punctuation, hyphens, plural s and a load
    kept in the name ("Thruster 95/65 lb", "Goblet squat @ 16kg") ignored."""
    name = _LOAD.sub(" ", name)
    words = re.sub(r"[^a-z0-9]+", " ", name.lower().replace("'", "")).split()
    out = []
    for w in words:
        if w.endswith("sses"):
            w = w[:-2]
        elif w.endswith("s") and not w.endswith("ss") and len(w) > 2:
            w = w[:-1]
        if w not in _FILLER:
            out.append(w)
    return out


def similarity(a: str, b: str) -> float:
    """Dice overlap of the two names' words (1.0 when they read the same run together)."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    if "".join(ta) == "".join(tb):
        return 1.0
    rest = list(tb)
    common = 0
    for t in ta:
        if t in rest:
            rest.remove(t)
            common += 1
    return 2 * common / (len(ta) + len(tb))


def align(truth: list[str], got: list[str]) -> list[tuple[int, int]]:
    """Pairs (truth index, imported index), one to one and in order, with the most names
    found (then the closest names): a longest common subsequence over names that match."""
    n, m = len(truth), len(got)
    sim = [[similarity(t, g) for g in got] for t in truth]
    best = [[(0, 0.0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            if sim[i][j] >= MATCH:
                count, total = best[i + 1][j + 1]
                options.append((count + 1, total + sim[i][j]))
            best[i][j] = max(options)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if sim[i][j] >= MATCH and best[i][j] == (
            best[i + 1][j + 1][0] + 1,
            best[i + 1][j + 1][1] + sim[i][j],
        ):
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


# --- values ------------------------------------------------------------------------------


def seconds(value: Any) -> float:
    return parse_duration(value) / 1000


def metres(value: Any) -> float:
    m = re.fullmatch(r"\s*([\d.]+)\s*([a-z]*)\s*", str(value).lower())
    if not m:
        raise ValueError(f"not a distance: {value!r}")
    unit = m[2].rstrip("s") or "m"
    return float(m[1]) * _UNITS[unit]


def _norm(key: str, value: Any) -> Any:
    """A value in a form to compare: seconds, metres, ints, lists of them, ranges."""
    if isinstance(value, dict) and "per_set" in value:
        return [_norm(key, v) for v in value["per_set"]]
    if isinstance(value, list):
        return [_norm(key, v) for v in value]
    if key in DURATIONS:
        return seconds(value)
    if key == "distance":
        return metres(value)
    return value


def equal(key: str, truth: Any, got: Any) -> bool:
    """Whether an imported value is what the truth gives. A range ``[lo, hi]`` in the truth
    is met by any value inside it (a routine needs one number); a per-set list by the same
    list, or a single value when every set of the list has it."""
    if got is None:
        return False
    if key == "block":
        return truth == got or (truth == "circuit" and got == "tabata")
    if key == "sides":
        return bool(truth) == bool(got)
    t, g = _norm(key, truth), _norm(key, got)
    ranged = isinstance(truth, list) and key in RANGED
    if ranged and len(t) == 2 and not isinstance(g, list):
        return bool(t[0] <= g <= t[1])
    if isinstance(t, list) and not isinstance(g, list):
        return all(_close(v, g) for v in t)
    if isinstance(t, list):
        return len(t) == len(g) and all(_close(a, b) for a, b in zip(t, g, strict=True))
    if isinstance(g, list):
        return all(_close(t, v) for v in g)
    return _close(t, g)


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return abs(float(a) - float(b)) <= max(0.5, 0.01 * abs(float(a)))
    return bool(a == b)


# --- what was imported -------------------------------------------------------------------


@dataclass
class Got:
    """One exercise as imported: the values to compare (defaults and derived values
    included) and the fields written for it, each with the document path it came from."""

    name: str
    values: dict[str, Any] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)

    def put(self, key: str, value: Any, path: str | None) -> None:
        if value is None:
            return
        self.values[key] = value
        if path is not None:
            self.written[key] = path


def _name(move: Any) -> str:
    return str(move["name"] if isinstance(move, dict) else move)


def _rest_default(defaults: dict[str, Any], key: str) -> tuple[Any, str | None]:
    if key in defaults:
        return defaults[key], f"defaults.{key}"
    return None, None


def imported(doc: dict[str, Any]) -> list[Got]:
    """The exercises of an imported routine document, in the order they are met."""
    defaults = doc.get("defaults") or {}
    if "exercises" in doc:
        blocks = [("", {"exercises": doc["exercises"]})]
    else:
        blocks = [(f"blocks[{i}]", b) for i, b in enumerate(doc.get("blocks") or [])]
    out: list[Got] = []
    for path, b in blocks:
        if "tabata" in b:
            out += _tabata(b["tabata"], f"{path}.tabata")
        elif "emom" in b:
            out += _emom(b["emom"], f"{path}.emom")
        elif "amrap" in b:
            out += _capped(b["amrap"], f"{path}.amrap", "amrap")
        elif "for_time" in b:
            out += _capped(b["for_time"], f"{path}.for_time", "for_time")
        elif "ladder" in b:
            out.append(_ladder(b["ladder"], f"{path}.ladder", defaults))
        else:
            out += _plain(b, path, defaults)
    return out


def _plain(b: dict[str, Any], path: str, defaults: dict[str, Any]) -> list[Got]:
    rounds = b.get("rounds", 1)
    prefix = f"{path}.exercises" if path else "exercises"
    out = []
    for i, x in enumerate(b.get("exercises") or []):
        at = f"{prefix}[{i}]"
        g = Got(str(x.get("name", "")))
        reps = x.get("reps")
        sets = x.get("sets") or (len(reps) if isinstance(reps, list) else 1)
        g.put("sets", sets, f"{at}.sets" if "sets" in x else None)
        for key in ("reps", "work", "distance", "set_time", "tempo"):
            g.put(key, x.get(key), f"{at}.{key}")
        if isinstance(x.get("hold"), dict):
            g.put("hold", x["hold"].get("for"), f"{at}.hold.for")
        g.put("sides", x.get("sides") or None, f"{at}.sides")
        if sets > 1:
            if "rest" in x:
                g.put("rest", x["rest"], f"{at}.rest")
            else:
                g.put("rest", *_rest_default(defaults, "rest_between_sets"))
        elif "rest_after" in x:
            g.put("rest", x["rest_after"], f"{at}.rest_after")
        elif rounds > 1 and i == len(b["exercises"]) - 1 and "rest_between_rounds" in b:
            # the last move of a round rests as long as the rest between rounds (written
            # once, as that rest: not a value filled in for the move)
            g.put("rest", b["rest_between_rounds"], None)
        elif "rest_between_exercises" in defaults:
            # the rest after a move done once, said once for all ("Rest 20-30 seconds between
            # each exercise"): compared as its rest, not counted as a value filled in for it
            g.put("rest", defaults["rest_between_exercises"], None)
        if rounds > 1:
            g.put("rounds", rounds, f"{path}.rounds")
            g.put("block", "circuit", None)
            if "rest_between_rounds" in b:
                g.put("rest_rounds", b["rest_between_rounds"], f"{path}.rest_between_rounds")
            else:
                g.put("rest_rounds", *_rest_default(defaults, "rest_between_rounds"))
        else:
            g.put("rounds", 1, None)
        out.append(g)
    return out


def _tabata(t: dict[str, Any], path: str) -> list[Got]:
    moves = t.get("exercises") or []
    intervals = t.get("intervals", 8)
    out = []
    for move in moves:
        g = Got(_name(move))
        g.put("block", "tabata", None)
        g.put("intervals", intervals, f"{path}.intervals" if "intervals" in t else None)
        g.put("rounds", intervals / len(moves), None)
        g.put("work", t.get("work", "20s"), f"{path}.work" if "work" in t else None)
        g.put("rest", t.get("rest", "10s"), f"{path}.rest" if "rest" in t else None)
        out.append(g)
    return out


def _emom(e: dict[str, Any], path: str) -> list[Got]:
    moves = e.get("exercises") or []
    every = e.get("every", "1m")
    minutes = e.get("minutes")
    out = []
    for i, move in enumerate(moves):
        if rest_interval(move):
            continue  # "Min 4 - Rest": a turn of the moves, no move
        at = f"{path}.exercises[{i}]"
        g = Got(_name(move))
        g.put("block", "emom", None)
        g.put("every", every, f"{path}.every" if "every" in e else None)
        g.put("minutes", minutes, f"{path}.minutes")
        if minutes:
            # every move in every interval (together), or the moves taking turns
            turns = 1 if e.get("together") else len(moves)
            g.put("rounds", minutes * 60 / seconds(every) / turns, None)
        if isinstance(move, dict):
            for key in ("reps", "work", "distance", "set_time", "tempo"):
                g.put(key, move.get(key), f"{at}.{key}")
        out.append(g)
    return out


def _capped(a: dict[str, Any], path: str, kind: str) -> list[Got]:
    """AMRAP and for-time pieces: one cap over a round of moves."""
    moves = a.get("exercises") or []
    per_round = a.get("reps_per_round")
    rounds = len(per_round) if per_round else a.get("rounds", 1)
    out = []
    for i, move in enumerate(moves):
        at = f"{path}.exercises[{i}]"
        name = _name(move)
        g = Got(name)
        g.put("block", kind, None)
        g.put("cap", a.get("cap"), f"{path}.cap")
        if kind == "for_time":
            g.put("rounds", rounds, f"{path}.rounds" if "rounds" in a else None)
            g.put("reps_per_round", per_round, f"{path}.reps_per_round")
        # A timed move of an AMRAP is written with its time in its name ("Plank 30 s"), a
        # piece of a distance with the distance ("400m Run": a template's move has no field
        # for it).
        timed = _TIMED_MOVE.match(name)
        far = _DISTANCE_MOVE.match(name)
        if timed:
            g.name = timed[1]
            unit = "s" if timed[3] == "s" else "m"
            g.put("work", f"{timed[2]}{unit}", f"{at}.name")
        elif far:
            g.name = far["before"] or far["after"]
            said = far["unit"]
            unit = "km" if said.startswith("k") else "mi" if said.startswith("mi") else "m"
            g.put("distance", f"{far['far']}{unit}", f"{at}.name")
        if isinstance(move, dict):
            for key in ("reps", "work", "distance", "set_time", "tempo"):
                g.put(key, move.get(key), f"{at}.{key}")
        out.append(g)
    return out


def _ladder(lad: dict[str, Any], path: str, defaults: dict[str, Any]) -> Got:
    g = Got(_name(lad.get("exercise", "")))
    g.put("block", "ladder", None)
    if "reps" in lad:
        g.put("reps", list(lad["reps"]), f"{path}.reps")
    elif "from" in lad and "to" in lad:
        lo, hi, step = lad["from"], lad["to"], lad.get("step", 1) or 1
        rungs = list(range(lo, hi + (1 if hi >= lo else -1), step if hi >= lo else -step))
        if lad.get("down"):
            rungs += rungs[-2::-1]
        g.put("reps", rungs, f"{path}.from")
    if "rest" in lad:
        g.put("rest", lad["rest"], f"{path}.rest")
    else:
        g.put("rest", *_rest_default(defaults, "rest_between_sets"))
    return g


# --- scoring -----------------------------------------------------------------------------


@dataclass
class Score:
    """The figures for one text (or, summed, for a part of the corpus)."""

    texts: int = 0
    truth: int = 0  # exercises the truth lists
    written: int = 0  # exercises the importer wrote
    found: int = 0  # truth exercises matched by name
    right: int = 0  # found, and every value the truth gives equal
    values: int = 0  # values the truth gives, on found exercises
    values_right: int = 0
    filled_guessed: int = 0  # values written that the truth does not give, marked guessed
    filled_unmarked: int = 0  # the same, not marked
    refused: int = 0  # texts with a workout that the importer refused
    accepted: int = 0  # texts without a workout that the importer accepted
    errors: int = 0  # texts where the importer failed with anything but an input error

    def add(self, other: Score) -> None:
        for key, value in asdict(other).items():
            setattr(self, key, getattr(self, key) + value)

    def rates(self) -> dict[str, float | None]:
        return {
            "recall": _ratio(self.found, self.truth),
            "fully_right": _ratio(self.right, self.truth),
            "precision": _ratio(self.found, self.written),
            "values_right_rate": _ratio(self.values_right, self.values),
        }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


@dataclass
class Result:
    name: str
    score: Score
    status: str  # ok, refused, accepted (a no-workout text), error, or no-workout (refused)
    detail: list[str] = field(default_factory=list)


def load_truth(path: Path) -> dict[str, Any]:
    truth = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for x in truth.get("exercises") or []:
        if not isinstance(x, dict) or "name" not in x:
            raise ValueError(f"{path}: an exercise without a name: {x!r}")
        unknown = set(x) - set(FIELDS) - {"name"}
        if unknown:
            raise ValueError(f"{path}: unknown truth field(s) {sorted(unknown)}")
    return truth


def score_text(text: str, truth: dict[str, Any], name: str = "<text>") -> Result:
    """Import one text and score what came out against its truth."""
    score = Score(texts=1)
    expected = list(truth.get("exercises") or [])
    score.truth = len(expected)
    try:
        result = import_text(text, name, Path(name).stem)
    except InputError as exc:
        if truth.get("no_workout"):
            return Result(name, score, "no-workout")
        score.refused = 1
        return Result(name, score, "refused", [f"  refused: {exc}"])
    except Exception as exc:  # the importer's own failure is a finding, not a crash here
        score.errors = 1
        score.refused = 0 if truth.get("no_workout") else 1
        return Result(name, score, "error", [f"  error: {type(exc).__name__}: {exc}"])
    doc = yaml.safe_load(result.yaml)
    return score_import(doc, {g.field for g in result.guesses}, truth, name)


def score_import(
    doc: dict[str, Any], guessed: set[str], truth: dict[str, Any], name: str = "<text>"
) -> Result:
    """Score an imported routine document (and the paths of its guessed fields)."""
    score = Score(texts=1, accepted=1 if truth.get("no_workout") else 0)
    expected = list(truth.get("exercises") or [])
    score.truth = len(expected)
    got = imported(doc)
    score.written = len(got)
    pairs = align([str(x["name"]) for x in expected], [g.name for g in got])
    detail: list[str] = []
    matched = dict(pairs)
    for i, want in enumerate(expected):
        if i not in matched:
            detail.append(f"  missing  {want['name']}")
            continue
        g = _in_turn(want, got[matched[i]])
        score.found += 1
        given = [k for k in FIELDS if k in want]
        wrong = [k for k in given if not equal(k, want[k], g.values.get(k))]
        score.values += len(given)
        score.values_right += len(given) - len(wrong)
        if not wrong:
            score.right += 1
        covered = set(given) | {s for k in given for s in SAME.get(k, ())}
        # (tempo has no truth field: one read from the text is no value filled in)
        filled = [
            k for k in g.written if k not in covered and (k != "tempo" or g.written[k] in guessed)
        ]
        marked = [k for k in filled if g.written[k] in guessed]
        score.filled_guessed += len(marked)
        score.filled_unmarked += len(filled) - len(marked)
        line = f"  {'right' if not wrong else 'wrong':7}  {want['name']}  <-  {g.name}"
        for k in wrong:
            line += f"\n           {k}: truth {want[k]!r}, imported {g.values.get(k)!r}"
        for k in filled:
            tag = "guessed" if k in marked else "unmarked"
            line += f"\n           filled {k}={g.values.get(k)!r} ({tag})"
        detail.append(line)
    extra = [g.name for j, g in enumerate(got) if j not in {p[1] for p in pairs}]
    detail += [f"  extra    {n}" for n in extra]
    return Result(name, score, "accepted" if truth.get("no_workout") else "ok", detail)


def _in_turn(want: dict[str, Any], g: Got) -> Got:
    """A move's own sets in a superset ("A1 squat 4x8, A2 row 4x8") are done one set of
    each move in turn: a routine writes them as its block's rounds, with the rest after
    the pair between them. Compared so, as the listener hears them."""
    rounds = g.values.get("rounds", 1)
    if "sets" not in want or "rounds" in want or g.values.get("sets") != 1 or rounds <= 1:
        return g
    values = {**g.values, "sets": rounds}
    written = {k: v for k, v in g.written.items() if k not in ("rounds", "rest_rounds")}
    if "rest" in want and "rest" not in values and "rest_rounds" in values:
        values["rest"] = values["rest_rounds"]
        if "rest_rounds" in g.written:
            written["rest"] = g.written["rest_rounds"]
    return Got(g.name, values, written)


def texts(
    part: str, root: Path = CORPUS, only: tuple[str, ...] = ()
) -> Iterable[tuple[Path, Path]]:
    """The texts of a part (and their truth files), those named by ``only`` if given."""
    parts = PARTS if part == "all" else (part,)
    for p in parts:
        for text in sorted((root / p).glob("*.txt")):
            if not only or any(o in text.name for o in only):
                yield text, text.with_name(text.stem + ".truth.yaml")


def run(part: str, root: Path = CORPUS, only: tuple[str, ...] = ()) -> tuple[list[Result], Score]:
    results, total = [], Score()
    for text, truth in texts(part, root, only):
        r = score_text(text.read_text(encoding="utf-8"), load_truth(truth), text.name)
        r.name = f"{text.parent.name}/{text.name}"
        results.append(r)
        total.add(r.score)
    return results, total


def _pct(x: float | None) -> str:
    return "  -  " if x is None else f"{100 * x:5.1f}"


def report(results: list[Result], total: Score, verbose: bool) -> str:
    lines = [
        f"{'text':44} {'truth':>5} {'wrote':>5} {'found':>5} {'right':>5} "
        f"{'guess':>5} {'unmrk':>5}  status"
    ]
    for r in results:
        s = r.score
        lines.append(
            f"{r.name:44} {s.truth:5} {s.written:5} {s.found:5} {s.right:5} "
            f"{s.filled_guessed:5} {s.filled_unmarked:5}  {r.status}"
        )
        if verbose:
            lines += r.detail
    rates = total.rates()
    lines += [
        "",
        f"texts {total.texts}: exercises in truth {total.truth}, written {total.written}",
        f"recall (found by name)   {_pct(rates['recall'])} %  ({total.found}/{total.truth})",
        f"fully right              {_pct(rates['fully_right'])} %  ({total.right}/{total.truth})",
        f"precision (found/written){_pct(rates['precision'])} %  ({total.found}/{total.written})",
        f"values right             {_pct(rates['values_right_rate'])} %  "
        f"({total.values_right}/{total.values})",
        f"filled in, not in truth  {total.filled_guessed} marked guessed, "
        f"{total.filled_unmarked} unmarked",
        f"refusals                 {total.refused} workout texts refused, "
        f"{total.accepted} no-workout texts accepted, {total.errors} importer errors",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="import-eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=(*PARTS, "all"), default="dev")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the corpus folder")
    parser.add_argument("--json", action="store_true", help="figures as JSON")
    parser.add_argument("-v", "--verbose", action="store_true", help="every exercise")
    parser.add_argument("only", nargs="*", help="only the texts whose file name holds one of these")
    args = parser.parse_args(argv)
    try:
        results, total = run(args.part, args.corpus, tuple(args.only))
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"import-eval: {exc}", file=sys.stderr)
        return 2
    if args.json:
        out = {
            "part": args.part,
            "total": {**asdict(total), **total.rates()},
            "texts": [
                {
                    "name": r.name,
                    "status": r.status,
                    **asdict(r.score),
                    **r.score.rates(),
                    **({"detail": r.detail} if args.verbose else {}),
                }
                for r in results
            ],
        }
        print(json.dumps(out, indent=2))
    else:
        print(report(results, total, args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main())
