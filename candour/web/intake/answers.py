"""The rules' answers at triage, in plain English.

The rules engine (``candour.domain.assess``) answers in the vocabulary of its contract: stable
values such as ``chief_officer`` or ``2025-05-28`` and reasons that name the facts it was given
(``received_on``). This module is presentation only: it turns each answer into a label, a hint
that explains the legal term, a value a caseworker can read, and reasons with long dates and
without field names. The answers themselves are never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from candour.domain.deadlines import long_date
from candour.domain.regimes import REGIMES_BY_ID


@dataclass(frozen=True)
class Question:
    label: str
    hint: str


QUESTIONS: dict[str, Question] = {
    "regime": Question(
        "Rules in force",
        "Which version of the regulations applies, worked out from the day the complaint was made or "
        "the matter came to light."),
    "must_record": Question(
        "Must be recorded under Schedule 3",
        "Schedule 3 to the Police Reform Act 2002 is the formal complaints process. A recorded "
        "complaint has to be handled under it, with a right of review at the end."),
    "may_handle_outside_schedule_3": Question(
        "May be handled outside Schedule 3",
        "Handled informally, to put things right for the complainant quickly, without the formal "
        "process. Only for complaints that need not be recorded."),
    "must_refer": Question(
        "Must be referred to the IOPC",
        "The Independent Office for Police Conduct must be told about some kinds of case by the "
        "end of the day after it becomes clear they are of that kind. It then decides who investigates."),
    "referral_heads": Question(
        "Reasons it must be referred",
        "A ‘referral head’ is one of the kinds of case the regulations say must go to the IOPC, "
        "such as a serious assault or a death or serious injury."),
    "appropriate_authority": Question(
        "Appropriate authority",
        "The body legally responsible for handling the case and making its decisions."),
    "review_body": Question(
        "Review body",
        "Who the complainant can ask to review the outcome if they are unhappy with it."),
    "consider_suspension": Question(
        "Consider suspension",
        "Whether to think now about suspending the officer. Moving them to other duties, or "
        "restricting their duties, must be considered first."),
    "deemed_gross_misconduct": Question(
        "Treated as gross misconduct",
        "Some matters, such as a criminal conviction of a certain kind, count as gross misconduct "
        "whatever the circumstances. Gross misconduct can lead to dismissal."),
    "duty_to_investigate": Question(
        "Must be investigated",
        "Whether the law requires an investigation rather than some other way of handling it."),
}

_VALUES: dict[str, dict[str, str]] = {
    "appropriate_authority": {
        "chief_officer": "The chief officer of the force (in practice, Professional Standards)",
        "local_policing_body": "The local policing body (the police and crime commissioner, or MOPAC in London)",
    },
    "review_body": {
        "iopc": "The IOPC",
        "local_policing_body": "The local policing body (the police and crime commissioner)",
        "none": "No right of review",
    },
}

_HEADS = {
    "serious_assault": "serious assault",
    "serious_sexual_offence": "serious sexual offence",
    "serious_corruption": "serious corruption",
    "abuse_of_position_sexual_purpose": "abuse of position for a sexual purpose",
    "abuse_of_position_emotional_relationship": "abuse of position to pursue an emotional relationship",
    "discriminatory_behaviour": "discriminatory behaviour",
    "relevant_offence": "a relevant offence (one carrying 7 years or more in prison)",
    "death_or_serious_injury": "a death or serious injury",
    "same_incident": "the same incident as a case already referred",
    "senior_officer": "it is about a senior officer",
}

#: Field names the engine's reasons mention, and what they mean.
_FIELD_WORDS = (
    ("received_on (complaint made or matter came to attention)",
     "the day the complaint was made or the matter came to attention"),
    ("on (received_on not given)", "today's date (the day it was received is not known)"),
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
#: The engine lists the referral heads met by their codes ("heads met: serious_assault").
_HEADS_MET = re.compile(r"(heads met: )([a-z_]+(?:, [a-z_]+)*)")


def _head_names(codes: str) -> str:
    return ", ".join(_HEADS.get(code, code.replace("_", " ")) for code in codes.split(", "))


def plain(text: str) -> str:
    """A reason as a caseworker reads it: no field names, dates written out, first word capital."""
    for field, words in _FIELD_WORDS:
        text = text.replace(field, words)
    text = _ISO_DATE.sub(lambda m: long_date(date(int(m[1]), int(m[2]), int(m[3]))), text)
    text = _HEADS_MET.sub(lambda m: m[1] + _head_names(m[2]), text)
    return text[:1].upper() + text[1:]


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if key == "regime":
        regime = REGIMES_BY_ID.get(str(value))
        if regime is None:
            return str(value)
        if regime.id == "pre-2020":
            return regime.title
        return f"{regime.title}: the rules in force from {long_date(regime.starts)}"
    if key == "referral_heads":
        heads = [_HEADS.get(str(v), str(v).replace("_", " ")) for v in value or []]
        return (", ".join(heads) if heads else "None").capitalize()
    if isinstance(value, list):
        return ", ".join(_VALUES.get(key, {}).get(str(v), str(v).replace("_", " ")) for v in value) or "None"
    return _VALUES.get(key, {}).get(str(value), str(value).replace("_", " ").capitalize())


def answer_rows(answers: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The answers the triage page shows, in the order of ``QUESTIONS``."""
    if not answers:
        return []
    rows = []
    for key, question in QUESTIONS.items():
        entry = answers.get(key)
        if not isinstance(entry, dict):
            continue
        value = entry["value"]
        rows.append({
            "key": key, "label": question.label, "hint": question.hint, "value": _value(key, value),
            "flag": value is True or (key == "referral_heads" and bool(value)),
            "because": [{"text": plain(r["text"]), "basis": r["basis"]} for r in entry.get("because", [])],
            "confirmed": entry.get("confirmed", True)})
    return rows
