"""/api/v1: the JSON interface onto the same selectors and services as the pages.

Every operation declares its ``Action`` with ``@declares``; a test fails when one does not.
Reads are scoped exactly as the pages are: another force's case is a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
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


api = NinjaAPI(title="Candour API", version="1", urls_namespace="api", auth=TokenAuth())


class ErrorOut(Schema):
    detail: str


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


_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@api.get("/cases", response={200: list[CaseSummaryOut], **_ERRORS}, tags=["cases"])
@declares(Action.CASE_SEARCH)
def case_list(request: HttpRequest, q: str = "", limit: int = 50) -> Any:
    """Cases in your force matching a reference, subject name, warrant or collar number."""
    limit = max(1, min(limit, 200))
    if q.strip():
        return case_selectors.case_search(user=request.user, query=q[:100], limit=limit)  # type: ignore[arg-type]
    return list(case_selectors.case_list_for_user(user=request.user)[:limit])  # type: ignore[arg-type]


@api.get("/cases/{reference}", response={200: CaseOut, **_ERRORS}, tags=["cases"])
@declares(Action.CASE_VIEW)
def case_get(request: HttpRequest, reference: str) -> Any:
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
