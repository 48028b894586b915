"""Write side of the match-review queue: import a ``candour screen`` candidates file as a run,
decide a candidate (confirm or reject, always with a reason), and audit every view.

A confirmed match goes through an existing door, never by writing rows here: a vetting review
(:func:`candour.workforce.vetting.vetting_review_open`, trigger *screening match*) or an
internal report for conduct assessment (:func:`candour.intake.services.report_submit`, which
puts it in the assessors' triage queue).
"""

from __future__ import annotations

import math
import uuid
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from candour.accounts.models import Force, User
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.common.anonymise import anonymise_fields, without_values
from candour.domain.access import Action, can
from candour.intake.services import report_submit
from candour.intake.validation import ReportInput
from candour.people.models import Officer, StaffMember
from candour.screening.models import ScreeningCandidate, ScreeningRun
from candour.workforce.vetting import vetting_review_open

#: Columns a candidates file must have (docs/screening.md, "The command").
REQUIRED_COLUMNS = ("workforce_id", "extract_id", "match_probability", "match_weight")
#: The engine's comparisons, each written as ``<name>_level`` and ``<name>_weight``.
COMPARISONS = ("forename", "surname", "date_of_birth", "address", "town")
RECORD_FIELDS = ("first_name", "surname", "date_of_birth", "postcode", "address", "town")
DEFAULT_THRESHOLD = 0.5  # the engine's default review threshold (linkage.ModelConfig)


def _require(user: User | None, force: Force, what: str) -> Actor:
    if user is None or user.force_id != force.pk or not can(user.role_set(), Action.SCREENING_REVIEW):
        raise PermissionDenied(f"Only a vetting or counter-corruption officer of the force may {what}")
    return Actor.of(user)


def _read(path: Path) -> list[dict[str, Any]]:
    """Rows of a Parquet or CSV candidates file; ``ValidationError`` for anything unreadable."""
    suffix = path.suffix.lower()
    if suffix not in (".parquet", ".pq", ".csv"):
        raise ValidationError({"file": f"{path.name}: the candidates file must be .parquet or .csv"})
    if not path.is_file():
        raise ValidationError({"file": f"{path.name}: no such file"})
    try:
        if suffix == ".csv":
            import pyarrow.csv as pacsv  # lazy: only an import reads a file; pyarrow is slow to load

            table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
                column_types={"workforce_id": "string", "extract_id": "string"}))
        else:
            import pyarrow.parquet as pq  # lazy: as above

            table = pq.read_table(path)
    except Exception as error:  # pyarrow raises several kinds for a corrupt or foreign file
        raise ValidationError({"file": f"{path.name}: cannot be read ({error.__class__.__name__})"}) from error
    missing = [c for c in REQUIRED_COLUMNS if c not in table.column_names]
    if missing:
        raise ValidationError({"file": f"{path.name}: missing column(s) {', '.join(missing)}"})
    return table.to_pylist()


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _match_person(force: Force, workforce_id: str) -> tuple[Officer | None, StaffMember | None]:
    """The workforce record's id is a warrant number, a staff number or a Candour UUID."""
    officer = Officer.objects.filter(force=force, warrant_number=workforce_id).first()
    if officer is not None:
        return officer, None
    staff = StaffMember.objects.filter(force=force, staff_number=workforce_id).first()
    if staff is not None:
        return None, staff
    try:
        key = uuid.UUID(workforce_id)
    except ValueError:
        return None, None
    return (Officer.objects.filter(force=force, uuid=key).first(),
            StaffMember.objects.filter(force=force, uuid=key).first())


