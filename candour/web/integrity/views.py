"""Workforce integrity pages: suspensions and restricted duties, convictions, warnings in force,
barred and advisory lists, and the force's totals. Thin: parse, call a selector or one service,
render. Refusals come back from the services as GOV.UK error summaries and change nothing."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from candour.cases import selectors as case_selectors
from candour.cases.models import Case
from candour.common.spreadsheet import spreadsheet_safe
from candour.domain import integrity
from candour.domain.access import Action, can
from candour.people import selectors as people_selectors
from candour.web.access import requires
from candour.web.integrity import forms as f
from candour.web.pages import form_page
from candour.workforce import lists, selectors, services
from candour.workforce.models import Conviction, SuspensionEpisode


def _scale() -> integrity.PayScale:
    return integrity.load_pay_scale()


def _episode_url(episode: SuspensionEpisode) -> str:
    return reverse("web:suspension_detail", args=[episode.uuid])


def _form(request: HttpRequest, form_class: type[forms.Form], *, title: str, **page: Any) -> HttpResponse:
    """An integrity form page: the heading alone is the page's title."""
    return form_page(request, form_class, title=title, page_title=title, **page)


@requires(Action.INTEGRITY_VIEW)
def integrity_totals(request: HttpRequest) -> HttpResponse:
    """The force's figures: cost of suspended staff, restricted duties, overdue clocks."""
    user = request.user
    today = timezone.localdate()
    totals = selectors.integrity_totals_for_user(user=user, today=today, scale=_scale())  # type: ignore[arg-type]
    roles = user.role_set()  # type: ignore[union-attr]
    return render(request, "web/integrity/totals.html", {
        "totals": totals, "today": today, "labels": integrity.CLASSIFICATIONS,
        "can_view_suspensions": can(roles, Action.SUSPENSION_VIEW),
        "class_rows": [(integrity.CLASSIFICATIONS[k], v, totals.while_serving_by_class.get(k, 0))
                       for k, v in totals.convictions_by_class.items()],
    })


@requires(Action.SUSPENSION_VIEW)
def suspension_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = selectors.suspension_rows_for_user(user=request.user, today=today, scale=_scale())  # type: ignore[arg-type]
    return render(request, "web/integrity/suspension_list.html", {
        "open_rows": [r for r in rows if r.episode.ended_on is None],
        "ended_rows": [r for r in rows if r.episode.ended_on is not None][:50], "today": today,
    })


@requires(Action.SUSPENSION_VIEW)
def suspension_detail(request: HttpRequest, suspension_uuid: str) -> HttpResponse:
    episode = selectors.suspension_get_for_user(user=request.user, suspension_uuid=suspension_uuid)  # type: ignore[arg-type]
    today = timezone.localdate()
    row = selectors.episode_row(episode, today=today, scale=_scale())
    review_clock = (integrity.suspension_next_review(
        episode.started_on, episode.reviews.order_by("-reviewed_on").values_list("reviewed_on", flat=True).first())
        if episode.kind == SuspensionEpisode.Kind.SUSPENSION and episode.ended_on is None else None)
    confirmation_clock = (integrity.suspension_confirmation_due(episode.started_on)
                          if row.confirmation_pending else None)
    return render(request, "web/integrity/suspension_detail.html", {
        "episode": episode, "row": row, "today": today, "review_clock": review_clock,
        "confirmation_clock": confirmation_clock, "reviews": list(episode.reviews.all()),
        "representations": list(episode.representations.all()),
        "ground_text": integrity.SUSPENSION_GROUNDS.get(episode.ground, ""),
        "can_manage": can(request.user.role_set(), Action.SUSPENSION_MANAGE),  # type: ignore[union-attr]
    })


@requires(Action.SUSPENSION_MANAGE)
@require_http_methods(["GET", "POST"])
def suspension_start(request: HttpRequest, officer_uuid: str) -> HttpResponse:
    officer = people_selectors.officer_get_for_user(user=request.user, officer_uuid=officer_uuid)  # type: ignore[arg-type]

    def start(d: dict[str, Any]) -> SuspensionEpisode:
        data = dict(d)
        reference = data.pop("case").strip()
        case: Case | None = None
        if reference:
            case = case_selectors.case_list_for_user(user=request.user).filter(  # type: ignore[arg-type]
                reference__iexact=reference).first()
            if case is None:
                raise ValidationError({"case": "No case in your force has that reference"})
        return services.suspension_start(officer=officer, user=request.user, case=case, **data)  # type: ignore[arg-type]

    return _form(request, f.SuspensionStartForm, save=start,
                 done=lambda episode: f"{episode.get_kind_display()} started", then=_episode_url,
                 title="Suspend or restrict duties", caption=officer.full_name,
                 back=reverse("web:officer_detail", args=[officer.uuid]), back_text=officer.full_name,
                 intro="Consider temporary redeployment or restricted duties first. Suspend (with pay) only if "
                       "that is not appropriate and either the investigation may be prejudiced or the public "
                       "interest requires it (Police (Conduct) Regulations 2020, reg 11).",
                 initial={"notified": "written"})


