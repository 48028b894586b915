"""Read side of the workforce integrity registers, scoped to the user's force and role.

Every list is a bounded number of queries whatever the number of officers (the tests hold
each page to a budget): rows come with their officer joined, and the clocks and costs are
computed in Python from the facts on the rows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.http import Http404

from candour.accounts.models import User
from candour.domain import integrity
from candour.domain.access import Action, can
from candour.workforce.models import Conviction, ListEntry, SuspensionEpisode


def _force_id(user: User, action: Action) -> int | None:
    """The user's force, if their roles grant ``action`` (reads never leave that force)."""
    if user.force_id is None or not can(user.role_set(), action):
        return None
    return user.force_id


# -- suspensions -----------------------------------------------------------------------------

def suspension_list_for_user(*, user: User, action: Action = Action.SUSPENSION_VIEW) -> QuerySet[SuspensionEpisode]:
    force_id = _force_id(user, action)
    if force_id is None:
        return SuspensionEpisode.objects.none()
    return SuspensionEpisode.objects.filter(force_id=force_id).select_related("officer", "case")


def suspension_get_for_user(*, user: User, suspension_uuid: str,
                            action: Action = Action.SUSPENSION_VIEW) -> SuspensionEpisode:
    episode = suspension_list_for_user(user=user, action=action).select_related("force").filter(
        uuid=suspension_uuid).first()
    if episode is None:
        raise Http404("No suspension found")
    return episode


@dataclass(frozen=True)
class EpisodeRow:
    episode: SuspensionEpisode
    cost: integrity.Cost
    review_overdue: bool
    confirmation_overdue: bool
    confirmation_pending: bool


def episode_row(episode: SuspensionEpisode, *, today: date, scale: integrity.PayScale) -> EpisodeRow:
    cost = integrity.suspension_cost(started_on=episode.started_on, ended_on=episode.ended_on, today=today,
                                     rank=episode.officer.rank, scale=scale) \
        if episode.kind == SuspensionEpisode.Kind.SUSPENSION else \
        integrity.Cost(integrity.days_suspended(episode.started_on, episode.ended_on, today), None, None,
                       "restricted duties: the officer is working, so no cost of suspension")
    pending = (episode.kind == SuspensionEpisode.Kind.SUSPENSION and episode.notified == "oral"
               and episode.confirmed_in_writing_on is None)
    return EpisodeRow(
        episode, cost,
        review_overdue=episode.ended_on is None and integrity.review_overdue(episode.next_review_on, today),
        confirmation_overdue=(pending and episode.confirmation_due_on is not None
                              and episode.confirmation_due_on < today),
        confirmation_pending=pending)


def suspension_rows_for_user(*, user: User, today: date, scale: integrity.PayScale,
                             open_only: bool = False) -> list[EpisodeRow]:
    episodes = suspension_list_for_user(user=user)
    if open_only:
        episodes = episodes.filter(ended_on__isnull=True)
    return [episode_row(e, today=today, scale=scale) for e in episodes.order_by("ended_on", "-started_on")]


@dataclass
class IntegrityTotals:
    """The force's integrity figures: cost of suspended staff, restricted duties, overdue clocks."""

    suspended_now: int = 0
    restricted_now: int = 0
    running_cost: Decimal = Decimal("0.00")
    cost_this_year: Decimal = Decimal("0.00")
    uncosted: int = 0
    reviews_overdue: int = 0
    confirmations_due: int = 0
    confirmations_overdue: int = 0
    convictions_by_class: dict[str, int] = field(default_factory=dict)
    while_serving_by_class: dict[str, int] = field(default_factory=dict)
    convictions: int = 0
    while_serving: int = 0
    rows: list[EpisodeRow] = field(default_factory=list)
    pay_scale: str = ""
    year: int = 0


def integrity_totals_for_user(*, user: User, today: date, scale: integrity.PayScale,
                              year: int | None = None) -> IntegrityTotals:
    """Two queries: every episode of the force open today or ended since 1 January of ``year``
    (default: this year) with its officer, and the convictions by class.

    ``running_cost`` sums the suspensions open today (days so far x daily pay);
    ``cost_this_year`` every suspension day of ``year`` up to today."""
    totals = IntegrityTotals(pay_scale=scale.version or scale.source, year=year or today.year)
    force_id = _force_id(user, Action.INTEGRITY_VIEW)
    if force_id is None:
        return totals
    year_start, year_end = date(totals.year, 1, 1), date(totals.year, 12, 31)
    episodes = SuspensionEpisode.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=year_start), force_id=force_id).select_related("officer")
    for episode in episodes.order_by("-started_on"):
        row = episode_row(episode, today=today, scale=scale)
        is_suspension = episode.kind == SuspensionEpisode.Kind.SUSPENSION
        if episode.ended_on is None:
            totals.rows.append(row)
            if is_suspension:
                totals.suspended_now += 1
                if row.cost.total is None:
                    totals.uncosted += 1
                else:
                    totals.running_cost += row.cost.total
            else:
                totals.restricted_now += 1
            totals.reviews_overdue += row.review_overdue
        totals.confirmations_due += row.confirmation_pending
        totals.confirmations_overdue += row.confirmation_overdue
        if is_suspension and row.cost.daily_pay is not None and episode.started_on <= year_end:
            first = max(episode.started_on, year_start)
            last = min(episode.ended_on or year_end, year_end)
            totals.cost_this_year += row.cost.daily_pay * integrity.days_suspended(first, last, today)
    report = conviction_report_for_user(user=user, action=Action.INTEGRITY_VIEW)
    totals.convictions_by_class, totals.while_serving_by_class = report.by_class, report.while_serving_by_class
    totals.convictions, totals.while_serving = report.total, report.while_serving
    return totals


