"""The README and the manual in docs/ stay true: their runnable examples run as written, and
their links lead somewhere. docs/development.md describes the markers this reads."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import mutagen
import pytest

from .conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```[ \t]*$", re.M | re.S)


def name(page: Path) -> str:
    return str(page.relative_to(ROOT))


@dataclass(frozen=True)
class Command:
    line: str
    shown: tuple[str, ...]  # the output printed under it in the page


@dataclass(frozen=True)
class File:
    name: str
    text: str


def steps(page: Path) -> list[Command | File]:
    """A page's runnable parts in order: `console` blocks (a command is a line starting
    with "$ ", the lines up to the next one are its output) and blocks that name a file
    (info string "yaml file=NAME"), which are written before the commands after them."""
    out: list[Command | File] = []
    for info, body in FENCE.findall(page.read_text(encoding="utf-8")):
        words = info.split()
        if named := [w.removeprefix("file=") for w in words[1:] if w.startswith("file=")]:
            out.append(File(named[0], body))
        elif words == ["console"]:
            for chunk in re.split(r"^(?=\$ )", body, flags=re.M):
                if chunk.startswith("$ "):
                    first, *rest = chunk.splitlines()
                    out.append(Command(first[2:], tuple(rest)))
    return out


def test_the_pages_have_runnable_examples() -> None:
    commands = {name(p): sum(isinstance(s, Command) for s in steps(p)) for p in PAGES}
    assert commands["README.md"] >= 2
    # A few dozen short commands keep the suite quick.
    assert 20 <= sum(commands.values()) <= 80, commands


@pytest.fixture(scope="module")
def speech_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("speech")


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_every_runnable_example_runs_as_written(
    page: Path, tmp_path: Path, speech_cache: Path
) -> None:
    """Each page's commands run in order in a folder of their own, as in a clone: with the
    examples and the cue sounds beside them. A command exits 0 unless the page shows it
    failing (a "repcast: error:" line under it), then it exits 2 with that line. The lines
    shown under a command are lines of its output, in order (a "..." line stands for lines
    left out), and no cue is dropped unless the page shows the note."""
    for folder in ("examples", "audio"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "REPCAST_CACHE_DIR": str(speech_cache),
    }
    env.pop("REPCAST_DEBUG", None)
    for step in steps(page):
        if isinstance(step, File):
            (tmp_path / step.name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / step.name).write_text(step.text, encoding="utf-8")
            continue
        res = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {step.line}"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        where = f"{name(page)}: $ {step.line}\n{res.stderr}"
        printed = (res.stdout + res.stderr).splitlines()
        errors = [s for s in step.shown if s.startswith("repcast: error:")]
        assert res.returncode == (2 if errors else 0), where
        # The shown lines, in order, each somewhere after the one before.
        rest = iter(line.rstrip() for line in printed)
        for line in step.shown:
            if line.strip() and line != "...":
                assert line.rstrip() in rest, f"{where}\n{line}"
        if not any("dropped" in s for s in step.shown):
            assert "dropped" not in res.stderr + res.stdout, where


def anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes."""
    text = re.sub(r"`|\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    kept = "".join(c for c in text if c in " -_" or unicodedata.category(c)[0] in "LN")
    return kept.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    out = set()
    for heading in re.findall(r"^#{1,6} (.+)$", text, re.M):
        slug = anchor(heading)
        out.add(f"{slug}-{seen[slug]}" if slug in seen else slug)
        seen[slug] = seen.get(slug, 0) + 1
    return out


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_links_lead_to_files_and_headings(page: Path) -> None:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    text = re.sub(r"`[^`\n]*`", "", text)
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    broken = []
    for link in links:
        if re.match(r"[a-z]+:", link):
            continue
        path, _, fragment = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        if not target.exists() or (fragment and fragment not in anchors(target)):
            broken.append(link)
    assert broken == []


def test_the_readme_links_every_page_of_the_manual() -> None:
    contents = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    pages = {p.name for p in (ROOT / "docs").glob("*.md")} - {"README.md"}
    assert {p for p in pages if f"({p})" not in contents} == set()
    assert "(docs/README.md)" in PAGES[0].read_text(encoding="utf-8")


def test_the_sample_is_a_short_mp3() -> None:
    """The README links a half-minute excerpt of the demo, small enough to keep in git."""
    sample = ROOT / "docs" / "sample.mp3"
    assert "(docs/sample.mp3)" in PAGES[0].read_text(encoding="utf-8")
    assert sample.stat().st_size < 500_000
    audio = mutagen.File(sample)
    assert type(audio).__name__ == "MP3"
    assert 25 < audio.info.length < 35


def test_the_anchor_rule_matches_github() -> None:
    assert anchor("A natural voice (Piper)") == "a-natural-voice-piper"
    assert anchor("The show's web pages") == "the-shows-web-pages"
    assert anchor("Numbers, dates and identifiers") == "numbers-dates-and-identifiers"
    assert anchor("`repcast build`: one file") == "repcast-build-one-file"
