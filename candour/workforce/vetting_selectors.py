"""Read side for vetting: the force's register and single records, scoped to the user's force
(another force's record is a 404)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import QuerySet
from django.http import Http404

from candour.accounts.models import User
from candour.domain import vetting as rules
from candour.domain.access import Action, can
from candour.workforce.models import VettingClearance, VettingReview, WithdrawalAssessment

#: How far ahead the register looks for renewals.
RENEWAL_WINDOW_DAYS = 90


def _allowed(user: User) -> bool:
    return user.force_id is not None and can(user.role_set(), Action.VETTING_VIEW)


def clearance_list_for_user(*, user: User) -> QuerySet[VettingClearance]:
    if user.force_id is None or not _allowed(user):
        return VettingClearance.objects.none()
    return VettingClearance.objects.filter(force_id=user.force_id).select_related("officer", "staff_member")


def review_list_for_user(*, user: User) -> QuerySet[VettingReview]:
    if user.force_id is None or not _allowed(user):
        return VettingReview.objects.none()
    return VettingReview.objects.filter(force_id=user.force_id).select_related("officer", "staff_member",
                                                                                "clearance", "case")


def assessment_list_for_user(*, user: User) -> QuerySet[WithdrawalAssessment]:
    if user.force_id is None or not _allowed(user):
        return WithdrawalAssessment.objects.none()
    return WithdrawalAssessment.objects.filter(force_id=user.force_id).select_related(
        "clearance__officer", "clearance__staff_member", "review")


def clearance_get_for_user(*, user: User, clearance_uuid: str) -> VettingClearance:
    found = clearance_list_for_user(user=user).filter(uuid=clearance_uuid).first()
    if found is None:
        raise Http404("No clearance found")
    return found


def review_get_for_user(*, user: User, review_uuid: str) -> VettingReview:
    found = review_list_for_user(user=user).filter(uuid=review_uuid).first()
    if found is None:
        raise Http404("No review found")
    return found


def assessment_get_for_user(*, user: User, assessment_uuid: str) -> WithdrawalAssessment:
    found = assessment_list_for_user(user=user).filter(uuid=assessment_uuid).first()
    if found is None:
        raise Http404("No withdrawal assessment found")
    return found


@dataclass
class Register:
    today: date
    overdue: list[VettingClearance] = field(default_factory=list)
    due_soon: list[VettingClearance] = field(default_factory=list)
    under_assessment: list[WithdrawalAssessment] = field(default_factory=list)
    open_reviews: list[VettingReview] = field(default_factory=list)
    held: int = 0


def vetting_register_for_user(*, user: User, today: date) -> Register:
    """Renewals overdue and due in the next 90 days (held clearances), assessments still running,
    reviews still open."""
    held = clearance_list_for_user(user=user).filter(status__in=(VettingClearance.Status.VALID,
                                                                 VettingClearance.Status.UNDER_WITHDRAWAL_ASSESSMENT))
    register = Register(today=today, held=held.count())
    register.overdue = list(held.filter(renewal_due_on__lt=today).order_by("renewal_due_on", "id")[:200])
    register.due_soon = list(held.filter(renewal_due_on__gte=today,
                                         renewal_due_on__lte=today + timedelta(days=RENEWAL_WINDOW_DAYS))
                             .order_by("renewal_due_on", "id")[:200])
    register.under_assessment = [a for a in assessment_list_for_user(user=user).order_by("started_on", "id")[:500]
                                 if rules.is_open(a.facts())]
    register.open_reviews = list(review_list_for_user(user=user).filter(status=VettingReview.Status.OPEN)
                                 .order_by("opened_on", "id")[:200])
    return register
