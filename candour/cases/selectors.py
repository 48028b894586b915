"""Read side for cases, always scoped to what the user may see.

A user sees only their own force; a case outside it is reported as not found, never as
forbidden, so references of other forces cannot be probed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from candour.accounts.models import User
from candour.audit.models import AuditEvent
from candour.cases.models import (
    OPEN_STATES,
    WARNING_OUTCOMES,
    Allegation,
    Appeal,
    Case,
    CaseAccess,
    CaseWitness,
    ComplainantUpdate,
    CooperationRequest,
    CpsReferral,
    ProceedingsNotice,
    Reg17Notice,
    Review,
    Subject,
    TimelineEvent,
)
from candour.domain import integrity
from candour.domain.access import (
    UNRESTRICTED_CASE_ROLES,
    Action,
    CaseAccessFacts,
    Conflict,
    Restriction,
    Role,
    can,
    case_restrictions,
    case_types_visible,
)
from candour.domain.casework import CaseFacts, SubjectFacts
from candour.domain.clocks import Clock, ClockFacts, NoticeClock, ProceedingsClock, RequestClock, case_clocks
from candour.domain.deadlines import compute_deadline
from candour.domain.facts import Warning
from candour.domain.lifecycle import CaseState, CaseType
from candour.domain.proceedings import review_deciders
from candour.people.models import Officer


def _force_scope(user: User, action: Action) -> QuerySet[Case]:
    """The cases of the user's force they may see for ``action``: need-to-know applied
    (:func:`case_visible_to`)."""
    if user.force_id is None or not can(user.role_set(), action):
        return Case.objects.none()
    return case_visible_to(user, Case.objects.filter(force_id=user.force_id))


# -- need-to-know (candour.domain.access.case_visibility, as queries) -------------------------


def _ids(queryset: QuerySet[Case]) -> QuerySet[Any]:
    return queryset.order_by().values("pk")


def cases_about_a_user() -> QuerySet[Any]:
    """Ids of cases one of whose subjects is an officer who uses the service."""
    return _ids(Case.objects.filter(allegations__subjects__officer__user__isnull=False))


def restricted_q() -> Q:
    """Restricted cases: marked (counter-corruption, or restricted), or about a user."""
    return ~Q(restriction="") | Q(pk__in=cases_about_a_user())


def listed_for(user: User) -> QuerySet[Any]:
    """Ids of the cases whose live access list names ``user``."""
    return _ids(Case.objects.filter(access_list__user=user, access_list__revoked_at__isnull=True))


def conflicts_of(user: User) -> QuerySet[Any]:
    """Ids of the cases ``user`` is part of: their officer record a subject or a witness, or
    a named report of theirs linked to it. They never see these."""
    query = Q(reports__reporter=user)
    if user.officer_id is not None:
        query |= Q(allegations__subjects__officer_id=user.officer_id) | Q(witnesses__officer_id=user.officer_id)
    return _ids(Case.objects.filter(query))


def case_visible_to(user: User, cases: QuerySet[Case]) -> QuerySet[Case]:
    """``cases`` narrowed to those ``user`` may see (``case_visibility``): never one they are part
    of; a restricted one only if its access list names them; an unrestricted one if their role
    views the force's cases (counter-corruption officers see only the cases that list them)."""
    roles = user.role_set()
    if roles & UNRESTRICTED_CASE_ROLES:
        cases = cases.filter(~restricted_q() | Q(pk__in=listed_for(user)))
    else:
        seen = Q(pk__in=listed_for(user))
        types = case_types_visible(roles)
        if types:  # counter-corruption: the unrestricted cases of the types it works with, too
            seen |= Q(case_type__in=sorted(types)) & ~restricted_q()
        cases = cases.filter(seen)
    return cases.exclude(pk__in=conflicts_of(user))


def visible_case_ids(*, user: User, case_ids: set[int]) -> set[int]:
    """Which of ``case_ids`` ``user`` may see (for pages that list an officer's cases)."""
    if not case_ids:
        return set()
    return set(_force_scope(user, Action.CASE_VIEW).filter(pk__in=case_ids).values_list("pk", flat=True))


