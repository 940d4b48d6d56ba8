"""The command line: parse options, call the library, turn its errors into one line."""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
import logging
import os
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .errors import EpisodesFailed, InputError, RepcastError, install_hint, quoted
from .files import atomic_write, check_output
from .routine.model import Voice, builtin_routine, json_schema, load_routine, with_voice
from .routine.phrases import LANGUAGES, VERBOSITY, builtin_text, load_phrasebook
from .sound import music, sounds
from .sound.encode import FORMATS
from .timing import SAMPLE_RATE, clock, parse_duration
from .version import __version__

# Each command imports the stages it runs when it runs: --help, plan and the other quick
# commands never load the audio pipeline.
if TYPE_CHECKING:
    from .build import Settings, Stage
    from .routine.model import Routine


def _examples(*lines: tuple[str, str]) -> str:
    """A command's help epilog: example command lines with what each does, kept as laid out
    here (click's \\b), so a user can copy one."""
    rows = [f"  # {what}\n  {line}" for line, what in lines]
    return "\b\nExamples:\n" + "\n".join(rows)


def _env_debug() -> bool:
    return os.environ.get("REPCAST_DEBUG", "").lower() not in ("", "0", "false", "no")


class _Cli(click.Group):
    """The single boundary where library errors become a message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        debug = bool(ctx.params.get("debug")) or _env_debug()
        try:
            return super().invoke(ctx)
        except RepcastError as exc:
            if debug and not isinstance(exc, EpisodesFailed):  # their causes are logged
                raise
            for line in exc.lines():
                click.echo(f"repcast: error: {line}", err=True)
            ctx.exit(exc.exit_code)
        except OSError as exc:
            # Anything the library did not already explain (a full disk mid-write, say).
            if debug:
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"repcast: error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(1)
        except click.exceptions.NoArgsIsHelpError:
            raise  # a group without its command: its help, as plain `repcast` prints
        except click.UsageError as exc:
            # One line, like every other error, naming the help to read.
            name = ctx.invoked_subcommand or ""
            click.echo(
                f"repcast: error: {exc.format_message()} (see 'repcast {name} --help')".replace(
                    "  ", " "
                ),
                err=True,
            )
            ctx.exit(2)
        except KeyboardInterrupt:
            if debug:
                raise
            click.echo("repcast: interrupted", err=True)
            ctx.exit(130)


@click.group(
    cls=_Cli,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=_examples(
        ("repcast build my.yaml", "your routine, as an MP3"),
        ("repcast plan my.yaml --rest 20s", "try other rests, without making audio"),
        ("repcast build --help", "a command's options, with examples"),
    ),
)
@click.version_option(__version__, prog_name="repcast")
@click.option("--debug", is_flag=True, help="Show tracebacks and external commands.")
def cli(debug: bool) -> None:
    """RepCast: turn a workout routine into one voice-guided, exactly timed MP3."""
    if debug or _env_debug():
        logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")


def _duration(option: str, text: str) -> int:
    try:
        return parse_duration(text)
    except ValueError as exc:
        raise InputError(str(exc), field=option) from exc


def _scale(option: str, value: float | None) -> float | None:
    if value is not None and not 0 < value <= 100:
        raise InputError(f"must be a factor above 0 (and at most 100), got {value}", field=option)
    return value


def _general_and_named(option: str, values: tuple[str, ...], parse: Callable[[str], int]):
    """Split repeated ``--opt VALUE`` / ``--opt "NAME=VALUE"`` into the general value (the
    last one given) and the per-name pairs."""
    general = None
    named = []
    for value in values:
        name, eq, rest = value.rpartition("=")
        if eq:
            if not name.strip():
                raise InputError(f"expected NAME=VALUE, got {value!r}", field=option)
            named.append((name.strip(), parse(rest.strip())))
        else:
            general = parse(value)
    return general, tuple(named)


def _rounds(text: str) -> int:
    # Three ASCII digits at most: int() of thousands of digits (or of "²") fails, and no
    # count of rounds needs more.
    if not (text.isascii() and text.isdigit() and len(text) <= 3) or not 1 <= int(text) <= 100:
        raise InputError(
            f"expected a whole number of rounds from 1 to 100, got {quoted(text)}", field="--rounds"
        )
    return int(text)


_RETIME_OPTIONS = [
    click.option(
        "--rest",
        multiple=True,
        metavar="DUR|NAME=DUR",
        help="Every rest; or, as NAME=DUR, the rests of one exercise (repeatable).",
    ),
    click.option("--rest-between-sets", metavar="DUR", help="Rest between sets."),
    click.option(
        "--rest-between-exercises", metavar="DUR", help="Rest between exercises (and blocks)."
    ),
    click.option("--rest-between-rounds", metavar="DUR", help="Rest between rounds."),
    click.option("--rest-scale", type=float, metavar="FACTOR", help="Multiply every rest."),
    click.option("--work", metavar="DUR", help="Work time of every timed exercise."),
    click.option(
        "--work-scale",
        type=float,
        metavar="FACTOR",
        help="Multiply timed work and rep time allowances.",
    ),
    click.option(
        "--rounds",
        multiple=True,
        metavar="N|BLOCK=N",
        help="Rounds of the repeating blocks; or, as BLOCK=N, of one block.",
    ),
    click.option(
        "--fit", metavar="DUR", help="Scale the rests so the workout lasts this long (e.g. 20m)."
    ),
    click.option(
        "--fit-floor",
        metavar="DUR",
        default="5s",
        show_default=True,
        help="--fit never shortens a rest below this.",
    ),
    click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        help="Language of the coach's phrases and numbers (default: the routine's).",
    ),
    click.option(
        "--cues",
        "verbosity",
        type=click.Choice(VERBOSITY),
        help="How much the coach says (default: the routine's, else standard).",
    ),
    click.option(
        "--phrases",
        type=click.Path(path_type=Path, dir_okay=False),
        metavar="FILE",
        help="Your own phrasebook (start from 'repcast phrases').",
    ),
    click.option("--voice", metavar="NAME", help="Voice (see 'repcast voices')."),
    click.option(
        "--rate", type=int, metavar="WPM", help="Speaking rate, 80 to 450 words a minute."
    ),
    click.option("--pitch", type=int, metavar="0-100", help="Voice pitch (50 is normal)."),
]


def routine_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """ROUTINE (optional; default: the built-in routine) plus the options that re-time and
    re-voice it; the command receives the resulting ``routine``."""

    @functools.wraps(fn)
    def wrapper(routine_file: Path | None, **kw: Any) -> Any:
        from .routine.retime import Retiming, retime

        routine = load_routine(routine_file) if routine_file else builtin_routine()
        rest, rest_by_name = _general_and_named(
            "--rest", kw.pop("rest"), lambda t: _duration("--rest", t)
        )
        rounds, rounds_by_name = _general_and_named("--rounds", kw.pop("rounds"), _rounds)
        dur = {}
        for key in (
            "rest_between_sets",
            "rest_between_exercises",
            "rest_between_rounds",
            "work",
            "fit",
            "fit_floor",
        ):
            text = kw.pop(key)
            dur[key] = _duration("--" + key.replace("_", "-"), text) if text else None
        if dur["work"] == 0:
            raise InputError("must be longer than zero", field="--work")
        routine = retime(
            routine,
            Retiming(
                rest_ms=rest,
                rest_by_name=rest_by_name,
                rest_between_sets_ms=dur["rest_between_sets"],
                rest_between_exercises_ms=dur["rest_between_exercises"],
                rest_between_rounds_ms=dur["rest_between_rounds"],
                rest_scale=_scale("--rest-scale", kw.pop("rest_scale")),
                work_ms=dur["work"],
                work_scale=_scale("--work-scale", kw.pop("work_scale")),
                rounds=rounds,
                rounds_by_name=rounds_by_name,
                fit_ms=dur["fit"],
                fit_floor_ms=dur["fit_floor"] or 0,
            ),
        )
        voice = {k: v for k in ("voice", "rate", "pitch") if (v := kw.pop(k)) is not None}
        if voice:
            routine = with_voice(routine, **voice)
        lang, verbosity, phrases = kw.pop("lang"), kw.pop("verbosity"), kw.pop("phrases")
        if lang and lang != routine.language and "voice" not in voice:
            # The file's voice speaks the file's language; another language gets its own.
            routine = replace(routine, voice=replace(routine.voice, name=""))
        routine = replace(
            routine,
            language=lang or routine.language,
            verbosity=verbosity or routine.verbosity,
            phrasebook=load_phrasebook(phrases, lang or routine.language) if phrases else None,
        )
        if "voice" in voice:
            from .voice import speech

            speech.speaker(routine.voice, field="--voice")
        return fn(routine=routine, **kw)

    for option in reversed(_RETIME_OPTIONS):
        wrapper = option(wrapper)
    return click.argument(
        "routine_file", required=False, metavar="[ROUTINE]", type=click.Path(path_type=Path)
    )(wrapper)


_LABELS: dict[Stage, str] = {"speech": "Speaking ", "render": "Rendering", "episodes": "Episodes"}


class _Progress:
    """Progress bars on a terminal, one a stage; nothing at all when stderr is piped."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.bar: Any = None
        self.stage: Stage | None = None

    def __call__(self, stage: Stage, done: int, total: int, item: str) -> None:
        if not self.enabled:
            return
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = click.progressbar(
                length=total,
                label=_LABELS[stage],
                file=sys.stderr,
                show_pos=stage == "episodes",
                item_show_func=lambda x: x,
            )
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos, item or None)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _notes(timeline: Any) -> None:
    for a in timeline.adjustments:
        click.echo(f"repcast: note: {a.describe()}", err=True)