def _episode_form(request: HttpRequest, suspension_uuid: str, form_class: type[forms.Form],
                  service: Callable[..., Any], title: str, done: str, with_version: bool = True) -> HttpResponse:
    """A form page of a suspension or restricted-duties episode: one service, back to the episode."""
    episode = selectors.suspension_get_for_user(user=request.user, suspension_uuid=suspension_uuid,  # type: ignore[arg-type]
                                                action=Action.SUSPENSION_MANAGE)

    def save(d: dict[str, Any]) -> Any:
        data = dict(d)
        if with_version:
            data["expected_version"] = data.pop("version")
        return service(episode=episode, user=request.user, **data)

    url = _episode_url(episode)
    return _form(request, form_class, save=save, done=done, then=url, title=title,
                 caption=f"{episode.get_kind_display()}: {episode.officer.full_name}", back=url,
                 back_text="Back to the episode", initial={"version": episode.version} if with_version else {})


@requires(Action.SUSPENSION_MANAGE)
@require_http_methods(["GET", "POST"])
def suspension_review(request: HttpRequest, suspension_uuid: str) -> HttpResponse:
    return _episode_form(request, suspension_uuid, f.SuspensionReviewForm, services.suspension_review_record,
                         "Record a review", "Review recorded")


@requires(Action.SUSPENSION_MANAGE)
@require_http_methods(["GET", "POST"])
def suspension_confirmation(request: HttpRequest, suspension_uuid: str) -> HttpResponse:
    return _episode_form(request, suspension_uuid, f.SuspensionConfirmationForm,
                         services.suspension_confirmation_record, "Record the written confirmation",
                         "Written confirmation recorded")


@requires(Action.SUSPENSION_MANAGE)
@require_http_methods(["GET", "POST"])
def suspension_representations(request: HttpRequest, suspension_uuid: str) -> HttpResponse:
    return _episode_form(request, suspension_uuid, f.SuspensionRepresentationsForm,
                         services.suspension_representations_record, "Record representations",
                         "Representations recorded", with_version=False)


@requires(Action.SUSPENSION_MANAGE)
@require_http_methods(["GET", "POST"])
def suspension_end(request: HttpRequest, suspension_uuid: str) -> HttpResponse:
    return _episode_form(request, suspension_uuid, f.SuspensionEndForm, services.suspension_end,
                         "End the episode", "Episode ended")


# -- convictions -----------------------------------------------------------------------------

@requires(Action.CONVICTION_VIEW)
def conviction_list(request: HttpRequest) -> HttpResponse:
    convictions = list(selectors.conviction_list_for_user(user=request.user)[:500])  # type: ignore[arg-type]
    return render(request, "web/integrity/conviction_list.html", {"convictions": convictions})


@requires(Action.CONVICTION_VIEW)
def conviction_detail(request: HttpRequest, conviction_uuid: str) -> HttpResponse:
    conviction = selectors.conviction_get_for_user(user=request.user, conviction_uuid=conviction_uuid)  # type: ignore[arg-type]
    return render(request, "web/integrity/conviction_detail.html", {
        "conviction": conviction, "reasons": [r for r in conviction.policy_reasons.split("; ") if r]})