def case_access_facts(*, case: Case, user: User) -> CaseAccessFacts:
    """The facts :func:`candour.domain.access.case_visibility` decides on, for one case."""
    about_a_user = getattr(case, "subject_uses_service", None)
    if about_a_user is None:
        about_a_user = Subject.objects.filter(allegation__case=case, officer__user__isnull=False).exists()
    conflicts: set[Conflict] = set()
    if user.officer_id is not None:
        if Subject.objects.filter(allegation__case=case, officer_id=user.officer_id).exists():
            conflicts.add(Conflict.SUBJECT)
        if CaseWitness.objects.filter(case=case, officer_id=user.officer_id).exists():
            conflicts.add(Conflict.WITNESS)
    if case.reports.filter(reporter=user).exists():
        conflicts.add(Conflict.REPORTER)
    return CaseAccessFacts(
        restrictions=case_restrictions(marked=[case.restriction], subject_uses_service=bool(about_a_user)),
        on_access_list=CaseAccess.objects.filter(case=case, user=user, revoked_at__isnull=True).exists(),
        conflicts=frozenset(conflicts), case_type=case.case_type)


def case_restrictions_of(case: Case) -> frozenset[Restriction]:
    about_a_user = getattr(case, "subject_uses_service", None)
    if about_a_user is None:
        about_a_user = Subject.objects.filter(allegation__case=case, officer__user__isnull=False).exists()
    return case_restrictions(marked=[case.restriction], subject_uses_service=bool(about_a_user))


def case_list_for_user(*, user: User, action: Action = Action.CASE_VIEW) -> QuerySet[Case]:
    return _force_scope(user, action)


def case_get_for_user(*, user: User, reference: str) -> Case:
    """The case with its allegations, subjects and timeline, or 404."""
    subjects = Subject.objects.select_related("officer", "staff_member").prefetch_related("notices")
    allegations = Allegation.objects.prefetch_related(Prefetch("subjects", queryset=subjects))
    case = (
        _force_scope(user, Action.CASE_VIEW)
        .annotate(subject_uses_service=Exists(Subject.objects.filter(allegation__case=OuterRef("pk"),
                                                                     officer__user__isnull=False)))
        .select_related("force", "complainant")
        .prefetch_related(
            Prefetch("allegations", queryset=allegations),
            Prefetch("timeline", queryset=TimelineEvent.objects.order_by("-occurred_at", "-id")),
            # What the case page's clocks and next steps read, fetched once for both.
            "requests", "referrals", "reports",
        )
        .filter(reference=reference.strip().upper())
        .first()
    )
    if case is None:
        raise Http404("No case with that reference")
    return case


def case_search(*, user: User, query: str, limit: int = 50,
                received_from: date | None = None) -> list[Case]:
    """Cases matching a reference, or a subject's name, warrant or collar number, and
    received on or after ``received_from`` when given (newest first)."""
    query = query.strip()
    scope = _force_scope(user, Action.CASE_SEARCH)
    if received_from is not None:
        scope = scope.filter(received_on__gte=received_from)
    if not query:
        if received_from is None:
            return []
        return list(scope.order_by("-received_on", "-id")[:limit])
    upper = query.upper()
    direct = scope.filter(reference=upper)
    if direct.exists():
        return list(direct)
    terms = query.split()
    person_q = Q()
    for term in terms:
        person_q &= (Q(allegations__subjects__officer__surname__icontains=term)
                     | Q(allegations__subjects__officer__forenames__icontains=term)
                     | Q(allegations__subjects__staff_member__surname__icontains=term)
                     | Q(allegations__subjects__staff_member__forenames__icontains=term))
    number_q = (Q(allegations__subjects__officer__warrant_number__iexact=query)
                | Q(allegations__subjects__officer__collar_number__iexact=query)
                | Q(allegations__subjects__staff_member__staff_number__iexact=query)
                | Q(reference__icontains=upper))
    ids = scope.filter(person_q | number_q).values("id").distinct()
    return list(
        Case.objects.filter(id__in=ids).order_by("-received_on", "-id")
        .annotate(allegation_count=Count("allegations"))[:limit]
    )


@dataclass(frozen=True)
class Workload:
    open_cases: int
    logged: int
    under_investigation: int
    received_last_30_days: int