def _voice_notes(routine: Routine) -> None:
    """Say where the voice will not do what the routine asks (another language, a pitch
    the engine has no setting for): heard in the audio, so said before it is made."""
    from .voice import speech
    from .voice.voices import notes as voice_notes

    voice = routine.speaking_voice
    info = speech.speaker(voice, routine.source).info
    for note in voice_notes(info, voice, routine.language):
        click.echo(f"repcast: note: {note}", err=True)


_CACHE_DIR = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The cache (default: the user cache folder, or $REPCAST_CACHE_DIR).",
)


def sound_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """--cache-dir, --sounds and --sound, turned into ``settings`` for the command."""

    @_CACHE_DIR
    @click.option(
        "--sounds",
        "kit",
        type=click.Choice(list(sounds.KITS)),
        default="beeps",
        show_default=True,
        help="The kit of cue sounds.",
    )
    @click.option(
        "--sound",
        "own",
        multiple=True,
        metavar="KIND=FILE",
        help="Your own sound for a cue kind: beep (countdown) or final (each "
        "start and stop). Repeatable.",
    )
    @functools.wraps(fn)
    def wrapper(cache_dir: Path | None, kit: str, own: tuple[str, ...], **kw: Any) -> Any:
        files = {}
        for item in own:
            kind, eq, path = item.partition("=")
            if not eq:
                raise InputError(f"expected KIND=FILE, got {item!r}", field="--sound")
            files[kind.strip()] = Path(path)
        from .build import Settings
        from .voice import speech

        settings = Settings(
            cache_dir=cache_dir or speech.default_cache_dir(), sounds=sounds.sounds(kit, files)
        )
        return fn(settings=settings, **kw)

    return wrapper


