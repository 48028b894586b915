from django.urls import path

from candour.web.accounts import views

urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("confirm-password/", views.reauthenticate, name="reauthenticate"),
]
