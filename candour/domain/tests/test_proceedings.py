"""Proceedings as rules: the clocks from the notice of referral to the hearing (worked by hand
with the England and Wales bank holidays, regulations.md §0 and §14 scenarios 18 and 21), the
panel each forum needs by date and rank, the hearing-date window, review applications with the
forwarding rule, and what an appeal's result does to the outcome and the barred list."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from candour.domain.clocks import ClockFacts, ProceedingsClock, case_clocks, next_due
from candour.domain.config import config_from_dict
from candour.domain.proceedings import (
    Member,
    PanelRole,
    appeal_effect,
    hearing_date_check,
    panel_check,
    panel_requirements,
    review_application,
    substitutable,
)

RECEIVED = date(2023, 1, 10)


def _facts(today: date, *proceedings: ProceedingsClock, **extra: Any) -> ClockFacts:
    return ClockFacts(today=today, case_type="conduct_matter", state="proceedings", received_on=RECEIVED,
                      proceedings=proceedings, **extra)


# (what the proceedings are, label fragment, due, confirmed, why)
CLOCKS: list[tuple[ProceedingsClock, str, date, bool, str]] = [
    # §14 sc. 18: notice and documents Thu 20 Apr 2023 -> response Mon 15 May (skips 1 and 8 May).
    (ProceedingsClock("PC Able", "misconduct_hearing", notice_on=date(2023, 4, 20)),
     "Officer's response to the notice of referral", date(2023, 5, 15), True, "reg 31(1), 15 working days"),
    # An extension for exceptional circumstances replaces the statutory day.
    (ProceedingsClock("PC Able", "misconduct_hearing", notice_on=date(2023, 4, 20),
                      response_due_on=date(2023, 5, 30)),
     "Officer's response to the notice of referral (extended)", date(2023, 5, 30), True, "reg 31(3)"),
    # §14 sc. 18: the officer complies Tue 9 May 2023 -> witness lists Fri 12 May.
    (ProceedingsClock("PC Able", "misconduct_hearing", notice_on=date(2023, 4, 20), response_on=date(2023, 5, 9)),
     "Witness lists exchanged", date(2023, 5, 12), True, "reg 31(4), 3 working days"),
    # Documents to the chair: 10 working days after 9 May 2023 -> Tue 23 May.
    (ProceedingsClock("PC Able", "misconduct_hearing", notice_on=date(2023, 4, 20), response_on=date(2023, 5, 9)),
     "Documents to the person conducting or chairing", date(2023, 5, 23), True, "reg 32(6), 10 working days"),
    # Pre-hearing: 15 working days after the documents on 23 May 2023, skipping 29 May -> Wed 14 Jun.
    (ProceedingsClock("PC Able", "misconduct_hearing", notice_on=date(2023, 4, 20), response_on=date(2023, 5, 9),
                      witness_lists_on=date(2023, 5, 11), papers_to_chair_on=date(2023, 5, 23)),
     "Pre-hearing", date(2023, 6, 14), True, "reg 33, 15 working days"),
    # Misconduct meeting: 20 working days after 23 May 2023, skipping 29 May -> Wed 21 Jun [M].
    (ProceedingsClock("PC Able", "misconduct_meeting", notice_on=date(2023, 4, 20), response_on=date(2023, 5, 9),
                      witness_lists_on=date(2023, 5, 11), papers_to_chair_on=date(2023, 5, 23)),
     "Hold the misconduct meeting", date(2023, 6, 21), False, "reg 34(1), 20 working days [M]"),
    # §14 sc. 21: AMH notice Mon 18 Dec 2023 -> response Fri 29 Dec [M] ...
    (ProceedingsClock("PC Able", "accelerated_hearing", notice_on=date(2023, 12, 18)),
     "Officer's response to the accelerated hearing notice", date(2023, 12, 29), False, "reg 54, 7 days [M]"),
    # ... the hearing no earlier than Thu 4 Jan 2024 ...
    (ProceedingsClock("PC Able", "accelerated_hearing", notice_on=date(2023, 12, 18)),
     "may be held from", date(2024, 1, 4), True, "reg 52(1), 10 working days"),
    # ... and no later than Thu 11 Jan 2024 (skips 25-26 Dec and 1 Jan).
    (ProceedingsClock("PC Able", "accelerated_hearing", notice_on=date(2023, 12, 18)),
     "Hold the accelerated hearing", date(2024, 1, 11), True, "reg 52(1), 15 working days"),
    # A fixed hearing date is itself a clock.
    (ProceedingsClock("PC Able", "misconduct_hearing", notice_on=date(2023, 4, 20), response_on=date(2023, 5, 9),
                      witness_lists_on=date(2023, 5, 11), papers_to_chair_on=date(2023, 5, 23),
                      pre_hearing_on=date(2023, 6, 5), hearing_on=date(2023, 7, 3)),
     "Misconduct hearing: PC Able", date(2023, 7, 3), True, "date fixed"),
]


@pytest.mark.parametrize(("proceedings", "label", "due", "confirmed", "why"), CLOCKS,
                         ids=[row[4] for row in CLOCKS])
def test_proceedings_clock(proceedings: ProceedingsClock, label: str, due: date, confirmed: bool, why: str) -> None:
    clocks = [c for c in case_clocks(_facts(date(2023, 4, 21), proceedings)) if label in c.label]
    assert len(clocks) == 1, [c.label for c in case_clocks(_facts(date(2023, 4, 21), proceedings))]
    assert clocks[0].due == due
    assert clocks[0].confirmed is confirmed
    assert "PC Able" in clocks[0].label


def test_a_period_marked_unverified_is_configuration() -> None:
    from candour.domain.deadlines import compute_deadline

    config = config_from_dict({"periods": {"misconduct-meeting": 10}})
    deadline = compute_deadline("misconduct-meeting", date(2023, 5, 23), config=config)
    assert deadline.due == date(2023, 6, 7) and deadline.confirmed is False  # 29 May skipped


def test_the_next_due_date_ignores_may_be_held_from() -> None:
    amh = ProceedingsClock("PC Able", "accelerated_hearing", notice_on=date(2023, 12, 18),
                           response_on=date(2023, 12, 20))
    assert next_due(_facts(date(2023, 12, 20), amh)) == date(2024, 1, 11)


def test_no_clocks_before_the_notice_after_the_outcome_or_outside_proceedings() -> None:
    waiting = ProceedingsClock("PC Able", "misconduct_hearing")
    done = ProceedingsClock("PC Able", "misconduct_hearing", notice_on=date(2023, 4, 20), concluded=True)
    assert case_clocks(_facts(date(2023, 4, 21), waiting, done)) == []
    live = ProceedingsClock("PC Able", "misconduct_hearing", notice_on=date(2023, 4, 20))
    closed = ClockFacts(today=date(2023, 4, 21), case_type="conduct_matter", state="decision",
                        received_on=RECEIVED, proceedings=(live,))
    assert case_clocks(closed) == []


def test_an_overdue_response_is_first_and_sets_next_due() -> None:
    late = ProceedingsClock("PC Able", "misconduct_hearing", notice_on=date(2023, 4, 20))
    facts = _facts(date(2023, 5, 16), late)
    assert case_clocks(facts)[0].overdue and next_due(facts) == date(2023, 5, 15)


def test_an_appeal_hearing_is_a_clock() -> None:
    facts = ClockFacts(today=date(2025, 9, 1), case_type="conduct_matter", state="appeal", received_on=RECEIVED,
                       appeal_hearing_on=date(2025, 10, 6))
    assert [(c.label, c.due) for c in case_clocks(facts)] == [("Appeal hearing", date(2025, 10, 6))]


# -- panels -----------------------------------------------------------------------------------

_R = PanelRole
POST_2024 = {_R.CHAIR: 1, _R.INDEPENDENT_QUALIFIED: 1, _R.INDEPENDENT_LAY: 1, _R.LQP_ADVISER: 1}
PANELS: list[tuple[str, date, str, dict[PanelRole, int], str | None, str]] = [
    ("misconduct_hearing", date(2024, 6, 10), "constable", POST_2024, "chief_officer_or_delegate", "§14 sc. 14"),
    ("misconduct_hearing", date(2024, 3, 15), "constable",
     {_R.CHAIR: 1, _R.POLICE_MEMBER: 1, _R.INDEPENDENT_MEMBER: 1}, "legally_qualified_chair", "before 7 May 2024"),
    ("misconduct_hearing", date(2025, 1, 6), "deputy_chief_constable", POST_2024, "senior_officer_other_force",
     "§14 sc. 15 DCC"),
    ("misconduct_hearing", date(2025, 1, 6), "chief_constable", POST_2024, "hmcic_or_hmi", "§14 sc. 15 chief"),
    ("accelerated_hearing", date(2025, 1, 6), "sergeant", {_R.CHAIR: 1}, "chief_officer_or_delegate", "AMH"),
    ("misconduct_meeting", date(2025, 1, 6), "constable", {_R.PERSON_CONDUCTING: 1}, None, "meeting"),
]


@pytest.mark.parametrize(("forum", "on", "rank", "roles", "chair", "why"), PANELS, ids=[p[5] for p in PANELS])
def test_panel_requirements(forum: str, on: date, rank: str, roles: dict[PanelRole, int], chair: str | None,
                            why: str) -> None:
    requirement = panel_requirements(forum=forum, sitting_on=on, rank=rank, received_on=date(2023, 1, 10))
    assert requirement.roles == roles
    assert requirement.chair_kind == chair
    assert requirement.reasons and all(r.basis for r in requirement.reasons)


def test_a_full_panel_passes_and_a_wrong_one_is_refused_with_reasons() -> None:
    requirement = panel_requirements(forum="misconduct_hearing", sitting_on=date(2024, 6, 10), rank="constable")
    good = [Member("chair", "ACC Grey", "senior_officer"), Member("independent_qualified", "Dr Quill"),
            Member("independent_lay", "Mr Lay"), Member("lqp_adviser", "Ms Law")]
    assert panel_check(requirement, good) == []
    missing = panel_check(requirement, good[:3])
    assert any(r.startswith("The legally qualified person (adviser, no vote) is missing") for r in missing)
    extra = panel_check(requirement, [*good, Member("police_member", "Supt Old")])
    assert any("has no police member" in r for r in extra)
    wrong_chair = panel_check(requirement, [Member("chair", "Ms Lawyer", "legally_qualified_chair"), *good[1:]])
    assert any(r.startswith("The chair must be one of") for r in wrong_chair)
    unsaid = panel_check(requirement, [Member("chair", "ACC Grey"), *good[1:]])
    assert [r for r in unsaid if "chair" in r] == [f"Select what the chair sits as ({requirement.chair_basis()})"]
    two = panel_check(requirement, [*good, Member("independent_lay", "Mrs Two")])
    assert any(r.startswith("Only 1 independent member (lay) may sit") for r in two)
    # Each refusal says what is wrong and cites the rule; the rule in full is one of the
    # requirement's reasons, shown beside the form, not repeated in every message.
    members_rule = requirement.reasons[-1]
    assert f"The legally qualified person (adviser, no vote) is missing ({members_rule.basis})" in missing
    for refusal in [*missing, *extra, *wrong_chair, *two, *unsaid]:
        assert refusal.endswith(")") and members_rule.text not in refusal


def test_panel_date_can_be_the_day_received_by_configuration() -> None:
    config = config_from_dict({"panel_date": "received_on"})
    requirement = panel_requirements(forum="misconduct_hearing", sitting_on=date(2024, 6, 10), rank="constable",
                                     received_on=date(2024, 1, 5), config=config)
    assert requirement.chair_kind == "legally_qualified_chair" and not requirement.confirmed


# -- the hearing date ---------------------------------------------------------------------------

DATES: list[tuple[dict[str, Any], str | None]] = [
    ({"forum": "accelerated_hearing", "hearing_on": date(2024, 1, 4)}, None),
    ({"forum": "accelerated_hearing", "hearing_on": date(2024, 1, 11)}, None),
    ({"forum": "accelerated_hearing", "hearing_on": date(2024, 1, 3)}, "The earliest permitted day is 4 January 2024"),
    ({"forum": "accelerated_hearing", "hearing_on": date(2024, 1, 3), "reduced_by_agreement": True}, None),
    ({"forum": "accelerated_hearing", "hearing_on": date(2024, 1, 12)}, "The latest permitted day is 11 January 2024"),
    ({"forum": "misconduct_meeting", "hearing_on": date(2024, 2, 1), "papers_to_chair_on": date(2024, 1, 2)},
     "The latest permitted day is 30 January 2024"),
    ({"forum": "misconduct_meeting", "hearing_on": date(2024, 2, 1), "papers_to_chair_on": date(2024, 1, 2),
      "extended": True}, None),
    ({"forum": "misconduct_hearing", "hearing_on": date(2024, 1, 10), "pre_hearing_on": date(2024, 1, 12)},
     "after the pre-hearing"),
    ({"forum": "misconduct_hearing", "hearing_on": date(2023, 12, 18)}, "must be after the notice"),
    ({"forum": "misconduct_hearing", "hearing_on": date(2024, 1, 10), "notice_on": None}, "Record the notice"),
]


@pytest.mark.parametrize(("inputs", "words"), DATES)
def test_hearing_date(inputs: dict[str, Any], words: str | None) -> None:
    args: dict[str, Any] = {"notice_on": date(2023, 12, 18), "papers_to_chair_on": None, "pre_hearing_on": None,
                            "received_on": RECEIVED, **inputs}
    refusals = hearing_date_check(**args)
    if words is None:
        assert refusals == []
    else:
        assert any(words in r for r in refusals), refusals


# -- reviews ------------------------------------------------------------------------------------


def test_review_application_in_time_late_forwarded_and_extended() -> None:
    # §14 sc. 7: outcome 28 Mar 2023 -> last day 25 Apr 2023 (28 calendar days).
    args: dict[str, Any] = {"outcome_notified_on": date(2023, 3, 28), "received_on_regime": RECEIVED}
    assert review_application(received_on=date(2023, 4, 25), **args).valid
    late = review_application(received_on=date(2023, 4, 26), **args)
    assert not late.valid and late.due == date(2023, 4, 25) and "after the last day" in late.because()
    forwarded = review_application(received_on=date(2023, 5, 2), sent_to_wrong_body_on=date(2023, 4, 24), **args)
    assert forwarded.valid and "Sch 3 para 32" in forwarded.because()
    extended = review_application(received_on=date(2023, 5, 2), extended=True, **args)
    assert extended.valid and any(not r.confirmed for r in extended.reasons)


# -- appeals ------------------------------------------------------------------------------------

EFFECTS = [
    ("dismissed", "dismissal_without_notice", "", ("gross_misconduct", "dismissal_without_notice", False)),
    ("outcome_substituted", "dismissal_without_notice", "final_written_warning",
     ("gross_misconduct", "final_written_warning", True)),
    ("outcome_substituted", "written_warning", "final_written_warning",
     ("gross_misconduct", "final_written_warning", False)),
    ("finding_quashed", "dismissal_without_notice", "", ("neither", "not_proven", True)),
    ("remitted", "dismissal_without_notice", "", ("", "", True)),
    ("remitted", "final_written_warning", "", ("", "", False)),
]


@pytest.mark.parametrize(("result", "outcome", "substituted", "expected"), EFFECTS)
def test_appeal_effect(result: str, outcome: str, substituted: str, expected: tuple[str, str, bool]) -> None:
    effect = appeal_effect(result=result, finding="gross_misconduct", outcome=outcome,
                           substituted_outcome=substituted)
    assert (effect.finding, effect.outcome, effect.remove_barred_entry) == expected
    assert effect.reasons and all(r.basis for r in effect.reasons)


def test_a_substituted_outcome_must_differ() -> None:
    assert substitutable("written_warning", "written_warning")[0].startswith("The substituted outcome is the same")
    assert substitutable("written_warning", "nonsense") == ["Choose the outcome the appeal substituted"]
    assert substitutable("dismissal_without_notice", "final_written_warning") == []
