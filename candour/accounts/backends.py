"""Authentication with lockout after repeated failures."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from candour.accounts import services


class LockoutModelBackend(ModelBackend):
    """Django's model backend, refusing any username that is currently locked out."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None,
        password: str | None = None, **kwargs: Any,
    ) -> Any:
        if username is None or password is None:
            return None
        if services.login_is_locked(username=username):
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            services.login_failure_record(username=username)
        else:
            services.login_failures_clear(username=username)
        return user
