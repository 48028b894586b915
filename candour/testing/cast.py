"""The fixed cast of the test suite (healthchecks' Alice, Bob and Charlie, for Candour).

Force ``ALPHA`` holds one user per role, plus a user with no role; force ``BRAVO`` holds
``other_force_user``, who holds every role there and so may be refused only because of
the force boundary. The well-known STYLE.md names are aliases of the role users.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

from candour.accounts import services as account_services
from candour.accounts.models import Force, User
from candour.audit.services import Actor
from candour.cases import services as case_services
from candour.cases.models import Case, Subject
from candour.domain.access import Role
from candour.intake import services as intake_services
from candour.intake.models import EvidenceFile, Report
from candour.intake.storage import evidence_store
from candour.intake.validation import ReportInput
from candour.people import services as people_services
from candour.people.models import Officer
from candour.screening.models import ScreeningCandidate
from candour.screening.services import screening_run_import
from candour.workforce import lists as workforce_lists
from candour.workforce import services as workforce_services
from candour.workforce import vetting
from candour.workforce.models import (
    Conviction,
    ListEntry,
    SuspensionEpisode,
    VettingClearance,
    VettingReview,
    WithdrawalAssessment,
)

#: A two-row ``candour screen`` candidates file for the cast's match-review queue.
CANDIDATES_CSV = (
    "workforce_id,extract_id,match_probability,match_weight,prior_weight,forename_level,forename_weight,"
    "surname_level,surname_weight,date_of_birth_level,date_of_birth_weight,explanation,workforce_first_name,"
    "workforce_surname,workforce_date_of_birth,extract_first_name,extract_surname,extract_date_of_birth\n"
    "100001,INT-77,0.97,5.0,-12.0,Exact match,6.5,Exact match,7.5,Day and month swapped,3.0,"
    "Match weight +5.0.,Ada,Testperson,1980-02-03,ADA,TESTPERSON,1980-03-02\n"
    "100001,INT-78,0.2,-2.0,-12.0,Exact match,6.5,No match,-1.5,Exact match,5.0,"
    "Match weight -2.0.,Ada,Testperson,1980-02-03,Ada,Other,1980-02-03\n")

#: The smallest valid PNG (1 × 1 pixel): evidence for the cast's report.
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f6d3b70000000049454e44ae426082")

PASSWORD = "correct-horse-battery-staple-42"
SETUP = Actor.system("test cast")


@dataclass
class Cast:
    force: Force
    other_force: Force
    users: dict[str, User]
    case: Case
    other_case: Case
    officer: Officer
    other_officer: Officer
    subject: Subject
    report: Report
    tracking_token: str
    # Workforce integrity registers: an open oral suspension (not yet confirmed in writing) of a
    # second ALPHA officer, a conviction of ``officer``, and an advisory-list entry of a third
    # ALPHA officer who resigned during an investigation.
    suspended_officer: Officer
    suspension: SuspensionEpisode
    conviction: Conviction
    list_entry: ListEntry
    clearance: VettingClearance
    review: VettingReview
    assessment: WithdrawalAssessment
    candidate: ScreeningCandidate

    @property
    def evidence(self) -> EvidenceFile:
        found = self.report.evidence.first()
        assert found is not None
        return found

    def user(self, name: str) -> User:
        return self.users[name]

    # The names STYLE.md uses.
    @property
    def investigator(self) -> User:
        return self.users["investigator"]

    @property
    def appropriate_authority(self) -> User:
        return self.users["assessor"]

    @property
    def reviewer_readonly(self) -> User:
        return self.users["oversight"]

    @property
    def other_force_user(self) -> User:
        return self.users["other_force_user"]

    @property
    def admin(self) -> User:
        return self.users["administrator"]


CAST_NAMES = [r.value for r in Role] + ["no_role", "other_force_user"]


def make_cast() -> Cast:
    alpha = account_services.force_create(code="ALPHA", name="Alpha Test Police", actor=SETUP,
                                          local_policing_body="Alpha Test PCC")
    bravo = account_services.force_create(code="BRAVO", name="Bravo Test Police", actor=SETUP)
    users: dict[str, User] = {}
    for role in Role:
        users[role.value] = account_services.user_create(
            username=role.value, password=PASSWORD, force=alpha, roles=[role], actor=SETUP,
            display_name=f"Test {role.label}", is_staff=role is Role.ADMINISTRATOR)
    users["no_role"] = account_services.user_create(
        username="no_role", password=PASSWORD, force=alpha, roles=[], actor=SETUP)
    users["other_force_user"] = account_services.user_create(
        username="other_force_user", password=PASSWORD, force=bravo, roles=list(Role),
        actor=SETUP, is_staff=True)

    unit = account_services.unit_create(force=alpha, name="North Borough", actor=SETUP)
    officer = people_services.officer_create(
        force=alpha, actor=SETUP, forenames="Ada", surname="Testperson", warrant_number="100001",
        collar_number="AB12", joined_on=date(2015, 4, 1), unit=unit, rank="sergeant")
    other_officer = people_services.officer_create(
        force=bravo, actor=SETUP, forenames="Bo", surname="Elsewhere", warrant_number="200002",
        joined_on=date(2012, 9, 3))
    people_services.protected_characteristics_set(person=officer, actor=SETUP, sex="Female",
                                                  ethnicity="Synthetic group A")
    case = case_services.case_open(
        force=alpha, case_type="complaint", received_on=date(2025, 6, 10), actor=SETUP,
        summary="Officer was rude during a stop.", incident_on=date(2025, 6, 9),
        incident_location="High Street, Northtown")
    allegation = case_services.allegation_add(
        case=case, category="individual_behaviours", subcategory="impolite_language",
        summary="Swore at the complainant", actor=SETUP, standards=["authority_respect_courtesy"])
    subject = case_services.subject_add(allegation=allegation, officer=officer,
                                             actor=SETUP)
    case_services.subject_outcome_record(subject=subject, outcome="written_warning",
                                         outcome_on=date(2025, 10, 1), actor=SETUP)
    other_case = case_services.case_open(
        force=bravo, case_type="conduct_matter", received_on=date(2025, 1, 5), actor=SETUP,
        summary="Bravo force matter.")
    upload = evidence_store(stream=BytesIO(PNG_BYTES), name="photo.png", size=len(PNG_BYTES))
    submitted = intake_services.report_submit(
        force=alpha, channel="portal", actor=intake_services.PUBLIC_ACTOR, submission_key="cast-report",
        uploads=[upload], data=ReportInput(
            kind="complaint", what_happened="A sergeant pushed me against a wall outside the station.",
            incident_on=date(2025, 6, 9), incident_location="High Street, Northtown",
            person_name="Sergeant Testperson", person_number="AB12", relationship="happened_to_me",
            contact_name="Pat Public", contact_email="pat@example.com"))
    suspended_officer = people_services.officer_create(
        force=alpha, actor=SETUP, forenames="Cy", surname="Integrity", warrant_number="100002",
        collar_number="CD34", joined_on=date(2016, 1, 4), date_of_birth=date(1990, 5, 1))
    suspension = workforce_services.suspension_start(
        officer=suspended_officer, user=users["assessor"], kind="suspension", started_on=date(2025, 9, 1),
        reasons="Allegation of serious corruption under investigation.", redeployment_considered=True,
        redeployment_not_appropriate_because="Access to intelligence systems in every available post.",
        ground="investigation_prejudice", notified="oral")
    conviction = workforce_services.conviction_record(
        officer=officer, user=users["vetting_officer"], offence="Driving with excess alcohol",
        offence_on=date(2024, 3, 2), disposal="conviction", disposal_on=date(2024, 5, 10),
        offence_class="summary", court="Northtown Magistrates' Court")
    departed = people_services.officer_create(
        force=alpha, actor=SETUP, forenames="Dee", surname="Departed", warrant_number="100003",
        joined_on=date(2010, 6, 1), date_of_birth=date(1985, 2, 3), rank="inspector")
    Officer.objects.filter(pk=departed.pk).update(status="resigned", left_on=date(2025, 8, 1))
    departed.refresh_from_db()
    list_entry = workforce_lists.list_entry_from_rules(
        officer=departed, case_id=None, actor=SETUP, user=None, event_on=date(2025, 8, 1),
        received_on=date(2025, 6, 10), left_during_investigation=True)
    assert list_entry is not None
    vetting = _vetting(users["vetting_officer"], officer)
    return Cast(force=alpha, other_force=bravo, users=users, case=case, other_case=other_case,
                officer=officer, other_officer=other_officer, subject=subject,
                report=submitted.report, tracking_token=submitted.tracking_token,
                suspended_officer=suspended_officer, suspension=suspension, conviction=conviction,
                list_entry=list_entry, clearance=vetting[0], review=vetting[1], assessment=vetting[2],
                candidate=vetting[3])


def _vetting(vetting_officer: User, officer: Officer
             ) -> tuple[VettingClearance, VettingReview, WithdrawalAssessment, ScreeningCandidate]:
    """An RV clearance with an open review, an MV clearance under a withdrawal assessment whose
    representations window has closed, and one screening candidate above the threshold."""
    clearance = vetting.vetting_clearance_record(person=officer, level="RV", granted_on=date(2016, 5, 1),
                                                 decision="granted", user=vetting_officer)
    review = vetting.vetting_review_open(person=officer, trigger="randomised", reason="Randomised re-vetting draw",
                                         actor=Actor.of(vetting_officer), user=vetting_officer,
                                         clearance=clearance, opened_on=date(2025, 7, 1))
    mv = vetting.vetting_clearance_record(person=officer, level="MV", granted_on=date(2020, 1, 6),
                                          decision="granted_with_conditions", conditions="No access to finance systems",
                                          rationale="Debt disclosed at application; managed by conditions.",
                                          user=vetting_officer)
    assessment = vetting.withdrawal_assessment_start(clearance=mv, reason="Undisclosed association",
                                                     started_on=date(2025, 6, 2), user=vetting_officer)
    assessment = vetting.withdrawal_step_record(assessment=assessment, step="notice", on=date(2025, 6, 3),
                                                user=vetting_officer)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "candidates.csv"
        path.write_text(CANDIDATES_CSV, encoding="utf-8")
        run = screening_run_import(force=officer.force, path=path, name="Synthetic intelligence extract",
                                   user=vetting_officer)
    candidate = run.candidates.get()
    return clearance, review, assessment, candidate
