"""The baseline of ``bench/intake.py``: a bare Django view that inserts one row.

``POST /bench/insert/`` takes a small form, inserts one row into ``bench_intake_row`` (a
table the bench creates) with one raw ``INSERT`` in autocommit, and answers ``ok``. It runs
behind the application's full middleware stack (the same settings), with no template, no
session write and no CSRF check (there is no form page to take a token from). The
application's own URLs follow unchanged. Served only under ``bench.intake_settings``.
"""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver, path
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from config.urls import handler400, handler500  # noqa: F401 - the handlers are read from the URLconf
from config.urls import urlpatterns as app_urlpatterns

TABLE = "bench_intake_row"
CREATE_SQL = {
    "sqlite": f"CREATE TABLE {TABLE} (id INTEGER PRIMARY KEY AUTOINCREMENT, "
              "created_at TEXT NOT NULL, client TEXT NOT NULL, payload TEXT NOT NULL)",
    "postgresql": f"CREATE TABLE {TABLE} (id BIGSERIAL PRIMARY KEY, "
                  "created_at TIMESTAMPTZ NOT NULL, client TEXT NOT NULL, payload TEXT NOT NULL)",
}


@csrf_exempt
def insert_one(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (created_at, client, payload) VALUES (%s, %s, %s)",  # noqa: S608
                       [timezone.now(), request.POST.get("client", "")[:64], request.POST.get("payload", "")])
    return HttpResponse("ok", content_type="text/plain")


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/insert/", insert_one, name="bench_insert"),
    *app_urlpatterns,
]
