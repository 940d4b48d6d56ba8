"""repcast batch on a Dask cluster: real LocalClusters of two worker processes over TCP on
127.0.0.1, started and stopped here. The outcome equals the process pool's, and the faults
a cluster has (a killed worker, a lost scheduler, Ctrl-C, another RepCast) end as they
should."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import pytest
from click.testing import CliRunner

import repcast
from repcast.build import Settings
from repcast.cli import cli

from .conftest import ROOT, make_image, repcast_command
from .test_batch_safety import _contents, _until
from .test_podcast import ROUTINE, SHOW

distributed = pytest.importorskip("distributed")


def _cluster(workers: int = 2, threads: int = 1, **env: str) -> Any:
    return distributed.LocalCluster(
        n_workers=workers,
        processes=True,
        threads_per_worker=threads,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},  # two at once: no clash
        env=env,
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A cluster whose workers start with a speech cache of their own, empty."""
    cache = tmp_path_factory.mktemp("worker-cache")
    with _cluster(REPCAST_CACHE_DIR=str(cache)) as cluster, distributed.Client(cluster) as c:
        yield c


def _show(folder: Path, moves: list[str], work: str = "12s") -> tuple[Path, Path]:
    """Routines (one per move) and a show config; returns both."""
    routines = folder / "routines"
    routines.mkdir()
    for i, move in enumerate(moves):
        text = ROUTINE.format(title=f"{move} day", move=move).replace("12s", work)
        (routines / f"{i}-{move.lower()}.yaml").write_text(text)
    (folder / "podcast.yaml").write_text(SHOW)
    make_image(folder / "cover.png")
    return routines, folder / "podcast.yaml"


def batch(routines: Path, show: Path, out: Path, *extra: object, env: Any = None) -> Any:
    args = ["batch", routines, "--feed", show, "--out", out, *extra]
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def _whole(out: Path) -> None:
    """The feed, the state and the files agree: every enclosure is there at the length the
    feed gives, every file the state names exists, and no temporary file is left."""
    parsed = feedparser.parse(out / "feed.xml")
    assert not parsed.bozo
    for e in parsed.entries:
        local = out / e.enclosures[0].href.removeprefix("https://example.org/show/")
        assert int(e.enclosures[0].length) == local.stat().st_size
    state = json.loads((out / ".repcast-state.json").read_text())
    for entry in state["episodes"].values():
        for name in [entry["audio"], *entry["sidecars"].values()]:
            assert (out / name).is_file()
    assert not list(out.rglob("*.part"))


def _free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _busy_worker(client: Any) -> str:
    """The address of a worker building an episode, once one is."""

    def busy() -> str | None:
        counts = client.run(lambda dask_worker: dask_worker.state.executing_count)
        return next((w for w, n in counts.items() if n), None)

    return _until(busy)


def _starts(client: Any) -> list[str]:
    """Each time the scheduler gave a worker an episode's task, its key."""
    log = client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.transition_log))
    return [t[0] for t in log if t[2] == "processing" and str(t[0]).startswith("repcast-")]


def _started(client: Any) -> set[str]:
    return set(_starts(client))


def test_local_cluster_builds_the_example_show_as_the_pool_does(
    tmp_path: Path, cache_dir: Path
) -> None:
    """--cluster local: the same episodes, numbers, dates, guids, chapters, durations and
    bytes as the process pool, and the same feed."""
    examples = (ROOT / "examples", ROOT / "examples" / "podcast.yaml")
    pool, local = tmp_path / "pool", tmp_path / "local"
    assert batch(*examples, pool, "--cache-dir", cache_dir).exit_code == 0
    res = batch(*examples, local, "--cache-dir", cache_dir, "--cluster", "local")
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("built 3, skipped 0, failed 0, removed 0; ")
    assert res.stderr == ""
    assert _contents(local) == _contents(pool)


