"""Proceedings on the casework pages: the notice of referral and its clocks, the officer's
response and witnesses, the dates, the panel against the rules, the outcome, the appeal that
overturns a dismissal (and removes the barred-list entry), complainant reviews, CPS referrals,
pauses and an officer who leaves during an investigation. Every refusal says why and changes
nothing."""

from __future__ import annotations

import html
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candour.audit.models import AuditEvent
from candour.cases.models import Appeal, Case, CriminalPause, PanelMember, ProceedingsNotice, Review, Subject
from candour.cases.services_proceedings import panel_requirements_for
from candour.cases.transitions import case_transition
from candour.domain.calendar import default_calendar
from candour.domain.deadlines import compute_deadline
from candour.testing.cast import Cast
from candour.web.tests.casework import date_fields as _d
from candour.web.tests.casework import post_step as _step
from candour.web.tests.casework import post_subject as _subject
from candour.workforce.models import ListEntry

pytestmark = pytest.mark.django_db


def _page(client: Client, case: Case) -> str:
    return client.get(reverse("web:case_detail", args=[case.reference])).content.decode()


def _working_day_before(day: date, n: int) -> date:
    calendar = default_calendar()
    while n:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            n -= 1
    return day


def _ready_for_proceedings(cast: Cast) -> None:
    Subject.objects.filter(pk=cast.subject.pk).update(
        outcome="", outcome_on=None, severity="gross_misconduct", severity_assessed_on=date(2025, 7, 1),
        case_to_answer="gross_misconduct")
    Case.objects.filter(pk=cast.case.pk).update(state="decision")


