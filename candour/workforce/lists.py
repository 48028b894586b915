"""Barred and advisory list entries: made from the rules when an officer is dismissed, leaves
under investigation or has their vetting withdrawn, then reported to the College of Policing
(Police Barred List and Police Advisory List Regulations 2017). Every change is audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from candour.accounts.models import User
from candour.accounts.services import actor_for
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.common.validators import Refusals
from candour.domain.access import Action
from candour.domain.assess import assess
from candour.domain.facts import Facts
from candour.domain.facts import Subject as SubjectFact
from candour.people.models import Officer
from candour.workforce.models import ListEntry

#: ``dismissed_for`` (the rules' fact) -> the list entry's basis, in the College's terms.
_LIST_BASIS = {"gross_misconduct": "gross_misconduct", "misconduct": "conduct",
               "gross_incompetence": "gross_incompetence", "performance": "gross_incompetence"}


def list_entry_from_rules(*, officer: Officer, case_id: int | None, actor: Actor, user: User | None,
                          event_on: date, received_on: date, dismissed_for: str | None = None,
                          left_during_investigation: bool = False) -> ListEntry | None:
    """Ask the rules whether ``officer`` goes on a list; if so, record the entry (once per case)."""
    provided = {"on", "received_on", "subject"}
    extra: dict[str, object] = {}
    if dismissed_for:
        extra.update(dismissed_for=dismissed_for, dismissed_on=event_on)
        provided |= {"dismissed_for", "dismissed_on"}
    if left_during_investigation:
        extra.update(left_service_during_investigation=True, dismissed_on=event_on)
        provided |= {"left_service_during_investigation", "dismissed_on"}
    facts = Facts(on=event_on, received_on=received_on, provided=frozenset(provided),
                  subject=SubjectFact(kind=officer.kind, rank=officer.rank, status=officer.status),
                  **extra)  # type: ignore[arg-type]
    answers = assess(facts)
    if "list_entry" not in answers or answers["list_entry"].value not in ("barred", "advisory"):
        return None
    kind = answers["list_entry"].value
    due = answers["college_report_due"].value if "college_report_due" in answers else None
    review = answers["list_review_from"].value if "list_review_from" in answers else None
    reasons = "; ".join(f"{r.text} ({r.basis})" for r in answers["list_entry"].because)
    with transaction.atomic():
        entry, created = ListEntry.objects.get_or_create(
            officer=officer, kind=kind, case_id=case_id,  # type: ignore[misc]
            defaults={"force_id": officer.force_id, "event_on": event_on,
                      "report_due_on": date.fromisoformat(due) if due else event_on,
                      "review_from": date.fromisoformat(review) if review else None,
                      "reasons": reasons, "created_by": user,
                      "basis": "left_during_investigation" if left_during_investigation
                      else _LIST_BASIS.get(dismissed_for or "", "")})
        if created:
            audit_record(actor=actor, action=AuditVerb.LIST_ENTRY_CREATED, on=officer,
                         after={"list": kind, "event_on": event_on, "report_due_on": entry.report_due_on,
                                "case": case_id})
    return entry


# -- barred and advisory lists: reporting to the College -------------------------------------

def list_entry_report(*, entry: ListEntry, user: User, reported_on: date | None = None) -> ListEntry:
    """Mark the entry as reported to the College of Policing."""
    actor = actor_for(user, entry.force_id, Action.LIST_EXPORT, "mark a list entry reported")
    today = timezone.localdate()
    reported_on = reported_on or today
    if entry.reported_on is not None:
        raise ValidationError({"__all__": f"This entry was already reported on {entry.reported_on:%-d %B %Y}"})
    errors = Refusals()
    errors.between("reported_on", reported_on, label="The date reported",
                   earliest=entry.event_on, what="the event", today=today)
    errors.raise_if_any()
    with transaction.atomic():
        locked = ListEntry.objects.select_for_update().select_related("force", "officer").get(pk=entry.pk)
        if locked.reported_on is not None:
            raise ValidationError({"__all__": "This entry was already reported"})
        locked.reported_on = reported_on
        locked.save(update_fields=["reported_on", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.LIST_ENTRY_REPORTED, on=locked, before={"reported_on": None},
                     after={"reported_on": reported_on, "late": reported_on > locked.report_due_on})
    return locked


def list_export_view_record(*, user: User, rows: int) -> None:
    """The CSV export for the College holds personal data: each download is audited as a view."""
    actor = actor_for(user, user.force_id or 0, Action.LIST_EXPORT, "export the lists")
    force = user.force
    assert force is not None  # _actor refuses a user with no force
    with transaction.atomic():
        audit_record(actor=actor, action=AuditVerb.LIST_EXPORT_VIEWED, object_type="list_export",
                     object_id=force.code, chain=force.code, after={"rows": rows})
