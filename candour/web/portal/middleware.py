"""Refuse an oversized request before its body is read, with a page that says what to do."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation


class RequestSizeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.CANDOUR_MAX_REQUEST_BYTES:
            limit_mb = settings.CANDOUR_EVIDENCE_MAX_BYTES // (1024 * 1024)
            # This runs before LocaleMiddleware: take the language from the path (/cy/...) here.
            language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
            with translation.override(language):
                body = render_to_string("web/portal/too_large.html", {"limit_mb": limit_mb}, request=request)
            response = HttpResponse(body, status=413)
            # The body was not read: close the connection rather than reuse it.
            response["Connection"] = "close"
            return response
        return self.get_response(request)
