"""Write side for cases: opening, allegations, subjects, outcomes and the one state door.

Every service writes its change and its audit event in one transaction. ``case_transition``
is the only code that changes ``Case.state``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from candour.accounts.models import Force, User
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.cases import access as case_access
from candour.cases.models import (
    OPEN_STATES,
    Allegation,
    Case,
    ComplainantUpdate,
    CooperationRequest,
    Interview,
    Outcome,
    ReferenceSequence,
    Reg17Notice,
    Severity,
    Subject,
    TimelineEvent,
)
from candour.cases.selectors import case_access_facts, case_facts, clock_facts, investigator_conflict
from candour.common.errors import StaleEdit
from candour.common.validators import Refusals
from candour.domain import taxonomy
from candour.domain.access import CONFLICT_LABELS, Role
from candour.domain.assess import assess
from candour.domain.clocks import next_clock
from candour.domain.deadlines import compute_deadline, deemed_service
from candour.domain.facts import FactsError, parse_facts
from candour.domain.lifecycle import CaseState, CaseType
from candour.people.models import MemberOfPublic, Officer, StaffMember
from candour.workforce.lists import list_entry_from_rules


def case_reference_next(*, force: Force, year: int) -> str:
    """Allocate the next human reference for ``force`` in ``year``, e.g. ``MET-2025-004321``."""
    with transaction.atomic():
        updated = ReferenceSequence.objects.filter(force=force, year=year).update(
            last_number=F("last_number") + 1)
        if not updated:
            ReferenceSequence.objects.get_or_create(force=force, year=year)
            ReferenceSequence.objects.filter(force=force, year=year).update(
                last_number=F("last_number") + 1)
        number = ReferenceSequence.objects.get(force=force, year=year).last_number
    return f"{force.code}-{year}-{number:06d}"


#: The facts of a case the rules read, as :func:`case_facts_set` records them.
CASE_FACT_KEYS = ("conduct", "discrimination", "contact_resulted_in", "complainant_wants_recording")


def case_timeline_add(*, case: Case, kind: str, title: str, actor: Actor, description: str = "") -> TimelineEvent:
    """One line on the case's timeline, in the caller's transaction (every service that changes
    a case adds one; intake adds one when a further report joins the case)."""
    return TimelineEvent.objects.create(case=case, occurred_at=timezone.now(), kind=kind, title=title,
                                        description=description, actor_name=actor.name)


def case_open(*, force: Force, case_type: CaseType | str, received_on: date, summary: str,
              actor: Actor, complainant: MemberOfPublic | None = None,
              incident_on: date | None = None, incident_location: str = "",
              created_by: User | None = None, today: date | None = None,
              facts: dict[str, Any] | None = None) -> Case:
    """Log a new case in ``force``: it starts in the ``logged`` state, awaiting assessment.
    ``facts`` is what the matter alleges in the rules' vocabulary (as :func:`case_facts_set`
    records it later), when triage already knows it."""
    today = today or timezone.localdate()
    errors = Refusals()
    try:
        kind = CaseType(case_type)
    except ValueError:
        errors["case_type"] = f"Unknown case type {case_type!r}"
    errors.not_future("received_on", received_on, label="The date received", today=today)
    errors.not_future("incident_on", incident_on, label="The date of the incident", today=today)
    summary = errors.text("summary", summary, label="a summary of what happened", limit=100_000)
    if complainant is not None and complainant.force_id != force.pk:
        errors["complainant"] = "The complainant record belongs to another force"
    facts = {k: v for k, v in (facts or {}).items() if k in CASE_FACT_KEYS}
    if facts:
        try:
            parse_facts({"on": received_on.isoformat(), **facts})
        except FactsError as exc:
            errors["facts"] = str(exc)
    errors.raise_if_any()
    with transaction.atomic():
        case = Case(force=force, reference=case_reference_next(force=force, year=received_on.year),
                    case_type=kind.value, received_on=received_on, summary=summary.strip(),
                    complainant=complainant, incident_on=incident_on,
                    incident_location=incident_location.strip(), created_by=created_by, facts=facts)
        case.full_clean()
        case.save()
        audit_record(actor=actor, action=AuditVerb.CASE_OPENED, on=case,
                     after={"case_type": case.case_type, "received_on": received_on,
                            "state": case.state, **({"facts": facts} if facts else {})})
        case_timeline_add(case=case, kind="opened", title=f"{kind.label} logged", actor=actor)
    return case


def allegation_add(*, case: Case, category: str, summary: str, actor: Actor,
                   subcategory: str = "", discrimination: list[str] | None = None,
                   standards: list[str] | None = None) -> Allegation:
    errors: dict[str, str] = {}
    cat = taxonomy.CATEGORIES_BY_CODE.get(category)
    if cat is None:
        errors["category"] = f"Unknown allegation category {category!r}"
    elif subcategory and subcategory not in dict(cat.subcategories):
        errors["subcategory"] = f"{subcategory!r} is not a sub-category of {cat.label}"
    valid_pc = dict(taxonomy.PROTECTED_CHARACTERISTICS)
    bad_pc = [d for d in discrimination or [] if d not in valid_pc]
    if bad_pc:
        errors["discrimination"] = f"Unknown discrimination factor(s): {', '.join(bad_pc)}"
    bad_std = [s for s in standards or [] if s not in taxonomy.STANDARD_LABELS]
    if bad_std:
        errors["standards"] = f"Unknown standard(s): {', '.join(bad_std)}"
    if not summary.strip():
        errors["summary"] = "Enter what the allegation is"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        number = (locked.allegations.order_by("-number").values_list("number", flat=True).first()
                  or 0) + 1
        allegation = Allegation.objects.create(
            case=locked, number=number, category=category, subcategory=subcategory,
            discrimination=sorted(set(discrimination or [])),
            standards=sorted(set(standards or [])), summary=summary.strip())
        audit_record(actor=actor, action=AuditVerb.ALLEGATION_ADDED, on=allegation,
                     after={"case": case.reference, "number": number, "category": category,
                            "subcategory": subcategory})
        case_timeline_add(case=locked, kind="allegation", title=f"Allegation {number} added", actor=actor,
                          description=taxonomy.category_label(category))
    return allegation


def subject_add(*, allegation: Allegation, actor: Actor, officer: Officer | None = None,
                staff_member: StaffMember | None = None) -> Subject:
    person = officer or staff_member
    if (officer is None) == (staff_member is None):
        raise ValidationError({"subject": "Name exactly one officer or staff member"})
    assert person is not None
    if person.force_id != allegation.case.force_id:
        raise ValidationError({"subject": "The subject must serve in the case's force"})
    with transaction.atomic():
        subject = Subject.objects.create(allegation=allegation, officer=officer,
                                         staff_member=staff_member)
        audit_record(actor=actor, action=AuditVerb.SUBJECT_ADDED,
                     on=subject, after={"allegation": str(allegation), "person": str(person.uuid)})
        if officer is not None and User.objects.filter(officer=officer).exists():
            # The case is now about a user of the service, so restricted (need-to-know).
            by = User.objects.filter(pk=actor.id).first() if actor.id is not None else None
            case_access.case_subject_restriction_follow(case=allegation.case, by=by, actor=actor)
    return subject


def subject_outcome_record(*, subject: Subject, outcome: Outcome | str, outcome_on: date,
                           actor: Actor) -> Subject:
    value = Outcome(outcome)
    if value == Outcome.NONE:
        raise ValidationError({"outcome": "Choose an outcome"})
    with transaction.atomic():
        locked = Subject.objects.select_for_update().get(pk=subject.pk)
        before = {"outcome": locked.outcome, "outcome_on": locked.outcome_on}
        locked.outcome = value.value
        locked.outcome_on = outcome_on
        locked.save(update_fields=["outcome", "outcome_on", "updated_at"])
        case = locked.allegation.case
        audit_record(actor=actor, action=AuditVerb.SUBJECT_OUTCOME_RECORDED,
                     on=locked, before=before, after={"outcome": value.value, "outcome_on": outcome_on})
        case_timeline_add(case=case, kind="outcome", title=f"Outcome recorded: {value.label}", actor=actor,
                          description=f"{locked.person.full_name}, allegation {locked.allegation.number}")
    return locked


# -- casework records: each written with its audit event -------------------------------------


def _locked_case(case: Case, expected_version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleEdit(f"{locked.reference} was changed by someone else since you opened it. Nothing was "
                        "saved: reload the case and try again.")
    return locked


def _bump(case: Case) -> None:
    Case.objects.filter(pk=case.pk).update(version=F("version") + 1)
    case.version += 1
    case_due_refresh(case=case)


def case_due_refresh(*, case: Case, today: date | None = None) -> date | None:
    """Recompute the cached ``next_due_on`` and the name of that clock (``next_due_what``) from
    the case's facts (idempotent)."""
    clock = next_clock(clock_facts(case=case, today=today or timezone.localdate()))
    due, what = (clock.due, clock.label[:200]) if clock else (None, "")
    Case.objects.filter(pk=case.pk).update(next_due_on=due, next_due_what=what)
    case.next_due_on, case.next_due_what = due, what
    return due


