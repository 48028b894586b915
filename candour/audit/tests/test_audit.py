"""The audit trail: every service writes its event, and any tampering is found and named."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from candour.accounts import second_factor
from candour.accounts import services as account_services
from candour.accounts.tokens import api_token_create, api_token_revoke, api_tokens_of
from candour.audit import triggers
from candour.audit.events import AuditVerb
from candour.audit.models import AuditChainHead, AuditEvent
from candour.audit.services import (
    Actor,
    audit_chain_of,
    audit_id_of,
    audit_record,
    audit_type_of,
    audit_verify,
    audit_verify_chain,
)
from candour.cases import access as case_access
from candour.cases import services as case_services
from candour.cases import services_proceedings as proceedings
from candour.cases.models import Case
from candour.cases.transitions import case_transition
from candour.domain.proceedings import Member
from candour.intake import services as intake_services
from candour.intake import unsealing
from candour.intake.anonymise import report_sealed_identity_erase, report_tracking_end
from candour.intake.models import Report
from candour.intake.sealing import development_keypair, generate_keypair
from candour.intake.validation import ReportInput
from candour.people import services as people_services
from candour.privacy import erasure, export
from candour.privacy.retention import retention_apply
from candour.privacy.subjects import subject_query, subject_records
from candour.screening import services as screening_services
from candour.testing.cast import PASSWORD, Cast
from candour.workforce import lists as workforce_lists
from candour.workforce import services as workforce_services
from candour.workforce import vetting
from candour.workforce.lists import list_entry_from_rules

ACTOR = Actor.system("audit test")


def _in_proceedings(c: Cast, **notice: Any) -> Any:
    """The cast's case in a misconduct hearing with a gross misconduct case to answer (set-up
    straight to the database), and a notice of referral with ``notice``'s dates if given."""
    from candour.cases.models import ProceedingsNotice, Subject

    Case.objects.filter(pk=c.case.pk).update(state="proceedings", proceedings_forum="misconduct_hearing")
    Subject.objects.filter(pk=c.subject.pk).update(case_to_answer="gross_misconduct")
    c.case.refresh_from_db()
    c.subject.refresh_from_db()
    if notice:
        ProceedingsNotice.objects.create(subject=c.subject, forum="misconduct_hearing", **notice)
    return c.subject


def _appeal(c: Cast) -> Any:
    from candour.cases.models import Appeal

    Case.objects.filter(pk=c.case.pk).update(state="appeal", proceedings_forum="misconduct_hearing",
                                             proceedings_outcome_on=date(2025, 10, 1))
    c.case.refresh_from_db()
    return Appeal.objects.create(case=c.case, subject=c.subject, kind="pat", lodged_on=date(2025, 10, 6),
                                 due_on=date(2025, 10, 15), grounds=["unreasonable"])


def _dismissed_on_appeal(c: Cast) -> Any:
    from candour.cases.models import Subject

    Subject.objects.filter(pk=c.subject.pk).update(finding="gross_misconduct", outcome="dismissal_without_notice")
    list_entry_from_rules(officer=c.officer, case_id=c.case.pk, actor=ACTOR, user=None, event_on=date(2025, 10, 1),
                          received_on=date(2025, 6, 10), dismissed_for="gross_misconduct")
    return _appeal(c)


def _review(c: Cast) -> Any:
    from candour.cases.models import Review

    Case.objects.filter(pk=c.case.pk).update(state="review")
    c.case.refresh_from_db()
    return Review.objects.create(case=c.case, received_on=date(2025, 10, 6), due_on=date(2025, 10, 29))
def _import_run(c: Cast) -> Any:
    import tempfile
    from pathlib import Path

    from candour.testing.cast import CANDIDATES_CSV

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "run.csv"
        path.write_text(CANDIDATES_CSV, encoding="utf-8")
        return screening_services.screening_run_import(force=c.force, path=path, name="Audit run",
                                                       user=c.user("counter_corruption"))


def _sealed_report(c: Cast) -> Any:
    reporter = c.user("no_role")
    return intake_services.report_submit(
        force=c.force, channel="internal", actor=Actor.of(reporter), submission_key="sealed-audit",
        reporter=reporter, seal_reporter=True, data=ReportInput(kind="colleague", what_happened="Concern")).report


def _unseal_request(c: Cast) -> Any:
    return unsealing.unseal_request(report=_sealed_report(c), user=c.user("counter_corruption"), reason="Court order")


def _last(verb: AuditVerb) -> AuditEvent:
    event = AuditEvent.objects.filter(action=verb.value).order_by("-id").first()
    assert event is not None, f"no {verb} event written"
    return event


def _token_revoked(c: Cast) -> Any:
    user = c.user("analyst")
    api_token_create(user=user, name="Spreadsheet", actor=ACTOR)
    return api_token_revoke(user=user, token_uuid=str(api_tokens_of(user)[0].uuid), actor=ACTOR)


