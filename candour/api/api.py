"""/api/v1: the JSON interface onto the same selectors and services as the pages.

Every operation declares its ``Action`` with ``@declares``; a test fails when one does not.
Reads are scoped exactly as the pages are: another force's case is a 404.

Every error is JSON and documented on every operation: ``{"detail": "..."}`` for 401, 403 and
404, ``{"detail": [{"type", "loc", "msg"}, ...]}`` for input the schema refuses (422).
``tests/test_schema.py`` fuzzes every operation against the OpenAPI document with schemathesis.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any, Literal
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import HttpError, ValidationError
from ninja.security import HttpBearer

from candour.accounts.services import api_token_user
from candour.cases import selectors as case_selectors
from candour.domain.access import Action, can
from candour.people import selectors as people_selectors


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token=token)
        if user is not None:
            request.user = user
        return user


class CandourAPI(NinjaAPI):
    """Ninja's API, with a last URL pattern answering JSON 404: an address under /api/v1/ that
    no operation matches (a typo, a path parameter holding ``/``) gets ``{"detail": ...}`` and
    not the HTML page-not-found."""

    def _get_urls(self) -> list[URLPattern | URLResolver]:
        @csrf_exempt
        def no_such_operation(request: HttpRequest, rest: str = "") -> HttpResponse:
            return self.create_response(request, {"detail": "Not found"}, status=404)

        return [*super()._get_urls(), re_path(r"^(?P<rest>.*)$", no_such_operation)]


api = CandourAPI(title="Candour API", version="1", urls_namespace="api", auth=TokenAuth())


class ErrorOut(Schema):
    detail: str


class ValidationIssueOut(Schema):
    type: str
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: list[ValidationIssueOut]


#: Text inputs may hold anything but NUL, which no database text column can store.
NO_NUL = r"^[^\x00]*$"
#: A case reference: the force code, the year and the number, e.g. ``MET-2025-004321``.
REFERENCE = r"^[A-Za-z0-9]{1,8}-[0-9]{4}-[0-9]{1,10}$"


def declares(action: Action) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(func)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            user = request.user
            if user.force_id is None or not can(user.role_set(), action):  # type: ignore[union-attr]
                raise HttpError(403, "Your role does not allow this")
            return func(request, *args, **kwargs)

        wrapped.candour_action = action  # type: ignore[attr-defined]
        return wrapped

    return decorator


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Exception) -> Any:
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> Any:
    """422 ``{"detail": [{"type", "loc", "msg"}]}``: pydantic's issues without the input echoed
    back or its context (which can hold objects JSON cannot carry)."""
    issues = [{"type": str(error.get("type", "invalid")),
               "loc": [part if isinstance(part, int) else str(part) for part in error.get("loc", ())],
               "msg": str(error.get("msg", "Invalid value"))} for error in exc.errors]
    return api.create_response(request, {"detail": issues}, status=422)


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


#: Every operation answers these as well as its success: no or a bad token (401), a role without
#: the action (403), nothing in your force (404), input the schema refuses (422).
_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


@api.get("/cases", response={200: list[CaseSummaryOut], **_ERRORS}, tags=["cases"])
@declares(Action.CASE_SEARCH)
def case_list(request: HttpRequest, q: str = Query("", max_length=100, pattern=NO_NUL),
              limit: int = Query(50, ge=1, le=200)) -> Any:
    """Cases in your force matching a reference, subject name, warrant or collar number."""
    if q.strip():
        return case_selectors.case_search(user=request.user, query=q, limit=limit)  # type: ignore[arg-type]
    return list(case_selectors.case_list_for_user(user=request.user)[:limit])  # type: ignore[arg-type]


@api.get("/cases/{reference}", response={200: CaseOut, **_ERRORS}, tags=["cases"])
@declares(Action.CASE_VIEW)
def case_get(request: HttpRequest, reference: str = Path(..., max_length=24, pattern=REFERENCE)) -> Any:
    case = case_selectors.case_get_for_user(user=request.user, reference=reference)  # type: ignore[arg-type]
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


@api.get("/officers/{officer_uuid}", response={200: OfficerOut, **_ERRORS}, tags=["officers"])
@declares(Action.OFFICER_VIEW)
def officer_get(request: HttpRequest, officer_uuid: UUID) -> Any:
    officer = people_selectors.officer_get_for_user(user=request.user, officer_uuid=str(officer_uuid))  # type: ignore[arg-type]
    return {**{f: getattr(officer, f) for f in (
        "uuid", "forenames", "surname", "warrant_number", "collar_number", "rank", "status",
        "joined_on")}, "unit": officer.unit.name if officer.unit else None}


# -- casework --------------------------------------------------------------------------------

STEP = r"^[a-z_0-9]{1,40}$"


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


class StepInputs(Schema):
    """What a step may need besides its reasons (see docs/lifecycle.md for which step uses what)."""

    model_config = {"extra": "forbid"}

    forum: Literal["misconduct_meeting", "misconduct_hearing", "accelerated_hearing"] | None = None
    signed: bool | None = None
    regulation_39: bool | None = None
    authorised_by: str | None = Field(None, max_length=150, pattern=NO_NUL)
    lodged_on: date | None = None
    received_on: date | None = None
    decided_on: date | None = None
    referred_on: date | None = None
    outcome_notified_on: date | None = None
    handling_outcome: Literal["service_acceptable", "service_not_acceptable", "unable_to_determine"] | None = None
    extended: bool | None = None
    subject: UUID | None = None
    grounds: list[Literal["unreasonable", "new_evidence", "unfair"]] | None = Field(None, max_length=3)
    grounds_detail: str | None = Field(None, max_length=4000, pattern=NO_NUL)
    sent_to_wrong_body_on: date | None = None


class StepIn(Schema):
    model_config = {"extra": "forbid"}

    expected_version: int = Field(..., ge=1, le=2_000_000_000)
    reason: str = Field("", max_length=4000, pattern=NO_NUL)
    inputs: StepInputs = Field(default_factory=lambda: StepInputs())  # type: ignore[call-arg]


class CaseStateOut(CaseSummaryOut):
    version: int


class RefusedOut(Schema):
    detail: str
    reasons: list[str]


class QueueItemOut(CaseSummaryOut):
    next_due_on: date | None
    overdue: bool


@api.get("/cases/{reference}/steps", response={200: list[StepOut], **_ERRORS}, tags=["casework"])
@declares(Action.CASE_VIEW)
def case_steps(request: HttpRequest, reference: str = Path(..., max_length=24, pattern=REFERENCE)) -> Any:
    """The steps possible from the case's state for you, each allowed now or with the reasons it is not."""
    from django.utils import timezone

    from candour.domain.casework import next_steps

    case = case_selectors.case_get_for_user(user=request.user, reference=reference)  # type: ignore[arg-type]
    roles = request.user.role_set()  # type: ignore[union-attr]
    facts = case_selectors.case_facts(case=case, today=timezone.localdate())
    return [{"name": c.transition.name, "description": c.transition.description, "allowed": c.allowed,
             "reasons": list(c.refusals)} for c in next_steps(facts=facts, roles=roles)]


