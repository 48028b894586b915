"""Vetting rules: renewal by level (configuration where unverified), review triggers, and the
2025 withdrawal assessment: refused before 14 May 2025, its order of steps and its clocks."""

from __future__ import annotations

from datetime import date

import pytest

from candour.domain import vetting as v
from candour.domain.config import ConfigError, RulesConfig, config_from_dict


@pytest.mark.parametrize(("level", "granted", "due", "confirmed"), [
    ("RV", date(2016, 5, 1), date(2026, 4, 30), False),  # 10 years [M]
    ("MV", date(2020, 1, 6), date(2027, 1, 5), False),  # 7 years [M]
    ("NPPV2", date(2024, 2, 29), date(2027, 2, 28), False),  # 3 years [C], leap day
    ("NPPV3", date(2023, 3, 1), date(2028, 2, 29), False),  # 5 years [C], ends on a leap day
    ("SC", date(2015, 6, 1), date(2025, 5, 31), True),  # 10 years [V] Cabinet Office
    ("DV", date(2018, 9, 10), date(2025, 9, 9), True),  # 7 years [V] Cabinet Office
])
def test_renewal_by_level(level: str, granted: date, due: date, confirmed: bool) -> None:
    clock = v.renewal_due(level=level, granted_on=granted, config=RulesConfig())
    assert (clock.due, clock.confirmed) == (due, confirmed)
    assert "renewed every" in clock.reason and clock.basis
    if not confirmed:
        assert "configurable default" in clock.reason


def test_renewal_periods_are_configuration_except_sc_and_dv() -> None:
    config = config_from_dict({"vetting_renewal_years": {"NPPV3": 7, "RV": 5}})
    assert v.renewal_due(level="NPPV3", granted_on=date(2023, 3, 1), config=config).due == date(2030, 2, 28)
    assert v.renewal_due(level="RV", granted_on=date(2016, 5, 1), config=config).due == date(2021, 4, 30)
    assert v.renewal_due(level="MV", granted_on=date(2020, 1, 6), config=config).due == date(2027, 1, 5)
    with pytest.raises(ConfigError, match="confirmed law"):
        config_from_dict({"vetting_renewal_years": {"SC": 5}})
    with pytest.raises(ConfigError, match="positive integer"):
        config_from_dict({"vetting_renewal_years": {"RV": 0}})
    with pytest.raises(ConfigError, match="unknown"):
        config_from_dict({"vetting_renewal": {}})


