"""/api/v1 cases: search and read cases and officers, and the casework on a case (the steps
possible now and taking one through the one door, the statutory clocks, the proceedings) and your
queue. Reads are scoped exactly as the pages are: another force's case is a 404."""

from __future__ import annotations

import dataclasses
import typing
from datetime import date
from typing import Annotated, Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from pydantic import create_model

from candour.api.base import declares
from candour.api.schemas import ERRORS, NO_NUL, REFERENCE, REFUSALS, choices_literal
from candour.cases import access as case_access
from candour.cases import selectors as case_selectors
from candour.cases.transitions import TransitionRefused, case_transition
from candour.common.errors import StaleEdit
from candour.domain.access import Action
from candour.domain.casework import next_steps
from candour.domain.lifecycle import TRANSITIONS_BY_NAME
from candour.domain.steps import all_input_fields, inputs_for
from candour.people import selectors as people_selectors

router = Router()


class CaseSummaryOut(Schema):
    reference: str
    case_type: str
    state: str
    received_on: date


class SubjectOut(Schema):
    kind: str
    person_uuid: UUID
    name: str
    outcome: str
    outcome_on: date | None


class AllegationOut(Schema):
    number: int
    category: str
    subcategory: str
    discrimination: list[str]
    standards: list[str]
    summary: str
    severity: str
    subjects: list[SubjectOut]


class CaseOut(CaseSummaryOut):
    summary: str
    incident_on: date | None
    incident_location: str
    closed_on: date | None
    version: int
    allegations: list[AllegationOut]


class OfficerOut(Schema):
    uuid: UUID
    forenames: str
    surname: str
    warrant_number: str
    collar_number: str
    rank: str
    status: str
    joined_on: date
    unit: str | None



@router.get("/cases", response={200: list[CaseSummaryOut], **ERRORS}, tags=["cases"])
@declares(Action.CASE_SEARCH)
def case_list(request: HttpRequest, q: str = Query("", max_length=100, pattern=NO_NUL),
              limit: int = Query(50, ge=1, le=200)) -> Any:
    """Cases in your force matching a reference, subject name, warrant or collar number."""
    if q.strip():
        return case_selectors.case_search(user=request.user, query=q, limit=limit)  # type: ignore[arg-type]
    return list(case_selectors.case_list_for_user(user=request.user)[:limit])  # type: ignore[arg-type]


@router.get("/cases/{reference}", response={200: CaseOut, **ERRORS}, tags=["cases"])
@declares(Action.CASE_VIEW)
def case_get(request: HttpRequest, reference: str = Path(..., max_length=24, pattern=REFERENCE)) -> Any:
    case = case_access.case_read(user=request.user, reference=reference, via=case_access.VIA_API)  # type: ignore[arg-type]
    allegations = []
    for allegation in case.allegations.all():
        subjects = []
        for subject in allegation.subjects.all():
            person = subject.person
            subjects.append({"kind": "officer" if subject.officer_id else "staff",
                             "person_uuid": person.uuid, "name": person.full_name,
                             "outcome": subject.outcome, "outcome_on": subject.outcome_on})
        allegations.append({**{f: getattr(allegation, f) for f in (
            "number", "category", "subcategory", "discrimination", "standards", "summary",
            "severity")}, "subjects": subjects})
    return {**{f: getattr(case, f) for f in (
        "reference", "case_type", "state", "received_on", "summary", "incident_on",
        "incident_location", "closed_on", "version")}, "allegations": allegations}


@router.get("/officers/{officer_uuid}", response={200: OfficerOut, **ERRORS}, tags=["officers"])
@declares(Action.OFFICER_VIEW)
def officer_get(request: HttpRequest, officer_uuid: UUID) -> Any:
    officer = people_selectors.officer_get_for_user(user=request.user, officer_uuid=str(officer_uuid))  # type: ignore[arg-type]
    return {**{f: getattr(officer, f) for f in (
        "uuid", "forenames", "surname", "warrant_number", "collar_number", "rank", "status",
        "joined_on")}, "unit": officer.unit.name if officer.unit else None}


# -- casework --------------------------------------------------------------------------------

STEP = r"^[a-z_0-9]{1,40}$"
QueueView = Annotated[str, choices_literal(case_selectors.QUEUE_VIEWS)]


class StepOut(Schema):
    name: str
    description: str
    allowed: bool
    reasons: list[str]


class ClockOut(Schema):
    label: str
    due: date
    overdue: bool
    rule: str
    basis: str
    confirmed: bool


class _StepInputsBase(Schema):
    model_config = {"extra": "forbid"}


