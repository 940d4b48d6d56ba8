"""Hostile-input probes for every ``repcast`` command, and the runner that checks them.

The project's rule is that hostile input is normal input: every run ends by itself within
seconds, exits 0 or 2 (1 where the manual documents it: a batch with failed episodes, an
output that cannot be written), says what is wrong in exactly one ``repcast: error:`` line,
never shows a traceback, stays under a memory bound, and writes nothing when the input is
refused. Each probe makes its own input (nothing large is stored in the repository), runs
one command in a folder of its own, in a process group of its own, and is judged on those
rules. The probes are held out: they are written to measure whether fixes generalise, not
to be fixed one by one.

Outcomes: ok, hang (killed at the timeout), memory (peak RSS over the bound), traceback,
multi-line error (stderr lines that are not ``repcast: ...`` lines, or more than one error
line), wrong exit, changed output (files written or changed although the input was
refused, or anything outside the probe's working folder touched), leak (``repcast serve``
answered with a file it must not serve), no answer (it closed the connection unanswered).
"""

from __future__ import annotations

import argparse
import contextlib
import fnmatch
import hashlib
import importlib.resources
import json
import os
import random
import re
import resource
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MEMORY_MB = 1024  # the bound on a run's peak resident memory
ERROR = "repcast: error:"


# --- what a probe is -----------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One command to run in the probe's working folder, and what counts as ending well."""

    args: tuple[str, ...]
    exits: frozenset[int] = frozenset({0, 2})
    stdin: str | None = None  # a file (in the probe's folder, or absolute) for standard input
    watch: str | None = None  # a folder that must not change when the run exits 2
    batch: bool = False  # batch may report one error line per failed episode (exit 1)
    check: Callable[[Path, int], str | None] | None = None  # a further check, given cwd


@dataclass(frozen=True)
class Request:
    """One raw HTTP request to ``repcast serve`` on a published show."""

    raw: bytes
    check: Callable[[int, bytes], str | None]


@dataclass(frozen=True)
class Probe:
    name: str
    make: Callable[[Path], Run | Request]  # writes the input into the folder; says what to run
    # The same input, smaller: when that probe hangs, this one is counted as hanging too,
    # without spending another timeout on it.
    after: str | None = None

    @property
    def kind(self) -> str:
        return self.name.split("/")[0]


@dataclass
class Result:
    name: str
    kind: str
    outcome: str
    seconds: float
    rss_mb: float
    exit: int | None
    detail: str = ""
    stderr: str = ""  # its last line, to see what a probe actually met


PROBES: list[Probe] = []


def probe(name: str) -> Callable[[Callable[[Path], Run | Request]], Any]:
    def register(make: Callable[[Path], Run | Request]) -> Any:
        add(name, make)
        return make

    return register


def add(name: str, make: Callable[[Path], Run | Request], after: str | None = None) -> None:
    if any(p.name == name for p in PROBES):
        raise SystemExit(f"hostile-probe: two probes are called {name}")
    PROBES.append(Probe(name, make, after))


# --- generated input ------------------------------------------------------------------


class Raw(str):
    """Text written into a YAML document as it is (a number, an alias, a tag)."""


def flow(value: Any) -> str:
    """``value`` as YAML flow text: strings double-quoted with JSON's escapes (a subset of
    YAML's), ``Raw`` as it is, so a document can hold numbers YAML reads its own way."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{flow(k)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def routine(**top: Any) -> dict[str, Any]:
    """A short valid routine (a few seconds of plan), with top-level fields replaced."""
    doc: dict[str, Any] = {
        "title": "Probe",
        "defaults": {"lead_in": "3s", "outro": "3s", "countdown": 0},
        "exercises": [{"name": "Squats", "work": "5s"}],
    }
    doc.update(top)
    return {k: v for k, v in doc.items() if v is not None}


def write(folder: Path, name: str, data: str | bytes) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return name


def doc_file(folder: Path, doc: dict[str, Any], name: str = "r.yaml") -> str:
    return write(folder, name, flow(doc) + "\n")


def noise(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


def fill(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` bytes of UTF-8 (whole units only)."""
    count = max(1, size // len(unit.encode("utf-8")))
    return unit * count


def fifo(folder: Path, name: str) -> str:
    os.mkfifo(folder / name)
    return name


# --- checks ---------------------------------------------------------------------------


def unchanged(name: str) -> Callable[[Path, int], str | None]:
    """The file ``name`` (relative to the probe's folder) keeps its content."""

    def check(cwd: Path, code: int) -> str | None:
        path = cwd / name
        before = (cwd.parent / "expected" / name).read_bytes()
        if not path.is_file() or path.read_bytes() != before:
            return f"{name} was overwritten or removed"
        return None

    return check


def keep(cwd: Path, name: str) -> None:
    """Remember ``name``'s content for ``unchanged``."""
    target = cwd.parent / "expected" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cwd / name, target)


def snapshot(root: Path) -> dict[str, str]:
    """Every entry under ``root``: a hash of each regular file, the target of each link,
    the type of anything else (never opened: a FIFO would block)."""
    seen: dict[str, str] = {}
    for here, dirs, files in os.walk(root):
        for entry in [*dirs, *files]:
            path = Path(here) / entry
            key = str(path.relative_to(root))
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                seen[key] = "link " + os.readlink(path)
            elif stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256()
                with path.open("rb") as f:
                    for chunk in iter(lambda f=f: f.read(1 << 20), b""):
                        digest.update(chunk)
                seen[key] = digest.hexdigest()
            elif stat.S_ISDIR(info.st_mode):
                seen[key] = "dir"
            else:
                seen[key] = f"special {stat.S_IFMT(info.st_mode)}"
    return seen


def differences(before: dict[str, str], after: dict[str, str]) -> list[str]:
    names = sorted(set(before) | set(after))
    return [n for n in names if before.get(n) != after.get(n)]


