"""Compute statutory deadlines, each with its explanation and legal basis.

Public API::

    from candour.domain.deadlines import compute_deadline
    d = compute_deadline("notice-response", date(2023, 5, 19))
    d.due          # date(2023, 6, 5)
    d.explanation  # "10 working days beginning with the first working day after 19 May 2023;
                   #  skips 29 May 2023 (Spring bank holiday)"
    d.to_json()    # the object `candour rules deadline` prints

``from_date`` is the triggering event (notice given, report made, outcome notified …).
``regime_date`` decides which rule set applies (the day the complaint was made or the matter
came to attention) and defaults to ``from_date``. ``due`` is the last day on which the thing may
be done; for warnings the last day in force; for list reviews the first day a review may be
asked for. Periods tagged [M]/[S]/[C] come from :mod:`candour.domain.config` and are reported
with ``confirmed=False``.

For bulk work (recomputing every clock of a caseload) use :func:`clock_table`, which returns
plain ordinal functions with no explanation, O(1) each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from candour.domain.calendar import WorkingCalendar, default_calendar
from candour.domain.config import DEFAULT_PERIODS, RulesConfig, load_config
from candour.domain.periods import period_last_day, period_last_day_ordinal
from candour.domain.regimes import LEGACY, REGIMES, Regime, regime_for
from candour.domain.rules import RULES, Method, Rule, Unit, get_rule


@dataclass(frozen=True)
class Deadline:
    """A computed deadline that explains itself."""

    rule: str
    from_date: date
    due: date
    unit: str
    length: int
    basis: str
    explanation: str
    confirmed: bool
    regime: str
    confidence: str
    title: str

    @property
    def reason(self) -> str:
        return self.explanation

    def to_json(self) -> dict[str, Any]:
        """The contract's JSON object, plus ``regime``, ``confidence`` and ``title``."""
        return {
            "rule": self.rule,
            "from": self.from_date.isoformat(),
            "due": self.due.isoformat(),
            "unit": self.unit,
            "length": self.length,
            "basis": self.basis,
            "explanation": self.explanation,
            "confirmed": self.confirmed,
            "regime": self.regime,
            "confidence": self.confidence,
            "title": self.title,
        }


def long_date(day: date) -> str:
    """``19 May 2023``."""
    return f"{day.day} {day:%B} {day.year}"


def rule_length(rule: Rule, config: RulesConfig) -> int:
    """The rule's length: the statute's if confirmed, else the configured default."""
    if rule.id in DEFAULT_PERIODS:
        return config.period(rule.id, rule.length)
    return rule.length


def _months(rule: Rule, length: int) -> int:
    return length * 12 if rule.unit is Unit.YEARS else length


def _due(rule: Rule, start: date, length: int, calendar: WorkingCalendar) -> date:
    method = rule.method
    if method is Method.WORKING_DAYS_AFTER:
        return calendar.nth_working_day_after(start, length)
    if method is Method.WORKING_DAYS_BEGINNING_WITH:
        return calendar.nth_working_day_from(start, length)
    if method is Method.DAYS_AFTER:
        return start + timedelta(days=length)
    if method is Method.DAYS_BEGINNING_WITH:
        return start + timedelta(days=length - 1)
    months = _months(rule, length)
    if method is Method.PERIOD_BEGINNING_WITH:
        return period_last_day(start, months)
    if method is Method.PERIOD_BEGINNING_DAY_AFTER:
        return period_last_day(start + timedelta(days=1), months)
    return period_last_day(start, months) + timedelta(days=1)  # FIRST_DAY_AFTER_PERIOD


def _span(rule: Rule, length: int) -> str:
    if rule.unit is Unit.WORKING_DAYS:
        return f"{length} working day{'s' if length != 1 else ''}"
    if rule.unit is Unit.CALENDAR_DAYS:
        return f"{length} day{'s' if length != 1 else ''}"
    if rule.unit is Unit.YEARS:
        return f"{length} year{'s' if length != 1 else ''}"
    return f"{length} month{'s' if length != 1 else ''}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def explain(rule: Rule, start: date, due: date, length: int, calendar: WorkingCalendar) -> str:
    """One sentence saying how ``due`` follows from ``start``."""
    span = _span(rule, length)
    method = rule.method
    if method is Method.WORKING_DAYS_AFTER:
        text = f"{span} beginning with the first working day after {long_date(start)}"
        first = start + timedelta(days=1)
    elif method is Method.WORKING_DAYS_BEGINNING_WITH:
        text = f"{span} beginning with {long_date(start)}"
        first = start
    elif method is Method.DAYS_AFTER:
        return f"{span} starting with the day after {long_date(start)}"
    elif method is Method.DAYS_BEGINNING_WITH:
        return f"{span} beginning with {long_date(start)}"
    elif method is Method.PERIOD_BEGINNING_WITH:
        return f"{span} beginning with {long_date(start)} end on {long_date(due)}"
    elif method is Method.PERIOD_BEGINNING_DAY_AFTER:
        nxt = start + timedelta(days=1)
        return (f"{span} beginning with the day after {long_date(start)} "
                f"({long_date(nxt)}) end on {long_date(due)}")
    else:
        return (f"{span} beginning with {long_date(start)} end on "
                f"{long_date(due - timedelta(days=1))}; the first day after them is "
                f"{long_date(due)}")
    skipped = calendar.holidays_between(first, due)
    if skipped:
        text += "; skips " + _and([f"{long_date(d)} ({name})" for d, name in skipped])
    return text