def workload_for_user(*, user: User, today: date) -> Workload:
    scope = _force_scope(user, Action.CASE_VIEW)

    # Two narrow reads, each through its index, rather than one pass over every case the force
    # ever had (open cases are a few per cent of them after ten years).
    counts = scope.filter(state__in=OPEN_STATES).aggregate(
        open_cases=Count("id"),
        logged=Count("id", filter=Q(state="logged")),
        under_investigation=Count("id", filter=Q(state="investigation")),
    )
    counts["recent"] = scope.filter(received_on__gte=today - timedelta(days=30)).count()
    return Workload(counts["open_cases"], counts["logged"], counts["under_investigation"],
                    counts["recent"])


def cases_for_home(*, user: User, limit: int = 10) -> list[Case]:
    """The oldest open cases in the user's force: the work waiting longest comes first."""
    scope = _force_scope(user, Action.CASE_VIEW)
    return list(scope.filter(state__in=OPEN_STATES).order_by("received_on", "id")[:limit])


@dataclass(frozen=True)
class ForceFigures:
    by_type: list[tuple[str, int]]
    by_state: list[tuple[str, int]]
    total: int


def force_figures(*, user: User) -> ForceFigures:
    """Counts of the user's force's cases by type and state (no case details)."""
    if user.force_id is None:
        return ForceFigures([], [], 0)
    base = Case.objects.filter(force_id=user.force_id).order_by()
    by_type = dict(base.values_list("case_type").annotate(n=Count("id")))
    by_state = dict(base.values_list("state").annotate(n=Count("id")))
    return ForceFigures(
        [(t.label, by_type.get(t.value, 0)) for t in CaseType],
        [(s.label, by_state.get(s.value, 0)) for s in CaseState if by_state.get(s.value)],
        sum(by_type.values()),
    )


# -- facts for the rules --------------------------------------------------------------------


def chain_of_command(officer_id: int, *, limit: int = 12) -> list[int]:
    """The officer's line managers, nearest first (cycles and very deep chains are cut off)."""
    chain: list[int] = []
    current: int = officer_id
    for _ in range(limit):
        manager = Officer.objects.filter(pk=current).values_list("line_manager_id", flat=True).first()
        if manager is None or manager in chain or manager == officer_id:
            break
        chain.append(manager)
        current = manager
    return chain


def investigator_conflict(*, case: Case, investigator: User | None) -> str:
    """Why ``investigator`` may not investigate ``case`` (the subject, or in a subject's chain of
    command), or "" when there is no conflict."""
    if investigator is None or investigator.officer_id is None:
        return ""
    subjects = Subject.objects.filter(allegation__case=case, officer__isnull=False).select_related("officer")
    for subject in subjects:
        assert subject.officer is not None
        if subject.officer_id == investigator.officer_id:
            return f"{investigator.name} is a subject of this case"
        if investigator.officer_id in chain_of_command(subject.officer.pk):
            return (f"{investigator.name} is in the chain of command of {subject.officer.full_name}, "
                    "a subject of this case")
    return ""


def _prefetched(case: Case, name: str) -> list[Any] | None:
    """The rows of ``case``'s relation ``name`` if a selector already fetched them, else None."""
    cache = getattr(case, "_prefetched_objects_cache", {})
    return list(cache[name]) if name in cache else None


def case_was_recorded(case: Case) -> bool:
    """Whether the case was ever recorded under Schedule 3 or referred (reviews depend on it)."""
    labels = {CaseState.RECORDED.label, CaseState.REFERRED.label}
    if case.state in (CaseState.RECORDED, CaseState.REFERRED):
        return True
    timeline = _prefetched(case, "timeline")
    if timeline is not None:
        return any(e.kind == "state" and e.title in labels for e in timeline)
    return case.timeline.filter(kind="state", title__in=labels).exists()