@api.get("/cases/{reference}/clocks", response={200: list[ClockOut], **_ERRORS}, tags=["casework"])
@declares(Action.CASE_VIEW)
def case_clocks(request: HttpRequest, reference: str = Path(..., max_length=24, pattern=REFERENCE)) -> Any:
    """Every statutory clock running on the case, overdue first, then nearest first."""
    from django.utils import timezone

    case = case_selectors.case_get_for_user(user=request.user, reference=reference)  # type: ignore[arg-type]
    return [{"label": c.label, "due": c.due, "overdue": c.overdue, "rule": c.rule, "basis": c.basis,
             "confirmed": c.confirmed}
            for c in case_selectors.case_clocks_for(case=case, today=timezone.localdate())]


@api.post("/cases/{reference}/steps/{step}",
          response={200: CaseStateOut, 400: ErrorOut, 409: RefusedOut, **_ERRORS}, tags=["casework"])
@declares(Action.CASE_TRANSITION)
def case_step_take(request: HttpRequest, body: StepIn, reference: str = Path(..., max_length=24, pattern=REFERENCE),
                   step: str = Path(..., max_length=40, pattern=STEP)) -> Any:
    """Take a step (the one door: lifecycle, roles and rules are checked). 409 lists every reason it
    is refused now, or says the case changed since ``expected_version``; 403 means your role may
    not take it."""
    from django.core.exceptions import PermissionDenied
    from django.core.exceptions import ValidationError as DjangoValidationError

    from candour.cases.transitions import TransitionRefused, case_transition
    from candour.common.errors import StaleEdit
    from candour.domain.lifecycle import TRANSITIONS_BY_NAME

    case = case_selectors.case_get_for_user(user=request.user, reference=reference)  # type: ignore[arg-type]
    if step not in TRANSITIONS_BY_NAME:
        raise Http404("No such step")
    inputs = {k: v for k, v in body.inputs.dict().items() if v is not None}
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