_AUDIO_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="Audio format (default: from the output's extension, else mp3).",
)


@cli.command(
    "build",
    epilog=_examples(
        ("repcast build", "the built-in routine, as an MP3"),
        ("repcast build my.yaml -o my.m4a", "your routine, as AAC"),
        ("repcast build my.yaml --rest 20s --lang de", "shorter rests, in German"),
        ("repcast build my.yaml --music songs/ --cover art.jpg", "music and cover art"),
    ),
)
@routine_options
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="The file to write (default: from the routine's title, in this folder).",
)
@_AUDIO_FORMAT
@click.option(
    "--bitrate",
    default="96k",
    show_default=True,
    type=click.Choice(["48k", "64k", "96k", "128k", "160k", "192k"]),
    help="Bitrate of lossy formats.",
)
@click.option(
    "--music",
    "music_source",
    type=click.Path(path_type=Path),
    metavar="FILE|DIR",
    help="Background music: a file, or a folder played as a shuffled playlist.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Shuffle of a music folder (the same seed, the same order).",
)
@click.option(
    "--music-level",
    type=float,
    default=music.LEVEL_DB,
    show_default=True,
    metavar="DB",
    help="Music level in dB (ducked under every cue).",
)
@click.option(
    "--music-rest-level",
    type=float,
    default=None,
    metavar="DB",
    help="A different music level during rests.",
)
@click.option(
    "--loudness",
    default="-16",
    show_default=True,
    metavar="LUFS|off",
    help="Integrated loudness to normalize to (podcasts use -16), or off.",
)
@click.option(
    "--sidecars/--no-sidecars",
    default=True,
    show_default=True,
    help="Also write NAME.vtt (transcript), NAME.chapters.json and NAME.txt.",
)
@click.option(
    "--cover",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="IMAGE",
    help="Cover art (JPEG or PNG) to embed.",
)
@sound_options
def build_cmd(
    routine: Routine,
    output: Path | None,
    fmt: str | None,
    bitrate: str,
    music_source: Path | None,
    seed: int,
    music_level: float,
    music_rest_level: float | None,
    loudness: str,
    sidecars: bool,
    cover: Path | None,
    settings: Settings,
) -> None:
    """Build the workout audio from ROUTINE (default: the built-in routine)."""
    from .build import build, output_name
    from .sound.encode import format_for
    from .sound.music import Music
    from .sound.music import load as load_music

    _voice_notes(routine)
    fmt = format_for(output or Path(), fmt).name
    target = output or Path(output_name(routine, "." + fmt))
    bed = None
    if music_source is not None:
        tracks, channels = load_music(music_source, seed)
        bed = Music(tracks, level_db=music_level, rest_level_db=music_rest_level, channels=channels)
    meta = None
    if cover is not None:
        from .show.cover import problem
        from .sound.tags import Meta, read_image  # mutagen: only for the commands that tag

        art = read_image(cover)
        why = problem(cover)  # the art podcast apps take, as the show's cover is checked
        if why:
            raise InputError(why, field="--cover")
        meta = Meta(routine.title, description=routine.description, cover=art)
    settings = replace(
        settings,
        music=bed,
        fmt=fmt,
        bitrate=bitrate,
        sidecars=sidecars,
        loudness=_loudness(loudness),
        meta=meta,
    )
    progress = _Progress()
    try:
        result = build(routine, target, settings, progress)
    finally:
        progress.close()
    _notes(result.timeline)
    click.echo(f"{target}  {clock(result.timeline.total)}")
    for path in result.sidecars:
        click.echo(str(path))


