"""RepCast's benchmark: build time against the encode floor and the naive pydub way,
memory, scaling with length, speech speed, and batch speed. Public tools only: the
standard library (subprocess, time, resource) and the project's own dependencies.

Every figure is a ratio against a baseline measured in the same run, on the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

MINUTES = (15, 45, 90, 180)
NAIVE_UP_TO = 45  # the naive way is quadratic: longer runs take too long to wait for
REPEAT = 3  # warm builds and encode floors timed in turn, medians compared

# The way peer tools build a track: grow one AudioSegment with + for every gap and cue,
# then let pydub export it.
NAIVE = """
import sys, warnings
warnings.simplefilter("ignore")
from pathlib import Path
from pydub import AudioSegment
from repcast.build import Settings, prepare
from repcast.routine.model import load_routine
from repcast.proc import ffmpeg
AudioSegment.converter = ffmpeg()
prepared = prepare(load_routine(sys.argv[1]), Settings(cache_dir=Path(sys.argv[3])))
out = AudioSegment.empty().set_frame_rate(44100)
cursor = 0
for p in prepared.timeline.placed:
    gap = p.start - cursor
    out = out + AudioSegment(b"\\0" * (2 * gap), sample_width=2, frame_rate=44100, channels=1)
    clip = prepared.clips[p.cue.kind, p.text]
    out = out + AudioSegment(clip, sample_width=2, frame_rate=44100, channels=1)
    cursor = p.end
