"""What every area of /api/v1 shares: token auth, the API class (JSON for every error, the
published operation ids), and ``declares``, which each operation uses to name its ``Action``.

Every error is JSON and documented on every operation: ``{"detail": "..."}`` for 401, 403 and
404, ``{"detail": [{"type", "loc", "msg"}, ...]}`` for input the schema refuses (422).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Any, ClassVar

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.operation import Operation
from ninja.security import HttpBearer

from candour.accounts.services import api_token_user
from candour.domain.access import Action, can


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token=token)
        if user is not None:
            request.user = user
        return user


class CandourAPI(NinjaAPI):
    """Ninja's API, with a last URL pattern answering JSON 404: an address under /api/v1/ that
    no operation matches (a typo, a path parameter holding ``/``) gets ``{"detail": ...}`` and
    not the HTML page-not-found. A 404 raised by a handler and input the schema refuses are
    JSON too (``not_found``, ``invalid_input``)."""

    #: Operation ids are part of the published document: clients are generated from it. Ninja
    #: derives them from the handler's module, and they were minted when every handler lived in
    #: ``candour.api.api`` or ``candour.api.vetting``; each area keeps the ids it had then. An
    #: area not listed gets ninja's default id.
    OPERATION_ID_MODULES: ClassVar[dict[str, str]] = {
        "candour.api.cases": "candour.api.api",
        "candour.api.integrity": "candour.api.api",
        "candour.api.vetting": "candour.api.vetting",
        "candour.api.screening": "candour.api.vetting",
    }

    def get_openapi_operation_id(self, operation: Operation) -> str:
        module = operation.view_func.__module__
        return f"{self.OPERATION_ID_MODULES.get(module, module)}_{operation.view_func.__name__}".replace(".", "_")

    def set_default_exception_handlers(self) -> None:
        super().set_default_exception_handlers()
        self.exception_handler(Http404)(self.not_found)
        self.exception_handler(ValidationError)(self.invalid_input)

    def not_found(self, request: HttpRequest, exc: Exception) -> HttpResponse:
        return self.create_response(request, {"detail": "Not found"}, status=404)

    def invalid_input(self, request: HttpRequest, exc: ValidationError) -> HttpResponse:
        """422 ``{"detail": [{"type", "loc", "msg"}]}``: pydantic's issues without the input echoed
        back or its context (which can hold objects JSON cannot carry)."""
        issues = [{"type": str(error.get("type", "invalid")),
                   "loc": [part if isinstance(part, int) else str(part) for part in error.get("loc", ())],
                   "msg": str(error.get("msg", "Invalid value"))} for error in exc.errors]
        return self.create_response(request, {"detail": issues}, status=422)

    def _get_urls(self) -> list[URLPattern | URLResolver]:
        @csrf_exempt
        def no_such_operation(request: HttpRequest, rest: str = "") -> HttpResponse:
            return self.create_response(request, {"detail": "Not found"}, status=404)

        return [*super()._get_urls(), re_path(r"^(?P<rest>.*)$", no_such_operation)]


def declares(action: Action) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The operation's ``Action``: a token whose user has no force or whose roles do not allow it
    is refused (403) before the handler runs. A test fails when an operation declares none."""

    def decorator(func: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(func)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            user = request.user
            if user.force_id is None or not can(user.role_set(), action):  # type: ignore[union-attr]
                raise HttpError(403, "Your role does not allow this")
            return func(request, *args, **kwargs)

        wrapped.candour_action = action  # type: ignore[attr-defined]
        # Ninja reads the parameters' types from the wrapper and resolves string annotations in
        # the wrapper's globals (this module's); give it the handler's own, resolved in its module.
        wrapped.__signature__ = inspect.signature(func, eval_str=True)  # type: ignore[attr-defined]
        return wrapped

    return decorator


def refusal(exc: DjangoValidationError, *, detail: str = "This change is refused") -> tuple[int, dict[str, Any]]:
    """409 with every reason a service refused the change (``RefusedOut``)."""
    return 409, {"detail": detail, "reasons": exc.messages}
