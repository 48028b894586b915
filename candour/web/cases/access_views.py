"""Need-to-know pages (docs/security.md): the force's restricted cases, one case's access list
and the report of who looked, restricting a case and lifting it, giving and ending access, and
recording a witness officer. Thin: parse, call one service in ``candour.cases.access``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from candour.accounts.models import User
from candour.cases import access as need_to_know
from candour.cases import selectors
from candour.cases.models import Case
from candour.domain.access import Action, Restriction
from candour.people import selectors as people_selectors
from candour.people.models import Officer
from candour.web.access import requires
from candour.web.cases import access_forms as f
from candour.web.pages import form_page
from candour.web.state_tags import state_tag_class

VIA_ACCESS_PAGE = "access list page"


def _access_url(case: Case) -> str:
    return reverse("web:case_access", args=[case.reference])


def _manager_case(request: HttpRequest, reference: str) -> Case:
    return selectors.case_get_for_access_manager(user=request.user, reference=reference)  # type: ignore[arg-type]


@requires(Action.CASE_ACCESS_MANAGE)
@require_GET
def restricted_cases(request: HttpRequest) -> HttpResponse:
    rows = selectors.restricted_cases_for_user(user=request.user)  # type: ignore[arg-type]
    for row in rows:
        row["tag"] = state_tag_class(row["case"].state)
    return render(request, "web/cases/restricted_cases.html", {"rows": rows})


@requires(Action.CASE_ACCESS_MANAGE)
@require_GET
def case_access(request: HttpRequest, reference: str) -> HttpResponse:
    """The case's restriction, its access list and who looked."""
    case = _manager_case(request, reference)
    restrictions = sorted(selectors.case_restrictions_of(case), key=lambda r: r.label)
    need_to_know.restricted_case_view_record(case=case, user=request.user, via=VIA_ACCESS_PAGE)  # type: ignore[arg-type]
    facts = selectors.case_access_facts(case=case, user=request.user)  # type: ignore[arg-type]
    return render(request, "web/cases/case_access.html", {
        "case": case, "restrictions": restrictions, "marked": bool(case.restriction),
        "about_a_user": Restriction.ABOUT_A_USER in restrictions,
        "entries": selectors.access_list_for_case(case=case), "lookers": selectors.case_lookers(case=case),
        "names_you": facts.on_access_list})


@requires(Action.CASE_ACCESS_MANAGE)
@require_http_methods(["GET", "POST"])
def case_restrict(request: HttpRequest, reference: str) -> HttpResponse:
    case = _manager_case(request, reference)
    url = _access_url(case)
    return form_page(
        request, f.RestrictForm, closed=bool(case.restriction),
        save=lambda d: need_to_know.case_restrict(case=case, user=request.user,  # type: ignore[arg-type]
                                                 restriction=d["restriction"], reason=d["reason"]),
        done="The case is restricted: only the people on its access list can see it, and each time they "
             "open it is recorded. You are on the list",
        then=url, title="Restrict the case", caption=case.reference, back=url, back_text="Access list",
        intro=("It is already marked restricted." if case.restriction else
               "Once restricted, only the people named on its access list can find or open the case. "
               "You and the appointed investigator are put on the list; add anyone else who needs it."))


@requires(Action.CASE_ACCESS_MANAGE)
@require_http_methods(["GET", "POST"])
def case_unrestrict(request: HttpRequest, reference: str) -> HttpResponse:
    case = _manager_case(request, reference)
    url = _access_url(case)
    about_a_user = Restriction.ABOUT_A_USER in selectors.case_restrictions_of(case)
    return form_page(
        request, f.UnrestrictForm, closed=not case.restriction,
        save=lambda d: need_to_know.case_unrestrict(case=case, user=request.user,  # type: ignore[arg-type]
                                                   reason=d["reason"]),
        done="The mark is lifted" + (": the case stays restricted, because a subject uses the service"
                                     if about_a_user else ": the force's casework roles can see the case again"),
        then=url, title="Lift the restriction", caption=case.reference, back=url, back_text="Access list",
        intro=("The case is not marked restricted." if not case.restriction else
               "A subject of this case uses the service, so it stays restricted whatever the mark."
               if about_a_user else "The force's casework roles will be able to find and open the case again."))


@requires(Action.CASE_ACCESS_MANAGE)
@require_http_methods(["GET", "POST"])
def case_access_grant(request: HttpRequest, reference: str) -> HttpResponse:
    case = _manager_case(request, reference)
    url = _access_url(case)
    candidates = selectors.access_candidates_for_case(case=case)

    def grant(d: dict[str, Any]) -> Any:
        chosen = next((u for u in candidates if str(u.pk) == d["user"]), None)
        if chosen is None:
            raise ValidationError({"user": "Choose who needs access"})
        return need_to_know.case_access_grant(case=case, user=request.user, grantee=chosen,  # type: ignore[arg-type]
                                             reason=d["reason"])

    return form_page(
        request, f.AccessGrantForm, form_kwargs={"candidates": candidates}, save=grant,
        done=lambda e: f"{e.user.name} is on the access list", then=url, title="Give access to the case",
        caption=case.reference, back=url, back_text="Access list",
        intro="They will be able to find and open the case while it is restricted. Each time they open it is "
              "recorded.")


@requires(Action.CASE_ACCESS_MANAGE)
@require_http_methods(["GET", "POST"])
def case_access_revoke(request: HttpRequest, reference: str, entry_uuid: str) -> HttpResponse:
    case = _manager_case(request, reference)
    entry = selectors.access_entry_get_for_case(case=case, entry_uuid=entry_uuid)
    url = _access_url(case)
    return form_page(
        request, f.AccessRevokeForm, closed=entry.revoked_at is not None,
        save=lambda d: need_to_know.case_access_revoke(entry=entry, user=request.user,  # type: ignore[arg-type]
                                                      reason=d["reason"]),
        done=f"{entry.user.name}'s access has ended", then=url, title=f"End {entry.user.name}'s access",
        caption=case.reference, back=url, back_text="Access list",
        intro=(f"{entry.user.name}'s access has already ended." if entry.revoked_at else
               f"{entry.user.name} will no longer be able to find or open the case while it is restricted."))


@requires(Action.CASE_WITNESS_ADD)
@require_http_methods(["GET", "POST"])
def case_witness_add(request: HttpRequest, reference: str) -> HttpResponse:
    case = need_to_know.case_read(user=request.user, reference=reference)  # type: ignore[arg-type]
    url = reverse("web:case_detail", args=[case.reference])
    user: User = request.user  # type: ignore[assignment]

    def add(d: dict[str, Any]) -> Any:
        found: list[Officer] = people_selectors.officers_by_number_for_user(user=user, number=d["number"])
        if not found:
            raise ValidationError({"number": f"No officer of your force has the warrant or collar number "
                                             f"{d['number'].strip()}"})
        if len(found) > 1:
            raise ValidationError({"number": "More than one officer has that collar number: enter their warrant "
                                             "number"})
        return need_to_know.case_witness_add(case=case, user=user, officer=found[0], note=d.get("note") or "")

    return form_page(
        request, f.WitnessForm, save=add, done=lambda w: f"{w.officer.full_name} is recorded as a witness",
        then=url, title="Record a witness officer", caption=case.reference, back=url, back_text=case.reference,
        intro="An officer who is a witness never sees the case in this service, and cannot be given access to it.")
