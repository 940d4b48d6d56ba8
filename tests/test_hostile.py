"""Hostile input: what expands is bounded, numbers and format specs are refused before any
arithmetic, outputs never replace what they should not, damaged caches are made again,
values that would be published are checked, exported notes are exact and captions cannot
be ended early by their own text."""

from __future__ import annotations

import html
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from repcast.cli import cli
from repcast.sound.report import vtt_lines


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
