"""The second factor for staff: a time-based one-time code (TOTP, RFC 6238) from an
authenticator app, through django-otp.

Required for users holding any role in ``CANDOUR_SECOND_FACTOR_ROLES`` (administrators,
oversight and vetting officers by default); any other user may set one up, and once they have,
it is asked for at every sign-in. After the password, a session stays unverified until the
code is given; ``second_factor_state`` says what the session still needs and
``candour.web.access`` (the pages), ``candour.accounts.admin`` (Django admin) and the API docs
send it there.

Wrong codes count towards the sign-in lockout (``services.login_failure_record``) as well as
django-otp's own growing delay, and a code is accepted once only.
"""

from __future__ import annotations

import re
from base64 import b32encode
from enum import StrEnum
from io import BytesIO
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from candour.accounts import services
from candour.accounts.models import User
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.domain.access import Action, Role, second_factor_required

#: A session whose user has no second factor and needs none: checked once, remembered.
NO_DEVICE_SESSION_KEY = "candour_no_second_factor"


class SecondFactor(StrEnum):
    NOT_NEEDED = "not_needed"  # not signed in, or no second factor and none required
    VERIFIED = "verified"  # the code was given in this session
    VERIFY = "verify"  # has one: must give the code
    ENROL = "enrol"  # must set one up before anything else


def required_for(user: User) -> bool:
    """Whether ``user``'s roles oblige them to use a second factor."""
    return second_factor_required(user.role_set(), frozenset(Role(r) for r in settings.CANDOUR_SECOND_FACTOR_ROLES))


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def second_factor_state(request: HttpRequest) -> SecondFactor:
    """What the signed-in user of ``request`` must still do. At most one query per session for a
    user with no second factor and no role that needs one; none for a verified session beyond
    django-otp's own."""
    user = request.user
    if not user.is_authenticated:
        return SecondFactor.NOT_NEEDED
    if getattr(user, "is_verified", lambda: False)():
        return SecondFactor.VERIFIED
    required = required_for(user)
    if not required and request.session.get(NO_DEVICE_SESSION_KEY) == user.pk:
        return SecondFactor.NOT_NEEDED
    if confirmed_device(user) is not None:
        return SecondFactor.VERIFY
    if required:
        return SecondFactor.ENROL
    request.session[NO_DEVICE_SESSION_KEY] = user.pk
    return SecondFactor.NOT_NEEDED


def second_factor_redirect(request: HttpRequest) -> HttpResponseRedirect | None:
    """Where a signed-in session must go before any other page (the code, or setting up a
    second factor), or None when it may go on."""
    state = second_factor_state(request)
    if state not in (SecondFactor.VERIFY, SecondFactor.ENROL):
        return None
    page = "accounts:second_factor_verify" if state == SecondFactor.VERIFY else "accounts:second_factor"
    return HttpResponseRedirect(f"{reverse(page)}?{urlencode({'next': request.get_full_path()})}")


def enrolment_device(*, user: User) -> TOTPDevice:
    """The unconfirmed device being set up (a new random secret the first time)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it: base32, in groups of four."""
    text = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(text[i:i + 4] for i in range(0, len(text), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The device's ``otpauth://`` address as an SVG QR code, drawn on the server (no script,
    no inline style, nothing fetched from elsewhere)."""
    import qrcode  # lazy: only the set-up page and code checks need it
    from qrcode.image.svg import SvgPathImage  # lazy: only the set-up page and code checks need it

    image = qrcode.make(device.config_url, image_factory=SvgPathImage, box_size=8, border=2)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode("utf-8")
    svg = svg[svg.index("<svg"):]  # without the XML declaration, to sit inside the page
    # A fixed size on screen (the library gives millimetres), and a name for screen readers.
    svg = re.sub(r'^<svg width="[^"]*" height="[^"]*"',
                 '<svg width="200" height="200" role="img" aria-label="QR code to scan with your authenticator app"'
                 ' focusable="false"', svg, count=1)
    return svg


def _locked(user: User, address: str) -> bool:
    return services.login_is_locked(username=user.username, address=address)


def second_factor_enrol(*, request: HttpRequest, user: User, token: str, address: str) -> bool:
    """Confirm the device being set up with a code from the app. On success any older device is
    removed, the session is verified and ``second_factor_enrolled`` is audited; a wrong code
    counts as a failed sign-in and changes nothing else."""
    if _locked(user, address):
        return False
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None or not device.verify_token(token.strip()):
        services.login_failure_record(username=user.username, address=address)
        return False
    with transaction.atomic():
        replaced = TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()[0]
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=Actor.of(user), action=AuditVerb.SECOND_FACTOR_ENROLLED, on=user,
                     after={"device": device.name, "replaced": replaced})
    services.login_failures_clear(username=user.username, address=address)
    otp_login(request, device)
    request.session.pop(NO_DEVICE_SESSION_KEY, None)
    return True


def second_factor_verify(*, request: HttpRequest, user: User, token: str, address: str) -> bool:
    """Check a code against the user's device after their password. A wrong code counts as a
    failed sign-in; a right one verifies the session and completes the audited sign-in."""
    if _locked(user, address):
        return False
    device = confirmed_device(user)
    if device is None or not device.verify_token(token.strip()):
        services.login_failure_record(username=user.username, address=address)
        return False
    services.login_failures_clear(username=user.username, address=address)
    otp_login(request, device)
    return True


def user_second_factor_reset(*, user: User, by: User) -> int:
    """An administrator removes ``user``'s second factor (a lost or new phone): their verified
    sessions stop being verified at once, and they set up a new one at their next sign-in (or,
    with no role that needs one, may). Audited; how many devices were removed."""
    actor = services.actor_for(by, user.force_id or -1, Action.USER_MANAGE,
                               "reset users' second factor")
    with transaction.atomic():
        removed = TOTPDevice.objects.filter(user=user).delete()[0]
        audit_record(actor=actor, action=AuditVerb.SECOND_FACTOR_RESET, on=user, after={"removed": removed})
    return removed


#: The demo's published key, base32 (``candour demo``): for the synthetic demo only, never for a
#: real account. ``second_factor_demo_enrol`` refuses it in production.
DEMO_KEY_BASE32 = "DEMO" * 8


def demo_code() -> str:
    """The current 6-digit code for the demo key (``candour demo --code``)."""
    from base64 import b32decode  # lazy: only the set-up page and code checks need it

    from django_otp.oath import totp  # lazy: only the set-up page and code checks need it

    return f"{totp(b32decode(DEMO_KEY_BASE32)):06d}"


def second_factor_demo_enrol(*, user: User) -> bool:
    """Give a demo user an authenticator app with the published demo key, unless they have one
    (True if one was set up). Refused in production: anyone could make the codes."""
    from base64 import b32decode  # lazy: only the set-up page and code checks need it

    if settings.CANDOUR_ENV == "production":
        raise RuntimeError("The demo key is published: refusing to set it up in production")
    if confirmed_device(user) is not None:
        return False
    with transaction.atomic():
        device = TOTPDevice.objects.create(user=user, name="Demo authenticator (demo-only key)", confirmed=True,
                                           key=b32decode(DEMO_KEY_BASE32).hex())
        audit_record(actor=Actor.system("demo"), action=AuditVerb.SECOND_FACTOR_ENROLLED, on=user,
                     after={"device": device.name, "replaced": 0})
    return True