# --- running --------------------------------------------------------------------------


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """A process's resident memory (VmRSS), or its peak so far (VmHWM), in MB."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def group_rss_mb(pgid: int) -> float:
    """Resident memory of every process in the group (repcast and what it started)."""
    total = 0.0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                if os.getpgid(int(entry)) == pgid:
                    total += rss_mb(int(entry))
    return total


def execute(
    argv: list[str],
    cwd: Path,
    env: dict[str, str],
    timeout: float,
    stdin: Path | None,
    logs: Path,
) -> tuple[int | None, float, float, bytes, bytes, str]:
    """Run ``argv`` in a new session; kill its whole group at the timeout or past the
    memory bound. Returns exit code (None when killed), seconds, peak RSS in MB, stdout,
    stderr and why it was killed ("" if it was not)."""
    out = logs.with_suffix(".out")
    err = logs.with_suffix(".err")
    with (
        out.open("wb") as o,
        err.open("wb") as e,
        stdin.open("rb") if stdin else open(os.devnull, "rb") as i,
    ):
        start = time.monotonic()
        proc = subprocess.Popen(
            argv, cwd=cwd, env=env, stdin=i, stdout=o, stderr=e, start_new_session=True
        )
        try:
            code, peak, killed = watch(proc, start, timeout)
        finally:
            # Anything the command left running in its group (a stray ffmpeg) goes too,
            # and so does the command itself when the runner is interrupted.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
        seconds = time.monotonic() - start
    return code, seconds, peak, out.read_bytes(), err.read_bytes(), killed


def watch(
    proc: subprocess.Popen[bytes], start: float, timeout: float
) -> tuple[int | None, float, str]:
    """Wait for ``proc``; kill its group at the timeout or well past the memory bound.
    Returns its exit code (None when killed), its peak RSS in MB and why it was killed.

    The peak is sampled from /proc (the command's own high-water mark, and the sum over
    its group): wait4's ru_maxrss would include the runner's own memory, which a forked
    child inherits as its starting high-water mark."""
    killed = ""
    peak = 0.0
    ticks = 0
    while True:
        pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait
            return proc.returncode, peak, ""
        peak = max(peak, rss_mb(proc.pid, "VmHWM"))
        ticks += 1
        if ticks % 5 == 0:  # the whole group: ffmpeg and friends too
            peak = max(peak, group_rss_mb(proc.pid))
        if peak > MEMORY_MB * 1.5:
            killed = "memory"
        elif time.monotonic() - start > timeout:
            killed = "hang"
        if killed:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            os.wait4(proc.pid, 0)
            proc.returncode = -1
            return None, peak, killed
        time.sleep(0.02)


def judge_stderr(stderr: str, code: int, batch: bool) -> str | None:
    if "Traceback (most recent call last)" in stderr:
        return "traceback"
    lines = [line for line in stderr.splitlines() if line.strip()]
    strays = [line for line in lines if not line.startswith("repcast: ")]
    if strays:
        return "multi-line error"
    errors = [line for line in lines if line.startswith(ERROR)]
    if code == 0 and errors:
        return "wrong exit"
    if code != 0 and (len(errors) != 1 and not (batch and code == 1 and errors)):
        return "multi-line error"
    return None


class Context:
    """What probes share in one run: the command, a speech cache, and a published show."""

    def __init__(self, root: Path, timeout: float) -> None:
        self.root = root
        self.timeout = timeout
        self.env = dict(os.environ)
        self.env.pop("REPCAST_DEBUG", None)
        self.env["REPCAST_CACHE_DIR"] = str(root / "cache")
        self.env["PYTHONWARNINGS"] = "ignore::DeprecationWarning,ignore::SyntaxWarning"
        self.command = [sys.executable, "-m", "repcast"]
        self._show: Path | None = None
        self.count = 0

    def show(self) -> Path:
        """A small published show (one short episode), made once per run."""
        if self._show is None:
            where = self.root / "show"
            make_show(where)
            code, _, _, _, err, killed = execute(
                [*self.command, "batch", "routines", "--feed", "routines/podcast.yaml",
                 "--out", "public", "--jobs", "1"],
                where, self.env, max(self.timeout, 120), None, self.root / "show-log",
            )  # fmt: skip
            if code != 0:
                raise SystemExit(
                    f"hostile-probe: the show to probe did not publish ({killed or code}): "
                    + err.decode("utf-8", "replace").strip()
                )
            self._show = where
        return self._show

    def run(self, p: Probe) -> Result:
        self.count += 1
        home = self.root / f"{self.count:03d}"
        cwd = home / "work"
        cwd.mkdir(parents=True)
        write(home, "outside.txt", "A file beside the working folder: never to be touched.\n")
        what = p.make(cwd)
        if isinstance(what, Request):
            return self.serve(p, cwd, what)
        before = snapshot(home)
        watched = snapshot(cwd / what.watch) if what.watch else {}
        code, seconds, peak, _, err, killed = execute(
            [*self.command, *what.args], cwd, self.env, self.timeout,
            cwd / what.stdin if what.stdin else None, self.root / f"{self.count:03d}-log",
        )  # fmt: skip
        stderr = err.decode("utf-8", "replace")
        tail = stderr.strip().splitlines()
        result = Result(
            p.name, p.kind, "ok", seconds, peak, code, stderr=tail[-1][:300] if tail else ""
        )
        if peak > MEMORY_MB:
            result.outcome = "memory"
            result.detail = f"killed after {seconds:.0f} s" if killed else ""
        elif killed:
            result.outcome, result.detail = "hang", f"killed after {seconds:.0f} s"
        elif code is None:
            result.outcome = "hang"
        else:
            verdict = judge_stderr(stderr, code, what.batch)
            if verdict:
                result.outcome = verdict
            elif code not in what.exits:
                result.outcome = "wrong exit"
            else:
                verdict = self.written(home, cwd, before, watched, what, code)
                if verdict:
                    result.outcome, result.detail = "changed output", verdict
                elif what.check and (why := what.check(cwd, code)):
                    result.outcome, result.detail = "changed output", why
        if result.outcome != "ok" and not result.detail:
            result.detail = f"exit {code}; " + (result.stderr[:160] or "no stderr")
        shutil.rmtree(home, ignore_errors=True)
        return result

    @staticmethod
    def written(
        home: Path,
        cwd: Path,
        before: dict[str, str],
        watched: dict[str, str],
        what: Run,
        code: int,
    ) -> str | None:
        after = snapshot(home)
        outside = [n for n in differences(before, after) if not n.startswith("work")]
        if outside:
            return "touched outside its folder: " + ", ".join(outside[:3])
        refused = code == 2 or (code != 0 and not what.batch)
        if refused and (changed := differences(before, after)):
            return "refused input but wrote: " + ", ".join(changed[:3])
        if what.watch and code == 2:
            changed = differences(watched, snapshot(cwd / what.watch))
            if changed:
                return f"{what.watch}/ changed by a refused batch: " + ", ".join(changed[:3])
        return None

    def serve(self, p: Probe, cwd: Path, req: Request) -> Result:
        """Start ``repcast serve`` on the folder, send one request, check the answer and
        that the server still answers an ordinary request, then stop it with Ctrl-C."""
        start = time.monotonic()
        err_path = self.root / f"{self.count:03d}-serve.err"
        with err_path.open("wb") as err:
            proc = subprocess.Popen(
                [*self.command, "serve", "public", "--port", "0"], cwd=cwd, env=self.env,
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err,
                start_new_session=True,
            )  # fmt: skip
            result = Result(p.name, p.kind, "ok", 0.0, 0.0, None)
            try:
                assert proc.stdout is not None
                line = proc.stdout.readline().decode("utf-8", "replace")
                found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
                if not found:
                    result.outcome, result.detail = "wrong exit", f"no address: {line!r}"
                else:
                    port = int(found.group(1))
                    status, body, why = http(port, req.raw, self.timeout)
                    if why:
                        timed_out = why.startswith("TimeoutError")
                        result.outcome = "hang" if timed_out else "no answer"
                        result.detail = why
                    elif message := req.check(status, body):
                        result.outcome, result.detail = "leak", message
                    else:
                        status, _, why = http(port, b"GET /index.html HTTP/1.0\r\n\r\n", 10)
                        if status != 200:
                            result.outcome = "hang"
                            result.detail = f"no answer to a plain request afterwards: {why}"
                result.rss_mb = group_rss_mb(proc.pid)
            finally:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGINT)
                try:
                    result.exit = proc.wait(10)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
                    if result.outcome == "ok":
                        result.outcome, result.detail = "hang", "did not stop on Ctrl-C"
                if proc.stdout:
                    proc.stdout.close()
        stderr = err_path.read_text("utf-8", "replace")
        if "Traceback" in stderr:
            result.outcome, result.detail = "traceback", stderr.strip().splitlines()[-1][:160]
        if result.outcome == "ok" and result.rss_mb > MEMORY_MB:
            result.outcome = "memory"
        result.seconds = time.monotonic() - start
        shutil.rmtree(cwd.parent, ignore_errors=True)
        return result


def http(port: int, raw: bytes, timeout: float) -> tuple[int, bytes, str]:
    """Send ``raw``; return the status, the body, and why there was no answer."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(raw)
            s.shutdown(socket.SHUT_WR)
            data = b""
            deadline = time.monotonic() + timeout
            while len(data) < 4 << 20 and time.monotonic() < deadline:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
    except OSError as exc:
        return 0, b"", f"{type(exc).__name__}: {exc}"
    head, _, body = data.partition(b"\r\n\r\n")
    found = re.match(rb"HTTP/1\.\d (\d{3})", head)
    if not found and data:  # an HTTP/0.9 answer (to a request line without a version)
        return 200, data, ""
    if not found:
        return 0, b"", "the connection closed without an answer"
    return int(found.group(1)), body, ""


# --- the published show the batch, cover, state and serve probes start from -----------

SHOW = {
    "title": "Probe Show",
    "description": "Short workouts for probing.",
    "author": "Probe",
    "owner": {"name": "Probe", "email": "probe@example.org"},
    "base_url": "https://example.org/probe/",
    "start_date": "2026-01-05",
    "every_days": 7,
}
EPISODE = routine(title="Probe episode", cues="minimal")


def make_show(where: Path) -> None:
    doc_file(where / "routines", EPISODE, "one.yaml")
    doc_file(where / "routines", SHOW, "podcast.yaml")


def show_copy(ctx: Context, cwd: Path) -> None:
    """The published show into ``cwd``: routines/ (with podcast.yaml) and public/."""
    src = ctx.show()
    shutil.copytree(src / "routines", cwd / "routines", symlinks=True)
    shutil.copytree(src / "public", cwd / "public", symlinks=True)


def batch_run(jobs: str = "1", exits: frozenset[int] = frozenset({0, 1, 2})) -> Run:
    """A batch of routines/ into public/: exit 1 is documented for failed episodes."""
    return Run(
        ("batch", "routines", "--feed", "routines/podcast.yaml", "--out", "public", "--jobs", jobs),
        exits=exits, watch="public", batch=True,
    )  # fmt: skip


CTX: Context | None = None  # set by main; the batch probes need the published show


def ctx() -> Context:
    assert CTX is not None
    return CTX


# --- probes: routines -----------------------------------------------------------------

