"""Defects a staff role met in its first hour (issue 14), each with the test that failed before:
review decisions that did not say what was decided, a "My cases" item for roles with no queue,
counter-corruption shut out of the integrity reports it works on, and no review queue for the
review panel."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candour.cases import services as case_services
from candour.cases.models import Case, Review
from candour.testing.cast import SETUP, Cast

pytestmark = pytest.mark.django_db


def _d(day: date, name: str) -> dict[str, str]:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def _nav(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>|\s+", " ", text).strip()
            for text in re.findall(r'class="govuk-service-navigation__link"[^>]*>(.*?)</a>', page, re.S)]


def _under_review(cast: Cast, *, body: str = "local_policing_body") -> Review:
    """The cast's complaint, closed and under review by ``body`` (test set-up, straight to the database)."""
    today = timezone.localdate()
    Case.objects.filter(pk=cast.case.pk).update(state="review", complainant_id=None)
    return Review.objects.create(case=cast.case, received_on=today - timedelta(days=3),
                                 due_on=today + timedelta(days=20), review_body=body)


def test_the_review_decided_message_says_the_outcome(cast: Cast, client: Client) -> None:
    review = _under_review(cast)
    today = timezone.localdate()
    client.force_login(cast.user("review_panel"))
    response = client.post(reverse("web:case_review", args=[cast.case.reference, review.uuid]),
                           {"outcome": "reasonable", "reasons": "The apology was proportionate.",
                            **_d(today, "decided_on")}, follow=True)
    assert "Review decided: the outcome was reasonable and proportionate" in response.content.decode()
    assert "Review decision recorded" not in response.content.decode()
    review.refresh_from_db()
    assert review.outcome == "reasonable" and review.decision_reasons == "The apology was proportionate."


def test_the_vetting_review_decided_message_says_the_outcome(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("vetting_officer"))
    today = timezone.localdate()
    response = client.post(reverse("web:vetting_review_decide", args=[cast.review.uuid]),
                           {"outcome": "maintained", "rationale": "Nothing of concern", "version": cast.review.version,
                            **_d(today, "decided_on")}, follow=True)
    assert "Review decided: clearance maintained" in response.content.decode()


@pytest.mark.parametrize("who", ["oversight", "review_panel", "vetting_officer", "counter_corruption"])
def test_a_role_with_no_queue_has_no_my_cases_item(cast: Cast, client: Client, who: str) -> None:
    client.force_login(cast.user(who))
    nav = _nav(client.get(reverse("web:home")).content.decode())
    assert "Home" in nav and "My cases" not in nav


@pytest.mark.parametrize("who", ["investigator", "assessor", "decision_maker"])
def test_a_role_with_a_queue_has_my_cases(cast: Cast, client: Client, who: str) -> None:
    client.force_login(cast.user(who))
    assert "My cases" in _nav(client.get(reverse("web:home")).content.decode())


def test_counter_corruption_reads_the_integrity_reports_of_its_force_only(cast: Cast, client: Client) -> None:
    integrity = case_services.case_open(force=cast.force, case_type="integrity_report", received_on=date(2025, 9, 1),
                                        actor=SETUP, summary="Anonymous report of an officer selling PNC checks.")
    elsewhere = case_services.case_open(force=cast.other_force, case_type="integrity_report",
                                        received_on=date(2025, 9, 1), actor=SETUP, summary="Bravo integrity report.")
    client.force_login(cast.user("counter_corruption"))
    page = client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("web:case_detail", args=[integrity.reference])}"' in page
    assert cast.case.reference not in page
    response = client.get(reverse("web:case_detail", args=[integrity.reference]))
    assert response.status_code == 200 and "selling PNC checks" in response.content.decode()
    # Not the force's complaints, and not another force's integrity reports.
    assert client.get(reverse("web:case_detail", args=[cast.case.reference])).status_code == 404
    assert client.get(reverse("web:case_detail", args=[elsewhere.reference])).status_code == 404
    found = client.get(reverse("web:search"), {"q": integrity.reference}).content.decode()
    assert integrity.reference in found
    missed = client.get(reverse("web:search"), {"q": cast.case.reference}).content.decode()
    assert reverse("web:case_detail", args=[cast.case.reference]) not in missed
    # Reading is all: no step, no record.
    assert "Next steps" not in response.content.decode()


def test_the_review_panel_has_a_queue_linked_from_home(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("review_panel"))
    assert "No review is waiting for your decision." in client.get(reverse("web:home")).content.decode()
    review = _under_review(cast)
    page = client.get(reverse("web:home")).content.decode()
    assert f'<a class="govuk-link" href="{reverse("web:review_queue")}">1 review awaiting your decision</a>' in page
    assert "Reviews" in _nav(page)
    queue = client.get(reverse("web:review_queue")).content.decode()
    assert reverse("web:case_review", args=[cast.case.reference, review.uuid]) in queue
    assert reverse("web:case_detail", args=[cast.case.reference]) in queue
    # Once decided it leaves the queue.
    client.post(reverse("web:case_review", args=[cast.case.reference, review.uuid]),
                {"outcome": "reasonable", "reasons": "Proportionate.", **_d(timezone.localdate(), "decided_on")})
    assert "No review is waiting for your decision." in client.get(reverse("web:review_queue")).content.decode()


def test_an_iopc_review_is_recorded_by_the_force_not_decided_by_the_panel(cast: Cast, client: Client) -> None:
    review = _under_review(cast, body="iopc")
    url = reverse("web:case_review", args=[cast.case.reference, review.uuid])
    client.force_login(cast.user("review_panel"))
    assert cast.case.reference not in client.get(reverse("web:review_queue")).content.decode()
    assert client.get(url).status_code == 403
    assert url not in client.get(reverse("web:case_detail", args=[cast.case.reference])).content.decode()
    client.force_login(cast.appropriate_authority)
    assert url in client.get(reverse("web:review_queue")).content.decode()
    assert "Record the IOPC" in client.get(reverse("web:case_detail", args=[cast.case.reference])).content.decode()
    assert client.post(url, {"outcome": "not_reasonable", "reasons": "The IOPC's letter of 3 November.",
                             **_d(timezone.localdate(), "decided_on")}).status_code == 302
    assert Review.objects.get(pk=review.pk).outcome == "not_reasonable"


def test_the_case_page_shows_the_outcome_under_review_and_who_reviews_it(cast: Cast, client: Client) -> None:
    """The review panel decides whether the outcome was reasonable: the case must say what it was."""
    _under_review(cast)
    Case.objects.filter(pk=cast.case.pk).update(handling_outcome="service_acceptable",
                                                outcome_notified_on=date(2025, 11, 20))
    client.force_login(cast.user("review_panel"))
    page = client.get(reverse("web:case_detail", args=[cast.case.reference])).content.decode()
    outcome = page.split('id="handling-outcome"')[1].split("</div>")[0]
    assert "The service provided was acceptable" in outcome and "told on 20 November 2025" in outcome
    assert "The local policing body (Alpha Test PCC)" in page
