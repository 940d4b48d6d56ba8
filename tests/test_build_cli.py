"""The audio commands through the CLI, and faults injected into the real pipeline."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from repcast.cli import cli
from repcast.timing import SAMPLE_RATE

from .conftest import decoded, repcast_command, wait_until_encoding


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, list(args), env=env)


def test_build_default_name_and_script_agree(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    res = run("build", "--cache-dir", str(cache_dir))
    assert res.exit_code == 0, res.output
    out = tmp_path / "upper-body-for-runners.mp3"
    assert res.stdout.startswith("upper-body-for-runners.mp3  ")
    x = decoded(out)

    script = json.loads(run("script", "--format", "json", "--cache-dir", str(cache_dir)).stdout)
    assert abs(len(x) - script["total_samples"]) <= 30 * SAMPLE_RATE // 1000
    assert script["sample_rate"] == SAMPLE_RATE
    kinds = {c["kind"] for c in script["cues"]}
    assert kinds == {"speech", "count", "beep", "final"}
    for cue in script["cues"]:
        assert cue["start"] == pytest.approx(cue["sample"] / SAMPLE_RATE, abs=1e-6)
    texts = [c["text"] for c in script["cues"] if c["kind"] == "speech"]
    assert texts[0] == "Welcome to Upper body for runners."
    assert texts[-1].endswith("Great work.")
    assert script["adjustments"] == []


def test_script_text_and_vtt(cache_dir: Path) -> None:
    text = run("script", "--cache-dir", str(cache_dir)).stdout
    lines = text.splitlines()
    assert lines[0].startswith("Upper body for runners — ")
    assert "First up: Burpees." in text
    vtt = run("script", "--format", "vtt", "--cache-dir", str(cache_dir)).stdout
    assert vtt.startswith("WEBVTT\nKind: captions\nLanguage: en\n\nwelcome-1\n00:00:00.000 --> ")
    assert "\n<v Coach>First up: Burpees." in vtt
    assert all(len(line) <= 65 for line in vtt.splitlines())
    assert "[beep]" not in vtt


def test_voices_lists_and_filters() -> None:
    every = run("voices").stdout.splitlines()[1:]
    german = run("voices", "--lang", "de").stdout.splitlines()[1:]
    assert any(line.split()[:3] == ["gmw/en-US", "espeak", "en-us"] for line in every)
    assert german and all(line.split()[2].startswith("de") for line in german)
    assert len(german) < len(every)

    none = run("voices", "--lang", "xx")
    assert none.exit_code == 2
    assert none.stdout == ""
    line = none.stderr
    assert line.startswith("repcast: error: --lang: no voice speaks 'xx'; languages: ")
    assert line.count("\n") == 1
    listed = line.split(": ")[-1].strip().split(", ")
    assert {"de", "en", "es"} <= set(listed) and listed == sorted(set(listed))
    assert all(run("voices", "--lang", code).stdout for code in listed)


def test_unknown_voice_in_routine_is_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "r.yaml"
    bad.write_text("title: T\nvoice: {name: no-such-voice}\nexercises: [{name: A, work: 5s}]\n")
    res = run("build", str(bad), "-o", str(tmp_path / "o.mp3"))
    assert res.exit_code == 2
    assert (
        res.stderr == f"repcast: error: {bad}: voice.name: unknown voice 'no-such-voice'"
        " (see 'repcast voices')\n"
    )
    assert not (tmp_path / "o.mp3").exists()


def test_output_is_a_directory_or_missing_folder(tmp_path: Path, cache_dir: Path) -> None:
    res = run("build", "-o", str(tmp_path), "--cache-dir", str(cache_dir))
    assert (res.exit_code, res.stderr) == (
        2,
        f"repcast: error: {tmp_path}: is a directory, not a file to write\n",
    )
    missing = tmp_path / "nope" / "o.mp3"
    res = run("build", "-o", str(missing), "--cache-dir", str(cache_dir))
    assert (res.exit_code, res.stderr) == (
        2,
        f"repcast: error: {missing}: its folder does not exist\n",
    )


def _fake_ffmpeg(tmp_path: Path, body: str) -> dict[str, str]:
    """A stand-in encoder for fault injection only."""
    fake = tmp_path / "ffmpeg"
    fake.write_text(f"#!{sys.executable}\nimport os, sys, signal\n{body}\n")
    fake.chmod(0o755)
    return {"REPCAST_FFMPEG": str(fake)}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "sys.stdin.buffer.read(1 << 20)\n"
            "sys.stderr.write('Disk quota exceeded\\n')\n"
            "sys.exit(1)",
            "ffmpeg failed (exit 1): Disk quota exceeded",
        ),
        (
            "sys.stdin.buffer.read(1 << 20)\nos.kill(os.getpid(), signal.SIGSEGV)",
            "ffmpeg failed (exit -11)",
        ),
        ("sys.exit(3)", "ffmpeg failed (exit 3)"),
    ],
)
def test_encoder_failure_keeps_previous_output(
    tmp_path: Path, cache_dir: Path, body: str, message: str
) -> None:
    out = tmp_path / "workout.mp3"
    out.write_bytes(b"previous good build")
    res = run(
        "build", "-o", str(out), "--cache-dir", str(cache_dir), env=_fake_ffmpeg(tmp_path, body)
    )
    assert res.exit_code == 1
    assert res.stderr == f"repcast: error: {message}\n"
    assert out.read_bytes() == b"previous good build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ffmpeg", "workout.mp3"]


def test_ctrl_c_mid_encode_leaves_nothing_behind(tmp_path: Path, cache_dir: Path) -> None:
    """A real build interrupted while ffmpeg is writing: exit 130, old output intact."""
    routine = tmp_path / "long.yaml"
    routine.write_text("title: Long\nexercises: [{name: Plank, work: 20m, sets: 6}]\n")
    out = tmp_path / "long.mp3"
    out.write_bytes(b"previous good build")
    env = {**os.environ, "REPCAST_CACHE_DIR": str(cache_dir)}
    proc = subprocess.Popen(
        repcast_command("build", str(routine), "-o", str(out)),
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    wait_until_encoding(tmp_path, "long.mp3")
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert err == "repcast: interrupted\n"
    assert out.read_bytes() == b"previous good build"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["long.mp3", "long.yaml"]


def test_python_dash_m_and_version() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "repcast", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert out.startswith("repcast, version ")
