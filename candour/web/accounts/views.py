"""Sign in, sign out and confirm password (step-up before sensitive actions), and the
administrator's pages for the force's users."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts import second_factor, selectors, services
from candour.accounts.backends import sign_in_address
from candour.accounts.models import Unit, User
from candour.accounts.second_factor import SecondFactor
from candour.domain.access import Action
from candour.web.access import mark_reauthenticated, password_given, public, requires, signed_in, step_up_redirect
from candour.web.accounts import forms as f
from candour.web.accounts.forms import ConfirmPasswordForm, SignInForm
from candour.web.pages import form_page


def _safe_next(request: HttpRequest, default: str = "/") -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or default
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        return default
    return next_url


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "web/accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        """The password was right: sign in, then ask for the code when the user has a second
        factor, or to set one up when their roles need one. Until then no other page opens
        (``candour.web.access``), and the sign-in is audited only once it is complete."""
        response = super().form_valid(form)
        mark_reauthenticated(self.request)
        state = second_factor.second_factor_state(self.request)
        if state == SecondFactor.VERIFY:
            return HttpResponseRedirect(_with_next("accounts:second_factor_verify", response["Location"]))
        if state == SecondFactor.ENROL:
            return HttpResponseRedirect(_with_next("accounts:second_factor", response["Location"]))
        services.user_signed_in_record(user=form.get_user())
        return response


login = public(SignInView.as_view())


@public
@require_POST
def logout(request: HttpRequest) -> HttpResponseBase:
    return auth_views.LogoutView.as_view()(request)


@signed_in
def reauthenticate(request: HttpRequest) -> HttpResponseBase:
    next_url = _safe_next(request)
    form = ConfirmPasswordForm(request.POST or None, user=request.user, request=request)
    if request.method == "POST" and form.is_valid():
        mark_reauthenticated(request)
        services.user_signed_in_record(user=request.user, reauthentication=True)  # type: ignore[arg-type]
        return HttpResponseRedirect(next_url)
    context: dict[str, Any] = {"form": form, "next": next_url}
    return render(request, "web/accounts/reauthenticate.html", context)


# -- the second factor (docs/security.md, Sign-in) -------------------------------------------


@password_given
@require_http_methods(["GET", "POST"])
def second_factor_verify(request: HttpRequest) -> HttpResponseBase:
    """After the password: the 6-digit code from the user's authenticator app."""
    user: User = request.user  # type: ignore[assignment]
    next_url = _safe_next(request)
    has_device = second_factor.confirmed_device(user) is not None
    form = f.SecondFactorCodeForm(request.POST if request.method == "POST" and has_device else None)
    if request.method == "POST" and has_device and form.is_valid():
        address = sign_in_address(request)
        if second_factor.second_factor_verify(request=request, user=user, token=form.cleaned_data["code"],
                                              address=address):
            services.user_signed_in_record(user=user, second_factor=True)
            return HttpResponseRedirect(next_url)
        form.add_error("code", _code_refusal(user, address))
    return render(request, "web/accounts/second_factor_verify.html",
                  {"form": form, "next": next_url, "has_device": has_device})


def _code_refusal(user: User, address: str) -> str:
    if services.login_is_locked(username=user.username, address=address):
        return (f"Too many failed attempts. Wait {settings.CANDOUR_LOGIN_LOCK_MINUTES} minutes and try again, "
                "or ask your administrator to help")
    return ("The code is not correct, or has already been used. Wait for the app to show a new code "
            "and enter that")


