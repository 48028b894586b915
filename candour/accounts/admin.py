"""Django admin for reference data only: forces and units. Case data is never edited here.

Only administrators (the ``reference_data_manage`` action) reach the admin site, through the
same checks as the service's sensitive pages: signed in through the service's sign-in (the
admin's own sign-in form is not used), the second factor given, and the password given within
``CANDOUR_REAUTH_MINUTES`` (step-up). Every save is written to the audit trail in the admin's
own transaction. A force's ``code`` is read-only: it begins every reference and names the
force's audit chain. The admin's own password-change form, which nothing would audit, leads to
the service's audited page instead.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from candour.accounts.models import Force, Unit
from candour.accounts.second_factor import second_factor_redirect
from candour.accounts.step_up import recently_authenticated
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.domain.access import Action, can


def _administrator(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and getattr(user, "force_id", None)
                and can(user.role_set(), Action.REFERENCE_DATA_MANAGE))


def _administrators_only(request: HttpRequest) -> bool:
    """An administrator, with the second factor given and the password given recently."""
    return (_administrator(request) and second_factor_redirect(request) is None
            and recently_authenticated(request))


def _admin_sign_in(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """Where the admin sends anyone it refuses: the service's sign-in, then the second factor,
    then the password again, and back; a signed-in user who is not an administrator is refused."""
    next_url = request.GET.get("next") or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    if (pending := second_factor_redirect(request)) is not None:
        return HttpResponseRedirect(f"{pending['Location'].split('?')[0]}?{urlencode({'next': next_url})}")
    if not _administrator(request):
        raise PermissionDenied("Only your force's administrators manage reference data")
    if not recently_authenticated(request):
        return HttpResponseRedirect(f"{reverse('accounts:reauthenticate')}?{urlencode({'next': next_url})}")
    return HttpResponseRedirect(next_url)


def _audited_password_page(request: HttpRequest, extra_context: Any = None) -> HttpResponse:
    """A password is changed only through the service, where it is audited."""
    if not _administrators_only(request):
        return _admin_sign_in(request)
    return HttpResponseRedirect(reverse("accounts:user_password", args=[request.user.get_username()]))


admin.site.has_permission = _administrators_only  # type: ignore[method-assign]
admin.site.login = _admin_sign_in  # type: ignore[method-assign]
admin.site.password_change = _audited_password_page  # type: ignore[method-assign,assignment]


class AuditedAdmin(admin.ModelAdmin):
    verb_created: AuditVerb
    verb_changed: AuditVerb

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).filter(**self.scope(request))

    def scope(self, request: HttpRequest) -> dict[str, Any]:
        return {}

    # The role matrix, not Django's per-model permissions, decides who manages reference data.
    def has_module_permission(self, request: HttpRequest) -> bool:
        return _administrators_only(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _administrators_only(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _administrators_only(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _administrators_only(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit_record(actor=Actor.of(request.user), action=self.verb_changed if change else self.verb_created,
                     object_type=obj._meta.model_name, on=obj,
                     after={name: str(form.cleaned_data.get(name)) for name in form.changed_data})


@admin.register(Force)
class ForceAdmin(AuditedAdmin):
    list_display = ("code", "name", "local_policing_body", "region")
    search_fields = ("code", "name")
    readonly_fields = ("code",)  # every reference begins with it, and it names the force's audit chain
    verb_created = AuditVerb.FORCE_CREATED
    verb_changed = AuditVerb.REFERENCE_DATA_CHANGED

    def scope(self, request: HttpRequest) -> dict[str, Any]:
        return {"pk": request.user.force_id}  # type: ignore[union-attr]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Unit)
class UnitAdmin(AuditedAdmin):
    list_display = ("name", "parent")
    search_fields = ("name",)
    exclude = ("force",)
    verb_created = AuditVerb.UNIT_CREATED
    verb_changed = AuditVerb.REFERENCE_DATA_CHANGED

    def scope(self, request: HttpRequest) -> dict[str, Any]:
        return {"force_id": request.user.force_id}  # type: ignore[union-attr]

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:
        if not change:
            obj.force_id = request.user.force_id  # type: ignore[union-attr]
        super().save_model(request, obj, form, change)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "parent":
            kwargs["queryset"] = Unit.objects.filter(force_id=getattr(request.user, "force_id", 0) or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
