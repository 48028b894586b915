"""The admin site is for administrators' own force's reference data, and every save is audited."""

from __future__ import annotations

import pytest
from django.test import Client

from candour.accounts.models import Unit
from candour.audit.models import AuditEvent
from candour.testing.auth import password_given_again
from candour.testing.cast import CAST_NAMES, Cast


@pytest.mark.django_db
@pytest.mark.parametrize("who", CAST_NAMES)
def test_only_administrators_reach_the_admin(cast: Cast, client: Client, who: str) -> None:
    user = cast.user(who)
    client.force_login(user)
    password_given_again(client)
    response = client.get("/admin/accounts/unit/")
    allowed = who in ("administrator", "other_force_user")
    assert (response.status_code == 200) is allowed, response.status_code


@pytest.mark.django_db
def test_admin_sees_and_edits_only_its_own_force(cast: Cast, client: Client) -> None:
    from candour.accounts import services
    from candour.audit.services import Actor

    bravo_unit = services.unit_create(force=cast.other_force, name="Bravo Unit", actor=Actor.system("t"))
    client.force_login(cast.admin)
    password_given_again(client)
    listing = client.get("/admin/accounts/unit/").content.decode()
    assert "North Borough" in listing and "Bravo Unit" not in listing
    assert client.get(f"/admin/accounts/unit/{bravo_unit.pk}/change/").status_code in (302, 404)
    response = client.post("/admin/accounts/unit/add/", {"name": "East Borough", "parent": ""})
    assert response.status_code == 302
    unit = Unit.objects.get(name="East Borough")
    assert unit.force == cast.force
    event = AuditEvent.objects.filter(action="unit_created", object_id=str(unit.uuid)).get()
    assert event.actor_id == cast.admin.pk and event.chain == "ALPHA"


# -- issue 15: the admin is behind the service's own checks ---------------------------------


@pytest.mark.django_db
def test_admin_asks_for_the_password_again_like_the_service(cast: Cast, client: Client) -> None:
    """Attack: an administrator's session left open for hours reached the admin without the
    step-up the service's sensitive pages ask for."""
    client.force_login(cast.admin)
    response = client.get("/admin/accounts/unit/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/confirm-password/?next=%2Fadmin%2Faccounts%2Funit%2F")
    password_given_again(client)
    assert client.get("/admin/accounts/unit/").status_code == 200


@pytest.mark.django_db
def test_admin_needs_the_second_factor(cast: Cast, client: Client) -> None:
    """Attack: the password alone (no code) opened the admin."""
    from candour.testing.cast import PASSWORD

    client.post("/accounts/login/", {"username": cast.admin.username, "password": PASSWORD})
    assert "_auth_user_id" in client.session  # the password was right ...
    response = client.get("/admin/accounts/unit/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/second-factor/")  # ... but no code yet
    assert "Set up an authenticator app" in response.content.decode()


@pytest.mark.django_db
def test_admin_sign_in_form_is_the_services(client: Client) -> None:
    """The admin's own sign-in form (no lockout by address, no second factor) is not used."""
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/admin/")
    response = client.post("/admin/login/?next=/admin/", {"username": "administrator", "password": "x"})
    assert response.status_code == 302 and "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_force_code_cannot_be_changed_in_admin(cast: Cast, client: Client) -> None:
    """Attack: renaming the force's code in admin changed the prefix of every new reference and
    the name of its audit chain."""
    client.force_login(cast.admin)
    password_given_again(client)
    page = client.get(f"/admin/accounts/force/{cast.force.pk}/change/").content.decode()
    assert 'name="code"' not in page and "ALPHA" in page
    response = client.post(f"/admin/accounts/force/{cast.force.pk}/change/",
                           {"code": "EVIL", "name": "Alpha Test Police", "local_policing_body": "Alpha Test PCC",
                            "region": ""})
    assert response.status_code == 302
    cast.force.refresh_from_db()
    assert cast.force.code == "ALPHA"


@pytest.mark.django_db
def test_admin_password_change_goes_to_the_audited_page(cast: Cast, client: Client) -> None:
    """Attack: the admin's password-change form changed a password with nothing audited."""
    client.force_login(cast.admin)
    password_given_again(client)
    before = cast.admin.password
    response = client.post("/admin/password_change/", {"old_password": "correct-horse-battery-staple-42",
                                                        "new_password1": "an-unaudited-new-pass-99",
                                                        "new_password2": "an-unaudited-new-pass-99"})
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/users/{cast.admin.username}/password/"
    cast.admin.refresh_from_db()
    assert cast.admin.password == before
