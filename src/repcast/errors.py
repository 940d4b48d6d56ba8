"""The one exception family. The CLI turns these into a line on stderr and an exit code."""

from __future__ import annotations

from collections.abc import Sequence


class RepcastError(Exception):
    """A failure the user can act on; ``str()`` is the whole one-line message."""

    exit_code = 1

    def __init__(self, reason: str, *, file: str | None = None, field: str | None = None):
        self.reason = reason
        self.file = file
        self.field = field
        super().__init__(reason)

    def __str__(self) -> str:
        parts = [p for p in (self.file, self.field) if p]
        return ": ".join([*parts, self.reason])

    def lines(self) -> tuple[str, ...]:
        """What the user is told, one error a line."""
        return (str(self),)


class InputError(RepcastError):
    """The routine, an option or a file given by the user is wrong."""

    exit_code = 2


class TooLong(InputError):
    """A routine that would last longer than the limit (a misread text, often)."""


class EngineError(RepcastError):
    """The speech engine could not be loaded or failed to speak."""


class ToolError(RepcastError):
    """An external program (ffmpeg) failed; carries its command and stderr."""

    def __init__(self, reason: str, *, command: list[str] | None = None, stderr: str = ""):
        self.command = command or []
        self.stderr = stderr
        tail = stderr.strip().splitlines()[-1:] if stderr else []
        super().__init__(f"{reason}: {tail[0]}" if tail else reason)


class OutputError(RepcastError):
    """An output file could not be written."""


class ClusterError(RepcastError):
    """The Dask cluster could not be reached, went away, or runs another RepCast."""


class ClusterSetupError(ClusterError):
    """The cluster answers but cannot build episodes as it is set up (another RepCast,
    workers with more than one thread, none): a configuration error."""

    exit_code = 2


class EpisodesFailed(RepcastError):
    """Some episodes of a batch failed (each for its own reason); the rest were built."""

    def __init__(self, reasons: Sequence[str]):
        self.reasons = tuple(reasons)
        super().__init__("; ".join(self.reasons))

    def lines(self) -> tuple[str, ...]:
        return self.reasons


def install_hint(extra: str) -> str:
    """How to add an optional extra: RepCast is installed from its repository, not an index."""
    return f"install the {extra} extra (from a clone: pip install '.[{extra}]')"


def quoted(value: object) -> str:
    """A value as a message shows it: its repr, cut short (a user's value may be huge)."""
    if isinstance(value, int) and value.bit_length() > 128:
        return f"a number of {value.bit_length()} bits"  # repr gives up at 4300 digits
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def one_line(exc: BaseException) -> str:
    """An exception from elsewhere (a library, a worker) as one line."""
    return " ".join(str(exc).split()) or type(exc).__name__