SERVICE_CALLS = {
    AuditVerb.API_TOKEN_CREATED: lambda c: api_token_create(user=c.user("analyst"), name="Spreadsheet",
                                                            actor=ACTOR),
    AuditVerb.API_TOKEN_REVOKED: _token_revoked,
    AuditVerb.SIGN_IN_LOCKED: lambda c: [account_services.login_failure_record(  # type: ignore[func-returns-value]
        username="someone", address="a1") for _ in range(settings.CANDOUR_LOGIN_MAX_FAILURES)],
    AuditVerb.SECOND_FACTOR_ENROLLED: lambda c: second_factor.second_factor_demo_enrol(user=c.user("analyst")),
    AuditVerb.SECOND_FACTOR_RESET: lambda c: second_factor.user_second_factor_reset(user=c.user("analyst"),
                                                                                   by=c.admin),
    AuditVerb.CASE_RESTRICTED: lambda c: case_access.case_restrict(
        case=c.case, user=c.appropriate_authority, restriction="counter_corruption", reason="A leak"),
    AuditVerb.CASE_UNRESTRICTED: lambda c: case_access.case_unrestrict(
        case=case_access.case_restrict(case=c.case, user=c.appropriate_authority, restriction="marked",
                                       reason="x"), user=c.appropriate_authority, reason="Enquiry over"),
    AuditVerb.CASE_ACCESS_GRANTED: lambda c: case_access.case_access_grant(
        case=c.case, user=c.appropriate_authority, grantee=c.investigator, reason="Investigating"),
    AuditVerb.CASE_ACCESS_REVOKED: lambda c: case_access.case_access_revoke(
        entry=case_access.case_access_grant(case=c.case, user=c.appropriate_authority, grantee=c.investigator,
                                            reason="Investigating"), user=c.appropriate_authority, reason="Done"),
    AuditVerb.RESTRICTED_CASE_VIEWED: lambda c: (
        Case.objects.filter(pk=c.case.pk).update(restriction="marked"),
        case_access.restricted_case_view_record(case=Case.objects.get(pk=c.case.pk), user=c.investigator,
                                                via="case page")),
    AuditVerb.CASE_WITNESS_ADDED: lambda c: case_access.case_witness_add(
        case=c.case, user=c.investigator, officer=c.suspended_officer),
    AuditVerb.UNIT_CREATED: lambda c: account_services.unit_create(
        force=c.force, name="South", actor=ACTOR),
    AuditVerb.USER_CREATED: lambda c: account_services.user_create(
        username="newbie", password=PASSWORD, force=c.force, roles=["analyst"], actor=ACTOR),
    AuditVerb.USER_ROLES_CHANGED: lambda c: account_services.user_roles_set(
        user=c.user("analyst"), roles=["analyst", "oversight"], actor=ACTOR),
    AuditVerb.USER_UNITS_CHANGED: lambda c: account_services.user_units_set(
        user=c.user("analyst"), units=list(c.force.units.all()), by=c.admin),
    AuditVerb.USER_DEACTIVATED: lambda c: account_services.user_deactivate(
        user=c.user("analyst"), by=c.admin, reason="Left the force"),
    AuditVerb.USER_REACTIVATED: lambda c: account_services.user_reactivate(
        user=account_services.user_deactivate(user=c.user("analyst"), by=c.admin, reason="Left"), by=c.admin),
    AuditVerb.USER_PASSWORD_SET: lambda c: account_services.user_password_set(
        user=c.user("analyst"), password="a-brand-new-passphrase-7", by=c.admin),
    AuditVerb.USER_SIGNED_IN: lambda c: account_services.user_signed_in_record(
        user=c.user("analyst")),
    AuditVerb.OFFICER_CREATED: lambda c: people_services.officer_create(
        force=c.force, actor=ACTOR, forenames="New", surname="Recruit", warrant_number="9",
        joined_on=date(2024, 1, 1)),
    AuditVerb.STAFF_MEMBER_CREATED: lambda c: people_services.staff_member_create(
        force=c.force, actor=ACTOR, forenames="Sam", surname="Staff", staff_number="S1",
        joined_on=date(2024, 1, 1)),
    AuditVerb.PROTECTED_CHARACTERISTICS_SET: lambda c: people_services.protected_characteristics_set(
        person=c.officer, actor=ACTOR, disability="None declared"),
    AuditVerb.PROTECTED_CHARACTERISTICS_VIEWED:
        lambda c: people_services.protected_characteristics_view_record(person=c.officer, actor=ACTOR),
    AuditVerb.MEMBER_OF_PUBLIC_CREATED: lambda c: people_services.member_of_public_create(
        force=c.force, actor=ACTOR, full_name="Pat Public"),
    AuditVerb.CASE_OPENED: lambda c: case_services.case_open(
        force=c.force, case_type="complaint", received_on=date(2025, 1, 2), summary="x",
        actor=ACTOR),
    AuditVerb.ALLEGATION_ADDED: lambda c: case_services.allegation_add(
        case=c.case, category="delivery_of_duties", summary="Slow", actor=ACTOR),
    AuditVerb.SUBJECT_ADDED: lambda c: case_services.subject_add(
        allegation=c.case.allegations.first(), officer=c.officer, actor=ACTOR),
    AuditVerb.SUBJECT_OUTCOME_RECORDED: lambda c: case_services.subject_outcome_record(
        subject=c.subject, outcome="final_written_warning", outcome_on=date(2025, 11, 1),
        actor=ACTOR),
    AuditVerb.CASE_STATE_CHANGED: lambda c: case_transition(
        case=c.case, transition="record", user=c.appropriate_authority, expected_version=1),
    AuditVerb.REPORT_SUBMITTED: lambda c: intake_services.report_submit(
        force=c.force, channel="portal", actor=intake_services.PUBLIC_ACTOR, submission_key="audit-1",
        data=ReportInput(kind="conduct", what_happened="Saw an officer take cash", anonymous=True)),
    AuditVerb.REPORT_TRIAGED: lambda c: intake_services.report_triage(
        report=c.report, user=c.appropriate_authority, decision="no_further_action",
        expected_version=c.report.version, note="A test message",
        classification=intake_services.Classification(case_type="complaint")),
    AuditVerb.REPORT_INFORMATION_ADDED: lambda c: intake_services.report_information_add(
        report=c.report, text="The car was silver."),
    AuditVerb.REPORT_WITHDRAWAL_REQUESTED: lambda c: intake_services.report_withdrawal_request(
        report=c.report, confirm=True, signed_name="Pat Public"),
    AuditVerb.EVIDENCE_VIEWED: lambda c: intake_services.evidence_view_record(
        evidence=c.evidence, actor=ACTOR),
    AuditVerb.CASE_FACTS_SET: lambda c: case_services.case_facts_set(
        case=c.case, user=c.appropriate_authority, conduct=["disciplinary_breach"]),
    AuditVerb.INVESTIGATOR_APPOINTED: lambda c: case_services.investigator_appoint(
        case=c.case, user=c.appropriate_authority, investigator=c.investigator),
    AuditVerb.SEVERITY_ASSESSED: lambda c: case_services.subject_severity_assess(
        subject=c.subject, user=c.investigator, severity="misconduct", assessed_on=date(2025, 7, 1)),
    AuditVerb.NOTICE_SERVED: lambda c: (
        Case.objects.filter(pk=c.case.pk).update(state="investigation"),
        case_services.subject_severity_assess(subject=c.subject, user=c.investigator, severity="misconduct",
                                              assessed_on=date(2025, 7, 1)),
        case_services.reg17_notice_serve(subject=c.subject, user=c.investigator, served_on=date(2025, 7, 2),
                                         method="hand")),
    AuditVerb.CASE_TO_ANSWER_DECIDED: lambda c: (
        Case.objects.filter(pk=c.case.pk).update(state="decision"),
        case_services.subject_case_to_answer_decide(subject=c.subject, user=c.user("decision_maker"),
                                                    decision="misconduct")),
    AuditVerb.LIST_ENTRY_CREATED: lambda c: list_entry_from_rules(
        officer=c.officer, case_id=c.case.pk, actor=ACTOR, user=None, event_on=date(2025, 9, 1),
        received_on=date(2025, 6, 10), dismissed_for="gross_misconduct"),
    AuditVerb.COMPLAINANT_CONTACTED: lambda c: case_services.complainant_contact_record(
        case=c.case, user=c.appropriate_authority, contacted_on=date(2025, 6, 12)),
    AuditVerb.COMPLAINANT_UPDATED: lambda c: case_services.complainant_update_send(
        case=c.case, user=c.investigator, message="We have asked for the CCTV."),
    AuditVerb.NOTICE_RESPONSE_RECORDED: lambda c: case_services.notice_response_record(
        notice=(Case.objects.filter(pk=c.case.pk).update(state="investigation"),
                case_services.subject_severity_assess(subject=c.subject, user=c.investigator, severity="misconduct",
                                                      assessed_on=date(2025, 7, 1)),
                case_services.reg17_notice_serve(subject=c.subject, user=c.investigator, served_on=date(2025, 7, 2),
                                                 method="hand"))[2],
        user=c.investigator, response_on=date(2025, 7, 10)),
    AuditVerb.INTERVIEW_SCHEDULED: lambda c: (
        Case.objects.filter(pk=c.case.pk).update(terms_of_reference="Use of force"),
        case_services.interview_schedule(subject=c.subject, user=c.investigator, agreed=True, place="HQ",
                                         scheduled_for=timezone.now() + timedelta(days=3))),
    AuditVerb.PROCEEDINGS_NOTICE_GIVEN: lambda c: proceedings.proceedings_notice_give(
        subject=_in_proceedings(c), user=c.user("decision_maker"), notice_on=date(2025, 11, 3)),
    AuditVerb.PROCEEDINGS_RESPONSE_RECORDED: lambda c: proceedings.proceedings_response_record(
        subject=_in_proceedings(c, notice_on=date(2025, 11, 3)), user=c.user("decision_maker"),
        response_on=date(2025, 11, 14), accepts="disputes", witnesses_proposed="PC Witness"),
    AuditVerb.WITNESSES_DECIDED: lambda c: proceedings.proceedings_witnesses_decide(
        subject=_in_proceedings(c, notice_on=date(2025, 11, 3), response_on=date(2025, 11, 14)),
        user=c.user("decision_maker"), witness_lists_on=date(2025, 11, 18), decided_on=date(2025, 11, 20),
        decision="PC Witness may attend"),
    AuditVerb.PROCEEDINGS_DATES_SET: lambda c: proceedings.proceedings_dates_set(
        subject=_in_proceedings(c, notice_on=date(2025, 11, 3), response_on=date(2025, 11, 14)),
        user=c.user("decision_maker"), papers_to_chair_on=date(2025, 11, 20), pre_hearing_on=date(2025, 12, 1),
        hearing_on=date(2026, 1, 12)),
    AuditVerb.PANEL_RECORDED: lambda c: (_in_proceedings(c), proceedings.panel_record(
        case=c.case, user=c.user("decision_maker"), members=[
            Member("chair", "ACC Grey", "senior_officer"), Member("independent_qualified", "Dr Quill"),
            Member("independent_lay", "Mr Lay"), Member("lqp_adviser", "Ms Law")])),
    AuditVerb.APPEAL_HEARING_FIXED: lambda c: proceedings.appeal_hearing_fix(
        appeal=_appeal(c), user=c.user("decision_maker"), hearing_on=date(2025, 12, 1)),
    AuditVerb.APPEAL_DECIDED: lambda c: proceedings.appeal_decide(
        appeal=_appeal(c), user=c.user("decision_maker"), result="dismissed", decided_on=date(2025, 11, 3)),
    AuditVerb.LIST_ENTRY_REMOVED: lambda c: proceedings.appeal_decide(
        appeal=_dismissed_on_appeal(c), user=c.user("decision_maker"), result="finding_quashed",
        decided_on=date(2025, 11, 3)),
    AuditVerb.REVIEW_DECIDED: lambda c: proceedings.review_decide(
        review=_review(c), user=c.user("review_panel"), outcome="reasonable", decided_on=date(2025, 11, 3),
        reasons="The handling was proportionate."),
    AuditVerb.CPS_REFERRED: lambda c: proceedings.cps_referral_record(
        case=c.case, user=c.investigator, referred_on=date(2025, 7, 1)),
    AuditVerb.CPS_DECISION_RECORDED: lambda c: proceedings.cps_decision_record(
        referral=proceedings.cps_referral_record(case=c.case, user=c.investigator, referred_on=date(2025, 7, 1)),
        user=c.investigator, decision="charge", decided_on=date(2025, 8, 1)),
    AuditVerb.OFFICER_DEPARTED: lambda c: proceedings.officer_departure_record(
        officer=c.officer, user=c.appropriate_authority, status="resigned", left_on=date(2025, 11, 3)),
    AuditVerb.REQUEST_MADE: lambda c: case_services.cooperation_request_add(
        case=c.case, user=c.investigator, kind="statement", recipient_type="witness", recipient="PC Witness",
        asked_on=date(2025, 7, 1), due_on=date(2025, 7, 15)),
    AuditVerb.REQUEST_ANSWERED: lambda c: case_services.cooperation_request_answer(
        request=case_services.cooperation_request_add(
            case=c.case, user=c.investigator, kind="footage", recipient_type="outside", recipient="Council CCTV",
            asked_on=date(2025, 7, 1), due_on=date(2025, 7, 15)),
        user=c.investigator, answered_on=date(2025, 7, 20)),
    AuditVerb.SUSPENSION_STARTED: lambda c: workforce_services.suspension_start(
        officer=c.officer, user=c.appropriate_authority, kind="restricted_duties", started_on=date(2025, 7, 1),
        reasons="Pending the investigation"),
    AuditVerb.SUSPENSION_REVIEWED: lambda c: workforce_services.suspension_review_record(
        episode=c.suspension, user=c.appropriate_authority, reviewed_on=date(2025, 9, 29),
        reasons="The investigation is still at risk"),
    AuditVerb.SUSPENSION_CONFIRMED_IN_WRITING: lambda c: workforce_services.suspension_confirmation_record(
        episode=c.suspension, user=c.appropriate_authority, sent_on=date(2025, 9, 3)),
    AuditVerb.SUSPENSION_REPRESENTATIONS_RECORDED: lambda c: workforce_services.suspension_representations_record(
        episode=c.suspension, user=c.appropriate_authority, made_by="police_friend",
        summary="Asks for redeployment instead", received_on=date(2025, 9, 10)),
    AuditVerb.SUSPENSION_ENDED: lambda c: workforce_services.suspension_end(
        episode=c.suspension, user=c.appropriate_authority, ended_on=date(2025, 10, 1),
        reason="No referral to proceedings"),
    AuditVerb.CONVICTION_RECORDED: lambda c: workforce_services.conviction_record(
        officer=c.officer, user=c.user("vetting_officer"), offence="Criminal damage to a car",
        offence_on=date(2023, 1, 5), disposal="caution", disposal_on=date(2023, 2, 1)),
    AuditVerb.LIST_ENTRY_REPORTED: lambda c: workforce_lists.list_entry_report(
        entry=c.list_entry, user=c.user("vetting_officer"), reported_on=date(2025, 8, 4)),
    AuditVerb.LIST_EXPORT_VIEWED: lambda c: workforce_lists.list_export_view_record(
        user=c.user("vetting_officer"), rows=1),
    AuditVerb.VETTING_CLEARANCE_RECORDED: lambda c: vetting.vetting_clearance_record(
        person=c.officer, level="SC", granted_on=date(2024, 1, 2), decision="granted", user=c.user("vetting_officer")),
    AuditVerb.VETTING_AFTERCARE_RECORDED: lambda c: vetting.vetting_aftercare_record(
        clearance=c.clearance, kind="annual_review", occurred_on=date(2025, 8, 1), notes="Reviewed: no concerns",
        user=c.user("vetting_officer")),
    AuditVerb.VETTING_REVIEW_OPENED: lambda c: vetting.vetting_review_open(
        person=c.officer, trigger="other", reason="Adverse information", actor=ACTOR, user=c.user("vetting_officer")),
    AuditVerb.VETTING_REVIEW_DECIDED: lambda c: vetting.vetting_review_decide(
        review=c.review, outcome="maintained", rationale="Nothing adverse found", user=c.user("vetting_officer")),
    AuditVerb.WITHDRAWAL_ASSESSMENT_STARTED: lambda c: vetting.withdrawal_assessment_start(
        clearance=c.clearance, reason="Conviction of a partner not notified", started_on=date(2025, 6, 20),
        user=c.user("vetting_officer")),
    AuditVerb.WITHDRAWAL_STEP_RECORDED: lambda c: vetting.withdrawal_step_record(
        assessment=c.assessment, step="representations", on=date(2025, 6, 10), text="Officer denies it",
        user=c.user("vetting_officer")),
    AuditVerb.VETTING_CLEARANCE_STATUS_CHANGED: lambda c: (
        people_services.officer_create(force=c.force, actor=ACTOR, forenames="Lee", surname="Leaver",
                                       warrant_number="100077", joined_on=date(2010, 1, 1)),
        type(c.officer).objects.filter(warrant_number="100077").update(status="retired", left_on=date(2025, 1, 1)),
        vetting.vetting_clearance_record(person=type(c.officer).objects.get(warrant_number="100077"), level="RV",
                                         granted_on=date(2020, 1, 1), decision="granted",
                                         user=c.user("vetting_officer")),
        vetting.vetting_clearances_lapse_leavers(force_id=c.force.pk, actor=ACTOR, today=date(2025, 6, 1))),
    AuditVerb.SCREENING_RUN_IMPORTED: _import_run,
    AuditVerb.SCREENING_CANDIDATE_DECIDED: lambda c: screening_services.screening_candidate_decide(
        candidate=c.candidate, decision="reject", reason="Different date of birth", user=c.user("counter_corruption")),
    AuditVerb.SCREENING_VIEWED: lambda c: screening_services.screening_view_record(
        user=c.user("counter_corruption"), what="screening_queue", object_id="page 1"),
    AuditVerb.UNSEAL_REQUESTED: lambda c: unsealing.unseal_request(
        report=_sealed_report(c), user=c.user("counter_corruption"), reason="Court order"),
    AuditVerb.UNSEAL_APPROVED: lambda c: unsealing.unseal_approve(request=_unseal_request(c), user=c.admin),
    AuditVerb.IDENTITY_UNSEALED: lambda c: unsealing.unseal_open(
        request=unsealing.unseal_approve(request=_unseal_request(c), user=c.admin),
        private_key=development_keypair(settings.SECRET_KEY)[0], custodian="J Custodian"),
    AuditVerb.SEALED_IDENTITIES_RESEALED: lambda c: (_sealed_report(c), unsealing.sealed_identities_reseal(
        old_private_key=development_keypair(settings.SECRET_KEY)[0], new_public_key=generate_keypair()[1],
        new_key_id="2", custodian="J Custodian")),
    # Data protection (candour.privacy): each app's anonymising service, the job, and the requests.
    AuditVerb.RECORD_ANONYMISED: lambda c: people_services.member_of_public_anonymise(
        person=people_services.member_of_public_create(force=c.force, actor=ACTOR, full_name="Pat Public"),
        actor=ACTOR, marker="[anonymised]", why="test", today=date(2040, 1, 1)),
    AuditVerb.TRACKING_ENDED: lambda c: report_tracking_end(report=c.report, actor=ACTOR, why="test"),
    AuditVerb.SEALED_IDENTITY_ERASED: lambda c: report_sealed_identity_erase(
        report=_triaged(_sealed_report(c)), actor=ACTOR, why="test", today=date(2040, 1, 1)),
    AuditVerb.RETENTION_APPLIED: lambda c: retention_apply(today=date(2026, 1, 1)),
    AuditVerb.SUBJECT_ACCESS_VIEWED: lambda c: export.subject_access_record(
        records=subject_records(subject_query(force=c.force, reference="R-1", email="pat@example.com")),
        actor=ACTOR, exported=False),
    AuditVerb.SUBJECT_ACCESS_EXPORTED: lambda c: export.subject_access_export(
        query=subject_query(force=c.force, reference="R-1", email="pat@example.com"), actor=ACTOR),
    AuditVerb.ERASURE_DECIDED: lambda c: erasure.erasure_carry_out(
        query=subject_query(force=c.force, reference="R-1", email="pat@example.com"), actor=ACTOR,
        today=date(2026, 1, 1)),
}


