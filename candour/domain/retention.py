"""The retention schedule and the record of processing, as data (docs/data-protection.md).

Which record types Candour holds, when each one's retention clock starts, and what may be done
when it ends are fixed here, because the code must know how to anonymise each one. How long
each is kept, why, and what the record of processing says about it (the categories of data,
purposes, lawful basis, recipients) come from configuration: a TOML file read at start
(``config/retention.toml``, or the file named by ``CANDOUR_RETENTION_SCHEDULE``). No period in
it was verified from a statute: regulations.md says nothing about retention, so every rule is
reported as unconfirmed ([M]) unless the file says ``confirmed = true`` for it, which a force
should do only once its own retention policy has been signed off.

Pure functions: the clock is a parameter (``today``), never read.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from candour.domain.periods import add_months


class ScheduleError(ValueError):
    """The retention schedule is unreadable, incomplete or names something that does not exist."""


ANONYMISE = "anonymise"  # names, contact details and free text replaced; dates, codes, outcomes kept
DELETE = "delete"  # the record is removed (nothing in it is needed for statistics)
ERASE = "erase"  # one field is emptied (the sealed identity)
KEEP = "keep"  # kept; nothing is done when a period ends (there is none)

ALLOWED = "allowed"
REFUSED = "refused"


@dataclass(frozen=True)
class RecordType:
    """A kind of record the schedule must have a rule for."""

    id: str
    name: str
    clock: str  # what the retention period counts from, in words
    actions: frozenset[str]  # what the configuration may choose to do when it ends
    live: str  # when the record is part of live work, whatever the period says


#: Every kind of record holding personal data, in the order the record of processing lists them.
RECORD_TYPES: dict[str, RecordType] = {t.id: t for t in (
    RecordType("case", "Cases", "the day the case was closed", frozenset({ANONYMISE, KEEP}),
               "the case is open (including reopened)"),
    RecordType("report", "Reports that did not become a case",
               "the day the report was triaged as needing no further action", frozenset({ANONYMISE, KEEP}),
               "the report is waiting for triage"),
    RecordType("complainant", "Complainants and other members of the public",
               "the day the last of their cases was closed", frozenset({ANONYMISE, KEEP}),
               "any of their cases is open"),
    RecordType("sealed_identity", "Sealed identities of internal reporters",
               "the day the report's case was closed (or the report triaged, if it became no case)",
               frozenset({ERASE, KEEP}), "the report's case is open, or the report waits for triage"),
    RecordType("tracking", "Public tracking links and codes",
               "the day the report's case was closed (or the report triaged, if it became no case)",
               frozenset({DELETE, KEEP}), "the report's case is open, or the report waits for triage"),
    RecordType("portal_upload", "Portal uploads not attached to a report", "the upload",
               frozenset({DELETE}), "the sender's session can still be alive"),
    RecordType("screening_candidate", "Screening matches", "the day the match was decided",
               frozenset({ANONYMISE, KEEP}), "the match waits for a decision"),
    RecordType("vetting_record", "Vetting clearances, aftercare and reviews (other than refusals)",
               "the day the person left the force", frozenset({ANONYMISE, KEEP}),
               "the person still serves, or a review or withdrawal assessment is open"),
    RecordType("vetting_refusal", "Vetting refusals", "the refusal", frozenset({KEEP}), "always"),
    RecordType("workforce_record", "Officers and staff, and the integrity registers about them",
               "the day the person left the force", frozenset({KEEP}), "the person still serves"),
    RecordType("user_account", "Staff sign-in accounts", "deactivation", frozenset({KEEP}), "the account is active"),
    RecordType("audit_event", "The audit trail", "the event", frozenset({KEEP}), "always"),
)}

_PERIOD = re.compile(r"^\s*(\d{1,4})\s+(year|month|week|day|hour)s?\s*$")
_UNITS_IN_MONTHS = {"year": 12, "month": 1}


@dataclass(frozen=True)
class Period:
    """How long a record is kept once its clock starts: ``6 years``, ``12 months``, ``24 hours``."""

    amount: int
    unit: str

    @classmethod
    def parse(cls, text: str, *, where: str) -> Period | None:
        """``None`` for ``"kept"`` (no end); :class:`ScheduleError` for anything unreadable."""
        if text.strip().lower() == "kept":
            return None
        found = _PERIOD.match(text.lower())
        if not found:
            raise ScheduleError(f"{where}: keep must be like '6 years', '12 months', '30 days', '24 hours' "
                                f"or 'kept', not {text!r}")
        return cls(int(found.group(1)), found.group(2))

    def ends_on(self, start: date) -> date:
        """The first day the record is past its period: the corresponding date after ``start``
        (6 years from 29 February 2020 end on 28 February 2026, the end of that month)."""
        if self.unit in _UNITS_IN_MONTHS:
            return add_months(start, self.amount * _UNITS_IN_MONTHS[self.unit])[0]
        days = {"week": 7, "day": 1, "hour": 1 / 24}[self.unit] * self.amount
        return start + timedelta(days=int(-(-days // 1)))

    def ends_at(self, start: datetime) -> datetime:
        """For a period in hours (the portal uploads): the moment it ends."""
        if self.unit == "hour":
            return start + timedelta(hours=self.amount)
        return datetime.combine(self.ends_on(start.date()), start.timetz())

    @property
    def hours(self) -> int:
        """The period in whole hours (only for periods given in hours, days or weeks)."""
        if self.unit in _UNITS_IN_MONTHS:
            raise ScheduleError("a period in months or years has no fixed number of hours")
        return self.amount * {"week": 168, "day": 24, "hour": 1}[self.unit]

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}{'' if self.amount == 1 else 's'}"


@dataclass(frozen=True)
class RetentionRule:
    """One record type's rule, and what the record of processing says about it."""

    record_type: str
    keep: Period | None
    then: str
    basis: str
    confirmed: bool
    erasure: str
    erasure_basis: str
    covers: str
    regime: str
    data_subjects: tuple[str, ...]
    categories: tuple[str, ...]
    purposes: tuple[str, ...]
    lawful_basis: str
    recipients: tuple[str, ...]

    @property
    def kind(self) -> RecordType:
        return RECORD_TYPES[self.record_type]

    @property
    def name(self) -> str:
        return self.kind.name

    @property
    def keep_text(self) -> str:
        """"6 years from the day the case was closed", or "Kept"."""
        if self.keep is None:
            return "Kept: no end is set"
        return f"{self.keep} from {self.kind.clock}"

    @property
    def tag(self) -> str:
        return "" if self.confirmed else " [M]"

    @property
    def citation(self) -> str:
        """How a refusal or a report names the rule: ``rule case (6 years from …) [M]: basis``."""
        return f"retention rule '{self.record_type}' ({self.keep_text.lower()}){self.tag}: {self.basis}"

    def ends_on(self, start: date) -> date | None:
        return None if self.keep is None else self.keep.ends_on(start)


