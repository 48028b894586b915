"""Issue 15, sign-in: lockout by username and by address with a cool-off, and the second factor
(TOTP) for staff. Each test attacks what the service used to allow.

The cast's password is right throughout; the client's address is set per client, as a
different machine would be.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from candour.accounts import second_factor, services
from candour.accounts.models import LoginFailure, User
from candour.audit.models import AuditEvent
from candour.testing.cast import PASSWORD, Cast

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _from(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def _sign_in(client: Client, username: str, password: str = PASSWORD, next_url: str = "") -> Any:
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data)


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


# -- lockout ----------------------------------------------------------------------------------


@pytest.mark.django_db
@override_settings(CANDOUR_LOGIN_MAX_FAILURES=5, CANDOUR_LOGIN_MAX_FAILURES_PER_ADDRESS=20)
def test_an_attacker_cannot_lock_an_officer_out_for_others(cast: Cast) -> None:
    """Attack: five wrong passwords for someone else's username locked them out everywhere."""
    attacker = _from("203.0.113.9")
    for _ in range(8):
        _sign_in(attacker, "investigator", "guess-guess-guess")
    assert "Too many failed attempts" in _sign_in(attacker, "investigator").content.decode()
    assert not _signed_in(attacker)  # the attacker's own address is cooling off for that username
    officer = _from("198.51.100.4")
    assert _sign_in(officer, "investigator").status_code == 302 and _signed_in(officer)


@pytest.mark.django_db
@override_settings(CANDOUR_LOGIN_MAX_FAILURES=5, CANDOUR_LOGIN_MAX_FAILURES_PER_ADDRESS=6)
def test_one_address_cannot_try_many_usernames(cast: Cast) -> None:
    """Attack: one address tried one password against every username (5 each, never locked)."""
    attacker = _from("203.0.113.10")
    for name in ("anna", "bob", "carol", "dave", "erin", "frank"):
        _sign_in(attacker, name, "Summer2026!")
    response = _sign_in(attacker, "investigator")  # even a right password, from that address
    assert "Too many failed attempts" in response.content.decode() and not _signed_in(attacker)
    elsewhere = _from("198.51.100.5")
    assert _sign_in(elsewhere, "investigator").status_code == 302


@pytest.mark.django_db
@override_settings(CANDOUR_LOGIN_MAX_FAILURES=2, CANDOUR_LOGIN_MAX_FAILURES_PER_USERNAME=6,
                   CANDOUR_LOGIN_LOCK_MINUTES=15)
def test_guessing_spread_over_addresses_locks_the_username_for_the_cool_off_only(
        cast: Cast, time_machine: Any) -> None:
    """Guessing from many addresses locks the username, but only until the cool-off ends, and
    attempts during the cool-off do not lengthen it: nobody can lock an officer out for good."""
    time_machine.move_to(START, tick=False)
    for n in range(6):
        _sign_in(_from(f"203.0.113.{20 + n}"), "decision_maker", "wrong-wrong-wrong")
    assert not _signed_in(client := _from("198.51.100.6")) and \
        "Too many failed attempts" in _sign_in(client, "decision_maker").content.decode()
    time_machine.move_to(START + dt.timedelta(minutes=14), tick=False)
    for n in range(6):  # still trying while it is locked
        _sign_in(_from(f"203.0.113.{40 + n}"), "decision_maker", "wrong-wrong-wrong")
    time_machine.move_to(START + dt.timedelta(minutes=15, seconds=1), tick=False)
    assert _sign_in(client, "decision_maker").status_code == 302 and _signed_in(client)


@pytest.mark.django_db
@override_settings(CANDOUR_LOGIN_MAX_FAILURES=3)
def test_each_lock_is_audited_without_the_address(cast: Cast) -> None:
    attacker = _from("203.0.113.11")
    for _ in range(3):
        _sign_in(attacker, "analyst", "nope-nope-nope")
    event = AuditEvent.objects.filter(action="sign_in_locked").get()
    assert event.after is not None
    assert event.after["kind"] == "account" and event.after["username"] == "analyst"
    assert "203.0.113.11" not in str(event.after) and event.after["address"]