def case_facts(*, case: Case, today: date) -> CaseFacts:
    """A snapshot of ``case`` for :func:`candour.domain.casework.check_transition`."""
    raw = dict(case.facts or {})
    subjects = []
    rows = list(Subject.objects.filter(allegation__case=case).select_related("officer", "staff_member")
                .annotate(notice_served=Exists(Reg17Notice.objects.filter(subject=OuterRef("pk")))).order_by("id"))
    # Every subject officer's history in one query (newest case first, as officer_history).
    histories: dict[int, list[Subject]] = defaultdict(list)
    for earlier in officer_history_for(officer_ids={r.officer_id for r in rows if r.officer_id}):
        histories[earlier.officer_id].append(earlier)  # type: ignore[index]
    for subject in rows:
        person = subject.person
        warnings: tuple[Warning, ...] = ()
        if subject.officer is not None:
            history = [s for s in histories[subject.officer.pk] if s.pk != subject.pk]
            warnings = tuple(
                Warning(type="written" if w.subject.outcome == "written_warning" else "final_written",
                        notified_on=w.subject.outcome_on)
                for w in officer_warnings(officer=subject.officer, history=history, today=today)
                if w.subject.outcome_on)
        subjects.append(SubjectFacts(
            key=str(subject.uuid), name=person.full_name,
            kind=(subject.officer.kind if subject.officer else subject.staff_member.kind),  # type: ignore[union-attr]
            rank=subject.officer.rank if subject.officer else None,
            status=person.status, warnings=warnings, severity=subject.severity,
            severity_assessed_on=subject.severity_assessed_on,
            notice_served=subject.notice_served,
            case_to_answer=subject.case_to_answer or None, finding=subject.finding or None,
            outcome=subject.outcome, exceptional_circumstances=bool(subject.exceptional_circumstances.strip()),
            special_conditions_met=subject.special_conditions_met))
    was_recorded = case_was_recorded(case)
    appeal = case.appeals.order_by("-lodged_on", "-id").values_list("result", flat=True).first()
    review = case.reviews.order_by("-received_on", "-id").values_list("outcome", "reinvestigation").first()
    return CaseFacts(
        on=today, case_type=case.case_type, state=case.state, received_on=case.received_on,
        conduct=tuple(raw.get("conduct") or ()), discrimination=tuple(raw.get("discrimination") or ()),
        contact_resulted_in=raw.get("contact_resulted_in"),
        complainant_wants_recording=raw.get("complainant_wants_recording"),
        was_recorded=was_recorded, iopc_mode=case.iopc_mode or None,
        referred=bool(referrals) if (referrals := _prefetched(case, "referrals")) is not None
        else case.referrals.exists(),
        investigator_appointed=case.investigator_id is not None,
        investigator_conflict=investigator_conflict(case=case, investigator=case.investigator),
        subjects=tuple(subjects), outcome_notified_on=case.outcome_notified_on or case.closed_on,
        proceedings_forum=case.proceedings_forum or None,
        proceedings_outcome_on=case.proceedings_outcome_on,
        repeat_without_fresh_evidence=case.repeat_without_fresh_evidence,
        appeal_result=appeal, review_outcome=review[0] if review else None,
        review_reinvestigation=bool(review and review[1]))


def clock_facts(*, case: Case, today: date) -> ClockFacts:
    """A snapshot of ``case`` for :func:`candour.domain.clocks.case_clocks`."""
    notices = tuple(
        NoticeClock(n.subject.person.full_name, n.deemed_served_on, n.response_on is not None)
        for n in Reg17Notice.objects.filter(subject__allegation__case=case)
        .select_related("subject__officer", "subject__staff_member"))
    requests = tuple(RequestClock(f"{r.get_kind_display()} from {r.recipient}", r.due_on, r.answered_on is not None)
                     for r in case.requests.all())
    reports = case.reports.all()
    last_update = ComplainantUpdate.objects.filter(Q(case=case) | Q(report__case=case)).aggregate(
        last=Max("sent_at"))["last"]
    has_complainant = case.complainant_id is not None or any(not r.anonymous for r in reports)
    contacted = case.complainant_contacted_on is not None or any(r.contacted_on for r in reports)
    timeline = _prefetched(case, "timeline")
    if timeline is not None:
        started = min((e.occurred_at for e in timeline if e.kind == "state"), default=None)
    else:
        started = (case.timeline.filter(kind="state").order_by("occurred_at").values_list("occurred_at", flat=True)
                   .first())
    was_recorded = case_was_recorded(case)

    proceedings = tuple(
        ProceedingsClock(p.subject.person.full_name, p.forum, p.notice_on, p.response_due_on, p.response_on,
                         p.witness_lists_on, p.papers_to_chair_on, p.pre_hearing_on, p.hearing_on,
                         bool(p.subject.outcome))
        for p in ProceedingsNotice.objects.filter(subject__allegation__case=case)
        .select_related("subject__officer", "subject__staff_member").order_by("id"))
    appeal_hearing = case.appeals.filter(result="", hearing_on__isnull=False).order_by("hearing_on") \
        .values_list("hearing_on", flat=True).first()
    return ClockFacts(
        today=today, case_type=case.case_type, state=case.state, received_on=case.received_on,
        has_complainant=has_complainant,
        handling_started_on=timezone.localdate(started) if started else None,
        last_update_on=timezone.localdate(last_update) if last_update else None,
        notices=notices, requests=requests, was_recorded=was_recorded,
        outcome_notified_on=case.outcome_notified_on or case.closed_on,
        proceedings_forum=case.proceedings_forum or None, proceedings_outcome_on=case.proceedings_outcome_on,
        proceedings=proceedings, appeal_hearing_on=appeal_hearing, complainant_contacted=contacted)


