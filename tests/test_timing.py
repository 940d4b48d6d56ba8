"""Durations as people write them, and the integer sample clock."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repcast.timing import (
    MAX_MS,
    SAMPLE_RATE,
    clock,
    ms_to_samples,
    parse_duration,
    samples_to_ms,
    seconds,
)

HINT_TEXT = "expected a duration like 45s, 1m30s or 1:30, got "
HINT_VALUE = "expected a duration like 45s or 1:30, got "


@pytest.mark.parametrize(
    ("value", "ms"),
    [
        (0, 0),
        (45, 45_000),
        (45.5, 45_500),
        (0.25, 250),
        ("45", 45_000),
        ("45.5", 45_500),
        ("45s", 45_000),
        ("1.5s", 1_500),
        ("1m30s", 90_000),
        ("1m 30s", 90_000),
        ("1h2m3s", 3_723_000),
        ("1:30", 90_000),
        ("0:45", 45_000),
        ("1:30.5", 90_500),
        ("1:02:03", 3_723_000),
        ("500ms", 500),
        ("1s500ms", 1_500),
        ("2m", 120_000),
        ("1h", 3_600_000),
        ("  45s  ", 45_000),
        ("1M30S", 90_000),
        ("24h", MAX_MS),
        (86_400, MAX_MS),
        ("24:00:00", MAX_MS),
    ],
)
def test_accepted_forms(value: object, ms: int) -> None:
    assert parse_duration(value) == ms


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (-5, "must not be negative, got -5"),
        (-0.5, "must not be negative, got -0.5"),
        ("-45s", "must not be negative, got '-45s'"),
        ("-1:30", "must not be negative, got '-1:30'"),
        ("abc", HINT_TEXT + "'abc'"),
        ("", HINT_TEXT + "''"),
        ("   ", HINT_TEXT + "''"),
        ("1m30", HINT_TEXT + "'1m30'"),
        ("30d", HINT_TEXT + "'30d'"),
        ("1e3", HINT_TEXT + "'1e3'"),
        ("1:2:3:4", HINT_TEXT + "'1:2:3:4'"),
        ("1:", HINT_TEXT + "'1:'"),
        ("2-1-2", HINT_TEXT + "'2-1-2'"),
        (True, HINT_VALUE + "True"),
        (False, HINT_VALUE + "False"),
        (None, HINT_VALUE + "NoneType"),
        ([45], HINT_VALUE + "list"),
        ({"s": 45}, HINT_VALUE + "dict"),
        (float("nan"), HINT_VALUE + "nan"),
        (float("inf"), HINT_VALUE + "inf"),
        (float("-inf"), HINT_VALUE + "-inf"),
        ("25h", "'25h' is longer than 24 hours"),
        ("24h1ms", "'24h1ms' is longer than 24 hours"),
        ("720h", "'720h' is longer than 24 hours"),
        (30 * 86_400, "2592000 is longer than 24 hours"),
        (86_400.001, "86400.001 is longer than 24 hours"),
    ],
)
def test_rejected_forms(value: object, message: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_duration(value)
    assert str(info.value) == message


@pytest.mark.parametrize("text", ["1:75", "1:60", "1:75:00"])
def test_clock_form_rejects_out_of_range_fields(text: str) -> None:
    with pytest.raises(ValueError) as info:
        parse_duration(text)
    assert repr(text) in str(info.value)


def test_error_messages_are_one_line() -> None:
    for value in ["abc\ndef", "-1s", "99h", None, [1, 2]]:
        with pytest.raises(ValueError) as info:
            parse_duration(value)
        assert "\n" not in str(info.value)


def _render(ms: int, form: int) -> object:
    """One way of writing ``ms`` that the parser must read back exactly."""
    if form == 0:
        return f"{ms}ms"
    if form == 1:
        return ms / 1000
    if form == 2:
        return f"{ms / 1000}s"
    minutes, rest = divmod(ms, 60_000)
    if form == 3:
        return f"{minutes}m{rest}ms"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


@settings(max_examples=200, deadline=None)
@given(st.integers(0, MAX_MS), st.integers(0, 4))
def test_every_rendering_reads_back_exactly(ms: int, form: int) -> None:
    assert parse_duration(_render(ms, form)) == ms


@pytest.mark.parametrize(
    ("ms", "samples"),
    [
        (0, 0),
        (1, 44),  # 44.1 rounds down
        (5, 221),  # 220.5 rounds half up
        (10, 441),
        (333, 14_685),
        (666, 29_371),
        (1000, SAMPLE_RATE),
        (90_000, 90 * SAMPLE_RATE),
        (MAX_MS, 86_400 * SAMPLE_RATE),
    ],
)
def test_ms_to_samples(ms: int, samples: int) -> None:
    assert ms_to_samples(ms) == samples


@settings(max_examples=200, deadline=None)
@given(st.integers(0, MAX_MS))
def test_ms_to_samples_is_nearest_and_monotonic(ms: int) -> None:
    exact = ms * SAMPLE_RATE / 1000
    assert abs(ms_to_samples(ms) - exact) <= 0.5
    assert ms_to_samples(ms + 1) > ms_to_samples(ms)
    assert math.isclose(seconds(ms_to_samples(ms)), ms / 1000, abs_tol=1 / SAMPLE_RATE)


@pytest.mark.parametrize(
    ("samples", "text"),
    [
        (0, "0:00.0"),
        (SAMPLE_RATE // 10, "0:00.1"),
        (SAMPLE_RATE // 20, "0:00.1"),  # 0.05 s rounds half up
        (SAMPLE_RATE // 20 - 1, "0:00.0"),
        (45 * SAMPLE_RATE, "0:45.0"),
        (90 * SAMPLE_RATE, "1:30.0"),
        (round(59.96 * SAMPLE_RATE), "1:00.0"),
        (round(754.3 * SAMPLE_RATE), "12:34.3"),
        (3600 * SAMPLE_RATE, "1:00:00.0"),
        (3723 * SAMPLE_RATE, "1:02:03.0"),
        (86_400 * SAMPLE_RATE, "24:00:00.0"),
    ],
)
def test_clock(samples: int, text: str) -> None:
    assert clock(samples) == text


def test_seconds() -> None:
    assert seconds(SAMPLE_RATE) == 1.0
    assert seconds(SAMPLE_RATE // 2) == 0.5


def test_milliseconds_survive_a_round_trip_through_samples() -> None:
    for ms in range(0, 3_600_000, 997):
        assert samples_to_ms(ms_to_samples(ms)) == ms
    assert samples_to_ms(22) == 0 and samples_to_ms(23) == 1  # 44.1 samples a millisecond
