"""Casework, vetting, screening and lists for the demo force, so that every demo role has work.

The bulk load (:mod:`candour.synth.services`) gives the force years of history, but none of it
is anyone's work: no case has an investigator, there are no notices, panels, appeals or
reviews, no clearances and no screening matches. This module adds a small set of live matters
through the same services a caseworker's pages call (so each has its audit event, timeline and
cached clocks): investigations appointed to the demo investigator at every stage, with
Regulation 17 notices and interviews; proceedings with their panels; outcomes, an appeal and
complainant reviews; clearances at every level with renewals due, open vetting reviews linked to
their cause; a screening run with candidates to review; barred and advisory list entries.

Seeded and loaded once: each part is skipped when the force already has what it adds, so
running ``candour demo`` again adds nothing.
"""

from __future__ import annotations

import csv
import random
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from candour.accounts.models import Force, User
from candour.audit.services import Actor
from candour.cases import services as cases
from candour.cases import services_proceedings as proceedings
from candour.cases.models import OPEN_STATES, Case, Subject
from candour.cases.transitions import case_transition
from candour.domain.proceedings import Member
from candour.people.models import Officer
from candour.people.services import member_of_public_create
from candour.screening.models import ScreeningRun
from candour.screening.services import screening_run_import
from candour.workforce import vetting
from candour.workforce.models import VettingClearance, VettingReview

#: The marker of the demo's live casework: its cases' summaries start with this.
CASEWORK_MARK = "Demo casework:"
#: The reason of the demo's randomised re-vetting review, the marker of its vetting work.
RANDOMISED_MARK = "Randomised re-vetting draw (demo)"


@dataclass
class DemoUsers:
    """The demo users who do the work, one per role."""

    assessor: User
    investigator: User
    decision_maker: User
    vetting_officer: User

    @classmethod
    def of(cls, force: Force) -> DemoUsers | None:
        users = {u.username: u for u in User.objects.filter(force=force, username__startswith="demo-")}
        try:
            return cls(assessor=users["demo-assessor"], investigator=users["demo-investigator"],
                       decision_maker=users["demo-decision-maker"], vetting_officer=users["demo-vetting-officer"])
        except KeyError:
            return None


