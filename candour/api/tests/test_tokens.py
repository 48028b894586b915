"""API tokens (issue 15): expiry, scopes per area, revocation, last use, and authorisation
before validation. Each test attacks what the old tokens allowed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from candour.accounts.models import ApiToken
from candour.accounts.tokens import LAST_USED_EVERY, TOKEN_SCOPES, api_token_create, api_token_revoke
from candour.api.api import api
from candour.api.base import AREA_OF_MODULE
from candour.audit.models import AuditEvent
from candour.testing.cast import Cast

pytestmark = pytest.mark.django_db


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_every_operation_has_an_area_and_every_area_a_scope() -> None:
    modules = {op.view_func.__module__ for _p, router in api._routers
               for view in router.path_operations.values() for op in view.operations}
    assert modules <= set(AREA_OF_MODULE)
    assert set(AREA_OF_MODULE.values()) == set(TOKEN_SCOPES)


def test_an_expired_token_is_refused(cast: Cast, client: Client) -> None:
    token = api_token_create(user=cast.investigator, name="short", days=1)
    assert client.get("/api/v1/cases", headers=_bearer(token)).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/cases", headers=_bearer(token)).status_code == 401


def test_a_token_reaches_only_its_scopes(cast: Cast, client: Client) -> None:
    token = api_token_create(user=cast.user("vetting_officer"), name="vetting only", scopes=["vetting"])
    assert client.get("/api/v1/vetting/clearances", headers=_bearer(token)).status_code == 200
    refused = client.get("/api/v1/cases", headers=_bearer(token))
    assert refused.status_code == 403
    assert refused.json() == {"detail": "This token may not use the cases area of the API"}


def test_the_role_is_checked_before_the_input(cast: Cast, client: Client) -> None:
    """A call handler may not record a case step: it gets 403, not a 422 describing the body."""
    token = api_token_create(user=cast.user("call_handler"), name="ch")
    case = cast.case
    response = client.post(f"/api/v1/cases/{case.reference}/steps/not-a-step", data="{not json",
                           content_type="application/json", headers=_bearer(token))
    assert response.status_code == 403, response.content
    assert "loc" not in response.content.decode()


def test_revoked_tokens_stop_and_revocation_is_audited(cast: Cast, client: Client) -> None:
    token = api_token_create(user=cast.investigator, name="laptop")
    row = ApiToken.objects.get()
    api_token_revoke(user=cast.investigator, token_uuid=str(row.uuid))
    assert client.get("/api/v1/cases", headers=_bearer(token)).status_code == 401
    verbs = list(AuditEvent.objects.filter(object_type="api_token").values_list("action", flat=True))
    assert verbs == ["api_token_created", "api_token_revoked"]


def test_another_users_token_cannot_be_revoked(cast: Cast) -> None:
    api_token_create(user=cast.investigator, name="mine")
    row = ApiToken.objects.get()
    with pytest.raises(ApiToken.DoesNotExist):
        api_token_revoke(user=cast.user("analyst"), token_uuid=str(row.uuid))
    assert ApiToken.objects.get().revoked_at is None


def test_last_used_is_written_at_most_once_a_minute(cast: Cast, client: Client) -> None:
    token = api_token_create(user=cast.investigator, name="busy")
    assert ApiToken.objects.get().last_used_at is None
    client.get("/api/v1/cases", headers=_bearer(token))
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    client.get("/api/v1/cases", headers=_bearer(token))
    assert ApiToken.objects.get().last_used_at == first
    ApiToken.objects.update(last_used_at=first - LAST_USED_EVERY - timedelta(seconds=1))
    client.get("/api/v1/cases", headers=_bearer(token))
    later = ApiToken.objects.get().last_used_at
    assert later is not None and later > first


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"name": ""}, "name"), ({"name": "x" * 101}, "name"), ({"name": "a\x00b"}, "name"),
    ({"scopes": []}, "scopes"), ({"scopes": ["everything"]}, "scopes"),
    ({"days": 0}, "days"), ({"days": 91}, "days"),
])
def test_bad_token_requests_are_refused_and_make_nothing(cast: Cast, kwargs: dict, field: str) -> None:
    arguments = {"name": "ok", **kwargs}
    with pytest.raises(ValidationError) as refused:
        api_token_create(user=cast.investigator, **arguments)
    assert field in refused.value.message_dict
    assert not ApiToken.objects.exists()