BIG = "9" * 400
# One of these per duration field, in turn, beside a 400-digit duration text in every one.
HOSTILE_DURATIONS: dict[str, Any] = {
    "400-digits": Raw(BIG),
    "1e308": Raw("1e308"),
    "nan": Raw(".nan"),
    "negative-zero": Raw("-0.0"),
    "denormal": Raw("1e-320"),
    "inf": Raw(".inf"),
    "1e5h": "1e5h",
    "20-digit-hours": "99999999999999999999h",
    "clock-200-parts": "1:" + "59:" * 200 + "59",
    "5000-digits": Raw("9" * 5000),
    "hex-300-digits": Raw("0x" + "F" * 300),
    "binary-2000-digits": Raw("0b" + "1" * 2000),
    "1e30-ms": "1" + "0" * 30 + "ms",
    "1e308s": "1e308s",
    "minus-zero-s": "-0s",
    "5000-digit-ms": "9" * 5000 + "ms",
    "arabic-indic-digits": "\u0661\u0662s",
    "fullwidth-digits": "\uff15\uff10s",
    "zero-width-in-digits": "5\u200bs",
    "1h-times-400": "1h" * 400,
    "1m30s-times-300": "1m30s" * 300,
    "tiny-fraction": "0.0000000000000000000001ms",
}


SQUATS = {"name": "Squats", "work": "5s"}  # outside templates an exercise is a mapping


def ex_doc(**ex: Any) -> dict[str, Any]:
    return routine(exercises=[{"name": "Squats", **ex}, {"name": "Lunges", "work": "5s"}])


def block_doc(**block: Any) -> dict[str, Any]:
    return routine(exercises=None, blocks=[{"name": "Main", **block}])


DURATION_FIELDS: dict[str, Callable[[Any], dict[str, Any]]] = {
    **{
        f"defaults.{k}": (lambda v, k=k: routine(defaults={"lead_in": "3s", "outro": "3s", k: v}))
        for k in (
            "work set_time rest_between_sets rest_between_exercises rest_between_rounds"
            " lead_in switch_sides outro"
        ).split()
    },
    "exercise.work": lambda v: ex_doc(work=v),
    "exercise.rest": lambda v: ex_doc(work="5s", sets=2, rest=v),
    "exercise.rest_after": lambda v: ex_doc(work="5s", rest_after=v),
    "exercise.set_time": lambda v: ex_doc(reps=5, set_time=v),
    "exercise.tempo": lambda v: ex_doc(reps=5, tempo=v),
    "hold.for": lambda v: ex_doc(reps=2, sets=1, hold={"what": "plank", "for": v}),
    "block.rest_between_rounds": lambda v: block_doc(
        rounds=2, rest_between_rounds=v, exercises=[SQUATS]
    ),
    "tabata.work": lambda v: block_doc(tabata={"exercises": ["Squats"], "work": v}),
    "tabata.rest": lambda v: block_doc(tabata={"exercises": ["Squats"], "rest": v}),
    "tabata.rest_after": lambda v: block_doc(tabata={"exercises": ["Squats"], "rest_after": v}),
    "emom.work": lambda v: block_doc(emom={"minutes": 2, "exercises": ["Squats"], "work": v}),
    "amrap.cap": lambda v: block_doc(amrap={"cap": v, "exercises": ["Squats"]}),
    "amrap.calls": lambda v: block_doc(amrap={"cap": "2m", "calls": v, "exercises": ["Squats"]}),
    "ladder.rest": lambda v: block_doc(ladder={"exercise": "Squats", "reps": [1, 2], "rest": v}),
}

hostile = list(HOSTILE_DURATIONS.items())
for i, (where, make) in enumerate(DURATION_FIELDS.items()):
    for tag, value in (("400-digit-text", BIG + "s"), hostile[i % len(hostile)]):
        add(f"routine/{where}={tag}", lambda d, m=make, v=value: Run(("plan", doc_file(d, m(v)))))

HOSTILE_COUNTS: list[Any] = [
    Raw("1e308"),
    Raw(".nan"),
    Raw("-0.0"),
    Raw("9" * 5000),
    Raw("0x" + "f" * 100),
    Raw("1_000_000_000"),
    Raw("4.0"),
    Raw(".inf"),
    "12",
    Raw("0o777777777777777777"),
    Raw("-" + BIG),
    Raw("true"),
]

COUNT_FIELDS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "exercise.sets": lambda v: ex_doc(work="5s", sets=v),
    "exercise.reps": lambda v: ex_doc(reps=v, tempo="1s"),
    "block.rounds": lambda v: block_doc(rounds=v, exercises=[SQUATS]),
    "defaults.countdown": lambda v: routine(defaults={"lead_in": "3s", "countdown": v}),
    "voice.rate": lambda v: routine(voice={"rate": v}),
    "voice.pitch": lambda v: routine(voice={"pitch": v}),
    "episode.number": lambda v: routine(episode={"number": v}),
    "episode.season": lambda v: routine(episode={"season": v}),
    "tabata.intervals": lambda v: block_doc(tabata={"exercises": ["Squats"], "intervals": v}),
    "emom.minutes": lambda v: block_doc(emom={"minutes": v, "exercises": ["Squats"]}),
    "ladder.reps": lambda v: block_doc(ladder={"exercise": "Squats", "reps": [1, v]}),
}

for i, (where, make) in enumerate(COUNT_FIELDS.items()):
    values = [("400-digits", Raw(BIG))]
    value = HOSTILE_COUNTS[i % len(HOSTILE_COUNTS)]
    values.append((re.sub(r"[^0-9A-Za-z.+-]", "_", str(value))[:16], value))
    for tag, value in values:
        add(f"routine/{where}={tag}", lambda d, m=make, v=value: Run(("plan", doc_file(d, m(v)))))

# Tiny cadences and huge counts: what the cue generator and the planner loop over.
CADENCES: dict[str, dict[str, Any]] = {
    "amrap-calls-1ms": block_doc(amrap={"cap": "10m", "calls": "1ms", "exercises": ["Squats"]}),
    "amrap-calls-1ms-cap-24h": block_doc(
        amrap={"cap": "23h", "calls": "1ms", "exercises": ["Squats"]}
    ),
    "tabata-1ms-100-intervals": block_doc(
        tabata={"exercises": ["Squats"], "work": "1ms", "rest": "1ms", "intervals": 100}
    ),
    "tabata-1ms-rest-0": block_doc(
        tabata={"exercises": ["Squats", "Lunges"], "work": "1ms", "rest": 0, "intervals": 8}
    ),
    "emom-180-work-1ms": block_doc(emom={"minutes": 180, "exercises": ["Squats"], "work": "1ms"}),
    "ladder-20000-rungs": block_doc(ladder={"exercise": "Squats", "reps": [Raw("1")] * 20000}),
    "tempo-1ms-500x100": ex_doc(reps=500, sets=100, tempo="1ms"),
    "hold-each-rep-1ms": ex_doc(
        reps=500, sets=100, tempo="1ms", hold={"what": "plank", "for": "1ms", "each": "rep"}
    ),
    "countdown-10-work-1ms": routine(
        defaults={"countdown": 10, "lead_in": "1ms", "outro": "1ms"},
        exercises=[{"name": "Squats", "work": "1ms", "sets": 100, "rest": "1ms"}],
    ),
    "sides-switch-1ms": ex_doc(work="1ms", sets=100, sides=True, rest="1ms"),
    "rounds-100-x-1000": routine(
        exercises=None,
        blocks=[
            {
                "name": "Main",
                "rounds": 100,
                "exercises": [{"name": f"Move {n}"} for n in range(1000)],
            }
        ],
    ),
    "full-cues-encourage-1ms": routine(
        cues="full", exercises=[{"name": "Squats", "work": "23h", "cue": "Chest up."}]
    ),
}
for name, doc in CADENCES.items():
    add(f"routine/cadence/{name}", lambda d, doc=doc: Run(("script", doc_file(d, doc))))
add(
    "routine/cadence/amrap-calls-1ms-plan",
    lambda d: Run(("plan", doc_file(d, CADENCES["amrap-calls-1ms-cap-24h"]))),
)


def alias_bomb(levels: int, width: int) -> str:
    lines = ["a0: &a0 [x]"]
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]")
    return "title: Bomb\nexercises: [{name: Squats}]\nextra:\n" + "\n".join("  " + s for s in lines)


