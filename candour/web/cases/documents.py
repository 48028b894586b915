"""Case documents: the Regulation 17 notice, the outcome letter and the progress report, as a
printable page or a PDF."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from candour.cases import access as case_access
from candour.cases import documents as documents_refusal
from candour.cases import selectors
from candour.cases.documents import PdfUnavailable, html_to_pdf
from candour.common.middleware import content_security_policy
from candour.domain.access import Action
from candour.domain.assess import assess
from candour.domain.clocks import _progress_report
from candour.domain.deadlines import compute_deadline
from candour.intake.ratelimit import Limit, rate_limit_hit
from candour.intake.tracking import REVIEW_BODY_LABELS
from candour.web.access import requires

#: How long a printed PDF is kept, by the digest of its HTML, so that asking again for the same
#: document (a double click, a reload) does not start Chromium again.
PDF_CACHE_SECONDS = 600


def _document(request: HttpRequest, template: str, context: dict[str, Any], filename: str) -> HttpResponse:
    """The document as a page (GET), or as a PDF (POST ``format=pdf``: a link or a scan that
    follows GETs cannot start Chromium). PDF renders are limited per user
    (``CANDOUR_PDF_RATE_LIMIT``); the same document asked for again comes from a cache."""
    if request.method == "POST" and request.POST.get("format") == "pdf":
        return _pdf(request, template, context, filename)
    # A document carries its print styles inline (so the PDF and the page are the same file);
    # the page's policy allows that one style element by a nonce, and nothing else.
    # On screen it is a page of the service (skip link, header, breadcrumbs); the PDF is the
    # document alone, self-contained.
    nonce = secrets.token_urlsafe(16)
    html = render_to_string(template, {**context, "today": timezone.localdate(), "style_nonce": nonce,
                                       "document_layout": "web/cases/documents/_screen.html"}, request=request)
    response = HttpResponse(html)
    response["Content-Security-Policy"] = content_security_policy(request, style_nonce=nonce)
    return response


def _pdf(request: HttpRequest, template: str, context: dict[str, Any], filename: str) -> HttpResponse:
    # Printed from a file, the document carries its own policy: its one style element, no script.
    nonce = secrets.token_urlsafe(16)
    html = render_to_string(template, {**context, "today": timezone.localdate(), "for_pdf": True,
                                       "style_nonce": nonce, "document_layout": "web/cases/documents/_pdf.html"},
                            request=request)
    key = "candour:pdf:" + hashlib.sha256(html.replace(nonce, "").encode("utf-8")).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        limit = Limit.parse(settings.CANDOUR_PDF_RATE_LIMIT)
        now = timezone.now()
        if not rate_limit_hit(key=f"pdf:user:{request.user.pk}", limit=limit, now=now):
            return _too_many_pdfs(request, limit, now)
        try:
            pdf = html_to_pdf(html)
        except PdfUnavailable as exc:
            return HttpResponse(f"{exc}. Print the HTML version from your browser instead.", status=503,
                                content_type="text/plain; charset=utf-8")
        cache.set(key, pdf, PDF_CACHE_SECONDS)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


def _too_many_pdfs(request: HttpRequest, limit: Limit, now: datetime) -> HttpResponse:
    epoch = int(now.timestamp())
    wait = limit.seconds - epoch % limit.seconds
    response = render(request, "web/cases/documents/too_many_pdfs.html", {
        "count": limit.count, "period": _period(limit.seconds), "minutes": max(1, -(-wait // 60)),
        "back": request.get_full_path()}, status=429)
    response["Retry-After"] = str(wait)
    return response


def _period(seconds: int) -> str:
    return {60: "a minute", 3600: "an hour", 86400: "a day"}.get(seconds, f"{seconds} seconds")


def _not_yet(request: HttpRequest, case: Any, why: str) -> HttpResponse:
    """A document the case's state makes meaningless: back to the case, saying why."""
    messages.error(request, why)
    return HttpResponseRedirect(reverse("web:case_detail", args=[case.reference]))