@requires(Action.CONVICTION_MANAGE)
@require_http_methods(["GET", "POST"])
def conviction_record(request: HttpRequest, officer_uuid: str) -> HttpResponse:
    """Two steps when no class is chosen: the first valid POST shows the class suggested for the
    offence and asks to confirm it (or choose another); the next one records the conviction."""
    officer = people_selectors.officer_get_for_user(user=request.user, officer_uuid=officer_uuid)  # type: ignore[arg-type]

    def save(d: dict[str, Any]) -> Conviction:
        return services.conviction_record(officer=officer, user=request.user, **d)  # type: ignore[arg-type]

    def done(conviction: Conviction) -> str:
        return f"{conviction.get_disposal_display()} recorded"

    def then(conviction: Conviction) -> str:
        return reverse("web:conviction_detail", args=[conviction.uuid])

    back = reverse("web:officer_detail", args=[officer.uuid])
    first = f.ConvictionForm(request.POST) if request.method == "POST" else None
    if first is not None and first.is_valid() and not first.cleaned_data["classification"] \
            and request.POST.get("checked") != "1":
        # First submission with no class chosen: show the suggestion and ask to confirm it.
        suggestion = integrity.classify_offence(first.cleaned_data["offence"])
        return _form(request, f.ConvictionForm, save=save, done=done, then=then, closed=True,
                     title="Check the classification", caption=officer.full_name, back=back,
                     back_text=officer.full_name,
                     initial={**first.cleaned_data, "classification": suggestion.value},
                     context={"checked": True, "notes": "web/integrity/_suggestion.html", "suggestion": suggestion,
                              "suggestion_label": integrity.CLASSIFICATIONS[suggestion.value]})
    return _form(request, f.ConvictionForm, save=save, done=done, then=then,
                 title="Record a conviction, caution or notice", caption=officer.full_name, back=back,
                 back_text=officer.full_name,
                 intro="Officers must report any action taken against them for a criminal offence, any court "
                       "conditions and any penalty notice (Standards of Professional Behaviour: Discreditable "
                       "conduct). Candour suggests a classification from the offence for you to confirm.")


@requires(Action.INTEGRITY_VIEW)
def conviction_report(request: HttpRequest) -> HttpResponse:
    report = selectors.conviction_report_for_user(user=request.user)  # type: ignore[arg-type]
    return render(request, "web/integrity/conviction_report.html", {
        "report": report,
        "rows": [(integrity.CLASSIFICATIONS[k], v, report.while_serving_by_class.get(k, 0))
                 for k, v in report.by_class.items()],
        "policies": [(integrity.POLICY_LABELS[k], v) for k, v in report.by_policy.items()],
    })


# -- warnings --------------------------------------------------------------------------------

@requires(Action.INTEGRITY_VIEW)
def warnings_register(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = case_selectors.warnings_in_force_for_user(user=request.user, today=today)  # type: ignore[arg-type]
    return render(request, "web/integrity/warnings.html", {
        "rows": rows, "soon": [r for r in rows if r.expiring_soon], "today": today,
        "can_view_officers": can(request.user.role_set(), Action.OFFICER_VIEW),  # type: ignore[union-attr]
    })


# -- barred and advisory lists ---------------------------------------------------------------

@requires(Action.LIST_VIEW)
def list_register(request: HttpRequest) -> HttpResponse:
    entries = list(selectors.list_entry_list_for_user(user=request.user)[:500])  # type: ignore[arg-type]
    return render(request, "web/integrity/lists.html", {
        "entries": entries, "today": timezone.localdate(),
        "can_export": can(request.user.role_set(), Action.LIST_EXPORT),  # type: ignore[union-attr]
    })


@requires(Action.LIST_EXPORT)
def list_export(request: HttpRequest) -> HttpResponse:
    """CSV of every entry, one row each, in the College's notification fields (docs/workforce.md).
    The download is audited as a view of restricted personal data."""
    rows = selectors.list_export_rows_for_user(user=request.user)  # type: ignore[arg-type]
    lists.list_export_view_record(user=request.user, rows=len(rows))  # type: ignore[arg-type]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="barred-and-advisory-list-entries.csv"'
    writer = csv.DictWriter(response, fieldnames=selectors.LIST_EXPORT_COLUMNS)
    writer.writeheader()
    for row in rows:
        # A cell a spreadsheet would run as a formula is quoted (candour/common/spreadsheet.py).
        writer.writerow({k: spreadsheet_safe(v) for k, v in row.items()})
    return response


@requires(Action.LIST_EXPORT)
@require_http_methods(["GET", "POST"])
def list_entry_reported(request: HttpRequest, entry_uuid: str) -> HttpResponse:
    entry = selectors.list_entry_get_for_user(user=request.user, entry_uuid=entry_uuid,  # type: ignore[arg-type]
                                              action=Action.LIST_EXPORT)
    register = reverse("web:list_register")
    return _form(request, f.ListReportedForm,
                 save=lambda d: lists.list_entry_report(entry=entry, user=request.user, **d),  # type: ignore[arg-type]
                 done="Marked as reported", then=register, title="Mark as reported to the College of Policing",
                 caption=f"{entry.get_kind_display()}: {entry.officer.full_name}",
                 intro=f"Report due by {entry.report_due_on:%-d %B %Y} (5 working days beginning with the event, "
                       "Police Barred List and Police Advisory List Regulations 2017, regs 3(1) and 12(1)).",
                 back=register, back_text="Barred and advisory lists")
