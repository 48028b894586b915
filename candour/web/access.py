"""Every view declares its action; this module enforces it.

``requires(Action.X)`` checks sign-in, the second factor, force membership and the role
matrix, and asks for the password again before sensitive actions. ``public`` marks the few
views anyone may use. A meta-test fails when a URL's view declares neither.

A signed-in session whose user has a second factor (or a role that needs one) reaches no page
but the second-factor pages and sign-out until the code is given
(``candour.accounts.second_factor``); Django admin is behind the same checks
(``candour.accounts.admin``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from candour.accounts.second_factor import second_factor_redirect
from candour.accounts.step_up import REAUTH_SESSION_KEY, mark_reauthenticated, recently_authenticated, step_up_redirect
from candour.domain.access import SENSITIVE_ACTIONS, Action, can

__all__ = ["REAUTH_SESSION_KEY", "mark_reauthenticated", "password_given", "public", "recently_authenticated",
           "requires", "second_factor_redirect", "signed_in", "step_up_redirect"]

View = Callable[..., HttpResponseBase]


def requires(action: Action) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if (pending := second_factor_redirect(request)) is not None:
                return pending
            if user.force_id is None or not can(user.role_set(), action):
                raise PermissionDenied("Your role does not allow this")
            if action in SENSITIVE_ACTIONS and (step_up := step_up_redirect(request)) is not None:
                return step_up
            return view(request, *args, **kwargs)

        wrapped.candour_action = action  # type: ignore[attr-defined]
        return wrapped

    return decorator


def public(view: View) -> View:
    """Mark a view as open to everyone, signed in or not."""
    view.candour_action = None  # type: ignore[attr-defined]
    return view


def signed_in(view: View) -> View:
    """Any signed-in user, whatever their roles (password confirmation, API tokens), once the
    second factor is given if they need one."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if (pending := second_factor_redirect(request)) is not None:
            return pending
        return view(request, *args, **kwargs)

    wrapped.candour_action = "signed_in"  # type: ignore[attr-defined]
    return wrapped


def password_given(view: View) -> View:
    """A signed-in user who may not yet have given their second factor: the second-factor pages
    themselves."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapped.candour_action = "signed_in"  # type: ignore[attr-defined]
    return wrapped
