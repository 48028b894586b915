"""The public portal and tracking, in English and Welsh (config/urls.py mounts them under
i18n_patterns: /report/... in English, /cy/report/... in Welsh)."""

from django.urls import path

from candour.web.portal import views

urlpatterns = [
    path("report/", views.portal_start, name="portal_start"),
    path("report/check-your-answers/", views.portal_check, name="portal_check"),
    path("report/sent/", views.portal_confirmation, name="portal_confirmation"),
    path("report/<slug:slug>/", views.portal_step, name="portal_step"),
    path("track/", views.track_lookup, name="track_lookup"),
    path("track/code/", views.track_code, name="track_code"),
    path("track/<str:token>/", views.track, name="track"),
]