@dataclass(frozen=True)
class ClocksRefreshed:
    """What :func:`case_clocks_refresh` did: open cases looked at, and how many changed."""

    total: int
    changed: int


def case_clocks_refresh(*, today: date | None = None, force_codes: Iterable[str] | None = None) -> ClocksRefreshed:
    """Recompute the cached clock (``next_due_on``, ``next_due_what``) of every open case, or of
    the open cases of ``force_codes``: the nightly job, and the last step of every bulk load
    (``candour synth``, ``candour demo``), which writes cases without them. Idempotent."""
    today = today or timezone.localdate()
    cases = Case.objects.filter(state__in=OPEN_STATES)
    if force_codes is not None:
        cases = cases.filter(force__code__in=list(force_codes))
    total = changed = 0
    for case in cases.iterator(chunk_size=500):
        before = (case.next_due_on, case.next_due_what)
        case_due_refresh(case=case, today=today)
        changed += (case.next_due_on, case.next_due_what) != before
        total += 1
    return ClocksRefreshed(total=total, changed=changed)


def _require(user: User, case: Case, roles: set[Role], what: str) -> Actor:
    if user.force_id != case.force_id or not (user.role_set() & roles):
        who = " or ".join(sorted(r.label.lower() for r in roles))
        raise PermissionDenied(f"Only a {who} may {what}")
    return Actor.of(user)