class ReviewOut(Schema):
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
    reviews: list[ReviewOut]
    cps_referrals: list[CpsReferralOut]
    pauses: list[PauseOut]


@api.get("/cases/{reference}/proceedings", response={200: ProceedingsOut, **_ERRORS}, tags=["casework"])
@declares(Action.CASE_VIEW)
def case_proceedings(request: HttpRequest, reference: str = Path(..., max_length=24, pattern=REFERENCE)) -> Any:
    """The case's proceedings: notices and their dates, the panel, appeals, complainant reviews,
    CPS referrals and pauses for criminal proceedings."""
    case = case_selectors.case_get_for_user(user=request.user, reference=reference)  # type: ignore[arg-type]
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


@api.get("/queue", response={200: list[QueueItemOut], **_ERRORS}, tags=["casework"])
@declares(Action.CASE_VIEW)
def queue(request: HttpRequest, limit: int = Query(50, ge=1, le=200), page: int = Query(1, ge=1, le=100_000),
          due: Literal["all", "overdue", "week"] = "all") -> Any:
    """Your cases, nearest statutory clock first, overdue first: ``limit`` a page, page ``page``
    (past the last page: the last page), all of them or only those overdue or due within 7 days."""
    from django.utils import timezone

    today = timezone.localdate()
    mine = case_selectors.queue_for_user(user=request.user, today=today, view=due,  # type: ignore[arg-type]
                                         page=page, per_page=limit)
    return [{"reference": c.reference, "case_type": c.case_type, "state": c.state, "received_on": c.received_on,
             "next_due_on": c.next_due_on, "overdue": c.next_due_on is not None and c.next_due_on < today}
            for c in mine.cases]


# -- workforce integrity registers (docs/workforce.md) ---------------------------------------

class SuspensionOut(Schema):
    uuid: UUID
    officer_uuid: UUID
    officer_name: str
    kind: Literal["suspension", "restricted_duties"]
    case_reference: str | None
    started_on: date
    ground: str
    notified: str
    confirmation_due_on: date | None
    confirmed_in_writing_on: date | None
    next_review_on: date | None
    review_overdue: bool
    ended_on: date | None
    end_reason: str
    days: int
    cost: str | None = Field(None, description="Days suspended x daily pay for the rank, in pounds "
                                                "(pay scale: configuration, not law)")
    version: int


class SuspensionStartIn(Schema):
    model_config = {"extra": "forbid"}

    kind: Literal["suspension", "restricted_duties"]
    started_on: date | None = Field(None, description="Leave out for today")
    reasons: str = Field(..., min_length=1, max_length=4000, pattern=NO_NUL)
    redeployment_considered: bool = False
    redeployment_not_appropriate_because: str = Field("", max_length=4000, pattern=NO_NUL)
    ground: Literal["investigation_prejudice", "public_interest", ""] = ""
    notified: Literal["written", "oral"] = "written"
    case_reference: str | None = Field(None, max_length=24, pattern=REFERENCE)


class SuspensionReviewIn(Schema):
    model_config = {"extra": "forbid"}

    reviewed_on: date | None = Field(None, description="Leave out for today")
    reasons: str = Field(..., min_length=1, max_length=4000, pattern=NO_NUL)
    expected_version: int | None = Field(None, ge=1, le=2_000_000_000)


class SuspensionConfirmationIn(Schema):
    model_config = {"extra": "forbid"}

    sent_on: date | None = Field(None, description="Leave out for today")
    expected_version: int | None = Field(None, ge=1, le=2_000_000_000)


