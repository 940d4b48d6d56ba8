"""Durations: parsing what people write, and the integer sample clock everything runs on."""

from __future__ import annotations

import re

from .errors import quoted

SAMPLE_RATE = 44100
"""Every offset in a plan, cue script and timeline is an integer count of samples at this rate."""
WIDTH = 2
"""Bytes a sample: every clip, window and stream in between is 16-bit PCM."""

MAX_MS = 24 * 3600 * 1000

_UNITS = {"h": 3600_000, "m": 60_000, "s": 1000, "ms": 1}
_UNIT_RE = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|h|m|s)")
_CLOCK_RE = re.compile(r"(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d+)?)")


def parse_duration(value: object) -> int:
    """Milliseconds from ``45``, ``45s``, ``1.5s``, ``1m30s``, ``1:30``, ``1:02:03`` or ``500ms``.

    Raises ``ValueError`` with a message meant for the user. The 24-hour limit is applied
    to every number before any arithmetic, so no length of digits overflows or is slow.
    """
    if isinstance(value, bool):
        raise ValueError(f"expected a duration like 45s or 1:30, got {value!r}")
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"expected a duration like 45s or 1:30, got {value!r}")
        # Far over the limit, or infinite: refused before it is multiplied (1e306 * 1000
        # overflows).
        far = MAX_MS + 1 if value > 0 else -1
        ms = round(value * 1000) if abs(value) <= MAX_MS else far
    elif isinstance(value, str):
        ms = _parse_text(value.strip().lower())
    else:
        raise ValueError(f"expected a duration like 45s or 1:30, got {type(value).__name__}")
    return _checked(ms, value)


def _checked(ms: int, value: object) -> int:
    if ms < 0:
        raise ValueError(f"must not be negative, got {quoted(value)}")
    if ms > MAX_MS:
        raise ValueError(f"{quoted(value)} is longer than 24 hours")
    return ms


def _number(text: str, value: object) -> float:
    """A decimal number written in a duration (``value``, for the message). Python converts
    at most 4300 digits, and floats overflow to infinity: a number whose whole part is
    longer than the limit in milliseconds is refused before it is converted."""
    whole = text.partition(".")[0].lstrip("0")
    if len(whole) > len(str(MAX_MS)):
        _checked(MAX_MS + 1, value)
    return float(text)


def parse_tempo(text: str) -> int:
    """Milliseconds of a tempo's seconds a rep, added up (``2-1-2``), bounded like any
    duration."""
    return _checked(round(sum(_number(part, text) for part in text.split("-")) * 1000), text)


def _parse_text(text: str) -> int:
    negative = text.startswith("-")
    body = text[1:].strip() if negative else text
    clock = _CLOCK_RE.fullmatch(body)
    if clock:
        hours, minutes, seconds = (_number(part or "0", text) for part in clock.groups())
        if seconds >= 60 or (clock[1] is not None and minutes >= 60):
            raise ValueError(f"expected a duration like 45s, 1m30s or 1:30, got {quoted(text)}")
        ms = round(((hours * 60 + minutes) * 60 + seconds) * 1000)
    elif re.fullmatch(r"\d+(?:\.\d+)?", body):
        ms = round(_number(body, text) * 1000)
    elif body and _UNIT_RE.sub("", body).strip() == "":
        ms = round(sum(_number(n, text) * _UNITS[u] for n, u in _UNIT_RE.findall(body)))
    else:
        raise ValueError(f"expected a duration like 45s, 1m30s or 1:30, got {quoted(text)}")
    return -ms if negative else ms


def exact_seconds(ms: int) -> str:
    """Milliseconds as decimal seconds, exactly: ``1000.001``, ``1.5``, ``45``."""
    whole, part = divmod(ms, 1000)
    return f"{whole}.{part:03d}".rstrip("0") if part else str(whole)


def ms_to_samples(ms: int) -> int:
    return (ms * SAMPLE_RATE + 500) // 1000


def samples_to_ms(samples: int) -> int:
    """Whole milliseconds, to the nearest: the inverse of ``ms_to_samples``."""
    return (samples * 1000 + SAMPLE_RATE // 2) // SAMPLE_RATE


def seconds(samples: int) -> float:
    return samples / SAMPLE_RATE


def clock(samples: int) -> str:
    """``m:ss.d`` (or ``h:mm:ss.d``) for tables and text scripts."""
    tenths = (samples * 10 + SAMPLE_RATE // 2) // SAMPLE_RATE
    minutes, rest = divmod(tenths, 600)
    hours, minutes = divmod(minutes, 60)
    sec = f"{rest // 10:02d}.{rest % 10}"
    return f"{hours}:{minutes:02d}:{sec}" if hours else f"{minutes}:{sec}"


def whole_clock(seconds: float) -> str:
    """Whole seconds as players show them: "4:05", "1:02:03" (chart ticks, page times)."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