@dataclass(frozen=True)
class Controller:
    """Who answers for the processing (DPA 2018 s.61(2)(a); UK GDPR Art 30(1)(a))."""

    name: str
    dpo: str
    security: str


@dataclass(frozen=True)
class Schedule:
    rules: dict[str, RetentionRule]
    marker: str
    controller: Controller
    source: str = "defaults"

    def rule(self, record_type: str) -> RetentionRule:
        return self.rules[record_type]

    @property
    def unconfirmed(self) -> list[str]:
        return [r.record_type for r in self.rules.values() if not r.confirmed]


# -- decisions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """What the schedule says about one record today, with the reason in words."""

    rule: RetentionRule
    due: bool  # past its period and not live: the retention job acts on it now
    ends_on: date | None
    reason: str


def retention_decide(rule: RetentionRule, *, start: date | None, live: str, today: date) -> Decision:
    """Whether a record whose clock started on ``start`` (``None``: not started) is past its
    period. ``live`` names the live work the record is part of ("" if none): live records
    are never due, whatever the period says."""
    if live:
        return Decision(rule, False, None, f"part of live work: {live}")
    if rule.keep is None or rule.then == KEEP:
        return Decision(rule, False, None, f"kept under {rule.citation}")
    if start is None:
        return Decision(rule, False, None, f"its clock has not started ({rule.kind.clock})")
    ends = rule.keep.ends_on(start)
    if ends > today:
        return Decision(rule, False, ends, f"kept until {ends:%-d %B %Y} under {rule.citation}")
    return Decision(rule, True, ends, f"past its period on {ends:%-d %B %Y} under {rule.citation}")


