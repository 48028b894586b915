"""/api/v1 screening: the match-review queue. Scoped to the token user's force (another force's
candidate is a 404); every read of the queue or of a candidate is audited as a view; a refused
decision is a 409 with reasons."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from candour.api.base import declares, refusal
from candour.api.schemas import ERRORS, NONBLANK, REFUSALS, choices_literal
from candour.domain.access import Action
from candour.screening import selectors as screening_selectors
from candour.screening import services as screening_services
from candour.screening.models import ScreeningCandidate

router = Router()

Route = Annotated[str, choices_literal(ScreeningCandidate.Route)]


class PartOut(Schema):
    comparison: str
    level: str
    weight: float
    workforce_value: str
    extract_value: str


class CandidateOut(Schema):
    uuid: UUID
    run: str
    workforce_id: str
    extract_id: str
    match_probability: float
    match_weight: float
    prior_weight: float
    explanation: str
    parts: list[PartOut]
    workforce_record: dict[str, str]
    extract_record: dict[str, str]
    person_uuid: UUID | None
    status: str
    decision_reason: str
    route: str
    review_uuid: UUID | None
    report_reference: str | None


def _candidate(c: ScreeningCandidate) -> dict[str, Any]:
    person = c.person
    return {"uuid": c.uuid, "run": c.run.name, "workforce_id": c.workforce_id, "extract_id": c.extract_id,
            "match_probability": c.match_probability, "match_weight": c.match_weight,
            "prior_weight": c.prior_weight, "explanation": c.explanation, "parts": c.parts,
            "workforce_record": c.workforce_record, "extract_record": c.extract_record,
            "person_uuid": getattr(person, "uuid", None), "status": c.status, "decision_reason": c.decision_reason,
            "route": c.route, "review_uuid": c.review.uuid if c.review_id and c.review else None,
            "report_reference": c.report.reference if c.report_id and c.report else None}


class CandidateDecisionIn(Schema):
    model_config = {"extra": "forbid"}

    #: The reviewer's verbs, which the service takes (no model holds them: the candidate's status
    #: records the result, ``confirmed`` or ``rejected``).
    decision: Literal["confirm", "reject"]
    reason: str = Field(..., min_length=1, max_length=4000, pattern=NONBLANK)
    route: Route | None = None


@router.get("/screening/candidates", response={200: list[CandidateOut], **ERRORS}, tags=["screening"])
@declares(Action.SCREENING_REVIEW)
def screening_candidate_list(
        request: HttpRequest,
        status: Annotated[str, choices_literal(ScreeningCandidate.Status, blank="last")] = Query("pending"),
        limit: int = Query(50, ge=1, le=200), offset: int = Query(0, ge=0, le=1_000_000)) -> Any:
    """Screening candidates in your force, highest probability first (pending by default). Audited."""
    found = screening_selectors.candidate_list_for_user(user=request.user, status=status)  # type: ignore[arg-type]
    rows = [_candidate(c) for c in found.select_related("review", "report")[offset:offset + limit]]
    screening_services.screening_view_record(user=request.user, what="screening_queue",  # type: ignore[arg-type]
                                             object_id=f"api {status or 'all'} offset {offset}")
    return rows


@router.get("/screening/candidates/{candidate_uuid}", response={200: CandidateOut, **ERRORS}, tags=["screening"])
@declares(Action.SCREENING_REVIEW)
def screening_candidate_get(request: HttpRequest, candidate_uuid: UUID) -> Any:
    """One candidate with both records and the per-comparison match weights. Audited."""
    candidate = screening_selectors.candidate_get_for_user(user=request.user, candidate_uuid=str(candidate_uuid))  # type: ignore[arg-type]
    screening_services.screening_view_record(user=request.user, what="screening_candidate",  # type: ignore[arg-type]
                                             object_id=str(candidate.uuid))
    return _candidate(candidate)


@router.post("/screening/candidates/{candidate_uuid}/decision",
             response={200: CandidateOut, **REFUSALS}, tags=["screening"])
@declares(Action.SCREENING_REVIEW)
def screening_candidate_decide(request: HttpRequest, body: CandidateDecisionIn, candidate_uuid: UUID) -> Any:
    """Confirm (with ``route``: open a vetting review, or refer for conduct assessment as an internal
    report) or reject, always with a reason. 409 when refused (already decided, no route …)."""
    candidate = screening_selectors.candidate_get_for_user(user=request.user, candidate_uuid=str(candidate_uuid))  # type: ignore[arg-type]
    try:
        candidate = screening_services.screening_candidate_decide(
            candidate=candidate, decision=body.decision, reason=body.reason, route=body.route or "",
            user=request.user)  # type: ignore[arg-type]
    except DjangoValidationError as exc:
        return refusal(exc)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc)) from exc
    return _candidate(candidate)

