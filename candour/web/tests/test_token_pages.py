"""Your API tokens in the service (issue 15): list, create (shown once), revoke."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from candour.accounts.models import ApiToken
from candour.accounts.tokens import api_token_create
from candour.testing.cast import Cast

pytestmark = pytest.mark.django_db


def test_create_shows_the_token_once_and_it_works(cast: Cast, client: Client) -> None:
    client.force_login(cast.investigator)
    page = client.get("/account/api-tokens/")
    assert page.status_code == 200 and "You have no API tokens" in page.content.decode()
    made = client.post("/account/api-tokens/new/", {"name": "Returns script", "scopes": ["cases"], "days": "30"})
    assert made.status_code == 200
    assert "no-store" in made["Cache-Control"]
    token = re.search(r'value="(cnd_[^"]+)"', made.content.decode()).group(1)  # type: ignore[union-attr]
    row = ApiToken.objects.get()
    assert row.scopes == ["cases"] and row.user == cast.investigator
    api = Client()
    assert api.get("/api/v1/cases", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    listing = client.get("/account/api-tokens/").content.decode()
    assert "Returns script" in listing and token not in listing and "Active" in listing


def test_bad_answers_name_their_fields_and_make_nothing(cast: Cast, client: Client) -> None:
    client.force_login(cast.investigator)
    page = client.post("/account/api-tokens/new/", {"name": " ", "days": "9999", "scopes": ["all"]})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Enter a name for the token" in text
    assert "Select one of the choices shown for" in text
    assert not ApiToken.objects.exists()


def test_revoke_your_own_but_not_anothers(cast: Cast, client: Client) -> None:
    api_token_create(user=cast.investigator, name="mine")
    mine = ApiToken.objects.get()
    client.force_login(cast.user("analyst"))
    assert client.post(f"/account/api-tokens/{mine.uuid}/revoke/").status_code == 404
    mine.refresh_from_db()
    assert mine.revoked_at is None
    client.force_login(cast.investigator)
    done = client.post(f"/account/api-tokens/{mine.uuid}/revoke/", follow=True)
    assert "API token ‘mine’ revoked: it no longer works" in done.content.decode()
    mine.refresh_from_db()
    assert mine.revoked_at is not None
    assert client.get(f"/account/api-tokens/{mine.uuid}/revoke/").status_code == 405


def test_signed_out_is_sent_to_sign_in(client: Client) -> None:
    response = client.get("/account/api-tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_home_links_to_your_tokens(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("analyst"))
    page = client.get("/").content.decode()
    assert '<a class="govuk-link" href="/account/api-tokens/">Your API tokens</a>' in page
