"""The administrator's jobs page, its retry button, and /healthz (issue 17)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from candour.jobs.models import WorkerBeat
from candour.jobs.scheduler import schedule_tick
from candour.jobs.services import worker_beat
from candour.jobs.tests.worker_tasks import slow_step
from candour.testing.cast import Cast

pytestmark = pytest.mark.django_db


def test_healthz_says_ok_only_with_the_database_and_a_live_worker(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 503 and response.content == b"unavailable\n"
    assert response["Retry-After"] == "30"
    worker_beat("w1", started_at=timezone.now())
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    WorkerBeat.objects.update(seen_at=timezone.now() - timedelta(minutes=10))
    assert client.get("/healthz").status_code == 503


def test_the_jobs_page_shows_each_job_its_last_and_next_run_and_retries_a_failure(
        cast: Cast, client: Client) -> None:
    schedule_tick()
    failed = slow_step.enqueue(1, "/dev/null", 0)
    DBTaskResult.objects.filter(pk=failed.id).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now(),
        traceback="Traceback...\nOperationalError: could not connect to server")
    client.force_login(cast.user("administrator"))
    home = client.get("/").content.decode()
    assert '<a class="govuk-link" href="/administration/jobs/">Jobs and the worker</a>' in home
    page = client.get("/administration/jobs/").content.decode()
    assert "No worker is running" in page
    assert "Recompute each open case&#x27;s next due date" in page and "every day at 01:00" in page
    assert "Queued" in page and "every hour" in page
    assert "OperationalError: could not connect to server" in page
    retry = client.post(f"/administration/jobs/tasks/{failed.id}/retry/")
    assert retry.status_code == 302
    assert DBTaskResult.objects.get(pk=failed.id).status == TaskResultStatus.READY
    assert client.post(f"/administration/jobs/tasks/{failed.id}/retry/").status_code == 404


def test_only_an_administrator_sees_the_jobs_page(cast: Cast, client: Client) -> None:
    client.force_login(cast.user("analyst"))
    assert client.get("/administration/jobs/").status_code == 403
    failed = slow_step.enqueue(2, "/dev/null", 0)
    DBTaskResult.objects.filter(pk=failed.id).update(status=TaskResultStatus.FAILED)
    assert client.post(f"/administration/jobs/tasks/{failed.id}/retry/").status_code == 403
    assert DBTaskResult.objects.get(pk=failed.id).status == TaskResultStatus.FAILED
