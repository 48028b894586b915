"""Working days in England and Wales, from committed data files (never the network).

"Working day" means any day other than a Saturday, a Sunday, or a day that is a bank holiday or
public holiday in England and Wales (Police (Complaints and Misconduct) Regulations 2004, reg 1,
and the same concept in the 2020 regulations; regulations.md, "Working day").

The calendar is built from two files under ``data/bank_holidays/``:

* ``england-and-wales.json``: generated from the ``holidays`` package by
  ``python -m candour.domain.bank_holidays`` (a test checks it still matches the package);
* ``overrides.json``: a versioned, hand-edited list of one-off days announced later (``add``)
  and any listed day to drop (``remove``).

Set ``CANDOUR_BANK_HOLIDAYS_DIR`` to read both files from another folder.

Arithmetic is on proleptic ordinals with two precomputed tables, so every working-day step is
O(1): ``_before[i]`` counts working days strictly before ``base + i`` and ``_days`` lists every
working day's ordinal in order.

Public API: :func:`default_calendar` and :class:`WorkingCalendar` (``is_working_day``,
``nth_working_day_after``, ``nth_working_day_from``, ``holidays_between``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "data" / "bank_holidays"


class CalendarRangeError(ValueError):
    """A date, or a deadline it leads to, falls outside the years the calendar covers."""


class WorkingCalendar:
    """Weekends plus a fixed set of bank holidays, for ``first_year`` to ``last_year``."""

    def __init__(
        self,
        holidays: Mapping[date, str],
        first_year: int,
        last_year: int,
        *,
        version: str = "",
    ) -> None:
        self.holidays: dict[date, str] = dict(holidays)
        self.first_year = first_year
        self.last_year = last_year
        self.version = version
        self.base = date(first_year, 1, 1).toordinal()
        self.end = date(last_year, 12, 31).toordinal()
        closed = {d.toordinal() for d in self.holidays}
        before: list[int] = []
        days: list[int] = []
        for ordinal in range(self.base, self.end + 1):
            before.append(len(days))
            # date(1, 1, 1) is a Monday, so (ordinal - 1) % 7 is the weekday (0 = Monday).
            if (ordinal - 1) % 7 < 5 and ordinal not in closed:
                days.append(ordinal)
        before.append(len(days))
        self._before = before
        self._days = days

    # -- questions -------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """True for a weekday that is not a bank holiday."""
        return day.weekday() < 5 and day not in self.holidays

    def holiday_name(self, day: date) -> str | None:
        return self.holidays.get(day)

    def holidays_between(self, first: date, last: date) -> list[tuple[date, str]]:
        """Bank holidays falling on weekdays from ``first`` to ``last`` inclusive, in order."""
        return sorted(
            (d, n) for d, n in self.holidays.items() if first <= d <= last and d.weekday() < 5
        )

    # -- arithmetic on ordinals (fast path) ------------------------------------------------

    def _check(self, ordinal: int) -> int:
        index = ordinal - self.base
        if index < 0 or ordinal > self.end:
            raise CalendarRangeError(
                f"{date.fromordinal(ordinal).isoformat()} is outside the bank-holiday calendar "
                f"({self.first_year}-{self.last_year})"
            )
        return index

    def nth_after_ordinal(self, ordinal: int, n: int) -> int:
        """Ordinal of the n-th working day strictly after ``ordinal`` (n >= 1)."""
        position = self._before[self._check(ordinal) + 1] + n - 1
        if position >= len(self._days):
            raise CalendarRangeError(f"deadline falls after {self.last_year}")
        return self._days[position]

    def nth_from_ordinal(self, ordinal: int, n: int) -> int:
        """Ordinal of the n-th working day on or after ``ordinal`` (n >= 1)."""
        position = self._before[self._check(ordinal)] + n - 1
        if position >= len(self._days):
            raise CalendarRangeError(f"deadline falls after {self.last_year}")
        return self._days[position]

    # -- arithmetic on dates ---------------------------------------------------------------

    def nth_working_day_after(self, day: date, n: int) -> date:
        """Last day of "n working days beginning with the first working day after ``day``"."""
        return date.fromordinal(self.nth_after_ordinal(day.toordinal(), n))

    def nth_working_day_from(self, day: date, n: int) -> date:
        """Last day of "n working days beginning with ``day``" (``day`` counts if working)."""
        return date.fromordinal(self.nth_from_ordinal(day.toordinal(), n))

    def working_days_between(self, first: date, last: date) -> int:
        """Working days from ``first`` to ``last`` inclusive (0 if ``last`` < ``first``)."""
        if last < first:
            return 0
        lo = self._check(first.toordinal())
        hi = self._check(last.toordinal())
        return self._before[hi + 1] - self._before[lo]


def _read(directory: Path) -> tuple[dict[date, str], int, int, str]:
    generated = json.loads((directory / "england-and-wales.json").read_text(encoding="utf-8"))
    found = {date.fromisoformat(k): v for k, v in generated["holidays"].items()}
    overrides_path = directory / "overrides.json"
    version = generated.get("source", "")
    if overrides_path.exists():
        overrides = json.loads(overrides_path.read_text(encoding="utf-8"))
        for iso in overrides.get("remove", []):
            found.pop(date.fromisoformat(iso), None)
        for iso, name in overrides.get("add", {}).items():
            found[date.fromisoformat(iso)] = name
        version = f"{version}; overrides v{overrides.get('version', 0)}"
    return found, int(generated["first_year"]), int(generated["last_year"]), version


def load_calendar(directory: Path | str | None = None) -> WorkingCalendar:
    """Build a calendar from a bank-holiday folder (default: ``data/bank_holidays``)."""
    folder = Path(directory or os.environ.get("CANDOUR_BANK_HOLIDAYS_DIR") or DEFAULT_DIR)
    found, first, last, version = _read(folder)
    return WorkingCalendar(found, first, last, version=version)


@lru_cache(maxsize=1)
def default_calendar() -> WorkingCalendar:
    """The England and Wales calendar every rule uses unless given another."""
    return load_calendar()
