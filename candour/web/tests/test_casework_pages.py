"""A complaint walked through the casework pages, from recording to a hearing's outcome, with the
refusals a caseworker meets on the way (each saying why)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candour.cases.models import Case, CooperationRequest
from candour.cases.transitions import case_transition
from candour.testing.cast import Cast
from candour.web.tests.casework import date_fields as _d
from candour.web.tests.casework import post_step as _step
from candour.web.tests.casework import post_subject as _subject

pytestmark = pytest.mark.django_db


def test_a_complaint_from_recording_to_dismissal(cast: Cast, client: Client) -> None:
    case, subject = cast.case, cast.subject
    today = timezone.localdate()
    assessor, investigator, decider = cast.appropriate_authority, cast.investigator, cast.user("decision_maker")
    Case.objects.filter(pk=case.pk).update(facts={"conduct": ["serious_assault"]})
    client.force_login(assessor)
    page = client.get(reverse("web:case_detail", args=[case.reference])).content.decode()
    assert "Next steps" in page and "Refer to the IOPC" in page

    # Recording is allowed; handling it otherwise is not, before the mandatory referral.
    assert _step(client, case, "record", reason="Recording test met").status_code == 302
    response = _step(client, case, "handle_otherwise", reason="Apology")
    assert "must be referred to the IOPC first" in response.content.decode()
    assert _step(client, case, "refer", reason="Serious assault").status_code == 302
    assert case.referrals.get().heads == ["serious_assault"]
    assert _step(client, case, "iopc_local", reason="IOPC: local", **_d(today, "decided_on")).status_code == 302
    case.refresh_from_db()
    assert case.state == "investigation" and case.iopc_mode == "local"

    # Appointing the investigator: a conflict is refused with the reason.
    investigator_officer = cast.officer.__class__.objects.create(
        force=cast.force, forenames="Iris", surname="Inspector", warrant_number="300003",
        joined_on=date(2010, 1, 1), rank="inspector")
    type(cast.officer).objects.filter(pk=cast.officer.pk).update(line_manager=investigator_officer)
    investigator.officer = investigator_officer
    investigator.save()
    case.refresh_from_db()
    response = client.post(reverse("web:case_investigator", args=[case.reference]),
                           {"investigator": investigator.pk, "version": case.version})
    assert "chain of command of Ada Testperson" in response.content.decode()
    type(cast.officer).objects.filter(pk=cast.officer.pk).update(line_manager=None)
    response = client.post(reverse("web:case_investigator", args=[case.reference]),
                           {"investigator": investigator.pk, "version": case.version,
                            "terms_of_reference": "Whether PC used excessive force"})
    assert response.status_code == 302

    # The investigator's work: severity, notice, a request, then the report.
    client.force_login(investigator)
    response = _step(client, case, "submit_report")
    assert "Record a severity assessment for Ada Testperson" in response.content.decode()
    assert _subject(client, case, subject, "severity", severity="gross_misconduct",
                    **_d(today, "assessed_on")).status_code == 302
    response = _step(client, case, "submit_report")
    assert "Serve a Regulation 17 notice on Ada Testperson" in response.content.decode()
    assert _subject(client, case, subject, "notice", method="email", **_d(today, "served_on")).status_code == 302
    assert client.post(reverse("web:case_request_add", args=[case.reference]), {
        "kind": "footage", "recipient_type": "outside", "recipient": "Council CCTV",
        **_d(today - timedelta(days=20), "asked_on"), **_d(today - timedelta(days=6), "due_on")}).status_code == 302
    page = client.get(reverse("web:case_detail", args=[case.reference])).content.decode()
    assert "Officer&#x27;s response to the Regulation 17 notice: Ada Testperson" in page
    assert "Answer due: Footage from Council CCTV" in page and "Overdue" in page
    request = CooperationRequest.objects.get(case=case)
    client.post(reverse("web:case_request_answered", args=[case.reference, request.uuid]))
    request.refresh_from_db()
    assert request.answered_on == today
    assert _step(client, case, "submit_report", reason="Final report").status_code == 302

    # The decision maker: case to answer, the forum the rules require, the outcome.
    client.force_login(decider)
    assert _subject(client, case, subject, "case-to-answer", decision="gross_misconduct").status_code == 302
    response = _step(client, case, "refer_to_proceedings", forum="misconduct_meeting", reason="x")
    assert "must be a misconduct hearing, not a misconduct meeting" in response.content.decode()
    assert _step(client, case, "refer_to_proceedings", forum="misconduct_hearing",
                 reason="Case to answer for gross misconduct").status_code == 302
    response = _subject(client, case, subject, "outcome", finding="gross_misconduct",
                        outcome="final_written_warning", **_d(today, "outcome_on"))
    assert "no exceptional circumstances were found" in response.content.decode()
    assert _subject(client, case, subject, "outcome", finding="gross_misconduct",
                    outcome="dismissal_without_notice", **_d(today, "outcome_on")).status_code == 302
    assert _step(client, case, "close", reason="Dismissed").status_code == 302
    case.refresh_from_db()
    subject.refresh_from_db()
    assert case.state == "closed" and subject.outcome == "dismissal_without_notice"
    page = client.get(reverse("web:case_detail", args=[case.reference])).content.decode()
    assert "Appeal may be lodged until" in page and "Police Barred List entry" in page
    entry = cast.officer.list_entries.get()
    assert entry.kind == "barred" and entry.case == case and entry.event_on == today
    officer_page = client.get(reverse("web:officer_detail", args=[cast.officer.uuid])).content.decode()
    assert "Police Barred List" in officer_page and "Report to the College by" in officer_page


def test_a_step_page_explains_why_it_cannot_be_taken(cast: Cast, client: Client) -> None:
    client.force_login(cast.appropriate_authority)
    page = client.get(reverse("web:case_step", args=[cast.case.reference, "submit_report"])).content.decode()
    assert "This step cannot be taken yet" in page
    assert "only possible from" in page and "Only an investigator can take this step" in page


def test_a_stale_step_is_refused(cast: Cast, client: Client) -> None:
    client.force_login(cast.appropriate_authority)
    response = client.post(reverse("web:case_step", args=[cast.case.reference, "record"]),
                           {"version": 0, "reason": "x"})
    assert "changed by someone else" in response.content.decode()
    cast.case.refresh_from_db()
    assert cast.case.state == "logged"


def test_my_cases_are_ordered_by_the_nearest_clock(cast: Cast, client: Client) -> None:
    from django.core.management import call_command

    from candour.cases import services
    from candour.people.services import member_of_public_create

    today = timezone.localdate()
    actor = services.Actor.system("test")
    soon = services.case_open(force=cast.force, case_type="complaint", received_on=today - timedelta(days=3),
                              summary="Recent", actor=actor,
                              complainant=member_of_public_create(force=cast.force, actor=actor, full_name="A"))
    late = services.case_open(force=cast.force, case_type="complaint", received_on=today - timedelta(days=90),
                              summary="Old", actor=actor,
                              complainant=member_of_public_create(force=cast.force, actor=actor, full_name="B"))
    for case in (soon, late, cast.case):
        case_transition(case=case, transition="record", user=cast.appropriate_authority,
                                 expected_version=case.version, today=case.received_on)
    # Handling of the older complaint started when it was received, 90 days ago.
    from candour.cases.models import TimelineEvent

    TimelineEvent.objects.filter(case=late).update(occurred_at=timezone.now() - timedelta(days=90))
    Case.objects.update(next_due_on=None)
    call_command("casework", "clocks")
    soon.refresh_from_db()
    late.refresh_from_db()
    assert late.next_due_on is not None and soon.next_due_on is not None and late.next_due_on < soon.next_due_on
    client.force_login(cast.appropriate_authority)
    response = client.get(reverse("web:queue"))
    queue = response.context["queue"]
    order = [c.reference for c in queue.cases]
    assert order.index(late.reference) < order.index(soon.reference)
    assert queue.overdue >= 1 and "Overdue" in response.content.decode()
    client.force_login(cast.other_force_user)
    assert late.reference not in client.get(reverse("web:queue")).content.decode()

    # The overdue and "due this week" views list only those cases; the counts stay whole.
    client.force_login(cast.appropriate_authority)
    overdue = client.get(reverse("web:queue"), {"due": "overdue"}).context["queue"]
    assert overdue.view == "overdue" and overdue.cases
    assert all(c.next_due_on is not None and c.next_due_on < today for c in overdue.cases)
    assert late.reference in [c.reference for c in overdue.cases]
    assert soon.reference not in [c.reference for c in overdue.cases]
    week = client.get(reverse("web:queue"), {"due": "week"}).context["queue"]
    assert all(c.next_due_on is not None and today <= c.next_due_on <= today + timedelta(days=7)
               for c in week.cases)
    assert week.total == overdue.total == queue.total
    # An unknown view shows everything, and says so.
    tampered = client.get(reverse("web:queue"), {"due": "<script>"})
    assert tampered.status_code == 200 and tampered.context["queue"].view == "all"

    # Pages of the list, in the same order, with nothing lost or repeated; a bad page number
    # shows the first or the last page.
    from candour.cases.selectors import queue_for_user

    whole = [c.reference for c in queue_for_user(user=cast.appropriate_authority, today=today).cases]
    paged = [c.reference for n in (1, 2, 3)
             for c in queue_for_user(user=cast.appropriate_authority, today=today, per_page=1, page=n).cases]
    assert paged == whole and len(whole) == 3
    assert queue_for_user(user=cast.appropriate_authority, today=today, per_page=1, page="x").page.number == 1
    assert queue_for_user(user=cast.appropriate_authority, today=today, per_page=1, page=99).page.number == 3
    second = client.get(reverse("web:queue"), {"page": "2"})
    assert second.status_code == 200


def test_lengthy_investigations(cast: Cast, client: Client) -> None:
    today = timezone.localdate()
    Case.objects.filter(pk=cast.case.pk).update(state="investigation",
                                                received_on=today - timedelta(days=800))
    client.force_login(cast.user("oversight"))
    lengthy = client.get(reverse("web:queue")).context["lengthy"]
    assert lengthy.over_12_months == 1 and lengthy.over_2_years == 1


def test_documents_print_as_html_and_pdf(cast: Cast, client: Client) -> None:
    from candour.cases import services
    from candour.cases.documents import chromium_path

    Case.objects.filter(pk=cast.case.pk).update(state="investigation")
    services.subject_severity_assess(subject=cast.subject, user=cast.investigator, severity="misconduct",
                                     assessed_on=date(2025, 7, 1))
    services.reg17_notice_serve(subject=cast.subject, user=cast.investigator, served_on=date(2025, 7, 2),
                                method="hand")
    client.force_login(cast.investigator)
    url = reverse("web:document_notice", args=[cast.case.reference, cast.subject.uuid])
    response = client.get(url)
    page = response.content.decode()
    # The print styles are inline: the page's policy allows that one style element, by nonce.
    nonce = re.search(r'<style nonce="([^"]+)">', page)
    assert nonce and f"style-src 'self' 'nonce-{nonce.group(1)}'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "Notice of investigation" in page
    assert "16 July 2025" in page  # 10 working days after 2 July 2025
    assert "Swore at the complainant" in page and "you do not have to say anything" in page.lower()
    letter = client.get(reverse("web:document_outcome_letter", args=[cast.case.reference])).content.decode()
    assert "The outcome of your complaint" in letter
    report = client.get(reverse("web:document_progress_report", args=[cast.case.reference]),
                        {"estimate": "March 2027", "reasons": "Awaiting forensic results",
                         "steps": "Interview the officer"}).content.decode()
    assert "6-monthly report" in report and "Regulation 17 notices given" in report  # received June 2025
    assert "Awaiting forensic results" in report and "the local policing body and the IOPC" in report
    if chromium_path() is None:
        pytest.skip("Chromium is not installed: PDF printing not tested here")
    pdf = client.post(url, {"format": "pdf"})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


@pytest.mark.parametrize("form_name", ["NoticeForm", "SeverityForm", "CaseToAnswerForm", "OutcomeForm", "RequestForm",
                                       "UpdateForm", "CpsReferralForm"])
def test_casework_forms_say_what_to_do_when_empty(form_name: str) -> None:
    from candour.web.cases import forms as casework_forms

    form = getattr(casework_forms, form_name)({})
    assert not form.is_valid()
    messages = [str(m) for errors in form.errors.values() for m in errors]
    assert messages and "This field is required." not in messages, messages