def _loudness(text: str) -> float | None:
    if text.strip().lower() in ("off", "none"):
        return None
    try:
        value = float(text)
    except ValueError as exc:
        raise InputError(
            f"expected LUFS (e.g. -16) or off, got {text!r}", field="--loudness"
        ) from exc
    if not -40 <= value <= -5:
        raise InputError(f"must be between -40 and -5 LUFS, got {value:g}", field="--loudness")
    return value


@cli.command(
    "script",
    epilog=_examples(
        ("repcast script my.yaml", "what the coach says, and when"),
        ("repcast script my.yaml --cues minimal", "with fewer cues"),
        ("repcast script my.yaml --format vtt", "as WebVTT captions"),
    ),
)
@routine_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "vtt"]),
    default="text",
    show_default=True,
    help="Plain text, machine-readable JSON, or WebVTT captions.",
)
@sound_options
def script_cmd(routine: Routine, fmt: str, settings: Settings) -> None:
    """Print the timed cue script that the audio follows, without making audio."""
    from .build import prepare
    from .sound import report

    _voice_notes(routine)
    timeline = prepare(routine, settings).timeline
    render = {"text": report.script_text, "json": report.script_json, "vtt": report.script_vtt}
    click.echo(render[fmt](timeline), nl=False)
    if fmt == "vtt":
        _notes(timeline)  # text and JSON carry them; captions cannot


