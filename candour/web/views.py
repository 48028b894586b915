"""Case work pages: home, search, case, officer. Thin: parse, call a selector, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from candour.audit.services import Actor
from candour.cases import selectors as case_selectors
from candour.cases.models import Case
from candour.domain import taxonomy
from candour.domain.access import Action, Role, can
from candour.domain.casework import next_steps
from candour.domain.lifecycle import CaseState
from candour.domain.proceedings import FORUM_LABELS
from candour.intake import selectors as intake_selectors
from candour.people import selectors as people_selectors
from candour.people import services as people_services
from candour.people.models import Officer
from candour.web.access import requires
from candour.web.forms import CaseSearchForm

_STATE_TAG = {
    CaseState.LOGGED: "govuk-tag--blue",
    CaseState.OUTSIDE_SCHEDULE_3: "govuk-tag--light-blue",
    CaseState.RECORDED: "govuk-tag--turquoise",
    CaseState.REFERRED: "govuk-tag--purple",
    CaseState.HANDLING: "govuk-tag--turquoise",
    CaseState.INVESTIGATION: "govuk-tag--orange",
    CaseState.PAUSED: "govuk-tag--grey",
    CaseState.DECISION: "govuk-tag--yellow",
    CaseState.PROCEEDINGS: "govuk-tag--red",
    CaseState.APPEAL: "govuk-tag--pink",
    CaseState.REVIEW: "govuk-tag--pink",
    CaseState.CLOSED: "govuk-tag--grey",
    CaseState.WITHDRAWN: "govuk-tag--grey",
}


def state_tag_class(state: str) -> str:
    return _STATE_TAG.get(CaseState(state), "")


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
        from candour.screening.selectors import candidate_list_for_user

        pending = candidate_list_for_user(user=user)  # type: ignore[arg-type]
        context["screening"] = {"pending": pending.count(), "top": list(pending[:5])}
    if can(roles, Action.VETTING_VIEW):
        from candour.workforce.vetting_selectors import vetting_register_for_user

        context["vetting"] = vetting_register_for_user(user=user, today=today)  # type: ignore[arg-type]
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
    return render(request, "web/home.html", context)


@requires(Action.CASE_SEARCH)
def search(request: HttpRequest) -> HttpResponse:
    form = CaseSearchForm(request.GET if request.GET else None)
    cases: list[Case] = []
    officers: list[Officer] = []
    searched = form.is_bound and form.is_valid()
    if searched:
        query = form.cleaned_data["q"]
        cases = case_selectors.case_search(user=request.user, query=query,  # type: ignore[arg-type]
                                           received_from=form.cleaned_data["received_from"])
        if query.strip() and can(request.user.role_set(), Action.OFFICER_VIEW):  # type: ignore[union-attr]
            officers = people_selectors.officer_search(user=request.user, query=query)  # type: ignore[arg-type]
    rows = [{"case": c, "tag": state_tag_class(c.state)} for c in cases]
    return render(request, "web/search.html", {
        "form": form, "rows": rows, "officers": officers, "searched": searched,
        "query": form.cleaned_data.get("q", "") if searched else "",
    })


@requires(Action.CASE_VIEW)
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_selectors.case_get_for_user(user=request.user, reference=reference)  # type: ignore[arg-type]
    can_view_officers = can(request.user.role_set(), Action.OFFICER_VIEW)  # type: ignore[union-attr]
    allegations = []
    for allegation in case.allegations.all():
        allegations.append({
            "allegation": allegation,
            "category": taxonomy.category_label(allegation.category),
            "subcategory": taxonomy.subcategory_label(allegation.category, allegation.subcategory)
            if allegation.subcategory else "",
            "standards": [taxonomy.STANDARD_LABELS.get(s, s) for s in allegation.standards],
            "discrimination": [dict(taxonomy.PROTECTED_CHARACTERISTICS).get(d, d)
                               for d in allegation.discrimination],
            "subjects": list(allegation.subjects.all()),
        })
    today = timezone.localdate()
    roles = request.user.role_set()  # type: ignore[union-attr]
    can_work = can(roles, Action.CASE_TRANSITION)
    steps = next_steps(facts=case_selectors.case_facts(case=case, today=today), roles=roles) if can_work else []
    return render(request, "web/case_detail.html", {
        "case": case, "tag": state_tag_class(case.state), "allegations": allegations,
        "timeline": list(case.timeline.all()), "can_view_officers": can_view_officers,
        "can_work": can_work, "steps": [s for s in steps if set(roles) & s.transition.roles],
        "clocks": case_selectors.case_clocks_for(case=case, today=today),
        "requests": list(case.requests.all()), "today": today,
        "proceedings": case_selectors.proceedings_for_case(case=case),
        "forum_label": FORUM_LABELS.get(case.proceedings_forum, ""),
        "can_manage": can(roles, Action.PROCEEDINGS_MANAGE),
    })


@requires(Action.OFFICER_VIEW)
def officer_detail(request: HttpRequest, officer_uuid: str) -> HttpResponse:
    officer = people_selectors.officer_get_for_user(user=request.user, officer_uuid=officer_uuid)  # type: ignore[arg-type]
    today = timezone.localdate()
    history = case_selectors.officer_history(officer=officer)
    warnings = case_selectors.officer_warnings(officer=officer, history=history, today=today)
    cases: dict[str, dict[str, object]] = {}
    for subject in history:
        case = subject.allegation.case
        entry = cases.setdefault(case.reference, {"case": case, "tag": state_tag_class(case.state),
                                                  "subjects": []})
        entry["subjects"].append({  # type: ignore[attr-defined]
            "subject": subject,
            "category": taxonomy.category_label(subject.allegation.category),
        })
    roles = request.user.role_set()  # type: ignore[union-attr]
    return render(request, "web/officer_detail.html", {
        "officer": officer, "cases": list(cases.values()), "warnings": warnings,
        "list_entries": list(officer.list_entries.select_related("case")),
        "can_view_protected": can(roles, Action.PROTECTED_CHARACTERISTICS_VIEW),
        "suspensions": list(officer.suspensions.all()) if can(roles, Action.SUSPENSION_VIEW) else None,
        "convictions": list(officer.convictions.all()) if can(roles, Action.CONVICTION_VIEW) else None,
        "can_suspend": can(roles, Action.SUSPENSION_MANAGE),
        "can_record_conviction": can(roles, Action.CONVICTION_MANAGE),
    })


@requires(Action.PROTECTED_CHARACTERISTICS_VIEW)
def officer_protected_characteristics(request: HttpRequest, officer_uuid: str) -> HttpResponse:
    officer = people_selectors.officer_get_for_protected_view(
        user=request.user, officer_uuid=officer_uuid)  # type: ignore[arg-type]
    record = people_selectors.protected_characteristics_for_user(user=request.user, person=officer)  # type: ignore[arg-type]
    people_services.protected_characteristics_view_record(person=officer,
                                                          actor=Actor.of(request.user))
    return render(request, "web/protected_characteristics.html",
                  {"officer": officer, "record": record,
                   "can_view_officer": can(request.user.role_set(),  # type: ignore[union-attr]
                                           Action.OFFICER_VIEW)})


@requires(Action.CASE_VIEW)
def queue(request: HttpRequest) -> HttpResponse:
    """My cases by the nearest statutory clock, overdue first; and the force's lengthy investigations."""
    today = timezone.localdate()
    view = request.GET.get("due", "all")
    if view not in case_selectors.QUEUE_VIEWS:
        view = "all"  # an unknown or tampered value shows everything rather than an error page
    mine = case_selectors.queue_for_user(user=request.user, today=today, view=view,  # type: ignore[arg-type]
                                         page=request.GET.get("page", 1))
    lengthy = case_selectors.lengthy_investigations_for_user(user=request.user, today=today)  # type: ignore[arg-type]
    rows = [{"case": c, "tag": state_tag_class(c.state),
             "overdue": c.next_due_on is not None and c.next_due_on < today} for c in mine.cases]
    return render(request, "web/queue.html", {"queue": mine, "rows": rows, "lengthy": lengthy, "today": today})
