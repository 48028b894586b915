"""Workforce integrity registers (docs/workforce.md)."""

from django.urls import path

from candour.web.integrity import views

urlpatterns = [
    path("officers/<uuid:officer_uuid>/suspensions/new/", views.suspension_start, name="suspension_start"),
    path("officers/<uuid:officer_uuid>/convictions/new/", views.conviction_record, name="conviction_record"),
    path("integrity/", views.integrity_totals, name="integrity_totals"),
    path("integrity/suspensions/", views.suspension_list, name="suspension_list"),
    path("integrity/suspensions/<uuid:suspension_uuid>/", views.suspension_detail, name="suspension_detail"),
    path("integrity/suspensions/<uuid:suspension_uuid>/review/", views.suspension_review,
         name="suspension_review"),
    path("integrity/suspensions/<uuid:suspension_uuid>/confirmation/", views.suspension_confirmation,
         name="suspension_confirmation"),
    path("integrity/suspensions/<uuid:suspension_uuid>/representations/", views.suspension_representations,
         name="suspension_representations"),
    path("integrity/suspensions/<uuid:suspension_uuid>/end/", views.suspension_end, name="suspension_end"),
    path("integrity/convictions/", views.conviction_list, name="conviction_list"),
    path("integrity/convictions/report/", views.conviction_report, name="conviction_report"),
    path("integrity/convictions/<uuid:conviction_uuid>/", views.conviction_detail, name="conviction_detail"),
    path("integrity/warnings/", views.warnings_register, name="warnings_register"),
    path("integrity/lists/", views.list_register, name="list_register"),
    path("integrity/lists/export.csv", views.list_export, name="list_export"),
    path("integrity/lists/<uuid:entry_uuid>/reported/", views.list_entry_reported, name="list_entry_reported"),
]
