from django.contrib import admin
from django.urls import include, path

from candour.api.api import api

admin.site.site_header = "Candour reference data"
admin.site.site_title = "Candour reference data"

urlpatterns = [
    path("", include("candour.web.urls")),
    path("accounts/", include("candour.accounts.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