def _triaged(report: Report) -> Report:
    Report.objects.filter(pk=report.pk).update(status="no_further_action", triaged_at=timezone.now())
    report.refresh_from_db()
    return report


@pytest.mark.django_db
@pytest.mark.parametrize("verb", list(SERVICE_CALLS), ids=str)
def test_every_service_writes_its_event(cast: Cast, verb: AuditVerb) -> None:
    before = AuditEvent.objects.filter(action=verb.value).count()
    SERVICE_CALLS[verb](cast)
    assert AuditEvent.objects.filter(action=verb.value).count() == before + 1
    event = _last(verb)
    assert event.request_id and event.actor_name and event.hash
    assert audit_verify_chain(event.chain).first_break is None


def test_every_verb_is_covered_by_a_service_test() -> None:
    covered = set(SERVICE_CALLS) | {AuditVerb.FORCE_CREATED, AuditVerb.USER_REAUTHENTICATED,
                                    AuditVerb.SYNTHETIC_FORCE_LOADED,
                                    AuditVerb.REFERENCE_DATA_CHANGED}
    assert covered == set(AuditVerb)


@pytest.mark.django_db
def test_failed_change_leaves_no_event(cast: Cast) -> None:
    count = AuditEvent.objects.count()
    with pytest.raises(Exception), transaction.atomic():
        case_services.case_open(force=cast.force, case_type="complaint",
                                received_on=date(2025, 1, 2), summary="x", actor=ACTOR)
        raise RuntimeError("the change fails after its event was written")
    assert AuditEvent.objects.count() == count