@pytest.mark.django_db
@override_settings(CANDOUR_LOGIN_MAX_FAILURES=3)
def test_setting_a_password_lifts_every_lock_and_is_audited(cast: Cast) -> None:
    """The reset path: the new password, the lifted locks and who did it are in the trail."""
    for n in range(3):
        _sign_in(_from(f"203.0.113.{60 + n}"), "analyst", "x")
        _sign_in(_from(f"203.0.113.{60 + n}"), "analyst", "x")
        _sign_in(_from(f"203.0.113.{60 + n}"), "analyst", "x")
    assert LoginFailure.objects.filter(key__endswith="analyst").exists()
    services.user_password_set(user=cast.user("analyst"), password="a-brand-new-passphrase-7", by=cast.admin)
    assert not LoginFailure.objects.filter(key__endswith="analyst").exists()
    event = AuditEvent.objects.filter(action="user_password_set").latest("id")
    assert event.actor_id == cast.admin.pk and event.after is not None
    assert event.after["lockouts_lifted"] == 4 and event.after["signed_out_everywhere"] is True
    assert "a-brand-new-passphrase-7" not in str(event.after)


# -- the second factor --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_required_role_cannot_get_past_the_password_alone(cast: Cast, client: Client) -> None:
    """Attack: an administrator's password was enough to use the service."""
    response = _sign_in(client, "administrator", next_url="/accounts/users/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/second-factor/?next=")
    for path in ("/", "/accounts/users/", "/account/api-tokens/", "/accounts/confirm-password/"):
        answer = client.get(path)
        assert answer.status_code == 302 and answer["Location"].startswith("/accounts/second-factor/"), path
    assert not AuditEvent.objects.filter(action="user_signed_in", actor_id=cast.admin.pk).exists()
    assert client.get("/api/v1/openapi.json").status_code == 401


@pytest.mark.django_db
def test_setting_up_shows_a_qr_code_and_the_key_and_finishes_the_sign_in(cast: Cast, client: Client,
                                                                       time_machine: Any) -> None:
    time_machine.move_to(START, tick=False)
    _sign_in(client, "oversight")
    page = client.get("/accounts/second-factor/?next=/")
    body = page.content.decode()
    assert page["Cache-Control"] == "no-store"
    assert "<svg" in body and 'aria-label="QR code to scan with your authenticator app"' in body
    assert "<script" not in body.split("<svg", 1)[1].split("</svg>", 1)[0] and "style=" not in body
    device = TOTPDevice.objects.get(user=cast.user("oversight"), confirmed=False)
    assert second_factor.secret_text(device).replace(" ", "") in body.replace(" ", "")
    # A wrong code: refused, nothing set up.
    wrong = client.post("/accounts/second-factor/", {"code": "000000" if _code(device) != "000000" else "111111",
                                                    "next": "/"})
    assert "The code is not correct" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=cast.user("oversight"), confirmed=True).exists()
    time_machine.move_to(START + dt.timedelta(seconds=5), tick=False)  # past django-otp's delay after a wrong code
    done = client.post("/accounts/second-factor/", {"code": _code(device), "next": "/"})
    assert done.status_code == 302 and done["Location"] == "/"
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="second_factor_enrolled", actor_id=cast.user("oversight").pk).exists()
    signed = AuditEvent.objects.filter(action="user_signed_in", actor_id=cast.user("oversight").pk).get()
    assert signed.after == {"second_factor": True}


