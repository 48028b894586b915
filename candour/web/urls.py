from django.urls import path

from candour.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("cases/<str:reference>/", views.case_detail, name="case_detail"),
    path("officers/<uuid:officer_uuid>/", views.officer_detail, name="officer_detail"),
    path("officers/<uuid:officer_uuid>/protected-characteristics/",
         views.officer_protected_characteristics, name="officer_protected_characteristics"),
]
