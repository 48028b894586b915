"""Write side for proceedings, appeals, complainant reviews, CPS referrals and departures.

Each service checks the user's force and role, the case's state and the rules
(:mod:`candour.domain.proceedings`, :mod:`candour.domain.deadlines`), then writes its record,
a timeline entry and its audit event in one transaction. A refusal is a ``ValidationError``
whose messages say why, with the law they rest on, and nothing is written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from candour.accounts.models import User
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.cases.models import (
    Appeal,
    Case,
    CpsReferral,
    PanelMember,
    ProceedingsNotice,
    Review,
    Subject,
)
from candour.cases.services import _bump, _locked_case, _require, case_timeline_add
from candour.common.validators import Refusals
from candour.domain.access import Role
from candour.domain.deadlines import compute_deadline, long_date
from candour.domain.lifecycle import CaseState
from candour.domain.proceedings import (
    DISMISSAL_OUTCOMES,
    Member,
    PanelRequirement,
    appeal_effect,
    hearing_date_check,
    panel_problems,
    panel_requirements,
    review_deciders,
    substitutable,
)
from candour.people.models import Officer
from candour.workforce.lists import list_entry_from_rules
from candour.workforce.models import ListEntry

CR = "Police (Conduct) Regulations 2020"
_DM = {Role.DECISION_MAKER}
_AA_DM = {Role.ASSESSOR, Role.DECISION_MAKER}


def _subject(subject: Subject) -> tuple[Subject, Case]:
    subject = Subject.objects.select_related("allegation__case__force", "officer", "staff_member").get(pk=subject.pk)
    return subject, subject.allegation.case


def _in_proceedings(case: Case, what: str) -> None:
    if case.state != CaseState.PROCEEDINGS or not case.proceedings_forum:
        raise ValidationError({"__all__": f"{what} is recorded once the case has been referred to misconduct "
                                          f"proceedings (the case is '{case.get_state_display().lower()}')"})


def _notice(subject: Subject) -> ProceedingsNotice:
    notice = ProceedingsNotice.objects.filter(subject=subject).first()
    if notice is None:
        raise ValidationError({"__all__": f"Record the notice of referral to {subject.person.full_name} first "
                                          f"({CR}, regs 30 and 51)"})
    return notice


def proceedings_notice_give(*, subject: Subject, user: User, notice_on: date) -> ProceedingsNotice:
    """The notice of referral to proceedings with the documents (Conduct Regs reg 30), or for an
    accelerated hearing the reg 51(1) notice: every later clock runs from it."""
    subject, case = _subject(subject)
    actor = _require(user, case, _AA_DM, "give the notice of referral")
    _in_proceedings(case, "The notice of referral")
    if subject.case_to_answer not in ("misconduct", "gross_misconduct"):
        raise ValidationError({"__all__": f"There is no case to answer for {subject.person.full_name}, so there "
                                          f"are no proceedings to give notice of ({CR}, reg 23)"})
    if subject.officer is None:
        raise ValidationError({"__all__": "The Conduct Regulations apply to police officers; police staff follow "
                                          "local procedures"})
    if ProceedingsNotice.objects.filter(subject=subject).exists():
        raise ValidationError({"notice_on": "The notice has already been recorded for this officer"})
    Refusals().between("notice_on", notice_on, label="The date of the notice", today=timezone.localdate(),
                       earliest=case.received_on, what="the day the matter was received").raise_if_any()
    with transaction.atomic():
        notice = ProceedingsNotice.objects.create(subject=subject, forum=case.proceedings_forum, notice_on=notice_on)
        _bump(case)
        word = "reg 51(1) notice" if case.proceedings_forum == "accelerated_hearing" else "notice of referral"
        audit_record(actor=actor, action=AuditVerb.PROCEEDINGS_NOTICE_GIVEN,
                     on=subject, after={"forum": case.proceedings_forum, "notice_on": notice_on})
        case_timeline_add(case=case, kind="proceedings", title=f"{word[0].upper()}{word[1:]} given", actor=actor,
                          description=f"{subject.person.full_name}, {long_date(notice_on)}")
    return notice


def proceedings_response_record(*, subject: Subject, user: User, response_on: date, accepts: str,
                                witnesses_proposed: str = "", extended_to: date | None = None) -> ProceedingsNotice:
    """The officer's response and proposed witnesses (reg 31(1)-(3); for an accelerated hearing,
    the written response, reg 54). A response after the last day needs the extension the person
    conducting or chairing granted for exceptional circumstances (reg 31(3))."""
    subject, case = _subject(subject)
    actor = _require(user, case, _AA_DM, "record the officer's response")
    _in_proceedings(case, "The officer's response")
    notice = _notice(subject)
    if accepts not in ("accepts", "disputes", "in_part"):
        raise ValidationError({"accepts": "Say whether the officer accepts the allegations"})
    if len(witnesses_proposed) > 4000:
        raise ValidationError({"witnesses_proposed": "Witnesses must be 4,000 characters or fewer"})
    Refusals().between("response_on", response_on, label="The date of the response", today=timezone.localdate(),
                       earliest=notice.notice_on, what="the notice").raise_if_any()
    rule = "amh-response" if notice.forum == "accelerated_hearing" else "referral-response"
    deadline = compute_deadline(rule, notice.notice_on, regime_date=case.received_on)
    if extended_to is not None and extended_to <= deadline.due:
        raise ValidationError({"extended_to": f"An extension must be after the last day, {long_date(deadline.due)}"})
    last = extended_to or deadline.due
    if response_on > last:
        why = "as extended" if extended_to else f"{deadline.explanation} ({deadline.basis})"
        raise ValidationError({"response_on": (
            f"The response on {long_date(response_on)} is after the last day, {long_date(last)}: {why}. Record the "
            f"extension granted for exceptional circumstances ({CR}, reg 31(3)) if there was one")})
    with transaction.atomic():
        notice.response_on = response_on
        notice.response_due_on = extended_to
        notice.accepts = accepts
        notice.witnesses_proposed = witnesses_proposed.strip()
        notice.save(update_fields=["response_on", "response_due_on", "accepts", "witnesses_proposed", "updated_at"])
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.PROCEEDINGS_RESPONSE_RECORDED, on=subject,
                     after={"response_on": response_on, "accepts": accepts, "extended_to": extended_to,
                            "due": deadline.due, "confirmed": deadline.confirmed})
        case_timeline_add(case=case, kind="proceedings", title="Officer's response to the notice received", actor=actor,
                          description=f"{subject.person.full_name}: {notice.get_accepts_display().lower()}")
    return notice


def proceedings_witnesses_decide(*, subject: Subject, user: User, witness_lists_on: date, decided_on: date,
                                 decision: str) -> ProceedingsNotice:
    """Both sides' witness lists (reg 31(4)) and the decision of the person conducting or
    chairing on which witnesses attend (reg 32)."""
    subject, case = _subject(subject)
    actor = _require(user, case, _DM, "decide on witnesses")
    _in_proceedings(case, "The witness decision")
    notice = _notice(subject)
    if notice.response_on is None:
        raise ValidationError({"__all__": f"Witness lists are exchanged after the officer's response ({CR}, "
                                          "reg 31(4)): record the response first"})
    if not decision.strip() or len(decision) > 4000:
        raise ValidationError({"decision": "Enter which witnesses may attend (4,000 characters or fewer)"})
    Refusals().between("witness_lists_on", witness_lists_on, label="The date the lists were exchanged",
                       today=timezone.localdate(), earliest=notice.response_on,
                       what="the officer's response").raise_if_any()
    Refusals().between("decided_on", decided_on, label="The date of the decision", today=timezone.localdate(),
                       earliest=witness_lists_on, what="the lists").raise_if_any()
    with transaction.atomic():
        notice.witness_lists_on = witness_lists_on
        notice.witnesses_decided_on = decided_on
        notice.witnesses_decision = decision.strip()
        notice.save(update_fields=["witness_lists_on", "witnesses_decided_on", "witnesses_decision", "updated_at"])
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.WITNESSES_DECIDED,
                     on=subject, after={"witness_lists_on": witness_lists_on, "decided_on": decided_on})
        case_timeline_add(case=case, kind="proceedings", title="Witnesses decided", actor=actor,
                          description=f"{subject.person.full_name}: {decision.strip()[:300]}")
    return notice


def proceedings_dates_set(*, subject: Subject, user: User, hearing_on: date, papers_to_chair_on: date | None = None,
                          pre_hearing_on: date | None = None, reduced_by_agreement: bool = False,
                          extended: bool = False) -> ProceedingsNotice:
    """The documents to the person conducting or chairing (reg 32), the pre-hearing (reg 33,
    hearings only) and the date of the meeting or hearing, within the permitted days (reg 34(1)
    [M] for meetings; reg 52(1) for accelerated hearings)."""
    subject, case = _subject(subject)
    actor = _require(user, case, _DM, "fix the date of the proceedings")
    _in_proceedings(case, "The date of the proceedings")
    notice = _notice(subject)
    errors: dict[str, str] = {}
    if notice.forum != "accelerated_hearing":
        if notice.response_on is None:
            errors["__all__"] = (f"Record the officer's response first: the documents go to the person conducting or "
                                 f"chairing after it ({CR}, reg 32(6))")
        elif papers_to_chair_on is None:
            errors["papers_to_chair_on"] = "Enter the date the documents were supplied to the person conducting"
        elif papers_to_chair_on < notice.response_on:
            errors["papers_to_chair_on"] = "The documents are supplied after the officer's response"
    if pre_hearing_on is not None and notice.forum != "misconduct_hearing":
        errors["pre_hearing_on"] = f"Only a misconduct hearing has a pre-hearing ({CR}, reg 33)"
    if pre_hearing_on is not None and papers_to_chair_on is not None and pre_hearing_on < papers_to_chair_on:
        errors["pre_hearing_on"] = "The pre-hearing follows the documents supplied to the chair"
    if errors:
        raise ValidationError(errors)
    refusals = hearing_date_check(forum=notice.forum, hearing_on=hearing_on, notice_on=notice.notice_on,
                                  papers_to_chair_on=papers_to_chair_on, pre_hearing_on=pre_hearing_on,
                                  received_on=case.received_on, reduced_by_agreement=reduced_by_agreement,
                                  extended=extended)
    if refusals:
        raise ValidationError({"hearing_on": refusals})
    with transaction.atomic():
        before = {"hearing_on": notice.hearing_on}
        notice.papers_to_chair_on = papers_to_chair_on
        notice.pre_hearing_on = pre_hearing_on
        notice.hearing_on = hearing_on
        notice.reduced_by_agreement = reduced_by_agreement
        notice.extended = extended
        notice.save(update_fields=["papers_to_chair_on", "pre_hearing_on", "hearing_on", "reduced_by_agreement",
                                   "extended", "updated_at"])
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.PROCEEDINGS_DATES_SET, on=subject, before=before,
                     after={"hearing_on": hearing_on, "papers_to_chair_on": papers_to_chair_on,
                            "pre_hearing_on": pre_hearing_on, "reduced_by_agreement": reduced_by_agreement,
                            "extended": extended})
        case_timeline_add(case=case, kind="proceedings", title=f"{notice.get_forum_display()} fixed", actor=actor,
                          description=f"{subject.person.full_name}, {long_date(hearing_on)}")
    return notice


# -- the panel ---------------------------------------------------------------------------------


def panel_requirements_for(*, case: Case, today: date | None = None) -> list[tuple[str, PanelRequirement]]:
    """What the rules require of the panel for each officer with a case to answer: the forum,
    the day it sits (the hearing date fixed, else today) and the officer's rank."""
    today = today or timezone.localdate()
    out = []
    subjects = (Subject.objects.filter(allegation__case=case, officer__isnull=False,
                                       case_to_answer__in=("misconduct", "gross_misconduct"))
                .select_related("officer").order_by("id"))
    seen: set[int] = set()
    for subject in subjects:
        assert subject.officer is not None
        if subject.officer_id in seen:
            continue
        seen.add(subject.officer.pk)
        notice = ProceedingsNotice.objects.filter(subject=subject).first()
        sitting_on = notice.hearing_on if notice and notice.hearing_on else today
        out.append((subject.officer.full_name, panel_requirements(
            forum=case.proceedings_forum, sitting_on=sitting_on, rank=subject.officer.rank,
            received_on=case.received_on)))
    return out


