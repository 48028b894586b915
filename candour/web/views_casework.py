"""Casework pages: take the next step, appoint an investigator, and record severity, notices,
case to answer, outcomes and requests. Thin: parse the form, call one service, show what the
service says, including every reason a step is refused."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from candour.accounts.models import User
from candour.cases import selectors, services
from candour.cases.models import Case, CooperationRequest, Reg17Notice, Subject
from candour.domain.access import Action, Role
from candour.domain.casework import check_transition
from candour.domain.lifecycle import TRANSITIONS_BY_NAME
from candour.web import casework_forms as f
from candour.web.access import requires


def _case(request: HttpRequest, reference: str) -> Case:
    return selectors.case_get_for_user(user=request.user, reference=reference)  # type: ignore[arg-type]


def _errors_to_form(form: Any, exc: ValidationError) -> None:
    mapping = getattr(exc, "message_dict", None) or {"__all__": exc.messages}
    for field, texts in mapping.items():
        for text in texts:
            form.add_error(field if field in form.fields else None, text)


def _back(case: Case) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("web:case_detail", args=[case.reference]))


@requires(Action.CASE_TRANSITION)
@require_http_methods(["GET", "POST"])
def case_step(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    case = _case(request, reference)
    transition = TRANSITIONS_BY_NAME.get(step)
    if transition is None:
        raise Http404("No such step")
    today = timezone.localdate()
    check = check_transition(step, facts=selectors.case_facts(case=case, today=today),
                             roles=request.user.role_set())  # type: ignore[union-attr]
    if request.method == "POST":
        form = f.StepForm(request.POST, step=step)
        if form.is_valid():
            try:
                services.case_transition(case=case, transition=step, user=request.user,  # type: ignore[arg-type]
                                         expected_version=form.cleaned_data["version"],
                                         reason=form.cleaned_data.get("reason") or "", inputs=form.inputs(),
                                         today=today)
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, f"{transition.description}: done")
                return _back(case)
    else:
        form = f.StepForm(step=step, initial={"version": case.version})
    return render(request, "web/case_step.html", {"case": case, "transition": transition, "form": form,
                                                  "check": check})


@requires(Action.CASE_TRANSITION)
@require_http_methods(["GET", "POST"])
def case_investigator(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    investigators = [u for u in User.objects.filter(force_id=case.force_id, is_active=True).order_by("display_name")
                     if Role.INVESTIGATOR in u.role_set()]
    choices = [(str(u.pk), u.name) for u in investigators]
    if request.method == "POST":
        form = f.InvestigatorForm(request.POST, choices=choices)
        if form.is_valid():
            chosen = next(u for u in investigators if str(u.pk) == form.cleaned_data["investigator"])
            try:
                services.investigator_appoint(case=case, user=request.user, investigator=chosen,  # type: ignore[arg-type]
                                              expected_version=form.cleaned_data["version"],
                                              terms_of_reference=form.cleaned_data["terms_of_reference"])
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, f"{chosen.name} appointed to investigate")
                return _back(case)
    else:
        form = f.InvestigatorForm(choices=choices, initial={
            "version": case.version, "terms_of_reference": case.terms_of_reference,
            "investigator": str(case.investigator_id or "")})
    return render(request, "web/case_form.html", {"case": case, "form": form, "title": "Appoint the investigator"})


SUBJECT_FORMS = {
    "severity": (f.SeverityForm, "Severity assessment"),
    "notice": (f.NoticeForm, "Regulation 17 notice"),
    "case-to-answer": (f.CaseToAnswerForm, "Case to answer"),
    "outcome": (f.OutcomeForm, "Finding and outcome"),
}


@requires(Action.CASE_TRANSITION)
@require_http_methods(["GET", "POST"])
def case_subject(request: HttpRequest, reference: str, subject_uuid: str, what: str) -> HttpResponse:
    case = _case(request, reference)
    subject = Subject.objects.filter(uuid=subject_uuid, allegation__case=case).select_related(
        "officer", "staff_member").first()
    if subject is None or what not in SUBJECT_FORMS:
        raise Http404("No such subject")
    form_class, title = SUBJECT_FORMS[what]
    user = request.user
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                if what == "severity":
                    services.subject_severity_assess(subject=subject, user=user, severity=d["severity"],  # type: ignore[arg-type]
                                                     assessed_on=d["assessed_on"])
                elif what == "notice":
                    services.reg17_notice_serve(subject=subject, user=user, served_on=d["served_on"],  # type: ignore[arg-type]
                                                method=d["method"])
                elif what == "case-to-answer":
                    services.subject_case_to_answer_decide(subject=subject, user=user, decision=d["decision"],  # type: ignore[arg-type]
                                                           special_conditions_met=d["special_conditions_met"])
                else:
                    services.subject_finding_record(subject=subject, user=user, finding=d["finding"],  # type: ignore[arg-type]
                                                    outcome=d["outcome"], outcome_on=d["outcome_on"],
                                                    exceptional_circumstances=d["exceptional_circumstances"])
            except ValidationError as exc:
                _errors_to_form(form, exc)
            except PermissionError as exc:  # pragma: no cover - services raise PermissionDenied
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"{title} recorded for {subject.person.full_name}")
                return _back(case)
    else:
        form = form_class()
    return render(request, "web/case_form.html", {"case": case, "form": form,
                                                  "title": f"{title}: {subject.person.full_name}"})


@requires(Action.CASE_TRANSITION)
@require_http_methods(["GET", "POST"])
def case_request_add(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    if request.method == "POST":
        form = f.RequestForm(request.POST)
        if form.is_valid():
            try:
                services.cooperation_request_add(case=case, user=request.user, **form.cleaned_data)  # type: ignore[arg-type]
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, "Request recorded")
                return _back(case)
    else:
        form = f.RequestForm()
    return render(request, "web/case_form.html", {"case": case, "form": form, "title": "Record a request"})


@requires(Action.CASE_TRANSITION)
@require_http_methods(["POST"])
def case_request_answered(request: HttpRequest, reference: str, request_uuid: str) -> HttpResponse:
    case = _case(request, reference)
    found = CooperationRequest.objects.filter(uuid=request_uuid, case=case).first()
    if found is None:
        raise Http404("No such request")
    try:
        services.cooperation_request_answer(request=found, user=request.user, answered_on=timezone.localdate(),  # type: ignore[arg-type]
                                            declined=request.POST.get("declined") == "1")
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Answer recorded")
    return _back(case)


@requires(Action.CASE_TRANSITION)
@require_http_methods(["GET", "POST"])
def case_update(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    if request.method == "POST":
        form = f.UpdateForm(request.POST)
        if form.is_valid():
            try:
                services.complainant_update_send(case=case, user=request.user,  # type: ignore[arg-type]
                                                 message=form.cleaned_data["message"])
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, "Update sent to the complainant")
                return _back(case)
    else:
        form = f.UpdateForm()
    return render(request, "web/case_form.html", {"case": case, "form": form, "title": "Update the complainant"})


@requires(Action.CASE_TRANSITION)
@require_http_methods(["POST"])
def notice_response(request: HttpRequest, reference: str, notice_uuid: str) -> HttpResponse:
    case = _case(request, reference)
    notice = Reg17Notice.objects.filter(uuid=notice_uuid, subject__allegation__case=case).select_related(
        "subject__allegation__case__force").first()
    if notice is None:
        raise Http404("No such notice")
    try:
        services.notice_response_record(notice=notice, user=request.user,  # type: ignore[arg-type]
                                        response_on=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, "Response recorded")
    return _back(case)
