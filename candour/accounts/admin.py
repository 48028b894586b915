"""Django admin for reference data only: forces and units. Case data is never edited here."""

from django.contrib import admin

from candour.accounts.models import Force, Unit


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "local_policing_body", "region")
    search_fields = ("code", "name")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "force", "parent")
    list_filter = ("force",)
    search_fields = ("name",)