@dataclass
class Added:
    """How many of each thing the demo casework added."""

    counts: dict[str, int] = field(default_factory=dict)
    skipped: str = ""  # why a part was left out, or ""

    def add(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _officers(force: Force, today: date) -> Iterator[Officer]:
    """Serving officers not already a subject of an open case, in a seeded order."""
    busy = set(Subject.objects.filter(allegation__case__force=force, allegation__case__state__in=OPEN_STATES,
                                      officer__isnull=False).values_list("officer_id", flat=True))
    pool = list(Officer.objects.filter(force=force, status="serving", joined_on__lte=today - timedelta(days=800),
                                       rank__in=("constable", "sergeant", "inspector"))
                .exclude(pk__in=busy).order_by("id")[:600])
    random.Random(f"demo-casework:{force.code}").shuffle(pool)
    yield from pool
    raise TooFewOfficers(f"{force.name} has too few serving officers for the demo's live work "
                         f"({len(pool)} free to be subjects)")


class TooFewOfficers(Exception):
    """The force has too few serving officers to give every role its demo work."""


def demo_casework_load(*, force: Force, users: DemoUsers | None = None) -> Added:
    """Add the live casework, vetting, screening and lists of the demo (each part once)."""
    users = users or DemoUsers.of(force)
    added = Added()
    if users is None:
        return added
    today = timezone.localdate()
    officers = _officers(force, today)
    # Each part in one transaction: a part that fails leaves nothing behind, and is tried again next time.
    parts = ((_vetting, lambda: VettingReview.objects.filter(force=force, reason=RANDOMISED_MARK).exists()),
             (_casework, lambda: Case.objects.filter(force=force, summary__startswith=CASEWORK_MARK).exists()))
    for part, done in parts:
        if done():
            continue
        before = dict(added.counts)
        try:
            with transaction.atomic():
                part(force, users, officers, today, added)
        except TooFewOfficers as exc:  # the part that ran short was rolled back: so are its counts
            added.counts, added.skipped = before, str(exc)
            break
    if not ScreeningRun.objects.filter(force=force).exists():
        with transaction.atomic():
            _screening(force, users, today, added)
    return added


# -- vetting ---------------------------------------------------------------------------------

#: (level, years before today it was granted, decision): renewals overdue, due soon and far off.
_CLEARANCES = (
    ("RV", 10.1, "granted"), ("RV", 9.9, "granted"), ("RV", 4, "granted"),
    ("MV", 7.05, "granted"), ("MV", 6.95, "granted_with_conditions"), ("MV", 2, "granted"),
    ("NPPV1", 1, "granted"), ("NPPV2", 3, "granted"), ("NPPV3", 6.9, "granted"),
    ("CTC", 4.9, "granted"), ("SC", 9.95, "granted"), ("DV", 6.95, "granted"), ("DV", 1, "declined"),
)


def _vetting(force: Force, users: DemoUsers, officers: Iterator[Officer], today: date, added: Added) -> None:
    """A clearance at every level (renewals overdue and due soon), every convicted officer's
    clearance (so the conviction reviews have one to decide on), aftercare that opens a review,
    a randomised re-vetting review and a withdrawal assessment."""
    vo = users.vetting_officer
    actor = Actor.of(vo)
    held: list[VettingClearance] = []
    for level, years, decision in _CLEARANCES:
        officer = next(officers)
        granted = today - timedelta(days=round(years * 365.25))
        clearance = vetting.vetting_clearance_record(
            person=officer, level=level, granted_on=granted, decision=decision, user=vo,
            conditions="No unsupervised access to the intelligence systems" if decision == "granted_with_conditions"
            else "",
            rationale="" if decision == "granted" else
            "Undisclosed debts and an association with a person of interest; risk managed by the conditions."
            if decision == "granted_with_conditions" else "Close family member linked to organised crime.")
        added.add("clearances")
        if decision != "declined":
            held.append(clearance)
    # Officers with a conviction on the register hold a clearance too, so the review it opened
    # has a clearance to maintain or withdraw.
    for review in VettingReview.objects.filter(force=force, clearance__isnull=True,
                                                        officer__isnull=False).select_related("officer"):
        assert review.officer is not None
        if vetting.held_clearance(review.officer) is None:
            vetting.vetting_clearance_record(person=review.officer, level="RV", decision="granted", user=vo,
                                             granted_on=max(review.officer.joined_on, today - timedelta(days=2900)))
            added.add("clearances")
    vetting.vetting_aftercare_record(
        clearance=held[2], kind="change_of_circumstances", occurred_on=today - timedelta(days=6), user=vo,
        notes="Declared a new partner who was convicted of supplying class A drugs in 2023.", open_review=True)
    vetting.vetting_aftercare_record(clearance=held[5], kind="annual_review", occurred_on=today - timedelta(days=30),
                                     notes="Annual integrity review: no concerns; finances declared.", user=vo)
    vetting.vetting_review_open(person=held[7].person, trigger="randomised", reason=RANDOMISED_MARK,
                                actor=actor, user=vo, clearance=held[7], opened_on=today - timedelta(days=12))
    vetting.vetting_review_open(person=held[1].person, trigger="notification_failure", actor=actor, user=vo,
                                reason="Did not report an arrest for a public order offence in the spring.",
                                clearance=held[1], opened_on=today - timedelta(days=20))
    added.add("vetting reviews", 3)
    assessment = vetting.withdrawal_assessment_start(
        clearance=held[9], reason="Undisclosed association with a person convicted of fraud",
        started_on=today - timedelta(days=21), user=vo)
    vetting.withdrawal_step_record(assessment=assessment, step="notice", on=today - timedelta(days=20), user=vo)
    added.add("withdrawal assessments")


# -- casework --------------------------------------------------------------------------------


class _Builder:
    """One demo case at a time, through the services, as the demo users would build it."""

    def __init__(self, force: Force, users: DemoUsers, officers: Iterator[Officer], today: date) -> None:
        self.force, self.users, self.officers, self.today = force, users, officers, today
        self.system = Actor.system("demo")

    def open(self, *, case_type: str, days_ago: int, summary: str, category: str, subcategory: str = "",
             complainant: str = "", subjects: int = 1) -> tuple[Case, list[Subject]]:
        received = self.today - timedelta(days=days_ago)
        person = None
        if complainant:
            first, last = complainant.split()
            person = member_of_public_create(force=self.force, actor=self.system, full_name=complainant,
                                             email=f"{first.lower()}.{last.lower()}@example.com")
        case = cases.case_open(force=self.force, case_type=case_type, received_on=received, actor=self.system,
                               summary=f"{CASEWORK_MARK} {summary}", complainant=person,
                               incident_on=received - timedelta(days=3), incident_location="Northshire",
                               created_by=self.users.assessor)
        allegation = cases.allegation_add(case=case, category=category, subcategory=subcategory,
                                          summary=summary, actor=self.system)
        people = []
        for _ in range(subjects):
            officer = next(self.officers)
            if vetting.held_clearance(officer) is None:  # serving officers are vetted
                vetting.vetting_clearance_record(person=officer, level="RV", decision="granted",
                                                 user=self.users.vetting_officer,
                                                 granted_on=max(officer.joined_on, received - timedelta(days=1500)))
            people.append(cases.subject_add(allegation=allegation, officer=officer, actor=self.system))
        return case, people

    def step(self, case: Case, transition: str, user: User, reason: str, **inputs: object) -> Case:
        case.refresh_from_db()
        return case_transition(case=case, transition=transition, user=user, expected_version=case.version,
                               reason=reason, inputs=inputs or None)

    def investigate(self, case: Case, *, refer: bool = False) -> Case:
        """Recorded (or referred and sent back for local investigation), the demo investigator
        appointed, investigation started."""
        a = self.users.assessor
        if refer:
            self.step(case, "refer", a, "Mandatory referral: serious allegation")
            self.step(case, "iopc_local", a, "IOPC decision letter: local investigation")
        else:
            self.step(case, "record", a, "Recorded under Schedule 3")
        case.refresh_from_db()
        cases.investigator_appoint(case=case, user=a, investigator=self.users.investigator,
                                   terms_of_reference="Establish what happened and whether the officer's "
                                                      "conduct fell below the Standards of Professional Behaviour.")
        if not refer:
            self.step(case, "investigate", a, "Investigation needed to establish the facts")
        return case

    def assess(self, subject: Subject, severity: str, days_ago: int) -> None:
        cases.subject_severity_assess(subject=subject, user=self.users.investigator, severity=severity,
                                      assessed_on=self.today - timedelta(days=days_ago))

    def notice(self, subject: Subject, days_ago: int) -> None:
        cases.reg17_notice_serve(subject=subject, user=self.users.investigator, method="email",
                                 served_on=self.today - timedelta(days=days_ago))

    def to_decision(self, case: Case, subject: Subject, severity: str) -> None:
        self.assess(subject, severity, 40)
        if severity != "none":
            self.notice(subject, 35)
        self.step(case, "submit_report", self.users.investigator, "Final report submitted")

    def to_proceedings(self, case: Case, subject: Subject, severity: str, forum: str) -> Subject:
        self.to_decision(case, subject, severity)
        cases.subject_case_to_answer_decide(subject=subject, user=self.users.decision_maker, decision=severity)
        self.step(case, "refer_to_proceedings", self.users.decision_maker, "Case to answer", forum=forum)
        return Subject.objects.get(pk=subject.pk)

    def panel(self, case: Case) -> None:
        case.refresh_from_db()
        members = []
        for _name, requirement in proceedings.panel_requirements_for(case=case):
            capacity = next(iter(requirement.chair_capacities), "")
            names = {"person_conducting": "Supt Joan Fairley", "chair": "Ms Harriet Vale (legally qualified chair)",
                     "independent_qualified": "Dr Omar Siddiqui", "independent_lay": "Mrs Ruth Penhaligon",
                     "lqp_adviser": "Mr David Okoro", "police_member": "Supt Joan Fairley",
                     "independent_member": "Mrs Ruth Penhaligon"}
            members = [Member(role.value, names.get(role.value, "Ms Alex Reed"),
                              capacity if role.value == "chair" else "")
                       for role in requirement.roles]
        proceedings.panel_record(case=case, user=self.users.decision_maker, members=members)


def _casework(force: Force, users: DemoUsers, officers: Iterator[Officer], today: date, added: Added) -> None:
    b = _Builder(force, users, officers, today)
    inv, dm, a = users.investigator, users.decision_maker, users.assessor

    # 1. Investigation just started: the investigator's first job is the severity assessment.
    b.investigate(b.open(case_type="conduct_matter", days_ago=9, category="discreditable_conduct",
                         summary="An off-duty officer was abusive to door staff outside a nightclub.")[0])
    # 2. Misconduct, Regulation 17 notice served four days ago: the officer's response is due.
    case, (s,) = b.open(case_type="conduct_matter", days_ago=30, category="information_access",
                        subcategory="police_systems",
                        summary="Police systems searched for a neighbour's address for no policing purpose.")
    b.investigate(case)
    b.assess(s, "misconduct", 20)
    b.notice(s, 4)
    # 3. Gross misconduct, notice answered, interview fixed for next week.
    case, (s,) = b.open(case_type="conduct_matter", days_ago=60, category="abuse_of_position",
                        subcategory="sexual",
                        summary="Messages of a sexual nature sent to a victim of domestic abuse.")
    b.investigate(case)
    b.assess(s, "gross_misconduct", 50)
    b.notice(s, 45)
    notice = s.notices.get()
    cases.notice_response_record(notice=notice, user=inv, response_on=today - timedelta(days=33))
    when = timezone.make_aware(datetime.combine(today + timedelta(days=7), time(10, 0)))
    cases.interview_schedule(subject=s, user=inv, scheduled_for=when, agreed=True,
                             place="Professional Standards, Northshire headquarters")
    # 4. A complaint under investigation after referral to the IOPC (local investigation).
    case, (s,) = b.open(case_type="complaint", days_ago=45, category="police_powers", subcategory="use_of_force",
                        complainant="Jordan Blake",
                        summary="Complainant says he was taken to the ground and injured during an arrest.")
    b.investigate(case, refer=True)
    b.assess(s, "misconduct", 30)
    # 5. Paused while a criminal investigation runs.
    case, (s,) = b.open(case_type="conduct_matter", days_ago=120, category="property",
                        summary="Cash seized at a search is missing from the property store.")
    b.investigate(case)
    b.assess(s, "gross_misconduct", 100)
    b.step(case, "pause", inv, "Criminal investigation under way: the CPS is considering a charge")
    # 6. The final report is in: the decision maker decides whether there is a case to answer.
    case, (s,) = b.open(case_type="conduct_matter", days_ago=150, category="individual_behaviours",
                        summary="Repeated belittling remarks to a probationer in the custody suite.")
    b.investigate(case)
    b.to_decision(case, s, "misconduct")
    # 7. A misconduct meeting: notice of referral given, the person conducting it appointed.
    case, (s,) = b.open(case_type="conduct_matter", days_ago=200, category="delivery_of_duties",
                        summary="Failed to record and investigate a report of harassment.")
    b.investigate(case)
    s = b.to_proceedings(case, s, "misconduct", "misconduct_meeting")
    proceedings.proceedings_notice_give(subject=s, user=dm, notice_on=today - timedelta(days=5))
    b.panel(case)
    # 8. A misconduct hearing for gross misconduct: notice, response, hearing date, the panel.
    case, (s,) = b.open(case_type="conduct_matter", days_ago=260, category="discreditable_conduct",
                        summary="Assaulted a partner while off duty; cautioned.")
    b.investigate(case)
    s = b.to_proceedings(case, s, "gross_misconduct", "misconduct_hearing")
    proceedings.proceedings_notice_give(subject=s, user=dm, notice_on=today - timedelta(days=40))
    proceedings.proceedings_response_record(subject=s, user=dm, response_on=today - timedelta(days=30),
                                            accepts="disputes", witnesses_proposed="The officer's partner")
    proceedings.proceedings_dates_set(subject=s, user=dm, papers_to_chair_on=today - timedelta(days=25),
                                      hearing_on=today + timedelta(days=10))
    b.panel(case)
    # 9. A hearing ended in dismissal (the barred list entry follows), then the officer appealed.
    case, (s,) = b.open(case_type="conduct_matter", days_ago=330, category="abuse_of_position",
                        summary="Took money from a motorist not to report a driving offence.")
    b.investigate(case)
    s = b.to_proceedings(case, s, "gross_misconduct", "misconduct_hearing")
    proceedings.proceedings_notice_give(subject=s, user=dm, notice_on=today - timedelta(days=60))
    b.panel(case)
    cases.subject_finding_record(subject=s, user=dm, finding="gross_misconduct", outcome="dismissal_without_notice",
                                 outcome_on=today - timedelta(days=10))
    b.step(case, "close", dm, "Dismissed without notice")
    b.step(case, "appeal", dm, "Notice of appeal to the Police Appeals Tribunal", subject=str(s.uuid),
           lodged_on=today - timedelta(days=3), grounds=("unreasonable",),
           grounds_detail="The officer says the panel gave too little weight to his record.")
    # 10. A misconduct meeting ended in a written warning (a vetting review follows); closed.
    case, (s,) = b.open(case_type="conduct_matter", days_ago=300, category="vehicles",
                        summary="Drove a marked car at speed without a policing purpose.")
    b.investigate(case)
    s = b.to_proceedings(case, s, "misconduct", "misconduct_meeting")
    proceedings.proceedings_notice_give(subject=s, user=dm, notice_on=today - timedelta(days=50))
    b.panel(case)
    cases.subject_finding_record(subject=s, user=dm, finding="misconduct", outcome="written_warning",
                                 outcome_on=today - timedelta(days=20))
    b.step(case, "close", dm, "Written warning")
    # 11-12. Complaints handled otherwise than by investigation, closed, and the complainant has
    # applied for a review: the review panel's work.
    for name, summary, days in (
            ("Sam Carter", "Complainant says his report of a burglary was not followed up.", 70),
            ("Aisha Noor", "Complainant says an officer was rude at the front counter.", 50)):
        case, _ = b.open(case_type="complaint", days_ago=days, category="delivery_of_duties", complainant=name,
                         summary=summary)
        b.step(case, "record", a, "Recorded under Schedule 3")
        b.step(case, "handle_otherwise", a, "Can be resolved without an investigation")
        b.step(case, "close", a, "Apology given and learning shared", handling_outcome="service_acceptable",
               outcome_notified_on=today - timedelta(days=14))
        b.step(case, "request_review", a, "The complainant says the outcome was not reasonable",
               received_on=today - timedelta(days=2))
    # 13. An officer under investigation resigned: the advisory list entry follows.
    case, (s,) = b.open(case_type="conduct_matter", days_ago=90, category="sexual_conduct",
                        subcategory="sexual_harassment",
                        summary="Inappropriate touching of a colleague at a training event.")
    b.investigate(case)
    b.assess(s, "gross_misconduct", 80)
    b.notice(s, 75)
    assert s.officer is not None
    proceedings.officer_departure_record(officer=s.officer, user=a, status="resigned",
                                         left_on=today - timedelta(days=15))
    added.add("cases", Case.objects.filter(force=force, summary__startswith=CASEWORK_MARK).count())


# -- screening -------------------------------------------------------------------------------

_HEADER = ("workforce_id,extract_id,match_probability,match_weight,prior_weight,forename_level,forename_weight,"
           "surname_level,surname_weight,date_of_birth_level,date_of_birth_weight,explanation,workforce_first_name,"
           "workforce_surname,workforce_date_of_birth,extract_first_name,extract_surname,extract_date_of_birth")
#: (match probability, weight, how the date of birth compares): strong to borderline matches.
_MATCHES = ((0.99, 9.2, "Exact match"), (0.97, 5.0, "Day and month swapped"), (0.93, 3.9, "Exact match"),
            (0.88, 2.7, "Year differs by one"), (0.81, 2.1, "Day and month swapped"),
            (0.2, -2.0, "No match"))


def _screening(force: Force, users: DemoUsers, today: date, added: Added) -> None:
    """A run of an intelligence extract against the workforce, its candidates in the queue."""
    people = list(Officer.objects.filter(force=force, status="serving", date_of_birth__isnull=False)
                  .order_by("-id")[:len(_MATCHES)])
    if len(people) < len(_MATCHES):
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "candidates.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(_HEADER + "\n")
            writer = csv.writer(out)
            for n, (officer, (probability, weight, dob)) in enumerate(zip(people, _MATCHES, strict=True)):
                born = officer.date_of_birth
                assert born is not None
                extract_born = born.replace(day=min(born.month, 28), month=min(born.day, 12)) \
                    if dob == "Day and month swapped" else born
                writer.writerow([officer.warrant_number, f"INT-{4100 + n}", probability, weight, -12.0,
                                 "Exact match", 6.5, "Exact match", 7.5, dob, 3.0 if dob != "No match" else -4.0,
                                 f"Match weight {weight:+.1f}.", officer.forenames, officer.surname,
                                 born.isoformat(), officer.forenames.upper(), officer.surname.upper(),
                                 extract_born.isoformat()])
        run = screening_run_import(force=force, path=path, user=users.vetting_officer,
                                   name=f"Synthetic intelligence extract, {today:%B %Y}")
    added.add("screening candidates", run.candidates.count())
