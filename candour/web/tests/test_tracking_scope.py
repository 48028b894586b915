"""Issue 15: a tracking link opens one report, never more. A second person whose report was
linked to the complainant's case sees none of the complainant's updates (nor they theirs), and
cannot decide how the complaint is handled: asking for it to be recorded, or for a review,
through the tracking page's POST or the service, is refused and changes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from candour.cases import services as case_services
from candour.cases.models import Case
from candour.intake import services
from candour.intake.models import Report, ReviewRequest
from candour.intake.validation import ReportInput
from candour.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _complaint_handled_informally(cast: Cast) -> Case:
    """The cast's report (Pat Public's) opens a case handled outside Schedule 3."""
    done = services.report_triage(
        report=cast.report, user=cast.appropriate_authority, decision="outside_schedule_3", expected_version=1,
        classification=services.Classification(case_type="complaint", category="delivery_of_duties",
                                               conduct=("service_level",)))
    assert done.case is not None
    return done.case


def _second_report_linked(cast: Cast, case: Case) -> tuple[Report, str]:
    """Sam Second saw it happen and reported it too; triage links the report to Pat's case."""
    submitted = services.report_submit(
        force=cast.force, channel="portal", actor=services.PUBLIC_ACTOR, submission_key="second-report",
        data=ReportInput(kind="complaint", what_happened="I saw a sergeant push someone outside the station.",
                         incident_on=date(2025, 6, 9), relationship="witness", contact_name="Sam Second",
                         contact_email="sam@example.com"))
    services.report_triage(report=submitted.report, user=cast.appropriate_authority, decision="link",
                           expected_version=1, link_to=case,
                           classification=services.Classification(case_type="complaint"))
    submitted.report.refresh_from_db()
    return submitted.report, submitted.tracking_token


def test_each_tracking_page_shows_only_its_own_reports_updates(cast: Cast, client: Client) -> None:
    case = _complaint_handled_informally(cast)
    linked, token = _second_report_linked(cast, case)
    case_services.complainant_update_send(case=case, user=cast.appropriate_authority,
                                          message="We have spoken to the sergeant's supervisor.")
    pat = client.get(reverse("intake:track", args=[cast.tracking_token])).content.decode()
    sam = client.get(reverse("intake:track", args=[token])).content.decode()
    # Pat, the complainant, sees the case's update to them, not what Sam was told.
    assert "We have spoken to the sergeant" in pat
    assert "already dealing with" not in pat and linked.reference not in pat
    # Sam sees that their report was added to a case, and nothing of Pat's.
    assert "already dealing with" in sam
    assert "We have spoken to the sergeant" not in sam and "resolve your complaint" not in sam
    assert cast.report.reference not in sam and case.reference not in sam


def test_a_linked_report_cannot_force_the_complaint_to_be_recorded(cast: Cast, client: Client) -> None:
    case = _complaint_handled_informally(cast)
    linked, token = _second_report_linked(cast, case)
    url = reverse("intake:track", args=[token])
    page = client.post(url, {"record": ""}).content.decode()
    assert "You cannot ask for your complaint to be recorded now" in page
    case.refresh_from_db()
    assert case.state == "outside_schedule_3"
    with pytest.raises(ValidationError) as caught:
        services.complainant_asks_to_record(report=linked)
    assert caught.value.messages == ["Only the person who made the complaint can ask for it to be recorded"]
    case.refresh_from_db()
    assert case.state == "outside_schedule_3"
    # The complainant still can.
    client.post(reverse("intake:track", args=[cast.tracking_token]), {"record": ""})
    case.refresh_from_db()
    assert case.state == "recorded"


def test_a_linked_report_cannot_ask_for_a_review(cast: Cast, client: Client) -> None:
    from candour.cases.transitions import case_transition

    case = _complaint_handled_informally(cast)
    linked, token = _second_report_linked(cast, case)
    case = case_transition(case=case, transition="record", user=cast.appropriate_authority,
                           expected_version=case.version)
    case = case_transition(case=case, transition="handle_otherwise", user=cast.appropriate_authority,
                           expected_version=case.version)
    case = case_transition(case=case, transition="close", user=cast.appropriate_authority,
                           expected_version=case.version, inputs={"handling_outcome": "service_acceptable"})
    page = client.post(reverse("intake:track", args=[token]), {"review": "", "reasons": "Not fair"}).content.decode()
    assert "You cannot ask for a review now" in page
    linked.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        services.complainant_review_request(report=linked, reasons="Not fair", review_body="iopc")
    assert caught.value.messages == ["Only the person who made the complaint can ask for a review"]
    case.refresh_from_db()
    assert case.state == "closed" and not ReviewRequest.objects.exists()
    # The complainant still can.
    response = client.post(reverse("intake:track", args=[cast.tracking_token]),
                           {"review": "", "reasons": "The outcome ignored my witness"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "review" and ReviewRequest.objects.get().report == cast.report