def test_a_hearing_from_notice_to_an_appeal_that_overturns_dismissal(cast: Cast, client: Client) -> None:
    case, subject = cast.case, cast.subject
    today = timezone.localdate()
    decider = cast.user("decision_maker")
    _ready_for_proceedings(cast)
    client.force_login(decider)
    assert _step(client, case, "refer_to_proceedings", forum="misconduct_hearing", reason="GM").status_code == 302

    # Nothing can follow the notice of referral before it is given.
    response = _subject(client, case, subject, "proceedings-response", accepts="disputes",
                        **_d(today, "response_on"))
    assert "Record the notice of referral to Ada Testperson first" in response.content.decode()
    notice_on = _working_day_before(today, 40)
    assert _subject(client, case, subject, "proceedings-notice", **_d(notice_on, "notice_on")).status_code == 302
    due = compute_deadline("referral-response", notice_on, regime_date=case.received_on).due
    page = _page(client, case)
    assert "Officer&#x27;s response to the notice of referral: Ada Testperson" in page and "Overdue" in page
    case.refresh_from_db()
    assert case.next_due_on == due

    # A late response is refused unless the extension is recorded; then it is accepted.
    late = due + timedelta(days=1)
    response = _subject(client, case, subject, "proceedings-response", accepts="disputes",
                        witnesses_proposed="PC Witness", **_d(late, "response_on"))
    assert "is after the last day" in response.content.decode() and "reg 31(3)" in response.content.decode()
    assert ProceedingsNotice.objects.get(subject=subject).response_on is None
    assert _subject(client, case, subject, "proceedings-response", accepts="disputes",
                    witnesses_proposed="PC Witness", **_d(late, "response_on"),
                    **_d(due + timedelta(days=7), "extended_to")).status_code == 302
    page = _page(client, case)
    assert "Witness lists exchanged: Ada Testperson" in page
    assert "Documents to the person conducting or chairing: Ada Testperson" in page

    assert _subject(client, case, subject, "witnesses", decision="PC Witness may attend",
                    **_d(late + timedelta(days=1), "witness_lists_on"),
                    **_d(late + timedelta(days=2), "decided_on")).status_code == 302
    # The hearing must follow the pre-hearing.
    papers, pre = late + timedelta(days=3), late + timedelta(days=8)
    response = _subject(client, case, subject, "proceedings-dates", **_d(papers, "papers_to_chair_on"),
                        **_d(pre, "pre_hearing_on"), **_d(pre - timedelta(days=1), "hearing_on"))
    assert "must be after the pre-hearing" in response.content.decode()
    assert ProceedingsNotice.objects.get(subject=subject).hearing_on is None
    hearing_on = pre + timedelta(days=14)
    assert _subject(client, case, subject, "proceedings-dates", **_d(papers, "papers_to_chair_on"),
                    **_d(pre, "pre_hearing_on"), **_d(hearing_on, "hearing_on")).status_code == 302
    assert "Misconduct hearing: Ada Testperson" in _page(client, case)

    # The panel: refused with the rules' reasons until it is what the date and rank require.
    url = reverse("web:case_panel", args=[case.reference])
    page = client.get(url).content.decode()
    assert "Independent member (qualified)" in page and "Legally qualified person" in page
    case.refresh_from_db()
    short = {"version": case.version, "chair": "ACC Grey", "chair_capacity": "senior_officer",
             "independent_qualified": "Dr Quill", "independent_lay": "Mr Lay"}
    response = client.post(url, short)
    assert "The legally qualified person (adviser, no vote) is missing" in response.content.decode()
    assert "Police (Conduct) (Amendment) Regulations 2024" in response.content.decode()
    # The rule in full is shown once, under "Why"; the refusals say what is wrong and cite it.
    rule = panel_requirements_for(case=case)[0][1].reasons[-1]
    assert response.content.decode().count(html.escape(rule.text, quote=False)) == 1
    response = client.post(url, {**short, "lqp_adviser": "Ms Law", "chair_capacity": ""})
    assert "Select what the chair sits as (Police (Conduct) Regulations 2020" in response.content.decode()
    response = client.post(url, {**short, "lqp_adviser": "Ms Law", "chair_capacity": "legally_qualified_chair"})
    assert "govuk-error-summary" in response.content.decode()
    assert not PanelMember.objects.filter(case=case).exists()
    assert client.post(url, {**short, "lqp_adviser": "Ms Law"}).status_code == 302
    assert sorted(PanelMember.objects.filter(case=case).values_list("role", flat=True)) == [
        "chair", "independent_lay", "independent_qualified", "lqp_adviser"]
    assert "Ms Law" in _page(client, case)

    # Dismissal, closing, then the officer's appeal to the Police Appeals Tribunal.
    assert _subject(client, case, subject, "outcome", finding="gross_misconduct", outcome="dismissal_without_notice",
                    **_d(today, "outcome_on")).status_code == 302
    assert _step(client, case, "close", reason="Dismissed").status_code == 302
    entry = ListEntry.objects.get(officer=cast.officer, kind="barred")
    page = client.get(reverse("web:case_step", args=[case.reference, "appeal"])).content.decode()
    assert "Who is appealing" in page and "Ada Testperson" in page
    response = _step(client, case, "appeal", subject=str(subject.uuid), **_d(today, "lodged_on"))
    assert "Choose the grounds of appeal" in response.content.decode()
    assert not Appeal.objects.exists()
    assert _step(client, case, "appeal", subject=str(subject.uuid), grounds=["unreasonable", "unfair"],
                 grounds_detail="Dismissal was disproportionate", **_d(today, "lodged_on")).status_code == 302
    appeal = Appeal.objects.get()
    assert appeal.kind == "pat" and appeal.deadline_confirmed is False and appeal.grounds == ["unfair", "unreasonable"]
    assert appeal.due_on == compute_deadline("pat-appeal", today, regime_date=case.received_on).due
    response = _step(client, case, "close", reason="x")
    assert "Record the appeal&#x27;s result first" in response.content.decode()

    base = reverse("web:case_appeal", args=[case.reference, appeal.uuid, "hearing"])
    assert client.post(base, _d(today + timedelta(days=30), "hearing_on")).status_code == 302
    assert "Appeal hearing" in _page(client, case)
    result = reverse("web:case_appeal", args=[case.reference, appeal.uuid, "result"])
    response = client.post(result, {"result": "outcome_substituted", "substituted_outcome": "dismissal_without_notice",
                                    **_d(today, "decided_on")})
    assert "same as the one appealed" in response.content.decode()
    entry.refresh_from_db()
    assert entry.removed_on is None
    assert client.post(result, {"result": "outcome_substituted", "substituted_outcome": "final_written_warning",
                                **_d(today, "decided_on")}).status_code == 302
    subject.refresh_from_db()
    entry.refresh_from_db()
    assert subject.outcome == "final_written_warning" and entry.removed_on == today
    removed = AuditEvent.objects.filter(action="list_entry_removed").get()
    assert removed.after is not None and removed.after["removed_on"] == today.isoformat()
    assert "Police Barred List entry removed" in _page(client, case)
    assert _step(client, case, "close", reason="Appeal decided").status_code == 302