@pytest.mark.django_db(transaction=True)
def test_record_refuses_to_run_outside_a_transaction() -> None:
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit_record(actor=ACTOR, action=AuditVerb.FORCE_CREATED, object_type="force",
                     object_id="x")


@pytest.mark.django_db
def test_record_refuses_unknown_verb() -> None:
    with pytest.raises(ValueError), transaction.atomic():
        audit_record(actor=ACTOR, action="made_up", object_type="x", object_id="1")  # type: ignore[arg-type]


@pytest.mark.django_db
def test_record_works_out_the_kind_name_and_chain_from_the_record(cast: Cast) -> None:
    allegation = cast.case.allegations.first()
    assert allegation is not None
    subject = allegation.subjects.first()
    assert subject is not None
    assert audit_chain_of(cast.force) == cast.force.code
    assert audit_chain_of(subject) == cast.force.code  # subject -> allegation -> case -> force
    assert audit_chain_of(cast.other_force_user) == cast.other_force_user.force.code  # type: ignore[union-attr]
    assert (audit_type_of(cast.case), audit_id_of(cast.case)) == ("case", cast.case.reference)
    assert (audit_type_of(subject), audit_id_of(subject)) == ("subject", str(subject.uuid))
    assert audit_id_of(cast.admin) == str(cast.admin.pk)
    with transaction.atomic():
        event = audit_record(actor=ACTOR, action=AuditVerb.SUBJECT_ADDED, on=subject)
        named = audit_record(actor=ACTOR, action=AuditVerb.LIST_EXPORT_VIEWED, object_type="list_export",
                             object_id="x", chain=cast.force.code)
    assert (event.chain, event.object_type, event.object_id) == (cast.force.code, "subject", str(subject.uuid))
    assert named.chain == cast.force.code


