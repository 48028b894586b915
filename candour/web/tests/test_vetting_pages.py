"""Vetting pages: the register, recording a clearance, reviews and a withdrawal assessment, with
GOV.UK error summaries for bad input that change nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candour.audit.services import Actor
from candour.testing.cast import Cast
from candour.workforce import vetting
from candour.workforce.models import VettingClearance, VettingReview, WithdrawalAssessment

pytestmark = pytest.mark.django_db


def _d(day: date, name: str) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _counts() -> tuple[int, int, int]:
    return VettingClearance.objects.count(), VettingReview.objects.count(), WithdrawalAssessment.objects.count()


def test_register_shows_overdue_renewals_assessments_and_open_reviews(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("counter_corruption"))
    response = client.get(reverse("web:vetting_register"))
    page = response.content.decode()
    register = response.context["register"]
    assert register.overdue == [cast.clearance]  # RV granted 1 May 2016, due 30 April 2026
    assert [a.pk for a in register.under_assessment] == [cast.assessment.pk]
    # The cast's review, and the one its conviction opened (the conviction register's hook).
    assert cast.review in register.open_reviews
    assert {r.trigger for r in register.open_reviews} == {"randomised", "conviction"}
    assert "Renewals overdue" in page and "Ada Testperson" in page and "Randomised re-vetting" in page
    assert "Record a clearance" not in page  # counter-corruption reads the register, does not work it
    client.force_login(cast.user("vetting_officer"))
    assert "Record a clearance" in client.get(reverse("web:vetting_register")).content.decode()


def test_record_a_clearance(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("vetting_officer"))
    before = _counts()
    data: dict[str, Any] = {"number": "100001", "level": "NPPV3", "decision": "granted_with_conditions",
                            "conditions": "No unsupervised access to custody", **_d(date(2025, 3, 1), "granted_on")}
    response = client.post(reverse("web:vetting_clearance_add"), data)
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "Enter the full rationale" in page and 'href="#id_rationale"' in page
    response = client.post(reverse("web:vetting_clearance_add"), {**data, "number": "999999", "rationale": "x"})
    assert "No officer or member of staff in your force has that number" in response.content.decode()
    response = client.post(reverse("web:vetting_clearance_add"), {**data, "number": "200002", "rationale": "x"})
    assert "No officer or member of staff in your force" in response.content.decode()  # BRAVO's officer
    assert _counts() == before
    response = client.post(reverse("web:vetting_clearance_add"), {**data, "rationale": "Past debt, now managed"})
    assert response.status_code == 302
    clearance = VettingClearance.objects.get(level="NPPV3")
    assert clearance.renewal_due_on == date(2030, 2, 28) and clearance.conditions
    page = client.get(response["Location"]).content.decode()
    assert "Unconfirmed" in page and "configurable default" in page


def test_withdrawal_before_14_may_2025_is_refused_on_the_page(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("vetting_officer"))
    url = reverse("web:vetting_withdrawal_start", args=[cast.clearance.uuid])
    before = _counts()
    response = client.post(url, {"reason": "Vetting withdrawn", **_d(date(2024, 3, 15), "started_on")})
    page = response.content.decode()
    assert "govuk-error-summary" in page and "Di Maria" in page
    assert _counts() == before
    cast.clearance.refresh_from_db()
    assert cast.clearance.status == "valid"


def test_review_open_and_decide_pages(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("vetting_officer"))
    url = reverse("web:vetting_review_open", args=[cast.clearance.uuid])
    response = client.post(url, {"trigger": "notification_failure"})
    assert "govuk-error-summary" in response.content.decode()
    response = client.post(url, {"trigger": "notification_failure",
                                 "reason": "Did not tell us in June 2025 that a partner was convicted of supply"})
    assert response.status_code == 302
    review = VettingReview.objects.get(trigger="notification_failure")
    page = client.get(response["Location"]).content.decode()
    assert "conduct matter" in page and "reg 5" in page
    decide = reverse("web:vetting_review_decide", args=[review.uuid])
    today = timezone.localdate()
    response = client.post(decide, {"outcome": "maintained_with_conditions", "rationale": "x",
                                    "version": review.version, **_d(today, "decided_on")})
    assert "Enter the conditions" in response.content.decode()
    response = client.post(decide, {"outcome": "maintained", "rationale": "x", "version": review.version + 3,
                                    **_d(today, "decided_on")})
    assert "changed by someone else" in response.content.decode()
    response = client.post(decide, {"outcome": "withdrawal_assessment", "rationale": "Failure to notify",
                                    "version": review.version, **_d(today, "decided_on")})
    assert response.status_code == 302
    assert WithdrawalAssessment.objects.filter(review=review).exists()


def test_withdrawal_steps_on_the_page(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("vetting_officer"))
    detail = reverse("web:vetting_withdrawal", args=[cast.assessment.uuid])
    page = client.get(detail).content.decode()
    assert "Notice given: representations window" in page and "17 June 2025" in page and "Unconfirmed" in page
    assert "dismissal and appeals follow only a decision to withdraw" in page
    step = reverse("web:vetting_withdrawal_step", args=[cast.assessment.uuid, "decision"])
    response = client.post(step, {"decision": "withdraw", "version": cast.assessment.version,
                                  **_d(date(2025, 7, 1), "on")})
    assert "govuk-error-summary" in response.content.decode() and "full rationale" in response.content.decode()
    assert WithdrawalAssessment.objects.get(pk=cast.assessment.pk).decided_on is None
    response = client.post(step, {"decision": "withdraw", "text": "Harm test met", "version": cast.assessment.version,
                                  **_d(date(2025, 7, 1), "on")})
    assert response.status_code == 302
    page = client.get(detail).content.decode()
    assert "Clearance withdrawn" in page
    assert client.get(reverse("web:vetting_withdrawal_step", args=[cast.assessment.uuid, "nope"])).status_code == 404


def test_review_of_someone_with_no_clearance_says_so_and_refuses(cast: Cast, client: Client) -> None:
    """Issue 14: "Clearance maintained" was accepted for a person who holds no clearance."""
    officer = cast.user("vetting_officer")
    review = vetting.vetting_review_open(person=cast.suspended_officer, trigger="randomised",
                                         reason="Randomised re-vetting draw", actor=Actor.of(officer), user=officer)
    client.force_login(officer)
    page = client.get(reverse("web:vetting_review", args=[review.uuid])).content.decode()
    assert "holds no vetting clearance" in page and "Decide the review" not in page
    response = client.post(reverse("web:vetting_review_decide", args=[review.uuid]), {
        "outcome": "maintained", "rationale": "No concerns", "version": review.version,
        **_d(timezone.localdate(), "decided_on")})
    assert response.status_code == 200
    assert "Cy Integrity holds no vetting clearance" in response.content.decode()
    review.refresh_from_db()
    assert review.status == "open"
