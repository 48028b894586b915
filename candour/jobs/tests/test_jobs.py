"""The schedule's claims and the requeue of orphaned tasks, in one process (issue 17)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from candour.jobs.models import JobRun
from candour.jobs.registry import JOBS
from candour.jobs.scheduler import schedule_tick
from candour.jobs.services import job_run_claim, job_run_started, task_retry, tasks_orphaned_requeue, worker_beat
from candour.jobs.tests.worker_tasks import slow_step

pytestmark = pytest.mark.django_db


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(2026, 12, day, hour, minute))


def test_each_due_job_is_queued_once_for_its_slot() -> None:
    queued = schedule_tick(local(7, 9, 30))
    assert sorted(r.job for r in queued) == sorted(JOBS)
    assert {r.job: timezone.localtime(r.slot) for r in queued}["clocks"] == local(7, 1)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == len(JOBS)
    assert schedule_tick(local(7, 9, 45)) == []  # a second worker ticking: nothing more
    later = schedule_tick(local(7, 10, 1))
    assert [r.job for r in later] == ["purge"]  # the hourly job's next slot, the nightly ones wait
    assert JobRun.objects.count() == len(JOBS) + 1


def test_a_slot_claimed_by_one_worker_is_refused_to_another() -> None:
    assert job_run_claim(job="clocks", slot=local(7, 1)) is not None
    assert job_run_claim(job="clocks", slot=local(7, 1)) is None
    assert JobRun.objects.filter(job="clocks").count() == 1


def test_a_run_that_succeeded_is_not_started_again() -> None:
    run = job_run_claim(job="clocks", slot=local(7, 1))
    assert run is not None
    started = job_run_started(run.pk)
    assert started is not None and started.attempts == 1
    JobRun.objects.filter(pk=run.pk).update(state=JobRun.State.SUCCEEDED)
    assert job_run_started(run.pk) is None


def test_only_tasks_of_dead_workers_go_back_in_the_queue() -> None:
    now = timezone.now()
    alive, dead = slow_step.enqueue(1, "/dev/null", 0), slow_step.enqueue(2, "/dev/null", 0)
    worker_beat("alive", started_at=now)
    old = now - timedelta(minutes=5)
    DBTaskResult.objects.filter(pk=alive.id).update(status=TaskResultStatus.RUNNING, worker_ids=["alive"],
                                                     started_at=old)
    DBTaskResult.objects.filter(pk=dead.id).update(status=TaskResultStatus.RUNNING, worker_ids=["gone"],
                                                    started_at=old)
    assert tasks_orphaned_requeue(stale_after=timedelta(seconds=60)) == 1
    assert DBTaskResult.objects.get(pk=dead.id).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=alive.id).status == TaskResultStatus.RUNNING


def test_retry_puts_back_only_a_failed_task() -> None:
    result = slow_step.enqueue(3, "/dev/null", 0)
    assert task_retry(str(result.id)) is False
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.FAILED, traceback="boom")
    assert task_retry(str(result.id)) is True
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY
