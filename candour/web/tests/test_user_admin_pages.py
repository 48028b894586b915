"""Administration in the service: the force's users, their roles and units, deactivation and
passwords, each change audited, and the refusals (issue 14)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from candour.accounts.models import User
from candour.audit.models import AuditEvent
from candour.testing.cast import PASSWORD, Cast
from candour.web.access import mark_reauthenticated

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "lantern-orchard-pebble-91"


def _admin(client: Client, cast: Cast, who: str = "administrator") -> User:
    user = cast.user(who)
    client.force_login(user)
    session = client.session
    mark_reauthenticated(type("R", (), {"session": session})())
    session.save()
    return user


def _events(user: User, action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type="user", object_id=str(user.pk), action=action))


def _page(response: Any) -> str:
    return str(response.content.decode())


def test_user_pages_ask_for_the_password_first(cast: Cast, client: Client) -> None:
    client.force_login(cast.admin)
    response = client.get(reverse("accounts:user_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:reauthenticate"))


def test_an_administrator_adds_a_user_with_roles_and_units(cast: Cast, client: Client) -> None:
    admin = _admin(client, cast)
    unit = cast.force.units.get()
    page = _page(client.get(reverse("accounts:user_add")))
    assert "North Borough" in page and "Triages new reports" in page  # units and role hints
    response = client.post(reverse("accounts:user_add"), {
        "display_name": "Sam Newcomer", "username": "snewcomer", "email": "sam@example.com",
        "roles": ["assessor"], "units": [str(unit.uuid)], "password": NEW_PASSWORD})
    new = User.objects.get(username="snewcomer")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:user_detail", args=["snewcomer"])
    assert new.force == cast.force and new.roles == ["assessor"] and list(new.units.all()) == [unit]
    assert new.check_password(NEW_PASSWORD)
    event = _events(new, "user_created")[0]
    assert event.actor_id == admin.pk and event.after is not None and event.after["units"] == ["North Borough"]
    page = _page(client.get(response["Location"]))
    assert "Sam Newcomer added as snewcomer, with the roles Assessor" in page
    assert "Account created" in page and "Test Administrator" in page
    listing = _page(client.get(reverse("accounts:user_list")))
    assert reverse("accounts:user_detail", args=["snewcomer"]) in listing
    assert cast.other_force_user.username not in listing  # another force's users are not listed


def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(cast: Cast, client: Client) -> None:
    _admin(client, cast)
    before = User.objects.count()
    page = _page(client.post(reverse("accounts:user_add"), {
        "display_name": "", "username": "analyst", "roles": ["not-a-role"], "password": "short"}))
    assert "Enter the user&#x27;s full name" in page or "Enter the user's full name" in page
    assert "Select one of the choices shown for" in page
    page = _page(client.post(reverse("accounts:user_add"), {
        "display_name": "Dup", "username": "Analyst", "roles": ["analyst"], "password": "short"}))
    assert "That username is taken" in page
    page = _page(client.post(reverse("accounts:user_add"), {
        "display_name": "Weak", "username": "weakling", "roles": ["analyst"], "password": "short"}))
    assert "too short" in page
    assert User.objects.count() == before


def test_roles_and_units_are_changed_and_audited(cast: Cast, client: Client) -> None:
    _admin(client, cast)
    analyst = cast.user("analyst")
    unit = cast.force.units.get()
    response = client.post(reverse("accounts:user_roles", args=["analyst"]), {"roles": ["analyst", "oversight"]})
    assert response.status_code == 302
    analyst.refresh_from_db()
    assert analyst.roles == ["analyst", "oversight"]
    assert _events(analyst, "user_roles_changed")[-1].before == {"roles": ["analyst"]}
    client.post(reverse("accounts:user_units", args=["analyst"]), {"units": [str(unit.uuid)]})
    assert list(analyst.units.all()) == [unit]
    page = _page(client.get(reverse("accounts:user_detail", args=["analyst"])))
    assert "Test Analyst's units are now North Borough" in page.replace("&#x27;", "'")
    assert "Roles changed" in page and "Units changed" in page


def test_a_deactivated_user_cannot_sign_in_until_reactivated(cast: Cast, client: Client) -> None:
    _admin(client, cast)
    response = client.post(reverse("accounts:user_deactivate", args=["analyst"]), {"reason": ""})
    assert "Say why the account is being deactivated" in _page(response)
    response = client.post(reverse("accounts:user_deactivate", args=["analyst"]), {"reason": "Left the force"})
    assert response.status_code == 302
    analyst = User.objects.get(username="analyst")
    assert not analyst.is_active
    assert _events(analyst, "user_deactivated")[0].after == {"active": False, "reason": "Left the force"}
    other = Client()
    other.post(reverse("accounts:login"), {"username": "analyst", "password": PASSWORD})
    assert other.get(reverse("web:home")).status_code == 302  # not signed in
    # Deactivating twice is refused, and changes nothing.
    client.post(reverse("accounts:user_deactivate", args=["analyst"]), {"reason": "Again"})
    assert len(_events(analyst, "user_deactivated")) == 1
    response = client.post(reverse("accounts:user_reactivate", args=["analyst"]), {})
    assert response.status_code == 302 and User.objects.get(username="analyst").is_active
    response = other.post(reverse("accounts:login"), {"username": "analyst", "password": PASSWORD})
    assert response.status_code == 302 and other.get(reverse("web:home")).status_code == 200


def test_a_new_password_works_and_signs_the_user_out_everywhere(cast: Cast, client: Client) -> None:
    _admin(client, cast)
    theirs = Client()
    theirs.force_login(cast.user("analyst"))
    assert theirs.get(reverse("web:home")).status_code == 200
    page = _page(client.post(reverse("accounts:user_password", args=["analyst"]),
                             {"password": NEW_PASSWORD, "password_again": "something-else-entirely"}))
    assert "The two passwords are not the same" in page
    response = client.post(reverse("accounts:user_password", args=["analyst"]),
                           {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    assert response.status_code == 302
    analyst = User.objects.get(username="analyst")
    assert analyst.check_password(NEW_PASSWORD)
    event = _events(analyst, "user_password_set")[0]
    assert NEW_PASSWORD not in str(event.after) and NEW_PASSWORD not in str(event.before)
    assert theirs.get(reverse("web:home")).status_code == 302  # their old session has ended


def test_the_last_administrator_cannot_be_removed_and_no_one_deactivates_themselves(
        cast: Cast, client: Client) -> None:
    admin = _admin(client, cast)
    page = _page(client.post(reverse("accounts:user_roles", args=["administrator"]), {"roles": ["analyst"]}))
    assert "is the force&#x27;s only administrator" in page or "is the force's only administrator" in page
    page = _page(client.post(reverse("accounts:user_deactivate", args=["administrator"]), {"reason": "Testing"}))
    assert "You cannot deactivate your own account" in page
    admin.refresh_from_db()
    assert admin.is_active and admin.roles == ["administrator"]
    # With a second administrator, the first may give up the role.
    client.post(reverse("accounts:user_roles", args=["analyst"]), {"roles": ["administrator"]})
    response = client.post(reverse("accounts:user_roles", args=["administrator"]), {"roles": ["analyst"]})
    assert response.status_code == 302
    assert User.objects.get(username="analyst").is_staff


def test_another_forces_users_are_not_found(cast: Cast, client: Client) -> None:
    _admin(client, cast)
    other = cast.other_force_user.username
    for name in ("detail", "roles", "units", "deactivate", "reactivate", "password"):
        assert client.get(reverse(f"accounts:user_{name}", args=[other])).status_code == 404
    response = client.post(reverse("accounts:user_deactivate", args=[other]), {"reason": "Hostile"})
    assert response.status_code == 404
    assert User.objects.get(username=other).is_active


def test_the_services_refuse_a_non_administrator(cast: Cast) -> None:
    from django.core.exceptions import PermissionDenied

    from candour.accounts import services

    with pytest.raises(PermissionDenied):
        services.user_deactivate(user=cast.user("analyst"), by=cast.user("assessor"), reason="No")
    with pytest.raises(PermissionDenied):
        services.user_password_set(user=cast.user("analyst"), password=NEW_PASSWORD, by=cast.other_force_user)
    assert User.objects.get(username="analyst").is_active
