"""Checks on what someone tells us, shared by every form and by the services.

The forms call these to show an error beside the field; the services call
:func:`report_input_errors` again before saving, so a report that reaches the database has
passed the same checks whichever door it came through (portal, hotline, internal, API).
Messages follow the GOV.UK error message patterns and are translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from candour.common.validators import clean_text
from candour.intake.models import Relationship, ReportKind, SelfReportMatter

WHAT_MAX = 5000
LOCATION_MAX = 200
NAME_MAX = 150
NUMBER_MAX = 20
DESCRIPTION_MAX = 1000
PHONE_MAX = 40
EMAIL_MAX = 254
EARLIEST = date(1900, 1, 1)
_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 /-]*$")
_PHONE = re.compile(r"^\+?[0-9 ()-]{6,}$")


@dataclass
class ReportInput:
    """Everything a report can carry, whichever channel it came from."""

    kind: str
    what_happened: str
    incident_on: date | None = None
    incident_location: str = ""
    person_name: str = ""
    person_number: str = ""
    person_description: str = ""
    relationship: str = ""
    matter: str = ""
    matter_on: date | None = None
    anonymous: bool = False
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    language: str = "en"
    extra: dict[str, str] = field(default_factory=dict)


def check_what_happened(value: str) -> str:
    text = clean_text(value, multiline=True)
    if not text:
        raise ValidationError(_("Enter what happened"))
    if len(text) > WHAT_MAX:
        raise ValidationError(_("What happened must be %(max)s characters or fewer")
                              % {"max": f"{WHAT_MAX:,}"})
    return text


def check_short(value: str, *, limit: int, what: str | Promise, multiline: bool = False) -> str:
    text = clean_text(value, multiline=multiline)
    if len(text) > limit:
        raise ValidationError(_("%(what)s must be %(max)s characters or fewer")
                              % {"what": what, "max": f"{limit:,}"})
    return text


def check_past_date(value: date | None, *, what: str | Promise, today: date) -> date | None:
    if value is None:
        return None
    if value > today:
        raise ValidationError(_("%(what)s must be today or in the past") % {"what": what})
    if value < EARLIEST:
        raise ValidationError(_("%(what)s must be after 1 January 1900") % {"what": what})
    return value


def check_person_number(value: str) -> str:
    text = check_short(value, limit=NUMBER_MAX, what=_("The number"))
    if text and not _NUMBER.match(text):
        raise ValidationError(_("The number must only include letters, numbers, spaces, "
                                "hyphens and slashes"))
    return text


def check_email(value: str) -> str:
    text = check_short(value, limit=EMAIL_MAX, what=_("Email address"))
    if text:
        try:
            validate_email(text)
        except ValidationError:
            raise ValidationError(_("Enter an email address in the correct format, like "
                                    "name@example.com")) from None
    return text


def check_phone(value: str) -> str:
    text = check_short(value, limit=PHONE_MAX, what=_("Phone number"))
    if text and not _PHONE.match(text):
        raise ValidationError(_("Enter a phone number, like 01632 960 001 or +44 7700 900 982"))
    return text


def report_input_errors(data: ReportInput, *, today: date) -> tuple[ReportInput, dict[str, str]]:
    """Clean ``data``; return the cleaned copy and a field -> message map of what is wrong."""
    errors: dict[str, str] = {}
    cleaned = ReportInput(kind=data.kind, what_happened="", anonymous=bool(data.anonymous),
                          language=data.language if data.language in ("en", "cy") else "en")

    def run(name: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            errors[name] = exc.messages[0]
            return None

    if data.kind not in ReportKind.values:
        errors["kind"] = _("Select what you are reporting")
    cleaned.what_happened = run("what_happened", check_what_happened, data.what_happened) or ""
    cleaned.incident_on = run("incident_on", check_past_date, data.incident_on,
                              what=_("The date it happened"), today=today)
    cleaned.incident_location = run("incident_location", check_short, data.incident_location,
                                    limit=LOCATION_MAX, what=_("Where it happened")) or ""
    cleaned.person_name = run("person_name", check_short, data.person_name, limit=NAME_MAX,
                              what=_("Name")) or ""
    cleaned.person_number = run("person_number", check_person_number, data.person_number) or ""
    cleaned.person_description = run("person_description", check_short, data.person_description,
                                     limit=DESCRIPTION_MAX, what=_("Description"),
                                     multiline=True) or ""
    if data.relationship and data.relationship not in Relationship.values:
        errors["relationship"] = _("Select how you are connected to what happened")
    cleaned.relationship = data.relationship
    if data.kind == ReportKind.SELF_REPORT:
        if data.matter not in SelfReportMatter.values:
            errors["matter"] = _("Select what you are reporting about yourself")
        cleaned.matter = data.matter
        cleaned.matter_on = run("matter_on", check_past_date, data.matter_on, what=_("The date"),
                                today=today)
    if cleaned.anonymous:
        if data.contact_name or data.contact_email or data.contact_phone:
            errors["contact_name"] = _("An anonymous report cannot include contact details")
    else:
        cleaned.contact_name = run("contact_name", check_short, data.contact_name, limit=NAME_MAX,
                                   what=_("Your name")) or ""
        cleaned.contact_email = run("contact_email", check_email, data.contact_email) or ""
        cleaned.contact_phone = run("contact_phone", check_phone, data.contact_phone) or ""
    return cleaned, errors