class SuspensionRepresentationsIn(Schema):
    model_config = {"extra": "forbid"}

    received_on: date | None = Field(None, description="Leave out for today")
    made_by: Literal["officer", "police_friend"]
    summary: str = Field(..., min_length=1, max_length=4000, pattern=NO_NUL)


class SuspensionEndIn(Schema):
    model_config = {"extra": "forbid"}

    ended_on: date | None = Field(None, description="Leave out for today")
    reason: str = Field(..., min_length=1, max_length=4000, pattern=NO_NUL)
    expected_version: int | None = Field(None, ge=1, le=2_000_000_000)


class ConvictionOut(Schema):
    uuid: UUID
    officer_uuid: UUID
    officer_name: str
    offence: str
    offence_on: date
    offence_class: str
    disposal: str
    disposal_on: date
    court: str
    classification: str
    suggested_classification: str
    while_serving: bool
    age_at_offence: int | None
    policy: Literal["deemed_gross_misconduct", "presumption_of_refusal", "trivial", "consider"]
    policy_reasons: list[str]
    vetting_review_needed: bool


_CLASSES = Literal["serious_traffic", "dishonesty", "violence", "sexual", "drugs", "public_order",
                   "criminal_damage", "other"]


class ConvictionIn(Schema):
    model_config = {"extra": "forbid"}

    offence: str = Field(..., min_length=1, max_length=300, pattern=NO_NUL)
    offence_on: date
    disposal: Literal["conviction", "caution", "penalty_notice", "court_condition", "other"]
    disposal_on: date
    offence_class: Literal["indictable_only", "either_way", "summary", "unknown"] = "unknown"
    court: str = Field("", max_length=200, pattern=NO_NUL)
    sentence: str = Field("", max_length=300, pattern=NO_NUL)
    classification: _CLASSES | Literal[""] = Field("", description="Leave empty to use the suggested class")
    case_reference: str | None = Field(None, max_length=24, pattern=REFERENCE)


class ListEntryOut(Schema):
    uuid: UUID
    officer_uuid: UUID
    surname: str
    forenames: str
    list: Literal["barred", "advisory"]
    basis: str
    event_on: date
    report_due_on: date
    reported_on: date | None
    review_from: date | None
    case_reference: str | None


class ListReportedIn(Schema):
    model_config = {"extra": "forbid"}

    reported_on: date | None = Field(None, description="Leave out for today")


class WarningOut(Schema):
    officer_uuid: UUID
    officer_name: str
    warning: Literal["written_warning", "final_written_warning"]
    case_reference: str
    notified_on: date
    expires_on: date
    expiring_soon: bool


class IntegrityTotalsOut(Schema):
    suspended_now: int
    restricted_now: int
    running_cost: str
    year: int
    cost_this_year: str
    reviews_overdue: int
    confirmations_due: int
    confirmations_overdue: int
    convictions: int
    while_serving: int
    convictions_by_class: dict[str, int]
    while_serving_by_class: dict[str, int]
    pay_scale: str


#: A change may also be refused for a body that is not JSON (400) or for the record's state (409).
_REFUSALS: dict[int, Any] = {400: ErrorOut, 409: RefusedOut, **_ERRORS}


def _suspension_out(row: Any) -> dict[str, Any]:
    e = row.episode
    return {"uuid": e.uuid, "officer_uuid": e.officer.uuid, "officer_name": e.officer.full_name, "kind": e.kind,
            "case_reference": e.case.reference if e.case else None, "started_on": e.started_on,
            "ground": e.ground, "notified": e.notified, "confirmation_due_on": e.confirmation_due_on,
            "confirmed_in_writing_on": e.confirmed_in_writing_on, "next_review_on": e.next_review_on,
            "review_overdue": row.review_overdue, "ended_on": e.ended_on, "end_reason": e.end_reason,
            "days": row.cost.days, "cost": str(row.cost.total) if row.cost.total is not None else None,
            "version": e.version}


