"""Build a folder of routines into podcast episodes and a feed, incrementally and in
parallel.

A batch runs in three parts. Planning reads the routines and the output folder's state
file, gives each episode its number, date and guid, and decides what to build: an episode
is rebuilt only when its routine file, the build settings, the show's tags or the RepCast
version change (its key, recorded in the state). Running hands the episodes to build to an
executor: worker processes on this machine started with "spawn" (espeak-ng must not be
forked), one speech engine each, sharing one speech cache; or a Dask cluster
(``cluster.py``). Reporting writes the feed and the state. Planning and reporting always
happen here, under the output folder's lock. A routine that fails keeps its last good
episode in the feed. Files are only ever deleted if the state says this tool wrote them.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import datetime
import fcntl
import hashlib
import json
import logging
import multiprocessing
import os
import uuid
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .build import Progress, Settings, build, output_name, sidecar_paths
from .errors import InputError, RepcastError, one_line
from .feed import Episode, Show, load_show, render_feed
from .files import atomic_write
from .routine import Routine, load_routine
from .tags import Meta, read_image
from .timing import SAMPLE_RATE

if TYPE_CHECKING:
    import distributed

log = logging.getLogger("repcast.batch")

STATE = ".repcast-state.json"
LOCK = ".repcast.lock"
EPISODES = "episodes"
ROUTINE_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class BatchResult:
    built: tuple[str, ...]
    skipped: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]  # (routine file, one-line reason)
    removed: tuple[str, ...]
    seconds: float  # audio length of all episodes in the feed
    feed: Path


@dataclass(frozen=True)
class Slot:
    """Where an episode sits in the show."""

    number: int
    date: str  # ISO date
    guid: str


@dataclass(frozen=True)
class EpisodeState:
    """One episode as the state file records it: what the feed says of it (so the audio is
    never read again), the key that decides a rebuild, and the files written for it."""

    number: int
    date: str  # ISO date
    guid: str
    title: str
    description: str
    season: int | None
    key: str
    audio: str  # relative to the output folder
    sidecars: dict[str, str]  # kind -> file, relative to the output folder
    routine: str  # the routine's file name
    bytes: int = 0  # of the audio, once built
    seconds: float = 0.0

    @property
    def files(self) -> list[str]:
        return [self.audio, *self.sidecars.values()]

    @classmethod
    def from_json(cls, doc: Any) -> EpisodeState | None:
        """The entry as read back, or None for one this tool could not have written."""
        if not isinstance(doc, dict):
            return None
        try:
            return cls(**{f.name: doc[f.name] for f in dataclasses.fields(cls)})
        except (KeyError, TypeError):
            return None


@dataclass(frozen=True)
class State:
    """What the last batch left in the output folder."""

    episodes: dict[str, EpisodeState] = field(default_factory=dict)  # by guid
    cover: str | None = None  # the show's cover, copied in

    @classmethod
    def load(cls, out: Path) -> State:
        """A missing or damaged state counts as empty: its episodes are built afresh."""
        try:
            saved = json.loads((out / STATE).read_text("utf-8"))
            entries = {g: EpisodeState.from_json(e) for g, e in saved["episodes"].items()}
            return cls({g: e for g, e in entries.items() if e}, saved.get("cover"))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def save(self, out: Path) -> None:
        episodes = {g: dataclasses.asdict(e) for g, e in sorted(self.episodes.items())}
        doc = {"version": 1, "cover": self.cover, "episodes": episodes}
        atomic_write(out / STATE, (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode())


@dataclass(frozen=True)
class Job:
    """One episode to build, as sent to a worker (plain, picklable data)."""

    routine: Routine  # as read and keyed here: a file edited meanwhile cannot slip in
    name: str  # of the audio file; the sidecars are named after it
    settings: Settings


def build_episode(job: Job, folder: Path) -> int:
    """In a worker: build one episode's files into ``folder``; return its length in
    samples."""
    return build(job.routine, folder / job.name, job.settings).timeline.total


Results = Generator[tuple[int, "int | BaseException"], None, None]
Executor = Callable[[Sequence[Job], Path], Results]
"""``executor(jobs, folder)`` builds each job's files into ``folder``, each file written
whole, and yields ``(index of the job, its length in samples)`` as each one is done, or
the exception it failed with in place of the length. Closed early, it stops the work
still to do."""


def process_pool(jobs: int | None = None) -> Executor:
    """Run the episodes in worker processes on this machine, ``jobs`` at once (default: one
    per core)."""

    def run(todo: Sequence[Job], folder: Path) -> Results:
        workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
        with concurrent.futures.ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(logging.getLogger().getEffectiveLevel(),),
        ) as pool:
            futures = {pool.submit(build_episode, job, folder): i for i, job in enumerate(todo)}
            try:
                for future in concurrent.futures.as_completed(futures):
                    error = future.exception()
                    yield futures[future], future.result() if error is None else error
            finally:
                pool.shutdown(cancel_futures=True)  # stopped early: start nothing more

    return run


def _init_worker(level: int) -> None:
    """A spawned worker logs as its parent does (--debug shows its commands and engines)."""
    if level < logging.WARNING:
        logging.basicConfig(level=level, format="%(name)s: %(message)s")


@dataclass(frozen=True)
class Task:
    """A planned episode to build: the routine file, the job, and its entry in the state
    once it is built."""

    path: Path
    job: Job
    entry: EpisodeState


@dataclass
class _Batch:
    """One batch as it goes: the plan, then what became of it."""

    out: Path
    show: Show
    old: State
    cover: str | None  # the show cover's file name in the output folder
    todo: list[Task] = field(default_factory=list)
    episodes: dict[str, EpisodeState] = field(default_factory=dict)  # the state to record
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def fail(self, path: Path, reason: str, guid: str | None = None) -> None:
        """Report a routine; keep its last good episode, even if its title (so its guid)
        changed since."""
        self.failed.append((path.name, reason))
        self.episodes.update(
            {g: e for g, e in self.old.episodes.items() if g == guid or e.routine == path.name}
        )


def batch(
    routines_dir: Path,
    show_file: Path,
    out: Path,
    settings: Settings,
    jobs: int | None = None,
    progress: Progress | None = None,
    client: distributed.Client | None = None,
) -> BatchResult:
    """Build the routines in ``routines_dir`` as the episodes of the show in ``show_file``
    into ``out``, with the feed. The episodes build in ``jobs`` processes here, or as tasks
    of the Dask cluster that ``client`` is connected to."""
    show = load_show(show_file)
    if not routines_dir.is_dir():
        raise InputError("is not a folder of routines", file=str(routines_dir))
    if client is None:
        executor = process_pool(jobs)
    else:
        from .cluster import executor as on_cluster

        executor = on_cluster(client)
    out.mkdir(parents=True, exist_ok=True)
    (out / EPISODES).mkdir(exist_ok=True)
    with _locked(out):
        plan = _plan(routines_dir, show, out, settings)
        try:
            _run(plan, executor, progress)
        except BaseException:
            # Stopped (Ctrl-C, a lost cluster): publish the episodes that were finished
            # beside the others as they were, so the feed and the state name exactly the
            # files in the folder and no file we wrote goes untracked.
            plan.episodes = {**plan.old.episodes, **plan.episodes}
            _finish(plan)
            raise
        return _finish(plan)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One batch at a time per output folder: a second one (from cron, say) waits."""
    with open(folder / LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# Planning


def _plan(routines_dir: Path, show: Show, out: Path, settings: Settings) -> _Batch:
    """Decide what to build; copy the show's cover in."""
    old = State.load(out)
    plan = _Batch(out, show, old, show.image_file.name if show.image_file else None)
    routines = _routines(routines_dir, plan)
    slots = _slots(routines, show, old.episodes, plan.episodes)
    cover = read_image(show.image_file) if show.image_file else None
    if cover is not None and plan.cover is not None:
        atomic_write(out / plan.cover, cover)
    if old.cover and old.cover != plan.cover:
        (out / old.cover).unlink(missing_ok=True)  # ours: the state recorded it
    common = _digest(
        __version__.encode(),
        settings.rebuild_key().encode(),
        # Not where the config lives (a relative or absolute --feed is the same show), nor
        # the cover's path: its bytes count, below.
        repr(dataclasses.replace(show, source="", image_file=None)).encode(),
        cover or b"",
    )
    for path, routine in routines.items():
        slot = slots[path]
        name = f"{slot.number:03d}-{output_name(routine, '.mp3')}"
        key = _digest(
            common.encode(),
            path.read_bytes(),
            json.dumps(dataclasses.asdict(slot), sort_keys=True).encode(),
            name.encode(),
        )
        had = old.episodes.get(slot.guid)
        if had and had.key == key and all((out / f).exists() for f in had.files):
            plan.episodes[slot.guid] = dataclasses.replace(had, routine=path.name)  # a rename
            plan.skipped.append(path.name)
            continue
        audio = out / EPISODES / name
        entry = EpisodeState(
            **dataclasses.asdict(slot),
            title=routine.title,
            description=routine.description,
            season=routine.episode.season,
            key=key,
            audio=f"{EPISODES}/{name}",
            sidecars={k: f"{EPISODES}/{p.name}" for k, p in sidecar_paths(audio).items()},
            routine=path.name,
        )
        meta = Meta(
            title=routine.title,
            artist=show.author,
            album=show.title,
            track=slot.number,
            date=slot.date,
            genre="Podcast",
            description=routine.description,
            cover=cover,
        )
        episode = dataclasses.replace(settings, sidecars=True, meta=meta, fmt="mp3")
        plan.todo.append(Task(path, Job(routine, name, episode), entry))
    return plan


def _routines(folder: Path, plan: _Batch) -> dict[Path, Routine]:
    """The routines in ``folder`` that load, one per title; the others are failures."""
    # The show's own file may sit among the routines (examples/ does that), and the output
    # folder may be the routines folder: hidden files (our state) are never routines.
    show_path = Path(plan.show.source).resolve()
    files = sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in ROUTINE_SUFFIXES
        and p.is_file()
        and p.resolve() != show_path
        and not p.name.startswith(".")
    )
    routines: dict[Path, Routine] = {}
    for path in files:
        try:
            routines[path] = load_routine(path)
        except RepcastError as exc:
            log.debug("%s failed", path.name, exc_info=exc)
            plan.fail(path, str(exc))
    owners: dict[str, Path] = {}
    for path in sorted(routines):
        guid = _guid(plan.show, routines[path])
        if guid in owners:
            why = InputError(
                f"has the same title as {owners[guid].name}; give one of them an episode.guid",
                file=str(path),
                field="title",
            )
            plan.failed.append((path.name, str(why)))
            del routines[path]
        else:
            owners[guid] = path
    return routines


