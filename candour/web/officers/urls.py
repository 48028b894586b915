from django.urls import path

from candour.web.officers import views

urlpatterns = [
    path("officers/<uuid:officer_uuid>/", views.officer_detail, name="officer_detail"),
    path("officers/<uuid:officer_uuid>/protected-characteristics/", views.officer_protected_characteristics,
         name="officer_protected_characteristics"),
]