def _episode_answer(episode: Any) -> dict[str, Any]:
    from django.utils import timezone

    from candour.domain.integrity import load_pay_scale
    from candour.workforce.selectors import episode_row

    episode.refresh_from_db()
    return _suspension_out(episode_row(episode, today=timezone.localdate(), scale=load_pay_scale()))


def _conviction_out(c: Any) -> dict[str, Any]:
    return {**{f: getattr(c, f) for f in (
        "uuid", "offence", "offence_on", "offence_class", "disposal", "disposal_on", "court", "classification",
        "suggested_classification", "while_serving", "age_at_offence", "policy", "vetting_review_needed")},
        "officer_uuid": c.officer.uuid, "officer_name": c.officer.full_name,
        "policy_reasons": [r for r in c.policy_reasons.split("; ") if r]}


def _case_in_force(request: HttpRequest, reference: str | None) -> Any:
    if not reference:
        return None
    case = case_selectors.case_list_for_user(user=request.user).filter(reference__iexact=reference).first()  # type: ignore[arg-type]
    if case is None:
        raise Http404("No case in your force has that reference")
    return case


def _refusal(exc: Exception) -> tuple[int, dict[str, Any]]:
    from django.core.exceptions import ValidationError as DjangoValidationError

    assert isinstance(exc, DjangoValidationError)
    return 409, {"detail": "Refused: nothing was changed", "reasons": exc.messages}


@api.get("/integrity/totals", response={200: IntegrityTotalsOut, **_ERRORS}, tags=["integrity"])
@declares(Action.INTEGRITY_VIEW)
def integrity_totals(request: HttpRequest, year: int | None = Query(
        None, ge=2000, le=2100, description="Calendar year for cost_this_year; the current year if left out")) -> Any:
    """The force's figures: cost of suspended staff, restricted duties, overdue reviews and
    confirmations, convictions and cautions of serving officers by class."""
    from django.utils import timezone

    from candour.domain.integrity import load_pay_scale
    from candour.workforce.selectors import integrity_totals_for_user

    t = integrity_totals_for_user(user=request.user, today=timezone.localdate(), scale=load_pay_scale(),  # type: ignore[arg-type]
                                  year=year)
    return {"suspended_now": t.suspended_now, "restricted_now": t.restricted_now, "running_cost": str(t.running_cost),
            "year": t.year, "cost_this_year": str(t.cost_this_year), "reviews_overdue": t.reviews_overdue,
            "confirmations_due": t.confirmations_due, "confirmations_overdue": t.confirmations_overdue,
            "convictions": t.convictions, "while_serving": t.while_serving,
            "convictions_by_class": t.convictions_by_class, "while_serving_by_class": t.while_serving_by_class,
            "pay_scale": t.pay_scale}


@api.get("/suspensions", response={200: list[SuspensionOut], **_ERRORS}, tags=["integrity"])
@declares(Action.SUSPENSION_VIEW)
def suspension_list(request: HttpRequest, open_only: bool = False, limit: int = Query(100, ge=1, le=500)) -> Any:
    """Suspension and restricted-duties episodes in your force, open ones first, with cost and clocks."""
    from django.utils import timezone

    from candour.domain.integrity import load_pay_scale
    from candour.workforce.selectors import suspension_rows_for_user

    rows = suspension_rows_for_user(user=request.user, today=timezone.localdate(), scale=load_pay_scale(),  # type: ignore[arg-type]
                                    open_only=open_only)
    return [_suspension_out(r) for r in rows[:limit]]


@api.get("/suspensions/{suspension_uuid}", response={200: SuspensionOut, **_ERRORS}, tags=["integrity"])
@declares(Action.SUSPENSION_VIEW)
def suspension_get(request: HttpRequest, suspension_uuid: UUID) -> Any:
    from candour.workforce.selectors import suspension_get_for_user

    return _episode_answer(suspension_get_for_user(user=request.user, suspension_uuid=str(suspension_uuid)))  # type: ignore[arg-type]


