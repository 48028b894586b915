"""Write side for the end of a case's retention: its personal data replaced, its facts kept.

Called by ``candour.privacy`` (the retention job and erasure requests), never by a page. What
stays is what the statistics need: dates, the case type and state, categories, standards,
discrimination codes, severities, findings, outcomes and the link to the subject officer (whose
own record is kept under the workforce rule). Names and free text become the schedule's marker.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.cases.models import (
    OPEN_STATES,
    Allegation,
    Appeal,
    Case,
    ComplainantUpdate,
    CooperationRequest,
    CriminalPause,
    Interview,
    PanelMember,
    ProceedingsNotice,
    Reopening,
    Review,
    Subject,
    TimelineEvent,
)
from candour.common.anonymise import anonymise_fields, anonymise_rows

#: Each table of a case and the fields in it that hold names or free text.
CASE_TEXT = ("summary", "incident_location", "terms_of_reference")
CHILD_TEXT: tuple[tuple[type, str, tuple[str, ...]], ...] = (
    (Allegation, "case", ("summary",)),
    (Subject, "allegation__case", ("severity_reasons", "case_to_answer_reasons", "outcome_reasons",
                                   "exceptional_circumstances")),
    (TimelineEvent, "case", ("title", "description", "actor_name")),
    (CooperationRequest, "case", ("recipient",)),
    (Reopening, "case", ("reason", "authorised_by")),
    (Interview, "subject__allegation__case", ("place",)),
    (ProceedingsNotice, "subject__allegation__case", ("witnesses_proposed", "witnesses_decision")),
    (PanelMember, "case", ("name",)),
    (Appeal, "case", ("grounds_detail",)),
    (Review, "case", ("review_body_reasons", "validity_reasons", "recommendations", "decision_reasons")),
    (CriminalPause, "case", ("reason",)),
    (ComplainantUpdate, "case", ("message", "sent_by_name")),
)


def case_anonymise(*, case: Case, actor: Actor, marker: str, why: str, today: date) -> int:
    """Replace the names and free text of a closed case and everything in it with ``marker``;
    returns how many values were replaced (0 when it was anonymised already, so running again
    changes nothing). An open case is refused: it is live work."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.anonymised_on is not None:
            return 0
        if locked.state in OPEN_STATES:
            raise ValidationError({"case": f"{locked.reference} is open: a live case is never anonymised"})
        changed = anonymise_fields(locked, marker=marker, text=CASE_TEXT)
        replaced = len(changed)
        for model, path, fields in CHILD_TEXT:
            rows = model.objects.filter(**{path: locked}).order_by("pk")  # type: ignore[attr-defined]
            replaced += anonymise_rows(rows, marker=marker, text=fields)
        locked.anonymised_on = today
        locked.save(update_fields=[*changed, "anonymised_on", "updated_at"])
        Case.objects.filter(pk=locked.pk).update(version=F("version") + 1)
        audit_record(actor=actor, action=AuditVerb.RECORD_ANONYMISED, on=locked,
                     after={"why": why, "values_replaced": replaced})
    case.anonymised_on = today
    return replaced


def complainant_updates_anonymise(*, report_id: int, marker: str) -> int:
    """The updates given about a report before it became a case (they hang from the report,
    not a case), in the caller's transaction: the intake service anonymising the report audits it."""
    rows = ComplainantUpdate.objects.filter(report_id=report_id, case__isnull=True).order_by("pk")
    return anonymise_rows(rows, marker=marker, text=("message", "sent_by_name"))
