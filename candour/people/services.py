"""Write side for officers, staff, protected characteristics and members of the public."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from candour.accounts.models import Force, Unit
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.common.anonymise import anonymise_fields
from candour.people.models import MemberOfPublic, Officer, ProtectedCharacteristics, StaffMember


def officer_create(*, force: Force, actor: Actor, forenames: str, surname: str,
                   warrant_number: str, joined_on: date, rank: str = "constable",
                   collar_number: str = "", unit: Unit | None = None,
                   date_of_birth: date | None = None, kind: str = "officer") -> Officer:
    officer = Officer(force=force, forenames=forenames.strip(), surname=surname.strip(),
                      warrant_number=warrant_number.strip(), collar_number=collar_number.strip(),
                      rank=rank, unit=unit, joined_on=joined_on, date_of_birth=date_of_birth,
                      kind=kind)
    officer.full_clean()
    with transaction.atomic():
        officer.save()
        audit_record(actor=actor, action=AuditVerb.OFFICER_CREATED, on=officer,
                     after={"warrant_number": officer.warrant_number, "rank": officer.rank,
                            "name": officer.full_name})
    return officer


def staff_member_create(*, force: Force, actor: Actor, forenames: str, surname: str,
                        staff_number: str, joined_on: date, grade: str = "",
                        unit: Unit | None = None, kind: str = "staff") -> StaffMember:
    member = StaffMember(force=force, forenames=forenames.strip(), surname=surname.strip(),
                         staff_number=staff_number.strip(), grade=grade, unit=unit,
                         joined_on=joined_on, kind=kind)
    member.full_clean()
    with transaction.atomic():
        member.save()
        audit_record(actor=actor, action=AuditVerb.STAFF_MEMBER_CREATED,
                     on=member, after={"staff_number": member.staff_number, "name": member.full_name})
    return member


_PC_FIELDS = ("sex", "ethnicity", "religion_or_belief", "sexual_orientation", "disability")


def protected_characteristics_set(*, person: Officer | StaffMember, actor: Actor,
                                  **values: str) -> ProtectedCharacteristics:
    unknown = set(values) - set(_PC_FIELDS)
    if unknown:
        raise ValueError(f"Unknown protected characteristic field(s): {', '.join(sorted(unknown))}")
    key = "officer" if isinstance(person, Officer) else "staff_member"
    with transaction.atomic():
        locked = ProtectedCharacteristics.objects.select_for_update()
        if isinstance(person, Officer):
            record, _ = locked.get_or_create(officer=person)
        else:
            record, _ = locked.get_or_create(staff_member=person)
        before = {f: getattr(record, f) for f in _PC_FIELDS}
        for field, value in values.items():
            setattr(record, field, value)
        record.full_clean()
        record.save()
        # Values are deliberately not copied into the audit trail: only which fields changed.
        changed = sorted(f for f in _PC_FIELDS if before[f] != getattr(record, f))
        audit_record(actor=actor, action=AuditVerb.PROTECTED_CHARACTERISTICS_SET,
                     object_type=key, on=person, after={"fields_changed": changed})
    return record


def protected_characteristics_view_record(*, person: Officer | StaffMember, actor: Actor) -> None:
    """Every view of protected characteristics is itself audited."""
    key = "officer" if isinstance(person, Officer) else "staff_member"
    with transaction.atomic():
        audit_record(actor=actor, action=AuditVerb.PROTECTED_CHARACTERISTICS_VIEWED,
                     object_type=key, on=person)


def member_of_public_create(*, force: Force, actor: Actor, from_report: str = "", **fields: Any) -> MemberOfPublic:
    """A complainant or other member of the public; ``from_report`` names the report their
    details came from (triage), and goes into the audit event."""
    person = MemberOfPublic(force=force, **fields)
    person.full_clean()
    with transaction.atomic():
        person.save()
        audit_record(actor=actor, action=AuditVerb.MEMBER_OF_PUBLIC_CREATED, on=person,
                     after={"from_report": from_report} if from_report else None)
    return person


def member_of_public_anonymise(*, person: MemberOfPublic, actor: Actor, marker: str, why: str,
                               today: date) -> int:
    """Replace a member of the public's name with ``marker`` and clear their contact details
    (retention or erasure, by ``candour.privacy``); returns how many values went (0 when done
    already). The record stays: the cases that name it keep their link for the statistics."""
    with transaction.atomic():
        locked = MemberOfPublic.objects.select_for_update().get(pk=person.pk)
        if locked.anonymised_on is not None:
            return 0
        changed = anonymise_fields(locked, marker=marker, text=("full_name",),
                                   clear=("email", "phone", "address", "postcode"))
        locked.anonymised_on = today
        locked.save(update_fields=[*changed, "anonymised_on", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.RECORD_ANONYMISED, on=locked,
                     after={"why": why, "values_replaced": len(changed)})
    person.anonymised_on = today
    return len(changed)