STRUCTURES: dict[str, Callable[[Path], str]] = {
    "alias-bomb-9x10": lambda d: write(d, "r.yaml", alias_bomb(9, 10)),
    "alias-bomb-in-name": lambda d: write(
        d, "r.yaml", "x: &a [Squats, Squats]\n" + alias_bomb(6, 10).replace("title: Bomb\n", "")
    ),
    "recursive-alias-list": lambda d: write(
        d, "r.yaml", "title: Loop\nexercises: &a [{name: Squats}, *a]\n"
    ),
    "recursive-alias-map": lambda d: write(
        d, "r.yaml", "title: Loop\nexercises:\n  - &a {name: Squats, hold: *a}\n"
    ),
    "merge-key-bomb": lambda d: write(
        d,
        "r.yaml",
        "b0: &b0 {name: Squats}\n"
        + "".join(f"b{n}: &b{n} {{<<: [*b{n - 1}, *b{n - 1}]}}\n" for n in range(1, 40))
        + "title: Merge\nexercises: [*b39]\n",
    ),
    "flow-nesting-100000": lambda d: write(
        d, "r.yaml", "title: Deep\nexercises: " + "[" * 100000 + "]" * 100000 + "\n"
    ),
    "block-nesting-3000": lambda d: write(
        d,
        "r.yaml",
        "title: Deep\nexercises:\n"
        + "".join("  " * n + "-\n" for n in range(1, 3000))
        + "  " * 3000
        + "- Squats\n",
    ),
    "json-nesting-100000": lambda d: write(
        d, "r.json", '{"title": "Deep", "exercises": ' + "[" * 100000 + "]" * 100000 + "}"
    ),
    "exercises-60000": lambda d: write(
        d, "r.yaml", "title: Long\nexercises: [" + ",".join(["{name: a}"] * 60000) + "]\n"
    ),
    "file-just-over-1mb": lambda d: write(
        d, "r.yaml", "title: Big\nexercises: [{name: Squats}]\n" + "#" * (1 << 20) + "\n"
    ),
    "file-20mb": lambda d: write(
        d, "r.yaml", "title: Big\nexercises: [{name: Squats}]\n" + "# x\n" * (5 << 20)
    ),
    "duplicate-key-1000": lambda d: write(
        d, "r.yaml", "title: Dup\n" + "title: Dup\n" * 1000 + "exercises: [{name: Squats}]\n"
    ),
    "key-100k": lambda d: write(
        d, "r.yaml", "title: K\nexercises: [{name: Squats}]\n" + "k" * 100000 + ": 1\n"
    ),
    "python-object-tag": lambda d: write(
        d,
        "r.yaml",
        "title: !!python/object/apply:os.system ['echo pwned > pwned']\n"
        "exercises: [{name: Squats}]\n",
    ),
    "int-tag-huge-hex": lambda d: write(
        d, "r.yaml", "title: T\nexercises: [{name: Squats, reps: !!int 0x" + "f" * 4000 + "}]\n"
    ),
    "json-1e999": lambda d: write(
        d, "r.json", '{"title": "J", "exercises": [{"name": "Squats", "work": 1e999}]}'
    ),
    "json-NaN": lambda d: write(
        d, "r.json", '{"title": "J", "exercises": [{"name": "Squats", "work": NaN}]}'
    ),
    "json-5000-digit-int": lambda d: write(
        d, "r.json", '{"title": "J", "exercises": [{"name": "Squats", "reps": ' + "9" * 5000 + "}]}"
    ),
    "json-lone-surrogate": lambda d: write(
        d, "r.json", '{"title": "\\ud800", "exercises": ["Squats"]}'
    ),
    "json-top-level-string": lambda d: write(d, "r.json", '"' + "x" * 100000 + '"'),
    "bom-then-yaml": lambda d: write(
        d, "r.yaml", "\ufefftitle: BOM\nexercises: [{name: Squats}]\n"
    ),
    "utf16-with-bom": lambda d: write(
        d, "r.yaml", "title: Wide\nexercises: [{name: Squats}]\n".encode("utf-16")
    ),
    "utf16-without-bom": lambda d: write(
        d, "r.yaml", "title: Wide\nexercises: [{name: Squats}]\n".encode("utf-16-le")
    ),
    "nul-bytes": lambda d: write(
        d, "r.yaml", b"title: N\x00\nexercises: [{name: Squats}]\n" + b"\x00" * 5000
    ),
    "empty-file": lambda d: write(d, "r.yaml", b""),
    "many-documents": lambda d: write(
        d, "r.yaml", "---\ntitle: A\nexercises: [{name: Squats}]\n" * 20000
    ),
    "binary-noise": lambda d: write(d, "r.yaml", noise(200000, 1)),
    "random-yaml-punctuation": lambda d: write(
        d,
        "r.yaml",
        "".join(random.Random(2).choice("{}[]:,-?&*!|>'\"%@` \n") for _ in range(50000)),
    ),
}
for name, make_file in STRUCTURES.items():
    add(f"routine/structure/{name}", lambda d, m=make_file: Run(("plan", m(d))))


def text_doc(name: str = "Squats", cue: str | None = None, title: str = "Probe") -> dict[str, Any]:
    ex: dict[str, Any] = {"name": name, "work": "5s"}
    if cue is not None:
        ex["cue"] = cue
    return routine(title=title, exercises=[ex])


TEXTS: dict[str, tuple[str, dict[str, Any]]] = {
    "name-1000": ("script", text_doc(name="Squat " * 166 + "Sq")),
    "name-1001": ("plan", text_doc(name="s" * 1001)),
    "name-1000000": ("plan", text_doc(name="s" * 1000000)),
    "cue-1000": ("script", text_doc(cue="Keep your chest up and breathe. " * 31)),
    "title-combining-marks": ("script", text_doc(title="a" + "\u0301" * 998)),
    "name-bell-escape": ("plan", text_doc(name="Squats\x07\x1b[31m")),
    "name-u+fffe": ("script", text_doc(name="Squats \ufffe")),
    "name-u+ffff": ("script", text_doc(name="Squats \uffff")),
    "name-rtl-override": ("script", text_doc(name="\u202eStauqs\u202c \u200f")),
    "name-zero-width-joiners": (
        "script",
        text_doc(name="Sq\u200du\u200da\u200dts " + "\u200d" * 900),
    ),
    "name-emoji-family": (
        "script",
        text_doc(name="\U0001f468\u200d\U0001f469\u200d\U0001f467 Squats " * 20),
    ),
    "name-only-emoji": ("script", text_doc(name="\U0001f4aa" * 200)),
    "cue-espeak-phonemes": ("script", text_doc(cue="[[h@l'oU]] " * 80)),
    "name-digits-400": ("script", text_doc(name="9" * 400)),
    "title-only-emoji": ("plan", text_doc(title="\U0001f525" * 300)),
    "name-lone-surrogate-escape": ("plan", routine(exercises=[Raw('{name: "\\ud800"}')])),
}
for name, (command, doc) in TEXTS.items():
    add(f"routine/text/{name}", lambda d, c=command, doc=doc: Run((c, doc_file(d, doc))))

PRONOUNCE: dict[str, dict[str, Any]] = {
    "self-expanding": text_doc(name="a a a a a " * 40)
    | {"pronounce": {"a": "a a a a a a a a a a"}},
    "chain-500": text_doc(name="w0 " * 300)
    | {"pronounce": {f"w{n}": f"w{n + 1} w{n + 1}" for n in range(500)}},
    "regex-keys": text_doc(name="aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")
    | {"pronounce": {"(a+)+$": "x", "[": "y", "\\": "z", "a*": "b"}},
    "empty-key": text_doc() | {"pronounce": {"": "boom"}},
    "long-value-many-uses": text_doc(name="x " * 300) | {"pronounce": {"x": "y" * 1000}},
    "10000-entries": text_doc() | {"pronounce": {f"word{n}": "w" for n in range(10000)}},
}
for name, doc in PRONOUNCE.items():
    add(f"routine/pronounce/{name}", lambda d, doc=doc: Run(("script", doc_file(d, doc))))


@probe("routine/build/title-dot-dot-slash")
def _(d: Path) -> Run:
    return Run(("build", doc_file(d, text_doc(title="../../outside"))), exits=frozenset({0, 1, 2}))


@probe("routine/build/title-emoji-only")
def _(d: Path) -> Run:
    return Run(
        ("build", doc_file(d, text_doc(title="\U0001f525\U0001f525"))), exits=frozenset({0, 1, 2})
    )


@probe("routine/export/rounds-100-x-1000")
def _(d: Path) -> Run:
    return Run(("export", doc_file(d, CADENCES["rounds-100-x-1000"])))


@probe("routine/export/ladder-20000")
def _(d: Path) -> Run:
    return Run(("export", doc_file(d, CADENCES["ladder-20000-rungs"])))


# --- probes: phrasebooks --------------------------------------------------------------


# A routine that says nearly every phrase: sets, rests, reps with a tempo, sides, a hold,
# equipment, a form cue, encouragement (full cues, 40 s work), and a 960-character title.
PHRASE_DOC = routine(
    title="Title " * 160,
    cues="full",
    exercises=[
        {"name": "Squats", "work": "40s", "sets": 2, "rest": "10s", "cue": "Chest up.",
         "equipment": ["dumbbells"]},
        {"name": "Lunges", "reps": 3, "tempo": "2s", "sides": True,
         "hold": {"what": "plank", "for": "2s"}},
    ],
)  # fmt: skip


