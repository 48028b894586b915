"""Case pages: search, the queue, the case page, and case work: take the next step, appoint an
investigator, and record severity, notices, case to answer, outcomes, proceedings and requests.
Thin: parse the form, call one service or selector, show what the service says, including every
reason a step is refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from candour.accounts import selectors as account_selectors
from candour.accounts.models import User
from candour.cases import access as case_access
from candour.cases import documents as case_documents
from candour.cases import selectors, services
from candour.cases import services_proceedings as proceedings
from candour.cases.models import Case, Review, Subject
from candour.cases.transitions import case_transition
from candour.domain import taxonomy
from candour.domain.access import Action, Role, can
from candour.domain.casework import next_steps, step_preview, subject_tasks
from candour.domain.lifecycle import TRANSITIONS_BY_NAME, CaseState
from candour.domain.proceedings import FORUM_LABELS, Member, review_deciders
from candour.domain.steps import inputs_for
from candour.intake import selectors as intake_selectors
from candour.people import selectors as people_selectors
from candour.people.models import Officer
from candour.web.access import requires
from candour.web.cases import forms as f
from candour.web.pages import Said, form_page
from candour.web.state_tags import state_tag_class


@requires(Action.CASE_SEARCH)
def search(request: HttpRequest) -> HttpResponse:
    form = f.CaseSearchForm(request.GET if request.GET else None)
    cases: list[Case] = []
    officers: list[Officer] = []
    searched = form.is_bound and form.is_valid()
    if searched:
        query = form.cleaned_data["q"]
        cases = selectors.case_search(user=request.user, query=query,  # type: ignore[arg-type]
                                      received_from=form.cleaned_data["received_from"])
        if query.strip() and can(request.user.role_set(), Action.OFFICER_VIEW):  # type: ignore[union-attr]
            officers = people_selectors.officer_search(user=request.user, query=query)  # type: ignore[arg-type]
    rows = [{"case": c, "tag": state_tag_class(c.state)} for c in cases]
    return render(request, "web/cases/search.html", {
        "form": form, "rows": rows, "officers": officers, "searched": searched,
        "query": form.cleaned_data.get("q", "") if searched else "",
    })


@requires(Action.CASE_VIEW)
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_access.case_read(user=request.user, reference=reference)  # type: ignore[arg-type]
    can_view_officers = can(request.user.role_set(), Action.OFFICER_VIEW)  # type: ignore[union-attr]
    allegations: list[dict[str, Any]] = []
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
    facts = selectors.case_facts(case=case, today=today)
    steps = next_steps(facts=facts, roles=roles) if can_work else []
    # A person may be a subject of several allegations: each task says which one.
    allegation_of = {str(s.uuid): a["allegation"].number for a in allegations for s in a["subjects"]}
    tasks = [{"task": t, "url": reverse("web:case_subject", args=[case.reference, t.subject_key, t.record]),
              "allegation": allegation_of.get(t.subject_key) if len(allegations) > 1 else None}
             for t in subject_tasks(facts=facts, roles=roles)] if can_work else []
    others = [s for s in steps if not (set(roles) & s.transition.roles)]
    clocks = selectors.case_clocks_for(case=case, today=today)
    return render(request, "web/cases/case_detail.html", {
        "documents": _documents(case, allegations),
        "case": case, "tag": state_tag_class(case.state), "allegations": allegations,
        "timeline": list(case.timeline.all()), "can_view_officers": can_view_officers,
        "can_work": can_work, "steps": [s for s in steps if set(roles) & s.transition.roles], "tasks": tasks,
        "others": others,
        "clocks": clocks, "next_clock": min((c for c in clocks if not c.informational), key=lambda c: c.due,
                                            default=None),
        "notice_possible": case.state in services.NOTICE_STATES,
        "evidence": intake_selectors.evidence_for_case(user=request.user, case=case),  # type: ignore[arg-type]
        "can_view_evidence": can(roles, Action.EVIDENCE_VIEW),
        "reports": list(case.reports.all()),
        "contact_clock": any(c.rule == "contact-complainant" for c in clocks),
        "notice_severities": ("misconduct", "gross_misconduct"),
        "requests": list(case.requests.all()), "today": today,
        "proceedings": selectors.proceedings_for_case(case=case),
        "forum_label": FORUM_LABELS.get(case.proceedings_forum, ""),
        "can_manage": can(roles, Action.PROCEEDINGS_MANAGE),
        "review_bodies_decided": [b for b in ("local_policing_body", "", "iopc") if set(roles) & review_deciders(b)],
        # Need-to-know (docs/security.md).
        "restrictions": sorted(selectors.case_restrictions_of(case), key=lambda r: r.label),
        "can_manage_access": can(roles, Action.CASE_ACCESS_MANAGE),
        "can_add_witness": can(roles, Action.CASE_WITNESS_ADD), "witnesses": list(case.witnesses.all()),
    })


def _documents(case: Case, allegations: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The documents the case's state makes meaningful, as (link text, URL)."""
    found: list[tuple[str, str]] = []
    for item in allegations:
        for subject in item["subjects"]:
            if not case_documents.notice(case=case, subject=subject, served=bool(subject.notices.all())):
                found.append((f"Regulation 17 notice: {subject.person.full_name} (allegation "
                              f"{item['allegation'].number})",
                              reverse("web:document_notice", args=[case.reference, subject.uuid])))
    if not case_documents.outcome_letter(case=case):
        found.append(("Outcome letter to the complainant", reverse("web:document_outcome_letter",
                                                                   args=[case.reference])))
    if not case_documents.progress_report(case=case):
        found.append(("Investigation progress report (12-month or 6-monthly)",
                      reverse("web:document_progress_report", args=[case.reference])))
    return found


