"""Django admin for reference data only: forces and units. Case data is never edited here.

Only signed-in administrators (the ``reference_data_manage`` action) reach the admin site,
and every save is written to the audit trail in the admin's own transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from candour.accounts.models import Force, Unit
from candour.audit.events import AuditVerb
from candour.audit.services import Actor, audit_record
from candour.domain.access import Action, can


def _administrators_only(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and user.is_staff and getattr(user, "force_id", None)
                and can(user.role_set(), Action.REFERENCE_DATA_MANAGE))


admin.site.has_permission = _administrators_only  # type: ignore[method-assign]


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