def phrasebook(**entries: str) -> str:
    text = (importlib.resources.files("repcast") / "data" / "phrases-en.yaml").read_text("utf-8")
    for key, value in entries.items():
        text, count = re.subn(
            rf"^{key}: .*$", lambda _m, k=key, v=value: f"{k}: {json.dumps(v)}", text, flags=re.M
        )
        if not count:
            raise SystemExit(f"hostile-probe: the phrasebook has no entry {key}")
    return text


PHRASES: dict[str, dict[str, str]] = {
    "width-99999999": {"rest": "Rest, {duration:>99999999}."},
    "width-in-welcome": {"welcome": "{title:099999999}"},
    "conversion-r": {"rest": "Rest, {duration!r}."},
    "conversion-a-nested-spec": {"rest": "{duration!a:{duration}}"},
    "nested-spec": {"next_up": "{name:{name}}"},
    "attribute-class": {"rest": "{duration.__class__.__mro__}"},
    "attribute-globals": {"first_up": "{name.__init__.__globals__}"},
    "index-huge": {"next_up": "Next: {name[99999999999999999999]}"},
    "repeated-99": {"rest": "{duration}" * 99},
    "repeated-1000": {"rest": "{duration}" * 1000},
    "welcome-title-90": {"welcome": "{title} " * 90},
    "unbalanced-braces": {"rest": "Rest {duration"},
    "plural-three-parts": {"reps": "{n} rep|{n} reps|{n} more"},
    "encouragement-pipes": {"encouragement": "|" * 999},
    "control-chars": {"halfway": "Half\x1b[2Jway\x07"},
    "u+ffff": {"halfway": "Half\uffffway"},
}
for name, entries in PHRASES.items():
    add(
        f"phrases/{name}",
        lambda d, e=entries: Run(
            ("script", doc_file(d, PHRASE_DOC), "--phrases", write(d, "p.yaml", phrasebook(**e)))
        ),
    )  # fmt: skip


@probe("phrases/pronounce-expanding")
def _(d: Path) -> Run:
    text = phrasebook().replace('  EMOM: "E-mom"', '  EMOM: "' + "EMOM " * 190 + '"')
    doc = text_doc(name="EMOM " * 190)
    return Run(("script", doc_file(d, doc), "--phrases", write(d, "p.yaml", text)))


@probe("phrases/alias-bomb")
def _(d: Path) -> Run:
    text = phrasebook() + alias_bomb(9, 10).split("extra:\n", 1)[1].replace("  a", "a")
    return Run(("plan", doc_file(d, text_doc()), "--phrases", write(d, "p.yaml", text)))


@probe("phrases/dev-zero")
def _(d: Path) -> Run:
    return Run(("plan", doc_file(d, text_doc()), "--phrases", "/dev/zero"))


@probe("phrases/fifo")
def _(d: Path) -> Run:
    return Run(("plan", doc_file(d, text_doc()), "--phrases", fifo(d, "p.yaml")))


# --- probes: import -------------------------------------------------------------------

IMPORT_UNITS: dict[str, str] = {
    "digits": "1234567890",
    "arabic-indic-digits": "\u0661\u0662\u0663\u0664\u0665",
    "fullwidth-digits": "\uff11\uff12\uff13",
    "zero-width-split-digits": "1\u200b2\u200c3\u200d",
    "stars": "*",
    "hashes": "#",
    "dashes": "-",
    "pipes": "|",
    "slashes": "/",
    "x-space": "x ",
    "emoji-bullets": "\U0001f4aa ",
    "number-words": "three ",
    "3x": "3x",
    "3x10@": "3x10@",
    "1-2-3-": "1-2-3-",
    "10-sec": "10 sec ",
    "colons": "::::",
}
# Shapes of real notes, repeated: only at the largest size.
IMPORT_LINES = {
    "lines-3x10": "Push-ups 3x10\n",
    "rest-lines": "Rest 90 seconds\n",
    "headings": "## Circuit\n",
    "table-rows": "| Squat | 3 | 10 | 60s |\n",
}
IMPORT_SIZES = {"1k": 1000, "32k": 32000, "128k": 127000}
for unit_name, unit in IMPORT_UNITS.items():
    smaller = None
    for size_name, size in IMPORT_SIZES.items():
        add(
            f"import/{unit_name}/{size_name}",
            lambda d, u=unit, s=size: Run(("import", write(d, "notes.txt", fill(u, s)))),
            after=smaller,
        )
        smaller = f"import/{unit_name}/{size_name}"
for unit_name, unit in IMPORT_LINES.items():
    add(
        f"import/{unit_name}/128k",
        lambda d, u=unit: Run(("import", write(d, "notes.txt", fill(u, IMPORT_SIZES["128k"])))),
    )


def nested_parens(size: int) -> str:
    half = size // 2
    return "Squats 3x10 " + "(" * half + ")" * half


IMPORT_TEXTS: dict[str, Callable[[], str | bytes]] = {
    "nested-parens-32k": lambda: nested_parens(32000),
    "nested-parens-127k": lambda: nested_parens(127000),
    "one-line-127k": lambda: "Squats 3x10, rest 60s, " * 5500,
    "binary-noise-127k": lambda: noise(127000, 4),
    "utf16-without-bom": lambda: ("Push day\n\nSquats 3x10\nRest 60s\n" * 200).encode("utf-16-le"),
    "nul-bytes": lambda: b"Squats 3x10\n\x00\x00\nLunges 3x10\n" + b"\x00" * 60000,
    "over-128k": lambda: "Squats 3x10\n" * 12000,
    "markdown-table-wide": lambda: (
        "| "
        + " | ".join(["Exercise"] * 3000)
        + " |\n|"
        + "---|" * 3000
        + "\n| Squat"
        + " | 3" * 2999
        + " |\n"
    ),
    "amrap-emom-words": lambda: "EMOM 9999999999999 min: AMRAP 99999999999 minutes\n" * 100,
    "21-15-9-long": lambda: "-".join(["21"] * 5000) + " reps for time of:\nSquats\nLunges\n",
    "every-n-minutes-huge": lambda: "every 1 minutes for 99999999999999 minutes: 5 pull-ups\n",
    "number-word-soup": lambda: "a minute and a half and a half and " * 3000,
    "tabata-rounds-huge": lambda: "Tabata (99999999999999 rounds): jump squats\n",
    "seconds-on-off-huge": lambda: ":40/:20 x 999999999999\nSquats\n",
    "superset-labels": lambda: "".join(f"A{n}. Squats 3x10\n" for n in range(8000)),
    "rtl-and-combining": lambda: ("\u202eSquats\u202c 3x10 a\u0301\u0301\u0301\u200d\n") * 3000,
    "u+fffe-u+ffff": lambda: "Squats \ufffe 3x10 \uffff\n" * 3000,
    "control-characters": lambda: "".join(chr(c) for c in range(1, 32)) * 3000,
}
for name, make_text in IMPORT_TEXTS.items():
    add(f"import/{name}", lambda d, m=make_text: Run(("import", write(d, "notes.txt", m()))))


@probe("import/stdin-nul-bytes")
def _(d: Path) -> Run:
    return Run(("import", "-"), stdin=write(d, "in.txt", b"\x00" * 100000))


@probe("import/stdin-dev-zero")
def _(d: Path) -> Run:
    return Run(("import", "-"), stdin="/dev/zero")


@probe("import/dev-zero")
def _(d: Path) -> Run:
    return Run(("import", "/dev/zero"))


@probe("import/fifo")
def _(d: Path) -> Run:
    return Run(("import", fifo(d, "notes.txt")))


@probe("import/directory")
def _(d: Path) -> Run:
    (d / "notes").mkdir()
    return Run(("import", "notes"))


@probe("import/strict-127k-lines")
def _(d: Path) -> Run:
    return Run(("import", "--strict", write(d, "notes.txt", fill("Squats 3x10\n", 127000))))


@probe("import/output-is-its-own-input")
def _(d: Path) -> Run:
    write(d, "notes.txt", "Push day\n\nSquats 3x10\nRest 60s\n")
    keep(d, "notes.txt")
    return Run(("import", "notes.txt", "-o", "notes.txt"), exits=frozenset({2}),
               check=unchanged("notes.txt"))  # fmt: skip


# --- probes: command-line options -----------------------------------------------------