@requires(Action.CASE_VIEW)
def queue(request: HttpRequest) -> HttpResponse:
    """My cases by the nearest statutory clock, overdue first; and the force's lengthy investigations."""
    today = timezone.localdate()
    view = request.GET.get("due", "all")
    if view not in selectors.QUEUE_VIEWS:
        view = "all"  # an unknown or tampered value shows everything rather than an error page
    mine = selectors.queue_for_user(user=request.user, today=today, view=view,  # type: ignore[arg-type]
                                    page=request.GET.get("page", 1))
    lengthy = selectors.lengthy_investigations_for_user(user=request.user, today=today)  # type: ignore[arg-type]
    rows = [{"case": c, "tag": state_tag_class(c.state),
             "overdue": c.next_due_on is not None and c.next_due_on < today} for c in mine.cases]
    return render(request, "web/cases/queue.html", {"queue": mine, "rows": rows, "lengthy": lengthy, "today": today})


# -- case work --------------------------------------------------------------------------------


def _case(request: HttpRequest, reference: str) -> Case:
    return case_access.case_read(user=request.user, reference=reference)  # type: ignore[arg-type]


def _case_url(case: Case) -> str:
    return reverse("web:case_detail", args=[case.reference])


def _back(case: Case) -> HttpResponseRedirect:
    return HttpResponseRedirect(_case_url(case))


def _case_form(request: HttpRequest, case: Case, form_class: type[forms.Form], *, title: str,
               save: Callable[[dict[str, Any]], Any], done: Said, back_to: tuple[str, str] | None = None,
               **page: Any) -> HttpResponse:
    """A form page of the case: captioned with its reference, back to the case when done (or to
    ``back_to``, a (URL, link text) pair: the list the user came from)."""
    url = _case_url(case)
    back, back_text = back_to or (url, case.reference)
    return form_page(request, form_class, save=save, done=done, then=back, title=title, caption=case.reference,
                     back=back, back_text=back_text, **page)