def _guid(show: Show, routine: Routine) -> str:
    """The routine's own episode.guid, else one derived from the show and the title: the
    same on every machine and run, and unchanged when the file is renamed."""
    return routine.episode.guid or str(uuid.uuid5(uuid.UUID(show.guid), routine.title))


def _slots(
    routines: dict[Path, Routine],
    show: Show,
    state: dict[str, EpisodeState],
    kept: dict[str, EpisodeState],
) -> dict[Path, Slot]:
    """Number, date and guid for each routine. The guid comes from the routine, else from
    its title; the number from the routine, else the one the episode already had (so a
    renamed file keeps it), else the next free one in file-name order."""
    guids = {p: _guid(show, r) for p, r in routines.items()}
    numbers: dict[Path, int] = {}
    # Numbers of episodes kept from routines that failed to load stay theirs.
    taken: dict[int, Path] = {e.number: Path(e.routine) for e in kept.values()}
    for path, r in routines.items():
        n = r.episode.number
        if n is not None:
            if n in taken:
                raise InputError(
                    f"episode number {n} is also used by {taken[n].name}",
                    file=str(path),
                    field="episode.number",
                )
            numbers[path] = n
            taken[n] = path
    for path in sorted(routines):
        known = state[guids[path]].number if guids[path] in state else None
        if path not in numbers and known is not None and known not in taken:
            numbers[path] = known
            taken[known] = path
    free = (n for n in range(1, 10**6) if n not in taken)
    for path in sorted(routines):
        if path not in numbers:
            numbers[path] = next(free)
    return {path: _slot(path, r, show, numbers[path], guids[path]) for path, r in routines.items()}


