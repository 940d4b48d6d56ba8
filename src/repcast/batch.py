"""Build a folder of routines into podcast episodes and a feed, incrementally and in
parallel.

An episode is rebuilt only when its routine file, the build settings, the show's tags or
the RepCast version change (a key recorded in the output folder's state file). Episodes
build in worker processes started with "spawn" (espeak-ng must not be forked), one speech
engine each, sharing one speech cache. A routine that fails keeps its last good episode in
the feed. Files are only ever deleted if the state says this tool wrote them.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import datetime
import fcntl
import functools
import hashlib
import json
import logging
import multiprocessing
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import __version__, cover
from .build import Settings, build, output_name, sidecar_paths
from .chart import plan_svg
from .errors import InputError, RepcastError
from .feed import Episode, Show, load_show, render_feed
from .files import atomic_write
from .pages import check_free, page_path, write_pages
from .routine import Routine, load_routine
from .tags import Meta, read_image
from .timing import SAMPLE_RATE

log = logging.getLogger("repcast.batch")

STATE = ".repcast-state.json"
LOCK = ".repcast.lock"
EPISODES = "episodes"
ROUTINE_SUFFIXES = (".yaml", ".yml", ".json")

Progress = Callable[[int, int, str], None]
"""``progress(done, total, what)``, called as each episode starts and ends."""


@dataclass(frozen=True)
class BatchResult:
    built: tuple[str, ...]
    skipped: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]  # (routine file, one-line reason)
    removed: tuple[str, ...]
    seconds: float  # audio length of all episodes in the feed
    feed: Path


@dataclass(frozen=True)
class _Job:
    """One episode to build, as sent to a worker process (plain, picklable data)."""

    routine: Routine  # as read and keyed here: a file edited meanwhile cannot slip in
    output: Path
    settings: Settings
    chart: Path  # the plan drawn as SVG, for the episode's page
    copies: tuple[tuple[Path, bytes], ...] = ()  # written as they are: the episode's cover


def _init_worker(level: int) -> None:
    """A spawned worker logs as its parent does (--debug shows its commands and engines)."""
    if level < logging.WARNING:
        logging.basicConfig(level=level, format="%(name)s: %(message)s")


def _work(job: _Job) -> tuple[int, int]:
    """In a worker: build one episode and its chart; return its size in bytes and length
    in samples."""
    result = build(job.routine, job.output, job.settings)
    atomic_write(job.chart, plan_svg(result.timeline.script.plan).encode("utf-8"))
    for target, data in job.copies:
        atomic_write(target, data)
    return job.output.stat().st_size, result.timeline.total


# One show cover re-encoded for the episodes' tags, however many episodes are built.
_embedded = functools.lru_cache(maxsize=4)(cover.for_embedding)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One batch at a time per output folder: a second one (from cron, say) waits."""
    with open(folder / LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _digest(*parts: bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big") + part)
    return h.hexdigest()


def _guid(show: Show, routine: Routine) -> str:
    """The routine's own episode.guid, else one derived from the show and the title: the
    same on every machine and run, and unchanged when the file is renamed."""
    return routine.episode.guid or str(uuid.uuid5(uuid.UUID(show.guid), routine.title))


def _plan_episodes(
    routines: dict[Path, Routine], show: Show, state: dict[str, dict], kept: dict[str, dict]
) -> dict[Path, dict]:
    """Number, date and guid for each routine. The guid comes from the routine, else from
    its title; the number from the routine, else the one the episode already had (so a
    renamed file keeps it), else the next free one in file-name order."""
    guids = {p: _guid(show, r) for p, r in routines.items()}
    numbers: dict[Path, int] = {}
    # Numbers of episodes kept from routines that failed to load stay theirs.
    taken: dict[int, Path] = {e["number"]: Path(e["routine"]) for e in kept.values()}
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
        known = state.get(guids[path], {}).get("number")
        if path not in numbers and known is not None and known not in taken:
            numbers[path] = known
            taken[known] = path
    free = (n for n in range(1, 10**6) if n not in taken)
    for path in sorted(routines):
        if path not in numbers:
            numbers[path] = next(free)
    out = {}
    for path, r in routines.items():
        number = numbers[path]
        date = r.episode.date.isoformat() if r.episode.date else None
        if date is None:
            if show.start_date is None:
                raise InputError(
                    "has no episode.date and the show has no start_date",
                    file=str(path),
                    field="episode.date",
                )
            days = datetime.timedelta(days=show.every_days * (number - 1))
            date = (show.start_date + days).isoformat()
        out[path] = {"number": number, "date": date, "guid": guids[path]}
    return out


def batch(
    routines_dir: Path,
    show_file: Path,
    out: Path,
    settings: Settings,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> BatchResult:
    show = load_show(show_file)
    if not routines_dir.is_dir():
        raise InputError("is not a folder of routines", file=str(routines_dir))
    out.mkdir(parents=True, exist_ok=True)
    (out / EPISODES).mkdir(exist_ok=True)
    with _locked(out):
        return _batch(routines_dir, show, out, settings, jobs, progress)


def _batch(
    routines_dir: Path,
    show: Show,
    out: Path,
    settings: Settings,
    jobs: int | None,
    progress: Progress | None,
) -> BatchResult:
    state, old_cover, old_pages = _load_state(out)
    # The show's own file may sit among the routines (examples/ does that), and the output
    # folder may be the routines folder: hidden files (our state) are never routines.
    show_path = Path(show.source).resolve()
    files = sorted(
        p
        for p in routines_dir.iterdir()
        if p.suffix.lower() in ROUTINE_SUFFIXES
        and p.is_file()
        and p.resolve() != show_path
        and not p.name.startswith(".")
    )
    routines: dict[Path, Routine] = {}
    images: dict[Path, bytes] = {}  # episodes' own covers
    failed: list[tuple[str, str]] = []
    fresh: dict[str, dict] = {}
    for path in files:
        try:
            routine = load_routine(path)
            image = _episode_image(path, routine)
            routines[path] = routine
        except RepcastError as exc:
            log.debug("%s failed", path.name, exc_info=exc)
            failed.append((path.name, str(exc)))
            # Keep the last good episode of a routine that no longer loads.
            fresh.update({g: e for g, e in state.items() if e.get("routine") == path.name})
            continue
        if image is not None:
            images[path] = image
    owners: dict[str, Path] = {}
    for path in sorted(routines):
        guid = _guid(show, routines[path])
        if guid in owners:
            why = InputError(
                f"has the same title as {owners[guid].name}; give one of them an episode.guid",
                file=str(path),
                field="title",
            )
            failed.append((path.name, str(why)))
            del routines[path]
        else:
            owners[guid] = path
    details = _plan_episodes(routines, show, state, fresh)

    check_free(out, old_pages)
    show_cover = _show_cover(show, out)
    cover_name = show.cover_name
    if old_cover and old_cover != cover_name:
        (out / old_cover).unlink(missing_ok=True)  # ours: the state recorded it
    common = _digest(
        __version__.encode(),
        repr(dataclasses.replace(settings, cache_dir=None, meta=None)).encode(),
        # Not where the config lives (a relative or absolute --feed is the same show), nor
        # the cover's path: its bytes count, below.
        repr(dataclasses.replace(show, source="", image_file=None)).encode(),
        show_cover or b"",
    )
    todo: list[tuple[Path, _Job, dict]] = []
    skipped: list[str] = []
    for path, routine in routines.items():
        d = details[path]
        name = f"{d['number']:03d}-{output_name(routine, '.mp3')}"
        audio = out / EPISODES / name
        image = images.get(path, b"")
        key = _digest(
            common.encode(),
            path.read_bytes(),
            json.dumps(d, sort_keys=True).encode(),
            name.encode(),
            image,
        )
        sidecars = {k: f"{EPISODES}/{p.name}" for k, p in sidecar_paths(audio).items()}
        sidecars["chart"] = f"{EPISODES}/{audio.stem}.svg"
        if image:
            sidecars["image"] = f"{EPISODES}/{audio.stem}{cover.suffix(image)}"
        old = state.get(d["guid"])
        entry = {
            **d,
            "title": routine.title,
            "description": routine.description,
            "season": routine.episode.season,
            "key": key,
            "audio": f"{EPISODES}/{name}",
            "sidecars": sidecars,
            "routine": path.name,
        }
        if (
            old
            and old.get("key") == key
            and set(_files(old)) == set(_files(entry))
            and all((out / f).exists() for f in _files(old))
        ):
            fresh[d["guid"]] = {**old, "routine": path.name}  # a rename is not a change
            skipped.append(path.name)
            continue
        meta = Meta(
            title=routine.title,
            artist=show.author,
            album=show.title,
            track=d["number"],
            date=d["date"],
            genre="Podcast",
            description=routine.description,
            cover=_embedded(image or show_cover) if image or show_cover else None,
        )
        episode_settings = dataclasses.replace(settings, sidecars=True, meta=meta, fmt="mp3")
        copies = ((out / sidecars["image"], image),) if image else ()
        job = _Job(routine, audio, episode_settings, out / sidecars["chart"], copies)
        todo.append((path, job, entry))

    built: list[str] = []
    total = len(todo)
    if todo:
        workers = max(1, min(jobs or os.cpu_count() or 1, total))
        context = multiprocessing.get_context("spawn")
        with concurrent.futures.ProcessPoolExecutor(
            workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(logging.getLogger().getEffectiveLevel(),),
        ) as pool:
            futures = {pool.submit(_work, job): (path, entry) for path, job, entry in todo}
            try:
                for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
                    path, entry = futures[future]
                    try:
                        size, samples = future.result()
                    except Exception as exc:  # one episode's failure is reported, not fatal
                        log.debug("%s failed", path.name, exc_info=exc)
                        failed.append((path.name, _reason(path, exc)))
                        # Keep its last good episode, even if its title (so guid) changed.
                        fresh.update(
                            {
                                g: e
                                for g, e in state.items()
                                if g == entry["guid"] or e.get("routine") == path.name
                            }
                        )
                    else:
                        entry.update(bytes=size, seconds=round(samples / SAMPLE_RATE, 3))
                        fresh[entry["guid"]] = entry
                        built.append(path.name)
                    if progress:
                        progress(done, total, path.name)
            except BaseException:
                # Interrupted: record what was finished, so no file we wrote goes untracked.
                _save(out, _clean(out, state, {**state, **fresh}), cover_name, old_pages)
                raise

    removed = [old.get("routine", guid) for guid, old in state.items() if guid not in fresh]
    _clean(out, state, fresh)

    episodes = [
        Episode(
            guid=g,
            title=e["title"],
            description=e["description"] or e["title"],
            number=e["number"],
            season=e["season"],
            pub_date=datetime.datetime.fromisoformat(e["date"]).replace(
                hour=6, tzinfo=datetime.timezone.utc
            ),
            audio_path=e["audio"],
            audio_bytes=e["bytes"],
            duration_seconds=round(e["seconds"]),
            chapters_path=e["sidecars"]["chapters"],
            transcript_path=e["sidecars"]["transcript"],
            page_path=page_path(e["audio"]),
            chart_path=e["sidecars"].get("chart"),
            image_path=e["sidecars"].get("image"),
        )
        for g, e in sorted(fresh.items())
    ]
    # The pages before the feed, so the feed never links a page that is not there yet.
    pages = write_pages(out, show, episodes, old_pages)
    feed = out / "feed.xml"
    atomic_write(feed, render_feed(show, episodes))
    _save(out, fresh, cover_name, pages)
    return BatchResult(
        tuple(built),
        tuple(skipped),
        tuple(failed),
        tuple(removed),
        sum(e["seconds"] for e in fresh.values()),
        feed,
    )


def _reason(path: Path, exc: BaseException) -> str:
    """One line for a failed episode, naming the routine when the error does not."""
    if isinstance(exc, RepcastError):
        return str(exc) if exc.file else f"{path}: {exc}"
    return f"{path}: {type(exc).__name__}: {exc}"


def _clean(out: Path, state: dict[str, dict], keep: dict[str, dict]) -> dict[str, dict]:
    """Delete what this tool wrote (the state says so) and ``keep`` no longer uses: removed
    episodes, and the old files of one whose number or title changed."""
    current = {f for e in keep.values() for f in _files(e)}
    for stale in {f for e in state.values() for f in _files(e)} - current:
        (out / stale).unlink(missing_ok=True)
    return keep


# What the state records of each episode, and the types a damaged file could get wrong.
_ENTRY: dict[str, type | tuple[type, ...]] = {
    "number": int,
    "date": str,
    "guid": str,
    "title": str,
    "description": str,
    "season": (int, type(None)),
    "key": str,
    "audio": str,
    "sidecars": dict,
    "routine": str,
    "bytes": int,
    "seconds": (int, float),
}


def _load_state(out: Path) -> tuple[dict[str, dict], str | None, list[str]]:
    """The episodes, the cover file and the pages the last run recorded. A missing or
    damaged state counts as empty, and an entry we could not have written is left out: its
    episode is built afresh, and the files it names (perhaps outside the folder) are never
    deleted."""
    try:
        saved = json.loads((out / STATE).read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}, None, []
    if not isinstance(saved, dict) or not isinstance(saved.get("episodes"), dict):
        return {}, None, []
    cover = saved.get("cover")
    if not (isinstance(cover, str) and _ours(cover)):
        cover = None
    pages = saved.get("pages")
    pages = [p for p in pages if _our_page(p)] if isinstance(pages, list) else []
    return {g: e for g, e in saved["episodes"].items() if _valid(e)}, cover, pages


def _valid(entry: object) -> bool:
    if not isinstance(entry, dict) or any(
        not isinstance(entry.get(k), kind) for k, kind in _ENTRY.items()
    ):
        return False
    try:
        datetime.date.fromisoformat(entry["date"])
    except ValueError:
        return False
    sidecars = entry["sidecars"]
    return _SIDECARS <= set(sidecars) <= _SIDECARS | {"chart", "image"} and all(
        isinstance(f, str) and f.startswith(EPISODES + "/") and _ours(f[len(EPISODES) + 1 :])
        for f in (entry["audio"], *sidecars.values())
    )


_SIDECARS = {"transcript", "chapters", "script"}


def _our_page(name: object) -> bool:
    """A page as pages.py names them: the show's folder or its episodes/ folder."""
    if not isinstance(name, str):
        return False
    folder, _, file = name.rpartition("/")
    return folder in ("", EPISODES) and _ours(file)


def _ours(name: str) -> bool:
    """A plain file name, as this tool writes them: no folder, nothing hidden."""
    return bool(name) and Path(name).name == name and not name.startswith(".")


def _save(out: Path, episodes: dict[str, dict], cover: str | None, pages: list[str]) -> None:
    doc = {
        "version": 1,
        "cover": cover,
        "pages": pages,
        "episodes": dict(sorted(episodes.items())),
    }
    atomic_write(out / STATE, (json.dumps(doc, indent=1, sort_keys=True) + "\n").encode())


def _show_cover(show: Show, out: Path) -> bytes | None:
    """The show's cover, put in the output folder: the config's image, or one drawn from
    the title. A drawn one is drawn only when its file is missing: its name changes with
    what it shows. None when the cover is kept elsewhere (a URL)."""
    if show.cover_name is None:
        return None
    target = out / show.cover_name
    if show.image_file is not None:
        data = read_image(show.image_file)
    elif target.is_file():
        return target.read_bytes()
    else:
        data = cover.generate(show.title)
    if not (target.is_file() and target.read_bytes() == data):
        atomic_write(target, data)
    return data


def _episode_image(path: Path, routine: Routine) -> bytes | None:
    """The routine's own cover (episode.image, beside the routine), checked as the show's."""
    if routine.episode.image is None:
        return None
    image = path.parent / routine.episode.image
    why = cover.problem(image)
    if why:
        raise InputError(why, file=str(path), field="episode.image")
    return read_image(image)


def _files(entry: dict) -> list[str]:
    return [entry["audio"], *entry.get("sidecars", {}).values()]