@requires(Action.CASE_TRANSITION)
@require_http_methods(["GET", "POST"])
def case_step(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    case = _case(request, reference)
    transition = TRANSITIONS_BY_NAME.get(step)
    if transition is None:
        raise Http404("No such step")
    today = timezone.localdate()
    facts = selectors.case_facts(case=case, today=today)
    roles = request.user.role_set()  # type: ignore[union-attr]
    check = step_preview(step, facts=facts, roles=roles)
    # The wrong state or the wrong role blocks the step whatever is entered: then the page says
    # why and offers no form. The rules' other refusals may turn on what the form supplies (a
    # date received, a forwarded application), so the form stays and the service decides.
    blocked = CaseState(facts.state) not in transition.source or not (set(roles) & transition.roles)
    subjects = [(str(s.uuid), f"{s.person.full_name} ({s.get_outcome_display().lower()})")
                for s in selectors.subjects_with_outcome(case=case)] if step == "appeal" else None
    return _case_form(
        request, case, f.StepForm, title=transition.description, template="web/cases/case_step.html",
        save=lambda d: case_transition(
            case=case, transition=step, user=request.user, expected_version=d["version"],  # type: ignore[arg-type]
            reason=d.get("reason") or "", inputs=inputs_for(step, d), today=today),
        done=f"{transition.description}: done", closed=blocked, initial={"version": case.version},
        form_kwargs={"step": step, "subjects": subjects},
        context={"case": case, "transition": transition, "check": check, "blocked": blocked})


@requires(Action.CASE_TRANSITION)
@require_http_methods(["GET", "POST"])
def case_investigator(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    investigators = account_selectors.investigator_list_for_user(user=request.user)  # type: ignore[arg-type]

    def appoint(d: dict[str, Any]) -> User:
        chosen = next(u for u in investigators if str(u.pk) == d["investigator"])
        services.investigator_appoint(case=case, user=request.user, investigator=chosen,  # type: ignore[arg-type]
                                      expected_version=d["version"], terms_of_reference=d["terms_of_reference"])
        return chosen

    return _case_form(request, case, f.InvestigatorForm, title="Appoint the investigator", save=appoint,
                      done=lambda chosen: f"{chosen.name} appointed to investigate",
                      form_kwargs={"choices": [(str(u.pk), u.name) for u in investigators]},
                      initial={"version": case.version, "terms_of_reference": case.terms_of_reference,
                               "investigator": str(case.investigator_id or "")})


@dataclass(frozen=True)
class SubjectRecord:
    """One kind of record kept per subject: its form, the service that writes it (called with
    the subject, the user and the form's cleaned data) and its title."""

    form: type[forms.Form]
    service: Callable[[Subject, Any, dict[str, Any]], Any]
    title: str
    #: What the page says once saved, from what the service returned (what was decided).
    said: Callable[[Any, str], str] | None = None


def _departure(subject: Subject, user: Any, d: dict[str, Any]) -> Any:
    if subject.officer is None:
        raise ValidationError({"status": "Only a police officer goes on the advisory list when they leave"})
    return proceedings.officer_departure_record(officer=subject.officer, user=user, status=d["status"],
                                                left_on=d["left_on"])


SUBJECT_RECORDS: dict[str, SubjectRecord] = {
    "severity": SubjectRecord(f.SeverityForm, lambda s, u, d: services.subject_severity_assess(
        subject=s, user=u, severity=d["severity"], assessed_on=d["assessed_on"],
        reasons=d["reasons"]), "Severity assessment",
        lambda r, name: f"Severity assessed for {name}: {r.get_severity_display().lower()}"),
    "notice": SubjectRecord(f.NoticeForm, lambda s, u, d: services.reg17_notice_serve(
        subject=s, user=u, served_on=d["served_on"], method=d["method"]), "Regulation 17 notice",
        lambda r, name: f"Regulation 17 notice served on {name} on {r.served_on:%-d %B %Y}"),
    "case-to-answer": SubjectRecord(f.CaseToAnswerForm, lambda s, u, d: services.subject_case_to_answer_decide(
        subject=s, user=u, decision=d["decision"], special_conditions_met=d["special_conditions_met"],
        reasons=d["reasons"]),
        "Case to answer", lambda r, name: (f"No case to answer for {name}" if r.case_to_answer == "none" else
                                           f"Case to answer for {r.get_case_to_answer_display().lower()}: {name}")),
    "outcome": SubjectRecord(f.OutcomeForm, lambda s, u, d: services.subject_finding_record(
        subject=s, user=u, finding=d["finding"], outcome=d["outcome"], outcome_on=d["outcome_on"],
        exceptional_circumstances=d["exceptional_circumstances"], reasons=d["reasons"]),
        "Finding and outcome",
        lambda r, name: f"Finding of {r.get_finding_display().lower()} and outcome "
                        f"{r.get_outcome_display().lower()} recorded for {name}"),
    "proceedings-notice": SubjectRecord(f.ProceedingsNoticeForm, lambda s, u, d: proceedings.proceedings_notice_give(
        subject=s, user=u, notice_on=d["notice_on"]), "Notice of referral to proceedings"),
    "proceedings-response": SubjectRecord(
        f.ProceedingsResponseForm, lambda s, u, d: proceedings.proceedings_response_record(
            subject=s, user=u, response_on=d["response_on"], accepts=d["accepts"],
            witnesses_proposed=d["witnesses_proposed"], extended_to=d["extended_to"]),
        "Officer's response and witnesses"),
    "witnesses": SubjectRecord(f.WitnessesForm, lambda s, u, d: proceedings.proceedings_witnesses_decide(
        subject=s, user=u, witness_lists_on=d["witness_lists_on"], decided_on=d["decided_on"],
        decision=d["decision"]), "Witness lists and decision"),
    "proceedings-dates": SubjectRecord(f.ProceedingsDatesForm, lambda s, u, d: proceedings.proceedings_dates_set(
        subject=s, user=u, hearing_on=d["hearing_on"], papers_to_chair_on=d["papers_to_chair_on"],
        pre_hearing_on=d["pre_hearing_on"], reduced_by_agreement=d["reduced_by_agreement"],
        extended=d["extended"]), "Dates of the proceedings"),
    "departure": SubjectRecord(f.DepartureForm, _departure, "Left the force"),
}


def _material(request: HttpRequest, case: Case) -> dict[str, Any]:
    """What a decision rests on, linked from its form: the case, its reports and their evidence."""
    return {"notes": "web/cases/_material.html", "material_case": case, "material_reports": list(case.reports.all()),
            "material_evidence": intake_selectors.evidence_for_case(user=request.user,  # type: ignore[arg-type]
                                                                    case=case)}


@requires(Action.CASE_TRANSITION)
@require_http_methods(["GET", "POST"])
def case_subject(request: HttpRequest, reference: str, subject_uuid: str, what: str) -> HttpResponse:
    case = _case(request, reference)
    record = SUBJECT_RECORDS.get(what)
    if record is None:
        raise Http404("No such subject")
    subject = selectors.subject_get_for_case(case=case, subject_uuid=subject_uuid)
    name = subject.person.full_name
    return _case_form(request, case, record.form, title=f"{record.title}: {name}",
                      context=_material(request, case),
                      save=lambda d: record.service(subject, request.user, d),
                      done=(lambda result: record.said(result, name)) if record.said  # type: ignore[misc]
                      else f"{record.title} recorded for {name}")


@requires(Action.PROCEEDINGS_MANAGE)
@require_http_methods(["GET", "POST"])
def case_panel(request: HttpRequest, reference: str) -> HttpResponse:
    """Who sits at the meeting or hearing, checked against what the rules require for the forum,
    the date and the subject's rank."""
    case = _case(request, reference)
    requirements = proceedings.panel_requirements_for(case=case)
    if not requirements or not case.proceedings_forum:
        raise Http404("This case has no proceedings with a panel")
    requirement = requirements[0][1]
    current = {m.role: m for m in case.panel.all()}

    def save(d: dict[str, Any]) -> Any:
        members = [Member(role.value, d.get(role.value) or "",
                          d.get("chair_capacity") or "" if role.value == "chair" else "")
                   for role in requirement.roles if (d.get(role.value) or "").strip()]
        return proceedings.panel_record(case=case, user=request.user, members=members,  # type: ignore[arg-type]
                                        expected_version=d["version"])

    initial = {"version": case.version, **{role: m.name for role, m in current.items()}}
    if "chair" in current:
        initial["chair_capacity"] = current["chair"].capacity
    return _case_form(request, case, f.PanelForm, title="Panel", save=save, done="Panel recorded",
                      form_kwargs={"requirement": requirement}, initial=initial,
                      context={"notes": "web/cases/_panel_rules.html", "requirements": requirements})


@requires(Action.PROCEEDINGS_MANAGE)
@require_http_methods(["GET", "POST"])
def case_appeal(request: HttpRequest, reference: str, appeal_uuid: str, what: str) -> HttpResponse:
    case = _case(request, reference)
    appeal = selectors.appeal_get_for_case(case=case, appeal_uuid=appeal_uuid)
    user: Any = request.user
    pages: dict[str, tuple[type[forms.Form], str, Callable[[dict[str, Any]], Any]]] = {
        "hearing": (f.AppealHearingForm, "Appeal hearing", lambda d: proceedings.appeal_hearing_fix(
            appeal=appeal, user=user, hearing_on=d["hearing_on"])),
        "result": (f.AppealResultForm, "Result of the appeal", lambda d: proceedings.appeal_decide(
            appeal=appeal, user=user, result=d["result"], decided_on=d["decided_on"],
            substituted_outcome=d["substituted_outcome"])),
    }
    if what not in pages:
        raise Http404("No such page")
    form_class, title, save = pages[what]
    return _case_form(request, case, form_class, title=f"{title}: {appeal.subject.person.full_name}", save=save,
                      done=f"{title} recorded")


@requires(Action.REVIEW_DECIDE)
def review_queue(request: HttpRequest) -> HttpResponse:
    """The complainants' reviews waiting for this user's decision (a review panel member's queue)."""
    return render(request, "web/cases/review_queue.html", {
        "reviews": selectors.reviews_awaiting_for_user(user=request.user),  # type: ignore[arg-type]
        "panel": Role.REVIEW_PANEL in request.user.role_set()})  # type: ignore[union-attr]


def _review_said(review: Review) -> str:
    """What the review body decided, in the words the complainant will read."""
    said = f"Review decided: {review.get_outcome_display()[:1].lower()}{review.get_outcome_display()[1:]}"
    return said + ("; re-investigation directed" if review.reinvestigation else "")


@requires(Action.REVIEW_DECIDE)
@require_http_methods(["GET", "POST"])
def case_review(request: HttpRequest, reference: str, review_uuid: str) -> HttpResponse:
    case = _case(request, reference)
    review = selectors.review_get_for_case(case=case, review_uuid=review_uuid)
    if not request.user.role_set() & review_deciders(review.review_body):  # type: ignore[union-attr]
        raise PermissionDenied("The IOPC's decision is recorded by the appropriate authority"
                               if review.review_body == "iopc" else
                               "The local policing body's review panel decides this review")
    queue_url = reverse("web:review_queue")
    return _case_form(request, case, f.ReviewDecisionForm, title="Decide the complainant's review",
                      intro="Was the outcome of the complaint reasonable and proportionate? The complainant is "
                            "told the decision and its reasons (Police Reform Act 2002, Schedule 3, paragraph 25).",
                      context=_material(request, case), initial={"decided_on": timezone.localdate()},
                      save=lambda d: proceedings.review_decide(review=review, user=request.user, **d),  # type: ignore[arg-type]
                      done=_review_said, back_to=(queue_url, "Reviews awaiting your decision")
                      if Role.REVIEW_PANEL in request.user.role_set() else None)  # type: ignore[union-attr]


@requires(Action.CASE_TRANSITION)
@require_http_methods(["GET", "POST"])
def case_cps(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    return _case_form(request, case, f.CpsReferralForm, title="Referral to the CPS",
                      save=lambda d: proceedings.cps_referral_record(case=case, user=request.user, **d),  # type: ignore[arg-type]
                      done="CPS referral recorded")


@requires(Action.CASE_TRANSITION)
@require_http_methods(["GET", "POST"])
def case_cps_decision(request: HttpRequest, reference: str, referral_uuid: str) -> HttpResponse:
    case = _case(request, reference)
    referral = selectors.cps_referral_get_for_case(case=case, referral_uuid=referral_uuid)
    return _case_form(request, case, f.CpsDecisionForm, title="The CPS decision",
                      save=lambda d: proceedings.cps_decision_record(referral=referral, user=request.user, **d),  # type: ignore[arg-type]
                      done="CPS decision recorded")


@requires(Action.CASE_TRANSITION)
@require_http_methods(["GET", "POST"])
def case_request_add(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    return _case_form(request, case, f.RequestForm, title="Record a request",
                      save=lambda d: services.cooperation_request_add(case=case, user=request.user, **d),  # type: ignore[arg-type]
                      done="Request recorded")


@requires(Action.CASE_TRANSITION)
@require_http_methods(["GET", "POST"])
def case_update(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    return _case_form(request, case, f.UpdateForm, title="Update the complainant",
                      save=lambda d: services.complainant_update_send(case=case, user=request.user,  # type: ignore[arg-type]
                                                                      message=d["message"]),
                      done="Update sent to the complainant")


@requires(Action.CASE_TRANSITION)
@require_http_methods(["GET", "POST"])
def case_contact(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    return _case_form(request, case, f.ContactForm, title="Record first contact with the complainant",
                      intro="The complainant must be contacted and asked how they would like the complaint "
                            "handled (Police Reform Act 2002, Schedule 3, paragraph 2(6)).",
                      save=lambda d: services.complainant_contact_record(
                          case=case, user=request.user, contacted_on=d["contacted_on"]),  # type: ignore[arg-type]
                      done=lambda c: "First contact with the complainant recorded: "
                                     f"{c.complainant_contacted_on:%-d %B %Y}")


def _case_action(request: HttpRequest, case: Case, act: Callable[[], Any], done: str) -> HttpResponse:
    """A button on the case page (no form): do it, say so or say why not, and go back to the case."""
    try:
        act()
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, done)
    return _back(case)


@requires(Action.CASE_TRANSITION)
@require_http_methods(["POST"])
def case_request_answered(request: HttpRequest, reference: str, request_uuid: str) -> HttpResponse:
    case = _case(request, reference)
    found = selectors.cooperation_request_get_for_case(case=case, request_uuid=request_uuid)
    return _case_action(request, case, lambda: services.cooperation_request_answer(
        request=found, user=request.user, answered_on=timezone.localdate(),  # type: ignore[arg-type]
        declined=request.POST.get("declined") == "1"), "Answer recorded")


@requires(Action.CASE_TRANSITION)
@require_http_methods(["POST"])
def notice_response(request: HttpRequest, reference: str, notice_uuid: str) -> HttpResponse:
    case = _case(request, reference)
    notice = selectors.notice_get_for_case(case=case, notice_uuid=notice_uuid)
    return _case_action(request, case, lambda: services.notice_response_record(
        notice=notice, user=request.user, response_on=timezone.localdate()),  # type: ignore[arg-type]
        "Response recorded")
