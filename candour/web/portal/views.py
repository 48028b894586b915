"""The public reporting portal: one question per page, check your answers, confirmation.

No sign-in. Answers are kept in the session until the report is sent; evidence files are
written to the evidence store as they are uploaded and attached when the report is saved.
The final POST carries a one-off submission key, so a double click or a replayed form saves
one report. Works without JavaScript; every page is in English and Welsh.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from candour.accounts import selectors as account_selectors
from candour.accounts.models import Force
from candour.intake import services
from candour.intake.models import Channel, Relationship
from candour.intake.ratelimit import Limit, client_address, client_hash, rate_limit_hit
from candour.intake.storage import EvidenceRejected, StoredUpload, evidence_discard, evidence_store
from candour.intake.tracking import REVIEW_BODY_LABELS, tracking_status
from candour.intake.validation import ReportInput
from candour.web.access import public
from candour.web.forms import errors_to_form
from candour.web.portal import forms as f

SESSION = "candour_portal"
RECEIPT = "candour_portal_receipt"


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[forms.Form]
    title: Callable[[], str]
    needed: Callable[[dict[str, Any]], bool] = lambda state: True


def _portal_force(state: dict[str, Any]) -> Force | None:
    if settings.CANDOUR_PORTAL_FORCE:
        return account_selectors.force_get_by_code(code=settings.CANDOUR_PORTAL_FORCE)
    code = state.get("answers", {}).get("force")
    if code:
        return account_selectors.force_get_by_code(code=code)
    return account_selectors.force_only()


def _needs_force_question(state: dict[str, Any]) -> bool:
    return not settings.CANDOUR_PORTAL_FORCE and account_selectors.force_count() > 1


STEPS: tuple[Step, ...] = (
    Step("force", f.ForceForm, lambda: _("Which police force is your report about?"), _needs_force_question),
    Step("about", f.KindForm, lambda: _("What do you want to tell us about?")),
    Step("what-happened", f.WhatForm, lambda: _("What happened?")),
    Step("when", f.WhenForm, lambda: _("When did it happen?")),
    Step("where", f.WhereForm, lambda: _("Where did it happen?")),
    Step("who", f.WhoForm, lambda: _("Who was involved?")),
    Step("connection", f.RelationshipForm, lambda: _("How are you connected to what happened?")),
    Step("evidence", f.EvidenceForm, lambda: _("Do you have any evidence?")),
    Step("contact", f.ContactForm, lambda: _("Can we contact you about your report?")),
)
STEPS_BY_SLUG = {s.slug: s for s in STEPS}
# The answer(s) each step stores; the step is complete when its key is present.
_DONE_KEY = {"force": "force", "about": "kind", "what-happened": "what_happened", "when": "incident_on",
             "where": "incident_location", "who": "person_name", "connection": "relationship",
             "evidence": "evidence_done", "contact": "contact"}


def _state(request: HttpRequest) -> dict[str, Any]:
    state: dict[str, Any] = request.session.get(SESSION) or {}
    if "key" not in state:
        state = {"key": uuid.uuid4().hex, "answers": {}, "files": []}
        request.session[SESSION] = state
    return state


def _save(request: HttpRequest, state: dict[str, Any]) -> None:
    request.session[SESSION] = state
    request.session.modified = True


def _active_steps(state: dict[str, Any]) -> list[Step]:
    return [s for s in STEPS if s.needed(state)]


def _first_missing(state: dict[str, Any]) -> Step | None:
    answers = state.get("answers", {})
    for step in _active_steps(state):
        if _DONE_KEY[step.slug] not in answers:
            return step
    return None


def _next_url(state: dict[str, Any], after: str, changing: bool) -> str:
    if changing:
        missing = _first_missing(state)
        return reverse("intake:portal_step", args=[missing.slug]) if missing else reverse("intake:portal_check")
    steps = _active_steps(state)
    slugs = [s.slug for s in steps]
    index = slugs.index(after)
    if index + 1 < len(slugs):
        return reverse("intake:portal_step", args=[slugs[index + 1]])
    return reverse("intake:portal_check")


def _back_url(state: dict[str, Any], slug: str) -> str:
    slugs = [s.slug for s in _active_steps(state)]
    index = slugs.index(slug) if slug in slugs else 0
    if index == 0:
        return reverse("intake:portal_start")
    return reverse("intake:portal_step", args=[slugs[index - 1]])


def _to_initial(slug: str, answers: dict[str, Any]) -> dict[str, Any]:
    initial = dict(answers)
    if slug == "when":
        raw = answers.get("incident_on")
        initial["incident_on"] = date.fromisoformat(raw) if raw else None
        initial["unknown"] = "incident_on" in answers and not raw
    if slug == "where":
        initial["unknown"] = "incident_location" in answers and not answers["incident_location"]
    if slug == "who":
        initial["unknown"] = "person_name" in answers and not any(
            answers.get(k) for k in ("person_name", "person_number", "person_description"))
    return initial


def _store_answers(slug: str, cleaned: dict[str, Any], answers: dict[str, Any]) -> None:
    if slug == "force":
        answers["force"] = cleaned["force"]
    elif slug == "about":
        answers["kind"] = cleaned["kind"]
    elif slug == "what-happened":
        answers["what_happened"] = cleaned["what_happened"]
    elif slug == "when":
        value = cleaned.get("incident_on")
        answers["incident_on"] = value.isoformat() if value else ""
    elif slug == "where":
        answers["incident_location"] = cleaned.get("incident_location", "")
    elif slug == "who":
        for key in ("person_name", "person_number", "person_description"):
            answers[key] = cleaned.get(key, "")
    elif slug == "connection":
        answers["relationship"] = cleaned["relationship"]
    elif slug == "contact":
        answers["contact"] = cleaned["contact"]
        for key in ("contact_name", "contact_email", "contact_phone"):
            answers[key] = cleaned.get(key, "")


def _limit_ok(request: HttpRequest, what: str) -> bool:
    limit = Limit.parse(settings.CANDOUR_INTAKE_RATE_LIMIT)
    return rate_limit_hit(key=f"{what}:{client_address(request)}", limit=limit, now=timezone.now())


def _too_many(request: HttpRequest) -> HttpResponse:
    response = render(request, "web/portal/rate_limited.html", status=429)
    response["Retry-After"] = "3600"
    return response


@public
@require_http_methods(["GET", "HEAD"])
def portal_start(request: HttpRequest) -> HttpResponse:
    return render(request, "web/portal/portal_start.html", {
        "first_step": reverse("intake:portal_step", args=[_active_steps(_state(request))[0].slug]),
    })


@public
@require_http_methods(["GET", "HEAD", "POST"])
def portal_step(request: HttpRequest, slug: str) -> HttpResponse:
    state = _state(request)
    step = STEPS_BY_SLUG.get(slug)
    if step is None or not step.needed(state):
        return HttpResponseRedirect(reverse("intake:portal_start"))
    # Pages must be answered in order: jump to the first unanswered one before this.
    missing = _first_missing(state)
    slugs = [s.slug for s in _active_steps(state)]
    if missing is not None and slugs.index(missing.slug) < slugs.index(slug):
        return HttpResponseRedirect(reverse("intake:portal_step", args=[missing.slug]))
    changing = request.GET.get("change") == "1"
    answers = state["answers"]
    kwargs: dict[str, Any] = {}
    if slug == "force":
        kwargs["choices"] = [(force.code, force.name) for force in account_selectors.force_list()]
    if slug == "evidence":
        return _evidence_step(request, state, changing)
    if request.method == "POST":
        form = step.form(request.POST, **kwargs)
        if form.is_valid():
            _store_answers(slug, form.cleaned_data, answers)
            _save(request, state)
            return HttpResponseRedirect(_next_url(state, slug, changing))
    else:
        form = step.form(initial=_to_initial(slug, answers), **kwargs)
    return render(request, "web/portal/portal_step.html", {
        "form": form, "step": step, "title": step.title(), "back_url": _back_url(state, slug),
        "multipart": False,
        "contact_fields": [form[name] for name in ("contact_name", "contact_email", "contact_phone")]
        if slug == "contact" else [],
    })


def _evidence_step(request: HttpRequest, state: dict[str, Any], changing: bool) -> HttpResponse:
    limit_mb = settings.CANDOUR_EVIDENCE_MAX_BYTES // (1024 * 1024)
    form = f.EvidenceForm(limit_mb=limit_mb)
    if request.method == "POST":
        if "remove" in request.POST:
            name = request.POST.get("remove", "")
            kept = []
            for data in state["files"]:
                if data["stored_name"] == name:
                    evidence_discard(StoredUpload.from_session(data))
                else:
                    kept.append(data)
            state["files"] = kept
            _save(request, state)
            return HttpResponseRedirect(request.path)
        form = f.EvidenceForm(request.POST, request.FILES, limit_mb=limit_mb)
        upload = request.FILES.get("file")
        if "continue" in request.POST and upload is None:
            state["answers"]["evidence_done"] = True
            _save(request, state)
            return HttpResponseRedirect(_next_url(state, "evidence", changing))
        if upload is None:
            form.add_error("file", _("Select a file to upload"))
        elif len(state["files"]) >= settings.CANDOUR_EVIDENCE_MAX_FILES:
            form.add_error("file", _("You can upload up to %(n)s files")
                           % {"n": settings.CANDOUR_EVIDENCE_MAX_FILES})
        elif not _limit_ok(request, "upload"):
            return _too_many(request)
        else:
            try:
                stored = evidence_store(stream=upload.file, name=upload.name or "file",  # type: ignore[arg-type]
                                        size=upload.size or 0)
            except EvidenceRejected as exc:
                form.add_error("file", str(exc))
            else:
                state["files"].append(stored.to_session())
                if "continue" in request.POST:
                    state["answers"]["evidence_done"] = True
                    _save(request, state)
                    return HttpResponseRedirect(_next_url(state, "evidence", changing))
                _save(request, state)
                return HttpResponseRedirect(request.get_full_path())
    return render(request, "web/portal/portal_evidence.html", {
        "form": form, "files": state["files"], "title": _("Do you have any evidence?"),
        "back_url": _back_url(state, "evidence"), "changing": changing,
        "max_files": settings.CANDOUR_EVIDENCE_MAX_FILES,
    })


def _report_input(answers: dict[str, Any]) -> ReportInput:
    raw = answers.get("incident_on") or ""
    return ReportInput(
        kind=answers.get("kind", ""), what_happened=answers.get("what_happened", ""),
        incident_on=date.fromisoformat(raw) if raw else None,
        incident_location=answers.get("incident_location", ""), person_name=answers.get("person_name", ""),
        person_number=answers.get("person_number", ""),
        person_description=answers.get("person_description", ""),
        relationship=answers.get("relationship", ""), anonymous=answers.get("contact") == "no",
        contact_name=answers.get("contact_name", ""), contact_email=answers.get("contact_email", ""),
        contact_phone=answers.get("contact_phone", ""), language=(get_language() or "en")[:2])


def _summary_rows(state: dict[str, Any]) -> list[dict[str, Any]]:
    a = state["answers"]
    change = "?change=1"

    def url(slug: str) -> str:
        return reverse("intake:portal_step", args=[slug]) + change

    kind_label = dict(f.KindForm.base_fields["kind"].choices).get(a.get("kind"), "")  # type: ignore[attr-defined]
    when = date.fromisoformat(a["incident_on"]) if a.get("incident_on") else None
    who = [x for x in (a.get("person_name"), a.get("person_number"), a.get("person_description")) if x]
    rows: list[dict[str, Any]] = []
    if _needs_force_question(state):
        force = _portal_force(state)
        rows.append({"key": _("Police force"), "value": force.name if force else "", "url": url("force"),
                     "hidden": _("police force")})
    rows += [
        {"key": _("What you are telling us about"), "value": kind_label, "url": url("about"),
         "hidden": _("what you are telling us about")},
        {"key": _("What happened"), "value": a.get("what_happened", ""), "url": url("what-happened"),
         "hidden": _("what happened"), "multiline": True},
        {"key": _("When"), "value": when, "is_date": True, "url": url("when"), "hidden": _("when it happened"),
         "unknown": _("I do not know")},
        {"key": _("Where"), "value": a.get("incident_location") or _("I do not know"), "url": url("where"),
         "hidden": _("where it happened")},
        {"key": _("Who was involved"), "value": "\n".join(who) if who else _("I do not know"),
         "url": url("who"), "hidden": _("who was involved"), "multiline": True},
        {"key": _("Your connection"), "value": dict(Relationship.choices).get(a.get("relationship"), ""),
         "url": url("connection"), "hidden": _("your connection")},
        {"key": _("Evidence"), "value": "\n".join(x["original_name"] for x in state["files"]) or _("None"),
         "url": url("evidence"), "hidden": _("evidence"), "multiline": True},
    ]
    if a.get("contact") == "no":
        contact = _("No, I want to stay anonymous")
    else:
        contact = "\n".join(x for x in (a.get("contact_name"), a.get("contact_email"), a.get("contact_phone")) if x)
    rows.append({"key": _("Contact details"), "value": contact, "url": url("contact"),
                 "hidden": _("contact details"), "multiline": True})
    return rows


@public
@require_http_methods(["GET", "HEAD", "POST"])
def portal_check(request: HttpRequest) -> HttpResponse:
    state = request.session.get(SESSION)
    if request.method == "POST" and not state:
        # A replayed or resent form after the report was saved (or the session ended).
        return _already_sent_or_expired(request)
    state = _state(request)
    missing = _first_missing(state)
    if missing is not None:
        return HttpResponseRedirect(reverse("intake:portal_step", args=[missing.slug]))
    form = f.SubmitForm(initial={"submission_key": state["key"]})
    errors: list[str] = []
    if request.method == "POST":
        form = f.SubmitForm(request.POST)
        if not form.is_valid() or form.cleaned_data["submission_key"] != state["key"]:
            return _already_sent_or_expired(request)
        if form.cleaned_data.get("website"):
            return render(request, "web/portal/refused.html", status=400)
        if not _limit_ok(request, "report"):
            return _too_many(request)
        force = _portal_force(state)
        if force is None:
            return HttpResponseRedirect(reverse("intake:portal_step", args=["force"]))
        try:
            submitted = services.report_submit(
                force=force, data=_report_input(state["answers"]), channel=Channel.PORTAL,
                actor=services.PUBLIC_ACTOR, submission_key=state["key"],
                uploads=[StoredUpload.from_session(x) for x in state["files"]],
                client_hash=client_hash(request),
                tracking_url=lambda token: request.build_absolute_uri(reverse("intake:track", args=[token])))
        except services.DuplicateSubmission:
            # This session's own form, sent again: the report was saved but the answer did not
            # reach the browser (the database went away before the session was saved). The same
            # reference and link, and nothing saved twice.
            recovered = services.submission_recovered(submission_key=state["key"])
            if recovered is None:
                return _already_sent_or_expired(request)
            _receipt_save(request, recovered)
            return HttpResponseRedirect(reverse("intake:portal_confirmation"))
        except ValidationError as exc:
            errors = [m for ms in exc.message_dict.values() for m in ms]
        else:
            _receipt_save(request, submitted)
            return HttpResponseRedirect(reverse("intake:portal_confirmation"))
    return render(request, "web/portal/portal_check.html", {
        "rows": _summary_rows(state), "form": form, "errors": errors,
        "back_url": _back_url(state, "contact"),
    })


def _receipt_save(request: HttpRequest, submitted: services.Submitted) -> None:
    """The answers leave the session and the receipt takes their place (the session is
    encrypted: the token and the email are not in the session table in clear)."""
    request.session.pop(SESSION, None)
    request.session[RECEIPT] = {"reference": submitted.report.reference, "token": submitted.tracking_token,
                                "email": submitted.report.contact_email, "force": submitted.report.force.code}


def _already_sent_or_expired(request: HttpRequest) -> HttpResponse:
    receipt = request.session.get(RECEIPT)
    return render(request, "web/portal/already_sent.html", {"receipt": receipt}, status=409 if receipt else 400)


@public
@require_http_methods(["GET", "HEAD"])
def portal_confirmation(request: HttpRequest) -> HttpResponse:
    receipt = request.session.get(RECEIPT)
    state = request.session.get(SESSION)
    if not receipt and state and state.get("key"):
        # The report was saved but the session kept the answers instead of the receipt (the
        # database went away in between): the receipt is made again from the saved report.
        recovered = services.submission_recovered(submission_key=state["key"])
        if recovered is not None:
            _receipt_save(request, recovered)
            receipt = request.session[RECEIPT]
    if not receipt:
        return HttpResponseRedirect(reverse("intake:portal_start"))
    tracking_url = request.build_absolute_uri(reverse("intake:track", args=[receipt["token"]]))
    return render(request, "web/portal/portal_confirmation.html", {
        "reference": receipt["reference"], "tracking_url": tracking_url, "email": receipt.get("email"),
        "force": account_selectors.force_get_by_code(code=receipt.get("force", "")),
    })


# -- tracking -------------------------------------------------------------------------------


@public
@require_http_methods(["GET", "HEAD", "POST"])
def track(request: HttpRequest, token: str) -> HttpResponse:
    report = services.report_for_tracking(token=token)
    if report is None:
        return render(request, "web/portal/track_not_found.html", status=404)
    error = ""
    if request.method == "POST":
        try:
            status = tracking_status(report=report)
            if "record" in request.POST:
                if not status.can_ask_to_record:
                    raise ValidationError({"case": _("You cannot ask for your complaint to be recorded now")})
                services.complainant_asks_to_record(report=report)
            elif "review" in request.POST:
                if not status.can_ask_for_review:
                    raise ValidationError({"reasons": _("You cannot ask for a review now")})
                services.complainant_review_request(report=report, reasons=request.POST.get("reasons", ""),
                                                    review_body=status.review_body)
            return HttpResponseRedirect(request.path)
        except ValidationError as exc:
            error = exc.messages[0]
        report.refresh_from_db()
    status = tracking_status(report=report)
    return render(request, "web/portal/track.html", {
        "status": status, "error": error, "token": token, "force": report.force,
        "review_body_label": REVIEW_BODY_LABELS.get(status.review_body, ""),
    })


def _tracked(token: str) -> tuple[Any, Any]:
    report = services.report_for_tracking(token=token)
    return report, tracking_status(report=report) if report is not None else None


@public
@require_http_methods(["GET", "HEAD", "POST"])
def track_add_information(request: HttpRequest, token: str) -> HttpResponse:
    """More information for the report, from its tracking page."""
    report, status = _tracked(token)
    if report is None:
        return render(request, "web/portal/track_not_found.html", status=404)
    back = reverse("intake:track", args=[token])
    if not status.can_add_information:
        return HttpResponseRedirect(back)
    form = f.AddInformationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_information_add(report=report, text=form.cleaned_data["text"])
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Thank you. We have added your information to report %(reference)s.")
                             % {"reference": report.reference})
            return HttpResponseRedirect(back)
    return render(request, "web/portal/track_form.html", {
        "form": form, "force": report.force, "back_url": back, "reference": report.reference,
        "title": _("Add information to your report"), "button": _("Send information"),
        "intro": _("Tell us anything you did not include in your report, or anything that has happened "
                   "since."),
    })


@public
@require_http_methods(["GET", "HEAD", "POST"])
def track_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    """A request to withdraw the report, signed with the complainant's name."""
    report, status = _tracked(token)
    if report is None:
        return render(request, "web/portal/track_not_found.html", status=404)
    back = reverse("intake:track", args=[token])
    if not status.can_withdraw:
        return HttpResponseRedirect(back)
    form = f.WithdrawForm(request.POST if request.method == "POST" else None,
                          anonymous=report.anonymous)
    if request.method == "POST" and form.is_valid() and form.cleaned_data["confirm"] == "no":
        return HttpResponseRedirect(back)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_withdrawal_request(
                report=report, confirm=form.cleaned_data["confirm"] == "yes",
                reason=form.cleaned_data.get("reason", ""), signed_name=form.cleaned_data.get("signed_name", ""))
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("We have received your request to withdraw report %(reference)s.")
                             % {"reference": report.reference})
            return HttpResponseRedirect(back)
    return render(request, "web/portal/track_form.html", {
        "form": form, "force": report.force, "back_url": back, "reference": report.reference,
        "title": _("Withdraw your report"), "button": _("Send request to withdraw"),
        "intro": _("If you withdraw a complaint, we will usually stop dealing with it. We may still need to "
                   "look into what you told us if it is about serious wrongdoing by an officer or member of "
                   "staff. We will tell you if we do, if you gave us your contact details."),
    })


