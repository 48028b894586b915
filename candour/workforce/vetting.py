"""Write side for vetting: clearances, aftercare, reviews and 2025 withdrawal assessments.

Every service writes its change and its audit event in one transaction; the rules (renewal,
triggers, the order and clocks of a withdrawal assessment) come from
:mod:`candour.domain.vetting`. Bad input raises ``ValidationError`` (field -> message) and
changes nothing; a user without the role, or from another force, gets ``PermissionDenied``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from candour.accounts.models import User
from candour.accounts.services import actor_for
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.common.anonymise import anonymise_fields, anonymise_rows
from candour.common.errors import StaleEdit
from candour.common.validators import Refusals
from candour.domain import vetting as rules
from candour.domain.access import Action
from candour.people.models import Officer, ServiceStatus, StaffMember
from candour.workforce.lists import list_entry_from_rules
from candour.workforce.models import (
    VettingAftercare,
    VettingClearance,
    VettingReview,
    WithdrawalAssessment,
)

Person = Officer | StaffMember
HELD = (VettingClearance.Status.VALID, VettingClearance.Status.UNDER_WITHDRAWAL_ASSESSMENT)
TEXT_MAX = 8000


def _person_kwargs(person: Person) -> dict[str, Any]:
    return {"officer": person} if isinstance(person, Officer) else {"staff_member": person}


def held_clearance(person: Person) -> VettingClearance | None:
    """The person's current clearance (valid or under withdrawal assessment), highest first."""
    return (VettingClearance.objects.filter(**_person_kwargs(person), status__in=HELD)
            .order_by("-granted_on", "-id").first())


# -- clearances --------------------------------------------------------------------------------


def vetting_clearance_record(*, person: Person, level: str, granted_on: date, decision: str, user: User,
                             conditions: str = "", rationale: str = "", today: date | None = None) -> VettingClearance:
    """Record a clearance decision: granted, granted with conditions (conditions and a full
    rationale required) or declined (a full rationale required); renewal from the level's rule."""
    actor = actor_for(user, person.force_id, Action.VETTING_MANAGE, "record vetting clearances")
    today = today or timezone.localdate()
    errors = Refusals()
    if level not in [x.value for x in rules.Level]:
        errors["level"] = "Choose the vetting level"
    if decision not in VettingClearance.Decision.values:
        errors["decision"] = "Choose the decision"
    if granted_on > today:
        errors["granted_on"] = "The date of the decision must be today or in the past"
    conditions = errors.text("conditions", conditions, label="the conditions",
                             limit=TEXT_MAX, required=decision == VettingClearance.Decision.GRANTED_WITH_CONDITIONS)
    rationale = errors.text("rationale", rationale, label="the rationale", limit=TEXT_MAX,
                            missing="Enter the full rationale: the Vetting Code of Practice 2023 requires it when "
                                    "clearance is granted with conditions or declined",
                            required=decision != VettingClearance.Decision.GRANTED)
    errors.raise_if_any()
    renewal = rules.renewal_due(level=level, granted_on=granted_on)
    status = (VettingClearance.Status.DECLINED if decision == VettingClearance.Decision.DECLINED
              else VettingClearance.Status.VALID)
    with transaction.atomic():
        earlier = list(VettingClearance.objects.select_for_update().filter(
            **_person_kwargs(person), level=level, status=VettingClearance.Status.VALID, granted_on__lt=granted_on))
        clearance = VettingClearance.objects.create(
            force_id=person.force_id, **_person_kwargs(person), level=level, decision=decision,
            granted_on=granted_on, renewal_due_on=renewal.due, renewal_reason=renewal.reason, status=status,
            conditions=conditions, rationale=rationale, created_by=user)
        audit_record(actor=actor, action=AuditVerb.VETTING_CLEARANCE_RECORDED, on=clearance,
                     after={"person": str(person.uuid), "level": level, "decision": decision,
                            "granted_on": granted_on, "renewal_due_on": renewal.due,
                            "renewal_confirmed": renewal.confirmed, "conditions": bool(conditions)})
        if status == VettingClearance.Status.VALID:
            for old in earlier:  # renewed: the earlier grant of the same level has run its course
                _status_change(old, VettingClearance.Status.EXPIRED, actor,
                               f"renewed by the {level} clearance of {granted_on:%d %B %Y}")
    return clearance


