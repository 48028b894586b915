"""When a periodic job is due: slots of a schedule, and which one a worker should run now.

A schedule is a fixed series of instants ("slots"): every day at a time, or every N minutes
from midnight. A worker that was down for three days runs the job once, for the latest slot
that has passed, not once per missed slot: each job brings everything up to date in one run
(the clock refresh, the purge, the lapse), so the missed slots add nothing. Times are in the
service's time zone, given by the caller as aware datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta


@dataclass(frozen=True)
class Daily:
    """Once a day at ``at`` (local time)."""

    at: time

    def latest(self, now: datetime) -> datetime:
        today = now.replace(hour=self.at.hour, minute=self.at.minute, second=0, microsecond=0)
        return today if today <= now else today - timedelta(days=1)

    def after(self, slot: datetime) -> datetime:
        return slot + timedelta(days=1)

    def describe(self) -> str:
        return f"every day at {self.at.strftime('%H:%M')}"


@dataclass(frozen=True)
class EveryMinutes:
    """Every ``minutes`` minutes, counted from midnight (so the slots are the same every day)."""

    minutes: int

    def __post_init__(self) -> None:
        if not 1 <= self.minutes <= 24 * 60 or (24 * 60) % self.minutes:
            raise ValueError("a schedule in minutes must divide the day evenly (1 to 1440)")

    def latest(self, now: datetime) -> datetime:
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        passed = int((now - midnight).total_seconds() // 60)
        return midnight + timedelta(minutes=passed - passed % self.minutes)

    def after(self, slot: datetime) -> datetime:
        return slot + timedelta(minutes=self.minutes)

    def describe(self) -> str:
        return f"every {self.minutes} minutes" if self.minutes != 60 else "every hour"


Every = Daily | EveryMinutes


def slot_due(every: Every, now: datetime, last_slot: datetime | None,
             first_run: datetime | None = None) -> datetime | None:
    """The slot to run now, or None: the latest slot at or before ``now`` if no run has claimed
    it yet (``last_slot`` is the latest slot already claimed). A job never run before runs for
    the latest slot, unless ``first_run`` says when it may start (a new install does not run
    the nightly jobs the moment it starts, if told so)."""
    slot = every.latest(now)
    if last_slot is not None and slot <= last_slot:
        return None
    if first_run is not None and slot < first_run:
        return None
    return slot


def slot_next(every: Every, now: datetime) -> datetime:
    """The first slot after ``now``."""
    return every.after(every.latest(now))
