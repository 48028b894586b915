"""The screening match-review queue (docs/screening.md)."""

from django.urls import path

from candour.web.screening import views

urlpatterns = [
    path("screening/", views.screening_queue, name="screening_queue"),
    path("screening/candidates/<uuid:candidate_uuid>/", views.screening_candidate, name="screening_candidate"),
]
