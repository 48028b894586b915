from django.urls import path

from candour.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("confirm-password/", views.reauthenticate, name="reauthenticate"),
]
