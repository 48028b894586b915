"""The one door for a case's state: :func:`case_transition` and what each step records.

Only this module writes ``Case.state``. It checks the access matrix, the version the user saw
and :func:`candour.domain.casework.check_transition` (the lifecycle table, the roles that may
take the step and the rules' guards), then writes the step's own record (its *effect*: a
referral, the IOPC's decision, an appeal ...), the new state, a timeline entry and the audit
event in one transaction. The records kept outside a step live in :mod:`candour.cases.services`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from candour.accounts.models import User
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.cases.models import Appeal, Case, CriminalPause, Referral, Reopening, Review, Subject
from candour.cases.selectors import case_facts
from candour.cases.services import case_due_refresh, case_timeline_add
from candour.common.errors import StaleEdit
from candour.domain.access import Action, can
from candour.domain.assess import assess
from candour.domain.casework import check_transition
from candour.domain.deadlines import compute_deadline
from candour.domain.lifecycle import TRANSITIONS_BY_NAME, CaseState, CaseType
from candour.domain.proceedings import APPEAL_GROUNDS, appeal_rule, review_application
from candour.domain.steps import (
    AppealInputs,
    CloseInputs,
    ForumInputs,
    IopcDecisionInputs,
    NotificationInputs,
    ReferralInputs,
    ReopenInputs,
    ReviewApplicationInputs,
    StepInputs,
    WithdrawalInputs,
    inputs_for,
)

#: Steps a complainant may take themselves, from their tracking page: ask for a complaint
#: handled outside Schedule 3 to be recorded (PRA Sch 3 para 2(6A)(a)), and apply for a review.
COMPLAINANT_TRANSITIONS = frozenset({"record", "request_review"})


class TransitionRefused(ValidationError):
    """The step is not allowed now; ``reasons`` says why, each with the law it rests on."""

    def __init__(self, reasons: list[str] | tuple[str, ...]) -> None:
        super().__init__({"transition": list(reasons)})
        self.reasons = tuple(reasons)


def case_transition(*, case: Case, transition: str, user: User | None, expected_version: int,
                    reason: str = "", today: date | None = None,
                    extra: dict[str, Any] | None = None,
                    complainant: Actor | None = None,
                    inputs: StepInputs | Mapping[str, Any] | None = None) -> Case:
    """The one door for state changes.

    Checks, in order: the access matrix (force and role), the version the user saw, then
    :func:`candour.domain.casework.check_transition` (the lifecycle table, the roles that may
    take this step, and the rules' guards on the facts of the case). Then it writes the step's
    own record (a referral, the IOPC's decision, a reopening ...), the new state, a timeline
    entry and the audit event, all in one transaction.

    ``user`` is the member of staff making the change. A complainant acting from their tracking
    page has no account: they pass ``user=None`` and ``complainant=Actor(...)``, and may take
    only the steps in :data:`COMPLAINANT_TRANSITIONS`. ``inputs`` carries what the step needs: its
    record from :mod:`candour.domain.steps`, or a mapping of the same fields (see
    :func:`candour.domain.steps.inputs_for`); ``reason`` is recorded with it.
    """
    rule = TRANSITIONS_BY_NAME.get(transition)
    if rule is None:
        raise ValidationError({"transition": f"Unknown transition {transition!r}"})
    if user is None:
        if complainant is None or transition not in COMPLAINANT_TRANSITIONS \
                or case.case_type != CaseType.COMPLAINT:
            raise PermissionDenied("Only staff may change this case")
        actor = complainant
        roles = rule.roles
    else:
        if user.force_id != case.force_id or not can(user.role_set(), Action.CASE_TRANSITION):
            raise PermissionDenied("You do not have permission to change this case")
        actor = Actor.of(user)
        roles = user.role_set()
    today = today or timezone.localdate()
    typed = inputs_for(transition, inputs.as_mapping() if isinstance(inputs, StepInputs) else inputs,
                       reason=reason)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.version != expected_version:
            raise StaleEdit(
                f"{locked.reference} was changed by someone else since you opened it "
                f"(you saw version {expected_version}, it is now version {locked.version}). "
                "Nothing was saved: reload the case and try again.")

        check = check_transition(transition, facts=case_facts(case=locked, today=today), roles=roles,
                                 inputs=typed.as_mapping())
        if not check.allowed:
            raise TransitionRefused(check.refusals)
        current = CaseState(locked.state)
        before = {"state": locked.state, "version": locked.version}
        effect = EFFECTS.get(transition)
        recorded = effect(locked, typed, user, today) if effect else {}
        locked.state = rule.target.value
        locked.version += 1
        if not rule.target.is_open:
            locked.closed_on = today
        elif not current.is_open:
            locked.closed_on = None
        locked.save()
        audit_record(actor=actor, action=AuditVerb.CASE_STATE_CHANGED, on=locked, before=before,
                     after={"state": locked.state, "version": locked.version,
                            "transition": transition, "reason": reason, **recorded, **(extra or {})})
        case_timeline_add(case=locked, kind="state", title=rule.target.label, actor=actor,
                          description=reason)
        case_due_refresh(case=locked, today=today)
    return locked


# -- what each step records besides the state ----------------------------------------------


def _referral_effect(case: Case, inputs: ReferralInputs, user: User | None, today: date) -> dict[str, Any]:
    facts = case_facts(case=case, today=today)
    subject = facts.subjects[0] if facts.subjects else None
    answers = assess(facts.rules_facts(subject))
    heads = list(answers["referral_heads"].value) if "referral_heads" in answers else []
    referred_on = inputs.referred_on or today
    Referral.objects.create(case=case, referred_on=referred_on, heads=heads, voluntary=not heads)
    return {"referral_heads": heads, "referred_on": referred_on}


def _iopc_effect(decision: str) -> Effect:
    def effect(case: Case, inputs: IopcDecisionInputs, user: User | None, today: date) -> dict[str, Any]:
        referral = case.referrals.order_by("-referred_on", "-id").first()
        if referral is None:
            raise TransitionRefused(["There is no referral to the IOPC on this case"])
        decided_on = inputs.decided_on or today
        if decided_on < referral.referred_on:
            raise TransitionRefused(["The IOPC cannot decide before the referral was made"])
        referral.decision = decision
        referral.decided_on = decided_on
        referral.save(update_fields=["decision", "decided_on", "updated_at"])
        if decision in ("local", "directed", "independent"):
            case.iopc_mode = decision
        return {"iopc_decision": decision, "decided_on": decided_on}

    return effect


def _forum_effect(case: Case, inputs: ForumInputs, user: User | None, today: date) -> dict[str, Any]:
    case.proceedings_forum = inputs.forum
    return {"forum": inputs.forum}


def _close_effect(case: Case, inputs: StepInputs, user: User | None, today: date) -> dict[str, Any]:
    """Closing (``close``, ``no_case_to_answer``; ``discontinue_repeat`` asks for nothing)."""
    if case.state == CaseState.PROCEEDINGS:
        case.proceedings_outcome_on = today
    if case.state == CaseState.HANDLING and isinstance(inputs, CloseInputs) and inputs.handling_outcome:
        case.handling_outcome = inputs.handling_outcome
    notified = inputs.outcome_notified_on if isinstance(inputs, NotificationInputs) else None
    case.outcome_notified_on = notified or today
    return {"outcome_notified_on": case.outcome_notified_on}


def _reopen_effect(case: Case, inputs: ReopenInputs, user: User | None, today: date) -> dict[str, Any]:
    if user is None:
        raise PermissionDenied("Only staff may reopen a case")
    Reopening.objects.create(case=case, reopened_on=today, reason=inputs.reason.strip(),
                             authorised_by=inputs.authorised_by.strip(), recorded_by=user)
    case.outcome_notified_on = None
    return {"authorised_by": inputs.authorised_by.strip()}


def _withdraw_effect(case: Case, inputs: WithdrawalInputs, user: User | None, today: date) -> dict[str, Any]:
    return {"signed": inputs.signed, "regulation_39": inputs.regulation_39}


def _appeal_effect(case: Case, inputs: AppealInputs, user: User | None, today: date) -> dict[str, Any]:
    """The appeal as a record: who appeals, to which body, lodged when, by which last day (the
    rules, with ``confirmed``), on what grounds (Conduct Regs reg 45; PAT Rules 2020)."""
    with_outcome = [s for s in Subject.objects.filter(allegation__case=case).exclude(outcome="")
                    .select_related("officer", "staff_member").order_by("id")]
    key = inputs.subject
    chosen = [s for s in with_outcome if str(s.uuid) == key] if key else with_outcome
    if len(chosen) != 1:
        raise TransitionRefused(["Choose the officer who is appealing: one whose outcome has been recorded"])
    subject = chosen[0]
    grounds = list(inputs.grounds)
    unknown = [g for g in grounds if g not in APPEAL_GROUNDS]
    if unknown or not grounds:
        raise TransitionRefused([f"Choose the grounds of appeal (Police (Conduct) Regulations 2020, reg 45(1)): "
                                 f"{'; '.join(APPEAL_GROUNDS.values()).lower()}"])
    if subject.appeals.filter(result="").exists():
        raise TransitionRefused([f"{subject.person.full_name} already has an appeal awaiting its result"])
    assert case.proceedings_outcome_on is not None  # the appeal guard checks it first
    rule = appeal_rule(case.proceedings_forum)
    deadline = compute_deadline(rule, case.proceedings_outcome_on, regime_date=case.received_on)
    lodged_on = inputs.lodged_on or today
    appeal = Appeal.objects.create(
        case=case, subject=subject, kind=Appeal.Kind.MEETING if rule == "meeting-appeal" else Appeal.Kind.PAT,
        lodged_on=lodged_on, due_on=deadline.due, deadline_confirmed=deadline.confirmed,
        extended=inputs.extended, grounds=sorted(grounds), grounds_detail=inputs.grounds_detail.strip())
    return {"appeal": str(appeal.uuid), "appeal_kind": appeal.kind, "lodged_on": lodged_on, "due_on": deadline.due,
            "confirmed": deadline.confirmed, "grounds": sorted(grounds)}


def _review_effect(case: Case, inputs: ReviewApplicationInputs, user: User | None, today: date) -> dict[str, Any]:
    """The review application as a record: the relevant review body (the rules), the last day,
    and whether it was made in time with the forwarding rule (C&M Regs reg 29; PRA Sch 3 para 32)."""
    facts = case_facts(case=case, today=today)
    received_on = inputs.received_on or today
    notified = facts.outcome_notified_on or today
    answer = review_application(outcome_notified_on=notified, received_on=received_on,
                                received_on_regime=case.received_on,
                                sent_to_wrong_body_on=inputs.sent_to_wrong_body_on, extended=inputs.extended)
    answers = assess(facts.rules_facts(facts.subjects[0] if facts.subjects else None))
    body, body_reasons = "local_policing_body", ""
    if "review_body" in answers:
        body = str(answers["review_body"].value)
        body_reasons = "; ".join(f"{r.text} ({r.basis})" for r in answers["review_body"].because)
    review = Review.objects.create(case=case, received_on=received_on,
                                   sent_to_wrong_body_on=inputs.sent_to_wrong_body_on, review_body=body,
                                   review_body_reasons=body_reasons, due_on=answer.due, valid=answer.valid,
                                   validity_reasons=answer.because())
    return {"review": str(review.uuid), "review_body": body, "review_due": answer.due, "review_valid": answer.valid}


def _pause_effect(case: Case, inputs: StepInputs, user: User | None, today: date) -> dict[str, Any]:
    CriminalPause.objects.create(case=case, paused_from=today, reason=inputs.reason.strip())
    return {"paused_from": today}


def _resume_effect(case: Case, inputs: StepInputs, user: User | None, today: date) -> dict[str, Any]:
    pause = CriminalPause.objects.filter(case=case, paused_to__isnull=True).order_by("-paused_from").first()
    if pause is not None:
        pause.paused_to = today
        pause.save(update_fields=["paused_to", "updated_at"])
        return {"paused_from": pause.paused_from, "paused_to": today}
    return {}


def _remit_effect(case: Case, inputs: StepInputs, user: User | None, today: date) -> dict[str, Any]:
    case.proceedings_outcome_on = None
    return {"remitted": True}


#: What a step records besides the state: called with the locked case, the step's typed inputs
#: (its record in :data:`candour.domain.steps.STEP_INPUTS`), the user and the day; returns what
#: goes into the audit event.
Effect = Callable[[Case, Any, "User | None", date], dict[str, Any]]
EFFECTS: dict[str, Effect] = {
    "appeal": _appeal_effect,
    "request_review": _review_effect,
    "pause": _pause_effect,
    "resume": _resume_effect,
    "remit": _remit_effect,
    "refer": _referral_effect,
    "iopc_local": _iopc_effect("local"),
    "iopc_directed": _iopc_effect("directed"),
    "iopc_independent": _iopc_effect("independent"),
    "iopc_refer_back": _iopc_effect("refer_back"),
    "iopc_no_investigation": _iopc_effect("no_investigation"),
    "refer_to_proceedings": _forum_effect,
    "close": _close_effect,
    "no_case_to_answer": _close_effect,
    "discontinue_repeat": _close_effect,
    "reopen": _reopen_effect,
    "withdraw": _withdraw_effect,
}