# -- convictions -----------------------------------------------------------------------------

def conviction_list_for_user(*, user: User) -> QuerySet[Conviction]:
    force_id = _force_id(user, Action.CONVICTION_VIEW)
    if force_id is None:
        return Conviction.objects.none()
    return Conviction.objects.filter(force_id=force_id).select_related("officer", "case")


def conviction_get_for_user(*, user: User, conviction_uuid: str) -> Conviction:
    found = conviction_list_for_user(user=user).filter(uuid=conviction_uuid).first()
    if found is None:
        raise Http404("No conviction found")
    return found


@dataclass
class ConvictionReport:
    """Like the Commissioner's April 2023 letter (regulations.md §9): serving officers with
    convictions or cautions, by class, and how many were committed while serving."""

    total: int = 0
    officers: int = 0
    while_serving: int = 0
    by_class: dict[str, int] = field(default_factory=dict)
    while_serving_by_class: dict[str, int] = field(default_factory=dict)
    by_policy: dict[str, int] = field(default_factory=dict)


def conviction_report_for_user(*, user: User, action: Action = Action.INTEGRITY_VIEW) -> ConvictionReport:
    """One query: convictions and cautions of officers still serving (or suspended)."""
    report = ConvictionReport()
    force_id = _force_id(user, action)
    if force_id is None:
        return report
    rows = (Conviction.objects.filter(force_id=force_id, disposal__in=("conviction", "caution"),
                                      officer__status__in=("serving", "suspended"))
            .values_list("officer_id", "classification", "while_serving", "policy"))
    by_class: Counter[str] = Counter()
    serving: Counter[str] = Counter()
    policies: Counter[str] = Counter()
    officers = set()
    for officer_id, classification, while_serving, policy in rows:
        officers.add(officer_id)
        by_class[classification] += 1
        policies[policy] += 1
        if while_serving:
            serving[classification] += 1
    report.total = sum(by_class.values())
    report.officers = len(officers)
    report.while_serving = sum(serving.values())
    report.by_class = {key: by_class.get(key, 0) for key in integrity.CLASSIFICATIONS}
    report.while_serving_by_class = {key: serving.get(key, 0) for key in integrity.CLASSIFICATIONS}
    report.by_policy = {key: policies.get(key, 0) for key in integrity.POLICY_LABELS}
    return report


# -- barred and advisory lists ---------------------------------------------------------------

def list_entry_list_for_user(*, user: User, action: Action = Action.LIST_VIEW) -> QuerySet[ListEntry]:
    force_id = _force_id(user, action)
    if force_id is None:
        return ListEntry.objects.none()
    return ListEntry.objects.filter(force_id=force_id).select_related("officer", "case", "force")


def list_entry_get_for_user(*, user: User, entry_uuid: str, action: Action = Action.LIST_VIEW) -> ListEntry:
    found = list_entry_list_for_user(user=user, action=action).filter(uuid=entry_uuid).first()
    if found is None:
        raise Http404("No list entry found")
    return found


#: The export's columns, in order (docs/workforce.md explains each and its source).
LIST_EXPORT_COLUMNS = (
    "force", "surname", "forenames", "date_of_birth", "warrant_number", "collar_number", "rank", "list",
    "event_date", "basis", "review_eligible_from", "case_reference", "report_due", "reported_on",
)


def list_export_rows_for_user(*, user: User) -> list[dict[str, str]]:
    """One row per entry, in the form the College of Policing receives notifications."""
    rows = []
    for entry in list_entry_list_for_user(user=user, action=Action.LIST_EXPORT).order_by("event_on", "id"):
        officer = entry.officer
        rows.append({
            "force": entry.force.name,
            "surname": officer.surname,
            "forenames": officer.forenames,
            "date_of_birth": officer.date_of_birth.isoformat() if officer.date_of_birth else "",
            "warrant_number": officer.warrant_number,
            "collar_number": officer.collar_number,
            "rank": officer.get_rank_display(),
            "list": entry.get_kind_display(),
            "event_date": entry.event_on.isoformat(),
            "basis": entry.basis_label,
            "review_eligible_from": entry.review_from.isoformat() if entry.review_from else "",
            "case_reference": entry.case.reference if entry.case else "",
            "report_due": entry.report_due_on.isoformat(),
            "reported_on": entry.reported_on.isoformat() if entry.reported_on else "",
        })
    return rows
