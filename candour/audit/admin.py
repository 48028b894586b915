from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from candour.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail has no edit or delete path."""

    list_display = ("chain", "seq", "occurred_at", "actor_name", "action", "object_type", "object_id")
    list_filter = ("chain", "action")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
