"""Posting the casework forms from page tests, as a browser without JavaScript would."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.test import Client
from django.urls import reverse

from candour.cases.models import Case, Subject


def date_fields(day: date, name: str) -> dict[str, str]:
    """The form data of the GOV.UK date input ``name`` (day, month and year boxes) for ``day``."""
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def post_step(client: Client, case: Case, step: str, **data: Any) -> Any:
    """Post the case step ``step`` with the case's current version."""
    case.refresh_from_db()
    return client.post(reverse("web:case_step", args=[case.reference, step]), {"version": case.version, **data})


def post_subject(client: Client, case: Case, subject: Subject, what: str, **data: Any) -> Any:
    """Post the subject record form ``what`` (severity, notice, outcome, ...) for ``subject``;
    ``follow=True`` among the keywords follows the redirect."""
    follow = bool(data.pop("follow", False))
    return client.post(reverse("web:case_subject", args=[case.reference, subject.uuid, what]), data,
                       follow=follow)
