"""Hostile input: what expands is bounded, numbers and format specs are refused before any
arithmetic, outputs never replace what they should not, damaged caches are made again,
values that would be published are checked, exported notes are exact and captions cannot
be ended early by their own text."""

from __future__ import annotations

import html
from pathlib import Path

from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from repcast.cli import cli
from repcast.notes.exporter import export_notes
from repcast.notes.importer import import_text
from repcast.routine.model import parse_routine
from repcast.routine.plan import make_plan
from repcast.sound.report import vtt_lines
from repcast.timing import MAX_MS


def run(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- captions ----------------------------------------------------------------------------

HOSTILE = st.text(alphabet=st.sampled_from("-->&<;gtamp \n\r\t\u2028x"), max_size=200)


@settings(max_examples=300)
@given(HOSTILE)
def test_no_caption_text_holds_an_arrow_or_a_blank_line(text: str) -> None:
    lines = vtt_lines(text)
    assert "-->" not in "\n".join(lines)
    assert all(line.strip() and "\n" not in line and "\r" not in line for line in lines)
    # Nothing is lost: unescaped, the lines are the text with its whitespace folded.
    assert " ".join(html.unescape(line) for line in lines) == " ".join(text.split())


def test_an_exercise_named_with_an_arrow_keeps_its_cue_whole(tmp_path: Path, cache_dir) -> None:
    routine = write(tmp_path / "r.yaml", "title: T\nexercises: [{name: 'Step --->', work: 30s}]")
    res = run("script", routine, "--format", "vtt", "--cache-dir", cache_dir)
    assert res.exit_code == 0, res.output
    cue_lines = [line for line in res.stdout.splitlines()[1:] if " --> " not in line]
    assert not any("-->" in line for line in cue_lines)
    assert "Step ---&gt;" in res.stdout


# --- export is exact ---------------------------------------------------------------------

SPAN = MAX_MS - 2000  # what a workout with a 1 s lead-in and outro has for its exercises


@st.composite
def _spans(draw: st.DrawFn) -> tuple[int, int, int]:
    """Work, rest, work: together at most SPAN, often at the limit."""
    first = draw(st.integers(1, SPAN - 1))
    rest = draw(st.integers(0, SPAN - 1 - first))
    return first, rest, draw(st.integers(1, SPAN - first - rest))


@settings(max_examples=150, deadline=None)
@given(_spans())
@example((1_000_001, 0, 1))
@example((SPAN - 1, 0, 1))  # exactly 24 hours in all
@example((SPAN - 1001, 999, 2))
def test_exported_durations_read_back_exactly(spans: tuple[int, int, int]) -> None:
    first, rest, second = spans
    routine = parse_routine(
        {
            "title": "Exact",
            "defaults": {"lead_in": 1, "outro": 1},
            "exercises": [
                {"name": "Plank", "work": f"{first}ms", "rest_after": f"{rest}ms"},
                {"name": "Wall sit", "work": f"{second}ms"},
            ],
        }
    )
    back = import_text(export_notes(routine), "notes.txt").routine
    assert [(e.work_ms, e.rest_after_ms or 0) for e in back.exercises] == [
        (first, rest),
        (second, 0),
    ]
    assert make_plan(back).total == make_plan(routine).total
