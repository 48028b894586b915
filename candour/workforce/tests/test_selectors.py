"""The registers' read side: force scoping, figures computed from the facts, and query budgets
that do not grow with the number of officers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from candour.audit.services import Actor
from candour.cases import selectors as case_selectors
from candour.cases import services as case_services
from candour.domain import integrity
from candour.people import services as people_services
from candour.testing.cast import Cast
from candour.workforce import selectors, services

pytestmark = pytest.mark.django_db
TODAY = date(2025, 11, 20)
SETUP = Actor.system("selector test")
SCALE = integrity.pay_scale_from_dict({"annual_pay": {"constable": 36500, "sergeant": 73000}}, source="test")


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def _warned_officers(cast: Cast, n: int, outcome: str, notified: date) -> None:
    for i in range(n):
        officer = people_services.officer_create(force=cast.force, actor=SETUP, forenames="W", surname=f"Warned{i}",
                                                 warrant_number=f"W{outcome[:1]}{i}", joined_on=date(2015, 1, 1))
        allegation = cast.case.allegations.first()
        assert allegation is not None
        subject = case_services.subject_add(allegation=allegation, officer=officer, actor=SETUP)
        case_services.subject_outcome_record(subject=subject, outcome=outcome, outcome_on=notified, actor=SETUP)


def test_warnings_register_lists_warnings_in_force_with_expiry(cast: Cast) -> None:
    # The cast's written warning, notified 1 October 2025, runs 18 months to 31 March 2027.
    _warned_officers(cast, 2, "final_written_warning", date(2023, 12, 1))  # in force to 30 Nov 2025: soon
    _warned_officers(cast, 1, "written_warning", date(2023, 1, 1))  # expired 30 June 2024
    rows = case_selectors.warnings_in_force_for_user(user=cast.appropriate_authority, today=TODAY)
    assert [(r.subject.person.surname, r.expires_on, r.expiring_soon) for r in rows] == [
        ("Warned0", date(2025, 11, 30), True), ("Warned1", date(2025, 11, 30), True),
        ("Testperson", date(2027, 3, 31), False)]
    assert case_selectors.warnings_in_force_for_user(user=cast.other_force_user, today=TODAY) == []
    assert case_selectors.warnings_in_force_for_user(user=cast.investigator, today=TODAY) == []


def test_warnings_register_is_one_query_whatever_the_number_of_officers(
        cast: Cast, django_assert_num_queries: Any) -> None:
    _warned_officers(cast, 2, "written_warning", date(2025, 1, 1))
    with django_assert_num_queries(1):
        few = case_selectors.warnings_in_force_for_user(user=cast.appropriate_authority, today=TODAY)
    _warned_officers(cast, 8, "final_written_warning", date(2025, 2, 1))
    with django_assert_num_queries(1):
        many = case_selectors.warnings_in_force_for_user(user=cast.appropriate_authority, today=TODAY)
        names = [r.subject.person.full_name + r.subject.allegation.case.reference for r in many]
    assert len(few) == 3 and len(many) == 11 and len(names) == 11


def test_totals_cost_counts_and_clocks(cast: Cast, django_assert_max_num_queries: Any) -> None:
    # The cast's oral suspension of a constable since 1 September 2025: 81 days to 20 November,
    # at £100 a day; never confirmed in writing (due 4 September) and never reviewed (due 29 September).
    services.suspension_start(officer=cast.officer, user=cast.appropriate_authority, kind="restricted_duties",
                              started_on=date(2025, 10, 1), reasons="Pending investigation")
    with django_assert_max_num_queries(3):
        totals = selectors.integrity_totals_for_user(user=cast.user("analyst"), today=TODAY, scale=SCALE)
    assert totals.suspended_now == 1 and totals.restricted_now == 1
    assert totals.running_cost == Decimal("8100.00") and totals.cost_this_year == Decimal("8100.00")
    assert totals.reviews_overdue == 1 and totals.confirmations_due == 1 and totals.confirmations_overdue == 1
    assert totals.convictions == 1 and totals.convictions_by_class["serious_traffic"] == 1
    assert totals.while_serving == 1
    other = selectors.integrity_totals_for_user(user=cast.other_force_user, today=TODAY, scale=SCALE)
    assert other.suspended_now == 0 and other.running_cost == 0 and other.convictions == 0


def test_cost_this_year_counts_ended_suspensions_from_1_january(cast: Cast) -> None:
    episode = services.suspension_start(
        officer=cast.officer, user=cast.appropriate_authority, kind="suspension", started_on=date(2024, 12, 22),
        reasons="x", redeployment_considered=True, redeployment_not_appropriate_because="y", ground="public_interest")
    services.suspension_end(episode=episode, user=cast.appropriate_authority, ended_on=date(2025, 1, 10),
                            reason="Cleared")
    totals = selectors.integrity_totals_for_user(user=cast.appropriate_authority, today=TODAY, scale=SCALE)
    # Sergeant at £200 a day: 10 days in 2025 (1-10 January), plus the cast constable's 81 at £100.
    assert totals.cost_this_year == Decimal("2000.00") + Decimal("8100.00")
    assert totals.running_cost == Decimal("8100.00")


def test_conviction_report_counts_serving_officers_by_class(cast: Cast) -> None:
    services.conviction_record(officer=cast.officer, user=cast.appropriate_authority, offence="Shoplifting",
                               offence_on=date(2012, 1, 1), disposal="caution", disposal_on=date(2012, 2, 1))
    services.conviction_record(officer=cast.officer, user=cast.appropriate_authority, offence="Speeding",
                               offence_on=date(2024, 1, 1), disposal="penalty_notice", disposal_on=date(2024, 1, 2))
    services.conviction_record(officer=cast.list_entry.officer, user=cast.appropriate_authority, offence="Affray",
                               offence_on=date(2024, 1, 1), disposal="conviction", disposal_on=date(2024, 3, 1))
    report = selectors.conviction_report_for_user(user=cast.user("analyst"))
    # The penalty notice and the officer who resigned are not counted.
    assert report.total == 2 and report.officers == 1 and report.while_serving == 1
    assert report.by_class["dishonesty"] == 1 and report.while_serving_by_class["dishonesty"] == 0
    assert report.by_policy["presumption_of_refusal"] == 2


def test_list_export_rows(cast: Cast) -> None:
    rows = selectors.list_export_rows_for_user(user=cast.user("vetting_officer"))
    assert rows == [{
        "force": "Alpha Test Police", "surname": "Departed", "forenames": "Dee", "date_of_birth": "1985-02-03",
        "warrant_number": "100003", "collar_number": "", "rank": "Inspector", "list": "Police Advisory List",
        "event_date": "2025-08-01", "basis": "Left during investigation", "review_eligible_from": "",
        "case_reference": "", "report_due": "2025-08-07", "reported_on": ""}]
    assert tuple(rows[0]) == selectors.LIST_EXPORT_COLUMNS
    assert selectors.list_export_rows_for_user(user=cast.user("oversight")) == []
    assert selectors.list_export_rows_for_user(user=cast.other_force_user) == []
