"""Files in and out: the user's files read with a size limit, and atomic output (written
beside the target, then renamed, so a reader never sees half)."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from .errors import InputError, OutputError


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's directory; rename it over the target on
    success, delete it on any failure (including Ctrl-C)."""
    target = Path(target)
    if target.is_dir():
        raise InputError("is a directory, not a file to write", file=str(target))
    _sweep(target)
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent
        )
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise InputError("its folder does not exist", file=str(target)) from exc
    except PermissionError as exc:
        raise InputError("its folder is not writable", file=str(target)) from exc
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror}", file=str(target)) from exc
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        try:
            os.chmod(tmp_path, 0o644)
            os.replace(tmp_path, target)
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror}", file=str(target)) from exc
    finally:
        tmp_path.unlink(missing_ok=True)


def _sweep(target: Path) -> None:
    """Remove temporary files a killed run (SIGKILL, power loss) left beside ``target``:
    their names carry the writer's process id, and that process is gone."""
    for part in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
        pid = part.name[len(target.name) + 2 :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            part.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, it is just not ours to signal
    return True


def atomic_write(target: Path, data: bytes) -> None:
    atomic_write_all({target: data})


def atomic_write_all(files: Mapping[Path, bytes]) -> None:
    """Write several files, each beside its target, and rename them all into place at the
    very end: on any failure every target is left as it was."""
    with atomic_files(files):
        pass


@contextlib.contextmanager
def atomic_files(files: Mapping[Path, bytes]) -> Iterator[None]:
    """Write every file beside its target first; when the block ends without an error,
    rename them into place in the order given (so a file that links another can come after
    it). On any failure before that, every target is left as it was."""
    with contextlib.ExitStack() as stack:
        # The stack renames the last one entered first.
        temps = {t: stack.enter_context(atomic_path(t)) for t in reversed(list(files))}
        for target, data in files.items():
            try:
                temps[target].write_bytes(data)
            except OSError as exc:
                raise OutputError(f"cannot write: {exc.strerror}", file=str(target)) from exc
        yield


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file (a voice model: 60 MB take about 0.1 s)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


STDIN = "-"
"""The file name that means standard input."""


def source_name(path: Path | str) -> str:
    """How messages name a file the user gave (``<stdin>`` for ``-``)."""
    return "<stdin>" if str(path) == STDIN else str(path)


def read_bytes(path: Path | str, what: str, limit: int) -> bytes:
    """A file the user named, or standard input for ``-`` (``what`` it should be, for the
    message), refused when it is larger than ``limit`` bytes. At most that much is ever
    read, so a device or a pipe that never ends (/dev/zero) is refused too, rather than
    filling the memory."""
    name = source_name(path)
    try:
        if str(path) == STDIN:
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
    except FileNotFoundError as exc:
        raise InputError("no such file", file=name) from exc
    except IsADirectoryError as exc:
        raise InputError(f"is a directory, not {what}", file=name) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=name) from exc
    if len(data) > limit:
        raise InputError(too_large(limit, what), file=name)
    return data


def too_large(limit: int, what: str) -> str:
    size = f"{limit / 1e6:g} MB" if limit >= 1e6 else f"{limit / 1e3:g} kB"
    return f"is larger than {size}, the limit for {what}"


def read_text(path: Path | str, what: str, limit: int) -> str:
    """A UTF-8 text file the user named, as ``read_bytes`` reads it. Editors on Windows may
    start it with a byte-order mark; that is dropped."""
    try:
        return read_bytes(path, what, limit).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError("is not UTF-8 text", file=source_name(path)) from exc