def case_clocks_for(*, case: Case, today: date) -> list[Clock]:
    return case_clocks(clock_facts(case=case, today=today))


# -- queues ---------------------------------------------------------------------------------

#: The states each role works on, for "my cases".
ROLE_STATES: dict[Role, tuple[str, ...]] = {
    Role.ASSESSOR: ("logged", "outside_schedule_3", "recorded", "referred", "handling", "review"),
    Role.DECISION_MAKER: ("decision", "proceedings", "appeal"),
}
INVESTIGATING = ("investigation", "paused", "decision", "proceedings")
#: Roles with a queue of their own ("My cases"): the rest read the force's cases, or have none.
QUEUE_ROLES = frozenset({Role.INVESTIGATOR, *ROLE_STATES})


#: The views of "my cases": everything, only cases with a clock overdue, or due within a week.
QUEUE_VIEWS = ("all", "overdue", "week")


@dataclass(frozen=True)
class Queue:
    cases: list[Case]
    total: int
    overdue: int
    due_this_week: int
    view: str
    page: Page[Case]


class _Counted:
    """A queryset whose length is already known, for :class:`Paginator` (no second COUNT)."""

    def __init__(self, queryset: QuerySet[Case], count: int) -> None:
        self.queryset, self._count = queryset, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: slice) -> list[Case]:
        return list(self.queryset[index])


def queue_for_user(*, user: User, today: date, view: str = "all", page: int | str = 1,
                   per_page: int = 25) -> Queue:
    """The user's cases, nearest statutory clock first, overdue first, with counts.

    Investigators see the cases they investigate; assessors and decision makers the force's
    cases in the states they act on. Cases with no clock running come last, oldest first.
    ``view`` narrows the list (not the counts) to overdue cases or those due within 7 days.
    """
    if view not in QUEUE_VIEWS:
        raise ValueError(f"Unknown queue view {view!r}")
    roles = user.role_set()
    scope = _force_scope(user, Action.CASE_VIEW)
    query = Q(pk__in=[])
    if Role.INVESTIGATOR in roles:
        query |= Q(investigator=user, state__in=OPEN_STATES)
    for role, states in ROLE_STATES.items():
        if role in roles:
            query |= Q(state__in=states)
    mine = scope.filter(query)
    counts = mine.aggregate(
        total=Count("id"),
        overdue=Count("id", filter=Q(next_due_on__lt=today)),
        week=Count("id", filter=Q(next_due_on__gte=today, next_due_on__lte=today + timedelta(days=7))))
    listed, count = mine, counts["total"]
    if view == "overdue":
        listed, count = mine.filter(next_due_on__lt=today), counts["overdue"]
    elif view == "week":
        listed, count = mine.filter(next_due_on__gte=today, next_due_on__lte=today + timedelta(days=7)), counts["week"]
    ordered = listed.select_related("investigator").order_by(F("next_due_on").asc(nulls_last=True),
                                                             "received_on", "id")
    shown: Page[Case] = Paginator(_Counted(ordered, count), per_page).get_page(page)  # type: ignore[arg-type]
    return Queue(cases=list(shown.object_list), total=counts["total"], overdue=counts["overdue"],
                 due_this_week=counts["week"], view=view, page=shown)


