"""What the person who reported sees: status in plain English, the next step and when it is due.

Built from the report and its case only, never from anything else: no officer names, no other
complainants, no internal notes. Wording is translated (Welsh and English).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candour.cases.selectors import case_was_recorded, complainant_updates_for
from candour.domain.assess import assess
from candour.domain.deadlines import compute_deadline
from candour.domain.facts import FactsError, parse_facts
from candour.domain.lifecycle import CaseState, CaseType
from candour.intake.models import FollowUp, Report, ReportKind, ReportStatus

#: Standard updates to the person who reported, by code. Reuses the status wording where the
#: meaning is the same, so each sentence is translated once.
UPDATE_TEXT = {
    "triage_log": lambda: _("Your report has been logged. We are deciding how it should be handled."),
    "triage_record": lambda: _("Your complaint has been formally recorded and will be handled under the "
                               "complaints rules."),
    "triage_outside_schedule_3": lambda: _(
        "We are trying to resolve your complaint quickly and informally. If you are not satisfied "
        "with how we are handling it, you can ask for it to be formally recorded."),
    "triage_refer": lambda: _(
        "Your report has been referred to the Independent Office for Police Conduct (IOPC), which "
        "will decide who investigates it."),
    "triage_link": lambda: _("Your report is about a matter we are already dealing with. We have added it "
                             "to that case."),
    "triage_no_further_action": lambda: _(
        "We have decided that your report is not a complaint about the police or a matter of police "
        "conduct, so we will not take it further."),
    "asked_to_record": lambda: _("You asked for your complaint to be formally recorded. It has now been "
                                 "recorded."),
    "review_received": lambda: _("We have received your application for a review."),
}


def update_text(code: str) -> str:
    return str(UPDATE_TEXT[code]())


@dataclass(frozen=True)
class ShownUpdate:
    sent_at: datetime
    message: str


@dataclass(frozen=True)
class NextStep:
    text: str
    due: date | None
    basis: str = ""


@dataclass(frozen=True)
class TrackingStatus:
    reference: str
    received_on: date
    status: str
    explanation: str
    next_step: NextStep | None
    updates: list[ShownUpdate]
    can_ask_to_record: bool
    can_ask_for_review: bool
    review_due: date | None
    review_body: str
    # What the reporter sent from the tracking page, and what they may still send.
    sent: list[ShownUpdate] = field(default_factory=list)
    can_add_information: bool = False
    can_withdraw: bool = False
    withdrawal_requested_on: date | None = None


def review_body_for(report: Report) -> str:
    """``iopc`` or ``local_policing_body``, from the rules, on the facts recorded at triage."""
    facts = dict(report.triage_facts or {})
    if not facts or facts.get("case_type") != "complaint":
        return "local_policing_body"
    try:
        answers = assess(parse_facts(facts)).to_json()
    except FactsError:
        return "local_policing_body"
    entry = answers.get("review_body") or {}
    value = entry.get("value")
    return "iopc" if value == "iopc" else "local_policing_body"


REVIEW_BODY_LABELS = {
    "iopc": gettext_lazy("the Independent Office for Police Conduct (IOPC)"),
    "local_policing_body": gettext_lazy("the local policing body (the Police and Crime Commissioner)"),
}


def opened_the_case(report: Report) -> bool:
    """Whether the case ``report`` is on was opened from it: then the person its tracking link
    was issued to is the case's complainant (or reporter). A report linked at triage to a case
    already open belongs to someone else on that case: it sees none of the case's updates or
    state, and cannot ask for the complaint to be recorded or reviewed."""
    return report.case_id is not None and report.status == ReportStatus.LOGGED


def tracking_status(*, report: Report, today: date | None = None) -> TrackingStatus:
    today = today or timezone.localdate()
    received = timezone.localdate(report.received_at)
    linked = not opened_the_case(report) and report.case_id is not None
    # Only what was said about this report, and, if the case was opened from it, what was said
    # to the case's complainant; never another linked report's updates.
    stored = complainant_updates_for(report_id=report.pk,
                                     case_id=report.case_id if opened_the_case(report) else None)
    updates = [ShownUpdate(u.sent_at, update_text(u.code) if u.code in UPDATE_TEXT else u.message) for u in stored]
    case = report.case
    next_step: NextStep | None = None
    can_record = can_review = False
    review_due: date | None = None
    body = ""
    is_complaint = report.kind == ReportKind.COMPLAINT

    if report.status == ReportStatus.NEW:
        status = _("Received")
        explanation = _("We have received your report. A member of our professional standards "
                        "team will read it and decide how it should be handled.")
        if is_complaint and not report.anonymous:
            due = compute_deadline("contact-complainant", received)
            next_step = NextStep(_("We will contact you to discuss how your complaint will be "
                                   "handled."), due.due, due.basis)
        else:
            due = compute_deadline("log-complaint", received)
            next_step = NextStep(_("We will assess your report."), due.due, due.basis)
    elif linked:
        status = _("Added to a case we are already dealing with")
        explanation = _("Your report is about a matter we are already dealing with, so we have added it to "
                        "that case. We cannot show that case's progress here, because it may include other "
                        "people's information.")
        if is_complaint and not report.anonymous:
            next_step = NextStep(_("We will contact you to tell you how what you told us is being "
                                   "handled."), None)
    elif report.status == ReportStatus.NO_FURTHER_ACTION or case is None:
        status = _("Closed")
        explanation = _("We have decided that your report is not a complaint about the police or a "
                        "matter of police conduct, so we will not take it further.")
    else:
        state = CaseState(case.state)
        status, explanation = _STATE_TEXT[state]()
        status, explanation = str(status), str(explanation)
        if state == CaseState.OUTSIDE_SCHEDULE_3 and is_complaint:
            can_record = True
        if state in (CaseState.RECORDED, CaseState.HANDLING, CaseState.INVESTIGATION,
                     CaseState.REFERRED, CaseState.PAUSED, CaseState.DECISION,
                     CaseState.PROCEEDINGS, CaseState.APPEAL) and is_complaint and not report.anonymous:
            last = max([timezone.localdate(u.sent_at) for u in updates] or [received])
            due = compute_deadline("complainant-update", last)
            next_step = NextStep(_("We will tell you how your complaint is progressing."), due.due, due.basis)
        if state == CaseState.CLOSED and case.case_type == CaseType.COMPLAINT and case.closed_on \
                and case_was_recorded(case):
            deadline = compute_deadline("review-application", case.closed_on)
            review_due = deadline.due
            body = review_body_for(report)
            if today <= deadline.due:
                can_review = True
                next_step = NextStep(
                    _("If you are not satisfied with the outcome, you can ask for a review by "
                      "%(body)s.") % {"body": REVIEW_BODY_LABELS[body]}, deadline.due, deadline.basis)
    follow_ups = list(report.follow_ups.all())
    sent = [ShownUpdate(x.received_at, _("You added information.") if x.kind == FollowUp.Kind.INFORMATION
                        else _("You asked to withdraw your report.")) for x in follow_ups]
    asked = [timezone.localdate(x.received_at) for x in follow_ups if x.kind == FollowUp.Kind.WITHDRAWAL]
    finished = report.status == ReportStatus.NO_FURTHER_ACTION or (
        case is not None and not linked and case.state in (CaseState.CLOSED, CaseState.WITHDRAWN))
    if asked and not finished:
        status = _("Withdrawal requested")
        explanation = _("You asked to withdraw your report. A member of our professional standards team "
                        "will decide whether it can be withdrawn. Some matters, such as serious wrongdoing, "
                        "may still need to be looked into.")
        next_step = NextStep(_("We will contact you to confirm what happens next."), None) \
            if not report.anonymous else None
        can_record = can_review = False
    return TrackingStatus(reference=report.reference, received_on=received, status=str(status),
                          explanation=str(explanation), next_step=next_step, updates=updates,
                          can_ask_to_record=can_record, can_ask_for_review=can_review,
                          review_due=review_due, review_body=body, sent=sent,
                          can_add_information=not finished, can_withdraw=not finished and not asked,
                          withdrawal_requested_on=asked[0] if asked else None)


_STATE_TEXT = {
    CaseState.LOGGED: lambda: (_("Being assessed"), _("Your report has been logged. We are deciding how "
                                                      "it should be handled.")),
    CaseState.OUTSIDE_SCHEDULE_3: lambda: (_("Being resolved informally"), _(
        "We are trying to resolve your complaint quickly and informally. If you are not satisfied "
        "with how we are handling it, you can ask for it to be formally recorded.")),
    CaseState.RECORDED: lambda: (_("Recorded"), _(
        "Your complaint has been formally recorded and will be handled under the complaints rules.")),
    CaseState.REFERRED: lambda: (_("Referred to the IOPC"), _(
        "Your report has been referred to the Independent Office for Police Conduct (IOPC), which "
        "will decide who investigates it.")),
    CaseState.HANDLING: lambda: (_("Being handled"), _(
        "We are looking into your complaint without a formal investigation.")),
    CaseState.INVESTIGATION: lambda: (_("Being investigated"), _("Your report is being investigated.")),
    CaseState.PAUSED: lambda: (_("Paused"), _(
        "The investigation is paused while criminal proceedings take place.")),
    CaseState.DECISION: lambda: (_("Investigation finished"), _(
        "The investigation has finished. A decision is being made on what happens next.")),
    CaseState.PROCEEDINGS: lambda: (_("Misconduct proceedings"), _(
        "The matter has gone to misconduct proceedings.")),
    CaseState.APPEAL: lambda: (_("Under appeal"), _("The outcome of the proceedings has been appealed.")),
    CaseState.REVIEW: lambda: (_("Under review"), _("Your application for a review is being considered.")),
    CaseState.CLOSED: lambda: (_("Finished"), _("We have finished dealing with your report.")),
    CaseState.WITHDRAWN: lambda: (_("Withdrawn"), _("The complaint has been withdrawn.")),
}