def panel_record(*, case: Case, user: User, members: list[Member], expected_version: int | None = None,
                 today: date | None = None) -> list[PanelMember]:
    """Record who sits at the meeting or hearing, replacing any panel recorded before; refused
    with the rules' reasons when the members are not what the forum, date and rank require."""
    actor = _require(user, case, _DM, "record the panel")
    _in_proceedings(case, "The panel")
    requirements = panel_requirements_for(case=case, today=today)
    if not requirements:
        raise ValidationError({"__all__": "No officer has a case to answer, so there is no panel to appoint"})
    refusals: dict[str, list[str]] = {}
    for name, requirement in requirements:
        for field, refusal in panel_problems(requirement, members):
            text = refusal if len(requirements) == 1 else f"{name}: {refusal}"
            if text not in refusals.get(field, []):
                refusals.setdefault(field, []).append(text)
    if refusals:
        raise ValidationError(refusals)
    with transaction.atomic():
        locked = _locked_case(case, expected_version)
        before = [{"role": m.role, "name": m.name} for m in locked.panel.all()]
        locked.panel.all().delete()
        created = [PanelMember.objects.create(case=locked, role=m.role, name=m.name.strip(), capacity=m.capacity)
                   for m in members]
        _bump(locked)
        audit_record(actor=actor, action=AuditVerb.PANEL_RECORDED, on=locked, before={"panel": before},
                     after={"panel": [{"role": m.role, "name": m.name, "capacity": m.capacity} for m in created],
                            "sitting_on": requirements[0][1].sitting_on,
                            "confirmed": all(r.confirmed for _, r in requirements)})
        case_timeline_add(case=locked, kind="panel", title="Panel recorded", actor=actor,
                          description=", ".join(m.name for m in created))
    case.version = locked.version
    return created


