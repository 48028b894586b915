"""Write side for the lists: an entry is made from the rules' answer, with its audit event, in
the same transaction as the outcome or departure that caused it."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from candour.accounts.models import User
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.domain.assess import assess
from candour.domain.facts import Facts
from candour.domain.facts import Subject as SubjectFact
from candour.people.models import Officer
from candour.workforce.models import ListEntry


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
                      "reasons": reasons, "created_by": user})
        if created:
            audit_record(actor=actor, action=AuditVerb.LIST_ENTRY_CREATED, object_type="officer",
                         object_id=str(officer.uuid), chain=officer.force.code,
                         after={"list": kind, "event_on": event_on, "report_due_on": entry.report_due_on,
                                "case": case_id})
    return entry