@dataclass(frozen=True)
class Lengthy:
    over_12_months: int
    over_2_years: int
    cases: list[Case]


def lengthy_investigations_for_user(*, user: User, today: date, limit: int = 10) -> Lengthy:
    """Open investigations older than 12 months and 2 years, force-wide, oldest first."""
    scope = _force_scope(user, Action.CASE_VIEW).filter(state__in=INVESTIGATING)
    year_ago = today.replace(year=today.year - 1) if not (today.month == 2 and today.day == 29) \
        else today.replace(year=today.year - 1, day=28)
    two_years_ago = year_ago.replace(year=year_ago.year - 1)
    counts = scope.aggregate(year=Count("id", filter=Q(received_on__lte=year_ago)),
                             two=Count("id", filter=Q(received_on__lte=two_years_ago)))
    cases = list(scope.filter(received_on__lte=year_ago).select_related("investigator")
                 .order_by("received_on", "id")[:limit])
    return Lengthy(over_12_months=counts["year"], over_2_years=counts["two"], cases=cases)


# -- proceedings, appeals, reviews, CPS ---------------------------------------------------


@dataclass(frozen=True)
class ProceedingsView:
    """Everything about a case's proceedings and after, for its page and the API."""

    notices: list[Any]
    panel: list[Any]
    appeals: list[Any]
    reviews: list[Any]
    cps_referrals: list[Any]
    pauses: list[Any]


def proceedings_for_case(*, case: Case) -> ProceedingsView:
    """The case's proceedings records (the case was already scoped by ``case_get_for_user``)."""
    return ProceedingsView(
        notices=list(ProceedingsNotice.objects.filter(subject__allegation__case=case)
                     .select_related("subject__officer", "subject__staff_member").order_by("id")),
        panel=list(case.panel.all()),
        appeals=list(case.appeals.select_related("subject__officer", "subject__staff_member")),
        reviews=list(case.reviews.all()),
        cps_referrals=list(case.cps_referrals.all()),
        pauses=list(case.pauses.all()))


def reviews_awaiting_for_user(*, user: User) -> list[Review]:
    """Complainants' reviews waiting for this user's decision, the oldest application first:
    for a review panel member those the local policing body decides, for the appropriate
    authority or decision maker the IOPC's decisions to record (domain.proceedings.review_deciders)."""
    roles = user.role_set()
    if user.force_id is None or not can(roles, Action.REVIEW_DECIDE):
        return []
    bodies = [body for body in ("local_policing_body", "", "iopc") if roles & review_deciders(body)]
    return list(Review.objects.filter(case__in=_force_scope(user, Action.CASE_VIEW), case__state=CaseState.REVIEW,
                                      outcome="", review_body__in=bodies)
                .select_related("case", "case__complainant").order_by("received_on", "id"))


def complainant_updates_for(*, report_id: int, case_id: int | None) -> list[ComplainantUpdate]:
    """The updates a reporter sees on their tracking page, oldest first: those about their own
    report, and those about the case it joined that were given to no report in particular."""
    scope = Q(report_id=report_id)
    if case_id is not None:
        scope |= Q(case_id=case_id, report__isnull=True)
    return list(ComplainantUpdate.objects.filter(scope).order_by("sent_at", "id"))


# -- an officer's history and the warnings in force (Conduct Regs reg 42(9)) ------------------

@dataclass(frozen=True)
class WarningInForce:
    subject: Subject
    expires_on: date
    in_force: bool


def officer_history(*, officer: Officer) -> list[Subject]:
    """Every allegation the officer has been a subject of, newest case first."""
    return officer_history_for(officer_ids={officer.pk})


def officer_history_for(*, officer_ids: set[int]) -> list[Subject]:
    """:func:`officer_history` for several officers in one query (group by ``officer_id``)."""
    if not officer_ids:
        return []
    return list(
        Subject.objects.filter(officer_id__in=officer_ids)
        .select_related("allegation", "allegation__case")
        .order_by("-allegation__case__received_on", "allegation__number", "id")
    )


