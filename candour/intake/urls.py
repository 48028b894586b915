from django.urls import path

from candour.intake import views_portal, views_staff

app_name = "intake"

#: Public pages, mounted under i18n_patterns: /report/... in English, /cy/report/... in Welsh.
public_urlpatterns = [
    path("report/", views_portal.portal_start, name="portal_start"),
    path("report/check-your-answers/", views_portal.portal_check, name="portal_check"),
    path("report/sent/", views_portal.portal_confirmation, name="portal_confirmation"),
    path("report/<slug:slug>/", views_portal.portal_step, name="portal_step"),
    path("track/", views_portal.track_lookup, name="track_lookup"),
    path("track/code/", views_portal.track_code, name="track_code"),
    path("track/<str:token>/", views_portal.track, name="track"),
]

staff_urlpatterns = [
    path("intake/hotline/", views_staff.hotline, name="hotline"),
    path("intake/internal/", views_staff.internal_start, name="internal_start"),
    path("intake/internal/colleague/", views_staff.internal_colleague, name="internal_colleague"),
    path("intake/internal/yourself/", views_staff.internal_self, name="internal_self"),
    path("intake/triage/", views_staff.triage_queue, name="triage_queue"),
    path("intake/triage/<str:reference>/", views_staff.triage_report, name="triage_report"),
    path("intake/evidence/<uuid:evidence_uuid>/", views_staff.evidence_download, name="evidence_download"),
]

urlpatterns = public_urlpatterns + staff_urlpatterns
