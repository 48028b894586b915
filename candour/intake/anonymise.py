"""Write side for the end of a report's retention (called by ``candour.privacy``, never by a page).

* :func:`report_anonymise`: the report's names, contact details and free text replaced, its
  follow-ups, review applications and pre-triage updates too, its evidence files deleted, its
  tracking links ended and its sealed identity erased; the channel, kind, dates, status and the
  facts the rules were asked stay for the statistics.
* :func:`report_tracking_end`: the complainant's tracking links and codes stop working.
* :func:`report_sealed_identity_erase`: the sealed identity is emptied; nobody can open it again.
* :func:`evidence_orphans_remove`: uploads never attached to a sent report (``candour intake purge``).

Each is safe to run again: a second call finds nothing to do and writes nothing.
"""

from __future__ import annotations

import time
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.cases.anonymise import complainant_updates_anonymise
from candour.common.anonymise import anonymise_fields, anonymise_rows
from candour.intake.models import (
    EvidenceFile,
    FollowUp,
    Report,
    ReportStatus,
    ReviewRequest,
    TrackingCode,
    TrackingLink,
)
from candour.intake.storage import evidence_dir, evidence_path

REPORT_TEXT = ("what_happened", "incident_location", "person_name", "person_description", "contact_name",
               "triage_note")
REPORT_CLEAR = ("person_number", "contact_email", "contact_phone", "client_hash")


def _delete_files(names: list[str]) -> None:
    for name in names:
        evidence_path(name).unlink(missing_ok=True)


def _end_tracking(report: Report) -> int:
    links, _ = TrackingLink.objects.filter(report=report).delete()
    codes, _ = TrackingCode.objects.filter(report=report).delete()
    ended = links + codes + (1 if report.tracking_hash else 0)
    if report.tracking_hash:
        Report.objects.filter(pk=report.pk).update(tracking_hash="")
        report.tracking_hash = ""
    return ended


def report_anonymise(*, report: Report, actor: Actor, marker: str, why: str, today: date) -> int:
    """Replace the personal data of a triaged report and what hangs from it; returns how many
    values were replaced or removed (0 when it was anonymised already). A report waiting for
    triage is refused: it is live work."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.anonymised_on is not None:
            return 0
        if locked.status == ReportStatus.NEW:
            raise ValidationError({"report": f"{locked.reference} is waiting for triage: it is never anonymised"})
        changed = anonymise_fields(locked, marker=marker, text=REPORT_TEXT, clear=REPORT_CLEAR)
        replaced = len(changed)
        replaced += anonymise_rows(FollowUp.objects.filter(report=locked).order_by("pk"), marker=marker,
                                   text=("text", "signed_name"))
        replaced += anonymise_rows(ReviewRequest.objects.filter(report=locked).order_by("pk"), marker=marker,
                                   text=("reasons",))
        replaced += complainant_updates_anonymise(report_id=locked.pk, marker=marker)
        files = list(EvidenceFile.objects.filter(report=locked).exclude(original_name=marker).order_by("pk"))
        replaced += anonymise_rows(files, marker=marker, text=("original_name", "scan_detail"))
        stored = [f.stored_name for f in files]
        # The files go only once the anonymisation is committed: a rollback must not lose them.
        transaction.on_commit(lambda: _delete_files(stored))
        replaced += _end_tracking(locked)
        if locked.reporter_sealed:
            locked.reporter_sealed = ""
            locked.identity_erased_on = today
            changed += ["reporter_sealed", "identity_erased_on"]
            replaced += 1
        locked.anonymised_on = today
        locked.save(update_fields=[*changed, "anonymised_on", "updated_at"])
        Report.objects.filter(pk=locked.pk).update(version=F("version") + 1)
        audit_record(actor=actor, action=AuditVerb.RECORD_ANONYMISED, on=locked,
                     after={"why": why, "values_replaced": replaced, "evidence_files_deleted": len(stored)})
    report.anonymised_on = today
    return replaced


def report_tracking_end(*, report: Report, actor: Actor, why: str) -> int:
    """Make every tracking link and code of ``report`` stop working; returns how many were
    removed (0, and no event, when there were none)."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        ended = _end_tracking(locked)
        if ended:
            audit_record(actor=actor, action=AuditVerb.TRACKING_ENDED, on=locked, after={"why": why, "removed": ended})
    report.tracking_hash = ""
    return ended


def report_sealed_identity_erase(*, report: Report, actor: Actor, why: str, today: date) -> bool:
    """Empty the sealed identity of an internal report whose case is no longer live; returns
    whether there was one. It could be opened only with the custodian's key; now by nobody."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if not locked.reporter_sealed:
            return False
        if locked.status == ReportStatus.NEW:
            raise ValidationError({"report": f"{locked.reference} is waiting for triage: its identity is kept"})
        Report.objects.filter(pk=locked.pk).update(reporter_sealed="", identity_erased_on=today)
        audit_record(actor=actor, action=AuditVerb.SEALED_IDENTITY_ERASED, on=locked, after={"why": why})
    report.reporter_sealed, report.identity_erased_on = "", today
    return True


def evidence_orphans_remove(*, older_than_hours: int, dry_run: bool = False) -> int:
    """Delete uploads no sent report refers to, older than ``older_than_hours`` (never less than
    a session's lifetime: an upload waits in the sender's session until they send the report).
    Returns how many files were removed (with ``dry_run``, how many would be)."""
    alive = -(-settings.SESSION_COOKIE_AGE // 3600)
    if older_than_hours < alive:
        raise ValueError(f"uploads are kept at least {alive} hours: a session lives that long "
                         "(CANDOUR_SESSION_SECONDS), and its uploads are not abandoned before it ends")
    cutoff = time.time() - older_than_hours * 3600
    attached = set(EvidenceFile.objects.values_list("stored_name", flat=True))
    removed = 0
    for path in evidence_dir().iterdir():
        if path.is_file() and path.name not in attached and path.stat().st_mtime < cutoff:
            if not dry_run:
                path.unlink()
            removed += 1
    return removed
