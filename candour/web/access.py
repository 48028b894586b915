"""Every view declares its action; this module enforces it.

``requires(Action.X)`` checks sign-in, force membership and the role matrix, and asks for
the password again before sensitive actions. ``public`` marks the few views anyone may use.
A meta-test fails when a URL's view declares neither.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone

from candour.domain.access import SENSITIVE_ACTIONS, Action, can

REAUTH_SESSION_KEY = "candour_reauthenticated_at"

View = Callable[..., HttpResponseBase]


def mark_reauthenticated(request: HttpRequest) -> None:
    request.session[REAUTH_SESSION_KEY] = timezone.now().isoformat()


def recently_authenticated(request: HttpRequest) -> bool:
    raw = request.session.get(REAUTH_SESSION_KEY)
    if not raw:
        return False
    at = datetime.fromisoformat(raw)
    return timezone.now() - at < timedelta(minutes=settings.CANDOUR_REAUTH_MINUTES)


def requires(action: Action) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if user.force_id is None or not can(user.role_set(), action):
                raise PermissionDenied("Your role does not allow this")
            if action in SENSITIVE_ACTIONS and not recently_authenticated(request):
                query = urlencode({"next": request.get_full_path()})
                return HttpResponseRedirect(f"{reverse('accounts:reauthenticate')}?{query}")
            return view(request, *args, **kwargs)

        wrapped.candour_action = action  # type: ignore[attr-defined]
        return wrapped

    return decorator


def public(view: View) -> View:
    """Mark a view as open to everyone, signed in or not."""
    view.candour_action = None  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    """Any signed-in user, whatever their roles (sign-out, password confirmation)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.candour_action = "signed_in"  # type: ignore[attr-defined]
    return wrapped
