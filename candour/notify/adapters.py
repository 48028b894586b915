"""Sending messages to people outside the service: email through Django, or GOV.UK Notify.

Callers never send inside a transaction: they call :func:`notify_after_commit`, which hands
the message over only once the change that caused it has committed (a rolled-back report
sends nothing). The backend is chosen by ``CANDOUR_NOTIFY_BACKEND``:

* ``email`` (default): Django's email backend (console in development, locmem in tests,
  SMTP when configured);
* ``govuk_notify``: the GOV.UK Notify REST API, with ``CANDOUR_NOTIFY_API_KEY`` and one
  Notify template per message kind in ``CANDOUR_NOTIFY_TEMPLATES`` (a JSON object from kind
  to template id; each template receives the message's ``personalisation`` fields).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    kind: str  # e.g. "report_receipt", "tracking_code": picks the Notify template
    to: str
    subject: str
    body: str
    personalisation: dict[str, str] = field(default_factory=dict)
    reference: str = ""


class NotifyError(RuntimeError):
    """The message could not be handed to the backend."""


class Adapter(Protocol):
    def send(self, message: Message) -> None: ...


class EmailAdapter:
    def send(self, message: Message) -> None:
        send_mail(subject=message.subject, message=message.body, from_email=None,
                  recipient_list=[message.to], fail_silently=False)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class GovukNotifyAdapter:
    """GOV.UK Notify's ``POST /v2/notifications/email``, authenticated with an HS256 JWT.

    The API key is ``{name}-{service id (36)}-{secret (36)}``; the token's ``iss`` is the
    service id and ``iat`` the current time, signed with the secret.
    """

    def __init__(self, api_key: str, base_url: str, templates: dict[str, str], timeout: float = 10) -> None:
        if len(api_key) < 74:
            raise NotifyError("CANDOUR_NOTIFY_API_KEY is not a GOV.UK Notify API key")
        self.service_id = api_key[-73:-37]
        self.secret = api_key[-36:]
        if not base_url.startswith(("https://", "http://")):
            raise NotifyError("CANDOUR_NOTIFY_BASE_URL must be an http(s) address")
        self.base_url = base_url.rstrip("/")
        self.templates = templates
        self.timeout = timeout

    def token(self, now: float | None = None) -> str:
        header = _b64(json.dumps({"typ": "JWT", "alg": "HS256"}).encode())
        claims = _b64(json.dumps({"iss": self.service_id, "iat": int(now or time.time())}).encode())
        signing_input = f"{header}.{claims}".encode("ascii")
        signature = _b64(hmac.new(self.secret.encode(), signing_input, hashlib.sha256).digest())
        return f"{header}.{claims}.{signature}"

    def send(self, message: Message) -> None:
        template = self.templates.get(message.kind)
        if not template:
            raise NotifyError(f"No GOV.UK Notify template is configured for {message.kind!r}")
        payload = {"email_address": message.to, "template_id": template,
                   "personalisation": message.personalisation}
        if message.reference:
            payload["reference"] = message.reference
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked in __init__)
            f"{self.base_url}/v2/notifications/email", data=json.dumps(payload).encode(), method="POST",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.token()}",
                     "User-Agent": "candour-notify"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310  # nosec B310 # an http(s) address only, checked in __init__
                if response.status != 201:
                    raise NotifyError(f"GOV.UK Notify answered {response.status}")
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:300].decode("utf-8", "replace")
            raise NotifyError(f"GOV.UK Notify refused the message ({exc.code}): {detail}") from exc
        except OSError as exc:
            raise NotifyError(f"GOV.UK Notify could not be reached: {exc}") from exc


def configured_adapter() -> Adapter:
    if settings.CANDOUR_NOTIFY_BACKEND == "govuk_notify":
        return GovukNotifyAdapter(settings.CANDOUR_NOTIFY_API_KEY, settings.CANDOUR_NOTIFY_BASE_URL,
                                  settings.CANDOUR_NOTIFY_TEMPLATES)
    return EmailAdapter()


def notify_send(message: Message) -> bool:
    """Send now; a failure is logged (with the message kind, never its content) and reported as
    False, so a caller after commit never turns a saved report into an error page."""
    try:
        configured_adapter().send(message)
    except Exception:
        log.exception("notification %s (%s) was not sent", message.kind, message.reference)
        return False
    return True


def notify_after_commit(message: Message) -> None:
    """Queue ``message`` to be sent once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: notify_send(message))