def case_facts_set(*, case: Case, user: User, expected_version: int | None = None,
                   conduct: list[str] | None = None, discrimination: list[str] | None = None,
                   contact_resulted_in: str | None = None, complainant_wants_recording: bool | None = None,
                   repeat_without_fresh_evidence: bool | None = None) -> Case:
    """Record what the matter alleges, in the rules' vocabulary (checked by the rules' parser)."""
    actor = _require(user, case, {Role.ASSESSOR, Role.INVESTIGATOR, Role.DECISION_MAKER}, "classify a case")
    facts = {k: v for k, v in {"conduct": sorted(set(conduct or [])) or None,
                               "discrimination": sorted(set(discrimination or [])) or None,
                               "contact_resulted_in": contact_resulted_in,
                               "complainant_wants_recording": complainant_wants_recording}.items()
             if v is not None}
    try:
        parse_facts({"on": case.received_on.isoformat(), **facts})
    except FactsError as exc:
        raise ValidationError({"facts": str(exc)}) from exc
    with transaction.atomic():
        locked = _locked_case(case, expected_version)
        before = {"facts": locked.facts, "repeat": locked.repeat_without_fresh_evidence}
        locked.facts = facts
        locked.repeat_without_fresh_evidence = repeat_without_fresh_evidence
        locked.save(update_fields=["facts", "repeat_without_fresh_evidence", "updated_at"])
        _bump(locked)
        audit_record(actor=actor, action=AuditVerb.CASE_FACTS_SET, on=locked, before=before,
                     after={"facts": facts, "repeat": repeat_without_fresh_evidence})
    return locked


