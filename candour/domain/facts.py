"""The facts ``candour rules assess`` reads, validated strictly.

Keys and vocabularies are those of ``shared/domain/rules-contract.md``. Every key is optional
except ``on``; ``null`` means "not known". Unknown keys, wrong vocabulary words, impossible dates
and wrong types raise :class:`FactsError` with a one-line message naming the culprit.

Additions to the contract (allowed: "add keys freely"):

* ``investigation_mode``: ``local``, ``directed`` or ``independent`` (who receives the 12-month
  progress report, C&M Regs reg 13);
* ``vetting_withdrawn``: the officer's vetting clearance has been withdrawn or refused (used by
  the "automatic dismissal" policy profile);
* ``vetting_notification_breach``: the officer failed to notify the vetting authority of a
  matter that may affect suitability (Police (Vetting) Regulations 2025, reg 5);
* in a warning: ``career_break_days`` (reg 42(11)) and ``months`` (a longer final written
  warning set under reg 42(10) or reg 62(4)(b)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

CASE_TYPES = ("complaint", "conduct_matter", "dsi_matter")
CONDUCT = (
    "serious_assault", "serious_sexual_offence", "serious_corruption",
    "abuse_of_position_sexual_purpose", "abuse_of_position_emotional_relationship",
    "discriminatory_behaviour", "criminal_offence", "disciplinary_breach", "relevant_offence",
    "article_2_or_3_breach", "domestic_abuse", "service_level",
)
DISCRIMINATION = (
    "age", "disability", "gender_reassignment", "marriage_and_civil_partnership",
    "pregnancy_and_maternity", "race", "religion_or_belief", "sex", "sexual_orientation", "other",
)
OFFENCE_CLASSES = ("indictable_only", "either_way", "summary")
CONTACT_RESULTS = ("death", "serious_injury", "none")
SUBJECT_KINDS = ("officer", "special_constable", "staff", "volunteer")
RANKS = (
    "constable", "sergeant", "inspector", "chief_inspector", "superintendent",
    "chief_superintendent", "assistant_chief_constable", "deputy_chief_constable",
    "chief_constable", "commander", "deputy_assistant_commissioner", "assistant_commissioner",
    "deputy_commissioner", "commissioner",
)
STATUSES = ("serving", "resigned", "retired", "dismissed")
SEVERITIES = ("gross_misconduct", "misconduct", "none", "neither")
DISMISSAL_GROUNDS = ("gross_misconduct", "gross_incompetence", "vetting_withdrawal")
WARNING_TYPES = ("written", "final_written")
INVESTIGATION_MODES = ("local", "directed", "independent")

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


class FactsError(ValueError):
    """The facts are malformed; the message is one line naming the problem."""


@dataclass(frozen=True)
class Warning:
    type: str
    notified_on: date
    career_break_days: int = 0
    months: int | None = None


@dataclass(frozen=True)
class Conviction:
    offence_class: str | None
    convicted_on: date | None


@dataclass(frozen=True)
class Subject:
    kind: str | None = None
    rank: str | None = None
    status: str | None = None
    warnings: tuple[Warning, ...] | None = None
    convictions: tuple[Conviction, ...] | None = None


@dataclass(frozen=True)
class Facts:
    """One snapshot of what is known about a matter, as of ``on``."""

    on: date
    case_type: str | None = None
    received_on: date | None = None
    complainant_wants_recording: bool | None = None
    conduct: tuple[str, ...] | None = None
    discrimination: tuple[str, ...] | None = None
    offence_class: str | None = None
    contact_resulted_in: str | None = None
    same_incident_as_referred: bool | None = None
    repeat_without_fresh_evidence: bool | None = None
    withdrawal_signed: bool | None = None
    subject: Subject | None = None
    severity_assessed_on: date | None = None
    case_to_answer: str | None = None
    finding: str | None = None
    multiple_unconnected_incidents: bool | None = None
    exceptional_circumstances: bool | None = None
    special_conditions_met: bool | None = None
    left_service_during_investigation: bool | None = None
    dismissed_for: str | None = None
    dismissed_on: date | None = None
    investigation_mode: str | None = None
    vetting_withdrawn: bool | None = None
    vetting_notification_breach: bool | None = None
    provided: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def regime_date(self) -> date:
        """The date that decides the rule set: complaint made / matter came to attention."""
        return self.received_on or self.on

    @classmethod
    def from_json(cls, data: Any) -> Facts:
        """Validate a decoded JSON object; raises :class:`FactsError`."""
        return parse_facts(data)


def parse_date(value: Any, where: str) -> date:
    """A strict ``YYYY-MM-DD`` date; raises :class:`FactsError`."""
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        raise FactsError(f"{where}: expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FactsError(f"{where}: impossible date {value!r}") from None


def _keys(data: Any, allowed: tuple[str, ...], where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise FactsError(f"{where}: expected a JSON object")
    unknown = [k for k in data if k not in allowed]
    if unknown:
        raise FactsError(f"unknown fact key{'s' if len(unknown) > 1 else ''} in {where}: "
                         + ", ".join(sorted(unknown)))
    return data


def _opt_date(data: dict[str, Any], key: str, where: str) -> date | None:
    value = data.get(key)
    return None if value is None else parse_date(value, f"{where}{key}")


def _opt_bool(data: dict[str, Any], key: str, where: str) -> bool | None:
    value = data.get(key)
    if value is not None and not isinstance(value, bool):
        raise FactsError(f"{where}{key}: expected true, false or null, got {value!r}")
    return value


def _opt_word(
    data: dict[str, Any], key: str, vocabulary: tuple[str, ...], where: str
) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if value not in vocabulary:
        raise FactsError(f"{where}{key}: {value!r} is not one of {', '.join(vocabulary)}")
    return str(value)


def _opt_words(
    data: dict[str, Any], key: str, vocabulary: tuple[str, ...], where: str
) -> tuple[str, ...] | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise FactsError(f"{where}{key}: expected a list")
    for word in value:
        if word not in vocabulary:
            raise FactsError(f"{where}{key}: {word!r} is not one of {', '.join(vocabulary)}")
    return tuple(dict.fromkeys(value))


def _opt_list(data: dict[str, Any], key: str, where: str) -> list[Any] | None:
    value = data.get(key)
    if value is not None and not isinstance(value, list):
        raise FactsError(f"{where}{key}: expected a list")
    return value


def _opt_int(data: dict[str, Any], key: str, where: str, minimum: int) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise FactsError(f"{where}{key}: expected an integer >= {minimum}, got {value!r}")
    return value


def _warning(data: Any, where: str) -> Warning:
    data = _keys(data, ("type", "notified_on", "career_break_days", "months"), where)
    kind = _opt_word(data, "type", WARNING_TYPES, where + ".")
    notified = _opt_date(data, "notified_on", where + ".")
    if kind is None or notified is None:
        raise FactsError(f"{where}: a warning needs type and notified_on")
    return Warning(kind, notified, _opt_int(data, "career_break_days", where + ".", 0) or 0,
                   _opt_int(data, "months", where + ".", 1))


def _conviction(data: Any, where: str) -> Conviction:
    data = _keys(data, ("offence_class", "convicted_on"), where)
    return Conviction(_opt_word(data, "offence_class", OFFENCE_CLASSES, where + "."),
                      _opt_date(data, "convicted_on", where + "."))


def _subject(data: Any) -> Subject:
    where = "subject"
    data = _keys(data, ("kind", "rank", "status", "warnings", "convictions"), where)
    warnings = _opt_list(data, "warnings", "subject.")
    convictions = _opt_list(data, "convictions", "subject.")
    return Subject(
        kind=_opt_word(data, "kind", SUBJECT_KINDS, "subject."),
        rank=_opt_word(data, "rank", RANKS, "subject."),
        status=_opt_word(data, "status", STATUSES, "subject."),
        warnings=None if warnings is None else tuple(
            _warning(w, f"subject.warnings[{i}]") for i, w in enumerate(warnings)),
        convictions=None if convictions is None else tuple(
            _conviction(c, f"subject.convictions[{i}]") for i, c in enumerate(convictions)),
    )


FACT_KEYS = (
    "on", "case_type", "received_on", "complainant_wants_recording", "conduct",
    "discrimination", "offence_class", "contact_resulted_in", "same_incident_as_referred",
    "repeat_without_fresh_evidence", "withdrawal_signed", "subject", "severity_assessed_on",
    "case_to_answer", "finding", "multiple_unconnected_incidents", "exceptional_circumstances",
    "special_conditions_met", "left_service_during_investigation", "dismissed_for",
    "dismissed_on", "investigation_mode", "vetting_withdrawn", "vetting_notification_breach",
)


def parse_facts(data: Any) -> Facts:
    """Validate a decoded JSON object into :class:`Facts`."""
    data = _keys(data, FACT_KEYS, "facts")
    if data.get("on") is None:
        raise FactsError("facts: 'on' is required")
    subject = data.get("subject")
    return Facts(
        on=parse_date(data["on"], "on"),
        case_type=_opt_word(data, "case_type", CASE_TYPES, ""),
        received_on=_opt_date(data, "received_on", ""),
        complainant_wants_recording=_opt_bool(data, "complainant_wants_recording", ""),
        conduct=_opt_words(data, "conduct", CONDUCT, ""),
        discrimination=_opt_words(data, "discrimination", DISCRIMINATION, ""),
        offence_class=_opt_word(data, "offence_class", OFFENCE_CLASSES, ""),
        contact_resulted_in=_opt_word(data, "contact_resulted_in", CONTACT_RESULTS, ""),
        same_incident_as_referred=_opt_bool(data, "same_incident_as_referred", ""),
        repeat_without_fresh_evidence=_opt_bool(data, "repeat_without_fresh_evidence", ""),
        withdrawal_signed=_opt_bool(data, "withdrawal_signed", ""),
        subject=None if subject is None else _subject(subject),
        severity_assessed_on=_opt_date(data, "severity_assessed_on", ""),
        case_to_answer=_opt_word(data, "case_to_answer", SEVERITIES, ""),
        finding=_opt_word(data, "finding", SEVERITIES, ""),
        multiple_unconnected_incidents=_opt_bool(data, "multiple_unconnected_incidents", ""),
        exceptional_circumstances=_opt_bool(data, "exceptional_circumstances", ""),
        special_conditions_met=_opt_bool(data, "special_conditions_met", ""),
        left_service_during_investigation=_opt_bool(
            data, "left_service_during_investigation", ""),
        dismissed_for=_opt_word(data, "dismissed_for", DISMISSAL_GROUNDS, ""),
        dismissed_on=_opt_date(data, "dismissed_on", ""),
        investigation_mode=_opt_word(data, "investigation_mode", INVESTIGATION_MODES, ""),
        vetting_withdrawn=_opt_bool(data, "vetting_withdrawn", ""),
        vetting_notification_breach=_opt_bool(data, "vetting_notification_breach", ""),
        provided=frozenset(data),
    )
