"""The baseline of ``bench/queues.py``: a bare page that looks one case up by primary key.

``GET /bench/case/<id>/`` runs one ``SELECT`` on ``cases_case`` by its primary key and answers
a few bytes of HTML: no template, no scoping, no rules. It runs behind the application's full
middleware stack (session, authentication, CSRF, locale, the audit actor) with the same
session cookie as the pages measured, so the comparison is with what a page costs beyond
Django itself. The application's own URLs follow unchanged. Served only under
``bench.queues_settings``.
"""

from __future__ import annotations

from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.utils.html import escape

from config.urls import urlpatterns as app_urlpatterns


def case_by_pk(request: HttpRequest, pk: int) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reference, state FROM cases_case WHERE id = %s", [pk])
        row = cursor.fetchone()
    if row is None:
        raise Http404("No case")
    return HttpResponse(f"<!DOCTYPE html><title>{escape(row[0])}</title><p>{escape(row[0])}: {escape(row[1])}</p>")


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/case/<int:pk>/", case_by_pk, name="bench_case"),
    *app_urlpatterns,
]