def investigator_appoint(*, case: Case, user: User, investigator: User, expected_version: int | None = None,
                         terms_of_reference: str = "", today: date | None = None) -> Case:
    """Appoint the investigator, refusing anyone with a conflict: a subject of the case, or an
    officer in a subject's chain of command."""
    actor = _require(user, case, {Role.ASSESSOR}, "appoint an investigator")
    today = today or timezone.localdate()
    if investigator.force_id != case.force_id or Role.INVESTIGATOR not in investigator.role_set():
        raise ValidationError({"investigator": "Choose an investigator of this force"})
    conflict = investigator_conflict(case=case, investigator=investigator)
    if conflict:
        raise ValidationError({"investigator": f"Conflict of interest: {conflict}"})
    if (part := case_access_facts(case=case, user=investigator).conflicts):
        raise ValidationError({"investigator": f"Conflict of interest: {investigator.name} is part of this case "
                                               f"({', '.join(sorted(CONFLICT_LABELS[c] for c in part))})"
                                               .replace("you are ", "").replace("you ", "")})
    with transaction.atomic():
        locked = _locked_case(case, expected_version)
        before = {"investigator": locked.investigator_id}
        locked.investigator = investigator
        locked.investigator_appointed_on = today
        locked.terms_of_reference = terms_of_reference.strip()
        locked.save(update_fields=["investigator", "investigator_appointed_on", "terms_of_reference", "updated_at"])
        _bump(locked)
        audit_record(actor=actor, action=AuditVerb.INVESTIGATOR_APPOINTED, on=locked, before=before,
                     after={"investigator": investigator.pk, "appointed_on": today})
        case_timeline_add(case=locked, kind="investigator", title="Investigator appointed", actor=actor,
                          description=investigator.name)
        case_access.case_investigator_keep(case=locked, investigator=investigator, actor=actor, by=user)
    return locked


def subject_severity_assess(*, subject: Subject, user: User, severity: str, assessed_on: date,
                            reasons: str = "") -> Subject:
    """The severity assessment (C&M Regs reg 16; Conduct Regs reg 14), and its re-assessment."""
    subject = Subject.objects.select_related("allegation__case__force").get(pk=subject.pk)
    case = subject.allegation.case
    actor = _require(user, case, {Role.INVESTIGATOR, Role.ASSESSOR}, "assess severity")
    if severity not in {s.value for s in Severity} or not severity:
        raise ValidationError({"severity": "Choose the severity"})
    reasons = _reasons(reasons)
    if assessed_on > timezone.localdate() or assessed_on < case.received_on:
        raise ValidationError({"assessed_on": "The assessment date must be between the day received and today"})
    with transaction.atomic():
        locked = Subject.objects.select_for_update().get(pk=subject.pk)
        before = {"severity": locked.severity, "assessed_on": locked.severity_assessed_on}
        locked.severity = severity
        locked.severity_assessed_on = assessed_on
        locked.severity_reasons = reasons
        locked.save(update_fields=["severity", "severity_assessed_on", "severity_reasons", "updated_at"])
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.SEVERITY_ASSESSED, on=locked, before=before,
                     after={"severity": severity, "assessed_on": assessed_on, "reasons": reasons})
        title = "Severity re-assessed" if before["severity"] else "Severity assessed"
        case_timeline_add(case=case, kind="severity", title=title, actor=actor,
                          description=f"{locked.person.full_name}: {locked.get_severity_display()}")
    return locked


def _reasons(reasons: str) -> str:
    """A decision's reasons, checked like any other text (the form asks for them)."""
    errors = Refusals()
    text = errors.text("reasons", reasons, label="the reasons", limit=8000, required=False)
    errors.raise_if_any()
    return text.strip()


#: The states in which a Regulation 17 notice may be served: an investigation is under way (the
#: notice tells the officer they are being investigated, C&M Regs and Conduct Regs reg 17).
NOTICE_STATES = (CaseState.INVESTIGATION, CaseState.PAUSED)


