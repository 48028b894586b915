"""The worker's page for administrators, its retry button, and /healthz for a load balancer."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from candour.domain.access import Action
from candour.jobs import selectors
from candour.jobs.services import task_retry
from candour.web.access import public, requires


@public
@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """200 "ok" when the database answers and a worker has been heard from; 503 otherwise.
    No detail: the page is open to anyone who can reach the service."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        healthy = selectors.worker_alive()
    except DatabaseError:
        healthy = False
    response = HttpResponse("ok\n" if healthy else "unavailable\n", content_type="text/plain",
                            status=200 if healthy else 503)
    if not healthy:
        response["Retry-After"] = "30"
    return response


@requires(Action.JOBS_MANAGE)
@require_GET
def jobs_page(request: HttpRequest) -> HttpResponse:
    return render(request, "web/jobs/jobs.html", {
        "jobs": selectors.jobs_status(), "workers": selectors.workers_alive(),
        "queue": selectors.queue_depth(), "failed": selectors.tasks_failed()})


@requires(Action.JOBS_MANAGE)
@require_POST
def task_retry_view(request: HttpRequest, task: UUID) -> HttpResponseBase:
    if not task_retry(str(task)):
        raise Http404("No failed task with that id")
    messages.success(request, "The task is back in the queue: a worker will run it again shortly")
    return HttpResponseRedirect(reverse("web:jobs"))
