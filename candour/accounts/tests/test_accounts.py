"""Sign-in, lockout, strong passwords, sign-out and demo users."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from candour.accounts import services
from candour.accounts.models import LoginFailure
from candour.audit.models import AuditEvent
from candour.audit.services import Actor
from candour.common.client import client_hash
from candour.testing.cast import PASSWORD, Cast

#: The keyed hash of the test client's address (127.0.0.1), as the lockout counts it.
ADDRESS = client_hash(RequestFactory().get("/"))


def _sign_in(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_sign_in_and_audit(cast: Cast, client: Client) -> None:
    response = _sign_in(client, "assessor", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert AuditEvent.objects.filter(action="user_signed_in", actor_id=cast.user("assessor").pk).exists()
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_wrong_password_is_a_clear_error(cast: Cast, client: Client) -> None:
    response = _sign_in(client, "assessor", "not-the-password")
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and "Enter a correct username and password" in body
    assert "<title>Error: Sign in" in body


@pytest.mark.django_db
@override_settings(CANDOUR_LOGIN_MAX_FAILURES=3)
def test_lockout_after_repeated_failures(cast: Cast, client: Client) -> None:
    for _ in range(3):
        _sign_in(client, "assessor", "wrong")
    response = _sign_in(client, "assessor", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@override_settings(CANDOUR_LOGIN_MAX_FAILURES=3)
def test_unknown_usernames_lock_the_same_way(client: Client) -> None:
    for _ in range(3):
        _sign_in(client, "nobody-here", "wrong")
    response = _sign_in(client, "nobody-here", "wrong")
    assert "Too many failed attempts" in response.content.decode()


@pytest.mark.django_db
@override_settings(CANDOUR_LOGIN_MAX_FAILURES=3)
def test_success_clears_failures(cast: Cast, client: Client) -> None:
    _sign_in(client, "assessor", "wrong")
    _sign_in(client, "assessor", PASSWORD)
    assert not LoginFailure.objects.filter(key__endswith="assessor").exists()


@pytest.mark.django_db
def test_lock_expires(cast: Cast, client: Client, time_machine: object) -> None:
    import datetime as dt

    time_machine.move_to(dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC))  # type: ignore[attr-defined]
    with override_settings(CANDOUR_LOGIN_MAX_FAILURES=2, CANDOUR_LOGIN_LOCK_MINUTES=15):
        _sign_in(client, "assessor", "wrong")
        _sign_in(client, "assessor", "wrong")
        assert services.login_is_locked(username="assessor", address=ADDRESS)
        time_machine.move_to(dt.datetime(2026, 3, 1, 9, 16, tzinfo=dt.UTC))  # type: ignore[attr-defined]
        assert not services.login_is_locked(username="assessor", address=ADDRESS)
        response = _sign_in(client, "assessor", PASSWORD)
        assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["short", "password1234", "12345678901234", "assessor2!!!"])
def test_weak_passwords_are_refused(cast: Cast, password: str) -> None:
    with pytest.raises(ValidationError):
        services.user_create(username="assessor2", password=password, force=cast.force,
                             roles=["assessor"], actor=Actor.system("t"))


@pytest.mark.django_db
def test_unknown_role_is_refused_and_nothing_saved(cast: Cast) -> None:
    from candour.accounts.models import User

    with pytest.raises(ValidationError, match="Unknown role"):
        services.user_create(username="x1", password=PASSWORD, force=cast.force,
                             roles=["chief_wizard"], actor=Actor.system("t"))
    assert not User.objects.filter(username="x1").exists()


@pytest.mark.django_db
def test_sign_out_needs_post(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("assessor"))
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_session_cookie_flags(cast: Cast, client: Client, settings: object) -> None:
    from django.conf import settings as dj

    assert dj.SESSION_COOKIE_HTTPONLY and dj.CSRF_COOKIE_HTTPONLY
    assert dj.SESSION_COOKIE_SAMESITE == "Lax"
    response = _sign_in(client, "assessor", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_security_headers(client: Client) -> None:
    response = client.get(reverse("accounts:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert len(response["X-Request-ID"]) >= 16


@pytest.mark.django_db
def test_demo_creates_one_user_per_role_and_is_idempotent(cast: Cast) -> None:
    from io import StringIO

    from candour.accounts.models import User
    from candour.domain.access import Role

    out = StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=StringIO())
    for role in Role:
        assert User.objects.filter(username=f"demo-{role.value.replace('_', '-')}",
                                   roles=[role.value]).count() == 1
    assert "demo-assessor" in out.getvalue() and "password" in out.getvalue()