def _step_input(f: dataclasses.Field[Any], hint: Any) -> tuple[Any, Any]:
    """One field of :class:`StepInputs`, from a step's typed record in candour.domain.steps: its
    type there, optional here (a step takes only its own), and the checks its metadata names."""
    meta = f.metadata
    if meta.get("uuid"):
        return UUID | None, None
    if hint is str and "choices" in meta:
        return Annotated[str, choices_literal(meta["choices"])] | None, None
    if hint is str:
        return str | None, Field(None, max_length=meta["max_length"], pattern=NO_NUL)
    if hint == tuple[str, ...]:
        return (list[Annotated[str, choices_literal(meta["choices"])]] | None,
                Field(None, max_length=meta["max_items"]))
    return hint | None if hint in (bool, date) else hint, None


def _step_inputs_schema() -> type[Schema]:
    shown: dict[str, Any] = {name: _step_input(f, hint) for name, (f, hint) in all_input_fields().items()}
    model = create_model("StepInputs", __base__=_StepInputsBase, **shown)
    model.__doc__ = "What a step may need besides its reasons (see docs/lifecycle.md for which step uses what)."
    return model


#: Every step's inputs (candour.domain.steps), each optional: a step reads only its own. Built
#: at import, so type checkers see the base class.
if typing.TYPE_CHECKING:
    StepInputs = _StepInputsBase
else:
    StepInputs = _step_inputs_schema()


class StepIn(Schema):
    model_config = {"extra": "forbid"}

    expected_version: int = Field(..., ge=1, le=2_000_000_000)
    reason: str = Field("", max_length=4000, pattern=NO_NUL)
    inputs: StepInputs = Field(default_factory=lambda: StepInputs())


class CaseStateOut(CaseSummaryOut):
    version: int


class QueueItemOut(CaseSummaryOut):
    next_due_on: date | None
    overdue: bool


@router.get("/cases/{reference}/steps", response={200: list[StepOut], **ERRORS}, tags=["casework"])
@declares(Action.CASE_VIEW)
def case_steps(request: HttpRequest, reference: str = Path(..., max_length=24, pattern=REFERENCE)) -> Any:
    """The steps possible from the case's state for you, each allowed now or with the reasons it is not."""
    case = case_access.case_read(user=request.user, reference=reference, via=case_access.VIA_API)  # type: ignore[arg-type]
    roles = request.user.role_set()  # type: ignore[union-attr]
    facts = case_selectors.case_facts(case=case, today=timezone.localdate())
    return [{"name": c.transition.name, "description": c.transition.description, "allowed": c.allowed,
             "reasons": list(c.refusals)} for c in next_steps(facts=facts, roles=roles)]


@router.get("/cases/{reference}/clocks", response={200: list[ClockOut], **ERRORS}, tags=["casework"])
@declares(Action.CASE_VIEW)
def case_clocks(request: HttpRequest, reference: str = Path(..., max_length=24, pattern=REFERENCE)) -> Any:
    """Every statutory clock running on the case, overdue first, then nearest first."""
    case = case_access.case_read(user=request.user, reference=reference, via=case_access.VIA_API)  # type: ignore[arg-type]
    return [{"label": c.label, "due": c.due, "overdue": c.overdue, "rule": c.rule, "basis": c.basis,
             "confirmed": c.confirmed}
            for c in case_selectors.case_clocks_for(case=case, today=timezone.localdate())]


@router.post("/cases/{reference}/steps/{step}",
             response={200: CaseStateOut, **REFUSALS}, tags=["casework"])
@declares(Action.CASE_TRANSITION)
def case_step_take(request: HttpRequest, body: StepIn, reference: str = Path(..., max_length=24, pattern=REFERENCE),
                   step: str = Path(..., max_length=40, pattern=STEP)) -> Any:
    """Take a step (the one door: lifecycle, roles and rules are checked). 409 lists every reason it
    is refused now, or says the case changed since ``expected_version``; 403 means your role may
    not take it."""
    case = case_access.case_read(user=request.user, reference=reference, via=case_access.VIA_API)  # type: ignore[arg-type]
    if step not in TRANSITIONS_BY_NAME:
        raise Http404("No such step")
    inputs = inputs_for(step, body.inputs.dict())
    try:
        case = case_transition(case=case, transition=step, user=request.user,  # type: ignore[arg-type]
                               expected_version=body.expected_version, reason=body.reason, inputs=inputs)
    except StaleEdit as exc:
        return 409, {"detail": exc.messages[0], "reasons": []}
    except TransitionRefused as exc:
        if exc.reasons and all(r.startswith("Only ") and "can take this step" in r for r in exc.reasons):
            raise HttpError(403, exc.reasons[0]) from exc
        return 409, {"detail": "This step is refused", "reasons": list(exc.reasons)}
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or "Your role does not allow this") from exc
    except DjangoValidationError as exc:
        return 409, {"detail": "This step is refused", "reasons": exc.messages}
    return case


