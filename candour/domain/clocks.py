"""Every statutory clock running on a case, computed from its facts (never counted down).

:func:`case_clocks` takes a :class:`ClockFacts` snapshot and returns each clock with its due
date, the rule it comes from and whether it is overdue, nearest first. A stored
``Case.next_due_on`` is only a cache of the first of these, for queues.

Clocks (regulations.md):

* first contact with the complainant about how the complaint is handled (PRA 2002 Sch 3 para
  2(6); the period is configuration), until contact is recorded on the report or the case;
* complainant updates every 4 weeks while a recorded complaint is handled (§4.6, C&M Regs
  reg 34): from the start of handling or the last update;
* the 12-month report, then every 6 months, while an investigation is open (§4.5);
* the officer's response to each Regulation 17 notice, from its deemed service (§4.3);
* each request for co-operation not yet answered (statements, interviews, documents,
  footage);
* the complainant's review application after the outcome of a complaint handled under
  Schedule 3 (§5.7);
* an appeal against the outcome of proceedings (§5.5);
* in proceedings, per subject (§5.3): the officer's response to the notice of referral (reg 31(1),
  15 working days, or the extended day), the witness lists (reg 31(4), 3 working days after the
  response), the documents to the person conducting or chairing (reg 32(6), 10 working days
  after the response), the pre-hearing (reg 33, hearings, 15 working days after the documents),
  the misconduct meeting (reg 34(1), [M]: configuration), and for an accelerated hearing the
  officer's response (reg 54, [M]) and the window for the hearing itself (reg 52(1): from 10 to
  15 working days after the reg 51(1) notice); a fixed meeting or hearing date shows as a clock;
* an appeal lodged and not yet decided: its hearing date, when fixed.

Each clock says whether its period is confirmed law (``confirmed``) or configuration. Clocks
that say when something *may* happen (labels ending "until" or "from") are informational and
never set the queue's next-due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from candour.domain.deadlines import compute_deadline

UPDATE_STATES = frozenset({"recorded", "referred", "handling", "investigation", "paused", "decision",
                           "proceedings", "appeal", "review"})
INVESTIGATION_STATES = frozenset({"investigation", "paused"})


@dataclass(frozen=True)
class NoticeClock:
    subject: str
    deemed_served_on: date
    responded: bool


@dataclass(frozen=True)
class RequestClock:
    label: str
    due_on: date
    answered: bool


@dataclass(frozen=True)
class ProceedingsClock:
    """One subject's proceedings, as far as they have gone (None: not yet)."""

    subject: str
    forum: str  # misconduct_meeting, misconduct_hearing, accelerated_hearing
    notice_on: date | None = None  # reg 30 notice of referral and documents, or the reg 51(1) notice
    response_due_on: date | None = None  # an extended reg 31(1) response date, if one was granted
    response_on: date | None = None
    witness_lists_on: date | None = None
    papers_to_chair_on: date | None = None
    pre_hearing_on: date | None = None
    hearing_on: date | None = None
    concluded: bool = False


@dataclass(frozen=True)
class ClockFacts:
    today: date
    case_type: str
    state: str
    received_on: date
    has_complainant: bool = False
    handling_started_on: date | None = None
    last_update_on: date | None = None
    notices: tuple[NoticeClock, ...] = ()
    requests: tuple[RequestClock, ...] = ()
    was_recorded: bool = False
    outcome_notified_on: date | None = None
    proceedings_forum: str | None = None
    proceedings_outcome_on: date | None = None
    proceedings: tuple[ProceedingsClock, ...] = ()
    appeal_hearing_on: date | None = None
    #: Whether the complainant has been contacted about how the complaint is handled.
    complainant_contacted: bool = False


@dataclass(frozen=True)
class Clock:
    label: str
    due: date
    basis: str
    rule: str = ""
    overdue: bool = False
    confirmed: bool = True

    @property
    def informational(self) -> bool:
        """Says when something may happen, not what must be done by then."""
        return self.label.endswith((" until", " from"))


def _clock(label: str, rule: str, start: date, facts: ClockFacts) -> Clock:
    deadline = compute_deadline(rule, start, regime_date=facts.received_on)
    return Clock(label, deadline.due, deadline.basis, rule, deadline.due < facts.today, deadline.confirmed)


def _date_clock(label: str, due: date, basis: str, facts: ClockFacts) -> Clock:
    return Clock(label, due, basis, "", due < facts.today)


