"""Whether a case may take a step now: the lifecycle table, the roles, and the rules, together.

:func:`check_transition` answers with the reasons a step is refused (an empty list means it may
go ahead). Each reason is one sentence a caseworker can act on, with the law it rests on. The
facts come in as a :class:`CaseFacts` snapshot built by ``candour.cases.selectors``; nothing
here reads the database or the clock.

Guards, by transition (regulations.md sections):

* ``handle_outside_schedule_3``: only a complaint, and only when it need not be recorded
  (§3.1, PRA Sch 3 para 2(6A)-(6C));
* ``handle_otherwise``, ``investigate`` and ``close`` from ``recorded``: a matter that must be
  referred to the IOPC is referred first (§3.3);
* ``iopc_*``: the IOPC's decision on a referral (§3.4);
* ``investigate``: an investigator is appointed, with no conflict (not the subject, not in the
  subject's chain of command);
* ``submit_report``: every subject has a severity assessment, and a Regulation 17 notice where
  the assessment is misconduct or gross misconduct (§4.1-4.2);
* ``refer_to_proceedings``: some subject has a case to answer, and the forum is the one the
  rules give (§4.7, §5.2);
* ``no_case_to_answer``: no subject has a case to answer (§4.7);
* ``close`` from ``proceedings``: every subject with a case to answer has an outcome, and a
  lesser outcome than dismissal after a gross misconduct finding under the 2025 rules records
  exceptional circumstances (§7.4);
* ``appeal``: within the appeal period (§5.5); ``remit``: the appeal was allowed and remitted;
  ``close`` from ``appeal`` or ``review``: the appeal's result or the review body's decision
  is recorded first;
* ``review_reinvestigate``: the review body found the outcome not reasonable and proportionate
  and directed re-investigation (§5.7);
* ``request_review``: a complaint handled under Schedule 3, within the application period
  (§5.7);
* ``discontinue_repeat``: a repeat complaint with no fresh indication or evidence (§3.1(6));
* ``withdraw``: a signed notification, or the regulation 39 route (§3.1(5));
* ``reopen``: reasons and the person who authorised it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from candour.domain.access import Role
from candour.domain.assess import assess
from candour.domain.deadlines import compute_deadline
from candour.domain.facts import Facts, Warning
from candour.domain.facts import Subject as SubjectFact
from candour.domain.lifecycle import TRANSITIONS_BY_NAME, CaseState, Transition, allowed_transitions
from candour.domain.proceedings import review_application

PRA = "Police Reform Act 2002"
CM = "Police (Complaints and Misconduct) Regulations 2020"
CR = "Police (Conduct) Regulations 2020"


@dataclass(frozen=True)
class SubjectFacts:
    """One subject (officer or staff member) of a case, as the rules need them."""

    key: str  # a stable id for messages and inputs (the subject's UUID)
    name: str
    kind: str = "officer"  # officer, special_constable, staff, volunteer
    rank: str | None = None
    status: str = "serving"
    warnings: tuple[Warning, ...] = ()
    severity: str = ""  # "", none, pri, misconduct, gross_misconduct
    severity_assessed_on: date | None = None
    notice_served: bool = False
    case_to_answer: str | None = None  # misconduct, gross_misconduct, none
    finding: str | None = None
    outcome: str = ""
    exceptional_circumstances: bool = False
    special_conditions_met: bool = False

    @property
    def is_officer(self) -> bool:
        return self.kind in ("officer", "special_constable")


@dataclass(frozen=True)
class CaseFacts:
    """A snapshot of one case: what the guards may look at."""

    on: date
    case_type: str
    state: str
    received_on: date
    conduct: tuple[str, ...] = ()
    discrimination: tuple[str, ...] = ()
    contact_resulted_in: str | None = None
    complainant_wants_recording: bool | None = None
    was_recorded: bool = False
    referred: bool = False
    iopc_mode: str | None = None
    investigator_appointed: bool = False
    investigator_conflict: str = ""
    subjects: tuple[SubjectFacts, ...] = ()
    outcome_notified_on: date | None = None
    proceedings_forum: str | None = None
    proceedings_outcome_on: date | None = None
    repeat_without_fresh_evidence: bool | None = None
    appeal_result: str | None = None  # "" pending, else the latest appeal's result; None: no appeal
    review_outcome: str | None = None  # "" pending, else the latest review's outcome; None: no review
    review_reinvestigation: bool = False

    def rules_facts(self, subject: SubjectFacts | None = None, **extra: Any) -> Facts:
        """The rules engine's facts for this case (and one subject), as if given as JSON: only
        what is known is "provided", so the engine answers only what it can."""
        sub = None
        if subject is not None:
            sub = SubjectFact(kind=subject.kind, rank=subject.rank, status=subject.status,
                              warnings=subject.warnings)
        kind = self.case_type if self.case_type in ("complaint", "conduct_matter", "dsi_matter") else None
        values: dict[str, Any] = {
            "case_type": kind, "received_on": self.received_on,
            "complainant_wants_recording": self.complainant_wants_recording,
            "conduct": self.conduct or None, "discrimination": self.discrimination or None,
            "contact_resulted_in": self.contact_resulted_in, "subject": sub,
            "repeat_without_fresh_evidence": self.repeat_without_fresh_evidence, **extra}
        known = {key: value for key, value in values.items() if value is not None}
        return Facts(on=self.on, provided=frozenset({"on", *known}), **known)


@dataclass(frozen=True)
class Check:
    """The answer to "may this step be taken now?"."""

    transition: Transition
    refusals: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def allowed(self) -> bool:
        return not self.refusals


Guard = Callable[[CaseFacts, Mapping[str, Any]], list[str]]


def _answer(facts: Facts, key: str) -> tuple[Any, str]:
    result = assess(facts)
    if key not in result:
        return None, ""
    answer = result[key]
    because = "; ".join(f"{r.text} ({r.basis})" for r in answer.because)
    return answer.value, because


def _must_refer(facts: CaseFacts) -> tuple[bool, str]:
    subject = facts.subjects[0] if facts.subjects else None
    value, because = _answer(facts.rules_facts(subject), "must_refer")
    return bool(value), because


def guard_outside_schedule_3(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    if facts.case_type != "complaint":
        return [f"Only a complaint can be handled outside Schedule 3 ({PRA}, Sch 3 para 2(6C))"]
    value, because = _answer(facts.rules_facts(), "must_record")
    if value:
        return [f"This complaint must be recorded, so it cannot be handled outside Schedule 3: {because}"]
    return []


def guard_referred_if_required(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    if facts.referred:
        return []
    must, because = _must_refer(facts)
    if must:
        return [f"This matter must be referred to the IOPC first: {because}"]
    return []


def guard_investigator(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    if facts.iopc_mode == "independent":
        return []  # the IOPC appoints its own investigator
    if not facts.investigator_appointed:
        return ["Appoint an investigator before the investigation starts"]
    if facts.investigator_conflict:
        return [f"The investigator has a conflict of interest: {facts.investigator_conflict}"]
    return []


def guard_ready_for_report(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    refusals = []
    for subject in facts.subjects:
        if not subject.severity:
            refusals.append(f"Record a severity assessment for {subject.name} ({CM}, reg 16; {CR}, reg 14)")
        elif subject.severity in ("misconduct", "gross_misconduct") and subject.is_officer \
                and not subject.notice_served:
            refusals.append(f"Serve a Regulation 17 notice on {subject.name} before the final report "
                            f"({CM}, reg 17; {CR}, reg 17)")
    return refusals


def _rules_forum(facts: CaseFacts, subject: SubjectFacts) -> tuple[str | None, str]:
    rules = facts.rules_facts(subject, case_to_answer=subject.case_to_answer,
                              severity_assessed_on=subject.severity_assessed_on,
                              special_conditions_met=subject.special_conditions_met)
    return _answer(rules, "forum")


#: Passed as the forum when listing next steps: the forum is chosen on the step's own page.
FORUM_LATER = "chosen on the step's page"


def guard_case_to_answer(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    answered = [s for s in facts.subjects if s.case_to_answer in ("misconduct", "gross_misconduct")]
    if not answered:
        undecided = [s.name for s in facts.subjects if s.case_to_answer is None]
        if undecided:
            return [f"Decide whether there is a case to answer for {', '.join(undecided)} ({CR}, reg 23)"]
        return [f"No subject has a case to answer, so there can be no proceedings ({CR}, reg 23)"]
    forum = inputs.get("forum")
    if forum == FORUM_LATER:
        return []
    refusals = []
    for subject in answered:
        if not subject.is_officer:
            continue
        expected, because = _rules_forum(facts, subject)
        if forum and expected and forum != expected and forum != "accelerated_hearing":
            refusals.append(f"For {subject.name} the proceedings must be a {str(expected).replace('_', ' ')}, "
                            f"not a {str(forum).replace('_', ' ')}: {because}")
        if forum == "accelerated_hearing" and not subject.special_conditions_met:
            refusals.append(f"An accelerated hearing for {subject.name} needs the special conditions "
                            f"certified ({CR}, reg 49(2))")
    if not forum:
        refusals.append("Choose the form of proceedings")
    return refusals


def guard_no_case_to_answer(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    undecided = [s.name for s in facts.subjects if s.case_to_answer is None]
    if undecided:
        return [f"Decide whether there is a case to answer for {', '.join(undecided)} ({CR}, reg 23)"]
    answered = [s.name for s in facts.subjects if s.case_to_answer in ("misconduct", "gross_misconduct")]
    if answered:
        return [f"There is a case to answer for {', '.join(answered)}: refer to proceedings instead "
                f"({CR}, reg 23)"]
    return []


HANDLING_OUTCOMES = ("service_acceptable", "service_not_acceptable", "unable_to_determine")


def guard_close(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    if facts.state == CaseState.RECORDED.value:
        return guard_referred_if_required(facts, inputs)
    if facts.state == CaseState.HANDLING.value and facts.case_type == "complaint":
        outcome = inputs.get("handling_outcome")
        if outcome != FORUM_LATER and outcome not in HANDLING_OUTCOMES:
            return ["Record the outcome of the handling: the service was acceptable, was not acceptable, or it "
                    "is not possible to determine (IOPC Statutory Guidance 2020, ch. 17; "
                    f"{PRA}, Sch 3 para 6(2A))"]
    if facts.state == CaseState.APPEAL.value and facts.appeal_result == "":
        return [f"Record the appeal's result first ({CR}, reg 45; Police Appeals Tribunals Rules 2020)"]
    if facts.state == CaseState.APPEAL.value and facts.appeal_result == "remitted":
        return ["The appeal remitted the case to be heard again: take the step to hear it again instead"]
    if facts.state == CaseState.REVIEW.value and facts.review_outcome == "":
        return [f"Record the review body's decision first ({PRA}, Sch 3 paras 6A and 25)"]
    if facts.state != CaseState.PROCEEDINGS.value:
        return []
    refusals = []
    for subject in facts.subjects:
        if subject.case_to_answer not in ("misconduct", "gross_misconduct"):
            continue
        if not subject.outcome:
            refusals.append(f"Record the outcome of the proceedings for {subject.name} ({CR}, reg 42)")
            continue
        if subject.finding == "gross_misconduct" and subject.is_officer:
            rules = facts.rules_facts(subject, finding="gross_misconduct",
                                      case_to_answer=subject.case_to_answer,
                                      severity_assessed_on=subject.severity_assessed_on,
                                      exceptional_circumstances=subject.exceptional_circumstances)
            presumed, because = _answer(rules, "presumed_outcome")
            if presumed == "dismissal_without_notice" and subject.outcome != "dismissal_without_notice" \
                    and not subject.exceptional_circumstances:
                refusals.append(
                    f"{subject.name}: gross misconduct carries a presumption of dismissal, so a lesser "
                    f"outcome needs exceptional circumstances recorded: {because}")
    return refusals


def guard_appeal(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    lodged: date | None = inputs.get("lodged_on")
    if facts.proceedings_outcome_on is None:
        return ["There is no outcome of proceedings to appeal against"]
    rule = "meeting-appeal" if facts.proceedings_forum == "misconduct_meeting" else "pat-appeal"
    deadline = compute_deadline(rule, facts.proceedings_outcome_on, regime_date=facts.received_on)
    if lodged is None:
        return ["Enter the date the appeal was lodged"]
    if lodged > deadline.due and not inputs.get("extended"):
        return [f"The appeal was lodged on {lodged:%d %B %Y}, after the last day, {deadline.due:%d %B %Y} "
                f"({deadline.basis}); record an extension for exceptional circumstances if one was granted"]
    return []


def guard_appeal_remitted(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    if facts.appeal_result != "remitted":
        return ["Only an appeal allowed and remitted sends the case back to proceedings (record the appeal's "
                f"result: {CR}, reg 45; Police Appeals Tribunals Rules 2020)"]
    return []


def guard_review_upheld(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    if facts.review_outcome != "not_reasonable" or not facts.review_reinvestigation:
        return ["Re-investigation follows only when the review body finds the outcome was not reasonable and "
                f"proportionate and directs it: record its decision ({PRA}, Sch 3 para 25(4C)-(4E))"]
    return []


def guard_review(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    if facts.case_type != "complaint":
        return [f"Only a complainant may apply for a review ({PRA}, Sch 3 paras 6A and 25)"]
    if not facts.was_recorded:
        return [f"A complaint handled outside Schedule 3 has no right of review ({PRA}, Sch 3 paras 6A, 25)"]

    received: date = inputs.get("received_on") or facts.on
    if facts.outcome_notified_on is None:
        return ["The outcome has not been notified, so a review cannot be applied for yet"]
    answer = review_application(outcome_notified_on=facts.outcome_notified_on, received_on=received,
                                received_on_regime=facts.received_on,
                                sent_to_wrong_body_on=inputs.get("sent_to_wrong_body_on"),
                                extended=bool(inputs.get("extended")))
    if not answer.valid:
        deadline = compute_deadline("review-application", facts.outcome_notified_on, regime_date=facts.received_on)
        return [f"The application arrived on {received:%d %B %Y}, after the last day, {deadline.due:%d %B %Y} "
                f"({deadline.basis}); the review body may extend it for special circumstances"]
    return []


def guard_repeat(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    if facts.case_type != "complaint":
        return [f"Only a complaint can be a repeat complaint ({CM}, reg 6)"]
    if not facts.repeat_without_fresh_evidence:
        return [f"Record that the complaint repeats an earlier one with no fresh indication or evidence "
                f"({CM}, reg 6)"]
    return []


def guard_withdrawal(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    if facts.case_type != "complaint":
        return ["Only a complaint can be withdrawn by the complainant"]
    if not inputs.get("signed") and not inputs.get("regulation_39"):
        return [f"A withdrawal needs a notification signed by the complainant or their agent ({CM}, reg 38), "
                f"or the regulation 39 route when none is given"]
    return []


def guard_reopen(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    refusals = []
    if not str(inputs.get("reason") or "").strip():
        refusals.append("Give the reasons for reopening the case")
    if not str(inputs.get("authorised_by") or "").strip():
        refusals.append("Name the person who authorised reopening the case")
    return refusals


def guard_reason(facts: CaseFacts, inputs: Mapping[str, Any]) -> list[str]:
    if not str(inputs.get("reason") or "").strip():
        return ["Give the reasons for this decision"]
    return []


GUARDS: dict[str, Guard] = {
    "outside_schedule_3": guard_outside_schedule_3,
    "referred_if_required": guard_referred_if_required,
    "investigator": guard_investigator,
    "ready_for_report": guard_ready_for_report,
    "case_to_answer": guard_case_to_answer,
    "no_case_to_answer": guard_no_case_to_answer,
    "close": guard_close,
    "appeal": guard_appeal,
    "review": guard_review,
    "appeal_remitted": guard_appeal_remitted,
    "review_upheld": guard_review_upheld,
    "repeat": guard_repeat,
    "withdrawal": guard_withdrawal,
    "reopen": guard_reopen,
    "reason": guard_reason,
}


#: Guards that only check what the user types on the step's page (reasons, who authorised,
#: a signed withdrawal): a list of next steps does not count them against a step.
INPUT_GUARDS = frozenset({"reason", "reopen", "withdrawal"})


def check_transition(name: str, *, facts: CaseFacts, roles: frozenset[Role] | set[Role],
                     inputs: Mapping[str, Any] | None = None, skip: frozenset[str] = frozenset()) -> Check:
    """May the holder of ``roles`` take step ``name`` on a case with these ``facts``?

    ``skip`` names guards not to run (see :data:`INPUT_GUARDS`)."""
    transition = TRANSITIONS_BY_NAME[name]
    inputs = inputs or {}
    refusals: list[str] = []
    state = CaseState(facts.state)
    if state not in transition.source:
        allowed = ", ".join(sorted(f"'{s.label.lower()}'" for s in transition.source))
        refusals.append(f"'{transition.description}' is not possible now: the case is "
                        f"'{state.label.lower()}', and this step is only possible from {allowed}")
    if not set(roles) & transition.roles:
        labels = sorted(r.label.lower() for r in transition.roles)
        who = " or ".join(labels)
        article = "an" if labels[0][0] in "aeiou" else "a"
        refusals.append(f"Only {article} {who} can take this step ('{transition.description}')")
    if not refusals:
        for guard in transition.guards:
            if guard not in skip:
                refusals.extend(GUARDS[guard](facts, inputs))
    return Check(transition=transition, refusals=tuple(refusals))


def next_steps(*, facts: CaseFacts, roles: frozenset[Role] | set[Role]) -> list[Check]:
    """Every step possible from the case's state, each with whether it may be taken now."""
    return [step_preview(t.name, facts=facts, roles=roles) for t in allowed_transitions(CaseState(facts.state))]


