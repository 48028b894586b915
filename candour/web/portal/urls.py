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
    path("track/<str:token>/add-information/", views.track_add_information, name="track_add_information"),
    path("track/<str:token>/withdraw/", views.track_withdraw, name="track_withdraw"),
    path("privacy/", views.portal_privacy, name="portal_privacy"),
    path("accessibility/", views.portal_accessibility, name="portal_accessibility"),
    path("cookies/", views.portal_cookies, name="portal_cookies"),
    path("contact/", views.portal_contact, name="portal_contact"),
    path("feedback/", views.portal_feedback, name="portal_feedback"),
]
