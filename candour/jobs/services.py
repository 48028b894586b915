"""The only writers of the jobs tables (and of the task queue's rows when a worker died).

Each change is a conditional ``UPDATE`` or an insert guarded by a unique constraint, so two
workers racing for the same run or the same slot cannot both win.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from candour.jobs.models import JobRun, WorkerBeat


def job_run_claim(*, job: str, slot: datetime) -> JobRun | None:
    """Claim ``slot`` of ``job``: the new run, or None if another worker claimed it first."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(job=job, slot=slot)
    except IntegrityError:
        return None


def job_run_started(run_id: int) -> JobRun | None:
    """Mark run ``run_id`` running (one more attempt); None if it has already succeeded."""
    changed = (JobRun.objects.filter(pk=run_id).exclude(state=JobRun.State.SUCCEEDED)
               .update(state=JobRun.State.RUNNING, started_at=timezone.now(), finished_at=None, error="",
                       attempts=F("attempts") + 1))
    return JobRun.objects.get(pk=run_id) if changed else None


def job_run_succeeded(run_id: int, *, output: str) -> None:
    JobRun.objects.filter(pk=run_id).update(state=JobRun.State.SUCCEEDED, finished_at=timezone.now(),
                                            output=output, error="")


def job_run_failed(run_id: int, *, error: str, output: str) -> None:
    JobRun.objects.filter(pk=run_id).update(state=JobRun.State.FAILED, finished_at=timezone.now(),
                                            output=output, error=error)


def job_run_task_set(run: JobRun, task_id: str) -> None:
    JobRun.objects.filter(pk=run.pk).update(task_id=task_id)


def worker_beat(worker_id: str, *, started_at: datetime) -> None:
    """Record that worker ``worker_id`` is alive now."""
    now = timezone.now()
    updated = WorkerBeat.objects.filter(pk=worker_id).update(seen_at=now)
    if not updated:
        WorkerBeat.objects.update_or_create(
            worker_id=worker_id, defaults={"host": socket.gethostname()[:255], "pid": os.getpid(),
                                           "started_at": started_at, "seen_at": now})


def worker_gone(worker_id: str) -> None:
    """A worker that stops cleanly removes its heartbeat."""
    WorkerBeat.objects.filter(pk=worker_id).delete()


def tasks_orphaned_requeue(*, stale_after: timedelta) -> int:
    """Put back in the queue each running task whose worker has not been seen for
    ``stale_after`` (it was killed, or its machine went down); returns how many. The task
    runs again from its start: every task here is idempotent (a job run that succeeded is
    not run twice, ``job_run_started``)."""
    cutoff = timezone.now() - stale_after
    alive = set(WorkerBeat.objects.filter(seen_at__gte=cutoff).values_list("worker_id", flat=True))
    requeued = 0
    for row in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only("id", "worker_ids", "started_at"):
        owner = row.worker_ids[-1] if row.worker_ids else None
        if owner in alive:
            continue
        if row.started_at is not None and row.started_at >= cutoff:
            continue  # just claimed: its worker may not have beaten yet
        requeued += (DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING,
                                                 started_at=row.started_at)
                     .update(status=TaskResultStatus.READY, started_at=None))
    return requeued


def task_retry(task_id: str) -> bool:
    """Put a failed task back in the queue (the administrator's retry button)."""
    return bool(DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.FAILED)
                .update(status=TaskResultStatus.READY, started_at=None, finished_at=None,
                        exception_class_path="", traceback=""))
