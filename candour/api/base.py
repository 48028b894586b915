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

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.operation import Operation
from ninja.security import HttpBearer

from candour.accounts.second_factor import second_factor_redirect
from candour.accounts.tokens import TOKEN_SCOPES, api_token_holder
from candour.domain.access import Action, can

#: The token scope each area's module needs (``TOKEN_SCOPES``); a test checks every operation has one.
AREA_OF_MODULE: dict[str, str] = {
    "candour.api.cases": "cases",
    "candour.api.integrity": "integrity",
    "candour.api.vetting": "vetting",
    "candour.api.screening": "screening",
}


class TokenAuth(HttpBearer):
    """A live token (401 otherwise); then, for an operation, the token's scopes must include its
    area and the user's roles its ``Action`` (403 otherwise). Both run before ninja reads the
    request's input, so a caller learns nothing of an operation it may not use."""

    def __init__(self, *, area: str = "", action: Action | None = None) -> None:
        super().__init__()
        assert not area or area in TOKEN_SCOPES, area
        self.area = area
        self.action = action

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        holder = api_token_holder(token=token)
        if holder is None:
            return None
        user = holder.user
        request.user = user
        if self.area and self.area not in holder.scopes:
            raise HttpError(403, f"This token may not use the {self.area} area of the API")
        if self.action is not None and (user.force_id is None or not can(user.role_set(), self.action)):
            raise HttpError(403, "Your role does not allow this")
        return user


def signed_in_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The OpenAPI document and its docs page, only for a signed-in user (second factor given, if
    they need one) or the holder of a live token (issue 15): anyone else gets 401 JSON, or for the
    docs page the sign-in page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and second_factor_redirect(request) is None:
            return view(request, *args, **kwargs)
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() == "bearer" and token and api_token_holder(token=token.strip()) is not None:
            return view(request, *args, **kwargs)
        if request.path.endswith(".json"):
            return JsonResponse({"detail": "Sign in, or send a live API token, to read the API's description"},
                                status=401)
        return redirect_to_login(request.get_full_path())

    return wrapped


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

    def authorise_before_validation(self) -> None:
        """Give each operation a ``TokenAuth`` that knows its area and ``Action``, so the scope and
        role checks run with authentication, before ninja validates the input (issue 15: a 422
        told a caller the schema of an operation it could not use). Call it after the last
        ``add_router`` and before the URLs are first read (ninja binds routers then)."""
        for _prefix, router in self._routers:
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    func = operation.view_func
                    auth = TokenAuth(area=AREA_OF_MODULE[func.__module__],
                                     action=func.candour_action)  # type: ignore[attr-defined]
                    operation.auth_param = auth  # kept when ninja binds the router to the API
                    operation._set_auth(auth)

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