def _status_change(clearance: VettingClearance, status: str, actor: Actor, why: str) -> None:
    before = clearance.status
    clearance.status = status
    clearance.version += 1
    clearance.save(update_fields=["status", "version", "updated_at"])
    audit_record(actor=actor, action=AuditVerb.VETTING_CLEARANCE_STATUS_CHANGED, on=clearance,
                 before={"status": before},
                 after={"status": status, "why": why})


def vetting_clearances_lapse_leavers(*, force_id: int, actor: Actor, today: date) -> int:
    """Mark *lapsed on leaving* every held clearance of someone who has left (SI 2025/502 reg 6).
    Idempotent; run nightly (``candour vetting lapse``). Returns how many changed."""
    changed = 0
    held = VettingClearance.objects.filter(force_id=force_id, status=VettingClearance.Status.VALID)
    for clearance in held.select_related("officer", "staff_member"):
        ruling = rules.clearance_lapses(left_on=clearance.person.left_on, today=today)
        if ruling.allowed:
            with transaction.atomic():
                locked = VettingClearance.objects.select_for_update().get(pk=clearance.pk)
                if locked.status == VettingClearance.Status.VALID:
                    _status_change(locked, VettingClearance.Status.LAPSED_ON_LEAVING, actor,
                                   f"{ruling.reasons[0]} ({ruling.basis})")
                    changed += 1
    return changed


def vetting_aftercare_record(*, clearance: VettingClearance, kind: str, occurred_on: date, notes: str, user: User,
                             open_review: bool = False, today: date | None = None) -> VettingAftercare:
    """An annual integrity review or a notified change of circumstances (SI 2025/502 reg 5); a
    change may open a review at once."""
    actor = actor_for(user, clearance.force_id, Action.VETTING_MANAGE, "record vetting aftercare")
    today = today or timezone.localdate()
    errors = Refusals()
    if kind not in VettingAftercare.Kind.values:
        errors["kind"] = "Choose what kind of aftercare this is"
    if occurred_on > today:
        errors["occurred_on"] = "The date must be today or in the past"
    notes = errors.text("notes", notes, label="what was reviewed or notified", limit=TEXT_MAX)
    errors.raise_if_any()
    with transaction.atomic():
        entry = VettingAftercare.objects.create(clearance=clearance, kind=kind, occurred_on=occurred_on,
                                                notes=notes, recorded_by=user)
        if kind == VettingAftercare.Kind.ANNUAL_REVIEW:
            VettingClearance.objects.filter(pk=clearance.pk).update(last_review_on=occurred_on,
                                                                    version=F("version") + 1)
        audit_record(actor=actor, action=AuditVerb.VETTING_AFTERCARE_RECORDED,
                     on=clearance, after={"kind": kind, "occurred_on": occurred_on, "review_opened": open_review})
        if open_review and kind == VettingAftercare.Kind.CHANGE_OF_CIRCUMSTANCES:
            vetting_review_open(person=clearance.person, trigger=rules.Trigger.CHANGE_OF_CIRCUMSTANCES,
                                reason=notes, actor=actor, user=user, opened_on=occurred_on, clearance=clearance)
    return entry


# -- reviews -----------------------------------------------------------------------------------