def test_an_accelerated_hearing_is_held_in_its_window(cast: Cast, client: Client) -> None:
    case, subject = cast.case, cast.subject
    _ready_for_proceedings(cast)
    Subject.objects.filter(pk=subject.pk).update(special_conditions_met=True)
    client.force_login(cast.user("decision_maker"))
    assert _step(client, case, "refer_to_proceedings", forum="accelerated_hearing", reason="AMH").status_code == 302
    notice_on = date(2025, 12, 15)  # Monday: 10-15 working days, skipping 25, 26 Dec and 1 Jan
    assert _subject(client, case, subject, "proceedings-notice", **_d(notice_on, "notice_on")).status_code == 302
    response = _subject(client, case, subject, "proceedings-dates", **_d(date(2025, 12, 30), "hearing_on"))
    assert "The earliest permitted day is 31 December 2025" in response.content.decode()
    response = _subject(client, case, subject, "proceedings-dates", **_d(date(2026, 1, 12), "hearing_on"))
    assert "The latest permitted day is 8 January 2026" in response.content.decode()
    assert ProceedingsNotice.objects.get().hearing_on is None
    assert _subject(client, case, subject, "proceedings-dates", reduced_by_agreement="on",
                    **_d(date(2025, 12, 30), "hearing_on")).status_code == 302
    # The panel for a sergeant's accelerated hearing is the chief officer (or delegate) alone.
    page = client.get(reverse("web:case_panel", args=[case.reference])).content.decode()
    assert "Independent member" not in page and "conducts the accelerated hearing alone" in page


def test_the_panel_and_proceedings_records_are_for_decision_makers(cast: Cast, client: Client) -> None:
    case, subject = cast.case, cast.subject
    _ready_for_proceedings(cast)
    Case.objects.filter(pk=case.pk).update(state="proceedings", proceedings_forum="misconduct_hearing")
    client.force_login(cast.investigator)
    assert client.get(reverse("web:case_panel", args=[case.reference])).status_code == 403
    client.force_login(cast.appropriate_authority)
    case.refresh_from_db()
    response = client.post(reverse("web:case_panel", args=[case.reference]), {"version": case.version,
                                                                               "chair": "ACC Grey"})
    assert response.status_code == 403 and not PanelMember.objects.exists()
    client.force_login(cast.investigator)
    response = _subject(client, case, subject, "proceedings-notice", **_d(date(2025, 11, 3), "notice_on"))
    assert response.status_code == 403 and not ProceedingsNotice.objects.exists()
    client.force_login(cast.other_force_user)
    assert client.get(reverse("web:case_panel", args=[case.reference])).status_code == 404


def test_a_notice_is_refused_outside_proceedings(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("decision_maker"))
    response = _subject(client, cast.case, cast.subject, "proceedings-notice", **_d(date(2025, 11, 3), "notice_on"))
    assert "once the case has been referred to misconduct proceedings" in response.content.decode()
    assert not ProceedingsNotice.objects.exists()


