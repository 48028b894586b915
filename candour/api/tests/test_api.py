"""/api/v1: token auth, per-user scoping, declared actions and the OpenAPI document."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from candour.accounts.models import ApiToken
from candour.accounts.tokens import api_token_create
from candour.api.api import api
from candour.domain.access import Action, can, case_types_visible
from candour.testing.cast import CAST_NAMES, Cast


def _get(client: Client, token: str | None, path: str) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get(f"/api/v1{path}", headers=headers)


def test_every_operation_declares_an_action() -> None:
    undeclared = []
    for router_prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if not hasattr(operation.view_func, "candour_action"):
                    undeclared.append(f"{router_prefix}{path}")
    assert not undeclared, f"API operations with no declared action: {undeclared}"


@pytest.mark.django_db
def test_openapi_document_is_only_for_the_signed_in(cast: Cast, client: Client) -> None:
    """Issue 15: the document and docs were public. Anonymous: 401 JSON, docs page to sign-in."""
    anonymous = client.get("/api/v1/openapi.json")
    assert anonymous.status_code == 401
    assert "paths" not in anonymous.json()
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 302 and "/accounts/login/" in docs["Location"]
    assert client.get("/api/v1/openapi.json", headers={"Authorization": "Bearer cnd_nope"}).status_code == 401
    token = api_token_create(user=cast.investigator, name="reader")
    with_token = client.get("/api/v1/openapi.json", headers={"Authorization": f"Bearer {token}"})
    assert with_token.status_code == 200
    assert "/api/v1/cases/{reference}" in with_token.json()["paths"]
    client.force_login(cast.investigator)
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.django_db
def test_no_token_or_bad_token_is_401(cast: Cast, client: Client) -> None:
    assert _get(client, None, "/cases").status_code == 401
    assert _get(client, "cnd_not-a-token", "/cases").status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST_NAMES)
def test_case_read_follows_the_matrix(cast: Cast, client: Client, who: str) -> None:
    user = cast.user(who)
    token = api_token_create(user=user, name="test")
    response = _get(client, token, f"/cases/{cast.case.reference}")
    if not can(user.role_set(), Action.CASE_VIEW):
        assert response.status_code == 403
    elif user.force_id != cast.force.pk or cast.case.case_type not in (
            case_types_visible(user.role_set()) or {cast.case.case_type}):
        assert response.status_code == 404  # another force's, or counter-corruption and not its kind of case
    else:
        assert response.status_code == 200
        body = response.json()
        assert body["reference"] == cast.case.reference
        assert body["allegations"][0]["subjects"][0]["name"] == "Ada Testperson"


@pytest.mark.django_db
def test_case_list_is_scoped_to_force(cast: Cast, client: Client) -> None:
    token = api_token_create(user=cast.other_force_user, name="test")
    refs = [c["reference"] for c in _get(client, token, "/cases").json()]
    assert refs == [cast.other_case.reference]
    refs = [c["reference"] for c in _get(client, token, "/cases?q=Testperson").json()]
    assert refs == []


@pytest.mark.django_db
def test_officer_read(cast: Cast, client: Client) -> None:
    token = api_token_create(user=cast.investigator, name="test")
    response = _get(client, token, f"/officers/{cast.officer.uuid}")
    assert response.status_code == 200 and response.json()["warrant_number"] == "100001"
    assert _get(client, token, f"/officers/{cast.other_officer.uuid}").status_code == 404


@pytest.mark.django_db
def test_revoked_token_is_refused(cast: Cast, client: Client) -> None:
    token = api_token_create(user=cast.investigator, name="test")
    ApiToken.objects.update(revoked_at=timezone.now())
    assert _get(client, token, "/cases").status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "status"), [
    ("/cases?q=%00", 422),                  # NUL: PostgreSQL cannot store or compare it (was a 500)
    ("/cases?q=" + "x" * 101, 422),
    ("/cases?limit=0", 422),
    ("/cases?limit=201", 422),
    ("/cases?limit=" + "9" * 40, 422),
    ("/cases?limit=ten", 422),
    ("/cases/ALPHA-2025-0%001", 422),       # NUL in a path parameter (was a 500 on PostgreSQL)
    ("/cases/" + "A" * 5000, 422),
    ("/cases/%F0%9F%98%80", 422),
    ("/cases/ALPHA-2025-999999", 404),
    ("/cases/a%2Fb", 404),                  # "/" in a path parameter: no operation (was HTML)
    ("/officers/%00", 422),
    ("/officers/not-a-uuid", 422),
    ("/no-such-operation", 404),
])
def test_odd_input_is_a_documented_json_4xx(cast: Cast, client: Client, path: str, status: int) -> None:
    token = api_token_create(user=cast.investigator, name="test")
    response = _get(client, token, path)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.django_db
def test_limit_bounds_and_reference_case(cast: Cast, client: Client) -> None:
    token = api_token_create(user=cast.investigator, name="test")
    assert _get(client, token, "/cases?limit=1").status_code == 200
    assert _get(client, token, "/cases?limit=200").status_code == 200
    assert _get(client, token, f"/cases/{cast.case.reference.lower()}").status_code == 200
    issue = _get(client, token, "/cases?limit=0").json()["detail"][0]
    assert issue["loc"] == ["query", "limit"] and issue["msg"] and issue["type"]


@pytest.mark.django_db
def test_casework_steps_clocks_and_the_one_door(cast: Any, client: Any) -> None:
    token = api_token_create(user=cast.appropriate_authority, name="test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    base = f"/api/v1/cases/{cast.case.reference}"
    steps = {s["name"]: s for s in client.get(f"{base}/steps", **auth).json()}
    assert steps["record"]["allowed"] and "withdraw" in steps
    refused = client.post(f"{base}/steps/reopen", {"expected_version": 1, "reason": "x"},
                          content_type="application/json", **auth)
    assert refused.status_code == 409 and "only possible from" in refused.json()["reasons"][0]
    stale = client.post(f"{base}/steps/record", {"expected_version": 9}, content_type="application/json", **auth)
    assert stale.status_code == 409
    done = client.post(f"{base}/steps/record", {"expected_version": 1, "reason": "Recording test met"},
                       content_type="application/json", **auth)
    assert done.status_code == 200 and done.json()["state"] == "recorded" and done.json()["version"] == 2
    bad = client.post(f"{base}/steps/record", {"expected_version": 2, "inputs": {"colour": "red"}},
                      content_type="application/json", **auth)
    assert bad.status_code == 422
    assert isinstance(client.get(f"{base}/clocks", **auth).json(), list)
    assert cast.case.reference in [c["reference"] for c in client.get("/api/v1/queue", **auth).json()]
    other = api_token_create(user=cast.other_force_user, name="other")
    assert client.get(f"{base}/steps", HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 404
    investigator = api_token_create(user=cast.user("call_handler"), name="ch")
    assert client.post(f"{base}/steps/refer", {"expected_version": 2}, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Bearer {investigator}").status_code == 403