# -- appeals -------------------------------------------------------------------------------


def appeal_hearing_fix(*, appeal: Appeal, user: User, hearing_on: date) -> Appeal:
    case = appeal.case
    actor = _require(user, case, _DM, "fix the appeal hearing")
    if appeal.result:
        raise ValidationError({"hearing_on": "The appeal has already been decided"})
    if hearing_on < appeal.lodged_on:
        raise ValidationError({"hearing_on": f"The appeal is heard after it was lodged "
                                             f"({long_date(appeal.lodged_on)})"})
    with transaction.atomic():
        appeal.hearing_on = hearing_on
        appeal.save(update_fields=["hearing_on", "updated_at"])
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.APPEAL_HEARING_FIXED,
                     on=case, after={"appeal": str(appeal.uuid), "hearing_on": hearing_on})
        case_timeline_add(case=case, kind="appeal", title="Appeal hearing fixed", actor=actor,
                          description=long_date(hearing_on))
    return appeal


def appeal_decide(*, appeal: Appeal, user: User, result: str, decided_on: date,
                  substituted_outcome: str = "") -> Appeal:
    """The appeal's result and its effect: an outcome substituted, a finding quashed or the matter
    remitted changes the subject's finding and outcome; an overturned dismissal removes the
    barred-list entry (``removed_on`` set, audited), all in one transaction."""
    appeal = Appeal.objects.select_related("case__force", "subject__officer", "subject__staff_member").get(pk=appeal.pk)
    case = appeal.case
    actor = _require(user, case, _DM, "record the appeal's result")
    if case.state != CaseState.APPEAL:
        raise ValidationError({"result": f"The appeal's result is recorded while the case is under appeal (it is "
                                         f"'{case.get_state_display().lower()}')"})
    if appeal.result:
        raise ValidationError({"result": "The appeal has already been decided"})
    if result not in Appeal.Result.values or not result:
        raise ValidationError({"result": "Choose the result of the appeal"})
    Refusals().between("decided_on", decided_on, label="The date of the decision", today=timezone.localdate(),
                       earliest=appeal.lodged_on, what="the day it was lodged").raise_if_any()
    subject = appeal.subject
    if result == Appeal.Result.OUTCOME_SUBSTITUTED:
        problems = substitutable(subject.outcome, substituted_outcome)
        if problems:
            raise ValidationError({"substituted_outcome": problems})
    effect = appeal_effect(result=result, finding=subject.finding, outcome=subject.outcome,
                           substituted_outcome=substituted_outcome)
    with transaction.atomic():
        locked = Subject.objects.select_for_update().get(pk=subject.pk)
        appeal.original_finding, appeal.original_outcome = locked.finding, locked.outcome
        appeal.result = result
        appeal.decided_on = decided_on
        appeal.substituted_outcome = substituted_outcome if result == Appeal.Result.OUTCOME_SUBSTITUTED else ""
        appeal.save(update_fields=["original_finding", "original_outcome", "result", "decided_on",
                                   "substituted_outcome", "updated_at"])
        changed = (effect.finding, effect.outcome) != (locked.finding, locked.outcome)
        if changed:
            locked.finding = effect.finding
            locked.outcome = effect.outcome
            locked.outcome_on = decided_on if effect.outcome else None
            locked.save(update_fields=["finding", "outcome", "outcome_on", "updated_at"])
        if result == Appeal.Result.OUTCOME_SUBSTITUTED and locked.officer_id is not None:
            # The disciplinary action is one per officer: the substitute replaces it on the officer's
            # other allegations in the case too (their findings stand).
            Subject.objects.filter(allegation__case=case, officer_id=locked.officer_id,
                                   outcome=appeal.original_outcome).exclude(pk=locked.pk).update(
                outcome=effect.outcome, outcome_on=decided_on)
        still_dismissed = locked.officer_id is not None and Subject.objects.filter(
            allegation__case=case, officer_id=locked.officer_id, outcome__in=DISMISSAL_OUTCOMES).exists()
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.APPEAL_DECIDED, on=locked,
                     before={"finding": appeal.original_finding, "outcome": appeal.original_outcome},
                     after={"result": result, "decided_on": decided_on, "finding": locked.finding,
                            "outcome": locked.outcome, "reasons": [str(r) for r in effect.reasons]})
        case_timeline_add(case=case, kind="appeal", title=f"Appeal {appeal.get_result_display().lower()}", actor=actor,
                          description="; ".join(r.text for r in effect.reasons))
        if effect.remove_barred_entry and locked.officer is not None and not still_dismissed:
            for entry in ListEntry.objects.select_for_update().filter(
                    officer=locked.officer, case=case, kind=ListEntry.Kind.BARRED, removed_on__isnull=True):
                entry.removed_on = decided_on
                entry.save(update_fields=["removed_on", "updated_at"])
                audit_record(actor=actor, action=AuditVerb.LIST_ENTRY_REMOVED, on=locked.officer,
                             before={"list": entry.kind, "removed_on": None},
                             after={"list": entry.kind, "removed_on": decided_on, "case": case.reference,
                                    "reason": "dismissal overturned on appeal"})
                case_timeline_add(case=case, kind="list_entry", title="Police Barred List entry removed", actor=actor,
                                  description=f"{locked.person.full_name}: dismissal overturned on appeal")
    return appeal