@cli.command(
    "batch",
    epilog=_examples(
        ("repcast batch routines/ --feed podcast.yaml --out public/", "episodes and a feed"),
        ("repcast batch routines/ --feed podcast.yaml --out public/ --jobs 1", "one at a time"),
        ("repcast batch program.yaml --feed podcast.yaml --out public/", "a program's season"),
        (
            "repcast batch routines/ --feed podcast.yaml --out public/ --cluster local",
            "on a Dask cluster",
        ),
    ),
)
@click.argument("routines_dir", type=click.Path(path_type=Path), metavar="ROUTINES_DIR|PROGRAM")
@click.option(
    "--feed",
    "show_file",
    required=True,
    type=click.Path(path_type=Path),
    metavar="PODCAST.yaml",
    help="The show: title, author, owner, base URL, ...",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    metavar="DIR",
    help="Where episodes, sidecars and feed.xml go.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=None,
    help="Episodes built at once (default: one per core).",
)
@click.option(
    "--loudness",
    default="-16",
    show_default=True,
    metavar="LUFS|off",
    help="Integrated loudness of every episode, or off.",
)
@click.option(
    "--cluster",
    metavar="ADDRESS|local",
    help="Build the episodes on a Dask cluster: its scheduler (tcp://HOST:8786), or local "
    "for one started on this machine. Needs repcast[cluster].",
)
@sound_options
def batch_cmd(
    routines_dir: Path,
    show_file: Path,
    out: Path,
    jobs: int | None,
    loudness: str,
    cluster: str | None,
    settings: Settings,
) -> None:
    """Build the routines in ROUTINES_DIR, or PROGRAM's sessions, as a podcast.

    A training program becomes a season: its sessions in program order, week by week.
    Only episodes whose routine (or the settings) changed are rebuilt.
    """
    from .show.batch import batch  # feedgen and mutagen: only for the command that publishes

    settings = replace(settings, loudness=_loudness(loudness))
    progress = _Progress()
    connect = _cluster(cluster, jobs, settings) if cluster else None
    with contextlib.ExitStack() as stack:
        stack.callback(progress.close)
        result = batch(routines_dir, show_file, out, settings, jobs, progress, connect=connect)
    click.echo(
        f"built {len(result.built)}, skipped {len(result.skipped)}, "
        f"failed {len(result.failed)}, removed {len(result.removed)}; "
        f"{clock(round(result.seconds * SAMPLE_RATE))} of audio in {result.feed}"
    )
    # The show as the directories will read it, now that it is written.
    refused = _echo_check(out)
    if result.failed:
        raise EpisodesFailed([why for _, why in result.failed])
    if refused:
        click.get_current_context().exit(1)


def _cluster(
    address: str, jobs: int | None, settings: Settings
) -> Callable[[], contextlib.AbstractContextManager[Any]]:
    """How to connect to the cluster --cluster names, checked now; the batch connects only
    when it has episodes to build."""
    from .show.jobs import LOCAL

    if any(importlib.util.find_spec(name) is None for name in ("dask", "distributed")):
        raise InputError(f"needs Dask: {install_hint('cluster')}", field="--cluster")
    if jobs is not None and address != LOCAL:
        raise InputError(
            "the cluster's workers decide how many episodes build at once", field="--jobs"
        )
    return functools.partial(_connect, address, jobs, settings)


@contextlib.contextmanager
def _connect(address: str, jobs: int | None, settings: Settings) -> Iterator[Any]:
    """A client of the cluster, with Dask's own log lines kept from the terminal unless
    --debug: its problems reach the user as our one-line errors."""
    from .show import cluster

    with contextlib.ExitStack() as stack:
        if not logging.getLogger().isEnabledFor(logging.DEBUG):
            for handler in logging.getLogger("distributed").handlers:
                stack.callback(handler.setLevel, handler.level)
                handler.setLevel(logging.CRITICAL + 1)
        yield stack.enter_context(cluster.connect(address, jobs, settings.cache_dir))


@cli.command(
    "plan",
    epilog=_examples(
        ("repcast plan my.yaml", "the intervals and the total length"),
        ("repcast plan my.yaml --fit 20m", "the rests scaled to last 20 minutes"),
        ("repcast plan my.yaml --chart plan.svg", "also drawn, as SVG"),
    ),
)
@routine_options
@click.option(
    "--chart",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE.svg",
    help="Also draw the intervals on a time axis, as SVG.",
)
def plan_cmd(routine: Routine, chart: Path | None) -> None:
    """Print the intervals as a table, with the total length."""
    from .routine.plan import make_plan
    from .sound import report

    if chart:
        check_output(chart, (".svg",), "an SVG chart", routine.source)
    plan = make_plan(routine)
    if chart:
        from .show.chart import plan_svg  # ElementTree: only when a chart is asked for

        atomic_write(chart, plan_svg(plan).encode("utf-8"))
    click.echo(report.plan_table(plan), nl=False)


