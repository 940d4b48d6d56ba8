"""Build a folder of routines into podcast episodes and a feed, incrementally and in
parallel.

A batch runs in three parts. Planning reads the routines and the output folder's state
file, gives each episode its number, date and guid, and decides what to build: an episode
is rebuilt only when its routine file, the build settings, the show's tags or the RepCast
version change (its key, recorded in the state). Running hands the episodes to build to an
executor: worker processes on this machine started with "spawn" (espeak-ng must not be
forked), one speech engine each, sharing one speech cache; or a Dask cluster
(``cluster.py``), each building into a private folder that only this process, holding the
output folder's lock, publishes from. Reporting publishes the episodes, the pages, the
feed and the state as one step: everything is checked first and written to temporary
names, then renamed into place, files before what links them; a failure leaves the show as
it was. A routine that fails keeps its last good episode in the feed. Files are only ever
deleted if the state says this tool wrote them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import fcntl
import functools
import hashlib
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..build import Progress, Settings, output_name, sidecar_paths
from ..errors import InputError, RepcastError, one_line
from ..files import atomic_files, open_regular
from ..routine.model import Routine, load_routine
from ..routine.program import Program, load_program
from ..timing import SAMPLE_RATE
from ..version import __version__
from .jobs import Executor, Job, Results, build_episode

# The feed, the pages, the covers, the tags and the worker processes load when a batch
# runs: `import repcast` (which offers batch()) stays quick.
if TYPE_CHECKING:
    import distributed

    from .feed import Show

log = logging.getLogger("repcast.batch")

STATE = ".repcast-state.json"
LOCK = ".repcast.lock"
STAGING = ".repcast-build-"  # the private folder episodes are built in, before publishing
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
    language: str  # the routine's: its captions are in it
    season: int | None
    key: str
    audio: str  # relative to the output folder
    sidecars: dict[str, str]  # kind -> file, relative to the output folder
    routine: str  # the routine's file name
    bytes: int = 0  # of the audio, once built
    seconds: float = 0.0
    week: int | None = None  # a program's session: its week
    season_name: str | None = None  # ... and the program's name

    @property
    def files(self) -> list[str]:
        return [self.audio, *self.sidecars.values()]

    @classmethod
    def from_json(cls, doc: Any) -> EpisodeState | None:
        """The entry as read back, or None for one this tool could not have written (a
        damaged file): its episode is built afresh, and the files it names (perhaps
        outside the folder) are never deleted."""
        if not isinstance(doc, dict) or any(
            not isinstance(doc.get(f.name), _TYPES[f.name]) or not _fits(f.name, doc.get(f.name))
            for f in dataclasses.fields(cls)
        ):
            return None
        try:
            datetime.date.fromisoformat(doc["date"])
        except ValueError:
            return None
        sidecars = doc["sidecars"]
        if not (
            _SIDECARS <= set(sidecars) <= _SIDECARS | {"chart", "image"}
            and all(
                isinstance(f, str)
                and f.startswith(EPISODES + "/")
                and _ours(f[len(EPISODES) + 1 :])
                for f in (doc["audio"], *sidecars.values())
            )
        ):
            return None
        # The fields added later (week, season_name) are missing from older states.
        return cls(**{f.name: doc[f.name] for f in dataclasses.fields(cls) if f.name in doc})


# The types a damaged state file could get wrong, field by field.
_TYPES: dict[str, type | tuple[type, ...]] = {
    "number": int,
    "date": str,
    "guid": str,
    "title": str,
    "description": str,
    "language": str,
    "season": (int, type(None)),
    "key": str,
    "audio": str,
    "sidecars": dict,
    "routine": str,
    "bytes": int,
    "seconds": (int, float),
    "week": (int, type(None)),
    "season_name": (str, type(None)),
}
_SIDECARS = {"transcript", "chapters", "script"}
# The numbers a batch writes, by field: episode and season numbers as planning hands them
# out, a program's weeks, an audio file's bytes, an episode's seconds (some 115 days).
_RANGES = {
    "number": (1, 10**6),
    "season": (1, 10**6),
    "week": (1, 10**4),
    "bytes": (0, 2**53),
    "seconds": (0, 10**7),
}


def _fits(name: str, value: object) -> bool:
    """Whether a value of the right type is one this tool could have written: what the
    feed publishes from the state is in range and text XML can carry."""
    from .feed import xml_problem

    if isinstance(value, str):
        return xml_problem(value) is None
    if isinstance(value, dict):
        return all(isinstance(v, str) and xml_problem(v) is None for v in value.values())
    if isinstance(value, bool):  # JSON's true is no number
        return False
    if isinstance(value, (int, float)):
        low, high = _RANGES[name]
        return low <= value <= high
    return value is None


@dataclass(frozen=True)
class State:
    """What the last batch left in the output folder."""

    episodes: dict[str, EpisodeState] = field(default_factory=dict)  # by guid
    cover: str | None = None  # the show's cover, copied in
    pages: list[str] = field(default_factory=list)  # the web pages written

    @classmethod
    def load(cls, out: Path) -> State:
        """A missing or damaged state counts as empty, and a damaged entry is left out."""
        if not (out / STATE).is_file():  # not a FIFO either: it would wait for a writer
            return cls()
        try:
            saved = json.loads((out / STATE).read_text("utf-8"), parse_constant=_no_constant)
        except (OSError, ValueError, RecursionError):
            return cls()
        if not isinstance(saved, dict) or not isinstance(saved.get("episodes"), dict):
            return cls()
        entries = {g: EpisodeState.from_json(e) for g, e in saved["episodes"].items()}
        cover = saved.get("cover")
        pages = saved.get("pages")
        return cls(
            {g: e for g, e in entries.items() if e},
            cover if isinstance(cover, str) and _ours(cover) else None,
            [p for p in pages if _our_page(p)] if isinstance(pages, list) else [],
        )

    def dump(self) -> bytes:
        doc = {
            "version": 1,
            "cover": self.cover,
            "pages": self.pages,
            "episodes": {g: dataclasses.asdict(e) for g, e in sorted(self.episodes.items())},
        }
        return (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode()


def _no_constant(name: str) -> float:
    """NaN and the infinities, which JSON does not have: a damaged state."""
    raise ValueError(f"{name} in the state")


def _our_page(name: object) -> bool:
    """A page as pages.py names them: the show's folder or its episodes/ folder."""
    if not isinstance(name, str):
        return False
    folder, _, file = name.rpartition("/")
    return folder in ("", EPISODES) and _ours(file)


