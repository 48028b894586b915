"""Workforce integrity rules: suspension clocks and cost, offence classes, the conviction policy
view by date. Plain pytest, no database, explicit dates."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from candour.domain import integrity
from candour.domain.config import config_from_dict


def test_scenario_27_oral_suspension_confirmed_within_three_working_days() -> None:
    """regulations.md §14 sc. 27: suspended orally Friday 4 April 2025 -> written confirmation by
    Wednesday 9 April 2025; reviews every 28 days."""
    due = integrity.suspension_confirmation_due(date(2025, 4, 4))
    assert due.due == date(2025, 4, 9)
    assert due.rule == "suspension-confirmation" and not due.confirmed
    assert "first working day after 4 April 2025" in due.explanation
    review = integrity.suspension_next_review(date(2025, 4, 4))
    assert review.due == date(2025, 5, 2)
    assert integrity.suspension_next_review(date(2025, 4, 4), date(2025, 5, 1)).due == date(2025, 5, 29)


def test_confirmation_skips_easter() -> None:
    # Suspended orally Thursday 17 April 2025: Good Friday and Easter Monday are not working days.
    assert integrity.suspension_confirmation_due(date(2025, 4, 17)).due == date(2025, 4, 24)


def test_review_cycle_is_configuration() -> None:
    config = config_from_dict({"periods": {"suspension-review": 14}})
    review = integrity.suspension_next_review(date(2025, 4, 4), config=config)
    assert review.due == date(2025, 4, 18) and not review.confirmed
    assert "not confirmed" in review.explanation


@pytest.mark.parametrize(("start", "end", "today", "days"), [
    (date(2025, 1, 1), None, date(2025, 1, 1), 1),
    (date(2025, 1, 1), None, date(2025, 1, 31), 31),
    (date(2025, 1, 1), date(2025, 1, 10), date(2025, 3, 1), 10),
    (date(2024, 2, 28), date(2024, 3, 1), date(2025, 1, 1), 3),  # leap year
    (date(2025, 3, 1), None, date(2025, 2, 1), 0),  # starts after "today"
])
def test_days_suspended(start: date, end: date | None, today: date, days: int) -> None:
    assert integrity.days_suspended(start, end, today) == days


def _scale(**pay: int) -> integrity.PayScale:
    return integrity.pay_scale_from_dict({"annual_pay": pay, "days_per_year": 365, "version": "t"}, source="t")


def test_cost_is_days_times_daily_pay_for_the_rank() -> None:
    scale = _scale(constable=36500)
    cost = integrity.suspension_cost(started_on=date(2025, 1, 1), ended_on=None, today=date(2025, 1, 10),
                                     rank="constable", scale=scale)
    assert cost.days == 10 and cost.daily_pay == Decimal("100.00") and cost.total == Decimal("1000.00")
    assert "configuration, not law" in cost.reason
    missing = integrity.suspension_cost(started_on=date(2025, 1, 1), ended_on=None, today=date(2025, 1, 10),
                                        rank="commissioner", scale=scale)
    assert missing.total is None and "no pay is configured" in missing.reason


def test_committed_pay_scale() -> None:
    scale = integrity.load_pay_scale(str(integrity.DEFAULT_PAY_SCALE))
    assert {"constable", "sergeant", "inspector", "chief_constable"} <= set(scale.annual_pay)
    assert scale.daily("constable") == (Decimal(48000) / 365).quantize(Decimal("0.01"))


def test_pay_scale_override_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "pay.json"
    path.write_text(json.dumps({"annual_pay": {"constable": 73000}, "version": "force-2026"}))
    monkeypatch.setenv("CANDOUR_PAY_SCALE", str(path))
    scale = integrity.load_pay_scale()
    assert scale.version == "force-2026" and scale.daily("constable") == Decimal("200.00")


@pytest.mark.parametrize("data", [[], {"annual_pay": {"constable": "lots"}}, {"annual_pay": {"constable": -1}},
                                  {"annual_pay": {}, "days_per_year": 0}])
def test_bad_pay_scale_is_refused(data: object) -> None:
    with pytest.raises(integrity.PayScaleError):
        integrity.pay_scale_from_dict(data, source="bad")


@pytest.mark.parametrize(("offence", "expected"), [
    ("Driving with excess alcohol", "serious_traffic"),
    ("Drink driving", "serious_traffic"),
    ("Drug driving (cannabis)", "serious_traffic"),
    ("Careless driving", "serious_traffic"),
    ("Sexual assault on a female", "sexual"),
    ("Rape", "sexual"),
    ("Voyeurism", "sexual"),
    ("Assault occasioning actual bodily harm", "violence"),
    ("Common assault (domestic)", "violence"),
    ("Controlling or coercive behaviour", "violence"),
    ("Possession of a controlled drug (class B)", "drugs"),
    ("Theft by employee", "dishonesty"),
    ("Fraud by false representation", "dishonesty"),
    ("Misconduct in public office", "dishonesty"),
    ("Criminal damage to a vehicle", "criminal_damage"),
    ("Arson", "criminal_damage"),
    ("Affray", "public_order"),
    ("Drunk and disorderly", "public_order"),
    ("Speeding (fixed penalty)", "other"),
    ("Fishing without a licence", "other"),
])
def test_classify_offence(offence: str, expected: str) -> None:
    suggestion = integrity.classify_offence(offence)
    assert suggestion.value == expected, suggestion
    assert suggestion.reason


def test_classify_uses_a_recorded_category_first() -> None:
    assert integrity.classify_offence("Anything at all", "drugs").value == "drugs"
    assert integrity.classify_offence("Theft", "not-a-class").value == "dishonesty"


def test_committed_while_serving_and_age() -> None:
    joined = date(2015, 4, 1)
    assert not integrity.committed_while_serving(date(2015, 3, 31), joined)
    assert integrity.committed_while_serving(date(2015, 4, 1), joined)
    assert not integrity.committed_while_serving(date(2024, 1, 1), joined, left_on=date(2023, 12, 31))
    assert integrity.age_on(date(1990, 5, 1), date(2020, 4, 30)) == 29
    assert integrity.age_on(date(1990, 5, 1), date(2020, 5, 1)) == 30
    assert integrity.age_on(date(2000, 2, 29), date(2018, 2, 28)) == 17
    assert integrity.age_on(None, date(2020, 1, 1)) is None


def _policy(disposal: str, offence_class: str = "summary", classification: str = "other",
            on: date = date(2025, 6, 2), serving: bool = False, **kwargs: object) -> integrity.PolicyView:
    return integrity.conviction_policy(disposal=disposal, offence_class=offence_class, classification=classification,
                                       decided_on=on, while_serving=serving, **kwargs)  # type: ignore[arg-type]


def test_indictable_only_conviction_is_deemed_gross_misconduct_from_28_may_2025() -> None:
    after = _policy("conviction", "indictable_only", "violence", on=date(2025, 5, 28), serving=True)
    assert after.value == "deemed_gross_misconduct" and after.vetting_review and after.confirmed
    assert any("reg 6(2)(c)" in r.basis for r in after.reasons)
    assert any("committed while serving" in r.text for r in after.reasons)
    before = _policy("conviction", "indictable_only", "violence", on=date(2025, 5, 27))
    assert before.value == "presumption_of_refusal"
    assert any("reg 64(1)" in r.basis for r in before.reasons)


def test_pre_commencement_allegation_keeps_the_old_rules() -> None:
    view = _policy("conviction", "indictable_only", on=date(2025, 7, 1), came_to_attention_on=date(2025, 3, 1))
    assert view.value == "presumption_of_refusal"
    assert any("before 28 May 2025" in r.text for r in view.reasons)


def test_either_way_conviction_and_caution_carry_the_presumption_of_refusal() -> None:
    for disposal, offence_class in (("conviction", "either_way"), ("caution", "summary"),
                                    ("caution", "indictable_only")):
        view = _policy(disposal, offence_class)
        assert view.value == "presumption_of_refusal", (disposal, offence_class)
        assert view.vetting_review and any(r.basis == integrity.CODE for r in view.reasons)


def test_caution_before_the_2023_code_is_not_confirmed() -> None:
    view = _policy("caution", on=date(2019, 1, 1))
    assert view.value == "presumption_of_refusal" and not view.confirmed


def test_penalty_notice_for_a_minor_matter_is_trivial_by_configuration() -> None:
    view = _policy("penalty_notice", classification="other")
    assert view.value == "trivial" and not view.vetting_review and not view.confirmed
    serious = _policy("penalty_notice", classification="public_order")
    assert serious.value == "consider"
    config = config_from_dict({"trivial_classifications": ["other", "public_order"]})
    assert _policy("penalty_notice", classification="public_order", config=config).value == "trivial"


def test_court_condition_is_considered_on_the_facts() -> None:
    view = _policy("court_condition")
    assert view.value == "consider" and not view.vetting_review


def test_every_answer_reminds_of_the_duty_to_report() -> None:
    for disposal in integrity.DISPOSALS:
        assert any("must report" in r.text for r in _policy(disposal).reasons)


def test_trivial_policy_settings_are_checked() -> None:
    from candour.domain.config import ConfigError

    with pytest.raises(ConfigError):
        config_from_dict({"trivial_disposals": "penalty_notice"})
    assert config_from_dict({}).trivial_disposals == ("penalty_notice",)