# -- complainant reviews -------------------------------------------------------------------


def review_decide(*, review: Review, user: User, outcome: str, decided_on: date, recommendations: str = "",
                  reinvestigation: bool = False, reasons: str = "") -> Review:
    """The review body's decision: was the outcome reasonable and proportionate? Its reasons,
    recommendations, and whether it directs re-investigation (PRA Sch 3 para 25(4C)/(4E)).

    The local policing body's review is decided by its review panel member, never by the force
    whose handling is reviewed; when the IOPC is the review body, the appropriate authority or
    decision maker records the IOPC's decision."""
    case = review.case
    actor = _require(user, case, set(review_deciders(review.review_body)),
                     "record the IOPC's decision on a review" if review.review_body == "iopc"
                     else "decide a review for the local policing body")
    if case.state != CaseState.REVIEW:
        raise ValidationError({"outcome": "The review's outcome is recorded while the case is under review"})
    if review.outcome:
        raise ValidationError({"outcome": "The review has already been decided"})
    if outcome not in ("reasonable", "not_reasonable"):
        raise ValidationError({"outcome": "Say whether the outcome was reasonable and proportionate"})
    if reinvestigation and outcome != "not_reasonable":
        raise ValidationError({"reinvestigation": "Re-investigation follows only when the outcome was not "
                                                  "reasonable and proportionate"})
    if not reasons.strip():
        raise ValidationError({"reasons": "Enter the reasons for the decision: the complainant is told them"})
    if len(reasons) > 8000:
        raise ValidationError({"reasons": "The reasons must be 8,000 characters or fewer"})
    if len(recommendations) > 8000:
        raise ValidationError({"recommendations": "Recommendations must be 8,000 characters or fewer"})
    Refusals().between("decided_on", decided_on, label="The date of the decision", today=timezone.localdate(),
                       earliest=review.received_on, what="the application").raise_if_any()
    with transaction.atomic():
        review.outcome = outcome
        review.decided_on = decided_on
        review.recommendations = recommendations.strip()
        review.reinvestigation = reinvestigation
        review.decision_reasons = reasons.strip()
        review.save(update_fields=["outcome", "decided_on", "recommendations", "reinvestigation",
                                   "decision_reasons", "updated_at"])
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.REVIEW_DECIDED, on=case,
                     after={"outcome": outcome, "decided_on": decided_on,
                            "reinvestigation": reinvestigation, "reasons": reasons.strip()})
        case_timeline_add(case=case, kind="review", title="Review decided", actor=actor,
                          description=review.get_outcome_display())
    return review