def _enrolled(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


@pytest.mark.django_db
def test_next_sign_in_asks_for_the_code_and_a_code_works_once(cast: Cast, time_machine: Any) -> None:
    """Attack: replaying a code seen over someone's shoulder."""
    time_machine.move_to(START, tick=False)
    device = _enrolled(cast.user("vetting_officer"))
    first = _from("198.51.100.7")
    response = _sign_in(first, "vetting_officer", next_url="/vetting/")
    assert response["Location"].startswith("/accounts/second-factor/code/?next=")
    assert first.get("/vetting/")["Location"].startswith("/accounts/second-factor/code/")
    code = _code(device)
    ok = first.post("/accounts/second-factor/code/", {"code": code, "next": "/vetting/"})
    assert ok.status_code == 302 and ok["Location"] == "/vetting/" and first.get("/vetting/").status_code == 200
    replay = _from("203.0.113.12")
    _sign_in(replay, "vetting_officer")
    refused = replay.post("/accounts/second-factor/code/", {"code": code, "next": "/"})
    assert "already been used" in refused.content.decode()
    assert replay.get("/")["Location"].startswith("/accounts/second-factor/code/")


@pytest.mark.django_db
@override_settings(CANDOUR_LOGIN_MAX_FAILURES=3)
def test_wrong_codes_count_towards_the_lockout(cast: Cast, client: Client, time_machine: Any) -> None:
    """Attack: with the password, guess the 6 digits."""
    time_machine.move_to(START, tick=False)
    device = _enrolled(cast.admin)
    _sign_in(client, "administrator")
    for n in range(3):
        time_machine.move_to(START + dt.timedelta(seconds=10 * (n + 1)), tick=False)
        client.post("/accounts/second-factor/code/", {"code": f"{(int(_code(device)) + 1 + n) % 1_000_000:06d}"})
    time_machine.move_to(START + dt.timedelta(seconds=60), tick=False)
    response = client.post("/accounts/second-factor/code/", {"code": _code(device)})
    assert "Too many failed attempts" in response.content.decode()
    assert client.get("/")["Location"].startswith("/accounts/second-factor/code/")


@pytest.mark.django_db
def test_a_code_that_is_not_six_digits_is_a_clear_error(cast: Cast, client: Client) -> None:
    _enrolled(cast.admin)
    _sign_in(client, "administrator")
    for code in ("", "12345", "abcdef", "1234567", "١٢٣٤٥٦"):
        body = client.post("/accounts/second-factor/code/", {"code": code}).content.decode()
        assert "There is a problem" in body and "6-digit code" in body, code
    assert not LoginFailure.objects.filter(key__endswith="administrator").exists()


@pytest.mark.django_db
def test_other_roles_may_set_one_up_and_are_then_asked_for_it(cast: Cast, time_machine: Any) -> None:
    time_machine.move_to(START, tick=False)
    client = _from("198.51.100.8")
    assert _sign_in(client, "assessor")["Location"] == "/"  # optional: not asked
    assert client.get("/").status_code == 200
    page = client.get("/accounts/second-factor/").content.decode()
    assert "Set up an authenticator app" in page
    device = TOTPDevice.objects.get(user=cast.appropriate_authority, confirmed=False)
    assert client.post("/accounts/second-factor/", {"code": _code(device)}).status_code == 302
    time_machine.move_to(START + dt.timedelta(minutes=2), tick=False)
    again = _from("198.51.100.8")
    assert _sign_in(again, "assessor")["Location"].startswith("/accounts/second-factor/code/")


@pytest.mark.django_db
def test_setting_up_again_needs_the_password_again(cast: Cast, client: Client) -> None:
    """Attack: on an unlocked, unattended screen, move someone's second factor to your phone."""
    client.force_login(cast.admin)  # second factor given, password long ago
    response = client.get("/accounts/second-factor/?new=1")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/confirm-password/")


@pytest.mark.django_db
def test_an_administrator_resets_a_lost_second_factor_and_it_is_audited(cast: Cast) -> None:
    user = cast.user("oversight")
    client = Client()
    client.force_login(user)  # verified with a device
    assert client.get("/").status_code == 200
    assert second_factor.user_second_factor_reset(user=user, by=cast.admin) == 1
    assert client.get("/")["Location"].startswith("/accounts/second-factor/")  # that session is no longer verified
    event = AuditEvent.objects.filter(action="second_factor_reset").get()
    assert event.actor_id == cast.admin.pk and event.object_id == str(user.pk)
    with pytest.raises(Exception, match="reset users' second factor"):
        second_factor.user_second_factor_reset(user=cast.admin, by=cast.other_force_user)


@pytest.mark.django_db
@override_settings(CANDOUR_SECOND_FACTOR_ROLES=["assessor"])
def test_the_roles_that_need_a_second_factor_are_configured(cast: Cast, client: Client) -> None:
    assert _sign_in(client, "administrator")["Location"] == "/"
    other = Client()
    assert _sign_in(other, "assessor")["Location"].startswith("/accounts/second-factor/")