def _slot(path: Path, routine: Routine, show: Show, number: int, guid: str) -> Slot:
    """The routine's own date, else the show's start date plus ``every_days`` for each
    episode before it."""
    if routine.episode.date:
        return Slot(number, routine.episode.date.isoformat(), guid)
    if show.start_date is None:
        raise InputError(
            "has no episode.date and the show has no start_date",
            file=str(path),
            field="episode.date",
        )
    days = datetime.timedelta(days=show.every_days * (number - 1))
    return Slot(number, (show.start_date + days).isoformat(), guid)


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big") + part)
    return h.hexdigest()


# Running


def _run(plan: _Batch, executor: Executor, progress: Progress | None) -> None:
    """Build what the plan says, recording each episode as it is done."""
    if not plan.todo:
        return
    results = executor([task.job for task in plan.todo], plan.out / EPISODES)
    with contextlib.closing(results):  # the executor stops whatever it still runs
        for done, (index, result) in enumerate(results, 1):
            task = plan.todo[index]
            if isinstance(result, BaseException):  # one episode's failure, not the batch's
                log.debug("%s failed", task.path.name, exc_info=result)
                plan.fail(task.path, _reason(task.path, result), task.entry.guid)
            else:
                size = (plan.out / task.entry.audio).stat().st_size
                seconds = round(result / SAMPLE_RATE, 3)
                plan.episodes[task.entry.guid] = dataclasses.replace(
                    task.entry, bytes=size, seconds=seconds
                )
                plan.built.append(task.path.name)
            if progress:
                progress("episodes", done, len(plan.todo), task.path.name)


