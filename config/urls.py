from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from candour.api.api import api
from candour.web import urls as web

admin.site.site_header = "Candour reference data"
admin.site.site_title = "Candour reference data"

# Intake first: the public portal (/report/... in English, /cy/report/... in Welsh) takes most of
# the traffic, and Django tries the patterns in order. No other area's paths begin report/,
# track/ or intake/ (candour/web/tests/test_urls.py checks it).
urlpatterns: list[URLPattern | URLResolver] = [
    *i18n_patterns(path("", include(web.INTAKE)), prefix_default_language=False),
    path("", include(web.WEB)),
    path("accounts/", include(web.ACCOUNTS)),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

# A request Django would not read: 413 for a body too big, else a 400 page that says what to do.
handler400 = "candour.web.errors.bad_request"
# An error no view handled: 503 with Retry-After when the database is unreachable, else 500.
handler500 = "candour.web.errors.server_error"