def test_a_remote_cluster_builds_with_its_own_cache_and_plans_here(
    client: Any, tmp_path: Path, cache_dir: Path
) -> None:
    """Workers cache speech in their own folder, never at the client's --cache-dir path (it
    need not exist on a worker); from that cold cache they build what the pool builds from
    a warm one. Planning stays here: a second run sends no task at all."""
    routines, show = _show(tmp_path, ["Squats", "Lunges", "Plank"])
    own = Path(client.run(lambda: os.environ["REPCAST_CACHE_DIR"]).popitem()[1])
    assert not list(own.rglob("*.pcm"))
    pool, remote = tmp_path / "pool", tmp_path / "remote"
    assert batch(routines, show, pool, "--cache-dir", cache_dir).exit_code == 0
    nowhere = tmp_path / "client-only" / "cache"
    address = client.scheduler.address
    res = batch(routines, show, remote, "--cache-dir", nowhere, "--cluster", address)
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("built 3, skipped 0, failed 0, removed 0; ")
    assert _contents(remote) == _contents(pool)
    assert list(own.rglob("*.pcm")) and not nowhere.parent.exists()

    sent = _started(client)
    res = batch(routines, show, remote, "--cluster", address)
    assert res.stdout.startswith("built 0, skipped 3, failed 0, removed 0; ")
    assert _contents(remote) == _contents(pool)
    assert _started(client) == sent


def test_a_worker_killed_mid_episode_has_its_episode_built_elsewhere(
    client: Any, tmp_path: Path, cache_dir: Path
) -> None:
    routines, show = _show(tmp_path, ["Squats", "Lunges", "Plank", "Burpees"], work="90s")
    out = tmp_path / "public"
    done: list[repcast.BatchResult] = []
    settings = Settings(cache_dir=cache_dir)
    run = threading.Thread(
        target=lambda: done.append(repcast.batch(routines, show, out, settings, client=client))
    )
    before = _starts(client)
    run.start()
    victim = _busy_worker(client)
    pid = client.run(os.getpid, workers=[victim])[victim]
    os.kill(pid, signal.SIGKILL)
    run.join(timeout=300)
    (result,) = done
    assert len(result.built) == 4 and not result.failed
    assert victim not in client.scheduler_info()["workers"]
    starts = _starts(client)[len(before) :]
    assert len(starts) > len(set(starts)) == 4  # the victim's episode was given out again
    _whole(out)
    assert len(feedparser.parse(out / "feed.xml").entries) == 4
    client.wait_for_workers(2, timeout=60)  # the nanny started a new one


def test_an_episode_that_fails_on_a_worker_keeps_its_last_good_build(
    client: Any, tmp_path: Path, cache_dir: Path
) -> None:
    routines, show = _show(tmp_path, ["Squats", "Lunges", "Plank"])
    out = tmp_path / "public"
    address = client.scheduler.address
    assert batch(routines, show, out, "--cluster", address).exit_code == 0
    before = {e.id: e.enclosures[0].href for e in feedparser.parse(out / "feed.xml").entries}
    (routines / "2-plank.yaml").write_text(ROUTINE.format(title="Plank day", move="Side plank"))
    client.run(lambda: os.environ.update(REPCAST_FFMPEG="/bin/false"))  # the fault
    try:
        res = batch(routines, show, out, "--cluster", address)
    finally:
        client.run(lambda: os.environ.pop("REPCAST_FFMPEG"))
    assert res.exit_code == 1
    assert res.stdout.startswith("built 0, skipped 2, failed 1, removed 0; ")
    assert res.stderr.splitlines() == [
        f"repcast: error: {routines / '2-plank.yaml'}: false failed (exit 1)"
    ]
    after = {e.id: e.enclosures[0].href for e in feedparser.parse(out / "feed.xml").entries}
    assert after == before
    _whole(out)


def _set_version(version: str) -> str:
    module = importlib.import_module("repcast.show.cluster")
    old, module.__version__ = module.__version__, version  # type: ignore[attr-defined]
    return old


def test_a_worker_with_another_version_is_refused(client: Any, tmp_path: Path) -> None:
    routines, show = _show(tmp_path, ["Squats"])
    out = tmp_path / "public"
    worker = sorted(client.scheduler_info()["workers"])[0]
    sent = _started(client)
    client.run(_set_version, "0.0.9", workers=[worker])
    try:
        res = batch(routines, show, out, "--cluster", client.scheduler.address)
        # A task reaching a worker of another version (one that joined later) is refused
        # there too.
        from repcast.routine.model import load_routine
        from repcast.show import cluster
        from repcast.show.batch import Job

        job = Job(load_routine(routines / "0-squats.yaml"), "x.mp3", Settings(), "x.svg")
        task = client.submit(cluster._build, job, repcast.__version__, workers=[worker])
        with pytest.raises(repcast.RepcastError, match=r"runs RepCast 0\.0\.9, this is "):
            task.result()
    finally:
        client.run(_set_version, repcast.__version__, workers=[worker])
    assert res.exit_code == 2
    assert res.stderr == (
        f"repcast: error: worker {worker} runs RepCast 0.0.9, this is {repcast.__version__}: "
        "install the same version on the scheduler and every worker\n"
    )
    assert _contents(out) == {}  # no feed, page, cover or state
    assert _started(client) == sent  # no episode was sent