@public
@require_http_methods(["GET", "HEAD", "POST"])
def track_lookup(request: HttpRequest) -> HttpResponse:
    """Lost the link? Get a one-time code by email (only to the address given with the report)."""
    form = f.TrackingLookupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not _limit_ok(request, "code"):
            return _too_many(request)
        services.tracking_code_send(reference=form.cleaned_data["reference"], email=form.cleaned_data["email"])
        request.session["candour_tracking_reference"] = form.cleaned_data["reference"].strip().upper()
        return HttpResponseRedirect(reverse("intake:track_code"))
    return render(request, "web/portal/track_lookup.html", {"form": form})


@public
@require_http_methods(["GET", "HEAD", "POST"])
def track_code(request: HttpRequest) -> HttpResponse:
    reference = request.session.get("candour_tracking_reference")
    if not reference:
        return HttpResponseRedirect(reverse("intake:track_lookup"))
    form = f.TrackingCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not _limit_ok(request, "code"):
            return _too_many(request)
        report = services.tracking_code_check(reference=reference, code=form.cleaned_data["code"])
        if report is not None:
            # A further link: any link the complainant had before keeps working.
            token = services.tracking_link_add(report=report)
            request.session.pop("candour_tracking_reference", None)
            # The banner shows the new link itself: "copy it now" must say what to copy.
            path = reverse("intake:track", args=[token])
            url = request.build_absolute_uri(path)
            messages.success(request, format_html(
                '{} <a class="govuk-notification-banner__link candour-break-word" href="{}" '
                'id="new-tracking-link">{}</a><br>{}', _("This is a new link to your report:"), url, url,
                _("Bookmark it or copy it now. Any link you had before still works.")))
            return HttpResponseRedirect(path)
        form.add_error("code", _("The code is wrong or has expired. Check the email, or ask for a new code"))
    return render(request, "web/portal/track_code.html", {"form": form, "reference": reference})


