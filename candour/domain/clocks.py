"""Every statutory clock running on a case, computed from its facts (never counted down).

:func:`case_clocks` takes a :class:`ClockFacts` snapshot and returns each clock with its due
date, the rule it comes from and whether it is overdue, nearest first. A stored
``Case.next_due_on`` is only a cache of the first of these, for queues.

Clocks (regulations.md):

* complainant updates every 4 weeks while a recorded complaint is handled (§4.6, C&M Regs
  reg 34): from the start of handling or the last update;
* the 12-month report, then every 6 months, while an investigation is open (§4.5);
* the officer's response to each Regulation 17 notice, from its deemed service (§4.3);
* each request for co-operation not yet answered (statements, interviews, documents,
  footage);
* the complainant's review application after the outcome of a complaint handled under
  Schedule 3 (§5.7);
* an appeal against the outcome of proceedings (§5.5).
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


@dataclass(frozen=True)
class Clock:
    label: str
    due: date
    basis: str
    rule: str = ""
    overdue: bool = False


def _clock(label: str, rule: str, start: date, facts: ClockFacts) -> Clock:
    deadline = compute_deadline(rule, start, regime_date=facts.received_on)
    return Clock(label, deadline.due, deadline.basis, rule, deadline.due < facts.today)


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
    if facts.case_type == "complaint" and facts.has_complainant and facts.state in UPDATE_STATES:
        start = facts.last_update_on or facts.handling_started_on or facts.received_on
        clocks.append(_clock("Update the complainant", "complainant-update", start, facts))
    if facts.state in INVESTIGATION_STATES:
        clocks.append(_progress_report(facts))
    if facts.state in INVESTIGATION_STATES | {"decision"}:
        for notice in facts.notices:
            if not notice.responded:
                clocks.append(_clock(f"Response to the Regulation 17 notice: {notice.subject}", "notice-response",
                                     notice.deemed_served_on, facts))
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
    if facts.state in ("proceedings", "closed") and facts.proceedings_outcome_on and facts.proceedings_forum:
        rule = "meeting-appeal" if facts.proceedings_forum == "misconduct_meeting" else "pat-appeal"
        clock = _clock("Appeal may be lodged until", rule, facts.proceedings_outcome_on, facts)
        if not clock.overdue:
            clocks.append(clock)
    clocks.sort(key=lambda c: (not c.overdue, c.due))
    return clocks


def next_due(facts: ClockFacts) -> date | None:
    """The earliest due date of a clock that needs someone to act (the queue's sort key)."""
    acting = [c for c in case_clocks(facts) if not c.label.endswith(" until")]
    return min((c.due for c in acting), default=None)
