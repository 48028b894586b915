"""Issue 14's casework defects, each pinned by a test that failed on the old behaviour."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candour.cases.models import Case, Subject
from candour.domain.deadlines import compute_deadline
from candour.testing.cast import Cast
from candour.web.tests.casework import date_fields as _d
from candour.web.tests.casework import post_subject as _subject

pytestmark = pytest.mark.django_db


def _page(client: Client, case: Case) -> str:
    return client.get(reverse("web:case_detail", args=[case.reference])).content.decode()


def _awaiting_decision(cast: Cast) -> None:
    Subject.objects.filter(pk=cast.subject.pk).update(
        outcome="", outcome_on=None, severity="gross_misconduct", severity_assessed_on=date(2025, 7, 1))
    Case.objects.filter(pk=cast.case.pk).update(state="decision")


def test_no_case_to_answer_says_no_case_to_answer(cast: Cast, client: Client) -> None:
    _awaiting_decision(cast)
    client.force_login(cast.user("decision_maker"))
    response = _subject(client, cast.case, cast.subject, "case-to-answer", decision="none", follow=True)
    page = response.content.decode()
    assert "No case to answer for Ada Testperson" in page
    assert "Case to answer recorded" not in page and "Case to answer decided" not in page


def test_case_to_answer_says_for_what(cast: Cast, client: Client) -> None:
    _awaiting_decision(cast)
    client.force_login(cast.user("decision_maker"))
    page = _subject(client, cast.case, cast.subject, "case-to-answer", decision="misconduct",
                    follow=True).content.decode()
    assert "Case to answer for misconduct: Ada Testperson" in page


def test_severity_message_says_the_severity(cast: Cast, client: Client) -> None:
    Case.objects.filter(pk=cast.case.pk).update(state="investigation")
    client.force_login(cast.investigator)
    page = _subject(client, cast.case, cast.subject, "severity", severity="misconduct",
                    **_d(timezone.localdate(), "assessed_on"), follow=True).content.decode()
    assert "Severity assessed for Ada Testperson: misconduct" in page


def test_a_served_notice_starts_a_named_clock_on_the_case_and_in_the_queue(cast: Cast, client: Client) -> None:
    case = cast.case
    today = timezone.localdate()
    Subject.objects.filter(pk=cast.subject.pk).update(outcome="", outcome_on=None, severity="misconduct",
                                                      severity_assessed_on=today)
    # Received a month ago, so the progress report is not due sooner than the response.
    Case.objects.filter(pk=case.pk).update(state="investigation", investigator=cast.investigator,
                                           received_on=today - timedelta(days=30))
    client.force_login(cast.investigator)
    assert _subject(client, case, cast.subject, "notice", method="hand", **_d(today, "served_on")).status_code == 302
    case.refresh_from_db()
    due = compute_deadline("notice-response", today, regime_date=case.received_on).due
    assert case.next_due_on == due
    assert case.next_due_what == "Officer's response to the Regulation 17 notice: Ada Testperson"
    assert "Officer&#x27;s response to the Regulation 17 notice: Ada Testperson" in _page(client, case)
    queue = client.get(reverse("web:queue")).content.decode()
    assert "Officer&#x27;s response to the Regulation 17 notice: Ada Testperson, " in queue
    assert f"{due:%-d %b %Y}" in queue


def test_a_notice_outside_an_investigation_is_refused_with_the_reason(cast: Cast, client: Client) -> None:
    case = cast.case
    today = timezone.localdate()
    Subject.objects.filter(pk=cast.subject.pk).update(severity="misconduct", severity_assessed_on=today)
    Case.objects.filter(pk=case.pk).update(state="handling")
    client.force_login(cast.investigator)
    page = _subject(client, case, cast.subject, "notice", method="hand", **_d(today, "served_on")).content.decode()
    assert "A Regulation 17 notice is served during an investigation" in page
    assert not cast.subject.notices.exists()


def test_the_contact_clock_stays_on_the_case_after_triage_until_contact_is_recorded(cast: Cast,
                                                                                   client: Client) -> None:
    from candour.intake import services as intake_services

    today = timezone.localdate()
    assessor = cast.appropriate_authority
    report = intake_services.report_triage(
        report=cast.report, user=assessor, decision="record", expected_version=cast.report.version,
        classification=intake_services.Classification(case_type="complaint", category="individual_behaviours"))
    case = report.case
    assert case is not None and case.complainant is not None
    client.force_login(assessor)
    page = _page(client, case)
    assert "Contact the complainant about how the complaint is handled" in page
    case.refresh_from_db()
    assert case.next_due_what == "Contact the complainant about how the complaint is handled"

    response = client.post(reverse("web:case_contact", args=[case.reference]), _d(today, "contacted_on"), follow=True)
    page = response.content.decode()
    assert f"First contact with the complainant recorded: {today:%-d %B %Y}" in page
    assert "Contact the complainant about how" not in page
    # A date before the complaint was received is refused, and nothing changes.
    response = client.post(reverse("web:case_contact", args=[case.reference]),
                           _d(case.received_on - timedelta(days=3), "contacted_on"))
    assert "The date of contact" in response.content.decode()
    case.refresh_from_db()
    assert case.complainant_contacted_on == today


def _triaged(cast: Cast) -> Case:
    from candour.intake import services as intake_services

    report = intake_services.report_triage(
        report=cast.report, user=cast.appropriate_authority, decision="record", expected_version=cast.report.version,
        classification=intake_services.Classification(case_type="complaint", category="individual_behaviours"))
    assert report.case is not None
    return report.case


def test_evidence_sent_with_the_report_is_listed_on_the_case_with_links(cast: Cast, client: Client) -> None:
    case = _triaged(cast)
    evidence = cast.evidence
    client.force_login(cast.investigator)
    page = _page(client, case)
    link = reverse("intake:evidence_download", args=[evidence.uuid])
    assert f'href="{link}"' in page and "photo.png" in page and cast.report.reference in page
    assert client.get(link).status_code == 200
    # The review panel sees the case but not the evidence.
    client.force_login(cast.user("review_panel"))
    assert link not in _page(client, case)


def test_documents_are_offered_and_printed_only_when_the_case_makes_them_meaningful(cast: Cast,
                                                                                   client: Client) -> None:
    case = cast.case
    Subject.objects.filter(pk=cast.subject.pk).update(outcome="", outcome_on=None)
    Case.objects.filter(pk=case.pk).update(state="handling")
    client.force_login(cast.appropriate_authority)
    page = _page(client, case)
    notice = reverse("web:document_notice", args=[case.reference, cast.subject.uuid])
    letter = reverse("web:document_outcome_letter", args=[case.reference])
    report = reverse("web:document_progress_report", args=[case.reference])
    assert notice not in page and letter not in page and report not in page
    # Typed as URLs they are refused, saying why, and nothing breaks.
    for url, why in ((notice, "No Regulation 17 notice for Ada Testperson"),
                     (letter, "No outcome letter yet"), (report, "No progress report")):
        response = client.get(url, follow=True)
        assert response.status_code == 200 and why in response.content.decode()
    # With an outcome, the letter is offered; in an investigation after a misconduct
    # assessment, the notice and the progress report.
    Subject.objects.filter(pk=cast.subject.pk).update(outcome="written_warning", outcome_on=date(2025, 10, 1))
    assert letter in _page(client, case)
    Subject.objects.filter(pk=cast.subject.pk).update(severity="misconduct", severity_assessed_on=date(2025, 7, 1))
    Case.objects.filter(pk=case.pk).update(state="investigation")
    page = _page(client, case)
    assert notice in page and report in page
    assert client.get(notice).status_code == 200


def test_no_severity_label_until_the_subject_is_assessed(cast: Cast, client: Client) -> None:
    # A bulk-loaded allegation may carry a severity before anyone assessed the subject.
    cast.subject.allegation.__class__.objects.filter(pk=cast.subject.allegation_id).update(
        severity="gross_misconduct")
    Case.objects.filter(pk=cast.case.pk).update(state="recorded")
    client.force_login(cast.appropriate_authority)
    page = _page(client, cast.case)
    assert "Gross misconduct" not in page and "gross misconduct" not in page.split("Allegations")[1]
    assert "Severity not yet assessed" in page
    Subject.objects.filter(pk=cast.subject.pk).update(severity="gross_misconduct",
                                                      severity_assessed_on=date(2025, 7, 1))
    assert "Severity: gross misconduct (assessed 1 Jul 2025)" in _page(client, cast.case)


def test_the_investigators_case_page_shows_next_steps_with_the_rules_reason(cast: Cast, client: Client) -> None:
    case = cast.case
    Subject.objects.filter(pk=cast.subject.pk).update(outcome="", outcome_on=None)
    Case.objects.filter(pk=case.pk).update(state="investigation", investigator=cast.investigator)
    client.force_login(cast.investigator)
    page = _page(client, case)
    assert "Assess the severity of the conduct of Ada Testperson" in page
    assert "Why: A severity assessment comes before the final report" in page
    Subject.objects.filter(pk=cast.subject.pk).update(severity="misconduct", severity_assessed_on=date(2025, 7, 1))
    page = _page(client, case)
    assert "Serve a Regulation 17 notice on Ada Testperson" in page and "they are under investigation" in page
    # Before the investigation starts, the page says whose step it is.
    Case.objects.filter(pk=case.pk).update(state="recorded")
    page = _page(client, case)
    assert "Nothing waits for you on this case: the next step is for the assessor" in page


def test_decisions_keep_their_reasons_audited_and_shown_with_links_to_the_material(cast: Cast,
                                                                                  client: Client) -> None:
    from candour.audit.models import AuditEvent

    case = _triaged(cast)
    subject = Subject.objects.create(allegation=case.allegations.get(), officer=cast.officer)
    Case.objects.filter(pk=case.pk).update(state="investigation")
    client.force_login(cast.investigator)
    form = client.get(reverse("web:case_subject", args=[case.reference, subject.uuid, "severity"])).content.decode()
    assert 'name="reasons"' in form
    assert reverse("intake:evidence_download", args=[cast.evidence.uuid]) in form and cast.report.reference in form
    _subject(client, case, subject, "severity", severity="gross_misconduct", reasons="Bodycam shows a shove.",
             **_d(timezone.localdate(), "assessed_on"))
    subject.refresh_from_db()
    assert subject.severity_reasons == "Bodycam shows a shove."
    event = AuditEvent.objects.filter(action="severity_assessed").latest("id")
    assert event.after is not None and event.after["reasons"] == "Bodycam shows a shove."
    assert "Severity reasons: Bodycam shows a shove." in _page(client, case)

    Case.objects.filter(pk=case.pk).update(state="decision")
    client.force_login(cast.user("decision_maker"))
    _subject(client, case, subject, "case-to-answer", decision="none", reasons="The footage shows no contact.")
    subject.refresh_from_db()
    assert subject.case_to_answer_reasons == "The footage shows no contact."
    assert "Case to answer reasons: The footage shows no contact." in _page(client, case)
