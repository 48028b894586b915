"""The page for an error no view handled. When the database cannot be reached (restarted,
failed over, out of connections) the answer is a 503 with ``Retry-After``, in the service's
design and without touching the database again; anything else is the plain 500 page."""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader

#: Seconds a browser or client is asked to wait before trying again.
RETRY_AFTER = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: Django calls it while the exception is being handled, so it is in
    ``sys.exc_info()``. The templates are rendered without the request: its context processors
    could read the database, which is what failed."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render({"retry_after": RETRY_AFTER}), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponse(loader.get_template("500.html").render({}), status=500)
