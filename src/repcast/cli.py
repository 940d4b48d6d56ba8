"""The command line: parse options, call the library, turn its errors into one line."""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import __version__, report, speech
from .build import build, output_name, prepare
from .errors import RepcastError
from .plan import make_plan
from .routine import Routine, builtin_routine, json_schema, load_routine
from .timing import clock


def _env_debug() -> bool:
    return os.environ.get("REPCAST_DEBUG", "").lower() not in ("", "0", "false", "no")


class _Cli(click.Group):
    """The single boundary where library errors become a message and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        debug = bool(ctx.params.get("debug")) or _env_debug()
        try:
            return super().invoke(ctx)
        except RepcastError as exc:
            if debug:
                raise
            click.echo(f"repcast: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except OSError as exc:
            # Anything the library did not already explain (a full disk mid-write, say).
            if debug:
                raise
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"repcast: error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            if debug:
                raise
            click.echo("repcast: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="repcast")
@click.option("--debug", is_flag=True, help="Show tracebacks and external commands.")
def cli(debug: bool) -> None:
    """RepCast: turn a workout routine into one voice-guided, exactly timed MP3."""
    if debug or _env_debug():
        logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")


def routine_argument(fn: Callable[..., Any]) -> Callable[..., Any]:
    """ROUTINE (optional): a YAML or JSON file; without it, the built-in routine."""

    @click.argument(
        "routine_file", required=False, metavar="[ROUTINE]", type=click.Path(path_type=Path)
    )
    @functools.wraps(fn)
    def wrapper(routine_file: Path | None, **kwargs: Any) -> Any:
        routine = load_routine(routine_file) if routine_file else builtin_routine()
        return fn(routine=routine, **kwargs)

    return wrapper


def cache_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--cache-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Where spoken clips are cached (default: the user cache folder, "
        "or $REPCAST_CACHE_DIR).",
    )(fn)


_LABELS = {"speech": "Speaking ", "render": "Rendering"}


class _Progress:
    """Progress bars on a terminal; nothing at all when stderr is piped."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.bar: Any = None
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = click.progressbar(length=total, label=_LABELS[stage], file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _notes(timeline: Any) -> None:
    for a in timeline.adjustments:
        click.echo(f"repcast: note: {a.describe()}", err=True)


@cli.command("build")
@routine_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="The MP3 to write (default: from the routine's title, in this folder).",
)
@click.option(
    "--bitrate",
    default="96k",
    show_default=True,
    type=click.Choice(["64k", "96k", "128k", "160k", "192k"]),
    help="MP3 bitrate (mono).",
)
@cache_option
def build_cmd(routine: Routine, output: Path | None, bitrate: str, cache_dir: Path | None) -> None:
    """Build the workout MP3 from ROUTINE (default: the built-in routine)."""
    target = output or Path(output_name(routine))
    progress = _Progress()
    try:
        result = build(
            routine,
            target,
            cache_dir=cache_dir or speech.default_cache_dir(),
            bitrate=bitrate,
            progress=progress,
        )
    finally:
        progress.close()
    _notes(result.timeline)
    click.echo(f"{target}  {clock(result.timeline.total)}")


@cli.command("script")
@routine_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "vtt"]),
    default="text",
    show_default=True,
    help="Plain text, machine-readable JSON, or WebVTT captions.",
)
@cache_option
def script_cmd(routine: Routine, fmt: str, cache_dir: Path | None) -> None:
    """Print the timed cue script that the audio follows, without making audio."""
    timeline = prepare(routine, cache_dir=cache_dir or speech.default_cache_dir()).timeline
    render = {"text": report.script_text, "json": report.script_json, "vtt": report.script_vtt}
    click.echo(render[fmt](timeline), nl=False)


@cli.command("plan")
@routine_argument
def plan_cmd(routine: Routine) -> None:
    """Print the intervals as a table, with the total length."""
    click.echo(report.plan_table(make_plan(routine)), nl=False)


@cli.command("voices")
@click.option("--lang", default=None, help="Only voices for this language (e.g. en, de).")
def voices_cmd(lang: str | None) -> None:
    """List the voices that can be used in a routine's voice.name."""
    for v in speech.engine().voices():
        if lang and not any(x == lang or x.startswith(lang + "-") for x in v.languages):
            continue
        click.echo(f"{v.language:<16} {v.identifier:<28} {v.name}")


@cli.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the routine format, for editors."""
    click.echo(json.dumps(json_schema(), indent=2))


def main() -> None:
    cli(prog_name="repcast")