def reg17_notice_serve(*, subject: Subject, user: User, served_on: date, method: str) -> Reg17Notice:
    """Serve a Regulation 17 notice; the response clock runs from the deemed service date."""
    subject = Subject.objects.select_related("allegation__case__force").get(pk=subject.pk)
    case = subject.allegation.case
    actor = _require(user, case, {Role.INVESTIGATOR}, "serve a Regulation 17 notice")
    if case.state not in NOTICE_STATES:
        raise ValidationError({"served_on": (
            f"A Regulation 17 notice is served during an investigation, and {case.reference} is "
            f"{CaseState(case.state).label.lower()}: start the investigation first, or handle the "
            "case without one")})
    if subject.severity not in ("misconduct", "gross_misconduct"):
        raise ValidationError({"severity": "Assess the severity as misconduct or gross misconduct before "
                                           "serving a Regulation 17 notice"})
    if method not in {m.value for m in Reg17Notice.Method}:
        raise ValidationError({"method": "Choose how the notice was served"})
    if served_on > timezone.localdate() or served_on < case.received_on:
        raise ValidationError({"served_on": "The date served must be between the day received and today"})
    deemed, _why = deemed_service(served_on, method)
    regime = (Reg17Notice.Regime.COMPLAINTS if case.case_type in ("complaint", "dsi_matter")
              else Reg17Notice.Regime.CONDUCT)
    with transaction.atomic():
        notice = Reg17Notice.objects.create(subject=subject, regime=regime, severity=subject.severity,
                                            served_on=served_on, method=method, deemed_served_on=deemed)
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.NOTICE_SERVED,
                     on=subject, after={"regime": regime, "served_on": served_on, "method": method, "deemed": deemed})
        case_timeline_add(case=case, kind="notice", title="Regulation 17 notice served", actor=actor,
                          description=f"{subject.person.full_name}, {notice.get_method_display().lower()}")
    return notice


def subject_case_to_answer_decide(*, subject: Subject, user: User, decision: str,
                                  special_conditions_met: bool = False, reasons: str = "") -> Subject:
    """The appropriate authority's determination under Conduct Regs reg 23, per subject."""
    subject = Subject.objects.select_related("allegation__case__force").get(pk=subject.pk)
    case = subject.allegation.case
    actor = _require(user, case, {Role.DECISION_MAKER}, "decide whether there is a case to answer")
    if decision not in ("none", "misconduct", "gross_misconduct"):
        raise ValidationError({"decision": "Choose misconduct, gross misconduct or no case to answer"})
    if case.state != CaseState.DECISION:
        raise ValidationError({"decision": "Case to answer is decided after the final report is submitted"})
    if special_conditions_met and decision != "gross_misconduct":
        raise ValidationError({"special_conditions_met": "The special conditions apply only to gross misconduct"})
    reasons = _reasons(reasons)
    with transaction.atomic():
        locked = Subject.objects.select_for_update().get(pk=subject.pk)
        before = {"case_to_answer": locked.case_to_answer}
        locked.case_to_answer = decision
        locked.special_conditions_met = special_conditions_met
        locked.case_to_answer_reasons = reasons
        locked.save(update_fields=["case_to_answer", "special_conditions_met", "case_to_answer_reasons",
                                   "updated_at"])
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.CASE_TO_ANSWER_DECIDED, on=locked, before=before,
                     after={"case_to_answer": decision, "special_conditions_met": special_conditions_met,
                            "reasons": reasons})
        title = ("No case to answer" if decision == "none"
                 else f"Case to answer for {locked.get_case_to_answer_display().lower()}")
        case_timeline_add(case=case, kind="case_to_answer", title=title, actor=actor,
                          description=locked.person.full_name)
    return locked