def _ours(name: str) -> bool:
    """A plain file name, as this tool writes them: no folder, nothing hidden."""
    return bool(name) and Path(name).name == name and not name.startswith(".")


def process_pool(jobs: int | None = None) -> Executor:
    """Run the episodes in worker processes on this machine, ``jobs`` at once (default: one
    per core)."""

    def run(todo: Sequence[Job], folder: Path) -> Results:
        import concurrent.futures
        import multiprocessing

        workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
        with concurrent.futures.ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(logging.getLogger().getEffectiveLevel(), os.getpid()),
        ) as pool:
            futures = {pool.submit(build_episode, job, folder): i for i, job in enumerate(todo)}
            try:
                for future in concurrent.futures.as_completed(futures):
                    error = future.exception()
                    yield futures[future], future.result() if error is None else error
            finally:
                pool.shutdown(cancel_futures=True)  # stopped early: start nothing more

    return run


def _init_worker(level: int, parent: int) -> None:
    """A spawned worker dies with its parent (killed, it would otherwise wait on its pipe
    forever), and logs as its parent does (--debug shows its commands and engines)."""
    _die_with(parent)
    if level < logging.WARNING:
        logging.basicConfig(level=level, format="%(name)s: %(message)s")


def _die_with(parent: int) -> None:
    """Have the kernel kill this process when ``parent`` ends (Linux), and end now if it
    already has (it may have, before the kernel was asked)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


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
    staging: Path  # where the episodes are built, before they are published
    show: Show
    old: State
    cover: bytes | None = None  # the show's cover, to publish
    todo: list[Task] = field(default_factory=list)
    staged: dict[str, Path] = field(default_factory=dict)  # built files, by their place in out
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
    connect: Callable[[], contextlib.AbstractContextManager[distributed.Client]] | None = None,
) -> BatchResult:
    """Build the routines in ``routines_dir`` as the episodes of the show in ``show_file``
    into ``out``, with the feed. The episodes build in ``jobs`` processes here, or as tasks
    of the Dask cluster that ``client`` is connected to, or that ``connect()`` connects to
    when there is an episode to build."""
    from .feed import load_show

    show = load_show(show_file)
    program = load_program(routines_dir) if routines_dir.is_file() else None
    if program is None and not routines_dir.is_dir():
        raise InputError("is not a folder of routines nor a program", file=str(routines_dir))
    out.mkdir(parents=True, exist_ok=True)
    with _locked(out), _staging(out) as staging:
        plan = _plan(routines_dir, program, show, out, staging, settings)
        try:
            if plan.todo:
                with contextlib.ExitStack() as stack:
                    _run(plan, _executor(stack, jobs, client, connect), progress)
        except BaseException:
            # Stopped (Ctrl-C, a lost cluster): publish the episodes that were finished
            # beside the others as they were, so the feed and the state name exactly the
            # files in the folder.
            if plan.staged:
                plan.episodes = {**plan.old.episodes, **plan.episodes}
                _finish(plan)
            raise
        return _finish(plan)


def _executor(
    stack: contextlib.ExitStack,
    jobs: int | None,
    client: distributed.Client | None,
    connect: Callable[[], contextlib.AbstractContextManager[distributed.Client]] | None,
) -> Executor:
    """The pool here, or the cluster, contacted (or started) only now that there is work."""
    if connect is not None:
        client = stack.enter_context(connect())
    if client is None:
        return process_pool(jobs)
    from .cluster import executor

    return executor(client)


@contextlib.contextmanager
def _staging(out: Path) -> Iterator[Path]:
    """A private folder in ``out`` (so its files rename into place) to build episodes in,
    removed at the end with whatever was not published. One that a killed batch left is
    removed too: under the lock, no other batch uses it."""
    for left in out.glob(STAGING + "*"):
        shutil.rmtree(left, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=STAGING, dir=out))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One batch at a time per output folder: a second one (from cron, say) waits."""
    lock = folder / LOCK
    if not lock.is_symlink() and not lock.exists():
        lock.touch()
    with open_regular(lock, "a lock file", os.O_RDWR) as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# Planning