# -- about the service: privacy, accessibility, cookies, contact, feedback ----------------------


def _about_context(request: HttpRequest) -> dict[str, Any]:
    force = _portal_force(request.session.get(SESSION) or {})
    return {"force_name": force.name if force else "", "contact_url": reverse("intake:portal_contact"),
            "cookies_url": reverse("intake:portal_cookies"), "start_url": reverse("intake:portal_start")}


@public
@require_http_methods(["GET", "HEAD"])
def portal_privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "web/portal/privacy.html", _about_context(request))


@public
@require_http_methods(["GET", "HEAD"])
def portal_accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/portal/accessibility.html", _about_context(request))


@public
@require_http_methods(["GET", "HEAD"])
def portal_cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "web/portal/cookies.html", {
        **_about_context(request), "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME})


@public
@require_http_methods(["GET", "HEAD"])
def portal_contact(request: HttpRequest) -> HttpResponse:
    return render(request, "web/portal/contact.html", {
        **_about_context(request), "phone": settings.CANDOUR_PUBLIC_CONTACT_PHONE,
        "email": settings.CANDOUR_PUBLIC_CONTACT_EMAIL})


@public
@require_http_methods(["GET", "HEAD", "POST"])
def portal_feedback(request: HttpRequest) -> HttpResponse:
    """Feedback about the service (not about a report), emailed to CANDOUR_FEEDBACK_EMAIL."""
    can_send = bool(settings.CANDOUR_FEEDBACK_EMAIL)
    form = f.FeedbackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and can_send and form.is_valid():
        if not _limit_ok(request, "feedback"):
            return _too_many(request)
        try:
            services.service_feedback_send(rating=form.cleaned_data["rating"],
                                           improve=form.cleaned_data.get("improve", ""),
                                           language=(get_language() or "en")[:2])
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return HttpResponseRedirect(reverse("intake:portal_feedback"))
    return render(request, "web/portal/feedback.html", {**_about_context(request), "form": form,
                                                        "can_send": can_send})