def test_a_review_from_application_to_reinvestigation(cast: Cast, client: Client) -> None:

    case = cast.case
    today = timezone.localdate()
    case_transition(case=case, transition="record", user=cast.appropriate_authority,
                             expected_version=case.version)
    Case.objects.filter(pk=case.pk).update(state="closed", closed_on=today - timedelta(days=10),
                                           outcome_notified_on=today - timedelta(days=10))
    client.force_login(cast.appropriate_authority)
    assert _step(client, case, "request_review", reason="Complainant unhappy",
                 **_d(today - timedelta(days=2), "received_on")).status_code == 302
    review = Review.objects.get()
    assert review.valid and review.review_body == "local_policing_body"
    assert review.due_on == today + timedelta(days=18)
    assert "28 days" in review.validity_reasons or "reg 29(2)" in review.validity_reasons
    response = _step(client, case, "close", reason="x")
    assert "Record the review body&#x27;s decision first" in response.content.decode()
    response = _step(client, case, "review_reinvestigate", reason="x")
    assert "Re-investigation follows only when" in response.content.decode()
    url = reverse("web:case_review", args=[case.reference, review.uuid])
    # The local policing body's review is its review panel's to decide, not the force's.
    assert client.get(url).status_code == 403
    client.force_login(cast.user("review_panel"))
    response = client.post(url, {"outcome": "reasonable", "reinvestigation": "on", "reasons": "x",
                                 **_d(today, "decided_on")})
    assert "Re-investigation follows only when the outcome was not reasonable" in response.content.decode()
    response = client.post(url, {"outcome": "not_reasonable", **_d(today, "decided_on")})
    assert "Enter the reasons for the decision" in response.content.decode()
    review.refresh_from_db()
    assert review.outcome == ""
    response = client.post(url, {"outcome": "not_reasonable", "reinvestigation": "on",
                                 "recommendations": "Interview the second officer",
                                 "reasons": "The second officer was never interviewed.",
                                 **_d(today, "decided_on")}, follow=True)
    assert ("Review decided: the outcome was not reasonable and proportionate; re-investigation directed"
            in response.content.decode())
    client.force_login(cast.appropriate_authority)
    assert "Interview the second officer" in _page(client, case)
    assert _step(client, case, "review_reinvestigate", reason="Review upheld").status_code == 302
    case.refresh_from_db()
    assert case.state == "investigation"


def test_a_late_review_application_forwarded_from_the_wrong_body_is_in_time(cast: Cast, client: Client) -> None:

    case = cast.case
    today = timezone.localdate()
    case_transition(case=case, transition="record", user=cast.appropriate_authority,
                             expected_version=case.version)
    Case.objects.filter(pk=case.pk).update(state="closed", closed_on=today - timedelta(days=40),
                                           outcome_notified_on=today - timedelta(days=40))
    client.force_login(cast.appropriate_authority)
    response = _step(client, case, "request_review", reason="Late", **_d(today, "received_on"))
    assert "after the last day" in response.content.decode() and not Review.objects.exists()
    assert _step(client, case, "request_review", reason="Forwarded", **_d(today, "received_on"),
                 **_d(today - timedelta(days=20), "sent_to_wrong_body_on")).status_code == 302
    assert "Sch 3 para 32" in Review.objects.get().validity_reasons


def test_cps_referral_and_pause_are_shown_on_the_case(cast: Cast, client: Client) -> None:
    case = cast.case
    today = timezone.localdate()
    Case.objects.filter(pk=case.pk).update(state="investigation")
    client.force_login(cast.investigator)
    url = reverse("web:case_cps", args=[case.reference])
    response = client.post(url, _d(today + timedelta(days=3), "referred_on"))
    assert "must be today or in the past" in response.content.decode() and not case.cps_referrals.exists()
    assert client.post(url, _d(today, "referred_on")).status_code == 302
    response = client.post(url, _d(today, "referred_on"))
    assert "already awaiting its decision" in response.content.decode()
    referral = case.cps_referrals.get()
    assert _step(client, case, "pause", reason="Charged; trial listed").status_code == 302
    assert client.post(reverse("web:case_cps_decision", args=[case.reference, referral.uuid]),
                       {"decision": "charge", **_d(today, "decided_on")}).status_code == 302
    page = _page(client, case)
    assert "Referred to the CPS" in page and "charge" in page and "(still paused)" in page
    assert _step(client, case, "resume", reason="Trial over").status_code == 302
    pause = CriminalPause.objects.get()
    assert pause.paused_from == today and pause.paused_to == today and pause.reason == "Charged; trial listed"