def vetting_review_open(*, person: Person, trigger: str, reason: str, actor: Actor, user: User | None,
                        opened_on: date | None = None, clearance: VettingClearance | None = None,
                        case_id: int | None = None, by_rule: bool = False) -> VettingReview:
    """Open a vetting review of ``person`` because of ``trigger``.

    Other code calls this when an event requires a review (``by_rule=True``: a misconduct
    outcome short of dismissal, a conviction, a confirmed screening match); then ``user`` may
    be anyone of the person's force, or None for the system. Otherwise ``user`` must be a
    vetting officer of the person's force. Runs inside the caller's transaction if there is one.
    """
    if by_rule:
        if user is not None and user.force_id != person.force_id:
            raise PermissionDenied("You can only open reviews in your own force")
    else:
        actor = actor_for(user, person.force_id, Action.VETTING_MANAGE, "open vetting reviews")
    errors = Refusals()
    if trigger not in [t.value for t in rules.Trigger]:
        errors["trigger"] = "Choose what triggered the review"
    reason = errors.text("reason", reason, label="the reason for the review", limit=TEXT_MAX)
    if clearance is not None and clearance.force_id != person.force_id:
        errors["clearance"] = "The clearance belongs to another force"
    errors.raise_if_any()
    why, basis = rules.trigger_reason(trigger)
    clearance = clearance or held_clearance(person)
    with transaction.atomic():
        review = VettingReview.objects.create(
            force_id=person.force_id, **_person_kwargs(person), clearance=clearance, trigger=trigger,
            reason=reason, basis=f"{why} ({basis})", opened_on=opened_on or timezone.localdate(),
            opened_by_name=actor.name[:150], case_id=case_id)
        audit_record(actor=actor, action=AuditVerb.VETTING_REVIEW_OPENED, on=review,
                     after={"person": str(person.uuid), "trigger": trigger, "by_rule": by_rule,
                            "clearance": str(clearance.uuid) if clearance else None, "case": case_id})
    return review


def vetting_review_on_finding(*, subject: Any, finding: str, outcome: str, outcome_on: date, actor: Actor,
                              user: User | None, case_id: int) -> VettingReview | None:
    """The Vetting Code 2023 hook: misconduct proven and the proceedings did not end in dismissal,
    against an officer who holds a clearance -> a review, in the caller's transaction."""
    person = subject.officer or subject.staff_member
    if person is None or held_clearance(person) is None:
        return None
    ruling = rules.finding_calls_for_review(finding=finding, outcome=outcome)
    if not ruling.allowed:
        return None
    outcome_label = outcome.replace("_", " ")
    return vetting_review_open(person=person, trigger=rules.Trigger.MISCONDUCT_OUTCOME,
                               reason=f"Finding of {finding.replace('_', ' ')} with outcome {outcome_label} "
                                      f"on {outcome_on:%d %B %Y}: {ruling.reasons[0]}",
                               actor=actor, user=user, opened_on=outcome_on, case_id=case_id, by_rule=True)


def vetting_review_on_conviction(*, person: Person, convicted_on: date, description: str, actor: Actor,
                                 user: User | None, case_id: int | None = None) -> VettingReview:
    """A conviction or caution of a serving officer or staff member: always reviewed, with a
    presumption of refusal (Vetting Code 2023). The conviction register calls this."""
    return vetting_review_open(person=person, trigger=rules.Trigger.CONVICTION,
                               reason=f"Conviction or caution on {convicted_on:%d %B %Y}: {description}",
                               actor=actor, user=user, opened_on=convicted_on, case_id=case_id, by_rule=True)