def _plan(
    routines_dir: Path,
    program: Program | None,
    show: Show,
    out: Path,
    staging: Path,
    settings: Settings,
) -> _Batch:
    """Decide what to build, checking everything first; write nothing."""
    from .pages import check_free

    if (out / STATE).exists() and not (out / STATE).is_file():
        # It could be neither read nor replaced: said now, before anything is built.
        raise InputError("is not a regular file, so not a batch's state", file=str(out / STATE))
    old = State.load(out)
    plan = _Batch(out, staging, show, old)
    routines, images, texts = _routines(routines_dir, program, plan)
    slots = _slots(routines, show, old.episodes, plan.episodes)
    check_free(out, old.pages)
    show_cover = plan.cover = _show_cover(show, out)
    common = _digest(
        __version__.encode(),
        settings.rebuild_key().encode(),
        # Not where the config lives (a relative or absolute --feed is the same show), nor
        # the cover's path: its bytes count, below.
        repr(dataclasses.replace(show, source="", image_file=None)).encode(),
        show_cover or b"",
    ).encode()
    for path, routine in routines.items():
        image = images.get(path, b"")
        entry = _entry(path, routine, texts[path], slots[path], common, image)
        had = old.episodes.get(entry.guid)
        if (
            had
            and had.key == entry.key
            and set(had.files) == set(entry.files)
            and all((out / f).exists() for f in had.files)
        ):
            plan.episodes[entry.guid] = dataclasses.replace(had, routine=path.name)  # a rename
            plan.skipped.append(path.name)
        else:
            job = _job(routine, entry, settings, show, image or show_cover)
            plan.todo.append(Task(path, job, entry))
    return plan