def test_renewal_reads_the_rules_config_file(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    from candour.domain.config import _load

    path = Path(str(tmp_path)) / "rules.json"
    path.write_text('{"vetting_renewal_years": {"MV": 5}}', encoding="utf-8")
    monkeypatch.setenv("CANDOUR_RULES_CONFIG", str(path))
    _load.cache_clear()
    try:
        assert v.renewal_due(level="MV", granted_on=date(2020, 1, 6)).due == date(2025, 1, 5)
    finally:
        _load.cache_clear()


def test_annual_review_is_a_year_on() -> None:
    clock = v.annual_review_due(last_review_on=date(2025, 3, 3))
    assert clock.due == date(2026, 3, 2) and clock.confirmed


def test_withdrawal_refused_before_14_may_2025_with_di_maria() -> None:
    before = v.withdrawal_may_start(on=date(2025, 5, 13))
    assert not before.allowed
    assert "Di Maria" in before.reasons[0] and "14 May 2025" in before.reasons[0]
    assert "scenario 23" in before.basis
    met_2024 = v.withdrawal_may_start(on=date(2024, 3, 15))  # §14 sc. 23: the Met sergeant, March 2024
    assert not met_2024.allowed
    after = v.withdrawal_may_start(on=date(2025, 5, 14))
    assert after.allowed and "Part 3" in after.basis


@pytest.mark.parametrize(("finding", "outcome", "review"), [
    ("misconduct", "final_written_warning", True),  # §14 sc. 25
    ("gross_misconduct", "final_written_warning", True),
    ("misconduct", "management_advice", True),
    ("gross_misconduct", "dismissal_without_notice", False),
    ("gross_misconduct", "would_have_been_dismissed", False),
    ("neither", "rprp", False),
])
def test_finding_calls_for_review(finding: str, outcome: str, review: bool) -> None:
    ruling = v.finding_calls_for_review(finding=finding, outcome=outcome)
    assert ruling.allowed is review
    assert ruling.reasons and ruling.basis


def test_every_trigger_has_a_reason_and_basis() -> None:
    for trigger in v.Trigger:
        reason, basis = v.trigger_reason(trigger)
        assert reason and basis
    assert "reg 5" in v.trigger_reason("notification_failure")[1]  # §14 sc. 24
    assert "conduct matter" in v.trigger_reason("notification_failure")[0]


def _facts(**kw: object) -> v.AssessmentFacts:
    return v.AssessmentFacts(started_on=date(2025, 6, 2), **kw)  # type: ignore[arg-type]


def test_representations_clock_is_configured_working_days() -> None:
    # Notice Friday 22 Aug 2025: 10 working days from Mon 26 Aug (25 Aug is the Summer bank holiday).
    clock = v.representations_due(notice_on=date(2025, 8, 22), config=RulesConfig())
    assert clock.due == date(2025, 9, 8) and clock.confirmed is False
    assert "vetting_periods" in clock.reason and "Vetting" in clock.basis
    longer = config_from_dict({"vetting_periods": {"vetting-representations": 15}})
    assert v.representations_due(notice_on=date(2025, 8, 22), config=longer).due == date(2025, 9, 15)


def test_appeal_clocks() -> None:
    assert v.appeal_panel_due(dismissed_on=date(2025, 8, 22), config=RulesConfig()).due == date(2025, 9, 8)
    assert v.pat_appeal_due(panel_result_on=date(2025, 8, 22), config=RulesConfig()).due == date(2025, 9, 8)
    clocks = v.assessment_clocks(_facts(notice_on=date(2025, 6, 3), decision="withdraw", decided_on=date(2025, 7, 1),
                                        dismissed_on=date(2025, 7, 2)), config=RulesConfig())
    assert [c.name for c in clocks] == ["vetting-appeal-panel"]
    assert all(not c.confirmed and c.reason and c.basis for c in clocks)


@pytest.mark.parametrize(("step", "facts", "on", "refusal"), [
    ("notice", {}, date(2025, 6, 3), None),
    ("notice", {}, date(2025, 6, 1), "before the previous step"),
    ("representations", {}, date(2025, 6, 5), "notice of the withdrawal assessment first"),
    ("representations", {"notice_on": date(2025, 6, 3)}, date(2025, 6, 10), None),
    ("decision", {"notice_on": date(2025, 6, 3)}, date(2025, 6, 5), "window for representations is open"),
    ("decision", {"notice_on": date(2025, 6, 3)}, date(2025, 7, 1), None),
    ("decision", {"notice_on": date(2025, 6, 3), "representations_on": date(2025, 6, 5)}, date(2025, 6, 6), None),
    ("dismissal", {"notice_on": date(2025, 6, 3), "decision": "maintain", "decided_on": date(2025, 7, 1)},
     date(2025, 7, 2), "follow only a decision to withdraw"),
    ("dismissal", {"notice_on": date(2025, 6, 3), "decision": "withdraw", "decided_on": date(2025, 7, 1)},
     date(2025, 7, 2), None),
    ("appeal_lodged", {"notice_on": date(2025, 6, 3), "decision": "withdraw", "decided_on": date(2025, 7, 1)},
     date(2025, 7, 2), "Dismissal without notice must be recorded first"),
    ("pat_lodged", {"notice_on": date(2025, 6, 3), "decision": "withdraw", "decided_on": date(2025, 7, 1),
                    "dismissed_on": date(2025, 7, 2), "appeal_lodged_on": date(2025, 7, 3),
                    "appeal_result": "allowed", "appeal_result_on": date(2025, 8, 1)},
     date(2025, 8, 2), "nothing to take to the Tribunal"),
    ("pat_lodged", {"notice_on": date(2025, 6, 3), "decision": "withdraw", "decided_on": date(2025, 7, 1),
                    "dismissed_on": date(2025, 7, 2), "appeal_lodged_on": date(2025, 7, 3),
                    "appeal_result": "upheld", "appeal_result_on": date(2025, 8, 1)}, date(2025, 8, 2), None),
    ("notice", {"notice_on": date(2025, 6, 3)}, date(2025, 6, 4), "already recorded"),
])
def test_step_order(step: str, facts: dict[str, object], on: date, refusal: str | None) -> None:
    ruling = v.step_check(step, _facts(**facts), on=on)
    if refusal is None:
        assert ruling.allowed, ruling.reasons
    else:
        assert not ruling.allowed
        assert any(refusal in r for r in ruling.reasons), ruling.reasons


def test_stage_and_open() -> None:
    assert v.stage(_facts()) == "Started: notice to the officer due"
    withdrawn = _facts(notice_on=date(2025, 6, 3), decision="withdraw", decided_on=date(2025, 7, 1))
    assert v.is_open(withdrawn) and v.stage(withdrawn) == "Clearance withdrawn"
    dismissed = _facts(notice_on=date(2025, 6, 3), decision="withdraw", decided_on=date(2025, 7, 1),
                       dismissed_on=date(2025, 7, 2))
    assert not v.is_open(dismissed)
    assert not v.is_open(_facts(notice_on=date(2025, 6, 3), decision="maintain", decided_on=date(2025, 7, 1)))
