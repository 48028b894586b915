"""Intake pages for staff: hotline entry, internal reports, the triage queue, evidence files.

Thin views: parse the form, call one service or selector, render. Every page declares its
action; reads go through the force-scoped selectors.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods

from candour.audit.services import Actor
from candour.cases import selectors as case_selectors
from candour.common.errors import StaleEdit
from candour.domain.access import Action
from candour.domain.lifecycle import CaseType
from candour.intake import selectors, services
from candour.intake.models import Channel, ReportKind
from candour.intake.sniff import BY_CONTENT_TYPE
from candour.intake.storage import evidence_path
from candour.intake.validation import ReportInput
from candour.people import selectors as people_selectors
from candour.people.models import Officer
from candour.web.access import requires
from candour.web.forms import errors_to_form
from candour.web.intake import forms as f
from candour.web.intake.answers import answer_rows


@requires(Action.HOTLINE_ENTRY)
@require_http_methods(["GET", "POST"])
def hotline(request: HttpRequest) -> HttpResponse:
    """One page, keyboard first: a call handler captures a call while on the phone."""
    user = request.user
    if request.method == "POST":
        form = f.HotlineForm(request.POST)
        if form.is_valid():
            try:
                submitted = services.report_submit(
                    force=user.force, data=form.to_input(), channel=Channel.HOTLINE,  # type: ignore[union-attr,arg-type]
                    actor=Actor.of(user), submission_key=form.cleaned_data["submission_key"],
                    entered_by=user,  # type: ignore[arg-type]
                    tracking_url=lambda token: request.build_absolute_uri(reverse("intake:track", args=[token])))
            except services.DuplicateSubmission as dup:
                # Sent again: a double press of Enter, or the call was saved but the answer lost
                # to a database fault. This handler's own call is shown again with its link.
                recovered = services.submission_recovered(submission_key=form.cleaned_data["submission_key"])
                if recovered is not None and recovered.report.entered_by_id == user.pk:
                    _hotline_last(request, recovered)
                messages.info(request, f"Call already saved as {dup.report.reference if dup.report else ''}")
                return HttpResponseRedirect(reverse("intake:hotline"))
            except ValidationError as exc:
                errors_to_form(form, exc)
            else:
                _hotline_last(request, submitted)
                return HttpResponseRedirect(reverse("intake:hotline"))
    else:
        form = f.HotlineForm(initial={"submission_key": uuid.uuid4().hex})
    last = request.session.pop("candour_hotline_last", None)
    return render(request, "web/intake/hotline.html", {"form": form, "last": last})


def _hotline_last(request: HttpRequest, submitted: services.Submitted) -> None:
    request.session["candour_hotline_last"] = {
        "reference": submitted.report.reference,
        "tracking_url": request.build_absolute_uri(reverse("intake:track", args=[submitted.tracking_token])),
        "email": submitted.report.contact_email, "anonymous": submitted.report.anonymous}


@requires(Action.REPORT_INTERNAL)
@require_http_methods(["GET"])
def internal_start(request: HttpRequest) -> HttpResponse:
    return render(request, "web/intake/internal_start.html", {})


def _colleague(d: dict[str, Any]) -> ReportInput:
    return ReportInput(kind=ReportKind.COLLEAGUE, what_happened=d.get("what_happened") or "",
                       incident_on=d.get("incident_on"), incident_location=d.get("incident_location") or "",
                       person_name=d.get("person_name") or "", person_number=d.get("person_number") or "")


def _self(d: dict[str, Any]) -> ReportInput:
    return ReportInput(kind=ReportKind.SELF_REPORT, what_happened=d.get("what_happened") or "",
                       matter=d.get("matter") or "", matter_on=d.get("matter_on"))


@requires(Action.REPORT_INTERNAL)
@require_http_methods(["GET", "POST"])
def internal_colleague(request: HttpRequest) -> HttpResponse:
    return _internal_report(request, f.InternalReportForm, "Report a colleague", _colleague, sealable=True)


@requires(Action.REPORT_INTERNAL)
@require_http_methods(["GET", "POST"])
def internal_self(request: HttpRequest) -> HttpResponse:
    return _internal_report(request, f.SelfReportForm, "Report something about yourself", _self, sealable=False)


def _internal_report(request: HttpRequest, form_class: type[forms.Form], title: str,
                     to_input: Callable[[dict[str, Any]], ReportInput], *, sealable: bool) -> HttpResponse:
    """An internal report: sent once (the submission key), then a page with its reference and
    tracking link instead of a redirect. ``sealable``: the reporter may keep their identity sealed."""
    if request.method != "POST":
        form = form_class(initial={"submission_key": uuid.uuid4().hex})
        return render(request, "web/intake/internal_form.html", {"form": form, "title": title})
    form = form_class(request.POST)
    if not form.is_valid():
        return render(request, "web/intake/internal_form.html", {"form": form, "title": title})
    user = request.user
    seal = sealable and bool(form.cleaned_data.get("anonymous"))
    try:
        submitted = services.report_submit(
            force=user.force, data=to_input(form.cleaned_data), channel=Channel.INTERNAL,  # type: ignore[union-attr,arg-type]
            actor=Actor.of(user), submission_key=form.cleaned_data["submission_key"], reporter=user,  # type: ignore[arg-type]
            seal_reporter=seal)
    except services.DuplicateSubmission:
        messages.info(request, "This report was already sent.")
        return HttpResponseRedirect(reverse("intake:internal_start"))
    except ValidationError as exc:
        errors_to_form(form, exc)
        return render(request, "web/intake/internal_form.html", {"form": form, "title": "Check your report"})
    tracking_url = request.build_absolute_uri(reverse("intake:track", args=[submitted.tracking_token]))
    return render(request, "web/intake/internal_done.html", {
        "reference": submitted.report.reference, "tracking_url": tracking_url, "sealed": seal})


# -- triage -------------------------------------------------------------------------------


@requires(Action.REPORT_TRIAGE)
@require_http_methods(["GET"])
def triage_queue(request: HttpRequest) -> HttpResponse:
    """New reports, the nearest clock first, each with what makes it urgent: its type, who
    reported it, whether its words point to a mandatory IOPC referral, and the clock by name."""
    reports = list(selectors.triage_queue_for_user(user=request.user)[:200])  # type: ignore[arg-type]
    today = timezone.localdate()
    rows: list[dict[str, Any]] = []
    for report in reports:
        clock = selectors.nearest_clock(selectors.intake_clocks(report=report))
        due = clock.deadline.due if clock else today
        rows.append({"report": report, "clock": clock, "due": due, "overdue": due < today,
                     "type": CaseType(selectors.default_case_type(report)).label,
                     "standing": selectors.reporter_standing(report),
                     "signals": selectors.referral_signals(report=report),
                     "received_on": timezone.localdate(report.received_at)})
    rows.sort(key=lambda r: (r["due"], r["report"].received_at))
    return render(request, "web/intake/triage_queue.html", {
        "rows": rows, "today": today, "overdue": sum(1 for r in rows if r["overdue"]),
        "referrals": sum(1 for r in rows if r["signals"])})


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _classification(form: f.TriageForm) -> services.Classification:
    d = form.cleaned_data
    wants = d.get("wants_recording")
    return services.Classification(
        case_type=d.get("case_type") or "", category=d.get("category") or "",
        conduct=tuple(d.get("conduct") or ()), discrimination=tuple(d.get("discrimination") or ()),
        contact_resulted_in=d.get("contact_resulted_in") or None,
        complainant_wants_recording=None if wants in (None, "", "unknown") else wants == "yes")


@requires(Action.REPORT_TRIAGE)
@require_http_methods(["GET", "POST"])
def triage_report(request: HttpRequest, reference: str) -> HttpResponse:
    """Everything the assessor needs in one place, and one decision, checked by the rules."""
    user = request.user
    report = selectors.report_get_for_user(user=user, reference=reference)  # type: ignore[arg-type]
    matches = selectors.probable_officers(report=report)
    today = timezone.localdate()
    answers: dict[str, Any] | None = None
    officer: Officer | None = None
    if request.method == "POST":
        form = f.TriageForm(request.POST)
        if form.is_valid():
            classification = _classification(form)
            number = (form.cleaned_data.get("officer") or "").strip()
            if number:
                officer = people_selectors.officer_find_for_user(user=user, warrant_number=number)  # type: ignore[arg-type]
                if officer is None:
                    form.add_error("officer", "No officer in this force has that warrant number")
            if not form.errors and classification.case_type != CaseType.INTEGRITY_REPORT:
                try:
                    answers = services.triage_answers(report=report, classification=classification,
                                                      officer=officer, on=today)
                except ValidationError as exc:
                    errors_to_form(form, exc)
            if not form.errors and "decide" in request.POST:
                link_to = None
                if form.cleaned_data.get("link_to"):
                    link_to = case_selectors.case_find_for_user(
                        user=user, reference=form.cleaned_data["link_to"], action=Action.REPORT_TRIAGE)  # type: ignore[arg-type]
                    if link_to is None:
                        form.add_error("link_to", "There is no case with that reference in your force")
                if not form.errors:
                    try:
                        done = services.report_triage(
                            report=report, user=user, decision=form.cleaned_data["decision"],  # type: ignore[arg-type]
                            expected_version=form.cleaned_data["version"], classification=classification,
                            officer=officer, link_to=link_to, note=form.cleaned_data.get("note") or "",
                            contacted_on=form.cleaned_data.get("contacted_on"), today=today)
                    except StaleEdit as exc:
                        form.add_error(None, exc.messages[0])
                    except ValidationError as exc:
                        errors_to_form(form, exc)
                    else:
                        said = format_html('<a class="govuk-link" href="{}">{}</a>: {}',
                                           reverse("intake:triage_report", args=[done.reference]),
                                           done.reference, done.get_status_display().lower())
                        if done.case:
                            said = format_html('{}, <a class="govuk-link" href="{}">{}</a> ({})', said,
                                               reverse("web:case_detail", args=[done.case.reference]),
                                               done.case.reference, _lower_first(done.case.get_state_display()))
                        messages.success(request, said)
                        return HttpResponseRedirect(reverse("intake:triage_queue"))
    else:
        best = matches[0].officer if matches and matches[0].score >= 0.6 else None
        form = f.TriageForm(initial={
            "case_type": selectors.default_case_type(report), "version": report.version,
            "wants_recording": "unknown", "contact_resulted_in": "none",
            "officer": best.warrant_number if best else "",
            "contacted_on": report.contacted_on,
        })
        officer = best
    duplicates = selectors.likely_duplicates(report=report, officers=[m.officer for m in matches[:3]],
                                             user=request.user)  # type: ignore[arg-type]
    rows = answer_rows(answers)
    clocks = selectors.intake_clocks(report=report)
    return render(request, "web/intake/triage_report.html", {
        "report": report, "form": form, "answers": rows, "matches": matches,
        "unconfirmed": any(not r["confirmed"] for r in rows),
        "clocks_local": any(c.deadline.rule in selectors.LOCAL_STANDARDS for c in clocks),
        "duplicates": duplicates, "clocks": clocks, "signals": selectors.referral_signals(report=report),
        "evidence": list(report.evidence.all()), "today": today, "is_new": report.status == "new",
    })


@requires(Action.EVIDENCE_VIEW)
@require_http_methods(["GET"])
def evidence_download(request: HttpRequest, evidence_uuid: str) -> FileResponse:
    """Serve one evidence file as a download (never rendered inline), and audit the view."""
    evidence = selectors.evidence_get_for_user(user=request.user, evidence_uuid=evidence_uuid)  # type: ignore[arg-type]
    if evidence.scan == evidence.Scan.INFECTED or evidence.content_type not in BY_CONTENT_TYPE:
        raise Http404("This file is withheld")
    path = evidence_path(evidence.stored_name)
    if not path.exists():
        raise Http404("The file is missing from the evidence store")
    services.evidence_view_record(evidence=evidence, actor=Actor.of(request.user))
    response = FileResponse(open(path, "rb"), as_attachment=True, filename=evidence.download_name,  # noqa: SIM115
                            content_type=evidence.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response

