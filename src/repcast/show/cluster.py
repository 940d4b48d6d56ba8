"""Batch episodes as the tasks of a Dask cluster (``repcast batch --cluster``).

Planning and reporting stay with the batch (``batch.py``) on the machine that runs it;
here each episode to build becomes one task. A worker needs RepCast installed (the same
version, with the same extras) and no shared folder: the task carries the routine, the
settings and the show's tags; the worker builds into a temporary folder of its own,
caching speech in its own cache (its REPCAST_CACHE_DIR or user cache folder, never the
client's, which may not exist there), and returns the episode's files as bytes, written
here into the batch's private folder, which the batch publishes from.

The batch connects to the cluster (or starts the local one) only when it has episodes to
build. Only episodes whose rebuild key changed are sent, and the key is decided here: a
worker's cold cache never touches an episode that did not need a rebuild. One that is rebuilt
sounds the same from a cold cache as from a warm one, since a clip depends only on what is
said and how (espeak-ng speaks from a pristine state; Piper's noise is seeded).

This module imports Dask: only a batch on a cluster loads it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import os
import signal
import tempfile
import threading
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

import dask
import distributed

from ..errors import ClusterError, ClusterSetupError, InputError, RepcastError, one_line
from ..files import atomic_write_all
from ..version import __version__
from ..voice import speech
from .jobs import LOCAL, Executor, Job, Results, build_episode

log = logging.getLogger("repcast.cluster")

LOCAL_CONFIG = {
    # Dask samples each running task's stack for its dashboard, which is off here.
    "distributed.worker.profile.enabled": False,
    # Dask sets this in its workers to give memory back sooner; it also turns off glibc's
    # adaptive mmap threshold, so every large buffer of a build is mapped and faulted in
    # afresh: measured, 9 % more CPU time for a batch (system time, in the workers).
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
CONNECT_TIMEOUT = 10  # seconds to reach a scheduler before giving up


@contextlib.contextmanager
def connect(
    address: str, workers: int | None = None, cache_dir: Path | None = None
) -> Iterator[distributed.Client]:
    """A client of the scheduler at ``address``, closed at the end. For "local", of a
    cluster started here and stopped at the end: ``workers`` processes (default: one per
    core), on 127.0.0.1 only, caching speech in ``cache_dir``."""
    if address == LOCAL:
        quiet = not log.isEnabledFor(logging.DEBUG)
        with _no_ctrl_c(), dask.config.set(LOCAL_CONFIG):
            cluster = distributed.LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                protocol="tcp",
                host="127.0.0.1",
                dashboard_address=None,
                # Its HTTP server (health checks) on a free port, not Dask's usual one.
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                # A failed episode is reported once, by the batch, not by a worker too.
                silence_logs=logging.CRITICAL if quiet else logging.WARNING,
                env={"REPCAST_CACHE_DIR": str(cache_dir)} if cache_dir else {},
            )
        with cluster, distributed.Client(cluster, set_as_default=False) as client:
            yield client
        return
    try:
        distributed.comm.resolve_address(address)
    except ValueError as exc:
        raise InputError(
            f"expected local or a scheduler's address like tcp://HOST:8786: {exc}",
            field="--cluster",
        ) from exc
    asyncio.run(_greet(address))
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except OSError as exc:  # timed out, or gone since the greeting
        raise ClusterError(f"cannot reach the scheduler at {address}: {exc}") from exc
    with client:
        yield client


async def _greet(address: str) -> None:
    """Exchange greetings with the scheduler, within CONNECT_TIMEOUT. Dask's own client
    waits for a scheduler's greeting without a limit (a server that accepts and never
    speaks would hang the batch), and believes the length a peer's first message claims
    (garbage makes it try to allocate exabytes, then time out closing)."""
    cannot = f"cannot reach the scheduler at {address}"
    # As the client will connect: with the TLS settings of Dask's configuration, if any.
    security = distributed.Security().get_connection_args("client")
    try:
        comm = await asyncio.wait_for(
            distributed.comm.connect(address, timeout=CONNECT_TIMEOUT, **security),
            CONNECT_TIMEOUT,
        )
    except TimeoutError:
        raise ClusterError(f"{cannot}: no answer within {CONNECT_TIMEOUT} s") from None
    except OSError as exc:  # an unknown host, refused, timed out
        raise ClusterError(f"{cannot}: {exc}") from exc
    except Exception as exc:  # whatever a peer's garbage makes of Dask's reader
        log.debug("%s answered garbage", address, exc_info=exc)
        raise ClusterError(f"{cannot}: what answers there is not a Dask scheduler") from None
    await comm.close()


@contextlib.contextmanager
def _no_ctrl_c() -> Iterator[None]:
    """Processes started meanwhile ignore Ctrl-C (a terminal sends it to all of them): the
    batch alone answers it, cancelling the tasks and stopping the cluster."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def executor(client: distributed.Client) -> Executor:
    """Run the episodes as tasks of the cluster ``client`` is connected to."""
    address = client.scheduler.address

    def run(todo: Sequence[Job], folder: Path) -> Results:
        check_cluster(client)
        futures = {
            client.submit(_build, job, __version__, key=f"repcast-{uuid.uuid4().hex}"): i
            for i, job in enumerate(todo)
        }
        try:
            for future in distributed.as_completed(futures, loop=client.loop):
                if future.cancelled():
                    raise ClusterError(f"lost the scheduler at {address}")
                error = future.exception()
                if isinstance(error, ClusterError):
                    raise error
                if isinstance(error, distributed.KilledWorker):
                    error = RepcastError(
                        f"every worker that built it died ({error.allowed_failures + 1} tries);"
                        " it may need more memory than a worker has"
                    )
                if error is not None:
                    yield futures[future], error
                    continue
                files, samples = future.result()
                atomic_write_all({folder / name: data for name, data in files.items()})
                yield futures[future], samples
        finally:
            # Done, failed or interrupted (Ctrl-C): leave no task of ours on the cluster.
            client.cancel(list(futures))

    return run


