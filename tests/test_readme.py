"""The README, followed in order as a new user would, must not trip them up."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command_lines() -> list[str]:
    """Every line of the README's code blocks that runs repcast."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", README, re.M | re.S)
    lines = [line.removeprefix("$ ").strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("repcast ")]


def test_no_example_overwrites_a_routine_another_example_uses() -> None:
    lines = _command_lines()
    written = {m.group(1) for line in lines if (m := re.search(r">\s*(\S+)", line))}
    # The routine is the first argument after the command.
    routines = {
        words[2]
        for line in lines
        if len(words := line.split()) > 2
        and words[1] in ("build", "script", "plan")
        and words[2].endswith((".yaml", ".json"))
    }
    assert written, "the README shows no redirected command"
    assert routines, "the README shows no routine file"
    assert written & routines == set()


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout"
)
def test_the_podcast_example_output_is_ignored_by_git() -> None:
    out = re.search(r"repcast batch examples .*--out (\S+)", README)
    assert out, "the README shows no batch example"
    folder = out.group(1).rstrip("/")
    for name in ("feed.xml", "episodes/001-x.mp3", ".repcast-state.json"):
        check = subprocess.run(
            ["git", "check-ignore", "-q", f"{folder}/{name}"], cwd=ROOT, check=False
        )
        assert check.returncode == 0, f"{folder}/{name} would show as untracked"
