from django.urls import path

from candour.web.tokens import views

urlpatterns = [
    path("account/api-tokens/", views.token_list, name="api_tokens"),
    path("account/api-tokens/new/", views.token_create, name="api_token_create"),
    path("account/api-tokens/<uuid:token>/revoke/", views.token_revoke, name="api_token_revoke"),
]