def check_cluster(client: distributed.Client) -> None:
    """Refuse a cluster whose scheduler or a worker runs another RepCast (or none: the
    scheduler unpacks the tasks too), a worker with more than one thread, or no worker: a
    configuration error, found before anything is built."""
    address = client.scheduler.address
    try:
        version = client.run_on_scheduler(_version)
    except Exception as exc:
        raise ClusterSetupError(
            f"the scheduler at {address} cannot run RepCast: {one_line(exc)}"
        ) from exc
    if version != __version__:
        raise ClusterSetupError(_other_version(f"the scheduler at {address}", version, __version__))
    answers = client.run(_version, on_error="return")
    if not answers:
        raise ClusterSetupError(f"the scheduler at {address} has no workers")
    threads = {w: info["nthreads"] for w, info in client.scheduler_info()["workers"].items()}
    for worker, answer in sorted(answers.items()):
        if isinstance(answer, BaseException):
            raise ClusterSetupError(f"worker {worker} cannot run RepCast: {one_line(answer)}")
        if answer != __version__:
            raise ClusterSetupError(_other_version(f"worker {worker}", answer, __version__))
        if threads.get(worker, 1) > 1:
            # One process has one speech engine: its episodes are built one at a time.
            raise ClusterSetupError(
                f"worker {worker} runs {threads[worker]} threads; start workers with "
                "--nthreads 1 (and as many as you like with --nworkers)"
            )


def _version() -> str:
    return __version__


def _other_version(who: str, theirs: str, ours: str) -> str:
    return (
        f"{who} runs RepCast {theirs}, this is {ours}: install the same version on the "
        "scheduler and every worker"
    )


def _build(job: Job, version: str) -> tuple[dict[str, bytes], int]:
    """On a worker: build one episode in a folder of its own; return its files (by name)
    and its length in samples."""
    if version != __version__:  # a worker that joined after the check
        worker = distributed.get_worker().address
        raise ClusterSetupError(_other_version(f"worker {worker}", __version__, version))
    if job.settings.cache_dir is not None:
        settings = dataclasses.replace(job.settings, cache_dir=speech.default_cache_dir())
        job = dataclasses.replace(job, settings=settings)
    with tempfile.TemporaryDirectory(prefix="repcast-episode-") as tmp:
        samples = build_episode(job, Path(tmp))
        return {p.name: p.read_bytes() for p in Path(tmp).iterdir()}, samples