tail = prepared.timeline.total - cursor
out = out + AudioSegment(b"\\0" * (2 * tail), sample_width=2, frame_rate=44100, channels=1)
out.export(sys.argv[2], format="mp3", bitrate="96k")
"""


def routine(minutes: int, title: str | None = None) -> dict:
    """A five-exercise circuit, repeated, then a plank hold that brings it to ``minutes``."""
    from repcast.routine.model import parse_routine
    from repcast.routine.plan import make_plan

    title = title or f"Bench {minutes} minutes"
    target = minutes * 60 * 44100

    def length(doc: dict) -> int:
        return make_plan(parse_routine(doc)).total

    rounds = 1
    while length(_circuit(rounds + 1, title, 30)) <= target:
        rounds += 1
    doc = _circuit(rounds, title, 30)
    # Seconds to add to the 30 s finisher (none when one round is already too long).
    rest = max(0, (target - length(doc)) // 44100)
    return _circuit(rounds, title, 30 + rest)


def _circuit(rounds: int, title: str, finisher_seconds: int) -> dict:
    moves = [
        {"name": "Jumping jacks", "work": "45s", "rest_after": "15s"},
        {
            "name": "Push-ups",
            "reps": 10,
            "tempo": "3s",
            "rest_after": "30s",
            "cue": "Hands under the shoulders, body in one line.",
        },
        {"name": "Squats", "work": "45s", "rest_after": "15s", "cue": "Knees track the toes."},
        {"name": "Plank", "work": "45s", "rest_after": "15s"},
        {"name": "Lunges", "work": "45s", "sides": True, "rest_after": "15s"},
    ]
    return {
        "title": title,
        "defaults": {"lead_in": "20s", "outro": "12s", "switch_sides": "8s"},
        "blocks": [
            {
                "name": "Circuit",
                "rounds": rounds,
                "rest_between_rounds": "20s",
                "exercises": moves,
            },
            {"name": "Finisher", "exercises": [{"name": "Plank", "work": finisher_seconds}]},
        ],
    }


def timed(args: list[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def cpu_timed(args: list[str]) -> tuple[float, float]:
    """Wall seconds of a command, and the CPU seconds of it and every process it started
    (less moved than the wall time by other work on the machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = timed(args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants (ffmpeg included), from /proc.
    Proportional (PSS): a page two processes share counts half in each, so the moment
    between fork and exec, when the child shares all of the parent, is not counted twice."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def repcast(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds of a repcast command (with ``env`` added to the environment), and the
    peak MB of its whole process tree, sampled every 20 ms."""
    peak = 0
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "repcast", *args],
        stdout=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kb(proc.pid))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"repcast {' '.join(args)} failed")
    return seconds, peak / 1024


STARTUP_RUNS = 15
# What a quick command costs, step by step: the interpreter, Click, the command line's own
# modules, then the commands.
STARTUP = {
    "`python -c pass`": ["-c", "pass"],
    "`import click`": ["-c", "import click"],
    "`import repcast.cli`": ["-c", "import repcast.cli"],
    "`repcast --help`": ["-m", "repcast", "--help"],
    "`repcast plan`": ["-m", "repcast", "plan"],
}


def startup() -> tuple[str, list[str]]:
    """How long quick commands take to start: the median of STARTUP_RUNS runs each, timed
    in turn (the machine's speed drifts), as installed: the package's bytecode compiled
    first, as pip does. Wall and CPU seconds: the CPU time is less moved by other work on
    the machine."""
    import repcast

    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(Path(repcast.__file__).parent)],
        check=True,
    )
    walls: dict[str, list[float]] = {name: [] for name in STARTUP}
    cpus: dict[str, list[float]] = {name: [] for name in STARTUP}
    for _ in range(STARTUP_RUNS):
        for name, args in STARTUP.items():
            wall, used = cpu_timed([sys.executable, *args])
            walls[name].append(wall)
            cpus[name].append(used)
    wall = {name: statistics.median(t) for name, t in walls.items()}
    floor = wall["`python -c pass`"]
    rows = [
        f"| {name} | {wall[name]:.3f} | {wall[name] / floor:.1f} | "
        f"{statistics.median(cpus[name]):.3f} |"
        for name in STARTUP
    ]
    table = "\n".join(
        ["| command | wall s | x `python -c pass` | CPU s |", "|---|---:|---:|---:|", *rows]
    )
    print(table, flush=True)
    checks = [
        _check(wall[name] <= 0.15, f"{name} starts in <= 0.15 s ({wall[name]:.3f})")
        for name in ("`repcast --help`", "`repcast plan`")
    ]
    return f"Start-up, median of {STARTUP_RUNS} runs:\n\n{table}\n", checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("bench-results.md"))
    parser.add_argument("--minutes", type=int, nargs="*", default=list(MINUTES))
    parser.add_argument(
        "--only",
        choices=list(SECTIONS),
        help="run one section (voices: espeak-ng vs Piper; startup: --help and plan; "
        "cluster: --cluster local vs the process pool)",
    )
    opts = parser.parse_args()
    if opts.only:
        work = Path(tempfile.mkdtemp(prefix="repcast-bench-"))
        try:
            return report(opts.out, *SECTIONS[opts.only](work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    start_text, start_checks = startup()
    from repcast.proc import ffmpeg
    from repcast.sound.encode import FORMATS, encode_args

    work = Path(tempfile.mkdtemp(prefix="repcast-bench-"))
    ff = ffmpeg()
    rows, results = [], {}
    try:
        for minutes in opts.minutes:
            path = work / f"r{minutes}.yaml"
            path.write_text(yaml.safe_dump(routine(minutes)))
            cache = work / f"cache{minutes}"
            out = work / f"b{minutes}.mp3"
            common = [
                "build",
                str(path),
                "-o",
                str(out),
                "--cache-dir",
                str(cache),
                "--no-sidecars",
            ]
            cold, _ = repcast(common)
            warm, peak = repcast(common)
            pcm = work / f"b{minutes}.pcm"
            subprocess.run(
                [
                    ff,
                    "-v",
                    "error",
                    "-y",
                    "-i",
                    str(out),
                    "-f",
                    "s16le",
                    "-ac",
                    "1",
                    "-ar",
                    "44100",
                    str(pcm),
                ],
                check=True,
            )
            length = pcm.stat().st_size / 2 / 44100 / 60
            floor_cmd = encode_args(FORMATS["mp3"], work / "floor.mp3", source=str(pcm))
            # This machine is shared and its speed drifts: time the build and the floor in
            # turn, several times, and compare medians.
            warms, floors, peaks = [warm], [], [peak]
            for _ in range(REPEAT):
                floors.append(timed(floor_cmd))
                seconds, used = repcast(common)
                warms.append(seconds)
                peaks.append(used)
            warm, floor, peak = statistics.median(warms), statistics.median(floors), max(peaks)
            naive = None
            if minutes <= NAIVE_UP_TO:
                naive = timed(
                    [sys.executable, "-c", NAIVE, str(path), str(work / "naive.mp3"), str(cache)]
                )
            pcm.unlink()
            results[minutes] = {
                "length": length,
                "cold": cold,
                "warm": warm,
                "floor": floor,
                "naive": naive,
                "peak": peak,
            }
            rows.append(
                f"| {length:.1f} | {cold:.2f} | {warm:.2f} | {floor:.2f} | "
                f"{warm / floor:.2f} | "
                f"{f'{naive / warm:.1f}' if naive else '-'} | {peak:.0f} |"
            )
            print(rows[-1], flush=True)

        speech = speech_speed(work)
        batch_x, jobs_x, nochange = batch_speed(work)
        voice_text, voice_checks = voices(work)
        cluster_text, cluster_checks = cluster(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    table = "\n".join(
        [
            "| minutes | cold s | warm s | floor s | warm/floor | naive/warm | peak RSS MB |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            *rows,
        ]
    )
    extra = (
        f"- speech synthesis of the built-in routine's phrases: {speech:.0f} x realtime\n"
        f"- batch of 8 episodes vs 8 builds one after another: {batch_x:.2f} x faster"
        f" ({jobs_x:.2f} x faster than the same batch with --jobs 1)\n"
        f"- no-change rebuild of 20 episodes: {nochange:.2f} s\n"
    )
    checks = targets(results, speech, batch_x, nochange) + voice_checks + cluster_checks
    return report(
        opts.out,
        f"{table}\n\n{extra}\n{voice_text}\n{cluster_text}\n{start_text}",
        checks + start_checks,
    )


def report(out: Path, text: str, checks: list[str]) -> int:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    text = (
        f"RepCast benchmark on {machine}, {time.strftime('%Y-%m-%d')}\n\n{text}\n"
        + "\n".join(checks)
        + "\n"
    )
    out.write_text(text)
    print("\n" + text)
    return 0 if all(c.startswith("- pass") for c in checks) else 1


NEURAL = "joe"  # the Piper voice of repcast[piper]


def voices(work: Path) -> tuple[str, list[str]]:
    """The built-in routine in the espeak-ng voice and in the Piper voice, side by side:
    cold builds as on a fresh machine (an empty user cache: no speech, no prepared model),
    warm builds (medians, timed in turn) and peak memory; the one-time preparation of the
    Piper model on its own; then a batch of four episodes in the Piper voice, which must
    load the model once per worker process, not once per episode or phrase."""
    voices = {"espeak-ng": [], "Piper": ["--voice", NEURAL]}
    results: dict[str, dict] = {name: {"colds": [], "warms": [], "peak": 0.0} for name in voices}
    # The machine's speed drifts: cold builds (each with an empty cache), then warm ones,
    # timed in turn, and medians compared.
    for kind in ("colds", "warms"):
        for i in range(REPEAT):
            for name, voice in voices.items():
                home = work / f"voice-home-{name}-{i if kind == 'colds' else 0}"
                out = ["-o", str(work / f"{name}.mp3")]
                env = {"XDG_CACHE_HOME": str(home), "REPCAST_CACHE_DIR": str(home / "speech")}
                seconds, used = repcast(["build", *out, *voice, "--no-sidecars"], env)
                results[name][kind].append(seconds)
                results[name]["peak"] = max(results[name]["peak"], used)
    for r in results.values():
        r["cold"], r["warm"] = statistics.median(r["colds"]), statistics.median(r["warms"])
    rows = ["| voice | cold s | warm s | peak MB |", "|---|---:|---:|---:|"]
    for name, r in results.items():
        rows.append(f"| {name} | {r['cold']:.2f} | {r['warm']:.2f} | {r['peak']:.0f} |")
    es, neural = results["espeak-ng"], results["Piper"]
    prepare = statistics.median(
        timed(
            [sys.executable, "-c", PREPARE], {**os.environ, "XDG_CACHE_HOME": str(work / f"m{i}")}
        )
        for i in range(REPEAT)
    )
    batch = neural_batch(work)
    cold, warm = neural["cold"] / es["cold"], neural["warm"] / es["warm"]
    checks = [
        _check(warm <= 1.05, f"Piper warm build <= 1.05 x espeak-ng warm build ({warm:.2f})"),
        _check(cold <= 3.0, f"Piper cold build <= 3.0 x espeak-ng cold build ({cold:.2f})"),
        _check(neural["peak"] <= 350, f"Piper build peak <= 350 MB ({neural['peak']:.0f} MB)"),
        _check(
            batch["loads"] <= batch["workers"],
            f"Piper batch of {batch['episodes']} episodes loads the model once per worker "
            f"({batch['loads']} loads, {batch['workers']} workers)",
        ),
    ]
    text = (
        "Voices, the built-in routine (21:54), cold = a fresh user cache:\n\n"
        + "\n".join(rows)
        + f"\n\n- Piper cold / espeak-ng cold: {cold:.2f} (target 3.0); warm / warm: "
        f"{warm:.2f} (target 1.05)\n"
        f"- of the Piper cold build, preparing the model (once per machine and model, "
        f"streamed): {prepare:.2f} s alone\n"
        f"- batch of {batch['episodes']} episodes in the Piper voice, cold cache: "
        f"{batch['seconds']:.1f} s\n"
    )
    return text, checks


# The Piper model's one-time preparation alone, as a fresh machine's first build makes it.
PREPARE = """
from pathlib import Path
from repcast.routine.model import Voice
from repcast.voice import neural, voices
if __name__ == "__main__":
    neural.seeded_model(Path(voices.resolve(Voice(name="joe")).identifier))
"""


def _check(ok: bool, text: str) -> str:
    return f"- {'pass' if ok else 'FAIL'}: {text}"


def neural_batch(work: Path) -> dict[str, float]:
    """Four 6-minute episodes in the Piper voice, counting model loads (the engine logs each
    one at debug level)."""
    folder = work / "neural-episodes"
    folder.mkdir()
    for i in range(4):
        doc = routine(6, f"Neural {i}")
        doc["voice"] = {"name": NEURAL}
        (folder / f"{i}.yaml").write_text(yaml.safe_dump(doc))
    show = work / "neural-show.yaml"
    show.write_text(yaml.safe_dump(SHOW))
    start = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "repcast",
            "--debug",
            "batch",
            str(folder),
            "--feed",
            str(show),
            "--out",
            str(work / "neural-out"),
            "--cache-dir",
            str(work / "neural-cache"),
            "--jobs",
            "2",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    loads = done.stderr.count("loaded Piper voice")
    return {"episodes": 4, "workers": 2, "loads": loads, "seconds": seconds}


SPEED = """
import time
t0 = time.perf_counter()
from repcast.voice.speech import speaker
from repcast.coach.cues import make_cues
from repcast.routine.plan import make_plan
from repcast.routine.model import builtin_routine
r = builtin_routine()
texts = {c.text for c in make_cues(make_plan(r)).cues if c.spoken}
t0 = time.perf_counter()
who = speaker(r.speaking_voice)
audio = sum(len(who.synth(t)) / 2 / who.rate for t in texts)
print(audio / (time.perf_counter() - t0))
"""


def speech_speed(work: Path) -> float:
    """Audio seconds per wall second for every phrase of the built-in routine, uncached,
    counting the engine's start."""
    return float(
        subprocess.run(
            [sys.executable, "-c", SPEED], check=True, capture_output=True, text=True
        ).stdout
    )


SHOW = {
    "title": "Bench",
    "description": "Bench",
    "author": "Bench",
    "owner": {"name": "Bench", "email": "bench@example.org"},
    "base_url": "https://example.org/",
    "start_date": "2026-01-05",
}


def batch_speed(work: Path) -> tuple[float, float, float]:
    """Eight 10-minute episodes: built one after another with ``repcast build``, and by
    ``repcast batch`` (all cores, then one job); and a no-change rebuild of twenty."""
    show = work / "podcast.yaml"
    show.write_text(yaml.safe_dump(SHOW))
    folder = work / "episodes"
    folder.mkdir()
    for i in range(8):
        (folder / f"{i}.yaml").write_text(yaml.safe_dump(routine(10, f"Episode {i}")))
    cache = work / "batch-cache"
    base = [
        sys.executable,
        "-m",
        "repcast",
        "batch",
        str(folder),
        "--feed",
        str(show),
        "--cache-dir",
        str(cache),
    ]
    timed([*base, "--out", str(work / "warmup")])  # fills the speech cache
    singles = work / "singles"
    singles.mkdir()
    start = time.perf_counter()
    for i in range(8):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "repcast",
                "build",
                str(folder / f"{i}.yaml"),
                "-o",
                str(singles / f"{i}.mp3"),
                "--cache-dir",
                str(cache),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    one_by_one = time.perf_counter() - start
    parallel = timed([*base, "--out", str(work / "parallel")])
    one_job = timed([*base, "--out", str(work / "one-job"), "--jobs", "1"])
    for i in range(8, 20):
        (folder / f"{i}.yaml").write_text(yaml.safe_dump(routine(6, f"Episode {i}")))
    timed([*base, "--out", str(work / "parallel")])
    nochange = timed([*base, "--out", str(work / "parallel")])
    return one_by_one / parallel, one_job / parallel, nochange


CLUSTER_EPISODES = 16
CLUSTER_MINUTES = 5
CLUSTER_ROUNDS = 5  # the machine is shared: its load moves a single run by a third


def cluster(work: Path) -> tuple[str, list[str]]:
    """Sixteen short episodes built by the process pool and on ``--cluster local`` (two
    worker processes), timed in turn over one warm speech cache and medians compared; the
    two outputs compared byte for byte; then what limits one client, which writes every
    file: the size of an episode's files and the rate it writes them."""
    from repcast.files import atomic_write_all

    show = work / "cluster-show.yaml"
    show.write_text(yaml.safe_dump(SHOW))
    folder = work / "cluster-routines"
    folder.mkdir()
    for i in range(CLUSTER_EPISODES):
        doc = routine(CLUSTER_MINUTES, f"Short {i}")
        (folder / f"{i}.yaml").write_text(yaml.safe_dump(doc))
    cache = work / "cluster-cache"
    base = [sys.executable, "-m", "repcast", "batch", str(folder), "--feed", str(show)]
    base += ["--cache-dir", str(cache)]
    timed([*base, "--out", str(work / "cluster-warmup")])  # fills the speech cache
    runs: dict[str, list[tuple[float, float]]] = {"pool": [], "cluster": []}
    for i in range(CLUSTER_ROUNDS):
        runs["pool"].append(cpu_timed([*base, "--out", str(work / f"pool-{i}")]))
        local_run = [*base, "--out", str(work / f"cluster-{i}"), "--cluster", "local"]
        runs["cluster"].append(cpu_timed(local_run))
    pool, local = (statistics.median(wall for wall, _ in runs[k]) for k in ("pool", "cluster"))
    cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
    files = sorted((work / "cluster-0" / "episodes").iterdir())
    pooled = work / "pool-0" / "episodes"
    same = all(f.read_bytes() == (pooled / f.name).read_bytes() for f in files)
    data = {f.name: f.read_bytes() for f in files}
    size = sum(map(len, data.values())) / CLUSTER_EPISODES
    state = json.loads((work / "cluster-0" / ".repcast-state.json").read_text())
    minutes = statistics.mean(e["seconds"] for e in state["episodes"].values()) / 60
    writes = []
    for i in range(REPEAT):
        intake = work / f"intake-{i}"
        intake.mkdir()
        start = time.perf_counter()
        for number in range(1, CLUSTER_EPISODES + 1):  # an episode's files together, as received
            mine = {n: b for n, b in data.items() if n.startswith(f"{number:03d}-")}
            atomic_write_all({intake / n: b for n, b in mine.items()})
        writes.append(time.perf_counter() - start)
    rate = size * CLUSTER_EPISODES / statistics.median(writes)
    per_minute = size / minutes
    hourly = 3600 * rate / (30 * per_minute)
    rows = [
        f"| executor | {CLUSTER_EPISODES} episodes s | episodes/min | throughput | CPU s |",
        "|---|---:|---:|---:|---:|",
        f"| process pool | {pool:.1f} | {60 * CLUSTER_EPISODES / pool:.1f} | 1.00 | "
        f"{cpu['pool']:.1f} |",
        f"| --cluster local, 2 workers | {local:.1f} | {60 * CLUSTER_EPISODES / local:.1f} | "
        f"{pool / local:.2f} | {cpu['cluster']:.1f} |",
    ]
    text = (
        f"Cluster, {CLUSTER_EPISODES} episodes of {minutes:.1f} minutes, warm cache, medians of "
        f"{CLUSTER_ROUNDS} runs each, in turn:\n\n"
        + "\n".join(rows)
        + f"\n\n- an episode's files: {size / 1e6:.2f} MB ({per_minute / 1e6:.2f} MB a minute"
        f" of audio); the client writes them at {rate / 1e6:.0f} MB/s: at most "
        f"{hourly:,.0f} 30-minute episodes an hour for one client\n"
    )
    # A rerun with nothing to build: the cluster's costs only where there is work.
    noop: dict[str, list[float]] = {"pool": [], "cluster": []}
    for _ in range(REPEAT):
        noop["pool"].append(timed([*base, "--out", str(work / "pool-0")]))
        noop["cluster"].append(
            timed([*base, "--out", str(work / "cluster-0"), "--cluster", "local"])
        )
    pool_noop, cluster_noop = (statistics.median(noop[k]) for k in ("pool", "cluster"))
    text += (
        f"- a rerun with nothing to build: process pool {pool_noop:.2f} s, --cluster local "
        f"{cluster_noop:.2f} s ({cluster_noop / pool_noop:.2f} x)\n"
    )
    ratio = pool / local
    checks = [
        _check(ratio >= 0.85, f"--cluster local >= 0.85 x the pool's throughput ({ratio:.2f})"),
        _check(same, "--cluster local builds the pool's episodes, byte for byte"),
        _check(
            cluster_noop <= 1.2 * pool_noop,
            f"--cluster no-op rerun <= 1.2 x the pool's ({cluster_noop / pool_noop:.2f})",
        ),
    ]
    return text, checks


SECTIONS: dict[str, Callable[[Path], tuple[str, list[str]]]] = {
    "voices": voices,
    "startup": lambda _work: startup(),
    "cluster": cluster,
}


def targets(r: dict, speech: float, batch_x: float, nochange: float) -> list[str]:
    check = _check
    out = []
    if 45 in r:
        m = r[45]
        out.append(
            check(
                m["warm"] <= 1.3 * m["floor"],
                f"warm 45 min <= 1.3 x floor ({m['warm'] / m['floor']:.2f})",
            )
        )
        out.append(
            check(
                m["cold"] <= 2 * m["floor"],
                f"cold 45 min <= 2 x floor ({m['cold'] / m['floor']:.2f})",
            )
        )
        if m["naive"]:
            out.append(
                check(
                    m["naive"] >= 5 * m["warm"],
                    f"naive >= 5 x warm at 45 min ({m['naive'] / m['warm']:.1f})",
                )
            )
    if 45 in r and 180 in r:
        ratio = r[180]["warm"] / r[45]["warm"]
        out.append(check(ratio <= 4.4, f"180 min <= 4.4 x 45 min ({ratio:.2f})"))
    if 15 in r and 180 in r:
        ratio = r[180]["peak"] / r[15]["peak"]
        out.append(check(ratio <= 1.2, f"memory 180 min <= 1.2 x 15 min ({ratio:.2f})"))
    peak = max(m["peak"] for m in r.values())
    out.append(check(peak <= 150, f"peak RSS <= 150 MB ({peak:.0f} MB)"))
    out.append(check(speech >= 100, f"speech >= 100 x realtime ({speech:.0f})"))
    out.append(check(batch_x >= 1.7, f"batch >= 1.7 x builds one by one ({batch_x:.2f})"))
    out.append(check(nochange < 2, f"no-change rebuild of 20 episodes < 2 s ({nochange:.2f})"))
    return out


if __name__ == "__main__":
    sys.exit(main())
