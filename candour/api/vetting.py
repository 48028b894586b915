"""/api/v1 vetting: clearances, reviews and withdrawal assessments. Same selectors and services
as the pages; scoped to the token user's force (another force's record is a 404); a refused
state change is a 409 with reasons."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema

from candour.api.base import declares, refusal
from candour.api.schemas import ERRORS, NO_NUL, NONBLANK, REFUSALS, choices_literal
from candour.audit.services import Actor
from candour.domain import vetting as rules
from candour.domain.access import Action
from candour.workforce import vetting as services
from candour.workforce import vetting_selectors as selectors
from candour.workforce.models import VettingClearance, VettingReview, WithdrawalAssessment

router = Router()

Trigger = Annotated[str, choices_literal(rules.Trigger)]
ReviewOutcome = Annotated[str, choices_literal(rules.ReviewOutcome)]
WithdrawalDecision = Annotated[str, choices_literal(WithdrawalAssessment.Decision)]
AppealResult = Annotated[str, choices_literal(WithdrawalAssessment.AppealResult)]
#: The withdrawal assessment's steps, in the rules' order.
STEPS = rf"^({'|'.join(rules.Step)})$"


class ClearanceOut(Schema):
    uuid: UUID
    person_uuid: UUID
    person_name: str
    #: Which of the two the holder is (the clearance has an officer or a staff member; no choices hold it).
    person_kind: Literal["officer", "staff"]
    level: str
    decision: str
    granted_on: date
    renewal_due_on: date
    renewal_reason: str
    renewal_confirmed: bool
    status: str
    conditions: str
    rationale: str
    last_review_on: date | None
    version: int


class ReviewOut(Schema):
    uuid: UUID
    person_uuid: UUID
    person_name: str
    clearance_uuid: UUID | None
    trigger: str
    reason: str
    basis: str
    opened_on: date
    case_reference: str | None
    status: str
    outcome: str
    outcome_rationale: str
    conditions: str
    decided_on: date | None
    version: int


class VettingClockOut(Schema):
    name: str
    due: date
    reason: str
    basis: str
    confirmed: bool


class WithdrawalOut(Schema):
    uuid: UUID
    clearance_uuid: UUID
    person_name: str
    started_on: date
    reason: str
    stage: str
    open: bool
    notice_on: date | None
    representations_due_on: date | None
    representations_on: date | None
    decision: str
    decision_rationale: str
    decided_on: date | None
    dismissed_on: date | None
    appeal_lodged_on: date | None
    appeal_result: str
    appeal_result_on: date | None
    pat_lodged_on: date | None
    pat_result: str
    pat_result_on: date | None
    barred_list_entry: str | None
    clocks: list[VettingClockOut]
    version: int


def _clearance(c: VettingClearance) -> dict[str, Any]:
    person = c.person
    return {"uuid": c.uuid, "person_uuid": person.uuid, "person_name": person.full_name,
            "person_kind": "officer" if c.officer_id else "staff", "level": c.level, "decision": c.decision,
            "granted_on": c.granted_on, "renewal_due_on": c.renewal_due_on, "renewal_reason": c.renewal_reason,
            "renewal_confirmed": rules.renewal_years(c.level)[1], "status": c.status, "conditions": c.conditions,
            "rationale": c.rationale, "last_review_on": c.last_review_on, "version": c.version}


def _review(r: VettingReview) -> dict[str, Any]:
    return {"uuid": r.uuid, "person_uuid": r.person.uuid, "person_name": r.person.full_name,
            "clearance_uuid": r.clearance.uuid if r.clearance else None, "trigger": r.trigger, "reason": r.reason,
            "basis": r.basis, "opened_on": r.opened_on, "case_reference": r.case.reference if r.case else None,
            "status": r.status, "outcome": r.outcome, "outcome_rationale": r.outcome_rationale,
            "conditions": r.conditions, "decided_on": r.decided_on, "version": r.version}


def _withdrawal(a: WithdrawalAssessment) -> dict[str, Any]:
    facts = a.facts()
    fields = ("uuid", "started_on", "reason", "notice_on", "representations_due_on", "representations_on",
              "decision", "decision_rationale", "decided_on", "dismissed_on", "appeal_lodged_on", "appeal_result",
              "appeal_result_on", "pat_lodged_on", "pat_result", "pat_result_on", "version")
    return {**{f: getattr(a, f) for f in fields}, "clearance_uuid": a.clearance.uuid,
            "person_name": a.clearance.person.full_name, "stage": rules.stage(facts), "open": rules.is_open(facts),
            "barred_list_entry": a.list_entry.kind if a.list_entry_id and a.list_entry else None,
            "clocks": [c.to_json() for c in rules.assessment_clocks(facts)]}


# -- clearances ----------------------------------------------------------------------------------


@router.get("/vetting/clearances", response={200: list[ClearanceOut], **ERRORS}, tags=["vetting"])
@declares(Action.VETTING_VIEW)
def vetting_clearance_list(request: HttpRequest, status: str = Query("", max_length=40, pattern=r"^[a-z_]*$"),
                           limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=1_000_000)) -> Any:
    """Clearances in your force, nearest renewal first; ``status`` filters (e.g. ``valid``)."""
    found = selectors.clearance_list_for_user(user=request.user)  # type: ignore[arg-type]
    if status:
        found = found.filter(status=status)
    return [_clearance(c) for c in found.order_by("renewal_due_on", "id")[offset:offset + limit]]


@router.get("/vetting/clearances/{clearance_uuid}", response={200: ClearanceOut, **ERRORS}, tags=["vetting"])
@declares(Action.VETTING_VIEW)
def vetting_clearance_get(request: HttpRequest, clearance_uuid: UUID) -> Any:
    return _clearance(selectors.clearance_get_for_user(user=request.user, clearance_uuid=str(clearance_uuid)))  # type: ignore[arg-type]


# -- reviews ---------------------------------------------------------------------------------------


class ReviewOpenIn(Schema):
    model_config = {"extra": "forbid"}

    trigger: Trigger
    reason: str = Field(..., min_length=1, max_length=8000, pattern=NONBLANK)


class ReviewDecideIn(Schema):
    model_config = {"extra": "forbid"}

    outcome: ReviewOutcome
    rationale: str = Field(..., min_length=1, max_length=8000, pattern=NONBLANK)
    conditions: str = Field("", max_length=8000, pattern=NO_NUL)
    decided_on: date | None = None
    expected_version: int | None = Field(None, ge=1, le=2_000_000_000)


@router.get("/vetting/reviews", response={200: list[ReviewOut], **ERRORS}, tags=["vetting"])
@declares(Action.VETTING_VIEW)
def vetting_review_list(request: HttpRequest,
                        status: Annotated[str, choices_literal(VettingReview.Status, blank="first")] = Query(""),
                        limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=1_000_000)) -> Any:
    """Reviews in your force, newest first; ``status`` is ``open`` or ``decided``."""
    found = selectors.review_list_for_user(user=request.user)  # type: ignore[arg-type]
    if status:
        found = found.filter(status=status)
    return [_review(r) for r in found[offset:offset + limit]]


@router.get("/vetting/reviews/{review_uuid}", response={200: ReviewOut, **ERRORS}, tags=["vetting"])
@declares(Action.VETTING_VIEW)
def vetting_review_get(request: HttpRequest, review_uuid: UUID) -> Any:
    return _review(selectors.review_get_for_user(user=request.user, review_uuid=str(review_uuid)))  # type: ignore[arg-type]


@router.post("/vetting/clearances/{clearance_uuid}/reviews",
             response={201: ReviewOut, **REFUSALS}, tags=["vetting"])
@declares(Action.VETTING_MANAGE)
def vetting_review_open(request: HttpRequest, body: ReviewOpenIn, clearance_uuid: UUID) -> Any:
    """Open a vetting review of the clearance holder."""
    clearance = selectors.clearance_get_for_user(user=request.user, clearance_uuid=str(clearance_uuid))  # type: ignore[arg-type]
    try:
        review = services.vetting_review_open(person=clearance.person, trigger=body.trigger, reason=body.reason,
                                              actor=Actor.of(request.user), user=request.user,  # type: ignore[arg-type]
                                              clearance=clearance)
    except DjangoValidationError as exc:
        return refusal(exc)
    return 201, _review(review)


@router.post("/vetting/reviews/{review_uuid}/decision",
             response={200: ReviewOut, **REFUSALS}, tags=["vetting"])
@declares(Action.VETTING_MANAGE)
def vetting_review_decide(request: HttpRequest, body: ReviewDecideIn, review_uuid: UUID) -> Any:
    """Decide a review: maintained, maintained with conditions, or a withdrawal assessment started
    (refused before 14 May 2025). 409 lists every reason it is refused."""
    review = selectors.review_get_for_user(user=request.user, review_uuid=str(review_uuid))  # type: ignore[arg-type]
    try:
        review = services.vetting_review_decide(review=review, outcome=body.outcome, rationale=body.rationale,
                                                conditions=body.conditions, decided_on=body.decided_on,
                                                expected_version=body.expected_version, user=request.user)  # type: ignore[arg-type]
    except DjangoValidationError as exc:
        return refusal(exc)
    return _review(review)


# -- withdrawal assessments --------------------------------------------------------------------


class WithdrawalStepIn(Schema):
    model_config = {"extra": "forbid"}

    text: str = Field(..., min_length=1, max_length=8000, pattern=NONBLANK,
                      description="The summary of the representations, the full rationale of a decision, "
                                  "or a note for the audit trail on any other step")
    on: date | None = Field(None, description="Date of the step; today if left out")
    decision: WithdrawalDecision | None = None
    result: AppealResult | None = None
    expected_version: int | None = Field(None, ge=1, le=2_000_000_000)


@router.get("/vetting/withdrawals", response={200: list[WithdrawalOut], **ERRORS}, tags=["vetting"])
@declares(Action.VETTING_VIEW)
def vetting_withdrawal_list(request: HttpRequest, limit: int = Query(50, ge=1, le=200),
                            offset: int = Query(0, ge=0, le=1_000_000)) -> Any:
    """Withdrawal assessments in your force, newest first, with their stage and running clocks."""
    found = selectors.assessment_list_for_user(user=request.user)  # type: ignore[arg-type]
    return [_withdrawal(a) for a in found.select_related("list_entry")[offset:offset + limit]]


@router.get("/vetting/withdrawals/{assessment_uuid}", response={200: WithdrawalOut, **ERRORS}, tags=["vetting"])
@declares(Action.VETTING_VIEW)
def vetting_withdrawal_get(request: HttpRequest, assessment_uuid: UUID) -> Any:
    return _withdrawal(selectors.assessment_get_for_user(user=request.user, assessment_uuid=str(assessment_uuid)))  # type: ignore[arg-type]


@router.post("/vetting/withdrawals/{assessment_uuid}/steps/{withdrawal_step}",
             response={200: WithdrawalOut, **REFUSALS}, tags=["vetting"])
@declares(Action.VETTING_MANAGE)
def vetting_withdrawal_step(request: HttpRequest, body: WithdrawalStepIn, assessment_uuid: UUID,
                            withdrawal_step: str = Path(..., max_length=20, pattern=STEPS)) -> Any:
    """Record a step (``decision`` decides the withdrawal: ``maintain`` or ``withdraw``). The rules
    check the order and dates; 409 lists every reason a step is refused now."""
    assessment = selectors.assessment_get_for_user(user=request.user, assessment_uuid=str(assessment_uuid))  # type: ignore[arg-type]
    try:
        assessment = services.withdrawal_step_record(
            assessment=assessment, step=withdrawal_step, on=body.on or timezone.localdate(), user=request.user,  # type: ignore[arg-type]
            expected_version=body.expected_version, text=body.text, decision=body.decision or "",
            result=body.result or "")
    except DjangoValidationError as exc:
        return refusal(exc)
    return _withdrawal(assessment)