def latest_due_start(rule: RetentionRule, *, today: date) -> date | None:
    """The last day a record's clock may have started for it to be past its period today
    (records started on or before it are due), for a selector's one comparison; ``None`` for
    a rule that keeps its records."""
    if rule.keep is None or rule.then == KEEP:
        return None
    keep = rule.keep
    if keep.ends_on(today) <= today:
        return today
    # ends_on grows with the start (never backwards), so the last start that is due is found
    # by halving between a day certainly due and today, which is not.
    low = today - timedelta(days=keep.amount * {"year": 366, "month": 31, "week": 7, "day": 1, "hour": 1}[keep.unit]
                            + 1)
    high = today
    while high - low > timedelta(days=1):
        middle = low + (high - low) / 2
        if keep.ends_on(middle) <= today:
            low = middle
        else:
            high = middle
    return low


@dataclass(frozen=True)
class ErasureDecision:
    allowed: bool
    reason: str


def erasure_decide(rule: RetentionRule, *, start: date | None, live: str, today: date,
                   anonymised_on: date | None = None) -> ErasureDecision:
    """Whether a data subject's request to erase this record can be granted today.

    Refused while the record is part of live work (the investigation or proceedings it
    belongs to: DPA 2018 s.47(2)(b) keeps evidence; UK GDPR Art 17(3)(b), (e)), and while a rule
    that refuses erasure keeps it; granted where the rule allows erasure, or once its period is
    over (it would be anonymised by the next retention run anyway)."""
    if anonymised_on is not None:
        return ErasureDecision(False, f"already anonymised on {anonymised_on:%-d %B %Y}: nothing left to erase")
    if live:
        return ErasureDecision(False, f"refused: part of live work ({live}); the record is evidence in it "
                                      "(DPA 2018 s.47(2)(b); UK GDPR Art 17(3)(b) and (e)) [M]")
    if rule.erasure == ALLOWED:
        return ErasureDecision(True, f"allowed by {rule.citation}")
    decision = retention_decide(rule, start=start, live="", today=today)
    if decision.due:
        return ErasureDecision(True, f"allowed: {decision.reason}")
    until = f" until {decision.ends_on:%-d %B %Y}" if decision.ends_on else ""
    return ErasureDecision(False, f"refused: kept{until} under {rule.citation}. Why erasure is refused: "
                                  f"{rule.erasure_basis}")


# -- reading the configuration --------------------------------------------------------------------

_TEXT = ("basis", "erasure_basis", "covers", "regime", "lawful_basis")
_LISTS = ("data_subjects", "categories", "purposes", "recipients")
_RULE_KEYS = {"keep", "then", "confirmed", "erasure", *_TEXT, *_LISTS}


