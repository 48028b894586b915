"""The page for an error no view handled. When the database cannot be reached (restarted,
failed over, out of connections) the answer is a 503 with ``Retry-After``, in the service's
design and without touching the database again; anything else is the plain 500 page.

A request Django refuses to read (``handler400``) gets a page that says what to do: a form body
over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` a 413, too many fields or files, or a bad request, a 400;
nothing was saved in either case."""

from __future__ import annotations

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.template import loader

#: Seconds a browser or client is asked to wait before trying again.
RETRY_AFTER = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: Django calls it while the exception is being handled, so it is in
    ``sys.exc_info()``. The templates are rendered without the request: its context processors
    could read the database, which is what failed."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render({
            "retry_after": RETRY_AFTER, **_resend(request)}), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponse(loader.get_template("500.html").render({}), status=500)


#: Fields never written back into a page: what a person typed as a secret.
_SECRET_FIELDS = ("password", "otp", "token", "code")


def _resend(request: HttpRequest) -> dict[str, object]:
    """A form that failed because the database went away comes back with what was typed: the
    503 page carries the fields as hidden inputs (escaped by the template) and a button that
    sends them again to the same address, with the same CSRF token and, on the portal, the same
    submission key (so a report saved before the fault is shown again, not saved twice).
    Passwords and codes are not written back, and files cannot be: the page says so."""
    if request.method != "POST":
        return {}
    try:
        fields = [(name, value) for name, values in request.POST.lists() for value in values
                  if not any(secret in name.lower() for secret in _SECRET_FIELDS)
                  or name == "csrfmiddlewaretoken"]
        had_files = bool(request.FILES)
    except (SuspiciousOperation, UnreadablePostError, MultiPartParserError):  # the body was not read: nothing to give
        return {}
    return {"resend": {"action": request.get_full_path(), "fields": fields, "had_files": had_files}}


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler400``: a request body too big to read is a 413, anything else Django would not
    read (too many fields, a malformed body, a bad host) a 400; both pages say nothing was saved."""
    too_big = isinstance(exception, RequestDataTooBig)
    if request.path.startswith("/api/"):
        # The API answers in JSON, as its other errors do (candour/api/base.py).
        detail = (f"The request body must be smaller than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024} KB"
                  if too_big else "The request could not be read")
        response: HttpResponse = JsonResponse({"detail": detail}, status=413 if too_big else 400)
    elif too_big:
        response = HttpResponse(loader.get_template("413.html").render({
            "text_kb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024,
            "file_mb": settings.CANDOUR_EVIDENCE_MAX_BYTES // (1024 * 1024)}, request), status=413)
    else:
        response = HttpResponse(loader.get_template("400.html").render({}, request), status=400)
    if too_big:
        # The body was not read: close the connection rather than reuse it.
        response["Connection"] = "close"
    response["Cache-Control"] = "no-store"
    return response
