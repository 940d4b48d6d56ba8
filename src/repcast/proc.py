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
from collections.abc import Iterator
from typing import BinaryIO

from .errors import ToolError

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
        raise ToolError(f"no ffmpeg found: install ffmpeg or imageio-ffmpeg ({exc})") from None


def run(args: list[str], *, data: bytes | None = None) -> bytes:
    """Run to completion; return stdout. A failure raises ToolError with ffmpeg's stderr."""
    log.debug("run: %s", shlex.join(args))
    try:
        done = subprocess.run(
            args,
            input=data,
            capture_output=True,
            stdin=None if data is not None else subprocess.DEVNULL,
        )
    except OSError as exc:
        raise ToolError(f"cannot start {args[0]}: {exc.strerror}", command=args) from None
    if done.returncode:
        raise ToolError(
            f"{os.path.basename(args[0])} failed (exit {done.returncode})",
            command=args,
            stderr=done.stderr.decode("utf-8", "replace"),
        )
    return done.stdout


@contextlib.contextmanager
def feed(args: list[str]) -> Iterator[BinaryIO]:
    """Start a program and yield its stdin to stream into; wait for it on exit.

    stderr goes to a temporary file rather than a pipe, so a chatty or dying program can
    never block on a full pipe while we are blocked writing to its stdin.
    """
    log.debug("feed: %s", shlex.join(args))
    with tempfile.TemporaryFile() as err:
        try:
            # Its own session: a Ctrl-C at the terminal reaches only us, and we stop it,
            # rather than racing it to report a failed encode instead of an interruption.
            proc = subprocess.Popen(
                args,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=err,
                start_new_session=True,
            )
        except OSError as exc:
            raise ToolError(f"cannot start {args[0]}: {exc.strerror}", command=args) from None
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
            err.seek(0)
            raise ToolError(
                f"{os.path.basename(args[0])} failed (exit {code})",
                command=args,
                stderr=err.read().decode("utf-8", "replace"),
            )