@pytest.mark.django_db
def test_record_refuses_an_object_it_cannot_place() -> None:
    class Loose:
        uuid = "u"

    with pytest.raises(TypeError, match="no force and no audit_parent"), transaction.atomic():
        audit_record(actor=ACTOR, action=AuditVerb.FORCE_CREATED, on=Loose())
    with pytest.raises(TypeError, match="needs the object"), transaction.atomic():
        audit_record(actor=ACTOR, action=AuditVerb.FORCE_CREATED)


def _tamper(sql: str, params: list[Any]) -> None:
    """Change stored events behind the application's back, as an attacker who owns the tables
    (or the SQLite file) would: the append-only triggers off, the SQL run, the triggers back."""
    with triggers.suspended(connection), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_intact_trail_verifies(cast: Cast) -> None:
    reports = audit_verify()
    assert {r.chain for r in reports} >= {"ALPHA", "BRAVO"}
    assert all(r.first_break is None for r in reports)
    call_command("audit", "verify")


@pytest.mark.django_db
@pytest.mark.parametrize("field,value", [
    ("actor_name", "Someone Else"),
    ("action", "case_opened"),
    ("object_id", "ALPHA-2099-999999"),
    ("request_id", "forged"),
])
def test_altered_event_is_named(cast: Cast, field: str, value: str) -> None:
    target = AuditEvent.objects.filter(chain="ALPHA").order_by("seq")[3]
    _tamper(f"UPDATE audit_auditevent SET {field} = %s WHERE id = %s", [value, target.id])
    report = audit_verify_chain("ALPHA")
    assert report.first_break is not None
    assert report.first_break.seq == target.seq
    assert "altered" in report.first_break.problem
    with pytest.raises(CommandError, match=f"ALPHA#{target.seq}"):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_altered_payload_is_named(cast: Cast) -> None:
    target = AuditEvent.objects.filter(chain="ALPHA", after__isnull=False).order_by("seq")[2]
    _tamper("UPDATE audit_auditevent SET after = %s WHERE id = %s", ['{"forged": true}', target.id])
    report = audit_verify_chain("ALPHA")
    assert report.first_break is not None and report.first_break.seq == target.seq