def compute_deadline(
    rule_id: str,
    from_date: date,
    regime_date: date | None = None,
    *,
    calendar: WorkingCalendar | None = None,
    config: RulesConfig | None = None,
) -> Deadline:
    """The deadline for ``rule_id`` triggered on ``from_date`` (see the module docstring).

    Raises :class:`candour.domain.rules.UnknownRuleError` for an unknown rule and
    :class:`candour.domain.calendar.CalendarRangeError` outside the calendar's years.
    """
    rule = get_rule(rule_id)
    calendar = calendar or default_calendar()
    config = config or load_config()
    regime = regime_for(regime_date or from_date)
    length = rule_length(rule, config)
    due = _due(rule, from_date, length, calendar)
    explanation = explain(rule, from_date, due, length, calendar)
    confirmed = rule.confirmed
    if rule.id in DEFAULT_PERIODS:
        origin = "configured" if config.source != "defaults" else "default"
        explanation += f" ({origin} period, not confirmed from the legislation text)"
    if regime is LEGACY:
        confirmed = False
        explanation += (" (regime date before 1 February 2020: the 2012 Regulations governed; "
                        "the 2020 period is shown and is not confirmed for that regime)")
    return Deadline(
        rule=rule.id,
        from_date=from_date,
        due=due,
        unit=rule.unit.value,
        length=length,
        basis=rule.basis_for(regime if regime is not LEGACY else REGIMES[0]),
        explanation=explanation,
        confirmed=confirmed,
        regime=regime.id,
        confidence=rule.confidence,
        title=rule.title,
    )


SERVICE_METHODS = ("hand", "post", "email")


def deemed_service(
    sent_on: date,
    method: str,
    sent_at: str | None = None,
    *,
    calendar: WorkingCalendar | None = None,
    config: RulesConfig | None = None,
) -> tuple[date, str]:
    """The day a notice counts as given, and why (Conduct Regs reg 9 as amended from 28 May 2025).

    The deeming rule was not verified (regulations.md §4.3, §14 sc. 29), so it comes from
    configuration: by default an email sent after 16:00 or on a non-working day is served on the
    next working day, a posted notice on the second working day after posting, and a notice
    given by hand on the day. ``sent_at`` is ``HH:MM`` (24-hour clock, UK local time).
    """
    calendar = calendar or default_calendar()
    config = config or load_config()
    if method == "hand":
        return sent_on, f"given by hand on {long_date(sent_on)}"
    if method == "post":
        n = config.post_service_working_days
        day = calendar.nth_working_day_after(sent_on, n)
        return day, (f"posted on {long_date(sent_on)}, deemed served on the {n}th working day "
                     f"after posting, {long_date(day)} (configured default, not verified)")
    if method != "email":
        raise ValueError(f"service method must be one of {', '.join(SERVICE_METHODS)}")
    late = sent_at is not None and sent_at > config.email_service_cutoff
    if late or not calendar.is_working_day(sent_on):
        day = calendar.nth_working_day_after(sent_on, 1)
        why = "after the cut-off time" if late else "on a day that is not a working day"
        return day, (f"emailed {why} ({config.email_service_cutoff}) on {long_date(sent_on)}, "
                     f"deemed served on {long_date(day)} (configured default, not verified)")
    return sent_on, (f"emailed on {long_date(sent_on)} by {config.email_service_cutoff}, deemed "
                     "served that day (configured default, not verified)")


def due_date(rule_id: str, from_date: date, regime_date: date | None = None) -> date:
    """Only the due date (no explanation), with the default calendar and configuration."""
    rule = get_rule(rule_id)
    return _due(rule, from_date, rule_length(rule, load_config()), default_calendar())


OrdinalClock = Callable[[int], int]


def _clock(rule: Rule, length: int, calendar: WorkingCalendar) -> OrdinalClock:
    method = rule.method
    if method is Method.WORKING_DAYS_AFTER:
        return lambda o: calendar.nth_after_ordinal(o, length)
    if method is Method.WORKING_DAYS_BEGINNING_WITH:
        return lambda o: calendar.nth_from_ordinal(o, length)
    if method is Method.DAYS_AFTER:
        return lambda o: o + length
    if method is Method.DAYS_BEGINNING_WITH:
        return lambda o: o + length - 1
    months = _months(rule, length)
    if method is Method.PERIOD_BEGINNING_WITH:
        return lambda o: period_last_day_ordinal(o, months)
    if method is Method.PERIOD_BEGINNING_DAY_AFTER:
        return lambda o: period_last_day_ordinal(o + 1, months)
    return lambda o: period_last_day_ordinal(o, months) + 1


def clock_table(
    regime: Regime | None = None,
    *,
    calendar: WorkingCalendar | None = None,
    config: RulesConfig | None = None,
) -> dict[str, OrdinalClock]:
    """Rule id -> function from the trigger's ordinal to the due date's ordinal.

    The bulk form of :func:`compute_deadline` for recomputing every clock of a caseload: the same
    arithmetic, no explanation. Lengths are the same in every regime so far; the parameter keeps
    callers honest when one changes.
    """
    del regime  # no period has changed between regimes yet (see rules.Rule.history)
    calendar = calendar or default_calendar()
    config = config or load_config()
    return {rule.id: _clock(rule, rule_length(rule, config), calendar) for rule in RULES}
