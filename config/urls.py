from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from candour.api.api import api

admin.site.site_header = "Candour reference data"
admin.site.site_title = "Candour reference data"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("candour.web.urls")),
    path("accounts/", include("candour.accounts.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
# Intake, with the public portal in English at /report/... and in Welsh at /cy/report/...
urlpatterns += i18n_patterns(path("", include("candour.intake.urls")), prefix_default_language=False)
