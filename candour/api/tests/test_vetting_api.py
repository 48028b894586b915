"""/api/v1 vetting and screening: the role matrix, force scoping, state changes and audit."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from candour.accounts.tokens import api_token_create
from candour.audit.models import AuditEvent
from candour.domain.access import Action, can
from candour.screening.models import ScreeningCandidate
from candour.testing.cast import CAST_NAMES, Cast
from candour.workforce.models import VettingReview, WithdrawalAssessment

pytestmark = pytest.mark.django_db


def _headers(cast: Cast, who: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_token_create(user=cast.user(who), name='test')}"}


def _get(client: Client, cast: Cast, who: str, path: str) -> Any:
    return client.get(f"/api/v1{path}", headers=_headers(cast, who))


def _post(client: Client, cast: Cast, who: str, path: str, body: dict[str, Any]) -> Any:
    return client.post(f"/api/v1{path}", body, content_type="application/json", headers=_headers(cast, who))


READS = [
    ("/vetting/clearances", Action.VETTING_VIEW),
    ("/vetting/clearances/{clearance}", Action.VETTING_VIEW),
    ("/vetting/reviews", Action.VETTING_VIEW),
    ("/vetting/reviews/{review}", Action.VETTING_VIEW),
    ("/vetting/withdrawals", Action.VETTING_VIEW),
    ("/vetting/withdrawals/{assessment}", Action.VETTING_VIEW),
    ("/screening/candidates", Action.SCREENING_REVIEW),
    ("/screening/candidates/{candidate}", Action.SCREENING_REVIEW),
]


def _path(cast: Cast, template: str) -> str:
    return template.format(clearance=cast.clearance.uuid, review=cast.review.uuid, assessment=cast.assessment.uuid,
                           candidate=cast.candidate.uuid)


@pytest.mark.parametrize("who", CAST_NAMES)
def test_reads_follow_the_matrix_and_the_force(cast: Cast, client: Client, who: str) -> None:
    user = cast.user(who)
    for template, action in READS:
        response = _get(client, cast, who, _path(cast, template))
        if not can(user.role_set(), action):
            expected = 403
        elif user.force_id != cast.force.pk and "{" in template:
            expected = 404
        else:
            expected = 200
        assert response.status_code == expected, (who, template, response.content)
        if expected == 200 and "{" not in template and user.force_id != cast.force.pk:
            assert response.json() == []  # the other force sees none of ALPHA's records


def test_clearance_and_withdrawal_bodies(cast: Cast, client: Client) -> None:
    clearance = _get(client, cast, "vetting_officer", f"/vetting/clearances/{cast.clearance.uuid}").json()
    assert clearance["level"] == "RV" and clearance["renewal_confirmed"] is False
    assert clearance["renewal_due_on"] == "2026-04-30" and "10 years" in clearance["renewal_reason"]
    withdrawal = _get(client, cast, "counter_corruption", f"/vetting/withdrawals/{cast.assessment.uuid}").json()
    assert withdrawal["stage"] == "Notice given: representations window" and withdrawal["open"] is True
    # Notice on Tuesday 3 June 2025: 10 working days (a configured default) end on 17 June.
    assert [(c["name"], c["due"], c["confirmed"]) for c in withdrawal["clocks"]] == [
        ("vetting-representations", "2025-06-17", False)]


def test_candidate_read_is_audited_and_explained(cast: Cast, client: Client) -> None:
    before = AuditEvent.objects.filter(action="screening_viewed").count()
    body = _get(client, cast, "counter_corruption", f"/screening/candidates/{cast.candidate.uuid}").json()
    assert body["match_probability"] == 0.97 and body["parts"][0]["level"] == "Exact match"
    assert body["person_uuid"] == str(cast.officer.uuid)
    listing = _get(client, cast, "counter_corruption", "/screening/candidates").json()
    assert [c["extract_id"] for c in listing] == ["INT-77"]
    assert AuditEvent.objects.filter(action="screening_viewed").count() == before + 2


def test_candidate_decision(cast: Cast, client: Client) -> None:
    path = f"/screening/candidates/{cast.candidate.uuid}/decision"
    assert _post(client, cast, "counter_corruption", path, {"decision": "reject"}).status_code == 422
    assert _post(client, cast, "counter_corruption", path, {"decision": "reject", "reason": "   "}).status_code == 422
    refused = _post(client, cast, "counter_corruption", path, {"decision": "confirm", "reason": "Same person"})
    assert refused.status_code == 409 and any("Choose what happens next" in r for r in refused.json()["reasons"])
    assert _post(client, cast, "assessor", path, {"decision": "reject", "reason": "x"}).status_code == 403
    assert _post(client, cast, "other_force_user", path, {"decision": "reject", "reason": "x"}).status_code == 404
    assert ScreeningCandidate.objects.get(pk=cast.candidate.pk).status == "pending"
    done = _post(client, cast, "counter_corruption", path,
                 {"decision": "confirm", "route": "vetting_review", "reason": "Same person"})
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "confirmed" and done.json()["review_uuid"]
    assert VettingReview.objects.get(uuid=done.json()["review_uuid"]).trigger == "screening_match"
    again = _post(client, cast, "counter_corruption", path, {"decision": "reject", "reason": "x"})
    assert again.status_code == 409


def test_review_open_and_decide(cast: Cast, client: Client) -> None:
    opened = _post(client, cast, "vetting_officer", f"/vetting/clearances/{cast.clearance.uuid}/reviews",
                   {"trigger": "notification_failure", "reason": "Partner's conviction not notified"})
    assert opened.status_code == 201 and "reg 5" in opened.json()["basis"]
    assert _post(client, cast, "counter_corruption", f"/vetting/clearances/{cast.clearance.uuid}/reviews",
                 {"trigger": "other", "reason": "x"}).status_code == 403
    review = opened.json()["uuid"]
    early = _post(client, cast, "vetting_officer", f"/vetting/reviews/{review}/decision",
                  {"outcome": "withdrawal_assessment", "rationale": "x", "decided_on": "2025-05-13"})
    assert early.status_code == 409 and any("Di Maria" in r for r in early.json()["reasons"])
    decided = _post(client, cast, "vetting_officer", f"/vetting/reviews/{review}/decision",
                    {"outcome": "withdrawal_assessment", "rationale": "Breach of reg 5"})
    assert decided.status_code == 200 and decided.json()["outcome"] == "withdrawal_assessment"
    assert WithdrawalAssessment.objects.filter(review__uuid=review).exists()


def test_withdrawal_decision(cast: Cast, client: Client) -> None:
    path = f"/vetting/withdrawals/{cast.assessment.uuid}/steps"
    out_of_order = _post(client, cast, "vetting_officer", f"{path}/dismissal", {"text": "x", "on": "2025-07-01"})
    assert out_of_order.status_code == 409
    assert _post(client, cast, "vetting_officer", f"{path}/nonsense", {"text": "x"}).status_code == 422
    decided = _post(client, cast, "vetting_officer", f"{path}/decision",
                    {"text": "Harm test met", "decision": "withdraw", "on": "2025-07-01"})
    assert decided.status_code == 200, decided.content
    body = decided.json()
    assert body["decision"] == "withdraw" and body["stage"] == "Clearance withdrawn"
    dismissed = _post(client, cast, "vetting_officer", f"{path}/dismissal", {"text": "Dismissed", "on": "2025-07-02"})
    assert dismissed.status_code == 200
    assert dismissed.json()["clocks"][0]["name"] == "vetting-appeal-panel"
    assert dismissed.json()["clocks"][0]["confirmed"] is False