@cli.command(
    "program",
    epilog=_examples(
        ("repcast program plan.yaml --plan", "the weeks and sessions, what changes, how long"),
        ("repcast program plan.yaml -o sessions/", "one routine file per session"),
        ("repcast batch plan.yaml --feed show.yaml --out public/", "the season as a podcast"),
    ),
)
@click.argument("program_file", metavar="PROGRAM", type=click.Path(path_type=Path))
@click.option("--plan", "show_plan", is_flag=True, help="Print the sessions as a table.")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    metavar="DIR",
    help="Write each session as a routine file into DIR.",
)
def program_cmd(program_file: Path, show_plan: bool, output: Path | None) -> None:
    """Expand a training PROGRAM into its sessions: a table, or routine files."""
    from .files import atomic_write_all
    from .routine.program import load_program
    from .sound import report

    program = load_program(program_file)
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        files = {output / s.file_name: s.text for s in program.sessions}
        atomic_write_all(files)
        click.echo(f"{len(files)} sessions in {output}")
    if show_plan or output is None:
        click.echo(report.program_table(program), nl=False)


@cli.command("phrases")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Which built-in phrasebook.",
)
def phrases_cmd(lang: str) -> None:
    """Print a built-in phrasebook, to copy, edit and use with --phrases."""
    click.echo(builtin_text(lang), nl=False)


@cli.command("say")
@click.argument("text")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The clip to write; the extension picks the format (default: say.wav, or say.FORMAT).",
)
@_AUDIO_FORMAT
@click.option("--voice", metavar="NAME", default="", help="Voice (see 'repcast voices').")
@click.option("--rate", type=int, default=Voice.rate, show_default=True, help="Words a minute.")
@click.option("--pitch", type=int, default=Voice.pitch, show_default=True, help="0 to 100.")
def say_cmd(
    text: str, output: Path | None, fmt: str | None, voice: str, rate: int, pitch: int
) -> None:
    """Speak TEXT with a voice, rate and pitch, to preview them."""
    from .build import say
    from .voice import speech
    from .voice.voices import notes as voice_notes

    routine = with_voice(builtin_routine(), voice=voice or None, rate=rate, pitch=pitch)
    target = output or Path(f"say.{fmt or 'wav'}")
    who = speech.speaker(routine.voice, field="--voice")
    for note in voice_notes(who.info, routine.voice, who.info.language.split("-")[0]):
        click.echo(f"repcast: note: {note}", err=True)
    click.echo(str(say(text, who, target, fmt, routine.spoken)))


@cli.command("voices")
@click.option("--lang", default=None, help="Only voices for this language (e.g. en, de).")
def voices_cmd(lang: str | None) -> None:
    """List the voices for a routine's voice.name or --voice, of both engines.

    espeak-ng's voices, and the Piper voices that are installed (voice packages and the
    voices folder)."""
    from .voice.voices import all_voices

    found = all_voices()
    shown = [v for v in found if not lang or v.speaks(lang.lower())]
    if not shown:
        languages = sorted({v.language.split("-")[0] for v in found if v.language})
        raise InputError(
            f"no voice speaks {lang!r}; languages: {', '.join(languages)}", field="--lang"
        )
    rows = [("NAME", "ENGINE", "LANGUAGE", "RATE", "SOURCE")]
    rows += [(v.name, v.engine, v.language, str(v.sample_rate), v.source) for v in shown]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[4])


@cli.group("cache")
def cache_group() -> None:
    """Look at or empty the speech cache."""


@cache_group.command("info")
@_CACHE_DIR
def cache_info_cmd(cache_dir: Path | None) -> None:
    """Where the cache is, how many clips it holds and their size."""
    from .voice import speech

    root = cache_dir or speech.default_cache_dir()
    count, size = speech.cache_usage(root)
    click.echo(f"{root}  {count} clips  {size / 1e6:.1f} MB")