@pytest.mark.django_db
def test_rehashed_forgery_breaks_the_next_link(cast: Cast) -> None:
    """An attacker who also recomputes the altered event's hash is caught at the next event."""
    from candour.audit.services import event_hash

    target = AuditEvent.objects.filter(chain="ALPHA").order_by("seq")[2]
    target.actor_name = "Forger"
    forged_hash = event_hash(target)
    _tamper("UPDATE audit_auditevent SET actor_name = %s, hash = %s WHERE id = %s",
            ["Forger", forged_hash, target.id])
    report = audit_verify_chain("ALPHA")
    assert report.first_break is not None and report.first_break.seq == target.seq + 1
    assert "does not link" in report.first_break.problem


@pytest.mark.django_db
@pytest.mark.parametrize("position", ["first", "middle", "last"])
def test_deleted_event_is_named(cast: Cast, position: str) -> None:
    events = list(AuditEvent.objects.filter(chain="ALPHA").order_by("seq"))
    target = {"first": events[0], "middle": events[len(events) // 2], "last": events[-1]}[position]
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [target.id])
    report = audit_verify_chain("ALPHA")
    assert report.first_break is not None
    assert report.first_break.seq == target.seq
    assert "deleted" in report.first_break.problem
    with pytest.raises(CommandError, match=f"ALPHA#{target.seq}"):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_postgresql_refuses_update_and_delete(cast: Cast) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    event = AuditEvent.objects.first()
    assert event is not None
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor_name="x")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert audit_verify_chain(event.chain).first_break is None


