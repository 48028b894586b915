"""/api/v1 workforce integrity registers (docs/workforce.md): suspension and restricted-duties
episodes, convictions and cautions, written warnings in force, barred and advisory list entries,
and the force's totals. A change the rules refuse is a 409 with every reason; nothing is changed."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from candour.api.base import declares, refusal
from candour.api.schemas import ERRORS, NO_NUL, REFERENCE, REFUSALS, choices_literal
from candour.cases import selectors as case_selectors
from candour.cases.models import WARNING_OUTCOMES
from candour.cases.selectors import warnings_in_force_for_user
from candour.domain.access import Action
from candour.domain.integrity import load_pay_scale
from candour.people import selectors as people_selectors
from candour.workforce import lists as workforce_lists
from candour.workforce import services as workforce_services
from candour.workforce.models import Conviction, ListEntry, SuspensionEpisode, SuspensionRepresentation
from candour.workforce.selectors import (
    conviction_get_for_user,
    conviction_list_for_user,
    episode_row,
    integrity_totals_for_user,
    list_entry_get_for_user,
    list_entry_list_for_user,
    suspension_get_for_user,
    suspension_rows_for_user,
)

router = Router()

SuspensionKind = Annotated[str, choices_literal(SuspensionEpisode.Kind)]
SuspensionGround = Annotated[str, choices_literal(SuspensionEpisode.Ground, blank="last")]
Notified = Annotated[str, choices_literal(SuspensionEpisode.Notified)]
MadeBy = Annotated[str, choices_literal(SuspensionRepresentation.MadeBy)]
Disposal = Annotated[str, choices_literal(Conviction.Disposal)]
OffenceClass = Annotated[str, choices_literal(Conviction.OffenceClass)]
Classification = Annotated[str, choices_literal(Conviction.Classification)]
Policy = Annotated[str, choices_literal(Conviction.Policy)]
ListKind = Annotated[str, choices_literal(ListEntry.Kind)]
WarningOutcome = Annotated[str, choices_literal(WARNING_OUTCOMES)]


class SuspensionOut(Schema):
    uuid: UUID
    officer_uuid: UUID
    officer_name: str
    kind: SuspensionKind
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

    kind: SuspensionKind
    started_on: date | None = Field(None, description="Leave out for today")
    reasons: str = Field(..., min_length=1, max_length=4000, pattern=NO_NUL)
    redeployment_considered: bool = False
    redeployment_not_appropriate_because: str = Field("", max_length=4000, pattern=NO_NUL)
    ground: SuspensionGround = ""
    notified: Notified = "written"
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
    made_by: MadeBy
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
    policy: Policy
    policy_reasons: list[str]
    vetting_review_needed: bool


class ConvictionIn(Schema):
    model_config = {"extra": "forbid"}

    offence: str = Field(..., min_length=1, max_length=300, pattern=NO_NUL)
    offence_on: date
    disposal: Disposal
    disposal_on: date
    offence_class: OffenceClass = "unknown"
    court: str = Field("", max_length=200, pattern=NO_NUL)
    sentence: str = Field("", max_length=300, pattern=NO_NUL)
    classification: Classification | Literal[""] = Field("", description="Leave empty to use the suggested class")
    case_reference: str | None = Field(None, max_length=24, pattern=REFERENCE)


class ListEntryOut(Schema):
    uuid: UUID
    officer_uuid: UUID
    surname: str
    forenames: str
    list: ListKind
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
    warning: WarningOutcome
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


def _refusal(exc: DjangoValidationError) -> tuple[int, dict[str, Any]]:
    return refusal(exc, detail="Refused: nothing was changed")


@router.get("/integrity/totals", response={200: IntegrityTotalsOut, **ERRORS}, tags=["integrity"])
@declares(Action.INTEGRITY_VIEW)
def integrity_totals(request: HttpRequest, year: int | None = Query(
        None, ge=2000, le=2100, description="Calendar year for cost_this_year; the current year if left out")) -> Any:
    """The force's figures: cost of suspended staff, restricted duties, overdue reviews and
    confirmations, convictions and cautions of serving officers by class."""
    t = integrity_totals_for_user(user=request.user, today=timezone.localdate(), scale=load_pay_scale(),  # type: ignore[arg-type]
                                  year=year)
    return {"suspended_now": t.suspended_now, "restricted_now": t.restricted_now, "running_cost": str(t.running_cost),
            "year": t.year, "cost_this_year": str(t.cost_this_year), "reviews_overdue": t.reviews_overdue,
            "confirmations_due": t.confirmations_due, "confirmations_overdue": t.confirmations_overdue,
            "convictions": t.convictions, "while_serving": t.while_serving,
            "convictions_by_class": t.convictions_by_class, "while_serving_by_class": t.while_serving_by_class,
            "pay_scale": t.pay_scale}


@router.get("/suspensions", response={200: list[SuspensionOut], **ERRORS}, tags=["integrity"])
@declares(Action.SUSPENSION_VIEW)
def suspension_list(request: HttpRequest, open_only: bool = False, limit: int = Query(100, ge=1, le=500)) -> Any:
    """Suspension and restricted-duties episodes in your force, open ones first, with cost and clocks."""
    rows = suspension_rows_for_user(user=request.user, today=timezone.localdate(), scale=load_pay_scale(),  # type: ignore[arg-type]
                                    open_only=open_only)
    return [_suspension_out(r) for r in rows[:limit]]


@router.get("/suspensions/{suspension_uuid}", response={200: SuspensionOut, **ERRORS}, tags=["integrity"])
@declares(Action.SUSPENSION_VIEW)
def suspension_get(request: HttpRequest, suspension_uuid: UUID) -> Any:
    return _episode_answer(suspension_get_for_user(user=request.user, suspension_uuid=str(suspension_uuid)))  # type: ignore[arg-type]


@router.post("/officers/{officer_uuid}/suspensions", response={201: SuspensionOut, **REFUSALS}, tags=["integrity"])
@declares(Action.SUSPENSION_MANAGE)
def suspension_start(request: HttpRequest, officer_uuid: UUID, body: SuspensionStartIn) -> Any:
    """Suspend an officer or restrict their duties (reg 11 conditions for a suspension). 409 lists
    every reason it is refused, for example an episode already open."""
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
    episode = suspension_get_for_user(user=request.user, suspension_uuid=str(suspension_uuid),  # type: ignore[arg-type]
                                      action=Action.SUSPENSION_MANAGE)
    try:
        service(episode=episode, user=request.user, **data)
    except DjangoValidationError as exc:
        return _refusal(exc)
    return 200, _episode_answer(episode)


@router.post("/suspensions/{suspension_uuid}/reviews", response={200: SuspensionOut, **REFUSALS}, tags=["integrity"])
@declares(Action.SUSPENSION_MANAGE)
def suspension_review(request: HttpRequest, suspension_uuid: UUID, body: SuspensionReviewIn) -> Any:
    """Record a review with its reasons; the next review is recomputed from it."""
    return _episode_change(request, suspension_uuid, workforce_services.suspension_review_record, body.dict())


@router.post("/suspensions/{suspension_uuid}/confirmation", response={200: SuspensionOut, **REFUSALS},
             tags=["integrity"])
@declares(Action.SUSPENSION_MANAGE)
def suspension_confirmation(request: HttpRequest, suspension_uuid: UUID, body: SuspensionConfirmationIn) -> Any:
    """Record the written confirmation of an oral suspension."""
    return _episode_change(request, suspension_uuid, workforce_services.suspension_confirmation_record, body.dict())


@router.post("/suspensions/{suspension_uuid}/representations", response={200: SuspensionOut, **REFUSALS},
             tags=["integrity"])
@declares(Action.SUSPENSION_MANAGE)
def suspension_representations(request: HttpRequest, suspension_uuid: UUID,
                               body: SuspensionRepresentationsIn) -> Any:
    """Record representations against the suspension (reg 11(7))."""
    return _episode_change(request, suspension_uuid, workforce_services.suspension_representations_record,
                           body.dict())


@router.post("/suspensions/{suspension_uuid}/end", response={200: SuspensionOut, **REFUSALS}, tags=["integrity"])
@declares(Action.SUSPENSION_MANAGE)
def suspension_end(request: HttpRequest, suspension_uuid: UUID, body: SuspensionEndIn) -> Any:
    """End the episode with its reason."""
    return _episode_change(request, suspension_uuid, workforce_services.suspension_end, body.dict())


@router.get("/convictions", response={200: list[ConvictionOut], **ERRORS}, tags=["integrity"])
@declares(Action.CONVICTION_VIEW)
def conviction_list(request: HttpRequest, limit: int = Query(100, ge=1, le=500)) -> Any:
    """Convictions, cautions, penalty notices and court conditions in your force, newest first."""
    return [_conviction_out(c) for c in conviction_list_for_user(user=request.user)[:limit]]  # type: ignore[arg-type]


@router.get("/convictions/{conviction_uuid}", response={200: ConvictionOut, **ERRORS}, tags=["integrity"])
@declares(Action.CONVICTION_VIEW)
def conviction_get(request: HttpRequest, conviction_uuid: UUID) -> Any:
    return _conviction_out(conviction_get_for_user(user=request.user, conviction_uuid=str(conviction_uuid)))  # type: ignore[arg-type]


@router.post("/officers/{officer_uuid}/convictions", response={201: ConvictionOut, **REFUSALS}, tags=["integrity"])
@declares(Action.CONVICTION_MANAGE)
def conviction_record(request: HttpRequest, officer_uuid: UUID, body: ConvictionIn) -> Any:
    """Record a conviction, caution or notice; the answer carries the suggested and chosen class,
    whether it was committed while serving, and the policy view with its reasons."""
    officer = people_selectors.officer_get_for_user(user=request.user, officer_uuid=str(officer_uuid))  # type: ignore[arg-type]
    case = _case_in_force(request, body.case_reference)
    try:
        conviction = workforce_services.conviction_record(officer=officer, user=request.user, case=case,  # type: ignore[arg-type]
                                                          **body.dict(exclude={"case_reference"}))
    except DjangoValidationError as exc:
        return _refusal(exc)
    return 201, _conviction_out(conviction)


@router.get("/warnings", response={200: list[WarningOut], **ERRORS}, tags=["integrity"])
@declares(Action.INTEGRITY_VIEW)
def warnings_in_force(request: HttpRequest, limit: int = Query(500, ge=1, le=5000)) -> Any:
    """Written and final written warnings in force in your force today, soonest expiry first."""
    return [{"officer_uuid": r.subject.officer.uuid, "officer_name": r.subject.officer.full_name,  # type: ignore[union-attr]
             "warning": r.subject.outcome, "case_reference": r.subject.allegation.case.reference,
             "notified_on": r.subject.outcome_on, "expires_on": r.expires_on, "expiring_soon": r.expiring_soon}
            for r in warnings_in_force_for_user(user=request.user, today=timezone.localdate())[:limit]]  # type: ignore[arg-type]


def _list_entry_out(e: Any) -> dict[str, Any]:
    return {"uuid": e.uuid, "officer_uuid": e.officer.uuid, "surname": e.officer.surname,
            "forenames": e.officer.forenames, "list": e.kind, "basis": e.basis_label, "event_on": e.event_on,
            "report_due_on": e.report_due_on, "reported_on": e.reported_on, "review_from": e.review_from,
            "case_reference": e.case.reference if e.case else None}


@router.get("/list-entries", response={200: list[ListEntryOut], **ERRORS}, tags=["integrity"])
@declares(Action.LIST_VIEW)
def list_entries(request: HttpRequest, limit: int = Query(100, ge=1, le=500)) -> Any:
    """Barred and advisory list entries of your force, newest first."""
    return [_list_entry_out(e) for e in list_entry_list_for_user(user=request.user)[:limit]]  # type: ignore[arg-type]


@router.post("/list-entries/{entry_uuid}/reported", response={200: ListEntryOut, **REFUSALS}, tags=["integrity"])
@declares(Action.LIST_EXPORT)
def list_entry_reported(request: HttpRequest, entry_uuid: UUID, body: ListReportedIn) -> Any:
    """Mark the entry as reported to the College of Policing."""
    entry = list_entry_get_for_user(user=request.user, entry_uuid=str(entry_uuid), action=Action.LIST_EXPORT)  # type: ignore[arg-type]
    try:
        entry = workforce_lists.list_entry_report(entry=entry, user=request.user, **body.dict())  # type: ignore[arg-type]
    except DjangoValidationError as exc:
        return _refusal(exc)
    return 200, _list_entry_out(entry)