def officer_warnings(*, officer: Officer, history: list[Subject], today: date) -> list[WarningInForce]:
    """Warnings given to the officer, with expiry computed from the notification date."""
    warnings = []
    for subject in history:
        if subject.outcome in WARNING_OUTCOMES and subject.outcome_on:
            rule = ("written-warning-expiry" if subject.outcome == "written_warning"
                    else "final-warning-expiry")
            expires = compute_deadline(rule, subject.outcome_on).due
            warnings.append(WarningInForce(subject, expires, expires >= today))
    return warnings


@dataclass(frozen=True)
class WarningRow:
    subject: Subject
    expires_on: date
    expiring_soon: bool


def warnings_in_force_for_user(*, user: User, today: date, soon_days: int = 30) -> list[WarningRow]:
    """Every written and final written warning in force in the force today, soonest expiry first.

    One query, whatever the number of officers: a warning notified more than five years ago
    cannot be in force (the longest, an accelerated-hearing final warning, is 5 years, reg
    62(4)(b)), so older outcomes are not read. Expiry comes from the rules
    ``written-warning-expiry`` and ``final-warning-expiry`` (reg 42(9))."""
    if user.force_id is None or not can(user.role_set(), Action.INTEGRITY_VIEW):
        return []
    force_id = user.force_id
    since = today.replace(year=today.year - 5) if not (today.month == 2 and today.day == 29) \
        else today - timedelta(days=365 * 5 + 1)
    subjects = (Subject.objects.filter(allegation__case__force_id=force_id, officer__isnull=False,
                                       outcome__in=WARNING_OUTCOMES, outcome_on__gte=since,
                                       outcome_on__lte=today)
                .select_related("officer", "allegation__case"))
    soon = integrity.warning_window(today, soon_days)
    rows = []
    for subject in subjects:
        rule = "written-warning-expiry" if subject.outcome == "written_warning" else "final-warning-expiry"
        assert subject.outcome_on is not None
        expires = compute_deadline(rule, subject.outcome_on).due
        if expires >= today:
            rows.append(WarningRow(subject, expires, expires <= soon))
    rows.sort(key=lambda r: (r.expires_on, r.subject.officer.surname if r.subject.officer else ""))
    return rows


# -- for the case pages: records of a case the user already has (from case_get_for_user) -----


def case_find_for_user(*, user: User, reference: str, action: Action = Action.CASE_VIEW) -> Case | None:
    """The case of the user's force with this reference, or None (a reference typed into a form)."""
    return _force_scope(user, action).filter(reference=reference.strip().upper()).first()


def subjects_with_outcome(*, case: Case) -> list[Subject]:
    """The case's subjects that have an outcome (who may appeal), in the order they were added."""
    return list(Subject.objects.filter(allegation__case=case).exclude(outcome="")
                .select_related("officer", "staff_member").order_by("id"))


def subject_get_for_case(*, case: Case, subject_uuid: str) -> Subject:
    subject = (Subject.objects.filter(uuid=subject_uuid, allegation__case=case)
               .select_related("officer", "staff_member", "allegation").first())
    if subject is None:
        raise Http404("No such subject")
    return subject


def notices_for_case(*, case: Case) -> list[Reg17Notice]:
    """Every Regulation 17 notice served in the case, with its subject."""
    return list(Reg17Notice.objects.filter(subject__allegation__case=case).select_related(
        "subject__officer", "subject__staff_member"))


def notice_get_for_case(*, case: Case, notice_uuid: str) -> Reg17Notice:
    notice = (Reg17Notice.objects.filter(uuid=notice_uuid, subject__allegation__case=case)
              .select_related("subject__allegation__case__force").first())
    if notice is None:
        raise Http404("No such notice")
    return notice


def appeal_get_for_case(*, case: Case, appeal_uuid: str) -> Appeal:
    appeal = Appeal.objects.filter(uuid=appeal_uuid, case=case).select_related("case__force", "subject").first()
    if appeal is None:
        raise Http404("No such appeal")
    return appeal


def review_get_for_case(*, case: Case, review_uuid: str) -> Review:
    review = Review.objects.filter(uuid=review_uuid, case=case).first()
    if review is None:
        raise Http404("No such review")
    return review


def cps_referral_get_for_case(*, case: Case, referral_uuid: str) -> CpsReferral:
    referral = CpsReferral.objects.filter(uuid=referral_uuid, case=case).first()
    if referral is None:
        raise Http404("No such referral")
    return referral