# -- the CPS ---------------------------------------------------------------------------------


def cps_referral_record(*, case: Case, user: User, referred_on: date) -> CpsReferral:
    """A referral to the CPS where the report indicates a criminal offence may have been
    committed (PRA Sch 3 paras 23-24 [M for paragraph numbers])."""
    actor = _require(user, case, {Role.ASSESSOR, Role.INVESTIGATOR, Role.DECISION_MAKER}, "record a CPS referral")
    if not CaseState(case.state).is_open:
        raise ValidationError({"referred_on": "A closed case cannot be referred to the CPS: reopen it first"})
    Refusals().between("referred_on", referred_on, label="The date referred", today=timezone.localdate(),
                       earliest=case.received_on, what="the day the matter was received").raise_if_any()
    if case.cps_referrals.filter(decision="").exists():
        raise ValidationError({"referred_on": "A referral to the CPS is already awaiting its decision"})
    with transaction.atomic():
        referral = CpsReferral.objects.create(case=case, referred_on=referred_on)
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.CPS_REFERRED, on=case, after={"referred_on": referred_on})
        case_timeline_add(case=case, kind="cps", title="Referred to the CPS", actor=actor,
                          description=long_date(referred_on))
    return referral


def cps_decision_record(*, referral: CpsReferral, user: User, decision: str, decided_on: date) -> CpsReferral:
    case = referral.case
    actor = _require(user, case, {Role.ASSESSOR, Role.INVESTIGATOR, Role.DECISION_MAKER}, "record the CPS decision")
    if referral.decision:
        raise ValidationError({"decision": "The CPS decision has already been recorded"})
    if decision not in ("charge", "no_further_action"):
        raise ValidationError({"decision": "Choose the CPS decision: charge or no further action"})
    Refusals().between("decided_on", decided_on, label="The date of the decision", today=timezone.localdate(),
                       earliest=referral.referred_on, what="the referral").raise_if_any()
    with transaction.atomic():
        referral.decision = decision
        referral.decided_on = decided_on
        referral.save(update_fields=["decision", "decided_on", "updated_at"])
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.CPS_DECISION_RECORDED,
                     on=case, after={"decision": decision, "decided_on": decided_on})
        case_timeline_add(case=case, kind="cps", title=f"CPS decision: {referral.get_decision_display().lower()}",
                          actor=actor)
    return referral