@password_given
@require_http_methods(["GET", "POST"])
def second_factor_setup(request: HttpRequest) -> HttpResponseBase:
    """Sign-in security: set up an authenticator app (a QR code drawn on the server, and the
    secret as text for an app that cannot scan), or see that one is set up. Setting one up
    again, to move it to a new phone, asks for the password first."""
    user: User = request.user  # type: ignore[assignment]
    next_url = _safe_next(request, default="")
    state = second_factor.second_factor_state(request)
    if state == SecondFactor.VERIFY:  # has an app: the code first, then this page
        return HttpResponseRedirect(_with_next("accounts:second_factor_verify", request.get_full_path()))
    required = second_factor.required_for(user)
    has_device = second_factor.confirmed_device(user) is not None
    replacing = has_device and request.GET.get("new") == "1"
    setting_up = state == SecondFactor.ENROL or not has_device or replacing
    if setting_up and state != SecondFactor.ENROL and (step_up := step_up_redirect(request)) is not None:
        return step_up
    form = f.SecondFactorCodeForm(request.POST if request.method == "POST" and setting_up else None,
                                  button="Finish setting up")
    if request.method == "POST" and setting_up and form.is_valid():
        address = sign_in_address(request)
        if second_factor.second_factor_enrol(request=request, user=user, token=form.cleaned_data["code"],
                                             address=address):
            if state == SecondFactor.ENROL:
                services.user_signed_in_record(user=user, second_factor=True)
            messages.success(request, "Your authenticator app is set up. You will be asked for a code from it "
                                      "each time you sign in")
            return HttpResponseRedirect(next_url or reverse("accounts:second_factor"))
        form.add_error("code", _code_refusal(user, address))
    context: dict[str, Any] = {"form": form, "next": next_url, "required": required, "has_device": has_device,
                               "setting_up": setting_up, "replacing": replacing,
                               "must_enrol": state == SecondFactor.ENROL}
    if setting_up:
        device = second_factor.enrolment_device(user=user)
        context.update(qr_svg=second_factor.qr_code_svg(device), secret=second_factor.secret_text(device))
    response = render(request, "web/accounts/second_factor.html", context)
    response["Cache-Control"] = "no-store"  # the page shows the secret
    return response


# -- administration: the force's users (docs/administration.md) ------------------------------


@requires(Action.USER_MANAGE)
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    """Every user of the administrator's force, active first, with their roles and units."""
    status = request.GET.get("status", "")
    if status not in ("", "active", "deactivated"):
        status = ""
    users = list(selectors.user_list_for_user(user=request.user, status=status))  # type: ignore[arg-type]
    everyone = selectors.user_list_for_user(user=request.user)  # type: ignore[arg-type]
    counts = {"all": everyone.count(), "active": everyone.filter(is_active=True).count()}
    counts["deactivated"] = counts["all"] - counts["active"]
    return render(request, "web/accounts/users/list.html", {"users": users, "status": status, "counts": counts})


def _back(user: User) -> str:
    return reverse("accounts:user_detail", args=[user.username])


def _units(request: HttpRequest, data: dict[str, Any]) -> list[Unit]:
    return selectors.unit_find_for_user(user=request.user, uuids=list(data.get("units") or []))  # type: ignore[arg-type]


@requires(Action.USER_MANAGE)
@require_http_methods(["GET", "POST"])
def user_add(request: HttpRequest) -> HttpResponse:
    by = request.user
    return form_page(
        request, f.UserAddForm, form_kwargs={"units": selectors.unit_list_for_user(user=by)},  # type: ignore[arg-type]
        save=lambda d: services.user_add(
            by=by, username=d["username"], password=d["password"], roles=list(d.get("roles") or []),  # type: ignore[arg-type]
            display_name=d["display_name"], email=d.get("email") or "", units=_units(request, d)),
        done=lambda u: f"{u.name} added as {u.username}, with "
                       + (f"the roles {u.roles_label}" if u.roles else "no roles")
                       + ". Tell them their password in person or by phone",
        then=_back, title="Add a user", caption=by.force.name,  # type: ignore[union-attr]
        back=reverse("accounts:user_list"), back_text="Users",
        intro="They can sign in as soon as you add them, with the password you set here.")


@requires(Action.USER_MANAGE)
@require_GET
def user_detail(request: HttpRequest, username: str) -> HttpResponse:
    shown = selectors.user_get_for_user(user=request.user, username=username)  # type: ignore[arg-type]
    history = selectors.user_history_for_user(user=request.user, shown=shown)  # type: ignore[arg-type]
    return render(request, "web/accounts/users/detail.html", {
        "shown": shown, "units": list(shown.units.all()), "history": history,
        "is_self": shown.pk == request.user.pk,
        "has_second_factor": second_factor.confirmed_device(shown) is not None,
        "second_factor_required": second_factor.required_for(shown)})


@requires(Action.USER_MANAGE)
@require_http_methods(["GET", "POST"])
def user_roles(request: HttpRequest, username: str) -> HttpResponse:
    by = request.user
    shown = selectors.user_get_for_user(user=by, username=username)  # type: ignore[arg-type]
    return form_page(
        request, f.UserRolesForm, initial={"roles": list(shown.roles)},
        save=lambda d: services.user_roles_change(user=shown, roles=list(d.get("roles") or []), by=by),  # type: ignore[arg-type]
        done=lambda u: f"{u.name}'s roles are now " + (u.roles_label if u.roles else "none: they can only "
                                                                                      "report a concern"),
        then=_back(shown), title="Change roles", caption=shown.name, back=_back(shown), back_text=shown.name,
        page_title=f"Change roles – {shown.name}")


