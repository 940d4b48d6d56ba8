"""Atomic file output: write beside the target, then rename, so a reader never sees half."""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

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
    except (FileNotFoundError, NotADirectoryError):
        raise InputError("its folder does not exist", file=str(target)) from None
    except PermissionError:
        raise InputError("its folder is not writable", file=str(target)) from None
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror}", file=str(target)) from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        try:
            os.chmod(tmp_path, 0o644)
            os.replace(tmp_path, target)
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror}", file=str(target)) from None
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
    with atomic_path(target) as tmp:
        try:
            tmp.write_bytes(data)
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror}", file=str(target)) from None


@lru_cache(maxsize=8)
def file_sha256(path: Path) -> str:
    """The SHA-256 of a file (a voice model: 60 MB take about 0.1 s), once per process."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def read_text(path: Path, what: str) -> str:
    """A UTF-8 text file the user named (``what`` it should be, for the message). Editors on
    Windows may start it with a byte-order mark; that is dropped."""
    name = str(path)
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such file", file=name) from None
    except IsADirectoryError:
        raise InputError(f"is a directory, not {what}", file=name) from None
    except UnicodeDecodeError:
        raise InputError("is not UTF-8 text", file=name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=name) from None


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text: the field that wants a date checks it, with a
    message naming the field (PyYAML's own parse of 2026-13-01 fails with no location)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, source: str) -> Any:
    """Parse YAML from the user; any problem is an InputError with its line and column."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        raise InputError(
            f"line {line}, column {column}: contains control characters", file=source
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise InputError(f"{where}{exc.problem or 'invalid YAML'}", file=source) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", file=source) from None