def proceedings_clocks(p: ProceedingsClock, facts: ClockFacts) -> list[Clock]:
    """The clocks running in one subject's proceedings (regulations.md §5.3)."""
    if p.concluded or p.notice_on is None:
        return []
    who = p.subject
    clocks: list[Clock] = []
    if p.forum == "accelerated_hearing":
        if p.response_on is None:
            clocks.append(_clock(f"Officer's response to the accelerated hearing notice: {who}", "amh-response",
                                 p.notice_on, facts))
        if p.hearing_on is None:
            earliest = _clock(f"Accelerated hearing for {who} may be held from", "amh-earliest", p.notice_on, facts)
            clocks.append(Clock(earliest.label, earliest.due, earliest.basis, earliest.rule, False, earliest.confirmed))
            clocks.append(_clock(f"Hold the accelerated hearing: {who}", "amh-latest", p.notice_on, facts))
        else:
            clocks.append(_date_clock(f"Accelerated misconduct hearing: {who}", p.hearing_on,
                                      "Date fixed by the appropriate authority (Police (Conduct) Regulations "
                                      "2020, reg 52)", facts))
        return clocks
    if p.response_on is None:
        if p.response_due_on is not None:
            clocks.append(_date_clock(f"Officer's response to the notice of referral (extended): {who}",
                                      p.response_due_on, "Extended by the person conducting or chairing for "
                                      "exceptional circumstances (Police (Conduct) Regulations 2020, reg 31(3))",
                                      facts))
        else:
            clocks.append(_clock(f"Officer's response to the notice of referral: {who}", "referral-response",
                                 p.notice_on, facts))
        return clocks
    if p.witness_lists_on is None:
        clocks.append(_clock(f"Witness lists exchanged: {who}", "witness-lists", p.response_on, facts))
    if p.papers_to_chair_on is None:
        clocks.append(_clock(f"Documents to the person conducting or chairing: {who}", "papers-to-chair",
                             p.response_on, facts))
    elif p.forum == "misconduct_hearing" and p.pre_hearing_on is None:
        clocks.append(_clock(f"Pre-hearing: {who}", "pre-hearing", p.papers_to_chair_on, facts))
    elif p.forum == "misconduct_meeting" and p.hearing_on is None:
        clocks.append(_clock(f"Hold the misconduct meeting: {who}", "misconduct-meeting", p.papers_to_chair_on,
                             facts))
    if p.hearing_on is not None:
        word = "meeting" if p.forum == "misconduct_meeting" else "hearing"
        clocks.append(_date_clock(f"Misconduct {word}: {who}", p.hearing_on,
                                  "Date fixed for the proceedings (Police (Conduct) Regulations 2020, regs 34 "
                                  "and 35)", facts))
    return clocks


def _progress_report(facts: ClockFacts) -> Clock:
    """The 12-month report, or the next 6-monthly report once the first period has passed."""
    first = compute_deadline("twelve-month-report", facts.received_on, regime_date=facts.received_on)
    if first.due >= facts.today:
        return Clock("12-month progress report (if still open)", first.due, first.basis, "twelve-month-report")
    end = first.due
    deadline = first
    while end < facts.today:
        deadline = compute_deadline("six-month-report", end, regime_date=facts.received_on)
        end = deadline.due
    return Clock("6-monthly progress report (if still open)", end, deadline.basis, "six-month-report")


def case_clocks(facts: ClockFacts) -> list[Clock]:
    """The clocks running now, overdue first, then nearest first."""
    clocks: list[Clock] = []
    if facts.case_type == "complaint" and facts.has_complainant and not facts.complainant_contacted \
            and facts.state not in ("closed", "withdrawn"):
        clocks.append(_clock("Contact the complainant about how the complaint is handled",
                             "contact-complainant", facts.received_on, facts))
    if facts.case_type == "complaint" and facts.has_complainant and facts.state in UPDATE_STATES:
        start = facts.last_update_on or facts.handling_started_on or facts.received_on
        clocks.append(_clock("Update the complainant", "complainant-update", start, facts))
    if facts.state in INVESTIGATION_STATES:
        clocks.append(_progress_report(facts))
    if facts.state in INVESTIGATION_STATES | {"decision"}:
        for notice in facts.notices:
            if not notice.responded:
                clocks.append(_clock(f"Officer's response to the Regulation 17 notice: {notice.subject}",
                                     "notice-response", notice.deemed_served_on, facts))
    if facts.state not in ("closed", "withdrawn"):
        for request in facts.requests:
            if not request.answered:
                clocks.append(Clock(f"Answer due: {request.label}", request.due_on, "Date set in the request",
                                    "", request.due_on < facts.today))
    if facts.state == "closed" and facts.case_type == "complaint" and facts.was_recorded \
            and facts.outcome_notified_on:
        clock = _clock("Complainant may apply for a review until", "review-application",
                       facts.outcome_notified_on, facts)
        if not clock.overdue:
            clocks.append(clock)
    if facts.state == "proceedings":
        for proceedings in facts.proceedings:
            clocks.extend(proceedings_clocks(proceedings, facts))
    if facts.state == "appeal" and facts.appeal_hearing_on is not None:
        clocks.append(_date_clock("Appeal hearing", facts.appeal_hearing_on, "Date fixed for the appeal "
                                  "(Police (Conduct) Regulations 2020, reg 45; Police Appeals Tribunals Rules "
                                  "2020)", facts))
    if facts.state in ("proceedings", "closed") and facts.proceedings_outcome_on and facts.proceedings_forum:
        rule = "meeting-appeal" if facts.proceedings_forum == "misconduct_meeting" else "pat-appeal"
        clock = _clock("Appeal may be lodged until", rule, facts.proceedings_outcome_on, facts)
        if not clock.overdue:
            clocks.append(clock)
    clocks.sort(key=lambda c: (not c.overdue, c.due))
    return clocks


def next_clock(facts: ClockFacts) -> Clock | None:
    """The clock that needs someone to act soonest (its due date is the queue's sort key and
    its label says what is due), or None when no such clock runs."""
    acting = [c for c in case_clocks(facts) if not c.informational]
    return min(acting, key=lambda c: c.due, default=None)


def next_due(facts: ClockFacts) -> date | None:
    """The earliest due date of a clock that needs someone to act (the queue's sort key)."""
    clock = next_clock(facts)
    return clock.due if clock else None