@requires(Action.USER_MANAGE)
@require_http_methods(["GET", "POST"])
def user_units(request: HttpRequest, username: str) -> HttpResponse:
    by = request.user
    shown = selectors.user_get_for_user(user=by, username=username)  # type: ignore[arg-type]
    return form_page(
        request, f.UserUnitsForm, initial={"units": [str(u.uuid) for u in shown.units.all()]},
        form_kwargs={"units": selectors.unit_list_for_user(user=by)},  # type: ignore[arg-type]
        save=lambda d: services.user_units_set(user=shown, units=_units(request, d), by=by),  # type: ignore[arg-type]
        done=lambda u: f"{u.name}'s units are now " + (", ".join(x.name for x in u.units.all()) or "none"),
        then=_back(shown), title="Change units", caption=shown.name, back=_back(shown), back_text=shown.name)


@requires(Action.USER_MANAGE)
@require_http_methods(["GET", "POST"])
def user_deactivate(request: HttpRequest, username: str) -> HttpResponse:
    by = request.user
    shown = selectors.user_get_for_user(user=by, username=username)  # type: ignore[arg-type]
    return form_page(
        request, f.UserDeactivateForm, closed=not shown.is_active,
        save=lambda d: services.user_deactivate(user=shown, by=by, reason=d["reason"]),  # type: ignore[arg-type]
        done=lambda u: f"{u.name}'s account is deactivated: they can no longer sign in",
        then=_back(shown), title="Deactivate account", caption=shown.name, back=_back(shown),
        back_text=shown.name,
        intro=("They will be signed out and cannot sign in or use the API until the account is reactivated. "
               "Nothing they recorded is removed." if shown.is_active else
               "This account is already deactivated."))


@requires(Action.USER_MANAGE)
@require_http_methods(["GET", "POST"])
def user_reactivate(request: HttpRequest, username: str) -> HttpResponse:
    by = request.user
    shown = selectors.user_get_for_user(user=by, username=username)  # type: ignore[arg-type]
    return form_page(
        request, f.UserReactivateForm, closed=shown.is_active,
        save=lambda d: services.user_reactivate(user=shown, by=by),  # type: ignore[arg-type]
        done=lambda u: f"{u.name}'s account is active again: they can sign in with their roles "
                       + (u.roles_label or "(none)"),
        then=_back(shown), title="Reactivate account", caption=shown.name, back=_back(shown),
        back_text=shown.name,
        intro=("This account is already active." if shown.is_active else
               "They will be able to sign in again with the roles and units they had."))


@requires(Action.USER_MANAGE)
@require_http_methods(["GET", "POST"])
def user_password(request: HttpRequest, username: str) -> HttpResponse:
    by = request.user
    shown = selectors.user_get_for_user(user=by, username=username)  # type: ignore[arg-type]
    return form_page(
        request, f.UserPasswordForm,
        save=lambda d: services.user_password_set(user=shown, password=d["password"], by=by),  # type: ignore[arg-type]
        done=lambda u: f"New password set for {u.name}. They are signed out everywhere and can sign in with it now",
        then=_back(shown), title="Set a new password", caption=shown.name, back=_back(shown),
        back_text=shown.name,
        intro="For a user who has forgotten their password. They are signed out on every device, and any "
              "lock after failed sign-ins is lifted. Tell them the new password in person or by phone.")


@requires(Action.USER_MANAGE)
@require_http_methods(["GET", "POST"])
def user_second_factor(request: HttpRequest, username: str) -> HttpResponse:
    by = request.user
    shown = selectors.user_get_for_user(user=by, username=username)  # type: ignore[arg-type]
    has_device = second_factor.confirmed_device(shown) is not None
    return form_page(
        request, f.UserSecondFactorResetForm, closed=not has_device,
        save=lambda d: second_factor.user_second_factor_reset(user=shown, by=by),  # type: ignore[arg-type]
        done=lambda n: f"{shown.name}'s authenticator app is removed. "
                       + ("They must set up a new one when they next sign in" if second_factor.required_for(shown)
                          else "They may set up a new one from Sign-in security"),
        then=_back(shown), title="Reset second factor", caption=shown.name, back=_back(shown),
        back_text=shown.name,
        intro=("For a user who has lost the phone their authenticator app is on, or has a new one. Check who "
               "they are first, in person or by phone: whoever sets up the next app can sign in as them."
               if has_device else f"{shown.name} has no authenticator app set up: there is nothing to reset."))
