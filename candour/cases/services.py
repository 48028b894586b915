"""Write side for cases: opening, allegations, subjects, outcomes and the one state door.

Every service writes its change and its audit event in one transaction. ``case_transition``
is the only code that changes ``Case.state``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from candour.accounts.models import Force, User
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.cases.models import (
    Allegation,
    Case,
    Outcome,
    ReferenceSequence,
    Subject,
    TimelineEvent,
)
from candour.domain import taxonomy
from candour.domain.access import Action, can
from candour.domain.lifecycle import TRANSITIONS_BY_NAME, CaseState, CaseType
from candour.people.models import MemberOfPublic, Officer, StaffMember


class StaleEdit(ValidationError):
    """The case changed since the user loaded it; nothing was written."""


def case_reference_next(*, force: Force, year: int) -> str:
    """Allocate the next human reference for ``force`` in ``year``, e.g. ``MET-2025-004321``."""
    with transaction.atomic():
        updated = ReferenceSequence.objects.filter(force=force, year=year).update(
            last_number=F("last_number") + 1)
        if not updated:
            ReferenceSequence.objects.get_or_create(force=force, year=year)
            ReferenceSequence.objects.filter(force=force, year=year).update(
                last_number=F("last_number") + 1)
        number = ReferenceSequence.objects.get(force=force, year=year).last_number
    return f"{force.code}-{year}-{number:06d}"


def _timeline(case: Case, *, kind: str, title: str, actor: Actor, description: str = "") -> None:
    TimelineEvent.objects.create(case=case, occurred_at=timezone.now(), kind=kind, title=title,
                                 description=description, actor_name=actor.name)


def case_open(*, force: Force, case_type: CaseType | str, received_on: date, summary: str,
              actor: Actor, complainant: MemberOfPublic | None = None,
              incident_on: date | None = None, incident_location: str = "",
              created_by: User | None = None, today: date | None = None) -> Case:
    """Log a new case in ``force``: it starts in the ``logged`` state, awaiting assessment."""
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    try:
        kind = CaseType(case_type)
    except ValueError:
        errors["case_type"] = f"Unknown case type {case_type!r}"
    if received_on > today:
        errors["received_on"] = "The date received must be today or in the past"
    if incident_on and incident_on > today:
        errors["incident_on"] = "The date of the incident must be today or in the past"
    if not summary.strip():
        errors["summary"] = "Enter a summary of what happened"
    if complainant is not None and complainant.force_id != force.pk:
        errors["complainant"] = "The complainant record belongs to another force"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        case = Case(force=force, reference=case_reference_next(force=force, year=received_on.year),
                    case_type=kind.value, received_on=received_on, summary=summary.strip(),
                    complainant=complainant, incident_on=incident_on,
                    incident_location=incident_location.strip(), created_by=created_by)
        case.full_clean()
        case.save()
        audit_record(actor=actor, action=AuditVerb.CASE_OPENED, object_type="case",
                     object_id=case.reference, chain=force.code,
                     after={"case_type": case.case_type, "received_on": received_on,
                            "state": case.state})
        _timeline(case, kind="opened", title=f"{kind.label} logged", actor=actor)
    return case


def allegation_add(*, case: Case, category: str, summary: str, actor: Actor,
                   subcategory: str = "", discrimination: list[str] | None = None,
                   standards: list[str] | None = None) -> Allegation:
    errors: dict[str, str] = {}
    cat = taxonomy.CATEGORIES_BY_CODE.get(category)
    if cat is None:
        errors["category"] = f"Unknown allegation category {category!r}"
    elif subcategory and subcategory not in dict(cat.subcategories):
        errors["subcategory"] = f"{subcategory!r} is not a sub-category of {cat.label}"
    valid_pc = dict(taxonomy.PROTECTED_CHARACTERISTICS)
    bad_pc = [d for d in discrimination or [] if d not in valid_pc]
    if bad_pc:
        errors["discrimination"] = f"Unknown discrimination factor(s): {', '.join(bad_pc)}"
    bad_std = [s for s in standards or [] if s not in taxonomy.STANDARD_LABELS]
    if bad_std:
        errors["standards"] = f"Unknown standard(s): {', '.join(bad_std)}"
    if not summary.strip():
        errors["summary"] = "Enter what the allegation is"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        number = (locked.allegations.order_by("-number").values_list("number", flat=True).first()
                  or 0) + 1
        allegation = Allegation.objects.create(
            case=locked, number=number, category=category, subcategory=subcategory,
            discrimination=sorted(set(discrimination or [])),
            standards=sorted(set(standards or [])), summary=summary.strip())
        audit_record(actor=actor, action=AuditVerb.ALLEGATION_ADDED, object_type="allegation",
                     object_id=str(allegation.uuid), chain=case.force.code,
                     after={"case": case.reference, "number": number, "category": category,
                            "subcategory": subcategory})
        _timeline(locked, kind="allegation", title=f"Allegation {number} added", actor=actor,
                  description=taxonomy.category_label(category))
    return allegation


def subject_add(*, allegation: Allegation, actor: Actor, officer: Officer | None = None,
                staff_member: StaffMember | None = None) -> Subject:
    person = officer or staff_member
    if (officer is None) == (staff_member is None):
        raise ValidationError({"subject": "Name exactly one officer or staff member"})
    assert person is not None
    if person.force_id != allegation.case.force_id:
        raise ValidationError({"subject": "The subject must serve in the case's force"})
    with transaction.atomic():
        subject = Subject.objects.create(allegation=allegation, officer=officer,
                                         staff_member=staff_member)
        audit_record(actor=actor, action=AuditVerb.SUBJECT_ADDED, object_type="subject",
                     object_id=str(subject.uuid), chain=allegation.case.force.code,
                     after={"allegation": str(allegation), "person": str(person.uuid)})
    return subject


def subject_outcome_record(*, subject: Subject, outcome: Outcome | str, outcome_on: date,
                           actor: Actor) -> Subject:
    value = Outcome(outcome)
    if value == Outcome.NONE:
        raise ValidationError({"outcome": "Choose an outcome"})
    with transaction.atomic():
        locked = Subject.objects.select_for_update().get(pk=subject.pk)
        before = {"outcome": locked.outcome, "outcome_on": locked.outcome_on}
        locked.outcome = value.value
        locked.outcome_on = outcome_on
        locked.save(update_fields=["outcome", "outcome_on", "updated_at"])
        case = locked.allegation.case
        audit_record(actor=actor, action=AuditVerb.SUBJECT_OUTCOME_RECORDED,
                     object_type="subject", object_id=str(locked.uuid), chain=case.force.code,
                     before=before, after={"outcome": value.value, "outcome_on": outcome_on})
        _timeline(case, kind="outcome", title=f"Outcome recorded: {value.label}", actor=actor,
                  description=f"{locked.person.full_name}, allegation {locked.allegation.number}")
    return locked


#: Steps a complainant may take themselves, from their tracking page: ask for a complaint
#: handled outside Schedule 3 to be recorded (PRA Sch 3 para 2(6A)(a)), and apply for a review.
COMPLAINANT_TRANSITIONS = frozenset({"record", "request_review"})


def case_transition(*, case: Case, transition: str, user: User | None, expected_version: int,
                    reason: str = "", today: date | None = None,
                    extra: dict[str, Any] | None = None,
                    complainant: Actor | None = None) -> Case:
    """The one door for state changes: checks the lifecycle table, the access matrix and the
    version the user saw, then writes the new state and its audit event together.

    ``user`` is the member of staff making the change. A complainant acting from their tracking
    page has no account: they pass ``user=None`` and ``complainant=Actor(...)``, and may take
    only the steps in :data:`COMPLAINANT_TRANSITIONS`.
    """
    rule = TRANSITIONS_BY_NAME.get(transition)
    if rule is None:
        raise ValidationError({"transition": f"Unknown transition {transition!r}"})
    if user is None:
        if complainant is None or transition not in COMPLAINANT_TRANSITIONS \
                or case.case_type != CaseType.COMPLAINT:
            raise PermissionDenied("Only staff may change this case")
        actor = complainant
    else:
        if user.force_id != case.force_id or not can(user.role_set(), Action.CASE_TRANSITION):
            raise PermissionDenied("You do not have permission to change this case")
        actor = Actor.of(user)
    today = today or timezone.localdate()
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.version != expected_version:
            raise StaleEdit(
                f"{locked.reference} was changed by someone else since you opened it "
                f"(you saw version {expected_version}, it is now version {locked.version}). "
                "Nothing was saved: reload the case and try again.")
        current = CaseState(locked.state)
        if current not in rule.source:
            raise ValidationError({"transition": (
                f"Cannot {rule.description.lower()}: the case is "
                f"'{current.label.lower()}', and this step is only possible from "
                + ", ".join(sorted(f"'{s.label.lower()}'" for s in rule.source)))})
        before = {"state": locked.state, "version": locked.version}
        locked.state = rule.target.value
        locked.version += 1
        if not rule.target.is_open:
            locked.closed_on = today
        elif not current.is_open:
            locked.closed_on = None
        locked.save(update_fields=["state", "version", "closed_on", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.CASE_STATE_CHANGED, object_type="case",
                     object_id=locked.reference, chain=locked.force.code, before=before,
                     after={"state": locked.state, "version": locked.version,
                            "transition": transition, "reason": reason, **(extra or {})})
        _timeline(locked, kind="state", title=rule.target.label, actor=actor,
                  description=reason)
    return locked
