"""Who is on the other end of a request: the client's address, believed from a proxy only when
the proxy is one of ``CANDOUR_TRUSTED_PROXIES``, and a keyed hash of it for storing."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address; behind a trusted proxy, the last hop it added."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if remote in settings.CANDOUR_TRUSTED_PROXIES:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1][:64]
    return remote[:64]


def client_hash(request: HttpRequest) -> str:
    """A keyed hash of the client address: lets abuse be traced without storing addresses."""
    key = settings.SECRET_KEY.encode("utf-8")
    return hmac.new(key, client_address(request).encode("utf-8"), hashlib.sha256).hexdigest()
