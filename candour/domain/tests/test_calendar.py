"""The England and Wales working-day calendar and its committed data files."""

from __future__ import annotations

import json
from datetime import date

import pytest

from candour.domain import bank_holidays
from candour.domain.calendar import (
    DEFAULT_DIR,
    CalendarRangeError,
    default_calendar,
    load_calendar,
)


def test_generated_file_matches_the_holidays_package_2015_to_2035():
    committed = json.loads((DEFAULT_DIR / "england-and-wales.json").read_text())["holidays"]
    expected = bank_holidays.from_holidays_package(2015, 2035)
    in_range = {k: v for k, v in committed.items() if "2015" <= k[:4] <= "2035"}
    assert in_range == expected


def test_generated_file_is_what_the_generator_writes():
    text = (DEFAULT_DIR / "england-and-wales.json").read_text(encoding="utf-8")
    assert text == bank_holidays.render()


# STACK.md §2: weekday bank holidays 2020-2027, matching the GOV.UK feed.
STACK_TABLE = {
    2020: "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28",
    2021: "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28",
    2022: "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27",
    2023: "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26",
    2024: "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26",
    2025: "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
    2026: "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",
    2027: "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28",
}


@pytest.mark.parametrize("year", sorted(STACK_TABLE))
def test_weekday_holidays_match_the_govuk_feed(year):
    calendar = default_calendar()
    got = [d for d, _ in calendar.holidays_between(date(year, 1, 1), date(year, 12, 31))]
    assert [f"{d:%m-%d}" for d in got] == STACK_TABLE[year].split()


def test_one_off_holidays_are_working_day_exclusions():
    calendar = default_calendar()
    for day in (date(2020, 5, 8), date(2022, 6, 3), date(2022, 9, 19), date(2023, 5, 8)):
        assert not calendar.is_working_day(day)
    assert calendar.is_working_day(date(2020, 5, 4))  # the usual early May Monday moved in 2020


def test_overrides_add_and_remove_days(tmp_path):
    (tmp_path / "england-and-wales.json").write_text(
        (DEFAULT_DIR / "england-and-wales.json").read_text())
    (tmp_path / "overrides.json").write_text(json.dumps({
        "version": 7, "add": {"2030-06-14": "Bank holiday for a one-off event"},
        "remove": ["2030-12-25"]}))
    calendar = load_calendar(tmp_path)
    assert not calendar.is_working_day(date(2030, 6, 14))
    assert calendar.is_working_day(date(2030, 12, 25))
    assert "overrides v7" in calendar.version
    # A deadline spanning the new day moves by one working day.
    assert calendar.nth_working_day_after(date(2030, 6, 13), 1) == date(2030, 6, 17)


def test_environment_variable_selects_the_folder(tmp_path, monkeypatch):
    (tmp_path / "england-and-wales.json").write_text(
        (DEFAULT_DIR / "england-and-wales.json").read_text())
    monkeypatch.setenv("CANDOUR_BANK_HOLIDAYS_DIR", str(tmp_path))
    assert load_calendar().version.startswith("holidays")


def test_committed_overrides_file_is_valid():
    data = json.loads((DEFAULT_DIR / "overrides.json").read_text())
    assert isinstance(data["version"], int)
    for iso in [*data["add"], *data["remove"]]:
        date.fromisoformat(iso)


def test_out_of_range_is_an_error():
    calendar = default_calendar()
    with pytest.raises(CalendarRangeError):
        calendar.nth_working_day_after(date(2041, 1, 2), 1)
    with pytest.raises(CalendarRangeError):
        calendar.nth_working_day_after(date(2040, 12, 30), 5)
    with pytest.raises(CalendarRangeError):
        calendar.nth_working_day_from(date(2009, 12, 31), 1)


def test_working_days_between_counts_inclusively():
    calendar = default_calendar()
    # 22 May - 5 June 2023: 11 weekdays less the Spring bank holiday.
    assert calendar.working_days_between(date(2023, 5, 22), date(2023, 6, 5)) == 10
    assert calendar.working_days_between(date(2023, 6, 5), date(2023, 5, 22)) == 0
