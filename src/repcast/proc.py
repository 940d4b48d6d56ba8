"""The one wrapper around external programs (ffmpeg): argument lists, no shell, stderr kept
for the error message, the exact command logged at debug level."""

from __future__ import annotations

import contextlib
import logging
import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Generator, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, BinaryIO

from .errors import ToolError
from .timing import SAMPLE_RATE

log = logging.getLogger("repcast.proc")


def ffmpeg() -> str:
    """``REPCAST_FFMPEG``, else a system ffmpeg, else the one in the imageio-ffmpeg wheel."""
    chosen = os.environ.get("REPCAST_FFMPEG") or shutil.which("ffmpeg")
    if chosen:
        return chosen
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError) as exc:
        raise ToolError(f"no ffmpeg found: install ffmpeg or imageio-ffmpeg ({exc})") from exc


def run(args: list[str], *, data: bytes | None = None) -> bytes:
    """Run to completion; return stdout. A failure raises ToolError with ffmpeg's stderr."""
    log.debug("run: %s", shlex.join(args))
    try:
        done = subprocess.run(
            args,
            input=data,
            capture_output=True,
            stdin=None if data is not None else subprocess.DEVNULL,
            start_new_session=True,  # as in _start: a Ctrl-C is ours to handle, not its
        )
    except OSError as exc:
        raise ToolError(f"cannot start {args[0]}: {exc.strerror}", command=args) from exc
    if done.returncode:
        raise ToolError(
            f"{os.path.basename(args[0])} failed (exit {done.returncode})",
            command=args,
            stderr=done.stderr.decode("utf-8", "replace"),
        )
    return done.stdout


def _start(args: list[str], err: BinaryIO, *, stdin: int, stdout: int) -> subprocess.Popen:
    # Its own session: a Ctrl-C at the terminal reaches only us, and we stop the program,
    # rather than race it to report a failed encode instead of an interruption. stderr goes
    # to a temporary file, never a pipe, so a chatty or dying program cannot block on it.
    try:
        return subprocess.Popen(
            args, stdin=stdin, stdout=stdout, stderr=err, start_new_session=True
        )
    except OSError as exc:
        raise ToolError(f"cannot start {args[0]}: {exc.strerror}", command=args) from exc


def _failed(args: list[str], code: int, err: BinaryIO) -> ToolError:
    err.seek(0)
    return ToolError(
        f"{os.path.basename(args[0])} failed (exit {code})",
        command=args,
        stderr=err.read().decode("utf-8", "replace"),
    )


@contextlib.contextmanager
def feed(args: list[str]) -> Iterator[IO[bytes]]:
    """Start a program and yield its stdin to stream into; wait for it on exit."""
    log.debug("feed: %s", shlex.join(args))
    with tempfile.TemporaryFile() as err:
        proc = _start(args, err, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        assert proc.stdin is not None
        try:
            yield proc.stdin
            proc.stdin.close()
            code = proc.wait()
        except BrokenPipeError:
            code = proc.wait()
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            with contextlib.suppress(OSError):
                proc.stdin.close()
        if code:
            raise _failed(args, code, err)


def stream(args: list[str], chunk: int = 1 << 16) -> Generator[bytes, None, None]:
    """Start a program and yield its stdout in pieces of at most ``chunk`` bytes.

    Memory stays flat however much it writes: it waits on a full pipe until we read on.
    Closing the generator early stops the program (that is not a failure).
    """
    log.debug("stream: %s", shlex.join(args))
    with tempfile.TemporaryFile() as err:
        proc = _start(args, err, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
        assert proc.stdout is not None
        try:
            while data := proc.stdout.read(chunk):
                yield data
            code = proc.wait()
        except BaseException:  # also GeneratorExit: the reader stopped early
            proc.kill()
            proc.wait()
            raise
        finally:
            proc.stdout.close()
        if code:
            raise _failed(args, code, err)


def ffmpeg_command(*args: str) -> list[str]:
    """ffmpeg with ``args``, quiet but for errors (they end up in ToolError messages)."""
    return [ffmpeg(), "-hide_banner", "-v", "error", *args]


@lru_cache(maxsize=1)
def resampler() -> str:
    """ffmpeg's filter for music and sounds at another rate: soxr where ffmpeg was built with
    it (the bundled one is), else ffmpeg's own with a longer filter than its default."""
    conf = run([ffmpeg(), "-hide_banner", "-buildconf"]).decode("utf-8", "replace")
    if "--enable-libsoxr" in conf:
        return f"aresample={SAMPLE_RATE}:resampler=soxr:precision=28"
    return f"aresample={SAMPLE_RATE}:filter_size=256:cutoff=0.95"


def decode_args(
    path: Path, *, loop: bool = False, seconds: float | None = None, channels: int = 1
) -> list[str]:
    """ffmpeg decoding the first audio stream of ``path`` to s16le on stdout."""
    return ffmpeg_command(
        "-nostdin",
        *(["-stream_loop", "-1"] if loop else []),
        "-i",
        str(path),
        "-map",
        "0:a:0",
        *(["-t", str(seconds)] if seconds is not None else []),
        "-ac",
        str(channels),
        "-af",
        resampler(),
        "-f",
        "s16le",
        "pipe:1",
    )