PLAN_OPTIONS: dict[str, list[str]] = {
    "work-400-digits": ["--work", BIG],
    "rest-400-digits": ["--rest", BIG],
    "rest-between-sets-400": ["--rest-between-sets", BIG + "ms"],
    "rest-between-rounds-5000": ["--rest-between-rounds", "9" * 5000],
    "rest-named-400": ["--rest", "Squats=" + BIG],
    "rest-named-empty-name": ["--rest", "=5s"],
    "rest-named-100k-name": ["--rest", "S" * 100000 + "=5s"],
    "fit-99999h": ["--fit", "99999h"],
    "fit-400-digits": ["--fit", BIG],
    "fit-1ms": ["--fit", "1ms"],
    "fit-floor-400": ["--fit", "1h", "--fit-floor", BIG],
    "rest-scale-1e308": ["--rest-scale", "1e308"],
    "rest-scale-nan": ["--rest-scale", "nan"],
    "rest-scale-inf": ["--rest-scale", "inf"],
    "rest-scale-negative-zero": ["--rest-scale", "-0.0"],
    "work-scale-1e308": ["--work-scale", "1e308"],
    "work-scale-nan": ["--work-scale", "nan"],
    "rounds-400-digits": ["--rounds", BIG],
    "rounds-named-400": ["--rounds", "Main=" + BIG],
    "rate-10e9": ["--rate", str(10**9)],
    "pitch-negative-huge": ["--pitch", "-" + BIG],
    "lang-long": ["--lang", "e" * 100000],
    "voice-long": ["--voice", "v" * 100000],
    "voice-path-onnx-dev-zero": ["--voice", "/dev/zero.onnx"],
}
for name, options in PLAN_OPTIONS.items():
    add(
        f"cli/plan/{name}",
        lambda d, o=options: Run(
            ("plan", doc_file(d, block_doc(rounds=2, exercises=[SQUATS])), *o)
        ),
    )


BUILD_OPTIONS: dict[str, list[str]] = {
    "loudness-nan": ["--loudness", "nan"],
    "loudness-1e308": ["--loudness", "1e308"],
    "bitrate-huge": ["--bitrate", "9" * 400 + "k"],
    "music-level-nan": ["--music-level", "nan", "--music", "/dev/zero"],
    "seed-400-digits": ["--seed", BIG],
    "sound-beep-dev-zero": ["--sound", "beep=/dev/zero"],
    "sound-final-dev-urandom": ["--sound", "final=/dev/urandom"],
    "cover-dev-zero": ["--cover", "/dev/zero"],
    "music-dev-urandom": ["--music", "/dev/urandom"],
    "format-unknown": ["--format", "../../mp3"],
}
for name, options in BUILD_OPTIONS.items():
    add(
        f"cli/build/{name}",
        lambda d, o=options: Run(("build", doc_file(d, text_doc()), "-o", "out.mp3", *o)),
    )


@probe("cli/plan/routine-is-fifo")
def _(d: Path) -> Run:
    return Run(("plan", fifo(d, "r.yaml")))


@probe("cli/plan/routine-is-dev-zero")
def _(d: Path) -> Run:
    return Run(("plan", "/dev/zero"))


@probe("cli/plan/routine-is-directory")
def _(d: Path) -> Run:
    (d / "r.yaml").mkdir()
    return Run(("plan", "r.yaml"))


@probe("cli/plan/stdin-dev-urandom")
def _(d: Path) -> Run:
    return Run(("plan", "-"), stdin="/dev/urandom")


@probe("cli/build/sound-final-fifo")
def _(d: Path) -> Run:
    return Run(
        ("build", doc_file(d, text_doc()), "-o", "o.mp3", "--sound", "final=" + fifo(d, "f.wav"))
    )


@probe("cli/build/music-fifo")
def _(d: Path) -> Run:
    return Run(("build", doc_file(d, text_doc()), "-o", "o.mp3", "--music", fifo(d, "m.mp3")))


@probe("cli/build/cache-dir-is-a-file")
def _(d: Path) -> Run:
    return Run(("build", doc_file(d, text_doc()), "-o", "o.mp3", "--cache-dir", write(d, "c", "x")),
               exits=frozenset({0, 1, 2}))  # fmt: skip


OUTPUT_CMDS: dict[str, tuple[str, ...]] = {
    "build": ("build", "r.yaml"),
    "export": ("export", "r.yaml"),
    "plan-chart": ("plan", "r.yaml", "--chart"),
    "say": ("say", "Rest, thirty seconds."),
}


def output_target(kind: str, cmd: tuple[str, ...]) -> Callable[[Path], Run]:
    suffix = {"build": ".mp3", "export": ".txt", "plan-chart": ".svg", "say": ".wav"}

    def make(d: Path) -> Run:
        doc_file(d, text_doc())
        name = "target" + suffix[cmd_name]
        check = None
        if kind == "directory":
            (d / name).mkdir()
        elif kind == "fifo":
            fifo(d, name)
        elif kind == "symlink-outside":
            os.symlink("../outside.txt", d / name)
        elif kind in ("device-node", "dev-full"):
            # Never a system path: a command that renames its output into place would
            # replace the machine's own /dev/full. A node of our own (as root), else a link.
            device = "/dev/null" if kind == "device-node" else "/dev/full"
            if os.geteuid() == 0:
                os.mknod(d / name, 0o600 | stat.S_IFCHR, os.stat(device).st_rdev)
            else:
                os.symlink(device, d / name)
        elif kind == "missing-folder":
            name = "no/such/folder/" + name
        elif kind == "long-name":
            name = "n" * 300 + suffix[cmd_name]
        flag = [] if cmd_name == "plan-chart" else ["-o"]
        return Run((*cmd, *flag, name), exits=frozenset({0, 1, 2}), check=check)

    cmd_name = next(k for k, v in OUTPUT_CMDS.items() if v == cmd)
    return make


for cmd_name, cmd in OUTPUT_CMDS.items():
    kinds = ["directory", "fifo", "symlink-outside", "device-node", "dev-full"]
    if cmd_name == "build":
        kinds += ["missing-folder", "long-name"]
    for kind in kinds:
        add(f"cli/output/{cmd_name}/{kind}", output_target(kind, cmd))


@probe("cli/output/export-over-its-routine")
def _(d: Path) -> Run:
    doc_file(d, text_doc())
    keep(d, "r.yaml")
    return Run(
        ("export", "r.yaml", "-o", "r.yaml"), exits=frozenset({2}), check=unchanged("r.yaml")
    )


@probe("cli/output/build-over-its-routine")
def _(d: Path) -> Run:
    doc_file(d, text_doc(), "r.mp3")
    keep(d, "r.mp3")
    return Run(("build", "r.mp3", "-o", "r.mp3"), exits=frozenset({2}), check=unchanged("r.mp3"))


@probe("cli/output/chart-over-its-routine")
def _(d: Path) -> Run:
    doc_file(d, text_doc(), "r.svg")
    keep(d, "r.svg")
    return Run(
        ("plan", "r.svg", "--chart", "r.svg"), exits=frozenset({2}), check=unchanged("r.svg")
    )


@probe("cli/batch/jobs-10e9")
def _(d: Path) -> Run:
    show_copy(ctx(), d)
    return batch_run(jobs=str(10**9))


@probe("cli/batch/jobs-negative")
def _(d: Path) -> Run:
    show_copy(ctx(), d)
    return batch_run(jobs="-" + BIG, exits=frozenset({2}))


@probe("cli/serve/port-400-digits")
def _(d: Path) -> Run:
    return Run(("serve", ".", "--port", BIG), exits=frozenset({2}))


# --- probes: say ----------------------------------------------------------------------

# One argument can hold at most 128 KiB (the kernel's MAX_ARG_STRLEN): say's TEXT stays under.
SAY_TEXTS: dict[str, str] = {
    "words-127k": fill("Rest, thirty seconds. ", 127000),
    "digits-127k": fill("1234567890", 127000),
    "one-number-5000-digits": "9" * 5000,
    "emoji-127k": fill("\U0001f4aa", 127000),
    "combining-127k": "a" + "\u0301" * 60000,
    "phoneme-brackets": fill("[[h@l'oU]] ", 120000),
    "ssml-like": fill("<break time='99999s'/>", 100000),
    "control-characters": "Rest\x07\x1b[2J\x08 now",
    "u+fffe-u+ffff": "Rest \ufffe \uffff",
    "starts-with-dash": "--help",
}
for name, text in SAY_TEXTS.items():
    add(
        f"say/{name}",
        lambda d, t=text: Run(("say", "-o", "s.wav", "--", t)),
    )


@probe("say/rate-10e9")
def _(d: Path) -> Run:
    return Run(("say", "Rest.", "--rate", str(10**9), "-o", "s.wav"), exits=frozenset({2}))