def vetting_review_decide(*, review: VettingReview, outcome: str, rationale: str, user: User,
                          expected_version: int | None = None, conditions: str = "",
                          decided_on: date | None = None, today: date | None = None) -> VettingReview:
    """Close a review: clearance maintained, maintained with conditions, or a withdrawal
    assessment started (refused before 14 May 2025)."""
    actor = actor_for(user, review.force_id, Action.VETTING_MANAGE, "decide vetting reviews")
    today = today or timezone.localdate()
    decided_on = decided_on or today
    errors = Refusals()
    if outcome not in [o.value for o in rules.ReviewOutcome]:
        errors["outcome"] = "Choose the outcome of the review"
    rationale = errors.text("rationale", rationale, label="the rationale for the outcome", limit=TEXT_MAX)
    conditions = errors.text("conditions", conditions, label="the conditions", limit=TEXT_MAX,
                             required=outcome == rules.ReviewOutcome.MAINTAINED_WITH_CONDITIONS)
    if decided_on > today:
        errors["decided_on"] = "The date must be today or in the past"
    elif decided_on < review.opened_on:
        errors["decided_on"] = f"The date cannot be before the review was opened ({review.opened_on:%d %B %Y})"
    # The clearance the outcome is about: the one the review was opened on while it is held, else
    # the person's current one (granted since). None held: nothing to maintain, condition or withdraw.
    clearance = review.clearance if review.clearance is not None and review.clearance.status in HELD \
        else held_clearance(review.person)
    if review.status != VettingReview.Status.OPEN:
        errors["outcome"] = "This review is already decided"
    elif clearance is None:
        errors["outcome"] = (f"{review.person.full_name} holds no vetting clearance, so there is none to maintain, "
                             "attach conditions to or withdraw. Record their clearance decision first (granted, "
                             "granted with conditions or declined), then decide this review")
    if outcome == rules.ReviewOutcome.WITHDRAWAL_ASSESSMENT and "outcome" not in errors:
        ruling = rules.withdrawal_may_start(on=decided_on)
        if not ruling.allowed:
            errors["outcome"] = ruling.reasons[0]
    errors.raise_if_any()
    with transaction.atomic():
        locked = VettingReview.objects.select_for_update().get(pk=review.pk)
        if expected_version is not None and locked.version != expected_version:
            raise StaleEdit("This review was changed by someone else since you opened it. Nothing was saved: "
                            "reload it and try again.")
        locked.status = VettingReview.Status.DECIDED
        locked.outcome = outcome
        locked.outcome_rationale = rationale
        locked.conditions = conditions
        locked.decided_on = decided_on
        locked.clearance = clearance
        locked.version += 1
        locked.save()
        if outcome == rules.ReviewOutcome.MAINTAINED_WITH_CONDITIONS and locked.clearance is not None:
            VettingClearance.objects.filter(pk=locked.clearance.pk).update(
                conditions=conditions, rationale=rationale, decision=VettingClearance.Decision.GRANTED_WITH_CONDITIONS,
                version=F("version") + 1)
        audit_record(actor=actor, action=AuditVerb.VETTING_REVIEW_DECIDED,
                     on=locked, before={"status": "open"}, after={"outcome": outcome, "decided_on": decided_on})
        if outcome == rules.ReviewOutcome.WITHDRAWAL_ASSESSMENT and locked.clearance is not None:
            withdrawal_assessment_start(clearance=locked.clearance, reason=rationale, started_on=decided_on,
                                        user=user, review=locked, today=today)
    return locked


# -- withdrawal assessments (SI 2025/502 Part 3) -----------------------------------------------


