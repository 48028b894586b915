"""A force's records at the end of their lives, on top of the fixed cast (test set-up only).

* the cast's case, closed on 1 November 2025, with Pat Public as complainant, the cast's portal
  report (evidence, tracking link, a follow-up) and a sealed internal report joined to it;
* a portal report from Sam Someone, triaged on 1 December 2025 as needing no further action;
* the cast's screening candidate, rejected on 1 December 2025;
* a leaver (left 1 August 2025) with a granted clearance and a refused one.

Dates the services take from the clock are set straight in the database afterwards, so each
test can choose the day the schedule is applied on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from candour.audit.services import Actor
from candour.cases import services as case_services
from candour.cases.models import Case
from candour.intake import services as intake_services
from candour.intake.models import Report
from candour.intake.validation import ReportInput
from candour.people import services as people_services
from candour.people.models import MemberOfPublic, Officer
from candour.screening.models import ScreeningCandidate
from candour.screening.services import screening_candidate_decide
from candour.testing.cast import SETUP, Cast
from candour.workforce import vetting
from candour.workforce.models import VettingClearance

CLOSED_ON = date(2025, 11, 1)
TRIAGED_AT = datetime(2025, 12, 1, 12, 0, tzinfo=UTC)


@dataclass
class World:
    cast: Cast
    case: Case
    pat: MemberOfPublic
    report: Report  # Pat's portal report, joined to the case
    sealed: Report  # an anonymous internal report joined to the case
    nfa: Report  # Sam's report, no further action
    nfa_token: str
    candidate: ScreeningCandidate
    leaver: Officer
    granted: VettingClearance
    refused: VettingClearance


def make_world(cast: Cast) -> World:
    assessor = cast.appropriate_authority
    pat = people_services.member_of_public_create(force=cast.force, actor=SETUP, full_name="Pat Public",
                                                  email="pat@example.com", phone="07700 900123",
                                                  address="1 High Street, Northtown", postcode="NT1 1AA")
    intake_services.report_information_add(report=cast.report, text="The car was silver, registration AB12 CDE.")
    case_services.complainant_update_record(case=cast.case, message="We have asked for the CCTV.",
                                            sent_by_name="Test Investigator")
    sealed = intake_services.report_submit(
        force=cast.force, channel="internal", actor=Actor.of(cast.user("no_role")), submission_key="world-sealed",
        reporter=cast.user("no_role"), seal_reporter=True,
        data=ReportInput(kind="colleague", what_happened="I saw Sergeant Testperson push the complainant.")).report
    Report.objects.filter(pk__in=[cast.report.pk, sealed.pk]).update(
        status="linked", case=cast.case, triaged_at=TRIAGED_AT, triaged_by=assessor)
    Case.objects.filter(pk=cast.case.pk).update(state="closed", closed_on=CLOSED_ON, complainant=pat)
    submitted = intake_services.report_submit(
        force=cast.force, channel="portal", actor=intake_services.PUBLIC_ACTOR, submission_key="world-nfa",
        data=ReportInput(kind="complaint", what_happened="My neighbour, Jo Bloggs, plays loud music.",
                         contact_name="Sam Someone", contact_email="sam@example.com", contact_phone="07700 900456"))
    nfa = intake_services.report_triage(
        report=submitted.report, user=assessor, decision="no_further_action",
        expected_version=submitted.report.version, note="A neighbour dispute, not about the police",
        classification=intake_services.Classification(case_type="complaint"))
    Report.objects.filter(pk=nfa.pk).update(triaged_at=TRIAGED_AT)
    candidate = screening_candidate_decide(candidate=cast.candidate, decision="reject",
                                           reason="Different date of birth", user=cast.user("vetting_officer"))
    ScreeningCandidate.objects.filter(pk=candidate.pk).update(decided_at=TRIAGED_AT)
    leaver = people_services.officer_create(
        force=cast.force, actor=SETUP, forenames="Lee", surname="Leaver", warrant_number="100009",
        joined_on=date(2012, 1, 3))
    granted = vetting.vetting_clearance_record(person=leaver, level="RV", granted_on=date(2019, 3, 1),
                                               decision="granted_with_conditions", conditions="No firearms duties",
                                               rationale="Spent caution for a fight at 17.",
                                               user=cast.user("vetting_officer"))
    refused = vetting.vetting_clearance_record(person=leaver, level="MV", granted_on=date(2024, 2, 1),
                                               decision="declined", rationale="Undisclosed association with a "
                                               "convicted supplier.", user=cast.user("vetting_officer"))
    Officer.objects.filter(pk=leaver.pk).update(status="resigned", left_on=date(2025, 8, 1))
    for row in (cast.case, cast.report, sealed, nfa, candidate, leaver, granted, refused):
        row.refresh_from_db()
    return World(cast=cast, case=cast.case, pat=pat, report=cast.report, sealed=sealed, nfa=nfa,
                 nfa_token=submitted.tracking_token, candidate=candidate, leaver=leaver, granted=granted,
                 refused=refused)
