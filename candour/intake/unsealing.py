"""Opening a sealed reporter's identity: the one lawful route, in three audited steps.

1. :func:`unseal_request`: a counter-corruption officer or an administrator of the report's
   force asks, with the reason (for example the court order that requires it).
2. :func:`unseal_approve`: a second person holding one of those roles approves. Never the
   person who asked (a database constraint says so too).
3. :func:`unseal_open`: the custodian opens it with the private key, which is never on the
   server: ``candour unseal open`` reads it from a file the custodian brings. Each request
   opens once.

:func:`sealed_identities_reseal` seals every identity again under a new key pair (rotation).
All of it runs from the command line (``candour unseal``), never from a page or the API.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from candour.accounts.models import Force, User
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.common.validators import Refusals
from candour.domain.access import Action, can
from candour.intake.models import Report, UnsealRequest
from candour.intake.sealing import SealError, seal, sealed_key_id, unseal


def _allowed(user: User, report: Report, what: str) -> Actor:
    if not user.is_active or user.force_id != report.force_id or not can(user.role_set(), Action.IDENTITY_UNSEAL):
        raise PermissionDenied(f"Only a counter-corruption officer or an administrator of {report.force} may {what}")
    return Actor.of(user)


def unseal_request(*, report: Report, user: User, reason: str) -> UnsealRequest:
    """Ask to open ``report``'s sealed reporter, with the reason."""
    actor = _allowed(user, report, "ask to open a sealed identity")
    errors = Refusals()
    reason = errors.text("reason", reason, label="the reason (for example, the court order that requires it)")
    if not report.reporter_sealed:
        errors["report"] = f"{report.reference} has no sealed reporter"
    errors.raise_if_any()
    with transaction.atomic():
        request = UnsealRequest.objects.create(report=report, requested_by=user, reason=reason)
        audit_record(actor=actor, action=AuditVerb.UNSEAL_REQUESTED, on=request,
                     after={"report": report.reference, "reason": reason})
    return request


def unseal_approve(*, request: UnsealRequest, user: User) -> UnsealRequest:
    """A second person approves the request."""
    actor = _allowed(user, request.report, "approve opening a sealed identity")
    if user.pk == request.requested_by_id:
        raise PermissionDenied("The person who asked cannot approve their own request: a second person must")
    with transaction.atomic():
        locked = UnsealRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != UnsealRequest.Status.REQUESTED:
            raise ValidationError({"request": f"This request is already {locked.get_status_display().lower()}"})
        locked.status = UnsealRequest.Status.APPROVED
        locked.approved_by = user
        locked.approved_at = timezone.now()
        locked.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.UNSEAL_APPROVED, on=locked,
                     after={"report": locked.report.reference, "requested_by": locked.requested_by_id})
    return locked


def unseal_open(*, request: UnsealRequest, private_key: str, custodian: str) -> dict[str, Any]:
    """Open an approved request's identity with the custodian's private key; once only."""
    with transaction.atomic():
        locked = UnsealRequest.objects.select_for_update().select_related("report__force").get(pk=request.pk)
        if locked.status != UnsealRequest.Status.APPROVED:
            raise ValidationError({"request": "Only an approved request can be opened"
                                   if locked.status == UnsealRequest.Status.REQUESTED
                                   else "This request was opened already: ask again"})
        try:
            identity = unseal(locked.report.reporter_sealed, private_key=private_key)
        except SealError as exc:
            raise ValidationError({"private_key": str(exc)}) from exc
        locked.status = UnsealRequest.Status.OPENED
        locked.opened_at = timezone.now()
        locked.save(update_fields=["status", "opened_at", "updated_at"])
        audit_record(actor=Actor(id=None, name=f"custodian: {custodian}"[:150], role="custodian"),
                     action=AuditVerb.IDENTITY_UNSEALED, on=locked,
                     after={"report": locked.report.reference, "approved_by": locked.approved_by_id})
    return identity


def sealed_identities_reseal(*, old_private_key: str, new_public_key: str, new_key_id: str,
                             custodian: str) -> int:
    """Seal every sealed identity again under a new key pair (rotation), all or none, with one
    audit event per force. Returns how many were sealed again; those already under
    ``new_key_id`` are left alone, so a rotation cut short can be run again."""
    actor = Actor(id=None, name=f"custodian: {custodian}"[:150], role="custodian")
    done: dict[int, int] = {}
    with transaction.atomic():
        for report in Report.objects.select_for_update().exclude(reporter_sealed=""):
            if sealed_key_id(report.reporter_sealed) == new_key_id:
                continue
            identity = unseal(report.reporter_sealed, private_key=old_private_key)
            Report.objects.filter(pk=report.pk).update(
                reporter_sealed=seal(identity, public_key=new_public_key, key_id=new_key_id))
            done[report.force_id] = done.get(report.force_id, 0) + 1
        for force in Force.objects.filter(pk__in=done):
            audit_record(actor=actor, action=AuditVerb.SEALED_IDENTITIES_RESEALED, on=force,
                         after={"sealed_again": done[force.pk], "key_id": new_key_id})
    return sum(done.values())
