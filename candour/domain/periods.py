"""Calendar periods of months and years, as the regulations count them.

A period of N months "beginning with" day S ends on the day before the corresponding date N
months later: 12 months beginning with 1 March 2023 end on 29 February 2024 (Conduct Regs reg 19;
regulations.md §14 scenario 3), and a written warning notified 15 January 2024 is in force for 18
months, to 14 July 2025 (reg 42(9)(a); scenario 17).

Where the later month has no corresponding date (S is 29, 30 or 31 and the month is shorter),
the period ends on the last day of that month (the corresponding-date rule of *Dodds v Walker*
[1981] 1 WLR 1027, applied to periods beginning with S). This keeps every result monotonic in S.
A period of N years is a period of 12·N months.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from functools import lru_cache

ONE_DAY = timedelta(days=1)


def add_months(day: date, months: int) -> tuple[date, bool]:
    """The corresponding date ``months`` later and whether it exists (else the month's end)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = monthrange(year, month + 1)[1]
    if day.day <= last:
        return date(year, month + 1, day.day), True
    return date(year, month + 1, last), False


def period_last_day(start: date, months: int) -> date:
    """Last day of a period of ``months`` months beginning with ``start``."""
    corresponding, exists = add_months(start, months)
    return corresponding - ONE_DAY if exists else corresponding


@lru_cache(maxsize=65536)
def period_last_day_ordinal(start: int, months: int) -> int:
    """:func:`period_last_day` on proleptic ordinals (memoised: it is a pure table)."""
    return period_last_day(date.fromordinal(start), months).toordinal()