def _text(data: dict[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ScheduleError(f"{where}: {key} must be a non-empty string")
    return " ".join(value.split())


def _strings(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ScheduleError(f"{where}: {key} must be a non-empty list of strings")
    return tuple(" ".join(v.split()) for v in value)


def _rule(record_type: str, data: Any) -> RetentionRule:
    where = f"rules.{record_type}"
    if not isinstance(data, dict):
        raise ScheduleError(f"{where} must be a table")
    unknown = sorted(set(data) - _RULE_KEYS)
    if unknown:
        raise ScheduleError(f"{where}: unknown setting(s) {', '.join(unknown)}")
    kind = RECORD_TYPES[record_type]
    keep = Period.parse(str(data.get("keep", "")), where=where)
    then = data.get("then", KEEP if keep is None else "")
    if then not in kind.actions:
        raise ScheduleError(f"{where}: then must be one of {', '.join(sorted(kind.actions))}, not {then!r}")
    if keep is None and then != KEEP:
        raise ScheduleError(f"{where}: a record that is kept has nothing to {then}")
    if keep is not None and then == KEEP:
        raise ScheduleError(f"{where}: a period of {keep} needs an action when it ends (then = ...)")
    if record_type == "portal_upload" and keep is not None and keep.unit in _UNITS_IN_MONTHS:
        raise ScheduleError(f"{where}: give the period in hours or days")
    confirmed = data.get("confirmed", False)
    if not isinstance(confirmed, bool):
        raise ScheduleError(f"{where}: confirmed must be true or false")
    erasure = data.get("erasure", REFUSED)
    if erasure not in (ALLOWED, REFUSED):
        raise ScheduleError(f"{where}: erasure must be 'allowed' or 'refused', not {erasure!r}")
    text = {key: _text(data, key, where) for key in _TEXT}
    lists = {key: _strings(data, key, where) for key in _LISTS}
    return RetentionRule(record_type=record_type, keep=keep, then=then, confirmed=confirmed, erasure=erasure,
                         basis=text["basis"], erasure_basis=text["erasure_basis"], covers=text["covers"],
                         regime=text["regime"], lawful_basis=text["lawful_basis"],
                         data_subjects=lists["data_subjects"], categories=lists["categories"],
                         purposes=lists["purposes"], recipients=lists["recipients"])


def schedule_from_dict(data: dict[str, Any], *, source: str = "dict") -> Schedule:
    """The schedule in ``data``; :class:`ScheduleError` naming the first thing wrong with it."""
    unknown = sorted(set(data) - {"schema", "marker", "controller", "rules"})
    if unknown:
        raise ScheduleError(f"unknown setting(s): {', '.join(unknown)}")
    if data.get("schema") != 1:
        raise ScheduleError("schema must be 1")
    marker = data.get("marker")
    if not isinstance(marker, str) or not 1 <= len(marker.strip()) <= 20:
        raise ScheduleError("marker must be a string of 1 to 20 characters, e.g. '[anonymised]'")
    controller = data.get("controller")
    if not isinstance(controller, dict) or set(controller) != {"name", "dpo", "security"}:
        raise ScheduleError("controller must be a table with name, dpo and security")
    rules = data.get("rules")
    if not isinstance(rules, dict):
        raise ScheduleError("rules must be a table of record types")
    unknown = sorted(set(rules) - set(RECORD_TYPES))
    if unknown:
        raise ScheduleError(f"rules for record types that do not exist: {', '.join(unknown)}")
    missing = [t for t in RECORD_TYPES if t not in rules]
    if missing:
        raise ScheduleError(f"no rule for: {', '.join(missing)} (every record type needs one)")
    return Schedule(
        rules={t: _rule(t, rules[t]) for t in RECORD_TYPES}, marker=marker.strip(), source=source,
        controller=Controller(**{k: _text(controller, k, "controller") for k in ("name", "dpo", "security")}))


def schedule_from_toml(text: str, *, source: str) -> Schedule:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScheduleError(f"{source} is not valid TOML: {exc}") from exc
    try:
        return schedule_from_dict(data, source=source)
    except ScheduleError as exc:
        raise ScheduleError(f"{source}: {exc}") from exc


@dataclass(frozen=True)
class ProcessingRow:
    """One line of the record of processing (DPA 2018 s.61(2); UK GDPR Art 30(1))."""

    rule: RetentionRule
    retention: str
    erasure: str
    unconfirmed: bool = field(default=False)


def processing_record(schedule: Schedule) -> list[ProcessingRow]:
    """The record of processing, one row per record type, from the same rules the job applies."""
    rows = []
    for rule in schedule.rules.values():
        action = {ANONYMISE: "then anonymised", DELETE: "then deleted", ERASE: "then erased", KEEP: ""}[rule.then]
        retention = f"{rule.keep_text}{', ' + action if action else ''}. {rule.basis}"
        erasure = ("Erased on request once it is not part of live work" if rule.erasure == ALLOWED
                   else f"Erasure refused while kept: {rule.erasure_basis}")
        rows.append(ProcessingRow(rule=rule, retention=retention, erasure=erasure, unconfirmed=not rule.confirmed))
    return rows