def test_a_cluster_that_cannot_build_is_refused_before_any_task(tmp_path: Path) -> None:
    """A scheduler without RepCast (it unpacks the tasks), one without workers, and workers
    with more than one thread (one speech engine a process) are each one line, exit 2, and
    nothing is written."""
    routines, show = _show(tmp_path, ["Squats"])
    out = tmp_path / "public"
    port = _free_port()
    hidden = "import sys; sys.modules['repcast'] = None; from distributed.cli.dask_scheduler"
    scheduler = subprocess.Popen(
        [sys.executable, "-c", f"{hidden} import main; main()", "--host", "127.0.0.1",
         "--port", str(port), "--no-dashboard"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        address = f"tcp://127.0.0.1:{port}"
        _until(lambda: _listening(port), 60)
        res = batch(routines, show, out, "--cluster", address)
    finally:
        scheduler.terminate()
        scheduler.wait()
    assert res.exit_code == 2
    assert res.stderr.startswith(f"repcast: error: the scheduler at {address} cannot run RepCast: ")
    assert "No module named 'repcast" in res.stderr and res.stderr.count("\n") == 1

    for workers, threads, why in [(0, 1, "has no workers"), (1, 2, "runs 2 threads; ")]:
        with _cluster(workers, threads) as cluster:
            res = batch(routines, show, out, "--cluster", cluster.scheduler_address)
        assert res.exit_code == 2
        assert why in res.stderr and res.stderr.count("\n") == 1
    assert _contents(out) == {}


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, cache_dir: Path) -> None:
    routines, show = _show(tmp_path, ["Squats", "Lunges"])
    out = tmp_path / "public"
    assert batch(routines, show, out, "--cache-dir", cache_dir).exit_code == 0
    before = _contents(out)
    nowhere = f"tcp://127.0.0.1:{_free_port()}"
    # Nothing to build: no cluster is contacted.
    res = batch(routines, show, out, "--cluster", nowhere)
    assert res.exit_code == 0 and res.stdout.startswith("built 0, skipped 2, failed 0")
    assert _contents(out) == before
    (routines / "0-squats.yaml").write_text(ROUTINE.format(title="Squats day", move="Dips"))
    garbage = b"\x00 not what a scheduler says\n" * 64
    for server, why in [
        (_Peer(b""), "no answer within 10 s"),  # accepts and never speaks
        (_Peer(garbage), "what answers there is not a Dask scheduler"),
        (None, "10 s"),  # nothing listens: tried again and again, for 10 s
    ]:
        address = server.address if server else nowhere
        with server or contextlib.nullcontext():
            res = batch(routines, show, out, "--cluster", address)
        assert res.exit_code == 1
        assert res.stderr.startswith(f"repcast: error: cannot reach the scheduler at {address}: ")
        assert why in res.stderr and res.stderr.count("\n") == 1, res.stderr
        assert _contents(out) == before
    res = batch(routines, show, out, "--cluster", "scheduler")
    assert res.exit_code == 2
    assert res.stderr == (
        "repcast: error: --cluster: expected local or a scheduler's address like "
        "tcp://HOST:8786: missing port number in address 'scheduler'\n"
    )


class _Peer:
    """A TCP server on 127.0.0.1 that accepts, says ``greeting`` (perhaps nothing) and
    then nothing more, until the block ends."""

    def __init__(self, greeting: bytes) -> None:
        self.greeting = greeting
        self.server = socket.create_server(("127.0.0.1", 0))
        self.address = f"tcp://127.0.0.1:{self.server.getsockname()[1]}"
        self.peers: list[socket.socket] = []

    def __enter__(self) -> _Peer:
        threading.Thread(target=self._serve, daemon=True).start()
        return self

    def _serve(self) -> None:
        with contextlib.suppress(OSError):  # closed at the end
            while True:
                peer, _ = self.server.accept()
                self.peers.append(peer)
                with contextlib.suppress(OSError):
                    peer.sendall(self.greeting)

    def __exit__(self, *exc: object) -> None:
        self.server.close()
        for peer in self.peers:
            peer.close()


def _repcast(*args: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        repcast_command(*map(str, args)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_scheduler_that_goes_away_is_one_line_and_damages_nothing(
    tmp_path: Path, cache_dir: Path
) -> None:
    routines, show = _show(tmp_path, ["Squats", "Lunges", "Plank", "Burpees"], work="90s")
    out = tmp_path / "public"
    assert batch(routines, show, out, "--cache-dir", cache_dir).exit_code == 0
    show.write_text(SHOW.replace("Test Show", "Renamed Show"))  # every episode rebuilds
    with _cluster(REPCAST_CACHE_DIR=str(cache_dir)) as cluster:
        client = distributed.Client(cluster)
        proc = _repcast("batch", routines, "--feed", show, "--out", out, "--cluster",
                        cluster.scheduler_address)  # fmt: skip
        _busy_worker(client)
        client.close()
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1, stderr
    assert stderr == f"repcast: error: lost the scheduler at {cluster.scheduler_address}\n"
    assert stdout == ""
    _whole(out)
    assert len(feedparser.parse(out / "feed.xml").entries) == 4


def test_ctrl_c_cancels_the_clusters_tasks(client: Any, tmp_path: Path) -> None:
    moves = ["Squats", "Lunges", "Plank", "Burpees", "Dips", "Rows"]
    routines, show = _show(tmp_path, moves, work="90s")
    out = tmp_path / "public"
    sent = _started(client)
    proc = _repcast("batch", routines, "--feed", show, "--out", out, "--cluster",
                    client.scheduler.address)  # fmt: skip
    _busy_worker(client)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert stderr == "repcast: interrupted\n"
    ours = lambda dask_scheduler: [k for k in dask_scheduler.tasks if k.startswith("repcast-")]  # noqa: E731
    _until(lambda: not client.run_on_scheduler(ours), 30)
    assert len(_started(client) - sent) < len(moves)  # the rest never started
    if (out / "feed.xml").exists():  # an episode was done in time: it is published
        _whole(out)
    else:  # none was: nothing is
        assert _contents(out) == {}


def test_no_dask_without_cluster_and_a_hint_without_the_extra(
    tmp_path: Path, cache_dir: Path
) -> None:
    routines, show = _show(tmp_path, ["Squats"])
    out = tmp_path / "public"
    code = """if True:
        import sys
        from repcast.cli import cli
        try:
            cli(sys.argv[1:], standalone_mode=False)
        finally:
            print("dask loaded:", any(m.split(".")[0] in ("dask", "distributed")
                                      for m, v in sys.modules.items() if v is not None))
    """
    args = ["batch", routines, "--feed", show, "--out", out, "--cache-dir", cache_dir]
    plain = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True
    )
    assert plain.stdout.startswith("built 1, skipped 0")
    assert plain.stdout.endswith("dask loaded: False\n")
    # Nothing to build: no cluster is started, nor Dask loaded, whatever --cluster says.
    idle = subprocess.run(
        [sys.executable, "-c", code, *map(str, args), "--cluster", "local"],
        capture_output=True,
        text=True,
    )
    assert idle.stdout.startswith("built 0, skipped 1")
    assert idle.stdout.endswith("dask loaded: False\n")
    missing = subprocess.run(
        [sys.executable, "-m", "repcast", "batch", *map(str, args[1:]), "--cluster", "local"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(_blocker(tmp_path))},
    )
    assert missing.returncode == 2
    assert missing.stderr == (
        "repcast: error: --cluster: needs Dask: install the cluster extra "
        "(from a clone: pip install '.[cluster]')\n"
    )


def _blocker(folder: Path) -> Path:
    """A sitecustomize that hides Dask, as a machine without the extra has it."""
    site = folder / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import sys\nsys.modules['distributed'] = None\nsys.modules['dask'] = None\n"
    )
    return site
