"""Officer pages: the officer's record, and their protected characteristics (audited)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from candour.audit.services import Actor
from candour.cases import selectors as case_selectors
from candour.domain import taxonomy
from candour.domain.access import Action, can
from candour.people import selectors as people_selectors
from candour.people import services as people_services
from candour.web.access import requires
from candour.web.state_tags import state_tag_class


@requires(Action.OFFICER_VIEW)
def officer_detail(request: HttpRequest, officer_uuid: str) -> HttpResponse:
    officer = people_selectors.officer_get_for_user(user=request.user, officer_uuid=officer_uuid)  # type: ignore[arg-type]
    today = timezone.localdate()
    history = case_selectors.officer_history(officer=officer)
    warnings = case_selectors.officer_warnings(officer=officer, history=history, today=today)
    cases: dict[str, dict[str, object]] = {}
    # Need-to-know: only the cases the user may see are listed (the warnings still count).
    list_entries = list(officer.list_entries.select_related("case"))
    named = {s.allegation.case_id for s in history} | {e.case_id for e in list_entries if e.case_id}
    visible = case_selectors.visible_case_ids(user=request.user, case_ids=named)  # type: ignore[arg-type]
    for subject in history:
        case = subject.allegation.case
        if case.pk not in visible:
            continue
        entry = cases.setdefault(case.reference, {"case": case, "tag": state_tag_class(case.state),
                                                  "subjects": []})
        entry["subjects"].append({  # type: ignore[attr-defined]
            "subject": subject,
            "category": taxonomy.category_label(subject.allegation.category),
        })
    roles = request.user.role_set()  # type: ignore[union-attr]
    return render(request, "web/officers/officer_detail.html", {
        "officer": officer, "cases": list(cases.values()), "warnings": warnings, "visible_cases": visible,
        "list_entries": list_entries, "hidden_cases": len(named - visible),
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
    return render(request, "web/officers/protected_characteristics.html",
                  {"officer": officer, "record": record,
                   "can_view_officer": can(request.user.role_set(),  # type: ignore[union-attr]
                                           Action.OFFICER_VIEW)})