def test_an_officer_who_resigns_during_an_investigation_goes_on_the_advisory_list(cast: Cast,
                                                                                   client: Client) -> None:
    case, subject = cast.case, cast.subject
    today = timezone.localdate()
    Case.objects.filter(pk=case.pk).update(state="investigation")
    client.force_login(cast.appropriate_authority)
    response = _subject(client, case, subject, "departure", **_d(today, "left_on"))
    assert "govuk-error-summary" in response.content.decode()
    cast.officer.refresh_from_db()
    assert cast.officer.status == "serving" and not ListEntry.objects.filter(officer=cast.officer).exists()
    assert _subject(client, case, subject, "departure", status="resigned", **_d(today, "left_on")).status_code == 302
    cast.officer.refresh_from_db()
    entry = ListEntry.objects.get(officer=cast.officer)
    assert cast.officer.status == "resigned" and cast.officer.left_on == today
    assert entry.kind == "advisory" and entry.case == case and entry.event_on == today
    assert entry.report_due_on == compute_deadline("college-report", today).due
    assert AuditEvent.objects.filter(action="officer_departed").count() == 1
    assert AuditEvent.objects.filter(action="list_entry_created", object_id=str(cast.officer.uuid)).count() == 1
    assert "Police Advisory List entry" in _page(client, case)
    response = _subject(client, case, subject, "departure", status="retired", **_d(today, "left_on"))
    assert "has already left" in response.content.decode()


def test_an_officer_who_leaves_with_no_open_investigation_gets_no_list_entry(cast: Cast) -> None:
    from candour.cases.services_proceedings import officer_departure_record

    Case.objects.filter(pk=cast.case.pk).update(state="closed", closed_on=timezone.localdate())
    entries = officer_departure_record(officer=cast.officer, user=cast.appropriate_authority, status="retired",
                                       left_on=timezone.localdate())
    assert entries == [] and not ListEntry.objects.filter(officer=cast.officer).exists()


def test_a_departure_is_refused_for_the_wrong_role(cast: Cast) -> None:
    from django.core.exceptions import PermissionDenied

    from candour.cases.services_proceedings import officer_departure_record

    with pytest.raises(PermissionDenied):
        officer_departure_record(officer=cast.officer, user=cast.investigator, status="retired",
                                 left_on=timezone.localdate())
    cast.officer.refresh_from_db()
    assert cast.officer.status == "serving"


