from django.urls import path

from candour.web.home import views

urlpatterns = [
    path("", views.home, name="home"),
]
