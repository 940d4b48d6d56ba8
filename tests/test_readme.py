"""The README and the manual, followed in order as a new user would, must not trip them up."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

# The README and every page of the manual, as one text.
DOCS = "\n".join(
    p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted(ROOT.glob("docs/*.md"))]
)


def _command_lines() -> list[str]:
    """Every line of the docs' code blocks that runs repcast."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", DOCS, re.M | re.S)
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
    assert written, "the docs show no redirected command"
    assert routines, "the docs show no routine file"
    assert written & routines == set()


@pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="not a git checkout"
)
def test_the_podcast_example_output_is_ignored_by_git() -> None:
    out = re.search(r"repcast batch examples .*--out (\S+)", DOCS)
    assert out, "the docs show no batch example"
    folder = out.group(1).rstrip("/")
    for name in ("feed.xml", "episodes/001-x.mp3", ".repcast-state.json"):
        check = subprocess.run(
            ["git", "check-ignore", "-q", f"{folder}/{name}"], cwd=ROOT, check=False
        )
        assert check.returncode == 0, f"{folder}/{name} would show as untracked"


def _script(name: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "scripts" / name), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_scripts_name_an_interpreter_that_does_not_exist(tmp_path: Path) -> None:
    env = {"PYTHON": str(tmp_path / "nonexistent"), "REPCAST_VENV": str(tmp_path / "venv")}
    res = _script("demo", env)
    assert res.returncode == 1
    assert res.stderr == (
        f"RepCast: the interpreter '{tmp_path / 'nonexistent'}' does not exist "
        "(set PYTHON=/path/to/python3).\n"
    )
    assert not (tmp_path / "venv").exists()


def test_demo_installs_only_what_it_needs(tmp_path: Path) -> None:
    """The demo installs RepCast alone (the test command adds its tools to the same
    environment), once."""
    venv = tmp_path / "venv"
    env = {"PYTHON": sys.executable, "REPCAST_VENV": str(venv)}
    demo = _script("demo", env, "--help")
    assert demo.returncode == 0, demo.stderr
    assert demo.stdout.startswith("Usage: repcast build ")
    assert "Installing RepCast into" in demo.stderr
    assert (venv / "bin" / "repcast").exists()
    assert not (venv / "bin" / "pytest").exists()
    assert (venv / ".repcast-installed").read_text().splitlines()[1:] == [""]

    again = _script("demo", env, "--help")
    assert again.returncode == 0, again.stderr
    assert again.stderr == ""