def test_admin_is_read_only() -> None:
    from django.contrib import admin

    model_admin = admin.site._registry[AuditEvent]
    assert not model_admin.has_add_permission(None)  # type: ignore[arg-type]
    assert not model_admin.has_change_permission(None)  # type: ignore[arg-type]
    assert not model_admin.has_delete_permission(None)  # type: ignore[arg-type]


# -- append-only at the database, on both databases --------------------------------------------


@pytest.mark.django_db
def test_the_database_refuses_to_change_or_remove_events(cast: Cast) -> None:
    event = AuditEvent.objects.filter(chain="ALPHA").order_by("seq").first()
    assert event is not None
    for attempt in (lambda: AuditEvent.objects.filter(pk=event.pk).update(actor_name="x"),
                    lambda: AuditEvent.objects.filter(pk=event.pk).delete(),
                    lambda: AuditEvent.objects.all().delete()):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            attempt()
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
            cur.execute("TRUNCATE audit_auditevent")
    assert audit_verify_chain("ALPHA").first_break is None


@pytest.mark.django_db
def test_a_chain_head_only_advances_to_the_next_stored_event(cast: Cast) -> None:
    head = AuditChainHead.objects.get(chain="ALPHA")
    for change in ({"seq": head.seq - 1}, {"seq": head.seq + 1, "hash": "f" * 64}, {"hash": "0" * 64}):
        with pytest.raises(DatabaseError, match="only advances"), transaction.atomic():
            AuditChainHead.objects.filter(pk=head.pk).update(**change)
    with pytest.raises(DatabaseError, match="append-only|starts at 0"), transaction.atomic():
        AuditChainHead.objects.filter(pk=head.pk).delete()
    with pytest.raises(DatabaseError, match="starts at 0"), transaction.atomic():
        AuditChainHead.objects.create(chain="FORGED", seq=5, hash="f" * 64)


# -- checkpoints: the newest events deleted, a table emptied, a chain rewritten -----------------


def _checkpoint(tmp_path: Any) -> Any:
    from candour.audit.services import audit_checkpoint_latest, audit_checkpoint_take

    audit_checkpoint_take(directory=tmp_path)
    return audit_checkpoint_latest(tmp_path)


@pytest.mark.django_db
def test_deleting_the_newest_events_and_moving_the_head_back_is_found_by_the_checkpoint(
        cast: Cast, tmp_path: Any) -> None:
    checkpoint = _checkpoint(tmp_path)
    events = list(AuditEvent.objects.filter(chain="ALPHA").order_by("seq"))
    keep = events[-3]
    _tamper("DELETE FROM audit_auditevent WHERE chain = %s AND seq > %s", ["ALPHA", keep.seq])
    _tamper("UPDATE audit_auditchainhead SET seq = %s, hash = %s WHERE chain = %s", [keep.seq, keep.hash, "ALPHA"])
    assert audit_verify_chain("ALPHA").first_break is None  # the chain alone cannot tell
    report = audit_verify_chain("ALPHA", checkpoint=checkpoint)
    assert report.first_break is not None and report.first_break.seq == keep.seq + 1
    assert f"recorded events up to #{events[-1].seq}" in report.first_break.problem
    with pytest.raises(CommandError, match=f"ALPHA#{keep.seq + 1}"):
        call_command("audit", "verify", "--checkpoint", str(checkpoint.path))


@pytest.mark.django_db
def test_emptying_the_tables_is_found_by_the_checkpoint(cast: Cast, tmp_path: Any) -> None:
    checkpoint = _checkpoint(tmp_path)
    _tamper("DELETE FROM audit_auditevent", [])
    _tamper("DELETE FROM audit_auditchainhead", [])
    reports = {r.chain: r for r in audit_verify(checkpoint=checkpoint)}
    assert set(reports) >= {"ALPHA", "BRAVO"}
    for chain in ("ALPHA", "BRAVO"):
        first = reports[chain].first_break
        assert first is not None and first.seq == 1 and "deleted" in first.problem