def withdrawal_assessment_start(*, clearance: VettingClearance, reason: str, started_on: date, user: User,
                                review: VettingReview | None = None,
                                today: date | None = None) -> WithdrawalAssessment:
    """Start a withdrawal assessment: only on or after 14 May 2025 (Di Maria), only for a held
    clearance with no assessment already open."""
    actor = actor_for(user, clearance.force_id, Action.VETTING_MANAGE, "start withdrawal assessments")
    today = today or timezone.localdate()
    errors = Refusals()
    reason = errors.text("reason", reason, label="the reason", limit=TEXT_MAX,
                         missing="Enter why the clearance is being assessed for withdrawal")
    if started_on > today:
        errors["started_on"] = "The date must be today or in the past"
    ruling = rules.withdrawal_may_start(on=started_on)
    if not ruling.allowed:
        errors["started_on"] = ruling.reasons[0]
    if clearance.status != VettingClearance.Status.VALID:
        errors["clearance"] = (f"The clearance is {clearance.get_status_display().lower()}: only a valid clearance "
                               "can be assessed for withdrawal")
    errors.raise_if_any()
    with transaction.atomic():
        locked = VettingClearance.objects.select_for_update().get(pk=clearance.pk)
        if locked.status != VettingClearance.Status.VALID:
            raise ValidationError({"clearance": "The clearance is already under assessment or no longer held"})
        assessment = WithdrawalAssessment.objects.create(force_id=locked.force_id, clearance=locked, review=review,
                                                         started_on=started_on, reason=reason)
        locked.status = VettingClearance.Status.UNDER_WITHDRAWAL_ASSESSMENT
        locked.version += 1
        locked.save(update_fields=["status", "version", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.WITHDRAWAL_ASSESSMENT_STARTED, on=assessment,
                     before={"clearance_status": "valid"},
                     after={"clearance": str(locked.uuid), "started_on": started_on,
                            "review": str(review.uuid) if review else None, "basis": ruling.basis})
    return assessment


APPEAL_RESULTS = ("upheld", "allowed")


def withdrawal_step_record(*, assessment: WithdrawalAssessment, step: str, on: date, user: User,
                           expected_version: int | None = None, text: str = "", decision: str = "",
                           result: str = "", today: date | None = None) -> WithdrawalAssessment:
    """Record one step of a withdrawal assessment, in the order the rules allow.

    ``text`` is the representations' summary or the decision's rationale; ``decision`` is
    ``maintain`` or ``withdraw``; ``result`` an appeal's ``upheld`` or ``allowed``. A decision to
    withdraw withdraws the clearance; dismissal marks the officer dismissed and, when the rules
    configuration says so, records the barred-list entry.
    """
    actor = actor_for(user, assessment.force_id, Action.VETTING_MANAGE, "record withdrawal assessment steps")
    today = today or timezone.localdate()
    errors = Refusals()
    if step not in [s.value for s in rules.Step]:
        raise ValidationError({"step": "No such step"})
    if on > today:
        errors["on"] = "The date must be today or in the past"
    if step == rules.Step.REPRESENTATIONS:
        text = errors.text("text", text, label="the summary", missing="Summarise the officer's representations",
                           limit=TEXT_MAX)
    if step == rules.Step.DECISION:
        if decision not in ("maintain", "withdraw"):
            errors["decision"] = "Choose whether to maintain or withdraw the clearance"
        text = errors.text("text", text, label="the rationale", limit=TEXT_MAX,
                           missing="Enter the full rationale for the decision (Vetting Code of Practice 2023)")
    if step in (rules.Step.APPEAL_RESULT, rules.Step.PAT_RESULT) and result not in APPEAL_RESULTS:
        errors["result"] = "Choose the result of the appeal"
    errors.raise_if_any()
    with transaction.atomic():
        locked = WithdrawalAssessment.objects.select_for_update().select_related("clearance").get(pk=assessment.pk)
        if expected_version is not None and locked.version != expected_version:
            raise StaleEdit("This assessment was changed by someone else since you opened it. Nothing was saved: "
                            "reload it and try again.")
        ruling = rules.step_check(step, locked.facts(), on=on)
        if not ruling.allowed:
            raise ValidationError({"on": list(ruling.reasons)})
        clearance = locked.clearance
        before = {"stage": rules.stage(locked.facts()), "clearance_status": clearance.status}
        after: dict[str, Any] = {"step": step, "on": on}
        if step == rules.Step.NOTICE:
            locked.notice_on = on
            clock = rules.representations_due(notice_on=on)
            locked.representations_due_on = clock.due
            after["representations_due_on"] = clock.due
            after["confirmed"] = clock.confirmed
        elif step == rules.Step.REPRESENTATIONS:
            locked.representations_on = on
            locked.representations_summary = text
        elif step == rules.Step.DECISION:
            locked.decision = decision
            locked.decision_rationale = text
            locked.decided_on = on
            clearance.status = (VettingClearance.Status.WITHDRAWN if decision == "withdraw"
                                else VettingClearance.Status.VALID)
            if decision == "withdraw":
                clearance.rationale = text
            after["decision"] = decision
        elif step == rules.Step.DISMISSAL:
            locked.dismissed_on = on
            _dismiss(clearance, on)
            if clearance.officer is not None:
                entry = list_entry_from_rules(officer=clearance.officer, case_id=None, actor=actor, user=user,
                                              event_on=on, received_on=locked.started_on,
                                              dismissed_for="vetting_withdrawal")
                locked.list_entry = entry
                after["list_entry"] = entry.kind if entry else None
        elif step == rules.Step.APPEAL_LODGED:
            locked.appeal_lodged_on = on
        elif step == rules.Step.APPEAL_RESULT:
            locked.appeal_result = result
            locked.appeal_result_on = on
            after["result"] = result
            if result == "allowed":
                _reinstate(clearance)
        elif step == rules.Step.PAT_LODGED:
            locked.pat_lodged_on = on
        elif step == rules.Step.PAT_RESULT:
            locked.pat_result = result
            locked.pat_result_on = on
            after["result"] = result
            if result == "allowed":
                _reinstate(clearance)
        locked.version += 1
        locked.save()
        clearance.version += 1
        clearance.save()
        after["clearance_status"] = clearance.status
        audit_record(actor=actor, action=AuditVerb.WITHDRAWAL_STEP_RECORDED, on=locked, before=before, after=after)
    return locked


def _dismiss(clearance: VettingClearance, on: date) -> None:
    """Dismissal without notice after withdrawal (SI 2025/502 Part 3): the person leaves service."""
    person = clearance.person
    type(person).objects.filter(pk=person.pk).update(status=ServiceStatus.DISMISSED, left_on=on)


def _reinstate(clearance: VettingClearance) -> None:
    """An appeal allowed: the withdrawal and the dismissal are overturned."""
    clearance.status = VettingClearance.Status.VALID
    person = clearance.person
    type(person).objects.filter(pk=person.pk).update(status=ServiceStatus.SERVING, left_on=None)


# -- the end of retention (candour.privacy; docs/data-protection.md) ---------------------------


def vetting_clearance_anonymise(*, clearance: VettingClearance, actor: Actor, marker: str, why: str,
                                today: date) -> int:
    """Replace the rationale, conditions and notes of a granted clearance, of its aftercare,
    reviews and withdrawal assessments, with ``marker``; the levels, decisions, statuses and
    dates stay. A refusal is kept whole (Police (Vetting) Regulations 2025 reg 7) and refused
    here; so is a clearance with a review or withdrawal assessment still open. Returns how many
    values were replaced (0 when done already)."""
    with transaction.atomic():
        locked = VettingClearance.objects.select_for_update().get(pk=clearance.pk)
        if locked.anonymised_on is not None:
            return 0
        if locked.decision == VettingClearance.Decision.DECLINED:
            raise ValidationError({"clearance": "A vetting refusal is kept (the vetting_refusal rule)"})
        if locked.reviews.filter(status=VettingReview.Status.OPEN).exists() \
                or locked.withdrawal_assessments.filter(decision="").exists():
            raise ValidationError({"clearance": "A review or withdrawal assessment of this clearance is open"})
        changed = anonymise_fields(locked, marker=marker, text=("rationale", "conditions"))
        replaced = len(changed)
        replaced += anonymise_rows(locked.aftercare.order_by("pk"), marker=marker, text=("notes",))
        replaced += anonymise_rows(locked.reviews.order_by("pk"), marker=marker,
                                   text=("reason", "basis", "outcome_rationale", "conditions", "opened_by_name"))
        replaced += anonymise_rows(locked.withdrawal_assessments.order_by("pk"), marker=marker,
                                   text=("reason", "representations_summary", "decision_rationale"))
        locked.anonymised_on = today
        locked.save(update_fields=[*changed, "anonymised_on", "updated_at"])
        VettingClearance.objects.filter(pk=locked.pk).update(version=F("version") + 1)
        audit_record(actor=actor, action=AuditVerb.RECORD_ANONYMISED, on=locked,
                     after={"why": why, "values_replaced": replaced})
    clearance.anonymised_on = today
    return replaced