@api.post("/officers/{officer_uuid}/suspensions", response={201: SuspensionOut, **_REFUSALS}, tags=["integrity"])
@declares(Action.SUSPENSION_MANAGE)
def suspension_start(request: HttpRequest, officer_uuid: UUID, body: SuspensionStartIn) -> Any:
    """Suspend an officer or restrict their duties (reg 11 conditions for a suspension). 409 lists
    every reason it is refused, for example an episode already open."""
    from django.core.exceptions import ValidationError as DjangoValidationError
    from django.utils import timezone

    from candour.workforce import services as workforce_services

    officer = people_selectors.officer_get_for_user(user=request.user, officer_uuid=str(officer_uuid))  # type: ignore[arg-type]
    case = _case_in_force(request, body.case_reference)
    data = body.dict(exclude={"case_reference"})
    data["started_on"] = data["started_on"] or timezone.localdate()
    try:
        episode = workforce_services.suspension_start(officer=officer, user=request.user, case=case, **data)  # type: ignore[arg-type]
    except DjangoValidationError as exc:
        return _refusal(exc)
    return 201, _episode_answer(episode)


def _episode_change(request: HttpRequest, suspension_uuid: UUID, service: Any, data: dict[str, Any]) -> Any:
    from django.core.exceptions import ValidationError as DjangoValidationError

    from candour.workforce.selectors import suspension_get_for_user

    episode = suspension_get_for_user(user=request.user, suspension_uuid=str(suspension_uuid),  # type: ignore[arg-type]
                                      action=Action.SUSPENSION_MANAGE)
    try:
        service(episode=episode, user=request.user, **data)
    except DjangoValidationError as exc:
        return _refusal(exc)
    return 200, _episode_answer(episode)


@api.post("/suspensions/{suspension_uuid}/reviews", response={200: SuspensionOut, **_REFUSALS}, tags=["integrity"])
@declares(Action.SUSPENSION_MANAGE)
def suspension_review(request: HttpRequest, suspension_uuid: UUID, body: SuspensionReviewIn) -> Any:
    """Record a review with its reasons; the next review is recomputed from it."""
    from candour.workforce import services as workforce_services

    return _episode_change(request, suspension_uuid, workforce_services.suspension_review_record, body.dict())


@api.post("/suspensions/{suspension_uuid}/confirmation", response={200: SuspensionOut, **_REFUSALS},
          tags=["integrity"])
@declares(Action.SUSPENSION_MANAGE)
def suspension_confirmation(request: HttpRequest, suspension_uuid: UUID, body: SuspensionConfirmationIn) -> Any:
    """Record the written confirmation of an oral suspension."""
    from candour.workforce import services as workforce_services

    return _episode_change(request, suspension_uuid, workforce_services.suspension_confirmation_record, body.dict())


@api.post("/suspensions/{suspension_uuid}/representations", response={200: SuspensionOut, **_REFUSALS},
          tags=["integrity"])
@declares(Action.SUSPENSION_MANAGE)
def suspension_representations(request: HttpRequest, suspension_uuid: UUID,
                               body: SuspensionRepresentationsIn) -> Any:
    """Record representations against the suspension (reg 11(7))."""
    from candour.workforce import services as workforce_services

    return _episode_change(request, suspension_uuid, workforce_services.suspension_representations_record,
                           body.dict())


@api.post("/suspensions/{suspension_uuid}/end", response={200: SuspensionOut, **_REFUSALS}, tags=["integrity"])
@declares(Action.SUSPENSION_MANAGE)
def suspension_end(request: HttpRequest, suspension_uuid: UUID, body: SuspensionEndIn) -> Any:
    """End the episode with its reason."""
    from candour.workforce import services as workforce_services

    return _episode_change(request, suspension_uuid, workforce_services.suspension_end, body.dict())


@api.get("/convictions", response={200: list[ConvictionOut], **_ERRORS}, tags=["integrity"])
@declares(Action.CONVICTION_VIEW)
def conviction_list(request: HttpRequest, limit: int = Query(100, ge=1, le=500)) -> Any:
    """Convictions, cautions, penalty notices and court conditions in your force, newest first."""
    from candour.workforce.selectors import conviction_list_for_user

    return [_conviction_out(c) for c in conviction_list_for_user(user=request.user)[:limit]]  # type: ignore[arg-type]