@cache_group.command("clear")
@_CACHE_DIR
def cache_clear_cmd(cache_dir: Path | None) -> None:
    """Delete every cached clip; they are made again when needed."""
    from .voice import speech

    root = cache_dir or speech.default_cache_dir()
    click.echo(f"removed {speech.cache_clear(root)} clips from {root}")


@cli.command(
    "import",
    epilog=_examples(
        ("repcast import notes.txt -o my.yaml", "your notes, as a routine to edit"),
        ("pbpaste | repcast import - -o my.yaml", "from the clipboard (macOS)"),
        ("repcast import notes.txt --strict", "fail on anything guessed"),
    ),
)
@click.argument("notes", metavar="FILE|-", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the routine here (default: standard output).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 2) instead of filling in what the text does not give.",
)
def import_cmd(notes: Path, output: Path | None, strict: bool) -> None:
    """Read workout notes (plain text or Markdown) into a routine.

    Give - as FILE to read standard input. Values the text does not give are filled in,
    marked '# guessed:' in the YAML and listed on stderr.
    """
    from .notes.importer import read_notes  # a large reader, for this command alone

    if output is not None:
        check_output(output, (".yaml", ".yml"), "a routine", notes)
    result = read_notes(notes)
    for guess in result.guesses:
        click.echo(f"repcast: guessed: {guess.describe(result.routine.source)}", err=True)
    error = result.strict_error()
    if strict and error:
        raise error
    if output is None:
        click.echo(result.yaml, nl=False)
        return
    atomic_write(output, result.yaml.encode("utf-8"))
    count = len(result.routine.exercises)
    click.echo(
        f"{output}  {count} exercise{'s' if count != 1 else ''}, {len(result.guesses)} guessed"
    )


@cli.command(
    "export",
    epilog=_examples(
        ("repcast export my.yaml", "a routine as notes, on the screen"),
        ("repcast export my.yaml -o my.txt", "... into a file"),
    ),
)
@click.argument(
    "routine_file", required=False, metavar="[ROUTINE]", type=click.Path(path_type=Path)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the notes here (default: standard output).",
)
def export_cmd(routine_file: Path | None, output: Path | None) -> None:
    """Write ROUTINE (default: the built-in routine) as readable plain-text notes."""
    from .notes.exporter import export_notes

    if output is not None:
        check_output(output, (".txt", ".md", ".markdown"), "notes", routine_file or "")
    routine = load_routine(routine_file) if routine_file else builtin_routine()
    notes = export_notes(routine)
    if output is None:
        click.echo(notes, nl=False)
    else:
        atomic_write(output, notes.encode("utf-8"))
        click.echo(str(output))


@cli.command("schema")
@click.option("--program", is_flag=True, help="The schema of training programs instead.")
def schema_cmd(program: bool) -> None:
    """Print the JSON Schema of the routine format, for editors."""
    from .routine import program as programs

    click.echo(json.dumps(programs.json_schema() if program else json_schema(), indent=2))


@cli.command(
    "check",
    epilog=_examples(("repcast check public/", "the show batch wrote into public/")),
)
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
def check_cmd(folder: Path) -> None:
    """Check the show in FOLDER as podcast directories would read it.

    One line for each thing Apple Podcasts, Spotify or Podcast Index would refuse or warn
    about; exit status 1 when anything would be refused.
    """
    if _echo_check(folder):
        click.get_current_context().exit(1)


def _echo_check(folder: Path) -> bool:
    """Print what `repcast check` finds in FOLDER, a line each; whether anything would be
    refused."""
    from .show.check import check_show  # lxml and mutagen: only for the commands that check

    report = check_show(folder)
    for line in report.lines():
        click.echo(line)
    return report.refused


@cli.command("serve")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free one).",
)
def serve_cmd(folder: Path, port: int) -> None:
    """Serve FOLDER (what batch wrote) on 127.0.0.1, to look at it in a browser.

    Unlike python -m http.server, it answers Range requests, so the players can seek.
    Ctrl-C stops it.
    """
    from .show.serve import serving

    with serving(folder, port) as url:
        click.echo(f"serving {folder} at {url}  (Ctrl-C stops)")
        threading.Event().wait()  # until Ctrl-C: exit 130, as for every command


def main() -> None:
    cli(prog_name="repcast")