def step_preview(name: str, *, facts: CaseFacts, roles: frozenset[Role] | set[Role]) -> Check:
    """Whether step ``name`` may be taken, before its page is filled in: what is typed on the page
    (dates, the forum, reasons) is assumed given, so only the facts of the case can refuse it."""
    typical = {"lodged_on": facts.on, "received_on": facts.on, "forum": FORUM_LATER,
               "handling_outcome": FORUM_LATER}
    return check_transition(name, facts=facts, roles=roles, inputs=typical, skip=INPUT_GUARDS)


def with_state(facts: CaseFacts, state: CaseState) -> CaseFacts:
    return replace(facts, state=state.value)


@dataclass(frozen=True)
class Task:
    """A record a subject still needs before the case can move on: ``record`` names the form
    (severity, notice, case-to-answer, outcome), ``reason`` is the rule that asks for it."""

    subject_key: str
    what: str
    record: str
    reason: str


def subject_tasks(*, facts: CaseFacts, roles: frozenset[Role] | set[Role]) -> list[Task]:
    """What the holder of ``roles`` must record for each subject now, with the rule's reason."""
    tasks: list[Task] = []
    investigating = facts.state in ("investigation", "paused")
    for s in facts.subjects:
        if investigating and roles & {Role.INVESTIGATOR, Role.ASSESSOR} and not s.severity:
            tasks.append(Task(s.key, f"Assess the severity of the conduct of {s.name}", "severity",
                              f"A severity assessment comes before the final report ({CM}, reg 16; {CR}, reg 14)"))
        elif investigating and Role.INVESTIGATOR in roles and s.is_officer and not s.notice_served \
                and s.severity in ("misconduct", "gross_misconduct"):
            tasks.append(Task(s.key, f"Serve a Regulation 17 notice on {s.name}", "notice",
                              f"{s.name} is assessed as {s.severity.replace('_', ' ')}: the officer must be told "
                              f"they are under investigation ({CM}, reg 17; {CR}, reg 17)"))
        if facts.state == "decision" and Role.DECISION_MAKER in roles and not s.case_to_answer:
            tasks.append(Task(s.key, f"Decide whether {s.name} has a case to answer", "case-to-answer",
                              f"The final report is in: the appropriate authority decides ({CR}, reg 23)"))
        if facts.state == "proceedings" and Role.DECISION_MAKER in roles and not s.outcome \
                and s.case_to_answer in ("misconduct", "gross_misconduct"):
            tasks.append(Task(s.key, f"Record the finding and outcome for {s.name}", "outcome",
                              f"Case to answer for {s.case_to_answer.replace('_', ' ')}: the proceedings decide "
                              f"the finding and the outcome ({CR}, regs 41 and 42)"))
    return tasks