@api.get("/convictions/{conviction_uuid}", response={200: ConvictionOut, **_ERRORS}, tags=["integrity"])
@declares(Action.CONVICTION_VIEW)
def conviction_get(request: HttpRequest, conviction_uuid: UUID) -> Any:
    from candour.workforce.selectors import conviction_get_for_user

    return _conviction_out(conviction_get_for_user(user=request.user, conviction_uuid=str(conviction_uuid)))  # type: ignore[arg-type]


@api.post("/officers/{officer_uuid}/convictions", response={201: ConvictionOut, **_REFUSALS}, tags=["integrity"])
@declares(Action.CONVICTION_MANAGE)
def conviction_record(request: HttpRequest, officer_uuid: UUID, body: ConvictionIn) -> Any:
    """Record a conviction, caution or notice; the answer carries the suggested and chosen class,
    whether it was committed while serving, and the policy view with its reasons."""
    from django.core.exceptions import ValidationError as DjangoValidationError

    from candour.workforce import services as workforce_services

    officer = people_selectors.officer_get_for_user(user=request.user, officer_uuid=str(officer_uuid))  # type: ignore[arg-type]
    case = _case_in_force(request, body.case_reference)
    try:
        conviction = workforce_services.conviction_record(officer=officer, user=request.user, case=case,  # type: ignore[arg-type]
                                                          **body.dict(exclude={"case_reference"}))
    except DjangoValidationError as exc:
        return _refusal(exc)
    return 201, _conviction_out(conviction)


@api.get("/warnings", response={200: list[WarningOut], **_ERRORS}, tags=["integrity"])
@declares(Action.INTEGRITY_VIEW)
def warnings_in_force(request: HttpRequest, limit: int = Query(500, ge=1, le=5000)) -> Any:
    """Written and final written warnings in force in your force today, soonest expiry first."""
    from django.utils import timezone

    from candour.cases.selectors import warnings_in_force_for_user

    return [{"officer_uuid": r.subject.officer.uuid, "officer_name": r.subject.officer.full_name,  # type: ignore[union-attr]
             "warning": r.subject.outcome, "case_reference": r.subject.allegation.case.reference,
             "notified_on": r.subject.outcome_on, "expires_on": r.expires_on, "expiring_soon": r.expiring_soon}
            for r in warnings_in_force_for_user(user=request.user, today=timezone.localdate())[:limit]]  # type: ignore[arg-type]


def _list_entry_out(e: Any) -> dict[str, Any]:
    return {"uuid": e.uuid, "officer_uuid": e.officer.uuid, "surname": e.officer.surname,
            "forenames": e.officer.forenames, "list": e.kind, "basis": e.basis_label, "event_on": e.event_on,
            "report_due_on": e.report_due_on, "reported_on": e.reported_on, "review_from": e.review_from,
            "case_reference": e.case.reference if e.case else None}


@api.get("/list-entries", response={200: list[ListEntryOut], **_ERRORS}, tags=["integrity"])
@declares(Action.LIST_VIEW)
def list_entries(request: HttpRequest, limit: int = Query(100, ge=1, le=500)) -> Any:
    """Barred and advisory list entries of your force, newest first."""
    from candour.workforce.selectors import list_entry_list_for_user

    return [_list_entry_out(e) for e in list_entry_list_for_user(user=request.user)[:limit]]  # type: ignore[arg-type]


@api.post("/list-entries/{entry_uuid}/reported", response={200: ListEntryOut, **_REFUSALS}, tags=["integrity"])
@declares(Action.LIST_EXPORT)
def list_entry_reported(request: HttpRequest, entry_uuid: UUID, body: ListReportedIn) -> Any:
    """Mark the entry as reported to the College of Policing."""
    from django.core.exceptions import ValidationError as DjangoValidationError

    from candour.workforce.lists import list_entry_report
    from candour.workforce.selectors import list_entry_get_for_user

    entry = list_entry_get_for_user(user=request.user, entry_uuid=str(entry_uuid), action=Action.LIST_EXPORT)  # type: ignore[arg-type]
    try:
        entry = list_entry_report(entry=entry, user=request.user, **body.dict())  # type: ignore[arg-type]
    except DjangoValidationError as exc:
        return _refusal(exc)
    return 200, _list_entry_out(entry)
# Vetting and the screening match-review queue register their operations on ``api``.
from candour.api import vetting as _vetting  # noqa: E402,F401
