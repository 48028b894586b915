"""Staff intake: the hotline, internal reports, triage and evidence files (docs/intake.md)."""

from django.urls import path

from candour.web.intake import views

urlpatterns = [
    path("intake/hotline/", views.hotline, name="hotline"),
    path("intake/internal/", views.internal_start, name="internal_start"),
    path("intake/internal/colleague/", views.internal_colleague, name="internal_colleague"),
    path("intake/internal/yourself/", views.internal_self, name="internal_self"),
    path("intake/triage/", views.triage_queue, name="triage_queue"),
    path("intake/triage/<str:reference>/", views.triage_report, name="triage_report"),
    path("intake/evidence/<uuid:evidence_uuid>/", views.evidence_download, name="evidence_download"),
]
