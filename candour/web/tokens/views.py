"""Your API tokens: the list, a new token (shown once), and revoking one."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from candour.accounts.models import ApiToken, User
from candour.accounts.tokens import TOKEN_SCOPES, api_token_create, api_token_revoke, api_tokens_of
from candour.web.access import signed_in
from candour.web.forms import errors_to_form
from candour.web.tokens.forms import TokenForm


def _holder(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or user.force_id is None:
        raise PermissionDenied("API tokens are for users of a force")
    return user


@signed_in
def token_list(request: HttpRequest) -> HttpResponse:
    tokens = api_tokens_of(_holder(request))
    return render(request, "web/tokens/list.html", {"tokens": tokens, "scope_labels": TOKEN_SCOPES})


@signed_in
@never_cache
def token_create(request: HttpRequest) -> HttpResponse:
    user = _holder(request)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            token = api_token_create(user=user, name=data["name"], scopes=list(data["scopes"]), days=data["days"])
        except ValidationError as exc:
            errors_to_form(form, exc)
        else:
            # Shown on this response only: never in a message, the session or a URL.
            return render(request, "web/tokens/created.html", {"token": token, "name": data["name"].strip()})
    return render(request, "web/tokens/new.html", {"form": form})


@signed_in
@require_POST
def token_revoke(request: HttpRequest, token: UUID) -> HttpResponseBase:
    try:
        row = api_token_revoke(user=_holder(request), token_uuid=str(token))
    except (ApiToken.DoesNotExist, ValidationError):
        raise Http404("No such token of yours") from None
    messages.success(request, f"API token ‘{row.name}’ revoked: it no longer works")
    return HttpResponseRedirect(reverse("web:api_tokens"))
