"""Sign in, sign out and confirm password (step-up before sensitive actions), and the
administrator's pages for the force's users."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts import selectors, services
from candour.accounts.models import Unit, User
from candour.domain.access import Action
from candour.web.access import mark_reauthenticated, public, requires, signed_in
from candour.web.accounts import forms as f
from candour.web.accounts.forms import ConfirmPasswordForm, SignInForm
from candour.web.pages import form_page


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
        "is_self": shown.pk == request.user.pk})


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