def _entry(
    path: Path, routine: Routine, text: bytes, slot: Slot, common: bytes, image: bytes
) -> EpisodeState:
    """The episode as the state will record it once built: its files, and its key, made of
    everything that goes into them (``common``: what all episodes share)."""
    from .cover import suffix

    name = f"{slot.number:03d}-{output_name(routine, '.mp3')}"
    key = _digest(
        common,
        text,
        json.dumps(dataclasses.asdict(slot), sort_keys=True).encode(),
        name.encode(),
        image,
    )
    audio = Path(EPISODES) / name
    sidecars = {k: p.as_posix() for k, p in sidecar_paths(audio).items()}
    sidecars["chart"] = f"{EPISODES}/{audio.stem}.svg"
    if image:
        sidecars["image"] = f"{EPISODES}/{audio.stem}{suffix(image)}"
    return EpisodeState(
        **dataclasses.asdict(slot),
        title=routine.title,
        description=routine.description,
        language=routine.language,
        season=routine.episode.season,
        key=key,
        audio=audio.as_posix(),
        sidecars=sidecars,
        routine=path.name,
        week=routine.place.week if routine.place else None,
        season_name=routine.place.program if routine.place else None,
    )


def _job(
    routine: Routine, entry: EpisodeState, settings: Settings, show: Show, cover: bytes | None
) -> Job:
    """What a worker needs to build the episode: the routine, its settings with the tags
    (``cover``: the episode's own, else the show's) and the names of its files."""
    from ..sound.tags import Meta

    meta = Meta(
        title=routine.title,
        artist=show.author,
        album=show.title,
        track=entry.number,
        date=entry.date,
        genre="Podcast",
        description=routine.description,
        cover=_embedded(cover) if cover else None,
    )
    episode = dataclasses.replace(settings, sidecars=True, meta=meta, fmt="mp3")
    image = entry.sidecars.get("image")
    copies = ((Path(image).name, cover),) if image and cover else ()
    return Job(routine, Path(entry.audio).name, episode, Path(entry.sidecars["chart"]).name, copies)


@functools.lru_cache(maxsize=4)
def _embedded(image: bytes) -> bytes:
    """A cover re-encoded for the episodes' tags, once however many episodes are built."""
    from .cover import for_embedding

    return for_embedding(image)


def _show_cover(show: Show, out: Path) -> bytes | None:
    """The show's cover, to put in the output folder: the config's image, or one drawn from
    the title. A drawn one is drawn only when its file is missing: its name changes with
    what it shows. None when the cover is kept elsewhere (a URL)."""
    from . import cover

    if show.cover_name is None:
        return None
    if show.image is not None:
        return show.image
    target = out / show.cover_name
    if target.is_file():
        with contextlib.suppress(InputError):  # damaged since: drawn again
            return cover.load(target)
    return cover.generate(show.title)


def _routines(
    folder: Path, program: Program | None, plan: _Batch
) -> tuple[dict[Path, Routine], dict[Path, bytes], dict[Path, bytes]]:
    """The routines in ``folder`` that load, one per title, their own covers and their
    text; the others are failures. A program's sessions are named as ``repcast program -o``
    would write them beside it."""
    # The show's own file may sit among the routines (examples/ does that), and the output
    # folder may be the routines folder: hidden files (our state) are never routines.
    show_path = Path(plan.show.source).resolve()
    files = sorted(
        p
        for p in (() if program else folder.iterdir())
        if p.suffix.lower() in ROUTINE_SUFFIXES
        and p.is_file()
        and p.resolve() != show_path
        and not p.name.startswith(".")
    )
    routines: dict[Path, Routine] = {}
    images: dict[Path, bytes] = {}
    texts: dict[Path, bytes] = {}
    sessions = {folder.parent / s.file_name: s for s in program.sessions} if program else {}
    for path in sessions or files:
        try:
            if path in sessions:
                routine, texts[path] = sessions[path].routine, sessions[path].text
            else:
                routine, texts[path] = load_routine(path), path.read_bytes()
            _check_texts(path, routine)
            image = _episode_image(path, routine)
        except RepcastError as exc:
            log.debug("%s failed", path.name, exc_info=exc)
            plan.fail(path, str(exc))
            continue
        routines[path] = routine
        if image is not None:
            images[path] = image
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
    return routines, images, texts


def _check_texts(path: Path, routine: Routine) -> None:
    """Refuse a routine whose title or description the feed cannot carry."""
    from .feed import xml_problem

    for name, text in (("title", routine.title), ("description", routine.description)):
        why = xml_problem(text)
        if why:
            raise InputError(why, file=str(path), field=name)


