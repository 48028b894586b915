"""Sign in, sign out and confirm password (step-up before sensitive actions)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from candour.accounts import services
from candour.web.access import mark_reauthenticated, public, signed_in
from candour.web.accounts.forms import ConfirmPasswordForm, SignInForm


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "web/accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        mark_reauthenticated(self.request)
        services.user_signed_in_record(user=form.get_user())
        return response


login = public(SignInView.as_view())


@public
@require_POST
def logout(request: HttpRequest) -> HttpResponseBase:
    return auth_views.LogoutView.as_view()(request)


@signed_in
def reauthenticate(request: HttpRequest) -> HttpResponseBase:
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = "/"
    form = ConfirmPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        mark_reauthenticated(request)
        services.user_signed_in_record(user=request.user, reauthentication=True)  # type: ignore[arg-type]
        return HttpResponseRedirect(next_url)
    context: dict[str, Any] = {"form": form, "next": next_url}
    return render(request, "web/accounts/reauthenticate.html", context)