@probe("say/output-routine-name")
def _(d: Path) -> Run:
    return Run(("say", "Rest.", "-o", "r.yaml"), exits=frozenset({2}))


# --- probes: show configs for batch ---------------------------------------------------

SHOW_CHANGES: dict[str, dict[str, Any]] = {
    "start-date-9999-12-31": {"start_date": "9999-12-31"},
    "start-date-0001-01-01": {"start_date": Raw("0001-01-01")},
    "every-days-10e9": {"every_days": Raw(str(10**9))},
    "every-days-400-digits": {"every_days": Raw(BIG)},
    "every-days-nan": {"every_days": Raw(".nan")},
    "every-days-negative": {"every_days": -7},
    "base-url-quotes": {"base_url": "https://example.org/\"'><script>alert(1)</script>/"},
    "base-url-credentials": {"base_url": "https://user:secret@example.org/probe/"},
    "base-url-javascript": {"base_url": "javascript:alert(1)//"},
    "base-url-100k": {"base_url": "https://example.org/" + "a" * 100000 + "/"},
    "base-url-newline": {"base_url": "https://example.org/\r\nX-Evil: 1/"},
    "category-unknown": {"category": "Nonsense/Things"},
    "category-deep": {"category": "Health & Fitness/" + "Fitness/" * 500},
    "title-u+ffff": {"title": "Probe \uffff Show"},
    "title-rtl": {"title": "\u202ewohS eborP"},
    "title-cdata-end": {"title": "Probe ]]> <![CDATA[ & Show"},
    "author-markup": {"author": "</itunes:author><evil/>"},
    "email-newline": {"owner": {"name": "Probe", "email": "probe@example.org\nBcc: x@y"}},
    "guid-not-uuid": {"guid": "not-a-uuid-" + "z" * 1000},
    "image-passwd": {"image": "../" * 16 + "etc/passwd"},
    "image-dev-zero": {"image": "/dev/zero"},
    "unknown-field-alias-bomb": {"extra": Raw("&x [1]")},
}
for name, change in SHOW_CHANGES.items():

    def make_show_probe(d: Path, change: dict[str, Any] = change) -> Run:
        show_copy(ctx(), d)
        doc_file(d, SHOW | change, "routines/podcast.yaml")
        if "start_date" in change or "every_days" in change:  # dates step from episode 2 on
            doc_file(d, EPISODE | {"title": "Probe episode two"}, "routines/two.yaml")
        return batch_run()

    add(f"batch/show/{name}", make_show_probe)

EPISODE_CHANGES: dict[str, dict[str, Any]] = {
    "date-9999-12-31": {"date": Raw("9999-12-31")},
    "date-text-huge-year": {"date": "99999-01-01"},
    "number-100000": {"number": 100000},
    "number-400-digits": {"number": Raw(BIG)},
    "season-nan": {"season": Raw(".nan")},
    "guid-control": {"guid": "a\x00b"},
    "image-passwd": {"image": "/etc/passwd"},
}
for name, change in EPISODE_CHANGES.items():

    def make_episode_probe(d: Path, change: dict[str, Any] = change) -> Run:
        show_copy(ctx(), d)
        doc_file(d, EPISODE | {"episode": change}, "routines/one.yaml")
        return batch_run()

    add(f"batch/episode/{name}", make_episode_probe)


def special(where: str, what: str) -> Callable[[Path], Run]:
    """A batch on the published show with ``where`` replaced by a FIFO (a reader blocks
    on it), a link to /dev/zero (endless) or a folder."""

    def make(d: Path) -> Run:
        show_copy(ctx(), d)
        path = d / where
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        if what == "fifo":
            os.mkfifo(path)
        elif what == "dev-zero":
            os.symlink("/dev/zero", path)
        else:
            path.mkdir()
        return batch_run()

    return make


SPECIALS = {
    "batch/routines-dir-fifo-yaml": ("routines/two.yaml", "fifo"),
    "batch/routine-symlink-dev-zero": ("routines/two.yaml", "dev-zero"),
    "batch/feed-is-fifo": ("routines/podcast.yaml", "fifo"),
    "batch/index-html-is-fifo": ("public/index.html", "fifo"),
    "state/symlink-dev-zero": ("public/.repcast-state.json", "dev-zero"),
    "state/fifo": ("public/.repcast-state.json", "fifo"),
    "state/lock-is-directory": ("public/.repcast.lock", "folder"),
    "state/lock-is-fifo": ("public/.repcast.lock", "fifo"),
}
for name, (where, what) in SPECIALS.items():
    add(name, special(where, what))


# --- probes: cover images -------------------------------------------------------------


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, extra: bytes = b"", idat: bytes | None = None) -> bytes:
    head = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    if idat is None:  # one zero row per line, compressed once (fine for small images)
        idat = zlib.compress(b"\x00" * (1 + 3 * width) * min(height, 4000), 9)
    return b"\x89PNG\r\n\x1a\n" + head + extra + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def deflate_zeros(size: int) -> bytes:
    """``size`` zero bytes, deflated in pieces (never held whole in memory)."""
    z = zlib.compressobj(9)
    block = b"\x00" * (1 << 20)
    parts = [z.compress(block) for _ in range(size >> 20)]
    return b"".join(parts) + z.flush()


def jpeg_header(width: int, height: int) -> bytes:
    sof = (
        b"\xff\xc0"
        + struct.pack(">HBHHB", 17, 8, height, width, 3)
        + b"\x01\x11\x00\x02\x11\x00\x03\x11\x00"
    )
    return b"\xff\xd8" + sof + b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\x00" * 100


COVERS: dict[str, Callable[[Path], str]] = {
    "png-claims-50000x50000": lambda d: write(
        d, "routines/cover.png", png(50000, 50000, idat=deflate_zeros(4 << 20))
    ),
    "png-truncated": lambda d: write(d, "routines/cover.png", png(1400, 1400)[:200]),
    "png-ztxt-bomb": lambda d: write(
        d,
        "routines/cover.png",
        png(1400, 1400, chunk(b"zTXt", b"Comment\x00\x00" + deflate_zeros(256 << 20))),
    ),
    "png-iccp-bomb": lambda d: write(
        d,
        "routines/cover.png",
        png(1400, 1400, chunk(b"iCCP", b"icc\x00\x00" + deflate_zeros(256 << 20))),
    ),
    "png-idat-bomb-1400": lambda d: write(
        d, "routines/cover.png", png(1400, 1400, idat=deflate_zeros(512 << 20))
    ),
    "png-zero-size": lambda d: write(d, "routines/cover.png", png(0, 0)),
    "jpeg-truncated-65535": lambda d: write(d, "routines/cover.jpg", jpeg_header(65535, 65535)),
    "jpeg-only-soi": lambda d: write(d, "routines/cover.jpg", b"\xff\xd8"),
    "jpg-that-is-png": lambda d: write(d, "routines/cover.jpg", png(1400, 1400)),
    "cover-png-fifo": lambda d: fifo(d / "routines", "cover.png") and "routines/cover.png",
    "cover-png-directory": lambda d: (d / "routines" / "cover.png").mkdir() or "routines/cover.png",
    "cover-symlink-dev-zero": lambda d: (
        os.symlink("/dev/zero", d / "routines" / "cover.png") or "routines/cover.png"
    ),
    "cover-over-10mb": lambda d: write(
        d, "routines/cover.png", png(1400, 1400) + b"\x00" * (10 << 20)
    ),
}
for name, make_cover in COVERS.items():

    def make_cover_probe(d: Path, m: Callable[[Path], str] = make_cover) -> Run:
        show_copy(ctx(), d)
        image = Path(m(d)).name
        doc_file(d, SHOW | {"image": image}, "routines/podcast.yaml")
        return batch_run()

    add(f"cover/show/{name}", make_cover_probe)

for name in ("png-claims-50000x50000", "png-ztxt-bomb", "cover-png-fifo"):

    def make_episode_cover(d: Path, m: Callable[[Path], str] = COVERS[name]) -> Run:
        show_copy(ctx(), d)
        image = Path(m(d)).name
        doc_file(d, EPISODE | {"episode": {"image": image}}, "routines/one.yaml")
        return batch_run()

    add(f"cover/episode/{name}", make_episode_cover)

    def make_build_cover(d: Path, m: Callable[[Path], str] = COVERS[name]) -> Run:
        (d / "routines").mkdir()
        return Run(("build", doc_file(d, text_doc()), "-o", "o.mp3", "--cover", m(d)))

    add(f"cover/build/{name}", make_build_cover)


# --- probes: damaged state in a published folder --------------------------------------

STATE = ".repcast-state.json"