def _reason(path: Path, exc: BaseException) -> str:
    """One line for a failed episode, naming the routine when the error does not."""
    if isinstance(exc, RepcastError):
        return str(exc) if exc.file else f"{path}: {exc}"
    return f"{path}: {type(exc).__name__}: {one_line(exc)}"


# Reporting


def _finish(plan: _Batch) -> BatchResult:
    """Remove what is gone, write the feed and the state."""
    removed = [e.routine for g, e in plan.old.episodes.items() if g not in plan.episodes]
    _clean(plan.out, plan.old, plan.episodes)
    episodes = [
        Episode(
            guid=g,
            title=e.title,
            description=e.description or e.title,
            number=e.number,
            season=e.season,
            pub_date=datetime.datetime.fromisoformat(e.date).replace(
                hour=6, tzinfo=datetime.timezone.utc
            ),
            audio_path=e.audio,
            audio_bytes=e.bytes,
            duration_seconds=round(e.seconds),
            chapters_path=e.sidecars["chapters"],
            transcript_path=e.sidecars["transcript"],
        )
        for g, e in sorted(plan.episodes.items())
    ]
    feed = plan.out / "feed.xml"
    atomic_write(feed, render_feed(plan.show, episodes))
    State(plan.episodes, plan.cover).save(plan.out)
    return BatchResult(
        tuple(plan.built),
        tuple(plan.skipped),
        tuple(plan.failed),
        tuple(removed),
        sum(e.seconds for e in plan.episodes.values()),
        feed,
    )


def _clean(out: Path, old: State, keep: dict[str, EpisodeState]) -> None:
    """Delete what this tool wrote (the old state says so) and ``keep`` no longer uses:
    removed episodes, and the old files of one whose number or title changed."""
    current = {f for e in keep.values() for f in e.files}
    for stale in {f for e in old.episodes.values() for f in e.files} - current:
        (out / stale).unlink(missing_ok=True)
