"""An episode as a unit of work: what a worker is sent and what an executor returns.

The batch (``batch.py``) plans jobs and hands them to an executor: its process pool or a
Dask cluster (``cluster.py``); both take these types from here.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..build import Settings, build
from ..files import atomic_write
from ..routine.model import Routine

LOCAL = "local"  # --cluster for a cluster started on this machine


@dataclass(frozen=True)
class Job:
    """One episode to build, as sent to a worker (plain, picklable data)."""

    routine: Routine  # as read and keyed here: a file edited meanwhile cannot slip in
    name: str  # of the audio file; the sidecars are named after it
    settings: Settings
    chart: str  # the file for the plan drawn as SVG, for the episode's page
    copies: tuple[tuple[str, bytes], ...] = ()  # files written as they are: its cover


def build_episode(job: Job, folder: Path) -> int:
    """In a worker: build one episode's files (audio, sidecars, chart, cover) into
    ``folder``; return its length in samples."""
    from .chart import plan_svg

    result = build(job.routine, folder / job.name, job.settings)
    atomic_write(folder / job.chart, plan_svg(result.timeline.script.plan).encode("utf-8"))
    for name, data in job.copies:
        atomic_write(folder / name, data)
    return result.timeline.total


Results = Generator[tuple[int, "int | BaseException"], None, None]
Executor = Callable[[Sequence[Job], Path], Results]
"""``executor(jobs, folder)`` builds each job's files into ``folder``, each file written
whole, and yields ``(index of the job, its length in samples)`` as each one is done, or
the exception it failed with in place of the length. Closed early, it stops the work
still to do."""