def subject_finding_record(*, subject: Subject, user: User, finding: str, outcome: str, outcome_on: date,
                           exceptional_circumstances: str = "", reasons: str = "") -> Subject:
    """The finding and outcome of proceedings for one subject, checked against the outcomes the
    rules allow (and the presumption of dismissal)."""
    subject = Subject.objects.select_related("allegation__case__force").get(pk=subject.pk)
    case = subject.allegation.case
    actor = _require(user, case, {Role.DECISION_MAKER}, "record the outcome of proceedings")
    if case.state != CaseState.PROCEEDINGS:
        raise ValidationError({"outcome": "Outcomes are recorded while the case is in proceedings"})
    if finding not in ("neither", "misconduct", "gross_misconduct"):
        raise ValidationError({"finding": "Choose the finding"})
    reasons = _reasons(reasons)
    facts = case_facts(case=case, today=outcome_on)
    me = next(s for s in facts.subjects if s.key == str(subject.uuid))
    answers = assess(facts.rules_facts(me, finding=finding, case_to_answer=me.case_to_answer,
                                       severity_assessed_on=me.severity_assessed_on,
                                       exceptional_circumstances=bool(exceptional_circumstances.strip()),
                                       special_conditions_met=me.special_conditions_met))
    available = answers["available_outcomes"].value if "available_outcomes" in answers else []
    if outcome not in available:
        because = answers["available_outcomes"].because if "available_outcomes" in answers else ()
        why = "; ".join(r.text for r in because)
        raise ValidationError({"outcome": f"That outcome is not available: the rules allow "
                                          f"{', '.join(o.replace('_', ' ') for o in available) or 'none'} ({why})"})
    if finding != "neither" and subject.officer_id is not None:
        # Findings are per allegation; the disciplinary action is one per officer in the case.
        other = (Subject.objects.filter(allegation__case=case, officer_id=subject.officer_id,
                                        finding__in=("misconduct", "gross_misconduct"))
                 .exclude(pk=subject.pk).exclude(outcome="").exclude(outcome=outcome)
                 .select_related("allegation").first())
        if other is not None:
            raise ValidationError({"outcome": (
                f"The outcome is one per officer: {other.get_outcome_display().lower()} was recorded for "
                f"allegation {other.allegation.number}. Record the same outcome here, or change it there first "
                f"(Police (Conduct) Regulations 2020, reg 42)")})
    presumed = answers["presumed_outcome"].value if "presumed_outcome" in answers else "none"
    if presumed == "dismissal_without_notice" and outcome != "dismissal_without_notice" \
            and not exceptional_circumstances.strip():
        raise ValidationError({"exceptional_circumstances": (
            "Gross misconduct carries a presumption of dismissal: record the exceptional circumstances "
            "that justify a lesser outcome")})
    with transaction.atomic():
        locked = Subject.objects.select_for_update().get(pk=subject.pk)
        before = {"finding": locked.finding, "outcome": locked.outcome}
        locked.finding = finding
        locked.outcome = outcome
        locked.outcome_on = outcome_on
        locked.exceptional_circumstances = exceptional_circumstances.strip()
        locked.outcome_reasons = reasons
        locked.save(update_fields=["finding", "outcome", "outcome_on", "exceptional_circumstances",
                                   "outcome_reasons", "updated_at"])
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.SUBJECT_OUTCOME_RECORDED, on=locked, before=before,
                     after={"finding": finding, "outcome": outcome, "outcome_on": outcome_on, "reasons": reasons,
                            "exceptional_circumstances": bool(exceptional_circumstances.strip())})
        case_timeline_add(case=case, kind="outcome", title=f"Outcome recorded: {locked.get_outcome_display()}",
                          actor=actor,
                          description=f"{locked.person.full_name}, finding: {locked.get_finding_display().lower()}")
        if outcome in ("dismissal_without_notice", "would_have_been_dismissed") and locked.officer is not None:
            entry = list_entry_from_rules(officer=locked.officer, case_id=case.pk, actor=actor, user=user,
                                          event_on=outcome_on, received_on=case.received_on,
                                          dismissed_for="gross_misconduct")
            if entry is not None:
                case_timeline_add(case=case, kind="list_entry", title=f"{entry.get_kind_display()} entry", actor=actor,
                                  description=f"{locked.person.full_name}: report to the College of Policing by "
                                              f"{entry.report_due_on:%d %B %Y}")
        # Vetting Code of Practice 2023: clearance re-reviewed after proceedings short of dismissal.
        from candour.workforce.vetting import vetting_review_on_finding

        review = vetting_review_on_finding(subject=locked, finding=finding, outcome=outcome, outcome_on=outcome_on,
                                           actor=actor, user=user, case_id=case.pk)
        if review is not None:
            case_timeline_add(case=case, kind="vetting_review", title="Vetting review opened", actor=actor,
                              description=f"{locked.person.full_name}: clearance re-reviewed after proceedings "
                                          "that did not end in dismissal (Vetting Code of Practice 2023)")
    return locked


