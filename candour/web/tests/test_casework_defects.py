"""Issue 14's casework defects, each pinned by a test that failed on the old behaviour."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candour.cases.models import Case, Subject
from candour.testing.cast import Cast
from candour.web.tests.casework import date_fields as _d
from candour.web.tests.casework import post_subject as _subject

pytestmark = pytest.mark.django_db


def _page(client: Client, case: Case) -> str:
    return client.get(reverse("web:case_detail", args=[case.reference])).content.decode()


def _awaiting_decision(cast: Cast) -> None:
    Subject.objects.filter(pk=cast.subject.pk).update(
        outcome="", outcome_on=None, severity="gross_misconduct", severity_assessed_on=date(2025, 7, 1))
    Case.objects.filter(pk=cast.case.pk).update(state="decision")


def test_no_case_to_answer_says_no_case_to_answer(cast: Cast, client: Client) -> None:
    _awaiting_decision(cast)
    client.force_login(cast.user("decision_maker"))
    response = _subject(client, cast.case, cast.subject, "case-to-answer", decision="none", follow=True)
    page = response.content.decode()
    assert "No case to answer for Ada Testperson" in page
    assert "Case to answer recorded" not in page and "Case to answer decided" not in page


def test_case_to_answer_says_for_what(cast: Cast, client: Client) -> None:
    _awaiting_decision(cast)
    client.force_login(cast.user("decision_maker"))
    page = _subject(client, cast.case, cast.subject, "case-to-answer", decision="misconduct",
                    follow=True).content.decode()
    assert "Case to answer for misconduct: Ada Testperson" in page


def test_severity_message_says_the_severity(cast: Cast, client: Client) -> None:
    Case.objects.filter(pk=cast.case.pk).update(state="investigation")
    client.force_login(cast.investigator)
    page = _subject(client, cast.case, cast.subject, "severity", severity="misconduct",
                    **_d(timezone.localdate(), "assessed_on"), follow=True).content.decode()
    assert "Severity assessed for Ada Testperson: misconduct" in page
