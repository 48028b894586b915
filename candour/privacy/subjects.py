"""Finding everything one force holds about one person: a member of the public by email address
or full name, or an officer or member of staff by warrant or staff number.

Read-only. Shared by subject access (:mod:`candour.privacy.export`) and erasure
(:mod:`candour.privacy.erasure`). Every read is scoped to the force of the data protection
officer asking. A sealed internal report cannot be found: its reporter's identity is encrypted
to a key no process holds (docs/security.md), so a request about one goes through ``candour
unseal`` first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q

from candour.accounts.models import Force, User
from candour.cases.models import Case, Subject
from candour.intake.models import Report
from candour.people.models import MemberOfPublic, Officer, StaffMember

#: The force's own reference for the request (kept in the audit trail instead of the person's details).
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$")


@dataclass(frozen=True)
class SubjectQuery:
    """Who the request is about. Exactly one way of finding them is given."""

    force: Force
    reference: str
    email: str = ""
    name: str = ""
    number: str = ""

    @property
    def kind(self) -> str:
        """``email``, ``name`` or ``number``: what the audit trail says was searched (never the value)."""
        return "email" if self.email else "name" if self.name else "number"


def subject_query(*, force: Force, reference: str, email: str = "", name: str = "",
                  number: str = "") -> SubjectQuery:
    """The query, checked; :class:`ValidationError` (field -> message) when it cannot be run."""
    errors: dict[str, str] = {}
    reference = reference.strip()
    email, name, number = email.strip(), " ".join(name.split()), number.strip()
    if not REFERENCE.match(reference):
        errors["reference"] = ("Enter the request's reference: up to 40 letters, digits and / _ . -, "
                               "for example DSAR-2026-014")
    given = [v for v in (email, name, number) if v]
    if len(given) != 1:
        errors["email"] = ("Enter one of: the person's email address, their full name, or an officer's "
                           "warrant number or a staff number")
    elif email and ("@" not in email or len(email) > 254):
        errors["email"] = "Enter an email address in the correct format, like name@example.com"
    elif name and (len(name) < 3 or len(name) > 200):
        errors["name"] = "Enter the person's full name, as they gave it (3 to 200 characters)"
    elif number and not re.fullmatch(r"[A-Za-z0-9-]{1,20}", number):
        errors["number"] = "Enter a warrant or staff number: letters, digits and - only"
    if errors:
        raise ValidationError(errors)
    return SubjectQuery(force=force, reference=reference, email=email, name=name, number=number)


@dataclass
class SubjectRecords:
    """What was found, by kind. ``public`` people and their reports and cases; or the officer
    or staff member with their user account and the cases about them."""

    query: SubjectQuery
    people: list[MemberOfPublic] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    officer: Officer | None = None
    staff_member: StaffMember | None = None
    account: User | None = None
    subjects: list[Subject] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.people or self.reports or self.officer or self.staff_member)

    @property
    def workforce(self) -> Officer | StaffMember | None:
        return self.officer or self.staff_member

    def ids(self) -> dict[str, list[str]]:
        """The records found, by kind and reference or UUID: what the audit trail keeps."""
        out: dict[str, list[str]] = {
            "member_of_public": [str(p.uuid) for p in self.people],
            "report": [r.reference for r in self.reports],
            "case": [c.reference for c in self.cases],
        }
        if self.officer is not None:
            out["officer"] = [str(self.officer.uuid)]
        if self.staff_member is not None:
            out["staff_member"] = [str(self.staff_member.uuid)]
        if self.account is not None:
            out["user"] = [str(self.account.pk)]
        return {k: v for k, v in out.items() if v}


def subject_records(query: SubjectQuery) -> SubjectRecords:
    """Every record of ``query.force`` about the person (never another force's)."""
    found = SubjectRecords(query=query)
    force = query.force
    if query.number:
        found.officer = Officer.objects.filter(force=force, warrant_number__iexact=query.number).first()
        if found.officer is None:
            found.staff_member = StaffMember.objects.filter(force=force, staff_number__iexact=query.number).first()
        person = found.workforce
        if person is None:
            return found
        if found.officer is not None:
            found.account = User.objects.filter(force=force, officer=found.officer).first()
        key = {"officer": found.officer} if found.officer is not None else {"staff_member": found.staff_member}
        found.subjects = list(Subject.objects.filter(**key).select_related("allegation__case").order_by("pk"))
        found.cases = sorted({s.allegation.case for s in found.subjects}, key=lambda c: c.reference)
        if found.account is not None:
            found.reports = list(Report.objects.filter(force=force, reporter=found.account).order_by("received_at"))
        return found
    if query.email:
        people = Q(email__iexact=query.email)
        reports = Q(contact_email__iexact=query.email)
    else:
        people = Q(full_name__iexact=query.name)
        reports = Q(contact_name__iexact=query.name)
    found.people = list(MemberOfPublic.objects.filter(people, force=force).order_by("pk"))
    found.reports = list(Report.objects.filter(reports, force=force).order_by("received_at", "pk"))
    cases = {c.pk: c for c in Case.objects.filter(force=force, complainant__in=found.people)}
    for report in found.reports:
        if report.case_id is not None and report.case_id not in cases:
            case = Case.objects.get(pk=report.case_id)
            cases[case.pk] = case
    found.cases = sorted(cases.values(), key=lambda c: c.reference)
    return found
