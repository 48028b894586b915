"""Read side of the match-review queue, scoped to the user's force (another force's candidate
is a 404)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from candour.accounts.models import User
from candour.domain.access import Action, can
from candour.screening.models import ScreeningCandidate


def candidate_list_for_user(*, user: User, status: str = ScreeningCandidate.Status.PENDING
                            ) -> QuerySet[ScreeningCandidate]:
    """Candidates of the user's force with ``status`` (pending by default), highest probability first."""
    if user.force_id is None or not can(user.role_set(), Action.SCREENING_REVIEW):
        return ScreeningCandidate.objects.none()
    found = ScreeningCandidate.objects.filter(force_id=user.force_id).select_related(
        "run", "officer", "staff_member")
    if status:
        found = found.filter(status=status)
    return found.order_by("-match_probability", "-match_weight", "id")


def candidate_get_for_user(*, user: User, candidate_uuid: str) -> ScreeningCandidate:
    found = candidate_list_for_user(user=user, status="").filter(uuid=candidate_uuid).select_related(
        "run", "officer", "staff_member", "review", "report", "force").first()
    if found is None:
        raise Http404("No screening candidate found")
    return found