def _episode_image(path: Path, routine: Routine) -> bytes | None:
    """The routine's own cover (episode.image, beside the routine), checked as the show's."""
    from . import cover

    if routine.episode.image is None:
        return None
    try:
        return cover.load(path.parent / routine.episode.image)
    except InputError as exc:
        raise InputError(exc.reason, file=str(path), field="episode.image") from None


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
    try:
        date = show.start_date + datetime.timedelta(days=show.every_days * (number - 1))
    except OverflowError:
        raise InputError(
            f"episode {number} would come after the year 9999 (start_date plus every_days "
            "for each episode before it); give it an episode.date",
            file=str(path),
            field="episode.date",
        ) from None
    return Slot(number, date.isoformat(), guid)


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big") + part)
    return h.hexdigest()


# Running


def _run(plan: _Batch, executor: Executor, progress: Progress | None) -> None:
    """Build what the plan says, recording each episode as it is done."""
    results = executor([task.job for task in plan.todo], plan.staging)
    with contextlib.closing(results):  # the executor stops whatever it still runs
        for done, (index, result) in enumerate(results, 1):
            task = plan.todo[index]
            if isinstance(result, BaseException):  # one episode's failure, not the batch's
                log.debug("%s failed", task.path.name, exc_info=result)
                plan.fail(task.path, _reason(task.path, result), task.entry.guid)
            else:
                files = {f: plan.staging / Path(f).name for f in task.entry.files}
                plan.staged.update(files)
                size = files[task.entry.audio].stat().st_size
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
    """Publish: the episodes built, the cover, the pages, the feed and the state, in one
    step; then remove what the show no longer links."""
    from .feed import FEED_NAME, Episode, read_chapters, render_feed
    from .pages import changed, page_path, render_pages, text_in

    out = plan.out

    def where(relative: str) -> Path:
        """A file of the show as it will be: built just now (staged), or already there."""
        return plan.staged.get(relative) or out / relative

    def read(relative: str) -> str | None:
        path = where(relative)
        return text_in(path.parent, path.name)

    removed = [e.routine for g, e in plan.old.episodes.items() if g not in plan.episodes]
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
            page_path=page_path(e.audio),
            chart_path=e.sidecars.get("chart"),
            image_path=e.sidecars.get("image"),
            chapters=read_chapters(where(e.sidecars["chapters"])),
            language=e.language,
            week=e.week,
            season_name=e.season_name,
        )
        for g, e in sorted(plan.episodes.items())
    ]

    # In the order they are renamed: each file before those that link it.
    files: dict[str, bytes] = {}
    if plan.cover is not None and plan.show.cover_name:
        files[plan.show.cover_name] = plan.cover
    pages = render_pages(plan.show, episodes, read)
    files.update(pages)
    files[FEED_NAME] = render_feed(plan.show, episodes)
    files[STATE] = State(plan.episodes, plan.show.cover_name, sorted(pages)).dump()
    (out / EPISODES).mkdir(exist_ok=True)
    with atomic_files(changed(out, files)):
        for relative, staged in plan.staged.items():
            os.replace(staged, out / relative)
    # Nothing links these any more; the old state says they are ours.
    _clean(out, plan.old, plan.episodes)
    for stale in set(plan.old.pages) - set(pages):
        (out / stale).unlink(missing_ok=True)
    if plan.old.cover and plan.old.cover != plan.show.cover_name:
        (out / plan.old.cover).unlink(missing_ok=True)
    return BatchResult(
        tuple(plan.built),
        tuple(plan.skipped),
        tuple(plan.failed),
        tuple(removed),
        sum(e.seconds for e in plan.episodes.values()),
        out / FEED_NAME,
    )


def _clean(out: Path, old: State, keep: dict[str, EpisodeState]) -> None:
    """Delete what this tool wrote (the old state says so) and ``keep`` no longer uses:
    removed episodes, and the old files of one whose number or title changed."""
    current = {f for e in keep.values() for f in e.files}
    for stale in {f for e in old.episodes.values() for f in e.files} - current:
        (out / stale).unlink(missing_ok=True)
