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
    return [{"label": c.label, "due": c.due, "overdue": c.overdue, "rule": c.rule, "basis": c.basis}
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

    from candour.cases.services import StaleEdit, TransitionRefused, case_transition
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


@api.get("/queue", response={200: list[QueueItemOut], **_ERRORS}, tags=["casework"])
@declares(Action.CASE_VIEW)
def queue(request: HttpRequest, limit: int = Query(50, ge=1, le=200)) -> Any:
    """Your cases, nearest statutory clock first, overdue first."""
    from django.utils import timezone

    today = timezone.localdate()
    mine = case_selectors.queue_for_user(user=request.user, today=today, limit=limit)  # type: ignore[arg-type]
    return [{"reference": c.reference, "case_type": c.case_type, "state": c.state, "received_on": c.received_on,
             "next_due_on": c.next_due_on, "overdue": c.next_due_on is not None and c.next_due_on < today}
            for c in mine.cases]


# Vetting and the screening match-review queue register their operations on ``api``.
from candour.api import vetting as _vetting  # noqa: E402,F401
