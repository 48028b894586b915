"""Request id and security headers for every request: the Content-Security-Policy, and
``Cache-Control: private, no-store`` unless the view says otherwise, on staff and public pages
alike (a report's answers, a tracking page, the confirmation with its tracking link must not be
left on a shared computer's disk or in a proxy). Static files are served before this, by
WhiteNoise, and stay cacheable."""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from candour.common.context import reset_request_id, set_request_id

_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")



#: The policy every response gets unless its view sets its own (documents add a style nonce).
#: No 'unsafe-inline': the two script elements of base.html carry the request's nonce
#: (``request.csp_nonce``, new on every response, which no cache stores), and nothing else
#: inline runs, so markup injected into a page cannot run a script.
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                           "script-src 'self' 'nonce-{nonce}'; object-src 'none'; base-uri 'none'; "
                           "frame-ancestors 'none'; form-action 'self'")


def content_security_policy(request: HttpRequest, *, style_nonce: str = "") -> str:
    """The policy for ``request``'s response: its script nonce, and a style nonce if given."""
    policy = CONTENT_SECURITY_POLICY.format(nonce=getattr(request, "csp_nonce", "") or secrets.token_urlsafe(16))
    if style_nonce:
        policy = policy.replace("style-src 'self'", f"style-src 'self' 'nonce-{style_nonce}'")
    return policy

class RequestIdMiddleware:
    """Give each request an id. A well-formed ``X-Request-ID`` is kept only when it comes from one
    of ``CANDOUR_TRUSTED_PROXIES`` (so one request can be followed through proxy and service); a
    client's own value never reaches the audit trail, where it could forge a link between events."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        trusted = request.META.get("REMOTE_ADDR", "") in settings.CANDOUR_TRUSTED_PROXIES
        incoming = request.headers.get("X-Request-ID", "") if trusted else ""
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        request.csp_nonce = secrets.token_urlsafe(16)  # type: ignore[attr-defined]
        token = set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-ID"] = request_id
        response.setdefault("Content-Security-Policy", content_security_policy(request))
        response.setdefault("Cache-Control", "private, no-store")
        return response

