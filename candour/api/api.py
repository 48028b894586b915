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
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Path, Query, Schema
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
