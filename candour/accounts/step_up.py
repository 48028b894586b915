"""Step-up: before a sensitive page (``SENSITIVE_ACTIONS``) or Django admin, the password must
have been given within the last ``CANDOUR_REAUTH_MINUTES``. The session remembers when."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

REAUTH_SESSION_KEY = "candour_reauthenticated_at"


def mark_reauthenticated(request: HttpRequest) -> None:
    request.session[REAUTH_SESSION_KEY] = timezone.now().isoformat()


def recently_authenticated(request: HttpRequest) -> bool:
    raw = request.session.get(REAUTH_SESSION_KEY)
    if not raw:
        return False
    try:
        at = datetime.fromisoformat(raw)
    except (TypeError, ValueError):
        return False
    return timezone.now() - at < timedelta(minutes=settings.CANDOUR_REAUTH_MINUTES)


def step_up_redirect(request: HttpRequest) -> HttpResponseRedirect | None:
    """To the password again, when the last entry is older than ``CANDOUR_REAUTH_MINUTES``;
    None when it is recent."""
    if recently_authenticated(request):
        return None
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('accounts:reauthenticate')}?{query}")