@requires(Action.CASE_VIEW)
@require_http_methods(["GET", "POST"])
def document_notice(request: HttpRequest, reference: str, subject_uuid: str) -> HttpResponse:
    """The Regulation 17 notice for one subject, with the response date from the rules."""
    case = case_access.case_read(user=request.user, reference=reference, via=case_access.VIA_DOCUMENT)  # type: ignore[arg-type]
    subject = selectors.subject_get_for_case(case=case, subject_uuid=subject_uuid)
    notice = subject.notices.order_by("-served_on").first()
    why = documents_refusal.notice(case=case, subject=subject, served=notice is not None)
    if why:
        return _not_yet(request, case, why)
    start = notice.deemed_served_on if notice else timezone.localdate()
    deadline = compute_deadline("notice-response", start, regime_date=case.received_on)
    forum = "misconduct hearing" if subject.severity == "gross_misconduct" else "misconduct meeting"
    if subject.severity == "misconduct" and subject.officer is not None:
        facts = selectors.case_facts(case=case, today=timezone.localdate())
        me = next(x for x in facts.subjects if x.key == str(subject.uuid))
        rules = facts.rules_facts(me, case_to_answer="misconduct", severity_assessed_on=me.severity_assessed_on)
        answers = assess(rules)
        if "forum" in answers:
            forum = str(answers["forum"].value).replace("_", " ")
    regime = ("Police (Complaints and Misconduct) Regulations 2020, regulation 17"
              if case.case_type in ("complaint", "dsi_matter") else "Police (Conduct) Regulations 2020, regulation 17")
    return _document(request, "web/cases/documents/reg17_notice.html", {
        "case": case, "subject": subject, "notice": notice, "allegations": [subject.allegation],
        "notice_regime": regime, "likely_forum": forum, "response_due": deadline.due,
        "response_basis": deadline.basis, "response_explanation": deadline.explanation,
    }, f"{case.reference}-reg17-{subject.person.surname.lower()}")


@requires(Action.CASE_VIEW)
@require_http_methods(["GET", "POST"])
def document_outcome_letter(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_access.case_read(user=request.user, reference=reference, via=case_access.VIA_DOCUMENT)  # type: ignore[arg-type]
    why = documents_refusal.outcome_letter(case=case)
    if why:
        return _not_yet(request, case, why)
    facts = selectors.case_facts(case=case, today=timezone.localdate())
    review_due = review_basis = None
    body = REVIEW_BODY_LABELS["local_policing_body"]
    if case.case_type == "complaint" and facts.was_recorded:
        notified = case.outcome_notified_on or timezone.localdate()
        deadline = compute_deadline("review-application", notified, regime_date=case.received_on)
        review_due, review_basis = deadline.due, deadline.basis
        answers = assess(facts.rules_facts(facts.subjects[0] if facts.subjects else None))
        if "review_body" in answers and answers["review_body"].value == "iopc":
            body = REVIEW_BODY_LABELS["iopc"]
    return _document(request, "web/cases/documents/outcome_letter.html", {
        "case": case, "allegations": list(case.allegations.all()), "review_due": review_due,
        "review_basis": review_basis, "review_body": body,
    }, f"{case.reference}-outcome-letter")


@requires(Action.CASE_VIEW)
@require_http_methods(["GET", "POST"])
def document_progress_report(request: HttpRequest, reference: str) -> HttpResponse:
    """The 12-month (or 6-monthly) progress report, to the recipients the rules name."""
    case = case_access.case_read(user=request.user, reference=reference, via=case_access.VIA_DOCUMENT)  # type: ignore[arg-type]
    why = documents_refusal.progress_report(case=case)
    if why:
        return _not_yet(request, case, why)
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
    return _document(request, "web/cases/documents/progress_report.html", {
        "case": case, "period_label": "12-month report" if clock.rule == "twelve-month-report" else "6-monthly report",
        "period_end": clock.due, "basis": clock.basis, "recipients": recipients,
        "notices": selectors.notices_for_case(case=case),
        "open_requests": [r for r in case.requests.all() if r.answered_on is None],
        "timeline": list(case.timeline.order_by("occurred_at")),
        "estimate": request.GET.get("estimate", "")[:200], "reasons": request.GET.get("reasons", "")[:4000],
        "steps": request.GET.get("steps", "")[:4000],
    }, f"{case.reference}-progress-report")
