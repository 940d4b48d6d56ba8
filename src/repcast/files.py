"""Files in and out: the user's files read with a size limit, and atomic output (written
beside the target, then renamed, so a reader never sees half)."""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import os
import secrets
import stat
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, OutputError


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's directory; rename it over the target on
    success, delete it on any failure (including Ctrl-C).

    Only a regular file is ever replaced: a device, a pipe or a socket at the target (say
    /dev/null, where renaming would put a file in its place) is refused. A symbolic link is
    written through: the file it points to is replaced, and the link stays. An existing
    file keeps its permissions; a new one gets what the umask allows, as any file would."""
    target = _through_links(Path(target))
    mode = _existing_mode(target)
    _sweep(target)
    tmp_path = _create_beside(target)
    try:
        yield tmp_path
        try:
            if mode is not None:
                os.chmod(tmp_path, mode)
            os.replace(tmp_path, target)
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror}", file=str(target)) from exc
    finally:
        tmp_path.unlink(missing_ok=True)


def _through_links(target: Path) -> Path:
    """The file a chain of symbolic links at ``target`` ends at (``target`` itself if it is
    none). A loop of links resolves to a path that cannot be read, refused when it is."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _existing_mode(target: Path) -> int | None:
    """The permission bits of the regular file at ``target``; None when there is none."""
    try:
        info = target.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror}", file=str(target)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, not a file to write", file=str(target))
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            "is not a regular file (a device, pipe or socket); name a file to write",
            file=str(target),
        )
    return stat.S_IMODE(info.st_mode)


def _create_beside(target: Path) -> Path:
    """A new, empty temporary file beside ``target``, named after it and this process (so a
    later run can sweep it away). Created with mode 0666 less the umask, as the file itself
    would be (mkstemp's 0600 would hide new outputs from everyone else)."""
    for _ in range(100):
        tmp = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.part"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        except FileExistsError:
            continue
        except (FileNotFoundError, NotADirectoryError) as exc:
            raise InputError("its folder does not exist", file=str(target)) from exc
        except PermissionError as exc:
            raise InputError("its folder is not writable", file=str(target)) from exc
        except OSError as exc:
            raise OutputError(f"cannot write here: {exc.strerror}", file=str(target)) from exc
        os.close(fd)
        return tmp
    raise OutputError("cannot make a temporary file beside it", file=str(target))


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


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether two names are of one existing file (another spelling, a link)."""
    if STDIN in (str(a), str(b)):
        return False
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_output(target: Path, suffixes: tuple[str, ...], what: str, source: Path | str) -> None:
    """Refuse, before any work, an output named for another kind of file than ``what`` it
    will hold (a chart called x.mp3), that is the command's own input ``source``, or that
    is no regular file (see ``atomic_path``)."""
    if target.suffix.lower() not in suffixes:
        raise InputError(
            f"is not a name for {what}; end it with {' or '.join(suffixes)}", file=str(target)
        )
    if same_file(target, source):
        raise InputError(f"is the command's input; write {what} somewhere else", file=str(target))
    _existing_mode(_through_links(target))  # a device or a pipe is refused now, not at the end


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
            with open_regular(path, what) as handle:
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


def open_regular(path: Path | str, what: str, mode: int = os.O_RDONLY) -> BinaryIO:
    """A file the user named, opened only when it is a regular file: a FIFO would wait for
    a writer forever and a device never end. It is opened without waiting (a FIFO's open
    blocks until the other end opens), then looked at."""
    fd = os.open(path, mode | os.O_NONBLOCK | os.O_CLOEXEC)
    kind = os.fstat(fd).st_mode
    if not stat.S_ISREG(kind):
        os.close(fd)
        if stat.S_ISDIR(kind):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        raise InputError(
            f"is not a regular file, so not {what}",
            file=source_name(path),
        )
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb" if mode == os.O_RDONLY else "r+b")


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