def screening_run_import(*, force: Force, path: Path, name: str, user: User,
                         threshold: float = DEFAULT_THRESHOLD) -> ScreeningRun:
    """Import a candidates file for ``force``: every pair at or above ``threshold`` becomes a
    pending candidate with its probability, match weight and per-comparison explanation."""
    actor = _require(user, force, "import screening results")
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name or len(name) > 200:
        errors["name"] = "Enter what was screened (200 characters or fewer)"
    if not 0.0 <= threshold <= 1.0:
        errors["threshold"] = "The review threshold is a probability between 0 and 1"
    if errors:
        raise ValidationError(errors)
    rows = _read(Path(path))
    candidates: list[ScreeningCandidate] = []
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(rows, start=2):
        probability, weight = _number(row.get("match_probability")), _number(row.get("match_weight"))
        workforce_id, extract_id = _text(row.get("workforce_id")).strip(), _text(row.get("extract_id")).strip()
        if probability is None or weight is None or not workforce_id or not extract_id \
                or not 0.0 <= probability <= 1.0 or len(workforce_id) > 100 or len(extract_id) > 100:
            raise ValidationError({"file": f"{Path(path).name}: row {number} has no valid ids, probability "
                                           "or match weight"})
        if probability < threshold or (workforce_id, extract_id) in seen:
            continue
        seen.add((workforce_id, extract_id))
        parts = [{"comparison": c, "level": _text(row.get(f"{c}_level")),
                  "weight": _number(row.get(f"{c}_weight")) or 0.0,
                  "workforce_value": _text(row.get(f"workforce_{f}")), "extract_value": _text(row.get(f"extract_{f}"))}
                 for c, f in zip(COMPARISONS, ("first_name", "surname", "date_of_birth", "postcode", "town"),
                                 strict=True) if f"{c}_level" in row or f"{c}_weight" in row]
        officer, staff = _match_person(force, workforce_id)
        candidates.append(ScreeningCandidate(
            force=force, workforce_id=workforce_id, extract_id=extract_id, match_probability=probability,
            match_weight=weight, prior_weight=_number(row.get("prior_weight")) or 0.0,
            explanation=_text(row.get("explanation"))[:8000], parts=parts,
            workforce_record={f: _text(row.get(f"workforce_{f}")) for f in RECORD_FIELDS},
            extract_record={f: _text(row.get(f"extract_{f}")) for f in RECORD_FIELDS},
            officer=officer, staff_member=staff))
    with transaction.atomic():
        run = ScreeningRun.objects.create(force=force, name=name, source_file=Path(path).name[:300],
                                          threshold=threshold, rows_read=len(rows),
                                          candidates_imported=len(candidates), imported_by=user,
                                          imported_by_name=actor.name[:150])
        for candidate in candidates:
            candidate.run = run
        ScreeningCandidate.objects.bulk_create(candidates, batch_size=500)
        audit_record(actor=actor, action=AuditVerb.SCREENING_RUN_IMPORTED, on=run,
                     after={"name": name, "file": run.source_file, "threshold": threshold, "rows": len(rows),
                            "candidates": len(candidates)})
    return run


ROUTES = (ScreeningCandidate.Route.VETTING_REVIEW, ScreeningCandidate.Route.CONDUCT)