class ProceedingsNoticeOut(Schema):
    subject: str
    forum: str
    notice_on: date
    response_due_on: date | None
    response_on: date | None
    accepts: str
    witness_lists_on: date | None
    witnesses_decided_on: date | None
    papers_to_chair_on: date | None
    pre_hearing_on: date | None
    hearing_on: date | None


class PanelMemberOut(Schema):
    role: str
    name: str
    capacity: str


class AppealOut(Schema):
    subject: str
    kind: str
    lodged_on: date
    due_on: date
    deadline_confirmed: bool
    extended: bool
    grounds: list[str]
    hearing_on: date | None
    result: str
    substituted_outcome: str
    decided_on: date | None


# Named as the vetting review's schema is: the published document shows that one under both
# (see candour/api/api.py); renaming either changes the document.
class ComplainantReviewOut(Schema):
    received_on: date
    sent_to_wrong_body_on: date | None
    review_body: str
    due_on: date
    valid: bool
    validity_reasons: str
    outcome: str
    recommendations: str
    reinvestigation: bool
    decided_on: date | None


class CpsReferralOut(Schema):
    referred_on: date
    decision: str
    decided_on: date | None


class PauseOut(Schema):
    paused_from: date
    paused_to: date | None
    reason: str


class ProceedingsOut(Schema):
    forum: str
    notices: list[ProceedingsNoticeOut]
    panel: list[PanelMemberOut]
    appeals: list[AppealOut]
    reviews: list[ComplainantReviewOut]
    cps_referrals: list[CpsReferralOut]
    pauses: list[PauseOut]


@router.get("/cases/{reference}/proceedings", response={200: ProceedingsOut, **ERRORS}, tags=["casework"])
@declares(Action.CASE_VIEW)
def case_proceedings(request: HttpRequest, reference: str = Path(..., max_length=24, pattern=REFERENCE)) -> Any:
    """The case's proceedings: notices and their dates, the panel, appeals, complainant reviews,
    CPS referrals and pauses for criminal proceedings."""
    case = case_access.case_read(user=request.user, reference=reference, via=case_access.VIA_API)  # type: ignore[arg-type]
    view = case_selectors.proceedings_for_case(case=case)
    return {
        "forum": case.proceedings_forum,
        "notices": [{"subject": n.subject.person.full_name, "forum": n.forum, "notice_on": n.notice_on,
                     "response_due_on": n.response_due_on, "response_on": n.response_on, "accepts": n.accepts,
                     "witness_lists_on": n.witness_lists_on, "witnesses_decided_on": n.witnesses_decided_on,
                     "papers_to_chair_on": n.papers_to_chair_on, "pre_hearing_on": n.pre_hearing_on,
                     "hearing_on": n.hearing_on} for n in view.notices],
        "panel": [{"role": m.role, "name": m.name, "capacity": m.capacity} for m in view.panel],
        "appeals": [{"subject": a.subject.person.full_name, "kind": a.kind, "lodged_on": a.lodged_on,
                     "due_on": a.due_on, "deadline_confirmed": a.deadline_confirmed, "extended": a.extended,
                     "grounds": list(a.grounds), "hearing_on": a.hearing_on, "result": a.result,
                     "substituted_outcome": a.substituted_outcome, "decided_on": a.decided_on}
                    for a in view.appeals],
        "reviews": [{"received_on": r.received_on, "sent_to_wrong_body_on": r.sent_to_wrong_body_on,
                     "review_body": r.review_body, "due_on": r.due_on, "valid": r.valid,
                     "validity_reasons": r.validity_reasons, "outcome": r.outcome,
                     "recommendations": r.recommendations, "reinvestigation": r.reinvestigation,
                     "decided_on": r.decided_on} for r in view.reviews],
        "cps_referrals": [{"referred_on": r.referred_on, "decision": r.decision, "decided_on": r.decided_on}
                          for r in view.cps_referrals],
        "pauses": [{"paused_from": p.paused_from, "paused_to": p.paused_to, "reason": p.reason}
                   for p in view.pauses],
    }


@router.get("/queue", response={200: list[QueueItemOut], **ERRORS}, tags=["casework"])
@declares(Action.CASE_VIEW)
def queue(request: HttpRequest, limit: int = Query(50, ge=1, le=200), page: int = Query(1, ge=1, le=100_000),
          due: QueueView = "all") -> Any:
    """Your cases, nearest statutory clock first, overdue first: ``limit`` a page, page ``page``
    (past the last page: the last page), all of them or only those overdue or due within 7 days."""
    today = timezone.localdate()
    mine = case_selectors.queue_for_user(user=request.user, today=today, view=due,  # type: ignore[arg-type]
                                         page=page, per_page=limit)
    return [{"reference": c.reference, "case_type": c.case_type, "state": c.state, "received_on": c.received_on,
             "next_due_on": c.next_due_on, "overdue": c.next_due_on is not None and c.next_due_on < today}
            for c in mine.cases]

