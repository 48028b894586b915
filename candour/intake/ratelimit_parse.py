"""Parsing a rate limit such as ``20/hour`` (no Django import: settings use it)."""

from __future__ import annotations

UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_limit(text: str) -> tuple[int, int]:
    """``"10/hour"``, ``"3/minute"``, ``"100/day"`` or ``"5/600"`` (seconds) -> (count, seconds)."""
    count_text, sep, per = text.partition("/")
    if not sep:
        raise ValueError(f"no '/' in {text!r}")
    per = per.strip()
    seconds = UNITS.get(per) or int(per)
    count = int(count_text)
    if count < 1 or seconds < 1:
        raise ValueError(f"{text!r} must be positive")
    return count, seconds
