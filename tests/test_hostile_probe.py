"""The hostile-input runner (scripts/hostile-probe) itself: it lists its probes, runs a
chosen few in their own folders and reports them in the form the documentation gives.

The probes are not part of this suite (they measure the code, and many fail today); here
only the runner is exercised, on probes that pass."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "hostile-probe"


def probe(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300
    )


def test_lists_at_least_150_probes_of_every_kind() -> None:
    listed = probe("--list")
    assert listed.returncode == 0, listed.stderr
    names = listed.stdout.split()
    assert len(names) >= 150
    assert len(set(names)) == len(names)
    kinds = {n.split("/")[0] for n in names}
    assert kinds >= set("routine phrases import cli say batch cover state serve".split())


def test_runs_the_chosen_probes_and_reports_them() -> None:
    # A plain refusal (a huge count), a plain import, and an option refused by Click.
    chosen = "routine/exercise.sets=400-digits"
    ran = probe("--only", chosen, "--timeout", "60")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert ran.stdout.splitlines()[-1] == "1 passed, 0 failed"

    ran = probe("--only", "import/digits/1k", "--timeout", "60", "--json")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    report = json.loads(ran.stdout)
    assert (report["passed"], report["failed"]) == (1, 0)
    (result,) = report["probes"]
    assert result["name"] == "import/digits/1k"
    assert result["outcome"] == "ok"
    assert result["exit"] == 2  # digits alone are no workout
    assert result["rss_mb"] >= 0  # sampled while it runs: a very quick probe may show 0
    assert ran.stderr.splitlines()[-1] == "1 passed, 0 failed"
