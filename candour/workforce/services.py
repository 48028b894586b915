"""Write side of the workforce integrity registers. One service per state change, each checking
the role and the force, refusing bad input with a reason per field (nothing written), and
writing its audit event in the same transaction. (The barred and advisory lists are in
:mod:`candour.workforce.lists`, vetting in :mod:`candour.workforce.vetting`.)"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from candour.accounts.models import User
from candour.accounts.services import actor_for
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.common.errors import StaleEdit
from candour.common.validators import Refusals
from candour.domain import integrity
from candour.domain.access import Action
from candour.people.models import Officer, ServiceStatus
from candour.workforce.models import (
    Conviction,
    SuspensionEpisode,
    SuspensionRepresentation,
    SuspensionReview,
)
from candour.workforce.vetting import vetting_review_on_conviction


class CaseLink(Protocol):
    """The case a suspension or a conviction is linked to. Cases sit above workforce in the
    layers (a case's outcome writes the lists through these services), so this module names
    only what it reads of one."""

    pk: Any
    force_id: int
    reference: str


# -- suspensions and restricted duties (Conduct Regs reg 11; regulations.md §6) --------------

def _check_version(episode: SuspensionEpisode, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != episode.version:
        raise StaleEdit({"__all__": "Someone else changed this episode since you opened it: "
                                     "check it again before saving"})


def _open(episode: SuspensionEpisode, what: str) -> None:
    if episode.ended_on is not None:
        raise ValidationError({"__all__": f"This episode ended on {episode.ended_on:%-d %B %Y}: you "
                                          f"cannot {what}"})


def _episode_audit(episode: SuspensionEpisode) -> dict[str, object]:
    return {"officer": str(episode.officer.uuid), "kind": episode.kind, "started_on": episode.started_on,
            "next_review_on": episode.next_review_on, "confirmation_due_on": episode.confirmation_due_on,
            "ended_on": episode.ended_on, "version": episode.version}


def suspension_start(*, officer: Officer, user: User, kind: str, started_on: date, reasons: str,
                     redeployment_considered: bool = False, redeployment_not_appropriate_because: str = "",
                     ground: str = "", notified: str = "written", case: CaseLink | None = None) -> SuspensionEpisode:
    """Start a suspension or a spell of restricted duties for ``officer``.

    Suspension needs both reg 11 conditions on record: redeployment considered and why it is not
    appropriate, then either the investigation-prejudice or the public-interest test. An oral
    suspension starts the written-confirmation clock; every suspension starts the review cycle.
    Refused (nothing written) when the officer already has an open episode."""
    actor = actor_for(user, officer.force_id, Action.SUSPENSION_MANAGE, "suspend an officer or restrict their duties")
    today = timezone.localdate()
    errors = Refusals()
    if kind not in SuspensionEpisode.Kind.values:
        errors["kind"] = "Choose suspension or restricted duties"
    reasons = errors.text("reasons", reasons, label="the reasons")
    because = redeployment_not_appropriate_because.strip()
    if kind == SuspensionEpisode.Kind.SUSPENSION:
        if not redeployment_considered:
            errors["redeployment_considered"] = ("Confirm that temporary redeployment to alternative duties or "
                                                 "another location was considered first (reg 11(2)(a))")
        errors.text("redeployment_not_appropriate_because", because, label="why redeployment is not appropriate")
        if ground not in ("investigation_prejudice", "public_interest"):
            errors["ground"] = ("Choose the reg 11(2)(b) test that is met: the investigation may be prejudiced, or "
                                "the public interest requires suspension")
        if notified not in SuspensionEpisode.Notified.values:
            errors["notified"] = "Choose how the officer was told: in writing or orally"
    else:
        ground, notified = "", SuspensionEpisode.Notified.WRITTEN
    errors.between("started_on", started_on, label="The start date",
                   earliest=officer.joined_on, what="the officer joined", today=today)
    if officer.status in ("resigned", "retired", "dismissed"):
        errors["__all__"] = f"{officer.full_name} has left the force ({officer.get_status_display().lower()})"
    if case is not None and case.force_id != officer.force_id:
        errors["case"] = "The case must be one of your force's cases"
    open_episode = SuspensionEpisode.objects.filter(officer=officer, ended_on__isnull=True).first()
    if open_episode is not None:
        errors["__all__"] = (f"{officer.full_name} is already on {open_episode.get_kind_display().lower()} since "
                             f"{open_episode.started_on:%-d %B %Y}: end that episode first")
    errors.raise_if_any()
    is_suspension = kind == SuspensionEpisode.Kind.SUSPENSION
    with transaction.atomic():
        locked = Officer.objects.select_for_update().get(pk=officer.pk)
        if SuspensionEpisode.objects.filter(officer=locked, ended_on__isnull=True).exists():
            raise ValidationError({"__all__": f"{officer.full_name} already has an open episode: end it first"})
        episode = SuspensionEpisode.objects.create(
            force_id=locked.force_id, officer=locked, kind=kind, case_id=case.pk if case else None,
            started_on=started_on,
            redeployment_considered=bool(redeployment_considered) if is_suspension else False,
            redeployment_not_appropriate_because=because if is_suspension else "", ground=ground,
            reasons=reasons, notified=notified, created_by=user,
            confirmation_due_on=(integrity.suspension_confirmation_due(started_on).due
                                 if is_suspension and notified == "oral" else None),
            next_review_on=integrity.suspension_next_review(started_on).due if is_suspension else None)
        if is_suspension and locked.status == ServiceStatus.SERVING:
            locked.status = ServiceStatus.SUSPENDED
            locked.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.SUSPENSION_STARTED, on=episode,
                     after={**_episode_audit(episode), "ground": ground, "notified": notified,
                            "case": case.reference if case else None})
    return episode


def suspension_review_record(*, episode: SuspensionEpisode, user: User, reasons: str,
                             reviewed_on: date | None = None, expected_version: int | None = None) -> SuspensionReview:
    """Record a review of an open episode, with its reasons; the next review is recomputed from it."""
    actor = actor_for(user, episode.force_id, Action.SUSPENSION_MANAGE, "review a suspension")
    today = timezone.localdate()
    reviewed_on = reviewed_on or today
    _check_version(episode, expected_version)
    _open(episode, "review it")
    errors = Refusals()
    reasons = errors.text("reasons", reasons, label="the reasons for the review decision")
    last = episode.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first()
    if reviewed_on < episode.started_on:
        errors["reviewed_on"] = f"The review date must be on or after the start ({episode.started_on:%-d %B %Y})"
    elif last is not None and reviewed_on < last:
        errors["reviewed_on"] = f"The review date must be on or after the last review ({last:%-d %B %Y})"
    errors.not_future("reviewed_on", reviewed_on, label="The review date", today=today)
    errors.raise_if_any()
    with transaction.atomic():
        locked = SuspensionEpisode.objects.select_for_update().select_related("officer", "force").get(pk=episode.pk)
        _check_version(locked, expected_version)
        _open(locked, "review it")
        before = _episode_audit(locked)
        review = SuspensionReview.objects.create(episode=locked, reviewed_on=reviewed_on, reasons=reasons,
                                                 reviewed_by=user)
        if locked.kind == SuspensionEpisode.Kind.SUSPENSION:
            locked.next_review_on = integrity.suspension_next_review(locked.started_on, reviewed_on).due
        locked.version += 1
        locked.save(update_fields=["next_review_on", "version", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.SUSPENSION_REVIEWED, on=locked, before=before,
                     after={**_episode_audit(locked), "reviewed_on": reviewed_on})
    episode.refresh_from_db()
    return review


def suspension_confirmation_record(*, episode: SuspensionEpisode, user: User, sent_on: date | None = None,
                                   expected_version: int | None = None) -> SuspensionEpisode:
    """Record the written confirmation, with reasons, of an oral suspension."""
    actor = actor_for(user, episode.force_id, Action.SUSPENSION_MANAGE, "record a written confirmation")
    today = timezone.localdate()
    sent_on = sent_on or today
    _check_version(episode, expected_version)
    if episode.kind != SuspensionEpisode.Kind.SUSPENSION or episode.notified != SuspensionEpisode.Notified.ORAL:
        raise ValidationError({"__all__": "Only an oral suspension needs written confirmation"})
    if episode.confirmed_in_writing_on is not None:
        raise ValidationError({"__all__": f"The written confirmation was already recorded on "
                                          f"{episode.confirmed_in_writing_on:%-d %B %Y}"})
    errors = Refusals()
    errors.between("sent_on", sent_on, label="The date sent",
                   earliest=episode.started_on, what="the suspension", today=today)
    errors.raise_if_any()
    with transaction.atomic():
        locked = SuspensionEpisode.objects.select_for_update().select_related("officer", "force").get(pk=episode.pk)
        _check_version(locked, expected_version)
        if locked.confirmed_in_writing_on is not None:
            raise ValidationError({"__all__": "The written confirmation was already recorded"})
        before = _episode_audit(locked)
        locked.confirmed_in_writing_on = sent_on
        locked.version += 1
        locked.save(update_fields=["confirmed_in_writing_on", "version", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.SUSPENSION_CONFIRMED_IN_WRITING, on=locked, before=before,
                     after={**_episode_audit(locked), "confirmed_in_writing_on": sent_on,
                            "late": locked.confirmation_due_on is not None and sent_on > locked.confirmation_due_on})
    return locked


def suspension_representations_record(*, episode: SuspensionEpisode, user: User, made_by: str, summary: str,
                                      received_on: date | None = None) -> SuspensionRepresentation:
    """Record representations against the suspension by the officer or their police friend (reg 11(7))."""
    actor = actor_for(user, episode.force_id, Action.SUSPENSION_MANAGE, "record representations")
    today = timezone.localdate()
    received_on = received_on or today
    if episode.kind != SuspensionEpisode.Kind.SUSPENSION:
        raise ValidationError({"__all__": "Representations under reg 11(7) are made against a suspension"})
    _open(episode, "record representations against it")
    errors = Refusals()
    if made_by not in SuspensionRepresentation.MadeBy.values:
        errors["made_by"] = "Choose who made the representations"
    summary = errors.text("summary", summary, label="a summary of the representations")
    errors.between("received_on", received_on, label="The date received",
                   earliest=episode.started_on, what="the start", today=today)
    errors.raise_if_any()
    with transaction.atomic():
        locked = SuspensionEpisode.objects.select_for_update().select_related("force").get(pk=episode.pk)
        _open(locked, "record representations against it")
        made = SuspensionRepresentation.objects.create(episode=locked, received_on=received_on, made_by=made_by,
                                                       summary=summary, recorded_by=user)
        locked.version += 1
        locked.save(update_fields=["version", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.SUSPENSION_REPRESENTATIONS_RECORDED,
                     on=locked, after={"received_on": received_on, "made_by": made_by})
    return made


def suspension_end(*, episode: SuspensionEpisode, user: User, reason: str, ended_on: date | None = None,
                   expected_version: int | None = None) -> SuspensionEpisode:
    """End the episode, with the reason (for example: proceedings concluded, no referral to
    proceedings, redeployed instead); an ended suspension returns the officer to serving."""
    actor = actor_for(user, episode.force_id, Action.SUSPENSION_MANAGE, "end a suspension")
    today = timezone.localdate()
    ended_on = ended_on or today
    _check_version(episode, expected_version)
    _open(episode, "end it again")
    errors = Refusals()
    reason = errors.text("reason", reason, label="the reason it ended")
    errors.between("ended_on", ended_on, label="The end date",
                   earliest=episode.started_on, what="the start", today=today)
    errors.raise_if_any()
    with transaction.atomic():
        locked = SuspensionEpisode.objects.select_for_update().select_related("force").get(pk=episode.pk)
        _check_version(locked, expected_version)
        _open(locked, "end it again")
        before = _episode_audit(locked)
        locked.ended_on = ended_on
        locked.end_reason = reason
        locked.next_review_on = None
        locked.version += 1
        locked.save(update_fields=["ended_on", "end_reason", "next_review_on", "version", "updated_at"])
        officer = Officer.objects.select_for_update().get(pk=locked.officer_id)
        if locked.kind == SuspensionEpisode.Kind.SUSPENSION and officer.status == ServiceStatus.SUSPENDED:
            officer.status = ServiceStatus.SERVING
            officer.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.SUSPENSION_ENDED, on=locked, before=before,
                     after=_episode_audit(locked))
    return locked


# -- convictions, cautions and other notifiable matters (regulations.md §9) ------------------

def conviction_record(*, officer: Officer, user: User, offence: str, offence_on: date, disposal: str,
                      disposal_on: date, offence_class: str = "unknown", court: str = "", sentence: str = "",
                      classification: str = "", category: str = "", case: CaseLink | None = None,
                      came_to_attention_on: date | None = None) -> Conviction:
    """Record a conviction, caution, penalty notice or court condition with what the rules say.

    ``classification`` is the user's confirmed class; left blank, the domain's suggestion is
    used. Whether it was committed while serving and the age at the offence are derived from
    the officer's record; the policy view (trivial, presumption of refusal, deemed gross
    misconduct) from :func:`candour.domain.integrity.conviction_policy`."""
    actor = actor_for(user, officer.force_id, Action.CONVICTION_MANAGE, "record a conviction")
    today = timezone.localdate()
    errors = Refusals()
    offence = errors.text("offence", offence, label="the offence", limit=300)
    court = errors.text("court", court, label="the court", limit=200, required=False)
    sentence = errors.text("sentence", sentence, label="the sentence or other result", limit=300, required=False)
    if disposal not in Conviction.Disposal.values:
        errors["disposal"] = "Choose the disposal: conviction, caution, penalty notice, court condition or other"
    if offence_class not in Conviction.OffenceClass.values:
        errors["offence_class"] = "Choose the class of offence, or 'not known'"
    if classification and classification not in Conviction.Classification.values:
        errors["classification"] = "Choose a classification"
    errors.not_future("offence_on", offence_on, label="The date of the offence", today=today)
    if officer.date_of_birth and offence_on < officer.date_of_birth and "offence_on" not in errors:
        errors["offence_on"] = "The date of the offence must be after the officer's date of birth"
    if disposal_on < offence_on:
        errors["disposal_on"] = "The date of the disposal must be on or after the date of the offence"
    errors.not_future("disposal_on", disposal_on, label="The date of the disposal", today=today)
    if case is not None and case.force_id != officer.force_id:
        errors["case"] = "The case must be one of your force's cases"
    errors.raise_if_any()
    suggested = integrity.classify_offence(offence, category)
    chosen = classification or suggested.value
    serving = integrity.committed_while_serving(offence_on, officer.joined_on, officer.left_on)
    view = integrity.conviction_policy(disposal=disposal, offence_class=offence_class, classification=chosen,
                                       decided_on=disposal_on, while_serving=serving,
                                       came_to_attention_on=came_to_attention_on)
    with transaction.atomic():
        conviction = Conviction.objects.create(
            force_id=officer.force_id, officer=officer, offence=offence, offence_on=offence_on,
            offence_class=offence_class, disposal=disposal, disposal_on=disposal_on, court=court,
            sentence=sentence, classification=chosen, suggested_classification=suggested.value,
            while_serving=serving, age_at_offence=integrity.age_on(officer.date_of_birth, offence_on),
            policy=view.value, policy_reasons=integrity.policy_explained(view),
            vetting_review_needed=view.vetting_review, case_id=case.pk if case else None,
            created_by=user)
        audit_record(actor=actor, action=AuditVerb.CONVICTION_RECORDED, on=conviction,
                     after={"officer": str(officer.uuid), "disposal": disposal, "disposal_on": disposal_on,
                            "offence_class": offence_class, "classification": chosen,
                            "suggested_classification": suggested.value, "while_serving": serving,
                            "policy": view.value, "vetting_review_needed": view.vetting_review})
        conviction_follow_up(conviction=conviction, actor=actor, user=user)
    return conviction


def conviction_follow_up(*, conviction: Conviction, actor: Actor, user: User) -> bool:
    """What a recorded conviction sets off, inside :func:`conviction_record`'s transaction.

    When the policy view says the vetting unit must review the officer's clearance (the Vetting
    Code 2023 presumption of refusal, or deemed gross misconduct), a vetting review opens in the
    same transaction (docs/vetting.md), so the review opens with the conviction or neither is
    saved. Returns whether it did."""
    if not conviction.vetting_review_needed:
        return False
    vetting_review_on_conviction(person=conviction.officer, convicted_on=conviction.disposal_on,
                                 description=f"{conviction.offence} ({conviction.get_disposal_display().lower()})",
                                 actor=actor, user=user, case_id=conviction.case_id)
    return True