def test_the_api_lists_the_proceedings(cast: Cast, client: Client) -> None:
    from candour.accounts.tokens import api_token_create

    Case.objects.filter(pk=cast.case.pk).update(state="proceedings", proceedings_forum="misconduct_meeting")
    Subject.objects.filter(pk=cast.subject.pk).update(outcome="", outcome_on=None)
    ProceedingsNotice.objects.create(subject=cast.subject, forum="misconduct_meeting", notice_on=date(2025, 11, 3))
    token = api_token_create(user=cast.user("decision_maker"), name="test")
    url = f"/api/v1/cases/{cast.case.reference}/proceedings"
    body = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert body["forum"] == "misconduct_meeting" and body["notices"][0]["notice_on"] == "2025-11-03"
    clocks = client.get(f"/api/v1/cases/{cast.case.reference}/clocks", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert any(c["label"].startswith("Officer's response to the notice of referral") and c["confirmed"]
               for c in clocks)
    other = api_token_create(user=cast.other_force_user, name="other")
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404


def _two_allegations_dismissed(cast: Cast) -> tuple[Subject, Subject]:
    """The cast officer with a gross misconduct finding on two allegations of one case, in proceedings."""
    from candour.cases import services

    _ready_for_proceedings(cast)
    Case.objects.filter(pk=cast.case.pk).update(state="proceedings", proceedings_forum="misconduct_hearing")
    second_allegation = services.allegation_add(case=cast.case, category="individual_behaviours",
                                                summary="Pushed the complainant", actor=services.Actor.system("t"))
    second = services.subject_add(allegation=second_allegation, officer=cast.officer,
                                  actor=services.Actor.system("t"))
    Subject.objects.filter(pk=second.pk).update(severity="gross_misconduct", severity_assessed_on=date(2025, 7, 1),
                                                case_to_answer="gross_misconduct")
    return cast.subject, second


def test_findings_are_per_allegation_and_the_outcome_one_per_officer(cast: Cast, client: Client) -> None:
    first, second = _two_allegations_dismissed(cast)
    today = timezone.localdate()
    client.force_login(cast.user("decision_maker"))
    assert _subject(client, cast.case, first, "outcome", finding="gross_misconduct",
                    outcome="dismissal_without_notice", **_d(today, "outcome_on")).status_code == 302
    response = _subject(client, cast.case, second, "outcome", finding="gross_misconduct",
                        outcome="final_written_warning", exceptional_circumstances="Long service",
                        **_d(today, "outcome_on"))
    assert "The outcome is one per officer: dismissal without notice was recorded for allegation 1" in \
        response.content.decode()
    second.refresh_from_db()
    assert second.outcome == "" and second.finding == ""
    # The same outcome is accepted; a finding of neither misconduct nor gross misconduct needs none of it.
    assert _subject(client, cast.case, second, "outcome", finding="gross_misconduct",
                    outcome="dismissal_without_notice", **_d(today, "outcome_on")).status_code == 302
    second.refresh_from_db()
    assert (first.allegation.number, second.allegation.number) == (1, 2) and second.finding == "gross_misconduct"


def test_an_appeal_on_one_allegation_keeps_the_barred_entry_while_a_dismissal_stands(cast: Cast) -> None:
    from candour.cases import services
    from candour.cases.services_proceedings import appeal_decide

    first, second = _two_allegations_dismissed(cast)
    today = timezone.localdate()
    decider = cast.user("decision_maker")
    for subject in (first, second):
        services.subject_finding_record(subject=subject, user=decider, finding="gross_misconduct",
                                        outcome="dismissal_without_notice", outcome_on=today)
    Case.objects.filter(pk=cast.case.pk).update(state="appeal", proceedings_outcome_on=today)
    entry = ListEntry.objects.get(kind="barred", officer=cast.officer)
    appeal = Appeal.objects.create(case=cast.case, subject=first, kind="pat", lodged_on=today, due_on=today,
                                   grounds=["new_evidence"])
    appeal_decide(appeal=appeal, user=decider, result="finding_quashed", decided_on=today)
    first.refresh_from_db()
    entry.refresh_from_db()
    assert (first.finding, first.outcome) == ("neither", "not_proven") and entry.removed_on is None
    second.refresh_from_db()
    assert second.outcome == "dismissal_without_notice"
    # Substituting the officer's outcome on the other allegation removes the entry.
    other = Appeal.objects.create(case=cast.case, subject=second, kind="pat", lodged_on=today, due_on=today,
                                  grounds=["unreasonable"])
    appeal_decide(appeal=other, user=decider, result="outcome_substituted", decided_on=today,
                  substituted_outcome="reduction_in_rank")
    entry.refresh_from_db()
    second.refresh_from_db()
    assert second.outcome == "reduction_in_rank" and entry.removed_on == today


def test_an_appeal_result_is_refused_outside_the_appeal_state_and_for_the_wrong_role(cast: Cast) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError

    from candour.cases.services_proceedings import appeal_decide

    today = timezone.localdate()
    appeal = Appeal.objects.create(case=cast.case, subject=cast.subject, kind="pat", lodged_on=today, due_on=today,
                                   grounds=["unfair"])
    with pytest.raises(ValidationError, match="while the case is under appeal"):
        appeal_decide(appeal=appeal, user=cast.user("decision_maker"), result="dismissed", decided_on=today)
    with pytest.raises(PermissionDenied):
        appeal_decide(appeal=appeal, user=cast.investigator, result="dismissed", decided_on=today)
    appeal.refresh_from_db()
    assert appeal.result == ""
