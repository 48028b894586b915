"""Hotline, internal reports, triage and evidence pages, through the test client."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from candour.audit.models import AuditEvent
from candour.intake.models import Report, ReportStatus
from candour.testing.cast import PNG_BYTES, Cast

pytestmark = pytest.mark.django_db


def _key(page: str) -> str:
    match = re.search(r'name="submission_key" value="([0-9a-f]+)"', page)
    assert match
    return match.group(1)


def test_a_hotline_call_is_saved_in_one_page(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("call_handler"))
    page = client.get(reverse("intake:hotline")).content.decode()
    assert "autofocus" in page
    data = {"kind": "conduct", "what_happened": "Caller saw an officer kick a dog.", "incident_on_0": "2",
            "incident_on_1": "5", "incident_on_2": "2025", "incident_location": "The park",
            "person_number": "AB12", "anonymous": "on", "submission_key": _key(page)}
    response = client.post(reverse("intake:hotline"), data)
    assert response.status_code == 302
    report = Report.objects.get(channel="hotline")
    assert report.entered_by == cast.user("call_handler") and report.anonymous
    page = client.get(reverse("intake:hotline")).content.decode()
    assert report.reference in page and "/track/" in page
    # The same form sent again (a double press of Enter) saves nothing more.
    client.post(reverse("intake:hotline"), data)
    assert Report.objects.filter(channel="hotline").count() == 1
    assert "1 call today" in client.get(reverse("web:home")).content.decode()


def test_a_hotline_call_with_bad_input_keeps_what_was_typed(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("call_handler"))
    page = client.get(reverse("intake:hotline")).content.decode()
    response = client.post(reverse("intake:hotline"), {
        "kind": "complaint", "what_happened": "", "incident_location": "Somewhere specific",
        "contact_email": "bad@", "submission_key": _key(page)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter what happened" in page and "correct format" in page
    assert "Somewhere specific" in page
    assert not Report.objects.filter(channel="hotline").exists()


def test_a_hotline_call_with_nothing_said_names_every_problem_at_once(cast: Cast, client: Client) -> None:
    """Not "select what the caller is reporting", then, once that is answered, "enter what happened"."""
    client.force_login(cast.user("call_handler"))
    page = client.get(reverse("intake:hotline")).content.decode()
    page = client.post(reverse("intake:hotline"), {"submission_key": _key(page), "contact_phone": "call me"}
                       ).content.decode()
    summary = page[page.index("govuk-error-summary"):page.index("</ul>", page.index("govuk-error-summary"))]
    assert "Select what the caller is reporting" in summary and "Enter what happened" in summary
    assert "phone number" in summary.lower()
    assert not Report.objects.filter(channel="hotline").exists()


def test_a_hotline_callers_receipt_carries_the_tracking_link(cast: Cast, client: Client, mailoutbox: list[Any],
                                                            django_capture_on_commit_callbacks: Any) -> None:
    client.force_login(cast.user("call_handler"))
    page = client.get(reverse("intake:hotline")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("intake:hotline"), {
            "kind": "complaint", "what_happened": "An officer swore at me.", "contact_name": "Sam Caller",
            "contact_email": "sam@example.com", "submission_key": _key(page)})
    page = client.get(reverse("intake:hotline")).content.decode()
    link = re.search(r'id="tracking-link">([^<]+)<', page)
    assert link and "/track/" in link.group(1)
    assert len(mailoutbox) == 1 and link.group(1) in mailoutbox[0].body
    assert "emailed the reference and the link to the caller at sam@example.com" in page
    assert "cannot be replaced" not in page


def test_an_anonymous_hotline_caller_is_to_be_told_a_lost_link_cannot_be_replaced(
        cast: Cast, client: Client) -> None:
    client.force_login(cast.user("call_handler"))
    page = client.get(reverse("intake:hotline")).content.decode()
    client.post(reverse("intake:hotline"), {"kind": "conduct", "what_happened": "An officer took cash.",
                                            "anonymous": "on", "submission_key": _key(page)})
    page = client.get(reverse("intake:hotline")).content.decode()
    assert "a lost link cannot be replaced" in page and "emailed" not in page


def test_a_sealed_colleague_report_shows_no_reporter_to_the_assessor(cast: Cast, client: Client) -> None:
    reporter = cast.user("no_role")
    client.force_login(reporter)
    page = client.get(reverse("intake:internal_colleague")).content.decode()
    response = client.post(reverse("intake:internal_colleague"), {
        "what_happened": "My sergeant shares custody photos in a group chat.", "person_name": "Sgt Testperson",
        "anonymous": "on", "submission_key": _key(page)})
    assert "Your identity has been sealed" in response.content.decode()
    report = Report.objects.get(kind="colleague")
    client.force_login(cast.appropriate_authority)
    page = client.get(reverse("intake:triage_report", args=[report.reference])).content.decode()
    assert "Identity sealed" in page
    assert reporter.name not in page and reporter.get_username() not in page


def test_a_self_report_names_the_reporter(cast: Cast, client: Client) -> None:
    reporter = cast.user("investigator")
    client.force_login(reporter)
    page = client.get(reverse("intake:internal_self")).content.decode()
    client.post(reverse("intake:internal_self"), {
        "matter": "conviction", "matter_on_0": "1", "matter_on_1": "6", "matter_on_2": "2025",
        "what_happened": "Convicted of speeding at magistrates' court; fined.", "submission_key": _key(page)})
    report = Report.objects.get(kind="self_report")
    assert report.reporter == reporter and report.matter == "conviction"


def test_the_triage_page_shows_clocks_matches_and_the_rules(cast: Cast, client: Client) -> None:
    client.force_login(cast.appropriate_authority)
    queue = client.get(reverse("intake:triage_queue")).content.decode()
    assert cast.report.reference in queue
    url = reverse("intake:triage_report", args=[cast.report.reference])
    page = client.get(url).content.decode()
    assert "Log the report" in page and "Contact the complainant" in page
    assert "Ada Testperson" in page and "collar number AB12 matches" in page
    assert cast.case.reference in page  # the existing case about the same officer within 3 days
    response = client.post(url, {"case_type": "complaint", "category": "individual_behaviours",
                                 "conduct": ["serious_assault"], "contact_resulted_in": "none",
                                 "wants_recording": "unknown", "officer": "100001", "version": "1",
                                 "check": ""})
    page = response.content.decode()
    assert 'data-rule="must_refer"' in page and "serious assault" in page
    assert "Police (Complaints and Misconduct) Regulations 2020, reg 4" in page
    assert Report.objects.get(pk=cast.report.pk).status == ReportStatus.NEW


def test_a_triage_decision_the_rules_forbid_is_refused_with_the_reason(cast: Cast, client: Client) -> None:
    client.force_login(cast.appropriate_authority)
    url = reverse("intake:triage_report", args=[cast.report.reference])
    response = client.post(url, {"case_type": "complaint", "category": "individual_behaviours",
                                 "conduct": ["serious_assault"], "contact_resulted_in": "none",
                                 "wants_recording": "unknown", "officer": "100001", "version": "1",
                                 "decision": "record", "decide": ""})
    assert "must be referred to the IOPC" in response.content.decode()
    assert Report.objects.get(pk=cast.report.pk).status == ReportStatus.NEW
    response = client.post(url, {"case_type": "complaint", "category": "individual_behaviours",
                                 "conduct": ["serious_assault"], "contact_resulted_in": "none",
                                 "wants_recording": "unknown", "officer": "100001", "version": "1",
                                 "decision": "refer", "decide": ""})
    assert response.status_code == 302
    report = Report.objects.get(pk=cast.report.pk)
    assert report.status == ReportStatus.LOGGED and report.case is not None and report.case.state == "referred"
    queue = client.get(reverse("intake:triage_queue")).content.decode()
    assert "There are no new reports." in queue  # it has left the queue
    text = re.sub(r"<[^>]+>", "", queue)
    assert f"{cast.report.reference}: logged as a case, {report.case.reference} (referred to the IOPC)" in text
    assert f'href="{reverse("web:case_detail", args=[report.case.reference])}"' in queue


def test_an_unknown_warrant_number_is_a_form_error(cast: Cast, client: Client) -> None:
    client.force_login(cast.appropriate_authority)
    response = client.post(reverse("intake:triage_report", args=[cast.report.reference]), {
        "case_type": "complaint", "category": "individual_behaviours", "officer": "999999", "version": "1",
        "decision": "log", "decide": ""})
    assert "No officer in this force has that warrant number" in response.content.decode()


def test_evidence_is_served_as_a_download_and_the_view_is_audited(cast: Cast, client: Client) -> None:
    client.force_login(cast.investigator)
    response = client.get(reverse("intake:evidence_download", args=[cast.evidence.uuid]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG_BYTES  # type: ignore[attr-defined]
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    event = AuditEvent.objects.get(action="evidence_viewed")
    assert event.actor_name == cast.investigator.name and event.object_id == str(cast.evidence.uuid)


def test_an_infected_file_is_withheld(cast: Cast, client: Client) -> None:
    evidence = cast.evidence
    evidence.scan = evidence.Scan.INFECTED
    evidence.save()
    client.force_login(cast.investigator)
    assert client.get(reverse("intake:evidence_download", args=[evidence.uuid])).status_code == 404


def test_another_forces_assessor_cannot_see_the_report(cast: Cast, client: Client) -> None:
    client.force_login(cast.other_force_user)
    assert cast.report.reference not in client.get(reverse("intake:triage_queue")).content.decode()
    assert client.get(reverse("intake:triage_report", args=[cast.report.reference])).status_code == 404
    assert client.get(reverse("intake:evidence_download", args=[cast.evidence.uuid])).status_code == 404


@pytest.mark.parametrize("who,items", [
    ("assessor", ["Triage", "Report a concern"]),
    ("call_handler", ["Hotline", "Report a concern"]),
    ("no_role", ["Report a concern"]),
])
def test_the_navigation_offers_intake_by_role(cast: Cast, client: Client, who: str, items: list[str]) -> None:
    client.force_login(cast.user(who))
    nav: list[dict[str, Any]] = client.get(reverse("web:home")).context["nav_items"]
    labels = [item["label"] for item in nav]
    for item in items:
        assert item in labels
    assert ("Triage" in labels) == (who == "assessor")
    assert ("Hotline" in labels) == (who == "call_handler")
