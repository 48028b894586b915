"""The retention schedule: read from configuration, every period unconfirmed until a force says
otherwise, decisions that say why (no database, no clock)."""

from __future__ import annotations

import copy
import tomllib
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from candour.domain.retention import (
    RECORD_TYPES,
    Period,
    ScheduleError,
    erasure_decide,
    latest_due_start,
    processing_record,
    retention_decide,
    schedule_from_dict,
    schedule_from_toml,
)

CONFIG = Path(__file__).resolve().parents[3] / "config" / "retention.toml"


def _data() -> dict[str, Any]:
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def test_the_shipped_schedule_has_a_rule_for_every_record_type_and_none_is_confirmed() -> None:
    schedule = schedule_from_toml(CONFIG.read_text(encoding="utf-8"), source="config/retention.toml")
    assert list(schedule.rules) == list(RECORD_TYPES)
    assert schedule.unconfirmed == list(RECORD_TYPES)  # regulations.md verifies no period: all [M]
    assert str(schedule.rule("case").keep) == "6 years"
    assert schedule.rule("vetting_refusal").keep is None
    assert schedule.rule("audit_event").then == "keep"
    assert schedule.rule("case").citation.startswith(
        "retention rule 'case' (6 years from the day the case was closed) [M]: Force policy")


@pytest.mark.parametrize("text,start,ends", [
    ("6 years", date(2019, 3, 1), date(2025, 3, 1)),
    ("6 years", date(2020, 2, 29), date(2026, 2, 28)),  # no corresponding date: the month's end
    ("12 months", date(2025, 1, 31), date(2026, 1, 31)),
    ("1 month", date(2025, 1, 31), date(2025, 2, 28)),
    ("30 days", date(2025, 1, 1), date(2025, 1, 31)),
    ("2 weeks", date(2025, 1, 1), date(2025, 1, 15)),
])
def test_a_period_ends_on_the_corresponding_day(text: str, start: date, ends: date) -> None:
    period = Period.parse(text, where="t")
    assert period is not None and period.ends_on(start) == ends


def test_hours_are_for_the_portal_uploads() -> None:
    period = Period.parse("24 hours", where="t")
    assert period is not None and period.hours == 24
    assert period.ends_at(datetime(2025, 1, 1, 9, 30)) == datetime(2025, 1, 2, 9, 30)
    with pytest.raises(ScheduleError):
        _ = Period(6, "year").hours


@pytest.mark.parametrize("text", ["six years", "6", "6 fortnights", "-1 days", "forever", ""])
def test_an_unreadable_period_is_refused_with_its_place(text: str) -> None:
    with pytest.raises(ScheduleError, match="rules.case: keep must be like"):
        Period.parse(text, where="rules.case")


def _broken(change: Any) -> str:
    data = copy.deepcopy(_data())
    change(data)
    with pytest.raises(ScheduleError) as caught:
        schedule_from_dict(data)
    return str(caught.value)


@pytest.mark.parametrize("change,message", [
    (lambda d: d["rules"].pop("tracking"), "no rule for: tracking"),
    (lambda d: d["rules"].update(letters=d["rules"]["case"]), "record types that do not exist: letters"),
    (lambda d: d["rules"]["case"].update(keep="kept", then="anonymise"), "a record that is kept has nothing"),
    (lambda d: d["rules"]["case"].update(then="delete"), "then must be one of anonymise, keep"),
    (lambda d: d["rules"]["case"].update(then="keep"), "needs an action when it ends"),
    (lambda d: d["rules"]["case"].update(erasure="maybe"), "erasure must be 'allowed' or 'refused'"),
    (lambda d: d["rules"]["case"].update(confirmed="yes"), "confirmed must be true or false"),
    (lambda d: d["rules"]["case"].update(basis=" "), "rules.case: basis must be a non-empty string"),
    (lambda d: d["rules"]["case"].update(recipients=[]), "recipients must be a non-empty list"),
    (lambda d: d["rules"]["case"].update(kep="6 years"), "unknown setting(s) kep"),
    (lambda d: d["rules"]["portal_upload"].update(keep="1 year"), "give the period in hours or days"),
    (lambda d: d["rules"]["vetting_refusal"].update(keep="3 years", then="anonymise"), "then must be one of keep"),
    (lambda d: d.update(marker=""), "marker must be a string of 1 to 20"),
    (lambda d: d.update(schema=2), "schema must be 1"),
    (lambda d: d["controller"].pop("dpo"), "controller must be a table"),
    (lambda d: d.update(extra=1), "unknown setting(s): extra"),
])
def test_a_mistake_in_the_schedule_is_named(change: Any, message: str) -> None:
    assert message in _broken(change)


