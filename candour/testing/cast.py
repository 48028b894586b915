"""The fixed cast of the test suite (healthchecks' Alice, Bob and Charlie, for Candour).

Force ``ALPHA`` holds one user per role, plus a user with no role; force ``BRAVO`` holds
``other_force_user``, who holds every role there and so may be refused only because of
the force boundary. The well-known STYLE.md names are aliases of the role users.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

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
from candour.workforce import services as workforce_services
from candour.workforce.models import Conviction, ListEntry, SuspensionEpisode

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
    list_entry = workforce_services.list_entry_from_rules(
        officer=departed, case_id=None, actor=SETUP, user=None, event_on=date(2025, 8, 1),
        received_on=date(2025, 6, 10), left_during_investigation=True)
    assert list_entry is not None
    return Cast(force=alpha, other_force=bravo, users=users, case=case, other_case=other_case,
                officer=officer, other_officer=other_officer, subject=subject,
                report=submitted.report, tracking_token=submitted.tracking_token,
                suspended_officer=suspended_officer, suspension=suspension, conviction=conviction,
                list_entry=list_entry)
