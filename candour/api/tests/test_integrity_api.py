"""/api/v1 for the integrity registers: the same services and selectors as the pages, token auth,
force scoping (another force's record is a 404) and refusals answered 409 with their reasons."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client

from candour.accounts.tokens import api_token_create
from candour.testing.cast import Cast
from candour.workforce.models import Conviction, SuspensionEpisode

pytestmark = pytest.mark.django_db
TODAY = date(2025, 11, 20)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(TODAY, tick=False):
        yield


def _call(client: Client, cast: Cast, who: str, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    headers = {"Authorization": f"Bearer {api_token_create(user=cast.user(who), name='t')}"}
    if method == "get":
        return client.get(f"/api/v1{path}", headers=headers)
    return client.post(f"/api/v1{path}", body or {}, content_type="application/json", headers=headers)


def test_suspension_list_and_read_are_scoped_to_the_force(cast: Cast, client: Client) -> None:
    rows = _call(client, cast, "oversight", "get", "/suspensions").json()
    assert [(r["officer_name"], r["kind"], r["cost"], r["review_overdue"]) for r in rows] == [
        ("Cy Integrity", "suspension", "10652.31", True)]
    one = _call(client, cast, "assessor", "get", f"/suspensions/{cast.suspension.uuid}")
    assert one.status_code == 200 and one.json()["confirmation_due_on"] == "2025-09-04"
    assert _call(client, cast, "other_force_user", "get", f"/suspensions/{cast.suspension.uuid}").status_code == 404
    assert _call(client, cast, "other_force_user", "get", "/suspensions").json() == []
    assert _call(client, cast, "investigator", "get", "/suspensions").status_code == 403


def test_start_and_refusal(cast: Cast, client: Client) -> None:
    path = f"/officers/{cast.officer.uuid}/suspensions"
    refused = _call(client, cast, "assessor", "post", path, {"kind": "suspension", "reasons": "Allegation"})
    assert refused.status_code == 409
    assert any("reg 11(2)(b)" in r for r in refused.json()["reasons"])
    assert not SuspensionEpisode.objects.filter(officer=cast.officer).exists()
    started = _call(client, cast, "assessor", "post", path, {
        "kind": "suspension", "reasons": "Allegation", "started_on": "2025-04-04", "redeployment_considered": True,
        "redeployment_not_appropriate_because": "No suitable post", "ground": "public_interest", "notified": "oral",
        "case_reference": cast.case.reference})
    assert started.status_code == 201, started.json()
    assert started.json()["confirmation_due_on"] == "2025-04-09" and started.json()["case_reference"]
    again = _call(client, cast, "assessor", "post", path, {"kind": "restricted_duties", "reasons": "x"})
    assert again.status_code == 409 and "already" in again.json()["reasons"][0]
    assert _call(client, cast, "oversight", "post", path, {"kind": "restricted_duties", "reasons": "x"}).status_code \
        == 403
    other = _call(client, cast, "assessor", "post", f"/officers/{cast.other_officer.uuid}/suspensions",
                  {"kind": "restricted_duties", "reasons": "x"})
    assert other.status_code == 404


def test_review_confirm_represent_end(cast: Cast, client: Client) -> None:
    base = f"/suspensions/{cast.suspension.uuid}"
    reviewed = _call(client, cast, "assessor", "post", f"{base}/reviews",
                     {"reviewed_on": "2025-09-29", "reasons": "Still at risk", "expected_version": 1})
    assert reviewed.status_code == 200 and reviewed.json()["next_review_on"] == "2025-10-27"
    stale = _call(client, cast, "assessor", "post", f"{base}/reviews", {"reasons": "x", "expected_version": 1})
    assert stale.status_code == 409
    assert _call(client, cast, "assessor", "post", f"{base}/confirmation", {}).json()["confirmed_in_writing_on"] \
        == "2025-11-20"
    assert _call(client, cast, "assessor", "post", f"{base}/representations",
                 {"made_by": "officer", "summary": "Wants to work"}).status_code == 200
    ended = _call(client, cast, "assessor", "post", f"{base}/end", {"reason": "Cleared", "ended_on": "2025-11-19"})
    assert ended.status_code == 200 and ended.json()["ended_on"] == "2025-11-19"
    assert _call(client, cast, "assessor", "post", f"{base}/end", {"reason": "Again"}).status_code == 409


def test_conviction_record_answers_the_policy_view(cast: Cast, client: Client) -> None:
    response = _call(client, cast, "vetting_officer", "post", f"/officers/{cast.officer.uuid}/convictions", {
        "offence": "Robbery", "offence_on": "2025-06-01", "disposal": "conviction", "disposal_on": "2025-10-01",
        "offence_class": "indictable_only"})
    assert response.status_code == 201
    body = response.json()
    assert body["policy"] == "deemed_gross_misconduct" and body["classification"] == "dishonesty"
    assert body["while_serving"] and any("reg 6(2)(c)" in r for r in body["policy_reasons"])
    listed = _call(client, cast, "oversight", "get", "/convictions").json()
    assert {c["offence"] for c in listed} == {"Robbery", "Driving with excess alcohol"}
    assert _call(client, cast, "other_force_user", "get", f"/convictions/{body['uuid']}").status_code == 404
    refused = _call(client, cast, "vetting_officer", "post", f"/officers/{cast.officer.uuid}/convictions", {
        "offence": "Theft", "offence_on": "2025-06-01", "disposal": "caution", "disposal_on": "2025-05-01"})
    assert refused.status_code == 409 and Conviction.objects.count() == 2


def test_warnings_totals_and_lists(cast: Cast, client: Client) -> None:
    warnings = _call(client, cast, "analyst", "get", "/warnings").json()
    assert [(w["officer_name"], w["expires_on"]) for w in warnings] == [("Ada Testperson", "2027-03-31")]
    totals = _call(client, cast, "analyst", "get", "/integrity/totals").json()
    assert totals["suspended_now"] == 1 and totals["running_cost"] == "10652.31"
    assert totals["cost_this_year"] == "10652.31"
    assert _call(client, cast, "analyst", "get", "/integrity/totals?year=2024").json()["cost_this_year"] == "0.00"
    entries = _call(client, cast, "oversight", "get", "/list-entries").json()
    assert [(e["surname"], e["basis"]) for e in entries] == [("Departed", "Left during investigation")]
    path = f"/list-entries/{cast.list_entry.uuid}/reported"
    assert _call(client, cast, "oversight", "post", path, {}).status_code == 403
    assert _call(client, cast, "vetting_officer", "post", path, {"reported_on": "2025-08-05"}).json()["reported_on"] \
        == "2025-08-05"
    assert _call(client, cast, "vetting_officer", "post", path, {}).status_code == 409