def cooperation_request_get_for_case(*, case: Case, request_uuid: str) -> CooperationRequest:
    found = CooperationRequest.objects.filter(uuid=request_uuid, case=case).first()
    if found is None:
        raise Http404("No such request")
    return found


# -- need-to-know: the pages that keep access lists (Action.CASE_ACCESS_MANAGE) ----------------


def _managed_cases(user: User) -> QuerySet[Case]:
    """The cases of the user's force whose lists they may keep: any they are no part of."""
    if user.force_id is None or not can(user.role_set(), Action.CASE_ACCESS_MANAGE):
        return Case.objects.none()
    return Case.objects.filter(force_id=user.force_id).exclude(pk__in=conflicts_of(user))


def case_get_for_access_manager(*, user: User, reference: str) -> Case:
    """A case whose access list ``user`` keeps (whether or not the list names them), or 404."""
    case = (_managed_cases(user).annotate(subject_uses_service=Exists(Subject.objects.filter(
        allegation__case=OuterRef("pk"), officer__user__isnull=False)))
        .select_related("force", "investigator").filter(reference=reference.strip().upper()).first())
    if case is None:
        raise Http404("No case with that reference")
    return case


def restricted_cases_for_user(*, user: User, limit: int = 500) -> list[dict[str, Any]]:
    """The force's restricted cases, newest first, for the people who keep their lists: each
    with why it is restricted and how many people its list names (nothing of its content)."""
    cases = list(_managed_cases(user).filter(restricted_q())
                 .annotate(subject_uses_service=Exists(Subject.objects.filter(allegation__case=OuterRef("pk"),
                                                                              officer__user__isnull=False)),
                           listed=Count("access_list", filter=Q(access_list__revoked_at__isnull=True)))
                 .order_by("-received_on", "-id")[:limit])
    mine = set(listed_for(user).filter(pk__in=[c.pk for c in cases]).values_list("pk", flat=True))
    return [{"case": c, "restrictions": sorted(case_restrictions_of(c), key=lambda r: r.label),
             "listed": c.listed, "names_you": c.pk in mine} for c in cases]


def access_list_for_case(*, case: Case) -> list[CaseAccess]:
    """Everyone the case's list has named, live first, then those whose access ended."""
    return list(CaseAccess.objects.filter(case=case).select_related("user", "granted_by", "revoked_by")
                .order_by(F("revoked_at").desc(nulls_first=True), "granted_at", "id"))


def access_candidates_for_case(*, case: Case) -> list[User]:
    """Who may be put on the case's list: active users of its force whose roles view cases, not
    already on it and no part of it."""
    listed = set(CaseAccess.objects.filter(case=case, revoked_at__isnull=True).values_list("user_id", flat=True))
    people = User.objects.filter(force_id=case.force_id, is_active=True).exclude(pk__in=listed) \
        .order_by("display_name", "username")
    return [u for u in people if can(u.role_set(), Action.CASE_VIEW)
            and not case_access_facts(case=case, user=u).conflicts]


def access_entry_get_for_case(*, case: Case, entry_uuid: str) -> CaseAccess:
    entry = CaseAccess.objects.filter(case=case, uuid=entry_uuid).select_related("user", "case").first()
    if entry is None:
        raise Http404("No such entry on the access list")
    return entry


#: What the report of who looked lists, and how each is called.
ACCESS_EVENTS = {
    "restricted_case_viewed": "Opened the case",
    "case_access_granted": "Gave access",
    "case_access_revoked": "Ended access",
    "case_restricted": "Restricted the case",
    "case_unrestricted": "Lifted the restriction",
}


def case_lookers(*, case: Case, limit: int = 500) -> list[dict[str, Any]]:
    """Who opened the case while it was restricted, and every change to its list, newest first,
    from the audit trail."""
    events = (AuditEvent.objects.filter(object_type="case", object_id=case.reference, action__in=ACCESS_EVENTS)
              .order_by("-occurred_at", "-id")[:limit])
    return [{"what": ACCESS_EVENTS[e.action], "action": e.action, "when": e.occurred_at, "who": e.actor_name,
             "roles": e.actor_role, "after": e.after or {}} for e in events]
