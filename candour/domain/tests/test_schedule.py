"""Slots of a periodic job's schedule, and which one is due (candour/domain/schedule.py)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from candour.domain.schedule import Daily, EveryMinutes, slot_due, slot_next

UTC = UTC
NIGHTLY = Daily(time(1, 0))


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


def test_a_daily_job_is_due_once_its_time_has_passed() -> None:
    assert slot_due(NIGHTLY, at(7, 0, 59), last_slot=at(6, 1)) is None
    assert slot_due(NIGHTLY, at(7, 1, 0), last_slot=at(6, 1)) == at(7, 1)
    assert slot_due(NIGHTLY, at(7, 13), last_slot=at(7, 1)) is None


def test_missed_slots_are_caught_up_once_not_once_each() -> None:
    # The worker was down from the 2nd to the 7th: one run, for the latest slot.
    assert slot_due(NIGHTLY, at(7, 9), last_slot=at(2, 1)) == at(7, 1)
    assert slot_due(NIGHTLY, at(7, 9, 1), last_slot=at(7, 1)) is None


def test_a_job_never_run_runs_for_the_latest_slot_unless_told_when_to_start() -> None:
    assert slot_due(NIGHTLY, at(7, 9), last_slot=None) == at(7, 1)
    assert slot_due(NIGHTLY, at(7, 9), last_slot=None, first_run=at(7, 8)) is None


def test_minutes_count_from_midnight_and_must_divide_the_day() -> None:
    hourly = EveryMinutes(60)
    assert hourly.latest(at(7, 9, 59)) == at(7, 9)
    assert slot_next(hourly, at(7, 9, 59)) == at(7, 10)
    assert slot_next(NIGHTLY, at(7, 0, 30)) == at(7, 1) and slot_next(NIGHTLY, at(7, 1)) == at(8, 1)
    for bad in (0, 7, 1441):
        with pytest.raises(ValueError, match="divide the day"):
            EveryMinutes(bad)
    assert hourly.describe() == "every hour" and NIGHTLY.describe() == "every day at 01:00"


@given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)),
       st.sampled_from([Daily(time(3, 15)), EveryMinutes(15), EveryMinutes(60), EveryMinutes(1440)]))
def test_the_latest_slot_is_never_in_the_future_nor_a_period_old(now: datetime, every: Daily | EveryMinutes) -> None:
    now = now.replace(tzinfo=UTC)
    slot = every.latest(now)
    assert slot <= now < every.after(slot)
    assert every.after(slot) - slot <= timedelta(days=1)
