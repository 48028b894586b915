"""Vetting register pages: clearances, aftercare, reviews and withdrawal assessments. Thin: parse
the form, call one service, show what it says."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from candour.audit.services import Actor
from candour.cases import selectors as case_selectors
from candour.domain import vetting as rules
from candour.domain.access import Action, can
from candour.people import selectors as people_selectors
from candour.web.access import requires
from candour.web.pages import form_page
from candour.web.vetting import forms as f
from candour.workforce import vetting as services
from candour.workforce import vetting_selectors as selectors
from candour.workforce.models import VettingClearance


def _can_manage(request: HttpRequest) -> bool:
    return can(request.user.role_set(), Action.VETTING_MANAGE)  # type: ignore[union-attr]


@requires(Action.VETTING_VIEW)
def vetting_register(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    register = selectors.vetting_register_for_user(user=request.user, today=today)  # type: ignore[arg-type]
    assessments = [{"assessment": a, "stage": rules.stage(a.facts()),
                    "clocks": rules.assessment_clocks(a.facts())} for a in register.under_assessment]
    return render(request, "web/vetting/register.html", {"register": register, "assessments": assessments,
                                                         "can_manage": _can_manage(request), "today": today,
                                                         "window": selectors.RENEWAL_WINDOW_DAYS})


@requires(Action.VETTING_MANAGE)
@require_http_methods(["GET", "POST"])
def vetting_clearance_add(request: HttpRequest) -> HttpResponse:
    def record(d: dict[str, Any]) -> VettingClearance:
        person = people_selectors.person_find_for_user(user=request.user, number=d["number"].strip())  # type: ignore[arg-type]
        if person is None:
            raise ValidationError({"number": "No officer or member of staff in your force has that number"})
        return services.vetting_clearance_record(
            person=person, level=d["level"], granted_on=d["granted_on"], decision=d["decision"],
            conditions=d["conditions"], rationale=d["rationale"], user=request.user)  # type: ignore[arg-type]

    return form_page(
        request, f.ClearanceForm, save=record,
        done=lambda clearance: f"{clearance.get_level_display()} recorded for {clearance.person.full_name}",
        then=lambda clearance: reverse("web:vetting_clearance", args=[clearance.uuid]),
        title="Record a vetting clearance", caption="Vetting", back=reverse("web:vetting_register"),
        back_text="Vetting register")


@requires(Action.VETTING_VIEW)
def vetting_clearance(request: HttpRequest, clearance_uuid: str) -> HttpResponse:
    clearance = selectors.clearance_get_for_user(user=request.user, clearance_uuid=str(clearance_uuid))  # type: ignore[arg-type]
    return render(request, "web/vetting/clearance.html", {
        "clearance": clearance, "aftercare": list(clearance.aftercare.all()),
        "reviews": list(clearance.reviews.all()), "assessments": list(clearance.withdrawal_assessments.all()),
        "renewal_years": rules.renewal_years(clearance.level), "can_manage": _can_manage(request),
        "today": timezone.localdate(),
        "annual": rules.annual_review_due(last_review_on=clearance.last_review_on or clearance.granted_on),
    })


def _clearance_form(request: HttpRequest, clearance: VettingClearance, form_class: type[forms.Form], *,
                    title: str, **page: Any) -> HttpResponse:
    """A form page of a clearance: captioned with it, back to it."""
    return form_page(request, form_class, title=title, caption=str(clearance),
                     back=reverse("web:vetting_clearance", args=[clearance.uuid]),
                     back_text=clearance.person.full_name, **page)


@requires(Action.VETTING_MANAGE)
@require_http_methods(["GET", "POST"])
def vetting_aftercare(request: HttpRequest, clearance_uuid: str) -> HttpResponse:
    clearance = selectors.clearance_get_for_user(user=request.user, clearance_uuid=str(clearance_uuid))  # type: ignore[arg-type]
    return _clearance_form(
        request, clearance, f.AftercareForm, title="Record aftercare",
        save=lambda d: services.vetting_aftercare_record(
            clearance=clearance, kind=d["kind"], occurred_on=d["occurred_on"], notes=d["notes"],
            open_review=d["open_review"], user=request.user),  # type: ignore[arg-type]
        done="Aftercare recorded", then=reverse("web:vetting_clearance", args=[clearance.uuid]))


@requires(Action.VETTING_MANAGE)
@require_http_methods(["GET", "POST"])
def vetting_review_open(request: HttpRequest, clearance_uuid: str) -> HttpResponse:
    clearance = selectors.clearance_get_for_user(user=request.user, clearance_uuid=str(clearance_uuid))  # type: ignore[arg-type]
    return _clearance_form(
        request, clearance, f.ReviewOpenForm, title="Open a vetting review",
        save=lambda d: services.vetting_review_open(
            person=clearance.person, trigger=d["trigger"], reason=d["reason"], actor=Actor.of(request.user),
            user=request.user, clearance=clearance),  # type: ignore[arg-type]
        done="Vetting review opened", then=lambda review: reverse("web:vetting_review", args=[review.uuid]))


@requires(Action.VETTING_MANAGE)
@require_http_methods(["GET", "POST"])
def vetting_withdrawal_start(request: HttpRequest, clearance_uuid: str) -> HttpResponse:
    clearance = selectors.clearance_get_for_user(user=request.user, clearance_uuid=str(clearance_uuid))  # type: ignore[arg-type]
    return _clearance_form(
        request, clearance, f.WithdrawalStartForm, title="Start a withdrawal assessment",
        save=lambda d: services.withdrawal_assessment_start(
            clearance=clearance, reason=d["reason"], started_on=d["started_on"], user=request.user),  # type: ignore[arg-type]
        done="Withdrawal assessment started",
        then=lambda assessment: reverse("web:vetting_withdrawal", args=[assessment.uuid]),
        intro="Under Part 3 of the Police (Vetting) Regulations 2025, in force from 14 May 2025.")


@requires(Action.VETTING_VIEW)
def vetting_review(request: HttpRequest, review_uuid: str) -> HttpResponse:
    review = selectors.review_get_for_user(user=request.user, review_uuid=str(review_uuid))  # type: ignore[arg-type]
    held = review.clearance if review.clearance is not None and review.clearance.status in services.HELD \
        else services.held_clearance(review.person)
    return render(request, "web/vetting/review.html", {
        "review": review, "can_manage": _can_manage(request), "held": held,
        # The cause's case is a link only when this user may open it (counter-corruption sees
        # integrity reports only).
        "can_view_case": review.case is not None and case_selectors.case_find_for_user(
            user=request.user, reference=review.case.reference) is not None,  # type: ignore[arg-type]
        "assessments": list(review.withdrawal_assessments.all())})


@requires(Action.VETTING_MANAGE)
@require_http_methods(["GET", "POST"])
def vetting_review_decide(request: HttpRequest, review_uuid: str) -> HttpResponse:
    review = selectors.review_get_for_user(user=request.user, review_uuid=str(review_uuid))  # type: ignore[arg-type]
    back = reverse("web:vetting_review", args=[review.uuid])
    return form_page(
        request, f.ReviewDecideForm,
        save=lambda d: services.vetting_review_decide(
            review=review, outcome=d["outcome"], rationale=d["rationale"], conditions=d["conditions"],
            decided_on=d["decided_on"], expected_version=d["version"], user=request.user),  # type: ignore[arg-type]
        done=lambda decided: f"Review decided: {decided.get_outcome_display().lower()}", then=back,
        title="Decide the review", caption=review.person.full_name, back=back,
        back_text="The review", initial={"version": review.version})


@requires(Action.VETTING_VIEW)
def vetting_withdrawal(request: HttpRequest, assessment_uuid: str) -> HttpResponse:
    assessment = selectors.assessment_get_for_user(user=request.user, assessment_uuid=str(assessment_uuid))  # type: ignore[arg-type]
    facts = assessment.facts()
    today = timezone.localdate()
    done = rules.done_steps(facts)
    steps = [{"step": s, "label": rules.STEP_LABELS[s], "done": s in done,
              "check": rules.step_check(s, facts, on=today)} for s in rules.Step]
    return render(request, "web/vetting/withdrawal.html", {
        "assessment": assessment, "clearance": assessment.clearance, "stage": rules.stage(facts),
        "clocks": rules.assessment_clocks(facts), "steps": steps, "can_manage": _can_manage(request),
        "today": today})


@requires(Action.VETTING_MANAGE)
@require_http_methods(["GET", "POST"])
def vetting_withdrawal_step(request: HttpRequest, assessment_uuid: str, step: str) -> HttpResponse:
    assessment = selectors.assessment_get_for_user(user=request.user, assessment_uuid=str(assessment_uuid))  # type: ignore[arg-type]
    if step not in f.STEP_FIELDS:
        raise Http404("No such step")
    back = reverse("web:vetting_withdrawal", args=[assessment.uuid])
    label = rules.STEP_LABELS[rules.Step(step)]
    return form_page(
        request, f.WithdrawalStepForm,
        save=lambda d: services.withdrawal_step_record(
            assessment=assessment, step=step, on=d["on"], user=request.user,  # type: ignore[arg-type]
            expected_version=d["version"], text=d.get("text") or "", decision=d.get("decision") or "",
            result=d.get("result") or ""),
        done=f"{label}: recorded", then=back, title=label,
        caption=f"Withdrawal assessment: {assessment.clearance.person.full_name}", back=back,
        back_text="The withdrawal assessment", initial={"version": assessment.version}, form_kwargs={"step": step})