# -- an officer who leaves during an investigation -----------------------------------------

#: States in which an officer who leaves is leaving "during an investigation" or before
#: proceedings end (Police Act 1996 s.88J; regulations.md §8).
UNDER_INVESTIGATION = ("recorded", "referred", "investigation", "paused", "decision", "proceedings")


def officer_departure_record(*, officer: Officer, user: User, status: str, left_on: date) -> list[Any]:
    """Record that ``officer`` resigned or retired, and, for every open case in which they are a
    subject under investigation or in proceedings, the advisory-list entry the rules require
    (``list_entry_from_rules(left_during_investigation=True)``), in the same transaction."""
    if user.force_id != officer.force_id or not (user.role_set() & _AA_DM):
        raise PermissionDenied("Only an assessor or decision maker may record an officer's departure")
    actor = Actor.of(user)
    if status not in ("resigned", "retired"):
        raise ValidationError({"status": "Choose whether the officer resigned or retired"})
    if officer.status in ("resigned", "retired", "dismissed"):
        raise ValidationError({"status": f"{officer.full_name} has already left "
                                         f"({officer.get_status_display().lower()})"})
    Refusals().between("left_on", left_on, label="The date the officer left", today=timezone.localdate(),
                       earliest=officer.joined_on, what="the day they joined").raise_if_any()
    cases = list(Case.objects.filter(allegations__subjects__officer=officer, state__in=UNDER_INVESTIGATION,
                                     force_id=officer.force_id).distinct().order_by("id"))
    entries = []
    with transaction.atomic():
        locked = Officer.objects.select_for_update().get(pk=officer.pk)
        before = {"status": locked.status, "left_on": locked.left_on}
        locked.status = status
        locked.left_on = left_on
        locked.save(update_fields=["status", "left_on", "updated_at"])
        audit_record(actor=actor, action=AuditVerb.OFFICER_DEPARTED, on=locked, before=before,
                     after={"status": status, "left_on": left_on, "cases": [c.reference for c in cases]})
        for case in cases:
            entry = list_entry_from_rules(officer=locked, case_id=case.pk, actor=actor, user=user, event_on=left_on,
                                          received_on=case.received_on, left_during_investigation=True)
            case_timeline_add(case=case, kind="departure", title=f"Subject {locked.get_status_display().lower()}",
                              actor=actor,
                              description=f"{locked.full_name} left on {long_date(left_on)}" + (
                                  f"; {entry.get_kind_display()} entry, report to the College by "
                                  f"{long_date(entry.report_due_on)}" if entry is not None else ""))
            if entry is not None:
                entries.append(entry)
            _bump(case)
    officer.status, officer.left_on = status, left_on
    return entries