def damage_state(change: Callable[[Any], Any]) -> Callable[[Path], Run]:
    def make(d: Path) -> Run:
        show_copy(ctx(), d)
        path = d / "public" / STATE
        state = json.loads(path.read_text("utf-8"))
        path.write_text(change(state), "utf-8")
        return batch_run()

    return make


def replace_numbers(value: Any, new: str) -> Any:
    """``value`` as JSON text with every number replaced by ``new``."""
    # The format's version stays: a state of another version is rightly thrown away whole.
    number = r"(?<=[:\[,] )(?<!\"version\": )-?\d+(\.\d+)?(e[-+]?\d+)?(?=[,\]}])"
    return re.sub(number, new, json.dumps(value))


STATES: dict[str, Callable[[Any], str]] = {
    "numbers-nan": lambda s: replace_numbers(s, "NaN"),
    "numbers-1e300": lambda s: replace_numbers(s, "1e300"),
    "numbers-negative": lambda s: replace_numbers(s, "-123456789"),
    "numbers-5000-digits": lambda s: replace_numbers(s, "9" * 5000),
    "numbers-infinity": lambda s: replace_numbers(s, "-Infinity"),
    "strings-control-chars": lambda s: re.sub(
        r'"([^"\\]*)"(?=,|\}|\])', r'"\1\\u0007\\u001b"', json.dumps(s)
    ),
    "paths-escape-folder": lambda s: re.sub(r'"episodes/[^"]*"', '"../outside.txt"', json.dumps(s)),
    "paths-absolute": lambda s: re.sub(r'"episodes/[^"]*"', '"/etc/hostname"', json.dumps(s)),
    "deep-nesting": lambda s: "[" * 100000 + "]" * 100000,
    "not-json": lambda s: "\x00\xff garbage {",
    "top-level-list": lambda s: json.dumps([s]),
    "huge-20mb": lambda s: json.dumps(s)[:-1] + ', "pad": "' + "x" * (20 << 20) + '"}',
    "duplicate-keys-100000": lambda s: "{" + ", ".join(['"a": 1'] * 100000) + "}",
}
for name, change in STATES.items():
    add(f"state/{name}", damage_state(change))


# --- probes: repcast serve ------------------------------------------------------------

SECRET = b"A file beside the working folder"


def not_served(status: int, body: bytes) -> str | None:
    if status == 200:
        return f"answered 200 with {body[:40]!r}"
    return None


def no_secret(status: int, body: bytes) -> str | None:
    if SECRET in body:
        return f"served a file outside the folder (status {status})"
    return None


def any_answer(status: int, body: bytes) -> str | None:
    return None if 100 <= status < 600 else f"status {status}"


def serve_probe(raw: bytes, check: Callable[[int, bytes], str | None]) -> Callable[[Path], Request]:
    def make(d: Path) -> Request:
        show_copy(ctx(), d)
        os.symlink("../../outside.txt", d / "public" / "out.txt")
        os.symlink("../..", d / "public" / "up")  # the folder that holds outside.txt
        return Request(raw, check)

    return make


def get(path: str, *headers: str) -> bytes:
    return (f"GET {path} HTTP/1.0\r\n" + "".join(h + "\r\n" for h in headers) + "\r\n").encode(
        "latin-1"
    )


def mp3_path() -> str:
    """The published episode's path under public/."""
    return "/episodes/" + next(p.name for p in (ctx().show() / "public" / "episodes").glob("*.mp3"))


SERVE: dict[str, Callable[[], tuple[bytes, Callable[[int, bytes], str | None]]]] = {
    "dotfile-state": lambda: (get("/" + STATE), not_served),
    "dotfile-lock": lambda: (get("/.repcast.lock"), not_served),
    "dotfile-encoded": lambda: (get("/%2erepcast-state.json"), not_served),
    "nul-in-path": lambda: (get("/%00"), any_answer),
    "dot-dot-encoded": lambda: (get("/%2e%2e/%2e%2e/outside.txt"), no_secret),
    "dot-dot-raw": lambda: (get("/../../outside.txt"), no_secret),
    "symlink-to-outside-file": lambda: (get("/out.txt"), no_secret),
    "symlink-to-parent-folder": lambda: (get("/up/outside.txt"), no_secret),
    "symlink-folder-listing": lambda: (
        get("/up/"),
        lambda s, b: (
            no_secret(s, b) or ("listed the folder above" if b"outside.txt" in b else None)
        ),
    ),
    "range-start-huge": lambda: (
        get(mp3_path(), "Range: bytes=99999999999999999999999-"),
        any_answer,
    ),
    "range-end-huge": lambda: (get(mp3_path(), "Range: bytes=0-" + "9" * 30), any_answer),
    "range-suffix-huge": lambda: (get(mp3_path(), "Range: bytes=-" + "9" * 30), any_answer),
    "range-5000-digits": lambda: (get(mp3_path(), "Range: bytes=" + "9" * 5000 + "-"), any_answer),
    "range-many": lambda: (get(mp3_path(), "Range: bytes=" + ",".join(["0-1"] * 5000)), any_answer),
    "path-invalid-utf8": lambda: (get("/%ff%fe%c0%af"), any_answer),
    "path-64k": lambda: (get("/" + "a" * 65000), any_answer),
    "header-flood": lambda: (get("/", *[f"X-{n}: {'v' * 100}" for n in range(500)]), any_answer),
    "garbage-request": lambda: (noise(4000, 5) + b"\r\n\r\n", any_answer),
}
for name, make_request in SERVE.items():

    def make_serve(d: Path, m: Callable[[], tuple[bytes, Any]] = make_request) -> Request:
        raw, check = m()
        return serve_probe(raw, check)(d)

    add(f"serve/{name}", make_serve)


# --- the command ----------------------------------------------------------------------


def select(pattern: str | None) -> list[Probe]:
    if not pattern:
        return list(PROBES)
    globbed = pattern if any(c in pattern for c in "*?[") else f"*{pattern}*"
    return [p for p in PROBES if fnmatch.fnmatchcase(p.name, globbed)]


def summary_line(r: Result) -> str:
    return f"FAIL {r.name}: {r.outcome} ({r.seconds:.1f} s, {r.rss_mb:.0f} MB)" + (
        f" {r.detail}" if r.detail else ""
    )


def by_kind(results: list[Result]) -> dict[str, dict[str, int]]:
    kinds: dict[str, dict[str, int]] = {}
    for r in results:
        counts = kinds.setdefault(r.kind, {"passed": 0, "failed": 0})
        counts["passed" if r.outcome == "ok" else "failed"] += 1
    return kinds


def main(argv: list[str] | None = None) -> int:
    global CTX
    parser = argparse.ArgumentParser(
        prog="hostile-probe", description="Run the hostile-input probes against repcast."
    )
    parser.add_argument("--list", action="store_true", help="list the probes and exit")
    parser.add_argument("--only", metavar="PATTERN", help="probes whose name matches (glob)")
    parser.add_argument("--timeout", type=float, default=20, metavar="SECONDS")
    parser.add_argument("--json", action="store_true", help="results as JSON on stdout")
    args = parser.parse_args(argv)
    chosen = select(args.only)
    if args.list:
        for p in chosen:
            print(p.name)
        return 0
    if not chosen:
        print(f"hostile-probe: no probe matches {args.only!r}", file=sys.stderr)
        return 2
    report = sys.stderr if args.json else sys.stdout
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crashing probe dumps no core
    # A plain kill stops the runner cleanly: the probe's group is killed, the folder removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="hostile-probe-") as tmp:
        CTX = Context(Path(tmp), args.timeout)
        hung: set[str] = set()
        for p in chosen:
            if p.after in hung:
                why = f"not run: {p.after} already hangs on less of the same input"
                r = Result(p.name, p.kind, "hang", 0.0, 0.0, None, why)
            else:
                r = CTX.run(p)
            if r.outcome == "hang":
                hung.add(p.name)
            results.append(r)
            if r.outcome != "ok":
                print(summary_line(r), file=report, flush=True)
    failed = sum(r.outcome != "ok" for r in results)
    for kind, counts in by_kind(results).items():
        print(f"{kind}: {counts['passed']} passed, {counts['failed']} failed", file=report)
    if args.json:
        outcomes: dict[str, int] = {}
        for r in results:
            outcomes[r.outcome] = outcomes.get(r.outcome, 0) + 1
        json.dump(
            {
                "passed": len(results) - failed,
                "failed": failed,
                "by_kind": by_kind(results),
                "outcomes": outcomes,
                "probes": [r.__dict__ for r in results],
            },
            sys.stdout,
            indent=1,
        )
        print()
    print(f"{len(results) - failed} passed, {failed} failed", file=report)
    return 1 if failed else 0
