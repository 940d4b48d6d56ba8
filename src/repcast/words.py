"""Numbers and durations as words a listener understands ("forty-five seconds", not "45s")."""

from __future__ import annotations

_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number(n: int) -> str:
    """Cardinal words for 0 ≤ n < 1,000,000."""
    if n < 0:
        return "minus " + number(-n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" and {number(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    sep = " and " if 0 < rest < 100 else " "
    return f"{number(thousands)} thousand" + (f"{sep}{number(rest)}" if rest else "")


def _unit(n: int, word: str) -> str:
    return f"{number(n)} {word}" + ("" if n == 1 else "s")


def duration(ms: int) -> str:
    """``90_000`` → "one minute thirty seconds"; under ten seconds keeps halves."""
    total = round(ms / 1000)
    if ms < 10_000 and ms % 1000:
        halves = round(ms / 500)
        whole, half = divmod(halves, 2)
        if half:
            return f"{number(whole)} and a half seconds" if whole else "half a second"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(_unit(hours, "hour"))
    if minutes:
        parts.append(_unit(minutes, "minute"))
    if secs or not parts:
        parts.append(_unit(secs, "second"))
    return " ".join(parts)


def rough_duration(ms: int) -> str:
    """Whole minutes for long spans ("twenty-four minutes"), exact below two minutes."""
    if ms < 120_000:
        return duration(ms)
    minutes = round(ms / 60_000)
    hours, minutes = divmod(minutes, 60)
    parts = [_unit(hours, "hour")] if hours else []
    if minutes:
        parts.append(_unit(minutes, "minute"))
    return " ".join(parts)


def join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