def cooperation_request_add(*, case: Case, user: User, kind: str, recipient_type: str, recipient: str,
                            asked_on: date, due_on: date) -> CooperationRequest:
    actor = _require(user, case, {Role.INVESTIGATOR, Role.ASSESSOR}, "record a request")
    errors = Refusals()
    if kind not in CooperationRequest.Kind.values:
        errors["kind"] = "Choose what was asked for"
    if recipient_type not in CooperationRequest.Recipient.values:
        errors["recipient_type"] = "Choose who was asked"
    recipient = errors.text("recipient", recipient, label="who was asked", limit=200)
    errors.not_future("asked_on", asked_on, label="The date asked", today=timezone.localdate())
    errors.on_or_after("due_on", due_on, label="The date due", earliest=asked_on, what="the date asked")
    errors.raise_if_any()
    with transaction.atomic():
        request = CooperationRequest.objects.create(case=case, kind=kind, recipient_type=recipient_type,
                                                    recipient=recipient.strip(), asked_on=asked_on, due_on=due_on)
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.REQUEST_MADE, on=request,
                     after={"case": case.reference, "kind": kind,
                                                   "recipient_type": recipient_type, "due_on": due_on})
    return request


def cooperation_request_answer(*, request: CooperationRequest, user: User, answered_on: date,
                               declined: bool = False) -> CooperationRequest:
    case = request.case
    actor = _require(user, case, {Role.INVESTIGATOR, Role.ASSESSOR}, "record an answer")
    if answered_on < request.asked_on or answered_on > timezone.localdate():
        raise ValidationError({"answered_on": "The date answered must be between the date asked and today"})
    with transaction.atomic():
        locked = CooperationRequest.objects.select_for_update().get(pk=request.pk)
        locked.answered_on = answered_on
        locked.declined = declined
        locked.save(update_fields=["answered_on", "declined", "updated_at"])
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.REQUEST_ANSWERED, on=locked,
                     after={"answered_on": answered_on, "declined": declined,
                            "days_late": max(0, (answered_on - locked.due_on).days)})
    return locked


def complainant_update_record(*, case: Case | None, message: str, sent_by_name: str, code: str = "",
                              report_id: int | None = None) -> ComplainantUpdate:
    """Keep one update given to the complainant, for their tracking page: about ``case``, or
    before there is one about their report (``report_id``); a standard update carries its
    ``code`` and is shown in the reader's language. Intake records its standard updates here;
    the caller's transaction holds the change the update tells of."""
    return ComplainantUpdate.objects.create(case=case, report_id=report_id, sent_at=timezone.now(), code=code,
                                            message=message, sent_by_name=sent_by_name)


def complainant_update_send(*, case: Case, user: User, message: str) -> ComplainantUpdate:
    """Record a progress update given to the complainant (C&M Regs reg 34: within 4 weeks of
    the start of handling, then of the previous update); it shows on their tracking page."""
    actor = _require(user, case, {Role.ASSESSOR, Role.INVESTIGATOR}, "update the complainant")
    errors = Refusals()
    text = errors.text("message", message, label="the update")
    if case.case_type != CaseType.COMPLAINT:
        errors["message"] = "Only a complaint has a complainant to update"
    errors.raise_if_any()
    with transaction.atomic():
        update = complainant_update_record(case=case, message=text, sent_by_name=user.name)
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.COMPLAINANT_UPDATED, on=case, after={"length": len(text)})
        case_timeline_add(case=case, kind="update", title="Complainant updated", actor=actor, description=text[:500])
    return update


def complainant_contact_record(*, case: Case, user: User, contacted_on: date) -> Case:
    """The first contact with the complainant about how their complaint is handled (PRA 2002
    Sch 3 para 2(6)): it stops the contact clock that started when the complaint was received."""
    actor = _require(user, case, {Role.ASSESSOR, Role.INVESTIGATOR}, "record contact with the complainant")
    errors = Refusals()
    if case.case_type != CaseType.COMPLAINT:
        errors["contacted_on"] = "Only a complaint has a complainant to contact"
    errors.between("contacted_on", contacted_on, label="The date of contact", today=timezone.localdate(),
                   earliest=case.received_on, what="the day received")
    errors.raise_if_any()
    with transaction.atomic():
        locked = _locked_case(case, None)
        before = {"contacted_on": locked.complainant_contacted_on}
        locked.complainant_contacted_on = contacted_on
        locked.save(update_fields=["complainant_contacted_on", "updated_at"])
        _bump(locked)
        audit_record(actor=actor, action=AuditVerb.COMPLAINANT_CONTACTED, on=locked, before=before,
                     after={"contacted_on": contacted_on})
        case_timeline_add(case=locked, kind="contact", title="Complainant contacted", actor=actor,
                          description=f"About how the complaint is handled, on {contacted_on:%-d %B %Y}")
    return locked


