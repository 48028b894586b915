"""The home page: "my work" for whatever roles the signed-in user holds."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from candour.cases import selectors as case_selectors
from candour.domain.access import Action, Role, can
from candour.intake import selectors as intake_selectors
from candour.screening import selectors as screening_selectors
from candour.web.access import requires
from candour.web.state_tags import state_tag_class
from candour.workforce import vetting_selectors


@requires(Action.HOME_VIEW)
def home(request: HttpRequest) -> HttpResponse:
    """"My work" for whatever roles the signed-in user holds."""
    user = request.user
    roles = user.role_set()  # type: ignore[union-attr]
    today = timezone.localdate()
    context: dict[str, object] = {"roles": sorted(r.label for r in roles)}
    if can(roles, Action.CASE_VIEW):
        context["workload"] = case_selectors.workload_for_user(user=user, today=today)  # type: ignore[arg-type]
        oldest = case_selectors.cases_for_home(user=user)  # type: ignore[arg-type]
        context["oldest_cases"] = [
            {"case": c, "tag": state_tag_class(c.state), "age_days": (today - c.received_on).days}
            for c in oldest
        ]
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
    if Role.ADMINISTRATOR in roles:
        context["is_administrator"] = True
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


