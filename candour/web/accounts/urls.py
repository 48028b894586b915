from django.urls import path

from candour.web.accounts import views

urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("confirm-password/", views.reauthenticate, name="reauthenticate"),
    path("second-factor/", views.second_factor_setup, name="second_factor"),
    path("second-factor/code/", views.second_factor_verify, name="second_factor_verify"),
    # Administration: the force's users (docs/administration.md).
    path("users/", views.user_list, name="user_list"),
    path("add-user/", views.user_add, name="user_add"),
    path("users/<str:username>/", views.user_detail, name="user_detail"),
    path("users/<str:username>/roles/", views.user_roles, name="user_roles"),
    path("users/<str:username>/units/", views.user_units, name="user_units"),
    path("users/<str:username>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path("users/<str:username>/reactivate/", views.user_reactivate, name="user_reactivate"),
    path("users/<str:username>/password/", views.user_password, name="user_password"),
    path("users/<str:username>/second-factor/", views.user_second_factor, name="user_second_factor"),
]
