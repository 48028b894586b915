"""Vetting: clearance levels and renewals, review triggers, and the 2025 withdrawal assessment.

Pure rules with reasons and citations (regulations.md §7.1, §7.2, §14 scenarios 23-25):

* renewal of a clearance by level: SC 10 years and DV 7 years are Cabinet Office policy [V];
  RV (10 years), MV (7 years) [M], NPPV [C] and CTC are configuration
  (``vetting_renewal_years`` in ``CANDOUR_RULES_CONFIG``) and answer ``confirmed: False``;
* why a vetting review is opened (trigger -> reason and basis), and whether a misconduct
  outcome calls for one (Vetting Code of Practice 2023: proceedings not ending in dismissal);
* the withdrawal assessment under the Police (Vetting) Regulations 2025 (SI 2025/502, in force
  14 May 2025 [V]): refused before that date with the *Di Maria* reason; the order of its
  steps; its clocks (representations, appeal panel, Police Appeals Tribunal), which are [M]
  defaults (``vetting_periods``) since the statutory guidance of 22 July 2025 was not read.

Nothing here reads the clock: ``today`` and every date are parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from candour.domain.calendar import WorkingCalendar, default_calendar
from candour.domain.config import RulesConfig, load_config
from candour.domain.deadlines import long_date
from candour.domain.periods import period_last_day
from candour.domain.regimes import VETTING_2025

VETTING = "Police (Vetting) Regulations 2025 (SI 2025/502)"
CODE = "Vetting Code of Practice 2023"
APP = "Vetting APP (College of Policing, 2024)"
CABINET_OFFICE = "Cabinet Office national security vetting policy"
GUIDANCE = "Withdrawal of police vetting clearance: statutory guidance (22 July 2025)"
PAT = "Police Appeals Tribunals Rules 2020"
DI_MARIA = "Di Maria v Commissioner of Police of the Metropolis [2025] EWHC 275 (Admin)"


class Level(StrEnum):
    RV = "RV"
    MV = "MV"
    NPPV1 = "NPPV1"
    NPPV2 = "NPPV2"
    NPPV3 = "NPPV3"
    CTC = "CTC"
    SC = "SC"
    DV = "DV"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


LEVEL_LABELS = {
    Level.RV: "Recruitment Vetting (RV)",
    Level.MV: "Management Vetting (MV)",
    Level.NPPV1: "Non-Police Personnel Vetting level 1 (NPPV1)",
    Level.NPPV2: "Non-Police Personnel Vetting level 2 (NPPV2)",
    Level.NPPV3: "Non-Police Personnel Vetting level 3 (NPPV3)",
    Level.CTC: "Counter Terrorist Check (CTC)",
    Level.SC: "Security Check (SC)",
    Level.DV: "Developed Vetting (DV)",
}

#: Renewal periods verified in the Cabinet Office policy: constants, not configuration.
CONFIRMED_RENEWAL_YEARS = {Level.SC: 10, Level.DV: 7}

_RENEWAL_BASIS = {
    Level.RV: (f"{APP}; {CODE} (RV every 10 years: not verified)", "§7.1 [M]"),
    Level.MV: (f"{APP}; {CODE} (MV every 7 years: not verified)", "§7.1 [M]"),
    Level.NPPV1: (f"{APP} (NPPV periods: sources conflict)", "§7.1 [C]"),
    Level.NPPV2: (f"{APP} (NPPV periods: sources conflict)", "§7.1 [C]"),
    Level.NPPV3: (f"{APP} (NPPV periods: sources conflict)", "§7.1 [C]"),
    Level.CTC: (f"{CABINET_OFFICE} (CTC period not stated in the sources read)", "§7.1 [M]"),
    Level.SC: (f"{CABINET_OFFICE}: SC formally reviewed after 10 years", "§7.1 [V]"),
    Level.DV: (f"{CABINET_OFFICE}: DV formally reviewed after 7 years", "§7.1 [V]"),
}


@dataclass(frozen=True)
class Clock:
    """A date a vetting process must meet, with why."""

    name: str
    due: date
    reason: str
    basis: str
    confirmed: bool

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "due": self.due.isoformat(), "reason": self.reason,
                "basis": self.basis, "confirmed": self.confirmed}


@dataclass(frozen=True)
class Ruling:
    """Whether something may be done, with every reason."""

    allowed: bool
    reasons: tuple[str, ...]
    basis: str
    confirmed: bool = True


def renewal_years(level: Level | str, config: RulesConfig | None = None) -> tuple[int, bool]:
    """(years, confirmed) for a level: a constant for SC and DV, else the configured default."""
    level = Level(level)
    if level in CONFIRMED_RENEWAL_YEARS:
        return CONFIRMED_RENEWAL_YEARS[level], True
    config = config or load_config()
    return config.vetting_renewal_years[level.value], False


def renewal_due(*, level: Level | str, granted_on: date, config: RulesConfig | None = None) -> Clock:
    """The day a clearance granted on ``granted_on`` falls due for renewal: the last day of the
    period of N years beginning with the day it was granted."""
    level = Level(level)
    years, confirmed = renewal_years(level, config)
    due = period_last_day(granted_on, years * 12)
    basis, tag = _RENEWAL_BASIS[level]
    source = "" if confirmed else " (configurable default: vetting_renewal_years)"
    reason = (f"{level.label} is renewed every {years} years{source}: granted on {long_date(granted_on)}, "
              f"renewal due by {long_date(due)}")
    return Clock("renewal", due, reason, f"{basis}; regulations.md {tag}", confirmed)


def annual_review_due(*, last_review_on: date) -> Clock:
    """The annual integrity review (Vetting APP 2024) is due a year after the last one."""
    due = period_last_day(last_review_on, 12)
    return Clock("annual_review", due, f"annual integrity and vetting review: the last was on "
                 f"{long_date(last_review_on)}, the next is due by {long_date(due)}",
                 f"{APP}: annual integrity and vetting reviews", True)


def clearance_lapses(*, left_on: date | None, today: date) -> Ruling:
    """Clearance terminates when the person ceases to be an officer (SI 2025/502 reg 6)."""
    if left_on is None or left_on > today:
        return Ruling(False, ("still serving",), f"{VETTING}, reg 6")
    return Ruling(True, (f"the person left on {long_date(left_on)}: clearance terminates when a person ceases "
                         "to be an officer (for staff, when employment ends)",), f"{VETTING}, reg 6")


# -- reviews ---------------------------------------------------------------------------------


class Trigger(StrEnum):
    CONVICTION = "conviction"
    MISCONDUCT_OUTCOME = "misconduct_outcome"
    SCREENING_MATCH = "screening_match"
    CHANGE_OF_CIRCUMSTANCES = "change_of_circumstances"
    NOTIFICATION_FAILURE = "notification_failure"
    RANDOMISED = "randomised"
    OTHER = "other"


TRIGGER_LABELS = {
    Trigger.CONVICTION: "Conviction or caution",
    Trigger.MISCONDUCT_OUTCOME: "Misconduct outcome short of dismissal",
    Trigger.SCREENING_MATCH: "Screening match",
    Trigger.CHANGE_OF_CIRCUMSTANCES: "Notified change of circumstances",
    Trigger.NOTIFICATION_FAILURE: "Failure to notify a change of circumstances",
    Trigger.RANDOMISED: "Randomised re-vetting",
    Trigger.OTHER: "Other adverse information",
}

TRIGGER_BASIS = {
    Trigger.CONVICTION: ("a caution or conviction calls for a review, with a presumption of refusal "
                         "(especially dishonesty, violence, or targeting the vulnerable)", CODE),
    Trigger.MISCONDUCT_OUTCOME: ("clearance is re-reviewed after misconduct proceedings that do not end "
                                 "in dismissal", f"{CODE}; regulations.md §14 scenario 25"),
    Trigger.SCREENING_MATCH: ("a confirmed screening match is adverse information: immediate review",
                              f"{APP}: immediate review on adverse information"),
    Trigger.CHANGE_OF_CIRCUMSTANCES: ("the officer notified a matter that may reasonably affect suitability",
                                      f"{VETTING}, reg 5"),
    Trigger.NOTIFICATION_FAILURE: ("failing to notify a matter that may affect suitability breaches the duty "
                                   "to notify and triggers a withdrawal assessment; it may also be a conduct "
                                   "matter (Honesty and integrity)",
                                   f"{VETTING}, reg 5 and Part 3; Police (Conduct) Regulations 2020, Sch 2; "
                                   "regulations.md §14 scenario 24"),
    Trigger.RANDOMISED: ("mandatory randomised re-vetting", f"{APP}"),
    Trigger.OTHER: ("adverse information calls for an immediate review", f"{APP}"),
}


def trigger_reason(trigger: Trigger | str) -> tuple[str, str]:
    """(reason, basis) for opening a review on ``trigger``."""
    return TRIGGER_BASIS[Trigger(trigger)]


DISMISSAL_OUTCOMES = ("dismissal_without_notice", "would_have_been_dismissed")


def finding_calls_for_review(*, finding: str, outcome: str) -> Ruling:
    """Misconduct or gross misconduct proven, and the proceedings did not end in dismissal."""
    if finding not in ("misconduct", "gross_misconduct"):
        return Ruling(False, ("no misconduct was found: the Code's re-review after proceedings does not "
                              "apply",), CODE)
    if outcome in DISMISSAL_OUTCOMES:
        return Ruling(False, ("the proceedings ended in dismissal",), CODE)
    return Ruling(True, (TRIGGER_BASIS[Trigger.MISCONDUCT_OUTCOME][0],), TRIGGER_BASIS[Trigger.MISCONDUCT_OUTCOME][1])


class ReviewOutcome(StrEnum):
    MAINTAINED = "maintained"
    MAINTAINED_WITH_CONDITIONS = "maintained_with_conditions"
    WITHDRAWAL_ASSESSMENT = "withdrawal_assessment"


REVIEW_OUTCOME_LABELS = {
    ReviewOutcome.MAINTAINED: "Clearance maintained",
    ReviewOutcome.MAINTAINED_WITH_CONDITIONS: "Clearance maintained with conditions",
    ReviewOutcome.WITHDRAWAL_ASSESSMENT: "Withdrawal assessment started",
}


# -- the 2025 withdrawal assessment ----------------------------------------------------------


def withdrawal_may_start(*, on: date) -> Ruling:
    """A withdrawal assessment exists only under SI 2025/502, from 14 May 2025 (§14 sc. 23)."""
    if on >= VETTING_2025:
        return Ruling(True, ("from 14 May 2025 a clearance is withdrawn only through a withdrawal "
                             "assessment, which can lead to dismissal without notice, with appeal to an "
                             "appeal panel and then the Police Appeals Tribunal",), f"{VETTING}, Part 3")
    return Ruling(False, (
        f"a withdrawal assessment cannot start before 14 May 2025, when the Police (Vetting) Regulations 2025 "
        f"came into force; before then there was no lawful basis to dismiss an officer for withdrawn vetting "
        f"as 'gross incompetence' under the Performance Regulations ({DI_MARIA})",),
        f"{VETTING}, Part 3; {DI_MARIA}; regulations.md §14 scenario 23", confirmed=False)


class Step(StrEnum):
    NOTICE = "notice"
    REPRESENTATIONS = "representations"
    DECISION = "decision"
    DISMISSAL = "dismissal"
    APPEAL_LODGED = "appeal_lodged"
    APPEAL_RESULT = "appeal_result"
    PAT_LODGED = "pat_lodged"
    PAT_RESULT = "pat_result"


STEP_LABELS = {
    Step.NOTICE: "Notice given to the officer",
    Step.REPRESENTATIONS: "Representations received",
    Step.DECISION: "Decision",
    Step.DISMISSAL: "Dismissal without notice",
    Step.APPEAL_LODGED: "Appeal to the appeal panel lodged",
    Step.APPEAL_RESULT: "Appeal panel result",
    Step.PAT_LODGED: "Appeal to the Police Appeals Tribunal lodged",
    Step.PAT_RESULT: "Police Appeals Tribunal result",
}


@dataclass(frozen=True)
class AssessmentFacts:
    """What has happened so far in one withdrawal assessment (a snapshot from the database)."""

    started_on: date
    notice_on: date | None = None
    representations_on: date | None = None
    decision: str = ""  # "", "maintain", "withdraw"
    decided_on: date | None = None
    dismissed_on: date | None = None
    appeal_lodged_on: date | None = None
    appeal_result: str = ""  # "", "upheld", "allowed"
    appeal_result_on: date | None = None
    pat_lodged_on: date | None = None
    pat_result: str = ""
    pat_result_on: date | None = None


def done_steps(facts: AssessmentFacts) -> set[Step]:
    """The steps already recorded."""
    done = set()
    for step, value in ((Step.NOTICE, facts.notice_on), (Step.REPRESENTATIONS, facts.representations_on),
                        (Step.DECISION, facts.decided_on), (Step.DISMISSAL, facts.dismissed_on),
                        (Step.APPEAL_LODGED, facts.appeal_lodged_on), (Step.APPEAL_RESULT, facts.appeal_result_on),
                        (Step.PAT_LODGED, facts.pat_lodged_on), (Step.PAT_RESULT, facts.pat_result_on)):
        if value is not None:
            done.add(step)
    return done


def step_check(step: Step | str, facts: AssessmentFacts, *, on: date) -> Ruling:
    """May ``step`` be recorded on ``on``? Every reason it may not, each one sentence."""
    step = Step(step)
    done = done_steps(facts)
    reasons: list[str] = []
    basis = f"{VETTING}, Part 3; {GUIDANCE}"
    previous = {Step.NOTICE: facts.started_on, Step.REPRESENTATIONS: facts.notice_on,
                Step.DECISION: facts.representations_on or facts.notice_on, Step.DISMISSAL: facts.decided_on,
                Step.APPEAL_LODGED: facts.dismissed_on, Step.APPEAL_RESULT: facts.appeal_lodged_on,
                Step.PAT_LODGED: facts.appeal_result_on, Step.PAT_RESULT: facts.pat_lodged_on}
    if step in done:
        reasons.append(f"{STEP_LABELS[step]} is already recorded")
    if step is not Step.NOTICE and Step.NOTICE not in done:
        reasons.append("the officer must be given notice of the withdrawal assessment first")
    if step in (Step.REPRESENTATIONS,) and Step.DECISION in done:
        reasons.append("representations cannot be recorded after the decision")
    if step in (Step.DISMISSAL, Step.APPEAL_LODGED, Step.APPEAL_RESULT, Step.PAT_LODGED, Step.PAT_RESULT) \
            and facts.decision != "withdraw":
        reasons.append("dismissal and appeals follow only a decision to withdraw the clearance")
    order = [Step.DISMISSAL, Step.APPEAL_LODGED, Step.APPEAL_RESULT, Step.PAT_LODGED, Step.PAT_RESULT]
    if step in order and facts.decision == "withdraw":
        index = order.index(step)
        if index > 0 and order[index - 1] not in done:
            reasons.append(f"{STEP_LABELS[order[index - 1]]} must be recorded first")
    if step is Step.PAT_LODGED and facts.appeal_result == "allowed":
        reasons.append("the appeal panel allowed the appeal: there is nothing to take to the Tribunal")
    if step is Step.DECISION and Step.NOTICE in done and Step.REPRESENTATIONS not in done and facts.notice_on:
        window = representations_due(notice_on=facts.notice_on)
        if on <= window.due:
            reasons.append(f"the officer's window for representations is open until {long_date(window.due)}: "
                           "record the representations first, or decide after the window closes")
    earliest = previous.get(step)
    if earliest is not None and on < earliest:
        reasons.append(f"the date cannot be before the previous step ({long_date(earliest)})")
    window_refusal = any("window for representations" in r for r in reasons)
    return Ruling(not reasons, tuple(reasons), basis, confirmed=not window_refusal)


def _working_days(name: str, start: date, config: RulesConfig, calendar: WorkingCalendar,
                  what: str, basis: str) -> Clock:
    days = config.vetting_periods[name]
    due = calendar.nth_working_day_after(start, days)
    return Clock(name, due, f"{what}: {days} working days beginning with the first working day after "
                 f"{long_date(start)} (configurable default: vetting_periods.{name})", basis, False)


def representations_due(*, notice_on: date, config: RulesConfig | None = None,
                        calendar: WorkingCalendar | None = None) -> Clock:
    return _working_days("vetting-representations", notice_on, config or load_config(),
                         calendar or default_calendar(), "the officer's written representations",
                         f"{VETTING}, Part 3; {GUIDANCE} (period not verified)")


def appeal_panel_due(*, dismissed_on: date, config: RulesConfig | None = None,
                     calendar: WorkingCalendar | None = None) -> Clock:
    return _working_days("vetting-appeal-panel", dismissed_on, config or load_config(),
                         calendar or default_calendar(), "appeal to the appeal panel",
                         f"{VETTING}, Part 3 (two-stage appeal; period not verified)")


def pat_appeal_due(*, panel_result_on: date, config: RulesConfig | None = None,
                   calendar: WorkingCalendar | None = None) -> Clock:
    return _working_days("vetting-pat-appeal", panel_result_on, config or load_config(),
                         calendar or default_calendar(), "appeal to the Police Appeals Tribunal",
                         f"{VETTING}, Part 3; {PAT} (period not verified)")


def assessment_clocks(facts: AssessmentFacts, *, config: RulesConfig | None = None,
                      calendar: WorkingCalendar | None = None) -> list[Clock]:
    """The clocks running now: each only while its step is still to come."""
    clocks: list[Clock] = []
    if facts.notice_on and facts.representations_on is None and facts.decided_on is None:
        clocks.append(representations_due(notice_on=facts.notice_on, config=config, calendar=calendar))
    if facts.dismissed_on and facts.appeal_lodged_on is None:
        clocks.append(appeal_panel_due(dismissed_on=facts.dismissed_on, config=config, calendar=calendar))
    if facts.appeal_result == "upheld" and facts.appeal_result_on and facts.pat_lodged_on is None:
        clocks.append(pat_appeal_due(panel_result_on=facts.appeal_result_on, config=config, calendar=calendar))
    return clocks


def stage(facts: AssessmentFacts) -> str:
    """Where the assessment stands, in words for the register."""
    if facts.pat_result_on:
        return f"Tribunal: appeal {facts.pat_result}"
    if facts.pat_lodged_on:
        return "Appeal lodged with the Police Appeals Tribunal"
    if facts.appeal_result_on:
        return f"Appeal panel: appeal {facts.appeal_result}"
    if facts.appeal_lodged_on:
        return "Appeal to the appeal panel lodged"
    if facts.dismissed_on:
        return "Dismissed without notice"
    if facts.decided_on:
        return "Clearance maintained" if facts.decision == "maintain" else "Clearance withdrawn"
    if facts.representations_on:
        return "Representations received: decision due"
    if facts.notice_on:
        return "Notice given: representations window"
    return "Started: notice to the officer due"


def is_open(facts: AssessmentFacts) -> bool:
    """Still running: no decision yet, or withdrawn and the officer not yet dismissed."""
    return facts.decided_on is None or (facts.decision == "withdraw" and facts.dismissed_on is None)