def test_bad_toml_names_the_file() -> None:
    with pytest.raises(ScheduleError, match="retention.toml is not valid TOML"):
        schedule_from_toml("schema = ", source="retention.toml")


def test_a_force_can_confirm_a_rule_and_change_its_period() -> None:
    data = _data()
    data["rules"]["case"].update(keep="7 years", confirmed=True)
    schedule = schedule_from_dict(data)
    assert str(schedule.rule("case").keep) == "7 years" and schedule.rule("case").tag == ""
    assert "case" not in schedule.unconfirmed


SCHEDULE = schedule_from_dict(_data())
CASE = SCHEDULE.rule("case")
TODAY = date(2026, 6, 1)


def test_a_closed_case_is_due_the_day_its_period_ends() -> None:
    assert not retention_decide(CASE, start=date(2020, 6, 2), live="", today=TODAY).due
    decision = retention_decide(CASE, start=date(2020, 6, 1), live="", today=TODAY)
    assert decision.due and decision.ends_on == TODAY
    assert decision.reason.startswith("past its period on 1 June 2026 under retention rule 'case'")


def test_live_work_is_never_due_and_kept_rules_never_end() -> None:
    assert retention_decide(CASE, start=date(2000, 1, 1), live="case ALPHA-1 is open", today=TODAY).reason == \
        "part of live work: case ALPHA-1 is open"
    kept = retention_decide(SCHEDULE.rule("vetting_refusal"), start=date(2000, 1, 1), live="", today=TODAY)
    assert not kept.due and kept.reason.startswith("kept under retention rule 'vetting_refusal'")
    assert not retention_decide(CASE, start=None, live="", today=TODAY).due


def test_erasure_is_refused_with_the_rule_cited_and_allowed_where_the_rule_allows() -> None:
    refused = erasure_decide(CASE, start=date(2024, 1, 1), live="", today=TODAY)
    assert not refused.allowed
    assert refused.reason.startswith("refused: kept until 1 January 2030 under retention rule 'case'")
    assert "PRA 2002 Sch 3" in refused.reason
    live = erasure_decide(SCHEDULE.rule("tracking"), start=None, live="case ALPHA-1 is open", today=TODAY)
    assert not live.allowed and "part of live work (case ALPHA-1 is open)" in live.reason
    assert erasure_decide(SCHEDULE.rule("tracking"), start=date(2026, 5, 1), live="", today=TODAY).allowed
    past = erasure_decide(CASE, start=date(2019, 1, 1), live="", today=TODAY)
    assert past.allowed and past.reason.startswith("allowed: past its period")
    done = erasure_decide(CASE, start=date(2019, 1, 1), live="", today=TODAY, anonymised_on=date(2025, 1, 2))
    assert not done.allowed and "already anonymised on 2 January 2025" in done.reason


def test_the_record_of_processing_comes_from_the_same_rules() -> None:
    rows = processing_record(SCHEDULE)
    assert [r.rule.record_type for r in rows] == list(RECORD_TYPES)
    case = rows[0]
    assert case.retention.startswith("6 years from the day the case was closed, then anonymised.")
    assert case.erasure.startswith("Erasure refused while kept:")
    assert all(r.unconfirmed for r in rows)
    assert rows[list(RECORD_TYPES).index("tracking")].erasure.startswith("Erased on request")


@pytest.mark.parametrize("keep", ["6 years", "1 year", "12 months", "1 month", "30 days", "2 weeks", "0 days"])
def test_the_latest_due_start_agrees_with_the_decision_on_every_day(keep: str) -> None:
    data = _data()
    data["rules"]["case"]["keep"] = keep
    rule = schedule_from_dict(data).rule("case")
    for today in (date(2026, 2, 28), date(2026, 3, 1), date(2028, 2, 29), date(2026, 12, 31)):
        cutoff = latest_due_start(rule, today=today)
        assert cutoff is not None
        assert retention_decide(rule, start=cutoff, live="", today=today).due
        assert not retention_decide(rule, start=cutoff + timedelta(days=1), live="", today=today).due


def test_a_kept_rule_has_no_due_start() -> None:
    assert latest_due_start(SCHEDULE.rule("audit_event"), today=TODAY) is None