def notice_response_record(*, notice: Reg17Notice, user: User, response_on: date) -> Reg17Notice:
    """The officer's written response to a Regulation 17 notice (Conduct Regs reg 18)."""
    case = notice.subject.allegation.case
    actor = _require(user, case, {Role.INVESTIGATOR}, "record a response")
    if response_on < notice.served_on or response_on > timezone.localdate():
        raise ValidationError({"response_on": "The date must be between the date served and today"})
    with transaction.atomic():
        notice.response_on = response_on
        notice.save(update_fields=["response_on", "updated_at"])
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.NOTICE_RESPONSE_RECORDED,
                     on=notice.subject, after={"response_on": response_on})
        case_timeline_add(case=case, kind="notice", title="Response to the Regulation 17 notice", actor=actor,
                          description=notice.subject.person.full_name)
    return notice


def interview_schedule(*, subject: Subject, user: User, scheduled_for: datetime, agreed: bool,
                       place: str) -> Interview:
    """Schedule an interview. None may take place before the officer has the Regulation 17
    notice or the terms of reference (Conduct Regs reg 20(2))."""
    subject = Subject.objects.select_related("allegation__case__force").get(pk=subject.pk)
    case = subject.allegation.case
    actor = _require(user, case, {Role.INVESTIGATOR}, "schedule an interview")
    errors: dict[str, str] = {}
    if not subject.notices.exists() and not case.terms_of_reference.strip():
        errors["scheduled_for"] = ("No interview may take place until the officer has the Regulation 17 notice "
                                   "or the terms of reference (Police (Conduct) Regulations 2020, reg 20(2))")
    if timezone.localdate(scheduled_for) < timezone.localdate():
        errors["scheduled_for"] = "The interview must be today or later"
    if not place.strip() or len(place) > 200:
        errors["place"] = "Enter where the interview will take place (200 characters or fewer)"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        interview = Interview.objects.create(subject=subject, scheduled_for=scheduled_for, agreed=agreed,
                                             place=place.strip())
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.INTERVIEW_SCHEDULED,
                     on=subject, after={"scheduled_for": scheduled_for, "agreed": agreed})
        case_timeline_add(case=case, kind="interview", title="Interview " + ("agreed" if agreed else "specified"),
                          actor=actor,
                          description=f"{subject.person.full_name}, {timezone.localtime(scheduled_for):%d %B %Y %H:%M}")
    return interview


def interview_alternative_propose(*, interview: Interview, user: User, proposed_for: datetime) -> Interview:
    """The officer's alternative to a specified time: it must fall before the end of 5 working
    days beginning with the first working day after the specified day (reg 20(4)-(5)); the
    interview is then postponed to it."""
    interview = Interview.objects.select_related("subject__allegation__case__force").get(pk=interview.pk)
    case = interview.subject.allegation.case
    actor = _require(user, case, {Role.INVESTIGATOR}, "record an alternative interview time")
    if interview.agreed:
        raise ValidationError({"proposed_for": "The time was agreed, so no alternative may be proposed under reg 20"})
    specified = timezone.localdate(interview.scheduled_for)
    latest = compute_deadline("interview-alternative", specified, regime_date=case.received_on)
    proposed_day = timezone.localdate(proposed_for)
    if proposed_day <= specified or proposed_day > latest.due:
        raise ValidationError({"proposed_for": (
            f"The alternative must fall after {specified:%d %B %Y} and no later than {latest.due:%d %B %Y} "
            f"({latest.basis})")})
    with transaction.atomic():
        before = {"scheduled_for": interview.scheduled_for}
        interview.alternative_for = proposed_for
        interview.scheduled_for = proposed_for
        interview.save(update_fields=["alternative_for", "scheduled_for", "updated_at"])
        _bump(case)
        audit_record(actor=actor, action=AuditVerb.INTERVIEW_SCHEDULED, on=interview.subject, before=before,
                     after={"scheduled_for": proposed_for, "alternative": True})
        case_timeline_add(case=case, kind="interview", title="Interview postponed to the officer's alternative",
                          actor=actor,
                          description=f"{timezone.localtime(proposed_for):%d %B %Y %H:%M}")
    return interview
