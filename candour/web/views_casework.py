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
from candour.domain.casework import check_before_input
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
    # What blocks the step whatever is entered: then the page says why and offers no form.
    check = check_before_input(step, facts=selectors.case_facts(case=case, today=today),
                               roles=request.user.role_set())  # type: ignore[union-attr]
    if request.method == "POST" and check.allowed:
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


# -- documents ------------------------------------------------------------------------------


def _document(request: HttpRequest, template: str, context: dict[str, Any], filename: str) -> HttpResponse:
    import secrets

    from django.template.loader import render_to_string

    from candour.cases.documents import PdfUnavailable, html_to_pdf
    from candour.common.middleware import CONTENT_SECURITY_POLICY

    # A document carries its print styles inline (so the PDF and the page are the same file);
    # the page's policy allows that one style element by a nonce, and nothing else.
    nonce = secrets.token_urlsafe(16)
    html = render_to_string(template, {**context, "today": timezone.localdate(), "style_nonce": nonce},
                            request=request)
    if request.GET.get("format") != "pdf":
        response = HttpResponse(html)
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
            "style-src 'self'", f"style-src 'self' 'nonce-{nonce}'")
        return response
    try:
        pdf = html_to_pdf(html)
    except PdfUnavailable as exc:
        return HttpResponse(f"{exc}. Print the HTML version from your browser instead.", status=503,
                            content_type="text/plain; charset=utf-8")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


@requires(Action.CASE_VIEW)
@require_http_methods(["GET"])
def document_notice(request: HttpRequest, reference: str, subject_uuid: str) -> HttpResponse:
    """The Regulation 17 notice for one subject, with the response date from the rules."""
    from candour.domain.deadlines import compute_deadline

    case = _case(request, reference)
    subject = Subject.objects.filter(uuid=subject_uuid, allegation__case=case).select_related(
        "officer", "staff_member", "allegation").first()
    if subject is None:
        raise Http404("No such subject")
    notice = subject.notices.order_by("-served_on").first()
    start = notice.deemed_served_on if notice else timezone.localdate()
    deadline = compute_deadline("notice-response", start, regime_date=case.received_on)
    forum = "misconduct hearing" if subject.severity == "gross_misconduct" else "misconduct meeting"
    if subject.severity == "misconduct" and subject.officer is not None:
        facts = selectors.case_facts(case=case, today=timezone.localdate())
        me = next(x for x in facts.subjects if x.key == str(subject.uuid))
        rules = facts.rules_facts(me, case_to_answer="misconduct", severity_assessed_on=me.severity_assessed_on)
        from candour.domain.assess import assess

        answers = assess(rules)
        if "forum" in answers:
            forum = str(answers["forum"].value).replace("_", " ")
    regime = ("Police (Complaints and Misconduct) Regulations 2020, regulation 17"
              if case.case_type in ("complaint", "dsi_matter") else "Police (Conduct) Regulations 2020, regulation 17")
    return _document(request, "documents/reg17_notice.html", {
        "case": case, "subject": subject, "notice": notice, "allegations": [subject.allegation],
        "notice_regime": regime, "likely_forum": forum, "response_due": deadline.due,
        "response_basis": deadline.basis, "response_explanation": deadline.explanation,
    }, f"{case.reference}-reg17-{subject.person.surname.lower()}")


@requires(Action.CASE_VIEW)
@require_http_methods(["GET"])
def document_outcome_letter(request: HttpRequest, reference: str) -> HttpResponse:
    from candour.domain.deadlines import compute_deadline
    from candour.intake.tracking import REVIEW_BODY_LABELS

    case = _case(request, reference)
    facts = selectors.case_facts(case=case, today=timezone.localdate())
    review_due = review_basis = None
    body = REVIEW_BODY_LABELS["local_policing_body"]
    if case.case_type == "complaint" and facts.was_recorded:
        notified = case.outcome_notified_on or timezone.localdate()
        deadline = compute_deadline("review-application", notified, regime_date=case.received_on)
        review_due, review_basis = deadline.due, deadline.basis
        from candour.domain.assess import assess

        answers = assess(facts.rules_facts(facts.subjects[0] if facts.subjects else None))
        if "review_body" in answers and answers["review_body"].value == "iopc":
            body = REVIEW_BODY_LABELS["iopc"]
    return _document(request, "documents/outcome_letter.html", {
        "case": case, "allegations": list(case.allegations.all()), "review_due": review_due,
        "review_basis": review_basis, "review_body": body,
    }, f"{case.reference}-outcome-letter")


@requires(Action.CASE_VIEW)
@require_http_methods(["GET"])
def document_progress_report(request: HttpRequest, reference: str) -> HttpResponse:
    """The 12-month (or 6-monthly) progress report, to the recipients the rules name."""
    from candour.cases.models import Reg17Notice
    from candour.domain.assess import assess
    from candour.domain.clocks import _progress_report

    case = _case(request, reference)
    today = timezone.localdate()
    clock = _progress_report(selectors.clock_facts(case=case, today=today))
    facts = selectors.case_facts(case=case, today=today)
    rules = facts.rules_facts(investigation_mode=case.iopc_mode or "local")
    answers = assess(rules)
    recipients = "the local policing body and the IOPC"
    if "progress_report_to" in answers:
        value = answers["progress_report_to"].value
        names = {"local_policing_body": "the local policing body", "iopc": "the IOPC",
                 "complainant": "the complainant", "interested_persons": "interested persons"}
        listed = [names.get(str(v), str(v).replace("_", " ")) for v in (value if isinstance(value, list) else [value])]
        recipients = " and ".join([", ".join(listed[:-1]), listed[-1]]) if len(listed) > 1 else listed[0]
    return _document(request, "documents/progress_report.html", {
        "case": case, "period_label": "12-month report" if clock.rule == "twelve-month-report" else "6-monthly report",
        "period_end": clock.due, "basis": clock.basis, "recipients": recipients,
        "notices": list(Reg17Notice.objects.filter(subject__allegation__case=case).select_related(
            "subject__officer", "subject__staff_member")),
        "open_requests": [r for r in case.requests.all() if r.answered_on is None],
        "timeline": list(case.timeline.order_by("occurred_at")),
        "estimate": request.GET.get("estimate", "")[:200], "reasons": request.GET.get("reasons", "")[:4000],
        "steps": request.GET.get("steps", "")[:4000],
    }, f"{case.reference}-progress-report")
