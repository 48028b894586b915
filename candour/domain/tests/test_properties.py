"""Property tests over dates 2020-2030 (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from candour.domain.calendar import default_calendar
from candour.domain.deadlines import compute_deadline
from candour.domain.periods import add_months, period_last_day
from candour.domain.rules import RULES, Method, Unit

DATES = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
WORKING_RULES = [r.id for r in RULES if r.unit is Unit.WORKING_DAYS]
ALL_RULES = [r.id for r in RULES]
CAL = default_calendar()


def is_working_day_brute(day: date) -> bool:
    return day.weekday() < 5 and day not in CAL.holidays


@given(rule=st.sampled_from(WORKING_RULES), start=DATES)
def test_working_day_deadline_never_falls_on_weekend_or_bank_holiday(rule, start):
    due = compute_deadline(rule, start).due
    assert due.weekday() < 5
    assert due not in CAL.holidays


@given(rule=st.sampled_from(ALL_RULES), a=DATES, b=DATES)
def test_deadlines_are_monotonic_in_their_start_date(rule, a, b):
    a, b = min(a, b), max(a, b)
    assert compute_deadline(rule, a).due <= compute_deadline(rule, b).due


@given(rule=st.sampled_from(ALL_RULES), start=DATES)
def test_deadline_is_never_before_its_trigger(rule, start):
    assert compute_deadline(rule, start).due >= start


def brute_after(start: date, n: int) -> date:
    """N working days beginning with the first working day after ``start``, by counting."""
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if is_working_day_brute(day):
            counted += 1
    return day


def brute_from(start: date, n: int) -> date:
    day, counted = start - timedelta(days=1), 0
    while counted < n:
        day += timedelta(days=1)
        if is_working_day_brute(day):
            counted += 1
    return day


@given(start=DATES, n=st.integers(min_value=1, max_value=60))
def test_n_working_days_after_matches_a_brute_force_count(start, n):
    assert CAL.nth_working_day_after(start, n) == brute_after(start, n)


@given(start=DATES, n=st.integers(min_value=1, max_value=60))
def test_n_working_days_beginning_with_matches_a_brute_force_count(start, n):
    assert CAL.nth_working_day_from(start, n) == brute_from(start, n)


@given(rule=st.sampled_from([r.id for r in RULES if r.method is Method.WORKING_DAYS_AFTER]),
       start=DATES)
def test_working_day_rules_match_brute_force(rule, start):
    deadline = compute_deadline(rule, start)
    assert deadline.due == brute_after(start, deadline.length)
    # The period holds exactly `length` working days.
    assert CAL.working_days_between(start + timedelta(days=1), deadline.due) == deadline.length


@given(start=DATES, months=st.integers(min_value=1, max_value=120))
def test_month_periods_end_the_day_before_the_corresponding_date(start, months):
    last = period_last_day(start, months)
    corresponding, exists = add_months(start, months)
    if exists:
        assert last == corresponding - timedelta(days=1)
        assert corresponding.day == start.day
    else:
        # No corresponding date (29-31 of a longer month): the period ends with the month.
        assert start.day > 28
        assert (last + timedelta(days=1)).day == 1
    # The period is at least months*28 days and no longer than the calendar allows.
    assert months * 28 - 1 <= (last - start).days <= months * 31


@given(start=DATES, months=st.integers(min_value=1, max_value=120))
def test_month_periods_are_monotonic_and_contiguous(start, months):
    nxt = start + timedelta(days=1)
    assert period_last_day(start, months) <= period_last_day(nxt, months)


@settings(max_examples=200)
@given(year=st.integers(min_value=2020, max_value=2030))
def test_leap_years_and_month_ends(year):
    # Warnings notified on 29 February end on 28 February when the later year has no 29th.
    if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0:
        fww = compute_deadline("final-warning-expiry", date(year, 2, 29)).due
        assert fww == date(year + 2, 2, 28)
    # 12 months beginning with 1 March end on the last day of February, 28th or 29th.
    end = compute_deadline("twelve-month-report", date(year, 3, 1)).due
    assert end == date(year + 1, 3, 1) - timedelta(days=1)
    # 6 months after 31 August: beginning 1 September, ending 28/29 February.
    six = compute_deadline("six-month-report", date(year, 8, 31)).due
    assert six == date(year + 1, 3, 1) - timedelta(days=1)
    # 18 months beginning with 31 July: the corresponding 31 January exists.
    assert compute_deadline("written-warning-expiry", date(year, 7, 31)).due == \
        date(year + 2, 1, 30)
    # Review application: 28 days starting the day after 1 February: 29 February in a leap
    # year, else 1 March.
    leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0
    assert compute_deadline("review-application", date(year, 2, 1)).due == (
        date(year, 2, 29) if leap else date(year, 3, 1))


@given(start=DATES)
def test_calendar_day_rules_are_plain_addition(start):
    assert compute_deadline("review-application", start).due == start + timedelta(days=28)
    assert compute_deadline("complainant-update", start).due == start + timedelta(days=28)
    assert compute_deadline("learning-response", start).due == start + timedelta(days=55)