def _rewrite(chain: str, *, forge: dict[str, Any], key_id: str | None = None) -> None:
    """Replace every event of ``chain`` with a consistent forgery, hashed with the installation's
    key (an attacker who stole it) or another one, and move the head to match."""
    from candour.audit.services import GENESIS, event_hash

    prev = GENESIS
    with triggers.suspended(connection):
        for event in AuditEvent.objects.filter(chain=chain).order_by("seq"):
            for field, value in forge.items():
                setattr(event, field, value)
            event.prev_hash = prev
            if key_id is not None:
                event.key_id = key_id
            event.hash = event_hash(event) if key_id is None else "0" * 64
            event.save()
            prev = event.hash
        AuditChainHead.objects.filter(chain=chain).update(hash=prev)


@pytest.mark.django_db
def test_a_chain_rewritten_with_the_stolen_key_is_found_by_the_checkpoint(cast: Cast, tmp_path: Any) -> None:
    checkpoint = _checkpoint(tmp_path)
    _rewrite("ALPHA", forge={"actor_name": "Nobody"})
    assert audit_verify_chain("ALPHA").first_break is None  # with the key, the forgery is consistent
    report = audit_verify_chain("ALPHA", checkpoint=checkpoint)
    assert report.first_break is not None and "rewritten" in report.first_break.problem


@pytest.mark.django_db
def test_a_chain_rewritten_without_the_key_fails_on_its_own(cast: Cast, settings: Any) -> None:
    settings.CANDOUR_AUDIT_KEY = "the attacker's own key"
    _rewrite("ALPHA", forge={"actor_name": "Nobody"})
    settings.CANDOUR_AUDIT_KEY = "the installation's real key"
    report = audit_verify_chain("ALPHA")
    assert report.first_break is not None and report.first_break.seq == 1 and "altered" in report.first_break.problem


@pytest.mark.django_db
def test_events_put_in_another_order_are_found(cast: Cast) -> None:
    first, second = AuditEvent.objects.filter(chain="ALPHA").order_by("seq")[1:3]
    _tamper("UPDATE audit_auditevent SET seq = 0 WHERE id = %s", [first.id])
    _tamper("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [first.seq, second.id])
    _tamper("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [second.seq, first.id])
    report = audit_verify_chain("ALPHA")
    assert report.first_break is not None and report.first_break.seq == first.seq


@pytest.mark.django_db
def test_an_altered_checkpoint_is_refused(cast: Cast, tmp_path: Any) -> None:
    import json

    checkpoint = _checkpoint(tmp_path)
    document = json.loads(checkpoint.path.read_text())
    document["heads"]["ALPHA"]["seq"] -= 1
    checkpoint.path.write_text(json.dumps(document))
    with pytest.raises(CommandError, match="signature does not verify"):
        call_command("audit", "verify", "--checkpoint", str(checkpoint.path))


@pytest.mark.django_db
def test_after_a_key_rotation_old_events_verify_with_the_retired_key(cast: Cast, settings: Any) -> None:
    old = (settings.CANDOUR_AUDIT_KEY_ID, settings.CANDOUR_AUDIT_KEY)
    settings.CANDOUR_AUDIT_KEY_ID, settings.CANDOUR_AUDIT_KEY = "2", "a new key"
    settings.CANDOUR_AUDIT_RETIRED_KEYS = {old[0]: old[1]}
    with transaction.atomic():
        audit_record(actor=ACTOR, action=AuditVerb.FORCE_CREATED, on=cast.force)
    assert AuditEvent.objects.filter(chain="ALPHA").order_by("seq").last().key_id == "2"  # type: ignore[union-attr]
    assert audit_verify_chain("ALPHA").first_break is None
    settings.CANDOUR_AUDIT_RETIRED_KEYS = {}
    report = audit_verify_chain("ALPHA")
    assert report.first_break is not None and report.first_break.seq == 1
    assert "cannot be checked" in report.first_break.problem


@pytest.mark.django_db(transaction=True)
def test_hardened_postgresql_lets_the_application_only_insert_and_read(cast: Cast) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("roles and table owners are PostgreSQL's")
    import psycopg

    with connection.cursor() as cursor:
        cursor.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'candour_test_app') "
                       "THEN CREATE ROLE candour_test_app LOGIN; END IF; END $$")
    call_command("audit", "harden", "--app-role", "candour_test_app", "--owner-role", "candour_test_owner")
    params = connection.get_connection_params()
    try:
        with psycopg.connect(host=params.get("host"), port=params.get("port"), dbname=params["dbname"],
                             user="candour_test_app", autocommit=True) as app:
            assert app.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0] > 0  # type: ignore[index]
            for sql in ("DELETE FROM audit_auditevent", "UPDATE audit_auditevent SET actor_name = 'x'",
                        "TRUNCATE audit_auditevent", "ALTER TABLE audit_auditevent DISABLE TRIGGER USER",
                        "DROP TABLE audit_auditevent"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    app.execute(sql)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE audit_auditevent OWNER TO CURRENT_USER")
            cursor.execute("ALTER TABLE audit_auditchainhead OWNER TO CURRENT_USER")
            cursor.execute("ALTER FUNCTION candour_audit_append_only() OWNER TO CURRENT_USER")
            cursor.execute("ALTER FUNCTION candour_audit_head_guard() OWNER TO CURRENT_USER")
            cursor.execute("REVOKE ALL ON audit_auditevent, audit_auditchainhead FROM candour_test_app")
            cursor.execute("REVOKE ALL ON SEQUENCE audit_auditevent_id_seq FROM candour_test_app")