def screening_candidate_decide(*, candidate: ScreeningCandidate, decision: str, reason: str, user: User,
                               route: str = "") -> ScreeningCandidate:
    """Confirm or reject a candidate, with a reason (required). A confirmed match opens a vetting
    review (trigger: screening match) or an internal report for conduct assessment."""
    actor = _require(user, candidate.force, "decide screening matches")
    errors: dict[str, str] = {}
    reason = (reason or "").strip()
    if decision not in ("confirm", "reject"):
        errors["decision"] = "Choose whether the records are the same person"
    if not reason:
        errors["reason"] = "Enter the reason for your decision"
    elif len(reason) > 4000 or "\x00" in reason:
        errors["reason"] = "The reason must be 4,000 characters or fewer, with no special characters"
    if decision == "confirm":
        if route not in ROUTES:
            errors["route"] = "Choose what happens next: a vetting review or a conduct assessment"
        elif candidate.person is None:
            errors["route"] = ("The workforce record matches no officer or member of staff in Candour: "
                               "add them first, then confirm")
    if candidate.status != ScreeningCandidate.Status.PENDING:
        errors["decision"] = f"This candidate was already {candidate.get_status_display().lower()}"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = ScreeningCandidate.objects.select_for_update(of=("self",)).select_related(
            "run", "officer", "staff_member", "force").get(pk=candidate.pk)
        if locked.status != ScreeningCandidate.Status.PENDING:
            raise ValidationError({"decision": "This candidate was decided by someone else: nothing was saved"})
        locked.status = (ScreeningCandidate.Status.CONFIRMED if decision == "confirm"
                         else ScreeningCandidate.Status.REJECTED)
        locked.decision_reason = reason
        locked.decided_by_name = actor.name[:150]
        locked.decided_at = timezone.now()
        locked.route = route if decision == "confirm" else ""
        after: dict[str, Any] = {"decision": decision, "route": locked.route,
                                 "match_probability": locked.match_probability}
        if decision == "confirm":
            person = locked.officer or locked.staff_member
            assert person is not None
            summary = (f"Screening match confirmed ({locked.run.name}): workforce record {locked.workforce_id} "
                       f"and extract record {locked.extract_id}, match probability "
                       f"{locked.match_probability:.1%}. Reviewer's reason: {reason}")
            if route == ScreeningCandidate.Route.VETTING_REVIEW:
                review = vetting_review_open(person=person, trigger="screening_match", reason=summary, actor=actor,
                                             user=user, by_rule=True)
                locked.review = review
                after["review"] = str(review.uuid)
            else:
                locked.report = _conduct_report(locked, person, summary, user)
                after["report"] = locked.report.reference
        locked.save()
        audit_record(actor=actor, action=AuditVerb.SCREENING_CANDIDATE_DECIDED,
                     on=locked, before={"status": "pending"}, after=after)
    return locked


def _conduct_report(candidate: ScreeningCandidate, person: Officer | StaffMember, summary: str, user: User) -> Any:
    """An internal report about a colleague, for the assessors' triage (the existing door)."""
    number = person.warrant_number if isinstance(person, Officer) else person.staff_number
    submitted = report_submit(
        force=candidate.force, channel="internal", actor=Actor.of(user), reporter=user,
        submission_key=f"screening-{candidate.uuid.hex}"[:64],
        data=ReportInput(kind="colleague", what_happened=summary[:5000], person_name=person.full_name[:200],
                         person_number=number))
    return submitted.report


def screening_view_record(*, user: User, what: str, object_id: str) -> None:
    """Audit a view of the queue or of a candidate (restricted intelligence)."""
    actor = Actor.of(user)

    if user.force_id is None:
        raise PermissionDenied("Only a member of a force may view screening results")
    force = Force.objects.only("code").get(pk=user.force_id)
    with transaction.atomic():
        audit_record(actor=actor, action=AuditVerb.SCREENING_VIEWED, object_type=what, object_id=object_id,
                     chain=force.code)


def screening_candidate_anonymise(*, candidate: ScreeningCandidate, actor: Actor, marker: str, why: str,
                                  today: date) -> int:
    """The end of a decided match's retention (``candour.privacy``): the two compared records,
    the compared values, the extract's id, the explanation, the reason and the decider's name
    go; the decision, its date, the route, the scores and each comparison's level and weight
    stay. A pending match is refused (live work). Returns how many values went (0 when done)."""
    with transaction.atomic():
        locked = ScreeningCandidate.objects.select_for_update().get(pk=candidate.pk)
        if locked.anonymised_on is not None:
            return 0
        if locked.status == ScreeningCandidate.Status.PENDING:
            raise ValidationError({"candidate": "A match waiting for a decision is never anonymised"})
        changed = anonymise_fields(locked, marker=marker, text=("explanation", "decision_reason", "decided_by_name"))
        for name in ("workforce_record", "extract_record"):
            if getattr(locked, name):
                setattr(locked, name, {})
                changed.append(name)
        locked.parts = without_values(locked.parts, keep=("comparison", "level", "weight"))
        locked.extract_id = f"{marker} {locked.pk}"[:100]  # unique within the run, identifies nobody
        changed += ["parts", "extract_id"]
        locked.anonymised_on = today
        locked.save(update_fields=[*changed, "anonymised_on", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.RECORD_ANONYMISED, on=locked,
                     after={"why": why, "values_replaced": len(changed)})
    candidate.anonymised_on = today
    return len(changed)
