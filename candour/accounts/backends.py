"""Authentication with lockout after repeated failures (by username, by client address, and
both together), each with a cool-off."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from candour.accounts import services
from candour.common.client import client_hash


def sign_in_address(request: HttpRequest | None) -> str:
    """The keyed hash of the client address the lockout counts under; ``local`` without a
    request (a command run on the server)."""
    return client_hash(request) if request is not None else services.LOCAL


class LockoutModelBackend(ModelBackend):
    """Django's model backend, refusing a username that is locked out from this address."""

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None,
        password: str | None = None, **kwargs: Any,
    ) -> Any:
        if username is None or password is None:
            return None
        address = sign_in_address(request)
        if services.login_is_locked(username=username, address=address):
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            services.login_failure_record(username=username, address=address)
        else:
            services.login_failures_clear(username=username, address=address)
        return user
