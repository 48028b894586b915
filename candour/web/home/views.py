"""The home page: the signed-in user's own work, whatever roles they hold.

"Your work" is the user's own: the cases in their queue (an investigator's appointed cases, the
states an assessor or decision maker acts on), the reports waiting for their triage, the calls
they took today. Each count links to the list behind it. Roles that only read (oversight, a
review panel member) see where to find the force's cases instead.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from candour.accounts import selectors as account_selectors
from candour.cases import selectors as case_selectors
from candour.domain.access import Action, Role, can, case_types_visible
from candour.intake import selectors as intake_selectors
from candour.screening import selectors as screening_selectors
from candour.web.access import requires
from candour.web.state_tags import state_tag_class
from candour.workforce import vetting_selectors

QUEUE_ROLES = case_selectors.QUEUE_ROLES


@requires(Action.HOME_VIEW)
def home(request: HttpRequest) -> HttpResponse:
    """"Your work" for whatever roles the signed-in user holds."""
    user = request.user
    roles = user.role_set()  # type: ignore[union-attr]
    today = timezone.localdate()
    context: dict[str, object] = {"roles": sorted(r.label for r in roles), "today": today}
    if roles & QUEUE_ROLES:
        queue = case_selectors.queue_for_user(user=user, today=today, per_page=10)  # type: ignore[arg-type]
        context["queue"] = queue
        context["my_cases"] = [
            {"case": c, "tag": state_tag_class(c.state), "overdue": c.next_due_on is not None and c.next_due_on < today}
            for c in queue.cases]
    elif can(roles, Action.CASE_VIEW):
        context["reader"] = True
        if case_types_visible(roles) == frozenset({"integrity_report"}):
            # Counter-corruption reads the cases arising from integrity reports only: list them.
            context["integrity_cases"] = case_selectors.cases_for_home(user=user)  # type: ignore[arg-type]
    if can(roles, Action.REVIEW_DECIDE):
        reviews = case_selectors.reviews_awaiting_for_user(user=user)  # type: ignore[arg-type]
        # A review panel member always sees the section (deciding reviews is their whole job);
        # the appropriate authority only when an IOPC decision is waiting to be recorded.
        if reviews or Role.REVIEW_PANEL in roles:
            context["reviews"] = reviews
    if can(roles, Action.REPORT_TRIAGE):
        context["triage"] = intake_selectors.triage_summary_for_user(user=user, today=today)  # type: ignore[arg-type]
    if Role.CALL_HANDLER in roles:
        context["calls_today"] = intake_selectors.reports_entered_by_user_on(user=user, day=today)  # type: ignore[arg-type]
    if Role.ANALYST in roles:
        context["force_figures"] = case_selectors.force_figures(user=user)  # type: ignore[arg-type]
    if can(roles, Action.SCREENING_REVIEW):
        pending = screening_selectors.candidate_list_for_user(user=user)  # type: ignore[arg-type]
        context["screening"] = {"pending": pending.count(), "top": list(pending[:5])}
    if can(roles, Action.VETTING_VIEW):
        context["vetting"] = vetting_selectors.vetting_register_for_user(user=user, today=today)  # type: ignore[arg-type]
    if can(roles, Action.USER_MANAGE):
        users = account_selectors.user_list_for_user(user=user)  # type: ignore[arg-type]
        active = users.filter(is_active=True).count()
        context["users"] = {"active": active, "deactivated": users.count() - active}
    if can(roles, Action.PROCESSING_RECORD_VIEW):
        context["privacy_links"] = [(label, reverse(name)) for label, name, action in (
            ("Record of processing and retention schedule", "web:privacy", Action.PROCESSING_RECORD_VIEW),
            ("Answer a subject access request", "web:privacy_subject_access", Action.PRIVACY_MANAGE),
            ("Answer an erasure request", "web:privacy_erasure", Action.PRIVACY_MANAGE),
        ) if can(roles, action)]
    context["integrity_links"] = [
        (label, reverse(name)) for label, name, action in (
            ("Workforce integrity totals: cost of suspended staff, restricted duties, overdue reviews",
             "web:integrity_totals", Action.INTEGRITY_VIEW),
            ("Suspensions and restricted duties", "web:suspension_list", Action.SUSPENSION_VIEW),
            ("Convictions, cautions and notices", "web:conviction_list", Action.CONVICTION_VIEW),
            ("Warnings in force", "web:warnings_register", Action.INTEGRITY_VIEW),
            ("Barred and advisory lists", "web:list_register", Action.LIST_VIEW),
        ) if can(roles, action)]
    return render(request, "web/home/home.html", context)
