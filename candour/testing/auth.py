"""Signing in a test client as a user, second factor included."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from candour.accounts.second_factor import confirmed_device, required_for


def second_factor_verified(client: Client, user: Any) -> None:
    """Mark ``client``'s session as having given ``user``'s code, as the sign-in pages would
    (creating a confirmed device for ``user`` when they have none)."""
    device = confirmed_device(user) or TOTPDevice.objects.create(user=user, name="Test app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def second_factor_verified_if_required(client: Client, user: Any) -> None:
    """After ``client.force_login(user)``: the second factor too, when ``user``'s roles need one,
    as a member of staff has after the sign-in pages."""
    if required_for(user):
        second_factor_verified(client, user)


def password_given_again(client: Client) -> None:
    """Mark ``client``'s session as having given the password just now (step-up), as the
    confirm-password page would."""
    from django.utils import timezone  # lazy: test helper, Django set up by then

    from candour.accounts.step_up import REAUTH_SESSION_KEY  # lazy: test helper, Django set up by then

    session = client.session
    session[REAUTH_SESSION_KEY] = timezone.now().isoformat()
    session.save()
